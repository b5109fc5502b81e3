"""Hostile patterns, queries and lexicon files: no silent loss, no raw crash, no hang.

One test per case of the issue. Time bounds are generous (seconds) on inputs that took
more than a minute before the fix, so they cannot be flaky.
"""

import random
import time
import unicodedata

import pandas as pd
import pytest

import toolkit.safe_regex as safe_regex
from toolkit.concordance import concordance
from toolkit.frames import frame_scores
from toolkit.index import index_tokens
from toolkit.lexicon import LexiconError, load_lexicon
from toolkit.patterns import element_ids, match_positions, parse_pattern


def corpus_of(*texts):
    """A corpus with one article per text (NFC, as the loaders leave it)."""
    ids = [f"d{i}" for i in range(len(texts))]
    return pd.DataFrame(
        {
            "doc_id": ids,
            "source": ["S"] * len(texts),
            "text": [unicodedata.normalize("NFC", t) for t in texts],
        }
    )


def write(tmp_path, text, name="lex.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ case 7


def test_case07_patterns_are_normalised_and_case_folded_like_the_corpus():
    c = corpus_of(
        "La négociation reprend à İSTANBUL.",
        "Negotiations in Istanbul resumed; Kyiv’s envoys came.",
    )
    nfd = unicodedata.normalize("NFD", "négociation*")
    assert nfd != "négociation*"
    assert concordance(c, nfd)["match"].tolist() == ["négociation"]
    # the dotted capital lowercases to i + U+0307 in the index; a plain query finds it
    for query in ("istanbul", "Istanbul", "İstanbul", "ISTANBUL", "ist*", "?stanbul", "*tanbul"):
        assert concordance(c, query)["match"].tolist() == ["İSTANBUL", "Istanbul"], query
    # apostrophes as the tokeniser reads them (modifier letter apostrophe, curly one)
    for query in ("kyivʼs", "kyiv’s", "kyiv's", "kyiv?s"):
        assert concordance(c, query)["match"].tolist() == ["Kyiv’s"], query
    # lexicon patterns too, and an NFD duplicate of an NFC pattern is a duplicate
    lex = load_lexicon(
        {"name": "n", "frames": {"talks": {"patterns": [nfd, "i̇stanbul"]}}}
    )
    assert lex["talks"].patterns[0] == "négociation*"  # stored composed
    scores = frame_scores(c, lex)
    assert scores["count"].tolist() == [2, 1]
    with pytest.raises(LexiconError, match="listed twice"):
        load_lexicon({"name": "n", "frames": {"t": {"patterns": ["négociation*", nfd]}}})


# ----------------------------------------------------------------- case 10


def test_case10_python_tags_are_refused_with_a_lexicon_error(tmp_path):
    marker = tmp_path / "ran"
    path = write(
        tmp_path,
        "name: x\nframes:\n  a:\n    patterns:\n"
        f"      - !!python/object/apply:os.system ['touch {marker}']\n",
    )
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert str(path) in msg and "line 5" in msg
    assert "python tags are not allowed" in msg
    assert "<unicode string>" not in msg
    assert not marker.exists()
    # any other tag PyYAML's safe loader would refuse is a LexiconError too
    path = write(tmp_path, "name: x\nframes:\n  a:\n    patterns: !custom [a]\n", "tag.yml")
    with pytest.raises(LexiconError, match=r"tag\.yml.*line 4.*'!custom'"):
        load_lexicon(path)


# ----------------------------------------------------------------- case 14


def test_case14_alias_bomb_is_refused_quickly_with_a_short_message(tmp_path):
    lines = ["name: bomb", 'a0: &a0 ["lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("frames:\n  f:\n    patterns: *a9\n")
    path = write(tmp_path, "\n".join(lines))
    t0 = time.perf_counter()
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert time.perf_counter() - t0 < 5  # took 263 s and built a 3.5 GB message
    msg = str(err.value)
    assert str(path) in msg and "alias" in msg and len(msg) < 1000
    # a recursive alias is refused too (it crashed with RecursionError)
    with pytest.raises(LexiconError, match="alias"):
        load_lexicon(write(tmp_path, "name: x\nframes: &f\n  a:\n    patterns: [*f]\n", "rec.yml"))
    # a modest alias still works
    ok = "name: x\nframes:\n  a:\n    patterns: &p [rout, retreat]\n  b:\n    patterns: *p\n"
    assert load_lexicon(write(tmp_path, ok, "ok.yml"))["b"].patterns == ("rout", "retreat")
    # any error message is capped: at most 20 problems, each quoting a short excerpt
    frames = "".join(f"  f{i}:\n    patterns: ['{'x' * 5000}=']\n" for i in range(100))
    with pytest.raises(LexiconError) as err:
        load_lexicon(write(tmp_path, "name: x\nframes:\n" + frames, "many.yml"))
    msg = str(err.value)
    assert "100 problems" in msg and "80 more" in msg
    assert len(msg) < 20 * 600
    assert all(len(line) <= 600 for line in msg.splitlines())


def test_deeply_nested_lexicon_is_refused_quickly(tmp_path):
    """Deeply nested brackets or blocks crashed with a raw RecursionError."""
    path = write(tmp_path, "[" * 20000 + "]" * 20000)
    t0 = time.perf_counter()
    with pytest.raises(LexiconError, match="nested 20000 levels deep"):
        load_lexicon(path)
    assert time.perf_counter() - t0 < 5
    deep = "".join(" " * i + f"k{i}:\n" for i in range(1500)) + " " * 1500 + "v\n"
    with pytest.raises(LexiconError, match="nested too deeply"):
        load_lexicon(write(tmp_path, deep, "deep.yml"))


# ----------------------------------------------------------------- case 15


def test_case15_wildcards_run_in_linear_time_on_a_huge_token():
    huge = "b" * 20000 + "za"
    c = corpus_of(f"{huge} talks", "zebra talks")
    pats = ["*?" * 12 + "z", "*?" * 12 + "a", "*b*z*a", "b*b*b*b*b*b*b*b*c", "?" * 20000]
    lex = load_lexicon({"name": "w", "frames": {f"f{i}": {"patterns": [p]} for i, p in enumerate(pats[:4])}})
    t0 = time.perf_counter()
    scores = frame_scores(c, lex)
    assert time.perf_counter() - t0 < 5  # over 60 s before
    counts = scores.pivot(index="doc_id", columns="frame", values="count")
    assert counts.loc["d0"].tolist() == [0, 1, 1, 0]
    assert counts.loc["d1"].tolist() == [0, 0, 0, 0]
    with pytest.raises(ValueError, match="limit"):
        parse_pattern(pats[4])


def test_wildcards_agree_with_a_reference_matcher():
    """The linear-time wildcard matcher means what it meant: * any run, ? one character."""
    import re

    rng = random.Random(7)
    words = sorted({"".join(rng.choice("ab'-") for _ in range(rng.randint(1, 9))) for _ in range(4000)})
    words = [w for w in words if w[0] in "ab" and w[-1] in "ab" and "--" not in w and "''" not in w
             and "'-" not in w and "-'" not in w]
    c = corpus_of(" ".join(words))
    index = index_tokens(c)
    vocab = set(index.vocab.tolist())
    assert len(vocab) > 250
    for _ in range(500):
        el = "".join(rng.choice("ab*?") for _ in range(rng.randint(1, 8)))
        if el.strip("*?") == "" and "?" not in el:
            continue
        ref = re.compile("".join(".*" if ch == "*" else "." if ch == "?" else ch for ch in el), re.S)
        expected = sorted(w for w in vocab if ref.fullmatch(w))
        got = sorted(index.vocab[element_ids(index, el)].tolist())
        assert got == expected, el


# ----------------------------------------------------------------- case 16


def test_case16_huge_wildcard_query_is_refused_and_star_runs_collapse(small_corpus):
    t0 = time.perf_counter()
    with pytest.raises(ValueError) as err:
        concordance(small_corpus, "*" * 20000 + "a")
    assert time.perf_counter() - t0 < 5  # over 60 s before
    msg = str(err.value)
    assert "limit" in msg and "1000" in msg and len(msg) < 400
    too_many = " ".join(["a*b"] * 60)
    with pytest.raises(ValueError, match="wildcards"):
        parse_pattern(too_many)
    assert parse_pattern("regr***ing").elements == ("regr*ing",)
    assert concordance(small_corpus, "regr**ping")["match"].str.lower().tolist() == ["regrouping"] * 2
    index = index_tokens(small_corpus)
    assert match_positions(index, "*" * 500 + "s").tolist() == match_positions(index, "*s").tolist()


# ----------------------------------------------------------------- case 17


def test_case17_regex_timeout_covers_backtracking_the_engine_does_not_optimise(monkeypatch):
    monkeypatch.setattr(safe_regex, "REGEX_TIMEOUT", 0.2)
    c = corpus_of("a" * 40 + "!")
    t0 = time.perf_counter()
    with pytest.raises(ValueError) as err:
        concordance(c, r"(a|aa)+$", regex=True)
    assert time.perf_counter() - t0 < 4
    msg = str(err.value)
    assert "took more than 0.2 s" in msg and "'d0'" in msg
    doc = concordance.__doc__
    assert "REGEX_TIMEOUT" in doc and "(a|aa)+$" in doc
    # a normal regular expression is unaffected
    assert concordance(corpus_of("Troops pulled back."), r"pull(ed|ing) back", regex=True)[
        "match"
    ].tolist() == ["pulled back"]


def test_regex_compile_bombs_and_deep_nesting_are_refused():
    """Compiling some expressions takes minutes (the repeat counts are expanded)."""
    c = corpus_of("aaa")
    for rx in ("(?:a{10000}){10000}", "[a-z]{4294967294}", "((a{1000}){1000}){1000}"):
        t0 = time.perf_counter()
        with pytest.raises(ValueError, match="repeat"):
            concordance(c, rx, regex=True)
        assert time.perf_counter() - t0 < 5, rx  # over 30 s before
    with pytest.raises(ValueError, match="limit"):
        concordance(c, "(" * 5000 + "a" + ")" * 5000, regex=True)  # RecursionError before
    assert concordance(c, r"a{2}", regex=True)["match"].tolist() == ["aa"]


# ----------------------------------------------------------------- case 19


def test_case19_errors_quote_only_a_short_excerpt_of_the_offending_line(tmp_path):
    secret = (
        "name: x\nframes:\n  f:\n    patterns:\n      - |\n"
        "        db_password: hunter2-very-secret\n"
        "        api_key=sk_live_0123456789\n"
        "        token: ghp_abcdefghijklmnop\n"
    )
    with pytest.raises(LexiconError) as err:
        load_lexicon(write(tmp_path, secret))
    msg = str(err.value)
    assert "api_key=sk_live_0123456789" in msg  # the offending line
    assert "hunter2" not in msg and "ghp_" not in msg  # not the others
    long_line = "name: x\nframes:\n  f:\n    patterns:\n      - 'x=" + "y" * 300 + "SECRET'\n"
    with pytest.raises(LexiconError) as err:
        load_lexicon(write(tmp_path, long_line, "long.yml"))
    msg = str(err.value)
    assert "SECRET" not in msg and "y" * 121 not in msg
    # a system file read by mistake (shadow-like: every line is a YAML key): one line at most
    shadow = "".join(f"user{i}:$6$SecretHash{i}:19000:0:99999:7::\n" for i in range(50))
    with pytest.raises(LexiconError) as err:
        load_lexicon(write(tmp_path, shadow, "shadow"))
    msg = str(err.value)
    assert "not a lexicon" in msg and "50 other keys" in msg
    assert "SecretHash0" in msg and "SecretHash1" not in msg and len(msg) < 400
    keys = "".join(f"'{'k' * 200}{i}': 1\n" for i in range(30))
    with pytest.raises(LexiconError) as err:
        load_lexicon(write(tmp_path, "name: x\n" + keys, "keys.yml"))
    assert "k" * 121 not in str(err.value)
