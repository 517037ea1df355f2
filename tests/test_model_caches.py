"""Guards for the model's caches of parts that do not depend on the whole scenario.

Each cache is keyed on what its part reads; these tests fail when a key leaves out a field (a scenario would be handed
another scenario's part) or when a kept array can be changed through a result.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from components.data.scenario import CHOICES, Scenario
from components.model import economics, network, projection

PLAN = Scenario.default()
BACKGROUND_ARRAYS = ("capacity", "episode_cut", "capacity_effective", "background", "background_demand")


def _moved(field: str) -> Scenario:
    """The plan with ``field`` at another value: the next option of a choice, else the end of its range farther
    from the default."""
    f = PLAN.__dataclass_fields__[field]
    if field in CHOICES:
        options = f.metadata["options"]
        return dataclasses.replace(PLAN, **{field: options[(options.index(getattr(PLAN, field)) + 1) % len(options)]})
    lo, hi, v = f.metadata["min"], f.metadata["max"], getattr(PLAN, field)
    return dataclasses.replace(PLAN, **{field: lo if v - lo > hi - v else hi})


@pytest.mark.parametrize("field", network.BACKGROUND_FIELDS)
def test_each_background_field_moves_the_kept_background(field):
    # the plan's network first, so its background is kept; a scenario that moves one field the background reads
    # must not be handed the plan's (each of these fields moves capacity, episodes or background at the defaults)
    plan = network.run(PLAN, flow=network.flow_arrays(PLAN))
    s = _moved(field)
    moved = network.run(s, flow=network.flow_arrays(s))
    assert any(not np.array_equal(getattr(plan, k), getattr(moved, k)) for k in BACKGROUND_ARRAYS), field


@pytest.mark.parametrize(
    "field", [k for k in network._key_fields() if k not in network.BACKGROUND_FIELDS and k not in ("profile", "shape")]
)
def test_a_field_the_background_does_not_read_leaves_it_as_it_is(field):
    # background, capacity and episodes never depend on this flow, its slots, its route split or the queue's
    # variability: the same arrays as the plan's, to the bit
    s = _moved(field)
    moved, plan = network.run(s, flow=network.flow_arrays(s)), network.run(PLAN, flow=network.flow_arrays(PLAN))
    for k in BACKGROUND_ARRAYS:
        assert np.array_equal(getattr(plan, k), getattr(moved, k)), (field, k)


def test_the_kept_background_equals_a_fresh_one():
    s = dataclasses.replace(PLAN, bg_growth_pct=11.0, rho0_altynkol=0.9, episodes="dostyk_sep2023", delay_months=4.0)
    warm = network.run(s, flow=network.flow_arrays(s))
    network._background.cache_clear()
    cold = network.run(s, flow=network.flow_arrays(s))
    for k in (*BACKGROUND_ARRAYS, "wait_days", "backlog_trains", "background_held", "rho_server"):
        assert np.array_equal(getattr(warm, k), getattr(cold, k)), k


def test_a_result_changed_by_its_reader_leaves_the_kept_background_alone():
    # a reader writes into one network's background arrays; another scenario with the same background fields still
    # gets the true background (the kept arrays are copied into each result)
    s1, s2 = dataclasses.replace(PLAN, kingman_v=2.5), dataclasses.replace(PLAN, kingman_v=4.0)
    n1 = network.run(s1, flow=network.flow_arrays(s1))
    truth = n1.background.copy()
    for k in ("capacity", "capacity_effective", "background", "background_demand"):
        getattr(n1, k)[:] = 1e9
    n2 = network.run(s2, flow=network.flow_arrays(s2))
    assert np.array_equal(n2.background, truth)
    assert n2.capacity_effective.max() < 1e9


@pytest.mark.parametrize("field", ["shape", "delay_months", "attainment", "growth_after_pct"])
def test_each_field_the_trajectory_reads_moves_the_kept_trajectory(field):
    # the fields named in projection.trajectory's docstring (shape, delay, attainment, growth after the target),
    # written out here so that a key that leaves one out fails
    # the plan's trajectory first (kept); one field it reads moved: a different trajectory, equal to a fresh one
    plan = projection.trajectory(PLAN)
    s = _moved(field)
    moved = projection.trajectory(s)
    assert not plan["tonnes"].equals(moved["tonnes"]), field
    projection._trajectory.cache_clear()
    pd.testing.assert_frame_equal(moved, projection.trajectory(s), check_exact=True)


def test_a_field_the_trajectory_does_not_read_leaves_it_as_it_is():
    s = dataclasses.replace(PLAN, profile="grain_heavy", rail_share=0.5, feu_payload_t=20.0, debt_share=0.2)
    pd.testing.assert_frame_equal(projection.trajectory(PLAN), projection.trajectory(s), check_exact=True)


def test_a_reader_changing_its_trajectory_leaves_the_kept_one_alone():
    s1 = dataclasses.replace(PLAN, delay_months=3.0)
    t1 = projection.trajectory(s1)
    truth = t1["tonnes"].to_numpy().copy()
    t1["tonnes"] = -1.0
    t1.loc[0, "rate_t_year"] = -1.0
    assert np.array_equal(projection.trajectory(s1)["tonnes"].to_numpy(), truth)
    assert projection.trajectory(s1)["rate_t_year"].iloc[0] > 0


def test_a_reader_changing_its_episodes_leaves_the_kept_ones_alone():
    s1, s2 = dataclasses.replace(PLAN, delay_months=3.0), dataclasses.replace(PLAN, delay_months=3.0, kingman_v=4.0)
    e1 = network.run(s1, flow=network.flow_arrays(s1)).episodes
    depth = e1["depth"].to_numpy().copy()
    e1["depth"] = 0.0
    assert np.array_equal(network.run(s2, flow=network.flow_arrays(s2)).episodes["depth"].to_numpy(), depth)


def test_the_npv_of_paths_in_blocks_equals_each_path_on_its_own(monkeypatch):
    # 1,203 paths with a different delay, attainment and handling tariff each, held together with a scalar rent:
    # in the default blocks (several, the last a part block), in blocks of one path (each path on its own) and in one
    # block of all paths, every path's NPV is the same (no block reads another block's timeline rows or columns)
    s = dataclasses.replace(PLAN, delay_months=4.0)
    over = economics.draws(s, 1203, seed=7)
    over = {k: over[k] for k in ("delay_months", "attainment", "handling_rub_per_feu")} | {
        "rent_rub_per_m2_year": 9000.0
    }
    blocks = economics.npv_paths(s, over)
    monkeypatch.setattr(economics, "BLOCK_BYTES", 1)
    np.testing.assert_allclose(blocks, economics.npv_paths(s, over), rtol=1e-12)
    monkeypatch.setattr(economics, "BLOCK_BYTES", 10**12)
    np.testing.assert_allclose(blocks, economics.npv_paths(s, over), rtol=1e-12)


def test_the_network_sensitivity_runs_its_variants_together_as_each_alone():
    # the tornado's 35 variants go through the queues at once; each input's end must give the longest wait that
    # scenario's own network gives (Summary.longest_wait_days), and the base the scenario's
    s = dataclasses.replace(PLAN, delay_months=4.0, dostyk_share=0.7, episodes="dostyk_aug2024")
    df = network.sensitivity(s).set_index("input")
    alone = lambda sv: network.run(sv, flow=network.flow_arrays(sv)).summary.longest_wait_days  # noqa: E731
    assert df["base"].iloc[0] == pytest.approx(alone(s), rel=1e-12)
    for k in ("kingman_v", "dostyk_share", "bg_growth_pct", "typical_episode_depth", "attainment", "feu_per_train"):
        lo, hi = PLAN.__dataclass_fields__[k].metadata["min"], PLAN.__dataclass_fields__[k].metadata["max"]
        assert df.at[k, "wait_low"] == pytest.approx(alone(dataclasses.replace(s, **{k: lo})), rel=1e-12), k
        assert df.at[k, "wait_high"] == pytest.approx(alone(dataclasses.replace(s, **{k: hi})), rel=1e-12), k


def test_a_reader_changing_the_ratios_leaves_the_kept_ones_alone():
    r = economics.ratios()
    truth = r["value"].to_numpy().copy()
    r["value"] = 0.0
    r.loc["investment_per_job", "formula"] = "changed"
    again = economics.ratios()
    assert np.array_equal(again["value"].to_numpy(), truth)
    assert again.at["investment_per_job", "formula"] != "changed"
