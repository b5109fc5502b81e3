"""Plots for frame results: prevalence with intervals, timelines, naming the war."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .style import OKABE_ITO, check_table, group_colors, marker_for, new_axes, tidy_axes

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_STAT_COLUMNS = {
    "period", "frame", "label", "n_units", "n_docs", "n_present", "share", "ci_low", "ci_high",
    "count", "tokens", "per_10k", "total",
}
_LINESTYLES = ("-", "--", ":", "-.")


def _group_columns(df: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    if by is not None:
        return [by] if isinstance(by, str) else list(by)
    if "by" in df.attrs:
        return list(df.attrs["by"])
    return [c for c in df.columns if c not in _STAT_COLUMNS]


def _group_labels(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    if not cols:
        return pd.Series("all", index=df.index, dtype=object)
    if len(cols) == 1:
        return df[cols[0]].astype(str)
    return df[cols].astype(str).agg(" / ".join, axis=1)


def _frames(df: pd.DataFrame, frames: Sequence[str] | str | None) -> list[str]:
    if frames is None:
        col = df["frame"]
        if isinstance(col.dtype, pd.CategoricalDtype):
            return [str(c) for c in col.cat.categories if (col == c).any()]
        return [str(f) for f in pd.unique(col.astype(str))]
    return [frames] if isinstance(frames, str) else list(frames)


def _labels(df: pd.DataFrame) -> dict:
    labels = dict(df.attrs.get("frame_labels") or {})
    if "label" in df.columns:
        labels.update(zip(df["frame"].astype(str), df["label"].astype(str), strict=True))
    return labels


def _frame_colors(frames: Sequence[str]) -> dict:
    return {f: OKABE_ITO[i % len(OKABE_ITO)] for i, f in enumerate(frames)}


def _frame_markers(frames: Sequence[str]) -> dict:
    """A marker per frame that changes each time the colours start over (beyond eight
    frames two frames share a colour, never a colour and a marker)."""
    return {f: marker_for(i) for i, f in enumerate(frames)}


_FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "MS": "month", "ME": "month", "Q": "quarter",
               "QS": "quarter", "Y": "year", "A": "year", "YS": "year"}


def _period_name(freq: object) -> str:
    """``"M"`` -> ``"month"``, ``"2W"`` -> ``"2-week period"``: an axis name a reader knows."""
    if not freq:
        return "period"
    f = str(freq)
    digits = "".join(ch for ch in f if ch.isdigit())
    unit = _FREQ_NAMES.get(f[len(digits):].split("-")[0].upper(), f[len(digits):])
    return f"{digits}-{unit} period" if digits and digits != "1" else unit


def _with_gaps(x: np.ndarray, *ys: np.ndarray) -> tuple[np.ndarray, ...]:
    """Insert a NaN point where consecutive periods are further apart than the table's
    usual step (a period with no articles), so a line breaks there instead of bridging it."""
    if len(x) < 3:
        return (x, *ys)
    steps = np.diff(x.astype("datetime64[D]").astype(np.int64))
    step = np.min(steps[steps > 0]) if (steps > 0).any() else 0
    gap = np.flatnonzero(steps > 1.6 * step) + 1 if step else np.zeros(0, dtype=int)
    if not len(gap):
        return (x, *ys)
    mid = x[gap - 1] + (x[gap] - x[gap - 1]) / 2
    xs = np.insert(x, gap, mid)
    return (xs, *(np.insert(y.astype(float), gap, np.nan) for y in ys))


def _unit_word(df: pd.DataFrame) -> str:
    return "sentences" if df.attrs.get("unit") == "sentence" else "articles"


def plot_prevalence(
    prev: pd.DataFrame,
    frames: Sequence[str] | str | None = None,
    *,
    by: str | Sequence[str] | None = None,
    value: str = "share",
    ax: Axes | None = None,
) -> Axes:
    """Dot plot of frame prevalence per outlet, with confidence-interval error bars.

    Parameters
    ----------
    prev : pandas.DataFrame
        :func:`toolkit.frames.frame_prevalence` output without ``freq``.
    frames : str or sequence of str, optional
        Frames to show (in this order); all by default. Several frames are drawn side
        by side in each outlet's row, one colour per frame.
    by : str or list of str, optional
        The grouping column(s) (outlets); taken from ``prev.attrs`` by default.
    value : {"share", "per_10k"}, default "share"
        Share of units with the frame (with its interval), or matches per 10,000 words
        (no interval).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): outlets on the y-axis (first in
        alphabetical order at the top); one error-bar container per frame in
        ``ax.containers``.

    Raises
    ------
    toolkit.CorpusError
        If ``prev`` is not a :func:`toolkit.frame_prevalence` table (e.g. a corpus), or
        ``by`` is not one of its columns.
    ValueError
        If ``value`` is not "share" or "per_10k", or ``prev`` has a ``period`` column
        (use :func:`plot_timeline`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_prevalence
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> prev = toolkit.frame_prevalence(scores, by="source")
    >>> fig, ax = plt.subplots()
    >>> ax = plot_prevalence(prev, "euphemised_setback", ax=ax)
    >>> len(ax.containers), [label.get_text() for label in ax.get_yticklabels()][0]
    (1, 'Borealis Agency')
    >>> plt.close(fig)
    """
    value = _rate_value(value)
    if value not in ("share", "per_10k"):
        raise ValueError(f"value must be 'share' or 'per_10k', got {value!r}")
    check_table(prev, "plot_prevalence", "toolkit.frame_prevalence", ["frame"],
                {"value": value, "by": by})
    if "period" in prev.columns:
        raise ValueError("prev has a 'period' column: use plot_timeline for prevalence over time")
    cols = _group_columns(prev, by)
    frames = _frames(prev, frames)
    labels = _labels(prev)
    groups = sorted(pd.unique(_group_labels(prev, cols)))
    ax = new_axes(ax, (7, 0.45 * len(groups) * max(1, min(len(frames), 4) * 0.6) + 1.4),
                  func="plot_prevalence")
    ypos = {g: i for i, g in enumerate(groups)}
    width = 0.7
    offsets = (np.arange(len(frames)) - (len(frames) - 1) / 2) * (width / max(len(frames), 1))
    colors = _frame_colors(frames)
    markers = _frame_markers(frames)
    has_ci = value == "share" and {"ci_low", "ci_high"} <= set(prev.columns)
    for off, frame in zip(offsets, frames, strict=True):
        sub = prev[prev["frame"].astype(str) == frame]
        if sub.empty:
            continue
        y = _group_labels(sub, cols).map(ypos).to_numpy(dtype=float) + off
        x = sub[value].to_numpy(dtype=float)
        xerr = None
        if has_ci:
            lo = sub["ci_low"].to_numpy(dtype=float)
            hi = sub["ci_high"].to_numpy(dtype=float)
            xerr = np.vstack([np.clip(x - lo, 0, None), np.clip(hi - x, 0, None)])
        ax.errorbar(
            x, y, xerr=xerr, fmt=markers[frame], ms=5, color=colors[frame], ecolor=colors[frame],
            elinewidth=1.2, capsize=2.5, label=labels.get(frame, frame),
        )
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    if value == "share":
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
        ax.set_xlim(left=0)
        ax.set_xlabel(f"share of {_unit_word(prev)} with the frame")
        if has_ci:
            level = prev.attrs.get("level", 0.95)
            method = prev.attrs.get("ci") or "wilson"
            note = f"bars: {level:.0%} {method} interval"
        else:
            note = ""
    else:
        ax.set_xlim(left=0)
        ax.set_xlabel("matches per 10,000 words")
        note = ""
    if len(frames) > 1:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        what = "frames" if len(frames) > 3 else " and ".join(labels.get(f, f) for f in frames)
        title = f"Prevalence of {what}"
    else:
        title = labels.get(frames[0], frames[0]) if frames else ""
    ax.set_title(title + (f"\n{note}" if note else ""), fontsize=10, loc="left")
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    return tidy_axes(ax)


def plot_timeline(
    prev_by_period: pd.DataFrame,
    frames: Sequence[str] | str | None = None,
    *,
    by: str | Sequence[str] | None = None,
    value: str = "share",
    ci: bool = True,
    events: Mapping | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Frame prevalence over time (e.g. over the 2022 timeline of the war).

    With one outlet (or no grouping), one line per frame in the palette's colours;
    with several outlets, one colour per outlet and one line style per frame.

    Parameters
    ----------
    prev_by_period : pandas.DataFrame
        :func:`toolkit.frames.frame_prevalence` output computed with ``freq=...``.
    frames : str or sequence of str, optional
        Frames to show; all by default.
    by : str or list of str, optional
        The grouping column(s); taken from ``prev_by_period.attrs`` by default.
    value : {"share", "per_10k"}, default "share"
        What to plot.
    ci : bool, default True
        Shade the confidence interval of ``share`` around each line.
    events : mapping, optional
        Date -> label of events to mark with a vertical line (e.g.
        ``{"2022-09-10": "Kharkiv counteroffensive"}``), drawn at the start of the period
        that contains the date, next to the points that count it.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): one :class:`~matplotlib.lines.Line2D` per
        outlet and frame in ``ax.lines`` (event markers are added after them).

    Raises
    ------
    toolkit.CorpusError
        If ``prev_by_period`` is not a :func:`toolkit.frame_prevalence` table computed
        with ``freq`` (e.g. a corpus), or ``by`` is not one of its columns.
    ValueError
        If ``value`` is not "share" or "per_10k", or the table has no ``period`` column.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_timeline
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> monthly = toolkit.frame_prevalence(scores, by=None, freq="M")
    >>> fig, ax = plt.subplots()
    >>> ax = plot_timeline(monthly, ["negotiation", "escalation"], ax=ax)
    >>> [line.get_label() for line in ax.lines]
    ['Negotiation / diplomacy', 'Escalation']
    >>> plt.close(fig)
    """
    value = _rate_value(value)
    if value not in ("share", "per_10k"):
        raise ValueError(f"value must be 'share' or 'per_10k', got {value!r}")
    df = prev_by_period
    if isinstance(df, pd.DataFrame) and "frame" in df.columns and "period" not in df.columns:
        raise ValueError(
            "plot_timeline: no 'period' column: compute frame_prevalence(..., freq='M') first"
        )
    check_table(df, "plot_timeline", "toolkit.frame_prevalence(..., freq='M')",
                ["period", "frame"], {"value": value, "by": by})
    cols = _group_columns(df, by)
    frames = _frames(df, frames)
    labels = _labels(df)
    glabels = _group_labels(df, cols)
    groups = sorted(pd.unique(glabels))
    ax = new_axes(ax, (9, 4), func="plot_timeline")
    many_groups = len(groups) > 1
    gcolors = group_colors(groups)
    fcolors = _frame_colors(frames)
    fmarkers = _frame_markers(frames)
    show_ci = ci and value == "share" and {"ci_low", "ci_high"} <= set(df.columns)
    for g in groups:
        for j, frame in enumerate(frames):
            sub = df[(glabels == g) & (df["frame"].astype(str) == frame)].sort_values("period")
            if sub.empty:
                continue
            color = gcolors[g] if many_groups else fcolors[frame]
            style = _LINESTYLES[j % len(_LINESTYLES)] if many_groups else "-"
            name = labels.get(frame, frame)
            label = f"{g} – {name}" if many_groups and len(frames) > 1 else (g if many_groups else name)
            x = pd.to_datetime(sub["period"]).to_numpy()
            # a period without articles breaks the line (no bridge across it)
            xg, yg, lo, hi = _with_gaps(x, sub[value].to_numpy(dtype=float),
                                        *((sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float))
                                          if show_ci else (np.zeros(len(x)), np.zeros(len(x)))))
            ax.plot(xg, yg, style, marker=fmarkers[frame] if not many_groups else "o", ms=3.5, lw=1.5,
                    color=color, label=label)
            if show_ci:
                ax.fill_between(xg, lo, hi, color=color, alpha=0.12, lw=0)
    if events:
        freq = df.attrs.get("freq")
        starts = np.sort(pd.to_datetime(df["period"]).unique())
        for date, text in events.items():
            d = pd.Timestamp(date)
            # drawn at the start of the event's period, where its points are: one period
            # ("M") by pandas' calendar, a multiple ("2W") at the bin of the table
            if freq and not str(freq)[0].isdigit():
                d = d.to_period(freq).start_time
            elif freq:
                k = int(np.searchsorted(starts, np.datetime64(d), side="right")) - 1
                if 0 <= k < len(starts) - 1 or (k == len(starts) - 1 and len(starts) > 1
                                                and d < starts[-1] + (starts[-1] - starts[-2])):
                    d = pd.Timestamp(starts[k])
            ax.axvline(d, color="#777777", lw=0.8, ls=":")
            # the label sits above the plotting area, never on the data
            ax.annotate(text, xy=(d, 1), xycoords=("data", "axes fraction"), xytext=(0, 3),
                        textcoords="offset points", rotation=35, ha="left", va="bottom", fontsize=7,
                        color="#444444", annotation_clip=False)
    loc = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    if value == "share":
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
        ax.set_ylabel(f"share of {_unit_word(df)} with the frame")
        ax.set_ylim(bottom=0)
    else:
        ax.set_ylabel("matches per 10,000 words")
    freq = df.attrs.get("freq")
    ax.set_xlabel(f"{_period_name(freq)} (a break in a line: no articles that {_period_name(freq)})")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    if not ax.get_title(loc="left"):
        what = labels.get(frames[0], frames[0]) if len(frames) == 1 else "frames"
        ax.set_title(f"Prevalence of {what} over time", fontsize=10, loc="left",
                     pad=40 if events else 6)
    return tidy_axes(ax)


def plot_war_names(
    scores_or_prev: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    group: str = "war_name",
    frames: Sequence[str] | None = None,
    lexicon: Lexicon | str = "war_framing",
    annotate: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """"Naming the war": each outlet's mentions split by the name used (stacked bars).

    Each bar is one outlet; its segments are the shares of all war-name mentions that
    call it a war, an invasion, a special military operation, a conflict or a crisis
    (see :func:`toolkit.frames.frame_shares`).

    Parameters
    ----------
    scores_or_prev : pandas.DataFrame
        :func:`toolkit.frames.frame_scores` or :func:`toolkit.frames.frame_prevalence`
        output (its ``count`` column is used).
    by : str or list of str, default "source"
        The grouping column(s).
    group : str, default "war_name"
        Frame group whose frames compete.
    frames : sequence of str, optional
        The competing frames, instead of ``group``.
    lexicon : Lexicon or str, default "war_framing"
        Where to look ``group`` up if the data carry no lexicon information.
    annotate : bool, default True
        Write percentages in segments of at least 8 % and the number of mentions at
        the end of each bar.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` if given): one bar container per frame in
        ``ax.containers``, outlets on the y-axis.

    Raises
    ------
    toolkit.CorpusError
        If ``scores_or_prev`` is not a frame scores or prevalence table (e.g. a corpus),
        or ``by`` is not one of its columns.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import toolkit
    >>> from toolkit.plots import plot_war_names
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> fig, ax = plt.subplots()
    >>> ax = plot_war_names(scores, ax=ax)
    >>> [bars.get_label() for bars in ax.containers][:3]
    ['War', 'Invasion / aggression', 'Special military operation']
    >>> len(ax.get_yticklabels())   # one bar per outlet
    7
    >>> plt.close(fig)
    """
    from ..competing import frame_shares

    check_table(
        scores_or_prev, "plot_war_names", "toolkit.frame_scores or toolkit.frame_prevalence",
        ["frame", "count"], {"by": by},
    )

    shares = frame_shares(scores_or_prev, by=by, group=group, frames=frames, lexicon=lexicon)
    cols = list(shares.attrs.get("by", []))
    chosen = list(shares.attrs["frames"])
    labels = dict(zip(shares["frame"].astype(str), shares["label"].astype(str), strict=True))
    glabels = _group_labels(shares, cols)
    groups = sorted(pd.unique(glabels))
    ax = new_axes(ax, (8, 0.5 * len(groups) + 1.5), func="plot_war_names")
    colors = _frame_colors(chosen)
    left = np.zeros(len(groups))
    totals = np.zeros(len(groups))
    for frame in chosen:
        sub = shares[shares["frame"].astype(str) == frame]
        s = pd.Series(sub["share"].to_numpy(dtype=float), index=glabels[sub.index]).reindex(groups)
        t = pd.Series(sub["total"].to_numpy(dtype=float), index=glabels[sub.index]).reindex(groups)
        width = s.fillna(0).to_numpy()
        totals = np.maximum(totals, t.fillna(0).to_numpy())
        bars = ax.barh(groups, width, left=left, color=colors[frame], edgecolor="white",
                       linewidth=0.8, label=labels.get(frame, frame))
        if annotate:
            dark = colors[frame] in ("#0072B2", "#D55E00", "#000000", "#CC79A7", "#009E73")
            for rect, w in zip(bars, width, strict=True):
                if w >= 0.08:
                    ax.text(rect.get_x() + w / 2, rect.get_y() + rect.get_height() / 2, f"{w:.0%}",
                            ha="center", va="center", fontsize=7,
                            color="white" if dark else "black")
        left += width
    if annotate:
        for i, n in enumerate(totals):
            ax.text(1.01, i, f"n={int(n)}", va="center", fontsize=7, color="#444444",
                    transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("share of mentions of the war")
    ax.legend(fontsize=8, frameon=False, ncols=min(len(chosen), 5), loc="upper center",
              bbox_to_anchor=(0.5, -0.18))
    return tidy_axes(ax)


def _rate_value(value: str) -> str:
    """``value="per_1k"`` (release 0.1) now means the one rate column, ``per_10k``."""
    if value == "per_1k":
        import warnings

        warnings.warn(
            "value='per_1k' is now value='per_10k': every rate in the toolkit is per 10,000 "
            "words (see toolkit.rates)",
            DeprecationWarning,
            stacklevel=3,
        )
        return "per_10k"
    return value
