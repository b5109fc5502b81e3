"""load_corpus / save_corpus: formats, bad input, skipped rows, round trips."""

from __future__ import annotations

import gzip
import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit.io import load_corpus, parse_text_article, save_corpus
from toolkit.schema import CorpusError, CorpusWarning, validate_corpus

HEADER = "doc_id,source,date,title,text\n"
CSV = (
    HEADER
    + "007,The Harbour Gazette,2022-03-01,Gates opened,Engineers opened the gates.\n"
    + 'a2,Valley Post,2022-03-02,NA,"First paragraph.\n\nSecond, with a comma."\n'
    + "a3,Valley Post,2022-03-03,,A third article.\n"
)
RECORDS = [
    {"doc_id": "j1", "source": "Valley Post", "date": "2022-03-01", "title": "One", "text": "First text."},
    {"doc_id": "j2", "source": "Valley Post", "date": "2022-03-02", "title": "Two", "text": "Second text.",
     "section": "Local", "word_count": 2},
]


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def load_quiet(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(*args, **kwargs)


# ----------------------------------------------------------------------------- formats


def test_csv_schema_dtypes_and_text_kept_verbatim(write):
    df = load_corpus(write("c.csv", CSV))
    assert list(df.columns) == ["doc_id", "source", "date", "title", "text"]
    assert df["doc_id"].tolist() == ["007", "a2", "a3"]  # leading zeros kept
    assert df["title"].tolist() == ["Gates opened", "NA", ""]  # "NA" is a headline, not missing
    assert df["text"][1] == "First paragraph.\n\nSecond, with a comma."
    for col in ("doc_id", "source", "title", "text"):
        assert isinstance(df[col].dtype, pd.StringDtype)
    assert df["date"].dtype == "datetime64[us]"
    assert df.attrs["skipped"] == []


def test_tsv_json_jsonl_parquet_give_the_same_corpus(write, tmp_path):
    base = pd.DataFrame(RECORDS)
    tsv = base.to_csv(sep="\t", index=False)
    paths = [
        write("r.tsv", tsv),
        write("r.json", json.dumps(RECORDS)),
        write("r.jsonl", jsonl(RECORDS)),
        write("r.ndjson", jsonl(RECORDS)),
    ]
    base.to_parquet(tmp_path / "r.parquet")
    paths.append(tmp_path / "r.parquet")
    frames = [load_corpus(p) for p in paths]
    for df in frames:
        assert df["doc_id"].tolist() == ["j1", "j2"]
        assert df["section"].tolist()[1] == "Local"
        assert df["word_count"].tolist()[1] == 2
        assert df["date"].tolist() == list(pd.to_datetime(["2022-03-01", "2022-03-02"]))


def test_gzip_variants(write):
    a = load_corpus(write("c.csv.gz", gzip.compress(CSV.encode())))
    b = load_corpus(write("r.jsonl.gz", gzip.compress(jsonl(RECORDS).encode())))
    assert len(a) == 3 and b["doc_id"].tolist() == ["j1", "j2"]


def test_format_argument_overrides_the_suffix(write):
    path = write("export.dat", CSV)
    with pytest.raises(CorpusError, match="cannot tell the format"):
        load_corpus(path)
    assert len(load_corpus(path, format="csv")) == 3


def test_json_numbers_as_ids_become_strings_and_dates_keep_their_offset(write):
    recs = [dict(RECORDS[0], doc_id=17, date="2022-03-01T10:00:00+03:00")]
    df = load_corpus(write("n.jsonl", jsonl(recs)))
    assert df["doc_id"].tolist() == ["17"]
    assert str(df["date"].dtype) == "datetime64[us, UTC+03:00]"
    assert df["date"][0] == pd.Timestamp("2022-03-01T07:00:00Z")


TXT = """title: Gates opened at night
source: The Harbour Gazette
date: 2022-03-01
url: https://example.org/gates
Event ID: E01

LARSVIK - Engineers opened the gates.

Nobody was hurt.
"""


def test_text_files_with_header(write, tmp_path):
    write("folder/gates.txt", TXT)
    write("folder/market.md", "---\ntitle: Market\nsource: Valley Post\ndate: 2022-03-02\n---\n\nMud everywhere.\n")
    write("folder/notes.docx", b"not read")
    df = load_corpus(tmp_path / "folder")
    assert df["doc_id"].tolist() == ["gates", "market"]
    assert df["text"][0] == "LARSVIK - Engineers opened the gates.\n\nNobody was hurt."
    assert df["url"][0] == "https://example.org/gates" and df["event_id"][0] == "E01"
    assert df["title"][1] == "Market" and df["text"][1] == "Mud everywhere."


def test_text_dateline_with_colon_is_not_a_header():
    rec = parse_text_article("KYIV: Sirens sounded before dawn.\n\nMore text.", "x.txt")
    assert rec == {"doc_id": "x", "text": "KYIV: Sirens sounded before dawn.\n\nMore text."}


def test_text_files_without_headers_fail_clearly(write, tmp_path):
    write("plain/a.txt", "Just a body.\n")
    with pytest.raises(CorpusError, match=r"plain.*header line for 'source'"):
        load_corpus(tmp_path / "plain")


def test_list_and_glob_are_concatenated(write, tmp_path):
    a = write("many/a.csv", CSV)
    b = write("many/b.jsonl", jsonl(RECORDS))
    assert len(load_corpus([a, b])) == 5
    assert load_corpus(str(tmp_path / "many" / "*.csv"))["doc_id"].tolist() == ["007", "a2", "a3"]
    assert len(load_corpus([a, a])) == 3  # the same file twice is read once


def test_duplicate_doc_id_across_files_names_both(write):
    a = write("a.csv", CSV)
    b = write("b.jsonl", jsonl([dict(RECORDS[0], doc_id="a3")]))
    with pytest.raises(CorpusError) as err:
        load_corpus([a, b])
    msg = str(err.value)
    assert "duplicate doc_id 'a3'" in msg and f"{b} line 1" in msg and f"{a} line 6" in msg


def test_duplicate_doc_id_in_one_file_names_both_rows(write):
    path = write("d.csv", CSV.replace("a3,", "a2,"))
    with pytest.raises(CorpusError, match=r"d\.csv line 6, field 'doc_id': duplicate doc_id 'a2', already used at .*d\.csv line 3"):
        load_corpus(path)


# ----------------------------------------------------------------------------- columns=


def test_columns_mapping_renames_and_generates_ids(write):
    foreign = "published,headlines,articles,journal\n2022-03-01,One,Body one.,Gazette\n2022-03-02,Two,Body two.,Post\n"
    path = write("foreign.csv", foreign)
    with pytest.raises(CorpusError) as err:
        load_corpus(path)
    msg = str(err.value)
    assert str(path) in msg and "Columns found: 'published', 'headlines', 'articles', 'journal'" in msg
    assert "'articles': 'text'" in msg and "columns=" in msg and "{'doc_id': None}" in msg
    mapping = {"published": "date", "headlines": "title", "articles": "text", "journal": "source"}
    with pytest.raises(CorpusError, match="'doc_id'"):
        load_corpus(path, columns=mapping)  # ids are never made up unless asked
    df = load_corpus(path, columns={**mapping, "doc_id": None})
    assert df["doc_id"].tolist() == ["foreign-2", "foreign-3"]  # file stem and line number
    assert df["source"].tolist() == ["Gazette", "Post"]


def test_columns_mapping_errors(write):
    path = write("c.csv", CSV)
    with pytest.raises(CorpusError, match="no column 'bdy'"):
        load_corpus(path, columns={"bdy": "section"})
    with pytest.raises(CorpusError, match="already a 'text' column"):
        load_corpus(path, columns={"title": "text"})
    with pytest.raises(CorpusError, match="already has a 'doc_id' column"):
        load_corpus(path, columns={"doc_id": None})
    with pytest.raises(ValueError, match="only 'doc_id' may map to None"):
        load_corpus(path, columns={"title": None})


# ----------------------------------------------------------------------------- bad input


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "corpus.csv").write_text(CSV)
    with pytest.raises(CorpusError, match=r"corpus\.cvs: no such file or folder \(did you mean 'corpus\.csv'"):
        load_corpus(tmp_path / "corpus.cvs")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"x")
    with pytest.raises(CorpusError, match=r"empty: the folder has no supported files.*notes\.docx"):
        load_corpus(tmp_path / "empty")
    with pytest.raises(CorpusError, match="no files match"):
        load_corpus(str(tmp_path / "*.parquet"))


@pytest.mark.parametrize("name, content", [
    ("e.csv", b""), ("e.jsonl", b"\n\n"), ("e.json", b"[]"), ("h.csv", HEADER.encode()), ("e.parquet", b""),
])
def test_empty_file(write, name, content):
    path = write(name, content)
    with pytest.raises(CorpusError, match=rf"{path.name}: the file is empty"):
        load_corpus(path)


def test_empty_file_is_skipped_and_reported(write):
    good, empty = write("good.csv", CSV), write("empty.csv", b"")
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus([good, empty], errors="skip")
    assert len(df) == 3
    assert df.attrs["skipped"] == [{"file": str(empty), "row": None, "field": None, "reason": "the file is empty (no articles)"}]


def test_malformed_json_line(write):
    lines = jsonl(RECORDS).splitlines()
    path = write("m.jsonl", lines[0] + "\n\n" + '{"doc_id": "x", "text": "oops",}\n' + lines[1] + "\n")
    with pytest.raises(CorpusError, match=r"m\.jsonl line 3: invalid JSON"):
        load_corpus(path)
    with pytest.warns(CorpusWarning):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["j1", "j2"]
    [skipped] = df.attrs["skipped"]
    assert skipped["file"] == str(path) and skipped["row"] == 3 and "invalid JSON" in skipped["reason"]


def test_jsonl_line_numbers_count_blank_lines(write):
    lines = jsonl([RECORDS[0], dict(RECORDS[1], date="not a date")]).splitlines()
    path = write("b.jsonl", "\n" + lines[0] + "\n\n" + lines[1] + "\n")
    with pytest.raises(CorpusError, match=r"b\.jsonl line 4, field 'date'"):
        load_corpus(path)


def test_json_list_problems(write):
    with pytest.raises(CorpusError, match=r"l\.json line 2 column 1: invalid JSON.*format='jsonl'"):
        load_corpus(write("l.json", jsonl(RECORDS)))
    with pytest.raises(CorpusError, match="expected a JSON list of records"):
        load_corpus(write("o.json", json.dumps({"articles": RECORDS})))
    with pytest.raises(CorpusError, match=r"s\.json record 2: expected a JSON object"):
        load_corpus(write("s.json", json.dumps([RECORDS[0], "stray"])))


def test_csv_with_unclosed_quote_names_the_line_and_always_raises(write):
    broken = CSV + 'a4,Valley Post,2022-03-04,"Unclosed headline,Body four.\na5,Valley Post,2022-03-05,Five,Body five.\n'
    path = write("q.csv", broken)
    for errors in ("raise", "skip"):
        with pytest.raises(CorpusError, match=r"q\.csv line 7: a quoted field starts here and is never closed"):
            load_corpus(path, errors=errors)


def test_csv_with_too_many_fields(write):
    path = write("f.csv", CSV + "a4,Valley Post,2022-03-04,Four,Body,with an extra field\n")
    with pytest.raises(CorpusError, match=r"f\.csv line 7: expected 5 fields, found 6"):
        load_corpus(path)
    with pytest.warns(CorpusWarning):
        df = load_corpus(path, errors="skip")
    assert len(df) == 3 and df.attrs["skipped"][0]["row"] == 7
    # after a skipped line, rows keep their true line numbers
    more = write("g.csv", 'source,date,title,text\nPost,2022-03-01,One,"Body\n\none"\n'
                 "Post,2022-03-02,Two,Body,extra\nPost,2022-03-03,Three,Body three\n")
    with pytest.warns(CorpusWarning):
        df = load_corpus(more, errors="skip", columns={"doc_id": None})
    assert df["doc_id"].tolist() == ["g-2", "g-6"]
    assert df.attrs["skipped"][0]["row"] == 5


def test_csv_stray_quote_that_merges_rows_is_caught(write):
    merged = HEADER + 'a1,Post,2022-03-01,"Headline one,Body one.\na2,Post,2022-03-02,Two,Body two.\na3,Post,2022-03-03,"Three",Body three.\n'
    with pytest.raises(CorpusError, match=r"m\.csv line 2: field 'title' holds line breaks"):
        load_corpus(write("m.csv", merged))


def test_unparseable_date_names_row_and_field(write):
    path = write("d.csv", CSV.replace("2022-03-03", "2022-13-45"))
    with pytest.raises(CorpusError, match=r"d\.csv line 6, field 'date': cannot parse date '2022-13-45'"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="1 row"):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["007", "a2"]
    assert df.attrs["skipped"] == [
        {"file": str(path), "row": 6, "field": "date", "reason": "cannot parse date '2022-13-45'"}
    ]


def test_missing_date_is_kept_as_nat_and_other_formats_parse(write):
    csv = CSV.replace("2022-03-03", "").replace("2022-03-02", "2 March 2022")
    df = load_corpus(write("d.csv", csv))
    assert df["date"].isna().tolist() == [False, False, True]
    assert df["date"][1] == pd.Timestamp("2022-03-02")


def test_empty_text_names_the_row(write):
    path = write("t.jsonl", jsonl([RECORDS[0], dict(RECORDS[1], text="   ")]))
    with pytest.raises(CorpusError, match=r"t\.jsonl line 2, field 'text': empty text"):
        load_corpus(path)


def test_lists_in_text_column_fail_with_advice(write):
    path = write("p.jsonl", jsonl([dict(RECORDS[0], text=["para one", "para two"])]))
    with pytest.raises(CorpusError, match=r"p\.jsonl line 1: column 'text' holds a list"):
        load_corpus(path)


# ----------------------------------------------------------------------------- encodings


def test_cp1251_cyrillic_is_detected(write):
    csv = HEADER + "r1,Вечерний вестник,2022-03-01,Переговоры в Стамбуле,Делегации встретились во дворце и обсудили гуманитарные коридоры.\n"
    path = write("ru.csv", csv.encode("cp1251"))
    with pytest.warns(CorpusWarning, match=r"ru\.csv \(cp1251\)"):
        df = load_corpus(path)
    assert df["source"][0] == "Вечерний вестник"
    assert df["text"][0].startswith("Делегации встретились")


def test_latin1_accents_are_detected(write):
    body = "Les délégués réunis à Genève ont évoqué la sécurité des centrales; ça n'a rien donné."
    path = write("fr.txt", f"title: Réunion à Genève\nsource: Le Courrier\ndate: 2022-03-01\n\n{body}\n".encode("latin-1"))
    with pytest.warns(CorpusWarning, match="guessed"):
        df = load_corpus(path)
    assert df["title"][0] == "Réunion à Genève" and df["text"][0] == body


def test_utf8_bom_round_trips(write):
    path = write("bom.csv", b"\xef\xbb\xbf" + (HEADER + "b1,Zürcher Blatt,2022-03-01,Café,Crème brûlée.\n").encode())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a BOM is not a guess: no warning
        df = load_corpus(path)
    assert list(df.columns)[:2] == ["doc_id", "source"]
    assert df["source"][0] == "Zürcher Blatt" and df["text"][0] == "Crème brûlée."


def test_utf8_with_a_stray_byte_is_not_guessed_away(write):
    text = (HEADER + "u1,Вестник,2022-03-01,Заголовок,Текст.\n").encode() + "u2,Post,2022-03-02,Café,Text.\n".encode("latin-1")
    with pytest.raises(CorpusError, match=r"s\.csv line 3: the file is not UTF-8.*encoding="):
        load_corpus(write("s.csv", text))


def test_explicit_encoding(write):
    path = write("x.csv", (HEADER + "x1,Post,2022-03-01,Été,Il a plu.\n").encode("latin-1"))
    assert load_corpus(path, encoding="latin-1")["title"][0] == "Été"
    with pytest.raises(CorpusError, match=r"x\.csv line 2: cannot be decoded as 'utf-8'"):
        load_corpus(path, encoding="utf-8")


# ----------------------------------------------------------------------------- dates


def test_dates_time_zones(write):
    def load(*dates):
        rows = [dict(RECORDS[0], doc_id=f"d{i}", date=d) for i, d in enumerate(dates)]
        return load_corpus(write("z.jsonl", jsonl(rows)))

    assert load("2022-03-01T10:00", "2022-03-02").dtypes["date"] == "datetime64[us]"  # naive stays naive
    mixed = load("2022-03-01T10:00+03:00", "2022-03-01T10:00+01:00")
    assert str(mixed["date"].dtype) == "datetime64[us, UTC]"
    assert mixed["date"].tolist() == [pd.Timestamp("2022-03-01T07:00Z"), pd.Timestamp("2022-03-01T09:00Z")]
    with pytest.raises(CorpusError, match=r"mixes dates with a time zone.*z\.jsonl line 1.*z\.jsonl line 2"):
        load("2022-03-01T10:00Z", "2022-03-02T10:00")


def test_time_zones_across_files(write):
    a = write("a.jsonl", jsonl([dict(RECORDS[0], date="2022-03-01T10:00+03:00")]))
    b = write("b.jsonl", jsonl([dict(RECORDS[1], date="2022-03-01T10:00Z")]))
    c = write("c.jsonl", jsonl([dict(RECORDS[1], doc_id="c1", date="2022-03-01T10:00")]))
    assert str(load_corpus([a, b])["date"].dtype) == "datetime64[us, UTC]"
    with pytest.raises(CorpusError, match=r"c\.jsonl have no time zone"):
        load_corpus([a, c])
    undated = write("u.jsonl", jsonl([dict(RECORDS[1], doc_id="u1", date=None)]))
    both = load_corpus([a, undated])  # a file without dates takes the others' zone
    assert str(both["date"].dtype) == "datetime64[us, UTC+03:00]" and both["date"].isna().tolist() == [False, True]


# ----------------------------------------------------------------------------- skip, safety


def test_skip_reports_every_row_with_reason(write):
    csv = CSV + "a4,,2022-03-04,Four,Text four.\na5,Post,someday,Five,Text five.\na6,Post,2022-03-06,Six,\n"
    path = write("s.csv", csv)
    with pytest.raises(CorpusError, match="3 problem"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="3 row"):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["007", "a2", "a3"]
    skipped = pd.DataFrame(df.attrs["skipped"])
    assert skipped[["row", "field"]].values.tolist() == [[7, "source"], [8, "date"], [9, "text"]]
    assert skipped["reason"].tolist() == ["missing source", "cannot parse date 'someday'", "empty text"]


def test_loading_never_modifies_the_input(write, tmp_path):
    paths = [
        write("a.csv", CSV + "a4,Post,bad date,Four,Text.\n"),
        write("b.jsonl", jsonl(RECORDS) + "not json\n"),
        write("c.txt", TXT.replace("\n", "\r\n")),
        write("d.csv", (HEADER + "r1,Вестник,2022-03-01,Заголовок,Текст статьи о переговорах.\n").encode("cp1251")),
    ]
    past = 1_600_000_000
    for p in paths:
        os.utime(p, (past, past))
    before = {p: p.read_bytes() for p in paths}
    df = load_quiet(paths, errors="skip", clean_html=True)
    assert len(df) == 7
    for p in paths:
        assert p.read_bytes() == before[p]
        assert p.stat().st_mtime == past
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.csv", "b.jsonl", "c.txt", "d.csv"]


def test_cleaning_keeps_the_original_in_text_raw(write):
    csv = HEADER + 'h1,Post,2022-03-01,Tom &amp; Jerry,"<p>First&nbsp;line.</p><p>Caf\u0065\u0301 &lt;b&gt;</p>"\n'
    path = write("h.csv", csv.replace("\n", "\r\n"))
    with pytest.warns(CorpusWarning, match="clean_html=True"):
        plain = load_corpus(path)
    assert plain["text"][0] == "<p>First&nbsp;line.</p><p>Café &lt;b&gt;</p>"  # NFC only
    assert plain["text_raw"][0] == "<p>First&nbsp;line.</p><p>Cafe\u0301 &lt;b&gt;</p>"
    df = load_corpus(path, clean_html=True)
    assert df["text"][0] == "First line.\n\nCafé <b>" and df["title"][0] == "Tom & Jerry"
    assert df["text_raw"][0] == plain["text_raw"][0] and df["title_raw"][0] == "Tom &amp; Jerry"
    assert list(df.columns)[-2:] == ["title_raw", "text_raw"]


def test_crlf_newlines_are_unified(write):
    df = load_corpus(write("n.csv", CSV.replace("\n", "\r\n")))
    assert df["text"][1] == "First paragraph.\n\nSecond, with a comma."
    assert df["text_raw"][1] == "First paragraph.\r\n\r\nSecond, with a comma."


# ----------------------------------------------------------------------------- save_corpus


def test_save_round_trips_exactly(tmp_path, tiny_corpus):
    corpus = tiny_corpus.assign(
        date=pd.to_datetime(["2022-03-01T10:00Z", "2022-03-02T11:30Z", None], utc=True).tz_convert("Europe/Kyiv"),
        topic=pd.Categorical(["floods", "floods", "transport"]),
        words=pd.array([10, None, 12], dtype="Int64"),
        score=[0.5, float("nan"), 1.5],
        flag=[True, False, True],
        url=pd.array(["https://example.org/a", None, "https://example.org/c"], dtype="string"),
    )
    corpus.attrs = {"skipped": []}
    path = save_corpus(corpus, tmp_path / "out" / "corpus")
    assert path == tmp_path / "out" / "corpus.parquet"
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, corpus)
    assert back.attrs == corpus.attrs
    again = load_corpus(path)  # load_corpus gives every text column the same string dtype
    pd.testing.assert_frame_equal(again, corpus.astype({"url": "str"})[again.columns])


def test_save_refuses_to_overwrite(tmp_path, tiny_corpus):
    path = tmp_path / "c.parquet"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        save_corpus(tiny_corpus, path)
    assert path.read_bytes() == b"precious"
    save_corpus(tiny_corpus, path, overwrite=True)
    pd.testing.assert_frame_equal(pd.read_parquet(path), tiny_corpus)
    assert [p.name for p in tmp_path.iterdir()] == ["c.parquet"]  # no temporary file left


def test_save_checks_its_input(tmp_path, tiny_corpus):
    with pytest.raises(ValueError, match="Parquet"):
        save_corpus(tiny_corpus, tmp_path / "c.csv")
    with pytest.raises(CorpusError, match="'text'"):
        save_corpus(tiny_corpus.drop(columns="text"), tmp_path / "c.parquet")
    with pytest.raises(CorpusError, match="not unique"):
        save_corpus(pd.concat([tiny_corpus, tiny_corpus]), tmp_path / "c.parquet")


def test_load_save_load_is_stable(write, tmp_path):
    first = load_corpus(write("c.csv", CSV.replace("\n", "\r\n")))
    second = load_corpus(save_corpus(first, tmp_path / "c.parquet"))
    pd.testing.assert_frame_equal(first, second)


# ----------------------------------------------------------------------------- validate_corpus


def test_validate_corpus_on_a_dataframe(tiny_corpus):
    messy = tiny_corpus.assign(doc_id=[1, 2, 2], date=["2022-03-01", "2022-03-02", "2022-03-03"])
    before = messy.copy()
    with pytest.raises(CorpusError, match=r"<DataFrame> row 2, field 'doc_id': duplicate doc_id '2', already used at <DataFrame> row 1"):
        validate_corpus(messy)
    with pytest.warns(CorpusWarning):
        ok = validate_corpus(messy, errors="skip")
    pd.testing.assert_frame_equal(messy, before)  # input untouched
    assert ok["doc_id"].tolist() == ["1", "2"] and ok["date"].dtype == "datetime64[us]"
    pd.testing.assert_frame_equal(validate_corpus(tiny_corpus), tiny_corpus)


def test_errors_argument_is_checked(write):
    with pytest.raises(ValueError, match="errors must be"):
        load_corpus(write("c.csv", CSV), errors="ignore")


# ----------------------------------------------------------------------------- real corpora

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is not available")
def test_real_csv_with_foreign_columns():
    df = load_corpus(
        SHARED / "ru_ua_2022_guardian_nyt.csv",
        columns={"published": "date", "headlines": "title", "articles": "text", "journal": "source", "doc_id": None},
    )
    assert len(df) == 407 and df["doc_id"].is_unique
    assert str(df["date"].dtype) == "datetime64[us, UTC]"


def test_text_file_without_header_is_named_and_can_be_skipped(write):
    good = write("txt/a.txt", "title: Gates\nsource: Harbour Gazette\ndate: 2022-03-01\n\nThe gates opened.")
    bad = write("txt/story.md", "# Notes\n\nNot an article at all.")
    with pytest.raises(CorpusError, match=r"story\.md: no header line for 'source', 'date'"):
        load_corpus(good.parent)
    with pytest.warns(CorpusWarning):
        df = load_corpus(good.parent, errors="skip")
    assert df["doc_id"].tolist() == ["a"]
    assert [s["file"] for s in df.attrs["skipped"]] == [str(bad)]


def test_a_value_that_can_only_be_day_first_makes_the_column_day_first(write):
    path = write("d.csv", "doc_id,source,date,title,text\na,S,13/02/2022,t,x\nb,S,01/02/2022,t,y\n")
    with pytest.warns(CorpusWarning, match="read day first"):
        df = load_corpus(path)
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-02-13", "2022-02-01"]
    mixed = write("m.csv", "doc_id,source,date,title,text\na,S,13/02/2022,t,x\nb,S,02/13/2022,t,y\n")
    with pytest.raises(CorpusError, match="mixes day-first and month-first"):
        load_corpus(mixed)


@pytest.mark.parametrize("first,second", [("2022-02-24T05:00+03:00", "2022-02-24"), ("2022-02-24", "2022-02-24T05:00+03:00")])
def test_zoned_and_unzoned_dates_are_an_error_in_either_order(write, first, second):
    path = write("z.csv", f"doc_id,source,date,title,text\na,S,{first},t,x\nb,S,{second},t,y\n")
    with pytest.raises(CorpusError, match="mixes dates with a time zone and dates without one"):
        load_corpus(path)


def test_generated_ids_stay_unique_for_same_named_files_in_two_folders(write):
    body = "source,date,title,text\nS,2022-03-01,t,One text here.\n"
    a = write("2021/feed.csv", body)
    b = write("2022/feed.csv", body)
    df = load_corpus([a, b], columns={"doc_id": None})
    assert df["doc_id"].tolist() == ["2021-feed-2", "2022-feed-2"]
