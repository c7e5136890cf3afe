"""The platform-wide audit log: who did what, as whom, from where, before → after; read and export only."""
import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook

from app import app
from chalicelib.adapters import audit_log
from chalicelib.errors import Conflict
from chalicelib.services import profile
from tests.integration.helpers import admin_token, approved_tenant, registration
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)
from tests.integration.plan_helpers import plan_form

CHINA = timezone(timedelta(hours=8))


def profile_form(seed: int, **changes) -> dict:
    form = registration(seed)
    form = {k: form[k] for k in ("company_name", "contact_name", "contact_phone", "license_no", "region", "industry")}
    return {**form, **changes}


def test_an_approved_change_reads_before_to_after_with_role_company_and_display_name(api):
    tenant_id, token = approved_tenant(api, 1)
    api.put("/api/me/profile", profile_form(1, company_name="康宁连锁药房", contact_name="王店长"), token=token)
    admin = admin_token(api)
    api.post(f"/api/admin/tenants/{tenant_id}/changes/approve", token=admin)

    page = api.get(f"/api/admin/audit?tenant={tenant_id}", token=admin).data
    by_action = {e["action"]: e for e in page["items"]}
    approved = by_action["通过资料变更"]
    assert approved["changes"] == [{"field": "企业名称", "before": "测试大药房1号店", "after": "康宁连锁药房"}]
    assert (approved["actor_name"], approved["role"], approved["role_label"]) == ("平台管理员", "admin", "超级管理员")
    assert approved["company_name"] == "康宁连锁药房" and approved["tenant_id"] == tenant_id
    assert approved["at_china"] == datetime.fromisoformat(approved["at"]).astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
    edited = by_action["修改企业资料"]
    assert {"field": "联系人", "before": "李经理", "after": "王店长"} in edited["changes"]
    assert {"field": "企业名称", "before": "测试大药房1号店", "after": "康宁连锁药房（待审核）"} in edited["changes"]
    assert edited["role_label"] == "企业管理员"
    # newest first; filters narrow server-side
    assert [e["at"] for e in page["items"]] == sorted((e["at"] for e in page["items"]), reverse=True)
    assert api.get(f"/api/admin/audit?tenant={tenant_id}&actor=nobody", token=admin).data["items"] == []
    by_actor = api.get(f"/api/admin/audit?tenant={tenant_id}&actor=PHARMACY1", token=admin).data["items"]
    assert by_actor and {e["actor"] for e in by_actor} == {"pharmacy1"}  # login names ignore case
    actions = {e["action"] for e in api.get("/api/admin/audit?action=通过", token=admin).data["items"]}
    assert "通过资料变更" in actions and all("通过" in action for action in actions)


def test_pages_follow_the_cursor_across_months_and_dates_are_checked(api, monkeypatch):
    admin = admin_token(api)
    months = ["2026-09-15T04:00:00", "2026-10-15T04:00:00", "2026-10-16T04:00:00", "2026-11-01T04:00:00"]
    for index, at in enumerate(months):
        with monkeypatch.context() as patched:
            patched.setattr(audit_log, "datetime", _FixedClock(datetime.fromisoformat(at).replace(tzinfo=timezone.utc)))
            audit_log.record(f"plan#p{index}", "admin", "测试操作", str(index))
    seen, cursor = [], ""
    while True:
        page = api.get(f"/api/admin/audit?action=测试操作&from=2026-09-01&to=2026-11-30&size=2&cursor={cursor}",
                       token=admin).data
        seen += [e["detail"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["3", "2", "1", "0"]
    wrong = api.get("/api/admin/audit?from=2026-12-01&to=2026-11-01", token=admin)
    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "from"
    assert api.get("/api/admin/audit?cursor=%%%", token=admin).status_code == 400


class _FixedClock:
    def __init__(self, moment):
        self.moment = moment

    def now(self, tz=None):
        return self.moment


def test_the_export_is_a_workbook_of_the_filtered_entries(api):
    tenant_id, token = approved_tenant(api, 2)
    admin = admin_token(api)
    api.put(f"/api/admin/tenants/{tenant_id}/notes", {"call_notes": "已电话确认"}, token=admin)
    answer = api.client.http.get(f"/api/admin/audit/export?tenant={tenant_id}",
                                 headers={"Authorization": f"Bearer {admin}", "Accept": "*/*"})
    assert answer.status_code == 200
    rows = list(load_workbook(io.BytesIO(answer.body)).active.values)
    assert rows[0][0] == "时间（北京时间）"
    notes = next(row for row in rows if row[4] == "更新通话记录")
    assert notes[1] == "平台管理员" and notes[8] == "通话记录：（空） → 已电话确认"


def test_no_route_edits_or_deletes_entries_and_the_store_cannot_delete():
    methods = {m for path, routes in app.routes.items() if path.startswith("/api/admin/audit") for m in routes}
    assert methods == {"GET"}
    assert not [name for name in dir(audit_log) if any(w in name.lower() for w in ("delete", "remove", "update"))]


def test_a_tenant_withdraws_its_pending_change_once(api, atomic_dynamodb):  # noqa: F811
    tenant_id, token = approved_tenant(api, 3)
    assert api.post("/api/me/profile/withdraw", token=token).status_code == 409
    api.put("/api/me/profile", profile_form(3, company_name="新名字药房"), token=token)
    results = all_at_once(*[lambda: profile.withdraw_change(tenant_id, "pharmacy3")] * 3)
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    me = api.get("/api/me", token=token).data["tenant"]
    assert me["pending_changes"] == {} and me["company_name"] == "测试大药房3号店"
    admin = admin_token(api)
    assert api.get("/api/admin/tenants?pending_change=1", token=admin).data["items"] == []
    withdrawn = [e for e in api.get(f"/api/admin/audit?tenant={tenant_id}", token=admin).data["items"]
                 if e["action"] == "撤回资料变更"]
    assert len(withdrawn) == 1
    assert withdrawn[0]["changes"] == [{"field": "企业名称", "before": "测试大药房3号店", "after": "新名字药房（已撤回）"}]


def test_a_tenant_admins_own_actions_are_in_the_platform_log_under_its_tenant(api):
    tenant_id, token = approved_tenant(api, 5)
    key = api.post("/api/api-keys", {"name": "收银系统"}, token=token).data
    api.post(f"/api/api-keys/{key['key_id']}/revoke", token=token)
    api.post("/api/stores", {"name": "宝安店"}, token=token)
    rules = {"all": [{"field": "rfm_class", "op": "in", "value": ["重要价值客户"]}]}
    segment = api.post("/api/segments", {"name": "价值会员", "rules": rules}, token=token).data
    api.put(f"/api/segments/{segment['segment_id']}", {"name": "高价值会员", "rules": rules}, token=token)
    api.call("DELETE", f"/api/segments/{segment['segment_id']}", token=token)
    api.post("/api/plans", plan_form(), token=token)

    page = api.get(f"/api/admin/audit?tenant={tenant_id}&size=100", token=admin_token(api)).data
    done = {"创建接口密钥", "吊销接口密钥", "添加门店", "保存人群", "修改人群", "删除人群", "提交方案"}
    mine = [e for e in page["items"] if e["action"] in done]
    assert {e["action"] for e in mine} == done
    assert all(e["tenant_id"] == tenant_id and e["actor"] == "pharmacy5" for e in mine)
