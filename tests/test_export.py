"""Tests for components.export.files: every produced file is opened by the reader a user would use.

Expected values are written by hand. PNG/SVG tests need Chromium and are skipped, with the
reason, only when ``image_export_available()`` says so.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.export import files as ex

# plotly passes its default headers as kopts even when a kaleido server runs (harmless).
pytestmark = pytest.mark.filterwarnings("ignore:The kopts argument is ignored:UserWarning")
AVAILABLE, WHY = ex.image_export_available()
needs_images = pytest.mark.skipif(not AVAILABLE, reason=f"image export unavailable: {WHY}")
DAY = dt.date(2026, 11, 24)
ROOT = Path(__file__).resolve().parent.parent
INJECTIONS = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def make_fig(title: str = "Export test chart") -> go.Figure:
    x = [dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1), dt.datetime(2026, 3, 1)]
    fig = go.Figure(go.Scatter(x=x, y=[1.5, 123456.7, 42.0], name="tonnes"))
    fig.update_layout(title_text=title, margin={"t": 60, "b": 90})
    fig.add_annotation(text="Source: test footnote", xref="paper", yref="paper", x=0, y=-0.2, showarrow=False)
    return fig


def make_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": pd.to_datetime(
                ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]
            ),
            "value": [-5.0, 123456.7, 0.25, 3.0, -1.5, 7.0],
            "text": INJECTIONS,
            "region": ["Селятино", "Алматы", "Kazakhstan", "Китай", "plain", "ёжик"],
        }
    )


def make_sources() -> pd.DataFrame:
    return pd.DataFrame({"source": ["Росстат", '=HYPERLINK("http://x")'], "url": ["https://rosstat.gov.ru", "n/a"]})


EXPECTED_TEXT = ["'=1+1", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"]


class TagAttrs(HTMLParser):
    """Collects src/href of <script> and <link> tags."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link"):
            self.urls += [v or "" for k, v in attrs if k in ("src", "href")]


def external_urls(page: str) -> list[str]:
    parser = TagAttrs()
    parser.feed(page)
    return parser.urls


# --- sanitizing / CSV / XLSX -------------------------------------------------------------


def test_sanitize_cells_prefixes_text_only_and_copies():
    df = make_df().rename(columns={"text": "=evil"})
    before = df.copy()
    out = ex.sanitize_cells(df)
    assert out["'=evil"].tolist() == EXPECTED_TEXT
    assert out["value"].tolist() == [-5.0, 123456.7, 0.25, 3.0, -1.5, 7.0]
    assert out["region"].tolist() == ["Селятино", "Алматы", "Kazakhstan", "Китай", "plain", "ёжик"]
    pd.testing.assert_frame_equal(df, before)  # input untouched


def test_csv_bom_roundtrip_and_injection():
    raw = ex.to_csv_bytes(make_df())
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(back.columns) == ["month", "value", "text", "region"]
    assert back["month"].tolist() == [
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
        "2026-04-01",
        "2026-05-01",
        "2026-06-01",
    ]
    assert back["value"].tolist() == [-5.0, 123456.7, 0.25, 3.0, -1.5, 7.0]
    assert back["text"].tolist() == EXPECTED_TEXT
    assert back["region"].tolist() == ["Селятино", "Алматы", "Kazakhstan", "Китай", "plain", "ёжик"]


def test_csv_datetime_with_time_is_iso():
    df = pd.DataFrame({"t": pd.to_datetime(["2026-01-01 13:45:00"])})
    assert ex.to_csv_bytes(df) == b"\xef\xbb\xbft\r\n2026-01-01T13:45:00\r\n"


def test_xlsx_roundtrip_all_sheets():
    meta = {"scenario": "Задержка 6 мес", "delay_months": "6", "formula": "=cmd|' /C calc'!A0"}
    raw = ex.to_xlsx_bytes(make_df(), meta, make_sources())
    sheets = pd.read_excel(io.BytesIO(raw), sheet_name=None)
    assert list(sheets) == ["data", "scenario", "sources"]
    data = sheets["data"]
    assert str(data["month"].dtype).startswith("datetime64")  # real Excel dates
    assert data["month"].tolist() == [pd.Timestamp(2026, m, 1) for m in range(1, 7)]
    assert data["value"].tolist() == [-5.0, 123456.7, 0.25, 3.0, -1.5, 7.0]
    assert all(v.startswith("'") for v in data["text"])
    # XML end-of-line handling turns a stored CR into LF for every XLSX reader (Excel too)
    assert data["text"].str.replace("\n", "\r").tolist() == EXPECTED_TEXT
    assert data["region"].tolist() == ["Селятино", "Алматы", "Kazakhstan", "Китай", "plain", "ёжик"]
    scen = sheets["scenario"]
    assert list(scen.columns) == ["key", "value"]
    assert dict(zip(scen["key"], scen["value"].astype(str))) == {
        "scenario": "Задержка 6 мес",
        "delay_months": "6",
        "formula": "'=cmd|' /C calc'!A0",
    }
    assert sheets["sources"]["source"].tolist() == ["Росстат", '\'=HYPERLINK("http://x")']


def test_xlsx_cells_are_strings_not_formulas():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(ex.to_xlsx_bytes(make_df(), {"k": "v"})))
    ws = wb["data"]
    assert [ws.cell(r, 3).data_type for r in range(2, 8)] == ["s"] * 6
    assert ws.cell(2, 2).value == -5.0 and ws.cell(2, 1).is_date
    assert ws.cell(2, 1).number_format == "yyyy-mm-dd"


# --- HTML --------------------------------------------------------------------------------


def test_html_is_self_contained():
    page = ex.to_html_bytes(make_fig(), "Проекция <test>").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<title>Проекция &lt;test&gt;</title>" in page
    assert "123456.7" in page  # the figure JSON is embedded
    assert page.count("* plotly.js v") == 1
    assert '<script src="http' not in page and "cdn" not in " ".join(external_urls(page))
    assert external_urls(page) == []  # no script/link src or href at all (no CDN, no MathJax)


def test_report_html_embeds_plotly_once():
    items = [ex.ChartItem(f"chart-{i}", f"Chart <{i}>", make_fig(f"Fig {i}"), make_df()) for i in range(3)]
    intro = ["**Intro** <b>", "- one", "- **two**"]
    names = {"data_label": "Данные", "sources_label": "Источники"}  # the reader's words, from present's catalogue
    page = ex.report_html(items, "Отчёт", intro, make_sources(), lang="ru", **names).decode("utf-8")
    assert page.count("* plotly.js v") == 1
    assert '<html lang="ru">' in page and "<title>Отчёт</title>" in page
    assert [h for h in re.findall(r"<h2>(.*?)</h2>", page)] == [
        "Chart &lt;0&gt;",
        "Chart &lt;1&gt;",
        "Chart &lt;2&gt;",
        "Источники",
    ]
    assert "<p><strong>Intro</strong> &lt;b&gt;</p>" in page
    assert "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>" in page
    assert page.count("Селятино") == 3 and "Росстат" in page and "2026-03-01" in page
    assert "123456.7" in page and external_urls(page) == []


def test_report_html_escapes_table_cells():
    df = pd.DataFrame({"label": ["<script>alert(1)</script>"], "value": [1.0]})
    page = ex.report_html([ex.ChartItem("x", "X", make_fig(), df)], "T", [], make_sources()).decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


# --- annotate / file names ---------------------------------------------------------------


def test_annotate_for_export_new_figure_caption_below_footnote():
    fig = make_fig()  # no layout.height: plotly's 450 px; margin t=60 b=90; footnote at paper y=-0.2
    before = copy.deepcopy(fig.to_plotly_json())
    out = ex.annotate_for_export(fig, "Scenario: delay 6 months · price 120 $/t")
    assert fig.to_plotly_json() == before and out is not fig  # input untouched
    notes = out.layout.annotations
    assert [a.text for a in notes] == ["Source: test footnote", "Scenario: delay 6 months · price 120 $/t"]
    footnote, caption = notes
    # the footnote keeps its on-screen depth: 0.2 * (450 - 60 - 90) = 60 px below the plot area
    assert (footnote.y, footnote.yshift, footnote.yanchor) == (0, pytest.approx(-60), "bottom")
    assert out.layout.height == ex.PNG_HEIGHT
    b = out.layout.margin.b
    assert b > 90
    caption_top = -caption.yshift
    assert caption.yanchor == "top" and caption.y == 0 and caption.yref == "paper"
    assert caption_top >= 90  # below the old margin (tick labels, axis title) and the footnote (60)
    assert caption_top + 16 <= b  # the caption line still fits inside the figure
    again = ex.annotate_for_export(out, "second")
    assert [a.text for a in again.layout.annotations] == ["Source: test footnote", "second"]


def test_annotate_for_export_pins_pixel_footnote_and_legend():
    fig = make_fig()
    fig.update_layout(height=440, margin={"t": 64, "b": 118}, legend={"orientation": "h", "yanchor": "top", "y": -0.13})
    fig.layout.annotations = []
    fig.add_annotation(
        text="Source", xref="paper", yref="paper", x=0, y=0, yshift=-112, yanchor="bottom", showarrow=False
    )
    out = ex.annotate_for_export(fig, "caption")
    b = out.layout.margin.b
    assert out.layout.annotations[0].yshift == -112  # pixel-placed footnote unchanged
    assert -out.layout.annotations[1].yshift >= 118  # caption below the designed margin
    # the legend stays 0.13 * (440 - 64 - 118) px below the plot area at the export height
    assert out.layout.legend.y * (ex.PNG_HEIGHT - 64 - b) == pytest.approx(-0.13 * (440 - 64 - 118))
    assert fig.layout.legend.y == -0.13 and fig.layout.height == 440


def test_file_name():
    assert ex.file_name("export-projection", "delayed-6m", DAY, "png") == "export-projection_delayed-6m_2026-11-24.png"
    name = ex.file_name("../Projection/ Café", "", DAY, ".XLSX")
    assert name == "projection-cafe_scenario_2026-11-24.xlsx"
    assert "/" not in name and "\\" not in name
    assert ex.file_name("!!!", "Прогноз", DAY, "") == "chart_scenario_2026-11-24.bin"
    assert ex.file_name("x" * 500, "s", dt.datetime(2026, 11, 24, 13, 5), "png") == f"{'x' * 60}_s_2026-11-24.png"


# --- images ------------------------------------------------------------------------------


@needs_images
@pytest.mark.parametrize("annotated", [False, True])
def test_png_is_3200x1800(annotated):
    from PIL import Image

    fig = ex.annotate_for_export(make_fig(), "caption") if annotated else make_fig()
    img = Image.open(io.BytesIO(ex.to_png_bytes(fig)))
    img.load()
    assert img.format == "PNG" and img.size == (3200, 1800)


@needs_images
def test_svg_parses_and_has_title():
    root = ET.fromstring(ex.to_svg_bytes(make_fig("Заголовок SVG")))
    assert root.tag.endswith("svg")
    assert "Заголовок SVG" in "".join(root.itertext())
    captioned = ex.annotate_for_export(make_fig("Заголовок SVG"), "Сценарий: delay < 6 & price")
    text = "".join(ET.fromstring(ex.to_svg_bytes(captioned)).itertext())
    assert "Заголовок SVG" in text and "Сценарий: delay < 6 & price" in text and "Source: test footnote" in text


@needs_images
def test_concurrent_renders_get_their_own_image():
    ex.ensure_kaleido_server()
    ex.ensure_kaleido_server()  # idempotent
    results: dict[int, bytes] = {}

    def run(i: int) -> None:
        results[i] = ex.to_svg_bytes(make_fig(f"Thread title {i}"), width=400, height=300)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for i in range(4):
        assert f"Thread title {i}" in "".join(ET.fromstring(results[i]).itertext())


def test_missing_chromium_gives_clear_error(monkeypatch):
    monkeypatch.setattr(ex, "_browser_path", lambda: None)
    ok, reason = ex.image_export_available()
    assert not ok and "Chromium" in reason
    with pytest.raises(ex.ImageExportUnavailable, match="Chromium"):
        ex.to_png_bytes(make_fig())
    with pytest.raises(ex.ImageExportUnavailable):
        ex.to_svg_bytes(make_fig())
    raw = ex.report_zip([ex.ChartItem("a", "A", make_fig(), make_df())], {}, make_sources(), "# R", "s", DAY)
    zf = zipfile.ZipFile(io.BytesIO(raw))
    assert not [n for n in zf.namelist() if n.startswith("charts/")]
    assert "not included" in zf.read("README.md").decode()


@pytest.mark.skipif(not os.access("/bin/false", os.X_OK), reason="needs /bin/false as a browser that dies")
def test_chromium_that_cannot_start_fails_fast_and_clearly():
    """A browser that dies at launch must give ImageExportUnavailable quickly, never a hang."""
    script = (
        "import time, plotly.graph_objects as go\n"
        "from components.export import files as ex\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    ex.to_png_bytes(go.Figure())\n"
        "except ex.ImageExportUnavailable as e:\n"
        "    print('RAISED', round(time.perf_counter() - t), e)\n"
        "print('AVAILABLE', ex.image_export_available())\n"
    )
    env = {**os.environ, "BROWSER_PATH": "/bin/false", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert "RAISED" in run.stdout and "failed to start" in run.stdout, run.stdout + run.stderr[-2000:]
    assert int(run.stdout.split("RAISED ")[1].split()[0]) < 60
    assert "AVAILABLE (False, " in run.stdout


# --- ZIP ---------------------------------------------------------------------------------


def readme_files(readme: str) -> list[str]:
    section = readme.split("## Files", 1)[1]
    return re.findall(r"^- `([^`]+)`$", section, flags=re.M)


@pytest.mark.parametrize("images", [pytest.param(True, marks=needs_images), False])
def test_report_zip_contents(images):
    items = [
        ex.ChartItem("projection", "Projection", make_fig(), make_df()),
        ex.ChartItem("capacity", "Capacity", make_fig("Capacity"), make_df().head(2)),
    ]
    scenario = {"name": "Задержка", "delay_months": 6, "start": dt.date(2026, 1, 1)}
    raw = ex.report_zip(items, scenario, make_sources(), "# Отчёт\n\nIntro.", "delayed-6m", DAY, images=images)
    zf = zipfile.ZipFile(io.BytesIO(raw))
    assert zf.testzip() is None
    names = zf.namelist()
    readme = zf.read("README.md").decode("utf-8")
    assert readme.startswith("# Отчёт\n\nIntro.")
    assert sorted(readme_files(readme)) == sorted(names)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())
    charts = sorted(n for n in names if n.startswith("charts/"))
    if images:
        assert charts == [
            "charts/capacity_delayed-6m_2026-11-24.png",
            "charts/capacity_delayed-6m_2026-11-24.svg",
            "charts/projection_delayed-6m_2026-11-24.png",
            "charts/projection_delayed-6m_2026-11-24.svg",
        ]
        from PIL import Image

        assert Image.open(io.BytesIO(zf.read(charts[0]))).size == (3200, 1800)
        ET.fromstring(zf.read(charts[1]))
    else:
        assert charts == [] and "not included" in readme
    assert sorted(n for n in names if n.startswith("data/")) == [
        "data/capacity.csv",
        "data/capacity.xlsx",
        "data/projection.csv",
        "data/projection.xlsx",
    ]
    text = zf.read("scenario.json").decode("utf-8")
    assert "Задержка" in text  # ensure_ascii=False
    assert json.loads(text) == {"name": "Задержка", "delay_months": 6, "start": "2026-01-01"}
    csv = pd.read_csv(io.BytesIO(zf.read("data/projection.csv")), encoding="utf-8-sig")
    assert csv["value"].tolist() == [-5.0, 123456.7, 0.25, 3.0, -1.5, 7.0]
    xlsx = pd.read_excel(io.BytesIO(zf.read("data/capacity.xlsx")), sheet_name=None)
    assert list(xlsx) == ["data", "scenario", "sources"] and len(xlsx["data"]) == 2
    assert dict(zip(xlsx["scenario"]["key"], xlsx["scenario"]["value"].astype(str))) == {
        "name": "Задержка",
        "delay_months": "6",
        "start": "2026-01-01",
    }
    src = pd.read_csv(io.BytesIO(zf.read("sources.csv")), encoding="utf-8-sig")
    assert src["source"].tolist() == ["Росстат", '\'=HYPERLINK("http://x")']


def test_report_zip_rejects_duplicate_chart_ids():
    items = [ex.ChartItem("a", "A", make_fig(), make_df()), ex.ChartItem("A", "A again", make_fig(), make_df())]
    with pytest.raises(ValueError, match="duplicate"):
        ex.report_zip(items, {}, make_sources(), "# R", "s", DAY, images=False)


# --- issue 21, D11: a formula behind control characters or whitespace -------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        "\x01=cmd|' /C calc'!A0",  # a control character openpyxl strips: the cell would start with "=" after it
        "\x00\x1f=1+1",
        ' =HYPERLINK("http://x")',  # spaces: spreadsheets skip them before a formula
        "\u00a0\u200b+1",  # no-break and zero-width space
        "\ufeff@SUM(A1)",  # a byte-order mark
        "\n\t-2+3",
    ],
)
def test_a_formula_after_control_characters_or_whitespace_stays_text_in_xlsx_and_csv(hidden):
    from openpyxl import load_workbook

    df = pd.DataFrame({"text": [hidden]})
    ws = load_workbook(io.BytesIO(ex.to_xlsx_bytes(df, {"k": hidden})))["data"]
    cell = ws.cell(2, 1)
    assert cell.data_type == "s" and cell.value.startswith("'"), repr(cell.value)
    sheet = load_workbook(io.BytesIO(ex.to_xlsx_bytes(df, {"k": hidden})))["scenario"]
    assert sheet.cell(2, 2).data_type == "s" and sheet.cell(2, 2).value.startswith("'")
    assert ex.sanitize_cells(df)["text"][0] == "'" + hidden  # the CSV's cell, quote first


def test_text_that_only_contains_a_formula_sign_later_is_left_alone():
    df = pd.DataFrame({"text": ["a=b", "x - y", "  plain", "\x01note"]})
    assert ex.sanitize_cells(df)["text"].tolist() == ["a=b", "x - y", "  plain", "\x01note"]
