"""Cell cleaners: text, dates and times, money, yes/no and personal details."""
import datetime as dt
import sys
import unicodedata

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chalicelib.domain.cleaning import date_layouts, numbers, text
from chalicelib.domain.cleaning import packed as packed_module
from chalicelib.domain.cleaning.dates import parse_times
from chalicelib.domain.cleaning.issues import collect_issues
from chalicelib.domain.cleaning.numbers import parse_amounts, parse_yes_no
from chalicelib.domain.cleaning.packed import distinct, pack
from chalicelib.domain.cleaning.people import parse_genders, parse_id_numbers, parse_mobiles, parse_tags
from chalicelib.domain.cleaning.text import INVISIBLE, first_occurrences, fold_text, parse_text, shown_text
from chalicelib.domain.fields import normalize_mobile
from chalicelib.domain.table import RowIssue

EARLY, LATE = dt.date(1990, 1, 1), dt.date(2099, 12, 31)
TODAY = dt.date(2026, 6, 30)


def cells(*values) -> np.ndarray:
    column = np.empty(len(values), dtype=object)
    column[:] = list(values)
    return column


def flagged(problems: dict) -> dict:
    """message -> positions flagged, for the problems that flag anything."""
    return {message: np.flatnonzero(mask).tolist() for message, mask in problems.items() if mask.any()}


def times(*values):
    wall, problems = parse_times(cells(*values), "下单时间", EARLY, LATE, "2026-03-01 14:05", required=True)
    return [None if np.isnat(value) else value.astype(dt.datetime) for value in wall], flagged(problems)


# --- text --------------------------------------------------------------------------------------

def test_text_is_trimmed_and_full_width_letters_digits_and_spaces_are_folded():
    assert fold_text(cells("  C001 ", "ＡＢＣ１２３－＿", "\u3000张三\u3000", "")).tolist() == ["C001", "ABC123-_", "张三", ""]


def test_numbers_read_from_excel_become_the_text_shown():
    assert fold_text(cells(123.0, 45.5, 7, None, float("nan"))).tolist() == ["123", "45.5", "7", "", ""]


def test_the_invisible_character_class_is_exactly_unicode_control_format_private_and_surrogate():
    wanted = {"Cc", "Cf", "Co", "Cs"}
    mismatches = [cp for cp in range(sys.maxunicode + 1)
                  if (unicodedata.category(chr(cp)) in wanted and cp != 0x200D) != bool(INVISIBLE.match(chr(cp)))]
    assert mismatches == []


def test_text_with_control_or_zero_width_characters_too_long_or_blank_is_flagged():
    text, problems = parse_text(cells("ok", "a\tb", "x\u200by", "z" * 65, "", "emoji\u200d"), "订单编号", 64, True)
    assert flagged(problems) == {
        "订单编号不能为空，请填写": [4],
        "订单编号包含换行、制表符或不可见字符，请删除这些字符": [1, 2],
        "订单编号最多 64 个字符，请缩短": [3],
    }


def test_a_code_excel_stored_as_a_long_number_is_flagged_as_having_lost_digits():
    text, problems = parse_text(cells(123.0, 1.2345678901234567e17), "客户编码", 64, True)
    assert text[0] == "123"
    assert list(flagged(problems).values()) == [[1]]


def test_first_occurrences_point_later_repeats_at_the_first_row():
    repeated, first = first_occurrences(cells("a", "b", "a", "c", "b", "a", "", ""))
    assert repeated.tolist() == [False, False, True, False, True, True, False, False]
    assert first[[2, 4, 5]].tolist() == [0, 1, 0]


def test_issues_are_ordered_by_row_then_by_column():
    checks = [("甲", "", {"m1": np.array([False, True])}), ("乙", "", {"m2": np.array([True, True])})]
    assert collect_issues(checks, np.array([2, 3])) == [RowIssue(2, "乙", "m2"), RowIssue(3, "甲", "m1"),
                                                        RowIssue(3, "乙", "m2")]


def test_each_message_quotes_the_cell_after_the_label_cut_short_and_without_invisible_characters():
    checks = [("手机", "手机号", {"手机号格式不正确，请填写 11 位中国大陆手机号": np.array([True, True, True, False])}),
              ("标签", "标签", {"每一项都太长": np.array([False, False, False, True])})]
    cells = {"手机": ["1381234", "=cmd|' /C calc'!A0" + "x" * 40, "13\u202e8", ""], "标签": ["", "", "", "很长"]}

    issues = collect_issues(checks, np.array([2, 3, 4, 5]),
                            lambda header, positions: [shown_text(cells[header][p]) for p in positions])

    assert [issue.message for issue in issues] == [
        "手机号“1381234”格式不正确，请填写 11 位中国大陆手机号",
        f"手机号“=cmd|' /C calc'!A0{'x' * 12}…”格式不正确，请填写 11 位中国大陆手机号",
        "手机号“13\ufffd8”格式不正确，请填写 11 位中国大陆手机号",
        "“很长”：每一项都太长"]


# --- dates and times ----------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [
    "2026-03-01 14:05:09", "2026/3/1 14:05:09", "2026-3-1 14:05:09", "2026-03-01T14:05:09", "20260301140509",
    "2026.3.1 14:05:09", "2026年3月1日 14:05:09", "2026年3月1日14时05分09秒", " 2026-03-01 14:05:09.250 ",
    "２０２６－０３－０１　１４：０５：０９"])
def test_common_date_time_spellings_are_understood(spelling):
    assert times(spelling) == ([dt.datetime(2026, 3, 1, 14, 5, 9)], {})


@pytest.mark.parametrize("spelling", ["2026-03-01", "2026/3/1", "20260301", "2026年3月1日"])
def test_a_date_without_a_time_means_midnight(spelling):
    assert times(spelling) == ([dt.datetime(2026, 3, 1)], {})


def test_a_column_mixing_spellings_parses_each_row():
    values, problems = times("2026-03-01 14:05", "2026/3/2", "20260303", "2026-03-04", "2026/3/5 6:07")
    assert problems == {}
    assert [value.day for value in values] == [1, 2, 3, 4, 5]
    assert values[4] == dt.datetime(2026, 3, 5, 6, 7)


def test_excel_date_cells_and_serial_numbers_are_understood():
    values, problems = times(dt.datetime(2026, 3, 1, 14, 5), dt.date(2026, 3, 1), 45352, 45352.5, "45352.25")
    assert problems == {}
    assert values == [dt.datetime(2026, 3, 1, 14, 5), dt.datetime(2026, 3, 1), dt.datetime(2024, 3, 1),
                      dt.datetime(2024, 3, 1, 12), dt.datetime(2024, 3, 1, 6)]


def test_a_number_written_as_yyyymmdd_is_a_date():
    assert times(20260301.0) == ([dt.datetime(2026, 3, 1)], {})


def test_unreadable_impossible_and_implausible_dates_get_their_own_message():
    values, problems = times("2026-02-30", "2026-03-01 25:00", "01/03/2026", "2026", "12345", "1989-12-31",
                             "2100-01-01", "", dt.time(14, 5), 1000.0)
    assert values == [None] * 10
    assert problems == {
        "下单时间不是有效的日期或时间（如 2 月 30 日、25 点），请检查": [0, 1],
        "下单时间格式不正确，请按年-月-日填写，如 2026-03-01 14:05": [2, 3, 4, 8, 9],
        "下单时间须在 1990-01-01 至 2099-12-31 之间": [5, 6],
        "下单时间不能为空，请填写": [7],
    }


def test_the_last_second_of_the_range_is_still_inside():
    assert times("2099-12-31 23:59:59")[1] == {}


# --- money --------------------------------------------------------------------------------------

def fen(*values):
    amounts, problems = parse_amounts(cells(*values), "订单金额")
    return amounts.tolist(), flagged(problems)


def test_amounts_become_exact_fen_from_numbers_and_decorated_text():
    assert fen(128.5, 3, "128.50", "¥1,280.50", "￥ 1 280.5 元", "１２８．５", "-12.30", "0", "+7", ".5") == (
        [12850, 300, 12850, 128050, 128050, 12850, -1230, 0, 700, 50], {})


def test_floating_point_noise_never_changes_a_fen():
    assert fen(0.1 + 0.2, 128.49999999999997, 99999999.99, 19.99 * 3, 0.07 * 100 / 100) == (
        [30, 12850, 9999999999, 5997, 7], {})


def test_a_float_that_really_has_a_third_decimal_is_flagged():
    assert fen(1.005, 2.675)[1] == {"订单金额最多两位小数": [0, 1]}


def test_more_than_two_decimals_is_an_error_but_trailing_zeros_are_not():
    assert fen("1.001", "1.000", "2.5000") == ([100, 100, 250], {"订单金额最多两位小数": [0]})


def test_amounts_beyond_a_hundred_million_yuan_are_out_of_range():
    assert fen("100000000", "-100000000.00", "100000000.01")[1] == {
        "订单金额超出范围：金额绝对值不能超过 1 亿元": [2]}


def test_unreadable_and_blank_amounts_are_errors():
    amounts, problems = fen("12,5", "abc", "1.2.3", "nan", "inf", "", True, "-")
    assert amounts == [0] * 8
    assert problems == {"订单金额格式不正确，请填写数字，如 128.50（可带 ¥ 和千位分隔符）": [0, 1, 2, 3, 4, 6, 7],
                        "订单金额不能为空，请填写": [5]}


def test_a_plain_numeric_text_column_takes_the_fast_path_and_agrees_with_the_careful_one():
    plain = fen("12.34", "-0.5", "7", "100000000")
    careful = fen("12.34", "-0.5", "7", "100000000", "¥1")
    assert careful[0][:4] == plain[0] and plain[1] == careful[1] == {}


# --- yes/no, gender, mobile, ID, tags ---------------------------------------------------------

def test_yes_no_accepts_chinese_english_digits_and_excel_booleans_and_blank_means_no():
    answers, problems = parse_yes_no(cells("是", "否", "Y", "n", "YES", "no", "1", "0", 1.0, 0.0, True, False,
                                           "同意", "不同意", "", "true", "FALSE", "也许", 2.0), "短信同意")
    assert answers.tolist() == [True, False, True, False, True, False, True, False, True, False, True, False,
                                True, False, False, True, False, False, False]
    assert flagged(problems) == {"短信同意请填写 是 或 否（也可填 Y / N、1 / 0）": [17, 18]}


def test_gender_accepts_chinese_and_english_spellings():
    genders, problems = parse_genders(cells("男", "女", "M", "f", "Male", "FEMALE", "", "未知"), "性别")
    assert genders.tolist() == ["男", "女", "男", "女", "男", "女", "", ""]
    assert flagged(problems) == {"性别请填写 男 或 女（也可填 M / F）": [7]}


def test_mobiles_are_normalised_to_11_digits_and_checked_as_mainland_mobiles():
    mobiles, problems = parse_mobiles(cells("13812345678", "+86 138 1234 5678", "86-138-1234-5678",
                                            "0086 13812345678", 13812345678.0, "（+86）19912345678", "",
                                            "12012345678", "1381234567", "+1 2025550123", "010-12345678"), "手机号")
    assert mobiles.tolist() == ["13812345678"] * 5 + ["19912345678", "", "", "", "", ""]
    assert flagged(problems) == {"手机号格式不正确，请填写 11 位中国大陆手机号（可带 +86）": [7, 8, 9, 10]}


def test_the_column_mobile_rule_agrees_with_the_single_number_one_for_every_prefix():
    numbers = [f"{prefix}{7 * int(prefix[-1]):06d}"[:11] for prefix in map(str, range(13000, 20000))]
    mobiles, problems = parse_mobiles(cells(*numbers), "手机号")

    def accepted(number: str) -> bool:
        try:
            return normalize_mobile(number) == number
        except ValueError:
            return False
    assert [mobile != "" for mobile in mobiles] == [accepted(number) for number in numbers]


def id_with_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def test_id_numbers_need_a_correct_check_digit_and_a_real_past_birth_date():
    valid = "11010519491231002X"
    values = cells(valid, valid.lower(), "110105194912310021", id_with_check("11010519491331002"),
                   id_with_check("11010520991231002"), "110105491231002", "", 1.1010519491231002e17)
    numbers, problems = parse_id_numbers(values, "身份证号", TODAY)
    assert numbers.tolist() == [valid, valid, "", "", "", "", "", ""]
    assert flagged(problems) == {
        "身份证号校验码不正确，请核对后重新填写": [2],
        "身份证号中的出生日期无效，请核对后重新填写": [3, 4],
        "身份证号应为 18 位（最后一位可以是 X）": [5],
        "身份证号被 Excel 存成了数字，末尾几位已丢失：请把该列设为文本格式后重新填写": [7],
    }


def test_tags_are_split_on_any_separator_deduplicated_and_joined_in_first_seen_order():
    tags, problems = parse_tags(cells("慢病，会员;慢病 、VIP|会员", " ", "一" * 21, ",".join(map(str, range(21)))),
                                "标签")
    assert tags.tolist()[:2] == ["慢病,会员,VIP", ""]
    assert flagged(problems) == {"标签最多 20 个": [3], "标签每个最多 20 个字": [2]}


# --- fast paths (cleaning.packed) agree with the general parsers ---------------------------------

def same(a, b) -> bool:
    """Same values (NaT equal to NaT) and the same rows flagged for the same messages."""
    (values_a, problems_a), (values_b, problems_b) = a, b
    as_numbers = (lambda v: v.view(np.int64)) if values_a.dtype.kind == "M" else (lambda v: v)
    return np.array_equal(as_numbers(values_a), as_numbers(values_b)) and flagged(problems_a) == flagged(problems_b)


DIGITS = "0123456789"


@st.composite
def date_cell(draw):
    """Mostly the fixed layouts (valid or not), sometimes damaged by one odd character."""
    year = draw(st.sampled_from([1699, 1700, 1989, 1990, 2000, 2024, 2099, 2100, 2199, 2200, 2262, 9999, 0]))
    month, day = draw(st.integers(0, 13)), draw(st.integers(0, 32))
    # Seconds 60 and 61: pandas' format parsing rolls them over to the next minute, the regexes call
    # them invalid, so the general parser's verdict depends on the other rows (see the test below)
    hour, minute, second = draw(st.integers(0, 25)), draw(st.integers(0, 60)), draw(st.integers(0, 59))
    dash, colon, middle = draw(st.sampled_from("-/.")), ":", draw(st.sampled_from([" ", "T"]))
    layouts = [f"{year:04d}{dash}{month:02d}{dash}{day:02d}{middle}{hour:02d}{colon}{minute:02d}{colon}{second:02d}",
               f"{year:04d}{dash}{month:02d}{dash}{day:02d}{middle}{hour:02d}{colon}{minute:02d}",
               f"{year:04d}{dash}{month:02d}{dash}{day:02d}", f"{year:04d}{month:02d}{day:02d}",
               f"{year:04d}{month:02d}{day:02d}{hour:02d}{minute:02d}{second:02d}",
               f"{year}/{month}/{day} {hour}:{minute:02d}", "", " ", "45352", "明天"]
    cell = draw(st.sampled_from(layouts))
    if cell and draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(cell) - 1))
        cell = cell[:at] + draw(st.sampled_from("0-/.: T年x\u3000１\t")) + cell[at + 1:]
    return cell


@st.composite
def amount_cell(draw):
    sign = draw(st.sampled_from(["", "-", "+", "--"]))
    whole = draw(st.text(DIGITS, max_size=12))
    point = draw(st.sampled_from(["", ".", "..", ","]))
    fraction = draw(st.text(DIGITS, max_size=3))
    cell = draw(st.sampled_from([sign + whole + point + fraction, sign + whole, whole + point + fraction]))
    if draw(st.integers(0, 5)) == 0:
        cell = draw(st.sampled_from(["¥", " ", "", "x"])) + cell + draw(st.sampled_from(["元", " ", "", "-"]))
    return cell


def test_a_compact_date_column_does_not_read_a_spaced_cell_of_the_same_length_as_a_date():
    times, problems = parse_layouts_off(lambda: parse_times(cells("202601 1", "20260101"), "下单时间", EARLY, LATE,
                                                            "2026-03-01 14:05", True))
    assert np.isnat(times[0]) and problems["下单时间格式不正确，请按年-月-日填写，如 2026-03-01 14:05"][0]
    assert times[1] == np.datetime64("2026-01-01T00:00:00")


@settings(max_examples=300, deadline=None)
@given(st.lists(date_cell(), min_size=1, max_size=30))
@example(["1699-00-00 00:00:00", "169901 1", "17000101"])
def test_fixed_layout_dates_parse_exactly_as_the_general_parser_would(values):
    column = cells(*values)

    def parse(packed):
        return parse_times(column, "下单时间", EARLY, LATE, "2026-03-01 14:05", True, packed)
    general = parse_layouts_off(lambda: parse(None))
    assert same(parse(None), general) and same(parse(pack(column)), general)


@settings(max_examples=300, deadline=None)
@given(st.lists(amount_cell(), min_size=1, max_size=30))
def test_plain_amounts_parse_exactly_as_the_general_parser_would(values):
    column = cells(*values)
    general = parse_layouts_off(lambda: parse_amounts(column, "订单金额"))
    assert same(parse_amounts(column, "订单金额"), general)
    assert same(parse_amounts(column, "订单金额", pack(column)), general)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("SO19 \t\u200bＡ张\x7f", max_size=70), min_size=1, max_size=20))
def test_plain_codes_are_checked_exactly_as_the_general_parser_would(values):
    column = cells(*values)
    general = parse_layouts_off(lambda: parse_text(column, "订单编号", 64, True))
    for packed in (None, pack(column, partial=False)):
        text_out, problems = parse_text(column, "订单编号", 64, True, packed)
        assert text_out.tolist() == general[0].tolist() and flagged(problems) == flagged(general[1])
        assert [r.tolist() for r in first_occurrences(text_out, packed)] == [
            r.tolist() for r in parse_layouts_off(lambda: first_occurrences(general[0]))]


def test_a_sixtieth_second_is_judged_as_before_in_a_file_of_one_layout():
    column = cells("2026-03-01 14:05:09", "2026-03-01 14:05:60", "2026-03-01 14:05:61")

    def parse():
        return parse_times(column, "下单时间", EARLY, LATE, "2026-03-01 14:05", True)
    assert same(parse(), parse_layouts_off(parse))


def parse_layouts_off(run):
    """run() with every byte-level fast path off."""
    saved = [(module, module.pack) for module in (date_layouts, numbers, text)] + [(packed_module, packed_module.pack)]
    try:
        for module, _ in saved:
            module.pack = lambda *args, **kwargs: None
        return run()
    finally:
        for module, original in saved:
            module.pack = original


def test_distinct_compares_cells_exactly_sorted_or_not():
    assert distinct(pack(cells("SO1", "SO2", "SO10")))
    assert not distinct(pack(cells("SO2", "SO1", "SO2")))
    assert distinct(pack(cells("B" * 16, "A" * 16, "A" * 15)))
    assert not distinct(pack(cells("A" * 17, "B" * 17)))  # too long to say: the general path decides
    assert not distinct(pack(cells("SO 1", "SO2")))  # not plain


def test_a_partial_pack_leaves_out_cells_with_other_characters():
    packed = pack(cells("2026-03-01", "二〇二六年", "x\ny", "20260301"))
    assert packed.rows.tolist() == [0, 3] and packed.lengths.tolist() == [10, 8]
    assert pack(cells("a", "张"), partial=False) is None and pack(cells(1.0, "a")) is None


def test_the_fast_paths_take_the_plain_cells_and_leave_the_rest():
    values, done = date_layouts.parse_layouts(cells("2026-03-01 14:05:09", "2026/3/1", "2026-02-30", "20260301"))
    assert done.tolist() == [True, False, False, True]
    assert values[[0, 3]].tolist() == [dt.datetime(2026, 3, 1, 14, 5, 9), dt.datetime(2026, 3, 1)]
    column = cells("128.50", "-7", "1.005", "¥1", "0.5", "1234567890")
    fen, plain = numbers._plain_fen(pack(column), len(column))
    assert plain.tolist() == [True, True, False, False, True, False]
    assert fen[plain].tolist() == [12850, -700, 50]
