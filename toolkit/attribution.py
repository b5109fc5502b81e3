"""Attribution: who is reported as saying what, with which verb (one row per attribution).

:func:`quotes` finds, in every article, the **cues** (reporting verbs and phrases from
``data/attribution/reporting_verbs.yml``), their **speakers** (:mod:`toolkit.speakers`,
resolved and grouped with the actor list :mod:`toolkit.actors`) and the **content**
reported, and classifies each attribution:

``direct``
    the content is wholly inside quotation marks (:mod:`toolkit.quotemarks`: straight
    and typographic marks, guillemets, quotations over several paragraphs);
``mixed``
    the reported clause is partly quoted (*Peskov said the goals “may be achieved”*);
``indirect``
    reported speech without marks (*Peskov said talks were possible*);
``according_to``
    *according to X* (and *quoted by X*);
``scare_quote``
    a quoted word or short phrase (at most ``SCARE_WORDS`` words) that no attribution
    covers: the outlet's marking of a term, not an attribution (no cue, no speaker).

The rules, in the order they are tried for a cue (``rule`` names them):

1. ``quote_before``: a quotation ends right before the speaker and cue
   (*“...,” Peskov said* / *“...,” said Peskov*); if the sentence goes on with another
   quotation (*“A,” he said, “B.”*), or the next sentence is a quotation with no cue of its
   own, the content runs to its end.
2. ``quote_after``: the cue (and its speaker) is followed by a colon or comma and a
   quotation (*Peskov said: “...”*), even in the next paragraph after a colon.
3. ``clause_after``: the cue is followed by a reported clause (*said that ...*, *said
   the talks ...*); quotation marks in it make it ``mixed`` (``direct`` when it is all
   quoted).
4. ``clause_before``: the cue and speaker close the sentence (*Talks are possible,
   Peskov said.*): the content is the sentence up to the comma.
5. ``according_to``: the speaker follows the phrase; the content is the rest of the
   sentence, or the sentence before the phrase when it comes last.
6. ``participle``: *..., saying that ...*, *..., adding ...*: the speaker is the
   subject at the start of the sentence.

A cue needs a speaker (before or after it) or an adjacent quotation; a reporting verb
inside a quotation is the quoted person's word and is not a cue. **Speakers** are
resolved within the article: a full name is the speaker; a surname or *Mr./Ms. Surname*
is resolved to the earlier full name with that surname; *he*/*she* to the nearest earlier
named person of compatible gender (gender from the actor list or from *Mr./Ms.* in the
article; unknown gender is compatible); roles (*the ministry*) keep an empty ``speaker``
but get a group from their words. ``speaker_group``, ``speaker_side`` and
``anonymous`` come from :func:`toolkit.actors.classify_mention`.

All offsets are character offsets into the corpus ``text`` column. Sentences come from
the token index's sentence view (built once, cached), cue candidates from the token index
(every token that is the first word of a listed form). A corpus of more than
:data:`PARALLEL_MIN_CHARS` characters is read by two forked worker processes that get only
the numbers of the articles to read (they inherit the corpus and its index) and send back
compact Arrow record batches; the table is cached with the token index, so a second call
(or ``exclude_quotes``, ``concordance(quotes=...)``) reuses it. Everything here is a heuristic
validated on hand-coded real articles (``data/attribution/README.md`` gives precision,
recall and F1 on a held-out half, by type, next to a simple baseline): read the
``rule`` column and the lines, and expect misses in long, descriptive speaker phrases,
in speech verbs used for actions (*added troops*), and in pronoun chains.

References: Bell, A. (1991). *The Language of News Media*. Blackwell; Pareti, S. (2016).
PARC 3.0: a corpus of attribution relations. LREC; Muzny, G. et al. (2017). A two-stage
sieve approach for quote attribution. EACL.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .actors import ActorList, classify_mention, load_actors
from .forked import map_chunks
from .index import index_tokens
from .quotemarks import quotation_spans
from .reporting import ReportingVerbs, load_reporting_verbs
from .schema import CorpusError
from .speakers import (
    DETERMINERS,
    FUNCTION_WORDS,
    MODIFIERS,
    PRONOUNS,
    _is_possessive,
    speaker_after,
    speaker_before,
    tokens,
)

__all__ = ["QUOTE_COLUMNS", "in_quoted_speech", "quotes", "quoted_spans"]

QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id", "source", "date", "type", "cue", "cue_lemma", "cue_category", "cue_start",
    "cue_end", "speaker_mention", "speaker", "speaker_start", "speaker_end",
    "speaker_group", "speaker_side", "anonymous", "content", "content_start",
    "content_end", "quoted_words", "sentence", "rule",
)
"""Columns of :func:`quotes` output, in order."""

SCARE_WORDS = 6
"""A quotation of at most this many words that no attribution covers is a scare quote."""

PARALLEL_MIN_CHARS = 40_000_000
"""Corpora with more characters than this are read by two worker processes."""
_SPAN = 180  # characters read before and after a cue for its speaker phrase
_WORDS = re.compile(r"\w+(?:[’'-]\w+)*")
_PASSIVE = frozenset({"is", "was", "were", "are", "be", "been", "being"})
_NOUN_FORMS = frozenset("""order orders attack attacks state states post posts forecast forecasts
    charge charges comment comments show shows claim claims report reports threat threats
    demand demands warning warnings protest protests call calls question questions""".split())
_PERSON = re.compile(r"(?<![\w’'.-])[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z’'-]+(?:-[A-Z][a-z]+)?(?![\w’'-])")
_NOT_PERSON = frozenset("""House Court Senate Department Ministry Committee University Times Post News
    York Carolina Jersey Street Party Union Council Republic Agency Institute City Kingdom
    States Nations Force Forces Army Guard Security Defense Defence Foreign Office Bank Fund
    Group Company Corporation Media Press Television Radio Airport Station Square Palace
    Region Oblast Province Sea River Bridge Plant Church School Hospital Center Centre
    Commission Parliament Duma Rada Assembly Federation Organization Organisation Service
    Democrats Republicans Democratic Republican Russian Ukrainian American British European
    College Law School Blog Journal Review Foundation Network Channel Club League
    Supreme Federal National International General Central Northern Southern Eastern Western
    North South East West Black Red White Green New Old Saint St Mount Lake Island Islands""".split())
_CAP_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I", "You"})
_CAP_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*\.?(?:[ \t]+[A-Z][\w’'-]*\.?)*")


def _bare(word: str) -> str:
    """A word without a possessive ending or a final comma."""
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_TITLE_GENDER = {"Mr": "m", "Mr.": "m", "Ms": "f", "Ms.": "f", "Mrs": "f", "Mrs.": "f", "Miss": "f"}


@dataclass
class _Lists:
    verbs: ReportingVerbs
    actors: ActorList
    roles: frozenset
    titles: frozenset
    markers: frozenset


@lru_cache(maxsize=4)
def _lists(verbs_name: str, actors_name: str) -> _Lists:
    verbs = load_reporting_verbs(verbs_name)
    acts = load_actors(actors_name)
    roles = frozenset(r for r in acts.roles if " " not in r and r == r.lower())  # WHO is not "who"
    titles = frozenset(t.rstrip(".") for t in acts.titles)
    return _Lists(verbs, acts, roles, titles, frozenset(acts.markers))


def _strip_end(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim white space, and final punctuation and closing marks, from a content span."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?”\"’»)—–-"):
        if text[e - 1] in "?!" and e - 2 >= s and text[e - 2] not in "”\"’»":
            break
        e -= 1
    return s, e


def _quoted_share(quotes, s: int, e: int) -> tuple[float, int]:
    """Share of the words of text[s:e] inside quotations, and the number quoted (caller counts)."""
    inside = 0
    for q in quotes:
        a, b = max(s, q.inner_start), min(e, q.inner_end)
        if b > a:
            inside += b - a
    return (inside / (e - s) if e > s else 0.0), inside


class _Doc:
    """One article being read: its text, sentences, quotations and the cues found."""

    def __init__(self, text: str, sent_starts: np.ndarray, sent_ends: np.ndarray, lists: _Lists):
        self.text = text
        self.ss = sent_starts
        self.se = sent_ends
        self.lists = lists
        self.quotes = quotation_spans(text)
        self.q_starts = [q.start for q in self.quotes]
        self.ss_list = sent_starts.tolist() if isinstance(sent_starts, np.ndarray) else list(sent_starts)
        self._full: dict[tuple[str, int], str] = {}
        self._by_surname: dict | None = None
        self.q_inner = [(q.inner_start, q.inner_end) for q in self.quotes]
        self.rows: list[dict] = []
        self._names: list[tuple[int, str, str]] | None = None
        self._runs: list | None = None
        self._titled: dict[str, str] = {}

    # --- positions ---------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        return max(bisect_right(self.ss_list, pos) - 1, 0)

    def quote_containing(self, pos: int):
        k = bisect_right(self.q_starts, pos) - 1
        if k >= 0 and self.quotes[k].inner_start <= pos < self.quotes[k].inner_end:
            return self.quotes[k]
        return None

    def quote_ending_before(self, pos: int):
        """The quotation that ends right before ``pos`` (only spaces, commas, dashes between)."""
        k = bisect_left(self.q_starts, pos) - 1
        if k < 0:
            return None
        q = self.quotes[k]
        gap = self.text[q.end:pos]
        if q.end <= pos and len(gap) <= 4 and all(c.isspace() or c in ",—–-" for c in gap):
            return q
        # the closing mark after a comma inside the quotation: “...,” he said
        return None

    def quote_starting_after(self, pos: int, *, colon_ok: bool = True):
        """The quotation that opens right after ``pos`` (after a colon/comma and spaces)."""
        k = bisect_left(self.q_starts, pos)
        if k >= len(self.quotes):
            return None
        q = self.quotes[k]
        gap = self.text[pos:q.start]
        limit = 6 if ":" not in gap else 12
        if len(gap) <= limit and all(c.isspace() or c in ",:—–-" for c in gap):
            if "\n" in gap and not (colon_ok and ":" in gap):
                return None
            return q
        return None

    # --- names ---------------------------------------------------------------------
    def runs(self) -> list[tuple[int, list[str]]]:
        """Runs of capitalised words outside quotations: (position, words), titles included."""
        if self._runs is None:
            runs = []
            for m in _CAP_RUN.finditer(self.text):
                if self.quote_containing(m.start()) is not None:
                    continue
                g = m.group()
                if "." not in g:
                    runs.append((m.start(), g.split()))
                    continue
                pos, words = m.start(), []
                for w in g.split():  # a run never crosses a sentence end ("Ukraine. He")
                    words.append(w)
                    if w.endswith(".") and len(w) > 2 and w.rstrip(".") not in self.lists.titles:
                        runs.append((pos, [*words[:-1], w.rstrip(".")]))
                        pos, words = pos + len(" ".join(words)) + 1, []
                if words:
                    runs.append((pos, words))
            self._runs = [(p, ws) if ws[0] not in _CAP_PRONOUNS else (p, ws[1:]) for p, ws in runs]
            self._runs = [(p, ws) for p, ws in self._runs if ws]
            self._titled = {}
            for _, words in self._runs:
                for i, w in enumerate(words[:-1]):
                    g = _TITLE_GENDER.get(w)
                    if g:  # "Ms. Anna Koval": Koval (and Anna) are female
                        for name in words[i + 1:]:
                            self._titled.setdefault(_bare(name), g)
        return self._runs

    def names(self) -> list[tuple[int, str, str]]:
        """Person names outside quotations: (position, full name, gender).

        Names from the actor list (any part of a capitalised run that is an alias of a
        person), and any *First Last* / *First M. Last* pair of capitalised words with no
        side marker, title or place/organisation word (a heuristic: a pronoun's
        antecedent is a person named in the writer's words)."""
        if self._names is None:
            acts = self.lists.actors
            out = []
            for pos, words in self.runs():
                bare = [_bare(w) for w in words]
                found = False
                for size in (4, 3, 2, 1):
                    for i in range(len(bare) - size + 1):
                        rec = acts.aliases.get(" ".join(bare[i:i + size]))
                        if rec and rec["kind"] == "person":
                            out.append((pos, rec["name"], rec["gender"]))
                            found = True
                            break
                    if found:
                        break
                if found:
                    continue
                core = [w for w in bare if w.rstrip(".") not in self.lists.titles]
                if 2 <= len(core) <= 3 and len(core[0]) > 1 and not any(
                        w in _NOT_PERSON or w in self.lists.markers or w.lower() in FUNCTION_WORDS
                        or w.lower() in DETERMINERS for w in core):
                    out.append((pos, " ".join(core), ""))
            self._names = out
        return self._names

    def full_name(self, surname: str, before: int) -> str:
        """The earliest fuller name ending in ``surname`` before ``before`` (or '')."""
        key = (surname, before)
        if key not in self._full:
            self._full[key] = self._full_name(surname, before)
        return self._full[key]

    def _full_name(self, surname: str, before: int) -> str:
        if self._by_surname is None:
            index: dict[str, list[tuple[int, str]]] = {}
            for pos, words in self.runs():
                core = [_bare(w) for w in words if w.rstrip(".") not in self.lists.titles]
                for i in range(1, len(core)):
                    first = [w for w in core[max(0, i - 2):i] if w not in self.lists.markers
                             and w not in _NOT_PERSON and w.lower() not in FUNCTION_WORDS
                             and w.lower() not in DETERMINERS]
                    if first and not (len(first) == 1 and first[0].endswith(".")):
                        index.setdefault(core[i], []).append((pos, " ".join([*first, core[i]])))
            self._by_surname = index
        for pos, full in self._by_surname.get(surname, ()):
            if pos < before:
                return full
            break
        return ""

    def gender_of(self, name: str) -> str:
        acts = self.lists.actors
        rec = acts.aliases.get(name)
        if rec and rec.get("gender"):
            return rec["gender"]
        self.runs()
        return self._titled.get(acts.surname_of(name), "")


def _find_cues(doc: _Doc, cand_starts, cand_ends) -> list[tuple[int, int, str, str, str]]:
    """Cues at the candidate tokens (first words of listed forms, found in the token
    index), outside quotations: (start, end, lemma, category, kind)."""
    verbs = doc.lists.verbs
    text = doc.text
    out = []
    for s, e in zip(cand_starts, cand_ends, strict=True):
        hit = verbs.match_at(text, s, e)
        if hit is None or doc.quote_containing(s) is not None:
            continue
        end, form = hit
        if not text[s:s + 1].islower():
            # a capitalised form is a cue only at the start of a sentence ("According to
            # ...", "Telling residents ..."): "the Republican State Committee" is not
            k = doc.sentence_of(s)
            if text[int(doc.ss[k]):s].strip(" “\"«„'‘"):
                continue
        lemma, category, kind = verbs.forms[form]
        out.append((s, end, lemma, category, kind))
    return out


def _extend_cue(doc: _Doc, end: int, sent_end: int, lemma: str) -> int:
    """Extend a cue over an extension (*in a statement*) and a tell-type addressee."""
    verbs = doc.lists.verbs
    text = doc.text
    m = verbs.addressee_re.match(text, end, sent_end) if lemma in verbs.objects else None
    if m:
        end = m.end()
    m = verbs.extension_re.match(text, end, sent_end)
    if m:
        end = m.end()
    return end


def _phrase(toks, a: int, b: int) -> tuple[int, int, str]:
    s, e = toks[a][1], toks[b][2]
    return s, e


def _row(doc: _Doc, typ, cue, lemma, category, cs, ce, sp, content, rule) -> None:
    text = doc.text
    spk_s, spk_e = sp if sp else (-1, -1)
    c_s, c_e = content
    # an apposition's role words ("Dmitry Peskov, the Kremlin spokesman, said") give the
    # group when the name is not in the actor list
    role = ""
    if "apposition" in rule and spk_s >= 0:
        role = text[spk_e:cs] if spk_e <= cs else text[ce:spk_s]
    elif spk_s > cs:  # "..., said Helene Vogt, a senior fellow at ...": the words after the name
        m = re.compile(r",\s+(?:the|a|an)\s[^,.;“”\"]{1,80}").match(text, spk_e)
        role = m.group() if m else ""
    doc.rows.append({
        "_role": role,
        "type": typ, "cue": text[cs:ce] if cs >= 0 else "", "cue_lemma": lemma,
        "cue_category": category, "cue_start": cs, "cue_end": ce,
        "speaker_mention": text[spk_s:spk_e] if spk_s >= 0 else "",
        "speaker_start": spk_s, "speaker_end": spk_e,
        "content": text[c_s:c_e], "content_start": c_s, "content_end": c_e,
        "sentence": doc.sentence_of(cs if cs >= 0 else c_s), "rule": rule,
    })


def _classify(doc: _Doc, s: int, e: int) -> str:
    share, _ = _quoted_share(doc.quotes, s, e)
    if share >= 0.9:
        return "direct"
    return "mixed" if share > 0 else "indirect"


_TIME = (r"(?:(?:on|last|this|late|early|earlier|later)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
         r"Saturday|Sunday|week|month|year|night|morning|afternoon|evening|weekend|today|yesterday|"
         r"tonight|earlier|later|recently|again|previously)")
_TIME_RE = re.compile(rf"\s*(?:{_TIME}\s*)+", re.I)
_PREP_THAT = re.compile(r"\s+(?:to|in|on|at|during|with|after|before|from|through|via|by|about)\s"
                        r"[^.;:,\n]{0,80}?\s(?=that\s)", re.I)
_ADDRESSEE = re.compile(r"\s+(?:him|her|them|us|me|reporters|journalists|lawmakers|"
                        r"(?:the\s+|an?\s+)?(?:[A-Z][\w’'.-]*\s*)+(?=\s|[,.;:]))")
_DIRECTIVE = frozenset({"vow", "promise", "pledge", "threaten", "urge", "ask", "appeal", "call on",
                        "demand", "order", "plead", "warn", "tell", "admit"})
_SAY_LIKE = frozenset("""say tell add note state write claim insist warn argue explain suggest
    allege assert contend maintain reply respond answer tweet post report estimate predict
    stress emphasise emphasize acknowledge admit concede agree complain boast caution
    believe think hint speculate imply indicate reiterate repeat recall remark observe
    comment mention joke quip concede vow promise pledge""".split())
_FINITE = frozenset("""is are was were will would could can had has have should must may might
    did does do am 's 're 'd 'll won't can't isn't aren't wasn't weren't don't doesn't didn't
    hasn't haven't hadn't wouldn't shouldn't couldn't says wants plans needs believes thinks
    knows seems remains continues hopes expects intends means""".split())
_NO_CLAUSE = frozenset({"of", "about", "on", "in", "for", "by", "with", "at", "and", "or", "but", "as",
                        "so", "than", "out", "off", "over", "back", "down"})
_GERUND = frozenset({"deny", "admit", "acknowledge", "recall", "suggest", "accuse", "charge"})
_PREP_COLON = re.compile(r"\s+(?:to|at|on|in|with)\s[^.;:“”\"«»\n]{1,50}(?=:)")
_QUOTE_ONLY = frozenset({"continue"})


def _anchor_of(span: tuple[int, int] | None, cs: int) -> int:
    """Where a speaker-and-cue stretch starts: the speaker's start when it comes first."""
    return span[0] if span and span[0] < cs else cs


_TO_COLON = re.compile(r"[^.;:“”\"«»\n]{0,40}(?=:\s*[“\"«„])")
_ADVERB = re.compile(r"\s+[a-z]+ly(?=\s)")


def _sentence_subject(doc: _Doc, k: int, cs: int):
    """Speaker of a participle or coordinated cue: an earlier attribution in the sentence,
    else the phrase at the start of the sentence (after an opening adverbial and comma)."""
    ss = int(doc.ss[k])
    for r in reversed(doc.rows):
        if r["sentence"] == k and r["speaker_start"] >= 0 and r["cue_start"] < cs:
            return (r["speaker_start"], r["speaker_end"]), "sentence_subject"
    L = doc.lists
    head = tokens(doc.text[ss:cs], ss)
    for start in (0, *[i + 1 for i, t in enumerate(head[:12]) if t[0] == ","][:1]):
        sa = speaker_after(head[start:], L.roles, L.titles, L.markers)
        if sa is not None:
            return _phrase(head[start:], sa[0], sa[1]), "sentence_subject"
    return None, ""


def _read_cue(doc: _Doc, cue) -> None:
    """Apply the rules (module docstring) to one cue; append a row when one fires."""
    cs, ce, lemma, category, kind = cue
    text = doc.text
    L = doc.lists
    k = doc.sentence_of(cs)
    ss, se = int(doc.ss[k]), int(doc.se[k])
    if kind == "according_to":
        after = tokens(text[ce:se], ce)
        sp = speaker_after(after, L.roles, L.titles, L.markers)
        if sp is None:
            return
        a, b, srule = sp
        sp_span = _phrase(after, a, b)
        before_txt = text[ss:cs].strip()
        if before_txt and before_txt[-1] in ",—–-" and len(before_txt) > 3:
            c = _strip_end(text, ss, cs)
            rule = "according_to_last"
        else:
            m = re.compile(r"[^,]*,").match(text, sp_span[1], se)
            start = m.end() if m else sp_span[1]
            c = _strip_end(text, start, se)
            rule = "according_to_first"
        if c[1] <= c[0]:
            return
        _row(doc, "according_to", None, lemma, category, cs, ce, sp_span, c, f"{rule}+{srule}")
        return
    lo = max(ss, cs - _SPAN)
    before = tokens(text[lo:cs], lo)
    form = text[cs:ce].lower()
    ing = form.endswith("ing")
    passive = bool(before) and before[-1][0].lower() in _PASSIVE and not ing and kind != "quoted_as"
    if passive and re.match(r"\s+to\s", text[ce:se]):
        return  # "is said to be": not an attribution
    ce = _extend_cue(doc, ce, se, lemma)
    after_pos = ce
    srule = ""
    sp_span = None
    if passive:
        m = re.compile(r"\s+by\s+").match(text, ce, se)  # "was told by officials"
        if m:
            after_toks = tokens(text[m.end():se], m.end())
            sa = speaker_after(after_toks, L.roles, L.titles, L.markers)
            if sa is not None:
                sp_span = _phrase(after_toks, sa[0], sa[1])
                srule = "passive_by"
                after_pos = sp_span[1]
        srule = srule or "passive"
    else:
        sp = None if (ing and (not before or before[-1][0] in (",", "—", "–"))) else \
            speaker_before(before, L.roles, L.titles, L.markers)
        if sp is not None:
            sp_span, srule = _phrase(before, sp[0], sp[1]), sp[2]
        elif before and before[-1][0].lower() == "and":  # "... and insisted that"
            sp_span, srule = _sentence_subject(doc, k, cs)
        elif ing and before and before[-1][0] in (",", "—", "–"):  # ", saying that"
            sp_span, srule = _sentence_subject(doc, k, cs)
            srule = srule or "participle"
        if sp_span is None:
            # inverted: "..., said Peskov" / "“...,” said the spokesman"
            after_toks = tokens(text[ce:min(se, ce + _SPAN)], ce)
            sa = speaker_after(after_toks, L.roles, L.titles, L.markers)
            head_gap = text[ss:cs].rstrip()
            if sa is not None and (not head_gap or head_gap[-1] in ",”\"’»—–-:"):
                sp_span = _phrase(after_toks, sa[0], sa[1])
                srule = sa[2]
                after_pos = sp_span[1]
                m = re.compile(r"\s*,\s*(?:the|a|an)\s[^,.;“\"]{1,60},").match(text, after_pos, se)
                if m:
                    after_pos = m.end() - 1
    if lemma in L.verbs.objects and after_pos == ce:  # "told the Guardian", "urged Kyiv"
        m = _ADDRESSEE.match(text, after_pos, se)
        if m and not re.match(r"\s+that\b", text[after_pos:m.end()]):
            after_pos = ce = m.end()  # the cue covers its addressee: "told the Guardian"
    m = _TIME_RE.match(text, after_pos, se)
    if m:
        after_pos = m.end()
    if form in L.verbs.noun_like or form in _NOUN_FORMS:
        # "its false claim", "an executive order", "the Orlando attack", "state media": a
        # noun, not a cue, unless a speaker precedes and "that", a colon or a quotation follows
        prev = before[-1][0] if before else ""
        if not sp_span or srule not in ("pronoun", "before", "apposition", "after", "after_apposition") \
                or prev.lower() in DETERMINERS or _is_possessive(prev) or (prev.islower() and prev not in PRONOUNS) \
                or not re.match(r"\s*(?:that\b|:|,?\s*[“\"«„])", text[after_pos:se]):
            return
    if lemma in _QUOTE_ONLY and doc.quote_ending_before(cs) is None and doc.quote_ending_before(_anchor_of(sp_span, cs)) is None:
        return  # "the pollution continues": continue reports speech only after a quotation
    m = _ADVERB.match(text, after_pos, se)  # "tweeted tersely to Trump"
    if m:
        after_pos = m.end()
    m = _PREP_COLON.match(text, after_pos, se)  # "tweeted to Trump: “...”"
    if m:
        after_pos = m.end()
    # rule 1: a quotation right before the speaker (or the cue)
    anchor = sp_span[0] if sp_span and sp_span[0] < cs and srule != "sentence_subject" else cs
    q = doc.quote_ending_before(anchor) if srule != "sentence_subject" else None
    if q is None and sp_span and srule in ("apposition", "before") and sp_span[0] < cs:
        # “...,” Ukraine’s prime minister, Denys Shmyhal, wrote: the gap is the speaker's
        # phrase (no verb, no sentence end) after a quotation that ends in a comma
        k2 = bisect_left(doc.q_starts, sp_span[0]) - 1
        if k2 >= 0:
            q2 = doc.quotes[k2]
            gap = text[q2.end:sp_span[0]]
            gw = _WORDS.findall(gap)
            if (q2.end <= sp_span[0] and q2.start >= ss and len(gw) <= 8 and not any(ch in gap for ch in ".;:!?\n")
                    and not any(w.lower() in _FINITE or w.endswith("ed") for w in gw)
                    and (text[q2.inner_end - 1:q2.inner_end] in ",?!—–-" or gap.lstrip().startswith(","))):
                q = q2
    if q is not None and not (text[q.inner_end - 1:q.inner_end] in ",?!—–-…"
                              or text[q.end:anchor].strip().startswith(",")):
        q = None  # “... democracy.” He said ...: the quotation ended its own sentence
    if q is not None and sp_span is None:
        q = None  # a quotation and a verb with no speaker: "the “special operation” continued"
    if q is not None and not passive:
        c_s, c_e = q.inner_start, q.inner_end
        nq = doc.quote_starting_after(after_pos, colon_ok=False)
        if nq is None:
            m = re.compile(r"[\s,.]*").match(text, after_pos)
            nxt = m.end() if m else after_pos
            if nxt < len(text) and text[nxt: nxt + 1] in "“\"«„" and "\n" not in text[after_pos:nxt]:
                nq = doc.quote_starting_after(nxt)
                if nq is not None and nq.start != nxt:
                    nq = None
        if nq is not None and not any(nq.inner_start <= c[0] < nq.inner_end for c in doc.cue_pos):
            c_e = nq.inner_end
        c_s, c_e = _strip_end(text, c_s, c_e)
        _row(doc, "direct", None, lemma, category, cs, ce, sp_span, (c_s, c_e), f"quote_before+{srule or 'none'}")
        return
    if sp_span is None and not (passive or (ing and srule == "participle")):
        return
    # rule 2: a quotation right after the cue (colon or comma)
    q = doc.quote_starting_after(after_pos)
    if q is None:
        m = _TO_COLON.match(text, after_pos, se)  # "told the Interfax news agency: “...”"
        if m:
            q = doc.quote_starting_after(m.end())
            if q is not None and lemma in L.verbs.objects and m.end() > after_pos:
                ce = len(text[:m.end()].rstrip())
    if q is not None:
        c_s, c_e = _strip_end(text, q.inner_start, q.inner_end)
        _row(doc, "direct", None, lemma, category, cs, ce, sp_span, (c_s, c_e), f"quote_after+{srule}")
        return
    # rule 3: a reported clause after the cue ("said (that) ...", "told reporters on Monday that ...")
    m = _PREP_THAT.match(text, after_pos, se)
    if m:
        after_pos = m.end()
    start = after_pos
    if text[after_pos:se].lstrip().startswith(","):
        m = None  # "concluded on Thursday, it appeared": the clause after the comma is not reported
        has_that = False
        start = se
    m = re.compile(r"\s*(that\s+)?").match(text, after_pos, se) if start != se else None
    has_that = bool(m and m.group(1))
    start = m.end() if m else se
    c = _strip_end(text, start, se)
    words = _WORDS.findall(text[c[0]:c[1]])
    first = words[0].lower() if words else ""
    quoted = _quoted_share(doc.quotes, *c)[0] > 0 if c[1] > c[0] else False
    gerund = lemma in _GERUND and (first.endswith("ing") or re.search(r"\bof\s+\w+ing\b", text[c[0]:c[0] + 80]))
    clause = has_that or quoted or gerund or (lemma in _SAY_LIKE and not (passive or ing)) or (
        first in PRONOUNS or any(w.lower() in _FINITE or (w.endswith("ed") and i > 0)
                                 for i, w in enumerate(words[:8])))
    ok_first = (first not in _NO_CLAUSE or (first == "of" and gerund)) and (first != "to" or quoted)
    if c[1] > c[0] and ok_first and clause and (len(words) >= 2 or quoted):
        _row(doc, _classify(doc, *c), None, lemma, category, cs, ce, sp_span, c, f"clause_after+{srule}")
        return
    if passive or ing:
        return
    # rule 4: cue and speaker close the sentence (or a comma follows): the sentence before
    tail = text[after_pos:se].strip()
    if not tail or tail[0] in ",.!?”\"’»)—–;":
        lead_end = min(anchor, cs)
        lead = text[ss:lead_end].rstrip()
        cut = max(lead.rfind(","), lead.rfind("—"), lead.rfind("–"))
        if cut > 0 and not lead.endswith((",", "—", "–")):
            # "..., acting White House chief of staff Mick Mulvaney told reporters."
            seg = _WORDS.findall(lead[cut + 1:])
            if len(seg) <= 6 and not any(w.lower() in _FINITE or w.endswith("ed") for w in seg):
                lead = lead[:cut + 1]
        if lead.endswith((",", "—", "–")):
            c = _strip_end(text, ss, len(lead) + ss)
            if len(_WORDS.findall(text[c[0]:c[1]])) >= 3:
                _row(doc, _classify(doc, *c), None, lemma, category, cs, ce, sp_span, c, f"clause_before+{srule}")


def _resolve(doc: _Doc) -> None:
    """Resolve speakers (names, surnames, pronouns) and classify their groups."""
    L = doc.lists
    acts = L.actors
    people: list[tuple[int, str, str]] = []  # (position, full name, gender) of named speakers
    known: dict[str, tuple[str, str]] = {}  # speaker -> (group, side) from an earlier mention
    orgs: list[tuple[int, str, dict, bool]] = []  # (position, name, group info, plural) of non-persons
    for row in doc.rows:
        mention = row["speaker_mention"]
        row["speaker"] = ""
        if not mention:
            row.update(speaker_group="", speaker_side="", anonymous=False)
            continue
        pos = row["speaker_start"]
        low = mention.lower()
        inherited = None
        if low in PRONOUNS:
            if low in ("he", "she"):
                want = "m" if low == "he" else "f"
                cands = [p for p in people if p[0] < pos] + [n for n in doc.names() if n[0] < pos]
                cands.sort(key=lambda p: p[0])
                for p in reversed(cands):
                    g = p[2] or doc.gender_of(p[1])
                    if g in ("", want):
                        row["speaker"] = p[1]
                        break
            elif low in ("it", "they"):
                # "it said" / "they said": the nearest earlier speaker that is not a person
                # (an organisation, a state, a role in the plural for "they")
                for prev in reversed(orgs):
                    if prev[0] < pos and (low == "it") != prev[3]:
                        row["speaker"] = prev[1]
                        inherited = prev[2]
                        break
        else:
            name = _name_in(mention, L)
            if name:
                full = name
                if len(name.split()) == 1:
                    rec = acts.aliases.get(name)
                    full = doc.full_name(name, pos) or (rec["name"] if rec and rec["kind"] == "person" else name)
                rec = acts.aliases.get(full) or (acts.aliases.get(name) if full == name else None)
                if rec:
                    full = rec["name"]
                row["speaker"] = full
                if rec is None or rec["kind"] == "person":
                    people.append((pos, full, (rec or {}).get("gender", "") or doc.gender_of(full)))
        info = classify_mention(row["speaker"] or mention, acts)
        if not info["group"] and row["speaker"]:
            info = classify_mention(mention, acts)
        if not info["group"] and row["speaker"] in known:
            info = dict(info, group=known[row["speaker"]][0], side=known[row["speaker"]][1])
        if not info["group"] and not row["speaker"] and low.startswith("the ") and low.split()[-1].isalpha():
            # "the ministry said" after "Russia's defence ministry ...": the earlier mention's side
            head = mention.split()[-1]
            for m in reversed(list(re.finditer(rf"(?<![\w’']){re.escape(head)}(?![\w’'])", doc.text[:pos], re.I))[-3:]):
                earlier = classify_mention(doc.text[max(0, m.start() - 40):m.end()].split(".")[-1], acts)
                if earlier["group"] and earlier["side"]:
                    info = dict(info, group=earlier["group"], side=earlier["side"])
                    break
        if not info["group"] and row.get("_role"):
            role = classify_mention(row["_role"], acts)
            info = dict(info, group=role["group"], side=role["side"])
        if inherited is not None and not info["group"]:
            info = dict(info, group=inherited["group"], side=inherited["side"])
        if row["speaker"] and info["group"]:
            known.setdefault(row["speaker"], (info["group"], info["side"]))
        if low not in PRONOUNS and info["group"] and info["kind"] not in ("person",) and not (
                row["speaker"] and (acts.aliases.get(row["speaker"]) or {}).get("kind") == "person"):
            name = row["speaker"] or (mention if mention[:1].isupper() and low.split()[0] not in DETERMINERS else "")
            plural = low.split()[-1].endswith("s") and not mention[:1].isupper()
            orgs.append((pos, name, info, plural))
        row["speaker_group"] = info["group"]
        row["speaker_side"] = info["side"]
        row["anonymous"] = bool(info["anonymous"]) and not row["speaker"]


def _name_in(mention: str, L: _Lists) -> str:
    """The personal or organisation name in a speaker mention ('' for roles and pronouns)."""
    toks = [t for t, _, _ in tokens(mention)]
    run: list[str] = []
    best: list[str] = []
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else ""
        if t == "." and (prev in L.titles or (len(prev) == 1 and prev.isupper())):
            continue  # "Mr." / "Adam B. Schiff": the dot stays inside the name
        low = t.lower()
        if t[:1].isupper() and t.rstrip(".") not in L.titles and t.replace("’", "'") not in L.markers \
                and low not in L.roles and not _is_possessive(t) and low not in DETERMINERS \
                and low not in FUNCTION_WORDS and low not in MODIFIERS:
            run.append(t)
        else:
            if run:
                best = run
            run = []
    if run:
        best = run
    if not best:
        return ""
    name = " ".join(best)
    rec = L.actors.aliases.get(name)
    if rec and rec["kind"] == "person" and len(best) > 1:
        return rec["name"]  # a listed spelling of a full name: the list's name
    return name


def _scare_quotes(doc: _Doc) -> None:
    covered = [(r["content_start"], r["content_end"]) for r in doc.rows]
    cues = [r["cue_start"] for r in doc.rows if r["cue_start"] >= 0]
    for q in doc.quotes:
        if not q.closed:
            continue
        inner = doc.text[q.inner_start:q.inner_end]
        n = len(_WORDS.findall(inner))
        if n == 0 or n > SCARE_WORDS:
            continue
        if any(min(b, q.inner_end) > max(a, q.inner_start) for a, b in covered):
            continue
        if inner.rstrip()[-1:] in ".?!" or sum(w[:1].isupper() for w in _WORDS.findall(inner)) == n > 1:
            continue  # a quoted sentence, or a title ("Axios on HBO"), not a scare quote
        k = doc.sentence_of(q.start)
        if any(int(doc.ss[k]) <= c < int(doc.se[k]) for c in cues):
            continue  # an attribution in the sentence: the words are probably someone's
        s, e = _strip_end(doc.text, q.inner_start, q.inner_end)
        if e <= s:
            continue
        doc.rows.append({
            "type": "scare_quote", "cue": "", "cue_lemma": "", "cue_category": "",
            "cue_start": -1, "cue_end": -1, "speaker_mention": "", "speaker": "",
            "speaker_start": -1, "speaker_end": -1, "speaker_group": "", "speaker_side": "",
            "anonymous": False, "content": doc.text[s:e], "content_start": s, "content_end": e,
            "sentence": doc.sentence_of(s), "rule": "scare_quote",
        })


def _read_doc(text: str, ss: np.ndarray, se: np.ndarray, cand: tuple, lists: _Lists) -> list[dict]:
    doc = _Doc(text, ss, se, lists)
    cues = _find_cues(doc, *cand)
    doc.cue_pos = [(c[0], c[1]) for c in cues]
    for cue in cues:
        _read_cue(doc, cue)
    _resolve(doc)
    _scare_quotes(doc)
    for r in doc.rows:
        r["quoted_words"] = _quoted_words(doc, r["content_start"], r["content_end"])
        r.pop("_role", None)
    doc.rows.sort(key=lambda r: (r["content_start"] if r["cue_start"] < 0 else r["cue_start"]))
    return doc.rows


def _quoted_words(doc: _Doc, s: int, e: int) -> int:
    n = 0
    for q in doc.quotes:
        a, b = max(s, q.inner_start), min(e, q.inner_end)
        if b > a:
            n += len(_WORDS.findall(doc.text[a:b]))
    return n


_STR_COLUMNS = ("type", "cue", "cue_lemma", "cue_category", "speaker_mention", "speaker",
                "speaker_group", "speaker_side", "content", "rule")
CATEGORIES: dict[str, tuple[str, ...]] = {
    "type": ("direct", "mixed", "indirect", "according_to", "scare_quote"),
    "cue_category": ("", "neutral", "distancing", "endorsing", "conflictual", "tentative"),
    "speaker_group": ("", "russian_officials", "ukrainian_officials", "western_officials",
                      "other_governments", "military_sources", "experts", "civilians",
                      "international_orgs", "media", "anonymous"),
    "speaker_side": ("", "russia", "ukraine", "west", "other"),
    "cue_lemma": (),
    "rule": (),
}
"""Columns of :func:`quotes` stored as categoricals, with their categories in order (empty
tuple: the values found, sorted). ``""`` is "none" (a scare quote has no cue category)."""
_CODED_COLUMNS = ("type", "cue", "cue_lemma", "cue_category", "speaker_mention", "speaker",
                  "speaker_group", "speaker_side", "rule")
_INT_COLUMNS = ("cue_start", "cue_end", "speaker_start", "speaker_end", "content_start", "content_end",
                "quoted_words", "sentence")


def _batch(per_doc: list[list[dict]], first_row: int):
    """The rows of a chunk of articles as one Arrow record batch (compact to send and keep)."""
    import pyarrow as pa

    rows = [r for part in per_doc for r in part]
    cols = {"_doc": pa.array(np.repeat(np.arange(first_row, first_row + len(per_doc)),
                                       [len(p) for p in per_doc]).astype(np.int64))}
    for c in _STR_COLUMNS:
        arr = pa.array([r[c] for r in rows], type=pa.string())
        # few distinct values (types, groups, rules): dictionary-encoded while in transit
        cols[c] = arr.dictionary_encode() if c in _CODED_COLUMNS else arr
    for c in _INT_COLUMNS:  # int32 in transit (offsets into one article), int64 in the table
        cols[c] = pa.array(np.array([r[c] for r in rows], dtype=np.int32))
    cols["anonymous"] = pa.array([bool(r["anonymous"]) for r in rows], type=pa.bool_())
    return pa.record_batch(cols)


def _read_chunk(job: dict, a: int, b: int):
    """Attributions of articles ``a..b-1`` as one record batch."""
    index, c_pos, cb, sb = job["index"], job["c_pos"], job["cb"], job["sb"]
    lists = _lists(job["verbs"], job["actors"])
    pos = c_pos[cb[a]:cb[b]]
    cs, ce = _offsets(index, pos, a, b) if len(pos) else (pos, pos)
    cs, ce = cs.tolist(), ce.tolist()
    texts = job["text"].iloc[a:b].tolist()
    s_start, s_end = job["s_start"], job["s_end"]
    per_doc = []
    for i, text in zip(range(a, b), texts, strict=True):
        lo, hi = cb[i] - cb[a], cb[i + 1] - cb[a]
        per_doc.append(_read_doc(text, s_start[sb[i]:sb[i + 1]], s_end[sb[i]:sb[i + 1]],
                                 (cs[lo:hi], ce[lo:hi]), lists))
    return _batch(per_doc, a)


def _table(batches: list) -> pd.DataFrame:
    """Record batches -> DataFrame (strings as the pandas ``str`` dtype, no Python objects)."""
    import pyarrow as pa

    if not batches:
        batches.append(_batch([], 0))
    # one dictionary per chunk: unify them, then decode column by column into the pandas
    # ``str`` dtype (so the table never holds all coded columns decoded twice); the list
    # is emptied so that only the table holds the batches' memory, and it shrinks as
    # each column moves to pandas
    table = pa.Table.from_batches(batches).unify_dictionaries()
    batches.clear()
    str_dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    out = {}
    for name in table.column_names:
        col = table.column(name)
        if name in CATEGORIES:
            # few distinct values: a categorical (like ``frame`` in frame_scores), with the
            # documented categories in their documented order where there is one
            chunks = col.chunks
            dictionary = chunks[0].dictionary.to_pylist() if chunks else []
            codes = (np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
                     if chunks else np.zeros(0, dtype=np.int32))
            cat = pd.Categorical.from_codes(codes, categories=pd.Index(dictionary, dtype=object))
            fixed = CATEGORIES[name]
            if fixed:
                cat = cat.set_categories(list(fixed) + sorted(set(dictionary) - set(fixed)))
            else:
                cat = cat.set_categories(sorted(dictionary))
            out[name] = cat
        elif name in _CODED_COLUMNS:
            out[name] = pd.Series(col.cast(pa.string()), dtype=str_dtype) if len(col) else \
                pd.Series([], dtype=str_dtype)
        elif pa.types.is_string(col.type):
            out[name] = pd.Series(col, dtype=str_dtype)
        else:
            out[name] = col.to_numpy().astype(np.int64) if pa.types.is_integer(col.type) else col.to_numpy()
        table = table.drop_columns([name])
    return pd.DataFrame(out)


def _offsets(index, pos: np.ndarray, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """Character offsets of token positions ``pos`` of documents ``a..b-1``: from the index's
    offset store when it has them, else computed for these documents only and not kept (so
    a large corpus never holds the offsets of all its tokens for this)."""
    from .index import _char_spans

    store = index.cache.char_spans
    if store is not None and (store.ptr[a:b] >= 0).all():
        return index.token_offsets(pos)
    starts, ends = _char_spans(index, np.arange(a, b, dtype=np.int64))
    k = pos - index.offsets[a]
    return starts[k].astype(np.int64), ends[k].astype(np.int64)


def quotes(
    corpus: pd.DataFrame,
    *,
    actors: str = "war_actors",
    verbs: str = "reporting_verbs",
    scare_quotes: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Every attribution in a corpus: who says what, with which cue (see the module docstring).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    actors : str, default "war_actors"
        The actor list that gives speaker groups (bundled name or YAML path,
        :func:`toolkit.actors.load_actors`).
    verbs : str, default "reporting_verbs"
        The reporting verb list (bundled name or YAML path,
        :func:`toolkit.reporting.load_reporting_verbs`).
    scare_quotes : bool, default True
        Also return scare quotes (rows of type ``scare_quote``: no cue, no speaker).
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        One row per attribution, columns :data:`QUOTE_COLUMNS`: ``doc_id``, ``source``,
        ``date``, ``type`` (direct / mixed / indirect / according_to / scare_quote),
        ``cue`` (surface form, e.g. ``told reporters``), ``cue_lemma`` (``tell``),
        ``cue_category`` (neutral / distancing / endorsing / conflictual / tentative),
        ``cue_start``/``cue_end``, ``speaker_mention``, ``speaker`` (resolved name, ``""``
        when unknown), ``speaker_start``/``speaker_end``, ``speaker_group``,
        ``speaker_side``, ``anonymous``, ``content``, ``content_start``/``content_end``,
        ``quoted_words`` (words of the content inside quotation marks), ``sentence``
        (number of the cue's sentence in the article) and ``rule``. Offsets are
        character offsets into ``text``; ``-1`` where there is no cue or speaker.
        ``type``, ``cue_lemma``, ``cue_category``, ``speaker_group``, ``speaker_side``
        and ``rule`` are categoricals (:data:`CATEGORIES`; ``""`` = none), the other
        text columns pandas strings.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.attribution import quotes
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "source": ["Wire"], "text": [
    ...     "Dmitry Peskov, the Kremlin spokesman, said talks were possible. "
    ...     "“We are ready,” he told reporters."]})
    >>> q = quotes(corpus)
    >>> q[["type", "cue", "cue_lemma", "speaker", "content"]].values.tolist()
    [['indirect', 'said', 'say', 'Dmitry Peskov', 'talks were possible'], ['direct', 'told reporters', 'tell', 'Dmitry Peskov', 'We are ready']]
    >>> q["speaker_group"].tolist()
    ['russian_officials', 'russian_officials']
    """
    from .scale.engine import is_lazy
    if is_lazy(corpus):
        from .scale.layers import lazy_quotes
        return lazy_quotes(corpus, actors=actors, verbs=verbs, scare_quotes=scare_quotes, progress=progress)
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns or "doc_id" not in corpus.columns:
        raise CorpusError("quotes: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    lists = _lists(str(verbs), str(actors))  # fail early on a bad list
    index = index_tokens(corpus)
    cached = index.cache.quotes.get((str(verbs), str(actors)))
    if cached is not None:
        out = cached if scare_quotes else cached[cached["type"] != "scare_quote"].reset_index(drop=True)
        return out.copy(deep=False)
    view = index.sentence_view(progress=progress)
    n = len(corpus)
    s_doc = view.unit_doc
    s_start = view.meta["start"].to_numpy(dtype=np.int64)
    s_end = view.meta["end"].to_numpy(dtype=np.int64)
    sb = np.searchsorted(s_doc, np.arange(n + 1))
    # cue candidates from the token index: tokens that are the first word of a listed form
    is_first = pd.Series(index.vocab).isin(list(lists.verbs.by_first)).to_numpy()
    c_pos = np.flatnonzero(is_first[index.ids])
    cb = np.searchsorted(index.doc_of(c_pos), np.arange(n + 1))
    text_col = corpus["text"]
    job = {"index": index, "text": text_col, "s_start": s_start, "s_end": s_end, "sb": sb,
           "c_pos": c_pos, "cb": cb, "n": n, "verbs": str(verbs), "actors": str(actors)}
    batches = map_chunks(_read_chunk, job, n, chars=int(text_col.str.len().sum()), desc="quotes",
                         progress=progress, min_chars=PARALLEL_MIN_CHARS)
    out = _table(batches)
    rowpos = out.pop("_doc").to_numpy(dtype=np.int64)
    for col in ("date", "source", "doc_id"):
        values = corpus[col].to_numpy()[rowpos] if col in corpus.columns else np.full(len(out), None)
        out.insert(0, col, values)
    out = out[list(QUOTE_COLUMNS)]
    out.attrs["actors"] = lists.actors.name
    out.attrs["verbs"] = str(verbs)
    index.cache.quotes[(str(verbs), str(actors))] = out
    if not scare_quotes:
        out = out[out["type"] != "scare_quote"].reset_index(drop=True)
    return out.copy(deep=False)  # copy-on-write: the cached table is never changed


def quoted_spans(
    corpus: pd.DataFrame,
    *,
    types: Sequence[str] = ("direct", "mixed"),
    attributions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Character spans of reported speech inside quotation marks (for ``exclude_quotes``).

    The spans are the parts of attributed contents (of the given ``types``) that lie
    inside quotation marks: the words the outlet reports, not its own. Scare quotes and
    indirect speech are the outlet's words and are not included by default.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    types : sequence of str, default ("direct", "mixed")
        Attribution types whose quoted parts count (add ``"indirect"`` to leave out
        reported speech without marks too, ``"scare_quote"`` for scare quotes).
    attributions : pandas.DataFrame, optional
        :func:`quotes` output for this corpus (computed, or taken from the index's cache,
        when not given).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``start``, ``end``, ``speaker``, ``speaker_group``: one row per span.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.attribution import quoted_spans
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ['“We will regroup,” the general said.']})
    >>> quoted_spans(corpus)[["start", "end"]].values.tolist()
    [[1, 16]]
    """
    q = quotes(corpus, progress=False) if attributions is None else attributions
    q = q[q["type"].isin(list(types))]
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=False))
    rows = []
    spans_of: dict = {}
    for r in q.itertuples(index=False):
        if r.type in ("indirect", "according_to"):
            rows.append((r.doc_id, r.content_start, r.content_end, r.speaker, r.speaker_group))
            continue
        if r.type == "scare_quote":
            rows.append((r.doc_id, r.content_start, r.content_end, "", ""))
            continue
        if r.doc_id not in spans_of:
            spans_of = {r.doc_id: quotation_spans(texts[r.doc_id])}  # rows come article by article
        for qq in spans_of[r.doc_id]:
            a, b = max(r.content_start, qq.inner_start), min(r.content_end, qq.inner_end)
            if b > a:
                rows.append((r.doc_id, a, b, r.speaker, r.speaker_group))
    out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "speaker", "speaker_group"])
    return out.drop_duplicates(["doc_id", "start", "end"]).reset_index(drop=True)


def in_quoted_speech(
    corpus: pd.DataFrame,
    doc: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    *,
    attributions: pd.DataFrame | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Whether character spans lie inside reported speech in quotation marks.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    doc : numpy.ndarray
        Row number (in the corpus) of each span.
    start, end : numpy.ndarray
        Character offsets of each span (``end`` exclusive).
    attributions : pandas.DataFrame, optional
        :func:`quotes` output for this corpus (computed or taken from the cache if not given).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        A boolean array (the span lies within one :func:`quoted_spans` span) and an
        object array with the speaker (resolved name, else ``""``) of that span.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from toolkit.attribution import in_quoted_speech
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ['“We regroup,” the general said. We advance.']})
    >>> in_quoted_speech(corpus, np.array([0, 0]), np.array([3, 35]), np.array([10, 42]))[0].tolist()
    [True, False]
    """
    doc = np.asarray(doc, dtype=np.int64)
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    inside = np.zeros(len(doc), dtype=bool)
    speaker = np.full(len(doc), "", dtype=object)
    if not len(doc):
        return inside, speaker
    spans = quoted_spans(corpus, attributions=attributions)
    row = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].to_numpy())
    spans["row"] = row.reindex(spans["doc_id"].to_numpy()).to_numpy()
    spans = spans.sort_values(["row", "start"], kind="stable")
    for r, part in spans.groupby("row", sort=False):
        sel = np.flatnonzero(doc == r)
        if not len(sel):
            continue
        s0 = part["start"].to_numpy()
        e0 = part["end"].to_numpy()
        k = np.searchsorted(s0, start[sel], side="right") - 1
        ok = k >= 0
        hit = np.zeros(len(sel), dtype=bool)
        hit[ok] = end[sel][ok] <= e0[k[ok]]
        inside[sel] = hit
        names = part["speaker"].to_numpy()
        speaker[sel[hit]] = names[k[hit]]
    return inside, speaker
