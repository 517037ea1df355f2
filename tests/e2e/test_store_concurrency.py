"""20 sessions saving and reading at once through 2 replicas that share one PostgreSQL database.

Each session saves its own actuals (through ``components/store/database.py``, as the upload panel does) and at once opens
``/projections?actuals=<id>`` through nginx, speaking Streamlit's own protocol (``benchmarks/st_client.py``), so
the replica that serves it must read the item from the shared database and draw it. Every item is read back
byte-identical (the stored series JSON and the file's SHA-256) and every page shows that session's tonnes;
0 errors. Needs nginx and a PostgreSQL URL (``CORRIDOR_TEST_PG_URL``; ``.ci/run`` starts one).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from components.store import database as store
from deploy.replicas import Cluster, find_nginx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from st_client import StClient  # noqa: E402

pytestmark = pytest.mark.e2e
SESSIONS = 20
PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")


@pytest.fixture(scope="module")
def cluster():
    missing = [
        why
        for ok, why in (
            (find_nginx(), "nginx (apt-get install -y nginx)"),
            (PG_URL, "PostgreSQL (CORRIDOR_TEST_PG_URL; .ci/run starts one)"),
        )
        if not ok
    ]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"missing under CI: {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)}")
    with Cluster(replicas=2, log=lambda *a: None, db_url=PG_URL, env={"CORRIDOR_TODAY": "2026-11-25"}) as c:
        yield c


def _series(i: int) -> pd.DataFrame:
    # session i: Jan-Dec 2025 at (i + 1) x 1,000 t a month plus a fraction that only survives an exact round trip
    return pd.DataFrame(
        {
            "month": pd.date_range("2025-01-01", periods=12, freq="MS").astype("datetime64[ns]"),
            "tonnes": [(i + 1) * 1000 + k / 3 for k in range(12)],
        }
    )


def test_twenty_sessions_save_and_read_through_two_replicas(cluster):
    db = store.Store(PG_URL)
    db.migrate()
    errors: list[str] = []
    start = len(cluster.access_log())

    async def session(i: int) -> tuple[str, dict]:
        series, data = _series(i), f"file of session {i}".encode()
        item = await asyncio.to_thread(
            db.save_actuals,
            series,
            f"s{i}.csv",
            data,
            dt.datetime.now(dt.UTC),
            "2",
            None,
            store.owner_key(f"browser-{i}"),
        )
        back = await asyncio.to_thread(db.load_actuals, item)
        if (
            store.series_json(back.series) != store.series_json(series)
            or back.sha256 != hashlib.sha256(data).hexdigest()
        ):
            errors.append(f"session {i}: item {item} read back differently")
        async with StClient(cluster.url) as c:
            run = await c.open("projections", f"actuals={item}")
            errors.extend(f"session {i}: {e}" for e in run.errors)
            return item, run.metrics

    async def main():
        return await asyncio.gather(*(session(i) for i in range(SESSIONS)), return_exceptions=True)

    # In a thread of its own: the session's Playwright browser keeps an event loop running in this thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, main()).result()
    errors += [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    assert errors == []
    for i, (item, metrics) in enumerate(results):
        # the page drew session i's own actuals: 12 x (i + 1) x 1,000 t + (0 + 1 + ... + 11) / 3 = 22 t more,
        # shown rounded to 0.1 kt, so 12.0 kt ... 240.0 kt (written "12 kt" ... "240 kt")
        assert metrics.get("Tonnes in 2025 so far") == f"{12 * (i + 1)}\u00a0kt", (i, item, metrics)
    served = set(cluster.served_by(start))
    assert served == {r.addr for r in cluster.replicas}, served  # both replicas served sessions
