"""Agreement, resolution and validation figures of the gold standard (``data/gold/``).

Usage (from the repository root; validation needs ``../shared/corpora/``)::

    .venv/bin/python scripts/gold_report.py agreement   # writes data/gold/agreement.md and
                                                        # data/gold/disputes.csv
    .venv/bin/python scripts/gold_report.py resolve     # writes data/gold/resolved.csv
    .venv/bin/python scripts/gold_report.py validate --half dev    # figures for tuning
    .venv/bin/python scripts/gold_report.py validate --half test   # figures to report

The coders' files are ``data/gold/codes_<coder>_<task>[_<part>].csv`` (one row per unit:
``unit_id``, one 0/1 column per code, ``coder``, ``date``, ``notes``). Agreement is
measured on the units both A and B coded. The resolution rule (``data/gold/README.md``):
where A and B disagree on a unit's code, a third pass C (``codes_C_disputes.csv``: one row
per disputed ``unit_id`` and ``code``) decides by majority; elsewhere A's code stands.

Validation compares each bundled lexicon frame's predicted presence (``frame_scores``;
for documents the headline and the text, as coders saw them; for sentence units, the
sentence of ``toolkit.sentences`` with the same offsets) with the
resolved codes, on one half at a time: tune on ``dev``, report ``test``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
for _p in (str(REPO), str(REPO / "scripts")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import gold_units as gu  # noqa: E402

import toolkit as tk  # noqa: E402
from toolkit.validation import coder_agreement  # noqa: E402

GOLD = REPO / "data" / "gold"
WAR_CODES = ["explicit_setback", "euphemised_setback", "neutral_withdrawal", "negotiation",
             "negotiation_scepticism", "escalation", "name_war", "name_invasion", "name_smo",
             "name_conflict", "name_crisis"]
GENERIC_CODES = ["conflict", "human_interest", "economic_consequences", "morality",
                 "responsibility"]
CODES = {"war_doc": WAR_CODES, "war_sentence": WAR_CODES, "generic_doc": GENERIC_CODES}
#: gold code -> (lexicon, frame)
LEXICON_FRAME = {
    "explicit_setback": ("war_framing", "explicit_defeat"),
    "euphemised_setback": ("war_framing", "euphemised_setback"),
    "neutral_withdrawal": ("war_framing", "neutral_withdrawal"),
    "negotiation": ("war_framing", "negotiation"),
    "negotiation_scepticism": ("war_framing", "negotiation_scepticism"),
    "escalation": ("war_framing", "escalation"),
    "name_war": ("war_framing", "war"),
    "name_invasion": ("war_framing", "invasion"),
    "name_smo": ("war_framing", "special_military_operation"),
    "name_conflict": ("war_framing", "conflict"),
    "name_crisis": ("war_framing", "crisis"),
    **{c: ("generic_frames", c) for c in GENERIC_CODES},
}


def read_codes(coder: str, task: str) -> pd.DataFrame:
    """A coder's codes for a task, parts concatenated; wide (unit_id + one column per code).

    Each file is read and checked by :func:`toolkit.read_codes` (every code 0 or 1, every
    problem named by file, row and column)."""
    files = sorted(GOLD.glob(f"codes_{coder}_{task}.csv")) + sorted(
        GOLD.glob(f"codes_{coder}_{task}_*.csv"))
    if not files:
        return pd.DataFrame(columns=["unit_id", *CODES[task]])
    codes = pd.concat([tk.read_codes(f, frames=CODES[task]) for f in files], ignore_index=True)
    codes["unit_id"] = codes["unit_id"].astype(object)
    units = gu.read_units()
    known = set(units["unit_id"])
    bare = ~codes["unit_id"].isin(known) & (task + ":" + codes["unit_id"]).isin(known)
    if bare.any():  # a coder wrote the doc_id without the task prefix: unambiguous, reported
        n = codes.loc[bare, "unit_id"].nunique()
        print(f"note: {coder}/{task}: {n} unit ids written without the "
              f"{task + ':'!r} prefix; matched to the unit of that doc_id", file=sys.stderr)
        codes.loc[bare, "unit_id"] = task + ":" + codes.loc[bare, "unit_id"]
    dup = codes.duplicated(["unit_id", "frame"], keep=False)
    if dup.any():
        raise ValueError(f"{coder}/{task}: unit ids coded twice: "
                         f"{sorted(codes.loc[dup, 'unit_id'].unique())[:5]}")
    unknown = set(codes["unit_id"]) - known
    if unknown:
        raise ValueError(f"{coder}/{task}: unknown unit ids {sorted(unknown)[:5]}")
    wide = codes.pivot(index="unit_id", columns="frame", values="code")
    wide = wide.reindex(index=pd.unique(codes["unit_id"]), columns=CODES[task]).astype("int64")
    return wide.rename_axis(index="unit_id", columns=None).reset_index()


def long_codes(wide: pd.DataFrame, coder: str) -> pd.DataFrame:
    """unit_id, frame, code, coder."""
    out = wide.melt(id_vars="unit_id", var_name="frame", value_name="code")
    return out.assign(coder=coder)


def agreement_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per task and code: agreement of A and B on the units both coded; and the disputes."""
    rows, disputes = [], []
    for task in CODES:
        a, b = read_codes("A", task), read_codes("B", task)
        both = sorted(set(a["unit_id"]) & set(b["unit_id"]))
        if not both:
            continue
        la = long_codes(a[a["unit_id"].isin(both)], "A")
        lb = long_codes(b[b["unit_id"].isin(both)], "B")
        table = coder_agreement(pd.concat([la, lb], ignore_index=True), n_boot=1000, seed=0)
        m = la.merge(lb, on=["unit_id", "frame"], suffixes=("_a", "_b"))
        ones = m.groupby("frame")[["code_a", "code_b"]].sum().rename(
            columns={"code_a": "ones_a", "code_b": "ones_b"})
        rows.append(table.join(ones, on="frame").assign(task=task))
        d = m[m["code_a"] != m["code_b"]][["unit_id", "frame"]]
        disputes.append(d.assign(task=task))
    return pd.concat(rows, ignore_index=True), pd.concat(disputes, ignore_index=True)


def write_agreement_md(table: pd.DataFrame, disputes: pd.DataFrame) -> None:
    """``data/gold/agreement.md``: the agreement table, per task and code."""
    lines = [
        "# Agreement between the two coding passes",
        "",
        "Written by `scripts/gold_report.py agreement` from `codes_A_*.csv` and `codes_B_*.csv`",
        "on the units both coders coded (`overlap` in `units.csv`). Percent agreement, Cohen's",
        "kappa and Krippendorff's alpha (nominal) per code, with 95 % bootstrap intervals over",
        "units (1,000 resamples, seed 0; `toolkit.coder_agreement`). Kappa and alpha are",
        "undefined (blank) when both coders gave the same code to every unit.",
        "",
        "**Read with care**: coders A and B are two independent instances of an AI coding",
        "assistant given only the codebook and the texts. Their agreement is far higher than",
        "trained human coders usually reach on such frames; part of it is shared reading",
        "habits, not the codebook's clarity. It shows the codebook can be applied",
        "consistently, not that humans would apply it the same way.",
        "",
    ]
    for task, part in table.groupby("task", sort=False):
        n = int(part["n_units"].max())
        n_disp = int((disputes["task"] == task).sum())
        lines += [f"## {task} ({n} units coded by both; {n_disp} disputed unit-code pairs)", "",
                  "| code | coded 1 (A / B) | agreement | kappa [95 % CI] | alpha [95 % CI] |",
                  "|---|---|---|---|---|"]
        for r in part.itertuples(index=False):
            def ci(v, lo, hi):
                return "" if pd.isna(v) else f"{v:.2f} [{lo:.2f}, {hi:.2f}]"
            lines.append(f"| `{r.frame}` | {r.ones_a} / {r.ones_b} | {r.percent:.1%} | {ci(r.kappa, r.kappa_low, r.kappa_high)} "
                         f"| {ci(r.alpha, r.alpha_low, r.alpha_high)} |")
        lines.append("")
    lines += ["Disagreements were resolved by a third independent pass (coder C, who saw only the",
              "codebook, the texts and which code of which unit to decide): the majority of A, B",
              "and C is the resolved code (`resolved.csv`, column `rule`).", ""]
    (GOLD / "agreement.md").write_text("\n".join(lines))


def resolved_codes() -> pd.DataFrame:
    """Final codes (long: unit_id, task, frame, code, rule)."""
    parts = []
    c_path = GOLD / "codes_C_disputes.csv"
    third = pd.read_csv(c_path, dtype={"unit_id": str}) if c_path.exists() else None
    for task in CODES:
        a = long_codes(read_codes("A", task), "A")
        b = long_codes(read_codes("B", task), "B")
        m = a.merge(b[["unit_id", "frame", "code"]], on=["unit_id", "frame"], how="left",
                    suffixes=("", "_b"))
        m["rule"] = m["code_b"].map(lambda v: "A only" if pd.isna(v) else "A = B")
        disputed = m["code_b"].notna() & (m["code"] != m["code_b"])
        if disputed.any():
            if third is None:
                raise ValueError(f"{int(disputed.sum())} disputed codes in {task} but no "
                                 f"{c_path.name}")
            c = third.rename(columns={"code": "code_c"})[["unit_id", "frame", "code_c"]]
            m = m.merge(c, on=["unit_id", "frame"], how="left")
            missing = disputed & m["code_c"].isna()
            if missing.any():
                raise ValueError(f"{task}: {int(missing.sum())} disputed codes not in "
                                 f"{c_path.name}")
            m.loc[disputed, "code"] = m.loc[disputed, "code_c"].astype(int)
            m.loc[disputed, "rule"] = "majority of A, B, C"
            m = m.drop(columns="code_c")
        parts.append(m.drop(columns=["code_b", "coder"]).assign(task=task))
    return pd.concat(parts, ignore_index=True)[["unit_id", "task", "frame", "code", "rule"]]


def dev_corpus(task: str) -> pd.DataFrame:
    """The articles of a task's development units (for audits while revising a lexicon;
    the test half stays unread). Sentence units: their whole articles."""
    units = gu.read_units()
    dev = units[(units["task"] == task) & (units["half"] == "dev")]
    corpus = gu.load_task_corpus(task)
    keep = corpus.set_index(["corpus", "doc_id"]).index.isin(
        pd.MultiIndex.from_frame(dev[["corpus", "doc_id"]]))
    return corpus[keep].reset_index(drop=True)


def predictions(task: str, lexicons: dict | None = None) -> pd.DataFrame:
    """unit_id, frame (gold code name), predicted (bool) for every unit of a task.

    ``lexicons`` maps a bundled lexicon's name to another version of it (a YAML path),
    e.g. the release before a revision."""
    lexicons = lexicons or {}
    units = gu.read_units()
    units = units[units["task"] == task]
    corpus = gu.load_task_corpus(task)
    out = []
    for lexicon in sorted({LEXICON_FRAME[c][0] for c in CODES[task]}):
        names = {LEXICON_FRAME[c][1]: c for c in CODES[task] if LEXICON_FRAME[c][0] == lexicon}
        if task == "war_sentence":
            sents = tk.sentences(corpus)[["doc_id", "sentence", "start", "end"]]
            key = units.merge(sents, on=["doc_id", "start", "end"], how="left")
            if key["sentence"].isna().any():
                raise ValueError("sentence units no longer match toolkit.sentences offsets")
            scores = tk.frame_scores(corpus, lexicons.get(lexicon, lexicon), unit="sentence",
                                     frames=list(names))
            pred = key[["unit_id", "doc_id", "sentence"]].merge(
                scores[["doc_id", "sentence", "frame", "present"]], on=["doc_id", "sentence"])
        else:
            sub = corpus.merge(units[["unit_id", "corpus", "doc_id"]], on=["corpus", "doc_id"])
            sub = sub.drop(columns="doc_id").rename(columns={"unit_id": "doc_id"})
            # the coded unit is the article as shown to coders: headline + text
            sub["text"] = sub["title"].fillna("").str.strip() + "\n\n" + sub["text"]
            scores = tk.frame_scores(sub, lexicons.get(lexicon, lexicon), frames=list(names))
            pred = scores[["doc_id", "frame", "present"]].rename(columns={"doc_id": "unit_id"})
        pred = pred.assign(frame=pred["frame"].astype(str).map(names))
        out.append(pred[["unit_id", "frame", "present"]])
    return pd.concat(out, ignore_index=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("agreement")
    sub.add_parser("resolve")
    v = sub.add_parser("validate")
    v.add_argument("--half", choices=["dev", "test"], required=True)
    r = sub.add_parser("report", help="test-half figures as markdown (run once, at the end)")
    r.add_argument("--before", default=None,
                   help="git revision of the lexicons before revision, reported alongside")
    e = sub.add_parser("errors", help="list a code's false positives/negatives on the dev half")
    e.add_argument("task", choices=list(CODES))
    e.add_argument("code")
    e.add_argument("--kind", choices=["fp", "fn", "both"], default="both")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    pd.set_option("display.width", 200)
    if args.cmd == "agreement":
        table, disputes = agreement_tables()
        disputes.to_csv(GOLD / "disputes.csv", index=False)
        write_agreement_md(table, disputes)
        print(table.to_string())
        print(f"{len(disputes)} disputed unit-code pairs -> data/gold/disputes.csv")
    elif args.cmd == "resolve":
        res = resolved_codes()
        res.to_csv(GOLD / "resolved.csv", index=False)
        print(res.groupby(["task", "rule"]).size().to_string())
    elif args.cmd == "report":
        print(report(args.before))
    elif args.cmd == "errors":
        show_errors(args.task, args.code, args.kind)
    else:
        res = pd.read_csv(GOLD / "resolved.csv", dtype={"unit_id": str})
        units = gu.read_units()
        for task in CODES:
            u = units[(units["task"] == task) & (units["half"] == args.half)]
            gold = res[res["unit_id"].isin(u["unit_id"])]
            if gold.empty:
                continue
            pred = predictions(task)
            print(f"== {task} ({args.half}: {u['unit_id'].nunique()} units) ==")
            print(validate(pred, gold, u).to_string())


def show_errors(task: str, code: str, kind: str = "both") -> None:
    """Print the dev-half units where the lexicon and the resolved code disagree, with the
    lexicon's matches in them (for revising the lexicon; never the test half)."""
    res = pd.read_csv(GOLD / "resolved.csv", dtype={"unit_id": str})
    units = gu.read_units()
    dev = units[(units["task"] == task) & (units["half"] == "dev")]
    gold = res[res["unit_id"].isin(dev["unit_id"]) & (res["frame"] == code)]
    pred = predictions(task)
    pred = pred[pred["frame"] == code]
    m = gold.merge(pred, on=["unit_id", "frame"])
    fp = m[m["present"] & (m["code"] == 0)]["unit_id"].tolist()
    fn = m[~m["present"] & (m["code"] == 1)]["unit_id"].tolist()
    print(f"{task}/{code} on dev: {len(m)} units, {int(m['code'].sum())} coded 1, "
          f"{int(m['present'].sum())} predicted; {len(fp)} false positives, "
          f"{len(fn)} false negatives")
    lexicon, frame = LEXICON_FRAME[code]
    corpus = gu.load_task_corpus(task)
    for label, ids in (("FALSE POSITIVE", fp), ("FALSE NEGATIVE", fn)):
        if (kind == "fp" and label.startswith("FALSE NEG")) or (
                kind == "fn" and label.startswith("FALSE POS")):
            continue
        sel = dev[dev["unit_id"].isin(ids)]
        for row in sel.itertuples(index=False):
            art = corpus[(corpus["corpus"] == row.corpus) & (corpus["doc_id"] == row.doc_id)]
            text = art["text"].iloc[0]
            if task == "war_sentence":
                text = text[int(row.start):int(row.end)]
            one = art.assign(text=text)
            matches = tk.frame_matches(one, lexicon, frames=frame, window=8)
            print(f"--- {label}: {row.unit_id}")
            if len(matches):
                for line in matches.itertuples(index=False):
                    print(f"    match: ...{line.left} [{line.match}] {line.right}...")
            else:
                print("    (no lexicon match) " + " ".join(text.split())[:600])


def _old_lexicons(rev: str) -> dict:
    """The bundled lexicons as they were at git revision ``rev`` (temporary YAML files)."""
    import subprocess
    import tempfile

    out = {}
    tmp = Path(tempfile.mkdtemp(prefix="lexicons-"))
    for name in ("war_framing", "generic_frames"):
        text = subprocess.run(["git", "show", f"{rev}:data/lexicons/{name}.yml"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout
        path = tmp / f"{name}.yml"
        path.write_text(text)
        out[name] = str(path)
    return out


def report(before: str | None = None) -> str:
    """Markdown tables of the test-half figures, per task and code."""
    res = pd.read_csv(GOLD / "resolved.csv", dtype={"unit_id": str})
    units = gu.read_units()
    versions = {"current": None}
    if before:
        versions = {f"before ({before})": _old_lexicons(before), "current": None}
    lines = []
    for task in CODES:
        u = units[(units["task"] == task) & (units["half"] == "test")]
        gold = res[res["unit_id"].isin(u["unit_id"])]
        tables = {v: validate(predictions(task, lex), gold, u) for v, lex in versions.items()}
        lines += [f"### {task}: test half, {u['unit_id'].nunique()} units", "",
                  "| code (lexicon frame) | coded 1 | " + " | ".join(
                      f"{v}: P / R / F1 [95 % CI] / kappa" for v in versions)
                  + " | always-positive F1 | random F1 |",
                  "|---|---|" + "---|" * len(versions) + "---|---|"]
        cur = tables["current"].set_index("frame")
        for code in CODES[task]:
            frame = LEXICON_FRAME[code][1]
            cells = []
            for v in versions:
                t = tables[v].set_index("frame").loc[code]
                p = "-" if pd.isna(t["precision"]) else f"{t['precision']:.2f}"
                cells.append(f"{p} / {t['recall']:.2f} / {t['f1']:.2f} "
                             f"[{t['f1_low']:.2f}, {t['f1_high']:.2f}] / {t['kappa']:.2f}")
            c = cur.loc[code]
            lines.append(f"| `{code}` (`{frame}`) | {int(c['tp'] + c['fn'])} of {int(c['n'])} | "
                         + " | ".join(cells)
                         + f" | {c['always_f1']:.2f} | {c['random_f1']:.2f} |")
        lines.append("")
    return "\n".join(lines)


def validate(pred: pd.DataFrame, gold: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per code: n, prevalence, precision, recall, F1, kappa with intervals and baselines
    (sentence units weighted by the sampling design, ``weight`` of units.csv)."""
    scores = pred.rename(columns={"unit_id": "doc_id"}).assign(
        count=lambda d: d["present"].astype(int))
    ann = gold.rename(columns={"unit_id": "doc_id"})[["doc_id", "frame", "code"]]
    weights = units.set_index("unit_id")["weight"]
    ann = ann.assign(weight=ann["doc_id"].map(weights))
    scores = scores[scores["doc_id"].isin(ann["doc_id"])]
    # The sentence sample oversamples sentences where the lexicon predicts a frame, which
    # would flatter precision: its figures are design-weighted (each unit counts for its
    # stratum). The article samples are proportional within each corpus (war_doc: equal
    # weights) or span two corpora of very different sizes (generic_doc: BASIL and
    # AllSides, 100 articles each), where corpus weights would make the 297 BASIL
    # articles all but vanish; they are reported unweighted, as samples of what they are.
    weighted = units["task"].eq("war_sentence").all()
    return tk.validate_frames(scores, ann, ci="bootstrap", n_boot=1000, seed=0,
                              weights="weight" if weighted else None)


if __name__ == "__main__":
    main()
