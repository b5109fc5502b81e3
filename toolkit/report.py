"""A self-contained HTML report of a corpus, for readers who do not code.

:func:`build_report` runs the toolkit's standard analyses on a corpus and writes them into
**one HTML file** that opens in any browser, offline: a summary of the corpus, the top
terms of each group, the words each group over-uses (keyness), the prevalence of the
frames of a lexicon with confidence intervals, and, under every chart, the concordance
lines behind it, so a reader can check what was counted.

The file needs nothing else: charts are PNG images embedded as ``data:`` URIs, the style
sheet is inline, there is no script and nothing is fetched from the network (a Content
Security Policy in the page forbids both). Every piece of corpus text and metadata
(outlet names, titles, article text, ids) is HTML-escaped (:func:`toolkit.display.esc`,
:func:`toolkit.display.kwic_html`), so an article can never inject markup.

Like :func:`toolkit.save_corpus`, it never replaces an existing file unless asked to
(``overwrite=True``).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .concordance import concordance
from .display import esc, kwic_html
from .frames import frame_matches, frame_scores
from .frequency import word_frequencies
from .index import index_tokens
from .keyness import compare_all
from .lexicon import Lexicon, load_lexicon
from .plots.style import png_base64
from .prevalence import frame_prevalence
from .schema import CorpusError

__all__ = ["build_report"]

TOP_TERMS = 10
"""Terms per group in the top-terms and keyness sections."""
TERMS_WITH_LINES = 3
"""Terms per group whose concordance lines are shown under the top-terms and keyness charts."""
LINES_PER_TERM = 2
"""Concordance lines shown per term and group."""
LINES_PER_FRAME_GROUP = 2
"""Concordance lines shown per frame and group under the prevalence chart."""
WINDOW = 8
"""Words of context on each side of a concordance line."""

SECTIONS = {
    "summary": "Corpus summary",
    "terms": "Top terms",
    "keyness": "Keyness: words each group over-uses",
    "frames": "Frame prevalence",
    "notes": "Notes and warnings",
}
"""Section ids and their headings, in the order of the report."""

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 margin:0 auto;max-width:1100px;padding:1em 1.5em 3em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}
h2{border-bottom:2px solid #0072B2;padding-bottom:.15em;margin-top:2em}
h3{margin-top:1.6em}
h4{margin:1.1em 0 .3em}
p.lead{color:#555;margin-top:0}
p.explain{background:#f4f8fb;border-left:4px solid #0072B2;padding:.5em .8em}
nav ol{columns:2}
table.nf-table{border-collapse:collapse;margin:.5em 0 1em;font-size:14px}
table.nf-table th,table.nf-table td{border-bottom:1px solid #ddd;padding:3px 10px;
 text-align:left;vertical-align:top}
table.nf-table td.num{text-align:right;font-variant-numeric:tabular-nums}
table.nf-table th{border-bottom:2px solid #999}
figure{margin:1em 0}
figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#555;font-size:.9em}
div.kwic{overflow-x:auto;margin-bottom:.8em}
p.none{color:#777;font-style:italic}
ul.notes li{margin-bottom:.4em}
footer{margin-top:3em;color:#777;font-size:.85em;border-top:1px solid #ddd;padding-top:.5em}
@media print{nav{display:none} h2{break-before:page}}
"""

# no scripts, nothing from the network: images only from data: URIs, inline styles only
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

_KWIC_META = ("source", "date", "doc_id", "title", "pattern")


def build_report(
    corpus: pd.DataFrame,
    *,
    lexicon: Lexicon | str = "war_framing",
    by: str = "source",
    path: str | os.PathLike,
    heading: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a self-contained HTML report of a corpus: terms, keyness, frames and their lines.

    The report has five sections: a **corpus summary** (articles, groups, dates, words
    per group), the **top terms** of each group (:func:`toolkit.word_frequencies`, stop
    words left out), **keyness** (the ten words each group over-uses most against the
    rest of the corpus, :func:`toolkit.compare_all`), **frame prevalence** (share of
    articles with each frame of ``lexicon`` per group, with 95% Wilson intervals,
    :func:`toolkit.frame_prevalence`, as a table and a chart) and **notes** (the
    warnings the analyses raised, e.g. unequal article lengths). Under every chart are
    concordance lines behind it (:func:`toolkit.concordance`,
    :func:`toolkit.frame_matches`): a few lines per term or frame and group, drawn
    reproducibly (seed 0).

    The file opens offline in any browser and needs no other file: charts are PNG
    images embedded as ``data:`` URIs, there is no script. All corpus text and metadata
    is HTML-escaped. Warnings of the analyses are written into the report's notes rather
    than shown.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`): ``doc_id``, ``text`` and the ``by`` column
        are needed; ``date`` and ``title`` are shown when present.
    lexicon : Lexicon or str, default "war_framing"
        The frame lexicon: a :class:`~toolkit.lexicon.Lexicon`, a bundled name or a YAML
        path (see :func:`toolkit.load_lexicon`).
    by : str, default "source"
        The grouping column (one name): outlets by default. Keyness needs at least two
        groups; with one, that section says so.
    path : str or path-like
        The HTML file to write. Its folder must exist.
    heading : str, optional
        The report's heading (escaped); default "newsframes report".
    overwrite : bool, default False
        Replace ``path`` if it exists. Never the default: an existing file is left
        untouched and a :class:`FileExistsError` raised.

    Returns
    -------
    pathlib.Path
        The path of the file written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False (checked before any analysis).
    FileNotFoundError
        If the folder of ``path`` does not exist.
    IsADirectoryError
        If ``path`` is a folder.
    toolkit.CorpusError
        If ``corpus`` is not a DataFrame with ``doc_id``, ``text`` and the ``by``
        column, or has no articles (a ValueError).
    TypeError
        If ``by`` is not a single column name.
    toolkit.LexiconError
        If ``lexicon`` cannot be loaded (a ValueError).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import toolkit
    >>> from toolkit.report import build_report
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = build_report(toolkit.load_demo(), path=folder / "report.html")
    >>> out.name
    'report.html'
    >>> html = out.read_text(encoding="utf-8")
    >>> "<h2 id=\\"frames\\">Frame prevalence</h2>" in html, html.count("data:image/png;base64,")
    (True, 4)
    >>> build_report(toolkit.load_demo(), path=out)   # never overwrites by default
    Traceback (most recent call last):
    ...
    FileExistsError: ...report.html already exists; pass overwrite=True to replace it
    """
    target = _check_path(path, overwrite)
    _check_corpus(corpus, by)
    lex = load_lexicon(lexicon)
    heading = "newsframes report" if heading is None else str(heading)

    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        index_tokens(corpus)  # built once, shared by every analysis below
        groups = _group_values(corpus, by)
        parts = [
            _summary_section(corpus, by, groups),
            _terms_section(corpus, by, groups),
            _keyness_section(corpus, by, groups),
            _frames_section(corpus, by, lex),
        ]
    for w in caught:
        msg = f"{w.category.__name__}: {w.message}"
        if msg not in notes:
            notes.append(msg)
    parts.append(_notes_section(notes))

    document = _page(heading, lex.name, by, parts)
    _write(target, document, overwrite)
    return target


# ------------------------------------------------------------------ checks and writing


def _check_path(path: str | os.PathLike, overwrite: bool) -> Path:
    if path is None:
        raise TypeError("build_report: path is required (the HTML file to write)")
    target = Path(path).expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; path must name the HTML file to write")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; pass overwrite=True to replace it")
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot write {target}: the folder {folder} does not exist")
    return target


def _check_corpus(corpus: pd.DataFrame, by: str) -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise CorpusError(
            f"build_report expects a corpus DataFrame, got {type(corpus).__name__}"
        )
    if not isinstance(by, str):
        raise TypeError(f"build_report: by must be one column name (a str), got {by!r}")
    missing = [c for c in ("doc_id", "text", by) if c not in corpus.columns]
    if missing:
        raise CorpusError(
            f"build_report: the corpus has no column {missing[0]!r}"
            + (f" (by={by!r})" if missing[0] == by else "")
            + f"; columns: {list(corpus.columns)}"
        )
    if len(corpus) == 0:
        raise CorpusError("build_report: the corpus has no articles")


def _write(target: Path, document: str, overwrite: bool) -> None:
    data = document.encode("utf-8")
    if not overwrite:
        # exclusive creation: a file that appeared meanwhile is still never replaced
        try:
            with open(target, "xb") as fh:
                fh.write(data)
        except FileExistsError:
            raise FileExistsError(
                f"{target} already exists; pass overwrite=True to replace it"
            ) from None
        return
    from .io import _new_temporary

    tmp, handle = _new_temporary(target)  # created like any new file (umask), then swapped in
    try:
        with handle:
            handle.write(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


# ------------------------------------------------------------------ HTML helpers


def _page(heading: str, lexicon_name: str, by: str, parts: list[str]) -> str:
    from . import __version__

    nav = "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in SECTIONS.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(heading)}</h1>\n"
        f'<p class="lead">Groups: column <code>{esc(by)}</code> · frame lexicon '
        f"<code>{esc(lexicon_name)}</code> · made with newsframes {esc(__version__)}</p></header>\n"
        '<p class="explain">This report counts words and frames in a collection of news '
        "articles and compares the groups in it (usually outlets). Every chart is followed by "
        "<b>concordance lines</b>: the passages behind the numbers, with the counted words "
        "highlighted in the middle column. Read them before drawing conclusions: a word list "
        "can count the wrong thing.</p>\n"
        f"<nav><h2>Contents</h2><ol>{nav}</ol></nav>\n"
        + "\n".join(parts)
        + "\n<footer>Generated by newsframes (<code>toolkit.report.build_report</code>). "
        "The file is self-contained: it loads nothing from the network and runs no scripts."
        "</footer>\n</body>\n</html>\n"
    )


def _section(key: str, body: str) -> str:
    return f'<section>\n<h2 id="{key}">{esc(SECTIONS[key])}</h2>\n{body}\n</section>'


def _table(df: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    """An HTML table with every header and cell escaped."""
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for col, v in zip(df.columns, rec, strict=True):
            cls = ' class="num"' if col in numeric else ""
            cells.append(f"<td{cls}>{esc(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="nf-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _figure(draw: Callable[[Figure], None], size: tuple[float, float], alt: str,
            caption: str) -> str:
    """Draw on a new figure (no pyplot state), embed it as a base64 PNG."""
    rc = {"text.parse_math": False} if "text.parse_math" in mpl.rcParams else {}
    with mpl.rc_context(rc):  # a "$" in an outlet name is text, not mathtext
        fig = Figure(figsize=size, layout="constrained")
        draw(fig)
        data = png_base64(fig)
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def _kwic(lines: pd.DataFrame) -> str:
    return f'<div class="kwic">{kwic_html(lines, meta=_KWIC_META)}</div>'


def _none(text: str) -> str:
    return f'<p class="none">{esc(text)}</p>'


def _fmt_date(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _group_values(corpus: pd.DataFrame, by: str) -> list:
    """The values of ``by`` in sorted order (missing values left out)."""
    values = pd.unique(corpus[by].dropna())
    return sorted(values, key=str)


def _with_group(lines: pd.DataFrame, corpus: pd.DataFrame, by: str) -> pd.DataFrame:
    """Concordance lines with the ``by`` value of their article (as column ``_group``)."""
    lookup = pd.Series(corpus[by].to_numpy(), index=corpus["doc_id"].astype(str).to_numpy())
    lookup = lookup[~lookup.index.duplicated()]
    return lines.assign(_group=lines["doc_id"].astype(str).map(lookup).to_numpy())


def _lines_for_term(corpus: pd.DataFrame, term: str, by: str,
                    cache: dict[str, pd.DataFrame | str]) -> pd.DataFrame | str:
    """Concordance lines of one term, each article tagged with its group (cached per term);
    a string explains why there are none."""
    if term not in cache:
        try:
            lines = concordance(corpus, term, window=WINDOW, seed=0)
        except ValueError as err:  # a vocabulary type the pattern language cannot express
            cache[term] = f"no concordance lines for {term!r}: {err}"
        else:
            cache[term] = _with_group(pd.DataFrame(lines), corpus, by)
    return cache[term]


def _sample(lines: pd.DataFrame, k: int, seed: int = 0) -> pd.DataFrame:
    if len(lines) <= k:
        return lines
    rng = np.random.default_rng(seed)
    return lines.iloc[np.sort(rng.choice(len(lines), size=k, replace=False))]


def _term_lines_block(corpus: pd.DataFrame, by: str, group: object, terms: list[str],
                      cache: dict) -> str:
    out = []
    for term in terms:
        lines = _lines_for_term(corpus, term, by, cache)
        if isinstance(lines, str):
            out.append(_none(lines))
            continue
        mine = lines[lines["_group"] == group]
        out.append(f"<h4>“{esc(term)}” in {esc(group)}</h4>")
        if len(mine) == 0:
            out.append(_none("no lines found"))
        else:
            shown = _sample(mine, LINES_PER_TERM)
            out.append(_kwic(shown.drop(columns="_group")))
    return "\n".join(out)


# ------------------------------------------------------------------ sections


def _summary_section(corpus: pd.DataFrame, by: str, groups: list) -> str:
    index = index_tokens(corpus)
    words = pd.Series(np.asarray(index.doc_lengths, dtype=np.int64), index=corpus.index)
    has_date = "date" in corpus.columns
    dates = pd.to_datetime(corpus["date"], errors="coerce", utc=False) if has_date else None
    rows = []
    key = corpus[by]
    for g in groups:
        mask = (key == g).to_numpy()
        n_words = words[mask]
        d = dates[mask].dropna() if dates is not None else pd.Series([], dtype=object)
        rows.append({
            by: g,
            "articles": int(mask.sum()),
            "words": f"{int(n_words.sum()):,}",
            "median words per article": f"{float(n_words.median()):,.0f}",
            "first date": _fmt_date(d.min()) if len(d) else "—",
            "last date": _fmt_date(d.max()) if len(d) else "—",
        })
    n_missing = int(key.isna().sum())
    if n_missing:
        mask = key.isna().to_numpy()
        rows.append({
            by: "(no value)", "articles": n_missing, "words": f"{int(words[mask].sum()):,}",
            "median words per article": f"{float(words[mask].median()):,.0f}",
            "first date": "—", "last date": "—",
        })
    table = pd.DataFrame(rows)
    all_dates = dates.dropna() if dates is not None else pd.Series([], dtype=object)
    span = (f"from {_fmt_date(all_dates.min())} to {_fmt_date(all_dates.max())}"
            if len(all_dates) else "no dates")
    facts = (
        f"<p><b>{len(corpus):,}</b> articles, <b>{len(groups):,}</b> values of "
        f"<code>{esc(by)}</code>, <b>{int(words.sum()):,}</b> words, {esc(span)}.</p>"
    )
    if n_missing:
        facts += _none(f"{n_missing} article(s) have no value in {by!r}; they are left out "
                       "of the group comparisons.")
    chart = _figure(
        lambda fig: _draw_words(fig, table, by),
        (7, 0.35 * len(table) + 1.4),
        alt=f"Bar chart: words per {by}",
        caption=f"Words per {by}. Larger groups give more reliable counts.",
    )
    return _section("summary", facts + _table(
        table, numeric=("articles", "words", "median words per article")) + chart)


def _draw_words(fig: Figure, table: pd.DataFrame, by: str) -> None:
    ax = fig.add_subplot()
    labels = [str(v) for v in table.iloc[:, 0]][::-1]
    values = [int(str(v).replace(",", "")) for v in table["words"]][::-1]
    ax.barh(range(len(values)), values, color="#0072B2")
    ax.set_yticks(range(len(values)), labels)
    ax.set_xlabel("words")
    ax.set_title(f"Words per {by}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _terms_section(corpus: pd.DataFrame, by: str, groups: list) -> str:
    from .plots import plot_top_terms

    freq = word_frequencies(corpus, by=by, stopwords=True, top=TOP_TERMS)
    intro = (
        '<p class="explain">The most frequent words of each group, per 10,000 words, with '
        "common function words (stop words) left out. Frequent words show what a group "
        "writes about, not yet how it differs from others: see the keyness section.</p>"
    )
    if freq.empty:
        return _section("terms", intro + _none("no words to count"))
    present = [g for g in groups if (freq[by] == g).any()]
    ncols = min(3, len(present))
    nrows = math.ceil(len(present) / ncols)

    def draw(fig: Figure) -> None:
        axes = fig.subplots(nrows, ncols, squeeze=False)
        plot_top_terms(freq, by=by, top=TOP_TERMS, axes=axes.ravel())

    chart = _figure(draw, (4.2 * ncols, 3.3 * nrows),
                    alt=f"Bar charts: top {TOP_TERMS} terms per {by}",
                    caption=f"Top {TOP_TERMS} terms per {by} (per 10,000 words).")
    cache: dict = {}
    blocks = []
    for g in present:
        sub = freq[freq[by] == g].sort_values(["rank", "term"])
        table = pd.DataFrame({
            "rank": sub["rank"].to_numpy(),
            "term": sub["term"].to_numpy(),
            "count": sub["count"].to_numpy(),
            "per 10,000 words": [f"{v:.1f}" for v in sub["per_10k"]],
            "articles": sub["docs"].to_numpy(),
        })
        blocks.append(
            f"<h3>{esc(g)}</h3>" + _table(table, numeric=("rank", "count", "per 10,000 words",
                                                          "articles"))
            + f"<p>Concordance lines for its top {TERMS_WITH_LINES} terms:</p>"
            + _term_lines_block(corpus, by, g, sub["term"].head(TERMS_WITH_LINES).tolist(), cache)
        )
    return _section("terms", intro + chart + "\n".join(blocks))


def _keyness_section(corpus: pd.DataFrame, by: str, groups: list) -> str:
    from .plots import plot_keyness

    intro = (
        '<p class="explain">Keyness compares each group with all the other articles: the '
        "words listed are those a group uses much more often than the rest (log-odds "
        "z-score with an informative prior; larger is more distinctive). A key word is a "
        "lead to read, not a finding: the concordance lines show how it is used.</p>"
    )
    if len(groups) < 2:
        return _section("keyness", intro + _none(
            f"keyness needs at least two values of {by!r}; this corpus has {len(groups)}."))
    key = compare_all(corpus, by=by, stopwords=True)
    over = key[key["direction"] == "over"]
    top = over.groupby("target", sort=False, group_keys=False).head(TOP_TERMS)
    shown = [g for g in groups if (top["target"] == g).any()]
    parts = [intro]
    if shown:
        ncols = min(2, len(shown))
        nrows = math.ceil(len(shown) / ncols)

        def draw(fig: Figure) -> None:
            axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
            for ax, g in zip(axes, shown, strict=False):
                sub = top[top["target"] == g]
                plot_keyness(sub, top=TOP_TERMS, target=g, ax=ax)
                ax.set_title(str(g))
            for ax in axes[len(shown):]:
                ax.set_visible(False)

        parts.append(_figure(
            draw, (6.5 * ncols, 3.6 * nrows),
            alt=f"Bar charts: top {TOP_TERMS} over-used terms per {by}",
            caption=f"The {TOP_TERMS} words each {by} over-uses most against the rest of "
                    "the corpus (z-score).",
        ))
    cache: dict = {}
    for g in groups:
        sub = top[top["target"] == g]
        parts.append(f"<h3>{esc(g)}</h3>")
        if sub.empty:
            parts.append(_none("no word is over-used often enough to be listed (each needs "
                               "at least 5 uses in at least 2 articles)."))
            continue
        table = pd.DataFrame({
            "term": sub["term"].to_numpy(),
            "z": [f"{v:.2f}" for v in sub["z"]],
            f"per 10,000 words ({g})": [f"{v:.1f}" for v in sub["per_10k_target"]],
            "per 10,000 words (rest)": [f"{v:.1f}" for v in sub["per_10k_reference"]],
            "significant": ["yes" if s else "no" for s in sub["significant"]],
        })
        parts.append(_table(table, numeric=tuple(table.columns[1:4])))
        parts.append(f"<p>Concordance lines for its top {TERMS_WITH_LINES} key words:</p>")
        parts.append(_term_lines_block(corpus, by, g, sub["term"].head(TERMS_WITH_LINES).tolist(),
                                       cache))
    return _section("keyness", "\n".join(parts))


def _frames_section(corpus: pd.DataFrame, by: str, lex: Lexicon) -> str:
    from .plots import plot_prevalence

    meta = None if by in ("source", "date") else by
    scores = frame_scores(corpus, lex, meta=meta)
    prev = frame_prevalence(scores, by=by)
    intro = (
        f'<p class="explain">Share of articles in which the lexicon <code>{esc(lex.name)}</code> '
        "finds each frame, per group, with a 95% confidence interval (Wilson). Wide intervals "
        "mean few articles: differences inside them may be chance. A frame is found by a word "
        "list, so check the lines below: they are the matches that were counted.</p>"
    )
    if prev.empty:
        return _section("frames", intro + _none("no article could be scored"))
    labels = dict(scores.attrs.get("frame_labels", {}))
    frames = [f for f in lex.frame_names if (prev["frame"].astype(str) == f).any()]
    n_groups = prev[by].nunique()

    def draw(fig: Figure) -> None:
        plot_prevalence(prev, by=by, ax=fig.add_subplot())

    chart = _figure(
        draw, (9, max(4.0, 0.09 * len(frames) * n_groups + 1.8)),
        alt=f"Dot plot: share of articles with each frame per {by}, with intervals",
        caption=f"Share of articles with each frame per {by}; bars are 95% intervals.",
    )
    table = _prevalence_table(prev, by, frames, labels)
    matches = frame_matches(corpus, lex, window=WINDOW)
    matches = _with_group(pd.DataFrame(matches), corpus, by)
    blocks = []
    for f in frames:
        blocks.append(f"<h3>{esc(labels.get(f, f))} <small>({esc(f)})</small></h3>")
        mine = matches[matches["frame"] == f]
        if mine.empty:
            blocks.append(_none("no matches in this corpus"))
            continue
        picked = [
            _sample(mine[mine["_group"] == g], LINES_PER_FRAME_GROUP)
            for g in _group_values(mine, "_group")
        ]
        lines = pd.concat(picked) if picked else mine.iloc[:0]
        blocks.append(
            f"<p>{len(mine):,} match(es); up to {LINES_PER_FRAME_GROUP} per {esc(by)}:</p>"
            + _kwic(lines.drop(columns="_group"))
        )
    body = (
        intro + chart + table
        + "<h3>Concordance lines behind the frames</h3>" + "\n".join(blocks)
    )
    return _section("frames", body)


def _prevalence_table(prev: pd.DataFrame, by: str, frames: list[str], labels: dict) -> str:
    """Frames as rows, groups as columns; each cell: share, 95% interval, articles."""
    groups = _group_values(prev, by)
    cells = {(str(r["frame"]), r[by]): r for r in prev.to_dict("records")}
    head = "<th>frame</th>" + "".join(f"<th>{esc(g)}</th>" for g in groups)
    rows = []
    for f in frames:
        tds = [f"<td>{esc(labels.get(f, f))}</td>"]
        for g in groups:
            r = cells.get((f, g))
            if r is None:
                tds.append("<td></td>")
                continue
            share = f"{r['share']:.0%}"
            interval = f"{r['ci_low']:.0%}–{r['ci_high']:.0%}"
            counted = f"{r['n_present']} of {r['n_units']}"
            tds.append(
                f'<td class="num"><b>{esc(share)}</b><br>'
                f"<small>{esc(interval)}<br>{esc(counted)}</small></td>"
            )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return (
        f"<p>Each cell: share of articles with the frame, its 95% interval, and the "
        f"articles counted (with the frame, of all in the {esc(by)}).</p>"
        f'<div class="kwic"><table class="nf-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _notes_section(notes: list[str]) -> str:
    if not notes:
        return _section("notes", _none("The analyses raised no warnings."))
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return _section("notes", "<p>Warnings raised while the report was made:</p>"
                    f'<ul class="notes">{items}</ul>')
