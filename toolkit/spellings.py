"""How each outlet spells a name: *Kyiv* or *Kiev*, *Київ* or *Киев*, *Zelensky* or *Zelenskiy*.

The spelling of a name is itself a choice: *Kiev* (from Russian) against *Kyiv* (from
Ukrainian) was a framing signal long before 2022, and Russian-language outlets write
*Киев* where Ukrainian ones write *Київ*. The actor layer counts all of them as one actor
(:func:`toolkit.mentions.actor_mentions`); :func:`name_spellings` puts the spellings back
side by side, per outlet (or any grouping), so the choice is reported and never merged
silently. Inflected Russian and Ukrainian forms (*Киева, Києві*) are counted under the
alias they inflect (*Киев*, *Київ*), which the actor list writes in the nominative.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .actors import load_actors
from .counts import as_columns
from .schema import CorpusError

__all__ = ["name_spellings"]


def name_spellings(
    corpus: pd.DataFrame,
    *,
    actors: str = "war_actors",
    by: str | Sequence[str] | None = "source",
    actor_names: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Counts of each spelling of each actor's name, per group.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    actors : str, default "war_actors"
        The actor list (its aliases are the spellings).
    by : str or list of str, default "source"
        Grouping columns (e.g. ``["source", "language"]``); None: the whole corpus.
    actor_names : list of str, optional
        Actors to keep (their list names, e.g. ``["Ukraine", "Volodymyr Zelensky"]``);
        None: all.

    Returns
    -------
    pandas.DataFrame
        One row per group, actor and spelling: the ``by`` columns, ``actor``,
        ``spelling`` (the alias as the list writes it; inflected forms are counted under
        it), ``n`` (mentions), ``docs`` (articles), ``share`` (of the actor's mentions in
        the group), sorted by group, actor and descending ``n``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.spellings import name_spellings
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"], "text": [
    ...     "Talks in Kyiv.", "Troops near Kiev.", "Переговоры в Киеве, а потом в Киеве снова."]})
    >>> t = name_spellings(c, actor_names=["Ukraine"])
    >>> t[["source", "spelling", "n", "share"]].values.tolist()
    [['X', 'Kiev', 1, 0.5], ['X', 'Kyiv', 1, 0.5], ['Y', 'Киев', 2, 1.0]]
    """
    from .mentions import actor_mentions

    cols = as_columns(by)
    missing = [c for c in cols if c not in getattr(corpus, "columns", [])]
    if missing:
        raise CorpusError(f"name_spellings: the corpus has no column(s) {missing} to group by")
    spell = load_actors(actors).spellings
    m = actor_mentions(corpus, actors=actors, progress=False)
    m = m[m["kind"] == "name"]
    if actor_names is not None:
        m = m[m["actor"].isin(list(actor_names))]
    extra = [c for c in cols if c not in m.columns]
    if extra:
        m = m.merge(corpus[["doc_id", *extra]], on="doc_id", how="left")
    m = m.assign(spelling=[spell.get(x, spell.get(x.replace("’", "'"), x)) for x in m["mention"]])
    keys = [*cols, "actor", "spelling"]
    out = (m.groupby(keys, observed=True, dropna=False)
           .agg(n=("doc_id", "size"), docs=("doc_id", "nunique")).reset_index())
    out["share"] = out["n"] / out.groupby([*cols, "actor"], observed=True, dropna=False)["n"].transform("sum")
    out = out.sort_values([*cols, "actor", "n", "spelling"], ascending=[True] * (len(cols) + 1) + [False, True])
    return out.reset_index(drop=True)
