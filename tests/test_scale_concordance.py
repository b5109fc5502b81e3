"""concordance on a lazy corpus: the same sample as in memory, every line to Parquet."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.schema import CorpusError

from .conftest import lazy_split

pytest.importorskip("dask")

DEMO_SIZES = [7, 40, 1, 25]  # and the rest: partitions of different sizes
BIG_SIZES = [1500, 7000, 300, 4000]

DEMO_CASES = [
    ("talks", {}),
    ("talks", {"n": 9, "seed": 4}),
    ("negotiat*", {"n": 6, "seed": 11, "window": 3}),
    ("goodwill gesture", {}),
    ("special military operation", {"sort": "right"}),
    (r"talks?\b", {"regex": True, "n": 5, "seed": 2}),
    (r"cease-?fire", {"regex": True}),
    ("talks", {"by": "source", "n": 2, "seed": 7}),
    ("t*s", {"by": ["source", "language"], "n": 1, "sort": "date"}),
    ("zzzqqq", {}),
    ("zzzqqq", {"n": 3, "by": "source"}),
]


def assert_same(got, expected):
    assert type(got) is type(expected) is toolkit.display.ConcordanceFrame
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


# -------------------------------------------------------------- without a cluster (run first)


def test_identical_with_the_local_scheduler_and_parquet(tmp_path):
    demo = toolkit.load_demo()
    lazy = lazy_split(demo, DEMO_SIZES)
    got = toolkit.concordance(lazy, "talks", n=4, seed=3, path=tmp_path / "out")
    assert_same(got, toolkit.concordance(demo, "talks", n=4, seed=3))
    every = pd.read_parquet(tmp_path / "out")
    pd.testing.assert_frame_equal(every, pd.DataFrame(toolkit.concordance(demo, "talks")),
                                  check_exact=True)


def test_a_failed_run_leaves_no_folder(tmp_path):
    demo = toolkit.load_demo()
    demo.loc[90, "text"] = np.nan  # the last partition cannot be read
    lazy = lazy_split(demo, [30, 30])
    for n in (3, None):
        with pytest.raises(CorpusError, match="text is missing"):
            toolkit.concordance(lazy, "talks", n=n, path=tmp_path / "out")
        assert list(tmp_path.iterdir()) == []  # neither the folder nor a staging folder


def test_a_partition_failing_after_others_wrote_leaves_nothing(tmp_path, monkeypatch):
    import toolkit.scale.concordance as lazy_module

    real = lazy_module.write_part

    def fail_second(lines, folder, i, n_parts):
        real(lines, folder, i, n_parts)
        if i == 1:
            raise OSError("disk full")

    monkeypatch.setattr(lazy_module, "write_part", fail_second)
    lazy = lazy_split(toolkit.load_demo(), DEMO_SIZES)
    with pytest.raises(OSError, match="disk full"):
        toolkit.concordance(lazy, "talks", n=2, path=tmp_path / "a" / "out")
    assert list(tmp_path.iterdir()) == []  # the parents this call created are gone too


def test_success_publishes_only_the_part_files(tmp_path):
    lazy = lazy_split(toolkit.load_demo(), DEMO_SIZES)
    toolkit.concordance(lazy, "talks", path=tmp_path / "out")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"part-{i:05d}.parquet" for i in range(lazy.npartitions)]


def test_in_memory_failure_leaves_nothing(tmp_path, monkeypatch):
    module = importlib.import_module("toolkit.concordance")  # not the function toolkit.concordance

    real = module.write_part

    def write_then_fail(lines, folder, i, n_parts):
        real(lines, folder, i, n_parts)
        raise OSError("disk full")

    monkeypatch.setattr(module, "write_part", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        toolkit.concordance(toolkit.load_demo(), "talks", path=tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_path_taken_during_the_run_is_not_replaced(tmp_path, monkeypatch):
    module = importlib.import_module("toolkit.concordance")  # not the function toolkit.concordance

    real = module.write_part
    folder = tmp_path / "out"

    def write_then_take(lines, staging, i, n_parts):
        real(lines, staging, i, n_parts)
        folder.mkdir()  # someone else creates the folder meanwhile

    monkeypatch.setattr(module, "write_part", write_then_take)
    with pytest.raises(FileExistsError, match="never overwrites"):
        toolkit.concordance(toolkit.load_demo(), "talks", path=folder)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert list(folder.iterdir()) == []


# -------------------------------------------------------------- demo corpus on the cluster


@pytest.mark.parametrize(("pattern", "options"), DEMO_CASES)
def test_demo_identical_on_a_cluster(dask_client, pattern, options):
    demo = toolkit.load_demo()
    lazy = lazy_split(demo, DEMO_SIZES)
    assert_same(toolkit.concordance(lazy, pattern, **options),
                toolkit.concordance(demo, pattern, **options))


def test_demo_parquet_holds_every_line_in_corpus_order(dask_client, tmp_path):
    demo = toolkit.load_demo()
    lazy = lazy_split(demo, DEMO_SIZES)
    folder = tmp_path / "lines"
    got = toolkit.concordance(lazy, "talks", by="source", n=2, seed=5, sort="left",
                              quotes="mark", path=folder)
    assert_same(got, toolkit.concordance(demo, "talks", by="source", n=2, seed=5, sort="left",
                                         quotes="mark"))
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"part-{i:05d}.parquet" for i in range(lazy.npartitions)]
    assert [p.name for p in tmp_path.iterdir()] == ["lines"]  # the staging folder was renamed
    every = pd.read_parquet(folder)
    expected = toolkit.concordance(demo, "talks", by="source", quotes="mark")
    pd.testing.assert_frame_equal(every, pd.DataFrame(expected), check_exact=True)
    # the union of the files, file by file, is the same
    parts = [pd.read_parquet(folder / name) for name in names]
    assert sum(map(len, parts)) == len(expected)
    assert list(parts[2].columns) == list(expected.columns)  # a file without hits keeps the columns


def test_in_memory_corpus_writes_one_file(tmp_path):
    demo = toolkit.load_demo()
    folder = tmp_path / "a" / "b"  # parents are created
    sample = toolkit.concordance(demo, "negotiat*", n=3, seed=1, path=folder)
    assert_same(sample, toolkit.concordance(demo, "negotiat*", n=3, seed=1))
    assert [p.name for p in folder.iterdir()] == ["part-00000.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(folder),
                                  pd.DataFrame(toolkit.concordance(demo, "negotiat*")),
                                  check_exact=True)
    # n=None: the lines returned are the lines written
    every = toolkit.concordance(demo, "talks", regex=False, path=tmp_path / "all")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "all"), pd.DataFrame(every))


@pytest.mark.parametrize("lazy_corpus", [False, True])
def test_refuses_to_overwrite(dask_client, tmp_path, lazy_corpus):
    demo = toolkit.load_demo()
    corpus = lazy_split(demo, DEMO_SIZES) if lazy_corpus else demo
    folder = tmp_path / "taken"
    folder.mkdir()
    with pytest.raises(FileExistsError, match="taken"):
        toolkit.concordance(corpus, "talks", path=folder)
    assert list(folder.iterdir()) == []
    file = tmp_path / "file.parquet"
    file.write_bytes(b"keep me")
    with pytest.raises(FileExistsError, match=r"file\.parquet.*never overwrites"):
        toolkit.concordance(corpus, "talks", n=2, path=str(file))
    assert file.read_bytes() == b"keep me"


@pytest.mark.parametrize("n", [None, 4])
def test_failure_on_a_cluster_leaves_nothing(dask_client, tmp_path, n):
    demo = toolkit.load_demo()
    demo.loc[45, "text"] = np.nan  # one partition fails, the others write their files
    lazy = lazy_split(demo, DEMO_SIZES)
    with pytest.raises(CorpusError, match="text is missing"):
        toolkit.concordance(lazy, "talks", n=n, path=tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# -------------------------------------------------------------- 20,000 articles on the cluster


@pytest.mark.parametrize(("pattern", "options"), [
    ("talks", {"n": 50, "seed": 5}),
    ("negotiat*", {"by": "source", "n": 3, "seed": 8}),
    (r"withdr[a-z]+", {"regex": True, "n": 20, "seed": 1, "sort": "date"}),
])
def test_20k_identical_on_a_cluster(dask_client, corpus20k, pattern, options):
    lazy = lazy_split(corpus20k, BIG_SIZES)
    assert_same(toolkit.concordance(lazy, pattern, **options),
                toolkit.concordance(corpus20k, pattern, **options))


def test_20k_parquet_equals_the_full_concordance(dask_client, corpus20k, tmp_path):
    lazy = lazy_split(corpus20k, BIG_SIZES)
    got = toolkit.concordance(lazy, "special military operation", n=10, seed=9, path=tmp_path / "smo")
    assert_same(got, toolkit.concordance(corpus20k, "special military operation", n=10, seed=9))
    every = pd.read_parquet(tmp_path / "smo")
    expected = toolkit.concordance(corpus20k, "special military operation")
    assert len(every) == expected.attrs["total_hits"] > 10
    pd.testing.assert_frame_equal(every, pd.DataFrame(expected), check_exact=True)
