"""Framing dictionaries (lexicons): YAML word lists that define frames.

A lexicon is a YAML file with this layout (see ``data/lexicons/README.md``)::

    name: war_framing                     # required: short identifier
    description: >                        # optional: what the lexicon is for, caveats
      How news reports name the war and word battlefield setbacks.
    version: "1.0"                        # optional: bump when patterns change
    changelog: ...                        # optional: what changed in each version
    language: en                          # optional: the language of the patterns (ISO 639-1)
    match: word                           # optional: "word" (default) or "lemma"
    frames:                               # required: frame name -> definition
      euphemised_setback:                 # frame name: letters, digits, underscores
        label: Euphemised setback         # optional: display name (default: from the name)
        definition: >                     # optional but recommended: what the frame means
          A loss of ground described as a planned, voluntary or beneficial move.
        reference: null                   # optional: literature reference, or null
        group: setback_wording            # optional: frames shown together in one plot
        patterns:                         # required: non-empty list
          - regroup*                      # wildcard: * any characters, ? one character
          - goodwill gesture              # phrase: consecutive words
          - more advantageous line*
        exclude:                          # optional: contexts in which a match is dropped
          - so-called goodwill gesture

Patterns follow :mod:`toolkit.patterns`: a word, a wildcard (``negotiat*``) or a phrase
of several words, matched case-insensitively on the tokenised text, so a phrase matches
across punctuation and line breaks but never across documents. A pattern that starts
with ``*`` must be quoted in YAML (``"*word"``), as must ``yes``/``no``/``on``/``off``.

Exclusions: a match of one of a frame's patterns is not counted when it lies entirely
inside a match of one of the frame's ``exclude`` phrases in the same document (``retreat``
inside ``no retreat from``; ``crisis`` inside ``energy crisis``).

:func:`load_lexicon` reads a bundled lexicon by name (``"war_framing"``) or any file by
path and checks it; every problem is reported with the file, frame and pattern.

Patterns are normalised like the corpus (Unicode NFC; apostrophes and case as in
:mod:`toolkit.patterns`), so a pattern typed in decomposed form is stored composed and
two spellings of one pattern are reported as a duplicate.

Hostile files
-------------
A lexicon is plain YAML read with PyYAML's safe loader, and a file from elsewhere is
checked before anything is built from it:

* YAML tags are refused: ``!!python/...`` tags ("python tags are not allowed") and any
  other tag the safe loader does not know;
* aliases (``*name``) may reuse an anchored block (``&name``) a few times, but not so
  that the file would grow by more than :data:`MAX_ALIAS_EXPANSION` entries (an alias
  bomb), and never recursively;
* brackets may nest at most :data:`MAX_NESTING` levels, and the file may have at most
  :data:`MAX_LEXICON_BYTES` bytes;
* every pattern obeys the limits of :mod:`toolkit.patterns` (length, wildcards).

Error messages list at most :data:`MAX_PROBLEMS` problems (and how many there are),
and quote at most one line of a value, cut to
:data:`toolkit.patterns.EXCERPT_LENGTH` characters: a file opened by mistake (or one
holding secrets) is never copied into the exception.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import yaml

from ._compat import renamed
from .patterns import Pattern, PatternError, excerpt, parse_pattern

TOP_KEYS: tuple[str, ...] = ("name", "description", "version", "changelog", "language", "match", "frames")
"""Keys allowed at the top level of a lexicon file."""

FRAME_KEYS: tuple[str, ...] = (
    "label", "definition", "reference", "group", "patterns", "exclude", "min_matches", "min_per_10k",
    "caveat", "examples",
)
"""Keys allowed in a frame."""

_FRAME_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FLOW_TOKENS = re.compile(
    r"""(?:(?<=[\s\[\]{},:])|^)(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*")"""  # quoted scalars
    r"|(?:(?<=\s)|^)#[^\n]*"  # comments
    r"|[\[\]{}]",
    re.MULTILINE,
)

MAX_LEXICON_BYTES: int = 2_000_000
"""Bytes of a lexicon file read at most (100,000 one-word patterns take about 1.8 MB)."""

MAX_NESTING: int = 20
"""Levels of brackets (``[``, ``{``) a lexicon file may nest (it needs at most four)."""

MAX_ALIAS_EXPANSION: int = 1000
"""Entries YAML aliases (``*name``) may add to a lexicon file when written out."""

MAX_PROBLEMS: int = 20
"""Problems listed in one error message (the count of all of them is given)."""

MAX_PROBLEM_LENGTH: int = 500
"""Characters of one problem in an error message."""


class LexiconError(ValueError):
    """A lexicon file or mapping is malformed.

    The message names the file (or ``<dict>``), the frame and the pattern concerned, and
    lists every problem found, not only the first.
    """


@dataclass(frozen=True)
class Frame:
    """One frame of a lexicon.

    Attributes
    ----------
    name : str
        Identifier (``euphemised_setback``).
    label : str
        Display name (``Euphemised setback``).
    definition : str
        What the frame captures, in a sentence or two.
    reference : str or None
        Literature the frame follows, if any.
    group : str or None
        Frames with the same group are shown together (e.g. ``war_name``).
    patterns : tuple of str
        Words, wildcards and phrases (see :mod:`toolkit.patterns`).
    exclude : tuple of str
        Phrases inside which a pattern match is not counted.
    min_matches : int or None
        Matches a unit needs for the frame to be ``present`` (None: the ``min_count``
        of :func:`toolkit.frames.frame_scores`, 1 by default).
    min_per_10k : float or None
        Matches per 10,000 words of the unit it also needs (None: no rate threshold).
        Set both from validation data with :func:`toolkit.thresholds.tune_thresholds`.
    caveat : str or None
        What validation against coded text found this frame cannot measure well (for
        example a test-half F1 below the always-positive baseline); read it before
        using the frame (``load_lexicon(name).frames[frame].caveat``).
    """

    name: str
    label: str
    definition: str = ""
    reference: str | None = None
    group: str | None = None
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_matches: int | None = None
    min_per_10k: float | None = None
    caveat: str | None = None

    @property
    def parsed_patterns(self) -> tuple[Pattern, ...]:
        """The patterns, parsed."""
        return tuple(parse_pattern(p) for p in self.patterns)

    @property
    def parsed_exclude(self) -> tuple[Pattern, ...]:
        """The exclusion phrases, parsed."""
        return tuple(parse_pattern(p) for p in self.exclude)


@dataclass(frozen=True)
class Lexicon:
    """A framing dictionary: named frames, each with patterns and exclusions.

    Build one with :func:`load_lexicon`. Iterating over a lexicon yields its
    :class:`Frame` objects in file order; ``lexicon["war"]`` returns one frame.

    Attributes
    ----------
    name : str
        Identifier of the lexicon.
    description : str
        What it is for, and its caveats.
    version : str or None
        Version string.
    frames : dict of str to Frame
        The frames, in file order.
    path : pathlib.Path or None
        The file it was read from (None when built from a mapping).
    language : str or None
        The language its patterns are written in (``"en"``, ``"ru"``, ``"uk"``); None:
        not stated. Frame scores warn when it is applied to articles in another language.
    match : str
        ``"word"``: patterns match word forms; ``"lemma"``: they are lemmas and match
        the lemma view (:meth:`toolkit.index.TokenIndex.lemma_view`), so one pattern
        finds every inflected form.
    """

    name: str
    description: str = ""
    version: str | None = None
    frames: dict[str, Frame] = field(default_factory=dict)
    path: Path | None = None
    language: str | None = None
    match: str = "word"

    def __repr__(self) -> str:
        n_pat = sum(len(f.patterns) for f in self.frames.values())
        ver = f" v{self.version}" if self.version else ""
        return f"<Lexicon {self.name!r}{ver}: {len(self.frames)} frames, {n_pat} patterns>"

    def __len__(self) -> int:
        return len(self.frames)

    def __iter__(self) -> Iterator[Frame]:
        return iter(self.frames.values())

    def __contains__(self, name: object) -> bool:
        return name in self.frames

    def __getitem__(self, name: str) -> Frame:
        try:
            return self.frames[name]
        except KeyError:
            raise KeyError(
                f"lexicon {self.name!r} has no frame {name!r}; frames: {list(self.frames)}"
            ) from None

    @property
    def frame_names(self) -> list[str]:
        """Frame names in file order."""
        return list(self.frames)

    @property
    def labels(self) -> dict[str, str]:
        """Frame name -> display label."""
        return {f.name: f.label for f in self}

    @property
    def groups(self) -> dict[str, list[str]]:
        """Group name -> frame names in that group (frames without a group left out)."""
        out: dict[str, list[str]] = {}
        for f in self:
            if f.group is not None:
                out.setdefault(f.group, []).append(f.name)
        return out

    def select(self, frames: str | Sequence[str]) -> Lexicon:
        """A lexicon with only some frames (in the order given).

        Parameters
        ----------
        frames : str or sequence of str
            Frame names, or one group name (e.g. ``"war_name"``).

        Returns
        -------
        Lexicon
            A new lexicon.
        """
        if isinstance(frames, str):
            frames = self.groups.get(frames, [frames])
        return replace(self, frames={name: self[name] for name in frames})


# --------------------------------------------------------------------------- loading


def bundled_lexicon_dir() -> Path:
    """The folder of the bundled lexicons.

    Returns
    -------
    pathlib.Path
        ``data/lexicons`` inside :func:`toolkit.paths.data_dir`.
    """
    from .paths import data_dir

    return data_dir() / "lexicons"


def available_lexicons() -> list[str]:
    """Names of the bundled lexicons.

    Returns
    -------
    list of str
        Names to pass to :func:`load_lexicon` (e.g. ``["generic_frames", "war_framing"]``).

    Examples
    --------
    >>> import toolkit
    >>> "war_framing" in toolkit.available_lexicons()
    True
    """
    folder = bundled_lexicon_dir()
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


@renamed(source="lexicon")
def load_lexicon(lexicon: str | Path | Lexicon | Mapping) -> Lexicon:
    """Load and check a framing dictionary.

    A lexicon is a YAML file::

        name: my_frames            # required
        description: ...           # optional
        version: "1.0"             # optional
        frames:                    # required, at least one frame
          frame_name:              # letters, digits and underscores
            label: Frame name      # optional (default: the name, capitalised)
            definition: ...        # optional, recommended
            reference: null        # optional literature reference
            group: null            # optional, e.g. "war_name"
            patterns:              # required: words, wildcards (negotiat*), phrases
              - word
              - "wild*"
              - a phrase
            exclude:               # optional: phrases inside which a match is dropped
              - not a phrase
            min_matches: 2         # optional: matches needed for "present" (default 1)
            caveat: ...            # optional: what validation found the frame cannot measure
            min_per_10k: 5.0       # optional: matches per 10,000 words also needed

    Every pattern and exclusion must be something :func:`toolkit.patterns.parse_pattern`
    accepts: its words are tokenised like the text, so ``U.S.-led`` (which the tokeniser
    splits into ``U.S.`` and ``led``) is refused; write ``u.s. led`` instead. A pattern
    match is not counted when it lies inside a match of one of the frame's ``exclude``
    phrases (``retreat`` inside ``no retreat from``).

    Parameters
    ----------
    lexicon : str, pathlib.Path, Lexicon or mapping
        The name of a bundled lexicon (``"war_framing"``, ``"generic_frames"``; see
        :func:`available_lexicons`), the path of a YAML file, a mapping with the same
        structure, or a :class:`Lexicon` (returned as is).

    Returns
    -------
    Lexicon
        The checked lexicon.

    Raises
    ------
    LexiconError
        If the file is missing or malformed: YAML syntax errors give the line number;
        unknown keys, missing or empty ``patterns``, empty patterns, patterns the
        tokeniser would split or over the limits of :mod:`toolkit.patterns`, duplicate
        frame names or patterns are reported with the file, the frame and the pattern
        concerned. YAML tags (``!!python/...``), alias bombs, deep nesting and files
        over :data:`MAX_LEXICON_BYTES` are refused (see the module docstring).

    Examples
    --------
    >>> import toolkit
    >>> lex = toolkit.load_lexicon("war_framing")
    >>> lex["euphemised_setback"].patterns[:2]
    ('regroup*', 'redeploy*')
    """
    source = lexicon
    if isinstance(source, Lexicon):
        return source
    if isinstance(source, Mapping):
        return lexicon_from_dict(source)
    if not isinstance(source, str | Path):
        raise TypeError(f"expected a lexicon name, path or mapping, got {type(source).__name__}")
    path = _resolve(source)
    try:
        size = path.stat().st_size
        if size > MAX_LEXICON_BYTES:
            raise LexiconError(
                f"{path}: {size:,} bytes is too large for a lexicon file (the limit is "
                f"{MAX_LEXICON_BYTES:,} bytes, toolkit.lexicon.MAX_LEXICON_BYTES); is it the "
                "right file?"
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return _parse_yaml(text, path)


def _clip(text: str, limit: int) -> str:
    """The first line of a text, cut to ``limit`` characters (unquoted)."""
    line = text.splitlines()[0] if text else text
    return line if len(line) <= limit and line == text else line[: limit - 1] + "…"


def _where(source: object) -> str:
    """A file name for a message: as it is, unless it is very long or unprintable."""
    text = str(source)
    return text if len(text) <= 300 and text.isprintable() else excerpt(text)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL character
        return False


def _resolve(source: str | Path) -> Path:
    path = Path(source).expanduser()
    looks_like_path = (
        isinstance(source, Path)
        or path.suffix in (".yml", ".yaml")
        or "/" in str(source)
        or "\\" in str(source)
    )
    if _is_file(path):
        return path
    if looks_like_path or len(str(source)) > 100:
        raise LexiconError(f"{_where(path)}: no such lexicon file")
    folder = bundled_lexicon_dir()
    for suffix in (".yml", ".yaml"):
        candidate = folder / f"{source}{suffix}"
        if _is_file(candidate):
            return candidate
    names = available_lexicons()
    hint = difflib.get_close_matches(str(source), names, n=1)
    did = f" Did you mean {hint[0]!r}?" if hint else ""
    raise LexiconError(
        f"no bundled lexicon named {excerpt(str(source))} in {folder} (available: {names}).{did} "
        "To load your own lexicon, pass the path of its YAML file."
    )


def _flow_depth(text: str) -> int:
    """How deep the brackets of a YAML text nest (quoted strings and comments skipped).

    PyYAML composes nested blocks recursively, so a file of a thousand nested brackets
    ends in a ``RecursionError``; such a file is refused before parsing, with a clear
    message (deep indentation, which cannot be counted this simply, is caught as a
    ``RecursionError`` while parsing).
    """
    depth = deepest = 0
    for m in _FLOW_TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
    return deepest


def _parse_yaml(text: str, path: Path | str) -> Lexicon:
    depth = _flow_depth(text)
    if depth > MAX_NESTING:
        raise LexiconError(
            f"{path}: brackets ([ or {{) are nested {depth} levels deep; the limit is "
            f"{MAX_NESTING} (toolkit.lexicon.MAX_NESTING), and a lexicon needs at most four"
        )
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise LexiconError(f"{path}: the file is empty")
        problems = _check_nodes(node)
        if problems:
            raise LexiconError(_format(path, problems))
        problems = _duplicate_keys(node)
        if problems:
            raise LexiconError(_format(path, problems))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise LexiconError(_yaml_error_message(exc, path)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise LexiconError(f"{path}: YAML error: {excerpt(str(exc))}") from None
    except RecursionError:
        raise LexiconError(
            f"{path}: the YAML structure is nested too deeply (a lexicon needs four levels)"
        ) from None
    finally:
        loader.dispose()
    return lexicon_from_dict(data, source=path)


def _yaml_error_message(exc: yaml.MarkedYAMLError, path: Path | str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    what = _clip(" ".join(s for s in (exc.context, exc.problem) if s), 300)
    hint = ""
    if "alias" in what or "anchor" in what:
        hint = " (a pattern that starts with * must be quoted: \"*word\")"
    return f"{path}: YAML syntax error{where}: {what}{hint}"


def _tag_problem(node: yaml.Node) -> str | None:
    """Why a node's tag is refused (None when the safe loader knows the tag)."""
    tag = node.tag
    if tag in yaml.SafeLoader.yaml_constructors:
        return None
    line = node.start_mark.line + 1
    shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    if tag.startswith("tag:yaml.org,2002:python/"):
        return (
            f"line {line}: YAML tag {excerpt(shown)} refused: python tags are not allowed in a "
            "lexicon (they would create Python objects or run code)"
        )
    return (
        f"line {line}: YAML tag {excerpt(shown)} is not allowed in a lexicon; write plain "
        "text, lists and mappings"
    )


def _check_nodes(root: yaml.Node) -> list[str]:
    """Refuse unknown tags and aliases that expand too much (before anything is built).

    PyYAML turns an alias (``*name``) into the very node it refers to, so the document is
    a graph; walking it as a tree takes exponential time for an alias bomb ("billion
    laughs") and forever for a recursive alias. Each node is visited once here, and the
    size of the document with every alias written out is computed from the sizes of the
    nodes' children.
    """
    problems: list[str] = []
    size: dict[int, int] = {}  # node id -> size with aliases written out
    active: set[int] = set()  # nodes on the current path (a cycle means a recursive alias)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    distinct = 0
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = (
            [x for pair in node.value for x in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value if isinstance(node, yaml.SequenceNode) else []
        )
        if done:
            active.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)  # exact: ints do not overflow
            continue
        if key in size:
            continue
        if key in active:
            return [
                f"line {node.start_mark.line + 1}: a YAML alias refers to the block that "
                "contains it (a recursive alias); write the entries out instead"
            ]
        distinct += 1
        active.add(key)
        problem = _tag_problem(node)
        if problem is not None and len(problems) <= MAX_PROBLEMS:
            problems.append(problem)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(children) if id(c) not in size)
    extra = size[id(root)] - distinct
    if extra > MAX_ALIAS_EXPANSION:
        problems.append(
            f"YAML aliases (*name) repeat anchored blocks (&name) so often that the file would "
            f"grow by more than {MAX_ALIAS_EXPANSION:,} entries (toolkit.lexicon."
            "MAX_ALIAS_EXPANSION); a lexicon may reuse a block with an alias a few times: "
            "write the entries out instead"
        )
    return problems


def _duplicate_keys(root: yaml.Node) -> list[str]:
    problems: list[str] = []
    visited: set[int] = set()  # an aliased node is checked once, where it is defined
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, trail = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        todo: list[tuple[yaml.Node, tuple[str, ...]]] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    if trail == ("frames",):
                        problems.append(
                            f"frame {excerpt(key)} is defined twice (lines {seen[key]} and "
                            f"{line}); frame names must be unique"
                        )
                    elif len(trail) == 2 and trail[0] == "frames":
                        problems.append(
                            f"frame {excerpt(trail[1])}: key {excerpt(key)} appears twice "
                            f"(lines {seen[key]} and {line})"
                        )
                    else:
                        where = " > ".join(_clip(t, 40) for t in trail) or "top level"
                        problems.append(
                            f"{where}: key {excerpt(key)} appears twice (lines {seen[key]} and {line})"
                        )
                else:
                    seen[key] = line
                todo.append((value_node, (*trail, key)))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((item, trail) for item in node.value)
        stack.extend(reversed(todo))
    return problems


def _format(source: Path | str, problems: list[str]) -> str:
    """The error message: at most :data:`MAX_PROBLEMS` problems, each cut to a line."""

    def cut(problem: str) -> str:
        return problem if len(problem) <= MAX_PROBLEM_LENGTH else problem[: MAX_PROBLEM_LENGTH - 1] + "…"

    if len(problems) == 1:
        return f"{source}: {cut(problems[0])}"
    lines = "\n".join(f"  - {cut(p)}" for p in problems[:MAX_PROBLEMS])
    more = len(problems) - MAX_PROBLEMS
    tail = f"\n  ... and {more} more problems (fix these first)" if more > 0 else ""
    return f"{source}: {len(problems)} problems:\n{lines}{tail}"


def _unknown_key(key: object, allowed: Sequence[str]) -> str:
    hint = difflib.get_close_matches(str(key)[:100], allowed, n=1)
    did = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown key {excerpt(key)}{did}; allowed keys: {', '.join(allowed)}"


def _check_patterns(
    frame: str, key: str, values: object, problems: list[str], *, required: bool
) -> tuple[str, ...]:
    what = "pattern" if key == "patterns" else "exclusion"
    if values is None:
        if required:
            problems.append(f"frame {excerpt(frame)}: 'patterns' is missing (a list of words/phrases)")
        return ()
    if isinstance(values, str) or not isinstance(values, list):
        problems.append(
            f"frame {excerpt(frame)}: {key!r} must be a list of strings (one '- item' per line), "
            f"got {type(values).__name__}"
        )
        return ()
    if required and not values:
        problems.append(f"frame {excerpt(frame)}: 'patterns' is empty")
    out: list[str] = []
    seen: set[str] = set()
    for i, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, str):
            problems.append(
                f"frame {excerpt(frame)}, {what} {i} ({excerpt(value)}): not text; quote it in the YAML file "
                "(unquoted yes/no/on/off/true/false and numbers are not read as text)"
            )
            continue
        if not value.strip():
            problems.append(f"frame {excerpt(frame)}, {what} {i}: empty {what} {excerpt(value)}")
            continue
        try:
            parsed = parse_pattern(value)
        except PatternError as exc:
            problems.append(f"frame {excerpt(frame)}, {what} {excerpt(value, exc.element)}: {exc.reason}")
            continue
        norm = " ".join(parsed.elements).lower()
        if norm in seen:
            problems.append(f"frame {excerpt(frame)}, {what} {excerpt(value)}: listed twice")
            continue
        seen.add(norm)
        out.append(unicodedata.normalize("NFC", value).strip())
    return tuple(out)


def _text(value: object, frame: str, key: str, problems: list[str], *, optional: bool) -> str | None:
    if value is None:
        return None if optional else ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    problems.append(f"frame {excerpt(frame)}: {key!r} must be text, got {type(value).__name__}")
    return None


def _thresholds(frame: str, spec: Mapping, problems: list[str]) -> tuple[int | None, float | None]:
    k, rate = spec.get("min_matches"), spec.get("min_per_10k")
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        problems.append(f"frame {excerpt(frame)}: 'min_matches' must be a whole number >= 1, got {excerpt(k)}")
        k = None
    if rate is not None:
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate >= 0:
            problems.append(f"frame {excerpt(frame)}: 'min_per_10k' must be a number >= 0, got {excerpt(rate)}")
            rate = None
        else:
            rate = float(rate)
    return k, rate


def lexicon_from_dict(data: Mapping, *, source: Path | str = "<dict>") -> Lexicon:
    """Build and check a lexicon from a mapping with the YAML file's structure.

    Parameters
    ----------
    data : mapping
        ``{"name": ..., "frames": {frame: {"patterns": [...], ...}}}``; see
        :func:`load_lexicon` for every key.
    source : pathlib.Path or str, default "<dict>"
        Where the mapping came from (used in error messages).

    Returns
    -------
    Lexicon
        The checked lexicon.

    Raises
    ------
    LexiconError
        Listing every problem found, each naming the frame and pattern.
    """
    if not isinstance(data, Mapping):
        raise LexiconError(
            f"{source}: a lexicon must be a mapping with 'name' and 'frames', "
            f"got {type(data).__name__}"
        )
    problems: list[str] = []
    unknown = [key for key in data if key not in TOP_KEYS]
    if "name" not in data and "frames" not in data and unknown:
        # not a lexicon at all (perhaps a file opened by mistake): quote one key only
        hint = ""
        for key in unknown:
            close = difflib.get_close_matches(str(key)[:100], TOP_KEYS, n=1)
            if close:
                hint = f" (did you mean {close[0]!r} for {excerpt(key)}?)"
                break
        raise LexiconError(
            f"{_where(source)}: not a lexicon: a lexicon is a mapping with 'name' and 'frames' "
            f"at the top level, but this file has neither, only {len(unknown)} other "
            f"key{'s' if len(unknown) > 1 else ''}, the first {excerpt(unknown[0])}{hint}"
        )
    if len(unknown) > 3:
        problems.append(
            f"top level: {len(unknown)} unknown keys, the first {excerpt(unknown[0])}; "
            f"allowed keys: {', '.join(TOP_KEYS)}"
        )
    else:
        problems.extend(f"top level: {_unknown_key(key, TOP_KEYS)}" for key in unknown)
    name = data.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        problems.append("top level: 'name' is missing")
        name = Path(str(source)).stem
    elif not isinstance(name, str):
        problems.append(f"top level: 'name' must be text, got {type(name).__name__}")
    description = data.get("description") or ""
    if not isinstance(description, str):
        problems.append("top level: 'description' must be text")
        description = ""
    version = data.get("version")
    version = None if version is None else str(version)
    language = data.get("language")
    if language is not None and (not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language)):
        problems.append(f"top level: 'language' must be a language code such as 'en', 'ru', 'uk', got {excerpt(language)}")
        language = None
    match = data.get("match", "word")
    if match not in ("word", "lemma"):
        problems.append(f"top level: 'match' must be 'word' or 'lemma', got {excerpt(match)}")
        match = "word"
    raw_frames = data.get("frames")
    frames: dict[str, Frame] = {}
    if raw_frames is None:
        problems.append("top level: 'frames' is missing (a mapping of frame name -> definition)")
        raw_frames = {}
    elif not isinstance(raw_frames, Mapping):
        problems.append(f"top level: 'frames' must be a mapping, got {type(raw_frames).__name__}")
        raw_frames = {}
    elif not raw_frames:
        problems.append("top level: 'frames' is empty")
    for fname, spec in raw_frames.items():
        if not isinstance(fname, str) or not _FRAME_NAME.fullmatch(fname):
            problems.append(
                f"frame {excerpt(fname)}: a frame name must start with a letter and contain only "
                "letters, digits and underscores"
            )
            continue
        if spec is None:
            problems.append(f"frame {excerpt(fname)}: no definition ('patterns' is missing)")
            continue
        if not isinstance(spec, Mapping):
            problems.append(f"frame {excerpt(fname)}: must be a mapping with 'patterns', got {type(spec).__name__}")
            continue
        for key in spec:
            if key not in FRAME_KEYS:
                problems.append(f"frame {excerpt(fname)}: {_unknown_key(key, FRAME_KEYS)}")
        patterns = _check_patterns(fname, "patterns", spec.get("patterns"), problems, required=True)
        exclude = _check_patterns(fname, "exclude", spec.get("exclude"), problems, required=False)
        label = _text(spec.get("label"), fname, "label", problems, optional=True)
        definition = _text(spec.get("definition"), fname, "definition", problems, optional=False)
        reference = _text(spec.get("reference"), fname, "reference", problems, optional=True)
        group = _text(spec.get("group"), fname, "group", problems, optional=True)
        min_matches, min_per_10k = _thresholds(fname, spec, problems)
        caveat = _text(spec.get("caveat"), fname, "caveat", problems, optional=True)
        examples = spec.get("examples")
        if examples is not None and (not isinstance(examples, list) or not all(isinstance(e, str) for e in examples)):
            problems.append(f"frame {excerpt(fname)}: 'examples' must be a list of texts")
        frames[fname] = Frame(
            name=fname,
            label=label or fname.replace("_", " ").capitalize(),
            definition=" ".join((definition or "").split()),
            reference=" ".join(reference.split()) if reference else None,
            group=group or None,
            patterns=patterns,
            exclude=exclude,
            min_matches=min_matches,
            min_per_10k=min_per_10k,
            caveat=" ".join(caveat.split()) if caveat else None,
        )
    if problems:
        raise LexiconError(_format(source, problems))
    return Lexicon(
        name=str(name),
        description=" ".join(description.split()),
        version=version,
        frames=frames,
        path=Path(source) if isinstance(source, Path) else None,
        language=language,
        match=str(match),
    )


def _kind(pattern: str) -> str:
    p = parse_pattern(pattern)
    if p.is_phrase:
        return "phrase"
    return "wildcard" if any(c in p.elements[0] for c in "*?") else "word"


def lexicon_table(lexicon: Lexicon | str | Path) -> pd.DataFrame:
    """One row per pattern of a lexicon, for display and documentation.

    Parameters
    ----------
    lexicon : Lexicon, str or pathlib.Path
        A lexicon, or anything :func:`load_lexicon` accepts.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame``, ``label``, ``group``, ``pattern`` and ``kind`` (``"word"``,
        ``"wildcard"``, ``"phrase"``, or ``"exclude"`` for an exclusion phrase), in file
        order.

    Examples
    --------
    >>> import toolkit
    >>> table = toolkit.lexicon_table("war_framing")
    >>> table.columns.tolist()
    ['frame', 'label', 'group', 'pattern', 'kind']
    >>> setback = table[table["frame"] == "euphemised_setback"]
    >>> setback[["pattern", "kind"]].head(2).values.tolist()
    [['regroup*', 'wildcard'], ['redeploy*', 'wildcard']]
    """
    lex = load_lexicon(lexicon)
    rows = []
    for f in lex:
        for p in f.patterns:
            rows.append((f.name, f.label, f.group, p, _kind(p)))
        for p in f.exclude:
            rows.append((f.name, f.label, f.group, p, "exclude"))
    out = pd.DataFrame(rows, columns=["frame", "label", "group", "pattern", "kind"])
    for col in out.columns:
        out[col] = out[col].astype("str")
    return out
