"""Validating attribution against hand-coded spans: cue, speaker and content scores.

:func:`evaluate_attributions` compares a predicted attribution table
(:func:`toolkit.attribution.quotes` output) with gold codes (one row per coded
attribution with character offsets: ``doc_id``, ``type``, ``cue_start``/``cue_end``,
``speaker_start``/``speaker_end``, ``ref_start``/``ref_end`` for the resolved name,
``content_start``/``content_end``; ``-1`` = empty), article by article:

* **matching**: a predicted and a gold attribution match when their cue spans overlap
  by at least one character (scare quotes: their content spans); each is matched at most
  once, the largest overlap first (*overlap match*, as in PARC evaluations, Pareti 2016);
* **cue precision / recall / F1**: matched / predicted, matched / gold, harmonic mean.
  Per type, precision counts predictions of that type and recall gold attributions of
  that type (a match whose types differ counts for both, as a cue found);
* **speaker accuracy** (matched pairs whose gold has a speaker): *exact* when the
  normalised names agree (lowercase, titles such as *Mr.*, middle initials and determiners
  dropped; or both name the same person of the actor list, e.g. *Zelensky*/*Zelenskiy*; the
  gold speaker is the resolved name when coded, else the mention; the predicted one is
  ``speaker`` when resolved, else ``speaker_mention``), *partial* when they share a word
  of three or more letters or the mention spans overlap;
* **content token F1** (matched pairs): F1 of the word tokens of the two content spans,
  averaged over pairs;
* **type accuracy** (matched pairs).

Intervals are percentile bootstraps over **articles** (``n_boot`` resamples, fixed
``seed``): attributions of one article are not independent.

:func:`baseline_quotes` is the simple baseline the rules are compared with: every
occurrence of a listed reporting verb form is a cue, its speaker is the nearest
capitalised word sequence in the same sentence, its content the sentence's quotation
if it has one, else the rest of the sentence after the verb.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .actors import load_actors
from .index import index_tokens
from .quotemarks import quotation_spans
from .reporting import load_reporting_verbs

__all__ = ["baseline_quotes", "evaluate_attributions", "match_attributions"]

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_DROP = frozenset("""the a an mr mrs ms miss dr president prime minister sen senator rep gov
    governor gen general secretary foreign defence defense chancellor mayor""".split())
TYPES: tuple[str, ...] = ("direct", "mixed", "indirect", "according_to")


def _key(row, prefix: str) -> tuple[int, int]:
    return int(getattr(row, f"{prefix}_start")), int(getattr(row, f"{prefix}_end"))


def match_attributions(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One-to-one overlap matching of predicted and gold attributions per article.

    Parameters
    ----------
    pred : pandas.DataFrame
        Predicted attributions (``doc_id``, ``type``, ``cue_start``, ``cue_end``,
        ``content_start``, ``content_end``).
    gold : pandas.DataFrame
        Gold attributions, same columns.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``pred`` and ``gold`` (row positions in each table; -1 when
        unmatched): one row per matched pair, unmatched prediction and unmatched gold.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.attribution_eval import match_attributions
    >>> g = pd.DataFrame({"doc_id": ["a"], "type": ["direct"], "cue_start": [10], "cue_end": [14],
    ...                   "content_start": [0], "content_end": [8]})
    >>> p = g.assign(cue_start=[9], cue_end=[13])
    >>> match_attributions(p, g)[["pred", "gold"]].values.tolist()
    [[0, 0]]
    """
    out = []
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    pg = pred.groupby("doc_id").indices
    gg = gold.groupby("doc_id").indices
    for doc in sorted(set(pg) | set(gg), key=str):
        pi = list(pg.get(doc, []))
        gi = list(gg.get(doc, []))
        cands = []
        for a in pi:
            pr = pred.iloc[a]
            ps = "content" if pr["type"] == "scare_quote" else "cue"
            for b in gi:
                gr = gold.iloc[b]
                if (gr["type"] == "scare_quote") != (pr["type"] == "scare_quote"):
                    continue
                s1, e1 = int(pr[f"{ps}_start"]), int(pr[f"{ps}_end"])
                s2, e2 = int(gr[f"{ps}_start"]), int(gr[f"{ps}_end"])
                ov = min(e1, e2) - max(s1, s2)
                if ov > 0:
                    cands.append((ov, a, b))
        used_p, used_g = set(), set()
        for _ov, a, b in sorted(cands, key=lambda t: (-t[0], t[1], t[2])):
            if a in used_p or b in used_g:
                continue
            used_p.add(a)
            used_g.add(b)
            out.append((doc, a, b))
        out += [(doc, a, -1) for a in pi if a not in used_p]
        out += [(doc, -1, b) for b in gi if b not in used_g]
    return pd.DataFrame(out, columns=["doc_id", "pred", "gold"])


def _norm_name(s: str) -> str:
    words = [w.lower() for w in _WORD.findall(s or "")]
    return " ".join(w for w in words if w not in _DROP and len(w) > 1)  # middle initials dropped


def _canonical(s: str) -> str:
    """The actor list's name for a speaker string (aliases and spellings merged), else ''."""
    acts = load_actors()
    m = acts.alias_pattern.search(s or "")
    if m and acts.aliases[m.group()]["kind"] == "person":
        return acts.aliases[m.group()]["name"]
    return ""


def _tokens(text: str, s: int, e: int) -> set[int]:
    if s < 0 or e <= s:
        return set()
    return {m.start() + s for m in _WORD.finditer(text[s:e])}


def _pair_table(pred: pd.DataFrame, gold: pd.DataFrame, texts: dict) -> pd.DataFrame:
    m = match_attributions(pred, gold)
    rows = []
    for doc, a, b in m.itertuples(index=False):
        text = texts[doc]
        pr = pred.iloc[a] if a >= 0 else None
        gr = gold.iloc[b] if b >= 0 else None
        rec = {"doc_id": doc, "matched": a >= 0 and b >= 0,
               "pred_type": pr["type"] if pr is not None else "",
               "gold_type": gr["type"] if gr is not None else "",
               "speaker_exact": np.nan, "speaker_partial": np.nan, "content_f1": np.nan}
        if pr is not None and gr is not None:
            gt = _tokens(text, int(gr["content_start"]), int(gr["content_end"]))
            pt = _tokens(text, int(pr["content_start"]), int(pr["content_end"]))
            inter = len(gt & pt)
            rec["content_f1"] = 2 * inter / (len(gt) + len(pt)) if (gt or pt) else 1.0
            if gr["type"] != "scare_quote" and int(gr["speaker_start"]) >= 0:
                if int(gr.get("ref_start", -1)) >= 0:
                    gname = text[int(gr["ref_start"]):int(gr["ref_end"])]
                else:
                    gname = text[int(gr["speaker_start"]):int(gr["speaker_end"])]
                pname = pr.get("speaker", "") or pr.get("speaker_mention", "")
                if not pname and int(pr.get("speaker_start", -1)) >= 0:
                    pname = text[int(pr["speaker_start"]):int(pr["speaker_end"])]
                gn, pn = _norm_name(gname), _norm_name(pname)
                same = bool(gn) and (gn == pn or (_canonical(gname) != "" and _canonical(gname) == _canonical(pname)))
                rec["speaker_exact"] = float(same)
                gw = {w for w in gn.split() if len(w) >= 3}
                pw = {w for w in pn.split() if len(w) >= 3}
                ov = (int(pr.get("speaker_start", -1)) >= 0
                      and min(int(pr["speaker_end"]), int(gr["speaker_end"]))
                      > max(int(pr["speaker_start"]), int(gr["speaker_start"])))
                rec["speaker_partial"] = float(rec["speaker_exact"] == 1.0 or bool(gw & pw) or ov)
        rows.append(rec)
    return pd.DataFrame(rows)


def _summaries(pairs: pd.DataFrame) -> dict[tuple[str, str], tuple[float, int]]:
    """Every measure from a pair table: {(measure, type): (value, n)}."""
    out = {}
    for typ in ("all", *TYPES, "scare_quote"):
        if typ == "all":
            pm = pairs["pred_type"].isin(TYPES)
            gm = pairs["gold_type"].isin(TYPES)
        else:
            pm = pairs["pred_type"] == typ
            gm = pairs["gold_type"] == typ
        n_pred = int(pm.sum())
        n_gold = int(gm.sum())
        tp_p = int((pm & pairs["matched"]).sum())
        tp_g = int((gm & pairs["matched"]).sum())
        p = tp_p / n_pred if n_pred else np.nan
        r = tp_g / n_gold if n_gold else np.nan
        f = 2 * p * r / (p + r) if (p + r) > 0 else (0.0 if n_pred and n_gold else np.nan)
        out[("cue_precision", typ)] = (p, n_pred)
        out[("cue_recall", typ)] = (r, n_gold)
        out[("cue_f1", typ)] = (f, n_pred + n_gold)
        mm = gm & pairs["matched"]
        for meas in ("speaker_exact", "speaker_partial", "content_f1"):
            v = pairs.loc[mm, meas].dropna()
            out[(meas, typ)] = (float(v.mean()) if len(v) else np.nan, int(len(v)))
        tm = mm & (pairs["gold_type"] != "scare_quote")
        v = (pairs.loc[tm, "pred_type"] == pairs.loc[tm, "gold_type"])
        out[("type_accuracy", typ)] = (float(v.mean()) if len(v) else np.nan, int(len(v)))
    return out


def evaluate_attributions(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Cue, speaker, content and type scores of predicted attributions against gold codes.

    Parameters
    ----------
    pred : pandas.DataFrame
        Predicted attributions (:func:`toolkit.attribution.quotes` output, or
        :func:`baseline_quotes`), restricted to the coded articles and spans.
    gold : pandas.DataFrame
        Gold attributions with character offsets (see the module docstring).
    corpus : pandas.DataFrame
        The corpus both refer to (``doc_id``, ``text``).
    level : float, default 0.95
        Confidence level.
    n_boot : int, default 1000
        Bootstrap resamples of articles (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per measure and type: ``measure`` (``cue_precision``, ``cue_recall``,
        ``cue_f1``, ``speaker_exact``, ``speaker_partial``, ``content_f1``,
        ``type_accuracy``), ``type`` (``all``, ``direct``, ``mixed``, ``indirect``,
        ``according_to``, ``scare_quote``), ``value``, ``ci_low``, ``ci_high`` and
        ``n`` (predictions for precision, gold attributions for recall, matched pairs
        for the others).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.attribution_eval import evaluate_attributions
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Peskov said talks were possible."]})
    >>> g = pd.DataFrame({"doc_id": ["a"], "type": ["indirect"], "cue_start": [7], "cue_end": [11],
    ...     "speaker_start": [0], "speaker_end": [6], "ref_start": [-1], "ref_end": [-1],
    ...     "content_start": [12], "content_end": [31]})
    >>> p = g.assign(speaker="Peskov", speaker_mention="Peskov", content_end=[22])  # 2 of 3 words
    >>> e = evaluate_attributions(p, g, corpus, n_boot=0).set_index(["measure", "type"])
    >>> float(e.loc[("cue_f1", "all"), "value"]), float(e.loc[("content_f1", "all"), "value"])
    (1.0, 0.8)
    """
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=False))
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    pairs = _pair_table(pred, gold, texts)
    point = _summaries(pairs)
    boots: dict[tuple[str, str], list[float]] = {k: [] for k in point}
    if n_boot and len(pairs):
        rng = np.random.default_rng(seed)
        docs = pairs["doc_id"].unique()
        by_doc = pairs.groupby("doc_id").indices
        for _ in range(n_boot):
            pick = rng.choice(docs, size=len(docs), replace=True)
            sample = pairs.iloc[np.concatenate([by_doc[d] for d in pick])]
            for k, (v, _n) in _summaries(sample).items():
                boots[k].append(v)
    q = [(1 - level) / 2, (1 + level) / 2]
    rows = []
    for (meas, typ), (v, n) in point.items():
        b = np.array(boots[(meas, typ)], dtype=float)
        b = b[~np.isnan(b)]
        lo, hi = (np.quantile(b, q) if len(b) else (np.nan, np.nan))
        rows.append((meas, typ, v, float(lo), float(hi), n))
    return pd.DataFrame(rows, columns=["measure", "type", "value", "ci_low", "ci_high", "n"])


def baseline_quotes(corpus: pd.DataFrame, *, verbs: str = "reporting_verbs") -> pd.DataFrame:
    """The simple baseline: every reporting verb is a cue, the nearest capitalised name its speaker.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    verbs : str, default "reporting_verbs"
        The reporting verb list.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`toolkit.attribution.quotes` that evaluation reads:
        ``doc_id``, ``type``, ``cue_start``, ``cue_end``, ``speaker_mention``, ``speaker``,
        ``speaker_start``, ``speaker_end``, ``content_start``, ``content_end``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.attribution_eval import baseline_quotes
    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["The talks failed, Dmitry Peskov said on Monday."]})
    >>> baseline_quotes(c)[["type", "speaker"]].values.tolist()
    [['indirect', 'Dmitry Peskov']]
    """
    rv = load_reporting_verbs(verbs)
    index = index_tokens(corpus)
    view = index.sentence_view(progress=False)
    doc = view.unit_doc
    starts = view.meta["start"].to_numpy()
    ends = view.meta["end"].to_numpy()
    name = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)*")
    rows = []
    bounds = np.searchsorted(doc, np.arange(len(corpus) + 1))
    for i, (doc_id, text) in enumerate(zip(corpus["doc_id"], corpus["text"], strict=True)):
        sel = np.arange(bounds[i], bounds[i + 1])
        quotes = quotation_spans(text)
        for m in rv.pattern.finditer(text):
            cs, ce = m.span()
            k = sel[np.searchsorted(starts[sel], cs, side="right") - 1] if len(sel) else None
            ss, se = (int(starts[k]), int(ends[k])) if k is not None else (0, len(text))
            best, dist = None, None
            for nm in name.finditer(text, ss, se):
                d = min(abs(nm.start() - ce), abs(cs - nm.end()))
                if nm.start() == ss and len(nm.group().split()) == 1:
                    continue  # a capitalised first word of the sentence
                if dist is None or d < dist:
                    best, dist = nm, d
            inside = [q for q in quotes if q.inner_start >= ss and q.inner_end <= se]
            if inside:
                c_s, c_e, typ = inside[0].inner_start, inside[-1].inner_end, "direct"
            else:
                c_s, c_e, typ = ce, se, "indirect"
            rows.append({"doc_id": doc_id, "type": typ, "cue_start": cs, "cue_end": ce,
                         "speaker_mention": best.group() if best else "",
                         "speaker": best.group() if best else "",
                         "speaker_start": best.start() if best else -1,
                         "speaker_end": best.end() if best else -1,
                         "content_start": c_s, "content_end": c_e})
    return pd.DataFrame(rows, columns=["doc_id", "type", "cue_start", "cue_end", "speaker_mention",
                                       "speaker", "speaker_start", "speaker_end", "content_start",
                                       "content_end"])
