"""Aliyun's ACS3-HMAC-SHA256 request signature (V3), recomputed from what arrived, as Aliyun checks it."""
import hashlib
import hmac
import re
from urllib.parse import parse_qsl, quote

AUTHORIZATION = re.compile(r"^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$")


def problems(method: str, path: str, query: str, headers: dict[str, str], body: bytes,
             key_id: str, secret: str) -> list[str]:
    """What is wrong with the request's signature; an empty list when Aliyun would accept it."""
    found = AUTHORIZATION.match(headers.get("authorization", ""))
    if not found:
        return ["Authorization 头缺失或格式不对"]
    credential, signed, signature = found.groups()
    wrong = [] if credential == key_id else [f"AccessKeyId 不对：{credential}"]
    payload = hashlib.sha256(body).hexdigest()
    if headers.get("x-acs-content-sha256") != payload:
        wrong.append("x-acs-content-sha256 与请求体不符")
    names = signed.split(";")
    if not {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"} <= set(names):
        wrong.append(f"签名未覆盖必需的头：{signed}")
    canonical = "\n".join([method, path or "/", _query(query), "".join(f"{n}:{headers.get(n, '').strip()}\n"
                                                                     for n in names), signed, payload])
    string_to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    expected = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return wrong + ([] if hmac.compare_digest(expected, signature) else ["签名不匹配"])


def _query(raw: str) -> str:
    pairs = sorted(parse_qsl(raw, keep_blank_values=True))
    return "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in pairs)
