"""The campaign pages' pure parts (frontend/src/user/components/campaigns/campaignFormat.js and
views/campaigns/campaignForm.js), run in node: rules read as a sentence, the classes a link targets, the
新建短信活动 address, the request body, and the detectable lift in plain words."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "frontend/src/user"
FORMAT = (SRC / "components/campaigns/campaignFormat.js").as_uri()
FORM = (SRC / "views/campaigns/campaignForm.js").as_uri()
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def run(body: str):
    script = f"import * as fmt from {json.dumps(FORMAT)}; import * as form from {json.dumps(FORM)};" \
             f"console.log(JSON.stringify((() => {{ {body} }})()))"
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


CELL = {"all": [
    {"field": "moved", "op": "eq", "value": {"from_analysis": "a1", "to_analysis": "a2",
                                             "from_class": "重要价值客户", "to_class": "重要挽留客户"}},
    {"field": "store", "op": "eq", "value": "南山店"},
]}


def test_a_comparison_cell_reads_as_a_sentence_naming_both_classes_and_the_store():
    assert run(f"return fmt.rulesText({json.dumps(CELL)})") == \
        "分类迁移：从「重要价值客户」到「重要挽留客户」 且 所属门店 等于 南山店"


def test_nested_groups_read_with_brackets_and_or_and_units():
    rules = {"all": [{"field": "rfm_class", "op": "in", "value": ["一般价值客户", "新客户"]},
                     {"any": [{"field": "recency_days", "op": "between", "value": [30, 90]},
                              {"field": "sms_consent", "op": "is_true"}]}]}
    assert run(f"return fmt.rulesText({json.dumps(rules)})") == \
        "当前分类 属于 一般价值客户、新客户 且 （最近消费距今（R） 介于 30 至 90天 或 同意接收短信 是）"


def test_the_new_campaign_address_carries_the_rules_and_the_classes_they_target():
    route = run(f"return fmt.newCampaignRoute({{rules: {json.dumps(CELL)}, name: '挽留'}})")
    assert route["path"] == "/campaigns/new"
    assert json.loads(route["query"]["rules"]) == CELL
    assert route["query"]["classes"] == "重要挽留客户"
    assert route["query"]["name"] == "挽留"


def test_a_saved_segment_or_a_plan_goes_by_id_only():
    assert run("return fmt.newCampaignRoute({segmentId: 's1', planId: 'p1'})") == \
        {"path": "/campaigns/new", "query": {"segment_id": "s1", "plan_id": "p1"}}


def test_the_body_sends_rules_or_segment_the_share_and_send_at_in_utc():
    body = run("""return [
        form.campaignBody({name: ' 回访 ', template_id: 't1', holdout_percent: 15, segment_id: 's1', plan_id: '',
                           timing: 'at', send_at: '2026-05-01T02:00:00Z'}, null),
        form.campaignBody({name: 'x', template_id: 't1', holdout_percent: 0, segment_id: 's1', plan_id: 'p1',
                           timing: 'now', send_at: '2026-05-01T02:00:00Z'}, {all: []})]""")
    assert body[0] == {"name": "回访", "template_id": "t1", "holdout_share": 0.15, "segment_id": "s1",
                       "send_at": "2026-05-01T02:00:00.000Z"}
    assert body[1] == {"name": "x", "template_id": "t1", "holdout_share": 0, "rules": {"all": []}, "plan_id": "p1"}


def test_rules_a_link_carries_are_read_only_when_they_are_a_rule_group():
    assert run("""return [form.queryRules('{"all":[]}'), form.queryRules('oops'), form.queryRules('[1]'),
                          form.queryRules(undefined)]""") == [{"all": []}, None, None, None]


def test_the_lift_sentence_names_the_control_size_and_points_or_says_why_not():
    lines = run("return [fmt.liftSentence(0.0412, 1200, 0.1), fmt.liftSentence(null, 3, 0.1), fmt.liftSentence(0.1, 0, 0),"
                " fmt.liftSentence(null, 0, 0.1, 0.1)]")
    assert lines[0] == "对照组 1,200 人时，复购率至少相差 4.1 个百分点才能判断有效（这批客户近 30 天购买的比例约 10.0%）。"
    assert lines[1].startswith("对照组只有 3 人，估算不出")
    assert lines[2].startswith("没有对照组")
    assert lines[3].startswith("人群较小：按 10% 随机留出，这次没有抽到对照组客户") and "请调大对照组比例" in lines[3]


def test_a_finished_campaign_is_polled_only_while_receipts_are_due_and_for_three_days_at_most():
    now = 1_800_000_000_000
    hour = 3_600_000
    iso = "new Date({}).toISOString()"
    cases = run(f"""const c = (status, waiting, ago) => ({{status, counts: {{sent: 10, delivered: 5, failed: 5 - waiting}},
                                                          finished_at: {iso.format(f'{now} - ago')}}});
        return [fmt.awaitingReceipts(c('done', 3, {hour}), {now}), fmt.awaitingReceipts(c('done', 0, {hour}), {now}),
                fmt.awaitingReceipts(c('done', 3, 73 * {hour}), {now}), fmt.awaitingReceipts(c('paused', 3, 1), {now}),
                fmt.isLive('sending'), fmt.isLive('scheduled'), fmt.isLive('paused')]""")
    assert cases == [True, False, False, False, True, True, False]
