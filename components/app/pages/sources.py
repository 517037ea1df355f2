"""Sources and method: every stated figure with its citation, every assumption with its reference,
every derived figure with its formula."""

from __future__ import annotations

import streamlit as st

from components.app import state, widgets
from components.data.facts import tables
from components.present import views


def render() -> None:
    L = state.labels()
    t = tables()
    st.title(L("page_sources"))
    st.markdown(L("intro_sources"))
    st.header(L("src_stated"))
    f = t.facts.reset_index()
    f["shown"] = [
        stated_value(L, v, u, w, p) for v, u, w, p in zip(f["value"], f["unit"], f["when"], f["when_precision"])
    ]
    # the figures' names, speakers and notes in the page's language; the wording as stated is the report's own
    f = f.assign(
        **{c: L.col(f, c) for c in ("entity", "metric", "speaker", "note")},
        locator=f["locator"].str.replace("para. ", L("locator_para"), regex=False),
    )
    # A static table wraps its text: at 1440 px every column is read whole (a data grid cut the right-hand ones).
    cols = ["entity", "metric", "shown", "stated_as", "speaker", "locator", "note"]
    css = [widgets.table(f[cols].rename(columns=lambda c: L("value") if c == "shown" else L(f"col_{c}")), "stated")]
    st.caption(f"{L('src_publication')}: {L.col(f, 'source').iloc[0]}")
    st.header(L("src_assumptions"))
    a = t.assumptions.reset_index()
    a["label"] = [L(f"a_{i}") for i in a["id"]]
    # shares as percentages («31 %», «15,2 % в год»), as the sliders and the other pages show them, not «0,31 доля»
    pct = a["unit"].isin(["share", "share/year"])
    for c in ("default", "min", "max"):
        a[c] = [L.dec(v * 100) if p else L.dec(v) for v, p in zip(a[c], pct)]
    a["unit"] = [L.unit({"share": "pct", "share/year": "pct/year"}.get(u, u)) for u in a["unit"]]
    a["estimate"] = [L("estimate") if e else "" for e in a["estimate"]]
    a["source"] = L.col(a, "source")
    css.append(
        widgets.table(
            a[["label", "default", "min", "max", "unit", "estimate", "source"]].rename(columns=lambda c: L(f"col_{c}")),
            "assumptions",
        )
    )
    st.header(L("src_derived"))
    css.append(
        widgets.table(
            views.derived_table(L).rename(columns=lambda c: L("value") if c == "value" else L(f"col_{c}")), "derived"
        )
    )
    st.header(L("src_links"))
    st.markdown(L("src_links_intro"))
    css.append(widgets.table(views.links_table(L).rename(columns=lambda c: L(f"col_{c}")), "links"))
    st.header(L("src_network"))
    st.markdown(L("src_network_intro"))
    for heading, table in views.network_tables_shown(L):
        st.subheader(L(heading))
        css.append(widgets.table(table, heading.replace("_", "-")))
    st.header(L("src_glossary"))  # one term per concept, defined once, in both languages
    st.markdown(L("glossary"))
    st.header(L("src_method"))
    st.markdown(L("method"))
    st.subheader(L("src_chain_method"))
    st.markdown(L("chain_method"))
    st.subheader(L("src_net_method"))
    st.markdown(L("net_method"))
    widgets.table_css(css)  # last: its element collapses once loaded, with nothing under it to move


def stated_value(L, value: float, unit: str, when, precision: str) -> str:  # noqa: ANN001 - a Labels
    """A stated figure as the reader writes it: a date at the precision the report gives (a month as a month),
    a share as a percentage, a number with its unit in the page's language."""
    if unit == "date":
        return L.date(when, precision)
    if unit == "share":
        return L.pct(value)
    if unit == "RUB":
        return L.money(value)  # «14 млрд ₽», not «14 000 000 000 ₽»
    if value >= 1e6:
        number = L.compact(value)  # «30 млн», "30 million"
    else:
        number = L.num(value, 2 if value < 10 and not float(value).is_integer() else 0)
    return number if unit in ("count", "rank", "x") else f"{number}\u00a0{L.unit(unit)}"


if __name__ == "__main__":
    render()
