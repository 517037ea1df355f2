"""The answer block at the top of the Overview: what the dashboard concludes, in three or four sentences.

Each :class:`Sentence` carries its figures already formatted for the page's language and the page that shows
them in full. Built from the scenario's one result (:class:`components.model.run.Result`): the network's longest
wait, the appraisal and its Monte Carlo share, today's standing against the stated plan (with the uploaded
actuals, if any) and the top entry of the NPV tornado. Pure: no Streamlit; the page draws the sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components.data.facts import tables
from components.model import economics, tracking
from components.model.run import Result
from components.present.i18n import Labels

#: The pages the sentences link to (the ``url_path`` of their ``st.Page`` in ``dashboard.py``).
PAGES = {"wait": "capacity", "pays": "economics", "today": "projections", "moves": "economics"}


def link(topic: str, L: Labels, actuals: pd.DataFrame | None = None) -> tuple[str, str]:
    """The page a sentence links to and the link's text: ``(page, text)``. The text depends on the topic and, for
    today's standing, on whether actuals are loaded (not on the scenario: the page draws the links once per run)."""
    if topic == "today":
        loaded = actuals is not None and not actuals.empty
        return PAGES[topic], L("ans_today_link_actuals" if loaded else "ans_today_link_upload")
    return PAGES[topic], L({"wait": "ans_wait_link", "pays": "ans_pays_link", "moves": "ans_moves_link"}[topic])


#: Below this the longest wait is "no congestion" [days]: it shows as 0.0 at one decimal.
NO_WAIT_DAYS = 0.05


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer.

    Attributes
    ----------
    topic : str
        ``wait``, ``pays``, ``today`` or ``moves``.
    lead : str
        A few words in bold before the sentence ("Congestion:").
    text : str
        The sentence, Markdown (its key figures in bold), figures formatted for the language.
    page : str
        The page that shows it in full: a key of ``dashboard.PAGES`` (``capacity``, ``economics``, ``projections``).
    link : str
        The link's text.
    """

    topic: str
    lead: str
    text: str
    page: str
    link: str

    @property
    def markdown(self) -> str:
        return f"**{self.lead}** {self.text}"


def _member(r: Result, name: str, compute):  # noqa: ANN001, ANN202
    """A lazy member of the result (``npv_distribution``, ``sensitivity``), or ``compute(scenario)`` when this
    version of :class:`Result` does not carry it."""
    return getattr(r, name) if hasattr(type(r), name) else compute(r.scenario)


def days(x: float, L: Labels) -> str:
    """Days with one decimal and the unit (``10.9 days`` / ``10,9 сут.``), never negative."""
    return f"{L.num(max(0.0, float(x)), 1)}\u00a0{L.unit('days')}"


def signed_money(x: float, L: Labels) -> str:
    """``+6.4 bn RUB`` / ``−12,98 млрд ₽``: the sign always shown (a true minus)."""
    text = L.money(abs(x))
    return ("−" if x < 0 and text.strip("0.,\u00a0") else "+") + text


def signed_tonnes(x: float, L: Labels) -> str:
    """``+12.3 kt`` / ``−4,5 тыс. т``."""
    return ("−" if x < 0 else "+") + L.tonnes(abs(x))


def share_of(p: float, n: int, L: Labels) -> str:
    """The share of ``n`` simulations, as a reader says it: none, all, <1 %, >99 % or the rounded percentage."""
    if p <= 0:
        return L("ans_sims_none", n=L.num(n))
    if p >= 1:
        return L("ans_sims_all", n=L.num(n))
    shown = "<" + L.pct(0.01) if p < 0.005 else ">" + L.pct(0.99) if p > 0.995 else L.pct(p)
    return L("ans_sims_share", share=shown, n=L.num(n))


def input_value(param: str, v: float, L: Labels) -> str:
    """An assumption's value with its unit: ``50 jobs``, ``15%``, ``6,000 RUB/m²/year`` / ``6 000 ₽/м²/год``."""
    unit = tables().assumptions.at[param, "unit"]
    if unit in ("share", "share/year"):
        return L.pct(v, 0 if round(v * 100, 1) == round(v * 100) else 1)
    if unit in ("years", "months", "days"):
        return L.count(v, unit, 1)
    if unit == "x":  # a multiple in its plural form: «1,2 раза», not «1,2 раз»
        return L.count(v, "times", 2)
    return f"{L.dec(v)}\u00a0{L.unit(unit)}"


def input_name(param: str, L: Labels) -> str:
    """The sidebar's name of an assumption without its unit in brackets: "Operator's staff"."""
    name = L(f"a_{param}")
    return name[: name.rfind(" (")] if name.endswith(")") and " (" in name else name


# --- the four sentences ----------------------------------------------------------------------------------------


def wait_sentence(r: Result, L: Labels) -> Sentence:
    """Where and when this flow waits longest, how many days, and whether the queue clears there."""
    su = r.network.summary
    where, when, d = su.longest_wait_where, su.longest_wait_month, su.longest_wait_days
    if not math.isfinite(d) or d < NO_WAIT_DAYS:
        text = L("ans_wait_none")
    else:
        if su.longest_wait_over_cap:  # "more than 60 days": the cap is a round figure
            shown = L("ans_days_over", d=f"{L.num(su.longest_wait_days_display)}\u00a0{L.unit('days')}")
        else:
            shown = days(d, L)
        if where == "selyatino":
            text = L("ans_wait_hub", days=shown, when=L.in_month(when))
        else:
            text = L("ans_wait", days=shown, crossing=L(f"cr_{where}"), when=L.in_month(when))
        if su.never_clears.get(where):
            text += " " + L(
                "ans_wait_never_clears",
                feu=L.num(su.end_backlog_feu.get(where, 0.0)),
                when=L.in_month(su.end_month),
            )
    return Sentence("wait", L("ans_wait_lead"), text, *link("wait", L))


def pays_sentence(r: Result, L: Labels, dist: dict | None = None) -> Sentence:
    """Whether the hub pays: NPV at the key-rate path's WACC, equity IRR, minimum DSCR, share of positive paths."""
    ap = r.economics if r.economics is not None else economics.appraisal(r.scenario)
    dist = dist if dist is not None else _member(r, "npv_distribution", economics.npv_distribution)
    p, n = float(dist["p_positive"]), len(dist["npv"])
    # the point NPV and the simulations agree: yes or no; they disagree: uncertain
    verdict = "ans_verdict_yes" if ap.npv > 0 and p >= 0.5 else "ans_verdict_no" if ap.npv <= 0 and p < 0.5 else None
    eirr = L.pct(ap.equity_irr, 1) if ap.equity_irr is not None else L("ans_irr_none")
    dscr = (
        L("ans_no_debt") if ap.min_dscr is None else L("ans_dscr", dscr=L.num(ap.min_dscr, 2), cov=L.dec(ap.covenant))
    )
    text = L(
        "ans_pays",
        verdict=L(verdict or "ans_verdict_unsure"),
        wacc=L.pct(ap.nominal_rate, 1),
        npv=signed_money(ap.npv, L),
        eirr=eirr,
        dscr=dscr,
        sims=share_of(p, n, L),
    )
    return Sentence("pays", L("ans_pays_lead"), text, *link("pays", L))


def _completion(a: tracking.AsOf, L: Labels) -> str:
    ago = a.completion_months_ago
    if ago > 0:
        return L("ans_completion_passed", ago=L("ans_ago", n=L.count(ago, "months")))
    if ago == 0:
        return L("ans_completion_now")
    return L("ans_completion_ahead", n=L.count(-ago, "months"))


def today_sentence(r: Result, L: Labels, actuals: pd.DataFrame | None = None) -> Sentence:
    """Today's date, the stated completion date against it, and the actuals against the plan (or an invitation
    to upload them)."""
    a = r.as_of(actuals)
    head = L("ans_today", day=L.day(a.today), completion=_completion(a, L))
    if a.actual_ytd is not None:
        plan = a.plan_ytd_same or 0.0
        tail = L(
            "ans_today_actual",
            year=a.month.year,
            n=L.count(a.actual_ytd_months, "months"),
            v=L.tonnes(a.actual_ytd),
            gap=signed_tonnes(a.actual_ytd - plan, L),
            share=L.pct(a.actual_ytd / plan) if plan > 0 else "—",
        )
    elif a.actual_rate is not None:
        tail = L(
            "ans_today_rate",
            month=L.month(a.actual_rate_month),
            v=L.tonnes(a.actual_rate),
            gap=signed_tonnes(a.actual_rate - a.plan.rate_t_year, L),
        )
    elif actuals is not None and not actuals.empty:
        tail = L("ans_today_none_this_year", year=a.month.year)
    elif a.ytd_months > 0:
        tail = L(
            "ans_today_upload",
            plan=L.tonnes(a.plan.tonnes_ytd),
            months=L("ans_jan_to", last=L.month(a.month - pd.DateOffset(months=1))),
        )
    else:
        tail = L("ans_today_upload_january")
    return Sentence("today", L("ans_today_lead"), f"{head} {tail}", *link("today", L, actuals))


def moves_sentence(r: Result, L: Labels, sens: pd.DataFrame | None = None) -> Sentence | None:
    """The top entry of the NPV tornado: the assumption whose range moves the NPV most, and by how much."""
    sens = sens if sens is not None else _member(r, "sensitivity", economics.sensitivity)
    if sens is None or sens.empty or not float(sens["swing"].iloc[0]) > 0:
        return Sentence("moves", L("ans_moves_lead"), L("ans_moves_none"), *link("moves", L))
    top = sens.iloc[0]
    p = str(top["param"])
    text = L(
        "ans_moves",
        name=input_name(p, L),
        npv_low=signed_money(float(top["npv_low"]), L),
        low=input_value(p, float(top["low"]), L),
        npv_high=signed_money(float(top["npv_high"]), L),
        high=input_value(p, float(top["high"]), L),
        swing=L.money(float(top["swing"])),
    )
    return Sentence("moves", L("ans_moves_lead"), text, *link("moves", L))


def answer(
    r: Result,
    L: Labels,
    actuals: pd.DataFrame | None = None,
    dist: dict | None = None,
    sens: pd.DataFrame | None = None,
) -> list[Sentence]:
    """The answer block's sentences, in order: where it congests, whether the hub pays, where things stand today,
    what moves the answer most.

    Parameters
    ----------
    r : Result
        The scenario's one result (its network and appraisal; today's date).
    L : Labels
        The page's language.
    actuals : pandas.DataFrame, optional
        Uploaded monthly actuals (``month``, ``tonnes`` [t/month]), if any.
    dist : dict, optional
        :func:`components.model.economics.npv_distribution` of the scenario (default: the result's own).
    sens : pandas.DataFrame, optional
        :func:`components.model.economics.sensitivity` of the scenario (default: the result's own).

    Returns
    -------
    list of Sentence
        Four sentences; figures formatted for ``L``'s language, none NaN.
    """
    return [
        wait_sentence(r, L),
        pays_sentence(r, L, dist),
        today_sentence(r, L, actuals),
        moves_sentence(r, L, sens),
    ]
