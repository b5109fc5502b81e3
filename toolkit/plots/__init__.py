"""Plots: each takes a results DataFrame and returns matplotlib Axes."""

from .collocations import plot_collocates
from .frames import plot_prevalence, plot_timeline, plot_war_names
from .frequency import plot_top_terms, plot_trends, plot_xray, plot_zipf
from .keyness import plot_heatmap, plot_keyness, plot_scatter
from .style import OKABE_ITO, group_colors

__all__ = [
    "OKABE_ITO",
    "group_colors",
    "plot_collocates",
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
