"""The actor gold standard (``data/gold/actors/``): units, coding files, codes.

Usage (from the repository root; needs ``../shared/corpora/``)::

    .venv/bin/python scripts/actor_gold.py select               # writes units.csv
    .venv/bin/python scripts/actor_gold.py show --start 0 --count 20
    .venv/bin/python scripts/actor_gold.py check CODES.jsonl     # a coder checks a file
    .venv/bin/python scripts/actor_gold.py convert CODES.jsonl --coder A1 --pass 1

A **unit** is one sentence of a real article with one **target** actor mention in it,
found by :func:`toolkit.mentions.actor_mentions` (so the units are mentions the toolkit
finds; mentions it misses are out of scope of this gold standard). ``select`` draws 640
units with a fixed seed: 480 from the 2022 Guardian/NYT war corpus (320 name mentions, 160
role phrases such as *Russian forces*) and 160 from BASIL; halves are drawn **by article**
(no article has units in both halves); 160 units (80 per half) are coded twice. The file
holds ids, offsets and flags, never text. ``show`` prints each unit's sentence with the
target in ``[[double brackets]]`` and the sentence before it, for a coder.

Coders write one JSON object per unit (codebook: ``data/gold/actors/README.md``);
``convert`` checks the codes and writes ``codes_<coder>.csv`` (ids and codes only).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from attribution_gold import load_units_corpus  # noqa: E402
from gold_units import CORPORA  # noqa: E402

GOLD = REPO / "data" / "gold" / "actors"
UNITS = GOLD / "units.csv"
SEED = 20221201
SIZES = {("ru_ua", "name"): 320, ("ru_ua", "role"): 160, ("basil", "any"): 160}
N_OVERLAP = 160
CODES = {
    "role": ("agent", "patient", "passive_agent", "nominal", "other"),
    "voice": ("active", "passive", "none"),
    "passive": (0, 1),
    "agentless": (0, 1),
    "tone": ("negative", "neutral", "positive"),
}
CODE_COLUMNS = ["unit_id", "doc_id", "coder", "pass", *CODES]


def corpus_and_mentions() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The two corpora (one frame, ``corpus`` column), their actor mentions and sentences."""
    import toolkit as tk

    corpus = load_units_corpus().drop_duplicates(["corpus", "doc_id"]).reset_index(drop=True)
    ments = tk.actor_mentions(corpus, progress=False)
    ments["corpus"] = corpus.set_index("doc_id").loc[ments["doc_id"], "corpus"].to_numpy()
    sents = tk.sentences(corpus)[["doc_id", "sentence", "start", "end"]]
    return corpus, ments, sents


def select() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    _, ments, sents = corpus_and_mentions()
    ments = ments.merge(sents.rename(columns={"start": "s_start", "end": "s_end"}), on=["doc_id", "sentence"])
    ments = ments[(ments["s_end"] - ments["s_start"]).between(40, 400)]
    parts = []
    for (name, kind), n in SIZES.items():
        pool = ments[(ments["corpus"] == name) & ((ments["kind"] == kind) if kind != "any" else True)]
        # one unit per sentence: a random mention of each sentence, then sentences at random
        pool = pool.sample(frac=1.0, random_state=int(rng.integers(1 << 31))).drop_duplicates(
            ["doc_id", "sentence"])
        taken = pool.iloc[rng.choice(len(pool), size=n, replace=False)]
        parts.append(taken.assign(stratum=f"{name}:{kind}"))
    units = pd.concat(parts, ignore_index=True).drop_duplicates(["doc_id", "sentence"])
    docs = units["doc_id"].unique()
    test_docs = set(rng.choice(docs, size=len(docs) // 2, replace=False))
    units["half"] = np.where(units["doc_id"].isin(test_docs), "test", "dev")
    units["overlap"] = False
    for half in ("dev", "test"):
        pool = units.index[units["half"] == half].to_numpy()
        units.loc[rng.choice(pool, size=N_OVERLAP // 2, replace=False), "overlap"] = True
    units = units.iloc[rng.permutation(len(units))].reset_index(drop=True)
    units.insert(0, "unit_id", [f"M{i + 1:03d}" for i in range(len(units))])
    return units[["unit_id", "corpus", "doc_id", "sentence", "s_start", "s_end", "start", "end",
                  "kind", "stratum", "half", "overlap"]]


def read_units() -> pd.DataFrame:
    return pd.read_csv(UNITS, dtype={"doc_id": str})


def show(ids=None, start: int = 0, count: int = 20, out=sys.stdout) -> None:
    units = read_units()
    units = units[units["unit_id"].isin(ids)] if ids else units.iloc[start:start + count]
    corpus = load_units_corpus().drop_duplicates(["corpus", "doc_id"]).set_index(["corpus", "doc_id"])
    for u in units.itertuples():
        text = corpus.loc[(u.corpus, u.doc_id), "text"]
        before = text[max(0, u.s_start - 300):u.s_start]
        sent = text[u.s_start:u.start] + "[[" + text[u.start:u.end] + "]]" + text[u.end:u.s_end]
        print(f"=== {u.unit_id} ===", file=out)
        print(f"context: ...{' '.join(before.split())}", file=out)
        print(f"SENTENCE: {' '.join(sent.split())}", file=out)
        print(file=out)


def convert(path: Path, coder: str = "", pass_: int = 1, *, report: bool = True) -> tuple[pd.DataFrame, int]:
    units = read_units().set_index("unit_id")
    rows, n_err, seen = [], 0, set()
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"line {i}: not JSON ({err})")
            n_err += 1
            continue
        errs = []
        u = rec.get("unit")
        if u not in units.index:
            errs.append(f"unit {u!r} is not in units.csv")
        elif u in seen:
            errs.append(f"unit {u} coded twice in this file")
        for field, allowed in CODES.items():
            if rec.get(field) not in allowed:
                errs.append(f"field {field!r} is {rec.get(field)!r}, not one of {allowed}")
        if errs:
            n_err += 1
            if report:
                print(f"line {i}: " + "; ".join(errs))
            continue
        seen.add(u)
        rows.append({"unit_id": u, "doc_id": units.loc[u, "doc_id"], "coder": coder, "pass": pass_,
                     **{f: rec[f] for f in CODES}})
    return pd.DataFrame(rows, columns=CODE_COLUMNS), n_err


def read_codes(passes=(1, 2)) -> pd.DataFrame:
    frames = [pd.read_csv(f, dtype={"doc_id": str}) for f in sorted(GOLD.glob("codes_*.csv"))]
    codes = pd.concat(frames, ignore_index=True)
    codes = codes[codes["pass"].isin(passes)]
    return codes.merge(read_units()[["unit_id", "half", "overlap", "corpus", "kind"]], on="unit_id")


def units_corpus(units: pd.DataFrame) -> pd.DataFrame:
    corpus = load_units_corpus().drop_duplicates(["corpus", "doc_id"])
    keys = units[["corpus", "doc_id"]].drop_duplicates()
    return corpus.merge(keys, on=["corpus", "doc_id"]).reset_index(drop=True)


def predictions(units: pd.DataFrame, *, window: int = 3, events: bool = False,
                threshold: float = 0.2) -> pd.DataFrame:
    """System and baseline codes for the units (one row per unit)."""
    import re as _re

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import toolkit as tk

    corpus = units_corpus(units)
    roles = tk.agency(corpus, progress=False)
    sents = roles.attrs["sentences"]
    tones = tk.actor_tone(corpus, progress=False, window=window, event_words=events, cutoff=threshold)
    keyed = roles.merge(tones[["doc_id", "start", "end", "label"]], on=["doc_id", "start", "end"])
    u = units.merge(keyed[["doc_id", "start", "end", "role", "voice", "label"]], on=["doc_id", "start", "end"],
                    how="left")
    u = u.merge(sents, on=["doc_id", "sentence"], how="left")
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    be_ed = _re.compile(r"\b(?:is|are|was|were|be|been|being)\s+\w+ed\b", _re.I)
    plain = SentimentIntensityAnalyzer()  # the baseline: plain VADER, its own cut-off
    base_passive, base_agentless, base_tone = [], [], []
    for r in u.itertuples():
        sent = texts[r.doc_id][r.s_start:r.s_end]
        bp = bool(be_ed.search(sent))
        base_passive.append(int(bp))
        base_agentless.append(int(bp and not _re.search(r"\bby\b", sent)))
        c = plain.polarity_scores(sent)["compound"]
        base_tone.append("positive" if c > 0.05 else "negative" if c < -0.05 else "neutral")
    u["passive"] = u["passive"].fillna(False).astype(int)
    u["agentless"] = u["agentless"].fillna(False).astype(int)
    u["role"] = u["role"].astype(object).fillna("other")
    u["voice"] = u["voice"].fillna("none")
    u["tone"] = u["label"].astype(object).fillna("neutral")
    u["base_passive"] = base_passive
    u["base_agentless"] = base_agentless
    u["base_tone"] = base_tone
    # role baseline: a mention in the first three words of its sentence is the agent
    u["base_role"] = ["agent" if len(texts[r.doc_id][r.s_start:r.start].split()) <= 2 else "other"
                      for r in u.itertuples()]
    u["base_voice"] = ["active" if b == "agent" else "none" for b in u["base_role"]]
    return u


TASKS = {  # measure -> (gold column, system column, baseline column, labels)
    "role": ("role", "role", "base_role", list(CODES["role"])),
    "voice": ("voice", "voice", "base_voice", list(CODES["voice"])),
    "passive": ("passive", "passive", "base_passive", [1, 0]),
    "agentless": ("agentless", "agentless", "base_agentless", [1, 0]),
    "tone": ("tone", "tone", "base_tone", list(CODES["tone"])),
}


def evaluate(half: str, *, n_boot: int = 1000, **kw) -> pd.DataFrame:
    from toolkit.validation import label_scores

    units = read_units()
    units = units[units["half"] == half]
    gold = read_codes(passes=(1,))
    gold = gold[gold["half"] == half].set_index("unit_id")
    pred = predictions(units, **kw).set_index("unit_id").loc[gold.index]
    rows = []
    for task, (gcol, scol, bcol, labels) in TASKS.items():
        for system, col in (("rules", scol), ("baseline", bcol)):
            t = label_scores(gold[gcol].tolist(), pred[col].tolist(), labels=labels,
                             doc_ids=gold["doc_id"].tolist(), n_boot=n_boot, seed=5)
            rows.append(t.assign(task=task, system=system))
    return pd.concat(rows, ignore_index=True)


def agreement(*, n_boot: int = 1000) -> pd.DataFrame:
    from toolkit.validation import cohen_kappa, label_scores

    codes = read_codes()
    a = codes[codes["pass"] == 1].set_index("unit_id")
    b = codes[codes["pass"] == 2].set_index("unit_id")
    a = a.loc[b.index]
    rows = []
    for task, (_, _, _, labels) in TASKS.items():
        t = label_scores(a[task].tolist(), b[task].tolist(), labels=labels, doc_ids=a["doc_id"].tolist(),
                         n_boot=n_boot, seed=3)
        t = t.assign(task=task, kappa=cohen_kappa(a[task].tolist(), b[task].tolist()))
        rows.append(t)
    return pd.concat(rows, ignore_index=True)


README = REPO / "data" / "agency" / "README.md"
AGREEMENT = GOLD / "agreement.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def _f(v) -> str:
    return "–" if pd.isna(v) else f"{v:.2f}"


def _table(e: pd.DataFrame) -> str:
    lines = ["| task | class | rules P | rules R | rules F1 [interval] | baseline F1 [interval] | support |",
             "|---|---|---|---|---|---|---|"]
    for task in TASKS:
        r = e[(e["task"] == task) & (e["system"] == "rules")].set_index("label")
        b = e[(e["task"] == task) & (e["system"] == "baseline")].set_index("label")
        for lab in r.index:
            x, y = r.loc[lab], b.loc[lab]
            name = {1: "yes", 0: "no"}.get(lab, lab) if task in ("passive", "agentless") else lab
            lines.append(f"| {task} | {name} | {_f(x['precision'])} | {_f(x['recall'])} | "
                         f"{_f(x['f1'])} [{_f(x['ci_low'])}, {_f(x['ci_high'])}] | "
                         f"{_f(y['f1'])} [{_f(y['ci_low'])}, {_f(y['ci_high'])}] | {int(x['support'])} |")
    return "\n".join(lines)


def agreement_md(*, n_boot: int = 1000) -> str:
    """The text of agreement.md (pass 2 against pass 1 on the overlap)."""
    units = read_units()
    agree = agreement(n_boot=n_boot)
    lines = ["| task | class | F1 (pass 2 vs pass 1) [interval] | kappa |", "|---|---|---|---|"]
    for task in TASKS:
        t = agree[agree["task"] == task]
        for r in t.itertuples():
            lines.append(f"| {task} | {r.label} | {_f(r.f1)} [{_f(r.ci_low)}, {_f(r.ci_high)}] | {r.kappa:.2f} |")
    agree_md = ("# Agreement between the two coding passes (overlap units)\n\n"
                f"Generated by `scripts/actor_gold.py report`. {int(units['overlap'].sum())} units coded "
                "twice; pass 2 scored against pass 1 (F1 per class, macro-F1, accuracy; bootstrap over "
                "articles) and Cohen's kappa per task. Both passes are instances of the same AI model: "
                "read the figures as an upper bound on reliability.\n\n" + "\n".join(lines) + "\n")
    return agree_md


def report(*, n_boot: int = 1000, check: bool = False) -> bool:
    """Write (or check) agreement.md and the test-half table of data/agency/README.md."""
    units = read_units()
    agree_md = agreement_md(n_boot=n_boot)
    test = evaluate("test", n_boot=n_boot)
    n_test = int((units["half"] == "test").sum())
    fig = (f"{START}\nTest half: {n_test} units ({units[units['half'] == 'test']['doc_id'].nunique()} "
           "articles), touched only to report. Rules vs baselines (role: a mention among the first "
           "three words of its sentence is the agent, else other; voice follows it; passive: any "
           "form of *be* + a word in *-ed*; agentless: that, with no *by* in the sentence; tone: "
           "plain VADER on the whole sentence), value [95 % bootstrap interval over articles]:\n\n"
           + _table(test) + f"\n{END}")
    old = README.read_text(encoding="utf-8")
    a, b = old.index(START), old.index(END) + len(END)
    new = old[:a] + fig + old[b:]
    if check:
        ok = new == old and AGREEMENT.exists() and AGREEMENT.read_text(encoding="utf-8") == agree_md
        print("figures match" if ok else "figures differ: run `scripts/actor_gold.py report`")
        return ok
    README.write_text(new, encoding="utf-8")
    AGREEMENT.write_text(agree_md, encoding="utf-8")
    print(fig)
    return True


def errors(task: str, out=sys.stdout) -> None:
    """Dev-half disagreements of the rules with the gold codes for one task (printed)."""
    units = read_units()
    units = units[units["half"] == "dev"]
    gold = read_codes(passes=(1,))
    gold = gold[gold["half"] == "dev"].set_index("unit_id")
    pred = predictions(units).set_index("unit_id").loc[gold.index]
    corpus = units_corpus(units)
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    u = units.set_index("unit_id")
    for uid in gold.index:
        g, p = gold.loc[uid, task], pred.loc[uid, task]
        if g != p:
            r = u.loc[uid]
            t = texts[r.doc_id]
            sent = t[r.s_start:r.start] + "[[" + t[r.start:r.end] + "]]" + t[r.end:r.s_end]
            print(f"{uid} gold={g} rules={p}: {' '.join(sent.split())[:260]}", file=out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sel = sub.add_parser("select")
    sel.add_argument("--overwrite", action="store_true")
    sh = sub.add_parser("show")
    sh.add_argument("--ids", nargs="*")
    sh.add_argument("--start", type=int, default=0)
    sh.add_argument("--count", type=int, default=20)
    ck = sub.add_parser("check")
    ck.add_argument("file", type=Path)
    cv = sub.add_parser("convert")
    cv.add_argument("file", type=Path)
    cv.add_argument("--coder", required=True)
    cv.add_argument("--pass", dest="pass_", type=int, required=True)
    sub.add_parser("agreement")
    ev = sub.add_parser("evaluate")
    ev.add_argument("--half", choices=["dev", "test"], required=True)
    ev.add_argument("--n-boot", type=int, default=0)
    er = sub.add_parser("errors")
    er.add_argument("task", choices=list(TASKS))
    sub.add_parser("agreement-md", help="write agreement.md only (the test half stays untouched)")
    rp = sub.add_parser("report")
    rp.add_argument("--check", action="store_true")
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
    elif args.cmd == "agreement":
        print(agreement().round(3).to_string())
    elif args.cmd == "evaluate":
        e = evaluate(args.half, n_boot=args.n_boot)
        print(e.pivot_table(index=["task", "label"], columns="system", values="f1", sort=False).round(3).to_string())
    elif args.cmd == "errors":
        errors(args.task)
    elif args.cmd == "agreement-md":
        AGREEMENT.write_text(agreement_md(), encoding="utf-8")
        print(f"wrote {AGREEMENT.relative_to(REPO)}")
    elif args.cmd == "report":
        sys.exit(0 if report(check=args.check) else 1)
    elif args.cmd == "show":
        show(args.ids, args.start, args.count)
    elif args.cmd == "check":
        codes, n_err = convert(args.file)
        print(f"{len(codes)} units coded, {n_err} lines with errors" + ("" if n_err else ": the file is fine"))
    else:
        codes, n_err = convert(args.file, args.coder, args.pass_)
        if n_err:
            sys.exit(f"{n_err} lines with errors: fix them first (run check)")
        dest = GOLD / f"codes_{args.coder}.csv"
        if dest.exists():
            sys.exit(f"{dest} exists; remove it first")
        codes.to_csv(dest, index=False)
        print(f"wrote {dest.relative_to(REPO)}: {len(codes)} units")


if __name__ == "__main__":
    main()
