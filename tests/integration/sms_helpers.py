"""A tenant with a 店长 and a 只读 login and three customers, for the SMS settings, template and opt-out tests."""
import pytest

from tests.integration.helpers import approved_tenant, log_in
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, run_import

PASSWORD = "Shop2026ab"
SIGNATURE = "康宁大药房"
HEADER = CUSTOMER_HEADER + ",所属门店"
CUSTOMERS = ["C00001,客户一,13812340001,女,1985-06-01,广东省/深圳市,,会员,是,南山店",
             "C00002,客户二,13812340002,男,1990-01-01,广东省/深圳市,,,是,南山店",
             "C00003,客户三,13812340003,女,1970-03-01,广东省/深圳市,,,否,福田店"]


@pytest.fixture
def shop(api, aws):
    """(tenant_id, 企业管理员 token) of an approved tenant with customers C00001–C00003."""
    tenant_id, token = approved_tenant(api, 1)
    finished = run_import(api, aws, token, "customers", csv_file(HEADER, *CUSTOMERS))
    assert finished["status"] == "completed", finished
    return tenant_id, token


def sub_account(api, admin_token: str, username: str, role: str, mobile: str) -> str:
    form = {"username": username, "display_name": "王店长", "mobile": mobile, "password": PASSWORD, "role": role}
    if role == "store_manager":
        form.update(store="南山店", show_mobile=True)
    created = api.post("/api/accounts", form, token=admin_token)
    assert created.status_code == 201, created.data
    return log_in(api, username, PASSWORD, mobile)


@pytest.fixture
def manager(api, shop):
    return sub_account(api, shop[1], "manager1", "store_manager", "13700000001")


@pytest.fixture
def reader(api, shop):
    return sub_account(api, shop[1], "viewer1", "tenant_readonly", "13700000002")


def with_signature(api, token: str, signature: str = SIGNATURE) -> None:
    saved = api.put("/api/sms/settings", {"signature": signature}, token=token)
    assert saved.status_code == 200, saved.data
