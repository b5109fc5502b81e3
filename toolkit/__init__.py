"""newsframes: study how news media describe events, in Jupyter, with pandas.

The toolkit follows one path (like quanteda and tidytext): a **corpus** DataFrame (one row
per article, see :mod:`toolkit.schema`) is tokenised once into a cached **token index**;
analysis functions take the corpus and return tidy DataFrames; plot functions
(:mod:`toolkit.plots`) take those tables and return matplotlib Axes.

Modules, named for what they do (one job each):

- loading and checking: :mod:`~toolkit.io` (``load_corpus``, ``save_corpus``),
  :mod:`~toolkit.readers` (the reader registry: one function per format),
  :mod:`~toolkit.dates` (``parse_dates``), :mod:`~toolkit.clean` (encodings, HTML),
  :mod:`~toolkit.demo` (``load_demo``, ``load_annotations``), :mod:`~toolkit.schema`,
  :mod:`~toolkit.duplicates` (``find_duplicates``, ``drop_duplicates``),
  :mod:`~toolkit.store` (a partitioned Parquet store; ``open_corpus``: a lazy corpus)
- scale-out: :mod:`~toolkit.scale` (the Dask paths: the same analyses on a lazy corpus,
  run per partition and merged on the client; ``docs/scaling.md``)
- text layer: :mod:`~toolkit.tokenize`, :mod:`~toolkit.sentences`, :mod:`~toolkit.index`
  (``index_tokens``: the token index, its character offsets and sentence view),
  :mod:`~toolkit.stopwords`, :mod:`~toolkit.patterns`, :mod:`~toolkit.safe_regex`,
  :mod:`~toolkit.variants` (house-style spellings merged in the index)
- importers and hygiene: :mod:`~toolkit.importers` (Nexis, Factiva, Guardian, NYT, GDELT,
  Media Cloud, RSS/Atom, saved HTML), :mod:`~toolkit.boilerplate` (page furniture),
  :mod:`~toolkit.outlets` (outlet label variants), :mod:`~toolkit.fairness` (article
  lengths), :mod:`~toolkit.paired` (same-event comparisons)
- shared rules: :mod:`~toolkit.periods` (binning dates), :mod:`~toolkit.rates` (per 10,000
  words), :mod:`~toolkit.counts` (groups, tokens per group), :mod:`~toolkit.tables`
  (checking result tables), :mod:`~toolkit.kwic` (one keyword-in-context builder)
- analysis: :mod:`~toolkit.frequency`, :mod:`~toolkit.keyness`, :mod:`~toolkit.concordance`,
  :mod:`~toolkit.collocations`, :mod:`~toolkit.lexicon`, :mod:`~toolkit.scoring` (weighted
  lexicon scorer), :mod:`~toolkit.matching` (where frames match), :mod:`~toolkit.frames`
  (frame scores and matches), :mod:`~toolkit.prevalence`, :mod:`~toolkit.intervals`,
  :mod:`~toolkit.competing` (competing frames), :mod:`~toolkit.validation`
- validating a measure: :mod:`~toolkit.sampling` (samples for coding, dev/test halves),
  :mod:`~toolkit.coding` (coding sheets in CSV/XLSX and reading them back),
  :mod:`~toolkit.audit` (what each lexicon pattern matches), :mod:`~toolkit.thresholds`
  (per-frame thresholds tuned by cross-validation)
- attribution (who is quoted): :mod:`~toolkit.quotemarks` (quotation spans),
  :mod:`~toolkit.speakers` (speaker phrases), :mod:`~toolkit.actors` (actor lists and
  groups), :mod:`~toolkit.reporting` (reporting verbs and their stance),
  :mod:`~toolkit.attribution` (``quotes``), :mod:`~toolkit.voice` (share of voice),
  :mod:`~toolkit.attribution_eval` (scores against hand-coded spans, baseline)
- actors (who does what to whom, in what tone): :mod:`~toolkit.mentions` (actor mentions),
  :mod:`~toolkit.agency` (roles, passives, nominalisations), :mod:`~toolkit.tone` (VADER
  sentence and target tone)

Parameter names mean the same thing everywhere: see ``docs/glossary.md``.
"""

from . import importers  # noqa: F401  (registers the importers: nexis, factiva, guardian, ...)
from .actors import classify_mention, load_actors
from .agency import agency, agency_profile
from .attribution import quoted_spans, quotes
from .attribution_eval import baseline_quotes, evaluate_attributions
from .audit import lexicon_audit, quote_shares
from .boilerplate import find_boilerplate, remove_boilerplate, restore_text
from .coding import read_codes, write_coding_sheet
from .collocations import collocates
from .competing import dominant_frame, frame_shares
from .concordance import concordance
from .dates import implausible_dates, parse_dates
from .demo import load_annotations, load_demo
from .duplicates import drop_duplicates, find_duplicates
from .explore import explore
from .fairness import LengthWarning, article_lengths, check_lengths, length_strata
from .frames import frame_matches, frame_scores, frame_table
from .frequency import dispersion, term_locations, term_trends, word_frequencies
from .index import TokenIndex, index_tokens, token_table
from .io import load_corpus, save_corpus
from .keyness import compare_all, keyness, keyness_measures, term_matrix
from .kwic import kwic_lines
from .language import article_languages, detect_language
from .lexicon import Lexicon, LexiconError, available_lexicons, lexicon_table, load_lexicon
from .mentions import actor_mentions
from .outlets import outlet_variants, unify_outlets
from .paired import event_differences, frame_differences, paired_test, term_differences
from .paths import data_dir
from .periods import period_start
from .prevalence import frame_prevalence
from .rates import RATE_BASE
from .readers import available_readers, register_reader
from .report import build_report
from .reporting import load_reporting_verbs, reporting_verbs, verb_table
from .sampling import sample_for_coding, split_halves
from .schema import CorpusError, validate_corpus
from .scoring import lexicon_scores
from .sentences import sentences
from .spellings import name_spellings
from .stopwords import get_stopwords
from .store import open_corpus, store_partitions, verify_store
from .thresholds import lexicon_yaml, tune_thresholds, with_thresholds
from .tokenize import tokenize
from .tone import actor_tone, load_role_cues, sentence_tone, target_tone, tone_profile
from .validation import agreement, coder_agreement, label_scores, validate_frames, validation_errors
from .variants import load_variants
from .voice import first_voices, share_of_voice

__version__ = "0.1.0"

__all__ = [
    "actor_tone",
    "agency",
    "agency_profile",
    "label_scores",
    "sentence_tone",
    "target_tone",
    "tone_profile",
    "actor_mentions",
    "baseline_quotes",
    "classify_mention",
    "evaluate_attributions",
    "first_voices",
    "load_actors",
    "load_reporting_verbs",
    "load_role_cues",
    "quoted_spans",
    "quotes",
    "reporting_verbs",
    "share_of_voice",
    "verb_table",
    "verify_store",
    "coder_agreement",
    "lexicon_audit",
    "lexicon_yaml",
    "quote_shares",
    "tune_thresholds",
    "with_thresholds",
    "read_codes",
    "sample_for_coding",
    "split_halves",
    "write_coding_sheet",
    "LengthWarning",
    "article_lengths",
    "check_lengths",
    "event_differences",
    "find_boilerplate",
    "frame_differences",
    "implausible_dates",
    "length_strata",
    "load_variants",
    "outlet_variants",
    "paired_test",
    "remove_boilerplate",
    "restore_text",
    "term_differences",
    "unify_outlets",
    "CorpusError",
    "RATE_BASE",
    "available_readers",
    "kwic_lines",
    "lexicon_scores",
    "parse_dates",
    "period_start",
    "register_reader",
    "Lexicon",
    "LexiconError",
    "TokenIndex",
    "agreement",
    "available_lexicons",
    "dominant_frame",
    "frame_matches",
    "frame_prevalence",
    "frame_scores",
    "frame_shares",
    "frame_table",
    "keyness_measures",
    "lexicon_table",
    "load_lexicon",
    "validate_corpus",
    "validate_frames",
    "validation_errors",
    "collocates",
    "compare_all",
    "concordance",
    "data_dir",
    "dispersion",
    "drop_duplicates",
    "find_duplicates",
    "get_stopwords",
    "index_tokens",
    "keyness",
    "load_annotations",
    "load_corpus",
    "load_demo",
    "build_report",
    "explore",
    "article_languages",
    "detect_language",
    "name_spellings",
    "open_corpus",
    "save_corpus",
    "sentences",
    "store_partitions",
    "term_locations",
    "term_matrix",
    "term_trends",
    "token_table",
    "tokenize",
    "word_frequencies",
]
