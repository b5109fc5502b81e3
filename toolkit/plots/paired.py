"""Plot of same-event differences between two outlets (:mod:`toolkit.paired`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import OKABE_ITO, check_table, new_axes, tidy_axes

_KEYS = ("frame", "term")


def plot_event_differences(
    differences: pd.DataFrame,
    *,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    ax: Axes | None = None,
) -> Axes:
    """Per-event differences between two outlets, sorted, with their mean and interval.

    One frame or term: one row per event, sorted by the difference (a dot each), a line at
    zero, and the mean difference (vertical line) with its bootstrap interval (shaded
    band) from :func:`toolkit.paired.paired_test`. Several frames or terms: one row each,
    its events as dots (spread vertically, in event order, so ties stay visible) and the
    mean with an interval bar.

    Parameters
    ----------
    differences : pandas.DataFrame
        Output of :func:`toolkit.paired.event_differences` (or ``frame_differences``,
        ``term_differences``).
    level : float, default 0.95
        Confidence level of the interval.
    n_boot : int, default 2000
        Bootstrap resamples.
    seed : int, default 0
        Seed of the bootstrap.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from toolkit.plots import plot_event_differences
    >>> diff = pd.DataFrame({"event_id": ["e1", "e2", "e3"], "difference": [0.5, -0.2, 1.0]})
    >>> ax = plot_event_differences(diff, n_boot=200)
    >>> [t.get_text() for t in ax.get_yticklabels()]   # sorted by the difference
    ['e2', 'e1', 'e3']
    """
    from ..paired import paired_test

    check_table(differences, "plot_event_differences", "toolkit.paired.event_differences",
                ["difference"])
    keys = [k for k in _KEYS if k in differences.columns]
    event = differences.attrs.get("event", "event_id")
    summary = paired_test(differences, n_boot=n_boot, seed=seed, level=level)
    pair = differences.attrs.get("pair")
    value = differences.attrs.get("value")
    xlabel = f"difference per event ({value})" if value else "difference per event"
    if pair:
        xlabel += f"\n{pair[0]} - {pair[1]}"
    groups = (
        [str(k) for k in pd.unique(differences[keys[0]].astype(str))] if keys else []
    )
    ax = new_axes(ax, (7, max(3.0, 0.3 * (len(differences) if len(groups) <= 1 else len(groups)) + 1)),
                  func="plot_event_differences")
    ax.axvline(0, color="0.5", linewidth=0.8, zorder=0)
    if len(groups) <= 1:
        d = differences.sort_values("difference", kind="stable").reset_index(drop=True)
        y = np.arange(len(d))
        ax.scatter(d["difference"], y, color=OKABE_ITO[0], zorder=3, label="events")
        row = summary.iloc[0]
        ax.axvline(row["mean_difference"], color=OKABE_ITO[1], linewidth=1.5,
                   label=f"mean ({row['n_events']} events)")
        ax.axvspan(row["ci_low"], row["ci_high"], color=OKABE_ITO[1], alpha=0.2,
                   label=f"{level:.0%} interval")
        ax.set_yticks(y)
        if event in d.columns and len(d) <= 60:
            ax.set_yticklabels(d[event].astype(str))
        else:
            ax.set_yticklabels([])
        ax.set_ylabel("event")
        if groups:
            ax.set_title(groups[0])
        ax.legend(frameon=False, loc="best")
    else:
        key = keys[0]
        for i, g in enumerate(groups):
            sub = differences[differences[key].astype(str) == g]
            n = len(sub)
            offsets = np.linspace(-0.25, 0.25, n) if n > 1 else np.zeros(n)
            ax.scatter(sub["difference"], i + offsets, color=OKABE_ITO[0], s=12, alpha=0.7,
                       zorder=3)
            row = summary[summary[key].astype(str) == g].iloc[0]
            err = [[row["mean_difference"] - row["ci_low"]], [row["ci_high"] - row["mean_difference"]]]
            ax.errorbar([row["mean_difference"]], [i], xerr=err, fmt="D", color=OKABE_ITO[1],
                        capsize=3, zorder=4)
        ax.set_yticks(np.arange(len(groups)))
        ax.set_yticklabels(groups)
        ax.invert_yaxis()  # the first frame (term) at the top
        ax.set_ylabel(key)
    ax.set_xlabel(xlabel)
    return tidy_axes(ax)
