"""Load and validate the cited tables in ``data/``.

Every stated figure and every assumption lives in a CSV file under ``data/``. This module reads
them into typed :class:`pandas.DataFrame` objects and refuses anything malformed with one
:class:`DataError` that names the file, the row (as numbered in the file, header = row 1) and
the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: Units a figure or an assumption may carry. Anything else is a typo and is refused.
KNOWN_UNITS = frozenset(
    {
        "RUB",
        "USD",
        "KZT",
        "jobs",
        "m2",
        "ha",
        "t",
        "t/year",
        "t/month",
        "share",
        "x",
        "date",
        "count",
        "regions",
        "people",
        "rank",
        "months",
        "days",
        "years",
        "%/year",
        "t/FEU",
        "FEU/train",
        "trains/week",
        "t/m2",
        "RUB/m2",
        "RUB/m2/year",
        "RUB/FEU",
        "share/year",
        "RUB/USD",
        "KZT/USD",
        "trains/day",
        "FEU/day",
        "TEU/year",
        "Mt",
        "RUB/month",
        "km/day",
        "RUB/FEU/day",
        "weeks",
        "switch",
    }
)

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
]
#: Reliability marks of ``shared/research``: H official or operator figures, M press or industry, L weak; derived.
RELIABILITY = frozenset({"H", "M", "L", "M-H", "H/M", "M/L", "derived"})
PRECISIONS = frozenset({"day", "month", "year"})


class DataError(ValueError):
    """A table in ``data/`` is malformed.

    Attributes
    ----------
    file, row, column : where the problem is; ``row`` is 1-based with the header as row 1.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str):
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file + (f", row {row}" if row is not None else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {problem}")


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


def _check_ids(df: pd.DataFrame, file: str, column: str = "id") -> None:
    empty = df[column].str.strip() == ""
    dup = df[column].duplicated()
    for mask, problem in ((empty, "empty id"), (dup, "duplicate id")):
        if mask.any():
            i = int(mask.to_numpy().nonzero()[0][0])
            raise DataError(file, i + 2, column, f"{problem} '{df[column].iloc[i]}'")


def _check_units(df: pd.DataFrame, file: str) -> None:
    bad = ~df["unit"].isin(KNOWN_UNITS)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, "unit", f"unknown unit '{df['unit'].iloc[i]}'")


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
    _check_ids(df, path.name)
    _check_units(df, path.name)
    for col in (
        "source",
        "locator",
        "entity",
        "metric",
        "entity_ru",
        "metric_ru",
        "speaker",
        "speaker_ru",
        "source_ru",
    ):
        empty = df[col].str.strip() == ""
        if empty.any():
            raise DataError(path.name, int(empty.to_numpy().nonzero()[0][0]) + 2, col, "citation field is empty")
    value = _numbers(df, path.name, "value", required=False)
    when = _dates(df, path.name, "when", required=False)
    is_date = df["unit"] == "date"
    precision = df["when_precision"].str.strip()
    has_note, has_note_ru = df["note"].str.strip() != "", df["note_ru"].str.strip() != ""
    for mask, col, problem in (
        (is_date & when.isna(), "when", "a date figure needs a date in 'when'"),
        (~is_date & value.isna(), "value", "a figure needs a number in 'value'"),
        (is_date & ~precision.isin(["day", "month"]), "when_precision", "a date figure needs 'day' or 'month'"),
        (~is_date & (precision != ""), "when_precision", "only a date figure has a precision"),
        ((precision == "month") & (when.dt.day != 1), "when", "a month is dated to its first day"),
        (has_note != has_note_ru, "note_ru", "a note needs its text in both languages"),
    ):
        if mask.any():
            raise DataError(path.name, int(mask.to_numpy().nonzero()[0][0]) + 2, col, problem)
    out = df.assign(value=value, when=when, as_of=_dates(df, path.name, "as_of", required=True))
    return out.set_index("id")


def load_assumptions(path: Path | None = None) -> pd.DataFrame:
    """Slider assumptions, indexed by ``id``: ``default``, ``min``, ``max``, ``step`` (float64, in ``unit``),
    ``source`` and ``source_ru`` (the reference in English and Russian) and ``estimate`` (bool: True where no
    public figure backs the default)."""
    path = path or DATA_DIR / "assumptions.csv"
    df = _read(path, ASSUMPTION_COLUMNS)
    _check_ids(df, path.name)
    _check_units(df, path.name)
    for col in ("source", "source_ru"):
        empty = df[col].str.strip() == ""
        if empty.any():
            raise DataError(path.name, int(empty.to_numpy().nonzero()[0][0]) + 2, col, "citation field is empty")
    nums = {c: _numbers(df, path.name, c) for c in ("default", "min", "max", "step")}
    est = df["estimate"].str.strip().str.lower()
    bad = ~est.isin(["true", "false"])
    if bad.any():
        raise DataError(path.name, int(bad.to_numpy().nonzero()[0][0]) + 2, "estimate", "must be true or false")
    out = df.assign(**nums, estimate=est == "true")
    for i, r in enumerate(out.itertuples()):
        if not (r.min <= r.default <= r.max) or r.step <= 0:
            raise DataError(path.name, i + 2, "default", f"default {r.default} outside [{r.min}, {r.max}] or step <= 0")
    return out.set_index("id")


def load_presets(path: Path | None = None, assumptions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Named scenario presets: ``preset``, ``param`` (an assumption id) and ``value`` (float64)."""
    path = path or DATA_DIR / "presets.csv"
    assumptions = load_assumptions() if assumptions is None else assumptions
    df = _read(path, PRESET_COLUMNS)
    df = df.assign(value=_numbers(df, path.name, "value"))
    for i, r in enumerate(df.itertuples()):
        if r.param not in assumptions.index:
            raise DataError(path.name, i + 2, "param", f"unknown assumption '{r.param}'")
        a = assumptions.loc[r.param]
        if not a["min"] <= r.value <= a["max"]:
            raise DataError(path.name, i + 2, "value", f"{r.value} outside [{a['min']}, {a['max']}]")
    return df


def load_preset_reasons(path: Path | None = None, presets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Why each preset is set as it is (``data/preset_reasons.csv``), indexed by ``preset``: ``reason_en`` and
    ``reason_ru``; every preset of ``data/presets.csv`` has exactly one reason and every reason a preset."""
    path = path or DATA_DIR / "preset_reasons.csv"
    presets = load_presets() if presets is None else presets
    df = _read(path, PRESET_REASON_COLUMNS)
    _check_ids(df, path.name, "preset")
    for col in ("reason_en", "reason_ru"):
        empty = df[col].str.strip() == ""
        if empty.any():
            raise DataError(path.name, int(empty.to_numpy().nonzero()[0][0]) + 2, col, "a preset needs its reason")
    unknown = ~df["preset"].isin(presets["preset"])
    if unknown.any():
        i = int(unknown.to_numpy().nonzero()[0][0])
        raise DataError(path.name, i + 2, "preset", f"unknown preset '{df['preset'].iloc[i]}'")
    missing = sorted(set(presets["preset"]) - set(df["preset"]))
    if missing:
        raise DataError(path.name, None, "preset", f"no reason for preset(s) {missing}")
    return df.set_index("preset")


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
    _check_ids(df, path.name)
    _check_units(df, path.name)
    for col in ("entity", "metric", "entity_ru", "metric_ru", "source"):
        empty = df[col].str.strip() == ""
        if empty.any():
            raise DataError(path.name, int(empty.to_numpy().nonzero()[0][0]) + 2, col, "citation field is empty")
    for col, allowed in (
        ("reliability", RELIABILITY),
        ("published_precision", PRECISIONS),
        ("bound", frozenset({"over", "under", "about", "exact"})),
    ):
        bad = ~df[col].isin(allowed)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(path.name, i + 2, col, f"'{df[col].iloc[i]}' is not one of {sorted(allowed)}")
    out = df.assign(
        value=_numbers(df, path.name, "value"),
        **{c: _dates(df, path.name, c, required=True) for c in ("period_start", "period_end", "published")},
    )
    return out.set_index("id")


@lru_cache(maxsize=1)
def public_figures() -> pd.DataFrame:
    """:func:`load_public_figures`, loaded once per process (treat as read-only)."""
    return load_public_figures()


MACRO_COLUMNS = ["id", "series", "period", "value", "low", "high", "unit", "kind", "source", "reliability", "note"]
#: Series of ``data/macro.csv`` and the form of their ``period``: a year (``2025``) or a month (``2025-07``).
MACRO_SERIES = {
    "cpi_dec_dec": r"\d{4}",
    "key_rate": r"\d{4}-(0[1-9]|1[0-2])",
    "key_rate_avg": r"\d{4}",
    "ofz_10y": r"\d{4}-(0[1-9]|1[0-2])",
}


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
    _check_ids(df, path.name)
    _check_units(df, path.name)
    for col, allowed in (
        ("series", frozenset(MACRO_SERIES)),
        ("kind", frozenset({"actual", "forecast"})),
        ("reliability", RELIABILITY),
    ):
        bad = ~df[col].isin(allowed)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(path.name, i + 2, col, f"'{df[col].iloc[i]}' is not one of {sorted(allowed)}")
    empty = df["source"].str.strip() == ""
    if empty.any():
        raise DataError(path.name, int(empty.to_numpy().nonzero()[0][0]) + 2, "source", "citation field is empty")
    for i, (series, period) in enumerate(zip(df["series"], df["period"])):
        if not pd.Series([period]).str.fullmatch(MACRO_SERIES[series]).iloc[0]:
            raise DataError(
                path.name, i + 2, "period", f"'{period}' is not a period of the form the series {series} uses"
            )
    dup = df.duplicated(["series", "period"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(path.name, i + 2, "period", f"second row for {df['series'].iloc[i]} {df['period'].iloc[i]}")
    nums = {c: _numbers(df, path.name, c) for c in ("value", "low", "high")}
    out = df.assign(**nums, year=df["period"].str[:4].astype(int))
    for i, r in enumerate(out.itertuples()):
        if not (0 <= r.low <= r.value <= r.high < 1):
            raise DataError(
                path.name, i + 2, "value", f"need 0 <= low <= value <= high < 1, got {r.low}, {r.value}, {r.high}"
            )
    years = out.loc[out["series"] == "cpi_dec_dec", "year"].sort_values().to_numpy()
    if years.size == 0 or (years.size > 1 and (years[1:] - years[:-1] != 1).any()):
        raise DataError(path.name, None, "period", f"cpi_dec_dec years must run without a gap, got {years.tolist()}")
    return out.set_index("id")


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
#: Kinds of link: a store (turnover from area or tonnes held), a terminal (lifts), the planned train service
#: (a plan, not a capacity) and a border crossing.
LINK_KINDS = frozenset({"store", "terminal", "service", "border"})
#: Which part of the flow uses a link: dry or reefer tonnes, all of it, or the trains of one China crossing.
LINK_FLOWS = frozenset({"dry", "reefer", "all", "dostyk", "khorgos"})
#: Capacity units a link may carry (each maps to a demand measure in :mod:`components.model.chain`).
LINK_UNITS = frozenset({"m2", "t", "t/year", "FEU/day", "TEU/year", "trains/day", "trains/week"})


def _bad(df: pd.DataFrame, mask: pd.Series, file: str, column: str, problem: str) -> None:
    if mask.any():
        i = int(mask.to_numpy().nonzero()[0][0])
        raise DataError(file, i + 2, column, problem.format(value=df[column].iloc[i]))


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
    _check_ids(df, file)
    for col in ("name_en", "name_ru", "source", "source_ru", "note_en", "note_ru"):
        _bad(df, df[col].str.strip() == "", file, col, "citation field is empty")
    for col, allowed in (
        ("kind", LINK_KINDS),
        ("flow", LINK_FLOWS),
        ("capacity_unit", LINK_UNITS),
        ("reliability", RELIABILITY),
    ):
        _bad(df, ~df[col].isin(allowed), file, col, "'{value}' is not one of " + str(sorted(allowed)))
    _bad(df, ~df["capacity_unit"].isin(KNOWN_UNITS), file, "capacity_unit", "unknown unit '{value}'")
    est = df["estimate"].str.strip().str.lower()
    _bad(df, ~est.isin(["true", "false"]), file, "estimate", "must be true or false")
    order = _numbers(df, file, "order")
    _bad(df, (order != order.round()) | order.duplicated(), file, "order", "order must be a whole number, once each")
    nums = {
        c: _numbers(df, file, c, required=False)
        for c in ("capacity", "capacity_min", "capacity_max", "time_typical_h", "time_congested_h", "lat", "lon")
    }
    nums.update({c: _numbers(df, file, c) for c in ("share_open", "share_open_min", "share_open_max")})
    facts = load_facts() if facts is None else facts
    assumptions = load_assumptions() if assumptions is None else assumptions
    for i, src in enumerate(df["capacity_from"].str.strip()):
        given = [nums[c].iloc[i] for c in ("capacity", "capacity_min", "capacity_max")]
        if src:
            kind, _, ref = src.partition(":")
            known = facts.index if kind == "fact" else assumptions.index if kind == "scenario" else ()
            if ref not in known:
                raise DataError(
                    file,
                    i + 2,
                    "capacity_from",
                    f"'{src}' names no stated figure (fact:<id>) or scenario field (scenario:<id>)",
                )
            if not all(pd.isna(given)):
                raise DataError(file, i + 2, "capacity", "leave capacity empty where capacity_from gives it")
        elif any(pd.isna(given)) or not (0 < given[1] <= given[0] <= given[2]):
            raise DataError(file, i + 2, "capacity", f"need 0 < capacity_min <= capacity <= capacity_max, got {given}")
    lo, mid, hi = (nums[c] for c in ("share_open_min", "share_open", "share_open_max"))
    _bad(
        df,
        ~((0 < lo) & (lo <= mid) & (mid <= hi) & (hi <= 1)),
        file,
        "share_open",
        "need 0 < share_open_min <= share_open <= share_open_max <= 1",
    )
    typ, cong = nums["time_typical_h"], nums["time_congested_h"]
    _bad(df, typ.isna() != cong.isna(), file, "time_congested_h", "give both times or neither")
    _bad(df, (typ < 0) | (cong < typ), file, "time_congested_h", "need 0 <= time_typical_h <= time_congested_h")
    _bad(df, nums["lat"].isna() != nums["lon"].isna(), file, "lon", "give both lat and lon or neither")
    out = df.assign(
        **nums, order=order.astype(int), estimate=est == "true", capacity_from=df["capacity_from"].str.strip()
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
    _bad(df, df["profile"].str.strip() == "", file, "profile", "empty profile")
    for col in ("source", "source_ru"):
        _bad(df, df[col].str.strip() == "", file, col, "citation field is empty")
    _bad(
        df,
        ~df["reliability"].isin(RELIABILITY),
        file,
        "reliability",
        "'{value}' is not one of " + str(sorted(RELIABILITY)),
    )
    _bad(df, ~df["basis_unit"].isin(KNOWN_UNITS), file, "basis_unit", "unknown unit '{value}'")
    month = _numbers(df, file, "month")
    _bad(df, ~month.isin(range(1, 13)), file, "month", "'{value}' is not a month 1–12")
    _bad(df, df.assign(m=month).duplicated(["profile", "m"]), file, "month", "second row for a profile's month")
    weight = _numbers(df, file, "weight")
    _bad(df, weight < 0, file, "weight", "negative weight '{value}'")
    out = df.assign(month=month.astype(int), weight=weight, basis=_numbers(df, file, "basis"))
    for name, g in out.groupby("profile", sort=False):
        first = int(g.index[0])
        if len(g) != 12:
            raise DataError(file, first + 2, "month", f"profile '{name}' has {len(g)} months, needs 12")
        if abs(g["weight"].sum() - 1.0) > 1e-4:
            raise DataError(file, first + 2, "weight", f"weights of '{name}' sum to {g['weight'].sum():.6f}, not 1")
    out["weight"] = out["weight"] / out.groupby("profile")["weight"].transform("sum")
    return out.sort_values(["profile", "month"], kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def profiles() -> pd.DataFrame:
    """:func:`load_profiles`, loaded once per process (treat as read-only)."""
    return load_profiles()
