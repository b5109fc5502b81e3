"""Outlet labels: spellings of one outlet that differ only in case, spaces or punctuation.

A corpus put together from several exports often names one outlet in several ways
(``"The Guardian"``, ``"the guardian"``, ``"The Guardian "``, ``"N.Y.T."`` and ``"NYT"``).
Every count *by outlet* then splits that outlet in two. **The rule:** two labels are
variants of one outlet when they are equal after Unicode case folding and removing every
character that is not a letter or a digit (white space, punctuation, symbols). Nothing
else is guessed: ``"NYT"`` and ``"New York Times"`` are different labels (map them
yourself with ``unify_outlets(..., mapping=...)``).

:func:`toolkit.io.load_corpus` warns (:class:`~toolkit.schema.CorpusWarning`) when the
loaded ``source`` column has variants, and never changes them; :func:`outlet_variants`
lists them and :func:`unify_outlets` merges them, reporting what it changed.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Mapping

import pandas as pd

from .schema import TEXT_DTYPE, CorpusError, CorpusWarning, require_columns

__all__ = ["outlet_variants", "unify_outlets"]

_NOT_ALNUM = re.compile(r"[\W_]+")
_MAX_LISTED = 6
#: ``attrs`` key of the report written by :func:`unify_outlets`.
REPORT_KEY = "unified_outlets"


def _key(label: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", label).casefold())


def outlet_variants(corpus: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Labels of the ``by`` column that differ only by case, white space or punctuation.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (it is not modified).
    by : str, default "source"
        The column of outlet labels.

    Returns
    -------
    pandas.DataFrame
        One row per label that has a variant, grouped: ``key`` (the label case-folded,
        letters and digits only), ``label``, ``n_docs`` (its articles) and ``unified``
        (the most frequent spelling of the group; on a tie the one that sorts first).
        Empty when every outlet has one spelling. Missing labels are ignored.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.outlets import outlet_variants
    >>> corpus = toolkit.load_demo()
    >>> first = corpus["source"].iloc[0]
    >>> corpus.loc[:2, "source"] = first.upper()
    >>> outlet_variants(corpus)[["label", "n_docs", "unified"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'label': 'Borealis Agency', 'n_docs': 13, 'unified': 'Borealis Agency'},
     {'label': 'BOREALIS AGENCY', 'n_docs': 3, 'unified': 'Borealis Agency'}]
    """
    require_columns(corpus, (by,), origin="outlet_variants")
    labels = corpus[by].dropna().astype(str)
    counts = labels.value_counts(sort=False)
    table = pd.DataFrame({"label": counts.index.astype(str), "n_docs": counts.to_numpy()})
    table["key"] = table["label"].map(_key)
    table = table[table.groupby("key")["label"].transform("size") > 1]
    table = table.sort_values(["key", "n_docs", "label"], ascending=[True, False, True])
    table["unified"] = table.groupby("key")["label"].transform("first")
    out = table[["key", "label", "n_docs", "unified"]].reset_index(drop=True)
    for col in ("key", "label", "unified"):
        out[col] = out[col].astype(TEXT_DTYPE)
    out["n_docs"] = out["n_docs"].astype("int64")
    return out


def unify_outlets(
    corpus: pd.DataFrame, *, by: str = "source", mapping: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Replace variant spellings of outlet labels by one spelling each.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (it is not modified).
    by : str, default "source"
        The column of outlet labels.
    mapping : mapping, optional
        ``{label as written: label to use}``. By default every variant found by
        :func:`outlet_variants` becomes the most frequent spelling of its group. A
        mapping replaces exactly the labels it names (any labels, not only variants).

    Returns
    -------
    pandas.DataFrame
        A new corpus with the labels replaced. ``attrs["unified_outlets"]`` lists every
        replacement as a dict ``{"from", "to", "n_docs"}`` (reports of earlier calls are
        extended); a replacement is never silent.

    Raises
    ------
    CorpusError
        If the column is missing or a mapping value is not a non-empty string.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.outlets import unify_outlets
    >>> corpus = toolkit.load_demo()
    >>> corpus.loc[:2, "source"] = corpus["source"].iloc[0] + "  "
    >>> unified = unify_outlets(corpus)
    >>> unified.attrs["unified_outlets"]
    [{'from': 'Borealis Agency  ', 'to': 'Borealis Agency', 'n_docs': 3}]
    >>> int(unified["source"].nunique()), int(corpus["source"].nunique())
    (7, 8)
    """
    require_columns(corpus, (by,), origin="unify_outlets")
    if mapping is None:
        table = outlet_variants(corpus, by=by)
        table = table[table["label"] != table["unified"]]
        mapping = dict(zip(table["label"], table["unified"], strict=True))
    elif not isinstance(mapping, Mapping):
        raise TypeError("mapping must be a dict such as {'NYT': 'New York Times'}")
    for src, dst in mapping.items():
        if not isinstance(dst, str) or not dst.strip():
            raise CorpusError(f"unify_outlets: mapping[{src!r}] must be a non-empty label, got {dst!r}")
    mapping = {str(k): v for k, v in mapping.items() if str(k) != v}
    out = corpus.copy()
    out.attrs = dict(corpus.attrs)
    values = corpus[by]
    as_text = values.astype(object).where(values.notna(), None)
    hit = as_text.isin(list(mapping))
    counts = as_text[hit].value_counts()
    if hit.any():
        out[by] = values.astype(object).where(~hit, as_text.map(mapping)).astype(values.dtype)
    report = [{"from": k, "to": mapping[k], "n_docs": int(counts.get(k, 0))}
              for k in mapping if counts.get(k, 0)]
    out.attrs[REPORT_KEY] = [*corpus.attrs.get(REPORT_KEY, []), *report]
    return out


def _warn_variants(corpus: pd.DataFrame, origin: str, *, by: str = "source", stacklevel: int = 3) -> None:
    """Warn (:class:`~toolkit.schema.CorpusWarning`) if ``by`` has variant labels
    (used by :func:`toolkit.io.load_corpus`)."""
    if by not in corpus.columns or not len(corpus):
        return
    table = outlet_variants(corpus, by=by)
    if table.empty:
        return
    groups = [
        " / ".join(f"{lab!r} ({n})" for lab, n in zip(g["label"], g["n_docs"], strict=True))
        for _, g in table.groupby("key", sort=False)
    ]
    listed = "; ".join(groups[:_MAX_LISTED])
    if len(groups) > _MAX_LISTED:
        listed += f"; ... and {len(groups) - _MAX_LISTED} more"
    warnings.warn(
        f"{origin}: {len(groups)} outlet(s) are spelled in several ways in '{by}' (differing "
        f"only in case, spaces or punctuation): {listed}. They were left as they are; "
        "toolkit.outlets.outlet_variants(corpus) lists them and "
        "toolkit.outlets.unify_outlets(corpus) merges them into the most frequent spelling.",
        CorpusWarning,
        stacklevel=stacklevel,
    )
