"""Time one scenario's corridor chain over the horizon, against a reference in the same run.

Run ``python benchmarks/bench_chain.py`` (200 rounds) or ``--quick`` (20 rounds). Each round times, alternating so
that both see the same machine load: the reference :func:`components.model.projection.trajectory` (the chain's first
step), the chain (:func:`components.model.chain.utilisation` + :func:`~components.model.chain.bottleneck` +
:func:`~components.model.chain.peak_by_link` + :func:`~components.model.chain.fleet` + :func:`~components.model.chain.door_to_door`)
for a scenario that changes every round (so nothing is cached), and, every tenth round,
:func:`~components.model.chain.bottleneck_sensitivity`. Prints a Markdown table of medians and p90s in ms.
The budget (issue 11) is 20 ms for the chain; this is a benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from components.data.scenario import PROFILES, Scenario  # noqa: E402
from components.model import chain, projection  # noqa: E402

BUDGET_MS = 20.0


def _chain(s: Scenario) -> None:
    util = chain.utilisation(s)
    chain.bottleneck(util)
    chain.peak_by_link(util)
    chain.fleet(s)
    chain.door_to_door(s)


def _ms(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t) * 1000.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20 rounds instead of 200")
    rounds = 20 if ap.parse_args().quick else 200
    plan = Scenario.default()
    _chain(plan)  # load the tables once, as the app does at start
    chain.bottleneck_sensitivity(plan)
    times: dict[str, list[float]] = {
        "projection.trajectory (reference)": [],
        "chain (one scenario)": [],
        "bottleneck_sensitivity": [],
    }
    for i in range(rounds):
        s = plan.with_values(
            attainment=0.5 + (i % 20) * 0.05, khorgos_share=(i % 11) / 10, profile=PROFILES[i % len(PROFILES)]
        )
        times["projection.trajectory (reference)"].append(_ms(projection.trajectory, s))
        times["chain (one scenario)"].append(_ms(_chain, s))
        if i % 10 == 0:
            times["bottleneck_sensitivity"].append(_ms(chain.bottleneck_sensitivity, s))
    print("| operation | runs | median ms | p90 ms |\n|---|---|---|---|")
    for name, ts in times.items():
        q = statistics.quantiles(ts, n=10)[-1] if len(ts) > 1 else ts[0]
        print(f"| {name} | {len(ts)} | {statistics.median(ts):.2f} | {q:.2f} |")
    med = statistics.median(times["chain (one scenario)"])
    print(
        f"\nchain median {med:.2f} ms against a budget of {BUDGET_MS:.0f} ms: {'within' if med <= BUDGET_MS else 'OVER'}"
    )


if __name__ == "__main__":
    main()
