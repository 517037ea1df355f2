"""Saved actuals and named scenarios in the page layer: opening links, saving, deleting, the recent list, messages.

The database is reached through ``st.connection("sql")`` with the URL :func:`components.store.database.default_url`
resolves (``CORRIDOR_DB_URL``, else ``[connections.sql] url`` in secrets, else the SQLite file). Every store error
becomes a message; the dashboard keeps working without saving.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict
from urllib.parse import urlencode

import streamlit as st

from components.app import state
from components.data import upload
from components.data.scenario import CHOICES, Scenario
from components.present.i18n import Labels
from components.store import database as store

_log = logging.getLogger(__name__)
SCENARIO_NAME = "save_scenario_name"


def _secret_url() -> str | None:
    try:
        return st.secrets["connections"]["sql"]["url"]
    except Exception:  # noqa: BLE001 - no secrets file, no such section: use the default
        return None


def get_store() -> store.Store | None:
    """The process's store, or None when it cannot even be configured (a bad URL: logged)."""
    try:
        url = store.default_url(_secret_url())
        conn = st.connection("sql", type="sql", url=url, **store.engine_options(url))
        return _store_for(conn.engine)
    except Exception:  # noqa: BLE001 - a misconfigured URL must not take the dashboard down
        _log.exception("saved items: the database could not be configured")
        return None


@st.cache_resource(show_spinner=False, hash_funcs={"sqlalchemy.engine.base.Engine": id})
def _store_for(engine) -> store.Store:  # noqa: ANN001
    return store.Store(engine)


def owner() -> str:
    """This browser's key for the recent list: a hash of a per-browser cookie (Streamlit's XSRF cookie, or the
    load balancer's affinity cookie), else of a per-session token."""
    cookies = st.context.cookies
    token = cookies.get("_streamlit_xsrf") or cookies.get("corridor_route")
    if not token:
        token = st.session_state.setdefault(state.OWNER_TOKEN, store.new_id())
    return store.owner_key(token)


def error_text(err: store.StoreError, L: Labels) -> str:
    """The message for a store error, in the page's language."""
    if isinstance(err, store.LimitExceeded):
        return L(f"store_limit_{err.what}", n=L.num(err.limit))
    if isinstance(err, store.NotFound):
        return L(f"store_not_found_{err.reason}")
    return L(f"store_{err.code}")


def _notice(kind: str, key: str, **kw) -> None:
    st.session_state.setdefault(state.STORE_NOTICES, []).append((kind, key, kw))


# --- links ----------------------------------------------------------------------------------------------------------


def open_links() -> None:
    """Open ``?scenario=<id>`` and ``?actuals=<id>`` (call before the sidebar's sliders are drawn).

    A scenario is applied once, on the run that finds its id, and the id leaves the address (the sliders' own
    parameters then hold it); an id that is unknown, deleted or altered leaves the user's scenario as it is and
    gives a notice. Actuals stay in the address, so a reload, a restart or the other replica opens them again.
    """
    try:
        _open_links(st.query_params)
    except Exception:  # noqa: BLE001 - opening a link must never stop the dashboard
        _log.exception("opening a saved item's link failed")
        _notice("warning", "store_unavailable")


def _open_links(qp) -> None:  # noqa: ANN001
    sid = qp.get("scenario")
    if sid is not None:
        del qp["scenario"]
        _open_scenario(sid)
    aid = qp.get("actuals")
    saved = st.session_state.get(state.ACTUALS_SAVED)
    if aid is not None and (saved is None or saved["id"] != aid):
        _open_actuals(aid)


def _open_scenario(item_id: str) -> None:
    db = get_store()
    if db is None:
        _notice("warning", "store_unavailable")
        return
    try:
        saved = db.load_scenario(item_id)
        fields = {k: v for k, v in saved.fields.items() if k in Scenario.__dataclass_fields__}
        base = Scenario.default()
        s = base.with_values(
            **{k: v for k, v in fields.items() if (v in CHOICES[k] if k in CHOICES else isinstance(v, int | float))}
        )
    except store.StoreError as err:
        _notice("warning", "store_err", err=err)
        return
    except ValueError:  # a stored value outside today's slider range
        _notice("warning", "store_scenario_outdated")
        return
    state.apply_scenario(s)
    _remember(db, item_id, "scenario", saved.name)
    _notice("success", "store_scenario_opened", name=saved.name)


def _open_actuals(item_id: str) -> None:
    db = get_store()
    if db is None:
        _notice("warning", "store_unavailable")
        return
    try:
        saved = db.load_actuals(item_id)
    except store.StoreError as err:
        del st.query_params["actuals"]
        _notice("warning", "store_err", err=err)
        return
    show_saved_actuals(saved)
    _remember(db, item_id, "actuals", saved.file_name)


def _remember(db: store.Store, item_id: str, kind: str, label: str) -> None:
    try:
        db.remember(owner(), item_id, kind, label)
    except store.StoreError:
        pass  # the recent list is a convenience; opening worked


def show_saved_actuals(saved: store.SavedActuals) -> None:
    """Make saved actuals the session's actuals (the upload's own rows are dropped)."""
    for k in (state.ACTUALS_ROWS, state.ACTUALS_FILE, state.UPLOAD_MESSAGE, state.ACTUALS_ONLY):
        st.session_state.pop(k, None)
    st.session_state[state.ACTUALS] = saved.series
    st.session_state[state.ACTUALS_SAVED] = {
        "id": saved.id,
        "file_name": saved.file_name,
        "sha256": saved.sha256,
        "file_size": saved.file_size,
        "counted": saved.counted,
        "uploaded_at": saved.uploaded_at,
        "created_at": saved.created_at,
    }


def show_notices(L: Labels) -> None:
    """What opening a link or saving said, once."""
    for kind, key, kw in st.session_state.pop(state.STORE_NOTICES, []):
        text = error_text(kw["err"], L) if key == "store_err" else L(key, **kw)
        (st.success if kind == "success" else st.warning)(
            text, icon=":material/bookmark:" if kind == "success" else ":material/link_off:"
        )


# --- saving ---------------------------------------------------------------------------------------------------------


def link(**params: str) -> str:
    """An absolute link to this page with ``params`` (language kept)."""
    base = (st.context.url or "").split("?")[0]
    lang = st.query_params.get("lang")
    return f"{base}?{urlencode({**({'lang': lang} if lang else {}), **params})}"


def _save_actuals(L: Labels) -> None:
    db = get_store()
    actuals = st.session_state.get(state.ACTUALS)
    info = st.session_state.get(state.ACTUALS_FILE)
    if db is None or actuals is None or info is None:
        st.session_state[state.UPLOAD_MESSAGE] = ("store", store.StoreUnavailable("not configured"))
        return
    name, data, uploaded_at = info
    counted = st.session_state.get(state.ACTUALS_ONLY)
    note = None if counted is None else ", ".join(c or L("direction_blank") for c in counted)
    try:
        item_id = db.save_actuals(actuals, name, data, uploaded_at, upload.PARSER_VERSION, note, owner())
    except store.StoreError as err:
        st.session_state[state.UPLOAD_MESSAGE] = ("store", err)
        return
    st.session_state[state.ACTUALS_SAVED] = {"id": item_id, "file_name": name, "counted": note}
    st.query_params["actuals"] = item_id
    st.session_state[state.UPLOAD_MESSAGE] = ("saved", item_id)


def _delete(kind: str, item_id: str) -> None:
    db = get_store()
    try:
        if db is None:
            raise store.StoreUnavailable("not configured")
        db.delete(kind, item_id)
    except store.NotFound:
        pass  # already gone: the same outcome
    except store.StoreError as err:
        _notice("warning", "store_err", err=err)
        return
    if kind == "actuals" and st.session_state.get(state.ACTUALS_SAVED, {}).get("id") == item_id:
        st.session_state.pop(state.ACTUALS_SAVED, None)
        if st.query_params.get("actuals") == item_id:
            del st.query_params["actuals"]
    _notice("success", "store_deleted")


def actuals_box(L: Labels) -> None:
    """Under the upload: save the actuals and get their link, or, for saved ones, the link and delete."""
    saved = st.session_state.get(state.ACTUALS_SAVED)
    kind, payload = st.session_state.get(state.UPLOAD_MESSAGE, (None, None))
    if kind == "store":
        st.warning(error_text(payload, L), icon=":material/cloud_off:")
    if saved is None:
        if st.session_state.get(state.ACTUALS_FILE) is not None:
            st.button(
                L("store_save_actuals"),
                on_click=_save_actuals,
                args=(L,),
                icon=":material/bookmark_add:",
                key="save-actuals",
                help=L("store_save_actuals_help"),
            )
        return
    st.markdown(L("store_actuals_link", name=saved["file_name"]))
    st.code(link(actuals=saved["id"]), language=None, wrap_lines=True)
    if saved.get("counted"):
        st.caption(L("store_counted", what=saved["counted"]))
    st.button(
        L("store_delete_actuals"),
        on_click=_delete,
        args=("actuals", saved["id"]),
        icon=":material/delete:",
        key="delete-actuals",
    )


def _save_scenario(L: Labels) -> None:
    db = get_store()
    name = (st.session_state.get(SCENARIO_NAME) or "").strip()
    if not name:
        _notice("warning", "store_name_needed")
        return
    try:
        if db is None:
            raise store.StoreUnavailable("not configured")
        item_id = db.save_scenario(name, asdict(state.scenario()), owner())
    except store.StoreError as err:
        _notice("warning", "store_err", err=err)
        return
    st.session_state["_saved_scenario"] = (item_id, name)
    _notice("success", "store_scenario_saved", name=name)


def scenario_box(L: Labels) -> None:
    """Name and save the current scenario; its link; this browser's recent items (open, delete)."""
    with st.expander(L("store_title"), icon=":material/bookmarks:"):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        c1.text_input(
            L("store_scenario_name"),
            key=SCENARIO_NAME,
            max_chars=store.MAX_NAME_CHARS,
            placeholder=L("store_scenario_placeholder"),
        )
        c2.button(
            L("store_save_scenario"),
            on_click=_save_scenario,
            args=(L,),
            icon=":material/bookmark_add:",
            key="save-scenario",
            width="stretch",
        )
        last = st.session_state.get("_saved_scenario")
        if last:
            st.markdown(L("store_scenario_link", name=last[1]))
            st.code(link(scenario=last[0]), language=None, wrap_lines=True)
        db = get_store()
        try:
            items = db.recent(owner()) if db is not None else []
        except store.StoreError as err:
            st.caption(error_text(err, L))
            items = []
        st.markdown(f"**{L('store_recent')}**")
        if not items:
            st.caption(L("store_recent_none"))
        for it in items:
            a, b = st.columns([5, 1], vertical_alignment="center")
            a.markdown(f"{L('store_kind_' + it.kind)}: [{_md(it.label)}]({link(**{it.kind: it.id})}) · {L.day(it.at)}")
            b.button(
                L("store_delete"),
                key=f"del-{it.id}",
                on_click=_delete,
                args=(it.kind, it.id),
                icon=":material/delete:",
                width="stretch",
            )
        st.caption(L("store_privacy"))


def _md(text: str) -> str:
    """A user's name shown as plain text inside markdown (no links, no emphasis)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!<>|~" else ch for ch in text)


def uploaded_at() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
