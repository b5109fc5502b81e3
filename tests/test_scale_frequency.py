"""word_frequencies and term_trends on a lazy corpus give the in-memory tables exactly."""

import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from tests.conftest import lazy_split
from toolkit.fairness import LengthWarning
from toolkit.frequency import term_trends, word_frequencies
from toolkit.schema import CorpusError

DEMO_SIZES = [10, 40, 7]  # and the rest: four partitions of different sizes
BIG_SIZES = [1500, 7000, 300, 4000]

pytestmark = pytest.mark.filterwarnings("ignore:Sending large graph:UserWarning")

TERMS = ["war", "regroup*", "goodwill gesture", "talks"]


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    assert got.attrs == expected.attrs


def both(func, corpus, lazy, *args, **kw):
    """The in-memory and the lazy result, with the warnings each raised."""
    with warnings.catch_warnings(record=True) as w_mem:
        warnings.simplefilter("always")
        expected = func(corpus, *args, **kw)
    with warnings.catch_warnings(record=True) as w_lazy:
        warnings.simplefilter("always")
        got = func(lazy, *args, **kw)
    keep = (UserWarning,)
    mem = [(w.category, str(w.message)) for w in w_mem if issubclass(w.category, keep)]
    lz = [(w.category, str(w.message)) for w in w_lazy if issubclass(w.category, keep)]
    assert lz == mem
    return got, expected


@pytest.fixture(scope="module")
def demo():
    return toolkit.load_demo()


FREQ_CASES = [
    {},
    {"by": "source"},
    {"by": "source", "stopwords": True, "top": 20},
    {"by": ["source", "language"], "stopwords": True},
    {"by": "source", "stem": True, "stopwords": True},
    {"by": "source", "ngram": 2, "stopwords": True, "min_count": 2},
    {"by": "source", "ngram": 3, "stem": True, "stopwords": True, "min_docs": 2},
    {"variants": True, "stopwords": True},
    {"by": "source", "variants": True, "stem": True, "stopwords": True, "top": 5},
    {"by": "event_id", "lemma": True, "stopwords": True},
    {"by": "source", "stopwords": ["the", "of", "war"], "min_count": 3, "top": 10},
]


@pytest.mark.parametrize("kw", FREQ_CASES, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()) or "plain")
def test_word_frequencies_demo_on_a_cluster(dask_client, demo, kw):
    got, expected = both(word_frequencies, demo, lazy_split(demo, DEMO_SIZES), **kw)
    same(got, expected)


@pytest.mark.parametrize(
    "kw", [{"by": None, "freq": "M"}, {"by": "source", "freq": "2W"},
           {"by": ["source", "language"], "freq": "W"}, {"by": "source", "freq": "3D"}],
    ids=lambda kw: f"{kw['by']}-{kw['freq']}",
)
def test_term_trends_demo_on_a_cluster(dask_client, demo, kw):
    got, expected = both(term_trends, demo, lazy_split(demo, DEMO_SIZES), TERMS, **kw)
    same(got, expected)
    assert got["tokens"].eq(0).any() and got.loc[got["tokens"] == 0, "per_10k"].isna().all()


@pytest.mark.parametrize("kw", [
    {"by": "source", "stopwords": True, "top": 50},
    {"by": None, "ngram": 2, "stem": True, "stopwords": True, "min_count": 5},
    {"by": ["source"], "variants": True, "stopwords": True, "min_docs": 10},
], ids=["source-stop-top", "bigram-stem-stop", "variants-min_docs"])
def test_word_frequencies_20k_on_a_cluster(dask_client, corpus20k, kw):
    same(word_frequencies(lazy_split(corpus20k, BIG_SIZES), **kw), word_frequencies(corpus20k, **kw))


@pytest.mark.parametrize("kw", [{"by": "source", "freq": "M"}, {"by": None, "freq": "2W"}],
                         ids=["source-M", "all-2W"])
def test_term_trends_20k_on_a_cluster(dask_client, corpus20k, kw):
    same(term_trends(lazy_split(corpus20k, BIG_SIZES), TERMS, **kw), term_trends(corpus20k, TERMS, **kw))


def test_local_scheduler_without_a_cluster(demo):
    lazy = lazy_split(demo, [30, 5, 50])
    same(word_frequencies(lazy, by="source", stopwords=True, top=10),
         word_frequencies(demo, by="source", stopwords=True, top=10))
    same(term_trends(lazy, TERMS, by="source", freq="2W"), term_trends(demo, TERMS, by="source", freq="2W"))


def test_stem_stop_words_are_decided_on_the_whole_corpus():
    # "according" is a stop word, "accords" is not: the stem "accord" stays, although
    # the first partition alone has only "according"; "about" is a stop word everywhere
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
        "text": ["according to them, about it", "talks about", "the accords held, about"],
    })
    corpus["text"] = corpus["text"].astype("str")
    lazy = lazy_split(corpus, [1, 1])
    for kw in ({"stem": True}, {"stem": True, "by": "source"}, {"stem": True, "ngram": 2}):
        got, expected = both(word_frequencies, corpus, lazy, stopwords=True, **kw)
        same(got, expected)
    one = word_frequencies(lazy, stem=True, stopwords=True)
    assert "accord" in set(one["term"]) and "about" not in set(one["term"])
    # the first partition alone would drop "accord" (all its forms there are stop words)
    alone = word_frequencies(corpus.iloc[:1], stem=True, stopwords=True)
    assert "accord" not in set(alone["term"])


def test_missing_values_and_dates_as_in_memory(demo):
    corpus = demo.copy()
    corpus.loc[corpus.index[[3, 50]], "source"] = np.nan
    corpus.loc[corpus.index[[5, 60, 61]], "date"] = pd.NaT
    lazy = lazy_split(corpus, DEMO_SIZES)
    got, expected = both(word_frequencies, corpus, lazy, by="source", stopwords=True)
    same(got, expected)
    got, expected = both(word_frequencies, corpus, lazy, by=["source", "language"])
    same(got, expected)
    for by in (None, "source", ["source", "language"]):
        got, expected = both(term_trends, corpus, lazy, TERMS, by=by, freq="2W")
        same(got, expected)


def test_length_warning_as_in_memory(demo):
    corpus = demo.copy()
    cut = corpus["source"] == "Northgate Wire"
    corpus.loc[cut, "text"] = corpus.loc[cut, "text"].map(lambda t: " ".join(t.split()[:150]))
    lazy = lazy_split(corpus, DEMO_SIZES)
    for by, warns in (("source", True), (None, False), (["source", "length_stratum"], False)):
        if by == ["source", "length_stratum"]:
            strata = toolkit.length_strata(corpus)
            c = corpus.assign(length_stratum=strata["length_stratum"].to_numpy())
            lz = lazy_split(c, DEMO_SIZES)
        else:
            c, lz = corpus, lazy
        with warnings.catch_warnings(record=True) as w_mem:
            warnings.simplefilter("always")
            expected = word_frequencies(c, by=by, top=5)
        with warnings.catch_warnings(record=True) as w_lazy:
            warnings.simplefilter("always")
            got = word_frequencies(lz, by=by, top=5)
        same(got, expected)
        mem = [str(w.message) for w in w_mem if w.category is LengthWarning]
        lzy = [str(w.message) for w in w_lazy if w.category is LengthWarning]
        assert lzy == mem and bool(mem) is warns
        assert all(w.filename == __file__ for w in w_lazy if w.category is LengthWarning)


def test_errors_as_in_memory(demo):
    lazy = lazy_split(demo, DEMO_SIZES)
    with pytest.raises(CorpusError, match="no such column"):
        word_frequencies(lazy, by="outlet")
    with pytest.raises(CorpusError, match="'date' column"):
        term_trends(lazy_split(demo.drop(columns="date"), DEMO_SIZES), "war")
    undated = demo.assign(date=pd.NaT)
    with pytest.raises(CorpusError, match="every article's date is missing"):
        term_trends(lazy_split(undated, DEMO_SIZES), "war")
    odd = demo.copy()
    odd.loc[odd.index[70], "date"] = pd.Timestamp("1500-01-01")
    with pytest.raises(CorpusError) as mem:
        term_trends(odd, "war")
    with pytest.raises(CorpusError) as lz:
        term_trends(lazy_split(odd, DEMO_SIZES), "war")
    assert str(lz.value) == str(mem.value)
