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

from components.app import logs, state
from components.app.text import plain
from components.data.actuals import PARAM as ACTUALS_PARAM
from components.data.actuals import Actuals
from components.data.scenario import CHOICES, Scenario
from components.present.i18n import Labels
from components.store import database as store

_log = logging.getLogger("corridor.app")
logs.setup()
SCENARIO_NAME = "save_scenario_name"
OWNS = "_owns"  # {item id: whether this browser saved it (may delete it)}, asked once a session
OWNER_PENDING = "_owner_cookie_pending"  # a newly signed owner cookie not yet written into the browser
RECENT_WAIT = 0.5  # seconds the recent list waits for the database: it is a convenience [s]
COOKIE_DAYS = 400  # browsers cap a cookie's life at 400 days


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


def owner(create: bool = False) -> str | None:
    """This browser's owner key (recent list, hourly rate, deleting): a hash of the random token in its signed
    ``corridor_owner`` cookie.

    The cookie is made the first time the browser saves (``create=True``): a random token, signed with a key kept in
    the database (so every replica accepts it), written into the browser with ``SameSite=Lax`` for
    :data:`COOKIE_DAYS` days. A cookie that is missing, altered or signed by another deployment is ignored; until
    the browser saves, it has no key and nothing is read for it. Streamlit's XSRF cookie is not used: Streamlit
    re-masks it on every page load.
    """
    token = st.session_state.get(state.OWNER_TOKEN)
    if token:
        return store.owner_key(token)
    db = get_store()
    cookie = st.context.cookies.get(store.OWNER_COOKIE)
    if db is not None and cookie:
        try:
            token = db.verify_owner(cookie)
        except store.StoreError:
            return None  # cannot check it now; nothing is saved or listed without the database anyway
        if token:
            st.session_state[state.OWNER_TOKEN] = token
            return store.owner_key(token)
        logs.event("owner_cookie_rejected", logging.WARNING)
    if not create or db is None:
        return None
    token = store.new_id()
    signed = db.sign_owner(token)  # StoreError goes to the caller, which is saving and says so
    st.session_state[state.OWNER_TOKEN] = token
    st.session_state[OWNER_PENDING] = signed
    return store.owner_key(token)


def write_owner_cookie() -> None:
    """Write a newly signed owner cookie into the browser (once; a full run draws it)."""
    signed = st.session_state.pop(OWNER_PENDING, None)
    if not signed or not store.ID_PATTERN.fullmatch(signed.split(".")[0]):
        return
    secure = "; Secure" if (st.context.url or "").startswith("https:") else ""
    max_age = COOKIE_DAYS * 86400
    st.html(
        f"<script>document.cookie = '{store.OWNER_COOKIE}={signed}; Path=/; Max-Age={max_age}; "
        f"SameSite=Lax{secure}';</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


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
    aid = qp.get(ACTUALS_PARAM)
    now = state.actuals()
    failed = st.session_state.get(state.LINK_FAILED, {}).get(ACTUALS_PARAM)
    if aid is not None and (now is None or now.saved_id != aid) and failed != aid:
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


def _failed(item_id: str | None) -> None:
    """Remember (or forget) an ``?actuals=`` id this session could not open now: a reload tries again."""
    failed = {k: v for k, v in st.session_state.get(state.LINK_FAILED, {}).items() if k != ACTUALS_PARAM}
    st.session_state[state.LINK_FAILED] = failed | ({ACTUALS_PARAM: item_id} if item_id else {})


def _open_actuals(item_id: str) -> None:
    db = get_store()
    if db is None:
        _failed(item_id)
        _notice("warning", "store_load_unavailable")
        return
    try:
        saved = db.load_actuals(item_id)
        opened = actuals_of(saved)
    except store.NotFound as err:  # deleted, unknown or altered: a reload cannot help, the id leaves the address
        del st.query_params[ACTUALS_PARAM]
        _notice("warning", "store_err", err=err)
        return
    except store.StoreError:  # the database is down or full: keep the id, so a reload tries again
        _failed(item_id)
        _notice("warning", "store_load_unavailable")
        return
    except ValueError:  # a stored detail this version cannot read: as unknown
        del st.query_params[ACTUALS_PARAM]
        _notice("warning", "store_err", err=store.NotFound("unknown"))
        return
    _failed(None)
    show_saved_actuals(opened)
    _remember(db, item_id, "actuals", saved.file_name)


def actuals_of(saved: store.SavedActuals) -> Actuals:
    """The :class:`~components.data.actuals.Actuals` a saved item holds (equal to what was saved)."""
    return Actuals.from_saved(
        saved.id,
        saved.series,
        saved.file_name,
        saved.file_size,
        saved.sha256,
        saved.uploaded_at,
        saved.parser_version,
        saved.detail,
        saved.created_at,
    )


def _remember(db: store.Store, item_id: str, kind: str, label: str) -> None:
    try:
        db.remember(owner(create=True), item_id, kind, label)
    except store.StoreError:
        pass  # the recent list is a convenience; opening worked


def show_saved_actuals(opened: Actuals) -> None:
    """Make saved actuals the session's actuals (whatever was uploaded before is replaced)."""
    st.session_state.pop(state.UPLOAD_MESSAGE, None)
    state.set_actuals(opened)


def show_notices(L: Labels) -> None:
    """What opening a link or saving said, once."""
    for kind, key, kw in st.session_state.pop(state.STORE_NOTICES, []):
        kw = {k: plain(v) if k == "name" else v for k, v in kw.items()}  # a scenario's name is the user's text
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


def counted_note(a: Actuals, L: Labels) -> str | None:
    """Which directions count, in words (``None``: every row counts)."""
    return None if a.counted is None else ", ".join(c or L("direction_blank") for c in a.counted)


def _save_actuals(L: Labels) -> None:
    db = get_store()
    a = state.actuals()
    if db is None or a is None:
        st.session_state[state.UPLOAD_MESSAGE] = ("store", store.StoreUnavailable("not configured"))
        return
    f = a.source
    try:
        item_id = db.save_actuals(
            a.series,
            f.name,
            None,
            f.uploaded_at,
            f.parser_version,
            counted_note(a, L),
            owner(create=True),
            detail=a.detail_json(),
            file_size=f.size,
            sha256=f.sha256,
        )
    except store.StoreError as err:
        st.session_state[state.UPLOAD_MESSAGE] = ("store", err)
        return
    try:  # the saved value as the link will open it (its time is the database's)
        saved = db.load_actuals(item_id)
        a = a.saved(item_id, saved.created_at)
    except store.StoreError:
        a = a.saved(item_id)
    state.set_actuals(a)  # the address gets ?actuals=<id>; the scenario's parameters stay
    st.session_state.setdefault(OWNS, {})[item_id] = True
    st.session_state[state.UPLOAD_MESSAGE] = ("saved", item_id)


def _delete(kind: str, item_id: str) -> None:
    db = get_store()
    try:
        if db is None:
            raise store.StoreUnavailable("not configured")
        db.delete(kind, item_id, owner())
    except store.NotFound:
        pass  # already gone: the same outcome
    except store.StoreError as err:
        _notice("warning", "store_err", err=err)
        return
    a = state.actuals()
    if kind == "actuals" and a is not None and a.saved_id == item_id:
        state.set_actuals(a.saved(None))  # the same data, no longer saved: the id leaves the address
    _notice("success", "store_deleted")


def actuals_box(L: Labels):  # noqa: ANN201 - a Streamlit placeholder or None
    """Under the upload: save the actuals and get their link, or, for saved ones, the link and delete.

    Returns the placeholder that holds the saved actuals' link (None when they are not saved): the page's
    scenario part redraws it with :func:`actuals_link` when a slider moves, so the link carries the scenario."""
    a = state.actuals()
    kind, payload = st.session_state.get(state.UPLOAD_MESSAGE, (None, None))
    write_owner_cookie()
    if kind == "store":
        st.warning(error_text(payload, L), icon=":material/cloud_off:")
    if a is None:
        return None
    if a.saved_id is None:
        st.button(
            L("store_save_actuals"),
            on_click=_save_actuals,
            args=(L,),
            icon=":material/bookmark_add:",
            key="save-actuals",
            help=L("store_save_actuals_help"),
        )
        return None
    st.markdown(L("store_actuals_link", name=plain(a.source.name)))
    slot = st.empty()
    actuals_link(slot, state.scenario())
    note = counted_note(a, L)
    if note:
        st.caption(L("store_counted", what=plain(note)))
    if not _owned("actuals", a.saved_id):
        return slot  # opened from someone's link: a viewer can only open it
    st.button(
        L("store_delete_actuals"),
        on_click=_delete,
        args=("actuals", a.saved_id),
        icon=":material/delete:",
        key="delete-actuals",
    )
    return slot


def actuals_link(slot, s: Scenario) -> None:  # noqa: ANN001
    """Draw the saved actuals' link into ``slot`` (:func:`actuals_box`): the language, the scenario ``s`` (what
    differs from the plan) and ``?actuals=<id>``, so whoever opens it sees these actuals against this scenario."""
    a = state.actuals()
    if slot is None or a is None or a.saved_id is None:
        return
    slot.code(scenario_link(s, **a.query()), language=None, wrap_lines=True)


def scenario_link(s: Scenario, **params: str) -> str:
    """An absolute link to this page with the language, the scenario ``s``'s parameters and ``params``.

    The scenario is what differs from the plan, as the sidebar's widgets write it into the address: a number, or a
    choice's label in the page's language (a Russian page drops a choice's English label)."""
    base = (st.context.url or "").split("?")[0]
    L = state.labels()
    lang = {"lang": L.lang} if st.query_params.get("lang") else {}
    scenario = {k: L(f"{k}_{v}") if k in CHOICES else format(v, ".12g") for k, v in s.changes_from_default().items()}
    return f"{base}?{urlencode({**lang, **scenario, **params})}"


def _owned(kind: str, item_id: str) -> bool:
    """Whether this browser saved the item, asked once a session (None answers, the database down, ask again)."""
    known = st.session_state.setdefault(OWNS, {})
    if known.get(item_id) is None:
        known[item_id] = _owns(kind, item_id)
    return bool(known[item_id])


def _save_scenario(L: Labels) -> None:
    db = get_store()
    name = (st.session_state.get(SCENARIO_NAME) or "").strip()
    if not name:
        _notice("warning", "store_name_needed")
        return
    try:
        if db is None:
            raise store.StoreUnavailable("not configured")
        item_id = db.save_scenario(name, asdict(state.scenario()), owner(create=True))
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
        write_owner_cookie()
        last = st.session_state.get("_saved_scenario")
        if last:
            st.markdown(L("store_scenario_link", name=plain(last[1])))
            st.code(link(scenario=last[0]), language=None, wrap_lines=True)
        db = get_store()
        me = owner()
        try:  # a browser that never saved has no owner key: nothing is read for it
            items = db.recent(me, wait=RECENT_WAIT) if db is not None and me else []
        except store.StoreError as err:
            st.caption(error_text(err, L))
            items = []
        st.markdown(f"**{L('store_recent')}**")
        if not items:
            st.caption(L("store_recent_none"))
        for it in items:
            a, b = st.columns([5, 1], vertical_alignment="center")
            a.markdown(
                f"{L('store_kind_' + it.kind)}: [{plain(it.label)}]({_item_link(it.kind, it.id)}) · {L.day(it.at)}"
            )
            if it.owned:
                b.button(
                    L("store_delete"),
                    key=f"del-{it.id}",
                    on_click=_delete,
                    args=(it.kind, it.id),
                    icon=":material/delete:",
                    width="stretch",
                )
            else:  # opened from someone's link: only off this list
                b.button(
                    L("store_forget"),
                    key=f"forget-{it.id}",
                    on_click=_forget,
                    args=(it.id,),
                    icon=":material/playlist_remove:",
                    help=L("store_forget_help"),
                    width="stretch",
                )
        st.caption(L("store_privacy"))


def _item_link(kind: str, item_id: str) -> str:
    """A recent item's link: saved actuals open with the scenario shown now, a saved scenario with its own."""
    return scenario_link(state.scenario(), actuals=item_id) if kind == "actuals" else link(**{kind: item_id})


def _owns(kind: str, item_id: str) -> bool | None:
    """True if this browser saved the item (it may delete it); False for viewers and when the database is down."""
    db, me = get_store(), owner()
    if db is None or me is None:
        return False
    try:
        return db.owns(kind, item_id, me)
    except store.StoreError:
        return None  # unknown now: asked again on the next run


def _forget(item_id: str) -> None:
    db = get_store()
    try:
        if db is None:
            raise store.StoreUnavailable("not configured")
        db.forget(owner(), item_id)
    except store.StoreError as err:
        _notice("warning", "store_err", err=err)
        return
    _notice("success", "store_forgotten")


def uploaded_at() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
