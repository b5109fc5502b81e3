"""Readers for database exports (Nexis Uni / LexisNexis, Factiva): fixtures are invented
articles (tests/data/importers/make_export_fixtures.py writes them)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import toolkit.importers  # noqa: F401  (registers the readers)
from toolkit import available_readers, find_duplicates, load_corpus, validate_corpus
from toolkit.readers import get_reader, reader_for
from toolkit.schema import CorpusError, CorpusWarning

DATA = Path(__file__).parent / "data" / "importers"
NEXIS = DATA / "nexis"
FACTIVA = DATA / "factiva"


def rtf(*paragraphs: str) -> str:
    """A minimal RTF document, one paragraph per argument."""
    return "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}" + "".join(
        f"\\pard {p}\\par\n" for p in paragraphs) + "}"


# ------------------------------------------------------------------------------ registry


def test_the_export_readers_are_registered_without_suffixes():
    table = available_readers().set_index("name")
    assert {"nexis", "factiva"} <= set(table.index)
    assert table.loc["nexis", "extensions"] == "" and table.loc["factiva", "extensions"] == ""
    assert get_reader("lexisnexis").name == "nexis" and get_reader("nexis_uni").name == "nexis"
    assert reader_for("export.txt").name == "text"  # .txt stays with the text reader
    assert reader_for("export.rtf") is None and reader_for("export.docx") is None


# ------------------------------------------------------------------------------ Nexis


def test_nexis_uni_docx_loads():
    df = load_corpus(NEXIS / "nexis_uni.docx", format="nexis")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["nexis_uni#1", "nexis_uni#2", "nexis_uni#3"]
    assert df["source"].tolist() == ["The Harbour Gazette", "Valley Post", "The Harbour Gazette"]
    assert df["date"].tolist() == list(pd.to_datetime(["2022-02-24", "2022-02-25", "2022-02-26"]))
    assert df["title"].tolist() == ["Queues form at western border crossings",
                                    "Second round of talks ends without a deal",
                                    "Volunteers sort donated blankets in church hall"]
    assert df["text"][0].startswith("Cars stretched for several kilometres")
    assert df["text"][0].count("\n\n") == 1  # two body paragraphs, nothing of the fields
    assert "Load-Date" not in df["text"][1] and "Classification" not in df["text"][1]
    assert df["author"][0] == "Invented Reporter" and pd.isna(df["author"][2])
    assert df["section"].tolist() == ["WORLD", "NEWS", "LOCAL"]
    assert df["page"].tolist() == ["4", "6", "11"]
    assert df["word_count"].tolist() == [96, 98, 71]
    assert df["language"].tolist() == ["English"] * 3
    assert df["load_date"].tolist() == ["2022-02-25", "2022-02-26", "2022-02-27"]
    assert df["publication_type"].tolist() == ["Newspaper"] * 3
    assert df["edition"][0] == "Late Edition" and pd.isna(df["edition"][1])
    assert df["dateline"][0] == "LVIV"
    assert df["highlight"][2] == "A village answers an appeal in a single afternoon"
    assert df["copyright"][1] == "Copyright 2022 Valley Post (fictional)"
    assert df["subject"][0].startswith("REFUGEES")


def test_nexis_rtf_reads_like_the_docx():
    df = load_corpus(NEXIS / "nexis_uni.rtf", format="nexis")
    validate_corpus(df)
    docx = load_corpus(NEXIS / "nexis_uni.docx", format="nexis").iloc[[0, 2]]
    columns = ["source", "date", "title", "text", "author", "section", "word_count"]
    pd.testing.assert_frame_equal(df[columns], docx[columns].reset_index(drop=True))


def test_lexisnexis_academic_txt_loads():
    df = load_corpus(NEXIS / "lexis_academic.txt", format="nexis", provenance=True)
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["lexis_academic#1", "lexis_academic#2"]
    assert df["source"].tolist() == ["The Harbour Gazette", "Valley Post"]
    assert df["date"].tolist() == list(pd.to_datetime(["2022-03-02", "2022-03-04"]))
    assert df["title"].tolist() == ["Ferry timetable changed as port reopens",
                                    "Bakery keeps its ovens on \u2014 and its doors open"]
    assert df["edition"][0] == "Final Edition" and pd.isna(df["edition"][1])
    assert df["author"][0] == "Another Invented Writer"
    assert df["dateline"][0] == "ODESA"
    assert df["section"].tolist() == ["NEWS", "FEATURES"]
    assert df["word_count"].tolist() == [74, 69]
    assert df["text"][1].startswith("A bakery on the edge") and df["text"][1].endswith("stores.")
    assert df["copyright"][1] == "Copyright 2022 Valley Post (fictional)"
    assert df["source_row"].tolist() == [1, 2]


def test_a_file_without_separators_is_one_article(write):
    one = ("Grain ships wait at anchor\nThe Harbour Gazette\nJuly 30, 2022 Saturday\n"
           "Length: 20 words\nBody\nSeveral ships waited at anchor outside the port.\n"
           "Load-Date: July 31, 2022\n")
    df = load_corpus(write("one.txt", one), format="nexis")
    assert df[["doc_id", "title", "source"]].values.tolist() == [
        ["one#1", "Grain ships wait at anchor", "The Harbour Gazette"]]
    assert df["text"][0] == "Several ships waited at anchor outside the port."


def test_nexis_dates_are_read_leniently(write):
    template = ("Headline\nValley Post\n{}\nLength: 5 words\nBody\nA body line.\n"
                "End of Document\n")
    dates = ["Friday, February 25, 2022", "25 February 2022", "Feb. 25, 2022 Fri",
             "February 25th, 2022 Friday 10:12 AM EST", "2022-02-25",
             "25. Februar 2022 Freitag"]
    df = load_corpus(write("d.rtf", "".join(template.format(d) for d in dates)), format="nexis")
    assert (df["date"] == pd.Timestamp("2022-02-25")).all() and len(df) == 6


def test_not_a_nexis_export_names_the_file(write):
    path = write("notes.txt", "Just some notes about the project.\nNothing else.\n")
    with pytest.raises(CorpusError, match=r"notes\.txt: not a Nexis export"):
        load_corpus(path, format="nexis")
    broken = write("broken.docx", b"PK\x03\x04 this is not really a zip")
    with pytest.raises(CorpusError, match=r"broken\.docx: cannot be read as a Word document"):
        load_corpus(broken, format="nexis")


# ------------------------------------------------------------------------------ Factiva


def test_factiva_rtf_article_format_loads():
    df = load_corpus(FACTIVA / "factiva.rtf", format="factiva")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["HRBGZT0020220224ei2o0000a", "KSTRLW0020220225ei2p0001a",
                                     "VLYPST0020220226ei2q0000c"]  # the search summary is ignored
    assert df["factiva_id"].tolist() == df["doc_id"].tolist()
    assert df["source"].tolist() == ["The Harbour Gazette", "Kestrel Wire", "Valley Post"]
    assert df["date"].tolist() == list(pd.to_datetime(["2022-02-24", "2022-02-25", "2022-02-26"]))
    assert df["title"][0] == "Kyiv residents queue for bread as sirens sound"
    assert df["author"][0] == "Invented Correspondent" and pd.isna(df["author"][1])
    assert df["word_count"].tolist() == [88, 98, 41]
    assert df["language"].tolist() == ["English"] * 3
    assert df["source_code"].tolist() == ["HRBGZT", "KSTRLW", "VLYPST"]
    assert df["time"][1] == "16:20 GMT" and df["page"][0] == "5" and df["edition"][0] == "Late"
    assert df["copyright"][0].startswith("\u00a9 2022 The Harbour Gazette")
    assert df["lead_paragraph"][0] == df["text"][0].split("\n\n")[0]
    assert df["text"][0].startswith("A bakery on the edge") and "Document" not in df["text"][0]


def test_factiva_html_field_codes_load():
    df = load_corpus(FACTIVA / "factiva.html", format="factiva")
    validate_corpus(df)
    assert df["doc_id"].tolist() == ["HRBGZT0020220228ei2s0000b", "VLYPST0020220301ei31000d"]
    assert df["title"].tolist() == ["Power restored to parts of Kharkiv",
                                    "Schools open their basements as shelters"]
    assert df["date"].tolist() == list(pd.to_datetime(["2022-02-28", "2022-03-01"]))
    assert df["text"][0].split("\n\n")[0] == df["lead_paragraph"][0]
    assert df["text"][0].count("\n\n") == 1  # LP + TD
    assert df["section"][1] == "Education" and pd.isna(df["section"][0])
    assert df["subjects"][0] == "gvexe : Executive Branch" and df["regions"][0] == "ukrn : Ukraine"
    assert df["copyright"][0] == "\u00a9 2022 The Harbour Gazette (fictional)"
    assert df["word_count"].tolist() == [52, 49]


def test_factiva_field_codes_in_rtf(write):
    path = write("coded.rtf", rtf(
        "HD\\tab Night trains to the west", "BY\\tab By Invented Reporter", "WC\\tab 30 words",
        "PD\\tab 3 March 2022", "SN\\tab Valley Post", "LA\\tab English", "LP",
        "The last train left after midnight.", "TD",
        "IN KYIV, the station stayed open all night.", "Staff handed out water.",
        "AN\\tab Document VLYPST0020220303ei33000e",
        "HD\\tab A second article without its end", "PD\\tab 4 March 2022",
        "SN\\tab Valley Post", "LP", "It stops here."))
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(path, format="factiva", errors="skip")
    assert df["doc_id"].tolist() == ["VLYPST0020220303ei33000e"]
    assert df["text"][0] == ("The last train left after midnight.\n\nIN KYIV, the station "
                             "stayed open all night.\n\nStaff handed out water.")
    assert df["author"][0] == "Invented Reporter" and df["word_count"][0] == 30
    (skipped,) = df.attrs["skipped"]
    assert skipped["row"] == 2 and "seems cut off" in skipped["reason"]


def test_factiva_html_article_format(write):
    page = ('<html><body><div class="article enArticle"><div>Gates reopened at dawn</div>'
            "<div>40 words</div><div>2 March 2022</div><div>The Harbour Gazette</div>"
            "<div>English</div><div>Copyright 2022 The Harbour Gazette (fictional)</div>"
            '<p class="articleParagraph">The gates reopened at dawn.</p>'
            "<div>Document HRBGZT0020220302ei32000f</div></div></body></html>")
    df = load_corpus(write("page.html", page), format="factiva")
    assert df[["doc_id", "title", "source", "text"]].values.tolist() == [[
        "HRBGZT0020220302ei32000f", "Gates reopened at dawn", "The Harbour Gazette",
        "The gates reopened at dawn."]]


def test_not_a_factiva_export_names_the_file(write):
    path = write("list.rtf", rtf("A reading list", "Nothing here is an article."))
    with pytest.raises(CorpusError, match=r"list\.rtf: not a Factiva export"):
        load_corpus(path, format="factiva")


# ------------------------------------------------------------------------------ both


@pytest.mark.parametrize(("fmt", "name", "reason"), [
    ("nexis", "nexis/nexis_uni_bad.docx", "no date line (such as 'February 25, 2022 Friday')"),
    ("nexis", "nexis/nexis_uni_bad.rtf", "the file ends before this article's 'End of Document'"),
    ("nexis", "nexis/lexis_academic_bad.txt", "the date 'February 30, 2022 Wednesday' does not "
                                              "exist"),
    ("factiva", "factiva/factiva_bad.rtf", "the file ends before this article's accession number"),
    ("factiva", "factiva/factiva_bad.html", "cannot read the date 'sometime in March'"),
])
def test_a_bad_article_is_named_or_skipped(fmt, name, reason):
    path = DATA / name
    good = {"nexis_uni_bad.docx": 2}.get(path.name, 1)
    pattern = rf"{re.escape(path.name)} .*article 2: {re.escape(reason)}"
    with pytest.raises(CorpusError, match=pattern):
        load_corpus(path, format=fmt)
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(path, format=fmt, errors="skip")
    validate_corpus(df)
    assert len(df) == good
    (skipped,) = df.attrs["skipped"]
    assert skipped["row"] == 2 and reason in skipped["reason"]
    assert skipped["file"].endswith(path.name)


def test_the_same_wire_story_is_found_across_nexis_and_factiva():
    nexis = load_corpus(NEXIS / "nexis_uni.docx", format="nexis")
    factiva = load_corpus(FACTIVA / "factiva.rtf", format="factiva")
    both = pd.concat([nexis, factiva], ignore_index=True)
    assert both["doc_id"].is_unique
    clusters = find_duplicates(both)
    assert clusters["cluster"].nunique() == 1
    assert sorted(clusters["doc_id"]) == ["KSTRLW0020220225ei2p0001a", "nexis_uni#2"]
    copy = clusters.loc[~clusters["representative"], "similarity"].iloc[0]
    assert 0.8 <= copy < 1.0  # the reprint adds a credit line; white space differs
