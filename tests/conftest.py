"""Shared fixtures (keep them small and generic)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture
def tiny_corpus() -> pd.DataFrame:
    """Three valid articles in the corpus schema (our own sentences, fictional outlets)."""
    return pd.DataFrame(
        {
            "doc_id": pd.array(["a1", "a2", "b1"], dtype="str"),
            "source": pd.array(["The Harbour Gazette", "The Harbour Gazette", "Valley Post"], dtype="str"),
            "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-02"]),
            "title": pd.array(["Gates opened", "Market reopens", "Night in the town hall"], dtype="str"),
            "text": pd.array(
                [
                    "Engineers opened the tidal gates after the river rose.\n\nNobody was hurt.",
                    "Traders cleared mud from the lower market on Wednesday.",
                    "About 400 residents slept on camp beds in the town hall.",
                ],
                dtype="str",
            ),
        }
    )


@pytest.fixture
def write(tmp_path: Path):
    """``write(name, content)`` creates a file under ``tmp_path`` (str is written as UTF-8,
    bytes as they are; folders are created) and returns its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def small_corpus() -> pd.DataFrame:
    """The hand-made corpus of ``tests/handmade.py`` (counts checked by hand)."""
    from .handmade import make_small_corpus

    return make_small_corpus()


# ---------------------------------------------------------------- lazy corpora (Dask)


def lazy_split(corpus: pd.DataFrame, sizes: list[int]):
    """``corpus`` as a lazy (dask) corpus whose partitions hold ``sizes`` articles each
    (the last takes the rest): partitions of different sizes, as a real store has."""
    import dask.dataframe as dd

    bounds, start = [], 0
    for size in sizes:
        bounds.append((start, min(start + size, len(corpus))))
        start += size
    if start < len(corpus):
        bounds.append((start, len(corpus)))
    slices = [corpus.iloc[a:b] for a, b in bounds if b > a]
    import dask

    # keep the corpus's own dtypes (as open_corpus does): no conversion to pyarrow strings
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(lambda part: part, slices, meta=corpus.iloc[:0], enforce_metadata=False)


@pytest.fixture(scope="session")
def _dask_cluster():
    """A small ``LocalCluster`` (2 worker processes, one thread each) shared by the scale
    tests, with a client that is *not* the default one (see ``dask_client``)."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
        memory_limit="3GiB", silence_logs=40,
    )
    client = Client(cluster, set_as_default=False)
    yield client
    client.close()
    cluster.close()


@pytest.fixture
def dask_client(_dask_cluster):
    """The shared cluster's client, active (``default_client()``) for this test only, so
    tests without it run on dask's local scheduler."""
    with _dask_cluster.as_current():
        yield _dask_cluster


@pytest.fixture(scope="session")
def corpus20k() -> pd.DataFrame:
    """20,000 constructed articles: the demo corpus's sentences resampled (seeded), with
    the demo's outlets and dates, in the corpus schema. Built in a second or two."""
    import numpy as np

    from toolkit import load_demo
    from toolkit.sentences import split_sentences

    demo = load_demo()
    pool = [text[a:b] for text in demo["text"] for a, b in split_sentences(text)]
    rng = np.random.default_rng(20_000)
    n = 20_000
    picks = rng.integers(0, len(pool), size=(n, 8))
    rows = rng.integers(0, len(demo), size=n)
    texts = [" ".join(pool[j] for j in row) for row in picks]
    return pd.DataFrame(
        {
            "doc_id": pd.array([f"w{i:05d}" for i in range(n)], dtype="str"),
            "source": pd.array(demo["source"].to_numpy()[rows], dtype="str"),
            "date": pd.Series(demo["date"].to_numpy()[rows]) + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
            "title": pd.array([f"Constructed article {i}" for i in range(n)], dtype="str"),
            "text": pd.array(texts, dtype="str"),
        }
    )
