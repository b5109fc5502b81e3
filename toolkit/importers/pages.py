"""Reader for saved web pages: one article per HTML file, main text extracted offline.

Importing this module registers the reader ``html`` (alias ``htm``) in
:mod:`toolkit.readers`. It claims the suffixes ``.html`` and ``.htm`` and reads one article
per file (``per_file=True``: the pages of one load form one table)::

    load_corpus("saved_pages/")                       # every .html/.htm file in the folder
    load_corpus("saved_pages/", defaults={"source": "The Harbour Gazette"})
    load_corpus("undated/", format="html", defaults={"date": None})

The article's text and metadata are extracted with `trafilatura
<https://trafilatura.readthedocs.io>`_ from the decoded page (a string: trafilatura is
never given a URL, so nothing is fetched), favouring precision: menus, headers, footers,
"most read" boxes, comments and other page furniture are left out. The page is decoded as
UTF-8, else with the ``<meta charset>`` it declares, else with the usual detection
(:meth:`toolkit.readers.ReadContext.decode`; ``encoding=`` overrides all of this).

Column mapping, per page:

* ``doc_id`` -- the file name without its suffix (``kharkiv_power.html`` ->
  ``"kharkiv_power"``); pages with the same name in different folders therefore clash;
* ``source`` -- ``defaults={"source": ...}`` when given, else the site name
  (``og:site_name``, the publisher in JSON-LD ...), else the host name of the page's URL;
* ``date`` -- ``article:published_time`` (``<meta property=...>``) or ``datePublished``
  (JSON-LD, microdata) with its time and offset when the page has one, else the date
  trafilatura finds in the page's metadata (never a date guessed from the body text);
  required unless ``defaults=`` gives one: pass ``defaults={"date": "2022-11-15"}`` for
  pages saved without metadata, or ``defaults={"date": None}`` to keep them undated;
* ``title`` (the headline), ``url`` (``<link rel="canonical">``, else ``og:url``),
  ``author``, ``language`` (``<html lang=...>``);
* ``text`` -- the main text, paragraphs separated by a blank line, without the headline
  when it is the first line; required;
* extra column ``site_name`` -- the site name as found on the page (also when ``defaults=``
  sets ``source``).

A page's *row* is ``None`` (the file is the article). A page in which no article text is
found (an error page, a page that builds its text with JavaScript, a cookie wall), or that
has no publication date, is reported with ``ctx.fail`` naming the file, so
``errors="skip"`` leaves it out, reports it and reads on; with ``errors="raise"`` it is a
:class:`~toolkit.schema.CorpusError` naming the file.

Extraction takes a few milliseconds per ordinary page (up to a few tenths of a second for
a page without an article, when trafilatura tries its fallback algorithms): a folder of
hundreds of pages loads in seconds. trafilatura's log messages are silenced while it runs.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..readers import _DOC_NAME, NOT_ARTICLE, ReadContext, _binary_kind, file_stem, register_reader
from ..schema import CorpusError, issue
from ._urls import host_name

__all__ = ["read_page"]

ReaderOutput = tuple[list[dict[str, Any]], list[Any]] | None

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""",
                           re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.\-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                        re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
#: ``<meta>`` names/properties that hold the publication time, in order of preference.
_DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished",
              "date", "dc.date.issued", "dcterms.created", "pubdate")
#: Loggers of trafilatura and the libraries it calls, silenced while it extracts.
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence trafilatura's loggers (they would print to stderr) for the duration."""
    saved = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def _decode_page(p: Path, data: bytes, ctx: ReadContext) -> str:
    """The page as text: UTF-8, else its ``<meta charset>``, else the usual detection."""
    if ctx.encoding is None:
        binary = _binary_kind(p, data)
        if binary:
            raise CorpusError(f"{p}: {binary}")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(codecs.lookup(m.group(1).decode("ascii")).name)
            except (LookupError, UnicodeDecodeError):
                pass
    return ctx.decode(p, data)[0]


def _meta(page: str) -> dict[str, str]:
    """``<meta>`` tags as ``{lower-case name/property/itemprop: content}`` (first wins)."""
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(page[:200_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(tag)}
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and attrs.get("content"):
            found.setdefault(key.lower(), attrs["content"].strip())
    return found


def _timestamp(value: str | None) -> str | None:
    """An ISO 8601 date(-time) as given, if pandas can read it; else None."""
    if not value or not _ISO_DATE.match(value.strip()):
        return None
    try:
        pd.Timestamp(value.strip())
    except (ValueError, TypeError):
        return None
    return value.strip()


def _published(page: str, meta: dict[str, str], found: str | None) -> str | None:
    """The publication time from explicit metadata, else trafilatura's date."""
    for key in _DATE_KEYS:
        stamp = _timestamp(meta.get(key))
        if stamp:
            return stamp
    for m in _LD_DATE.finditer(page):
        stamp = _timestamp(m.group(1))
        if stamp:
            return stamp
    return found or None




def _body(text: str, title: str | None) -> str:
    """trafilatura's text with paragraphs separated by blank lines, headline removed."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def _extract(page: str) -> Any:
    """trafilatura's extraction (a Document, or None when it finds no main text)."""
    import trafilatura  # imported here: ``import toolkit`` stays fast

    with _quiet():
        return trafilatura.bare_extraction(
            page, url=None, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=True, include_images=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )


def _field(doc: Any, name: str) -> str | None:
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


@register_reader("html", extensions=(".html", ".htm"), aliases=("htm",), per_file=True,
                 description="a saved web page, one article per file (text extracted offline)")
def read_page(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read one saved web page (format: see the module documentation).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages; its stem is the ``doc_id``).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports a page that cannot be read.

    Returns
    -------
    articles : list of dict
        One record (the article), or none for an empty file.
    rows : list
        ``[None]``: the file is the article.
    None
        When the page was reported with ``ctx.fail`` (``errors="skip"``).

    Raises
    ------
    CorpusError
        If the bytes are not text; or (with ``errors="raise"``) if no article text or no
        publication date is found.
    """
    data = data or b""
    if not data.strip():
        return [], []
    page = _decode_page(p, data, ctx)
    documentation = bool(_DOC_NAME.match(file_stem(p)))  # README.html, codebook.html ...
    try:
        doc = _extract(page)
    except Exception as err:  # noqa: BLE001 - lxml/trafilatura raise many types on junk
        doc = None
        if not documentation:
            ctx.fail(p, None, f"cannot be read as an HTML page ({type(err).__name__}: {err})")
            return None
    raw_text = (doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", None)) if doc else None
    meta = _meta(page)
    date = _published(page, meta, _field(doc, "date")) if doc is not None else None
    if documentation and (not _field(doc, "text") or date is None):
        ctx.not_articles.append(issue(str(p), None, None, NOT_ARTICLE + " (a documentation "
                                      "page without an article and its date)"))
        return None
    if not isinstance(raw_text, str) or not raw_text.strip():
        ctx.fail(p, None, "no article text found in the page (an error page, a cookie wall, "
                          "or a page whose text is built by JavaScript?); save the page "
                          "after it has loaded, or the article's text as a .txt file")
        return None
    title = _field(doc, "title")
    if date is None and "date" not in ctx.defaults:
        ctx.fail(p, None, "no publication date found in the page's metadata; pass "
                          "defaults={'date': '2022-11-15'} (the date of these pages) or "
                          "defaults={'date': None} to load them undated")
        return None
    url = _field(doc, "url") or meta.get("og:url") or None
    site_name = _field(doc, "sitename")
    source = None
    if "source" not in ctx.defaults:
        source = site_name or _field(doc, "hostname") or host_name(url)
        if source is None:
            ctx.fail(p, None, "no site name or URL in the page to name the outlet; pass "
                              "defaults={'source': ...}")
            return None
    lang = _HTML_LANG.search(page[:5000])
    record = {
        "doc_id": file_stem(p),
        "source": source,
        "date": date,
        "title": title or "",
        "text": _body(raw_text, title),
        "url": url,
        "author": _field(doc, "author"),
        "language": lang.group(1) if lang else None,
        "site_name": site_name,
    }
    return [{k: v for k, v in record.items() if v is not None}], [None]

