"""The scenario's one result and its charts, cached for the process: every page reads these three.

:func:`result` is the pure model's :class:`components.model.run.Result` for a scenario and today, made once and
shared read-only (its lazy members, such as the Monte Carlo NPV, are computed once on first read and kept with it).
:func:`view` and :func:`card` are the charts and cards declared in :mod:`components.present.views`, built from that
result once per scenario, language, day and options.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import clock
from components.data.scenario import Scenario
from components.model import run
from components.present import views
from components.present.i18n import Labels

#: A scenario is hashed by its :meth:`Scenario.cache_key`, made once per scenario (Streamlit's own hashing of a
#: dataclass deep-copies it on every lookup: ~4 ms, ~170 lookups on a Capacity rerun).
_KEYS = {Scenario: Scenario.cache_key}


def result(s: Scenario) -> run.Result:
    """The scenario's one result (:func:`components.model.run.run`) for today: projection, seasonal flow, network,
    economics, and the lazy members the pages read. Shared, not copied (a copy of the network's arrays on every
    rerun would cost more than the pages that read it); nothing changes it in place."""
    return _result(s, clock.today())


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=_KEYS)
def _result(s: Scenario, today: dt.date) -> run.Result:
    return run.run(s, today)


def card(name: str, s: Scenario, lang: str) -> dict[str, str]:
    """A card's text (:data:`components.present.views.CARDS`: ``wait_card``, ``selyatino_card``,
    ``d2d_dostyk_card``, ``d2d_altynkol_card``, ``fleet_net_card``, ``split_card``), made once per scenario, language
    and day from the scenario's cached result."""
    return _card(name, s, lang, clock.today())


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs=_KEYS)
def _card(name: str, s: Scenario, lang: str, today: dt.date) -> dict[str, str]:
    return views.CARDS[name](_result(s, today), Labels(lang))


def view(name: str, s: Scenario, lang: str, **options) -> views.View:
    """A chart of :data:`components.present.views.CHARTS` (``name`` is its key), built once per scenario, language and
    day from the scenario's cached result.

    ``options`` go to the builder (``currency``, ``actuals``, ``compare``). Unlike the tables above, a view is shared,
    not copied: unpickling a plotly figure on every cache hit cost ~3 ms a chart on every rerun. Nothing changes a
    view in place: ``st.plotly_chart`` serialises a copy, ``export.annotate_for_export`` and the CSV/XLSX writers
    copy first (``tests/test_app.py`` checks a drawn page and its downloads leave the shared views as built).

    Today's date (:func:`components.clock.today`) is part of the cache key, so the today line and the figures
    "as of" today move on at midnight instead of staying as built the day before.
    """
    return _view(name, s, lang, clock.today(), **options)


@st.cache_resource(max_entries=512, show_spinner=False, hash_funcs=_KEYS)  # ~60 KB a view: at most ~30 MB
def _view(name: str, s: Scenario, lang: str, today: dt.date, **options) -> views.View:
    """:func:`view` for one day (``today`` is in the key and reaches the builders through the result)."""
    return views.CHARTS[name].build(_result(s, today), Labels(lang), **options)
