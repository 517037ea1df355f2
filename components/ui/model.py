"""The pure model behind ``st.cache_data``: each result is computed once per scenario and process.

Cached results are returned as copies, so a page can never change what another session sees.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import capacity, economics, projection
from components.scenario import Scenario


@st.cache_data(max_entries=512, show_spinner=False)
def trajectory(s: Scenario) -> pd.DataFrame:
    return projection.trajectory(s)


@st.cache_data(max_entries=512, show_spinner=False)
def band(s: Scenario) -> pd.DataFrame:
    return projection.band(s)


@st.cache_data(max_entries=512, show_spinner=False)
def boxes(s: Scenario) -> pd.DataFrame:
    return capacity.boxes_and_trains(projection.trajectory(s), s)


@st.cache_data(max_entries=512, show_spinner=False)
def warehouse(s: Scenario) -> pd.DataFrame:
    return capacity.warehouse_need(projection.trajectory(s), s)


@st.cache_data(max_entries=512, show_spinner=False)
def cash_flows(s: Scenario) -> pd.DataFrame:
    return economics.cash_flows(s)


@st.cache_data(max_entries=256, show_spinner=False)
def sensitivity(s: Scenario) -> pd.DataFrame:
    return economics.sensitivity(s)
