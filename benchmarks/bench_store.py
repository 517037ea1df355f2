"""Save and load of saved actuals on SQLite and on PostgreSQL over loopback (targets: a save or a load <= 20 ms on
SQLite, <= 50 ms on PostgreSQL, both at the 95th percentile).

    python benchmarks/bench_store.py                       # SQLite in a temp folder; PostgreSQL if a URL is given
    python benchmarks/bench_store.py --pg postgresql+psycopg://user:pw@127.0.0.1:5432/db   (or CORRIDOR_TEST_PG_URL)

A series of 120 months (10 years), as a realistic upload; median and 95th percentile of N rounds, each a new item.
A script, not a timed test: CI runs it only as a smoke test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from components.store import database as store  # noqa: E402


def bench(url: str, rounds: int) -> dict[str, float]:
    db = store.Store(url)
    db.migrate()
    series = pd.DataFrame(
        {
            "month": pd.date_range("2016-01-01", periods=120, freq="MS").astype("datetime64[ns]"),
            "tonnes": [12_345.67 + i for i in range(120)],
        }
    )
    data = b"x" * 4000
    saves, loads, ids = [], [], []
    run = secrets.token_hex(4)  # owners of this run only: the per-browser hourly limit counts earlier runs too
    for i in range(rounds):
        t = time.perf_counter()
        ids.append(
            db.save_actuals(series, "bench.csv", data, dt.datetime.now(dt.UTC), "2", owner=f"bench-{run}-{i % 10}")
        )
        saves.append((time.perf_counter() - t) * 1000)
    for item in ids:
        t = time.perf_counter()
        db.load_actuals(item)
        loads.append((time.perf_counter() - t) * 1000)
    q = lambda xs: (statistics.median(xs), sorted(xs)[int(len(xs) * 0.95) - 1])  # noqa: E731
    (s50, s95), (l50, l95) = q(saves), q(loads)
    db.engine.dispose()
    return {"save_p50": s50, "save_p95": s95, "load_p50": l50, "load_p95": l95}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg", default=os.environ.get("CORRIDOR_TEST_PG_URL"), help="PostgreSQL URL")
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    runs = {"SQLite (file, WAL)": (f"sqlite:///{tempfile.mkdtemp(prefix='bench-store-')}/store.sqlite3", 20.0)}
    if args.pg:
        runs["PostgreSQL (loopback)"] = (args.pg, 50.0)
    print("| database | save p50 / p95 (ms) | load p50 / p95 (ms) | targets |\n|---|---:|---:|---|")
    for name, (url, target) in runs.items():
        r = bench(url, args.rounds)
        ok = "met" if max(r["save_p95"], r["load_p95"]) <= target else "MISSED"
        print(
            f"| {name} | {r['save_p50']:.2f} / {r['save_p95']:.2f} | {r['load_p50']:.2f} / {r['load_p95']:.2f} "
            f"| save and load p95 <= {target:.0f}: {ok} |"
        )
    if not args.pg:
        print("(no PostgreSQL URL: pass --pg or set CORRIDOR_TEST_PG_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
