"""What reading an xlsx at the sheet limits costs (issue 9, item 15).

    python -m bench.xlsx_limits            # builds the files once (bench/.cache/), then measures
    python -m bench.xlsx_limits --small    # a hundredth of the cells, for a quick look

(a) a customer sheet just under both limits: MAX_CELLS - 10 cells (1,048,575 rows x 10 columns)
    and sheet XML just under MAX_CELLS x XML_BYTES_PER_CELL bytes, read and validated;
(b) a sheet whose XML inflates to about 1 GB at a ratio under the zip-bomb guard (200), refused;
(c) shared-string amplification: one shared string of 32,767 characters named by 3 million cells
    (distinct references, so the ratio stays under the guard; within both limits above), which
    calamine would copy into every cell (~300 GB): refused;
(d) a customer sheet at the cell limit as Excel saves it: every text a shared string (codes,
    names, mobile numbers, ID numbers, addresses unique per row), birthdays as date numbers.
(e) at both the cell limit and the shared-text limit: 10 cells a row (客户编码 and nine ignored
    columns) naming the row's own entry of 48 ASCII characters (64 bytes with markup: just under
    MAX_CELLS x 64 bytes counted); valid, so only reading and validating are measured.
(f) at the cell limit, every row invalid: the customer columns of (a), all rows naming the same
    bad shared strings (one code repeated on every row, a name and region of 51 characters, a
    short mobile, an unknown gender, a birthday before 1900, a bad ID number, a 21-character tag,
    an unknown consent): ten errors a row, read + validate + the error file + the issues stored.
    python -m bench.xlsx_limits --cases c d   # only these
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

from bench._sheet_xml import column_letters, shared_cell, write_workbook

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


def amplifying_rows(rows: int, columns: int = 3):
    """Every cell names shared string 0."""
    for n in range(1, rows + 1):
        cells = "".join(shared_cell(f"{column_letters(j)}{n}", 0) for j in range(1, columns + 1))
        yield f'<row r="{n}">{cells}</row>'.encode()


def _id_number(first17: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


class SharedCustomers:
    """Customer rows as Excel writes them, and the shared strings they name, in the order Excel
    numbers them (first use): header, then each row's new texts."""
    REGIONS = [f"{province}/{city}" for province in ("浙江省", "江苏省", "广东省", "山东省", "四川省")
               for city in ("杭州市", "宁波市", "温州市", "南京市", "苏州市", "广州市", "深圳市", "成都市")]
    HEADER = HEADER[:-1] + ["地址"]

    def __init__(self, rows: int):
        self.rows, self.strings, self.index = rows, [], {}

    def _name(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def row_xml(self):
        yield self._row(1, [self._name(text) for text in self.HEADER], numbers=())
        for n in range(2, self.rows + 1):
            texts = [f"C{n:08d}", f"{'王李张刘陈杨黄赵'[n % 8]}{'秀英建国志强丽娟'[n % 7]}{'华明芳军'[n % 4]}",
                     f"138{n % 100_000_000:08d}", "女男"[n % 2], "", self.REGIONS[n % len(self.REGIONS)],
                     _id_number(f"330106{19_600_101 + n % 40 * 10_000 + n % 12 * 100 + n % 28}{n % 1000:03d}"),
                     ("会员", "VIP", "慢病")[n % 3], "是否"[n % 5 == 0],
                     f"{self.REGIONS[n % 40].replace('/', '')}文三路{n % 997}号华星科技大厦{n % 30 + 1}楼{n % 50 + 1}室"]
            values = [self._name(text) for text in texts]
            values[4] = 31_199 + n % 9_000  # birthday: a date number, not a string
            yield self._row(n, values, numbers=(4,))

    @staticmethod
    def _row(number: int, values: list[int], numbers: tuple) -> bytes:
        cells = "".join(f'<c r="{column_letters(j + 1)}{number}" s="1"><v>{value}</v></c>' if j in numbers
                        else shared_cell(f"{column_letters(j + 1)}{number}", value) for j, value in enumerate(values))
        return f'<row r="{number}">{cells}</row>'.encode()


BUDGET_HEADER = ["客户编码"] + [f"备注{n}" for n in range(1, 10)]


def budget_rows(rows: int):
    yield SharedCustomers._row(1, list(range(len(BUDGET_HEADER))), numbers=())
    for n in range(2, rows + 1):
        yield SharedCustomers._row(n, [len(HEADER) + n - 2] * len(HEADER), numbers=())


def budget_strings(rows: int):
    yield from BUDGET_HEADER
    for n in range(2, rows + 1):
        yield f"{n:08d}" * 6


BAD_CUSTOMER = ["C1", "名" * 51, "1381234", "未知", "1800-01-01", "区" * 51, "123", "标" * 21, "也许", "备注"]


def invalid_rows(rows: int):
    """Every data row names the same bad texts (shared strings 10-19, after the header's 0-9)."""
    yield SharedCustomers._row(1, list(range(len(HEADER))), numbers=())
    bad = list(range(len(HEADER), 2 * len(HEADER)))
    for n in range(2, rows + 1):
        yield SharedCustomers._row(n, bad, numbers=())


def build(small: bool, cases: str = "abcdef") -> dict[str, Path]:
    from chalicelib.domain.import_spec import MAX_CELLS
    from chalicelib.domain.table_reader.sheet_size import XML_BYTES_PER_CELL

    scale = 100 if small else 1
    CACHE.mkdir(exist_ok=True)
    files = {case: CACHE / f"limits-{case}-{scale}.xlsx" for case in cases}
    rows = MAX_CELLS // scale // len(HEADER) - 1
    # Fill each row to just under the sheet XML the limit allows: the longest row (the last) sets the note
    row_budget = (MAX_CELLS // scale * XML_BYTES_PER_CELL - 4096) // rows
    note = row_budget - len(next(customer_rows(rows, 0, start=rows)))
    if "a" in files and not files["a"].exists():
        write_workbook(str(files["a"]), customer_rows(rows, note), f"A1:J{rows}", "客户", level=1)
    if "b" in files and not files["b"].exists():
        write_workbook(str(files["b"]), inflating_rows(1024 ** 3 // scale), None, "客户", level=6)
    if "c" in files and not files["c"].exists():
        write_workbook(str(files["c"]), amplifying_rows(rows), f"A1:C{rows}", "客户", shared=["长" * 32_767])
    if "d" in files and not files["d"].exists():
        customers = SharedCustomers(rows)
        # the sheet first (it numbers the strings), then the strings: two passes over a temporary sheet
        sheet = CACHE / "limits-d-sheet.tmp"
        with sheet.open("wb") as out:
            out.writelines(customers.row_xml())
        with sheet.open("rb") as xml:
            write_workbook(str(files["d"]), iter(lambda: xml.read(1 << 22), b""), f"A1:J{rows}", "客户",
                           shared=customers.strings)
        sheet.unlink()
    if "e" in files and not files["e"].exists():
        write_workbook(str(files["e"]), budget_rows(rows), f"A1:J{rows}", "客户", shared=budget_strings(rows))
    if "f" in files and not files["f"].exists():
        write_workbook(str(files["f"]), invalid_rows(rows), f"A1:J{rows}", "客户", shared=HEADER + BAD_CUSTOMER)
    return files


def measure(path: Path, max_cells: int) -> dict:
    from itertools import islice

    from chalicelib.domain.customer_rows import validate_customers
    from chalicelib.domain.error_file import error_file_chunks
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
        outcome = f"read {len(table):,} rows in {read_seconds:.1f} s, {len(validated.errors):,} errors"
        if validated.errors:  # what services/imports/runner.py does with a rejected file
            # as the worker does, chunk by chunk (objects.write_parts holds one 8 MiB part; here none)
            chunks, extension, _ = error_file_chunks(table, validated.errors)
            size = sum(len(chunk) for chunk in chunks)
            stored = json.dumps([issue.to_dict() for issue in islice(validated.errors, 10_000)], ensure_ascii=False)
            outcome += (f"; error file {size / 1e6:,.0f} MB {extension}, issues stored {len(stored) / 1e6:.1f} MB"
                        f" in {time.perf_counter() - started:.1f} s")
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
    parser.add_argument("--cases", nargs="*", default=list("abcdef"), choices=list("abcdef"))
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.max_cells)))
        return
    from chalicelib.domain.import_spec import MAX_CELLS

    max_cells = MAX_CELLS // (100 if args.small else 1)
    for name, path in build(args.small, "".join(args.cases)).items():
        import zipfile

        sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
        result = _child(path, max_cells)
        print(f"({name}) {path.name}: {path.stat().st_size / 1e6:,.1f} MB file, sheet XML {sheet.file_size / 1e6:,.0f} MB "
              f"(ratio {sheet.file_size / sheet.compress_size:.0f}), limit {max_cells:,} cells")
        print(f"    {result['seconds']:.2f} s; peak RSS {result['peak_mb']:,.0f} MB (after imports {result['base_mb']:,.0f} MB, "
              f"after reading {result['read_peak_mb']:,.0f} MB; worker has {WORKER_MB:,} MB); {result['outcome'][:160]}")


if __name__ == "__main__":
    main()
