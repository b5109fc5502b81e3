"""The Dask paths of the analyses: the same results on a lazy (partitioned) corpus.

:mod:`toolkit.scale.engine` runs a function on every partition; the other modules hold
the per-partition and merge steps of one analysis family each. Public functions
(``word_frequencies``, ``keyness``...) call them when they are given a lazy corpus, so
users never import this package directly. See ``docs/scaling.md``.
"""
