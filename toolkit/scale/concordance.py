"""Concordance on a lazy corpus: hits per partition, the sample drawn on the client.

The workers find the hits of their partition (the in-memory search of
:func:`toolkit.concordance.find_hits`) and return only the small *hit table*: document,
token or character offsets, and the grouping values of ``by``. The client concatenates
the hit tables in partition order (so the hits are in corpus order, numbered over the whole
corpus) and draws the sample with the in-memory code and the same ``seed``
(:func:`toolkit.concordance.choose`); then only the partitions holding sampled hits cut
their lines (:func:`toolkit.concordance.build_lines`), and the client sorts them. The
sample therefore equals the in-memory one whatever the partitioning, and context lines
that are not in the sample never leave the workers. With ``n=None`` every line is the
result, so one pass cuts and returns them. With ``path`` each worker also writes all lines
of its partition to ``part-NNNNN.parquet`` in a hidden staging folder next to ``path``,
which the client renames to ``path`` once every partition has succeeded; after an error
it removes the staging folder and ``path`` is never created (see
:mod:`toolkit.concordance`, "Parquet output").

Cost: with ``n`` each partition holding a sampled hit is tokenised twice (once for the
hits, once for the lines), as the second pass runs on a freshly read partition.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import safe_regex
from ..concordance import (
    QUOTES,
    _staged_folder,
    build_lines,
    check_new_folder,
    choose,
    find_hits,
    finish,
    write_part,
)
from ..counts import as_columns
from ..display import ConcordanceFrame
from ..index import index_tokens
from ..kwic import _check_window
from ..patterns import parse_pattern
from .engine import map_selected

__all__ = ["lazy_concordance"]


def lazy_concordance(
    corpus: Any,
    pattern: str,
    *,
    window: int = 8,
    by: str | Sequence[str] | None = None,
    n: int | None = None,
    sort: str = "position",
    regex: bool = False,
    seed: int = 0,
    quotes: str = "all",
    path: Any = None,
) -> ConcordanceFrame:
    """:func:`toolkit.concordance` of a lazy corpus (same options, same result).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    pattern, window, by, n, sort, regex, seed, quotes, path
        As :func:`toolkit.concordance`.

    Returns
    -------
    ConcordanceFrame
        The lines the in-memory call returns on the same corpus (same sample with the
        same ``seed``, same order, columns, dtypes and ``attrs``).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> demo = toolkit.load_demo()
    >>> lazy = dd.from_pandas(demo, npartitions=3)
    >>> got = toolkit.concordance(lazy, "talks", n=5, seed=1)
    >>> got.equals(toolkit.concordance(demo, "talks", n=5, seed=1))
    True
    """
    # what can be checked without the data is checked here, before anything runs
    window = _check_window(window)
    if regex:
        safe_regex.compile_user_regex(pattern)
    if quotes not in QUOTES:
        raise ValueError(f"quotes must be 'all', 'only', 'exclude' or 'mark', got {quotes!r}")
    folder = check_new_folder(path) if path is not None else None
    spec = {
        "query": pattern, "regex": bool(regex), "quotes": quotes, "window": window,
        "by": as_columns(by), "timeout": safe_regex.REGEX_TIMEOUT,
        "length": 0 if regex else len(parse_pattern(pattern).elements),
    }
    n_parts = corpus.npartitions
    # the workers write to a staging folder, renamed to ``folder`` once every partition
    # has succeeded; after an error it is removed and ``folder`` never exists
    with _staged_folder(folder) as staging:
        jobs = {i: (spec, staging, n_parts) for i in range(n_parts)}
        if n is None:
            results = map_selected(corpus, _every_line, jobs, desc="concordance")
        else:
            found = map_selected(corpus, _hit_table, jobs, desc="concordance: hits")
    if n is None:
        out = _concat(results, results[0])
        return finish(out, pattern, sort, len(out))
    chosen = _sample(found, spec["by"], n, seed)
    jobs = {i: (spec, hits) for i, hits in chosen.items()}
    lines = map_selected(corpus, _sampled_lines, jobs, desc="concordance: lines") if jobs else []
    out = _concat(lines, found[0][3])
    return finish(out, pattern, sort, None)


# ------------------------------------------------------------------ on the workers


def _every_line(part: pd.DataFrame, i: int, spec: dict, folder: Path | None,
                n_parts: int) -> pd.DataFrame:
    """All lines of partition ``i`` (written to the staging ``folder`` when given)."""
    index = index_tokens(part)
    hits, length = _find(part, index, spec)
    lines = build_lines(index, hits, length, regex=spec["regex"], window=spec["window"],
                        by=spec["by"], quotes=spec["quotes"])
    if folder is not None:
        write_part(lines, folder, i, n_parts)
    return lines


def _hit_table(part: pd.DataFrame, i: int, spec: dict, folder: Path | None,
               n_parts: int) -> tuple[int, pd.DataFrame, pd.DataFrame | None, pd.DataFrame]:
    """The hit table of partition ``i``: (rows, hits, their ``by`` values, empty lines).

    With ``folder``, all lines of the partition are written there too. The empty lines
    frame carries the partition's column dtypes, for a result without lines.
    """
    index = index_tokens(part)
    hits, length = _find(part, index, spec)
    opts = {"regex": spec["regex"], "window": spec["window"], "by": spec["by"],
            "quotes": spec["quotes"]}
    if folder is not None:
        lines = build_lines(index, hits, length, **opts)
        write_part(lines, folder, i, n_parts)
        empty = lines.iloc[:0]
    else:
        empty = build_lines(index, hits.iloc[:0], length, **opts)
    keys = None
    if spec["by"]:
        keys = index.meta.iloc[hits["doc"].to_numpy()][spec["by"]].reset_index(drop=True)
    return len(part), hits, keys, empty


def _sampled_lines(part: pd.DataFrame, i: int, spec: dict, hits: pd.DataFrame) -> pd.DataFrame:
    """The lines of the sampled hits of partition ``i`` (``doc`` numbered in the partition)."""
    index = index_tokens(part)
    return build_lines(index, hits, spec["length"], regex=spec["regex"], window=spec["window"],
                       by=spec["by"], quotes=spec["quotes"])


def _find(part: pd.DataFrame, index: Any, spec: dict) -> tuple[pd.DataFrame, int]:
    return find_hits(part, index, spec["query"], regex=spec["regex"], quotes=spec["quotes"],
                     timeout=spec["timeout"])


# ------------------------------------------------------------------ on the client


def _sample(found: list, cols: list[str], n: int, seed: int) -> dict[int, pd.DataFrame]:
    """Draw the in-memory sample over all partitions' hits; the chosen hits per partition."""
    tables, keys, offset = [], [], 0
    for i, (rows, hits, k, _) in enumerate(found):
        tables.append(hits.assign(part=np.int64(i), local=hits["doc"].to_numpy(),
                                  doc=hits["doc"].to_numpy() + offset))
        keys.append(k)
        offset += rows
    allhits = _concat(tables, tables[0]).reset_index(drop=True)
    allkeys = _concat(keys, keys[0]).reset_index(drop=True) if cols else None
    chosen = choose(allhits, allkeys, n, seed)
    out = {}
    for i, group in chosen.groupby("part", sort=True):
        out[int(i)] = group.assign(doc=group["local"].to_numpy()).drop(columns=["part", "local"])
    return out


def _concat(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    """Frames concatenated in order (the empty ones left out: they would only change
    dtypes), or ``empty`` when none has a row."""
    full = [f for f in frames if len(f)]
    if not full:
        return empty.iloc[:0]
    return full[0] if len(full) == 1 else pd.concat(full, ignore_index=True)
