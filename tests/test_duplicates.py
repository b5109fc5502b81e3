"""find_duplicates / drop_duplicates on constructed articles about a fictional flood."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
import pytest

import toolkit.duplicates as dup
from toolkit.duplicates import drop_duplicates, find_duplicates
from toolkit.schema import CorpusError
from toolkit.tokenize import tokenize

WIRE = """LARSVIK, March 3 (Kestrel Wire) - Engineers in the harbour town of Larsvik opened the old tidal gates on Tuesday night after the river rose faster than forecasters had expected, flooding the lower market and forcing about 400 residents to spend the night in the town hall.

The regional water board said in a statement that the gates had been opened to protect the newer embankment further upstream, which it described as the weakest point of the defences. It gave no estimate of the damage.

Mayor Ingrid Solberg told Kestrel Wire that nobody had been hurt and that buses would take families back to their homes once the water had fallen below the quay wall. She said the decision had been taken by the engineers on duty, not by the town council.

Shopkeepers on Ferry Street said the water reached the tops of their counters within an hour. Several of them said they had received no warning before the market square flooded.

The board said it would publish its river readings on Thursday."""

# The same wire story, republished with the last paragraph cut.
TRIMMED = WIRE.rsplit("\n\n", 1)[0]

# Another outlet's own report on the same event: same facts and names, different words.
OWN_REPORT = """Larsvik woke up on Wednesday to mud in the lower market and a question many residents were asking out loud: why were the tidal gates opened at all?

Around 400 people spent the night on camp beds in the town hall after the river spilled over the quay. Ingrid Solberg, the mayor, said no one was injured and promised buses home as soon as the water dropped.

The water board defended the engineers, arguing that the upstream embankment was the weakest part of the defences and had to be spared. Traders on Ferry Street were not persuaded. "Nobody knocked on my door," said Rune Halvard, who sells fishing gear. "By the time I looked out, the counter was under water."

Council members said they would ask the board for its river readings."""

UNRELATED = """The Larsvik public library reopened on Saturday after a two-year renovation that added a reading room for children and a small cafe by the entrance. Librarians said more than 800 visitors came through the doors on the first day, many of them asking when the local history collection would return to the shelves."""


def corpus(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["doc_id", "source", "date", "title", "text"])
    return df.assign(date=pd.to_datetime(df["date"])).astype({c: "str" for c in ("doc_id", "source", "title", "text")})


@pytest.fixture
def flood() -> pd.DataFrame:
    return corpus([
        ("kw-1", "Kestrel Wire", "2022-03-03", "Larsvik opens tidal gates as river rises", WIRE),
        ("hg-1", "The Harbour Gazette", "2022-03-03", "Larsvik opens tidal gates as river rises", WIRE),
        ("vp-1", "Valley Post", "2022-03-04", "Night in the town hall for 400 flood evacuees", TRIMMED),
        ("cl-1", "Coastal Ledger", "2022-03-04", "Why were the gates opened?", OWN_REPORT),
        ("cl-2", "Coastal Ledger", "2022-03-05", "Library reopens", UNRELATED),
    ])


def test_copies_are_found_and_own_reporting_is_not(flood):
    clusters = find_duplicates(flood)
    assert list(clusters.columns) == ["cluster", "doc_id", "source", "date", "similarity", "representative"]
    assert sorted(clusters["doc_id"]) == ["hg-1", "kw-1", "vp-1"]  # not cl-1 (own report), not cl-2
    assert clusters["cluster"].tolist() == [0, 0, 0]
    by_id = clusters.set_index("doc_id")
    assert by_id.loc["kw-1", "similarity"] == 1.0  # identical text
    assert 0.8 <= by_id.loc["vp-1", "similarity"] < 1.0  # new headline, last paragraph cut


def test_representative_is_the_earliest_then_smallest_doc_id(flood):
    clusters = find_duplicates(flood)
    assert clusters.loc[clusters["representative"], "doc_id"].tolist() == ["hg-1"]
    # kw-1 and hg-1 share the earliest date and "hg-1" < "kw-1"; the representative comes first
    assert clusters["doc_id"].tolist() == ["hg-1", "kw-1", "vp-1"]


def test_keep_rules(flood):
    first = find_duplicates(flood, keep="first")
    assert first.loc[first["representative"], "doc_id"].tolist() == ["kw-1"]
    longest = drop_duplicates(flood.iloc[[2, 1]], keep="longest")
    assert longest["doc_id"].tolist() == ["hg-1"]


def test_dtypes_and_empty_result(flood):
    clusters = find_duplicates(flood)
    assert clusters["cluster"].dtype == "int64" and clusters["representative"].dtype == bool
    assert clusters["date"].dtype == flood["date"].dtype and clusters["doc_id"].dtype == flood["doc_id"].dtype
    none = find_duplicates(flood.iloc[[0, 3, 4]])
    assert none.empty and list(none.columns) == list(clusters.columns)
    assert none["date"].dtype == flood["date"].dtype


def test_drop_duplicates_keeps_one_and_records_the_rest(flood):
    before = flood.copy()
    out = drop_duplicates(flood)
    assert out["doc_id"].tolist() == ["hg-1", "cl-1", "cl-2"]
    assert out.index.tolist() == [1, 3, 4]
    assert out.attrs["dropped_duplicates"] == [
        {"doc_id": "kw-1", "source": "Kestrel Wire", "cluster": 0, "kept": "hg-1"},
        {"doc_id": "vp-1", "source": "Valley Post", "cluster": 0, "kept": "hg-1"},
    ]
    pd.testing.assert_frame_equal(flood, before)  # input untouched
    assert "dropped_duplicates" not in flood.attrs


def test_drop_duplicates_with_given_clusters(flood):
    clusters = find_duplicates(flood)
    subset = flood[flood["doc_id"] != "hg-1"]  # the old representative is gone
    out = drop_duplicates(subset, clusters)
    assert out["doc_id"].tolist() == ["kw-1", "cl-1", "cl-2"]
    again = drop_duplicates(out, clusters)  # nothing left to drop
    assert again.attrs["dropped_duplicates"] == out.attrs["dropped_duplicates"]
    with pytest.raises(CorpusError, match="more than one cluster"):
        drop_duplicates(flood, pd.concat([clusters, clusters.assign(cluster=1)]))


def test_clusters_are_transitive():
    words = [f"w{i}" for i in range(130)]
    rows = [(f"d{i}", "S", f"2022-01-0{i + 1}", "", " ".join(words[10 * i: 10 * i + 100])) for i in range(3)]
    clusters = find_duplicates(corpus(rows))
    assert clusters["doc_id"].tolist() == ["d0", "d1", "d2"]
    sims = clusters.set_index("doc_id")["similarity"]
    assert sims["d1"] >= 0.8 > sims["d2"]  # d2 is a copy of d1, not of d0


def test_deterministic_and_progress_bar(flood, monkeypatch):
    monkeypatch.setattr(dup, "PROGRESS_MIN_DOCS", 1)
    pd.testing.assert_frame_equal(find_duplicates(flood), find_duplicates(flood))


def test_bad_input(flood):
    with pytest.raises(CorpusError, match="'text'"):
        find_duplicates(flood.drop(columns="text"))
    with pytest.raises(CorpusError, match="not unique"):
        find_duplicates(pd.concat([flood, flood]))
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates(flood, threshold=0)
    with pytest.raises(ValueError, match="keep"):
        drop_duplicates(flood, keep="latest")


def test_empty_and_short_texts_are_never_duplicates():
    rows = [("a", "S", "2022-01-01", "", "..."), ("b", "S", "2022-01-02", "", "..."),
            ("c", "S", "2022-01-03", "", "Short text."), ("d", "S", "2022-01-04", "", "Short text.")]
    clusters = find_duplicates(corpus(rows))
    assert clusters["doc_id"].tolist() == ["c", "d"]


def test_wire_original_preferred_over_a_same_day_copy():
    base = (
        "The harbour authority said on Monday that the northern gate would stay shut for "
        "repairs until the spring, and that ferries would use the southern entrance instead. "
        "Fishermen said the longer route would cost them fuel and time every single day."
    )
    corpus = pd.DataFrame({
        "doc_id": ["aaa-1", "zzz-1"],
        "source": ["Copy Desk", "Wire"],
        "date": pd.to_datetime(["2022-05-02", "2022-05-02"]),
        "title": ["copy", "original"],
        "text": [base, base],
        "republished_from": ["zzz-1", None],
    })
    clusters = find_duplicates(corpus)
    rep = clusters.loc[clusters["representative"], "doc_id"].tolist()
    assert rep == ["zzz-1"]  # "aaa-1" sorts first but names zzz-1 as its original
    assert drop_duplicates(corpus)["doc_id"].tolist() == ["zzz-1"]


# ----------------------------------------------------------------- the vectorised method


def test_vectorised_jaccard_matches_hand_computed_sets():
    # sets (sorted within each set): A = {1, 2, 3, 4}, B = {3, 4, 5}, C = {}, D = {7}
    values = np.array([1, 2, 3, 4, 3, 4, 5, 7], dtype=np.uint32)
    offsets = np.array([0, 4, 7, 7, 8])
    a = np.array([0, 1, 0, 1, 2, 3])
    b = np.array([1, 0, 0, 3, 2, 3])
    # |A & B| = |{3, 4}| = 2, |A | B| = |{1, 2, 3, 4, 5}| = 5; disjoint: 0; empty with empty: 0
    expected = [2 / 5, 2 / 5, 1.0, 0.0, 0.0, 1.0]
    assert dup._jaccard_pairs(values, offsets, a, b).tolist() == pytest.approx(expected)


def test_jaccard_of_five_word_shingles_by_hand():
    # shingles {abcde, bcdef} and {abcde, bcdeg}: one shared of three, J = 1/3
    rows = [("x", "S", "2022-01-01", "", "a b c d e f"), ("y", "S", "2022-01-02", "", "A b, c d e g.")]
    found = find_duplicates(corpus(rows), threshold=0.3)
    assert found["doc_id"].tolist() == ["x", "y"]
    assert found["similarity"].tolist() == pytest.approx([1.0, 1 / 3])
    assert find_duplicates(corpus(rows), threshold=0.34).empty  # just above J: not reported


def test_exact_duplicates_are_one_cluster():
    text = "The northern gate stays shut for repairs until the spring, the harbour authority said."
    variants = [text, text.upper(), text.replace(",", " ;"), "  " + text + "\n", text]
    rows = [(f"d{i}", "S", f"2022-01-0{i + 1}", "", t) for i, t in enumerate(variants)]
    rows.append(("other", "S", "2022-01-09", "", UNRELATED))
    found = find_duplicates(corpus(rows))
    assert sorted(found["doc_id"]) == ["d0", "d1", "d2", "d3", "d4"]  # same normalised text
    assert found["cluster"].nunique() == 1 and (found["similarity"] == 1.0).all()
    assert found["representative"].tolist() == [True, False, False, False, False]


def test_near_duplicate_pair_found_with_its_exact_similarity():
    words = [f"w{i}" for i in range(100)]
    changed = [*words[:50], "other", *words[51:]]  # one word replaced: 5 shingles differ
    rows = [("a", "S", "2022-01-01", "", " ".join(words)), ("b", "S", "2022-01-02", "", " ".join(changed)),
            ("c", "S", "2022-01-03", "", UNRELATED)]
    found = find_duplicates(corpus(rows))
    assert found["doc_id"].tolist() == ["a", "b"]
    # 96 shingles each, 91 shared: J = 91 / (96 + 96 - 91) = 91 / 101
    assert found["similarity"].tolist() == pytest.approx([1.0, 91 / 101])


def test_pair_below_threshold_is_not_reported():
    words = [f"w{i}" for i in range(100)]
    changed = [("other" if i % 20 == 10 else w) for i, w in enumerate(words)]  # 5 words replaced
    rows = [("a", "S", "2022-01-01", "", " ".join(words)), ("b", "S", "2022-01-02", "", " ".join(changed))]
    j = _brute_jaccard(*(r[4] for r in rows))
    assert j == pytest.approx(71 / 121)  # 96 shingles each, 25 differ: 71 / (96 + 96 - 71)
    assert find_duplicates(corpus(rows)).empty
    assert find_duplicates(corpus(rows), threshold=0.58)["similarity"].tolist() == pytest.approx([1.0, j])


def test_bands_miss_a_pair_at_the_threshold_rarely():
    assert dup._bands(0.8, 128) == (32, 4)  # the default: b = 32 bands of r = 4 rows
    for t in (0.3, 0.5, 0.8, 0.9, 1.0):
        b, r = dup._bands(t, 128)
        assert b * r <= 128 and (1 - t**r) ** b <= dup.MISS_PROBABILITY
    need = dup._min_agreement(0.8, 128)
    assert need[0] == 0 and need[128] > 0 and (np.diff(need) >= 0).all()


def _brute_shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    tokens = tokenize(text)
    if 0 < len(tokens) < k:
        return {tuple(tokens)}
    return {tuple(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def _brute_jaccard(x: str, y: str) -> float:
    a, b = _brute_shingles(x), _brute_shingles(y)
    return len(a & b) / len(a | b) if a | b else 0.0


def _brute_clusters(df: pd.DataFrame, threshold: float) -> set[frozenset[str]]:
    """Clusters from every pair's exact Jaccard (no hashing, no sampling)."""
    ids = df["doc_id"].tolist()
    sets = [_brute_shingles(t) for t in df["text"]]
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(ids)), 2):
        union = sets[i] | sets[j]
        if union and len(sets[i] & sets[j]) / len(union) >= threshold:
            parent[root(i)] = root(j)
    groups: dict[int, set[str]] = {}
    for i, d in enumerate(ids):
        groups.setdefault(root(i), set()).add(d)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def _random_corpus(seed: int) -> pd.DataFrame:
    """Random texts (short and long), copies with a few words changed or a tail cut, copies
    of copies."""
    rng = random.Random(seed)
    vocab = [f"{a}{b}" for a in "bcdfgklmnprst" for b in "aeiou"]
    texts = [[rng.choice(vocab) for _ in range(rng.randint(20, 140))] for _ in range(30)]
    # long texts: at least 2 * num_perm shingles, the one-permutation signatures
    texts += [[rng.choice(vocab) for _ in range(rng.randint(250, 700))] for _ in range(10)]
    texts += [[rng.choice(vocab) for _ in range(rng.randint(1, 6))] for _ in range(6)]  # short
    for _ in range(50):
        copy = list(rng.choice(texts))
        for _ in range(rng.choice([0, 1, 1, 2, 3, 5, 8])):
            copy[rng.randrange(len(copy))] = rng.choice(vocab)
        if rng.random() < 0.3:
            copy = copy[: max(1, int(len(copy) * rng.uniform(0.7, 1.0)))]
        texts.append(copy)
    rng.shuffle(texts)
    rows = [(f"r{i:03d}", f"S{i % 3}", f"2022-02-{1 + i % 28:02d}", "", " ".join(t)) for i, t in enumerate(texts)]
    return corpus(rows)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.9])
def test_clusters_equal_brute_force_all_pairs(seed, threshold):
    df = _random_corpus(seed)
    found = find_duplicates(df, threshold=threshold)
    got = {frozenset(g["doc_id"]) for _, g in found.groupby("cluster")}
    assert got == _brute_clusters(df, threshold)
    text = df.set_index("doc_id")["text"]
    rep = found.groupby("cluster")["doc_id"].transform("first")
    brute = [_brute_jaccard(text[d], text[r]) for d, r in zip(found["doc_id"], rep, strict=True)]
    assert found["similarity"].tolist() == pytest.approx(brute)


def test_small_blocks_give_the_same_result(monkeypatch):
    df = _random_corpus(3)
    expected = find_duplicates(df, threshold=0.6)
    assert not expected.empty
    for name, value in [("BLOCK_TOKENS", 40), ("PAIR_BLOCK", 50), ("PAIR_CHUNK", 3), ("AGREE_BLOCK", 2)]:
        monkeypatch.setattr(dup, name, value)
    pd.testing.assert_frame_equal(find_duplicates(df, threshold=0.6), expected)


def test_other_seed_same_clusters():
    df = _random_corpus(4)
    a, b = find_duplicates(df), find_duplicates(df, seed=12345)
    pd.testing.assert_frame_equal(a, b)  # every reported link is decided on the exact Jaccard
