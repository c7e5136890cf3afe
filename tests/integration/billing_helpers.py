"""Staff logins and tenants in a chosen fee state, for the 交费管理 and blocking tests."""
from datetime import timedelta

from chalicelib.domain.billing.states import china_today
from tests.integration.helpers import log_in


def staff_token(api, admin: str, role: str, seed: int) -> str:
    form = {"username": f"fees{seed}", "display_name": f"收费{seed}", "mobile": f"1371111{seed:04d}", "role": role,
            "password": "Staff2026x"}
    assert api.post("/api/admin/staff", form, token=admin).status_code == 201
    return log_in(api, form["username"], form["password"], form["mobile"])


def day(offset: int = 0) -> str:
    """The China date `offset` days from today."""
    return (china_today() + timedelta(days=offset)).isoformat()


def stop(api, admin: str, tenant_id: str) -> None:
    """Make the tenant 已停用: its trial ended 30 days ago (grace is 7 days)."""
    answer = api.put(f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "trial", "trial_ends": day(-30)},
                     token=admin)
    assert answer.status_code == 200, answer.data
    assert answer.data["billing"]["state"] == "stopped"


def payment(receipt: str = "R-0001", start: int = 0, end: int = 364, **overrides) -> dict:
    form = {"amount_yuan": 9800, "period_start": day(start), "period_end": day(end), "method": "对公转账",
            "receipt_no": receipt, "note": "年费", "fee_plan": "pro"}
    form.update(overrides)
    return form
