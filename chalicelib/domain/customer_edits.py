"""Editing one customer in place (客户详情): which tags it may carry, and its row of the tag column rewritten."""
import re
from typing import Any

import numpy as np
from pydantic import field_validator

from chalicelib.domain.cleaning.people import MAX_TAG_LENGTH, MAX_TAGS
from chalicelib.domain.customer_columns import TagLists
from chalicelib.domain.fields import clean_text
from chalicelib.domain.schemas import Request
from chalicelib.errors import ValidationFailed

_SEPARATORS = re.compile(r"[,，;；、|\s]")  # what splits tags in an import file (cleaning/people.py)


class CustomerEditRequest(Request):
    tags: list[str] | None = None
    sms_consent: bool | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any):
        return None if value is None else checked_tags(value)

    def model_post_init(self, _context) -> None:
        if self.tags is None and self.sms_consent is None:
            raise ValidationFailed("请提交要修改的标签（tags）或短信同意（sms_consent）")


def checked_tags(value: Any) -> list[str]:
    """Tags as a customer keeps them: unique, in the given order, each 1-20 characters without separators."""
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValueError("标签应为文字列表")
    tags = list(dict.fromkeys(clean_text(tag, "标签", MAX_TAG_LENGTH) for tag in value))
    for tag in tags:
        if _SEPARATORS.search(tag):
            raise ValueError(f"标签“{tag}”不能包含空格、逗号、分号、顿号或竖线（这些符号用来分隔多个标签）")
    if len(tags) > MAX_TAGS:
        raise ValueError(f"每位客户最多 {MAX_TAGS} 个标签")
    return tags


def with_row_tags(tags: TagLists, row: int, names: list[str]) -> TagLists:
    """The tag column with row `row`'s tags replaced by `names` (the other rows' entries unchanged)."""
    kept = tags.row != row
    all_names = np.union1d(tags.names, np.asarray(names, dtype=str)) if names else tags.names
    renumbered = np.searchsorted(all_names, tags.names)[tags.tag[kept]] if len(tags.names) else tags.tag[kept]
    added = np.searchsorted(all_names, np.asarray(names, dtype=str)) if names else np.empty(0, dtype=np.int64)
    rows = np.concatenate([tags.row[kept], np.full(len(added), row)]).astype(np.int32)
    tag = np.concatenate([renumbered, added]).astype(np.int32)
    used, tag = np.unique(tag, return_inverse=True)  # a tag nobody carries any more is no longer listed
    order = np.argsort(rows, kind="stable")  # entries stay grouped by row
    return TagLists(all_names[used], rows[order], tag.astype(np.int32)[order])
