"""Sources and method: every stated figure with its citation, every assumption with its reference,
every derived figure with its formula."""
from __future__ import annotations

import streamlit as st

from components import economics
from components.facts import public_figures, tables
from components.ui import state


def render() -> None:
    L = state.labels()
    t = tables()
    st.title(L("page_sources"))
    st.markdown(L("intro_sources"))
    st.header(L("src_stated"))
    f = t.facts.reset_index()
    f["shown"] = [L.day(w) if u == "date" else L.num(v, 2 if v < 10 else 0) for v, u, w in zip(f["value"], f["unit"], f["when"])]
    if L.lang == "ru":  # the figures' names in Russian; the wording as stated is the report's own
        f = f.assign(entity=f["entity_ru"], metric=f["metric_ru"])
    cols = ["id", "entity", "metric", "shown", "unit", "stated_as", "speaker", "locator", "note"]
    st.dataframe(f[cols].rename(columns=lambda c: L("value") if c == "shown" else L(f"col_{c}")), hide_index=True,
                 width="stretch")
    st.caption(f'{L("src_publication")}: {f["source"].iloc[0]}')
    st.header(L("src_assumptions"))
    a = t.assumptions.reset_index()
    a["label"] = [L(f"a_{i}") for i in a["id"]]
    st.dataframe(a[["id", "label", "default", "min", "max", "unit", "estimate", "source"]].rename(
        columns=lambda c: L(f"col_{c}")), hide_index=True, width="stretch")
    st.header(L("src_derived"))
    r = economics.ratios().reset_index()
    r["value"] = [L.num(v, 2) for v in r["value"]]
    st.dataframe(r.rename(columns=lambda c: L("value") if c == "value" else L(f"col_{c}")), hide_index=True,
                 width="stretch")
    st.header(L("src_public"))  # other public figures since the report: region or country, not the hub's flow
    st.markdown(L("src_public_intro"))
    pf = public_figures().reset_index()
    ru = L.lang == "ru"
    pf = pf.assign(entity=pf["entity_ru"] if ru else pf["entity"], metric=pf["metric_ru"] if ru else pf["metric"],
                   note=pf["note_ru"] if ru else pf["note"],
                   shown=[f'{L(f"bound_{b}")} {L.num(v)}'.strip() for b, v in zip(pf["bound"], pf["value"])],
                   period=[f"{L.month(a)} – {L.month(b)}" for a, b in zip(pf["period_start"], pf["period_end"])],
                   published=[L.month(d) for d in pf["published"]])
    st.dataframe(pf[["id", "entity", "metric", "shown", "unit", "period", "published", "source", "reliability", "note"]]
                 .rename(columns=lambda c: L("value") if c == "shown" else L(f"col_{c}")), hide_index=True,
                 width="stretch", key="public-figures")
    st.header(L("src_method"))
    st.markdown(L("method"))


if __name__ == "__main__":
    render()
