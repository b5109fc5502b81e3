"""The corpus schema: one row per article.

A *corpus* in newsframes is a :class:`pandas.DataFrame` with one row per article and
these columns:

========== ============================ ==================================================
column     dtype                        meaning
========== ============================ ==================================================
doc_id     string, unique               identifier of the article
source     string                       the outlet that published it
date       datetime64 (naive, or tz)    publication date; naive dates are read as given,
                                        time-zone-aware dates keep their zone
title      string (may be empty)        headline
text       string, non-empty            body text (Unicode NFC, ``\\n`` newlines)
========== ============================ ==================================================

Optional columns (kept when present): ``url``, ``language``, ``author``, ``section`` and any
extra metadata columns (for the demo corpus: ``event_id``, ``republished_from``).

Details of the rules that :func:`validate_corpus` (and so ``load_corpus``) applies:

* Text columns (``doc_id``, ``source``, ``title``, ``text`` and the optional columns above)
  use the pandas string dtype :data:`TEXT_DTYPE` (``"str"`` in pandas 3: missing values are
  ``NaN``). Numeric ids such as ``17`` become the string ``"17"``, exactly also beyond
  2^53 when they are integers (``Int64`` or Python ``int``); ids stored as floating-point
  numbers of 2^53 or more are an error, because float64 may already have rounded them.
* Every column name occurs once (any name is allowed, even ``__nf_row__``).
* ``date`` values are parsed with pandas (ISO 8601 first, then other common formats).
  Missing dates (empty cells, ``null``) become ``NaT`` and the row is kept; a date that is
  present but cannot be parsed is an error. Naive dates stay naive. Dates with one shared
  UTC offset keep it; dates with *different* offsets are converted to UTC. A column that
  mixes naive and time-zone-aware dates is an error (there is no safe way to guess the
  zone of the naive ones).
* A missing ``title`` becomes ``""``. A table without a ``title`` column at all is allowed:
  every title is ``""``, a :class:`CorpusWarning` says so and ``attrs["notes"]`` keeps the
  message (``"<file>: no 'title' column; titles were absent and set to ''"``). A missing ``doc_id`` or ``source``, an empty
  ``text`` (also one of only white space, control characters such as NUL, or invisible
  format characters such as the zero-width space U+200B, joiners, U+2060 and U+FEFF) and
  a repeated ``doc_id`` are errors.
* A number or a boolean in ``title`` or ``text`` (a JSON ``12345`` or ``true``, an integer
  Parquet column) is an error naming the row and field, not silently the string
  ``"12345"``; ``doc_id`` may be a number.
* ``title`` and ``text`` are normalised by :func:`toolkit.clean.clean_columns` (Unicode NFC,
  ``\\n`` newlines, optionally HTML removal). When that changes anything, the text as read is
  kept in ``title_raw`` / ``text_raw``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .clean import clean_columns, looks_like_html

__all__ = [
    "OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "STRING_COLUMNS", "TEXT_DTYPE", "CorpusError",
    "CorpusWarning", "require_columns", "suggest_mapping", "validate_corpus",
]

REQUIRED_COLUMNS: tuple[str, ...] = ("doc_id", "source", "date", "title", "text")
#: The columns a table must have to be *loaded*: ``title`` may be absent (it becomes ``""``
#: and a note says so), every other required column must be there.
LOAD_REQUIRED_COLUMNS: tuple[str, ...] = tuple(c for c in REQUIRED_COLUMNS if c != "title")
# attrs key under which prepare_frame marks a frame that had no title column
_UNTITLED = "__nf_untitled__"
OPTIONAL_COLUMNS: tuple[str, ...] = ("url", "language", "author", "section")

#: Columns stored with the pandas string dtype.
STRING_COLUMNS: tuple[str, ...] = ("doc_id", "source", "title", "text", *OPTIONAL_COLUMNS)

try:  # pandas >= 2.3: the NaN-based string dtype that pandas 3 uses by default ("str")
    TEXT_DTYPE: pd.StringDtype = pd.StringDtype(na_value=np.nan)
except TypeError:  # pragma: no cover - older pandas
    TEXT_DTYPE = pd.StringDtype()

# Hidden bookkeeping columns used while loading: where each row came from, and whether it
# failed a check. They never leave this package.
FILE_COL, ROW_COL, BAD_COL = "__nf_file__", "__nf_row__", "__nf_bad__"
# User columns may have any name, including these: while loading, every user column whose
# name starts with _INTERNAL_PREFIX gets _ESCAPE_PREFIX in front (so it can never equal a
# bookkeeping name, which does not start with _ESCAPE_PREFIX) and loses it again at the end.
_INTERNAL_PREFIX, _ESCAPE_PREFIX = "__nf_", "__nf_esc_"

# Names that foreign data sets use for the required columns; only used to *suggest* a
# ``columns=`` mapping in error messages, never applied automatically.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "doc_id": ("id", "uuid", "guid", "docid", "article_id", "document_id", "story_id", "key"),
    "source": ("outlet", "journal", "publication", "publisher", "newspaper", "media", "medium",
               "source_name", "site", "paper", "domain"),
    "date": ("published", "pub_date", "publication_date", "published_at", "date_published",
             "datetime", "timestamp", "time", "created_at", "day"),
    "title": ("headline", "headlines", "heading", "header", "subject"),
    "text": ("body", "content", "article", "articles", "content_original", "full_text",
             "fulltext", "story", "body_text", "maintext", "body_paragraphs", "paragraphs"),
}
_TZ_AT_END = r"(?:Z|[+-]\d{2}(?::?\d{2})?|\bUTC|\bGMT)\s*$"
_TIME_WITH_ZONE = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)\s*$"
_NUMERIC_DATE = r"^\s*(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}\b"
_AMBIGUOUS_DAY_MONTH = r"^\s*(?:0?[1-9]|1[0-2])[./-](?:0?[1-9]|1[0-2])[./-]\d{2,4}\b"
_MAX_LISTED = 8
# A text made only of these is empty: white space, control characters (NUL ...), and
# invisible format characters (zero-width space and joiners, word joiner, BOM, bidi marks).
_INVISIBLE = (
    "[\\s\\x00-\\x1f\\x7f-\\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]*"
)


class CorpusError(ValueError):
    """Raised when a corpus cannot be loaded or does not follow the schema.

    The message always names the file and, where it applies, the row and field.
    """


class CorpusWarning(UserWarning):
    """Warned when loading works but needs the user's attention (skipped rows, guessed
    encodings, ambiguous dates, HTML left in the text)."""


def require_columns(
    df: pd.DataFrame, columns: Iterable[str] = REQUIRED_COLUMNS, *, origin: str = "<DataFrame>"
) -> None:
    """Raise :class:`CorpusError` if ``df`` lacks any of ``columns``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to check.
    columns : iterable of str, default :data:`REQUIRED_COLUMNS`
        Column names that must be present.
    origin : str, default "<DataFrame>"
        What to call the table in the message (usually the file it came from).

    Raises
    ------
    CorpusError
        Naming ``origin``, the missing columns, the columns found and a suggested
        ``columns=`` mapping.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{origin}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if not missing:
        return
    found = ", ".join(repr(str(c)) for c in df.columns) or "(none)"
    msg = (
        f"{origin}: missing required column(s) {', '.join(map(repr, missing))}. "
        f"Columns found: {found}."
    )
    suggestion = suggest_mapping(df.columns, missing)
    if suggestion:
        msg += (
            f" If these are the same data under other names, map them with "
            f"load_corpus(..., columns={suggestion!r}) (or DataFrame.rename(columns=...))."
        )
    else:
        msg += " Map your own column names with load_corpus(..., columns={'your_name': 'text'})."
    if "doc_id" in missing:
        msg += " To number the rows instead of using an id column, pass columns={'doc_id': None}."
    raise CorpusError(msg)


def suggest_mapping(found: Iterable[Any], missing: Sequence[str]) -> dict[str, str]:
    """Guess a ``columns=`` mapping from common foreign column names (for messages only).

    Parameters
    ----------
    found : iterable
        Column names in the file.
    missing : sequence of str
        Required columns not found.

    Returns
    -------
    dict
        ``{foreign name: schema name}`` suggestions (never applied automatically).
    """
    by_key = {re.sub(r"[\s.\-]+", "_", str(c).strip().lower()): str(c) for c in found}
    out: dict[str, str] = {}
    for target in missing:
        for name in _SYNONYMS.get(target, ()):
            if name in by_key and by_key[name] not in out:
                out[by_key[name]] = target
                break
    return out


def check_unique_columns(df: pd.DataFrame, origin: str = "<DataFrame>") -> None:
    """Raise :class:`CorpusError` if a column name occurs more than once in ``df``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to check.
    origin : str, default "<DataFrame>"
        What to call the table in the message (usually the file it came from).

    Raises
    ------
    CorpusError
        Naming ``origin`` and every duplicated column with its count.
    """
    if df.columns.is_unique:
        return
    counts = df.columns.value_counts(sort=False)
    dup = ", ".join(f"{name!r} appears {int(n)} times" for name, n in counts.items() if n > 1)
    raise CorpusError(
        f"{origin}: column {dup}; every column needs its own name. Rename or drop the "
        "extra column(s) first (e.g. df.columns = [...]), so that no data is merged or lost."
    )


def _hide_user_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename user columns out of the way of the bookkeeping columns (see FILE_COL)."""
    clash = {c: _ESCAPE_PREFIX + c for c in df.columns
             if isinstance(c, str) and c.startswith(_INTERNAL_PREFIX)}
    return df.rename(columns=clash) if clash else df


def _restore_user_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`_hide_user_columns` (after the bookkeeping columns are dropped)."""
    back = {c: c[len(_ESCAPE_PREFIX):] for c in df.columns
            if isinstance(c, str) and c.startswith(_ESCAPE_PREFIX)}
    return df.rename(columns=back) if back else df


def validate_corpus(
    df: pd.DataFrame,
    origin: str = "<DataFrame>",
    *,
    errors: str = "raise",
    clean_html: bool = False,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Check a DataFrame against the corpus schema and return a conforming copy.

    Use it for corpora built in memory; :func:`toolkit.io.load_corpus` applies the same
    rules to files. The input is never modified.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per article with (at least) the required columns.
    origin : str, default "<DataFrame>"
        Name used for the table in messages and in ``attrs["skipped"]``.
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: any bad row raises :class:`CorpusError` listing the problems.
        ``"skip"``: bad rows are left out, each one is listed in ``attrs["skipped"]`` (dicts
        with ``file``, ``row``, ``field``, ``reason``; ``row`` is the index label) and a
        :class:`CorpusWarning` gives the count.
    clean_html : bool, default False
        Also remove HTML tags and entities from ``title`` and ``text``.
    date_format : str, optional
        A strict :func:`datetime.datetime.strptime` format for ``date`` (e.g. ``"%d/%m/%Y"``).

    Returns
    -------
    pandas.DataFrame
        A new DataFrame (fresh ``RangeIndex``) with the schema's dtypes and column order:
        required columns, the optional ones present, then any other columns.

    Raises
    ------
    CorpusError
        Missing required columns, a column name used more than once, bad rows (with
        ``errors="raise"``), or problems that concern a whole column (e.g. lists in
        ``text``, or ``doc_id`` values stored as floating-point numbers of 2^53 or more,
        which may already have been rounded).

    Notes
    -----
    Any column name is allowed, including names that look like the loader's own
    bookkeeping (``__nf_row__`` ...): such columns are kept with their values.

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit
    >>> df = pd.DataFrame({"doc_id": ["a1", "a2"], "source": ["Valley Post", "Valley Post"],
    ...                    "date": ["2022-03-01", "someday"], "title": ["Gates", "Market"],
    ...                    "text": ["The gates opened.", "Traders cleared mud."]})
    >>> toolkit.validate_corpus(df)
    Traceback (most recent call last):
    ...
    toolkit.schema.CorpusError: 1 problem(s) found in the corpus:
      <DataFrame> row 1, field 'date': cannot parse date 'someday'
    ...
    >>> corpus = toolkit.validate_corpus(df.assign(date=["2022-03-01", "2022-03-02"]))
    >>> corpus["date"].iloc[1]
    Timestamp('2022-03-02 00:00:00')
    >>> list(corpus.columns)
    ['doc_id', 'source', 'date', 'title', 'text']
    """
    _check_errors_arg(errors)
    require_columns(df, LOAD_REQUIRED_COLUMNS, origin=origin)
    check_unique_columns(df, origin)
    frame = df.reset_index(drop=True)
    issues: list[dict[str, Any]] = []
    frame = prepare_frame(frame, [origin] * len(frame), list(df.index), issues, date_format)
    return finish_frames([frame], issues, errors=errors, clean_html=clean_html)


# --------------------------------------------------------------------------- internals
# ``load_corpus`` calls ``prepare_frame`` once per file (after renaming columns) and then
# ``finish_frames`` once on all of them. Problems are collected as "issues": dicts with
# file, row, field and reason, exactly what users later see in ``attrs["skipped"]``.


def _check_errors_arg(errors: str) -> None:
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")


def issue(file: str, row: Any, field: str | None, reason: str) -> dict[str, Any]:
    """One problem found while loading (the record type of ``attrs["skipped"]``).

    Parameters
    ----------
    file : str
        The file.
    row : object
        Line (CSV, JSON Lines), position (JSON, Parquet) or None.
    field : str or None
        The column concerned.
    reason : str
        What is wrong.

    Returns
    -------
    dict
        ``{"file", "row", "field", "reason"}``.
    """
    if row is not None and not pd.isna(row):
        row = int(row) if isinstance(row, (int, np.integer)) else row
    else:
        row = None
    return {"file": str(file), "row": row, "field": field, "reason": reason}


def where(file: str, row: Any) -> str:
    """``'a.csv line 4'`` style location used in messages (line for CSV/TSV/JSON Lines).

    Parameters
    ----------
    file : str
        The file.
    row : object
        Line or position, or None.

    Returns
    -------
    str
        The location.
    """
    if row is None:
        return str(file)
    name = str(file).lower().removesuffix(".gz")
    if name.endswith((".csv", ".tsv", ".jsonl", ".ndjson")):
        unit = "line"
    elif name.endswith(".json"):
        unit = "record"
    else:
        unit = "row"
    return f"{file} {unit} {row}"


def prepare_frame(
    df: pd.DataFrame,
    files: Sequence[str],
    rows: Sequence[Any],
    issues: list[dict[str, Any]],
    date_format: str | None = None,
) -> pd.DataFrame:
    """Per-file step: attach provenance and parse ``date`` (dates must be parsed per file
    because files may differ in time zones and in how pandas typed the column).

    Parameters
    ----------
    df : pandas.DataFrame
        Rows read from one file, columns already mapped to the schema.
    files, rows : sequence
        The file and line (or position) of every row.
    issues : list of dict
        Problems found so far; date problems are appended.
    date_format : str, optional
        Strict date format.

    Returns
    -------
    pandas.DataFrame
        A copy with provenance columns and parsed dates. User columns whose names start
        like the bookkeeping columns (``__nf_``) are renamed out of their way here and get
        their names back in :func:`finish_frames`.

    Raises
    ------
    CorpusError
        If a column name occurs more than once (naming it and ``files[0]``).
    """
    check_unique_columns(df, str(files[0]) if len(files) else "<empty>")
    df = _hide_user_columns(df.copy())
    df[FILE_COL] = pd.array(files, dtype=TEXT_DTYPE)
    df[ROW_COL] = pd.array([None if r is None else r for r in rows], dtype=object)
    df[BAD_COL] = False
    df["date"] = _parse_dates(df, issues, date_format)
    if "title" not in df.columns:  # allowed: titles become "" (noted in finish_frames)
        df["title"] = pd.array([None] * len(df), dtype=TEXT_DTYPE)
        df.attrs[_UNTITLED] = sorted({str(f) for f in files}) or ["<empty>"]
    return df


def _parse_dates(
    df: pd.DataFrame, issues: list[dict[str, Any]], date_format: str | None, *, stacklevel: int = 4
) -> pd.Series:
    """Parse ``df["date"]`` (rules: :func:`toolkit.dates.parse_dates`, the public entry).

    ``df`` carries the provenance columns (named in messages); values that cannot be parsed
    become ``NaT``, are appended to ``issues`` and their rows get ``BAD_COL``. Warnings
    are issued ``stacklevel`` frames up (4: the caller of ``load_corpus``).
    """
    values = df["date"]
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    origin = str(df[FILE_COL].iloc[0]) if len(df) else "<empty>"
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        if values.notna().any():
            raise CorpusError(
                f"{origin}: column 'date' holds numbers, not dates. If they are Unix "
                "timestamps, convert them first, e.g. pd.to_datetime(df['date'], unit='s')."
            )
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if values.dtype == object:
        non_text = values.map(lambda v: not (isinstance(v, str) or pd.isna(v)))
        if non_text.any():  # e.g. datetime objects in a DataFrame built by hand
            try:
                return pd.Series(pd.to_datetime(values), index=values.index)
            except (ValueError, TypeError) as err:
                raise CorpusError(f"{origin}: column 'date' cannot be read as dates: {err}") from err
    text = values.astype(TEXT_DTYPE).str.strip()
    text = text.mask(text == "")
    present = text.notna()
    parsed = _to_datetime(text, date_format or "ISO8601", df)
    failed = present & parsed.isna()
    if failed.any() and date_format is None:
        fields = text.str.extract(_NUMERIC_DATE).astype("float64")
        day_first = bool((fields[0] > 12).any()) and not bool((fields[1] > 12).any())
        if (fields[0] > 12).any() and (fields[1] > 12).any():
            a, b = (fields[0] > 12).idxmax(), (fields[1] > 12).idxmax()
            raise CorpusError(
                f"column 'date' mixes day-first and month-first dates, e.g. "
                f"{where(df[FILE_COL].loc[a], df[ROW_COL].loc[a])}: {text.loc[a]!r} and "
                f"{where(df[FILE_COL].loc[b], df[ROW_COL].loc[b])}: {text.loc[b]!r}; "
                "pass date_format= for the column's format"
            )
        if day_first:
            parsed = _to_datetime_dayfirst(text)
            failed = present & parsed.isna()
            first = (fields[0] > 12).idxmax()
            warnings.warn(
                f"{where(origin, df[ROW_COL].loc[first])}: {text.loc[first]!r} can only be day "
                "first, so every date of the column was read day first (DD/MM)",
                CorpusWarning,
                stacklevel=stacklevel,
            )
        else:
            parsed = _to_datetime(text, "mixed", df)
            failed = present & parsed.isna()
        ambiguous = present & text.str.match(_AMBIGUOUS_DAY_MONTH)
        if ambiguous.any() and not day_first:
            first = ambiguous.idxmax()
            warnings.warn(
                f"{where(origin, df[ROW_COL].loc[first])}: dates like {text.loc[first]!r} are "
                "ambiguous and were read month first (MM/DD). If they are day first, pass "
                "date_format='%d/%m/%Y' (or the format that fits).",
                CorpusWarning,
                stacklevel=stacklevel,
            )
    if failed.any():
        hint = f" with format {date_format!r}" if date_format else ""
        for i in np.flatnonzero(failed.to_numpy()):
            issues.append(
                issue(df[FILE_COL].iat[i], df[ROW_COL].iat[i], "date",
                      f"cannot parse date {text.iat[i]!r}{hint}")
            )
        df.loc[failed, BAD_COL] = True
    return parsed


def _refuse_zone_mix(text: pd.Series, aware: pd.Series, naive: pd.Series, df: pd.DataFrame) -> None:
    """Raise, naming one value of each kind, when zoned and unzoned dates are mixed."""
    if aware.any() and naive.any():
        a, n = aware.idxmax(), naive.idxmax()
        raise CorpusError(
            "column 'date' mixes dates with a time zone and dates without one, e.g. "
            f"{where(df[FILE_COL].loc[a], df[ROW_COL].loc[a])}: {text.loc[a]!r} and "
            f"{where(df[FILE_COL].loc[n], df[ROW_COL].loc[n])}: {text.loc[n]!r}. "
            "Add the zone to the naive dates (or remove it everywhere) and load again."
        )


def _to_datetime_dayfirst(text: pd.Series) -> pd.Series:
    """Parse numeric dates day first (the column has a value like 13/02/2022)."""
    return pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce")


def _to_datetime(text: pd.Series, fmt: str, df: pd.DataFrame) -> pd.Series:
    """Parse strings; different UTC offsets become UTC, naive mixed with aware is an error."""
    # a zone after a clock time is unambiguous; check it first, because whether pandas
    # accepts a mix of zoned and unzoned values depends on which one comes first
    timed_aware = text.str.contains(_TIME_WITH_ZONE, regex=True, na=False)
    has_time = text.str.contains(r"\d:\d", regex=True, na=False)
    timed_naive = has_time & ~timed_aware
    date_only = text.notna() & ~has_time
    _refuse_zone_mix(text, timed_aware, timed_naive | date_only, df)
    try:
        return pd.to_datetime(text, format=fmt, errors="coerce")
    except ValueError:  # pandas refuses mixed time zones (or naive mixed with aware)
        pass
    aware = text.str.contains(_TZ_AT_END, regex=True, na=False)
    naive = text.notna() & ~aware
    _refuse_zone_mix(text, aware, naive, df)
    try:
        return pd.to_datetime(text, format=fmt, errors="coerce", utc=True)
    except ValueError as err:
        raise CorpusError(f"{df[FILE_COL].iloc[0]}: column 'date': {err}") from err


def _unify_dates(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Give every frame's ``date`` the same time zone (or none) before concatenation:
    one zone shared by all dated files is kept, several zones become UTC, and naive
    dates cannot be combined with aware ones."""
    zones: dict[str, pd.DataFrame] = {}
    for f in frames:
        if f["date"].notna().any():
            zones.setdefault(str(getattr(f["date"].dtype, "tz", None)), f)
    if "None" in zones and len(zones) > 1:
        naive = zones.pop("None")
        aware = next(iter(zones.values()))
        raise CorpusError(
            f"dates in {naive[FILE_COL].iloc[0]} have no time zone but dates in "
            f"{aware[FILE_COL].iloc[0]} do ({aware['date'].dtype.tz}); they cannot be combined "
            "safely. Load the files separately and convert the dates first."
        )
    if not zones or "None" in zones:
        return frames
    target = next(iter(zones.values()))["date"].dtype.tz if len(zones) == 1 else "UTC"
    out = []
    for f in frames:
        tz = getattr(f["date"].dtype, "tz", None)
        if str(tz) != str(target):
            f = f.copy()
            dates = f["date"]
            f["date"] = dates.dt.tz_localize(target) if tz is None else dates.dt.tz_convert(target)
        out.append(f)
    return out


def finish_frames(
    frames: list[pd.DataFrame],
    issues: list[dict[str, Any]],
    *,
    errors: str = "raise",
    clean_html: bool = False,
) -> pd.DataFrame:
    """Concatenate prepared frames, check every row, then raise or skip (see module doc).

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Outputs of :func:`prepare_frame`.
    issues : list of dict
        Problems found while reading.
    errors : {"raise", "skip"}, default "raise"
        Fail on the first problem, or skip and report every problem row.
    clean_html : bool, default False
        Remove HTML tags and entities (originals kept in ``*_raw`` columns).

    Returns
    -------
    pandas.DataFrame
        The corpus, skipped rows listed in ``.attrs["skipped"]``.
    """
    frames = [f for f in frames if len(f)]
    untitled = [name for f in frames for name in f.attrs.get(_UNTITLED, ())]
    if len(frames) == 1:
        df = frames[0].reset_index(drop=True)
    elif frames:
        df = pd.concat(_unify_dates(frames), ignore_index=True)
    else:
        df = pd.DataFrame(columns=[*REQUIRED_COLUMNS, FILE_COL, ROW_COL, BAD_COL])
    _flag_non_text(df, issues, ("title", "text"))
    for col in STRING_COLUMNS:
        if col in df.columns:
            df[col] = _as_text(df, col)
    df = clean_columns(df, clean_html=clean_html)
    if not clean_html:
        _hint_html(df["text"])
    df["title"] = df["title"].fillna("")
    _flag(df, issues, df["doc_id"].isna() | (df["doc_id"].str.strip() == ""), "doc_id", "missing doc_id")
    _flag(df, issues, df["source"].isna() | (df["source"].str.strip() == ""), "source", "missing source")
    _flag(df, issues, df["text"].isna() | (df["text"].str.strip() == ""), "text", "empty text")
    _flag(df, issues, df["text"].str.fullmatch(_INVISIBLE, na=False), "text",
          "empty text (only invisible characters: zero-width, format or control characters)")
    _flag_duplicates(df, issues)
    order = {f: i for i, f in enumerate(dict.fromkeys([*df[FILE_COL].unique(), *(i["file"] for i in issues)]))}
    issues.sort(key=lambda i: (order[i["file"]], -1 if i["row"] is None or not isinstance(i["row"], int) else i["row"]))
    if issues and errors == "raise":
        raise CorpusError(_summary(issues, skipping=False))
    kept = df.loc[~df[BAD_COL].astype(bool)].reset_index(drop=True)
    if issues:
        if kept.empty:
            raise CorpusError(_summary(issues, skipping=True) + "\nNo rows were left to load.")
        warnings.warn(
            f"{len(issues)} row(s) were skipped; see df.attrs['skipped'] for each file, row, "
            "field and reason.",
            CorpusWarning,
            stacklevel=3,
        )
    attrs = {k: v for k, v in df.attrs.items() if k not in ("skipped", _UNTITLED)}
    if untitled:
        note = (f"{', '.join(dict.fromkeys(untitled))}: no 'title' column; titles were absent "
                "and set to ''")
        attrs["notes"] = [*attrs.get("notes", []), note]
        warnings.warn(note, CorpusWarning, stacklevel=3)
    kept = _restore_user_columns(kept.drop(columns=[FILE_COL, ROW_COL, BAD_COL]))
    kept = kept[_column_order(kept.columns)]
    kept.attrs = {**attrs, "skipped": [dict(i) for i in issues]}
    return kept


def _hint_html(text: pd.Series) -> None:
    sample = text.iloc[:2000]
    found = looks_like_html(sample)
    if found:
        warnings.warn(
            f"{found} of {len(sample)} texts checked contain HTML tags or entities; pass "
            "clean_html=True to remove them (the original stays in text_raw).",
            CorpusWarning,
            stacklevel=4,
        )


def _as_text(df: pd.DataFrame, col: str) -> pd.Series:
    values = df[col]
    if isinstance(values.dtype, pd.StringDtype):
        return values.astype(TEXT_DTYPE)
    if values.dtype.kind == "f" and col == "doc_id":
        whole = values.dropna()
        inexact = np.flatnonzero((values.abs() >= 2**53).to_numpy())
        if inexact.size:  # float64 holds every integer only up to 2^53
            i = int(inexact[0])
            raise CorpusError(
                f"{where(df[FILE_COL].iat[i], df[ROW_COL].iat[i])}, field 'doc_id': the id "
                f"{float(values.iat[i])!r} is stored as a floating-point number of 2^53 or more, so it "
                f"may already have been rounded ({inexact.size} such row(s)); keep ids as text "
                "or as a nullable integer (dtype 'Int64') so that they stay exact."
            )
        if (whole == whole.round()).all():
            values = values.astype("Int64")
    if values.dtype == object:
        odd = values.map(lambda v: not (isinstance(v, (str, int, float, np.number)) or v is None or v is pd.NA))
        if odd.any():
            i = int(np.flatnonzero(odd.to_numpy())[0])
            kind = {"ndarray": "list", "tuple": "list", "dict": "JSON object"}.get(
                type(values.iat[i]).__name__, type(values.iat[i]).__name__)
            raise CorpusError(
                f"{where(df[FILE_COL].iat[i], df[ROW_COL].iat[i])}: column {col!r} holds a {kind} "
                f"in {int(odd.sum())} row(s), but needs one string per article. Read the file "
                "with pandas, turn the column into text (e.g. join the paragraphs with '\\n\\n'), "
                "then call validate_corpus(df)."
            )
    out = values.astype(TEXT_DTYPE)
    return out.mask(values.isna())


def _flag_non_text(df: pd.DataFrame, issues: list[dict[str, Any]], columns: Iterable[str]) -> None:
    """Flag numbers and booleans where text is expected (a JSON ``12345`` or ``true`` as
    ``text``, an integer Parquet column): turned into strings they would pass unnoticed."""
    for col in columns:
        if col not in df.columns:
            continue
        values = df[col]
        if values.dtype == object:
            odd = values.map(lambda v: isinstance(v, (bool, int, float, np.number, np.bool_)) and not pd.isna(v))
        elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            odd = values.notna()  # a numeric or boolean column
        else:
            continue
        bad = odd.to_numpy(dtype=bool) & ~df[BAD_COL].to_numpy(dtype=bool)
        for i in np.flatnonzero(bad):
            v = values.iat[i]
            kind = "a boolean" if isinstance(v, (bool, np.bool_)) else "a number"
            v = v.item() if isinstance(v, np.generic) else v
            issues.append(issue(df[FILE_COL].iat[i], df[ROW_COL].iat[i], col,
                                f"{kind} ({v!r}) where text is expected; write it as text "
                                f"(in quotes) if it really is the article's {col}"))
        df.loc[bad, BAD_COL] = True


def _flag(df: pd.DataFrame, issues: list[dict[str, Any]], mask: pd.Series, field: str, reason: str) -> None:
    mask = mask.fillna(True).to_numpy(dtype=bool) & ~df[BAD_COL].to_numpy(dtype=bool)
    for i in np.flatnonzero(mask):
        issues.append(issue(df[FILE_COL].iat[i], df[ROW_COL].iat[i], field, reason))
    df.loc[mask, BAD_COL] = True


def _flag_duplicates(df: pd.DataFrame, issues: list[dict[str, Any]]) -> None:
    ok = ~df[BAD_COL].to_numpy(dtype=bool)
    ids = df["doc_id"].where(ok)
    later = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
    if not later.any():
        return
    first_pos = {}
    for i in np.flatnonzero(ids.duplicated(keep=False).to_numpy() & ok):
        first_pos.setdefault(ids.iat[i], i)
    for i in np.flatnonzero(later):
        j = first_pos[ids.iat[i]]
        issues.append(
            issue(df[FILE_COL].iat[i], df[ROW_COL].iat[i], "doc_id",
                  f"duplicate doc_id {ids.iat[i]!r}, already used at "
                  f"{where(df[FILE_COL].iat[j], df[ROW_COL].iat[j])}")
        )
    df.loc[later, BAD_COL] = True


def _summary(issues: list[dict[str, Any]], *, skipping: bool) -> str:
    lines = [
        f"{where(i['file'], i['row'])}"
        + (f", field {i['field']!r}" if i["field"] else "")
        + f": {i['reason']}"
        for i in issues[:_MAX_LISTED]
    ]
    more = len(issues) - _MAX_LISTED
    if more > 0:
        lines.append(f"... and {more} more")
    head = f"{len(issues)} problem(s) found in the corpus:"
    tail = "" if skipping else (
        "\nFix the input, or pass errors='skip' to leave these rows out "
        "(they are then listed in df.attrs['skipped'])."
    )
    return head + "\n  " + "\n  ".join(lines) + tail


def _column_order(columns: Iterable[Any]) -> list[Any]:
    cols = list(columns)
    raw = [c for c in cols if isinstance(c, str) and c.endswith("_raw") and c[:-4] in ("title", "text")]
    first = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in cols]
    rest = [c for c in cols if c not in first and c not in raw]
    return first + rest + raw
