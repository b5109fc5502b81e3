"""A corpus store: a partitioned Parquet data set with a small manifest.

``save_corpus(corpus, "store/", partition_by=["source", "year_month"])`` writes one folder::

    store/manifest.json
    store/data/source=Kyiv%20Post/year_month=2022-03/part-1f0c2a9be4d7c3a1.parquet
    ...

Every data file holds complete corpus rows: every column of the corpus with its dtype,
the partition columns included (the derived key ``year_month`` is *not* a column of the
rows; it is only in the folder name and the manifest). The file name carries the first 16
hex digits of the part's content hash.

**Partition keys.** ``partition_by`` names corpus columns, plus the derived key
``"year_month"``: the month of the article's date by the one period rule of
:mod:`toolkit.periods` (the outlet's local wall-clock date; ``"YYYY-MM"``), ``"none"`` for a
missing date. If the corpus itself has a column named ``year_month``, that column is used.

**Folder names.** A value becomes ``<column>=<value>`` with every character other than an
ASCII letter, digit, ``-`` or ``_`` percent-encoded (UTF-8), so any value -- ``"a/b"``,
``".."``, ``""``, ``"Київ"`` -- is a safe, reversible folder name (:func:`decode_value`);
a missing value is written ``~missing``, and a value whose encoding is longer than 120
characters is shortened and ends in ``~`` and a hash of the value. The folder names are for
people; the manifest holds the exact values, and readers go by the manifest only.

**The manifest** (``manifest.json``)::

    {"format": "newsframes-store", "schema_version": 1,
     "partition_by": ["source", "year_month"],
     "columns": {"doc_id": "str", "date": "datetime64[us]", ...},
     "n_articles": 101, "languages": {"en": 101},
     "parts": [{"path": "data/source=.../part-....parquet",
                "partition": {"source": "Kyiv Post", "year_month": "2022-03"},
                "n_articles": 7, "bytes": 18234, "sha256": "...", "content_hash": "..."}],
     "appends": [{"added": 101, "skipped": 0}]}

``languages`` counts the ``language`` column (``{}`` without one; a missing language is
counted under ``"none"``). Parts are listed sorted by their partition values, then in the
order they were appended. ``sha256`` is the hash of the file's bytes (checked by
:func:`verify_store`), ``content_hash`` the hash of the part's rows (each row hashed over
all its fields, see below).

**Writing safely.** Every data file is written under a temporary name and then renamed;
the manifest is written last, the same way. A store is only what its manifest lists:
files left by an interrupted write are ignored by every reader. Nothing is overwritten.
Each data file is synced to disk before it is renamed, and the store's folders before the
manifest is written. One writer at a time: a write holds the lock file ``.lock`` in the
store folder (created exclusively, removed when the write ends; readers ignore it); a write
that finds it is an error naming it (delete a lock left by a killed write).

**Appending** (``save_corpus(new, "store/", append=True)``) adds only new articles. The
identity of an article is its ``doc_id``; its content is the hash of all its fields. A row
whose ``doc_id`` is already stored with the same content is skipped (a
:class:`~toolkit.schema.CorpusWarning` gives the count, and the manifest's ``appends``
record says how many were added and skipped); the same ``doc_id`` with *different* content
is a :class:`~toolkit.schema.CorpusError` naming the ``doc_id`` and the part file that
holds it. Re-running an import therefore adds nothing and touches no file (not even the
manifest) when every article is already stored.

**Reading.** :func:`toolkit.io.load_corpus` reads a store eagerly; :func:`open_corpus`
returns a lazy dask DataFrame, one partition per part file, without reading any text.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import string
import sys
import urllib.parse
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .schema import CorpusError, CorpusWarning, check_unique_columns, require_columns

__all__ = [
    "MANIFEST", "SCHEMA_VERSION", "STORE_FORMAT", "YEAR_MONTH", "decode_value", "is_store", "open_corpus",
    "read_manifest", "read_store", "store_partitions", "verify_store", "write_store",
]

PathLike = str | os.PathLike
#: Name of the manifest file in a store folder.
MANIFEST = "manifest.json"
#: The ``format`` entry of every manifest.
STORE_FORMAT = "newsframes-store"
#: The manifest layout written by this version.
SCHEMA_VERSION = 1
#: The derived partition key: the article's month (``"YYYY-MM"``, ``"none"`` if undated).
YEAR_MONTH = "year_month"
_DATA = "data"
#: The lock file a writer holds for the whole write (readers ignore it).
_LOCK = ".lock"
_MISSING = "~missing"
_SAFE = frozenset(string.ascii_letters + string.digits + "-_")
_MAX_SEGMENT = 120


# ----------------------------------------------------------------------------- reading


def is_store(path: PathLike) -> bool:
    """Whether ``path`` is a corpus store (a folder with a ``manifest.json`` file).

    Parameters
    ----------
    path : str or path
        A folder (anything else gives False).

    Returns
    -------
    bool
        True if the folder has a manifest (its content is checked by :func:`read_manifest`).

    Raises
    ------
    TypeError
        If ``path`` is not a str or path.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.store import is_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     is_store(tmp)
    False
    """
    p = Path(path).expanduser()
    return p.is_dir() and (p / MANIFEST).is_file()


def read_manifest(path: PathLike) -> dict[str, Any]:
    """Read and check the manifest of a store.

    Parameters
    ----------
    path : str or path
        The store folder (or its ``manifest.json``).

    Returns
    -------
    dict
        The manifest (see the module documentation for its entries).

    Raises
    ------
    FileNotFoundError
        If the folder or its manifest does not exist (the message names it).
    CorpusError
        If the manifest is not valid JSON, not a newsframes store manifest, or of a newer
        ``schema_version``; the message names the file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import read_manifest
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = toolkit.save_corpus(toolkit.load_demo(), Path(tmp) / "store",
    ...                                 partition_by="source")
    ...     manifest = read_manifest(store)
    >>> manifest["format"], manifest["n_articles"], manifest["partition_by"]
    ('newsframes-store', 101, ['source'])
    """
    p = Path(path).expanduser()
    folder = p.parent if p.name == MANIFEST and p.is_file() else p
    file = folder / MANIFEST
    if not folder.exists():
        raise FileNotFoundError(f"{folder}: no such corpus store (the folder does not exist)")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a corpus store (a store is a folder with {MANIFEST})")
    if not file.is_file():
        raise FileNotFoundError(
            f"{folder}: not a corpus store: it has no {MANIFEST} (stores are written by "
            "save_corpus(corpus, folder, partition_by=...))")
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise CorpusError(f"{file}: cannot read the store manifest: {err}") from err
    if not isinstance(manifest, dict) or manifest.get("format") != STORE_FORMAT:
        raise CorpusError(f"{file}: not a newsframes store manifest (no \"format\": "
                          f"\"{STORE_FORMAT}\")")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION or version < 1:
        raise CorpusError(f"{file}: store schema_version {version!r} is not supported by this "
                          f"version of newsframes (it reads version {SCHEMA_VERSION}); "
                          "update newsframes")
    for key, kind in (("partition_by", list), ("columns", dict), ("parts", list),
                      ("n_articles", int)):
        if not isinstance(manifest.get(key), kind):
            raise CorpusError(f"{file}: the manifest entry {key!r} is missing or not a "
                              f"{kind.__name__}")
    for i, part in enumerate(manifest["parts"], start=1):
        if not isinstance(part, dict) or not isinstance(part.get("path"), str) or \
                not isinstance(part.get("n_articles"), int):
            raise CorpusError(f"{file}: part {i} of the manifest has no valid 'path' and "
                              "'n_articles'")
        rel = Path(part["path"])
        if rel.is_absolute() or ".." in rel.parts:
            raise CorpusError(f"{file}: part {i} has a path outside the store: {part['path']!r}")
    return manifest


def store_partitions(path: PathLike) -> pd.DataFrame:
    """The parts of a store, for planning work: one row per part file, in manifest order.

    Parameters
    ----------
    path : str or path
        The store folder.

    Returns
    -------
    pandas.DataFrame
        One column per partition key (the exact values; missing values are ``None``),
        then ``n_articles`` and ``path`` (relative to the store, POSIX style). Row ``i``
        is partition ``i`` of :func:`open_corpus`.

    Raises
    ------
    FileNotFoundError, CorpusError
        As :func:`read_manifest`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import store_partitions
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = toolkit.save_corpus(toolkit.load_demo(), Path(tmp) / "store",
    ...                                 partition_by=["source", "year_month"])
    ...     table = store_partitions(store)
    >>> list(table.columns)
    ['source', 'year_month', 'n_articles', 'path']
    >>> int(table["n_articles"].sum())
    101
    """
    manifest = read_manifest(path)
    keys = list(manifest["partition_by"])
    rows = [{**{k: part.get("partition", {}).get(k) for k in keys},
             "n_articles": part["n_articles"], "path": part["path"]}
            for part in manifest["parts"]]
    table = pd.DataFrame(rows, columns=[*keys, "n_articles", "path"])
    table["n_articles"] = table["n_articles"].astype("int64")
    return table


def verify_store(path: PathLike) -> pd.DataFrame:
    """Check the file of every part against the SHA-256 checksum in the manifest.

    Parameters
    ----------
    path : str or path
        The store folder.

    Returns
    -------
    pandas.DataFrame
        One row per part, in manifest order: ``path`` (relative), ``expected`` (the
        manifest's sha256), ``actual`` (the file's; missing (NaN) if the file is
        missing or unreadable) and ``ok`` (bool). ``table["ok"].all()`` says the store is intact.

    Raises
    ------
    FileNotFoundError, CorpusError
        As :func:`read_manifest`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import verify_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = toolkit.save_corpus(toolkit.load_demo(), Path(tmp) / "store",
    ...                                 partition_by="source")
    ...     bool(verify_store(store)["ok"].all())
    True
    """
    folder = Path(path).expanduser()
    manifest = read_manifest(folder)
    rows = []
    for part in manifest["parts"]:
        try:
            actual: str | None = _file_sha256(folder / part["path"])
        except OSError:
            actual = None
        expected = part.get("sha256")
        rows.append({"path": part["path"], "expected": expected, "actual": actual,
                     "ok": actual is not None and actual == expected})
    return pd.DataFrame(rows, columns=["path", "expected", "actual", "ok"]).astype({"ok": bool})


def read_store(path: PathLike) -> pd.DataFrame:
    """Read a whole store eagerly (what :func:`toolkit.io.load_corpus` does for a store).

    Parameters
    ----------
    path : str or path
        The store folder.

    Returns
    -------
    pandas.DataFrame
        Every part in manifest order, concatenated, with a fresh ``RangeIndex``: exactly
        the rows, columns and dtypes that were saved (the index and ``attrs`` of the saved
        corpus are not stored).

    Raises
    ------
    FileNotFoundError
        If the folder, its manifest or a part file listed in it is missing (named).
    CorpusError
        If the manifest is invalid, a part file does not match the manifest (its size or
        row count).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import read_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = toolkit.save_corpus(toolkit.load_demo(), Path(tmp) / "store",
    ...                                 partition_by="source")
    ...     read_store(store).shape
    (101, 11)
    """
    return _read_store(Path(path).expanduser())[0]


def _read_store(folder: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """:func:`read_store`, with the manifest it read (read once)."""
    manifest = read_manifest(folder)
    cols = _check_columns(manifest, None, folder)
    frames = [_read_part(folder, part, cols) for part in manifest["parts"]]
    if not frames:
        return _empty_frame(manifest, cols), manifest
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out = out.reset_index(drop=True)
    out.attrs = {}
    return out, manifest


def open_corpus(path: PathLike) -> Any:
    """Open a store lazily as a dask DataFrame, without reading any article text.

    Only the manifest and the Parquet footer (schema) of one part file are read; the rows
    are read when the result is computed, one part file per dask partition.

    Parameters
    ----------
    path : str or path
        The store folder (written by ``save_corpus(..., partition_by=...)``).

    Returns
    -------
    dask.dataframe.DataFrame
        One partition per part file, in manifest order (so partitions differ in size;
        :func:`store_partitions` lists them). The dtypes are the saved ones (``str``,
        ``datetime64[us]``, zone-aware dates ...). The index is the row's position in
        the whole store (partition ``i`` holds the integer labels after those of the parts
        before it) and the divisions are known, so ``.compute()`` equals
        ``load_corpus(path)`` exactly, index included (a ``RangeIndex`` from 0).

    Raises
    ------
    FileNotFoundError
        If the folder or its manifest does not exist (the message names it).
    CorpusError
        If the manifest is invalid.
    ImportError
        If dask is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import open_corpus, store_partitions
    >>> tmp = tempfile.TemporaryDirectory()
    >>> corpus = toolkit.load_demo()
    >>> store = toolkit.save_corpus(corpus, Path(tmp.name) / "store", partition_by="source")
    >>> lazy = open_corpus(store)
    >>> lazy.npartitions == len(store_partitions(store))
    True
    >>> lazy.compute().equals(toolkit.load_corpus(store))
    True
    >>> int(lazy["source"].count().compute())   # reads only the source column
    101
    >>> tmp.cleanup()
    """
    folder = Path(path).expanduser()
    manifest = read_manifest(folder)
    cols = _check_columns(manifest, None, folder)
    import dask
    import dask.dataframe as dd

    parts = manifest["parts"]
    meta = _meta(folder, manifest, cols)
    if not parts:
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_pandas(meta, npartitions=1)
    starts = np.cumsum([0, *(p["n_articles"] for p in parts)]).tolist()
    items = [(part, start) for part, start in zip(parts, starts, strict=False)]
    divisions = (*starts[:-1], max(starts[-1] - 1, starts[-2]))
    # keep the saved dtypes: no conversion to dask's own pyarrow string dtype
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(_PartReader(str(folder.resolve()), cols), items, meta=meta,
                           divisions=divisions, enforce_metadata=False)


class _PartReader:
    """Reads one part file for :func:`open_corpus`; dask passes ``columns=`` to read fewer
    columns (column projection)."""

    def __init__(self, folder: str, columns: list[str]) -> None:
        self.folder = folder
        self.stored = list(columns)

    def __call__(self, item: tuple[dict[str, Any], int],
                 columns: Sequence[str] | str | None = None) -> pd.DataFrame:
        part, start = item
        if columns is None:
            wanted = self.stored
        else:
            wanted = [columns] if isinstance(columns, str) else list(columns)
        df = _read_part(Path(self.folder), part, wanted)
        df.index = pd.RangeIndex(start, start + len(df))
        return df


def _read_part(folder: Path, part: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    """Read one part file, checking it against the manifest."""
    import pyarrow.parquet as pq

    file = folder / part["path"]
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise FileNotFoundError(f"{file}: a part file listed in {folder / MANIFEST} is missing; "
                                "the store is incomplete (toolkit.store.verify_store lists "
                                "every part)") from None
    if isinstance(part.get("bytes"), int) and size != part["bytes"]:
        raise CorpusError(f"{file}: the file has {size} bytes, the manifest says "
                          f"{part['bytes']}; it was changed after it was written (run "
                          "toolkit.store.verify_store)")
    try:
        df = pq.read_table(file, columns=columns).to_pandas()
    except (OSError, ValueError) as err:
        raise CorpusError(f"{file}: cannot read the part file: {err}") from err
    if len(df) != part["n_articles"]:
        raise CorpusError(f"{file}: {len(df)} rows, the manifest says {part['n_articles']}")
    df = df.reset_index(drop=True)
    df.attrs = {}
    return df


def _check_columns(manifest: dict[str, Any], columns: Sequence[str] | None,
                   folder: Path) -> list[str]:
    stored = list(manifest["columns"])
    if columns is None:
        return stored
    if isinstance(columns, str):
        columns = [columns]
    cols = list(columns)
    unknown = [c for c in cols if c not in manifest["columns"]]
    if unknown:
        raise CorpusError(f"{folder}: the store has no column(s) {', '.join(map(repr, unknown))};"
                          f" its columns: {', '.join(map(repr, stored))}")
    if len(set(cols)) != len(cols):
        raise ValueError(f"columns= names a column twice: {cols}")
    return cols


def _meta(folder: Path, manifest: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    """An empty frame with the stored dtypes (from one part file's Parquet footer)."""
    import pyarrow.parquet as pq

    parts = manifest["parts"]
    if not parts:
        return _empty_frame(manifest, columns)
    file = folder / parts[0]["path"]
    try:
        schema = pq.read_schema(file)
    except FileNotFoundError:
        raise FileNotFoundError(f"{file}: a part file listed in {folder / MANIFEST} is "
                                "missing; the store is incomplete") from None
    except (OSError, ValueError) as err:
        raise CorpusError(f"{file}: cannot read the part file's schema: {err}") from err
    meta = schema.empty_table().to_pandas()
    return meta[columns].reset_index(drop=True)


def _empty_frame(manifest: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    for col in columns:
        try:
            out[col] = out[col].astype(manifest["columns"][col])
        except (TypeError, ValueError):
            pass  # a dtype that cannot be rebuilt from its name stays object
    return out


# ----------------------------------------------------------------------------- writing


def write_store(
    df: pd.DataFrame,
    path: PathLike,
    *,
    partition_by: str | Sequence[str] | None = None,
    append: bool = False,
) -> dict[str, Any]:
    """Write a corpus as a partitioned Parquet store, or add its new articles to one.

    :func:`toolkit.io.save_corpus` calls this when given ``partition_by`` (or
    ``append=True``); the rules are in the module documentation.

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus (the required columns, each column name once, unique ``doc_id`` values).
    path : str or path
        The store folder. It is created if missing; an existing empty folder is used.
    partition_by : str or sequence of str, optional
        The corpus columns (and/or the derived ``"year_month"``) whose values make the
        folders. Required for a new store; when appending it may be omitted (the store's
        own is used) and otherwise must equal the store's.
    append : bool, default False
        Add the articles of ``df`` that are not yet in the existing store at ``path``.

    Returns
    -------
    dict
        ``{"path": Path of the store, "added": articles written, "skipped": articles
        already stored with identical content, "parts": relative paths of the new part
        files}``.

    Raises
    ------
    FileExistsError
        If ``path`` is a non-empty folder and ``append`` is False, or a non-empty folder
        that is not a store (no manifest; whatever ``append`` says), or a file.
    CorpusError
        If ``df`` is not a corpus, has repeated ``doc_id`` values, does not match the
        store's columns and dtypes (naming the column), or has an article whose
        ``doc_id`` is stored with different content (naming the ``doc_id`` and the part
        file); if a ``category`` column's categories (or ordered flag) differ from the
        store's; if the store is locked by another write (its ``.lock`` file), or if it
        changed while writing.
    ValueError
        For a bad ``partition_by``.
    OSError
        If a file cannot be written (the message names it).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import toolkit
    >>> from toolkit.store import write_store
    >>> corpus = toolkit.load_demo()
    >>> tmp = tempfile.TemporaryDirectory()
    >>> store = Path(tmp.name) / "store"
    >>> info = write_store(corpus.iloc[:60], store, partition_by=["source", "year_month"])
    >>> info["added"], info["skipped"]
    (60, 0)
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     info = write_store(corpus, store, append=True)   # only the 41 new articles
    >>> info["added"], info["skipped"]
    (41, 60)
    >>> tmp.cleanup()
    """
    folder = Path(path).expanduser()
    if not isinstance(append, bool):
        raise TypeError(f"append must be True or False, got {append!r}")
    require_columns(df, origin="save_corpus")
    check_unique_columns(df, "save_corpus")
    bad_names = [c for c in df.columns if not isinstance(c, str)]
    if bad_names:
        raise CorpusError(f"save_corpus: a store needs text column names; rename "
                          f"{', '.join(map(repr, bad_names))}")
    ids = df["doc_id"]
    if ids.isna().any():
        rows = [int(i) for i in np.flatnonzero(ids.isna().to_numpy())[:5] + 1]
        raise CorpusError(f"save_corpus: doc_id is missing in row(s) {rows} (1 = first); "
                          "every article of a store needs a doc_id")
    dup = ids.duplicated(keep=False)
    if dup.any():
        raise CorpusError(f"save_corpus: doc_id values are not unique: "
                          f"{sorted(set(map(str, ids[dup])))[:5]}")

    _existing_store(folder, append)  # refuse a bad folder before creating anything
    existed = folder.exists()
    if not existed:
        _make_folder(folder)
    try:
        _take_lock(folder)
        try:
            return _write_locked(df, folder, partition_by, append)
        finally:
            _release_lock(folder)
    except BaseException:
        if not existed:
            _remove_empty_folders(folder)
        raise


def _write_locked(df: pd.DataFrame, folder: Path, partition_by: Any,
                  append: bool) -> dict[str, Any]:
    """:func:`write_store` once the store's lock is held."""
    manifest, manifest_bytes = _existing_store(folder, append)
    if manifest is None:
        keys = _check_partition_by(partition_by, df)
        columns = {c: str(df[c].dtype) for c in df.columns}
    else:
        stored = list(manifest["partition_by"])
        keys = stored if partition_by is None else _check_partition_by(partition_by, df)
        if keys != stored:
            raise ValueError(f"{folder}: the store is partitioned by {stored}, not {keys}; "
                             f"append with partition_by={stored!r} (or leave it out)")
        columns = dict(manifest["columns"])
        df = _match_schema(df, columns, folder)
        _match_categories(df, manifest, folder)
    frame = df.reset_index(drop=True)
    row_hashes = _row_hashes(frame, list(columns))

    skipped = 0
    if manifest is not None and len(frame):
        keep = _new_rows(folder, manifest, frame, row_hashes, list(columns))
        skipped = int((~keep).sum())
        frame = frame[keep].reset_index(drop=True)
        row_hashes = [h for h, k in zip(row_hashes, keep, strict=True) if k]

    if manifest is not None and not len(frame):
        if skipped:
            _warn_skipped(folder, 0, skipped)
        return {"path": folder, "added": 0, "skipped": skipped, "parts": []}

    new_parts = _group_parts(frame, keys, row_hashes)
    created: list[Path] = []
    entries: list[dict[str, Any]] = []
    try:
        for values, rows, content_hash in new_parts:
            entries.append(_write_part(folder, keys, values, frame.iloc[rows], content_hash,
                                       created))
        old_parts = [] if manifest is None else list(manifest["parts"])
        old_appends = [] if manifest is None else list(manifest.get("appends", []))
        parts = _sorted_parts([*old_parts, *entries], keys)
        languages = _languages(frame)
        if manifest is not None:
            for code, n in manifest.get("languages", {}).items():
                languages[code] = languages.get(code, 0) + int(n)
        new_manifest = {
            "format": STORE_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "partition_by": keys,
            "columns": columns,
            "n_articles": sum(int(p["n_articles"]) for p in parts),
            "languages": dict(sorted(languages.items())) if "language" in columns else {},
            "parts": parts,
            "appends": [*old_appends, {"added": len(frame), "skipped": skipped}],
        }
        _sync_folders(folder, [Path(e["path"]).parent for e in entries])
        _write_manifest(folder, new_manifest, manifest_bytes)
    except BaseException:
        for file in created:  # only files this call created; the manifest never saw them
            file.unlink(missing_ok=True)
        _remove_empty_folders(folder / _DATA)
        raise
    if skipped:
        _warn_skipped(folder, len(frame), skipped)
    return {"path": folder, "added": len(frame), "skipped": skipped,
            "parts": [e["path"] for e in entries]}


def decode_value(segment: str) -> str | None:
    """The partition value of a folder name part (``"Kyiv%20Post"`` -> ``"Kyiv Post"``).

    Parameters
    ----------
    segment : str
        The text after ``=`` in a folder name of a store.

    Returns
    -------
    str or None
        The value; None for a missing value (``~missing``).

    Raises
    ------
    ValueError
        For a shortened (hashed) long value: look it up in the manifest instead.

    Examples
    --------
    >>> from toolkit.store import decode_value
    >>> decode_value("Kyiv%20Post"), decode_value("%2E%2E"), decode_value(""), decode_value("~missing")
    ('Kyiv Post', '..', '', None)
    """
    if segment == _MISSING:
        return None
    if "~" in segment:
        raise ValueError(f"{segment!r} is a shortened long value; the manifest holds it")
    return urllib.parse.unquote(segment, errors="strict")


def _encode_value(value: Any) -> str:
    if value is None:
        return _MISSING
    text = str(value)
    out = "".join(ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
                  for ch in text)
    if len(out) > _MAX_SEGMENT:
        cut = out[:80]
        if "%" in cut[-2:]:
            cut = cut[: cut.rindex("%")]
        out = f"{cut}~{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
    return out


def _existing_store(folder: Path, append: bool) -> tuple[dict[str, Any] | None, bytes | None]:
    """The store's manifest (None for a new store), after the rules about existing folders."""
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"save_corpus: {folder} is a file; a store is a folder. Give "
                              "the name of a new folder (never a file to replace)")
    if not folder.exists():
        return None, None
    if (folder / MANIFEST).is_file():
        if not append:
            raise FileExistsError(f"save_corpus: {folder} is already a corpus store; pass "
                                  "append=True to add to a store (a store is never replaced)")
        raw = (folder / MANIFEST).read_bytes()
        return read_manifest(folder), raw
    try:
        entries = [x.name for x in folder.iterdir() if x.name != _LOCK]
    except OSError as err:
        raise OSError(err.errno, f"save_corpus: cannot list the folder {folder}: "
                                 f"{err.strerror or err}") from err
    if entries:
        listed = ", ".join(sorted(entries)[:5]) + (" ..." if len(entries) > 5 else "")
        raise FileExistsError(
            f"save_corpus: {folder} is a folder that is not empty and not a corpus store "
            f"(no {MANIFEST}; it has {listed}); give a new or empty folder"
            + (" (append=True only adds to an existing store)" if append else
               "; pass append=True to add to a store"))
    return None, None


def _check_partition_by(partition_by: Any, df: pd.DataFrame) -> list[str]:
    if partition_by is None:
        raise ValueError("save_corpus: a new store needs partition_by=, e.g. "
                         "partition_by=['source', 'year_month']")
    keys = [partition_by] if isinstance(partition_by, str) else partition_by
    if not isinstance(keys, Sequence) or not all(isinstance(k, str) for k in keys):
        raise ValueError(f"partition_by must be a column name or a list of them, got "
                         f"{partition_by!r}")
    keys = list(keys)
    if not keys:
        raise ValueError("partition_by must name at least one column (e.g. 'source')")
    if len(set(keys)) != len(keys):
        raise ValueError(f"partition_by names a column twice: {keys}")
    unknown = [k for k in keys if k not in df.columns and k != YEAR_MONTH]
    if unknown:
        raise CorpusError(f"save_corpus: partition_by names {', '.join(map(repr, unknown))}, "
                          f"not a column of the corpus nor {YEAR_MONTH!r}; columns: "
                          f"{', '.join(map(repr, df.columns))}")
    return keys


def _match_schema(df: pd.DataFrame, columns: dict[str, str], folder: Path) -> pd.DataFrame:
    """The corpus with the store's column order; an error naming any column that differs."""
    missing = [c for c in columns if c not in df.columns]
    extra = [c for c in df.columns if c not in columns]
    if missing or extra:
        what = []
        if missing:
            what.append(f"lacks the store's column(s) {', '.join(map(repr, missing))}")
        if extra:
            what.append(f"has column(s) the store does not have: {', '.join(map(repr, extra))}")
        raise CorpusError(f"save_corpus: cannot append to {folder}: the corpus "
                          f"{' and '.join(what)}. A store keeps one set of columns; add or "
                          "drop columns to match it")
    for col, dtype in columns.items():
        if str(df[col].dtype) != dtype:
            raise CorpusError(f"save_corpus: cannot append to {folder}: column {col!r} is "
                              f"{df[col].dtype}, the store's is {dtype}; convert it first "
                              f"(e.g. df[{col!r}].astype({dtype!r}))")
    return df[list(columns)] if list(df.columns) != list(columns) else df


def _match_categories(df: pd.DataFrame, manifest: dict[str, Any], folder: Path) -> None:
    """A ``category`` column must have the store's categories and order flag (those of its
    first part file; every part of a store has them): parts with other categories would
    read back differently eagerly (concatenated as plain values) and lazily (the first
    part's categories)."""
    import pyarrow.parquet as pq

    cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    if not cats or not manifest["parts"]:
        return
    file = folder / manifest["parts"][0]["path"]
    try:
        stored = pq.read_table(file, columns=cats).to_pandas()
    except FileNotFoundError:
        raise FileNotFoundError(f"{file}: a part file listed in {folder / MANIFEST} is "
                                "missing; cannot check the store before appending") from None
    except (OSError, ValueError) as err:
        raise CorpusError(f"{file}: cannot read the part file: {err}") from err
    for col in cats:
        mine, theirs = df[col].dtype, stored[col].dtype
        if not isinstance(theirs, pd.CategoricalDtype) or mine.ordered != theirs.ordered or \
                not mine.categories.equals(theirs.categories):
            shown = list(theirs.categories[:10]) if isinstance(theirs, pd.CategoricalDtype) \
                else []
            raise CorpusError(
                f"save_corpus: cannot append to {folder}: column {col!r} is a category column "
                "whose categories (or ordered flag) differ from the store's "
                f"({shown}{' ...' if len(shown) == 10 else ''}); a store keeps one set of "
                f"categories. Convert it first: give it the store's categories (df[{col!r}]"
                ".cat.set_categories(...)), or keep the column as text (df[{col!r}]."
                "astype(str)) in a new store")


def _year_month(dates: pd.Series) -> pd.Series:
    """``"YYYY-MM"`` of every date by the rule of :mod:`toolkit.periods` (the outlet's local
    wall-clock month; ``period_start(dates, "M")``), ``"none"`` when missing. Unlike
    binning, no span check: a store keeps every date."""
    try:
        d = pd.to_datetime(dates)
    except (ValueError, TypeError) as err:
        raise CorpusError(f"save_corpus: cannot read the 'date' column to derive {YEAR_MONTH!r} "
                          f"(validate the corpus first: toolkit.validate_corpus): {err}") from None
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)
    out = pd.Series("none", index=dates.index, dtype=object)
    known = d.notna()
    out[known] = [f"{y:04d}-{m:02d}" for y, m in zip(d[known].dt.year, d[known].dt.month,
                                                        strict=True)]
    return out


def _key_values(frame: pd.DataFrame, key: str) -> list[Any]:
    if key == YEAR_MONTH and key not in frame.columns:
        return _year_month(frame["date"]).tolist()
    return [None if _is_missing(v) else (v if isinstance(v, str) else str(v))
            for v in frame[key].tolist()]


def _group_parts(frame: pd.DataFrame, keys: list[str],
                 row_hashes: list[str]) -> list[tuple[tuple[Any, ...], list[int], str]]:
    """Rows of each partition (in order), with the part's content hash."""
    columns = [_key_values(frame, k) for k in keys]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, values in enumerate(zip(*columns, strict=True)):
        groups.setdefault(values, []).append(i)
    out = []
    for values, rows in groups.items():
        h = hashlib.sha256()
        for i in rows:
            h.update(row_hashes[i].encode("ascii"))
        out.append((values, rows, h.hexdigest()))
    return out


def _write_part(folder: Path, keys: list[str], values: tuple[Any, ...], rows: pd.DataFrame,
                content_hash: str, created: list[Path]) -> dict[str, Any]:
    """Write one part file (temporary name, then rename; never over an existing file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .io import _new_temporary, _os_error

    rel = Path(_DATA, *(f"{_encode_value(k)}={_encode_value(v)}" for k, v in zip(keys, values,
                                                                                 strict=True)))
    target_dir = folder / rel
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot create the folder {target_dir}") from err
    rows = rows.reset_index(drop=True)
    rows.attrs = {}
    try:
        table = pa.Table.from_pandas(rows, preserve_index=False)
    except (pa.ArrowException, ValueError, TypeError, OverflowError) as err:
        raise CorpusError(f"save_corpus: cannot store the partition {dict(zip(keys, values, strict=True))}"
                          f" as Parquet: {err}") from err
    stem = f"part-{content_hash[:16]}"
    tmp: Path | None = None
    try:
        tmp, handle = _new_temporary(target_dir / f"{stem}.parquet")
        with handle:
            pq.write_table(table, handle)
            handle.flush()
            os.fsync(handle.fileno())
        digest = _file_sha256(tmp)
        size = tmp.stat().st_size
        for n in range(1000):
            target = target_dir / (f"{stem}.parquet" if n == 0 else f"{stem}-{n}.parquet")
            if target.exists() or target.is_symlink():
                # a file left by an interrupted write (never listed): reuse it if identical
                if target.is_file() and not target.is_symlink() and _file_sha256(target) == digest:
                    break
                continue
            try:
                os.link(tmp, target)  # fails instead of replacing a file made meanwhile
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system: an exclusive copy
                if not _copy_exclusive(tmp, target, created):
                    continue
            else:
                created.append(target)
            break
        else:  # pragma: no cover - a thousand stray files of one name
            raise FileExistsError(f"save_corpus: too many files named {stem}*.parquet in "
                                  f"{target_dir}")
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot write a part file in {target_dir}") from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return {
        "path": (rel / target.name).as_posix(),
        "partition": dict(zip(keys, values, strict=True)),
        "n_articles": len(rows),
        "bytes": size,
        "sha256": digest,
        "content_hash": content_hash,
    }


def _copy_exclusive(source: Path, target: Path, created: list[Path]) -> bool:
    """Copy ``source`` to a *new* file ``target`` (created exclusively, synced); False if
    ``target`` exists (it is never replaced)."""
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                     0o666)
    except FileExistsError:
        return False
    created.append(target)  # ours from now on: removed if the write fails
    with open(fd, "wb") as out, open(source, "rb") as src:
        for block in iter(lambda: src.read(1 << 20), b""):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    return True


def _fsync_dir(path: Path) -> None:
    """Make a folder's entries durable (best effort: some platforms refuse it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sync_folders(folder: Path, parts: list[Path]) -> None:
    """fsync the folders of the new part files (deepest first, up to the store folder)."""
    seen: set[Path] = set()
    for rel in parts:
        for sub in (rel, *rel.parents):
            if sub != Path(".") and sub not in seen:
                seen.add(sub)
    for sub in sorted(seen, key=lambda q: len(q.parts), reverse=True):
        _fsync_dir(folder / sub)
    _fsync_dir(folder)


def _take_lock(folder: Path) -> None:
    """Create the store's lock file exclusively; an error naming it if it exists."""
    from .io import _os_error

    lock = folder / _LOCK
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        raise CorpusError(
            f"save_corpus: the store {folder} is locked by {lock}: another write is in "
            f"progress. If none is (a write that was killed), delete {lock} and try "
            "again") from None
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot create the lock file {lock}") from err
    try:
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except OSError:
        pass
    finally:
        os.close(fd)


def _release_lock(folder: Path) -> None:
    (folder / _LOCK).unlink(missing_ok=True)


def _write_manifest(folder: Path, manifest: dict[str, Any], before: bytes | None) -> None:
    """Write manifest.json atomically (temporary file, then rename), after checking that
    nobody changed the store meanwhile."""
    from .io import _new_temporary, _os_error

    target = folder / MANIFEST
    data = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    tmp: Path | None = None
    try:
        tmp, handle = _new_temporary(target)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        now = target.read_bytes() if target.exists() else None
        if now != before:
            raise CorpusError(f"save_corpus: {target} changed while this write was running "
                              "(another writer?); nothing was added. Try again")
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot write {target}") from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _make_folder(folder: Path) -> None:
    from .io import _make_parent, _os_error

    _make_parent(folder)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise _os_error(err, f"save_corpus: cannot create the folder {folder}") from err


def _remove_empty_folders(top: Path) -> None:
    """Remove ``top`` and the folders below it that are empty (nothing else is touched)."""
    if not top.is_dir():
        return
    for root, _dirs, _files in os.walk(top, topdown=False):
        try:
            os.rmdir(root)  # fails, and is left alone, unless the folder is empty
        except OSError:
            pass


def _sorted_parts(parts: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Sorted by partition values (missing last), then append order (a stable sort)."""
    def key(part: dict[str, Any]) -> tuple[Any, ...]:
        values = part.get("partition", {})
        return tuple((values.get(k) is None, "" if values.get(k) is None else str(values[k]))
                     for k in keys)

    return sorted(parts, key=key)


def _languages(frame: pd.DataFrame) -> dict[str, int]:
    if "language" not in frame.columns:
        return {}
    counts: dict[str, int] = {}
    for value in frame["language"].tolist():
        code = "none" if _is_missing(value) else str(value)
        counts[code] = counts.get(code, 0) + 1
    return counts


def _new_rows(folder: Path, manifest: dict[str, Any], frame: pd.DataFrame,
              row_hashes: list[str], columns: list[str]) -> np.ndarray:
    """Which rows of ``frame`` are new; identical stored rows are skipped, a stored
    ``doc_id`` with other content is an error naming the id and the part file."""
    import pyarrow.parquet as pq

    incoming = {str(d): i for i, d in enumerate(frame["doc_id"].tolist())}
    keep = np.ones(len(frame), dtype=bool)
    for part in manifest["parts"]:
        file = folder / part["path"]
        try:
            stored_ids = pq.read_table(file, columns=["doc_id"]).column("doc_id").to_pylist()
        except FileNotFoundError:
            raise FileNotFoundError(f"{file}: a part file listed in {folder / MANIFEST} is "
                                    "missing; cannot check the store before appending") from None
        except (OSError, ValueError) as err:
            raise CorpusError(f"{file}: cannot read the part file: {err}") from err
        overlap = [str(d) for d in stored_ids if str(d) in incoming]
        if not overlap:
            continue
        stored = _read_part(folder, part, columns)
        stored_hashes = _row_hashes(stored, columns)
        by_id = {str(d): h for d, h in zip(stored["doc_id"].tolist(), stored_hashes, strict=True)}
        for doc_id in overlap:
            i = incoming[doc_id]
            if by_id[doc_id] != row_hashes[i]:
                raise CorpusError(
                    f"save_corpus: doc_id {doc_id!r} (row {i + 1} of the corpus) is already in "
                    f"the store, in {file}, with different content; a store never replaces or "
                    "merges an article. Give the new version another doc_id, or start a new "
                    "store")
            keep[i] = False
    return keep


def _row_hashes(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """SHA-256 of every row over all its fields (column name and value, in ``columns``
    order), independent of how the values are held in memory."""
    values = [frame[c].tolist() for c in columns]
    names = [json.dumps(c, ensure_ascii=False) for c in columns]
    out = []
    for row in zip(*values, strict=True) if columns else []:
        text = "{" + ",".join(f"{n}:{_canonical(v)}" for n, v in zip(names, row, strict=True)) + "}"
        out.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return out


def _canonical(value: Any, nested: bool = False) -> str:
    """The canonical text of one field, the same however the value is held: a list, tuple
    or numpy array is a JSON-like list of its canonical items (Parquet gives lists back as
    numpy arrays), a dict has sorted keys (keys with a missing value are left out: Parquet
    structs give every row the keys of the whole column), numpy scalars are Python ones.
    Inside a list or dict an integral float is written as an integer (Parquet gives a list
    of integers with a missing item back as floats)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "[" + ",".join(_canonical(v, True) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted((str(k), v) for k, v in value.items()
                       if not (_is_scalar(v) and _is_missing(v)))
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_canonical(v, True)}"
                              for k, v in items) + "}"
    if _is_missing(value):
        return "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if nested and math.isfinite(number) and number.is_integer():
            return str(int(number))
        return repr(number)
    if isinstance(value, (pd.Timestamp, np.datetime64, datetime.datetime)):
        return json.dumps(f"ts:{pd.Timestamp(value).isoformat()}")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return json.dumps(f"bytes:{bytes(value).hex()}")
    return json.dumps(f"{type(value).__name__}:{value!r}", ensure_ascii=False)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (list, tuple, dict, np.ndarray))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    return isinstance(value, (np.datetime64, np.timedelta64)) and bool(np.isnat(value))


def _file_sha256(file: Path) -> str:
    h = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _warn_skipped(folder: Path, added: int, skipped: int) -> None:
    warnings.warn(
        f"save_corpus: {skipped} article(s) were already in the store {folder} with identical "
        f"content and were skipped; {added} added",
        CorpusWarning,
        stacklevel=_caller_level(),
    )


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside toolkit."""
    package = str(Path(__file__).resolve().parent)
    frame = sys._getframe(1)
    level = 1
    while frame is not None and str(Path(frame.f_code.co_filename).resolve()).startswith(package):
        frame = frame.f_back
        level += 1
    return level
