r"""Check the lemma-matched lexicons (war_framing_ru.yml, war_framing_uk.yml).

The Russian and Ukrainian lexicons use ``match: lemma``: every pattern is a sequence of
lemmas as pymorphy3 returns them (``MorphAnalyzer(lang=...).parse(token)[0].normal_form``,
lowercased). This script lemmatises each frame's ``examples`` and a set of negative
probes (inflected phrases containing the false friends the ``exclude`` lists remove) and
checks that

1. the lexicon has the same frame names, labels and groups as the English
   ``war_framing.yml`` and every field the English frame uses, plus ``language`` and
   ``match: lemma`` at the top level;
2. every pattern matches at least one of its frame's examples (an example is a group
   of short phrases separated by ";", each lemmatised on its own), and every phrase is
   counted at least once (after exclusions);
3. every exclusion removes a pattern match in at least one negative probe of its frame,
   and every probe is left with no counted match.

Lemmatisation is checked under two rules where they are available: "first" (regex
``\w+(?:[-'’]\w+)*``, apostrophes normalised, lowercased, normal form of pymorphy3's
first parse) and "toolkit" (``toolkit.tokenize`` and ``toolkit.lemmas``: highest summed
score). Examples and probes must pass under both; a pattern must hit under at least one
(patterns listing a lemma only one rule produces are printed as notes).

Finally, if the toolkit is importable, the examples and probes are counted end to end
with ``toolkit.frame_scores`` (the lemma view of ``toolkit.index``): every example phrase
must be counted in its frame, every probe not.

It prints a table of pattern -> example hits (all rows with -v, else only failures) and
exits 1 if any check fails.

Usage::

    .venv/bin/python scripts/check_lemma_lexicons.py            # both languages
    .venv/bin/python scripts/check_lemma_lexicons.py ru -v      # one language, all rows
"""
from __future__ import annotations

import argparse
import re
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LEXDIR = ROOT / "data" / "lexicons"
FILES = {"ru": LEXDIR / "war_framing_ru.yml", "uk": LEXDIR / "war_framing_uk.yml"}
ENGLISH = LEXDIR / "war_framing.yml"

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})
TOKEN = re.compile(r"\w+(?:[-'']\w+)*")

# Negative probes: inflected phrases in which a pattern of the frame occurs inside one of
# the frame's exclusions, so nothing may be counted. Each exclusion must be exercised.
NEGATIVE = {
    "ru": {
        "war": [
            "итоги Второй мировой войны",
            "ветераны Великой Отечественной войны",
            "Отечественная война 1812 года",
            "в годы холодной войны",
            "гражданская война в Сирии",
            "торговую войну с Китаем",
            "ценовая война операторов",
            "санкционной войной",
            "информационную войну",
            "война за независимость США",
            "участник чеченской войны и афганской войны",
        ],
        "invasion": ["это вторжение в частную жизнь"],
        "special_military_operation": [
            "так называемая специальная военная операция",
            "так называемой специальной операции",
            "так называемую спецоперацию",
            "так называемой СВО",
            "т.н. СВО",
            "то, что Кремль называет специальной военной операцией",
            "войну он называет спецоперацией",
            "власти называют СВО",
            "Путин назвал специальной военной операцией",
            "официально именуемой специальной военной операцией",
            "спецоперация ФСБ в Дагестане",
            "спецоперации МВД",
            "спецоперация полиции",
            "специальной операции ФСБ",
        ],
        "conflict": [
            "конфликт интересов",
            "предложение заморозить конфликт",
            "заморозка конфликта",
            "прямого конфликта",
            "прямого военного конфликта",
            "конфликта с НАТО",
            "глобального конфликта",
            "ядерный конфликт",
            "стратегическим конфликтом",
            "сирийский конфликт",
            "конфликт в Сирии",
            "карабахского конфликта",
            "ближневосточный конфликт",
        ],
        "crisis": [
            "энергетический кризис", "продовольственного кризиса", "топливный кризис",
            "газового кризиса", "зерновой кризис", "миграционный кризис",
            "гуманитарного кризиса", "экономический кризис", "финансового кризиса",
            "долговой кризис", "климатическим кризисом", "Карибского кризиса",
            "политический кризис", "банковский кризис", "жилищного кризиса",
            "демографический кризис", "кризис в отношениях",
        ],
        "explicit_defeat": [
            "мы не отступим", "не отступать ни на шаг", "это не отступление",
            "лирическое отступление", "нанести стратегическое поражение России",
            "нельзя допустить поражения", "поражение нацистской Германии",
            "поражение нацизма", "поражение целей", "поражение объектов",
            "поражение техники", "поражение живой силы", "средства поражения",
            "в зоне поражения", "радиус поражения",
        ],
        "neutral_withdrawal": [
            "полного вывода войск", "требуют вывода войск", "требование вывода войск",
            "требованием о выводе войск", "вывод войск НАТО",
        ],
        "euphemised_setback": [
            "так называемая перегруппировка", "так называемый жест доброй воли",
            "назвали перегруппировкой", "назвали жестом доброй воли",
            "называют перегруппировкой", "называют жестом доброй воли",
            "это не жест доброй воли",
        ],
        "advance": [
            "с наступлением зимы", "наступление холодов", "до наступления темноты",
            "наступление весны", "с наступлением осени", "наступления ночи",
            "освобождение от налогов", "освобождение из-под стражи", "освобождения из плена",
            "освободили от уплаты", "освободили из плена", "освобождение заложников",
            "освободить заложников", "освобождение пленных",
            "прорыва в переговорах", "технологический прорыв",
        ],
        "negotiation": ["торговые переговоры", "газовых переговоров"],
        "negotiation_scepticism": [],
        "escalation": [
            "договор о нераспространении ядерного оружия", "мобилизация ресурсов",
            "мобилизовать ресурсы", "мобилизация средств", "мобилизовали средства",
            "мобилизация избирателей", "эскалация цен",
        ],
        "annexation_legitimising": [
            "так называемые референдумы", "т.н. референдумы", "фиктивный референдум",
            "фейковых референдумов", "незаконный референдум", "воссоединение семей",
            "вхождение в состав НАТО",
        ],
        "annexation_contesting": [
            "незаконные мигранты", "незаконной миграции",
            "незаконное пересечение границы", "незаконно пересёк границу",
            "незаконный оборот наркотиков", "незаконное хранение оружия",
            "незаконную предпринимательскую деятельность",
        ],
        "humanitarian_cost": [],
    },
    "uk": {
        "war": [
            "підсумки Другої світової війни", "ветерани Великої Вітчизняної війни",
            "у роки холодної війни", "холодна війна", "громадянська війна в Сирії",
            "торговельну війну з Китаєм", "цінова війна операторів", "санкційної війни",
            "інформаційна війна", "війна за незалежність США",
            "учасник чеченської війни", "афганської війни",
        ],
        "invasion": ["це вторгнення в приватне життя"],
        "special_military_operation": [
            "так звана спеціальна військова операція", "так званої спеціальної операції",
            "так звану спецоперацію", "так званої СВО", "т.зв. СВО", "т.зв. спецоперації",
            "те, що Кремль називає спеціальною військовою операцією",
            "війну він називає спецоперацією", "пропаганда називає СВО",
            "Путін назвав спеціальною військовою операцією", "спецоперація СБУ",
            "спецоперації ГУР", "спеціальної операції СБУ", "спеціальна операція ГУР",
        ],
        "conflict": [
            "конфлікт інтересів", "заморожування конфлікту", "заморозити конфлікт",
            "заморожений конфлікт", "прямого конфлікту", "конфлікту з НАТО",
            "глобального конфлікту", "ядерний конфлікт", "сирійський конфлікт",
            "конфлікт у Сирії", "карабахського конфлікту", "близькосхідний конфлікт",
        ],
        "crisis": [
            "енергетична криза", "енергетичної кризи", "продовольча криза",
            "паливної кризи", "газова криза", "зернової кризи", "міграційна криза",
            "гуманітарної кризи", "економічна криза", "фінансової кризи",
            "боргова криза", "кліматичну кризу", "Карибська криза", "політичної кризи",
            "банківської кризи", "житлової кризи", "демографічна криза",
            "кризи у відносинах", "кризи в відносинах",
        ],
        "explicit_defeat": [
            "ми не відступимо", "не відступати ні на крок", "це не відступ",
            "ліричний відступ", "завдати Росії стратегічної поразки",
            "не можна допустити поразки", "поразка нацизму",
            "поразка нацистської Німеччини",
        ],
        "neutral_withdrawal": [
            "повного виведення військ", "вимагають виведення військ",
            "вимога виведення військ", "вимогою про виведення військ",
            "виведення військ НАТО",
        ],
        "euphemised_setback": [
            "так зване перегрупування", "так званий жест доброї волі",
            "назвали перегрупуванням", "називають перегрупуванням",
            "назвали жестом доброї волі", "називають жестом доброї волі",
            "це не жест доброї волі",
        ],
        "advance": [
            "звільнення з посади", "звільнили з посади", "звільнення з роботи",
            "звільнили з роботи", "звільнення з полону", "звільнили з полону",
            "звільнення полонених", "звільнити полонених", "звільнення заручників",
            "звільнення від податків", "звільнили від сплати", "прорив у переговорах",
            "технологічний прорив",
        ],
        "negotiation": ["торговельні переговори"],
        "negotiation_scepticism": [],
        "escalation": [
            "договір про нерозповсюдження ядерної зброї", "мобілізація ресурсів",
            "мобілізували ресурси", "мобілізація коштів", "мобілізувати кошти",
            "мобілізація виборців",
        ],
        "annexation_legitimising": [
            "так звані референдуми", "т.зв. референдумів", "фейкові референдуми",
            "фіктивних референдумів", "незаконний референдум", "возз'єднання родин",
            "входження до складу НАТО",
        ],
        "annexation_contesting": [
            "незаконні мігранти", "незаконної міграції", "незаконного перетину кордону",
            "незаконно перетнув кордон", "незаконний обіг наркотиків",
            "незаконне зберігання зброї", "незаконне збагачення",
        ],
        "humanitarian_cost": [
            "Цивільний кодекс", "цивільної оборони", "цивільної авіації",
            "цивільний позов", "цивільний шлюб",
        ],
    },
}


@cache
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@cache
def _lemma_first(token: str, lang: str) -> str:
    """The brief's rule: the normal form of pymorphy3's first (most probable) parse."""
    return _morph(lang).parse(token)[0].normal_form.translate(APOSTROPHES).lower()


def _tokens_plain(text: str) -> list[str]:
    return TOKEN.findall(text.translate(APOSTROPHES).lower())


def _toolkit_rule():
    """The toolkit's own tokeniser and lemma view (toolkit.tokenize, toolkit.lemmas)."""
    sys.path.insert(0, str(ROOT))
    try:
        from toolkit.lemmas import _lemma
        from toolkit.tokenize import TOKEN_REGEX, normalise_apostrophes
    except ImportError:
        return None

    def toks(text: str) -> list[str]:
        return TOKEN_REGEX.findall(normalise_apostrophes(text).lower())

    def lem(token: str, lang: str) -> str:
        return _lemma(token, lang).translate(APOSTROPHES).lower()

    return toks, lem


# Two lemmatisation rules. "first": regex \w+(?:[-'’]\w+)* and the first parse's normal
# form (the rule the lexicons were specified against). "toolkit": toolkit.tokenize
# (which keeps abbreviations such as "т.н." as one token) and toolkit.lemmas (the lemma
# whose analyses have the highest summed score). Where the two disagree the lexicons
# list both lemma forms, so examples and probes must pass under both rules.
RULES = {"first": (_tokens_plain, _lemma_first)}
_tk = _toolkit_rule()
if _tk is not None:
    RULES["toolkit"] = _tk


def tokens(text: str) -> list[str]:
    return _tokens_plain(text)


def lemmas(text: str, lang: str, rule: str = "first") -> list[str]:
    toks, lem = RULES[rule]
    return [lem(t, lang) for t in toks(text)]


def compile_pattern(pattern: str) -> list[re.Pattern]:
    parts = str(pattern).translate(APOSTROPHES).lower().split()
    return [re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in p) + r"\Z")
            for p in parts]


def find(pattern: list[re.Pattern], seq: list[str]) -> list[tuple[int, int]]:
    n = len(pattern)
    return [(i, i + n) for i in range(len(seq) - n + 1)
            if all(pattern[k].match(seq[i + k]) for k in range(n))]


def counted(frame: dict, seq: list[str]) -> tuple[list, list]:
    """(counted spans, excluded spans) of the frame's patterns in a lemma sequence."""
    excl = [s for e in frame.get("exclude") or [] for s in find(compile_pattern(e), seq)]
    keep, dropped = [], []
    for p in frame["patterns"]:
        for s in find(compile_pattern(p), seq):
            inside = any(a <= s[0] and s[1] <= b for a, b in excl)
            (dropped if inside else keep).append(s)
    return keep, dropped


def check(lang: str, verbose: bool) -> int:
    lex = yaml.safe_load(FILES[lang].read_text(encoding="utf-8"))
    eng = yaml.safe_load(ENGLISH.read_text(encoding="utf-8"))
    problems: list[str] = []
    if lex.get("language") != lang:
        problems.append(f"top level: language should be {lang!r}, got {lex.get('language')!r}")
    if lex.get("match") != "lemma":
        problems.append(f"top level: match should be 'lemma', got {lex.get('match')!r}")
    if list(lex["frames"]) != list(eng["frames"]):
        problems.append(f"frame names differ from English: {list(lex['frames'])}")
    for name, spec in eng["frames"].items():
        mine = lex["frames"].get(name, {})
        for key in ("label", "group"):
            if spec.get(key) != mine.get(key):
                problems.append(f"{name}: {key} {mine.get(key)!r} != English {spec.get(key)!r}")
        missing = [k for k in spec if k not in mine]
        if missing:
            problems.append(f"{name}: fields the English frame has are missing: {missing}")
        if not 2 <= len(mine.get("examples") or []) <= 6:
            problems.append(f"{name}: needs 2-6 examples")

    print(f"\n=== {FILES[lang].relative_to(ROOT)} (lang={lang}; rules: {', '.join(RULES)}) ===")
    n_pat = 0
    one_rule: list[str] = []
    probes_all = NEGATIVE.get(lang, {})
    for name, frame in lex["frames"].items():
        # an example is a group of short phrases separated by ";", lemmatised one by one
        # (so that no pattern is "found" across two phrases)
        phrases = [ph.strip() for ex in frame.get("examples") or [] for ph in ex.split(";") if ph.strip()]
        seqs = {rule: [(ph, lemmas(ph, lang, rule)) for ph in phrases] for rule in RULES}
        probes = {rule: [(pr, lemmas(pr, lang, rule)) for pr in probes_all.get(name, [])] for rule in RULES}
        print(f"\n[{name}] {len(frame['patterns'])} patterns, "
              f"{len(frame.get('exclude') or [])} exclusions, "
              f"{len(frame.get('examples') or [])} examples ({len(phrases)} phrases)")
        dup = {p for p in frame["patterns"] if frame["patterns"].count(p) > 1}
        if dup:
            problems.append(f"{name}: duplicate patterns {sorted(dup)}")
        for p in frame["patterns"]:
            n_pat += 1
            cp = compile_pattern(p)
            hits = {rule: [ph for ph, seq in seqs[rule] if find(cp, seq)] for rule in RULES}
            rules_hit = [rule for rule in RULES if hits[rule]]
            if not rules_hit:
                problems.append(f"{name}: pattern {p!r} matches none of the frame's examples")
            elif len(rules_hit) < len(RULES):
                one_rule.append(f"{name}: {p!r} only under rule {rules_hit[0]!r}")
            if verbose or not rules_hit:
                shown = hits[rules_hit[0]][0] if rules_hit else "-- NO HIT --"
                counts = " ".join(f"{rule}={len(hits[rule])}" for rule in RULES)
                print(f"  {p:<34} {counts:<18} {shown}")
        for rule in RULES:
            for ph, seq in seqs[rule]:
                keep, _ = counted(frame, seq)
                if not keep:
                    problems.append(f"{name}: example {ph!r} (rule {rule}: {' '.join(seq)}) is not counted")
                elif verbose and rule == "first":
                    print(f"    example: {ph}  ->  {' '.join(seq)}")
            for pr, seq in probes[rule]:
                keep, dropped = counted(frame, seq)
                if keep:
                    problems.append(f"{name}: negative probe {pr!r} (rule {rule}: {' '.join(seq)}) "
                                    f"still counted at {keep}")
                if not dropped:
                    problems.append(f"{name}: negative probe {pr!r} (rule {rule}) contains no pattern match")
        for e in frame.get("exclude") or []:
            ce = compile_pattern(e)
            useful = [pr for rule in RULES for pr, seq in probes[rule]
                      if any(a <= s[0] and s[1] <= b for a, b in find(ce, seq)
                             for p in frame["patterns"] for s in find(compile_pattern(p), seq))]
            if not useful:
                problems.append(f"{name}: exclusion {e!r} removes no pattern match in its negative probes")
            elif verbose:
                print(f"  exclude {e:<34} {useful[0]}")
    print(f"\n{lang}: {len(lex['frames'])} frames, {n_pat} patterns, "
          f"{sum(len(f.get('exclude') or []) for f in lex['frames'].values())} exclusions")
    for msg in one_rule:
        print(f"note ({lang}): pattern {msg}")
    for msg in problems:
        print(f"PROBLEM ({lang}): {msg}")
    if not problems:
        print(f"{lang}: OK - every pattern matches an example, every exclusion removes a probe")
    return len(problems)


def check_toolkit(lang: str) -> int:
    """End to end: count the examples and probes with toolkit.frame_scores itself."""
    try:
        import pandas as pd

        import toolkit as tk
        from toolkit.lexicon import load_lexicon
    except ImportError:
        print(f"{lang}: toolkit not importable, end-to-end check skipped")
        return 0
    lex = load_lexicon(FILES[lang])
    spec = yaml.safe_load(FILES[lang].read_text(encoding="utf-8"))
    rows = [(name, ph.strip(), True) for name, f in spec["frames"].items()
            for ex in f.get("examples") or [] for ph in ex.split(";") if ph.strip()]
    rows += [(name, pr, False) for name, prs in NEGATIVE.get(lang, {}).items() for pr in prs]
    ids = [f"{lang}{i}" for i in range(len(rows))]
    corpus = pd.DataFrame({"doc_id": ids, "text": [r[1] for r in rows], "language": lang,
                           "source": "check", "date": pd.Timestamp("2022-10-01"), "title": ""})
    counts = tk.frame_scores(corpus, lex).set_index(["doc_id", "frame"])["count"]
    bad = 0
    for doc, (frame, text, positive) in zip(ids, rows, strict=True):
        n = int(counts.loc[(doc, frame)])
        if (n > 0) != positive:
            bad += 1
            what = "example not counted" if positive else "negative probe counted"
            print(f"PROBLEM ({lang}, toolkit.frame_scores): {frame}: {what}: {text!r} ({n})")
    print(f"{lang}: toolkit.frame_scores on {len(rows)} example phrases and probes: "
          f"{'OK' if not bad else f'{bad} wrong'}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("langs", nargs="*", metavar="LANG", help="ru and/or uk (default: both)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every pattern and example")
    args = ap.parse_args(argv)
    unknown = [lang for lang in args.langs if lang not in FILES]
    if unknown:
        ap.error(f"unknown language(s) {unknown}; choose from {list(FILES)}")
    args.langs = args.langs or list(FILES)
    bad = sum(check(lang, args.verbose) for lang in args.langs)
    print()
    bad += sum(check_toolkit(lang) for lang in args.langs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
