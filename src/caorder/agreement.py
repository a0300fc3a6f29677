"""Voting measures: pairwise agreement, Cohen's kappa, group cohesion and random baselines.

Everything is computed in matrix form. A set of roll calls becomes three 0/1 indicator
matrices ``Y``, ``N`` and ``A`` (roll calls x states) for yes, no and abstain; absent states
have zeros in all three. Products such as ``Y.T @ Y`` then count, for every pair of states at
once, the roll calls on which both voted yes. The measures, for a pair of states i and j over
the roll calls on which *both* cast a vote (absences are left out, since absence is
ambiguous):

``agreement``
    share of identical votes (yes-yes, no-no, abstain-abstain).
``lijphart``
    Lijphart's index: identical = 1, one abstains while the other votes yes or no = 0.5,
    opposite = 0 (Lijphart 1963).
``kappa``
    Cohen's kappa: ``(p_o - p_e) / (1 - p_e)`` where ``p_o`` is raw agreement and ``p_e`` the
    agreement expected if each state voted independently with its own yes/no/abstain rates on
    those roll calls (Cohen 1960). Near-unanimous votes raise ``p_o`` and ``p_e``
    alike, so kappa is not inflated by them. The price is the *kappa paradox*: when one
    state never varies its vote, ``p_e`` equals ``p_o`` and kappa is 0 however often the
    two agree (Feinstein and Cicchetti 1990).
``ac1``
    Gwet's AC1: like kappa, but chance agreement is ``sum_k pi_k (1 - pi_k) / (q - 1)`` with
    ``pi_k`` the pair's mean share of choice ``k`` and ``q = 3`` choices (Gwet 2008). It stays
    high when both states agree on a near-constant vote, so it does not suffer the paradox.
``pabak``
    Prevalence- and bias-adjusted kappa, ``(q p_o - 1) / (q - 1)`` (Byrt, Bishop and Carlin
    1993): a rescaling of raw agreement in which chance is a uniform 1/q.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd

Measure = Literal["agreement", "lijphart", "kappa", "ac1", "pabak"]
MEASURES: tuple[Measure, ...] = ("agreement", "lijphart", "kappa", "ac1", "pabak")
#: How the book names each measure in tables and figures.
MEASURE_LABELS = {
    "agreement": "identical votes",
    "lijphart": "Lijphart",
    "kappa": "kappa",
    "ac1": "Gwet's AC1",
    "pabak": "PABAK",
}
_CHOICES = ("yes", "no", "abstain")
#: How an absence counts in every pairwise measure: ``"excluded"`` (the book's choice: a pair
#: is scored on the roll calls where both cast a vote, since absence is ambiguous) or
#: ``"abstain"`` (an absence counts as an abstention). A shared setting: changing it is a
#: rule change of every claim it moves (CONTRIBUTING.md, "change a shared measure").
ABSENCE: Literal["excluded", "abstain"] = "excluded"


@dataclass(frozen=True)
class VoteMatrix:
    """Indicator matrices for a set of roll calls (rows) and states (columns)."""

    rcids: np.ndarray
    states: list[str]
    yes: np.ndarray
    no: np.ndarray
    abstain: np.ndarray

    @property
    def cast(self) -> np.ndarray:
        """1 where the state cast a vote (yes, no or abstain), 0 where absent or not a member."""
        return self.yes + self.no + self.abstain


def vote_matrix(votes: pd.DataFrame, states: Iterable[str] | None = None) -> VoteMatrix:
    """Build :class:`VoteMatrix` from long votes (columns rcid, iso3, vote).

    ``states`` restricts and orders the columns (default: every state present, sorted).
    """
    frame = votes[["rcid", "iso3", "vote"]]
    if states is None:
        states = sorted(frame["iso3"].unique())
    else:
        states = list(states)
        frame = frame[frame["iso3"].isin(states)]
    rcids, rows = np.unique(frame["rcid"].to_numpy(), return_inverse=True)
    cols = pd.Index(states).get_indexer(frame["iso3"])
    codes = frame["vote"].astype(str).map(_codes())
    values = np.full((len(rcids), len(states)), -1.0)
    values[rows, cols] = codes.fillna(-1).to_numpy(dtype=float)
    matrices = [(values == k).astype(np.float64) for k in range(len(_CHOICES))]
    return VoteMatrix(rcids, states, *matrices)


def _codes() -> dict[str, int]:
    """Vote -> column of the indicator matrices (:data:`ABSENCE` decides where absent goes)."""
    codes = {choice: k for k, choice in enumerate(_CHOICES)}
    if ABSENCE == "abstain":
        codes["absent"] = codes["abstain"]
    elif ABSENCE != "excluded":
        raise ValueError(f"agreement.ABSENCE is {ABSENCE!r}; use 'excluded' or 'abstain'.")
    return codes


def pairwise(matrix: VoteMatrix, measure: Measure = "agreement", min_common: int = 10):
    """Return a states x states DataFrame of the chosen measure for every pair.

    Pairs with fewer than ``min_common`` roll calls on which both voted are NaN, because a
    share over a handful of votes says little. The diagonal is left as computed (1 for
    agreement and lijphart; 1 for kappa unless a state always votes the same way).
    """
    if measure not in MEASURES:
        raise ValueError(f"Unknown measure {measure!r}; choose one of {MEASURES}.")
    y, n, a, cast = matrix.yes, matrix.no, matrix.abstain, matrix.cast
    both = cast.T @ cast
    same = y.T @ y + n.T @ n + a.T @ a
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = same / both
        if measure == "agreement":
            result = observed
        elif measure == "lijphart":
            half = y.T @ a + a.T @ y + n.T @ a + a.T @ n
            result = (same + 0.5 * half) / both
        elif measure == "pabak":
            q = len(_CHOICES)
            result = (q * observed - 1.0) / (q - 1.0)
        elif measure == "ac1":
            q = len(_CHOICES)
            shares = [((k.T @ cast) + (cast.T @ k)) / (2.0 * both) for k in (y, n, a)]
            expected = sum(pi * (1.0 - pi) for pi in shares) / (q - 1.0)
            result = (observed - expected) / (1.0 - expected)
        else:
            # p_e: sum over choices of (i's share of that choice) x (j's share), both counted
            # on the roll calls where the other state also voted.
            expected = sum((k.T @ cast) * (cast.T @ k) for k in (y, n, a)) / both**2
            result = (observed - expected) / (1.0 - expected)
    result = np.where(both >= min_common, result, np.nan)
    return pd.DataFrame(result, index=matrix.states, columns=matrix.states)


def common_votes(matrix: VoteMatrix) -> pd.DataFrame:
    """Number of roll calls on which both states of each pair cast a vote."""
    cast = matrix.cast
    return pd.DataFrame(cast.T @ cast, index=matrix.states, columns=matrix.states)


def contested_rcids(votes: pd.DataFrame, threshold: float = 0.10) -> np.ndarray:
    """Roll calls on which at least ``threshold`` of cast votes differ from the plurality.

    Restricting agreement to these "contested" votes is the usual guard against the
    inflation caused by near-unanimous resolutions (Voeten 2000).
    """
    cast = votes[votes["vote"].astype(str).isin(_CHOICES)]
    counts = pd.crosstab(cast["rcid"], cast["vote"].astype(str))
    dissent = 1.0 - counts.max(axis=1) / counts.sum(axis=1)
    return np.sort(dissent.index[dissent >= threshold].to_numpy())


def group_cohesion(scores: pd.DataFrame, members: Iterable[str]) -> float:
    """Mean of a pairwise measure over every pair of ``members`` (NaN pairs are skipped)."""
    members = [m for m in members if m in scores.index]
    values = [scores.at[i, j] for i, j in combinations(sorted(members), 2)]
    values = [v for v in values if pd.notna(v)]
    return float(np.mean(values)) if values else float("nan")


def agreement_index(votes: pd.DataFrame) -> pd.Series:
    """Hix-Noury-Roland agreement index of a group on each roll call (Hix, Noury and Roland 2005).

    ``AI = (max(Y, N, A) - (Y + N + A - max(Y, N, A)) / 2) / (Y + N + A)`` over the group's
    cast votes: 1 when all vote alike, 0 when split evenly three ways. Roll calls on which
    fewer than two members voted are dropped.
    """
    cast = votes[votes["vote"].astype(str).isin(_CHOICES)]
    counts = pd.crosstab(cast["rcid"], cast["vote"].astype(str)).reindex(
        columns=list(_CHOICES), fill_value=0
    )
    total = counts.sum(axis=1)
    top = counts.max(axis=1)
    index = (top - (total - top) / 2) / total
    return index[total >= 2].rename("agreement_index")
