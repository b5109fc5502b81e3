"""Shared plot style: a colour-blind-safe palette and small helpers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..schema import CorpusError

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

MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
"""Point markers; item ``i`` of a plot gets ``MARKERS[i // len(OKABE_ITO)]``, so beyond eight
items two share a colour but never a colour and a marker (:func:`marker_for`)."""


def marker_for(i: int) -> str:
    """The marker of the ``i``-th coloured item: the same for the first eight, then the next.

    Parameters
    ----------
    i : int
        Position of the item (0-based) in the order colours are given.

    Returns
    -------
    str
        A matplotlib marker.

    Examples
    --------
    >>> from toolkit.plots.style import marker_for
    >>> marker_for(0), marker_for(7), marker_for(8)
    ('o', 'o', 's')
    """
    return MARKERS[(i // len(OKABE_ITO)) % len(MARKERS)]


def png_base64(figure: Figure, **savefig: object) -> str:
    """A figure as a base64-encoded PNG (for ``data:`` URIs and notebook outputs).

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure.
    **savefig
        Options for :meth:`~matplotlib.figure.Figure.savefig` (``dpi=96`` by default).

    Returns
    -------
    str
        ASCII base64 text of the PNG.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from toolkit.plots.style import png_base64
    >>> png_base64(Figure(figsize=(1, 1)))[:8]
    'iVBORw0K'
    """
    import base64
    import io

    buf = io.BytesIO()
    figure.savefig(buf, format="png", **{"dpi": 96, **savefig})
    return base64.b64encode(buf.getvalue()).decode("ascii")


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

    Examples
    --------
    >>> from toolkit.plots import OKABE_ITO, group_colors
    >>> colors = group_colors(["Valley Post", "Harbour Gazette"])
    >>> colors
    {'Harbour Gazette': '#0072B2', 'Valley Post': '#E69F00'}
    >>> colors["Harbour Gazette"] == OKABE_ITO[0]
    True
    """
    ordered = sorted({str(n) for n in names})
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(ordered)}


def new_axes(
    ax: Axes | None = None, figsize: tuple[float, float] = (7, 4), *, func: str = "this plot"
) -> Axes:
    """Return ``ax``, or the axes of a new figure of ``figsize``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    figsize : tuple of float
        Size of the new figure, in inches.
    func : str, default "this plot"
        Name of the calling plot function, for the error message.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``ax`` is not a single Axes (e.g. the array of ``plt.subplots(2)``).
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(
                f"{func} draws one panel: ax= must be a single matplotlib Axes, "
                f"got {type(ax).__name__}"
            )
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def panel_axes(
    n_panels: int,
    *,
    ax: Axes | None,
    axes: Sequence[Axes] | np.ndarray | None,
    ncols: int,
    panel_size: tuple[float, float],
    func: str,
    what: str = "one per group",
    sharex: bool = False,
) -> tuple[np.ndarray, bool]:
    """Axes for a plot of ``n_panels`` panels: the caller's, or a new grid.

    Parameters
    ----------
    n_panels : int
        Number of panels the plot draws.
    ax : matplotlib.axes.Axes or None
        A single Axes (allowed when ``n_panels`` is 1).
    axes : sequence or array of matplotlib.axes.Axes, or None
        At least ``n_panels`` Axes (any shape; flattened in row order).
    ncols : int
        Panels per row of a new grid.
    panel_size : tuple of float
        Width and height of one panel of a new grid, in inches.
    func : str
        Name of the calling plot function, for the error messages.
    what : str, default "one per group"
        What the panels are, for the error messages.
    sharex : bool, default False
        Share the x-axis between the panels of a new grid.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The Axes, flattened (those of a new grid, or the ones given).
    bool
        True if the grid was created here.

    Raises
    ------
    ValueError
        If both ``ax`` and ``axes`` are given, if ``ax`` is given for several panels, or
        if ``axes`` holds fewer than ``n_panels`` Axes.
    TypeError
        If ``ax`` or an element of ``axes`` is not a matplotlib Axes.
    """
    if ax is not None and axes is not None:
        raise ValueError(f"{func}: pass ax= (one panel) or axes= (several), not both")
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(
                f"{func}: ax= must be a single matplotlib Axes, got {type(ax).__name__}; "
                "pass several Axes as axes="
            )
        if n_panels > 1:
            raise ValueError(
                f"{func} draws {n_panels} panels ({what}): pass axes= with at least "
                f"{n_panels} Axes instead of ax=, or select one group"
            )
        axes = [ax]
    if axes is not None:
        flat = np.asarray([axes] if isinstance(axes, Axes) else axes, dtype=object).ravel()
        wrong = [type(a).__name__ for a in flat if not isinstance(a, Axes)]
        if wrong:
            raise TypeError(f"{func}: axes= must hold matplotlib Axes, got {wrong[0]}")
        if len(flat) < n_panels:
            raise ValueError(
                f"{func} draws {n_panels} panels ({what}) but axes= holds {len(flat)} Axes"
            )
        return flat, False
    ncols = max(1, min(ncols, n_panels))
    nrows = math.ceil(n_panels / ncols)
    _, grid = plt.subplots(
        nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
        layout="constrained", squeeze=False, sharex=sharex,
    )
    return grid.ravel(), True


def describe_columns(columns: Iterable, limit: int = 10) -> str:
    """Column names for a message: the first ``limit``, then how many more.

    Parameters
    ----------
    columns : iterable
        Column names.
    limit : int, default 10
        How many names to list.

    Returns
    -------
    str
        E.g. ``"doc_id, source, date ... (3 more)"``, or ``"(none)"``.
    """
    names = [str(c) for c in columns]
    if not names:
        return "(none)"
    text = ", ".join(names[:limit])
    if len(names) > limit:
        text += f" ... ({len(names) - limit} more)"
    return text


def is_corpus(table: pd.DataFrame) -> bool:
    """Whether ``table`` looks like a corpus (one row per article, with its ``text``).

    Parameters
    ----------
    table : pandas.DataFrame
        The table given to a plot function.

    Returns
    -------
    bool
    """
    return "text" in table.columns and "doc_id" in table.columns


def table_error(table: pd.DataFrame, func: str, expects: str, problem: str) -> CorpusError:
    """The error for a plot function handed a table other than the one it expects.

    Parameters
    ----------
    table : pandas.DataFrame
        The table given.
    func : str
        Name of the plot function.
    expects : str
        What it expects, e.g. ``"the table returned by toolkit.word_frequencies
        (columns 'term', 'per_10k')"``.
    problem : str
        What is wrong with a table that is not a corpus, e.g. ``"no column 'term'"``.

    Returns
    -------
    toolkit.schema.CorpusError
        To raise; short, naming ``func`` and the expected table.
    """
    if is_corpus(table):
        got = "got a corpus (one row per article); compute that table from it first"
    else:
        got = f"got a table with {problem} (columns: {describe_columns(table.columns)})"
    return CorpusError(f"{func} expects {expects}; {got}")


def check_table(
    table: object,
    func: str,
    source: str,
    columns: Sequence[str],
    chosen: Mapping[str, object] | None = None,
) -> None:
    """Check that a plot function was handed the result table it draws.

    Parameters
    ----------
    table : object
        What the caller passed.
    func : str
        Name of the plot function (e.g. ``"plot_prevalence"``).
    source : str
        The function(s) returning the expected table (e.g. ``"toolkit.frame_prevalence"``).
    columns : sequence of str
        Columns the plot always needs.
    chosen : mapping of str to object, optional
        Columns chosen by parameters, as parameter name -> column name, list of column
        names or None (e.g. ``{"value": "share", "by": "source"}``).

    Raises
    ------
    TypeError
        If ``table`` is not a pandas DataFrame.
    toolkit.schema.CorpusError
        If columns are missing (a :class:`ValueError`). The message names ``func`` and
        the expected table (and says so when a corpus was given instead); when only a
        column chosen by a parameter is missing, it names that parameter.
    """
    picked = {
        param: [value] if isinstance(value, str) else list(value)
        for param, value in (chosen or {}).items()
        if value is not None
    }
    needed = list(dict.fromkeys([*columns, *(c for cols in picked.values() for c in cols)]))
    expects = f"the table returned by {source} (columns {', '.join(map(repr, needed))})"
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{func} expects {expects}; got {type(table).__name__}")
    if any(c not in table.columns for c in columns):
        missing = [c for c in needed if c not in table.columns]
        label = "no column " if len(missing) == 1 else "no columns "
        raise table_error(table, func, expects, label + ", ".join(map(repr, missing)))
    for param, value in (chosen or {}).items():
        if value is not None:
            for column in picked[param]:
                check_column(table, func, param, column)


def check_column(table: pd.DataFrame, func: str, param: str, column: object) -> None:
    """Check that a column named by a parameter (``value=``, ``by=`` ...) is in the table.

    Parameters
    ----------
    table : pandas.DataFrame
        The result table.
    func : str
        Name of the plot function.
    param : str
        Name of the parameter that chose the column.
    column : object
        The column name given.

    Raises
    ------
    toolkit.schema.CorpusError
        If ``column`` is not a column of ``table`` (a :class:`ValueError`).
    """
    if column not in table.columns:
        raise CorpusError(
            f"{func}: {param}={column!r} is not a column of the table "
            f"(columns: {describe_columns(table.columns)})"
        )


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
