"""The stream registry: every revenue, cost, tax, capital and financing stream of the appraisal, declared once.

The cash-flow table's columns, the charts' groups and colours (by ``group``), the tornado and Monte Carlo inputs
(by ``params``), the bridge's steps (by ``bridge``), the downloads and the report all read :data:`STREAMS`.
Pure data: no numbers are computed here (the formulas live in :mod:`components.model.economics`; ``driver`` says
which, in words).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stream:
    """One money stream.

    Attributes
    ----------
    id : column name in the cash-flow table; its name in each language is the catalogue's ``stream_<id>``.
    unit : unit of the column [RUB/year, nominal or in 2025 roubles by the table's convention].
    driver : how it is computed, in words (volume × tariff, book value × rate, ...).
    params : assumption ids (``data/assumptions.csv``) that drive it.
    source : where its default figures come from (or "estimate").
    sign : +1 money in, −1 money out (the column holds the signed amount).
    kind : "revenue", "opex", "capex", "tax", "exit" or "financing".
    group : chart group (bars of one colour).
    bridge : step of the NPV bridge its parameters belong to.
    view : "project" (sums to the project's free cash flow ``net``) or "equity" (added to it, gives ``equity_net``).
    """

    id: str
    unit: str
    driver: str
    params: tuple[str, ...]
    source: str
    sign: int
    kind: str
    group: str
    bridge: str
    view: str = "project"


_Y = "RUB/year"
STREAMS: tuple[Stream, ...] = (
    Stream(
        "rent",
        _Y,
        "area × leasable share × occupancy × rent, indexed by CPI",
        ("rent_rub_per_m2_year", "leasable_share", "vacancy", "occupancy_start", "occupancy_ramp_years"),
        "Nikoliers via Vedomosti (rent 2025); NF Group via TASS (vacancy)",
        +1,
        "revenue",
        "rent",
        "tariffs",
    ),
    Stream(
        "handling_east",
        _Y,
        "incremental eastbound loaded FEU × eastbound tariff",
        ("handling_rub_per_feu",),
        "RTL Prim seaport terminal 5,200 RUB/FEU (proxy, estimate)",
        +1,
        "revenue",
        "handling",
        "tariffs",
    ),
    Stream(
        "handling_west",
        _Y,
        "incremental westbound loaded FEU (= eastbound × westbound ratio) × westbound tariff",
        ("handling_west_rub_per_feu", "backhaul_ratio"),
        "RTL Prim seaport terminal 7,800 RUB/FEU (proxy, estimate); ratio 341k / 113k TEU (KTZ, 2023)",
        +1,
        "revenue",
        "handling",
        "tariffs",
    ),
    Stream(
        "handling_empty_east",
        _Y,
        "eastbound empty FEU (westbound loaded above eastbound loaded) × empty share × eastbound tariff",
        ("empty_handling_share", "handling_rub_per_feu", "backhaul_ratio"),
        "RTL Prim empty export 2,600 / loaded 5,200 RUB (proxy, estimate)",
        +1,
        "revenue",
        "empties",
        "tariffs",
    ),
    Stream(
        "handling_empty_west",
        _Y,
        "westbound empty FEU (eastbound loaded above westbound loaded) × empty share × westbound tariff",
        ("empty_handling_share", "handling_west_rub_per_feu", "backhaul_ratio"),
        "RTL Prim (proxy, estimate)",
        +1,
        "revenue",
        "empties",
        "tariffs",
    ),
    Stream(
        "ancillary",
        _Y,
        "incremental eastbound loaded FEU × services per box",
        ("ancillary_rub_per_feu",),
        "estimate (no public figure)",
        +1,
        "revenue",
        "services",
        "tariffs",
    ),
    Stream(
        "storage_west",
        _Y,
        "incremental westbound loaded FEU × storage per box",
        ("storage_west_rub_per_feu", "backhaul_ratio"),
        "RTL Prim storage USD 46 a day (proxy, estimate)",
        +1,
        "revenue",
        "services",
        "tariffs",
    ),
    Stream(
        "payroll",
        _Y,
        "headcount × loaded wage × months operating, indexed by CPI",
        ("headcount", "wage_rub_month"),
        "estimate 110–130k RUB/month (Moscow-region wage 119.7k, EMISS via RIA; contributions 30 %)",
        -1,
        "opex",
        "payroll",
        "costs",
    ),
    Stream(
        "property_tax",
        _Y,
        "rate × average net book value (investment + capitalised interest − depreciation) × months commissioned / 12",
        ("property_tax_rate", "depreciation_years"),
        "Tax Code art. 380; Moscow-region law 150/2003-OZ: 2.2 %",
        -1,
        "opex",
        "property_tax",
        "taxes",
    ),
    Stream(
        "insurance",
        _Y,
        "share × gross book value × months commissioned / 12",
        ("insurance_share",),
        "estimate",
        -1,
        "opex",
        "opex",
        "costs",
    ),
    Stream(
        "opex_fixed",
        _Y,
        "total area × other fixed cost per m², indexed by CPI",
        ("opex_fixed_rub_per_m2_year",),
        "estimate",
        -1,
        "opex",
        "opex",
        "costs",
    ),
    Stream(
        "opex_var",
        _Y,
        "every incremental box handled (loaded and empty, both ways) × variable cost, indexed by CPI",
        ("opex_var_rub_per_feu",),
        "estimate",
        -1,
        "opex",
        "opex",
        "costs",
    ),
    Stream(
        "waiting_hub",
        _Y,
        "box-days waiting × cost per box-day × share the hub bears (zero until the network model is wired in)",
        (),
        "research §6: dry 3,000, reefer 7,000 RUB per FEU-day (estimate)",
        -1,
        "opex",
        "waiting",
        "waiting",
    ),
    Stream(
        "maintenance_capex",
        _Y,
        "share × stated investment a year of operation, indexed by CPI; deducted as repairs",
        ("maintenance_capex_share",),
        "estimate",
        -1,
        "capex",
        "maintenance",
        "capex",
    ),
    Stream(
        "tax",
        _Y,
        "rate × (EBITDA − depreciation − maintenance), losses carried forward within 50 % of the base",
        ("profit_tax_rate", "depreciation_years"),
        "Tax Code (25 % from 2025; art. 283 loss limit)",
        -1,
        "tax",
        "tax",
        "taxes",
    ),
    Stream(
        "investment",
        _Y,
        "the stated investment spread over the works months",
        ("capex_first_half_share", "delay_months"),
        "seed report (stated)",
        -1,
        "capex",
        "investment",
        "capex",
    ),
    Stream(
        "exit_value",
        _Y,
        "last year's after-tax free cash flow × (1 + g) / (WACC − g), in the horizon's last year",
        ("exit_growth",),
        "estimate (growth at the ≈ 4 % inflation target)",
        +1,
        "exit",
        "exit",
        "exit",
    ),
    # financing: added to the project's free cash flow they give the cash to equity
    Stream(
        "debt_drawdown",
        _Y,
        "debt share × investment in each construction year",
        ("debt_share",),
        "estimate",
        +1,
        "financing",
        "financing",
        "financing",
        "equity",
    ),
    Stream(
        "interest",
        _Y,
        "(key-rate path + spread) × loan balance; capitalised in construction years",
        ("debt_spread", "key_rate_shift"),
        "research §8 (key-rate path); spread estimate",
        -1,
        "financing",
        "financing",
        "financing",
        "equity",
    ),
    Stream(
        "principal",
        _Y,
        "equal instalments over the tenor after the grace, or sculpted to the DSCR covenant; the rest at the horizon",
        ("debt_tenor_years", "debt_grace_years", "dscr_covenant"),
        "estimate",
        -1,
        "financing",
        "financing",
        "financing",
        "equity",
    ),
    Stream(
        "tax_financing",
        _Y,
        "profit tax without debt − profit tax with debt (interest and its capitalised part deductible)",
        ("profit_tax_rate",),
        "Tax Code",
        +1,
        "financing",
        "financing",
        "financing",
        "equity",
    ),
    Stream(
        "idc_costs",
        _Y,
        "(property tax + insurance) with the capitalised interest in book value − without it",
        ("property_tax_rate", "insurance_share"),
        "Tax Code art. 380",
        -1,
        "financing",
        "financing",
        "financing",
        "equity",
    ),
)

BY_ID: dict[str, Stream] = {x.id: x for x in STREAMS}
#: Streams that sum to the project's free cash flow ``net``.
PROJECT = tuple(x.id for x in STREAMS if x.view == "project")
#: Streams that, added to ``net``, give the cash to equity ``equity_net``.
EQUITY = tuple(x.id for x in STREAMS if x.view == "equity")
REVENUE = tuple(x.id for x in STREAMS if x.kind == "revenue")
#: Operating costs before EBITDA (money out).
OPEX = tuple(x.id for x in STREAMS if x.kind == "opex")
#: Steps of the NPV bridge, in order.
BRIDGE_STEPS = ("volume", "tariffs", "costs", "capex", "financing", "taxes", "exit", "waiting")
