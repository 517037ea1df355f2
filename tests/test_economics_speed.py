"""The numpy NPV behind the sensitivity chart against the pandas cash flows it replaces."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import economics
from components.facts import tables
from components.scenario import SHAPES, Scenario, whole_number

PLAN = Scenario.default()
REL, ABS = 1e-9, 1e-3  # RUB; the absolute bound only matters near an NPV of zero


def slow_npv(s: Scenario) -> float:
    return float(economics.cash_flows(s)["discounted"].sum() - tables().fact("selyatino_investment"))


def _value(param: str) -> st.SearchStrategy:
    lo, hi = float(tables().assumptions.at[param, "min"]), float(tables().assumptions.at[param, "max"])
    if whole_number(param):
        return st.integers(int(lo), int(hi)).map(float)
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


scenarios = st.fixed_dictionaries(
    {"shape": st.sampled_from(SHAPES), **{p: _value(p) for p in tables().assumptions.index}}
).map(lambda values: PLAN.with_values(**values))


@settings(max_examples=150, deadline=None)
@given(scenarios)
def test_fast_npv_equals_cash_flow_npv(s):
    assert economics._npv_fast(s) == pytest.approx(slow_npv(s), rel=REL, abs=ABS)


@pytest.mark.parametrize("changes", [
    {"delay_months": 0.5}, {"delay_months": 8.25, "shape": "linear"},
    {"delay_months": 35.9, "shape": "constant_growth", "horizon_years": 5.5},
])
def test_fast_npv_off_the_slider_grid(changes):
    # with_values accepts fractions the sliders do not offer: the target month is rounded up there.
    s = PLAN.with_values(**changes)
    assert economics._npv_fast(s) == pytest.approx(slow_npv(s), rel=REL, abs=ABS)


def reference_sensitivity(s: Scenario) -> pd.DataFrame:
    a = tables().assumptions
    base = economics.npv(s)
    rows = []
    for p in economics.SENSITIVITY_PARAMS:
        lo, hi = float(a.at[p, "min"]), float(a.at[p, "max"])
        rows.append((p, lo, hi, economics.npv(s.with_values(**{p: lo})), economics.npv(s.with_values(**{p: hi})),
                     base))
    df = pd.DataFrame(rows, columns=["param", "low", "high", "npv_low", "npv_high", "npv_base"])
    df["swing"] = (df["npv_high"] - df["npv_low"]).abs()
    return df.sort_values("swing", ascending=False, ignore_index=True)


@pytest.mark.parametrize("s", [
    PLAN,
    PLAN.with_values(shape="linear", delay_months=7, attainment=0.6, growth_after_pct=5.5, horizon_years=12),
    PLAN.with_values(shape="constant_growth", delay_months=30, feu_payload_t=20.4, discount_rate=0.08,
                     horizon_years=30, opex_share=0.52),
], ids=["plan", "linear-late", "constant-long"])
def test_sensitivity_equals_the_cash_flow_reference(s):
    got, ref = economics.sensitivity(s), reference_sensitivity(s)
    assert list(got.columns) == list(ref.columns)
    assert got.dtypes.to_dict() == ref.dtypes.to_dict()
    assert got.index.equals(ref.index)
    assert got["param"].tolist() == ref["param"].tolist()
    assert got["swing"].is_monotonic_decreasing
    for col in ("low", "high"):
        np.testing.assert_array_equal(got[col].to_numpy(), ref[col].to_numpy())
    for col in ("npv_low", "npv_high", "npv_base", "swing"):
        np.testing.assert_allclose(got[col].to_numpy(), ref[col].to_numpy(), rtol=REL, atol=ABS)
