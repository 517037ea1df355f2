"""Time the dashboard against a minimal Streamlit app (one slider, one 64-point Plotly line) and print Markdown.

Run ``python benchmarks/bench_app.py`` (10 rounds) or ``--rounds N``, or ``--quick`` (2 rounds, a CI smoke run);
``--server nodelay`` starts both apps with deploy/serve.py (TCP_NODELAY on the server socket) instead of ``streamlit run``.
Both apps run at once on loopback ports; Playwright drives them on Debian's Chromium (/usr/bin/chromium),
alternating dashboard, minimal, dashboard, minimal, ... so that machine noise falls on both alike.

What is measured (medians; browser times are taken inside the page with ``performance.now()``):

* slider → chart redrawn: from the trusted ``keydown`` of ArrowRight on the focused slider (a capture listener
  records it) to the first DOM mutation after which the Plotly chart's trace paths (their ``d`` attributes)
  differ from before the key press. Dashboard: the /projections page's delay slider; every round moves it to a
  value not seen before, so the Monte Carlo band is computed, not served from ``st.cache_data``.
* cold start → first chart: a new browser context (empty cache), navigation start to the first
  ``.js-plotly-plot .main-svg`` trace in the DOM; the server is already running and warm.
* server start → health ok: ``streamlit run`` spawned to ``/_stcore/health`` answering ``ok`` (polled every 20 ms).
* server RSS (``VmRSS`` of the Streamlit process) with 1 and with 6 open sessions; the difference / 5 is the
  memory of one extra session.
* page reruns: ``streamlit.testing.v1.AppTest`` on dashboard.py, every page, median of warm ``at.run()``.
* model: ``components.projection.band(Scenario.default())`` (10,000 Monte Carlo paths), median of 20 warm calls.

The exit status is 0 whatever the timings (this is a benchmark, not a test); it is 1 only when a measurement
could not be made, and the failures are listed after the tables.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import traceback
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LAUNCHERS, stop_server as stop  # noqa: E402

DASHBOARD, MINIMAL = "dashboard", "minimal"
SCRIPTS = {DASHBOARD: "dashboard.py", MINIMAL: "benchmarks/minimal_app.py"}
SLIDER = {DASHBOARD: "Delay after April 2026 (months)", MINIMAL: "Delay (months)"}
SLIDER_PATH = {DASHBOARD: "projections", MINIMAL: ""}
PAGES = ["overview", "projections", "capacity", "economics", "corridor", "sources"]
TARGETS = {"slider": 1.2, "cold": 1.3}
VIEWPORT = {"width": 1280, "height": 800}
# Chromium resolves no host name but loopback: nothing leaves the machine (the dashboard's Material page icon
# is otherwise fetched from fonts.gstatic.com), and no run waits on DNS.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

# Signature of the first Plotly chart on the page: the `d` of every trace path, joined.
SIG_JS = """() => { const c = document.querySelector('.js-plotly-plot');
  return c ? [...c.querySelectorAll('.main-svg .trace path')].map(p => p.getAttribute('d')).join('|') : ''; }"""

# Arms one measurement: t0 at the trusted keydown, t1 at the first mutation that leaves the traces different.
ARM_JS = """() => {
  const sig = """ + SIG_JS + """;
  const base = sig();
  const b = window.__bench = {t0: null, t1: null};
  document.addEventListener('keydown', e => { if (e.isTrusted && b.t0 === null) b.t0 = performance.now(); },
                            {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (b.t0 === null) return;
    const s = sig();
    if (s && s !== base) { b.t1 = performance.now(); obs.disconnect(); }
  });
  obs.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['d']});
  return base.length;
}"""

# Installed before any page script: the time (from navigation start) the first Plotly trace appears.
FIRST_CHART_JS = """(() => {
  const drawn = () => document.querySelector('.js-plotly-plot .main-svg .trace');
  const obs = new MutationObserver(() => {
    if (window.__firstChart === undefined && drawn()) { window.__firstChart = performance.now(); obs.disconnect(); }
  });
  obs.observe(document, {subtree: true, childList: true});
})();"""

# Streamlit marks the app root with its script state; the status widget ("Running…") must be gone too.
IDLE_JS = ("() => !!document.querySelector('[data-test-script-state=notRunning]')"
           " && !document.querySelector('[data-testid=stStatusWidget]')")


# ---------------------------------------------------------------- servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAUNCHER = "stock"  # a key of LAUNCHERS: `streamlit run`, or deploy/serve.py (TCP_NODELAY, as deploy/ runs it)


def start_server(script: str, timeout: float = 90) -> tuple[subprocess.Popen, str, float]:
    """Spawn the app (``LAUNCHER``) on a loopback port; return (process, base url, seconds to health ok)."""
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*LAUNCHERS[LAUNCHER], script, "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit run {script} exited with {proc.returncode} before answering")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url, time.perf_counter() - t0
        except OSError:
            time.sleep(0.02)
    stop(proc)
    raise RuntimeError(f"streamlit run {script} did not answer on {url} within {timeout:.0f} s")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


# ---------------------------------------------------------------- browser measurements

def wait_idle(pg, timeout: float = 90_000) -> None:
    pg.wait_for_selector("h1", timeout=timeout)
    pg.wait_for_function(IDLE_JS, timeout=timeout)
    pg.wait_for_selector(".js-plotly-plot .main-svg .trace", state="attached", timeout=timeout)


class SliderSession:
    """One warm browser page of an app with its slider; ``step()`` times one key press to a redrawn chart."""

    def __init__(self, browser, url: str, app: str):
        self.ctx = browser.new_context(viewport=VIEWPORT)
        self.pg = self.ctx.new_page()
        self.pg.set_default_timeout(90_000)
        self.pg.goto(f"{url}/{SLIDER_PATH[app]}")
        wait_idle(self.pg)
        self.slider = self.pg.get_by_role("slider", name=SLIDER[app])
        self.slider.wait_for()
        self.app = app

    def step(self) -> float:
        value, top = (float(self.slider.get_attribute(a)) for a in ("value", "max"))
        key = "ArrowRight" if value < top else "ArrowLeft"  # right while it can: every value is new to the cache
        self.pg.evaluate(ARM_JS)
        self.slider.focus()
        self.slider.press(key)
        self.pg.wait_for_function("() => window.__bench.t1 !== null", timeout=90_000)
        t0, t1 = self.pg.evaluate("() => [window.__bench.t0, window.__bench.t1]")
        if t0 is None:
            raise RuntimeError(f"{self.app}: the key press was not seen by the page")
        self.pg.wait_for_function(IDLE_JS)  # the rerun has finished before the other app's turn
        if float(self.slider.get_attribute("value")) == value:
            raise RuntimeError(f"{self.app}: {key} did not move the slider")
        return t1 - t0

    def close(self) -> None:
        self.ctx.close()


def cold_start(browser, url: str) -> float:
    """A new context (no cache, no cookies): ms from navigation start to the first Plotly trace."""
    ctx = browser.new_context(viewport=VIEWPORT)
    try:
        ctx.add_init_script(FIRST_CHART_JS)
        pg = ctx.new_page()
        pg.goto(url, wait_until="commit", timeout=90_000)
        pg.wait_for_function("() => window.__firstChart !== undefined", timeout=90_000)
        return pg.evaluate("() => window.__firstChart")
    finally:
        ctx.close()


def session_memory(browser, proc: subprocess.Popen, url: str, settle: float = 2.0) -> tuple[float, float]:
    """Server RSS (MiB) with 1 and with 6 open browser sessions."""
    ctxs = []
    try:
        def open_one():
            ctx = browser.new_context(viewport=VIEWPORT)
            ctxs.append(ctx)
            pg = ctx.new_page()
            pg.set_default_timeout(90_000)
            pg.goto(url)
            wait_idle(pg)

        open_one()
        time.sleep(settle)
        one = rss_mib(proc.pid)
        for _ in range(5):
            open_one()
        time.sleep(settle)
        return one, rss_mib(proc.pid)
    finally:
        for ctx in ctxs:
            ctx.close()


# ---------------------------------------------------------------- in-process measurements

def page_reruns(warm: int) -> dict[str, list[float]]:
    """ms of a warm ``at.run()`` of every dashboard page (and of the minimal app, for reference)."""
    from streamlit.testing.v1 import AppTest

    out: dict[str, list[float]] = {}
    for name in [*PAGES, MINIMAL]:
        if name == MINIMAL:
            at = AppTest.from_file(str(ROOT / SCRIPTS[MINIMAL]), default_timeout=180).run()
        else:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
            at.switch_page(f"components/app_pages/{name}.py").run()
        at.run()  # one more, so caches and imports are warm
        times = []
        for _ in range(warm):
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
        if at.exception:
            raise RuntimeError(f"page {name} raised: {at.exception[0].message}")
        if name != MINIMAL and not at.title:
            raise RuntimeError(f"page {name} rendered no title")
        out[name] = times
    return out


def band_ms(calls: int = 20) -> list[float]:
    from components import projection
    from components.scenario import Scenario

    s = Scenario.default()
    projection.band(s)  # cold: imports, data tables
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        projection.band(s)
        times.append((time.perf_counter() - t0) * 1000)
    return times


# ---------------------------------------------------------------- report

def med(xs: list[float]) -> float:
    return statistics.median(xs)


def cell(xs: list[float] | None, fmt: str) -> str:
    if not xs:
        return "—"
    if len(xs) == 1:
        return format(xs[0], fmt)
    return f"{format(med(xs), fmt)} ({format(min(xs), fmt)}–{format(max(xs), fmt)})"


def ratio(a: list[float] | None, b: list[float] | None) -> float | None:
    return med(a) / med(b) if a and b and med(b) > 0 else None


def verdict(r: float | None, target: float | None) -> str:
    if target is None:
        return "—"
    if r is None:
        return f"≤ {target}× (not measured)"
    return f"≤ {target}× {'met' if r <= target else '**missed**'}"


def report(res: dict, reruns: dict[str, list[float]] | None, band: list[float] | None, rounds: int) -> str:
    rows = [
        ("slider → chart redrawn (ms)", "slider", ".0f", TARGETS["slider"]),
        ("cold start → first chart, overview `/` (ms)", "cold", ".0f", TARGETS["cold"]),
        ("cold start → first chart, `/projections` (ms)", "cold_proj", ".0f", TARGETS["cold"]),
        ("server start → health ok (s)", "start", ".2f", None),
        ("server RSS, 1 session (MiB)", "rss1", ".0f", None),
        ("server RSS, 6 sessions (MiB)", "rss6", ".0f", None),
        ("RSS per extra session (MiB)", "per_session", ".1f", None),
    ]
    out = [f"### Dashboard vs minimal app, both started {'by deploy/serve.py (TCP_NODELAY)' if LAUNCHER == 'nodelay' else 'by `streamlit run`'} ({rounds} alternating rounds; median (min–max))", "",
           "| measure | dashboard | minimal | ratio | target |", "|---|---|---|---|---|"]
    for label, key, fmt, target in rows:
        a = res.get(DASHBOARD, {}).get(key)
        b = res.get(MINIMAL, {}).get(key if key != "cold_proj" else "cold")
        r = ratio(a, b)
        if key == "per_session" and (not a or not b or min(abs(med(a)), abs(med(b))) < 1):
            r = None  # below what RSS resolves (allocator noise): a ratio would mean nothing
        out.append(f"| {label} | {cell(a, fmt)} | {cell(b, fmt)} | "
                   f"{'—' if r is None else f'{r:.2f}×'} | {verdict(r, target)} |")
    out.append(f"| model: `projection.band`, 10,000 paths (ms, 20 warm calls) | {cell(band, '.0f')} | — | — | — |")
    if reruns:
        out += ["", "### Server rerun of each page (`AppTest`, warm `at.run()`, ms)", "",
                "| page | median | min | max | runs |", "|---|---|---|---|---|"]
        for name, xs in reruns.items():
            label = "*minimal app (reference)*" if name == MINIMAL else name
            out.append(f"| {label} | {med(xs):.0f} | {min(xs):.0f} | {max(xs):.0f} | {len(xs)} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10, help="alternating rounds per browser measurement (10)")
    ap.add_argument("--quick", action="store_true", help="2 rounds and fewer repeats: a CI smoke run")
    ap.add_argument("--server", choices=sorted(LAUNCHERS), default="stock",
                    help="start both apps with `streamlit run` (stock, the default) or with deploy/serve.py "
                         "(nodelay: TCP_NODELAY on the server socket, as the deployment runs)")
    args = ap.parse_args(argv)
    global LAUNCHER
    LAUNCHER = args.server
    rounds = 2 if args.quick else max(1, args.rounds)
    warm_reruns = 2 if args.quick else 5
    starts = 1 if args.quick else 3
    os.chdir(ROOT)  # dashboard.py finds its pages by relative path, as under `streamlit run`

    failures: list[str] = []
    res: dict[str, dict[str, list[float]]] = {DASHBOARD: {}, MINIMAL: {}}

    def attempt(what: str, fn: Callable):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure and goes on
            failures.append(f"{what}: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
            return None

    def log(msg: str) -> None:
        print(f"[bench] {msg}", file=sys.stderr, flush=True)

    # In-process first, while no browser competes for the two cores.
    log("model band")
    band = attempt("model band", band_ms)
    log("AppTest page reruns")
    reruns = attempt("page reruns", lambda: page_reruns(warm_reruns))

    if not Path(CHROMIUM).exists():
        failures.append(f"{CHROMIUM} is missing (apt-get install -y chromium): no browser measurements")
    else:
        procs: dict[str, subprocess.Popen] = {}
        urls: dict[str, str] = {}
        try:
            log("server starts")
            for i in range(starts):  # A B A B ...; the last start of each stays up for the browser runs
                for app in (DASHBOARD, MINIMAL):
                    started = attempt(f"start {app}", lambda app=app: start_server(SCRIPTS[app]))
                    if started is None:
                        continue
                    proc, url, secs = started
                    res[app].setdefault("start", []).append(secs)
                    if i < starts - 1:
                        stop(proc)
                    else:
                        procs[app], urls[app] = proc, url
            apps = [a for a in (DASHBOARD, MINIMAL) if a in procs]
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY])
                try:
                    log("cold starts")
                    for app in apps:  # one unmeasured load each: server-side caches and imports warm
                        attempt(f"warm-up {app}", lambda app=app: cold_start(browser, urls[app]))
                    for _ in range(rounds):
                        for app in apps:
                            ms = attempt(f"cold start {app}", lambda app=app: cold_start(browser, urls[app]))
                            if ms is not None:
                                res[app].setdefault("cold", []).append(ms)
                            if app == DASHBOARD:
                                ms = attempt("cold start dashboard /projections",
                                             lambda: cold_start(browser, f"{urls[DASHBOARD]}/projections"))
                                if ms is not None:
                                    res[app].setdefault("cold_proj", []).append(ms)

                    log("slider")
                    sessions = {app: attempt(f"open {app} slider page",
                                             lambda app=app: SliderSession(browser, urls[app], app)) for app in apps}
                    sessions = {a: s for a, s in sessions.items() if s is not None}
                    for app, s in sessions.items():  # one unmeasured step each
                        attempt(f"slider warm-up {app}", s.step)
                    for _ in range(rounds):
                        for app, s in sessions.items():
                            ms = attempt(f"slider {app}", s.step)
                            if ms is not None:
                                res[app].setdefault("slider", []).append(ms)
                    for s in sessions.values():
                        s.close()

                    log("memory per session")
                    for app in apps:
                        mem = attempt(f"memory {app}", lambda app=app: session_memory(browser, procs[app], urls[app]))
                        if mem is not None:
                            res[app]["rss1"], res[app]["rss6"] = [mem[0]], [mem[1]]
                            res[app]["per_session"] = [(mem[1] - mem[0]) / 5]
                finally:
                    browser.close()
        except Exception as exc:  # noqa: BLE001
            failures.append(f"browser run: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
        finally:
            for proc in procs.values():
                stop(proc)

    print(report(res, reruns, band, rounds))
    if failures:
        print("\n### Could not measure\n")
        print("\n".join(f"- {f}" for f in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
