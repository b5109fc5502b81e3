"""Text normalisation: decoding bytes, Unicode NFC, newlines, optional HTML removal.

Nothing here throws text away. :func:`clean_columns`, which the loader applies to ``title``
and ``text``, keeps the text as it was read in ``title_raw`` / ``text_raw`` whenever cleaning
changed at least one value of that column (the ``*_raw`` column then holds the original of
*every* row, changed or not). A ``*_raw`` column that is already present (for example in a
corpus saved with :func:`toolkit.io.save_corpus`) is kept as it is: it already holds the
original.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "LEGACY_ENCODINGS", "clean_columns", "decode_bytes", "decode_mixed_lines", "looks_like_html",
    "normalize_text", "strip_html",
]

# ----------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy single-byte encodings tried, in order of preference, when a file is not UTF-8.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1251", "cp1250", "koi8_r", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255",
    "latin_1",
)
# Multi-byte encodings accepted from charset_normalizer (it is unreliable for single-byte
# encodings on short texts, which the list above covers).
_MULTIBYTE = {codecs.lookup(name).name for name in (
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "cp949", "euc_kr", "johab", "gb2312", "gbk", "gb18030",
    "hz", "big5", "big5hkscs", "cp950", "utf_16", "utf_16_le", "utf_16_be", "utf_32",
)}
# Words for judging a decoding: runs of letters and non-ASCII characters (split at spaces,
# digits and ASCII punctuation), keeping only those with a non-ASCII character.
_NON_ASCII_TOKEN = re.compile(r"(?:[^\W\d_]|[^\x00-\x7f\s])*[^\x00-\x7f](?:[^\W\d_]|[^\x00-\x7f\s])*")
_SAMPLE_BYTES = 256_000


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode file contents, detecting the encoding when none is given.

    Order: the given ``encoding``; a byte-order mark (UTF-8/16/32); strict UTF-8; then the
    most plausible of :data:`LEGACY_ENCODINGS` (cp1252/latin-1, cp1251, ...), judged by how
    natural the decoded words look (lines that are valid UTF-8 are left out of that
    judgement, so that a few UTF-8 rows cannot sway it); finally :mod:`charset_normalizer`,
    trusted only for multi-byte encodings (Chinese, Japanese, Korean, UTF-16 without a BOM).
    The whole text is decoded with the one encoding found; to decode the UTF-8 lines of a
    legacy file as UTF-8, see :func:`decode_mixed_lines` (``load_corpus`` does).

    Parameters
    ----------
    data : bytes
        The raw file contents.
    encoding : str, optional
        Use this encoding (strictly) instead of detecting one.

    Returns
    -------
    text : str
        The decoded text (a byte-order mark is removed).
    encoding : str
        The encoding used.
    guessed : bool
        True when the encoding was guessed (neither given, nor a BOM, nor UTF-8).

    Raises
    ------
    UnicodeDecodeError
        If ``encoding`` is given and does not fit, or no encoding could be found.

    See Also
    --------
    toolkit.readers.ReadContext.decode : the same, with messages naming the file and line,
        as used by :func:`toolkit.io.load_corpus` and its readers.

    Examples
    --------
    >>> from toolkit.clean import decode_bytes
    >>> decode_bytes("Київ".encode("utf-8"))
    ('Київ', 'utf-8', False)
    >>> decode_bytes("Переговоры в Стамбуле".encode("cp1251"))
    ('Переговоры в Стамбуле', 'cp1251', True)
    >>> decode_bytes("Été".encode("latin-1"), "latin-1")
    ('Été', 'latin-1', False)
    """
    if encoding:
        text = data.decode(encoding)
        return (text[1:] if text.startswith("\ufeff") else text), encoding, False
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as err:
        utf8_error = err
    # mostly valid UTF-8 with a few bad bytes: a damaged UTF-8 file, not a legacy encoding;
    # guessing a code page would garble every accented letter, so fail and name the place
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = len(_NON_ASCII.findall(loose))
    if good and bad <= max(1, good // 10):
        raise utf8_error
    for name in _rank_legacy(_legacy_lines(data[:_SAMPLE_BYTES])):
        try:
            return data.decode(name), name, True
        except UnicodeDecodeError:
            continue
    best = _charset_normalizer_guess(data)
    if best is not None:
        return best[0], best[1], True
    raise utf8_error


_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _legacy_lines(sample: bytes) -> bytes:
    """The sample without its lines that are UTF-8 (see :func:`decode_mixed_lines`), so that
    a few UTF-8 rows in a legacy file do not sway the choice of the legacy encoding."""
    kept = []
    for line in sample.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
                continue
            except UnicodeDecodeError:
                pass
        kept.append(line)
    rest = b"\n".join(kept)
    return rest if not rest.isascii() else sample


def _rank_legacy(sample: bytes) -> list[str]:
    """Plausible legacy encodings for ``sample``, best first (empty if none fits)."""
    scored = []
    for order, name in enumerate(LEGACY_ENCODINGS):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        scored.append((_implausibility(text), order, name))
    scored.sort()
    return [name for score, _, name in scored if score <= 0.25]


def _implausibility(text: str) -> float:
    """Share of non-ASCII words that look like mojibake (0 = all look natural)."""
    tokens = _NON_ASCII_TOKEN.findall(text)
    if not tokens:
        return 0.0
    return sum(_looks_wrong(t) for t in tokens[:5000]) / min(len(tokens), 5000)


def _looks_wrong(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    scripts = {unicodedata.name(c, "?").split(" ")[0] for c in letters}
    if len(scripts) > 1:  # e.g. Latin and Cyrillic letters inside one word
        return True
    for i, c in enumerate(token):
        cat = unicodedata.category(c)
        if cat[0] == "C" and c not in "\t":  # control characters
            return True
        if 0 < i < len(token) - 1 and cat[0] in "SN" and ord(c) > 127:
            if token[i - 1].isalpha() and token[i + 1].isalpha():  # 'Ã¼', '³ó' inside a word
                return True
    non_ascii = sum(ord(c) > 127 for c in letters)
    if scripts == {"LATIN"} and len(letters) >= 4 and non_ascii / len(letters) > 0.6:
        return True  # 'Ïåðåãîâîðû': Cyrillic bytes read as Western
    # lower case followed by upper case inside a non-Latin word: KOI8-R / cp1251 confusion
    return scripts != {"LATIN"} and any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:], strict=False))


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None or match.chaos > 0.2 or codecs.lookup(match.encoding).name not in _MULTIBYTE:
        return None
    try:
        return data.decode(match.encoding), match.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def decode_mixed_lines(data: bytes, encoding: str) -> tuple[str, list[int]]:
    """Decode a file in a single-byte legacy encoding whose lines may partly be UTF-8.

    Files assembled from several exports (one row pasted from a UTF-8 source into a cp1251
    spreadsheet, say) mix encodings line by line; decoding the whole file as cp1251 then
    turns the UTF-8 lines into mojibake (``"РџРµСЂРІРѕРµ"`` for ``"Первое"``). Each line
    that holds non-ASCII bytes, is valid UTF-8 and reads more naturally as UTF-8 than in
    ``encoding`` (judged like the legacy encodings in :func:`decode_bytes`) is decoded as
    UTF-8; every other line is decoded with ``encoding``. Only single-byte encodings are
    examined: for UTF-8/16/32 and multi-byte encodings the text is decoded as a whole.

    Parameters
    ----------
    data : bytes
        The raw file contents.
    encoding : str
        The encoding the file as a whole was found (or said) to be in, e.g. ``"cp1251"``.

    Returns
    -------
    text : str
        The decoded text (a leading byte-order mark is removed).
    lines : list of int
        The 1-based numbers of the lines decoded as UTF-8 (empty: the whole file is in
        ``encoding``).

    Raises
    ------
    UnicodeDecodeError
        If a line that is not UTF-8 does not fit ``encoding`` either.

    Examples
    --------
    >>> from toolkit.clean import decode_mixed_lines
    >>> data = "Переговоры\\n".encode("cp1251") + "Первое судно\\n".encode("utf-8")
    >>> decode_mixed_lines(data, "cp1251")
    ('Переговоры\\nПервое судно\\n', [2])
    """
    if not _single_byte(encoding):
        text = data.decode(encoding)
        return (text[1:] if text.startswith("\ufeff") else text), []
    parts: list[str] = []
    found: list[int] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        legacy = line.decode(encoding)
        if not line.isascii():
            try:
                utf8 = line.decode("utf-8")
            except UnicodeDecodeError:
                utf8 = None
            if utf8 is not None and _reads_better(utf8, legacy):
                parts.append(utf8)
                found.append(number)
                continue
        parts.append(legacy)
    text = "\n".join(parts)
    return (text[1:] if text.startswith("\ufeff") else text), found


def _reads_better(utf8: str, legacy: str) -> bool:
    """Whether a line reads more naturally as UTF-8 than in the legacy encoding: fewer
    mojibake-like words, or as many but fewer non-ASCII characters that are not letters
    (``'CafÃ©'`` has a ``©`` where ``'Café'`` has only letters)."""
    a, b = _implausibility(utf8), _implausibility(legacy)
    if a != b:
        return a < b
    def odd(text: str) -> int:
        return sum(1 for c in text if ord(c) > 127 and not c.isalpha())
    return odd(utf8) < odd(legacy)


def _single_byte(encoding: str) -> bool:
    """Whether every byte is one character in ``encoding`` (cp1251, latin-1 ...)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if name.startswith("utf") or name in _MULTIBYTE:
        return False
    return len(bytes(range(256)).decode(name, errors="replace")) == 256


# ----------------------------------------------------------------------------- HTML

_HTML_TAGS = (
    "a|abbr|address|article|aside|audio|b|big|blockquote|body|br|button|caption|center|cite|"
    "code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|figcaption|figure|font|footer|"
    "form|h[1-6]|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|main|mark|meta|nav|"
    "object|ol|p|picture|pre|q|s|samp|section|small|source|span|strike|strong|sub|summary|"
    "sup|table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|var|video|wbr"
)
_ATTRS = r"""(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?"""
_DROP_BLOCKS = re.compile(r"<(script|style|noscript|head|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENTS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![A-Za-z][^>]*>|<\?[^>]*\?>", re.S)
_LINE_BREAK = re.compile(r"<br" + _ATTRS + r"/?>", re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|header|footer|figure|"
    r"figcaption|pre|hr|dd|dt|dl|main|aside|nav)\b" + _ATTRS + r"/?>",
    re.I,
)
_TAG = re.compile(r"</?(?:" + _HTML_TAGS + r")\b" + _ATTRS + r"/?>", re.I)
_LOOKS_HTML = r"</?(?:p|br|div|span|a|em|strong|li)\b[^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"


def strip_html(text: str) -> str:
    """Remove HTML markup from one string, keeping paragraph breaks.

    Scripts, styles and comments are dropped with their content; ``<br>`` becomes a newline
    and block elements (``<p>``, ``<div>``, ``<li>``, headings ...) a blank line; other known
    HTML tags are removed (a ``<`` that does not start a real HTML tag, as in ``a < b``, is
    left alone). Entities are then decoded with :func:`html.unescape` (so ``&lt;b&gt;`` ends
    up as the literal text ``<b>``), non-breaking spaces become spaces and runs of blank
    lines are reduced to one.

    Parameters
    ----------
    text : str
        Text that may contain HTML.

    Returns
    -------
    str
        The text without markup.
    """
    text = _DROP_BLOCKS.sub("", text)
    text = _COMMENTS.sub("", text)
    text = _LINE_BREAK.sub("\n", text)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ----------------------------------------------------------------------------- columns


def normalize_text(values: pd.Series, *, clean_html: bool = False) -> pd.Series:
    """Normalise a column of text: Unicode NFC and ``\\n`` newlines (``\\r\\n`` and ``\\r``
    become ``\\n``), optionally removing HTML (:func:`strip_html`).

    Vectorised where pandas allows; only values that need a change are touched.

    Parameters
    ----------
    values : pandas.Series
        Strings (missing values stay missing).
    clean_html : bool, default False
        Also remove HTML tags and entities.

    Returns
    -------
    pandas.Series
        A new Series with the same index and dtype.
    """
    out = values.copy()
    if not len(out):
        return out
    has_cr = out.str.contains("\r", regex=False, na=False)
    if has_cr.any():
        out[has_cr] = out[has_cr].str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
    if clean_html:
        markup = out.str.contains(r"[<&]", regex=True, na=False)
        if markup.any():
            out[markup] = out[markup].map(strip_html)
    ascii_ = out.str.isascii() if hasattr(out.str, "isascii") else out.map(str.isascii, na_action="ignore")
    non_ascii = (out.notna() & ~ascii_.fillna(True).astype(bool)).to_numpy(dtype=bool)
    if non_ascii.any():
        idx = np.flatnonzero(non_ascii)
        subset = out.iloc[idx]
        todo = [not unicodedata.is_normalized("NFC", v) for v in subset.tolist()]
        if any(todo):
            pos = idx[np.asarray(todo)]
            out.iloc[pos] = out.iloc[pos].str.normalize("NFC")
    return out


def looks_like_html(values: pd.Series) -> int:
    """Count values that contain common HTML tags or entities (used to suggest ``clean_html``).

    Parameters
    ----------
    values : pandas.Series
        Texts.

    Returns
    -------
    int
        How many contain tags or entities.
    """
    return int(values.str.contains(_LOOKS_HTML, regex=True, na=False).sum())


def clean_columns(
    df: pd.DataFrame, columns: Iterable[str] = ("title", "text"), *, clean_html: bool = False
) -> pd.DataFrame:
    """Normalise text columns with :func:`normalize_text`, keeping originals in ``*_raw``.

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus (it is not modified).
    columns : iterable of str, default ("title", "text")
        The columns to normalise (absent ones are ignored).
    clean_html : bool, default False
        Also remove HTML tags and entities.

    Returns
    -------
    pandas.DataFrame
        A copy in which each changed column ``c`` has a companion ``c + "_raw"`` holding the
        values as they were before cleaning. An existing ``*_raw`` column is kept (it already
        holds the originals); only its missing entries are filled for rows that changed.
    """
    df = df.copy()
    for col in columns:
        if col not in df.columns:
            continue
        before = df[col]
        after = normalize_text(before, clean_html=clean_html)
        changed = (before != after) & before.notna()
        if not changed.any():
            continue
        raw = f"{col}_raw"
        if raw in df.columns:
            df[raw] = df[raw].where(df[raw].notna() | ~changed, before)
        else:
            df[raw] = before
        df[col] = after
    return df
