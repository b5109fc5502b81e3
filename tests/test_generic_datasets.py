"""Generic shapes of research datasets that load_corpus must accept (issue "Real corpora in").

Every fixture is written here, in tmp_path, with our own made-up sentences and outlets.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus, validate_corpus
from toolkit.schema import CorpusError, CorpusWarning


def _rows(header, *rows, sep="\t"):
    return "\n".join(sep.join(r) for r in (header, *rows)) + "\n"


# 1 ---------------------------------------------------------------- boolean labels with gaps


def test_tsv_boolean_label_column_with_an_empty_cell(write, tmp_path):
    write("labelled.tsv", _rows(
        ("doc_id", "source", "date", "title", "text", "is_opinion"),
        ("k1", "Lakeside Courier", "2023-05-01", "Ferry delayed", "The morning ferry left late.", "True"),
        ("k2", "Lakeside Courier", "2023-05-02", "Bridge repaired", "Crews finished the bridge.", ""),
        ("k3", "Hill Times", "2023-05-03", "Opinion: buses", "Buses should run later.", "False"),
    ))
    df = load_corpus(tmp_path / "labelled.tsv", provenance=True)
    assert df["doc_id"].tolist() == ["k1", "k2", "k3"]
    assert df["is_opinion"].iloc[0] == True  # noqa: E712 - the value as read
    assert pd.isna(df["is_opinion"].iloc[1])
    assert df["is_opinion"].iloc[2] == False  # noqa: E712
    assert df["source_row"].tolist() == [2, 3, 4]


def test_label_column_with_gaps_next_to_a_multi_line_text(write, tmp_path):
    write("multi.csv", 'doc_id,source,date,title,text,flag\n'
                       'm1,Hill Times,2023-05-01,One,"First line\nsecond line",True\n'
                       'm2,Hill Times,2023-05-02,Two,Plain body.,\n')
    df = load_corpus(tmp_path / "multi.csv", provenance=True)
    assert df["source_row"].tolist() == [2, 4]  # the quoted line break is counted


# 2 ---------------------------------------------------------------- no title column


def test_a_table_without_title_column_loads_with_empty_titles_and_a_note(write, tmp_path):
    write("untitled.csv", "doc_id,source,date,text\n"
                          "u1,Hill Times,2023-05-01,Snow closed the pass.\n"
                          "u2,Hill Times,2023-05-02,The pass reopened.\n")
    with pytest.warns(CorpusWarning, match="no 'title' column; titles were absent"):
        df = load_corpus(tmp_path / "untitled.csv")
    assert list(df.columns) == ["doc_id", "source", "date", "title", "text"]
    assert df["title"].tolist() == ["", ""]
    assert "untitled.csv" in df.attrs["notes"][0] and "titles were absent" in df.attrs["notes"][0]


def test_validate_corpus_accepts_a_frame_without_titles_but_still_needs_text():
    frame = pd.DataFrame({"doc_id": ["v1"], "source": ["Hill Times"], "date": ["2023-05-01"],
                          "text": ["A short body."]})
    with pytest.warns(CorpusWarning, match="titles were absent"):
        df = validate_corpus(frame)
    assert df["title"].tolist() == [""]
    with pytest.raises(CorpusError, match="missing required column.*'text'"):
        validate_corpus(frame.drop(columns="text"))


def test_titles_present_give_no_note(write, tmp_path):
    write("t.csv", "doc_id,source,date,title,text\nt1,Hill Times,2023-05-01,Head,Body.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = load_corpus(tmp_path / "t.csv")
    assert "notes" not in df.attrs


# 3 ---------------------------------------------------------------- defaults=


def test_defaults_fill_absent_columns_and_missing_values_only(write, tmp_path):
    write("wire.csv", "doc_id,date,title,text,language\n"
                      "w1,2023-05-01,Rates,The bank held rates.,\n"
                      "w2,2023-05-02,Harvest,Farmers began the harvest.,de\n")
    df = load_corpus(tmp_path / "wire.csv", defaults={"source": "Reuters", "language": "en"})
    assert df["source"].tolist() == ["Reuters", "Reuters"]  # the column was absent
    assert df["language"].tolist() == ["en", "de"]  # only the missing value is filled


def test_defaults_for_a_folder_of_text_files(write, tmp_path):
    write("wire/a.txt", "title: Rain\ndate: 2023-05-01\n\nRain fell all day.")
    write("wire/b.txt", "title: Sun\ndate: 2023-05-02\nsource: Hill Times\n\nThe sun came out.")
    df = load_corpus(tmp_path / "wire", defaults={"source": "Reuters"})
    assert df["source"].tolist() == ["Reuters", "Hill Times"]


def test_defaults_are_checked(write, tmp_path):
    path = write("d.csv", "doc_id,source,date,title,text\nd1,X,2023-05-01,H,Body.\n")
    with pytest.raises(ValueError, match="cannot set 'doc_id'"):
        load_corpus(path, defaults={"doc_id": "same"})
    with pytest.raises(TypeError, match="defaults must be a mapping"):
        load_corpus(path, defaults=["source"])
    with pytest.raises(TypeError):
        load_corpus(path, {"source": "X"})  # keyword-only


# 4 ---------------------------------------------------------------- READMEs and codebooks


def test_folder_with_readme_and_codebook_skips_them_with_a_report(write, tmp_path):
    write("corpus/a1.txt", "title: Rain\nsource: Hill Times\ndate: 2023-05-01\n\nRain fell.")
    write("corpus/a2.txt", "title: Sun\nsource: Hill Times\ndate: 2023-05-02\n\nThe sun came out.")
    write("corpus/README.md", "# About this corpus\n\nCollected by hand in May.\n")
    write("corpus/codebook.pdf", b"%PDF-1.4 not really a pdf")
    write("corpus/notes.docx", b"PK\x03\x04 not really a docx")
    with pytest.warns(CorpusWarning, match="not article files"):
        df = load_corpus(tmp_path / "corpus")  # errors="raise": still no crash
    assert df["doc_id"].tolist() == ["a1", "a2"]
    skipped = {Path(i["file"]).name: i for i in df.attrs["skipped"]}
    assert set(skipped) == {"README.md", "codebook.pdf", "notes.docx"}
    assert all(i["reason"].startswith("not an article file") for i in skipped.values())
    assert all(i["row"] is None and i["field"] is None for i in skipped.values())


def test_a_headerless_article_that_is_not_documentation_is_still_an_error(write, tmp_path):
    write("corpus/a1.txt", "title: Rain\nsource: Hill Times\ndate: 2023-05-01\n\nRain fell.")
    write("corpus/story.txt", "Just a body without any header.\n")
    with pytest.raises(CorpusError, match="story.txt: no header line"):
        load_corpus(tmp_path / "corpus")


def test_a_readme_with_an_article_header_is_an_article(write, tmp_path):
    write("corpus/readme.txt", "title: Read me\nsource: Hill Times\ndate: 2023-05-01\n\nBody.")
    df = load_corpus(tmp_path / "corpus")
    assert df["doc_id"].tolist() == ["readme"] and df.attrs["skipped"] == []


# 5 ---------------------------------------------------------------- first line is the title


def test_first_line_is_the_title(write, tmp_path):
    write("plain/p1.txt", "Storm hits the coast\n\nWaves broke over the harbour wall.\nNobody was hurt.")
    write("plain/p2.txt", "\nMarket reopens\nTraders returned on Monday.")
    write("plain/README.txt", "These files were typed in by volunteers.")
    with pytest.warns(CorpusWarning, match="not article files"):
        df = load_corpus(tmp_path / "plain", title="first_line",
                         defaults={"source": "Hill Times", "date": None})
    assert df["title"].tolist() == ["Storm hits the coast", "Market reopens"]
    assert df["text"].tolist() == ["Waves broke over the harbour wall.\nNobody was hurt.",
                                   "Traders returned on Monday."]
    assert df["date"].isna().all()


def test_first_line_keeps_a_title_header(write, tmp_path):
    write("h/h1.txt", "title: From the header\nsource: Hill Times\ndate: 2023-05-01\n\nBody line.")
    df = load_corpus(tmp_path / "h", title="first_line")
    assert df["title"].tolist() == ["From the header"] and df["text"].tolist() == ["Body line."]


def test_title_option_is_checked(write, tmp_path):
    path = write("t.csv", "doc_id,source,date,title,text\nt1,X,2023-05-01,H,Body.\n")
    with pytest.raises(ValueError, match="first_line"):
        load_corpus(path, title="first-line")
