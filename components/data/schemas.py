"""Declared tables: what each file of ``data/`` must hold, as :mod:`pandera` schemas.

A schema names every column with its type, unit, allowed values or range, the file's unique keys and the rules
that span columns or files (an assumption's group must be a declared group, a preset's parameter an assumption,
a link's ``capacity_from`` a stated figure or a scenario field). :func:`validate` runs a schema lazily and turns
the first failure, in file order, into one :class:`DataError` naming the file, the row (as numbered in the file,
header = row 1), the column and the rule.

The loaders of :mod:`components.data.facts` read each file as text, turn numbers and dates into typed columns
(a cell that is not a number is refused there, with its row) and hand the typed frame to its schema here.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa


class DataError(ValueError):
    """A table in ``data/`` is malformed.

    Attributes
    ----------
    file, row, column : where the problem is; ``row`` is 1-based with the header as row 1.
    problem : the rule that failed, in words.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str):
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file + (f", row {row}" if row is not None else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {problem}")


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
#: Reliability marks of ``shared/research``: H official or operator figures, M press or industry, L weak; derived.
RELIABILITY = frozenset({"H", "M", "L", "M-H", "H/M", "M/L", "derived"})
PRECISIONS = frozenset({"day", "month", "year"})
#: The sidebar's groups of sliders, in the order they are drawn; an assumption's ``group`` must be one of them.
ASSUMPTION_GROUPS = ("projection", "capacity", "network", "economics", "financing", "currency")
#: Kinds of link: a store (turnover from area or tonnes held), a terminal (lifts), the planned train service
#: (a plan, not a capacity) and a border crossing.
LINK_KINDS = frozenset({"store", "terminal", "service", "border"})
#: Which part of the flow uses a link: dry or reefer tonnes, all of it, or the trains of one China crossing.
LINK_FLOWS = frozenset({"dry", "reefer", "all", "dostyk", "khorgos"})
#: Capacity units a link may carry (each maps to a demand measure in :mod:`components.model.chain`).
LINK_UNITS = frozenset({"m2", "t", "t/year", "FEU/day", "TEU/year", "trains/day", "trains/week"})
#: Series of ``data/macro.csv`` and the form of their ``period``: a year (``2025``) or a month (``2025-07``).
MACRO_SERIES = {
    "cpi_dec_dec": r"\d{4}",
    "key_rate": r"\d{4}-(0[1-9]|1[0-2])",
    "key_rate_avg": r"\d{4}",
    "ofz_10y": r"\d{4}-(0[1-9]|1[0-2])",
}


# ---------------------------------------------------------------------------------------------------------------
# Building blocks


def text(*checks: pa.Check, unit: str | None = None) -> pa.Column:
    """A text column that may be empty."""
    return pa.Column(str, list(checks), metadata={"unit": unit})


def filled(*checks: pa.Check) -> pa.Column:
    """A text column every row must fill (names, citations)."""
    return pa.Column(str, [NOT_EMPTY, *checks])


def one_of(allowed) -> pa.Column:
    return pa.Column(str, rule(f"one of {sorted(allowed)}", lambda s: s.isin(list(allowed))))


def number(unit: str | None, *checks: pa.Check, nullable: bool = False) -> pa.Column:
    """A float column in ``unit`` (``None``: the unit is given per row in a ``unit`` column)."""
    return pa.Column(float, list(checks), nullable=nullable, metadata={"unit": unit})


def date(nullable: bool = False) -> pa.Column:
    return pa.Column("datetime64[ns]", nullable=nullable, coerce=True)


def rule(name: str, fn) -> pa.Check:
    """A rule on one column: ``fn(series)`` gives True for each good cell; ``name`` is what an error says."""
    return pa.Check(fn, name=name)


NOT_EMPTY = rule("not empty", lambda s: s.str.strip() != "")
UNIT = one_of(KNOWN_UNITS)
KEY = pa.Column(str, NOT_EMPTY, unique=True, report_duplicates="exclude_first")
BOOL_TEXT = pa.Column(str, pa.Check(lambda s: s.str.strip().str.lower().isin(["true", "false"]), name="true or false"))


def row_rule(column: str, rule: str, fn) -> pa.Check:
    """A rule across columns of one row: ``fn(df)`` gives True for each good row; a failure names ``column``."""
    return pa.Check(fn, name=rule, statistics={"column": column})


def validate(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check ``df`` (as read from ``file``) against ``schema``; the first failure in file order raises.

    Raises
    ------
    DataError
        naming ``file``, the row (header = 1), the column and the rule that failed.
    """
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        columns_of = {c.name: (c.statistics or {}).get("column") for c in schema.checks}
        # the earliest row first; in one row a cell's own rule before a rule across cells (which may only echo it)
        fc = fc.assign(order=pd.to_numeric(fc["index"], errors="coerce"), wide=fc["check"].isin(list(columns_of)))
        first = fc.sort_values(["order", "wide"], na_position="last", kind="stable").iloc[0]
        row = None if pd.isna(first["order"]) else int(first["order"]) + 2
        rule = str(first["check"])
        column = columns_of[rule] if rule in columns_of else first["column"]
        if rule == "field_uniqueness":
            rule = "unique"
        value = "" if first["failure_case"] is None or rule in columns_of else f"'{first['failure_case']}' "
        raise DataError(file, row, column, f"{value}fails the rule '{rule}'".strip()) from None


# ---------------------------------------------------------------------------------------------------------------
# One schema per file


def facts_schema() -> pa.DataFrameSchema:
    """``data/facts.csv``: one row per stated figure of the report."""
    is_date = lambda df: df["unit"] == "date"  # noqa: E731
    precision = lambda df: df["when_precision"].str.strip()  # noqa: E731
    return pa.DataFrameSchema(
        {
            "id": KEY,
            **{c: filled() for c in ("entity", "metric", "entity_ru", "metric_ru", "speaker", "speaker_ru")},
            **{c: filled() for c in ("source", "source_ru", "locator")},
            "value": number(None, nullable=True),
            "unit": UNIT,
            "when": date(nullable=True),
            "as_of": date(),
        },
        checks=[
            row_rule("when", "a date figure needs a date in 'when'", lambda df: ~is_date(df) | df["when"].notna()),
            row_rule("value", "a figure needs a number in 'value'", lambda df: is_date(df) | df["value"].notna()),
            row_rule(
                "when_precision",
                "a date figure needs 'day' or 'month'",
                lambda df: ~is_date(df) | precision(df).isin(["day", "month"]),
            ),
            row_rule(
                "when_precision", "only a date figure has a precision", lambda df: is_date(df) | (precision(df) == "")
            ),
            row_rule(
                "when",
                "a month is dated to its first day",
                lambda df: (precision(df) != "month") | (df["when"].dt.day == 1),
            ),
            row_rule(
                "note_ru",
                "a note needs its text in both languages",
                lambda df: (df["note"].str.strip() != "") == (df["note_ru"].str.strip() != ""),
            ),
        ],
    )


def assumptions_schema() -> pa.DataFrameSchema:
    """``data/assumptions.csv``: one row per slider, its group among :data:`ASSUMPTION_GROUPS`."""
    return pa.DataFrameSchema(
        {
            "id": KEY,
            "group": one_of(ASSUMPTION_GROUPS),
            **{c: number(None) for c in ("default", "min", "max")},
            "step": number(None, rule("step > 0", lambda s: s > 0)),
            "unit": UNIT,
            "source": filled(),
            "source_ru": filled(),
            "estimate": BOOL_TEXT,
        },
        checks=[
            row_rule(
                "default",
                "min <= default <= max",
                lambda df: (df["min"] <= df["default"]) & (df["default"] <= df["max"]),
            )
        ],
    )


def presets_schema(assumptions: pd.DataFrame) -> pa.DataFrameSchema:
    """``data/presets.csv``: a preset sets assumptions (cross-file: ``param`` is an assumption, ``value`` in its
    slider's range)."""
    lo = assumptions["min"].to_dict()
    hi = assumptions["max"].to_dict()
    return pa.DataFrameSchema(
        {
            "preset": filled(),
            "param": pa.Column(
                str, rule("an assumption of assumptions.csv", lambda s: s.isin(list(assumptions.index)))
            ),
            "value": number(None),
        },
        checks=[
            row_rule(
                "value",
                "within the assumption's [min, max]",
                lambda df: (df["value"] >= df["param"].map(lo)) & (df["value"] <= df["param"].map(hi)),
            )
        ],
    )


def preset_reasons_schema(presets: pd.DataFrame) -> pa.DataFrameSchema:
    """``data/preset_reasons.csv``: one reason per preset (cross-file: every preset has one, each names a preset)."""
    names = sorted(set(presets["preset"]))
    return pa.DataFrameSchema(
        {
            "preset": pa.Column(
                str,
                [NOT_EMPTY, rule("a preset of presets.csv", lambda s: s.isin(names))],
                unique=True,
                report_duplicates="exclude_first",
            ),
            "reason_en": filled(),
            "reason_ru": filled(),
        },
        checks=[
            pa.Check(
                lambda df: set(names) <= set(df["preset"]),
                name="every preset of presets.csv has a reason",
                statistics={"column": "preset"},
            )
        ],
    )


def public_figures_schema() -> pa.DataFrameSchema:
    """``data/public_figures.csv``: public figures published since the report."""
    return pa.DataFrameSchema(
        {
            "id": KEY,
            **{c: filled() for c in ("entity", "metric", "entity_ru", "metric_ru", "source", "source_ru")},
            "value": number(None),
            "unit": UNIT,
            **{c: date() for c in ("period_start", "period_end", "published")},
            "published_precision": one_of(PRECISIONS),
            "bound": one_of({"over", "under", "about", "exact"}),
            "reliability": one_of(RELIABILITY),
        },
        checks=[
            row_rule("period_end", "period_start <= period_end", lambda df: df["period_start"] <= df["period_end"])
        ],
    )


def macro_schema() -> pa.DataFrameSchema:
    """``data/macro.csv``: CPI, key rate and OFZ yields [share/year], each period once per series."""
    period_ok = lambda df: pd.Series(  # noqa: E731
        [pd.Series([p]).str.fullmatch(MACRO_SERIES.get(s, "$^")).iloc[0] for s, p in zip(df["series"], df["period"])],
        index=df.index,
    )
    return pa.DataFrameSchema(
        {
            "id": KEY,
            "series": one_of(MACRO_SERIES),
            "period": pa.Column(str),
            **{c: number("share/year") for c in ("value", "low", "high")},
            "unit": UNIT,
            "kind": one_of({"actual", "forecast"}),
            "source": filled(),
            "reliability": one_of(RELIABILITY),
        },
        checks=[
            row_rule("period", "a period of the form its series uses (YYYY or YYYY-MM)", period_ok),
            row_rule("period", "one row per series and period", lambda df: ~df.duplicated(["series", "period"])),
            row_rule(
                "value",
                "0 <= low <= value <= high < 1",
                lambda df: (
                    (0 <= df["low"]) & (df["low"] <= df["value"]) & (df["value"] <= df["high"]) & (df["high"] < 1)
                ),
            ),
            pa.Check(
                lambda df: _consecutive(df.loc[df["series"] == "cpi_dec_dec", "period"].str[:4].astype(int)),
                name="cpi_dec_dec years run without a gap",
                statistics={"column": "period"},
            ),
        ],
    )


def _consecutive(years: pd.Series) -> bool:
    y = years.sort_values().to_numpy()
    return y.size > 0 and bool((y[1:] - y[:-1] == 1).all())


def links_schema(facts: pd.DataFrame, assumptions: pd.DataFrame) -> pa.DataFrameSchema:
    """``data/links.csv``: the hub-side links of the old chain (stores, terminals, the planned service)."""
    refs = {f"fact:{i}" for i in facts.index} | {f"scenario:{i}" for i in assumptions.index}
    cap = ("capacity", "capacity_min", "capacity_max")
    given = lambda df: df["capacity_from"].str.strip() != ""  # noqa: E731
    return pa.DataFrameSchema(
        {
            "id": KEY,
            **{c: filled() for c in ("name_en", "name_ru", "source", "source_ru", "note_en", "note_ru")},
            "kind": one_of(LINK_KINDS),
            "flow": one_of(LINK_FLOWS),
            "capacity_unit": one_of(LINK_UNITS),
            "reliability": one_of(RELIABILITY),
            "estimate": BOOL_TEXT,
            "order": number(
                None,
                pa.Check(lambda s: s == s.round(), name="a whole number"),
                pa.Check(lambda s: ~s.duplicated(), name="each order once"),
            ),
            **{c: number("share") for c in ("share_open", "share_open_min", "share_open_max")},
            **{c: number(None, nullable=True) for c in cap},
            **{c: number("h", nullable=True) for c in ("time_typical_h", "time_congested_h")},
            **{c: number("degrees", nullable=True) for c in ("lat", "lon")},
        },
        checks=[
            row_rule(
                "capacity_from",
                "names a stated figure (fact:<id>) or a scenario field (scenario:<id>)",
                lambda df: ~given(df) | df["capacity_from"].str.strip().isin(refs),
            ),
            row_rule(
                "capacity",
                "capacity empty where capacity_from gives it",
                lambda df: ~given(df) | df[list(cap)].isna().all(axis=1),
            ),
            row_rule(
                "capacity",
                "0 < capacity_min <= capacity <= capacity_max",
                lambda df: (
                    given(df)
                    | ((0 < df["capacity_min"]) & (df["capacity_min"] <= df["capacity"]))
                    & (df["capacity"] <= df["capacity_max"])
                ),
            ),
            row_rule(
                "share_open",
                "0 < share_open_min <= share_open <= share_open_max <= 1",
                lambda df: (
                    (0 < df["share_open_min"])
                    & (df["share_open_min"] <= df["share_open"])
                    & (df["share_open"] <= df["share_open_max"])
                    & (df["share_open_max"] <= 1)
                ),
            ),
            row_rule(
                "time_congested_h",
                "both times or neither",
                lambda df: df["time_typical_h"].isna() == df["time_congested_h"].isna(),
            ),
            row_rule(
                "time_congested_h",
                "0 <= time_typical_h <= time_congested_h",
                lambda df: (
                    df["time_typical_h"].isna()
                    | ((df["time_typical_h"] >= 0) & (df["time_typical_h"] <= df["time_congested_h"]))
                ),
            ),
            row_rule("lon", "both lat and lon or neither", lambda df: df["lat"].isna() == df["lon"].isna()),
        ],
    )


def profiles_schema() -> pa.DataFrameSchema:
    """``data/seasonality.csv``: twelve monthly weights per profile, summing to 1 (within the file's rounding)."""
    return pa.DataFrameSchema(
        {
            "profile": filled(),
            "month": number("month", rule("a month 1–12", lambda s: s.isin([float(m) for m in range(1, 13)]))),
            "weight": number("share", rule("weight >= 0", lambda s: s >= 0)),
            "basis": number(None),
            "basis_unit": UNIT,
            "source": filled(),
            "source_ru": filled(),
            "reliability": one_of(RELIABILITY),
        },
        checks=[
            row_rule("month", "one row per profile and month", lambda df: ~df.duplicated(["profile", "month"])),
            row_rule(
                "month",
                "twelve months a profile",
                lambda df: df.groupby("profile")["month"].transform("size") == 12,
            ),
            row_rule(
                "weight",
                "a profile's weights sum to 1",
                lambda df: (df.groupby("profile")["weight"].transform("sum") - 1.0).abs() <= 1e-4,
            ),
        ],
    )
