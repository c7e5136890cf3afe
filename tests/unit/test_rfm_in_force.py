"""Which saved analysis the current classes come from: the latest window end, unless one was set as current since."""
from chalicelib.domain.rfm.in_force import in_force


def saved(analysis_id, end, saved_at, pinned_at=None):
    return {"analysis_id": analysis_id, "end": end, "saved_at": f"2026-04-0{saved_at}T00:00:00+00:00",
            "pinned_at": pinned_at and f"2026-04-0{pinned_at}T00:00:00.5+00:00"}


def test_with_no_saved_analysis_none_is_in_force():
    assert in_force([]) is None


def test_the_latest_window_end_is_in_force_even_when_an_older_window_was_saved_after_it():
    this_year, last_year = saved("this-year", "2026-03-31", 1), saved("last-year", "2025-03-31", 2)
    assert in_force([this_year, last_year]) == "this-year"
    assert in_force([last_year, this_year]) == "this-year"


def test_between_two_analyses_of_the_same_window_end_the_later_save_is_in_force():
    assert in_force([saved("first", "2026-03-31", 1), saved("second", "2026-03-31", 2)]) == "second"


def test_an_analysis_set_as_current_is_in_force_though_its_window_is_older():
    assert in_force([saved("new", "2026-03-31", 1), saved("old", "2025-03-31", 2, pinned_at=3)]) == "old"


def test_saving_an_older_window_after_setting_one_as_current_keeps_the_one_set():
    analyses = [saved("new", "2026-03-31", 1), saved("pinned", "2025-06-30", 2, pinned_at=3),
                saved("older", "2024-03-31", 4)]
    assert in_force(analyses) == "pinned"


def test_a_later_window_saved_after_the_choice_takes_over_again():
    analyses = [saved("new", "2026-03-31", 1), saved("pinned", "2025-06-30", 2, pinned_at=3),
                saved("newest", "2026-04-30", 4)]
    assert in_force(analyses) == "newest"


def test_the_last_choice_counts_when_several_were_set_as_current():
    analyses = [saved("a", "2026-03-31", 1, pinned_at=5), saved("b", "2025-03-31", 2, pinned_at=4),
                saved("c", "2024-03-31", 3)]
    assert in_force(analyses) == "a"


def test_deleting_the_analysis_in_force_falls_back_to_the_next_by_the_same_rule():
    analyses = [saved("new", "2026-03-31", 1), saved("middle", "2025-12-31", 2), saved("old", "2025-03-31", 3)]
    assert in_force(analyses) == "new"
    assert in_force(analyses[1:]) == "middle"
    assert in_force(analyses[2:]) == "old"


def test_a_pin_to_the_second_and_a_save_to_the_microsecond_still_order_by_time():
    # a save at 00:00:01 comes after a pin at 00:00:00.5 although "." sorts after "+" in text
    pinned = {**saved("pinned", "2025-03-31", 1), "pinned_at": "2026-04-05T00:00:00.500000+00:00"}
    newer = {**saved("newer", "2026-03-31", 1), "saved_at": "2026-04-05T00:00:01.000001+00:00"}
    assert in_force([pinned, newer]) == "newer"
