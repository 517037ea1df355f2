"""``Scenario``'s fields, defaults and ranges come from the assumptions declaration (``data/assumptions.csv``).

The expectations are read from the file with :mod:`csv`, not through the loader the class uses, so a field list written
by hand in ``components/data/scenario.py`` (the fault these tests guard against) cannot agree with them by
construction. A row added to a copy of the file is checked in a fresh interpreter whose ``facts.DATA_DIR`` points at
the copy (the loaders read ``DATA_DIR`` when called, and ``Scenario`` reads the file on first use, not on import).
"""

import csv
import dataclasses
import json
import math
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components.data.facts import DATA_DIR
from components.data.scenario import CHOICES, Scenario

ROOT = Path(__file__).resolve().parent.parent


def file_rows() -> list[dict[str, str]]:
    with open(DATA_DIR / "assumptions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = file_rows()


def test_every_row_of_the_file_is_a_field_with_its_default_and_range_and_nothing_else():
    fs = dataclasses.fields(Scenario)
    assert [f.name for f in fs] == [*CHOICES, *(r["id"] for r in ROWS)]  # choices first, then the file's order
    assert Scenario.numeric_fields() == [r["id"] for r in ROWS]
    by_name = {f.name: f for f in fs}
    plan = Scenario.default()
    for r in ROWS:
        f = by_name[r["id"]]
        assert f.type is float
        assert f.default == float(r["default"]) == getattr(plan, r["id"])
        assert (f.metadata["min"], f.metadata["max"]) == (float(r["min"]), float(r["max"]))
        assert (f.metadata["unit"], f.metadata["group"]) == (r["unit"], r["group"])
    for k, options in CHOICES.items():
        assert by_name[k].default == options[0] == getattr(plan, k)
    assert Scenario() == plan  # every field's default is the declared one


def test_the_plan_is_a_hashable_picklable_dataclass_equal_by_value():
    # st.cache_data keys on the scenario (dataclasses.asdict for a dataclass); network.key builds one with replace
    a = Scenario.default().with_values(delay_months=6, shape="linear")
    b = dataclasses.replace(Scenario.default(), shape="linear", delay_months=6.0)
    assert dataclasses.is_dataclass(a) and a == b and hash(a) == hash(b) and a is not b
    assert pickle.loads(pickle.dumps(a)) == a
    assert dataclasses.asdict(a) == {**dataclasses.asdict(Scenario.default()), "delay_months": 6.0, "shape": "linear"}
    assert a.changes_from_default() == {"shape": "linear", "delay_months": 6.0}
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.delay_months = 3.0


def test_range_of_is_each_rows_min_and_max_as_the_file_writes_them():
    # the sensitivities, the break-evens and the Monte Carlo draws read their ranges here (read with csv above)
    for r in ROWS:
        assert Scenario.range_of(r["id"]) == (float(r["min"]), float(r["max"])), r["id"]


def test_the_cache_key_tells_apart_any_two_scenarios_and_changes_nothing_else():
    # what Streamlit's caches hash for a scenario (components/app/model.py's hash_funcs)
    plan = Scenario.default()
    a = plan.with_values(delay_months=6, shape="linear")
    b = dataclasses.replace(plan, shape="linear", delay_months=6.0)
    assert a.cache_key() == b.cache_key()
    keys = {plan.cache_key(), a.cache_key()}
    for name in Scenario.numeric_fields():  # every field is in the key, to the last bit of its float
        moved = dataclasses.replace(plan, **{name: math.nextafter(getattr(plan, name), math.inf)})
        keys.add(moved.cache_key())
    assert len(keys) == 2 + len(Scenario.numeric_fields())
    # kept with the scenario, it is no field: equality, hashing, pickling, asdict and the bridge's changed list
    # read the fields only
    assert a == b and hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
    assert dataclasses.asdict(a) == dataclasses.asdict(b) and "_cache_key" not in dataclasses.asdict(a)
    from components.model import economics

    fresh = dataclasses.replace(plan, delay_months=6.0, shape="linear")
    assert economics.bridge(a).equals(economics.bridge(fresh))


def test_the_apps_caches_key_a_scenario_by_all_its_values():
    import streamlit as st

    from components.app.model import _KEYS

    calls = []

    @st.cache_data(hash_funcs=_KEYS, show_spinner=False)
    def compute(s: Scenario) -> float:
        calls.append(s)
        return s.delay_months

    plan = Scenario.default()
    compute(plan)
    compute(dataclasses.replace(plan))  # equal values: a hit
    compute(dataclasses.replace(plan, terminal_capacity_feu_day=math.nextafter(250.0, 1e3)))  # the last field, one bit
    assert len(calls) == 2
    compute.clear()


RANGE = re.compile(r"outside \[(?P<lo>[-0-9.e+]+), (?P<hi>[-0-9.e+]+)\] (?P<unit>[^,\s]+),")


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_a_value_outside_the_declared_range_is_refused_naming_the_key_and_the_files_range(row):
    k, lo, hi, step = row["id"], float(row["min"]), float(row["max"]), float(row["step"])
    plan = Scenario.default()
    for bad in (hi + step, lo - step, math.nan, math.inf):  # one step past each end, and the non-numbers
        with pytest.raises(ValueError) as err:
            plan.with_values(**{k: bad})
        msg = str(err.value)
        assert msg.startswith(f"{k}=") and "data/assumptions.csv" in msg, msg
        m = RANGE.search(msg)
        assert m and (float(m["lo"]), float(m["hi"])) == (lo, hi) and m["unit"] == row["unit"], msg
    assert getattr(plan.with_values(**{k: lo}), k) == lo and getattr(plan.with_values(**{k: hi}), k) == hi


def test_an_unknown_key_and_an_undeclared_option_are_refused():
    with pytest.raises(ValueError, match="unknown assumption 'no_such_row'"):
        Scenario.default().with_values(no_such_row=1.0)
    with pytest.raises(ValueError, match=r"shape must be one of \('s_curve', 'linear', 'constant_growth'\)"):
        Scenario.default().with_values(shape="cubic")


PROBE = r"""
import json, pickle, sys
from pathlib import Path
opened = []
sys.addaudithook(lambda ev, a: opened.append(str(a[0])) if ev == "open" and str(a[0]).endswith(".csv") else None)
import dataclasses
import components.data.facts as facts
facts.DATA_DIR = Path(sys.argv[1])
from components.data import scenario
read_on_import = len(opened)
try:
    f = {x.name: x for x in dataclasses.fields(scenario.Scenario)}
except Exception as exc:  # a row that cannot be a field
    print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
    sys.exit(0)
s = scenario.Scenario.default()
out = {"read_on_import": read_on_import, "read_after": len(opened), "last": scenario.Scenario.numeric_fields()[-1]}
if "probe_days" in f:
    out |= {"default": s.probe_days, "meta": dict(f["probe_days"].metadata)}
    out["set"] = s.with_values(probe_days=30).probe_days
    try:
        s.with_values(probe_days=31)
    except ValueError as exc:
        out["refused"] = str(exc)
    out["pickled"] = pickle.loads(pickle.dumps(s.with_values(probe_days=3))).changes_from_default()
print(json.dumps(out))
"""


def run_with_extra_row(tmp_path, row: str) -> dict:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("samples", "*.sqlite3*"))
    with open(data / "assumptions.csv", "a", encoding="utf-8", newline="") as f:
        f.write(row + "\n")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_row_added_to_a_copy_of_the_file_is_a_field_with_its_default_and_range(tmp_path):
    got = run_with_extra_row(
        tmp_path, "probe_days,network,7,2,30,1,days,A test row: not a real assumption,true,Проверочная строка"
    )
    assert got["read_on_import"] == 0 and got["read_after"] > 0  # read on first use, not on import
    assert got["last"] == "probe_days" and got["default"] == 7.0 and got["set"] == 30.0
    assert got["meta"] == {"min": 2.0, "max": 30.0, "step": 1.0, "unit": "days", "group": "network"}
    assert got["refused"] == "probe_days=31 outside [2, 30] days, its range in data/assumptions.csv"
    assert got["pickled"] == {"probe_days": 3.0}


@pytest.mark.parametrize("bad_id", ["slug", "shape", "class", "_hidden"])
def test_a_row_whose_id_cannot_be_a_field_is_refused_with_file_row_and_column(tmp_path, bad_id):
    # a method's name, a choice field's, a Python keyword, a private name: each would break or shadow the class
    got = run_with_extra_row(tmp_path, f"{bad_id},network,7,2,30,1,days,A test row,true,Проверочная строка")
    row = len(ROWS) + 2  # header = row 1, the file's rows 2..len+1, the added row after them
    assert got["error"].startswith("DataError") and "assumptions.csv" in got["error"], got
    assert f"row {row}" in got["error"] and "id" in got["error"] and repr(bad_id) in got["error"], got


def test_the_profile_choice_lists_exactly_the_profiles_of_the_seasonality_file():
    # the choice fields' options stay in code (CHOICES); the one backed by a data file must match it (episodes: see
    # test_network's test_the_scenario_knows_every_episode...)
    with open(DATA_DIR / "seasonality.csv", encoding="utf-8", newline="") as f:
        profiles = {r["profile"] for r in csv.DictReader(f)}
    assert set(CHOICES["profile"]) == profiles and len(CHOICES["profile"]) == len(profiles)


def test_field_names_are_the_interned_names_so_replace_by_keyword_takes_the_fast_path():
    # The model's code names fields (s.attainment), so those names are interned before the file is read. A field
    # name that is an equal but different str object than __init__'s parameter makes every keyword in
    # dataclasses.replace(s, ...) fall back to comparing strings against the parameters: replace() measured 33 µs
    # against 20 µs for the hand-written class on this machine. Checked in a fresh interpreter with the model imported
    # first, as the app does.
    code = (
        "import sys, dataclasses\n"
        "import components.model.network\n"
        "from components.data.scenario import Scenario\n"
        "fs = dataclasses.fields(Scenario)\n"
        "print(sum(f.name is not sys.intern(f.name) for f in fs), len(fs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    not_interned, n = map(int, out.stdout.split())
    assert n == len(CHOICES) + len(ROWS) and not_interned == 0
