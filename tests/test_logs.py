"""Structured logs (issue 21, D8): saves, loads, deletes, database faults, rejected uploads and errors are JSON
lines through ``logging``, and none carries personal data (file or scenario names, cells, owner keys, full ids)."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pandas as pd
import pytest

from components.app import logs
from components.store import database as store

ONE = pd.DataFrame({"month": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"), "tonnes": [1.0]})
SECRET = "Ivanova-contract-7731"


@pytest.fixture()
def lines():
    buf = io.StringIO()
    log = logs.setup()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logs.JsonLines())
    log.addHandler(handler)
    yield lambda: [json.loads(x) for x in buf.getvalue().splitlines()]
    log.removeHandler(handler)


def test_store_events_are_json_lines_without_personal_data(tmp_path, lines):
    db = store.Store(f"sqlite:///{tmp_path}/s.sqlite3")
    owner = store.owner_key("token-of-a-browser")
    a = db.save_actuals(ONE, f"{SECRET}.csv", b"x", dt.datetime.now(dt.UTC), "2", counted=SECRET, owner=owner)
    s = db.save_scenario(SECRET, {"a": 1.0}, owner=owner)
    db.load_actuals(a)
    db.load_scenario(s)
    with pytest.raises(store.NotOwner):
        db.delete("scenario", s, "someone else")
    db.delete("scenario", s, owner)
    with pytest.raises(store.NotFound):
        db.load_scenario(s)
    db.close()
    got = lines()
    events = [(e["event"], e.get("kind")) for e in got]
    assert events == [
        ("save", "actuals"),
        ("save", "scenario"),
        ("load", "actuals"),
        ("load", "scenario"),
        ("delete_failed", "scenario"),
        ("delete", "scenario"),
        ("load_failed", "scenario"),
    ]
    assert got[4]["code"] == "not_owner" and got[6]["what"] == "deleted"
    assert all(set(e) >= {"ts", "level", "logger", "event", "ms"} for e in got)
    text = "\n".join(json.dumps(e) for e in got)
    for private in (SECRET, owner, "token-of-a-browser", a, s):  # ids appear cut to 6 characters only
        assert private not in text
    assert got[0]["id"] == a[:6]


def test_a_rejected_upload_and_an_error_are_logged_without_the_file(lines):
    logs.event("upload_rejected", logging.WARNING, code="bad_number", row=3, bytes=120, format="text")
    try:
        raise ValueError(f"cell {SECRET}")
    except ValueError:
        logging.getLogger("corridor.app").exception("page failed", extra={"event": "page_error", "fields": {}})
    got = lines()
    assert got[0] == {**got[0], "event": "upload_rejected", "level": "warning", "code": "bad_number", "row": 3}
    assert got[1]["event"] == "page_error" and got[1]["error"] == "ValueError" and got[1]["at"]
    assert SECRET not in json.dumps(got)  # the exception's message (user data) is not logged, its place is
