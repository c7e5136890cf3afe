"""跟进记录 rules: what a follow-up holds, and which customers are due for the next one.

A customer is due when its newest follow-up names a next date on or before today (China date):
a later follow-up supersedes the earlier one's next date, with or without a next date of its own.
"""
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from chalicelib.domain import fields
from chalicelib.domain.schemas import Request, Str
from chalicelib.errors import ValidationFailed

WAYS = ("电话", "到店", "短信", "微信")
MAX_CONTENT = 500


def _day(label: str, required: bool):
    def check(value: Any) -> str:
        text = (value or "").strip() if isinstance(value, str) else value
        if not text:
            if required:
                raise ValueError(f"请填写{label}")
            return ""
        try:
            return date.fromisoformat(text).isoformat() if len(text) == 10 else _fail(label)
        except (TypeError, ValueError):
            return _fail(label)
    return BeforeValidator(check)


def _fail(label: str):
    raise ValueError(f"{label}应为日期，格式如 2026-05-20")


def _way(value: str) -> str:
    if value not in WAYS:
        raise ValueError(f"请选择跟进方式：{'、'.join(WAYS)}")
    return value


class FollowUpRequest(Request):
    followed_at: Annotated[str, _day("跟进日期", required=True)]
    way: Annotated[Str, AfterValidator(_way)]
    content: Annotated[Str, AfterValidator(lambda v: fields.clean_multiline(v, "跟进内容", MAX_CONTENT, True))]
    next_date: Annotated[str, _day("下次跟进日期", required=False)] = ""

    def model_post_init(self, _context) -> None:
        if self.next_date and self.next_date < self.followed_at:
            raise ValidationFailed("跟进记录有误，请按提示修改",
                                   [{"field": "next_date", "message": "下次跟进日期不能早于本次跟进日期"}])


def check_not_future(followed_at: str, today: date) -> None:
    """A follow-up records a contact that happened: not one on a day still to come."""
    if followed_at > today.isoformat():
        raise ValidationFailed("跟进记录有误，请按提示修改",
                               [{"field": "followed_at", "message": f"跟进日期不能晚于今天（{today.isoformat()}）"}])


def due(follow_ups: list[dict], today: str) -> list[dict]:
    """Per customer, its newest follow-up (by created_at) when that names a next date <= today; earliest due first."""
    newest: dict[str, dict] = {}
    for entry in follow_ups:
        held = newest.get(entry["customer_code"])
        if held is None or (entry["created_at"], entry["entry_key"]) > (held["created_at"], held["entry_key"]):
            newest[entry["customer_code"]] = entry
    chosen = [entry for entry in newest.values() if entry.get("next_date") and entry["next_date"] <= today]
    return sorted(chosen, key=lambda entry: (entry["next_date"], entry["customer_code"]))
