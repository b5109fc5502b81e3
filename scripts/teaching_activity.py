"""Build the no-code classroom activity "spot the euphemism" from the demo corpus.

Writes into ``teaching/spot_the_euphemism/`` (or ``--out DIR``):

- ``cards.md`` and ``cards.html``: about 20 numbered keyword-in-context lines on military
  setbacks, shuffled, with no outlet name, for students to classify as explicit, neutral
  or euphemistic;
- ``answer_key.md``: for every card the outlet, the article, what the ``war_framing``
  lexicon counts it as (setback frames ``explicit_defeat``, ``neutral_withdrawal``,
  ``euphemised_setback``), whether the match is quoted speech, the corpus authors' label of
  the article, and prompts for the debrief.

The draw uses a fixed seed and the output contains no date or path, so every run on the
same corpus writes the same bytes (``tests/test_teaching.py`` checks this).

    .venv/bin/python scripts/teaching_activity.py            # rewrite the committed files
    .venv/bin/python scripts/teaching_activity.py --out /tmp/cards
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import toolkit as tk  # noqa: E402

SEED = 2022
WINDOW = 10
OUT = ROOT / "teaching" / "spot_the_euphemism"
LEXICON = "war_framing"
SETBACK_FRAMES = ["explicit_defeat", "neutral_withdrawal", "euphemised_setback"]
OTHER_FRAMES = ["advance"]  # liberat* is counted here, not as a setback

# (pattern, number of cards). About half of each pattern's cards are drawn from the
# "hard" lines (quoted speech, a negation or a reporting word such as "called" in the four
# words before the keyword, or a match the lexicon drops with an exclusion) when there are any, so every deck has something to argue about.
PLAN = [
    ("retreat*", 5),
    ("withdr*", 3),
    ("regroup*", 3),
    ("goodwill gesture", 2),
    ("redeploy*", 2),
    ("pulled back", 2),
    ("difficult decision", 2),
    ("liberat*", 2),
]

# Words that give the outlet away; a line containing one is never put on a card.
OUTLET_GIVEAWAYS = ["borealis", "northgate", "dnipro ledger", "rhine chronicle",
                    "southern horizon", "american signal", "eastern concord", ".example"]

NEGATION = re.compile(
    r"\b(no|not|never|nor|without|n't|denied|deny|denies|so-called|called|calls)\b|n't\b",
    re.IGNORECASE,
)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(str(text).split())


def _outlet_words(corpus: pd.DataFrame) -> list[str]:
    names = {str(s).lower() for s in corpus["source"].unique()}
    return sorted(names | set(OUTLET_GIVEAWAYS))


def _lexicon_hits(corpus: pd.DataFrame) -> pd.DataFrame:
    frames = SETBACK_FRAMES + [f for f in OTHER_FRAMES]
    hits = tk.frame_matches(corpus, LEXICON, frames=frames, excluded=True, window=2)
    return hits[["doc_id", "frame", "pattern", "start", "end", "excluded"]]


def _verdict(hits: pd.DataFrame, doc_id: str, start: int, end: int) -> list[dict]:
    """The lexicon matches (counted or excluded) that overlap one card's keyword."""
    same = hits[(hits["doc_id"] == doc_id) & (hits["start"] < end) & (hits["end"] > start)]
    rows = same.sort_values(["excluded", "frame", "pattern"]).to_dict("records")
    return [{"frame": r["frame"], "pattern": r["pattern"], "excluded": bool(r["excluded"])}
            for r in rows]


def draw_cards(corpus: pd.DataFrame, plan=PLAN, seed: int = SEED,
               window: int = WINDOW) -> list[dict]:
    """Draw the cards: a reproducible, shuffled list of dicts (one per line)."""
    rng = random.Random(seed)
    hits = _lexicon_hits(corpus)
    giveaways = _outlet_words(corpus)
    taken: list[tuple[str, int, int]] = []   # (doc_id, first char, last char) of each card
    cards = []
    for pattern, k in plan:
        lines = tk.concordance(corpus, pattern, window=window, quotes="mark")
        pool = []
        for row in lines.itertuples(index=False):
            # keep the space (or its absence) next to the keyword: "withdrawal, and"
            left = _one_space(row.left).lstrip()
            match = squash(row.match)
            right = _one_space(row.right).rstrip()
            text = left + match + right
            if any(g in text.lower() for g in giveaways):
                continue
            lo, hi = row.start - len(row.left), row.end + len(row.right)
            if any(d == row.doc_id and lo < b and hi > a for d, a, b in taken):
                continue   # overlaps a card already drawn
            verdict = _verdict(hits, row.doc_id, row.start, row.end)
            negated = NEGATION.search(" ".join(left.split()[-4:])) is not None
            in_quote = bool(getattr(row, "in_quote", False))
            hard = in_quote or negated or any(v["excluded"] for v in verdict)
            pool.append({
                "pattern": pattern, "doc_id": row.doc_id, "source": row.source,
                "date": pd.Timestamp(row.date).strftime("%Y-%m-%d"),
                "left": left, "match": match, "right": right,
                "start": int(row.start), "end": int(row.end), "span": (lo, hi),
                "in_quote": in_quote, "speaker": squash(getattr(row, "speaker", "") or ""),
                "negated": negated, "hard": hard, "lexicon": verdict,
            })
        hard_pool = [c for c in pool if c["hard"]]
        plain_pool = [c for c in pool if not c["hard"]]
        n_hard = min(len(hard_pool), (k + 1) // 2)
        chosen = rng.sample(hard_pool, n_hard)
        chosen += rng.sample(plain_pool, min(len(plain_pool), k - n_hard))
        if len(chosen) < k:   # not enough plain lines: top up with hard ones
            rest = [c for c in hard_pool if c not in chosen]
            chosen += rng.sample(rest, min(len(rest), k - len(chosen)))
        for card in chosen:
            # a card may overlap one chosen in the same round: drop the later one
            lo, hi = card["span"]
            if any(d == card["doc_id"] and lo < b and hi > a for d, a, b in taken):
                continue
            taken.append((card["doc_id"], lo, hi))
            cards.append(card)
    rng.shuffle(cards)
    for number, card in enumerate(cards, start=1):
        card["number"] = number
    return cards


def card_text(card: dict) -> str:
    """The words of a card as they stand in the article (whitespace normalised)."""
    return squash(card["left"] + card["match"] + card["right"])


def _one_space(text: str) -> str:
    return re.sub(r"\s+", " ", str(text))


# ------------------------------------------------------------------------ rendering
CARDS_INTRO = """\
Read each line. It comes from a news article about the war in Ukraine in 2022; the
**bold** word or phrase is the one to judge. You do not know which outlet wrote it.
For each card tick **one** box and write a few words on why.

- **Explicit**: the line says plainly that one side lost ground or was beaten.
- **Neutral**: the line reports a movement of troops without judging it.
- **Euphemistic**: the line makes a loss sound planned, voluntary, kind or harmless.
- **Other**: the line is not about a loss of ground at all.

Careful: a line can *mention* a word it does not *use* (a quotation, a denial, "what
Moscow called..."). Decide what the writer of the article is doing.
"""


def render_cards_md(cards: list[dict]) -> str:
    out = ["# Spot the euphemism: cards", "",
           "*Constructed teaching corpus: the outlets are fictional, the events are real, "
           "every sentence was written for the newsframes project.*", "", CARDS_INTRO]
    for card in cards:
        out += [f"## Card {card['number']}", "",
                f"> … {card['left']}**{card['match']}**{card['right']} …", "",
                "[ ] explicit  [ ] neutral  [ ] euphemistic  [ ] other", "",
                "Why? ______________________________________________________________", ""]
    return "\n".join(out)


HTML_HEAD = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Spot the euphemism: cards</title>
<style>
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }
.card { border: 1px solid #444; border-radius: 6px; padding: 0.6em 1em; margin: 1em 0;
        page-break-inside: avoid; break-inside: avoid; }
.card h2 { font-size: 1em; margin: 0 0 0.4em 0; }
.line { font-size: 1.1em; }
.line b { background: #eee; padding: 0 0.15em; }
.boxes { margin-top: 0.6em; font-family: sans-serif; }
.why { border-bottom: 1px solid #999; height: 1.6em; }
.note { font-size: 0.9em; color: #333; }
@media print { body { margin: 0.5cm; } }
</style>
</head>
<body>
"""


def _md_inline_to_html(text: str) -> str:
    """Escape a line of the intro, then turn its **bold** and *italic* into tags."""
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


def render_cards_html(cards: list[dict]) -> str:
    out = [HTML_HEAD, "<h1>Spot the euphemism: cards</h1>",
           '<p class="note"><i>Constructed teaching corpus: the outlets are fictional, the '
           "events are real, every sentence was written for the newsframes project.</i></p>"]
    items, paras = [], []
    for line in CARDS_INTRO.splitlines():
        if line.startswith("- "):
            items.append(f"<li>{_md_inline_to_html(line[2:])}</li>")
        elif line.strip():
            paras.append(_md_inline_to_html(line))
        else:
            if paras:
                out.append("<p>" + " ".join(paras) + "</p>")
                paras = []
            if items:
                out.append("<ul>" + "".join(items) + "</ul>")
                items = []
    if paras:
        out.append("<p>" + " ".join(paras) + "</p>")
    for card in cards:
        line = (f"… {html.escape(card['left'])}<b>{html.escape(card['match'])}</b>"
                f"{html.escape(card['right'])} …")
        out.append(
            f'<div class="card"><h2>Card {card["number"]}</h2>'
            f'<p class="line">{line}</p>'
            '<p class="boxes">&#9744; explicit &nbsp; &#9744; neutral &nbsp; '
            "&#9744; euphemistic &nbsp; &#9744; other</p>"
            '<p>Why?</p><div class="why"></div></div>')
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _lexicon_sentence(card: dict) -> str:
    counted = [v for v in card["lexicon"] if not v["excluded"]]
    dropped = [v for v in card["lexicon"] if v["excluded"]]
    parts = []
    for v in counted:
        kind = "a setback frame" if v["frame"] in SETBACK_FRAMES else "not a setback frame"
        parts.append(f"counted in `{v['frame']}` ({kind}; pattern `{v['pattern']}`)")
    for v in dropped:
        parts.append(f"matched `{v['pattern']}` of `{v['frame']}` but **dropped by an "
                     "exclusion**, so not counted")
    if not parts:
        return "not counted in any setback frame"
    return "; ".join(parts)


def _prompts(card: dict) -> list[str]:
    prompts = []
    frames = {v["frame"] for v in card["lexicon"] if not v["excluded"]}
    if card["in_quote"]:
        who = f" ({card['speaker']})" if card["speaker"] else ""
        prompts.append(f"The word is inside a quotation{who}: is the outlet using it or "
                       "reporting someone who does?")
    elif '"' in card["left"] or '"' in card["right"]:
        prompts.append("There are quotation marks in the line, but the toolkit did not mark "
                       "the keyword as quoted speech: check the article.")
    if card["negated"]:
        prompts.append("A negation or a reporting word (*no*, *not*, *called*...) stands just "
                       "before the keyword: does the writer use the word, or report or "
                       "reject someone else's word?")
    if any(v["excluded"] for v in card["lexicon"]):
        prompts.append("The lexicon's authors wrote an exclusion for this kind of use: did "
                       "students agree that it is no setback of that kind?")
    if "euphemised_setback" in frames:
        prompts.append("The lexicon calls this euphemistic by the word alone. Is the loss of "
                       "ground real here, and who is using the soft word?")
    if "explicit_defeat" in frames and not card["in_quote"] and not card["negated"]:
        prompts.append("Counted as explicit: is it a defeat on the battlefield, or another "
                       "sense of the word (prices, politics, a promise)?")
    if "advance" in frames:
        prompts.append("*Liberated* judges who rightfully holds a place: whose point of view "
                       "does the line take? The lexicon counts it as an advance, never as "
                       "the other side's setback.")
    if not card["lexicon"]:
        prompts.append("The lexicon counts nothing here. Would your students?")
    return prompts


def render_answer_key(cards: list[dict], labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    out = ["# Spot the euphemism: answer key (teacher only)", "",
           "Do not hand this out before the debrief. The outlets are **fictional** and the "
           "corpus was written for teaching: nothing here describes real media.", "",
           f"Generated by `scripts/teaching_activity.py` (seed {SEED}, {WINDOW} words of "
           f"context) from `toolkit.load_demo()`. *Lexicon* is what `frame_matches(corpus, "
           f"\"{LEXICON}\", frames=[...])` counts for the bold word; *authors' label* is the "
           "article-level `defeat_wording` from `data/demo/annotations.csv` (written while "
           "writing the corpus, not independent coding).", "",
           "| card | outlet | doc_id | date | keyword | lexicon | quoted speech | "
           "authors' label |",
           "|---|---|---|---|---|---|---|---|"]
    for c in cards:
        quoted = f"yes ({c['speaker']})" if c["in_quote"] and c["speaker"] else (
            "yes" if c["in_quote"] else "no")
        out.append(f"| {c['number']} | {c['source']} | `{c['doc_id']}` | {c['date']} | "
                   f"{c['match']} | {_lexicon_sentence(c)} | {quoted} | "
                   f"{labels.get(c['doc_id'], 'n/a')} |")
    out += ["", "## Card by card", ""]
    for c in cards:
        out += [f"### Card {c['number']}: {c['source']} (`{c['doc_id']}`)", "",
                f"> … {c['left']}**{c['match']}**{c['right']} …", "",
                f"- Lexicon: {_lexicon_sentence(c)}."]
        out += [f"- Ask: {p}" for p in _prompts(c)]
        out.append("")
    out += [
        "## Debrief prompts", "",
        "1. Which cards did the class split on? Put one on the board and let both sides "
        "argue from the words of the line only.",
        "2. Where did students and the lexicon disagree? Look first at quoted words "
        "(the outlet reports a euphemism without adopting it), negations (*no sign of a "
        "retreat*) and other senses of the word (prices retreat, a promise withdrawn).",
        "3. Reveal the outlets. Did knowing the outlet change anyone's reading? Should it?",
        "4. Ten words either side is very little. Which card would you need the whole "
        "article for?",
        "5. A word list counts words, not meanings. What would you have to add to the "
        "lexicon to agree with the class, and what would that break elsewhere?",
        "",
    ]
    return "\n".join(out)


def write_activity(out_dir: Path = OUT, corpus: pd.DataFrame | None = None,
                   labels: dict[str, str] | None = None) -> list[Path]:
    """Draw the cards and write the three generated files into ``out_dir``."""
    if corpus is None:
        corpus = tk.load_demo()
        if labels is None:
            ann = tk.load_annotations()
            labels = dict(zip(ann["doc_id"], ann["defeat_wording"], strict=True))
    cards = draw_cards(corpus)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"cards.md": render_cards_md(cards), "cards.html": render_cards_html(cards),
             "answer_key.md": render_answer_key(cards, labels)}
    paths = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    for path in write_activity(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
