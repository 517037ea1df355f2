"""Every file of ``data/`` is declared (components/data/schemas.py): a bad value planted in a copy of each file must
make its loader fail, naming the file, the row, the column and the rule.

Each case copies the real file, changes one cell and loads the copy with the real tables around it (cross-file
rules see the real assumptions, presets and facts). The row is as numbered in the file (header = row 1).
"""

from __future__ import annotations

import csv
import shutil

import pytest

from components.data import facts, network_tables, schemas
from components.data.facts import DATA_DIR, DataError


def plant(tmp_path, file: str, row: int, column: str, value: str):
    """A copy of ``data/<file>`` with ``value`` in (row, column); row as numbered in the file (header = 1)."""
    with open(DATA_DIR / file, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    out = tmp_path / file
    with open(out, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return out


LOADERS = {
    "facts.csv": facts.load_facts,
    "assumptions.csv": facts.load_assumptions,
    "presets.csv": facts.load_presets,
    "preset_reasons.csv": facts.load_preset_reasons,
    "public_figures.csv": facts.load_public_figures,
    "macro.csv": facts.load_macro,
    "links.csv": facts.load_links,
    "seasonality.csv": facts.load_profiles,
    "crossings.csv": network_tables.load_crossings,
    "episodes.csv": network_tables.load_episodes,
    "background.csv": network_tables.load_background,
    "background_months.csv": network_tables.load_background_months,
    "route_nodes.csv": network_tables.load_route_nodes,
    "routes.csv": network_tables.load_routes,
}

# (file, row, column planted, value, column named, words of the rule)
CASES = [
    # a renamed group would hide a slider: refused at load, with the file's name
    ("assumptions.csv", 3, "group", "projecton", "group", "one of"),
    ("assumptions.csv", 2, "default", "99", "default", "min <= default <= max"),  # delay 0–36 months
    ("assumptions.csv", 4, "unit", "tonnes", "unit", "one of"),
    ("assumptions.csv", 5, "step", "0", "step", "step > 0"),
    ("assumptions.csv", 3, "id", "delay_months", "id", "unique"),  # row 2 is delay_months
    ("assumptions.csv", 2, "estimate", "maybe", "estimate", "true or false"),
    ("facts.csv", 3, "source", " ", "source", "not empty"),
    ("facts.csv", 2, "unit", "rubles", "unit", "one of"),
    ("presets.csv", 2, "param", "delay_month", "param", "an assumption of assumptions.csv"),
    ("presets.csv", 3, "value", "48", "value", "within the assumption's [min, max]"),  # delayed: 48 > 36 months
    ("preset_reasons.csv", 2, "preset", "planned", "preset", "a preset of presets.csv"),
    ("public_figures.csv", 2, "reliability", "high", "reliability", "one of"),
    ("public_figures.csv", 2, "period_end", "2023-12-31", "period_end", "period_start <= period_end"),
    ("macro.csv", 2, "value", "1.5", "value", "0 <= low <= value <= high < 1"),
    ("macro.csv", 3, "period", "2025-13", "period", "a period of the form its series uses"),
    ("macro.csv", 2, "series", "cpi", "series", "one of"),
    ("links.csv", 2, "kind", "warehouse", "kind", "one of"),
    ("links.csv", 2, "capacity_from", "fact:nope", "capacity_from", "names a stated figure"),
    ("seasonality.csv", 2, "weight", "-0.1", "weight", "weight >= 0"),
    ("seasonality.csv", 3, "month", "13", "month", "a month 1–12"),
    ("crossings.csv", 2, "crossing", "khorgos", "crossing", ""),
    ("crossings.csv", 2, "capacity_trains_day", "-1", "capacity_trains_day", ""),
    ("episodes.csv", 2, "crossing", "nowhere", "crossing", ""),
]


@pytest.mark.parametrize("file,row,column,value,named,rule", CASES, ids=[f"{c[0]}:{c[2]}={c[3]}" for c in CASES])
def test_a_planted_bad_value_fails_the_load_naming_file_row_column_and_rule(
    tmp_path, file, row, column, value, named, rule
):
    path = plant(tmp_path, file, row, column, value)
    with pytest.raises(DataError) as e:
        LOADERS[file](path)
    assert (e.value.file, e.value.row, e.value.column) == (file, row, named), str(e.value)
    assert rule in e.value.problem, str(e.value)


@pytest.mark.parametrize("file", sorted(LOADERS))
def test_the_real_file_and_an_unchanged_copy_load(tmp_path, file):
    # the planted cases fail because of the planted cell: the copy itself loads
    shutil.copy(DATA_DIR / file, tmp_path / file)
    assert len(LOADERS[file](tmp_path / file)) > 0


def test_every_data_file_has_a_loader_that_declares_it():
    # a new CSV in data/ without a declared loader fails here
    declared = set(LOADERS)
    assert {p.name for p in DATA_DIR.glob("*.csv")} <= declared


def test_a_group_missing_from_the_sidebar_cannot_be_declared():
    # the sidebar draws exactly the declared groups, so a slider's group is always drawn
    from components.app import widgets

    assert tuple(widgets.GROUPS) == schemas.ASSUMPTION_GROUPS
