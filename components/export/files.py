"""Figures and DataFrames to downloadable bytes, no Streamlit: PNG/SVG (one warm kaleido), CSV, XLSX, HTML, ZIP."""

import datetime as dt
import html
import io
import json
import logging
import re
import shutil
import threading
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 900, 2
_log = logging.getLogger(__name__)
RENDER_TIMEOUT_S = 120.0
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # + full-width
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters openpyxl refuses
# What a spreadsheet skips before it sees a formula's "=": whitespace (Unicode's too), control characters and
# invisible format characters (zero-width spaces and joiners, bidi marks, the byte-order mark). Issue 21, D11.
_LEADING_SKIPPED = re.compile(
    r"^[\s\x00-\x1f\x7f\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]+"
)
_CSS = (
    "body{font-family:sans-serif;max-width:1200px;margin:auto;padding:1rem}table{border-collapse:collapse;"
    "font-size:.85rem}th,td{border:1px solid #ddd;padding:.2rem .5rem}"
)
warnings.filterwarnings(
    "ignore", message="The kopts argument is ignored if using a server", module=r"plotly\.io\._kaleido"
)  # plotly always passes its default headers
_LOCK, _RENDER_LOCK = threading.Lock(), threading.Lock()
_STATE = {"broken": ""}


class ImageExportUnavailable(RuntimeError):
    """PNG/SVG export is impossible here (no Chromium, no kaleido, or the renderer failed)."""


@dataclass(frozen=True, eq=False)
class ChartItem:
    """One chart of a report: id, human title, figure and the data behind it."""

    chart_id: str
    title: str
    figure: go.Figure
    data: pd.DataFrame


def _neutralise(v):
    if not isinstance(v, str):
        return v
    return "'" + v if v.startswith(_FORMULA_START) or _LEADING_SKIPPED.sub("", v).startswith(_FORMULA_START) else v


def _map_text(df: pd.DataFrame, fn) -> pd.DataFrame:
    out = df.copy()
    for i, (_, s) in enumerate(out.items()):
        if s.dtype == object or s.dtype == "category" or pd.api.types.is_string_dtype(s):
            out.isetitem(i, s.map(lambda v: fn(v) if isinstance(v, str) else v))
    return out


def sanitize_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` in which text a spreadsheet could run as a formula starts with ``'``.

    String cells and column headers starting with ``= + - @``, tab or CR (or a full-width form) are
    prefixed; numbers (``-5.0`` too), dates and booleans are untouched; ``df`` is not modified."""
    out = _map_text(df, _neutralise)
    out.columns = out.columns.map(lambda c: tuple(map(_neutralise, c)) if isinstance(c, tuple) else _neutralise(c))
    return out


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for i, (_, s) in enumerate(out.items()):
        if pd.api.types.is_datetime64_any_dtype(s):
            date_only = s.dropna().eq(s.dropna().dt.normalize()).all()
            out.isetitem(i, s.dt.strftime("%Y-%m-%d" if date_only else "%Y-%m-%dT%H:%M:%S%z"))
    return out


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV is written: ``sep`` between fields and the ``decimal`` mark (``name`` for file names).

    Every CSV is UTF-8 with a byte-order mark (Excel reads a BOM-less file in the system's ANSI code page and mangles
    Cyrillic, "—", "²" and "₸"; pandas and Python read it back with ``encoding="utf-8-sig"``), CRLF rows, ISO dates.
    A missing number is an empty cell: Excel keeps the column numeric and skips it in sums, pandas reads NaN."""

    sep: str
    decimal: str
    name: str


#: English and most tools: "," between fields, "." for decimals.
CSV_COMMA = CsvFormat(",", ".", "comma")
#: Russian (and most European) Excel: ";" between fields, "," for decimals: opens in columns with a double click.
CSV_SEMICOLON = CsvFormat(";", ",", "semicolon")


#: Both formats by name (a language's catalogue names its own: ``dl_csv_format``).
CSV_FORMATS = {f.name: f for f in (CSV_COMMA, CSV_SEMICOLON)}


def other_csv_format(fmt: CsvFormat) -> CsvFormat:
    """The other of the two formats (offered beside the language's own)."""
    return CSV_COMMA if fmt == CSV_SEMICOLON else CSV_SEMICOLON


def to_csv_bytes(df: pd.DataFrame, fmt: CsvFormat = CSV_COMMA) -> bytes:
    """Sanitized CSV in ``fmt``: UTF-8 with BOM (so Excel reads Cyrillic), no index, ISO dates, CRLF rows; a
    missing value (NaN, None, ±inf) is an empty cell."""
    out = _iso_dates(sanitize_cells(df)).replace([float("inf"), float("-inf")], float("nan"))
    return out.to_csv(index=False, sep=fmt.sep, decimal=fmt.decimal, na_rep="", lineterminator="\r\n").encode(
        "utf-8-sig"
    )


def _json_default(v):
    return v.isoformat() if isinstance(v, dt.date) else v.item() if hasattr(v, "item") else str(v)


def to_xlsx_bytes(
    df: pd.DataFrame,
    meta: dict[str, str],
    sources: pd.DataFrame | None = None,
    sheet_name: str = "data",
    names: dict[str, str] | None = None,
) -> bytes:
    """Return a workbook with sheets ``data`` (``df``), ``scenario`` (key/value) and ``sources``.

    Every sheet is sanitized like :func:`sanitize_cells`; datetime columns are real Excel dates;
    non-string ``meta`` values are written as JSON; the ``sources`` sheet only if given. ``names`` renames the
    sheets ``data``, ``scenario`` and ``sources`` and the headers ``key`` and ``value`` (the reader's language)."""
    named = (names or {}).get
    values = [
        v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=_json_default).strip('"')
        for v in meta.values()
    ]
    sheet = lambda n: re.sub(r"[\[\]:*?/\\]", "_", n)[:31] or "data"  # noqa: E731 - Excel's rules for a sheet name
    sheets = {
        sheet(named("data", sheet_name)): df,
        sheet(named("scenario", "scenario")): pd.DataFrame(
            {named("key", "key"): list(map(str, meta)), named("value", "value"): values}
        ),
    }
    if sources is not None:
        sheets[sheet(named("sources", "sources"))] = sources
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            # the characters openpyxl refuses go first, so that none can hide a formula from the check
            frame = sanitize_cells(_map_text(frame, lambda v: _XLSX_ILLEGAL.sub("", v)))
            frame.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes = "A2"
            for col in ws.iter_cols():
                for c in (c for c in col if isinstance(c.value, dt.datetime)):
                    c.number_format = "yyyy-mm-dd" if c.value.time() == dt.time() else "yyyy-mm-dd hh:mm"
                width = max((len(str(c.value)) for c in col if c.value is not None), default=8)
                ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 11), 60)  # no ####
    return buf.getvalue()


def _page(title: str, body: str, lang: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}'
        f"</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ).encode()


def _fig_div(fig: go.Figure, with_js: bool, height: str) -> str:
    return pio.to_html(
        fig,
        include_plotlyjs=with_js,
        include_mathjax=False,
        full_html=False,
        default_height=height,
        config={"displaylogo": False, "responsive": True},
    )


def to_html_bytes(fig: go.Figure, title: str, lang: str = "en") -> bytes:
    """Return a standalone interactive page with plotly.js embedded: works offline, no CDN, no MathJax."""
    return _page(title, _fig_div(fig, True, "85vh"), lang)


@lru_cache(maxsize=1)
def _browser_path() -> str | None:
    """Chrome or Chromium for kaleido, looked up once per process (every chart's download menu asks)."""
    try:  # kaleido's own lookup: BROWSER_PATH, choreographer's download, PATH, usual install places
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False) or ""
    except Exception:  # noqa: BLE001 - best effort, fall back to our own search
        found = ""
    names = (found, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium")
    return next(filter(None, map(shutil.which, names)), None)  # which() also checks it is executable


def image_export_available() -> tuple[bool, str]:
    """Return ``(True, "")`` if PNG/SVG export can work here, else ``(False, reason)``."""
    try:
        import kaleido  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return False, f"PNG/SVG export needs the 'kaleido' package (>=1.0): {exc}"
    if _STATE["broken"] or _browser_path() is None:
        return False, str(
            _STATE["broken"]
            or "PNG/SVG export needs Chrome or Chromium and none was found "
            "(install chromium or set BROWSER_PATH); HTML, CSV and XLSX still work."
        )
    return True, ""


def _server_alive() -> bool:
    import kaleido

    server = kaleido._global_server  # noqa: SLF001 - kaleido's sync-server singleton (kaleido 1.x)
    return server.is_running() and getattr(getattr(server, "_thread", None), "is_alive", lambda: True)()


def ensure_kaleido_server() -> None:
    """Start the process-wide warm kaleido server, or restart it if its thread died.

    Idempotent, thread-safe and cheap once running; a no-op when image export is unavailable."""
    if not image_export_available()[0]:
        return
    import kaleido

    with _LOCK:
        if not _server_alive():  # never started, or its thread died (e.g. Chromium failed to launch)
            kaleido.stop_sync_server(silence_warnings=True)
            kaleido.start_sync_server(path=_browser_path(), mathjax=False, timeout=100, silence_warnings=True)


def warm_up() -> None:
    """Start the kaleido server and render one tiny figure, so the user's first image is a warm one.

    Meant for a background thread at start-up; never raises (a failure is logged and left to the
    user's own click to report)."""
    try:
        to_svg_bytes(go.Figure(), width=100, height=100)
    except Exception:  # noqa: BLE001 - a warm-up must not take the app down
        _log.warning("kaleido warm-up failed; images will be tried again on request", exc_info=True)


def _render(fig: go.Figure, **opts) -> bytes:
    if not (available := image_export_available())[0]:
        raise ImageExportUnavailable(available[1])
    ensure_kaleido_server()
    box: dict = {}

    def work() -> None:
        try:
            box["out"] = fig.to_image(**opts)
        except Exception as exc:  # noqa: BLE001 - reported below
            box["err"] = exc

    with _RENDER_LOCK:  # kaleido's sync server hands results back in queue order only
        worker = threading.Thread(target=work, name="export-render", daemon=True)
        worker.start()
        for _ in range(int(RENDER_TIMEOUT_S / 0.05)):
            worker.join(0.05)
            if not worker.is_alive() or not _server_alive():
                break
        if worker.is_alive():  # stuck on kaleido's queue for good: never hang the caller
            if _server_alive() or not _STATE.get("rendered"):  # hung, or Chromium cannot start here: give up
                _STATE["broken"] = (
                    f"The Chromium renderer ({_browser_path()}) "
                    f"{'hung' if _server_alive() else 'failed to start'}; image export is off."
                )
            raise ImageExportUnavailable(_STATE["broken"] or "The Chromium renderer crashed; please try again.")
    if "err" in box:  # one clear line; the kaleido/Chromium error stays available as __cause__
        raise ImageExportUnavailable(
            f"Image export failed ({type(box['err']).__name__}): {' '.join(str(box['err']).split())[:300]}"
        ) from box["err"]
    _STATE["rendered"] = True
    return box["out"]


def to_png_bytes(fig: go.Figure, width: int = PNG_WIDTH, height: int = PNG_HEIGHT, scale: float = PNG_SCALE) -> bytes:
    """Return a PNG of ``width*scale`` x ``height*scale`` px; raise :class:`ImageExportUnavailable`."""
    return _render(fig, format="png", width=width, height=height, scale=scale)


def to_svg_bytes(fig: go.Figure, width: int = PNG_WIDTH, height: int = PNG_HEIGHT) -> bytes:
    """Return an SVG of ``width`` x ``height`` px; raise :class:`ImageExportUnavailable`."""
    return _render(fig, format="svg", width=width, height=height, scale=1)


def annotate_for_export(fig: go.Figure, caption: str, *, height: int = PNG_HEIGHT) -> go.Figure:
    """Return a new figure laid out for export at ``height`` px with a one-line ``caption`` at the bottom.

    ``fig`` is never mutated (it may be cached). Footnotes and a legend placed below the plot in paper
    units are pinned to the pixel depth they have on screen (at ``layout.height``, else plotly's 450), so
    the taller export does not push them into each other; ``margin.b`` grows by the caption's line."""
    out, line = go.Figure(fig), 16
    lay = out.layout
    top, bottom = 100 if lay.margin.t is None else lay.margin.t, 80 if lay.margin.b is None else lay.margin.b
    plot = (lay.height or 450) - top - bottom  # the on-screen plot height the layout was designed for
    notes, deepest = [], bottom
    for a in (a for a in lay.annotations if a.name != "export-caption"):
        if a.yref == "paper" and a.y is not None and a.y < 0:
            a = go.layout.Annotation(
                a,
                y=0,
                yshift=(a.yshift or 0) + a.y * plot,
                yanchor="bottom" if a.yanchor in (None, "auto") else a.yanchor,
            )
        if a.yref == "paper" and a.y == 0 and (a.yshift or 0) < 0:
            deepest = max(deepest, -a.yshift + (0 if a.yanchor == "bottom" else line))
        notes.append(a)
    new_b = round(deepest) + line + 12
    if lay.legend.y is not None and lay.legend.y < 0 and lay.legend.yref in (None, "paper"):
        lay.legend.y = lay.legend.y * plot / max(height - top - new_b, 1)
    text = html.escape(caption if len(caption) <= 220 else caption[:219] + "…", quote=False)
    lay.height, lay.margin.b, lay.annotations = (
        height,
        new_b,
        [
            *notes,
            go.layout.Annotation(
                text=text,
                name="export-caption",
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                xanchor="left",
                yanchor="top",
                yshift=-(new_b - line - 6),
                showarrow=False,
                align="left",
                font={"size": 11, "color": "#555"},
            ),
        ],
    )
    return out


def _slug(text: object, fallback: str) -> str:
    s = unicodedata.normalize("NFKD", str(text).lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:60].strip("-") or fallback


def file_name(chart_id: str, scenario_slug: str, day: dt.date, ext: str) -> str:
    """Return a safe download name such as ``export-projection_delayed-6m_2026-11-24.png``."""
    day = day.date() if isinstance(day, dt.datetime) else day
    return (
        f"{_slug(chart_id, 'chart')}_{_slug(scenario_slug, 'scenario')}_{day.isoformat()}."
        f"{_slug(ext.lstrip('.'), 'bin')}"
    )


def report_zip(
    items: list[ChartItem],
    scenario: dict,
    sources: pd.DataFrame,
    readme_md: str,
    scenario_slug: str,
    day: dt.date,
    images: bool = True,
    files_heading: str = "Files",
    csv: CsvFormat = CSV_COMMA,
    meta: dict | None = None,
    xlsx_names: dict[str, str] | None = None,
    images_skipped: str = "Note: chart images (PNG/SVG) are not included. Images were not requested.",
    images_unavailable: str = "Note: chart images (PNG/SVG) are not included. {reason}",
) -> bytes:
    """Return one ZIP: charts/ (PNG, SVG), data/ (CSV, XLSX), scenario.json, sources.csv, README.md.

    Figures are rendered as given. Images are skipped, with the reason in README.md, when ``images``
    is False or unavailable. README.md is ``readme_md`` plus a ``## Files`` list of every entry. CSVs are written
    in ``csv``; each XLSX's scenario sheet holds ``meta`` (default: ``scenario``), its sheets named by
    ``xlsx_names`` (see :func:`to_xlsx_bytes`). Why images are missing is written in the README as
    ``images_skipped`` or ``images_unavailable`` (``{reason}``: the export's error), in the report's language."""
    files = {
        "scenario.json": json.dumps(scenario, ensure_ascii=False, indent=2, default=_json_default).encode(),
        "sources.csv": to_csv_bytes(sources, csv),
    }
    note = "" if images else images_skipped
    try:
        for it in items if images else []:
            base = file_name(it.chart_id, scenario_slug, day, "png")[:-4]
            files[f"charts/{base}.png"] = to_png_bytes(it.figure)
            files[f"charts/{base}.svg"] = to_svg_bytes(it.figure)
    except ImageExportUnavailable as exc:
        files = {k: v for k, v in files.items() if not k.startswith("charts/")}
        note = images_unavailable.format(reason=exc)
    for it in items:
        cid = _slug(it.chart_id, "chart")
        if f"data/{cid}.csv" in files:
            raise ValueError(f"duplicate chart_id {it.chart_id!r}")
        files[f"data/{cid}.csv"] = to_csv_bytes(it.data, csv)
        files[f"data/{cid}.xlsx"] = to_xlsx_bytes(
            it.data, scenario if meta is None else meta, sources, names=xlsx_names
        )
    readme = (
        readme_md.rstrip()
        + f"\n\n## {files_heading}\n\n"  # in the report's language («Файлы»)
        + "".join(f"- `{n}`\n" for n in ["README.md", *files])
        + (note and f"\n{note}\n")
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("README.md", readme.encode("utf-8")), *files.items()]:  # dated `day`: reproducible
            zf.writestr(zipfile.ZipInfo(name, (day.year, day.month, day.day, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def report_html(
    items: list[ChartItem],
    title: str,
    intro_md_lines: list[str],
    sources: pd.DataFrame,
    lang: str = "en",
    decimal: str = ".",
    data_label: str = "Data",
    sources_label: str = "Sources",
) -> bytes:
    """Return one self-contained HTML page: plotly.js embedded once, charts, their data, sources.

    Each chart sits under an ``<h2>`` with its escaped data table; ``intro_md_lines`` are paragraphs or
    ``- `` bullets and may use ``**bold**``; ``lang`` sets ``<html lang>``; ``data_label`` and ``sources_label`` name
    each chart's data and the sources (in the reader's language); ``decimal`` is the tables' decimal mark; a missing
    value reads "—" (never "NaN")."""
    table = lambda df: _iso_dates(df).to_html(index=False, escape=True, border=0, na_rep="—", decimal=decimal)  # noqa: E731
    intro = []
    for raw in (ln.strip() for ln in intro_md_lines if ln.strip()):
        text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(raw[2 * (raw[:2] in ("- ", "* ")) :]))
        intro.append(f"<li>{text}</li>" if raw[:2] in ("- ", "* ") else f"<p>{text}</p>")
    body = [
        f"<h1>{html.escape(title)}</h1>",
        re.sub(r"(<li>.*</li>\n?)+", lambda m: f"<ul>\n{m.group(0).strip()}\n</ul>\n", "\n".join(intro)),
    ]
    for i, it in enumerate(items):
        body.append(
            f'<section id="{_slug(it.chart_id, "chart")}"><h2>{html.escape(it.title)}</h2>\n'
            f"{_fig_div(it.figure, i == 0, '560px')}\n<details><summary>{html.escape(data_label)}</summary>\n"
            f"{table(it.data)}\n</details></section>"
        )
    sources_html = table(sources)
    body.append(f"<section><h2>{html.escape(sources_label)}</h2>\n{sources_html}</section>")
    return _page(title, "\n".join(body), lang)
