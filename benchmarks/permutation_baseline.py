"""Time the chapter 1 permutation baseline on the real data, against a pandas loop.

The baseline (claim C1.1) scores 10,000 random five-state groups on the 1992-2019 roll
calls. The vectorised route builds the indicator matrices once, gets every pair's score with
three matrix products (:func:`caorder.agreement.pairwise`) and reads each group's ten pairs
with fancy indexing (:func:`caorder.windows.random_baseline`, the book's one baseline). The
straightforward route merges, for each group and each pair, the two states' long vote rows
and takes the share of identical votes (:func:`loop_group_agreement`, the reference loop,
kept here and not in the package). The loop is timed on a subset of the same groups (drawn
as :func:`caorder.windows.random_baseline` draws them) and extrapolated per group; both
routes compute raw agreement, so they are checked to give the same numbers on that subset.

Writes ``benchmarks/results/permutation_baseline.txt`` and exits 1 if the 10,000-group
baseline takes more than 5 seconds. Run: ``python benchmarks/permutation_baseline.py``.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from caorder import agreement, cohesion, windows

N_GROUPS = 10_000
LOOP_GROUPS = 20
LIMIT_SECONDS = 5.0
RESULT = Path(__file__).resolve().parent / "results" / "permutation_baseline.txt"


def loop_group_agreement(votes: pd.DataFrame, members: list[str]) -> float:
    """Reference implementation: raw agreement of a group, pair by pair, with pandas merges.

    For each pair, the two states' cast votes are merged on roll call and the share of
    identical votes is taken; the group's value is the mean over pairs. Slow by design.
    """
    cast = votes[votes["vote"].astype(str) != "absent"][["rcid", "iso3", "vote"]]
    values = []
    for first, second in combinations(members, 2):
        left = cast[cast["iso3"] == first]
        right = cast[cast["iso3"] == second]
        both = left.merge(right, on="rcid", suffixes=("_a", "_b"))
        values.append((both["vote_a"].astype(str) == both["vote_b"].astype(str)).mean())
    return float(np.mean(values))


def draw_groups(n_pool: int, size: int, n_groups: int, seed: int) -> np.ndarray:
    """The positions :func:`caorder.windows.random_baseline` draws (same recipe and seed)."""
    rng = np.random.default_rng(seed)
    return rng.random((n_groups, n_pool)).argsort(axis=1)[:, :size]


def vectorised(votes, pool: list[str]) -> tuple[float, np.ndarray]:
    """Seconds for the full vectorised baseline (pairwise matrix + 10,000 groups), and values."""
    start = time.perf_counter()
    table = agreement.pairwise(agreement.vote_matrix(votes), "agreement")
    values = windows.random_baseline(table, pool, 5, N_GROUPS)
    return time.perf_counter() - start, values


def loop(votes, pool: list[str], groups: np.ndarray) -> tuple[float, list[float]]:
    """Seconds for the pandas merge loop on ``groups``, and its values."""
    start = time.perf_counter()
    values = [loop_group_agreement(votes, [pool[i] for i in row]) for row in groups]
    return time.perf_counter() - start, values


def main() -> int:
    votes = windows.window_votes(*cohesion.YEARS)  # read once; not part of either timing
    pool = [s for s in windows.pool(votes) if s in set(votes["iso3"])]
    fast_seconds, fast_values = vectorised(votes, pool)
    groups = draw_groups(len(pool), 5, N_GROUPS, windows.SEED)[:LOOP_GROUPS]
    slow_seconds, slow_values = loop(votes, pool, groups)
    same = bool(np.allclose(fast_values[:LOOP_GROUPS], slow_values))
    per_group_loop = slow_seconds / LOOP_GROUPS
    per_group_fast = fast_seconds / N_GROUPS
    extrapolated = per_group_loop * N_GROUPS
    passed = fast_seconds <= LIMIT_SECONDS
    lines = [
        "Permutation baseline, chapter 1 (claim C1.1): 10,000 random five-state groups",
        f"data: UNGA roll calls {cohesion.YEARS[0]}-{cohesion.YEARS[1]}, "
        f"{votes['rcid'].nunique()} roll calls, {votes['iso3'].nunique()} states, "
        f"pool of {len(pool)} participation-matched states",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        f"vectorised (pairwise matrix + {N_GROUPS} groups): {fast_seconds:.3f} s "
        f"({per_group_fast * 1e6:.1f} microseconds per group)",
        f"pandas merge loop ({LOOP_GROUPS} groups, 10 pairs each): {slow_seconds:.3f} s "
        f"({per_group_loop * 1e3:.1f} ms per group)",
        f"loop extrapolated to {N_GROUPS} groups: {extrapolated:.0f} s",
        f"speed-up per group, measured in this run: {per_group_loop / per_group_fast:,.0f}x",
        f"same values on the {LOOP_GROUPS} looped groups: {same}",
        f"limit {LIMIT_SECONDS:.0f} s for {N_GROUPS} groups: {'PASS' if passed else 'FAIL'}",
    ]
    report = "\n".join(lines) + "\n"
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(report, encoding="utf-8")
    print(report, end="")
    return 0 if passed and same else 1


if __name__ == "__main__":
    sys.exit(main())
