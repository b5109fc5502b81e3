"""Reader for Nexis Uni / LexisNexis exports: many articles per file, as DOCX, RTF or TXT.

Importing this module registers the reader ``nexis`` (aliases ``lexisnexis``,
``nexis_uni``) in :mod:`toolkit.readers`. It claims no file suffix (``.txt`` belongs to the
``text`` reader, and a ``.docx`` or ``.rtf`` file may be anything), so it is chosen with
``format=``::

    load_corpus("Files (100).docx", format="nexis")
    load_corpus("nexis_exports/", format="nexis")      # a folder of exports

The container is told from the bytes, not the name: a ZIP file is read as a Word document
(python-docx, its paragraphs in order), a file starting with ``{\\rtf`` as RTF (striprtf),
anything else as text (the encoding is detected as for every text file). Each non-blank
paragraph (line) is one unit below; body paragraphs are joined with a blank line.

Layout
------
Articles are separated by ``End of Document`` lines (Nexis Uni, Lexis Advance) or start
with ``1 of 23 DOCUMENTS`` lines (the older LexisNexis Academic exports); a file with
neither is read as one article. A cover page before the first article (``User Name:``,
``Job Number:``, the search terms ...) is ignored. Within an article, the reader looks for
the **date line** -- the first line that is only a date, such as ``February 25, 2022
Friday``, ``Friday, February 25, 2022``, ``25 February 2022`` or ``February 25, 2022
Friday 10:12 AM EST`` or ``25. Februar 2022 Freitag`` (English, German or French month
names; the time is dropped). Around it:

* Nexis Uni: ``<headline>``, ``<publication>``, ``<date line>``, optional ``<edition>``,
  then ``Copyright ...``, fields such as ``Section: WORLD; Pg. 6``, ``Length: 812
  words``, ``Byline: ...``, ``Dateline: ...``, ``Highlight: ...``, a line ``Body``, the
  body paragraphs, then ``Classification``/``Graphic``/``Notes`` headings and fields such
  as ``Language: ENGLISH``, ``Publication-Type: Newspaper``, ``Subject: ...`` and
  ``Load-Date: February 26, 2022``.
* LexisNexis Academic: ``<publication>``, ``<date line>``, optional ``<edition>``,
  ``<headline>``, fields in capitals (``BYLINE:``, ``SECTION:``, ``LENGTH:`` ...), the
  body, then ``LOAD-DATE:``, ``LANGUAGE:``, ``PUBLICATION-TYPE:`` and a copyright line.

Field names are matched case-insensitively. The body is what follows the ``Body`` line
(or, without one, the fields after the headline) up to the first trailing field or
heading.

Columns
-------
``doc_id``
    ``"<file name without suffix>#<article number>"``, e.g. ``"Files (100)#3"``.
``source``, ``date``, ``title``, ``text``
    The publication line, the date line (as ``YYYY-MM-DD``), the headline and the body.
``author``, ``section``, ``language``, ``word_count``
    ``Byline`` (a leading ``By`` removed), ``Section`` (without its page), ``Language``
    (``ENGLISH`` becomes ``English``), the number in ``Length`` (``Int64``).
Extra columns, where a field is present
    ``page`` (from ``Section: WORLD; Pg. 6``), ``edition`` (a line between the date and the fields),
    ``copyright`` (the ``Copyright ...`` line), ``load_date`` (``YYYY-MM-DD`` when it reads
    as a date), and as given: ``dateline``, ``highlight``, ``publication_type``,
    ``subject``, ``geographic``, ``organization``, ``person``, ``industry``, ``company``,
    ``document_type``, ``journal_code``, ``correction_date``, ``url``, ``type``, ``series``,
    ``column``.

The row of an article (in messages, ``attrs["skipped"]`` and provenance) is its number in
the file (1 = first). An article without a date line, with an impossible date (``February
30``), without a body, or cut off at the end of the file (text after the last ``End of
Document`` that looks like an article) is reported with ``ctx.fail`` naming the file and
the article number, so ``errors="skip"`` leaves it out, reports it and reads on. A file
that cannot be opened as a Word document, or that holds no Nexis article at all, is a
:class:`~toolkit.schema.CorpusError` naming the file.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..readers import ReadContext, file_stem, register_reader
from ..schema import CorpusError

__all__ = ["read_nexis"]

Record = dict[str, Any]
ReaderOutput = tuple[pd.DataFrame, list[int]]


class _BadArticle(Exception):
    """One article cannot be read (the message says why)."""


# ------------------------------------------------------------------------------ shared helpers
# (also used by toolkit.importers.factiva)

_MONTH_NAMES = (  # English, German and French names (Nexis exports in those languages)
    ("january", "jan", "januar", "jänner", "janvier", "janv"),
    ("february", "feb", "februar", "février", "fevrier", "févr", "fevr"),
    ("march", "mar", "märz", "maerz", "mars"),
    ("april", "apr", "avril", "avr"),
    ("may", "mai"),
    ("june", "jun", "juni", "juin"),
    ("july", "jul", "juli", "juillet", "juil"),
    ("august", "aug", "août", "aout"),
    ("september", "sep", "sept", "septembre"),
    ("october", "oct", "oktober", "okt", "octobre"),
    ("november", "nov", "novembre"),
    ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc"),
)
_MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun|"
            r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
            r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?")
_TIME = (r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*(?:(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[a-z]{1,5}))?")
_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}}))"
    rf"(?:,?\s+{_WEEKDAY})?(?:,?\s+{_TIME})?\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"(\d[\d,.]*)\s*words?\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d)", re.IGNORECASE)


def _is_date_line(line: str) -> bool:
    """Whether a line is only a date (with an optional weekday and time)."""
    return _DATE_LINE.match(line) is not None


def _iso_date(line: str) -> str:
    """The date of a date line as ``YYYY-MM-DD``.

    Raises
    ------
    _BadArticle
        If the line is not a date line, or names a day that does not exist.
    """
    m = _DATE_LINE.match(line)
    if m is None:
        raise _BadArticle(f"cannot read the date {line!r} (expected e.g. 'February 25, 2022' "
                          "or '25 February 2022')")
    if m["y1"]:
        y, mo, d = int(m["y1"]), _MONTHS[m["m1"].lower().rstrip(".")], int(m["d1"])
    elif m["y2"]:
        y, mo, d = int(m["y2"]), _MONTHS[m["m2"].lower().rstrip(".")], int(m["d2"])
    else:
        y, mo, d = int(m["y3"]), int(m["m3"]), int(m["d3"])
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise _BadArticle(f"the date {line!r} does not exist") from None


def _maybe_iso(value: str) -> str:
    """A date field as ``YYYY-MM-DD`` when it reads as one, else as given."""
    try:
        return _iso_date(value)
    except _BadArticle:
        return value


def _word_count(value: str | None) -> int | None:
    """The number in ``"812 words"`` (None when there is none)."""
    m = _WORDS.search(value or "")
    if m is None:
        return None
    digits = re.sub(r"[,.]", "", m.group(1))
    return int(digits) if digits.isdigit() else None


def _author(byline: str | None) -> str | None:
    """A byline without its leading ``By``."""
    if not byline:
        return None
    return re.sub(r"^by[:\s]+", "", byline.strip(), flags=re.IGNORECASE).strip() or None


def _clean_line(line: str) -> str:
    """A line without surrounding white space, non-breaking and zero-width spaces."""
    return re.sub(r"[\u200b\ufeff]", "", line.replace("\xa0", " ")).strip()


def _docx_paragraphs(p: Path, data: bytes) -> list[str]:
    """The paragraphs of a Word document, in order (line breaks split them).

    Raises
    ------
    CorpusError
        If the bytes are not a Word document.
    """
    import zipfile

    import docx  # python-docx: imported only when a DOCX file is read

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise CorpusError(f"{p}: cannot be read as a Word document (.docx): {err}") from err
    except Exception as err:  # python-docx raises its own types for broken packages
        raise CorpusError(f"{p}: cannot be read as a Word document (.docx): {err}") from err
    return [line for para in document.paragraphs for line in para.text.split("\n")]


def _rtf_paragraphs(p: Path, data: bytes, ctx: ReadContext) -> list[str]:
    """The text lines of an RTF document (table cells are separated by ``|``)."""
    from striprtf.striprtf import rtf_to_text  # imported only when an RTF file is read

    source, _ = ctx.decode(p, data)
    m = re.search(r"\\ansicpg(\d+)", source[:2000])
    encoding = f"cp{m.group(1)}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
    except Exception as err:  # striprtf raises plain exceptions for broken markup
        raise CorpusError(f"{p}: cannot be read as RTF: {err}") from err
    return text.split("\n")


def _export_lines(p: Path, data: bytes | None, ctx: ReadContext, *,
                  html: Callable[[str], list[str]] | None = None) -> list[str]:
    """The non-blank lines of an export, whatever its container (DOCX, RTF, HTML, text).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings (encoding detection).
    html : callable, optional
        Turns an HTML document into lines; without it HTML is read as text.

    Returns
    -------
    list of str
        The lines, stripped, blank lines left out.
    """
    data = data or b""
    if data.startswith(b"PK\x03\x04"):
        raw = _docx_paragraphs(p, data)
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raw = _rtf_paragraphs(p, data, ctx)
    else:
        text, _ = ctx.decode(p, data)
        if html is not None and re.search(r"<(?:html|body|div|table|!doctype)\b", text[:4000],
                                          re.IGNORECASE):
            raw = html(text)
        else:
            raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = (_clean_line(line) for line in raw)
    return [line for line in lines if line]


def _frame(records: list[Record]) -> pd.DataFrame:
    """The records as a DataFrame; ``word_count`` as nullable integers."""
    df = pd.DataFrame.from_records([{k: v for k, v in r.items() if v is not None}
                                    for r in records])
    if "word_count" in df.columns:
        df["word_count"] = pd.array([v if isinstance(v, int) else None
                                     for v in df["word_count"]], dtype="Int64")
    return df


# ------------------------------------------------------------------------------ Nexis

_END = re.compile(r"^end of document$", re.IGNORECASE)
_OLD_START = re.compile(r"^\d+\s+of\s+\d+\s+documents?$", re.IGNORECASE)
_FIELD = re.compile(r"^(?P<key>[A-Za-z][A-Za-z\-]{1,24})\s*:\s*(?P<value>.*)$")
_HEAD_KEYS = frozenset({
    "section", "length", "byline", "dateline", "highlight", "type", "series", "column",
    "author",
})
_TAIL_KEYS = frozenset({
    "load-date", "language", "publication-type", "journal-code", "subject", "geographic",
    "organization", "person", "industry", "company", "ticker", "document-type",
    "correction-date", "url", "update", "graphic", "notes", "country", "city", "state",
})
_PAGE = re.compile(r"[;,]?\s*\b(?:Pg|Page)\.?\s*([A-Za-z]?\d+[A-Za-z]?)\s*$", re.IGNORECASE)
_TAIL_HEADINGS = frozenset({"classification", "graphic", "notes", "end of document"})
_EXTRA = ("edition", "dateline", "highlight", "copyright", "load_date", "language",
          "publication_type", "subject", "geographic", "organization", "person", "industry",
          "company", "document_type", "journal_code", "correction_date", "url", "type",
          "series", "column")


def _field(line: str, keys: frozenset[str]) -> tuple[str, str] | None:
    """``(key, value)`` when the line is one of the given fields (key lower-cased)."""
    m = _FIELD.match(line)
    if m is None or m["key"].lower() not in keys:
        return None
    return m["key"].lower(), m["value"].strip()


def _is_head(line: str) -> bool:
    """Whether a line belongs to the fields between the headline and the body."""
    return (line == "Body" or _COPYRIGHT.match(line) is not None
            or _field(line, _HEAD_KEYS | _TAIL_KEYS) is not None)


def _is_tail(line: str) -> bool:
    """Whether a line starts what follows the body (trailing fields and headings)."""
    return line.lower() in _TAIL_HEADINGS or _field(line, _TAIL_KEYS) is not None


def _section_page(value: str | None) -> tuple[str | None, str | None]:
    """``"WORLD; Pg. 6"`` as ``("WORLD", "6")``; a value without a page is kept whole."""
    if not value:
        return None, None
    m = _PAGE.search(value)
    if m is None:
        return value, None
    return value[:m.start()].strip(" ;,") or None, m.group(1)


def _nexis_article(lines: list[str]) -> Record:
    """One article's lines (without the separators) as a record (no ``doc_id``)."""
    d = next((i for i, line in enumerate(lines) if _is_date_line(line)), None)
    if d is None:
        raise _BadArticle("no date line (such as 'February 25, 2022 Friday') before the "
                          "article's fields")
    f = next((i for i in range(d + 1, len(lines)) if _is_head(lines[i])), None)
    if f is None:
        raise _BadArticle("no fields (Length:, Section:, Byline: ...) and no 'Body' line "
                          "after the date line")
    if d == 0:
        raise _BadArticle(f"no publication name before the date line {lines[d]!r}")
    source, edition = lines[d - 1], None
    if d >= 2:  # Nexis Uni: headline, publication, date, [edition]
        title = lines[d - 2]
        edition = lines[d + 1] if f > d + 1 else None
    else:  # LexisNexis Academic: publication, date, [edition], headline
        after = lines[d + 1:f]
        title = after[-1] if after else ""
        edition = after[0] if len(after) >= 2 else None
    rest = lines[f:]
    if "Body" in rest:
        b = rest.index("Body")
        head, start = rest[:b], b + 1
    else:
        b = 0
        while b < len(rest) and _is_head(rest[b]) and not _is_tail(rest[b]):
            b += 1
        head, start = rest[:b], b
    end = next((i for i in range(start, len(rest)) if _is_tail(rest[i])), len(rest))
    body, tail = rest[start:end], rest[end:]
    if not body:
        raise _BadArticle(f"no body text (headline {title!r})")
    fields: dict[str, str] = {}
    copyright_line = None
    for line in head + tail:
        if _COPYRIGHT.match(line) and copyright_line is None:
            copyright_line = line
            continue
        kv = _field(line, _HEAD_KEYS | _TAIL_KEYS)
        if kv is not None and kv[1]:
            fields.setdefault(kv[0], kv[1])
    load_date = fields.get("load-date")
    section, page = _section_page(fields.get("section"))
    language = fields.get("language")
    if language and language.isupper():
        language = language.capitalize()  # "ENGLISH" -> "English", as other sources give it
    record: Record = {
        "source": source,
        "date": _iso_date(lines[d]),
        "title": title,
        "text": "\n\n".join(body),
        "author": _author(fields.get("byline") or fields.get("author")),
        "section": section,
        "word_count": _word_count(fields.get("length")),
        "language": language,
        "page": page,
        "edition": edition,
        "copyright": copyright_line,
        "load_date": _maybe_iso(load_date) if load_date else None,
    }
    for key, value in fields.items():
        name = key.replace("-", "_")
        if name in _EXTRA and name not in record:
            record[name] = value
    return record


def _nexis_chunks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """The articles' lines, each with whether it is complete (a cut-off last one is not)."""
    if any(_END.match(line) for line in lines):
        chunks: list[tuple[list[str], bool]] = []
        current: list[str] = []
        for line in lines:
            if _END.match(line):
                chunks.append((current, True))
                current = []
            else:
                current.append(line)
        # after the last "End of Document": nothing, a footer, or an article cut off
        if any(_is_date_line(x) for x in current) and any(_is_head(x) for x in current):
            chunks.append((current, False))
        return chunks
    starts = [i for i, line in enumerate(lines) if _OLD_START.match(line)]
    if starts:
        bounds = [*starts, len(lines)]
        return [(lines[a + 1:b], True) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [(lines, True)] if lines else []


def _nonempty(chunks: list[tuple[list[str], bool]]) -> list[tuple[list[str], bool]]:
    """The chunks that hold any line (two separators in a row make an empty one)."""
    return [(chunk, complete) for chunk, complete in chunks if chunk]


@register_reader("nexis", aliases=("lexisnexis", "nexis_uni"),
                 description="Nexis Uni / LexisNexis export (DOCX, RTF or TXT; many articles "
                             "per file)")
def read_nexis(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a Nexis Uni / LexisNexis export (layout and columns: see the module docs).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages; its stem starts every ``doc_id``).
    data : bytes or None
        Its contents: a Word document, RTF or text.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports articles that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per article.
    rows : list of int
        Each article's number in the file (1 = first).

    Raises
    ------
    CorpusError
        If the file cannot be opened (a damaged Word document), or holds text but no Nexis
        article; or (with ``errors="raise"``) if an article cannot be read.
    """
    lines = _export_lines(p, data, ctx)
    if not lines:
        return pd.DataFrame(), []
    chunks = _nonempty(_nexis_chunks(lines))
    if not any(_is_date_line(x) for chunk, _ in chunks for x in chunk):
        start = " ".join(" ".join(lines[:3]).split())[:80]
        raise CorpusError(
            f"{p}: not a Nexis export: no article has a date line such as 'February 25, "
            f"2022 Friday' (the file starts with {start!r}). Export the results from Nexis "
            "Uni as DOCX, RTF or TXT, one or more documents per file."
        )
    stem = file_stem(p)
    records: list[Record] = []
    rows: list[int] = []
    for i, (chunk, complete) in enumerate(chunks, 1):
        try:
            if not complete:
                raise _BadArticle("the file ends before this article's 'End of Document' "
                                  "line: the file seems cut off (export it again)")
            record = _nexis_article(chunk)
        except _BadArticle as err:
            ctx.fail(p, i, f"article {i}: {err}")
            continue
        records.append({"doc_id": f"{stem}#{i}", **record})
        rows.append(i)
    return _frame(records), rows
