"""Keyness: which words one outlet (or any set of articles) uses more, or less, than another.

:func:`keyness` compares a *target* (an outlet, several outlets, or any selection of
articles) with a *reference* (another selection, or by default the rest of the corpus)
and scores every word (or n-gram) with the measures used in corpus linguistics and
political science. :func:`compare_all` runs the comparison for every group against the
rest; :func:`term_matrix` tabulates chosen terms across groups.

The contingency table
---------------------
For a term ``w`` let

* ``a`` = occurrences of ``w`` in the target, ``b`` = occurrences in the reference;
* ``N1`` = words in the target, ``N2`` = words in the reference, ``N = N1 + N2``.

``N1`` and ``N2`` count *all* words, stop words included (as in
:func:`toolkit.word_frequencies`), whatever terms are shown. For n-grams the sizes are
still counted in words, so ``per_10k`` means the same thing as in
:func:`toolkit.word_frequencies` (a document of ``k`` words has ``k - n + 1`` n-grams, a
negligible difference for news articles).

The measures
------------
Relative frequency
    ``per_10k_target = a / N1 * 10,000`` and ``per_10k_reference = b / N2 * 10,000``.
Log-likelihood G2 (Dunning 1993), in the two-cell form of Rayson & Garside (2000)
    Expected counts ``E1 = N1 (a + b) / N`` and ``E2 = N2 (a + b) / N``;
    ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``. This is the formula of
    Paul Rayson's online log-likelihood calculator and of Wmatrix. It sums only the two
    cells of the term's own row; the full four-cell G-test of the 2x2 table (Dunning's
    original formulation) also counts the "other words" row and is never smaller, the difference being negligible when ``a + b`` is small next to
    ``N``. ``p_g2`` (also under its old name ``p_value``) is the upper tail of the
    chi-square distribution with 1 degree of freedom at ``G2``. ``direction`` is ``"over"`` when the target's relative frequency is
    higher (``a / N1 > b / N2``), ``"under"`` when lower and ``"equal"`` in the rare exact
    tie (then ``G2 = 0``).
Log ratio (Hardie 2014)
    ``log_ratio = log2((a / N1) / (b / N2))``: +1 means twice as frequent in the target,
    -1 half as frequent. A zero count is replaced by 0.5 (the adjustment Hardie
    describes for CQPweb), so a term absent from one side gets a finite value. Because
    the corrected value could then point the wrong way (a term absent from the target,
    seen once in a much larger reference), it is bounded at 0: a term absent from the
    target never gets a positive log ratio, one absent from the reference never a
    negative one.
%DIFF (Gabrielatos & Marchi 2012)
    ``pct_diff = 100 (NF1 - NF2) / NF2`` with ``NF1 = a / N1``, ``NF2 = b / N2``. A term
    absent from the target gets exactly -100. A zero reference count is replaced by 0.5
    as for the log ratio (Gabrielatos & Marchi suggest a tiny number such as 1e-18 there,
    which gives astronomically large values that cannot be ranked usefully).
Pearson chi-square
    Of the 2x2 table ``[[a, b], [N1 - a, N2 - b]]``, *without* Yates' continuity
    correction: ``chi2 = N (a (N2 - b) - b (N1 - a))^2 / ((a + b)(N - a - b) N1 N2)``
    (0 for the degenerate table where the term is every word of both sides);
    ``p_chi2`` is its upper tail on 1 degree of freedom.
Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
    With prior pseudo-counts ``alpha_w`` summing to ``alpha_0`` over the whole
    vocabulary::

        log_odds = ln((a + alpha_w) / (N1 + alpha_0 - a - alpha_w))
                 - ln((b + alpha_w) / (N2 + alpha_0 - b - alpha_w))
        var      = 1 / (a + alpha_w) + 1 / (N1 + alpha_0 - a - alpha_w)
                 + 1 / (b + alpha_w) + 1 / (N2 + alpha_0 - b - alpha_w)
        z        = log_odds / sqrt(var)
        p_z      = erfc(|z| / sqrt(2))      (two-sided, standard normal)

    By default (``prior="corpus"``) ``alpha_w = prior_scale * f_w / F``, where ``f_w`` is
    the count of ``w`` in the whole corpus (every document, not only target and
    reference) and ``F`` the count of all terms, so ``alpha_0 = prior_scale`` (default
    1,000 pseudo-words spread over the vocabulary in proportion to corpus use). The prior
    matters most for rare words; with large corpora its effect on frequent words is
    negligible. ``prior=<corpus DataFrame>`` takes the shares from a
    background corpus instead (zero background counts are replaced by 0.5 so every term
    gets a positive prior); ``prior=None`` is the flat ("uninformative") prior
    ``alpha_w = prior_scale / V``. The vocabulary of the prior is every type of the
    corpus, stop words included, whatever rows are shown.

    What the prior does: it adds pseudo-counts, so a word seen once or twice cannot get an
    extreme log-odds from chance alone, and its variance (hence ``z``) reflects how little
    evidence there is. With the corpus prior every word absent from one side gets a similar
    log-odds; the ranking by ``z`` is what separates frequent from rare words (a word seen
    only on one side, a handful of times, gets a modest z). A complement
    ``N1 + alpha_0 - a - alpha_w`` of zero (only possible when the whole vocabulary is one
    word) is replaced by 0.5.

Multiple comparisons and what ``significant`` means
---------------------------------------------------
Every term that passes the ``min_count`` and ``min_docs`` filters is a test; their number
``m`` is the Bonferroni family (``attrs["n_tests"]``). Stop words hidden with
``stopwords=`` are still tested and still counted in ``m`` (hiding a row from the table
does not change what was tested), so a term's ``significant`` is the same whether stop
words are shown or not. ``significant`` is ``p < alpha / m`` for **one named p-value**,
recorded in ``attrs["significance"]`` (a column name):

================  =========================  =============================================
``significance``  column                     test
================  =========================  =============================================
``"g2"``          ``p_g2`` (= ``p_value``)   G2 against chi-square, 1 df
``"chi2"``        ``p_chi2``                 Pearson chi-square against chi-square, 1 df
``"z"``           ``p_z``                    log-odds z, two-sided normal:
                                             ``p_z = erfc(|z| / sqrt 2)``
``"docs"``        ``p_docs``                 Welch t-test on article rates (below)
``"boot"``        ``p_boot``                 article bootstrap (below; needs ``n_boot``)
================  =========================  =============================================

By default (``significance=None``) it is the test of the statistic the table is ranked
by, so the ranking and the shading of the plots agree: ``sort="z"`` or ``"log_odds"`` ->
``p_z``; ``"g2"`` -> ``p_g2``; ``"chi2"`` -> ``p_chi2``; the effect sizes
``"log_ratio"`` and ``"pct_diff"``, which have no test of their own, -> ``p_g2`` (Hardie
2014 pairs the log ratio with a log-likelihood filter). Before this rule ``significant``
always used G2; pass ``significance="g2"`` for the old column. ``p_value`` is the old
name of ``p_g2`` and is kept. The threshold is in ``result.attrs["threshold"]`` (the
matching G2 and |z| values in ``attrs["g2_critical"]`` and ``attrs["z_critical"]``).
Bonferroni controls the chance of *any* false positive among the ``m`` terms; it is
conservative, so treat non-significant differences as "not shown", not "shown to be
equal".

The article as the sampling unit (Lijffijt et al. 2016)
-------------------------------------------------------
G2, chi-square and z treat every word as an independent draw. Words cluster in articles:
one long article repeating a word 40 times gives G2 a large value although only one
article, one author's choice, stands behind it. Lijffijt et al. (2016) compare tests on
corpora and recommend treating the *text* as the unit. Two such tests are reported next
to G2, for the same terms:

Welch t-test on article rates (``t_docs``, ``p_docs``)
    Each article ``d`` with ``L_d > 0`` words gets the rate ``r_dw = c_dw / L_d`` of the
    term (0 where absent; articles without words are left out). With ``n_T`` target and
    ``n_R`` reference articles, means ``mean_T``, ``mean_R`` and sample variances
    ``s_T^2``, ``s_R^2`` (``n - 1`` in the denominator)::

        t_docs = (mean_T - mean_R) / sqrt(s_T^2 / n_T + s_R^2 / n_R)
        df     = (s_T^2/n_T + s_R^2/n_R)^2
                 / ((s_T^2/n_T)^2 / (n_T - 1) + (s_R^2/n_R)^2 / (n_R - 1))
        p_docs = 2 * (upper tail of Student's t with df degrees of freedom at |t_docs|)

    (Welch 1947; the same as ``scipy.stats.ttest_ind(equal_var=False)``.) When both
    variances are 0, ``t_docs`` is 0 (``p_docs`` 1) for equal means and +-inf
    (``p_docs`` 0) otherwise. The means weight every article equally, whatever its
    length.

    **Both are NaN unless the term occurs in at least two articles of each side**
    (``MIN_ARTICLES_WELCH``). A side where the term never occurs has variance 0 by
    construction, and the test then only asks whether the other side's mean is above
    0: ``t`` is about the square root of the number of articles using the term, however
    small the side without it. In one simulated null corpus (8,000 articles of 100-800
    words from one Zipfian vocabulary, outlets assigned at random) half of such terms got
    ``p < 0.01``; with the term in at least two articles per side, 1.1 % did (and 1
    false positive in 17,936 at the Bonferroni threshold). The t-distribution still
    has too thin a tail for rare terms and very unequal sides (``p < 0.001`` about
    twice as often as it should), so for rare terms prefer ``p_boot`` (which has
    no such restriction and was conservative on the same corpus).
Article bootstrap (``p_boot``, only with ``n_boot > 0``)
    The test of Lijffijt et al. (2016), as in the authors' reference code: with
    ``n = min(n_T, n_R)``, each of ``N = n_boot`` replicates draws ``n`` target articles
    and then ``n`` reference articles with replacement (``numpy.random.default_rng(seed)``,
    ``integers``), and compares the mean article rates ``f_T`` and ``f_R`` of the draws.
    With ``S = sum over replicates of H(f_T - f_R)``, ``H`` = 1 above 0, 1/2 at 0 and 0
    below::

        p_boot = (1 + 2 min(S, N - S)) / (1 + N)

    so ``p_boot >= 1 / (1 + N)``: with Bonferroni over thousands of terms a bootstrap
    p-value can only be significant when ``n_boot`` is large (``N >= m / alpha``).
    Replicates are computed in blocks with sparse matrix products (rates times
    resampling weights); the cost grows with ``n_boot`` times the number of (article,
    term) entries, so the default is off.

The article counts ``docs_target`` and ``docs_reference`` show how many articles of each
side use the term, and ``flag_single_doc`` marks terms whose uses on the over-using side
all come from one article (a classic false finding).

A worked disagreement. Outlet "Herald" has four 400-word articles, one of which repeats
"referendum" 40 times and one uses it once; "Courier" has four 400-word articles that use
it twice each. Counted word by word, 41 against 8 in 1,600 words each is a clear
difference (G2 = 24.3, p_g2 < 1e-6; z = 3.6) and the term passes ``min_docs=2``. Counted
article by article, the rates (0.1, 0.0025, 0, 0) against (0.005, 0.005, 0.005, 0.005)
are no evidence that the Herald uses the word more: t_docs = 0.83, p_docs = 0.47. The
word is one article's obsession, not the outlet's vocabulary:

>>> import pandas as pd
>>> import toolkit
>>> def article(uses):
...     return " ".join(["referendum"] * uses + ["news"] * (400 - uses))
>>> corpus = pd.DataFrame({
...     "doc_id": [f"d{i}" for i in range(8)],
...     "source": ["Herald"] * 4 + ["Courier"] * 4,
...     "date": pd.Timestamp("2022-03-01"), "title": "",
...     "text": [article(k) for k in (40, 1, 0, 0, 2, 2, 2, 2)]})
>>> row = toolkit.keyness(corpus, "Herald").set_index("term").loc["referendum"]
>>> int(row["count_target"]), int(row["count_reference"]), int(row["docs_target"])
(41, 8, 2)
>>> round(float(row["g2"]), 1), float(row["p_g2"]) < 1e-5, bool(row["significant"])
(24.3, True, True)
>>> round(float(row["t_docs"]), 2), round(float(row["p_docs"]), 2)
(0.83, 0.47)

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61-74.
Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and practical issues.
CADS International Conference, Bologna.
Hardie, A. (2014). Log ratio: an informal introduction. ESRC Centre for Corpus Approaches
to Social Science (CASS), Lancaster University.
Lijffijt, J., Nevalainen, T., Säily, T., Papapetrou, P., Puolamäki, K. & Mannila, H.
(2016). Significance testing of word frequencies in corpora. *Digital Scholarship in the
Humanities* 31(2), 374-397.
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
selection and evaluation for identifying the content of political conflict. *Political
Analysis* 16(4), 372-403.
Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling. Workshop
on Comparing Corpora, ACL 2000, 1-6.
Welch, B. L. (1947). The generalization of "Student's" problem when several different
population variances are involved. *Biometrika* 34(1-2), 28-35.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import erfc, stdtr, xlogy

from ._compat import keyword_only, renamed
from .counts import alphabetical_rank, group_codes, stop_mask, tokens_per_group
from .index import TokenIndex, index_tokens
from .patterns import match_positions, parse_pattern
from .rates import RATE_BASE, per_10k
from .scale.engine import is_lazy
from .schema import CorpusError
from .stopwords import resolve_stopwords

PER = RATE_BASE
"""Relative frequencies are given per this many words (see :mod:`toolkit.rates`)."""

ZERO_CORRECTION = 0.5
"""Replaces a zero count in the log ratio and %DIFF (Hardie 2014)."""

DEFAULT_PRIOR_SCALE = 1_000.0
"""Default ``alpha_0``: total pseudo-count of the Dirichlet prior of the log-odds ratio."""

SORTS = ("z", "g2", "log_ratio", "log_odds", "pct_diff", "chi2")
"""Measures :func:`keyness` can sort by (signed, descending: over-use first)."""

COLUMNS = [
    "term",
    "count_target",
    "count_reference",
    "per_10k_target",
    "per_10k_reference",
    "docs_target",
    "docs_reference",
    "g2",
    "p_g2",
    "p_value",
    "direction",
    "log_ratio",
    "pct_diff",
    "chi2",
    "p_chi2",
    "log_odds",
    "z",
    "p_z",
    "t_docs",
    "p_docs",
    "significant",
    "flag_single_doc",
]
"""Columns of a :func:`keyness` result, in order (``p_boot`` follows ``p_docs`` when
``n_boot > 0``)."""

SIGNIFICANCE = {"g2": "p_g2", "chi2": "p_chi2", "z": "p_z", "docs": "p_docs", "boot": "p_boot"}
"""Tests ``significant`` can follow (``significance=``), and their p-value columns."""

TEST_NAMES = {
    "p_g2": "log-likelihood G2",
    "p_value": "log-likelihood G2",
    "p_chi2": "chi-square",
    "p_z": "log-odds z",
    "p_docs": "Welch t-test on article rates",
    "p_boot": "article bootstrap",
}
"""A readable name for each p-value column (used in plot legends)."""

RANKED_TEST = {
    "z": "z",
    "log_odds": "z",
    "g2": "g2",
    "chi2": "chi2",
    "log_ratio": "g2",
    "pct_diff": "g2",
}
"""The test that goes with each ranking measure (``significance=None``): the measure's own
test; G2 for the effect sizes log ratio and %DIFF, which have none."""

MIN_ARTICLES_WELCH = 2
"""``t_docs`` and ``p_docs`` need the term in at least this many articles of *each* side
(else NaN: a side without the term has variance 0 by construction; see the module
docstring)."""

BOOT_CELLS = 4_000_000
"""Bootstrap block size: at most this many (term x replicate) values in memory at once."""

PriorArg = Literal["corpus"] | pd.DataFrame | pd.Series | TokenIndex | None


# ---------------------------------------------------------------------------
# statistics (vectorised over the vocabulary)
# ---------------------------------------------------------------------------


def keyness_measures(
    a: np.ndarray,
    b: np.ndarray,
    n1: float,
    n2: float,
    alpha_w: np.ndarray | float = 0.0,
    alpha_0: float = 0.0,
) -> dict[str, np.ndarray]:
    """Every keyness measure for arrays of counts (the formulas of the module docstring).

    Parameters
    ----------
    a, b : numpy.ndarray
        Counts of each term in the target and in the reference.
    n1, n2 : float
        Words in the target and in the reference (both > 0).
    alpha_w : numpy.ndarray or float, default 0
        Dirichlet prior pseudo-count of each term (for ``log_odds`` and ``z``).
    alpha_0 : float, default 0
        Sum of the prior over the whole vocabulary. With no prior (both 0) a zero count
        gives an infinite log-odds; :func:`keyness` always uses a positive prior.

    Returns
    -------
    dict of str to numpy.ndarray
        ``g2``, ``p_g2`` (also as ``p_value``), ``sign`` (+1 over-use, -1 under-use, 0
        tie), ``log_ratio``, ``pct_diff``, ``chi2``, ``p_chi2``, ``log_odds``, ``z`` and
        ``p_z`` (two-sided normal p-value of ``z``).

    Examples
    --------
    >>> import numpy as np
    >>> import toolkit
    >>> m = toolkit.keyness_measures(np.array([20, 5]), np.array([10, 5]), 1000, 2000)
    >>> m["log_ratio"].tolist()
    [2.0, 1.0]
    >>> [round(float(g2), 3) for g2 in m["g2"]]
    [13.863, 1.178]
    """
    a_int = np.asarray(a, dtype=np.int64)
    b_int = np.asarray(b, dtype=np.int64)
    a = a_int.astype(np.float64)
    b = b_int.astype(np.float64)
    n1, n2 = float(n1), float(n2)
    n = n1 + n2
    # sign of a/N1 - b/N2 in exact integer arithmetic
    sign = np.sign(a_int * np.int64(round(n2)) - b_int * np.int64(round(n1)))

    # log-likelihood, two-cell form (Rayson & Garside 2000)
    row = a + b
    e1 = n1 * row / n
    e2 = n2 * row / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (xlogy(a, a / e1) + xlogy(b, b / e2))
    g2 = np.where(row > 0, np.maximum(g2, 0.0), 0.0)
    p_value = erfc(np.sqrt(g2 / 2.0))  # = chi2.sf(g2, df=1), several times faster

    # log ratio (Hardie 2014) and %DIFF (Gabrielatos & Marchi 2012)
    a_c = np.where(a == 0, ZERO_CORRECTION, a)
    b_c = np.where(b == 0, ZERO_CORRECTION, b)
    log_ratio = np.log2((a_c / n1) / (b_c / n2))
    # with the 0.5 correction, a term absent from one side could get a log ratio whose sign
    # contradicts the comparison (0.5 / N1 > b / N2 when N2 is much larger); bound it at 0
    log_ratio = np.where(a == 0, np.minimum(log_ratio, 0.0), log_ratio)
    log_ratio = np.where(b == 0, np.maximum(log_ratio, 0.0), log_ratio)
    pct_diff = 100.0 * (a / n1 - b_c / n2) / (b_c / n2)

    # Pearson chi-square, 2x2, no continuity correction
    cross = a * n2 - b * n1  # = a (N2 - b) - b (N1 - a)
    denom = row * (n - row) * n1 * n2
    chi2 = np.divide(n * cross**2, denom, out=np.zeros_like(a), where=denom > 0)

    # log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
    alpha_w = np.broadcast_to(np.asarray(alpha_w, dtype=np.float64), a.shape)
    ya = a + alpha_w
    yb = b + alpha_w
    rest_a = n1 + alpha_0 - ya
    rest_b = n2 + alpha_0 - yb
    rest_a = np.where(rest_a > 0, rest_a, ZERO_CORRECTION)
    rest_b = np.where(rest_b > 0, rest_b, ZERO_CORRECTION)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds = np.log(ya / rest_a) - np.log(yb / rest_b)
        var = 1.0 / ya + 1.0 / rest_a + 1.0 / yb + 1.0 / rest_b
        z = log_odds / np.sqrt(var)
    return {
        "g2": g2,
        "p_g2": p_value,
        "p_value": p_value,
        "sign": sign,
        "log_ratio": log_ratio,
        "pct_diff": pct_diff,
        "chi2": chi2,
        "p_chi2": erfc(np.sqrt(chi2 / 2.0)),
        "log_odds": log_odds,
        "z": z,
        "p_z": erfc(np.abs(z) / np.sqrt(2.0)),
    }


# ---------------------------------------------------------------------------
# article-level tests (Lijffijt et al. 2016)
# ---------------------------------------------------------------------------


def _article_rates(view: TokenIndex, lengths: np.ndarray) -> sparse.csr_matrix:
    """Rate of every type in every article, ``count / words of the article`` (CSR).

    Rows of articles without words are empty; leave those articles out of the tests.
    """
    lengths = np.asarray(lengths, dtype=np.float64)
    inv = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
    return sparse.csr_matrix(sparse.diags(inv) @ view.dtm, dtype=np.float64)


def _moments(rates: sparse.csr_matrix) -> tuple[int, np.ndarray, np.ndarray]:
    """Articles, mean rate and sum of squared deviations per column (two-pass, exact zeros).

    The absent entries are zeros: they add ``(n - nnz) * mean^2`` to the squares.
    """
    n, k = rates.shape
    cols, data = rates.indices, rates.data
    mean = np.bincount(cols, weights=data, minlength=k) / max(n, 1)
    dev = data - mean[cols]
    nnz = np.bincount(cols, minlength=k)
    ss = np.bincount(cols, weights=dev * dev, minlength=k) + (n - nnz) * mean**2
    # identical rates (e.g. every article the same length and count) leave rounding noise
    # of a few ulps of the mean in dev: call such a sum of squares 0
    noise = n * (8 * np.finfo(np.float64).eps * mean) ** 2
    return n, mean, np.where(ss <= noise, 0.0, ss)


def welch_test(
    mean_t: np.ndarray,
    ss_t: np.ndarray,
    n_t: int,
    mean_r: np.ndarray,
    ss_r: np.ndarray,
    n_r: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Welch's unequal-variance t-test for many variables at once (module docstring).

    Parameters
    ----------
    mean_t, mean_r : numpy.ndarray
        Means of each variable in the two samples.
    ss_t, ss_r : numpy.ndarray
        Sums of squared deviations from those means.
    n_t, n_r : int
        Sample sizes.

    Returns
    -------
    tuple of numpy.ndarray
        ``t`` and its two-sided p-value: NaN when a sample has fewer than two values;
        ``t = 0``, ``p = 1`` when both variances are 0 and the means equal; ``t = +-inf``,
        ``p = 0`` when both variances are 0 and the means differ.

    Examples
    --------
    >>> import numpy as np
    >>> from toolkit.keyness import welch_test
    >>> x, y = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 4.0, 6.0])
    >>> t, p = welch_test(np.array([x.mean()]), np.array([((x - x.mean()) ** 2).sum()]), 4,
    ...                   np.array([y.mean()]), np.array([((y - y.mean()) ** 2).sum()]), 3)
    >>> round(float(t[0]), 4), round(float(p[0]), 4)   # scipy.stats.ttest_ind(x, y, equal_var=False)
    (-1.1339, 0.3338)
    """
    mean_t, ss_t, mean_r, ss_r = (
        np.asarray(v, dtype=np.float64) for v in (mean_t, ss_t, mean_r, ss_r)
    )
    if n_t < 2 or n_r < 2:
        nan = np.full(mean_t.shape, np.nan)
        return nan, nan.copy()
    q_t = np.maximum(ss_t, 0.0) / (n_t - 1) / n_t  # s_T^2 / n_T
    q_r = np.maximum(ss_r, 0.0) / (n_r - 1) / n_r
    se2 = q_t + q_r
    diff = mean_t - mean_r
    with np.errstate(divide="ignore", invalid="ignore"):
        t = diff / np.sqrt(se2)
        df = se2**2 / (q_t**2 / (n_t - 1) + q_r**2 / (n_r - 1))
        p = np.minimum(2.0 * stdtr(df, -np.abs(t)), 1.0)
    flat = se2 == 0
    t = np.where(flat, np.where(diff == 0, 0.0, np.copysign(np.inf, diff)), t)
    p = np.where(flat, np.where(diff == 0, 1.0, 0.0), p)
    return t, p


def _resample_weights(idx: np.ndarray, size: int) -> np.ndarray:
    """How often each of ``size`` articles was drawn, one row per replicate."""
    b = idx.shape[0]
    flat = (idx + (np.arange(b, dtype=np.int64) * size)[:, None]).ravel()
    return np.bincount(flat, minlength=b * size).reshape(b, size).astype(np.float64)


def _bootstrap_p(
    rates_t: sparse.csr_matrix, rates_r: sparse.csr_matrix, n_boot: int, seed: int
) -> np.ndarray:
    """The article bootstrap test of Lijffijt et al. (2016) for every column (docstring)."""
    n_t, k = rates_t.shape
    n_r = rates_r.shape[0]
    n = min(n_t, n_r)
    rng = np.random.default_rng(seed)
    rt, rr = rates_t.T.tocsr(), rates_r.T.tocsr()  # terms x articles
    block = max(1, min(n_boot, BOOT_CELLS // max(k, n_t, n_r, 1)))
    wins = np.zeros(k)
    for start in range(0, n_boot, block):
        b = min(block, n_boot - start)
        idx_t = np.empty((b, n), dtype=np.int64)
        idx_r = np.empty((b, n), dtype=np.int64)
        for i in range(b):  # replicate by replicate: the draws do not depend on the block
            idx_t[i] = rng.integers(0, n_t, n)
            idx_r[i] = rng.integers(0, n_r, n)
        f_t = np.asarray(rt @ _resample_weights(idx_t, n_t).T) / n  # terms x replicates
        f_r = np.asarray(rr @ _resample_weights(idx_r, n_r).T) / n
        wins += (f_t > f_r).sum(axis=1) + 0.5 * (f_t == f_r).sum(axis=1)
    return (1.0 + 2.0 * np.minimum(wins, n_boot - wins)) / (1.0 + n_boot)


def _document_tests(
    rates: sparse.csr_matrix,
    t_rows: np.ndarray,
    r_rows: np.ndarray,
    ids: np.ndarray,
    n_boot: int,
    seed: int,
) -> dict[str, np.ndarray]:
    """``t_docs``, ``p_docs`` (and ``p_boot``) of the terms ``ids``."""
    rates_t = rates[t_rows][:, ids].tocsr()
    rates_r = rates[r_rows][:, ids].tocsr()
    n_t, mean_t, ss_t = _moments(rates_t)
    n_r, mean_r, ss_r = _moments(rates_r)
    t, p = welch_test(mean_t, ss_t, n_t, mean_r, ss_r, n_r)
    using = np.minimum(np.diff(rates_t.tocsc().indptr), np.diff(rates_r.tocsc().indptr))
    few = using < MIN_ARTICLES_WELCH
    out = {"t_docs": np.where(few, np.nan, t), "p_docs": np.where(few, np.nan, p)}
    if n_boot:
        out["p_boot"] = _bootstrap_p(rates_t, rates_r, n_boot, seed)
    return out


# ---------------------------------------------------------------------------
# selecting target and reference
# ---------------------------------------------------------------------------


def _is_collection(x: Any) -> bool:
    return isinstance(x, list | tuple | set | frozenset | np.ndarray | pd.Index | pd.Series)


def _available(meta: pd.DataFrame, by: str) -> list:
    values = pd.unique(meta[by].dropna())
    try:
        values = sorted(values)
    except TypeError:
        values = list(values)
    return list(values)


def _describe(values: list, limit: int = 30) -> str:
    shown = ", ".join(repr(v) for v in values[:limit])
    more = f", ... ({len(values)} in all)" if len(values) > limit else ""
    return f"[{shown}{more}]"


def _aligned_mask(spec: pd.Series, labels: pd.Index, role: str) -> np.ndarray:
    """A boolean Series mask, aligned on the corpus index by label (see :func:`_select`)."""
    if spec.isna().any():
        raise ValueError(
            f"the {role} mask has {int(spec.isna().sum())} missing value(s); "
            "fill them with True or False first (mask.fillna(False))"
        )
    if not spec.index.equals(labels):
        if spec.index.has_duplicates or labels.has_duplicates:
            raise ValueError(
                f"the {role} mask's index is not the corpus index and one of them has "
                "duplicate labels, so the mask cannot be aligned by label; build the mask "
                "from the corpus itself, or pass mask.to_numpy() to select by position"
            )
        missing = labels.difference(spec.index)
        extra = spec.index.difference(labels)
        if len(missing) or len(extra):
            parts = []
            if len(missing):
                first = missing[:1].tolist()[0]
                parts.append(f"{len(missing):,} corpus row(s) missing from it (e.g. {first!r})")
            if len(extra):
                first = extra[:1].tolist()[0]
                parts.append(f"{len(extra):,} label(s) not in the corpus (e.g. {first!r})")
            raise ValueError(
                f"the {role} mask is a Series whose index does not match the corpus index: "
                f"{' and '.join(parts)}; a boolean Series is aligned by index label, so build "
                "it from this corpus (e.g. corpus['source'] == 'X'), or pass "
                "mask.to_numpy() to select by position"
            )
        spec = spec.reindex(labels)
    return spec.to_numpy(dtype=bool)


def _select(
    meta: pd.DataFrame,
    spec: Any,
    by: str | None,
    role: str,
    labels: pd.Index | None = None,
) -> tuple[np.ndarray, str]:
    """A boolean mask over documents and a label for a target/reference argument.

    Parameters
    ----------
    meta : pandas.DataFrame
        The index's metadata (one row per document, in corpus order).
    spec : Any
        A value of ``by``, a list of values, or a boolean mask. A boolean
        :class:`pandas.Series` is aligned on the corpus by *index label* (as pandas
        aligns Series), so a mask built from a sorted or shuffled copy of the corpus
        selects the right articles; its labels must be exactly the corpus's (a
        ValueError names the labels missing or extra). A boolean numpy array, list or
        Index is positional: one value per corpus row, in corpus order.
    by : str or None
        The column the values refer to.
    role : str
        ``"target"`` or ``"reference"`` (for messages).
    labels : pandas.Index or None
        The corpus index (row labels); None: ``meta.index`` (an index was passed).

    Returns
    -------
    tuple of numpy.ndarray and str
        The mask (one bool per document, in corpus order) and a label for it.
    """
    n_docs = len(meta)
    labels = meta.index if labels is None else labels
    if isinstance(spec, pd.Series) and pd.api.types.is_bool_dtype(spec.dtype):
        arr = _aligned_mask(spec, labels, role)
        if not arr.any():
            raise ValueError(f"the {role} mask selects no documents")
        return arr, f"{int(arr.sum()):,} selected documents"
    if _is_collection(spec):
        arr = np.asarray(spec.to_numpy() if isinstance(spec, pd.Series | pd.Index) else spec)
        if arr.dtype == bool:
            if arr.ndim != 1 or len(arr) != n_docs:
                raise ValueError(
                    f"the {role} mask has {len(arr)} values but the corpus has {n_docs} rows"
                )
            if not arr.any():
                raise ValueError(f"the {role} mask selects no documents")
            return arr.copy(), f"{int(arr.sum()):,} selected documents"
        values = list(dict.fromkeys(spec.tolist() if hasattr(spec, "tolist") else spec))
    else:
        values = [spec]
    if not values:
        raise ValueError(f"the {role} is an empty list")
    if by is None or by not in meta.columns:
        cols = list(meta.columns)
        raise CorpusError(
            f"cannot select the {role} {values!r} by {by!r}: the corpus has no such column "
            f"(columns: {cols}); pass by=<column> or a boolean mask"
        )
    col = meta[by]
    present = set(pd.unique(col.dropna()))
    missing = [v for v in values if v not in present]
    if missing:
        names = repr(missing[0]) if len(missing) == 1 else _describe(missing)
        raise ValueError(
            f"the {role} names {by} {names}, which has no articles in this corpus "
            f"(misspelt, or filtered out?); values available: {_describe(_available(meta, by))}"
        )
    mask = col.isin(values).to_numpy(dtype=bool)
    label = str(values[0]) if len(values) == 1 else " + ".join(str(v) for v in values)
    return mask, label


def _group_sizes(index: TokenIndex, mask: np.ndarray, role: str, label: str) -> tuple[int, int]:
    n_docs = int(mask.sum())
    words = int(index.doc_lengths[mask].sum())
    if n_docs == 0:
        raise ValueError(f"the {role} ({label}) has no documents")
    if words == 0:
        raise ValueError(f"the {role} ({label}) has {n_docs} document(s) but no words")
    return n_docs, words


# ---------------------------------------------------------------------------
# priors
# ---------------------------------------------------------------------------


def _corpus_counts(view: TokenIndex) -> np.ndarray:
    return np.rint(view.dtm.T @ np.ones(view.n_docs))


def _prior(
    view: TokenIndex,
    prior: PriorArg,
    prior_scale: float,
    *,
    corpus_counts: np.ndarray | None,
    ngram: int,
    stem: bool,
    variants: Any = None,
    lemma: bool = False,
) -> tuple[np.ndarray, float, str]:
    """Prior pseudo-counts ``alpha_w`` over the view's vocabulary, ``alpha_0`` and a name."""
    if not prior_scale > 0:
        raise ValueError(f"prior_scale must be positive, got {prior_scale!r}")
    v = len(view.vocab)
    if v == 0:
        return np.zeros(0), float(prior_scale), "none"
    if prior is None:
        return np.full(v, prior_scale / v), float(prior_scale), "flat"
    if isinstance(prior, str):
        if prior != "corpus":
            raise ValueError(
                f"prior must be 'corpus', None, a background corpus DataFrame or a Series of "
                f"counts, got {prior!r}"
            )
        f = corpus_counts if corpus_counts is not None else _corpus_counts(view)
        f = np.where(f > 0, f, ZERO_CORRECTION)
        name = "corpus"
    elif isinstance(prior, pd.Series):
        keys = pd.Index(prior.index.astype(str))
        if view.lowercase:
            keys = keys.str.lower()
        bg = pd.Series(prior.to_numpy(dtype=np.float64), index=keys).groupby(level=0).sum()
        f = bg.reindex(view.vocab_index).fillna(0.0).to_numpy(dtype=np.float64)
        f = np.where(f > 0, f, ZERO_CORRECTION)
        name = "background"
    elif isinstance(prior, pd.DataFrame | TokenIndex):
        bg_view = _view(index_tokens(prior, lowercase=view.lowercase), ngram, stem, variants, lemma)
        bg_counts = np.bincount(bg_view.ids, minlength=len(bg_view.vocab))
        pos = bg_view.vocab_index.get_indexer(view.vocab)
        f = np.where(pos >= 0, bg_counts[np.maximum(pos, 0)] if len(bg_counts) else 0, 0)
        f = np.where(f > 0, f, ZERO_CORRECTION).astype(np.float64)
        name = "background"
    else:
        raise TypeError(
            f"prior must be 'corpus', None, a background corpus DataFrame or a Series of "
            f"counts, got {type(prior).__name__}"
        )
    total = f.sum()
    if total <= 0:
        return np.full(v, prior_scale / v), float(prior_scale), "flat"
    return prior_scale * f / total, float(prior_scale), name


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def _term_order(view: TokenIndex) -> np.ndarray:
    """Alphabetical rank of every type (tie-breaker when sorting)."""
    return alphabetical_rank(view.vocab)


def _tested(
    a: np.ndarray,
    b: np.ndarray,
    da: np.ndarray,
    db: np.ndarray,
    n1: int,
    n2: int,
    min_count: int,
    min_docs: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Which terms are tested (``min_count``, ``min_docs``) and the articles of the side
    that uses each term more (ties: the larger of the two); ``int64`` count arrays."""
    over = a * np.int64(n2) > b * np.int64(n1)
    under = a * np.int64(n2) < b * np.int64(n1)
    side_docs = np.where(over, da, np.where(under, db, np.maximum(da, db)))
    tested = (a + b >= max(int(min_count), 1)) & (side_docs >= min_docs)
    return tested, side_docs


def _table(
    a: np.ndarray,
    b: np.ndarray,
    da: np.ndarray,
    db: np.ndarray,
    n1: int,
    n2: int,
    alpha_w: np.ndarray,
    alpha_0: float,
    *,
    exclude: np.ndarray,
    term_rank: np.ndarray,
    min_count: int,
    min_docs: int,
    alpha: float,
    sort: str,
    significance: str,
    doc_tests: Any,
) -> tuple[dict[str, np.ndarray], dict]:
    """Filter the vocabulary, compute the measures, sort; columns as numpy arrays.

    ``significance`` is the p-value column ``significant`` follows; ``doc_tests(ids)``
    returns the article-level columns of the terms ``ids``.
    """
    a = np.asarray(a).astype(np.int64, copy=False)
    b = np.asarray(b).astype(np.int64, copy=False)
    da = np.asarray(da).astype(np.int64, copy=False)
    db = np.asarray(db).astype(np.int64, copy=False)
    tested, side_docs = _tested(a, b, da, db, n1, n2, min_count, min_docs)
    # the Bonferroni family: every term tested, stop words included (they are only hidden)
    n_tests = int(tested.sum())
    ids = np.flatnonzero(tested & ~exclude)
    a, b, da, db, side_docs = a[ids], b[ids], da[ids], db[ids], side_docs[ids]
    m = keyness_measures(a, b, n1, n2, alpha_w[ids] if len(alpha_w) else 0.0, alpha_0)
    threshold = alpha / n_tests if n_tests else alpha
    sign = m["sign"]
    cols = {
        "term_id": ids,
        "count_target": a,
        "count_reference": b,
        "per_10k_target": a / n1 * PER,
        "per_10k_reference": b / n2 * PER,
        "docs_target": da,
        "docs_reference": db,
        "sign": sign,
        "flag_single_doc": side_docs == 1,
    }
    for c in ("g2", "p_g2", "p_value", "log_ratio", "pct_diff", "chi2", "p_chi2", "log_odds",
              "z", "p_z"):
        cols[c] = m[c]
    cols.update(doc_tests(ids))
    p = cols[significance]
    cols["significant"] = np.where(np.isnan(p), False, p < threshold)
    key = cols[sort] * sign if sort in ("g2", "chi2") else cols[sort]
    order = np.lexsort((term_rank[ids], -key))
    cols = {k: v[order] for k, v in cols.items()}
    info = {
        "n_tests": n_tests,
        "threshold": threshold,
        "g2_critical": float(_chi2_isf(threshold)),
        "z_critical": float(_chi2_isf(threshold) ** 0.5),  # |z| with two-sided p = threshold
    }
    return cols, info


def _settings(p_column: str, n_boot: int, seed: int, prior_name: str, alpha_0: float, ngram: int,
              stem: bool, lemma: bool, variants: Any, sort: str) -> dict:
    """The options recorded in the ``attrs`` of :func:`keyness` and :func:`compare_all` tables."""
    return {
        "significance": p_column,
        "n_boot": n_boot,
        "seed": seed,
        "prior": prior_name,
        "prior_scale": alpha_0,
        "ngram": ngram,
        "stem": stem,
        "lemma": lemma,
        "variants": variants is not None and variants is not False,
        "sort": sort,
    }


def _attrs(t_label: str, r_label: str, by: Any, t_docs: int, r_docs: int, n1: int, n2: int,
           alpha: float, info: dict, p_column: str, n_boot: int, seed: int, prior_name: str,
           alpha_0: float, ngram: int, stem: bool, lemma: bool, variants: Any, sort: str) -> dict:
    """``attrs`` of a :func:`keyness` table (the in-memory and the lazy path share it)."""
    return {
        "target": t_label,
        "reference": r_label,
        "by": by,
        "target_docs": t_docs,
        "reference_docs": r_docs,
        "target_tokens": n1,
        "reference_tokens": n2,
        "alpha": alpha,
        **info,
        **_settings(p_column, n_boot, seed, prior_name, alpha_0, ngram, stem, lemma, variants, sort),
    }


def _compare_table(view: Any, parts: list[dict], targets: pd.Series, per_group: dict, by: str,
                   alpha: float, p_column: str, n_boot: int, seed: int, prior_name: str,
                   alpha_0: float, ngram: int, stem: bool, lemma: bool, variants: Any,
                   sort: str) -> pd.DataFrame:
    """The :func:`compare_all` table from each group's columns (``parts``, in group order,
    ``targets`` the group labels): rows stacked, a ``target`` column, its ``attrs`` (the
    in-memory and the lazy path share it)."""
    lengths = [len(p["term_id"]) for p in parts]
    out = _frame(view, {k: np.concatenate([p[k] for p in parts]) for k in parts[0]})
    group_of_row = np.repeat(np.arange(len(parts)), lengths)
    out.insert(0, "target", targets.take(group_of_row).reset_index(drop=True))
    out.attrs.update(
        {
            "by": by,
            "reference": "rest of the corpus",
            "alpha": alpha,
            **per_group,
            **_settings(p_column, n_boot, seed, prior_name, alpha_0, ngram, stem, lemma, variants,
                        sort),
        }
    )
    return out


def _frame(view: TokenIndex, cols: dict[str, np.ndarray]) -> pd.DataFrame:
    """The tidy table from the columns of :func:`_table` (possibly concatenated)."""
    sign = cols["sign"]
    direction = np.where(sign > 0, "over", np.where(sign < 0, "under", "equal"))
    data = {"term": pd.Series(view.vocab[cols["term_id"]], dtype="str")}
    for c in COLUMNS[1:]:
        if c == "direction":
            data[c] = pd.Series(direction, dtype="str")
        else:
            data[c] = cols[c]
        if c == "p_docs" and "p_boot" in cols:
            data["p_boot"] = cols["p_boot"]
    return pd.DataFrame(data)


def _check_options(
    min_count: int,
    min_docs: int,
    alpha: float,
    sort: str,
    significance: str | None = None,
    n_boot: int = 0,
) -> str:
    """Check the options; return the p-value column ``significant`` follows."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}, got {sort!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if min_count < 0 or min_docs < 0:
        raise ValueError("min_count and min_docs must be >= 0")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    test = RANKED_TEST[sort] if significance is None else significance
    if test not in SIGNIFICANCE:
        raise ValueError(
            f"significance must be None or one of {list(SIGNIFICANCE)}, got {significance!r}"
        )
    if test == "boot" and not n_boot:
        raise ValueError("significance='boot' needs the bootstrap: pass n_boot > 0 (e.g. 9999)")
    return SIGNIFICANCE[test]


def _view(index: TokenIndex, ngram: int, stem: bool, variants: Any, lemma: bool = False) -> TokenIndex:
    """``index.view(ngram=..., stem=..., variants=..., lemma=...)``; ``variants`` only when given."""
    if variants is None:
        return index.view(ngram=ngram, stem=stem, lemma=lemma)
    return index.view(ngram=ngram, stem=stem, variants=variants, lemma=lemma)


@keyword_only(3, ("by",))
def keyness(
    corpus: pd.DataFrame,
    target: Any,
    reference: Any = None,
    *,
    by: str | None = "source",
    ngram: int = 1,
    stem: bool = False,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 5,
    min_docs: int = 2,
    prior: PriorArg = "corpus",
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    alpha: float = 0.05,
    sort: str = "z",
    significance: str | None = None,
    n_boot: int = 0,
    seed: int = 0,
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """Keywords of a target (outlet, outlets or selected articles) against a reference.

    The measures, their formulas and the conventions for zero counts are described in
    the documentation of :mod:`toolkit.keyness`.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus (see :mod:`toolkit.schema`); tokenised once and cached. A lazy corpus
        (:func:`toolkit.open_corpus`) gives the same table, counted partition by
        partition (:mod:`toolkit.scale.keyness`); its target and reference are values
        of ``by``, not masks.
    target : value, list of values or boolean mask
        A value of ``by`` (``"Outlet A"``), a list of values (pooled together), or a
        boolean mask. A boolean Series is matched to the corpus **by index label**, as
        pandas aligns Series (a mask built from a sorted copy,
        ``corpus.sort_values("date")["source"] == "X"``, selects the same articles as
        ``corpus["source"] == "X"``); its labels must be exactly the corpus's, or a
        ValueError names the labels missing or extra. A boolean numpy array or list is
        positional: one value per corpus row, in corpus order.
    reference : value, list of values, boolean mask or None
        The same kinds of selection; None (default) compares with every document not in
        the target (including documents whose ``by`` value is missing). It must not
        share documents with the target.
    by : str or None, default "source"
        The column the values of ``target`` and ``reference`` refer to (unused for
        masks).
    ngram : int, default 1
        1 for words, 2 or 3 for phrases of that many words.
    stem : bool, default False
        Compare Snowball stems instead of word forms.
    lemma : bool, default False
        Compare lemmas of Russian and Ukrainian words (:mod:`toolkit.lemmas`); not
        together with ``stem``.
    stopwords : bool or iterable of str, default False
        Leave stop words out of the table (they still count in the sizes ``N1``, ``N2``,
        in the prior and in the Bonferroni family ``m``, so hiding them changes no other
        row): ``True`` for :func:`toolkit.get_stopwords`, or your own collection. An
        n-gram is left out when its first or last word is one.
    min_count : int, default 5
        Keep terms with at least this many occurrences in target and reference
        together.
    min_docs : int, default 2
        Keep terms found in at least this many documents *of the side that uses them
        more* (the target for over-used terms, the reference for under-used ones). The
        default 2 drops words whose apparent keyness comes from a single article; use
        1 to see them (they are then marked by ``flag_single_doc``). With a target of a
        single article, use 1.
    prior : "corpus", None, DataFrame or Series, default "corpus"
        Dirichlet prior of the log-odds ratio: ``"corpus"`` (shares of the whole
        corpus), a background corpus DataFrame (or a Series of term counts), or None
        for a flat prior.
    prior_scale : float, default 1,000
        ``alpha_0``, the total pseudo-count of the prior.
    alpha : float, default 0.05
        Family-wise significance level; ``significant`` is ``p < alpha / m`` for the
        p-value named by ``significance``, with ``m`` the number of terms tested: those
        passing ``min_count`` and ``min_docs``, hidden stop words included (Bonferroni).
    sort : {"z", "g2", "log_ratio", "log_odds", "pct_diff", "chi2"}, default "z"
        Sort by this measure, signed (G2 and chi-square get the sign of
        ``direction``), descending: the most over-used terms first, the most
        under-used last. The default, the log-odds z-score, weighs the size of the
        difference by the evidence for it and is not dominated by rare words.
    significance : {"g2", "chi2", "z", "docs", "boot"} or None, default None
        The test behind ``significant``: ``p_g2``, ``p_chi2``, ``p_z``, ``p_docs``
        (Welch t-test on article rates) or ``p_boot`` (article bootstrap). None: the
        test of the ``sort`` measure (``p_z`` for z and log-odds, ``p_g2`` for G2, log
        ratio and %DIFF, ``p_chi2`` for chi-square), so that the ranking and the
        significance agree. ``attrs["significance"]`` names the column used.
    n_boot : int, default 0
        Replicates of the article bootstrap test (``p_boot``); 0: no bootstrap. Its
        smallest p-value is ``1 / (n_boot + 1)``.
    seed : int, default 0
        Seed of the bootstrap resampling. Same seed, same result.
    variants : bool or DataFrame, optional
        House-style spellings merged before counting (see
        :func:`toolkit.variants.load_variants`); None: none.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term``, ``count_target``, ``count_reference``,
        ``per_10k_target``, ``per_10k_reference``, ``docs_target``, ``docs_reference``
        (articles of each side using the term), ``g2``, ``p_g2`` and ``p_value`` (the
        same p-value of G2; ``p_value`` is the old name), ``direction``
        (``"over"``/``"under"``/``"equal"``), ``log_ratio``, ``pct_diff``, ``chi2``,
        ``p_chi2``, ``log_odds``, ``z``, ``p_z``, ``t_docs`` and ``p_docs`` (Welch
        t-test on article rates), ``p_boot`` (only with ``n_boot``), ``significant``
        (Bonferroni, by the test ``attrs["significance"]`` names) and
        ``flag_single_doc`` (all occurrences on the over-using side are in one
        document). Every value is finite except ``t_docs``/``p_docs``: NaN unless the
        term is in at least two articles of each side (see the module docstring). ``.attrs`` holds
        ``target``, ``reference`` (labels), ``by``, ``target_docs``,
        ``reference_docs``, ``target_tokens``, ``reference_tokens`` (``N1``, ``N2``),
        ``alpha``, ``n_tests``, ``threshold``, ``g2_critical``, ``z_critical``,
        ``significance`` (the p-value column behind ``significant``), ``n_boot``,
        ``seed``, ``prior``, ``prior_scale``, ``ngram``, ``stem``, ``variants`` and
        ``sort``.

    Raises
    ------
    ValueError
        If a target or reference value is not in the corpus (the message lists the
        values available), a selection has no documents or no words, target and
        reference overlap, a boolean Series mask does not have the corpus's index
        labels (or has missing values), or ``significance="boot"`` without ``n_boot``.
    CorpusError
        If ``by`` is not a column, or a boolean mask selects the target or reference of
        a lazy corpus (it cannot be aligned with partitions: select by a column value).

    Warns
    -----
    UserWarning
        When the target (or reference) is a single article and ``min_docs > 1``, which
        would remove every term it over-uses (under-uses).

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> stop = toolkit.get_stopwords("bundled")   # the same list on every machine
    >>> kw = toolkit.keyness(corpus, "Borealis Agency", stopwords=stop)
    >>> kw.loc[kw["significant"], "term"].head(5).tolist()
    ['western', 'stressed', 'operation', 'noted', 'agency']
    >>> top = kw.iloc[0]
    >>> top["term"], int(top["count_target"]), round(float(top["z"]), 2)
    ('western', 35, 6.07)
    >>> pair = toolkit.keyness(corpus, ["Borealis Agency", "Eastern Concord Daily"],
    ...                        reference="The Dnipro Ledger", ngram=2, stopwords=stop)
    >>> pair.attrs["target"], pair.attrs["reference"]
    ('Borealis Agency + Eastern Concord Daily', 'The Dnipro Ledger')
    >>> pair["term"].head(2).tolist()
    ['military operation', 'special military']
    """
    if is_lazy(corpus):
        from .scale.keyness import lazy_keyness

        return lazy_keyness(
            corpus, target, reference, by=by, ngram=ngram, stem=stem, stopwords=stopwords,
            min_count=min_count, min_docs=min_docs, prior=prior, prior_scale=prior_scale,
            alpha=alpha, sort=sort, significance=significance, n_boot=n_boot, seed=seed,
            variants=variants, lemma=lemma,
        )
    p_column = _check_options(min_count, min_docs, alpha, sort, significance, n_boot)
    index = index_tokens(corpus)
    meta = index.meta
    labels = corpus.index if isinstance(corpus, pd.DataFrame) else None
    t_mask, t_label = _select(meta, target, by, "target", labels)
    if reference is None:
        r_mask, r_label = ~t_mask, "rest of the corpus"
    else:
        r_mask, r_label = _select(meta, reference, by, "reference", labels)
        shared = int((t_mask & r_mask).sum())
        if shared:
            raise ValueError(
                f"target ({t_label}) and reference ({r_label}) share {shared} document(s); "
                "a document can only be on one side"
            )
    t_docs, n1 = _group_sizes(index, t_mask, "target", t_label)
    r_docs, n2 = _group_sizes(index, r_mask, "reference", r_label)
    _check_languages(index, t_mask, r_mask, t_label, r_label)
    for role, label, n_docs, side in (
        ("target", t_label, t_docs, "over"),
        ("reference", r_label, r_docs, "under"),
    ):
        if n_docs == 1 and min_docs > 1:
            warnings.warn(
                f"the {role} ({label}) is a single article, so min_docs={min_docs} removes "
                f"every {side}-used term; pass min_docs=1 to see them",
                stacklevel=2,
            )
    view = _view(index, ngram, stem, variants, lemma)
    # one pass over the document-term matrix: target, reference and whole corpus
    w = np.column_stack([t_mask, r_mask, np.ones(len(t_mask), dtype=bool)]).astype(np.float64)
    counts = np.asarray(view.dtm.T @ w)
    docs = np.asarray(view.dtm_binary.T @ w[:, :2])
    alpha_w, alpha_0, prior_name = _prior(
        view, prior, prior_scale, corpus_counts=np.rint(counts[:, 2]), ngram=ngram, stem=stem,
        variants=variants, lemma=lemma,
    )
    exclude = stop_mask(view, resolve_stopwords(stopwords, view))
    rates = _article_rates(view, index.doc_lengths)
    has_words = index.doc_lengths > 0
    t_rows, r_rows = np.flatnonzero(t_mask & has_words), np.flatnonzero(r_mask & has_words)
    cols, info = _table(
        np.rint(counts[:, 0]),
        np.rint(counts[:, 1]),
        np.rint(docs[:, 0]),
        np.rint(docs[:, 1]),
        n1,
        n2,
        alpha_w,
        alpha_0,
        exclude=exclude,
        term_rank=_term_order(view),
        min_count=min_count,
        min_docs=min_docs,
        alpha=alpha,
        sort=sort,
        significance=p_column,
        doc_tests=lambda ids: _document_tests(rates, t_rows, r_rows, ids, n_boot, seed),
    )
    out = _frame(view, cols)
    out.attrs.update(_attrs(t_label, r_label, by, t_docs, r_docs, n1, n2, alpha, info, p_column,
                            n_boot, seed, prior_name, alpha_0, ngram, stem, lemma, variants, sort))
    return out


@keyword_only(1, ("by",))
def compare_all(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    ngram: int = 1,
    stem: bool = False,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 5,
    min_docs: int = 2,
    prior: PriorArg = "corpus",
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    alpha: float = 0.05,
    sort: str = "z",
    significance: str | None = None,
    n_boot: int = 0,
    seed: int = 0,
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """Keywords of every group against the rest of the corpus, in one table.

    For each value ``g`` of ``by`` the rows are those of ``keyness(corpus, g, by=by,
    ...)`` (same options, same values): the reference is every document outside ``g``.
    The Bonferroni threshold is set per comparison (``m`` = terms tested for that
    group, hidden stop words included), so each group's rows mean what they would in
    its own :func:`keyness` table; when you report all groups at once, a stricter
    reading divides ``alpha`` by the number of groups as well.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus, or a lazy corpus (the same table, counted partition by partition).
    by : str, default "source"
        The grouping column (needs at least two values).
    ngram, stem, lemma, stopwords, min_count, min_docs, prior, prior_scale, alpha, sort
        As in :func:`keyness`.
    significance, n_boot, seed
        As in :func:`keyness` (each group's bootstrap starts from ``seed``, so its
        ``p_boot`` equals that of its own :func:`keyness` table).
    variants : bool or DataFrame, optional
        House-style spellings merged before counting (see
        :func:`toolkit.variants.load_variants`); None: none.

    Returns
    -------
    pandas.DataFrame
        A ``target`` column (the group) followed by the columns of :func:`keyness`;
        groups in sorted order, each sorted by ``sort``. ``.attrs`` holds ``by``,
        ``alpha``, ``significance``, ``n_boot``, ``seed``, ``prior``, ``prior_scale``,
        ``ngram``, ``stem``, ``variants``, ``sort`` and, per group, ``n_tests``,
        ``threshold``, ``g2_critical``, ``z_critical``, ``target_docs`` and
        ``target_tokens`` (dicts keyed by group).

    Raises
    ------
    ValueError
        If ``by`` has fewer than two values, or a group has no words.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> table = toolkit.compare_all(corpus, stopwords=toolkit.get_stopwords("bundled"))
    >>> table["target"].nunique()
    7
    >>> table.groupby("target")["term"].first().head(3).to_dict()
    {'Borealis Agency': 'western', 'Eastern Concord Daily': 'china', 'Northgate Wire': 'northgate'}
    """
    if is_lazy(corpus):
        from .scale.keyness import lazy_compare_all

        return lazy_compare_all(
            corpus, by=by, ngram=ngram, stem=stem, stopwords=stopwords, min_count=min_count,
            min_docs=min_docs, prior=prior, prior_scale=prior_scale, alpha=alpha, sort=sort,
            significance=significance, n_boot=n_boot, seed=seed, variants=variants, lemma=lemma,
        )
    p_column = _check_options(min_count, min_docs, alpha, sort, significance, n_boot)
    index = index_tokens(corpus)
    if by not in index.meta.columns:
        raise CorpusError(
            f"cannot compare by {by!r}: the corpus has no such column "
            f"(columns: {list(index.meta.columns)})"
        )
    view = _view(index, ngram, stem, variants, lemma)
    codes, groups = group_codes(index.meta, by)
    labels = groups[by].tolist()
    if len(labels) < 2:
        raise ValueError(
            f"compare_all needs at least two values of {by!r}; found {_describe(labels)}"
        )
    # every group's counts with one sparse product (documents without a value: no group)
    in_group = np.flatnonzero(codes >= 0)
    indicator = sparse.csr_matrix(
        (np.ones(len(in_group)), (codes[in_group], in_group)), shape=(len(labels), index.n_docs)
    )
    counts = (indicator @ view.dtm).tocsr()
    docs = (indicator @ view.dtm_binary).tocsr()
    group_tokens = tokens_per_group(index, codes, len(labels))
    group_docs = np.bincount(codes[in_group], minlength=len(labels))
    total_counts = _corpus_counts(view)
    total_docs = np.asarray(view.dtm_binary.sum(axis=0)).ravel().astype(np.int64)
    total_words = int(index.n_tokens)
    total_n_docs = index.n_docs
    alpha_w, alpha_0, prior_name = _prior(
        view, prior, prior_scale, corpus_counts=total_counts, ngram=ngram, stem=stem, lemma=lemma,
        variants=variants,
    )
    exclude = stop_mask(view, resolve_stopwords(stopwords, view))
    rates = _article_rates(view, index.doc_lengths)
    has_words = index.doc_lengths > 0
    term_rank = _term_order(view)
    total_int = total_counts.astype(np.int64)
    parts: list[dict[str, np.ndarray]] = []
    per_group: dict[str, dict] = {
        k: {}
        for k in ("n_tests", "threshold", "g2_critical", "z_critical", "target_docs",
                  "target_tokens")
    }
    for g, label in enumerate(labels):
        n1 = int(group_tokens[g])
        n2 = total_words - n1
        if n1 == 0:
            raise ValueError(f"group {by} = {label!r} has {group_docs[g]} document(s) but no words")
        if total_n_docs - group_docs[g] == 0 or n2 == 0:
            raise ValueError(f"the documents outside {by} = {label!r} have no words")
        a = np.rint(counts[g].toarray().ravel()).astype(np.int64)
        da = np.rint(docs[g].toarray().ravel()).astype(np.int64)
        t_mask = codes == g
        t_rows = np.flatnonzero(t_mask & has_words)
        r_rows = np.flatnonzero(~t_mask & has_words)
        cols, info = _table(
            a,
            total_int - a,
            da,
            total_docs - da,
            n1,
            n2,
            alpha_w,
            alpha_0,
            exclude=exclude,
            term_rank=term_rank,
            min_count=min_count,
            min_docs=min_docs,
            alpha=alpha,
            sort=sort,
            significance=p_column,
            doc_tests=lambda ids, t=t_rows, r=r_rows: _document_tests(
                rates, t, r, ids, n_boot, seed
            ),
        )
        parts.append(cols)
        for k, v in info.items():
            per_group[k][label] = v
        per_group["target_docs"][label] = int(group_docs[g])
        per_group["target_tokens"][label] = n1
    return _compare_table(view, parts, groups[by], per_group, by, alpha, p_column, n_boot, seed,
                          prior_name, alpha_0, ngram, stem, lemma, variants, sort)


@renamed(terms="patterns")
@keyword_only(2, ("by",))
def term_matrix(
    corpus: pd.DataFrame,
    patterns: str | Iterable[str],
    *,
    by: str | Sequence[str] | None = "source",
    value: Literal["per_10k", "count"] = "per_10k",
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """Frequency of chosen terms in each group: a term-by-group matrix.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus, or a lazy corpus (the same matrix, counted partition by partition).
    patterns : str or iterable of str
        Words, phrases (``"goodwill gesture"``) or wildcards (``"negotiat*"``, all
        matches added together); see :mod:`toolkit.patterns`. Matching ignores case on
        a lowercased index.
    by : str, list of str or None, default "source"
        Grouping column(s) (several columns give tuple column labels); None gives one
        column, ``"all"``, for the whole corpus.
    value : {"per_10k", "count"}, default "per_10k"
        Occurrences per 10,000 words of the group, or raw counts.
    variants : bool or DataFrame, optional
        House-style spellings merged before counting (see
        :func:`toolkit.variants.load_variants`); None: none.
    lemma : bool, default False
        Match the patterns on lemmas of Russian and Ukrainian words (write them as
        lemmas: ``"операция"`` finds *операции, операцию*).

    Returns
    -------
    pandas.DataFrame
        Terms as rows (in the order given, index named ``term``), groups as columns
        (sorted); zeros where a group never uses a term. ``.attrs["tokens"]`` holds the
        words per group and ``.attrs["value"]`` the value shown.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> terms = ["regroup*", "retreat", "goodwill gesture"]
    >>> counts = toolkit.term_matrix(corpus, terms, value="count")
    >>> counts.shape
    (3, 7)
    >>> counts["Borealis Agency"].to_dict()
    {'regroup*': 2, 'retreat': 5, 'goodwill gesture': 1}
    """
    if value not in ("per_10k", "count"):
        raise ValueError(f"value must be 'per_10k' or 'count', got {value!r}")
    terms = [patterns] if isinstance(patterns, str) else list(dict.fromkeys(patterns))
    if not terms:
        raise ValueError("no patterns given")
    if is_lazy(corpus):
        from .scale.keyness import lazy_term_matrix

        return lazy_term_matrix(corpus, terms, by=by, value=value, variants=variants, lemma=lemma)
    index = index_tokens(corpus)
    codes, groups = group_codes(index.meta, by)
    g = len(groups)
    if g == 0:
        raise ValueError(f"the corpus has no values of {by!r}")
    tokens = tokens_per_group(index, codes, g)
    patterns = [parse_pattern(t) for t in terms]  # check every pattern before counting
    words = _view(index, 1, False, variants, lemma)
    rows = np.zeros((len(terms), g), dtype=np.int64)
    for i, p in enumerate(patterns):
        c = codes[words.doc_of(match_positions(words, p))]
        rows[i] = np.bincount(c[c >= 0], minlength=g)
    if groups.shape[1] == 0:
        columns = pd.Index(["all"])
    elif groups.shape[1] == 1:
        columns = pd.Index(groups.iloc[:, 0], name=groups.columns[0])
    else:
        columns = pd.MultiIndex.from_frame(groups)
    if value == "count":
        data = rows
    else:
        data = per_10k(rows, tokens[None, :])
    out = pd.DataFrame(data, index=pd.Index(terms, name="term"), columns=columns)
    out.attrs["tokens"] = dict(zip(columns.tolist(), tokens.astype(np.int64).tolist(), strict=True))
    out.attrs["value"] = value
    return out


def _chi2_isf(p: float) -> float:
    """The chi-square (1 df) value with upper-tail probability ``p`` (scipy.stats, lazily)."""
    from scipy.stats import chi2  # scipy.stats takes ~0.4 s to import: only when needed

    return float(chi2.isf(p, 1))


def _check_languages(index, t_mask: np.ndarray, r_mask: np.ndarray, t_label: str, r_label: str) -> None:
    """Keyness compares word use within one language: warn when target and reference mix
    languages (every Russian word is "key" against an English reference)."""
    langs = index.languages(cyrillic_only=True)
    if not any(langs):  # no Cyrillic articles: nothing to compare
        return
    lang = np.where(langs == "", "other", langs)
    _warn_languages(set(lang[t_mask]), set(lang[r_mask]), t_label, r_label, stacklevel=4)


def _warn_languages(t_set: set, r_set: set, t_label: str, r_label: str, *, stacklevel: int) -> None:
    """The warning of :func:`_check_languages`, from the languages of each side."""
    from .matching import LanguageMismatchWarning

    if len(t_set | r_set) > 1:
        warnings.warn(
            f"keyness across languages: the target ({t_label}) is in {sorted(t_set)}, the "
            f"reference ({r_label}) in {sorted(r_set)}; words of different languages are not "
            "comparable (every word of one language is 'key' against the other). Compare "
            "within one language: filter the corpus by its language column first",
            LanguageMismatchWarning, stacklevel=stacklevel)
