"""Time every member of :class:`components.model.run.Result` on new scenarios (cache misses) and print a Markdown table.

Run ``python benchmarks/bench_result_members.py`` (``--rounds N`` processes, default 5; ``--scenarios K`` new
scenarios a process, default 3). Issue 20 item 7 asks a fragment rerun on a new scenario to take ≤ 40 ms; this
measures the model's part of it, member by member, as the pages read them.

Each round is a fresh Python process (so no process keeps another's caches or memory state): it computes the stated
plan's result and reads every member once (as the app does on its first page), then for each of K scenarios that move
the delay to a value not seen before times ``run.run`` and then each member, in the order of :data:`MEMBERS` (the
economics first, as the Economics page reads it). Printed per member: the median and the minimum over all rounds ×
scenarios [ms]. Not a test: timings are printed, nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = (
    "economics",
    "band",
    "projection_headline",
    "boxes",
    "warehouse",
    "capacity_headline",
    "agri_share",
    "network_sensitivity",
    "network_effects",
    "sensitivity",
    "npv_distribution",
    "bridge",
    "year_waterfall",
    "nominal_flows",
    "build_today",
    "ratios",
    "target_month",
)


def one_process(k: int) -> dict[str, list[float]]:
    """In this process: the plan's result read whole, then ``k`` new scenarios timed member by member [ms]."""
    sys.path.insert(0, str(ROOT))
    from components import clock
    from components.data.scenario import Scenario
    from components.model import run

    today = clock.today()
    plan = Scenario.default()
    r0 = run.run(plan, today)
    for name in MEMBERS:
        getattr(r0, name)
    r0.plan  # noqa: B018 - the stated plan's result, as the charts read it
    out: dict[str, list[float]] = {"run": [], **{name: [] for name in MEMBERS}}
    for i in range(k):
        s = dataclasses.replace(plan, delay_months=5.0 + i)
        t = time.perf_counter()
        r = run.run(s, today)
        out["run"].append(1000 * (time.perf_counter() - t))
        for name in MEMBERS:
            t = time.perf_counter()
            getattr(r, name)
            out[name].append(1000 * (time.perf_counter() - t))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scenarios", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_process(args.scenarios)))
        return
    times: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        cmd = [sys.executable, __file__, "--child", "--scenarios", str(args.scenarios)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        for name, values in json.loads(done.stdout).items():
            times.setdefault(name, []).extend(values)
    print(f"Result members on a new scenario, {args.rounds} processes × {args.scenarios} scenarios [ms]\n")
    print("| member | median | min |\n|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.1f} | {min(values):.1f} |")
    total = [sum(v[i] for v in times.values()) for i in range(len(times["run"]))]
    print(f"| all of them | {statistics.median(total):.1f} | {min(total):.1f} |")


if __name__ == "__main__":
    main()
