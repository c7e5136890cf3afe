"""Driving imports the way the browser and the ERP do: create the job, put the file, let the queue deliver."""
import io

import openpyxl

from chalicelib import config
from chalicelib.adapters.aws import client
from chalicelib.events.imports import handle_message
from local.event_pump import EventPump

CUSTOMER_HEADER = "客户编码,客户名称,手机号,性别,生日,地区,身份证号,标签,短信同意"
ORDER_HEADER = "订单编号,客户编码,下单时间,订单金额"


def csv_file(header: str, *rows: str) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode("utf-8")


def xlsx_file(header: list, *rows: list) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (header, *rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def deliver(resources) -> int:
    """Hand every queued S3 event to the worker, as the Lambda SQS trigger would."""
    return EventPump(client("sqs"), resources.queues["ImportQueue"], handle_message).drain()


def start(api, token: str, kind: str, filename: str, dry_run: bool = False) -> dict:
    answer = api.post("/api/imports", {"kind": kind, "filename": filename, "dry_run": dry_run}, token=token)
    assert answer.status_code == 201, answer.data
    return answer.data


def put_upload(started: dict, content: bytes) -> None:
    client("s3").put_object(Bucket=config.upload_bucket(), Key=started["upload"]["fields"]["key"], Body=content)


def run_import(api, resources, token: str, kind: str, content: bytes, filename: str = "data.csv",
               dry_run: bool = False) -> dict:
    """Upload a file, deliver its event, return the finished job with its issues."""
    started = start(api, token, kind, filename, dry_run)
    put_upload(started, content)
    deliver(resources)
    return job(api, token, started["import_id"])


def job(api, token: str, import_id: str) -> dict:
    answer = api.get(f"/api/imports/{import_id}", token=token)
    assert answer.status_code == 200, answer.data
    return answer.data


def customer_rows(count: int, start: int = 1) -> list[str]:
    return [f"C{n:05d},客户{n},1381234{n % 10000:04d},女,1985-06-01,浙江省/杭州市,,会员,是"
            for n in range(start, start + count)]


def order_rows(count: int, start: int = 1, customer: str = "C00001") -> list[str]:
    return [f"SO{n:06d},{customer},2026-03-{1 + n % 28:02d} 10:00,{n % 500 + 0.5:.2f}" for n in range(start, start + count)]


def download(url: str) -> bytes:
    """A presigned link's content (moto answers `requests`, not urllib, inside mock_aws)."""
    import requests

    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.content
