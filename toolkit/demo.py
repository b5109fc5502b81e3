"""The bundled demo corpus (constructed for teaching; see ``data/demo/README.md``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .io import load_corpus
from .paths import data_dir
from .schema import TEXT_DTYPE, CorpusError

__all__ = ["ANNOTATION_COLUMNS", "DEMO_LANGUAGES", "load_annotations", "load_demo"]

ANNOTATION_COLUMNS: tuple[str, ...] = ("doc_id", "defeat_wording", "negotiation_stance", "war_name")

DEMO_LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
"""Languages of the demo corpus: 101 English articles, 30 Russian, 30 Ukrainian."""

_ARTICLES = {"en": "articles.jsonl", "ru": "articles_ru.jsonl", "uk": "articles_uk.jsonl"}
_ANNOTATIONS = {"en": "annotations.csv", "ru": "annotations_ru.csv", "uk": "annotations_uk.csv"}


def _languages(language: str | Sequence[str] | None) -> list[str]:
    langs = list(DEMO_LANGUAGES) if language is None else [language] if isinstance(language, str) else list(language)
    unknown = [x for x in langs if x not in DEMO_LANGUAGES]
    if unknown:
        raise ValueError(f"the demo corpus has no articles in {unknown}; its languages: {list(DEMO_LANGUAGES)}")
    return langs


def load_demo(language: str | Sequence[str] | None = "en") -> pd.DataFrame:
    """Load the demo corpus (``data/demo/articles.jsonl``, ``articles_ru.jsonl``, ``articles_uk.jsonl``).

    Seven fictional outlets covering real events of 2022; every sentence was written for
    the project. Some articles are wire copies republished by other outlets (the
    ``republished_from`` column names the original), which makes it a test bed for
    :func:`toolkit.duplicates.find_duplicates`. Two of the outlets also publish in
    Russian (Borealis Agency, Northgate Wire) and two in Ukrainian (The Dnipro Ledger,
    Northgate Wire), on the same 15 events.

    Parameters
    ----------
    language : str, sequence of str or None, default "en"
        Which part to load: ``"en"`` (the 101 English articles every notebook but 08
        uses), ``"ru"``, ``"uk"``, several (``["ru", "uk"]``), or None for all 161.

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
    >>> toolkit.load_demo(None)["language"].value_counts().to_dict()
    {'en': 101, 'ru': 30, 'uk': 30}
    """
    parts = [load_corpus(data_dir() / "demo" / _ARTICLES[x]) for x in _languages(language)]
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def load_annotations(language: str | Sequence[str] | None = "en") -> pd.DataFrame:
    """Load the authors' labels for the demo articles, ``data/demo/annotations*.csv``.

    One row per article, to join with :func:`load_demo` on ``doc_id``. The labels record
    what each article's author intended: ``defeat_wording`` (``explicit``, ``euphemistic``,
    ``not_applicable``), ``negotiation_stance`` (``open``, ``sceptical``, ``not_mentioned``)
    and ``war_name`` (``war``, ``invasion``, ``special military operation``, ``conflict``,
    ``crisis``).

    Parameters
    ----------
    language : str, sequence of str or None, default "en"
        Which part's labels (as in :func:`load_demo`).

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
    frames = [_read_annotations(data_dir() / "demo" / _ANNOTATIONS[x]) for x in _languages(language)]
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _read_annotations(path) -> pd.DataFrame:
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
