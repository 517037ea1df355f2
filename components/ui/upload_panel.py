"""Upload of actual monthly volumes on the projections page; a bad file never loses the last good one."""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from components import tracking, upload
from components.i18n import Labels
from components.scenario import Scenario
from components.ui import state

_log = logging.getLogger(__name__)
UPLOADER = "actuals_file"


def _on_upload() -> None:
    f = st.session_state.get(UPLOADER)
    if f is None:
        return
    try:
        actuals = upload.parse_actuals(f.getvalue(), f.name)
    except upload.UploadError as err:
        st.session_state[state.UPLOAD_MESSAGE] = ("error", err)
        return
    except Exception:  # the parser promises UploadError only; keep the user's data whatever happens
        _log.exception("upload parser failed on %r", f.name)
        st.session_state[state.UPLOAD_MESSAGE] = ("error", upload.UploadError("unreadable"))
        return
    st.session_state[state.ACTUALS] = upload.monthly_totals(actuals)
    st.session_state[state.UPLOAD_MESSAGE] = ("ok", f.name)


def _apply_fit(fitted: Scenario) -> None:
    state.apply_scenario(fitted)
    st.rerun()  # the whole app: the button is in the page's fragment, and the sidebar's sliders must show the fit


def _clear() -> None:
    st.session_state.pop(state.ACTUALS, None)
    st.session_state.pop(state.UPLOAD_MESSAGE, None)


def render(L: Labels) -> pd.DataFrame | None:
    """The upload box and templates; returns the monthly actuals kept for this session, if any.

    Drawn in the page's full run: an upload reruns the whole app, so the chart and the report pack get it."""
    actuals = st.session_state.get(state.ACTUALS)
    with st.expander(L("upload_title"), expanded=actuals is not None or state.UPLOAD_MESSAGE in st.session_state):
        st.markdown(L("upload_help", mb=upload.MAX_UPLOAD_BYTES // (1024 * 1024)))
        st.file_uploader(L("upload_label"), type=["csv", "xlsx", "txt"], key=UPLOADER, on_change=_on_upload)
        kind, payload = st.session_state.get(state.UPLOAD_MESSAGE, (None, None))
        if kind == "error":
            st.error(payload.message(L.lang) + (" " + L("upload_kept") if actuals is not None else ""),
                     icon=":material/error:")
        elif kind == "ok" and actuals is not None:
            st.success(L("upload_ok", n=len(actuals), name=payload), icon=":material/check_circle:")
        c = st.columns(3)
        for i, fmt in enumerate(("csv", "xlsx")):
            c[i].download_button(L("template", fmt=fmt.upper()), lambda fmt=fmt: upload.template_bytes(L.lang, fmt),
                                 file_name=f"actuals-template-{L.lang}.{fmt}", key=f"tpl-{fmt}", on_click="ignore",
                                 width="stretch")
        if actuals is not None:
            c[2].button(L("upload_clear"), on_click=_clear, width="stretch")
    return actuals


def progress(actuals: pd.DataFrame | None, s: Scenario, L: Labels) -> None:
    """KPIs of the actuals against the target, and the fitted scenario as a one-click preset."""
    if actuals is None or actuals.empty:
        return
    p = tracking.progress(actuals, s)
    st.header(L("track_title"))
    c = st.columns(4)
    c[0].metric(L("track_year", year=p.year), L.tonnes(p.tonnes_this_year), border=True,
                help=L("track_year_help", month=L.month(p.last_month)))
    needed = L("track_passed") if p.needed_growth is None else L.pct(p.needed_growth, 1) + " / " + L("mo")
    c[1].metric(L("track_needed"), needed, border=True, help=L("track_needed_help"))
    c[2].metric(L("track_pace"), L.pct(p.pace, 1) + " / " + L("mo"), border=True, help=L("track_pace_help"))
    c[3].metric(L("track_reach"), L.month(p.reaches_target) if p.reaches_target is not None else L("track_never"),
                border=True, help=L("track_reach_help"))
    try:
        fitted, rmse = tracking.fit_scenario(actuals, s)
    except ValueError:
        st.info(L("track_no_fit"))
        return
    st.button(L("track_apply_fit", delay=L.num(fitted.delay_months), att=L.pct(fitted.attainment), rmse=L.num(rmse)),
              on_click=_apply_fit, args=(fitted,), icon=":material/tune:")
