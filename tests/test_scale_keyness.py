"""keyness, compare_all and term_matrix on a lazy corpus: the same tables as in memory.

Each case runs the function on a pandas corpus and on the same corpus split into lazy
partitions of different sizes (on the ``dask_client`` LocalCluster, or dask's local
scheduler), and compares the tables (values to 1e-12, integers and strings exactly) and
their ``attrs``.
"""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.matching import LanguageMismatchWarning
from toolkit.schema import CorpusError

from .conftest import lazy_split

pytest.importorskip("dask")
pytestmark = pytest.mark.filterwarnings("ignore:Sending large graph")  # lazy_split ships its frames

STOP = toolkit.get_stopwords("bundled")


@pytest.fixture(scope="module")
def demo():
    return toolkit.load_demo()


def same_attrs(got: dict, expected: dict) -> None:
    assert got.keys() == expected.keys()
    for key, want in expected.items():
        have = got[key]
        if isinstance(want, float):
            assert math.isclose(have, want, rel_tol=1e-12, abs_tol=0), key
        elif isinstance(want, dict):
            assert have.keys() == want.keys(), key
            for k, v in want.items():
                if isinstance(v, float):
                    assert math.isclose(have[k], v, rel_tol=1e-12, abs_tol=0), (key, k)
                else:
                    assert have[k] == v, (key, k)
        else:
            assert have == want, key


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    ints = [c for c in expected.columns if not pd.api.types.is_float_dtype(expected[c])]
    pd.testing.assert_frame_equal(got[ints], expected[ints], check_exact=True)
    same_attrs(got.attrs, expected.attrs)


def both(func, corpus, lazy, *args, **kwargs) -> None:
    same(func(lazy, *args, **kwargs), func(corpus, *args, **kwargs))


# --------------------------------------------------------------------- demo corpus


DEMO_KEYNESS = [
    pytest.param({}, id="default"),
    pytest.param({"stopwords": STOP}, id="stopwords"),
    pytest.param({"stopwords": True, "stem": True}, id="stem-stopwords"),
    pytest.param({"ngram": 2, "stopwords": True}, id="bigrams"),
    pytest.param({"ngram": 3, "stem": True, "stopwords": STOP, "prior": None}, id="stem-trigrams"),
    pytest.param({"sort": "g2", "significance": "docs", "min_docs": 1}, id="docs-test"),
    pytest.param({"n_boot": 199, "seed": 7, "significance": "boot"}, id="bootstrap"),
    pytest.param({"variants": True, "min_count": 2}, id="variants"),
]


@pytest.mark.parametrize("options", DEMO_KEYNESS)
def test_keyness_demo_identical_on_a_cluster(dask_client, demo, options):
    lazy = lazy_split(demo, [13, 40, 5])
    both(toolkit.keyness, demo, lazy, "Borealis Agency", **options)


def test_keyness_demo_reference_and_background_prior(dask_client, demo):
    lazy = lazy_split(demo, [30, 2, 50])
    both(toolkit.keyness, demo, lazy, ["Borealis Agency", "Eastern Concord Daily"],
         reference="The Dnipro Ledger", ngram=2, stopwords=STOP)
    background = demo[demo["source"] == "Northgate Wire"]
    both(toolkit.keyness, demo, lazy, "Borealis Agency", prior=background)


def test_keyness_multilingual_demo_warns_the_same(dask_client):
    """The demo in English, Russian and Ukrainian: both paths warn about mixed languages,
    and the Russian/Ukrainian stop words (stopwords=True), stems and lemmas agree."""
    corpus = toolkit.load_demo(None)
    lazy = lazy_split(corpus, [60, 150, 9])
    with pytest.warns(LanguageMismatchWarning) as expected:
        want = toolkit.keyness(corpus, "Borealis Agency", stopwords=True, stem=True)
    with pytest.warns(LanguageMismatchWarning) as got:
        have = toolkit.keyness(lazy, "Borealis Agency", stopwords=True, stem=True)
    assert [str(w.message) for w in got if w.category is LanguageMismatchWarning] == [
        str(w.message) for w in expected if w.category is LanguageMismatchWarning]
    same(have, want)
    ru = corpus[corpus["language"] == "ru"].reset_index(drop=True)
    both(toolkit.keyness, ru, lazy_split(ru, [30, 40]), "Borealis Agency", lemma=True,
         stopwords=True)
    both(toolkit.compare_all, corpus, lazy, by="language", stopwords=True, min_count=20)


def test_keyness_demo_single_article_warns(demo):
    corpus = demo.assign(side=np.where(np.arange(len(demo)) == 3, "one", "rest"))
    lazy = lazy_split(corpus, [2, 30])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LanguageMismatchWarning)
        with pytest.warns(UserWarning, match="single article.*min_docs=1"):
            got = toolkit.keyness(lazy, "one", by="side")
        with pytest.warns(UserWarning, match="single article.*min_docs=1"):
            want = toolkit.keyness(corpus, "one", by="side")
    same(got, want)


def test_compare_all_and_term_matrix_demo(dask_client, demo):
    lazy = lazy_split(demo, [13, 40, 5])
    both(toolkit.compare_all, demo, lazy)
    both(toolkit.compare_all, demo, lazy, stopwords=STOP, n_boot=99, seed=1, ngram=2)
    terms = ["regroup*", "retreat", "goodwill gesture", "операци*"]
    both(toolkit.term_matrix, demo, lazy, terms)
    both(toolkit.term_matrix, demo, lazy, terms, by=None, value="count")
    both(toolkit.term_matrix, demo, lazy, terms, by=["source", "language"])


def test_missing_group_values_warn_the_same(demo):
    corpus = demo.assign(source=demo["source"].where(np.arange(len(demo)) % 9 != 4))
    lazy = lazy_split(corpus, [25, 25])
    for func, args in ((toolkit.compare_all, ()), (toolkit.term_matrix, (["retreat"],))):
        with pytest.warns(UserWarning, match="no value in") as expected:
            want = func(corpus, *args)
        with pytest.warns(UserWarning, match="no value in") as got:
            have = func(lazy, *args)
        def messages(record):
            return [str(w.message) for w in record if "no value in" in str(w.message)]

        assert messages(got) == messages(expected)
        same(have, want)


def test_errors_on_a_lazy_corpus(demo):
    lazy = lazy_split(demo, [50])
    mask = demo["source"] == "Borealis Agency"
    with pytest.raises(CorpusError, match="boolean mask.*column value"):
        toolkit.keyness(lazy, mask)
    with pytest.raises(CorpusError, match="boolean mask.*column value"):
        toolkit.keyness(lazy, "Borealis Agency", reference=(~mask).to_numpy())
    for corpus in (demo, lazy):
        with pytest.raises(ValueError, match="has no articles in this corpus") as err:
            toolkit.keyness(corpus, "Nowhere Times")
        with pytest.raises(CorpusError, match="no such column"):
            toolkit.keyness(corpus, "x", by="outlet")
        with pytest.raises(ValueError, match="share 1"):
            toolkit.keyness(corpus, ["Borealis Agency", "Northgate Wire"], reference="Northgate Wire")
        with pytest.raises(ValueError, match="at least two values"):
            toolkit.compare_all(corpus.assign(one="a"), by="one")
    assert "values available" in str(err.value)


def test_local_scheduler_without_a_cluster(demo):
    """No cluster: dask's local scheduler gives the same tables."""
    lazy = lazy_split(demo, [60, 11])
    both(toolkit.keyness, demo, lazy, "Borealis Agency", stopwords=True, n_boot=99, seed=2)
    both(toolkit.compare_all, demo, lazy, stem=True)


# --------------------------------------------------------------------- 20,000 articles


@pytest.fixture(scope="module")
def lazy20k(corpus20k):
    return lazy_split(corpus20k, [1500, 7000, 300, 4000])


def test_keyness_20k_identical_on_a_cluster(dask_client, corpus20k, lazy20k):
    both(toolkit.keyness, corpus20k, lazy20k, "Borealis Agency")


def test_keyness_20k_stopwords_bigrams(dask_client, corpus20k, lazy20k):
    both(toolkit.keyness, corpus20k, lazy20k, "Borealis Agency", stopwords=True, ngram=2)


def test_keyness_20k_document_tests_and_bootstrap(dask_client, corpus20k, lazy20k):
    both(toolkit.keyness, corpus20k, lazy20k, ["Northgate Wire", "The Dnipro Ledger"],
         stopwords=STOP, significance="boot", n_boot=499, seed=11)


def test_compare_all_and_term_matrix_20k(dask_client, corpus20k, lazy20k):
    both(toolkit.compare_all, corpus20k, lazy20k, by="source", stopwords=STOP)
    both(toolkit.term_matrix, corpus20k, lazy20k, ["regroup*", "retreat", "goodwill gesture"])
