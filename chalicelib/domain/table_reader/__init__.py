"""Import files (xlsx, csv) and bulk API rows -> RawTable: header found and matched to fields,
blank rows dropped, every cell as read. Nothing is validated here except what makes a file
unreadable, which raises FileRejected.
"""
import codecs

import numpy as np
import pandas as pd

from chalicelib.domain.column_mapping import mapped_ranks
from chalicelib.domain.import_spec import BULK_MAX_ROWS, KINDS, MAX_CELLS, MAX_ROWS, header_key, header_lookup
from chalicelib.domain.table import RawTable
from chalicelib.domain.table_reader import delimited, plain_csv, xls, xlsx
from chalicelib.domain.table_reader.layout import SAVE_AS, match_headers, table, table_from_bytes
from chalicelib.errors import FileRejected

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and password-protected .xlsx (an encrypted package)


def read_table(data: bytes, filename: str, kind: str, max_rows: int = MAX_ROWS,
               max_cells: int = MAX_CELLS, mapping: dict[str, str] | None = None) -> RawTable:
    """Read an uploaded .xlsx, .xls or .csv; FileRejected when it cannot be read as one.

    max_cells bounds a sheet's rows x columns, which decides the memory reading it takes;
    mapping is the tenant's field -> header (domain/column_mapping.py)."""
    _check_kind(kind)
    source = _source_format(data, filename)
    if source in ("xlsx", "xls"):
        reader = xlsx if source == "xlsx" else xls
        grid, first_row, first_column = reader.read(data, kind, max_rows, max_cells)
        return table(grid, first_row, first_column, kind, source, mapping=mapping)
    plain = plain_csv.read(data, max_rows)
    if plain is not None:
        return table_from_bytes(*plain, kind, mapping)
    grid, escaped = delimited.read(data, max_rows)
    return table(grid, 1, 0, kind, source, escaped, mapping)


def rows_table(rows: list, kind: str, max_rows: int = BULK_MAX_ROWS,
               mapping: dict[str, str] | None = None) -> RawTable:
    """Bulk API rows (dicts keyed by field names or any accepted header) as a RawTable.

    Rows are numbered 1..n; a field missing from a row is a blank cell; unknown keys are
    ignored (listed in ignored_headers); keys the tenant mapped (mapping) name their field first.
    Rows may spell a field differently (the first spelling seen names the column). An item that is not an
    object, that names a field twice, or has a list or object as a value rejects the whole request
    (FileRejected naming the items).
    """
    _check_kind(kind)
    if not isinstance(rows, list) or not rows:
        raise FileRejected("没有要导入的数据：rows 应为非空数组")
    if len(rows) > max_rows:
        raise FileRejected(f"一次最多提交 {max_rows:,} 行，本次 {len(rows):,} 行，请分批提交")
    lookup = {**header_lookup(kind), **{key: column for key, (column, _) in mapped_ranks(kind, mapping).items()}}
    keyed, names, ignored = _keyed_rows(rows, lookup)
    headers, _ = match_headers(list(names.values()), kind, mapping)
    cells = {}
    for field, name in names.items():
        cells[name] = np.empty(len(rows), dtype=object)
        cells[name][:] = [row.get(field, "") for row in keyed]
    original = pd.DataFrame(cells, index=range(len(rows)))
    return RawTable(kind, original, headers, np.arange(1, len(rows) + 1, dtype=np.int64), ignored, "json")


def _keyed_rows(rows: list, lookup: dict) -> tuple[list[dict], dict[str, str], list[str]]:
    """(each row as field -> value with None as "", field -> first key naming it, unknown keys),
    or FileRejected naming every unusable item."""
    keyed: list[dict] = []
    names: dict[str, str] = {}
    ignored: dict[str, bool] = {}
    problems: list[dict] = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            problems.append({"row": number, "message": "每条数据应为对象，如 {\"customer_code\": \"C001\"}"})
            continue
        fields = {}
        for key, value in row.items():
            column = lookup.get(header_key(str(key)))
            if isinstance(value, (list, dict)):
                problems.append({"row": number, "message": f"“{key}”的值只能是文字、数字、true/false 或 null"})
            elif column is None:
                ignored[str(key)] = True
            elif column.field in fields:
                problems.append({"row": number, "message": f"“{column.header}”出现了两次"})
            else:
                fields[column.field] = "" if value is None else value
                names.setdefault(column.field, str(key))
        keyed.append(fields)
    if problems:
        numbers = list(dict.fromkeys(problem["row"] for problem in problems))
        listed = "、".join(map(str, numbers[:10])) + (f" 等 {len(numbers)} 条" if len(numbers) > 10 else " 条")
        raise FileRejected(f"第 {listed}数据格式不正确，请修改后重新提交", problems)
    return keyed, names, list(ignored)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")


def _source_format(data: bytes, filename: str) -> str:
    """"xlsx", "xls" or "csv", decided by the content and checked against the extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ("xlsx", "xls", "csv"):
        shown = f".{extension} " if extension else "没有扩展名的"
        raise FileRejected(f"不支持{shown}文件，只接受 .xlsx、.xls 或 .csv。{SAVE_AS}")
    if not data:
        raise FileRejected("文件是空的，请检查后重新上传")
    if extension == "xls":
        if not data.startswith(OLE2_MAGIC):
            raise FileRejected(f"文件内容不是 .xls 格式，与扩展名不符（可能是改了扩展名的其他文件）。{SAVE_AS}")
        return extension
    if data.startswith(OLE2_MAGIC):
        raise FileRejected(f"这是旧版 Excel（.xls）或设置了打开密码的文件，与扩展名不符。"
                           f"请把扩展名改回 .xls，或{SAVE_AS}（如有密码请先取消）")
    if extension == "xlsx" and not data.startswith(ZIP_MAGIC):
        raise FileRejected(f"文件内容不是 .xlsx 格式，与扩展名不符（可能是改了扩展名的其他文件）。{SAVE_AS}")
    if extension == "csv" and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("文件是 UTF-16 编码的文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后上传")
    if extension == "csv" and (data.startswith(ZIP_MAGIC) or b"\x00" in data):
        raise FileRejected(f"文件内容不是文本格式的 CSV，与扩展名不符（可能是改了扩展名的 Excel 文件）。{SAVE_AS}")
    return extension
