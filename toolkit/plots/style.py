"""Shared plot style: a colour-blind-safe palette and small helpers."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
"""The Okabe-Ito palette (Okabe & Ito 2008), readable with common colour-vision deficiencies."""

OVER = "#0072B2"
"""Colour for over-use / positive values."""
UNDER = "#D55E00"
"""Colour for under-use / negative values."""


def group_colors(names: Sequence) -> dict:
    """A stable colour for each group name (in sorted order, cycling the palette).

    Parameters
    ----------
    names : sequence
        Group names (e.g. outlets).

    Returns
    -------
    dict
        Name -> hex colour.
    """
    ordered = sorted({str(n) for n in names})
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(ordered)}


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (7, 4)) -> Axes:
    """Return ``ax``, or the axes of a new figure of ``figsize``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    figsize : tuple of float
        Size of the new figure, in inches.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def tidy_axes(ax: Axes) -> Axes:
    """Remove top and right spines (cleaner in print).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes.

    Returns
    -------
    matplotlib.axes.Axes
        The same axes.
    """
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    return ax
