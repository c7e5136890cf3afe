"""Aliyun SMS answers and SDK exceptions, sorted into sent / retry later / rejected / uncertain."""
import requests
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException, ThrottlingException
from darabonba.exceptions import UnretryableException
from urllib3.exceptions import NewConnectionError

from chalicelib.adapters.sms.errors import ProviderRejected, ProviderThrottled, ProviderUncertain

# Codes that mean "nothing sent, the same call may succeed later" (seconds to wait).
THROTTLED = {"Throttling.User": 1.0, "Throttling": 1.0, "Throttling.Api": 1.0, "ServiceUnavailable": 5.0,
             "isv.BUSINESS_LIMIT_CONTROL": 60.0}
# Codes that concern one number; in a batch, the other numbers deserve to be tried alone.
PER_NUMBER = {"isv.MOBILE_NUMBER_ILLEGAL", "isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL",
              "isv.BLACK_KEY_CONTROL_LIMIT"}
CONNECT_RETRY_SECONDS = 10.0


def checked(body):
    """The answer body when its Code is OK; otherwise the provider error it stands for."""
    code = getattr(body, "code", None)
    if code == "OK":
        return body
    raise _for_code(str(code), getattr(body, "message", "") or "")


def translated(error: Exception) -> Exception:
    """The provider error an SDK exception stands for."""
    if isinstance(error, ThrottlingException):
        return ProviderThrottled(float(error.retry_after or 1.0), f"阿里云短信限流：{error.code}")
    if isinstance(error, AlibabaCloudException):
        if (error.status_code or 0) >= 500 and error.code not in THROTTLED:
            return ProviderUncertain(f"阿里云短信服务出错，可能已受理：{error.code} {error.message}")
        return _for_code(str(error.code), str(error.message or ""))
    if isinstance(error, UnretryableException) and _never_connected(error.inner_exception):
        return ProviderThrottled(CONNECT_RETRY_SECONDS, "连不上阿里云短信服务，稍后重试")
    return ProviderUncertain(f"阿里云短信服务无应答，可能已受理：{error}")


def _for_code(code: str, message: str) -> Exception:
    if code in THROTTLED:
        return ProviderThrottled(THROTTLED[code], f"阿里云短信限流：{code} {message}")
    return ProviderRejected(code, message)


def _never_connected(error: BaseException | None) -> bool:
    """True only when the request cannot have reached Aliyun (the SDK keeps the cause as __context__)."""
    cause = getattr(error, "__context__", None)
    if isinstance(cause, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(cause, requests.exceptions.ConnectionError) and cause.args:
        reason = getattr(cause.args[0], "reason", None)
        return isinstance(reason, NewConnectionError)
    return False
