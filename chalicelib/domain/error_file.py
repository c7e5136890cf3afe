"""Workbooks built from the product's own data: the import error file and the customer list export."""
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from itertools import groupby
from operator import itemgetter

from chalicelib.domain.cleaning.issues import Issues
from chalicelib.domain.import_spec import KIND_LABELS
from chalicelib.domain.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, csv_chunks, xlsx_bytes
from chalicelib.domain.table import RawTable, RowIssue

REASON_HEADER = "错误原因"
REASON_SEPARATOR = "；"
CSV_ABOVE_ROWS = 100_000  # rows of the file; write-only openpyxl takes ~10 s per 100k rows, csv is instant

CUSTOMER_EXPORT_HEADERS = ("客户编码", "客户名称", "手机号", "性别", "生日", "地区", "身份证号(脱敏)", "标签",
                           "短信同意", "客户分类", "更新时间")
_CUSTOMER_EXPORT_FORMATS = ("@", "@", "@", "@", "yyyy-mm-dd", "@", "@", "@", "@", "@", "yyyy-mm-dd hh:mm")
UNANALYSED = "未分析"
_CHINA = timezone(timedelta(hours=8))  # no daylight saving, so a fixed offset needs no tz database
_GENDERS = {"M": "男", "F": "女"}


def error_file(table: RawTable, issues: Sequence[RowIssue],
               csv_above: int = CSV_ABOVE_ROWS) -> tuple[bytes, str, str]:
    """The whole file as read -- every row in its order -- plus a 错误原因 column, empty on good
    rows, so fixing the bad rows and uploading it again imports everything: (content, extension,
    content type)."""
    chunks, extension, content_type = error_file_chunks(table, issues, csv_above)
    return b"".join(chunks), extension, content_type


def error_file_chunks(table: RawTable, issues: Sequence[RowIssue],
                      csv_above: int = CSV_ABOVE_ROWS) -> tuple[Iterable[bytes], str, str]:
    """error_file's content a chunk at a time (a CSV of a million bad rows is over a gigabyte).
    Each row's reasons are joined as that row is written: however many cells are wrong, only one
    row's texts are held at a time."""
    # A re-uploaded error file still carries the old reasons: replace them rather than add a second column
    keep = [i for i, header in enumerate(table.original.columns) if str(header) != REASON_HEADER]
    headers = [str(table.original.columns[i]) for i in keep] + [REASON_HEADER]
    values = table.original.iloc[:, keep].to_numpy(dtype=object)
    rows = _with_reasons(values, _reasons(table, issues))
    if table.source_format == "csv" or len(values) > csv_above:
        return csv_chunks(headers, rows), "csv", CSV_CONTENT_TYPE
    sheet = Sheet(KIND_LABELS[table.kind], headers, rows)  # the template's sheet name
    return [xlsx_bytes([sheet])], "xlsx", XLSX_CONTENT_TYPE


def _with_reasons(values, reasons: Iterator[tuple[int, str]]):
    pending = next(reasons, None)
    for position, row in enumerate(values):
        reason = None
        if pending is not None and pending[0] == position:
            reason, pending = pending[1], next(reasons, None)
        yield list(row) + [reason]


def _reasons(table: RawTable, issues: Sequence[RowIssue]) -> Iterator[tuple[int, str]]:
    """(position, the row's reasons joined), in position order."""
    positioned = issues.positioned() if isinstance(issues, Issues) else _positioned(table, issues)
    for position, found in groupby(positioned, key=itemgetter(0)):
        texts = (f"列 {issue.column}：{issue.message}" if issue.column else issue.message for _, issue in found)
        yield position, REASON_SEPARATOR.join(dict.fromkeys(texts))


def _positioned(table: RawTable, issues: Sequence[RowIssue]) -> list[tuple[int, RowIssue]]:
    """A plain list's issues by position (stable: a row's own order kept)."""
    position_of = {int(number): position for position, number in enumerate(table.row_numbers)}
    # an issue about a row the table does not have is not ours to report
    found = [(position_of[issue.row], issue) for issue in issues if issue.row in position_of]
    return sorted(found, key=itemgetter(0))


def customers_export(rows: list[dict]) -> bytes:
    """The customer list as an xlsx workbook with Chinese headers, times in China time."""
    sheet = Sheet("客户", CUSTOMER_EXPORT_HEADERS, (_customer_row(row) for row in rows),
                  number_formats=_CUSTOMER_EXPORT_FORMATS)
    return xlsx_bytes([sheet])


def _customer_row(customer: dict) -> list:
    return [
        customer.get("customer_code"),
        customer.get("name"),
        customer.get("mobile"),
        _GENDERS.get(customer.get("gender") or "", customer.get("gender")),
        _as_date(customer.get("birthday")),
        _region(customer.get("region")),
        customer.get("id_number_masked"),
        ",".join(customer.get("tags") or ()) or None,  # the import's own separator, so the list can go back in
        "是" if customer.get("sms_consent") else "否",
        customer.get("rfm_class") or UNANALYSED,
        _china_minutes(customer.get("updated_at")),
    ]


def _region(value):
    if isinstance(value, dict):  # the stored {province, city, code} shape
        return "/".join(part for part in (value.get("province"), value.get("city")) if part) or None
    return value


def _as_date(value):
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value  # show what is stored rather than lose it
    return value or None


def _china_minutes(value):
    """ISO UTC text -> naive China-time datetime, to the minute (the cell shows yyyy-mm-dd hh:mm)."""
    if not value:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(_CHINA).replace(tzinfo=None, second=0, microsecond=0)
