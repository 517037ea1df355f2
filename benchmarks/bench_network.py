"""Time one scenario's shared-network result and its sensitivity, against a reference in the same run.

Run ``python benchmarks/bench_network.py`` (200 rounds) or ``--quick`` (20 rounds). Each round times, alternating so
that all see the same machine load: the reference :func:`components.model.projection.trajectory` (the flow's first
step), :func:`components.model.network.run` for a scenario that changes every round in this flow's attainment, the
background growth, V and the typical episode's depth (so neither the flow cache nor the episode cache is hit), and,
every fifth round, :func:`components.model.network.sensitivity` (low and high end of every uncertain input). Prints a
Markdown table of medians and p90s in ms. Budgets (issue 18): 10 ms for the network, 30 ms for the sensitivity; this
is a benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from components.data.scenario import Scenario  # noqa: E402
from components.model import network, projection  # noqa: E402

BUDGET_MS = {"network.run (one scenario)": 10.0, "network.sensitivity": 30.0}


def _ms(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t) * 1000.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20 rounds instead of 200")
    rounds = 20 if ap.parse_args().quick else 200
    plan = Scenario.default()
    network.run(plan)  # load the tables once, as the app does at start
    network.sensitivity(plan)
    times: dict[str, list[float]] = {
        "projection.trajectory (reference)": [],
        "network.run (one scenario)": [],
        "network.sensitivity": [],
    }
    for i in range(rounds):
        f = i / max(rounds - 1, 1)
        s = plan.with_values(
            attainment=0.5 + 0.9 * f,
            bg_growth_pct=4.0 + 9.0 * f,
            kingman_v=2.0 + 3.0 * (1 - f),
            typical_episode_depth=0.3 + 0.3 * f,
            dostyk_share=0.3 + 0.4 * ((i * 7) % 11) / 10,
        )
        times["projection.trajectory (reference)"].append(_ms(projection.trajectory, s))
        times["network.run (one scenario)"].append(_ms(network.run, s))
        if i % 5 == 0:
            times["network.sensitivity"].append(_ms(network.sensitivity, s))
    print("| operation | runs | median ms | p90 ms | budget ms |\n|---|---|---|---|---|")
    for name, ts in times.items():
        q = statistics.quantiles(ts, n=10)[-1] if len(ts) > 1 else ts[0]
        budget = BUDGET_MS.get(name)
        print(f"| {name} | {len(ts)} | {statistics.median(ts):.2f} | {q:.2f} | {budget if budget else '–'} |")
    print()
    for name, budget in BUDGET_MS.items():
        med = statistics.median(times[name])
        print(f"{name}: median {med:.2f} ms against {budget:.0f} ms: {'within' if med <= budget else 'OVER'}")


if __name__ == "__main__":
    main()
