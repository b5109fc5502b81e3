"""Frame scoring: count a lexicon's frames in documents or sentences, and their prevalence.

A *frame* here is a named list of patterns from a framing dictionary (see
:mod:`toolkit.lexicon`). Scoring a corpus gives, for every unit (article or sentence)
and frame, the number of matches and whether the frame is present. From the scores,
:func:`frame_prevalence` computes the share of units with each frame per outlet (and
per period) with a confidence interval, and :func:`frame_shares` the share of mentions
that each of several competing frames (e.g. the names of the war) receives.

How a frame is counted
----------------------
1. Every pattern of the lexicon is matched once over the whole token index (the same
   semantics as :func:`toolkit.patterns.match_positions`: phrases match across
   punctuation and line breaks, never across documents).
2. A match that lies entirely inside a match of one of the frame's ``exclude`` phrases
   is dropped (``retreat`` inside ``no retreat from``).
3. Overlapping matches of the same frame count once (``humiliating retreat`` and
   ``retreat`` matched at the same place are one mention; ``talks, talks`` is two).
4. Matches are summed per unit with :func:`numpy.bincount`.

Everything is vectorised over the token array; the index is built once per corpus and
cached (:func:`toolkit.index.index_tokens`).
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from .counts import as_columns
from .display import ConcordanceFrame
from .index import TokenIndex, _fingerprint, index_tokens
from .lexicon import Frame, Lexicon, load_lexicon
from .patterns import Pattern, match_many
from .tokenize import token_spans

MIN_BOOTSTRAP_DOCS = 10
"""Below this many articles in a group, ``frame_prevalence(ci="bootstrap")`` warns."""

Unit = Literal["document", "sentence"]
UNITS: tuple[str, ...] = ("document", "sentence")
"""The units a corpus can be scored in."""

PER = 1_000
"""Frame rates are given per this many words."""

META_COLUMNS: tuple[str, ...] = ("doc_id", "sentence", "source", "date")
"""Unit metadata kept in :func:`frame_scores` output when present."""


# ---------------------------------------------------------------------- matching


@dataclass
class _Hits:
    """The matches of one frame: one entry per pattern match, sorted by start."""

    start: np.ndarray  # first token (global position)
    end: np.ndarray  # last token (inclusive)
    pattern: np.ndarray  # index into frame.patterns
    excluded: np.ndarray  # inside an exclusion match
    counted: np.ndarray  # first match of a counted mention (non-excluded, non-overlapping)


def _frame_hits(
    frame: Frame, pattern_starts: list[np.ndarray], exclude_starts: list[np.ndarray]
) -> _Hits:
    lengths = [len(p.elements) for p in frame.parsed_patterns]
    start = np.concatenate([np.zeros(0, np.int64), *pattern_starts])
    end = np.concatenate(
        [np.zeros(0, np.int64)] + [s + (n - 1) for s, n in zip(pattern_starts, lengths, strict=True)]
    )
    pat = np.concatenate(
        [np.zeros(0, np.int64)]
        + [np.full(len(s), i, dtype=np.int64) for i, s in enumerate(pattern_starts)]
    )
    order = np.lexsort((-end, start))  # by start, the longest match first
    start, end, pat = start[order], end[order], pat[order]
    excluded = np.zeros(len(start), dtype=bool)
    for xp, xs in zip(frame.parsed_exclude, exclude_starts, strict=True):
        if not len(xs) or not len(start):
            continue
        span = len(xp.elements) - 1
        # all matches of one exclusion have the same length, so the latest exclusion
        # starting at or before a match is the one reaching furthest right
        j = np.searchsorted(xs, start, side="right") - 1
        ok = j >= 0
        inside = np.zeros(len(start), dtype=bool)
        inside[ok] = xs[j[ok]] + span >= end[ok]
        excluded |= inside
    counted = np.zeros(len(start), dtype=bool)
    keep = np.flatnonzero(~excluded)
    if len(keep):
        s, e = start[keep], end[keep]
        reach = np.maximum.accumulate(e)
        new = np.ones(len(keep), dtype=bool)
        new[1:] = s[1:] > reach[:-1]
        counted[keep[new]] = True
    return _Hits(start, end, pat, excluded, counted)


def _all_hits(index: TokenIndex, lexicon: Lexicon) -> dict[str, _Hits]:
    pats: list[Pattern] = []
    slices = {}
    for f in lexicon:
        a = len(pats)
        pats.extend(f.parsed_patterns)
        b = len(pats)
        pats.extend(f.parsed_exclude)
        slices[f.name] = (a, b, len(pats))
    starts = match_many(index, pats)
    return {
        f.name: _frame_hits(f, starts[a:b], starts[b:c])
        for f, (a, b, c) in zip(lexicon, slices.values(), strict=True)
    }


# ------------------------------------------------------------------------ units

_SENTENCE_CACHE: dict[int, tuple[weakref.ref, tuple, pd.DataFrame]] = {}


def sentence_units(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentence table of a corpus, split once and cached with the corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.

    Returns
    -------
    pandas.DataFrame
        :func:`toolkit.sentences.sentences` output: one row per sentence with
        ``doc_id`` (the article's, so it repeats), ``sentence`` (number within the
        article; ``doc_id`` + ``sentence`` is the unique key), ``text`` and metadata.
    """
    from .sentences import sentences

    key = id(corpus)
    fp = _fingerprint(corpus)
    hit = _SENTENCE_CACHE.get(key)
    if hit is not None and hit[0]() is corpus and hit[1] == fp:
        table, doc_pos = hit[2], hit[3]
        # the texts are unchanged; metadata may have been edited in place: refresh it
        meta = corpus.drop(columns=[c for c in ("text", "text_raw") if c in corpus.columns])
        for col in meta.columns:
            if col in table.columns:
                table[col] = meta[col].to_numpy()[doc_pos]
        return table
    table = sentences(corpus)
    doc_pos = pd.Index(corpus["doc_id"]).get_indexer(table["doc_id"])
    ref = weakref.ref(corpus, lambda _r, k=key: _SENTENCE_CACHE.pop(k, None))
    _SENTENCE_CACHE[key] = (ref, fp, table, doc_pos)
    return table


def _unit_index(corpus: pd.DataFrame | TokenIndex, unit: str) -> TokenIndex:
    if unit not in UNITS:
        raise ValueError(f"unit must be 'document' or 'sentence', got {unit!r}")
    if unit == "sentence":
        if isinstance(corpus, TokenIndex):
            raise TypeError("sentence units need the corpus DataFrame, not a TokenIndex")
        return index_tokens(sentence_units(corpus))
    return index_tokens(corpus)


def _lexicon_attrs(lexicon: Lexicon) -> dict:
    return {
        "lexicon": lexicon.name,
        "frame_labels": lexicon.labels,
        "frame_groups": {f.name: f.group for f in lexicon},
    }


# ----------------------------------------------------------------------- scoring


def frame_scores(
    corpus: pd.DataFrame | TokenIndex,
    lexicon: Lexicon | str,
    unit: Unit = "document",
    *,
    frames: str | Sequence[str] | None = None,
    meta: str | Sequence[str] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Count every frame of a lexicon in every document (or sentence).

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus (see :mod:`toolkit.schema`); its token index is built once and cached.
        A :class:`~toolkit.index.TokenIndex` is accepted for document units.
    lexicon : Lexicon or str
        A lexicon, or a bundled lexicon name / YAML path (see
        :func:`toolkit.lexicon.load_lexicon`).
    unit : {"document", "sentence"}, default "document"
        Score articles, or each sentence (split with :func:`toolkit.sentences.sentences`,
        cached with the corpus).
    frames : str or sequence of str, optional
        Only these frames (names, or one group name such as ``"war_name"``).
    meta : str or sequence of str, optional
        Extra metadata columns of the corpus to keep (e.g. ``"event_id"``).
    min_count : int, default 1
        A frame is ``present`` in a unit with at least this many matches.

    Returns
    -------
    pandas.DataFrame
        One row per unit and frame (units in corpus order, frames in lexicon order):
        ``doc_id``, ``sentence`` (sentence units only), ``source`` and ``date`` (when in
        the corpus), any ``meta`` columns, ``tokens`` (words in the unit), ``frame``
        (categorical, lexicon order), ``count`` (matches after exclusions; overlapping
        matches of one frame count once) and ``present`` (``count >= min_count``).
        ``attrs`` records the lexicon name, unit, frame labels and groups.

    Examples
    --------
    >>> scores = frame_scores(corpus, "war_framing")
    >>> scores.pivot(index="doc_id", columns="frame", values="count")
    """
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    index = _unit_index(corpus, unit)
    hits = _all_hits(index, lex)
    n_units, n_frames = index.n_docs, len(lex)
    counts = np.zeros((n_units, n_frames), dtype=np.int64)
    for j, f in enumerate(lex):
        h = hits[f.name]
        doc = index.doc_of(h.start[h.counted])
        counts[:, j] = np.bincount(doc, minlength=n_units)
    return _scores_frame(index, lex, counts, unit, meta, min_count)


def _scores_frame(
    index: TokenIndex,
    lex: Lexicon,
    counts: np.ndarray,
    unit: str,
    meta: str | Sequence[str] | None,
    min_count: int,
) -> pd.DataFrame:
    n_units, n_frames = counts.shape
    m = index.meta
    keep = [c for c in META_COLUMNS if c in m.columns and (c != "sentence" or unit == "sentence")]
    extra = as_columns(meta)
    missing = [c for c in extra if c not in m.columns]
    if missing:
        raise KeyError(f"meta columns {missing} not in the corpus (columns: {list(m.columns)})")
    keep += [c for c in extra if c not in keep]
    rows = np.repeat(np.arange(n_units), n_frames)
    out = pd.DataFrame({c: m[c].take(rows).reset_index(drop=True) for c in keep})
    out["tokens"] = np.repeat(index.doc_lengths, n_frames)
    out["frame"] = pd.Categorical.from_codes(
        np.tile(np.arange(n_frames), n_units), categories=lex.frame_names
    )
    out["count"] = counts.ravel()
    out["present"] = out["count"].to_numpy() >= min_count
    out.attrs.update(_lexicon_attrs(lex), unit=unit, min_count=min_count)
    return out


def frame_matches(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str,
    frames: str | Sequence[str] | None = None,
    *,
    window: int = 8,
    excluded: bool = False,
    n: int | None = None,
    seed: int = 0,
) -> ConcordanceFrame:
    """Every counted match of a frame, in context, for reading and checking.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
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
    """
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    index = index_tokens(corpus)
    hits = _all_hits(index, lex)
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
    hits_df["doc"] = index.doc_of(hits_df["tok0"].to_numpy(dtype=np.int64))
    hits_df = hits_df.sort_values(["doc", "tok0", "frame"], kind="stable").reset_index(drop=True)
    wanted = np.unique(hits_df["doc"].to_numpy())
    texts = dict(zip(wanted.tolist(), corpus["text"].iloc[wanted].tolist(), strict=True))
    rows = []
    for d, sub in hits_df.groupby("doc", sort=True):
        text = texts[d]
        spans = token_spans(text, int(sub["tok1"].max() - index.offsets[d]) + window)
        base = index.offsets[d]
        for t0, t1 in zip(sub["tok0"].to_numpy() - base, sub["tok1"].to_numpy() - base, strict=True):
            cs, ce = int(spans[t0, 0]), int(spans[t1, 1])
            lo, hi = max(t0 - window, 0), min(t1 + window, len(spans) - 1)
            ls = int(spans[lo, 0]) if lo < t0 else cs
            re_ = int(spans[hi, 1]) if hi > t1 else ce
            rows.append((text[ls:cs], text[cs:ce], text[ce:re_], cs, ce, int(t0)))
    ctx = pd.DataFrame(rows, columns=["left", "match", "right", "start", "end", "position"])
    meta_cols = [c for c in ("doc_id", "source", "date", "title") if c in index.meta.columns]
    meta = index.meta.iloc[hits_df["doc"].to_numpy()][meta_cols].reset_index(drop=True)
    out = pd.concat(
        [meta, hits_df[["frame", "pattern"]], ctx, hits_df[["excluded"]]], axis=1
    )
    for col in ("frame", "pattern", "left", "match", "right"):
        out[col] = out[col].astype("str")
    out["excluded"] = out["excluded"].astype(bool)
    result = ConcordanceFrame(out)
    result.attrs.update(_lexicon_attrs(lex))
    return result


# ------------------------------------------------------------------- prevalence


def wilson_interval(
    k: np.ndarray | int, n: np.ndarray | int, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion ``k / n``.

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``p = k/n`` and ``z``
    the standard-normal quantile for ``level`` (Wilson 1927). Unlike the normal
    approximation it stays inside [0, 1] and behaves well for small ``n`` and shares
    near 0 or 1.

    Parameters
    ----------
    k : int or array of int
        Successes (units with the frame).
    n : int or array of int
        Trials (units); where ``n`` is 0 the interval is NaN.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds.
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    # exact bounds at the edges (the arithmetic leaves rounding error of ~1e-17 there)
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    return low, high


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    d = pd.to_datetime(dates)
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_convert("UTC").dt.tz_localize(None)
    return d.dt.to_period(freq).dt.start_time


def _check_scores(scores: pd.DataFrame, needed: Sequence[str], what: str) -> None:
    missing = [c for c in needed if c not in scores.columns]
    if missing:
        raise KeyError(
            f"{what} needs column(s) {missing} in the scores (columns: {list(scores.columns)}); "
            "pass the output of frame_scores (use meta=... to keep extra corpus columns)"
        )


def frame_prevalence(
    scores: pd.DataFrame,
    by: str | Sequence[str] | None = "source",
    *,
    ci: Literal["wilson", "bootstrap"] | None = "wilson",
    level: float = 0.95,
    freq: str | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    frames: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of units with each frame per group (and period), with confidence intervals.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores` (document or sentence units).
    by : str, list of str or None, default "source"
        Grouping column(s); None for the whole corpus. Units with a missing grouping
        value are left out.
    ci : {"wilson", "bootstrap"} or None, default "wilson"
        ``"wilson"``: Wilson score interval, treating units as independent.
        ``"bootstrap"``: percentile interval from ``n_boot`` resamples of *articles*
        within each group (all sentences of a drawn article go together, so it accounts
        for sentences of one article being alike); reproducible with ``seed``. Where
        the share is 0 or 1 the bootstrap has no spread, and the Wilson interval is
        given instead. None: no interval.
    level : float, default 0.95
        Confidence level.
    freq : str, optional
        Also group by period: a pandas period frequency (``"W"``, ``"M"``, ``"Q"``);
        needs a ``date`` column.
    n_boot : int, default 2000
        Bootstrap resamples.
    seed : int, default 0
        Seed of the bootstrap.
    frames : str or sequence of str, optional
        Only these frame names.

    Returns
    -------
    pandas.DataFrame
        One row per group (, period) and frame: the grouping columns, ``period`` (start
        of the period, with ``freq``), ``frame``, ``label``, ``n_units`` (units in the
        group), ``n_docs`` (articles), ``n_present`` (units with the frame), ``share``
        (``n_present / n_units``), ``ci_low``, ``ci_high``, ``count`` (matches),
        ``tokens`` (words) and ``per_1k`` (matches per 1,000 words).
    """
    if ci not in ("wilson", "bootstrap", None):
        raise ValueError(f"ci must be 'wilson', 'bootstrap' or None, got {ci!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    cols = as_columns(by)
    needed = [*cols, "frame", "count", "present", "tokens"]
    if freq is not None:
        needed.append("date")
    if ci == "bootstrap":
        needed.append("doc_id")
    _check_scores(scores, needed, "frame_prevalence")
    df = scores
    if frames is not None:
        df = df[df["frame"].astype(str).isin(_resolve_frames(scores, frames, None, None))]
    keys = list(cols)
    if freq is not None:
        df = df.assign(period=_period_start(df["date"], freq).to_numpy())
        keys.append("period")
    if keys and df[keys].isna().any(axis=None):
        gone = df.loc[df[keys].isna().any(axis=1), "doc_id"].unique() if "doc_id" in df else []
        warnings.warn(
            f"{len(gone)} unit(s) have no value in {keys} and are left out (e.g. doc_id "
            f"{list(gone[:5])})",
            UserWarning,
            stacklevel=2,
        )
        df = df.dropna(subset=keys)
    g = df.groupby([*keys, "frame"], sort=True, observed=True)
    agg = {
        "n_units": ("present", "size"),
        "n_present": ("present", "sum"),
        "count": ("count", "sum"),
        "tokens": ("tokens", "sum"),
    }
    if "doc_id" in df.columns:
        agg["n_docs"] = ("doc_id", "nunique")
    out = g.agg(**agg).reset_index()
    for c in ("n_units", "n_present", "count", "tokens", "n_docs"):
        if c in out.columns:
            out[c] = out[c].astype(np.int64)
    out["share"] = out["n_present"] / out["n_units"]
    if ci == "wilson":
        out["ci_low"], out["ci_high"] = wilson_interval(out["n_present"], out["n_units"], level)
    elif ci == "bootstrap":
        if "n_docs" in out.columns and (out["n_docs"] < MIN_BOOTSTRAP_DOCS).any():
            few = out.loc[out["n_docs"] < MIN_BOOTSTRAP_DOCS, keys].drop_duplicates()
            warnings.warn(
                f"{len(few)} group(s) have fewer than {MIN_BOOTSTRAP_DOCS} articles; a bootstrap "
                "over so few articles gives intervals that look more precise than they are",
                UserWarning,
                stacklevel=2,
            )
        low, high = _bootstrap(df, keys, out, level, n_boot, seed)
        # at a share of 0 or 1 every resample agrees and the percentile interval has no
        # width; the Wilson interval is used there instead
        edge = (out["n_present"] == 0) | (out["n_present"] == out["n_units"])
        w_low, w_high = wilson_interval(out["n_present"], out["n_units"], level)
        out["ci_low"] = np.where(edge, w_low, low)
        out["ci_high"] = np.where(edge, w_high, high)
    out["per_1k"] = out["count"] / out["tokens"].where(out["tokens"] > 0) * PER
    labels = scores.attrs.get("frame_labels", {})
    out.insert(len(keys) + 1, "label", out["frame"].astype(str).map(lambda f: labels.get(f, f)))
    out["label"] = out["label"].astype("str")
    order = [*keys, "frame", "label", "n_units", "n_docs", "n_present", "share"]
    order += [c for c in ("ci_low", "ci_high") if c in out.columns]
    order += ["count", "tokens", "per_1k"]
    out = out[[c for c in order if c in out.columns]]
    out.attrs.update(
        {k: v for k, v in scores.attrs.items() if k in ("lexicon", "frame_labels", "frame_groups", "unit")}
    )
    out.attrs.update(by=cols, ci=ci, level=level, freq=freq)
    return out


def _bootstrap(
    df: pd.DataFrame, keys: list[str], out: pd.DataFrame, level: float, n_boot: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap over articles within each group, for every frame at once."""
    frame_codes, frame_names = pd.factorize(df["frame"].astype(str), sort=False)
    n_frames = len(frame_names)
    if keys:
        gcodes, _ = pd.factorize(pd.MultiIndex.from_frame(df[keys]), sort=True)
    else:
        gcodes = np.zeros(len(df), dtype=np.int64)
    n_groups = int(gcodes.max()) + 1 if len(gcodes) else 0
    present = df["present"].to_numpy(dtype=np.int64)
    doc_ids = df["doc_id"].to_numpy()
    children = np.random.SeedSequence(seed).spawn(max(n_groups, 1))
    q = [(1 - level) / 2, (1 + level) / 2]
    result: dict[tuple, tuple[float, float]] = {}
    rows_by_group = pd.Series(np.arange(len(df))).groupby(gcodes).indices
    for gi in range(n_groups):
        rows = rows_by_group[gi]
        dcodes, _ = pd.factorize(doc_ids[rows])
        m = int(dcodes.max()) + 1
        fc = frame_codes[rows]
        flat = dcodes * n_frames + fc
        pres = np.bincount(flat, weights=present[rows], minlength=m * n_frames).reshape(m, n_frames)
        units = np.bincount(flat, minlength=m * n_frames).reshape(m, n_frames).astype(float)
        rng = np.random.default_rng(children[gi])
        boot = np.empty((n_boot, n_frames))
        step = max(1, 4_000_000 // m)
        for b0 in range(0, n_boot, step):
            b = min(step, n_boot - b0)
            draws = rng.integers(0, m, size=(b, m))
            w = np.bincount(
                (draws + (np.arange(b) * m)[:, None]).ravel(), minlength=b * m
            ).reshape(b, m).astype(float)
            with np.errstate(invalid="ignore", divide="ignore"):
                boot[b0 : b0 + b] = (w @ pres) / (w @ units)
        lo, hi = np.nanquantile(boot, q, axis=0)
        key = tuple(df[keys].iloc[rows[0]]) if keys else ()
        for j, name in enumerate(frame_names):
            result[(*key, name)] = (float(lo[j]), float(hi[j]))
    look = [(*tuple(r[:-1]), str(r[-1])) for r in out[[*keys, "frame"]].itertuples(index=False)]
    low = np.array([result.get(k, (np.nan, np.nan))[0] for k in look])
    high = np.array([result.get(k, (np.nan, np.nan))[1] for k in look])
    return low, high


# ------------------------------------------------------- competing frames (names)


def _resolve_frames(
    data: pd.DataFrame,
    frames: Sequence[str] | None,
    group: str | None,
    lexicon: Lexicon | str | None,
) -> list[str]:
    present = [str(f) for f in pd.unique(data["frame"].astype(str))]
    groups = data.attrs.get("frame_groups") or {}
    if frames is not None:
        # each name is a frame, or a group of frames (as in frame_scores); typos are errors
        chosen: list[str] = []
        for name in [frames] if isinstance(frames, str) else list(frames):
            if name in present:
                chosen.append(name)
            elif name in set(groups.values()):
                chosen += [f for f, g in groups.items() if g == name and f in present]
            else:
                raise ValueError(
                    f"no frame or frame group {name!r} in the data (frames: {present}; "
                    f"groups: {sorted(set(groups.values()) - {None})})"
                )
        return list(dict.fromkeys(chosen))
    if group is None:
        return present
    if groups:
        chosen = [f for f, g in groups.items() if g == group]
    elif lexicon is not None:
        chosen = load_lexicon(lexicon).groups.get(group, [])
    else:
        raise ValueError(
            f"cannot tell which frames are in group {group!r}: pass frames=[...] or lexicon=..."
        )
    chosen = [f for f in chosen if f in present]
    if not chosen:
        raise ValueError(f"no frame of group {group!r} in the data (frames: {present})")
    return chosen


def frame_shares(
    data: pd.DataFrame,
    by: str | Sequence[str] | None = "source",
    *,
    group: str | None = None,
    frames: Sequence[str] | None = None,
    lexicon: Lexicon | str | None = None,
) -> pd.DataFrame:
    """Share of mentions that each of several competing frames gets, per group.

    For the ``war_name`` frames, this answers "when outlet X names the war, how often
    does it call it a war, an invasion, a special military operation, a conflict or a
    crisis?".

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`frame_scores` or :func:`frame_prevalence` output (uses ``count``).
    by : str, list of str or None, default "source"
        Grouping column(s).
    group : str, optional
        A frame group of the lexicon (e.g. ``"war_name"``); frames are looked up in
        ``data.attrs`` or in ``lexicon``.
    frames : sequence of str, optional
        The competing frames (overrides ``group``); all frames by default.
    lexicon : Lexicon or str, optional
        Where to look the group up when ``data`` carries no lexicon information.

    Returns
    -------
    pandas.DataFrame
        One row per group and frame (frames in the order given): grouping columns,
        ``frame``, ``label``, ``count`` (mentions), ``total`` (mentions of all the
        frames in the group) and ``share`` (``count / total``; NaN when ``total`` is 0).
    """
    cols = as_columns(by)
    _check_scores(data, [*cols, "frame", "count"], "frame_shares")
    chosen = _resolve_frames(data, frames, group, lexicon)
    df = data[data["frame"].astype(str).isin(chosen)].copy()
    df["frame"] = pd.Categorical(df["frame"].astype(str), categories=chosen)
    if cols:
        out = df.groupby([*cols, "frame"], sort=True, observed=False)["count"].sum().reset_index()
        total = out.groupby(cols, sort=False, observed=True)["count"].transform("sum")
    else:
        out = df.groupby("frame", sort=True, observed=False)["count"].sum().reset_index()
        total = pd.Series(out["count"].sum(), index=out.index)
    out["count"] = out["count"].astype(np.int64)
    out["total"] = total.astype(np.int64)
    out["share"] = out["count"] / out["total"].where(out["total"] > 0)
    labels = data.attrs.get("frame_labels") or (
        load_lexicon(lexicon).labels if lexicon is not None else {}
    )
    out.insert(len(cols) + 1, "label", out["frame"].astype(str).map(lambda f: labels.get(f, f)))
    out["label"] = out["label"].astype("str")
    out.attrs.update({k: v for k, v in data.attrs.items() if k in ("lexicon", "frame_labels", "frame_groups")})
    out.attrs.update(by=cols, frames=chosen)
    return out


def dominant_frame(
    scores: pd.DataFrame,
    *,
    group: str | None = None,
    frames: Sequence[str] | None = None,
    lexicon: Lexicon | str | None = None,
) -> pd.DataFrame:
    """For each unit, the most frequent of several competing frames.

    Useful to compare with a single-label annotation (e.g. the name an article mainly
    uses for the war) with :func:`toolkit.validation.agreement`.

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`frame_scores` output.
    group, frames, lexicon
        Which frames compete, as in :func:`frame_shares`.

    Returns
    -------
    pandas.DataFrame
        One row per unit: unit metadata (``doc_id``, ``sentence``, ``source``, ``date``
        when present), ``frame`` (the frame with the most matches; ties go to the frame
        listed first; missing when none matches), ``count`` (its matches), ``total``
        (matches of all competing frames) and ``tied`` (another frame has as many).
    """
    _check_scores(scores, ["frame", "count"], "dominant_frame")
    chosen = _resolve_frames(scores, frames, group, lexicon)
    unit_cols = [c for c in ("doc_id", "sentence") if c in scores.columns]
    meta_cols = [c for c in META_COLUMNS if c in scores.columns]
    df = scores[scores["frame"].astype(str).isin(chosen)]
    wide = df.pivot_table(
        index=unit_cols, columns=df["frame"].astype(str), values="count",
        aggfunc="sum", sort=False, observed=True,
    ).reindex(columns=chosen, fill_value=0).fillna(0)
    values = wide.to_numpy(dtype=np.int64)
    best = values.argmax(axis=1)
    top = values[np.arange(len(values)), best]
    total = values.sum(axis=1)
    tied = (values == top[:, None]).sum(axis=1) > 1
    out = wide.index.to_frame(index=False)
    first_meta = df.drop_duplicates(unit_cols)[meta_cols]
    out = out.merge(first_meta, on=unit_cols, how="left")[meta_cols]
    out["frame"] = pd.Series(np.asarray(chosen, dtype=object)[best], dtype="str").where(top > 0)
    out["count"] = top
    out["total"] = total
    out["tied"] = tied & (top > 0)
    return out


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
    """
    unit_cols = [c for c in ("doc_id", "sentence") if c in scores.columns]
    wide = scores.pivot(index=unit_cols, columns="frame", values=value)
    wide.columns = [str(c) for c in wide.columns]
    order = scores[unit_cols].drop_duplicates()
    keys = order[unit_cols[0]] if len(unit_cols) == 1 else pd.MultiIndex.from_frame(order)
    return wide.reindex(keys)
