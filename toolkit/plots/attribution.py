"""Plots of attribution tables: reporting verb stance and share of voice per outlet."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import OKABE_ITO, check_table, new_axes, tidy_axes

__all__ = ["SPEAKER_GROUP_COLORS", "plot_reporting_verbs", "plot_share_of_voice"]

SPEAKER_GROUP_COLORS: dict[str, str] = {
    "russian_officials": OKABE_ITO[5],  # vermillion
    "ukrainian_officials": OKABE_ITO[0],  # blue
    "western_officials": OKABE_ITO[4],  # sky blue
    "other_governments": OKABE_ITO[6],  # yellow
    "military_sources": OKABE_ITO[2],  # bluish green
    "experts": OKABE_ITO[3],  # reddish purple
    "civilians": OKABE_ITO[1],  # orange
    "international_orgs": OKABE_ITO[7],  # black
    "media": "#8C6D31",  # brown
    "anonymous": "#666666",  # dark grey
    "unknown": "#CCCCCC",  # light grey
}
"""One fixed colour per speaker group (Okabe-Ito, then brown and greys): the same group
has the same colour in every chart, and eleven groups never reuse a colour."""

CATEGORY_COLORS: dict[str, str] = {
    "neutral": "#BBBBBB", "distancing": OKABE_ITO[5], "endorsing": OKABE_ITO[2],
    "conflictual": OKABE_ITO[1], "tentative": OKABE_ITO[0],
}


def _labels(table: pd.DataFrame, keys: list[str]) -> pd.Series:
    if not keys:
        return pd.Series(["all"] * len(table), index=table.index)
    return table[keys].astype(str).agg(" / ".join, axis=1)


def _stacked(ax: Axes, table: pd.DataFrame, keys: list[str], category: str, colors: dict,
             order: list[str]) -> None:
    lab = _labels(table, keys)
    groups = list(dict.fromkeys(lab))
    wide = (table.assign(_g=lab).pivot_table(index="_g", columns=category, values="share",
                                             aggfunc="sum", fill_value=0.0)
            .reindex(index=groups))
    cats = [c for c in order if c in wide.columns] + [c for c in wide.columns if c not in order]
    totals = table.assign(_g=lab).groupby("_g", sort=False)["total"].first().reindex(groups)
    left = np.zeros(len(groups))
    y = np.arange(len(groups))
    for j, c in enumerate(cats):
        vals = wide[c].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=colors.get(c, OKABE_ITO[j % len(OKABE_ITO)]),
                edgecolor="white", linewidth=0.5, label=str(c).replace("_", " "))
        left += vals
    ax.set_yticks(y)
    ax.set_yticklabels([f"{g}  (n={t:,.0f})" for g, t in zip(groups, totals, strict=True)])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.legend(frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left", fontsize="small")


def _dots(ax: Axes, table: pd.DataFrame, keys: list[str], color: str) -> None:
    lab = _labels(table, keys)
    y = np.arange(len(table))
    share = table["share"].to_numpy(dtype=float)
    ax.scatter(share, y, color=color, zorder=3)
    if {"ci_low", "ci_high"} <= set(table.columns):
        lo = table["ci_low"].to_numpy(dtype=float)
        hi = table["ci_high"].to_numpy(dtype=float)
        ok = ~(np.isnan(lo) | np.isnan(hi))
        ax.hlines(y[ok], lo[ok], hi[ok], color=color, linewidth=2, alpha=0.6)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{g}  ({n:,.0f}/{t:,.0f})" for g, n, t in
                        zip(lab, table["n"], table["total"], strict=True)])
    ax.invert_yaxis()
    ax.set_xlim(0, max(1e-9, float(np.nanmax(np.r_[share, table.get("ci_high", share)]))) * 1.1)


def plot_reporting_verbs(
    shares: pd.DataFrame,
    *,
    category: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stance of the reporting verbs per outlet (and speaker group).

    Without ``category``: one stacked bar per group, the shares of neutral, distancing,
    endorsing, conflictual and tentative verbs (n = attributions). With ``category``: the
    share of that category per group as a dot with its bootstrap interval over articles,
    labelled with its count (e.g. distancing verbs for each outlet x speaker group).

    Parameters
    ----------
    shares : pandas.DataFrame
        Output of :func:`toolkit.reporting.reporting_verbs`.
    category : str, optional
        One category (or lemma) to show with intervals.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from toolkit.plots import plot_reporting_verbs
    >>> t = pd.DataFrame({"source": ["X", "X"], "cue_category": ["neutral", "distancing"],
    ...     "n": [3.0, 1.0], "total": [4.0, 4.0], "docs": [2, 2], "share": [0.75, 0.25],
    ...     "ci_low": [0.5, 0.0], "ci_high": [1.0, 0.5]})
    >>> ax = plot_reporting_verbs(t)
    >>> [float(p.get_width()) for p in ax.patches]
    [0.75, 0.25]
    """
    value = next((c for c in ("cue_category", "cue_lemma") if c in getattr(shares, "columns", [])),
                 "cue_category")
    check_table(shares, "plot_reporting_verbs", "toolkit.reporting_verbs", [value, "share", "n", "total"])
    keys = [c for c in shares.columns if c not in
            {value, "n", "total", "docs", "share", "ci_low", "ci_high"}]
    if category is None:
        n_groups = shares[keys].drop_duplicates().shape[0] if keys else 1
        ax = new_axes(ax, (8, max(2.5, 0.4 * n_groups + 1)), func="plot_reporting_verbs")
        order = list(CATEGORY_COLORS)
        _stacked(ax, shares, keys, value, CATEGORY_COLORS, order)
        ax.set_xlabel("share of attributions")
        ax.set_title("Reporting verbs by stance")
    else:
        sub = shares[shares[value].astype(str) == str(category)].reset_index(drop=True)
        if sub.empty:
            raise ValueError(f"plot_reporting_verbs: category {category!r} is not in the table "
                             f"(values: {sorted(shares[value].astype(str).unique())[:10]})")
        ax = new_axes(ax, (7, max(2.5, 0.35 * len(sub) + 1)), func="plot_reporting_verbs")
        _dots(ax, sub, keys, CATEGORY_COLORS.get(str(category), OKABE_ITO[0]))
        ax.set_xlabel(f"share of attributions with a {category} verb (bootstrap interval over articles)")
        ax.set_title(f"{str(category).capitalize()} reporting verbs")
    tidy_axes(ax)
    return ax


def plot_share_of_voice(shares: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Who gets to speak: each outlet's attributions (or quoted words) by speaker group.

    One stacked bar per outlet (or group of the ``by`` columns), one colour per speaker
    group (:data:`SPEAKER_GROUP_COLORS`, fixed across charts), labelled with the total.

    Parameters
    ----------
    shares : pandas.DataFrame
        Output of :func:`toolkit.voice.share_of_voice`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from toolkit.plots import plot_share_of_voice
    >>> t = pd.DataFrame({"source": ["X", "X"], "speaker_group": ["russian_officials", "unknown"],
    ...     "n": [1.0, 3.0], "total": [4.0, 4.0], "docs": [2, 2], "share": [0.25, 0.75],
    ...     "ci_low": [0.0, 0.5], "ci_high": [0.5, 1.0], "measure": ["attributions"] * 2})
    >>> ax = plot_share_of_voice(t)
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [0.25, 0.75]
    """
    check_table(shares, "plot_share_of_voice", "toolkit.share_of_voice",
                ["speaker_group", "share", "n", "total"])
    keys = [c for c in shares.columns if c not in
            {"speaker_group", "n", "total", "docs", "share", "ci_low", "ci_high", "measure"}]
    n_groups = shares[keys].drop_duplicates().shape[0] if keys else 1
    ax = new_axes(ax, (8, max(2.5, 0.4 * n_groups + 1)), func="plot_share_of_voice")
    _stacked(ax, shares, keys, "speaker_group", SPEAKER_GROUP_COLORS, list(SPEAKER_GROUP_COLORS))
    measure = str(shares["measure"].iloc[0]) if "measure" in shares.columns and len(shares) else "attributions"
    what = {"attributions": "attributions", "quoted_words": "quoted words",
            "first": "articles, by the group quoted first"}.get(measure, measure)
    ax.set_xlabel(f"share of {what}")
    ax.set_title("Share of voice by speaker group")
    tidy_axes(ax)
    return ax
