"""HTML display of results in notebooks. All article text is HTML-escaped."""

from __future__ import annotations

import html

import pandas as pd

_KWIC_CSS = (
    "<style>"
    ".nf-kwic{border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;"
    "font-size:12px}"
    ".nf-kwic td{padding:1px 6px;white-space:nowrap;border-bottom:1px solid #eee}"
    ".nf-kwic td.l{text-align:right;max-width:32em;overflow:hidden;direction:rtl}"
    ".nf-kwic td.l span{direction:ltr;unicode-bidi:embed}"
    ".nf-kwic td.m{text-align:center;font-weight:bold;background:#fff3c4;color:#7a3e00}"
    ".nf-kwic td.r{text-align:left;max-width:32em;overflow:hidden}"
    ".nf-kwic td.meta{color:#555;font-family:sans-serif}"
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


KWIC_META: tuple[str, ...] = ("source", "date", "doc_id", "frame", "pattern", "excluded")
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
