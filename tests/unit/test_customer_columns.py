"""Pure helpers of the columnar customer table: days, tags, masks, record round trip."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.customer_columns import (
    MISSING_DAY,
    TagLists,
    day_number,
    day_numbers,
    day_text,
    day_texts,
    mask_mobile,
)
from chalicelib.domain.customer_records import columns_of, merge, records

days = st.dates().map(lambda d: d.isoformat())


@given(st.lists(days | st.just("")))
def test_day_numbers_and_texts_round_trip_and_agree_with_the_scalar_forms(texts):
    numbers = day_numbers(texts)
    assert day_texts(numbers).tolist() == texts
    assert numbers.tolist() == [day_number(text) for text in texts]
    assert [day_text(n) for n in numbers.tolist()] == texts


def test_a_missing_day_is_the_smallest_int32():
    assert day_number("") == MISSING_DAY == np.iinfo(np.int32).min


tag_lists = st.lists(st.lists(st.sampled_from(["会员", "慢病", "a", "b"]), unique=True, max_size=3), max_size=8)


@given(tag_lists, st.data())
def test_tag_lists_keep_each_rows_tags_through_take(lists, data):
    index = data.draw(st.permutations(range(len(lists)))) if lists else []
    tags = TagLists.of(lists)
    assert tags.lists(len(lists)) == lists
    assert tags.take(np.asarray(index, dtype=int)).lists(len(index)) == [lists[i] for i in index]
    assert tags.has("会员", len(lists)).tolist() == ["会员" in row for row in lists]


def test_mobiles_are_masked_in_the_middle():
    assert mask_mobile("13812341234") == "138****1234"
    assert mask_mobile("") == ""


def customer(code, tags=(), **fields):
    return {"customer_code": code, "name": fields.get("name", ""), "mobile": "", "gender": "", "birthday": "",
            "region": "", "id_number": "", "tags": list(tags), "sms_consent": False, "rfm_class": None, "store": "",
            "created_at": "", "updated_at": "", "last_import_id": None}


@given(st.dictionaries(st.sampled_from("ABCDEFG"), tag_lists.map(lambda tags: tags[0] if tags else [])),
       st.dictionaries(st.sampled_from("ABCDEFG"), tag_lists.map(lambda tags: tags[0] if tags else [])))
def test_merge_equals_a_dict_update_sorted_by_code(old, new):
    def table(customers):
        columns = columns_of(sorted(customers.values(), key=lambda c: c["customer_code"]))
        return {**columns, "order_count": np.zeros(len(customers), dtype=np.int32)} if customers is olds else columns

    olds = {code: customer(code, tags) for code, tags in old.items()}
    news = {code: customer(code, tags, name="new") for code, tags in new.items()}
    merged = merge(table(olds), table(news))
    expected = {**olds, **news}
    assert records(merged) == [expected[code] for code in sorted(expected)]
