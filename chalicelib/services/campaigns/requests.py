"""What POST/PUT /api/campaigns take."""
from datetime import datetime, timedelta, timezone
from typing import Any

from pydantic import field_validator, model_validator

from chalicelib.domain.fields import clean_text
from chalicelib.domain.schemas import Request
from chalicelib.domain.segments.rules import parse_rules

NAME_MAX_LENGTH = 40
CHINA = timezone(timedelta(hours=8))


class CampaignRequest(Request):
    name: str
    segment_id: str | None = None
    rules: dict | None = None
    template_id: str
    plan_id: str | None = None
    holdout_share: float = 0.1
    send_at: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return clean_text(value if isinstance(value, str) else "", "活动名称", NAME_MAX_LENGTH)

    @field_validator("holdout_share")
    @classmethod
    def _share(cls, value: float) -> float:
        if not 0 <= value <= 0.5:
            raise ValueError("对照组比例应在 0 到 50% 之间")
        return round(value, 4)

    @field_validator("send_at")
    @classmethod
    def _send_at(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("发送时间格式不正确，应为 ISO 时间，例如 2026-12-01T02:00:00Z") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA)  # a time without a zone is China time
        return moment.astimezone(timezone.utc).isoformat(timespec="seconds")

    @model_validator(mode="after")
    def _target(self):
        if bool(self.segment_id) == bool(self.rules):
            raise ValueError("请选择一个人群，或填写人群条件（二者选一）")
        if self.rules:
            parse_rules(self.rules)
        return self
