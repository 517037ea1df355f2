"""A minimal asyncio client of Streamlit's own browser protocol, for load tests that measure the server.

    async with StClient("http://127.0.0.1:8501") as c:
        run = await c.open("projections", "delay_months=3")   # like opening /projections?delay_months=3
        run = await c.set_value("delay_months", 6)            # like dragging the slider to 6
        run.metrics["Target month"]                           # -> "October 2026"
        run.latency, run.chart_latency                        # send -> script_finished / -> first plotly chart

It speaks what the Streamlit 1.67 frontend speaks, with the protobuf classes shipped inside the installed
streamlit package and the ``websockets`` package streamlit already depends on; no browser, so a load test's
client costs a few milliseconds of CPU per rerun instead of a Chromium renderer.

The handshake, as the frontend does it (``connectionManager`` in ``static/js/index.*.js``):

1. ``GET /_stcore/health`` (the frontend polls it before every connection). The server answers with the
   ``_streamlit_xsrf`` cookie when XSRF protection is on (the default).
2. WebSocket ``/_stcore/stream`` with subprotocols ``["streamlit", <xsrf cookie value>]`` (the frontend sends
   ``PLACEHOLDER_AUTH_TOKEN`` when it has no cookie), the cookie and a same-origin ``Origin`` header. The server
   (``web/server/starlette/starlette_websocket.py``) selects ``streamlit``; the XSRF token only gates reading the
   auth cookies, so the server's XSRF setting can stay as it is.
3. ``BackMsg.rerun_script`` (a ``ClientState``): for the first run ``page_name`` is the URL path
   (``"projections"``), ``page_script_hash`` empty and ``query_string`` the URL's query without ``?``; later runs
   send the current ``page_script_hash`` with an empty ``page_name``. Every rerun carries ``widget_states``: the
   value of every widget of the last run, as the frontend's widget manager holds them (the proto's
   ``default``, or its ``value``/``raw_value`` when the server set ``set_value``, or what the user chose since),
   the ``context_info`` (timezone, locale, URL) and ``cached_message_hashes``.

The server answers with ``ForwardMsg``s: ``new_session`` (run started; page hashes and cache config),
``delta``s addressed by ``metadata.delta_path``, ``navigation`` (the pages), ``page_info_changed`` and finally
``script_finished``. A delta the client declared in ``cached_message_hashes`` comes back as a ``ref_hash``
and is read from the client's own message cache, aged like the frontend's (``max_cached_message_age`` runs).

A widget's element id is ``$$ID-<hash>-<user key>``, so ``set_value("delay_months", 6)`` finds the slider by its
key, sets its ``double_array_value`` to ``[6.0]`` (a slider always sends an array), rewrites the bound URL
parameter (``bind="query-params"``: the frontend writes ``delay_months=6`` into the address bar itself and
drops the parameter when the value is the default) and sends a rerun with all widget states.

Loopback only: the client refuses other hosts and never uses a proxy.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode, urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
XSRF_COOKIE = "_streamlit_xsrf"
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "stopped for rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment ok",
}
# Element types that hold a widget state, and the WidgetState field the frontend fills for each.
WIDGET_VALUE_TYPES = {
    "slider": "double_array_value",
    "selectbox": "string_value",
    "radio": "string_value",
    "button_group": "string_array_value",
    "multiselect": "string_array_value",
    "checkbox": "bool_value",
    "number_input": "double_value",
    "text_input": "string_value",
    "text_area": "string_value",
    "file_uploader": "file_uploader_state_value",
    "color_picker": "string_value",
}
# Widgets whose value is a one-shot trigger: the frontend sends them only in the run a click starts.
TRIGGER_WIDGETS = {"button", "download_button", "chat_input", "menu_button"}


class ProtocolError(RuntimeError):
    """The server answered something a browser would show as an error, or did not answer in time."""


@dataclass
class Run:
    """One script run as the client saw it: timings (perf_counter seconds) and what it drew."""

    kind: str
    sent: float
    first_delta: float | None = None
    first_chart: float | None = None
    finished: float | None = None
    status: str | None = None
    messages: int = 0
    bytes: int = 0
    cache_refs: int = 0
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    chart_hashes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def latency(self) -> float | None:
        """Seconds from sending the BackMsg to ``script_finished``."""
        return None if self.finished is None else self.finished - self.sent

    @property
    def chart_latency(self) -> float | None:
        """Seconds from sending the BackMsg to the first plotly chart delta of this run."""
        return None if self.first_chart is None else self.first_chart - self.sent

    @property
    def metrics(self) -> dict[str, str]:
        """``st.metric`` cards drawn in this run: label -> value text."""
        return {e.metric.label: e.metric.body for e in self.elements.values() if e.WhichOneof("type") == "metric"}

    def codes(self) -> list[str]:
        """Text of every ``st.code`` block drawn in this run (e.g. a saved item's link)."""
        return [e.code.code_text for e in self.elements.values() if e.WhichOneof("type") == "code"]

    def texts(self) -> list[str]:
        """Every metric value, markdown, heading and caption body of this run (for assertions)."""
        out = []
        for e in self.elements.values():
            kind = e.WhichOneof("type")
            if kind in ("metric", "markdown", "heading", "alert", "text"):
                out.append(getattr(e, kind).body)
        return out


@dataclass
class Widget:
    id: str
    kind: str
    proto: Any
    script_hash: str

    @property
    def key(self) -> str | None:
        return user_key(self.id)


def user_key(element_id: str) -> str | None:
    """The user key embedded in an element id ``$$ID-<hash>-<key>`` (None for widgets without a key)."""
    if not element_id.startswith("$$ID-"):
        return None
    parts = element_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else None


def initial_state(kind: str, p: Any) -> WidgetState | None:
    """The WidgetState the frontend's widget manager holds for a widget it has just drawn."""
    ws = WidgetState(id=p.id)
    set_value = getattr(p, "set_value", False)
    if kind == "slider":
        ws.double_array_value.data[:] = list(p.value if set_value else p.default)
    elif kind in ("selectbox", "radio"):
        if set_value:
            if not p.raw_value:
                return None  # cleared: the frontend holds no value
            ws.string_value = p.raw_value
        elif 0 <= p.default < len(p.options):
            ws.string_value = p.options[p.default]
        else:
            return None
    elif kind == "button_group":
        labels = list(p.raw_values) if set_value else [p.options[i].content for i in p.default if i < len(p.options)]
        ws.string_array_value.data[:] = labels
    elif kind == "multiselect":
        ws.string_array_value.data[:] = list(p.raw_values) if set_value else [p.options[i] for i in p.default]
    elif kind == "checkbox":
        ws.bool_value = p.value if set_value else p.default
    elif kind == "number_input":
        field = "value" if set_value else "default"
        if not _has(p, field):
            return None
        ws.double_value = getattr(p, field)
    elif kind in ("text_input", "text_area", "color_picker"):
        field = "value" if set_value else "default"
        if not _has(p, field):
            return None  # no text (value None): the frontend holds no value
        ws.string_value = getattr(p, field)
    elif kind == "file_uploader":
        ws.file_uploader_state_value.SetInParent()  # no files
    else:
        return None
    return ws


def _has(p: Any, name: str) -> bool:
    """Whether an optional proto field is set (a field without presence always counts as set)."""
    try:
        return p.HasField(name)
    except ValueError:
        return True


def _url_value(v: Any) -> str:
    """How the frontend writes a number into the URL (JavaScript's String(n))."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and float(v).is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


class StClient:
    """One browser tab's worth of Streamlit protocol: one WebSocket, one server session."""

    def __init__(
        self, base_url: str, *, timeout: float = 60.0, xsrf: bool = True, locale: str = "en-US", timezone: str = "UTC"
    ) -> None:
        u = urlparse(base_url)
        if u.hostname not in LOOPBACK or u.scheme != "http":
            raise ValueError(f"loopback http only, not {base_url!r}")
        self.base = base_url.rstrip("/")
        self.timeout, self.xsrf, self.locale, self.timezone = timeout, xsrf, locale, timezone
        self.ws: Any = None
        self.session_id = ""
        self.main_script_hash = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.path = ""
        self.query: list[tuple[str, str]] = []  # the address bar's query parameters
        self.widgets: dict[str, Widget] = {}  # element id -> widget of the last run
        self.states: dict[str, WidgetState] = {}  # element id -> value the frontend would send
        self.elements: dict[tuple[int, ...], Element] = {}
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash -> (message, run count at last use)
        self._run_count = 0
        self._max_age = 2
        self._seen: set[str] = set()  # widget ids drawn by the run in progress
        self.runs: list[Run] = []

    # -- connection -------------------------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    def _http_get(self, path: str) -> tuple[int, dict[str, str]]:
        """GET on the server without any proxy; returns (status, the cookies it set, by name)."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"{self.base}{path}", timeout=self.timeout) as r:
            r.read()
            jar = SimpleCookie()
            for h in r.headers.get_all("Set-Cookie") or []:
                jar.load(h)
            return r.status, {name: morsel.value for name, morsel in jar.items()}

    async def connect(self) -> None:
        cookies: dict[str, str] = {}
        if self.xsrf:
            status, cookies = await asyncio.to_thread(self._http_get, "/_stcore/health")
            if status != 200:
                raise ProtocolError(f"/_stcore/health answered {status}")
        token = cookies.get(XSRF_COOKIE)
        # every cookie, as a browser sends them: the XSRF token, and a load balancer's affinity cookie if any
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        ws_url = "ws" + self.base[len("http") :] + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit", token or "PLACEHOLDER_AUTH_TOKEN"],
            origin=self.base,
            additional_headers=headers,
            proxy=None,
            max_size=None,
            max_queue=None,
            open_timeout=self.timeout,
            compression="deflate",
        )  # offered like a browser; the server enables it only if configured to
        if self.ws.subprotocol != "streamlit":
            raise ProtocolError(f"server selected subprotocol {self.ws.subprotocol!r}")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # -- user actions -----------------------------------------------------------------------------------------

    async def open(self, path: str = "", query: str = "") -> Run:
        """Open ``/<path>?<query>`` in a new tab: connect and send the first rerun."""
        if self.ws is None:
            await self.connect()
        self.path, self.query = path.strip("/"), parse_qsl(query.lstrip("?"), keep_blank_values=True)
        return await self._rerun("open", page_name=self.path, page_script_hash="")

    def widget(self, key: str) -> Widget:
        """The widget of the last run whose user key is ``key``."""
        for w in self.widgets.values():
            if w.key == key:
                return w
        raise KeyError(
            f"no widget with key {key!r} in the last run (keys: {sorted(filter(None, (w.key for w in self.widgets.values())))})"
        )

    def value(self, key: str) -> Any:
        """The value the client holds for a widget (what a browser would send)."""
        ws = self.states[self.widget(key).id]
        kind = ws.WhichOneof("value")
        v = getattr(ws, kind)
        return list(v.data) if hasattr(v, "data") else v

    async def set_value(self, key: str, value: Any) -> Run:
        """Set a widget as a user would (slider dragged, option picked) and wait for the rerun it starts."""
        w = self.widget(key)
        ws = self.states.get(w.id) or initial_state(w.kind, w.proto) or WidgetState(id=w.id)
        if w.kind == "slider":
            values = list(value) if isinstance(value, (list, tuple)) else [value]
            ws.double_array_value.data[:] = [float(v) for v in values]
            url_value = values[0] if len(values) == 1 else None
            is_default = [float(v) for v in values] == list(w.proto.default)
        elif w.kind in ("selectbox", "radio", "text_input", "text_area", "color_picker"):
            ws.string_value, url_value = str(value), str(value)
            is_default = initial_state(w.kind, w.proto) == ws and not w.proto.set_value
        elif w.kind in ("button_group", "multiselect"):
            values = [value] if isinstance(value, str) else list(value)
            ws.string_array_value.data[:] = values
            url_value = values[0] if len(values) == 1 else None
            is_default = False
        elif w.kind == "checkbox":
            ws.bool_value, url_value, is_default = bool(value), bool(value), bool(value) == w.proto.default
        elif w.kind == "number_input":
            ws.double_value, url_value, is_default = float(value), value, float(value) == w.proto.default
        else:
            raise ValueError(f"setting a {w.kind} is not implemented")
        self.states[w.id] = ws
        param = getattr(w.proto, "query_param_key", "")
        if param:
            self.query = [(k, v) for k, v in self.query if k != param]
            if not is_default and url_value is not None:
                self.query.append((param, _url_value(url_value)))
        return await self._rerun(f"set {key}")

    async def click(self, key: str) -> Run:
        """Click a button: its trigger is sent with this one rerun, as the frontend does, then dropped."""
        w = self.widget(key)
        self.states[w.id] = WidgetState(id=w.id, trigger_value=True)
        try:
            return await self._rerun(f"click {key}")
        finally:
            self.states.pop(w.id, None)

    async def switch_page(self, url_path: str) -> Run:
        """Click a page in the navigation: a rerun of that page with the sidebar's widgets and bound parameters."""
        target = self.pages.get(url_path.strip("/"))
        if target is None:
            raise KeyError(f"no page {url_path!r}; pages: {sorted(self.pages)}")
        keep = {i for i, w in self.widgets.items() if w.script_hash == self.main_script_hash}
        bound = {
            w.proto.query_param_key
            for i, w in self.widgets.items()
            if i in keep and getattr(w.proto, "query_param_key", "")
        }
        self.query = [(k, v) for k, v in self.query if k in bound]
        self.path = url_path.strip("/")
        return await self._rerun(f"page {url_path}", page_script_hash=target, keep=keep)

    # -- protocol ---------------------------------------------------------------------------------------------

    def _back_msg(self, page_name: str, page_script_hash: str, keep: set[str] | None) -> BackMsg:
        cs = ClientState(
            query_string=urlencode(self.query),
            page_script_hash=page_script_hash,
            page_name=page_name,
            is_auto_rerun=False,
        )
        for wid, ws in self.states.items():
            if keep is None or wid in keep:
                cs.widget_states.widgets.append(ws)
        cs.cached_message_hashes[:] = list(self._cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale, ci.is_embedded, ci.color_scheme = (
            self.timezone,
            0,
            self.locale,
            False,
            "light",
        )
        ci.url = f"{self.base}/{self.path}" + (f"?{cs.query_string}" if cs.query_string else "")
        return BackMsg(rerun_script=cs)

    async def _rerun(
        self, kind: str, page_name: str = "", page_script_hash: str | None = None, keep: set[str] | None = None
    ) -> Run:
        msg = self._back_msg(page_name, self.page_script_hash if page_script_hash is None else page_script_hash, keep)
        run = Run(kind=kind, sent=time.perf_counter())
        await self.ws.send(msg.SerializeToString())
        deadline = run.sent + self.timeout
        started = False
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError(f"{kind}: no script_finished within {self.timeout:g} s")
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise ProtocolError(f"{kind}: no script_finished within {self.timeout:g} s") from None
            except websockets.ConnectionClosed as exc:
                raise ProtocolError(f"{kind}: connection closed: {exc}") from None
            now = time.perf_counter()
            fm = ForwardMsg()
            fm.ParseFromString(data)
            run.messages += 1
            run.bytes += len(data)
            t = fm.WhichOneof("type")
            if t == "ref_hash":
                cached = self._cache.get(fm.ref_hash)
                if cached is None:
                    raise ProtocolError(f"{kind}: cached ForwardMsg miss {fm.ref_hash}")
                full = ForwardMsg()
                full.CopyFrom(cached[0])
                full.metadata.CopyFrom(fm.metadata)
                self._cache[fm.ref_hash] = (cached[0], self._run_count)
                run.cache_refs += 1
                fm, t = full, full.WhichOneof("type")
            elif fm.metadata.cacheable and fm.hash:
                self._cache[fm.hash] = (fm, self._run_count)
            if t == "new_session":
                started = True
                self._on_new_session(fm)
            elif t == "delta" and started:
                self._on_delta(fm, run, now)
            elif t == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                if fm.navigation.page_script_hash:
                    self.page_script_hash = fm.navigation.page_script_hash
            elif t == "page_info_changed":
                self.query = parse_qsl(fm.page_info_changed.query_string, keep_blank_values=True)
            elif t == "page_not_found":
                run.errors.append(f"page not found: {fm.page_not_found.page_name!r}")
            elif t == "session_event" and fm.session_event.WhichOneof("type") == "script_compilation_exception":
                run.errors.append(f"script compilation error: {fm.session_event.script_compilation_exception.message}")
            elif t == "script_finished" and started:
                run.finished, run.status = now, FINISHED.get(fm.script_finished, str(fm.script_finished))
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    started = False  # superseded; a newer run follows
                    continue
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append("script finished with a compile error")
                self._on_finished(run)
                self.runs.append(run)
                return run

    def _on_new_session(self, fm: ForwardMsg) -> None:
        ns = fm.new_session
        if ns.initialize.session_id:
            self.session_id = ns.initialize.session_id
        self.main_script_hash = ns.main_script_hash or self.main_script_hash
        if ns.page_script_hash:
            self.page_script_hash = ns.page_script_hash
        if ns.config.max_cached_message_age:
            self._max_age = ns.config.max_cached_message_age

    def _on_delta(self, fm: ForwardMsg, run: Run, now: float) -> None:
        if run.first_delta is None:
            run.first_delta = now
        d = fm.delta
        path = tuple(fm.metadata.delta_path)
        kind = d.WhichOneof("type")
        if kind == "add_block":
            b = d.add_block
            bkind = b.WhichOneof("type")
            if bkind in ("expandable", "popover") and getattr(b, bkind).id:
                inner = getattr(b, bkind)
                ws = WidgetState(id=inner.id, bool_value=inner.expanded if bkind == "expandable" else inner.open)
                self._widget(inner.id, "block_" + bkind, inner, fm.metadata.active_script_hash, ws, True)
            return
        if kind != "new_element":
            return
        el = d.new_element
        run.elements[path] = el
        ek = el.WhichOneof("type")
        if ek == "plotly_chart":
            run.chart_hashes.append(fm.hash)
            if run.first_chart is None:
                run.first_chart = now
        elif ek == "exception":
            run.errors.append(f"exception on the page: {el.exception.type}: {el.exception.message[:200]}")
        elif ek == "alert" and el.alert.format == el.alert.ERROR:
            run.errors.append(f"error box on the page: {el.alert.body[:200]}")
        if ek in WIDGET_VALUE_TYPES:
            p = getattr(el, ek)
            self._widget(p.id, ek, p, fm.metadata.active_script_hash, None, getattr(p, "set_value", False))
        elif ek in TRIGGER_WIDGETS:
            p = getattr(el, ek)
            self.widgets[p.id] = Widget(p.id, ek, p, fm.metadata.active_script_hash)
            self._seen.add(p.id)

    def _widget(
        self, wid: str, kind: str, proto: Any, script_hash: str, state: WidgetState | None, server_set: bool
    ) -> None:
        self.widgets[wid] = Widget(wid, kind, proto, script_hash)
        self._seen.add(wid)
        if wid not in self.states or server_set:
            ws = state if state is not None else initial_state(kind, proto)
            if ws is not None:
                self.states[wid] = ws

    def _on_finished(self, run: Run) -> None:
        # After a full run the frontend drops the state of widgets the run did not draw; a fragment run redraws
        # only its fragments, so everything else (the sidebar's sliders) stays as it was. It ages its message cache.
        if run.status == "fragment ok":
            self.elements = {**self.elements, **run.elements}
        else:
            self.states = {i: st for i, st in self.states.items() if i in self._seen}
            self.widgets = {i: w for i, w in self.widgets.items() if i in self._seen}
            self.elements = run.elements
        self._run_count += 1
        self._cache = {h: (m, used) for h, (m, used) in self._cache.items() if self._run_count - used <= self._max_age}
        self._seen = set()
