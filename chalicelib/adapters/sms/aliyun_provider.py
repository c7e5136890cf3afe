"""Aliyun SMS through its official SDK: batches of up to 100 numbers, provider template review."""
import json
import re
from functools import lru_cache

from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.models import Config
from darabonba.runtime import RuntimeOptions

from chalicelib import config
from chalicelib.adapters.sms.aliyun_answers import PER_NUMBER, checked, translated
from chalicelib.adapters.sms.errors import ProviderError, ProviderRejected, ProviderThrottled
from chalicelib.adapters.sms.partial import stopped
from chalicelib.adapters.sms.types import NOT_SENT, UNCERTAIN, Accepted, Outgoing, TemplateRef
from chalicelib.domain.sms.length import OPT_OUT_SUFFIX, PLACEHOLDER

MAX_BATCH = 100
TEMPLATE_TYPES = {"notice": 1, "marketing": 2}  # AddSmsTemplate: 0 验证码, 1 通知, 2 推广
REVIEW = {0: "pending", 1: "approved", 2: "rejected", 10: "rejected"}  # 10: the review was cancelled


@lru_cache(maxsize=4)
def _client(endpoint: str, protocol: str, key_id: str, secret: str, timeouts: tuple[int, int]) -> Client:
    return Client(Config(access_key_id=key_id, access_key_secret=secret, endpoint=endpoint, protocol=protocol,
                         connect_timeout=timeouts[0], read_timeout=timeouts[1]))


def client() -> Client:
    return _client(config.aliyun_sms_endpoint(), config.aliyun_sms_protocol(), *config.aliyun_access_key(),
                   config.aliyun_sms_timeouts_ms())


def runtime() -> RuntimeOptions:
    # Never let the SDK retry: SendBatchSms is not idempotent, a retried call can text twice.
    connect, read = config.aliyun_sms_timeouts_ms()
    return RuntimeOptions(autoretry=False, max_attempts=1, connect_timeout=connect, read_timeout=read)


def call(operation: str, request):
    """The checked answer body of one SDK operation, or the provider error it stands for."""
    try:
        response = getattr(client(), f"{operation}_with_options")(request, runtime())
    except Exception as error:  # every SDK and transport failure is sorted by translated()
        raise translated(error) from error
    return checked(response.body)


def template_content(text: str, kind: str) -> str:
    """Our {name} variables as Aliyun's ${name}; marketing templates carry the opt-out suffix."""
    body = text.strip()
    if kind == "marketing" and not body.endswith(OPT_OUT_SUFFIX):
        body += OPT_OUT_SUFFIX
    return PLACEHOLDER.sub(lambda m: "${" + m.group(1) + "}", body)


class AliyunProvider:
    name = "aliyun"

    def send_login_code(self, mobile: str, text: str) -> None:
        code = re.search(r"\d{4,8}", text)
        template = config.sms_login_template_code()
        if not code or not template:
            raise ProviderRejected("LOGIN_TEMPLATE", "未配置登录验证码模板：请设置 SMS_LOGIN_TEMPLATE_CODE")
        call("send_sms", models.SendSmsRequest(
            phone_numbers=mobile, sign_name=config.sms_platform_signature(), template_code=template,
            template_param=json.dumps({"code": code.group(0)})))

    def send_notice(self, mobile: str, text: str, kind: str) -> None:
        # Aliyun sends only reviewed templates: one 通知 template per kind, its one variable ${content} the text.
        template = config.sms_notice_template_codes().get(kind)
        if not template:
            raise ProviderRejected("NOTICE_TEMPLATE", f"未配置通知短信模板：请在 SMS_NOTICE_TEMPLATES 中设置 {kind}")
        content = re.sub(r"^【[^】]*】", "", text)
        call("send_sms", models.SendSmsRequest(
            phone_numbers=mobile, sign_name=config.sms_platform_signature(), template_code=template,
            template_param=json.dumps({"content": content}, ensure_ascii=False)))

    def send_batch(self, signature: str, template: TemplateRef, messages: list[Outgoing]) -> list[Accepted]:
        if len(messages) > MAX_BATCH:
            raise ValueError(f"一次最多发送 {MAX_BATCH} 个号码")
        if not template.code:
            raise ProviderRejected("TEMPLATE_CODE_MISSING", "模板还没有服务商的模板编号，请等待审核通过")
        try:
            return self._send(signature, template, messages)
        except ProviderRejected as error:
            if error.code not in PER_NUMBER or len(messages) == 1:
                raise
        return self._one_by_one(signature, template, messages)

    def _send(self, signature: str, template: TemplateRef, messages: list[Outgoing]) -> list[Accepted]:
        body = call("send_batch_sms", models.SendBatchSmsRequest(
            phone_number_json=json.dumps([m.mobile for m in messages]),
            sign_name_json=json.dumps([signature] * len(messages), ensure_ascii=False),
            template_code=template.code,
            template_param_json=json.dumps([m.params for m in messages], ensure_ascii=False)))
        return [Accepted(m.mobile, True, body.biz_id) for m in messages]

    def _one_by_one(self, signature: str, template: TemplateRef, messages: list[Outgoing]) -> list[Accepted]:
        """After a number-specific refusal (nothing was sent), each number alone, so one bad number fails alone."""
        results: list[Accepted] = []
        for index, message in enumerate(messages):
            try:
                results += self._send(signature, template, [message])
            except ProviderRejected as error:
                results.append(Accepted(message.mobile, False, None, error.code, error.message[:200]))
            except ProviderThrottled as error:
                return stopped(results, messages[index:], error, NOT_SENT)
            except ProviderError as error:
                return stopped(results, messages[index:], error, UNCERTAIN)
        return results

    def submit_template(self, kind: str, name: str, text: str) -> str:
        body = call("add_sms_template", models.AddSmsTemplateRequest(
            template_type=TEMPLATE_TYPES[kind], template_name=name[:30], template_content=template_content(text, kind),
            remark=f"精准营销云药店会员{'营销' if kind == 'marketing' else '通知'}短信：{name}"[:100]))
        return body.template_code

    def template_status(self, code: str, submitted_at: str) -> tuple[str, str | None]:
        body = call("query_sms_template", models.QuerySmsTemplateRequest(template_code=code))
        status = REVIEW.get(int(body.template_status), "pending")
        reason = body.reason or ("已取消审核" if int(body.template_status) == 10 else None)
        return status, (reason if status == "rejected" else None)
