"""Keyness statistics checked against hand computations and independent implementations."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency, norm, power_divergence

from toolkit.keyness import COLUMNS, compare_all, keyness, keyness_measures, term_matrix

from .handmade import make_small_corpus

NUMERIC = ["per_10k_target", "per_10k_reference", "g2", "p_value", "log_ratio", "pct_diff",
           "chi2", "log_odds", "z"]


@pytest.fixture
def small_corpus():
    return make_small_corpus()


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


@pytest.fixture
def table_corpus():
    """a = 10 'alpha' in a target of N1 = 1,000 words, b = 5 in a reference of N2 = 2,000.

    Target: two 500-word articles with 5 'alpha' each. Reference: four 500-word
    articles, one of them with 5 'alpha'. Every other word is 'filler'.
    """
    with_alpha = " ".join(["alpha"] * 5 + ["filler"] * 495)
    without = " ".join(["filler"] * 500)
    return corpus_of(
        [("T", with_alpha), ("T", with_alpha), ("R", with_alpha), ("R", without),
         ("R", without), ("R", without)]
    )


def mcq_z(y_i, y_j, alpha_w):
    """Monroe, Colaresi & Quinn (2008): log-odds with Dirichlet prior and its z, written out."""
    y_i, y_j, alpha_w = (np.asarray(v, dtype=float) for v in (y_i, y_j, alpha_w))
    alpha_0 = alpha_w.sum()
    n_i, n_j = y_i.sum(), y_j.sum()
    omega_i = (y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)
    omega_j = (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
    delta = np.log(omega_i) - np.log(omega_j)
    sigma2 = (1 / (y_i + alpha_w) + 1 / (n_i + alpha_0 - y_i - alpha_w)
              + 1 / (y_j + alpha_w) + 1 / (n_j + alpha_0 - y_j - alpha_w))
    return delta, delta / np.sqrt(sigma2)


# ---------------------------------------------------------------------------
# every measure against a hand computation: a = 10, b = 5, N1 = 1,000, N2 = 2,000
# ---------------------------------------------------------------------------


def test_measures_by_hand():
    m = keyness_measures(np.array([10]), np.array([5]), 1000, 2000)
    # log-likelihood, two-cell form: E1 = 1000 * 15 / 3000 = 5, E2 = 2000 * 15 / 3000 = 10
    # G2 = 2 * (10 ln(10/5) + 5 ln(5/10)) = 2 * (10 ln 2 - 5 ln 2) = 10 ln 2
    assert m["g2"][0] == pytest.approx(10 * math.log(2))  # 6.931...
    assert m["p_value"][0] == pytest.approx(chi2.sf(10 * math.log(2), 1))  # 0.0084692
    assert m["p_value"][0] == pytest.approx(0.0084692, abs=1e-7)
    assert m["sign"][0] == 1  # 10/1000 = 0.01 > 5/2000 = 0.0025
    # log ratio = log2(0.01 / 0.0025) = log2(4) = 2
    assert m["log_ratio"][0] == pytest.approx(2.0)
    # %DIFF = (0.01 - 0.0025) / 0.0025 * 100 = 300
    assert m["pct_diff"][0] == pytest.approx(300.0)
    # chi-square: table [[10, 5], [990, 1995]], N = 3000
    # ad - bc = 10 * 1995 - 5 * 990 = 15000
    # chi2 = 3000 * 15000^2 / (15 * 2985 * 1000 * 2000) = 6.75e11 / 8.955e10 = 7.5377
    assert m["chi2"][0] == pytest.approx(3000 * 15000**2 / (15 * 2985 * 1000 * 2000))
    assert m["chi2"][0] == pytest.approx(7.537688, abs=1e-6)
    # log-odds without prior: ln(10/990) - ln(5/1995) = ln(19950/4950) = ln(4.0303) = 1.3938
    # var = 1/10 + 1/990 + 1/5 + 1/1995 = 0.301511; z = 1.3938 / sqrt(0.301511) = 2.5384
    assert m["log_odds"][0] == pytest.approx(math.log(19950 / 4950))
    var = 1 / 10 + 1 / 990 + 1 / 5 + 1 / 1995
    assert m["z"][0] == pytest.approx(math.log(19950 / 4950) / math.sqrt(var))
    assert m["z"][0] == pytest.approx(2.5384, abs=1e-4)


def test_measures_by_hand_with_prior():
    # alpha_w = 1.5 out of alpha_0 = 30: posterior 11.5 of 1030 and 6.5 of 2030
    m = keyness_measures(np.array([10]), np.array([5]), 1000, 2000, np.array([1.5]), 30.0)
    delta = math.log(11.5 / 1018.5) - math.log(6.5 / 2023.5)
    var = 1 / 11.5 + 1 / 1018.5 + 1 / 6.5 + 1 / 2023.5
    assert m["log_odds"][0] == pytest.approx(delta)
    assert m["z"][0] == pytest.approx(delta / math.sqrt(var))
    # the prior does not touch the other measures
    assert m["g2"][0] == pytest.approx(10 * math.log(2))


def test_keyness_row_matches_hand_table(table_corpus):
    kw = keyness(table_corpus, "T", reference="R", min_count=1, min_docs=1).set_index("term")
    assert list(kw.reset_index().columns) == COLUMNS
    row = kw.loc["alpha"]
    assert (row["count_target"], row["count_reference"]) == (10, 5)
    assert (row["docs_target"], row["docs_reference"]) == (2, 1)
    assert kw.attrs["target_tokens"] == 1000 and kw.attrs["reference_tokens"] == 2000
    assert row["per_10k_target"] == pytest.approx(100.0)  # 10 / 1000 * 10,000
    assert row["per_10k_reference"] == pytest.approx(25.0)  # 5 / 2000 * 10,000
    assert row["g2"] == pytest.approx(10 * math.log(2))
    assert row["log_ratio"] == pytest.approx(2.0)
    assert row["pct_diff"] == pytest.approx(300.0)
    assert row["chi2"] == pytest.approx(7.537688, abs=1e-6)
    assert row["direction"] == "over"
    # corpus prior, alpha_0 = 1000: corpus has 15 'alpha' and 2985 'filler' in 3000 words
    # alpha_w = 1000 * 15 / 3000 = 5 -> posterior 15 of 2000 in T, 10 of 3000 in R
    delta = math.log(15 / (2000 - 15)) - math.log(10 / (3000 - 10))
    var = 1 / 15 + 1 / 1985 + 1 / 10 + 1 / 2990
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z"] == pytest.approx(delta / math.sqrt(var))
    # 'filler' is the mirror image: under-used
    assert kw.loc["filler", "direction"] == "under"
    assert kw.loc["filler", "z"] < 0 < row["z"]


# ---------------------------------------------------------------------------
# against trusted implementations, over many tables
# ---------------------------------------------------------------------------


@pytest.fixture
def random_tables():
    rng = np.random.default_rng(7)
    n1, n2 = 5_000, 12_000
    a = rng.integers(0, 60, 300)
    b = rng.integers(0, 140, 300)
    keep = a + b > 0
    return a[keep], b[keep], n1, n2


def test_g2_matches_scipy_power_divergence(random_tables):
    a, b, n1, n2 = random_tables
    g2 = keyness_measures(a, b, n1, n2)["g2"]
    for ai, bi, gi in zip(a, b, g2, strict=True):
        e1 = n1 * (ai + bi) / (n1 + n2)
        e2 = n2 * (ai + bi) / (n1 + n2)
        ref = power_divergence([ai, bi], f_exp=[e1, e2], lambda_="log-likelihood").statistic
        assert gi == pytest.approx(ref, rel=1e-9, abs=1e-9)


def test_two_cell_g2_is_at_most_the_four_cell_g_test(random_tables):
    # documented difference: the full 2x2 G-test adds the (non-negative) "other words" row
    a, b, n1, n2 = random_tables
    g2 = keyness_measures(a, b, n1, n2)["g2"]
    for ai, bi, gi in zip(a[:50], b[:50], g2[:50], strict=True):
        table = np.array([[ai, bi], [n1 - ai, n2 - bi]])
        full = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert gi <= full + 1e-9
        assert gi == pytest.approx(full, rel=0.05, abs=0.05)  # small a + b: nearly equal


def test_chi2_matches_scipy_chi2_contingency(random_tables):
    a, b, n1, n2 = random_tables
    c2 = keyness_measures(a, b, n1, n2)["chi2"]
    for ai, bi, ci in zip(a, b, c2, strict=True):
        table = np.array([[ai, bi], [n1 - ai, n2 - bi]])
        ref = chi2_contingency(table, correction=False)[0]
        assert ci == pytest.approx(ref, rel=1e-9, abs=1e-9)


def test_log_ratio_and_pct_diff_formulas(random_tables):
    a, b, n1, n2 = random_tables
    m = keyness_measures(a, b, n1, n2)
    ac = np.where(a == 0, 0.5, a)
    bc = np.where(b == 0, 0.5, b)
    np.testing.assert_allclose(m["log_ratio"], np.log2((ac / n1) / (bc / n2)))
    np.testing.assert_allclose(m["pct_diff"], (a / n1 - bc / n2) / (bc / n2) * 100)
    np.testing.assert_array_equal(m["sign"], np.sign(a / n1 - b / n2))


def test_z_matches_independent_implementation_on_a_corpus():
    rng = np.random.default_rng(3)
    vocab = np.array([f"word{i}" for i in range(300)])
    p = 1 / np.arange(1, 301)
    p /= p.sum()
    docs = [("A" if i % 3 else "B", " ".join(rng.choice(vocab, 120, p=p))) for i in range(60)]
    corpus = corpus_of(docs)
    kw = keyness(corpus, "A", min_count=1, min_docs=0, prior_scale=500).set_index("term")
    # independent counts, straight from the texts
    ya = pd.Series(" ".join(t for s, t in docs if s == "A").split()).value_counts()
    yb = pd.Series(" ".join(t for s, t in docs if s == "B").split()).value_counts()
    terms = sorted(set(ya.index) | set(yb.index))
    y_i = ya.reindex(terms, fill_value=0).to_numpy()
    y_j = yb.reindex(terms, fill_value=0).to_numpy()
    corpus_counts = y_i + y_j
    alpha_w = 500 * corpus_counts / corpus_counts.sum()
    delta, z = mcq_z(y_i, y_j, alpha_w)
    np.testing.assert_allclose(kw.loc[terms, "log_odds"], delta, rtol=1e-10)
    np.testing.assert_allclose(kw.loc[terms, "z"], z, rtol=1e-10)


def test_z_matches_scattertext():
    try:
        from scattertext.termsignificance.LogOddsRatioInformativeDirichletPiror import (
            LogOddsRatioInformativeDirichletPrior,
        )
    except Exception as exc:  # scattertext pulls in many dependencies
        pytest.skip(f"scattertext does not import cleanly here ({type(exc).__name__}: {exc})")
    rng = np.random.default_rng(11)
    vocab = np.array([f"term{i}" for i in range(200)])
    p = 1 / np.arange(1, 201) ** 0.9
    p /= p.sum()
    docs = [("A" if i % 2 else "B", " ".join(rng.choice(vocab, 80, p=p))) for i in range(40)]
    corpus = corpus_of(docs)
    kw = keyness(corpus, "A", min_count=1, min_docs=0, prior_scale=1000).set_index("term")
    ya = pd.Series(" ".join(t for s, t in docs if s == "A").split()).value_counts()
    yb = pd.Series(" ".join(t for s, t in docs if s == "B").split()).value_counts()
    terms = sorted(set(ya.index) | set(yb.index))
    y_i = ya.reindex(terms, fill_value=0).to_numpy().astype(float)
    y_j = yb.reindex(terms, fill_value=0).to_numpy().astype(float)
    priors = 1000 * (y_i + y_j) / (y_i + y_j).sum()  # our default: corpus shares, alpha_0 = 1000
    scorer = LogOddsRatioInformativeDirichletPrior(priors, scale_type="none")
    z_st = scorer.get_zeta_i_j_given_separate_counts(y_i, y_j)
    np.testing.assert_allclose(kw.loc[terms, "z"].to_numpy(), z_st, rtol=1e-10)


# ---------------------------------------------------------------------------
# edge cases
# ---------------------------------------------------------------------------


def test_term_absent_from_one_side_is_finite(small_corpus):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1).set_index("term")
    assert np.isfinite(kw[NUMERIC].to_numpy()).all()
    n1, n2 = kw.attrs["target_tokens"], kw.attrs["reference_tokens"]
    assert (n1, n2) == (41, 45)  # hand-counted: Alpha 41 words, Beta + Gamma 45
    only_t = kw.loc["regrouping"]  # 2 in Alpha, 0 elsewhere
    assert (only_t["count_target"], only_t["count_reference"]) == (2, 0)
    assert only_t["log_ratio"] == pytest.approx(math.log2((2 / 41) / (0.5 / 45)))
    assert only_t["pct_diff"] == pytest.approx((2 / 41 - 0.5 / 45) / (0.5 / 45) * 100)
    e1, e2 = 41 * 2 / 86, 45 * 2 / 86
    assert only_t["g2"] == pytest.approx(2 * 2 * math.log(2 / e1))
    assert e2 > 0
    only_r = kw.loc["goodwill"]  # 0 in Alpha, 2 in Beta
    assert only_r["pct_diff"] == -100.0
    assert only_r["log_ratio"] == pytest.approx(math.log2((0.5 / 41) / (2 / 45)))
    assert only_r["direction"] == "under"


def test_one_word_corpus_is_finite():
    # every article is the single word "war": nothing differs
    kw = keyness(corpus_of([("A", "war"), ("B", "war")]), "A", min_count=1, min_docs=1)
    assert len(kw) == 1
    row = kw.iloc[0]
    assert np.isfinite(kw[NUMERIC].to_numpy()).all()
    assert (row["g2"], row["chi2"], row["log_ratio"], row["pct_diff"]) == (0, 0, 0, 0)
    assert row["z"] == 0 and row["p_value"] == 1.0 and row["direction"] == "equal"
    # one word each side, different words: G2 = 2 * 1 * ln(1 / 0.5) = 2 ln 2
    kw = keyness(corpus_of([("A", "war"), ("B", "peace")]), "A", min_count=1, min_docs=1)
    kw = kw.set_index("term")
    assert np.isfinite(kw[NUMERIC].to_numpy()).all()
    assert kw.loc["war", "g2"] == pytest.approx(2 * math.log(2))
    assert kw.loc["war", "log_ratio"] == pytest.approx(1.0)  # log2(1 / 0.5)
    assert kw.loc["peace", "direction"] == "under"


def test_unknown_or_filtered_out_outlet_is_a_clear_error(small_corpus):
    with pytest.raises(ValueError, match=r"target names source 'Delta'.*no articles.*'Alpha', 'Beta', 'Gamma'"):
        keyness(small_corpus, "Delta")
    filtered = small_corpus[small_corpus["source"] != "Gamma"].reset_index(drop=True)
    with pytest.raises(ValueError, match=r"'Gamma'.*values available: \['Alpha', 'Beta'\]"):
        keyness(filtered, "Alpha", reference="Gamma")
    with pytest.raises(ValueError, match="'Gamma'"):
        keyness(filtered, ["Alpha", "Gamma"])


def test_single_article_target_warns_about_min_docs(small_corpus):
    one = (small_corpus["doc_id"] == "c1").to_numpy()
    with pytest.warns(UserWarning, match="single article.*min_docs=1"):
        kw = keyness(small_corpus, one, min_count=1)
    assert (kw["direction"] != "over").all()
    assert (keyness(small_corpus, one, min_count=1, min_docs=1)["direction"] == "over").any()


def test_other_selection_errors(small_corpus):
    none = np.zeros(len(small_corpus), dtype=bool)
    with pytest.raises(ValueError, match="target mask selects no documents"):
        keyness(small_corpus, none)
    with pytest.raises(ValueError, match="3 values but the corpus has 5 rows"):
        keyness(small_corpus, np.array([True, False, True]))
    with pytest.raises(ValueError, match="share 2 document"):
        keyness(small_corpus, "Alpha", reference=["Alpha", "Beta"])
    with pytest.raises(ValueError, match="no such column"):
        keyness(small_corpus, "Alpha", by="outlet")
    everything = np.ones(len(small_corpus), dtype=bool)
    with pytest.raises(ValueError, match="reference .* has no documents"):
        keyness(small_corpus, everything)
    with pytest.raises(ValueError, match="sort must be one of"):
        keyness(small_corpus, "Alpha", sort="frequency")
    empty = corpus_of([("A", "war and peace"), ("B", "... —")])
    with pytest.raises(ValueError, match=r"reference \(B\) has 1 document\(s\) but no words"):
        keyness(empty, "A", reference="B")
    with pytest.raises(ValueError, match="at least two values"):
        compare_all(corpus_of([("A", "war"), ("A", "peace")]))


# ---------------------------------------------------------------------------
# options
# ---------------------------------------------------------------------------


def test_target_as_list_mask_and_value_agree(small_corpus):
    by_list = keyness(small_corpus, ["Alpha", "Beta"], min_count=1, min_docs=1)
    mask = small_corpus["source"].isin(["Alpha", "Beta"])
    by_mask = keyness(small_corpus, mask, min_count=1, min_docs=1)
    pd.testing.assert_frame_equal(by_list, by_mask, check_like=False)
    assert by_list.attrs["target"] == "Alpha + Beta"
    # a reference given as a value: only Gamma's words count on that side
    vs_gamma = keyness(small_corpus, "Alpha", reference="Gamma", min_count=1, min_docs=1)
    assert vs_gamma.attrs["reference_tokens"] == 15  # hand-counted words of c1
    assert vs_gamma.attrs["reference_docs"] == 1


def test_min_count_min_docs_and_single_doc_flag(small_corpus):
    full = keyness(small_corpus, "Alpha", min_count=1, min_docs=0)
    assert ((full["count_target"] + full["count_reference"]) >= 1).all()
    kw = keyness(small_corpus, "Alpha", min_count=2, min_docs=1).set_index("term")
    assert ((kw["count_target"] + kw["count_reference"]) >= 2).all()
    # "regrouping": twice in Alpha, both in article a2 -> flagged; "was": in a1 and a2
    assert kw.loc["regrouping", "flag_single_doc"]
    assert not kw.loc["was", "flag_single_doc"]
    # "goodwill": under-used, both uses in one reference article (b2) -> flagged
    assert kw.loc["goodwill", "flag_single_doc"]
    strict = keyness(small_corpus, "Alpha", min_count=2, min_docs=2).set_index("term")
    assert "regrouping" not in strict.index and "goodwill" not in strict.index
    assert "was" in strict.index
    assert not strict["flag_single_doc"].any()
    assert set(strict.index) == set(kw.index[~kw["flag_single_doc"]])


def test_bonferroni_threshold(small_corpus):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, alpha=0.1)
    m = len(kw)
    assert kw.attrs["n_tests"] == m
    assert kw.attrs["threshold"] == pytest.approx(0.1 / m)
    assert kw.attrs["g2_critical"] == pytest.approx(chi2.isf(0.1 / m, 1))
    assert kw.attrs["z_critical"] == pytest.approx(norm.isf(0.1 / m / 2))
    # ranked by z (the default): significance by the z-score's own p-value
    assert kw.attrs["significance"] == "p_z"
    np.testing.assert_array_equal(kw["significant"], kw["p_z"] < 0.1 / m)
    np.testing.assert_array_equal(kw["significant"], kw["z"].abs() > kw.attrs["z_critical"])
    np.testing.assert_allclose(kw["p_z"], 2 * norm.sf(kw["z"].abs()), rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(kw["p_value"], chi2.sf(kw["g2"], 1), rtol=1e-10, atol=1e-300)
    np.testing.assert_array_equal(kw["p_g2"], kw["p_value"])
    np.testing.assert_allclose(kw["p_chi2"], chi2.sf(kw["chi2"], 1), rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize(
    ("sort", "column"),
    [("z", "p_z"), ("log_odds", "p_z"), ("g2", "p_g2"), ("chi2", "p_chi2"),
     ("log_ratio", "p_g2"), ("pct_diff", "p_g2")],
)
def test_significance_follows_the_ranked_statistic(small_corpus, sort, column):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, sort=sort, alpha=0.2)
    assert kw.attrs["significance"] == column
    np.testing.assert_array_equal(kw["significant"], kw[column] < kw.attrs["threshold"])


def test_significance_can_be_chosen(small_corpus):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, significance="g2", alpha=0.2)
    assert kw.attrs["significance"] == "p_g2" and kw["z"].is_monotonic_decreasing
    np.testing.assert_array_equal(kw["significant"], kw["p_g2"] < kw.attrs["threshold"])
    docs = keyness(small_corpus, ["Alpha", "Beta"], min_count=1, min_docs=1, significance="docs")
    assert docs.attrs["significance"] == "p_docs"
    np.testing.assert_array_equal(
        docs["significant"], docs["p_docs"].fillna(1) < docs.attrs["threshold"]
    )
    with pytest.raises(ValueError, match="needs the bootstrap"):
        keyness(small_corpus, "Alpha", significance="boot")
    with pytest.raises(ValueError, match="significance must be"):
        keyness(small_corpus, "Alpha", significance="t")
    with pytest.raises(ValueError, match="n_boot must be"):
        keyness(small_corpus, "Alpha", n_boot=-1)


def test_bonferroni_flags_a_strong_difference(table_corpus):
    # 'alpha': p_g2 = 0.0085; two terms tested -> threshold 0.025 -> significant by G2
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1, sort="g2").set_index("term")
    assert kw.attrs["n_tests"] == 2
    assert kw.loc["alpha", "significant"]
    # with alpha = 0.01 the threshold is 0.005 and it no longer is
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1, alpha=0.01, sort="g2")
    assert not kw.set_index("term").loc["alpha", "significant"]
    # ranked by z (corpus prior): z = 1.99, p_z = 0.046 > 0.025 -> not significant by z
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1).set_index("term")
    assert kw.loc["alpha", "z"] == pytest.approx(1.99, abs=0.01)
    assert kw.loc["alpha", "p_z"] == pytest.approx(2 * norm.sf(kw.loc["alpha", "z"]))
    assert not kw.loc["alpha", "significant"]


def test_stop_words_hidden_do_not_change_the_bonferroni_family():
    rng = np.random.default_rng(5)
    vocab = np.array(["the", "of", "and", "said"] + [f"w{i}" for i in range(60)])
    p = 1 / np.arange(1, 65)
    p /= p.sum()
    docs = []
    for i in range(40):
        source = "A" if i % 2 else "B"
        words = list(rng.choice(vocab, 150, p=p))
        if source == "A":
            words += ["the"] * 25 + ["regrouping"] * 3
        docs.append((source, " ".join(words)))
    corpus = corpus_of(docs)
    stop = ["the", "of", "and", "said"]
    for sort in ("z", "g2"):
        shown = keyness(corpus, "A", min_count=5, min_docs=2, sort=sort, n_boot=50)
        hidden = keyness(corpus, "A", min_count=5, min_docs=2, sort=sort, n_boot=50,
                         stopwords=stop)
        assert shown.set_index("term").loc["the", "significant"]  # a significant stop word
        assert not hidden["term"].isin(stop).any()
        assert len(hidden) < len(shown)
        # the family is every term tested, the hidden stop words included
        assert hidden.attrs["n_tests"] == shown.attrs["n_tests"] == len(shown)
        assert hidden.attrs["threshold"] == shown.attrs["threshold"]
        both = shown.set_index("term").loc[hidden["term"]]
        cols = ["significant", "p_g2", "p_z", "p_docs", "p_boot"]
        pd.testing.assert_frame_equal(
            hidden.set_index("term")[cols], both[cols], check_names=False
        )
        # and the comparison is not vacuous: some shared terms are significant, some not
        assert 0 < hidden["significant"].sum() < len(hidden)


def test_sorting(small_corpus):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1)
    assert kw["z"].is_monotonic_decreasing
    g = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, sort="g2")
    signed = g["g2"] * np.where(g["direction"] == "over", 1, -1)
    assert signed.is_monotonic_decreasing
    assert (g["direction"].iloc[0], g["direction"].iloc[-1]) == ("over", "under")
    lr = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, sort="log_ratio")
    assert lr["log_ratio"].is_monotonic_decreasing


def test_stopwords_ngrams_and_stems(small_corpus):
    kw = keyness(small_corpus, "Alpha", min_count=1, min_docs=1, stopwords=["the", "talks"])
    assert not kw["term"].isin(["the", "talks"]).any()
    plain = keyness(small_corpus, "Alpha", min_count=1, min_docs=1)
    # stop words leave the sizes (and so every other row) unchanged
    assert kw.attrs["target_tokens"] == plain.attrs["target_tokens"]
    both = plain.set_index("term").loc[kw["term"]]
    np.testing.assert_allclose(kw["g2"].to_numpy(), both["g2"].to_numpy())
    bi = keyness(small_corpus, "Beta", ngram=2, min_count=1, min_docs=1).set_index("term")
    assert bi.loc["goodwill gesture", "count_target"] == 2
    assert bi.loc["goodwill gesture", "count_reference"] == 0
    assert bi.loc["goodwill gesture", "docs_target"] == 1
    stems = keyness(small_corpus, "Alpha", stem=True, min_count=1, min_docs=1).set_index("term")
    assert stems.loc["regroup", "count_target"] == 2  # regrouping x2


def test_priors(small_corpus, table_corpus):
    # flat prior: alpha_w = prior_scale / V for every type
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1, prior=None, prior_scale=10)
    row = kw.set_index("term").loc["alpha"]
    delta = math.log(15 / (1000 + 10 - 15)) - math.log(10 / (2000 + 10 - 10))
    var = 1 / 15 + 1 / 995 + 1 / 10 + 1 / 2000
    assert row["z"] == pytest.approx(delta / math.sqrt(var))
    assert kw.attrs["prior"] == "flat"
    # background corpus: 'alpha' 1 time and 'filler' 3 times in the background
    background = corpus_of([("X", "alpha filler filler filler")])
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1, prior=background, prior_scale=100)
    row = kw.set_index("term").loc["alpha"]
    aw = 100 * 1 / 4  # 25
    delta = math.log((10 + aw) / (1000 + 100 - 10 - aw)) - math.log((5 + aw) / (2000 + 100 - 5 - aw))
    var = (1 / (10 + aw) + 1 / (1000 + 100 - 10 - aw) + 1 / (5 + aw)
           + 1 / (2000 + 100 - 5 - aw))
    assert row["z"] == pytest.approx(delta / math.sqrt(var))
    assert kw.attrs["prior"] == "background"
    # a term missing from the background gets 0.5 pseudo-occurrences before scaling
    bg = pd.Series({"alpha": 3})
    kw = keyness(table_corpus, "T", min_count=1, min_docs=1, prior=bg, prior_scale=100)
    aw = 100 * 3 / 3.5
    delta = math.log((10 + aw) / (1000 + 100 - 10 - aw)) - math.log((5 + aw) / (2000 + 100 - 5 - aw))
    assert kw.set_index("term").loc["alpha", "log_odds"] == pytest.approx(delta)
    with pytest.raises(ValueError, match="prior must be"):
        keyness(small_corpus, "Alpha", prior="uniform")


def test_compare_all_rows_equal_keyness(small_corpus):
    table = compare_all(small_corpus, min_count=1, min_docs=1)
    assert list(table.columns) == ["target", *COLUMNS]
    assert list(pd.unique(table["target"])) == ["Alpha", "Beta", "Gamma"]
    for outlet in ("Alpha", "Beta", "Gamma"):
        one = keyness(small_corpus, outlet, min_count=1, min_docs=1)
        part = table[table["target"] == outlet].drop(columns="target").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, one, check_dtype=False)
        assert table.attrs["threshold"][outlet] == pytest.approx(one.attrs["threshold"])


def test_term_matrix_by_hand(small_corpus):
    m = term_matrix(small_corpus, ["talks", "regroup*", "goodwill gesture", "absent"])
    assert list(m.index) == ["talks", "regroup*", "goodwill gesture", "absent"]
    assert list(m.columns) == ["Alpha", "Beta", "Gamma"]
    # hand-counted: Alpha 41 words; Beta 18 (b1) + 12 (b2) = 30; Gamma 15
    assert m.attrs["tokens"] == {"Alpha": 41, "Beta": 30, "Gamma": 15}
    assert m.loc["talks", "Alpha"] == pytest.approx(4 / 41 * 10_000)
    assert m.loc["talks", "Beta"] == pytest.approx(1 / 30 * 10_000)
    assert m.loc["talks", "Gamma"] == pytest.approx(1 / 15 * 10_000)
    assert m.loc["regroup*", "Alpha"] == pytest.approx(2 / 41 * 10_000)
    assert m.loc["goodwill gesture", "Beta"] == pytest.approx(2 / 30 * 10_000)
    assert (m.loc["absent"] == 0).all()
    counts = term_matrix(small_corpus, ["talks", "Talks"], value="count")
    assert counts.loc["Talks"].tolist() == [4, 1, 1]
    with pytest.raises(ValueError, match="empty pattern"):
        term_matrix(small_corpus, ["talks", " "])
    whole = term_matrix(small_corpus, "talks", by=None)
    assert list(whole.columns) == ["all"]
    assert whole.loc["talks", "all"] == pytest.approx(6 / 86 * 10_000)  # 4 + 1 + 1 of 86


def test_log_ratio_sign_never_contradicts_direction():
    # absent from a small target, seen once in a reference 100 times larger:
    # uncorrected 0.5 / 1,000 > 1 / 100,000 would give a positive log ratio
    m = keyness_measures(np.array([0, 3]), np.array([1, 0]), 1_000, 100_000)
    assert m["log_ratio"][0] == 0.0 and m["sign"][0] == -1
    # absent from the reference: 3 / 1,000 vs 0.5 / 100,000 -> log2(600) > 0
    assert m["log_ratio"][1] == pytest.approx(np.log2((3 / 1_000) / (0.5 / 100_000)))
