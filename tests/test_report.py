"""The report pack and the HTML report hold every chart of the dashboard, its data and the sources."""

import io
import json
import re
import zipfile

import pandas as pd
import pytest
from PIL import Image

from components import clock
from components.data.scenario import Scenario
from components.export import files as export
from components.model import run
from components.present import views
from components.present.i18n import Labels

DELAYED = Scenario.default().with_values(delay_months=6, shape="linear")


def R(s: Scenario) -> run.Result:
    return run.run(s, clock.today())


# Every chart of every page, in page order: Overview, Export projections, Capacity (network, then boxes and space),
# Economics, Corridor.
CHART_IDS = [
    "stated-exports",
    "export-projection",
    "crossing-utilisation",
    "crossing-waiting",
    "wait-sensitivity",
    "trains-per-week",
    "containers",
    "warehouse-area",
    "two-way-boxes",
    "cash-flow",
    "npv-distribution",
    "npv-sensitivity",
    "npv-bridge",
    "year-waterfall",
    "dscr",
    "corridor-map",
]


def test_every_page_chart_is_a_view_with_units_and_a_source_line():
    vs = views.all_views(R(DELAYED), Labels("en"))
    assert [v.chart_id for v in vs] == CHART_IDS
    for v in vs:
        notes = " ".join(a.text for a in v.figure.layout.annotations)
        assert "10 September 2025" in notes, v.chart_id  # the report date, en-GB
        assert v.figure.layout.yaxis.title.text or v.figure.layout.xaxis.title.text, v.chart_id
        assert len(v.alt) > 30 and not v.data.empty


def test_scenario_query_reproduces_the_scenario():
    assert views.scenario_query(DELAYED) == "shape=Linear&delay_months=6"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_reports_link_opens_the_same_scenario_in_its_language(lang):
    # the pack's link_query, opened as a page's address: every slider and choice as in the scenario (a Russian page
    # reads a choice by its Russian label, so the link must not write "Even months" there)
    from pathlib import Path
    from urllib.parse import parse_qsl

    from streamlit.testing.v1 import AppTest

    s = DELAYED.with_values(profile="even", attainment=0.8)
    query = dict(parse_qsl(views.scenario_query(s, Labels(lang))))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=90)
    at.query_params.update(query)
    at.run()
    assert not at.exception
    assert at.slider(key="delay_months").value == 6 and at.slider(key="attainment").value == 0.8
    assert at.selectbox(key="shape").value == "linear" and at.selectbox(key="profile").value == "even"
    assert not at.warning  # no "some settings in the link were not valid"


@pytest.fixture(scope="module")
def pack():
    images, _ = export.image_export_available()
    raw = views.report_zip(R(DELAYED), Labels("ru"), "USD", images=images)
    return zipfile.ZipFile(io.BytesIO(raw)), images


def test_report_zip_holds_what_its_readme_lists(pack):
    zf, images = pack
    names = set(zf.namelist())
    readme = zf.read("README.md").decode("utf-8")
    listed = set(re.findall(r"^- `([^`]+)`$", readme, flags=re.M))
    assert listed == names
    for cid in CHART_IDS:
        assert f"data/{cid}.csv" in names and f"data/{cid}.xlsx" in names
    if images:
        pngs = sorted(n for n in names if n.endswith(".png"))
        assert len(pngs) == len(CHART_IDS)
        assert Image.open(io.BytesIO(zf.read(pngs[0]))).size == (3200, 1800)
    assert "«14 млрд рублей»" in readme and "абз.\u00a06" in readme  # the report's wording; the paragraph in Russian


def test_report_zip_data_match_the_model(pack):
    zf, _ = pack
    scen = json.loads(zf.read("scenario.json"))
    assert scen["assumptions"]["delay_months"] == 6 and scen["currency"] == "USD"
    # the pack is Russian: its CSVs open in Russian Excel (";" between fields, a decimal comma), Russian headers
    ru_csv = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}
    proj = pd.read_csv(io.BytesIO(zf.read("data/export-projection.csv")), **ru_csv)
    # linear ramp of 13 months: October 2026 reaches 550,000 t/year = 45,833.33 t/month in even months (the
    # scenario's monthly column follows the seasonal profile; this one is the annual rate / 12), in whole tonnes
    assert proj.set_index("Месяц").at["2026-10-01", "Экспорт за месяц без сезонности, т"] == 45_833
    cash = pd.read_csv(io.BytesIO(zf.read("data/cash-flow.csv")), **ru_csv).set_index("Год")
    # Warehouse rent in 2028 with the hub open from October 2026: occupancy 0.5 in the first year, then
    # 0.5 + (0.957 − 0.5) / 2 = 0.7285 (Oct 2027 – Sep 2028) and 1 − 0.043 = 0.957 from October 2028:
    # (9 × 0.7285 + 3 × 0.957) / 12 = 0.785625; 65,000 m² × 11,005 RUB = 715,325,000 RUB × 0.785625
    # = 561,977,203.13 RUB in 2025 prices × CPI index 1.05 × 1.04 × 1.04 = 1.13568 → 638,226,270.04 RUB
    # / 85 RUB per USD = 7,508,544.35 USD, in whole dollars 7,508,544
    assert cash.at[2028, "Аренда складов, $"] == 7_508_544
    # the pack is Russian: its sources.csv has Russian headers, names and units and no ids (issue 22: report packs
    # fully in the chosen language)
    src = pd.read_csv(io.BytesIO(zf.read("sources.csv")), **ru_csv).set_index("Показатель")
    assert src.at["инвестиции", "Значение"] == 14e9 and src.at["инвестиции", "Ед."] == "₽"
    assert "Граница России и Казахстана" in set(src["Объект"]) and "id" not in src.columns


def test_html_report_is_one_offline_page_with_every_chart():
    page = views.report_html(R(DELAYED), Labels("en")).decode("utf-8")
    assert page.count("<h2>") == len(CHART_IDS) + 1  # charts + sources
    assert not re.search(r"<script[^>]+src=\"https?:", page)
    assert "Trains a week needed" in page and "14 млрд рублей" in page
