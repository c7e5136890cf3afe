"""SMS gateway: one interface, the provider chosen by configuration (SMS_PROVIDER)."""
from chalicelib import config
from chalicelib.adapters.sms.types import Accepted, Outgoing, TemplateRef  # noqa: F401  (the gateway's vocabulary)


def gateway():
    """The configured provider: "aliyun" (mainland production) or "sns" (local stack, global regions)."""
    if config.sms_provider() == "aliyun":
        from chalicelib.adapters.sms.aliyun_provider import AliyunProvider  # the SDK loads only where used

        return AliyunProvider()
    from chalicelib.adapters.sms.sns_provider import SnsProvider

    return SnsProvider()


def send_sms(mobile: str, text: str) -> None:
    """A platform message (login or reset code) to one number, through the configured provider."""
    gateway().send_login_code(mobile, text)


def send_notice(mobile: str, text: str, kind: str) -> None:
    """A platform notice (registration decided, fee reminders; `kind` names it) to one number."""
    gateway().send_notice(mobile, text, kind)
