"""An import that waits behind another import of the same tenant, as the user sees it in the browser."""
import time

import boto3
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_import_journey import FIXED, HEADER, by_id, upload_customers
from tests.e2e.test_registration_to_first_login import log_in


def dynamodb(stack):
    return boto3.client("dynamodb", endpoint_url=stack.moto, region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")


def table(client, suffix: str) -> str:
    return next(name for name in client.list_tables()["TableNames"] if name.endswith(f"-{suffix}"))


def demo_tenant_id(client) -> str:
    item = client.get_item(TableName=table(client, "users"), Key={"username": {"S": "demo"}})["Item"]
    return item["tenant_id"]["S"]


def test_an_upload_waiting_for_another_import_of_the_tenant_shows_queued_then_completes(stack, page, tmp_path):
    aws = dynamodb(stack)
    locks, lease = table(aws, "locks"), {"S": f"import#{demo_tenant_id(aws)}"}
    log_in(page, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "27-queue")
    page.goto(f"{stack.web}/#/imports")
    # Given another import of the pharmacy is running (it holds the tenant's import lease)
    aws.put_item(TableName=locks, Item={"lock_id": lease, "owner": {"S": "e2e-another-import"},
                                        "expires_at": {"N": str(int(time.time()) + 600)}})
    try:
        # When the user uploads a customer file
        path = tmp_path / "客户资料-排队.csv"
        path.write_text("\n".join([HEADER, *FIXED]) + "\n", encoding="utf-8")
        upload_customers(page, path)
        # Then the page says it is queued behind the other import, not waiting for the upload
        expect(by_id(page, "import-status")).to_have_text("排队中", timeout=30_000)
        expect(by_id(page, "import-progress")).to_contain_text("本企业有其他导入正在进行，完成后自动开始")
        shot(page, "27-import-queued")
    finally:
        # When the other import ends
        aws.delete_item(TableName=locks, Key={"lock_id": lease})
    # Then the waiting import runs by itself and completes
    expect(by_id(page, "import-result")).to_have_attribute("data-status", "completed", timeout=90_000)
    shot(page, "27b-import-queued-then-completed")
