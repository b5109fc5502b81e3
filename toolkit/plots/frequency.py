"""Plots for word frequency results."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import OKABE_ITO, group_colors, new_axes, tidy_axes


def plot_top_terms(
    freq: pd.DataFrame,
    by: str | None = None,
    *,
    n: int = 10,
    value: str = "per_10k",
    ncols: int = 3,
    sharex: bool = True,
) -> np.ndarray:
    """Horizontal bars of the top terms, one panel per group.

    Parameters
    ----------
    freq : pandas.DataFrame
        Output of :func:`toolkit.word_frequencies`.
    by : str, optional
        The grouping column (one panel per value); None for one panel.
    n : int, default 10
        Terms per panel.
    value : str, default "per_10k"
        Column to plot (``"count"`` or ``"per_10k"``).
    ncols : int, default 3
        Panels per row.
    sharex : bool, default True
        One x-scale for all panels, so bar lengths compare across groups.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The panels (flattened).
    """
    groups = [None] if by is None else list(pd.unique(freq[by]))
    ncols = min(ncols, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.2 * ncols, 0.28 * n * nrows + 1.2 * nrows),
        layout="constrained", squeeze=False, sharex=sharex,
    )
    colors = group_colors(groups if by else ["all"])
    for ax, g in zip(axes.flat, groups, strict=False):
        sub = freq if g is None else freq[freq[by] == g]
        # the n largest values; ties at the cut-off are broken alphabetically
        sub = sub.sort_values([value, "term"], ascending=[False, True]).head(n).iloc[::-1]
        ax.barh(sub["term"].astype(str), sub[value], color=colors[str(g) if by else "all"])
        ax.set_title(str(g) if g is not None else "all documents", fontsize=10)
        ax.set_xlabel("per 10,000 words" if value == "per_10k" else value)
        ax.tick_params(axis="x", labelbottom=True)
        tidy_axes(ax)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    return axes.ravel()


def plot_trends(trends: pd.DataFrame, by: str | None = "source", *, ax: Axes | None = None) -> Axes:
    """Lines of normalised frequency over time.

    Parameters
    ----------
    trends : pandas.DataFrame
        Output of :func:`toolkit.term_trends`. With several terms and a grouping
        column, one line per group and term.
    by : str, optional
        The grouping column used in :func:`toolkit.term_trends`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax, (8, 4))
    keys = [k for k in (by, "term") if k and k in trends.columns and trends[k].nunique() > 1]
    if not keys:
        keys = ["term"]
    styles = ["-", "--", ":", "-."]
    terms = list(pd.unique(trends["term"]))
    colors = group_colors(trends[by].unique()) if by and by in trends.columns else {}
    for key, sub in trends.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        label = " / ".join(str(k) for k in key)
        group = str(sub[by].iloc[0]) if by and by in sub.columns else None
        term = sub["term"].iloc[0]
        color = colors.get(group, OKABE_ITO[terms.index(term) % len(OKABE_ITO)])
        ls = styles[terms.index(term) % len(styles)] if colors else "-"
        ax.plot(sub["period"], sub["per_10k"], ls, marker="o", ms=3, color=color, label=label)
    ax.set_ylabel("per 10,000 words")
    ax.set_xlabel("period (gaps: nothing published)")
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return tidy_axes(ax)


def plot_xray(locations: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Lexical dispersion ("x-ray") plot: one tick where each term occurs.

    Parameters
    ----------
    locations : pandas.DataFrame
        Output of :func:`toolkit.term_locations`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.axes.Axes
    """
    terms = locations.attrs.get("terms") or list(pd.unique(locations["term"]))
    total = locations.attrs.get("corpus_tokens") or (locations["corpus_position"].max() + 1)
    ax = new_axes(ax, (8, 0.45 * len(terms) + 1))
    for i, term in enumerate(terms):
        x = locations.loc[locations["term"] == term, "corpus_position"] / total
        ax.plot(x, np.full(len(x), i), "|", ms=14, color=OKABE_ITO[i % len(OKABE_ITO)])
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(-0.7, len(terms) - 0.3)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the corpus (share of all tokens, in corpus order)")
    return tidy_axes(ax)


def plot_zipf(freq: pd.DataFrame, *, ax: Axes | None = None, label: str | None = None) -> Axes:
    """Rank-frequency plot on log-log axes, with a reference line of slope -1.

    Parameters
    ----------
    freq : pandas.DataFrame
        Output of :func:`toolkit.word_frequencies` for one group (``by=None``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    label : str, optional
        Legend label.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax, (5, 4))
    counts = np.sort(freq["count"].to_numpy())[::-1]
    ranks = np.arange(1, len(counts) + 1)
    ax.loglog(ranks, counts, ".", ms=3, color=OKABE_ITO[0], label=label or "observed")
    if len(counts):
        ax.loglog(ranks, counts[0] / ranks, "--", color=OKABE_ITO[5], lw=1, label="Zipf: f ∝ 1/rank")
    ax.set_xlabel("rank")
    ax.set_ylabel("count")
    ax.legend(frameon=False)
    return tidy_axes(ax)
