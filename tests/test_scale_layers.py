"""The attribution and actor layers of a lazy corpus equal the in-memory tables exactly."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit.agency import agency
from toolkit.attribution import quotes
from toolkit.mentions import actor_mentions
from toolkit.scale.layers import concat_tables
from toolkit.tone import actor_tone, sentence_tone

from .conftest import lazy_split

dask = pytest.importorskip("dask")

DEMO_SIZES = [7, 40, 1, 25]
BIG_SIZES = [1500, 7000, 300, 4000]  # of the 20,000 articles; the last partition takes the rest


def _lazy(corpus: pd.DataFrame, sizes: list[int]):
    """As ``open_corpus`` gives it: the corpus's own string dtypes (no dask conversion)."""
    with dask.config.set({"dataframe.convert-string": False}):
        return lazy_split(corpus, sizes)


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    if "sentences" in expected.attrs:
        pd.testing.assert_frame_equal(got.attrs["sentences"], expected.attrs["sentences"], check_exact=True)
        assert got.attrs.keys() == expected.attrs.keys()
    else:
        assert got.attrs == expected.attrs


def _check_all(corpus: pd.DataFrame, lazy) -> None:
    """Every layer, in memory (each on a fresh copy: nothing cached) and on the lazy corpus."""
    for func, options in ((quotes, {}), (quotes, {"scare_quotes": False}), (actor_mentions, {}),
                          (agency, {}), (actor_tone, {}), (actor_tone, {"role_cues": None, "window": 5})):
        _same(func(lazy, progress=False, **options), func(corpus.copy(), progress=False, **options))
    attributions = quotes(corpus.copy(), progress=False)
    expected = actor_tone(corpus.copy(), attributions=attributions, progress=False)
    assert (expected["speaker"] != "").any()
    _same(actor_tone(lazy, attributions=attributions, progress=False), expected)


def test_demo_layers_identical_on_a_cluster(dask_client):
    demo = toolkit.load_demo()
    lazy = _lazy(demo, DEMO_SIZES)
    _check_all(demo, lazy)
    _same(sentence_tone(lazy, progress=False), sentence_tone(demo, progress=False))


def test_demo_layers_identical_with_the_local_scheduler():
    demo = toolkit.load_demo()
    _check_all(demo, _lazy(demo, [50, 3]))


def test_20k_identical_on_a_cluster(dask_client, corpus20k):
    lazy = _lazy(corpus20k, BIG_SIZES)
    for func in (quotes, agency, actor_tone):  # agency and actor_tone hold actor_mentions' columns
        _same(func(lazy, progress=False), func(corpus20k.copy(), progress=False))


def _set_limits(value: int | None) -> dict:
    """Set (None: leave) the fork thresholds of this process; returns the previous values."""
    import importlib

    old = {}
    for name in ("toolkit.forked", "toolkit.attribution", "toolkit.sentences"):
        mod = importlib.import_module(name)
        old[name] = mod.PARALLEL_MIN_CHARS
        if value is not None:
            mod.PARALLEL_MIN_CHARS = value
    return old


def _restore(old: dict) -> None:
    import importlib

    for name, value in old.items():
        importlib.import_module(name).PARALLEL_MIN_CHARS = value


def test_partitions_never_fork_inside_dask_workers(dask_client, corpus20k):
    """Dask workers are daemon processes (no children allowed): even with every fork
    threshold at 0 on the workers, partitions run on the one-process path."""
    part = corpus20k.iloc[:2000].reset_index(drop=True)
    lazy = _lazy(part, [1200])
    expected = {f.__name__: f(part.copy(), progress=False) for f in (quotes, actor_mentions)}
    old = dask_client.run(_set_limits, 0)
    try:
        assert all(v["toolkit.forked"] == 0 for v in dask_client.run(_set_limits, None).values())
        for func in (quotes, actor_mentions):
            _same(func(lazy, progress=False), expected[func.__name__])
    finally:
        for worker, values in old.items():
            dask_client.run(_restore, values, workers=[worker])


def test_concat_tables_unites_categories_in_order_of_appearance():
    a = pd.DataFrame({"g": pd.Categorical(["b", "a"], categories=["b", "a"]), "n": [1, 2]})
    b = pd.DataFrame({"g": pd.Categorical(["c", "a"], categories=["c", "a"]), "n": [3, 4]})
    out = concat_tables([a, a.iloc[:0], b])
    assert out["g"].cat.categories.tolist() == ["b", "a", "c"]
    assert out["g"].tolist() == ["b", "a", "c", "a"] and out["n"].tolist() == [1, 2, 3, 4]
    with pytest.raises(toolkit.schema.CorpusError, match="no articles"):
        concat_tables([None, None])
