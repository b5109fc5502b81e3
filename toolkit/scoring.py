"""Scoring units with a lexicon: the shared engine of frame scores and (later) tone.

A lexicon here is a table (tidytext style): one row per pattern with the
``category`` it counts for and a ``weight``. Scoring is a join of the corpus's token
index with that table: every pattern is matched once over the index
(:func:`toolkit.patterns.match_many`), and matches are summed per unit (article or
sentence) and category with :func:`numpy.bincount`:

* ``count``: number of matches of the category's patterns in the unit;
* ``score``: sum of their weights (equal to ``count`` when every weight is 1).

:func:`unit_table` turns a units x categories array into the tidy table every scoring
function returns (one row per unit and category, with the unit's metadata and length).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .counts import as_columns
from .index import TokenIndex, index_tokens
from .patterns import match_many, parse_pattern
from .schema import CorpusError
from .tables import require_table

META_COLUMNS: tuple[str, ...] = ("doc_id", "sentence", "source", "date")
"""Unit metadata kept in scoring output when present."""


def unit_table(
    index: TokenIndex,
    categories: Sequence[str],
    values: Mapping[str, np.ndarray],
    *,
    category_column: str = "category",
    meta: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per unit and category, from ``(n_units, n_categories)`` arrays.

    Parameters
    ----------
    index : TokenIndex
        The index scored (document or sentence units).
    categories : sequence of str
        Category names, in column order of the arrays.
    values : mapping of str to numpy.ndarray
        Column name -> ``(n_units, n_categories)`` array.
    category_column : str, default "category"
        Name of the category column (``"frame"`` for frames).
    meta : str or sequence of str, optional
        Extra metadata columns of the corpus to keep.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``sentence`` (sentence units), ``source``, ``date`` when present, the
        ``meta`` columns, ``tokens`` (words in the unit), the category column
        (categorical, in the order given) and the ``values`` columns.
    """
    n_units, n_cat = index.n_docs, len(categories)
    doc_index = index.document_index or index
    available = set(index.meta.columns) | set(doc_index.meta.columns)
    keep = [c for c in META_COLUMNS if c in available and (c != "sentence" or index.unit == "sentence")]
    extra = as_columns(meta)
    missing = [c for c in extra if c not in available]
    if missing:
        raise CorpusError(f"meta columns {missing} are not in the corpus")
    keep += [c for c in extra if c not in keep]
    rows = np.repeat(np.arange(n_units), n_cat)
    unit_doc = index.unit_doc if index.unit == "sentence" else None
    out = pd.DataFrame({c: _repeat_column(index, doc_index, unit_doc, c, rows) for c in keep})
    out["tokens"] = np.repeat(index.doc_lengths.astype(np.int32), n_cat)
    out[category_column] = pd.Categorical.from_codes(
        np.tile(np.arange(n_cat, dtype=np.int32), n_units), categories=list(categories)
    )
    for name, arr in values.items():
        out[name] = np.asarray(arr).ravel()
    return out


def _repeat_column(
    index: TokenIndex, doc_index: TokenIndex, unit_doc: np.ndarray | None, column: str,
    rows: np.ndarray,
) -> pd.Series | pd.Categorical | np.ndarray:
    """One unit metadata column repeated for every category (``rows``: unit numbers).

    Text columns (``doc_id``, ``source``...) become categoricals: a long table repeats
    each value once per category, and a categorical stores it once (integer codes per
    row), so a sentence-level table of a large corpus stays small and fast to build.
    """
    if column in index.meta.columns and (unit_doc is None or column not in doc_index.meta.columns):
        col, pos = index.meta[column], rows
    else:
        col = doc_index.meta[column]
        pos = rows if unit_doc is None else unit_doc[rows]
    if pd.api.types.is_string_dtype(col.dtype) or col.dtype == object:
        codes, uniques = pd.factorize(col, sort=False)
        return pd.Categorical.from_codes(codes[pos], categories=pd.Index(uniques))
    return col.take(pos).reset_index(drop=True)


def lexicon_scores(
    corpus: pd.DataFrame,
    lexicon: pd.DataFrame,
    *,
    unit: str = "document",
    meta: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Score every unit with a weighted lexicon table.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    lexicon : pandas.DataFrame
        One row per pattern: ``pattern`` (a word, wildcard or phrase, see
        :mod:`toolkit.patterns`), optional ``category`` (one category ``"score"`` when
        absent) and optional ``weight`` (1 when absent).
    unit : {"document", "sentence"}, default "document"
        Score articles or sentences.
    meta : str or sequence of str, optional
        Extra metadata columns of the corpus to keep.

    Returns
    -------
    pandas.DataFrame
        One row per unit and category: unit metadata, ``tokens``, ``category``,
        ``count`` (matches) and ``score`` (sum of the matches' weights).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.scoring import lexicon_scores
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["A good, good day.", "A bad day."]})
    >>> lex = pd.DataFrame({"pattern": ["good", "bad"], "weight": [1.5, -2.0]})
    >>> lexicon_scores(corpus, lex)[["doc_id", "count", "score"]]
      doc_id  count  score
    0      a      2    3.0
    1      b      1   -2.0
    """
    require_table(lexicon, ["pattern"], "lexicon_scores", "a lexicon table with a 'pattern' column")
    table = lexicon.reset_index(drop=True)
    patterns = [parse_pattern(str(p)) for p in table["pattern"]]
    category = table["category"].astype(str) if "category" in table else pd.Series("score", index=table.index)
    weight = table["weight"].to_numpy(dtype=float) if "weight" in table else np.ones(len(table))
    if np.isnan(weight).any():
        row = int(np.flatnonzero(np.isnan(weight))[0])
        raise CorpusError(f"lexicon row {row} (pattern {table['pattern'].iloc[row]!r}): weight is missing")
    codes, names = pd.factorize(category, sort=False)
    index = index_tokens(corpus, unit=unit)
    starts = match_many(index, patterns)
    n_units, n_cat = index.n_docs, len(names)
    # one bincount over every match of every pattern (a tone lexicon has thousands)
    lengths = np.array([len(s) for s in starts], dtype=np.int64)
    pos = np.concatenate([np.zeros(0, np.int64), *starts])
    flat = index.doc_of(pos) * n_cat + np.repeat(codes, lengths)
    counts = np.bincount(flat, minlength=n_units * n_cat).astype(np.int64)
    scores = np.bincount(flat, weights=np.repeat(weight, lengths), minlength=n_units * n_cat)
    out = unit_table(
        index, [str(n) for n in names],
        {"count": counts.reshape(n_units, n_cat), "score": scores.reshape(n_units, n_cat)},
        meta=meta,
    )
    out.attrs.update(unit=unit)
    return out
