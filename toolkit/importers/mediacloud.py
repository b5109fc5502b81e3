"""Reader for Media Cloud story lists exported as CSV.

Importing this module registers the reader ``mediacloud`` in :mod:`toolkit.readers`. Media
Cloud exports are ordinary ``.csv`` files (the ``csv`` reader owns that suffix), so the
reader is chosen with ``format=``::

    load_corpus("mediacloud-stories.csv", format="mediacloud")
    load_corpus("exports/", format="mediacloud")      # a folder of exports

Two layouts are recognised by their header line (any column order; further columns are
kept as extra columns):

* the legacy Explorer / API v3 story list: ``stories_id, publish_date, title, url,
  language, ap_syndicated, themes, media_id, media_name, media_url`` (exports of topics and
  of the API add e.g. ``guid``, ``collect_date``, ``processed_stories_id``);
* the current search tool ("Download all URLs"): ``id, indexed_date, language,
  media_name, media_url, publish_date, title, url``.

Column mapping: ``stories_id`` (else ``id``) -> ``doc_id`` (required; the other one, if
both are present, stays an extra column), ``publish_date`` -> ``date`` (required, read as
given: the exports name no time zone), ``media_name`` -> ``source`` (else the host name of
``media_url``; ``defaults={"source": ...}`` fills it when both are empty), ``title`` ->
``title`` (required), ``url``, ``language``. All other columns (``media_id``,
``media_url``, ``ap_syndicated``, ``themes``, ``indexed_date`` ...) are kept as they are.

**Media Cloud exports give no body text**, and the schema refuses an empty ``text``, so --
as for GDELT (:mod:`toolkit.importers.api`) -- ``text`` is the title and every row has
``text_partial=True``. Counts and rates computed on such a corpus describe headlines, not
articles. To analyse the articles themselves, add their bodies, e.g. from pages you saved
and loaded with ``format="html"`` (:mod:`toolkit.importers.pages`)::

    stories = load_corpus("stories.csv", format="mediacloud")
    pages = load_corpus("saved_pages/", format="html")
    bodies = pages.set_index("url")["text"]
    found = stories["url"].isin(bodies.index)
    stories.loc[found, "text"] = stories.loc[found, "url"].map(bodies)
    stories.loc[found, "text_partial"] = False

The file is read by the CSV machinery of :mod:`toolkit.readers` (encoding detection,
quoting problems named by line, ``sep=`` honoured), so a row's *row* (in messages, in
``attrs["skipped"]`` and in provenance) is the line on which it starts. A file without a
story-id column is a :class:`~toolkit.schema.CorpusError` naming the file and the columns
found; a story without an id, a ``publish_date`` (unless ``defaults=`` gives a date, e.g.
``defaults={"date": None}`` to keep undated stories), a title or an outlet is reported with
``ctx.fail`` naming the file and line, so ``errors="skip"`` leaves it out, reports it and
reads on.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from ..readers import ReadContext, _read_delimited, register_reader
from ..schema import CorpusError
from ._urls import host_name

__all__ = ["read_mediacloud"]

ReaderOutput = tuple[pd.DataFrame, list[Any]] | None

#: Id columns, in order of preference: legacy Explorer / API v3, then the search tool.
_ID_COLUMNS = ("stories_id", "id")
#: Media Cloud columns read as text (not numbers or booleans), by the role they take.
_TEXT_ROLES = {"stories_id": "doc_id", "id": "doc_id", "publish_date": "date",
               "media_name": "source", "media_url": "url", "title": "title", "url": "url",
               "language": "language"}


def _cells(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped text, with empty cells (and an absent column) as None."""
    if column not in df.columns:
        return pd.Series([None] * len(df), index=df.index, dtype=object)
    values = [(str(v).strip() or None) if isinstance(v, str) or pd.notna(v) else None
              for v in df[column].tolist()]
    return pd.Series(values, index=df.index, dtype=object)




@register_reader("mediacloud", aliases=("media-cloud",),
                 description="Media Cloud story list exported as CSV (titles only, no body text)")
def read_mediacloud(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a Media Cloud story-list CSV export (format: see the module documentation).

    The exports give no body text: ``text`` is the title and every row has
    ``text_partial=True`` (the module documentation says how to add bodies).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports stories that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per story.
    rows : list of int
        The line on which each story starts (line 1 is the header).

    Raises
    ------
    CorpusError
        If the file cannot be read as CSV or has no ``stories_id``/``id`` column; or (with
        ``errors="raise"``) if a story lacks an id, a date, a title or an outlet.
    """
    # the CSV machinery reads the columns named here as text (ids stay exact strings)
    read_ctx = dataclasses.replace(ctx, columns={**_TEXT_ROLES, **ctx.columns})
    result = _read_delimited(p, data, read_ctx, ",")
    if result is None:
        return pd.DataFrame(), []
    table, lines = result
    df = table if isinstance(table, pd.DataFrame) else pd.DataFrame.from_records(table)
    if df.empty and not len(df.columns):
        return pd.DataFrame(), []
    id_column = next((c for c in _ID_COLUMNS if c in df.columns), None)
    if id_column is None:
        found = ", ".join(map(repr, list(df.columns)[:12]))
        raise CorpusError(
            f"{p}: not a Media Cloud story list: no 'stories_id' column (Explorer / API v3 "
            f"exports) or 'id' column (search tool exports); columns found: {found}. For "
            "another CSV layout use format='csv' with columns=."
        )
    ids, dates, titles = _cells(df, id_column), _cells(df, "publish_date"), _cells(df, "title")
    sources = _cells(df, "media_name")
    sources = sources.where(sources.notna(), _cells(df, "media_url").map(host_name)).astype(object)
    problems = pd.Series([None] * len(df), index=df.index, dtype=object)
    checks = [
        (ids.isna(), lambda i: f"no story id (the {id_column!r} cell is empty)"),
        (dates.isna() & ("date" not in ctx.defaults),
         lambda i: f"story {ids[i]}: no 'publish_date'; pass defaults={{'date': None}} to keep "
                   "undated stories (their date is then missing)"),
        (titles.isna(), lambda i: f"story {ids[i]}: no title (Media Cloud exports have no body "
                                  "text, so the title is the text)"),
        (sources.isna() & ("source" not in ctx.defaults),
         lambda i: f"story {ids[i]}: no 'media_name' and no host name in 'media_url'; pass "
                   "defaults={'source': ...}"),
    ]
    for mask, message in checks:
        for i in df.index[mask.to_numpy(dtype=bool) & problems.isna().to_numpy()]:
            problems[i] = message(i)
    bad = problems.notna().to_numpy()
    for i in df.index[bad]:  # in file order
        ctx.fail(p, lines[i], problems[i])
    if len(df) and bad.all():
        return None  # every story was reported
    keep = ~bad
    out = pd.DataFrame({
        "doc_id": ids[keep], "source": sources[keep], "date": dates[keep],
        "title": titles[keep], "text": titles[keep],
    })
    for column in ("url", "language"):
        if column in df.columns:
            out[column] = _cells(df, column)[keep]
    out["text_partial"] = True
    used = {id_column, "publish_date", "media_name", "title", "url", "language"}
    for column in df.columns:
        if column not in used and column not in out.columns:
            out[column] = df.loc[keep, column]
    return out.reset_index(drop=True), [line for line, k in zip(lines, keep, strict=True) if k]
