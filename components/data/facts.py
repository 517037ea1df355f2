"""Load and validate the cited tables in ``data/``.

Every stated figure and every assumption lives in a CSV file under ``data/``. This module reads
them into typed :class:`pandas.DataFrame` objects and refuses anything malformed with one
:class:`DataError` that names the file, the row (as numbered in the file, header = row 1) and
the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from components.data import schemas
from components.data.schemas import (  # noqa: F401  (re-exported: the loaders' errors and vocabularies)
    ASSUMPTION_GROUPS,
    KNOWN_UNITS,
    LINK_FLOWS,
    LINK_KINDS,
    LINK_UNITS,
    MACRO_SERIES,
    PRECISIONS,
    RELIABILITY,
    DataError,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

FACT_COLUMNS = [
    "id",
    "entity",
    "metric",
    "entity_ru",
    "metric_ru",
    "value",
    "unit",
    "when",
    "when_precision",
    "as_of",
    "stated_as",
    "speaker",
    "source",
    "locator",
    "note",
    "speaker_ru",
    "source_ru",
    "note_ru",
]
ASSUMPTION_COLUMNS = ["id", "group", "default", "min", "max", "step", "unit", "source", "estimate", "source_ru"]
PRESET_COLUMNS = ["preset", "param", "value"]
PRESET_REASON_COLUMNS = ["preset", "reason_en", "reason_ru"]
PUBLIC_COLUMNS = [
    "id",
    "entity",
    "metric",
    "entity_ru",
    "metric_ru",
    "value",
    "unit",
    "period_start",
    "period_end",
    "published",
    "published_precision",
    "bound",
    "source",
    "reliability",
    "note",
    "note_ru",
    "source_ru",  # the source as a Russian page names it (the export chart's hover)
]


def text_columns(columns, base: str) -> list[str]:  # noqa: ANN001 - column names
    """``base`` and its versions in other languages among ``columns``, in their order: ``name`` → ``name_en``,
    ``name_ru``; ``source`` → ``source``, ``source_ru``. The model carries a table's text in every language it
    gives without choosing one; the presentation picks the reader's (``Labels.col``)."""
    return [c for c in columns if c == base or re.fullmatch(rf"{re.escape(base)}_[a-z]{{2}}", str(c))]


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path.name, None, None, "file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(path.name, None, None, f"not a readable UTF-8 CSV ({exc})") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(path.name, 1, missing[0], f"missing column; expected {columns}")
    extra = [c for c in df.columns if c not in columns]
    if extra:
        raise DataError(path.name, 1, extra[0], f"unknown column; expected {columns}")
    return df[columns]


def _numbers(df: pd.DataFrame, file: str, column: str, required: bool = True) -> pd.Series:
    out = pd.to_numeric(df[column].str.strip().replace("", None), errors="coerce")
    bad = out.isna() & (df[column].str.strip() != "" if not required else True)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, column, f"'{df[column].iloc[i]}' is not a number")
    return out.astype("float64")


def _dates(df: pd.DataFrame, file: str, column: str, required: bool) -> pd.Series:
    raw = df[column].str.strip()
    out = pd.to_datetime(raw.replace("", None), format="%Y-%m-%d", errors="coerce")
    bad = out.isna() & ((raw != "") | required)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, column, f"'{raw.iloc[i]}' is not a date in YYYY-MM-DD form")
    return out


def load_facts(path: Path | None = None) -> pd.DataFrame:
    """Stated figures, indexed by ``id``.

    Returns
    -------
    DataFrame with ``value`` (float64, base unit given in ``unit``; NaN for date figures),
    ``when`` (datetime64, only for figures whose unit is ``date``) and ``when_precision`` (``day`` or ``month``:
    what the report gives; a month is dated to its first day), ``as_of`` (datetime64, date of
    the publication), the names ``entity``/``metric`` in English and ``entity_ru``/``metric_ru`` in Russian, and
    the citation columns ``stated_as`` (the report's own wording), ``speaker``, ``source``, ``locator``, ``note``
    with ``speaker_ru``, ``source_ru``, ``note_ru`` in Russian (a note in one language needs the other).
    """
    path = path or DATA_DIR / "facts.csv"
    df = _read(path, FACT_COLUMNS)
    df = df.assign(
        value=_numbers(df, path.name, "value", required=False),
        when=_dates(df, path.name, "when", required=False),
        as_of=_dates(df, path.name, "as_of", required=True),
    )
    return schemas.validate(schemas.facts_schema(), df, path.name).set_index("id")


def load_assumptions(path: Path | None = None) -> pd.DataFrame:
    """Slider assumptions, indexed by ``id``: ``default``, ``min``, ``max``, ``step`` (float64, in ``unit``),
    ``source`` and ``source_ru`` (the reference in English and Russian) and ``estimate`` (bool: True where no
    public figure backs the default)."""
    path = path or DATA_DIR / "assumptions.csv"
    df = _read(path, ASSUMPTION_COLUMNS)
    df = df.assign(**{c: _numbers(df, path.name, c) for c in ("default", "min", "max", "step")})
    df = schemas.validate(schemas.assumptions_schema(), df, path.name)
    return df.assign(estimate=df["estimate"].str.strip().str.lower() == "true").set_index("id")


def load_presets(path: Path | None = None, assumptions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Named scenario presets: ``preset``, ``param`` (an assumption id) and ``value`` (float64)."""
    path = path or DATA_DIR / "presets.csv"
    assumptions = load_assumptions() if assumptions is None else assumptions
    df = _read(path, PRESET_COLUMNS)
    df = df.assign(value=_numbers(df, path.name, "value"))
    return schemas.validate(schemas.presets_schema(assumptions), df, path.name)


def load_preset_reasons(path: Path | None = None, presets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Why each preset is set as it is (``data/preset_reasons.csv``), indexed by ``preset``: ``reason_en`` and
    ``reason_ru``; every preset of ``data/presets.csv`` has exactly one reason and every reason a preset."""
    path = path or DATA_DIR / "preset_reasons.csv"
    presets = load_presets() if presets is None else presets
    df = _read(path, PRESET_REASON_COLUMNS)
    return schemas.validate(schemas.preset_reasons_schema(presets), df, path.name).set_index("preset")


@dataclass(frozen=True)
class Tables:
    """The cited tables, loaded once."""

    facts: pd.DataFrame
    assumptions: pd.DataFrame
    presets: pd.DataFrame
    preset_reasons: pd.DataFrame

    def fact(self, fact_id: str) -> float:
        """Value of a stated figure in its base unit."""
        return float(self.facts.at[fact_id, "value"])

    def date(self, fact_id: str) -> pd.Timestamp:
        """Date of a stated date figure."""
        return self.facts.at[fact_id, "when"]


@lru_cache(maxsize=1)
def tables() -> Tables:
    """All tables from ``data/``, validated; cached for the process (treat as read-only)."""
    assumptions = load_assumptions()
    presets = load_presets(assumptions=assumptions)
    return Tables(load_facts(), assumptions, presets, load_preset_reasons(presets=presets))


def load_public_figures(path: Path | None = None) -> pd.DataFrame:
    """Public figures published since the report (``data/public_figures.csv``), indexed by ``id``.

    A newer figure is a new row. Each gives the period it covers, when and where it was published, how
    reliable the source is and whether the value is a bound ("over", "about", "exact").

    Returns
    -------
    DataFrame with ``value`` (float64, in ``unit``), ``period_start``/``period_end``/``published`` (datetime64;
    ``published_precision`` says whether the day, month or year is known), names in English and Russian,
    ``bound``, ``source``, ``reliability``, ``note``, ``note_ru``.
    """
    path = path or DATA_DIR / "public_figures.csv"
    df = _read(path, PUBLIC_COLUMNS)
    df = df.assign(
        value=_numbers(df, path.name, "value"),
        **{c: _dates(df, path.name, c, required=True) for c in ("period_start", "period_end", "published")},
    )
    return schemas.validate(schemas.public_figures_schema(), df, path.name).set_index("id")


@lru_cache(maxsize=1)
def public_figures() -> pd.DataFrame:
    """:func:`load_public_figures`, loaded once per process (treat as read-only)."""
    return load_public_figures()


MACRO_COLUMNS = ["id", "series", "period", "value", "low", "high", "unit", "kind", "source", "reliability", "note"]


def load_macro(path: Path | None = None) -> pd.DataFrame:
    """Russian macro figures for the economics (``data/macro.csv``), indexed by ``id``.

    Returns
    -------
    DataFrame with ``series`` (``cpi_dec_dec``: consumer prices December on December [share/year];
    ``key_rate``: Bank of Russia key rate from the month of a decision [share/year]; ``key_rate_avg``: forecast
    average key rate of a year [share/year]; ``ofz_10y``: 10-year OFZ zero-coupon yield of a month [share/year]), ``period`` (``YYYY`` or ``YYYY-MM``), ``year`` (int), ``value``,
    ``low``, ``high`` (float64; a forecast range and the value used in it), ``kind`` (actual or forecast),
    ``source``, ``reliability``, ``note``. The ``cpi_dec_dec`` years run without a gap.
    """
    path = path or DATA_DIR / "macro.csv"
    df = _read(path, MACRO_COLUMNS)
    df = df.assign(**{c: _numbers(df, path.name, c) for c in ("value", "low", "high")})
    df = schemas.validate(schemas.macro_schema(), df, path.name)
    return df.assign(year=df["period"].str[:4].astype(int)).set_index("id")


@lru_cache(maxsize=1)
def macro() -> pd.DataFrame:
    """:func:`load_macro`, loaded once per process (treat as read-only)."""
    return load_macro()


LINK_COLUMNS = [
    "id",
    "name_en",
    "name_ru",
    "kind",
    "order",
    "flow",
    "capacity",
    "capacity_min",
    "capacity_max",
    "capacity_unit",
    "capacity_from",
    "share_open",
    "share_open_min",
    "share_open_max",
    "time_typical_h",
    "time_congested_h",
    "lat",
    "lon",
    "source",
    "source_ru",
    "reliability",
    "estimate",
    "note_en",
    "note_ru",
]


def load_links(
    path: Path | None = None, facts: pd.DataFrame | None = None, assumptions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Links of the corridor chain (``data/links.csv``), indexed by ``id`` and sorted by ``order``.

    Returns
    -------
    DataFrame with names ``name_en``/``name_ru``, ``kind`` (store, terminal, service, border), ``order`` (int,
    position along the chain), ``flow`` (part of the flow using the link), ``capacity``, ``capacity_min``,
    ``capacity_max`` (float64 in ``capacity_unit``; NaN where ``capacity_from`` names a stated figure
    ``fact:<id>`` or a scenario field ``scenario:<id>``), ``share_open``, ``share_open_min``, ``share_open_max``
    (share of the link's capacity open to this flow [share]), ``time_typical_h``, ``time_congested_h`` (time
    through the link [h]; NaN where the scenario's dwell or transit gives it), ``lat``, ``lon`` (degrees; NaN where
    no single point), ``source`` and ``source_ru`` (the citation in English and Russian), ``reliability``,
    ``estimate`` (bool), ``note_en``, ``note_ru``.
    """
    path = path or DATA_DIR / "links.csv"
    file = path.name
    df = _read(path, LINK_COLUMNS)
    nums = {
        c: _numbers(df, file, c, required=False)
        for c in ("capacity", "capacity_min", "capacity_max", "time_typical_h", "time_congested_h", "lat", "lon")
    }
    nums.update({c: _numbers(df, file, c) for c in ("order", "share_open", "share_open_min", "share_open_max")})
    facts = load_facts() if facts is None else facts
    assumptions = load_assumptions() if assumptions is None else assumptions
    df = schemas.validate(schemas.links_schema(facts, assumptions), df.assign(**nums), file)
    out = df.assign(
        order=df["order"].astype(int),
        estimate=df["estimate"].str.strip().str.lower() == "true",
        capacity_from=df["capacity_from"].str.strip(),
    )
    return out.set_index("id").sort_values("order")


@lru_cache(maxsize=1)
def links() -> pd.DataFrame:
    """:func:`load_links`, loaded once per process (treat as read-only)."""
    t = tables()
    return load_links(facts=t.facts, assumptions=t.assumptions)


PROFILE_COLUMNS = ["profile", "month", "weight", "basis", "basis_unit", "source", "source_ru", "reliability"]


def load_profiles(path: Path | None = None) -> pd.DataFrame:
    """Seasonal profiles of the flow (``data/seasonality.csv``): twelve monthly weights a profile.

    Weights are checked to sum to 1 (within 1e-4, the rounding of the file) and then divided by their sum, so
    that a profile spreads a year's tonnes exactly.

    Returns
    -------
    Long DataFrame, one row per profile and calendar month: ``profile``, ``month`` (int, 1–12), ``weight``
    (share of the year's tonnes in the month [share]), ``basis`` (the figure behind the weight, in
    ``basis_unit``), ``basis_unit``, ``source``, ``source_ru`` (English, Russian), ``reliability``.
    """
    path = path or DATA_DIR / "seasonality.csv"
    file = path.name
    df = _read(path, PROFILE_COLUMNS)
    df = df.assign(**{c: _numbers(df, file, c) for c in ("month", "weight", "basis")})
    out = schemas.validate(schemas.profiles_schema(), df, file).assign(month=lambda d: d["month"].astype(int))
    out["weight"] = out["weight"] / out.groupby("profile")["weight"].transform("sum")
    return out.sort_values(["profile", "month"], kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def profiles() -> pd.DataFrame:
    """:func:`load_profiles`, loaded once per process (treat as read-only)."""
    return load_profiles()
