"""Hostile input for load_corpus: no silent loss, no raw crash, no misleading reason.

Stray quotes that swallow rows, UTF-8 rows inside a cp1251 file, texts made of invisible
characters, numbers where text is expected, and files that are not what their name says.
Every fixture is written here, in ``tmp_path``.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile

import pandas as pd
import pytest

from toolkit.io import load_corpus
from toolkit.schema import CorpusError, CorpusWarning

HEADER = "doc_id,source,date,title,text\n"


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def article(doc_id, text="Engineers opened the gates.", **extra) -> dict:
    return {"doc_id": doc_id, "source": "Valley Post", "date": "2022-03-01", "title": "Gates",
            "text": text, **extra}


def skipped(df: pd.DataFrame) -> list[tuple]:
    return [(i["row"], i["field"]) for i in df.attrs["skipped"]]


# ------------------------------------------------------------------- 1: stray quote


def test_case01_stray_quote_in_text_that_swallows_rows_is_reported(write):
    csv = HEADER + (
        'a1,Post,2022-03-01,One,"Talks resume, officials say.\n'           # the stray quote
        "a2,Post,2022-03-02,Two,Body two.\n"
        'a3,Post,2022-03-03,Three,He called it a "goodwill gesture" today.\n'  # closes it
        "a4,Post,2022-03-04,Four,Body four.\n"
        "a5,Post,2022-03-05,Five,Body five.\n"
    )
    path = write("s.csv", csv)
    with pytest.raises(CorpusError, match=r"s\.csv line 2: field 'text' holds line breaks followed "
                       r"by what looks like 2 further rows \(lines 3, 4\): a stray quote"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="3 row"):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["a4", "a5"]  # nothing merged into one article
    assert skipped(df) == [(2, "text"), (3, "text"), (4, "text")]
    reasons = [i["reason"] for i in df.attrs["skipped"]]
    assert "merged lines 2-4 into one record" in reasons[0]
    assert "a2,Post,2022-03-02,Two,Body two." in reasons[1] and "stray quote at line 2" in reasons[1]
    assert path.read_bytes() == csv.encode()
    # the same in a TSV file, and with generated ids (no doc_id column to compare with)
    tsv = write("s.tsv", csv.replace(",", "\t").replace("resume\t officials", "resume, officials"))
    with pytest.raises(CorpusError, match=r"s\.tsv line 2: field 'text' holds line breaks"):
        load_corpus(tsv)
    no_ids = write("n.csv", "\n".join(line.split(",", 1)[1] for line in csv.splitlines()) + "\n")
    with pytest.warns(CorpusWarning):
        df = load_corpus(no_ids, errors="skip", columns={"doc_id": None})
    assert df["doc_id"].tolist() == ["n-5", "n-6"] and skipped(df) == [(2, "text"), (3, "text"), (4, "text")]
    # legitimate multi-line texts still load, even with a paragraph full of commas
    fine = HEADER + (
        'a1,Post,2022-03-01,One,"First paragraph.\n\nIn Kyiv, on 2022-03-02, officials, citing '
        'sources, said talks, once again, had stalled.\nLast, line."\n'
        'a2,Post,2022-03-02,Two,"One\nTwo, three, four, five, six"\n'
    )
    ok = load_corpus(write("fine.csv", fine))
    assert ok["doc_id"].tolist() == ["a1", "a2"] and ok.attrs["skipped"] == []
    assert ok["text"][0].count("\n") == 3


# ------------------------------------------------------------------- 4: mixed encodings

RUSSIAN = [
    "Делегации встретились во дворце и обсудили гуманитарные коридоры.",
    "Жители провели ночь в укрытиях и сообщили о разрушениях.",
    "Первое судно с зерном покинуло порт утром в понедельник.",
    "Переговоры продолжатся на следующей неделе в Стамбуле.",
    "Власти объявили о восстановлении электроснабжения в районе.",
    "Беженцы вернулись в город после окончания обстрелов.",
]


def test_case04_utf8_row_in_a_cp1251_file_is_decoded_as_utf8_and_reported(write):
    data = HEADER.encode()
    for i, text in enumerate(RUSSIAN, 1):
        line = f"r{i},Вечерний вестник,2022-03-0{i},Заголовок {i},{text}\n"
        data += line.encode("utf-8" if i == 3 else "cp1251")  # line 4 of the file is UTF-8
    path = write("mixed.csv", data)
    with pytest.warns(CorpusWarning) as caught:
        df = load_corpus(path)
    messages = [str(w.message) for w in caught]
    assert any("mixed.csv (cp1251)" in m for m in messages)  # the file-level guess
    assert any("UTF-8" in m and "mixed.csv line 4" in m and "line 5" not in m for m in messages)
    assert df["text"].tolist() == RUSSIAN  # no mojibake such as 'РџРµСЂРІРѕРµ'
    assert df["title"][2] == "Заголовок 3" and df["source"].nunique() == 1
    assert path.read_bytes() == data
    # the same for a Western file: 'Café' in UTF-8 among latin-1 lines, not 'CafÃ©'
    western = (HEADER + "w1,Post,2022-03-01,Été,Il a plu à Genève.\n").encode("latin-1")
    western += "w2,Post,2022-03-02,Café,Crème brûlée.\n".encode()
    western += "w3,Post,2022-03-03,Hôtel,Près du lac.\n".encode("latin-1")
    with pytest.warns(CorpusWarning) as caught:
        df = load_corpus(write("w.csv", western))
    assert any(re.search(r"UTF-8.*w\.csv line 3\b", str(w.message)) for w in caught)
    assert df["title"].tolist() == ["Été", "Café", "Hôtel"] and df["text"][1] == "Crème brûlée."
    # the helper itself, and a cp1251 line that happens to be valid UTF-8 is left alone
    from toolkit.clean import decode_mixed_lines

    text, lines = decode_mixed_lines(data, "cp1251")
    assert lines == [4] and text.split("\n")[3] == f"r3,Вечерний вестник,2022-03-03,Заголовок 3,{RUSSIAN[2]}"
    lucky = "Кі Дё".encode("cp1251")
    assert lucky.decode("utf-8") == "\u02b3 \u0138"  # valid UTF-8 by chance, natural only as cp1251
    assert decode_mixed_lines(lucky, "cp1251") == ("Кі Дё", [])


# ------------------------------------------------------------------- 5: invisible texts


def test_case05_texts_of_only_zero_width_or_control_characters_are_empty(write):
    invisible = ["\u200b", "\ufeff", "\x00", "\u2060\u200d", " \u200b\n\u200c "]
    records = [article("ok", text="Real\u200btext with a zero-width space inside.")]
    records += [article(f"z{i}", text=t) for i, t in enumerate(invisible)]
    path = write("z.jsonl", jsonl(records))
    with pytest.raises(CorpusError, match=r"z\.jsonl line 2, field 'text': empty text"):
        load_corpus(path)
    with pytest.warns(CorpusWarning, match="5 row"):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["ok"]
    assert skipped(df) == [(n, "text") for n in range(2, 7)]
    assert all(i["reason"].startswith("empty text") for i in df.attrs["skipped"])
    # the same rule for CSV (a NUL byte or a BOM in the middle of the file)
    csv = HEADER + "c1,Post,2022-03-01,One,Body.\nc2,Post,2022-03-02,Two,\u200b\u2060\n"
    with pytest.raises(CorpusError, match=r"e\.csv line 3, field 'text': empty text"):
        load_corpus(write("e.csv", csv))


# ------------------------------------------------------------------- 6: numbers as text


def test_case06_numbers_and_booleans_where_text_is_expected_are_reported(write, tmp_path):
    records = [
        dict(article(1), text="A real text."),          # an integer doc_id is fine
        dict(article(2), text=12345),
        dict(article(3), title=True),
        dict(article(4), text=True),
        dict(article(5), title=3.5),
    ]
    expected = [(2, "text"), (3, "title"), (4, "text"), (5, "title")]
    for name, content in (("n.json", json.dumps(records)), ("n.jsonl", jsonl(records))):
        path = write(name, content)
        with pytest.raises(CorpusError, match=rf"n\.{name[2:]} (record|line) 2, field 'text': a "
                           r"number \(12345\) where text is expected"):
            load_corpus(path)
        with pytest.warns(CorpusWarning, match="4 row"):
            df = load_corpus(path, errors="skip")
        assert df["doc_id"].tolist() == ["1"] and skipped(df) == expected
        assert "a boolean (True)" in df.attrs["skipped"][1]["reason"]
    # a Parquet int64 column as text
    numbers = [dict(article(f"p{i}"), text=i) for i in (1, 2)] + [article("p3")]
    frame = pd.DataFrame(numbers[:2])
    assert frame["text"].dtype == "int64"
    frame.to_parquet(tmp_path / "n.parquet")
    with pytest.raises(CorpusError, match=r"n\.parquet row 1, field 'text': a number \(1\)"):
        load_corpus(tmp_path / "n.parquet")
    with pytest.raises(CorpusError, match=r"(?s)2 problem.*row 2, field 'text': a number \(2\).*"
                       "No rows were left"):
        load_corpus(tmp_path / "n.parquet", errors="skip")
    path = write("m.jsonl", jsonl(numbers))  # numbers and strings mixed in one column
    with pytest.warns(CorpusWarning):
        df = load_corpus(path, errors="skip")
    assert df["doc_id"].tolist() == ["p3"] and skipped(df) == [(1, "text"), (2, "text")]


# ------------------------------------------------------------------- 13: misleading reasons


def test_case13_misnamed_files_get_a_reason_that_says_what_they_are(write):
    body = "s1;Post;2022-03-01;One;Body one, with a comma.\n"
    semi = write("semi.csv", HEADER.replace(",", ";") + body)
    with pytest.raises(CorpusError, match=r"semi\.csv: this file looks ';'-delimited, not "
                       r"comma-delimited.*5 columns.*Pass sep=';'"):
        load_corpus(semi)
    df = load_corpus(semi, sep=";")
    assert df["text"].tolist() == ["Body one, with a comma."]
    tab = write("tab.csv", (HEADER + "t1,Post,2022-03-01,One,Body one.\n").replace(",", "\t"))
    with pytest.raises(CorpusError, match=r"tab\.csv: this file looks tab-delimited.*"
                       r"format='tsv' or sep='\\t'"):
        load_corpus(tab)
    assert load_corpus(tab, format="tsv")["doc_id"].tolist() == ["t1"]
    with pytest.raises(ValueError, match="sep must be one character"):
        load_corpus(semi, sep=";;")
    # gzip bytes behind a plain .csv name
    gz = write("wire.csv", gzip.compress((HEADER + "g1,Post,2022-03-01,One,Body.\n").encode()))
    with pytest.raises(CorpusError, match=r"wire\.csv: the file is gzip-compressed.*rename it to "
                       r"'wire\.csv\.gz'"):
        load_corpus(gz)
    # an Excel workbook renamed .csv
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    xlsx = write("export.csv", buf.getvalue())
    for errors in ("raise", "skip"):
        with pytest.raises(CorpusError, match=r"export\.csv: the file is an Excel workbook "
                           r"\(\.xlsx\).*export it as CSV"):
            load_corpus(xlsx, errors=errors)
    # nothing is written next to the inputs
    assert sorted(p.name for p in semi.parent.iterdir()) == ["export.csv", "semi.csv", "tab.csv", "wire.csv"]


def test_case01_records_with_more_or_fewer_fields_are_reported_not_shifted(tmp_path):
    """pandas reads an extra first field as an index (shifting every column) and pads
    short records silently; every record whose field count is not the header's is reported."""
    import warnings

    import toolkit

    path = tmp_path / "shift.csv"
    path.write_text(
        "doc_id,source,date,title,text\n"
        "a1,Valley Post,2022-03-01,One,Body, with an unquoted comma\n"
        "a2,Valley Post,2022-03-02,Two,Body two\n"
        "a3,Valley Post,2022-03-03,Three\n"
        "a4,Valley Post,2022-03-04,Four,Body four\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = toolkit.load_corpus(path, errors="skip")
    assert corpus["doc_id"].tolist() == ["a2", "a4"]
    assert corpus["text"].tolist() == ["Body two", "Body four"]
    reasons = {s["row"]: s["reason"] for s in corpus.attrs["skipped"]}
    assert "expected 5 fields, found 6" in reasons[2] and "expected 5 fields, found 4" in reasons[4]
    import pytest

    with pytest.raises(toolkit.CorpusError, match=r"shift\.csv line 2.*expected 5 fields, found 6"):
        toolkit.load_corpus(path)
