"""Article-level keyness tests (Lijffijt et al. 2016): Welch t-test and article bootstrap.

The Welch t-test is checked against ``scipy.stats.ttest_ind(equal_var=False)`` on rates
computed straight from the texts; the bootstrap against a slow transcription of the
authors' reference code (one replicate, one term at a time) with the same random draws.
"""

import importlib
import inspect
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ttest_ind

from toolkit.index import TokenIndex
from toolkit.keyness import compare_all, keyness, term_matrix, welch_test

from .handmade import make_small_corpus


def corpus_of(docs):
    """A corpus from (source, text) pairs."""
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(docs))],
            "source": [s for s, _ in docs],
            "date": pd.Timestamp("2022-03-01"),
            "title": "",
            "text": [t for _, t in docs],
        }
    )


def rates_from_texts(docs, terms):
    """Per-article rates of ``terms`` (count / words), from whitespace-split texts."""
    out = {}
    for source in sorted({s for s, _ in docs}):
        rows = []
        for s, text in docs:
            words = text.split()
            if s == source and words:
                rows.append([words.count(t) / len(words) for t in terms])
        out[source] = np.array(rows)
    return out


@pytest.fixture(scope="module")
def varied():
    """Articles of different lengths (all distinct), words spread unevenly over them."""
    rng = np.random.default_rng(42)
    vocab = np.array([f"w{i}" for i in range(25)])
    p = 1 / np.arange(1, 26)
    p /= p.sum()
    docs = []
    lengths = rng.permutation(np.arange(37, 37 + 3 * 23, 3))[:23]
    for i, n in enumerate(lengths):
        source = "T" if i < 9 else "R"
        words = list(rng.choice(vocab, int(n), p=p))
        if source == "T" and i % 3 == 0:
            words[: 4] = ["burst"] * 4  # a word some target articles repeat
        docs.append((source, " ".join(words)))
    return docs


# ---------------------------------------------------------------------------
# Welch t-test on article rates
# ---------------------------------------------------------------------------


# scipy warns that the constant reference rates are "nearly identical": they are identical
CONSTANT = pytest.mark.filterwarnings("ignore:Precision loss occurred:RuntimeWarning")


@CONSTANT
def test_welch_by_hand():
    # target rates (0.1, 0.0025, 0, 0), reference (0.005, 0.005, 0.005, 0.005)
    # mean_T = 0.025625, s_T^2 = sum((r - mean)^2) / 3 = 0.0023928..., s_R^2 = 0
    # t = (0.025625 - 0.005) / sqrt(s_T^2 / 4); df = n_T - 1 = 3 (the reference is constant)
    rt = np.array([0.1, 0.0025, 0.0, 0.0])
    rr = np.full(4, 0.005)
    ss_t = ((rt - rt.mean()) ** 2).sum()
    t, p = welch_test(np.array([rt.mean()]), np.array([ss_t]), 4, np.array([0.005]),
                      np.array([0.0]), 4)
    s2 = (0.074375**2 + 0.023125**2 + 2 * 0.025625**2) / 3
    assert t[0] == pytest.approx(0.020625 / math.sqrt(s2 / 4))
    assert t[0] == pytest.approx(0.8317, abs=1e-4)
    ref = ttest_ind(rt, rr, equal_var=False)
    assert t[0] == pytest.approx(ref.statistic, rel=1e-12)
    assert p[0] == pytest.approx(ref.pvalue, rel=1e-10)
    assert p[0] == pytest.approx(0.4666, abs=1e-4)


def test_welch_degenerate_cases():
    z = np.zeros(3)
    # both variances 0: equal means -> t = 0, p = 1; different means -> +-inf, p = 0
    t, p = welch_test(np.array([0.1, 0.1, 0.0]), z, 3, np.array([0.1, 0.0, 0.1]), z, 4)
    assert t.tolist() == [0.0, math.inf, -math.inf] and p.tolist() == [1.0, 0.0, 0.0]
    # fewer than two articles on a side: undefined
    t, p = welch_test(np.array([0.1]), np.array([0.0]), 1, np.array([0.2]), np.array([0.1]), 5)
    assert np.isnan(t).all() and np.isnan(p).all()


def test_t_docs_matches_scipy_on_a_corpus(varied):
    kw = keyness(corpus_of(varied), "T", min_count=1, min_docs=0).set_index("term")
    both = (kw["docs_target"] >= 2) & (kw["docs_reference"] >= 2)
    assert both.sum() >= 15 and (~both).sum() >= 1
    terms = sorted(kw.index[both])
    rates = rates_from_texts(varied, terms)
    ref = ttest_ind(rates["T"], rates["R"], equal_var=False, axis=0)
    np.testing.assert_allclose(kw.loc[terms, "t_docs"], ref.statistic, rtol=1e-9)
    np.testing.assert_allclose(kw.loc[terms, "p_docs"], ref.pvalue, rtol=1e-9)
    # fewer than two articles using the term on a side: not computed
    assert kw.loc[~both, ["t_docs", "p_docs"]].isna().all().all()
    assert kw.loc["burst", "docs_target"] == 3 and kw.loc["burst", "docs_reference"] == 0
    assert np.isnan(kw.loc["burst", "p_docs"])


def test_welch_is_not_run_on_a_side_without_the_term():
    # 'rare' in k = 6 of n = 40 reference articles (same rate r), in none of 6 target
    # articles: scipy's Welch test sees a target variance of 0, so t = mean_R / se_R =
    # sqrt(k (n - 1) / (n - k)) = 2.62 (p = 0.012) whatever the target's size; the
    # target's zero is sampling noise too, so keyness leaves p_docs NaN
    docs = [("T", "a b c d e f g h")] * 6
    docs += [("R", "rare a b c d e f g" if i < 6 else "a b c d e f g h") for i in range(40)]
    kw = keyness(corpus_of(docs), "T", min_count=1, min_docs=0).set_index("term")
    rates = rates_from_texts(docs, ["rare"])
    ref = ttest_ind(rates["T"][:, 0], rates["R"][:, 0], equal_var=False)
    assert ref.statistic == pytest.approx(-math.sqrt(6 * 39 / 34)) and ref.pvalue < 0.013
    assert np.isnan(kw.loc["rare", "t_docs"]) and np.isnan(kw.loc["rare", "p_docs"])


def test_t_docs_with_ngrams_counts_rates_per_word():
    docs = [("T", "peace talks now peace talks"), ("T", "no peace talks here at all"),
            ("T", "war goes on"), ("R", "peace talks stalled"), ("R", "the war the war"),
            ("R", "talks of peace talks")]
    kw = keyness(corpus_of(docs), "T", ngram=2, min_count=1, min_docs=0).set_index("term")
    # 'peace talks' per article: 2/5, 1/6, 0/3 vs 1/3, 0/4, 1/4 (rates per *word*)
    ref = ttest_ind([2 / 5, 1 / 6, 0], [1 / 3, 0, 1 / 4], equal_var=False)
    assert kw.loc["peace talks", "t_docs"] == pytest.approx(ref.statistic, rel=1e-10)
    assert kw.loc["peace talks", "p_docs"] == pytest.approx(ref.pvalue, rel=1e-10)


def test_articles_without_words_are_left_out():
    docs = [("T", "alpha beta beta"), ("T", "alpha alpha beta gamma"), ("T", "—"),
            ("R", "beta beta gamma"), ("R", "beta alpha"), ("R", "gamma gamma beta alpha")]
    kw = keyness(corpus_of(docs), "T", min_count=1, min_docs=0).set_index("term")
    ref = ttest_ind([1 / 3, 2 / 4], [0, 1 / 2, 1 / 4], equal_var=False)
    assert kw.loc["alpha", "t_docs"] == pytest.approx(ref.statistic, rel=1e-10)
    assert kw.loc["alpha", "p_docs"] == pytest.approx(ref.pvalue, rel=1e-10)


def test_single_article_side_gives_nan_not_an_error(varied):
    corpus = corpus_of(varied)
    one = (corpus["doc_id"] == "d0").to_numpy()
    kw = keyness(corpus, one, min_count=1, min_docs=1)
    assert kw["t_docs"].isna().all() and kw["p_docs"].isna().all()
    # significance by the article test: nothing can be significant
    kw = keyness(corpus, one, min_count=1, min_docs=1, significance="docs")
    assert not kw["significant"].any()


def test_compare_all_has_the_article_tests_of_keyness(varied):
    corpus = corpus_of(varied + [("S", "w1 w2 w3 burst"), ("S", "w1 w1 w4 w5 w6")])
    table = compare_all(corpus, min_count=1, min_docs=1, n_boot=30, seed=3)
    for group in ("R", "S", "T"):
        one = keyness(corpus, group, min_count=1, min_docs=1, n_boot=30, seed=3)
        part = table[table["target"] == group].drop(columns="target").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, one, check_dtype=False)
    assert list(table.columns)[-4:] == ["p_docs", "p_boot", "significant", "flag_single_doc"]


# ---------------------------------------------------------------------------
# the disagreement: one long article repeating a word
# ---------------------------------------------------------------------------


@CONSTANT
def test_g2_significant_but_not_the_article_level_tests():
    def article(uses):
        return " ".join(["referendum"] * uses + ["news"] * (400 - uses))

    docs = [("Herald", article(k)) for k in (40, 1, 0, 0)]
    docs += [("Courier", article(2)) for _ in range(4)]
    corpus = corpus_of(docs)
    kw = keyness(corpus, "Herald", n_boot=999, seed=0).set_index("term")
    row = kw.loc["referendum"]
    # word level: 41 vs 8 in 1,600 words each; E = 24.5 each side
    g2 = 2 * (41 * math.log(41 / 24.5) + 8 * math.log(8 / 24.5))
    assert row["g2"] == pytest.approx(g2) and row["g2"] == pytest.approx(24.314, abs=1e-3)
    assert row["p_g2"] < 1e-5 and row["p_z"] < 0.001 and row["significant"]
    assert row["docs_target"] == 2 and not row["flag_single_doc"]  # passes min_docs=2
    # article level: rates (0.1, 0.0025, 0, 0) vs 0.005 x 4
    ref = ttest_ind([0.1, 0.0025, 0, 0], [0.005] * 4, equal_var=False)
    assert row["t_docs"] == pytest.approx(ref.statistic, rel=1e-10)
    assert row["p_docs"] == pytest.approx(ref.pvalue, rel=1e-10)
    assert row["p_docs"] > 0.4 and row["p_boot"] > 0.4
    by_docs = keyness(corpus, "Herald", significance="docs").set_index("term")
    assert not by_docs.loc["referendum", "significant"]
    assert by_docs.attrs["significance"] == "p_docs"


# ---------------------------------------------------------------------------
# article bootstrap
# ---------------------------------------------------------------------------


def slow_bootstrap(rates_t, rates_r, n_boot, seed):
    """Lijffijt et al.'s reference code (R ``bootstraptest``), term by term, same draws."""
    rng = np.random.default_rng(seed)
    n = min(len(rates_t), len(rates_r))
    k = rates_t.shape[1]
    wins = [0.0] * k
    for _ in range(n_boot):
        pick_t = rng.integers(0, len(rates_t), n)
        pick_r = rng.integers(0, len(rates_r), n)
        for j in range(k):
            f_t = sum(rates_t[i, j] for i in pick_t) / n
            f_r = sum(rates_r[i, j] for i in pick_r) / n
            wins[j] += 1.0 if f_t > f_r else (0.5 if f_t == f_r else 0.0)
    p = []
    for w in wins:
        p1 = w / n_boot
        p.append((1 + 2 * n_boot * min(p1, 1 - p1)) / (1 + n_boot))
    return np.array(p)


def test_bootstrap_matches_the_slow_reference_loop():
    # articles of distinct lengths (prime-ish), so no two draws tie except at zero
    docs = [
        ("T", "alpha beta beta gamma delta alpha beta"),
        ("T", "beta gamma gamma delta epsilon beta gamma delta beta beta gamma"),
        ("T", "alpha alpha alpha beta gamma"),
        ("R", "beta gamma delta delta epsilon delta beta gamma delta beta gamma delta beta"),
        ("R", "gamma delta epsilon"),
        ("R", "alpha delta delta gamma beta epsilon delta gamma beta delta gamma epsilon "
              "delta beta gamma delta beta"),
        ("R", "epsilon epsilon delta gamma beta delta epsilon"),
    ]
    kw = keyness(corpus_of(docs), "T", min_count=1, min_docs=0, n_boot=200, seed=7)
    kw = kw.set_index("term")
    terms = sorted(kw.index)
    rates = rates_from_texts(docs, terms)
    expected = slow_bootstrap(rates["T"], rates["R"], 200, 7)
    np.testing.assert_allclose(kw.loc[terms, "p_boot"], expected, rtol=1e-12)
    assert (kw["p_boot"] >= 1 / 201).all() and (kw["p_boot"] <= 1).all()
    assert kw.attrs["n_boot"] == 200 and kw.attrs["seed"] == 7
    # same seed, same result; the block size does not matter
    again = keyness(corpus_of(docs), "T", min_count=1, min_docs=0, n_boot=200, seed=7)
    pd.testing.assert_series_equal(again.set_index("term")["p_boot"], kw["p_boot"])


def test_bootstrap_blocks_do_not_change_the_draws(monkeypatch, varied):
    k = importlib.import_module("toolkit.keyness")  # the module, not the function

    corpus = corpus_of(varied)
    whole = keyness(corpus, "T", min_count=1, min_docs=0, n_boot=40, seed=1)
    monkeypatch.setattr(k, "BOOT_CELLS", 1)  # one replicate per block
    blocks = keyness(corpus, "T", min_count=1, min_docs=0, n_boot=40, seed=1)
    pd.testing.assert_frame_equal(whole, blocks)


def test_bootstrap_is_off_by_default_and_can_drive_significance(varied):
    corpus = corpus_of(varied)
    kw = keyness(corpus, "T", min_count=1, min_docs=0)
    assert "p_boot" not in kw.columns and kw.attrs["n_boot"] == 0
    kw = keyness(corpus, "T", min_count=1, min_docs=0, n_boot=99, significance="boot",
                 alpha=0.5)
    assert kw.attrs["significance"] == "p_boot"
    np.testing.assert_array_equal(kw["significant"], kw["p_boot"] < kw.attrs["threshold"])


# ---------------------------------------------------------------------------
# variants pass-through
# ---------------------------------------------------------------------------


def test_variants_are_passed_to_the_index_view_only_when_given(monkeypatch):
    calls = []
    original = TokenIndex.view

    def view(self, *, ngram=1, stem=False, **kwargs):
        calls.append(kwargs)
        return original(self, ngram=ngram, stem=stem)

    monkeypatch.setattr(TokenIndex, "view", view)
    corpus = make_small_corpus()
    keyness(corpus, "Alpha", min_count=1, min_docs=1)
    compare_all(corpus, min_count=1, min_docs=1)
    term_matrix(corpus, ["talks"])
    assert all("variants" not in c for c in calls)
    calls.clear()
    table = pd.DataFrame({"variant": ["kiev"], "preferred": ["kyiv"]})
    kw = keyness(corpus, "Alpha", min_count=1, min_docs=1, variants=table)
    assert kw.attrs["variants"] is True
    compare_all(corpus, min_count=1, min_docs=1, variants=True)
    term_matrix(corpus, ["talks"], variants=True)
    passed = [c["variants"] for c in calls if "variants" in c]
    assert len(passed) == 3 and passed[0] is table and passed[1:] == [True, True]


@pytest.mark.skipif(
    "variants" not in inspect.signature(TokenIndex.view).parameters,
    reason="TokenIndex.view has no variants option yet",
)
def test_variants_merge_spellings_before_counting():
    docs = [("T", "Zelenskiy met envoys"), ("T", "Zelensky spoke today"),
            ("R", "envoys met today"), ("R", "the envoys spoke")]
    corpus = corpus_of(docs)
    plain = keyness(corpus, "T", min_count=1, min_docs=0).set_index("term")
    merged = keyness(corpus, "T", min_count=1, min_docs=0, variants=True).set_index("term")
    assert plain.loc["zelensky", "count_target"] == 1 and "zelenskiy" in plain.index
    assert merged.loc["zelensky", "count_target"] == 2 and "zelenskiy" not in merged.index
    assert merged.loc["zelensky", "docs_target"] == 2
    assert merged.attrs["target_tokens"] == plain.attrs["target_tokens"] == 6
    # the article-level rates use the merged counts too: 'met' is in one target and one
    # reference article (no Welch test), 'envoys' in 1 and 2, 'zelensky' in 2 and 0
    assert merged[["t_docs", "p_docs"]].isna().all().all()
    table = compare_all(corpus, min_count=1, min_docs=0, variants=True)
    assert "zelenskiy" not in set(table["term"])
    counts = term_matrix(corpus, ["zelensky"], value="count", variants=True)
    assert counts.loc["zelensky"].tolist() == [0, 2]  # columns R, T
