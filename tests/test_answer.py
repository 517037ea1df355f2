"""The Overview's answer block (components/present/answer.py): each sentence names what the model's own tables say,
formatted for the reader's language, with no NaN, no US date and no hyphen for a minus."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.scenario import Scenario
from components.model import chain, economics, network, run
from components.present import answer
from components.present.i18n import Labels

TODAY = dt.date(2026, 12, 5)  # the session's "today": December 2026, after the stated April 2026 completion
EN, RU = Labels("en"), Labels("ru")
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def plan() -> run.Result:
    return run.run(Scenario.default(), TODAY)


def plain(text: str) -> str:
    """The sentence as read: no Markdown bold, no-break spaces as spaces."""
    return text.replace("**", "").replace(NBSP, " ").replace("\u202f", " ")


# --- where and when it congests --------------------------------------------------------------------------------------


def test_the_wait_sentence_names_the_network_tables_longest_wait(plan):
    # The network's own cell table, computed here apart from the result: this flow uses both crossings
    # (dostyk_share 0.5), so its longest border wait is the largest wait_days of the Dostyk and Altynkol rows; the
    # wait for a slot at Selyatino (monthly table) is 0 at the plan's 14 slots a week, so the border wait is the one.
    net = network.run(Scenario.default())
    rows = net.table[net.table["crossing"].isin(["dostyk", "altynkol"])]
    top = rows.loc[rows["wait_days"].idxmax()]
    assert net.monthly["selyatino_wait_days"].max() < top["wait_days"]
    # The typical episode cuts Altynkol every October from 2026 (network docstring, method 1), so the worst cell is
    # Altynkol in October 2026.
    assert (top["crossing"], pd.Timestamp(top["month"])) == ("altynkol", pd.Timestamp("2026-10-01"))
    days = round(float(top["wait_days"]), 1)  # 10.9 at the time of writing
    en = plain(answer.wait_sentence(plan, EN).text)
    ru = plain(answer.wait_sentence(plan, RU).text)
    assert "at Altynkol in October 2026" in en and f"{days:.1f} days" in en
    assert "на погранпереходе Алтынколь в октябре 2026 г." in ru and f"{days:.1f}".replace(".", ",") + " сут." in ru


def test_a_queue_that_never_clears_is_said_so_and_the_days_are_capped():
    # 2 contracted slots a week against the plan's ~7 trains a week: the queue at Selyatino grows every month
    # (network.SENSITIVE_FIELDS' comment), so the longest wait is for a slot, beyond the 60-day display cap.
    r = run.run(Scenario.default().with_values(slots_per_week=2), TODAY, with_economics=False)
    su = r.network.summary
    assert su.never_clears["selyatino"] and su.longest_wait_over_cap
    en, ru = plain(answer.wait_sentence(r, EN).text), plain(answer.wait_sentence(r, RU).text)
    assert "at Selyatino for a contracted train slot" in en and "more than 60 days" in en
    assert "does not clear" in en and f"{su.end_backlog_feu['selyatino']:,.0f} boxes" in en
    assert "контрактную нитку в Селятино" in ru and "более 60 сут." in ru and "не рассасывается" in ru


# --- whether the hub pays --------------------------------------------------------------------------------------------


def test_the_pays_sentence_carries_the_npv_irr_dscr_and_the_simulations(plan):
    s = Scenario.default()
    flows = economics.cash_flows(s)  # the cash-flow table, apart from the result
    npv = float(flows["discounted"].sum())  # Σ free cash flow × discount factor
    service = flows["debt_service"].to_numpy()
    has = service > 1e-6 * np.abs(service).max()
    min_dscr = float((flows["cfads"].to_numpy()[has] / service[has]).min())  # CFADS / debt service, lowest year
    values = economics.npv_distribution(s)["npv"]
    positive = float(np.mean(values > 0))
    # the plan loses money: NPV ≈ −13 bn RUB, DSCR below zero in some year, no simulation positive
    assert npv < 0 and min_dscr < 0 and positive == 0.0 and len(values) == 10_000
    bn = f"{abs(npv) / 1e9:.2f}".rstrip("0").rstrip(".")
    en, ru = plain(answer.pays_sentence(plan, EN).text), plain(answer.pays_sentence(plan, RU).text)
    assert en.startswith("No: ") and f"−{bn} bn RUB" in en
    assert f"minimum DSCR −{abs(min_dscr):.2f} (covenant 1.2)" in en and "none of 10,000 simulations" in en
    assert f"equity IRR −{abs(plan.economics.equity_irr) * 100:.1f}%" in en
    assert ru.startswith("Нет: ") and f"−{bn.replace('.', ',')} млрд ₽" in ru
    assert f"минимальный DSCR — −{abs(min_dscr):.2f}".replace(".", ",") in ru
    assert "ни в одной из 10 000 симуляций" in ru and "ВНД собственного капитала" in ru and "ЧДД" in ru


@pytest.mark.parametrize(
    ("p", "en", "ru"),
    [
        (0.0, "none of 10,000 simulations", "ни в одной из 10 000 симуляций"),
        (0.003, "<1% of 10,000 simulations", "<1 % из 10 000 симуляций"),
        (0.37, "37% of 10,000 simulations", "37 % из 10 000 симуляций"),
        (0.999, ">99% of 10,000 simulations", ">99 % из 10 000 симуляций"),
        (1.0, "all 10,000 simulations", "во всех 10 000 симуляциях"),
    ],
)
def test_the_share_of_simulations_reads_as_a_reader_says_it(p, en, ru):
    # 0.3 % would round to "0 %", which would read as none: it shows as "<1 %"; 99.9 % likewise not as "100 %"
    assert plain(answer.share_of(p, 10_000, EN)) == en
    assert plain(answer.share_of(p, 10_000, RU)).endswith(ru)


# --- where things stand today ----------------------------------------------------------------------------------------


def test_today_names_the_date_and_the_passed_completion_and_invites_an_upload(plan):
    # 5 December 2026: April 2026 → December 2026 is 8 months; January–November are the complete months of 2026
    en, ru = plain(answer.today_sentence(plan, EN).text), plain(answer.today_sentence(plan, RU).text)
    assert "as of 5 December 2026, the stated completion date (April 2026) passed 8 months ago" in en
    assert "upload monthly actuals" in en and "for January–November 2026" in en
    assert "на 5 декабря 2026 г. заявленный срок завершения (апрель 2026) истёк 8 месяцев назад" in ru
    assert "загрузите месячный факт" in ru and "за январь–ноябрь 2026" in ru  # a span of months: an en dash, no spaces
    assert answer.today_sentence(plan, EN).page == "projections"


def test_today_with_actuals_compares_them_with_the_plan_over_the_same_months(plan):
    months = pd.date_range("2026-01-01", "2026-11-01", freq="MS")
    actuals = pd.DataFrame({"month": months, "tonnes": 30_000.0})  # 11 × 30 kt = 330 kt
    # the stated plan's tonnes over the same months, by its seasonal profile (chain), apart from the answer
    p = chain.seasonal_trajectory(Scenario.default()).set_index("month")["tonnes"].reindex(months).sum()
    gap = 330_000 - p
    en, ru = plain(answer.today_sentence(plan, EN, actuals).text), plain(answer.today_sentence(plan, RU, actuals).text)
    sign = "−" if gap < 0 else "+"
    assert "Actuals for 2026 (11 months uploaded): 330 kt" in en
    assert f"{sign}{abs(gap) / 1e3:.1f} kt against the stated plan" in en
    assert f"({330_000 / p * 100:.0f}% of it)" in en
    assert "загружено: 11 месяцев" in ru and "330 тыс. т" in ru
    assert answer.today_sentence(plan, EN, actuals).link == "Actuals against the plan"


@pytest.mark.parametrize(
    ("today", "en", "ru"),
    [
        # February 2026: two months before April 2026
        (dt.date(2026, 2, 10), "the stated completion date (April 2026) is 2 months away", "остаётся 2 месяца"),
        (dt.date(2026, 4, 20), "the stated completion month (April 2026) is this month", "наступает в этом месяце"),
        # January 2027: 9 months after April 2026, and no complete month of 2027 yet to compare
        (dt.date(2027, 1, 15), "passed 9 months ago", "истёк 9 месяцев назад"),
    ],
)
def test_today_before_at_and_long_after_the_completion(today, en, ru):
    r = run.run(Scenario.default(), today, with_economics=False)
    assert en in plain(answer.today_sentence(r, EN).text)
    assert ru in plain(answer.today_sentence(r, RU).text)
    if today.month == 1:
        assert plain(answer.today_sentence(r, EN).text).endswith("to compare them with the plan.")


# --- what moves it most ----------------------------------------------------------------------------------------------


def test_the_moves_sentence_names_the_largest_swing_of_the_tornado(plan):
    sens = economics.sensitivity(Scenario.default())
    swing = (sens["npv_high"] - sens["npv_low"]).abs()  # recomputed, and the largest found here, not by its order
    top = sens.loc[swing.idxmax()]
    assert top["param"] == "headcount" and (top["low"], top["high"]) == (50, 1500)  # data/assumptions.csv range
    en = plain(answer.moves_sentence(plan, EN, sens).text)
    ru = plain(answer.moves_sentence(plan, RU, sens).text)
    bn = lambda x: f"{'−' if x < 0 else '+'}{abs(x) / 1e9:.2f}".rstrip("0").rstrip(".")  # noqa: E731
    assert en.startswith("“Operator's staff”") and "(50 jobs)" in en and "(1,500 jobs)" in en
    assert f"{bn(top['npv_low'])} bn RUB (50 jobs)" in en and f"{bn(top['npv_high'])} bn RUB (1,500 jobs)" in en
    assert f"a swing of {bn(swing.max())[1:]} bn RUB" in en
    assert ru.startswith("«Персонал оператора»") and "(1 500 рабочих мест)" in ru and "размах" in ru


# --- every sentence, both languages ----------------------------------------------------------------------------------

US_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"
)
HYPHEN_MINUS = re.compile(r"(^|[\s(])-\d")


def check_text(sentences: list[answer.Sentence], L: Labels) -> None:
    assert [s.topic for s in sentences] == ["wait", "pays", "today", "moves"]
    for s in sentences:
        text = plain(s.markdown)
        assert s.page in ("capacity", "economics", "projections") and s.link and s.lead
        assert not re.search(r"\b(nan|NaN|inf|None)\b", text), text
        assert not US_DATE.search(text), text  # en-GB: "5 December 2026", never "December 5, 2026"
        assert not HYPHEN_MINUS.search(text), text  # a minus is «−»
        assert "{" not in text and "}" not in text, text  # every placeholder filled
        if L.lang == "ru":  # no English on a Russian page, but the finance abbreviations used in Russian
            words = set(re.findall(r"[A-Za-z]{2,}", text)) - {"WACC", "DSCR"}
            assert not words, (words, text)


def test_both_languages_no_nan_no_us_date_no_english_on_the_russian_page(plan):
    # the guards see the faults they are for
    assert US_DATE.search("as of December 5, 2026") and HYPHEN_MINUS.search("NPV is -12.98 bn RUB")
    for L in (EN, RU):
        check_text(answer.answer(plan, L), L)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delay=st.sampled_from([0, 6, 18]),
    attainment=st.sampled_from([0.3, 0.7, 1.0]),
    dostyk=st.sampled_from([0.3, 0.5, 0.7]),
    debt=st.sampled_from([0.0, 0.6]),
)
def test_any_scenario_gives_four_clean_sentences(delay, attainment, dostyk, debt):
    s = Scenario.default().with_values(delay_months=delay, attainment=attainment, dostyk_share=dostyk, debt_share=debt)
    r = run.run(s, TODAY)
    for L in (EN, RU):
        sentences = answer.answer(r, L)
        check_text(sentences, L)
        if debt == 0.0:
            assert ("no debt" if L.lang == "en" else "долга нет") in sentences[1].text


# --- on the page (AppTest) -------------------------------------------------------------------------------------------


def test_the_overview_draws_the_answer_first_and_a_slider_rewrites_it():
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [m.value for m in at.markdown]
    # the sentences come before the page's intro text (the title is drawn after the block)
    first = next(i for i, t in enumerate(texts) if t.startswith("**Congestion:**"))
    assert first < next(i for i, t in enumerate(texts) if "What was announced" in t)
    leads = ["**Congestion:**", "**Does the hub pay?**", "**Today:**", "**What moves the NPV most:**"]
    assert [t.split("** ")[0] + "**" for t in texts[first : first + 4]] == leads
    assert len(at.get("page_link")) >= 4
    npv = lambda s: float(economics.cash_flows(s)["discounted"].sum())  # noqa: E731 - the cash-flow table's NPV
    bn = lambda x: f"{'−' if x < 0 else '+'}{abs(x) / 1e9:.2f}".rstrip("0").rstrip(".")  # noqa: E731
    pays = lambda: plain(next(m.value for m in at.markdown if m.value.startswith("**Does the hub pay?**")))  # noqa: E731
    assert f"{bn(npv(Scenario.default()))} bn RUB" in pays()
    at.slider(key="delay_months").set_value(6).run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"{bn(npv(Scenario.default().with_values(delay_months=6)))} bn RUB" in pays()
