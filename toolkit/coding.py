"""Coding sheets: hand-code sampled units in Excel (or a CSV), and read the codes back.

Validating a frame measure (see :mod:`toolkit.sampling`) needs human codes for a sample
of units. :func:`write_coding_sheet` writes one row per unit with what the coder reads
(the article, or the sentence and a little context) and one empty code column per frame;
:func:`read_codes` reads the filled sheet back, checks it strictly and returns a tidy
table of codes.

Good practice built in (Krippendorff 2019, ch. 7; Neuendorf 2017, ch. 6; Song et al. 2020):

* **Blind coding.** The sheet never shows the dictionary's predictions, the strata or the
  sampling weights, and the units come in random order (``sample_for_coding`` shuffles
  them), so coders are not steered by the measure they validate. The codebook shows the
  frames' definitions, not their keywords.
* **A codebook next to the data.** The Excel file has a ``codebook`` sheet (definition,
  include and exclude rules, an example, the allowed codes per frame) and an
  ``instructions`` sheet. Code cells only accept the allowed values (Excel data
  validation).
* **Safe cells.** Article text is data, never a formula: in the Excel file every text cell
  is stored as a string (a text starting with ``=``, ``+``, ``-`` or ``@`` stays literal
  text); in the CSV such a text gets a leading apostrophe (``'=...``), which Excel hides
  and :func:`read_codes` removes (the OWASP advice against CSV injection).
* **Strict reading.** Every problem of a returned sheet (an unknown, duplicated or empty
  unit id, a code that is not allowed, a missing column, a renamed sheet) is reported at
  once, each with the sheet, the row as Excel shows it (header = row 1) and the column
  letter and name.

References
----------
* Krippendorff, K. (2019). *Content Analysis: An Introduction to Its Methodology*, 4th ed.
* Neuendorf, K. A. (2017). *The Content Analysis Guidebook*, 2nd ed.
* Song, H. et al. (2020). In validations we trust? *Political Communication* 37(4).
* OWASP. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .schema import TEXT_DTYPE, CorpusError, CorpusWarning

if TYPE_CHECKING:
    from .lexicon import Lexicon

__all__ = ["write_coding_sheet", "read_codes", "UNITS_SHEET", "CODEBOOK_COLUMNS"]

UNITS_SHEET = "units"
"""Name of the sheet with the units and codes in a coding workbook."""

CODEBOOK_COLUMNS: tuple[str, ...] = ("frame", "label", "definition", "include", "exclude", "example")
"""Columns of a codebook table (only ``frame`` is required)."""

# columns a coding sheet has besides the code columns
_FIXED = ("unit_id", "doc_id", "sentence", "start", "end", "source", "date", "title", "text",
          "context", "coder", "notes")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_MAX = 32_767
_TRUNCATED = " [... cut: Excel cells hold at most 32,767 characters]"
_YES_NO = {"yes", "no", "y", "n", "true", "false", "x"}

Context = Literal["text", "kwic"]
PathLike = str | os.PathLike


def write_coding_sheet(
    units: pd.DataFrame,
    corpus: pd.DataFrame,
    path: PathLike,
    *,
    frames: str | Sequence[str],
    lexicon: Lexicon | str | None = None,
    codebook: pd.DataFrame | None = None,
    allowed: Sequence[Any] | Mapping[str, Sequence[Any]] = (0, 1),
    context: Context = "text",
    window: int = 30,
    overwrite: bool = False,
) -> Path:
    """Write a coding sheet: one row per unit, one empty code column per frame.

    Parameters
    ----------
    units : pandas.DataFrame
        The units to code: ``sample_for_coding`` output (``unit_id``, ``doc_id``, and
        ``start``/``end`` for sentences), or any table with ``doc_id`` (each article is
        a unit). Rows are written in this order.
    corpus : pandas.DataFrame
        The corpus the units come from (for ``source``, ``date``, ``title``, ``text``).
    path : str or path-like
        The file to write: ``.xlsx`` (sheets ``units``, ``codebook``, ``instructions``) or
        ``.csv`` (the units only, UTF-8 with a byte-order mark so Excel reads it).
    frames : str or sequence of str
        The frames to code, one code column each (in this order). With ``lexicon``, a
        group name (``"war_name"``) stands for its frames.
    lexicon : Lexicon or str, optional
        The frames' lexicon (see :func:`toolkit.load_lexicon`): the codebook's definitions
        when no ``codebook`` is given, and the matches shown with ``context="kwic"``.
    codebook : pandas.DataFrame, optional
        One row per frame: ``frame`` and any of ``label``, ``definition``, ``include``,
        ``exclude``, ``example``. Every frame coded needs a row.
    allowed : sequence or mapping, default (0, 1)
        The allowed codes, for every frame, or a mapping frame -> codes. Excel only
        accepts these in the code cells.
    context : {"text", "kwic"}, default "text"
        For article units: ``"text"`` shows the whole text (column ``text``); ``"kwic"``
        shows only the frames' matches with ``window`` words each side, one line per
        match (column ``context``; needs ``lexicon``). Sentence units always show the
        sentence (``text``) and the sentence in its surroundings (``context``, the
        sentence between ``>>> `` and `` <<<``, ``window`` words each side).
    window : int, default 30
        Words of context on each side.
    overwrite : bool, default False
        Replace an existing file. Without it an existing file is never touched.

    Returns
    -------
    pathlib.Path
        The file written. Columns of the units sheet: ``unit_id``, ``doc_id``
        (``sentence``, ``start``, ``end`` for sentences), ``source``, ``date``, ``title``,
        ``text`` and/or ``context``, one column per frame (empty), ``coder``, ``notes``.

    Raises
    ------
    FileExistsError
        ``path`` exists and ``overwrite`` is False.
    CorpusError
        A unit's ``doc_id`` is not in the corpus, a unit id is repeated, or a frame has no
        codebook row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import toolkit
    >>> from toolkit.sampling import sample_for_coding
    >>> from toolkit.coding import write_coding_sheet, read_codes
    >>> corpus = toolkit.load_demo()
    >>> sample = sample_for_coding(corpus, 6, stratify="source", seed=2)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_coding_sheet(sample, corpus, folder / "codes.xlsx",
    ...                           frames=["negotiation", "escalation"], lexicon="war_framing")
    >>> import openpyxl
    >>> openpyxl.load_workbook(path).sheetnames
    ['units', 'codebook', 'instructions']
    >>> codes = read_codes(path, missing="keep")     # nothing coded yet
    >>> codes.shape, int(codes["code"].isna().sum())
    ((12, 4), 12)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"write_coding_sheet writes .xlsx or .csv files, not {path.name!r}")
    if context not in ("text", "kwic"):
        raise ValueError(f"write_coding_sheet: context must be 'text' or 'kwic', got {context!r}")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ValueError(f"write_coding_sheet: window must be a whole number >= 0, got {window!r}")
    lex = None
    if lexicon is not None:
        from .lexicon import load_lexicon

        lex = load_lexicon(lexicon)
    names = _frame_names(frames, lex)
    codes_allowed = _allowed_per_frame(allowed, names)
    book = _codebook(names, lex, codebook, codes_allowed)
    if context == "kwic" and lex is None:
        raise ValueError("write_coding_sheet: context='kwic' needs the lexicon whose matches it shows")
    if path.is_dir():
        raise IsADirectoryError(f"write_coding_sheet: {path} is a folder; give a file name ending in {suffix or '.xlsx'}")
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise FileExistsError(f"{path} already exists; pass overwrite=True to replace it")
    sheet = _sheet_table(units, corpus, names, lex, context, int(window))
    path.parent.mkdir(parents=True, exist_ok=True)
    from .io import _new_temporary, _os_error

    tmp: Path | None = None
    try:
        tmp, handle = _new_temporary(path)
        with handle:
            if suffix == ".csv":
                _write_csv(sheet, handle)
            else:
                _write_xlsx(sheet, book, codes_allowed, handle)
        os.replace(tmp, path)
    except OSError as err:
        raise _os_error(err, f"write_coding_sheet: cannot write {path}") from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def read_codes(
    path: PathLike,
    *,
    frames: str | Sequence[str] | None = None,
    units: pd.DataFrame | Sequence[str] | None = None,
    allowed: Sequence[Any] | Mapping[str, Sequence[Any]] = (0, 1),
    missing: Literal["error", "keep", "drop"] = "error",
) -> pd.DataFrame:
    """Read a filled coding sheet back, checking every cell.

    A code is accepted when it equals an allowed value: for numeric codes ``1``, ``1.0``
    and the text ``"1"`` (spaces around it ignored) are the same code; text codes are
    compared without regard to case and come back spelt as in ``allowed``. Nothing else
    is guessed: ``"yes"``, ``"x"``, ``"maybe"`` or ``2`` are problems (the message says
    what to write instead). A leading apostrophe that :func:`write_coding_sheet` put in
    front of a CSV text starting with ``=``, ``+``, ``-`` or ``@`` is removed.

    Parameters
    ----------
    path : str or path-like
        A ``.xlsx`` file (its ``units`` sheet) or a ``.csv`` file.
    frames : str or sequence of str, optional
        The code columns to read; each must be there. None: every column that is not one
        of the sheet's fixed columns (``unit_id``, ``doc_id``, ``sentence``, ``start``,
        ``end``, ``source``, ``date``, ``title``, ``text``, ``context``, ``coder``,
        ``notes``).
    units : pandas.DataFrame or sequence of str, optional
        The units that were sampled (a table with ``unit_id`` or ``doc_id``, or the ids):
        an id not among them is a problem; units absent from the sheet are named in a
        :class:`~toolkit.schema.CorpusWarning`.
    allowed : sequence or mapping, default (0, 1)
        The allowed codes, for every frame or per frame (mapping frame -> codes).
    missing : {"error", "keep", "drop"}, default "error"
        An empty code cell is a problem (``"error"``), a missing code (``"keep"``: the
        ``code`` is missing), or left out (``"drop"``).

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per unit and frame, in sheet order: ``unit_id``, ``frame``,
        ``code`` (``Int64`` when every allowed code is a whole number, else text) and
        ``coder`` (text, missing when the sheet has none). For one column per frame:
        ``codes.pivot(index="unit_id", columns="frame", values="code")``. ``attrs["path"]``
        names the file.

    Raises
    ------
    CorpusError
        One error listing every problem found, each with sheet, row and column.
    FileNotFoundError
        ``path`` does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from toolkit.coding import read_codes
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "codes.csv"
    >>> _ = path.write_text("unit_id,negotiation,coder\\na1,1,ana\\na2,yes,ana\\n")
    >>> read_codes(path)
    Traceback (most recent call last):
    ...
    toolkit.schema.CorpusError: read_codes: 1 problem in ...codes.csv:
      - row 3, column B (negotiation): 'yes' is not an allowed code (allowed: 0, 1); write 1 for yes, 0 for no
    >>> _ = path.write_text("unit_id,negotiation,coder\\na1,1,ana\\na2,0.0,ana\\n")
    >>> read_codes(path)["code"].tolist()
    [1, 0]
    """
    path = Path(path)
    if missing not in ("error", "keep", "drop"):
        raise ValueError(f"read_codes: missing must be 'error', 'keep' or 'drop', got {missing!r}")
    if not path.exists():
        raise FileNotFoundError(f"read_codes: {path} does not exist")
    if path.is_dir():
        raise IsADirectoryError(f"read_codes: {path} is a folder; give the coding sheet's file")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise CorpusError(f"read_codes: {path} is neither an Excel (.xlsx) nor a CSV (.csv) file")
    if path.stat().st_size == 0:
        raise CorpusError(f"read_codes: {path} is empty (0 bytes); was the coding sheet saved?")
    where = f"{path}"
    if suffix == ".csv":
        header, rows, sheet = _read_csv(path)
    else:
        header, rows, sheet = _read_xlsx(path)
    if sheet:
        where = f"{path}, sheet {sheet!r}"
    problems: list[str] = []

    def at(row: int | None, col: int | None) -> str:
        parts = []
        if sheet:
            parts.append(f"sheet {sheet!r}")
        if row is not None:
            parts.append(f"row {row}")
        if col is not None:
            parts.append(f"column {_letter(col)} ({header[col]})")
        return ", ".join(parts)

    names = [str(h).strip() if h is not None else "" for h in header]
    header = names
    if not any(names):
        raise CorpusError(f"read_codes: {where} has no header row (row 1 must name the columns)")
    seen: dict[str, int] = {}
    for j, name in enumerate(names):
        if name and name in seen:
            problems.append(f"{at(1, j)}: the column name also heads column {_letter(seen[name])}")
        seen.setdefault(name, j)
    if "unit_id" not in seen:
        raise CorpusError(
            f"read_codes: {where} has no 'unit_id' column (row 1 names: {[n for n in names if n]}); "
            "the first column of a coding sheet must stay 'unit_id'"
        )
    if frames is None:
        wanted = [n for n in names if n and n not in _FIXED and not n.startswith("Unnamed")]
        if not wanted:
            raise CorpusError(f"read_codes: {where} has no code columns (only {[n for n in names if n]})")
    else:
        wanted = [frames] if isinstance(frames, str) else [str(f) for f in frames]
        absent = [f for f in wanted if f not in seen]
        for f in absent:
            problems.append(f"{where}: no code column {f!r} in row 1 (columns: {[n for n in names if n]})")
        wanted = [f for f in wanted if f in seen]
    per_frame = _allowed_per_frame(allowed, wanted)
    known = _known_units(units)
    id_col = seen["unit_id"]
    coder_col = seen.get("coder")
    out_rows: list[tuple[str, str, Any, Any]] = []
    first_row: dict[str, int] = {}
    for r, values in rows:
        cells = list(values) + [None] * (len(names) - len(values))
        uid = _clean(cells[id_col])
        if uid is None:
            if any(_clean(cells[seen[f]]) is not None for f in wanted):
                problems.append(f"{at(r, id_col)}: the unit id is empty but the row has codes")
            continue
        uid = str(uid)
        if uid in first_row:
            problems.append(f"{at(r, id_col)}: unit id {uid!r} is repeated (first in row {first_row[uid]})")
            continue
        first_row[uid] = r
        if known is not None and uid not in known:
            problems.append(f"{at(r, id_col)}: unit id {uid!r} is not one of the sampled units")
        coder = _clean(cells[coder_col]) if coder_col is not None else None
        for f in wanted:
            j = seen[f]
            raw = _clean(cells[j])
            if raw is None:
                if missing == "error":
                    problems.append(f"{at(r, j)}: the code is empty (pass missing='keep' to allow it)")
                elif missing == "keep":
                    out_rows.append((uid, f, None, coder))
                continue
            code, message = _parse_code(raw, per_frame[f])
            if message:
                problems.append(f"{at(r, j)}: {message}")
            else:
                out_rows.append((uid, f, code, coder))
    if not first_row and not problems:
        problems.append(f"{where}: no units below the header row")
    if known is not None:
        absent_units = [u for u in known if u not in first_row]
        if absent_units:
            warnings.warn(
                f"read_codes: {len(absent_units)} sampled units are not in {path}: {absent_units[:5]}",
                CorpusWarning, stacklevel=2,
            )
    if problems:
        head = f"read_codes: {len(problems)} problem{'s' if len(problems) > 1 else ''} in {path}:"
        raise CorpusError("\n  - ".join([head, *problems]))
    out = pd.DataFrame(out_rows, columns=["unit_id", "frame", "code", "coder"])
    out["frame"] = pd.Categorical(out["frame"], categories=wanted)
    numeric = all(_is_whole(v) for f in wanted for v in per_frame[f])
    if numeric:
        out["code"] = out["code"].astype("Int64")
    else:
        out["code"] = pd.Series([None if v is None else str(v) for v in out["code"]], dtype=TEXT_DTYPE)
    out["coder"] = pd.Series([None if v is None else str(v) for v in out["coder"]], dtype=TEXT_DTYPE)
    out["unit_id"] = out["unit_id"].astype(TEXT_DTYPE)
    out.attrs = {"path": str(path), "frames": wanted}
    return out


# ------------------------------------------------------------------ writing helpers
def _frame_names(frames: str | Sequence[str], lex: Any) -> list[str]:
    if lex is not None:
        return list(lex.select(frames).frame_names)
    names = [frames] if isinstance(frames, str) else [str(f) for f in frames]
    if not names:
        raise ValueError("write_coding_sheet: give at least one frame to code")
    return names


def _allowed_per_frame(allowed: Any, names: list[str]) -> dict[str, tuple]:
    if isinstance(allowed, Mapping):
        missing = [f for f in names if f not in allowed]
        if missing:
            raise ValueError(f"allowed has no codes for frames {missing}")
        out = {f: tuple(allowed[f]) for f in names}
    else:
        if isinstance(allowed, str):
            raise ValueError(f"allowed must be a list of codes, e.g. (0, 1), not the text {allowed!r}")
        out = {f: tuple(allowed) for f in names}
    for f, codes in out.items():
        if not codes:
            raise ValueError(f"allowed: no codes for frame {f!r}")
    return out


def _codebook(names: list[str], lex: Any, codebook: pd.DataFrame | None, allowed: dict) -> pd.DataFrame:
    if codebook is not None:
        if not isinstance(codebook, pd.DataFrame) or "frame" not in codebook.columns:
            raise CorpusError("write_coding_sheet: codebook must be a table with a 'frame' column")
        table = codebook.copy()
        table["frame"] = table["frame"].astype(str)
        absent = [f for f in names if f not in set(table["frame"])]
        if absent:
            raise CorpusError(f"write_coding_sheet: the codebook has no row for frames {absent}")
        table = table.drop_duplicates("frame").set_index("frame").reindex(names).reset_index()
    else:
        rows = []
        for f in names:
            frame = lex[f] if lex is not None and f in lex else None
            rows.append({
                "frame": f,
                "label": frame.label if frame else f,
                "definition": frame.definition if frame else "",
                "reference": (frame.reference or "") if frame else "",
            })
        table = pd.DataFrame(rows)
    for col in CODEBOOK_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    extra = [c for c in table.columns if c not in CODEBOOK_COLUMNS]
    table = table[[*CODEBOOK_COLUMNS, *extra]].fillna("")
    table["allowed codes"] = [", ".join(map(str, allowed[f])) for f in table["frame"]]
    return table


def _sheet_table(
    units: pd.DataFrame, corpus: pd.DataFrame, names: list[str], lex: Any, context: str, window: int
) -> pd.DataFrame:
    if not isinstance(units, pd.DataFrame) or not ({"unit_id", "doc_id"} & set(units.columns)):
        raise CorpusError(
            "write_coding_sheet expects the units to code: the table returned by sample_for_coding "
            "(or any table with a 'doc_id' column)"
        )
    if not isinstance(corpus, pd.DataFrame) or not {"doc_id", "text"} <= set(corpus.columns):
        raise CorpusError("write_coding_sheet expects a corpus (with 'doc_id' and 'text') as its second argument")
    table = units.reset_index(drop=True)
    if "doc_id" not in table.columns:
        raise CorpusError("write_coding_sheet: the units have no 'doc_id' column")
    doc = table["doc_id"].astype(str)
    uid = table["unit_id"].astype(str) if "unit_id" in table.columns else doc
    dup = uid[uid.duplicated()]
    if len(dup):
        raise CorpusError(f"write_coding_sheet: unit ids are repeated: {sorted(set(dup))[:5]}")
    names_clash = [f for f in names if f in _FIXED]
    if names_clash:
        raise CorpusError(f"write_coding_sheet: frames may not be called {names_clash} (a column of the sheet)")
    by_id = corpus.assign(doc_id=corpus["doc_id"].astype(str)).drop_duplicates("doc_id").set_index("doc_id")
    unknown = sorted(set(doc) - set(by_id.index))
    if unknown:
        raise CorpusError(f"write_coding_sheet: units whose doc_id is not in the corpus: {unknown[:5]}")
    articles = by_id.loc[doc]
    sentence = {"start", "end"} <= set(table.columns)
    out = pd.DataFrame({"unit_id": uid.to_numpy(), "doc_id": doc.to_numpy()})
    if sentence:
        for col in ("sentence", "start", "end"):
            if col in table.columns:
                out[col] = table[col].to_numpy()
    for col in ("source", "date", "title"):
        out[col] = articles[col].to_numpy() if col in articles.columns else ""
    out["date"] = [_date_text(d) for d in out["date"]]
    texts = articles["text"].astype(str).tolist()
    if sentence:
        starts, ends = table["start"].astype(int).tolist(), table["end"].astype(int).tolist()
        out["text"] = [t[s:e] for t, s, e in zip(texts, starts, ends, strict=True)]
        out["context"] = [_around(t, s, e, window) for t, s, e in zip(texts, starts, ends, strict=True)]
    elif context == "text":
        out["text"] = texts
    else:
        out["context"] = _kwic(corpus, doc.tolist(), lex, names, window)
    for f in names:
        out[f] = None
    out["coder"] = None
    out["notes"] = None
    return out


def _date_text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


_WORD = re.compile(r"\S+")


def _around(text: str, start: int, end: int, window: int) -> str:
    before = [m.start() for m in _WORD.finditer(text, 0, start)]
    after = [m.end() for m in _WORD.finditer(text, end)]
    a = before[-window] if window and len(before) >= window else (before[0] if before and window else start)
    b = after[window - 1] if window and len(after) >= window else (after[-1] if after and window else end)
    left = ("... " if a > 0 else "") + text[a:start].replace("\n", " ").strip()
    right = text[end:b].replace("\n", " ").strip() + (" ..." if b < len(text) else "")
    return f"{left} >>> {text[start:end].strip()} <<< {right}".strip()


def _kwic(corpus: pd.DataFrame, docs: list[str], lex: Any, names: list[str], window: int) -> list[str]:
    from .frames import frame_matches

    wanted = set(docs)
    subset = corpus[corpus["doc_id"].astype(str).isin(wanted)]
    lines = frame_matches(subset, lex, frames=names, window=window)
    by_doc: dict[str, list[str]] = {}
    for d, left, match, right in zip(
        lines["doc_id"].astype(str), lines["left"], lines["match"], lines["right"], strict=True
    ):
        line = f"... {str(left).strip()} [{str(match).strip()}] {str(right).strip()} ...".replace("\n", " ")
        by_doc.setdefault(d, []).append(line)
    return ["\n".join(by_doc.get(d, ["(no match of these frames)"])) for d in docs]


def _defuse(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe (CSV)."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _write_csv(sheet: pd.DataFrame, handle: Any) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(list(sheet.columns))
    for row in sheet.itertuples(index=False):
        writer.writerow(["" if v is None else _defuse(v) for v in row])
    handle.write(text.getvalue().encode("utf-8-sig"))


def _cell_text(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > _EXCEL_MAX:
            value = value[: _EXCEL_MAX - len(_TRUNCATED)] + _TRUNCATED
    elif isinstance(value, np.integer):
        value = int(value)
    return value


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col, value=_cell_text(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # literal text, never a formula
    return cell


def _write_xlsx(sheet: pd.DataFrame, book: pd.DataFrame, allowed: dict, handle: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = UNITS_SHEET
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    columns = list(sheet.columns)
    for j, name in enumerate(columns, start=1):
        _put(ws, 1, j, name).font = bold
    for i, row in enumerate(sheet.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            if value is not None:
                _put(ws, i, j, value).alignment = wrap
    last = len(sheet) + 1
    widths = {"text": 90, "context": 90, "title": 30, "notes": 30, "unit_id": 18, "source": 18}
    for j, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 12)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    for frame, codes in allowed.items():
        letter = get_column_letter(columns.index(frame) + 1)
        dv = DataValidation(
            type="list", formula1='"' + ",".join(str(c) for c in codes) + '"', allow_blank=True,
            showErrorMessage=True, errorTitle="Not an allowed code",
            error=f"{frame}: allowed codes are {', '.join(map(str, codes))}",
        )
        dv.add(f"{letter}2:{letter}{max(last, 2)}")
        ws.add_data_validation(dv)
    cb = wb.create_sheet("codebook")
    for j, name in enumerate(book.columns, start=1):
        _put(cb, 1, j, name).font = bold
        cb.column_dimensions[get_column_letter(j)].width = 45 if name in ("definition", "include", "exclude", "example") else 18
    for i, row in enumerate(book.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            _put(cb, i, j, str(value)).alignment = wrap
    cb.freeze_panes = "A2"
    ins = wb.create_sheet("instructions")
    ins.column_dimensions["A"].width = 110
    for i, line in enumerate(_instructions(allowed), start=1):
        _put(ins, i, 1, line).alignment = Alignment(wrap_text=True)
    ins["A1"].font = bold
    wb.save(handle)


def _instructions(allowed: dict) -> list[str]:
    codes = "; ".join(f"{f}: {', '.join(map(str, c))}" for f, c in allowed.items())
    return [
        "How to code",
        "1. Read the definitions on the sheet 'codebook' before you start, and again when in doubt.",
        "2. On the sheet 'units', read each row's text (or context) and, for every frame column, "
        "enter a code: 1 if the frame is present, 0 if it is not (unless the codebook says otherwise).",
        f"3. Allowed codes: {codes}. Leave a cell empty only if you have not coded it yet.",
        "4. Write your name or initials in the 'coder' column of every row you code; use 'notes' "
        "for doubts (a short reason helps the discussion of disagreements).",
        "5. Code on your own: do not discuss units with other coders until everyone has finished.",
        "6. Do not rename the sheets, change row 1, edit 'unit_id', or sort only some columns: "
        "the codes are matched to the units by 'unit_id'. Sorting whole rows is fine.",
        "7. Save the file as .xlsx (File > Save), not as another format.",
    ]


# ------------------------------------------------------------------ reading helpers
def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def _read_csv(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]], str | None]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves "ANSI" CSV
    if not text.strip():
        raise CorpusError(f"read_codes: {path} is empty (no header row, no units)")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = records[0]
    rows = [(i, rec) for i, rec in enumerate(records[1:], start=2) if any(c.strip() for c in rec)]
    for _, rec in rows:
        for k, v in enumerate(rec):
            if isinstance(v, str) and v.startswith("'") and v[1:2] in _DANGEROUS:
                rec[k] = v[1:]
    return header, rows, None


def _read_xlsx(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]], str | None]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as err:
        raise CorpusError(f"read_codes: {path} is not a readable Excel workbook ({err})") from err
    try:
        if UNITS_SHEET not in wb.sheetnames:
            raise CorpusError(
                f"read_codes: {path} has no sheet {UNITS_SHEET!r} (sheets: {wb.sheetnames}); the "
                f"coding sheet must keep its name {UNITS_SHEET!r}: rename it back in Excel"
            )
        ws = wb[UNITS_SHEET]
        records = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    if not records or all(v is None for v in records[0]):
        raise CorpusError(f"read_codes: {path}, sheet {UNITS_SHEET!r} is empty (row 1 must name the columns)")
    rows = [(i, list(rec)) for i, rec in enumerate(records[1:], start=2) if any(_clean(v) is not None for v in rec)]
    return list(records[0]), rows, UNITS_SHEET


def _clean(value: Any) -> Any:
    """None for an empty cell; text stripped; numbers as they are."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def _is_whole(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _parse_code(raw: Any, codes: tuple) -> tuple[Any, str | None]:
    """The allowed code ``raw`` stands for, or an error message."""
    for code in codes:
        if _is_whole(code) or isinstance(code, float):
            number = _as_number(raw)
            if number is not None and number == code:
                return code, None
        elif isinstance(raw, str) and raw.casefold() == str(code).casefold():
            return code, None
        elif not isinstance(raw, str) and raw == code:
            return code, None
    shown = ", ".join(map(str, codes))
    text = f"{raw!r} is not an allowed code (allowed: {shown})"
    if isinstance(raw, str) and raw.casefold() in _YES_NO and set(codes) == {0, 1}:
        text += "; write 1 for yes, 0 for no"
    elif isinstance(raw, str) and raw.startswith("="):
        text += "; a formula is not a code, type the value"
    return None, text


def _as_number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float, np.integer, np.floating)):
        return float(raw)
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+(?:\.\d+)?", raw):
        return float(raw)
    return None


def _known_units(units: Any) -> list[str] | None:
    if units is None:
        return None
    if isinstance(units, pd.DataFrame):
        key = "unit_id" if "unit_id" in units.columns else "doc_id"
        if key not in units.columns:
            raise CorpusError("read_codes: units must have a 'unit_id' (or 'doc_id') column")
        return [str(u) for u in units[key]]
    if isinstance(units, str):
        return [units]
    return [str(u) for u in units]
