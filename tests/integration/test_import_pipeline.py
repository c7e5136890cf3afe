"""Upload -> S3 event -> EventBridge -> SQS -> worker -> stored data, with the results the portal shows."""
import csv
import io

import openpyxl
import pytest

from chalicelib import config
from chalicelib.adapters import customer_store, objects
from chalicelib.adapters.models import AuditModel
from chalicelib.adapters.order_store import OrderStore
from chalicelib.services.imports import runner
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import (
    CUSTOMER_HEADER,
    ORDER_HEADER,
    csv_file,
    customer_rows,
    deliver,
    download,
    job,
    order_rows,
    put_upload,
    run_import,
    start,
    xlsx_file,
)


@pytest.fixture
def tenant(api):
    return approved_tenant(api)


def test_a_customer_file_is_imported_and_the_same_file_again_changes_nothing(api, aws, tenant):
    tenant_id, token = tenant
    content = csv_file(CUSTOMER_HEADER, *customer_rows(30))

    first = run_import(api, aws, token, "customers", content)
    again = run_import(api, aws, token, "customers", content)

    assert first["status"] == "completed", first
    assert first["counts"]["new"] == 30 and first["counts"]["errors"] == 0
    assert again["counts"] == {**again["counts"], "new": 0, "updated": 0, "unchanged": 30}
    stored = customer_store.get(tenant_id, "C00007")
    assert stored["name"] == "客户7" and stored["tags"] == ["会员"] and stored["sms_consent"] is True


def test_a_changed_row_updates_only_that_customer_and_absent_columns_keep_their_values(api, aws, tenant):
    tenant_id, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(3)))

    result = run_import(api, aws, token, "customers", csv_file("客户编码,客户名称", "C00001,张三", "C00002,客户2"))

    assert (result["counts"]["updated"], result["counts"]["unchanged"]) == (1, 1)
    assert customer_store.get(tenant_id, "C00001")["name"] == "张三"
    assert customer_store.get(tenant_id, "C00001")["mobile"] == "13812340001"


def test_a_column_the_import_does_not_know_is_ignored_and_the_finished_job_names_it(api, aws, tenant):
    _, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(1)))

    result = run_import(api, aws, token, "customers", csv_file("客户编码,客户名称,积分", "C00001,张三,100"))

    assert (result["status"], result["counts"]["updated"]) == ("completed", 1), result
    assert result["notices"] == ["已忽略未识别的列：积分"]  # kept through the progress writes of the run


def test_a_customer_file_with_errors_is_rejected_whole_with_every_row_error_and_an_error_file(api, aws, tenant):
    tenant_id, token = tenant
    rows = customer_rows(3) + ["C00001,重复,,,,,,,", "C00009,坏手机,12345,,,,,,"]

    result = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *rows))

    assert result["status"] == "rejected"
    assert customer_store.all_of(tenant_id) == {}
    texts = {(issue["row"], issue["column"]) for issue in result["errors"]}
    assert {(2, "客户编码"), (5, "客户编码"), (6, "手机号")} <= texts
    error_file = download(result["errors_url"]).decode("utf-8-sig")
    assert "错误原因" in error_file.splitlines()[0] and "坏手机" in error_file


def test_a_file_with_more_errors_than_are_kept_counts_them_all_and_its_error_file_marks_every_row(
        api, aws, tenant, monkeypatch):
    monkeypatch.setattr(runner, "ISSUES_KEPT", 50)
    tenant_id, token = tenant
    rows = [f"C{n:05d},客户{n},12345,未知,,,,," for n in range(1, 201)]

    result = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *rows))

    assert result["status"] == "rejected" and result["counts"]["errors"] == 400
    assert "400 处错误" in result["message"]
    assert [(issue["row"], issue["column"]) for issue in result["errors"][:4]] == [
        (2, "手机号"), (2, "性别"), (3, "手机号"), (3, "性别")]
    assert len(result["errors"]) == 50
    marked = list(csv.reader(io.StringIO(download(result["errors_url"]).decode("utf-8-sig"))))[1:]
    assert len(marked) == 200 and all("列 手机号" in row[-1] and "列 性别" in row[-1] for row in marked)


def _fix_csv(content: bytes, bad: str, good: str) -> bytes:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert sum(row.count(bad) for row in rows) == 1
    out = io.StringIO()
    csv.writer(out).writerows([good if cell == bad else cell for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _fix_xlsx(content: bytes, bad: str, good: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if cell.value == bad]
    assert len(cells) == 1
    cells[0].value = good
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("filename", ["mixed.csv", "mixed.xlsx"])
def test_the_error_file_is_the_whole_file_and_fixing_its_bad_cells_then_uploading_it_imports_every_row(
        api, aws, tenant, filename):
    # Given a customer file of 6 good rows around 2 bad ones (a bad mobile, a bad birthday)
    tenant_id, token = tenant
    rows = [row.split(",") for row in customer_rows(8)]
    rows[2][2], rows[5][4] = "99999", "1985-13-40"
    content = (csv_file(CUSTOMER_HEADER, *(",".join(row) for row in rows)) if filename.endswith(".csv")
               else xlsx_file(CUSTOMER_HEADER.split(","), *rows))

    # When it is rejected and its error file is downloaded
    rejected = run_import(api, aws, token, "customers", content, filename)
    errors = download(rejected["errors_url"])
    if filename.endswith(".csv"):
        lines = list(csv.reader(io.StringIO(errors.decode("utf-8-sig"))))
    else:
        lines = [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(errors)).worksheets[0]]

    # Then it holds every row in order, with a reason only on the two bad ones
    assert rejected["status"] == "rejected" and customer_store.all_of(tenant_id) == {}
    assert lines[0] == CUSTOMER_HEADER.split(",") + ["错误原因"]
    assert [line[0] for line in lines[1:]] == [f"C{n:05d}" for n in range(1, 9)]
    assert [bool(line[-1]) for line in lines[1:]] == [False, False, True, False, False, True, False, False]

    # And when the two cells are fixed in that file and it is uploaded again, every row is imported
    fix = _fix_csv if filename.endswith(".csv") else _fix_xlsx
    fixed = fix(fix(errors, "99999", "13812349999"), "1985-13-40", "1985-12-04")
    again = run_import(api, aws, token, "customers", fixed, filename)

    assert again["status"] == "completed", again
    assert again["counts"]["new"] == 8 and again["notices"] == []
    assert sorted(customer_store.all_of(tenant_id)) == [f"C{n:05d}" for n in range(1, 9)]
    assert customer_store.get(tenant_id, "C00003")["mobile"] == "13812349999"


def test_row_errors_quote_the_bad_value_and_a_hostile_value_stays_text_in_the_error_file(api, aws, tenant):
    _, token = tenant
    hostile = "-1+cmd|' /C calc'!A0+HYPERLINK(evil)"  # openpyxl would store a leading "=" as a formula
    rows = [row.split(",") for row in customer_rows(2)]
    rows[0][2], rows[1][2] = "1381234", hostile

    result = run_import(api, aws, token, "customers", xlsx_file(CUSTOMER_HEADER.split(","), *rows), "c.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download(result["errors_url"]))).worksheets[0]

    messages = [issue["message"] for issue in result["errors"]]
    assert messages[0] == "手机号“1381234”格式不正确，请填写 11 位中国大陆手机号（可带 +86）"
    assert messages[1] == "手机号“-1+cmd|' /C calc'!A0+HYPERLINK…”格式不正确，请填写 11 位中国大陆手机号（可带 +86）"
    assert sheet["C3"].value == "'" + hostile and sheet["C3"].data_type == "s"
    assert sheet["J3"].data_type == "s" and sheet["J3"].value == f"列 手机号：{messages[1]}"


def test_an_xlsx_with_more_cells_than_the_limit_is_refused_before_it_is_read_saying_how_to_fix_it(
        api, aws, tenant, monkeypatch):
    _, token = tenant
    monkeypatch.setenv("XLSX_MAX_CELLS", "20")  # the header and a row of 9 columns fit, 3 rows do not
    content = xlsx_file(CUSTOMER_HEADER.split(","), *(row.split(",") for row in customer_rows(3)))

    result = run_import(api, aws, token, "customers", content, "c.xlsx")

    assert result["status"] == "rejected"
    assert "4 行 × 9 列" in result["message"] and "超过上限：最多20个单元格" in result["message"]
    assert "拆分" in result["message"] and "CSV" in result["message"]


def test_a_dry_run_reports_the_counts_and_writes_nothing(api, aws, tenant):
    tenant_id, token = tenant
    result = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(5)), dry_run=True)

    assert result["status"] == "completed" and result["dry_run"] and result["counts"]["new"] == 5
    assert customer_store.all_of(tenant_id) == {}


def test_a_dry_run_is_marked_as_one_and_never_says_it_stored_anything(api, aws, tenant):
    _, token = tenant
    content = csv_file(ORDER_HEADER, *order_rows(3, customer="C09999"))

    dry = run_import(api, aws, token, "orders", content, dry_run=True)
    listed = api.get("/api/imports", token=token).data["items"][0]

    assert dry["status"] == "completed" and dry["counts"]["warnings"] == 3
    assert listed["dry_run"] and listed["status_label"] == dry["status_label"] == "试运行通过（未写入）"
    assert dry["message"] == "试运行通过，未写入任何数据。正式导入预计：新增 3，将暂存（客户未导入） 3"
    texts = [issue["message"] for issue in dry["warnings"]]
    assert texts[0] == "C09999：客户编码尚未导入，正式导入时订单将暂存（试运行，未写入）；导入该客户后自动关联"
    assert not any("已暂存" in text for text in texts)


def test_orders_seen_before_are_skipped_in_the_file_and_across_imports(api, aws, tenant):
    tenant_id, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(1)))
    first = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(10), *order_rows(2)))
    second = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(15)))

    assert (first["counts"]["new"], first["counts"]["skipped"]) == (10, 2)
    assert (second["counts"]["new"], second["counts"]["skipped"]) == (5, 10)
    assert len(OrderStore(tenant_id).read_orders()) == 15


def test_orders_of_unknown_customers_are_parked_and_attached_when_the_customer_is_imported(api, aws, tenant):
    tenant_id, token = tenant
    orders = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(4, customer="C00002")))
    customers = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(2)))

    assert orders["status"] == "completed" and orders["counts"]["warnings"] == 4
    assert orders["warnings"][0]["column"] == "客户编码"
    assert customers["counts"]["attached"] == 4
    assert OrderStore(tenant_id).parked() == {}


def test_a_rolled_back_order_batch_disappears_and_cannot_be_rolled_back_twice(api, aws, tenant):
    tenant_id, token = tenant
    kept = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(3)))
    dropped = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(4, start=100)))

    answer = api.post(f"/api/imports/{dropped['import_id']}/rollback", token=token)
    again = api.post(f"/api/imports/{dropped['import_id']}/rollback", token=token)

    assert answer.status_code == 200 and answer.data["status"] == "rolled_back"
    assert again.status_code == 409
    assert len(OrderStore(tenant_id).read_orders()) == 3
    assert kept["can_rollback"] and not answer.data["can_rollback"]
    logged = [(e.action, e.detail) for e in AuditModel.query(f"tenant#{tenant_id}") if e.action == "回滚订单导入"]
    assert logged == [("回滚订单导入", f"{dropped['filename']}（移除订单 4 条）")]  # once, though clicked twice


def test_the_same_event_delivered_twice_imports_once(api, aws, tenant):
    tenant_id, token = tenant
    started = start(api, token, "orders", "orders.csv")
    put_upload(started, csv_file(ORDER_HEADER, *order_rows(5)))
    from chalicelib.adapters.aws import client
    from chalicelib.events.imports import handle_message

    message = client("sqs").receive_message(QueueUrl=aws.queues["ImportQueue"])["Messages"][0]
    handle_message(message["Body"], None)
    handle_message(message["Body"], None)

    assert job(api, token, started["import_id"])["counts"]["new"] == 5
    assert len(OrderStore(tenant_id).batches()) == 1


def test_an_import_waits_while_another_import_of_the_tenant_holds_the_lease_then_runs(api, aws, tenant):
    from chalicelib.adapters import locks
    from chalicelib.adapters.aws import client
    from chalicelib.events.imports import handle_message

    tenant_id, token = tenant
    run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(3)))
    locks.acquire(f"import#{tenant_id}", "another-import", 600)
    started = start(api, token, "orders", "o.csv")
    put_upload(started, csv_file(ORDER_HEADER, *order_rows(5)))
    body = client("sqs").receive_message(QueueUrl=aws.queues["ImportQueue"])["Messages"][0]["Body"]

    handle_message(body, None)  # busy: sent again, delayed, as a new message (the queue deletes this one)
    assert job(api, token, started["import_id"])["status"] == "queued"
    locks.release(f"import#{tenant_id}", "another-import")
    handle_message(body, None)  # the same work, once the lease is free

    done = job(api, token, started["import_id"])
    assert (done["status"], done["counts"]["new"], done["counts"]["skipped"]) == ("completed", 2, 3)
    assert len(OrderStore(tenant_id).read_orders()) == 5


def test_a_failed_write_is_retried_and_a_final_failure_leaves_no_customer_behind(api, aws, tenant, monkeypatch):
    from chalicelib.adapters.aws import client
    from chalicelib.events.imports import handle_message

    tenant_id, token = tenant
    original = customer_store.put_many
    calls = []

    def flaky(tenant, rows, on_written=None, chunk=500):
        calls.append(len(rows))
        if len(calls) == 1:
            original(tenant, rows[:2], on_written)  # half written, then DynamoDB gives up
            raise RuntimeError("ProvisionedThroughputExceededException")
        return original(tenant, rows, on_written)

    monkeypatch.setattr(customer_store, "put_many", flaky)
    started = start(api, token, "customers", "c.csv")
    put_upload(started, csv_file(CUSTOMER_HEADER, *customer_rows(4)))
    body = client("sqs").receive_message(QueueUrl=aws.queues["ImportQueue"])["Messages"][0]["Body"]

    with pytest.raises(RuntimeError):
        handle_message(body, None, receive_count=1)
    assert customer_store.all_of(tenant_id) == {}  # the half-written rows were taken back
    assert job(api, token, started["import_id"])["status"] == "running"
    handle_message(body, None, receive_count=2)

    assert job(api, token, started["import_id"])["counts"]["new"] == 4
    assert len(customer_store.all_of(tenant_id)) == 4


def test_an_erp_drop_is_imported_once_and_appears_in_the_history(api, aws, tenant):
    from chalicelib import config
    from chalicelib.adapters.aws import client

    tenant_id, token = tenant
    key = f"drop/{tenant_id}/customers/nightly 2026-03-01.csv"
    client("s3").put_object(Bucket=config.upload_bucket(), Key=key, Body=csv_file(CUSTOMER_HEADER, *customer_rows(3)))
    deliver(aws)

    history = api.get("/api/imports", token=token).data
    assert history["total"] == 1
    assert history["items"][0]["source"] == "drop" and history["items"][0]["counts"]["new"] == 3


def test_an_xlsx_upload_is_read_like_a_csv(api, aws, tenant):
    from tests.integration.import_helpers import xlsx_file

    tenant_id, token = tenant
    content = xlsx_file(["订单编号", "客户编码", "下单时间", "订单金额"], ["SO1", "C00001", "2026-03-01 10:00", "¥1,280.50"])

    result = run_import(api, aws, token, "orders", content, filename="订单.xlsx")

    assert result["status"] == "completed", result
    assert OrderStore(tenant_id).read_orders()["amount_fen"].tolist() == [128050]


def test_a_tenant_sees_none_of_another_tenants_imports_or_customers(api, aws):
    _, token_a = approved_tenant(api, seed=1)
    _, token_b = approved_tenant(api, seed=2)
    result = run_import(api, aws, token_a, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(2)))

    assert api.get(f"/api/imports/{result['import_id']}", token=token_b).status_code == 404
    assert api.post(f"/api/imports/{result['import_id']}/rollback", token=token_b).status_code == 404
    assert api.get("/api/imports", token=token_b).data["total"] == 0
    assert api.get("/api/customers", token=token_b).data["total"] == 0


def test_the_template_downloads_as_an_xlsx_with_the_chinese_headers(api):
    response = api.client.http.get("/api/templates/orders", headers={
        "Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})

    book = openpyxl.load_workbook(io.BytesIO(response.body))
    assert response.status_code == 200
    assert [cell.value for cell in book.worksheets[0][1]] == ["订单编号", "客户编码", "下单时间", "订单金额", "门店"]


def test_the_lambda_sqs_handler_runs_the_import_the_queued_event_names(api, aws, tenant):
    from chalicelib.adapters.aws import client

    tenant_id, token = tenant
    started = start(api, token, "customers", "c.csv")
    put_upload(started, csv_file(CUSTOMER_HEADER, *customer_rows(2)))
    body = client("sqs").receive_message(QueueUrl=aws.queues["ImportQueue"])["Messages"][0]["Body"]

    api.client.lambda_.invoke("import_worker", api.client.events.generate_sqs_event(
        message_bodies=[body], queue_name="jzyx-dev-imports"))

    assert job(api, token, started["import_id"])["counts"]["new"] == 2


def test_an_oversized_drop_is_refused_with_the_limit_and_reads_nothing(api, aws, tenant, monkeypatch):
    from chalicelib import config
    from chalicelib.adapters.aws import client

    tenant_id, token = tenant
    monkeypatch.setenv("IMPORT_MAX_BYTES", "1000")
    client("s3").put_object(Bucket=config.upload_bucket(), Key=f"drop/{tenant_id}/orders/big.csv",
                            Body=csv_file(ORDER_HEADER, *order_rows(100)))
    deliver(aws)

    refused = api.get("/api/imports", token=token).data["items"][0]
    assert refused["status"] == "rejected" and "超过上限" in refused["message"]
    assert OrderStore(tenant_id).batches() == []


def test_a_file_that_is_not_what_its_extension_says_is_rejected_with_a_clear_message(api, aws, tenant):
    _, token = tenant
    result = run_import(api, aws, token, "orders", b"PK\x03\x04 not really a workbook", filename="orders.csv")

    assert result["status"] == "rejected" and "扩展名不符" in result["message"]


def test_the_customer_table_matches_dynamodb_after_imports_and_is_rebuilt_when_missing(api, aws, tenant):
    from chalicelib import config
    from chalicelib.adapters.aws import client
    from chalicelib.adapters.customer_table import CustomerTable
    from chalicelib.domain.customer_records import records

    tenant_id, token = tenant
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(5)))
    run_import(api, aws, token, "customers", csv_file("客户编码,客户名称", "C00002,改名", "C00009,新客户"))

    in_dynamodb = list(customer_store.all_of(tenant_id).values())
    assert records(CustomerTable(tenant_id).read()) == in_dynamodb
    table_objects = client("s3").list_objects_v2(Bucket=config.data_bucket(), Prefix=f"customers/{tenant_id}/table/")
    client("s3").delete_objects(Bucket=config.data_bucket(),
                                Delete={"Objects": [{"Key": o["Key"]} for o in table_objects["Contents"]]})
    assert records(CustomerTable(tenant_id).read()) == in_dynamodb
    assert api.get("/api/customers?q=改名", token=token).data["total"] == 1


def test_an_object_bigger_than_a_part_is_uploaded_in_parts_and_reads_back_whole(aws, monkeypatch):
    monkeypatch.setattr(objects, "PART_BYTES", 5 * 1024 * 1024)  # the smallest part S3 takes
    chunks = [bytes([n]) * 1_000_000 for n in range(12)]

    objects.write_parts(config.data_bucket(), "jobs/t/i/errors.csv", iter(chunks), "text/csv")

    assert objects.read(config.data_bucket(), "jobs/t/i/errors.csv") == b"".join(chunks)
    assert objects.head(config.data_bucket(), "jobs/t/i/errors.csv")["ContentType"] == "text/csv"
