"""Plots: each takes a results DataFrame and returns the matplotlib Axes it drew on.

Every ``plot_*`` takes a keyword-only ``ax=`` (one Axes to draw on) or, for plots of
several panels (:func:`plot_top_terms`, :func:`plot_collocates`), ``axes=`` (several
Axes; ``ax=`` is accepted when there is a single panel). Without them, a new figure is
made. Single-panel plots return an Axes, multi-panel plots a flat numpy array of Axes.
Handed a table other than the one it draws (e.g. the corpus itself), a plot raises
:class:`toolkit.CorpusError` naming the table it expects.
"""

from .attribution import SPEAKER_GROUP_COLORS, plot_reporting_verbs, plot_share_of_voice
from .collocations import plot_collocates
from .frames import plot_prevalence, plot_timeline, plot_war_names
from .frequency import plot_top_terms, plot_trends, plot_xray, plot_zipf
from .keyness import plot_heatmap, plot_keyness, plot_scatter
from .paired import plot_event_differences
from .style import OKABE_ITO, group_colors

__all__ = [
    "OKABE_ITO",
    "SPEAKER_GROUP_COLORS",
    "plot_reporting_verbs",
    "plot_share_of_voice",
    "group_colors",
    "plot_collocates",
    "plot_event_differences",
    "plot_heatmap",
    "plot_keyness",
    "plot_prevalence",
    "plot_scatter",
    "plot_timeline",
    "plot_top_terms",
    "plot_trends",
    "plot_war_names",
    "plot_xray",
    "plot_zipf",
]
