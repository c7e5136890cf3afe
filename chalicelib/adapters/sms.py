"""SMS gateway: SNS Publish to a phone number (moto records it locally)."""
import logging

from chalicelib import config
from chalicelib.adapters.aws import client

log = logging.getLogger(__name__)


def send_sms(mobile: str, text: str) -> None:
    client("sns").publish(
        PhoneNumber=f"+86{mobile}",
        Message=text,
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
    )
    if config.sms_echo():
        print(f"[短信] {mobile}: {text}", flush=True)
