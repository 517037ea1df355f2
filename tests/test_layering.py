"""Below the page layer nothing imports streamlit."""
import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "components"


def test_core_modules_do_not_import_streamlit():
    offenders = []
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []
    assert len(list(CORE.glob("*.py"))) >= 5  # the check actually looked at the core
