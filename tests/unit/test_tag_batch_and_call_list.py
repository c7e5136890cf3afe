"""Batch tag changes over the tag column, and the call list's rows and workbook."""
import io

import numpy as np
import openpyxl

from chalicelib.domain.customer_columns import TagLists
from chalicelib.domain.segments import call_list
from chalicelib.domain.segments.tag_batch import changed_rows, tag_counts, with_changes
from chalicelib.domain.xlsx_stream import xlsx_table
from tests.unit.segment_fixtures import columns, customer


def test_a_batch_changes_only_the_rows_lacking_an_added_tag_or_holding_a_removed_one():
    tags = TagLists.of([["会员", "慢病"], ["会员"], [], ["VIP"]])
    rows = np.array([0, 1, 2, 3])
    assert changed_rows(tags, rows, ["VIP"], ["慢病"], 4).tolist() == [0, 1, 2]
    after = with_changes(tags, np.array([0, 1, 2]), ["VIP"], ["慢病"], 4)
    assert after.lists(4) == [["会员", "VIP"], ["会员", "VIP"], ["VIP"], ["VIP"]]
    assert tag_counts(after, 4).tolist() == [2, 2, 1, 1]
    assert with_changes(TagLists.of([["a"], []]), np.array([0]), [], ["a"], 2).lists(2) == [[], []]


def test_call_list_rows_mask_mobiles_unless_allowed_and_name_the_last_follow_up():
    people = [customer("C1", name="张三", mobile="13812345678", store="南山店", rfm_class="重要价值客户",
                       total_fen=12345, tags=["会员"], sms_consent=True)]
    cols = columns(people) | {"name": np.array(["张三"]), "last_order_day": np.array([20000], dtype=np.int32)}
    follow_ups = {"C1": {"followed_at": "2026-04-01", "way": "电话", "content": "提醒复购"}}
    row = call_list.rows(cols, np.array([0]), None, follow_ups, mobile_visible=False)[0]
    assert row == ("C1", "张三", "138****5678", "南山店", "重要价值客户", None, None, None, "2024-10-04", 123.45, "会员",
                   "是", "2026-04-01 电话：提醒复购")


def test_the_streamed_workbook_keeps_formula_like_text_as_text_and_drops_control_characters():
    book = xlsx_table("外呼名单", ["编码", "备注", "金额"], [("C1", "=HYPERLINK(\"x\")\x01", 12.5), ("C2", None, 0)])
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    assert list(sheet.values) == [("编码", "备注", "金额"), ("C1", "=HYPERLINK(\"x\")", 12.5), ("C2", None, 0)]
    assert sheet["B2"].data_type != "f" and sheet.freeze_panes == "A2" and sheet["A1"].font.b
