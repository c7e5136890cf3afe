"""Editing one customer's tags: the request's checks and the tag column with one row rewritten."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.customer_columns import TagLists
from chalicelib.domain.customer_edits import CustomerEditRequest, with_row_tags
from chalicelib.domain.schemas import parse
from chalicelib.errors import ValidationFailed

TAG = st.sampled_from(["会员", "慢病", "高血压", "VIP", "新品"])


def test_tags_are_trimmed_and_kept_once_in_the_given_order():
    assert parse(CustomerEditRequest, {"tags": [" 慢病", "会员", "慢病"]}).tags == ["慢病", "会员"]


@pytest.mark.parametrize("body", [{"tags": ["a b"]}, {"tags": ["a、b"]}, {"tags": ["a,b"]}, {"tags": [""]},
                                  {"tags": [1]}, {"tags": "会员"}, {"tags": ["x" * 21]},
                                  {"tags": [str(n) for n in range(21)]}, {}, {"sms_consent": "maybe"}])
def test_bad_edits_are_refused_with_a_reason(body):
    # (PUT /api/customers/{code} parses the body before anything is read or written: a 400 with this message)
    with pytest.raises(ValidationFailed) as refused:
        parse(CustomerEditRequest, body)
    assert refused.value.message


@given(st.lists(st.lists(TAG, unique=True, max_size=4), min_size=1, max_size=8), st.data())
def test_rewriting_one_row_changes_that_row_only(lists, data):
    row = data.draw(st.integers(0, len(lists) - 1))
    new = data.draw(st.lists(TAG, unique=True, max_size=4))

    result = with_row_tags(TagLists.of(lists), row, new)

    expected = [list(tags) for tags in lists]
    expected[row] = new
    assert [sorted(tags) for tags in result.lists(len(lists))] == [sorted(tags) for tags in expected]
    assert set(result.names.tolist()) == {tag for tags in expected for tag in tags}
    assert np.all(np.diff(result.row) >= 0)
