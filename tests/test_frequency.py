"""Word frequency tables checked against an independent count."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer

from toolkit.frequency import dispersion, term_locations, term_trends, word_frequencies
from toolkit.tokenize import TOKEN_PATTERN

REF = RegexpTokenizer(TOKEN_PATTERN)


def ref_tokens(text):
    return REF.tokenize(text.replace("\u2019", "'").lower())


def independent_counts(corpus, n=1):
    rows = {}
    for source, sub in corpus.groupby("source"):
        counts, docs, total = Counter(), Counter(), 0
        for text in sub["text"]:
            toks = ref_tokens(text)
            total += len(toks)
            grams = [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]
            counts.update(grams)
            docs.update(set(grams))
        rows[source] = (counts, docs, total)
    return rows


def test_counts_per_source_match_independent_count(small_corpus):
    freq = word_frequencies(small_corpus, by="source")
    ref = independent_counts(small_corpus)
    for source, (counts, docs, total) in ref.items():
        sub = freq[freq["source"] == source].set_index("term")
        assert dict(sub["count"]) == dict(counts)
        assert dict(sub["docs"]) == dict(docs)
        np.testing.assert_allclose(sub["per_10k"], sub["count"] / total * 10_000)
    # hand-checked: Alpha uses "talks" 4 times in 2 documents of 41 words
    alpha = freq[(freq["source"] == "Alpha") & (freq["term"] == "talks")].iloc[0]
    assert (alpha["count"], alpha["docs"]) == (4, 2)
    assert ref["Alpha"][2] == 41
    assert alpha["per_10k"] == pytest.approx(4 / 41 * 10_000)


def test_cyrillic_hyphen_apostrophe_counted(small_corpus):
    freq = word_frequencies(small_corpus).set_index("term")
    assert freq.loc["перегруппировке", "count"] == 1
    assert freq.loc["counter-offensive", "count"] == 1
    assert freq.loc["kyiv's", "count"] == 1  # curly apostrophe normalised
    assert freq.loc["u.s.", "count"] == 1


def test_bigrams_match_independent_count(small_corpus):
    freq = word_frequencies(small_corpus, by="source", ngram=2)
    ref = independent_counts(small_corpus, n=2)
    for source, (counts, _, _) in ref.items():
        sub = freq[freq["source"] == source].set_index("term")
        assert dict(sub["count"]) == dict(counts)
    beta = freq[freq["source"] == "Beta"].set_index("term")
    assert beta.loc["goodwill gesture", "count"] == 2


def test_stopwords_rank_and_filters(small_corpus):
    freq = word_frequencies(small_corpus, stopwords=True)
    assert "the" not in set(freq["term"]) and "said" not in set(freq["term"])
    assert freq.iloc[0]["term"] == "talks" and freq.iloc[0]["rank"] == 1
    custom = word_frequencies(small_corpus, stopwords=["talks"], min_count=2, min_docs=2)
    assert "talks" not in set(custom["term"])
    assert (custom["count"] >= 2).all() and (custom["docs"] >= 2).all()
    top = word_frequencies(small_corpus, by="source", top=1)
    assert (top["rank"] == 1).all()
    # ties share the lowest rank
    assert top.groupby("source").size()["Beta"] >= 1


def test_bigram_stopword_edges(small_corpus):
    freq = word_frequencies(small_corpus, ngram=2, stopwords=True)
    terms = set(freq["term"])
    assert "goodwill gesture" in terms
    assert not any(t.split()[0] in {"the", "a"} or t.split()[-1] in {"the", "a"} for t in terms)


def test_term_trends_normalised(small_corpus):
    tr = term_trends(small_corpus, ["talks", "goodwill gesture"], by="source", freq="M")
    alpha = tr[(tr["source"] == "Alpha") & (tr["term"] == "talks")].iloc[0]
    assert alpha["count"] == 4 and alpha["tokens"] == 41
    gg = tr[tr["term"] == "goodwill gesture"].set_index("source")["count"]
    assert gg.to_dict() == {"Alpha": 0, "Beta": 2, "Gamma": 0}


def test_dispersion_hand_computed():
    # lengths 2, 3, 5 -> s = .2, .3, .5; "x" occurs once in docs 1 and 3 -> v = .5, 0, .5
    # DP = 0.5 * (|.5-.2| + |0-.3| + |.5-.5|) = 0.3; DP_norm = 0.3 / (1 - .2) = 0.375
    c = pd.DataFrame({"doc_id": ["1", "2", "3"], "text": ["x a", "b c d", "x e f g h"]})
    d = dispersion(c, terms=["x"]).iloc[0]
    assert d["dp"] == pytest.approx(0.3)
    assert d["dp_norm"] == pytest.approx(0.375)
    # a word spread exactly in proportion to document length has DP 0
    even = pd.DataFrame({"doc_id": ["1", "2"], "text": ["w a", "w b"]})
    assert dispersion(even, terms=["w"]).iloc[0]["dp"] == pytest.approx(0.0)


def test_term_locations(small_corpus):
    loc = term_locations(small_corpus, ["goodwill gesture"])
    assert loc["doc_id"].tolist() == ["b2", "b2"]
    assert loc["position"].tolist() == [1, 8]


def test_term_trends_marks_empty_periods_as_gaps(small_corpus):
    tr = term_trends(small_corpus, "talks", by=None, freq="W")
    # five articles dated 1, 2, 9, 15 and 16 March 2022: ISO weeks starting 28 Feb, 7 and 14 March
    assert tr["period"].dt.strftime("%m-%d").tolist() == ["02-28", "03-07", "03-14"]
    gamma = term_trends(small_corpus, "talks", by="source", freq="W")
    g = gamma[gamma["source"] == "Gamma"]
    assert g["tokens"].tolist()[:2] == [0, 0] and g["per_10k"].isna().tolist()[:2] == [True, True]
    assert g["count"].tolist()[-1] == 1


def test_stems_of_content_words_survive_stop_words():
    c = pd.DataFrame({
        "doc_id": ["1"],
        "text": ["The Minsk accords collapsed, according to officials. Accord talks will resume."],
    })
    freq = word_frequencies(c, stopwords=True, stem=True).set_index("term")
    assert freq.loc["accord", "count"] == 3  # accords, according, accord share the stem
    assert "the" not in freq.index and "will" not in freq.index


def test_documents_without_a_group_value_are_reported_not_dropped_silently(small_corpus):
    c = small_corpus.copy()
    c["section"] = ["World", None, "World", "Europe", "Europe"]
    with pytest.warns(UserWarning, match=r"1 document\(s\) have no value in \['section'\].*a2"):
        freq = word_frequencies(c, by="section")
    assert set(freq["section"]) == {"World", "Europe"}


def test_dispersion_accepts_one_term(small_corpus):
    assert dispersion(small_corpus, "talks")["term"].tolist() == ["talks"]
