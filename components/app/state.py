"""Session-state keys and the scenario read from the widgets: the one place that spells them."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pandas as pd
import streamlit as st

from components.app.text import plain
from components.data.actuals import PARAM as ACTUALS_PARAM
from components.data.actuals import Actuals
from components.data.facts import tables
from components.data.scenario import CHOICES, CURRENCIES, Scenario, parse_params, preset, preset_names, whole_number
from components.present.i18n import LANG_NAMES, LANGS, Labels

LANG = "lang"
SHAPE, PROFILE, CONVENTION = "shape", "profile", "convention"  # choice widgets are keyed by their field names
CURRENCY = "currency"
COMPARE = "compare"
#: The one key of the user's actuals: a :class:`components.data.actuals.Actuals` (series, file, choice, saved id).
ACTUALS = "actuals"
UPLOAD_MESSAGE = "upload_message"  # what the upload box said about the last file or save (shown in the box)
STORE_NOTICES = "store_notices"  # what opening a link or saving said, shown once
OWNER_TOKEN = "_owner_token"  # per-session fallback for the per-browser "recent" key
#: URL parameters that open a saved item by id (components/app/storage.py checks their values).
LINK_ITEMS = ("actuals", "scenario")
LINK_CHECKED = "_link_checked"
LINK_NOTICE = "_link_notice"
LINK_FAILED = "_link_failed"  # {parameter: id} of a link this session could not open for now (a reload tries again)


def labels() -> Labels:
    return Labels(st.session_state.get(LANG, LANGS[0]))


def actuals() -> Actuals | None:
    """The user's actuals in this session (uploaded, or opened from a link), or None."""
    a = st.session_state.get(ACTUALS)
    return a if isinstance(a, Actuals) else None


def actuals_series() -> pd.DataFrame | None:
    """The monthly tonnes the session's actuals count (``month``, ``tonnes`` [t/month]); None when there are no
    actuals or nothing is counted."""
    a = actuals()
    return None if a is None or a.empty else a.series


def set_actuals(a: Actuals | None) -> None:
    """Make ``a`` the session's actuals (None: none), and keep the address in step: ``?actuals=<id>`` while they
    are the saved item, nothing otherwise; every other parameter (the scenario's, the language) stays."""
    if a is None:
        st.session_state.pop(ACTUALS, None)
    else:
        st.session_state[ACTUALS] = a
    saved = None if a is None else a.query().get(ACTUALS_PARAM)
    if saved:
        if st.query_params.get(ACTUALS_PARAM) != saved:
            st.query_params[ACTUALS_PARAM] = saved
    elif ACTUALS_PARAM in st.query_params:
        del st.query_params[ACTUALS_PARAM]


class SliderSpec(NamedTuple):
    cast: type
    min: float
    max: float
    step: float
    default: float


@lru_cache(maxsize=1)
def _slider_specs() -> dict[str, SliderSpec]:
    """Every assumption's slider, read from the table once per process (the table never changes)."""
    out = {}
    for param, r in tables().assumptions.iterrows():
        cast = int if whole_number(param) else float
        out[param] = SliderSpec(cast, cast(r["min"]), cast(r["max"]), cast(r["step"]), cast(r["default"]))
    return out


def slider_spec(param: str) -> SliderSpec:
    """(type, min, max, step, default) of an assumption's slider, ints where the range is whole."""
    return _slider_specs()[param]


def scenario() -> Scenario:
    """The scenario the widgets show now (defaults for anything not yet rendered)."""
    s = Scenario.default()
    values = {k: float(st.session_state[k]) for k in Scenario.numeric_fields() if k in st.session_state}
    values.update({k: st.session_state[k] for k, opts in CHOICES.items() if st.session_state.get(k) in opts})
    try:
        return s.with_values(**values)
    except ValueError:  # a value outside its range can only come from a tampered state: keep the plan
        return s


def apply_scenario(s: Scenario) -> None:
    """Set every scenario widget to ``s`` (use as a button callback, before the widgets render)."""
    for k in Scenario.numeric_fields():
        cast = slider_spec(k).cast
        st.session_state[k] = cast(getattr(s, k))
    for k in CHOICES:
        st.session_state[k] = getattr(s, k)


def apply_preset(name: str) -> None:
    apply_scenario(preset(name))


def link_lang(value: str | None) -> str | None:
    """The language code a link's ``lang`` holds: a code (``ru``, what the switch writes) or, from links made
    before codes, a language's name (``Русский``); None for anything else."""
    names = {name: code for code, name in LANG_NAMES.items()}
    return value if value in LANGS else names.get(value or "")


def sync_lang_param() -> None:
    """Write the language into the URL as its code (``?lang=ru``); the default language leaves it out.

    The language switch is not bound to the URL: a bound segmented control writes its button's label
    (``?lang=Русский``, percent-encoded) and rejects codes, so the link carries the code through here.
    """
    code = st.session_state.get(LANG, LANGS[0])
    if code == LANGS[0]:
        if LANG in st.query_params:
            del st.query_params[LANG]
    elif st.query_params.get(LANG) != code:
        st.query_params[LANG] = code


def _choice_values() -> dict[str, set[str]]:
    """What a choice widget writes into the URL: its option's label, in either language (the language: its
    code, or its name in links made before codes)."""
    both = [Labels(lang) for lang in LANGS]
    return {
        LANG: set(LANGS) | set(LANG_NAMES.values()),
        CURRENCY: set(CURRENCIES),
        **{k: {L(f"{k}_{v}") for L in both for v in opts} for k, opts in CHOICES.items()},
        COMPARE: {L(f"preset_{n}") for L in both for n in preset_names()} | {L("compare_none") for L in both},
    }


def bad_link_params(params: dict[str, list[str]]) -> list[str]:
    """Names of URL parameters that are unknown, repeated, not a number, out of range or not an option."""
    choices = _choice_values()
    params = {k: v for k, v in params.items() if not (k in LINK_ITEMS and len(v) == 1)}  # ids: checked on opening
    bad = [k for k, _ in parse_params({k: v for k, v in params.items() if k not in choices})[1]]
    bad += [k for k, v in params.items() if k in choices and (len(v) != 1 or v[0] not in choices[k])]
    return [k[:40] for k in bad]


def check_link() -> list[str]:
    """URL parameters of the link that opened this session that were not valid and fell back to the plan, as
    Markdown that shows each name literally (:func:`components.app.text.plain`).

    The link is read once, on the session's first run; the answer is kept until the user dismisses it.
    """
    if not st.session_state.get(LINK_CHECKED):
        st.session_state[LINK_CHECKED] = True
        lang = link_lang(st.query_params.get(LANG))
        if lang:
            st.session_state[LANG] = lang
        bad = bad_link_params({k: st.query_params.get_all(k) for k in st.query_params.keys()})
        st.session_state[LINK_NOTICE] = [plain(k, limit=40) for k in bad]  # anyone's text: shown literally
    return st.session_state.get(LINK_NOTICE, [])


def dismiss_link_notice() -> None:
    st.session_state[LINK_NOTICE] = []
