"""Shared fixtures (keep them small and generic)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture
def tiny_corpus() -> pd.DataFrame:
    """Three valid articles in the corpus schema (our own sentences, fictional outlets)."""
    return pd.DataFrame(
        {
            "doc_id": pd.array(["a1", "a2", "b1"], dtype="str"),
            "source": pd.array(["The Harbour Gazette", "The Harbour Gazette", "Valley Post"], dtype="str"),
            "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-02"]),
            "title": pd.array(["Gates opened", "Market reopens", "Night in the town hall"], dtype="str"),
            "text": pd.array(
                [
                    "Engineers opened the tidal gates after the river rose.\n\nNobody was hurt.",
                    "Traders cleared mud from the lower market on Wednesday.",
                    "About 400 residents slept on camp beds in the town hall.",
                ],
                dtype="str",
            ),
        }
    )


@pytest.fixture
def write(tmp_path: Path):
    """``write(name, content)`` creates a file under ``tmp_path`` (str is written as UTF-8,
    bytes as they are; folders are created) and returns its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def small_corpus() -> pd.DataFrame:
    """The hand-made corpus of ``tests/handmade.py`` (counts checked by hand)."""
    from .handmade import make_small_corpus

    return make_small_corpus()
