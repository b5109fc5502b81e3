"""HTML display of results in notebooks. All article text is HTML-escaped."""

from __future__ import annotations

import html

import pandas as pd

_KWIC_CSS = (
    "<style>"
    ".nf-kwic{border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;"
    "font-size:12px;max-width:100%}"
    ".nf-kwic td{padding:1px 6px;white-space:nowrap;border-bottom:1px solid #eee}"
    # each side of the match at most 24em (about 290 px), so the match column stays on
    # screen at 1000 px with three metadata columns; metadata cells wrap
    ".nf-kwic td.l{text-align:right;max-width:24em;overflow:hidden;direction:rtl}"
    ".nf-kwic td.l span{direction:ltr;unicode-bidi:embed}"
    ".nf-kwic td.m{text-align:center;font-weight:bold;background:#fff3c4;color:#7a3e00;"
    "white-space:normal;max-width:14em}"
    ".nf-kwic td.r{text-align:left;max-width:24em;overflow:hidden}"
    ".nf-kwic td.meta{color:#555;font-family:sans-serif;white-space:normal;max-width:9em;"
    "overflow-wrap:anywhere;font-size:11px}"
    ".nf-kwic th{font-family:sans-serif;text-align:left;border-bottom:1px solid #999}"
    "</style>"
)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included).

    Parameters
    ----------
    value : object
        Any value; None and NaN become the empty string.

    Returns
    -------
    str
        The escaped text.
    """
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value), quote=True)


KWIC_META: tuple[str, ...] = ("source", "date", "doc_id", "frame", "pattern", "excluded", "in_quote", "speaker")
"""Metadata columns shown before concordance lines, when present."""


def kwic_html(lines: pd.DataFrame, meta: tuple[str, ...] = KWIC_META) -> str:
    """Render concordance lines as an aligned HTML table with the match highlighted.

    Parameters
    ----------
    lines : pandas.DataFrame
        Output of :func:`toolkit.concordance` (columns ``left``, ``match``, ``right``).
    meta : tuple of str
        Metadata columns to show first, when present.

    Returns
    -------
    str
        HTML. Every cell is escaped, so article text can never inject markup.
    """
    cols = [c for c in meta if c in lines.columns]
    head = "".join(f"<th>{esc(c)}</th>" for c in cols) + "<th></th><th>match</th><th></th>"
    rows = []
    for rec in lines.to_dict("records"):
        cells = []
        for c in cols:
            v = rec[c]
            if c == "date" and hasattr(v, "strftime") and not pd.isna(v):
                v = v.strftime("%Y-%m-%d")
            cells.append(f'<td class="meta">{esc(v)}</td>')
        left = " ".join(str(rec["left"]).split())
        right = " ".join(str(rec["right"]).split())
        match = " ".join(str(rec["match"]).split())
        cells.append(f'<td class="l"><span>{esc(left)}</span></td>')
        cells.append(f'<td class="m">{esc(match)}</td>')
        cells.append(f'<td class="r">{esc(right)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        _KWIC_CSS
        + f'<table class="nf-kwic"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def kwic_text(lines: pd.DataFrame, meta: tuple[str, ...] = KWIC_META, width: int | None = None) -> str:
    """Concordance lines as aligned plain text, for a terminal: left context right-aligned,
    the match in brackets in one column, right context after it, cut to ``width``.

    Parameters
    ----------
    lines : pandas.DataFrame
        Output of :func:`toolkit.concordance` (columns ``left``, ``match``, ``right``).
    meta : tuple of str
        Metadata columns to show first, when present.
    width : int, optional
        Characters per line (default: the terminal's width, 120 when unknown).

    Returns
    -------
    str
        One line per concordance line.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.display import kwic_text
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "left": ["troops began a long ", "the "],
    ...                   "match": ["retreat", "regrouping"], "right": [" from Kherson.", " continued"]})
    >>> print(kwic_text(t, width=60))
    a    troops began a long [retreat   ] from Kherson.
    b                    the [regrouping] continued
    """
    import shutil

    if width is None:
        width = shutil.get_terminal_size((120, 20)).columns
    cols = [c for c in meta if c in lines.columns]

    def cell(v: object) -> str:
        if hasattr(v, "strftime") and not pd.isna(v):
            return v.strftime("%Y-%m-%d")
        return " ".join(str("" if v is None or (isinstance(v, float) and pd.isna(v)) else v).split())

    metas = [" · ".join(cell(r[c])[:24] for c in cols) for r in lines.to_dict("records")]
    mw = max((len(m) for m in metas), default=0)
    matches = [cell(m) for m in lines["match"]]
    xw = min(max((len(m) for m in matches), default=0), 30)
    side = max(8, (width - mw - xw - 6) // 2)
    out = []
    for m, x, left, right in zip(metas, matches, lines["left"], lines["right"], strict=True):
        left, right = cell(left), cell(right)
        left = left[-side:] if len(left) > side else left
        out.append(f"{m:<{mw}}  {left:>{side}} [{x[:xw]:<{xw}}] {right[:side]}".rstrip())
    return "\n".join(out)


class ConcordanceFrame(pd.DataFrame):
    """A DataFrame of concordance lines that shows itself as aligned KWIC lines.

    It is an ordinary :class:`pandas.DataFrame` in every other respect.
    """

    @property
    def _constructor(self):
        return ConcordanceFrame

    def _repr_html_(self) -> str:  # pragma: no cover - exercised in notebooks
        if {"left", "match", "right"} <= set(self.columns):
            note = ""
            if len(self) > 200:
                note = f"<p>showing 200 of {len(self)} lines</p>"
            return note + kwic_html(self.head(200))
        return super()._repr_html_()

    def __repr__(self) -> str:
        if {"left", "match", "right"} <= set(self.columns) and len(self):
            shown = self.head(60)
            more = f"\n... {len(self) - 60} more lines" if len(self) > 60 else ""
            return f"{len(self)} concordance lines\n" + kwic_text(shown) + more
        return super().__repr__()

    __str__ = __repr__
