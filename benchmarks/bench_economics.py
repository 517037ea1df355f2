"""Time the economics on new scenarios, alternating each measured call with a reference, and print a Markdown table.

Run ``python benchmarks/bench_economics.py`` (``--reps N``, default 30). Budgets (issue 19): a full appraisal —
cash-flow table and point value, project and equity IRR, DSCR, paybacks, the three break-evens, and the tornado —
≤ 30 ms; the NPV distribution over 10,000 paths ≤ 50 ms. Each measured call alternates with its reference in the
same run, so a busy machine slows both alike:

- full appraisal: reference = the cash-flow table alone (:func:`economics.cash_flows`), i.e. what the IRRs,
  break-evens and tornado add on top of it;
- NPV distribution: reference = the same 10,000 paths through the engine with every stream kept apart (the
  table's detail, ``_inputs(detail=True)``), i.e. what carrying the NPV's totals saves.

Every repetition uses a different scenario (tariffs, rent, staff and premium step through their ranges), so no
economics result is served from a cache. The network (:func:`components.model.network.run`) reads none of these
fields: its result is computed once in the warm-up and reused, as in the app; its own time is printed beside the
table. Not a test: timings are printed, with the budget next to them.
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
from components.model import economics, network  # noqa: E402

BUDGET_MS = {"full appraisal (point, break-evens, tornado)": 30.0, "NPV distribution, 10,000 paths": 50.0}


def scenarios(n: int, offset: int = 0) -> list[Scenario]:
    plan = Scenario.default()
    return [
        plan.with_values(
            handling_rub_per_feu=3_000.0 + 100.0 * (i + offset),
            rent_rub_per_m2_year=7_000.0 + 50.0 * ((i + offset) % 100),
            headcount=100.0 + 10.0 * ((i + offset) % 50),
            risk_premium=0.02 + 0.001 * ((i + offset) % 20),
        )
        for i in range(n)
    ]


def _ms(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000.0


def full_appraisal(s: Scenario) -> None:
    economics.appraisal(s)
    economics.sensitivity(s)


def distribution_reference(s: Scenario) -> np.ndarray:
    """The same paths and draws as :func:`economics.npv_distribution`, every stream kept apart."""
    inp, terms = economics._inputs(s, economics.draws(s, 10_000, 2025), detail=True)
    return economics.evaluate(inp, terms, levered=False)["npv"]


def main(reps: int) -> None:
    warm = Scenario.default()
    t0 = time.perf_counter()
    network.run(warm)
    network_ms = (time.perf_counter() - t0) * 1000.0
    full_appraisal(warm), economics.npv_distribution(warm), distribution_reference(warm)
    names = (
        "full appraisal (point, break-evens, tornado)",
        "cash-flow table alone (reference)",
        "NPV distribution, 10,000 paths",
        "every stream kept apart (reference)",
    )
    times: dict[str, list[float]] = {k: [] for k in names}
    for a, b in zip(scenarios(reps), scenarios(reps, offset=reps)):
        times[names[0]].append(_ms(full_appraisal, a))
        times[names[1]].append(_ms(economics.cash_flows, b))
        times[names[2]].append(_ms(economics.npv_distribution, a))
        times[names[3]].append(_ms(distribution_reference, b))
    print(f"| call | median ms ({reps} scenarios) | p90 ms | budget ms |")
    print("|---|---|---|---|")
    for name, values in times.items():
        budget = BUDGET_MS.get(name)
        p90 = float(np.quantile(values, 0.9))
        print(f"| {name} | {statistics.median(values):.1f} | {p90:.1f} | {budget if budget else '—'} |")
    print(f"\nnetwork.run once per network scenario (not in the budgets, cached like the app): {network_ms:.0f} ms")
    for name, budget in BUDGET_MS.items():
        status = "within" if statistics.median(times[name]) <= budget else "OVER"
        print(f"{name}: {status} budget ({statistics.median(times[name]):.1f} ms vs {budget:.0f} ms)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=30)
    main(ap.parse_args().reps)
