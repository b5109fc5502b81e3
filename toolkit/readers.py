"""Input formats as a registry of readers: one function per format, registered under a name.

:func:`toolkit.io.load_corpus` knows no file format itself. For every file it looks up a
*reader* -- by the ``format=`` argument, or else by the file's suffix -- calls it, and
does everything else (``columns=`` mapping, generated ids, dates, checks, cleaning,
provenance) in the same way for every format. Adding a format is therefore one function
and one :func:`register_reader` line; :func:`available_readers` lists what is registered.

Built-in readers (the formats are described in :mod:`toolkit.io`):

=========== ======================== ===== ===========================================
name        suffixes                 .gz   reads
=========== ======================== ===== ===========================================
``csv``     ``.csv``                 yes   a table with a header row, comma separated
``tsv``     ``.tsv``                 yes   a table with a header row, tab separated
``json``    ``.json``                yes   a JSON list of records, or one record
``jsonl``   ``.jsonl``, ``.ndjson``  yes   JSON Lines (alias ``ndjson``)
``parquet`` ``.parquet``             no    Apache Parquet
``text``    ``.txt``, ``.md``        no    one article per file (aliases ``txt``, ``md``)
=========== ======================== ===== ===========================================

Writing a reader
----------------
A reader is a function ``reader(path, data, ctx)`` with

* ``path`` -- the file (a :class:`pathlib.Path`), to name in messages;
* ``data`` -- the file's bytes, already decompressed when the name ends in ``.gz``; or
  ``None`` for readers registered with ``reads_path=True``, which open ``path`` themselves
  (Parquet does);
* ``ctx`` -- a :class:`ReadContext`: the load's settings (``ctx.errors``,
  ``ctx.encoding``, ``ctx.columns``, ``ctx.sep``) and two helpers, ``ctx.decode(path,
  data)`` (text with encoding detection, see :func:`toolkit.clean.decode_bytes`; it
  refuses gzip, ZIP/xlsx and other binary data with a message saying what the file is) and
  ``ctx.fail(path, row, reason)`` (a record that cannot be read: raises with
  ``errors="raise"``, is reported in ``attrs["skipped"]`` with ``errors="skip"``).

It returns ``(articles, rows)``: the articles as a DataFrame (its index is ignored) or as a
list of dicts (one per article, keys are column names, before ``columns=`` is applied), and
for each article its *row*, used in messages, in ``attrs["skipped"]``, for generated ids
and for provenance: the line on which the record starts (CSV, JSON Lines), its position
(JSON, Parquet; 1 = first), or ``None`` when the file is the article. An empty DataFrame
(or list) means an empty file, which ``load_corpus`` reports; ``None`` means "leave this
file out, I have already reported why with ``ctx.fail``". Everything after that --
``columns=``, dates, checks, cleaning -- is the same for every reader.

A reader registered with ``per_file=True`` reads formats with one article per file: the
rows of all such files of one load form one table (placed where the first file is), so
that a field missing from some files is simply empty there.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .clean import _single_byte, decode_bytes, decode_mixed_lines
from .schema import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    STRING_COLUMNS,
    TEXT_DTYPE,
    CorpusError,
    issue,
    where,
)

__all__ = [
    "SUFFIX_FORMATS", "ReadContext", "Reader", "ReaderFunction", "available_readers",
    "file_stem", "get_reader", "parse_text_article", "read_file", "reader_for",
    "register_reader", "unregister_reader",
]

#: What a reader returns: the articles (a DataFrame or a list of dicts) and each one's row,
#: or None for a file it has reported and left out.
ReaderResult = tuple[pd.DataFrame | list[dict[str, Any]], list[Any]] | None
#: The signature every reader has: ``reader(path, data, ctx) -> (articles, rows) | None``.
ReaderFunction = Callable[[Path, bytes | None, "ReadContext"], ReaderResult]

_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


@dataclass(frozen=True)
class Reader:
    """One registered input format (see :func:`register_reader` for the fields' meaning).

    Attributes
    ----------
    name : str
        The name given to ``load_corpus(format=...)``.
    extensions : tuple of str
        Lower-case file suffixes that select this reader, e.g. ``(".csv",)``.
    function : callable
        ``function(path, data, ctx) -> (articles, rows) | None`` (module docs).
    gzip_ok : bool
        Whether ``<suffix>.gz`` files are recognised as this format too.
    per_file : bool
        One article per file: the rows of all files of a load form one table.
    reads_path : bool
        The function opens ``path`` itself and gets ``data=None``.
    aliases : tuple of str
        Other names accepted by ``format=``.
    description : str
        One line for :func:`available_readers`.
    missing_message : str or None
        Message for missing required columns, with ``{origin}``, ``{missing}`` and
        ``{found}`` placeholders; None for the standard one of
        :func:`toolkit.schema.require_columns`.
    """

    name: str
    extensions: tuple[str, ...]
    function: ReaderFunction
    gzip_ok: bool = False
    per_file: bool = False
    reads_path: bool = False
    aliases: tuple[str, ...] = ()
    description: str = ""
    missing_message: str | None = None


@dataclass
class ReadContext:
    """Settings of one ``load_corpus`` call and what its readers collect.

    Attributes
    ----------
    errors : {"raise", "skip"}
        What :meth:`fail` does.
    encoding : str or None
        The encoding the user gave (None: detect it).
    columns : dict
        The user's ``columns=`` mapping (readers may use it to tell which file columns will
        become which corpus columns, e.g. to read text columns as text).
    issues : list of dict
        Problems recorded with ``errors="skip"`` (they become ``attrs["skipped"]``).
    guessed : list of str
        ``"<file> (<encoding>)"`` for every file whose encoding was guessed.
    sep : str or None
        The user's ``sep=`` (the delimiter of CSV/TSV files; None: the reader's own).
    recoded : list of str
        ``"<file> line(s) <n>, ..."`` for every file in a legacy encoding with lines that
        are UTF-8 and were decoded as UTF-8 (``load_corpus`` names them in one warning).
    defaults : dict
        The user's ``defaults=`` (constant metadata such as ``{"source": "Reuters"}``):
        a reader need not insist on a column that a default supplies.
    title : str or None
        The user's ``title=``: ``"first_line"`` makes the text reader take a header-less
        file's first non-blank line as its title.
    not_articles : list of dict
        Files recognised as documentation rather than articles (a ``README`` ...), as
        ``attrs["skipped"]`` records; they are reported, never an error.
    """

    errors: str = "raise"
    encoding: str | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    sep: str | None = None
    recoded: list[str] = field(default_factory=list)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    title: str | None = None
    not_articles: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, file: Path | str, row: Any, reason: str) -> None:
        """Report a record (or file) that cannot be loaded.

        Parameters
        ----------
        file : path or str
            The file.
        row : object
            The record's row (line or position), or None for the whole file.
        reason : str
            What is wrong.

        Raises
        ------
        CorpusError
            With ``errors="raise"``; with ``errors="skip"`` the problem is recorded instead.
        """
        if self.errors == "raise":
            raise CorpusError(f"{where(str(file), row)}: {reason}")
        self.issues.append(issue(str(file), row, None, reason))

    def decode(self, file: Path | str, data: bytes) -> tuple[str, str]:
        """Decode a file's bytes with :func:`toolkit.clean.decode_bytes`.

        The user's ``encoding=`` is used when given, otherwise the encoding is detected;
        guessed encodings are noted (``load_corpus`` names them in one warning).

        Bytes that are not text at all -- gzip data in a file whose name lacks ``.gz``, a
        ZIP archive such as an Excel workbook (``.xlsx``), an old Excel or Word file, a
        Parquet or PDF file -- are refused with a message that says what the file is and
        what to do. In a file in a single-byte legacy encoding (cp1251, latin-1 ...), lines
        that are UTF-8 are decoded as UTF-8 (:func:`toolkit.clean.decode_mixed_lines`)
        instead of becoming mojibake; ``load_corpus`` names them in a warning.

        Parameters
        ----------
        file : path or str
            The file (named in messages).
        data : bytes
            Its contents.

        Returns
        -------
        text : str
            The decoded text.
        encoding : str
            The encoding used.

        Raises
        ------
        CorpusError
            If the bytes cannot be decoded (the message names the line of the first bad
            byte) or are a compressed, archive or binary file.
        """
        binary = _binary_kind(file, data)
        if binary:
            raise CorpusError(f"{file}: {binary}")
        try:
            text, used, guessed = decode_bytes(data, self.encoding)
            if (guessed or self.encoding) and _single_byte(used):
                text, utf8 = decode_mixed_lines(data, used)
                if utf8:
                    shown = ", ".join(map(str, utf8[:_MAX_LINES_SHOWN]))
                    more = f" and {len(utf8) - _MAX_LINES_SHOWN} more" if len(utf8) > _MAX_LINES_SHOWN else ""
                    self.recoded.append(f"{file} line{'s' if len(utf8) > 1 else ''} {shown}{more}")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            if self.encoding:
                raise CorpusError(
                    f"{file} line {line}: cannot be decoded as {self.encoding!r} "
                    f"(byte {data[err.start:err.start + 1]!r}); check the encoding= argument"
                ) from err
            raise CorpusError(
                f"{file} line {line}: the file is not UTF-8 and its encoding could not be "
                "detected; pass encoding='...' (for example 'cp1251' or 'latin-1')"
            ) from err
        if guessed:
            self.guessed.append(f"{file} ({used})")
        return text, used


_MAX_LINES_SHOWN = 10


def _binary_kind(file: Path | str, data: bytes) -> str | None:
    """What a text reader was handed instead of text, and what to do (None: looks like text)."""
    name = Path(file).name
    if data.startswith(b"\x1f\x8b"):
        if name.lower().endswith(".gz"):
            return ("the file is gzip-compressed twice (after decompressing it, the data is "
                    "gzip again); decompress it once more (e.g. gunzip) and load the result.")
        return (f"the file is gzip-compressed (it starts with the gzip signature), but its name "
                f"does not end in .gz; rename it to '{name}.gz' (or decompress it, e.g. with "
                "gunzip) and load it again.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        import zipfile

        try:
            members = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            members = []
        if any(m.startswith("xl/") for m in members):
            kind = "an Excel workbook (.xlsx), a ZIP archive, not text"
        elif any(m.startswith("word/") for m in members):
            kind = "a Word document (.docx), a ZIP archive, not text"
        elif "content.xml" in members:
            kind = "an OpenDocument file (.ods/.odt), a ZIP archive, not text"
        else:
            kind = "a ZIP archive (a spreadsheet or a zipped folder), not text"
        return (f"the file is {kind}. Open it in your spreadsheet program and save or export "
                "it as CSV (UTF-8), or unzip it, then load the exported file.")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return ("the file is an old Microsoft Office file (.xls or .doc), not text. Open it in "
                "your spreadsheet program and export it as CSV (UTF-8), then load that file.")
    if data.startswith(b"PAR1") and data.rstrip().endswith(b"PAR1"):
        return (f"the file is Apache Parquet, not text; name it '{Path(name).stem}.parquet' or "
                "pass format='parquet'.")
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return ("the file is a PDF document, not text; extract its text first (one article "
                "per file, see toolkit.io) and load that.")
    return None


# ------------------------------------------------------------------------------ registry

_READERS: dict[str, Reader] = {}


def register_reader(
    name: str,
    *,
    extensions: Iterable[str] = (),
    gzip: bool = False,
    aliases: Iterable[str] = (),
    per_file: bool = False,
    reads_path: bool = False,
    description: str = "",
    missing_message: str | None = None,
    replace: bool = False,
) -> Callable[[ReaderFunction], ReaderFunction]:
    """Register a reader function under a name (use it as a decorator).

    After registration, :func:`toolkit.io.load_corpus` reads files with these suffixes
    (or any file, with ``format=name``) through the function; nothing else needs to change.

    Parameters
    ----------
    name : str
        Lower-case name for ``load_corpus(format=...)`` (letters, digits, ``_``, ``-``).
    extensions : iterable of str, default ()
        File suffixes that select the reader, e.g. ``(".csv",)`` (the dot may be left out;
        compared case-insensitively; several dots such as ``".nexis.txt"`` are allowed and
        the longest matching suffix wins). Empty: the reader is used only via ``format=``.
    gzip : bool, default False
        Also recognise ``<suffix>.gz`` files; the function gets the decompressed bytes.
    aliases : iterable of str, default ()
        Other names accepted by ``format=`` (e.g. ``"ndjson"`` for ``"jsonl"``).
    per_file : bool, default False
        The format holds one article per file; the rows of all files of a load form one
        table (see the module documentation).
    reads_path : bool, default False
        The function opens ``path`` itself and gets ``data=None`` (cannot be combined with
        ``gzip``).
    description : str, default ""
        One line shown by :func:`available_readers`.
    missing_message : str, optional
        Message for required columns missing after ``columns=`` is applied, with the
        placeholders ``{origin}``, ``{missing}`` and ``{found}``; by default the standard
        message with a suggested ``columns=`` mapping.
    replace : bool, default False
        Replace a reader already registered under ``name``.

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Raises
    ------
    ValueError
        If ``name`` (or an alias) is already registered and ``replace`` is False, if a
        suffix or alias belongs to another reader, or if an argument is malformed.

    Examples
    --------
    A pipe-separated table, ``.psv``:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> from toolkit.io import load_corpus
    >>> from toolkit.readers import register_reader, unregister_reader
    >>> @register_reader("psv", extensions=(".psv",), description="pipe-separated table")
    ... def read_psv(path, data, ctx):
    ...     text, _ = ctx.decode(path, data)
    ...     lines = [(n, line.split("|")) for n, line in enumerate(text.splitlines(), 1)]
    ...     header, records = lines[0][1], [(n, v) for n, v in lines[1:] if any(v)]
    ...     return [dict(zip(header, v)) for _, v in records], [n for n, _ in records]
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "wire.psv"
    >>> _ = path.write_text("doc_id|source|date|title|text\\n"
    ...                     "w1|Kestrel Wire|2022-03-01|Gates|The gates opened.\\n")
    >>> load_corpus(path)[["doc_id", "source", "date"]]
      doc_id        source       date
    0     w1  Kestrel Wire 2022-03-01
    >>> _ = unregister_reader("psv")
    >>> tmp.cleanup()
    """
    key = _check_name(name, "name")
    alias_keys = tuple(dict.fromkeys(_check_name(a, "alias") for a in _as_tuple(aliases, "aliases")))
    exts = tuple(dict.fromkeys(_check_extension(e) for e in _as_tuple(extensions, "extensions")))
    if gzip and reads_path:
        raise ValueError(f"reader {key!r}: gzip=True needs the bytes, so it cannot be combined "
                         "with reads_path=True")
    if key in _READERS and not replace:
        raise ValueError(f"a reader named {key!r} is already registered; pass replace=True "
                         "to replace it")
    others = [r for n, r in _READERS.items() if n != key]
    for alias in (key, *alias_keys):
        owner = next((r for r in others if alias == r.name or alias in r.aliases), None)
        if owner is not None:
            raise ValueError(f"reader {key!r}: the name {alias!r} is already used by reader "
                             f"{owner.name!r}")
    for ext in exts:
        owner = next((r for r in others if ext in r.extensions), None)
        if owner is not None:
            raise ValueError(
                f"reader {key!r}: files ending in {ext!r} are already read by reader "
                f"{owner.name!r}; register without that suffix and load with format={key!r}, "
                f"or unregister_reader({owner.name!r}) first"
            )
    if missing_message is not None:
        try:
            missing_message.format(origin="", missing="", found="")
        except (KeyError, IndexError, ValueError) as err:
            raise ValueError(f"reader {key!r}: missing_message may only use the placeholders "
                             f"{{origin}}, {{missing}} and {{found}} ({err!r})") from None

    def decorator(function: ReaderFunction) -> ReaderFunction:
        if not callable(function):
            raise TypeError(f"reader {key!r}: expected a function, got {type(function).__name__}")
        _READERS.pop(key, None)  # a replaced reader moves to the end, like a new one
        _READERS[key] = Reader(
            name=key, extensions=exts, function=function, gzip_ok=bool(gzip),
            per_file=bool(per_file), reads_path=bool(reads_path), aliases=alias_keys,
            description=str(description), missing_message=missing_message,
        )
        return function

    return decorator


def unregister_reader(name: str) -> Reader:
    """Remove a registered reader (its suffixes and aliases become free).

    Parameters
    ----------
    name : str
        The reader's name or one of its aliases.

    Returns
    -------
    Reader
        The reader removed (``register_reader(...)(reader.function)`` restores it).

    Raises
    ------
    ValueError
        If no reader has this name.
    """
    reader = get_reader(name)
    del _READERS[reader.name]
    return reader


def get_reader(name: str) -> Reader:
    """The reader registered under a name or alias.

    Parameters
    ----------
    name : str
        A name such as ``"csv"`` or an alias such as ``"ndjson"`` (case-insensitive; a
        leading dot is ignored, so ``".csv"`` works too).

    Returns
    -------
    Reader
        The registered reader.

    Raises
    ------
    ValueError
        If no reader has this name; the message lists the registered names.

    Examples
    --------
    >>> from toolkit.readers import get_reader
    >>> get_reader("ndjson").name
    'jsonl'
    >>> get_reader("txt").extensions
    ('.txt', '.md')
    """
    if not isinstance(name, str):
        raise TypeError(f"format must be a string such as 'csv', got {type(name).__name__}")
    key = name.lower().lstrip(".")
    for reader in _READERS.values():
        if key == reader.name or key in reader.aliases:
            return reader
    raise ValueError(f"unknown format {name!r}; use one of {_format_names()}")


def reader_for(path: str | Path) -> Reader | None:
    """The reader that the file name asks for, judged by its suffix.

    ``x.csv.gz`` is read by the ``csv`` reader when that reader accepts gzip. The longest
    registered suffix that the (lower-case) name ends with wins.

    Parameters
    ----------
    path : str or path
        A file name (the file need not exist).

    Returns
    -------
    Reader or None
        None when no registered reader claims the suffix.

    Examples
    --------
    >>> from toolkit.readers import reader_for
    >>> reader_for("data/2022/guardian.csv.gz").name
    'csv'
    >>> reader_for("notes.docx") is None
    True
    """
    name = Path(path).name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    best: Reader | None = None
    best_len = 0
    for reader in _READERS.values():
        for ext in reader.extensions:
            if len(ext) > best_len and len(name) > len(ext) and name.endswith(ext):
                best, best_len = reader, len(ext)
    if best is None or (gz and not best.gzip_ok):
        return None
    return best


def available_readers() -> pd.DataFrame:
    """The registered input formats, one row per reader.

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` (for ``load_corpus(format=...)``), ``extensions`` (the suffixes
        that select it, comma separated), ``aliases``, ``gzip`` (whether ``.gz`` files of
        the format are recognised), ``per_file`` (one article per file) and
        ``description``, in registration order.

    Examples
    --------
    >>> from toolkit.readers import available_readers
    >>> table = available_readers()
    >>> table.loc[table["name"] == "jsonl", ["extensions", "aliases", "gzip"]].to_numpy().tolist()
    [['.jsonl, .ndjson', 'ndjson', True]]
    """
    rows = [
        {
            "name": r.name,
            "extensions": ", ".join(r.extensions),
            "aliases": ", ".join(r.aliases),
            "gzip": r.gzip_ok,
            "per_file": r.per_file,
            "description": r.description,
        }
        for r in _READERS.values()
    ]
    columns = ["name", "extensions", "aliases", "gzip", "per_file", "description"]
    table = pd.DataFrame(rows, columns=columns)
    for col in ("name", "extensions", "aliases", "description"):
        table[col] = table[col].astype(TEXT_DTYPE)
    return table.astype({"gzip": bool, "per_file": bool})


def _format_names() -> list[str]:
    """All names and aliases that ``format=`` accepts, sorted.

    Returns
    -------
    list of str
        E.g. ``['csv', 'json', 'jsonl', 'md', 'ndjson', 'parquet', 'text', 'tsv', 'txt']``.
    """
    return sorted(n for r in _READERS.values() for n in (r.name, *r.aliases))


def _suffix_summary() -> tuple[str, str]:
    """The registered suffixes and the names of the readers that accept gzip, for messages.

    Returns
    -------
    tuple of str
        E.g. ``(".csv, .tsv, .json", "csv/tsv/json")``.
    """
    exts = ", ".join(e for r in _READERS.values() for e in r.extensions)
    gz = "/".join(r.name for r in _READERS.values() if r.gzip_ok and r.extensions)
    return exts, gz


class _SuffixFormats(Mapping[str, str]):
    """Read-only live view ``{suffix: reader name}`` of the registry."""

    def _items(self) -> dict[str, str]:
        return {e: r.name for r in _READERS.values() for e in r.extensions}

    def __getitem__(self, key: str) -> str:
        return self._items()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __repr__(self) -> str:
        return repr(self._items())


#: ``{suffix: reader name}`` for every registered suffix (a live, read-only view).
SUFFIX_FORMATS: Mapping[str, str] = _SuffixFormats()


def _as_tuple(values: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    try:
        return tuple(values)
    except TypeError:
        raise TypeError(f"{what} must be a string or a tuple of strings") from None


def _check_name(name: Any, what: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name.lower()):
        raise ValueError(f"reader {what} must be a word of letters, digits, '_' or '-', got {name!r}")
    return name.lower()


def _check_extension(ext: Any) -> str:
    if not isinstance(ext, str) or not ext.strip(". ") or any(c in ext for c in "/\\*?[ "):
        raise ValueError(f"a file suffix such as '.csv' was expected, got {ext!r}")
    ext = "." + ext.lower().lstrip(".")
    if ext == ".gz":
        raise ValueError("'.gz' is not a format; register the inner suffix with gzip=True")
    return ext


# ------------------------------------------------------------------------------ calling


def read_file(reader: Reader, path: Path, ctx: ReadContext) -> tuple[pd.DataFrame | list[dict[str, Any]], list[Any]] | None:
    """Read one file with a reader: un-gzip it if needed, call the function, check its result.

    Parameters
    ----------
    reader : Reader
        The reader to use.
    path : pathlib.Path
        The file (its name decides whether it is decompressed: ``.gz``).
    ctx : ReadContext
        The load's settings and collectors.

    Returns
    -------
    tuple or None
        What the reader returned: ``(articles, rows)``, or None for a file it left out --
        also for a file that cannot be read at all (no permission, a folder, a broken
        link: any ``OSError`` while reading) when ``ctx.errors`` is ``"skip"``; it is then
        reported with ``row`` None in ``ctx.issues``.

    Raises
    ------
    CorpusError
        From the reader, if the file cannot be decompressed, or (with ``errors="raise"``)
        if it cannot be read; the message names the file and the reason.
    TypeError
        If the reader returns something else than described in the module docs.
    """
    try:
        data = None if reader.reads_path else _read_bytes(path)
        result = reader.function(path, data, ctx)
    except OSError as err:  # no permission, a folder, a broken link ...: the whole file
        ctx.fail(path, None, f"cannot be read ({_os_reason(err, path)})")
        return None
    if result is None:
        return None
    if not (isinstance(result, tuple) and len(result) == 2):
        raise TypeError(f"reader {reader.name!r} returned {type(result).__name__}; a reader "
                        "returns (articles, rows) or None")
    articles, rows = result
    if not isinstance(articles, (pd.DataFrame, list)):
        raise TypeError(f"reader {reader.name!r} returned articles as {type(articles).__name__}; "
                        "use a DataFrame or a list of dicts")
    rows = list(rows)
    if len(rows) != len(articles):
        raise TypeError(f"reader {reader.name!r} returned {len(articles)} article(s) but "
                        f"{len(rows)} row number(s) for {path}")
    if isinstance(articles, pd.DataFrame) and not articles.index.equals(pd.RangeIndex(len(articles))):
        articles = articles.reset_index(drop=True)  # the index means nothing: rows do
    return articles, rows


def _os_reason(err: OSError, path: Path | None = None) -> str:
    """Why a file cannot be read, in words (for messages and ``attrs["skipped"]``)."""
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "it is a folder, not a file"
    if path is not None and path.is_symlink() and not path.exists():
        return f"a broken link: it points to {os.readlink(path)}, which does not exist"
    if isinstance(err, FileNotFoundError):
        return "no such file"
    return err.strerror or str(err)


def _read_bytes(p: Path) -> bytes:
    data = p.read_bytes()
    if p.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise CorpusError(f"{p}: cannot be decompressed as gzip: {err}") from err
    return data


def _text_and_utf8(p: Path, data: bytes, ctx: ReadContext) -> tuple[str, bytes] | None:
    """The decoded text and its UTF-8 bytes; None when there is nothing but white space."""
    text, used = ctx.decode(p, data)
    if not text or text.isspace():
        return None
    return text, (data if used == "utf-8" else text.encode("utf-8"))


def _nothing() -> tuple[pd.DataFrame, list[Any]]:
    return pd.DataFrame(), []


# ------------------------------------------------------------------------------ CSV / TSV

# Values read as missing in CSV columns that are not text (text columns: only empty cells).
_NA_STRINGS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A", "<NA>"]
_KNOWN_KEYS = {*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS}
_ONE_LINE_FIELDS = _KNOWN_KEYS - {"text"}


@register_reader("csv", extensions=(".csv",), gzip=True,
                 description="a table with a header row, comma separated")
def _read_csv_file(path: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """CSV: rows are the lines where records start (line 1 is the header)."""
    return _read_delimited(path, data, ctx, ",")


@register_reader("tsv", extensions=(".tsv",), gzip=True,
                 description="a table with a header row, tab separated")
def _read_tsv_file(path: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """TSV: like CSV with tabs."""
    return _read_delimited(path, data, ctx, "\t")


def _read_delimited(p: Path, data: bytes | None, ctx: ReadContext, sep: str) -> ReaderResult:
    decoded = _text_and_utf8(p, data or b"", ctx)
    if decoded is None:
        return _nothing()
    text, raw = decoded
    mapping = dict(ctx.columns)
    sep = ctx.sep or sep
    try:
        names = list(pd.read_csv(io.BytesIO(raw), sep=sep, nrows=0).columns)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise CorpusError(f"{p}: cannot read the header line: {err}") from err
    if len(names) == 1:
        _refuse_other_delimiter(p, text, sep)
    text_cols = [n for n in names if mapping.get(n, n) in (*STRING_COLUMNS, "date")]
    odd = _records_with_other_field_counts(text, sep, len(names))
    if odd:
        # pandas would read an extra first field as an index (shifting every column) and
        # pad short records with missing values, silently: report them here, and blank
        # their lines (the line count stays, so later line numbers stay right)
        lines = text.splitlines(keepends=True)
        for first, last, found in odd:
            ctx.fail(p, first, f"expected {len(names)} fields, found {found} (a stray quote or "
                               "an unquoted separator?)"
                               + (f"; a quote joined lines {first}-{last} into this record"
                                  if last > first else ""))
            for line in range(first + 1, last + 1):  # every line it swallowed, reported too
                ctx.fail(p, line, f"joined to the record of line {first} by a quote; not loaded")
            for k in range(first - 1, min(last, len(lines))):
                ending = lines[k][len(lines[k].rstrip("\r\n")):]
                lines[k] = ending
        raw = "".join(lines).encode("utf-8")
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df = pd.read_csv(
                io.BytesIO(raw), sep=sep, dtype={n: TEXT_DTYPE for n in text_cols},
                keep_default_na=False,
                na_values={n: ([""] if n in text_cols else _NA_STRINGS) for n in names},
                skip_blank_lines=False,
                on_bad_lines="warn" if ctx.errors == "skip" else "error",
            )
    except pd.errors.ParserError as err:
        raise CorpusError(_csv_error(p, str(err), text, sep)) from err
    bad: dict[int, str] = {}  # pandas numbers records from 1 (the header), not lines
    for w in caught:
        found = re.findall(r"Skipping line (\d+): ([^\n]+)", str(w.message))
        if not found:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        bad.update((int(record), reason) for record, reason in found)
    rows, bad_rows = _csv_line_numbers(df, names, sorted(bad))
    for line, reason in zip(bad_rows, (bad[r] for r in sorted(bad)), strict=True):
        ctx.fail(p, int(line), f"{reason} (a stray quote or an unquoted separator?)")
    blank = df.isna().all(axis=1).to_numpy()
    if blank.any():  # blank lines: no data in them at all
        df, rows = df.loc[~blank].reset_index(drop=True), rows[~blank]
    merged = _merged_rows(p, df, rows, names, sep, mapping, ctx)
    if merged.any():
        df, rows = df.loc[~merged].reset_index(drop=True), rows[~merged]
    return df, rows.tolist()


def _records_with_other_field_counts(text: str, sep: str, n_fields: int) -> list[tuple[int, int, int]]:
    """Records whose number of fields is not the header's: ``(first line, last line, fields)``.

    Read with the csv module (the same quoting rules as pandas' parser), so a record that
    spans several lines through a quoted field is one record. Blank lines are not records.
    Returns nothing when the csv module cannot read the text (pandas' own checks apply).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    odd: list[tuple[int, int, int]] = []
    try:
        next(reader, None)  # the header
        start = reader.line_num + 1
        for record in reader:
            if record and len(record) != n_fields:
                odd.append((start, reader.line_num, len(record)))
            start = reader.line_num + 1
    except csv.Error:
        return []
    if odd and odd[-1][1] > odd[-1][0] and odd[-1][1] >= text.count("\n"):
        # the last record runs to the end of the file: if a quote opened in it is never
        # closed, leave it to pandas, whose error names that quote's line
        tail = "".join(text.splitlines(keepends=True)[odd[-1][0] - 1 :])
        try:
            for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=sep, strict=True):
                pass
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                odd.pop()
    return odd


_DELIMITERS = {",": "comma", ";": "';'", "\t": "tab", "|": "'|'"}


def _refuse_other_delimiter(p: Path, text: str, sep: str) -> None:
    """The header is one column with ``sep``: if another delimiter splits it, say so."""
    header = text.split("\n", 1)[0].rstrip("\r")
    counts = {d: header.count(d) for d in _DELIMITERS if d != sep}
    best = max(counts, key=lambda d: counts[d])
    if not counts[best]:
        return
    try:  # the csv module's guess, from the first lines, when it agrees on a candidate
        sniffed = csv.Sniffer().sniff("\n".join(text.split("\n", 20)[:20]), delimiters="".join(counts))
        if counts.get(sniffed.delimiter):
            best = sniffed.delimiter
    except csv.Error:
        pass
    found = next(csv.reader([header], delimiter=best))
    shown = ", ".join(map(repr, found[:8])) + (" ..." if len(found) > 8 else "")
    hint = {",": "format='csv' or sep=','", "\t": "format='tsv' or sep='\\t'"}.get(best, f"sep={best!r}")
    raise CorpusError(
        f"{p}: this file looks {_DELIMITERS[best]}-delimited, not {_DELIMITERS.get(sep, repr(sep))}"
        f"-delimited: at every {_DELIMITERS[best]} its header line splits into {len(found)} columns "
        f"({shown}). Pass {hint} to load_corpus."
    )


def _text_only(values: pd.Series) -> pd.Series:
    """``values`` as strings, with every non-string value (a boolean or number that pandas
    inferred, as in a ``True``/``False`` column with empty cells) missing: safe for ``.str``."""
    if isinstance(values.dtype, pd.StringDtype):
        return values
    return values.map(lambda v: v if isinstance(v, str) else None).astype(TEXT_DTYPE)


def _csv_line_numbers(
    df: pd.DataFrame, names: list[str], bad_records: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Line on which each record starts, for the records read and for the skipped ones.

    Records may span several lines (quoted line breaks): each read record spans one line
    more than the line breaks in its fields; a skipped record is taken to span one line.
    ``bad_records`` are pandas' record numbers (1 = the header).
    """
    span = np.ones(len(df) + len(bad_records), dtype=np.int64)
    is_bad = np.zeros(len(span), dtype=bool)
    positions = np.asarray(bad_records, dtype=np.int64) - 2
    if positions.size and (positions.min() < 0 or positions.max() >= len(span)):
        positions = np.arange(len(df), len(span))  # unexpected numbering: put them last
    is_bad[positions] = True
    for col in df.columns:
        if df[col].dtype == object or isinstance(df[col].dtype, pd.StringDtype):
            span[~is_bad] += _text_only(df[col]).str.count("\n").fillna(0).to_numpy(dtype=np.int64)
    header = 1 + sum(str(n).count("\n") for n in names)
    start = header + 1 + np.concatenate([[0], np.cumsum(span)[:-1]])
    return start[~is_bad], start[is_bad]


def _csv_error(p: Path, message: str, text: str, sep: str) -> str:
    m = re.search(r"EOF inside string starting at row (\d+)", message)
    if m:
        line = _csv_record_line(text, sep, int(m.group(1)))
        at = f" line {line}" if line else ""
        return (f"{p}{at}: a quoted field starts here and is never closed (a stray or missing "
                "quote character). Nothing was loaded from this file, because everything after "
                "the quote would end up in one field; fix the quote and load again.")
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:  # pandas counts records here (1 = the header), not lines
        line = _csv_record_line(text, sep, int(m.group(2)) - 1)
        return (f"{p} line {line}: expected {m.group(1)} fields, found {m.group(3)} (a stray "
                "quote or an unquoted separator inside a field?). Fix the line, or pass "
                "errors='skip' to skip such lines.")
    return f"{p}: cannot be read as a table: {message}"


def _csv_record_line(text: str, sep: str, record: int) -> int | None:
    """Line where data record ``record`` (0 = header) starts, found with the csv module."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    start = 1
    try:
        for i, _ in enumerate(reader):
            if i == record:
                return start
            start = reader.line_num + 1
    except csv.Error:
        return start
    return start if record >= 0 else None


def _merged_rows(
    p: Path, df: pd.DataFrame, rows: np.ndarray, names: list[str], sep: str,
    mapping: Mapping[str, str | None], ctx: ReadContext,
) -> np.ndarray:
    """A stray quote can silently swallow the following lines into one field.

    One-line fields (id, source, date, title, url ...) must not hold a line break followed
    by a line with as many separators as a record. Fields that may hold several lines
    (``text`` and extra columns) must not hold a line shaped like this file's own records:
    as many separators, and at the positions of ``date``, ``doc_id`` and ``source`` values
    like those of the other rows (:func:`_record_pattern`). The record and every line it
    swallowed are reported; the returned mask marks the records to leave out.
    """
    hit = np.zeros(len(df), dtype=bool)
    if len(names) < 2:
        return hit
    loose = "[^\n]*" + f"(?:{re.escape(sep)}[^\n]*){{{len(names) - 1},}}"
    strict: str | None = None  # built when a multi-line field first needs it
    for col in df.columns:
        if not (isinstance(df[col].dtype, pd.StringDtype) or df[col].dtype == object):
            continue
        if mapping.get(col, col) in _ONE_LINE_FIELDS:
            line = loose
            found = _text_only(df[col]).str.contains("\n" + line, regex=True, na=False).to_numpy()
        else:
            after = len(df.columns) - 1 - list(df.columns).index(col)
            few = f"\n(?:[^\n{re.escape(sep)}]*{re.escape(sep)}){{{max(len(names) - 1 - after, 1)}}}"
            found = _text_only(df[col]).str.contains(few, regex=True, na=False).to_numpy(dtype=bool, copy=True)
            if not found.any():
                continue
            if strict is None:
                strict = _record_pattern(df, sep, mapping)
            if not strict:
                continue
            line = strict
            # the field's last line may be a record's beginning whose remaining fields
            # follow the closing quote: it holds fewer separators
            after = len(df.columns) - 1 - list(df.columns).index(col)
            tail = _record_pattern(df, sep, mapping, missing=after)
            line = f"(?:{strict}|{tail}$)" if tail else strict
            found[found] = df[col][found].str.contains("\n" + line, regex=True, na=False).to_numpy()
        for i in np.flatnonzero(found & ~hit):
            _report_merged(p, df, rows, i, col, re.compile(line), ctx)
        hit |= found
    return hit


def _value_shape(values: pd.Series) -> pd.Series:
    """Letters -> ``a``, digits -> ``9`` (runs count once): ``'2022-03-02'`` -> ``'9-9-9'``."""
    return (values.str.replace(r"[^\W\d_]+", "a", regex=True)
            .str.replace(r"\d+", "9", regex=True))


def _shape_regex(shape: str) -> str:
    return "".join(r"[^\W\d_]+" if c == "a" else r"\d+" if c == "9" else re.escape(c) for c in shape)


def _record_pattern(
    df: pd.DataFrame, sep: str, mapping: Mapping[str, str | None], *, missing: int = 0
) -> str:
    """A regex for one physical line shaped like a record of this file ('' if unsure).

    With ``missing``, the line may stop that many fields short (the beginning of a record
    whose last fields follow a closing quote); checked fields must still be on it.

    The fields at the ``date`` and ``doc_id`` positions must have the shape of that
    column's values in the file, the ``source`` field must be one of the file's outlets
    (each check only when the column exists and has few enough distinct shapes or values),
    and the line must have at least as many separators as the header.
    """
    cols = list(df.columns)
    checks: dict[int, str] = {}
    for pos, col in enumerate(cols):
        role = mapping.get(col, col)
        if role not in ("date", "doc_id", "source") or not isinstance(df[col].dtype, pd.StringDtype):
            continue
        values = df[col].dropna().str.strip()
        values = values[(values != "") & ~values.str.contains("\n", regex=False)].unique()
        if not len(values):
            continue
        if role == "source":
            if len(values) <= 200:
                checks[pos] = "|".join(map(re.escape, sorted(values, key=len, reverse=True)))
            continue
        if role == "doc_id":  # ids: the same kinds of characters, about the same length
            chars = set("".join(values[:10_000]))
            other = sorted(c for c in chars if not (c.isalnum() and c != "_"))
            if len(other) > 10 or any(c.isspace() for c in other):
                continue
            kinds = [r"[^\W\d_]" if any(c.isalpha() for c in chars) else "",
                     r"\d" if any(c.isdigit() for c in chars) else "",
                     f"[{''.join(map(re.escape, other))}]" if other else ""]
            lengths = [len(v) for v in values[:10_000]]
            lo, hi = min(lengths), max(lengths)
            checks[pos] = f"(?:{'|'.join(k for k in kinds if k)}){{{max(1, lo // 2)},{2 * hi}}}"
            continue
        shapes = _value_shape(pd.Series(values, dtype=TEXT_DTYPE)).unique()
        if len(shapes) <= 30:
            checks[pos] = "|".join(_shape_regex(s) for s in sorted(shapes, key=len, reverse=True))
    roles = {pos: mapping.get(col, col) for pos, col in enumerate(cols)}
    if {"doc_id", "date"} <= {roles[i] for i in checks}:
        # an id and a date of this file's shapes are evidence enough: an outlet not seen
        # among the loaded rows (e.g. only in rows that were themselves swallowed) is fine
        checks = {i: c for i, c in checks.items() if roles[i] != "source"}
    if missing:
        checks = {i: c for i, c in checks.items() if i < len(cols) - missing}
    if not checks:
        return ""
    s = re.escape(sep)
    free = f"[^\n{s}]*"
    last = max(checks)
    fields = [f"[ \t]*(?:{checks[i]})[ \t]*" if i in checks else free for i in range(last + 1)]
    return s.join(fields) + f"(?:{s}{free}){{{max(len(cols) - 1 - last - missing, 0)}}}"


def _report_merged(
    p: Path, df: pd.DataFrame, rows: np.ndarray, i: int, col: str, line: re.Pattern[str],
    ctx: ReadContext,
) -> None:
    """Report record ``i``, whose field ``col`` swallowed lines, and each of those lines."""
    start = int(rows[i])
    breaks = [v.count("\n") if isinstance(v, str) else 0 for v in df.iloc[i].tolist()]
    before = sum(breaks[: list(df.columns).index(col)])  # line breaks in earlier fields
    parts = df[col].iat[i].split("\n")
    swallowed = [(start + before + j, text.strip()) for j, text in enumerate(parts) if j and line.match(text)]
    numbers = ", ".join(str(n) for n, _ in swallowed) or "?"
    todo = ("fix the quote and load again, or pass errors='skip' to leave out this record and "
            "the rows it swallowed" if ctx.errors == "raise" else
            "this record and the rows it swallowed were not loaded; fix the quote and load again")
    reason = (f"holds line breaks followed by what looks like {len(swallowed)} further "
              f"row{'s' * (len(swallowed) > 1)} (line{'s' * (len(swallowed) > 1)} {numbers}): a "
              f"stray quote probably merged lines {start}-{start + sum(breaks)} into one record; "
              f"{todo}.")
    if ctx.errors == "raise":
        raise CorpusError(f"{where(str(p), start)}: field {col!r} {reason}")
    ctx.issues.append(issue(str(p), start, col, reason))
    for n, text in swallowed:
        shown = text if len(text) <= 60 else text[:57] + "..."
        ctx.issues.append(issue(str(p), n, col, (
            f"this line looks like a row of its own ({shown!r}), but a stray quote at line "
            f"{start} swallowed it into field {col!r} of that record; not loaded")))


# ------------------------------------------------------------------------------ JSON


@register_reader("json", extensions=(".json",), gzip=True,
                 description="a JSON list of records (one object per article), or one "
                             "object: one article per file")
def _read_json_file(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """JSON list: rows are positions in the list (1 = first). A file holding one object
    (an article, not an object wrapping a list of records) is one record, row 1; with
    ``errors="skip"`` such a file that is not valid JSON is reported and left out."""
    decoded = _text_and_utf8(p, data or b"", ctx)
    if decoded is None:
        return _nothing()
    text, _ = decoded
    try:
        records = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as err:
        hint = (" The file seems to hold one JSON object per line: name it .jsonl or pass "
                "format='jsonl'." if err.msg == "Extra data" else "")
        problem = f"line {err.lineno} column {err.colno}: invalid JSON ({err.msg}).{hint}"
        if ctx.errors == "skip" and text.lstrip().startswith("{") and not hint:
            ctx.fail(p, None, problem)  # one article per file: this one is left out
            return None
        raise CorpusError(f"{p} {problem}") from err
    if isinstance(records, dict):
        wrapped = _wrapped_records(records)
        if wrapped is not None or not records:
            keys = ", ".join(map(repr, list(records)[:8]))
            where_ = (f"; the records seem to be under {wrapped!r}: save that list on its own "
                      "(a Guardian, NYT or GDELT API response: pass format='guardian', 'nyt' "
                      "or 'gdelt')" if wrapped else "")
            raise CorpusError(f"{p}: expected a JSON list of records (one object per article), "
                              f"or one article object, found an object with keys {keys}{where_}")
        records = [records]  # one object: one article
    if not isinstance(records, list):
        raise CorpusError(f"{p}: expected a JSON list of records, found {type(records).__name__}")
    kept, rows = [], []
    for i, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            ctx.fail(p, i, f"expected a JSON object, found {type(rec).__name__}")
        elif isinstance(rec, _RepeatedKeys):
            ctx.fail(p, i, rec.reason())
        else:
            kept.append(rec)
            rows.append(i)
    return _records_frame(kept), rows


@register_reader("jsonl", extensions=(".jsonl", ".ndjson"), gzip=True, aliases=("ndjson",),
                 description="JSON Lines: one object per line")
def _read_jsonl_file(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """JSON Lines: rows are line numbers (blank lines count)."""
    decoded = _text_and_utf8(p, data or b"", ctx)
    if decoded is None:
        return _nothing()
    text, raw = decoded
    table = _arrow_jsonl(raw)
    if table is not None:
        n_lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
        lines = np.arange(1, n_lines + 1) if table.num_rows == n_lines else _nonblank_lines(raw)
        if table.num_rows == len(lines):
            return _arrow_frame(table), lines.tolist()
    records, rows = [], []  # slow path: find (and with errors="skip", skip) the bad lines
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line, object_pairs_hook=_json_object)
        except json.JSONDecodeError as err:
            ctx.fail(p, n, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(rec, dict):
            ctx.fail(p, n, f"expected a JSON object, found {type(rec).__name__}")
            continue
        if isinstance(rec, _RepeatedKeys):
            ctx.fail(p, n, rec.reason())
            continue
        records.append(rec)
        rows.append(n)
    return _records_frame(records), rows


#: Keys whose text value marks a top-level JSON object as an article, not a wrapper.
_ARTICLE_KEYS = ("text", "body", "content", "title", "headline")


def _wrapped_records(obj: Mapping[str, Any]) -> str | None:
    """Where a JSON object wraps a list of records (``"articles"``, ``"response.results"``):
    the key path of the first non-empty list of objects at the top or one level down; None
    when there is none, or the object has a text field of its own (an article)."""
    if any(isinstance(obj.get(k), str) for k in _ARTICLE_KEYS):
        return None
    for key, value in obj.items():
        inner = [(f"{key}.{k}", v) for k, v in value.items()] if isinstance(value, dict) else []
        for path, item in [(key, value), *inner]:
            if isinstance(item, list) and item and all(isinstance(r, dict) for r in item):
                return str(path)
    return None


class _RepeatedKeys(dict):
    """A JSON object in which a key occurs more than once (``json`` would silently keep
    only the last value)."""

    repeated: dict[str, int]

    def reason(self) -> str:
        listed = ", ".join(f"key {k!r} appears {n} times" for k, n in self.repeated.items())
        return (f"{listed} in this object, so all but one of the values would be lost; keep "
                "one of them (or give the others their own names)")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for :func:`json.loads` that notices repeated keys."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    out = _RepeatedKeys(obj)
    out.repeated = {k: n for k, n in counts.items() if n > 1}
    return out


def _records_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """``DataFrame.from_records`` without rounding integers: a column of integers and
    nulls becomes nullable ``Int64`` instead of float64 (which holds every integer only up
    to 2^53), and integers beyond 2^53 mixed with fractions (or beyond int64) stay exact
    Python integers (object dtype)."""
    df = pd.DataFrame.from_records(records)
    for col in df.columns[(df.dtypes == "float64").to_numpy()]:
        values = [rec.get(col) for rec in records]
        kinds = {type(v) for v in values if v is not None}
        if int not in kinds:
            continue
        if kinds == {int}:
            try:
                df[col] = pd.array(values, dtype="Int64")
                continue
            except (OverflowError, TypeError, ValueError):
                pass
        if any(type(v) is int and abs(v) > 2**53 for v in values):
            df[col] = pd.Series(values, index=df.index, dtype=object)
    return df


def _nullable_int(dtype: Any) -> Any:
    """``types_mapper`` for pyarrow: integer types to pandas' nullable integer dtypes."""
    import pyarrow as pa

    if pa.types.is_integer(dtype):
        unsigned = "U" if pa.types.is_unsigned_integer(dtype) else ""
        return pd.api.types.pandas_dtype(f"{unsigned}Int{dtype.bit_width}")
    return None


def _arrow_frame(table: Any) -> pd.DataFrame:
    """``table.to_pandas()``, with integer columns that have nulls as nullable integers
    (not float64, which would round integers beyond 2^53)."""
    df = table.to_pandas()
    for name, column in zip(table.column_names, table.columns, strict=True):
        if column.null_count and _nullable_int(column.type) is not None:
            df[name] = column.to_pandas(types_mapper=_nullable_int)
    return df


def _nonblank_lines(raw: bytes) -> np.ndarray:
    """1-based numbers of the non-blank lines (lines of 16+ spaces count as non-blank; the
    caller then sees a count mismatch and takes the slow path)."""
    arr = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(arr == 10)
    starts = np.concatenate([[0], ends + 1])
    ends = np.concatenate([ends, [len(arr)]])
    nonblank = (ends - starts) > 0
    for i in np.flatnonzero((ends - starts) < 16):
        nonblank[i] = bool(raw[starts[i]:ends[i]].strip())
    return np.flatnonzero(nonblank) + 1


def _arrow_jsonl(raw: bytes) -> Any:
    """Fast path: pyarrow's JSON reader, keeping date-like strings as strings."""
    import pyarrow as pa
    import pyarrow.json as pj

    def read(data: bytes, strings: Iterable[str] = ()) -> pa.Table:
        schema = pa.schema([(n, pa.string()) for n in strings])
        opts = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="infer")
        return pj.read_json(pa.BufferReader(data), parse_options=opts)

    try:
        cut = raw.rfind(b"\n", 0, 1 << 20)
        sample = read(raw[: cut if cut > 0 else len(raw)])
        strings = [f.name for f in sample.schema if pa.types.is_timestamp(f.type)]
        table = read(raw, strings)
        late = [f.name for f in table.schema if pa.types.is_timestamp(f.type)]
        table = read(raw, strings + late) if late else table
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    if _may_be_rounded(table):
        return None  # the slow path keeps such integers exact
    return table


def _may_be_rounded(table: Any) -> bool:
    """Whether pyarrow may have rounded integers: it reads integers beyond int64, and
    integers in a column that also holds fractions, as float64, which holds every integer
    only up to 2^53; so any float64 value of 2^53 or more may be a rounded integer."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in table.columns:
        if pa.types.is_floating(column.type) and len(column):
            largest = pc.max(pc.abs(column)).as_py()
            if largest is not None and largest >= 2**53:
                return True
    return False


# ------------------------------------------------------------------------------ Parquet


@register_reader("parquet", extensions=(".parquet", ".pq"), reads_path=True,
                 description="Apache Parquet (e.g. written by save_corpus)")
def _read_parquet_file(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """Parquet: rows are positions (1 = first); a named index becomes columns; integer
    columns with nulls become nullable integers (not float64, which rounds beyond 2^53)."""
    if p.stat().st_size == 0:
        return _nothing()
    try:
        df = pd.read_parquet(p)
    except (PermissionError, FileNotFoundError, IsADirectoryError):
        raise  # the file cannot be read at all: read_file reports it
    except Exception as err:  # pyarrow raises several types for damaged files
        raise CorpusError(f"{p}: cannot be read as Parquet: {err}") from err
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index(drop=all(n is None for n in df.index.names))
    df = df.reset_index(drop=True)
    _exact_parquet_integers(p, df)
    return df, list(range(1, len(df) + 1))


def _exact_parquet_integers(p: Path, df: pd.DataFrame) -> None:
    """Re-read, as nullable integers, the integer columns that pandas turned into float64
    because they have nulls (files written without pandas' metadata, e.g. by Spark)."""
    import pyarrow.parquet as pq

    floats = {c for c in df.columns if isinstance(c, str) and df[c].dtype.kind == "f"}
    if not floats or not df.columns.is_unique:
        return
    schema = pq.read_schema(p)
    names = [f.name for f in schema if f.name in floats and _nullable_int(f.type) is not None]
    if names:
        table = pq.read_table(p, columns=names)
        for name in names:
            df[name] = table.column(name).to_pandas(types_mapper=_nullable_int)


# ------------------------------------------------------------------------------ text files

#: The reason given in ``attrs["skipped"]`` for a file that is not an article.
NOT_ARTICLE = "not an article file"
# Stems of documentation files that travel with corpora; such a text file without an
# article header is skipped as "not an article file", never read as an article.
_DOC_NAME = re.compile(
    r"(?i)^(read_?me|codebook|code_book|license|licence|changelog|changes|citation|notice|"
    r"notes|manifest|documentation)([._\- ].*)?$"
)
_HEADER_LINE = re.compile(r"^([A-Za-z][\w\- ]{0,40}?)\s*:[ \t]*(.*?)\s*$")
_TEXT_MISSING = (
    "{origin}: no file has a header line for {missing}. Each text file should start with "
    "lines such as 'title: ...', 'source: ...', 'date: ...', then a blank line and the body. "
    "Header keys found: {found}."
)


@register_reader("text", extensions=(".txt", ".md"), aliases=("txt", "md"), per_file=True,
                 missing_message=_TEXT_MISSING,
                 description="one article per file: 'key: value' header lines, a blank line, the body")
def _read_text_file(p: Path, data: bytes | None, ctx: ReadContext) -> ReaderResult:
    """One article per file (:func:`parse_text_article`); its row is None."""
    text, _ = ctx.decode(p, data or b"")
    if not text.strip():
        ctx.fail(p, None, "the file is empty (no article)")
        return None
    record = parse_text_article(text, p)
    headed = set(record) - {"doc_id", "text"}
    if not headed and _DOC_NAME.match(file_stem(p)):
        ctx.not_articles.append(issue(str(p), None, None, NOT_ARTICLE + " (documentation without "
                                      "an article header, e.g. a README or codebook)"))
        return None
    if ctx.title == "first_line" and "title" not in {ctx.columns.get(k, k) for k in headed}:
        first, _, rest = record["text"].partition("\n")
        record["title"], record["text"] = first.strip(), rest.strip()
    keys = {ctx.columns.get(k, k) or k for k in record} | set(ctx.defaults)
    lacking = [c for c in ("source", "date") if c not in keys]
    if lacking:
        ctx.fail(
            p, None,
            f"no header line for {', '.join(map(repr, lacking))}: a text file starts with "
            "lines such as 'title: ...', 'source: ...', 'date: ...', then a blank line and "
            f"the body (header keys found: {', '.join(map(repr, record))})",
        )
        return None
    return [record], [None]


def parse_text_article(text: str, path: str | Path) -> dict[str, str]:
    """Split one text file into header fields and body (format: see :mod:`toolkit.io`).

    Parameters
    ----------
    text : str
        The file's decoded contents.
    path : str or path
        The file (its stem is the default ``doc_id``; it is named in errors).

    Returns
    -------
    dict
        ``{"doc_id": ..., <header keys>..., "text": body}``.

    Raises
    ------
    CorpusError
        If a header key is used twice or is ``text``.

    Examples
    --------
    >>> from toolkit.readers import parse_text_article
    >>> parse_text_article("title: Gates\\nsource: Post\\n\\nThe gates opened.", "gates.txt")
    {'doc_id': 'gates', 'title': 'Gates', 'source': 'Post', 'text': 'The gates opened.'}
    """
    lines = text.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    header: dict[str, str] = {}
    end = None
    for i in range(start, len(lines)):
        line = lines[i].rstrip("\r")
        if line.strip() in ("", "---"):
            end = i + 1
            break
        m = _HEADER_LINE.match(line)
        if not m:
            break
        key = re.sub(r"[\s\-]+", "_", m.group(1).strip().lower())
        if key in header or key == "text":
            raise CorpusError(f"{path} line {i + 1}: header key {key!r} "
                              f"{'is used twice' if key in header else 'is reserved for the body'}")
        header[key] = m.group(2)
    if end is None or not (_KNOWN_KEYS & header.keys()):
        header, end = {}, 0  # no header: the whole file is the body
    record = {"doc_id": file_stem(path), **header}
    record["text"] = "\n".join(lines[end:]).strip()
    return record


def file_stem(path: str | Path) -> str:
    """A file's name without its format suffix (and ``.gz``): the default id prefix.

    Parameters
    ----------
    path : str or path
        A file name.

    Returns
    -------
    str
        E.g. ``"guardian"`` for ``corpus/guardian.csv.gz``.
    """
    name = Path(path).name
    return Path(name[:-3] if name.lower().endswith(".gz") else name).stem
