"""Samples of units to code by hand, for validating frame measures.

A dictionary measure (``frame_scores``) is only as good as its agreement with careful
human reading. Validating it means drawing a *probability sample* of units (articles or
sentences), coding them by hand (:mod:`toolkit.coding`) and comparing the codes with the
predictions (Grimmer & Stewart 2013; Song et al. 2020). Two design choices matter:

* **Stratification.** Units are grouped into strata by the columns named in
  ``stratify``: metadata of the corpus (``"source"``) and, for a ``frame_scores`` table,
  the *predicted* presence of a frame, written ``"frame:<name>"`` (``"frame:negotiation"``
  is True where the dictionary finds the frame). Stratifying by prediction lets
  precision and recall be estimated from one sample.
* **Oversampling.** A frame found in 3 % of articles would give a simple random sample of
  50 about one positive. ``oversample="equal"`` (the default) shares ``n`` equally among
  the strata; an integer ``k`` shares ``n`` in proportion to stratum sizes after giving
  every stratum at least ``k`` units; ``None`` (or 0) is proportional allocation (a
  self-weighting sample). A stratum never gets more units than it has.

Because strata are sampled at different rates, every unit carries its **sampling
weight**, ``weight = stratum_size / sampled`` (the inverse of its inclusion probability
``inclusion = sampled / stratum_size``). Estimates for the whole corpus (a frame's share,
precision, recall) must be weighted with it (Horvitz & Thompson 1952; Lohr 2022, ch. 3);
unweighted shares describe the sample, not the corpus.

Reproducibility: units are sorted by ``unit_id`` before sampling, so the same ``seed``
gives the same sample whatever the row order of the input. :func:`split_halves` then
splits the coded units into a ``"dev"`` half (for refining the dictionary) and a ``"test"``
half kept untouched for the final estimate of its accuracy.

References
----------
* Grimmer, J. & Stewart, B. M. (2013). Text as data. *Political Analysis* 21(3).
* Song, H. et al. (2020). In validations we trust? *Political Communication* 37(4).
* Horvitz, D. G. & Thompson, D. J. (1952). *JASA* 47(260).
* Lohr, S. L. (2022). *Sampling: Design and Analysis*, 3rd ed. CRC Press.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .schema import CorpusError, CorpusWarning

__all__ = ["sample_for_coding", "split_halves", "FRAME_PREFIX"]

FRAME_PREFIX = "frame:"
"""Prefix of a ``stratify`` entry that means "predicted presence of this frame"."""

Unit = Literal["document", "sentence"]


def sample_for_coding(
    data: pd.DataFrame,
    n: int,
    *,
    stratify: str | Sequence[str] | None = None,
    unit: Unit | None = None,
    oversample: Literal["equal"] | int | None = "equal",
    seed: int = 0,
) -> pd.DataFrame:
    """Draw a reproducible stratified sample of units to code by hand.

    Parameters
    ----------
    data : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`), or the table returned by
        :func:`toolkit.frame_scores` (needed to stratify by a predicted frame). For
        sentence scores, keep the offsets: ``frame_scores(corpus, lexicon,
        unit="sentence", meta=["start", "end"])``.
    n : int
        Total number of units to sample.
    stratify : str or sequence of str, optional
        Columns whose combinations are the strata: metadata columns (``"source"``) and,
        for frame scores, ``"frame:<name>"`` for the predicted presence of a frame
        (True/False). None: one stratum (a simple random sample). Units without a value
        in a stratify column are left out with a warning.
    unit : {"document", "sentence"}, optional
        For a corpus: sample articles (default) or sentences (the toolkit's sentence
        split, :func:`toolkit.sentences`). For frame scores: their unit (the default);
        another value is an error.
    oversample : "equal", int or None, default "equal"
        Allocation of ``n`` to the strata: ``"equal"`` shares it equally (rare strata
        are oversampled most); an integer ``k`` gives every stratum at least ``k`` units
        and shares the rest in proportion to stratum sizes; None or 0 is proportional
        allocation. Strata never get more units than they have; what they cannot take
        goes to the others. Remainders go to the largest fractional shares, then to
        larger strata.
    seed : int, default 0
        Seed of the random choice. Same seed, same sample.

    Returns
    -------
    pandas.DataFrame
        One row per sampled unit, in random order (so strata are not in blocks on a
        coding sheet): ``unit_id`` (the ``doc_id``; for sentences
        ``"<doc_id>:<start>-<end>"``, character offsets into the article's text),
        ``doc_id``, ``sentence``, ``start``, ``end`` (sentence units), the stratify
        columns, ``stratum`` (a readable label, ``"source=A | frame:war=True"``),
        ``stratum_size`` (units of the stratum in the population), ``sampled`` (units
        sampled from it), ``inclusion`` (``sampled / stratum_size``) and ``weight``
        (``stratum_size / sampled``). ``attrs["seed"]`` holds the seed and
        ``attrs["design"]`` the design: ``n``, ``unit``, ``stratify``, ``oversample``,
        ``population`` and one entry per stratum (also those that got no unit).

    Raises
    ------
    CorpusError
        A stratify column is missing, a predicted frame is asked of a corpus, or
        sentence scores lack ``start``/``end``.
    ValueError
        ``n`` is not a whole number between 1 and the number of units, or
        ``oversample`` cannot be honoured with ``n`` units.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.sampling import sample_for_coding
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> sample = sample_for_coding(scores, 20, stratify="frame:crisis", seed=1)
    >>> sample.groupby("frame:crisis")[["stratum_size", "sampled"]].first()
                  stratum_size  sampled
    frame:crisis
    False                   92       11
    True                     9        9
    >>> round(float(sample["weight"].sum()))   # the weights add up to the population
    101
    """
    n = _check_n(n)
    columns = _as_list(stratify)
    units = _units(data, unit, columns)
    population = _drop_missing(units, columns)
    if n > len(population):
        raise ValueError(f"sample_for_coding: n={n} is more than the {len(population)} units available")
    population = population.sort_values("unit_id", kind="stable").reset_index(drop=True)
    if columns:
        keys = population[columns].apply(tuple, axis=1) if len(columns) > 1 else population[columns[0]]
        codes, strata = pd.factorize(keys, sort=True)
        labels = [_label(columns, s if len(columns) > 1 else (s,)) for s in strata]
    else:
        codes, labels = np.zeros(len(population), dtype=np.int64), ["all"]
    sizes = np.bincount(codes, minlength=len(labels))
    alloc = _allocate(sizes, n, oversample)
    rng = np.random.default_rng(seed)
    chosen = []
    for h in range(len(labels)):
        members = np.flatnonzero(codes == h)
        if alloc[h]:
            chosen.append(np.sort(rng.choice(members, size=int(alloc[h]), replace=False)))
    rows = np.concatenate(chosen)
    rows = rows[rng.permutation(len(rows))]
    out = population.iloc[rows].reset_index(drop=True)
    h = codes[rows]
    out["stratum"] = pd.Series([labels[i] for i in h], dtype="str")
    out["stratum_size"] = sizes[h].astype(np.int64)
    out["sampled"] = alloc[h].astype(np.int64)
    out["inclusion"] = out["sampled"] / out["stratum_size"]
    out["weight"] = out["stratum_size"] / out["sampled"]
    out.attrs = {
        "seed": seed,
        "design": {
            "n": n,
            "unit": units.attrs["unit"],
            "stratify": columns,
            "oversample": oversample,
            "population": len(population),
            "strata": [
                {"stratum": lab, "stratum_size": int(s), "sampled": int(a)}
                for lab, s, a in zip(labels, sizes, alloc, strict=True)
            ],
        },
    }
    return out


def split_halves(
    units: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    seed: int = 0,
    share: float = 0.5,
) -> pd.DataFrame:
    """Split coded units into a ``"dev"`` and a ``"test"`` half, reproducibly.

    Refine a dictionary on the dev half only; measure its accuracy once, at the end, on
    the test half (an estimate on units used for refining is too optimistic).

    Parameters
    ----------
    units : pandas.DataFrame
        A table with a ``unit_id`` column (``sample_for_coding`` output) or, failing
        that, ``doc_id`` (a corpus).
    by : str or sequence of str, optional
        Split within each group of these columns (e.g. ``"stratum"``), so both halves
        have the same mix. Units without a value in ``by`` are left out with a warning.
    seed : int, default 0
        Seed of the random split. Same seed, same halves.
    share : float, default 0.5
        Share of units in the dev half, between 0 and 1. Within each group,
        ``share * size`` rounded: the fractions left over go to the groups with the
        largest ones (ties at random), so the dev half has ``round(share * n)`` units.

    Returns
    -------
    pandas.DataFrame
        ``units`` in the same row order, with a column ``half`` (``"dev"`` or
        ``"test"``); ``attrs`` also records ``split_seed`` and ``split_share``.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.sampling import sample_for_coding, split_halves
    >>> sample = sample_for_coding(toolkit.load_demo(), 20, stratify="source")
    >>> halves = split_halves(sample, by="stratum", seed=3)
    >>> halves["half"].value_counts().sort_index().to_dict()
    {'dev': 10, 'test': 10}
    """
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"split_halves expects a table of units (a DataFrame), got {type(units).__name__}")
    key = "unit_id" if "unit_id" in units.columns else "doc_id"
    columns = _as_list(by)
    missing = [c for c in [key, *columns] if c not in units.columns]
    if missing:
        raise CorpusError(
            f"split_halves expects a table with a 'unit_id' (or 'doc_id') column and the by "
            f"columns; missing: {missing}"
        )
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share < 1:
        raise ValueError(f"split_halves: share must be a number between 0 and 1, got {share!r}")
    if units[key].duplicated().any():
        dup = units.loc[units[key].duplicated(), key].iloc[0]
        raise CorpusError(f"split_halves: {key} {dup!r} occurs more than once")
    kept = _drop_missing(units, columns, what="split_halves")
    order = kept.sort_values(key, kind="stable")
    if columns:
        keys = order[columns].apply(tuple, axis=1) if len(columns) > 1 else order[columns[0]]
        codes, groups = pd.factorize(keys, sort=True)
        n_groups = len(groups)
    else:
        codes, n_groups = np.zeros(len(order), dtype=np.int64), 1
    rng = np.random.default_rng(seed)
    sizes = np.bincount(codes, minlength=n_groups)
    quota = share * sizes
    dev = np.floor(quota).astype(np.int64)
    left = int(round(share * len(order))) - int(dev.sum())
    frac = quota - dev
    ranked = np.lexsort((rng.random(n_groups), -frac))
    for g in ranked[: max(left, 0)]:
        if dev[g] < sizes[g]:
            dev[g] += 1
    half = pd.Series("test", index=order.index, dtype="str")
    for g in range(n_groups):
        members = order.index[codes == g]
        picked = rng.permutation(len(members))[: dev[g]]
        half.loc[members[picked]] = "dev"
    out = units.copy()
    out["half"] = half.reindex(units.index)
    if len(kept) < len(units):
        out = out.loc[kept.index]
    out.attrs = {**units.attrs, "split_seed": seed, "split_share": share}
    return out


# ----------------------------------------------------------------------------- helpers
def _as_list(columns: str | Sequence[str] | None) -> list[str]:
    if columns is None:
        return []
    if isinstance(columns, str):
        return [columns]
    return [str(c) for c in columns]


def _check_n(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"sample_for_coding: n must be a whole number >= 1, got {n!r}")
    return int(n)


def _label(columns: list[str], values: tuple) -> str:
    return " | ".join(f"{c}={v}" for c, v in zip(columns, values, strict=True))


def _is_scores(data: pd.DataFrame) -> bool:
    return {"frame", "present"} <= set(data.columns) and "text" not in data.columns


def _units(data: pd.DataFrame, unit: str | None, columns: list[str]) -> pd.DataFrame:
    """One row per unit: ``unit_id``, ``doc_id`` (sentence, start, end) and the strata."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            "sample_for_coding expects a corpus or a frame_scores table (a DataFrame), "
            f"got {type(data).__name__}"
        )
    if unit not in (None, "document", "sentence"):
        raise ValueError(f"sample_for_coding: unit must be 'document' or 'sentence', got {unit!r}")
    frames = [c[len(FRAME_PREFIX):] for c in columns if c.startswith(FRAME_PREFIX) and c not in data.columns]
    if _is_scores(data):
        out = _units_from_scores(data, unit, frames)
    else:
        if "doc_id" not in data.columns:
            raise CorpusError(
                "sample_for_coding expects a corpus (with 'doc_id') or the table returned by "
                "frame_scores (with 'doc_id', 'frame' and 'present')"
            )
        if frames:
            raise CorpusError(
                f"sample_for_coding: stratify={FRAME_PREFIX + frames[0]!r} needs predictions; pass "
                "the table returned by frame_scores instead of the corpus"
            )
        if (unit or "document") == "sentence":
            from .sentences import sentences

            table = sentences(data, progress=False).drop(columns=["text"])
            ids = table["doc_id"].astype(str) + ":" + table["start"].astype(str) + "-" + table["end"].astype(str)
            out = table.assign(unit_id=ids.astype("str"))
            out.attrs = {"unit": "sentence"}
        else:
            out = data.drop(columns=[c for c in ("text", "title") if c in data.columns])
            out = out.assign(unit_id=data["doc_id"].astype("str"))
            out.attrs = {"unit": "document"}
    missing = [c for c in columns if c not in out.columns]
    if missing:
        raise CorpusError(f"sample_for_coding: stratify columns {missing} are not in the data")
    lead = ["unit_id", "doc_id"] + [c for c in ("sentence", "start", "end") if c in out.columns]
    keep = lead + [c for c in columns if c not in lead]
    result = out[keep].reset_index(drop=True)
    result.attrs = out.attrs
    return result


def _units_from_scores(scores: pd.DataFrame, unit: str | None, frames: list[str]) -> pd.DataFrame:
    sentence = "sentence" in scores.columns
    found = "sentence" if sentence else "document"
    if unit is not None and unit != found:
        raise CorpusError(
            f"sample_for_coding: unit={unit!r}, but the frame scores are per {found}; score "
            f"with frame_scores(..., unit={unit!r})"
        )
    if sentence and not {"start", "end"} <= set(scores.columns):
        raise CorpusError(
            "sample_for_coding needs the sentences' character offsets to identify them; score "
            "with frame_scores(corpus, lexicon, unit='sentence', meta=['start', 'end'])"
        )
    known = set(scores["frame"].astype(str).unique())
    unknown = [f for f in frames if f not in known]
    if unknown:
        raise CorpusError(
            f"sample_for_coding: frames {unknown} are not in the frame scores (frames: {sorted(known)})"
        )
    key = ["doc_id", "sentence"] if sentence else ["doc_id"]
    skip = {"frame", "count", "present", "tokens", "score"}
    meta_cols = [c for c in scores.columns if c not in skip]
    first = scores.drop_duplicates(key)[meta_cols].reset_index(drop=True)
    for col in first.columns:
        if isinstance(first[col].dtype, pd.CategoricalDtype):
            first[col] = first[col].astype(first[col].cat.categories.dtype)
    first["doc_id"] = first["doc_id"].astype("str")
    for f in frames:
        part = scores.loc[scores["frame"].astype(str) == f, [*key, "present"]].copy()
        part["doc_id"] = part["doc_id"].astype("str")
        flag = part.drop_duplicates(key).set_index(key)["present"].astype(bool)
        idx = pd.MultiIndex.from_frame(first[key]) if sentence else pd.Index(first["doc_id"])
        first[FRAME_PREFIX + f] = flag.reindex(idx).to_numpy()
    if sentence:
        first["unit_id"] = (
            first["doc_id"] + ":" + first["start"].astype(str) + "-" + first["end"].astype(str)
        ).astype("str")
    else:
        first["unit_id"] = first["doc_id"]
    first.attrs = {"unit": found}
    return first


def _drop_missing(units: pd.DataFrame, columns: list[str], what: str = "sample_for_coding") -> pd.DataFrame:
    if not columns:
        return units
    bad = units[columns].isna().any(axis=1)
    if bad.any():
        warnings.warn(
            f"{what}: {int(bad.sum())} units without a value in {columns} are left out",
            CorpusWarning,
            stacklevel=3,
        )
        kept = units.loc[~bad]
        kept.attrs = units.attrs
        return kept
    return units


def _allocate(sizes: np.ndarray, n: int, oversample: object) -> np.ndarray:
    """Units per stratum: a floor per stratum, then the rest equally or proportionally."""
    if oversample == "equal":
        equal, floor = True, 0
    elif oversample is None:
        equal, floor = False, 0
    elif isinstance(oversample, (int, np.integer)) and not isinstance(oversample, bool) and oversample >= 0:
        equal, floor = False, int(oversample)
    else:
        raise ValueError(
            f"sample_for_coding: oversample must be 'equal', a whole number >= 0 or None, got {oversample!r}"
        )
    sizes = np.asarray(sizes, dtype=np.int64)
    alloc = np.minimum(sizes, floor)
    if alloc.sum() > n:
        raise ValueError(
            f"sample_for_coding: oversample={floor} asks for {int(alloc.sum())} units over "
            f"{len(sizes)} strata, more than n={n}; raise n or lower oversample"
        )
    while (rest := n - int(alloc.sum())) > 0:
        cap = sizes - alloc
        weight = np.where(cap > 0, 1.0 if equal else sizes.astype(float), 0.0)
        quota = rest * weight / weight.sum()
        add = np.minimum(np.floor(quota).astype(np.int64), cap)
        left = rest - int(add.sum())
        room = np.flatnonzero(cap - add > 0)
        frac = (quota - np.floor(quota))[room]
        ranked = room[np.lexsort((room, -sizes[room], -frac))]
        add[ranked[:left]] += 1
        alloc = alloc + add
    return alloc
