"""Readers for news API responses: the Guardian, the New York Times and GDELT.

Importing this module registers three readers in :mod:`toolkit.readers`. They claim no file
suffix (the responses are all ``.json``), so they are chosen with ``format=``::

    load_corpus("guardian_page1.json", format="guardian")
    load_corpus("nyt/", format="nyt")            # a folder of saved response pages
    load_corpus("gdelt_artlist.json", format="gdelt")

Each returns the corpus columns of :mod:`toolkit.schema` (``doc_id``, ``source``, ``date``,
``title``, ``text``, and ``url``, ``section``, ``author``, ``language`` where the API gives
them) plus the extra fields listed below. The row of an article (in messages, in
``attrs["skipped"]`` and in provenance) is its position in the response's list of results
(1 = first). A file that is not JSON, or whose top level is not the API's response
structure, is a :class:`~toolkit.schema.CorpusError` naming the file; an article that lacks
a required field is reported with ``ctx.fail`` naming the file and the article number, so
``errors="skip"`` leaves it out, reports it and reads on.

``guardian`` -- Guardian Open Platform, Content API (``/search`` results)
    ``{"response": {"status": "ok", "results": [...]}}`` (a single-item response,
    ``{"response": {"content": {...}}}``, is read too). Per result: ``id`` -> ``doc_id``
    (required), ``webPublicationDate`` -> ``date`` (required), ``webTitle`` (or
    ``fields.headline``) -> ``title``, ``webUrl`` -> ``url``, ``sectionName`` -> ``section``,
    ``fields.byline`` -> ``author``, ``fields.lang`` -> ``language``; ``source`` is
    ``"The Guardian"`` (or ``defaults={"source": ...}``, for a response in this format from
    another publisher, such as the constructed teaching file ``data/teaching/``). ``text`` is ``fields.bodyText``, else ``fields.body`` with the HTML
    removed (:func:`toolkit.clean.strip_html`); request one of them with
    ``show-fields=bodyText`` (or ``body``), otherwise the article is reported as having no
    body. Extra columns: ``section_id``, ``type``, ``pillar_name``, ``api_url``,
    ``trail_text`` and ``standfirst`` (HTML removed), ``word_count``.

``nyt`` -- New York Times Developer Network, Article Search API (and Archive API)
    ``{"status": "OK", "response": {"docs": [...]}}``. Per document: ``_id`` -> ``doc_id``
    (required), ``pub_date`` -> ``date`` (required), ``headline.main`` -> ``title``,
    ``web_url`` -> ``url``, ``section_name`` -> ``section``, ``byline.original`` (without
    its leading ``"By "``) -> ``author``, ``source`` -> ``source`` (default
    ``"The New York Times"``). **The API gives no full text**: ``text`` is the
    ``lead_paragraph``, else the ``abstract``, else the ``snippet`` (one of them is
    required), and every row has ``text_partial=True`` and ``text_field`` naming the field
    used. Counts and rates computed on such a corpus describe openings and summaries, not
    whole articles. Extra columns: ``abstract``, ``snippet``, ``news_desk``,
    ``type_of_material``, ``document_type``, ``word_count`` (of the full article, as the
    API reports it).

``gdelt`` -- GDELT Project, DOC 2.0 API, ``mode=ArtList`` with ``format=json``
    ``{"articles": [...]}`` (an empty ``{}`` is what the API returns when nothing matched:
    an empty file). Per article: ``url`` -> ``doc_id`` and ``url`` (required), ``title`` ->
    ``title`` (required), ``seendate`` (``"20220224T053000Z"``, the time GDELT saw the
    article, UTC) -> ``date`` (required), ``domain`` -> ``source`` (default: the host name of
    the URL), ``language`` -> ``language``. Extra columns: ``url_mobile``, ``social_image``,
    ``source_country``. **The API gives no body text** and the schema refuses empty
    ``text``, so ``text`` is the title and every row has ``text_partial=True``. To analyse
    the articles themselves, add their bodies, e.g. from pages you saved and extracted
    yourself: ``df.loc[df["url"] == u, ["text", "text_partial"]] = [body, False]``, or load
    the extracted texts as text files with a ``url:`` header line and merge on ``url``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from ..readers import ReadContext, register_reader
from ..schema import CorpusError

try:  # the HTML cleaner of toolkit.clean (a simple fallback keeps this module importable)
    from ..clean import strip_html
except ImportError:  # pragma: no cover
    import html as _html

    def strip_html(text: str) -> str:
        """Remove tags and decode entities (fallback for :func:`toolkit.clean.strip_html`)."""
        return _html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


__all__ = ["read_gdelt", "read_guardian", "read_nyt"]

Record = dict[str, Any]
ReaderOutput = tuple[pd.DataFrame, list[int]]


class _BadArticle(Exception):
    """One article cannot be read (the message says why)."""


# ------------------------------------------------------------------------------ helpers


def _load_json(p: Path, data: bytes | None, ctx: ReadContext) -> Any:
    """Decode and parse a file; None for an empty (white-space only) file."""
    text, _ = ctx.decode(p, data or b"")
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        start = " ".join(text.strip()[:80].split())
        raise CorpusError(
            f"{p} line {err.lineno} column {err.colno}: invalid JSON ({err.msg}); the file "
            f"starts with {start!r}. Save the API's response body as it is (JSON)."
        ) from err


def _describe(value: Any) -> str:
    """What a JSON value is, for messages."""
    if isinstance(value, dict):
        keys = ", ".join(map(repr, list(value)[:8]))
        return f"an object with keys {keys}" if keys else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    return f"a JSON {type(value).__name__}"


def _api_response(p: Path, doc: Any, api: str, shape: str) -> Mapping[str, Any]:
    """The ``response`` object of a Guardian or NYT reply (the object itself is accepted too)."""
    if isinstance(doc, dict) and isinstance(doc.get("response"), dict):
        return doc["response"]
    if isinstance(doc, dict) and ("results" in doc or "docs" in doc or "content" in doc):
        return doc
    if isinstance(doc, dict) and str(doc.get("status", "")).lower() not in ("", "ok"):
        message = doc.get("message") or doc.get("fault") or doc.get("errors") or ""
        raise CorpusError(f"{p}: the {api} returned an error (status {doc['status']!r}) "
                          f"{message!r}, not articles")
    raise CorpusError(f"{p}: expected a {api} response, {shape}; found {_describe(doc)}")


def _articles_list(p: Path, value: Any, key: str, api: str) -> list[Any]:
    """The list of articles under ``key``; a CorpusError naming the file otherwise."""
    if not isinstance(value, list):
        raise CorpusError(f"{p}: expected a list of articles under {key!r} in the {api} "
                          f"response, found {_describe(value)}")
    return value


def _get(item: Mapping[str, Any], *keys: str) -> Any:
    """A nested value (``_get(d, "fields", "body")``), or None when any level is missing."""
    value: Any = item
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _text(item: Mapping[str, Any], *keys: str) -> str | None:
    """A nested string value, stripped; None when missing or empty.

    Raises
    ------
    _BadArticle
        If the value is present but not a string.
    """
    value = _get(item, *keys)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadArticle(f"field {'.'.join(keys)!r} should be text, found {_describe(value)}")
    return value.strip() or None


def _required(item: Mapping[str, Any], *keys: str, hint: str = "") -> str:
    """Like :func:`_text`, but a missing or empty value is an error."""
    value = _text(item, *keys)
    if value is None:
        raise _BadArticle(f"no {'.'.join(keys)!r} field{hint}")
    return value


def _count(value: Any) -> int | None:
    """A word count as an integer (the Guardian sends it as a string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read_items(
    p: Path, items: list[Any], ctx: ReadContext, convert: Callable[[Mapping[str, Any]], Record]
) -> ReaderOutput:
    """Convert each item; problems go to ``ctx.fail`` with the article number as the row."""
    records: list[Record] = []
    rows: list[int] = []
    for i, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict):
                raise _BadArticle(f"expected a JSON object, found {_describe(item)}")
            record = convert(item)
        except _BadArticle as err:
            ctx.fail(p, i, f"article {i}: {err}")
            continue
        records.append({k: v for k, v in record.items() if v is not None})
        rows.append(i)
    df = pd.DataFrame.from_records(records)
    if "word_count" in df.columns:  # integers with gaps stay integers (not float64)
        df["word_count"] = pd.array([_count(v) for v in df["word_count"]], dtype="Int64")
    return df, rows


# ------------------------------------------------------------------------------ Guardian


def _guardian_article(item: Mapping[str, Any], source: str = "The Guardian") -> Record:
    """One Content API result as a corpus record."""
    doc_id = _required(item, "id")
    date = _required(item, "webPublicationDate")
    text = _text(item, "fields", "bodyText")
    if text is None:
        html = _text(item, "fields", "body")
        text = (strip_html(html).strip() or None) if html is not None else None
    if text is None:
        raise _BadArticle(f"no body text (request show-fields=bodyText); id {doc_id!r}")
    trail = _text(item, "fields", "trailText")
    standfirst = _text(item, "fields", "standfirst")
    return {
        "doc_id": doc_id,
        "source": source,
        "date": date,
        "title": _text(item, "webTitle") or _text(item, "fields", "headline") or "",
        "text": text,
        "url": _text(item, "webUrl"),
        "section": _text(item, "sectionName"),
        "author": _text(item, "fields", "byline"),
        "language": _text(item, "fields", "lang"),
        "section_id": _text(item, "sectionId"),
        "type": _text(item, "type"),
        "pillar_name": _text(item, "pillarName"),
        "api_url": _text(item, "apiUrl"),
        "trail_text": strip_html(trail) if trail else None,
        "standfirst": strip_html(standfirst) if standfirst else None,
        "word_count": _count(_get(item, "fields", "wordcount")),
    }


@register_reader("guardian", description="Guardian Open Platform Content API response (JSON)")
def read_guardian(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a saved Guardian Content API response (format: see the module documentation).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports articles that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per article.
    rows : list of int
        Each article's position in ``results`` (1 = first).

    Raises
    ------
    CorpusError
        If the file is not JSON, the API reported an error, or the top level is not a
        Content API response; or (with ``errors="raise"``) if an article cannot be read.
    """
    doc = _load_json(p, data, ctx)
    if doc is None:
        return pd.DataFrame(), []
    shape = 'an object {"response": {"results": [...]}}'
    response = _api_response(p, doc, "Guardian Content API", shape)
    status = response.get("status")
    if status is not None and str(status).lower() != "ok":
        raise CorpusError(f"{p}: the Guardian Content API returned status {status!r} "
                          f"({response.get('message', '')!r}), not articles")
    if "results" not in response and isinstance(response.get("content"), dict):
        items = [response["content"]]  # a single-item response
    else:
        items = _articles_list(p, response.get("results"), "response.results",
                               "Guardian Content API")
    source = str(ctx.defaults.get("source") or "The Guardian")
    return _read_items(p, items, ctx, lambda item: _guardian_article(item, source))


# ------------------------------------------------------------------------------ NYT

_NYT_TEXT_FIELDS = ("lead_paragraph", "abstract", "snippet")


def _nyt_article(item: Mapping[str, Any]) -> Record:
    """One Article Search document as a corpus record."""
    doc_id = _required(item, "_id")
    date = _required(item, "pub_date")
    text, field = None, None
    for field in _NYT_TEXT_FIELDS:
        text = _text(item, field)
        if text is not None:
            break
    if text is None:
        raise _BadArticle(f"no text (lead_paragraph, abstract and snippet are all empty); "
                          f"id {doc_id!r}")
    headline = _get(item, "headline")
    title = _text(item, "headline", "main") if isinstance(headline, dict) else _text(item, "headline")
    byline = _get(item, "byline")
    author = _text(item, "byline", "original") if isinstance(byline, dict) else _text(item, "byline")
    if author:
        author = re.sub(r"^by\s+", "", author, flags=re.IGNORECASE) or None
    return {
        "doc_id": doc_id,
        "source": _text(item, "source") or "The New York Times",
        "date": date,
        "title": title or "",
        "text": text,
        "url": _text(item, "web_url"),
        "section": _text(item, "section_name"),
        "author": author,
        "text_partial": True,
        "text_field": field,
        "abstract": _text(item, "abstract"),
        "snippet": _text(item, "snippet"),
        "news_desk": _text(item, "news_desk"),
        "type_of_material": _text(item, "type_of_material"),
        "document_type": _text(item, "document_type"),
        "word_count": _count(_get(item, "word_count")),
    }


@register_reader("nyt", description="New York Times Article Search API response (JSON; "
                                    "lead paragraphs only, no full text)")
def read_nyt(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a saved NYT Article Search API response (format: see the module documentation).

    The API does not give the articles' full text: ``text`` is the lead paragraph (else the
    abstract or snippet) and every row has ``text_partial=True``.

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports articles that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per article.
    rows : list of int
        Each article's position in ``docs`` (1 = first).

    Raises
    ------
    CorpusError
        If the file is not JSON, the API reported an error, or the top level is not an
        Article Search response; or (with ``errors="raise"``) if an article cannot be read.
    """
    doc = _load_json(p, data, ctx)
    if doc is None:
        return pd.DataFrame(), []
    shape = 'an object {"response": {"docs": [...]}}'
    response = _api_response(p, doc, "NYT Article Search API", shape)
    items = _articles_list(p, response.get("docs"), "response.docs", "NYT Article Search API")
    return _read_items(p, items, ctx, _nyt_article)


# ------------------------------------------------------------------------------ GDELT

_SEENDATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T?(\d{2})(\d{2})(\d{2})Z?$")


def _gdelt_article(item: Mapping[str, Any]) -> Record:
    """One ArtList article as a corpus record."""
    url = _required(item, "url")
    title = _required(item, "title")
    seen = _required(item, "seendate")
    m = _SEENDATE.match(seen)
    if not m:
        raise _BadArticle(f"seendate {seen!r} is not of the form 'YYYYMMDDTHHMMSSZ'")
    y, mo, d, h, mi, s = m.groups()
    source = _text(item, "domain") or urlsplit(url).hostname
    if not source:
        raise _BadArticle(f"no 'domain' field and no host name in the url {url!r}")
    return {
        "doc_id": url,
        "source": source,
        "date": f"{y}-{mo}-{d}T{h}:{mi}:{s}Z",
        "title": title,
        "text": title,
        "url": url,
        "language": _text(item, "language"),
        "text_partial": True,
        "url_mobile": _text(item, "url_mobile"),
        "social_image": _text(item, "socialimage"),
        "source_country": _text(item, "sourcecountry"),
    }


@register_reader("gdelt", description="GDELT DOC 2.0 API ArtList response (JSON; titles "
                                      "only, no body text)")
def read_gdelt(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderOutput:
    """Read a saved GDELT DOC 2.0 ``mode=ArtList`` response (format: see the module docs).

    The API gives no body text: ``text`` is the title and every row has
    ``text_partial=True`` (the module documentation says how to add bodies).

    Parameters
    ----------
    p : pathlib.Path
        The file (named in messages).
    data : bytes or None
        Its contents.
    ctx : toolkit.readers.ReadContext
        The load's settings; ``ctx.fail`` reports articles that cannot be read.

    Returns
    -------
    articles : pandas.DataFrame
        One row per article.
    rows : list of int
        Each article's position in ``articles`` (1 = first).

    Raises
    ------
    CorpusError
        If the file is not JSON (GDELT answers some bad queries with a plain-text message)
        or its top level is not ``{"articles": [...]}``; or (with ``errors="raise"``) if an
        article cannot be read.
    """
    doc = _load_json(p, data, ctx)
    if doc is None or doc == {}:
        return pd.DataFrame(), []
    if not isinstance(doc, dict) or "articles" not in doc:
        raise CorpusError(f"{p}: expected a GDELT DOC 2.0 ArtList response, an object "
                          f'{{"articles": [...]}} (mode=ArtList&format=json); found '
                          f"{_describe(doc)}")
    items = _articles_list(p, doc["articles"], "articles", "GDELT DOC 2.0")
    return _read_items(p, items, ctx, _gdelt_article)
