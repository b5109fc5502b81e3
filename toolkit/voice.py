"""Share of voice: which speaker groups an outlet lets speak, and who speaks first.

:func:`share_of_voice` shares out an outlet's attributions (and, separately, its quoted
words) over speaker groups (:mod:`toolkit.actors`): of all attributions The Guardian
prints, how many are to Ukrainian officials, Russian officials, Western officials,
experts, civilians...; of all the words it puts inside quotation marks, how many are
Russian officials' words. Intervals are percentile bootstraps over **articles**
(:func:`toolkit.intervals.category_shares`): one article quoting one minister ten times
is one article, not ten independent observations.

:func:`first_voices` says which group is quoted first in each article (the first
attribution with a known group, by position), and :func:`share_of_voice` with
``measure="first"`` shares those out per outlet: which side gets the first word.

Speaker groups come from rules (:mod:`toolkit.attribution`) whose accuracy is reported in
``data/attribution/README.md``; an attribution without a group (``""``, e.g. *he* that
could not be resolved, *the report*) is counted as ``unknown`` so the shares add up to
the whole.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .counts import as_columns
from .intervals import category_shares
from .schema import CorpusError

__all__ = ["first_voices", "share_of_voice"]

MEASURES: tuple[str, ...] = ("attributions", "quoted_words", "first")


def _attributions(table: pd.DataFrame, fn: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{fn} expects the quotes() table, got {type(table).__name__}")
    need = ["doc_id", "type", "speaker_group"]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise CorpusError(f"{fn}: expects the quotes() table; missing column(s) {missing}")
    t = table[table["type"] != "scare_quote"].copy()
    t["speaker_group"] = t["speaker_group"].astype(object).fillna("").astype(str).replace("", "unknown")
    return t


def first_voices(attributions: pd.DataFrame, *, by: str | Sequence[str] | None = "source") -> pd.DataFrame:
    """The first speaker group quoted in each article.

    Parameters
    ----------
    attributions : pandas.DataFrame
        :func:`toolkit.attribution.quotes` output.
    by : str or list of str, default "source"
        Columns of ``attributions`` to keep (e.g. the outlet).

    Returns
    -------
    pandas.DataFrame
        One row per article with at least one attribution whose group is known:
        ``doc_id``, the ``by`` columns, ``speaker_group``, ``speaker``, ``cue`` and
        ``cue_start`` of its first such attribution.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.voice import first_voices
    >>> q = pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"], "type": ["direct"] * 2,
    ...     "speaker_group": ["ukrainian_officials", "russian_officials"], "speaker": ["", ""],
    ...     "cue": ["said", "said"], "cue_start": [50, 10], "content_start": [0, 0]})
    >>> first_voices(q)["speaker_group"].tolist()
    ['russian_officials']
    """
    cols = as_columns(by)
    t = _attributions(attributions, "first_voices")
    t = t[t["speaker_group"] != "unknown"]
    pos = t["cue_start"].where(t["cue_start"] >= 0, t.get("content_start", t["cue_start"]))
    t = t.assign(_pos=pos).sort_values(["doc_id", "_pos"], kind="stable")
    first = t.groupby("doc_id", sort=False).head(1)
    keep = ["doc_id", *[c for c in cols if c != "doc_id"], "speaker_group", "speaker", "cue", "cue_start"]
    return first[[c for c in keep if c in first.columns]].reset_index(drop=True)


def share_of_voice(
    attributions: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    measure: str = "attributions",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Share of each speaker group in an outlet's attributions, quoted words or first quotes.

    Parameters
    ----------
    attributions : pandas.DataFrame
        :func:`toolkit.attribution.quotes` output (scare quotes are left out).
    by : str or list of str, default "source"
        Grouping columns; None: the whole table.
    measure : {"attributions", "quoted_words", "first"}, default "attributions"
        Count attributions, sum the words inside quotation marks (``quoted_words``), or
        count articles by the group quoted first (:func:`first_voices`).
    level : float, default 0.95
        Confidence level of the intervals.
    n_boot : int, default 1000
        Bootstrap resamples of articles (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per group and speaker group: the ``by`` columns, ``speaker_group``
        (``unknown`` when the rules found none), ``n`` (attributions, quoted words or
        articles), ``total``, ``docs``, ``share``, ``ci_low``, ``ci_high`` and
        ``measure``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.voice import share_of_voice
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["X"] * 3, "type": ["direct"] * 3,
    ...     "speaker_group": ["ukrainian_officials", "russian_officials", "ukrainian_officials"],
    ...     "quoted_words": [10, 30, 10]})
    >>> s = share_of_voice(q, n_boot=0)
    >>> s[["speaker_group", "n", "share"]].values.tolist()
    [['russian_officials', 1.0, 0.3333333333333333], ['ukrainian_officials', 2.0, 0.6666666666666666]]
    >>> share_of_voice(q, measure="quoted_words", n_boot=0)["share"].tolist()
    [0.6, 0.4]
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    cols = as_columns(by)
    t = _attributions(attributions, "share_of_voice")
    missing = [c for c in cols if c not in t.columns]
    if missing:
        raise CorpusError(f"share_of_voice: by column(s) {missing} not in the table")
    weight = None
    if measure == "quoted_words":
        if "quoted_words" not in t.columns:
            raise CorpusError("share_of_voice: measure='quoted_words' needs the 'quoted_words' column")
        weight = "quoted_words"
    elif measure == "first":
        t = first_voices(t, by=cols)
    out = category_shares(t, "speaker_group", cols, weight=weight, level=level, n_boot=n_boot, seed=seed)
    return out.assign(measure=measure).reset_index(drop=True)
