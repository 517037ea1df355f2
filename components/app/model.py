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
from components.model import capacity, chain, economics, projection
from components.present import views
from components.present.i18n import Labels


@st.cache_data(max_entries=512, show_spinner=False)
def trajectory(s: Scenario) -> pd.DataFrame:
    return projection.trajectory(s)


@st.cache_data(max_entries=512, show_spinner=False)
def seasonal_trajectory(s: Scenario) -> pd.DataFrame:
    return chain.seasonal_trajectory(s)


@st.cache_data(max_entries=512, show_spinner=False)
def band(s: Scenario) -> pd.DataFrame:
    return projection.band(s)


@st.cache_data(max_entries=512, show_spinner=False)
def boxes(s: Scenario) -> pd.DataFrame:
    return capacity.boxes_and_trains(chain.seasonal_trajectory(s), s)


@st.cache_data(max_entries=512, show_spinner=False)
def warehouse(s: Scenario) -> pd.DataFrame:
    return capacity.warehouse_need(chain.seasonal_trajectory(s), s)


@st.cache_data(max_entries=512, show_spinner=False)
def cash_flows(s: Scenario) -> pd.DataFrame:
    return economics.cash_flows(s)


@st.cache_data(max_entries=256, show_spinner=False)
def sensitivity(s: Scenario) -> pd.DataFrame:
    return economics.sensitivity(s)


@st.cache_data(max_entries=256, show_spinner=False)
def appraisal(s: Scenario) -> economics.Appraisal:
    return economics.appraisal(s)


@st.cache_data(max_entries=128, show_spinner=False)
def npv_distribution(s: Scenario) -> dict:
    return economics.npv_distribution(s)


@st.cache_data(max_entries=512, show_spinner=False)
def utilisation(s: Scenario) -> pd.DataFrame:
    return chain.utilisation(s)


#: Cheap on the cached table above: not cached themselves (hashing the table would cost more than the call).
peak_by_link, bottleneck = chain.peak_by_link, chain.bottleneck


@st.cache_data(max_entries=128, show_spinner=False)
def bottleneck_sensitivity(s: Scenario) -> pd.DataFrame:
    return chain.bottleneck_sensitivity(s)


@st.cache_data(max_entries=512, show_spinner=False)
def fleet(s: Scenario) -> dict:
    return chain.fleet(s)


@st.cache_data(max_entries=512, show_spinner=False)
def door_to_door(s: Scenario) -> dict:
    return chain.door_to_door(s)


@st.cache_data(max_entries=512, show_spinner=False)
def card(name: str, s: Scenario, lang: str) -> dict[str, str]:
    """A card's text from :data:`components.present.views.CARDS` (``name``: ``bottleneck_card``, ``fleet_card``,
    ``door_card``), made once per scenario and language from this module's cached model."""
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
