"""The plan pages' pure rules (frontend/src/shared/plans/smsCount.js, planFormat.js and
user/components/moverClasses.js), run in node."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "frontend/src"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def call(module: str, function: str, *args):
    script = (f"import {{ {function} }} from {json.dumps((SRC / module).as_uri())};"
              f"console.log(JSON.stringify({function}(...{json.dumps(args, ensure_ascii=False)})))")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def measure(text: str) -> dict:
    return call("shared/plans/smsCount.js", "measureSms", text)


# 【康宁大药房】 (7) + text + 拒收请回复R (6): the text that makes a message of n characters.
def text_of(n: int) -> str:
    return "药" * (n - 13)


def test_the_message_is_the_signature_the_text_and_the_opt_out_suffix():
    assert measure("  会员日全场满100减20  ") == {
        "full": "【康宁大药房】会员日全场满100减20拒收请回复R", "chars": 25, "parts": 1, "tooLong": False}


def test_a_text_that_already_ends_with_the_opt_out_suffix_gets_it_once():
    assert measure("会员日满减拒收请回复R")["full"] == "【康宁大药房】会员日满减拒收请回复R"


def test_known_variables_are_counted_with_sample_values_and_unknown_ones_as_written():
    assert (measure("{name}您好，{store}{constructor}")["full"]
            == "【康宁大药房】王先生您好，康宁大药房南山店{constructor}拒收请回复R")


def test_seventy_characters_are_one_sms_and_seventy_one_are_two_parts_of_67():
    assert [measure(text_of(n))["parts"] for n in (70, 71, 134, 135)] == [1, 2, 2, 3]
    assert measure(text_of(71))["chars"] == 71


def test_characters_are_code_points_as_the_backend_counts_them():
    assert measure("😀")["chars"] == 14


def test_more_than_500_characters_is_too_long():
    assert measure(text_of(500))["tooLong"] is False
    assert measure(text_of(501))["tooLong"] is True


def test_texts_separated_by_a_blank_line_are_measured_one_by_one():
    texts = call("shared/plans/smsCount.js", "measureTexts", "第一条\n\n  \n\n第二条\n换行")
    assert [t["full"] for t in texts] == ["【康宁大药房】第一条拒收请回复R", "【康宁大药房】第二条\n换行拒收请回复R"]


def test_the_count_agrees_with_the_backend():
    from chalicelib.domain.sms import length
    for body in ("{name}，会员日到店满100减20", text_of(71), "药" * 600, "😀{class}专享"):
        ours, theirs = measure(body), length.measure(body)
        assert (ours["full"], ours["chars"], ours["parts"], ours["tooLong"]) == (
            theirs.text, theirs.chars, theirs.parts, theirs.too_long)


def test_a_price_reads_free_or_yuan_with_two_decimals():
    prices = [call("shared/plans/planFormat.js", "priceText", p) for p in (0, None, 19.9, 1280)]
    assert prices == ["免费", "免费", "¥19.90", "¥1,280.00"]


def test_the_author_reads_platform_expert_or_company_submission():
    assert [call("shared/plans/planFormat.js", "authorLabel", k) for k in ("platform", "tenant")] == ["平台专家", "企业投稿"]


POSITIONS = ["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户", "一般发展客户", "一般保持客户",
             "一般挽留客户", "无购买"]


def moved(*cells) -> list[list[int]]:
    matrix = [[0] * 9 for _ in POSITIONS]
    for (row, col), n in cells:
        matrix[row][col] = n
    return matrix


def test_plans_are_suggested_for_the_classes_moved_into_the_most_moved_down_into_first():
    # 5 moved down into 重要挽留 (3), 9 into 一般挽留 (7), 4 moved up into 重要价值 (0); staying and 无购买 count not
    matrix = moved(((0, 3), 5), ((4, 7), 9), ((2, 0), 4), ((1, 1), 50), ((2, 8), 30))
    classes = call("user/components/moverClasses.js", "moverClasses", POSITIONS, matrix)
    assert classes == ["一般挽留客户", "重要挽留客户", "重要价值客户"]


def test_the_class_the_user_is_looking_at_comes_first():
    matrix = moved(((0, 3), 5), ((4, 7), 9), ((2, 0), 4))
    assert call("user/components/moverClasses.js", "moverClasses", POSITIONS, matrix, "重要价值客户")[0] == "重要价值客户"
