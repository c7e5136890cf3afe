"""A plan's measured results on fakes: pooled only over complete windows of campaigns with a control group."""
import chalicelib.adapters.models  # noqa: F401  (sms_models must be imported through models: a cycle)
from chalicelib.services.campaigns import plan_results


def figures(n, buyers):
    return {"n": n, "buyers": buyers, "orders": buyers, "revenue_fen": buyers * 100, "revenue_sq": buyers * 1e4}


def window(sent, control, complete=True):
    return {"sent": sent, "control": control, "complete": complete, "note": ""}


class FakeResults:
    def __init__(self, rows):
        self.rows = rows

    def for_plan(self, plan_id):
        return self.rows


def row(tenant_id, campaign_id, thirty):
    return {"tenant_id": tenant_id, "campaign_id": campaign_id,
            "figures": {"7": window(figures(10, 1), figures(10, 1), False), "30": thirty}}


def test_no_campaign_means_no_results():
    assert plan_results.measured("p1", results=FakeResults([])) is None


def test_complete_windows_with_a_control_group_are_added_up():
    rows = [row("t1", "c1", window(figures(100, 40), figures(100, 10))),
            row("t2", "c1", window(figures(300, 120), figures(300, 30))),
            row("t2", "c2", window(figures(500, 400), figures(0, 0))),  # no control group: not comparable
            row("t3", "c1", window(figures(500, 400), figures(500, 0), complete=False))]
    measured = plan_results.measured("p1", results=FakeResults(rows))
    assert (measured["campaigns"], measured["tenants"]) == (4, 3)
    thirty = measured["outcome"]["30"]
    assert thirty["sent"]["customers"] == 400 and thirty["sent"]["buyers"] == 160
    assert thirty["control"]["customers"] == 400 and thirty["control"]["buyers"] == 40
    assert thirty["complete"] and thirty["verdict"] == "明显提升" and "合计 2 次" in thirty["note"]


def test_a_window_no_campaign_completed_claims_nothing():
    seven = plan_results.measured("p1", results=FakeResults([row("t1", "c1", window(figures(1, 0), figures(1, 0)))]))
    seven = seven["outcome"]["7"]
    assert not seven["complete"] and seven["verdict"] == "尚不能确定" and seven["verdict_note"].startswith("还没有")
