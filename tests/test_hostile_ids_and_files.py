"""Hostile input for loading and saving: no silent loss, no raw crash, no hang.

Column names that look like the loader's bookkeeping, 64-bit ids beyond float precision,
unreadable files, awkward save targets and duplicated column names.
"""

from __future__ import annotations

import json
import os
import pathlib
import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from toolkit.io import load_corpus, save_corpus
from toolkit.readers import register_reader, unregister_reader
from toolkit.schema import CorpusError, CorpusWarning, validate_corpus

BIG = 2**53  # the first integer above which float64 cannot hold every integer
HEADER = "doc_id,source,date,title,text"


def article(doc_id, text="Engineers opened the gates.", **extra):
    return {"doc_id": doc_id, "source": "Valley Post", "date": "2022-03-01", "title": "Gates",
            "text": text, **extra}


def jsonl(records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def load_quiet(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(*args, **kwargs)


def snapshot(folder: pathlib.Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# ------------------------------------------------------------------- 2: bookkeeping names


def test_case02_user_columns_named_like_internal_bookkeeping_survive(write):
    names = ["__nf_row__", "__nf_bad__", "__nf_file__", "__nf_esc___nf_row__", "__nf_x"]
    path = write("c.csv", f"{HEADER},{','.join(names)}\n"
                          "a1,Valley Post,2022-03-01,Gates,Gates opened.,r1,yes,f1,e1,x1\n"
                          "a2,Valley Post,2022-03-02,Mud,Mud cleared.,r2,no,f2,e2,x2\n")
    before = path.read_bytes()
    df = load_corpus(path, provenance=True)
    assert df["doc_id"].tolist() == ["a1", "a2"]
    for name, prefix in zip(names, ["r", None, "f", "e", "x"], strict=True):
        assert name in df.columns, name
        if prefix:
            assert df[name].tolist() == [f"{prefix}1", f"{prefix}2"], name
    assert df["__nf_bad__"].tolist() == ["yes", "no"]
    assert df["source_row"].tolist() == [2, 3]  # the loader's own bookkeeping still works
    assert path.read_bytes() == before

    frame = pd.DataFrame({**{k: [v] for k, v in article("a1").items()},
                          "__nf_bad__": [True], "__nf_row__": [41], "__nf_file__": ["mine"]})
    out = validate_corpus(frame)
    assert len(out) == 1  # a user's "__nf_bad__" = True does not mark the row bad
    assert out[["__nf_bad__", "__nf_row__", "__nf_file__"]].iloc[0].tolist() == [True, 41, "mine"]
    assert list(frame.columns)[-3:] == ["__nf_bad__", "__nf_row__", "__nf_file__"]  # input as it was


# ----------------------------------------------------------------------- 3: 64-bit ids


def test_case03_ids_above_2_53_next_to_a_null_stay_exact(write, tmp_path):
    ids = [BIG + 1, BIG + 3]
    records = [article(ids[0], tweet_id=BIG + 1), article(ids[1], "Mud.", tweet_id=None),
               article(None, "No id.", tweet_id=BIG + 5)]
    paths = [write("snow.jsonl", jsonl(records)), write("snow.json", json.dumps(records))]
    table = pa.table({
        "doc_id": pa.array([*ids, None], pa.int64()),
        "source": ["Valley Post"] * 3, "date": ["2022-03-01"] * 3, "title": ["Gates"] * 3,
        "text": ["Gates opened.", "Mud.", "No id."],
        "tweet_id": pa.array([BIG + 1, None, BIG + 5], pa.int64()),
    })
    paths.append(tmp_path / "snow.parquet")
    pq.write_table(table, paths[-1])  # written by pyarrow: no pandas metadata
    for path in paths:
        df = load_quiet(path, errors="skip")
        assert df["doc_id"].tolist() == [str(i) for i in ids], path.name
        assert df["doc_id"].nunique() == 2
        assert [int(v) for v in df["tweet_id"].dropna()] == [BIG + 1], path.name
        assert [s["row"] for s in df.attrs["skipped"]] == [3]
        assert df.attrs["skipped"][0]["field"] == "doc_id"


def test_case03_float_ids_beyond_2_53_are_not_rounded_silently():
    frame = pd.DataFrame([article(float(BIG + 2)), article(1.0, "Mud.")])
    with pytest.raises(CorpusError) as err:
        validate_corpus(frame)
    msg = str(err.value)
    assert "'doc_id'" in msg and "row 0" in msg and "2^53" in msg


# ------------------------------------------------------------------ 8: 30-digit JSON ids


def test_case08_jsonl_huge_ids_next_to_a_null_load_exactly(write):
    huge = 123456789012345678901234567890
    path = write("huge.jsonl",
                 f'{{"doc_id": {BIG + 1}, "source": "S", "date": "2022-03-01", "title": "t", "text": "a"}}\n'
                 '{"doc_id": null, "source": "S", "date": "2022-03-01", "title": "t", "text": "b"}\n'
                 f'{{"doc_id": {huge}, "source": "S", "date": "2022-03-01", "title": "t", "text": "c"}}\n')
    df = load_quiet(path, errors="skip")
    assert df["doc_id"].tolist() == [str(BIG + 1), str(huge)]
    assert df.attrs["skipped"] == [
        {"file": str(path), "row": 2, "field": "doc_id", "reason": "missing doc_id"}]
    with pytest.raises(CorpusError, match=r"huge.jsonl line 2, field 'doc_id': missing doc_id"):
        load_corpus(path)


# ------------------------------------------------------------------- 9: unreadable files


@pytest.fixture
def deny_reading(monkeypatch):
    """Files whose name is in the returned set raise PermissionError when read (tests may
    run as root, where chmod 000 does not stop reading)."""
    denied: set[str] = set()
    real_read_bytes = pathlib.Path.read_bytes
    real_read_parquet = pd.read_parquet

    def read_bytes(self):
        if self.name in denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def read_parquet(path, *args, **kwargs):
        if pathlib.Path(path).name in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_parquet(path, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pd, "read_parquet", read_parquet)
    return denied


def test_case09_unreadable_file_is_a_clear_error_or_skipped_and_reported(write, tmp_path, deny_reading):
    a = write("in/a.csv", f"{HEADER}\na1,Valley Post,2022-03-01,Gates,Gates opened.\n")
    b = write("in/b.csv", f"{HEADER}\nb1,Valley Post,2022-03-02,Mud,Mud cleared.\n")
    pd.DataFrame([article("p1")]).to_parquet(tmp_path / "in" / "p.parquet")
    deny_reading.update({"b.csv", "p.parquet"})
    with pytest.raises(CorpusError, match=r"b\.csv: cannot be read \(permission denied\)"):
        load_corpus(b)
    with pytest.raises(CorpusError, match=r"p\.parquet: cannot be read \(permission denied\)"):
        load_corpus(tmp_path / "in" / "p.parquet")
    with pytest.warns(CorpusWarning, match="skipped"):
        df = load_corpus(tmp_path / "in", errors="skip")
    assert df["doc_id"].tolist() == ["a1"]
    assert [(s["file"], s["row"], s["field"]) for s in df.attrs["skipped"]] == [
        (str(b), None, None), (str(tmp_path / "in" / "p.parquet"), None, None)]
    assert all("permission denied" in s["reason"] for s in df.attrs["skipped"])
    assert a.exists() and b.exists()

    # a broken link in a folder is reported, not silently left out
    os.symlink(tmp_path / "gone.csv", tmp_path / "in" / "c.csv")
    deny_reading.clear()
    df = load_quiet(tmp_path / "in", errors="skip")
    assert df["doc_id"].tolist() == ["a1", "b1", "p1"]
    assert [s["file"] for s in df.attrs["skipped"]] == [str(tmp_path / "in" / "c.csv")]
    assert "broken link" in df.attrs["skipped"][0]["reason"]
    with pytest.raises(CorpusError, match=r"c\.csv: cannot be read \(a broken link"):
        load_corpus(tmp_path / "in" / "c.csv")


# ----------------------------------------------------------------------- 11: save targets


def test_case11_save_onto_a_file_parent_or_a_folder_names_the_users_path(tmp_path, tiny_corpus):
    blocker = tmp_path / "notes"
    blocker.write_text("precious")
    with pytest.raises(NotADirectoryError, match=r"notes.*is a file, not a folder") as err:
        save_corpus(tiny_corpus, blocker / "sub" / "corpus.parquet")
    assert ".tmp" not in str(err.value)
    assert blocker.read_text() == "precious"

    folder = tmp_path / "corpus.parquet"
    folder.mkdir()
    (folder / "part-0.parquet").write_bytes(b"keep me")
    for overwrite in (False, True):
        with pytest.raises(IsADirectoryError, match="corpus.parquet is a folder") as err:
            save_corpus(tiny_corpus, folder, overwrite=overwrite)
        assert ".tmp" not in str(err.value)
    assert (folder / "part-0.parquet").read_bytes() == b"keep me"

    # a file of the user's that happens to have the old temporary name is left alone
    target = tmp_path / "c.parquet"
    lookalike = tmp_path / f".c.parquet.{os.getpid()}.tmp"
    lookalike.write_bytes(b"mine")
    save_corpus(tiny_corpus, target)
    assert lookalike.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".c.parquet." + f"{os.getpid()}.tmp", "c.parquet", "corpus.parquet", "notes"])


# ------------------------------------------------------------------ 12: duplicated columns


def test_case12_duplicated_column_names_are_a_clear_error(tiny_corpus):
    twice = pd.concat([tiny_corpus, tiny_corpus[["text"]]], axis=1)
    with pytest.raises(CorpusError, match=r"<DataFrame>: column 'text' appears 2 times"):
        validate_corpus(twice)
    extra = tiny_corpus.assign(a=1, b=2).rename(columns={"b": "a"})
    with pytest.raises(CorpusError, match=r"mine: column 'a' appears 2 times"):
        validate_corpus(extra, "mine")

    def read_dup(path, data, ctx):
        frame = pd.DataFrame([["d1", "S", "2022-03-01", "T", "body", "more"]],
                             columns=["doc_id", "source", "date", "title", "body", "body"])
        return frame, [1]

    register_reader("dup", extensions=(".dup",))(read_dup)
    try:
        path = pathlib.Path(__file__)  # any existing file; the reader ignores its bytes
        with pytest.raises(CorpusError, match=r"column 'body' appears 2 times"):
            load_corpus(path, format="dup", columns={"body": "text"})
    finally:
        unregister_reader("dup")


def test_case12_json_keys_given_twice_are_not_dropped_silently(write):
    line = '{"doc_id": "a1", "source": "S", "date": "2022-03-01", "title": "t", "text": "a", "text": "b"}'
    ok = json.dumps(article("a2"))
    path = write("twice.jsonl", f"{ok}\n{line}\n")
    with pytest.raises(CorpusError, match=r"twice.jsonl line 2: key 'text' appears 2 times"):
        load_corpus(path)
    df = load_quiet(path, errors="skip")
    assert df["doc_id"].tolist() == ["a2"]
    assert df.attrs["skipped"][0]["row"] == 2
    path = write("twice.json", f"[{ok}, {line}]")
    with pytest.raises(CorpusError, match=r"twice.json record 2: key 'text' appears 2 times"):
        load_corpus(path)
