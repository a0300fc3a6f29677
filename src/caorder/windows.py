"""Vote windows: which roll calls a test reads, and the one random baseline of the book.

Every test of the book looks at the General Assembly through a *window*: a span of years, a
set of roll calls, a pairwise measure and, for baselines, a pool of states from which random
groups are drawn. The choices a referee may question are named here once, so that the
verdicts layer (:mod:`caorder.verdicts`) can vary them as *specifications*:

``rollcalls``
    ``"all"`` roll calls; ``"final_only"``, without separate votes on paragraphs and
    amendments (the source records those for some sessions only, see the data chapter);
    ``"contested"``, only roll calls on which at least :data:`CONTESTED_THRESHOLD` of the cast
    votes differ from the plurality (Voeten 2000).
``pool``
    ``"matched"`` (the default): states whose participation in the window lies within the
    range of the reference group's (the five were often absent, Turkmenistan most of all);
    ``"all_members"``: every state that cast a vote in the window;
    ``"participation80"``: states that cast a vote on at least 80 % of the window's roll calls.

:func:`random_baseline` is the single random-group baseline used by every chapter, the
teaching notebooks and the "another region" rerun; :func:`random_members` is its draw, also
used where a test reads one value per state instead of pairwise scores.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd

from caorder import agreement, tables
from caorder.countries import C5

RollcallSet = Literal["all", "final_only", "contested"]
ROLLCALL_SETS: tuple[RollcallSet, ...] = ("all", "final_only", "contested")
Pool = Literal["matched", "all_members", "participation80"]
POOLS: tuple[Pool, ...] = ("matched", "all_members", "participation80")
#: The pool every baseline uses unless a specification says otherwise.
DEFAULT_POOL: Pool = "matched"
#: Share of dissenting cast votes that makes a roll call "contested".
CONTESTED_THRESHOLD = 0.10
#: Random groups per baseline, and the seed that makes them reproducible.
N_GROUPS = 10_000
SEED = 20210301
#: The paper's period: the five joined the UN in March 1992; the canonical votes end in 2019.
YEARS = (1992, 2019)


@dataclass(frozen=True)
class Window:
    """One view of the Assembly: calendar years, pairwise measure and roll-call set.

    ``contested`` optionally keeps only roll calls on which at least that share of the cast
    votes differ from the plurality, for exercises that vary the threshold (the roll-call set
    ``"contested"`` uses the book's :data:`CONTESTED_THRESHOLD`).
    """

    years: tuple[int, int] = YEARS
    measure: agreement.Measure = "kappa"
    rollcalls: RollcallSet = "all"
    contested: float | None = None


def contested_only(votes: pd.DataFrame, threshold: float = CONTESTED_THRESHOLD) -> pd.DataFrame:
    """The votes on roll calls where at least ``threshold`` of cast votes leave the plurality."""
    return votes[votes["rcid"].isin(agreement.contested_rcids(votes, threshold))]


def select_window(votes: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The votes (with a ``year`` column) on roll calls inside ``window``."""
    first, last = window.years
    chosen = select_rollcalls(votes[votes["year"].between(first, last)], window.rollcalls)
    return chosen if window.contested is None else contested_only(chosen, window.contested)


def votes_in(window: Window = Window()) -> pd.DataFrame:
    """The canonical votes of ``window`` (:func:`window_votes`, then :func:`select_window`)."""
    return select_window(window_votes(*window.years), window)


def select_rollcalls(votes: pd.DataFrame, rollcalls: RollcallSet = "all") -> pd.DataFrame:
    """Keep the votes of one roll-call set (``votes`` needs rcid, vote; ``amend``/``para``
    are looked up in :func:`caorder.tables.rollcalls` for ``"final_only"``)."""
    if rollcalls == "all":
        return votes
    if rollcalls == "final_only":
        calls = tables.rollcalls()
        final = calls.loc[~(calls["amend"] | calls["para"]), "rcid"]
        return votes[votes["rcid"].isin(final)]
    if rollcalls == "contested":
        return contested_only(votes)
    raise ValueError(f"Unknown roll-call set {rollcalls!r}; choose one of {ROLLCALL_SETS}.")


@lru_cache(maxsize=32)
def window_votes(first: int, last: int, rollcalls: RollcallSet = "all") -> pd.DataFrame:
    """Long votes (rcid, iso3, vote, date, year, session) on roll calls of ``first``-``last``.

    Cached: several chapters and every specification of a claim read the same windows.
    """
    calls = tables.rollcalls()[["rcid", "date", "session"]]
    calls = calls[calls["date"].dt.year.between(first, last)]
    frame = tables.votes()[["rcid", "iso3", "vote"]].merge(calls, on="rcid")
    frame = frame.assign(year=frame["date"].dt.year)
    return select_rollcalls(frame, rollcalls).reset_index(drop=True)


@lru_cache(maxsize=128)
def scores(
    first: int, last: int, measure: agreement.Measure = "kappa", rollcalls: RollcallSet = "all"
) -> pd.DataFrame:
    """Pairwise ``measure`` of every state over a window (cached per window and measure)."""
    votes = window_votes(first, last, rollcalls)
    return agreement.pairwise(agreement.vote_matrix(votes), measure)


def participation(votes: pd.DataFrame) -> pd.Series:
    """Share of the window's roll calls on which each state cast a vote, sorted by state."""
    cast = votes[votes["vote"].astype(str) != "absent"]
    return (cast.groupby("iso3")["rcid"].nunique() / votes["rcid"].nunique()).sort_index()


def pool(
    votes: pd.DataFrame, kind: Pool = DEFAULT_POOL, reference: Iterable[str] = C5
) -> list[str]:
    """The states random groups are drawn from (see the module docstring for the kinds).

    The reference states themselves are always in the ``"matched"`` pool; they may fall out
    of ``"participation80"`` (Turkmenistan does).
    """
    rates = participation(votes)
    rates = rates[rates > 0]
    if kind == "matched":
        reference = [s for s in reference if s in rates.index]
        if not reference:
            raise ValueError("None of the reference states voted in this window.")
        low, high = rates.loc[reference].min(), rates.loc[reference].max()
        return sorted(rates.index[rates.between(low, high)])
    if kind == "all_members":
        return sorted(rates.index)
    if kind == "participation80":
        return sorted(rates.index[rates >= 0.80])
    raise ValueError(f"Unknown pool {kind!r}; choose one of {POOLS}.")


def random_members(
    n_states: int, size: int, n_groups: int = N_GROUPS, seed: int = SEED
) -> np.ndarray:
    """The book's random groups: ``n_groups`` rows of ``size`` distinct positions in a pool of
    ``n_states`` states (drawn all at once with the fixed ``seed``).

    Every random-group baseline draws through here, whether it reads a pairwise score table
    (:func:`random_baseline`) or a value per state (GDP per capita, regime scores, first
    pandemic measures), so the same seed gives the same groups of the same pool.
    """
    if n_states < size:
        raise ValueError(f"The pool has {n_states} states; a group of {size} needs more.")
    rng = np.random.default_rng(seed)
    return rng.random((n_groups, n_states)).argsort(axis=1)[:, :size]


def random_baseline(
    table: pd.DataFrame,
    pool_states: Iterable[str],
    size: int,
    n_groups: int = N_GROUPS,
    seed: int = SEED,
) -> np.ndarray:
    """Cohesion (mean pairwise score) of ``n_groups`` random groups of ``size`` states.

    Groups are drawn from ``pool_states`` without replacement within a group, all at once,
    and each group's mean is read from the score matrix with fancy indexing; a group with a
    missing pair averages over the pairs that exist. The fixed ``seed`` makes every baseline
    of the book reproducible.
    """
    states = [s for s in pool_states if s in table.index]
    if len(states) < size:
        raise ValueError(
            f"The pool has {len(states)} states; a group of {size} needs more. "
            "Widen the window or choose another pool."
        )
    values = table.loc[states, states].to_numpy()
    groups = random_members(len(states), size, n_groups, seed)
    first, second = np.triu_indices(size, k=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN group gives NaN
        return np.nanmean(values[groups[:, first], groups[:, second]], axis=1)


def percentile(observed: float, baseline: np.ndarray) -> float:
    """Share (in %) of the finite baseline values strictly below ``observed``."""
    baseline = baseline[np.isfinite(baseline)]
    if not np.isfinite(observed) or baseline.size == 0:
        return float("nan")
    return float(100.0 * np.mean(baseline < observed))


def yearly_scores(
    votes: pd.DataFrame,
    states: Iterable[str],
    measure: agreement.Measure = "kappa",
    min_common: int = 10,
) -> Iterator[tuple[int, pd.DataFrame, int]]:
    """Per calendar year: the year, the pairwise ``measure`` among ``states`` and the number
    of roll calls (``votes`` needs a ``year`` column)."""
    states = list(states)
    frame = votes[votes["iso3"].isin(states)]
    for year, chunk in frame.groupby("year", sort=True):
        table = agreement.pairwise(agreement.vote_matrix(chunk, states), measure, min_common)
        yield int(year), table, int(chunk["rcid"].nunique())


def cohesion_by_year(
    votes: pd.DataFrame,
    states: Iterable[str],
    measure: agreement.Measure = "kappa",
    min_common: int = 10,
) -> pd.DataFrame:
    """Mean pairwise ``measure`` among ``states`` per calendar year (``votes`` has ``year``)."""
    states = list(states)
    rows = [
        {"year": year, "cohesion": agreement.group_cohesion(table, states), "n_rollcalls": n}
        for year, table, n in yearly_scores(votes, states, measure, min_common)
    ]
    return pd.DataFrame(rows, columns=["year", "cohesion", "n_rollcalls"])


def pair_agreement_by_year(
    votes: pd.DataFrame,
    states: Iterable[str],
    measure: agreement.Measure = "kappa",
    min_common: int = 10,
) -> pd.DataFrame:
    """``measure`` for every pair of ``states`` per calendar year: columns a, b, year, value."""
    states = sorted(states)
    rows = [
        (a, b, year, float(table.at[a, b]))
        for year, table, _ in yearly_scores(votes, states, measure, min_common)
        for a, b in combinations(states, 2)
    ]
    return pd.DataFrame(rows, columns=["a", "b", "year", "value"])


def pair_measures(
    a: str,
    b: str,
    first: int,
    last: int,
    measures: Iterable[agreement.Measure] = agreement.MEASURES,
) -> dict[str, float]:
    """Every measure for one pair of states over one window (e.g. to show the kappa paradox)."""
    return {m: float(scores(first, last, m).at[a, b]) for m in measures}
