"""Saved actuals and named scenarios: the only code that speaks SQL (SQLAlchemy 2, Core).

An embedded SQLite file by default (:func:`default_url`); one URL switches to PostgreSQL, which replicas share
(``CORRIDOR_DB_URL``, or ``[connections.sql] url`` in ``.streamlit/secrets.toml`` read by the UI layer).

- **Ids** are ``secrets.token_urlsafe(22)``: 176 random bits, so an item cannot be guessed or listed. Nothing is
  listed without its id, except :meth:`Store.recent`, the items one browser saved or opened (its ``owner`` key,
  a hash of a per-browser token the UI passes in).
- **Schema version** in ``schema_version``; :meth:`Store.migrate` applies every step from the version found to
  :data:`SCHEMA_VERSION`. A fresh database runs the same steps from 0, so the upgrade path is the tested path.
- **Limits**: months a series (:data:`MAX_SERIES_ROWS`), bytes an item (:data:`MAX_ITEM_BYTES`), saves an hour per
  browser (:data:`MAX_ITEMS_PER_HOUR`, from ``save_log``), live items per browser (:data:`MAX_LIVE_PER_OWNER`) and
  live items in all (``CORRIDOR_DB_MAX_ITEMS``); deleting frees live room, not the hour's saves.
- **Owners**: only the browser that saved an item deletes it (:class:`NotOwner` for anyone else); a browser is its
  signed owner cookie (:meth:`Store.sign_owner`, :meth:`Store.verify_owner`, key in ``app_key``).
- **Faults**: 2 s connect, statement, lock and busy timeouts; every call on a worker thread with a bounded wait
  (:data:`CALL_WAIT`), failing at once while an earlier call is stuck; a replaced or deleted SQLite file is reopened.
- **Errors**: every failure is a :class:`StoreError` (:class:`StoreUnavailable`, :class:`StoreFull`,
  :class:`LimitExceeded`, :class:`NotFound`); the UI turns each into a message and the dashboard keeps working
  without saving.

Pure: no Streamlit import. CLI: ``python -m components.store.database init|stats|purge --days N``.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import logging
import math
import os
import queue
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

ENV_URL = "CORRIDOR_DB_URL"
ENV_PATH = "CORRIDOR_DB_PATH"
ENV_MAX_ITEMS = "CORRIDOR_DB_MAX_ITEMS"
SCHEMA_VERSION = 4
ID_BYTES = 22  # 176 bits of randomness; token_urlsafe gives 30 characters
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
MAX_SERIES_ROWS = 1200  # months in one saved series (as the parser's row limit)
MAX_ITEM_BYTES = 256 * 1024  # JSON of one saved item [bytes]
MAX_NAME_CHARS = 120
MAX_ITEMS_PER_HOUR = 30  # saves per browser per hour (deleting does not give a save back)
MAX_LIVE_PER_OWNER = 200  # items one browser keeps at once (deleting frees room)
MAX_ITEMS_DEFAULT = 100_000  # items in the whole database
RECENT_LIMIT = 12
KINDS = ("actuals", "scenario")
#: Database timeouts [s]: connecting, one statement, SQLite's wait for a lock, a pooled connection.
DB_TIMEOUT = 2.0
#: How long a caller waits for a database call before it says "unavailable" [s] (the timeouts above, plus slack:
#: a stopped server never enforces its own statement timeout, so the caller's wait is the bound that holds).
CALL_WAIT = 3.0
#: After a call timed out, calls fail at once for this long while it is still stuck [s] (then one probes again).
FAIL_FAST = 10.0
#: Threads that talk to the database (never Streamlit's event loop, never more than the pool's connections).
WORKERS = 8
OWNER_COOKIE = "corridor_owner"
KEY_WAIT = 1.0  # seconds a page load waits for the owner cookie's key when the process has not read it yet [s]
_log = logging.getLogger("corridor.store")


# --- errors ---------------------------------------------------------------------------------------------------------


class StoreError(Exception):
    """Anything that stops a save or a load. ``code`` names it for the UI's message."""

    code = "unavailable"


class StoreUnavailable(StoreError):
    """The database cannot be reached or answered with an error (down, locked, misconfigured)."""

    code = "unavailable"


class StoreFull(StoreError):
    """The database (or its disk) is full, or holds its maximum number of items."""

    code = "full"


class LimitExceeded(StoreError):
    """A per-item or per-hour limit. ``what``: ``"rows"``, ``"bytes"``, ``"rate"`` or ``"name"``; ``limit``."""

    code = "limit"

    def __init__(self, what: str, limit: int):
        self.what, self.limit = what, limit
        super().__init__(f"{what} over the limit of {limit}")


class NotOwner(StoreError):
    """Deleting needs the owner token of the browser that saved the item; a viewer can only open it."""

    code = "not_owner"


class NotFound(StoreError):
    """No item behind an id. ``reason``: ``"deleted"``, ``"unknown"`` (never existed or mistyped) or
    ``"malformed"`` (not an id this store gives out: a tampered link)."""

    code = "not_found"

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


# --- what is saved --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedActuals:
    """An uploaded series as saved.

    Attributes
    ----------
    id : str
    series : pandas.DataFrame
        ``month`` (datetime64, first of month) and ``tonnes`` [t/month], as counted when saved.
    file_name : str
    file_size : int
        Size of the original file [bytes].
    sha256 : str
        SHA-256 of the original file (hex).
    uploaded_at : datetime.datetime
        When the file was uploaded (UTC).
    parser_version : str
    counted : str or None
        Which rows were counted (e.g. the directions chosen), as the UI described it.
    created_at : datetime.datetime
        When it was saved (UTC).
    detail : str or None
        What the app keeps beside the series (its own JSON, opaque here: the rows by direction, the choice, the
        sheet); None for items saved before schema 4.
    """

    id: str
    series: pd.DataFrame
    file_name: str
    file_size: int
    sha256: str
    uploaded_at: dt.datetime
    parser_version: str
    counted: str | None
    created_at: dt.datetime
    detail: str | None = None


@dataclass(frozen=True)
class SavedScenario:
    """A named scenario: ``fields`` maps every Scenario field to its value."""

    id: str
    name: str
    fields: dict
    created_at: dt.datetime


@dataclass(frozen=True)
class RecentItem:
    id: str
    kind: str
    label: str
    at: dt.datetime
    owned: bool = False  # saved by this browser (it may delete it); otherwise only opened here


# --- configuration --------------------------------------------------------------------------------------------------


def default_path() -> Path:
    """Where the SQLite file lives unless told: ``CORRIDOR_DB_PATH``, else ``$XDG_DATA_HOME/corridor-dashboard/``.

    Returns
    -------
    pathlib.Path
        Path of the SQLite file (``store.sqlite3`` under the data folder, ``~/.local/share`` without
        ``XDG_DATA_HOME``); not created here.
    """
    if os.environ.get(ENV_PATH):
        return Path(os.environ[ENV_PATH]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "corridor-dashboard" / "store.sqlite3"


def default_url(configured: str | None = None) -> str:
    """The database URL: ``CORRIDOR_DB_URL``, else ``configured`` (from secrets), else the SQLite file.

    Parameters
    ----------
    configured : str, optional
        URL from the UI's secrets (``[connections.sql] url``).

    Returns
    -------
    str
        SQLAlchemy URL; ``postgresql://`` is rewritten to ``postgresql+psycopg://``.
    """
    url = os.environ.get(ENV_URL) or configured
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{default_path()}"


def engine_options(url: str) -> dict:
    """``create_engine`` keyword arguments for ``url``: short timeouts, so a database that is down answers in
    seconds. SQLite: 2 s busy timeout, usable from Streamlit's threads. PostgreSQL: 2 s connect, statement and
    lock timeouts, TCP keepalives and a 4 s TCP user timeout (a peer that stops acknowledging is dropped), pre-ping,
    a pool of at most :data:`WORKERS` connections whose checkout waits at most 2 s.

    Parameters
    ----------
    url : str
        SQLAlchemy database URL.

    Returns
    -------
    dict
        Keyword arguments for ``sqlalchemy.create_engine``: timeouts in ``connect_args`` [s; PostgreSQL's
        ``statement_timeout`` in ms], ``pool_size`` and ``max_overflow`` [connections].
    """
    backend = sa.make_url(url).get_backend_name()
    ms = int(DB_TIMEOUT * 1000)
    if backend == "sqlite":
        return {"connect_args": {"timeout": DB_TIMEOUT, "check_same_thread": False}}
    args = {}
    if backend == "postgresql":
        args = {
            "connect_timeout": max(2, round(DB_TIMEOUT)),  # libpq's minimum is 2 s
            "options": f"-c statement_timeout={ms} -c lock_timeout={ms} -c idle_in_transaction_session_timeout=10000",
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
            "tcp_user_timeout": 4000,
            "application_name": "corridor-dashboard",
        }
    return {
        "pool_pre_ping": True,
        "pool_size": WORKERS // 2,
        "max_overflow": WORKERS - WORKERS // 2,
        "pool_timeout": DB_TIMEOUT,
        "connect_args": args,
    }


def configure(engine: sa.Engine) -> sa.Engine:
    """Prepare an engine made elsewhere (e.g. by ``st.connection``): for SQLite, create the file's folder and
    use the WAL journal, so readers never wait for a writer. Idempotent.

    Parameters
    ----------
    engine : sqlalchemy.Engine
        The engine to prepare.

    Returns
    -------
    sqlalchemy.Engine
        The same engine (for SQLite with a connect listener setting WAL, ``synchronous=NORMAL`` and a
        2,000 ms busy timeout).
    """
    if engine.dialect.name != "sqlite" or getattr(engine, "_corridor_configured", False):
        return engine
    db = engine.url.database
    if db and db != ":memory:":
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(DB_TIMEOUT * 1000)}")
        cur.close()

    engine._corridor_configured = True
    return engine


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url`` with :func:`engine_options` and :func:`configure`.

    Parameters
    ----------
    url : str
        SQLAlchemy database URL.

    Returns
    -------
    sqlalchemy.Engine
    """
    return configure(sa.create_engine(url, **engine_options(url)))


def owner_key(token: str | None) -> str | None:
    """What is stored for a browser: a hash of its token (the token itself never reaches the database).

    Parameters
    ----------
    token : str or None
        The browser's token.

    Returns
    -------
    str or None
        First 40 hex digits of the SHA-256 of ``corridor-owner:<token>``; None without a token.
    """
    return hashlib.sha256(f"corridor-owner:{token}".encode()).hexdigest()[:40] if token else None


def new_id() -> str:
    """An unguessable id: 176 random bits, URL-safe.

    Returns
    -------
    str
        ``secrets.token_urlsafe(ID_BYTES)``: 30 characters of ``[A-Za-z0-9_-]``.
    """
    return secrets.token_urlsafe(ID_BYTES)


def _check_id(item_id: object) -> str:
    if not isinstance(item_id, str) or not ID_PATTERN.fullmatch(item_id):
        raise NotFound("malformed")
    return item_id


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# --- schema ---------------------------------------------------------------------------------------------------------


def _ddl(dialect: str, version: int) -> list[str]:
    """The statements that take the schema from ``version - 1`` to ``version`` (frozen: never edit a step)."""
    ts = "TIMESTAMP WITH TIME ZONE" if dialect == "postgresql" else "TIMESTAMP"
    if version == 1:
        return [
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS saved_actuals (id VARCHAR(64) PRIMARY KEY, file_name TEXT NOT NULL, "
            f"file_size BIGINT NOT NULL, sha256 CHAR(64) NOT NULL, uploaded_at {ts} NOT NULL, "
            f"parser_version TEXT NOT NULL, series TEXT NOT NULL, created_at {ts} NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS saved_scenarios (id VARCHAR(64) PRIMARY KEY, name TEXT NOT NULL, "
            f"fields TEXT NOT NULL, created_at {ts} NOT NULL)",
        ]
    if version == 2:  # deletion (a tombstone, so a deleted link says so), owners, the recent list, limits
        return [
            "ALTER TABLE saved_actuals ADD COLUMN counted TEXT",
            "ALTER TABLE saved_actuals ADD COLUMN owner VARCHAR(64)",
            f"ALTER TABLE saved_actuals ADD COLUMN deleted_at {ts}",
            "ALTER TABLE saved_scenarios ADD COLUMN owner VARCHAR(64)",
            f"ALTER TABLE saved_scenarios ADD COLUMN deleted_at {ts}",
            "CREATE INDEX IF NOT EXISTS ix_actuals_owner_created ON saved_actuals (owner, created_at)",
            "CREATE INDEX IF NOT EXISTS ix_scenarios_owner_created ON saved_scenarios (owner, created_at)",
            f"CREATE TABLE IF NOT EXISTS recent (owner VARCHAR(64) NOT NULL, item_id VARCHAR(64) NOT NULL, "
            f"kind VARCHAR(16) NOT NULL, label TEXT NOT NULL, at {ts} NOT NULL, PRIMARY KEY (owner, item_id))",
        ]
    if version == 3:  # owners (D2/D3/D9): a save log for the hourly rate, live counts, the owner cookie's key
        return [
            f"CREATE TABLE IF NOT EXISTS save_log (owner VARCHAR(64) NOT NULL, at {ts} NOT NULL)",
            "CREATE INDEX IF NOT EXISTS ix_save_log_owner_at ON save_log (owner, at)",
            "INSERT INTO save_log (owner, at) SELECT owner, created_at FROM saved_actuals WHERE owner IS NOT NULL",
            "INSERT INTO save_log (owner, at) SELECT owner, created_at FROM saved_scenarios WHERE owner IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS ix_actuals_owner_live ON saved_actuals (owner, deleted_at)",
            "CREATE INDEX IF NOT EXISTS ix_scenarios_owner_live ON saved_scenarios (owner, deleted_at)",
            "CREATE TABLE IF NOT EXISTS app_key (name VARCHAR(32) PRIMARY KEY, value VARCHAR(128) NOT NULL)",
        ]
    if version == 4:  # actuals as one object (issue 20): the rows by direction, the choice, the sheet (app's JSON)
        return ["ALTER TABLE saved_actuals ADD COLUMN detail TEXT"]
    raise ValueError(f"no schema step to version {version}")


_meta = sa.MetaData()
T_VERSION = sa.Table("schema_version", _meta, sa.Column("version", sa.Integer))
T_ACTUALS = sa.Table(
    "saved_actuals",
    _meta,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("file_name", sa.Text),
    sa.Column("file_size", sa.BigInteger),
    sa.Column("sha256", sa.String(64)),
    sa.Column("uploaded_at", sa.DateTime(timezone=True)),
    sa.Column("parser_version", sa.Text),
    sa.Column("series", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True)),
    sa.Column("counted", sa.Text),
    sa.Column("owner", sa.String(64)),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
    sa.Column("detail", sa.Text),
)
T_SCENARIOS = sa.Table(
    "saved_scenarios",
    _meta,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.Text),
    sa.Column("fields", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True)),
    sa.Column("owner", sa.String(64)),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
)
T_RECENT = sa.Table(
    "recent",
    _meta,
    sa.Column("owner", sa.String(64), primary_key=True),
    sa.Column("item_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("label", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True)),
)
T_SAVE_LOG = sa.Table("save_log", _meta, sa.Column("owner", sa.String(64)), sa.Column("at", sa.DateTime(timezone=True)))
T_KEY = sa.Table(
    "app_key", _meta, sa.Column("name", sa.String(32), primary_key=True), sa.Column("value", sa.String(128))
)
_TABLE = {"actuals": T_ACTUALS, "scenario": T_SCENARIOS}


@contextlib.contextmanager
def _file_lock(engine: sa.Engine):
    """For a SQLite file: an exclusive lock beside it while the schema changes (processes starting together)."""
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:":
        yield
        return
    with open(f"{db}.lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _classify(exc: BaseException) -> StoreError:
    """A database error as the store's own: full (SQLite SQLITE_FULL, PostgreSQL 53100/53200) or unavailable."""
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
    text = str(orig or exc).lower()
    if state in ("53100", "53200") or "database or disk is full" in text or "disk full" in text:
        return StoreFull(str(orig or exc)[:200])
    return StoreUnavailable(str(orig or exc)[:200])


# --- the store ------------------------------------------------------------------------------------------------------


def series_json(series: pd.DataFrame) -> str:
    """A monthly series as compact JSON (``[["2025-01", 1234.5], ...]``); floats round-trip exactly.

    Parameters
    ----------
    series : pandas.DataFrame
        ``month`` (first of month) and ``tonnes`` [t/month].

    Returns
    -------
    str
        JSON list of ``[YYYY-MM, tonnes]`` pairs [t/month].

    Raises
    ------
    ValueError
        If a tonnage is NaN or infinite (``allow_nan=False``).
    """
    rows = [[f"{m:%Y-%m}", float(t)] for m, t in zip(pd.to_datetime(series["month"]), series["tonnes"])]
    return json.dumps(rows, separators=(",", ":"), allow_nan=False)


def series_from_json(text: str) -> pd.DataFrame:
    """A monthly series back from :func:`series_json`.

    Parameters
    ----------
    text : str
        JSON list of ``[YYYY-MM, tonnes]`` pairs [t/month].

    Returns
    -------
    pandas.DataFrame
        ``month`` [datetime64[ns], first of month] and ``tonnes`` [t/month, float64].
    """
    rows = json.loads(text)
    return pd.DataFrame(
        {
            "month": pd.to_datetime([m + "-01" for m, _ in rows]).astype("datetime64[ns]"),
            "tonnes": pd.Series([float(t) for _, t in rows], dtype="float64"),
        }
    )


def _event(level: int, event: str, **fields: object) -> None:
    """One structured log record (``components.app.logs`` writes it as a JSON line); never personal data: no file
    or scenario names, no owner keys, ids cut to 6 characters."""
    _log.log(level, event, extra={"event": event, "fields": fields})


def _short(item_id: object) -> str:
    return str(item_id)[:6]


class _DaemonPool:
    """A fixed set of daemon worker threads (started on demand) running submitted calls into futures.

    Not ``concurrent.futures.ThreadPoolExecutor``: its threads are joined when the interpreter exits, so one call
    stuck on a hung database would hold up the process's shutdown."""

    def __init__(self, size: int, name: str):
        self.size, self.name = size, name
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn) -> cf.Future:  # noqa: ANN001
        if self._closed:
            raise RuntimeError("the database workers were stopped")
        fut: cf.Future = cf.Future()
        self._queue.put((fut, fn))
        with self._lock:
            busy = sum(1 for t in self._threads if t.is_alive())
            if busy < self.size and self._queue.qsize() > 0 and len(self._threads) < self.size:
                t = threading.Thread(target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True)
                self._threads.append(t)
                t.start()
        return fut

    def _work(self) -> None:
        while True:
            fut, fn = self._queue.get()
            if fut is None:
                return
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                fut.set_exception(exc)

    def shutdown(self) -> None:
        self._closed = True
        for _ in self._threads:
            self._queue.put((None, None))


class Store:
    """Saved actuals and scenarios in one database.

    Every database call runs on a small pool of worker threads (:data:`WORKERS`) and the caller waits at most
    :data:`CALL_WAIT` seconds: a database that hangs (a stopped server, a network that drops packets) makes a save
    or a load fail with :class:`StoreUnavailable` in seconds, and while a timed-out call is still stuck the next
    ones fail at once (for :data:`FAIL_FAST` seconds), so no page waits on a database it does not need. A save whose
    caller gave up is rolled back, not committed late.

    A SQLite file that is deleted or replaced under a running app is noticed before the next call (its inode
    changed): the engine's connections are closed, the file is opened (or created and migrated) again, and the
    event is logged and counted in :attr:`reopened`.

    Parameters
    ----------
    engine_or_url : sqlalchemy.Engine or str
        An engine (e.g. ``st.connection("sql").engine``) or a URL.
    max_items : int, optional
        Items the database may hold in all (default ``CORRIDOR_DB_MAX_ITEMS`` or 100,000).
    migrate : bool
        Bring the schema to :data:`SCHEMA_VERSION` on first use.
    wait : float, optional
        Seconds a caller waits for one call (default :data:`CALL_WAIT`).
    """

    def __init__(
        self,
        engine_or_url: sa.Engine | str,
        max_items: int | None = None,
        migrate: bool = True,
        wait: float | None = None,
    ):
        self.engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else configure(engine_or_url)
        self.max_items = max_items or int(os.environ.get(ENV_MAX_ITEMS) or MAX_ITEMS_DEFAULT)
        self.wait = CALL_WAIT if wait is None else wait
        self.reopened = 0  # times the SQLite file was found deleted or replaced and opened again
        self._migrated = not migrate
        self._lock = threading.Lock()
        self._mlock = threading.Lock()
        self._workers = _DaemonPool(WORKERS, "corridor-db")
        self._local = threading.local()
        self._stuck: set[cf.Future] = set()
        self._stuck_since = 0.0
        self._inode: tuple[int, int] | None = None
        self._keys: dict[str, bytes] = {}

    @property
    def dialect(self) -> str:
        """The engine's SQL dialect name.

        Returns
        -------
        str
            ``"sqlite"`` or ``"postgresql"`` (the engine's ``dialect.name``).
        """
        return self.engine.dialect.name

    # the guard: every call on a worker thread, bounded wait ------------------------------------------------------
    def _call(self, fn, *args, wait: float | None = None):
        """Run ``fn(*args)`` on a worker thread; wait at most ``wait`` seconds for it."""
        if getattr(self._local, "inside", False):  # already on a worker: run inline
            return fn(*args)
        with self._lock:
            self._stuck = {f for f in self._stuck if not f.done()}
            if self._stuck and time.monotonic() - self._stuck_since < FAIL_FAST:
                raise StoreUnavailable("the database did not answer a moment ago")
        wait = self.wait if wait is None else wait
        deadline = time.monotonic() + wait

        def job():
            self._local.inside, self._local.deadline = True, deadline
            try:
                self._check_file()
                return fn(*args)
            finally:
                self._local.inside = False

        try:
            fut = self._workers.submit(job)
        except RuntimeError as exc:  # the pool was shut down
            raise StoreUnavailable(str(exc)) from None
        try:
            return fut.result(timeout=wait)
        except cf.TimeoutError:
            if not fut.cancel():
                with self._lock:
                    self._stuck.add(fut)
                    self._stuck_since = time.monotonic()
            _event(logging.WARNING, "db_timeout", wait_s=wait, dialect=self.dialect)
            raise StoreUnavailable(f"no answer within {wait:.1f} s") from None

    def _late(self) -> bool:
        """On a worker: the caller has stopped waiting (a write then rolls back instead of committing)."""
        return time.monotonic() > getattr(self._local, "deadline", float("inf"))

    def _file(self) -> str | None:
        db = self.engine.url.database if self.dialect == "sqlite" else None
        return None if not db or db == ":memory:" or db.startswith("file:") else str(Path(db).expanduser())

    def _check_file(self) -> None:
        """SQLite: reopen (and recreate) the file if it was deleted or replaced since it was opened."""
        path = self._file()
        if path is None or self._inode is None:
            return
        try:
            st = os.stat(path)
            now = (st.st_dev, st.st_ino)
        except FileNotFoundError:
            now = None
        if now == self._inode:
            return
        if self.engine.pool.checkedin():  # an old connection: empty the old file's WAL into it, so that the WAL
            # (a file beside it, found by name) is not replayed into the new file when that is opened
            with contextlib.suppress(Exception), self.engine.connect() as c:
                c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()  # the old connections write to the unlinked file: close them
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._migrated = False
        self._inode = None
        self.reopened += 1
        _event(logging.WARNING, "db_file_replaced" if now else "db_file_deleted", reopened=self.reopened)

    def _note_file(self) -> None:
        path = self._file()
        if path is not None:
            with contextlib.suppress(OSError):
                st = os.stat(path)
                self._inode = (st.st_dev, st.st_ino)

    # schema ---------------------------------------------------------------------------------------------------
    def version(self) -> int:
        """The schema version the database holds (0: empty).

        Returns
        -------
        int
            Highest version in ``schema_version``; 0 when the table is missing or empty.

        Raises
        ------
        StoreUnavailable, StoreFull
            The database failed.
        """

        def run():
            try:
                with self.engine.connect() as c:
                    if not sa.inspect(c).has_table("schema_version"):
                        return 0
                    return int(c.execute(sa.select(sa.func.max(T_VERSION.c.version))).scalar() or 0)
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc

        return self._call(run)

    def migrate(self, to: int = SCHEMA_VERSION) -> int:
        """Apply every schema step from the version found up to ``to``; returns the version reached.

        One transaction for all steps; PostgreSQL holds an advisory lock so replicas starting together do not race.

        Parameters
        ----------
        to : int, default SCHEMA_VERSION
            Schema version to reach.

        Returns
        -------
        int
            The version reached (the version found, when it is already ``to`` or later).

        Raises
        ------
        StoreUnavailable, StoreFull
            The database failed.
        """
        return self._call(self._migrate, to)

    def _migrate(self, to: int = SCHEMA_VERSION) -> int:
        try:
            with _file_lock(self.engine), self.engine.begin() as c:
                if self.dialect == "postgresql":
                    c.execute(sa.text("SELECT pg_advisory_xact_lock(4217215)"))
                have = 0
                if sa.inspect(c).has_table("schema_version"):
                    have = int(c.execute(sa.select(sa.func.max(T_VERSION.c.version))).scalar() or 0)
                for step in range(have + 1, to + 1):
                    for stmt in _ddl(self.dialect, step):
                        c.execute(sa.text(stmt))
                    c.execute(T_VERSION.delete())
                    c.execute(T_VERSION.insert().values(version=step))
                    have = step
            self._note_file()
            return have
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc

    def _ready(self) -> None:
        if not self._migrated:
            with self._mlock:
                if not self._migrated:
                    self._migrate()
                    self._migrated = True
        elif self._inode is None:
            self._note_file()

    # saving -----------------------------------------------------------------------------------------------------
    def _admit(self, c: sa.Connection, owner: str | None) -> None:
        """Refuse a save when the database holds its maximum of live items, or over a browser's hourly rate or
        its live items. Deleted items count for neither the total nor the browser's live items; the rate counts
        saves (a deletion does not give one back)."""
        total = sum(
            c.execute(sa.select(sa.func.count()).select_from(t).where(t.c.deleted_at.is_(None))).scalar()
            for t in _TABLE.values()
        )
        if total >= self.max_items:
            raise StoreFull(f"{total} items, the limit is {self.max_items}")
        if owner:
            since = _now() - dt.timedelta(hours=1)
            n = c.execute(
                sa.select(sa.func.count())
                .select_from(T_SAVE_LOG)
                .where(T_SAVE_LOG.c.owner == owner, T_SAVE_LOG.c.at >= since)
            ).scalar()
            if n >= MAX_ITEMS_PER_HOUR:
                raise LimitExceeded("rate", MAX_ITEMS_PER_HOUR)
            live = sum(
                c.execute(
                    sa.select(sa.func.count()).select_from(t).where(t.c.owner == owner, t.c.deleted_at.is_(None))
                ).scalar()
                for t in _TABLE.values()
            )
            if live >= MAX_LIVE_PER_OWNER:
                raise LimitExceeded("live", MAX_LIVE_PER_OWNER)
            c.execute(T_SAVE_LOG.insert().values(owner=owner, at=_now()))

    def _remember(self, c: sa.Connection, owner: str | None, item_id: str, kind: str, label: str) -> None:
        if not owner:
            return
        c.execute(T_RECENT.delete().where(T_RECENT.c.owner == owner, T_RECENT.c.item_id == item_id))
        c.execute(
            T_RECENT.insert().values(owner=owner, item_id=item_id, kind=kind, label=label[:MAX_NAME_CHARS], at=_now())
        )

    def _write(self, fn):
        def run():
            self._ready()
            try:
                with self.engine.connect() as c:
                    with c.begin() as tx:
                        out = fn(c)
                        if self._late():  # the caller was told it failed: do not commit behind its back
                            tx.rollback()
                            raise StoreUnavailable("the caller stopped waiting; rolled back")
                    return out
            except StoreError:
                raise
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc

        return self._call(run)

    def save_actuals(
        self,
        series: pd.DataFrame,
        file_name: str,
        data: bytes | None,
        uploaded_at: dt.datetime,
        parser_version: str,
        counted: str | None = None,
        owner: str | None = None,
        *,
        detail: str | None = None,
        file_size: int | None = None,
        sha256: str | None = None,
    ) -> str:
        """Save a parsed monthly series with its file's name, size and SHA-256; returns the new id.

        Parameters
        ----------
        series : pandas.DataFrame
            ``month`` and ``tonnes`` [t/month] as counted.
        file_name : str
        data : bytes or None
            The original file (only its size and SHA-256 are kept); None when ``file_size`` and ``sha256`` give them.
        uploaded_at : datetime.datetime
        parser_version : str
        counted : str, optional
            Which rows were counted.
        owner : str, optional
            :func:`owner_key` of the browser (hourly rate, live items, recent list, deleting).
        detail : str, optional
            The app's own JSON kept beside the series (counted in :data:`MAX_ITEM_BYTES`).
        file_size : int, optional
            Size of the original file [bytes], when ``data`` is not given.
        sha256 : str, optional
            SHA-256 of the original file (hex), when ``data`` is not given.

        Returns
        -------
        str
            The new item's id (:func:`new_id`).

        Raises
        ------
        LimitExceeded, StoreFull, StoreUnavailable
            More than :data:`MAX_SERIES_ROWS` months, more than :data:`MAX_ITEM_BYTES` [bytes], a tonnage that
            is not finite, or over the hourly rate or the browser's live items; the database at its item limit
            or full; the database failed or did not answer within :attr:`wait` [s].
        """
        if len(series) > MAX_SERIES_ROWS:
            raise LimitExceeded("rows", MAX_SERIES_ROWS)
        try:
            text = series_json(series)
        except ValueError:  # NaN or infinite tonnes: the parser refuses them, so this is a caller's bug
            _event(logging.WARNING, "save_refused", kind="actuals", reason="not_finite")
            raise LimitExceeded("value", 0) from None
        if len(text.encode()) + len((counted or "").encode()) + len((detail or "").encode()) > MAX_ITEM_BYTES:
            raise LimitExceeded("bytes", MAX_ITEM_BYTES)
        name = (file_name or "upload")[:MAX_NAME_CHARS]
        item_id = new_id()
        row = dict(
            id=item_id,
            file_name=name,
            file_size=len(data) if data is not None else int(file_size),
            sha256=hashlib.sha256(data).hexdigest() if data is not None else str(sha256),
            uploaded_at=_utc(uploaded_at),
            parser_version=parser_version,
            series=text,
            created_at=_now(),
            counted=counted,
            owner=owner,
            detail=detail,
        )

        def run(c):
            self._admit(c, owner)
            c.execute(T_ACTUALS.insert().values(**row))
            self._remember(c, owner, item_id, "actuals", name)
            return item_id

        out = self._logged("save", "actuals", lambda: self._write(run), months=len(series), bytes=row["file_size"])
        return out

    def _logged(self, event: str, kind: str, fn, **fields):
        t0 = time.monotonic()
        try:
            out = fn()
        except StoreError as err:
            _event(
                logging.WARNING,
                f"{event}_failed",
                kind=kind,
                code=err.code,
                what=getattr(err, "what", None) or getattr(err, "reason", None),
                ms=round((time.monotonic() - t0) * 1000, 1),
                **fields,
            )
            raise
        _event(
            logging.INFO,
            event,
            kind=kind,
            id=_short(out if isinstance(out, str) else getattr(out, "id", "")),
            ms=round((time.monotonic() - t0) * 1000, 1),
            **fields,
        )
        return out

    def save_scenario(self, name: str, fields: dict, owner: str | None = None) -> str:
        """Save a named scenario (``fields``: every Scenario field and value); returns the new id.

        Parameters
        ----------
        name : str
            The scenario's name, 1 to :data:`MAX_NAME_CHARS` characters after stripping.
        fields : dict
            Every Scenario field and its value (in the field's unit).
        owner : str, optional
            :func:`owner_key` of the browser (hourly rate, live items, recent list, deleting).

        Returns
        -------
        str
            The new item's id (:func:`new_id`).

        Raises
        ------
        LimitExceeded, StoreFull, StoreUnavailable
            Empty or too long a name, more than :data:`MAX_ITEM_BYTES` [bytes], or over the hourly rate or the
            browser's live items; the database at its item limit or full; the database failed or did not answer.
        """
        name = (name or "").strip()
        if not name or len(name) > MAX_NAME_CHARS:
            raise LimitExceeded("name", MAX_NAME_CHARS)
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"), allow_nan=False)
        if len(text.encode()) > MAX_ITEM_BYTES:
            raise LimitExceeded("bytes", MAX_ITEM_BYTES)
        item_id = new_id()

        def run(c):
            self._admit(c, owner)
            c.execute(T_SCENARIOS.insert().values(id=item_id, name=name, fields=text, created_at=_now(), owner=owner))
            self._remember(c, owner, item_id, "scenario", name)
            return item_id

        return self._logged("save", "scenario", lambda: self._write(run))

    # loading ----------------------------------------------------------------------------------------------------
    def _row(self, kind: str, item_id: str):
        item_id = _check_id(item_id)
        t = _TABLE[kind]

        def run():
            self._ready()
            try:
                with self.engine.connect() as c:
                    return c.execute(sa.select(t).where(t.c.id == item_id)).mappings().first()
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc

        row = self._call(run)
        if row is None:
            raise NotFound("unknown")
        if row["deleted_at"] is not None:
            raise NotFound("deleted")
        return row

    def load_actuals(self, item_id: str) -> SavedActuals:
        """The saved series behind ``item_id``. Raises :class:`NotFound` (deleted, unknown, malformed).

        Parameters
        ----------
        item_id : str
            Id returned by :meth:`save_actuals`.

        Returns
        -------
        SavedActuals
            The series (``month``, ``tonnes`` [t/month]), file name, size [bytes], SHA-256 and times (UTC).

        Raises
        ------
        NotFound, StoreUnavailable, StoreFull
            Deleted, unknown or malformed id; the database failed or did not answer.
        """

        def run():
            r = self._row("actuals", item_id)
            return SavedActuals(
                r["id"],
                series_from_json(r["series"]),
                r["file_name"],
                int(r["file_size"]),
                r["sha256"],
                _utc(r["uploaded_at"]),
                r["parser_version"],
                r["counted"],
                _utc(r["created_at"]),
                r["detail"],
            )

        return self._logged("load", "actuals", run)

    def load_scenario(self, item_id: str) -> SavedScenario:
        """The named scenario behind ``item_id``. Raises :class:`NotFound` (deleted, unknown, malformed).

        Parameters
        ----------
        item_id : str
            Id returned by :meth:`save_scenario`.

        Returns
        -------
        SavedScenario
            Name, ``fields`` (each in its field's unit) and ``created_at`` (UTC).

        Raises
        ------
        NotFound, StoreUnavailable, StoreFull
            Deleted, unknown or malformed id; the database failed or did not answer.
        """

        def run():
            r = self._row("scenario", item_id)
            return SavedScenario(r["id"], r["name"], json.loads(r["fields"]), _utc(r["created_at"]))

        return self._logged("load", "scenario", run)

    def owns(self, kind: str, item_id: str, owner: str | None) -> bool:
        """True if ``owner`` saved the item (so may delete it).

        Parameters
        ----------
        kind : str
            ``"actuals"`` or ``"scenario"``.
        item_id : str
        owner : str or None
            :func:`owner_key` of the browser.

        Returns
        -------
        bool

        Raises
        ------
        StoreUnavailable, StoreFull
            The database failed or did not answer.
        """
        if not owner or not isinstance(item_id, str) or not ID_PATTERN.fullmatch(item_id):
            return False
        t = _TABLE[kind]

        def run():
            self._ready()
            try:
                with self.engine.connect() as c:
                    got = c.execute(sa.select(t.c.owner).where(t.c.id == item_id)).scalar()
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc
            return got is not None and hmac.compare_digest(got, owner)

        return self._call(run)

    def delete(self, kind: str, item_id: str, owner: str | None) -> None:
        """Delete an item: its data goes, a tombstone stays so its link says "deleted". Only the browser that
        saved it may (its ``owner`` key, from the owner token it was issued); anyone else gets :class:`NotOwner`.

        Parameters
        ----------
        kind : str
            ``"actuals"`` or ``"scenario"`` (:data:`KINDS`).
        item_id : str
            The item's id.
        owner : str or None
            :func:`owner_key` of the browser asking.

        Raises
        ------
        NotFound, NotOwner, StoreUnavailable, StoreFull
            Already deleted, unknown or malformed id; saved by another browser (or by none); the database failed.
        """
        item_id = _check_id(item_id)
        t = _TABLE[kind]
        blank = {"series": "[]", "detail": None} if kind == "actuals" else {"fields": "{}"}

        def run(c):
            row = c.execute(sa.select(t.c.owner, t.c.deleted_at).where(t.c.id == item_id)).first()
            if row is None:
                raise NotFound("unknown")
            if not owner or row.owner is None or not hmac.compare_digest(row.owner, owner):
                raise NotOwner("not saved by this browser")
            if row.deleted_at is not None:
                raise NotFound("deleted")
            c.execute(t.update().where(t.c.id == item_id).values(deleted_at=_now(), **blank))
            c.execute(T_RECENT.delete().where(T_RECENT.c.item_id == item_id))
            return item_id

        self._logged("delete", kind, lambda: self._write(run))

    def forget(self, owner: str | None, item_id: str) -> None:
        """Take an item off this browser's recent list (the item itself stays: for viewers of a link).

        Parameters
        ----------
        owner : str or None
            :func:`owner_key` of the browser.
        item_id : str

        Raises
        ------
        NotFound, StoreUnavailable, StoreFull
            Malformed id; the database failed or did not answer.
        """
        item_id = _check_id(item_id)
        if owner:
            self._write(
                lambda c: c.execute(T_RECENT.delete().where(T_RECENT.c.owner == owner, T_RECENT.c.item_id == item_id))
            )

    def remember(self, owner: str | None, item_id: str, kind: str, label: str) -> None:
        """Put an item this browser opened from a link on its recent list.

        Parameters
        ----------
        owner : str or None
            :func:`owner_key` of the browser (nothing is stored without one).
        item_id : str
            The item's id.
        kind : str
            ``"actuals"`` or ``"scenario"``.
        label : str
            Shown on the list (cut to :data:`MAX_NAME_CHARS` characters).

        Raises
        ------
        NotFound, StoreUnavailable, StoreFull
            Malformed id; the database failed.
        """
        self._write(lambda c: self._remember(c, owner, _check_id(item_id), kind, label))

    def recent(self, owner: str | None, limit: int = RECENT_LIMIT, wait: float | None = None) -> list[RecentItem]:
        """Items this browser saved or opened, newest first (nothing without an owner key).

        Parameters
        ----------
        owner : str or None
            :func:`owner_key` of the browser.
        limit : int, default RECENT_LIMIT
            Most items returned [items].
        wait : float, optional
            Seconds to wait for the database (default :attr:`wait`).

        Returns
        -------
        list of RecentItem
            ``id``, ``kind``, ``label``, ``at`` (UTC) and ``owned`` (saved by this browser), newest first.

        Raises
        ------
        StoreUnavailable, StoreFull
            The database failed or did not answer.
        """
        if not owner:
            return []

        def run():
            self._ready()
            try:
                with self.engine.connect() as c:
                    rows = (
                        c.execute(
                            sa.select(T_RECENT)
                            .where(T_RECENT.c.owner == owner)
                            .order_by(T_RECENT.c.at.desc())
                            .limit(limit)
                        )
                        .mappings()
                        .all()
                    )
                    mine = set()
                    for kind, t in _TABLE.items():
                        ids = [r["item_id"] for r in rows if r["kind"] == kind]
                        if ids:
                            q = sa.select(t.c.id).where(t.c.id.in_(ids), t.c.owner == owner)
                            mine |= {r[0] for r in c.execute(q)}
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc
            return [RecentItem(r["item_id"], r["kind"], r["label"], _utc(r["at"]), r["item_id"] in mine) for r in rows]

        return self._call(run, wait=wait)

    # the owner cookie ---------------------------------------------------------------------------------------------
    def _key(self, name: str, wait: float | None = None) -> bytes:
        """A random key kept in the database (the same for every replica), made on first use."""
        if name in self._keys:
            return self._keys[name]

        def run():
            self._ready()
            try:
                with self.engine.begin() as c:
                    got = c.execute(sa.select(T_KEY.c.value).where(T_KEY.c.name == name)).scalar()
                    if got is None:
                        with contextlib.suppress(sa_exc.IntegrityError), c.begin_nested():
                            c.execute(T_KEY.insert().values(name=name, value=secrets.token_hex(32)))
                        got = c.execute(sa.select(T_KEY.c.value).where(T_KEY.c.name == name)).scalar()
                    return bytes.fromhex(got)
            except sa_exc.SQLAlchemyError as exc:
                raise _classify(exc) from exc

        self._keys[name] = key = self._call(run, wait=wait)
        return key

    def sign_owner(self, token: str) -> str:
        """The owner cookie's value for a browser token: ``token.signature`` (HMAC-SHA-256 with the store's key).

        Parameters
        ----------
        token : str
            A random token (:func:`new_id`).

        Returns
        -------
        str
            ``<token>.<first 32 hex digits of the HMAC>``.

        Raises
        ------
        StoreUnavailable
            The key could not be read.
        """
        mac = hmac.new(self._key("owner"), token.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{token}.{mac}"

    def verify_owner(self, cookie: str | None) -> str | None:
        """The browser token inside an owner cookie this store signed; None for anything else (forged, altered,
        malformed, absent).

        Parameters
        ----------
        cookie : str or None
            The cookie's value.

        Returns
        -------
        str or None
            The token.

        Raises
        ------
        StoreUnavailable
            The key could not be read.
        """
        if not isinstance(cookie, str) or cookie.count(".") != 1:
            return None
        token, _ = cookie.split(".")
        if not ID_PATTERN.fullmatch(token):
            return None
        self._key("owner", wait=KEY_WAIT)  # a page load waits at most this long for the key, once per process
        return token if hmac.compare_digest(self.sign_owner(token), cookie) else None

    # operations -------------------------------------------------------------------------------------------------
    def ping(self, wait: float | None = None) -> bool:
        """Readiness: the database answers ``SELECT 1`` (and, for SQLite, its file is the one opened).

        Parameters
        ----------
        wait : float, optional
            Seconds to wait (default :attr:`wait`).

        Returns
        -------
        bool
            True if it answered in time.
        """

        def run():
            self._ready()
            with self.engine.connect() as c:
                return c.execute(sa.text("SELECT 1")).scalar() == 1

        try:
            return bool(self._call(run, wait=wait))
        except (StoreError, sa_exc.SQLAlchemyError):
            return False

    def stats(self) -> dict[str, int]:
        """Items and tombstones per kind (for operators; not shown to users).

        Returns
        -------
        dict
            ``actuals``, ``scenario``, ``actuals_deleted``, ``scenario_deleted`` [items].
        """

        def run():
            self._ready()
            with self.engine.connect() as c:
                out = {}
                for kind, t in _TABLE.items():
                    out[kind] = c.execute(
                        sa.select(sa.func.count()).select_from(t).where(t.c.deleted_at.is_(None))
                    ).scalar()
                    out[f"{kind}_deleted"] = c.execute(
                        sa.select(sa.func.count()).select_from(t).where(t.c.deleted_at.is_not(None))
                    ).scalar()
                return out

        return self._call(run)

    def purge(self, older_than_days: float) -> int:
        """Delete (tombstone) items saved more than ``older_than_days`` ago; returns how many.

        Parameters
        ----------
        older_than_days : float
            Age beyond which items go [days].

        Returns
        -------
        int
            Items tombstoned [items].

        Raises
        ------
        ValueError
            If ``older_than_days`` is negative or not finite.
        StoreUnavailable, StoreFull
            The database failed.
        """
        if not math.isfinite(older_than_days) or older_than_days < 0:
            raise ValueError("older_than_days must be a non-negative number")
        cut = _now() - dt.timedelta(days=older_than_days)

        def run(c):
            n = 0
            for kind, t in _TABLE.items():
                blank = {"series": "[]", "detail": None} if kind == "actuals" else {"fields": "{}"}
                ids = [r[0] for r in c.execute(sa.select(t.c.id).where(t.c.created_at < cut, t.c.deleted_at.is_(None)))]
                if ids:
                    n += c.execute(t.update().where(t.c.id.in_(ids)).values(deleted_at=_now(), **blank)).rowcount
                    c.execute(T_RECENT.delete().where(T_RECENT.c.item_id.in_(ids)))
            c.execute(T_SAVE_LOG.delete().where(T_SAVE_LOG.c.at < _now() - dt.timedelta(days=1)))
            return n

        return self._write(run)

    def close(self) -> None:
        """Stop the worker threads (without waiting for stuck ones) and close the pool's connections."""
        self._workers.shutdown()
        self.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m components.store.database init|stats|purge --days N [--url URL]``.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status (0); argparse exits with 2 on a usage error (e.g. ``purge`` without ``--days`` [days]).
    """
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m components.store.database", description="Saved items: schema and retention."
    )
    ap.add_argument("command", choices=["init", "stats", "purge"])
    ap.add_argument("--url", help=f"database URL (default: ${ENV_URL} or the SQLite file)")
    ap.add_argument("--days", type=float, help="purge: items saved more than this many days ago")
    args = ap.parse_args(argv)
    store = Store(args.url or default_url())
    if args.command == "init":
        print(f"schema version {store.migrate()} at {store.engine.url.render_as_string(hide_password=True)}")
    elif args.command == "stats":
        print(json.dumps(store.stats()))
    else:
        if args.days is None:
            ap.error("purge needs --days")
        print(f"deleted {store.purge(args.days)} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
