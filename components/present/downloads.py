"""Chart data as people download it (CSV, XLSX, the report pack, the HTML report), in the reader's language.

Every column of every chart's data (:class:`components.present.views.View` ``.data``) is declared here once: the label
key of its header and its kind. The kind says how the column is rounded and which unit its header carries:

========== ============================== =========================================================
kind       rounded to                     header unit
========== ============================== =========================================================
t          whole tonnes                   t / т
t/year     whole tonnes                   t/year / т/год
feu, teu   whole boxes                    FEU / ФЭ, TEU / ДФЭ
m2         whole m²                       m² / м²
money      whole units of the currency    RUB / ₽, USD / $, KZT / ₸ (the frame's ``currency`` column)
pct        0.1 % (a share × 100)          %
days       0.1 day                        days / сут.
months     0.1 month                      (in the header's words)
trains     0.1 train                      (in the words) / trains/day / поездов/сут.
ratio      0.01 (DSCR, covenant)          ×
factor     0.001 (index, discount factor) —
deg        0.01°                          °
number     4 decimals (an assumption's    — (each row its own unit: the tornado's low and high)
           value)
count,year whole                          —
========== ============================== =========================================================

Codes become words: an assumption id its slider's name, a fact id the stated figure's name, ``total``/``step``,
``nominal``/``real``, booleans «да»/«нет»; columns that only repeat a code beside its label (``step``, ``input``, the
map's crossing id) and the ``currency`` column (named in every money header) are left out.

Missing values: a missing number stays missing (an empty cell in a CSV, an empty cell in XLSX: Excel keeps the
column numeric and skips it in sums; "—" in the HTML report); a missing text reads "—". Never "NaN".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import numpy as np
import pandas as pd

from components import clock
from components.data.facts import tables
from components.data.scenario import CHOICES, Scenario
from components.export import files as export
from components.model import streams
from components.present.i18n import Labels

#: kind → (decimals, whole numbers as integers)
_DIGITS = {
    "t": 0,
    "t/year": 0,
    "feu": 0,
    "teu": 0,
    "m2": 0,
    "money": 0,
    "pct": 1,
    "days": 1,
    "months": 1,
    "trains": 1,
    "trains/day": 1,
    "ratio": 2,
    "factor": 3,
    "deg": 2,
    "number": 4,
    "count": 0,
    "year": 0,
}
#: Kinds whose cells are text (codes turned into words by :func:`_words`), or dates kept as they are.
TEXT_KINDS = ("text", "date", "bool", "assumption", "assumptions", "fact", "kind", "convention")

#: Every data column by name: (label key of the header, kind). ``None`` as the key: the column is left out.
COLUMNS: dict[str, tuple[str | None, str]] = {
    "month": ("dl_month", "date"),
    "year": ("dl_year", "year"),
    "convention": ("dl_prices", "convention"),
    "currency": (None, "drop"),
    # the stated figures and the export projection
    "fact_id": ("dl_stated_figure", "fact"),
    "rate_t_year": ("dl_rate_t_year", "t/year"),
    "tonnes": ("dl_tonnes_month", "t"),
    "tonnes_even": ("dl_tonnes_even", "t"),
    "season_factor": ("dl_season_factor", "factor"),
    "p10": ("dl_band_p10", "t"),
    "p50": ("dl_band_p50", "t"),
    "p90": ("dl_band_p90", "t"),
    "plan_rate_t_year": ("dl_plan_rate_t_year", "t/year"),
    "plan_tonnes": ("dl_plan_tonnes", "t"),
    "public_region_tonnes_month_avg": ("dl_public_month_avg", "t"),
    "actual_tonnes": ("dl_actual_tonnes", "t"),
    # the crossings
    "crossing": ("dl_crossing", "text"),
    "rho": ("dl_rho", "pct"),
    "rho_background": ("dl_rho_background", "pct"),
    "rho_flow": ("dl_rho_flow", "pct"),
    "capacity_trains_day": ("dl_capacity_trains_day", "trains/day"),
    "episode_cut": ("dl_episode_cut", "pct"),
    "wait_days": ("dl_wait", "days"),
    "series": ("dl_wait_where", "text"),
    "days": ("dl_wait", "days"),
    "kingman_days": ("dl_wait_kingman", "days"),
    "backlog_days": ("dl_wait_backlog", "days"),
    "input": (None, "drop"),
    "input_label": ("dl_input", "text"),
    "low": ("dl_low", "number"),
    "high": ("dl_high", "number"),
    "wait_low": ("dl_wait_low", "days"),
    "wait_high": ("dl_wait_high", "days"),
    "swing": ("dl_wait_swing", "days"),
    "base": ("dl_wait_base", "days"),
    "name": ("dl_crossing", "text"),
    "peak_month": ("dl_peak_month", "date"),
    "peak_utilisation": ("dl_peak_utilisation", "pct"),
    "flow_share_of_crossing": ("dl_flow_share_of_crossing", "pct"),
    "share_of_this_flow": ("dl_share_of_this_flow", "pct"),
    "lon": ("dl_lon", "deg"),
    "lat": ("dl_lat", "deg"),
    # boxes, trains and the warehouse
    "feu": ("dl_feu_month", "feu"),
    "teu": ("dl_feu_month", "teu"),
    "trains_per_week": ("dl_trains_per_week", "trains"),
    "above_service": ("dl_above_service", "bool"),
    "on_hand_t": ("dl_on_hand_t", "t"),
    "area_needed_m2": ("dl_area_needed", "m2"),
    "stated_area_m2": ("dl_stated_area", "m2"),
    "share_of_area": ("dl_share_of_area", "pct"),
    "direction": ("dl_direction", "text"),
    "loaded": ("dl_loaded", "feu"),
    "empty": ("dl_empty", "feu"),
    # the cash-flow table (its money streams are added from the stream registry below)
    "months_operating": ("dl_months_operating", "months"),
    "feu_east": ("dl_feu_east", "feu"),
    "feu_west": ("dl_feu_west", "feu"),
    "feu_empty_east": ("dl_feu_empty_east", "feu"),
    "feu_empty_west": ("dl_feu_empty_west", "feu"),
    "feu_east_demand": ("dl_feu_east_demand", "feu"),
    "feu_east_lost_terminal": ("dl_feu_east_lost_terminal", "feu"),
    "tonnes_counterfactual": ("dl_tonnes_counterfactual", "t"),
    "feu_east_counterfactual": ("dl_feu_east_counterfactual", "feu"),
    "occupancy": ("dl_occupancy", "pct"),
    "inflation": ("dl_inflation", "pct"),
    "price_index": ("dl_price_index", "factor"),
    "key_rate": ("dl_key_rate", "pct"),
    "cost_of_equity": ("dl_cost_of_equity", "pct"),
    "cost_of_debt": ("dl_cost_of_debt", "pct"),
    "wacc": ("dl_wacc", "pct"),
    "ebitda": ("dl_ebitda", "money"),
    "depreciation": ("dl_depreciation", "money"),
    "taxable": ("dl_taxable", "money"),
    "loss_used": ("dl_loss_used", "money"),
    "net": ("dl_net", "money"),
    "discounted": ("dl_discounted", "money"),
    "equity_net": ("dl_equity_net", "money"),
    "cfads": ("dl_cfads", "money"),
    "debt_service": ("dl_debt_service", "money"),
    "debt_balance": ("dl_debt_balance", "money"),
    "capitalised_interest": ("dl_capitalised_interest", "money"),
    "book_value": ("dl_book_value", "money"),
    "property_tax_financed": ("dl_property_tax_financed", "money"),
    "insurance_financed": ("dl_insurance_financed", "money"),
    "revenue_counterfactual": ("dl_revenue_counterfactual", "money"),
    "waiting_shippers": ("dl_waiting_shippers", "money"),
    "discount_factor": ("dl_discount_factor", "factor"),
    "discount_rate": ("dl_discount_rate", "pct"),
    "cumulative": ("dl_cumulative", "money"),
    "cumulative_discounted": ("dl_cumulative_discounted", "money"),
    # the NPV: distribution, sensitivity, bridge, the year's waterfall, DSCR
    "left": ("dl_npv_from", "money"),
    "right": ("dl_npv_to", "money"),
    "paths": ("dl_simulations", "count"),
    "p_npv_positive": ("dl_npv_positive", "pct"),
    "param": ("dl_assumption", "assumption"),
    "npv_low": ("dl_npv_low", "money"),
    "npv_high": ("dl_npv_high", "money"),
    "npv_base": ("dl_npv_base", "money"),
    "step": (None, "drop"),
    "label": ("dl_step", "text"),
    "kind": ("dl_kind", "kind"),
    "value": ("dl_bridge_value", "money"),
    "params": ("dl_assumptions_moved", "assumptions"),
    "dscr": ("dl_dscr", "ratio"),
    "covenant": ("dl_covenant", "ratio"),
}
#: The money streams of the cash-flow table, named as the catalogue names each stream ("stream:<id>" → stream_<id>).
COLUMNS.update({x.id: (f"stream:{x.id}", "money") for x in streams.STREAMS})

#: Columns that mean something else in one chart.
OVERRIDES: dict[str, dict[str, tuple[str | None, str]]] = {
    "stated-exports": {"rate_t_year": ("dl_stated_rate", "t/year")},
    "cash-flow": {"tonnes": ("dl_tonnes_year", "t")},
    "npv-distribution": {
        "p10": ("dl_npv_p10", "money"),
        "p50": ("dl_npv_p50", "money"),
        "p90": ("dl_npv_p90", "money"),
    },
    "year-waterfall": {"label": ("dl_item", "text"), "value": ("dl_amount", "money")},
    "corridor-map": {"crossing": (None, "drop")},
}


def column(chart_id: str, name: str) -> tuple[str | None, str] | None:
    """The header key and kind of column ``name`` in chart ``chart_id`` (``None`` if it is not declared)."""
    return OVERRIDES.get(chart_id, {}).get(name) or COLUMNS.get(name)


def _unit(kind: str, L: Labels, currency: str) -> str:
    units = {
        "t": L.unit("t"),
        "t/year": L.unit("t/year"),
        "feu": L.unit("FEU"),
        "teu": L("dl_u_teu"),
        "m2": L.unit("m2"),
        "money": L.cur(currency),
        "pct": "%",
        "days": L.unit("days"),
        "trains/day": L.unit("trains/day"),
        "ratio": "×",
        "deg": L("dl_u_deg"),
    }
    return units.get(kind, "")


def header(chart_id: str, name: str, L: Labels, currency: str = "RUB") -> str:
    """A column's header in ``L``'s language with its unit: ``Экспорт за месяц (сценарий), т``."""
    key, kind = column(chart_id, name) or (name, "number")
    text = L(f"stream_{key[7:]}") if key.startswith("stream:") else L(key)  # a money stream: the catalogue's name
    unit = _unit(kind, L, currency)
    return f"{text}, {unit}" if unit else text


def _number(s: pd.Series, kind: str) -> pd.Series:
    x = pd.to_numeric(s, errors="coerce").astype(float).replace([np.inf, -np.inf], np.nan)
    if kind == "pct":
        x = x * 100
    digits = _DIGITS.get(kind, 4)
    x = x.round(digits) + 0.0  # + 0.0: no "-0"
    return x.astype("Int64") if digits == 0 else x


def _words(s: pd.Series, kind: str, L: Labels) -> pd.Series:
    if kind == "date":
        return s
    if kind == "bool":
        return s.map(lambda v: "—" if pd.isna(v) else L("dl_yes") if v else L("dl_no"))
    if kind == "assumption":
        return s.map(lambda v: "—" if pd.isna(v) else L(f"a_{v}"))
    if kind == "assumptions":
        names = lambda v: [L(f"a_{p.strip()}") for p in str(v).split(",") if p.strip()] if isinstance(v, str) else []  # noqa: E731
        return s.map(lambda v: "; ".join(names(v)) or "—")
    if kind == "fact":
        f = tables().facts
        named = L.col(f, "metric") + ", " + L.col(f, "entity")
        return s.map(lambda v: named[v] if v in f.index else "—")
    if kind in ("kind", "convention"):
        prefix = "dl_kind_" if kind == "kind" else "dl_conv_"
        return s.map(lambda v: "—" if pd.isna(v) else L(prefix + str(v)))
    return s.astype(object).where(s.notna(), "—")


def table(chart_id: str, data: pd.DataFrame, L: Labels) -> pd.DataFrame:
    """``data`` of chart ``chart_id`` for a reader of ``L``'s language: headers in words with units, numbers rounded
    to their meaning, codes as words, the left-out columns dropped (see the module's table). ``data`` is not changed.

    A column not declared in :data:`COLUMNS` keeps its name and 4 decimals (tests/test_downloads.py fails on it)."""
    currency = str(data["currency"].iloc[0]) if "currency" in data and len(data) else "RUB"
    out = {}
    for name, s in data.items():
        key, kind = column(chart_id, name) or (None, "text" if s.dtype == object else "number")
        if kind == "drop":
            continue
        shown = header(chart_id, name, L, currency) if key else str(name)
        if kind in TEXT_KINDS or not (pd.api.types.is_numeric_dtype(s) or s.dtype == bool):
            out[shown] = _words(s, kind, L)
        else:
            out[shown] = _number(s, kind)
    return pd.DataFrame(out, index=data.index).reset_index(drop=True)


def shown(chart_id: str, data: pd.DataFrame, L: Labels) -> pd.DataFrame:
    """:func:`table` as a page shows it (the HTML report): numbers as text with the language's digit grouping,
    decimal mark and minus sign at their kind's precision (``−12 980 789 076``, ``96,6``), a missing value "—"."""
    out = table(chart_id, data, L)
    currency = str(data["currency"].iloc[0]) if "currency" in data and len(data) else "RUB"
    declared = {n: column(chart_id, n) for n in data.columns}
    kinds = {header(chart_id, n, L, currency): c[1] for n, c in declared.items() if c and c[0]}
    for h, s in out.items():
        kind = kinds.get(h, "text")
        if kind in TEXT_KINDS or not pd.api.types.is_numeric_dtype(s):
            continue
        digits = _DIGITS.get(kind, 4)
        fmt = (lambda v: str(int(v))) if kind == "year" else (L.dec if digits == 4 else lambda v, d=digits: L.num(v, d))
        out[h] = [("—" if pd.isna(v) else fmt(float(v))) for v in s]
    return out


def shown_plain(df: pd.DataFrame, L: Labels) -> pd.DataFrame:
    """A table without declared columns (the stated figures) as a page shows it: every number grouped, with the
    language's decimal mark and minus and up to two decimals (``14 000 000 000``, ``0,4``), a missing value "—"
    (not ``1,400000e+10``)."""
    out = df.copy()
    for i, (_, s) in enumerate(out.items()):
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out.isetitem(i, pd.Series(["—" if pd.isna(v) else L.dec(float(v)) for v in s], index=s.index, dtype=object))
    return out


def csv_format(L: Labels) -> export.CsvFormat:
    """The CSV format a reader of ``L``'s language opens in Excel by a double click (the catalogue's
    ``dl_csv_format``: ``;`` and a decimal comma in Russian, ``,`` and ``.`` in English)."""
    return export.CSV_FORMATS[L("dl_csv_format")]


def csv_bytes(chart_id: str, data: pd.DataFrame, L: Labels, fmt: export.CsvFormat | None = None) -> bytes:
    """The chart's data as a CSV for ``L``'s reader, in the language's format unless ``fmt`` is given."""
    return export.to_csv_bytes(table(chart_id, data, L), fmt or csv_format(L))


def xlsx_names(L: Labels) -> dict[str, str]:
    """The XLSX's sheet names and the scenario sheet's headers in ``L``'s language."""
    return {
        "data": L("dl_sheet_data"),
        "scenario": L("dl_sheet_scenario"),
        "sources": L("dl_sheet_sources"),
        "key": L("dl_key"),
        "value": L("dl_value"),
    }


def scenario_sheet(s: Scenario, L: Labels, currency: str, caption: str, query: str) -> dict[str, str]:
    """The scenario sheet of an XLSX for a reader: what differs (``caption``), the link's parameters, language,
    currency, date and every assumption by its slider's name and value with its unit (``views._input_value``)."""
    from components.present.views import _input_value  # views imports this module's callers, not this module

    sheet = {
        L("dl_scenario"): caption,
        L("dl_link"): query or L("dl_link_none"),
        L("dl_language"): L("dl_language_name"),
        L("dl_currency"): L.cur(currency),
        L("dl_exported"): L.day(clock.today()),
    }
    a = tables().assumptions
    for k, v in asdict(s).items():
        if k in CHOICES:
            sheet[L(k)] = L(f"{k}_{v}")
        elif k in a.index:
            sheet[L(f"a_{k}")] = _input_value(k, v, L)
    return sheet


def csv_file_name(chart_id: str, slug: str, day: dt.date, fmt: export.CsvFormat, L: Labels) -> str:
    """The CSV's file name; the format that is not the language's own says so (``…-semicolon_…`` / ``…-comma_…``)."""
    own = fmt == csv_format(L)
    return export.file_name(chart_id if own else f"{chart_id}-{fmt.name}", slug, day, "csv")
