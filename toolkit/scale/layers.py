"""The attribution and actor layers on a lazy corpus: per partition, concatenated in order.

:func:`toolkit.attribution.quotes`, :func:`toolkit.mentions.actor_mentions`,
:func:`toolkit.agency.agency`, :func:`toolkit.tone.actor_tone` and
:func:`toolkit.tone.sentence_tone` read articles one by one and return one row per
attribution, mention or sentence, numbered within the article (``sentence``; offsets are
into the article's own text): no number depends on the rest of the corpus. On a lazy
corpus the workers run the in-memory function on each partition (on the one-process
path: :func:`toolkit.forked.may_fork` is False inside a dask worker) and the client concatenates the tables in
partition order, so the rows are those of the whole corpus in corpus order. The client
also makes the categoricals whose categories depend on the values found (``quotes``:
``cue_lemma``, ``rule``) the same as in memory, and joins ``agency``'s sentence table.

Speakers of quoted mentions in ``actor_tone`` come only from ``attributions=`` on a lazy
corpus (in memory a table cached by an earlier ``quotes`` call is also used): the table
is sent to each worker once and each partition reads the rows of its own articles.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..schema import CorpusError
from .engine import map_partitions

__all__ = [
    "concat_tables",
    "lazy_quotes",
    "lazy_actor_mentions",
    "lazy_agency",
    "lazy_actor_tone",
    "lazy_sentence_tone",
]

# ---------------------------------------------------------------- shared helpers

def concat_tables(parts: list[pd.DataFrame | None], empty: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-partition tables -> one table, in partition order (as the whole corpus gives it).

    Tables without rows are left out (an empty table may have other dtypes), unless all
    are empty. Categorical columns whose categories differ between partitions get the
    union of the categories in order of first appearance (as ``pandas.factorize`` over
    the whole corpus gives them). ``attrs`` are those of the first table.

    Parameters
    ----------
    parts : list of pandas.DataFrame or None
        One table per partition (None: an empty partition).
    empty : pandas.DataFrame, optional
        Returned when no partition gave a table.

    Returns
    -------
    pandas.DataFrame
        The tables one after the other, index ``0..n-1``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.scale.layers import concat_tables
    >>> a = pd.DataFrame({"g": pd.Categorical(["x", "y"])})
    >>> b = pd.DataFrame({"g": pd.Categorical(["z", "x"])})
    >>> concat_tables([a, None, b])["g"].cat.categories.tolist()
    ['x', 'y', 'z']
    """
    tables = [p for p in parts if p is not None]
    if not tables:
        if empty is None:
            raise CorpusError("the lazy corpus has no articles (every partition is empty)")
        return empty
    full = [t for t in tables if len(t)] or tables[:1]
    attrs = dict(full[0].attrs)
    if len(full) > 1:
        first = full[0]
        for col in first.columns:
            if not isinstance(first[col].dtype, pd.CategoricalDtype):
                continue
            cats = [t[col].cat.categories for t in full]
            if all(c.equals(cats[0]) for c in cats[1:]):
                continue
            union = pd.Index(pd.unique(np.concatenate([c.to_numpy(dtype=object) for c in cats])),
                             dtype=cats[0].dtype)
            full = [t.assign(**{col: t[col].cat.set_categories(union)}) for t in full]
    out = pd.concat(full, ignore_index=True) if len(full) > 1 else full[0].reset_index(drop=True)
    out.attrs = attrs
    return out


def _columns(corpus: Any, where: str, needed: tuple[str, ...] = ("doc_id", "text")) -> None:
    missing = [c for c in needed if c not in corpus.columns]
    if missing:
        raise CorpusError(f"{where}: the lazy corpus has no column(s) {missing}; it needs {list(needed)}")


def _empty(corpus: Any) -> pd.DataFrame:
    """The corpus's (empty) pandas schema, to run the in-memory function on when no
    partition holds an article."""
    return corpus._meta


# ---------------------------------------------------------------- quotes


def _quotes_part(part: pd.DataFrame, actors: str, verbs: str, scare_quotes: bool) -> pd.DataFrame | None:
    from ..attribution import quotes

    if not len(part):
        return None
    return quotes(part, actors=actors, verbs=verbs, scare_quotes=scare_quotes, progress=False)


def lazy_quotes(corpus: Any, *, actors: str, verbs: str, scare_quotes: bool,
                progress: bool | None) -> pd.DataFrame:
    """:func:`toolkit.attribution.quotes` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    actors, verbs, scare_quotes, progress
        As in :func:`toolkit.attribution.quotes` (``progress``: one tick per partition).

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.attribution.quotes` gives for the whole corpus.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.attribution import quotes
    >>> demo = toolkit.load_demo()
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=3)
    >>> quotes(lazy, progress=False).equals(quotes(demo, progress=False))
    True
    """
    from ..attribution import CATEGORIES, _lists, quotes

    _columns(corpus, "quotes")
    _lists(str(verbs), str(actors))  # fail early on a bad list
    parts = map_partitions(corpus, _quotes_part, str(actors), str(verbs), bool(scare_quotes),
                           desc="quotes", progress=progress)
    if all(p is None for p in parts):
        return quotes(_empty(corpus), actors=actors, verbs=verbs, scare_quotes=scare_quotes, progress=False)
    tables = [p for p in parts if p is not None]
    # categories as quotes() orders them over the whole corpus: the documented ones first,
    # then the others found, sorted
    for col, fixed in CATEGORIES.items():
        found = set().union(*(set(t[col].cat.categories) for t in tables))
        cats = list(fixed) + sorted(found - set(fixed)) if fixed else sorted(found)
        tables = [t.assign(**{col: t[col].cat.set_categories(cats)}) for t in tables]
    return concat_tables(tables)


# ---------------------------------------------------------------- actor mentions


def _mentions_part(part: pd.DataFrame, actors: str) -> pd.DataFrame | None:
    from ..mentions import actor_mentions

    if not len(part):
        return None
    return actor_mentions(part, actors=actors, progress=False)


def lazy_actor_mentions(corpus: Any, *, actors: str, progress: bool | None) -> pd.DataFrame:
    """:func:`toolkit.mentions.actor_mentions` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    actors, progress
        As in :func:`toolkit.mentions.actor_mentions`.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.mentions.actor_mentions` gives for the whole corpus.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.mentions import actor_mentions
    >>> demo = toolkit.load_demo()
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=2)
    >>> actor_mentions(lazy, progress=False).equals(actor_mentions(demo, progress=False))
    True
    """
    from ..actors import load_actors
    from ..mentions import _patterns, actor_mentions

    _columns(corpus, "actor_mentions")
    load_actors(actors)  # fail early on a bad list
    _patterns(str(actors))
    parts = map_partitions(corpus, _mentions_part, str(actors), desc="actor mentions", progress=progress)
    if all(p is None for p in parts):
        return actor_mentions(_empty(corpus), actors=actors, progress=False)
    return concat_tables(parts)


# ---------------------------------------------------------------- agency


def _agency_part(part: pd.DataFrame, actors: str) -> pd.DataFrame | None:
    from ..agency import agency

    if not len(part):
        return None
    return agency(part, actors=actors, progress=False)


def lazy_agency(corpus: Any, *, actors: str, progress: bool | None) -> pd.DataFrame:
    """:func:`toolkit.agency.agency` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    actors, progress
        As in :func:`toolkit.agency.agency`.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.agency.agency` gives for the whole corpus, with its
        sentence table in ``attrs["sentences"]`` (the partitions' tables joined).

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.agency import agency
    >>> demo = toolkit.load_demo()
    >>> got = agency(dd.from_pandas(demo, npartitions=2), progress=False)
    >>> got.equals(agency(demo, progress=False)), len(got.attrs["sentences"]) > len(demo)
    (True, True)
    """
    from ..actors import load_actors
    from ..agency import agency
    from ..mentions import _patterns

    _columns(corpus, "agency", ("text",))
    load_actors(actors)
    _patterns(str(actors))
    parts = map_partitions(corpus, _agency_part, str(actors), desc="agency", progress=progress)
    if all(p is None for p in parts):
        return agency(_empty(corpus), actors=actors, progress=False)
    sentences = concat_tables([p.attrs["sentences"] for p in parts if p is not None])
    for p in parts:
        if p is not None:
            p.attrs = {}
    out = concat_tables(parts)
    out.attrs["sentences"] = sentences
    return out


# ---------------------------------------------------------------- tone


def _tone_part(part: pd.DataFrame, attributions: pd.DataFrame | None, kwargs: dict) -> pd.DataFrame | None:
    from ..tone import actor_tone

    if not len(part):
        return None
    if attributions is not None:
        attributions = attributions[attributions["doc_id"].isin(part["doc_id"])].reset_index(drop=True)
    # a new frame object, so no attributions cached with an earlier quotes() on this very
    # partition object (dask's local scheduler reuses it) are used: only ``attributions``
    part = part.copy(deep=False)
    return actor_tone(part, attributions=attributions, progress=False, **kwargs)


def lazy_actor_tone(corpus: Any, *, actors: str, window: int, event_words: bool, cutoff: float,
                    role_cues: str | None, attributions: pd.DataFrame | None,
                    progress: bool | None) -> pd.DataFrame:
    """:func:`toolkit.tone.actor_tone` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    actors, window, event_words, cutoff, role_cues, attributions, progress
        As in :func:`toolkit.tone.actor_tone`; ``attributions`` is the (pandas)
        :func:`toolkit.attribution.quotes` table of the whole corpus, or None.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.tone.actor_tone` gives for the whole corpus.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.tone import actor_tone
    >>> demo = toolkit.load_demo().head(20)
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=2)
    >>> actor_tone(lazy, progress=False).equals(actor_tone(demo, progress=False))
    True
    """
    import dask

    from ..actors import load_actors
    from ..mentions import _patterns
    from ..tone import actor_tone, load_role_cues

    _columns(corpus, "actor_tone")
    if role_cues is not None:
        load_role_cues(str(role_cues))  # fail early on a bad list
    load_actors(actors)
    _patterns(str(actors))
    if attributions is not None:
        if not isinstance(attributions, pd.DataFrame):
            raise CorpusError("actor_tone: attributions= must be the pandas table returned by quotes() "
                              "(on a lazy corpus quotes() returns one)")
        keep = [c for c in ("doc_id", "type", "content_start", "content_end", "speaker", "speaker_group")
                if c in attributions.columns]
        attributions = dask.delayed(attributions[keep])  # sent to each worker once
    kwargs = {"actors": actors, "window": window, "event_words": event_words, "cutoff": cutoff,
              "role_cues": role_cues}
    parts = map_partitions(corpus, _tone_part, attributions, kwargs, desc="actor tone", progress=progress)
    if all(p is None for p in parts):
        return actor_tone(_empty(corpus), progress=False, **kwargs)
    return concat_tables(parts)


def _sentence_tone_part(part: pd.DataFrame, event_words: bool) -> pd.DataFrame | None:
    from ..tone import sentence_tone

    if not len(part):
        return None
    return sentence_tone(part, event_words=event_words, progress=False)


def lazy_sentence_tone(corpus: Any, *, event_words: bool, progress: bool | None) -> pd.DataFrame:
    """:func:`toolkit.tone.sentence_tone` of a lazy corpus (see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    event_words, progress
        As in :func:`toolkit.tone.sentence_tone`.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.tone.sentence_tone` gives for the whole corpus.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.tone import sentence_tone
    >>> demo = toolkit.load_demo().head(10)
    >>> with dask.config.set({'dataframe.convert-string': False}):  # keep the str dtype
    ...     lazy = dd.from_pandas(demo, npartitions=2)
    >>> sentence_tone(lazy, progress=False).equals(sentence_tone(demo, progress=False))
    True
    """
    from ..tone import sentence_tone

    _columns(corpus, "sentence_tone", ("text",))
    parts = map_partitions(corpus, _sentence_tone_part, bool(event_words), desc="sentence tone",
                           progress=progress)
    if all(p is None for p in parts):
        return sentence_tone(_empty(corpus), event_words=event_words, progress=False)
    return concat_tables(parts)
