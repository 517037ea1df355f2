"""Saved actuals and scenarios: round trips, schema upgrade, deletion, limits and failures, on SQLite and PostgreSQL.

SQLite runs always. PostgreSQL runs when ``CORRIDOR_TEST_PG_URL`` names a server (``.ci/run`` starts one from
Debian's package); outside CI it is skipped with the reason, under ``CI`` its absence fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from components.data import upload
from components.store import database as store

CORPUS = Path(__file__).resolve().parent / "corpus"
PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")
UPLOADED = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def _reset_pg(url: str) -> None:
    eng = sa.create_engine(url)
    with eng.begin() as c:
        for table in ("recent", "saved_actuals", "saved_scenarios", "schema_version", "save_log", "app_key"):
            c.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.sqlite3"
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CORRIDOR_TEST_PG_URL is not set: .ci/run should start PostgreSQL")
        pytest.skip("no PostgreSQL (set CORRIDOR_TEST_PG_URL, or run .ci/run, which starts one)")
    _reset_pg(PG_URL)
    return PG_URL


@pytest.fixture()
def db(url):
    s = store.Store(url)
    yield s
    s.engine.dispose()


def _corpus_series(name: str) -> tuple[bytes, pd.DataFrame]:
    data = (CORPUS / name).read_bytes()
    rows = upload.parse_actuals(data, name, today=dt.date(2026, 11, 25))
    return data, upload.monthly_totals(rows)


def test_a_saved_upload_reads_back_with_the_same_series_and_hash(db):
    data, series = _corpus_series("good_ru_1c_2026_cp1251.csv")
    item = db.save_actuals(
        series, "good_ru_1c_2026_cp1251.csv", data, UPLOADED, upload.PARSER_VERSION, counted="Китай", owner="browser-a"
    )
    got = db.load_actuals(item)
    pd.testing.assert_frame_equal(got.series, series)  # every month and every tonne, exactly
    assert got.sha256 == __import__("hashlib").sha256(data).hexdigest() and got.file_size == len(data)
    assert (got.file_name, got.parser_version, got.counted) == ("good_ru_1c_2026_cp1251.csv", "2", "Китай")
    assert got.uploaded_at == UPLOADED


def test_the_file_hash_is_sha256(db):
    # the standard test vector: SHA-256("abc")
    one = pd.DataFrame({"month": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"), "tonnes": [1.0]})
    got = db.load_actuals(db.save_actuals(one, "abc.csv", b"abc", UPLOADED, "2"))
    assert got.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_floats_survive_the_round_trip_bit_for_bit(db):
    tonnes = [0.1 + 0.2, 1 / 3, 12_345.678901234567, 5e-324, 1e300]
    s = pd.DataFrame(
        {"month": pd.date_range("2025-01-01", periods=5, freq="MS").astype("datetime64[ns]"), "tonnes": tonnes}
    )
    got = db.load_actuals(db.save_actuals(s, "f.csv", b"x", UPLOADED, "2")).series
    assert got["tonnes"].tolist() == tonnes


def test_a_named_scenario_reads_back(db):
    from dataclasses import asdict

    from components.data.scenario import Scenario

    s = Scenario.default().with_values(delay_months=6, attainment=0.8, shape="linear")
    got = db.load_scenario(db.save_scenario("Budget case", asdict(s), owner="b"))
    assert got.name == "Budget case" and Scenario(**got.fields) == s


def test_ids_are_unguessable_and_url_safe(db):
    one = pd.DataFrame({"month": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"), "tonnes": [1.0]})
    ids = {db.save_actuals(one, "a.csv", b"a", UPLOADED, "2") for _ in range(20)}
    assert len(ids) == 20
    # token_urlsafe(22): 22 random bytes = 176 bits >= 128, as 30 base64url characters
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{30}", i) for i in ids)


def test_a_deleted_id_says_deleted_and_others_say_why(db):
    item = db.save_scenario("x", {"delay_months": 1.0}, owner="o")
    db.delete("scenario", item, "o")
    with pytest.raises(store.NotFound) as err:
        db.load_scenario(item)
    assert err.value.reason == "deleted"
    assert db.recent("o") == []  # gone from the recent list too
    with pytest.raises(store.NotFound) as err:
        db.load_scenario("A" * 30)
    assert err.value.reason == "unknown"
    for tampered in ("../../etc/passwd", "x' OR '1'='1", "", "a" * 200, None):
        with pytest.raises(store.NotFound) as err:
            db.load_actuals(tampered)
        assert err.value.reason == "malformed"


def test_nothing_is_listed_without_an_id_except_this_browsers_recent(db):
    one = pd.DataFrame({"month": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"), "tonnes": [1.0]})
    a = db.save_actuals(one, "mine.csv", b"a", UPLOADED, "2", owner="me")
    s = db.save_scenario("mine", {}, owner="me")
    db.save_scenario("theirs", {}, owner="them")
    assert [(r.id, r.kind) for r in db.recent("me")] == [(s, "scenario"), (a, "actuals")]
    assert [r.label for r in db.recent("them")] == ["theirs"]
    assert db.recent(None) == [] and db.recent("nobody") == []


def test_limits_on_rows_names_and_saves_an_hour(db):
    long = pd.DataFrame(
        {"month": pd.date_range("1900-01-01", periods=store.MAX_SERIES_ROWS + 1, freq="MS"), "tonnes": 1.0}
    )
    with pytest.raises(store.LimitExceeded) as err:
        db.save_actuals(long, "long.csv", b"x", UPLOADED, "2")
    assert err.value.what == "rows"
    with pytest.raises(store.LimitExceeded):
        db.save_scenario("   ", {})
    for i in range(store.MAX_ITEMS_PER_HOUR):
        db.save_scenario(f"s{i}", {}, owner="busy")
    with pytest.raises(store.LimitExceeded) as err:
        db.save_scenario("one too many", {}, owner="busy")
    assert err.value.what == "rate"
    db.save_scenario("another browser is not held back", {}, owner="calm")


def test_a_store_at_its_item_limit_is_full(url):
    small = store.Store(url, max_items=2)
    small.save_scenario("a", {})
    small.save_scenario("b", {})
    with pytest.raises(store.StoreFull):
        small.save_scenario("c", {})


def test_a_schema_upgrade_from_version_1_keeps_the_data(url):
    old = store.Store(url, migrate=False)
    assert old.migrate(to=1) == 1 and old.version() == 1
    with old.engine.begin() as c:  # a row as version 1 wrote it: no owner, no tombstone, no 'counted'
        c.execute(
            sa.text(
                "INSERT INTO saved_actuals (id, file_name, file_size, sha256, uploaded_at, parser_version, "
                "series, created_at) VALUES (:id, 'old.csv', 3, :h, :t, '1', :s, :t)"
            ),
            {"id": "v1" + "x" * 28, "h": "0" * 64, "t": UPLOADED, "s": '[["2025-09",15000.0]]'},
        )
        c.execute(
            sa.text("INSERT INTO saved_scenarios (id, name, fields, created_at) VALUES (:id, 'old', :f, :t)"),
            {"id": "v1" + "y" * 28, "f": '{"delay_months": 6.0}', "t": UPLOADED},
        )
    new = store.Store(url)
    assert new.migrate() == store.SCHEMA_VERSION == 4 and new.version() == 4
    got = new.load_actuals("v1" + "x" * 28)
    assert got.series["tonnes"].tolist() == [15000.0] and got.series["month"].tolist() == [pd.Timestamp("2025-09-01")]
    assert (got.file_name, got.parser_version, got.counted, got.detail) == ("old.csv", "1", None, None)
    assert new.load_scenario("v1" + "y" * 28).fields == {"delay_months": 6.0}
    with pytest.raises(store.NotOwner):  # a row of version 1 has no owner: nobody may delete it from the page
        new.delete("actuals", "v1" + "x" * 28, "someone")
    new.purge(0)  # retention still removes it
    with pytest.raises(store.NotFound):
        new.load_actuals("v1" + "x" * 28)
    assert new.migrate() == 4  # running it again changes nothing


def test_a_database_that_is_down_gives_the_stores_own_error_quickly():
    import time

    down = store.Store("postgresql+psycopg://nobody:x@127.0.0.1:9/none")  # port 9 (discard): nothing listens
    start = time.monotonic()
    with pytest.raises(store.StoreUnavailable):
        down.save_scenario("x", {})
    with pytest.raises(store.StoreUnavailable):
        down.load_scenario("A" * 30)
    assert time.monotonic() - start < 10


def test_an_sqlite_file_that_cannot_be_written_is_unavailable(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = store.Store(f"sqlite:///{folder}/store.sqlite3")
    db.migrate()
    folder.chmod(0o500)
    (folder / "store.sqlite3").chmod(0o400)
    try:
        if os.geteuid() == 0:
            pytest.skip("root writes read-only files; the permission case needs a normal user")
        with pytest.raises(store.StoreUnavailable):
            store.Store(f"sqlite:///{folder}/store.sqlite3").save_scenario("x", {})
    finally:
        folder.chmod(0o700)


def test_a_full_sqlite_database_says_full(tmp_path):
    db = store.Store(f"sqlite:///{tmp_path}/full.sqlite3")
    db.migrate()

    @sa.event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn, _):
        dbapi_conn.execute("PRAGMA max_page_count = 40")  # 40 pages of 4 KiB: the "disk" is full at 160 KiB

    db.engine.dispose()
    months = pd.DataFrame(
        {
            "month": pd.date_range("1950-01-01", periods=1200, freq="MS").astype("datetime64[ns]"),
            "tonnes": [1234.5678901 + i for i in range(1200)],
        }
    )
    with pytest.raises(store.StoreFull):
        for _ in range(20):  # each series is ~30 KB of JSON
            db.save_actuals(months, "big.csv", b"x", UPLOADED, "2")


def test_retention_purges_old_items_and_leaves_tombstones(db):
    item = db.save_scenario("old", {})
    with db.engine.begin() as c:
        c.execute(store.T_SCENARIOS.update().values(created_at=UPLOADED - dt.timedelta(days=400)))
    fresh = db.save_scenario("fresh", {})
    assert db.purge(365) == 1
    with pytest.raises(store.NotFound) as err:
        db.load_scenario(item)
    assert err.value.reason == "deleted"
    assert db.load_scenario(fresh).name == "fresh"
