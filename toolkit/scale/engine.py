"""Run a function on every partition of a lazy corpus: the one engine of the Dask paths.

A *lazy corpus* is a ``dask.dataframe.DataFrame`` with the corpus schema
(:func:`toolkit.open_corpus` returns one; ``dask.dataframe.from_pandas`` makes one). Every
analysis that accepts it works the same way (the split-apply-combine of Wickham 2011,
as in MapReduce):

The order of the corpus is the order of its partitions, then of the rows in each: results
that depend on order (samples, ``keep="first"``, bootstrap draws over articles) are those of
the in-memory corpus in that order. ``dask.dataframe.from_pandas`` sorts by the index unless
``sort=False`` is given: give it ``corpus.reset_index(drop=True)`` or ``sort=False``.

1. **per partition, on the workers** — the in-memory code runs on one partition (a
   pandas corpus) and returns a small *additive* table: counts keyed by term and group,
   tokens and articles per group, or one row per article. Every article is in exactly one
   partition, so these tables add up to the table of the whole corpus;
2. **on the client** — the tables are merged (summed by key, or concatenated in partition
   order) and the statistics that need the whole corpus (G2, z, Bonferroni, intervals
   bootstrapped over articles, ranks, ``top``) are computed from the merged table by the
   same code as in memory. Results therefore do not depend on how the corpus is
   partitioned (``tests/test_scale_*.py`` compare both paths exactly).

:func:`map_partitions` is that first step. It uses the active ``dask.distributed`` client
when there is one (``Client(LocalCluster(...))`` or ``Client("tcp://scheduler:8786")``),
else runs the partitions one after another in this process, shows a progress bar (``tqdm.auto``, one tick per partition),
and returns all results or raises: a worker that dies mid-task has its task re-run on
another worker by the scheduler (up to ``distributed.scheduler.allowed-failures`` times);
beyond that :class:`PartitionError` names the partition. A partial table is never
returned.

References
----------
Dask Development Team (2016). *Dask: Library for dynamic task scheduling.* https://dask.org
Wickham, H. (2011). The split-apply-combine strategy for data analysis. *Journal of
Statistical Software* 40(1).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from tqdm.auto import tqdm

__all__ = ["PartitionError", "active_client", "corpus_dtypes", "is_lazy", "map_partitions", "map_selected"]


class PartitionError(RuntimeError):
    """A partition of a lazy corpus could not be processed (no partial result is returned)."""


def is_lazy(corpus: Any) -> bool:
    """Whether ``corpus`` is a lazy (Dask) corpus rather than a pandas DataFrame.

    Parameters
    ----------
    corpus : object
        Anything a public function received as its corpus.

    Returns
    -------
    bool
        True for a ``dask.dataframe.DataFrame`` (checked without importing dask).

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.scale.engine import is_lazy
    >>> is_lazy(toolkit.load_demo())
    False
    """
    mod = type(corpus).__module__ or ""
    return mod.split(".")[0] in ("dask", "dask_expr") and hasattr(corpus, "to_delayed")


def active_client() -> Any | None:
    """The active ``dask.distributed`` client, or None (then dask's local scheduler runs).

    Returns
    -------
    distributed.Client or None
        The default client, if ``distributed`` is imported and a client is running.

    Examples
    --------
    >>> from toolkit.scale.engine import active_client
    >>> active_client() is None or hasattr(active_client(), "scheduler")
    True
    """
    if "distributed" not in sys.modules:
        return None
    from distributed import default_client

    try:
        return default_client()
    except ValueError:
        return None


def corpus_dtypes(part: Any) -> Any:
    """String columns back in the corpus dtype (:data:`toolkit.schema.TEXT_DTYPE`).

    Dask turns the string columns of a pandas frame into its ``string[pyarrow]`` dtype
    (missing values ``pd.NA``) unless ``dataframe.convert-string`` is off (as in
    :func:`toolkit.open_corpus`). The values are the same; converting them back gives
    group labels and lines the dtypes they have in memory. Every partition goes through
    this before an analysis sees it.

    Parameters
    ----------
    part : pandas.DataFrame
        A partition (anything else is returned as it is).

    Returns
    -------
    pandas.DataFrame
        The partition, its ``string`` columns in the corpus string dtype.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.scale.engine import corpus_dtypes
    >>> part = pd.DataFrame({"doc_id": pd.array(["a", None], dtype="string[pyarrow]")})
    >>> corpus_dtypes(part)["doc_id"].dtype == pd.StringDtype(na_value=float("nan"))
    True
    """
    import pandas as pd

    from ..schema import TEXT_DTYPE

    if not isinstance(part, pd.DataFrame):
        return part
    conv = [c for c, dt in part.dtypes.items() if isinstance(dt, pd.StringDtype) and dt != TEXT_DTYPE]
    return part.astype(dict.fromkeys(conv, TEXT_DTYPE)) if conv else part


def _call(func: Callable, part: Any, i: int, args: tuple, kwargs: dict) -> Any:
    """Run ``func`` on partition ``i``; an error says which partition it came from."""
    from ..progress import quiet

    try:
        with quiet():  # the engine's own bar on the client stands for this work
            return func(corpus_dtypes(part), *args, **kwargs)
    except Exception as err:
        err.add_note(f"(in partition {i} of the lazy corpus)")
        raise


def map_partitions(
    corpus: Any,
    func: Callable,
    *args: Any,
    desc: str = "",
    progress: bool | None = None,
    **kwargs: Any,
) -> list:
    """``[func(partition, *args, **kwargs) for each partition]``, run by dask, in partition order.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    func : callable
        A module-level function of a pandas corpus (it is sent to the workers).
    *args, **kwargs
        Passed to ``func`` (keep them small: they travel with every task).
    desc : str, default ""
        Label of the progress bar.
    progress : bool or None
        Show a progress bar (one tick per partition); None shows it for more than one
        partition.

    Returns
    -------
    list
        One result per partition, in partition order.

    Raises
    ------
    PartitionError
        If a partition failed on every worker it was tried on (e.g. workers killed by the
        memory limit); nothing is returned.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.scale.engine import map_partitions
    >>> lazy = dd.from_pandas(toolkit.load_demo(), npartitions=3)
    >>> map_partitions(lazy, len, progress=False)
    [34, 34, 33]
    """
    n = corpus.npartitions
    return _run(corpus, func, {i: args for i in range(n)}, kwargs, desc=desc, progress=progress,
                number=False)


def map_selected(
    corpus: Any,
    func: Callable,
    jobs: dict[int, tuple],
    *,
    desc: str = "",
    progress: bool | None = None,
) -> list:
    """``func(partition i, i, *jobs[i])`` for the partitions listed in ``jobs``, in partition order.

    Like :func:`map_partitions` (same schedulers, progress bar and errors), for a step
    where each partition gets its own arguments and its number (a file name, its share of
    a sample) and only some partitions need to run.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    func : callable
        A module-level function ``func(partition, i, *args)``.
    jobs : dict
        Partition number -> its arguments (a tuple).
    desc : str, default ""
        Label of the progress bar.
    progress : bool or None
        Show a progress bar; None shows it for more than one partition.

    Returns
    -------
    list
        One result per listed partition, in partition order.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.scale.engine import map_selected
    >>> lazy = dd.from_pandas(toolkit.load_demo(), npartitions=3)
    >>> map_selected(lazy, lambda part, i, k: (i, len(part) * k), {2: (10,), 0: (1,)}, progress=False)
    [(0, 34), (2, 330)]
    """
    return _run(corpus, func, jobs, {}, desc=desc, progress=progress, number=True)


def _run(corpus: Any, func: Callable, jobs: dict[int, tuple], kwargs: dict, *, desc: str,
         progress: bool | None, number: bool) -> list:
    """The tasks of :func:`map_partitions` and :func:`map_selected`, computed all or nothing."""
    import dask

    parts = corpus.to_delayed()
    call = dask.delayed(_call, pure=True)
    numbers = sorted(jobs)
    tasks = [call(func, parts[i], i, (i, *jobs[i]) if number else jobs[i], kwargs) for i in numbers]
    show = len(tasks) > 1 if progress is None else bool(progress)
    client = active_client()
    if client is None:
        return _compute_locally(tasks, desc, show)
    return _compute_on(client, tasks, desc, show, numbers)


def _compute_locally(tasks: list, desc: str, show: bool) -> list:
    """Without a client: one partition after another in this process (dask's synchronous
    scheduler), with a tqdm bar ticking as each partition finishes.

    Not dask's default thread pool: tokenising is pure Python (threads would not run in
    parallel), and ``warnings.catch_warnings`` and the toolkit's caches are not
    thread-safe."""
    import dask
    from dask.callbacks import Callback

    keys = {t.key for t in tasks}
    bar = tqdm(total=len(tasks), desc=desc, unit="partition", disable=not show)

    class _Ticks(Callback):
        def _posttask(self, key, result, dsk, state, worker_id):
            if key in keys:
                bar.update(1)

    try:
        with _Ticks():
            return list(dask.compute(*tasks, scheduler="sync"))
    finally:
        bar.close()


def _compute_on(client: Any, tasks: list, desc: str, show: bool, numbers: list[int]) -> list:
    """A distributed client: each result is fetched as soon as its partition is done and
    its future released, so finished results do not pile up in the workers' memory
    (they would otherwise wait there for a gather at the end); all or nothing."""
    from distributed import KilledWorker, as_completed

    futures = client.compute(tasks)
    position = {f.key: i for i, f in enumerate(futures)}
    results: list = [None] * len(futures)
    done = as_completed(futures)
    try:
        with tqdm(total=len(futures), desc=desc, unit="partition", disable=not show) as bar:
            for future in done:
                i = position[future.key]
                results[i] = future.result()  # raises the task's error (the partition is noted)
                future.release()
                futures[i] = None
                bar.update(1)
        return results
    except KilledWorker as err:
        failed = [numbers[position[f.key]] for f in futures if f is not None and f.status == "error"]
        raise PartitionError(
            f"partition(s) {failed or '?'} of the lazy corpus failed: the worker running it died "
            f"each time it was tried ({err}). No table was returned. Common causes: a worker's "
            "memory limit (use smaller partitions or more memory per worker) or a crash in a "
            "library; see the workers' logs."
        ) from err
    finally:
        left = [f for f in futures if f is not None]
        if left:
            client.cancel(left)
