"""Tenant review state machine and who may log in."""
import pytest

from chalicelib.domain.tenant_status import STATUSES, TRANSITIONS, login_refusal, next_status
from chalicelib.errors import Conflict

ALLOWED = {("pending", "approve"): "approved", ("pending", "reject"): "rejected",
           ("rejected", "approve"): "approved", ("approved", "disable"): "disabled",
           ("disabled", "enable"): "approved"}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_each_action_applies_only_from_its_statuses(status, action):
    if (status, action) in ALLOWED:
        assert next_status(status, action) == ALLOWED[(status, action)]
    else:
        with pytest.raises(Conflict, match="不能执行"):
            next_status(status, action)


def test_only_approved_tenants_may_log_in():
    assert login_refusal("approved") is None
    assert login_refusal("pending")[0] == "TENANT_PENDING"
    assert "执照模糊" in login_refusal("rejected", "执照模糊")[1]
    assert login_refusal("disabled")[0] == "TENANT_DISABLED"
