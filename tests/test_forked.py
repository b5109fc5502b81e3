"""Forked workers give exactly the one-process result (toolkit.forked.map_chunks)."""

from __future__ import annotations

import multiprocessing as mp

import pandas as pd
import pytest

import toolkit
import toolkit.attribution as attribution_module
import toolkit.forked as forked
from toolkit.agency import agency
from toolkit.forked import map_chunks
from toolkit.mentions import actor_mentions
from toolkit.tone import actor_tone

pytestmark = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")


def _corpus() -> pd.DataFrame:
    demo = toolkit.load_demo()
    parts = [demo.assign(doc_id=demo["doc_id"] + f"-{k}") for k in range(6)]
    return pd.concat(parts, ignore_index=True)  # 606 articles: two chunks of 500


def _chunk_bounds(job: dict, a: int, b: int) -> tuple[int, int]:
    return a, b


def test_chunks_come_back_in_order_forked(monkeypatch):
    monkeypatch.setattr(forked, "PARALLEL_MIN_CHARS", 0)
    assert map_chunks(_chunk_bounds, {}, 1200, chars=1) == [(0, 500), (500, 1000), (1000, 1200)]


@pytest.mark.parametrize("func", [actor_mentions, agency, actor_tone, toolkit.quotes],
                         ids=["actor_mentions", "agency", "actor_tone", "quotes"])
def test_forked_equals_one_process(monkeypatch, func):
    one = func(_corpus(), progress=False)
    monkeypatch.setattr(forked, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(attribution_module, "PARALLEL_MIN_CHARS", 0)
    two = func(_corpus(), progress=False)
    assert len(one) > 1000
    pd.testing.assert_frame_equal(one, two)
    if func is agency:
        pd.testing.assert_frame_equal(one.attrs["sentences"], two.attrs["sentences"])


def test_agency_after_mentions_equals_agency_alone():
    c = _corpus()
    alone = agency(c.copy(), progress=False)
    actor_mentions(c, progress=False)
    after = agency(c, progress=False)  # reads the cached mentions
    pd.testing.assert_frame_equal(alone, after)
    tone_alone = actor_tone(c.copy(), progress=False)
    pd.testing.assert_frame_equal(tone_alone, actor_tone(c, progress=False))
