"""Plots for collocation tables."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import group_colors, tidy_axes

MEASURE_LABELS: dict[str, str] = {
    "log_dice": "log-Dice (max 14)",
    "pmi": "PMI (log2 observed / expected)",
    "log_likelihood": "log-likelihood G2",
    "t_score": "t-score",
    "count": "co-occurrences in the window",
}
"""Axis labels for the columns of :func:`toolkit.collocations.collocates`."""

def plot_collocates(
    result: pd.DataFrame,
    by: str | None = None,
    *,
    n: int = 15,
    measure: str = "log_dice",
    ncols: int = 3,
) -> np.ndarray:
    """Horizontal bars of the strongest collocates, one panel per group.

    Parameters
    ----------
    result : pandas.DataFrame
        Output of :func:`toolkit.collocations.collocates`.
    by : str, optional
        The grouping column used in :func:`~toolkit.collocations.collocates` (one
        panel per value). Required when ``result`` has several groups.
    n : int, default 15
        Collocates per panel (the ``n`` highest values of ``measure``).
    measure : str, default "log_dice"
        Column to plot: a measure in ``result`` or ``"count"``.
    ncols : int, default 3
        Panels per row.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The panels (flattened), as :func:`toolkit.plots.plot_top_terms` does.

    Raises
    ------
    ValueError
        If ``measure`` or ``by`` is not a column of ``result``, ``n`` < 1, or the table
        holds several groups and ``by`` is not given.
    """
    if measure not in result.columns:
        raise ValueError(
            f"measure {measure!r} is not a column of the table (columns: {list(result.columns)})"
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
        if by not in result.columns:
            raise ValueError(f"by={by!r} is not a column of the table (columns: {list(result.columns)})")
        groups = list(pd.unique(result[by])) or [None]
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    _, axes = plt.subplots(
        nrows, ncols, figsize=(4.4 * ncols, (0.26 * n + 1.2) * nrows),
        layout="constrained", squeeze=False,
    )
    colors = group_colors([str(g) for g in groups] if by else ["all"])
    node = result["node"].iloc[0] if "node" in result.columns and len(result) else ""
    for ax, g in zip(axes.flat, groups, strict=False):
        sub = result if g is None else result[result[by] == g]
        sub = sub.nlargest(n, measure).iloc[::-1]
        ax.barh(sub["collocate"].astype(str), sub[measure], color=colors[str(g) if by else "all"])
        title = f"“{node}”" if node else "collocates"
        ax.set_title(title if g is None else f"{g}: {title}", fontsize=10)
        ax.set_xlabel(MEASURE_LABELS.get(measure, measure))
        if measure == "log_dice" and len(sub):
            ax.set_xlim(min(0.0, float(sub[measure].min())), 14)
        if len(sub) == 0:
            ax.text(0.5, 0.5, "no collocates", ha="center", va="center", transform=ax.transAxes)
        tidy_axes(ax)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    return axes.ravel()
