"""Bounded input in the page (issue 21, D5): an upload with 1e308 tonnes gets a message naming its row and column,
no traceback, and the sidebar's sliders stay; a good upload after it is read and saved."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_an_upload_of_1e308_tonnes_is_refused_with_its_row_and_the_page_keeps_working(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_DB_PATH", str(tmp_path / "store.sqlite3"))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.switch_page("components/app/pages/projections.py").run()
    sliders = len(at.sidebar.slider)
    data = b"month,tonnes\n2025-01,1e308\n2025-02,1e308\n"  # summed, these two months overflowed to infinity
    at.get("file_uploader")[0].set_value(("huge.csv", data, "text/csv"))
    at.run()
    assert not at.exception
    assert "Row 2, column ‘tonnes’" in at.error[0].value.replace("\\", "")
    assert len(at.sidebar.slider) == sliders > 0  # the sidebar is still drawn
    assert not [b for b in at.button if b.key == "save-actuals"]  # nothing to save
    at.get("file_uploader")[0].set_value(("ok.csv", b"month,tonnes\n2025-01,100000000\n", "text/csv"))
    at.run()
    at.button(key="save-actuals").click().run()
    assert not at.exception and not at.error
    assert any("actuals=" in c.value for c in at.code)  # saved: its link is shown
