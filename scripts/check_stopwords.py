"""Check the Russian and Ukrainian stop-word lists (``data/stopwords/ru.txt``, ``uk.txt``).

Usage (from the repository root)::

    .venv/bin/python scripts/check_stopwords.py

For each list it reports the number of entries and any problems:

* duplicate entries;
* entries that are not lowercase;
* entries with non-Cyrillic letters (an entry must be Cyrillic letters, optionally joined
  by a hyphen or an apostrophe, ' or ’);
* for ``ru``: entries containing the Ukrainian-only letters і, ї, є, ґ, and ё-words whose
  е-spelling is missing;
* for ``uk``: entries containing the Russian-only letters ы, э, ъ, ё, and apostrophe words
  not listed with both ' and ’;
* words that must never be stop words (framing vocabulary, see the README).

Exits with status 1 if any problem is found, 0 otherwise.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "data" / "stopwords"

CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+(?:[-'’][\u0400-\u04FF]+)*")
FOREIGN_LETTERS = {"ru": set("іїєґ"), "uk": set("ыэъё")}
NEVER = {
    "ru": {"война", "войны", "войну", "россия", "россии", "украина", "украины", "против",
           "мир", "мира", "переговоры", "армия", "армии", "якобы"},
    "uk": {"війна", "війни", "війну", "росія", "росії", "україна", "україни", "проти",
           "мир", "миру", "переговори", "армія", "армії", "нібито", "м'який", "м’який"},
}


def load(path: Path) -> list[str]:
    """Entries of a list file: non-empty lines that are not ``#`` comments."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def check(lang: str) -> list[str]:
    path = DIR / f"{lang}.txt"
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing"]
    words = load(path)
    unique = set(words)
    problems = []
    dups = sorted(w for w, n in Counter(words).items() if n > 1)
    if dups:
        problems.append(f"duplicates: {', '.join(dups)}")
    upper = [w for w in words if w != w.lower()]
    if upper:
        problems.append(f"not lowercase: {', '.join(upper)}")
    bad = [w for w in words if not CYRILLIC_WORD.fullmatch(w)]
    if bad:
        problems.append(f"non-Cyrillic letters or stray characters: {', '.join(map(repr, bad))}")
    foreign = [w for w in words if set(w) & FOREIGN_LETTERS[lang]]
    if foreign:
        letters = "".join(sorted(FOREIGN_LETTERS[lang]))
        problems.append(f"entries with letters foreign to {lang} ({letters}): {', '.join(foreign)}")
    if lang == "ru":
        missing = [w for w in unique if "ё" in w and w.replace("ё", "е") not in unique]
        if missing:
            problems.append(f"ё-words without their е-spelling: {', '.join(sorted(missing))}")
    if lang == "uk":
        missing = [w for w in unique if ("'" in w and w.replace("'", "’") not in unique)
                   or ("’" in w and w.replace("’", "'") not in unique)]
        if missing:
            problems.append(f"apostrophe words without both ' and ’ spellings: {', '.join(sorted(missing))}")
    banned = sorted(unique & NEVER[lang])
    if banned:
        problems.append(f"framing words that must not be stop words: {', '.join(banned)}")
    print(f"{lang}: {len(words)} entries, {len(unique)} distinct"
          + ("" if problems else " - OK"))
    return problems


def main() -> int:
    failed = False
    for lang in ("ru", "uk"):
        problems = check(lang)
        for p in problems:
            print(f"  PROBLEM ({lang}): {p}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
