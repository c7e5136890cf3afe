"""Control group split: reproducible per (campaign, customer), independent between campaigns, uniform."""
import numpy as np
import pytest

from chalicelib.domain.campaigns.holdout import draws, held_out

CODES = np.array([f"C{number:07d}" for number in range(100_000)])


def test_the_same_campaign_holds_out_the_same_customers_every_time():
    assert np.array_equal(held_out("camp-1", CODES, 0.1), held_out("camp-1", CODES, 0.1))


def test_a_customer_is_held_out_or_not_whatever_else_is_in_the_list():
    # Given the full list and a shuffled part of it
    whole = held_out("camp-1", CODES, 0.2)
    order = np.random.default_rng(7).permutation(len(CODES))[:5_000]
    # Then each customer gets the same answer in both
    assert np.array_equal(held_out("camp-1", CODES[order], 0.2), whole[order])


def test_the_answer_does_not_depend_on_the_arrays_width_or_type():
    codes = np.array(["A1", "B22", "客户333"])
    expected = draws("camp-1", codes)
    assert np.array_equal(draws("camp-1", codes.astype("U40")), expected)
    assert np.array_equal(draws("camp-1", codes.astype(object)), expected)
    assert np.array_equal(draws("camp-1", list(codes)), expected)


def test_different_campaigns_draw_independent_control_groups():
    first, second = held_out("camp-1", CODES, 0.1), held_out("camp-2", CODES, 0.1)
    assert not np.array_equal(first, second)
    # Independent draws overlap on about 0.1 × 0.1 of the customers (1,000 ± 4 sd ≈ 120).
    assert abs(int((first & second).sum()) - 1_000) < 130


@pytest.mark.parametrize("share", [0.05, 0.1, 0.3, 0.5])
def test_the_held_out_share_is_close_to_the_one_asked_for(share):
    held = held_out("camp-share", CODES, share)
    tolerance = 4 * np.sqrt(share * (1 - share) / len(CODES))
    assert abs(held.mean() - share) < tolerance


def test_draws_are_uniform_over_sequential_codes():
    # Chi-square over 20 equal bins: 19 degrees of freedom, 99.9th percentile 43.8.
    bins = np.bincount((draws("camp-uniform", CODES) * 20).astype(int), minlength=20)
    expected = len(CODES) / 20
    assert ((bins - expected) ** 2 / expected).sum() < 43.8


def test_a_larger_share_keeps_everyone_a_smaller_share_held_out():
    assert not (held_out("camp-1", CODES, 0.1) & ~held_out("camp-1", CODES, 0.3)).any()


def test_share_zero_holds_out_no_one_and_one_holds_out_everyone():
    assert not held_out("camp-1", CODES, 0).any()
    assert held_out("camp-1", CODES, 1).all()
    assert held_out("camp-1", np.array([], dtype=str), 0.5).shape == (0,)


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_a_share_outside_zero_to_one_is_refused(share):
    with pytest.raises(ValueError, match="对照组比例"):
        held_out("camp-1", CODES[:3], share)
