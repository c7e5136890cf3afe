"""Building blocks for journeys through the API: register, log in with the SMS code, review."""
import re

from chalicelib.domain.license import check_character
from chalicelib.services.staff import ensure_platform_admin
from tests.integration.conftest import sent_sms

ADMIN_PASSWORD = "Admin12345"


def license_no(seed: int) -> str:
    head = f"9144030{seed:010d}"
    return head + check_character(head)


def registration(seed: int = 1, **overrides) -> dict:
    form = {
        "company_name": f"测试大药房{seed}号店", "contact_name": "李经理", "contact_phone": f"1390000{seed:04d}",
        "license_no": license_no(seed), "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
        "industry": "医药", "username": f"pharmacy{seed}", "password": "Secret123",
    }
    form.update(overrides)
    return form


def last_code(mobile: str) -> str:
    texts = [text for number, text in sent_sms() if number == f"+86{mobile}"]
    assert texts, f"no SMS sent to {mobile}"
    return re.search(r"(\d{6})", texts[-1]).group(1)


def log_in(api, username: str, password: str, mobile: str) -> str:
    started = api.post("/api/auth/login", {"username": username, "password": password})
    assert started.status_code == 200, started.data
    verified = api.post("/api/auth/verify", {"challenge_id": started.data["challenge_id"], "code": last_code(mobile)})
    assert verified.status_code == 200, verified.data
    return verified.data["token"]


def admin_token(api) -> str:
    ensure_platform_admin("admin", ADMIN_PASSWORD, "13800000000")
    return log_in(api, "admin", ADMIN_PASSWORD, "13800000000")


def approved_tenant(api, seed: int = 1) -> tuple[str, str]:
    """(tenant_id, tenant user token) for a registered and approved tenant."""
    form = registration(seed)
    tenant_id = api.post("/api/auth/register", form).data["tenant_id"]
    api.post(f"/api/admin/tenants/{tenant_id}/approve", token=admin_token(api))
    return tenant_id, log_in(api, form["username"], form["password"], form["contact_phone"])


def moto_or_fake(request, store, fake):
    """A contract test's store for the fixture's param: the moto-backed module, or a new in-memory fake."""
    if request.param == "moto":
        request.getfixturevalue("aws")
        return store
    return fake()
