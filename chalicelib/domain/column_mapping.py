"""A tenant's own column names: field -> the header its files use for it, remembered per kind.

Header matching reads a mapped header before any alias, so an ERP export whose 会员ID holds the
customer code imports once the tenant said so, and keeps importing from the drop folder.
"""
from chalicelib.domain.import_spec import COLUMNS, Column, header_key
from chalicelib.errors import ValidationFailed

MAX_HEADER_LENGTH = 64  # a mapped header; longer ones are not offered in the dialog either
MAX_HEADERS_SHOWN = 200  # file headers carried with MISSING_COLUMNS (a sheet can have 16,384 columns)
_UNNAMED_SUFFIX = "列，无列名）"  # layout's name for a column without a header


def clean_mapping(kind: str, mapping) -> dict[str, str]:
    """The mapping as stored (blank entries dropped), or ValidationFailed naming every bad entry."""
    if not isinstance(mapping, dict):
        raise ValidationFailed("mapping 应为对象，如 {\"customer_code\": \"会员ID\"}")
    labels = {column.field: column.header for column in COLUMNS[kind]}
    cleaned: dict[str, str] = {}
    problems: list[dict] = []
    used: dict[str, str] = {}
    for field, header in mapping.items():
        path = f"mapping.{field}"
        if field not in labels:
            problems.append({"field": path, "message": f"未知字段“{field}”，可用字段：{'、'.join(labels)}"})
            continue
        if header is None or (isinstance(header, str) and not header.strip()):
            continue  # not mapped: the template header and its aliases still apply
        if not isinstance(header, str):
            problems.append({"field": path, "message": "列名应为文字"})
            continue
        header = header.strip()
        if len(header) > MAX_HEADER_LENGTH:
            problems.append({"field": path, "message": f"列名最多 {MAX_HEADER_LENGTH} 个字符"})
        elif header_key(header) in used:
            problems.append({"field": path, "message": f"列“{header}”已对应“{labels[used[header_key(header)]]}”，"
                                                     "同一列只能对应一个字段"})
        else:
            used[header_key(header)] = field
            cleaned[field] = header
    if problems:
        raise ValidationFailed("列对应关系有误，请按提示修改", problems)
    return cleaned


def mapped_ranks(kind: str, mapping: dict[str, str] | None) -> dict[str, tuple[Column, int]]:
    """header_key(mapped header) -> (column, -1): ranked before any column's own header and aliases."""
    columns = {column.field: column for column in COLUMNS[kind]}
    return {header_key(header): (columns[field], -1) for field, header in (mapping or {}).items() if field in columns}


def offered_headers(names: list[str]) -> list[str]:
    """The file's headers a user can map: named ones, not too long, at most MAX_HEADERS_SHOWN."""
    named = [name for name in names if name and not name.endswith(_UNNAMED_SUFFIX) and len(name) <= MAX_HEADER_LENGTH]
    return list(dict.fromkeys(named))[:MAX_HEADERS_SHOWN]
