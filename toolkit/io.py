"""Loading and saving corpora (see :mod:`toolkit.schema` for what a corpus is).

Supported inputs of :func:`load_corpus`, chosen by file suffix or by ``format=``:

=========================== ===========================================================
suffix                      read as
=========================== ===========================================================
``.csv`` / ``.tsv``         a table with a header row (comma / tab separated; ``sep=``)
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
``load_corpus(..., provenance=True)`` keeps the same file and row for every article, in the
columns ``source_file`` and ``source_row``.

Other formats: each format is one reader function registered under a name in
:mod:`toolkit.readers` (:func:`~toolkit.readers.register_reader`); ``load_corpus`` picks the
reader by suffix or by ``format=`` and treats every format alike.
:func:`~toolkit.readers.available_readers` lists the registered formats.
"""

from __future__ import annotations

import codecs
import difflib
import os
import secrets
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .dates import _warn_implausible
from .outlets import _warn_variants
from .readers import (
    NOT_ARTICLE,
    SUFFIX_FORMATS,
    ReadContext,
    Reader,
    _format_names,
    _os_reason,
    _suffix_summary,
    file_stem,
    get_reader,
    parse_text_article,
    read_file,
    reader_for,
)
from .schema import (
    FILE_COL,
    LOAD_REQUIRED_COLUMNS,
    ROW_COL,
    TEXT_DTYPE,
    CorpusError,
    CorpusWarning,
    _check_errors_arg,
    check_unique_columns,
    finish_frames,
    issue,
    prepare_frame,
    require_columns,
)
from .store import _read_store, is_store

__all__ = [
    "PROVENANCE_COLUMNS", "SUFFIX_FORMATS", "load_corpus", "parse_text_article", "save_corpus",
]

PathLike = str | os.PathLike
#: Columns added by ``load_corpus(..., provenance=True)``: the file each article was read
#: from, and its row there (line, record or row number; see the module documentation).
PROVENANCE_COLUMNS: tuple[str, str] = ("source_file", "source_row")
_RAW_COLUMNS = ("title_raw", "text_raw")
# file and row of every article, kept through finish_frames for the load-time checks
_TRACK = ("__nf_track_file__", "__nf_track_row__")


def load_corpus(
    path: PathLike | Sequence[PathLike],
    *,
    columns: Mapping[str, str | None] | None = None,
    format: str | None = None,
    errors: str = "raise",
    clean_html: bool = False,
    encoding: str | None = None,
    date_format: str | None = None,
    provenance: bool = False,
    sep: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> pd.DataFrame:
    """Load a corpus from files into a DataFrame that follows :mod:`toolkit.schema`.

    Parameters
    ----------
    path : str, path or list of them
        A file; a folder (its supported files, not its subfolders); a glob pattern such as
        ``"corpus/*.csv"`` or ``"corpus/**/*.txt"``; or a list of any of these. Several files
        are concatenated; a ``doc_id`` used twice, in one file or across files, is an error
        naming both places. The formats are described in the module documentation. A
        corpus *store* (a folder with a ``manifest.json``, written by
        ``save_corpus(..., partition_by=...)``) is read as a whole; see Notes.
    columns : mapping, optional
        Rename the file's columns to the schema's: ``{"body": "text", "outlet": "source"}``.
        ``{"doc_id": None}`` asks for ids to be generated when the data has none: each row
        gets ``"<file stem>-<row>"`` (e.g. ``"guardian-17"`` for line 17 of
        ``guardian.csv``; ``"<folder>-<stem>-<row>"`` when files of the same name in
        different folders are loaded together), so an id always points back to its
        origin. Ids are never generated unless asked for; text files default to their
        file name. A mapping that would give two columns the same name, or data that
        already has a column name twice, is a :class:`CorpusError` naming the column.
    format : str, optional
        Read every file with this reader whatever its suffix: the name of a registered
        reader -- ``"csv"``, ``"tsv"``, ``"json"``, ``"jsonl"`` (or ``"ndjson"``),
        ``"parquet"``, ``"text"`` (or ``"txt"``, ``"md"``), or one added with
        :func:`toolkit.readers.register_reader` (see
        :func:`toolkit.readers.available_readers`).
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: the first problem stops loading with a :class:`CorpusError`. ``"skip"``:
        rows that cannot be loaded are left out and each is reported in
        ``df.attrs["skipped"]`` (a list of dicts with ``file``, ``row``, ``field``,
        ``reason``; ``pd.DataFrame(df.attrs["skipped"])`` shows it as a table), and a
        :class:`~toolkit.schema.CorpusWarning` gives the count. Problems that concern a whole
        file (missing columns, an encoding that cannot be found, a broken quote that
        swallows the rest of a CSV file, a file that is not text at all) always raise;
        empty files, and files that cannot be read at all (no permission, a folder, a
        broken link), are skipped and reported (``row`` None, the reason), and with
        ``"raise"`` the latter are a :class:`CorpusError` naming the file and the reason.
        JSON objects in which a key occurs twice are bad records. A stray quote that merges the following
        lines of a CSV/TSV file into one field is a problem of the record where it starts
        *and* of every line it swallowed: each of them is named (and, with ``"skip"``,
        reported in ``attrs["skipped"]``), and none of them is loaded.
    clean_html : bool, default False
        Remove HTML tags and entities from ``title`` and ``text``
        (:func:`toolkit.clean.strip_html`).
    encoding : str, optional
        The files' encoding. By default it is detected: UTF-8, a byte-order mark, or a
        guessed legacy encoding such as cp1251 or latin-1 (a :class:`CorpusWarning` names
        the guess; pass ``encoding=`` if the text looks wrong). See
        :func:`toolkit.clean.decode_bytes`. In a file in a single-byte legacy encoding
        (guessed or given), lines that are valid UTF-8 and read naturally only as UTF-8 are
        decoded as UTF-8, and a :class:`CorpusWarning` names the file and those lines
        (:func:`toolkit.clean.decode_mixed_lines`). Compressed or binary data in a text
        format (gzip without ``.gz`` in the name, an ``.xlsx`` workbook renamed ``.csv``)
        is a :class:`CorpusError` saying what the file is and what to do.
    date_format : str, optional
        A strict format for ``date``, e.g. ``"%d/%m/%Y"``. By default ISO 8601 and other
        common formats are recognised (the rules: :func:`toolkit.dates.parse_dates`).
    provenance : bool, default False
        Add the columns ``source_file`` (the file, as found from ``path``) and
        ``source_row`` (nullable integer: the line where the record starts for CSV/TSV and
        JSON Lines, the position for JSON and Parquet, missing for one-article-per-file
        formats such as text files), placed after the other data columns and before
        ``title_raw``/``text_raw``. It is an error if the data already has such a column
        (rename it with ``columns=``). Without it the columns are not added and the output
        is unchanged.
    sep : str, optional
        The delimiter of CSV/TSV files, one character such as ``";"`` or ``"|"``; by default
        ``","`` for CSV and a tab for TSV. Other formats ignore it. A CSV file whose header
        line is one column that another delimiter (``;``, tab, ``|``) would split is an
        error that names the delimiter and what to pass.
    defaults : mapping, optional
        Constant metadata for every article read, e.g. ``{"source": "Reuters",
        "language": "en"}`` (keys are corpus column names, after ``columns=``). A default
        fills a column only where it is absent, or where a value is missing (empty cell,
        ``null``, white space only); values present in the data are never replaced.
        ``{"date": None}`` adds an empty ``date`` column (undated articles, dates ``NaT``).
        ``doc_id`` and ``text`` cannot have defaults (a :class:`ValueError`).
    title : {None, "first_line"}, default None
        ``"first_line"``: in text files (``.txt``/``.md``) without a ``title:`` header line,
        the first line of the body is the title and the rest is the text -- for folders of
        plain files that start with their headline. Other formats ignore it.

    Returns
    -------
    pandas.DataFrame
        Required columns first (``doc_id``, ``source``, ``date``, ``title``, ``text``), then
        optional and extra columns, then ``title_raw``/``text_raw`` if cleaning changed
        anything (they hold the text as read). Text columns use the pandas string dtype; see
        :mod:`toolkit.schema` for how dates and time zones are handled. ``attrs["skipped"]``
        is always set (an empty list when nothing was skipped). Data without a ``title``
        column loads with every title ``""``; a :class:`~toolkit.schema.CorpusWarning`
        and ``attrs["notes"]`` say that titles were absent.

    Raises
    ------
    CorpusError
        With a message naming the file and, where it applies, the line/row and field.
    ValueError
        For an unknown ``format`` (the message lists the registered names), an unknown
        ``encoding``, a ``sep`` that is not one character, or a malformed ``columns``
        mapping.

    Notes
    -----
    Files that are not articles are skipped and reported, never an error (whatever
    ``errors`` says): in a folder, files of a format no reader knows (``codebook.pdf``,
    ``notes.docx``), and text files named like documentation (``README``, ``codebook``,
    ``LICENSE``, ``CHANGELOG``, ``notes`` ...) that have no article header. Each gets an
    ``attrs["skipped"]`` entry (``row`` and ``field`` None, ``reason`` starting with
    ``"not an article file"``) and a :class:`~toolkit.schema.CorpusWarning` names them.
    Boolean or numeric label columns with empty cells (``True``/``False``/empty) load
    as they are.

    Two checks flag, and never change, what they find, each with a
    :class:`~toolkit.schema.CorpusWarning`: dates before 1900 or more than a year after
    today (the rule: :mod:`toolkit.dates`), named by file, row and ``doc_id`` and listed in
    ``attrs["implausible_dates"]`` (dicts with ``file``, ``row``, ``doc_id``, ``date``);
    and outlet labels in ``source`` that differ only in case, spaces or punctuation
    (``"NYT"`` / ``"nyt "``; :func:`toolkit.outlets.unify_outlets` merges them).

    A store (:mod:`toolkit.store`) is read eagerly: every part file listed in its manifest,
    in manifest order, concatenated with a fresh ``RangeIndex`` -- exactly the rows, columns
    and dtypes that were saved (the same frame as
    ``toolkit.store.open_corpus(path).compute()``). Nothing is re-parsed or cleaned (the
    rows were checked when saved): the load-time checks only warn (implausible dates,
    outlet variants) and ``attrs["skipped"]`` is ``[]``. ``provenance=True`` adds
    ``source_file`` (the part file) and ``source_row`` (1 = its first row); ``errors`` is
    accepted; the options that shape parsing (``columns``, ``format``, ``clean_html``,
    ``encoding``, ``date_format``, ``sep``, ``defaults``, ``title``) are a
    :class:`ValueError` for a store. A store inside a list of paths is an error (load it
    on its own). Files not listed in the manifest are ignored.

    Files are only read, never modified. Columns may have any name, including names
    that look like the loader's own bookkeeping (``__nf_row__`` ...); they are kept.
    Integer values are never passed through float64 (which holds every integer only up
    to 2^53): in JSON, JSON Lines and Parquet, integer columns with missing values become
    nullable ``Int64`` columns, and integers beyond int64 (e.g. 30-digit ids) stay exact;
    ``doc_id`` becomes their exact text.

    Examples
    --------
    >>> from pathlib import Path
    >>> import toolkit
    >>> path = toolkit.data_dir() / "demo" / "articles.jsonl"
    >>> corpus = toolkit.load_corpus(path, provenance=True)
    >>> corpus.shape[0], list(corpus.columns[-2:])
    (101, ['source_file', 'source_row'])
    >>> Path(corpus["source_file"].iloc[0]).name, int(corpus["source_row"].iloc[0])
    ('articles.jsonl', 1)
    >>> corpus = toolkit.load_corpus("kaggle.csv", columns={"articles": "text", "journal": "source",
    ...                      "published": "date", "headlines": "title", "doc_id": None})
    ... # doctest: +SKIP
    """
    _check_errors_arg(errors)
    mapping = _check_mapping(columns)
    forced = get_reader(format) if format is not None else None
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    if not isinstance(provenance, bool):
        raise TypeError(f"provenance must be True or False, got {provenance!r}")
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1 or sep in "\"\r\n"):
        raise ValueError(f"sep must be one character such as ';' or '|', got {sep!r}")
    fixed = _check_defaults(defaults)
    if title not in (None, "first_line"):
        raise ValueError(f"title must be None or 'first_line', got {title!r}")
    if isinstance(path, (str, os.PathLike)) and is_store(path):
        given = {"columns": columns, "format": format, "clean_html": clean_html or None,
                 "encoding": encoding, "date_format": date_format, "sep": sep,
                 "defaults": defaults, "title": title}
        return _load_store(Path(path).expanduser(), provenance,
                           [name for name, value in given.items() if value is not None])
    unread: list[Path] = []
    files = _expand(path, forced, unread)
    ctx = ReadContext(errors=errors, encoding=encoding, columns=mapping, sep=sep,
                      defaults=fixed, title=title)
    ctx.not_articles += [issue(str(p), None, None, f"{NOT_ARTICLE} (no reader for "
                               f"{''.join(p.suffixes[-1:]) or 'files without a suffix'})")
                         for p in unread]
    frames: list[pd.DataFrame] = []
    # generated ids are "<stem>-<row>"; files with the same name in different folders
    # get their folder in front ("2022-guardian-17"), so every id still points home
    stems = [file_stem(p) for p, _ in files]
    clash = {st for st in stems if stems.count(st) > 1}
    id_prefix = {
        p: (f"{p.parent.name}-{st}" if st in clash else st)
        for (p, _), st in zip(files, stems, strict=True)
    }
    grouped: set[str] = set()
    for p, reader in files:
        if reader.per_file:  # one article per file: all files of the reader form one
            if reader.name not in grouped:  # table, placed where the first one is
                grouped.add(reader.name)
                members = [q for q, r in files if r.name == reader.name]
                frames.append(_load_per_file(reader, members, ctx, date_format))
            continue
        result = read_file(reader, p, ctx)
        if result is None:
            continue
        articles, rows = result
        if _is_empty(articles):
            ctx.fail(p, None, "the file is empty (no articles)")
            continue
        df = articles if isinstance(articles, pd.DataFrame) else pd.DataFrame.from_records(articles)
        df = _apply_defaults(_apply_columns(df, mapping, str(p), rows, id_prefix[p]), fixed)
        _require(df, str(p), reader)
        frames.append(prepare_frame(df, [str(p)] * len(df), rows, ctx.issues, date_format))
    if ctx.guessed:
        warnings.warn(
            f"not UTF-8, so the encoding was guessed: {', '.join(ctx.guessed)}. If the text "
            "looks wrong, pass encoding='...' to load_corpus.",
            CorpusWarning,
            stacklevel=2,
        )
    if ctx.recoded:
        warnings.warn(
            f"some lines are UTF-8 in files otherwise in a legacy encoding: "
            f"{'; '.join(ctx.recoded)}. They were decoded as UTF-8, not as the rest of the "
            "file; check those rows.",
            CorpusWarning,
            stacklevel=2,
        )
    if ctx.not_articles:
        names = ", ".join(Path(i["file"]).name for i in ctx.not_articles)
        warnings.warn(f"skipped {len(ctx.not_articles)} file(s) that are not article files: "
                      f"{names}; see df.attrs['skipped']", CorpusWarning, stacklevel=2)
    if not any(len(f) for f in frames) and not ctx.issues:
        raise CorpusError(f"{_describe(path)}: no articles found")
    frames = [_add_provenance(f) if provenance else _track(f) for f in frames]
    corpus = finish_frames(frames, ctx.issues, errors=errors, clean_html=clean_html)
    corpus.attrs["skipped"] = [*ctx.not_articles, *corpus.attrs["skipped"]]
    corpus = _hygiene(corpus, _describe(path), provenance)
    return _provenance_last(corpus) if provenance else corpus


def save_corpus(
    df: pd.DataFrame,
    path: PathLike,
    *,
    overwrite: bool = False,
    partition_by: str | Sequence[str] | None = None,
    append: bool = False,
) -> Path:
    """Save a corpus as a Parquet file, or as a partitioned store, that :func:`load_corpus`
    reads back exactly.

    Dtypes (string, categorical, nullable), time-zone-aware dates, the index and
    ``df.attrs`` survive the round trip (``pandas.read_parquet(path)`` gives an equal frame).
    The file is written to a new temporary file next to it first (a fresh name, never an
    existing file) and then moved into place, so an interrupted save never leaves a
    half-written file or destroys an existing one.

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus (it needs the required columns, each column name once, and unique
        ``doc_id`` values).
    path : str or path
        Where to write. ``.parquet`` is added when the name has no suffix; missing folders
        are created. With ``partition_by`` or ``append``: the store folder (new, empty,
        or an existing store to append to); no suffix is added.
    overwrite : bool, default False
        Replace an existing file. Without it an existing file is never touched. A folder
        is never replaced, not even with ``overwrite=True`` (nor a store: ``overwrite``
        cannot be combined with ``partition_by``/``append``).
    partition_by : str or list of str, optional
        Write a *store* instead of one file: ``path`` is a folder holding a partitioned
        Parquet data set, one folder level per key, and a ``manifest.json`` (see
        :mod:`toolkit.store`). Keys are corpus columns, plus ``"year_month"``: the
        article's month by the rule of :mod:`toolkit.periods` (``"YYYY-MM"``; ``"none"``
        without a date), e.g. ``partition_by=["source", "year_month"]``. The rows keep
        every column and dtype of ``df``; the index and ``attrs`` are not stored.
    append : bool, default False
        Add the new articles of ``df`` to the existing store at ``path`` (without
        ``partition_by`` the store's own keys are used). An article whose ``doc_id`` is
        already stored with identical content is skipped (a
        :class:`~toolkit.schema.CorpusWarning` gives the count; re-running an import adds
        nothing and touches no file); the same ``doc_id`` with different content is a
        :class:`CorpusError`. The columns and dtypes must match the store's.

    Returns
    -------
    pathlib.Path
        The path written (the store folder with ``partition_by``/``append``).

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False; for a store, if ``path`` is a
        non-empty folder and ``append`` is False, or a non-empty folder that is not a
        store (no ``manifest.json``) even with ``append=True``.
    IsADirectoryError
        If ``path`` is a folder (whatever ``overwrite`` says).
    NotADirectoryError
        If a folder on the way to ``path`` is a file.
    OSError
        If the file cannot be written (e.g. no permission); the message names ``path``.
    CorpusError
        If ``df`` is not a corpus or cannot be stored as Parquet; when appending, if its
        columns or dtypes differ from the store's (naming the column) or a stored
        ``doc_id`` comes with different content (naming it and its part file).
    ValueError
        For a file name that is not ``.parquet``, a bad ``partition_by``, or
        ``overwrite=True`` with a store.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = toolkit.save_corpus(corpus, Path(tmp.name) / "demo")   # adds .parquet
    >>> path.name
    'demo.parquet'
    >>> toolkit.load_corpus(path).equals(corpus)
    True
    >>> toolkit.save_corpus(corpus, path)   # never overwrites without overwrite=True
    Traceback (most recent call last):
    ...
    FileExistsError: ...

    A store, partitioned by outlet and month, and an idempotent append:

    >>> store = toolkit.save_corpus(corpus.iloc[:50], Path(tmp.name) / "store",
    ...                             partition_by=["source", "year_month"])
    >>> sorted(p.name for p in store.iterdir())
    ['data', 'manifest.json']
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")   # "50 article(s) ... were skipped"
    ...     store = toolkit.save_corpus(corpus, store, append=True)
    >>> toolkit.load_corpus(store).sort_values("doc_id", ignore_index=True).equals(
    ...     corpus.sort_values("doc_id", ignore_index=True))
    True
    >>> tmp.cleanup()
    """
    if partition_by is not None or append:
        if overwrite:
            raise ValueError("save_corpus: overwrite=True cannot be combined with partition_by= "
                             "or append=True: a store is never replaced (use append=True to "
                             "add to it, or write a new folder)")
        from .store import write_store

        return write_store(df, path, partition_by=partition_by, append=append)["path"]
    path = Path(path).expanduser()
    if not path.suffix:
        path = path.with_suffix(".parquet")
    elif path.suffix.lower() not in (".parquet", ".pq"):
        raise ValueError(f"save_corpus writes Parquet; give a name ending in .parquet, not {path.name!r}")
    require_columns(df, origin="save_corpus")
    check_unique_columns(df, "save_corpus")
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        raise CorpusError(f"save_corpus: doc_id values are not unique: {sorted(set(df.loc[dup, 'doc_id']))[:5]}")
    if path.is_dir():
        raise IsADirectoryError(
            f"save_corpus: {path} is a folder; save_corpus writes one file and never replaces a "
            f"folder (not even with overwrite=True). Give a file name, e.g. {path / 'corpus.parquet'}"
        )
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise FileExistsError(f"{path} already exists; pass overwrite=True to replace it")
    _make_parent(path)
    tmp: Path | None = None
    try:
        tmp, handle = _new_temporary(path)
        with handle:
            df.to_parquet(handle)
        os.replace(tmp, path)
    except (ValueError, TypeError, OverflowError, ImportError) as err:
        raise CorpusError(f"save_corpus: cannot store the corpus as Parquet: {err}") from err
    except OSError as err:  # name the user's path, not the temporary file
        raise _os_error(err, f"save_corpus: cannot write {path}") from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


# ------------------------------------------------------------------------------ helpers


def _load_store(path: Path, provenance: bool, options: list[str]) -> pd.DataFrame:
    """``load_corpus`` of a store: the saved rows as they are (see its Notes)."""
    if options:
        raise ValueError(
            f"load_corpus: {path} is a corpus store; {', '.join(options)} "
            "apply to reading files, not to a store (its rows are read exactly as saved)")
    corpus, manifest = _read_store(path)
    if provenance:
        clash = [c for c in PROVENANCE_COLUMNS if c in corpus.columns]
        if clash:
            raise CorpusError(f"{path}: provenance=True adds the column(s) "
                              f"{', '.join(map(repr, clash))}, but the store already has them;"
                              " load without provenance=True")
    files = [str(path / part["path"]) for part in manifest["parts"]
             for _ in range(part["n_articles"])]
    rows = [i for part in manifest["parts"] for i in range(1, part["n_articles"] + 1)]
    if provenance and len(corpus):
        corpus[PROVENANCE_COLUMNS[0]] = pd.array(files, dtype=TEXT_DTYPE)
        corpus[PROVENANCE_COLUMNS[1]] = pd.array(rows, dtype="Int64")
    corpus.attrs["skipped"] = []
    corpus = _warn_implausible(corpus, np.asarray(files, dtype=object),
                               np.asarray(rows, dtype=object), stacklevel=4)
    _warn_variants(corpus, str(path), stacklevel=4)
    return _provenance_last(corpus) if provenance else corpus


def _os_error(err: OSError, what: str) -> OSError:
    """An OSError of the same kind (errno) as ``err`` whose message starts with ``what``."""
    reason = err.strerror or str(err)
    return OSError(err.errno, f"{what}: {reason}") if err.errno else OSError(f"{what}: {reason}")


def _make_parent(path: Path) -> None:
    """Create the folders above ``path``; a file in the way is named, never replaced."""
    for folder in (path.parent, *path.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(
                    f"save_corpus: cannot write {path}: {folder} is a file, not a folder")
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot create the folder {path.parent} for {path}") from err


def _new_temporary(path: Path) -> tuple[Path, Any]:
    """A new, empty file next to ``path``, opened for writing (an existing file is never
    reused: the name is created exclusively)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return tmp, open(tmp, "xb")  # noqa: SIM115 - closed by the caller
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file next to {path}")


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


def _describe(path: Any) -> str:
    if isinstance(path, (list, tuple)):
        return ", ".join(map(str, path))
    return str(path)


def _is_empty(articles: pd.DataFrame | list[Any]) -> bool:
    return articles.empty if isinstance(articles, pd.DataFrame) else not articles


def _reader_of(p: Path, forced: Reader | None) -> Reader | None:
    return forced if forced is not None else reader_for(p)


def _broken_link(p: Path) -> bool:
    """A symbolic link whose target is missing (loaded so that reading it is reported)."""
    return p.is_symlink() and not p.exists()


def _check_defaults(defaults: Mapping[str, Any] | None) -> dict[str, Any]:
    if defaults is None:
        return {}
    if not isinstance(defaults, Mapping):
        raise TypeError("defaults must be a mapping such as {'source': 'Reuters', 'language': 'en'}")
    fixed = dict(defaults)
    for key in fixed:
        if not isinstance(key, str):
            raise TypeError(f"defaults= keys must be column names (str), got {key!r}")
        if key in ("doc_id", "text"):
            raise ValueError(f"defaults= cannot set {key!r}: every article needs its own {key}")
    return fixed


def _apply_defaults(df: pd.DataFrame, fixed: dict[str, Any]) -> pd.DataFrame:
    """Fill absent columns, and missing values of present ones, with ``defaults=``."""
    if not fixed or df.empty:
        return df
    df = df.copy()
    for col, value in fixed.items():
        if col not in df.columns:
            df[col] = pd.Series([value] * len(df), index=df.index, dtype=object)
            continue
        values = df[col]
        blank = values.map(lambda v: isinstance(v, str) and not v.strip()).astype(bool)
        gap = values.isna() | blank
        if gap.any() and value is not None:
            df[col] = values.astype(object).mask(gap, value)
    return df


def _expand(
    path: Any, forced: Reader | None, unread: list[Path] | None = None
) -> list[tuple[Path, Reader]]:
    items = list(path) if isinstance(path, (list, tuple)) else [path]
    if not items:
        raise CorpusError("load_corpus: no path given")
    found: dict[Path, Path] = {}
    for item in items:
        for p in _expand_one(item, forced, unread):
            found.setdefault(p.resolve(), p)
    out = []
    for p in found.values():
        reader = _reader_of(p, forced)
        if reader is None:
            exts, gz = _suffix_summary()
            raise CorpusError(
                f"{p}: cannot tell the format from the file name; supported suffixes: "
                f"{exts}{f' (and .gz for {gz})' if gz else ''}, or pass format='csv' (or "
                f"another registered format: {', '.join(_format_names())})."
            )
        out.append((p, reader))
    return out


def _expand_one(item: Any, forced: Reader | None, unread: list[Path] | None = None) -> list[Path]:
    if not isinstance(item, (str, os.PathLike)):
        raise TypeError(f"expected a path, got {type(item).__name__}")
    p = Path(item).expanduser()
    if p.is_file() or _broken_link(p):  # a broken link is reported when it is read
        return [p]
    if is_store(p):
        raise CorpusError(f"{p}: a corpus store cannot be loaded together with other paths; "
                          "load it on its own (load_corpus(store)) and concatenate the frames")
    if p.is_dir():
        try:
            listed = list(p.iterdir())
        except OSError as err:
            raise CorpusError(f"{p}: cannot list the folder ({_os_reason(err)})") from err
        files = sorted(
            x for x in listed
            if (x.is_file() or _broken_link(x)) and not x.name.startswith((".", "~$"))
            and _reader_of(x, forced)
        )
        if files:
            if unread is not None:  # files no reader knows (a codebook.pdf): reported
                unread += sorted(x for x in listed if x.is_file() and x not in files
                                 and not x.name.startswith((".", "~$")))
            return files
        others = sorted(x.name for x in listed if not x.name.startswith("."))
        exts, gz = _suffix_summary()
        msg = (f"{p}: the folder has no supported files ({exts}{f', or .gz of {gz}' if gz else ''})"
               f". Found: {', '.join(others[:8]) or 'nothing'}{' ...' if len(others) > 8 else ''}.")
        if any(_reader_of(x, forced) for x in p.rglob("*") if x.is_file()):
            msg += f" Subfolders have some: use a pattern such as '{p / '**' / '*.txt'}'."
        raise CorpusError(msg)
    text = os.path.expanduser(str(item))
    if any(ch in text for ch in "*?["):
        import glob

        matches = sorted(Path(m) for m in glob.glob(text, recursive=True)
                         if Path(m).is_file() or _broken_link(Path(m)))
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


def _load_per_file(
    reader: Reader, paths: list[Path], ctx: ReadContext, date_format: str | None
) -> pd.DataFrame:
    """Read the files of a one-article-per-file reader into one prepared frame."""
    parts: list[pd.DataFrame | list[dict[str, Any]]] = []
    files: list[str] = []
    rows: list[Any] = []
    for p in paths:
        result = read_file(reader, p, ctx)
        if result is None:
            continue
        articles, labels = result
        if _is_empty(articles):
            ctx.fail(p, None, "the file is empty (no articles)")
            continue
        parts.append(articles)
        files += [str(p)] * len(articles)
        rows += labels
    if all(isinstance(a, list) for a in parts):
        df = pd.DataFrame.from_records([rec for a in parts for rec in a]) if parts else pd.DataFrame()
    else:
        df = pd.concat([a if isinstance(a, pd.DataFrame) else pd.DataFrame.from_records(a)
                        for a in parts], ignore_index=True)
    if df.empty:
        return df
    kept = {k: v for k, v in ctx.columns.items() if v is not None}  # ids: the readers' own
    df = _apply_defaults(_apply_columns(df, kept, f"{reader.name} files", None, ""), ctx.defaults)
    parents = {str(Path(f).parent) for f in files}
    origin = (f"{parents.pop()} ({reader.name} files)" if len(parents) == 1
              else f"the {reader.name} files")
    _require(df, origin, reader)
    return prepare_frame(df, files, rows, ctx.issues, date_format)


def _require(df: pd.DataFrame, origin: str, reader: Reader) -> None:
    """The required columns, with the reader's own message when it has one."""
    if reader.missing_message is None:
        require_columns(df, LOAD_REQUIRED_COLUMNS, origin=origin)
        return
    missing = [c for c in LOAD_REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise CorpusError(reader.missing_message.format(
            origin=origin, missing=", ".join(map(repr, missing)),
            found=", ".join(map(repr, df.columns)),
        ))


def _add_provenance(df: pd.DataFrame) -> pd.DataFrame:
    """Copy the loader's bookkeeping of file and row into public columns."""
    if not len(df):
        return df
    clash = [c for c in PROVENANCE_COLUMNS if c in df.columns]
    if clash:
        raise CorpusError(
            f"{df[FILE_COL].iat[0]}: provenance=True adds the column(s) "
            f"{', '.join(map(repr, clash))}, but the data already has them; rename them with "
            f"columns= (e.g. columns={{{clash[0]!r}: 'original_{clash[0]}'}}) or load without "
            "provenance=True"
        )
    df = df.copy()
    df[PROVENANCE_COLUMNS[0]] = df[FILE_COL]
    rows = df[ROW_COL].tolist()
    try:
        df[PROVENANCE_COLUMNS[1]] = pd.array(rows, dtype="Int64")
    except (TypeError, ValueError):  # a reader with non-numeric row labels
        df[PROVENANCE_COLUMNS[1]] = pd.array(rows, dtype=object)
    return df


def _track(df: pd.DataFrame) -> pd.DataFrame:
    """Keep file and row of every article through finish_frames (for :func:`_hygiene`)."""
    if not len(df):
        return df
    return df.assign(**{_TRACK[0]: df[FILE_COL], _TRACK[1]: df[ROW_COL]})


def _hygiene(corpus: pd.DataFrame, origin: str, provenance: bool) -> pd.DataFrame:
    """Load-time checks that flag, never change: implausible dates
    (:func:`toolkit.dates._warn_implausible`) and outlet labels spelled in several ways
    (:func:`toolkit.outlets._warn_variants`)."""
    cols = PROVENANCE_COLUMNS if provenance else _TRACK
    files = corpus[cols[0]].to_numpy(dtype=object) if cols[0] in corpus.columns else None
    rows = corpus[cols[1]].to_numpy(dtype=object) if cols[1] in corpus.columns else None
    if not provenance:
        corpus = corpus.drop(columns=[c for c in _TRACK if c in corpus.columns])
    corpus = _warn_implausible(corpus, files, rows, stacklevel=4)
    _warn_variants(corpus, origin, stacklevel=4)
    return corpus


def _provenance_last(df: pd.DataFrame) -> pd.DataFrame:
    """Provenance columns after the data columns, before ``title_raw``/``text_raw``."""
    raw = [c for c in df.columns if c in _RAW_COLUMNS]
    rest = [c for c in df.columns if c not in PROVENANCE_COLUMNS and c not in raw]
    order = [*rest, *(c for c in PROVENANCE_COLUMNS if c in df.columns), *raw]
    if order == list(df.columns):
        return df
    out = df[order]
    out.attrs = dict(df.attrs)
    return out


def _apply_columns(
    df: pd.DataFrame, mapping: dict[str, str | None], origin: str, rows: list[Any] | None, stem: str
) -> pd.DataFrame:
    """Rename with ``columns=`` and generate ``doc_id`` when asked to (never making two
    columns of one name: a name the data already has twice is an error too)."""
    check_unique_columns(df, origin)
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
