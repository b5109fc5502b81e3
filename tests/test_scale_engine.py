"""The engine of the Dask paths: partition order, progress, errors, and a worker killed mid-job."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.scale.engine import PartitionError, active_client, is_lazy, map_partitions

from .conftest import lazy_split

pytest.importorskip("distributed")

cloudpickle = pytest.importorskip("cloudpickle")
# the helpers below are sent to worker processes by value (the tests package is not on
# the workers' path)
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _ids(part: pd.DataFrame) -> list[str]:
    return part["doc_id"].tolist()


def _die_once(part: pd.DataFrame, marker: str) -> list[str]:
    """Kill the worker process the first time any partition holding doc 'w00005' runs."""
    if "w00005" in set(part["doc_id"]) and not Path(marker).exists():
        Path(marker).write_text("killed once")
        os._exit(1)  # the worker process dies mid-task, without cleaning up
    return part["doc_id"].tolist()


def _always_die(part: pd.DataFrame) -> list[str]:
    if "w00005" in set(part["doc_id"]):
        os._exit(1)
    return part["doc_id"].tolist()


def _fail(part: pd.DataFrame) -> int:
    if "w00005" in set(part["doc_id"]):
        raise ValueError("a bad article")
    return len(part)


def test_is_lazy():
    demo = toolkit.load_demo()
    assert not is_lazy(demo)
    assert is_lazy(lazy_split(demo, [50]))
    assert not is_lazy(demo["text"])


def test_results_come_back_in_partition_order_without_a_cluster():
    demo = toolkit.load_demo()
    lazy = lazy_split(demo, [7, 60, 1])
    assert active_client() is None
    parts = map_partitions(lazy, _ids, progress=False)
    assert [len(p) for p in parts] == [7, 60, 1, 33]
    assert sum(parts, []) == demo["doc_id"].tolist()


def test_results_come_back_in_partition_order_on_a_cluster(dask_client, corpus20k):
    lazy = lazy_split(corpus20k.iloc[:3000], [100, 1700, 50, 900])
    assert active_client() is dask_client
    parts = map_partitions(lazy, _ids, progress=False)
    assert [len(p) for p in parts] == [100, 1700, 50, 900, 250]
    assert sum(parts, []) == corpus20k["doc_id"].iloc[:3000].tolist()


def test_progress_bar_ticks_once_per_partition(capsys):
    lazy = lazy_split(toolkit.load_demo(), [30, 30])
    map_partitions(lazy, len, desc="counting", progress=True)
    err = capsys.readouterr().err
    assert "counting" in err and "3/3" in err


def test_an_error_names_the_partition(dask_client, corpus20k):
    lazy = lazy_split(corpus20k.iloc[:40], [3, 10])
    with pytest.raises(ValueError, match="a bad article") as info:
        map_partitions(lazy, _fail, progress=False)
    assert "(in partition 1 of the lazy corpus)" in getattr(info.value, "__notes__", [])


def test_a_worker_killed_mid_job_is_retried_and_the_table_is_complete(dask_client, corpus20k, tmp_path):
    lazy = lazy_split(corpus20k.iloc[:2000], [400, 900, 300])
    marker = tmp_path / "killed"
    parts = map_partitions(lazy, _die_once, str(marker), progress=False)
    assert marker.exists(), "the worker was not killed: the test proves nothing"
    assert sum(parts, []) == corpus20k["doc_id"].iloc[:2000].tolist()  # nothing lost, nothing twice
    dask_client.wait_for_workers(2, timeout=60)


def test_a_partition_that_kills_every_worker_gives_a_clear_error_not_a_partial_table(dask_client, corpus20k):
    import dask

    lazy = lazy_split(corpus20k.iloc[:600], [200, 200])
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with pytest.raises(PartitionError, match=r"partition\(s\) \[0\].*No table was returned"):
            map_partitions(lazy, _always_die, progress=False)
    dask_client.wait_for_workers(2, timeout=60)
    # the cluster is usable afterwards
    assert map_partitions(lazy_split(corpus20k.iloc[10:40], [5]), len, progress=False) == [5, 25]


def test_no_forking_inside_dask_workers_or_threads(dask_client):
    import threading

    from toolkit.forked import may_fork

    assert may_fork()  # the test process itself
    seen = []
    t = threading.Thread(target=lambda: seen.append(may_fork()))
    t.start()
    t.join()
    assert seen == [False]
    assert dask_client.submit(may_fork, pure=False).result() is False


def _bars_shown(part: pd.DataFrame) -> bool:
    from toolkit.progress import show_progress

    return show_progress(None, True)


def test_the_toolkits_own_bars_are_off_inside_a_partition(dask_client):
    lazy = lazy_split(toolkit.load_demo(), [50])
    assert map_partitions(lazy, _bars_shown, progress=False) == [False, False]
    from toolkit.progress import show_progress

    assert show_progress(None, True)  # back on outside the partitions
