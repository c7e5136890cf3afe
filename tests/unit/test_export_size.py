"""The size rule of exports: up to the limit the file comes back at once, beyond it a job builds it."""
import io

import openpyxl

from chalicelib.domain.export_size import JOB_MAX_ROWS, percent, runs_as_job
from chalicelib.domain.xlsx_stream import xlsx_chunks


def test_an_export_runs_as_a_job_only_beyond_the_limit():
    assert not runs_as_job(0, 20_000)
    assert not runs_as_job(20_000, 20_000)
    assert runs_as_job(20_001, 20_000)


def test_a_job_holds_at_most_what_one_excel_sheet_holds():
    assert JOB_MAX_ROWS + 1 == 1_048_576


def test_progress_runs_from_start_to_upload_and_never_past_it():
    assert [percent(n, 4) for n in range(5)] == [5, 27, 50, 72, 95]
    assert percent(9, 4) == 95 and percent(0, 0) == 95


def test_a_workbook_built_in_batches_holds_every_row_in_order():
    rows = [(f"C{n:05d}", "客户", n, n / 2, None) for n in range(25)]
    data = b"".join(xlsx_chunks("外呼名单", ("编码", "姓名", "数", "半", "空"), [rows[:10], rows[10:20], rows[20:]]))
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = list(book.active.values)
    assert book.sheetnames == ["外呼名单"] and values[0] == ("编码", "姓名", "数", "半", "空")
    assert values[1:] == rows


def test_an_empty_export_is_a_header_row():
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_chunks("空", ("a", "b"), []))))
    assert list(book.active.values) == [("a", "b")]
