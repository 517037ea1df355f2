"""Database faults never spread (issue 21, D1, D7, D10): a hung PostgreSQL (SIGSTOP), a port that never answers, an
SQLite file deleted or replaced under a running store.

The SIGSTOP test starts a PostgreSQL cluster of its own with ``.ci/pg.sh`` (so stopping it disturbs no other
test) and needs Debian's PostgreSQL binaries; without them it is skipped, under ``CI`` it fails.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from components.store import database as store

ROOT = Path(__file__).resolve().parents[1]
ONE = pd.DataFrame({"month": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"), "tonnes": [1.0]})
UPLOADED = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def test_a_port_that_accepts_but_never_answers_fails_within_the_connect_timeout():
    # a listening socket nobody accepts from: the kernel completes the handshake, the "server" never speaks
    with socket.socket() as hole:
        hole.bind(("127.0.0.1", 0))
        hole.listen(16)
        port = hole.getsockname()[1]
        db = store.Store(f"postgresql+psycopg://u:p@127.0.0.1:{port}/db")
        t0 = time.monotonic()
        with pytest.raises(store.StoreUnavailable):
            db.save_scenario("x", {}, owner="o")
        first = time.monotonic() - t0
        t1 = time.monotonic()
        with pytest.raises(store.StoreUnavailable):
            db.load_scenario("A" * 30)
        second = time.monotonic() - t1
        db.close()
    # connect_timeout = 2 s, and the caller never waits more than CALL_WAIT = 3 s
    assert first < store.CALL_WAIT + 0.5 and second < store.CALL_WAIT + 0.5


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return found[-1] if found else None


@pytest.fixture(scope="module")
def own_pg():
    """A PostgreSQL cluster for this module alone: (url, postmaster pid)."""
    if _pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries missing: .ci/run installs them")
        pytest.skip("no PostgreSQL binaries (apt-get install -y postgresql)")
    folder = tempfile.mkdtemp(prefix="corridor-hang-pg.")
    os.chmod(folder, 0o755)
    cluster = f"{folder}/cluster"
    url = subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg.sh"), "start", cluster], check=True, capture_output=True, text=True
    ).stdout.strip()
    pid = int(Path(cluster, "data", "postmaster.pid").read_text().split()[0])
    yield url, pid
    _signal_tree(pid, signal.SIGCONT)
    subprocess.run(["bash", str(ROOT / ".ci" / "pg.sh"), "stop", cluster], check=False)
    os.rmdir(folder)


def _children(pid: int) -> list[int]:
    out = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.split("/")[2]))
    return out


def _signal_tree(pid: int, sig: int) -> None:
    """The postmaster and its backends, each by its own pid (all started by this module's cluster)."""
    for p in [pid, *_children(pid)]:
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass


def test_a_stopped_postgresql_fails_saves_quickly_then_at_once_and_recovers(own_pg):
    url, pid = own_pg
    db = store.Store(url)
    kept = db.save_scenario("before", {"a": 1.0}, owner="o")  # connected and migrated: the pool holds a connection
    _signal_tree(pid, signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        with pytest.raises(store.StoreUnavailable):
            db.save_scenario("during", {"a": 2.0}, owner="o")
        first = time.monotonic() - t0
        t1 = time.monotonic()
        with pytest.raises(store.StoreUnavailable):
            db.load_scenario(kept)
        with pytest.raises(store.StoreUnavailable):
            db.recent("o")
        after = time.monotonic() - t1
        other = store.Store(url, migrate=False)  # another session's store (a fresh connection): the connect times out
        t2 = time.monotonic()
        assert other.ping(wait=1.0) is False
        ping = time.monotonic() - t2
    finally:
        _signal_tree(pid, signal.SIGCONT)
    # the caller waits CALL_WAIT = 3 s at most; while that call is stuck the next ones fail at once
    assert first < store.CALL_WAIT + 0.5, first
    assert after < 0.2, after
    assert ping < 1.5, ping
    deadline = time.monotonic() + 30
    while True:  # the stuck call returns once the server runs again; then the store works
        try:
            db.save_scenario("after", {"a": 3.0}, owner="o")
            break
        except store.StoreUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    names = {r.label for r in db.recent("o")}
    # the save the caller was told had failed was rolled back, not committed late
    assert names == {"before", "after"}, names
    db.close()
    other.close()


def test_sessions_rerun_within_a_second_and_a_save_says_unavailable_while_postgresql_is_stopped(own_pg, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url, pid = own_pg
    monkeypatch.setenv("CORRIDOR_DB_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.switch_page("components/app/pages/projections.py")  # the page with the recent list: it reads the database
    at.run()
    at.text_input(key="save_scenario_name").set_value("before the stop").run()
    at.button(key="save-scenario").click().run()  # this browser now has an owner key and a recent list to read
    assert not at.exception and any("before the stop" in m.value.replace("\\", "") for m in at.markdown)
    other = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)  # a session that never saves
    other.run()
    _signal_tree(pid, signal.SIGSTOP)
    try:
        times = []
        for _ in range(3):
            t0 = time.monotonic()
            at.run()
            times.append(time.monotonic() - t0)
            assert not at.exception
        t0 = time.monotonic()
        other.run()
        overview = time.monotonic() - t0
        assert not other.exception
        at.text_input(key="save_scenario_name").set_value("during the stop").run()
        t0 = time.monotonic()
        at.button(key="save-scenario").click().run()
        save = time.monotonic() - t0
        notices = [w.value for w in at.warning]
    finally:
        _signal_tree(pid, signal.SIGCONT)
    # the recent list waits 0.5 s for the database once; then every call fails at once while that one is stuck
    assert times[0] < 1.5 and max(times[1:]) < 1.0, times
    assert overview < 1.0, overview
    assert save < store.CALL_WAIT + 1.0, save
    assert any("Saving is unavailable" in n and "Your scenario is unchanged" in n for n in notices), notices
    assert len(at.sidebar.slider) > 0  # the sidebar is still there


def test_a_deleted_sqlite_file_is_recreated_and_reported(tmp_path, caplog):
    path = tmp_path / "store.sqlite3"
    db = store.Store(f"sqlite:///{path}")
    old = db.save_scenario("old", {}, owner="o")
    path.unlink()  # deleted under the running store (its WAL and shared memory files too)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    with caplog.at_level("WARNING", logger="corridor.store"):
        new = db.save_scenario("new", {}, owner="o")
    assert path.exists() and db.reopened == 1
    assert any(getattr(r, "event", "") == "db_file_deleted" for r in caplog.records)
    # the save went to the new file, which a fresh store reads
    fresh = store.Store(f"sqlite:///{path}")
    assert fresh.load_scenario(new).name == "new"
    with pytest.raises(store.NotFound):
        fresh.load_scenario(old)
    db.close()
    fresh.close()


def test_a_replaced_sqlite_file_is_reopened(tmp_path):
    path, other = tmp_path / "store.sqlite3", tmp_path / "restored.sqlite3"
    db = store.Store(f"sqlite:///{path}")
    before = db.save_scenario("before", {}, owner="o")
    backup = store.Store(f"sqlite:///{other}")
    kept = backup.save_scenario("from the backup", {}, owner="o")
    backup.close()
    os.replace(other, path)  # an operator restores a backup over the live file
    assert db.load_scenario(kept).name == "from the backup" and db.reopened == 1
    with pytest.raises(store.NotFound):  # the old file's write-ahead log was not replayed into the restored file
        db.load_scenario(before)
    db.close()


def test_sqlite_waits_two_seconds_for_a_lock_not_five(tmp_path):
    path = tmp_path / "store.sqlite3"
    db = store.Store(f"sqlite:///{path}")
    db.migrate()
    locker = sa.create_engine(f"sqlite:///{path}")
    with locker.connect() as c:
        c.exec_driver_sql("BEGIN IMMEDIATE")  # holds the write lock
        t0 = time.monotonic()
        with pytest.raises(store.StoreUnavailable):
            db.save_scenario("x", {}, owner="o")
        took = time.monotonic() - t0
        c.exec_driver_sql("ROLLBACK")
    assert 1.5 < took < store.CALL_WAIT + 0.5, took  # busy timeout 2 s
    db.close()


def test_a_link_whose_load_fails_keeps_its_id_so_a_reload_retries(tmp_path, monkeypatch, caplog):
    caplog.set_level("INFO", logger="corridor.store")
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "store.sqlite3"
    saved = store.Store(f"sqlite:///{path}")
    item = saved.save_actuals(ONE, "a.csv", b"a", UPLOADED, "2", owner="o")
    saved.close()
    with socket.socket() as hole:  # the database does not answer
        hole.bind(("127.0.0.1", 0))
        hole.listen(16)
        monkeypatch.setenv("CORRIDOR_DB_URL", f"postgresql+psycopg://u:p@127.0.0.1:{hole.getsockname()[1]}/db")
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        at.query_params["actuals"] = item
        at.run()
        assert not at.exception
        assert at.query_params["actuals"] == item  # still in the address
        assert any("cannot be opened now" in w.value for w in at.warning)
        tries = len([r for r in caplog.records if getattr(r, "event", "") == "load_failed"])
        at.run()  # the same session does not try (and wait on) the database again; a new session (reload) does
        assert len([r for r in caplog.records if getattr(r, "event", "") == "load_failed"]) == tries == 1
        assert at.query_params["actuals"] == item
    monkeypatch.delenv("CORRIDOR_DB_URL")
    monkeypatch.setenv("CORRIDOR_DB_PATH", str(path))  # the database is back: a reload (a new session) opens it
    again = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    again.query_params["actuals"] = item
    again.switch_page("components/app/pages/projections.py")
    again.run()
    assert not again.exception
    assert again.query_params["actuals"] == item
    # the escaped name, in the language's quotes (‘a\.csv’ in English, «a\.csv» in Russian)
    assert any("‘a\\.csv’" in m.value or "«a\\.csv»" in m.value for m in again.markdown), [
        m.value for m in again.markdown
    ]
