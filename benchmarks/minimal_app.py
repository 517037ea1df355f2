"""The reference floor for the dashboard's benchmarks: one slider and one Plotly line of 64 points.

Run with ``streamlit run benchmarks/minimal_app.py``. ``benchmarks/bench_app.py`` and ``benchmarks/lighthouse.py``
drive it next to the dashboard; anything the dashboard costs beyond this app is its own overhead.
The chart carries a text alternative (``alt=``) like the dashboard's, so accessibility audits compare alike.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Minimal slider and chart", layout="wide")
st.title("Minimal slider and chart")
shift = st.slider("Delay (months)", 0, 36, 0, step=1, key="delay")
x = np.arange(64)
y = 1_000 * (1 + np.tanh((x - 12 - shift) / 6))  # an S-curve that moves right with the slider
fig = go.Figure(go.Scatter(x=x, y=y, mode="lines", name="tonnes"))
fig.update_layout(height=440, margin={"l": 40, "r": 10, "t": 30, "b": 40}, xaxis_title="month", yaxis_title="tonnes")
st.plotly_chart(fig, alt=f"Line chart of 64 monthly values, an S-curve delayed by {shift} months", width="stretch")
