"""Reader for saved news feeds: RSS 2.0 (and 0.9x/1.0) and Atom.

Importing this module registers the reader ``rss`` (alias ``atom``) in
:mod:`toolkit.readers`. It claims the suffixes ``.rss`` and ``.atom`` (not ``.xml``, which
is too general: load such files with ``format="rss"``)::

    load_corpus("kestrel_wire.rss")
    load_corpus("feeds/", format="rss")          # a folder of saved feeds, any suffix
    load_corpus("europe.xml", format="rss", defaults={"source": "Kestrel Wire"})

The file is parsed with `feedparser <https://feedparser.readthedocs.io>`_ from its bytes
(handed over as a stream: feedparser never sees a file name or URL, so nothing is
fetched); the feed's own encoding declaration is honoured. One row per item (RSS) or entry
(Atom); an item's *row* (in messages, in ``attrs["skipped"]`` and in provenance) is its
position in the feed (1 = first).

Column mapping, per item:

* ``doc_id`` -- the ``guid`` (RSS) or ``id`` (Atom), else the ``link``; required;
* ``source`` -- ``defaults={"source": ...}`` when given, else the feed's ``title``, else
  the host name of the feed's (or the item's) link;
* ``date`` -- ``pubDate``/``published``, else ``updated``, converted to UTC by feedparser
  (``"2022-11-15T17:05:00Z"``); required unless ``defaults=`` gives a date (e.g.
  ``defaults={"date": None}`` to keep undated items);
* ``title``, ``url`` (the ``link``), ``author`` (``author``/``dc:creator``),
  ``language`` (the item's, else the feed's ``language``/``xml:lang``);
* ``text`` -- the full content (``content:encoded`` in RSS, ``content`` in Atom), else the
  ``description``/``summary``; HTML is removed (:func:`toolkit.clean.strip_html`);
  required;
* ``text_partial`` -- True when only the description/summary was available. Many feeds
  carry only a teaser: counts on such rows describe summaries, not articles;
* extra columns: ``categories`` (the item's categories/tags, ``"; "``-separated) and
  ``feed_title``.

Problems. A file that is not a feed at all (an HTML page, an empty document) is a
:class:`~toolkit.schema.CorpusError` naming the file. A feed that is not well-formed XML
(feedparser's ``bozo`` flag, e.g. a mismatched tag) is also a ``CorpusError`` naming the
file, the line and feedparser's message when no item could be read. When feedparser's
lenient parser still read items, the broken file is reported with ``ctx.fail`` (row
``None``): with ``errors="raise"`` that stops the load, with ``errors="skip"`` it is listed
in ``attrs["skipped"]`` and the items read are kept -- items after the break may be
missing or incomplete, and an item left without text or date is reported on its own. A
declared encoding that feedparser had to override is not a problem (the text was decoded).
An item without id and link, date or text is reported with ``ctx.fail`` naming the file
and the item number, so ``errors="skip"`` leaves it out, reports it and reads on.
"""

from __future__ import annotations

import calendar
import io
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..clean import strip_html
from ..readers import ReadContext, _binary_kind, register_reader
from ..schema import CorpusError
from ._urls import host_name

__all__ = ["read_feed"]

ReaderOutput = tuple[pd.DataFrame, list[Any]] | None

#: Content types of an entry's ``content`` that hold text (HTML or plain).
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class _BadItem(Exception):
    """One item cannot be read (the message says why)."""


def _utc(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC ``struct_time`` as an ISO 8601 string with ``Z``."""
    if parsed is None:
        return None
    stamp = pd.Timestamp(calendar.timegm(parsed), unit="s")
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(value: Any) -> str | None:
    """Text without HTML, stripped; None when missing or empty."""
    if not isinstance(value, str):
        return None
    return strip_html(value).strip() or None




def _content(entry: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The item's text and whether it is only the summary (``text_partial``)."""
    for part in entry.get("content") or []:
        if str(part.get("type", "")).lower() in _TEXT_TYPES:
            text = _plain(part.get("value"))
            if text:
                return text, False
    summary = _plain(entry.get("summary"))
    return summary, True


def _item(entry: Mapping[str, Any], feed: Mapping[str, Any],
          ctx: ReadContext) -> dict[str, Any]:
    """One feed item as a corpus record."""
    doc_id = str(entry.get("id") or "").strip() or str(entry.get("link") or "").strip()
    if not doc_id:
        raise _BadItem("no guid/id and no link")
    date = _utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    if date is None and "date" not in ctx.defaults:
        raw = entry.get("published") or entry.get("updated")
        reason = (f"date {raw!r} cannot be read" if raw else
                  "no pubDate/published/updated date")
        raise _BadItem(f"{reason} (id {doc_id!r}); pass defaults={{'date': None}} to keep "
                       "undated items")
    text, partial = _content(entry)
    if text is None:
        raise _BadItem(f"no text: neither content nor description/summary (id {doc_id!r})")
    feed_title = _plain(feed.get("title"))
    source = None
    if "source" not in ctx.defaults:
        source = feed_title or host_name(feed.get("link")) or host_name(entry.get("link"))
        if source is None:
            raise _BadItem(f"no feed title to name the outlet (id {doc_id!r}); pass "
                           "defaults={'source': ...}")
    tags = [str(t.get("term")).strip() for t in entry.get("tags") or [] if t.get("term")]
    return {
        "doc_id": doc_id,
        "source": source,
        "date": date,
        "title": _plain(entry.get("title")) or "",
        "text": text,
        "url": str(entry.get("link") or "").strip() or None,
        "author": _plain(entry.get("author")),
        "language": entry.get("language") or feed.get("language") or None,
        "text_partial": partial,
        "categories": "; ".join(tags) or None,
        "feed_title": feed_title,
    }


def _xml_problem(err: Exception) -> str:
    """feedparser's bozo exception in words, with the line when the parser knows it."""
    line = getattr(err, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    message = getattr(err, "getMessage", lambda: str(err))() or type(err).__name__
    return f"the feed is not well-formed XML{where} ({message})"


@register_reader("rss", extensions=(".rss", ".atom"), aliases=("atom",),
                 description="an RSS 2.0 or Atom feed saved as a file (full text or summaries)")
def read_feed(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a saved RSS or Atom feed (format: see the module documentation).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports items that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per item.
    rows : list of int
        Each item's position in the feed (1 = first).

    Raises
    ------
    CorpusError
        If the file is not a feed, or is not well-formed XML and no item could be read;
        or (with ``errors="raise"``) if the feed is not well-formed XML or an item cannot
        be read.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from toolkit import load_corpus
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "wire.rss"
    >>> _ = path.write_text(
    ...     "<rss version='2.0'><channel><title>Kestrel Wire</title><item>"
    ...     "<guid>kw-1</guid><title>Ferries sail again</title>"
    ...     "<pubDate>Fri, 18 Nov 2022 07:00:00 +0200</pubDate>"
    ...     "<description>&lt;p&gt;The first ferry in a week left.&lt;/p&gt;</description>"
    ...     "</item></channel></rss>")
    >>> df = load_corpus(path)
    >>> df[["doc_id", "source", "text", "text_partial"]].values.tolist()
    [['kw-1', 'Kestrel Wire', 'The first ferry in a week left.', True]]
    >>> str(df["date"][0])
    '2022-11-18 05:00:00+00:00'
    >>> tmp.cleanup()
    """
    import feedparser  # imported here: ``import toolkit`` stays fast

    data = data or b""
    binary = _binary_kind(p, data)
    if binary:
        raise CorpusError(f"{p}: {binary}")
    if not data.strip():
        return pd.DataFrame(), []
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False,
                              sanitize_html=True)
    err = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(err, feedparser.CharacterEncodingOverride):
        err = None  # the declared encoding was wrong, but the text was decoded
    entries = list(parsed.get("entries") or [])
    if err is not None and not entries:
        raise CorpusError(f"{p}: {_xml_problem(err)}; no item could be read. Save the feed "
                          "again as it is served (the raw XML).")
    if not parsed.get("version") and not entries:
        start = " ".join(data[:80].decode("utf-8", "replace").split())
        raise CorpusError(f"{p}: not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> "
                          f"root element); the file starts with {start!r}")
    if err is not None:
        ctx.fail(p, None, f"{_xml_problem(err)}; feedparser's lenient parser read "
                          f"{len(entries)} item(s), but items after that point may be "
                          "missing or incomplete")
    feed = parsed.get("feed") or {}
    records: list[dict[str, Any]] = []
    rows: list[Any] = []
    for number, entry in enumerate(entries, 1):
        try:
            record = _item(entry, feed, ctx)
        except _BadItem as bad:
            ctx.fail(p, number, f"item {number}: {bad}")
            continue
        records.append({k: v for k, v in record.items() if v is not None})
        rows.append(number)
    if entries and not records:
        return None  # every item was reported
    df = pd.DataFrame.from_records(records)
    if "text_partial" in df.columns:
        df["text_partial"] = df["text_partial"].astype(bool)
    return df, rows
