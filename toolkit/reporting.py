"""Reporting verbs: the bundled list, and which verbs each outlet uses for whom.

The list (``data/attribution/reporting_verbs.yml``, editable like the lexicons) gives,
for each reporting verb or phrase, every inflected form and a **stance category** from
the media-linguistics literature (Bell 1991; Caldas-Coulthard 1994; Thompson 1994):

``neutral`` (*say*, *tell*, *state*, *add*, *note*), ``distancing`` (*claim*, *allege*,
*insist*, *purport*), ``endorsing`` (factive: *acknowledge*, *admit*, *confirm*, *reveal*),
``conflictual`` (*accuse*, *deny*, *warn*, *threaten*, *slam*, *dismiss*) and ``tentative``
(*suggest*, *hint*, *speculate*).

:func:`reporting_verbs` turns the :func:`toolkit.attribution.quotes` table into the
distribution of cue categories (or lemmas) per outlet and speaker group: the share of an
outlet's attributions to Russian officials that use a distancing verb, with a percentile
bootstrap interval over articles (:func:`toolkit.intervals.category_shares`). A category
describes a verb's usual stance in news; *warn* can be neutral in a weather story: read
the lines before drawing conclusions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from .counts import as_columns
from .intervals import category_shares
from .paths import list_path
from .schema import CorpusError

__all__ = ["ReportingVerbs", "load_reporting_verbs", "reporting_verbs", "verb_table"]

CATEGORIES: tuple[str, ...] = ("neutral", "distancing", "endorsing", "conflictual", "tentative")


@dataclass
class ReportingVerbs:
    """A parsed reporting verb list."""

    name: str
    categories: dict
    forms: dict[str, tuple[str, str, str]]  # form -> (lemma, category, kind)
    objects: frozenset  # lemmas whose addressee may follow
    extensions: tuple[str, ...]
    addressees: tuple[str, ...]
    pattern: re.Pattern
    extension_re: re.Pattern
    addressee_re: re.Pattern
    noun_like: frozenset  # forms that are also nouns (claims, reports, warning)
    by_first: dict  # first word of a form -> (is a one-word form, [phrase regexes, longest first])

    def match_at(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """The cue starting at a token ``text[start:end]``: (end, form) or None."""
        word = text[start:end].lower().replace("’", "'")
        entry = self.by_first.get(word)
        if entry is None:
            return None
        single, phrases = entry
        for rx in phrases:
            m = rx.match(text, start)
            if m:
                return m.end(), " ".join(m.group().lower().split())
        return (end, word) if single else None


def _alternation(items) -> str:
    return "|".join(re.escape(" ".join(str(i).split())).replace(r"\ ", r"\s+")
                    for i in sorted(items, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=8)
def _load(path: str) -> ReportingVerbs:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or "verbs" not in raw:
        raise ValueError(f"{path}: not a reporting verb list (needs 'categories' and 'verbs')")
    cats = raw.get("categories") or {}
    forms: dict[str, tuple[str, str, str]] = {}
    objects = set()
    for section in ("verbs", "phrases"):
        for lemma, spec in (raw.get(section) or {}).items():
            cat = spec.get("category")
            if cat not in cats:
                raise ValueError(f"{path}: {section}.{lemma}: category {cat!r} is not one of {sorted(cats)}")
            kind = spec.get("type", "verb")
            if spec.get("object"):
                objects.add(str(lemma))
            if not spec.get("forms"):
                raise ValueError(f"{path}: {section}.{lemma}: field 'forms' is empty (list every form "
                                 "that should count, e.g. [say, says, said, saying])")
            for f in spec.get("forms") or []:
                key = " ".join(str(f).lower().split())
                if key in forms and forms[key][0] != lemma:
                    raise ValueError(f"{path}: form {f!r} is listed under {forms[key][0]!r} and {lemma!r}")
                forms[key] = (str(lemma).replace("_", " "), cat, kind)
    ext = tuple(str(e) for e in raw.get("extensions") or [])
    addr = tuple(str(a) for a in raw.get("addressees") or [])
    pattern = re.compile(rf"(?<![\w’'-])(?:{_alternation(forms)})(?![\w’'-])", re.I)
    ext_re = re.compile(rf"\s+(?:{_alternation(ext)})(?![\w’'])", re.I)
    addr_re = re.compile(rf"\s+(?:{_alternation(addr)})(?![\w’'])", re.I)
    noun_like = frozenset({"claim", "claims", "report", "reports", "warning", "warnings", "statement",
                           "answer", "answers", "comment", "comments", "reply", "replies", "denial",
                           "threat", "threats", "charge", "charges", "order", "orders", "promise",
                           "promises", "pledge", "pledges", "demand", "demands", "protest", "attack"})
    by_first: dict[str, tuple[bool, list]] = {}
    for f in sorted(forms, key=len, reverse=True):
        words = f.split()
        single, phrases = by_first.get(words[0], (False, []))
        if len(words) == 1:
            single = True
        else:
            phrases.append(re.compile(r"\s+".join(re.escape(w) for w in words) + r"(?![\w’'-])", re.I))
        by_first[words[0]] = (single, phrases)
    return ReportingVerbs(raw.get("name", Path(path).stem), cats, forms, frozenset(objects), ext, addr,
                          pattern, ext_re, addr_re, noun_like, by_first)


def load_reporting_verbs(verbs: str | Path = "reporting_verbs") -> ReportingVerbs:
    """Load a reporting verb list (bundled name or YAML path).

    Parameters
    ----------
    verbs : str or Path, default "reporting_verbs"
        A bundled list name or the path of a YAML file with the same structure.

    Returns
    -------
    ReportingVerbs
        The parsed list (forms, categories, extensions, addressees).

    Examples
    --------
    >>> from toolkit.reporting import load_reporting_verbs
    >>> load_reporting_verbs().forms["claimed"][:2]
    ('claim', 'distancing')
    """
    if isinstance(verbs, ReportingVerbs):
        return verbs
    p = list_path(verbs, "attribution")
    if not p.exists():
        raise FileNotFoundError(f"reporting verb list {verbs!r} not found (looked for {p})")
    return _load(str(p.resolve()))


def verb_table(verbs: str | Path = "reporting_verbs") -> pd.DataFrame:
    """The reporting verb list as a table (one row per form).

    Parameters
    ----------
    verbs : str or Path, default "reporting_verbs"
        A bundled list name or a YAML path.

    Returns
    -------
    pandas.DataFrame
        ``form``, ``lemma``, ``category``, ``kind`` (``verb``, ``according_to``,
        ``quoted_as``).

    Examples
    --------
    >>> from toolkit.reporting import verb_table
    >>> t = verb_table()
    >>> t.loc[t["form"] == "alleged", "category"].item()
    'distancing'
    """
    rv = load_reporting_verbs(verbs)
    return pd.DataFrame([(f, *v) for f, v in rv.forms.items()],
                        columns=["form", "lemma", "category", "kind"])


def reporting_verbs(
    attributions: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    value: str = "cue_category",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Distribution of reporting verbs (stance categories or lemmas) per group.

    Parameters
    ----------
    attributions : pandas.DataFrame
        :func:`toolkit.attribution.quotes` output (scare quotes are left out).
    by : str or list of str, default "source"
        Grouping columns, e.g. ``["source", "speaker_group"]``; None: the whole table.
    value : {"cue_category", "cue_lemma"}, default "cue_category"
        Share out stance categories or individual verbs.
    level : float, default 0.95
        Confidence level of the intervals.
    n_boot : int, default 1000
        Bootstrap resamples of articles (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per group and category (or lemma): the ``by`` columns, ``value``'s column,
        ``n`` (attributions), ``total`` (attributions in the group), ``docs`` (articles),
        ``share`` and ``ci_low``/``ci_high`` (bootstrap over articles).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.reporting import reporting_verbs
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["X"] * 3, "type": ["direct"] * 3,
    ...                   "cue_category": ["neutral", "distancing", "neutral"]})
    >>> r = reporting_verbs(q, n_boot=0)
    >>> r[["cue_category", "n", "share"]].values.tolist()[:2]
    [['neutral', 2.0, 0.6666666666666666], ['distancing', 1.0, 0.3333333333333333]]
    """
    if value not in ("cue_category", "cue_lemma"):
        raise ValueError(f"value must be 'cue_category' or 'cue_lemma', got {value!r}")
    cols = as_columns(by)
    need = ["doc_id", value, *cols]
    if not isinstance(attributions, pd.DataFrame):
        raise TypeError(f"reporting_verbs expects the quotes() table, got {type(attributions).__name__}")
    missing = [c for c in need if c not in attributions.columns]
    if missing:
        raise CorpusError(f"reporting_verbs: expects the quotes() table; missing column(s) {missing}")
    t = attributions[attributions["type"] != "scare_quote"] if "type" in attributions.columns else attributions
    t = t[t[value].astype(str) != ""]
    cats = list(CATEGORIES) if value == "cue_category" else None
    out = category_shares(t, value, cols, categories=cats, level=level, n_boot=n_boot, seed=seed)
    return out.reset_index(drop=True)
