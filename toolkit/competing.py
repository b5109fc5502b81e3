"""Competing frames: which of several frames (e.g. names of the war) an outlet uses.

:func:`frame_shares` gives the share of mentions each competing frame receives per
group; :func:`dominant_frame` the most frequent one in each unit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._compat import keyword_only
from .counts import as_columns
from .lexicon import Lexicon, load_lexicon
from .scoring import META_COLUMNS
from .tables import require_table

EXPECTS = "the table returned by frame_scores (or frame_prevalence)"


def resolve_frames(
    data: pd.DataFrame,
    frames: Sequence[str] | None,
    group: str | None,
    lexicon: Lexicon | str | None,
) -> list[str]:
    """The frames a table's ``frames=``/``group=`` arguments select (typos are errors).

    Parameters
    ----------
    data : pandas.DataFrame
        A table with a ``frame`` column (and lexicon information in ``attrs``).
    frames : sequence of str or None
        Frame names or frame group names.
    group : str or None
        A frame group of the lexicon.
    lexicon : Lexicon or str or None
        Where to look ``group`` up when ``data.attrs`` has no groups.

    Returns
    -------
    list of str
        The chosen frame names.
    """
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


@keyword_only(1, ("by",))
def frame_shares(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
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

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> shares = toolkit.frame_shares(scores, group="war_name")
    >>> borealis = shares[shares["source"] == "Borealis Agency"]
    >>> borealis.set_index("frame")["share"].round(3).to_dict()
    {'war': 0.2, 'invasion': 0.0, 'special_military_operation': 0.7, 'conflict': 0.1, 'crisis': 0.0}
    """
    cols = as_columns(by)
    require_table(data, [*cols, "frame", "count"], "frame_shares", EXPECTS)
    chosen = resolve_frames(data, frames, group, lexicon)
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

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> top = toolkit.dominant_frame(scores, group="war_name")
    >>> len(top), top["frame"].value_counts().head(2).to_dict()
    (101, {'war': 64, 'conflict': 15})
    >>> int(top["frame"].isna().sum())   # articles that name the war in none of these ways
    6
    """
    require_table(scores, ["frame", "count"], "dominant_frame", EXPECTS)
    chosen = resolve_frames(scores, frames, group, lexicon)
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
