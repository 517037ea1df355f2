"""The rooms of ``components/`` are floors, and every import points down.

Floors, bottom to top (``ARCHITECTURE.md`` draws them):

* ``components/clock.py``: the one clock;
* ``components/data/``: loading and checking ``data/*.csv`` and user files; ``components/store/``: the only code that
  speaks SQL;
* ``components/model/``: the pure model;
* ``components/export/``: figure or table → bytes;
* ``components/present/``: result → figures, tables and sentences in a language;
* ``components/app/``: Streamlit (widgets, state, pages) and ``dashboard.py``.

Three checks: the source of every module names only the rooms its floor may import (read with ``ast``, so an import
inside a function counts too); no room below ``app`` imports streamlit, checked again by importing each of their modules
in a fresh interpreter (an indirect import is caught only there); and importing a model module reads no file in
``data/`` (no loading side effect on import).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "components"

# room → the rooms its modules may import (itself included); "clock" is components/clock.py
ALLOWED = {
    "clock": {"clock"},
    "data": {"clock", "data"},
    "store": {"store"},
    "model": {"clock", "data", "model"},
    "export": {"export"},
    "present": {"clock", "data", "model", "export", "present"},
    "app": {"clock", "data", "store", "model", "export", "present", "app"},
}
BELOW_APP = [room for room in ALLOWED if room != "app"]


def room_of(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.stem if len(rel.parts) == 1 else rel.parts[0]


def modules(rooms) -> list[Path]:
    found = []
    for path in sorted(PKG.rglob("*.py")):
        if path.parent == PKG and path.stem == "__init__":
            continue
        if room_of(path) in rooms:
            found.append(path)
    return found


def imported(path: Path) -> list[str]:
    """Every module name an ``import`` or ``from ... import`` in the file names (``from components import x`` → x)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "components":
                names += [f"components.{a.name}" for a in node.names]
    return names


def target_room(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "components" or len(parts) == 1:
        return None
    return parts[1]


def upward_imports(paths) -> list[str]:
    bad = []
    for path in paths:
        room = room_of(path)
        for name in imported(path):
            target = target_room(name)
            if target is not None and target not in ALLOWED[room]:
                bad.append(f"{path.relative_to(ROOT)} ({room}) imports {name} ({target})")
            if room != "app" and name.split(".")[0] == "streamlit":
                bad.append(f"{path.relative_to(ROOT)} ({room}) imports streamlit")
    return bad


def test_every_room_is_known_and_at_most_eight_modules_sit_directly_in_components():
    rooms = {room_of(p) for p in PKG.rglob("*.py") if not (p.parent == PKG and p.stem == "__init__")}
    assert rooms <= set(ALLOWED), f"a room the layering test does not know: {rooms - set(ALLOWED)}"
    loose = [p for p in PKG.glob("*.py") if p.stem != "__init__"]
    assert len(loose) <= 8


def test_no_module_imports_a_room_above_its_floor():
    paths = modules(ALLOWED)
    assert len(paths) >= 25  # the check actually looked at the rooms
    assert upward_imports(paths) == []


def test_the_floor_check_sees_an_upward_import(tmp_path, monkeypatch):
    # plant the fault in a copy: a model module importing the store, and a presentation module importing streamlit
    fake = tmp_path / "components"
    (fake / "model").mkdir(parents=True)
    (fake / "present").mkdir()
    (fake / "model" / "m.py").write_text("def f():\n    from components.store import database\n", encoding="utf-8")
    (fake / "present" / "p.py").write_text(
        "import streamlit as st\nfrom components.app import state\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys.modules[__name__], "PKG", fake)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    bad = upward_imports(modules(ALLOWED))
    assert len(bad) == 3, bad


@pytest.mark.parametrize("module", [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in modules(BELOW_APP)])
def test_module_below_the_app_loads_without_streamlit_in_a_fresh_interpreter(module):
    code = f"import sys, {module}; print('streamlit' in sys.modules, 'components.app' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False"], f"importing {module} loads streamlit or components.app"


def test_the_fresh_interpreter_check_sees_streamlit_when_it_is_loaded():
    # the probe itself can fail: a module that pulls in streamlit is reported
    out = subprocess.run(
        [sys.executable, "-c", "import sys, components.app.state; print('streamlit' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.split() == ["True"], out.stderr[-2000:]


OPENS = """
import sys
opened = []
sys.addaudithook(lambda ev, args: opened.append(str(args[0])) if ev == "open" and "/data/" in str(args[0]) else None)
import {module}
print(sum(p.endswith(".csv") for p in opened))
"""


@pytest.mark.parametrize("module", [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in modules(["model"])])
def test_importing_a_model_module_reads_no_data_file(module):
    out = subprocess.run(
        [sys.executable, "-c", OPENS.format(module=module)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0"], f"importing {module} reads files in data/"


def test_the_data_file_probe_sees_a_read():
    # the probe can fail: reading the facts table opens data/facts.csv
    code = OPENS.format(module="components.data.facts; components.data.facts.tables()")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.split()[0]) >= 1


# --- one result: pages, downloads and the report read the scenario's Result, never a model function -------------------
#: App modules that may call the model: only the cache of the one result (components/app/model.py). Pages, widgets
#: (the downloads and the report buttons), storage and the export room read what a Result holds.
READS_ONLY_RESULT = [
    p
    for p in modules(["app", "export"])
    if p.relative_to(PKG).as_posix() not in {"app/model.py", "app/upload_panel.py"}
]


def model_calls(path: Path) -> list[str]:
    """Calls of a function of ``components.model`` in the file: ``economics.convert(...)`` through a module imported
    from the model room, or ``trajectory(...)`` imported from one by name (a CamelCase class or an UPPER_CASE constant
    imported by name is not a call of the model)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules_, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "components.model":
                modules_ |= {a.asname or a.name for a in node.names}
            elif node.module.startswith("components.model."):
                functions |= {a.asname or a.name for a in node.names if a.name[:1].islower()}
        elif isinstance(node, ast.Import):
            modules_ |= {a.asname for a in node.names if a.name.startswith("components.model") and a.asname}
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        root = f
        while isinstance(root, ast.Attribute):  # tracking.projection.target_month(...) → tracking
            root = root.value
        if isinstance(f, ast.Attribute) and isinstance(root, ast.Name) and root.id in modules_:
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {ast.unparse(f)}")
        elif isinstance(f, ast.Name) and f.id in functions:
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {f.id}")
    return bad


def test_pages_downloads_and_the_report_read_only_the_result():
    assert len(READS_ONLY_RESULT) >= 10  # the pages, the widgets, the export room
    assert [b for p in READS_ONLY_RESULT for b in model_calls(p)] == []


def test_the_result_check_sees_a_page_calling_the_model(tmp_path):
    # plant the fault: a page that computes the appraisal itself, and one that calls an imported model function
    page = tmp_path / "page.py"
    page.write_text(
        "from components.model import economics\nfrom components.model.projection import trajectory, HORIZON_END\n"
        "def body(s):\n    ap = economics.appraisal(s)\n    at = economics.projection.target_month(s)\n"
        "    return trajectory(s), HORIZON_END\n",
        encoding="utf-8",
    )
    monkey = sys.modules[__name__]
    old = monkey.ROOT
    monkey.ROOT = tmp_path
    try:
        assert len(model_calls(page)) == 3
    finally:
        monkey.ROOT = old


def test_every_chart_and_card_is_built_from_the_result_alone():
    import inspect

    from components.present import views

    assert len(views.CHARTS) >= 16 and len(views.CARDS) >= 6
    for name, c in views.CHARTS.items():
        first = next(iter(inspect.signature(c.build).parameters.values()))
        assert (first.name, first.annotation) == ("r", "Result"), name
    for name, card in views.CARDS.items():
        first = next(iter(inspect.signature(card).parameters.values()))
        assert first.name == "r", name
    source = (PKG / "app" / "model.py").read_text(encoding="utf-8") + (PKG / "present" / "views.py").read_text(
        encoding="utf-8"
    )
    assert "sys.modules" not in source  # no registry reached through the module table
