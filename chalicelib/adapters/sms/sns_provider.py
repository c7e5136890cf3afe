"""AWS SNS: one Publish per message (moto records them on the local stack); templates are
reviewed locally, since SNS has no template review."""
import os
from functools import lru_cache

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError

from chalicelib import config
from chalicelib.adapters.sms import local_review
from chalicelib.adapters.sms.partial import stopped
from chalicelib.adapters.sms.types import NOT_SENT, UNCERTAIN, Accepted, Outgoing, TemplateRef, text_for

THROTTLE_CODES = {"Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException"}
NOT_SENT_ERRORS = (ConnectTimeoutError, EndpointConnectionError)  # the request never reached SNS


@lru_cache(maxsize=4)
def _client(region: str, endpoint: str | None):
    # No retries: a retried Publish after a lost answer could text a customer twice.
    return boto3.client("sns", region_name=region, endpoint_url=endpoint,
                        config=Config(retries={"total_max_attempts": 1}))


def sns():
    return _client(config.region(), os.environ.get("AWS_ENDPOINT_URL") or None)


def publish(mobile: str, text: str, kind: str) -> str:
    """SNS MessageId of one SMS; Transactional for notices and codes, Promotional for marketing."""
    sms_type = "Promotional" if kind == "marketing" else "Transactional"
    answer = sns().publish(PhoneNumber=f"+86{mobile}", Message=text, MessageAttributes={
        "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": sms_type}})
    if config.sms_echo():
        print(f"[短信] {mobile}: {text}", flush=True)
    return answer["MessageId"]


class SnsProvider:
    name = "sns"

    def send_login_code(self, mobile: str, text: str) -> None:
        publish(mobile, text, "notice")

    def send_notice(self, mobile: str, text: str, kind: str) -> None:
        publish(mobile, text, "notice")

    def send_batch(self, signature: str, template: TemplateRef, messages: list[Outgoing]) -> list[Accepted]:
        results: list[Accepted] = []
        for index, message in enumerate(messages):
            try:
                text = text_for(signature, template, message.params)
                results.append(Accepted(message.mobile, True, publish(message.mobile, text, template.kind)))
            except ClientError as error:
                code = error.response["Error"]["Code"]
                if code in THROTTLE_CODES:
                    return stopped(results, messages[index:], error, NOT_SENT)
                results.append(Accepted(message.mobile, False, None, code, str(error)[:200]))  # this number only
            except NOT_SENT_ERRORS as error:
                return stopped(results, messages[index:], error, NOT_SENT)
            except Exception as error:  # a lost answer: SNS may have sent it
                return stopped(results, messages[index:], error, UNCERTAIN)
        return results

    def submit_template(self, kind: str, name: str, text: str) -> str:
        return local_review.submit(text)

    def template_status(self, code: str, submitted_at: str) -> tuple[str, str | None]:
        return local_review.status(code, submitted_at)

