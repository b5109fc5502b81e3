"""Page furniture (toolkit.boilerplate) on small hand-made corpora (our own sentences)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from toolkit.boilerplate import find_boilerplate, remove_boilerplate, restore_text
from toolkit.schema import CorpusError, CorpusWarning, validate_corpus

BODIES = [
    "The ferry left the harbour at dawn.",
    "Farmers met in the village hall on Monday.",
    "The council voted to repair the old bridge.",
    "Rain closed two roads in the valley.",
    "A new library opened near the station.",
    "Fishermen reported a record catch of herring.",
    "The mayor visited the flooded school.",
    "Students planted trees along the river bank.",
]


def corpus_of(texts: list[str], sources: list[str] | None = None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame({
        "doc_id": pd.array([f"d{i}" for i in range(n)], dtype="str"),
        "source": pd.array(sources or ["Gazette"] * n, dtype="str"),
        "date": pd.to_datetime(["2022-03-01"] * n),
        "title": pd.array([""] * n, dtype="str"),
        "text": pd.array(texts, dtype="str"),
    })


def test_lines_repeated_by_one_outlet_are_found_with_counts():
    gazette = [f"{b}\n\nAdvertisement\n\nHide Caption {i + 1} of 22 Photos" for i, b in enumerate(BODIES[:6])]
    gazette[0] += "\nAdvertisement"  # twice in one article: one more occurrence, same article
    post = BODIES[6:] + ["Advertisement\nThe port reopened."]
    corpus = corpus_of(gazette + post, ["Gazette"] * 6 + ["Post"] * 3)
    found = find_boilerplate(corpus, min_docs=5, min_share=0.5)
    assert found.columns.tolist() == ["source", "segment", "example", "n_docs", "outlet_docs",
                                      "share", "n_occurrences", "example_doc_id"]
    rows = found.set_index("segment")
    assert rows.loc["advertisement", "n_docs"] == 6
    assert rows.loc["advertisement", "n_occurrences"] == 7
    assert rows.loc["advertisement", "share"] == 1.0
    assert rows.loc["advertisement", "example_doc_id"] == "d0"
    # digits become '#', so the numbered captions are one segment
    assert rows.loc["hide caption # of # photos", "n_docs"] == 6
    assert set(found["source"]) == {"Gazette"}  # the Post has 1 article with the line, < 5


def test_normalisation_groups_case_whitespace_digits_and_unicode():
    variants = ["Hide Caption 3 of 22 Photos", "hide  caption 14 of 22 photos", "HIDE CAPTION 1 OF 9 PHOTOS\t",
                "ПОДПИШИТЕСЬ НА РАССЫЛКУ 2022", "Подпишитесь на рассылку 1999"]
    texts = [f"{BODIES[i]}\n{variants[i % 3]}\n{variants[3 + i % 2]}" for i in range(6)]
    found = find_boilerplate(corpus_of(texts), min_docs=5, min_share=0.1)
    assert found.set_index("segment")["n_docs"].to_dict() == {
        "hide caption # of # photos": 6, "подпишитесь на рассылку #": 6}


def test_thresholds_min_docs_and_min_share():
    texts = [b + ("\nClick here for more" if i < 4 else "") for i, b in enumerate(BODIES)]
    assert find_boilerplate(corpus_of(texts), min_docs=5).empty
    assert len(find_boilerplate(corpus_of(texts), min_docs=4, min_share=0.5)) == 1
    assert find_boilerplate(corpus_of(texts), min_docs=4, min_share=0.51).empty
    with pytest.raises(ValueError, match="min_share"):
        find_boilerplate(corpus_of(texts), min_share=2)
    with pytest.raises(ValueError, match="segment"):
        find_boilerplate(corpus_of(texts), segment="paragraph")


def test_by_none_pools_outlets():
    texts = [b + "\nShare this story" for b in BODIES]
    corpus = corpus_of(texts, ["A", "B"] * 4)
    assert find_boilerplate(corpus).empty  # 4 articles per outlet, fewer than 5
    pooled = find_boilerplate(corpus, by=None)
    assert "source" not in pooled.columns and pooled["n_docs"].tolist() == [8]


def test_empty_corpus_one_article_and_unused_category():
    empty = corpus_of([])
    assert find_boilerplate(empty).empty
    assert remove_boilerplate(empty).attrs["boilerplate_removed"]["doc_id"] == []
    one = corpus_of(["Advertisement\nOnly one story."])
    assert find_boilerplate(one).empty  # one article never reaches min_docs
    out = remove_boilerplate(one, pd.DataFrame({"segment": ["advertisement"]}))
    assert out["text"].tolist() == ["Only one story."]
    cat = corpus_of([b + "\nAdvertisement" for b in BODIES[:5]])
    cat["source"] = pd.Categorical(cat["source"], categories=["Gazette", "Never published"])
    assert find_boilerplate(cat)["source"].tolist() == ["Gazette"]


def test_remove_returns_new_corpus_keeps_raw_and_reports():
    texts = [f"{b}\n\nAdvertisement\n\nThe end of the story." for b in BODIES[:5]]
    corpus = corpus_of(texts + ["A story without furniture."])
    before = corpus.copy()
    out = remove_boilerplate(corpus, min_docs=5)
    pd.testing.assert_frame_equal(corpus, before)  # input untouched
    # the two repeated lines go; the blank lines left behind collapse
    assert out["text"].iloc[0] == BODIES[0]
    assert out["text"].iloc[5] == "A story without furniture."
    assert out["text_raw"].tolist() == corpus["text"].tolist()
    report = pd.DataFrame(out.attrs["boilerplate_removed"])
    assert report["doc_id"].tolist() == [f"d{i}" for i in range(5)]
    assert report["segments"].tolist() == [2] * 5
    assert (report["chars"] == corpus["text"].str.len()[:5] - out["text"].str.len()[:5]).all()
    assert not report["emptied"].any()
    validate_corpus(out)  # still a valid corpus


def test_existing_text_raw_is_kept_and_report_extends():
    texts = [f"{b}\nAdvertisement\nSponsored content" for b in BODIES[:5]]
    corpus = corpus_of(texts)
    corpus["text_raw"] = corpus["text"].str.upper()  # an older original (e.g. before cleaning)
    step1 = remove_boilerplate(corpus, pd.DataFrame({"segment": ["advertisement"]}))
    assert step1["text_raw"].tolist() == corpus["text_raw"].tolist()
    step2 = remove_boilerplate(step1, pd.DataFrame({"segment": ["SPONSORED CONTENT"]}))
    assert step2["text"].tolist() == BODIES[:5]
    assert step2.attrs["boilerplate_removed"]["doc_id"] == [f"d{i}" for i in range(5)] * 2


def test_table_without_outlet_column_applies_to_every_outlet():
    corpus = corpus_of([BODIES[0] + "\nRead more", BODIES[1] + "\nread   MORE"], ["A", "B"])
    out = remove_boilerplate(corpus, pd.DataFrame({"segment": ["Read more"]}))
    assert out["text"].tolist() == BODIES[:2]
    only_a = remove_boilerplate(corpus, pd.DataFrame({"source": ["A"], "segment": ["read more"]}))
    assert only_a["text"].tolist() == [BODIES[0], corpus["text"].iloc[1]]


def test_article_made_only_of_boilerplate_is_kept_and_reported():
    texts = [f"{b}\nAdvertisement\nSign up for our newsletter" for b in BODIES[:5]]
    texts.append("Advertisement\n\nSign up for our newsletter\n")
    corpus = corpus_of(texts)
    with pytest.warns(CorpusWarning, match=r"1 article\(s\) consist only of boilerplate.*'d5'"):
        out = remove_boilerplate(corpus)
    assert len(out) == 6 and out["text"].iloc[5] == texts[5]  # not dropped, not emptied
    report = pd.DataFrame(out.attrs["boilerplate_removed"]).set_index("doc_id")
    assert bool(report.loc["d5", "emptied"]) and report.loc["d5", "chars"] == 0
    assert not report.loc[[f"d{i}" for i in range(5)], "emptied"].any()


def test_crlf_newlines_match_and_survive():
    texts = [f"{b}\r\nAdvertisement\r\n{c}" for b, c in zip(BODIES[:5], BODIES[3:], strict=True)]
    out = remove_boilerplate(corpus_of(texts))
    assert out["text"].tolist() == [f"{b}\r\n{c}" for b, c in zip(BODIES[:5], BODIES[3:], strict=True)]


def test_texts_without_newlines_are_cut_into_sentences():
    tail = "Copyright 2020 Gazette Media. All rights reserved."
    texts = [f"{b} More on this tomorrow. {tail}" for b in BODIES[:5]]
    found = find_boilerplate(corpus_of(texts))
    assert set(found["segment"]) == {"more on this tomorrow.", "copyright # gazette media.",
                                     "all rights reserved."}
    out = remove_boilerplate(corpus_of(texts), found)
    assert out["text"].tolist() == BODIES[:5]
    # with segment="line" the whole one-line texts differ, so nothing is found
    assert find_boilerplate(corpus_of(texts), segment="line").empty


def test_segment_sentence_cuts_inside_lines():
    texts = [f"{b} Click here to subscribe. {c}\n{c}" for b, c in zip(BODIES[:6], BODIES[2:], strict=True)]
    found = find_boilerplate(corpus_of(texts), segment="sentence")
    assert found["segment"].tolist() == ["click here to subscribe."]
    assert find_boilerplate(corpus_of(texts)).empty  # as lines, every line differs
    out = remove_boilerplate(corpus_of(texts), segment="sentence")
    assert out["text"].tolist() == [f"{b} {c}\n{c}" for b, c in zip(BODIES[:6], BODIES[2:], strict=True)]


def test_restore_text_undoes_removal():
    texts = [f"{b}\n\nAdvertisement" for b in BODIES[:6]]
    corpus = corpus_of(texts)
    out = remove_boilerplate(corpus)
    back = restore_text(out)
    assert back["text"].tolist() == texts
    assert "boilerplate_removed" not in back.attrs
    with pytest.raises(CorpusError, match="no boilerplate report"):
        restore_text(corpus)


def test_errors_name_row_and_field():
    corpus = corpus_of(BODIES[:2])
    corpus["text"] = pd.Series(["fine", 42], dtype=object)
    with pytest.raises(CorpusError, match=r"row 1 \(doc_id 'd1'\), field 'text'"):
        find_boilerplate(corpus)
    dup = corpus_of(BODIES[:2])
    dup["doc_id"] = ["x", "x"]
    with pytest.raises(CorpusError, match="not unique"):
        remove_boilerplate(dup)
    with pytest.raises(CorpusError, match="missing required column"):
        find_boilerplate(corpus_of(BODIES[:2]).drop(columns="source"))


def test_nothing_found_changes_nothing():
    corpus = corpus_of(BODIES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = remove_boilerplate(corpus)
    assert out["text"].tolist() == BODIES and "text_raw" not in out.columns
    assert out.attrs["boilerplate_removed"]["doc_id"] == []
