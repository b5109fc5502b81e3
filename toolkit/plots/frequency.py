"""Plots for word frequency results."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._compat import keyword_only, renamed
from .style import (
    OKABE_ITO,
    check_table,
    group_colors,
    marker_for,
    new_axes,
    panel_axes,
    tidy_axes,
)


@renamed(n="top", freq="frequencies")
@keyword_only(1, ("by",))
def plot_top_terms(
    frequencies: pd.DataFrame,
    *,
    by: str | None = None,
    top: int = 10,
    value: str = "per_10k",
    ncols: int = 3,
    sharex: bool = True,
    ax: Axes | None = None,
    axes: Sequence[Axes] | np.ndarray | None = None,
) -> np.ndarray:
    """Horizontal bars of the top terms, one panel per group.

    Parameters
    ----------
    frequencies : pandas.DataFrame
        Output of :func:`toolkit.word_frequencies`.
    by : str, optional
        The grouping column (one panel per value); None for one panel.
    top : int, default 10
        Terms per panel.
    value : str, default "per_10k"
        Column to plot (``"count"`` or ``"per_10k"``).
    ncols : int, default 3
        Panels per row of a new figure (ignored with ``ax`` or ``axes``).
    sharex : bool, default True
        One x-scale for all panels, so bar lengths compare across groups (with
        ``axes``, the same x-limits are set on the panels drawn).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on when there is one panel (``by=None`` or a single group).
    axes : sequence or array of matplotlib.axes.Axes, optional
        Axes to draw on, one per group in order of appearance (any shape, read in row
        order); Axes beyond the number of groups are hidden, as in a new figure.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The panels (flattened), always an array, also with ``ax`` (then of length 1).

    Raises
    ------
    toolkit.CorpusError
        If ``frequencies`` is not a :func:`toolkit.word_frequencies` table (e.g. a corpus), or
        ``value`` or ``by`` is not one of its columns.
    ValueError
        If ``ax`` is given for several panels, or ``axes`` holds too few Axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_top_terms
    >>> stop = toolkit.get_stopwords("bundled")
    >>> freq = toolkit.word_frequencies(toolkit.load_demo(), by="source", stopwords=stop, top=5)
    >>> axes = plot_top_terms(freq, by="source")   # a new 3 x 3 grid, two panels hidden
    >>> sum(a.get_visible() for a in axes), axes[0].get_title()
    (7, 'Borealis Agency')
    >>> plt.close("all")
    """
    n = top
    func = "plot_top_terms"
    check_table(
        frequencies, func, "toolkit.word_frequencies", ["term", "count"], {"value": value, "by": by}
    )
    groups = [None] if by is None else (list(pd.unique(frequencies[by])) or [None])
    panels, created = panel_axes(
        len(groups), ax=ax, axes=axes, ncols=ncols, panel_size=(4.2, 0.28 * n + 1.2),
        func=func, what=f"one per value of {by!r}", sharex=sharex,
    )
    colors = group_colors(groups if by else ["all"])
    drawn = list(panels[: len(groups)])
    for pane, g in zip(drawn, groups, strict=True):
        sub = frequencies if g is None else frequencies[frequencies[by] == g]
        # the n largest values; ties at the cut-off are broken alphabetically
        sub = sub.sort_values([value, "term"], ascending=[False, True]).head(n).iloc[::-1]
        pane.barh(sub["term"].astype(str), sub[value], color=colors[str(g) if by else "all"])
        pane.set_title(str(g) if g is not None else "all documents", fontsize=10)
        pane.set_xlabel("per 10,000 words" if value == "per_10k" else value)
        pane.tick_params(axis="x", labelbottom=True)
        tidy_axes(pane)
    if sharex and not created and len(drawn) > 1:
        limits = [pane.get_xlim() for pane in drawn]
        left, right = min(lo for lo, _ in limits), max(hi for _, hi in limits)
        for pane in drawn:
            pane.set_xlim(left, right)
    for pane in panels[len(groups):]:
        pane.set_visible(False)
    return panels


@keyword_only(1, ("by",))
def plot_trends(trends: pd.DataFrame, *, by: str | None = "source", ax: Axes | None = None) -> Axes:
    """Lines of normalised frequency over time.

    Parameters
    ----------
    trends : pandas.DataFrame
        Output of :func:`toolkit.term_trends`. With several terms and a grouping
        column, one line per group and term.
    by : str, optional
        The grouping column used in :func:`toolkit.term_trends`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): one line per group and term.

    Raises
    ------
    toolkit.CorpusError
        If ``trends`` is not a :func:`toolkit.term_trends` table (e.g. a corpus).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_trends
    >>> corpus = toolkit.load_demo()
    >>> trends = toolkit.term_trends(corpus, ["regroup*", "retreat*"], by=None, freq="M")
    >>> fig, ax = plt.subplots()
    >>> ax = plot_trends(trends, by=None, ax=ax)
    >>> [line.get_label() for line in ax.lines]
    ['regroup*', 'retreat*']
    >>> plt.close(fig)
    """
    check_table(trends, "plot_trends", "toolkit.term_trends", ["period", "term", "per_10k"])
    ax = new_axes(ax, (8, 4), func="plot_trends")
    keys = [k for k in (by, "term") if k and k in trends.columns and trends[k].nunique() > 1]
    if not keys:
        keys = ["term"]
    styles = ["-", "--", ":", "-."]
    terms = list(pd.unique(trends["term"]))
    colors = group_colors(trends[by].unique()) if by and by in trends.columns else {}
    groups = sorted(colors)
    for key, sub in trends.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        label = " / ".join(str(k) for k in key)
        group = str(sub[by].iloc[0]) if by and by in sub.columns else None
        term = sub["term"].iloc[0]
        color = colors.get(group, OKABE_ITO[terms.index(term) % len(OKABE_ITO)])
        # beyond eight colours, the line style (terms) or the marker (groups) tells lines apart
        ls = styles[terms.index(term) % len(styles)] if colors else styles[
            (terms.index(term) // len(OKABE_ITO)) % len(styles)]
        marker = marker_for(groups.index(group)) if group in groups else "o"
        ax.plot(sub["period"], sub["per_10k"], ls, marker=marker, ms=3, color=color, label=label)
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
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): one row of ticks per term.

    Raises
    ------
    toolkit.CorpusError
        If ``locations`` is not a :func:`toolkit.term_locations` table (e.g. a corpus).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_xray
    >>> places = toolkit.term_locations(toolkit.load_demo(), ["regroup*", "goodwill gesture"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_xray(places, ax=ax)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['regroup*', 'goodwill gesture']
    >>> plt.close(fig)
    """
    check_table(locations, "plot_xray", "toolkit.term_locations", ["term", "corpus_position"])
    terms = locations.attrs.get("terms") or list(pd.unique(locations["term"]))
    total = locations.attrs.get("corpus_tokens") or (locations["corpus_position"].max() + 1)
    ax = new_axes(ax, (8, 0.45 * len(terms) + 1), func="plot_xray")
    for i, term in enumerate(terms):
        x = locations.loc[locations["term"] == term, "corpus_position"] / total
        ax.plot(x, np.full(len(x), i), "|", ms=14, color=OKABE_ITO[i % len(OKABE_ITO)])
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(-0.7, len(terms) - 0.3)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the corpus (share of all tokens, in corpus order)")
    return tidy_axes(ax)


@renamed(freq="frequencies")
def plot_zipf(frequencies: pd.DataFrame, *, ax: Axes | None = None, label: str | None = None) -> Axes:
    """Rank-frequency plot on log-log axes, with a reference line of slope -1.

    Parameters
    ----------
    frequencies : pandas.DataFrame
        Output of :func:`toolkit.word_frequencies` for one group (``by=None``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).
    label : str, optional
        Legend label.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): observed counts and the reference line.

    Raises
    ------
    toolkit.CorpusError
        If ``frequencies`` is not a :func:`toolkit.word_frequencies` table (e.g. a corpus).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_zipf
    >>> freq = toolkit.word_frequencies(toolkit.load_demo())
    >>> fig, ax = plt.subplots()
    >>> ax = plot_zipf(freq, ax=ax, label="demo corpus")
    >>> ax.get_xscale(), [line.get_label() for line in ax.lines][0]
    ('log', 'demo corpus')
    >>> plt.close(fig)
    """
    check_table(frequencies, "plot_zipf", "toolkit.word_frequencies", ["term", "count"])
    ax = new_axes(ax, (5, 4), func="plot_zipf")
    counts = np.sort(frequencies["count"].to_numpy())[::-1]
    ranks = np.arange(1, len(counts) + 1)
    ax.loglog(ranks, counts, ".", ms=3, color=OKABE_ITO[0], label=label or "observed")
    if len(counts):
        ax.loglog(ranks, counts[0] / ranks, "--", color=OKABE_ITO[5], lw=1, label="Zipf: f ∝ 1/rank")
    ax.set_xlabel("rank")
    ax.set_ylabel("count")
    ax.legend(frameon=False)
    return tidy_axes(ax)
