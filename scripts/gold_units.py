"""The units of the gold standard (``data/gold/``): select them, and show their texts to coders.

Usage (from the repository root; needs ``../shared/corpora/``)::

    .venv/bin/python scripts/gold_units.py select            # writes data/gold/units.csv (refuses
                                                             # to overwrite unless --overwrite)
    .venv/bin/python scripts/gold_units.py show war_doc --start 0 --count 20
    .venv/bin/python scripts/gold_units.py show war_sentence --ids ID [ID ...]
    .venv/bin/python scripts/gold_units.py show generic_doc --overlap --start 0 --count 10

``select`` draws the samples described in ``data/gold/README.md`` with a fixed seed; the
file it writes holds ids, offsets, strata, weights and halves, never text. ``show`` prints
the texts of units (read from the shared corpora at run time) in the order of
``units.csv``, for a coder; nothing it prints is stored in the repository.

The corpora are loaded the same way everywhere (:func:`load_task_corpus`), so ids and
character offsets mean the same thing in the sample, in the coding and in the tests.
"""

from __future__ import annotations

import argparse
import ast
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import toolkit as tk  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
RU_UA = CORPORA / "ru_ua_2022_guardian_nyt.csv"
BASIL = CORPORA / "basil_triplets.jsonl.gz"
ALLSIDES = CORPORA / "allsides_37k.parquet"
UNITS = REPO / "data" / "gold" / "units.csv"
SEED = 20221111

#: war frames predicted by the bundled lexicon, used to stratify the sentence sample
WAR_FRAMES = ["explicit_defeat", "euphemised_setback", "neutral_withdrawal", "negotiation",
              "negotiation_scepticism", "escalation"]
SIZES = {"war_doc": 300, "war_sentence": 600, "basil": 100, "allsides": 100}
OVERLAP = {"war_doc": 100, "war_sentence": 150, "generic_doc": 100}


def load_ru_ua() -> pd.DataFrame:
    """The Guardian/NYT 2022 war corpus, ids ``ru_ua_2022_guardian_nyt-<line>``."""
    return tk.load_corpus(RU_UA, columns={"published": "date", "headlines": "title",
                                          "articles": "text", "journal": "source",
                                          "doc_id": None})


def load_basil() -> pd.DataFrame:
    """BASIL triplets in the corpus schema (``doc_id`` = uuid, ``event_id`` = triplet)."""
    raw = pd.read_json(BASIL, lines=True, dtype=False)
    raw["text"] = raw["body-paragraphs"].map(
        lambda v: "\n\n".join(" ".join(p) for p in (ast.literal_eval(v) if isinstance(v, str) else v))
    )
    raw["source"] = raw["source"].str.lower()
    raw = raw.rename(columns={"uuid": "doc_id", "triplet-uuid": "event_id"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # three HuffPost articles without text are skipped
        return tk.validate_corpus(raw[["doc_id", "source", "event_id", "date", "title", "text"]],
                                  origin=str(BASIL), errors="skip")


def load_allsides() -> pd.DataFrame:
    """AllSides (``doc_id`` = ``ID``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # implausible dates and outlet spellings are noted
        return tk.load_corpus(ALLSIDES, columns={"ID": "doc_id", "content_original": "text"})


def load_task_corpus(task: str) -> pd.DataFrame:
    """The corpus (or corpora) a task's units refer to, with a ``corpus`` column."""
    if task in ("war_doc", "war_sentence"):
        return load_ru_ua().assign(corpus="ru_ua")
    if task == "generic_doc":
        basil = load_basil().assign(corpus="basil")
        allsides = load_allsides().assign(corpus="allsides")
        cols = ["doc_id", "source", "date", "title", "text", "corpus"]
        return pd.concat([basil[cols], allsides[cols]], ignore_index=True)
    raise ValueError(f"unknown task {task!r}")


def _stratified(frame: pd.DataFrame, stratum: pd.Series, sizes: dict, rng) -> pd.DataFrame:
    """Draw ``sizes[s]`` units from each stratum ``s``; weight = stratum size / drawn."""
    parts = []
    for s, n in sizes.items():
        pool = frame[stratum == s]
        take = min(n, len(pool))
        idx = rng.choice(len(pool), size=take, replace=False)
        parts.append(pool.iloc[np.sort(idx)].assign(stratum=s, weight=len(pool) / take))
    return pd.concat(parts, ignore_index=True)


def _proportional(counts: pd.Series, total: int) -> dict:
    """Largest-remainder allocation of ``total`` over strata proportional to ``counts``."""
    exact = counts / counts.sum() * total
    alloc = np.floor(exact).astype(int)
    rest = total - int(alloc.sum())
    for s in (exact - alloc).sort_values(ascending=False).index[:rest]:
        alloc[s] += 1
    return alloc.to_dict()


def _halves_and_overlap(units: pd.DataFrame, n_overlap: int, rng) -> pd.DataFrame:
    """Dev/test halves within each stratum; the overlap drawn evenly from both halves."""
    units = units.copy()
    units["half"] = ""
    for _, idx in units.groupby("stratum").groups.items():
        order = rng.permutation(np.asarray(idx))
        units.loc[order[: len(order) // 2], "half"] = "dev"
        units.loc[order[len(order) // 2:], "half"] = "test"
    units["overlap"] = False
    for half, k in (("dev", n_overlap // 2), ("test", n_overlap - n_overlap // 2)):
        pool = units.index[units["half"] == half].to_numpy()
        units.loc[rng.choice(pool, size=k, replace=False), "overlap"] = True
    return units


def select() -> pd.DataFrame:
    """All units of the gold standard (see data/gold/README.md)."""
    rng = np.random.default_rng(SEED)
    ru = load_ru_ua()
    # war_doc: 300 articles, proportional to outlet
    alloc = _proportional(ru["source"].value_counts().sort_index(), SIZES["war_doc"])
    docs = _stratified(ru, ru["source"], alloc, rng)
    docs = docs.assign(task="war_doc", corpus="ru_ua", start=pd.NA, end=pd.NA)
    docs = _halves_and_overlap(docs, OVERLAP["war_doc"], rng)
    docs["unit_id"] = "war_doc:" + docs["doc_id"]
    # war_sentence: 600 sentences, half from sentences where the lexicon predicts a war frame
    sents = tk.sentences(ru)
    sents = sents[(sents["end"] - sents["start"]) >= 20].reset_index(drop=True)
    scores = tk.frame_scores(ru, "war_framing", unit="sentence", frames=WAR_FRAMES)
    hit = scores[scores["present"]].groupby(["doc_id", "sentence"]).size()
    key = pd.MultiIndex.from_frame(sents[["doc_id", "sentence"]])
    predicted = pd.Series(key.isin(hit.index), index=sents.index)
    stratum = predicted.map({True: "lexicon_predicts_frame", False: "lexicon_predicts_none"})
    half_n = SIZES["war_sentence"] // 2
    s_units = _stratified(sents, stratum, {"lexicon_predicts_frame": half_n,
                                           "lexicon_predicts_none": half_n}, rng)
    s_units = s_units.assign(task="war_sentence", corpus="ru_ua")
    s_units = _halves_and_overlap(s_units, OVERLAP["war_sentence"], rng)
    s_units["unit_id"] = ("war_sentence:" + s_units["doc_id"] + ":" + s_units["start"].astype(str)
                          + "-" + s_units["end"].astype(str))
    # generic_doc: 100 BASIL (by outlet), 100 AllSides (by outlet leaning; 150-1,500 words)
    basil = load_basil()
    b_alloc = _proportional(basil["source"].value_counts().sort_index(), SIZES["basil"])
    b_units = _stratified(basil, basil["source"], b_alloc, rng).assign(corpus="basil")
    b_units["stratum"] = "basil_" + b_units["stratum"].astype(str)
    allsides = load_allsides()
    words = allsides["text"].str.split().str.len()
    pool = allsides[(words >= 150) & (words <= 1500)]
    a_alloc = {k: SIZES["allsides"] // 3 + (1 if i < SIZES["allsides"] % 3 else 0)
               for i, k in enumerate(sorted(pool["bias_text"].dropna().unique()))}
    a_units = _stratified(pool, pool["bias_text"], a_alloc, rng).assign(corpus="allsides")
    a_units["stratum"] = "allsides_" + a_units["stratum"].astype(str)
    g_units = pd.concat([b_units, a_units], ignore_index=True).assign(
        task="generic_doc", start=pd.NA, end=pd.NA)
    g_units = _halves_and_overlap(g_units, OVERLAP["generic_doc"], rng)
    g_units["unit_id"] = "generic_doc:" + g_units["corpus"] + ":" + g_units["doc_id"].astype(str)
    cols = ["unit_id", "task", "corpus", "doc_id", "start", "end", "stratum", "weight", "half",
            "overlap"]
    units = pd.concat([docs[cols], s_units[cols], g_units[cols]], ignore_index=True)
    units["start"] = units["start"].astype("Int64")
    units["end"] = units["end"].astype("Int64")
    units["weight"] = units["weight"].round(6)
    assert units["unit_id"].is_unique
    return units


def read_units() -> pd.DataFrame:
    """``data/gold/units.csv`` with its column types."""
    return pd.read_csv(UNITS, dtype={"doc_id": str, "start": "Int64", "end": "Int64"})


def show(task: str, *, ids=None, start: int = 0, count: int = 20, overlap: bool = False,
         out=sys.stdout) -> None:
    """Print the texts of a task's units for coding (never stored)."""
    units = read_units()
    units = units[units["task"] == task]
    if overlap:
        units = units[units["overlap"]]
    if ids:
        units = units[units["unit_id"].isin(ids)]
    else:
        units = units.iloc[start:start + count]
    corpus = load_task_corpus(task)
    corpus = corpus.set_index(["corpus", "doc_id"])
    for row in units.itertuples(index=False):
        art = corpus.loc[(row.corpus, row.doc_id)]
        print(f"=== {row.unit_id} ===", file=out)
        print(f"outlet: {art['source']}   date: {str(art['date'])[:10]}", file=out)
        print(f"title: {art['title']}", file=out)
        text = art["text"]
        if task == "war_sentence":
            s, e = int(row.start), int(row.end)
            before = text[max(0, s - 400):s]
            after = text[e:e + 300]
            print(f"context before: ...{' '.join(before.split())}", file=out)
            print(f">>> SENTENCE TO CODE: {' '.join(text[s:e].split())} <<<", file=out)
            print(f"context after: {' '.join(after.split())}...", file=out)
        else:
            print(text.strip(), file=out)
        print(file=out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sel = sub.add_parser("select", help="write data/gold/units.csv")
    sel.add_argument("--overwrite", action="store_true")
    sh = sub.add_parser("show", help="print units' texts for coding")
    sh.add_argument("task", choices=["war_doc", "war_sentence", "generic_doc"])
    sh.add_argument("--ids", nargs="*")
    sh.add_argument("--start", type=int, default=0)
    sh.add_argument("--count", type=int, default=20)
    sh.add_argument("--overlap", action="store_true", help="only units coded by both coders")
    args = ap.parse_args(argv)
    if not CORPORA.exists():
        sys.exit(f"{CORPORA} not found: the gold units refer to the shared corpora")
    warnings.simplefilter("ignore")
    if args.cmd == "select":
        if UNITS.exists() and not args.overwrite:
            sys.exit(f"{UNITS} exists; pass --overwrite to replace it")
        units = select()
        UNITS.parent.mkdir(parents=True, exist_ok=True)
        units.to_csv(UNITS, index=False)
        print(units.groupby(["task", "stratum", "half"]).size().to_string())
        print(f"wrote {UNITS.relative_to(REPO)}: {len(units)} units, "
              f"{int(units['overlap'].sum())} in the overlap")
    else:
        show(args.task, ids=args.ids, start=args.start, count=args.count, overlap=args.overlap)


if __name__ == "__main__":
    main()
