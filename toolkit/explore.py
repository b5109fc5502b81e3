"""An interactive explorer for notebooks: trends and the concordance lines behind them.

:func:`explore` builds an :class:`Explorer`, a small ipywidgets interface over one corpus:
choose outlets (values of the ``by`` column), then either type a term pattern (the
toolkit's pattern language, :mod:`toolkit.patterns`: ``regroup*``, ``goodwill gesture``)
or pick a frame of a lexicon. The explorer draws the trend per period and outlet
(:func:`toolkit.term_trends` with :func:`toolkit.plots.plot_trends`, or
:func:`toolkit.frame_prevalence` with :func:`toolkit.plots.plot_timeline`) and shows up to
:data:`MAX_LINES` keyword-in-context lines behind it (:func:`toolkit.concordance` or
:func:`toolkit.frame_matches`, displayed with :func:`toolkit.display.kwic_html`).

Everything it shows is HTML-escaped, user input is only ever read as a toolkit pattern
(never as a regular expression, so every search runs in bounded time), and a pattern that
cannot be used gives a one-line message in the interface while the previous results stay.
The interface can be driven from Python without a browser: set a widget's ``value`` and
read :attr:`Explorer.trend` and :attr:`Explorer.kwic`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .concordance import concordance
from .display import KWIC_META, esc, kwic_html
from .frames import frame_matches, frame_scores
from .frequency import term_trends
from .lexicon import Lexicon, load_lexicon
from .patterns import parse_pattern
from .plots import plot_timeline, plot_trends
from .plots.style import png_base64
from .prevalence import frame_prevalence
from .schema import CorpusError

__all__ = ["Explorer", "explore", "MAX_LINES"]

MAX_LINES: int = 50
"""Concordance lines the explorer shows at most (a random sample when there are more)."""

SEED: int = 0
"""Seed of the explorer's random sample of concordance lines (same choice, same lines)."""


class _Message(Exception):
    """A problem to show to the user as one sentence (not a bug)."""


class Explorer:
    """Widgets to explore a term's or a frame's trend by outlet, with the lines behind it.

    Build one with :func:`explore`. Changing any widget's ``value`` (in the notebook or
    from Python) recomputes the tables, redraws the chart and refreshes the lines.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with a ``date`` column and the ``by`` column.
    by : str, default "source"
        The column whose values are offered as outlets, and the grouping of the trends.
    lexicon : Lexicon or str, default "war_framing"
        The lexicon whose frames are offered (a :class:`~toolkit.lexicon.Lexicon`, a
        bundled name or a YAML path).
    freq : str, default "M"
        The period of the trend (see :mod:`toolkit.periods`).

    Attributes
    ----------
    outlets : ipywidgets.SelectMultiple
        The chosen values of ``by`` (all at first).
    mode : ipywidgets.ToggleButtons
        ``"term"`` (the pattern in :attr:`term`) or ``"frame"`` (the frame in
        :attr:`frame`). Typing a pattern switches to ``"term"``, choosing a frame to
        ``"frame"``.
    term : ipywidgets.Text
        A pattern of the toolkit's pattern language (updates on Enter or leaving the box).
    frame : ipywidgets.Dropdown
        A frame of the lexicon.
    message : ipywidgets.HTML
        What was computed, or why nothing could be (escaped text).
    chart : ipywidgets.Output
        The trend chart (a PNG image of the matplotlib figure).
    lines : ipywidgets.HTML
        The concordance lines (:func:`toolkit.display.kwic_html`).
    widget : ipywidgets.VBox
        The whole interface.
    trend : pandas.DataFrame or None
        The last trend table: :func:`toolkit.term_trends` (term mode) or
        :func:`toolkit.frame_prevalence` with ``freq`` (frame mode) output, chosen
        outlets only.
    kwic : pandas.DataFrame or None
        The last concordance lines shown (at most :data:`MAX_LINES`), chosen outlets only.
    total_lines : int
        How many lines there were in the chosen outlets before sampling (at least
        ``len(kwic)``; in term mode, counted from the trend).
    error : str or None
        The last message explaining why an update did not happen (None after a success).
    figure : matplotlib.figure.Figure or None
        The last chart's figure; ``ax`` is its Axes.
    """

    def __init__(
        self,
        corpus: pd.DataFrame,
        *,
        by: str = "source",
        lexicon: Lexicon | str = "war_framing",
        freq: str = "M",
    ) -> None:
        if not isinstance(corpus, pd.DataFrame):
            raise TypeError(f"explore needs a corpus DataFrame, got {type(corpus).__name__}")
        if not isinstance(by, str):
            raise TypeError(f"explore: by must be one column name, got {by!r}")
        for col in ("doc_id", "text", "date", by):
            if col not in corpus.columns:
                raise CorpusError(f"explore needs a '{col}' column in the corpus")
        self.corpus = corpus
        self.by = by
        self.freq = freq
        self.lexicon = load_lexicon(lexicon)
        values = sorted(pd.unique(corpus[by].dropna()), key=str)
        if not values:
            raise CorpusError(f"explore: the corpus has no values in its '{by}' column")
        self.trend: pd.DataFrame | None = None
        self.kwic: pd.DataFrame | None = None
        self.total_lines = 0
        self.error: str | None = None
        self.figure: Figure | None = None
        self.ax: Axes | None = None
        self._scores: pd.DataFrame | None = None

        self.outlets = widgets.SelectMultiple(
            options=[(str(v), v) for v in values],
            value=tuple(values),
            rows=min(len(values), 8),
            description=str(by),
            layout=widgets.Layout(width="22em"),
        )
        self.mode = widgets.ToggleButtons(
            options=[("term pattern", "term"), ("frame", "frame")],
            value="frame",
            description="show",
            style={"button_width": "8em"},
        )
        self.term = widgets.Text(
            value="",
            placeholder="regroup*, negotiat*, goodwill gesture",
            description="pattern",
            continuous_update=False,
            layout=widgets.Layout(width="26em"),
        )
        self.frame = widgets.Dropdown(
            options=[(f.label, f.name) for f in self.lexicon],
            description="frame",
            layout=widgets.Layout(width="26em"),
        )
        self.message = widgets.HTML(value="")
        self.chart = widgets.Output()
        self.lines = widgets.HTML(value="")
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.outlets, widgets.VBox([self.mode, self.term, self.frame])]),
                self.message,
                self.chart,
                self.lines,
            ]
        )
        self.outlets.observe(self._changed, names="value")
        self.mode.observe(self._changed, names="value")
        self.term.observe(self._term_changed, names="value")
        self.frame.observe(self._frame_changed, names="value")
        self.update()

    # ------------------------------------------------------------------ callbacks
    def _changed(self, change: dict) -> None:
        self.update()

    def _switch(self, mode: str) -> None:
        if self.mode.value == mode:
            self.update()
        else:
            self.mode.value = mode  # its observer updates

    def _term_changed(self, change: dict) -> None:
        self._switch("term")

    def _frame_changed(self, change: dict) -> None:
        self._switch("frame")

    # ------------------------------------------------------------------ public
    def update(self) -> bool:
        """Recompute the tables from the widgets' values and refresh the interface.

        Returns
        -------
        bool
            True if the tables, chart and lines were replaced; False if a message
            explains why not (bad pattern, no outlet chosen...): the previous tables,
            chart and lines then stay, and :attr:`error` holds the message.
        """
        chosen = list(self.outlets.value)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                if not chosen:
                    raise _Message(f"Choose at least one value of '{self.by}'.")
                if self.mode.value == "term":
                    trend, kwic, total, title = self._term_tables(chosen)
                else:
                    trend, kwic, total, title = self._frame_tables(chosen)
                figure, ax = self._draw(trend, title)
        except (_Message, ValueError) as err:  # PatternError, CorpusError...: one sentence
            return self._fail(str(err))
        except Exception as err:  # the interface never shows a traceback
            return self._fail(f"{type(err).__name__}: {err}")
        self.trend, self.kwic, self.total_lines = trend, kwic, total
        self.figure, self.ax, self.error = figure, ax, None
        self.chart.outputs = (_png_output(figure, title),)
        # one frame at a time, counted matches only: its name and "excluded" say nothing
        meta = tuple(c for c in dict.fromkeys((self.by, *KWIC_META)) if c not in ("frame", "excluded"))
        self.lines.value = kwic_html(kwic, meta=meta) if len(kwic) else (
            "<p><i>No lines in the chosen outlets.</i></p>"
        )
        shown = (
            f"{len(kwic)} lines" if len(kwic) == total
            else f"{len(kwic)} of {total} lines, chosen at random"
        )
        notes = sorted({str(w.message) for w in caught})
        self.message.value = f"<p>{esc(title)}: {esc(shown)}.</p>" + "".join(
            f'<p style="color:#7a3e00">Note: {esc(n)}</p>' for n in notes
        )
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        what = f"term {self.term.value!r}" if self.mode.value == "term" else f"frame {self.frame.value!r}"
        return f"<Explorer: {what}, {len(self.outlets.value)} value(s) of {self.by!r}>"

    # ------------------------------------------------------------------ internals
    def _fail(self, text: str) -> bool:
        self.error = text
        self.message.value = f'<p style="color:#b00020"><b>{esc(text)}</b> (results below are unchanged)</p>'
        return False

    def _term_tables(self, chosen: list[Hashable]) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
        pattern = self.term.value.strip()
        if not pattern:
            raise _Message("Type a word, a wildcard (negotiat*) or a phrase (goodwill gesture).")
        parse_pattern(pattern)  # a PatternError (ValueError) names what is wrong
        trend = term_trends(self.corpus, pattern, by=self.by, freq=self.freq)
        trend = trend[trend[self.by].isin(chosen)].reset_index(drop=True)
        lines = concordance(self.corpus, pattern, by=self.by, n=MAX_LINES, seed=SEED)
        kwic = _sample(self._with_by(lines), self.by, chosen)
        return trend, kwic, int(trend["count"].sum()), f"pattern {pattern}"

    def _frame_tables(self, chosen: list[Hashable]) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
        frame = self.frame.value
        if frame is None:
            raise _Message("Choose a frame.")
        if self._scores is None:
            self._scores = frame_scores(self.corpus, self.lexicon, meta=self._meta())
        prev = frame_prevalence(self._scores, by=self.by, freq=self.freq, frames=frame)
        trend = prev[prev[self.by].isin(chosen)].reset_index(drop=True)
        lines = self._with_by(frame_matches(self.corpus, self.lexicon, frames=frame))
        lines = lines[lines[self.by].isin(chosen)]
        return trend, _sample(lines, self.by, chosen), len(lines), f"frame {self.lexicon[frame].label}"

    def _meta(self) -> list[str] | None:
        return None if self.by in ("doc_id", "source", "date") else [self.by]

    def _with_by(self, lines: pd.DataFrame) -> pd.DataFrame:
        if self.by in lines.columns:
            return lines
        keys = self.corpus[["doc_id", self.by]].drop_duplicates("doc_id")
        out = lines.merge(keys, on="doc_id", how="left")
        out.index = lines.index
        return out

    def _draw(self, trend: pd.DataFrame, title: str) -> tuple[Figure, Axes]:
        if trend.empty:
            raise _Message(f"No dated articles in the chosen values of '{self.by}'.")
        figure = Figure(figsize=(8, 3.6), layout="constrained")
        ax = figure.add_subplot()
        if self.mode.value == "term":
            plot_trends(trend, by=self.by, ax=ax)
        else:
            # intervals only when they stay readable (one or two outlets)
            ci = trend[self.by].nunique() <= 2
            plot_timeline(trend, self.frame.value, by=self.by, ci=ci, ax=ax)
        ax.set_title(title, fontsize=10, loc="left")
        return figure, ax


def _sample(lines: pd.DataFrame, by: str, chosen: list[Hashable]) -> pd.DataFrame:
    """At most MAX_LINES lines of the chosen groups, a random sample kept in corpus order."""
    lines = lines[lines[by].isin(chosen)]
    if len(lines) > MAX_LINES:
        rng = np.random.default_rng(SEED)
        keep = np.sort(rng.choice(len(lines), MAX_LINES, replace=False))
        lines = lines.iloc[keep]
    return pd.DataFrame(lines).reset_index(drop=True)


def _png_output(figure: Figure, title: str) -> dict:
    """One display_data output (an Output widget's format) holding the figure as PNG."""
    return {
        "output_type": "display_data",
        "data": {
            "image/png": png_base64(figure, bbox_inches="tight"),
            "text/plain": f"<trend chart: {title}>",
        },
        "metadata": {},
    }


def explore(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    lexicon: Lexicon | str = "war_framing",
    freq: str = "M",
) -> Explorer:
    """Explore a term's or a frame's trend per outlet, and the lines behind it, in a notebook.

    Shows a multi-select of the values of ``by`` (outlets), a text box for a pattern of
    the toolkit's pattern language (``regroup*``, ``goodwill gesture``; never a regular
    expression, so every search runs in bounded time) or a dropdown of the lexicon's
    frames, a chart of the trend per period and outlet, and at most :data:`MAX_LINES`
    concordance lines behind it (when there are more, a random sample with seed
    :data:`SEED`; for a pattern, at most :data:`MAX_LINES` are drawn per outlet first, so
    a rare outlet's lines are not crowded out). Everything updates when a value changes. A pattern that cannot be used gives
    a one-line message and the previous results stay; all text is HTML-escaped.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`) with a ``date`` column.
    by : str, default "source"
        The column whose values are offered as outlets and that groups the trends.
    lexicon : Lexicon or str, default "war_framing"
        The lexicon whose frames are offered.
    freq : str, default "M"
        The period of the trend: ``"W"``, ``"M"``, ``"Q"``... (see :mod:`toolkit.periods`).

    Returns
    -------
    Explorer
        Displays as the interface when it is the last value of a cell. Its widgets
        (``outlets``, ``mode``, ``term``, ``frame``, ``chart``, ``lines``) can be set
        from Python; ``trend`` and ``kwic`` hold the last tables. It starts on the
        lexicon's first frame.

    Raises
    ------
    toolkit.CorpusError
        If the corpus lacks ``doc_id``, ``text``, ``date`` or the ``by`` column.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.explore import explore
    >>> ex = explore(toolkit.load_demo())
    >>> ex.term.value = "regroup*"
    >>> ex.mode.value, int(ex.trend["count"].sum()), len(ex.kwic)
    ('term', 19, 19)
    >>> ex.outlets.value = ("Borealis Agency", "The Dnipro Ledger")
    >>> sorted(ex.trend["source"].unique())
    ['Borealis Agency', 'The Dnipro Ledger']
    >>> ex.term.value = "(a+)+"             # not a pattern: a message, tables kept
    >>> ex.error is not None, sorted(ex.kwic["source"].unique())
    (True, ['Borealis Agency', 'The Dnipro Ledger'])
    """
    return Explorer(corpus, by=by, lexicon=lexicon, freq=freq)
