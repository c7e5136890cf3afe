"""活动效果: delivery counts and cost, sent vs control outcomes from imported orders, and a plan's pooled results."""
from chalicelib.adapters import message_log
from chalicelib.domain.plans.library import PLANS
from tests.integration.campaign_report_helpers import DAY, codes, import_orders, order_row, started_campaign
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, run_import
from tests.integration.plan_helpers import seed_plan_library


def buying_orders(start: int, sent: list[str], control: list[str], sent_buyers: int, control_buyers: int,
                  first: int = 1) -> list[str]:
    """Orders two days after the start by the first buyers of each group, and one order past 30 days."""
    buyers = sent[:sent_buyers] + control[:control_buyers]
    rows = [order_row(first + n, code, start + 2 * DAY) for n, code in enumerate(buyers)]
    return rows + [order_row(first + len(buyers), control[-1], start + 35 * DAY)]


def test_the_report_compares_sent_and_control_once_orders_past_the_window_are_imported(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    sent, control = codes("S", 40), codes("K", 40)
    start = started_campaign(tenant_id, "c1", 38, sent, control, delivered=36, failed=2)

    before = api.get("/api/campaigns/c1/report", token=token)
    assert before.status_code == 200, before.data
    thirty = before.data["outcome"]["30"]
    assert not thirty["complete"] and "尚未导入新的订单" in thirty["note"] and thirty["verdict"] == "尚不能确定"

    import_orders(api, aws, token, buying_orders(start, sent, control, 30, 5))
    report = api.get("/api/campaigns/c1/report", token=token).data
    assert report["counts"]["delivered"] == 36 and report["counts"]["failed"] == 2
    assert report["cost_yuan"] == "1.98" and report["delivered_parts"] == 36 and report["has_control"]
    for days in ("7", "30"):
        window = report["outcome"][days]
        assert window["complete"], window
        assert window["sent"] == {"customers": 40, "buyers": 30, "rate": 0.75, "orders_per_customer": 0.75,
                                  "revenue_per_customer": 37.5}
        assert window["control"]["buyers"] == 5 and window["control"]["rate"] == 0.125
        assert window["rate_difference"]["value"] == 0.625 and window["rate_difference"]["low"] > 0
        assert window["verdict"] == "明显提升"


def test_a_window_not_yet_over_is_not_decided(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    sent, control = codes("S", 40), codes("K", 40)
    start = started_campaign(tenant_id, "c1", 3, sent, control)
    import_orders(api, aws, token, [order_row(n + 1, code, start + DAY) for n, code in enumerate(sent[:30])])
    window = api.get("/api/campaigns/c1/report", token=token).data["outcome"]["7"]
    assert window["sent"]["buyers"] == 30
    assert not window["complete"] and "发送后 7 天尚未结束" in window["note"]
    assert window["verdict"] == "尚不能确定"


def test_without_a_control_group_the_report_does_not_compare(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    start = started_campaign(tenant_id, "c1", 38, codes("S", 10), [])
    import_orders(api, aws, token, [order_row(1, "S0000", start + DAY), order_row(2, "S0001", start + 33 * DAY)])
    report = api.get("/api/campaigns/c1/report", token=token).data
    assert not report["has_control"]
    assert (report["outcome"]["30"]["verdict"], report["outcome"]["30"]["verdict_note"]) == \
        ("尚不能确定", "未设对照组，无法比较")


def test_another_tenants_campaign_report_is_not_found(api, aws):
    tenant_id, _ = approved_tenant(api, 1)
    _, other = approved_tenant(api, 2)
    started_campaign(tenant_id, "c1", 3, codes("S", 4), codes("K", 4))
    answer = api.get("/api/campaigns/c1/report", token=other)
    assert answer.status_code == 404 and answer.data["code"] == "CAMPAIGN_NOT_FOUND"


def test_a_plans_measured_results_pool_every_tenants_campaigns(api, aws):
    seed_plan_library()
    plan_id = PLANS[0]["key"]
    for seed in (1, 2):
        tenant_id, token = approved_tenant(api, seed)
        sent, control = codes("S", 20), codes("K", 20)
        start = started_campaign(tenant_id, "c1", 38, sent, control, plan_id=plan_id)
        import_orders(api, aws, token, buying_orders(start, sent, control, 10 + seed, 2))
    measured = api.get(f"/api/plans/{plan_id}", token=token).data["measured"]
    assert (measured["campaigns"], measured["tenants"]) == (2, 2)
    window = measured["outcome"]["30"]
    assert window["complete"] and window["sent"]["customers"] == 40 and window["sent"]["buyers"] == 23
    assert window["control"]["customers"] == 40 and window["control"]["buyers"] == 4
    assert window["verdict"] == "明显提升"


def test_a_plan_nobody_measured_has_no_results(api, aws):
    seed_plan_library()
    _, token = approved_tenant(api, 1)
    assert api.get(f"/api/plans/{PLANS[0]['key']}", token=token).data["measured"] is None


def test_a_customers_messages_name_their_campaign_and_show_no_receipt_after_72_hours(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    rows = ["C00001,客户1,13812340001,女,1985-06-01,浙江省/杭州市,,会员,是"]
    assert run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *rows))["status"] == "completed"
    started_campaign(tenant_id, "c1", 5, ["C00001"], [])
    started_campaign(tenant_id, "c2", 1, ["C00001"], [])
    base = {"tenant_id": tenant_id, "customer_code": "C00001", "mobile": "13812340001", "parts": 1,
            "provider": "sns"}
    message_log.write([
        {**base, "campaign_id": "c1", "status": "submitted", "claimed_at": "2026-01-01T02:00:00+00:00",
         "submitted_at": "2026-01-01T02:00:00+00:00", "biz_id": "b1"},
        {**base, "campaign_id": "c2", "status": "failed", "claimed_at": "2026-01-02T02:00:00+00:00",
         "submitted_at": "2026-01-02T02:00:00+00:00", "error_code": "MOBILE_NOT_ON_SERVICE", "error_message": "停机"}])
    items = api.get("/api/customers/C00001/messages", token=token).data["items"]
    assert [(i["campaign_name"], i["status"], i["status_label"], i["error"]) for i in items] == [
        ("活动c2", "failed", "失败", "停机"), ("活动c1", "no_receipt", "无回执", "")]
    _, other = approved_tenant(api, 2)
    assert api.get("/api/customers/C00001/messages", token=other).status_code == 404
