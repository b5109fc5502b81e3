"""Collocations: every measure checked by hand, against NLTK and against a brute-force count."""

import math
from collections import Counter
from fnmatch import fnmatchcase

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramCollocationFinder
from nltk.metrics.association import BigramAssocMeasures
from nltk.tokenize import RegexpTokenizer

import toolkit.collocations as colloc_module
from toolkit.collocations import MEASURES, association_measures, collocates, window_region
from toolkit.index import index_tokens
from toolkit.patterns import match_positions
from toolkit.tokenize import TOKEN_PATTERN

from .handmade import make_small_corpus

REF = RegexpTokenizer(TOKEN_PATTERN)
BAM = BigramAssocMeasures
COLUMNS = ["node", "collocate", "count", "collocate_freq", "node_freq", "expected", *MEASURES]


def ref_tokens(text):
    return REF.tokenize(text.replace("\u2019", "'").lower())


def corpus_of(texts, sources=None):
    ids = [f"d{i}" for i in range(len(texts))]
    return pd.DataFrame(
        {
            "doc_id": ids,
            "source": sources or ["S"] * len(texts),
            "date": pd.Timestamp("2022-03-01"),
            "title": ids,
            "text": texts,
        }
    )


# Tiny corpus (positions in the whole corpus in brackets):
#   d0: peace[0] talks[1] resume[2] today[3] talks[4] stall[5]
#   d1: talks[6] resume[7] soon[8] peace[9]
# N = 10 tokens, node "talks" f_node = 3 (positions 1, 4, 6).
TINY = ["Peace talks resume today; talks stall.", "Talks resume soon. Peace!"]


@pytest.fixture
def small_corpus():
    return make_small_corpus()


@pytest.fixture
def tiny():
    return corpus_of(TINY)


def test_tiny_window_region_by_hand(tiny):
    idx = index_tokens(tiny)
    starts = match_positions(idx, "talks")
    assert starts.tolist() == [1, 4, 6]
    # window 2, both sides:
    #   talks[1]: left [-1 (outside d0), 0], right [2, 3]
    #   talks[4]: left [2, 3],              right [5, 6 (in d1: dropped)]
    #   talks[6]: left [4, 5 (in d0: dropped)], right [7, 8]
    # union = {0, 2, 3, 5, 7, 8}: positions 2 and 3 are in two windows but count once
    assert window_region(idx, starts, window=2).tolist() == [0, 2, 3, 5, 7, 8]
    assert window_region(idx, starts, window=2, span="left").tolist() == [0, 2, 3]
    assert window_region(idx, starts, window=2, span="right").tolist() == [2, 3, 5, 7, 8]
    # window 1: talks[6] has no left neighbour in its own document, so W = 5, not 3 * 2
    assert window_region(idx, starts, window=1).tolist() == [0, 2, 3, 5, 7]


def test_every_measure_by_hand(tiny):
    res = collocates(tiny, "talks", window=2, min_count=1).set_index("collocate")
    assert res.attrs["tokens"] == {"all": 10}  # N
    assert res.attrs["window_tokens"] == {"all": 6}  # W = |{0, 2, 3, 5, 7, 8}|
    assert res.attrs["node_freq"] == {"all": 3}
    # O11 over the region: peace(0) resume(2, 7) today(3) stall(5) soon(8)
    assert res["count"].to_dict() == {"resume": 2, "today": 1, "stall": 1, "soon": 1, "peace": 1}
    assert res["collocate_freq"].to_dict() == {
        "resume": 2, "today": 1, "stall": 1, "soon": 1, "peace": 2,
    }
    assert (res["node_freq"] == 3).all()
    assert "talks" not in res.index  # the node is never its own collocate

    r = res.loc["resume"]
    # E11 = W * f_coll / N = 6 * 2 / 10 = 1.2
    assert r["expected"] == pytest.approx(1.2)
    # PMI = log2(O / E) = log2(2 / 1.2) = log2(5/3) = 0.73697
    assert r["pmi"] == pytest.approx(math.log2(5 / 3))
    assert r["pmi"] == pytest.approx(0.7369655941662062)
    # log-Dice = 14 + log2(2 * O / (f_node + f_coll)) = 14 + log2(4 / 5) = 13.67807
    assert r["log_dice"] == pytest.approx(14 + math.log2(0.8))
    assert r["log_dice"] == pytest.approx(13.678071905112638)
    # t = (O - E) / sqrt(O) = 0.8 / sqrt(2) = 0.56569
    assert r["t_score"] == pytest.approx(0.8 / math.sqrt(2))
    # G2: table                 resume   other
    #       in region (W=6)      O11=2    O12=6-2=4      E11=6*2/10=1.2  E12=6*8/10=4.8
    #       elsewhere (N-W=4)    O21=0    O22=4-0=4      E21=4*2/10=0.8  E22=4*8/10=3.2
    # G2 = 2 * (2 ln(2/1.2) + 4 ln(4/4.8) + 0 + 4 ln(4/3.2)) = 2.36988
    g2 = 2 * (2 * math.log(2 / 1.2) + 4 * math.log(4 / 4.8) + 4 * math.log(4 / 3.2))
    assert r["log_likelihood"] == pytest.approx(g2)
    assert r["log_likelihood"] == pytest.approx(2.369878451226004)

    p = res.loc["peace"]
    # peace: O=1 (position 0; position 9 is outside every window), f=2, E=1.2
    assert p["expected"] == pytest.approx(1.2)
    assert p["pmi"] == pytest.approx(math.log2(1 / 1.2))  # < 0: less than chance
    assert p["log_dice"] == pytest.approx(14 + math.log2(2 / 5))
    assert p["t_score"] == pytest.approx((1 - 1.2) / 1)
    # cells: O = (1, 5, 1, 3), E = (1.2, 4.8, 0.8, 3.2)
    g2 = 2 * (
        1 * math.log(1 / 1.2) + 5 * math.log(5 / 4.8) + 1 * math.log(1 / 0.8)
        + 3 * math.log(3 / 3.2)
    )
    assert p["log_likelihood"] == pytest.approx(g2)

    t = res.loc["today"]
    # today: O=1, f=1, E = 6 * 1 / 10 = 0.6; O21 = 0, O22 = 10 - 6 - 1 + 1 = 4
    assert t["expected"] == pytest.approx(0.6)
    assert t["pmi"] == pytest.approx(math.log2(1 / 0.6))
    assert t["log_dice"] == pytest.approx(14 + math.log2(2 / 4))
    assert t["t_score"] == pytest.approx(0.4)
    g2 = 2 * (1 * math.log(1 / 0.6) + 5 * math.log(5 / 5.4) + 4 * math.log(4 / 3.6))
    assert t["log_likelihood"] == pytest.approx(g2)


def test_span_and_window_one_by_hand(tiny):
    right = collocates(tiny, "talks", window=1, span="right", min_count=1)
    # right neighbours: resume(2), stall(5), resume(7) -> W = 3 = f_node
    assert right.attrs["window_tokens"] == {"all": 3}
    assert dict(zip(right["collocate"], right["count"], strict=True)) == {"resume": 2, "stall": 1}
    r = right.set_index("collocate").loc["resume"]
    # E = 3 * 2 / 10 = 0.6; PMI = log2(2 / 0.6)
    assert r["expected"] == pytest.approx(0.6)
    assert r["pmi"] == pytest.approx(math.log2(2 / 0.6))
    left = collocates(tiny, "talks", window=1, span="left", min_count=1)
    # left neighbours: peace(0), today(3); talks[6] starts d1 -> W = 2
    assert left.attrs["window_tokens"] == {"all": 2}
    assert set(left["collocate"]) == {"peace", "today"}


def test_agrees_with_nltk_bigram_finder():
    # window 1, right span: O11 = count of the bigram (node, collocate), W = f_node
    # (no "talks" ends the text or is followed by "talks"), so the table is NLTK's.
    text = (
        "Peace talks resumed in Geneva. The talks stalled, and talks resumed again "
        "after talks collapsed; the envoy said peace talks resumed. Talks resumed twice "
        "and the talks stalled once more while officials watched."
    )
    tokens = ref_tokens(text)
    finder = BigramCollocationFinder.from_words(tokens, window_size=2)
    res = collocates(corpus_of([text]), "talks", window=1, span="right", min_count=1)
    assert res.attrs["window_tokens"]["all"] == finder.word_fd["talks"] == res["node_freq"].iloc[0]
    assert res.attrs["tokens"]["all"] == finder.N == len(tokens)
    expected_pairs = {w2: c for (w1, w2), c in finder.ngram_fd.items() if w1 == "talks"}
    assert dict(zip(res["collocate"], res["count"], strict=True)) == expected_pairs
    for row in res.itertuples():
        assert row.pmi == pytest.approx(finder.score_ngram(BAM.pmi, "talks", row.collocate))
        assert row.log_likelihood == pytest.approx(
            finder.score_ngram(BAM.likelihood_ratio, "talks", row.collocate)
        )
        assert row.t_score == pytest.approx(
            finder.score_ngram(BAM.student_t, "talks", row.collocate)
        )
        dice = finder.score_ngram(BAM.dice, "talks", row.collocate)
        assert row.log_dice == pytest.approx(14 + math.log2(dice))
    # "resumed" follows "talks" 4 times out of 7 "talks" in 33 tokens
    resumed = res.set_index("collocate").loc["resumed"]
    assert (resumed["count"], resumed["node_freq"], resumed["collocate_freq"]) == (4, 7, 4)
    assert resumed["pmi"] == pytest.approx(math.log2(4 * 33 / (7 * 4)))


@pytest.mark.parametrize("window,span", [(1, "both"), (3, "both"), (5, "left"), (4, "right")])
def test_all_measures_equal_nltk_formulas_for_any_window(small_corpus, window, span):
    # The window table is NLTK's bigram table with n_ii = O11, n_ix = W, n_xi = f_coll,
    # n_xx = N (log-Dice uses f_node instead of W).
    res = collocates(small_corpus, "the", window=window, span=span, min_count=1, by="source")
    assert len(res) > 10
    for row in res.itertuples():
        w = res.attrs["window_tokens"][row.source]
        n = res.attrs["tokens"][row.source]
        marg = (row.count, (w, row.collocate_freq), n)
        assert row.expected == pytest.approx(w * row.collocate_freq / n)
        assert row.pmi == pytest.approx(BAM.pmi(*marg))
        assert row.log_likelihood == pytest.approx(BAM.likelihood_ratio(*marg), abs=1e-9)
        assert row.t_score == pytest.approx(BAM.student_t(*marg))
        dice = BAM.dice(row.count, (row.node_freq, row.collocate_freq), n)
        assert row.log_dice == pytest.approx(14 + math.log2(dice))


def brute_force(texts, node, window, span):
    """Loop over tokens: the window region as a Python set, per document."""
    elements = node.lower().split()
    k = len(elements)
    observed, freq = Counter(), Counter()
    n = w = f_node = 0
    for text in texts:
        toks = ref_tokens(text)
        n += len(toks)
        freq.update(toks)
        starts = [
            i for i in range(len(toks) - k + 1)
            if all(fnmatchcase(toks[i + j], elements[j]) for j in range(k))
        ]
        f_node += len(starts)
        covered = {i + j for i in starts for j in range(k)}
        region = set()
        for s in starts:
            if span in ("both", "left"):
                region.update(range(max(0, s - window), s))
            if span in ("both", "right"):
                region.update(range(s + k, min(len(toks), s + k + window)))
        region -= covered
        w += len(region)
        observed.update(toks[p] for p in region)
    return observed, freq, f_node, n, w


@pytest.mark.parametrize("node", ["talks", "the", "said", "goodwill gesture", "the talks", "regroup*", "t?e"])
@pytest.mark.parametrize("window,span", [(1, "both"), (2, "right"), (3, "left"), (5, "both")])
def test_equals_brute_force_per_group(small_corpus, node, window, span):
    res = collocates(small_corpus, node, window=window, span=span, by="source", min_count=1)
    for source, sub in small_corpus.groupby("source"):
        observed, freq, f_node, n, w = brute_force(sub["text"], node, window, span)
        got = res[res["source"] == source].set_index("collocate")
        assert dict(got["count"]) == dict(observed)
        assert dict(got["collocate_freq"]) == {c: freq[c] for c in observed}
        assert (got["node_freq"] == f_node).all()
        assert res.attrs["tokens"][source] == n
        assert res.attrs["window_tokens"][source] == w
        assert res.attrs["node_freq"][source] == f_node
        np.testing.assert_allclose(got["expected"], w * got["collocate_freq"] / n)


def test_each_group_computed_on_its_own_documents(small_corpus):
    grouped = collocates(small_corpus, "talks", window=4, by="source", min_count=1)
    for source, sub in small_corpus.groupby("source"):
        alone = collocates(sub.reset_index(drop=True), "talks", window=4, min_count=1)
        mine = grouped[grouped["source"] == source].drop(columns="source").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone)


def test_phrase_window_counts_from_first_and_last_word():
    text = "Officials say the so called special military operation began in february. Military"
    res = collocates(corpus_of([text]), "special military operation", window=2, min_count=1)
    # tokens: officials say the so called [special military operation] began in february military
    assert set(res["collocate"]) == {"so", "called", "began", "in"}
    assert res.attrs["window_tokens"] == {"all": 4}
    assert (res["node_freq"] == 1).all()
    # a word of the phrase elsewhere is an ordinary collocate; the node's own are not
    res = collocates(corpus_of(["troops military special military operation military"]),
                     "special military operation", window=1, min_count=1)
    assert dict(zip(res["collocate"], res["count"], strict=True)) == {"military": 2}
    assert res["collocate_freq"].iloc[0] == 3


def test_wildcard_node_matches_are_not_collocates():
    res = collocates(
        corpus_of(["Fresh negotiations, negotiating again: negotiators met"]),
        "negotiat*", window=2, min_count=1,
    )
    assert res["node"].unique().tolist() == ["negotiat*"]
    assert set(res["collocate"]) == {"fresh", "again", "met"}
    assert res["node_freq"].iloc[0] == 3


def test_windows_do_not_cross_documents():
    res = collocates(corpus_of(["alpha beta talks", "gamma delta"]), "talks", window=3, min_count=1)
    assert set(res["collocate"]) == {"alpha", "beta"}


def test_columns_order_and_sorting(small_corpus):
    res = collocates(small_corpus, "the", window=3, by="source", min_count=1)
    assert list(res.columns) == ["source", *COLUMNS]
    assert res["collocate"].dtype == "string"
    assert res["count"].dtype == np.int64
    for _, sub in res.groupby("source", sort=False):
        assert sub["log_dice"].is_monotonic_decreasing
    assert list(pd.unique(res["source"])) == sorted(res["source"].unique())
    only_pmi = collocates(small_corpus, "the", window=3, measures="pmi", min_count=1)
    assert list(only_pmi.columns) == [*COLUMNS[:6], "pmi"]
    assert only_pmi["pmi"].is_monotonic_decreasing
    two = collocates(small_corpus, "the", measures=["t_score", "pmi"], min_count=1)
    assert list(two.columns) == [*COLUMNS[:6], "pmi", "t_score"]


def test_min_count_and_stopwords(tiny):
    res = collocates(tiny, "talks", window=2)  # min_count=2
    assert res["collocate"].tolist() == ["resume"]
    full = collocates(tiny, "talks", window=2, min_count=1)
    no_resume = collocates(tiny, "talks", window=2, min_count=1, stopwords=["Resume"])
    assert "resume" not in set(no_resume["collocate"])
    # stop words leave the table, not the text: W, N and the other scores are unchanged
    assert no_resume.attrs["window_tokens"] == full.attrs["window_tokens"]
    pd.testing.assert_frame_equal(
        no_resume.reset_index(drop=True),
        full[full["collocate"] != "resume"].reset_index(drop=True),
    )


def test_node_not_found_warns_and_returns_empty(small_corpus):
    with pytest.warns(UserWarning, match="does not occur"):
        res = collocates(small_corpus, "ceasefire", by="source")
    assert res.empty
    assert list(res.columns) == ["source", *COLUMNS]
    with pytest.warns(UserWarning):
        res = collocates(small_corpus, "ceasefire", measures=["log_dice"])
    assert list(res.columns) == [*COLUMNS[:6], "log_dice"]


def test_node_absent_from_one_group_gives_no_rows_there(small_corpus):
    res = collocates(small_corpus, "goodwill", window=2, by="source", min_count=1)
    assert set(res["source"]) == {"Beta"}
    assert res.attrs["node_freq"] == {"Alpha": 0, "Beta": 2, "Gamma": 0}


def test_documents_with_missing_group_are_left_out():
    corpus = corpus_of(["alpha talks beta", "gamma talks delta"], sources=["A", None])
    res = collocates(corpus, "talks", window=1, by="source", min_count=1)
    assert set(res["collocate"]) == {"alpha", "beta"}
    assert res.attrs["tokens"] == {"A": 3}


@pytest.mark.parametrize("window", [0, -1, 1.5, True, "5"])
def test_bad_window(small_corpus, window):
    with pytest.raises(ValueError, match="window"):
        collocates(small_corpus, "talks", window=window)


def test_bad_arguments(small_corpus):
    with pytest.raises(ValueError, match="span"):
        collocates(small_corpus, "talks", span="middle")
    with pytest.raises(ValueError, match="unknown measure"):
        collocates(small_corpus, "talks", measures=["dice"])
    with pytest.raises(ValueError, match="at least one measure"):
        collocates(small_corpus, "talks", measures=[])
    with pytest.raises(ValueError, match="min_count"):
        collocates(small_corpus, "talks", min_count=0)
    with pytest.raises(ValueError, match="empty pattern"):
        collocates(small_corpus, "  ")
    with pytest.raises(TypeError):
        collocates(small_corpus, ["talks"])


def test_chunked_gather_equals_single_pass(small_corpus, monkeypatch):
    whole = collocates(small_corpus, "the", window=3, min_count=1)
    monkeypatch.setattr(colloc_module, "_CHUNK_CELLS", 5)  # one or two matches per chunk
    chunked = collocates(small_corpus, "the", window=3, min_count=1)
    pd.testing.assert_frame_equal(whole, chunked)


def test_accepts_token_index(small_corpus):
    a = collocates(small_corpus, "talks", min_count=1)
    b = collocates(index_tokens(small_corpus), "talks", min_count=1)
    pd.testing.assert_frame_equal(a, b)


def test_association_measures_broadcast():
    out = association_measures(np.array([2, 1]), np.array([2, 1]), 3, 6, 10)
    np.testing.assert_allclose(out["expected"], [1.2, 0.6])
    np.testing.assert_allclose(out["pmi"], [math.log2(2 / 1.2), math.log2(1 / 0.6)])
    assert list(out) == ["expected", *MEASURES]
