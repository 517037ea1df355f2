"""Below the page layer nothing imports streamlit, directly or through another module.

Two checks: the source of each core module (``components/*.py``) names no ``streamlit`` import, and importing
each core module in a fresh interpreter leaves ``streamlit`` out of ``sys.modules`` (an indirect import, e.g. a
core module importing ``components.ui.state``, is caught by the second check only).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "components"
CORE_MODULES = sorted(f"components.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")


def test_core_modules_do_not_import_streamlit():
    offenders = []
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []
    assert len(list(CORE.glob("*.py"))) >= 5  # the check actually looked at the core


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_without_streamlit_in_a_fresh_interpreter(module):
    code = f"import sys, {module}; print('streamlit' in sys.modules, 'components.ui' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False"], f"importing {module} loads streamlit or components.ui"


def test_the_fresh_interpreter_check_sees_streamlit_when_it_is_loaded():
    # the probe itself can fail: a module that pulls in streamlit is reported
    out = subprocess.run(
        [sys.executable, "-c", "import sys, components.ui.state; print('streamlit' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.split() == ["True"], out.stderr[-2000:]
