"""Validation of frame scores against hand annotations, and agreement between coders.

A dictionary count is a measurement instrument; before it is used to compare outlets it
should be checked against human judgement. :func:`validate_frames` compares frame
presence with gold codes (e.g. the demo corpus's author labels, or a long table of
codes ``unit_id, frame, code``) and reports precision, recall, F1 and kappa per frame,
with intervals and baselines; :func:`validation_errors` lists the articles the
dictionary gets wrong, so they can be read. Agreement between coders
(:func:`agreement`, :func:`coder_agreement`) is measured at the end of the module.

Measures
--------
From the confusion counts (tp, fp, fn, tn): precision ``tp / (tp + fp)``, recall
``tp / (tp + fn)``, F1 ``2 tp / (2 tp + fp + fn)``, accuracy and Cohen's kappa of the
two binary codings (``(p_o - p_e) / (1 - p_e)``).

Intervals
---------
``ci="bootstrap"``: percentile intervals from ``n_boot`` resamples of the *units*
(articles), drawn with replacement; every measure is recomputed from the resampled
counts (Efron & Tibshirani 1993). ``ci="wilson"``: Wilson score intervals for
precision (``tp`` of ``tp + fp``) and recall (``tp`` of ``tp + fn``), which treat the
denominator as fixed; F1 and kappa keep bootstrap intervals. With a stratified sample
the bootstrap draws from the pooled units, not within strata, so the intervals are
approximate.

Baselines
---------
With ``p`` the prevalence (share of gold positives, weighted when ``weights`` is given):

* *always positive* (every unit has the frame): precision ``p``, recall 1,
  F1 ``2p / (1 + p)``, kappa 0;
* *prevalence-matched random* (each unit called positive with probability ``p``,
  independently of the gold): expected counts ``E[tp] = n p^2``,
  ``E[fp] = E[fn] = n p (1 - p)``, so precision = recall = F1 = ``p`` (ratios of
  expected counts; the expected F1 of one random draw is a little lower), kappa 0.

A dictionary whose F1 is not clearly above ``always_f1`` adds nothing to "every
article has it".

Stratified samples
------------------
``weights``: a column with each unit's sampling weight ``w = 1 / pi`` (pi: its
inclusion probability, e.g. stratum size / stratum sample). The counts are then
Horvitz-Thompson estimates of the population's counts, ``tp_w = sum w_u [p_u & g_u]``
and so on (Horvitz & Thompson 1952), and every measure is a ratio of them (a ratio
estimator: consistent, slightly biased in small samples).

Agreement between coders
------------------------
Measures (nominal codes; units missing a code are left out):

* **Percent agreement** ``p_o``: the share of units both coders code alike.
* **Cohen's kappa** (Cohen 1960): ``(p_o - p_e) / (1 - p_e)`` with
  ``p_e = sum_k p_a(k) p_b(k)``, the agreement expected from each coder's own label
  distribution.
* **Krippendorff's alpha**, nominal (Krippendorff 2011): ``1 - D_o / D_e`` from the
  coincidence matrix. Each unit coded by ``m_u >= 2`` coders adds
  ``n_uc n_uk / (m_u - 1)`` to ``o[c, k]`` (self-pairs removed); with ``n_c`` the
  totals of ``o`` and ``n`` their sum, ``alpha = 1 - (n - 1) sum_{c != k} o[c, k] /
  sum_{c != k} n_c n_k``. For two coders without missing codes the unit's off-diagonal
  contribution is 2 when they disagree and 0 otherwise.

:func:`coder_agreement` gives percentile bootstrap intervals over **units** (Efron &
Tibshirani 1993; Hayes & Krippendorff 2007 bootstrap alpha the same way): each of the
``n_boot`` resamples draws the units with replacement (multinomial weights, so every
statistic is one matrix product over the resamples) and recomputes the three measures;
the interval is the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of the
resampled values (resamples where a measure is undefined, e.g. kappa when both coders
used one label, are left out). With few units (< 30) or a rare code the interval is
rough and too narrow: read it as a lower bound on the uncertainty.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
Psychological Measurement 20(1), 37-46.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, University of Pennsylvania.
Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability
measure for coding data. Communication Methods and Measures 1(1), 77-89.
Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Horvitz, D. G., & Thompson, D. J. (1952). A generalization of sampling without
replacement from a finite universe. JASA 47(260), 663-685.
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. JASA 22(158), 209-212.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from .intervals import wilson_interval
from .schema import CorpusError
from .tables import require_table

# ------------------------------------------------------------ frame validation


def _doc_presence(scores: pd.DataFrame, frames: Sequence[str]) -> pd.DataFrame:
    require_table(scores, ["doc_id", "frame", "present"], "validate_frames",
                  "the table returned by frame_scores")
    df = scores[scores["frame"].astype(str).isin(list(frames))]
    df = df.assign(frame=df["frame"].astype(str), doc_id=df["doc_id"].astype(object))
    if "sentence" not in df.columns:  # document units: presence as frame_scores gave it
        keep = ["doc_id", "frame", "count", "present"] + (["source"] if "source" in df.columns else [])
        out = df[[c for c in keep if c in df.columns]].reset_index(drop=True)
        if "count" not in out.columns:
            out["count"] = out["present"].astype(np.int64)
        out["present"] = out["present"].astype(bool)
    else:
        # sentence units: an article has the frame when its sentences together reach the
        # threshold frame_scores used for presence (min_count, 1 by default: any sentence,
        # or the frame's own min_matches / min_per_10k)
        agg = {"count": ("count", "sum")}
        if "source" in df.columns:
            agg["source"] = ("source", "first")
        if "tokens" in df.columns:
            agg["tokens"] = ("tokens", "sum")
        out = df.groupby(["doc_id", "frame"], sort=False, observed=True).agg(**agg).reset_index()
        thresholds = scores.attrs.get("thresholds") or {}
        default = scores.attrs.get("min_count", 1)
        need = out["frame"].map(lambda f: (thresholds.get(f) or {}).get("min_matches") or default)
        rate = out["frame"].map(lambda f: (thresholds.get(f) or {}).get("min_per_10k") or 0.0)
        present = out["count"].to_numpy() >= need.to_numpy()
        if "tokens" in out.columns and (rate > 0).any():
            present &= out["count"].to_numpy() * 10_000 >= rate.to_numpy() * out["tokens"].to_numpy()
        out["present"] = present
    missing = [f for f in frames if f not in set(out["frame"])]
    if missing:
        raise CorpusError(f"frame(s) {missing} not in the scores (frames: {sorted(set(out['frame']))})")
    return out


def _prepare_annotations(annotations: pd.DataFrame) -> pd.DataFrame:
    if "doc_id" not in annotations.columns:
        raise CorpusError("annotations need a 'doc_id' column")
    ann = annotations
    if "annotation" in ann.columns:  # a column of dicts, as in the demo drafts
        flat = pd.json_normalize(ann["annotation"].tolist())
        flat.index = ann.index
        ann = pd.concat([ann.drop(columns="annotation"), flat], axis=1)
    if ann["doc_id"].duplicated().any():
        dup = sorted(set(ann.loc[ann["doc_id"].duplicated(), "doc_id"]))[:5]
        raise ValueError(f"annotations repeat doc_id values, e.g. {dup}")
    return ann


def _gold(ann: pd.DataFrame, spec: tuple) -> tuple[str, list, pd.Series]:
    if not isinstance(spec, tuple | list) or len(spec) != 2:
        raise ValueError(
            f"mapping values must be (annotation column, positive value(s)), got {spec!r}"
        )
    column, positive = spec
    if column not in ann.columns:
        raise CorpusError(f"annotation column {column!r} not found (columns: {list(ann.columns)})")
    values = list(positive) if isinstance(positive, list | tuple | set | frozenset) else [positive]
    labels = ann[column]
    if labels.notna().sum() == 0:
        raise ValueError(f"annotation column {column!r} has no values: nothing to validate against")
    present = set(labels.dropna().unique())
    unknown = [v for v in values if v not in present]
    if unknown:
        warnings.warn(
            f"positive value(s) {unknown} never occur in annotation column {column!r} "
            f"(values found: {sorted(map(str, present))}); check the spelling",
            UserWarning,
            stacklevel=4,
        )
    gold = labels.isin(values).astype("boolean").where(labels.notna())
    return column, values, pd.Series(gold.to_numpy(), index=ann["doc_id"].to_numpy())


def _joined(
    scores: pd.DataFrame, annotations: pd.DataFrame, mapping: Mapping[str, tuple]
) -> pd.DataFrame:
    if not mapping:
        raise ValueError("mapping is empty: give {frame: (annotation column, positive value)}")
    ann = _prepare_annotations(annotations)
    pres = _doc_presence(scores, list(mapping))
    unmatched = sorted(set(ann["doc_id"]) - set(pres["doc_id"]))
    if unmatched:
        warnings.warn(
            f"{len(unmatched)} annotated article(s) are not in the scores and are left out "
            f"(e.g. {unmatched[:5]})",
            UserWarning,
            stacklevel=3,
        )
    parts = []
    for frame, spec in mapping.items():
        column, values, gold = _gold(ann, spec)
        sub = pres[pres["frame"] == frame].copy()
        sub["gold"] = sub["doc_id"].map(gold)
        sub["label"] = sub["doc_id"].map(pd.Series(ann[column].to_numpy(), index=ann["doc_id"]))
        sub = sub[sub["gold"].notna()]
        sub["annotation"] = column
        sub["positive"] = " | ".join(str(v) for v in values)
        parts.append(sub)
    out = pd.concat(parts, ignore_index=True)
    out["gold"] = out["gold"].astype(bool)
    if out.empty:
        raise ValueError("no document is both scored and annotated (check the doc_id values)")
    return out


def _kappa_from_counts(tp, fp, fn, tn):
    n = tp + fp + fn + tn
    with np.errstate(invalid="ignore", divide="ignore"):
        po = (tp + tn) / n
        pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2
        return np.where(pe < 1 - 1e-12, (po - pe) / (1 - pe), np.nan)


def _rates(tp, fp, fn, tn):
    """Precision, recall, F1, accuracy and kappa from (arrays of) confusion counts."""
    tp, fp, fn, tn = (np.asarray(v, dtype=float) for v in (tp, fp, fn, tn))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.where(tp + fp > 0, tp + fp, 1), np.nan)
        recall = np.where(tp + fn > 0, tp / np.where(tp + fn > 0, tp + fn, 1), np.nan)
        d = 2 * tp + fp + fn
        f1 = np.where(d > 0, 2 * tp / np.where(d > 0, d, 1), np.nan)
        n = tp + fp + fn + tn
        accuracy = np.where(n > 0, (tp + tn) / np.where(n > 0, n, 1), np.nan)
    return precision, recall, f1, accuracy, _kappa_from_counts(tp, fp, fn, tn)


_POSITIVE = {"1", "1.0", "yes", "y", "true", "t", "present", "x"}
_NEGATIVE = {"0", "0.0", "no", "n", "false", "f", "absent", ""}


def _binary_codes(code: pd.Series) -> pd.Series:
    """0/1, booleans or yes/no words as a boolean Series (missing stays missing)."""
    out = pd.Series(pd.NA, index=code.index, dtype="boolean")
    ok = code.notna()
    vals = code[ok]
    if pd.api.types.is_bool_dtype(vals) or pd.api.types.is_numeric_dtype(vals):
        out[ok] = vals.astype(float) > 0
        return out
    text = vals.astype(str).str.strip().str.lower()
    bad = sorted(set(text[~text.isin(_POSITIVE | _NEGATIVE)]))[:5]
    if bad:
        raise ValueError(
            f"gold codes must be 0/1, True/False or yes/no; found {bad}: give a mapping "
            "{frame: (column, positive value)} for other labels"
        )
    out[ok] = text.isin(_POSITIVE).to_numpy()
    return out


def _joined_long(
    scores: pd.DataFrame, annotations: pd.DataFrame, frames, weights: str | None
) -> pd.DataFrame:
    """Join frame presence with gold codes in the long form (unit_id/doc_id, frame, code)."""
    if "doc_id" in annotations.columns:  # article ids; unit_id equals doc_id for articles
        gold = annotations
    elif "unit_id" in annotations.columns:
        gold = annotations.rename(columns={"unit_id": "doc_id"})
    else:
        raise CorpusError("validate_frames: gold codes need a unit_id (or doc_id) column")
    if "coder" in gold.columns and gold["coder"].nunique() > 1:
        raise ValueError(
            "the gold codes come from several coders: settle them into one code per unit and "
            "frame first (or keep one coder's rows), and measure the coders' agreement with "
            "coder_agreement"
        )
    gold = gold[gold["code"].notna()].assign(frame=lambda d: d["frame"].astype(str))
    if gold.duplicated(["doc_id", "frame"]).any():
        ex = gold.loc[gold.duplicated(["doc_id", "frame"]), ["doc_id", "frame"]].iloc[0].tolist()
        raise ValueError(
            f"gold codes repeat an article and frame, e.g. {ex}; codes of sentences or other "
            "parts must be combined per article first (validate_frames validates articles)"
        )
    scored = set(scores["frame"].astype(str))
    if frames is None:
        names = [f for f in pd.unique(gold["frame"]) if f in scored]
        if not names:
            raise CorpusError(
                f"no frame of the gold codes is in the scores (gold: {sorted(set(gold['frame']))}, "
                f"scores: {sorted(scored)})"
            )
    else:
        names = [frames] if isinstance(frames, str) else list(frames)
        unknown = sorted(set(names) - set(gold["frame"]))
        if unknown:
            raise CorpusError(f"frame(s) {unknown} not in the gold codes")
    pres = _doc_presence(scores, names)
    unmatched = sorted(set(gold["doc_id"]) - set(pres["doc_id"]))
    if unmatched:
        warnings.warn(
            f"{len(unmatched)} annotated article(s) are not in the scores and are left out "
            f"(e.g. {unmatched[:5]})",
            UserWarning,
            stacklevel=3,
        )
    g = gold[gold["frame"].isin(names)]
    cols = ["doc_id", "frame", "code"] + ([weights] if weights else [])
    out = pres.merge(g[cols], on=["doc_id", "frame"], how="inner")
    out["gold"] = _binary_codes(out["code"]).astype(bool)
    out["label"] = out["code"].astype(str)
    out["annotation"] = "code"
    out["positive"] = "1"
    if weights:
        out = out.rename(columns={weights: "_weight"})
    if out.empty:
        raise ValueError("no document is both scored and coded (check the doc_id/unit_id values)")
    order = {f: i for i, f in enumerate(names)}
    return out.sort_values("frame", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _is_long(annotations: pd.DataFrame, mapping) -> bool:
    return mapping is None or (
        not isinstance(mapping, Mapping) and {"frame", "code"} <= set(annotations.columns)
    )


def _prepare(scores, annotations, mapping, weights, frames=None):
    if weights is not None and weights not in annotations.columns:
        raise CorpusError(f"weights column {weights!r} is not in the annotations")
    if _is_long(annotations, mapping):
        if not {"frame", "code"} <= set(annotations.columns):
            raise CorpusError(
                "validate_frames needs a mapping {frame: (annotation column, positive value)}, "
                "or gold codes in the long form: unit_id (or doc_id), frame, code"
            )
        return _joined_long(scores, annotations, frames, weights), None
    joined = _joined(scores, annotations, mapping)
    if weights is not None:
        ann = _prepare_annotations(annotations)
        joined["_weight"] = joined["doc_id"].map(pd.Series(ann[weights].to_numpy(), index=ann["doc_id"]))
    return joined, list(mapping)


def validate_frames(
    scores: pd.DataFrame,
    annotations: pd.DataFrame,
    mapping: Mapping[str, tuple[str, Any]] | None = None,
    *,
    frames: str | Sequence[str] | None = None,
    ci: Literal["bootstrap", "wilson"] | None = "bootstrap",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    weights: str | None = None,
) -> pd.DataFrame:
    """Compare frame presence with hand annotations: precision, recall, F1 per frame.

    Every measure comes with a confidence interval and next to two baselines a
    dictionary must beat (see the module docstring for the formulas).

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`toolkit.frames.frame_scores` output. Sentence scores are combined per
        article (the frame is present when the article's sentences together reach the
        scores' ``min_count``).
    annotations : pandas.DataFrame
        Either one row per article: ``doc_id`` and label columns (e.g.
        :func:`toolkit.demo.load_annotations`; a column ``annotation`` of dicts is
        expanded into columns), read through ``mapping``; or gold codes in the long
        form, one row per unit and frame: ``unit_id`` (or ``doc_id``), ``frame`` and
        ``code`` (0/1, True/False or yes/no), used when ``mapping`` is None.
    mapping : mapping of str to (str, value or list of values), optional
        Frame name -> (annotation column, label value(s) that mean the frame is
        present), e.g. ``{"euphemised_setback": ("defeat_wording", "euphemistic"),
        "negotiation": ("negotiation_stance", ["open", "sceptical"])}``. None: the
        annotations are long-form gold codes.
    frames : str or sequence of str, optional
        Long-form gold only: the frames to validate (default: every coded frame that
        is in the scores).
    ci : {"bootstrap", "wilson"} or None, default "bootstrap"
        Intervals: ``"bootstrap"`` resamples units (articles) for all four measures;
        ``"wilson"`` gives Wilson intervals for precision and recall (unweighted only)
        and the bootstrap for F1 and kappa; None adds no interval columns.
    n_boot : int, default 1000
        Bootstrap resamples.
    seed : int, default 0
        Random seed of the bootstrap.
    level : float, default 0.95
        Confidence level.
    weights : str, optional
        Column of ``annotations`` holding each unit's sampling weight (the inverse of
        its inclusion probability in a stratified sample). The counts that enter every
        measure are then weighted sums (Horvitz-Thompson estimates of the population's
        tp, fp, fn, tn), given in ``tp_w``, ``fp_w``, ``fn_w``, ``tn_w``; ``tp`` ...
        ``tn`` stay the sample's counts.

    Returns
    -------
    pandas.DataFrame
        One row per frame: ``frame``, ``annotation``, ``positive``, ``n`` (articles both
        scored and annotated; missing labels left out), ``tp``, ``fp``, ``fn``, ``tn``,
        ``precision`` (tp / (tp + fp)), ``recall`` (tp / (tp + fn)), ``f1`` (their
        harmonic mean), ``accuracy`` and ``kappa`` (Cohen's kappa of the two binary
        codings); with ``ci``, ``precision_low``, ``precision_high``, ``recall_low``,
        ``recall_high``, ``f1_low``, ``f1_high``, ``kappa_low``, ``kappa_high``; then
        ``prevalence`` (share of gold positives) and the baselines
        ``always_precision``, ``always_recall``, ``always_f1`` (call every unit
        positive) and ``random_precision``, ``random_recall``, ``random_f1`` (call a
        unit positive at random with probability ``prevalence``); with ``weights``,
        ``tp_w``, ``fp_w``, ``fn_w``, ``tn_w``. A ratio with a zero denominator is NaN.

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> mapping = {"euphemised_setback": ("defeat_wording", "euphemistic")}
    >>> result = toolkit.validate_frames(scores, toolkit.load_annotations(), mapping)
    >>> result.loc[0, ["n", "tp", "fp", "fn", "tn"]].tolist()
    [101, 7, 20, 1, 73]
    >>> round(float(result.loc[0, "recall"]), 3), round(float(result.loc[0, "precision"]), 3)
    (0.875, 0.259)
    >>> round(float(result.loc[0, "always_f1"]), 3)   # 2p / (1 + p) with p = 8/101
    0.147
    """
    if ci not in ("bootstrap", "wilson", None):
        raise ValueError(f"ci must be 'bootstrap', 'wilson' or None, got {ci!r}")
    if ci == "wilson" and weights is not None:
        raise ValueError("Wilson intervals assume a simple random sample: use ci='bootstrap' with weights")
    joined, order = _prepare(scores, annotations, mapping, weights, frames)
    p, g = joined["present"].to_numpy(bool), joined["gold"].to_numpy(bool)
    joined = joined.assign(tp=p & g, fp=p & ~g, fn=~p & g, tn=~p & ~g)
    out = (
        joined.groupby("frame", sort=False)
        .agg(
            annotation=("annotation", "first"),
            positive=("positive", "first"),
            n=("gold", "size"),
            tp=("tp", "sum"),
            fp=("fp", "sum"),
            fn=("fn", "sum"),
            tn=("tn", "sum"),
        )
    )
    if order is not None:
        out = out.reindex(order)
    out = out.reset_index()
    for c in ("n", "tp", "fp", "fn", "tn"):
        out[c] = out[c].astype(np.int64)
    cells = ("tp", "fp", "fn", "tn")
    if weights is not None:
        w = pd.to_numeric(joined["_weight"], errors="coerce").to_numpy(float)
        if np.isnan(w).any() or (w <= 0).any():
            raise ValueError(f"weights column {weights!r} must hold positive numbers for every unit")
        joined = joined.assign(**{f"{c}_w": joined[c].to_numpy(float) * w for c in cells})
        wsum = joined.groupby("frame", sort=False)[[f"{c}_w" for c in cells]].sum()
        out = out.join(wsum, on="frame")
        counts = [out[f"{c}_w"].to_numpy(float) for c in cells]
    else:
        counts = [out[c].to_numpy(float) for c in cells]
    precision, recall, f1, accuracy, kappa = _rates(*counts)
    out["precision"], out["recall"], out["f1"] = precision, recall, f1
    out["accuracy"], out["kappa"] = accuracy, kappa
    if ci is not None:
        _add_intervals(out, joined, ci=ci, n_boot=n_boot, seed=seed, level=level,
                       weighted=weights is not None)
    tp, fp, fn, tn = counts
    with np.errstate(invalid="ignore", divide="ignore"):
        prev = (tp + fn) / (tp + fp + fn + tn)
    out["prevalence"] = prev
    # always positive: tp = n p, fp = n (1 - p), fn = 0
    out["always_precision"] = prev
    out["always_recall"] = np.where(prev > 0, 1.0, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["always_f1"] = np.where(prev > 0, 2 * prev / (1 + prev), np.nan)
    # random with P(positive) = p: E[tp] = n p^2, E[fp] = E[fn] = n p (1 - p)
    for c in ("random_precision", "random_recall", "random_f1"):
        out[c] = np.where(prev > 0, prev, np.nan)
    if weights is not None:  # weighted counts last, after the unweighted layout
        out = out[[c for c in out.columns if not c.endswith("_w")] + [f"{c}_w" for c in cells]]
    for c in ("frame", "annotation", "positive"):
        out[c] = out[c].astype("str")
    out.attrs.update(ci=ci, n_boot=n_boot, seed=seed, level=level, weights=weights)
    return out


def _add_intervals(out, joined, *, ci, n_boot, seed, level, weighted) -> None:
    names = ("precision", "recall", "f1", "kappa")
    bounds = {f"{m}_{s}": np.full(len(out), np.nan) for m in names for s in ("low", "high")}
    cells = ("tp", "fp", "fn", "tn")
    for i, frame in enumerate(out["frame"]):
        sub = joined[joined["frame"].astype(str) == str(frame)]
        cols = [f"{c}_w" for c in cells] if weighted else list(cells)
        x = sub[cols].to_numpy(float)  # units x 4
        wts = bootstrap_weights(len(sub), n_boot=n_boot, seed=seed + i)
        b = wts @ x  # n_boot x 4
        precision, recall, f1, _, kappa = _rates(*b.T)
        for m, vals in zip(names, (precision, recall, f1, kappa), strict=True):
            lo, hi = percentile_interval(vals, level=level)
            bounds[f"{m}_low"][i], bounds[f"{m}_high"][i] = lo, hi
    if ci == "wilson":
        tp, fp, fn = (out[c].to_numpy() for c in ("tp", "fp", "fn"))
        for m, k, n in (("precision", tp, tp + fp), ("recall", tp, tp + fn)):
            with np.errstate(invalid="ignore", divide="ignore"):
                lo, hi = wilson_interval(k, n, level=level)
            bounds[f"{m}_low"] = np.where(n > 0, lo, np.nan)
            bounds[f"{m}_high"] = np.where(n > 0, hi, np.nan)
    for m in names:
        out[f"{m}_low"], out[f"{m}_high"] = bounds[f"{m}_low"], bounds[f"{m}_high"]


def validation_errors(
    scores: pd.DataFrame,
    annotations: pd.DataFrame,
    mapping: Mapping[str, tuple[str, Any]] | None = None,
) -> pd.DataFrame:
    """The articles a frame gets wrong, to read them (false positives and negatives).

    Parameters
    ----------
    scores, annotations, mapping
        As in :func:`validate_frames` (``mapping`` None: long-form gold codes).

    Returns
    -------
    pandas.DataFrame
        One row per frame and misclassified article: ``frame``, ``doc_id``, ``source``
        (when scored), ``error`` (``"false positive"``: the dictionary finds the frame,
        the annotation does not; ``"false negative"``: the reverse), ``count`` (the
        frame's matches in the article) and ``label`` (the annotation value). Read them
        with :func:`toolkit.frames.frame_matches` or :func:`toolkit.concordance`.

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> mapping = {"euphemised_setback": ("defeat_wording", "euphemistic")}
    >>> errors = toolkit.validation_errors(scores, toolkit.load_annotations(), mapping)
    >>> errors["error"].value_counts().to_dict()
    {'false positive': 20, 'false negative': 1}
    """
    joined, _ = _prepare(scores, annotations, mapping, None)
    p, g = joined["present"].to_numpy(bool), joined["gold"].to_numpy(bool)
    wrong = joined[p != g].copy()
    wrong["error"] = np.where(wrong["present"].to_numpy(bool), "false positive", "false negative")
    cols = ["frame", "doc_id"] + (["source"] if "source" in wrong.columns else [])
    out = wrong[[*cols, "error", "count", "label"]].reset_index(drop=True)
    for c in ("frame", "error", "label"):
        out[c] = out[c].astype("str")
    out["count"] = out["count"].astype(np.int64)
    return out


# ------------------------------------------------------------------- agreement


def _pairs(a, b) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if not a.index.equals(b.index):
            a, b = a.align(b, join="inner")
    a = pd.Series(np.asarray(a, dtype=object))
    b = pd.Series(np.asarray(b, dtype=object))
    if len(a) != len(b):
        raise ValueError(f"the two codings have different lengths ({len(a)} and {len(b)})")
    ok = a.notna().to_numpy() & b.notna().to_numpy()
    return a.to_numpy()[ok], b.to_numpy()[ok]


def percent_agreement(a: Sequence, b: Sequence) -> float:
    """Share of units on which two codings agree (missing values left out).

    Parameters
    ----------
    a, b : sequence or pandas.Series
        Labels of the same units by two coders (Series are aligned on their index).

    Returns
    -------
    float
        Agreement between 0 and 1 (NaN when no unit is coded by both).
    """
    x, y = _pairs(a, b)
    return float(np.mean(x == y)) if len(x) else float("nan")


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa for two coders: ``(p_o - p_e) / (1 - p_e)``.

    ``p_o`` is the observed agreement and ``p_e = sum_k p_a(k) p_b(k)`` the agreement
    expected from each coder's own label distribution (Cohen 1960).

    Parameters
    ----------
    a, b : sequence or pandas.Series
        Labels of the same units (units with a missing label are left out).

    Returns
    -------
    float
        Kappa; NaN when ``p_e`` is 1 (both coders used one and the same label).
    """
    x, y = _pairs(a, b)
    if not len(x):
        return float("nan")
    codes, _ = pd.factorize(np.concatenate([x, y]))
    cx, cy = codes[: len(x)], codes[len(x) :]
    k = codes.max() + 1
    po = float(np.mean(cx == cy))
    pe = float(np.sum(np.bincount(cx, minlength=k) * np.bincount(cy, minlength=k))) / len(x) ** 2
    return float("nan") if pe >= 1 else (po - pe) / (1 - pe)


def krippendorff_alpha(data: Sequence | np.ndarray | pd.DataFrame) -> float:
    """Krippendorff's alpha for nominal data, any number of coders, missing allowed.

    ``alpha = 1 - D_o / D_e`` computed from the coincidence matrix ``o`` (Krippendorff
    2011, "Computing Krippendorff's alpha-reliability"): each unit coded by ``m_u >= 2``
    coders adds ``n_uc n_uk / (m_u - 1)`` to ``o[c, k]`` (minus the self-pairs on the
    diagonal); then ``alpha = 1 - (n - 1) * sum_{c != k} o[c, k] /
    sum_{c != k} n_c n_k`` with ``n_c`` the row sums and ``n`` their total.

    Parameters
    ----------
    data : array-like or pandas.DataFrame
        Reliability data, coders x units (one row per coder), missing values as None or
        NaN.

    Returns
    -------
    float
        Alpha (1 = perfect agreement, 0 = chance); NaN when fewer than two values are
        pairable or all pairable values are identical.
    """
    arr = np.asarray(data, dtype=object)
    if arr.ndim != 2:
        raise ValueError("data must be 2-D: one row per coder, one column per unit")
    flat = pd.Series(arr.ravel())
    codes, _ = pd.factorize(flat)  # missing values get -1
    codes = codes.reshape(arr.shape)
    k = int(codes.max()) + 1
    if k == 0:
        return float("nan")
    n_units = arr.shape[1]
    counts = np.zeros((n_units, k))
    coder, unit = np.nonzero(codes >= 0)
    np.add.at(counts, (unit, codes[coder, unit]), 1)
    m = counts.sum(axis=1)
    pairable = m >= 2
    counts, m = counts[pairable], m[pairable]
    if not len(m):
        return float("nan")
    w = 1.0 / (m - 1)
    o = (counts * w[:, None]).T @ counts - np.diag((counts * w[:, None]).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    disagree_o = o.sum() - np.trace(o)
    disagree_e = n_c.sum() ** 2 - np.sum(n_c**2)
    if disagree_e == 0:
        return float("nan")
    return float(1 - (n - 1) * disagree_o / disagree_e)


def agreement(a: Sequence, b: Sequence) -> pd.Series:
    """Agreement between two codings of the same units.

    Parameters
    ----------
    a, b : sequence or pandas.Series
        Labels (any hashable values: strings, booleans, numbers) of the same units in
        the same order, e.g. a dictionary-based label and a human one. Two Series are
        aligned on their index. Units with a missing label in either coding are left
        out of all three measures.

    Returns
    -------
    pandas.Series
        ``n`` (units coded by both), ``percent_agreement``, ``cohen_kappa`` and
        ``krippendorff_alpha`` (nominal).

    Examples
    --------
    >>> import toolkit
    >>> result = toolkit.agreement(["war", "war", "crisis"], ["war", "conflict", "crisis"])
    >>> int(result["n"]), round(float(result["cohen_kappa"]), 3)
    (3, 0.5)
    >>> f"{result['percent_agreement']:.3f}"
    '0.667'
    """
    x, y = _pairs(a, b)
    la, lb = set(pd.unique(x)), set(pd.unique(y))

    def norm(v: object) -> str:
        return "".join(ch for ch in str(v).lower() if ch.isalnum())

    only = (la - lb) | (lb - la)
    near = {norm(v) for v in la - lb} & {norm(v) for v in lb - la}
    if only and near:
        warnings.warn(
            f"some labels differ only in spelling between the two codings ({sorted(map(str, only))}); "
            "harmonise them (e.g. spaces vs underscores) before reading the agreement",
            UserWarning,
            stacklevel=2,
        )
    return pd.Series(
        {
            "n": len(x),
            "percent_agreement": percent_agreement(x, y),
            "cohen_kappa": cohen_kappa(x, y),
            "krippendorff_alpha": krippendorff_alpha(np.vstack([x, y])) if len(x) else np.nan,
        },
        dtype=object,
    )


# ------------------------------------------------------- bootstrap over units


def bootstrap_weights(n: int, *, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """Resampling weights of a unit bootstrap: how often each unit is drawn.

    Parameters
    ----------
    n : int
        Number of units.
    n_boot : int, default 1000
        Bootstrap resamples.
    seed : int, default 0
        Random seed.

    Returns
    -------
    numpy.ndarray
        ``(n_boot, n)`` integer array; each row sums to ``n`` (one resample of ``n``
        units drawn with replacement). A statistic that is a sum over units is then a
        matrix product: ``weights @ values``.

    Examples
    --------
    >>> from toolkit.validation import bootstrap_weights
    >>> w = bootstrap_weights(5, n_boot=3, seed=1)
    >>> w.shape, w.sum(axis=1).tolist()
    ((3, 5), [5, 5, 5])
    """
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot must be a whole number >= 1, got {n_boot!r}")
    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros((n_boot, 0), dtype=np.int64)
    draws = rng.integers(0, n, size=(n_boot, n)) + (np.arange(n_boot) * n)[:, None]
    return np.bincount(draws.ravel(), minlength=n_boot * n).reshape(n_boot, n)


def percentile_interval(boot: np.ndarray, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of bootstrap values (NaN resamples left out).

    Parameters
    ----------
    boot : numpy.ndarray
        ``(n_boot,)`` or ``(n_boot, k)`` resampled values.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds (per column); NaN where every resample is NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from toolkit.validation import percentile_interval
    >>> lo, hi = percentile_interval(np.arange(101.0), level=0.9)
    >>> round(float(lo), 6), round(float(hi), 6)
    (5.0, 95.0)
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    boot = np.asarray(boot, dtype=float)
    q = [(1 - level) / 2, (1 + level) / 2]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        lo, hi = np.nanquantile(boot, q, axis=0)
    return lo, hi


def _pair_stats(w: np.ndarray, agree: np.ndarray, ox: np.ndarray, oy: np.ndarray):
    """Percent, kappa and alpha of two complete codings, for rows of unit weights ``w``.

    ``agree``: 1 where the coders agree; ``ox``/``oy``: one-hot codes (units x labels).
    """
    w = np.asarray(w, dtype=float)
    n = w.sum(axis=-1)
    k = ox.shape[1]
    prod = w @ np.column_stack([agree, ox, oy])  # one pass over the resamples
    wa, cx, cy = prod[..., 0], prod[..., 1 : k + 1], prod[..., k + 1 :]
    with np.errstate(invalid="ignore", divide="ignore"):
        po = wa / n
        px, py = cx / n[..., None], cy / n[..., None]
        pe = (px * py).sum(axis=-1)
        kappa = np.where(pe < 1 - 1e-12, (po - pe) / (1 - pe), np.nan)
        # alpha: 2n pairable values; n_c = counts of label c over both coders
        nc = cx + cy
        total = 2 * n
        de = total**2 - (nc**2).sum(axis=-1)
        do = 2 * (n - wa)
        alpha = np.where(de > 0, 1 - (total - 1) * do / np.where(de > 0, de, 1), np.nan)
    return po, kappa, alpha


def _alpha_many(w: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Alpha from per-unit label counts (pairable units) for rows of unit weights."""
    m = counts.sum(axis=1)
    d_u = (m**2 - (counts**2).sum(axis=1)) / (m - 1)  # off-diagonal coincidences of unit u
    nc = w @ counts
    total = nc.sum(axis=-1)
    de = total**2 - (nc**2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(de > 0, 1 - (total - 1) * (w @ d_u) / np.where(de > 0, de, 1), np.nan)


def _long_codes(codes: pd.DataFrame, coders, frames) -> tuple[pd.DataFrame, str]:
    if not isinstance(codes, pd.DataFrame):
        raise TypeError(f"codes must be a DataFrame (unit_id, frame, code, coder), got {type(codes).__name__}")
    unit = "unit_id" if "unit_id" in codes.columns else "doc_id" if "doc_id" in codes.columns else None
    missing = [c for c in ("frame", "code", "coder") if c not in codes.columns]
    if unit is None or missing:
        need = (["unit_id"] if unit is None else []) + missing
        raise CorpusError(
            f"coder_agreement needs a long table of codes with columns unit_id (or doc_id), "
            f"frame, code, coder; missing: {need}"
        )
    df = codes[[unit, "frame", "code", "coder"]].rename(columns={unit: "unit_id"})
    df = df[df["code"].notna()].assign(frame=lambda d: d["frame"].astype(str),
                                       coder=lambda d: d["coder"].astype(str))
    if frames is not None:
        keep = [frames] if isinstance(frames, str) else list(frames)
        unknown = sorted(set(keep) - set(df["frame"]))
        if unknown:
            raise CorpusError(f"frame(s) {unknown} not in the codes (frames: {sorted(set(df['frame']))})")
        df = df[df["frame"].isin(keep)]
    if coders is not None:
        keep = [str(c) for c in ([coders] if isinstance(coders, str) else coders)]
        unknown = sorted(set(keep) - set(df["coder"]))
        if unknown:
            raise CorpusError(f"coder(s) {unknown} not in the codes (coders: {sorted(set(df['coder']))})")
        df = df[df["coder"].isin(keep)]
    dup = df.duplicated(["unit_id", "frame", "coder"])
    if dup.any():
        ex = df.loc[dup, ["unit_id", "frame", "coder"]].iloc[0].tolist()
        raise ValueError(f"a coder codes a unit twice for one frame (e.g. unit, frame, coder = {ex})")
    return df, unit


def coder_agreement(
    codes: pd.DataFrame,
    *,
    coders: Sequence[str] | None = None,
    frames: str | Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Agreement between coders, per frame and pair of coders, with bootstrap intervals.

    Parameters
    ----------
    codes : pandas.DataFrame
        A long table of codes, one row per unit, frame and coder: ``unit_id`` (or
        ``doc_id``), ``frame``, ``code`` (any nominal value: 0/1, True/False, labels;
        missing codes are left out) and ``coder``.
    coders : sequence of str, optional
        Only these coders (all by default).
    frames : str or sequence of str, optional
        Only these frames (all by default, in order of appearance).
    n_boot : int, default 1000
        Bootstrap resamples of units (see the module docstring).
    seed : int, default 0
        Random seed of the bootstrap.
    level : float, default 0.95
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per frame and pair of coders (``coder_a`` < ``coder_b`` in order of
        appearance): ``frame``, ``coder_a``, ``coder_b``, ``n_units`` (units both
        coded), ``percent`` (percent agreement as a share), ``percent_low``,
        ``percent_high``, ``kappa`` (Cohen), ``kappa_low``, ``kappa_high``, ``alpha``
        (Krippendorff, nominal), ``alpha_low``, ``alpha_high``. With three coders or
        more, one more row per frame with ``coder_a`` and ``coder_b`` ``"(all)"``:
        alpha over every coder (missing codes allowed; ``n_units``: units coded by at
        least two), percent and kappa NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit.validation as va
    >>> codes = pd.DataFrame({
    ...     "unit_id": [1, 2, 3, 4] * 2, "frame": "conflict",
    ...     "code": [1, 1, 0, 0, 1, 0, 0, 0], "coder": ["ana"] * 4 + ["ben"] * 4})
    >>> table = va.coder_agreement(codes, n_boot=200)
    >>> table.loc[0, ["frame", "coder_a", "coder_b"]].tolist()
    ['conflict', 'ana', 'ben']
    >>> int(table.loc[0, "n_units"]), float(table.loc[0, "percent"]), float(table.loc[0, "kappa"])
    (4, 0.75, 0.5)
    """
    df, _ = _long_codes(codes, coders, frames)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    if df["coder"].nunique() < 2:
        raise ValueError(
            f"agreement needs codes from at least two coders; found {sorted(set(df['coder']))} "
            "(is the 'coder' column filled in on every sheet?)"
        )
    rows = []
    for f_i, (frame, sub) in enumerate(df.groupby("frame", sort=False)):
        wide = sub.pivot(index="unit_id", columns="coder", values="code")
        order = [c for c in pd.unique(sub["coder"]) if c in wide.columns]
        wide = wide[order]
        labels, _ = pd.factorize(pd.Series(wide.to_numpy().ravel()))
        lab = labels.reshape(wide.shape)
        k = max(int(lab.max()) + 1, 1)
        eye = np.eye(k)
        for p_i, (ca, cb) in enumerate(itertools.combinations(range(len(order)), 2)):
            ok = (lab[:, ca] >= 0) & (lab[:, cb] >= 0)
            x, y = lab[ok, ca], lab[ok, cb]
            ox, oy, agree = eye[x], eye[y], (x == y).astype(float)
            est = _pair_stats(np.ones(len(x)), agree, ox, oy)
            boot = _pair_stats(
                bootstrap_weights(len(x), n_boot=n_boot, seed=seed + 7919 * f_i + p_i), agree, ox, oy
            )
            row = {"frame": frame, "coder_a": order[ca], "coder_b": order[cb], "n_units": len(x)}
            for name, e, b in zip(("percent", "kappa", "alpha"), est, boot, strict=True):
                lo, hi = percentile_interval(b, level=level) if len(x) else (np.nan, np.nan)
                row.update({name: float(e), f"{name}_low": float(lo), f"{name}_high": float(hi)})
            rows.append(row)
        if len(order) >= 3:
            counts = np.zeros((len(lab), k))
            u, c = np.nonzero(lab >= 0)
            np.add.at(counts, (u, lab[u, c]), 1)
            counts = counts[counts.sum(axis=1) >= 2]
            est = _alpha_many(np.ones(len(counts)), counts)
            boot = _alpha_many(bootstrap_weights(len(counts), n_boot=n_boot, seed=seed + 7919 * f_i + 997),
                               counts)
            lo, hi = percentile_interval(boot, level=level) if len(counts) else (np.nan, np.nan)
            rows.append({"frame": frame, "coder_a": "(all)", "coder_b": "(all)",
                         "n_units": len(counts), "percent": np.nan, "percent_low": np.nan,
                         "percent_high": np.nan, "kappa": np.nan, "kappa_low": np.nan,
                         "kappa_high": np.nan, "alpha": float(est), "alpha_low": float(lo),
                         "alpha_high": float(hi)})
    cols = ["frame", "coder_a", "coder_b", "n_units", "percent", "percent_low", "percent_high",
            "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("frame", "coder_a", "coder_b"):
        out[c] = out[c].astype("str")
    out["n_units"] = out["n_units"].astype(np.int64)
    out.attrs.update(n_boot=n_boot, seed=seed, level=level)
    return out


def label_scores(
    gold: Sequence,
    pred: Sequence,
    *,
    labels: Sequence | None = None,
    doc_ids: Sequence | None = None,
    level: float = 0.95,
    n_boot: int = 0,
    seed: int = 0,
) -> pd.DataFrame:
    """Per-class precision, recall and F1, macro-F1 and accuracy of predicted labels.

    For class *c*: precision = correct *c* predictions / all *c* predictions, recall =
    correct *c* predictions / all gold *c*, F1 their harmonic mean; ``macro`` averages the
    classes' F1 (every class counts the same, however rare); ``accuracy`` is the share of
    units labelled right. Intervals (``n_boot`` > 0) are percentile bootstraps that
    resample articles (``doc_ids``: several units of one article are not independent), or
    units when ``doc_ids`` is None.

    Parameters
    ----------
    gold : sequence
        Reference labels, one per unit.
    pred : sequence
        Predicted labels, aligned with ``gold``.
    labels : sequence, optional
        The classes to report, in order (default: those present, sorted).
    doc_ids : sequence, optional
        The article of each unit (an article's units are resampled together).
    level : float, default 0.95
        Confidence level.
    n_boot : int, default 0
        Bootstrap resamples (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per class, then ``macro`` and ``accuracy``: ``label``, ``precision``,
        ``recall``, ``f1`` (``f1`` holds macro-F1 / accuracy in those rows), ``support``
        (gold units of the class), ``ci_low``/``ci_high`` (of ``f1``).

    Examples
    --------
    >>> from toolkit.validation import label_scores
    >>> t = label_scores(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    >>> t[["label", "precision", "recall", "f1"]].round(3).values.tolist()
    [['a', 1.0, 0.5, 0.667], ['b', 0.667, 1.0, 0.8], ['macro', nan, nan, 0.733], ['accuracy', nan, nan, 0.75]]
    """
    g = np.asarray(list(gold), dtype=object)
    p = np.asarray(list(pred), dtype=object)
    if len(g) != len(p):
        raise ValueError(f"label_scores: {len(g)} gold labels but {len(p)} predictions")
    labs = list(labels) if labels is not None else sorted(set(g.tolist()) | set(p.tolist()), key=str)

    def _compute(gi, pi):
        rows = []
        for c in labs:
            tp = int(np.sum((gi == c) & (pi == c)))
            n_pred = int(np.sum(pi == c))
            n_gold = int(np.sum(gi == c))
            prec = tp / n_pred if n_pred else np.nan
            rec = tp / n_gold if n_gold else np.nan
            f1 = 2 * tp / (n_pred + n_gold) if (n_pred + n_gold) else np.nan
            rows.append((c, prec, rec, f1, n_gold))
        f1s = [r[3] for r in rows if not np.isnan(r[3])]
        macro = float(np.mean(f1s)) if f1s else np.nan
        acc = float(np.mean(gi == pi)) if len(gi) else np.nan
        return rows, macro, acc

    rows, macro, acc = _compute(g, p)
    out = pd.DataFrame(rows, columns=["label", "precision", "recall", "f1", "support"])
    out = pd.concat([out, pd.DataFrame([("macro", np.nan, np.nan, macro, len(g)),
                                        ("accuracy", np.nan, np.nan, acc, len(g))],
                                       columns=out.columns)], ignore_index=True)
    out["ci_low"] = np.nan
    out["ci_high"] = np.nan
    if n_boot and len(g):
        cl = np.asarray(list(doc_ids), dtype=object) if doc_ids is not None else np.arange(len(g))
        codes, uniq = pd.factorize(cl)
        members = pd.Series(np.arange(len(g))).groupby(codes).indices
        rng = np.random.default_rng(seed)
        boot = np.full((n_boot, len(out)), np.nan)
        for k in range(n_boot):
            pick = rng.integers(0, len(uniq), size=len(uniq))
            idx = np.concatenate([members[j] for j in pick])
            r, m, a = _compute(g[idx], p[idx])
            boot[k] = [x[3] for x in r] + [m, a]
        q = [(1 - level) / 2, (1 + level) / 2]
        with np.errstate(all="ignore"):
            lo, hi = np.nanquantile(boot, q, axis=0)
        out["ci_low"], out["ci_high"] = lo, hi
    return out
