"""Framing dictionaries: the YAML format, the bundled lexicons and error messages."""

import textwrap

import pytest

from toolkit.lexicon import (
    Lexicon,
    LexiconError,
    available_lexicons,
    bundled_lexicon_dir,
    lexicon_from_dict,
    lexicon_table,
    load_lexicon,
)
from toolkit.patterns import parse_pattern


def write_lexicon(tmp_path, text, name="lex.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
name: tiny
description: A tiny lexicon.
version: 2
frames:
  setback:
    label: Setback
    definition: A loss of ground.
    reference: null
    group: wording
    patterns:
      - retreat*
      - goodwill gesture
      - rout
    exclude:
      - no retreat from
  talks:
    patterns:
      - talks
"""


# ------------------------------------------------------------------ loading


def test_load_from_path_and_fields(tmp_path):
    lex = load_lexicon(write_lexicon(tmp_path, GOOD))
    assert isinstance(lex, Lexicon)
    assert (lex.name, lex.description, lex.version) == ("tiny", "A tiny lexicon.", "2")
    assert lex.frame_names == ["setback", "talks"]
    f = lex["setback"]
    assert f.patterns == ("retreat*", "goodwill gesture", "rout")
    assert f.exclude == ("no retreat from",)
    assert (f.label, f.definition, f.reference, f.group) == ("Setback", "A loss of ground.", None, "wording")
    # defaults: label from the name, no group, no exclusions
    t = lex["talks"]
    assert (t.label, t.group, t.exclude, t.definition) == ("Talks", None, (), "")
    assert lex.groups == {"wording": ["setback"]}
    assert load_lexicon(lex) is lex


def test_lexicon_table_kinds(tmp_path):
    table = lexicon_table(write_lexicon(tmp_path, GOOD))
    assert table.columns.tolist() == ["frame", "label", "group", "pattern", "kind"]
    assert table["pattern"].tolist() == ["retreat*", "goodwill gesture", "rout", "no retreat from", "talks"]
    assert table["kind"].tolist() == ["wildcard", "phrase", "word", "exclude", "word"]
    assert table["frame"].tolist() == ["setback"] * 4 + ["talks"]


def test_mapping_and_select():
    lex = lexicon_from_dict(
        {"name": "m", "frames": {"a": {"patterns": ["x"], "group": "g"}, "b": {"patterns": ["y"], "group": "g"},
                                 "c": {"patterns": ["z"]}}}
    )
    assert lex.select("g").frame_names == ["a", "b"]
    assert lex.select(["c", "a"]).frame_names == ["c", "a"]
    assert load_lexicon({"name": "m", "frames": {"a": {"patterns": ["x"]}}}).frame_names == ["a"]
    with pytest.raises(KeyError, match="no frame 'nope'"):
        lex["nope"]


# -------------------------------------------------------------- bundled lexicons


def test_bundled_lexicons_found_through_data_dir():
    from toolkit.paths import data_dir

    assert bundled_lexicon_dir() == data_dir() / "lexicons"
    assert {"war_framing", "generic_frames"} <= set(available_lexicons())
    by_name = load_lexicon("war_framing")
    by_path = load_lexicon(bundled_lexicon_dir() / "war_framing.yml")
    assert by_name.frames == by_path.frames


def test_war_framing_content():
    lex = load_lexicon("war_framing")
    assert lex.groups["war_name"] == ["war", "invasion", "special_military_operation", "conflict", "crisis"]
    expected = {
        "explicit_defeat", "euphemised_setback", "advance", "negotiation", "negotiation_scepticism",
        "escalation", "annexation_legitimising", "annexation_contesting", "humanitarian_cost",
    }
    assert expected <= set(lex.frame_names)
    for frame in lex:
        assert frame.definition, frame.name
        assert frame.patterns, frame.name
        for p in (*frame.patterns, *frame.exclude):
            parse_pattern(p)  # every pattern is a valid pattern
    pats = set(lex["explicit_defeat"].patterns)
    assert {"defeat*", "retreat*", "rout", "setback*", "troops fled", "front collapsed"} <= pats
    assert {"regroup*", "redeploy*", "goodwill gesture*", "difficult decision"} <= set(
        lex["euphemised_setback"].patterns
    )
    assert {"posturing", "ploy*", "stalling"} <= set(lex["negotiation_scepticism"].patterns)
    assert {"accession", "reunification", "referendum*", "new regions"} <= set(
        lex["annexation_legitimising"].patterns
    )
    assert {"annex*", "illegal*", "sham"} <= set(lex["annexation_contesting"].patterns)
    assert "no retreat" in lex["explicit_defeat"].exclude
    assert "energy crisis" in lex["crisis"].exclude


def test_generic_frames_content():
    lex = load_lexicon("generic_frames")
    assert lex.frame_names == [
        "conflict", "human_interest", "economic_consequences", "morality", "responsibility",
    ]
    for frame in lex:
        assert "Semetko" in frame.reference and "2000" in frame.reference
    assert "question" in lex.description.lower()  # the caveat about the method


# ------------------------------------------------------------ malformed files


def test_missing_patterns_names_file_and_frame(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframes:\n  defeat:\n    label: Defeat\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "'defeat'" in msg and "'patterns' is missing" in msg


def test_empty_pattern(tmp_path):
    path = write_lexicon(tmp_path, 'name: x\nframes:\n  defeat:\n    patterns:\n      - rout\n      - ""\n')
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "'defeat'" in msg and "pattern 2" in msg and "empty" in msg


def test_empty_patterns_list(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframes:\n  defeat:\n    patterns: []\n")
    with pytest.raises(LexiconError, match=r"frame 'defeat': 'patterns' is empty"):
        load_lexicon(path)


def test_pattern_the_tokeniser_would_split(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframes:\n  alliance:\n    patterns:\n      - U.S.-led\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "'alliance'" in msg and "'U.S.-led'" in msg
    assert "not a single token" in msg


def test_bad_exclusion_is_named(tmp_path):
    path = write_lexicon(
        tmp_path, "name: x\nframes:\n  war:\n    patterns: [war]\n    exclude:\n      - world-war, two\n"
    )
    with pytest.raises(LexiconError, match=r"frame 'war', exclusion 'world-war, two'"):
        load_lexicon(path)


def test_unknown_key_suggests_the_right_one(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframes:\n  defeat:\n    pattern:\n      - rout\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "'defeat'" in msg and "unknown key 'pattern'" in msg
    assert "did you mean 'patterns'" in msg


def test_unknown_top_level_key(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframe:\n  a:\n    patterns: [b]\n")
    with pytest.raises(LexiconError, match="unknown key 'frame'"):
        load_lexicon(path)


def test_yaml_syntax_error_gives_line(tmp_path):
    text = "name: x\nframes:\n  defeat:\n    patterns:\n      - rout\n     - retreat\n"
    path = write_lexicon(tmp_path, text)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "YAML syntax error" in msg and "line 6" in msg


def test_unquoted_star_hint(tmp_path):
    path = write_lexicon(tmp_path, "name: x\nframes:\n  a:\n    patterns:\n      - *gate\n")
    with pytest.raises(LexiconError, match=r"line 5.*must be quoted"):
        load_lexicon(path)


def test_duplicate_frame_name(tmp_path):
    text = (
        "name: x\nframes:\n  defeat:\n    patterns: [rout]\n"
        "  talks:\n    patterns: [talks]\n  defeat:\n    patterns: [retreat]\n"
    )
    path = write_lexicon(tmp_path, text)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "frame 'defeat' is defined twice (lines 3 and 7)" in msg


def test_duplicate_pattern_and_yaml_boolean(tmp_path):
    text = "name: x\nframes:\n  a:\n    patterns:\n      - rout\n      - Rout\n      - no\n"
    with pytest.raises(LexiconError) as err:
        load_lexicon(write_lexicon(tmp_path, text))
    msg = str(err.value)
    assert "2 problems" in msg  # every problem is reported at once
    assert "pattern 'Rout': listed twice" in msg
    assert "pattern 3 (False): not text" in msg


def test_bad_frame_name_and_missing_name(tmp_path):
    with pytest.raises(LexiconError) as err:
        load_lexicon(write_lexicon(tmp_path, "frames:\n  2nd frame:\n    patterns: [a]\n"))
    msg = str(err.value)
    assert "'name' is missing" in msg and "frame '2nd frame'" in msg


def test_unknown_bundled_name_lists_available():
    with pytest.raises(LexiconError) as err:
        load_lexicon("war_frameing")
    msg = str(err.value)
    assert "war_framing" in msg and "Did you mean 'war_framing'" in msg


def test_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon(tmp_path / "nothing.yml")
