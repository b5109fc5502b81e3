"""find_duplicates / drop_duplicates on a lazy (Dask) corpus: identical to the in-memory tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit
import toolkit.duplicates as dup
from tests.conftest import lazy_split
from toolkit.duplicates import drop_duplicates, find_duplicates
from toolkit.schema import CorpusError

pytest.importorskip("dask")
pytestmark = pytest.mark.filterwarnings("ignore:Sending large graph")  # lazy_split ships its frames


def split(corpus: pd.DataFrame, sizes: list[int]):
    """``lazy_split`` keeping the corpus's own string dtypes (as ``open_corpus`` does)."""
    import dask

    with dask.config.set({"dataframe.convert-string": False}):
        return lazy_split(corpus, sizes)


def _edit(text: str, rng: np.random.Generator, n: int) -> str:
    words = text.split(" ")
    for i in rng.choice(len(words), size=min(n, len(words)), replace=False):
        words[i] = "floodwater"
    return " ".join(words)


@pytest.fixture(scope="module")
def planted(corpus20k) -> pd.DataFrame:
    """corpus20k with long articles and exact, edited, trimmed and chained copies of
    articles of the first partition placed far away (in other partitions)."""
    rng = np.random.default_rng(15)
    base = corpus20k.copy()
    texts = base["text"].to_numpy(dtype=object).copy()
    for i in range(1000, 1040):  # long articles (sets of more than 2 * num_perm shingles)
        texts[i] = " ".join(texts[[i, i + 3000, i + 6000]])
    base["text"] = pd.array(texts, dtype="str")
    rows = []
    originals = [*rng.choice(1000, size=30, replace=False).tolist(), *range(1000, 1040)]
    for n, i in enumerate(originals):
        text = str(base["text"].iloc[i])
        kind = n % 5
        copies = {
            0: [text],  # exact copy
            1: [_edit(text, rng, 3)],  # a few words changed
            2: [text.rsplit(". ", 1)[0] + "."],  # last sentence cut
            3: [_edit(text, rng, 2), _edit(text, rng, 12)],  # two copies of different distances
            4: [_edit(text, rng, 8), text],
        }[kind]
        for j, copy in enumerate(copies):
            rows.append({
                "doc_id": f"copy-{n:02d}-{j}",
                "source": str(base["source"].iloc[(i * 7 + j) % len(base)]),
                "date": base["date"].iloc[i] + pd.Timedelta(days=int(rng.integers(-3, 4))),
                "title": "A copy",
                "text": copy,
            })
    extra = pd.DataFrame(rows).astype({c: "str" for c in ("doc_id", "source", "title", "text")})
    key = np.r_[np.arange(len(base), dtype=float), rng.uniform(1600, len(base), size=len(extra))]
    out = pd.concat([base, extra], ignore_index=True)
    return out.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)


# ------------------------------------------------------------------------ demo corpus


@pytest.mark.parametrize("options", [
    {},
    {"threshold": 0.5},
    {"threshold": 0.9, "keep": "longest"},
    {"keep": "first", "num_perm": 32, "shingle_size": 3},
    {"threshold": 1.0},
])
def test_demo_identical_on_a_cluster(dask_client, options):
    corpus = toolkit.load_demo()
    expected = find_duplicates(corpus, **options)
    got = find_duplicates(split(corpus, [10, 40, 5, 30]), **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_demo_drop_duplicates_identical_on_a_cluster(dask_client):
    corpus = toolkit.load_demo()
    lazy = split(corpus, [30, 7, 50])
    for keep in ("earliest", "longest"):
        expected = drop_duplicates(corpus, keep=keep)
        got = drop_duplicates(lazy, keep=keep)
        assert type(got).__module__.startswith("dask")
        got = got.compute()
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert got.attrs == expected.attrs
    clusters = find_duplicates(corpus, threshold=0.5)
    expected = drop_duplicates(corpus, clusters, keep="first")
    got = drop_duplicates(lazy, clusters, keep="first").compute()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


def test_demo_without_a_cluster():
    corpus = toolkit.load_demo()
    lazy = split(corpus, [60])
    for options in ({}, {"threshold": 0.6, "keep": "first"}):
        pd.testing.assert_frame_equal(find_duplicates(lazy, **options), find_duplicates(corpus, **options),
                                      check_exact=True)
    got = drop_duplicates(lazy).compute()
    pd.testing.assert_frame_equal(got, drop_duplicates(corpus), check_exact=True)


# ------------------------------------------------------------------ 20,000 articles


@pytest.fixture(scope="module")
def planted_clusters(planted) -> pd.DataFrame:
    clusters = find_duplicates(planted)
    assert clusters["doc_id"].str.startswith("copy-").sum() >= 70  # the planted copies are found
    return clusters


def test_planted_copies_identical_on_a_cluster(dask_client, planted, planted_clusters):
    got = find_duplicates(split(planted, [1500, 7000, 300, 4000]))
    pd.testing.assert_frame_equal(got, planted_clusters, check_exact=True)


def test_planted_copies_other_options_identical_on_a_cluster(dask_client, planted):
    # num_perm=64: most sets have 2 * num_perm shingles or more (one-permutation signatures)
    options = {"threshold": 0.6, "keep": "first", "num_perm": 64, "seed": 7}
    expected = find_duplicates(planted, **options)
    got = find_duplicates(split(planted, [3000, 200, 9000]), **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_planted_drop_duplicates_identical_on_a_cluster(dask_client, planted, planted_clusters):
    expected = drop_duplicates(planted, planted_clusters, keep="longest")
    got = drop_duplicates(split(planted, [2500, 300, 9000]), planted_clusters, keep="longest").compute()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


# ------------------------------------------------------------------------ edge cases


def test_unequal_sets_with_equal_fingerprints(monkeypatch):
    """A fingerprint collision (two different sets) is caught by the exact check in both paths."""
    corpus = toolkit.load_demo()
    expected = find_duplicates(corpus)
    real = dup._equal_groups

    def colliding(fingerprint, counts):
        member, first = real(fingerprint, counts)
        return np.r_[member, 5], np.r_[first, 3]

    monkeypatch.setattr(dup, "_equal_groups", colliding)
    pd.testing.assert_frame_equal(find_duplicates(corpus), expected, check_exact=True)
    pd.testing.assert_frame_equal(find_duplicates(split(corpus, [4, 50])), expected, check_exact=True)


def test_no_copies_and_errors():
    corpus = toolkit.load_demo().drop_duplicates("event_id").iloc[:20]
    expected = find_duplicates(corpus, threshold=0.99)
    got = find_duplicates(split(corpus, [5, 5]), threshold=0.99)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    twice = pd.concat([corpus.iloc[:3], corpus.iloc[:3]], ignore_index=True)
    with pytest.raises(CorpusError, match="find_duplicates: doc_id values are not unique"):
        find_duplicates(split(twice, [3]))
    with pytest.raises(CorpusError, match="drop_duplicates: doc_id values are not unique"):
        drop_duplicates(split(twice, [3]), expected)
    with pytest.raises(CorpusError, match="no column"):
        find_duplicates(split(corpus.drop(columns="date"), [5]))
    with pytest.raises(ValueError, match="keep"):
        find_duplicates(split(corpus, [5]), keep="last")
