"""Time reading the heaviest 5 MB workbook the upload limits let through, against openpyxl's read-only reader.

Run ``python benchmarks/bench_upload.py`` (10 rounds; ``--rounds N``). Each round times, alternating so that both
see the same machine load: :func:`components.data.upload.parse_actuals` on the file of
``tests/test_upload.py::heaviest_workbook`` (python-calamine, since the sheet holds no formula) and the reference,
the same rows read by openpyxl's streaming reader (``upload._openpyxl_rows``, the path a workbook with a formula
takes). Prints a Markdown table of medians and maxima in ms. Target (issue 21): a 5 MB file under 1 s; this is a
benchmark, not a timed test (the test checks every month is read and the memory bound).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from test_upload import heaviest_workbook  # noqa: E402

from components.data import upload  # noqa: E402

TODAY = dt.date(2026, 11, 25)


def _ms(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    rounds = ap.parse_args().rounds
    data = heaviest_workbook()
    assert len(upload.parse_actuals(data, "five.xlsx", today=TODAY)) == 1200
    times: dict[str, list[float]] = {"parse_actuals (calamine)": [], "openpyxl read-only (reference)": []}
    for _ in range(rounds):
        times["parse_actuals (calamine)"].append(_ms(lambda: upload.parse_actuals(data, "five.xlsx", today=TODAY)))
        times["openpyxl read-only (reference)"].append(_ms(lambda: upload._openpyxl_rows(data)))
    print(f"file: {len(data) / 2**20:.2f} MiB, {rounds} rounds alternating\n")
    print("| reader | median ms | max ms | target ms |\n|---|---|---|---|")
    for name, ts in times.items():
        target = "1000" if name.startswith("parse") else "–"
        print(f"| {name} | {statistics.median(ts):.0f} | {max(ts):.0f} | {target} |")


if __name__ == "__main__":
    main()
