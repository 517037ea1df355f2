"""Lighthouse (desktop preset) on the dashboard's pages, each next to the same page of the same-layout app, and on
the minimal app; scores side by side in Markdown, alternating dashboard and same-layout page by page.

Run ``python benchmarks/lighthouse.py`` (all six pages) or ``--pages overview projections``; ``--runs N`` takes
the median of N Lighthouse runs per URL. Lighthouse is the npm package pinned in benchmarks/package.json;
when benchmarks/node_modules is missing this script runs ``npm ci --prefix benchmarks`` (nothing else is
installed, and no browser is downloaded: Lighthouse drives Debian's /usr/bin/chromium through CHROME_PATH).
Both apps are served on loopback ports by ``streamlit run``; ``--keep DIR`` keeps the JSON reports.

Exit status: 0 when every URL was audited (whatever the scores), 1 when Lighthouse could not run; the reason
(Lighthouse's own error message) is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_app import CHROMIUM, DASHBOARD, LAYOUT, MINIMAL, PAGES, SCRIPTS, start_server, stop  # noqa: E402

LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
# The flags the brief asks for, plus: resolve no host but loopback (see bench_app.LOOPBACK_ONLY).
CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"'
METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
]


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        raise RuntimeError("npm is not installed and benchmarks/node_modules is missing")
    print("[lighthouse] benchmarks/node_modules missing: npm ci --prefix benchmarks", file=sys.stderr, flush=True)
    subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], check=True)
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"npm ci did not install {LIGHTHOUSE}")


def audit(url: str, out: Path, timeout: float = 300) -> dict:
    """One Lighthouse run; returns the parsed JSON report (raises with Lighthouse's stderr if it fails)."""
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--preset=desktop",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
        "--no-enable-error-reporting",
        "--max-wait-for-load=60000",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"lighthouse {url} took more than {timeout:.0f} s") from exc
    if r.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse {url} exited {r.returncode}:\n{(r.stderr or r.stdout).strip()[-3000:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(
            f"lighthouse {url}: {report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
        )
    return report


def summary(report: dict) -> dict:
    cats, audits = report["categories"], report["audits"]
    s = {"performance": cats["performance"]["score"], "accessibility": cats["accessibility"]["score"]}
    for key, short in METRICS:
        s[short] = audits.get(key, {}).get("numericValue")
    # Accessibility audits that failed, with how many elements each one flags.
    s["a11y_failed"] = sorted(
        f"{ref['id']} ({len((audits[ref['id']].get('details') or {}).get('items', []))})"
        for ref in cats["accessibility"]["auditRefs"]
        if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
    )
    s["warnings"] = report.get("runWarnings", [])
    return s


def score(x: float | None) -> str:
    return "—" if x is None else f"{round(x * 100)}"


def median_of(sums: list[dict], key: str) -> float | None:
    values = [x[key] for x in sums if x[key] is not None]
    return statistics.median(values) if values else None


def table(rows: list[tuple[str, list[dict]]], runs: int) -> str:
    title = f"### Lighthouse {f'(median of {runs} runs) ' if runs > 1 else ''}— desktop preset, Chromium headless"
    out = [
        title,
        "",
        "| app / page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS | SI ms | failed a11y audits |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, sums in rows:
        ms = [median_of(sums, k) for k in ("FCP", "LCP", "TBT")]
        cls, si = median_of(sums, "CLS"), median_of(sums, "SI")
        out.append(
            f"| {label} | {score(median_of(sums, 'performance'))} | {score(median_of(sums, 'accessibility'))} | "
            + " | ".join("—" if v is None else f"{v:.0f}" for v in ms)
            + " | "
            + ("—" if cls is None else f"{cls:.3f}")
            + " | "
            + ("—" if si is None else f"{si:.0f}")
            + " | "
            + (", ".join(sums[-1]["a11y_failed"]) or "none")
            + " |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES, help="dashboard pages (all six)")
    ap.add_argument("--runs", type=int, default=1, help="Lighthouse runs per URL; the table shows medians")
    ap.add_argument("--keep", type=Path, help="directory to keep the JSON reports in")
    args = ap.parse_args(argv)

    try:
        ensure_lighthouse()
    except Exception as exc:  # noqa: BLE001
        print(f"Lighthouse cannot run: {exc}")
        return 1
    if not Path(CHROMIUM).exists():
        print(f"Lighthouse cannot run: {CHROMIUM} is missing (apt-get install -y chromium)")
        return 1

    outdir = args.keep or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    outdir.mkdir(parents=True, exist_ok=True)
    procs, failures, rows = [], [], []
    try:
        proc_m, url_m, _ = start_server(SCRIPTS[MINIMAL])
        procs.append(proc_m)
        proc_d, url_d, _ = start_server(SCRIPTS[DASHBOARD])
        procs.append(proc_d)
        proc_l, url_l, _ = start_server(SCRIPTS[LAYOUT])
        procs.append(proc_l)
        targets = [(f"*{MINIMAL} app (reference)*", MINIMAL, url_m + "/")]
        for p in args.pages:  # alternating: the dashboard's page, then the same page of the same-layout app
            path = "" if p == "overview" else p
            targets += [
                (f"{DASHBOARD}: {p}", p, f"{url_d}/{path}"),
                (f"*same layout: {p}*", f"{LAYOUT}-{p}", f"{url_l}/{path}"),
            ]
        for label, name, url in targets:
            sums = []
            for i in range(max(1, args.runs)):
                print(f"[lighthouse] {url} run {i + 1}", file=sys.stderr, flush=True)
                try:
                    sums.append(summary(audit(url, outdir / f"{name}-{i + 1}.json")))
                except Exception as exc:  # noqa: BLE001
                    failures.append(f"{label}: {exc}")
            if sums:
                rows.append((label, sums))
    finally:
        for proc in procs:
            stop(proc)
        if not args.keep:
            shutil.rmtree(outdir, ignore_errors=True)

    print(table(rows, max(1, args.runs)))
    warnings = sorted({w for _, sums in rows for s in sums for w in s["warnings"]})
    if warnings:
        print("\nLighthouse warnings:\n" + "\n".join(f"- {w}" for w in warnings))
    if failures:
        print("\n### Lighthouse could not audit\n\n" + "\n".join(f"- {f}" for f in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
