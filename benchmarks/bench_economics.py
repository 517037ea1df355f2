"""Time the economics on a new scenario, alternating each measured call with a reference, and print medians.

Run ``python benchmarks/bench_economics.py`` (``--reps N``, default 30). Budgets: the appraisal (cash-flow table,
IRR, paybacks, three break-evens) ≤ 20 ms; the NPV distribution over 10,000 paths ≤ 50 ms. Each measured call
alternates with its reference in the same run, so a busy machine slows both alike:

- appraisal: reference = the cash-flow table alone (:func:`economics.cash_flows`), i.e. what IRR and
  break-even add on top of it;
- NPV distribution: reference = the same 10,000 paths through the general engine
  (:func:`economics.npv_paths`, every path's timeline built), i.e. what grouping paths by opening month saves.

Every repetition uses a different scenario (the delay, payload and tariff step through their ranges), so nothing
is served from a cache. Not a test: timings are printed, with the budget next to them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from components.data.scenario import Scenario  # noqa: E402
from components.model import economics  # noqa: E402
from components.model.projection import band_draws  # noqa: E402

BUDGET_MS = {"appraisal": 20.0, "npv_distribution": 50.0}


def scenarios(n: int) -> list[Scenario]:
    plan = Scenario.default()
    return [
        plan.with_values(
            delay_months=float(i % 13),
            feu_payload_t=20.0 + (i % 7) * 0.5,
            handling_rub_per_feu=15_000.0 + 500.0 * i,
            risk_premium=0.02 + 0.001 * (i % 20),
        )
        for i in range(n)
    ]


def _ms(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000.0


def _distribution_reference(s: Scenario) -> np.ndarray:
    """The same paths and draws as :func:`economics.npv_distribution`, every path through the general engine."""
    delay, attain = band_draws(s, 10_000, 2025)
    rng = np.random.default_rng(2026)
    a = economics.tables().assumptions
    over = {"delay_months": delay, "attainment": attain}
    for p in economics.UNCERTAIN_PARAMS:
        over[p] = rng.triangular(float(a.at[p, "min"]), float(getattr(s, p)), float(a.at[p, "max"]), 10_000)
    return economics.npv_paths(s, over)


def main(reps: int) -> None:
    warm = Scenario.default()
    economics.appraisal(warm), economics.npv_distribution(warm), _distribution_reference(warm)
    times: dict[str, list[float]] = {
        k: [] for k in ("appraisal", "cash_flows (reference)", "npv_distribution", "every path (reference)")
    }
    for s in scenarios(reps):
        times["appraisal"].append(_ms(economics.appraisal, s))
        times["cash_flows (reference)"].append(_ms(economics.cash_flows, s))
        times["npv_distribution"].append(_ms(economics.npv_distribution, s))
        times["every path (reference)"].append(_ms(_distribution_reference, s))
    print(f"| call | median ms ({reps} scenarios) | budget ms |")
    print("|---|---|---|")
    for name, values in times.items():
        budget = BUDGET_MS.get(name)
        print(f"| {name} | {statistics.median(values):.1f} | {budget if budget else '—'} |")
    for name, budget in BUDGET_MS.items():
        status = "within" if statistics.median(times[name]) <= budget else "OVER"
        print(f"{name}: {status} budget ({statistics.median(times[name]):.1f} ms vs {budget:.0f} ms)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=30)
    main(ap.parse_args().reps)
