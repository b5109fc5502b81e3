"""House-style spelling variants: count ``U.S.`` and ``US``, ``Zelenskiy`` and ``Zelensky`` as one.

Outlets spell the same thing differently (the Guardian writes *US*, *Zelenskiy* and
*defence*; the New York Times *U.S.*, *Zelensky* and *defense*). Compared by source, these
house styles top a keyness table although they say nothing about framing. A *variant
map* is a table (tidytext style) with one row per spelling to merge::

    variant, canonical, group, note
    u.s.,    us,        abbreviation, ...
    zelenskiy, zelensky, name, ...

``variant`` is a spelling as the tokeniser produces it (lowercase: ``u.s.``, not
``U.S.``); ``canonical`` the type it is counted as. A row also covers the possessive of
its variant (``zelenskiy's`` is counted as ``zelensky's``). newsframes bundles an
editable map, ``data/variants.csv`` (described in ``data/variants.md``), with four
groups: ``abbreviation`` (dotted forms), ``name`` (transliterations of people's names),
``spelling`` (British -> American spelling for a curated list of news words) and
``framing`` (Russian-derived -> Ukrainian-derived place names: *Kiev* -> *Kyiv*). The
``framing`` group is a choice of the writer, not a house style, so it is **not applied
unless asked** (``include_framing=True``).

``u.s.`` is mapped to ``us``: once lowercased, the Guardian's *US* is already the same
type as the pronoun *us*, so the only vocabulary-level mapping that makes the two outlets
comparable is to count the NYT's *U.S.* there too. The type ``us`` then counts the
country (any spelling) and the pronoun, in every source alike. To count the country
alone, search the original case (``toolkit.concordance``) or count ``united states``.
*U.S.-led* (two tokens, ``u.s.`` ``led``) and *US-led* (one token) cannot be merged by a
word-level map.

The map is applied by the token index (:meth:`toolkit.index.TokenIndex.view` with
``variants=``): every type of the vocabulary is looked up once, and the token ids are
mapped through an array, without tokenising again; the view is cached per map. Counting
functions take ``variants=`` and pass it on (:func:`toolkit.word_frequencies`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .schema import CorpusError
from .tokenize import TOKEN_REGEX, normalise_apostrophes

if TYPE_CHECKING:
    from .index import TokenIndex

__all__ = [
    "FRAMING_GROUP",
    "VARIANT_COLUMNS",
    "bundled_variants_path",
    "load_variants",
    "validate_variants",
    "variant_stop_mask",
]

VARIANT_COLUMNS: tuple[str, ...] = ("variant", "canonical", "group", "note")
"""Columns of a variant map (``variant`` and ``canonical`` are required)."""

FRAMING_GROUP = "framing"
"""The group of variants that encode a point of view (*Kiev*/*Kyiv*): never applied by
default."""

def bundled_variants_path() -> Path:
    """Path of the bundled variant map, ``variants.csv`` in the data folder.

    Returns
    -------
    pathlib.Path
        ``data/variants.csv`` (see :func:`toolkit.paths.data_dir`).

    Examples
    --------
    >>> from toolkit.variants import bundled_variants_path
    >>> bundled_variants_path().name
    'variants.csv'
    """
    from .paths import data_dir

    return data_dir() / "variants.csv"


def load_variants(
    path: str | Path | None = None,
    *,
    groups: str | Sequence[str] | None = None,
    include_framing: bool = False,
) -> pd.DataFrame:
    """Read a variant map (the bundled one by default), checked.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with columns ``variant`` and ``canonical`` (and optionally ``group``
        and ``note``); the bundled ``data/variants.csv`` by default. Copy it, edit it
        and pass the copy to use your own.
    groups : str or list of str, optional
        Keep only these groups (e.g. ``["abbreviation", "name"]``); all groups but
        ``framing`` by default.
    include_framing : bool, default False
        Also keep the ``framing`` group (Russian-derived place names such as *Kiev*,
        *Kharkov*, *Odessa* counted as *Kyiv*, *Kharkiv*, *Odesa*). Listing
        ``"framing"`` in ``groups`` does the same.

    Returns
    -------
    pandas.DataFrame
        Columns ``variant``, ``canonical``, ``group``, ``note``; one row per variant.

    Raises
    ------
    toolkit.CorpusError
        When the table is malformed (see :func:`validate_variants`); the message names
        the file and the line.
    ValueError
        For a group that is not in the table.

    Examples
    --------
    >>> from toolkit.variants import load_variants
    >>> table = load_variants()
    >>> table.columns.tolist()
    ['variant', 'canonical', 'group', 'note']
    >>> table.set_index("variant").loc[["u.s.", "zelenskiy", "defence"], "canonical"].tolist()
    ['us', 'zelensky', 'defense']
    >>> "kiev" in set(table["variant"])        # framing: kept apart by default
    False
    >>> "kiev" in set(load_variants(include_framing=True)["variant"])
    True
    """
    file = Path(path).expanduser() if path is not None else bundled_variants_path()
    if not file.is_file():
        raise FileNotFoundError(f"variant map not found: {file}")
    stat = file.stat()
    table = _read_checked(str(file.resolve()), stat.st_mtime_ns, stat.st_size)
    wanted = [groups] if isinstance(groups, str) else (list(groups) if groups is not None else None)
    present = list(dict.fromkeys(table["group"]))
    if wanted is None:
        wanted = [g for g in present if g != FRAMING_GROUP]
    unknown = [g for g in wanted if g not in present]
    if unknown:
        raise ValueError(f"unknown variant group(s) {unknown} in {file}; groups found: {present}")
    if include_framing and FRAMING_GROUP not in wanted:
        wanted.append(FRAMING_GROUP)
    return table[table["group"].isin(wanted)].reset_index(drop=True)


@lru_cache(maxsize=8)
def _read_checked(file: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    """Read and check a map file once per version (the caller copies the result)."""
    raw = pd.read_csv(file, dtype=str, keep_default_na=False, skipinitialspace=True)
    return validate_variants(raw, source=file)


def validate_variants(
    table: pd.DataFrame, *, lowercase: bool = True, source: str | None = None
) -> pd.DataFrame:
    """Check a variant map and return it clean.

    Cells are stripped, curly apostrophes made straight and (with ``lowercase``)
    lowercased, as the tokeniser does; rows mapping a spelling to itself and exact
    duplicate rows are dropped.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``variant`` and ``canonical``; ``group`` (default ``"user"``) and
        ``note`` are optional.
    lowercase : bool, default True
        Lowercase the spellings (the token index is lowercase by default).
    source : str, optional
        File the table was read from (named in error messages).

    Returns
    -------
    pandas.DataFrame
        Columns ``variant``, ``canonical``, ``group``, ``note``.

    Raises
    ------
    toolkit.CorpusError
        A required column is missing; a cell is empty; a spelling is not exactly one
        token; a variant is mapped to two different canonical forms; or a chain
        (``a -> b`` and ``b -> c``: map ``a`` to ``c`` directly). The message names the
        row (the line, for a file).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.variants import validate_variants
    >>> mine = pd.DataFrame({"variant": ["Zelenskiy", "zelensky"], "canonical": ["Zelensky", "zelensky"]})
    >>> validate_variants(mine).values.tolist()     # lowercased; the identity row dropped
    [['zelenskiy', 'zelensky', 'user', '']]
    >>> bad = pd.DataFrame({"variant": ["a", "b"], "canonical": ["b", "c"]})
    >>> validate_variants(bad)
    Traceback (most recent call last):
    ...
    toolkit.schema.CorpusError: variant map: row 0 maps 'a' to 'b', but row 1 maps 'b' to 'c' (a chain): map 'a' to 'c' directly
    """
    where_all = f"variant map {source}" if source else "variant map"
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"a variant map is a DataFrame with columns 'variant' and 'canonical', got {type(table).__name__}")
    missing = [c for c in ("variant", "canonical") if c not in table.columns]
    if missing:
        raise CorpusError(
            f"{where_all}: missing column(s) {missing} (columns found: {list(table.columns)}); "
            "a variant map needs 'variant' and 'canonical' (and optionally 'group', 'note')"
        )

    def where(pos: int) -> str:
        return f"line {pos + 2}" if source else f"row {table.index[pos]!r}"

    out = pd.DataFrame(index=range(len(table)))
    for col in VARIANT_COLUMNS:
        if col in table.columns:
            values = table[col].astype(object).where(table[col].notna(), "")
            out[col] = [normalise_apostrophes(str(v)).strip() for v in values]
        else:
            out[col] = "user" if col == "group" else ""
    for col in ("variant", "canonical"):
        if lowercase:
            out[col] = out[col].str.lower()
        for pos, value in enumerate(out[col]):
            if not value:
                raise CorpusError(f"{where_all}: {where(pos)} has an empty {col!r}")
            if TOKEN_REGEX.fullmatch(value) is None:
                from .tokenize import tokenize

                raise CorpusError(
                    f"{where_all}: {where(pos)}: {col} {value!r} is not one token (the tokeniser "
                    f"gives {tokenize(value, lowercase=lowercase)}); a variant map merges single "
                    "words, not phrases"
                )
    keep = (out["variant"] != out["canonical"]).to_numpy().copy()
    first: dict[str, int] = {}
    for pos in np.flatnonzero(keep).tolist():
        v, c = out.at[pos, "variant"], out.at[pos, "canonical"]
        if v in first:
            prev = first[v]
            if out.at[prev, "canonical"] != c:
                raise CorpusError(
                    f"{where_all}: {where(pos)} maps {v!r} to {c!r}, but {where(prev)} maps it "
                    f"to {out.at[prev, 'canonical']!r}: a variant has one canonical form"
                )
            keep[pos] = False  # an exact duplicate
        else:
            first[v] = pos
    for pos in np.flatnonzero(keep).tolist():
        v, c = out.at[pos, "variant"], out.at[pos, "canonical"]
        nxt = first.get(c)
        if nxt is not None:
            raise CorpusError(
                f"{where_all}: {where(pos)} maps {v!r} to {c!r}, but {where(nxt)} maps {c!r} to "
                f"{out.at[nxt, 'canonical']!r} (a chain): map {v!r} to "
                f"{out.at[nxt, 'canonical']!r} directly"
            )
    return out[keep].reset_index(drop=True)


_DEFAULT: dict[bool, tuple[pd.DataFrame, str]] = {}


def resolve_variants(variants: Any, *, lowercase: bool = True) -> tuple[pd.DataFrame, str] | None:
    """The checked map and its content key for a ``variants=`` argument (None: no map).

    ``None``/``False``: no map; ``True``: the bundled map (without ``framing``); a
    DataFrame: that map (checked); a path: a CSV file read with :func:`load_variants`
    (every group but ``framing``).

    Parameters
    ----------
    variants : bool, pandas.DataFrame, str, pathlib.Path or None
        The ``variants=`` argument of a counting function.
    lowercase : bool, default True
        Whether the index the map is for is lowercased.

    Returns
    -------
    tuple of pandas.DataFrame and str, or None
        The checked map and :func:`variant_key` of it; None for no map.
    """
    if variants is None or variants is False:
        return None
    if variants is True:
        file = bundled_variants_path()
        stat = file.stat()
        stamp = f"{file}:{stat.st_mtime_ns}:{stat.st_size}"
        hit = _DEFAULT.get(lowercase)
        if hit is None or hit[1] != stamp:
            table = validate_variants(load_variants(file), lowercase=lowercase)
            hit = _DEFAULT[lowercase] = (table, stamp)
        table = hit[0]
    elif isinstance(variants, pd.DataFrame):
        table = validate_variants(variants, lowercase=lowercase)
    elif isinstance(variants, (str, Path)):
        table = validate_variants(load_variants(variants), lowercase=lowercase)
    else:
        raise TypeError(
            "variants must be None, True (the bundled map), a DataFrame with columns "
            f"'variant' and 'canonical', or a CSV path; got {type(variants).__name__}"
        )
    return table, variant_key(table)


def variant_key(table: pd.DataFrame) -> str:
    """A hash of a map's content (its ``variant -> canonical`` pairs, in any order).

    Parameters
    ----------
    table : pandas.DataFrame
        A checked map (:func:`validate_variants`).

    Returns
    -------
    str
        A SHA-256 hex digest: equal for maps with the same pairs.
    """
    pairs = sorted(zip(table["variant"], table["canonical"], strict=True))
    text = "\n".join(f"{v}\t{c}" for v, c in pairs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_lookup(vocab: np.ndarray, vocab_index: pd.Index, table: pd.DataFrame) -> np.ndarray:
    """Canonical spelling of every type of a vocabulary (object array, aligned with it).

    Possessives follow their word (``zelenskiy's`` -> ``zelensky's``) unless the map
    lists the possessive itself.

    Parameters
    ----------
    vocab : numpy.ndarray
        The types of an index.
    vocab_index : pandas.Index
        The same as an Index (for look-ups).
    table : pandas.DataFrame
        A checked map.

    Returns
    -------
    numpy.ndarray
        The canonical spelling of each type (the type itself when not in the map).
    """
    canon = np.array(vocab, dtype=object, copy=True)
    v = table["variant"].to_numpy(dtype=object)
    c = table["canonical"].to_numpy(dtype=object)
    for variants, canonicals in ((v + "'s", c + "'s"), (v, c)):  # explicit rows last: they win
        pos = vocab_index.get_indexer(variants)
        hit = pos >= 0
        canon[pos[hit]] = canonicals[hit]
    return canon


def variant_stop_mask(view: TokenIndex, stopwords: Iterable[str]) -> np.ndarray:
    """Which types of a view are stop words, for views with a variant map.

    A canonical type is a stop word only when every spelling behind it is (the rule
    :func:`toolkit.counts.stop_mask` applies to stems): ``us`` stays when the corpus
    writes ``u.s.``, because ``u.s.`` is no stop word. Views without a variant map get
    :func:`toolkit.counts.stop_mask` unchanged.

    Parameters
    ----------
    view : TokenIndex
        The index counted.
    stopwords : iterable of str
        The stop words.

    Returns
    -------
    numpy.ndarray
        Boolean mask over ``view.vocab``.
    """
    from .counts import stop_mask

    stop = set(stopwords)
    base = view.word_index if view.n > 1 else view
    if not stop or base is None or base.variant_of_form is None:
        return stop_mask(view, stop)
    form_is_stop = pd.Index(base.variant_forms).isin(list(stop))
    content = np.bincount(base.variant_of_form, weights=~form_is_stop, minlength=len(base.vocab))
    word_mask = content == 0
    if view.n == 1:
        return word_mask
    comp = view.components
    return word_mask[comp[:, 0]] | word_mask[comp[:, -1]]
