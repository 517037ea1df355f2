"""The scenario: every assumption behind the projections, with defaults and ranges from ``data/``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

from components.data.facts import tables

#: Curve shapes of the ramp from the baseline to the target.
SHAPES = ("s_curve", "linear", "constant_growth")
#: Seasonal profiles that spread a year's tonnes over its months (rows of ``data/seasonality.csv``).
PROFILES = ("agri_mix", "even", "grain_heavy")
#: Money conventions: nominal (indexed flows, nominal rate) or real (today's roubles, real rate).
CONVENTIONS = ("nominal", "real")
#: The scenario's choice fields and their options; the first option is the stated plan's.
CHOICES: dict[str, tuple[str, ...]] = {"shape": SHAPES, "profile": PROFILES, "convention": CONVENTIONS}
CURRENCIES = ("RUB", "USD", "KZT")


@dataclass(frozen=True)
class Scenario:
    """One set of assumptions. Units are those of ``data/assumptions.csv``.

    Attributes
    ----------
    shape : one of :data:`SHAPES`. profile : one of :data:`PROFILES`. convention : one of :data:`CONVENTIONS`.
    delay_months : months the target date slips after the stated April 2026.
    attainment : share of the stated 550 kt/year actually reached (1.0 = as stated).
    growth_after_pct : growth of exports after the target, % a year.
    delay_sd_months, attainment_sd : spreads for the Monte Carlo band (months, share).
    feu_payload_t : tonnes in one 40-ft dry box (t/FEU). reefer_share : share of tonnes in reefer boxes.
    reefer_payload_t : tonnes in one 40-ft reefer box (t/FEU). feu_per_train : boxes per train.
    rail_share : share of the stated flow through Selyatino by rail via Kazakhstan.
    khorgos_share : share of China-bound trains crossing at Altynkol–Khorgos (the rest at Dostyk).
    service_trains_per_week : planned service frequency of the hub's China train (trains/week), not a capacity.
    dwell_days : days a tonne stays at the hub. utilisation : usable share of capacity.
    storage_t_per_m2 : tonnes held per m² of total area. backhaul_ratio : loaded westbound per loaded eastbound box.
    transit_days : rail days Selyatino → China.
    capex_rub_per_m2 : benchmark build cost (RUB/m²). rent_rub_per_m2_year : RUB/m²/year.
    handling_rub_per_feu : RUB per loaded box handled. The other economics fields (rates as shares a year,
    money in RUB) are described in ``data/assumptions.csv`` and :mod:`components.model.economics`.
    horizon_years : appraisal length (years).
    usd_rub : RUB per USD. usd_kzt : KZT per USD.
    """

    shape: str
    profile: str
    convention: str
    delay_months: float
    attainment: float
    growth_after_pct: float
    delay_sd_months: float
    attainment_sd: float
    feu_payload_t: float
    reefer_share: float
    reefer_payload_t: float
    feu_per_train: float
    rail_share: float
    khorgos_share: float
    service_trains_per_week: float
    dwell_days: float
    utilisation: float
    storage_t_per_m2: float
    backhaul_ratio: float
    transit_days: float
    capex_rub_per_m2: float
    rent_rub_per_m2_year: float
    handling_rub_per_feu: float
    capex_cold_rub_per_m2: float
    leasable_share: float
    vacancy: float
    occupancy_start: float
    occupancy_ramp_years: float
    empty_handling_share: float
    ancillary_rub_per_feu: float
    opex_fixed_rub_per_m2_year: float
    opex_var_rub_per_feu: float
    risk_free_rate: float
    risk_premium: float
    cpi_long_run: float
    profit_tax_rate: float
    depreciation_years: float
    maintenance_capex_share: float
    cap_rate: float
    capex_first_half_share: float
    horizon_years: float
    usd_rub: float
    usd_kzt: float

    @classmethod
    def default(cls) -> Scenario:
        """The stated plan: every assumption at its default from ``data/assumptions.csv``."""
        a = tables().assumptions
        return cls(**{k: opts[0] for k, opts in CHOICES.items()}, **{k: float(v) for k, v in a["default"].items()})

    @classmethod
    def numeric_fields(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in CHOICES]

    def with_values(self, **changes) -> Scenario:
        """A copy with ``changes`` applied, each checked against its range (ValueError if outside)."""
        a = tables().assumptions
        for k, v in changes.items():
            if k in CHOICES:
                if v not in CHOICES[k]:
                    raise ValueError(f"{k} must be one of {CHOICES[k]}, not {v!r}")
                continue
            if k not in a.index:
                raise ValueError(f"unknown assumption {k!r}")
            if not (isinstance(v, (int, float)) and math.isfinite(v) and a.at[k, "min"] <= v <= a.at[k, "max"]):
                raise ValueError(f"{k}={v!r} outside [{a.at[k, 'min']}, {a.at[k, 'max']}]")
        return replace(self, **{k: (v if k in CHOICES else float(v)) for k, v in changes.items()})

    def changes_from_default(self) -> dict[str, float | str]:
        """Assumptions that differ from the stated plan."""
        d = asdict(Scenario.default())
        return {k: v for k, v in asdict(self).items() if d[k] != v}

    def slug(self) -> str:
        """Short file-name-safe name of what differs from the plan, e.g. ``delay-6m_payload-20t``."""
        short = {
            "delay_months": ("delay", "m"),
            "attainment": ("attain", ""),
            "feu_payload_t": ("payload", "t"),
            "growth_after_pct": ("growth", "pct"),
        }
        parts = []
        for k, v in self.changes_from_default().items():
            if k in CHOICES:
                parts.append(str(v).replace("_", "-"))
            elif k in short:
                name, unit = short[k]
                parts.append(f"{name}-{v:g}{unit}")
            else:
                parts.append(k.split("_")[0])
        return "_".join(parts[:4]) or "stated-plan"


def preset(name: str) -> Scenario:
    """A named preset from ``data/presets.csv`` applied to the stated plan."""
    p = tables().presets
    rows = p[p["preset"] == name]
    if rows.empty:
        raise KeyError(f"unknown preset {name!r}; known: {sorted(p['preset'].unique())}")
    return Scenario.default().with_values(**dict(zip(rows["param"], rows["value"])))


def preset_names() -> list[str]:
    return list(dict.fromkeys(tables().presets["preset"]))


def whole_number(param: str) -> bool:
    """True where an assumption's range, step and default are whole numbers: its slider holds integers."""
    r = tables().assumptions.loc[param]
    return all(float(r[c]).is_integer() for c in ("min", "max", "step", "default"))


def parse_params(params: Mapping[str, str | list[str]]) -> tuple[Scenario, list[tuple[str, str]]]:
    """Scenario from URL query parameters, never raising.

    Each bad parameter falls back to its default and yields a notice ``(key, reason)``, reason one of
    ``unknown``, ``empty``, ``repeated`` or ``invalid`` (not a number, out of range, or a fraction
    where the slider holds whole numbers). A value is read whole, as the slider reads it.
    """
    s, notices = Scenario.default(), []
    for key, raw in params.items():
        values = raw if isinstance(raw, list) else [raw]
        if key not in asdict(s):
            notices.append((key, "unknown"))
            continue
        if len(values) != 1:
            notices.append((key, "repeated" if values else "empty"))
            continue
        text = str(values[0])
        try:
            value = text if key in CHOICES else float(text)
            if key not in CHOICES and whole_number(key) and not value.is_integer():
                raise ValueError(f"{key} takes whole numbers")
            s = s.with_values(**{key: value})
        except (ValueError, OverflowError):
            notices.append((key, "invalid"))
    return s, notices
