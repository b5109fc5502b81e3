"""Checks on the result tables that functions pass to each other.

Functions that take a table (``frame_prevalence`` takes ``frame_scores`` output, plots
take analysis results) check it with :func:`require_table`: a missing column is a
:class:`~toolkit.schema.CorpusError` (a ``ValueError``) in one short sentence that names
the function and what it expects, and a corpus handed over by mistake is recognised as
such.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .schema import CorpusError

_SHOWN = 10


def require_table(data: object, needed: Sequence[str], what: str, expects: str) -> None:
    """Raise a short, clear error unless ``data`` is a DataFrame with ``needed`` columns.

    Parameters
    ----------
    data : object
        What the caller was given.
    needed : sequence of str
        Columns it must have.
    what : str
        The function's name (``"frame_prevalence"``).
    expects : str
        What it expects, e.g. ``"the table returned by frame_scores"``.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.
    CorpusError
        A column is missing (the message says when ``data`` looks like a corpus).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.tables import require_table
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["..."]})
    >>> require_table(corpus, ["frame", "count"], "frame_prevalence", "the table returned by frame_scores")
    Traceback (most recent call last):
    ...
    toolkit.schema.CorpusError: frame_prevalence expects the table returned by frame_scores, but was given a corpus (it has a 'text' column); compute that table first
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{what} expects {expects} (a DataFrame), got {type(data).__name__}")
    missing = [c for c in needed if c not in data.columns]
    if not missing:
        return
    if "text" in data.columns and "text" not in needed:
        raise CorpusError(
            f"{what} expects {expects}, but was given a corpus (it has a 'text' column); "
            "compute that table first"
        )
    cols = [str(c) for c in data.columns[:_SHOWN]]
    more = f" and {len(data.columns) - _SHOWN} more" if len(data.columns) > _SHOWN else ""
    raise CorpusError(
        f"{what} expects {expects}; missing column(s) {missing} (found: {cols}{more})"
    )
