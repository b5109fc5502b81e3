"""The token index: built once, cached, counts equal to an independent computation."""

from collections import Counter

import numpy as np
import pandas as pd
from nltk.tokenize import RegexpTokenizer

from toolkit.index import build_index, index_tokens, token_table
from toolkit.patterns import match_positions, parse_pattern
from toolkit.tokenize import TOKEN_PATTERN

REF = RegexpTokenizer(TOKEN_PATTERN)


def ref_tokens(text):
    return REF.tokenize(text.replace("\u2019", "'").lower())


def test_ids_reproduce_reference_tokens(small_corpus):
    idx = index_tokens(small_corpus)
    for i, text in enumerate(small_corpus["text"]):
        toks = idx.vocab[idx.ids[idx.offsets[i] : idx.offsets[i + 1]]].tolist()
        assert toks == ref_tokens(text)


def test_dtm_counts_equal_counter(small_corpus):
    idx = index_tokens(small_corpus)
    dtm = idx.dtm
    for i, text in enumerate(small_corpus["text"]):
        expected = Counter(ref_tokens(text))
        row = dtm.getrow(i)
        got = {idx.vocab[j]: int(c) for j, c in zip(row.indices, row.data, strict=True)}
        assert got == dict(expected)


def test_chunked_build_equals_single_batch(small_corpus):
    a = build_index(small_corpus, chunk_size=2)
    b = build_index(small_corpus, chunk_size=1000)
    assert np.array_equal(a.offsets, b.offsets)
    assert a.vocab[a.ids].tolist() == b.vocab[b.ids].tolist()


def test_cache_reused_and_invalidated(small_corpus):
    c = small_corpus.copy()
    first = index_tokens(c)
    assert index_tokens(c) is first
    c.loc[0, "text"] = c.loc[0, "text"] + " extra words here"
    assert index_tokens(c) is not first


def test_ngrams_do_not_cross_documents():
    c = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one two", "three four five"]})
    bi = index_tokens(c).ngrams(2)
    assert sorted(bi.vocab.tolist()) == ["four five", "one two", "three four"]
    assert bi.n_tokens == 3


def test_token_table_is_tidy(small_corpus):
    tt = token_table(small_corpus)
    assert list(tt.columns) == ["doc_id", "position", "token"]
    assert len(tt) == sum(len(ref_tokens(t)) for t in small_corpus["text"])


def test_phrase_and_wildcard_match_across_punctuation_and_lines():
    c = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [
                "The special\nmilitary operation goes on.",
                "Special military, operation! Negotiators met; negotiations stalled.",
                "special military",  # phrase cut by the document end
            ],
        }
    )
    idx = index_tokens(c)
    starts = match_positions(idx, "special military operation")
    assert idx.doc_ids[idx.doc_of(starts)].tolist() == ["a", "b"]
    hits = idx.vocab[idx.ids[match_positions(idx, "negotiat*")]].tolist()
    assert hits == ["negotiators", "negotiations"]
    assert parse_pattern("goodwill gesture*").elements == ("goodwill", "gesture*")


def test_metadata_edited_in_place_is_seen(small_corpus):
    from toolkit.frequency import word_frequencies

    c = small_corpus.copy()
    before = word_frequencies(c, by="source")
    assert set(before["source"]) == {"Alpha", "Beta", "Gamma"}
    c["source"] = c["source"].replace({"Gamma": "Alpha"})  # same texts, new grouping
    after = word_frequencies(c, by="source")
    assert set(after["source"]) == {"Alpha", "Beta"}
    talks = after[(after["source"] == "Alpha") & (after["term"] == "talks")]["count"].item()
    assert talks == 5  # 4 in the old Alpha + 1 in the old Gamma


def test_polars_and_arrow_encoders_give_the_same_index(monkeypatch):
    """The build uses polars categoricals when available, else pyarrow: same ids, same vocabulary."""
    import numpy as np
    import polars as pl

    import toolkit
    from toolkit.index import build_index

    corpus = toolkit.load_demo()
    fast = build_index(corpus, chunk_size=17, progress=False)
    monkeypatch.delattr(pl, "Categories", raising=False)
    slow = build_index(corpus, chunk_size=17, progress=False)
    assert np.array_equal(fast.ids, slow.ids)
    assert list(fast.vocab) == list(slow.vocab)
    assert np.array_equal(fast.offsets, slow.offsets)
