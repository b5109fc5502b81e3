"""concordance on a lazy corpus: the same sample as in memory, every line to Parquet."""

from __future__ import annotations

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
    with pytest.raises(CorpusError, match="text is missing"):
        toolkit.concordance(lazy, "talks", n=3, path=tmp_path / "out")
    assert not (tmp_path / "out").exists()


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
