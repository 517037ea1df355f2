"""Saved actuals and named scenarios: the only code that speaks SQL (SQLAlchemy 2, Core).

An embedded SQLite file by default (:func:`default_url`); one URL switches to PostgreSQL, which replicas share
(``CORRIDOR_DB_URL``, or ``[connections.sql] url`` in ``.streamlit/secrets.toml`` read by the UI layer).

- **Ids** are ``secrets.token_urlsafe(22)``: 176 random bits, so an item cannot be guessed or listed. Nothing is
  listed without its id, except :meth:`Store.recent`, the items one browser saved or opened (its ``owner`` key,
  a hash of a per-browser token the UI passes in).
- **Schema version** in ``schema_version``; :meth:`Store.migrate` applies every step from the version found to
  :data:`SCHEMA_VERSION`. A fresh database runs the same steps from 0, so the upgrade path is the tested path.
- **Limits**: months a series (:data:`MAX_SERIES_ROWS`), bytes an item (:data:`MAX_ITEM_BYTES`), items an hour per
  browser (:data:`MAX_ITEMS_PER_HOUR`), items in all (``CORRIDOR_DB_MAX_ITEMS``).
- **Errors**: every failure is a :class:`StoreError` (:class:`StoreUnavailable`, :class:`StoreFull`,
  :class:`LimitExceeded`, :class:`NotFound`); the UI turns each into a message and the dashboard keeps working
  without saving.

Pure: no Streamlit import. CLI: ``python -m components.store.database init|stats|purge --days N``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import math
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

ENV_URL = "CORRIDOR_DB_URL"
ENV_PATH = "CORRIDOR_DB_PATH"
ENV_MAX_ITEMS = "CORRIDOR_DB_MAX_ITEMS"
SCHEMA_VERSION = 2
ID_BYTES = 22  # 176 bits of randomness; token_urlsafe gives 30 characters
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
MAX_SERIES_ROWS = 1200  # months in one saved series (as the parser's row limit)
MAX_ITEM_BYTES = 256 * 1024  # JSON of one saved item [bytes]
MAX_NAME_CHARS = 120
MAX_ITEMS_PER_HOUR = 30  # saves per browser per hour
MAX_ITEMS_DEFAULT = 100_000  # items in the whole database
RECENT_LIMIT = 12
KINDS = ("actuals", "scenario")


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
    seconds. SQLite: 5 s busy timeout, usable from Streamlit's threads. PostgreSQL: 3 s connect timeout,
    5 s statement timeout, pre-ping, a small pool.

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
    if backend == "sqlite":
        return {"connect_args": {"timeout": 5, "check_same_thread": False}}
    args = {"connect_timeout": 3, "options": "-c statement_timeout=5000"} if backend == "postgresql" else {}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10, "connect_args": args}


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
        5,000 ms busy timeout).
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
        cur.execute("PRAGMA busy_timeout=5000")
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


class Store:
    """Saved actuals and scenarios in one database.

    Parameters
    ----------
    engine_or_url : sqlalchemy.Engine or str
        An engine (e.g. ``st.connection("sql").engine``) or a URL.
    max_items : int, optional
        Items the database may hold in all (default ``CORRIDOR_DB_MAX_ITEMS`` or 100,000).
    migrate : bool
        Bring the schema to :data:`SCHEMA_VERSION` on first use.
    """

    def __init__(self, engine_or_url: sa.Engine | str, max_items: int | None = None, migrate: bool = True):
        self.engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else configure(engine_or_url)
        self.max_items = max_items or int(os.environ.get(ENV_MAX_ITEMS) or MAX_ITEMS_DEFAULT)
        self._migrated = not migrate
        self._lock = threading.Lock()

    @property
    def dialect(self) -> str:
        """The engine's SQL dialect name.

        Returns
        -------
        str
            ``"sqlite"`` or ``"postgresql"`` (the engine's ``dialect.name``).
        """
        return self.engine.dialect.name

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
        try:
            with self.engine.connect() as c:
                if not sa.inspect(c).has_table("schema_version"):
                    return 0
                return int(c.execute(sa.select(sa.func.max(T_VERSION.c.version))).scalar() or 0)
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc

    def migrate(self, to: int = SCHEMA_VERSION) -> int:
        """Apply every schema step from the version found up to ``to``; returns the version reached.

        One transaction per step; PostgreSQL holds an advisory lock so replicas starting together do not race.

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
                return have
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc

    def _ready(self) -> None:
        if not self._migrated:
            with self._lock:
                if not self._migrated:
                    self.migrate()
                    self._migrated = True

    # saving -----------------------------------------------------------------------------------------------------
    def _admit(self, c: sa.Connection, owner: str | None) -> None:
        """Refuse a save over the per-browser hourly limit or when the database holds its maximum."""
        total = sum(c.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in _TABLE.values())
        if total >= self.max_items:
            raise StoreFull(f"{total} items, the limit is {self.max_items}")
        if owner:
            since = _now() - dt.timedelta(hours=1)
            n = sum(
                c.execute(
                    sa.select(sa.func.count()).select_from(t).where(t.c.owner == owner, t.c.created_at >= since)
                ).scalar()
                for t in _TABLE.values()
            )
            if n >= MAX_ITEMS_PER_HOUR:
                raise LimitExceeded("rate", MAX_ITEMS_PER_HOUR)

    def _remember(self, c: sa.Connection, owner: str | None, item_id: str, kind: str, label: str) -> None:
        if not owner:
            return
        c.execute(T_RECENT.delete().where(T_RECENT.c.owner == owner, T_RECENT.c.item_id == item_id))
        c.execute(
            T_RECENT.insert().values(owner=owner, item_id=item_id, kind=kind, label=label[:MAX_NAME_CHARS], at=_now())
        )

    def _write(self, fn):
        self._ready()
        try:
            with self.engine.begin() as c:
                return fn(c)
        except StoreError:
            raise
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc

    def save_actuals(
        self,
        series: pd.DataFrame,
        file_name: str,
        data: bytes,
        uploaded_at: dt.datetime,
        parser_version: str,
        counted: str | None = None,
        owner: str | None = None,
    ) -> str:
        """Save a parsed monthly series with its file's name, size and SHA-256; returns the new id.

        Parameters
        ----------
        series : pandas.DataFrame
            ``month`` and ``tonnes`` [t/month] as counted.
        file_name : str
        data : bytes
            The original file (only its size and SHA-256 are kept).
        uploaded_at : datetime.datetime
        parser_version : str
        counted : str, optional
            Which rows were counted.
        owner : str, optional
            :func:`owner_key` of the browser (hourly limit, recent list).

        Returns
        -------
        str
            The new item's id (:func:`new_id`).

        Raises
        ------
        LimitExceeded, StoreFull, StoreUnavailable
            More than :data:`MAX_SERIES_ROWS` months, more than :data:`MAX_ITEM_BYTES` [bytes], or over the
            hourly limit; the database at its item limit or full; the database failed.
        """
        if len(series) > MAX_SERIES_ROWS:
            raise LimitExceeded("rows", MAX_SERIES_ROWS)
        text = series_json(series)
        if len(text.encode()) + len((counted or "").encode()) > MAX_ITEM_BYTES:
            raise LimitExceeded("bytes", MAX_ITEM_BYTES)
        name = (file_name or "upload")[:MAX_NAME_CHARS]
        item_id = new_id()
        row = dict(
            id=item_id,
            file_name=name,
            file_size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_at=_utc(uploaded_at),
            parser_version=parser_version,
            series=text,
            created_at=_now(),
            counted=counted,
            owner=owner,
        )

        def run(c):
            self._admit(c, owner)
            c.execute(T_ACTUALS.insert().values(**row))
            self._remember(c, owner, item_id, "actuals", name)
            return item_id

        return self._write(run)

    def save_scenario(self, name: str, fields: dict, owner: str | None = None) -> str:
        """Save a named scenario (``fields``: every Scenario field and value); returns the new id.

        Parameters
        ----------
        name : str
            The scenario's name, 1 to :data:`MAX_NAME_CHARS` characters after stripping.
        fields : dict
            Every Scenario field and its value (in the field's unit).
        owner : str, optional
            :func:`owner_key` of the browser (hourly limit, recent list).

        Returns
        -------
        str
            The new item's id (:func:`new_id`).

        Raises
        ------
        LimitExceeded, StoreFull, StoreUnavailable
            Empty or too long a name, more than :data:`MAX_ITEM_BYTES` [bytes], or over the hourly limit; the
            database at its item limit or full; the database failed.
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

        return self._write(run)

    # loading ----------------------------------------------------------------------------------------------------
    def _row(self, kind: str, item_id: str):
        item_id = _check_id(item_id)
        self._ready()
        t = _TABLE[kind]
        try:
            with self.engine.connect() as c:
                row = c.execute(sa.select(t).where(t.c.id == item_id)).mappings().first()
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc
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
            Deleted, unknown or malformed id; the database failed.
        """
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
        )

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
            Deleted, unknown or malformed id; the database failed.
        """
        r = self._row("scenario", item_id)
        return SavedScenario(r["id"], r["name"], json.loads(r["fields"]), _utc(r["created_at"]))

    def delete(self, kind: str, item_id: str) -> None:
        """Delete an item: its data goes, a tombstone stays so its link says "deleted". Unknown ids: NotFound.

        Parameters
        ----------
        kind : str
            ``"actuals"`` or ``"scenario"`` (:data:`KINDS`).
        item_id : str
            The item's id.

        Raises
        ------
        NotFound, StoreUnavailable, StoreFull
            Already deleted, unknown or malformed id; the database failed.
        """
        item_id = _check_id(item_id)
        t = _TABLE[kind]
        blank = {"series": "[]"} if kind == "actuals" else {"fields": "{}"}

        def run(c):
            done = c.execute(
                t.update().where(t.c.id == item_id, t.c.deleted_at.is_(None)).values(deleted_at=_now(), **blank)
            ).rowcount
            c.execute(T_RECENT.delete().where(T_RECENT.c.item_id == item_id))
            if not done:
                exists = c.execute(sa.select(t.c.id).where(t.c.id == item_id)).first()
                raise NotFound("deleted" if exists else "unknown")

        self._write(run)

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

    def recent(self, owner: str | None, limit: int = RECENT_LIMIT) -> list[RecentItem]:
        """Items this browser saved or opened, newest first (nothing without an owner key).

        Parameters
        ----------
        owner : str or None
            :func:`owner_key` of the browser.
        limit : int, default RECENT_LIMIT
            Most items returned [items].

        Returns
        -------
        list of RecentItem
            ``id``, ``kind``, ``label`` and ``at`` (UTC), newest first.

        Raises
        ------
        StoreUnavailable, StoreFull
            The database failed.
        """
        if not owner:
            return []
        self._ready()
        try:
            with self.engine.connect() as c:
                rows = (
                    c.execute(
                        sa.select(T_RECENT).where(T_RECENT.c.owner == owner).order_by(T_RECENT.c.at.desc()).limit(limit)
                    )
                    .mappings()
                    .all()
                )
        except sa_exc.SQLAlchemyError as exc:
            raise _classify(exc) from exc
        return [RecentItem(r["item_id"], r["kind"], r["label"], _utc(r["at"])) for r in rows]

    # operations -------------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        """Items and tombstones per kind (for operators; not shown to users).

        Returns
        -------
        dict
            ``actuals``, ``scenario``, ``actuals_deleted``, ``scenario_deleted`` [items].
        """
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
                blank = {"series": "[]"} if kind == "actuals" else {"fields": "{}"}
                ids = [r[0] for r in c.execute(sa.select(t.c.id).where(t.c.created_at < cut, t.c.deleted_at.is_(None)))]
                if ids:
                    n += c.execute(t.update().where(t.c.id.in_(ids)).values(deleted_at=_now(), **blank)).rowcount
                    c.execute(T_RECENT.delete().where(T_RECENT.c.item_id.in_(ids)))
            return n

        return self._write(run)


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
