"""Upload of actual monthly volumes, what counts, how they track the plan, and the "As of" card.

A bad file never loses the last good one; a fit is offered only when it means something, and says how well it fits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from components import clock
from components.app import logs, model, state, storage
from components.app.text import plain
from components.data import actuals, upload
from components.data.actuals import Actuals
from components.data.scenario import Scenario
from components.model import tracking
from components.present import upload_text
from components.present.i18n import Labels

_log = logging.getLogger("corridor.app")
UPLOADER = "upload_file"  # the file uploader widget (the file itself; the actuals are state.ACTUALS)
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


class Panel(NamedTuple):
    """What the upload box gives the page: the actuals (None: none, or nothing counted) and the placeholder of
    their saved link (None: not saved), which the page's scenario part redraws (:func:`storage.actuals_link`)."""

    actuals: Actuals | None
    link: object | None


def _on_upload() -> None:
    f = st.session_state.get(UPLOADER)
    if f is None:
        return
    data = f.getvalue()
    kind = "xlsx" if data[:4] == b"PK\x03\x04" else "text"
    try:
        new = actuals.from_upload(data, f.name, storage.uploaded_at(), today=clock.today())
    except upload.UploadError as err:
        logs.event("upload_rejected", logging.WARNING, code=err.code, row=err.row, bytes=len(data), format=kind)
        st.session_state[state.UPLOAD_MESSAGE] = ("error", err)
        return
    except Exception:  # the parser promises UploadError only; keep the user's data whatever happens
        _log.exception("upload parser failed", extra={"event": "upload_error", "fields": {"bytes": len(data)}})
        st.session_state[state.UPLOAD_MESSAGE] = ("error", upload.UploadError("unreadable"))
        return
    logs.event("upload_accepted", rows=new.source.rows_read, bytes=len(data), format=kind)
    state.set_actuals(new)  # a new upload is not the saved one: ?actuals= leaves the address, the scenario stays
    st.session_state[state.UPLOAD_MESSAGE] = ("ok", f.name)


def _apply_fit(fitted: Scenario) -> None:
    state.apply_scenario(fitted)
    st.rerun()  # the whole app: the button is in the page's fragment, and the sidebar's sliders must show the fit


def _clear() -> None:
    st.session_state.pop(state.UPLOAD_MESSAGE, None)
    state.set_actuals(None)


def _what_counts(a: Actuals, L: Labels) -> Actuals:
    """The choice of directions (a multiselect when the file states any); returns the actuals with the choice."""
    values = a.directions
    if not values:
        st.caption(L("trk_all_rows_counted", n=L.num(a.source.rows_read or a.months)))
        return a
    # No widget key: the choice lives in the actuals; the widget starts from it (a new choice is a new default)
    chosen = st.multiselect(
        L("trk_directions"),
        values,
        default=list(a.counted or ()),
        format_func=lambda v: v or L("direction_blank"),
        help=L("trk_directions_help"),
    )
    if tuple(chosen) != a.counted:
        a = a.with_counted(chosen)  # no longer the saved item: its link keeps the old choice
        st.session_state.pop(state.UPLOAD_MESSAGE, None)
        state.set_actuals(a)
    if not any(upload.is_china(v) for v in values):
        st.caption(L("trk_no_china"))
    if not a.counted:
        st.warning(L("trk_nothing_counted"), icon=":material/filter_alt_off:")
    return a


def _source_words(a: Actuals, L: Labels) -> str:
    """Where the numbers came from: file, sheet, rows read and skipped, size."""
    f = a.source
    parts = [L("upload_source_file", name=plain(f.name), size=L.num(f.size / 1024, 1))]
    if f.sheet:
        parts.append(L("upload_source_sheet", sheet=plain(f.sheet)))
    if f.rows_read is not None:
        parts.append(L("upload_source_rows", read=L.num(f.rows_read), skipped=L.num(f.rows_skipped or 0)))
    return "; ".join(parts)


def render(L: Labels) -> Panel:
    """The upload box, what counts, saving; returns the actuals kept for this session, if any, and the saved
    link's placeholder.

    Drawn in the page's full run: an upload reruns the whole app, so the chart and the report pack get it."""
    a = state.actuals()
    slot = None
    open_box = a is not None or state.UPLOAD_MESSAGE in st.session_state
    with st.expander(L("upload_title"), expanded=open_box):
        st.markdown(L("upload_what", mb=upload.MAX_UPLOAD_BYTES // (1024 * 1024), rows=L.num(upload.MAX_ROWS)))
        st.file_uploader(L("upload_label"), type=["csv", "xlsx", "txt"], key=UPLOADER, on_change=_on_upload)
        uploader_text(L)
        kind, payload = st.session_state.get(state.UPLOAD_MESSAGE, (None, None))
        if kind == "error":
            st.error(  # the message quotes the file's cells and headers: shown as text
                plain(upload_text.upload_error(payload, L), limit=2000)
                + (" " + L("upload_kept") if a is not None else ""),
                icon=":material/error:",
            )
        elif kind in ("ok", "saved", "store") and a is not None:  # not for actuals opened from a link
            st.success(L("upload_ok", n=a.months, name=plain(a.source.name)), icon=":material/check_circle:")
        if a is not None:
            st.caption(_source_words(a, L))
            a = _what_counts(a, L)
        slot = storage.actuals_box(L)
        c = st.columns(3)
        c[0].download_button(
            L("upload_sample"),
            lambda: sample_bytes(L.lang),
            file_name=sample_name(L.lang),
            mime="text/csv",
            key="sample-csv",
            on_click="ignore",
            width="stretch",
            icon=":material/download:",
            help=L("upload_sample_help"),
        )
        for i, fmt in enumerate(("csv", "xlsx"), 1):
            c[i].download_button(
                L("template", fmt=fmt.upper()),
                lambda fmt=fmt: upload_text.actuals_template(L, fmt),
                file_name=f"actuals-template-{L.lang}.{fmt}",
                key=f"tpl-{fmt}",
                on_click="ignore",
                width="stretch",
            )
        if a is not None:
            st.button(L("upload_clear"), on_click=_clear, key="clear-actuals")
    return Panel(None if a is None or a.empty else a, slot)


def sample_name(lang: str) -> str:
    """File name of the illustrative sample in ``lang`` (``data/samples/``; the catalogue names it)."""
    return Labels(lang).file("upload_sample")


def sample_bytes(lang: str) -> bytes:
    """The illustrative sample file in ``lang``: made-up volumes, labelled so in its first row."""
    return (SAMPLES / sample_name(lang)).read_bytes()


def _fit_words(fit: tracking.Fit, L: Labels) -> str:
    share = fit.miss_share
    verdict = "close" if share <= 0.10 else "rough" if share <= 0.25 else "loose"
    return L(
        "trk_fit_quality",
        miss=L.tonnes(fit.rmse),
        share=L.pct(min(share, 9.99)),
        n=L.num(fit.months),
        verdict=L(f"trk_fit_{verdict}"),
    )


def progress(actuals: pd.DataFrame | None, s: Scenario, L: Labels) -> None:
    """KPIs of the actuals against the target, told the seasonally honest way, and the fitted scenario."""
    if actuals is None or actuals.empty:
        return
    r = model.result(s)
    p = r.progress(actuals)
    st.header(L("track_title"))
    status = {
        "zero": ("trk_last_zero", ":material/block:"),
        "running": ("trk_last_running", ":material/schedule:"),
        "stale": ("trk_last_stale", ":material/history:"),
    }.get(p.last_status)
    if status:
        st.info(
            L(status[0], month=L.month(p.last_month), n=L.count(p.months_not_uploaded, "months", 0)), icon=status[1]
        )
    c = st.columns(4)
    c[0].metric(
        L("track_year", year=p.year),
        L.tonnes(p.tonnes_this_year),
        border=True,
        help=L("trk_year_help", n=L.count(p.months_this_year, "months", 0), month=L.month(p.last_month)),
    )
    target = r.target_t_year
    if p.months_missing:
        delta = L("trk_12m_missing", n=L.count(p.months_missing, "months", 0))
    elif p.target_reached:
        delta = L("trk_12m_reached", month=L.month(p.reached_month))
    else:
        delta = L("trk_12m_share", share=L.pct(p.sum_12m / target))
    c[1].metric(
        L("trk_12m", month=L.month(p.last_month)),
        L.tonnes(p.sum_12m),
        delta=delta,
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=L("trk_12m_help", target=L.tonnes(target)),
    )
    pace = L("trk_pace_none") if p.pace is None else L("trk_per_year", v=L.signed_pct(p.pace))
    c[2].metric(
        L("trk_pace"), pace, border=True, help=L(f"trk_pace_help_{p.pace_basis or 'none'}", month=L.month(p.last_month))
    )
    if p.months_left <= 0:
        ago = r.months_past_target
        needed = (
            L("trk_needed_passed", n=L("trk_ago", n=L.count(ago, "months", 0))) if ago > 0 else L("asof_this_month")
        )
    elif p.needed_growth is None:
        needed = L("trk_needs_12")
    else:
        needed = L("trk_per_year", v=L.signed_pct(p.needed_growth))
    c[3].metric(
        L("trk_needed"),
        needed,
        border=True,
        help=L("trk_needed_help", month=L.month(r.target_month), rate=L.tonnes(target * s.attainment)),
    )
    if p.target_reached:
        reach = L("trk_reached_in", month=L.month(p.reached_month))
    elif p.reaches_target is not None:
        reach = L("trk_reach_at_pace", month=L.month(p.reaches_target))
    else:
        reach = L("trk_reach_unknown") if p.pace is None or p.months_missing else L("track_never")
    st.caption(reach)
    try:
        # month by month as the chart draws it: the scenario's curve spread by its seasonal profile
        fit = r.fit(actuals)
    except tracking.FitError as err:
        st.info(
            L("trk_fit_too_few", n=L.count(err.months, "months", 0), need=L.num(err.needed)), icon=":material/tune:"
        )
        return
    f = fit.scenario
    st.button(
        L("trk_apply_fit", delay=L.count(f.delay_months, "months", 0), att=L.pct(f.attainment)),
        on_click=_apply_fit,
        args=(f,),
        icon=":material/tune:",
        key="apply-fit",
    )
    st.caption(_fit_words(fit, L) + " " + L("trk_fit_season", profile=L(f"profile_{s.profile}")))
    for name, end in fit.at_edge.items():
        st.warning(L("trk_fit_edge", what=L(f"a_{name}"), end=L(f"trk_edge_{end}")), icon=":material/warning:")


def as_of_card(s: Scenario, L: Labels, actuals: pd.DataFrame | None = None) -> None:
    """What the stated plan and the scenario expect by today, and how far the actuals are from both."""
    r = model.result(s)
    a = r.as_of(actuals)
    with st.container(border=True, key="as-of-card"):
        st.header(L("asof_title", day=L.day(a.today)))  # h2: it may follow the page title
        months = L("asof_months", last=L.month(a.month - pd.DateOffset(months=1))) if a.ytd_months else ""
        c = st.columns(4)
        c[0].metric(
            L("asof_rate"),
            L.tonnes(a.plan.rate_t_year),
            border=False,
            delta=L("asof_scenario", v=L.tonnes(a.scenario.rate_t_year)),
            delta_color="off",
            delta_arrow="off",
            help=L("asof_rate_help", month=L.month(a.month)),
        )
        c[1].metric(
            L("asof_ytd", year=a.month.year) + months,
            L.tonnes(a.plan.tonnes_ytd),
            border=False,
            delta=L("asof_scenario", v=L.tonnes(a.scenario.tonnes_ytd)),
            delta_color="off",
            delta_arrow="off",
            help=L("asof_ytd_help"),
        )
        ago = a.completion_months_ago
        when = (
            L("asof_passed", n=L("trk_ago", n=L.count(ago, "months", 0)))
            if ago > 0
            else L("asof_this_month")
            if ago == 0
            else L("asof_ahead", n=L.count(-ago, "months", 0))
        )
        c[2].metric(
            L("asof_completion", month=L.month(r.stated_target_month)),
            when,
            border=False,
            help=L("asof_completion_help"),
        )
        if a.actual_ytd is not None:
            c[3].metric(
                L("asof_actual", n=L.count(a.actual_ytd_months, "months", 0)),
                L.tonnes(a.actual_ytd),
                help=L("asof_actual_help"),
            )
            st.markdown(
                L(
                    "asof_gap",
                    n=L.count(a.actual_ytd_months, "months", 0),
                    v=L.tonnes(a.actual_ytd),
                    plan=L.signed_tonnes(a.gap(a.actual_ytd, a.plan_ytd_same)),
                    scen=L.signed_tonnes(a.gap(a.actual_ytd, a.scenario_ytd_same)),
                )
            )
        elif actuals is not None:
            c[3].metric(L("asof_actual_none", year=a.month.year), "—", help=L("asof_actual_help"))
        else:
            c[3].metric(L("asof_no_actuals"), "—", help=L("asof_no_actuals_help"))
        if a.actual_rate is not None:
            st.markdown(
                L(
                    "asof_rate_gap",
                    month=L.month(a.actual_rate_month),
                    v=L.tonnes(a.actual_rate),
                    plan=L.signed_tonnes(a.actual_rate - a.plan.rate_t_year),
                    scen=L.signed_tonnes(a.actual_rate - a.scenario.rate_t_year),
                )
            )


def uploader_text(L: Labels) -> None:
    """The file uploader's button and limits in the page's language: Streamlit draws "Upload" and "5MB per file •
    CSV, XLSX, TXT" in English whatever the page. Its own words are hidden (display: none leaves the accessibility
    tree too) and ours are drawn in their place; the text is fixed labels and a number, no user input."""
    button, limits = L("upload_button"), L("upload_limits", mb=upload.MAX_UPLOAD_BYTES // (1024 * 1024))
    box = f".st-key-{UPLOADER} [data-testid='stFileUploaderDropzone']"
    st.markdown(
        "<style>"
        f"{box} button [data-testid='stMarkdownContainer'] p {{ display: none; }}"
        f'{box} button [data-testid="stMarkdownContainer"]::after {{ content: "{button}"; }}'
        f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span {{ display: none; }}"
        f'{box} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{limits}"; }}'
        "</style>",
        unsafe_allow_html=True,
    )
