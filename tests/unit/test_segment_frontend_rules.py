"""The rule builder's pure parts (frontend/src/user/views/segments/ruleTree.js and
user/components/segmentRules.js), run in node: the tree round-trips the API's rule JSON, a server error's path lands
on the condition it names, and the prefilled rules of a class, a grid cell, a matrix cell and the movers."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "frontend/src/user"
TREE = (SRC / "views/segments/ruleTree.js").as_uri()
LINKS = (SRC / "components/segmentRules.js").as_uri()
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def run(body: str):
    script = f"import * as tree from {json.dumps(TREE)}; import * as links from {json.dumps(LINKS)};" \
             f"console.log(JSON.stringify((() => {{ {body} }})()))"
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


NESTED = {"all": [
    {"field": "rfm_class", "op": "in", "value": ["重要价值客户"]},
    {"any": [{"field": "tags", "op": "contains_any", "value": ["新客"]},
             {"field": "birthday_within_days", "op": "lte", "value": 7}]},
    {"field": "sms_consent", "op": "is_true"},
]}


def test_nested_rules_survive_the_editable_tree_unchanged():
    assert run(f"return tree.toRules(tree.toTree({json.dumps(NESTED)}))") == NESTED


def test_an_empty_or_unreadable_rule_is_an_empty_all_group():
    assert run("return [tree.toRules(tree.toTree(null)), tree.toRules(tree.toTree({}))]") == [{"all": []}, {"all": []}]


def test_the_tree_counts_every_condition_in_nested_groups():
    assert run(f"return tree.countConditions(tree.toTree({json.dumps(NESTED)}))") == 4


def test_a_server_error_lands_on_the_condition_its_path_names_and_an_unplaced_one_on_the_root():
    placed = run(f"""
        const root = tree.toTree({json.dumps(NESTED)});
        const errors = tree.errorsByNode(root, [
            {{path: 'all[1].any[1].value', message: '天数应在 0 到 366 之间'}},
            {{field: 'all[0]', message: '分类名称不存在'}},
            {{field: 'rules', message: '条件太多'}}]);
        const name = (id) => id === root.id ? 'root' : id === root.children[0].id ? 'first'
            : id === root.children[1].children[1].id ? 'nested' : id;
        return Object.fromEntries(Object.entries(errors).map(([id, m]) => [name(id), m]));""")
    assert placed == {"nested": ["天数应在 0 到 366 之间"], "first": ["分类名称不存在"], "root": ["条件太多"]}


def test_a_path_with_a_two_digit_index_is_not_mistaken_for_a_one_digit_one():
    placed = run("""
        const root = tree.newGroup('all', Array.from({length: 11}, () => tree.newConditionNode('gender')));
        const errors = tree.errorsByNode(root, [{field: 'all[10].value', message: 'x'}]);
        return root.children.findIndex((c) => errors[c.id]);""")
    assert placed == 10


def test_a_class_and_a_grid_cell_become_their_conditions():
    assert run("return [links.classRules('重要挽留客户'), links.gridRules(2, 5)]") == [
        {"all": [{"field": "rfm_class", "op": "in", "value": ["重要挽留客户"]}]},
        {"all": [{"field": "r_score", "op": "eq", "value": 2}, {"field": "f_score", "op": "eq", "value": 5}]},
    ]


def test_a_matrix_cell_names_both_analyses_and_leaves_out_a_class_that_may_be_any():
    assert run("return [links.movedRules('a1', 'a2', '重要价值客户', '一般挽留客户'), links.movedRules('a1', 'a2')]") == [
        {"all": [{"field": "moved", "op": "eq", "value": {"from_analysis": "a1", "to_analysis": "a2",
                                                          "from_class": "重要价值客户", "to_class": "一般挽留客户"}}]},
        {"all": [{"field": "moved", "op": "eq", "value": {"from_analysis": "a1", "to_analysis": "a2"}}]},
    ]


def test_the_moved_up_and_moved_down_lists_are_a_move_in_that_direction_between_the_two_analyses():
    assert run("return [links.directionRules('a1', 'a2', 'up'), links.directionRules('a1', 'a2', 'down')]") == [
        {"all": [{"field": "moved", "op": "eq", "value": {"from_analysis": "a1", "to_analysis": "a2", "direction": d}}]}
        for d in ("up", "down")]


def test_the_builder_address_carries_the_rules_as_json_and_the_suggested_name():
    route = run("return links.newSegmentRoute(links.classRules('重要价值客户'), '重要价值客户')")
    assert route["path"] == "/segments/new" and route["query"]["name"] == "重要价值客户"
    assert json.loads(route["query"]["rules"]) == {"all": [{"field": "rfm_class", "op": "in", "value": ["重要价值客户"]}]}


def test_a_condition_still_waiting_for_its_value_is_not_counted_yet():
    found = run("""const g = (c) => tree.newGroup('all', c.map(tree.conditionNode));
        return [tree.hasBlankCondition(g([{field: 'rfm_class', op: 'in', value: []}])),
                tree.hasBlankCondition(g([{field: 'rfm_class', op: 'in', value: ['重要价值客户']}])),
                tree.hasBlankCondition(g([{field: 'sms_consent', op: 'is_true', value: null}])),
                tree.hasBlankCondition(g([{field: 'total_spent', op: 'between', value: [100, null]}]))]""")
    assert found == [True, False, False, True]
