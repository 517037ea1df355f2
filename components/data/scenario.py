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
#: Loan repayment profiles: equal principal instalments, or sculpted to the DSCR covenant.
REPAYMENTS = ("equal", "sculpted")
#: China-side acceptance episodes at the crossings (``episode`` of ``data/episodes.csv``, plus ``none``): a typical
#: year by default, none, or one named historical episode replayed on its calendar dates every year.
EPISODES = (
    "typical",
    "none",
    "altynkol_oct2025",
    "dostyk_sep2023",
    "dostyk_aug2024",
    "alashankou_2021",
    "khorgos_mar2023",
    "jul2022",
)
#: The scenario's choice fields and their options; the first option is the stated plan's.
CHOICES: dict[str, tuple[str, ...]] = {
    "shape": SHAPES,
    "profile": PROFILES,
    "convention": CONVENTIONS,
    "repayment": REPAYMENTS,
    "episodes": EPISODES,
}
CURRENCIES = ("RUB", "USD", "KZT")


@dataclass(frozen=True)
class Scenario:
    """One set of assumptions. Units are those of ``data/assumptions.csv``.

    Attributes
    ----------
    shape : one of :data:`SHAPES`. profile : one of :data:`PROFILES`. convention : one of :data:`CONVENTIONS`.
    repayment : one of :data:`REPAYMENTS` (the loan's principal: equal instalments or sculpted to the covenant).
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
    handling_west_rub_per_feu, storage_west_rub_per_feu : westbound (import) box tariffs (RUB/FEU).
    counterfactual_share : share of the stated baseline exports carried without the new capacity (share).
    headcount : operator's staff (jobs); wage_rub_month : loaded cost a job (RUB/month, 2025 prices).
    property_tax_rate, insurance_share : shares a year of the net and gross book value.
    exit_growth : nominal growth of free cash flow after the horizon (share/year, Gordon exit value).
    debt_share, debt_spread, debt_tenor_years, debt_grace_years, dscr_covenant, key_rate_shift : financing.
    hub_wait_share : share of the waiting cost at Selyatino the hub bears (share).
    terminal_capacity_feu_day : boxes the hub's own terminal moves a day, loaded and empty (FEU/day).
    usd_rub : RUB per USD. usd_kzt : KZT per USD.
    episodes : one of :data:`EPISODES` (the network's China-side acceptance episodes).
    The network fields (group ``network`` of ``data/assumptions.csv``, read by :mod:`components.model.network`):
    bg_growth_pct (%/year), dostyk_attainment (share of the 14 → 28 plan), altynkol_acceptance (x the ramp),
    kingman_v (x), bakhty_open (0/1), bakhty_share, rho0_dostyk, rho0_altynkol, dostyk_share (this flow via
    Dostyk; ``khorgos_share`` stays for :mod:`components.model.chain` only), slots_per_week (trains/week),
    reload_dry, reload_reefer (shares), wait_cost_dry, wait_cost_reefer (RUB/FEU/day), speed_km_day (km/day),
    processing_days, china_station_days, terminal_days, agrohub_days (days), typical_episode_depth (share),
    typical_episode_weeks (weeks).
    """

    shape: str
    profile: str
    convention: str
    repayment: str
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
    exit_growth: float
    capex_first_half_share: float
    horizon_years: float
    usd_rub: float
    usd_kzt: float
    handling_west_rub_per_feu: float
    storage_west_rub_per_feu: float
    counterfactual_share: float
    headcount: float
    wage_rub_month: float
    property_tax_rate: float
    insurance_share: float
    debt_share: float
    debt_spread: float
    debt_tenor_years: float
    debt_grace_years: float
    dscr_covenant: float
    key_rate_shift: float
    hub_wait_share: float
    terminal_capacity_feu_day: float
    episodes: str
    bg_growth_pct: float
    dostyk_attainment: float
    altynkol_acceptance: float
    kingman_v: float
    bakhty_open: float
    bakhty_share: float
    rho0_dostyk: float
    rho0_altynkol: float
    dostyk_share: float
    slots_per_week: float
    reload_dry: float
    reload_reefer: float
    wait_cost_dry: float
    wait_cost_reefer: float
    speed_km_day: float
    processing_days: float
    china_station_days: float
    terminal_days: float
    agrohub_days: float
    typical_episode_depth: float
    typical_episode_weeks: float

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
