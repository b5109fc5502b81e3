"""Plots for collocation tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._compat import keyword_only, renamed
from .style import check_table, group_colors, panel_axes, tidy_axes

MEASURE_LABELS: dict[str, str] = {
    "log_dice": "log-Dice (max 14)",
    "pmi": "PMI (log2 observed / expected)",
    "log_likelihood": "log-likelihood G2",
    "t_score": "t-score",
    "count": "co-occurrences in the window",
}
"""Axis labels for the columns of :func:`toolkit.collocations.collocates`."""

@renamed(n="top")
@keyword_only(1, ("by",))
def plot_collocates(
    result: pd.DataFrame,
    *,
    by: str | None = None,
    top: int = 15,
    measure: str = "log_dice",
    ncols: int = 3,
    ax: Axes | None = None,
    axes: Sequence[Axes] | np.ndarray | None = None,
) -> np.ndarray:
    """Horizontal bars of the strongest collocates, one panel per group.

    Parameters
    ----------
    result : pandas.DataFrame
        Output of :func:`toolkit.collocations.collocates`.
    by : str, optional
        The grouping column used in :func:`~toolkit.collocations.collocates` (one
        panel per value). Required when ``result`` has several groups.
    top : int, default 15
        Collocates per panel (the ``top`` highest values of ``measure``).
    measure : str, default "log_dice"
        Column to plot: a measure in ``result`` or ``"count"``.
    ncols : int, default 3
        Panels per row of a new figure (ignored with ``ax`` or ``axes``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on when there is one panel (no ``by``, or a single group).
    axes : sequence or array of matplotlib.axes.Axes, optional
        Axes to draw on, one per group in order of appearance (any shape, read in row
        order); Axes beyond the number of groups are hidden, as in a new figure.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The panels (flattened), as :func:`toolkit.plots.plot_top_terms` does; always an
        array, also with ``ax`` (then of length 1).

    Raises
    ------
    toolkit.CorpusError
        If ``result`` is not a :func:`~toolkit.collocations.collocates` table (e.g. a
        corpus), or ``measure`` or ``by`` is not one of its columns (a ValueError).
    ValueError
        If ``n`` < 1, the table holds several groups and ``by`` is not given, ``ax`` is
        given for several panels, or ``axes`` holds too few Axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_collocates
    >>> stop = toolkit.get_stopwords("bundled")
    >>> table = toolkit.collocates(toolkit.load_demo(), "talks", stopwords=stop)
    >>> fig, ax = plt.subplots()
    >>> axes = plot_collocates(table, top=3, ax=ax)   # one panel: no grouping
    >>> axes[0].get_title(), [label.get_text() for label in axes[0].get_yticklabels()]
    ('“talks”', ['achieved', 'face-to-face', 'peace'])
    >>> plt.close(fig)
    """
    n = top
    func = "plot_collocates"
    check_table(
        result, func, "toolkit.collocates", ["collocate"], {"measure": measure, "by": by}
    )
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    cols = list(result.columns)
    group_cols = cols[: cols.index("node")] if "node" in cols else []
    if by is None:
        if group_cols and len(result.drop_duplicates(group_cols)) > 1:
            raise ValueError(
                f"the table has several groups ({group_cols}); pass by={group_cols[0]!r} "
                "for one panel per group"
            )
        groups = [None]
    else:
        groups = list(pd.unique(result[by])) or [None]
    panels, _ = panel_axes(
        len(groups), ax=ax, axes=axes, ncols=ncols, panel_size=(4.4, 0.26 * n + 1.2),
        func=func, what=f"one per value of {by!r}",
    )
    colors = group_colors([str(g) for g in groups] if by else ["all"])
    node = result["node"].iloc[0] if "node" in result.columns and len(result) else ""
    for pane, g in zip(panels, groups, strict=False):
        sub = result if g is None else result[result[by] == g]
        sub = sub.nlargest(n, measure).iloc[::-1]
        pane.barh(sub["collocate"].astype(str), sub[measure], color=colors[str(g) if by else "all"])
        title = f"“{node}”" if node else "collocates"
        pane.set_title(title if g is None else f"{g}: {title}", fontsize=10)
        pane.set_xlabel(MEASURE_LABELS.get(measure, measure))
        if measure == "log_dice" and len(sub):
            pane.set_xlim(min(0.0, float(sub[measure].min())), 14)
        if len(sub) == 0:
            pane.text(0.5, 0.5, "no collocates", ha="center", va="center",
                      transform=pane.transAxes)
        tidy_axes(pane)
    for pane in panels[len(groups):]:
        pane.set_visible(False)
    return panels
