"""The customer list and export, API keys, and the bulk API an ERP pushes rows to."""
import io
import json
from urllib.parse import quote

import openpyxl
import pytest

from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, download, run_import


@pytest.fixture
def tenant(api):
    return approved_tenant(api)


def _bulk(api, key, kind, rows):
    return api.client.http.post(f"/api/bulk/{kind}", headers={"Content-Type": "application/json", "X-Api-Key": key},
                                body=json.dumps({"rows": rows}))


def test_the_customer_list_searches_filters_sorts_and_pages(api, aws, tenant):
    _, token = tenant
    rows = ["A001,王小明,13812340001,男,,,,慢病,是", "A002,李华,13812340002,女,,,,会员,否",
            "B003,王芳,13812340003,女,,,,会员;慢病,是"]
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *rows))

    by_name = api.get("/api/customers?q=王", token=token).data
    by_tag = api.get("/api/customers?tag=会员&sort=customer_code&order=desc", token=token).data
    paged = api.get("/api/customers?size=2&page=2", token=token).data
    unanalysed = api.get(f"/api/customers?class={quote('未分析')}", token=token).data

    assert [c["customer_code"] for c in by_name["items"]] == ["A001", "B003"]
    assert [c["customer_code"] for c in by_tag["items"]] == ["B003", "A002"]
    assert paged["total"] == 3 and [c["customer_code"] for c in paged["items"]] == ["B003"]
    assert unanalysed["total"] == 3 and by_name["tags"] == ["会员", "慢病"]


def test_the_distribution_counts_every_customer_as_not_analysed_before_any_analysis(api, aws, tenant):
    _, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, "A1,甲,,,,,,,", "A2,乙,,,,,,,"))

    distribution = api.get("/api/customers/distribution", token=token).data

    assert distribution["total"] == 2
    assert distribution["classes"][-1] == {"name": "未分析", "count": 2}
    assert [c["name"] for c in distribution["classes"]][0] == "重要价值客户"


def test_the_export_holds_the_filtered_customers_with_formulas_neutralised(api, aws, tenant):
    _, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, "A1,=HYPERLINK(1),,,,,,,", "A2,乙,,,,,,,"))

    export = api.post("/api/customers/export", {"q": "A1"}, token=token).data
    sheet = openpyxl.load_workbook(io.BytesIO(download(export["url"]))).worksheets[0]

    assert export["count"] == 1
    assert sheet.cell(2, 2).value == "'=HYPERLINK(1)" and sheet.cell(2, 2).data_type == "s"


def test_a_key_is_shown_once_imports_rows_and_stops_working_when_revoked(api, aws, tenant):
    _, token = tenant
    created = api.post("/api/api-keys", {"name": "ERP 夜间同步"}, token=token)
    key = created.data["key"]

    imported = _bulk(api, key, "customers", [{"customer_code": "E1", "name": "接口客户"}, {"客户编码": "E2"}])
    listed = api.get("/api/api-keys", token=token).data["items"]
    api.post(f"/api/api-keys/{created.data['key_id']}/revoke", token=token)
    refused = _bulk(api, key, "customers", [{"customer_code": "E3"}])

    assert created.status_code == 201 and "key" not in listed[0] and listed[0]["prefix"] == key[:13]
    result = json.loads(imported.body)
    assert imported.status_code == 200 and result["source"] == "api" and result["counts"]["new"] == 2
    history = api.get("/api/imports", token=token).data["items"]
    assert result["created_by"] == history[0]["created_by"] == "API 密钥：ERP 夜间同步"
    assert refused.status_code == 401 and json.loads(refused.body)["code"] == "BAD_API_KEY"


def test_bulk_rows_with_errors_are_rejected_with_item_numbers(api, aws, tenant):
    _, token = tenant
    key = api.post("/api/api-keys", {"name": "k"}, token=token).data["key"]

    answer = json.loads(_bulk(api, key, "orders", [
        {"order_id": "S1", "customer_code": "E1", "ordered_at": "2026-03-01", "amount": 10},
        {"order_id": "S2", "customer_code": "E1", "ordered_at": "not a date", "amount": 10}]).body)

    assert answer["status"] == "rejected" and answer["errors"][0]["row"] == 2
    assert "重新推送" in answer["message"] and "上传" not in answer["message"]
    assert answer["errors"][0]["message"].startswith("下单时间“not a date”格式不正确")


def test_a_key_only_ever_reaches_its_own_tenant(api, aws):
    _, token_a = approved_tenant(api, seed=1)
    _, token_b = approved_tenant(api, seed=2)
    key_a = api.post("/api/api-keys", {"name": "a"}, token=token_a).data["key"]

    _bulk(api, key_a, "customers", [{"customer_code": "X1"}])

    assert api.get("/api/customers", token=token_b).data["total"] == 0
    assert api.get("/api/api-keys", token=token_b).data["items"] == []
    assert _bulk(api, "jzyx_forged_key", "customers", [{"customer_code": "X2"}]).status_code == 401
