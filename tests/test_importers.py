"""Readers for news API responses (Guardian, NYT, GDELT): fixtures are invented articles."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import toolkit.importers  # noqa: F401  (registers the readers)
from toolkit import available_readers, load_corpus, validate_corpus
from toolkit.schema import CorpusError, CorpusWarning

DATA = Path(__file__).parent / "data" / "importers"


def test_the_three_readers_are_registered():
    table = available_readers()
    assert {"guardian", "nyt", "gdelt"} <= set(table["name"])
    rows = table[table["name"].isin(["guardian", "nyt", "gdelt"])]
    assert all(len(e) == 0 for e in rows["extensions"])  # chosen with format= only


def test_guardian_response_loads():
    df = load_corpus(DATA / "guardian.json", format="guardian")
    validate_corpus(df)
    assert df["doc_id"].tolist() == [
        "world/2022/mar/01/example-tidal-gates-opened", "world/2022/mar/02/example-market-reopens"]
    assert set(df["source"]) == {"The Guardian"}
    assert df["date"].tolist() == list(pd.to_datetime(
        ["2022-03-01T09:15:00Z", "2022-03-02T18:40:00Z"]))
    assert df["title"].tolist() == ["Tidal gates opened as river rises",
                                    "Market reopens after the flood"]
    assert df["text"][0].startswith("Engineers opened the tidal gates")
    # body HTML is stripped (bodyText missing in the second result)
    assert df["text"][1] == "Traders cleared mud from the lower market.\n\nStalls opened at noon & stayed busy."
    assert df["author"].tolist() == ["Invented Reporter", "Another Invented Writer"]
    assert df["section"].tolist() == ["World news", "World news"]
    assert df["url"][0].endswith("example-tidal-gates-opened")
    assert df["trail_text"][0] == "Engineers act early in the night"
    assert df["word_count"].tolist()[0] == 14 and pd.isna(df["word_count"][1])


def test_nyt_response_loads_with_partial_text():
    df = load_corpus(DATA / "nyt.json", format="nyt")
    validate_corpus(df)
    assert df["doc_id"].str.startswith("nyt://article/").all()
    assert df["source"].tolist() == ["The New York Times"] * 2
    assert df["title"].tolist() == ["Gates Open on a Rising River", "A Market Reopens"]
    assert df["text"][0].startswith("Engineers opened the tidal gates overnight")
    assert df["text"][1].startswith("Traders returned")  # empty lead paragraph: the abstract
    assert df["text_field"].tolist() == ["lead_paragraph", "abstract"]
    assert df["text_partial"].tolist() == [True, True]
    assert df["author"][0] == "Invented Correspondent" and pd.isna(df["author"][1])
    assert df["section"].tolist() == ["World", "Business"]
    assert df["url"][1] == "https://www.nytimes.com/2022/03/02/example/market.html"
    assert df["date"][0] == pd.Timestamp("2022-03-01T10:00:00Z")
    assert df["word_count"].tolist() == [812, 640]


def test_gdelt_artlist_loads_with_titles_as_text():
    df = load_corpus(DATA / "gdelt.json", format="gdelt")
    validate_corpus(df)
    assert df["doc_id"].tolist() == df["url"].tolist()
    assert df["source"].tolist() == [
        "kestrel-wire.example", "valley-post.example", "harbour-gazette.example"]  # last: from url
    assert df["date"].tolist() == list(pd.to_datetime(
        ["2022-02-24T05:30:00Z", "2022-02-25T18:15:00Z", "2022-02-26T00:00:00Z"]))
    assert df["text"].tolist() == df["title"].tolist()
    assert df["text_partial"].all()
    assert df["language"].tolist() == ["English"] * 3
    assert df["source_country"][1] == "Ireland"


@pytest.mark.parametrize(("fmt", "article", "reason"), [
    ("guardian", 3, "no body text (request show-fields=bodyText)"),
    ("nyt", 2, "no 'pub_date' field"),
    ("gdelt", 2, "seendate 'yesterday' is not of the form"),
])
def test_a_bad_article_is_named_or_skipped(fmt, article, reason):
    path = DATA / f"{fmt}_bad.json"
    pattern = rf"{fmt}_bad\.json .*article {article}: {re.escape(reason)}"
    with pytest.raises(CorpusError, match=pattern):
        load_corpus(path, format=fmt)
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(path, format=fmt, errors="skip")
    validate_corpus(df)
    assert len(df) == (2 if fmt == "guardian" else 1)
    (skipped,) = df.attrs["skipped"]
    assert skipped["row"] == article and reason in skipped["reason"]
    assert skipped["file"].endswith(f"{fmt}_bad.json")


@pytest.mark.parametrize("fmt", ["guardian", "nyt", "gdelt"])
def test_not_json_or_wrong_structure_names_the_file(fmt, write):
    path = write("page.json", "Your search contained a keyword that was too short.")
    with pytest.raises(CorpusError, match=r"page\.json line 1 column 1: invalid JSON"):
        load_corpus(path, format=fmt)
    wrong = write("wrong.json", '[{"title": "A list, not an API response"}]')
    with pytest.raises(CorpusError, match=r"wrong\.json: expected a .*found a list of 1 item"):
        load_corpus(wrong, format=fmt)


def test_wrong_inner_structures_and_api_errors(write):
    path = write("g.json", '{"response": {"status": "ok", "results": {"id": "x"}}}')
    with pytest.raises(CorpusError, match=r"g\.json: expected a list of articles under "
                                          r"'response\.results'"):
        load_corpus(path, format="guardian")
    path = write("e.json", '{"response": {"status": "error", "message": "Invalid api key"}}')
    with pytest.raises(CorpusError, match=r"e\.json: the Guardian .*'error'.*Invalid api key"):
        load_corpus(path, format="guardian")
    path = write("n.json", '{"status": "OK", "response": {"meta": {"hits": 0}}}')
    with pytest.raises(CorpusError, match=r"n\.json: expected a list of articles under "
                                          r"'response\.docs'"):
        load_corpus(path, format="nyt")
    path = write("d.json", '{"articles": [{"url": "https://a.example/1", "title": 5, '
                           '"seendate": "20220301T000000Z"}]}')
    with pytest.raises(CorpusError, match=r"d\.json .*article 1: field 'title' should be text"):
        load_corpus(path, format="gdelt")


def test_a_non_object_article_is_reported(write):
    path = write("n.json", '{"response": {"docs": ["just a string", {"_id": "x1", '
                           '"pub_date": "2022-03-01", "snippet": "Invented snippet."}]}}')
    with pytest.warns(CorpusWarning):
        df = load_corpus(path, format="nyt", errors="skip")
    assert df["doc_id"].tolist() == ["x1"]
    assert "article 1: expected a JSON object" in df.attrs["skipped"][0]["reason"]
