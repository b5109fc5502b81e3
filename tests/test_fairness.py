"""Length-fair comparisons: lengths by hand, the warning, and what removes the length trap."""

import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.fairness import (
    LengthWarning,
    article_lengths,
    check_lengths,
    length_strata,
    warn_unequal_lengths,
)
from toolkit.schema import CorpusError, CorpusWarning

WORDS = "harbour river lantern meadow copper willow granite pepper".split()


def corpus(texts, sources, **extra):
    n = len(texts)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "source": sources,
        "date": pd.to_datetime(["2022-03-01"] * n),
        "title": [""] * n,
        "text": texts,
        **extra,
    })


def words(n, start=0):
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(n))


@pytest.fixture
def lengths_corpus():
    # A: 2, 4, 6 words; B: 10, 20 words
    return corpus([words(2), words(4), words(6), words(10), words(20)], ["A", "A", "A", "B", "B"])


def test_article_lengths_by_hand(lengths_corpus):
    table = article_lengths(lengths_corpus).set_index("source")
    assert table["n_articles"].to_dict() == {"A": 3, "B": 2}
    assert table["words"].to_dict() == {"A": 12, "B": 30}
    assert table["median_words"].to_dict() == {"A": 4.0, "B": 15.0}
    assert table["q1_words"].to_dict() == {"A": 3.0, "B": 12.5}
    assert table["q3_words"].to_dict() == {"A": 5.0, "B": 17.5}
    assert table["ratio_to_longest"].to_dict() == pytest.approx({"A": 4 / 15, "B": 1.0})
    assert table["ratio_to_shortest"].to_dict() == pytest.approx({"A": 1.0, "B": 15 / 4})
    assert table.attrs["max_ratio"] == pytest.approx(3.75)
    whole = article_lengths(lengths_corpus, by=None)
    assert whole["median_words"].tolist() == [6.0] and whole["n_articles"].tolist() == [5]


def test_check_lengths_warns_naming_groups_medians_and_remedies(lengths_corpus):
    with pytest.warns(LengthWarning) as rec:
        table = check_lengths(lengths_corpus)
    assert issubclass(LengthWarning, CorpusWarning)
    msg = str(rec[0].message)
    assert "median 4 words in 'A' against 15 in 'B'" in msg
    assert "3.8 times" in msg and "per_10k" in msg and "length_strata" in msg
    assert rec[0].filename == __file__  # points at the user's line
    assert table.attrs["max_ratio"] == pytest.approx(3.75)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_lengths(lengths_corpus, max_ratio=4)  # 3.75 is acceptable here
        check_lengths(lengths_corpus, by=None)       # one group: nothing to compare
    with pytest.raises(ValueError, match="max_ratio"):
        check_lengths(lengths_corpus, max_ratio=0.5)


def test_frame_prevalence_warns_and_can_be_silenced(lengths_corpus):
    lex = tk.load_lexicon({"name": "t", "frames": {"river": {"patterns": ["river"]}}})
    scores = tk.frame_scores(lengths_corpus, lex)
    with pytest.warns(LengthWarning, match=r"^frame_prevalence: .*check_length=False") as rec:
        tk.frame_prevalence(scores)
    assert rec[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tk.frame_prevalence(scores, check_length=False)
        tk.frame_prevalence(scores, by=None)
        warnings.filterwarnings("ignore", category=LengthWarning)
        tk.frame_prevalence(scores)
    # sentence units: an article's length is the sum of its sentences
    sent = corpus(["River one. River two words.", "River.", "Harbour words here. " * 6,
                   "Harbour words here. " * 8], ["A", "A", "B", "B"])
    s_scores = tk.frame_scores(sent, lex, unit="sentence")
    with pytest.warns(LengthWarning, match=r"median 3 words in 'A' against 21"):
        tk.frame_prevalence(s_scores)


def test_hook_for_group_comparisons_of_the_corpus(lengths_corpus):
    with pytest.warns(LengthWarning, match=r"^word_frequencies: .*'A'"):
        warn_unequal_lengths(lengths_corpus, "source", where="word_frequencies")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warn_unequal_lengths(lengths_corpus, None, where="word_frequencies")


def test_length_strata_by_hand(lengths_corpus):
    strata = length_strata(lengths_corpus, n_strata=2)
    # pooled lengths 2, 4, 6, 10, 20: cut at the median, 6 (stratum k: cut[k-1] < words <= cut[k])
    assert strata.attrs["cuts"].tolist() == [2.0, 6.0, 20.0]
    assert strata["length_stratum"].tolist() == [1, 1, 1, 2, 2]
    assert strata[["doc_id", "source", "words"]].values.tolist()[3] == ["d3", "B", 10]
    assert length_strata(lengths_corpus, n_strata=1)["length_stratum"].tolist() == [1] * 5
    with pytest.raises(ValueError, match="n_strata"):
        length_strata(lengths_corpus, n_strata=0)
    with pytest.raises(CorpusError, match="outlet"):
        length_strata(lengths_corpus, by="outlet")


# ---------------------------------------------------------------- the length trap


def truncated_demo(outlet="Northgate Wire", keep=150):
    demo = tk.load_demo()
    cut = demo["source"] == outlet
    demo.loc[cut, "text"] = demo.loc[cut, "text"].map(lambda t: " ".join(t.split()[:keep]))
    return demo


def test_demo_no_warning_but_truncated_outlet_warns_and_rates_hold():
    demo = tk.load_demo()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        before = tk.frame_prevalence(tk.frame_scores(demo, "war_framing"))
    cut = truncated_demo()
    with pytest.warns(LengthWarning, match="median 149 words in 'Northgate Wire' against 642"):
        after = tk.frame_prevalence(tk.frame_scores(cut, "war_framing"))
    ng_before = before[before["source"] == "Northgate Wire"].set_index("frame")
    ng_after = after[after["source"] == "Northgate Wire"].set_index("frame")
    # "war": in 14 of 15 articles before, 7 of 15 after; the rate barely moves
    assert (ng_before.loc["war", "n_present"], ng_after.loc["war", "n_present"]) == (14, 7)
    assert ng_before.loc["war", "per_10k"] == pytest.approx(39.02, abs=0.01)
    assert ng_after.loc["war", "per_10k"] == pytest.approx(44.74, abs=0.01)
    # over the 15 frames: 71 article-frame hits fall to 33 (shares more than halve), while
    # the rate of all matches per 10,000 words moves by under 3% (239.5 -> 232.7)
    assert (ng_before["n_present"].sum(), ng_after["n_present"].sum()) == (71, 33)
    assert ng_before["per_10k"].sum() == pytest.approx(239.50, abs=0.01)
    assert ng_after["per_10k"].sum() == pytest.approx(232.66, abs=0.01)


def mixed_corpus(seed=3, n=100, every=300):
    """Two outlets writing "talks" at the same rate (every 300th word, from an offset
    spread evenly over 0..299 across an outlet's articles); 90% of Long Post's articles
    are long (500-699 words), 90% of Short Wire's short (120-179 words)."""
    rng = np.random.default_rng(seed)
    texts, sources = [], []
    for outlet, n_long in (("Long Post", 90), ("Short Wire", 10)):
        offsets = rng.permutation(np.arange(n) * every // n)
        for i in range(n):
            length = int(rng.integers(500, 700) if i < n_long else rng.integers(120, 180))
            tokens = [WORDS[k] for k in rng.integers(0, len(WORDS), length)]
            for pos in range(int(offsets[i]), length, every):
                tokens[pos] = "talks"
            texts.append(" ".join(tokens))
            sources.append(outlet)
    return corpus(texts, sources)


def test_rates_and_strata_remove_most_of_a_spurious_difference():
    c = mixed_corpus()
    lex = tk.load_lexicon({"name": "t", "frames": {"talks": {"patterns": ["talks"]}}})
    scores = tk.frame_scores(c, lex)
    with pytest.warns(LengthWarning):
        prev = tk.frame_prevalence(scores).set_index("source")
    raw_gap = prev.loc["Long Post", "share"] - prev.loc["Short Wire", "share"]
    rate_gap = prev.loc["Long Post", "per_10k"] / prev.loc["Short Wire", "per_10k"] - 1
    assert raw_gap > 0.3          # same writing, very different shares
    assert abs(rate_gap) < 0.1    # per 10,000 words: about the same
    strata = length_strata(c, n_strata=2)
    assert pd.crosstab(strata["source"], strata["length_stratum"]).values.tolist() == [[10, 90], [90, 10]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # within strata: length-matched, no warning
        within = tk.frame_prevalence(
            scores.merge(strata[["doc_id", "length_stratum"]]), by=["source", "length_stratum"],
        ).pivot(index="length_stratum", columns="source", values="share")
    gaps = within["Long Post"] - within["Short Wire"]
    # weighted by the pooled size of each stratum (100 articles each): direct standardisation
    assert abs(gaps.mean()) < raw_gap / 3
