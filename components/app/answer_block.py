"""The answer block at the top of the Overview: the sentences of :mod:`components.present.answer`, each with a link
to the page that shows it in full, and the sample actuals file beside the invitation to upload.

:func:`frame` draws the block's frame in the page's full run, as the first thing of the main area (the sample file's
download button is a widget, and a fragment may not draw widgets outside itself); :func:`fill` writes the
sentences into it from the page's scenario fragment, so a slider move rewrites them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from components.model.run import Result
from components.present import answer
from components.present.i18n import Labels

#: Where the pages' files are, as ``dashboard.py`` registers them (``st.page_link`` takes the file).
PAGE_DIR = Path("components/app/pages")
#: The illustrative sample actuals file in each language (made-up volumes, labelled so in its first row), offered
#: beside the invitation to upload; no file, no button.
SAMPLES = "data/samples"  # the file for a language is named by its catalogue ([files] upload_sample)
ICONS = {
    "wait": ":material/train:",
    "pays": ":material/payments:",
    "today": ":material/upload_file:",
    "moves": ":material/tune:",
}


@dataclass(frozen=True)
class Frame:
    """The block's slots for the sentences, one per topic, in order."""

    text: dict


def sample_file(lang: str) -> Path | None:
    """The sample actuals file for ``lang``, if one is shipped."""
    path = Path(__file__).resolve().parents[2] / SAMPLES / Labels(lang).file("upload_sample")
    return path if path.is_file() else None


def frame(L: Labels, actuals: pd.DataFrame | None = None) -> Frame:
    """Draw the block's bordered frame: an empty slot per sentence, its page link beside it, and the sample file's
    button beside the invitation to upload.

    Each sentence is a row of two columns: the sentence, and its link on the right (below it on a phone, where
    Streamlit stacks columns). The links are drawn here, in the page's full run, not by :func:`fill`: they do not
    depend on the scenario, and a fragment's rerun does not know the app's pages (``st.page_link`` fails there)."""
    text = {}
    with st.container(border=True, key="answer"):
        for topic in answer.PAGES:
            left, right = st.columns([3.4, 1], vertical_alignment="center", gap="small")
            text[topic] = left.empty()
            page, label = answer.link(topic, L, actuals)
            right.page_link(PAGE_DIR / f"{page}.py", label=label, icon=ICONS[topic])
            sample = sample_file(L.lang) if topic == "today" else None
            if sample is not None:
                right.download_button(
                    L("ans_sample"),
                    sample.read_bytes(),
                    file_name=sample.name,
                    mime="text/csv",
                    key="answer-sample",
                    on_click="ignore",
                    icon=":material/download:",
                    type="tertiary",
                )
    return Frame(text)


def fill(f: Frame, r: Result, L: Labels, actuals: pd.DataFrame | None = None) -> list[answer.Sentence]:
    """Write the answer's sentences into the frame's slots (from the page's scenario fragment); returns them."""
    sentences = answer.answer(r, L, actuals)
    for s in sentences:
        f.text[s.topic].markdown(s.markdown)
    return sentences
