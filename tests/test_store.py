"""The partitioned Parquet corpus store: save_corpus(partition_by=...), load_corpus of a
store, open_corpus (lazy), appends, manifests and checksums."""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

import toolkit
from toolkit.io import load_corpus, save_corpus
from toolkit.schema import CorpusError, CorpusWarning
from toolkit.store import (
    decode_value,
    open_corpus,
    read_manifest,
    store_partitions,
    verify_store,
    write_store,
)

KEYS = ["source", "year_month"]


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return toolkit.load_demo()


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("doc_id", ignore_index=True)


def same_nulls(df: pd.DataFrame) -> pd.DataFrame:
    """None and NaN alike in object columns."""
    out = df.copy()
    for col in [c for c in out.columns if out[c].dtype == "object"]:
        out[col] = out[col].map(lambda v: None if pd.isna(v) else v).astype(object)
    return out


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: modification time and content hash."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def quiet_append(df: pd.DataFrame, store: Path) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return save_corpus(df, store, append=True)


def small(sources: list[str], **extra) -> pd.DataFrame:
    n = len(sources)
    return pd.DataFrame({
        "doc_id": pd.array([f"d{i}" for i in range(n)], dtype="str"),
        "source": pd.array(sources, dtype="str"),
        "date": pd.to_datetime(["2022-03-01"] * n),
        "title": pd.array([f"Title {i}" for i in range(n)], dtype="str"),
        "text": pd.array([f"Text number {i}." for i in range(n)], dtype="str"),
        **extra,
    })


# --------------------------------------------------------------------------- round trips


def test_round_trip_demo(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by=KEYS)
    assert store == tmp_path / "store"
    manifest = read_manifest(store)
    assert manifest["format"] == "newsframes-store" and manifest["schema_version"] == 1
    assert manifest["partition_by"] == KEYS
    assert manifest["n_articles"] == 101 == sum(p["n_articles"] for p in manifest["parts"])
    assert manifest["languages"] == {"en": 101}
    assert list(manifest["columns"]) == list(demo.columns)
    assert manifest["columns"]["date"] == "datetime64[us]"
    assert manifest["appends"] == [{"added": 101, "skipped": 0}]
    back = load_corpus(store)
    assert isinstance(back.index, pd.RangeIndex) and back.attrs["skipped"] == []
    pdt.assert_frame_equal(by_id(back), by_id(demo))
    # every data file holds full rows, the partition columns included, no year_month
    part = pd.read_parquet(store / manifest["parts"][0]["path"])
    assert list(part.columns) == list(demo.columns)
    assert all(p["path"].startswith("data/source=") and "/year_month=" in p["path"]
               for p in manifest["parts"])
    # sorted by partition values
    keys = [tuple(p["partition"][k] for k in KEYS) for p in manifest["parts"]]
    assert keys == sorted(keys)


def test_round_trip_all_languages_and_tz_aware_dates(tmp_path):
    corpus = toolkit.load_demo(language=None)
    corpus["date"] = corpus["date"].dt.tz_localize("Europe/Kyiv")
    corpus.loc[3, "date"] = pd.NaT
    store = save_corpus(corpus, tmp_path / "store", partition_by=KEYS)
    manifest = read_manifest(store)
    assert manifest["languages"] == {"en": 101, "ru": 30, "uk": 30}
    assert manifest["n_articles"] == len(corpus)
    assert manifest["columns"]["date"] == "datetime64[us, Europe/Kyiv]"
    back = load_corpus(store)
    # this demo has an object column mixing None and NaN: Parquet (like save_corpus's
    # single file) has one kind of null, so compare with the nulls made alike
    assert corpus["republished_from"].dtype == object
    pdt.assert_frame_equal(by_id(back).pipe(same_nulls), by_id(corpus).pipe(same_nulls))
    months = {p["partition"]["year_month"] for p in manifest["parts"]}
    assert "none" in months  # the undated article
    assert all(m == "none" or (len(m) == 7 and m[4] == "-") for m in months)


def test_year_month_is_the_outlets_local_month(tmp_path):
    df = small(["A", "A"]).assign(
        date=pd.to_datetime(["2022-03-01 01:00+03:00", "2022-02-28 23:00+03:00"]))
    store = save_corpus(df, tmp_path / "s", partition_by="year_month")
    expected = toolkit.period_start(df["date"], "M").dt.strftime("%Y-%m").tolist()
    assert sorted(p["partition"]["year_month"] for p in read_manifest(store)["parts"]) \
        == sorted(expected) == ["2022-02", "2022-03"]


def test_partitions_of_different_sizes(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    table = store_partitions(store)
    assert list(table.columns) == ["source", "n_articles", "path"]
    assert table["n_articles"].sum() == 101 and table["n_articles"].nunique() > 1
    assert table["source"].tolist() == sorted(demo["source"].unique())
    lazy = open_corpus(store)
    per_part = lazy["source"].map_partitions(lambda s: pd.Series([len(s), s.nunique(), s.iloc[0]]),
                                             meta=(None, object)).compute().tolist()
    assert per_part[0::3] == table["n_articles"].tolist()  # partition i = part i
    assert per_part[1::3] == [1] * len(table) and per_part[2::3] == table["source"].tolist()


HOSTILE = ["a/b", "..", ".", "", "Київ Post", "100%", "x=y", "~missing", "CON",
           "trailing. ", "back\\slash", "tab\there", "Ü" * 150]


@pytest.mark.filterwarnings("ignore:.*spelled in several ways:toolkit.schema.CorpusWarning")
def test_hostile_source_names(tmp_path):
    df = small(HOSTILE, section=pd.array(["x", None] * 6 + ["x"], dtype="str"))
    store = save_corpus(df, tmp_path / "store", partition_by=["source", "section"])
    manifest = read_manifest(store)
    assert len(manifest["parts"]) == len(HOSTILE)
    data = (store / "data").resolve()
    for part in manifest["parts"]:
        file = (store / part["path"]).resolve()
        assert file.is_file() and data in file.parents  # nothing escaped the store
        folders = Path(part["path"]).parts[1:-1]
        assert len(folders) == 2 and all(len(f) < 200 for f in folders)
        source = folders[0].split("=", 1)[1]
        if "~" in source.replace("%7E", ""):  # the 150-character name is shortened
            assert part["partition"]["source"] == "Ü" * 150
        else:
            assert decode_value(source) == part["partition"]["source"]
        assert decode_value(folders[1].split("=", 1)[1]) == part["partition"]["section"]
    assert {p["partition"]["section"] for p in manifest["parts"]} == {"x", None}
    assert sorted(store_partitions(store)["source"]) == sorted(HOSTILE)
    pdt.assert_frame_equal(by_id(load_corpus(store)), by_id(df))


# ------------------------------------------------------------------------------ appends


def test_identical_append_adds_nothing_and_touches_nothing(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by=["source"])
    before = snapshot(store)
    with pytest.warns(CorpusWarning, match="101 article.*identical content.*skipped; 0 added"):
        save_corpus(demo, store, append=True)
    with pytest.warns(CorpusWarning):
        save_corpus(demo, store, partition_by="source", append=True)
    assert snapshot(store) == before
    assert read_manifest(store)["appends"] == [{"added": 101, "skipped": 0}]


def test_append_with_overlap_adds_only_new_articles(demo, tmp_path):
    first = demo.iloc[:60]
    store = save_corpus(first, tmp_path / "store", partition_by=KEYS)
    old = snapshot(store / "data")
    with pytest.warns(CorpusWarning, match="30 article"):
        info = write_store(demo.iloc[30:], store, append=True)
    assert (info["added"], info["skipped"]) == (41, 30)
    manifest = read_manifest(store)
    assert manifest["n_articles"] == 101
    assert manifest["appends"] == [{"added": 60, "skipped": 0}, {"added": 41, "skipped": 30}]
    new = snapshot(store / "data")
    assert all(new[k] == v for k, v in old.items())  # old parts untouched
    assert set(new) - set(old) == {str(Path(p).relative_to("data")) for p in info["parts"]}
    pdt.assert_frame_equal(by_id(load_corpus(store)), by_id(demo))
    # a partition that got new rows lists its parts in append order
    keys = [tuple(p["partition"][k] for k in KEYS) for p in manifest["parts"]]
    assert keys == sorted(keys)


def test_conflicting_content_is_an_error_naming_doc_id_and_part(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    before = snapshot(store)
    changed = demo.copy()
    changed.loc[5, "text"] = changed.loc[5, "text"] + " Corrected."
    doc_id = changed.loc[5, "doc_id"]
    holder = next(p["path"] for p in read_manifest(store)["parts"]
                  if doc_id in set(pd.read_parquet(store / p["path"])["doc_id"]))
    with pytest.raises(CorpusError, match=doc_id) as err:
        save_corpus(changed, store, append=True)
    assert str(store / holder) in str(err.value) and "different content" in str(err.value)
    assert snapshot(store) == before


def test_schema_mismatch_names_the_column(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    with pytest.raises(CorpusError, match="'extra_col'"):
        save_corpus(demo.assign(extra_col=1), store, append=True)
    with pytest.raises(CorpusError, match="'section'"):
        save_corpus(demo.drop(columns="section"), store, append=True)
    with pytest.raises(CorpusError, match="column 'date' is datetime64.*UTC"):
        save_corpus(demo.assign(date=demo["date"].dt.tz_localize("UTC")), store, append=True)
    with pytest.raises(ValueError, match="partitioned by"):
        save_corpus(demo, store, partition_by=KEYS, append=True)
    # the same columns in another order are fine (stored in the store's order)
    quiet_append(demo[demo.columns[::-1]], store)


def test_existing_store_without_append_is_refused(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    with pytest.raises(FileExistsError, match=r"store.*append=True"):
        save_corpus(demo, store, partition_by="source")
    with pytest.raises(ValueError, match="never replaced"):
        save_corpus(demo, store, partition_by="source", overwrite=True)


def test_non_store_folder_is_refused_even_with_append(demo, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    for append in (False, True):
        with pytest.raises(FileExistsError, match="mine.*not a corpus store"):
            save_corpus(demo, folder, partition_by="source", append=append)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    save_corpus(demo, empty, partition_by="source")  # an empty folder is fine
    with pytest.raises(FileExistsError, match="is a file"):
        save_corpus(demo, folder / "notes.txt", partition_by="source")


def test_bad_partition_by(demo, tmp_path):
    with pytest.raises(CorpusError, match="'outlet'"):
        save_corpus(demo, tmp_path / "s", partition_by="outlet")
    with pytest.raises(ValueError, match="at least one"):
        save_corpus(demo, tmp_path / "s", partition_by=[])
    with pytest.raises(ValueError, match="needs partition_by"):
        save_corpus(demo, tmp_path / "s", append=True)
    with pytest.raises(CorpusError, match="not unique"):
        save_corpus(pd.concat([demo, demo.iloc[:1]]), tmp_path / "s", partition_by="source")
    assert not (tmp_path / "s").exists()


# ----------------------------------------------------------------- interrupted writes


def test_files_not_in_the_manifest_are_ignored(demo, tmp_path):
    store = save_corpus(demo.iloc[:50], tmp_path / "store", partition_by="source")
    stray = store / "data" / "source=Stray"
    stray.mkdir(parents=True)
    demo.iloc[50:].to_parquet(stray / "part-0000000000000000.parquet")
    (store / "data" / ".manifest.json.abc.tmp").write_text("{")
    expected = by_id(demo.iloc[:50])
    pdt.assert_frame_equal(by_id(load_corpus(store)), expected)
    pdt.assert_frame_equal(by_id(open_corpus(store).compute()), expected)
    assert len(verify_store(store)) == len(read_manifest(store)["parts"])


def test_a_failed_write_leaves_the_store_as_it_was(demo, tmp_path, monkeypatch):
    import toolkit.store as store_module

    store = save_corpus(demo.iloc[:50], tmp_path / "store", partition_by="source")
    before = snapshot(store)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "_write_manifest", crash)
    with pytest.raises(OSError, match="disk full"):
        save_corpus(demo, store, append=True)
    assert snapshot(store) == before  # the new parts were removed again
    # a new store that fails leaves no folder behind, so the same call can be repeated
    with pytest.raises(OSError, match="disk full"):
        save_corpus(demo, tmp_path / "new", partition_by="source")
    assert not (tmp_path / "new").exists()
    monkeypatch.undo()
    quiet_append(demo, store)
    assert read_manifest(store)["n_articles"] == 101


def test_verify_store_detects_a_corrupted_file(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    table = verify_store(store)
    assert list(table.columns) == ["path", "expected", "actual", "ok"] and table["ok"].all()
    victim = store / table["path"].iloc[1]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    (store / table["path"].iloc[2]).unlink()
    table = verify_store(store)
    assert table["ok"].tolist() == [True, False, False] + [True] * (len(table) - 3)
    assert pd.isna(table["actual"].iloc[2])
    with pytest.raises(CorpusError, match=victim.name):  # the damaged file, named
        load_corpus(store)
    victim.unlink()
    with pytest.raises(FileNotFoundError, match=f"{victim.name}.*missing"):
        load_corpus(store)


# ---------------------------------------------------------------------------- reading


def test_open_corpus_is_lazy_and_equals_load_corpus(demo, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    reads: list[object] = []
    real = pq.read_table

    def spy(*args, **kwargs):
        reads.append(kwargs.get("columns"))
        return real(*args, **kwargs)

    monkeypatch.setattr(pq, "read_table", spy)
    monkeypatch.setattr(pd, "read_parquet", lambda *a, **k: pytest.fail("read_parquet"))
    lazy = open_corpus(store)
    assert reads == []  # nothing read yet: manifest and one Parquet footer only
    n_parts = len(read_manifest(store)["parts"])
    assert lazy.npartitions == n_parts and lazy.known_divisions
    assert list(lazy.columns) == list(demo.columns)
    assert dict(lazy.dtypes) == dict(demo.dtypes)
    titles = lazy["title"].compute()
    assert len(reads) == n_parts and all(cols == ["title"] for cols in reads)  # no texts read
    assert titles.dtype == demo["title"].dtype
    monkeypatch.undo()
    import cloudpickle  # what a distributed cluster needs: a graph it can ship to workers

    graph = cloudpickle.loads(cloudpickle.dumps(dict(lazy.__dask_graph__())))
    assert len(graph) >= n_parts
    eager = load_corpus(store)
    pdt.assert_frame_equal(lazy.compute(), eager)  # index too: a RangeIndex from 0
    pdt.assert_frame_equal(open_corpus(store)[["text", "doc_id"]].compute(),
                           eager[["text", "doc_id"]])


def test_open_corpus_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        open_corpus(tmp_path / "nowhere")
    (tmp_path / "plain").mkdir()
    with pytest.raises(FileNotFoundError, match="plain.*manifest"):
        open_corpus(tmp_path / "plain")


def test_read_manifest_names_a_bad_file(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "manifest.json").write_text(json.dumps({"format": "other"}))
    with pytest.raises(CorpusError, match=r"manifest\.json.*not a newsframes store"):
        read_manifest(tmp_path / "s")
    (tmp_path / "s" / "manifest.json").write_text("{not json")
    with pytest.raises(CorpusError, match="manifest.json"):
        load_corpus(tmp_path / "s")


def test_load_corpus_of_a_store_options(demo, tmp_path):
    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    with_prov = load_corpus(store, provenance=True)
    assert list(with_prov.columns[-2:]) == ["source_file", "source_row"]
    first = read_manifest(store)["parts"][0]["path"]
    assert with_prov["source_file"].iloc[0] == str(store / first)
    assert with_prov["source_row"].iloc[0] == 1
    with pytest.raises(ValueError, match="sep"):
        load_corpus(store, sep=";")
    with pytest.raises(CorpusError, match="on its own"):
        load_corpus([store, tmp_path / "other.csv"])


# ------------------------------------------------------------------- review fixes


def test_re_append_with_list_and_dict_columns_adds_nothing(tmp_path):
    df = small(["A", "B", "A"],
               tags=[["war", "aid"], [], ["aid"]],
               counts=[[1, 2], [3], [4, 5, 6]],
               meta=[{"b": 1, "a": "x"}, {"a": "y", "b": 2}, {"b": 3, "a": None}])
    store = save_corpus(df, tmp_path / "store", partition_by="source")
    before = snapshot(store)
    with pytest.warns(CorpusWarning, match="3 article.*skipped; 0 added"):
        info = write_store(df, store, append=True)
    assert (info["added"], info["skipped"]) == (0, 3)
    assert snapshot(store) == before
    # a changed list is still a conflict
    changed = df.copy()
    changed.at[0, "tags"] = ["war"]
    with pytest.raises(CorpusError, match="'d0'.*different content"):
        save_corpus(changed, store, append=True)
    # new rows with lists are added next to the stored ones
    more = pd.concat([df, small(["C"], tags=[["x"]], counts=[[7]], meta=[{"a": "z", "b": 9}])
                      .assign(doc_id=pd.array(["n0"], dtype="str"))], ignore_index=True)
    assert quiet_append(more, store) == store
    assert read_manifest(store)["n_articles"] == 4


def test_canonical_is_the_same_however_values_are_held():
    import numpy as np

    from toolkit.store import _canonical

    assert _canonical([1, 2]) == _canonical(np.array([1, 2])) == _canonical((1, 2))
    assert _canonical([1, None]) == _canonical(np.array([1.0, np.nan]))
    assert _canonical({"b": 1, "a": [2]}) == _canonical({"a": np.array([2]), "b": np.int64(1)})
    assert _canonical({"a": 1}) == _canonical({"a": 1, "b": None})
    assert _canonical(["1"]) != _canonical([1]) and _canonical([]) != _canonical(None)


def test_append_with_other_categories_is_an_error(tmp_path):
    df = small(["A", "B", "A"], kind=pd.Categorical(["x", "y", "x"]))
    store = save_corpus(df, tmp_path / "store", partition_by="source")
    before = snapshot(store)
    new = small(["A", "C"], kind=pd.Categorical(["z", "x"])).assign(
        doc_id=pd.array(["e0", "e1"], dtype="str"))
    with pytest.raises(CorpusError, match=r"'kind'.*categor.*astype\(str\)"):
        save_corpus(new, store, append=True)
    ordered = new.assign(kind=pd.Categorical(["x", "y"], categories=["x", "y"], ordered=True))
    with pytest.raises(CorpusError, match="'kind'"):
        save_corpus(ordered, store, append=True)
    assert snapshot(store) == before
    # the store's own categories are fine, and both readers agree
    same = new.assign(kind=pd.Categorical(["y", "x"], categories=["x", "y"]))
    quiet_append(same, store)
    eager = load_corpus(store)
    assert eager["kind"].dtype == df["kind"].dtype
    pdt.assert_frame_equal(open_corpus(store).compute(), eager)


def test_a_lock_file_stops_a_write(demo, tmp_path):
    store = save_corpus(demo.iloc[:50], tmp_path / "store", partition_by="source")
    assert not (store / ".lock").exists()  # removed after the write
    (store / ".lock").write_text("")
    before = snapshot(store)
    with pytest.raises(CorpusError, match=r"\.lock.*another write is in progress.*delete"):
        save_corpus(demo, store, append=True)
    assert snapshot(store) == before
    pdt.assert_frame_equal(open_corpus(store).compute(), load_corpus(store))  # readers ignore it
    assert len(load_corpus(store)) == 50
    # a new store in a folder with a stale lock: the same error, nothing written
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / ".lock").write_text("")
    with pytest.raises(CorpusError, match="another write is in progress"):
        save_corpus(demo, fresh, partition_by="source")
    assert [p.name for p in fresh.iterdir()] == [".lock"]
    (store / ".lock").unlink()
    quiet_append(demo, store)
    assert read_manifest(store)["n_articles"] == 101 and not (store / ".lock").exists()


def test_the_lock_is_released_after_a_failed_write(demo, tmp_path):
    store = save_corpus(demo.iloc[:50], tmp_path / "store", partition_by="source")
    changed = demo.copy()
    changed.loc[5, "text"] = "Other text."
    with pytest.raises(CorpusError, match="different content"):
        save_corpus(changed, store, append=True)
    assert not (store / ".lock").exists()


def test_parts_and_folders_are_synced_before_the_manifest(demo, tmp_path, monkeypatch):
    import os

    synced: list[tuple[int, int]] = []
    real_fsync = os.fsync

    def fsync(fd):
        st = os.fstat(fd)
        synced.append((st.st_dev, st.st_ino))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    store = save_corpus(demo, tmp_path / "store", partition_by=KEYS)

    def ident(p: Path) -> tuple[int, int]:
        st = p.stat()
        return st.st_dev, st.st_ino

    manifest_at = synced.index(ident(store / "manifest.json"))
    for part in read_manifest(store)["parts"]:
        file = store / part["path"]
        assert synced.index(ident(file)) < manifest_at
        if os.name == "posix":  # folders can be synced
            for folder in (file.parent, file.parent.parent, store / "data", store):
                assert synced.index(ident(folder)) < manifest_at


def test_without_hard_links_a_file_is_never_replaced(demo, tmp_path, monkeypatch):
    import errno
    import os

    import toolkit.store as store_module

    first = demo.iloc[:50]
    store = tmp_path / "store"
    real_replace = os.replace
    strays: list[Path] = []

    def no_link(src, dst, *args, **kwargs):
        raise OSError(errno.EPERM, "no hard links here")

    def racing_replace(src, dst, *args, **kwargs):
        dst = Path(dst)
        if dst.suffix == ".parquet":  # someone else creates the file just now
            dst.write_bytes(b"not ours")
            strays.append(dst)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(store_module.os, "link", no_link)
    monkeypatch.setattr(store_module.os, "replace", racing_replace)
    save_corpus(first, store, partition_by="source")
    assert all(p.read_bytes() == b"not ours" for p in strays)
    # a stray file under the name of the next part is left alone too
    target = store / "data" / "source=Stray"
    target.mkdir()
    row = demo.iloc[50:51].assign(source=pd.array(["Stray"], dtype="str"))
    monkeypatch.setattr(store_module, "_row_hashes", lambda frame, columns: ["0" * 64] * len(frame))
    stray = target / f"part-{hashlib.sha256(('0' * 64).encode()).hexdigest()[:16]}.parquet"
    stray.write_bytes(b"someone else's")
    quiet_append(row, store)
    assert stray.read_bytes() == b"someone else's"
    assert [p["path"] for p in read_manifest(store)["parts"] if "Stray" in p["path"]] == [
        f"data/source=Stray/{stray.stem}-1.parquet"]
    assert all(verify_store(store)["ok"])
    pdt.assert_frame_equal(by_id(load_corpus(store)),
                           by_id(pd.concat([first, row], ignore_index=True)))


def test_load_corpus_of_a_store_reads_the_manifest_once(demo, tmp_path, monkeypatch):
    import toolkit.store as store_module

    store = save_corpus(demo, tmp_path / "store", partition_by="source")
    calls = []
    real = store_module.read_manifest

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(store_module, "read_manifest", counting)
    import toolkit.io as io_module
    if hasattr(io_module, "read_manifest"):
        monkeypatch.setattr(io_module, "read_manifest", counting)
    corpus = load_corpus(store, provenance=True)
    assert len(calls) == 1
    assert len(corpus) == 101 and corpus.columns[-2:].tolist() == ["source_file", "source_row"]
