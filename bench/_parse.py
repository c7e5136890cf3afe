"""Order file parsing speed: naive pandas/openpyxl, raw calamine, and our reader + validator.

    python -m bench._parse --rows 1000000

Generated files are cached in bench/.cache/ (git-ignored); each measurement runs in a fresh
process so that its peak RSS is its own.
"""
import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

CACHE = Path(__file__).parent / ".cache"
HEADER = ["订单编号", "客户编码", "下单时间", "订单金额"]
NAIVE_SLICE = 100_000  # openpyxl is too slow to read a million rows in a benchmark run
TARGETS = {"xlsx": 150_000, "csv": 1_000_000}  # rows per second, parse + validate, at 1,000,000 rows


def run(rows: int = 1_000_000) -> list[str]:
    """Measure every way of reading `rows` orders; printable lines."""
    xlsx, text = order_files(rows)
    lines = [f"Orders, {rows:,} rows: {xlsx.name} {xlsx.stat().st_size / 1e6:.1f} MB, "
             f"{text.name} {text.stat().st_size / 1e6:.1f} MB (cached in bench/.cache/)"]
    naive_rows = min(rows, NAIVE_SLICE)
    # A file of its own: on the big file, read_excel(nrows=...) still spends ~12 s before the first row
    naive = _measure("naive", order_files(naive_rows)[0], naive_rows)
    scale = f"; {rows:,} rows extrapolated {naive['seconds'] * rows / naive_rows:.0f} s" if naive_rows < rows else ""
    lines.append(f"(a) pandas.read_excel(engine='openpyxl') of a {naive_rows:,}-row file: "
                 f"{naive['seconds']:.1f} s, {naive_rows / naive['seconds']:,.0f} rows/s{scale}; "
                 f"peak RSS {naive['rss_mb']:,.0f} MB")
    for label, name, path in (("(b) python-calamine raw read (load + to_python)", "calamine", xlsx),
                              ("(c) read_table + validate_orders, xlsx", "ours", xlsx),
                              ("(d) read_table + validate_orders, csv", "ours", text),
                              ("(e) for scale: pandas.read_csv(dtype=str) alone, no checks", "pandas_csv", text)):
        result = _measure(name, path, rows)
        speed = rows / result["seconds"]
        target = TARGETS.get(path.suffix[1:]) if name == "ours" else None
        verdict = f" (target {target:,}: {'met' if speed >= target else 'MISSED'})" if target else ""
        lines.append(f"{label}: {result['seconds']:.2f} s, {speed:,.0f} rows/s{verdict}; "
                     f"peak RSS {result['rss_mb']:,.0f} MB{result.get('note', '')}")
    return lines


def order_files(rows: int) -> tuple[Path, Path]:
    """The benchmark's xlsx and csv (same orders), generated once per size."""
    CACHE.mkdir(exist_ok=True)
    xlsx, text = CACHE / f"orders-{rows}.xlsx", CACHE / f"orders-{rows}.csv"
    if not xlsx.exists() or not text.exists():
        ids, codes, times, amounts = _orders(rows)
        _write_csv(text, ids, codes, times, amounts)
        _write_xlsx(xlsx, ids, codes, times, amounts)
    return xlsx, text


def _orders(rows: int):
    """Realistic orders: ~rows/5 customers with zero-padded codes, two years of times, some returns."""
    rng = np.random.default_rng(20260301)
    ids = [f"SO{20240000000 + i:011d}" for i in range(rows)]
    codes = [f"C{n:07d}" for n in rng.integers(1, max(rows // 5, 2), rows)]
    start = datetime(2024, 1, 1)
    times = [start + timedelta(seconds=int(s)) for s in np.sort(rng.integers(0, 730 * 86400, rows))]
    fen = np.round(rng.lognormal(9.5, 1.0, rows)).astype(np.int64)
    fen[rng.random(rows) < 0.02] *= -1
    return ids, codes, times, [int(f) / 100 for f in fen]


def _write_csv(path: Path, ids, codes, times, amounts) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows((i, c, f"{t:%Y-%m-%d %H:%M:%S}", f"{a:.2f}") for i, c, t, a in zip(ids, codes, times, amounts))


def _write_xlsx(path: Path, ids, codes, times, amounts) -> None:
    from openpyxl import Workbook  # write-only mode streams rows: about 25,000 rows/s here

    book = Workbook(write_only=True)
    sheet = book.create_sheet("订单")
    sheet.append(HEADER)
    for row in zip(ids, codes, times, amounts):
        sheet.append(row)
    book.save(path)


def _measure(name: str, path: Path, rows: int) -> dict:
    """Run one measurement in a fresh interpreter; its seconds and peak RSS."""
    command = [sys.executable, "-m", "bench._parse", "--measure", name, "--file", str(path), "--rows", str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _time_one(name: str, path: Path, rows: int) -> dict:
    data = path.read_bytes()
    note = ""
    if name == "naive":
        import pandas as pd
        started = time.perf_counter()
        frame = pd.read_excel(path, engine="openpyxl", nrows=rows)
    elif name == "pandas_csv":
        import io

        import pandas as pd
        started = time.perf_counter()
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    elif name == "calamine":
        import io

        import python_calamine
        started = time.perf_counter()
        frame = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    else:
        from chalicelib.domain.import_spec import ORDERS
        from chalicelib.domain.order_rows import validate_orders
        from chalicelib.domain.table_reader import read_table
        started = time.perf_counter()
        result = validate_orders(read_table(data, path.name, ORDERS))
        frame = result.frame
        note = "" if result.ok and len(frame) == rows else f" (!! {len(result.errors)} errors, {len(frame)} rows)"
    seconds = time.perf_counter() - started
    del frame
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rss_mb": rss_mb, "note": note}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--measure", choices=["naive", "calamine", "ours", "pandas_csv"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_time_one(args.measure, args.file, args.rows)))
        return
    for line in run(args.rows):
        print(line)


if __name__ == "__main__":
    main()
