"""Merging the per-partition tables of a lazy corpus on the client.

Every partition numbers its own types and groups; the client keys them by value to give
the whole corpus one numbering, and maps each partition's local numbers onto it. The
vocabulary is numbered in **first-seen** order (partition by partition; the finishing
code sorts terms itself, with :func:`toolkit.counts.alphabetical_rank` as tie-breaker);
the groups are numbered **sorted by value**, as :func:`toolkit.counts.group_codes`
numbers them in memory, so the groups table is the in-memory one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..counts import group_codes

__all__ = ["merge_vocab", "merge_groups"]


def _split(codes: np.ndarray, sizes: list[int]) -> list[np.ndarray]:
    bounds = np.cumsum([0, *sizes])
    return [codes[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def merge_vocab(vocabs: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """One vocabulary for the types of all partitions.

    Parameters
    ----------
    vocabs : list of numpy.ndarray
        Each partition's types (strings), in its own numbering.

    Returns
    -------
    vocab : numpy.ndarray
        The union of the types (object dtype), in first-seen order: the first
        partition's types in its order, then the new types of the second, and so on.
    ids : list of numpy.ndarray
        Per partition, the ``int64`` merged id of each of its types.
    """
    both = np.concatenate(vocabs) if vocabs else np.zeros(0, dtype=object)
    codes, uniques = pd.factorize(both)
    vocab = np.asarray(uniques, dtype=object)
    return vocab, _split(np.asarray(codes, dtype=np.int64), [len(v) for v in vocabs])


def merge_groups(
    frames: list[pd.DataFrame], by: str | Sequence[str] | None
) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Number the groups of all partitions as the whole corpus would (by value, sorted).

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Per partition, one row per local group with its grouping values (the groups
        table of :func:`toolkit.counts.group_codes`, or a row of the corpus for each
        group), in the partition's group order.
    by : str, list of str or None
        The grouping columns; None: every document in one group.

    Returns
    -------
    groups : pandas.DataFrame
        The groups table of :func:`toolkit.counts.group_codes` for the whole corpus.
    maps : list of numpy.ndarray
        Per partition, the merged group number of each of its groups.
    """
    sizes = [len(f) for f in frames]
    together = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(index=range(0))
    codes, groups = group_codes(together, by, warn=False)
    return groups, _split(codes, sizes)
