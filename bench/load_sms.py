"""Login codes for the load test: texts to a mobile, read from moto's SNS or from the stack's console log.

moto's `/moto-api/data.json` dumps every tracked moto object (about 1 s of the stack's own CPU per call on
a small state, more as it grows), so the inbox shares one fetch between all users waiting at the same
moment. `make run`'s console prints each text as `[短信] 13800000000: …`; given that log
(`--sms-log`), the inbox reads it instead and the stack does no extra work.
"""
import json
import re
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

CODE = re.compile(r"验证码\D{0,8}(\d{6})")
# Not anchored to a line: two threads printing at once can put two texts on one line.
CONSOLE_TEXT = re.compile(r"\[短信\] (\d{11}): (.*?)(?=\[短信\]|\n|$)")


class SmsInbox:
    """Login codes per mobile, oldest first, refreshed at most every `min_interval` seconds."""

    def __init__(self, moto_url: str | None = None, console_log: str | None = None, min_interval: float = 1.0):
        if not (moto_url or console_log):
            raise ValueError("an inbox needs moto's URL or the stack's console log")
        self.moto_url, self.console_log = moto_url, console_log
        self.min_interval = min_interval
        self._codes: dict[str, list[str]] = {}
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def codes(self, mobile: str) -> list[str]:
        return list(self._codes.get(mobile, []))

    def wait_for_code(self, mobile: str, seen: int, timeout: float = 60.0) -> str:
        """The newest login code to `mobile` once more than `seen` have arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.refresh()
            found = self._codes.get(mobile, [])
            if len(found) > seen:
                return found[-1]
            time.sleep(0.2)
        raise TimeoutError(f"no new login code to {mobile} within {timeout:.0f} s")

    def refresh(self) -> None:
        with self._lock:  # one fetch serves every user waiting now
            if time.monotonic() - self._fetched_at < self.min_interval:
                return
            texts = self._console_texts() if self.console_log else self._moto_texts()
            codes: dict[str, list[str]] = defaultdict(list)
            for mobile, text in texts:
                match = CODE.search(text)
                if match:
                    codes[mobile].append(match.group(1))
            self._codes, self._fetched_at = dict(codes), time.monotonic()

    def _moto_texts(self) -> list[tuple[str, str]]:
        with urllib.request.urlopen(f"{self.moto_url}/moto-api/data.json", timeout=60) as answer:
            data = json.load(answer)
        return [(sms["phone_number"].removeprefix("+86"), sms["message"]) for sms in data["sns"]["SMS"]]

    def _console_texts(self) -> list[tuple[str, str]]:
        text = Path(self.console_log).read_text(encoding="utf-8", errors="replace")
        return CONSOLE_TEXT.findall(text)
