"""Every page through Streamlit's AppTest: it renders, sliders move its numbers, links and uploads behave."""

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.data.facts import tables

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
PAGES = ["overview", "projections", "capacity", "economics", "corridor", "sources"]


def app(page: str = "overview", params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params.update(params or {})
    at.run()
    if page != "overview":
        at.switch_page(f"components/app/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label_start: str) -> str:
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    raise AssertionError(f"no metric starting {label_start!r}; have {[m.label for m in at.metric]}")


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(page):
    at = app(page)
    assert at.title and not at.error
    if page != "sources":
        assert charts(at) >= 1


def test_overview_shows_every_stated_figure():
    at = app()
    assert metric(at, "Investment") == "14\u00a0bn\u00a0RUB"
    assert metric(at, "Jobs created") == "1,500"
    assert metric(at, "Total area") == "65,000 m²"
    assert metric(at, "Works finished by") == "April 2026"
    assert metric(at, "Exports to China") == "180 → 550\u00a0kt"  # one unit, as on every other page
    assert metric(at, "Share of the region") == "40%"
    share = next(m for m in at.metric if m.label.startswith("Share of the region"))
    # our reading of the 40 %: 550,000 t / 1,470,000 t (2024) = 37.4 %, / 1,180,000 t (2025, derived) = 46.6 %
    assert share.delta == "our estimate: 37–47%"  # a range carries its unit once
    at.slider(key="rail_share").set_value(0.5).run()  # half the flow by rail via Selyatino: 18.7 % – 23.3 %
    share = next(m for m in at.metric if m.label.startswith("Share of the region"))
    assert share.delta == "our estimate: 19–23%"
    at = app()
    assert metric(at, "Agrohub area") == "75 ha"
    assert metric(at, "Border regions") == "7 + 12"
    assert metric(at, "People in border regions") == "about 30 million"  # people in words, not "mn"
    assert metric(at, "Investment per job") == "9.33\u00a0mn\u00a0RUB"  # 14e9 / 1,500
    assert metric(at, "Investment per m²") == "215,385 RUB"  # 14e9 / 65,000


def test_overview_cards_cite_the_report():
    at = app()
    inv = next(m for m in at.metric if m.label == "Investment")
    assert "para.\u00a06" in inv.help and "“14 млрд рублей”" in inv.help  # no break inside "para. 6"; English quotes


def test_delay_slider_moves_the_target_month():
    at = app("projections")
    assert metric(at, "Target month") == "April 2026"
    at.slider(key="delay_months").set_value(6).run()
    assert metric(at, "Target month") == "October 2026"
    # 13 months from Sep 2025: (550/180)^(1/13) - 1 = 8.97 % a month
    assert metric(at, "Equivalent constant monthly growth") == "9.0% / month"


def test_payload_slider_changes_trains_a_week_in_the_peak_month():
    # Even months and dry boxes only, so every month after the target carries 550,000 / 12 t:
    # 45,833.33 t / 24 t = 1,909.72 FEU a month × 12 / 52 / 60 per train = 7.35 trains a week
    at = app("capacity", params={"profile": "Even months", "reefer_share": "0"})
    assert metric(at, "Trains a week in the peak month") == "7.3"
    at.slider(key="feu_payload_t").set_value(20.0).run()
    # 45,833.33 / 20 = 2,291.67 FEU × 12 / 52 / 60 = 8.81
    assert metric(at, "Trains a week in the peak month") == "8.8"


def test_the_harvest_profile_raises_the_peak_month_above_the_average():
    # agri_mix, dry boxes only: in a flat year at 550 kt December carries 550,000 × its weight, the largest
    # (data/seasonality.csv: 0.105717): 58,144.35 t / 24 = 2,422.68 FEU × 12 / 52 / 60 = 9.32 trains a week
    at = app("capacity", params={"reefer_share": "0"})
    assert metric(at, "Trains a week in the peak month") == "9.3"


def test_currency_switch_converts_at_85_rub_per_usd():
    at = app("economics")
    at.segmented_control(key="currency").set_value("USD").run()
    assert metric(at, "Investment per job") == "109.8\u00a0thousand\u00a0USD"  # 9,333,333 / 85


def test_preset_button_sets_the_sliders():
    at = app("projections")
    at.button(key="preset-delayed").click().run()
    assert at.slider(key="delay_months").value == 6
    assert metric(at, "Target month") == "October 2026"
    at.button(key="preset-plan").click().run()
    assert at.slider(key="delay_months").value == 0


def test_link_sets_the_scenario_and_bad_values_get_a_notice():
    at = app("projections", {"delay_months": "12", "attainment": "abc", "bogus": "1"})
    assert metric(at, "Target month") == "April 2027"
    assert at.slider(key="attainment").value == 1.0
    assert any("attainment" in w.value and "bogus" in w.value for w in at.warning)


def test_russian_dashboard():
    at = app("overview", {"lang": "ru"})
    assert at.title[0].value == "Дашборд пропускной способности коридора"
    assert metric(at, "Инвестиции") == "14\u00a0млрд\u00a0₽"
    assert metric(at, "Рабочие места") == "1\u00a0500"  # a card label is nominative
    assert at.query_params["lang"] == "ru" and not at.warning  # the link keeps the code


def test_russian_link_by_old_name_still_opens_russian_and_is_rewritten_as_code():
    at = app("overview", {"lang": "Русский"})  # links made before codes
    assert at.title[0].value == "Дашборд пропускной способности коридора" and not at.warning
    assert at.query_params["lang"] == "ru"


def test_unknown_language_in_link_is_named_and_english_shown():
    at = app("overview", {"lang": "xx"})
    assert at.title[0].value == "Corridor capacity dashboard"
    assert any("lang" in w.value for w in at.warning)


def redrawn(at: AppTest) -> AppTest:
    """The whole page after a scenario widget moved.

    A slider reruns only the page's scenario part and the sidebar status; the browser keeps the rest of the page,
    but AppTest's element tree then holds only what that run drew. A run with no change draws everything again.
    """
    return at.run()


def _upload(at: AppTest, name: str) -> AppTest:
    at.get("file_uploader")[0].set_value((name, (CORPUS / name).read_bytes(), "text/csv"))
    return at.run()


def test_upload_of_a_russian_1c_export_shows_its_actuals():
    at = _upload(app("projections"), "good_ru_cp1251_semicolon.csv")
    assert not at.exception and not at.error
    # The file has a direction column (Китай, Индия, one blank): by default only exports to China count.
    # 2025, China: 1,234.5 + 12,000 + 3,000.75 = 16,235.25 t (India's 987.25 t in March is left out)
    assert metric(at, "Tonnes in 2025") == "16.2\u00a0kt"
    directions = lambda: next(m for m in at.multiselect if m.label == "Directions counted")  # noqa: E731
    assert directions().value == ["Китай"]
    directions().set_value(["", "Китай", "Индия"]).run()
    # every direction: 1,234.5 + 12,000 + 987.25 + 3,000.75 = 17,222.5 t
    assert metric(at, "Tonnes in 2025") == "17.2\u00a0kt"


def test_an_upload_without_a_direction_column_says_every_row_counts():
    at = _upload(app("projections"), "good_utf8_bom.csv")
    assert any("every row was counted (3 rows)" in c.value for c in at.caption)


def test_actuals_on_a_delayed_linear_ramp_are_fitted_and_applied():
    # The file follows a linear ramp to 80 % of 550 kt reached 6 months late, in even months: the annual rate rises
    # by (440,000 - 180,000) / 13 = 20,000 t a month, i.e. 1,666.67 t/month more each month from 15,000.
    at = app("projections")
    at.selectbox(key="shape").set_value("linear").run()
    at = _upload(redrawn(at), "good_ru_1c_2026_cp1251.csv")
    assert not at.error
    # Jan-Aug 2026: 21,666.67 + ... + 33,333.33 = 8 x 27,500 = 220,000 t
    assert metric(at, "Tonnes in 2026") == "220\u00a0kt"
    # with the default harvest profile the fit compares each month with the seasonal curve and says so
    assert any("seasonal profile ‘Agri mix (cited)’" in c.value for c in at.caption)  # no guillemets in English
    at.selectbox(key="profile").set_value("even").run()  # even months: as before the profiles
    fit = next(b for b in at.button if "Apply the scenario fitted" in b.label)
    assert "delay 6\u00a0months, 80% of target" in fit.label  # a count and its noun on one line (L.count)
    # the file is the ramp itself, rounded to 0.01 t: the typical miss is under half a tonne a month
    assert any(
        "a typical miss of 0\u00a0t a month, 0% of the average month, over 12 months (a close fit)" in c.value
        and "‘Even months’" in c.value
        for c in at.caption
    )
    fit.click().run()
    assert at.slider(key="delay_months").value == 6 and at.slider(key="attainment").value == 0.8
    assert metric(at, "Target month") == "October 2026"


def test_the_as_of_card_counts_the_plans_harvest_months(monkeypatch):
    # Pinned to 25 November 2027; the stated plan runs flat at 550,000 t/year through 2027 with the agri_mix profile
    # (data/seasonality.csv): January-October = 550,000 x (0.095833 + 2 x 0.075 + 6 x 0.077778 + 0.085949
    # = 0.798450) = 439,147.5 t, shown as 439.1 kt. In even months it would be 10 x 45,833.33 = 458,333 t.
    monkeypatch.setenv("CORRIDOR_TODAY", "2027-11-25")
    at = app("projections")
    label = "Stated plan: tonnes in 2027 so far (January–October 2027)"
    assert metric(at, label) == "439.1\u00a0kt"
    at.selectbox(key="profile").set_value("even").run()
    # the stated plan keeps its own (default) profile; the scenario's months are now even: 458.3 kt
    card = next(m for m in at.metric if m.label.startswith(label))
    assert card.value == "439.1\u00a0kt" and "458.3\u00a0kt" in card.delta


def test_the_today_line_is_on_every_date_chart(monkeypatch):
    from components import clock
    from components.data.scenario import Scenario
    from components.model import run
    from components.present import views
    from components.present.i18n import Labels

    monkeypatch.setattr(clock, "today", lambda: __import__("datetime").date(2026, 11, 25))
    r, L = run.run(Scenario.default(), clock.today()), Labels("en")  # the day reaches the charts through the result
    for build in (
        views.export_projection,
        views.trains,
        views.containers,
        views.warehouse,
        views.network_heatmap,
        views.network_waiting,
    ):
        fig = build(r, L).figure
        assert any(sh.x0 == "2026-11-25" and sh.line.dash == "dot" for sh in fig.layout.shapes), build.__name__
        assert any("25 November 2026" in (a.text or "") for a in fig.layout.annotations), build.__name__  # en-GB


def test_a_cached_view_moves_on_with_today(monkeypatch):
    # model.view is shared across sessions and reruns; a new day must give a new today line, not yesterday's view
    import datetime as dt

    from components import clock
    from components.app import model
    from components.data.scenario import Scenario

    s = Scenario.default().with_values(delay_months=11.0)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 25))
    before = model.view("export_projection", s, "en", actuals=None, compare=None)
    assert model.view("export_projection", s, "en", actuals=None, compare=None) is before  # same day: cached
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 26))
    after = model.view("export_projection", s, "en", actuals=None, compare=None)
    assert after is not before
    assert [sh.x0 for sh in before.figure.layout.shapes] == ["2026-11-25"]
    assert [sh.x0 for sh in after.figure.layout.shapes] == ["2026-11-26"]


def test_a_broken_upload_gets_a_message_and_keeps_the_actuals():
    at = _upload(app("projections"), "good_ru_cp1251_semicolon.csv")
    at.slider(key="delay_months").set_value(3).run()
    at = _upload(redrawn(at), "bad_text_tonnes.csv")
    assert not at.exception
    assert any("Row 4" in e.value and "tonnes" in e.value for e in at.error)
    assert metric(at, "Tonnes in 2025") == "16.2\u00a0kt"  # the earlier good upload (China rows) is still there
    assert at.slider(key="delay_months").value == 3  # and so is the scenario


def test_a_slider_reruns_only_the_page_and_the_sidebar_status():
    # The sliders live in the sidebar, but moving one must redraw only what reads the scenario: the page body
    # and the sidebar's status (its "changed" caption and report pack), not the sliders and the navigation.
    at = app("projections")
    assert len(at.slider) == len(tables().assumptions)  # one slider per row of data/assumptions.csv
    at.slider(key="delay_months").set_value(6).run()
    assert not at.exception
    assert len(at.slider) == 0  # no slider was sent again
    assert metric(at, "Target month") == "October 2026"  # the page was: April 2026 + 6 months
    assert any(
        c.value.startswith("Changed from the plan: Delay after April 2026") for c in at.caption
    )  # and the status


def test_a_slider_on_a_page_without_scenario_part_does_not_rerun_the_page_left_behind():
    # Projections registers the page fragment; Sources has none. After moving from one to the other, a slider
    # must not rerun the fragment of the page the user left (it would draw Projections' cards on Sources).
    at = app("projections")
    at.switch_page("components/app/pages/sources.py").run()
    at.slider(key="delay_months").set_value(6).run()
    assert not at.exception and not at.error
    assert not at.metric  # nothing of Projections was drawn
    assert any(c.value.startswith("Changed from the plan: Delay after April 2026") for c in at.caption)
    at = redrawn(at)
    assert at.title[0].value == "Sources and method" and at.slider(key="delay_months").value == 6


def markdown_tables(at: AppTest) -> list[pd.DataFrame]:
    """The Markdown tables a page drew (widgets.table), read back cell by cell with the escapes undone."""
    out = []
    for m in at.markdown:
        lines = m.value.splitlines()
        if len(lines) < 2 or not lines[0].startswith("| ") or not lines[1].startswith("|---"):
            continue
        cells = [[re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
        out.append(pd.DataFrame(cells[2:], columns=cells[0]))
    return out


def test_the_russian_sources_page_names_the_figures_in_russian():
    at = app("sources", {"lang": "ru"})
    tables_drawn = markdown_tables(at)
    facts = tables_drawn[0].set_index("Показатель")
    assert "Граница России и Казахстана" in set(facts["Объект"])  # entity column, in Russian
    assert not {"Russia–Kazakhstan border", "TLC Selyatino hub"} & set(facts["Объект"])
    assert facts.at["инвестиции", "Как в источнике"] == "14 млрд рублей"  # the wording as stated stays the report's
    assert facts.at["новые рабочие места", "Как в источнике"] == "1,5 тыс. рабочих мест"
    assert facts.at["соглашение подписано", "Значение"] == "июнь 2024"  # the report gives the month only
    assert (
        facts.at["меморандум о сотрудничестве подписан", "Значение"] == "10 сентября 2025\u202fг."
    )  # babel: CLDR narrow space
    assert facts.at["общая площадь", "Значение"] == "65\u00a0000\u00a0м²"
    assert "Даурен Абаев, посол Казахстана в России" in set(facts["Кто сказал"])
    assert not any("report" in v or "Approximate" in v for v in facts.to_numpy().ravel())  # no English left
    assumptions = tables_drawn[1]
    assert "т/ФЭ" in set(assumptions["Ед."]) and not {"t/FEU", "т/FEU", "RUB/month"} & set(assumptions["Ед."])
    assert all(re.search("[а-яё]", v) for v in assumptions["Источник"])  # every source in Russian


def test_shared_views_are_left_as_built_by_pages_and_downloads(monkeypatch):
    # model.view hands every session the same View (st.cache_resource): drawing pages and making each download
    # must leave it exactly as a fresh build.
    from components.app import model
    from components.data.scenario import Scenario
    from components.export import files as export
    from components.present import views
    from components.present.i18n import Labels

    s = Scenario.default().with_values(delay_months=5.0)  # as the sidebar reads it
    at = app("capacity", {"delay_months": "5"})
    at.switch_page("components/app/pages/projections.py").run()
    names = ("trains", "containers", "warehouse", "two_way", "export_projection")
    builders = {name: views.CHARTS[name] for name in names}
    for name in names:  # from here on a build would fail: what model.view returns is what the pages drew
        failing = dataclasses.replace(
            builders[name], build=lambda *a, **k: pytest.fail("the view was not in the cache")
        )
        monkeypatch.setitem(views.CHARTS, name, failing)
    for name in names:
        options = {"actuals": None, "compare": None} if name == "export_projection" else {}  # as the page asks
        shared = model.view(name, s, "en", **options)
        export.to_svg_bytes(export.annotate_for_export(shared.figure, "caption")) if export.image_export_available()[
            0
        ] else export.to_html_bytes(export.annotate_for_export(shared.figure, "caption"), "t", "en")
        from components.present import downloads  # the CSV and XLSX buttons' own tables (both languages' CSV)

        downloads.csv_bytes(shared.chart_id, shared.data, Labels("en"))
        downloads.csv_bytes(shared.chart_id, shared.data, Labels("ru"))
        export.to_xlsx_bytes(downloads.table(shared.chart_id, shared.data, Labels("ru")), {}, names={})
        fresh = builders[name].build(model.result(s), Labels("en"), **options)
        assert shared.figure.to_json() == fresh.figure.to_json(), name
        pd.testing.assert_frame_equal(shared.data, fresh.data)
        assert model.view(name, s, "en", **options) is shared  # really the shared object, not a copy


def test_a_drawn_chart_sends_what_a_fresh_figure_would_send_on_every_rerun():
    # widgets._chart keeps each shared figure's dict for st.plotly_chart (not deep-copied on every draw): what the
    # browser gets, on the first draw and on a rerun that reuses it, must be what Streamlit makes of a fresh build.
    import plotly.io as pio

    from components.app import model
    from components.data.scenario import Scenario
    from components.present import views
    from components.present.i18n import Labels

    L = Labels("ru")
    names = [*views.charts_in("network"), *views.charts_in("boxes")]  # the page's charts, in its order

    def fresh(delay: float) -> list[str]:
        r = model.result(Scenario.default().with_values(delay_months=delay))
        return [pio.to_json(views.CHARTS[n].build(r, L).figure.to_dict(), validate=False) for n in names]

    at = app("capacity", {"delay_months": "7", "lang": "ru"})
    first = [c.proto.spec for c in at.get("plotly_chart")]
    at.run()  # the page again: the kept dicts this time
    again = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(first) == len(names)
    assert first == fresh(7.0) and again == first
    at.slider(key="delay_months").set_value(8).run()  # another scenario (the page fragment reruns): its own figures
    assert [c.proto.spec for c in at.get("plotly_chart")] == fresh(8.0) != first


def test_a_failing_page_shows_an_error_id_not_a_traceback(monkeypatch):
    from components.present import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setitem(
        views.CHARTS, "export_projection", dataclasses.replace(views.CHARTS["export_projection"], build=broken)
    )
    at = app("overview")
    at.slider(key="delay_months").set_value(4).run()
    at.switch_page("components/app/pages/projections.py").run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("Error id:" in m for m in messages)
    assert not any("secret internal detail" in m or "Traceback" in m for m in messages)
    assert at.slider(key="delay_months").value == 4  # the scenario survives the failure


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_russian_without_unreadable_values(page):
    at = app(page, {"lang": "ru"})
    assert at.title and not at.error
    assert re.search("[А-Яа-яЁё]", at.title[0].value), at.title[0].value  # really the Russian page
    shown = " ".join(
        [m.label + " " + m.value + " " + (m.delta or "") for m in at.metric] + [md.value for md in at.markdown]
    )
    assert not re.search(r"\b(nan|None|inf)\b", shown), shown[:300]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_capacity_page_reads_the_network_result(lang):
    from components.data.scenario import Scenario
    from components.model import network
    from components.present.i18n import Labels

    L = Labels(lang)
    at = app("capacity", {"lang": lang} if lang == "ru" else None)
    su = network.run(Scenario.default()).summary
    assert metric(at, L("k_wait")) == L.count(su.longest_wait_days, "days", 1)
    sentence = next(md.value for md in at.markdown if md.value.startswith("**"))
    assert L(f"cr_{su.longest_border_wait_crossing}") in sentence or L("wait_at_selyatino") in sentence
    assert charts(at) >= 3 + 4  # heatmap, waiting, sensitivity; then the hub's four charts


@pytest.mark.parametrize(
    "lang, labels",
    [
        ("en", ("Minimum DSCR", "Equity IRR", "Property tax, 2027", "Payroll, 2027", "WACC (implied)")),
        (
            "ru",
            ("Минимальный DSCR", "ВНД собственного капитала", "Налог на имущество, 2027", "Фонд оплаты труда, 2027"),
        ),
    ],
)
def test_economics_shows_dscr_equity_irr_property_tax_payroll_and_the_bridge(lang, labels):
    at = app("economics", {"lang": lang})
    for label in labels:
        assert metric(at, label)
    # payroll 2027 by hand: 300 jobs × 120,000 RUB × 12 × CPI 1.05 × 1.04 = 471,744,000 RUB
    assert metric(at, labels[3]) == ("471.74\u00a0mn\u00a0RUB" if lang == "en" else "471,74\u00a0млн\u00a0₽")
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    bridge = "From the stated plan" if lang == "en" else "От ЧДД заявленного плана"
    assert any(bridge in spec for spec in titles)
