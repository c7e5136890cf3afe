"""Provider callbacks: the token is checked before anything else, then the kind names what to apply."""
from chalicelib.adapters.sms import callbacks
from chalicelib.errors import NotFound, Unauthorized
from chalicelib.services.campaigns import receipts, replies

KINDS = {"report": receipts.apply_all, "reply": replies.apply_all}


def receive(provider: str, kind: str, token: str, body: bytes, *, parser=callbacks) -> dict:
    """Apply one callback (receipts or replies; a repeat changes nothing) and answer what the provider expects."""
    if not parser.verify(token or ""):  # a forged callback learns nothing, not even which providers exist
        raise Unauthorized("回调密钥无效", code="BAD_CALLBACK_TOKEN")
    if provider not in callbacks.PROVIDERS or kind not in KINDS:
        raise NotFound("未知的短信服务商或回调类型", code="UNKNOWN_CALLBACK")
    KINDS[kind](provider, body, parser=parser)
    return parser.ack(provider)
