"""The autouse fixture the integration conftest imports: every test's log output is scanned for mobiles."""
import pytest

from tests.log_scan import LogCapture


@pytest.fixture(autouse=True)
def no_unmasked_mobile_in_logs(request):
    """Every log line a test makes the code write is scanned: a mainland mobile in clear fails the test."""
    with LogCapture() as capture:
        yield
    found = capture.with_mobiles()
    if found:
        shown = "\n".join(line[:600] for line in found[:5])
        pytest.fail(f"{request.node.nodeid} logged {len(found)} line(s) with an unmasked mobile:\n{shown}",
                    pytrace=False)
