"""Owners, not link holders (issue 21, D2, D3, D9), in the store: only the saving browser deletes; live items and
the hourly save rate are counted apart, and deleting frees room; the owner cookie is signed with a key every
replica shares. On SQLite always, on PostgreSQL when ``CORRIDOR_TEST_PG_URL`` names one (as tests/test_store.py).
"""

from __future__ import annotations

import pytest

from components.store import database as store
from tests.test_store import db, url  # noqa: F401 - the same fixtures (SQLite, PostgreSQL)


def test_only_the_saving_browser_deletes_and_a_viewer_only_opens(db):  # noqa: F811
    mine = db.save_scenario("mine", {"a": 1.0}, owner="me")
    for who in ("viewer", None, ""):
        with pytest.raises(store.NotOwner):
            db.delete("scenario", mine, who)
    assert db.load_scenario(mine).name == "mine"  # still there for everyone with the link
    assert db.owns("scenario", mine, "me") and not db.owns("scenario", mine, "viewer")
    db.delete("scenario", mine, "me")
    with pytest.raises(store.NotFound) as err:
        db.load_scenario(mine)
    assert err.value.reason == "deleted"


def test_the_recent_list_says_which_items_this_browser_owns(db):  # noqa: F811
    mine = db.save_scenario("mine", {}, owner="me")
    theirs = db.save_scenario("theirs", {}, owner="them")
    db.remember("me", theirs, "scenario", "theirs")  # opened from their link
    got = {r.id: r.owned for r in db.recent("me")}
    assert got == {mine: True, theirs: False}
    db.forget("me", theirs)  # off my list; the item stays
    assert [r.id for r in db.recent("me")] == [mine] and db.load_scenario(theirs).name == "theirs"


def test_deleting_frees_a_browsers_room_but_not_its_hourly_saves(db, monkeypatch):  # noqa: F811
    monkeypatch.setattr(store, "MAX_LIVE_PER_OWNER", 3)
    monkeypatch.setattr(store, "MAX_ITEMS_PER_HOUR", 5)
    ids = [db.save_scenario(f"s{i}", {}, owner="me") for i in range(3)]
    with pytest.raises(store.LimitExceeded) as err:  # 3 live items: the browser's room is full
        db.save_scenario("s3", {}, owner="me")
    assert err.value.what == "live"
    db.delete("scenario", ids[0], "me")  # 2 live: room for one more
    db.save_scenario("s3", {}, owner="me")  # 4th save this hour
    db.delete("scenario", ids[1], "me")  # 2 live again
    db.save_scenario("s4", {}, owner="me")  # 5th save this hour
    db.delete("scenario", ids[2], "me")
    with pytest.raises(store.LimitExceeded) as err:  # room for 1 more, but 5 saves this hour: the rate holds
        db.save_scenario("s5", {}, owner="me")
    assert err.value.what == "rate"
    db.save_scenario("other", {}, owner="other")  # another browser is not held back


def test_deleted_items_do_not_count_against_the_databases_limit(url):  # noqa: F811
    small = store.Store(url, max_items=2)
    a = small.save_scenario("a", {}, owner="o")
    small.save_scenario("b", {}, owner="o")
    with pytest.raises(store.StoreFull):
        small.save_scenario("c", {}, owner="o")
    small.delete("scenario", a, "o")
    small.save_scenario("c", {}, owner="o")  # the tombstone does not hold a place
    small.close()


def test_the_owner_cookie_is_signed_and_every_replica_reads_it(url):  # noqa: F811
    one, two = store.Store(url), store.Store(url)  # two replicas on one database
    token = store.new_id()
    cookie = one.sign_owner(token)
    assert two.verify_owner(cookie) == token  # the key is in the database, not in one process
    sig = cookie.split(".")[1]
    flipped = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    forged = [f"{token}.{flipped}", f"{store.new_id()}.{sig}", token, "", None, f"{token}.{sig}.x", "a.b"]
    assert all(two.verify_owner(f) is None for f in forged)
    one.close()
    two.close()


def test_another_deployments_cookie_is_not_accepted(tmp_path):
    here, there = store.Store(f"sqlite:///{tmp_path}/a.sqlite3"), store.Store(f"sqlite:///{tmp_path}/b.sqlite3")
    token = store.new_id()
    assert here.verify_owner(there.sign_owner(token)) is None  # each database made its own random key
    here.close()
    there.close()
