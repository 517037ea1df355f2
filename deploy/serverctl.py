"""Start, wait for and stop a Streamlit server: the one copy the tests, the benchmarks and ``deploy/`` share.

Plain standard library (no Streamlit import), so ``tests/e2e/conftest.py``, ``benchmarks/bench_app.py`` and
``deploy/replicas.py`` can all import it without side effects::

    from deploy.serverctl import free_port, start_server, stop_server

    port = free_port()
    proc = start_server(port)            # `streamlit run dashboard.py` on 127.0.0.1:port, healthy
    ...
    stop_server(proc)
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: How an app is started, the script's path following: as ``streamlit run`` does, or as the deployment does
#: (deploy/serve.py: ``streamlit run`` with TCP_NODELAY).
LAUNCHERS = {
    "stock": [sys.executable, "-m", "streamlit", "run"],
    "nodelay": [sys.executable, str(ROOT / "deploy" / "serve.py"), "--app"],
}

#: No file watcher: a benchmark or a replica does not reload on edits.
NO_WATCHER = ("--server.fileWatcherType", "none")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port the OS reports free on ``host`` now (another process may take it before it is bound)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def health(url: str, timeout: float = 2.0) -> bool:
    """True if ``url``/_stcore/health answers ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except OSError:
        return False


def command(
    script: str, port: int, host: str = "127.0.0.1", launcher: str = "stock", extra: Sequence[str] = ()
) -> list[str]:
    """The command line that serves ``script`` headless on ``host:port`` (usage statistics off)."""
    return [
        *LAUNCHERS[launcher],
        script,
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]


def wait_healthy(
    proc: subprocess.Popen,
    url: str,
    timeout: float,
    what: str = "streamlit",
    poll: float = 0.3,
    log: Path | None = None,
) -> float:
    """Wait until ``url`` is healthy; return the seconds it took.

    Raises
    ------
    RuntimeError
        ``proc`` exited first (the tail of ``log`` in the message when given).
    TimeoutError
        Not healthy within ``timeout`` seconds.
    """
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before answering{_tail(log)}")
        if health(url):
            return time.monotonic() - t0
        time.sleep(poll)
    raise TimeoutError(f"{what} not healthy on {url} within {timeout:.0f} s{_tail(log)}")


def start_server(
    port: int,
    script: str = "dashboard.py",
    cwd: Path = ROOT,
    launcher: str = "stock",
    extra: Sequence[str] = (),
    timeout: float = 60,
    poll: float = 0.3,
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen:
    """Serve ``script`` on 127.0.0.1:``port`` (output discarded) and return once it is healthy.

    Raises
    ------
    RuntimeError
        The server exited or did not answer within ``timeout`` seconds; it is stopped first.
    """
    proc = subprocess.Popen(
        command(script, port, launcher=launcher, extra=extra),
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(proc, f"http://127.0.0.1:{port}", timeout, f"streamlit run {script}", poll)
    except (RuntimeError, TimeoutError) as exc:
        stop_server(proc, timeout=5)
        raise RuntimeError(str(exc)) from None
    return proc


def stop_server(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal one server (by its own pid) and wait ``timeout`` seconds; SIGKILL if it does not go."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(sig)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def _tail(log: Path | None, lines: int = 30) -> str:
    if log is None:
        return ""
    try:
        return ":\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
