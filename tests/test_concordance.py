"""Concordance: matches, context, sampling, sorting and HTML escaping."""

import pandas as pd
import pytest

from toolkit.concordance import concordance
from toolkit.display import kwic_html


def test_word_query_lines_and_offsets(small_corpus):
    kw = concordance(small_corpus, "talks", window=3)
    assert len(kw) == 6  # a1: 1, a2: 3, b1: 1 ("Talks?"), c1: 1
    text = small_corpus.set_index("doc_id")["text"]
    for row in kw.itertuples():
        assert text[row.doc_id][row.start : row.end].lower() == "talks"
        assert text[row.doc_id][: row.start].endswith(row.left)
        assert text[row.doc_id][row.end :].startswith(row.right)
    first = kw.iloc[0]
    assert (first["left"], first["match"], first["right"]) == (
        "Halvorsen said the ", "talks", " in Geneva would",
    )


def test_phrase_across_punctuation_and_newline():
    c = pd.DataFrame(
        {"doc_id": ["x"], "source": ["S"], "text": ["They call it a special\nmilitary operation, again."]}
    )
    kw = concordance(c, "special military operation", window=2)
    assert kw["match"].tolist() == ["special\nmilitary operation"]
    assert kw["right"].tolist() == [", again"]


def test_wildcard_and_regex(small_corpus):
    assert concordance(small_corpus, "regroup*")["match"].str.lower().tolist() == [
        "regrouping", "regrouping",
    ]
    rx = concordance(small_corpus, r"goodwill\s+gesture", regex=True, window=2)
    assert rx["doc_id"].tolist() == ["b2", "b2"]
    assert rx["left"].tolist() == ["A ", "called the "]


def test_even_sample_per_group_and_sorting(small_corpus):
    kw = concordance(small_corpus, "talks", by="source", n=1, seed=3)
    assert kw["source"].value_counts().to_dict() == {"Alpha": 1, "Beta": 1, "Gamma": 1}
    right = concordance(small_corpus, "talks", sort="right")
    keys = right["right"].str.lower().str.strip().tolist()
    assert keys == sorted(keys)
    with pytest.raises(ValueError, match="sort must be"):
        concordance(small_corpus, "talks", sort="nonsense")


def test_html_is_escaped():
    c = pd.DataFrame(
        {
            "doc_id": ["<b>id</b>"],
            "source": ["<i>S</i>"],
            "text": ['Before <script>alert("x")</script> talks & "quotes" after <img src=x>.'],
        }
    )
    html = concordance(c, "talks")._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>id" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&lt;b&gt;id" in html
    assert kwic_html(concordance(c, "talks")).count('class="m"') == 1


def test_offsets_right_for_combining_marks_and_other_scripts():
    import unicodedata

    import toolkit as tk

    c = pd.DataFrame({
        "doc_id": ["hi", "nfd"],
        "source": ["X", "Y"],
        "text": ["मोदी ने कहा कि talks जारी रहेंगी", unicodedata.normalize("NFD", "У Київ talks resume")],
    })
    assert concordance(c, "talks")["match"].tolist() == ["talks", "talks"]
    assert concordance(c, "मोद*")["match"].tolist() == ["मोदी"]
    lex = tk.load_lexicon({"name": "t", "frames": {"f": {"patterns": ["talks", "मोद*"]}}})
    assert sorted(tk.frame_matches(c, lex)["match"].tolist()) == ["talks", "talks", "मोदी"]


def test_vectorised_spans_equal_the_one_text_path():

    import numpy as np

    import toolkit as tk
    from toolkit.tokenize import token_spans

    corpus = tk.load_demo()
    extra = pd.DataFrame({
        "doc_id": ["odd"], "source": ["X"], "date": corpus["date"].iloc[:1].to_numpy(), "title": [""],
        "text": ["Kyiv’s “counter-offensive” — U.S. 1,000 troops\n\nмосква-река naïve e\u0301te."],
    })
    c = pd.concat([corpus[["doc_id", "source", "date", "title", "text"]], extra], ignore_index=True)
    texts = dict(enumerate(c["text"].tolist()))
    index = tk.index_tokens(c)
    starts, ends = index.char_spans()
    for d in range(len(c)):
        a, b = index.offsets[d], index.offsets[d + 1]
        fast = np.stack([starts[a:b], ends[a:b]], axis=1)
        assert np.array_equal(fast, token_spans(texts[d])), c["doc_id"][d]
    # and the lines are the same whichever path produced them
    many = concordance(c, "the", window=3)
    few = pd.concat([concordance(c.iloc[[i]], "the", window=3) for i in range(len(c))], ignore_index=True)
    assert many[["doc_id", "left", "match", "right"]].equals(few[["doc_id", "left", "match", "right"]])
