"""Bounded load test on loopback: many dashboard sessions at once against one server, measured at the server.

    python benchmarks/load_test.py --sessions 20               # starts its own server on a free loopback port
    python benchmarks/load_test.py --sessions 20 --worst-case  # adds a row where no session shares a scenario
    python benchmarks/load_test.py --quick                     # CI smoke: 3 sessions, 3 moves, think 0.2 s
    python benchmarks/load_test.py --url http://127.0.0.1:8501 --pid 1234   # an already running server
    python benchmarks/load_test.py --clients browser --quick   # the old way: real Chromium pages

Clients. ``--clients protocol`` (the default) drives each session with :mod:`st_client`, which speaks
Streamlit's own browser protocol over the WebSocket (BackMsg ``rerun_script`` with all widget states, ForwardMsg
deltas until ``script_finished``). A session costs the load generator milliseconds of CPU per rerun, so on a
small machine the latencies are the server's: slider moved (BackMsg sent) → ``script_finished`` received, and →
the first plotly chart delta of the run. ``--clients browser`` keeps the Chromium flow (one browser context per
session, keyboard on the slider, latency to the card showing the new month); there the browsers compete with the
server for the same cores, and the latencies describe the machine more than the server.

Traffic (protocol). Every session opens ``/projections`` from a shared link (``?delay_months=<d>``), waits a
think time (``--think``, jittered ×0.5..1.5) before each action and makes ``--moves`` moves of the delay slider
to whole months drawn from the slider's own range 0..36, so scenarios repeat across sessions and the server's
``st.cache_data`` helps, as it does for a link passed around. Every 3rd session also works on Capacity and every
5th on Economics: it switches page in the navigation and makes part of its moves there. Each move is checked:
on Projections the "Target month" card must show the month the new delay gives, and every move must deliver a
chart and no error; a wrong or missing answer counts as an error. ``--worst-case`` adds a second row in which
every session opens with its own attainment and band spread (a scenario no other session, and no earlier phase,
uses) and never repeats a delay: every run is a cache miss. Each row runs on a fresh server when the test starts
its own.

Phases of a row: warm-up (one session, not measured; a fresh process imports and loads everything on its first
run); single user: sessions of the same kind run one at a time until ``--baseline-moves`` moves are done; loaded:
``--sessions`` sessions arrive ``--ramp`` s apart and run at once; they stay connected until all are done, then
the server's memory is read, then they close.

Figures: p50/p95 of slider → ``script_finished`` (ms) alone and loaded, the p95 ratio (target ≤ 2×), server RSS
(psutil if installed, else /proc/<pid>/status) before, with all sessions open and 5 s after they closed (Streamlit
keeps a closed session's state for a while in case the tab reconnects), RSS growth per session, and the server's
CPU in the loaded phase as a share of one core (from /proc/<pid>/stat; 2 cores = 200 %; one Streamlit process
runs its scripts under one GIL, so it rarely gets past ~100 %). A second table has the time to the chart, page
switches, how many moves asked for a scenario already asked before in the process (likely a cache hit), the
server's CPU per action, the load generator's own CPU, and the CPU that other processes on the machine took
(from /proc/stat): when that is high, the server had fewer cores than the machine has and the ratio is inflated.

Server. The test starts the dashboard as the deployment does, with ``deploy/serve.py`` (TCP_NODELAY on the
server socket); ``--server stock`` uses ``streamlit run``, where Nagle's algorithm stays on and this client's
delayed ACKs add ~40 ms to every run (a browser ACKs sooner and does not see it; nginx in front does).

``--server-opt section.option=value`` (repeatable) starts the server with extra Streamlit options, to measure a
configuration change before making it, e.g. ``--server-opt runner.postScriptGC=false``.

The server this test starts writes its output to a temporary log; when a run had errors, the report ends with the
log's last tracebacks (the dashboard shows users no details), otherwise the log is deleted.

Saves. ``--savers N`` adds N sessions to the loaded phase that save and load while the others drag sliders: each
makes ``--saves`` rounds of naming the scenario, clicking "Save scenario" (two reruns), reading the link it shows
and opening that link in a fresh session (a load: "Opened the saved scenario" must show). Afterwards the database
is read: every save a session was told succeeded must be there once (none lost, none duplicated) and none it was
told failed may be there. The server this test starts gets its own SQLite file (``CORRIDOR_DB_PATH`` in a temporary
folder) unless ``CORRIDOR_DB_URL`` names a database; a cluster uses its own (``--replicas``).

Exit status: 1 if there were errors (timing is reported, never judged), 2 if the server did not start.
Bounded: every action has ``--action-timeout``, every phase ``--wall`` seconds. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LAUNCHERS, _free_port, stop_server

DELAY_KEY = "delay_months"
DELAY_RANGE = (0, 36)  # the slider's own range (data/assumptions.csv)
TARGET_LABEL = "Target month"
DELAY_LABEL = "Delay after April 2026 (months)"
MONTH_NAMES = [
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "January",
    "February",
    "March",
]
WORST_OFFSET = {"baseline": 500, "loaded": 0, "warm": 1000}  # disjoint scenario ids per phase (worst case)


def month(delay: int) -> str:
    """The "Target month" card for a delay: April 2026 plus ``delay`` months, in English."""
    return f"{MONTH_NAMES[delay % 12]} {2026 + (delay + 3) // 12}"


def rss_mb(pid: int | None) -> float | None:
    """Resident set size of one process in MB (psutil if installed, else /proc/<pid>/status)."""
    if pid is None:
        return None
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - a process that went away has no RSS
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of one process so far (all its threads), from /proc/<pid>/stat."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def machine_busy_seconds() -> float | None:
    """CPU time all cores of the machine spent busy so far (from /proc/stat), to see who else used the cores."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (f + [0] * 8)[:8]
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def others_cpu(t: float, busy0: float | None, server0: float | None, own0: float, pid: int | None) -> float | None:
    """Share of one core that processes other than the server and this load generator used since the marks."""
    busy1, server1 = machine_busy_seconds(), cpu_seconds(pid)
    if busy0 is None or busy1 is None or t <= 0:
        return None
    server = server1 - server0 if server0 is not None and server1 is not None else 0.0
    return max(0.0, (busy1 - busy0) - server - (time.process_time() - own0)) / t * 100


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


@dataclass
class Phase:
    """What one phase measured. Latencies in seconds."""

    moves: list[float] = field(default_factory=list)  # slider → script_finished
    charts: list[float] = field(default_factory=list)  # slider → first plotly chart delta
    opens: list[float] = field(default_factory=list)  # first rerun of a new tab → script_finished
    switches: list[float] = field(default_factory=list)  # page link → script_finished
    actions: int = 0
    planned: int = 0
    repeats: int = 0  # moves to a scenario asked for before in this process
    errors: list[str] = field(default_factory=list)
    saves: list[float] = field(default_factory=list)  # name + click → the run that shows the link
    loads: list[float] = field(default_factory=list)  # a fresh session opening a saved link → script_finished
    saved: dict[str, str] = field(default_factory=dict)  # name -> id of every save the page confirmed
    save_failed: list[str] = field(default_factory=list)  # names whose save the page said failed


@dataclass
class Plan:
    """One user's visit: the link it opens and its steps, ("move", delay) or ("page", url path)."""

    index: int
    query: dict[str, str]
    steps: list[tuple[str, object]]

    @property
    def moves(self) -> int:
        return sum(1 for kind, _ in self.steps if kind == "move")


def make_plan(index: int, moves: int, rng: random.Random, worst: bool, scenario_id: int = 0) -> Plan:
    """Session ``index``'s visit. Pages: Projections, plus Capacity every 3rd and Economics every 5th session."""
    pages = ["projections"] + (["capacity"] if index % 3 == 2 else []) + (["economics"] if index % 5 == 4 else [])
    pages = pages[: max(1, moves)]
    lo, hi = DELAY_RANGE
    if worst:
        # Own attainment and band spread (never the plan's 0.1), delays never repeated: every run a cache miss.
        delays = rng.sample(range(lo, hi + 1), moves + 1)
        query = {
            "attainment": f"{0.30 + 0.05 * (scenario_id % 25):.2f}",
            "attainment_sd": f"{0.11 + 0.01 * ((scenario_id // 25) % 29):.2f}",
        }
    else:
        delays = [rng.randint(lo, hi)]
        for _ in range(moves):
            delays.append(rng.choice([d for d in range(lo, hi + 1) if d != delays[-1]]))
        query = {}
    if delays[0]:
        query[DELAY_KEY] = str(delays[0])
    # moves split over the pages in contiguous chunks, the first (Projections) chunk the largest
    chunks = [moves // len(pages) + (1 if i < moves % len(pages) else 0) for i in range(len(pages))]
    steps: list[tuple[str, object]] = []
    it = iter(delays[1:])
    for i, (page, n) in enumerate(zip(pages, chunks)):
        if i:
            steps.append(("page", page))
        steps += [("move", next(it)) for _ in range(n)]
    return Plan(index, query, steps)


def plans_for(phase: str, n_sessions: int, moves: int, seed: int, worst: bool, budget: int | None = None) -> list[Plan]:
    """Plans of a phase; with ``budget``, as many sessions as it takes to make that many moves in all."""
    rng = random.Random(f"{seed}-{phase}-{worst}")
    out: list[Plan] = []
    i = 0
    while (budget is None and i < n_sessions) or (budget is not None and sum(p.moves for p in out) < budget):
        p = make_plan(i, moves, rng, worst, WORST_OFFSET[phase] + i)
        if budget is not None:
            left = budget - sum(q.moves for q in out)
            while p.moves > left:
                p.steps.pop()
            while p.steps and p.steps[-1][0] == "page":
                p.steps.pop()
        out.append(p)
        i += 1
        if i > 10_000:
            break
    return out


# --- protocol clients ----------------------------------------------------------------------------------------


async def protocol_session(
    base: str,
    plan: Plan,
    args,
    phase: Phase,
    seen: set,
    rng: random.Random,
    done: asyncio.Event | None = None,
    release: asyncio.Event | None = None,
) -> None:
    """One user on the server through :class:`st_client.StClient`; failures are counted, never raised."""
    from st_client import StClient

    client = StClient(base, timeout=args.action_timeout)
    where, page = "open", "projections"
    query = dict(plan.query)

    def scenario_key(page: str) -> tuple:  # what the server's cache sees (a missing delay is delay 0)
        return page, tuple(sorted({DELAY_KEY: "0", **query}.items()))

    try:
        run = await client.open("projections", urlencode(query))
        _check_run(run, page, int(query.get(DELAY_KEY, 0)))
        seen.add(scenario_key(page))
        phase.opens.append(run.latency)
        phase.actions += 1
        for n, (kind, arg) in enumerate(plan.steps, 1):
            await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
            if kind == "page":
                where, page = f"step {n}: open {arg}", str(arg)
                run = await client.switch_page(page)
                _check_run(run, page, None)
                seen.add(scenario_key(page))
                phase.switches.append(run.latency)
            else:
                where = f"step {n}: {DELAY_KEY} -> {arg}"
                query[DELAY_KEY] = str(arg)
                phase.repeats += scenario_key(page) in seen
                seen.add(scenario_key(page))
                run = await client.set_value(DELAY_KEY, int(arg))
                _check_run(run, page, int(arg))
                phase.moves.append(run.latency)
                phase.charts.append(run.chart_latency)
            phase.actions += 1
    except Exception as exc:  # noqa: BLE001 - a timeout, a lost connection or a wrong answer: count it, keep the others going
        phase.errors.append(f"session {plan.index}: {where}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        if done is not None:
            done.set()
        if release is not None:
            try:
                await asyncio.wait_for(release.wait(), args.wall)
            except TimeoutError:
                pass
        await client.close()


class WrongAnswer(AssertionError):
    pass


async def saver_session(base: str, index: int, args, phase: Phase, tag: str, stop: asyncio.Event) -> None:
    """A user who saves the scenario under a new name, then opens its link in a fresh tab, ``args.saves`` times."""
    from st_client import StClient

    rng = random.Random(f"{args.seed}-saver-{index}")
    where = "open"
    try:
        async with StClient(base, timeout=args.action_timeout) as client:
            await client.open("projections", "")
            for n in range(args.saves):
                if stop.is_set():
                    break
                await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
                name = f"{tag}-{index}-{n}"
                where = f"save {n}"
                t0 = time.perf_counter()
                await client.set_value("save_scenario_name", name)
                run = await client.click("save-scenario")
                links = [c for c in run.codes() if "scenario=" in c]
                if not links:
                    phase.save_failed.append(name)
                    phase.errors.append(f"saver {index}: save {n}: no link shown ({'; '.join(run.texts())[:160]})")
                    continue
                phase.saves.append(time.perf_counter() - t0)
                item = links[-1].split("scenario=")[1].split("&")[0]
                phase.saved[name] = item
                where = f"load {n}"
                async with StClient(base, timeout=args.action_timeout) as viewer:
                    opened = await viewer.open("projections", urlencode({"scenario": item}))
                    if not any(name in t.replace("\\", "") for t in opened.texts()):  # shown escaped
                        raise WrongAnswer(f"the link of {name!r} did not open it")
                    phase.loads.append(opened.latency)
    except Exception as exc:  # noqa: BLE001 - counted, the others go on
        phase.errors.append(f"saver {index}: {where}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


def check_saves(db_url: str, tag: str, phase: Phase) -> dict:
    """Every confirmed save once in the database, no failed one there: (lost, duplicated, phantom) counts."""
    sys.path.insert(0, str(ROOT))
    import sqlalchemy as sa

    from components.store import database

    store = database.Store(db_url)
    with store.engine.connect() as c:
        rows = c.execute(
            sa.select(database.T_SCENARIOS.c.name, sa.func.count())
            .where(database.T_SCENARIOS.c.name.like(f"{tag}-%"))
            .group_by(database.T_SCENARIOS.c.name)
        ).all()
    store.close()
    counts = dict(rows)
    out = {
        "confirmed": len(phase.saved),
        "in_db": sum(counts.values()),
        "lost": sum(1 for n in phase.saved if n not in counts),
        "duplicated": sum(1 for n, k in counts.items() if k > 1),
        "phantom": sum(1 for n in phase.save_failed if n in counts),
    }
    if out["lost"] or out["duplicated"] or out["phantom"]:
        phase.errors.append(f"database check: {out}")
    return out


def _check_run(run, page: str, delay: int | None) -> None:
    """A run counts only if it finished cleanly, drew a chart and, on Projections, the right month."""
    if run.errors:
        raise WrongAnswer("; ".join(run.errors[:3]))
    if run.status not in ("ok", "fragment ok"):  # a slider move reruns only the page's fragments
        raise WrongAnswer(f"script finished with status {run.status!r}")
    if run.first_chart is None:
        raise WrongAnswer("no plotly chart in the run")
    if page == "projections" and delay is not None:
        got = run.metrics.get(TARGET_LABEL)
        if got != month(delay):
            raise WrongAnswer(f"{TARGET_LABEL} shows {got!r}, expected {month(delay)!r}")


async def run_protocol(args, base: str, pid: int | None, worst: bool) -> dict:
    out: dict = {
        "mode": "worst case (no shared scenarios)" if worst else "realistic (shared links)",
        "sessions": args.sessions,
        "moves": args.moves,
    }
    seen: set = set()
    rng = random.Random(args.seed)
    # Warm-up: every page once; not part of any figure (but its errors count).
    warm = Phase()
    warm_plan = Plan(-1, {}, [("move", 1), ("page", "capacity"), ("move", 2), ("page", "economics"), ("move", 3)])
    if worst:
        warm_plan.query = plans_for("warm", 1, 1, args.seed, True)[0].query
        warm_plan.query.pop(DELAY_KEY, None)
    await asyncio.wait_for(protocol_session(base, warm_plan, _no_think(args), warm, set(), rng), args.wall)
    # Single user: sessions of the same kind one at a time.
    single = Phase()
    t0 = time.perf_counter()
    baseline = plans_for("baseline", args.sessions, args.moves, args.seed, worst, budget=args.baseline_moves)
    single.planned = sum(1 + len(p.steps) for p in baseline)
    marks = (machine_busy_seconds(), cpu_seconds(pid), time.process_time())
    for plan in baseline:
        left = args.wall - (time.perf_counter() - t0)
        if left <= 0:
            single.errors.append("single-user phase hit the wall-clock cap")
            break
        try:
            await asyncio.wait_for(protocol_session(base, plan, args, single, seen, rng), left)
        except TimeoutError:
            single.errors.append(f"single user: session {plan.index} did not finish within the wall-clock cap")
    out["others_single"] = others_cpu(time.perf_counter() - t0, *marks, pid)
    await asyncio.sleep(2)
    out["rss_before"] = rss_mb(pid)
    out["load_before"] = os.getloadavg()[0]

    loaded = Phase()
    plans = plans_for("loaded", args.sessions, args.moves, args.seed, worst)
    loaded.planned = sum(1 + len(p.steps) for p in plans)
    done = [asyncio.Event() for _ in plans]
    release = asyncio.Event()
    cpu0, own0, t0, busy0 = cpu_seconds(pid), time.process_time(), time.perf_counter(), machine_busy_seconds()

    async def arrive(i: int, plan: Plan) -> None:
        await asyncio.sleep(i * args.ramp)  # users arrive over a few seconds, not in one instant
        await protocol_session(
            base, plan, args, loaded, seen, random.Random(f"{args.seed}-think-{i}"), done[i], release
        )

    tasks = [asyncio.create_task(arrive(i, p)) for i, p in enumerate(plans)]
    stop_saving = asyncio.Event()
    tag = f"load-{secrets.token_hex(4)}"
    savers = [asyncio.create_task(saver_session(base, i, args, loaded, tag, stop_saving)) for i in range(args.savers)]
    all_done = asyncio.gather(*(d.wait() for d in done))
    try:
        await asyncio.wait_for(all_done, args.wall)
    except TimeoutError:
        loaded.errors.append(f"{sum(not d.is_set() for d in done)} session(s) did not finish within the wall-clock cap")
    out["duration"] = time.perf_counter() - t0
    out["others_loaded"] = others_cpu(out["duration"], busy0, cpu0, own0, pid)
    cpu1 = cpu_seconds(pid)
    out["server_cpu"] = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
    out["client_cpu"] = time.process_time() - own0
    out["rss_open"] = rss_mb(pid)
    if savers:
        stop_saving.set()
        await asyncio.wait(savers, timeout=args.wall)
        out["savers"] = args.savers
        out["save_check"] = check_saves(args.db_url, tag, loaded) if args.db_url else None
    release.set()
    _finished, pending = await asyncio.wait(tasks, timeout=30)
    for t in pending:
        t.cancel()
    await asyncio.sleep(5)
    out["rss_closed"] = rss_mb(pid)
    out.update(single=single, loaded=loaded, warm=warm)
    return out


def _no_think(args):
    ns = argparse.Namespace(**vars(args))
    ns.think = 0.0
    return ns


# --- browser clients (Chromium on the same machine) ------------------------------------------------------------

SHOWS = """([expected]) => !document.querySelector('[data-testid=stStatusWidget]') &&
  [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
    m.querySelector('[data-testid=stMetricLabel]')?.innerText.startsWith('Target month') &&
    m.querySelector('[data-testid=stMetricValue]')?.innerText.trim() === expected)"""
PAGE_READY = """([path, title]) => location.pathname.endsWith('/' + path) &&
  !document.querySelector('[data-testid=stStatusWidget]') &&
  document.querySelector('h1')?.innerText.trim().startsWith(title)"""
PAGES = [("capacity", "Capacity"), ("economics", "Economics")]


async def browser_session(
    browser,
    base: str,
    index: int,
    start_delay: int,
    attainment: float,
    moves: int,
    timeout_ms: int,
    phase: Phase,
    open_sessions: list,
) -> None:
    phase.planned += moves + 3
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    open_sessions.append(ctx)
    page = await ctx.new_page()
    page.set_default_timeout(timeout_ms)
    page.on("pageerror", lambda e: phase.errors.append(f"session {index}: page error: {e}"))
    where = "open"
    try:
        t0 = time.perf_counter()
        await page.goto(f"{base}/projections?delay_months={start_delay}&attainment={attainment:g}")
        await page.wait_for_function(SHOWS, arg=[month(start_delay)], polling=100, timeout=timeout_ms)
        phase.opens.append(time.perf_counter() - t0)
        phase.actions += 1
        await _browser_check(page, index, "projections", phase)
        thumb = page.get_by_role("slider", name=DELAY_LABEL)
        await thumb.focus()
        for k in range(1, moves + 1):
            where = f"move {k}"
            t0 = time.perf_counter()
            await thumb.press("ArrowRight")
            await page.wait_for_function(SHOWS, arg=[month(start_delay + k)], polling=50, timeout=timeout_ms)
            phase.moves.append(time.perf_counter() - t0)
            phase.actions += 1
        await _browser_check(page, index, "after moves", phase)
        for path, title in PAGES:
            where = path
            t0 = time.perf_counter()
            await page.get_by_role("link", name=title).first.click()
            await page.wait_for_function(PAGE_READY, arg=[path, title], polling=100, timeout=timeout_ms)
            phase.switches.append(time.perf_counter() - t0)
            phase.actions += 1
            await _browser_check(page, index, path, phase)
    except Exception as exc:  # noqa: BLE001 - a timeout or a lost page: count it, keep the other sessions going
        phase.errors.append(f"session {index}: {where}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")


async def _browser_check(page, index: int, where: str, phase: Phase) -> None:
    n = await page.locator("[data-testid=stException]").count()
    if n:
        phase.errors.append(f"session {index}: {where}: {n} exception element(s) on the page")


async def run_browser(args, base: str, pid: int | None) -> dict:
    """The Chromium flow: each session its own attainment (cache misses), keyboard moves, then two pages."""
    from playwright.async_api import async_playwright

    out: dict = {"mode": "browser (Chromium, distinct attainment)", "sessions": args.sessions, "moves": args.moves}
    moves = min(args.moves, 24)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        timeout_ms = int(args.action_timeout * 1000)
        try:
            warm, warm_open = Phase(), []
            await asyncio.wait_for(
                browser_session(browser, base, -1, 0, 0.3, 1, timeout_ms, warm, warm_open), args.wall
            )
            for ctx in warm_open:
                await ctx.close()
            single, single_open = Phase(), []
            await asyncio.wait_for(
                browser_session(browser, base, 0, 1, 0.3, max(moves, 5), timeout_ms, single, single_open), args.wall
            )
            for ctx in single_open:
                await ctx.close()
            await asyncio.sleep(2)
            out["rss_before"] = rss_mb(pid)
            out["load_before"] = os.getloadavg()[0]
            cpu0 = cpu_seconds(pid)
            loaded, open_ctx = Phase(), []
            t0 = time.perf_counter()

            async def staggered(i: int):
                await asyncio.sleep(i * args.ramp)
                attainment = round(0.35 + 0.05 * (i % 24), 2)  # distinct per session: every scenario new
                await browser_session(browser, base, i + 1, i % 12, attainment, moves, timeout_ms, loaded, open_ctx)

            tasks = [asyncio.create_task(staggered(i)) for i in range(args.sessions)]
            _done, pending = await asyncio.wait(tasks, timeout=args.wall)
            for t in pending:
                t.cancel()
                loaded.errors.append("a session did not finish within the wall-clock cap")
            out["duration"] = time.perf_counter() - t0
            cpu1 = cpu_seconds(pid)
            out["server_cpu"] = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
            out["client_cpu"] = None  # the load is in the Chromium processes, not in this one
            out["rss_open"] = rss_mb(pid)
            for ctx in open_ctx:
                await ctx.close()
            await asyncio.sleep(5)
            out["rss_closed"] = rss_mb(pid)
        finally:
            await browser.close()
    out.update(single=single, loaded=loaded, warm=warm)
    return out


# --- report --------------------------------------------------------------------------------------------------


def fmt(v: float | None, digits: int = 0, unit: str = "") -> str:
    return "n/a" if v is None else f"{v:.{digits}f}{unit}"


def ms(v: float | None) -> str:
    return fmt(None if v is None else v * 1000)


def errors_of(o: dict) -> list[str]:
    return o["warm"].errors + o["single"].errors + o["loaded"].errors


def summary(o: dict) -> dict:
    s, ld = o["single"], o["loaded"]
    sp95, lp95 = pct(s.moves, 95), pct(ld.moves, 95)
    per = (
        (o["rss_open"] - o["rss_before"]) / o["sessions"]
        if o.get("rss_open") is not None and o.get("rss_before") is not None
        else None
    )
    cpu = o.get("server_cpu")
    return {
        "ratio": lp95 / sp95 if lp95 and sp95 else None,
        "per": per,
        "cpu_pct": cpu / o["duration"] * 100 if cpu is not None and o.get("duration") else None,
        "cpu_per_action": cpu / ld.actions if cpu is not None and ld.actions else None,
        "client_pct": o["client_cpu"] / o["duration"] * 100 if o.get("client_cpu") is not None else None,
    }


def report(rows: list[dict]) -> str:
    head = (
        "| mode | sessions | actions | errors | single p50 / p95 (ms) | loaded p50 / p95 (ms) | p95 ratio (≤ 2×) "
        "| server RSS before / all open / after (MB) | MB per session | server CPU (% of a core) |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for o in rows:
        s, ld, x = o["single"], o["loaded"], summary(o)
        lines.append(
            f"| {o['mode']} | {o['sessions']} | {ld.actions} of {ld.planned} | {len(errors_of(o))} "
            f"| {ms(pct(s.moves, 50))} / {ms(pct(s.moves, 95))} | {ms(pct(ld.moves, 50))} / {ms(pct(ld.moves, 95))} "
            f"| {fmt(x['ratio'], 1, '×')} "
            f"| {fmt(o.get('rss_before'))} / {fmt(o.get('rss_open'))} / {fmt(o.get('rss_closed'))} "
            f"| {fmt(x['per'], 1)} | {fmt(x['cpu_pct'])} |"
        )
    head2 = (
        "| mode | moves single / loaded | to chart single p50 / p95 (ms) | to chart loaded p50 / p95 (ms) "
        "| open loaded p50 / p95 (ms) | page switch loaded p50 / p95 (ms) | repeated scenarios (loaded) "
        "| loaded phase wall (s) | server CPU per action (ms) | load generator CPU (% of a core) "
        "| other processes' CPU single / loaded (% of a core) | load avg at start |"
    )
    lines += ["", head2, "|" + "---|" * head2.count(" | ") + "---|"]
    for o in rows:
        s, ld, x = o["single"], o["loaded"], summary(o)
        rep = f"{ld.repeats} of {len(ld.moves)}" if ld.moves else "n/a"
        lines.append(
            f"| {o['mode']} | {len(s.moves)} / {len(ld.moves)} | {ms(pct(s.charts, 50))} / {ms(pct(s.charts, 95))} "
            f"| {ms(pct(ld.charts, 50))} / {ms(pct(ld.charts, 95))} | {ms(pct(ld.opens, 50))} / {ms(pct(ld.opens, 95))} "
            f"| {ms(pct(ld.switches, 50))} / {ms(pct(ld.switches, 95))} | {rep} | {fmt(o.get('duration'), 1)} "
            f"| {ms(x['cpu_per_action'])} | {fmt(x['client_pct'])} "
            f"| {fmt(o.get('others_single'))} / {fmt(o.get('others_loaded'))} "
            f"| {fmt(o.get('load_before'), 1)} on {os.cpu_count()} cores |"
        )
    if any(o.get("savers") for o in rows):
        head3 = (
            "| mode | saver sessions | saves confirmed / in the database | lost / duplicated / phantom "
            "| save p50 / p95 (ms) | open a saved link p50 / p95 (ms) |"
        )
        lines += ["", head3, "|" + "---|" * head3.count(" | ") + "---|"]
        for o in rows:
            ld, chk = o["loaded"], o.get("save_check") or {}
            lines.append(
                f"| {o['mode']} | {o.get('savers', 0)} | {chk.get('confirmed', 'n/a')} / {chk.get('in_db', 'n/a')} "
                f"| {chk.get('lost', 'n/a')} / {chk.get('duplicated', 'n/a')} / {chk.get('phantom', 'n/a')} "
                f"| {ms(pct(ld.saves, 50))} / {ms(pct(ld.saves, 95))} | {ms(pct(ld.loads, 50))} / {ms(pct(ld.loads, 95))} |"
            )
    shown = [e for o in rows for e in errors_of(o)][:20]
    if shown:
        lines += ["", "Errors:", *[f"- {e}" for e in shown]]
    return "\n".join(lines)


def start_server_with(port: int, options: list[str], log: Path, launcher: str = "nodelay") -> subprocess.Popen:
    """The dashboard started by ``launcher`` plus ``--<name> <value>`` options, its output kept in ``log``.

    The log is where a failed session's cause is: the dashboard shows users no details
    (``client.showErrorDetails = "none"``), the server logs the traceback.
    """
    import urllib.request

    cmd = [
        *LAUNCHERS[launcher],
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    for opt in options:
        name, _, value = opt.partition("=")
        cmd += [f"--{name}", value]
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode} (options {options})")
        try:
            if opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    proc.wait(timeout=10)
    raise RuntimeError(f"streamlit did not answer on port {port} within 60 s")


# --- main ----------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--clients",
        choices=("protocol", "browser"),
        default="protocol",
        help="protocol: st_client over the WebSocket (default); browser: Chromium pages",
    )
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    ap.add_argument("--moves", type=int, default=5, help="slider moves per session (default 5)")
    ap.add_argument("--think", type=float, default=1.0, help="think time before each action, s, jittered ×0.5..1.5")
    ap.add_argument("--baseline-moves", type=int, default=25, help="moves in the single-user phase (default 25)")
    ap.add_argument("--worst-case", action="store_true", help="add a row where every session has its own scenario")
    ap.add_argument("--quick", action="store_true", help="CI smoke test: 3 sessions, 3 moves, think 0.2 s")
    ap.add_argument("--seed", type=int, default=1, help="seed of the users' choices (default 1)")
    ap.add_argument("--url", help="test this running server instead of starting one (loopback only)")
    ap.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory and CPU")
    ap.add_argument(
        "--server-opt",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit option for the server this test starts, e.g. runner.postScriptGC=false "
        "(repeatable; to try a configuration change without editing .streamlit/config.toml)",
    )
    ap.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="with 2 or more: test a fresh deploy/replicas.py cluster (that many replicas behind nginx, "
        "cookie affinity) per row instead of one server; needs nginx",
    )
    ap.add_argument(
        "--server",
        choices=sorted(LAUNCHERS),
        default="nodelay",
        help="start the server with deploy/serve.py (nodelay, the default: as deployed) or with "
        "`streamlit run` (stock; Nagle stays on and this Python client's delayed ACKs add ~40 ms "
        "to every run, which a browser does not see)",
    )
    ap.add_argument("--action-timeout", type=float, default=60, help="seconds one action may take (default 60)")
    ap.add_argument("--ramp", type=float, default=0.25, help="seconds between session arrivals (default 0.25)")
    ap.add_argument("--wall", type=float, default=600, help="wall-clock cap of each phase in seconds (default 600)")
    ap.add_argument("--savers", type=int, default=0, help="sessions that save and load during the loaded phase")
    ap.add_argument("--saves", type=int, default=5, help="saves (each followed by a load) per saver (default 5)")
    args = ap.parse_args(argv)
    args.db_url = None
    if args.quick:
        args.sessions, args.moves, args.think, args.baseline_moves = 3, 3, 0.2, 6
    if args.sessions < 1 or args.moves < 1 or args.baseline_moves < 1:
        ap.error("--sessions, --moves and --baseline-moves must be at least 1")
    if args.sessions > 500:
        ap.error("--sessions at most 500")
    if args.moves > 24:
        ap.error("--moves at most 24 (the delay slider has 37 whole months)")
    if not (0 <= args.think <= 60):
        ap.error("--think between 0 and 60 s")
    if args.clients == "browser":
        if args.worst_case:
            ap.error("--worst-case is a protocol-client mode (the browser sessions already use distinct scenarios)")
        if not Path(CHROMIUM).exists():
            print(f"{CHROMIUM} not installed (apt-get install -y chromium)", file=sys.stderr)
            return 2
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        ap.error("--url must be a loopback address")
    if args.replicas > 1 and (args.url or args.server_opt or args.server != "nodelay"):
        ap.error("--replicas starts its own cluster (deploy/serve.py): not with --url, --server-opt or --server")
    if args.url and args.server_opt:
        ap.error("--server-opt applies to the server this test starts, not to --url")
    for opt in args.server_opt:
        name, eq, _ = opt.partition("=")
        if not eq or not re.fullmatch(r"[a-zA-Z]+\.[a-zA-Z]+", name) or name.startswith("server.address"):
            ap.error(f"--server-opt {opt!r}: expected section.option=value (not server.address)")

    modes = [False, True] if args.worst_case else [False]
    rows = []
    logs = []
    if args.savers and not args.url and args.replicas <= 1:
        if os.environ.get("CORRIDOR_DB_URL"):
            args.db_url = os.environ["CORRIDOR_DB_URL"]
        else:  # the server this test starts saves into a file of its own
            folder = tempfile.mkdtemp(prefix="load-test-db-")
            os.environ["CORRIDOR_DB_PATH"] = f"{folder}/store.sqlite3"
            args.db_url = f"sqlite:///{folder}/store.sqlite3"
    for worst in modes:
        proc: subprocess.Popen | None = None
        cluster = None
        if args.url:
            base, pid = args.url.rstrip("/"), args.pid
        elif args.replicas > 1:
            sys.path.insert(0, str(ROOT))
            from deploy.replicas import Cluster

            try:
                cluster = Cluster(replicas=args.replicas, log=lambda *a: None).__enter__()
            except Exception as exc:  # noqa: BLE001 - nginx missing, a replica that does not start
                print(f"could not start {args.replicas} replicas behind nginx: {exc}", file=sys.stderr)
                return 2
            base, pid = cluster.url, None  # memory and CPU are per process: not reported for a cluster
            args.db_url = cluster.db_url
        else:
            port = _free_port()
            log = Path(tempfile.mkstemp(prefix="load-test-server-", suffix=".log")[1])
            logs.append(log)
            try:
                proc = start_server_with(port, args.server_opt, log, args.server)
            except RuntimeError as exc:
                print(exc, server_tracebacks(log), file=sys.stderr)
                return 2
            base, pid = f"http://127.0.0.1:{port}", proc.pid
        try:
            if args.clients == "browser":
                rows.append(asyncio.run(run_browser(args, base, pid)))
            else:
                rows.append(asyncio.run(run_protocol(args, base, pid, worst)))
            if cluster is not None:
                rows[-1]["mode"] += f", {args.replicas} replicas behind nginx"
        finally:
            if proc is not None:
                stop_server(proc)
            if cluster is not None:
                cluster.__exit__(None, None, None)
    print(report(rows))
    failed = any(errors_of(o) for o in rows)
    for log in logs:
        if failed and (tb := server_tracebacks(log)):
            print(f"\nServer log {log} (tracebacks):\n```\n{tb}\n```")
        elif not failed:
            log.unlink(missing_ok=True)
    return 1 if failed else 0


def server_tracebacks(log: Path, limit: int = 3, lines: int = 40) -> str:
    """The last ``limit`` tracebacks of a server log (each to ``lines`` lines), for the report of a failed run."""
    try:
        text = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    starts = [i for i, line in enumerate(text) if line.startswith("Traceback")]
    blocks = []
    for i in starts[-limit:]:
        # from the log line that says what failed to the exception line (the first unindented one)
        end = next((k for k in range(i + 1, min(len(text), i + lines)) if text[k] and not text[k][0].isspace()), None)
        blocks.append("\n".join(text[max(0, i - 1) : (end if end is not None else i + lines) + 1]))
    return "\n...\n".join(blocks)


if __name__ == "__main__":
    sys.exit(main())
