"""Readers for web sources: Media Cloud exports, RSS/Atom feeds, saved HTML pages and
folders of one-object JSON files. Every fixture is a constructed, invented article."""

from __future__ import annotations

import json
import logging
import re
import socket
import warnings
from pathlib import Path

import pandas as pd
import pytest

import toolkit
import toolkit.importers  # noqa: F401  (registers the readers)
from toolkit import available_readers, load_corpus, validate_corpus
from toolkit.readers import get_reader, reader_for
from toolkit.schema import CorpusError, CorpusWarning

DATA = Path(__file__).parent / "data" / "importers"
MC, FEEDS, PAGES, OBJECTS = (DATA / d for d in ("mediacloud", "feeds", "pages", "json_objects"))
OBJECT_COLUMNS = {"id": "doc_id", "outlet": "source", "published": "date",
                  "headline": "title", "body": "text"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: every reader works offline."""
    def refuse(*args, **kwargs):
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_the_web_readers_are_registered():
    table = available_readers().set_index("name")
    assert {"mediacloud", "rss", "html"} <= set(table.index)
    assert table.loc["mediacloud", "extensions"] == ""  # .csv stays with the csv reader
    assert table.loc["rss", "extensions"] == ".rss, .atom"
    assert table.loc["html", "extensions"] == ".html, .htm" and table.loc["html", "per_file"]
    assert get_reader("atom").name == "rss" and get_reader("media-cloud").name == "mediacloud"
    assert reader_for("feed.xml") is None  # .xml is too general to claim
    assert reader_for("stories.csv").name == "csv"


# ------------------------------------------------------------------------------ Media Cloud


def test_mediacloud_explorer_export_loads_with_titles_as_text():
    df = load_corpus(MC / "explorer_v3.csv", format="mediacloud")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["2081234501", "2081234502", "2081234503"]
    assert df["source"].tolist() == ["The Harbour Gazette", "Valley Post", "Kestrel Wire"]
    assert df["date"][0] == pd.Timestamp("2022-02-24 05:42:10")
    assert df["title"][1] == "Queues at the western border grow, volunteers bring soup"
    assert df["text"].tolist() == df["title"].tolist() and df["text_partial"].all()
    assert df["url"][2] == "https://kestrel-wire.example/grain-terminal"
    assert df["language"].tolist() == ["en"] * 3
    assert df["themes"][1] == "Refugees; Immigration" and df["media_id"].tolist() == [90001, 90002, 90003]
    assert df["ap_syndicated"].tolist() == [False, True, False]


def test_mediacloud_search_tool_export_loads():
    df = load_corpus(MC / "search_tool.csv", format="mediacloud", provenance=True)
    validate_corpus(df)
    assert df["doc_id"][0] == "7c1e2f0a9b8d4e61a2f3c4d5e6f70811"
    assert df["source"].tolist() == ["harbour-gazette.example", "valley-post.example"]
    assert df["date"].tolist() == [pd.Timestamp("2022-03-01"), pd.Timestamp("2022-03-02")]
    assert df["language"].tolist() == ["en", "uk"]
    assert df["text"][1].startswith("Рятувальники")
    assert df["indexed_date"][0] == "2022-03-01T09:12:44.120000"
    assert df["source_row"].tolist() == [2, 3]  # lines of the CSV file


def test_mediacloud_bad_rows_are_named_or_skipped():
    path = MC / "bad.csv"
    with pytest.raises(CorpusError, match=r"bad\.csv line 3: story 2081234512: no 'publish_date'"):
        load_corpus(path, format="mediacloud")
    with pytest.warns(CorpusWarning, match="2 row"):
        df = load_corpus(path, format="mediacloud", errors="skip")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["2081234511", "2081234514"]
    skipped = df.attrs["skipped"]
    assert [s["row"] for s in skipped] == [3, 4]
    assert "no story id" in skipped[1]["reason"] and skipped[1]["file"].endswith("bad.csv")


def test_mediacloud_undated_stories_load_with_a_date_default():
    with pytest.warns(CorpusWarning, match="1 row"):  # only the story without an id
        df = load_corpus(MC / "bad.csv", format="mediacloud", errors="skip",
                         defaults={"date": None})
    assert df["doc_id"].tolist() == ["2081234511", "2081234512", "2081234514"]
    assert pd.isna(df["date"][1])


def test_mediacloud_needs_an_id_column(write):
    path = write("other.csv", "title,url,publish_date\nA,https://a.example/1,2022-03-01\n")
    with pytest.raises(CorpusError, match=r"other\.csv: not a Media Cloud story list: no "
                                          r"'stories_id' .*columns found: 'title'"):
        load_corpus(path, format="mediacloud")


def test_mediacloud_source_from_media_url_or_defaults(write):
    path = write("mc.csv", "id,publish_date,title,url,media_name,media_url\n"
                           "s1,2022-03-01,Sirens at dawn,https://a.example/1,,www.harbour-gazette.example\n"
                           "s2,2022-03-02,Quiet night,https://a.example/2,,\n")
    with pytest.raises(CorpusError, match=r"mc\.csv line 3: story s2: no 'media_name'"):
        load_corpus(path, format="mediacloud")
    df = load_corpus(path, format="mediacloud", defaults={"source": "Harbour wire desk"})
    assert df["source"].tolist() == ["harbour-gazette.example", "Harbour wire desk"]


# ------------------------------------------------------------------------------ RSS / Atom


def test_rss_feed_loads_full_text_and_summaries():
    df = load_corpus(FEEDS / "kestrel_wire.rss")  # chosen by the suffix
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["kw-2022-11-15-0042", "kw-2022-11-16-0007",
                                     "https://kestrel-wire.example/2022/11/17/lviv-coats"]  # no guid: link
    assert set(df["source"]) == {"Kestrel Wire: Europe"}
    assert df["date"].tolist() == list(pd.to_datetime(
        ["2022-11-15T17:05:00Z", "2022-11-16T08:30:00Z", "2022-11-17T12:00:00Z"]))
    assert df["text"][0].startswith("Engineers restored power to three districts of Kharkiv")
    assert "\n\nCrews worked through the night" in df["text"][0]  # paragraphs kept, tags gone
    # only a description: HTML and entities removed, marked partial
    assert df["text"][1] == ("Four bulk carriers loaded with wheat & maize left the port at "
                             "first light, port officials said.")
    assert df["text_partial"].tolist() == [False, True, False]
    assert df["author"][0] == "Kestrel Wire staff" and pd.isna(df["author"][1])
    assert df["categories"][0] == "Ukraine; Energy"
    assert df["url"][1] == "https://kestrel-wire.example/2022/11/16/odesa-convoy"
    assert set(df["language"]) == {"en-gb"}


def test_atom_feed_loads_and_defaults_name_the_outlet():
    df = load_corpus(FEEDS / "harbour_gazette.atom", defaults={"source": "Harbour Gazette (web)"})
    validate_corpus(df)
    assert df["source"].tolist() == ["Harbour Gazette (web)"] * 2
    assert df["feed_title"].tolist() == ["The Harbour Gazette"] * 2
    # published (converted to UTC), else updated
    assert df["date"].tolist() == list(pd.to_datetime(["2022-11-18T04:45:00Z", "2022-11-18T11:20:00Z"]))
    assert df["text"][0].startswith("Passengers on the overnight train") and not df["text_partial"][0]
    assert df["text"][1] == "Dock workers restarted the cranes on Friday morning."
    assert df["text_partial"][1]
    assert df["author"][0] == "Invented Correspondent" and df["language"][0] == "en"


def test_a_feed_saved_as_xml_is_read_with_format(tmp_path):
    path = tmp_path / "europe.xml"
    path.write_bytes((FEEDS / "kestrel_wire.rss").read_bytes())
    assert len(load_corpus(path, format="atom")) == 3


def test_a_broken_feed_is_named_or_skipped():
    path = FEEDS / "broken.rss"
    with pytest.raises(CorpusError, match=r"broken\.rss: the feed is not well-formed XML at line "
                                          r"19 \(mismatched tag\)"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="2 row"):
        df = load_corpus(path, errors="skip")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["vp-ferry"]
    file_issue, item_issue = df.attrs["skipped"]
    assert file_issue["row"] is None and "not well-formed" in file_issue["reason"]
    assert item_issue["row"] == 2 and item_issue["reason"].startswith("item 2: no text")


def test_a_feed_that_cannot_be_read_at_all_is_an_error(write):
    with pytest.raises(CorpusError, match=r"cut\.rss: the feed is not well-formed XML.*no item"):
        load_corpus(write("cut.rss", "<rss version='2.0'><channel><title>T</titl"), errors="skip")
    with pytest.raises(CorpusError, match=r"page\.rss: not an RSS or Atom feed"):
        load_corpus(write("page.rss", "<html><body><p>Not a feed.</p></body></html>"))


def test_feed_items_without_a_date_or_id(write):
    feed = ("<rss version='2.0'><channel><title>Valley Post</title>"
            "<item><title>Dated</title><guid>a1</guid><pubDate>Fri, 18 Nov 2022 07:00:00 GMT</pubDate>"
            "<description>Ferries sail again.</description></item>"
            "<item><title>Undated</title><guid>a2</guid><description>Shelters open.</description></item>"
            "<item><title>No id</title><pubDate>Fri, 18 Nov 2022 08:00:00 GMT</pubDate>"
            "<description>No link either.</description></item></channel></rss>")
    path = write("v.rss", feed)
    with pytest.raises(CorpusError, match=r"v\.rss row 2: item 2: no pubDate.*'a2'"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(path, errors="skip", defaults={"date": None})
    assert df["doc_id"].tolist() == ["a1", "a2"] and pd.isna(df["date"][1])
    assert df.attrs["skipped"][0]["reason"] == "item 3: no guid/id and no link"


def test_a_feed_is_never_taken_for_a_file_name(tmp_path, monkeypatch):
    # feedparser opens a *string* that names a file; the reader hands it a stream instead
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.rss").write_text("<rss version='2.0'><channel><title>Other</title>"
                                        "</channel></rss>")
    path = tmp_path / "x.rss"
    path.write_bytes(b"other.rss")
    with pytest.raises(CorpusError, match=r"x\.rss: the feed is not well-formed XML"):
        load_corpus(path)  # (reading other.rss would give an empty feed instead)


# ------------------------------------------------------------------------------ HTML pages


def test_saved_pages_load_without_page_furniture():
    df = load_corpus([PAGES / "harbour_kharkiv_power.html", PAGES / "valley_post_bakery.html"])
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["harbour_kharkiv_power", "valley_post_bakery"]
    assert df["source"].tolist() == ["The Harbour Gazette", "Valley Post"]  # og:site_name, JSON-LD
    # article:published_time and JSON-LD datePublished, with their times (UTC: two offsets)
    assert df["date"].tolist() == list(pd.to_datetime(["2022-11-15T17:40:00Z", "2022-11-20T08:15:00Z"]))
    assert df["title"][0] == "Power restored to three Kharkiv districts after strike on substation"
    assert df["url"][0] == "https://harbour-gazette.example/world/2022/11/15/kharkiv-power-restored"
    assert df["author"].tolist() == ["Kestrel Wire", "Invented Reporter"]
    assert df["language"].tolist() == ["en", "en"]
    text = df["text"][0]
    assert text.startswith("Engineers restored power")  # the headline is not repeated
    assert text.count("\n\n") == 4  # five paragraphs
    for furniture in ("Subscribe", "Most read", "Rowing club", "All rights reserved", "analytics"):
        assert furniture not in text
    assert "Log in" not in df["text"][1] and "Privacy" not in df["text"][1]


def test_pages_without_text_or_date_are_named_or_skipped():
    with pytest.raises(CorpusError, match=r"no_article\.html: no article text found"):
        load_corpus(PAGES / "no_article.html")
    with pytest.raises(CorpusError, match=r"undated_notice\.html: no publication date .*"
                                          r"defaults=\{'date'"):
        load_corpus(PAGES / "undated_notice.html")
    with pytest.warns(CorpusWarning, match="2 row"):
        df = load_corpus(PAGES, errors="skip")  # the folder: .html files by their suffix
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["harbour_kharkiv_power", "valley_post_bakery"]
    assert sorted(Path(s["file"]).name for s in df.attrs["skipped"]) == [
        "no_article.html", "undated_notice.html"]
    assert all(s["row"] is None for s in df.attrs["skipped"])


def test_an_undated_page_loads_with_defaults():
    df = load_corpus(PAGES / "undated_notice.html",
                     defaults={"date": "2022-11-21", "source": "Valley Post (print)"})
    validate_corpus(df)
    assert df["date"][0] == pd.Timestamp("2022-11-21")
    assert df["source"][0] == "Valley Post (print)" and df["site_name"][0] == "Valley Post"
    assert df["text"][0].startswith("The city hospital has asked")


def test_a_page_in_a_legacy_encoding_uses_its_meta_charset(write):
    page = ("<html lang='uk'><head><meta charset='windows-1251'><title>Новини</title>"
            "<meta property='og:site_name' content='Долинний вісник'>"
            "<meta property='article:published_time' content='2022-11-22T10:00:00+02:00'>"
            "</head><body><article><h1>Новини</h1><p>Волонтери відкрили пункт обігріву в "
            "бібліотеці, де можна зарядити телефон і випити чаю.</p><p>Пункт працює цілодобово "
            "до кінця тижня, повідомили в міській раді.</p></article></body></html>")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # no guessed encoding
        df = load_corpus(write("cp.htm", page.encode("cp1251")))
    assert df["source"][0] == "Долинний вісник" and df["language"][0] == "uk"
    assert "пункт обігріву" in df["text"][0]


def test_trafilatura_stays_quiet(capfd, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.warns(CorpusWarning):
        load_corpus(PAGES, errors="skip")
    assert capfd.readouterr().err == ""
    assert not [r for r in caplog.records if r.name.split(".")[0] in ("trafilatura", "htmldate")]


def test_an_empty_page_is_reported(write):
    path = write("blank.html", "  \n")
    with pytest.raises(CorpusError, match=r"blank\.html: the file is empty"):
        load_corpus(path)


# ------------------------------------------------------------------------------ wire copies


def test_a_wire_story_in_a_feed_and_on_a_page_is_found_as_a_duplicate():
    feed = load_corpus(FEEDS / "kestrel_wire.rss")
    pages = load_corpus([PAGES / "harbour_kharkiv_power.html", PAGES / "valley_post_bakery.html"])
    both = pd.concat([feed, pages], ignore_index=True)
    clusters = toolkit.find_duplicates(both)
    assert clusters["cluster"].nunique() == 1
    assert sorted(clusters["doc_id"]) == ["harbour_kharkiv_power", "kw-2022-11-15-0042"]
    assert clusters["similarity"].min() > 0.9
    # the feed's item was published first: it represents the cluster
    assert clusters.loc[clusters["representative"], "doc_id"].tolist() == ["kw-2022-11-15-0042"]


# ------------------------------------------------------------------------------ JSON objects


def test_a_folder_of_one_object_json_files_loads():
    df = load_corpus(OBJECTS / "good", columns=OBJECT_COLUMNS, provenance=True)
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["hg-2022-0301-metro", "vp-2022-0302-port"]
    assert df["source"].tolist() == ["The Harbour Gazette", "Valley Post"]
    assert df["title"][1] == "Port closed to shipping until further notice"
    assert df["text"][0].endswith("top of the escalators.")
    assert df["tags"][0] == ["Kyiv", "civilians"]
    assert df["source_row"].tolist() == [1, 1]


def test_a_broken_json_object_file_is_named_or_skipped():
    with pytest.raises(CorpusError, match=r"truncated_save\.json line 6 column \d+: invalid JSON"):
        load_corpus(OBJECTS / "bad", columns=OBJECT_COLUMNS)
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(OBJECTS / "bad", columns=OBJECT_COLUMNS, errors="skip")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["kw-2022-0303-checkpoint"]
    (skipped,) = df.attrs["skipped"]
    assert skipped["file"].endswith("truncated_save.json") and skipped["row"] is None
    assert "invalid JSON" in skipped["reason"]


def test_one_object_ids_can_be_generated(write):
    write("o/a.json", json.dumps({"source": "S", "date": "2022-03-01", "title": "t", "text": "x"}))
    df = load_corpus(write("o/b.json", json.dumps({"source": "S", "date": None, "title": "", "text": "y"})).parent,
                     columns={"doc_id": None})
    assert df["doc_id"].tolist() == ["a-1", "b-1"]


def test_wrappers_and_bad_json_lists_keep_their_errors(write):
    records = [{"doc_id": "a", "source": "S", "date": "2022-03-01", "title": "t", "text": "x"}]
    with pytest.raises(CorpusError, match=r"w\.json: expected a JSON list of records.*found an "
                                          r"object with keys 'status', 'articles'.*under 'articles'"):
        load_corpus(write("w.json", json.dumps({"status": "ok", "articles": records})))
    with pytest.raises(CorpusError, match=r"g\.json: expected .*under 'response\.results'.*"
                                          r"format='guardian'"):
        load_corpus(write("g.json", json.dumps({"response": {"status": "ok", "results": records}})))
    with pytest.raises(CorpusError, match=r"e\.json: expected a JSON list of records"):
        load_corpus(write("e.json", "{}"))
    # a broken list, or JSON Lines named .json, still stops the load with errors="skip"
    with pytest.raises(CorpusError, match=r"l\.json line 1 column \d+: invalid JSON"):
        load_corpus(write("l.json", '[{"doc_id": "a",'), errors="skip")
    with pytest.raises(CorpusError, match=r"j\.json line 2 column 1: .*format='jsonl'"):
        load_corpus(write("j.json", json.dumps(records[0]) + "\n" + json.dumps(records[0])),
                    errors="skip")


def test_an_article_object_with_a_list_of_objects_is_one_article(write):
    article = {"doc_id": "a", "source": "S", "date": "2022-03-01", "title": "t", "text": "x",
               "entities": [{"name": "Kharkiv"}, {"name": "Odesa"}]}
    df = load_corpus(write("a.json", json.dumps(article)))
    assert df["doc_id"].tolist() == ["a"] and len(df["entities"][0]) == 2


def test_a_repeated_key_in_a_one_object_file_is_reported(write):
    path = write("r.json", '{"doc_id": "a", "source": "S", "date": "2022-03-01", '
                           '"text": "x", "text": "y"}')
    with pytest.raises(CorpusError, match=re.escape("r.json record 1: key 'text' appears 2 times")):
        load_corpus(path)


def test_a_documentation_page_in_a_folder_of_pages_is_not_an_article(tmp_path):
    (tmp_path / "kharkiv.html").write_bytes((PAGES / "harbour_kharkiv_power.html").read_bytes())
    (tmp_path / "README.html").write_text("<html><body><h1>About these pages</h1><p>Saved "
                                          "by hand in November.</p></body></html>")
    with pytest.warns(CorpusWarning, match="not article files: README.html"):
        df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["kharkiv"]
    assert df.attrs["skipped"][0]["reason"].startswith("not an article file")
