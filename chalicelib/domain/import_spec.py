"""The columns of the customer and order import files: headers, aliases, rules and examples.

One definition feeds the downloadable templates, header matching, validation messages and
the bulk API, so they can never disagree.
"""
from dataclasses import dataclass

CUSTOMERS = "customers"
ORDERS = "orders"
KINDS = (CUSTOMERS, ORDERS)
KIND_LABELS = {CUSTOMERS: "客户", ORDERS: "订单"}

MAX_ROWS = 1_048_576  # Excel's own sheet limit: anything larger did not come from Excel
# An xlsx sheet's rows x columns read at most: Excel's rows times the widest template (customers,
# 10 columns since 所属门店) and one column more. Reading a sheet at this limit peaks well under the import
# worker's 3 GB (bench/xlsx_limits.py, bench/README.md); CSV has no such limit.
MAX_CELLS = MAX_ROWS * 11
BULK_MAX_ROWS = 1_000  # rows per bulk API call


@dataclass(frozen=True)
class Column:
    field: str  # name in the API and in storage
    header: str  # Chinese header in the template
    aliases: tuple[str, ...]  # other accepted headers (compared case- and space-insensitively)
    required: bool
    note: str  # shown in the template's notes sheet and header comment
    example: str
    number_format: str = "@"  # Excel format of the template column ("@" = text)
    # headers read only when the file has none of the above: ERP exports carry 应收金额 beside 实收金额 (what was
    # paid), 单据日期 beside 销售时间; two of the above in one file are still refused as ambiguous
    fallbacks: tuple[str, ...] = ()


CUSTOMER_COLUMNS = (
    Column("customer_code", "客户编码", ("customer_code", "code", "客户内码", "会员编码", "会员编号", "客户编号", "会员卡号",
                                        "会员号", "卡号"),
           True, "必填。客户在您系统中的唯一编码（ERP 内码/会员号），最多 64 个字符；同一文件内不能重复。", "C000123"),
    Column("name", "客户名称", ("name", "customer_name", "姓名", "客户姓名", "会员姓名", "会员名称"),
           False, "选填。最多 50 个字。", "张三"),
    Column("mobile", "手机号", ("mobile", "phone", "手机", "手机号码", "会员手机", "移动电话", "联系电话"),
           False, "选填。11 位中国大陆手机号，可带 +86 前缀。", "13812345678"),
    Column("gender", "性别", ("gender", "sex"), False, "选填。男 / 女（也可填 M / F）。", "女"),
    Column("birthday", "生日", ("birthday", "birth_date", "出生日期", "会员生日"),
           False, "选填。日期，如 1985-06-01、1985/6/1 或 19850601。", "1985-06-01", "yyyy-mm-dd"),
    Column("region", "地区", ("region", "area", "所在地区", "城市"), False, "选填。如 浙江省/杭州市，最多 50 个字。",
           "浙江省/杭州市"),
    Column("id_number", "身份证号", ("id_number", "id_card", "身份证", "身份证号码"),
           False, "选填。18 位居民身份证号，末位校验码须正确（X 大小写均可）。", "11010519491231002X"),
    Column("tags", "标签", ("tags", "tag", "客户标签"),
           False, "选填。多个标签用逗号、分号或顿号分隔，每个最多 20 个字，最多 20 个。", "慢病,会员"),
    Column("sms_consent", "短信同意", ("sms_consent", "consent", "是否同意短信", "接收短信"),
           False, "选填。是 / 否（也可填 Y / N、1 / 0）；不填视为不同意，营销短信只发给同意的客户。", "是"),
    Column("store", "所属门店", ("store", "home_store", "门店", "归属门店", "所属店铺", "开卡门店"),
           False, "选填。客户归属的门店名称，最多 50 个字；不填时按该客户消费次数最多的门店归属。", "南山店"),
)

ORDER_COLUMNS = (
    Column("order_id", "订单编号", ("order_id", "order_no", "订单号", "销售单号", "单据编号", "单据号", "单号"),
           True, "必填。订单在您系统中的唯一编号，最多 64 个字符；已导入过的订单编号会被跳过。", "SO20260301001",
           fallbacks=("小票号", "流水号")),
    Column("customer_code", "客户编码", ("customer_code", "code", "客户内码", "会员编码", "会员编号", "客户编号", "会员卡号",
                                        "会员号", "卡号"),
           True, "必填。与客户资料中的客户编码一致；客户尚未导入的订单会暂存，导入该客户后自动关联。", "C000123"),
    Column("ordered_at", "下单时间", ("ordered_at", "order_time", "order_date", "下单日期", "订单时间", "销售时间",
                                                      "交易时间", "消费时间"),
           True, "必填。北京时间，如 2026-03-01 14:05、2026/3/1 或 20260301。", "2026-03-01 14:05:00",
           "yyyy-mm-dd hh:mm:ss", fallbacks=("单据日期", "销售日期")),
    Column("amount", "订单金额", ("amount", "order_amount", "金额", "实收金额", "实付金额", "销售金额", "消费金额"),
           True, "必填。人民币元，最多两位小数，可带 ¥ 和千位分隔符；退货填负数。", "128.50", "0.00",
           fallbacks=("应收金额", "应付金额")),
    Column("store", "门店", ("store", "门店名称", "销售门店", "店铺"),
           False, "选填。成交门店名称，最多 50 个字；用于按门店统计和确定客户的所属门店。", "南山店"),
)

COLUMNS = {CUSTOMERS: CUSTOMER_COLUMNS, ORDERS: ORDER_COLUMNS}


def header_key(text: str) -> str:
    """How headers are compared: no surrounding or inner spaces, no case, full-width folded."""
    folded = "".join(chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else ch for ch in str(text))
    return "".join(folded.split()).lower()


def header_lookup(kind: str) -> dict[str, Column]:
    """header_key(any accepted header) -> column."""
    return {key: column for key, (column, _) in header_ranks(kind).items()}


def header_ranks(kind: str) -> dict[str, tuple[Column, int]]:
    """header_key(any accepted header) -> (column, 0 for its header, field and aliases, 1 for its fallbacks)."""
    ranks = {}
    for column in COLUMNS[kind]:
        for name in (column.header, column.field, *column.aliases):
            ranks[header_key(name)] = (column, 0)
        for name in column.fallbacks:
            ranks[header_key(name)] = (column, 1)
    return ranks
