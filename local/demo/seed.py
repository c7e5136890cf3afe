"""First-start data for the local stack: the platform admin and an approved demo pharmacy."""
from chalicelib import config
from chalicelib.adapters import counters, import_jobs, objects, user_store
from chalicelib.domain.license import check_character
from chalicelib.domain.schemas import RegisterRequest
from chalicelib.services import registration, review, staff
from chalicelib.services.stats import backfill
from local.demo.files import demo_files
from local.demo.payment import ensure_demo_payment

ADMIN_USERNAME, ADMIN_MOBILE = "admin", "13800000000"
DEMO_USERNAME, DEMO_PASSWORD, DEMO_MOBILE = "demo", "Demo12345", "13900000000"
_DEMO_LICENSE_HEAD = "91440300MA5FDEMQ0"


def seed_local(admin_password: str) -> list[tuple[str, str, str]]:
    """Create what is missing; returns (label, login name, password) lines to print."""
    if user_store.get(DEMO_USERNAME) is None:  # before the admin exists: no 待审核 message for a tenant seeded approved
        created = registration.register(RegisterRequest(
            company_name="康宁大药房（演示）", contact_name="王店长", contact_phone=DEMO_MOBILE,
            license_no=_DEMO_LICENSE_HEAD + check_character(_DEMO_LICENSE_HEAD),
            region={"province": "广东省", "city": "深圳市", "code": "440300"}, industry="医药",
            username=DEMO_USERNAME, password=DEMO_PASSWORD,
        ))
        review.apply_action(created["tenant_id"], "approve", ADMIN_USERNAME, "")
    staff.ensure_platform_admin(ADMIN_USERNAME, admin_password, ADMIN_MOBILE)
    demo = user_store.get(DEMO_USERNAME)
    if demo is not None:  # registered above, or kept from an earlier run
        _drop_demo_files(demo.tenant_id)
        ensure_demo_payment(demo.tenant_id, ADMIN_USERNAME)
    if not counters.platform_totals()["tenants"]:  # state saved before the counters existed
        backfill.rebuild()
    return [("平台管理员（仅本地）", ADMIN_USERNAME, admin_password),
            ("演示企业（康宁大药房）", DEMO_USERNAME, DEMO_PASSWORD)]


def _drop_demo_files(tenant_id: str) -> None:
    """The demo pharmacy's ERP "drops" its data once; the import queue does the rest."""
    if import_jobs.newest_first(tenant_id):
        return
    for kind, content in demo_files().items():
        objects.write(config.upload_bucket(), f"drop/{tenant_id}/{kind}/demo-{kind}.csv", content, "text/csv")
