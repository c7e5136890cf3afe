"""Hostile or broken plan attachments are refused on their field and leave nothing the market could serve."""
import pytest

from chalicelib import config
from chalicelib.adapters.aws import client
from tests.integration.helpers import approved_tenant
from tests.integration.plan_helpers import plan_form, upload_attachment
from tests.unit import docx_fixtures as docx

HOSTILE = {
    "renamed workbook": lambda: docx.xlsx_bytes(),
    "renamed text": lambda: "会员日方案\n".encode() * 50,
    "macro-enabled": lambda: docx.with_content_type(
        docx.plan_docx(), "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "zip bomb": lambda: docx.highly_compressed(docx.plan_docx()),
    "embedded object": lambda: docx.with_relationship(docx.plan_docx(), "oleObject", "embeddings/oleObject1.bin",
                                                      external=False),
    "external template": lambda: docx.with_relationship(docx.plan_docx(), "attachedTemplate",
                                                        "http://evil.example/t.dotm"),
    "javascript link": lambda: docx.text_docx("点击查看", links=(("javascript:alert(1)", "详情"),)),
}


@pytest.fixture
def owner(api):
    return approved_tenant(api, 1)[1]


def stored_plan_objects() -> list[str]:
    listed = client("s3").list_objects_v2(Bucket=config.data_bucket(), Prefix="plans/")
    return [item["Key"] for item in listed.get("Contents", [])]


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_attachment_is_refused_on_its_field_and_nothing_is_stored(api, owner, case):
    key = upload_attachment(api, owner, HOSTILE[case](), filename="方案.docx")
    answer = api.post("/api/plans", plan_form(attachment_key=key), token=owner)
    assert answer.status_code == 400, answer.data
    assert answer.data["details"][0]["field"] == "attachment_key" and answer.data["message"]
    assert api.get("/api/plans/mine", token=owner).data["total"] == 0
    assert stored_plan_objects() == []


@pytest.mark.parametrize("filename,size", [("方案.doc", 1000), ("方案.docm", 1000), ("方案.docx", 0),
                                           ("方案.docx", 50 * 1024 * 1024)])
def test_an_upload_of_another_type_empty_or_too_big_gets_no_upload_link(api, owner, filename, size):
    answer = api.post("/api/plans/attachment-upload", {"filename": filename, "size": size}, token=owner)
    assert answer.status_code == 400 and answer.data["details"][0]["field"] in ("filename", "attachment")


def test_a_file_bigger_than_announced_is_refused_when_the_plan_is_submitted(api, owner):
    key = upload_attachment(api, owner, docx.plan_docx())
    client("s3").put_object(Bucket=config.upload_bucket(), Key=key, Body=b"PK" + b"\0" * (11 * 1024 * 1024))
    answer = api.post("/api/plans", plan_form(attachment_key=key), token=owner)
    assert answer.status_code == 400 and "10 MB" in answer.data["details"][0]["message"]


def test_a_key_that_was_never_uploaded_or_is_made_up_is_refused(api, owner):
    for key in ("plan-attachments/x/../../licenses/a.png", "imports/abc.csv"):
        answer = api.post("/api/plans", plan_form(attachment_key=key), token=owner)
        assert answer.status_code == 400 and answer.data["details"][0]["field"] == "attachment_key"


def test_a_document_carrying_script_text_renders_it_as_text(api, owner):
    key = upload_attachment(api, owner, docx.text_docx("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"))
    plan_id = api.post("/api/plans", plan_form(attachment_key=key), token=owner).data["plan_id"]
    html = api.get(f"/api/plans/{plan_id}", token=owner).data["attachment_html"]
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
