"""What the segment endpoints take: a named segment, and a batch of tag changes."""
from typing import Any

from pydantic import field_validator, model_validator

from chalicelib.domain.customer_edits import checked_tags
from chalicelib.domain.fields import clean_text
from chalicelib.domain.schemas import Request
from chalicelib.domain.segments.rules import parse_rules

NAME_MAX_LENGTH = 30
MAX_CODES = 10_000  # customers picked one by one; larger batches go by filter or segment


class RulesRequest(Request):
    rules: dict

    def model_post_init(self, _context) -> None:
        parse_rules(self.rules)  # ValidationFailed with a path per problem, as the rule builder shows them


class SegmentRequest(RulesRequest):
    name: str

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return clean_text(value if isinstance(value, str) else "", "人群名称", NAME_MAX_LENGTH)


class TagBatchRequest(Request):
    """Tags added to / removed from the customers picked by exactly one of codes, filter or segment_id."""

    codes: list[str] | None = None
    filter: dict | None = None
    segment_id: str | None = None
    add: list[str] = []
    remove: list[str] = []
    confirm_count: int | None = None

    @field_validator("add", "remove", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> list[str]:
        return [] if value is None else checked_tags(value)

    @field_validator("codes")
    @classmethod
    def _codes(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not 0 < len(value) <= MAX_CODES:
            raise ValueError(f"请选择 1 到 {MAX_CODES:,} 位客户；更多客户请按筛选条件或人群批量操作")
        return value

    @model_validator(mode="after")
    def _one_target(self) -> "TagBatchRequest":
        if sum(target is not None for target in (self.codes, self.filter, self.segment_id)) != 1:
            raise ValueError("请只选择一种范围：勾选的客户（codes）、筛选条件（filter）或人群（segment_id）")
        if not self.add and not self.remove:
            raise ValueError("请填写要添加（add）或移除（remove）的标签")
        both = set(self.add) & set(self.remove)
        if both:
            raise ValueError(f"标签不能同时添加和移除：{'、'.join(sorted(both))}")
        return self
