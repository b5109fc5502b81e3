"""Plots for keyness results: diverging bars, frequency-frequency scatter, term heatmap."""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .._compat import keyword_only, renamed
from ..keyness import RANKED_TEST, SIGNIFICANCE, TEST_NAMES
from .style import OVER, UNDER, check_table, new_axes, table_error, tidy_axes

MEASURES = {
    "z": "log-odds z-score (informative Dirichlet prior)",
    "log_ratio": "log ratio (binary log of the ratio of relative frequencies)",
    "log_odds": "log-odds ratio (informative Dirichlet prior)",
    "g2": "log-likelihood G2 (signed)",
    "chi2": "chi-square (signed)",
    "pct_diff": "%DIFF",
}
"""Measures the plots can show, with their axis labels."""

NEUTRAL = "#BBBBBB"
"""Colour of terms with no significant difference."""

LABEL_GID = "keyness-label"
"""``gid`` of the term labels drawn by :func:`plot_scatter` (to find them in ``ax.texts``)."""


def _one_target(result: pd.DataFrame, target) -> tuple[pd.DataFrame, str, str]:
    """Rows of one comparison, with target and reference labels."""
    if "target" in result.columns:
        targets = list(pd.unique(result["target"]))
        if target is None:
            if len(targets) != 1:
                raise ValueError(
                    f"this table compares {len(targets)} groups; choose one with target= "
                    f"(one of {targets})"
                )
            target = targets[0]
        elif target not in targets:
            raise ValueError(f"target {target!r} is not in the table; choose one of {targets}")
        sub = result[result["target"] == target].reset_index(drop=True)
        return sub, str(target), "the rest"
    t = target if target is not None else result.attrs.get("target", "target")
    return result.reset_index(drop=True), str(t), str(result.attrs.get("reference", "reference"))


_KEYNESS_SOURCE = "toolkit.keyness or toolkit.compare_all"


def _check_keyness(result: pd.DataFrame, func: str, measure: str, columns: list[str]) -> None:
    """Check the measure's name, then that ``result`` is a keyness table with ``columns``."""
    _check_measure(measure)
    check_table(result, func, _KEYNESS_SOURCE, columns, {"measure": measure})


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}, got {measure!r}")


def _signed(result: pd.DataFrame, measure: str) -> pd.Series:
    _check_measure(measure)
    value = result[measure].astype(float)
    if measure in ("g2", "chi2"):
        sign = np.where(result["direction"] == "over", 1.0, -1.0)
        sign = np.where(result["direction"] == "equal", 0.0, sign)
        value = value * sign
    return value


def _shading(
    result: pd.DataFrame, sub: pd.DataFrame, measure: str, significance: str | None
) -> tuple[np.ndarray, str]:
    """Which rows of ``sub`` are significant, and by which test (a readable name).

    ``significance=None`` takes the test of ``measure`` (the statistic the bars or labels
    rank by: ``p_z`` for z and log-odds, ``p_g2`` for G2, log ratio and %DIFF, ``p_chi2``
    for chi-square); a test name (``"g2"``, ``"chi2"``, ``"z"``, ``"docs"``, ``"boot"``)
    takes that test. Either is read against the table's Bonferroni threshold. A table
    without the p-value columns (an older keyness table) falls back on its
    ``significant`` column, when no test was asked for.
    """
    if significance is not None and significance not in SIGNIFICANCE:
        raise ValueError(
            f"significance must be None or one of {list(SIGNIFICANCE)}, got {significance!r}"
        )
    column = SIGNIFICANCE[RANKED_TEST[measure] if significance is None else significance]
    if column == "p_g2" and column not in sub.columns:
        column = "p_value"  # tables from before p_g2 was added
    threshold = result.attrs.get("threshold")
    if isinstance(threshold, dict):  # compare_all: one threshold per group
        threshold = threshold.get(sub["target"].iloc[0]) if len(sub) else None
    if column in sub.columns and threshold is not None:
        p = sub[column].to_numpy(dtype=float)
        return np.where(np.isnan(p), False, p < threshold), TEST_NAMES[column]
    if significance is not None:
        raise ValueError(
            f"cannot shade by significance={significance!r}: the table has no {column} "
            "column (for 'boot', run keyness with n_boot > 0) or no Bonferroni threshold "
            "in .attrs"
        )
    used = result.attrs.get("significance")  # None: an old table, or .attrs lost
    return sub["significant"].to_numpy(dtype=bool), TEST_NAMES.get(used, "test not recorded")


def _top(result: pd.DataFrame, value: pd.Series, n_over: int, n_under: int):
    over = value[(result["direction"] == "over") & (value > 0)]
    under = value[(result["direction"] == "under") & (value < 0)]
    return over.nlargest(n_over).index, under.nsmallest(n_under).index


@renamed(n="top")
@keyword_only(1, ("top", "measure"))
def plot_keyness(
    result: pd.DataFrame,
    *,
    top: int = 15,
    measure: str = "z",
    target: object = None,
    significance: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Diverging bars of the most over- and under-used terms of a target.

    Over-used terms (more frequent in the target) point right in the OVER colour,
    under-used terms left in the UNDER colour. Bars of terms that are not significant
    after the Bonferroni correction are faded, by default by the test of the measure the
    bars show (for z, G2 and chi-square a longer bar is then never faded while a shorter
    one is solid); the legend names the test. Terms whose occurrences on the over-using side all come from
    one article are marked with a dagger (†).

    Parameters
    ----------
    result : pandas.DataFrame
        Output of :func:`toolkit.keyness` (or of :func:`toolkit.compare_all`, with
        ``target``).
    top : int, default 15
        Terms per side (at most ``top`` over-used and ``top`` under-used).
    measure : {"z", "log_ratio", "log_odds", "g2", "chi2", "pct_diff"}, default "z"
        Bar length; G2 and chi-square are signed by ``direction``.
    target : optional
        With a :func:`toolkit.compare_all` table, the group to show.
    significance : {"g2", "chi2", "z", "docs", "boot"} or None, default None
        The test behind the shading (see :mod:`toolkit.keyness`): None, the test of
        ``measure`` (``p_z`` for z and log-odds, ``p_g2`` for G2, log ratio and %DIFF,
        ``p_chi2`` for chi-square); ``"docs"`` the Welch t-test on article rates,
        ``"boot"`` the article bootstrap (a table made with ``n_boot``). Always at the
        table's Bonferroni threshold.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): one bar per term (``ax.patches``),
        over-used terms on top; the legend says which test the shading follows.

    Raises
    ------
    toolkit.CorpusError
        If ``result`` is not a keyness table (e.g. a corpus) or lacks ``measure``.
    ValueError
        If ``measure`` or ``significance`` is not one of those above, the table lacks
        the p-value column ``significance`` asks for, or ``target`` is needed and
        missing or not in the table.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> kw = toolkit.keyness(corpus, "Borealis Agency", stopwords=toolkit.get_stopwords("bundled"))
    >>> from toolkit.plots import plot_keyness
    >>> fig, ax = plt.subplots()
    >>> ax = plot_keyness(kw, top=3, ax=ax)   # 3 over-used and 3 under-used terms
    >>> ax.get_title(), len(ax.patches)
    ('Borealis Agency vs rest of the corpus', 6)
    >>> plt.close(fig)
    """
    n = top
    _check_keyness(
        result, "plot_keyness", measure, ["term", "direction", "significant", "flag_single_doc"]
    )
    sub, t_label, r_label = _one_target(result, target)
    value = _signed(sub, measure)
    significant, test_name = _shading(result, sub, measure, significance)
    over_idx, under_idx = _top(sub, value, n, n)
    rows = list(over_idx) + list(under_idx)[::-1]  # most under-used at the bottom
    ax = new_axes(ax, (7, 0.26 * max(len(rows), 4) + 1.4), func="plot_keyness")
    if not rows:
        ax.text(0.5, 0.5, "no terms to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    vals = value.loc[rows].to_numpy()
    sig = significant[sub.index.get_indexer(rows)]
    single = sub.loc[rows, "flag_single_doc"].to_numpy(dtype=bool)
    terms = sub.loc[rows, "term"].astype(str).to_numpy()
    gap = 0.6 if len(over_idx) and len(under_idx) else 0.0
    y = np.arange(len(rows), dtype=float)
    y[len(over_idx):] += gap
    for yi, v, s in zip(y, vals, sig, strict=True):
        ax.barh(yi, v, color=OVER if v > 0 else UNDER, alpha=1.0 if s else 0.4, height=0.8)
    for yi, v, term, one in zip(y, vals, terms, single, strict=True):
        text = f"{term} †" if one else term
        ax.annotate(
            text,
            xy=(0, yi),
            xytext=(-4 if v > 0 else 4, 0),
            textcoords="offset points",
            ha="right" if v > 0 else "left",
            va="center",
            fontsize=9,
        )
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_yticks([])
    ax.set_ylim(y[-1] + 0.7, -0.7)
    span = np.abs(vals).max()
    ax.set_xlim(-span * 1.35 if len(under_idx) else -span * 0.6, span * 1.35 if len(over_idx) else span * 0.6)
    ax.set_xlabel(MEASURES[measure])
    ax.spines["left"].set_visible(False)
    handles = [
        Patch(color=OVER, label=f"more frequent in {t_label}"),
        Patch(color=UNDER, label=f"more frequent in {r_label}"),
    ]
    if not sig.all():
        handles.append(
            Patch(color="0.6", alpha=0.4, label=f"not significant ({test_name}, Bonferroni)")
        )
    else:
        handles.append(Line2D([], [], ls="none", label=f"all significant ({test_name}, Bonferroni)"))
    if single.any():
        handles.append(Line2D([], [], ls="none", label="† uses in a single article"))
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(f"{t_label} vs {r_label}", fontsize=10)
    return tidy_axes(ax)


@keyword_only(1, ("n_labels",))
def plot_scatter(
    result: pd.DataFrame,
    *,
    n_labels: int = 20,
    measure: str = "z",
    target: object = None,
    significance: str | None = None,
    ax: Axes | None = None,
    adjust: bool = True,
) -> Axes:
    """Frequency-frequency scatter: each term's per-10k frequency in target vs reference.

    Both axes are logarithmic. Terms on the dashed diagonal are used at the same rate on
    both sides; above it, more by the target. Terms significantly over-used (Bonferroni;
    by default by the test of ``measure``, named in the legend) are drawn in the OVER
    colour, significantly under-used in the UNDER colour, the rest in grey. A term absent from one side is drawn on the edge of the plot (at half the
    smallest non-zero frequency, marked by a dotted line), since log(0) has no place on
    the axis. The ``n_labels`` most distinctive terms by ``measure`` (half over-used,
    half under-used when there are enough) are labelled, and the labels moved apart with
    adjustText so that they do not overlap (a static take on scattertext's plots).

    Parameters
    ----------
    result : pandas.DataFrame
        Output of :func:`toolkit.keyness` (or :func:`toolkit.compare_all` with
        ``target``).
    n_labels : int, default 20
        Number of terms to label.
    measure : {"z", "log_ratio", "log_odds", "g2", "chi2", "pct_diff"}, default "z"
        Measure choosing the terms to label.
    target : optional
        With a :func:`toolkit.compare_all` table, the group to show.
    significance : {"g2", "chi2", "z", "docs", "boot"} or None, default None
        The test behind the colours, as in :func:`plot_keyness` (None: the test of
        ``measure``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    adjust : bool, default True
        Move labels apart with adjustText (set False for speed).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given). The labels are the texts of ``ax.texts``
        whose ``gid`` is ``"keyness-label"``.

    Raises
    ------
    toolkit.CorpusError
        If ``result`` is not a keyness table (e.g. a corpus) or lacks ``measure``.
    ValueError
        If ``measure`` or ``significance`` is not one of those above, the table lacks
        the p-value column ``significance`` asks for, or ``target`` is needed and
        missing or not in the table.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> kw = toolkit.keyness(corpus, "Borealis Agency", stopwords=toolkit.get_stopwords("bundled"))
    >>> from toolkit.plots import plot_scatter
    >>> fig, ax = plt.subplots()
    >>> ax = plot_scatter(kw, n_labels=4, adjust=False, ax=ax)
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "keyness-label")
    ['stressed', 'ukraine', 'war', 'western']
    >>> plt.close(fig)
    """
    _check_keyness(
        result, "plot_scatter", measure,
        ["term", "per_10k_target", "per_10k_reference", "direction", "significant"],
    )
    sub, t_label, r_label = _one_target(result, target)
    ax = new_axes(ax, (7, 6.5), func="plot_scatter")
    x = sub["per_10k_reference"].to_numpy(dtype=float)
    y = sub["per_10k_target"].to_numpy(dtype=float)
    positive = np.concatenate([x[x > 0], y[y > 0]])
    if not len(positive):
        ax.text(0.5, 0.5, "no terms to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    floor = positive.min() / 2
    xp, yp = np.where(x > 0, x, floor), np.where(y > 0, y, floor)
    direction = sub["direction"].to_numpy(dtype=object)
    sig, test_name = _shading(result, sub, measure, significance)
    groups = [
        (~sig, NEUTRAL, f"no significant difference ({test_name}, Bonferroni)"),
        (sig & (direction == "over"), OVER, f"more frequent in {t_label}"),
        (sig & (direction == "under"), UNDER, f"more frequent in {r_label}"),
    ]
    for mask, color, label in groups:
        if mask.any():
            ax.scatter(xp[mask], yp[mask], s=9, color=color, alpha=0.7, lw=0, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    top = max(xp.max(), yp.max()) * 1.6
    low = floor / 1.6
    ax.plot([low, top], [low, top], "--", color="0.4", lw=0.8, zorder=0)
    if (x == 0).any() or (y == 0).any():
        ax.axvline(floor, ls=":", color="0.6", lw=0.8, zorder=0)
        ax.axhline(floor, ls=":", color="0.6", lw=0.8, zorder=0)
    ax.set_xlim(low, top)
    ax.set_ylim(low, top)
    ax.set_xlabel(f"{r_label}: per 10,000 words (log scale; dotted line = absent)")
    ax.set_ylabel(f"{t_label}: per 10,000 words (log scale)")
    value = _signed(sub, measure)
    n_over = math.ceil(n_labels / 2)
    over_idx, under_idx = _top(sub, value, n_labels, n_labels)
    n_over = min(len(over_idx), max(n_over, n_labels - len(under_idx)))
    chosen = list(over_idx[:n_over]) + list(under_idx[: n_labels - n_over])
    pos = sub.index.get_indexer(chosen)
    texts = [
        ax.text(xp[i], yp[i], str(sub["term"].iloc[i]), fontsize=8, gid=LABEL_GID)
        for i in pos
    ]
    ax.legend(frameon=False, fontsize=8, loc="upper left", markerscale=2)
    tidy_axes(ax)
    if adjust and texts:
        from adjustText import adjust_text

        adjust_text(
            texts,
            ax=ax,
            force_text=(0.5, 1.0),
            expand=(1.2, 1.5),
            time_lim=2.0,
            arrowprops={"arrowstyle": "-", "color": "0.4", "lw": 0.5},
        )
    return ax


def _text_color(rgba) -> str:
    r, g, b = to_rgb(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.5 else "black"


def plot_heatmap(
    matrix: pd.DataFrame,
    *,
    cmap: str = "cividis",
    annotate: bool = True,
    fmt: str = "{:.1f}",
    scale: str = "row",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of chosen terms across groups, with the values written in the cells.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`toolkit.term_matrix` (terms as rows, groups as columns).
    cmap : str, default "cividis"
        A sequential colormap; ``"cividis"`` and ``"viridis"`` are readable with common
        colour-vision deficiencies and in greyscale.
    annotate : bool, default True
        Write each value in its cell (white on dark cells, black on light ones).
    fmt : str, default "{:.1f}"
        Format of the annotations.
    scale : {"row", "column", "all"}, default "row"
        What the colours compare: ``"row"`` each term across the groups (its largest
        value darkest), so a frequent term (*war*, *said*) does not darken every other
        row; ``"column"`` each group across the terms; ``"all"`` one scale for the whole
        table. The numbers in the cells are always the values themselves.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given), with a colour bar beside it; one
        annotation per cell when ``annotate``.

    Raises
    ------
    TypeError
        If ``matrix`` is not a pandas DataFrame.
    toolkit.CorpusError
        If ``matrix`` has non-numeric columns (e.g. a corpus, or a long table instead
        of the wide :func:`toolkit.term_matrix`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_heatmap
    >>> matrix = toolkit.term_matrix(toolkit.load_demo(), ["regroup*", "retreat"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_heatmap(matrix, ax=ax)
    >>> [label.get_text() for label in ax.get_yticklabels()], len(ax.texts)   # 2 terms x 7 outlets
    (['regroup*', 'retreat'], 14)
    >>> plt.close(fig)
    """
    expects = (
        "the table returned by toolkit.term_matrix (terms as rows, one numeric column per group)"
    )
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"plot_heatmap expects {expects}; got {type(matrix).__name__}")
    text_cols = [c for c, kind in matrix.dtypes.items() if not pd.api.types.is_numeric_dtype(kind)]
    if text_cols:
        problem = "non-numeric column(s) " + ", ".join(repr(str(c)) for c in text_cols[:5])
        raise table_error(matrix, "plot_heatmap", expects, problem)
    values = matrix.to_numpy(dtype=float)
    n_rows, n_cols = values.shape
    ax = new_axes(ax, (1.1 * n_cols + 2.8, 0.42 * n_rows + 1.4), func="plot_heatmap")
    if scale not in ("row", "column", "all"):
        raise ValueError(f"plot_heatmap: scale must be 'row', 'column' or 'all', got {scale!r}")
    shade = values.copy()
    if scale != "all":  # each row (or column) on its own 0..max scale
        with np.errstate(invalid="ignore", divide="ignore"):
            peak = np.nanmax(np.where(np.isfinite(values), values, np.nan), axis=1 if scale == "row" else 0,
                             keepdims=True) if values.size else values
            shade = np.where(peak > 0, values / peak, 0.0)
    data = np.ma.masked_invalid(shade)
    colormap = mpl.colormaps[cmap].with_extremes(bad="0.85")
    finite = shade[np.isfinite(shade)]
    vmin, vmax = (0.0, float(finite.max())) if len(finite) and scale == "all" else (0.0, 1.0)
    if vmax <= vmin:
        vmax = vmin + 1.0
    im = ax.imshow(data, aspect="auto", cmap=colormap, vmin=vmin, vmax=vmax)
    ax.set_xticks(range(n_cols), [_label(c) for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(n_rows), [str(r) for r in matrix.index])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    unit = matrix.attrs.get("value", "per_10k")
    bar = ax.figure.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
    what = "per 10,000 words" if unit == "per_10k" else unit
    bar.set_label(what if scale == "all" else f"share of the {scale}'s largest value ({what} in the cells)")
    if annotate:
        norm = im.norm
        for i in range(n_rows):
            for j in range(n_cols):
                v = values[i, j]
                if not np.isfinite(v):
                    text, color = "–", "black"
                else:
                    text, color = fmt.format(v), _text_color(colormap(norm(shade[i, j])))
                ax.text(j, i, text, ha="center", va="center", fontsize=8, color=color)
    by = matrix.columns.name
    if by:
        ax.set_xlabel(str(by))
    return ax


def _label(value) -> str:
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value)
    return str(value)
