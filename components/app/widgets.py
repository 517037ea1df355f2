"""Widgets reused by the pages: the scenario sidebar, KPI cards, charts with their download bar."""

from __future__ import annotations

import logging
import math
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitAPIException

from components import clock
from components.app import model, share, state
from components.data.facts import tables
from components.data.scenario import CHOICES, Scenario, preset_names
from components.data.schemas import ASSUMPTION_GROUPS
from components.export import files as export
from components.present import downloads, views
from components.present.i18n import LANG_NAMES, LANGS, Labels

#: The sidebar's groups, as declared for data/assumptions.csv (a slider's group is always one of them).
GROUPS = ASSUMPTION_GROUPS
#: Units whose sliders show a percentage (0.85 shows as 85%; the URL keeps 0.85).
PERCENT_UNITS = ("share", "share/year")
#: The scenario's choice widgets, drawn at the top of their group's expander.
CHOICE_GROUPS = {
    "projection": ("shape",),
    "capacity": ("profile",),
    "economics": ("convention",),
    "financing": ("repayment",),
    "network": ("episodes",),
}
log = logging.getLogger("corridor")

# The two parts of a run that read the scenario: the page's scenario part and the sidebar's status (what changed,
# the report pack). A scenario widget reruns only these two fragments, not the whole script: the sidebar's 21
# sliders, the navigation and the page's text stay as they are in the browser.
PAGE_FRAGMENT, STATUS_FRAGMENT = "page", "scenario-status"


def scenario_changed() -> None:
    """Callback of every scenario widget: rerun the page's scenario part and the sidebar status, nothing else."""
    for keys in ([PAGE_FRAGMENT, STATUS_FRAGMENT], [STATUS_FRAGMENT]):
        try:
            st.rerun(keys)
        except StreamlitAPIException:
            # Not drawn in the last run: a page with no scenario part (Sources), or one that failed before it.
            continue
    # Neither fragment was drawn (the sidebar failed): the full rerun, the callback's default.


@contextmanager
def error_boundary(L: Labels, where: str) -> Iterator[None]:
    """Show a short message with an error id instead of a traceback; log the full trace on the server."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the boundary: nothing reaches the user as a traceback
        error_id = uuid.uuid4().hex[:8]
        log.error("%s failed, error id %s", where, error_id, exc_info=exc)
        st.error(L("page_error", id=error_id), icon=":material/error:")


def scenario_part(body: Callable[[Scenario], None], name: str) -> None:
    """Draw the part of a page that reads the scenario, as the page fragment, inside its own error boundary.

    A page draws what does not depend on the scenario (titles, text, its own choice widgets, containers for
    what does) in the full run, then hands ``body`` the scenario here. A slider move reruns only ``body``:
    the browser redraws a few cards and charts, not the page. ``body`` may write into containers the page
    made before calling this (so a chart can be sent before the cards above it). A fragment rerun happens
    outside ``dashboard.py``'s boundary, so the fragment carries its own.
    """

    @st.fragment(key=PAGE_FRAGMENT)
    def part() -> None:
        with error_boundary(state.labels(), f"page {name!r}"):
            body(state.scenario())

    part()


# Fixed CSS (no user input reaches it): KPI values small enough for four cards a row at 1280 px,
# and labels that wrap instead of being cut.
STYLE = """<style>
[data-testid="stMetricValue"] { font-size: 1.6rem; }
[data-testid="stMetricValue"] > div, [data-testid="stMetricValue"] p { white-space: normal; overflow: visible; }
[data-testid="stMetricLabel"] p { white-space: normal; }
[class*="st-key-scroll-"] { overflow-x: auto; overflow-y: hidden; }
[class*="st-key-scroll-"] [class*="st-key-chart-"] { min-width: 900px; }
[data-testid="stMetricDelta"] .stMarkdownEllipsis, [data-testid="stMetricDelta"] p {
  white-space: normal; overflow: visible; text-overflow: clip; }
.st-key-wait-sentence p { margin-bottom: 0.3rem; }
/* Words are never broken mid-word (Streamlit sets word-break: break-word on text, which splits «Погранпере-ход»);
   a line breaks between words only. Addresses may still break anywhere, or a long one would widen the page. */
[data-testid="stAppViewContainer"] :is(p, li, span, div, strong, em, label, h1, h2, h3, h4, h5, h6, td, th) {
  word-break: normal; overflow-wrap: normal; hyphens: manual; }
[data-testid="stAppViewContainer"] a { overflow-wrap: anywhere; }
/* Cards of a row as tall as the tallest. */
[data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { align-items: stretch; }
[data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stLayoutWrapper"] >
  [data-testid="stVerticalBlock"] { flex-grow: 1; }
[data-testid="stHorizontalBlock"] [data-testid="stElementContainer"]:has(> [data-testid="stMetric"]) {
  flex-grow: 1; }
[data-testid="stHorizontalBlock"] [data-testid="stMetric"] { height: 100%; }
/* Tables scroll inside their own box, never the page. */
[data-testid="stTable"], [data-testid="stDataFrame"], [data-testid="stMarkdownContainer"]:has(> table) {
  max-width: 100%; overflow-x: auto; }
[data-testid="stMarkdownContainer"] > table { font-size: 0.875rem; margin-bottom: 0.5rem; }
[data-testid="stMarkdownContainer"] > table :is(th, td) { vertical-align: top; min-width: 5.5rem; }
/* A phone: a table of widgets.table reads row by row, each cell on its own line after its column's name. */
@media (max-width: 640px) {
  [class*="st-key-table-"] table, [class*="st-key-table-"] tbody, [class*="st-key-table-"] tr,
  [class*="st-key-table-"] td { display: block; width: auto; min-width: 0; }
  [class*="st-key-table-"] thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  [class*="st-key-table-"] tr { border-top: 1px solid rgba(49, 51, 63, 0.2); padding: 0.4rem 0; }
  [class*="st-key-table-"] td { border: none; padding: 0.1rem 0.25rem; }
}
/* The sidebar's sliders and choice boxes hold their height (label, value, track) while their code loads:
   a 40 px placeholder growing to 68 px moved everything under it (layout shift on every page). */
[data-testid="stSidebar"] [data-testid="stExpanderDetails"] [data-testid="stSkeleton"] { height: 4.25rem; }
/* A KPI card (widgets.kpi: a container in a row's horizontal container) holds about a card's height while
   Streamlit loads the card's code: its 40 px placeholder grew to the card's 103–192 px and moved all under it. */
[data-testid="stMain"] [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"] >
  [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"] > [data-testid="stSkeleton"] { height: 7.5rem; }
/* The Overview's answer block (answer_block.frame): sentences closer together, page links that wrap. */
.st-key-answer { gap: 0.6rem; }
.st-key-answer [data-testid="stPageLink"] a { padding: 0 0.25rem; }
.st-key-answer [data-testid="stPageLink"] p { font-size: 0.875rem; white-space: normal; overflow: visible; }
/* The as-of card's title is a second-level heading (it follows the page title) at a third level's size. */
.st-key-as-of-card h2 { font-size: 1.5rem; padding-top: 0.25rem; }
/* A phone (390 px): cards two a row with room for the longest word of a label, smaller values. */
@media (max-width: 640px) {
  [data-testid="stMetric"] { padding: 0.6rem 0.7rem; }
  [data-testid="stMetricLabel"] p { font-size: 0.8rem; }
  [data-testid="stMetricValue"] { font-size: 1.3rem; }
  /* a card never narrower than its label's longest word (Streamlit cut it with «…»): such a card takes a row */
  [data-testid="stMetricLabel"] { grid-template-columns: minmax(min-content, 1fr) auto; }
  [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"], [data-testid="stMetric"],
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stLayoutWrapper"] {
    min-width: min-content; }
  /* a card's placeholder: two a row, as the cards come, each as tall as a card with a wrapped label */
  [data-testid="stMain"] [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"]:has(>
    [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"] > [data-testid="stSkeleton"]) {
    min-width: calc(50% - 0.5rem); }
  [data-testid="stMain"] [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"] >
    [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"] > [data-testid="stSkeleton"] { height: 10rem; }
}
</style>"""


def style() -> None:
    # A constant string: nothing a user or a link sets reaches it. (st.html with only a <style> block goes to a
    # separate event container and was seen missing after some page loads; markdown stays in the page.)
    st.markdown(STYLE, unsafe_allow_html=True)


def language_switch() -> Labels:
    st.session_state.setdefault(state.LANG, LANGS[0])  # a link's ?lang= was read by state.check_link
    st.segmented_control("Language / Язык", LANGS, format_func=LANG_NAMES.get, key=state.LANG, required=True)
    state.sync_lang_param()  # the link carries the code (?lang=ru); the buttons show the names
    return state.labels()


def scenario_sidebar(L: Labels) -> None:
    """Presets, reset, one slider per assumption (every value bound to the URL), then the status fragment."""
    st.subheader(L("scenario"))
    share.copy_link(L)  # the page's address with this scenario, to the clipboard
    reasons = tables().preset_reasons
    for name in preset_names():
        st.button(
            L(f"preset_{name}"),
            key=f"preset-{name}",
            on_click=state.apply_preset,
            args=(name,),
            width="stretch",
            type="primary" if name == "plan" else "secondary",
            help=L.col(reasons.loc[name], "reason"),
        )
    changed = st.empty()  # filled after the sliders, which carry this run's values (a link's included)
    a = tables().assumptions
    for group in GROUPS:
        with st.expander(L(f"group_{group}"), expanded=group == "projection"):
            for choice in CHOICE_GROUPS.get(group, ()):
                st.selectbox(
                    L(choice),
                    CHOICES[choice],
                    format_func=lambda v, c=choice: L(f"{c}_{v}"),
                    key=choice,
                    bind="query-params",
                    on_change=scenario_changed,
                    help=L(f"{choice}_help"),
                )
            for param in a.index[a["group"] == group]:
                spec = state.slider_spec(param)
                st.slider(
                    L(f"a_{param}"),
                    spec.min,
                    spec.max,
                    value=spec.default,
                    step=spec.step,
                    key=param,
                    bind="query-params",
                    help=assumption_help(param, L),
                    on_change=scenario_changed,
                    # "localized": the browser's number format (a decimal comma in a Russian browser) and no
                    # padded zeros ("0", "-10", not "0.00", "-10.00"); sprintf formats cannot localise
                    format="percent" if a.at[param, "unit"] in PERCENT_UNITS else "localized",
                )
    st.caption(L("share_hint"))
    st.subheader(L("report_title"))
    scenario_status(changed)


@st.fragment(key=STATUS_FRAGMENT)
def scenario_status(changed) -> None:
    """What differs from the plan (in the placeholder above the sliders) and the report pack's two buttons."""
    L, s = state.labels(), state.scenario()
    with error_boundary(L, "sidebar status"):
        changes = s.changes_from_default()
        changed.caption(
            L("no_changes")
            if not changes
            else f"{L('changed_from_plan')}: " + ", ".join(L(k) if k in CHOICES else L(f"a_{k}") for k in changes)
        )
        report_buttons(s, L)


def assumption_help(param: str, L: Labels) -> str:
    """Source of an assumption for a tooltip, in the page's language, with the estimate flag."""
    a = tables().assumptions
    return L.col(a.loc[param], "source") + (f" ({L('estimate')})" if a.at[param, "estimate"] else "")


def fact_help(fact_id: str, L: Labels) -> str:
    """Citation of a stated figure for a tooltip."""
    f = tables().facts.loc[fact_id]
    speaker, source, note = (L.col(f, c) for c in ("speaker", "source", "note"))
    who = "" if f["speaker"].startswith("report") else f" — {speaker}"
    # a no-break space keeps «абз. 6» on one line; English quotes with “…”, not guillemets
    locator = f["locator"].replace("para. ", L("locator_para"))
    quoted = L("quoted", text=f["stated_as"])
    return f"{source}, {locator}{who}. {quoted}. {note}".strip()


def kpi_row():
    """A row of KPI cards: a horizontal container whose cards share the width and wrap onto new rows when narrow."""
    return st.container(horizontal=True, gap="small")


def kpi(row, label: str, value: str, help_text: str, delta: str | None = None) -> None:
    """One KPI card in ``row`` (:func:`kpi_row`, or a placeholder in one), as wide as its share of the row."""
    row.container(width="stretch").metric(
        label, value, delta=delta, delta_color="off", delta_arrow="off", help=help_text, border=True
    )


def sentence_card(sentence: str, explain: str, help_text: str, key: str) -> None:
    """A bordered card with one bold sentence, its explanation and a tooltip (the sources)."""
    with st.container(border=True, key=key):
        st.markdown(f"**{sentence}**", help=help_text)
        st.markdown(explain)


#: Characters that mean markup in a Markdown table cell, each escaped with a backslash (any ASCII punctuation may be).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    # a line break would end the row; no-break spaces (U+00A0, U+202F) stay as they are
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"[\r\n\t]+", " ", str(value)))


def _css_text(text: str) -> str:
    """``text`` as a CSS string's content (quotes and backslashes escaped, on one line; "<" as the CSS escape \\3c, so
    no text can close the <style> element it is written into)."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


def table(frame, key: str) -> str:  # noqa: ANN001 - a pandas DataFrame
    """A static table as a Markdown table; returns the CSS (for :func:`table_css`) that on a phone makes each row a
    block of «column: value» lines (no sideways scroll, and no scrolling box a keyboard could not reach).

    ``st.table`` draws a 40 px placeholder until its code has loaded, then the table, and everything under it moved
    (the Sources page's layout shift); HTML in ``st.markdown`` waits for its own loader the same way. A Markdown
    table is drawn by the code that draws all text, in place at once. Cells are escaped (no markup from the data);
    missing values read «—». ``key``: a name for the table, unique on the page (its CSS scope)."""
    head = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    with st.container(key=f"table-{key}"):
        st.markdown("\n".join([head, rule, *rows]))
    scope = f".st-key-table-{key}"
    return "".join(
        f'{scope} td:nth-child({i})::before {{ content: "{_css_text(c)}: "; font-weight: 600; }}'
        for i, c in enumerate(frame.columns, start=1)
        if str(c).strip()
    )


def table_css(rules: list[str]) -> None:
    """The phone CSS of a page's tables (:func:`table`), drawn once after them: the element that carries it has a
    height until its loader has run, and collapsing then moves only what is under it, here nothing."""
    # fixed labels (column names) only: nothing a user or a link sets reaches this CSS
    st.markdown(f"<style>@media (max-width: 640px) {{ {''.join(rules)} }}</style>", unsafe_allow_html=True)


def chart(view: views.View, s: Scenario, L: Labels, scroll: bool = False) -> None:
    """Draw a view with its text alternative under it and a compact download menu beside it.

    ``scroll``: the plot keeps at least 900 px and a narrower screen scrolls inside its own box (a heatmap whose
    cells would vanish at phone width)."""
    if scroll:
        with st.container(key=f"scroll-{view.chart_id}"):
            _chart(view, s, L)
    else:
        _chart(view, s, L)


class _Drawn(go.Figure):
    """A shared view's figure as ``st.plotly_chart`` reads it: its dict (``to_dict``: a deep copy of every trace
    and the layout, arrays to base64) made once per view and kept with the figure, instead of on every draw (~1 ms
    a chart, on every rerun of a page). No ``go.Figure.__init__``: it holds the built figure's own dict, nothing
    to build or check again."""

    def __init__(self, spec: dict):  # noqa: D107 - see the class
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def _drawn(figure: go.Figure) -> _Drawn:
    spec = figure.__dict__.get("_drawn_spec")
    if spec is None:  # two sessions drawing it at once both make it; equal, one is kept
        spec = figure.to_dict()
        figure._drawn_spec = spec  # an underscored name: plotly keeps it as a plain attribute, not a property
    return _Drawn(spec)


def _chart(view: views.View, s: Scenario, L: Labels) -> None:
    name = export.file_name(view.chart_id, s.slug(), clock.today(), "png")[:-4]
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": name,
            "width": export.PNG_WIDTH,
            "height": export.PNG_HEIGHT,
            "scale": export.PNG_SCALE,
        },
    }
    # the figure's own height also on the element: the space is kept while Plotly's code is still loading
    height = int(view.figure.layout.height) if view.figure.layout.height else "content"
    st.plotly_chart(
        _drawn(view.figure), config=config, alt=view.alt, key=f"chart-{view.chart_id}", width="stretch", height=height
    )
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.caption(view.alt)
    with right.popover(L("download"), icon=":material/download:", width="stretch"):
        download_buttons(view, s, L)


def download_buttons(view: views.View, s: Scenario, L: Labels) -> None:
    """PNG, SVG, HTML, CSV and XLSX of one chart; each file is made only when its button is clicked."""
    # view.data is read in the buttons' callables: a chart's table may be made on its first read (View.data)
    today, cid, fig = clock.today(), view.chart_id, view.figure
    fname = lambda ext: export.file_name(cid, s.slug(), today, ext)  # noqa: E731
    caption = views.scenario_caption(s, L)
    ok, reason = export.image_export_available()
    img_help = None if ok else L("no_images", reason=reason)
    st.download_button(
        "PNG",
        lambda: export.to_png_bytes(export.annotate_for_export(fig, caption)),
        file_name=fname("png"),
        mime="image/png",
        key=f"dl-{cid}-png",
        on_click="ignore",
        disabled=not ok,
        help=img_help,
        width="stretch",
        icon=":material/image:",
    )
    st.download_button(
        "SVG",
        lambda: export.to_svg_bytes(export.annotate_for_export(fig, caption)),
        file_name=fname("svg"),
        mime="image/svg+xml",
        key=f"dl-{cid}-svg",
        on_click="ignore",
        disabled=not ok,
        help=img_help,
        width="stretch",
        icon=":material/draw:",
    )
    st.download_button(
        "HTML",
        lambda: export.to_html_bytes(export.annotate_for_export(fig, caption), view.title, L.lang),
        file_name=fname("html"),
        mime="text/html",
        key=f"dl-{cid}-html",
        on_click="ignore",
        width="stretch",
        icon=":material/web:",
    )
    own = downloads.csv_format(L)  # «;» and a decimal comma in Russian, "," and "." in English
    other = export.other_csv_format(own)
    st.download_button(
        "CSV",
        lambda: downloads.csv_bytes(cid, view.data, L, own),
        file_name=downloads.csv_file_name(cid, s.slug(), today, own, L),
        mime="text/csv",
        key=f"dl-{cid}-csv",
        on_click="ignore",
        width="stretch",
        icon=":material/table:",
    )
    st.download_button(  # the other format, small: for the reader whose Excel or program expects it
        L(f"dl_csv_{other.name}"),
        lambda: downloads.csv_bytes(cid, view.data, L, other),
        file_name=downloads.csv_file_name(cid, s.slug(), today, other, L),
        mime="text/csv",
        key=f"dl-{cid}-csv-{other.name}",
        on_click="ignore",
        width="stretch",
        type="tertiary",
        help=L(f"dl_csv_{other.name}_help"),
    )
    st.download_button(
        "XLSX",
        lambda: export.to_xlsx_bytes(
            downloads.table(cid, view.data, L),
            _meta(s, L),
            views.sources_table(L),
            sheet_name=L("dl_sheet_data"),
            names=downloads.xlsx_names(L),
        ),
        file_name=fname("xlsx"),
        key=f"dl-{cid}-xlsx",
        on_click="ignore",
        width="stretch",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/grid_on:",
    )
    if not ok:
        st.caption(L("no_images", reason=reason))


def _meta(s: Scenario, L: Labels) -> dict[str, str]:
    """The scenario sheet of an XLSX in the reader's language: what differs, the link, date and every assumption."""
    cur = st.session_state.get(state.CURRENCY, "RUB")
    return downloads.scenario_sheet(s, L, cur, views.scenario_caption(s, L), views.scenario_query(s, L))


def report_buttons(s: Scenario, L: Labels) -> None:
    """The whole scenario in one click: a ZIP of every chart, its data and sources, and one HTML report."""
    cur = st.session_state.get(state.CURRENCY, "RUB")
    actuals = state.actuals_series()
    today = clock.today()
    ok, _ = export.image_export_available()
    built = lambda name, **o: model.view(name, s, L.lang, **o)  # noqa: E731 - the charts on screen, from the cache
    st.download_button(
        L("report_zip"),
        lambda: views.report_zip(model.result(s), L, cur, actuals, images=ok, build=built),
        file_name=export.file_name("report-pack", s.slug(), today, "zip"),
        mime="application/zip",
        key="dl-report-zip",
        on_click="ignore",
        width="stretch",
        icon=":material/folder_zip:",
        help=L("report_zip_help"),
    )
    st.download_button(
        L("report_html"),
        lambda: views.report_html(model.result(s), L, cur, actuals, build=built),
        file_name=export.file_name("report", s.slug(), today, "html"),
        mime="text/html",
        key="dl-report-html",
        on_click="ignore",
        width="stretch",
        icon=":material/article:",
        help=L("report_html_help"),
    )
