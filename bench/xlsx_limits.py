"""What reading an xlsx at the sheet limits costs (issue 9, item 15).

    python -m bench.xlsx_limits            # builds the files once (bench/.cache/), then measures
    python -m bench.xlsx_limits --small    # a hundredth of the cells, for a quick look

(a) a customer sheet just under both limits: MAX_CELLS - 10 cells (1,048,575 rows x 10 columns)
    and sheet XML just under MAX_CELLS x XML_BYTES_PER_CELL bytes, read and validated;
(b) a sheet whose XML inflates to about 1 GB at a ratio under the zip-bomb guard (200), refused.
Each runs in a fresh interpreter; the child reports its own peak RSS (getrusage ru_maxrss), and
the RSS it had after its imports, so the difference is what reading the file took.
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench._sheet_xml import column_letters, write_workbook

CACHE = Path(__file__).parent / ".cache"
HEADER = ["客户编码", "客户名称", "手机号", "性别", "生日", "地区", "身份证号", "标签", "短信同意", "备注"]
WORKER_MB = 3 * 1024


def customer_rows(rows: int, note_length: int, start: int = 2):
    """Row XML of valid customers with an ignored 备注 column padding each row's XML."""
    if start == 2:
        yield _row(1, HEADER)
    for n in range(start, rows + 1):
        note = (f"{n:08d}" * (note_length // 8 + 1))[:note_length]
        yield _row(n, [f"C{n:08d}", f"客户{n}", f"138{n % 100_000_000:08d}", "女", "1985-06-01", "浙江省/杭州市", "",
                       "会员", "是", note])


def _row(number: int, values: list) -> bytes:
    cells = "".join(f'<c r="{column_letters(j)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
                    for j, value in enumerate(values, 1))
    return f'<row r="{number}">{cells}</row>'.encode()


def inflating_rows(target_bytes: int):
    """About target_bytes of sheet XML that deflate compresses ~100 times (the guard refuses 200):
    rows of 100 cells without references, one cell in 40 a number that varies."""
    written, n = 0, 1
    while written < target_bytes:
        cells = "".join(f"<c><v>{(n * 7919 + j * 104729) % 1_000_003 if j % 40 == 0 else 1}</v></c>"
                        for j in range(1, 101))
        xml = f"<row>{cells}</row>".encode()
        written += len(xml)
        n += 1
        yield xml


def build(small: bool) -> dict[str, Path]:
    from chalicelib.domain.import_spec import MAX_CELLS
    from chalicelib.domain.table_reader.sheet_size import XML_BYTES_PER_CELL

    scale = 100 if small else 1
    CACHE.mkdir(exist_ok=True)
    files = {"a": CACHE / f"limits-a-{scale}.xlsx", "b": CACHE / f"limits-b-{scale}.xlsx"}
    rows = MAX_CELLS // scale // len(HEADER) - 1
    # Fill each row to just under the sheet XML the limit allows: the longest row (the last) sets the note
    row_budget = (MAX_CELLS // scale * XML_BYTES_PER_CELL - 4096) // rows
    note = row_budget - len(next(customer_rows(rows, 0, start=rows)))
    if not files["a"].exists():
        write_workbook(str(files["a"]), customer_rows(rows, note), f"A1:J{rows}", "客户", level=1)
    if not files["b"].exists():
        write_workbook(str(files["b"]), inflating_rows(1024 ** 3 // scale), None, "客户", level=6)
    return files


def measure(path: Path, max_cells: int) -> dict:
    from chalicelib.domain.customer_rows import validate_customers
    from chalicelib.domain.import_spec import CUSTOMERS
    from chalicelib.domain.table_reader import read_table
    from chalicelib.errors import FileRejected

    data = path.read_bytes()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    outcome, read_peak = "", 0.0
    try:
        table = read_table(data, path.name, CUSTOMERS, max_cells=max_cells)
        read_seconds = time.perf_counter() - started
        read_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        validated = validate_customers(table)
        outcome = f"read {len(table):,} rows in {read_seconds:.1f} s, {len(validated.errors)} errors"
    except FileRejected as refused:
        outcome = f"refused: {refused.message}"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "base_mb": base, "read_peak_mb": read_peak or peak, "peak_mb": peak, "outcome": outcome}


def _child(path: Path, max_cells: int) -> dict:
    command = [sys.executable, "-m", "bench.xlsx_limits", "--measure", str(path), "--max-cells", str(max_cells)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--max-cells", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.max_cells)))
        return
    from chalicelib.domain.import_spec import MAX_CELLS

    max_cells = MAX_CELLS // (100 if args.small else 1)
    for name, path in build(args.small).items():
        import zipfile

        sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
        result = _child(path, max_cells)
        print(f"({name}) {path.name}: {path.stat().st_size / 1e6:,.1f} MB file, sheet XML {sheet.file_size / 1e6:,.0f} MB "
              f"(ratio {sheet.file_size / sheet.compress_size:.0f}), limit {max_cells:,} cells")
        print(f"    {result['seconds']:.2f} s; peak RSS {result['peak_mb']:,.0f} MB (after imports {result['base_mb']:,.0f} MB, "
              f"after reading {result['read_peak_mb']:,.0f} MB; worker has {WORKER_MB:,} MB); {result['outcome'][:160]}")


if __name__ == "__main__":
    main()
