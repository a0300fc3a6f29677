"""Time the chapter 1 permutation baseline on the real data, against a pandas loop.

The baseline (claim C1.1) scores 10,000 random five-state groups on the 1992-2019 roll
calls. The vectorised route builds the indicator matrices once, gets every pair's score with
three matrix products (:func:`caorder.agreement.pairwise`) and reads each group's ten pairs
with fancy indexing (:func:`caorder.cohesion.random_baseline`). The straightforward route
merges, for each group and each pair, the two states' long vote rows and takes the share of
identical votes (:func:`caorder.cohesion.loop_group_agreement`). The loop is timed on a
subset of the same groups and extrapolated per group; both routes compute raw agreement, so
they are checked to give the same numbers on that subset.

Writes ``benchmarks/results/permutation_baseline.txt`` and exits 1 if the 10,000-group
baseline takes more than 5 seconds. Run: ``python benchmarks/permutation_baseline.py``.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

from caorder import agreement, cohesion

N_GROUPS = 10_000
LOOP_GROUPS = 20
LIMIT_SECONDS = 5.0
RESULT = Path(__file__).resolve().parent / "results" / "permutation_baseline.txt"


def vectorised(votes, pool: list[str]) -> tuple[float, np.ndarray]:
    """Seconds for the full vectorised baseline (pairwise matrix + 10,000 groups), and values."""
    start = time.perf_counter()
    table = agreement.pairwise(agreement.vote_matrix(votes), "agreement")
    values = cohesion.random_baseline(table, pool, 5, N_GROUPS)
    return time.perf_counter() - start, values


def loop(votes, pool: list[str], groups: np.ndarray) -> tuple[float, list[float]]:
    """Seconds for the pandas merge loop on ``groups``, and its values."""
    start = time.perf_counter()
    values = [cohesion.loop_group_agreement(votes, [pool[i] for i in row]) for row in groups]
    return time.perf_counter() - start, values


def main() -> int:
    votes = cohesion.window_votes()  # read once; not part of either timing
    pool = cohesion.matched_pool(votes)
    fast_seconds, fast_values = vectorised(votes, pool)
    groups = cohesion.draw_groups(len(pool), 5, N_GROUPS, cohesion.SEED)[:LOOP_GROUPS]
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
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
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
