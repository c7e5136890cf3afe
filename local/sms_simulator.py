"""The local stand-in for the SMS provider's callbacks: delivery receipts (and a few replies) for submitted messages.

Every `interval` seconds it reads the submitted messages that have no receipt yet and, once a message's delay
(2–10 s) has passed, posts its receipt to the API's public callback route, as the provider would: about 95 %
delivered, the rest failed with a reason operators really give; about 3 % of delivered ones get a reply
("R" mostly). Each message's fate is drawn from (seed, biz id, mobile), so a seeded run is repeatable and a
receipt posted twice (a tick that failed half-way) is the same receipt.
"""
import json
import random
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone

from chalicelib import config

DELIVERED_SHARE = 0.95
REPLY_SHARE = 0.03
DELAY = (2.0, 10.0)
FAILURES = (("MOBILE_NOT_ON_SERVICE", "停机"), ("MOBILE_TERMINAL_ERROR", "手机终端问题（关机、信号不好）"),
            ("MOBILE_IN_BLACK", "手机号在运营商黑名单中"), ("MOBILE_ACCOUNT_ABNORMAL", "用户账户异常（欠费）"))
REPLIES = ("R", "R", "R", "R", "TD", "退订", "好的谢谢", "好的谢谢")


@dataclass(frozen=True)
class Fate:
    delay: float
    delivered: bool
    error: tuple[str, str] | None
    reply: str | None


def fate(seed: int, message: dict) -> Fate:
    """What happens to one message, the same on every call for the same seed."""
    draw = random.Random(f"{seed}:{message.get('biz_id')}:{message['mobile']}")
    delay = draw.uniform(*DELAY)
    delivered = draw.random() < DELIVERED_SHARE
    error = None if delivered else draw.choice(FAILURES)
    reply = draw.choice(REPLIES) if delivered and draw.random() < REPLY_SHARE else None
    return Fate(delay, delivered, error, reply)


class SmsSimulator:
    def __init__(self, api_url: str, interval: float = 2, seed: int | None = None, limit: int = 500,
                 now=time.time, post=None, messages=None):
        self.api_url, self.interval, self.limit, self.now = api_url.rstrip("/"), interval, limit, now
        self.seed = random.randrange(2 ** 32) if seed is None else seed
        self.post = post or _post_json
        if messages is None:
            from chalicelib.adapters import message_log as messages  # the stack's tables exist by start()
        self.messages = messages
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sms-simulator", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)

    def tick(self) -> int:
        """One pass: post the receipts (and replies) that are due; how many receipts were posted."""
        receipts, replies = [], []
        for message in self.messages.submitted_without_receipt(self.limit):
            if message.get("provider") != "sns" or not message.get("biz_id"):
                continue
            future = fate(self.seed, message)
            if self.now() < _epoch(message["submitted_at"]) + future.delay:
                continue
            receipts.append(_receipt(message, future, self.now()))
            if future.reply:
                replies.append(_reply(message, future.reply, self.now()))
        if receipts:
            self.post(self._url("report"), receipts)
        if replies:
            self.post(self._url("reply"), replies)
        return len(receipts)

    def _url(self, kind: str) -> str:
        return f"{self.api_url}/api/sms/callbacks/sns/{kind}?token={config.sms_callback_token()}"

    def _run(self) -> None:
        while not self._stopping.wait(self.interval):
            try:
                self.tick()
            except Exception as error:  # the next tick tries again; receipts are idempotent
                print(f"[local] SMS simulator: {error!r}", file=sys.stderr, flush=True)


def _receipt(message: dict, future: Fate, now: float) -> dict:
    code, text = future.error or (None, None)
    return {"provider": "sns", "biz_id": message["biz_id"], "mobile": message["mobile"],
            "delivered": future.delivered, "error_code": code, "error_message": text, "reported_at": _iso(now)}


def _reply(message: dict, text: str, now: float) -> dict:
    return {"provider": "sns", "mobile": message["mobile"], "text": text, "signature": message.get("signature") or None,
            "received_at": _iso(now + 1)}


def _post_json(url: str, payload: list) -> None:
    request = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def _epoch(iso: str) -> float:
    at = datetime.fromisoformat(iso)
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).timestamp()


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds")
