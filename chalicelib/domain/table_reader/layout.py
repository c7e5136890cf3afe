"""Where the table is in a grid of cells: the header row, the data rows, which column is which."""
import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.packed import Packed
from chalicelib.domain.cleaning.text import BLANK, TEXT, cell_kinds, cell_text, has_space
from chalicelib.domain.column_mapping import mapped_ranks, offered_headers
from chalicelib.domain.import_spec import COLUMNS, KIND_LABELS, KINDS, header_key, header_lookup, header_ranks
from chalicelib.domain.table import RawTable
from chalicelib.domain.table_reader.packed_table import PackedTable
from chalicelib.errors import FileRejected, MissingColumns

SAVE_AS = "请在 Excel 中另存为 .xlsx 或 .csv 后再上传"
_FORMULA_ESCAPES = ("'=", "'+", "'-", "'@")  # how our own exports defuse formulas


def too_many_rows(count: int, max_rows: int) -> str:
    return f"文件共 {count:,} 行，超过上限 {max_rows:,} 行，请拆分后分批导入"


def table(grid: np.ndarray, first_row: int, first_column: int, kind: str, source: str,
          escaped: bool = True, mapping: dict[str, str] | None = None) -> RawTable:
    """The first non-blank row of the cells `grid` (rows x columns) is the header; later blank
    rows are dropped but keep their numbers.

    escaped=False promises that no cell starts with an apostrophe (a CSV reader can tell from
    the whole text at once, which saves a pass over every column). `mapping` is the tenant's
    field -> header (column_mapping), read before the aliases.
    """
    columns = list(grid.T)
    header = _header_row(columns)
    data_rows = header + 1 + np.flatnonzero(_content_rows([column[header + 1:] for column in columns]))
    if not data_rows.size:
        raise FileRejected("文件只有表头，没有数据行")
    labels = [cell_text(column[header]).strip() for column in columns]
    kept = [j for j, label in enumerate(labels) if label or _content_rows([columns[j][data_rows]]).any()]
    names = [labels[j] or _unnamed(first_column + j) for j in kept]
    headers, ignored = match_headers(names, kind, mapping)
    rows = slice(data_rows[0], data_rows[-1] + 1) if data_rows[-1] - data_rows[0] + 1 == len(data_rows) else data_rows
    body = grid[rows] if len(kept) == len(columns) else grid[rows][:, kept]  # a view if nothing was dropped
    as_read = list(body.T)
    unescaped = [_unescape(column) for column in as_read] if escaped else as_read
    if any(new is not old for new, old in zip(unescaped, as_read)):
        body = np.stack(unescaped, axis=1)
    original = pd.DataFrame(body, columns=names, copy=False)  # one block, no copy
    return RawTable(kind, original, headers, (data_rows + first_row).astype(np.int64), ignored, source)


def table_from_bytes(header: list[str], cells: list[Packed], kind: str,
                     mapping: dict[str, str] | None = None) -> PackedTable:
    """table() for a CSV whose first line is the header and whose cells are bytes (plain_csv):
    the same rows and columns, looked at through as few decoded cells as possible."""
    content = cells[0].visible_start()  # usually settles every row without decoding a cell
    undecided = np.flatnonzero(~content)
    for column in cells:  # as _content_rows(), decoding only the cells still undecided
        if not undecided.size:
            break
        filled = _filled(column.texts(undecided))
        content[undecided[filled]] = True
        undecided = undecided[~filled]
    data_rows = np.flatnonzero(content)
    if not data_rows.size:
        raise FileRejected("文件只有表头，没有数据行")
    if data_rows.size < content.size:
        cells = [column.subset(data_rows) for column in cells]
    labels = [text.strip() for text in header]
    kept = [j for j, label in enumerate(labels) if label or _content_rows([cells[j].texts()]).any()]
    names = [labels[j] or _unnamed(j) for j in kept]
    headers, ignored = match_headers(names, kind, mapping)
    return PackedTable(kind, [(names[i], cells[j]) for i, j in enumerate(kept)], headers,
                       (data_rows + 2).astype(np.int64), ignored)


def _header_row(columns: list[np.ndarray]) -> int:
    """The first row with content: looked for apart from the rest, which is often all ASCII."""
    size = len(columns[0]) if columns else 0
    for start in range(0, size, 100):
        block = np.flatnonzero(_content_rows([column[start:start + 100] for column in columns]))
        if block.size:
            return start + int(block[0])
    raise FileRejected("文件是空的：没有找到表头行")


def _content_rows(columns: list[np.ndarray]) -> np.ndarray:
    """Rows with at least one cell that is not empty or whitespace only."""
    size = len(columns[0]) if columns else 0
    content = np.zeros(size, dtype=bool)
    undecided = None  # None: every row
    for column in columns:  # usually the first column settles every row
        cells = column if undecided is None else column[undecided]
        filled = _filled(cells)
        if undecided is None:
            content, undecided = filled, np.flatnonzero(~filled)
        else:
            content[undecided[filled]] = True
            undecided = undecided[~filled]
        if not undecided.size:
            break
    return content


def _filled(cells: np.ndarray) -> np.ndarray:
    filled = cells != ""
    try:
        if not has_space("".join(cells)):
            return filled  # no whitespace anywhere, so no whitespace-only cell
    except TypeError:  # numbers or dates in the column
        pass
    kinds = cell_kinds(cells)
    filled &= kinds != BLANK
    text = np.flatnonzero(filled & (kinds == TEXT))
    filled[text] = ~pd.Series(cells[text], dtype=object).str.isspace().to_numpy(dtype=bool)
    return filled


def _unnamed(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return f"（{letters} 列，无列名）"


def _unescape(column: np.ndarray) -> np.ndarray:
    """Drop the apostrophe our exports put before = + - @, so an error file can be re-uploaded."""
    try:
        if "'" not in "".join(column):
            return column
        text: np.ndarray = np.arange(len(column))
    except TypeError:  # numbers or dates too: look at the text cells only
        text = np.flatnonzero(cell_kinds(column) == TEXT)
    strings = column[text]
    escaped = pd.Series(strings, dtype=object).str.startswith(_FORMULA_ESCAPES).to_numpy(dtype=bool)
    if not escaped.any():
        return column
    column = column.copy()
    column[text[escaped]] = [value[1:] for value in strings[escaped]]
    return column


def match_headers(names: list[str], kind: str,
                  mapping: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """(field -> header as written, headers matching no field); FileRejected if ambiguous, MissingColumns
    if short. A header the tenant mapped (field -> header) names its field before any alias does."""
    ranks = {**header_ranks(kind), **mapped_ranks(kind, mapping)}
    headers: dict[str, str] = {}
    ignored: dict[str, bool] = {}
    chosen_rank: dict[str, int] = {}
    for name in names:
        column, rank = ranks.get(header_key(name), (None, 0))
        if column is None:
            ignored[name] = True
        elif column.field not in headers or rank < chosen_rank[column.field]:
            if column.field in headers:
                ignored[headers[column.field]] = True
            headers[column.field], chosen_rank[column.field] = name, rank
        elif rank == chosen_rank[column.field]:
            raise FileRejected(f"“{headers[column.field]}”和“{name}”两列都表示“{column.header}”，请删除或改名其中一列")
        else:
            ignored[name] = True  # a fallback beside a column the file has (应收金额 beside 实收金额)
    missing = [column.header for column in COLUMNS[kind] if column.required and column.field not in headers]
    if missing:
        details = [{"field": header, "message": "缺少必填列"} for header in missing]
        fields = [column.field for column in COLUMNS[kind] if column.required and column.field not in headers]
        raise MissingColumns(_missing_message(missing, names, kind, len(headers)), details, offered_headers(names),
                             fields)
    return headers, list(ignored)


def _missing_message(missing: list[str], names: list[str], kind: str, matched_here: int) -> str:
    found = "、".join(names) if names else "（无）"
    message = f"缺少必填列：{'、'.join(missing)}。文件中找到的列：{found}。请按导入模板填写表头"
    other = next(k for k in KINDS if k != kind)
    lookup = header_lookup(other)
    matched = {lookup[header_key(name)].field for name in names if header_key(name) in lookup}
    if len(matched) > matched_here and all(column.field in matched for column in COLUMNS[other] if column.required):
        message += f"。这似乎是{KIND_LABELS[other]}文件，请到“导入{KIND_LABELS[other]}”处上传"
    return message
