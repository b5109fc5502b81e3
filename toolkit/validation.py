"""Validation of frame scores against hand annotations, and inter-coder agreement.

A dictionary count is a measurement instrument; before it is used to compare outlets it
should be checked against human judgement. :func:`validate_frames` compares frame
presence with article annotations (e.g. the demo corpus's author labels) and reports
precision, recall and F1 per frame; :func:`validation_errors` lists the articles the
dictionary gets wrong, so they can be read. :func:`agreement` measures agreement
between two codings of the same units (Cohen's kappa, Krippendorff's alpha, percent
agreement).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .schema import CorpusError
from .tables import require_table

# ------------------------------------------------------------ frame validation


def _doc_presence(scores: pd.DataFrame, frames: Sequence[str]) -> pd.DataFrame:
    require_table(scores, ["doc_id", "frame", "present"], "validate_frames",
                  "the table returned by frame_scores")
    df = scores[scores["frame"].astype(str).isin(list(frames))]
    # sentence units: an article has the frame when its sentences together reach the
    # min_count that frame_scores used for presence (1 by default: any sentence)
    agg = {"count": ("count", "sum")}
    if "source" in df.columns:
        agg["source"] = ("source", "first")
    out = (
        df.assign(frame=df["frame"].astype(str))
        .groupby(["doc_id", "frame"], sort=False, observed=True)
        .agg(**agg)
        .reset_index()
    )
    out["present"] = out["count"] >= scores.attrs.get("min_count", 1)
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
    po = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pe < 1, (po - pe) / (1 - pe), np.nan)


def validate_frames(
    scores: pd.DataFrame,
    annotations: pd.DataFrame,
    mapping: Mapping[str, tuple[str, Any]],
) -> pd.DataFrame:
    """Compare frame presence with hand annotations: precision, recall, F1 per frame.

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`toolkit.frames.frame_scores` output. Sentence scores are combined per
        article (the frame is present when any sentence has it).
    annotations : pandas.DataFrame
        One row per article: ``doc_id`` and label columns (e.g.
        :func:`toolkit.demo.load_annotations`). A column ``annotation`` of dicts is
        expanded into columns.
    mapping : mapping of str to (str, value or list of values)
        Frame name -> (annotation column, label value(s) that mean the frame is
        present), e.g. ``{"euphemised_setback": ("defeat_wording", "euphemistic"),
        "negotiation": ("negotiation_stance", ["open", "sceptical"])}``.

    Returns
    -------
    pandas.DataFrame
        One row per frame of ``mapping``: ``frame``, ``annotation``, ``positive``,
        ``n`` (articles both scored and annotated; missing labels left out), ``tp``,
        ``fp``, ``fn``, ``tn``, ``precision`` (tp / (tp + fp)), ``recall``
        (tp / (tp + fn)), ``f1`` (their harmonic mean), ``accuracy`` and ``kappa``
        (Cohen's kappa of the two binary codings). A ratio with a zero denominator is
        NaN.

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
    """
    joined = _joined(scores, annotations, mapping)
    p, g = joined["present"].to_numpy(bool), joined["gold"].to_numpy(bool)
    joined = joined.assign(
        tp=p & g, fp=p & ~g, fn=~p & g, tn=~p & ~g
    )
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
        .reindex(list(mapping))
        .reset_index()
    )
    for c in ("n", "tp", "fp", "fn", "tn"):
        out[c] = out[c].astype(np.int64)
    tp, fp, fn, tn = (out[c].to_numpy(dtype=float) for c in ("tp", "fp", "fn", "tn"))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    out["precision"] = precision
    out["recall"] = recall
    out["f1"] = f1
    out["accuracy"] = (tp + tn) / out["n"].to_numpy()
    out["kappa"] = _kappa_from_counts(tp, fp, fn, tn)
    for c in ("frame", "annotation", "positive"):
        out[c] = out[c].astype("str")
    return out


def validation_errors(
    scores: pd.DataFrame,
    annotations: pd.DataFrame,
    mapping: Mapping[str, tuple[str, Any]],
) -> pd.DataFrame:
    """The articles a frame gets wrong, to read them (false positives and negatives).

    Parameters
    ----------
    scores, annotations, mapping
        As in :func:`validate_frames`.

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
    joined = _joined(scores, annotations, mapping)
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
