"""Before → after pairs for the audit log, each field under the Chinese name people read."""


def diff(before: dict, after: dict, labels: dict) -> list[dict]:
    """[{"field", "before", "after"}] for the fields in `after` whose value differs from `before`."""
    return [{"field": labels.get(name, name), "before": as_text(before.get(name)), "after": as_text(value)}
            for name, value in after.items() if as_text(before.get(name)) != as_text(value)]


def as_text(value) -> str:
    """A value as one readable line: a region as 省 市, a list joined by 、, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "province" in value or "city" in value:
            return " ".join(part for part in (value.get("province"), value.get("city")) if part)
        return "、".join(f"{k}：{as_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(as_text(item) for item in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
