"""Loading and saving corpora (see :mod:`toolkit.schema` for what a corpus is).

Supported inputs of :func:`load_corpus`, chosen by file suffix or by ``format=``:

=========================== ===========================================================
suffix                      read as
=========================== ===========================================================
``.csv`` / ``.tsv``         a table with a header row (comma / tab separated)
``.json``                   a JSON list of records (one object per article)
``.jsonl`` / ``.ndjson``    JSON Lines: one object per line
``.parquet``                Apache Parquet (e.g. written by :func:`save_corpus`)
``.txt`` / ``.md``          one article per file, with a small header (see below)
``.csv.gz`` and friends     gzip-compressed CSV, TSV, JSON and JSON Lines
=========================== ===========================================================

Text files (``.txt``/``.md``) start with a header of ``key: value`` lines, end it with a blank
line or a ``---`` line, and continue with the body, which becomes ``text``::

    title: Grain ships leave port
    source: The Harbour Gazette
    date: 2022-08-01
    url: https://example.org/grain

    ODESA - The first ship ...

Keys are lower-cased (spaces and ``-`` become ``_``) and become columns, so any extra key
(``author:``, ``section:``, ``event_id:`` ...) is kept. The header may also be wrapped in
``---`` lines (Markdown front matter). ``doc_id`` is the file name without its suffix unless
the header has a ``doc_id:`` line. A block counts as a header only if it ends with a blank
or ``---`` line, every line in it is ``key: value`` and at least one key is a corpus column
(``title``, ``source``, ``date``, ...): a first paragraph such as ``KYIV: Sirens sounded...``
stays part of the body. The body's leading and trailing blank lines are dropped.

Row numbers in messages and in ``attrs["skipped"]``: for CSV/TSV and JSON Lines the
``row`` is the *line number* in the file where the record starts (line 1 is the CSV
header); for ``.json`` it is the record's position in the list (1 = first); for Parquet the
row position (1 = first); for text files it is ``None`` (the file is the article).
"""

from __future__ import annotations

import codecs
import csv
import difflib
import gzip
import io
import json
import os
import re
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .clean import decode_bytes
from .schema import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    STRING_COLUMNS,
    TEXT_DTYPE,
    CorpusError,
    CorpusWarning,
    _check_errors_arg,
    finish_frames,
    issue,
    prepare_frame,
    require_columns,
    where,
)

__all__ = ["SUFFIX_FORMATS", "load_corpus", "parse_text_article", "save_corpus"]

PathLike = str | os.PathLike
SUFFIX_FORMATS: dict[str, str] = {
    ".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".txt": "text", ".md": "text",
}
_FORMATS = {"csv", "tsv", "json", "jsonl", "ndjson", "parquet", "txt", "md", "text"}
_GZIP_FORMATS = {"csv", "tsv", "json", "jsonl"}
# Values read as missing in CSV columns that are not text (text columns: only empty cells).
_NA_STRINGS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A", "<NA>"]
_HEADER_LINE = re.compile(r"^([A-Za-z][\w\- ]{0,40}?)\s*:[ \t]*(.*?)\s*$")
_KNOWN_KEYS = {*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS}
_ONE_LINE_FIELDS = _KNOWN_KEYS - {"text"}


def load_corpus(
    path: PathLike | Sequence[PathLike],
    *,
    columns: Mapping[str, str | None] | None = None,
    format: str | None = None,
    errors: str = "raise",
    clean_html: bool = False,
    encoding: str | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Load a corpus from files into a DataFrame that follows :mod:`toolkit.schema`.

    Parameters
    ----------
    path : str, path or list of them
        A file; a folder (its supported files, not its subfolders); a glob pattern such as
        ``"corpus/*.csv"`` or ``"corpus/**/*.txt"``; or a list of any of these. Several files
        are concatenated; a ``doc_id`` used twice, in one file or across files, is an error
        naming both places. The formats are described in the module documentation.
    columns : mapping, optional
        Rename the file's columns to the schema's: ``{"body": "text", "outlet": "source"}``.
        ``{"doc_id": None}`` asks for ids to be generated when the data has none: each row
        gets ``"<file stem>-<row>"`` (e.g. ``"guardian-17"`` for line 17 of
        ``guardian.csv``; ``"<folder>-<stem>-<row>"`` when files of the same name in
        different folders are loaded together), so an id always points back to its
        origin. Ids are never generated unless asked for; text files default to their
        file name.
    format : {"csv", "tsv", "json", "jsonl", "parquet", "txt"}, optional
        Read every file in this format whatever its suffix.
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: the first problem stops loading with a :class:`CorpusError`. ``"skip"``:
        rows that cannot be loaded are left out and each is reported in
        ``df.attrs["skipped"]`` (a list of dicts with ``file``, ``row``, ``field``,
        ``reason``; ``pd.DataFrame(df.attrs["skipped"])`` shows it as a table), and a
        :class:`~toolkit.schema.CorpusWarning` gives the count. Problems that concern a whole
        file (missing columns, an encoding that cannot be found, a broken quote that
        swallows the rest of a CSV file) always raise; empty files are skipped and reported.
    clean_html : bool, default False
        Remove HTML tags and entities from ``title`` and ``text``
        (:func:`toolkit.clean.strip_html`).
    encoding : str, optional
        The files' encoding. By default it is detected: UTF-8, a byte-order mark, or a
        guessed legacy encoding such as cp1251 or latin-1 (a :class:`CorpusWarning` names
        the guess; pass ``encoding=`` if the text looks wrong).
    date_format : str, optional
        A strict format for ``date``, e.g. ``"%d/%m/%Y"``. By default ISO 8601 and other
        common formats are recognised.

    Returns
    -------
    pandas.DataFrame
        Required columns first (``doc_id``, ``source``, ``date``, ``title``, ``text``), then
        optional and extra columns, then ``title_raw``/``text_raw`` if cleaning changed
        anything (they hold the text as read). Text columns use the pandas string dtype; see
        :mod:`toolkit.schema` for how dates and time zones are handled. ``attrs["skipped"]``
        is always set (an empty list when nothing was skipped).

    Raises
    ------
    CorpusError
        With a message naming the file and, where it applies, the line/row and field.

    Notes
    -----
    Files are only read, never modified.

    Examples
    --------
    >>> corpus = load_corpus("data/demo/articles.jsonl")  # doctest: +SKIP
    >>> corpus = load_corpus("kaggle.csv", columns={"articles": "text", "journal": "source",
    ...                      "published": "date", "headlines": "title", "doc_id": None})
    ... # doctest: +SKIP
    """
    _check_errors_arg(errors)
    mapping = _check_mapping(columns)
    fmt = _check_format(format)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    files = _expand(path, fmt)
    issues: list[dict[str, Any]] = []
    guessed: list[str] = []
    frames: list[pd.DataFrame] = []
    ctx = _Context(errors, encoding, issues, guessed)
    text_files = [(p, gz) for p, f, gz in files if f == "text"]
    # generated ids are "<stem>-<row>"; files with the same name in different folders
    # get their folder in front ("2022-guardian-17"), so every id still points home
    stems = [_stem(p) for p, _, _ in files]
    clash = {st for st in stems if stems.count(st) > 1}
    id_prefix = {
        p: (f"{Path(p).parent.name}-{st}" if st in clash else st)
        for (p, _, _), st in zip(files, stems, strict=True)
    }
    for p, f, gz in files:
        if f == "text":  # all text files become one frame, placed where the first one is
            if p == text_files[0][0]:
                frames.append(_load_text_files(text_files, mapping, ctx, date_format))
            continue
        table = _read_table(p, f, gz, mapping, ctx)
        if table is None:
            continue
        df, rows = table
        df = _apply_columns(df, mapping, str(p), rows, id_prefix[p])
        require_columns(df, origin=str(p))
        frames.append(prepare_frame(df, [str(p)] * len(df), rows, issues, date_format))
    if guessed:
        warnings.warn(
            f"not UTF-8, so the encoding was guessed: {', '.join(guessed)}. If the text looks "
            "wrong, pass encoding='...' to load_corpus.",
            CorpusWarning,
            stacklevel=2,
        )
    if not any(len(f) for f in frames) and not issues:
        raise CorpusError(f"{_describe(path)}: no articles found")
    return finish_frames(frames, issues, errors=errors, clean_html=clean_html)


def save_corpus(df: pd.DataFrame, path: PathLike, *, overwrite: bool = False) -> Path:
    """Save a corpus as a Parquet file that :func:`load_corpus` reads back exactly.

    Dtypes (string, categorical, nullable), time-zone-aware dates, the index and
    ``df.attrs`` survive the round trip (``pandas.read_parquet(path)`` gives an equal frame).
    The file is written to a temporary name first and then moved into place, so an
    interrupted save never leaves a half-written file or destroys an existing one.

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus (it needs the required columns and unique ``doc_id`` values).
    path : str or path
        Where to write. ``.parquet`` is added when the name has no suffix; missing folders
        are created.
    overwrite : bool, default False
        Replace an existing file. Without it an existing file is never touched.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.
    CorpusError
        If ``df`` is not a corpus or cannot be stored as Parquet.
    """
    path = Path(path).expanduser()
    if not path.suffix:
        path = path.with_suffix(".parquet")
    elif path.suffix.lower() not in (".parquet", ".pq"):
        raise ValueError(f"save_corpus writes Parquet; give a name ending in .parquet, not {path.name!r}")
    require_columns(df, origin="save_corpus")
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        raise CorpusError(f"save_corpus: doc_id values are not unique: {sorted(set(df.loc[dup, 'doc_id']))[:5]}")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists; pass overwrite=True to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        df.to_parquet(tmp)
        os.replace(tmp, path)
    except (ValueError, TypeError, OverflowError, ImportError) as err:
        raise CorpusError(f"save_corpus: cannot store the corpus as Parquet: {err}") from err
    finally:
        tmp.unlink(missing_ok=True)
    return path


# ------------------------------------------------------------------------------ helpers


class _Context:
    """Settings and collectors shared by the readers during one load."""

    def __init__(self, errors: str, encoding: str | None, issues: list, guessed: list) -> None:
        self.errors, self.encoding, self.issues, self.guessed = errors, encoding, issues, guessed

    def fail(self, file: Path, row: Any, reason: str) -> None:
        """A problem that loses rows: raise, or record it when skipping."""
        if self.errors == "raise":
            raise CorpusError(f"{where(file, row)}: {reason}")
        self.issues.append(issue(str(file), row, None, reason))


def _check_mapping(columns: Mapping[str, str | None] | None) -> dict[str, str | None]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise TypeError("columns must be a mapping such as {'body': 'text', 'outlet': 'source'}")
    mapping = dict(columns)
    for key, value in mapping.items():
        if value is None and key != "doc_id":
            raise ValueError(f"columns={{{key!r}: None}}: only 'doc_id' may map to None (to generate ids)")
    targets = [v for v in mapping.values() if v is not None]
    dup = sorted({t for t in targets if targets.count(t) > 1})
    if dup:
        raise ValueError(f"columns= maps several columns to {dup}")
    if "doc_id" in targets and "doc_id" in mapping and mapping["doc_id"] is None:
        raise ValueError("columns= both renames a column to 'doc_id' and asks to generate ids")
    return mapping


def _check_format(format: str | None) -> str | None:
    if format is None:
        return None
    f = format.lower().lstrip(".")
    if f not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of {sorted(_FORMATS)}")
    return {"ndjson": "jsonl", "txt": "text", "md": "text"}.get(f, f)


def _stem(p: PathLike) -> str:
    """File name without its format suffix (and ``.gz``): the default id prefix."""
    name = Path(p).name
    return Path(name[:-3] if name.lower().endswith(".gz") else name).stem


def _describe(path: Any) -> str:
    if isinstance(path, (list, tuple)):
        return ", ".join(map(str, path))
    return str(path)


def _format_of(p: Path, fmt: str | None) -> tuple[str, bool] | None:
    name = p.name.lower()
    gz = name.endswith(".gz")
    if fmt:
        return fmt, gz
    if gz:
        f = SUFFIX_FORMATS.get(Path(name[:-3]).suffix)
        return (f, True) if f in _GZIP_FORMATS else None
    f = SUFFIX_FORMATS.get(p.suffix.lower())
    return (f, False) if f else None


def _expand(path: Any, fmt: str | None) -> list[tuple[Path, str, bool]]:
    items = list(path) if isinstance(path, (list, tuple)) else [path]
    if not items:
        raise CorpusError("load_corpus: no path given")
    found: dict[Path, Path] = {}
    for item in items:
        for p in _expand_one(item, fmt):
            found.setdefault(p.resolve(), p)
    out = []
    for p in found.values():
        kind = _format_of(p, fmt)
        if kind is None:
            raise CorpusError(
                f"{p}: cannot tell the format from the file name; supported suffixes: "
                f"{', '.join(SUFFIX_FORMATS)} (and .gz for csv/tsv/json/jsonl), "
                "or pass format='csv' (or another format)."
            )
        out.append((p, *kind))
    return out


def _expand_one(item: Any, fmt: str | None) -> list[Path]:
    if not isinstance(item, (str, os.PathLike)):
        raise TypeError(f"expected a path, got {type(item).__name__}")
    p = Path(item).expanduser()
    if p.is_file():
        return [p]
    if p.is_dir():
        files = sorted(
            x for x in p.iterdir()
            if x.is_file() and not x.name.startswith((".", "~$")) and _format_of(x, fmt)
        )
        if files:
            return files
        others = sorted(x.name for x in p.iterdir() if not x.name.startswith("."))
        msg = (f"{p}: the folder has no supported files ({', '.join(SUFFIX_FORMATS)}, or "
               f".gz of csv/tsv/json/jsonl). Found: {', '.join(others[:8]) or 'nothing'}"
               f"{' ...' if len(others) > 8 else ''}.")
        if any(_format_of(x, fmt) for x in p.rglob("*") if x.is_file()):
            msg += f" Subfolders have some: use a pattern such as '{p / '**' / '*.txt'}'."
        raise CorpusError(msg)
    text = os.path.expanduser(str(item))
    if any(ch in text for ch in "*?["):
        import glob

        matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())
        if not matches:
            raise CorpusError(f"{text}: no files match this pattern")
        return matches
    msg = f"{p}: no such file or folder"
    if p.parent.is_dir():
        close = difflib.get_close_matches(p.name, [x.name for x in p.parent.iterdir()], n=3)
        if close:
            msg += f" (did you mean {', '.join(map(repr, close))}?)"
    else:
        msg += f" (the folder {p.parent} does not exist either; working folder: {Path.cwd()})"
    raise CorpusError(msg)


def _read_bytes(p: Path, gz: bool) -> bytes:
    data = p.read_bytes()
    if gz:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise CorpusError(f"{p}: cannot be decompressed as gzip: {err}") from err
    return data


def _decode(p: Path, data: bytes, ctx: _Context) -> tuple[str, str]:
    try:
        text, used, guessed = decode_bytes(data, ctx.encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        if ctx.encoding:
            raise CorpusError(
                f"{p} line {line}: cannot be decoded as {ctx.encoding!r} "
                f"(byte {data[err.start:err.start + 1]!r}); check the encoding= argument"
            ) from err
        raise CorpusError(
            f"{p} line {line}: the file is not UTF-8 and its encoding could not be detected; "
            "pass encoding='...' (for example 'cp1251' or 'latin-1')"
        ) from err
    if guessed:
        ctx.guessed.append(f"{p} ({used})")
    return text, used


def _read_table(
    p: Path, fmt: str, gz: bool, mapping: dict[str, str | None], ctx: _Context
) -> tuple[pd.DataFrame, list[Any]] | None:
    """Read one tabular file; return the frame and each row's line/record number."""
    if fmt == "parquet":
        result = _read_parquet(p)
    else:
        data = _read_bytes(p, gz)
        text, used = _decode(p, data, ctx)
        if not text or text.isspace():
            result = None
        else:
            raw = data if used == "utf-8" else text.encode("utf-8")
            if fmt in ("csv", "tsv"):
                result = _read_csv(p, raw, text, "\t" if fmt == "tsv" else ",", mapping, ctx)
            elif fmt == "json":
                result = _read_json(p, text, ctx)
            else:
                result = _read_jsonl(p, raw, text, ctx)
    if result is None or result[0].empty:
        ctx.fail(p, None, "the file is empty (no articles)")
        return None
    return result


def _read_parquet(p: Path) -> tuple[pd.DataFrame, list[Any]] | None:
    if p.stat().st_size == 0:
        return None
    try:
        df = pd.read_parquet(p)
    except Exception as err:  # pyarrow raises several types for damaged files
        raise CorpusError(f"{p}: cannot be read as Parquet: {err}") from err
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index(drop=all(n is None for n in df.index.names))
    df = df.reset_index(drop=True)
    return df, list(range(1, len(df) + 1))


# ---- CSV / TSV


def _read_csv(
    p: Path, raw: bytes, text: str, sep: str, mapping: dict[str, str | None], ctx: _Context
) -> tuple[pd.DataFrame, list[Any]]:
    try:
        names = list(pd.read_csv(io.BytesIO(raw), sep=sep, nrows=0).columns)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise CorpusError(f"{p}: cannot read the header line: {err}") from err
    text_cols = [n for n in names if mapping.get(n, n) in (*STRING_COLUMNS, "date")]
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
            span[~is_bad] += df[col].str.count("\n").fillna(0).to_numpy(dtype=np.int64)
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
    mapping: dict[str, str | None], ctx: _Context,
) -> np.ndarray:
    """A stray quote can silently swallow the following lines into one field. Look for
    one-line fields (id, source, date, title, url ...) that hold a line break followed by
    something shaped like a whole record."""
    hit = np.zeros(len(df), dtype=bool)
    if len(names) < 2:
        return hit
    pattern = "\n[^\n]*" + f"(?:{re.escape(sep)}[^\n]*){{{len(names) - 1},}}"
    for col in df.columns:
        if mapping.get(col, col) in _ONE_LINE_FIELDS and isinstance(df[col].dtype, pd.StringDtype):
            found = df[col].str.contains(pattern, regex=True, na=False).to_numpy()
            for i in np.flatnonzero(found & ~hit):
                ctx.fail(p, int(rows[i]), f"field {col!r} holds line breaks followed by what looks "
                         "like further rows: a stray quote probably merged several lines")
            hit |= found
    return hit


# ---- JSON and JSON Lines


def _read_json(p: Path, text: str, ctx: _Context) -> tuple[pd.DataFrame, list[Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        hint = (" The file seems to hold one JSON object per line: name it .jsonl or pass "
                "format='jsonl'." if err.msg == "Extra data" else "")
        raise CorpusError(f"{p} line {err.lineno} column {err.colno}: invalid JSON ({err.msg}).{hint}") from err
    if isinstance(data, dict):
        keys = ", ".join(map(repr, list(data)[:8]))
        raise CorpusError(f"{p}: expected a JSON list of records (one object per article), "
                          f"found an object with keys {keys}")
    if not isinstance(data, list):
        raise CorpusError(f"{p}: expected a JSON list of records, found {type(data).__name__}")
    records, rows = [], []
    for i, rec in enumerate(data, 1):
        if isinstance(rec, dict):
            records.append(rec)
            rows.append(i)
        else:
            ctx.fail(p, i, f"expected a JSON object, found {type(rec).__name__}")
    return pd.DataFrame.from_records(records), rows


def _read_jsonl(p: Path, raw: bytes, text: str, ctx: _Context) -> tuple[pd.DataFrame, list[Any]]:
    table = _arrow_jsonl(raw)
    if table is not None:
        n_lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
        lines = np.arange(1, n_lines + 1) if table.num_rows == n_lines else _nonblank_lines(raw)
        if table.num_rows == len(lines):
            return table.to_pandas(), lines.tolist()
    records, rows = [], []  # slow path: find (and with errors="skip", skip) the bad lines
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            ctx.fail(p, n, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(rec, dict):
            ctx.fail(p, n, f"expected a JSON object, found {type(rec).__name__}")
            continue
        records.append(rec)
        rows.append(n)
    return pd.DataFrame.from_records(records), rows


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
        return read(raw, strings + late) if late else table
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None


# ---- text files


def _load_text_files(
    paths: list[tuple[Path, bool]], mapping: dict[str, str | None], ctx: _Context,
    date_format: str | None,
) -> pd.DataFrame:
    records, files = [], []
    for p, gz in paths:
        text, _ = _decode(p, _read_bytes(p, gz), ctx)
        if not text.strip():
            ctx.fail(p, None, "the file is empty (no article)")
            continue
        record = parse_text_article(text, p)
        keys = {mapping.get(k, k) or k for k in record}
        lacking = [c for c in ("source", "date") if c not in keys]
        if lacking:
            ctx.fail(
                p, None,
                f"no header line for {', '.join(map(repr, lacking))}: a text file starts with "
                "lines such as 'title: ...', 'source: ...', 'date: ...', then a blank line and "
                f"the body (header keys found: {', '.join(map(repr, record))})",
            )
            continue
        records.append(record)
        files.append(str(p))
    df = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    if df.empty:
        return df
    df = _apply_columns(df, {k: v for k, v in mapping.items() if v is not None}, "text files", None, "")
    parents = {str(Path(f).parent) for f in files}
    origin = f"{parents.pop()} (text files)" if len(parents) == 1 else "the text files"
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise CorpusError(
            f"{origin}: no file has a header line for {', '.join(map(repr, missing))}. Each text "
            "file should start with lines such as 'title: ...', 'source: ...', 'date: ...', then "
            f"a blank line and the body. Header keys found: {', '.join(map(repr, df.columns))}."
        )
    return prepare_frame(df, files, [None] * len(df), ctx.issues, date_format)


def parse_text_article(text: str, path: PathLike) -> dict[str, str]:
    """Split one text file into header fields and body (format: see module docs).

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
    record = {"doc_id": _stem(path), **header}
    record["text"] = "\n".join(lines[end:]).strip()
    return record


def _apply_columns(
    df: pd.DataFrame, mapping: dict[str, str | None], origin: str, rows: list[Any] | None, stem: str
) -> pd.DataFrame:
    """Rename with ``columns=`` and generate ``doc_id`` when asked to."""
    rename = {}
    for src, dst in mapping.items():
        if dst is None:
            continue
        if src in df.columns:
            if dst in df.columns and dst != src:
                raise CorpusError(f"{origin}: columns= renames {src!r} to {dst!r}, but there is "
                                  f"already a {dst!r} column; drop one of them first")
            rename[src] = dst
        elif dst not in df.columns:
            found = ", ".join(map(repr, map(str, df.columns)))
            raise CorpusError(f"{origin}: columns= maps {src!r} to {dst!r}, but there is no "
                              f"column {src!r}. Columns found: {found}.")
    df = df.rename(columns=rename)
    if "doc_id" in mapping and mapping["doc_id"] is None and rows is not None:
        if "doc_id" in df.columns:
            raise CorpusError(f"{origin}: columns={{'doc_id': None}} asks for generated ids, but "
                              "the data already has a 'doc_id' column; remove that entry")
        df.insert(0, "doc_id", [f"{stem}-{r}" for r in rows])
    return df
