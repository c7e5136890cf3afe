"""Column mapping: a file whose headers the import does not know is refused with its own headers, the tenant maps
them once, the same upload is imported again without re-uploading, and ERP drops and the bulk API use the mapping.
Old ERP systems' Excel 97-2003 (.xls) files import like .xlsx."""
import json

import pytest

from chalicelib import config
from chalicelib.adapters import audit_log, customer_store
from chalicelib.adapters.aws import client
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import csv_file, deliver, job, put_upload, start
from tests.unit.xls_fixtures import xls_bytes

ODD_CUSTOMERS = csv_file("VIP号,姓名,手机", "K001,王芳,13812345678", "K002,李雷,13812345679")


@pytest.fixture
def tenant(api):
    return approved_tenant(api)


def _upload(api, aws, token, kind, content, filename="会员.csv", dry_run=False) -> dict:
    started = start(api, token, kind, filename, dry_run)
    put_upload(started, content)
    deliver(aws)
    return job(api, token, started["import_id"])


def test_a_missing_column_is_mapped_once_and_the_same_upload_imports_without_uploading_again(api, aws, tenant):
    tenant_id, token = tenant
    # Given an upload whose customer code column is called VIP号
    refused = _upload(api, aws, token, "customers", ODD_CUSTOMERS)
    assert refused["status"] == "rejected" and refused["can_retry"] is True
    assert refused["missing_columns"] == {"code": "MISSING_COLUMNS", "headers": ["VIP号", "姓名", "手机"],
                                          "missing": ["customer_code"]}

    # When the tenant maps it and imports the same upload again
    saved = api.put("/api/imports/mappings/customers", {"mapping": {"customer_code": "VIP号"}}, token=token)
    retried = api.post(f"/api/imports/{refused['import_id']}/retry", {}, token=token)
    twice = api.post(f"/api/imports/{refused['import_id']}/retry", {}, token=token)
    deliver(aws)

    # Then the customers are imported by one new job, and the mapping is remembered
    assert saved.status_code == 200 and saved.data["mapping"] == {"customer_code": "VIP号"}
    assert retried.status_code == 201 and twice.data["import_id"] == retried.data["import_id"]
    done = job(api, token, retried.data["import_id"])
    assert done["status"] == "completed" and done["counts"]["new"] == 2 and done["filename"] == "会员.csv"
    assert customer_store.get(tenant_id, "K002")["name"] == "李雷"
    assert api.get("/api/imports/mappings/customers", token=token).data["mapping"] == {"customer_code": "VIP号"}
    assert _upload(api, aws, token, "customers", ODD_CUSTOMERS)["counts"]["unchanged"] == 2


def test_a_dry_run_is_imported_for_real_from_the_same_upload(api, aws, tenant):
    tenant_id, token = tenant
    checked = _upload(api, aws, token, "customers", csv_file("客户编码,客户名称", "C1,张三"), dry_run=True)
    real = api.post(f"/api/imports/{checked['import_id']}/retry", {"dry_run": False}, token=token)
    deliver(aws)
    assert checked["status"] == "completed" and real.data["dry_run"] is False
    assert job(api, token, real.data["import_id"])["counts"]["new"] == 1
    assert customer_store.get(tenant_id, "C1")["name"] == "张三"


def test_a_finished_import_cannot_be_retried(api, aws, tenant):
    _, token = tenant
    done = _upload(api, aws, token, "customers", csv_file("客户编码", "C1"))
    answer = api.post(f"/api/imports/{done['import_id']}/retry", {}, token=token)
    assert done["can_retry"] is False and answer.status_code == 409 and answer.data["code"] == "NOT_RETRYABLE"


def test_an_erp_drop_uses_the_stored_mapping(api, aws, tenant):
    tenant_id, token = tenant
    api.put("/api/imports/mappings/orders", {"mapping": {"order_id": "单据", "customer_code": "会员ID",
                                                          "ordered_at": "日期"}}, token=token)
    content = csv_file("单据,会员ID,日期,金额", "D1,K1,2026-03-01,12.50", "D2,K1,2026-03-02,7")
    client("s3").put_object(Bucket=config.upload_bucket(), Key=f"drop/{tenant_id}/orders/夜间.csv", Body=content)
    deliver(aws)
    dropped = api.get("/api/imports", token=token).data["items"][0]
    assert dropped["source"] == "drop" and dropped["status"] == "completed", dropped
    assert dropped["counts"]["new"] == 2


def test_the_bulk_api_uses_the_stored_mapping(api, aws, tenant):
    tenant_id, token = tenant
    api.put("/api/imports/mappings/customers", {"mapping": {"customer_code": "VIP号"}}, token=token)
    key = api.post("/api/api-keys", {"name": "ERP"}, token=token).data["key"]
    answer = api.client.http.post("/api/bulk/customers", headers={"Content-Type": "application/json", "X-Api-Key": key},
                                  body=json.dumps({"rows": [{"VIP号": "B1", "姓名": "接口客户"}]}))
    assert json.loads(answer.body)["counts"]["new"] == 1
    assert customer_store.get(tenant_id, "B1")["name"] == "接口客户"


def test_a_mapping_is_validated_and_belongs_to_one_tenant(api, aws, tenant):
    _, token = tenant
    _, other = approved_tenant(api, seed=2)
    bad = api.put("/api/imports/mappings/orders", {"mapping": {"order_id": "单据", "amount": "单据", "x": "y"}},
                  token=token)
    api.put("/api/imports/mappings/orders", {"mapping": {"order_id": "单据"}}, token=token)
    assert bad.status_code == 400
    assert {detail["field"] for detail in bad.data["details"]} == {"mapping.amount", "mapping.x"}
    assert api.get("/api/imports/mappings/orders", token=other).data["mapping"] == {}
    assert api.get("/api/imports/mappings/orders", token=token).data["mapping"] == {"order_id": "单据"}
    assert api.get("/api/imports/mappings/refunds", token=token).status_code == 404


def test_another_tenant_cannot_retry_an_import(api, aws, tenant):
    _, token = tenant
    _, other = approved_tenant(api, seed=2)
    refused = _upload(api, aws, token, "customers", ODD_CUSTOMERS)
    assert api.post(f"/api/imports/{refused['import_id']}/retry", {}, token=other).status_code == 404


def test_xls_customers_and_orders_import(api, aws, tenant):
    tenant_id, token = tenant
    customers = xls_bytes([["会员卡号", "会员名称", "会员手机"], ["X1", "张三", "13812345678"]], sheet="客户")
    orders = xls_bytes([["销售单号", "会员卡号", "销售时间", "实收金额"], ["S1", "X1", "2026-03-01 10:00", 88.5]])
    first = _upload(api, aws, token, "customers", customers, filename="会员.xls")
    second = _upload(api, aws, token, "orders", orders, filename="销售.XLS")
    assert first["status"] == "completed" and first["counts"]["new"] == 1, first
    assert second["status"] == "completed" and second["counts"]["new"] == 1, second
    assert customer_store.get(tenant_id, "X1")["mobile"] == "13812345678"


@pytest.mark.parametrize("content, message", [(b"PK\x03\x04 renamed", "不是 .xls 格式"),
                                              (xls_bytes([["客户编码"], ["C1"]])[:1500], "已损坏")])
def test_a_bad_xls_is_refused_with_a_clear_message(api, aws, tenant, content, message):
    _, token = tenant
    refused = _upload(api, aws, token, "customers", content, filename="会员.xls")
    assert refused["status"] == "rejected" and message in refused["message"]


def test_a_mapping_change_is_audited_field_by_field(api, aws, tenant):
    tenant_id, token = tenant
    api.put("/api/imports/mappings/customers", {"mapping": {"customer_code": "VIP号"}}, token=token)
    api.put("/api/imports/mappings/customers", {"mapping": {"customer_code": "会员号", "name": "客户姓名"}}, token=token)
    entries = [e for e in audit_log.entries(f"tenant#{tenant_id}") if e["action"] == "修改导入字段映射"]
    assert [e["detail"] for e in entries] == ["客户导入", "客户导入"]
    assert {(c["before"], c["after"]) for c in entries[0]["changes"]} == {("VIP号", "会员号"), ("", "客户姓名")}
