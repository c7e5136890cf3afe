"""Schemathesis runs every operation of GET /api/openapi.json against the local stack as a tenant, a staff
member and anonymous: no 5xx, every status documented, every answer matching its schema, and no answer to
tenant A carrying a marker of tenant B."""
import json
import time
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.e2e.test_admin_and_small_fixes import Api

EXAMPLES = 4  # per operation the identity may use; the others (401/403 only) get one
# Operations that would end the fuzzing identities' sessions (the rest of the run would then only see 401s).
SKIPPED = ("/api/me/password", "logout")
B = {"company": "哨兵乙大药房", "code": "LEAKB212", "name": "哨兵乙客户", "mobile": "13799990212"}


def leak_check(markers: tuple[str, ...]):
    @schemathesis.check
    def no_other_tenants_data(ctx, response, case):
        """No answer to tenant A holds tenant B's company, customer code, customer name or mobile."""
        text = readable(response.content)
        leaked = [marker for marker in markers if marker in text]
        if leaked:
            raise AssertionError(f"answer to tenant A holds tenant B's {leaked}")
    return no_other_tenants_data


class _Answer:
    def __init__(self, text: str):
        self.content = text.encode()


def test_the_leak_check_fires_on_tenant_b_data():
    check = leak_check((B["code"],))
    check(None, _Answer('{"items": [{"customer_code": "FUZZA1"}]}'), None)
    with pytest.raises(AssertionError, match=B["code"]):
        check(None, _Answer(f'{{"customer_code": "{B["code"]}"}}'), None)
    chinese = leak_check((B["name"],))
    with pytest.raises(AssertionError, match=B["name"]):
        chinese(None, _Answer(json.dumps({"name": B["name"]})), None)  # sent as \\uXXXX escapes


def readable(content: bytes) -> str:
    """The answer's text with Chinese as characters (the API sends JSON with \\uXXXX escapes)."""
    try:
        return json.dumps(json.loads(content), ensure_ascii=False)
    except ValueError:
        return content.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def identities(stack):
    """Bearer headers of tenant A (with data and an API key), of the platform admin, and of no one."""
    api = Api(stack)
    _, token_a = api.approved_tenant(211, "模糊测试甲药房")
    _, token_b = api.approved_tenant(212, B["company"])
    push_customer(api, token_a, {"customer_code": "FUZZA1", "name": "甲客户", "mobile": "13799990211"})
    push_customer(api, token_b, {"customer_code": B["code"], "name": B["name"], "mobile": B["mobile"]})
    key_a = api.call("POST", "/api/api-keys", {"name": "fuzz"}, token_a)["key"]
    return {"tenant": {"Authorization": f"Bearer {token_a}", "X-Api-Key": key_a},
            "staff": {"Authorization": f"Bearer {api.admin()}"},
            "anonymous": {}}


def push_customer(api: Api, token: str, row: dict) -> None:
    key = api.call("POST", "/api/api-keys", {"name": "seed"}, token)["key"]
    request = urllib.request.Request(f"{api.stack.api}/api/bulk/customers", method="POST",
                                     data=json.dumps({"rows": [row]}).encode(),
                                     headers={"Content-Type": "application/json", "X-Api-Key": key})
    assert json.load(urllib.request.urlopen(request, timeout=30))["counts"]["new"] == 1


@pytest.fixture(scope="module")
def schema(stack):
    document = json.load(urllib.request.urlopen(f"{stack.api}/api/openapi.json", timeout=30))
    return schemathesis.openapi.from_dict(document)


ROLES = {"tenant": "tenant_user", "staff": "admin", "anonymous": None}


@pytest.mark.parametrize("who", ["tenant", "staff", "anonymous"])
def test_every_operation_keeps_its_contract(stack, schema, identities, who):
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    if who == "tenant":
        checks.append(leak_check((B["company"], B["code"], B["name"], B["mobile"], B["mobile"][-4:] + '"')))
    failures, started = [], time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        if any(marker in operation.path for marker in SKIPPED):
            continue
        problem = fuzz(operation, stack.api, identities[who], checks, examples_for(operation, ROLES[who]))
        if problem:
            failures.append(f"{operation.method.upper()} {operation.path}: {problem}")
    print(f"{who}: {time.monotonic() - started:.0f}s")
    assert not failures, "\n\n".join(failures)


def examples_for(operation, role: str | None) -> int:
    roles = operation.definition.raw.get("x-roles")
    usable = roles is None or (role is not None and role in roles)
    return EXAMPLES if usable else 1


def fuzz(operation, base_url: str, headers: dict, checks: list, examples: int) -> str:
    """The first failure of `examples` generated calls (no shrinking: the run stays bounded), or ""."""
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        case.validate_response(response, checks=checks)

    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # schemathesis' FailureGroup is a BaseExceptionGroup
        return str(error)[:1500]
    return ""
