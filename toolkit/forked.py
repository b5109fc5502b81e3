"""Forked workers for per-article rules: one helper for every layer that reads articles one by one.

The rule-based layers (:func:`toolkit.attribution.quotes`,
:func:`toolkit.mentions.actor_mentions`, :func:`toolkit.agency.agency`,
:func:`toolkit.tone.actor_tone`) are pure Python per article. On a large corpus
:func:`map_chunks` runs them in two forked worker processes that *inherit* the corpus, its
token index and sentence spans (the ``job`` dict, set in :data:`_JOB` just before the
fork) instead of receiving them: only ``(first, last)`` article numbers travel to a worker,
and its result (small arrays or Arrow batches) travels back. ``gc.freeze()`` keeps the
workers' garbage collector off the inherited objects, so those memory pages stay shared
rather than copied. Results come back in article order, so the output is identical to
the one-process path (tests compare the two).

The one-process path is used for small corpora (under ``min_chars`` characters of text),
on one core, where ``fork`` is unavailable (Windows, macOS default), and where
:func:`may_fork` says no (inside a dask worker, a daemon process or a thread).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from tqdm.auto import tqdm

from .progress import show_progress

__all__ = ["PARALLEL_MIN_CHARS", "map_chunks", "may_fork"]

PARALLEL_MIN_CHARS = 40_000_000
"""Corpora with more characters of text than this are read by two forked workers."""

_JOB: dict = {}
"""What forked workers read from their parent (set just before the fork)."""

_FUNC: list = []


def may_fork() -> bool:
    """Whether this process may start worker processes of its own.

    Not inside a dask worker (a daemon process, which may not have children, running
    tasks in threads), not in a daemon process, and not from a thread other than the main
    one (forking a process while another thread holds a lock can deadlock the child).

    Returns
    -------
    bool
        True in an ordinary script or notebook kernel.

    Examples
    --------
    >>> from toolkit.forked import may_fork
    >>> may_fork()
    True
    """
    import sys
    import threading

    if mp.current_process().daemon or threading.current_thread() is not threading.main_thread():
        return False
    if "distributed" in sys.modules:
        from distributed import get_worker

        try:
            get_worker()
        except ValueError:
            return True
        return False
    return True


def _run(a: int, b: int):
    """Worker entry point: ``func(job, a, b)`` on the job the parent set before forking."""
    return _FUNC[0](_JOB, a, b)


def map_chunks(
    func: Callable,
    job: dict,
    n: int,
    *,
    chars: int,
    batch: int = 500,
    desc: str = "",
    progress: bool | None = None,
    min_chars: int | None = None,
) -> list:
    """``[func(job, a, a + batch), ...]`` over articles ``0..n-1``, forked when the corpus is big.

    Parameters
    ----------
    func : callable
        A module-level function ``func(job, first, last)`` returning the result for
        articles ``first..last-1``.
    job : dict
        What ``func`` reads (the corpus, its index, sentence spans...).
    n : int
        Number of articles.
    chars : int
        Characters of text in the corpus (decides whether to fork).
    batch : int, default 500
        Articles per chunk.
    desc : str, default ""
        Label of the progress bar.
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.
    min_chars : int, optional
        Fork only above this many characters (default :data:`PARALLEL_MIN_CHARS`).

    Returns
    -------
    list
        The chunk results in article order.

    Examples
    --------
    >>> from toolkit.forked import map_chunks
    >>> def first_last(job, a, b):
    ...     return (a, b)
    >>> map_chunks(first_last, {}, 5, chars=10, batch=2)
    [(0, 2), (2, 4), (4, 5)]
    """
    starts_at = list(range(0, n, batch))
    workers = min(2, os.cpu_count() or 1)
    limit = PARALLEL_MIN_CHARS if min_chars is None else min_chars
    fork = (len(starts_at) > 1 and workers > 1 and "fork" in mp.get_all_start_methods()
            and chars > limit and may_fork())
    show = show_progress(progress, n > 2000)
    bar = tqdm(total=n, desc=desc, unit="doc", disable=not show)
    out = []
    if fork:
        _JOB.clear()
        _JOB.update(job)
        _FUNC[:] = [func]
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
                futures = [(pool.submit(_run, a, min(n, a + batch)), min(batch, n - a)) for a in starts_at]
                for future, size in futures:
                    out.append(future.result())
                    bar.update(size)
        finally:
            gc.unfreeze()
            _JOB.clear()
            _FUNC.clear()
    else:
        for a in starts_at:
            out.append(func(job, a, min(n, a + batch)))
            bar.update(min(batch, n - a))
    bar.close()
    return out
