"""The chain's screens: every new chart builds in both languages, and what it draws follows the inputs."""

from __future__ import annotations

import re

import pytest

from components.data.facts import links
from components.data.scenario import Scenario, preset
from components.model import chain
from components.present import views
from components.present.i18n import Labels

PLAN = Scenario.default()
SCENARIOS = {
    "plan": PLAN,
    "delayed": preset("delayed"),
    "optimistic": preset("optimistic"),
    "pessimistic": preset("pessimistic"),
    "grain-heavy-all-khorgos": PLAN.with_values(profile="grain_heavy", khorgos_share=1.0),
    "small-flow": PLAN.with_values(attainment=0.3, rail_share=0.2),
}
CHAIN_VIEWS = ("utilisation_heatmap", "peak_utilisation", "bottleneck_sensitivity", "corridor")
ENGLISH_WORDS = re.compile(r"\b(the|of|and|to|in|link|month|capacity|plan|trains?)\b", re.I)


def _row(view, link_id: str) -> list[float]:
    """One link's row of the heatmap's z (in %); rows run in chain order, as the view's data."""
    order = list(dict.fromkeys(view.data["link_id"]))
    return list(view.figure.data[0].z[order.index(link_id)])


def _label(view, link_id: str) -> str:
    """The heatmap's row label of a link as drawn."""
    return view.figure.data[0].y[list(dict.fromkeys(view.data["link_id"])).index(link_id)]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_chain_views_build_with_a_title_a_source_line_and_a_text_alternative(name, lang):
    s, L = SCENARIOS[name], Labels(lang)
    for builder in CHAIN_VIEWS:
        v = getattr(views, builder)(s, L)
        notes = " ".join(a.text or "" for a in v.figure.layout.annotations)
        assert ("2025-09-10" if lang == "en" else "10.09.2025") in notes, builder
        assert v.title and len(v.alt) > 40 and not v.data.empty, builder
        if lang == "ru":  # a Russian page says it in Russian
            for text in (v.title, v.alt):
                assert re.search("[А-Яа-яЁё]", text) and not ENGLISH_WORDS.search(text), (builder, text)


def test_all_trains_at_khorgos_leave_dostyk_without_demand_on_the_heatmap():
    L = Labels("en")
    v = views.utilisation_heatmap(PLAN.with_values(khorgos_share=1.0), L)
    assert all(z == 0 for z in _row(v, "dostyk_alashankou"))
    assert max(_row(v, "altynkol_khorgos")) > 0


def test_moving_the_split_from_half_to_all_doubles_khorgos_demand_on_the_heatmap():
    # khorgos_share 0.5 → 1.0: twice the trains at Altynkol–Khorgos in every month (1.0 / 0.5 = 2)
    L = Labels("en")
    half = views.utilisation_heatmap(PLAN.with_values(khorgos_share=0.5), L)
    full = views.utilisation_heatmap(PLAN.with_values(khorgos_share=1.0), L)
    for a, b in zip(_row(half, "altynkol_khorgos"), _row(full, "altynkol_khorgos")):
        assert b == pytest.approx(2 * a)


def test_the_seasonal_profile_changes_the_heatmap():
    L = Labels("en")
    even = views.utilisation_heatmap(PLAN.with_values(profile="even"), L).figure.data[0]
    grain = views.utilisation_heatmap(PLAN.with_values(profile="grain_heavy"), L).figure.data[0]
    assert [list(r) for r in even.z] != [list(r) for r in grain.z]


def test_heatmap_cells_are_the_models_utilisation_in_percent():
    # the view draws chain.utilisation as it is, ×100 for per cent, each link on its own row
    s, L = PLAN.with_values(profile="grain_heavy", khorgos_share=0.3), Labels("en")
    v = views.utilisation_heatmap(s, L)
    util = chain.utilisation(s)
    for link_id in links().index:
        model = util[util["link_id"] == link_id]["utilisation"].tolist()
        assert _row(v, link_id) == pytest.approx([u * 100 for u in model])


def test_the_planned_service_is_ringed_as_a_plan_never_crossed_as_a_capacity():
    # 2 trains a week planned against about 7 needed at 550 kt (550,000 t / 24 t / 60 boxes / 52 weeks ≈ 7.3)
    L = Labels("en")
    v = views.utilisation_heatmap(PLAN.with_values(service_trains_per_week=2), L)
    crossed, ringed = v.figure.data[1], v.figure.data[2]
    service = _label(v, "line_service")
    assert service in set(ringed.y)
    assert service not in set(crossed.y)


def test_map_shows_both_crossings_with_the_split():
    # 30 % of trains at Altynkol–Khorgos leaves 70 % for Dostyk–Alashankou (1 − 0.3)
    L = Labels("en")
    v = views.corridor(PLAN.with_values(khorgos_share=0.3), L)
    share = v.data.set_index("link_id")["share_of_trains"]
    assert share["altynkol_khorgos"] == pytest.approx(0.3)
    assert share["dostyk_alashankou"] == pytest.approx(0.7)
    text = " ".join(a.text for a in v.figure.layout.annotations)
    for name in ("Dostyk–Alashankou", "Altynkol–Khorgos"):
        assert name in text
    assert "70% of trains" in text and "30% of trains" in text


def test_map_labels_every_link_with_its_peak_utilisation():
    L = Labels("ru")
    v = views.corridor(PLAN, L)
    text = " ".join(a.text for a in v.figure.layout.annotations)
    for link_id, name in links()["name_ru"].items():
        assert name in text, link_id
    assert set(v.data["link_id"]) == set(links().index)


def test_map_needs_no_map_service():
    fig = views.corridor(PLAN, Labels("en")).figure
    kinds = {t.type for t in fig.data}
    assert kinds == {"scatter"}  # no scattergeo, choropleth or tile map: they fetch base maps from a CDN
    assert not {"geo", "mapbox", "map"} & set(fig.to_plotly_json()["layout"])


def _inside(lon: float, lat: float, rings) -> bool:
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


@pytest.mark.parametrize(
    "place, lon, lat, country",
    [
        ("Selyatino", 36.97, 55.52, "Russia"),
        ("Astana", 71.43, 51.17, "Kazakhstan"),
        ("Almaty", 76.89, 43.24, "Kazakhstan"),
        ("Urumqi", 87.62, 43.83, "China"),
        ("Xi'an", 108.94, 34.34, "China"),
        ("Ulaanbaatar", 106.92, 47.92, "Mongolia"),
    ],
)
def test_the_boundary_file_puts_known_places_in_their_countries(place, lon, lat, country):
    geo = views.boundaries()
    found = [
        f["properties"]["name"]
        for f in geo["features"]
        if _inside(lon, lat, [poly[0] for poly in f["geometry"]["coordinates"]])
    ]
    assert found == [country], place


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", ["plan", "small-flow"])
def test_bottleneck_card_names_the_binding_link_and_month_or_says_none(name, lang):
    s, L = SCENARIOS[name], Labels(lang)
    card = views.bottleneck_card(s, L)
    b = chain.bottleneck(chain.utilisation(s))
    col = "name_ru" if lang == "ru" else "name_en"
    if b.link_id is not None:
        assert links().at[b.link_id, col] in card["value"] and L.month(b.month) in card["value"]
    else:
        assert L.month(b.horizon_end) in card["value"]
        assert links().at[b.peak_link_id, col] in card["delta"]


def test_the_small_flow_binds_later_than_the_plan_or_never():
    plan = chain.bottleneck(chain.utilisation(PLAN))
    small = chain.bottleneck(chain.utilisation(SCENARIOS["small-flow"]))
    assert plan.link_id is not None  # the research: the crossings already run above their design capacity
    assert small.month is None or small.month > plan.month


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_planned_service_is_never_called_a_limit_or_a_capacity(lang):
    L = Labels(lang)
    banned = re.compile(r"limit|capacity|предел|пропускн|мощност", re.I)
    trains = views.trains(PLAN, L)
    for text in [t.name for t in trains.figure.data] + [
        trains.alt,
        L("k_limit_hit", limit="7"),
        L("h_limit"),
        L("a_service_trains_per_week"),
    ]:
        assert not banned.search(text), text


def test_the_report_pack_holds_the_chain_charts_in_page_order():
    ids = [v.chart_id for v in views.all_views(PLAN, Labels("en"))]
    chain_ids = ["link-utilisation", "link-peaks", "bottleneck-sensitivity"]
    assert [i for i in ids if i in chain_ids] == chain_ids
    assert ids.index("export-projection") < ids.index("link-utilisation") < ids.index("trains-per-week")
    assert ids[-1] == "corridor-map" and "corridor-schematic" not in ids
