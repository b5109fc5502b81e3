"""Concordance (keyword in context): every occurrence of a query with its surroundings.

Sampling
--------
With ``n`` the lines are a uniform random sample of all hits without replacement: the
hits, in corpus order, are shuffled by one permutation drawn with ``seed``
(``numpy.random.default_rng(seed).permutation``) and the first ``n`` (per ``by`` group)
are kept, then put back in corpus order. The sample depends only on the hits, the seed
and ``n``, so a lazy corpus (decided on the client from all partitions' hits) gives the
same lines as the same corpus in memory.

Parquet output
--------------
``concordance(corpus, pattern, path=folder)`` writes every line (the concordance with
``n=None`` in corpus order) to a new folder: ``part-00000.parquet``, ``part-00001.parquet``...,
one file per partition of a lazy corpus (in partition order; more digits past 99,999
partitions) and one for a pandas corpus. Every file has the same columns, those of the
returned lines: ``doc_id``, ``source``, ``date``, ``title`` (when the corpus has them), the
``by`` columns, ``left``, ``match``, ``right``, ``start``, ``end`` (character offsets of
the match in the text) and, as ``quotes`` asks, ``in_quote`` and ``speaker``. A partition
without hits gives a file without rows. ``pandas.read_parquet(folder)`` reads them back
as one table in corpus order.

The folder appears whole or not at all: the files are written to a hidden staging folder
next to it (``.<name>.incomplete-<random>`` in the same parent folder), which is renamed
to ``folder`` only when every file is written. After an error (a partition that fails,
an interrupt) the staging folder is removed and ``folder`` is never created, so a folder
that exists holds every line; a staging folder left behind (a worker still writing as the
client gave up) is never read as output and can be deleted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from . import safe_regex
from ._compat import renamed
from .counts import as_columns
from .display import ConcordanceFrame
from .index import TokenIndex, index_tokens
from .kwic import lines_from_chars, lines_from_tokens, with_meta
from .patterns import excerpt, match_positions, parse_pattern
from .scale.engine import is_lazy

QUOTES: tuple[str, ...] = ("all", "only", "exclude", "mark")
"""The values of ``quotes``."""


@renamed(query="pattern")
def concordance(
    corpus: pd.DataFrame,
    pattern: str,
    *,
    window: int = 8,
    by: str | Sequence[str] | None = None,
    n: int | None = None,
    sort: Literal["position", "left", "right", "date"] = "position",
    regex: bool = False,
    seed: int = 0,
    quotes: Literal["all", "only", "exclude", "mark"] = "all",
    path: str | os.PathLike | None = None,
) -> ConcordanceFrame:
    """Find every occurrence of a query and show it in context (KWIC).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    pattern : str
        A word (``talks``), a wildcard (``negotiat*``), a phrase (``special military
        operation``; matches across punctuation and line breaks) or, with
        ``regex=True``, a Python regular expression searched in the raw text
        (case-insensitive, Unicode NFC like the text). Patterns follow
        :mod:`toolkit.patterns` (at most :data:`~toolkit.patterns.MAX_PATTERN_LENGTH`
        characters and :data:`~toolkit.patterns.MAX_WILDCARDS` wildcards).
    window : int, default 8
        Words of context on each side.
    by : str or list of str, optional
        Grouping column(s) for an even sample (``n`` lines per group).
    n : int, optional
        Keep at most ``n`` lines (per group when ``by`` is given), chosen at random
        with ``seed``; all lines by default.
    sort : {"position", "left", "right", "date"}, default "position"
        Order of the lines: corpus order; alphabetical by the words just left of the
        match (read right to left) or just right of it; or by date.
    regex : bool, default False
        Treat ``pattern`` as a regular expression (slower: every text is scanned).
        A regular expression with nested or overlapping repetition, such as
        ``(a+)+$`` or ``(a|aa)+$``, can take exponential time on some texts
        (catastrophic backtracking). Each search of one text is therefore stopped after
        :data:`toolkit.safe_regex.REGEX_TIMEOUT` seconds (5 by default; assign
        ``toolkit.safe_regex.REGEX_TIMEOUT`` to change it) with a ``ValueError`` that
        names the document. Expressions longer than
        :data:`~toolkit.safe_regex.MAX_REGEX_LENGTH` characters, or whose counted
        repeats (``{m,n}``) multiplied out exceed
        :data:`~toolkit.safe_regex.MAX_REGEX_REPEAT`, are refused before any search
        (they can take minutes to compile).
    seed : int, default 0
        Random seed for sampling.
    quotes : {"all", "only", "exclude", "mark"}, default "all"
        Reported speech in quotation marks (the quoted parts of direct and mixed
        attributions, :func:`toolkit.attribution.quotes`): keep every line (``"all"``),
        only lines whose match is quoted speech (``"only"``), only the outlet's own words
        (``"exclude"``), or keep all and add columns ``in_quote`` and ``speaker``
        (``"mark"``; ``"only"`` adds ``speaker``). Filtering happens before sampling with ``n``.
    path : str or os.PathLike, optional
        A new folder to write *every* line to as Parquet, whatever ``n``, ``by`` and
        ``sort``; the function still returns the lines asked for (the sample with ``n``).
        See "Parquet output" in the module docstring for the files and their columns;
        ``pandas.read_parquet(path)`` reads all lines back in corpus order. The folder
        must not exist yet (``FileExistsError``: nothing is ever overwritten); it is
        created only when every file is written (after an error it does not exist). On a
        lazy corpus each partition's file is written by the worker that reads it (into a
        staging folder next to ``path``), so on a cluster of several machines ``path``
        must be on a filesystem they share with the client.

    Returns
    -------
    ConcordanceFrame
        A DataFrame with ``doc_id``, metadata (``source``, ``date``, ``title`` when
        present), ``left``, ``match``, ``right`` (original text, whitespace kept) and
        ``start``/``end`` (character offsets of the match in the text). In a notebook it
        displays as aligned lines with the match highlighted (HTML-escaped).

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lines = toolkit.concordance(corpus, "goodwill gesture", window=4)
    >>> for line in lines.itertuples():
    ...     print(f"{line.doc_id}: {line.left}[{line.match}]{line.right}")
    bor-e02: Moscow made a concrete [goodwill gesture] on the ground on
    rhc-e02: Moscow presented as a [goodwill gesture] looked more like an
    >>> sample = toolkit.concordance(corpus, "talks", by="source", n=2)   # 2 lines per outlet
    >>> sample["source"].value_counts().unique().tolist()
    [2]

    Every line to Parquet, a sample to read:

    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sample = toolkit.concordance(corpus, "talks", n=3, path=f"{tmp}/talks")
    ...     every = pd.read_parquet(f"{tmp}/talks")
    >>> len(sample), len(every) == len(toolkit.concordance(corpus, "talks"))
    (3, True)
    """
    if is_lazy(corpus):
        from .scale.concordance import lazy_concordance

        return lazy_concordance(corpus, pattern, window=window, by=by, n=n, sort=sort,
                                regex=regex, seed=seed, quotes=quotes, path=path)
    query = pattern
    folder = check_new_folder(path) if path is not None else None
    index = index_tokens(corpus)
    hits, length = find_hits(corpus, index, query, regex=regex, quotes=quotes,
                             timeout=safe_regex.REGEX_TIMEOUT)
    every = None
    if folder is not None:
        every = build_lines(index, hits, length, regex=regex, window=window, by=by, quotes=quotes)
        with _staged_folder(folder) as staging:
            write_part(every, staging, 0, 1)
    hits = _sample(hits, index.meta, by, n, seed)
    if every is not None and n is None:
        out = every
    else:
        out = build_lines(index, hits, length, regex=regex, window=window, by=by, quotes=quotes)
    return finish(out, query, sort, int(len(hits)) if n is None else None)


def find_hits(
    corpus: pd.DataFrame,
    index: TokenIndex,
    query: str,
    *,
    regex: bool,
    quotes: str,
    timeout: float,
) -> tuple[pd.DataFrame, int]:
    """The hit table of a corpus: one row per match, in corpus order (the small table).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (or one partition of a lazy corpus).
    index : TokenIndex
        Its token index.
    query : str
        The pattern.
    regex : bool
        ``query`` is a regular expression.
    quotes : str
        As :func:`concordance`.
    timeout : float
        Seconds allowed for a regular-expression search of one text.

    Returns
    -------
    (pandas.DataFrame, int)
        ``doc`` (row of ``corpus``) and ``tok`` (first token of the match), or
        ``cstart``/``cend`` (character offsets) with ``regex``, plus ``in_quote`` and
        ``speaker`` as ``quotes`` asks; and the number of tokens of the pattern (0 with
        ``regex``).
    """
    length = 0
    if regex:
        rx = safe_regex.compile_user_regex(query)
        docs, starts_c, ends_c = [], [], []
        for i, text in enumerate(corpus["text"].tolist()):
            try:
                found = safe_regex.find_spans(rx, text, timeout)
            except TimeoutError:
                raise ValueError(
                    f"the regular expression {excerpt(query)} took more than "
                    f"{timeout:g} s on document {excerpt(corpus['doc_id'].iloc[i])} "
                    f"(row {i}); simplify it (nested or overlapping repetition such as (a+)+ or "
                    "(a|aa)+ can take exponential time), or raise "
                    "toolkit.safe_regex.REGEX_TIMEOUT"
                ) from None
            for a, b in found:
                if b > a:
                    docs.append(i)
                    starts_c.append(a)
                    ends_c.append(b)
        hits = pd.DataFrame({"doc": docs, "cstart": starts_c, "cend": ends_c}, dtype=np.int64)
    else:
        parsed = parse_pattern(query)
        starts = match_positions(index, parsed)
        hits = pd.DataFrame({"doc": index.doc_of(starts), "tok": starts})
        length = len(parsed.elements)
    if quotes not in QUOTES:
        raise ValueError(f"quotes must be 'all', 'only', 'exclude' or 'mark', got {quotes!r}")
    if quotes != "all" and len(hits):
        from .attribution import in_quoted_speech

        if regex:
            cs, ce = hits["cstart"].to_numpy(), hits["cend"].to_numpy()
        else:
            tok = hits["tok"].to_numpy(dtype=np.int64)
            cs, _ = index.token_offsets(tok)
            _, ce = index.token_offsets(tok + length - 1)
        quoted, who = in_quoted_speech(corpus, hits["doc"].to_numpy(), cs, ce)
        if quotes == "only":
            hits = hits[quoted].assign(speaker=who[quoted])
        elif quotes == "exclude":
            hits = hits[~quoted]
        else:
            hits = hits.assign(in_quote=quoted, speaker=who)
    elif quotes == "mark":
        hits = hits.assign(in_quote=np.zeros(len(hits), dtype=bool), speaker=np.array([], dtype=object))
    return hits, length


def build_lines(
    index: TokenIndex,
    hits: pd.DataFrame,
    length: int,
    *,
    regex: bool,
    window: int,
    by: str | Sequence[str] | None,
    quotes: str,
) -> pd.DataFrame:
    """The concordance lines of some hits (metadata, context and quotation columns).

    Parameters
    ----------
    index : TokenIndex
        The token index the hits were found in.
    hits : pandas.DataFrame
        Rows of :func:`find_hits` output.
    length : int
        Tokens of the pattern (ignored with ``regex``).
    regex, window, by, quotes
        As :func:`concordance`.

    Returns
    -------
    pandas.DataFrame
        One line per hit, in the order given (columns as :func:`concordance` returns).
    """
    if regex:
        lines = lines_from_chars(index, hits["doc"].to_numpy(), hits["cstart"].to_numpy(),
                                 hits["cend"].to_numpy(), window=window)
    else:
        tok = hits["tok"].to_numpy(dtype=np.int64)
        lines = lines_from_tokens(index, tok, tok + length - 1, window=window)
    out = with_meta(index, lines.drop(columns="position"), extra=as_columns(by))
    if quotes == "mark":
        out["in_quote"] = hits["in_quote"].to_numpy(dtype=bool)
    if quotes in ("mark", "only") and "speaker" in hits.columns:
        out["speaker"] = hits["speaker"].to_numpy(dtype=object)
    return out


def finish(out: pd.DataFrame, query: str, sort: str, total_hits: int | None) -> ConcordanceFrame:
    """Sort the lines and wrap them as a :class:`ConcordanceFrame` with its ``attrs``.

    Parameters
    ----------
    out : pandas.DataFrame
        Lines in corpus order (:func:`build_lines`).
    query : str
        The pattern (``attrs["query"]``).
    sort : str
        As :func:`concordance`.
    total_hits : int or None
        ``attrs["total_hits"]`` (None when a sample was drawn).

    Returns
    -------
    ConcordanceFrame
        The concordance.
    """
    out = _sort(out, sort)
    result = ConcordanceFrame(out.reset_index(drop=True))
    result.attrs["query"] = query
    result.attrs["total_hits"] = total_hits
    return result


def part_name(i: int, n_parts: int) -> str:
    """The file name of partition ``i`` of ``n_parts`` (zero-padded: names sort in order).

    Parameters
    ----------
    i : int
        Partition number.
    n_parts : int
        Number of partitions.

    Returns
    -------
    str
        ``part-00000.parquet`` and so on.

    Examples
    --------
    >>> from toolkit.concordance import part_name
    >>> part_name(3, 12)
    'part-00003.parquet'
    """
    width = max(5, len(str(max(n_parts - 1, 0))))
    return f"part-{i:0{width}d}.parquet"


def check_new_folder(path: str | os.PathLike) -> Path:
    """``path`` as a Path, or ``FileExistsError`` if anything exists there already.

    Parameters
    ----------
    path : str or os.PathLike
        The folder :func:`concordance` is asked to write.

    Returns
    -------
    pathlib.Path
        The folder (not created yet: :func:`_staged_folder`).
    """
    folder = Path(os.fspath(path)).expanduser()
    if os.path.lexists(folder):
        raise _exists(folder)
    return folder


@contextlib.contextmanager
def _staged_folder(folder: Path | None) -> Iterator[Path | None]:
    """Write the output folder all or nothing: a staging folder to write the files to.

    A new hidden folder ``.<name>.incomplete-<random>`` is created next to ``folder``
    (its parents are created) and given to the ``with`` block; when the block ends
    without an error, half-written temporary files of workers that died are removed and
    the staging folder is renamed to ``folder`` (``FileExistsError`` if something took
    that name meanwhile). After an error the staging folder is removed (best effort:
    a cancelled task still running elsewhere can only fail to write there), and so are
    the parents this call created, if empty; ``folder`` is not created.

    Parameters
    ----------
    folder : pathlib.Path or None
        From :func:`check_new_folder`; None gives None and writes nothing.

    Yields
    ------
    pathlib.Path or None
        The staging folder to write to.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from toolkit.concordance import _staged_folder
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with _staged_folder(Path(tmp) / "out") as staging:
    ...         _ = (staging / "part-00000.parquet").write_bytes(b"")
    ...         before = sorted(p.name for p in Path(tmp).iterdir()) == [staging.name]
    ...     after = sorted(p.name for p in Path(tmp).iterdir())
    >>> before, after
    (True, ['out'])
    """
    if folder is None:
        yield None
        return
    made = [p for p in reversed(folder.parents) if not os.path.lexists(p)]  # outermost first
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.incomplete-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        yield staging
        for tmp in staging.glob(".part-*.tmp"):  # left by workers that died while writing
            tmp.unlink(missing_ok=True)
        if os.path.lexists(folder):  # rename would replace an empty folder made meanwhile
            raise _exists(folder)
        os.rename(staging, folder)
    except BaseException:
        _discard(staging, made)
        raise


def _discard(staging: Path, made: list[Path]) -> None:
    """Remove a staging folder after an error, then the empty parents created for it."""
    for _ in range(3):  # a task cancelled but still running may add a file meanwhile
        shutil.rmtree(staging, ignore_errors=True)
        if not os.path.lexists(staging):
            break
    for parent in reversed(made):  # innermost first
        try:
            parent.rmdir()
        except OSError:
            break


def _exists(folder: Path) -> FileExistsError:
    return FileExistsError(
        f"concordance: path {str(folder)!r} already exists; concordance writes its Parquet "
        "files to a new folder and never overwrites anything: give a path that does not exist "
        "yet (or move the old folder away)"
    )


def write_part(lines: pd.DataFrame, folder: Path, i: int, n_parts: int) -> None:
    """Write the lines of partition ``i`` to ``folder`` (see "Parquet output" above).

    The file is written under a hidden temporary name and renamed when complete, so a
    reader never sees half a file. The folder is the staging folder this call created
    (:func:`_staged_folder`), so the only file the rename can replace is this partition's
    own, written by an earlier attempt of the same task (a worker that died after
    writing). The folder is never created here: once the client has removed the staging
    folder after an error, a late task fails to write instead of leaving files behind.

    Parameters
    ----------
    lines : pandas.DataFrame
        All lines of the partition, in corpus order (:func:`build_lines`).
    folder : pathlib.Path
        The staging folder (:func:`_staged_folder`).
    i, n_parts : int
        Partition number and number of partitions (the file name, :func:`part_name`).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(lines, preserve_index=False)
    for k, field in enumerate(table.schema):
        if pa.types.is_null(field.type):  # e.g. speaker with no quoted line: a string column
            table = table.set_column(k, field.name, table.column(k).cast(pa.string()))
    final = Path(folder) / part_name(i, n_parts)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


def _sample(hits: pd.DataFrame, meta: pd.DataFrame, by, n: int | None, seed: int) -> pd.DataFrame:
    if n is None:
        return hits
    cols = as_columns(by)
    keys = meta.iloc[hits["doc"].to_numpy()][cols].reset_index(drop=True) if cols else None
    return choose(hits, keys, n, seed)


def choose(hits: pd.DataFrame, keys: pd.DataFrame | None, n: int, seed: int) -> pd.DataFrame:
    """Draw the sample: ``n`` hits at random with ``seed`` (``n`` per group of ``keys``).

    Parameters
    ----------
    hits : pandas.DataFrame
        The hit table of the whole corpus, in corpus order (``doc`` numbered over the
        whole corpus).
    keys : pandas.DataFrame or None
        The grouping values of every hit (row for row), or None for one sample.
    n : int
        Sample size (per group).
    seed : int
        Random seed.

    Returns
    -------
    pandas.DataFrame
        The chosen hits, back in corpus order.
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(hits))
    shuffled = hits.iloc[order]
    if keys is not None:
        keys = keys.iloc[order].reset_index(drop=True)
        keep = keys.groupby(list(keys.columns), dropna=False).cumcount().to_numpy() < n
        shuffled = shuffled[keep]
    else:
        shuffled = shuffled.head(n)
    return shuffled.sort_values(["doc", *([c for c in ("tok", "cstart") if c in shuffled])])


def _sort(out: pd.DataFrame, sort: str) -> pd.DataFrame:
    if sort == "position" or out.empty:
        return out
    if sort == "date" and "date" in out.columns:
        return out.sort_values(["date", "doc_id", "start"], kind="stable")
    if sort == "left":
        key = out["left"].map(lambda s: " ".join(reversed(s.lower().split())))
        return out.assign(_k=key).sort_values(["_k", "match"], kind="stable").drop(columns="_k")
    if sort == "right":
        key = out["right"].str.lower().str.strip()
        return out.assign(_k=key).sort_values(["_k", "match"], kind="stable").drop(columns="_k")
    raise ValueError(f"sort must be 'position', 'left', 'right' or 'date', got {sort!r}")
