"""Field rules shared by registration, profile and staff forms.

Each function returns the normalised value or raises ValueError with a Chinese
message that says what to fix.
"""
import re
import unicodedata

import phonenumbers

INDUSTRIES = ("医药", "零售", "餐饮", "美妆个护", "母婴", "服装", "教育培训", "其他")
PASSWORD_RULE = "8–64 位，须同时包含字母和数字，不能与登录名相同"
USERNAME_RULE = "4–32 位，以字母开头，可含字母、数字、下划线、点或短横线"

_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{3,31}")
_REGION_CODE = re.compile(r"\d{6}")


def clean_text(value: str, label: str, max_length: int, required: bool = True) -> str:
    """Trimmed plain text without control or invisible characters."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if not text:
        if required:
            raise ValueError(f"请填写{label}")
        return ""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch not in "\u200d" for ch in text):
        raise ValueError(f"{label}包含不可见或控制字符，请删除后重新输入")
    if len(text) > max_length:
        raise ValueError(f"{label}最多 {max_length} 个字，当前 {len(text)} 个字")
    return text


def clean_multiline(value: str, label: str, max_length: int, required: bool = True) -> str:
    """Like clean_text, but line breaks are kept (a description or a note has paragraphs)."""
    lines = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(clean_text(line, label, max_length, required=False) for line in lines).strip()
    if required and not text:
        raise ValueError(f"请填写{label}")
    if len(text) > max_length:
        raise ValueError(f"{label}最多 {max_length} 个字，当前 {len(text)} 个字")
    return text

def normalize_mobile(raw: str) -> str:
    """An 11-digit mainland China mobile number."""
    text = re.sub(r"[\s\-]", "", raw or "")
    if not text:
        raise ValueError("请填写手机号")
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise ValueError("手机号格式不正确，请输入 11 位中国大陆手机号") from None
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if (number.country_code != 86 or not phonenumbers.is_valid_number(number)
            or phonenumbers.number_type(number) not in mobile_types):
        raise ValueError("手机号格式不正确，请输入 11 位中国大陆手机号")
    return str(number.national_number)


def mask_mobile(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else "****"


def normalize_username(raw: str) -> str:
    name = (raw or "").strip()
    if not _USERNAME.fullmatch(name):
        raise ValueError(f"登录名格式不正确：{USERNAME_RULE}")
    return name.lower()


def check_password(password: str) -> str:
    if not isinstance(password, str) or not 8 <= len(password) <= 64:
        raise ValueError(f"密码不符合要求：{PASSWORD_RULE}")
    if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        raise ValueError(f"密码不符合要求：{PASSWORD_RULE}")
    return password


def normalize_region(raw) -> dict:
    """{province, city, code}; accepts the portal's object or a "省/市" string."""
    if isinstance(raw, str):
        parts = [p for p in re.split(r"[/\s,，]+", raw.strip()) if p]
        raw = {"province": parts[0] if parts else "", "city": parts[1] if len(parts) > 1 else ""}
    if not isinstance(raw, dict):
        raise ValueError("请选择所在地区（省份和城市）")
    province = clean_text(str(raw.get("province") or ""), "省份", 20)
    city = clean_text(str(raw.get("city") or ""), "城市", 20)
    code = str(raw.get("code") or "")
    if code and not _REGION_CODE.fullmatch(code):
        raise ValueError("地区代码应为 6 位数字")
    return {"province": province, "city": city, "code": code}
