"""Framing dictionaries (lexicons): YAML word lists that define frames.

A lexicon is a YAML file with this layout (see ``data/lexicons/README.md``)::

    name: war_framing                     # required: short identifier
    description: >                        # optional: what the lexicon is for, caveats
      How news reports name the war and word battlefield setbacks.
    version: "1.0"                        # optional: bump when patterns change
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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import yaml

from ._compat import renamed
from .patterns import Pattern, parse_pattern

TOP_KEYS: tuple[str, ...] = ("name", "description", "version", "frames")
"""Keys allowed at the top level of a lexicon file."""

FRAME_KEYS: tuple[str, ...] = ("label", "definition", "reference", "group", "patterns", "exclude")
"""Keys allowed in a frame."""

_FRAME_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
    """

    name: str
    label: str
    definition: str = ""
    reference: str | None = None
    group: str | None = None
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

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
    """

    name: str
    description: str = ""
    version: str | None = None
    frames: dict[str, Frame] = field(default_factory=dict)
    path: Path | None = None

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
        tokeniser would split, duplicate frame names or patterns are reported with the
        file, the frame and the pattern concerned.

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
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc})") from None
    return _parse_yaml(text, path)


def _resolve(source: str | Path) -> Path:
    path = Path(source).expanduser()
    looks_like_path = (
        isinstance(source, Path)
        or path.suffix in (".yml", ".yaml")
        or "/" in str(source)
        or "\\" in str(source)
    )
    if path.is_file():
        return path
    if looks_like_path:
        raise LexiconError(f"{path}: no such lexicon file")
    folder = bundled_lexicon_dir()
    for suffix in (".yml", ".yaml"):
        candidate = folder / f"{source}{suffix}"
        if candidate.is_file():
            return candidate
    names = available_lexicons()
    hint = difflib.get_close_matches(str(source), names, n=1)
    did = f" Did you mean {hint[0]!r}?" if hint else ""
    raise LexiconError(
        f"no bundled lexicon named {str(source)!r} in {folder} (available: {names}).{did} "
        "To load your own lexicon, pass the path of its YAML file."
    )


def _parse_yaml(text: str, path: Path | str) -> Lexicon:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise LexiconError(_yaml_error_message(exc, path)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise LexiconError(f"{path}: YAML error: {exc}") from None
    if node is None:
        raise LexiconError(f"{path}: the file is empty")
    problems = _duplicate_keys(node)
    if problems:
        raise LexiconError(_format(path, problems))
    data = yaml.safe_load(text)
    return lexicon_from_dict(data, source=path)


def _yaml_error_message(exc: yaml.MarkedYAMLError, path: Path | str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    what = " ".join(s for s in (exc.context, exc.problem) if s)
    hint = ""
    if "alias" in what or "anchor" in what:
        hint = " (a pattern that starts with * must be quoted: \"*word\")"
    return f"{path}: YAML syntax error{where}: {what}{hint}"


def _duplicate_keys(root: yaml.Node) -> list[str]:
    problems: list[str] = []

    def walk(node: yaml.Node, trail: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    if trail == ("frames",):
                        problems.append(
                            f"frame {key!r} is defined twice (lines {seen[key]} and {line}); "
                            "frame names must be unique"
                        )
                    elif len(trail) == 2 and trail[0] == "frames":
                        problems.append(
                            f"frame {trail[1]!r}: key {key!r} appears twice "
                            f"(lines {seen[key]} and {line})"
                        )
                    else:
                        where = " > ".join(trail) if trail else "top level"
                        problems.append(
                            f"{where}: key {key!r} appears twice (lines {seen[key]} and {line})"
                        )
                else:
                    seen[key] = line
                walk(value_node, (*trail, key))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, trail)

    walk(root, ())
    return problems


def _format(source: Path | str, problems: list[str]) -> str:
    if len(problems) == 1:
        return f"{source}: {problems[0]}"
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"{source}: {len(problems)} problems:\n{lines}"


def _unknown_key(key: object, allowed: Sequence[str]) -> str:
    hint = difflib.get_close_matches(str(key), allowed, n=1)
    did = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown key {key!r}{did}; allowed keys: {', '.join(allowed)}"


def _check_patterns(
    frame: str, key: str, values: object, problems: list[str], *, required: bool
) -> tuple[str, ...]:
    what = "pattern" if key == "patterns" else "exclusion"
    if values is None:
        if required:
            problems.append(f"frame {frame!r}: 'patterns' is missing (a list of words/phrases)")
        return ()
    if isinstance(values, str) or not isinstance(values, list):
        problems.append(
            f"frame {frame!r}: {key!r} must be a list of strings (one '- item' per line), "
            f"got {type(values).__name__}"
        )
        return ()
    if required and not values:
        problems.append(f"frame {frame!r}: 'patterns' is empty")
    out: list[str] = []
    seen: set[str] = set()
    for i, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, str):
            problems.append(
                f"frame {frame!r}, {what} {i} ({value!r}): not text; quote it in the YAML file "
                "(unquoted yes/no/on/off/true/false and numbers are not read as text)"
            )
            continue
        if not value.strip():
            problems.append(f"frame {frame!r}, {what} {i}: empty {what} {value!r}")
            continue
        try:
            parsed = parse_pattern(value)
        except ValueError as exc:
            problems.append(f"frame {frame!r}, {what} {value!r}: {exc}")
            continue
        norm = " ".join(parsed.elements).lower()
        if norm in seen:
            problems.append(f"frame {frame!r}, {what} {value!r}: listed twice")
            continue
        seen.add(norm)
        out.append(value.strip())
    return tuple(out)


def _text(value: object, frame: str, key: str, problems: list[str], *, optional: bool) -> str | None:
    if value is None:
        return None if optional else ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    problems.append(f"frame {frame!r}: {key!r} must be text, got {type(value).__name__}")
    return None


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
    for key in data:
        if key not in TOP_KEYS:
            problems.append(f"top level: {_unknown_key(key, TOP_KEYS)}")
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
                f"frame {fname!r}: a frame name must start with a letter and contain only "
                "letters, digits and underscores"
            )
            continue
        if spec is None:
            problems.append(f"frame {fname!r}: no definition ('patterns' is missing)")
            continue
        if not isinstance(spec, Mapping):
            problems.append(f"frame {fname!r}: must be a mapping with 'patterns', got {type(spec).__name__}")
            continue
        for key in spec:
            if key not in FRAME_KEYS:
                problems.append(f"frame {fname!r}: {_unknown_key(key, FRAME_KEYS)}")
        patterns = _check_patterns(fname, "patterns", spec.get("patterns"), problems, required=True)
        exclude = _check_patterns(fname, "exclude", spec.get("exclude"), problems, required=False)
        label = _text(spec.get("label"), fname, "label", problems, optional=True)
        definition = _text(spec.get("definition"), fname, "definition", problems, optional=False)
        reference = _text(spec.get("reference"), fname, "reference", problems, optional=True)
        group = _text(spec.get("group"), fname, "group", problems, optional=True)
        frames[fname] = Frame(
            name=fname,
            label=label or fname.replace("_", " ").capitalize(),
            definition=" ".join((definition or "").split()),
            reference=" ".join(reference.split()) if reference else None,
            group=group or None,
            patterns=patterns,
            exclude=exclude,
        )
    if problems:
        raise LexiconError(_format(source, problems))
    return Lexicon(
        name=str(name),
        description=" ".join(description.split()),
        version=version,
        frames=frames,
        path=Path(source) if isinstance(source, Path) else None,
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
