"""Headers as pharmacy ERP systems export them: their names are accepted, and where an export carries a second,
lesser column for a field (应收金额 beside 实收金额) that one is ignored, not refused."""
import pytest

from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.table_reader import read_table
from chalicelib.errors import FileRejected
from tests.unit.import_fixtures import csv_bytes, xlsx_bytes

ERP_ORDER_HEADER = ["销售单号", "会员卡号", "销售时间", "应收金额", "实收金额", "门店"]
ERP_ORDER = ["XS20261101001", "VIP0001", "2026-11-01 09:30", "120.00", "98.50", "南山店"]


@pytest.mark.parametrize("build,filename", [(csv_bytes, "销售明细.csv"), (xlsx_bytes, "销售明细.xlsx")])
def test_an_erp_sales_export_is_read_by_its_own_headers(build, filename):
    table = read_table(build([ERP_ORDER_HEADER, ERP_ORDER]), filename, ORDERS)
    assert table.headers == {"order_id": "销售单号", "customer_code": "会员卡号", "ordered_at": "销售时间",
                             "amount": "实收金额", "store": "门店"}
    assert str(table.column("amount")[0]) in ("98.50", "98.5")
    assert set(table.ignored_headers) >= {"应收金额"}


def test_the_paid_amount_and_the_sale_time_win_wherever_they_stand():
    header = ["单据编号", "卡号", "单据日期", "应收金额", "销售时间", "实收金额"]
    table = read_table(csv_bytes([header, ["D1", "K1", "2026-11-01", "100", "2026-11-01 10:00", "90"]]), "x.csv",
                       ORDERS)
    assert (table.headers["amount"], table.headers["ordered_at"]) == ("实收金额", "销售时间")
    assert set(table.ignored_headers) == {"应收金额", "单据日期"}


def test_a_fallback_alone_is_read():
    header = ["小票号", "会员号", "单据日期", "应收金额"]
    table = read_table(csv_bytes([header, ["P1", "K1", "2026-11-01", "100"]]), "x.csv", ORDERS)
    assert table.headers == {"order_id": "小票号", "customer_code": "会员号", "ordered_at": "单据日期",
                             "amount": "应收金额"}


def test_a_member_export_is_read_by_its_own_headers():
    header = ["会员编号", "会员名称", "会员手机", "会员生日"]
    table = read_table(csv_bytes([header, ["VIP0001", "王芳", "13812345678", "1980-05-01"]]), "会员.csv", CUSTOMERS)
    assert table.headers == {"customer_code": "会员编号", "name": "会员名称", "mobile": "会员手机",
                             "birthday": "会员生日"}


@pytest.mark.parametrize("second", ["订单金额", "实收金额", "金额"])
def test_two_columns_of_equal_standing_are_still_refused_as_ambiguous(second):
    header = ["订单编号", "客户编码", "下单时间", "订单金额", second]
    with pytest.raises(FileRejected, match="两列都表示"):
        read_table(csv_bytes([header, ["SO1", "C1", "2026-11-01", "1", "2"]]), "x.csv", ORDERS)
