"""CSV that opens right in Excel (issue 22, item 4): every CSV the app offers, in both languages.

Russian downloads use ";" between fields and a decimal comma (Russian Excel opens them in columns by a double click),
English ones "," and "."; both UTF-8 with a BOM. Headers are in the reader's language with units, numbers rounded to
their meaning, codes in words, no "NaN" anywhere. Every file is built through the functions the app's buttons call:
``downloads.csv_bytes`` (a chart's CSV buttons), ``views.report_zip`` (the report pack) and ``views.report_html``.
"""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import clock
from components.data.scenario import Scenario
from components.export import files as export
from components.model import run
from components.present import downloads, views
from components.present.i18n import Labels

DELAYED = Scenario.default().with_values(delay_months=6, shape="linear")
#: Monthly actuals as an upload gives them (month, tonnes): the projection's data gains its actual column.
ACTUALS = pd.DataFrame(
    {"month": pd.to_datetime(["2025-10-01", "2025-11-01", "2025-12-01"]), "tonnes": [15_100.4, 17_250.6, 19_020.5]}
)
#: How each language's reader opens a CSV: Russian Excel (";" and ",") or English Excel and most tools ("," and ".").
READ = {"ru": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}
#: Latin tokens a Russian header may carry: finance abbreviations Russian analysts write in Latin letters (the
#: dashboard's glossary: DSCR = коэффициент покрытия долга, WACC, EBITDA) and the percentiles P10/P50/P90 (as on the
#: Economics page). Boxes are ФЭ/ДФЭ, never FEU/TEU.
ALLOWED_LATIN = {"DSCR", "EBITDA", "WACC", "P10", "P50", "P90"}


def read(raw: bytes, lang: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", **READ[lang])


@pytest.fixture(scope="module")
def result():
    return run.run(DELAYED, clock.today())


@pytest.fixture(scope="module", params=["ru", "en"])
def charts(request, result):
    """Every chart's view in one language and its CSV as the chart's main CSV button makes it."""
    L = Labels(request.param)
    vs = views.all_views(result, L, "RUB", actuals=ACTUALS)
    return L, [(v, downloads.csv_bytes(v.chart_id, v.data, L)) for v in vs]


@pytest.fixture(scope="module", params=["ru", "en"])
def pack(request, result):
    L = Labels(request.param)
    raw = views.report_zip(result, L, "RUB", actuals=ACTUALS, images=False)
    return L, zipfile.ZipFile(io.BytesIO(raw))


def _numeric_headers(chart_id: str, data: pd.DataFrame, L: Labels) -> list[str]:
    out = []
    for name in data.columns:
        key, kind = downloads.column(chart_id, name)
        if kind not in (*downloads.TEXT_KINDS, "drop"):
            out.append(downloads.header(chart_id, name, L))
    return out


def test_every_column_of_every_chart_is_declared(result):
    # an undeclared column would reach a Russian file with its English code name and unrounded numbers
    # (planted: dropping "season_factor" from downloads.COLUMNS makes this fail on export-projection)
    for v in views.all_views(result, Labels("en"), actuals=ACTUALS):
        missing = [c for c in v.data.columns if downloads.column(v.chart_id, c) is None]
        assert not missing, (v.chart_id, missing)


def test_each_chart_csv_opens_in_its_language_excel_with_numbers_in_numeric_columns(charts):
    L, files = charts
    for v, raw in files:
        assert raw.startswith(b"\xef\xbb\xbf"), v.chart_id  # the BOM: Excel reads UTF-8 (Cyrillic, «—», м², ₸)
        back = read(raw, L.lang)
        assert len(back.columns) > 1, v.chart_id  # split into columns, not one long text column
        assert back.columns.is_unique
        for h in _numeric_headers(v.chart_id, v.data, L):
            assert pd.api.types.is_numeric_dtype(back[h]), (v.chart_id, h, back[h].head(3).tolist())
        # no column is lost: every declared column, less the dropped ones
        kept = [c for c in v.data.columns if downloads.column(v.chart_id, c)[1] != "drop"]
        assert len(back.columns) == len(kept), v.chart_id


def test_russian_csv_is_semicolon_and_decimal_comma_english_is_comma_and_point(charts):
    L, files = charts
    raw = dict((v.chart_id, r) for v, r in files)["dscr"]
    first_row = raw.decode("utf-8-sig").split("\r\n")[1]
    # data/assumptions.csv: dscr_covenant default 1.2 (the lender's minimum, estimate) in the third column
    assert first_row.endswith(";1,2" if L.lang == "ru" else ",1.2")


def test_values_straight_from_data_read_back_as_numbers(charts):
    L, files = charts
    csv = {v.chart_id: read(r, L.lang) for v, r in files}
    ru = L.lang == "ru"
    # data/facts.csv (news report of 10 September 2025): exports to China 180 thousand t/year before, 550 thousand
    # after stage 2 («550 тыс. тонн»): 550 × 1,000 = 550,000 t/year
    stated = csv["stated-exports"].set_index("Заявленная величина" if ru else "Stated figure")
    col = "Годовой объём экспорта, т/год" if ru else "Annual export volume, t/year"
    target = (
        "агроэкспорт (целевой объём), Подмосковье → Китай" if ru else "agri exports (target), Moscow region → China"
    )
    assert stated[col].tolist() == [180_000, 550_000] and stated.at[target, col] == 550_000
    # data/facts.csv: the hub's stated area «65 тыс. кв. м» = 65 × 1,000 = 65,000 m² in every month
    area = csv["warehouse-area"]["Заявленная площадь, м²" if ru else "Stated area, m²"]
    assert set(area) == {65_000}
    # data/assumptions.csv: the DSCR covenant's default 1.2
    assert set(csv["dscr"]["Ковенант DSCR, ×" if ru else "DSCR covenant, ×"]) == {1.2}
    # the map's places (research file §2–3): Dostyk at 82.48° E, 45.25° N
    where = csv["corridor-map"].set_index("Погранпереход" if ru else "Crossing")
    dostyk = where.loc[where.index.str.startswith("Достык" if ru else "Dostyk")].iloc[0]
    assert (dostyk["Долгота, °" if ru else "Longitude, °"], dostyk["Широта, °" if ru else "Latitude, °"]) == (
        82.48,
        45.25,
    )
    # linear ramp with a 6-month delay reaches 550,000 t/year in October 2026: 550,000 / 12 = 45,833.33 t a month
    # without the seasonal profile, rounded to whole tonnes: 45,833
    proj = csv["export-projection"].set_index("Месяц" if ru else "Month")
    assert (
        proj.at["2026-10-01", "Экспорт за месяц без сезонности, т" if ru else "Monthly exports without seasonality, t"]
        == 45_833
    )
    # the uploaded actuals, rounded to whole tonnes: 15,100.4 → 15,100; 17,250.6 → 17,251
    actual = proj["Фактический экспорт за месяц, т" if ru else "Actual monthly exports, t"]
    assert actual.dropna().tolist() == [15_100, 17_251, 19_020]  # 19,020.5 → 19,020 (half to even)


def test_report_pack_csvs_open_in_the_pack_language_excel(pack):
    L, zf = pack
    ru = L.lang == "ru"
    names = [n for n in zf.namelist() if n.endswith(".csv")]
    assert "sources.csv" in names and len(names) == 17  # 16 charts + sources
    for n in names:
        back = read(zf.read(n), L.lang)
        assert len(back.columns) > 1, n
    # data/facts.csv: investment «14 млрд рублей» = 14 × 10^9 = 14,000,000,000 RUB
    src = read(zf.read("sources.csv"), L.lang).set_index("Показатель" if ru else "Figure")
    value = "Значение" if ru else "Value"
    assert pd.api.types.is_numeric_dtype(src[value])
    assert src.at["инвестиции" if ru else "investment", value] == 14_000_000_000
    stated = read(zf.read("data/stated-exports.csv"), L.lang)
    assert stated.iloc[:, 1].tolist() == [180_000, 550_000]


def _all_text(L: Labels, zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Every cell and header of every CSV and XLSX sheet of the pack, as text."""
    out = []
    for n in zf.namelist():
        if n.endswith(".csv"):
            out.append((n, zf.read(n).decode("utf-8-sig")))
        elif n.endswith(".xlsx"):
            wb = openpyxl.load_workbook(io.BytesIO(zf.read(n)))
            for ws in wb.worksheets:
                cells = [c.value for row in ws.iter_rows() for c in row]
                assert not any(isinstance(c, float) and c != c for c in cells), (n, ws.title)  # no NaN number
                out.append((f"{n}:{ws.title}", ws.title + "\n" + "\n".join(str(c) for c in cells if c is not None)))
    return out


def test_no_nan_text_in_any_download(charts, pack, result):
    L, files = charts
    texts = [(v.chart_id, raw.decode("utf-8-sig")) for v, raw in files]
    texts += _all_text(*pack)
    page = views.report_html(result, L, "RUB", actuals=ACTUALS).decode("utf-8")
    texts += [("report.html", t) for t in re.findall(r"<table.*?</table>", page, flags=re.S)]  # plotly.js says NaN
    for name, text in texts:
        assert not re.search(r"\bnan\b|<NA>|\binf\b|\bNone\b", text, flags=re.I), name


def test_html_report_tables_show_a_dash_for_a_missing_value_and_the_language_decimal_mark(result):
    page = views.report_html(result, Labels("ru"), "RUB", actuals=ACTUALS).decode("utf-8")
    table = re.search(r'<section id="export-projection">.*?(<table.*?</table>)', page, flags=re.S).group(1)
    assert "<td>—</td>" in table  # July 2025: the published figure only, the projection's cells are missing
    assert "<th>Месяц</th>" in table and "Сезонный коэффициент" in table
    sources = re.findall(r"<table.*?</table>", page, flags=re.S)[-1]
    # data/facts.csv: the investment «14 млрд рублей» = 14 × 10^9 written out, not as 1,400000e+10
    assert "<td>14\u00a0000\u00a0000\u00a0000</td>" in sources and "e+" not in sources
    dscr = re.search(r'<section id="dscr">.*?(<table.*?</table>)', page, flags=re.S).group(1)
    assert "<td>1,20</td>" in dscr  # the covenant 1.2 with a decimal comma, at the DSCR's 0.01
    cash = re.search(r'<section id="cash-flow">.*?(<table.*?</table>)', page, flags=re.S).group(1)
    # the stated 14 bn RUB investment is spent from the agreement month to the target month: every year's cell is
    # grouped by thousands with a no-break space and a real minus («−4 454 545 455»), never a bare «-4454545455»
    assert re.search(r"<td>−\d{1,3}(\u00a0\d{3}){3}</td>", table + cash) and not re.search(r"<td>-\d", cash)


def _latin(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text))


def test_russian_headers_and_sheet_names_have_no_english(result):
    L = Labels("ru")
    for v in views.all_views(result, L, "RUB", actuals=ACTUALS):
        back = read(downloads.csv_bytes(v.chart_id, v.data, L), "ru")
        for h in back.columns:
            assert _latin(h) <= ALLOWED_LATIN, (v.chart_id, h)
    zf = zipfile.ZipFile(io.BytesIO(views.report_zip(result, L, "USD", images=False)))
    for n in (n for n in zf.namelist() if n.endswith(".xlsx")):
        wb = openpyxl.load_workbook(io.BytesIO(zf.read(n)))
        assert wb.sheetnames == ["данные", "сценарий", "источники"], n
        for ws in wb.worksheets:
            headers = [c.value for c in next(ws.iter_rows(max_row=1))]
            for h in headers:
                assert _latin(str(h)) <= ALLOWED_LATIN, (n, ws.title, h)
        keys = [r[0].value for r in wb["сценарий"].iter_rows(min_row=2)]
        assert all(_latin(str(k)) <= ALLOWED_LATIN | {"V"} for k in keys), n  # Kingman's V is a formula symbol
    cash = read(zf.read("data/cash-flow.csv"), "ru")
    assert "Аренда складов, $" in cash.columns  # the currency of the pack in every money header


def test_the_other_format_is_the_same_table(charts):
    # the small second CSV button: the same numbers in the other language's format
    L, files = charts
    other = export.other_csv_format(downloads.csv_format(L))
    for v, raw in files:
        alt = downloads.csv_bytes(v.chart_id, v.data, L, other)
        back = pd.read_csv(io.BytesIO(alt), encoding="utf-8-sig", sep=other.sep, decimal=other.decimal)
        pd.testing.assert_frame_equal(back, read(raw, L.lang))


def test_rounding_to_meaning_by_hand():
    # the review's «20805.999194» t: whole tonnes 20806; utilisation 0.96644 → 96.6 %; 6.1691 days → 6.2;
    # DSCR 1.23456 → 1.23; 12,980,789,076.4 RUB → whole roubles; a missing wait is an empty cell, not NaN
    data = pd.DataFrame(
        {
            "tonnes": [20805.999194, 14000.04],
            "rho": [0.96644, 0.0],
            "wait_days": [6.1691, float("nan")],
            "dscr": [1.23456, -0.0001],
            "npv_base": [-12_980_789_076.4, 0.4],
            "currency": ["RUB", "RUB"],
        }
    )
    ru = downloads.csv_bytes("any", data, Labels("ru")).decode("utf-8-sig").split("\r\n")
    assert ru[0] == "Экспорт за месяц (сценарий), т;Загрузка, всего, %;Ожидание, сут.;DSCR, ×;ЧДД сценария, ₽"
    assert ru[1] == "20806;96,6;6,2;1,23;-12980789076"
    assert ru[2] == "14000;0,0;;0,0;0"  # "-0,0" never: a rounded −0.0001 is 0
    en = downloads.csv_bytes("any", data, Labels("en")).decode("utf-8-sig").split("\r\n")
    # English headers hold commas: quoted, as Excel and every CSV reader expect
    assert en[0] == (
        '"Monthly exports (scenario), t","Utilisation, total, %","Waiting, days","DSCR, ×","NPV of the scenario, RUB"'
    )
    assert en[1] == "20806,96.6,6.2,1.23,-12980789076"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-1e12, max_value=1e12), st.sampled_from([float("nan"), float("inf"), float("-inf")])
        ),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([export.CSV_SEMICOLON, export.CSV_COMMA]),
)
def test_any_numbers_survive_either_format(values, fmt):
    # a number written in either format reads back as the same number; NaN and ±inf as a missing value
    df = pd.DataFrame({"x": values, "label": ["a;b, «c»"] * len(values)})
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(df, fmt)), encoding="utf-8-sig", sep=fmt.sep, decimal=fmt.decimal)
    want = pd.Series(values, dtype=float).where(lambda s: s.abs() != float("inf"))
    assert pd.api.types.is_float_dtype(back["x"])
    pd.testing.assert_series_equal(back["x"], want, check_names=False, rtol=1e-15)
    assert back["label"].tolist() == ["a;b, «c»"] * len(values)


@pytest.mark.parametrize("lang, other", [("ru", "comma"), ("en", "semicolon")])
def test_each_chart_offers_its_language_csv_and_the_other_small(lang, other):
    # the chart's download menu: "CSV" in the language's format, then a small (tertiary) button for the other one
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"))
    at.query_params.update({"lang": lang})
    at.run(timeout=120)
    at.switch_page("components/app/pages/projections.py").run(timeout=120)
    buttons = {b.proto.id.split("-", 1)[-1]: b.proto for b in at.get("download_button")}
    main = next(p for k, p in buttons.items() if k.endswith("dl-export-projection-csv"))
    alt = next(p for k, p in buttons.items() if k.endswith(f"dl-export-projection-csv-{other}"))
    assert main.label == "CSV" and main.type != "tertiary"
    assert alt.label == f"CSV ({';' if other == 'semicolon' else ','})" and alt.type == "tertiary" and alt.help
