#!/usr/bin/env python3
"""N Streamlit replicas of dashboard.py behind one nginx with sticky sessions, all on loopback.

CLI (Ctrl-C stops everything)::

    python deploy/replicas.py --replicas 2 --port 8080

Library (tests)::

    from deploy.replicas import Cluster
    with Cluster(replicas=2) as c:          # free loopback ports unless given
        c.url                               # http://127.0.0.1:<nginx port>
        c.kill_replica(0)                   # simulate a crash of replica 0

Each replica is ``python deploy/serve.py`` (``streamlit run dashboard.py`` with TCP_NODELAY) on its own loopback
port. The script waits for every
replica's ``/_stcore/health`` to answer ``ok`` before it starts nginx, then waits for the health endpoint through
nginx. nginx is Debian's binary run in the foreground as a child, with its prefix, config, pid file, logs and temp
folders in a private temporary folder (``-p``/``-c``/``-e``), so no root-owned system path is read or written.
See deploy/README.md for the choices (sticky sessions, websockets, health checks) and the container mapping.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script (python deploy/replicas.py): make ``deploy`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from deploy.serverctl import NO_WATCHER, command, free_port, health, stop_server, wait_healthy  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().with_name("nginx.conf.template")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")


def find_nginx() -> str | None:
    """Path of the nginx binary (Debian puts it in /usr/sbin, which is not on a normal user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


def _stop(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Signal one child (by its own pid) and wait a bounded time; SIGKILL if it does not go."""
    stop_server(proc, sig, timeout)


class Replica:
    def __init__(self, index: int, port: int, host: str, log: Path, ready_port: int | None = None):
        self.index, self.port, self.host, self.log = index, port, host, log
        self.ready_port = ready_port or free_port(host)
        self.proc: subprocess.Popen | None = None

    @property
    def ready_url(self) -> str:
        """The replica's readiness check (deploy/serve.py's sidecar): Streamlit and the database answer."""
        return f"http://{self.host}:{self.ready_port}/ready"

    def ready(self, timeout: float = 3.0) -> tuple[bool, dict]:
        """(ready, the check's JSON) from :attr:`ready_url`; (False, {"error": ...}) if it does not answer."""
        try:
            with urllib.request.urlopen(self.ready_url, timeout=timeout) as r:
                return r.status == 200, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            try:
                return False, json.loads(exc.read())
            except ValueError:
                return False, {"error": f"status {exc.code}"}
        except (OSError, ValueError) as exc:
            return False, {"error": type(exc).__name__}

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def addr(self) -> str:
        """How nginx names this replica in $upstream_addr."""
        return f"{self.host}:{self.port}"

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def _await_health(proc: subprocess.Popen, url: str, timeout: float, what: str, log: Path, poll: float) -> None:
    """Wait until ``url``'s health endpoint answers ok; raise with ``log``'s tail if ``proc`` exits or time runs out."""
    wait_healthy(proc, url, timeout, what, poll, log)


class Cluster:
    """Start ``replicas`` Streamlit processes and one nginx in front; a context manager that stops them all.

    Parameters
    ----------
    replicas : number of Streamlit processes.
    port : nginx's port (a free one if None). host : loopback address everything binds to.
    replica_ports : explicit ports of the replicas (free ones if None).
    max_fails, fail_timeout : nginx passive health check per replica (failures within seconds; skip time).
    app, cwd : the Streamlit script and the folder it runs in.
    startup_timeout : seconds to wait for each replica's health endpoint and for nginx.
    keep_run_dir : keep the temporary folder (config, logs) after stopping.
    db_url : the database every replica saves actuals and scenarios in (``CORRIDOR_DB_URL``); default: the
        caller's ``CORRIDOR_DB_URL``, else one SQLite file in the run folder that the replicas (on this one
        machine) share. Replicas on several machines need PostgreSQL.
    env : more environment variables for the replicas (e.g. ``CORRIDOR_TODAY`` to pin the date in tests).
    wait_ready : wait for each replica's readiness check (database included) before nginx starts.
    """

    def __init__(
        self,
        replicas: int = 2,
        port: int | None = None,
        host: str = "127.0.0.1",
        replica_ports: list[int] | None = None,
        max_fails: int = 1,
        fail_timeout: int = 10,
        app: str = "dashboard.py",
        cwd: Path = ROOT,
        startup_timeout: float = 90,
        keep_run_dir: bool = False,
        log=print,
        db_url: str | None = None,
        env: dict[str, str] | None = None,
        wait_ready: bool = True,
    ):
        if replicas < 1:
            raise ValueError("replicas must be at least 1")
        if replica_ports is not None and len(replica_ports) != replicas:
            raise ValueError("give one port per replica")
        self.n, self.host, self.port = replicas, host, port or free_port(host)
        self.replica_ports = replica_ports or [free_port(host) for _ in range(replicas)]
        if len({self.port, *self.replica_ports}) != replicas + 1:
            raise ValueError(f"ports must differ: nginx {self.port}, replicas {self.replica_ports}")
        self.max_fails, self.fail_timeout = max_fails, fail_timeout
        self.app, self.cwd, self.startup_timeout = app, Path(cwd), startup_timeout
        self.keep_run_dir, self.log = keep_run_dir, log
        self.db_url, self.env = db_url or os.environ.get("CORRIDOR_DB_URL"), dict(env or {})
        self.wait_ready = wait_ready
        self.run_dir: Path | None = None
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None

    # --- life cycle ---------------------------------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        nginx = find_nginx()
        if nginx is None:
            raise FileNotFoundError("nginx not found (Debian: apt-get install -y nginx)")
        with socket.socket() as probe:  # fail before starting anything if nginx's port is taken
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: TIME_WAIT is no obstacle
            try:
                probe.bind((self.host, self.port))
                probe.listen()
            except OSError as exc:
                raise RuntimeError(f"port {self.host}:{self.port} is not free: {exc}") from None
        self.run_dir = Path(tempfile.mkdtemp(prefix="corridor-replicas-"))
        # nginx started as root runs its worker as "nobody": it must be able to enter the folder (the master
        # creates tmp/* and hands them to the worker). Nothing secret is kept here.
        self.run_dir.chmod(0o755)
        (self.run_dir / "tmp").mkdir()
        if not self.db_url:  # one store for all replicas: a link saved through one opens through another
            self.db_url = f"sqlite:///{self.run_dir / 'store.sqlite3'}"
        self.replicas = [
            Replica(i, p, self.host, self.run_dir / f"replica-{i}-{p}.log") for i, p in enumerate(self.replica_ports)
        ]
        for r in self.replicas:  # start them all, then wait: they boot in parallel
            self._spawn(r)
        for r in self.replicas:
            self._wait_healthy(r)
            self.log(f"replica {r.index}: {r.url} healthy (pid {r.proc.pid})")
        self._start_nginx(nginx)
        self.log(f"nginx: {self.url} -> {', '.join(r.addr for r in self.replicas)} (run dir {self.run_dir})")

    def stop(self) -> None:
        """Stop nginx, then every replica, each with SIGTERM by its own pid and bounded in time.

        nginx gets SIGTERM (fast shutdown), not SIGQUIT: a graceful stop would wait for open websockets, which
        only end when the replicas behind them go anyway.
        """
        _stop(self.nginx, signal.SIGTERM, timeout=15)
        for r in self.replicas:
            _stop(r.proc, signal.SIGTERM, timeout=15)
        if self.run_dir and not self.keep_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    # --- replicas -----------------------------------------------------------------------------------------------

    def _spawn(self, r: Replica) -> None:
        # deploy/serve.py: `streamlit run` with TCP_NODELAY, so a rerun never waits for nginx's delayed ACKs
        cmd = command(self.app, r.port, r.host, launcher="nodelay", extra=NO_WATCHER)
        with open(r.log, "ab") as out:
            r.proc = subprocess.Popen(
                cmd,
                cwd=self.cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={
                    **os.environ,
                    **self.env,
                    "CORRIDOR_DB_URL": self.db_url,
                    "CORRIDOR_READY_PORT": str(r.ready_port),  # deploy/serve.py's readiness sidecar
                },
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def _wait_healthy(self, r: Replica) -> None:
        _await_health(r.proc, r.url, self.startup_timeout, f"replica {r.index} on port {r.port}", r.log, poll=0.3)
        if self.wait_ready:
            self._wait_ready(r)

    def _wait_ready(self, r: Replica) -> None:
        """Wait until the replica's readiness check passes (its database answers), or fail with the last answer."""
        deadline = time.monotonic() + self.startup_timeout
        while True:
            ok, details = r.ready()
            if ok:
                return
            if r.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"replica {r.index} not ready: {details}")
            time.sleep(0.3)

    def kill_replica(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Stop one replica abruptly (SIGKILL: a crash) or gracefully (SIGTERM)."""
        _stop(self.replicas[index].proc, sig, timeout=15)

    def restart_replica(self, index: int) -> None:
        r = self.replicas[index]
        _stop(r.proc)
        self._spawn(r)
        self._wait_healthy(r)

    def replica_by_addr(self, addr: str) -> Replica:
        return next(r for r in self.replicas if r.addr == addr)

    # --- nginx --------------------------------------------------------------------------------------------------

    def render_config(self) -> str:
        servers = "\n        ".join(
            f"server {r.addr} max_fails={self.max_fails} fail_timeout={self.fail_timeout}s;" for r in self.replicas
        )
        ready = "\n        ".join(
            f"server {r.host}:{r.ready_port} max_fails={self.max_fails} fail_timeout={self.fail_timeout}s;"
            for r in self.replicas
        )
        text = (
            TEMPLATE.read_text()
            .replace("{{RUN_DIR}}", str(self.run_dir))
            .replace("{{LISTEN}}", f"{self.host}:{self.port}")
            .replace("{{SERVERS}}", servers)
            .replace("{{READY_SERVERS}}", ready)
        )
        left = re.findall(r"\{\{\w+\}\}", text)
        if left:
            raise ValueError(f"unfilled placeholders in {TEMPLATE}: {left}")
        return text

    def _start_nginx(self, nginx: str) -> None:
        conf = self.run_dir / "nginx.conf"
        conf.write_text(self.render_config())
        base = [nginx, "-p", f"{self.run_dir}/", "-c", str(conf), "-e", str(self.run_dir / "error.log")]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, timeout=30, check=False)
        if check.returncode:
            raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
        with open(self.run_dir / "nginx.out", "ab") as out:
            self.nginx = subprocess.Popen(
                base, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        _await_health(
            self.nginx,
            self.url,
            self.startup_timeout,
            f"nginx on port {self.port}",
            self.run_dir / "error.log",
            poll=0.2,
        )

    def access_log(self) -> list[dict[str, str]]:
        """nginx's access log so far: one dict per request (request, status, upstream addresses tried)."""
        pattern = re.compile(
            r'^(?P<client>\S+) \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d+) '
            r"upstream=(?P<upstream>.*?) upstream_status=(?P<upstream_status>.*?) rt="
        )
        path = self.run_dir / "access.log" if self.run_dir else None
        if not path or not path.exists():
            return []
        return [m.groupdict() for m in map(pattern.match, path.read_text(errors="replace").splitlines()) if m]

    def served_by(self, since: int = 0) -> list[str]:
        """For each logged request from entry ``since`` on, the replica that answered (the last one nginx tried;
        ``$upstream_addr`` lists every replica tried, e.g. ``127.0.0.1:A, 127.0.0.1:B`` after a fail-over)."""
        return [
            re.split(r"[,:] ", e["upstream"])[-1].strip()
            for e in self.access_log()[since:]
            if e["upstream"] not in ("-", "")
        ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=2, help="number of Streamlit processes (default 2)")
    ap.add_argument("--port", type=int, default=8080, help="nginx port (default 8080)")
    ap.add_argument("--host", default="127.0.0.1", help="address everything binds to (default 127.0.0.1)")
    ap.add_argument("--replica-ports", type=int, nargs="*", help="ports of the replicas (default: free ones)")
    ap.add_argument("--max-fails", type=int, default=1, help="nginx passive health check: failures ...")
    ap.add_argument("--fail-timeout", type=int, default=10, help="... within / skip for this many seconds")
    ap.add_argument("--restart", action="store_true", help="restart a replica that exits")
    ap.add_argument("--duration", type=float, default=0, help="stop after this many seconds (0: until Ctrl-C)")
    ap.add_argument("--keep-run-dir", action="store_true", help="keep config and logs after stopping")
    ap.add_argument(
        "--db-url",
        help="database of saved items shared by the replicas (default: $CORRIDOR_DB_URL, "
        "else a SQLite file in the run folder)",
    )
    args = ap.parse_args(argv)

    def terminate(signum, frame):  # SIGTERM/SIGHUP: leave through the context manager like Ctrl-C
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    try:
        with Cluster(
            args.replicas,
            args.port,
            args.host,
            args.replica_ports,
            args.max_fails,
            args.fail_timeout,
            keep_run_dir=args.keep_run_dir,
            db_url=args.db_url,
        ) as c:
            print(f"open {c.url}  (Ctrl-C stops nginx and all replicas)", flush=True)
            deadline = time.monotonic() + args.duration if args.duration else None
            reported: set[int] = set()
            readiness = {r.index: True for r in c.replicas}
            last_check = time.monotonic()
            while deadline is None or time.monotonic() < deadline:
                time.sleep(1)
                if time.monotonic() - last_check >= 10:  # the readiness of each replica, said when it changes
                    last_check = time.monotonic()
                    for r in c.replicas:
                        ok, details = r.ready() if r.alive() else (False, {"error": "exited"})
                        if ok != readiness[r.index]:
                            print(f"replica {r.index} {'ready' if ok else 'NOT ready'}: {details}", flush=True)
                            readiness[r.index] = ok
                if c.nginx.poll() is not None:
                    print(f"nginx exited with {c.nginx.returncode}", file=sys.stderr)
                    return 1
                for r in c.replicas:
                    if r.alive() or r.index in reported:
                        continue
                    print(
                        f"replica {r.index} ({r.addr}) exited with {r.proc.returncode}"
                        + ("; restarting" if args.restart else "; nginx sends its users to the others"),
                        file=sys.stderr,
                        flush=True,
                    )
                    if args.restart:
                        c.restart_replica(r.index)
                        print(f"replica {r.index} healthy again", flush=True)
                    else:
                        reported.add(r.index)
                if len(reported) == len(c.replicas):
                    print("every replica has exited", file=sys.stderr)
                    return 1
    except KeyboardInterrupt:
        print("stopped", flush=True)
    except (FileNotFoundError, RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
