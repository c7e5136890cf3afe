"""A local stand-in for Aliyun's dysmsapi RPC endpoint: checks each request as the API reference
describes it (signature V3, Action, Version, required and JSON parameters), records the calls, and
can be told to throttle, reject, accept-then-hang (a lost answer) or refuse one number."""
import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.integration import aliyun_signature

KEY_ID, SECRET = "loopback-key-id", "loopback-key-secret"
VERSION = "2017-05-25"
MOBILE = re.compile(r"^(?:\+?86|0086)?1\d{10}$")
REQUIRED = {
    "SendBatchSms": ("PhoneNumberJson", "SignNameJson", "TemplateCode"),
    "SendSms": ("PhoneNumbers", "SignName", "TemplateCode"),
    "AddSmsTemplate": ("TemplateType", "TemplateName", "TemplateContent", "Remark"),
    "QuerySmsTemplate": ("TemplateCode",),
}


@dataclass
class Call:
    action: str
    params: dict
    answer: dict = field(default_factory=dict)


class AliyunLoopback:
    def __init__(self):
        self.calls: list[Call] = []
        self.problems: list[str] = []
        self.templates: dict[str, dict] = {}  # code -> {type, name, content, status, reason}
        self.refused_numbers: set[str] = set()
        self._scripted: list[tuple[int, dict] | str] = []  # answers for the next calls, in order
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.endpoint = f"127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

    # What the next calls meet
    def throttle(self, code: str = "Throttling.User") -> None:
        """The next call is refused for flow control (HTTP 400 as the API gateway answers it)."""
        self._scripted.append((400, {"Code": code, "Message": "Request was denied due to user flow control."}))

    def answer_code(self, code: str, message: str = "业务停机") -> None:
        """The next call is answered HTTP 200 with this business Code (isv.*), nothing sent."""
        self._scripted.append((200, {"Code": code, "Message": message}))

    def hang_after_accepting(self) -> None:
        """The next call is accepted (and counted) but its answer never comes: the client times out."""
        self._scripted.append("hang")

    def refuse_number(self, mobile: str) -> None:
        """Any send that includes this number is refused as isv.MOBILE_NUMBER_ILLEGAL."""
        self.refused_numbers.add(mobile)

    def review(self, code: str, status: int, reason: str = "") -> None:
        self.templates[code].update(status=status, reason=reason)

    def actions(self) -> list[str]:
        return [call.action for call in self.calls]

    def sent(self) -> list[tuple[str, str, dict]]:
        """(mobile, signature, params) of every message an accepted send call carried."""
        out = []
        for call in self.calls:
            if call.action == "SendBatchSms" and call.answer.get("Code") == "OK":
                out += zip(json.loads(call.params["PhoneNumberJson"]), json.loads(call.params["SignNameJson"]),
                           json.loads(call.params.get("TemplateParamJson", "null")) or [{}] * 100)
        return out

    # Request handling
    def handle(self, method: str, url: str, headers: dict, body: bytes):
        """(status, answer dict) or "hang"."""
        parts = urlsplit(url)
        params = dict(parse_qsl(parts.query)) | dict(parse_qsl(body.decode("utf-8")))
        action = headers.get("x-acs-action", "")
        wrong = self._check(method, parts, headers, body, action, params)
        if wrong:
            self.problems += [f"{action}: {w}" for w in wrong]
            return 400, {"Code": "InvalidParameter", "Message": "；".join(wrong)}
        with self._lock:
            call = Call(action, params)
            self.calls.append(call)
            scripted = self._scripted.pop(0) if self._scripted else None
            if scripted == "hang":
                call.answer = getattr(self, f"_{action}")(params)
                return "hang"
            call.answer = scripted[1] if scripted else getattr(self, f"_{action}")(params)
            return (scripted[0] if scripted else 200), call.answer

    def _check(self, method, parts, headers, body, action, params) -> list[str]:
        wrong = aliyun_signature.problems(method, parts.path, parts.query, headers, body, KEY_ID, SECRET)
        nonce = headers.get("x-acs-signature-nonce", "")
        if not nonce or nonce in self._nonces:
            wrong.append("x-acs-signature-nonce 缺失或重复")
        self._nonces.add(nonce)
        if method != "POST" or action not in REQUIRED:
            return wrong + [f"不支持的调用：{method} {action}"]
        if headers.get("x-acs-version") != VERSION:
            wrong.append(f"Version 应为 {VERSION}")
        if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", headers.get("x-acs-date", "")):
            wrong.append("x-acs-date 应为 UTC ISO 8601")
        wrong += [f"缺少参数 {name}" for name in REQUIRED[action] if not params.get(name)]
        return wrong or getattr(self, f"_check_{action}")(params)

    def _check_SendBatchSms(self, params) -> list[str]:
        try:
            phones, signs = json.loads(params["PhoneNumberJson"]), json.loads(params["SignNameJson"])
            values = json.loads(params.get("TemplateParamJson") or "null")
        except ValueError:
            return ["PhoneNumberJson / SignNameJson / TemplateParamJson 须为 JSON"]
        wrong = [] if isinstance(phones, list) and 0 < len(phones) <= 100 else ["PhoneNumberJson 须为 1–100 个号码"]
        if not isinstance(signs, list) or len(signs) != len(phones):
            wrong.append("SignNameJson 的个数须与号码相同")
        if values is not None and (not isinstance(values, list) or len(values) != len(phones)
                                   or not all(isinstance(v, dict) for v in values)):
            wrong.append("TemplateParamJson 须为与号码一一对应的对象数组")
        return wrong

    def _check_SendSms(self, params) -> list[str]:
        try:
            return [] if isinstance(json.loads(params.get("TemplateParam") or "{}"), dict) else ["TemplateParam 须为对象"]
        except ValueError:
            return ["TemplateParam 须为 JSON"]

    def _check_AddSmsTemplate(self, params) -> list[str]:
        wrong = [] if params["TemplateType"] in ("0", "1", "2", "3") else ["TemplateType 须为 0–3"]
        if re.search(r"(?<!\$)\{", params["TemplateContent"]):
            wrong.append("变量须写作 ${name}")
        return wrong + ([] if len(params["TemplateContent"]) <= 500 else ["TemplateContent 超过 500 字"])

    def _check_QuerySmsTemplate(self, params) -> list[str]:
        return []

    def _SendBatchSms(self, params) -> dict:
        phones = json.loads(params["PhoneNumberJson"])
        if any(MOBILE.match(p) is None or p in self.refused_numbers for p in phones):
            return {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": str(uuid.uuid4())}
        return {"Code": "OK", "Message": "OK", "BizId": f"{uuid.uuid4().int % 10**15}^0", "RequestId": str(uuid.uuid4())}

    def _SendSms(self, params) -> dict:
        return self._SendBatchSms({"PhoneNumberJson": json.dumps(params["PhoneNumbers"].split(","))})

    def _AddSmsTemplate(self, params) -> dict:
        code = f"SMS_{len(self.templates) + 100000001}"
        self.templates[code] = {"type": params["TemplateType"], "name": params["TemplateName"],
                                "content": params["TemplateContent"], "status": 0, "reason": ""}
        return {"Code": "OK", "Message": "OK", "TemplateCode": code, "RequestId": str(uuid.uuid4())}

    def _QuerySmsTemplate(self, params) -> dict:
        template = self.templates.get(params["TemplateCode"])
        if template is None:
            return {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不存在"}
        return {"Code": "OK", "Message": "OK", "TemplateCode": params["TemplateCode"], "TemplateStatus":
                template["status"], "Reason": template["reason"], "TemplateContent": template["content"],
                "TemplateType": int(template["type"]), "TemplateName": template["name"]}


def _handler(loopback: AliyunLoopback):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            outcome = loopback.handle(self.command, self.path, headers, body)
            if outcome == "hang":  # accepted, but the answer is lost: wait until the test ends
                loopback._release.wait(30)
                return
            status, answer = outcome
            data = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST  # noqa: N815  (recorded as a problem: the API wants POST)

        def log_message(self, *args):
            pass

    return Handler
