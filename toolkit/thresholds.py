"""Presence thresholds for lexicon frames, chosen by cross-validation on coded units.

By default a frame is ``present`` in a unit with one match. A frame whose words also
occur in passing (one ``invest*`` in a long article) may be better read as present
only from two matches, or from a rate. A lexicon frame may carry two optional fields
that :func:`toolkit.frames.frame_scores` applies:

* ``min_matches`` (int): matches the unit needs (replaces ``min_count`` for the frame);
* ``min_per_10k`` (float): matches per 10,000 words of the unit it also needs (the
  toolkit's one rate, :mod:`toolkit.rates`), so long articles need more matches.

Choosing a threshold
--------------------
:func:`tune_thresholds` takes frame scores and gold codes of **development** units
(keep a separate test set for the final :func:`toolkit.validation.validate_frames`)
and, per frame, tries every candidate rule: ``count >= k`` for ``k`` in the
``min_matches`` candidates, and ``count >= 1 and per_10k >= r`` for ``r`` in the
``min_per_10k`` candidates. The units are split into ``folds`` folds, stratified by the
gold code (positives spread evenly, fold assignment random with ``seed``). For each
fold the rule with the best ``metric`` on the other folds is chosen and scored on the
held-out fold: ``cv_mean`` and ``cv_sd`` are the mean and standard deviation (ddof=1)
of those held-out scores, an honest estimate of how well *choosing a threshold this
way* works on new units. The ``value`` reported is then the rule with the best metric
on all development units. Ties go to the simpler rule: ``min_matches`` before
``min_per_10k``, then the lower value (the default of one match wins a tie).

Metrics: ``"f1"`` (``2 tp / (2 tp + fp + fn)``), ``"kappa"`` (Cohen's kappa of the two
binary codings), ``"accuracy"``; a metric that is undefined on a fold (no positive
anywhere) counts as 0 when choosing and NaN when reported.

:func:`with_thresholds` writes the chosen rules into a new :class:`Lexicon` (a file is
never changed) and :func:`lexicon_yaml` gives that lexicon as YAML text to save under a
new name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import yaml

from .lexicon import Lexicon, load_lexicon
from .rates import RATE_BASE
from .schema import CorpusError
from .validation import _prepare, _rates

__all__ = ["tune_thresholds", "with_thresholds", "lexicon_yaml", "KINDS", "METRICS"]

KINDS: tuple[str, ...] = ("min_matches", "min_per_10k")
"""The two kinds of per-frame threshold a lexicon frame may carry."""

METRICS: tuple[str, ...] = ("f1", "kappa", "accuracy")
"""Metrics :func:`tune_thresholds` can maximise."""

_DEFAULT_MATCHES = (1, 2, 3, 4, 5)


def _unit_counts(scores: pd.DataFrame) -> pd.DataFrame:
    """Matches and words per article and frame (sentence scores summed per article)."""
    if "tokens" not in scores.columns:
        raise CorpusError("tune_thresholds needs the 'tokens' column of frame_scores output")
    df = scores.assign(frame=scores["frame"].astype(str), doc_id=scores["doc_id"].astype(object))
    return (
        df.groupby(["doc_id", "frame"], sort=False, observed=True)
        .agg(count=("count", "sum"), tokens=("tokens", "sum"))
        .reset_index()
    )


def _candidates(candidates, counts: np.ndarray, rates: np.ndarray) -> list[tuple[str, float]]:
    if candidates is None:
        pos = rates[counts > 0]
        qs = np.unique(np.round(np.quantile(pos, np.linspace(0, 0.9, 10)), 1)) if len(pos) else []
        candidates = {"min_matches": _DEFAULT_MATCHES, "min_per_10k": [r for r in qs if r > 0]}
    if not isinstance(candidates, Mapping):
        raise ValueError('candidates must be a mapping {"min_matches": [...], "min_per_10k": [...]}')
    unknown = [k for k in candidates if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown threshold kind(s) {unknown}; use {list(KINDS)}")
    out: list[tuple[str, float]] = []
    for kind in KINDS:
        values = sorted({float(v) for v in candidates.get(kind, ())})
        if kind == "min_matches" and any(v < 1 or v != int(v) for v in values):
            raise ValueError("min_matches candidates must be whole numbers >= 1")
        if kind == "min_per_10k" and any(not v >= 0 for v in values):
            raise ValueError("min_per_10k candidates must be numbers >= 0")
        out += [(kind, v) for v in values]
    if not out:
        raise ValueError("no candidate threshold to try")
    return out


def _metric(metric: str, tp, fp, fn, tn) -> np.ndarray:
    _, _, f1, accuracy, kappa = _rates(tp, fp, fn, tn)
    return {"f1": f1, "kappa": kappa, "accuracy": accuracy}[metric]


def _folds(gold: np.ndarray, folds: int, rng: np.random.Generator) -> np.ndarray:
    """Fold of each unit, stratified by the gold code."""
    out = np.empty(len(gold), dtype=np.int64)
    start = int(rng.integers(folds))
    for value in (True, False):
        idx = np.flatnonzero(gold == value)
        idx = idx[rng.permutation(len(idx))]
        out[idx] = (start + np.arange(len(idx))) % folds
        start = (start + len(idx)) % folds
    return out


def tune_thresholds(
    scores: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    frames: str | Sequence[str] | None = None,
    candidates: Mapping[str, Sequence[float]] | None = None,
    folds: int = 5,
    seed: int = 0,
    metric: str = "f1",
    mapping: Mapping[str, tuple] | None = None,
) -> pd.DataFrame:
    """Choose each frame's presence threshold by k-fold cross-validation on coded units.

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`toolkit.frames.frame_scores` output for the development units (sentence
        scores are summed per article).
    gold : pandas.DataFrame
        Gold codes of the **development** units only: the long form ``unit_id`` (or
        ``doc_id``), ``frame``, ``code`` (0/1, True/False, yes/no), or one row per
        article read through ``mapping`` (as in
        :func:`toolkit.validation.validate_frames`).
    frames : str or sequence of str, optional
        Long-form gold: the frames to tune (default: every coded frame in the scores).
    candidates : mapping, optional
        Rules to try, ``{"min_matches": [1, 2, 3], "min_per_10k": [2.0, 5.0]}``.
        Default: ``min_matches`` 1 to 5, and ``min_per_10k`` at the 0, 10, ..., 90 %
        quantiles of the rates of the units with a match (rounded to 0.1).
    folds : int, default 5
        Cross-validation folds (stratified by the gold code; at most the number of
        units).
    seed : int, default 0
        Random seed of the fold assignment.
    metric : {"f1", "kappa", "accuracy"}, default "f1"
        What the chosen threshold maximises.
    mapping : mapping, optional
        Frame -> (annotation column, positive value(s)) when ``gold`` is one row per
        article.

    Returns
    -------
    pandas.DataFrame
        One row per frame: ``frame``, ``kind`` (``"min_matches"`` or
        ``"min_per_10k"``), ``value`` (the threshold chosen on all development units),
        ``metric`` (its name), ``score`` (the metric of that rule on all development
        units, optimistic), ``cv_mean``, ``cv_sd`` (held-out metric over the folds,
        the threshold chosen on the other folds each time), ``folds``, ``n`` (units)
        and ``positives`` (gold positives). ``attrs["grid"]``: every candidate's metric
        on all development units (``frame``, ``kind``, ``value``, ``score``).

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit.thresholds as th
    >>> scores = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "frame": "f",
    ...                        "count": [0, 1, 1, 1, 1, 2, 3, 2, 4, 5], "tokens": 500})
    >>> gold = pd.DataFrame({"unit_id": scores["doc_id"], "frame": "f",
    ...                      "code": [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]})
    >>> table = th.tune_thresholds(scores, gold, candidates={"min_matches": [1, 2, 3]})
    >>> table.loc[0, "kind"], float(table.loc[0, "value"]), float(table.loc[0, "score"])
    ('min_matches', 2.0, 1.0)
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {list(METRICS)}, got {metric!r}")
    if isinstance(folds, bool) or not isinstance(folds, int | np.integer) or folds < 2:
        raise ValueError(f"folds must be a whole number >= 2, got {folds!r}")
    scored = scores.assign(present=True) if "present" not in scores.columns else scores
    joined, order = _prepare(scored, gold, mapping, None, frames)
    units = _unit_counts(scores)
    joined = joined.drop(columns=[c for c in ("count", "tokens") if c in joined.columns]).merge(
        units, on=["doc_id", "frame"], how="left"
    )
    names = order or list(pd.unique(joined["frame"]))
    rows, grid = [], []
    rng = np.random.default_rng(seed)
    for frame in names:
        sub = joined[joined["frame"] == frame]
        count = sub["count"].to_numpy(float)
        tokens = sub["tokens"].to_numpy(float)
        g = sub["gold"].to_numpy(bool)
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(tokens > 0, count * RATE_BASE / np.where(tokens > 0, tokens, 1), 0.0)
        cands = _candidates(candidates, count, rate)
        pred = np.array(
            [count >= v if kind == "min_matches" else (count >= 1) & (rate >= v) for kind, v in cands]
        )  # candidates x units
        k = min(folds, len(g))
        fold = _folds(g, k, rng)
        onehot = np.eye(k)[fold]  # units x folds
        cells = [(pred & g) @ onehot, (pred & ~g) @ onehot, (~pred & g) @ onehot, (~pred & ~g) @ onehot]
        total = [c.sum(axis=1) for c in cells]  # per candidate
        full = _metric(metric, *total)
        train = _metric(metric, *[t[:, None] - c for t, c in zip(total, cells, strict=True)])
        test = _metric(metric, *cells)  # candidates x folds
        pick = np.argmax(np.nan_to_num(train, nan=-np.inf), axis=0)  # first best: simplest
        held = test[pick, np.arange(k)]
        best = int(np.argmax(np.nan_to_num(full, nan=-np.inf)))
        kind, value = cands[best]
        rows.append({
            "frame": frame, "kind": kind, "value": value, "metric": metric,
            "score": float(full[best]),
            "cv_mean": float(np.nanmean(held)) if np.isfinite(held).any() else np.nan,
            "cv_sd": float(np.nanstd(held, ddof=1)) if np.isfinite(held).sum() > 1 else np.nan,
            "folds": k, "n": len(g), "positives": int(g.sum()),
        })
        grid += [{"frame": frame, "kind": c[0], "value": c[1], "score": float(s)}
                 for c, s in zip(cands, full, strict=True)]
    out = pd.DataFrame(rows, columns=["frame", "kind", "value", "metric", "score", "cv_mean",
                                      "cv_sd", "folds", "n", "positives"])
    out.attrs.update(grid=pd.DataFrame(grid), seed=seed, metric=metric)
    return out


def with_thresholds(lexicon: Lexicon | str, table: pd.DataFrame) -> Lexicon:
    """A copy of a lexicon with the thresholds of a :func:`tune_thresholds` table.

    Parameters
    ----------
    lexicon : Lexicon or str
        A lexicon, or anything :func:`toolkit.lexicon.load_lexicon` accepts. It is not
        changed (nor is its file).
    table : pandas.DataFrame
        ``frame``, ``kind`` and ``value`` columns (:func:`tune_thresholds` output). A
        ``min_matches`` row sets ``min_matches`` and clears ``min_per_10k``; a
        ``min_per_10k`` row sets the rate and clears ``min_matches`` (one match).

    Returns
    -------
    Lexicon
        A new lexicon; frames not in ``table`` keep their thresholds.

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit.thresholds as th
    >>> table = pd.DataFrame({"frame": ["negotiation"], "kind": ["min_matches"], "value": [2]})
    >>> lex = th.with_thresholds("war_framing", table)
    >>> lex["negotiation"].min_matches, lex["war"].min_matches
    (2, None)
    """
    lex = load_lexicon(lexicon)
    missing = [c for c in ("frame", "kind", "value") if c not in table.columns]
    if missing:
        raise CorpusError(f"with_thresholds needs a table with frame, kind, value (missing: {missing})")
    frames = dict(lex.frames)
    for frame, kind, value in table[["frame", "kind", "value"]].itertuples(index=False):
        if frame not in frames:
            raise CorpusError(f"frame {frame!r} is not in the lexicon {lex.name!r}")
        if kind == "min_matches":
            if value != int(value) or value < 1:
                raise ValueError(f"min_matches must be a whole number >= 1, got {value!r}")
            frames[frame] = replace(frames[frame], min_matches=int(value), min_per_10k=None)
        elif kind == "min_per_10k":
            if not float(value) >= 0:
                raise ValueError(f"min_per_10k must be a number >= 0, got {value!r}")
            frames[frame] = replace(frames[frame], min_matches=None, min_per_10k=float(value))
        else:
            raise ValueError(f"unknown threshold kind {kind!r}; use {list(KINDS)}")
    return replace(lex, frames=frames, path=None)


def lexicon_yaml(lexicon: Lexicon | str) -> str:
    """A lexicon as YAML text, to save under a new name and load with ``load_lexicon``.

    Parameters
    ----------
    lexicon : Lexicon or str
        A lexicon (e.g. :func:`with_thresholds` output).

    Returns
    -------
    str
        The YAML text (frames in order; empty optional fields left out). Nothing is
        written: save it yourself, under a new file name.

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit
    >>> import toolkit.thresholds as th
    >>> table = pd.DataFrame({"frame": ["negotiation"], "kind": ["min_per_10k"], "value": [4.0]})
    >>> text = th.lexicon_yaml(th.with_thresholds("war_framing", table))
    >>> "min_per_10k: 4.0" in text
    True
    """
    lex = load_lexicon(lexicon)
    frames = {}
    for f in lex:
        spec: dict = {"label": f.label, "definition": f.definition}
        if f.reference:
            spec["reference"] = f.reference
        if f.group:
            spec["group"] = f.group
        spec["patterns"] = list(f.patterns)
        if f.exclude:
            spec["exclude"] = list(f.exclude)
        if f.min_matches is not None:
            spec["min_matches"] = int(f.min_matches)
        if f.min_per_10k is not None:
            spec["min_per_10k"] = float(f.min_per_10k)
        frames[f.name] = spec
    data: dict = {"name": lex.name}
    if lex.description:
        data["description"] = lex.description
    if lex.version:
        data["version"] = lex.version
    data["frames"] = frames
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
