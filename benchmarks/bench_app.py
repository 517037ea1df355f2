"""Time the dashboard against two references and print Markdown: the same-layout app and the minimal app.

Run ``python benchmarks/bench_app.py`` (10 rounds) or ``--rounds N``, or ``--quick`` (2 rounds, a CI smoke run);
``--server nodelay`` starts the apps with deploy/serve.py (TCP_NODELAY on the server socket) instead of
``streamlit run``; ``--no-cls`` skips the layout-shift survey.

* ``benchmarks/layout_app.py``, the same-layout app: the dashboard's navigation, sidebar widgets (built from
  ``data/assumptions.csv``) and fragments, one chart, no model. Dashboard / same-layout = our own code's cost.
* ``benchmarks/minimal_app.py``: one slider and one chart, the floor of any Streamlit app.

All run at once on loopback ports; Playwright drives them on Debian's Chromium (/usr/bin/chromium), alternating
dashboard, same-layout, minimal, dashboard, ... so that machine noise falls on all alike.

What is measured (medians; browser times are taken inside the page with ``performance.now()``):

* slider → chart redrawn, on /projections, /capacity and /economics: from the trusted ``keydown`` of ArrowRight on
  the focused delay slider (a capture listener records it) to the first DOM mutation after which the first Plotly
  chart's trace paths (their ``d`` attributes) differ from before the key press. Every round moves the slider to
  a value not seen before, so the model runs, not ``st.cache_data``.
* INP of those slider moves: Chromium's event timing (``PerformanceObserver``, type ``event``), the longest event of
  each interaction, p75 over all moves (Core Web Vitals: good ≤ 200 ms).
* CLS of every page in English and Russian at 1440×900 and 390×844: a new context per load, the largest session
  window of layout shifts until 2.5 s after the script went idle (good ≤ 0.1).
* cold start → first chart: a new browser context (empty cache), navigation start to the first
  ``.js-plotly-plot .main-svg`` trace in the DOM; the server is already running and warm.
* server start → health ok: spawned to ``/_stcore/health`` answering ``ok`` (polled every 20 ms).
* server RSS (``VmRSS`` of the Streamlit process) with 1 and with 6 open sessions.
* page reruns: ``streamlit.testing.v1.AppTest`` on every page and on both references, median of warm ``at.run()``.
* model: ``components.model.projection.band(Scenario.default())`` (10,000 Monte Carlo paths), median of 20 warm calls.

The exit status is 0 whatever the timings (this is a benchmark, not a test); it is 1 only when a measurement
could not be made, and the failures are listed after the tables.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from deploy import serverctl  # noqa: E402
from deploy.serverctl import free_port  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LAUNCHERS  # noqa: E402
from tests.e2e.conftest import stop_server as stop

DASHBOARD, LAYOUT, MINIMAL = "dashboard", "layout", "minimal"
APPS = (DASHBOARD, LAYOUT, MINIMAL)
SCRIPTS = {DASHBOARD: "dashboard.py", LAYOUT: "benchmarks/layout_app.py", MINIMAL: "benchmarks/minimal_app.py"}
SLIDER = {DASHBOARD: "Delay after April 2026 (months)", LAYOUT: "delay_months", MINIMAL: "Delay (months)"}
SLIDER_PAGES = ("projections", "capacity", "economics")  # the dashboard's and the layout app's slider pages
PAGES = ["overview", "projections", "capacity", "economics", "corridor", "sources"]
TARGETS = {"slider": 1.2, "cold": 1.3}
VIEWPORT = {"width": 1280, "height": 800}
#: Core Web Vitals' "good": CLS ≤ 0.1, INP ≤ 200 ms.
CLS_GOOD, INP_GOOD = 0.1, 200.0
CLS_VIEWPORTS = {"1440×900": {"width": 1440, "height": 900}, "390×844": {"width": 390, "height": 844}}
# Chromium resolves no host name but loopback: nothing leaves the machine (the dashboard's Material page icon
# is otherwise fetched from fonts.gstatic.com), and no run waits on DNS.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

# Signature of the page's Plotly charts: the `d` of every trace path, joined (on Capacity the first chart is a
# heatmap, which has no paths; the line charts below it move with the delay).
SIG_JS = """() => [...document.querySelectorAll('.js-plotly-plot .main-svg .trace path')]
  .map(p => p.getAttribute('d')).join('|')"""

# Arms one measurement: t0 at the trusted keydown, t1 at the first mutation that leaves the traces different.
ARM_JS = (
    """() => {
  const sig = """
    + SIG_JS
    + """;
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
)

# Installed before any page script: the time (from navigation start) the first Plotly trace appears.
FIRST_CHART_JS = """(() => {
  const drawn = () => document.querySelector('.js-plotly-plot .main-svg .trace');
  const obs = new MutationObserver(() => {
    if (window.__firstChart === undefined && drawn()) { window.__firstChart = performance.now(); obs.disconnect(); }
  });
  obs.observe(document, {subtree: true, childList: true});
})();"""

# Installed before any page script: layout shifts (CLS as Chromium defines it: the largest session window of
# shifts without recent input, windows closing after a 1 s gap or at 5 s) and event timings of interactions (INP:
# the longest event of each interaction, durationThreshold 16 ms, the lowest Chromium reports).
VITALS_JS = """(() => {
  const v = window.__vitals = {cls: 0, win: 0, first: 0, last: 0, inter: {}};
  new PerformanceObserver(list => { for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      if (v.win && e.startTime - v.last < 1000 && e.startTime - v.first < 5000) { v.win += e.value; }
      else { v.win = e.value; v.first = e.startTime; }
      v.last = e.startTime; v.cls = Math.max(v.cls, v.win);
  } }).observe({type: 'layout-shift', buffered: true});
  new PerformanceObserver(list => { for (const e of list.getEntries()) {
      if (!e.interactionId) continue;
      v.inter[e.interactionId] = Math.max(v.inter[e.interactionId] || 0, e.duration);
  } }).observe({type: 'event', buffered: true, durationThreshold: 16});
})();"""

# Streamlit marks the app root with its script state; the status widget ("Running…") must be gone too.
IDLE_JS = (
    "() => !!document.querySelector('[data-test-script-state=notRunning]')"
    " && !document.querySelector('[data-testid=stStatusWidget]')"
)


# ---------------------------------------------------------------- servers

LAUNCHER = "stock"  # a key of LAUNCHERS: `streamlit run`, or deploy/serve.py (TCP_NODELAY, as deploy/ runs it)


def start_server(script: str, timeout: float = 90) -> tuple[subprocess.Popen, str, float]:
    """Spawn the app (``LAUNCHER``) on a loopback port; return (process, base url, seconds to health ok)."""
    port = free_port()
    t0 = time.perf_counter()
    proc = serverctl.start_server(
        port, script, launcher=LAUNCHER, extra=serverctl.NO_WATCHER, timeout=timeout, poll=0.02
    )
    return proc, f"http://127.0.0.1:{port}", time.perf_counter() - t0


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

    def __init__(self, browser, url: str, app: str, path: str = "projections"):
        self.ctx = browser.new_context(viewport=VIEWPORT)
        self.ctx.add_init_script(VITALS_JS)
        self.pg = self.ctx.new_page()
        self.pg.set_default_timeout(90_000)
        self.pg.goto(f"{url}/{path if app != MINIMAL else ''}")
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

    def interactions(self) -> list[float]:
        """Durations (ms) of every interaction the page has seen, one per interaction id (its longest event)."""
        return [float(x) for x in self.pg.evaluate("() => Object.values(window.__vitals.inter)")]

    def close(self) -> None:
        self.ctx.close()


def cls_of(browser, url: str, viewport: dict, settle_ms: int = 2500) -> float:
    """CLS of one page load in a new context: loaded, idle, then ``settle_ms`` more for late shifts."""
    ctx = browser.new_context(viewport=viewport)
    try:
        ctx.add_init_script(VITALS_JS)
        pg = ctx.new_page()
        pg.set_default_timeout(90_000)
        pg.goto(url)
        pg.wait_for_selector("h1")
        pg.wait_for_function(IDLE_JS)
        pg.wait_for_timeout(settle_ms)
        return float(pg.evaluate("() => window.__vitals.cls"))
    finally:
        ctx.close()


def p75(xs: list[float]) -> float:
    ys = sorted(xs)
    return ys[min(len(ys) - 1, int(0.75 * len(ys)))]  # the nearest-rank 75th percentile, as web-vitals reports it


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
    for name in [*PAGES, LAYOUT, MINIMAL]:
        if name in (LAYOUT, MINIMAL):
            at = AppTest.from_file(str(ROOT / SCRIPTS[name]), default_timeout=180).run()
        else:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
            at.switch_page(f"components/app/pages/{name}.py").run()
        at.run()  # one more, so caches and imports are warm
        times = []
        for _ in range(warm):
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
        if at.exception:
            raise RuntimeError(f"page {name} raised: {at.exception[0].message}")
        if name not in (LAYOUT, MINIMAL) and not at.title:
            raise RuntimeError(f"page {name} rendered no title")
        out[name] = times
    return out


def fragment_reruns(moves: int) -> dict[str, list[float]]:
    """ms of the page fragment's rerun after a delay-slider move to a scenario no page has computed yet.

    ``AppTest`` runs the slider's callback and its ``st.rerun(scope=fragment)`` as a browser session would: only
    the page's scenario part and the sidebar status rerun. Its element tree then holds only those fragments,
    so before every timed move an untimed full run (same scenario: cached) draws the sidebar again. Each page
    gets its own delays (``1 + page index + 6·k`` months), so every timed run computes its scenario afresh
    (chain, economics, charts): a cache miss, the case the ≤ 40 ms target is about.
    """
    from streamlit.testing.v1 import AppTest

    out: dict[str, list[float]] = {}
    for i, name in enumerate(PAGES):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
        at.switch_page(f"components/app/pages/{name}.py").run()
        times = []
        for k in range(moves):
            at.run()  # untimed: the full page again, so the sidebar's slider is in the tree
            delay = 1 + i + 6 * k
            at.slider(key="delay_months").set_value(delay)
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
            if at.exception:
                raise RuntimeError(f"page {name} raised on delay {delay}: {at.exception[0].message}")
        out[name] = times
    return out


def band_ms(calls: int = 20) -> list[float]:
    from components.data.scenario import Scenario
    from components.model import projection

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


def report(
    res: dict,
    reruns: dict[str, list[float]] | None,
    band: list[float] | None,
    rounds: int,
    cls: dict | None = None,
    frags: dict[str, list[float]] | None = None,
) -> str:
    rows = [
        ("slider → chart redrawn, /projections (ms)", "slider_projections", ".0f", TARGETS["slider"]),
        ("slider → chart redrawn, /capacity (ms)", "slider_capacity", ".0f", TARGETS["slider"]),
        ("slider → chart redrawn, /economics (ms)", "slider_economics", ".0f", TARGETS["slider"]),
        ("INP of the slider moves, p75 (ms)", "inp", ".0f", None),
        ("cold start → first chart, overview `/` (ms)", "cold", ".0f", TARGETS["cold"]),
        ("cold start → first chart, `/projections` (ms)", "cold_proj", ".0f", TARGETS["cold"]),
        ("server start → health ok (s)", "start", ".2f", None),
        ("server RSS, 1 session (MiB)", "rss1", ".0f", None),
        ("server RSS, 6 sessions (MiB)", "rss6", ".0f", None),
    ]
    how = "by deploy/serve.py (TCP_NODELAY)" if LAUNCHER == "nodelay" else "by `streamlit run`"
    out = [
        f"### Dashboard against the same-layout app and the minimal app, all started {how} "
        f"({rounds} alternating rounds; median (min–max))",
        "",
        "| measure | dashboard | same-layout app | minimal app | ratio to same layout | target | ratio to minimal |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, key, fmt, target in rows:
        a = res.get(DASHBOARD, {}).get(key)
        lay = res.get(LAYOUT, {}).get(key if key != "cold_proj" else "cold_proj")
        b = res.get(MINIMAL, {}).get(
            key if not key.startswith(("slider", "cold")) else ("slider" if key.startswith("slider") else "cold")
        )
        r_lay, r_min = ratio(a, lay), ratio(a, b)
        out.append(
            f"| {label} | {cell(a, fmt)} | {cell(lay, fmt)} | {cell(b, fmt)} | "
            f"{'—' if r_lay is None else f'{r_lay:.2f}×'} | {verdict(r_lay, target)} | "
            f"{'—' if r_min is None else f'{r_min:.2f}×'} |"
        )
    out.append(
        f"| model: `projection.band`, 10,000 paths (ms, 20 warm calls) | {cell(band, '.0f')} | — | — | — | — | — |"
    )
    if res.get(DASHBOARD, {}).get("inp"):
        worst = max(med(res[a]["inp"]) for a in (DASHBOARD,) if res[a].get("inp"))
        out.append(
            f"\nINP (Core Web Vitals: good ≤ {INP_GOOD:.0f} ms): dashboard p75 {worst:.0f} ms "
            f"({'good' if worst <= INP_GOOD else '**needs improvement**'})."
        )
    if cls:
        views = list(CLS_VIEWPORTS)
        out += [
            "",
            f"### Layout shift (CLS, largest session window; good ≤ {CLS_GOOD}) per page, language and viewport",
            "",
            "| app | page | " + " | ".join(f"{lang} {v}" for lang in ("en", "ru") for v in views) + " |",
            "|---|---|" + "---|" * (2 * len(views)),
        ]
        for (app, page), by in cls.items():
            cells = []
            for lang in ("en", "ru"):
                for v in views:
                    x = by.get((lang, v))
                    cells.append("—" if x is None else (f"{x:.3f}" if x <= CLS_GOOD else f"**{x:.3f}**"))
            out.append(f"| {app} | {page or '/'} | " + " | ".join(cells) + " |")
    if reruns:
        out += [
            "",
            "### Server rerun of each page (`AppTest`, warm `at.run()`, ms)",
            "",
            "| page | median | min | max | runs |",
            "|---|---|---|---|---|",
        ]
        for name, xs in reruns.items():
            label = f"*{name} app (reference)*" if name in (MINIMAL, LAYOUT) else name
            out.append(f"| {label} | {med(xs):.0f} | {min(xs):.0f} | {max(xs):.0f} | {len(xs)} |")
    if frags:
        out += [
            "",
            "### Fragment rerun on a new scenario (`AppTest`, delay slider moved, cache miss, ms; target ≤ 40)",
            "",
            "| page | median | min | max | runs | ≤ 40 ms |",
            "|---|---|---|---|---|---|",
        ]
        for name, xs in frags.items():
            out.append(
                f"| {name} | {med(xs):.0f} | {min(xs):.0f} | {max(xs):.0f} | {len(xs)} | "
                f"{'yes' if med(xs) <= 40 else '**no**'} |"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10, help="alternating rounds per browser measurement (10)")
    ap.add_argument("--quick", action="store_true", help="2 rounds and fewer repeats: a CI smoke run")
    ap.add_argument("--no-cls", action="store_true", help="skip the layout-shift survey of every page")
    ap.add_argument(
        "--server",
        choices=sorted(LAUNCHERS),
        default="stock",
        help="start the apps with `streamlit run` (stock, the default) or with deploy/serve.py "
        "(nodelay: TCP_NODELAY on the server socket, as the deployment runs)",
    )
    args = ap.parse_args(argv)
    global LAUNCHER
    LAUNCHER = args.server
    rounds = 2 if args.quick else max(1, args.rounds)
    warm_reruns = 2 if args.quick else 5
    starts = 1 if args.quick else 3
    os.chdir(ROOT)  # dashboard.py finds its pages by relative path, as under `streamlit run`

    failures: list[str] = []
    res: dict[str, dict[str, list[float]]] = {app: {} for app in APPS}
    cls: dict[tuple[str, str], dict[tuple[str, str], float]] = {}

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
    log("AppTest fragment reruns on new scenarios")
    frags = attempt("fragment reruns", lambda: fragment_reruns(warm_reruns))

    if not Path(CHROMIUM).exists():
        failures.append(f"{CHROMIUM} is missing (apt-get install -y chromium): no browser measurements")
    else:
        procs: dict[str, subprocess.Popen] = {}
        urls: dict[str, str] = {}
        try:
            log("server starts")
            for i in range(starts):  # A B C A B C ...; the last start of each stays up for the browser runs
                for app in APPS:
                    started = attempt(f"start {app}", lambda app=app: start_server(SCRIPTS[app]))
                    if started is None:
                        continue
                    proc, url, secs = started
                    res[app].setdefault("start", []).append(secs)
                    if i < starts - 1:
                        stop(proc)
                    else:
                        procs[app], urls[app] = proc, url
            apps = [a for a in APPS if a in procs]
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
                            if app != MINIMAL:
                                ms = attempt(
                                    f"cold start {app} /projections",
                                    lambda app=app: cold_start(browser, f"{urls[app]}/projections"),
                                )
                                if ms is not None:
                                    res[app].setdefault("cold_proj", []).append(ms)

                    for path in SLIDER_PAGES:
                        log(f"slider on /{path}")
                        key = f"slider_{path}"
                        sessions = {
                            app: attempt(
                                f"open {app} /{path}",
                                lambda app=app, path=path: SliderSession(browser, urls[app], app, path),
                            )
                            for app in apps
                            if app != MINIMAL or path == SLIDER_PAGES[0]
                        }
                        sessions = {a: s for a, s in sessions.items() if s is not None}
                        for app, s in sessions.items():  # one unmeasured step each
                            attempt(f"slider warm-up {app}", s.step)
                        for _ in range(rounds):
                            for app, s in sessions.items():
                                ms = attempt(f"slider {app} /{path}", s.step)
                                if ms is not None:
                                    res[app].setdefault(key if app != MINIMAL else "slider", []).append(ms)
                        for app, s in sessions.items():
                            inter = attempt(f"INP {app}", s.interactions)
                            if inter:
                                res[app].setdefault("inp_all", []).extend(inter)
                            s.close()
                    for app in apps:
                        if res[app].get("inp_all"):
                            res[app]["inp"] = [p75(res[app].pop("inp_all"))]

                    if not args.no_cls:
                        log("layout shift per page, language and viewport")
                        for app in apps:
                            for page in PAGES if app != MINIMAL else [""]:
                                for lang in ("en", "ru"):
                                    for vname, vp in CLS_VIEWPORTS.items():
                                        q = f"?lang={lang}" if app != MINIMAL else ""
                                        x = attempt(
                                            f"CLS {app} /{page} {lang} {vname}",
                                            lambda url=f"{urls[app]}/{page}{q}", vp=vp: cls_of(browser, url, vp),
                                        )
                                        if x is not None:
                                            cls.setdefault((app, page), {})[(lang, vname)] = x

                    log("memory per session")
                    for app in apps:
                        mem = attempt(f"memory {app}", lambda app=app: session_memory(browser, procs[app], urls[app]))
                        if mem is not None:
                            res[app]["rss1"], res[app]["rss6"] = [mem[0]], [mem[1]]
                finally:
                    browser.close()
        except Exception as exc:  # noqa: BLE001
            failures.append(f"browser run: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
        finally:
            for proc in procs.values():
                stop(proc)

    print(report(res, reruns, band, rounds, cls, frags))
    if failures:
        print("\n### Could not measure\n")
        print("\n".join(f"- {f}" for f in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
