"""Load and validate the cited tables of the shared network: crossings, background traffic, episodes, routes.

Files (all under ``data/``, every row cited with ``source``/``source_ru``, ``reliability`` and ``estimate``):

- ``crossings.csv``: eastbound hand-over capacity by crossing and year [trains/day], central/low/high, and Mt/yr;
- ``background.csv``: the background traffic (35 Mt in 2025, split by crossing and direction, ρ₀ calibration);
- ``background_months.csv``: the background's monthly profile (even; twelve months);
- ``episodes.csv``: China-side acceptance cuts and inspection holds, by episode and crossing (dates, depth);
- ``routes.csv``: the two paths of this flow, segment by segment [km], to Xi'an;
- ``route_nodes.csv``: the points of those paths for the map (lat, lon).

Each loader declares a :mod:`pandera` schema and raises :class:`components.data.facts.DataError` naming the file,
the row (as numbered in the file, header = row 1), the column and the rule that failed. Cross-file references are
checked: an episode's or a background row's crossing must be a crossing of ``crossings.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.data import schemas
from components.data.facts import DATA_DIR, RELIABILITY, DataError, _dates, _numbers, _read

CROSSINGS = ("dostyk", "altynkol", "bakhty")
DIRECTIONS = ("EB",)
#: Years every crossing must give, the model's horizon (Sep 2025 – Dec 2030).
YEARS = tuple(range(2025, 2031))
PATHS = ("dostyk", "altynkol")

CITE = ["source", "source_ru", "reliability", "estimate", "note"]
CROSSING_COLUMNS = ["crossing", "year", "direction", "capacity_trains_day", "capacity_low", "capacity_high"]
CROSSING_COLUMNS += ["capacity_mt", "line_trains_day", *CITE]
BACKGROUND_COLUMNS = ["id", "crossing", "value", "low", "high", "unit", *CITE]
MONTH_COLUMNS = ["month", "weight", *CITE[:-1], "note"]
EPISODE_COLUMNS = [
    "episode",
    "crossing",
    "start",
    "end",
    "repeat",
    "depth",
    "depth_low",
    "depth_high",
    "name_en",
    "name_ru",
]
EPISODE_COLUMNS += CITE
NODE_COLUMNS = ["node", "name_en", "name_ru", "lat", "lon", *CITE]
ROUTE_COLUMNS = ["path", "seq", "node_from", "node_to", "km", "km_low", "km_high", "destination", *CITE]


def _cited(extra: dict[str, pa.Column]) -> pa.DataFrameSchema:
    """Schema of a cited table: ``extra`` columns plus the citation columns every row must fill."""
    nonempty = pa.Check(lambda s: s.str.strip() != "", element_wise=False, name="not empty")
    cols = {
        "source": pa.Column(str, nonempty),
        "source_ru": pa.Column(str, nonempty),
        "reliability": pa.Column(str, pa.Check.isin(sorted(RELIABILITY))),
        "estimate": pa.Column(str, pa.Check.isin(["true", "false"])),
        "note": pa.Column(str),
    }
    return pa.DataFrameSchema({**extra, **cols}, strict=False, coerce=False)


def _validate(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str) -> None:
    """Run ``schema`` (:func:`components.data.schemas.validate`: the first failure as file, row, column and rule)."""
    schemas.validate(schema, df, file)


def _numeric(df: pd.DataFrame, file: str, columns: tuple[str, ...], required: bool = True) -> pd.DataFrame:
    return df.assign(**{c: _numbers(df, file, c, required) for c in columns})


def _bounds(df: pd.DataFrame, file: str, lo: str, mid: str, hi: str) -> None:
    bad = ~((df[lo] <= df[mid]) & (df[mid] <= df[hi]))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            file, i + 2, mid, f"need {lo} <= {mid} <= {hi}, got {df[lo].iloc[i]}, {df[mid].iloc[i]}, {df[hi].iloc[i]}"
        )


def load_crossings(path: Path | None = None) -> pd.DataFrame:
    """Dated hand-over capacity by crossing, year and direction (``data/crossings.csv``).

    Returns
    -------
    DataFrame
        ``crossing`` (one of :data:`CROSSINGS`), ``year`` (int), ``direction`` (``EB``: toward China),
        ``capacity_trains_day``, ``capacity_low``, ``capacity_high`` [trains/day], ``capacity_mt`` [Mt/yr, both
        directions], ``line_trains_day`` (the Kazakh line's limit each way [trains/day]; NaN where it does not bind),
        the citation columns; ``estimate`` as bool. One row per crossing × year of :data:`YEARS`.
    """
    path = path or DATA_DIR / "crossings.csv"
    file = path.name
    df = _numeric(
        _read(path, CROSSING_COLUMNS),
        file,
        ("year", "capacity_trains_day", "capacity_low", "capacity_high", "capacity_mt"),
    )
    df = df.assign(line_trains_day=_numbers(df, file, "line_trains_day", required=False))
    nonneg = pa.Check.ge(0)
    schema = _cited(
        {
            "crossing": pa.Column(str, pa.Check.isin(CROSSINGS)),
            "year": pa.Column(float, pa.Check.isin([float(y) for y in YEARS])),
            "direction": pa.Column(str, pa.Check.isin(DIRECTIONS)),
            "capacity_trains_day": pa.Column(float, nonneg),
            "capacity_low": pa.Column(float, nonneg),
            "capacity_high": pa.Column(float, nonneg),
            "capacity_mt": pa.Column(float, nonneg),
            "line_trains_day": pa.Column(float, pa.Check.gt(0), nullable=True),
        }
    )
    _validate(schema, df, file)
    _bounds(df, file, "capacity_low", "capacity_trains_day", "capacity_high")
    dup = df.duplicated(["crossing", "year", "direction"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "year", "second row for a crossing's year and direction")
    for c in CROSSINGS:
        have = set(df.loc[df["crossing"] == c, "year"].astype(int))
        missing = [y for y in YEARS if y not in have]
        if missing:
            rows = df.index[df["crossing"] == c]
            raise DataError(
                file,
                int(rows[0]) + 2 if len(rows) else None,
                "year",
                f"crossing '{c}' has no row for year {missing[0]} (needs {YEARS[0]}–{YEARS[-1]})",
            )
    return df.assign(year=df["year"].astype(int), estimate=df["estimate"] == "true")


def load_background(path: Path | None = None, crossings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Background traffic figures (``data/background.csv``), indexed by (``id``, ``crossing``).

    Returns
    -------
    DataFrame
        ``value``, ``low``, ``high`` (in ``unit``: Mt, share), the citation columns. Rows the model needs:
        ``total_2025`` and ``total_2024`` [Mt, both directions, all crossings], ``dostyk_2024`` [Mt],
        ``share`` and ``eb_share`` per crossing [share], ``rho0`` per crossing [share], ``bakhty_cap_use`` [share],
        ``rho_plan`` (``all``: the utilisation of the planned hand-over capacity up to which background is loaded
        toward a crossing [share]).
    """
    path = path or DATA_DIR / "background.csv"
    file = path.name
    df = _numeric(_read(path, BACKGROUND_COLUMNS), file, ("value", "low", "high"))
    known = set((crossings if crossings is not None else load_crossings())["crossing"]) | {"all"}
    schema = _cited(
        {
            "id": pa.Column(
                str,
                pa.Check.isin(
                    [
                        "total_2025",
                        "total_2024",
                        "dostyk_2024",
                        "share",
                        "eb_share",
                        "rho0",
                        "bakhty_cap_use",
                        "rho_plan",
                    ]
                ),
            ),
            "crossing": pa.Column(str, pa.Check.isin(sorted(known))),
            "value": pa.Column(float, pa.Check.ge(0)),
            "low": pa.Column(float, pa.Check.ge(0)),
            "high": pa.Column(float, pa.Check.ge(0)),
            "unit": pa.Column(str, pa.Check.isin(["Mt", "share"])),
        }
    )
    _validate(schema, df, file)
    _bounds(df, file, "low", "value", "high")
    share = df["unit"] == "share"
    bad = share & (df["high"] > 1.0)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "high", "a share cannot exceed 1")
    dup = df.duplicated(["id", "crossing"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "id", "second row for an id and crossing")
    for need in (
        ("total_2025", "all"),
        ("share", "dostyk"),
        ("rho0", "dostyk"),
        ("rho0", "altynkol"),
        ("eb_share", "dostyk"),
        ("eb_share", "altynkol"),
        ("bakhty_cap_use", "bakhty"),
        ("rho_plan", "all"),
    ):
        if not ((df["id"] == need[0]) & (df["crossing"] == need[1])).any():
            raise DataError(file, None, "id", f"missing row id='{need[0]}', crossing='{need[1]}'")
    return df.assign(estimate=df["estimate"] == "true").set_index(["id", "crossing"])


def load_background_months(path: Path | None = None) -> pd.DataFrame:
    """Monthly profile of the background (``data/background_months.csv``): twelve weights summing to 1.

    Returns
    -------
    DataFrame
        ``month`` (int 1–12, sorted), ``weight`` [share of the year's background], citation columns.
    """
    path = path or DATA_DIR / "background_months.csv"
    file = path.name
    df = _numeric(_read(path, MONTH_COLUMNS), file, ("month", "weight"))
    schema = _cited(
        {
            "month": pa.Column(float, pa.Check.isin([float(m) for m in range(1, 13)]), unique=True),
            "weight": pa.Column(float, pa.Check.ge(0)),
        }
    )
    _validate(schema, df, file)
    have = set(df["month"].astype(int))
    missing = [m for m in range(1, 13) if m not in have]
    if missing:
        raise DataError(file, len(df) + 2, "month", f"month {missing[0]} is missing (needs 1–12)")
    if abs(df["weight"].sum() - 1.0) > 1e-4:
        raise DataError(file, 2, "weight", f"weights sum to {df['weight'].sum():.6f}, not 1")
    out = df.assign(month=df["month"].astype(int), weight=df["weight"] / df["weight"].sum())
    return out.sort_values("month").reset_index(drop=True)


def load_episodes(path: Path | None = None, crossings: pd.DataFrame | None = None) -> pd.DataFrame:
    """China-side acceptance cuts and inspection holds (``data/episodes.csv``), one row per episode × crossing.

    Returns
    -------
    DataFrame
        ``episode`` (name; ``typical`` is the default typical year), ``crossing``, ``start``, ``end`` (Timestamps,
        inclusive), ``repeat`` (``yearly``: replayed on the same dates every year from its start year, or every year
        of the horizon if it started before; ``once``: only on its dates), ``depth``, ``depth_low``, ``depth_high`` (share of the crossing's hand-over capacity lost
        [share], < 1), ``name_en``, ``name_ru``, citation columns.
    """
    path = path or DATA_DIR / "episodes.csv"
    file = path.name
    raw = _read(path, EPISODE_COLUMNS)
    df = _numeric(raw, file, ("depth", "depth_low", "depth_high"))
    df = df.assign(start=_dates(raw, file, "start", True), end=_dates(raw, file, "end", True))
    known = sorted(set((crossings if crossings is not None else load_crossings())["crossing"]))
    share = pa.Check.in_range(0.0, 0.95)
    nonempty = pa.Check(lambda s: s.str.strip() != "", element_wise=False, name="not empty")
    schema = _cited(
        {
            "episode": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
            "crossing": pa.Column(str, pa.Check.isin(known)),
            "repeat": pa.Column(str, pa.Check.isin(["yearly", "once"])),
            "depth": pa.Column(float, share),
            "depth_low": pa.Column(float, share),
            "depth_high": pa.Column(float, share),
            "name_en": pa.Column(str, nonempty),
            "name_ru": pa.Column(str, nonempty),
        }
    )
    _validate(schema, df, file)
    _bounds(df, file, "depth_low", "depth", "depth_high")
    bad = (df["end"] < df["start"]) | ((df["end"] - df["start"]).dt.days > 365)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "end", "need start <= end, within a year")
    dup = df.duplicated(["episode", "crossing", "start"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "start", "second row for an episode's crossing and start")
    return df.assign(estimate=df["estimate"] == "true").reset_index(drop=True)


def load_route_nodes(path: Path | None = None) -> pd.DataFrame:
    """Points of the two paths for the map (``data/route_nodes.csv``), indexed by ``node``.

    Returns
    -------
    DataFrame
        ``name_en``, ``name_ru``, ``lat``, ``lon`` [degrees], citation columns.
    """
    path = path or DATA_DIR / "route_nodes.csv"
    file = path.name
    df = _numeric(_read(path, NODE_COLUMNS), file, ("lat", "lon"))
    nonempty = pa.Check(lambda s: s.str.strip() != "", element_wise=False, name="not empty")
    schema = _cited(
        {
            "node": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$"), unique=True),
            "name_en": pa.Column(str, nonempty),
            "name_ru": pa.Column(str, nonempty),
            "lat": pa.Column(float, pa.Check.in_range(-90, 90)),
            "lon": pa.Column(float, pa.Check.in_range(-180, 180)),
        }
    )
    _validate(schema, df, file)
    return df.assign(estimate=df["estimate"] == "true").set_index("node")


def load_routes(
    path: Path | None = None, crossings: pd.DataFrame | None = None, nodes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The two paths of this flow segment by segment (``data/routes.csv``).

    Returns
    -------
    DataFrame
        ``path`` (the crossing it uses: ``dostyk`` or ``altynkol``), ``seq`` (int), ``node_from``, ``node_to``,
        ``km``, ``km_low``, ``km_high`` [km], ``destination`` (set on the last segment), citation columns.
    """
    path = path or DATA_DIR / "routes.csv"
    file = path.name
    df = _numeric(_read(path, ROUTE_COLUMNS), file, ("seq", "km", "km_low", "km_high"))
    known = set((crossings if crossings is not None else load_crossings())["crossing"])
    schema = _cited(
        {
            "path": pa.Column(str, pa.Check.isin(sorted(set(PATHS) & known))),
            "seq": pa.Column(float, pa.Check.ge(1)),
            "km": pa.Column(float, pa.Check.gt(0)),
            "km_low": pa.Column(float, pa.Check.gt(0)),
            "km_high": pa.Column(float, pa.Check.gt(0)),
        }
    )
    _validate(schema, df, file)
    _bounds(df, file, "km_low", "km", "km_high")
    known_nodes = set((nodes if nodes is not None else load_route_nodes()).index)
    for col in ("node_from", "node_to"):
        bad = ~df[col].isin(known_nodes)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(file, i + 2, col, f"'{df[col].iloc[i]}' is not a node of route_nodes.csv")
    for p in PATHS:
        sub = df[df["path"] == p]
        if sub.empty:
            raise DataError(file, None, "path", f"path '{p}' has no segments")
        if p not in set(sub["node_to"]) and p not in set(sub["node_from"]):
            raise DataError(file, int(sub.index[0]) + 2, "node_to", f"path '{p}' never reaches its crossing")
        if (sub["destination"].str.strip() != "").sum() != 1:
            raise DataError(file, int(sub.index[-1]) + 2, "destination", f"path '{p}' needs one destination row")
    out = df.assign(seq=df["seq"].astype(int), estimate=df["estimate"] == "true")
    return out.sort_values(["path", "seq"]).reset_index(drop=True)


@dataclass(frozen=True)
class NetworkTables:
    """The network's tables, loaded together (treat as read-only)."""

    crossings: pd.DataFrame
    background: pd.DataFrame
    background_months: pd.DataFrame
    episodes: pd.DataFrame
    routes: pd.DataFrame
    route_nodes: pd.DataFrame


@lru_cache(maxsize=1)
def network_tables() -> NetworkTables:
    """All network tables, loaded and cross-checked once per process."""
    c = load_crossings()
    n = load_route_nodes()
    return NetworkTables(
        c,
        load_background(crossings=c),
        load_background_months(),
        load_episodes(crossings=c),
        load_routes(crossings=c, nodes=n),
        n,
    )
