"""Sentence segmentation on tricky news sentences, with no NLTK downloads."""

import pandas as pd

from toolkit.sentences import sentences, split_sentences


def split(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_titles_months_initials_and_countries():
    text = (
        "Mr. Halvorsen met Gen. Okafor on Jan. 9 in the U.S. capital. "
        "J. R. Lindqvist, a U.N. adviser, was there too. It ended at 3 p.m. sharp."
    )
    assert split(text) == [
        "Mr. Halvorsen met Gen. Okafor on Jan. 9 in the U.S. capital.",
        "J. R. Lindqvist, a U.N. adviser, was there too.",
        "It ended at 3 p.m. sharp.",
    ]


def test_quotes_and_questions():
    text = "“We will hold the bridge,” said Sgt. Varga. Would they? “No.” Then silence."
    assert split(text) == [
        "“We will hold the bridge,” said Sgt. Varga.",
        "Would they?",
        "“No.”",
        "Then silence.",
    ]


def test_paragraph_break_ends_sentence():
    text = "KHERSON, Nov 11 - Crowds gathered\n\nSoldiers arrived. Flags went up."
    assert split(text) == ["KHERSON, Nov 11 - Crowds gathered", "Soldiers arrived.", "Flags went up."]


def test_sentences_table_offsets_and_metadata():
    c = pd.DataFrame(
        {"doc_id": ["a", "b"], "source": ["X", "Y"], "text": ["One. Two.", "Three here."]}
    )
    s = sentences(c)
    assert s[["doc_id", "sentence", "text"]].values.tolist() == [
        ["a", 0, "One."], ["a", 1, "Two."], ["b", 0, "Three here."],
    ]
    assert s["source"].tolist() == ["X", "X", "Y"]
    for row in s.itertuples():
        assert c.set_index("doc_id").loc[row.doc_id, "text"][row.start : row.end] == row.text


def test_sentences_end_after_ordinary_words_that_look_like_abbreviations():
    text = "Several soldiers fell ill. Doctors treated them. Troops began to mass. Officials watched."
    assert len(split(text)) == 4


def _reference_spans(text):
    """NLTK's own Punkt span_tokenize, paragraph by paragraph (the behaviour to keep)."""
    from toolkit.sentences import _PARAGRAPH, reference_punkt

    tok, spans, pos = reference_punkt(), [], 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos)
        pos = start + len(para)
        if para.strip():
            spans += [(start + s, start + e) for s, e in tok.span_tokenize(para)]
    return spans


TRICKY = [
    "Mr. Smith met Gen. Okafor. U.S. officials said so. The U.S. Army left at 3 p.m. Then rain.",
    "“We won,” he said. “No.” (They left.) He asked: why? Nobody knew! Really?! Yes...",
    "It rose 3.5 percent in 2022. the rest fell. Prices (U.K.) rose. A.B. Smith spoke.",
    "Talks ended... Then nothing. e.g. this. Sept. 9 came. St. Petersburg. wash. dc.",
    "He said: 'It is over.' She didn't. Kyiv's forces advanced.\nNew line. Another one.",
]


def test_same_sentences_as_nltk_punkt_on_tricky_and_demo_text():
    import toolkit

    texts = TRICKY + toolkit.load_demo()["text"].tolist()
    for text in texts:
        assert split_sentences(text) == _reference_spans(text), text[:80]
