"""Property: on any customers and any rules, the vectorised evaluation selects exactly whom the row-by-row
reference selects."""
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.segments import evaluate, parse_rules
from tests.unit.segment_fixtures import columns, context, customer
from tests.unit.segment_reference import CLASSES, MOVE_ORDER, selects

LABELS = (*CLASSES, "无购买", "未分析")
TAGS = ("VIP", "慢病", "孕妇", "新客", "本月生日", "重要价值客户")
STORES = ("", "南山店", "福田店")
REGIONS = ("", "广东省/深圳市", "广东省/广州市", "北京市")
days = st.dates(min_value=date(2019, 12, 25), max_value=date(2025, 3, 5))
maybe_day = st.none() | days
scores = st.integers(1, 5)


@st.composite
def customers(draw, code: str) -> dict:
    measures = draw(st.none() | st.fixed_dictionaries({
        "recency_days": st.integers(0, 400), "frequency": st.integers(1, 20),
        "monetary_fen": st.floats(1, 100_000, allow_nan=False).map(lambda v: round(v, 1)),
        "r_score": scores, "f_score": scores, "m_score": scores}))
    first = draw(maybe_day)
    return customer(code, rfm_class=draw(st.sampled_from(LABELS)),
                    birthday=draw(st.none() | st.dates(date(1940, 1, 1), date(2019, 12, 31))),
                    first_order=first, last_order=first and first + timedelta(days=draw(st.integers(0, 300))),
                    order_count=draw(st.integers(0, 5)), total_fen=draw(st.integers(0, 50_000)),
                    store=draw(st.sampled_from(STORES)), gender=draw(st.sampled_from(("", "男", "女"))),
                    region=draw(st.sampled_from(REGIONS)), mobile=draw(st.sampled_from(("", "13800000000"))),
                    sms_consent=draw(st.booleans()), tags=draw(st.lists(st.sampled_from(TAGS[:3]), unique=True)),
                    measures=measures,
                    classes=draw(st.dictionaries(st.sampled_from(("A1", "A2")), st.sampled_from(CLASSES))))


def ranged(values, ops=("eq", "ne", "gte", "lte", "in", "not_in", "between")):
    def pick(op):
        if op in ("in", "not_in"):
            return st.lists(values, min_size=1, max_size=3)
        if op == "between":
            return st.lists(values, min_size=2, max_size=2).map(sorted)
        return values
    return st.sampled_from(ops).flatmap(lambda op: pick(op).map(lambda value: (op, value)))


def texts(pool):
    return st.sampled_from(("eq", "ne", "in", "not_in")).flatmap(
        lambda op: (st.lists(st.sampled_from(pool), min_size=1, max_size=2) if "in" in op else st.sampled_from(pool))
        .map(lambda value: (op, value)))


def iso(day: date) -> str:
    return day.isoformat()


FIELDS = {
    "rfm_class": texts(LABELS), "store": texts(STORES[1:]), "gender": texts(("男", "女")),
    "region": texts(("广东省", "广东省/深圳市", "北京市")),
    "r_score": ranged(scores), "f_score": ranged(scores), "m_score": ranged(scores),
    "recency_days": ranged(st.integers(0, 400)), "frequency": ranged(st.integers(0, 20)),
    "monetary": ranged(st.integers(0, 100_000).map(lambda fen: fen / 100)),
    "first_order_date": ranged(days.map(iso)), "last_order_date": ranged(days.map(iso)),
    "order_count": ranged(st.integers(0, 5)), "total_spent": ranged(st.integers(0, 50_000).map(lambda f: f / 100)),
    "birthday_month": ranged(st.integers(1, 12)), "age": ranged(st.integers(0, 90)),
    "birthday_within_days": st.integers(0, 366).map(lambda n: ("lte", n)),
    "tags": st.tuples(st.sampled_from(("contains_any", "contains_all", "contains_none")),
                      st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True)),
    "has_mobile": st.sampled_from((("is_true", None), ("is_false", None))),
    "sms_consent": st.sampled_from((("is_true", None), ("is_false", None))),
    "moved": st.tuples(st.just("eq"), st.fixed_dictionaries(
        {"from_analysis": st.just("A1"), "to_analysis": st.just("A2")},
        optional={"from_class": st.sampled_from(MOVE_ORDER), "to_class": st.sampled_from(MOVE_ORDER),
                  "direction": st.sampled_from(("up", "down"))})),
}
conditions = st.sampled_from(sorted(FIELDS)).flatmap(
    lambda field: FIELDS[field].map(lambda op_value: {"field": field, "op": op_value[0], "value": op_value[1]}))


def group_of(items):
    return st.builds(lambda kind, inside: {kind: inside}, st.sampled_from(("all", "any")), st.lists(items, max_size=3))


rules_documents = group_of(conditions | group_of(conditions | group_of(conditions)))  # three levels deep


people_lists = st.integers(0, 12).flatmap(lambda size: st.tuples(*(customers(f"C{i:02d}") for i in range(size))))


def check(people, rules, today):
    people = list(people)
    mask = evaluate(parse_rules(rules), columns(people), context(people, today))
    assert mask.tolist() == [selects(rules, person, today) for person in people]


@settings(max_examples=150, deadline=None)
@given(people=people_lists, condition=conditions, today=days)
def test_each_condition_selects_whom_the_row_by_row_reference_selects(people, condition, today):
    check(people, {"all": [condition]}, today)


@settings(max_examples=50, deadline=None)
@given(people=people_lists, rules=rules_documents, today=days)
def test_nested_groups_select_whom_the_row_by_row_reference_selects(people, rules, today):
    check(people, rules, today)
