"""Reader for Factiva exports: article lists saved as RTF or HTML (or plain text).

Importing this module registers the reader ``factiva`` in :mod:`toolkit.readers`. It claims
no file suffix (``.rtf`` and ``.html`` files may be anything), so it is chosen with
``format=``::

    load_corpus("Factiva-20220301-0915.rtf", format="factiva")
    load_corpus("factiva_exports/", format="factiva")

The container is told from the bytes: a file starting with ``{\\rtf`` is RTF (striprtf),
a file with ``<html>``, ``<div>`` or ``<table>`` near its start is HTML (BeautifulSoup),
anything else is text. Two layouts are read:

Field codes (the "full article report with indexing")
    Each field is a two- or three-letter code with its value: in HTML a table row
    ``<tr><td>HD</td><td>...</td></tr>`` inside ``<div class="article enArticle">`` (the
    paragraphs of ``LP`` and ``TD`` are ``<p class="articleParagraph ...">``); in RTF or text
    a line that starts with the code, followed by a tab, a ``|``, spaces or the end of the
    line (then the value is on the following lines). Codes: ``SE`` section, ``HD``
    headline, ``CR`` credit, ``BY`` byline, ``WC`` word count, ``PD`` publication date,
    ``ET`` time, ``SN`` source name, ``SC`` source code, ``ED`` edition, ``PG`` page, ``LA``
    language, ``CY`` copyright, ``LP`` lead paragraph, ``TD`` the rest of the text, ``CT``
    contact, ``RF`` reference, ``CO`` companies, ``IN`` industries, ``NS`` subjects, ``RE``
    regions, ``IPC``, ``IPD``, ``PUB`` publisher, ``AN`` accession number (``Document
    KSTRLW0020220225ei2p0001a``), which ends the article.
Article format (the default display)
    Per article: the headline (a ``By ...`` line below it is the byline), ``812 words``,
    the date (``25 February 2022``), an optional time, the source name, then optional
    source code, edition and page lines, the language (``English``) and a copyright line;
    the body paragraphs; and ``Document <accession number>``, which ends the article. In
    HTML the same lines are taken from each ``<div class="article ...">``. Lines after the
    last article that do not look like one (Factiva's search summary) are ignored.

Columns
-------
``doc_id``
    The accession number (``AN``, without ``Document``), e.g.
    ``"KSTRLW0020220225ei2p0001a"``; ``"<file name without suffix>#<article number>"`` for
    an HTML article without one.
``source``, ``date``, ``title``, ``text``
    ``SN``, ``PD`` (as ``YYYY-MM-DD``), ``HD``, and ``LP`` followed by ``TD`` (paragraphs
    joined with a blank line).
``author``, ``section``, ``language``, ``word_count``
    ``BY`` (a leading ``By`` removed), ``SE``, ``LA`` and the number in ``WC`` (``Int64``).
Extra columns, where a field is present
    ``factiva_id`` (the accession number), ``lead_paragraph`` (``LP``), ``source_code``
    (``SC``), ``edition`` (``ED``), ``page`` (``PG``), ``credit`` (``CR``), ``copyright``
    (``CY``), ``time`` (``ET``), ``companies`` (``CO``), ``industries`` (``IN``),
    ``subjects`` (``NS``), ``regions`` (``RE``), ``publisher`` (``PUB``).

The row of an article (in messages, ``attrs["skipped"]`` and provenance) is its position
in the file (1 = first). An article without a date, source name or text, with a date that
cannot be read, or cut off at the end of the file (no ``AN`` / ``Document`` line) is
reported with ``ctx.fail`` naming the file and the article number, so ``errors="skip"``
leaves it out, reports it and reads on. A file with no Factiva article at all is a
:class:`~toolkit.schema.CorpusError` naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from ..readers import ReadContext, file_stem, register_reader
from ..schema import CorpusError
from .nexis import (
    _COPYRIGHT,
    _author,
    _BadArticle,
    _export_lines,
    _frame,
    _is_date_line,
    _iso_date,
    _word_count,
)

__all__ = ["read_factiva"]

Record = dict[str, Any]
ReaderOutput = tuple[pd.DataFrame, list[int]]

_CODES = ("SE", "HD", "CR", "BY", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP",
          "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN")
_CODE_ALT = "|".join(sorted(_CODES, key=len, reverse=True))
# a code alone, or followed by a tab, "|" (an RTF table cell) or two spaces: always a code;
# followed by one space: a code only outside the text (LP, TD), where "IN KYIV ..." may start
# a paragraph
_STRONG_CODE = re.compile(rf"^({_CODE_ALT})(?:\s*$|(?:\t|\s*\|\s*|\s{{2,}})\s*(.*?)\s*\|?\s*$)")
_WEAK_CODE = re.compile(rf"^({_CODE_ALT})\s+(.*)$")
_DOCUMENT = re.compile(r"^Document\s+([A-Za-z0-9]{8,})\s*$")
_WORDS_LINE = re.compile(r"^\d[\d,.]*\s+words?$", re.IGNORECASE)
_TIME_LINE = re.compile(r"^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*[A-Z]{0,5}$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_PAGE = re.compile(r"^(?:page\s+|pg\.?\s*)?[A-Z]?\d{1,4}[A-Z]?$", re.IGNORECASE)
_LANGUAGES = frozenset({
    "english", "russian", "ukrainian", "german", "french", "spanish", "italian", "portuguese",
    "dutch", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian", "serbian",
    "croatian", "swedish", "norwegian", "danish", "finnish", "estonian", "latvian",
    "lithuanian", "greek", "turkish", "arabic", "hebrew", "chinese", "japanese", "korean",
    "indonesian", "malay", "catalan", "belarusian", "georgian",
})
_TEXT_CODES = ("LP", "TD")
_EXTRA_CODES = {"SC": "source_code", "ED": "edition", "PG": "page", "CR": "credit",
                "CY": "copyright", "ET": "time", "CO": "companies", "IN": "industries",
                "NS": "subjects", "RE": "regions", "PUB": "publisher"}


# ------------------------------------------------------------------------------ field codes


def _accession(value: str | None) -> str | None:
    """The accession number of an ``AN`` value (``Document`` removed)."""
    if not value:
        return None
    return re.sub(r"^document\s+", "", value.strip(), flags=re.IGNORECASE).strip() or None


def _coded_article(fields: dict[str, list[str]]) -> Record:
    """One article given as field codes and their values (paragraphs) as a record."""
    def one(code: str) -> str | None:
        value = " ".join(" ".join(fields.get(code, [])).split())
        return value or None

    date = one("PD")
    if date is None:
        raise _BadArticle(f"no publication date (PD) (headline {one('HD') or ''!r})")
    source = one("SN")
    if source is None:
        raise _BadArticle(f"no source name (SN) (headline {one('HD') or ''!r})")
    paragraphs = [x for code in _TEXT_CODES for x in fields.get(code, []) if x.strip()]
    if not paragraphs:
        raise _BadArticle(f"no text (LP, TD) (headline {one('HD') or ''!r})")
    an = _accession(one("AN"))
    record: Record = {
        "doc_id": an,
        "source": source,
        "date": _iso_date(date),
        "title": one("HD") or "",
        "text": "\n\n".join(paragraphs),
        "author": _author(one("BY")),
        "section": one("SE"),
        "language": one("LA"),
        "word_count": _word_count(one("WC")),
        "factiva_id": an,
        "lead_paragraph": "\n\n".join(fields.get("LP", [])) or None,
    }
    for code, name in _EXTRA_CODES.items():
        record[name] = one(code)
    return record


def _coded_blocks(lines: list[str]) -> list[tuple[dict[str, list[str]], bool]]:
    """Field-coded lines grouped into articles; each with whether its ``AN`` was read."""
    articles: list[tuple[dict[str, list[str]], bool]] = []
    fields: dict[str, list[str]] = {}
    code: str | None = None
    for line in lines:
        m = _STRONG_CODE.match(line)
        if m is None and code not in _TEXT_CODES:
            m = _WEAK_CODE.match(line)
        if m is not None:
            if "AN" in fields or (m[1] in ("HD", "SE") and "HD" in fields):
                articles.append((fields, "AN" in fields))
                fields = {}
            code = m[1]
            fields.setdefault(code, [])
            if m[2]:
                fields[code].append(m[2])
        elif code is not None:
            fields[code].append(line)
    if fields:
        articles.append((fields, "AN" in fields))
    return articles


def _is_coded(lines: list[str]) -> bool:
    """Whether the lines use field codes (a line that is an ``HD`` code)."""
    return any(m is not None and m[1] == "HD" for m in map(_STRONG_CODE.match, lines))


# ------------------------------------------------------------------------------ article format


def _plain_article(lines: list[str], an: str | None) -> Record:
    """One article in the article format (lines without the ``Document`` line)."""
    w = next((i for i, line in enumerate(lines) if _WORDS_LINE.match(line)), None)
    if w is None:
        start = lines[0] if lines else ""
        raise _BadArticle(f"no word count line such as '812 words', so the headline and the "
                          f"metadata cannot be found (the article starts with {start!r})")
    bylines = [x for x in lines[:w] if re.match(r"^by\s", x, re.IGNORECASE)]
    others = [x for x in lines[:w] if x not in bylines]
    title = others[0] if others else ""
    d = next((i for i in range(w + 1, min(w + 3, len(lines))) if _is_date_line(lines[i])),
             None)
    if d is None:
        found = lines[w + 1] if w + 1 < len(lines) else "nothing"
        raise _BadArticle(f"no publication date after the word count (found {found!r}; "
                          f"headline {title!r})")
    date = _iso_date(lines[d])
    j = d + 1
    time = None
    if j < len(lines) and _TIME_LINE.match(lines[j]):
        time, j = lines[j], j + 1
    if j >= len(lines):
        raise _BadArticle(f"no source name after the date (headline {title!r})")
    source = lines[j]
    window = range(j + 1, min(j + 9, len(lines)))
    copyright_at = next((i for i in window if _COPYRIGHT.match(lines[i])), None)
    language_at = next((i for i in window if lines[i].lower() in _LANGUAGES), None)
    stops = [i for i in (copyright_at, language_at) if i is not None]
    if not stops:
        raise _BadArticle(f"no language or copyright line after the source name {source!r}, "
                          f"so the body cannot be told from the metadata (headline {title!r})")
    meta_end = max(stops) + 1 if copyright_at is not None else language_at + 1
    record: Record = {"source_code": None, "page": None, "edition": None}
    for line in lines[j + 1:min(stops)]:
        if record["source_code"] is None and _SOURCE_CODE.match(line):
            record["source_code"] = line
        elif record["page"] is None and _PAGE.match(line):
            record["page"] = line
        elif record["edition"] is None:
            record["edition"] = line
    body = lines[meta_end:]
    if not body:
        raise _BadArticle(f"no text after the metadata (headline {title!r})")
    return {
        "doc_id": an,
        "source": source,
        "date": date,
        "title": title,
        "text": "\n\n".join(body),
        "author": _author(bylines[0]) if bylines else None,
        "language": lines[language_at] if language_at is not None else None,
        "word_count": _word_count(lines[w]),
        "factiva_id": an,
        "lead_paragraph": body[0],
        "time": time,
        "copyright": lines[copyright_at] if copyright_at is not None else None,
        **record,
    }


def _plain_blocks(lines: list[str]) -> list[tuple[list[str], str | None]]:
    """Article-format lines split at the ``Document`` lines; a cut-off last article (it has
    a word count line but no ``Document`` line) comes with the id None."""
    blocks: list[tuple[list[str], str | None]] = []
    current: list[str] = []
    for line in lines:
        m = _DOCUMENT.match(line)
        if m:
            blocks.append((current, m[1]))
            current = []
        else:
            current.append(line)
    if any(_WORDS_LINE.match(x) for x in current):
        blocks.append((current, None))
    return blocks


# ------------------------------------------------------------------------------ HTML


def _html_articles(p: Path, text: str) -> list[tuple[str, Any]]:
    """The articles of a Factiva HTML page: ``("coded", fields)`` or ``("plain", lines)``."""
    try:
        from bs4 import BeautifulSoup  # imported only when an HTML file is read
    except ImportError as err:  # pragma: no cover
        raise CorpusError(f"{p}: reading Factiva HTML needs beautifulsoup4 "
                          "(pip install beautifulsoup4)") from err

    soup = BeautifulSoup(text, "html.parser")  # the standard library parser: no lxml needed
    divs = soup.select("div.article")  # class="article enArticle" (XX: the language)
    if not divs:  # no article <div>s: every table of field codes is an article
        divs = [t for t in soup.find_all("table") if _table_fields(t)]
    out: list[tuple[str, Any]] = []
    for div in divs:
        table = div if div.name == "table" else div.find("table")
        fields = _table_fields(table) if table is not None else {}
        if fields:
            out.append(("coded", fields))
        else:
            raw = div.get_text("\n")
            out.append(("plain", [x for x in (" ".join(s.split()) for s in raw.split("\n")) if x]))
    return out


def _table_fields(table: Any) -> dict[str, list[str]]:
    """``{code: paragraphs}`` from a table whose rows are a field code and its value."""
    fields: dict[str, list[str]] = {}
    for tr in table.find_all("tr"):
        cells = tr.find_all("td", recursive=False) or tr.find_all("td")
        if len(cells) < 2:
            continue
        code = cells[0].get_text(" ", strip=True).upper()
        if code not in _CODES:
            continue
        paras = [" ".join(x.get_text(" ").split()) for x in cells[1].find_all("p")]
        paras = [x for x in paras if x] or [" ".join(cells[1].get_text(" ").split())]
        fields.setdefault(code, []).extend(x for x in paras if x)
    return fields


# ------------------------------------------------------------------------------ reader


@register_reader("factiva", description="Factiva export (RTF or HTML article list; many "
                                        "articles per file)")
def read_factiva(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a Factiva export (layouts and columns: see the module documentation).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents: RTF, HTML or text.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports articles that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per article.
    rows : list of int
        Each article's position in the file (1 = first).

    Raises
    ------
    CorpusError
        If the file holds no Factiva article (neither field codes nor ``Document ...``
        lines); or (with ``errors="raise"``) if an article cannot be read.
    """
    html_items: list[tuple[str, Any]] = []

    def html_lines(text: str) -> list[str]:
        html_items.extend(_html_articles(p, text))
        return []

    lines = _export_lines(p, data, ctx, html=html_lines)
    items: list[tuple[str, Any, str | None, bool]] = []  # (kind, content, id, complete)
    if html_items:
        for kind, content in html_items:
            if kind == "plain" and content and _DOCUMENT.match(content[-1]):
                items.append(("plain", content[:-1], _DOCUMENT.match(content[-1])[1], True))
            else:
                items.append((kind, content, None, True))
    elif _is_coded(lines):
        items = [("coded", fields, None, done) for fields, done in _coded_blocks(lines)]
    else:
        items = [("plain", block, an, an is not None) for block, an in _plain_blocks(lines)]
    if not items:
        if not lines and not (data or b"").strip():
            return pd.DataFrame(), []
        start = " ".join(" ".join(lines[:3]).split())[:80]
        raise CorpusError(
            f"{p}: not a Factiva export: no articles found, neither field codes (HD, PD, SN, "
            f"... AN) nor articles ending in a 'Document <accession number>' line (the file "
            f"starts with {start!r})."
        )
    stem = file_stem(p)
    records: list[Record] = []
    rows: list[int] = []
    for i, (kind, content, an, complete) in enumerate(items, 1):
        try:
            if not complete:
                raise _BadArticle("the file ends before this article's accession number "
                                  "('AN' / 'Document ...' line): the file seems cut off "
                                  "(export it again)")
            record = _coded_article(content) if kind == "coded" else _plain_article(content, an)
        except _BadArticle as err:
            ctx.fail(p, i, f"article {i}: {err}")
            continue
        if record["doc_id"] is None:
            record["doc_id"] = f"{stem}#{i}"
        records.append(record)
        rows.append(i)
    return _frame(records), rows
