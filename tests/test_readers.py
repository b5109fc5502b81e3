"""The reader registry, row provenance and the public date parser."""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import toolkit.readers as readers
from toolkit.dates import parse_dates
from toolkit.io import PROVENANCE_COLUMNS, SUFFIX_FORMATS, load_corpus
from toolkit.readers import (
    ReadContext,
    Reader,
    available_readers,
    get_reader,
    reader_for,
    register_reader,
    unregister_reader,
)
from toolkit.schema import CorpusError, CorpusWarning

HEADER = "doc_id,source,date,title,text\n"
BUILT_IN = [
    "csv", "tsv", "json", "jsonl", "parquet", "text", "nexis", "factiva", "rss", "mediacloud",
    "html", "guardian", "nyt", "gdelt",
]
PSV = "doc_id|source|date|title|text\nw1|Kestrel Wire|2022-03-01|Gates|The gates opened.\n\nw2|Valley Post|2022-03-02|Market|Mud.\n"


@pytest.fixture(autouse=True)
def registry(monkeypatch):
    """Each test gets its own copy of the registry, so custom readers never leak."""
    monkeypatch.setattr(readers, "_READERS", dict(readers._READERS))


def read_psv(path: Path, data: bytes | None, ctx: ReadContext):
    """A pipe-separated table: what a new format takes (decode, split, number the lines)."""
    text, _ = ctx.decode(path, data)
    lines = text.splitlines()
    header = lines[0].split("|")
    records, rows = [], []
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        values = line.split("|")
        if len(values) != len(header):
            ctx.fail(path, n, f"expected {len(header)} fields, found {len(values)}")
            continue
        records.append(dict(zip(header, values, strict=True)))
        rows.append(n)
    return records, rows


# ----------------------------------------------------------------------------- registry


def test_a_registered_reader_is_all_a_new_format_needs(write, tmp_path):
    register_reader("psv", extensions=(".psv",), gzip=True, description="pipe-separated")(read_psv)
    path = write("wire.psv", PSV)
    df = load_corpus(path)
    assert df["doc_id"].tolist() == ["w1", "w2"]
    assert df["date"].tolist() == list(pd.to_datetime(["2022-03-01", "2022-03-02"]))
    assert isinstance(df["source"].dtype, pd.StringDtype)
    # folders, .gz, format=, generated ids (from the reader's row numbers) all work too
    write("folder/a.psv", PSV)
    write("folder/b.psv.gz", gzip.compress(PSV.replace("w", "v").encode()))
    assert len(load_corpus(tmp_path / "folder")) == 4
    other = write("wire.dat", PSV.replace("doc_id|", "id|"))
    with_ids = load_corpus(other, format="psv", columns={"doc_id": None})
    assert with_ids["doc_id"].tolist() == ["wire-2", "wire-4"]  # line 3 is blank


def test_custom_reader_problems_are_reported_like_built_in_ones(write):
    register_reader("psv", extensions=".psv")(read_psv)
    path = write("bad.psv", PSV + "w3|Post|2022-03-03|too|many|fields\nw4|Post|someday|T|Body.\n")
    with pytest.raises(CorpusError, match=r"bad\.psv row 5: expected 5 fields, found 6"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="2 row"):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["w1", "w2"]
    assert [(s["row"], s["field"]) for s in df.attrs["skipped"]] == [(5, None), (6, "date")]


def test_one_article_per_file_readers_form_one_table(write, tmp_path):
    @register_reader("note", extensions=(".note",), per_file=True)
    def read_note(path, data, ctx):
        text, _ = ctx.decode(path, data)
        source, date, *body = text.split("\n")
        record = {"doc_id": path.stem, "source": source, "date": date, "text": "\n".join(body)}
        if path.stem == "b":
            record["title"] = "Only b has a title"
        return [record], [None]

    write("notes/a.note", "Post\n2022-03-01\nBody a.")
    write("notes/b.note", "Wire\n2022-03-02\nBody b.")
    df = load_corpus(tmp_path / "notes", provenance=True)
    assert df["title"].tolist() == ["", "Only b has a title"]  # a field missing from some files
    assert df["source_row"].isna().all()
    write("untitled/a.note", "Post\n2022-03-01\nBody a.")
    with pytest.warns(CorpusWarning, match="titles were absent"):  # allowed, with a note
        untitled = load_corpus(tmp_path / "untitled")
    assert untitled["title"].tolist() == [""]


def test_registering_a_name_twice_needs_replace():
    register_reader("psv", extensions=(".psv",))(read_psv)
    with pytest.raises(ValueError, match="'psv' is already registered; pass replace=True"):
        register_reader("psv", extensions=(".psv",))(read_psv)
    with pytest.raises(ValueError, match="already registered"):
        register_reader("CSV", extensions=(".csv",))(read_psv)
    register_reader("psv", extensions=(".pipe",), replace=True)(read_psv)
    assert get_reader("psv").extensions == (".pipe",)
    assert reader_for("x.psv") is None and reader_for("x.pipe").name == "psv"


def test_names_aliases_and_suffixes_cannot_be_shared():
    with pytest.raises(ValueError, match=r"'ndjson' is already used by reader 'jsonl'"):
        register_reader("ndjson")(read_psv)
    with pytest.raises(ValueError, match=r"'\.csv' are already read by reader 'csv'.*format='psv'"):
        register_reader("psv", extensions=(".csv",))(read_psv)
    with pytest.raises(ValueError, match="gzip=True"):
        register_reader("psv", extensions=(".psv",), gzip=True, reads_path=True)
    with pytest.raises(ValueError, match="inner suffix"):
        register_reader("psv", extensions=(".gz",))
    with pytest.raises(ValueError, match="letters, digits"):
        register_reader("pipe separated")
    with pytest.raises(ValueError, match="placeholders"):
        register_reader("psv", missing_message="{origin} lacks {columns}")
    assert "psv" not in available_readers()["name"].tolist()  # nothing half-registered


def test_unregister_frees_the_suffix():
    register_reader("psv", extensions=(".psv",))(read_psv)
    removed = unregister_reader("PSV")
    assert isinstance(removed, Reader) and removed.function is read_psv
    assert reader_for("x.psv") is None
    with pytest.raises(ValueError, match="unknown format 'psv'"):
        get_reader("psv")


def test_unknown_format_lists_the_registered_names(write):
    register_reader("psv", extensions=(".psv",))(read_psv)
    path = write("c.csv", HEADER + "a,S,2022-03-01,t,x\n")
    with pytest.raises(ValueError, match=r"unknown format 'xls'; use one of \[.*'csv'.*'ndjson'.*'psv'.*'txt'"):
        load_corpus(path, format="xls")
    with pytest.raises(CorpusError, match=r"cannot tell the format.*\.psv.*registered format: .*csv, .*psv"):
        load_corpus(write("x.xls", "x"))


def test_get_reader_and_reader_for():
    assert get_reader("ndjson") is get_reader("JSONL") is get_reader(".jsonl")
    assert get_reader("md").name == "text"
    assert reader_for("a/b/Guardian.CSV.gz").name == "csv"
    assert reader_for("notes.txt.gz") is None  # text files are not read from .gz
    assert reader_for("x.parquet").reads_path and reader_for(".csv") is None
    register_reader("nexis_test", extensions=(".nexis.txt",))(read_psv)
    assert reader_for("export.nexis.txt").name == "nexis_test"  # the longest suffix wins
    assert reader_for("export.txt").name == "text"


def test_available_readers_table():
    table = available_readers()
    assert list(table.columns) == ["name", "extensions", "aliases", "gzip", "per_file", "description"]
    assert table["name"].tolist() == BUILT_IN
    row = table.set_index("name").loc["text"]
    assert row["extensions"] == ".txt, .md" and row["aliases"] == "txt, md"
    assert not row["gzip"] and row["per_file"]
    assert table["description"].str.len().gt(0).all()
    register_reader("psv", extensions=(".psv",), description="pipe-separated table")(read_psv)
    assert available_readers()["name"].tolist() == [*BUILT_IN, "psv"]


def test_suffix_formats_follows_the_registry():
    assert dict(SUFFIX_FORMATS) == {
        ".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
        ".parquet": "parquet", ".pq": "parquet", ".txt": "text", ".md": "text",
        ".rss": "rss", ".atom": "rss", ".html": "html", ".htm": "html",
    }
    register_reader("psv", extensions=(".psv",))(read_psv)
    assert SUFFIX_FORMATS[".psv"] == "psv"


def test_a_reader_that_breaks_the_protocol_is_named(write):
    register_reader("psv", extensions=(".psv",))(lambda path, data, ctx: pd.DataFrame())
    with pytest.raises(TypeError, match="reader 'psv' returned DataFrame"):
        load_corpus(write("x.psv", PSV))
    register_reader("psv", extensions=(".psv",), replace=True)(lambda path, data, ctx: ([{"a": 1}], []))
    with pytest.raises(TypeError, match=r"1 article\(s\) but 0 row"):
        load_corpus(write("x.psv", PSV))


def test_reads_path_readers_get_no_bytes(write):
    seen = []

    @register_reader("probe", extensions=(".probe",), reads_path=True)
    def probe(path, data, ctx):
        seen.append(data)
        return pd.read_csv(path).set_axis(["first"]), [2]  # the frame's index is ignored

    df = load_corpus(write("x.probe", HEADER + "a,S,2022-03-01,t,x\n"), provenance=True)
    assert seen == [None]
    assert df.index.tolist() == [0] and df["source_row"].tolist() == [2]


# ----------------------------------------------------------------------------- provenance


def test_provenance_names_file_and_row_for_every_format(write, tmp_path):
    csv = write("c.csv", HEADER + 'a1,S,2022-03-01,t,"two\nlines"\na2,S,2022-03-02,t,x\n')
    jl = write("j.jsonl", '\n{"doc_id": "j1", "source": "S", "date": "2022-03-01", "title": "t", "text": "x"}\n')
    js = write("j.json", json.dumps([{"doc_id": f"k{i}", "source": "S", "date": None, "title": "", "text": "x"} for i in (1, 2)]))
    txt = write("t.txt", "title: T\nsource: S\ndate: 2022-03-01\n\nBody.")
    pd.DataFrame({"doc_id": ["p1"], "source": ["S"], "date": ["2022-03-01"], "title": [""], "text": ["x"]}).to_parquet(tmp_path / "p.parquet")
    df = load_corpus([csv, jl, js, txt, tmp_path / "p.parquet"], provenance=True)
    assert list(df.columns[-2:]) == list(PROVENANCE_COLUMNS)
    assert df["source_file"].tolist() == [str(csv)] * 2 + [str(jl)] + [str(js)] * 2 + [str(txt), str(tmp_path / "p.parquet")]
    assert df["source_row"].tolist()[:5] == [2, 4, 2, 1, 2]  # CSV line 2 spans two lines
    assert df["source_row"].dtype == "Int64" and pd.isna(df["source_row"].iloc[5])
    assert df["source_row"].iloc[6] == 1
    assert isinstance(df["source_file"].dtype, pd.StringDtype)


def test_provenance_is_opt_in_and_leaves_everything_else_alone(write):
    path = write("c.csv", (HEADER + "a1,S,2022-03-01,T &amp; J,<p>x</p>\na2,,2022-03-02,t,y\n").replace("\n", "\r\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        plain = load_corpus(path, errors="skip", clean_html=True)
        traced = load_corpus(path, errors="skip", clean_html=True, provenance=True)
    assert not set(PROVENANCE_COLUMNS) & set(plain.columns)
    assert list(traced.columns) == [*plain.columns[:-2], *PROVENANCE_COLUMNS, "title_raw", "text_raw"]
    pd.testing.assert_frame_equal(traced.drop(columns=list(PROVENANCE_COLUMNS)), plain)
    assert traced.attrs == plain.attrs and traced.attrs["skipped"][0]["row"] == 3
    assert traced["source_row"].tolist() == [2]  # the skipped row is gone with its provenance


def test_provenance_refuses_to_overwrite_a_column(write):
    path = write("c.csv", "doc_id,source,date,title,text,source_file\na,S,2022-03-01,t,x,old.csv\n")
    with pytest.raises(CorpusError, match="already has them; rename them with columns="):
        load_corpus(path, provenance=True)
    df = load_corpus(path, provenance=True, columns={"source_file": "original_file"})
    assert df["original_file"].tolist() == ["old.csv"] and df["source_file"].tolist() == [str(path)]
    with pytest.raises(TypeError, match="provenance must be True or False"):
        load_corpus(path, provenance="yes")


def test_loading_with_a_custom_reader_never_writes(write, tmp_path):
    register_reader("psv", extensions=(".psv",))(read_psv)
    path = write("w.psv", PSV)
    before = path.read_bytes()
    load_corpus(path, provenance=True)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["w.psv"]


# ----------------------------------------------------------------------------- parse_dates


def test_parse_dates_time_zone_rules():
    naive = parse_dates(pd.Series(["2022-03-01T10:00", "2022-03-02", None]))
    assert naive.dtype == "datetime64[us]" and pd.isna(naive[2])
    shared = parse_dates(pd.Series(["2022-03-01T10:00+03:00", "2022-03-02T10:00+03:00"]))
    assert str(shared.dtype) == "datetime64[us, UTC+03:00]"
    mixed = parse_dates(pd.Series(["2022-03-01T10:00+03:00", "2022-03-01T10:00+01:00"]))
    assert str(mixed.dtype) == "datetime64[us, UTC]"
    with pytest.raises(CorpusError, match="mixes dates with a time zone"):
        parse_dates(pd.Series(["2022-03-01T10:00Z", "2022-03-02T10:00"]))


def test_parse_dates_keeps_the_index_and_names_bad_values():
    values = pd.Series(["2 March 2022", "someday", ""], index=["x", "y", "z"], name="published")
    with pytest.raises(CorpusError, match=r"1 date\(s\) cannot be parsed:\n  feed\.xml row y: cannot parse date 'someday'"):
        parse_dates(values, origin="feed.xml")
    out = parse_dates(values, errors="coerce")
    assert out.index.tolist() == ["x", "y", "z"] and out.name == "published"
    assert out["x"] == pd.Timestamp("2022-03-02") and out[["y", "z"]].isna().all()
    with pytest.raises(ValueError, match="errors must be"):
        parse_dates(values, errors="skip")


def test_parse_dates_day_first_formats_and_non_strings():
    with pytest.warns(CorpusWarning, match="read day first") as caught:
        out = parse_dates(["13/02/2022", "01/02/2022"])
    assert caught[0].filename == __file__  # the warning points at the caller
    assert out.dt.strftime("%Y-%m-%d").tolist() == ["2022-02-13", "2022-02-01"]
    assert parse_dates(["01/02/2022"], date_format="%d/%m/%Y")[0] == pd.Timestamp("2022-02-01")
    stamps = pd.Series(pd.to_datetime(["2022-03-01"]))
    pd.testing.assert_series_equal(parse_dates(stamps), stamps)
    with pytest.raises(CorpusError, match="holds numbers"):
        parse_dates(pd.Series([1646092800]))


def test_parse_dates_matches_load_corpus(write):
    dates = ["2022-03-01T10:00+03:00", "2022-03-01T12:00+01:00"]
    path = write("d.csv", HEADER + "".join(f"a{i},S,{d},t,x\n" for i, d in enumerate(dates)))
    pd.testing.assert_series_equal(load_corpus(path)["date"], parse_dates(pd.Series(dates, name="date")))
