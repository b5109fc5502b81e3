r"""Page furniture: lines that an outlet repeats across many of its articles.

Scraped news texts carry more than the article: newsletter promos ("Sign up for daily
newsletters"), photo captions ("Hide Caption 3 of 22 Photos", "toggle caption AP"),
copyright and reprint lines, "Advertisement", "Click here ...", datelines and live-blog
timestamps ("Updated at 4:15 p.m. ET"). Left in, they become an outlet's most
"distinctive" words in keyness tables and inflate word counts.

**The rule.** Every text is cut into *segments*: its lines (split at ``\n``; a ``\r``
before it is part of the line). A text that has no newline at all (scraped as one block)
is cut into sentences instead, at ``.``, ``!``, ``?`` or ``…`` (and closing quotes or
brackets) followed by a space -- a cheap split, the same for every article, which is all
that matching needs. Segments are compared after normalising them: surrounding white
space removed, runs of white space made one space, lower case, every run of digits
``#`` -- so ``"Hide Caption 3 of 22 Photos"`` and ``"Hide Caption 14 of 22 photos"`` are
one segment. Blank segments are ignored. A segment is *boilerplate of an outlet* when it
occurs in at least ``min_docs`` of that outlet's articles **and** in at least
``min_share`` of them.

**Defaults and the evidence for them** (:data:`MIN_DOCS` = 5, :data:`MIN_SHARE` = 0.01).
Checked on the AllSides corpus (37,554 articles from 491 outlets, Baly et al. 2020): with
at least 5 articles, repeated segments found in at least 1% of an outlet's articles were,
in a sample of 40 long segments between 1% and 2%, all furniture (newsletter and app
promos, photo credits, author boxes, "contributed to this report", timestamps). Below 1%
genuine repeated content appears (a campaign quotation repeated in 15 of 2,905 CNN
articles, lists of names in Politico, gallery captions). Five articles keep two or three
copies of one wire story from counting. An outlet with fewer than ``min_docs`` articles
never has boilerplate. Remove duplicate articles first (:func:`toolkit.drop_duplicates`):
five copies of one story make every line of it "repeated" (such an article is then
reported as ``emptied`` and kept). A segment repeated by *every* outlet (a wire credit) is still
found outlet by outlet; pass ``by=None`` to treat the corpus as one outlet.

The table of :func:`find_boilerplate` is a proposal: read it, drop rows that are real
content (a slogan an outlet quotes in every article on a topic is repeated content, not
furniture), and pass what is left to :func:`remove_boilerplate`. Removal never drops an
article: an article whose every segment is boilerplate keeps its text unchanged, is
reported (``emptied``) and named in a :class:`~toolkit.schema.CorpusWarning` (the schema
does not allow an empty ``text``; drop such articles yourself if they are junk).

Both steps are vectorised with polars; on AllSides (about 220 million characters)
detection and removal together take a few seconds.

References: Kohlschütter, Fankhauser & Nejdl (2010), "Boilerplate detection using
shallow text features", WSDM; Vogels, Ganea & Eickhoff (2018), "Web2Text: deep structured
boilerplate removal", ECIR (both treat repetition across pages of one site as the main
signal of boilerplate).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from .schema import TEXT_DTYPE, CorpusError, CorpusWarning, require_columns

__all__ = ["MIN_DOCS", "MIN_SHARE", "find_boilerplate", "remove_boilerplate", "restore_text"]

#: Default: a segment must occur in at least this many articles of one outlet.
MIN_DOCS = 5
#: Default: ... and in at least this share of the outlet's articles.
MIN_SHARE = 0.01
#: ``attrs`` key of the per-article report written by :func:`remove_boilerplate`.
REPORT_KEY = "boilerplate_removed"
_SEGMENTS = ("auto", "line", "sentence")
_LINE = r"[^\n]+\n?|\n"
_SENTENCE = r"[^\n]*?[.!?…]+[\"'”’)\]]*(?:[ \t]+|\n|$)|[^\n]+\n?|\n"
_ALL = "<all>"
_NULL = "\x00<missing>"
_MAX_LISTED = 8


def _normalise(expr: pl.Expr) -> pl.Expr:
    """The matching key of a segment (see the module's rule)."""
    return (
        expr.str.strip_chars()
        .str.to_lowercase()
        .str.replace_all(r"\d+", "#")
        .str.replace_all(r"\s+", " ")
    )


def _check_options(by: str | None, segment: str) -> None:
    if by is not None and not isinstance(by, str):
        raise TypeError(f"by must be a column name or None, got {by!r}")
    if segment not in _SEGMENTS:
        raise ValueError(f"segment must be one of {_SEGMENTS}, got {segment!r}")


def _frame(corpus: pd.DataFrame, by: str | None, origin: str) -> pl.DataFrame:
    """doc position, outlet label and text of every article as a polars frame."""
    require_columns(corpus, ("doc_id", "text", *([by] if by else [])), origin=origin)
    text = corpus["text"]
    bad = text.map(lambda v: not isinstance(v, str), na_action="ignore").fillna(True).astype(bool)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise CorpusError(
            f"{origin}: row {pos} (doc_id {corpus['doc_id'].iloc[pos]!r}), field 'text': "
            f"not a text ({text.iloc[pos]!r}); every article needs a string text"
        )
    group = (corpus[by].astype(object).where(corpus[by].notna(), _NULL).astype(str).tolist()
             if by else [_ALL] * len(corpus))
    return pl.DataFrame(
        {"doc": np.arange(len(corpus), dtype=np.int64), "group": group,
         "text": text.astype(object).tolist()},
        schema={"doc": pl.Int64, "group": pl.String, "text": pl.String},
    )


def _segments(frame: pl.DataFrame, segment: str) -> pl.DataFrame:
    """One row per segment (doc, group, seg with its separator, key), in text order."""
    if segment == "line":
        split = pl.col("text").str.extract_all(_LINE)
    elif segment == "sentence":
        split = pl.col("text").str.extract_all(_SENTENCE)
    else:
        split = (pl.when(pl.col("text").str.contains("\n", literal=True))
                 .then(pl.col("text").str.extract_all(_LINE))
                 .otherwise(pl.col("text").str.extract_all(_SENTENCE)))
    return (
        frame.select("doc", "group", split.alias("seg"))
        .explode("seg")
        .drop_nulls("seg")
        .with_columns(_normalise(pl.col("seg")).alias("key"))
    )


def find_boilerplate(
    corpus: pd.DataFrame,
    *,
    by: str | None = "source",
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    segment: str = "auto",
) -> pd.DataFrame:
    """Find segments (lines) that an outlet repeats across many of its articles.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (it is not modified).
    by : str or None, default "source"
        The column whose values are the outlets; ``None`` treats the whole corpus as one.
    min_docs : int, default :data:`MIN_DOCS` (5)
        A segment must occur in at least this many articles of the outlet.
    min_share : float, default :data:`MIN_SHARE` (0.01)
        ... and in at least this share of the outlet's articles (0 to 1).
    segment : {"auto", "line", "sentence"}, default "auto"
        ``"line"``: segments are lines; ``"sentence"``: sentences (cut also inside
        lines); ``"auto"``: lines, and sentences in texts that have no newline.

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, repeated segment), most widespread first within each
        outlet: the ``by`` column (absent when ``by=None``), ``segment`` (the normalised
        segment, the key that :func:`remove_boilerplate` matches), ``example`` (one
        occurrence as written), ``n_docs`` (articles of the outlet containing it),
        ``outlet_docs`` (articles of the outlet), ``share`` (``n_docs / outlet_docs``),
        ``n_occurrences`` (all occurrences, several per article possible) and
        ``example_doc_id`` (the first article containing it).

    Raises
    ------
    CorpusError
        If ``doc_id``, ``text`` or the ``by`` column is missing, or a text is not a string.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.boilerplate import find_boilerplate
    >>> corpus = toolkit.load_demo()
    >>> promo = "\\n\\nSign up for our morning newsletter."
    >>> gazette = corpus["source"] == corpus["source"].iloc[0]
    >>> corpus.loc[gazette, "text"] = corpus.loc[gazette, "text"] + promo
    >>> found = find_boilerplate(corpus)
    >>> found[["segment", "n_docs", "share"]].to_dict("records")
    [{'segment': 'sign up for our morning newsletter.', 'n_docs': 14, 'share': 1.0}]
    """
    _check_options(by, segment)
    if int(min_docs) < 1:
        raise ValueError(f"min_docs must be at least 1, got {min_docs!r}")
    if not 0 <= float(min_share) <= 1:
        raise ValueError(f"min_share must be between 0 and 1, got {min_share!r}")
    frame = _frame(corpus, by, "find_boilerplate")
    sizes = frame.group_by("group").agg(pl.len().alias("outlet_docs"))
    segs = _segments(frame, segment).filter(pl.col("key").str.len_chars() > 0)
    found = (
        segs.group_by("group", "key")
        .agg(
            pl.col("doc").n_unique().alias("n_docs"),
            pl.len().alias("n_occurrences"),
            pl.col("doc").min().alias("first_doc"),
            pl.col("seg").first().str.strip_chars().alias("example"),
        )
        .filter(pl.col("n_docs") >= int(min_docs))
        .join(sizes, on="group")
        .with_columns((pl.col("n_docs") / pl.col("outlet_docs")).alias("share"))
        .filter(pl.col("share") >= float(min_share))
        .sort(["group", "n_docs", "key"], descending=[False, True, False])
    )
    ids = corpus["doc_id"].astype(str).to_numpy()
    out = pd.DataFrame({
        "group": found["group"].to_list(),
        "segment": pd.array(found["key"].to_list(), dtype=TEXT_DTYPE),
        "example": pd.array(found["example"].to_list(), dtype=TEXT_DTYPE),
        "n_docs": found["n_docs"].to_numpy().astype(np.int64),
        "outlet_docs": found["outlet_docs"].to_numpy().astype(np.int64),
        "share": found["share"].to_numpy().astype(float),
        "n_occurrences": found["n_occurrences"].to_numpy().astype(np.int64),
        "example_doc_id": pd.array(ids[found["first_doc"].to_numpy()], dtype=TEXT_DTYPE),
    })
    if by is None:
        return out.drop(columns="group")
    labels = out["group"].where(out["group"] != _NULL, None)
    out = out.rename(columns={"group": by})
    out[by] = pd.array(labels.tolist(), dtype=TEXT_DTYPE)
    return out


def remove_boilerplate(
    corpus: pd.DataFrame,
    boilerplate: pd.DataFrame | None = None,
    *,
    by: str | None = "source",
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    segment: str = "auto",
) -> pd.DataFrame:
    """Remove boilerplate segments from ``text``, keeping the original in ``text_raw``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (it is not modified).
    boilerplate : pandas.DataFrame, optional
        The segments to remove: the output of :func:`find_boilerplate`, possibly
        filtered, or any table with a ``segment`` column (text as written or
        normalised; it is normalised again) and, optionally, the ``by`` column (the
        outlet it belongs to; without it every segment is removed from every outlet). By
        default :func:`find_boilerplate` is run with ``by``, ``min_docs``, ``min_share``
        and ``segment``.
    by : str or None, default "source"
        The outlet column (see :func:`find_boilerplate`).
    min_docs, min_share, segment
        Passed to :func:`find_boilerplate` when ``boilerplate`` is not given; ``segment`` also
        decides how texts are cut into segments for matching.

    Returns
    -------
    pandas.DataFrame
        A new corpus (same rows, order and index) in which every segment whose
        normalised form is listed for the article's outlet is removed from ``text``.
        Blank lines left behind are collapsed (at most one empty line in a row) and the
        text is stripped. ``text_raw`` holds the text as it was (if the corpus already has
        ``text_raw``, e.g. from cleaning at load time, it is kept: it holds the older
        original). ``attrs["boilerplate_removed"]`` reports every changed article as
        columns (a dict of equal-length lists; ``pd.DataFrame(corpus.attrs[
        "boilerplate_removed"])`` shows it as a table): ``doc_id``, ``segments`` (segments
        removed), ``chars`` (characters removed) and ``emptied`` (True when *every*
        segment was boilerplate: such an article keeps its text unchanged and is named in
        a :class:`~toolkit.schema.CorpusWarning`). Reports of earlier calls are extended.
        Undo with :func:`restore_text`.

    Raises
    ------
    CorpusError
        If a needed column is missing, ``doc_id`` is not unique or a text is not a string.

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit
    >>> from toolkit.boilerplate import remove_boilerplate, restore_text
    >>> corpus = toolkit.load_demo()
    >>> gazette = corpus["source"] == corpus["source"].iloc[0]
    >>> corpus.loc[gazette, "text"] = "Advertisement\\n" + corpus.loc[gazette, "text"]
    >>> clean = remove_boilerplate(corpus)
    >>> int(clean["text"].str.contains("Advertisement").sum())
    0
    >>> report = pd.DataFrame(clean.attrs["boilerplate_removed"])
    >>> len(report), int(report["segments"].sum()), int(report["chars"].iloc[0])
    (14, 14, 14)
    >>> restore_text(clean)["text"].equals(corpus["text"])
    True
    """
    _check_options(by, segment)
    frame = _frame(corpus, by, "remove_boilerplate")
    if not corpus["doc_id"].is_unique:
        dup = corpus.loc[corpus["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise CorpusError(f"remove_boilerplate: doc_id values are not unique, e.g. {dup!r}")
    if boilerplate is None:
        boilerplate = find_boilerplate(corpus, by=by, min_docs=min_docs, min_share=min_share,
                                       segment=segment)
    table = _boilerplate_keys(boilerplate, by)
    out = corpus.copy()
    out.attrs = dict(corpus.attrs)
    segs = _segments(frame, segment)
    if "group" in table.columns:
        flagged = segs.join(table, on=["group", "key"], how="left")
    else:
        flagged = segs.join(table, on="key", how="left")
    flagged = flagged.with_columns(
        pl.col("hit").fill_null(False) & (pl.col("key").str.len_chars() > 0))
    changed = (
        flagged.group_by("doc", maintain_order=True)
        .agg(
            pl.col("hit").sum().alias("segments"),
            (~pl.col("hit") & (pl.col("key").str.len_chars() > 0)).sum().alias("kept"),
            pl.col("seg").filter(~pl.col("hit")).str.join("").alias("new"),
        )
        .filter(pl.col("segments") > 0)
        .with_columns(
            pl.col("new").str.replace_all(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+", "\n\n").str.strip_chars()
        )
        .sort("doc")
    )
    docs = changed["doc"].to_numpy()
    emptied = (changed["kept"] == 0).to_numpy()
    ids = corpus["doc_id"].astype(str).to_numpy()
    before = corpus["text"].to_numpy(dtype=object)
    new_text = np.array(changed["new"].to_list(), dtype=object)
    new_text[emptied] = before[docs[emptied]]
    if len(docs):
        text = before.copy()
        text[docs] = new_text
        changed_mask = np.zeros(len(corpus), dtype=bool)
        changed_mask[docs[~emptied]] = True
        raw = corpus["text"]
        if "text_raw" in corpus.columns:
            out["text_raw"] = corpus["text_raw"].where(
                corpus["text_raw"].notna() | ~changed_mask, raw)
        else:
            out["text_raw"] = raw
        out["text"] = pd.Series(text, index=corpus.index, dtype=corpus["text"].dtype)
    lengths_before = np.fromiter((len(before[d]) for d in docs), dtype=np.int64, count=len(docs))
    lengths_after = np.fromiter((len(t) for t in new_text), dtype=np.int64, count=len(docs))
    old = corpus.attrs.get(REPORT_KEY) or {"doc_id": [], "segments": [], "chars": [], "emptied": []}
    out.attrs[REPORT_KEY] = {
        "doc_id": [*old["doc_id"], *ids[docs].tolist()],
        "segments": [*old["segments"], *changed["segments"].to_list()],
        "chars": [*old["chars"], *(lengths_before - lengths_after).tolist()],
        "emptied": [*old["emptied"], *emptied.tolist()],
    }
    if emptied.any():
        names = ids[docs[emptied]].tolist()
        listed = ", ".join(map(repr, names[:_MAX_LISTED]))
        more = f" and {len(names) - _MAX_LISTED} more" if len(names) > _MAX_LISTED else ""
        warnings.warn(
            f"remove_boilerplate: {len(names)} article(s) consist only of boilerplate and were "
            f"left unchanged (an article's text cannot be empty): doc_id {listed}{more}. They "
            f"are marked emptied=True in attrs['{REPORT_KEY}']; drop them if they are not "
            "articles.",
            CorpusWarning,
            stacklevel=2,
        )
    return out


def _boilerplate_keys(boilerplate: Any, by: str | None) -> pl.DataFrame:
    """The (group, key) pairs (or keys alone) to remove, with a ``hit`` column."""
    if not isinstance(boilerplate, pd.DataFrame):
        raise TypeError("boilerplate must be a DataFrame such as find_boilerplate() returns")
    require_columns(boilerplate, ("segment",), origin="remove_boilerplate(boilerplate=...)")
    seg = boilerplate["segment"]
    if seg.isna().any():
        pos = int(np.flatnonzero(seg.isna().to_numpy())[0])
        raise CorpusError(f"remove_boilerplate(boilerplate=...): row {pos}, field 'segment' is missing")
    data: dict[str, Any] = {"key": seg.astype(str).tolist()}
    if by is not None and by in boilerplate.columns:
        col = boilerplate[by]
        data["group"] = col.astype(object).where(col.notna(), _NULL).astype(str).tolist()
    table = pl.DataFrame(data, schema={k: pl.String for k in data})
    return (table.with_columns(_normalise(pl.col("key")).alias("key"))
            .filter(pl.col("key").str.len_chars() > 0)
            .unique().with_columns(pl.lit(True).alias("hit")))


def restore_text(corpus: pd.DataFrame, *, clean_html: bool = False) -> pd.DataFrame:
    """Undo :func:`remove_boilerplate`: put back the text of every article it changed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus returned by :func:`remove_boilerplate` (it is not modified).
    clean_html : bool, default False
        ``text_raw`` may hold the text as *read* (before cleaning at load time); it is
        normalised again with :func:`toolkit.clean.normalize_text` (NFC, ``\\n``
        newlines), and with HTML removed if ``clean_html=True`` -- pass what you passed to
        ``load_corpus``.

    Returns
    -------
    pandas.DataFrame
        A copy whose ``text`` is restored for the articles listed in
        ``attrs["boilerplate_removed"]``; that entry is removed, ``text_raw`` is kept.

    Raises
    ------
    CorpusError
        If the corpus has no ``text_raw`` column or no boilerplate report.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.boilerplate import remove_boilerplate, restore_text
    >>> corpus = toolkit.load_demo()
    >>> corpus["text"] = "Advertisement\\n" + corpus["text"]
    >>> clean = remove_boilerplate(corpus, by=None)
    >>> restored = restore_text(clean)
    >>> restored["text"].equals(corpus["text"]), "boilerplate_removed" in restored.attrs
    (True, False)
    """
    from .clean import normalize_text

    report = corpus.attrs.get(REPORT_KEY)
    if not report or "text_raw" not in corpus.columns:
        raise CorpusError(
            "restore_text: this corpus has no boilerplate report or no 'text_raw' column; "
            "it was not made by remove_boilerplate (or its attrs were lost)")
    out = corpus.copy()
    out.attrs = {k: v for k, v in corpus.attrs.items() if k != REPORT_KEY}
    mask = corpus["doc_id"].astype(str).isin(set(report["doc_id"])).to_numpy() & corpus["text_raw"].notna().to_numpy()
    if mask.any():
        restored = normalize_text(corpus.loc[mask, "text_raw"].astype(corpus["text"].dtype),
                                  clean_html=clean_html)
        out.loc[mask, "text"] = restored
    return out
