"""人群圈选 end to end: saved segments and their sizes, members, stale rules, batch tags, call lists, who may do what."""
import io

import openpyxl
import pytest

from chalicelib.adapters import audit_log, customer_store
from tests.integration.analysis_helpers import saved
from tests.integration.helpers import approved_tenant, log_in
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, download, run_import

ORDER_HEADER = "订单编号,客户编码,下单时间,订单金额,门店"
CUSTOMERS = [  # code, name, mobile, gender, birthday, region, id number, tags, consent, 所属门店
    "C00001,客户一,13812340001,女,1985-06-01,广东省/深圳市,,会员|慢病,是,南山店",
    "C00002,客户二,13812340002,男,1990-01-01,广东省/深圳市,,会员,是,南山店",
    "C00003,客户三,13812340003,女,1970-03-01,广东省/广州市,,,否,福田店",
    "C00004,客户四,,女,,北京市,,慢病,否,福田店",
]
ORDERS = ["SO1,C00001,2026-03-25 10:00,500.00,南山店", "SO2,C00001,2026-03-28 10:00,500.00,南山店",
          "SO3,C00002,2026-01-05 10:00,20.00,南山店", "SO4,C00003,2026-03-20 10:00,50.00,福田店",
          "SO5,C00003,2025-12-21 10:00,60.00,福田店"]
WOMEN_MEMBERS = {"all": [{"field": "gender", "op": "eq", "value": "女"},
                         {"field": "tags", "op": "contains_any", "value": ["会员", "慢病"]}]}
PASSWORD = "Shop2026ab"


@pytest.fixture
def tenant(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    finished = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER + ",所属门店", *CUSTOMERS))
    assert finished["status"] == "completed", finished
    assert run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *ORDERS))["status"] == "completed"
    return tenant_id, token


def sub_account(api, admin: str, username: str, role: str, mobile: str, **extra) -> str:
    created = api.post("/api/accounts", {"username": username, "display_name": "王店长", "mobile": mobile,
                                         "password": PASSWORD, "role": role, **extra}, token=admin)
    assert created.status_code == 201, created.data
    return log_in(api, username, PASSWORD, mobile)


def codes(page: dict) -> list[str]:
    return [item["customer_code"] for item in page["items"]]


def test_a_saved_segment_is_listed_with_its_size_and_can_be_renamed_and_deleted(api, tenant):
    _, token = tenant
    # When a segment is saved
    created = api.post("/api/segments", {"name": " 女会员 ", "rules": WOMEN_MEMBERS}, token=token)
    assert created.status_code == 201, created.data
    segment_id = created.data["segment_id"]
    # Then the list shows it with today's size, and its members like the customer list
    listed = api.get("/api/segments", token=token).data["items"]
    assert [(s["name"], s["count"], s["total"], s["stale"]) for s in listed] == [("女会员", 2, 4, False)]
    members = api.get(f"/api/segments/{segment_id}/members?size=1", token=token).data
    assert members["total"] == 2 and codes(members) == ["C00001"]
    assert members["items"][0]["store"] == "南山店" and members["items"][0]["mobile"] == "13812340001"
    # And it can be renamed with new rules, and deleted
    changed = api.put(f"/api/segments/{segment_id}", {"name": "南山女会员", "rules": {
        "all": [*WOMEN_MEMBERS["all"], {"field": "store", "op": "eq", "value": "南山店"}]}}, token=token)
    assert changed.status_code == 200 and changed.data["name"] == "南山女会员"
    assert api.get(f"/api/segments/{segment_id}", token=token).data["count"] == 1
    assert api.call("DELETE", f"/api/segments/{segment_id}", token=token).status_code == 200
    assert api.get(f"/api/segments/{segment_id}", token=token).status_code == 404


def test_the_count_follows_the_data_and_reads_lifetime_figures_and_the_analysis_in_force(api, aws, tenant):
    _, token = tenant
    spent = {"all": [{"field": "total_spent", "op": "gte", "value": 100}]}
    assert api.post("/api/segments/count", {"rules": spent}, token=token).data == {"count": 2, "total": 4}
    # Given an analysis saved (window 2026-01-01..2026-03-31): C00001 bought twice in it
    saved(api, aws, token)
    often = {"all": [{"field": "frequency", "op": "gte", "value": 2}, {"field": "has_mobile", "op": "is_true"}]}
    assert api.post("/api/segments/count", {"rules": often}, token=token).data == {"count": 1, "total": 4}
    # When more orders come in, the same rules pick from tomorrow's data
    assert run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, "SO9,C00004,2026-03-01 10:00,900.00,福田店")
                      )["status"] == "completed"
    assert api.post("/api/segments/count", {"rules": spent}, token=token).data["count"] == 3


def test_wrong_rules_are_refused_with_the_path_of_each_problem(api, tenant):
    _, token = tenant
    wrong = {"all": [{"field": "gender", "op": "eq", "value": "男"},
                     {"any": [{"field": "r_score", "op": "gte", "value": 9}]}]}
    answer = api.post("/api/segments/count", {"rules": wrong}, token=token)
    assert answer.status_code == 400 and answer.data["details"][0]["path"] == "all[1].any[0].value"
    assert api.post("/api/segments", {"name": "", "rules": {"all": []}}, token=token).status_code == 400


def test_a_segment_naming_a_deleted_analysis_is_shown_stale_instead_of_failing(api, aws, tenant):
    _, token = tenant
    before = saved(api, aws, token, start="2025-12-01", end="2026-02-28")
    after = saved(api, aws, token)
    moved = {"all": [{"field": "moved", "op": "eq", "value": {"from_analysis": before["analysis_id"],
                                                              "to_analysis": after["analysis_id"],
                                                              "from_class": "无购买"}}]}
    segment_id = api.post("/api/segments", {"name": "新进", "rules": moved}, token=token).data["segment_id"]
    assert api.get(f"/api/segments/{segment_id}", token=token).data["count"] == 1  # C00001 bought only in March
    # When the earlier analysis is deleted
    assert api.call("DELETE", f"/api/analyses/{before['analysis_id']}", token=token).status_code == 200
    # Then the list says the segment is stale, and using it names the condition
    listed = api.get("/api/segments", token=token).data["items"][0]
    assert listed["stale"] is True and "已被删除" in listed["stale_reason"] and listed["count"] is None
    used = api.get(f"/api/segments/{segment_id}/members", token=token)
    assert used.status_code == 400 and used.data["code"] == "SEGMENT_STALE" and "分类迁移" in used.data["message"]


def test_batch_tags_are_counted_first_and_applied_only_with_the_matching_confirmation(api, tenant):
    tenant_id, token = tenant
    request = {"filter": {"tag": "会员"}, "add": ["VIP"], "remove": ["慢病"]}
    # When asked without a confirmation, only the count comes back and nothing changes
    assert api.post("/api/customers/tags", request, token=token).data == {"count": 2}
    assert customer_store.get(tenant_id, "C00002")["tags"] == ["会员"]
    # And a stale confirmation is refused
    refused = api.post("/api/customers/tags", {**request, "confirm_count": 5}, token=token)
    assert refused.status_code == 409 and refused.data["code"] == "COUNT_CHANGED"
    # When confirmed with the count, the tags change in the items and in the list
    assert api.post("/api/customers/tags", {**request, "confirm_count": 2}, token=token).data == {"changed": 2}
    assert customer_store.get(tenant_id, "C00001")["tags"] == ["会员", "VIP"]
    listed = {c["customer_code"]: c["tags"] for c in api.get("/api/customers", token=token).data["items"]}
    assert listed == {"C00001": ["会员", "VIP"], "C00002": ["会员", "VIP"], "C00003": [], "C00004": ["慢病"]}
    # And doing it again changes no one
    assert api.post("/api/customers/tags", request, token=token).data == {"count": 0}
    # By codes and by segment too; tag names are checked
    by_codes = {"codes": ["C00003", "NOPE"], "add": ["回访"], "confirm_count": 1}
    assert api.post("/api/customers/tags", by_codes, token=token).data == {"changed": 1}
    segment_id = api.post("/api/segments", {"name": "女会员", "rules": WOMEN_MEMBERS}, token=token).data["segment_id"]
    assert api.post("/api/customers/tags", {"segment_id": segment_id, "add": ["回访"]}, token=token).data == {
        "count": 2}  # C00001 and C00004
    bad = api.post("/api/customers/tags", {"codes": ["C00001"], "add": ["a,b"]}, token=token)
    assert bad.status_code == 400
    assert any("批量修改标签" == e["action"] for e in audit_log.entries(f"tenant#{tenant_id}"))


def test_the_call_list_holds_the_agreed_columns_and_is_audited(api, aws, tenant):
    tenant_id, token = tenant
    saved(api, aws, token)
    api.post("/api/customers/C00001/follow-ups", {"followed_at": "2026-04-01", "way": "电话", "content": "提醒复购"},
             token=token)
    segment_id = api.post("/api/segments", {"name": "女会员", "rules": WOMEN_MEMBERS}, token=token).data["segment_id"]
    # When the segment is exported
    exported = api.post(f"/api/segments/{segment_id}/export", token=token)
    assert exported.status_code == 200, exported.data
    assert exported.data["count"] == 2 and exported.data["filename"] == "外呼名单-女会员.xlsx"
    rows = list(openpyxl.load_workbook(io.BytesIO(download(exported.data["url"]))).active.values)
    # Then it has the agreed columns and the customers' figures, mobiles in full for the enterprise admin
    assert rows[0] == ("客户编码", "姓名", "手机号", "门店", "当前分类", "R(天)", "F", "M(元)", "最近消费", "累计消费(元)",
                       "标签", "短信同意", "最近跟进")
    first = dict(zip(rows[0], rows[1]))
    assert first["客户编码"] == "C00001" and first["手机号"] == "13812340001" and first["门店"] == "南山店"
    assert (first["R(天)"], first["F"], first["M(元)"]) == (3, 2, 500)
    assert first["最近消费"] == "2026-03-28" and first["累计消费(元)"] == 1000 and first["标签"] == "会员,慢病"
    assert first["短信同意"] == "是" and first["最近跟进"] == "2026-04-01 电话：提醒复购"
    assert [r[0] for r in rows[1:]] == ["C00001", "C00004"]
    # And the export is in the tenant's audit log with its size
    entry = next(e for e in audit_log.entries(f"tenant#{tenant_id}") if e["action"] == "导出外呼名单")
    assert "2 位客户" in entry["detail"]
    # Unsaved rules (a class, a matrix cell) export the same way
    unsaved = api.post("/api/segments/export", {"rules": {"all": [{"field": "store", "op": "eq", "value": "福田店"}]}},
                       token=token)
    assert unsaved.data["count"] == 2


def test_a_store_manager_counts_sees_tags_and_exports_its_own_store_only(api, tenant):
    tenant_id, admin = tenant
    manager = sub_account(api, admin, "nanshan1", "store_manager", "13700000001", store="南山店")
    segment_id = api.post("/api/segments", {"name": "女会员", "rules": WOMEN_MEMBERS}, token=admin).data["segment_id"]
    # Then its counts, members and exports hold 南山店's customers only, mobiles masked
    assert api.post("/api/segments/count", {"rules": {"all": []}}, token=manager).data == {"count": 2, "total": 2}
    assert api.get("/api/segments", token=manager).data["items"][0]["count"] == 1
    members = api.get(f"/api/segments/{segment_id}/members", token=manager).data
    assert codes(members) == ["C00001"] and members["items"][0]["mobile"] == "138****0001"
    exported = api.post("/api/segments/export", {"rules": {"all": []}}, token=manager).data
    rows = list(openpyxl.load_workbook(io.BytesIO(download(exported["url"]))).active.values)
    assert [(r[0], r[2]) for r in rows[1:]] == [("C00001", "138****0001"), ("C00002", "138****0002")]
    # And a batch over everyone tags its own customers only
    everyone = {"filter": {}, "add": ["南山活动"]}
    assert api.post("/api/customers/tags", everyone, token=manager).data == {"count": 2}
    assert api.post("/api/customers/tags", {**everyone, "confirm_count": 2}, token=manager).data == {"changed": 2}
    assert "南山活动" not in customer_store.get(tenant_id, "C00003")["tags"]


def test_a_read_only_account_counts_but_cannot_save_tag_or_export(api, tenant):
    _, admin = tenant
    reader = sub_account(api, admin, "viewer1", "tenant_readonly", "13700000002")
    segment_id = api.post("/api/segments", {"name": "女会员", "rules": WOMEN_MEMBERS}, token=admin).data["segment_id"]
    assert api.post("/api/segments/count", {"rules": WOMEN_MEMBERS}, token=reader).data["count"] == 2
    assert api.get(f"/api/segments/{segment_id}/members", token=reader).status_code == 200
    for method, path, payload in (("POST", "/api/segments", {"name": "x", "rules": {"all": []}}),
                                  ("PUT", f"/api/segments/{segment_id}", {"name": "x", "rules": {"all": []}}),
                                  ("DELETE", f"/api/segments/{segment_id}", None),
                                  ("POST", f"/api/segments/{segment_id}/export", {}),
                                  ("POST", "/api/segments/export", {"rules": {"all": []}}),
                                  ("POST", "/api/customers/tags", {"codes": ["C00001"], "add": ["x"]})):
        assert api.call(method, path, payload, token=reader).status_code == 403, path


def test_another_tenant_neither_sees_the_segment_nor_counts_these_customers(api, aws, tenant):
    _, token = tenant
    segment_id = api.post("/api/segments", {"name": "女会员", "rules": WOMEN_MEMBERS}, token=token).data["segment_id"]
    _, other = approved_tenant(api, 2)
    assert api.get(f"/api/segments/{segment_id}", token=other).status_code == 404
    assert api.get(f"/api/segments/{segment_id}/members", token=other).status_code == 404
    assert api.post(f"/api/segments/{segment_id}/export", token=other).status_code == 404
    assert api.get("/api/segments", token=other).data["items"] == []
    assert api.post("/api/segments/count", {"rules": {"all": []}}, token=other).data == {"count": 0, "total": 0}
    assert api.post("/api/customers/tags", {"segment_id": segment_id, "add": ["x"]}, token=other).status_code == 404
