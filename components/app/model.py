"""The pure model behind ``st.cache_data``: each result is computed once per scenario and process.

Cached tables are returned as copies, so a page can never change what another session sees; views are
shared read-only (see :func:`view`).
"""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
import streamlit as st

from components import clock
from components.data.scenario import Scenario
from components.model import capacity, economics, network, projection, run
from components.present import views
from components.present.i18n import Labels


@st.cache_data(max_entries=512, show_spinner=False)
def trajectory(s: Scenario) -> pd.DataFrame:
    return projection.trajectory(s)


def seasonal_trajectory(s: Scenario) -> pd.DataFrame:
    return result(s).seasonal.copy()


@st.cache_data(max_entries=512, show_spinner=False)
def band(s: Scenario) -> pd.DataFrame:
    return projection.band(s)


@st.cache_data(max_entries=512, show_spinner=False)
def boxes(s: Scenario) -> pd.DataFrame:
    return capacity.boxes_and_trains(result(s).seasonal, s)


@st.cache_data(max_entries=512, show_spinner=False)
def warehouse(s: Scenario) -> pd.DataFrame:
    return capacity.warehouse_need(result(s).seasonal, s)


def cash_flows(s: Scenario) -> pd.DataFrame:
    """The appraisal's cash-flow table, from the scenario's one result (a copy: a page may not change it)."""
    return appraisal(s).flows.copy()


@st.cache_data(max_entries=256, show_spinner=False)
def sensitivity(s: Scenario) -> pd.DataFrame:
    return economics.sensitivity(s)


def appraisal(s: Scenario) -> economics.Appraisal:
    """The appraisal of the scenario's one result (:func:`result`), not a second computation."""
    return result(s).economics


@st.cache_data(max_entries=128, show_spinner=False)
def npv_distribution(s: Scenario) -> dict:
    return economics.npv_distribution(s)


def result(s: Scenario) -> run.Result:
    """The scenario's one result (:func:`components.model.run.run`) for today: projection, seasonal flow, network,
    economics. Shared, not copied (a copy of the network's arrays on every rerun would cost more than the pages
    that read it); nothing changes it in place."""
    return _result(s, clock.today())


@st.cache_resource(max_entries=256, show_spinner=False)
def _result(s: Scenario, today: dt.date) -> run.Result:
    return run.run(s, today)


@st.cache_data(max_entries=128, show_spinner=False)
def network_sensitivity(s: Scenario) -> pd.DataFrame:
    return network.sensitivity(s)


@st.cache_data(max_entries=512, show_spinner=False)
def card(name: str, s: Scenario, lang: str) -> dict[str, str]:
    """A card's text from :data:`components.present.views.CARDS` (``name``: ``wait_card``, ``selyatino_card``,
    ``d2d_dostyk_card``, ``d2d_altynkol_card``, ``fleet_card``, ``split_card``), made once per scenario and language
    from this module's cached result."""
    return views.CARDS[name](s, Labels(lang), m=sys.modules[__name__])


def view(name: str, s: Scenario, lang: str, **options) -> views.View:
    """A chart of :data:`components.present.views.BUILDERS` (``name`` is its key), built once per scenario, language and day.

    ``options`` go to the builder (``currency``, ``actuals``, ``compare``); the model behind it is this
    module's cached one. Unlike the tables above, a view is shared, not copied: unpickling a plotly figure on
    every cache hit cost ~3 ms a chart on every rerun. Nothing changes a view in place: ``st.plotly_chart``
    serialises a copy, ``export.annotate_for_export`` and the CSV/XLSX writers copy first
    (``tests/test_app.py`` checks a drawn page and its downloads leave the shared views as built).

    Today's date (:func:`components.clock.today`) is part of the cache key, so the today line and the figures
    "as of" today move on at midnight instead of staying as built the day before.
    """
    return _view(name, s, lang, clock.today(), **options)


@st.cache_resource(max_entries=512, show_spinner=False)  # ~60 KB a view: at most ~30 MB
def _view(name: str, s: Scenario, lang: str, today: dt.date, **options) -> views.View:
    """:func:`view` for one day (``today`` is in the key; the builders read the same :func:`clock.today`)."""
    return views.BUILDERS[name](s, Labels(lang), m=sys.modules[__name__], **options)
