"""Request shapes, validated with pydantic; messages are Chinese and say what to fix."""
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    StrictStr,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails

from chalicelib.domain import fields
from chalicelib.domain.license import normalize_license_no
from chalicelib.domain.roles import ROLE_LABELS, STAFF_ROLES, STORE_MANAGER, SUB_ACCOUNT_ROLES
from chalicelib.errors import ValidationFailed

LABELS = {
    "company_name": "企业名称", "contact_name": "联系人", "contact_phone": "联系手机",
    "license_no": "统一社会信用代码", "license_image_key": "营业执照图片", "region": "所在地区",
    "industry": "所属行业", "username": "登录名", "password": "密码", "new_password": "新密码",
    "old_password": "原密码", "challenge_id": "验证请求", "code": "短信验证码", "mobile": "手机号",
    "display_name": "姓名", "role": "角色", "reason": "原因", "call_notes": "通话记录",
    "filename": "文件名", "content_type": "文件类型", "size": "文件大小",
    "kind": "导入类型", "dry_run": "试运行", "name": "名称",
    "event": "活动", "target_classes": "目标客户分类", "summary": "一句话简介", "description": "方案说明",
    "sms_text": "短信文案", "price_yuan": "价格", "attachment_key": "附件",
    "store": "门店", "show_mobile": "显示完整手机号", "ids": "消息", "all": "全部",
    # every field any request model takes has its label here (tests/unit/test_request_labels.py)
    "add": "添加的标签", "remove": "移除的标签", "codes": "客户编码", "confirm_count": "确认人数", "filter": "筛选条件",
    "amount_yuan": "金额", "fee_plan": "收费套餐", "method": "付款方式", "note": "备注", "period_start": "服务开始日期",
    "period_end": "服务结束日期", "receipt_no": "收据号", "trial_ends": "试用截止日期",
    "birthday_enabled": "生日关怀", "birthday_template_id": "生日关怀模板", "daily_per_number": "单号每日上限",
    "frequency_count": "频次上限条数", "frequency_days": "频次上限天数", "signature": "短信签名",
    "daily_cap": "每日短信上限", "monthly_cap": "每月短信上限", "mobiles": "手机号列表",
    "content": "跟进内容", "followed_at": "跟进日期", "next_date": "下次跟进日期", "way": "跟进方式",
    "holdout_share": "对照组比例", "plan_id": "营销方案", "segment_id": "人群", "send_at": "发送时间",
    "template_id": "短信模板", "rules": "人群条件", "text": "短信内容", "shared": "是否共享",
    "q": "搜索内容", "order": "排序方向", "sort": "排序字段", "rfm_class": "客户分类", "tag": "标签",
    "sms_consent": "短信同意", "tags": "标签",
}


def _text(label: str, max_length: int, required: bool = True):
    return AfterValidator(lambda v: fields.clean_text(v, label, max_length, required))


def _as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Str = Annotated[str, BeforeValidator(_as_text)]
CompanyName = Annotated[Str, _text("企业名称", 100)]
PersonName = Annotated[Str, _text("联系人", 30)]
Mobile = Annotated[Str, AfterValidator(fields.normalize_mobile)]
LicenseNo = Annotated[Str, AfterValidator(normalize_license_no)]
def _listed_industry(value: str, info: ValidationInfo) -> str:
    """One of the industries the caller passes in the validation context (the admin's dictionary)."""
    allowed = (info.context or {}).get("industries")
    if allowed is not None and value not in allowed:
        raise ValueError(f"请选择所属行业（可选：{'、'.join(allowed)}）")
    return value


Industry = Annotated[Str, _text("所属行业", 20), AfterValidator(_listed_industry)]
Region = Annotated[Any, AfterValidator(fields.normalize_region)]
Username = Annotated[Str, AfterValidator(fields.normalize_username)]
Password = Annotated[Str, AfterValidator(fields.check_password)]
Secret = Annotated[Str, AfterValidator(lambda v: v if 0 < len(v) <= 128 else _fail("请输入密码"))]
Reason = Annotated[Str, _text("原因", 500)]
Notes = Annotated[Str, _text("通话记录", 2000, required=False)]


def _fail(message: str):
    raise ValueError(message)


class Request(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RegisterRequest(Request):
    company_name: CompanyName
    contact_name: PersonName
    contact_phone: Mobile
    license_no: LicenseNo
    license_image_key: Str | None = None
    region: Region
    industry: Industry
    username: Username
    password: Password

    def model_post_init(self, _context) -> None:
        if self.password.lower() == self.username.lower():
            raise ValidationFailed("注册信息有误，请按提示修改", [{"field": "password", "message": "密码不能与登录名相同"}])


class LicenseUploadRequest(Request):
    filename: Annotated[Str, _text("文件名", 200)]
    content_type: Str
    size: int


class LoginRequest(Request):
    username: Annotated[Str, _text("登录名", 64)]
    password: Secret


class ChallengeRequest(Request):
    challenge_id: Annotated[Str, _text("验证请求", 64)]


class VerifyRequest(ChallengeRequest):
    code: Annotated[Str, _text("短信验证码", 6)]


class ResetRequest(Request):
    username: Annotated[Str, _text("登录名", 64)]
    mobile: Mobile


class ResetConfirmRequest(VerifyRequest):
    new_password: Password


class ChangePasswordRequest(Request):
    old_password: Secret
    new_password: Password


class ProfileRequest(Request):
    company_name: CompanyName
    contact_name: PersonName
    contact_phone: Mobile
    license_no: LicenseNo
    region: Region
    industry: Industry


class ReasonRequest(Request):
    reason: Reason


class OptionalReasonRequest(Request):
    reason: Annotated[Str, _text("原因", 500, required=False)] = ""


class NotesRequest(Request):
    call_notes: Notes = ""


class MarkReadRequest(Request):
    """消息 to mark read: some ids, or all of them (`all` must be true itself, not a truthy string or number)."""
    ids: Annotated[list[StrictStr], AfterValidator(lambda v: v if len(v) <= 100 else _fail("一次最多标记 100 条消息"))] = []
    all: StrictBool = False

    @model_validator(mode="after")
    def _something(self):
        if not self.ids and not self.all:
            raise ValueError("请指定要标记为已读的消息（ids），或全部标记（all: true）")
        if self.ids and self.all:
            raise ValueError("ids 和 all 只能二选一：标记指定的消息，或全部标记")
        return self


class StaffRequest(Request):
    username: Username
    display_name: Annotated[Str, _text("姓名", 30)]
    mobile: Mobile
    role: Str
    password: Password

    def model_post_init(self, _context) -> None:
        if self.role not in STAFF_ROLES:
            raise ValidationFailed("员工信息有误", [{"field": "role", "message": "请选择角色：超级管理员、客服或方案审核员"}])


class AccountRequest(Request):
    """A tenant sub-account (店长 or 只读) created by the 企业管理员."""
    username: Username
    display_name: Annotated[Str, _text("姓名", 30)]
    mobile: Mobile
    password: Password
    role: Str
    store: Annotated[Str, _text("门店", 50, required=False)] = ""
    show_mobile: bool = False

    def model_post_init(self, _context) -> None:
        labels = "或".join(ROLE_LABELS[role] for role in SUB_ACCOUNT_ROLES)
        if self.role not in SUB_ACCOUNT_ROLES:
            raise ValidationFailed("子账号信息有误", [{"field": "role", "message": f"请选择角色：{labels}"}])
        if self.role == STORE_MANAGER and not self.store:
            raise ValidationFailed("子账号信息有误", [{"field": "store", "message": "店长账号须选择所属门店"}])
        if self.password.lower() == self.username.lower():
            raise ValidationFailed("子账号信息有误", [{"field": "password", "message": "密码不能与登录名相同"}])
        if self.role != STORE_MANAGER:  # only a 店长 has a store and may be allowed full mobiles
            self.store, self.show_mobile = "", False


RequestT = TypeVar("RequestT", bound=Request)


def parse(model: type[RequestT], body: Any, context: dict | None = None) -> RequestT:
    """Validated request, or ValidationFailed listing every field problem in Chinese. `context` carries the
    lists some fields are checked against (e.g. {"industries": [...]})."""
    if not isinstance(body, dict):
        raise ValidationFailed("请求内容应为 JSON 对象")
    try:
        return model.model_validate(body, context=context)
    except ValidationError as error:
        raise ValidationFailed("提交的信息有误，请按提示修改", [_detail(e) for e in error.errors()]) from None


def _detail(error: ErrorDetails) -> dict:
    field = str(error["loc"][0]) if error["loc"] else ""
    label = LABELS.get(field, field)
    if error["type"] == "missing":
        message = f"请填写{label}"
    elif error["type"] == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = f"{label}格式不正确"
    return {"field": field, "message": message}


class ImportRequest(Request):
    kind: Str
    filename: Annotated[Str, _text("文件名", 200)]
    dry_run: bool = False


class CustomerFilter(Request):
    q: Annotated[Str, _text("搜索内容", 64, required=False)] = ""
    rfm_class: Annotated[Str, _text("客户分类", 20, required=False)] = ""
    tag: Annotated[Str, _text("标签", 20, required=False)] = ""
    store: Annotated[Str, _text("门店", 50, required=False)] = ""
    sort: Str = "customer_code"
    order: Str = "asc"


class ApiKeyRequest(Request):
    name: Annotated[Str, _text("密钥名称", 30)]
