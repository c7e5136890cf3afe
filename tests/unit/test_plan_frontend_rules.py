"""The plan pages' pure rules (frontend/src/user/views/plans/smsCount.js and planFormat.js), run in node."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

PLANS = Path(__file__).resolve().parents[2] / "frontend/src/user/views/plans"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def call(module: str, function: str, *args):
    script = (f"import {{ {function} }} from {json.dumps((PLANS / module).as_uri())};"
              f"console.log(JSON.stringify({function}(...{json.dumps(args, ensure_ascii=False)})))")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def count(text: str) -> dict:
    return call("smsCount.js", "countSms", text)


# 【店名】 (4) + text + 拒收请回复R (6): the text that makes a message of n characters.
def text_of(n: int) -> str:
    return "药" * (n - 10)


def test_the_message_is_the_signature_the_text_and_the_opt_out_suffix():
    assert count("  会员日全场满100减20  ") == {
        "full": "【店名】会员日全场满100减20拒收请回复R", "chars": 22, "parts": 1, "tooLong": False}


def test_seventy_characters_are_one_sms_and_seventy_one_are_two_parts_of_67():
    assert [count(text_of(n))["parts"] for n in (70, 71, 134, 135)] == [1, 2, 2, 3]
    assert count(text_of(71))["chars"] == 71


def test_more_than_500_characters_is_too_long():
    assert count(text_of(500))["tooLong"] is False
    assert count(text_of(501))["tooLong"] is True


def test_an_empty_text_counts_nothing():
    assert count("   ") == {"full": "", "chars": 0, "parts": 0, "tooLong": False}


def test_a_price_reads_free_or_yuan_with_two_decimals():
    assert [call("planFormat.js", "priceText", p) for p in (0, None, 19.9, 1280)] == ["免费", "免费", "¥19.90", "¥1,280.00"]


def test_the_author_reads_platform_expert_or_company_submission():
    assert [call("planFormat.js", "authorLabel", k) for k in ("platform", "tenant")] == ["平台专家", "企业投稿"]
