"""Requests of 系统数据管理 (issue 13)."""
from typing import Annotated

from chalicelib.domain.schemas import Request, Str, _text


class DeletionRequest(Request):
    company_name: Annotated[Str, _text("企业名称", 100)]
    password: Annotated[Str, _text("您的登录密码", 100)]
