"""The bundled demo corpus (constructed for teaching; see ``data/demo/README.md``)."""

from __future__ import annotations

import pandas as pd

from .io import load_corpus
from .paths import data_dir
from .schema import TEXT_DTYPE, CorpusError

__all__ = ["ANNOTATION_COLUMNS", "load_annotations", "load_demo"]

ANNOTATION_COLUMNS: tuple[str, ...] = ("doc_id", "defeat_wording", "negotiation_stance", "war_name")


def load_demo() -> pd.DataFrame:
    """Load the demo corpus ``data/demo/articles.jsonl``.

    Seven fictional outlets covering real events of 2022; every sentence was written for
    the project. Some articles are wire copies republished by other outlets (the
    ``republished_from`` column names the original), which makes it a test bed for
    :func:`toolkit.duplicates.find_duplicates`.

    Returns
    -------
    pandas.DataFrame
        A corpus as returned by :func:`toolkit.io.load_corpus`.

    Raises
    ------
    FileNotFoundError
        If the data folder cannot be found (see :func:`toolkit.paths.data_dir`).
    CorpusError
        If the file is missing or does not follow the schema.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> corpus.shape
    (101, 11)
    >>> sorted(corpus["source"].unique())[:3]
    ['Borealis Agency', 'Eastern Concord Daily', 'Northgate Wire']
    """
    return load_corpus(data_dir() / "demo" / "articles.jsonl")


def load_annotations() -> pd.DataFrame:
    """Load the authors' labels for the demo articles, ``data/demo/annotations.csv``.

    One row per article, to join with :func:`load_demo` on ``doc_id``. The labels record
    what each article's author intended: ``defeat_wording`` (``explicit``, ``euphemistic``,
    ``not_applicable``), ``negotiation_stance`` (``open``, ``sceptical``, ``not_mentioned``)
    and ``war_name`` (``war``, ``invasion``, ``special military operation``, ``conflict``,
    ``crisis``).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``defeat_wording``, ``negotiation_stance``, ``war_name`` (and
        any others in the file), all with the pandas string dtype; ``doc_id`` is unique.

    Raises
    ------
    FileNotFoundError
        If the data folder cannot be found.
    CorpusError
        If the file is missing, lacks a column or repeats a ``doc_id``.

    Examples
    --------
    >>> import toolkit
    >>> labels = toolkit.load_annotations()
    >>> labels.columns.tolist()
    ['doc_id', 'defeat_wording', 'negotiation_stance', 'war_name']
    >>> len(toolkit.load_demo().merge(labels, on="doc_id"))
    101
    """
    path = data_dir() / "demo" / "annotations.csv"
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    df = pd.read_csv(path, dtype=TEXT_DTYPE, keep_default_na=False, na_values=[""], encoding="utf-8")
    missing = [c for c in ANNOTATION_COLUMNS if c not in df.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {missing}; columns found: {list(df.columns)}")
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        rows = (df.index[dup] + 2).tolist()  # line numbers: line 1 is the header
        raise CorpusError(f"{path} lines {rows}: doc_id repeated ({sorted(set(df.loc[dup, 'doc_id']))})")
    return df
