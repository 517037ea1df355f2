"""The cited tables: every stated figure of the seed report is there, typed and cited."""

from pathlib import Path

import pandas as pd
import pytest

from components.data.facts import DataError, load_assumptions, load_facts, load_presets, tables

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"

# Figure id -> value in base units, read off the seed report by hand.
STATED = {
    "selyatino_investment": 14e9,
    "selyatino_jobs": 1_500,
    "selyatino_area": 65_000,
    "export_china_baseline": 180_000,
    "export_china_target": 550_000,
    "export_china_multiple": 3,
    "selyatino_agri_share": 0.40,
    "agrohub_area": 750_000,  # 75 ha
    "border_regions_side_a": 7,
    "border_regions_side_b": 12,
    "border_population": 30_000_000,
}
STATED_DATES = {"selyatino_completion": "2026-04-01", "selyatino_agreement": "2024-06-01"}


@pytest.mark.parametrize("fact_id,value", STATED.items())
def test_every_stated_figure_is_in_the_table(fact_id, value):
    assert tables().fact(fact_id) == pytest.approx(value)


@pytest.mark.parametrize("fact_id,day", STATED_DATES.items())
def test_stated_dates(fact_id, day):
    assert tables().date(fact_id) == pd.Timestamp(day)


def test_every_figure_carries_a_citation_and_the_publication_date():
    f = tables().facts
    assert (f["as_of"] == pd.Timestamp("2025-09-10")).all()
    assert f["source"].str.contains("10 September 2025").all()  # en-GB in the citation shown on screen
    assert f["locator"].str.match(r"para\. \d+").all()


def test_the_agrohub_parts_are_listed():
    ids = set(tables().facts.index)
    assert {
        "agrohub_container_terminal",
        "agrohub_warehouses",
        "agrohub_customs_terminal",
        "agrohub_wholesale_centre",
    } <= ids


def test_open_points_are_recorded_not_invented():
    note = tables().facts.at["export_china_baseline", "note"]
    assert "baseline year" in note


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed not beside the checkout")
def test_stated_wording_appears_in_the_seed():
    text = " ".join(p.read_text(encoding="utf-8") for p in SEED.glob("*.txt"))
    for fid in ("selyatino_investment", "selyatino_area", "export_china_target", "agrohub_area"):
        assert tables().facts.at[fid, "stated_as"] in text


def test_assumptions_have_ranges_units_and_sources():
    a = tables().assumptions
    assert (a["min"] <= a["default"]).all() and (a["default"] <= a["max"]).all()
    assert (a["source"].str.len() > 10).all()
    assert a.at["feu_payload_t", "default"] == 24 and a.at["feu_per_train", "default"] == 60
    assert a.at["usd_rub", "default"] == 85 and a.at["usd_kzt", "default"] == 510


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEADER = (
    "id,entity,metric,entity_ru,metric_ru,value,unit,when,when_precision,as_of,stated_as,speaker,source,locator,"
    "note,speaker_ru,source_ru,note_ru\n"
)
GOOD = "x,E,m,Э,м,1,RUB,,,2025-09-10,s,sp,src,para. 1,,гов,ист,\n"
DATE = "d,E,m,Э,м,,date,2024-06-01,month,2025-09-10,июнь 2024,sp,src,para. 1,n,гов,ист,з\n"


def test_a_non_number_is_refused_naming_file_row_and_column(tmp_path):
    p = _write(tmp_path, "facts.csv", HEADER + GOOD + "y,E,m,Э,м,12a,RUB,,,2025-09-10,s,sp,src,para. 1,,гов,ист,\n")
    with pytest.raises(DataError) as e:
        load_facts(p)
    assert (e.value.file, e.value.row, e.value.column) == ("facts.csv", 3, "value")
    assert "12a" in str(e.value)


def test_an_unknown_unit_is_refused(tmp_path):
    p = _write(tmp_path, "facts.csv", HEADER + GOOD.replace("RUB", "rubles"))
    with pytest.raises(DataError) as e:
        load_facts(p)
    assert (e.value.row, e.value.column) == (2, "unit")


def test_a_wrong_column_is_refused(tmp_path):
    p = _write(tmp_path, "facts.csv", HEADER.replace("locator", "where") + GOOD)
    with pytest.raises(DataError) as e:
        load_facts(p)
    assert e.value.column == "locator"


def test_a_missing_citation_is_refused(tmp_path):
    p = _write(tmp_path, "facts.csv", HEADER + GOOD.replace(",src,", ",,"))
    with pytest.raises(DataError) as e:
        load_facts(p)
    assert e.value.column == "source"


def test_a_date_figure_needs_its_precision_and_a_month_its_first_day(tmp_path):
    assert load_facts(_write(tmp_path, "facts.csv", HEADER + DATE)).at["d", "when_precision"] == "month"
    for bad, column in (
        (DATE.replace(",month,", ",,"), "when_precision"),
        (DATE.replace(",month,", ",week,"), "when_precision"),
        (DATE.replace("2024-06-01", "2024-06-15"), "when"),
        (GOOD.replace(",,,2025", ",,day,2025"), "when_precision"),
    ):
        with pytest.raises(DataError) as e:
            load_facts(_write(tmp_path, "facts.csv", HEADER + bad))
        assert (e.value.row, e.value.column) == (2, column), bad


def test_a_note_and_the_speaker_need_their_russian(tmp_path):
    for bad, column in (
        (DATE.replace(",з\n", ",\n"), "note_ru"),
        (GOOD.replace(",гов,", ",,"), "speaker_ru"),
        (GOOD.replace(",ист,", ",,"), "source_ru"),
    ):
        with pytest.raises(DataError) as e:
            load_facts(_write(tmp_path, "facts.csv", HEADER + bad))
        assert (e.value.row, e.value.column) == (2, column), bad


def test_the_report_s_wording_keeps_its_decimal_comma():
    # seed, para. 6: «будет создано 1,5 тыс. рабочих мест»
    assert tables().facts.at["selyatino_jobs", "stated_as"] == "1,5 тыс. рабочих мест"


def test_a_default_outside_its_range_is_refused(tmp_path):
    p = _write(
        tmp_path,
        "assumptions.csv",
        "id,group,default,min,max,step,unit,source,estimate,source_ru\nx,g,30,0,10,1,t/FEU,src,false,ист\n",
    )
    with pytest.raises(DataError) as e:
        load_assumptions(p)
    assert e.value.row == 2


def test_a_preset_naming_an_unknown_assumption_is_refused(tmp_path):
    p = _write(tmp_path, "presets.csv", "preset,param,value\nx,nope,1\n")
    with pytest.raises(DataError) as e:
        load_presets(p)
    assert (e.value.row, e.value.column) == (2, "param")


def test_every_preset_has_a_stated_reason_and_no_reason_is_orphaned(tmp_path):
    from components.data.facts import load_preset_reasons

    reasons = tables().preset_reasons
    assert set(reasons.index) == set(tables().presets["preset"])
    head = "preset,reason_en,reason_ru\n"
    rows = "".join(f"{n},why,почему\n" for n in reasons.index)
    for text, column in (
        (head + rows + "nope,why,почему\n", "preset"),
        (head + rows.split("\n", 1)[1], "preset"),
        (head + rows.replace("почему", "", 1), "reason_ru"),
    ):
        with pytest.raises(DataError) as e:
            load_preset_reasons(_write(tmp_path, "preset_reasons.csv", text))
        assert e.value.column == column, text


# --- corridor chain: links and seasonal profiles ------------------------------------------------------------------


def _chain_file(tmp_path, name, edit):
    """A copy of data/<name> with ``edit(lines)`` applied to its lines (header = lines[0])."""
    from components.data.facts import DATA_DIR

    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    edit(lines)
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_every_link_of_the_chain_is_cited_and_in_order():
    from components.data.facts import links

    lk = links()
    assert list(lk.index) == [
        "selyatino_warehouse",
        "selyatino_cold",
        "selyatino_terminal",
        "line_service",
        "ru_kz_border",
        "agrohub_terminal",
        "dostyk_alashankou",
        "altynkol_khorgos",
    ]
    assert (lk["source"].str.len() > 20).all() and lk["reliability"].notna().all()
    # research: Dostyk-Alashankou 14 trains/day (plan 28); Russia-Kazakhstan norm 75 trains/day
    assert (lk.at["dostyk_alashankou", "capacity"], lk.at["dostyk_alashankou", "capacity_max"]) == (14, 28)
    assert lk.at["ru_kz_border", "capacity"] == 75
    # the planned service is a plan from the scenario, and NOT-FOUND capacities are flagged estimates
    assert lk.at["line_service", "kind"] == "service"
    assert lk.at["line_service", "capacity_from"] == "scenario:service_trains_per_week"
    assert lk.loc[["selyatino_terminal", "agrohub_terminal"], "estimate"].all()
    # Agrohub: 75 ha x 0.5 container-terminal share x 2,900 TEU/ha/yr = 108,750 TEU/yr
    assert lk.at["agrohub_terminal", "capacity"] == 108_750


def _set(row, column, value):
    import csv
    import io

    def edit(lines):
        header = lines[0].split(",")
        cells = next(csv.reader([lines[row - 1]]))
        cells[header.index(column)] = value
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(cells)
        lines[row - 1] = buf.getvalue()

    return edit


@pytest.mark.parametrize(
    "row,column,value,problem_column",
    [
        (3, "capacity", "70000", "capacity"),  # default above its max (cold store: max 60,000 t)
        (3, "capacity_unit", "pallets", "capacity_unit"),
        (6, "reliability", "high", "reliability"),
        (7, "source", "", "source"),
        (7, "source_ru", "", "source_ru"),
        (5, "capacity_from", "scenario:trains_a_week", "capacity_from"),
        (2, "capacity", "65000", "capacity"),  # capacity given twice: figure and fact:selyatino_area
        (8, "share_open", "0.5", "share_open"),  # above share_open_max 0.1
        (8, "time_congested_h", "10", "time_congested_h"),  # congested faster than typical (30.5 h)
        (4, "estimate", "maybe", "estimate"),
    ],
)
def test_a_bad_link_row_is_refused_naming_file_row_and_column(tmp_path, row, column, value, problem_column):
    from components.data.facts import load_links

    p = _chain_file(tmp_path, "links.csv", _set(row, column, value))
    with pytest.raises(DataError) as e:
        load_links(p)
    assert (e.value.file, e.value.row, e.value.column) == ("links.csv", row, problem_column)


def test_profiles_have_twelve_weights_summing_to_one():
    from components.data.facts import profiles

    p = profiles()
    assert set(p["profile"]) == {"agri_mix", "even", "grain_heavy"}
    sums = p.groupby("profile")["weight"].sum()
    assert (abs(sums - 1) < 1e-12).all()
    # grain_heavy October: 8.0 Mt (Oct 2024) of 38.96 Mt over the twelve months = 0.2053
    g = p[(p["profile"] == "grain_heavy") & (p["month"] == 10)].iloc[0]
    assert g["weight"] == pytest.approx(0.2053, abs=1e-4)


def test_a_profile_that_does_not_sum_to_one_or_misses_a_month_is_refused(tmp_path):
    from components.data.facts import load_profiles

    # row 14 = even, January (agri_mix takes rows 2-13)
    for edit, column in (
        (_set(14, "weight", "0.2"), "weight"),
        (lambda lines: lines.pop(14), "month"),
        (_set(14, "reliability", "sure"), "reliability"),
    ):
        with pytest.raises(DataError) as e:
            load_profiles(_chain_file(tmp_path, "seasonality.csv", edit))
        assert (e.value.file, e.value.column) == ("seasonality.csv", column)
