"""Frame scores: count a lexicon's frames in documents or sentences, and read the matches.

A *frame* here is a named list of patterns from a framing dictionary (see
:mod:`toolkit.lexicon`). :func:`frame_scores` gives, for every unit (article or
sentence) and frame, the number of mentions and whether the frame is present;
:func:`frame_matches` lists every mention as a keyword-in-context line to read and
check. How a mention is counted (exclusions, overlaps) is in :mod:`toolkit.matching`.

Related modules, one job each: prevalence with confidence intervals
(:mod:`toolkit.prevalence`, :mod:`toolkit.intervals`), competing frames such as the
names of the war (:mod:`toolkit.competing`), the shared lexicon scorer
(:mod:`toolkit.scoring`), sentence units (:meth:`toolkit.index.TokenIndex.sentence_view`)
and KWIC lines (:mod:`toolkit.kwic`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ._compat import keyword_only

# moved to their own modules; importable from here for code written for release 0.1
from .competing import dominant_frame, frame_shares  # noqa: E402,F401
from .display import ConcordanceFrame
from .index import UNITS, TokenIndex, index_tokens
from .intervals import wilson_interval  # noqa: E402,F401
from .kwic import LINE_COLUMNS, lines_from_tokens, with_meta
from .lexicon import Lexicon, load_lexicon
from .matching import _language_counts, _warn_language, frame_hits
from .prevalence import MIN_BOOTSTRAP_DOCS, frame_prevalence  # noqa: E402,F401
from .rates import RATE_BASE
from .scale.engine import is_lazy
from .scoring import META_COLUMNS, unit_table
from .tables import require_table

Unit = Literal["document", "sentence"]

__all__ = ["frame_scores", "frame_matches", "frame_table", "UNITS", "META_COLUMNS"]


def _lexicon_attrs(lexicon: Lexicon) -> dict:
    return {
        "lexicon": lexicon.name,
        "frame_labels": lexicon.labels,
        "frame_groups": {f.name: f.group for f in lexicon},
    }


@keyword_only(2, ("unit",))
def frame_scores(
    corpus: pd.DataFrame | TokenIndex,
    lexicon: Lexicon | str,
    *,
    unit: Unit = "document",
    frames: str | Sequence[str] | None = None,
    meta: str | Sequence[str] | None = None,
    min_count: int = 1,
    exclude_quotes: bool = False,
) -> pd.DataFrame:
    """Count every frame of a lexicon in every document (or sentence).

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus (see :mod:`toolkit.schema`); its token index is built once and cached.
        A :class:`~toolkit.index.TokenIndex` is accepted for document units.
        A lazy corpus (:func:`toolkit.open_corpus`) is scored partition by partition
        and gives the same table (:mod:`toolkit.scale.frames`).
    lexicon : Lexicon or str
        A lexicon, or a bundled lexicon name / YAML path (see
        :func:`toolkit.lexicon.load_lexicon`).
    unit : {"document", "sentence"}, default "document"
        Score articles, or each sentence (the sentence view of the token index,
        ``index_tokens(corpus, unit="sentence")``: split once, cached; a phrase never
        matches across a sentence end).
    frames : str or sequence of str, optional
        Only these frames (names, or one group name such as ``"war_name"``).
    meta : str or sequence of str, optional
        Extra metadata columns of the corpus to keep (e.g. ``"event_id"``).
    min_count : int, default 1
        A frame is ``present`` in a unit with at least this many matches, unless the
        lexicon gives the frame its own thresholds: ``min_matches`` (replaces
        ``min_count`` for that frame) and ``min_per_10k`` (the unit also needs that many
        matches per 10,000 of its words; see :mod:`toolkit.thresholds`).
    exclude_quotes : bool, default False
        Leave out matches inside reported speech in quotation marks (the quoted parts
        of direct and mixed attributions found by :func:`toolkit.attribution.quotes`),
        so the counts are the outlet's own words. Scare quotes and indirect speech
        stay counted (they are the outlet's wording). ``tokens`` is unchanged.

    Returns
    -------
    pandas.DataFrame
        One row per unit and frame (units in corpus order, frames in lexicon order):
        ``doc_id``, ``sentence`` (sentence units only), ``source`` and ``date`` (when in
        the corpus), any ``meta`` columns, ``tokens`` (words in the unit), ``frame``
        (categorical, lexicon order), ``count`` (matches after exclusions; overlapping
        matches of one frame count once) and ``present`` (``count >= min_count``, or the
        frame's own thresholds). ``attrs`` records the lexicon name, unit, frame labels
        and groups, ``min_count`` and the frames' ``thresholds``.

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> scores.columns.tolist()
    ['doc_id', 'source', 'date', 'tokens', 'frame', 'count', 'present']
    >>> wide = toolkit.frame_table(scores)   # one row per article, one column per frame
    >>> wide.shape
    (101, 15)
    """
    if is_lazy(corpus):
        from .scale.frames import lazy_frame_scores

        return lazy_frame_scores(corpus, lexicon, unit=unit, frames=frames, meta=meta,
                                 min_count=min_count, exclude_quotes=exclude_quotes)
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    out, _ = _frame_scores(corpus, lex, unit=unit, meta=meta, min_count=min_count,
                           exclude_quotes=exclude_quotes, warn=True)
    return out


def _frame_scores(
    corpus: pd.DataFrame | TokenIndex,
    lex: Lexicon,
    *,
    unit: Unit,
    meta: str | Sequence[str] | None,
    min_count: int,
    exclude_quotes: bool,
    warn: bool,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """:func:`frame_scores` of a loaded (and selected) lexicon, and the units per other
    language than the lexicon's (:func:`toolkit.matching.check_language`).

    With ``warn`` the language mismatch is warned about here, as :func:`frame_scores`
    does; without, only counted: a lazy corpus scores each partition so and warns once
    on the client with the merged counts (:mod:`toolkit.scale.frames`). Other warnings
    are given either way.
    """
    index = index_tokens(corpus, unit=unit)
    languages = _language_counts(index, lex)
    if warn:
        _warn_language(lex, languages, stacklevel=5)  # frame_scores's caller
    hits = frame_hits(index, lex)
    n_units, n_frames = index.n_docs, len(lex)
    counts = np.zeros((n_units, n_frames), dtype=np.int32)
    if exclude_quotes and not isinstance(corpus, pd.DataFrame):
        raise TypeError("frame_scores: exclude_quotes=True needs the corpus DataFrame, not an index")
    for j, f in enumerate(lex):
        h = hits[f.name]
        first = h.start[h.counted]
        if exclude_quotes and len(first):
            from .attribution import in_quoted_speech

            last = h.end[h.counted]
            cs, _ = index.token_offsets(first)
            _, ce = index.token_offsets(last)
            docs = index.unit_doc[index.doc_of(first)] if index.unit == "sentence" else index.doc_of(first)
            quoted, _ = in_quoted_speech(corpus, docs, cs, ce)
            first = first[~quoted]
        doc = index.doc_of(first)
        counts[:, j] = np.bincount(doc, minlength=n_units)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a whole number >= 1, got {min_count!r}")
    out = unit_table(
        index, lex.frame_names, {"count": counts}, category_column="frame", meta=meta
    )
    # per-frame thresholds of the lexicon (min_matches, min_per_10k) override min_count
    need = np.array([f.min_matches or min_count for f in lex], dtype=np.int64)
    rate = np.array([f.min_per_10k or 0.0 for f in lex], dtype=float)
    present = counts >= need
    if rate.any():
        tokens = index.doc_lengths.astype(float)[:, None]
        present &= counts.astype(float) * RATE_BASE >= rate * tokens
    out["present"] = present.ravel()
    thresholds = {
        f.name: {"min_matches": f.min_matches, "min_per_10k": f.min_per_10k}
        for f in lex if f.min_matches is not None or f.min_per_10k is not None
    }
    out.attrs.update(_lexicon_attrs(lex), unit=unit, min_count=min_count, thresholds=thresholds,
                     exclude_quotes=exclude_quotes)
    return out, languages


@keyword_only(2, ("frames",))
def frame_matches(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str,
    *,
    frames: str | Sequence[str] | None = None,
    window: int = 8,
    excluded: bool = False,
    n: int | None = None,
    seed: int = 0,
) -> ConcordanceFrame:
    """Every counted match of a frame, in context, for reading and checking.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus, or a lazy corpus (:func:`toolkit.open_corpus`: lines are found per
        partition and ``n`` drawn from all of them, the same lines as in memory).
    lexicon : Lexicon or str
        A lexicon or bundled lexicon name.
    frames : str or sequence of str, optional
        Frame names or a group name; all frames by default.
    window : int, default 8
        Words of context on each side.
    excluded : bool, default False
        Also list the matches dropped by an exclusion (``excluded`` is True for them),
        to check what the exclusions remove.
    n : int, optional
        Keep a random sample of ``n`` lines (with ``seed``).
    seed : int, default 0
        Random seed for sampling.

    Returns
    -------
    ConcordanceFrame
        One row per mention: ``doc_id``, ``source``, ``date``, ``title`` (when present),
        ``frame``, ``pattern`` (the lexicon pattern that matched), ``left``, ``match``,
        ``right`` (original text), ``start``/``end`` (character offsets in the text),
        ``position`` (token number in the document) and ``excluded``. Displays as KWIC
        lines in a notebook.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lines = toolkit.frame_matches(corpus, "war_framing", frames="euphemised_setback")
    >>> len(lines), lines["pattern"].value_counts().index[0]
    (50, 'regroup*')
    >>> lines.loc[0, ["doc_id", "pattern", "match"]].tolist()
    ['bor-e02', 'reduc* military activity', 'reduce military activity']
    """
    if is_lazy(corpus):
        from .scale.frames import lazy_frame_matches

        return lazy_frame_matches(corpus, lexicon, frames=frames, window=window, excluded=excluded,
                                  n=n, seed=seed)
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    out, _ = _frame_matches(corpus, lex, window=window, excluded=excluded, n=n, seed=seed, warn=True)
    return out


def _frame_matches(
    corpus: pd.DataFrame,
    lex: Lexicon,
    *,
    window: int,
    excluded: bool,
    n: int | None,
    seed: int,
    warn: bool,
) -> tuple[ConcordanceFrame, dict[str, int]]:
    """:func:`frame_matches` of a loaded (and selected) lexicon, and the articles per
    other language than the lexicon's; ``warn`` as in :func:`_frame_scores`."""
    index = index_tokens(corpus)
    languages = _language_counts(index, lex)
    if warn:
        _warn_language(lex, languages, stacklevel=5)  # frame_matches's caller
    hits = frame_hits(index, lex)
    parts = []
    for f in lex:
        h = hits[f.name]
        sel = h.counted | (h.excluded if excluded else False)
        if not sel.any():
            continue
        s, e, p = h.start[sel], h.end[sel], h.pattern[sel]
        parts.append(
            pd.DataFrame(
                {
                    "frame": f.name,
                    "pattern": np.asarray(f.patterns, dtype=object)[p],
                    "tok0": s,
                    "tok1": e,
                    "excluded": h.excluded[sel],
                }
            )
        )
    cols = ["frame", "pattern", "tok0", "tok1", "excluded"]
    hits_df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    if n is not None and len(hits_df) > n:
        rng = np.random.default_rng(seed)
        hits_df = hits_df.iloc[np.sort(rng.choice(len(hits_df), size=n, replace=False))]
    tok0 = hits_df["tok0"].to_numpy(dtype=np.int64)
    hits_df = hits_df.assign(doc=index.doc_of(tok0))
    hits_df = hits_df.sort_values(["doc", "tok0", "frame"], kind="stable").reset_index(drop=True)
    lines = lines_from_tokens(
        index, hits_df["tok0"].to_numpy(dtype=np.int64), hits_df["tok1"].to_numpy(dtype=np.int64),
        window=window,
    )
    lines = with_meta(index, lines)
    meta_cols = [c for c in lines.columns if c not in LINE_COLUMNS]
    out = pd.concat(
        [lines[meta_cols], hits_df[["frame", "pattern"]],
         lines[["left", "match", "right", "start", "end", "position"]], hits_df[["excluded"]]],
        axis=1,
    )
    for col in ("frame", "pattern"):
        out[col] = out[col].astype("str")
    out["excluded"] = out["excluded"].astype(bool)
    result = ConcordanceFrame(out)
    result.attrs.update(_lexicon_attrs(lex))
    return result, languages


def frame_table(scores: pd.DataFrame, value: str = "count") -> pd.DataFrame:
    """Scores as a wide table: one row per unit, one column per frame.

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`frame_scores` output.
    value : {"count", "present"}, default "count"
        Which value to spread.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (and ``sentence`` for sentence units), one column per frame in
        lexicon order.

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> wide = toolkit.frame_table(scores, value="present")
    >>> wide.shape, wide.columns[:3].tolist()
    ((101, 15), ['war', 'invasion', 'special_military_operation'])
    """
    require_table(scores, ["doc_id", "frame", value], "frame_table", "the table returned by frame_scores")
    unit_cols = [c for c in ("doc_id", "sentence") if c in scores.columns]
    wide = scores.pivot(index=unit_cols, columns="frame", values=value)
    wide.columns = [str(c) for c in wide.columns]
    order = scores[unit_cols].drop_duplicates()
    keys = order[unit_cols[0]] if len(unit_cols) == 1 else pd.MultiIndex.from_frame(order)
    return wide.reindex(keys)
