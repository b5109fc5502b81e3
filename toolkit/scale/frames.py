"""Frame scores, matches and prevalence of a lazy corpus: the same tables as in memory.

On the workers, :func:`toolkit.frames.frame_scores` and :func:`toolkit.frames.frame_matches`
run on each partition (a frame's matches never cross an article, and every count is
per unit); the client concatenates the tables in partition order, gives the categorical
columns the categories of the whole corpus, warns once about articles in another
language than the lexicon's (merged counts), and draws the ``n`` sampled lines of
``frame_matches`` from all lines, in the order the in-memory code draws them. The
scores table is the article- (or sentence-) level table that :func:`toolkit.prevalence.frame_prevalence`
needs: shares, Wilson and bootstrap intervals over articles (same ``seed``, same article
order), and period grids (from the table's first date) are then computed on the client
by the in-memory code, so they do not depend on the partitioning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..schema import CorpusError
from .engine import is_lazy, map_partitions
from .layers import concat_tables

__all__ = ["lazy_frame_scores", "lazy_frame_matches", "lazy_scores_table"]


def _lexicon(lexicon: Any, frames: str | Sequence[str] | None):
    from ..lexicon import load_lexicon

    lex = load_lexicon(lexicon)
    return lex.select(frames) if frames is not None else lex


def _warn_merged(lex: Any, counts: list[dict[str, int]]) -> None:
    """The warning :func:`toolkit.matching.check_language` gives for the whole corpus,
    from the counts of every partition. It points at the user's call of ``frame_scores``
    or ``frame_matches`` (above this function, ``lazy_*``, the public function and its
    keyword check)."""
    from ..matching import _warn_language

    other: Counter = Counter()
    for c in counts:
        other.update(c)
    _warn_language(lex, dict(other), stacklevel=6)


# ---------------------------------------------------------------- frame_scores


def _scores_part(part: pd.DataFrame, lex: Any, kwargs: dict) -> tuple[pd.DataFrame, dict] | None:
    from ..frames import _frame_scores

    if not len(part):
        return None
    # the language mismatch is only counted here (the client warns once for the corpus);
    # any other warning is given as in memory
    return _frame_scores(part, lex, **kwargs, warn=False)


def lazy_frame_scores(
    corpus: Any,
    lexicon: Any,
    *,
    unit: str,
    frames: str | Sequence[str] | None,
    meta: str | Sequence[str] | None,
    min_count: int,
    exclude_quotes: bool,
) -> pd.DataFrame:
    """:func:`toolkit.frames.frame_scores` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    lexicon, unit, frames, meta, min_count, exclude_quotes
        As in :func:`toolkit.frames.frame_scores`.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.frames.frame_scores` gives for the whole corpus (one
        row per unit and frame, in corpus order), with the same ``attrs``.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> demo = toolkit.load_demo()
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=3)
    >>> got = toolkit.frame_scores(lazy, "war_framing")
    >>> got.equals(toolkit.frame_scores(demo, "war_framing"))
    True
    """
    from ..frames import frame_scores

    lex = _lexicon(lexicon, frames)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a whole number >= 1, got {min_count!r}")
    kwargs = {"unit": unit, "meta": meta, "min_count": min_count, "exclude_quotes": exclude_quotes}
    parts = map_partitions(corpus, _scores_part, lex, kwargs, desc="frame scores")
    if all(p is None for p in parts):
        return frame_scores(corpus._meta, lex, **kwargs)
    _warn_merged(lex, [p[1] for p in parts if p is not None])
    return concat_tables([p[0] if p is not None else None for p in parts])


# ---------------------------------------------------------------- frame_matches


def _matches_part(part: pd.DataFrame, lex: Any, window: int, excluded: bool) -> tuple[pd.DataFrame, dict] | None:
    from ..frames import _frame_matches

    if not len(part):
        return None
    # as _scores_part: the language mismatch counted, not warned about
    return _frame_matches(part, lex, window=window, excluded=excluded, n=None, seed=0, warn=False)


def lazy_frame_matches(
    corpus: Any,
    lexicon: Any,
    *,
    frames: str | Sequence[str] | None,
    window: int,
    excluded: bool,
    n: int | None,
    seed: int,
) -> pd.DataFrame:
    """:func:`toolkit.frames.frame_matches` of a lazy corpus (see the module docstring).

    All lines are found on the workers; with ``n`` the client draws the same sample as
    the in-memory code: it draws positions in the lines ordered frame by frame (lexicon
    order), each frame's lines in corpus order, and returns them in corpus order.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    lexicon, frames, window, excluded, n, seed
        As in :func:`toolkit.frames.frame_matches`.

    Returns
    -------
    ConcordanceFrame
        The lines :func:`toolkit.frames.frame_matches` gives for the whole corpus.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> demo = toolkit.load_demo()
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=3)
    >>> got = toolkit.frame_matches(lazy, "war_framing", n=20, seed=3)
    >>> got.equals(toolkit.frame_matches(demo, "war_framing", n=20, seed=3))
    True
    """
    from ..display import ConcordanceFrame
    from ..frames import frame_matches

    lex = _lexicon(lexicon, frames)
    parts = map_partitions(corpus, _matches_part, lex, window, excluded, desc="frame matches")
    if all(p is None for p in parts):
        return frame_matches(corpus._meta, lex, window=window, excluded=excluded, n=n, seed=seed)
    _warn_merged(lex, [p[1] for p in parts if p is not None])
    attrs = next(p[0].attrs for p in parts if p is not None)
    lines = concat_tables([p[0] if p is not None else None for p in parts])
    if n is not None and len(lines) > n:
        # in memory the sample is drawn from the lines ordered by frame (lexicon order),
        # each frame's lines in corpus order, then put back in corpus order; the lines of
        # one frame keep that order in ``lines`` (sorted by article, token, frame)
        code = pd.Index(lex.frame_names).get_indexer(lines["frame"].astype(str))
        by_frame = np.argsort(code, kind="stable")
        rng = np.random.default_rng(seed)
        pick = np.sort(rng.choice(len(lines), size=n, replace=False))
        lines = lines.iloc[np.sort(by_frame[pick])].reset_index(drop=True)
    out = ConcordanceFrame(lines)
    out.attrs = dict(attrs)
    return out


# ---------------------------------------------------------------- frame_prevalence


def _scores_columns(part: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return part[[c for c in columns if c in part.columns]]


def lazy_scores_table(scores: Any, columns: Sequence[str]) -> pd.DataFrame:
    """A lazy scores table (e.g. :func:`toolkit.frames.frame_scores` output written to
    Parquet and opened with dask) as a pandas table of the ``columns`` it has.

    :func:`toolkit.prevalence.frame_prevalence` needs the unit-level rows (its bootstrap
    resamples articles, its period grid starts at the table's first date): the columns it
    uses are read partition by partition and joined in order on the client, where the
    in-memory code runs on them.

    Parameters
    ----------
    scores : dask.dataframe.DataFrame
        A lazy table with the columns of :func:`toolkit.frames.frame_scores`.
    columns : sequence of str
        The columns wanted (those missing are left to the caller's check).

    Returns
    -------
    pandas.DataFrame
        Those columns, all rows in partition order.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.scale.frames import lazy_scores_table
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> got = lazy_scores_table(dd.from_pandas(scores, npartitions=4), ["doc_id", "frame", "count"])
    >>> got.equals(scores[["doc_id", "frame", "count"]])
    True
    """
    if not is_lazy(scores):
        raise CorpusError("lazy_scores_table: expects a lazy (dask) table")
    if "text" in scores.columns and "frame" not in scores.columns:
        raise CorpusError(
            "frame_prevalence: got a lazy corpus, not a scores table; score it first: "
            "frame_prevalence(frame_scores(corpus, lexicon), ...)"
        )
    parts = map_partitions(scores, _scores_columns, list(columns), desc="frame prevalence")
    return concat_tables(parts, empty=_scores_columns(scores._meta, list(columns)))
