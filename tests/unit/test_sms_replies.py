"""Replies that opt a number out: R, T, TD, N, 退订, 拒收, however they are typed."""
import pytest

from chalicelib.domain.sms.replies import is_opt_out


@pytest.mark.parametrize("text", ["R", "T", "TD", "N", "退订", "拒收", "r", "td", "Td", " R ", "R。", "TD!",
                                  "ＴＤ", "ｒ", "退订。", "【退订】", "退 订", "T D", "拒收！", "R\n", "“N”"])
def test_each_opt_out_word_counts_whatever_its_case_width_spacing_or_punctuation(text):
    assert is_opt_out(text)


@pytest.mark.parametrize("text", ["", "   ", "好的", "谢谢", "RR", "TDD", "不退订", "退订了吗", "YES", "Y", "1",
                                  "请问门店几点开门", "TD 谢谢", None])
def test_other_replies_do_not_opt_out(text):
    assert not is_opt_out(text)
