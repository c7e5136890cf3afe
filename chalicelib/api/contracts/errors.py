"""The one error shape every route answers with (chalicelib/errors.py `AppError.to_dict`)."""
from pydantic import BaseModel, ConfigDict


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    field: str | None = None
    message: str | None = None


class Error(BaseModel):
    """`code` and `details` are always there in our answers; API Gateway's own 401/403 carry `message` only."""
    model_config = ConfigDict(extra="allow")
    code: str = ""
    message: str
    details: list[ErrorDetail | dict] = []
