"""The attribution gold standard (``data/gold/attribution/``): units, coding files, offsets.

Usage (from the repository root; needs ``../shared/corpora/``)::

    .venv/bin/python scripts/attribution_gold.py select             # writes units.csv
    .venv/bin/python scripts/attribution_gold.py show --start 0 --count 8
    .venv/bin/python scripts/attribution_gold.py show --ids Q001 Q002
    .venv/bin/python scripts/attribution_gold.py check CODES.jsonl   # a coder checks a file
    .venv/bin/python scripts/attribution_gold.py convert CODES.jsonl --coder A1 --pass 1

A **unit** is the opening of one real article: its paragraphs up to the first paragraph
end at or after :data:`WINDOW` characters (the whole article when it is at most
:data:`WHOLE` characters long). ``select`` draws the units with a fixed seed and writes
ids, window ends, halves and the overlap flag, never text. ``show`` prints a unit's
paragraphs, numbered, for a coder; nothing it prints is stored in the repository.

Coders write one JSON object per attribution (see ``data/gold/attribution/README.md``),
giving the cue, speaker and content as *exact text* from the article (content may be
abbreviated ``"first words ... last words"``). ``convert`` finds those strings in the
article and stores **only character offsets and codes** in
``codes_<coder>.csv``; ``check`` reports every string it cannot find, so the coder can fix
it. The resolved speaker is stored as the offsets of the earlier mention that names him
or her (``ref_start``/``ref_end``), not as a name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from gold_units import CORPORA, load_basil, load_ru_ua  # noqa: E402

GOLD = REPO / "data" / "gold" / "attribution"
UNITS = GOLD / "units.csv"
SEED = 20221130
WINDOW = 2200
WHOLE = 3000
SIZES = {("ru_ua", "The Guardian"): 24, ("ru_ua", "The New York Times"): 24,
         ("basil", "fox"): 11, ("basil", "hpo"): 11, ("basil", "nyt"): 10}
N_OVERLAP = 20
TYPES = ("direct", "mixed", "indirect", "according_to", "scare_quote")
CODE_COLUMNS = ["unit_id", "doc_id", "coder", "pass", "n", "type", "cue_start", "cue_end",
                "speaker_start", "speaker_end", "ref_start", "ref_end",
                "content_start", "content_end"]
_QUOTE_CHARS = "\"“”‘’«»„'"


def load_units_corpus() -> pd.DataFrame:
    """Both corpora the units come from, with a ``corpus`` column."""
    cols = ["doc_id", "source", "date", "title", "text", "corpus"]
    ru = load_ru_ua().assign(corpus="ru_ua")
    basil = load_basil().assign(corpus="basil")
    return pd.concat([ru[cols], basil[cols]], ignore_index=True)


def window_end(text: str) -> int:
    """End of a unit's window: the first paragraph end at or after WINDOW characters."""
    if len(text) <= WHOLE:
        return len(text)
    for m in re.finditer(r"\n\s*\n", text):
        if m.start() >= WINDOW:
            return m.start()
    return len(text)


def select() -> pd.DataFrame:
    """Draw the units (stratified by corpus and outlet), halves and overlap."""
    rng = np.random.default_rng(SEED)
    corpus = load_units_corpus()
    corpus = corpus[corpus["text"].str.len() >= 1200]
    parts = []
    for (name, source), n in SIZES.items():
        pool = corpus[(corpus["corpus"] == name) & (corpus["source"] == source)]
        if name == "basil":  # one article per BASIL event, so units are independent stories
            pool = pool.drop_duplicates("doc_id")
        idx = np.sort(rng.choice(len(pool), size=n, replace=False))
        parts.append(pool.iloc[idx].assign(stratum=f"{name}:{source}"))
    units = pd.concat(parts, ignore_index=True)
    units["window_end"] = [window_end(t) for t in units["text"]]
    units["half"] = ""
    for _, idx in units.groupby("stratum").groups.items():
        order = rng.permutation(np.asarray(idx))
        units.loc[order[: len(order) // 2], "half"] = "dev"
        units.loc[order[len(order) // 2:], "half"] = "test"
    units["overlap"] = False
    for half in ("dev", "test"):
        pool = units.index[units["half"] == half].to_numpy()
        units.loc[rng.choice(pool, size=N_OVERLAP // 2, replace=False), "overlap"] = True
    order = rng.permutation(len(units))  # coding order mixes outlets and halves
    units = units.iloc[order].reset_index(drop=True)
    units.insert(0, "unit_id", [f"Q{i + 1:03d}" for i in range(len(units))])
    return units[["unit_id", "corpus", "doc_id", "source", "stratum", "window_end", "half", "overlap"]]


def read_units() -> pd.DataFrame:
    """``units.csv`` with its column types."""
    return pd.read_csv(UNITS, dtype={"doc_id": str})


def unit_texts(units: pd.DataFrame | None = None) -> dict[str, str]:
    """``unit_id -> article text`` (the whole text; the window is ``[:window_end]``)."""
    units = read_units() if units is None else units
    corpus = load_units_corpus().drop_duplicates(["corpus", "doc_id"]).set_index(["corpus", "doc_id"])
    return {u.unit_id: corpus.loc[(u.corpus, u.doc_id), "text"] for u in units.itertuples()}


def paragraphs(text: str, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraphs of ``text[:end]``."""
    spans, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text[:end]):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def show(ids=None, start: int = 0, count: int = 8, out=sys.stdout) -> None:
    """Print units' paragraphs, numbered P1, P2, ..., for coding (never stored)."""
    units = read_units()
    units = units[units["unit_id"].isin(ids)] if ids else units.iloc[start:start + count]
    texts = unit_texts(units)
    for u in units.itertuples():
        text = texts[u.unit_id]
        print(f"=== {u.unit_id} ===  (paragraphs P1..; code only these)", file=out)
        for k, (s, e) in enumerate(paragraphs(text, u.window_end), 1):
            print(f"[P{k}] {text[s:e]}", file=out)
        print(file=out)


# --- coder files -> offsets ----------------------------------------------------------

def _find_all(text: str, needle: str, lo: int, hi: int) -> list[int]:
    """Starts of every occurrence of ``needle`` in ``text[lo:hi]`` (exact, then case-insensitive)."""
    if not needle:
        return []
    hits = [m.start() + lo for m in re.finditer(re.escape(needle), text[lo:hi])]
    if not hits:
        hits = [m.start() + lo for m in re.finditer(re.escape(needle), text[lo:hi], re.I)]
    return hits


def _nearest(cands: list[int], anchor: int) -> int:
    return min(cands, key=lambda c: (abs(c - anchor), c))


def locate(rec: dict, text: str, paras: list[tuple[int, int]]) -> tuple[dict, list[str]]:
    """Offsets for one coder record; errors as messages (empty when all found)."""
    errs: list[str] = []
    typ = rec.get("type", "")
    if typ not in TYPES:
        errs.append(f"type {typ!r} is not one of {TYPES}")
    try:
        k = int(rec.get("para", 0))
    except (TypeError, ValueError):
        k = 0
    if not 1 <= k <= len(paras):
        return {}, errs + [f"para {rec.get('para')!r} is not a paragraph number 1..{len(paras)}"]
    ps, pe = paras[k - 1]
    wend = paras[-1][1]
    out = {"cue_start": -1, "cue_end": -1, "speaker_start": -1, "speaker_end": -1,
           "ref_start": -1, "ref_end": -1, "content_start": -1, "content_end": -1}
    # content: exact, or "first words ... last words"; searched in the whole window, the
    # occurrence nearest to the cue's paragraph wins
    content = (rec.get("content") or "").strip().strip(_QUOTE_CHARS).strip()
    if content:
        head, _, tail = content.partition(" ... ")
        head, tail = head.strip(), tail.strip()
        starts = _find_all(text, head, 0, wend)
        if not starts:
            errs.append(f"content start not found: {head[:60]!r}")
        else:
            cs = _nearest(starts, ps)
            if tail:
                ends = _find_all(text, tail, cs + len(head), wend)
                if not ends:
                    errs.append(f"content end not found after its start: {tail[:60]!r}")
                else:
                    out["content_start"], out["content_end"] = cs, ends[0] + len(tail)
            else:
                out["content_start"], out["content_end"] = cs, cs + len(head)
    elif typ != "scare_quote":
        errs.append("content is empty")
    anchor = out["content_start"] if out["content_start"] >= 0 else ps
    cue = (rec.get("cue") or "").strip()
    if typ == "scare_quote":
        if cue:
            errs.append("a scare_quote has no cue (leave cue empty)")
    elif not cue:
        errs.append("cue is empty")
    else:
        cands = _find_all(text, cue, ps, pe)
        # a cue that is a whole word, not inside another word
        cands = [c for c in cands if (c == 0 or not text[c - 1].isalnum())
                 and (c + len(cue) >= len(text) or not text[c + len(cue)].isalnum())] or cands
        if not cands:
            errs.append(f"cue not found in P{k}: {cue!r}")
        else:
            if out["content_start"] >= 0:  # nearest to the content span, outside it first
                cs, ce = out["content_start"], out["content_end"]
                n = len(cue)
                c = min(cands, key=lambda x: (cs <= x < ce, min(abs(cs - (x + n)), abs(x - ce)), x))
            else:
                c = cands[0]
            out["cue_start"], out["cue_end"] = c, c + len(cue)
    mention = (rec.get("speaker_mention") or "").strip()
    if mention and typ != "scare_quote":
        pos = out["cue_start"] if out["cue_start"] >= 0 else anchor
        lo = paras[max(0, k - 2)][0]
        hi = paras[min(len(paras) - 1, k)][1]
        cands = _find_all(text, mention, lo, hi)
        if not cands:
            errs.append(f"speaker_mention not found near P{k}: {mention!r}")
        else:
            c = _nearest(cands, pos)
            out["speaker_start"], out["speaker_end"] = c, c + len(mention)
    name = (rec.get("speaker_name") or "").strip()
    if name and typ != "scare_quote":
        before = out["speaker_start"] if out["speaker_start"] >= 0 else ps
        cands = [c for c in _find_all(text, name, 0, wend) if c <= before]
        if not cands:
            cands = _find_all(text, name, 0, wend)
        if not cands:
            errs.append(f"speaker_name not found in the unit: {name!r}")
        else:
            c = max(c for c in cands if c <= before) if any(c <= before for c in cands) else cands[0]
            out["ref_start"], out["ref_end"] = c, c + len(name)
    return out, errs


def read_jsonl(path: Path) -> list[dict]:
    recs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise SystemExit(f"{path}: line {i}: not JSON ({err})") from None
        rec["_line"] = i
        recs.append(rec)
    return recs


def convert(path: Path, coder: str = "", pass_: int = 1, *, report=True) -> tuple[pd.DataFrame, int]:
    """Offsets for every record of a coder file; prints errors; returns (codes, n_errors)."""
    units = read_units().set_index("unit_id")
    recs = read_jsonl(path)
    needed = sorted({r.get("unit") for r in recs if r.get("unit") in units.index})
    texts = unit_texts(units.loc[needed].reset_index())
    rows, n_err = [], 0
    counter: dict[str, int] = {}
    for rec in recs:
        u = rec.get("unit")
        if u not in units.index:
            print(f"line {rec['_line']}: unit {u!r} is not in units.csv")
            n_err += 1
            continue
        text = texts[u]
        paras = paragraphs(text, int(units.loc[u, "window_end"]))
        offs, errs = locate(rec, text, paras)
        if errs:
            n_err += 1
            if report:
                print(f"line {rec['_line']} ({u}): " + "; ".join(errs))
            continue
        counter[u] = counter.get(u, 0) + 1
        rows.append({"unit_id": u, "doc_id": units.loc[u, "doc_id"], "coder": coder, "pass": pass_,
                     "n": counter[u], "type": rec["type"], **offs})
    return pd.DataFrame(rows, columns=CODE_COLUMNS), n_err


def read_codes(passes=(1, 2)) -> pd.DataFrame:
    """Every coder's codes (``codes_<coder>.csv``) of the given passes, with the units' halves."""
    files = sorted(GOLD.glob("codes_*.csv"))
    frames = [pd.read_csv(f, dtype={"doc_id": str}) for f in files]
    codes = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CODE_COLUMNS)
    codes = codes[codes["pass"].isin(passes)]
    units = read_units()[["unit_id", "half", "overlap", "corpus", "window_end"]]
    return codes.merge(units, on="unit_id", how="left")


def gold_codes(half: str | None = None) -> pd.DataFrame:
    """The gold standard: pass 1, with adjudicated decisions applied on the overlap."""
    gold = read_codes(passes=(1,))
    adj = GOLD / "adjudicated.csv"
    if adj.exists():
        dec = pd.read_csv(adj, dtype={"doc_id": str})
        drop = dec[(dec["decision"] == "drop") & (dec["coder_pass"] == 1)]
        gold = gold[~gold.set_index(["unit_id", "n"]).index.isin(
            list(zip(drop["unit_id"], drop["n"], strict=True)))]
        add = dec[(dec["decision"] == "keep") & (dec["coder_pass"] == 2)]
        if len(add):
            extra = read_codes(passes=(2,)).merge(add[["unit_id", "n"]], on=["unit_id", "n"])
            gold = pd.concat([gold, extra], ignore_index=True)
        retype = dec[dec["decision"].str.startswith("type:")]
        for r in retype.itertuples():
            sel = (gold["unit_id"] == r.unit_id) & (gold["n"] == r.n) & (gold["pass"] == r.coder_pass)
            gold.loc[sel, "type"] = r.decision.split(":", 1)[1]
    if half:
        gold = gold[gold["half"] == half]
    return gold.reset_index(drop=True)


def corpus_of_units(units: pd.DataFrame) -> pd.DataFrame:
    """The units' articles as a corpus (one row per unit's article)."""
    corpus = load_units_corpus().drop_duplicates(["corpus", "doc_id"])
    keys = units[["corpus", "doc_id"]].drop_duplicates()
    return corpus.merge(keys, on=["corpus", "doc_id"]).reset_index(drop=True)


def in_windows(pred: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Predictions whose cue (or scare quote) lies inside the coded window of a unit."""
    w = units.set_index("doc_id")["window_end"]
    pos = np.where(pred["cue_start"] >= 0, pred["cue_start"], pred["content_start"])
    keep = pred["doc_id"].isin(w.index) & (pos < pred["doc_id"].map(w).fillna(-1).to_numpy())
    return pred[keep].reset_index(drop=True)


def predictions(units: pd.DataFrame, system: str = "rules") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(predictions inside the units' windows, the units' corpus) for a system."""
    import toolkit as tk
    from toolkit.attribution_eval import baseline_quotes

    corpus = corpus_of_units(units)
    pred = tk.quotes(corpus, progress=False) if system == "rules" else baseline_quotes(corpus)
    return in_windows(pred, units), corpus


def evaluate(half: str, *, n_boot: int = 1000) -> pd.DataFrame:
    """Rules and baseline against the gold standard of one half."""
    from toolkit.attribution_eval import evaluate_attributions

    units = read_units()
    units = units[units["half"] == half]
    gold = gold_codes(half)
    out = []
    for system in ("rules", "baseline"):
        pred, corpus = predictions(units, system)
        e = evaluate_attributions(pred, gold, corpus, n_boot=n_boot, seed=11)
        out.append(e.assign(system=system, half=half))
    return pd.concat(out, ignore_index=True)


def agreement(*, n_boot: int = 1000) -> pd.DataFrame:
    """Pass 2 scored against pass 1 on the overlap units (F1 is symmetric)."""
    from toolkit.attribution_eval import evaluate_attributions

    codes = read_codes()
    ov = codes[codes["overlap"]]
    a, b = ov[ov["pass"] == 1], ov[ov["pass"] == 2]
    units = read_units()
    corpus = corpus_of_units(units[units["overlap"]])
    b = b.assign(speaker="", speaker_mention="")
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    # pass 2's speaker as a string: its resolved name, else its mention
    b["speaker"] = [texts[d][rs:re_] if rs >= 0 else (texts[d][ss:se] if ss >= 0 else "")
                    for d, rs, re_, ss, se in zip(b["doc_id"], b["ref_start"], b["ref_end"],
                                                  b["speaker_start"], b["speaker_end"], strict=True)]
    return evaluate_attributions(b, a, corpus, n_boot=n_boot, seed=7)


def errors(half: str = "dev", *, kind: str = "all", limit: int = 400, out=sys.stdout) -> None:
    """Print misses, false alarms and speaker errors of the rules on a half (dev only for tuning)."""
    from toolkit.attribution_eval import match_attributions

    units = read_units()
    units = units[units["half"] == half]
    gold = gold_codes(half)
    pred, corpus = predictions(units)
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    m = match_attributions(pred, gold)
    shown = 0
    for doc, a, b in m.itertuples(index=False):
        text = texts[doc]
        if a >= 0 and b >= 0:
            if kind not in ("all", "speaker", "type"):
                continue
            pr, gr = pred.iloc[a], gold.iloc[b]
            gname = (text[gr.ref_start:gr.ref_end] if gr.ref_start >= 0 else
                     text[gr.speaker_start:gr.speaker_end] if gr.speaker_start >= 0 else "")
            pname = pr.speaker or pr.speaker_mention
            if kind == "type" and pr.type != gr.type:
                print(f"TYPE {pr.type} (gold {gr.type}) [{pr.rule}]: {text[pr.cue_start - 80:pr.cue_end + 80]!r}", file=out)
                shown += 1
            if kind in ("all", "speaker") and gname and pname.lower() != gname.lower():
                print(f"SPEAKER {pname!r} (gold {gname!r}) [{pr.rule}] cue {pr.cue!r}", file=out)
                shown += 1
        elif a >= 0 and kind in ("all", "fp"):
            pr = pred.iloc[a]
            s0 = pr.cue_start if pr.cue_start >= 0 else pr.content_start
            print(f"FALSE {pr.type} [{pr.rule}] cue {pr.cue!r}: {' '.join(text[max(0, s0 - 100):s0 + 80].split())!r}", file=out)
            shown += 1
        elif b >= 0 and kind in ("all", "miss"):
            gr = gold.iloc[b]
            s0 = gr.cue_start if gr.cue_start >= 0 else gr.content_start
            cue = text[gr.cue_start:gr.cue_end] if gr.cue_start >= 0 else ""
            print(f"MISS {gr.type} cue {cue!r}: {' '.join(text[max(0, s0 - 100):s0 + 80].split())!r}", file=out)
            shown += 1
        if shown >= limit:
            break


def disputes(out=sys.stdout) -> pd.DataFrame:
    """Overlap disagreements between the passes: attributions coded by one pass only, and
    matched pairs with different types. Prints them for an adjudicator (text is printed,
    never stored); returns ids only."""
    from toolkit.attribution_eval import match_attributions

    codes = read_codes()
    ov = codes[codes["overlap"]].reset_index(drop=True)
    a = ov[ov["pass"] == 1].reset_index(drop=True)
    b = ov[ov["pass"] == 2].reset_index(drop=True)
    units = read_units()
    texts = unit_texts(units[units["overlap"]])
    m = match_attributions(b, a)
    rows = []
    k = 0
    for _doc, pi, gi in m.itertuples(index=False):
        if pi >= 0 and gi >= 0 and a.loc[gi, "type"] == b.loc[pi, "type"]:
            continue
        k += 1
        recs = []
        if gi >= 0:
            recs.append(("pass 1", a.loc[gi]))
        if pi >= 0:
            recs.append(("pass 2", b.loc[pi]))
        unit = recs[0][1]["unit_id"]
        text = texts[unit]
        kind = "type" if len(recs) == 2 else f"only {recs[0][0]}"
        print(f"--- D{k:03d} {unit} ({kind})", file=out)
        for who, r in recs:
            def span(p, r=r, text=text):
                s0, e0 = int(r[f"{p}_start"]), int(r[f"{p}_end"])
                return text[s0:e0] if s0 >= 0 else ""
            print(f"  {who}: type={r['type']} cue={span('cue')!r} speaker={span('speaker')!r} "
                  f"content={' '.join(span('content').split())[:200]!r}", file=out)
            rows.append({"dispute": f"D{k:03d}", "unit_id": unit, "coder_pass": int(r["pass"]),
                         "n": int(r["n"]), "kind": kind})
        s0 = min(int(r["cue_start"]) if r["cue_start"] >= 0 else int(r["content_start"]) for _, r in recs)
        print(f"  context: {' '.join(text[max(0, s0 - 250):s0 + 250].split())!r}", file=out)
    return pd.DataFrame(rows)


MEASURES = ["cue_precision", "cue_recall", "cue_f1", "speaker_exact", "speaker_partial",
            "content_f1", "type_accuracy"]
TYPE_ORDER = ["all", "direct", "mixed", "indirect", "according_to", "scare_quote"]
README = REPO / "data" / "attribution" / "README.md"
AGREEMENT = GOLD / "agreement.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def _cell(row) -> str:
    if pd.isna(row["value"]):
        return "–"
    ci = "" if pd.isna(row["ci_low"]) else f" [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"
    return f"{row['value']:.2f}{ci}"


def figures_table(e: pd.DataFrame, systems: list[str]) -> str:
    """Markdown: one row per measure and type, one column per system (value [interval], n)."""
    lines = ["| measure | type | " + " | ".join(systems) + " | n (rules) |",
             "|---|---|" + "---|" * len(systems) + "---|"]
    for t in TYPE_ORDER:
        for m in MEASURES:
            sub = e[(e["measure"] == m) & (e["type"] == t)]
            if sub.empty or sub["value"].isna().all():
                continue
            cells = [_cell(sub[sub["system"] == s].iloc[0]) if (sub["system"] == s).any() else "–"
                     for s in systems]
            n = sub[sub["system"] == systems[0]]["n"]
            lines.append(f"| {m} | {t} | " + " | ".join(cells) + f" | {int(n.iloc[0]) if len(n) else ''} |")
    return "\n".join(lines)


def report(*, n_boot: int = 1000, check: bool = False) -> bool:
    """Write (or check) the agreement table and the test-half figures of the rules and the baseline."""
    agree = agreement(n_boot=n_boot).assign(system="pass 2 vs pass 1")
    codes = read_codes()
    gold = gold_codes()
    units = read_units()
    head = (f"{len(units)} units ({int((units['half'] == 'dev').sum())} dev, "
            f"{int((units['half'] == 'test').sum())} test), {len(gold)} gold attributions "
            f"({int((gold['type'] != 'scare_quote').sum())} attributions + "
            f"{int((gold['type'] == 'scare_quote').sum())} scare quotes; test half: "
            f"{int((gold['half'] == 'test').sum())}); overlap: {int(units['overlap'].sum())} units coded "
            f"twice ({int((codes['pass'] == 2).sum())} pass-2 codes).")
    agree_md = ("# Agreement between the two coding passes (overlap units)\n\n"
                "Generated by `scripts/attribution_gold.py report`; pass 2 scored against pass 1 "
                "with the same matching and measures as the validation (bootstrap over articles, "
                f"{n_boot} resamples). {head}\n\n"
                "**Read with care**: both passes were coded by instances of the same AI model "
                "(see README.md); agreement between them measures the consistency of one coder "
                "type with the codebook, and is an upper bound on what independent human coders "
                "would reach, not an estimate of it.\n\n"
                + figures_table(agree, ["pass 2 vs pass 1"]) + "\n\n"
                "Disagreements (`disputes.csv`) were adjudicated by a third instance "
                "(`adjudicated.csv`: decision and reason per dispute; ids only).\n")
    test = evaluate("test", n_boot=n_boot)
    n_test = int((units["half"] == "test").sum())
    fig = (f"{START}\n{head}\n\nTest half ({n_test} articles, touched only to report), rules vs the "
           "simple baseline (every listed reporting verb is a cue; speaker: nearest capitalised "
           "name in the sentence), value [95 % bootstrap interval over articles]:\n\n"
           + figures_table(test, ["rules", "baseline"]) + f"\n{END}")
    old_readme = README.read_text(encoding="utf-8")
    a, b = old_readme.index(START), old_readme.index(END) + len(END)
    new_readme = old_readme[:a] + fig + old_readme[b:]
    if check:
        ok = new_readme == old_readme and AGREEMENT.exists() and AGREEMENT.read_text(encoding="utf-8") == agree_md
        print("figures match" if ok else "figures differ: run `scripts/attribution_gold.py report`")
        return ok
    README.write_text(new_readme, encoding="utf-8")
    AGREEMENT.write_text(agree_md, encoding="utf-8")
    print(fig)
    return True


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sel = sub.add_parser("select")
    sel.add_argument("--overwrite", action="store_true")
    sh = sub.add_parser("show")
    sh.add_argument("--ids", nargs="*")
    sh.add_argument("--start", type=int, default=0)
    sh.add_argument("--count", type=int, default=8)
    ck = sub.add_parser("check")
    ck.add_argument("file", type=Path)
    cv = sub.add_parser("convert")
    cv.add_argument("file", type=Path)
    cv.add_argument("--coder", required=True)
    cv.add_argument("--pass", dest="pass_", type=int, required=True)
    sub.add_parser("agreement")
    ev = sub.add_parser("evaluate")
    ev.add_argument("--half", choices=["dev", "test"], required=True)
    ev.add_argument("--n-boot", type=int, default=1000)
    sub.add_parser("disputes")
    rp = sub.add_parser("report")
    rp.add_argument("--check", action="store_true")
    rp.add_argument("--n-boot", type=int, default=1000)
    er = sub.add_parser("errors")
    er.add_argument("--half", choices=["dev"], default="dev", help="errors are read on dev only")
    er.add_argument("--kind", choices=["all", "miss", "fp", "speaker", "type"], default="all")
    args = ap.parse_args(argv)
    if not CORPORA.exists():
        sys.exit(f"{CORPORA} not found: the gold units refer to the shared corpora")
    warnings.simplefilter("ignore")
    if args.cmd == "select":
        if UNITS.exists() and not args.overwrite:
            sys.exit(f"{UNITS} exists; pass --overwrite to replace it")
        units = select()
        GOLD.mkdir(parents=True, exist_ok=True)
        units.to_csv(UNITS, index=False)
        print(units.groupby(["stratum", "half"]).size().to_string())
        print(f"wrote {UNITS.relative_to(REPO)}: {len(units)} units, {int(units['overlap'].sum())} overlap")
    elif args.cmd == "show":
        show(args.ids, args.start, args.count)
    elif args.cmd == "check":
        codes, n_err = convert(args.file)
        print(f"{len(codes)} attributions located, {n_err} with errors"
              + ("" if n_err else ": the file is fine"))
        if len(codes):
            print(codes.groupby("unit_id").size().to_string())
    elif args.cmd == "report":
        ok = report(n_boot=args.n_boot, check=args.check)
        sys.exit(0 if ok else 1)
    elif args.cmd == "disputes":
        d = disputes()
        dest = GOLD / "disputes.csv"
        if not dest.exists():
            d.to_csv(dest, index=False)
            print(f"wrote {dest.relative_to(REPO)}: {d['dispute'].nunique()} disputes")
    elif args.cmd == "errors":
        errors(args.half, kind=args.kind)
    elif args.cmd == "agreement":
        print(agreement().round(3).to_string())
    elif args.cmd == "evaluate":
        e = evaluate(args.half, n_boot=args.n_boot)
        wide = e.pivot_table(index=["measure", "type"], columns="system", values="value")
        print(wide.round(3).to_string())
    else:
        codes, n_err = convert(args.file, args.coder, args.pass_)
        if n_err:
            sys.exit(f"{n_err} records with errors: fix them first (run check)")
        dest = GOLD / f"codes_{args.coder}.csv"
        if dest.exists():
            sys.exit(f"{dest} exists; remove it first")
        codes.to_csv(dest, index=False)
        print(f"wrote {dest.relative_to(REPO)}: {len(codes)} attributions")


if __name__ == "__main__":
    main()
