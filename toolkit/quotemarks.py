"""Quotation marks: where the quotations of a text begin and end.

:func:`quotation_spans` scans one text for quotation marks and pairs them:

* typographic double quotes ``“ ... ”``, low-high ``„ ... “`` (German, Ukrainian and
  Russian inner style) and ``„ ... ”``, guillemets ``« ... »``;
* straight double quotes ``" ... "``: a straight quote **opens** after white space, the
  start of the text or an opening bracket or dash, and **closes** otherwise (so an
  unmatched quote in a typo does not shift the pairing of the rest of the text);
* single quotes ``‘ ... ’`` and straight ``' ... '`` (British style, and quotations inside
  quotations): ``‘`` (or ``'`` after white space) opens; ``’``/``'`` closes only when a single
  quotation is open and the next character is not a letter, so that apostrophes (*don’t*,
  *Russia’s*, *soldiers’ families*) are never read as quotation marks;
* **the paragraph convention** of news writing: a quotation that runs over several
  paragraphs is not closed at the end of each paragraph, and each continuing paragraph
  opens with a quotation mark again. A quotation still open at a paragraph break continues
  when the next paragraph opens with a quotation mark, and is closed at the paragraph end
  otherwise (``closed`` is False for it: the mark was missing).

Limits (heuristics): an apostrophe right after a plural noun inside a single-quoted
quotation (``‘the soldiers’ mothers’``) closes it early; nested quotation of the same mark
(``“ ... “ ... ” ... ”``) is read as one quotation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Quotation", "quotation_spans"]

_MARKS = re.compile(r"[\"“”„«»‘’']|\n\s*\n")
_OPEN_AFTER = set(" \t\n([{—–-/") | {""}


class Quotation(NamedTuple):
    """One quotation: ``start``/``end`` include the marks; ``inner_start``/``inner_end`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    paragraphs: int


def quotation_spans(text: str) -> list[Quotation]:
    """Every top-level quotation of one text, in order (see the module docstring).

    Parameters
    ----------
    text : str
        One text.

    Returns
    -------
    list of Quotation
        ``(start, end, inner_start, inner_end, closed, paragraphs)`` per quotation:
        character offsets with and without the marks (``end`` exclusive), whether a
        closing mark was found, and how many paragraphs the quotation spans.

    Examples
    --------
    >>> from toolkit.quotemarks import quotation_spans
    >>> [text[q.inner_start:q.inner_end] for text in ['He said “we will regroup” and left.']
    ...  for q in quotation_spans(text)]
    ['we will regroup']
    >>> q = quotation_spans('“We hold the line.\\n\\n“We will not leave,” he said.')[0]
    >>> q.paragraphs, q.closed
    (2, True)
    >>> [q.closed for q in quotation_spans("It’s the soldiers’ war, ‘a sacrifice’.")]
    [True]
    """
    if not isinstance(text, str) or not text:
        return []
    out: list[Quotation] = []
    n = len(text)
    open_pos = -1  # start of the open top-level quotation
    closer = ""  # the marks that close it
    single_open = False  # a single quotation open (inside or at top level)
    single_top = False  # the open top-level quotation is a single one
    paras = 1
    last_para_end = -1
    for m in _MARKS.finditer(text):
        ch = m.group()
        i = m.start()
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch[0] == "\n" or (len(ch) > 1):
            if open_pos < 0:
                continue
            # paragraph break with a quotation open: continue if the next paragraph opens
            # with a quotation mark, else close it (missing mark)
            j = m.end()
            if j < n and text[j] in "\"“„«‘'" and (text[j] != "'" or single_top):
                paras += 1
                last_para_end = j  # the reopening mark is consumed
                continue
            end = m.start()
            out.append(Quotation(open_pos, end, open_pos + 1, end, False, paras))
            open_pos, single_open, single_top = -1, False, False
            continue
        if i == last_para_end:
            continue
        if open_pos < 0:
            # nothing open: only an opening mark matters
            if ch in "“„«":
                open_pos, closer, paras, single_top = i, {"“": "”\"", "„": "“”\"", "«": "»"}[ch], 1, False
            elif ch == '"':
                if prev in _OPEN_AFTER or prev.isspace() or not prev.isalnum() and prev not in ".,;:!?":
                    open_pos, closer, paras, single_top = i, '"”', 1, False
            elif ch in "‘'":
                if (prev in _OPEN_AFTER or prev.isspace()) and nxt and not nxt.isspace():
                    open_pos, closer, paras, single_top = i, "’'", 1, True
                    single_open = True
            continue
        # a quotation is open
        if single_top:
            if ch in "’'" and not nxt.isalpha() and not (prev.isspace()):
                out.append(Quotation(open_pos, i + 1, open_pos + 1, i, True, paras))
                open_pos, single_open, single_top = -1, False, False
            continue
        if ch in closer and not (ch == '"' and (prev.isspace() or prev == "") and nxt.isalnum()):
            out.append(Quotation(open_pos, i + 1, open_pos + 1, i, True, paras))
            open_pos, single_open = -1, False
            continue
        # inner single quotations are skipped (their marks are not top-level)
        if ch in "‘'" and (prev.isspace() or prev in "“\"") and not single_open:
            single_open = True
        elif ch in "’'" and single_open and not nxt.isalpha():
            single_open = False
    if open_pos >= 0:
        out.append(Quotation(open_pos, n, open_pos + 1, n, False, paras))
    return out
