"""Actor lists: who a mention refers to, and which group and side it belongs to.

An actor list is a YAML file (bundled: ``data/attribution/war_actors.yml``; edit a copy
and pass its path) with

* ``groups``: the speaker/actor groups (``russian_officials``, ``ukrainian_officials``,
  ``western_officials``, ``other_governments``, ``military_sources``, ``experts``,
  ``civilians``, ``international_orgs``, ``media``, ``anonymous``) with labels, sides and
  definitions;
* ``sides``: marker words that place a role noun on a side (*Russian*, *Kremlin*,
  *Ukraine's*, *US*, *NATO*...);
* ``roles``: role nouns by kind (official, military, expert, civilian, organisation,
  media, anonymous) and the group they give (``{side}_officials`` for officials: the side
  comes from a marker);
* ``titles`` (with gender for *Mr*, *Ms*), ``actors`` (named persons, states and
  organisations with aliases, group and gender) and ``exclusions`` (false friends such as
  *Washington Post*).

:func:`classify_mention` turns a speaker mention (*the Kremlin spokesman*, *a senior US
defence official*, *Mr. Peskov*, *officials*) into a group, a side and an anonymity flag,
by these rules in order:

1. a known actor's name or alias in the mention (after exclusions) gives its group;
2. a role noun gives its kind; a side marker in the mention gives the side; officials get
   ``{side}_officials`` (``anonymous`` when no side is named), the other kinds their group;
3. a mention with no name and an official, military or anonymous-source head noun is
   ``anonymous`` (an unnamed source), whatever its group.

The matching is on words (case-sensitive for capitalised markers and names, so *us* the
pronoun is not *US*). It is a heuristic: check the speakers table, and add names to the
list for your corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .paths import list_path

__all__ = ["ActorList", "classify_mention", "load_actors", "trie_pattern"]

GROUPS: tuple[str, ...] = (
    "russian_officials", "ukrainian_officials", "western_officials", "other_governments",
    "military_sources", "experts", "civilians", "international_orgs", "media", "anonymous",
)
_WORD = re.compile(r"[\w’'.-]+")
ANONYMOUS_HEADS = frozenset("""official officials source sources person people insider insiders
    aide aides diplomat diplomats adviser advisers advisor advisors""".split())
"""Head nouns that make an unnamed speaker anonymous (*officials said*, *a source said*);
an unnamed but identifiable role (*the Kremlin spokesman*, *the ministry*) is not."""


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many literal strings, with common prefixes factored out.

    Python's ``re`` tries the branches of ``a|b|c...`` one by one at every position; a trie
    (``Kyiv|Kyiv's|Kremlin`` -> ``K(?:yiv(?:'s)?|remlin)``) tests each character once, which
    makes a list of a thousand names fast to search.

    Parameters
    ----------
    words : iterable of str
        Literal strings.

    Returns
    -------
    str
        A non-capturing pattern matching exactly those strings (greedy: longest first).

    Examples
    --------
    >>> import re
    >>> from toolkit.actors import trie_pattern
    >>> p = trie_pattern(["Kyiv", "Kyivan", "Kremlin"])
    >>> re.findall(p, "Kyivan Kremlin Kyiv")
    ['Kyivan', 'Kremlin', 'Kyiv']
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!)"


@dataclass
class ActorList:
    """A parsed actor list (see the module docstring)."""

    name: str
    groups: dict
    markers: dict[str, str]  # marker -> side
    roles: dict[str, tuple[str, str]]  # role noun -> (kind, group template); lowercase nouns
    # match in any case, nouns written with capitals (WHO, Red Cross) only as written
    anonymity: tuple[str, ...]
    titles: dict[str, str]  # title -> gender ("m", "f" or "")
    aliases: dict[str, dict]  # alias -> actor record (name, group, kind, gender)
    exclusions: tuple[str, ...]
    spellings: dict[str, str] = field(default_factory=dict)  # form -> the alias it inflects
    side_groups: dict[str, str] = field(default_factory=lambda: {
        "russia": "russian_officials", "ukraine": "ukrainian_officials",
        "west": "western_officials", "other": "other_governments"})
    _cache: dict = field(default_factory=dict)
    _alias_re: re.Pattern | None = None
    _role_re: re.Pattern | None = None

    @property
    def alias_pattern(self) -> re.Pattern:
        """One regex for every alias (longest first, whole words; a trie, see :func:`trie_pattern`)."""
        if self._alias_re is None:
            self._alias_re = re.compile(rf"(?<![\w’'])(?:{trie_pattern(self.aliases)})(?![\w’'])")
        return self._alias_re

    @property
    def role_pattern(self) -> re.Pattern:
        """One regex for every role noun or phrase (longest first, case-insensitive)."""
        if self._role_re is None:
            nouns = sorted(self.roles, key=len, reverse=True)
            body = "|".join(re.escape(a) if a != a.lower() else f"(?i:{re.escape(a)}(?:e?s)?)" for a in nouns) or "(?!)"
            self._role_re = re.compile(rf"(?<![\w’'])(?:{body})(?![\w’'])")
        return self._role_re

    def surname_of(self, name: str) -> str:
        """Last word of a name (``"Dmitry S. Peskov"`` -> ``"Peskov"``)."""
        words = [w for w in name.split() if w.lower().rstrip(".") not in ("jr", "sr", "iii", "ii")]
        return words[-1] if words else name


@lru_cache(maxsize=8)
def _load(path: str) -> ActorList:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or "actors" not in raw:
        raise ValueError(f"{path}: not an actor list (needs 'groups', 'sides', 'roles', 'actors')")
    markers: dict[str, str] = {}
    for side, spec in (raw.get("sides") or {}).items():
        for m in (spec or {}).get("markers", []) or []:
            markers[str(m).replace("’", "'")] = side
    roles: dict[str, tuple[str, str]] = {}
    anonymity: list[str] = []
    for kind, spec in (raw.get("roles") or {}).items():
        for noun in spec.get("nouns", []) or []:
            noun = str(noun)
            roles.setdefault(noun if noun != noun.lower() and noun.upper() == noun or noun.istitle() else noun.lower(),
                             (kind, spec.get("group", "")))
        anonymity += [str(p) for p in spec.get("phrases", []) or []]
    titles: dict[str, str] = {}
    for gender, words in (raw.get("titles") or {}).items():
        for w in words or []:
            titles[str(w)] = {"male": "m", "female": "f"}.get(gender, "")
    aliases: dict[str, dict] = {}
    spellings: dict[str, str] = {}
    groups = raw.get("groups") or {}
    for k, rec in enumerate(raw.get("actors", []) or [], 1):
        if not isinstance(rec, dict) or not rec.get("name"):
            raise ValueError(f"{path}: actors entry {k}: field 'name' is missing ({rec!r})")
        if rec.get("group") not in groups:
            raise ValueError(f"{path}: actors entry {k} ({rec['name']!r}): field 'group' is "
                             f"{rec.get('group')!r}, not one of the file's groups {sorted(groups)}")
        entry = {"name": rec["name"], "group": rec.get("group", ""), "kind": rec.get("kind", ""),
                 "gender": rec.get("gender") or "", "side": rec.get("side") or ""}
        for a in [rec["name"], *(rec.get("aliases") or [])]:
            aliases.setdefault(str(a), entry)
            aliases.setdefault(str(a).replace("'", "’"), entry)
            spellings.setdefault(str(a), str(a))
            for form in _cyrillic_forms(str(a)):  # Зеленского, Зеленському, Киеве, Києві...
                aliases.setdefault(form, entry)
                spellings.setdefault(form, str(a))
    excl = tuple(str(e["phrase"] if isinstance(e, dict) else e) for e in raw.get("exclusions", []) or [])
    return ActorList(name=raw.get("name", Path(path).stem), groups=raw.get("groups", {}),
                     markers=markers, roles=roles, anonymity=tuple(anonymity), titles=titles,
                     aliases=aliases, exclusions=excl, spellings=spellings)


_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


@lru_cache(maxsize=4096)
def _cyrillic_forms(alias: str) -> tuple[str, ...]:
    """The case forms of a one-word Cyrillic alias (pymorphy3), capitalised like the alias.

    Russian and Ukrainian names and places inflect (*Зеленский, Зеленского, Зеленскому*;
    *Київ, Києва, Києві*), so an alias list written in the nominative would miss most
    mentions. A word with letters only Ukrainian has is inflected as Ukrainian, one with
    letters only Russian has as Russian, any other with both dictionaries. Multi-word
    aliases are kept as written (list their forms yourself).
    """
    from .language import CYRILLIC

    if " " in alias or not CYRILLIC.search(alias):
        return ()
    from .lemmas import _analyzer

    langs = ["uk"] if _UKRAINIAN_ONLY.search(alias) else ["ru"] if _RUSSIAN_ONLY.search(alias) else ["ru", "uk"]
    forms: set[str] = set()
    for lang in langs:
        parses = _analyzer(lang).parse(alias)
        named = [p for p in parses if {"Surn", "Name", "Geox", "Orgn", "Patr"} & set(p.tag.grammemes)]
        for p in (named or parses)[:1]:
            # singular forms of the same gender (Зеленский, not Зеленская: another person)
            forms |= {f.word for f in p.lexeme if "plur" not in f.tag.grammemes
                      and (p.tag.gender is None or f.tag.gender in (None, p.tag.gender))}
    cap = alias.isupper()
    out = {f.upper() if cap else f[:1].upper() + f[1:] for f in forms if f}
    out.discard(alias)
    return tuple(sorted(out))


def load_actors(actors: str | Path | ActorList = "war_actors") -> ActorList:
    """Load an actor list (bundled name or YAML path).

    Parameters
    ----------
    actors : str, Path or ActorList, default "war_actors"
        A bundled list name, the path of a YAML file, or an already loaded list.

    Returns
    -------
    ActorList
        The parsed list.

    Examples
    --------
    >>> from toolkit.actors import load_actors
    >>> acts = load_actors()
    >>> acts.aliases["Peskov"]["group"]
    'russian_officials'
    """
    if isinstance(actors, ActorList):
        return actors
    p = list_path(actors, "attribution")
    if not p.exists():
        raise FileNotFoundError(f"actor list {actors!r} not found (looked for {p})")
    return _load(str(p.resolve()))


def classify_mention(mention: str, actors: str | Path | ActorList = "war_actors") -> dict:
    """Group, side, actor name and anonymity of one speaker or actor mention.

    Parameters
    ----------
    mention : str
        The words that name the speaker (``"the Kremlin spokesman"``, ``"Mr. Peskov"``).
    actors : str, Path or ActorList, default "war_actors"
        The actor list.

    Returns
    -------
    dict
        ``actor`` (the list's name for a known actor, else ``""``), ``group`` (a group key
        or ``""``), ``side`` (``russia``/``ukraine``/``west``/``other`` or ``""``),
        ``kind`` (role kind or actor kind) and ``anonymous`` (bool).

    Examples
    --------
    >>> from toolkit.actors import classify_mention
    >>> classify_mention("a senior US defence official")["group"]
    'western_officials'
    >>> classify_mention("a source familiar with the talks")["anonymous"]
    True
    >>> classify_mention("the Kremlin spokesman")["side"]
    'russia'
    """
    acts = load_actors(actors)
    cached = acts._cache.get(mention) if isinstance(mention, str) else None
    if cached is not None:
        return dict(cached)
    out = _classify(mention, acts)
    if isinstance(mention, str):
        acts._cache[mention] = dict(out)
    return out


def _role_of(acts: ActorList, noun: str):
    for cand in (noun, noun.lower(), noun.lower()[:-1], noun.lower()[:-2]):
        if cand in acts.roles:
            return acts.roles[cand]
    return None


def _classify(mention, acts: ActorList) -> dict:
    out = {"actor": "", "group": "", "side": "", "kind": "", "anonymous": False}
    if not isinstance(mention, str) or not mention.strip():
        return out
    text = mention.replace("’", "'")
    for ex in acts.exclusions:
        text = text.replace(ex, " " * len(ex))
    roles = [_role_of(acts, r.group()) for r in acts.role_pattern.finditer(text)]
    roles = [r for r in roles if r]
    m = None
    for cand in acts.alias_pattern.finditer(text):
        before = text[:cand.start()].split()
        prev = before[-1] if before else ""
        if " " not in cand.group() and prev[:1].isupper() and prev.rstrip(".") not in acts.titles \
                and prev not in acts.titles and prev not in acts.markers and prev.lower() not in ("the", "a", "an"):
            continue  # "Olena Marchenko" is not the listed Maksym Marchenko
        m = cand
        break
    if m:
        rec = acts.aliases[m.group()]
        # a state's metonym (Moscow, US) with a role noun is a marker: "US troops" are military
        if rec["kind"] != "state" or not roles:
            group = rec["group"]
            out.update(actor=rec["name"], group=group, kind=rec["kind"],
                       side=rec.get("side") or (acts.groups.get(group) or {}).get("side") or "")
            return out
    side = ""
    for w in _WORD.findall(text):
        for cand in (w, w.rstrip(".")):
            if cand in acts.markers:
                side = acts.markers[cand]
                break
        if side:
            break
    if not side and m is not None:  # a state metonym used as a marker
        side = acts.aliases[m.group()].get("side") or (acts.groups.get(acts.aliases[m.group()]["group"]) or {}).get("side") or ""
    if not side:  # multi-word markers ("White House", "State Department")
        for mk, sd in acts.markers.items():
            if " " in mk and mk in text:
                side = sd
                break
    kind, template = roles[-1] if roles else ("", "")
    anon_phrase = any(p.lower() in text.lower() for p in acts.anonymity)
    words = _WORD.findall(text)
    has_name = any(w[:1].isupper() and w not in acts.markers and w.rstrip(".") not in acts.markers
                   and w.lower() not in acts.roles and w not in acts.titles
                   and w.lower() not in ("the", "a", "an", "one", "two", "some", "several", "other")
                   for w in words)
    heads = [w.lower() for w in words if w.lower() in ANONYMOUS_HEADS]
    anonymous = bool(anon_phrase or (not has_name and (kind == "anonymous" or heads)))
    if "{side}" in template:
        group = acts.side_groups.get(side, "") if side else ("anonymous" if anonymous else "")
    else:
        group = template
    if kind == "anonymous":
        group = acts.side_groups.get(side, "anonymous") if side else "anonymous"
    elif anon_phrase and not side and kind in ("", "official"):
        group = "anonymous"
    out.update(group=group or "", side=side, kind=kind, anonymous=anonymous)
    return out
