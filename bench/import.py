"""Import benchmarks in one run (issue 3); figures are recorded in bench/README.md.

    .venv/bin/python -m bench.import            # full size: 1M-row files, 1M vs 10M orders, 100k customers
    .venv/bin/python -m bench.import --small    # a quick look at a tenth of the sizes
"""
import argparse
import platform
import time

from bench import _customers, _orders_store, _parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="a tenth of every size")
    scale = 10 if parser.parse_args().small else 1
    print(f"bench/import.py on {platform.machine()} {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}")
    for title, lines in (
        ("parse + validate", lambda: _parse.run(rows=1_000_000 // scale)),
        ("dedupe + store orders", lambda: _orders_store.run(new=1_000_000 // scale, stored=10_000_000 // scale)),
        ("customer upsert", lambda: _customers.run(customers=100_000 // scale)),
    ):
        print(f"\n== {title}", flush=True)
        for line in lines():
            print(line, flush=True)


if __name__ == "__main__":
    main()
