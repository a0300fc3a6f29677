"""The vote windows and the one random baseline, on hand-made votes and small matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toyvotes import long_votes

from caorder import windows

# Participation: AAA, BBB, CCC vote on all four roll calls, DDD on one, EEE on three.
VOTES = long_votes(
    {
        "AAA": ["yes", "no", "yes", "yes"],
        "BBB": ["yes", "no", "abstain", "no"],
        "CCC": ["yes", "yes", "no", "no"],
        "DDD": ["yes", "absent", "absent", "absent"],
        "EEE": ["yes", "no", "yes", "absent"],
    }
)


def test_participation_is_the_share_of_roll_calls_with_a_cast_vote():
    rates = windows.participation(VOTES)
    assert rates.to_dict() == {"AAA": 1.0, "BBB": 1.0, "CCC": 1.0, "DDD": 0.25, "EEE": 0.75}


def test_the_three_pools():
    assert windows.pool(VOTES, "matched", reference=["AAA", "EEE"]) == ["AAA", "BBB", "CCC", "EEE"]
    assert windows.pool(VOTES, "all_members") == ["AAA", "BBB", "CCC", "DDD", "EEE"]
    assert windows.pool(VOTES, "participation80") == ["AAA", "BBB", "CCC"]
    with pytest.raises(ValueError, match="Unknown pool"):
        windows.pool(VOTES, "friends")


def test_an_unknown_rollcall_set_is_refused():
    with pytest.raises(ValueError, match="Unknown roll-call set"):
        windows.select_rollcalls(VOTES, "some")


def test_contested_keeps_roll_calls_with_enough_dissent():
    # Roll call 1 is unanimous; the others have at least one dissenting vote in five.
    kept = windows.select_rollcalls(VOTES, "contested")
    assert sorted(kept["rcid"].unique()) == [2, 3, 4]


def _matrix(n: int = 12, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.random((n, n))
    values = (values + values.T) / 2
    states = [f"S{i:02d}" for i in range(n)]
    return pd.DataFrame(values, index=states, columns=states)


def test_random_baseline_is_reproducible_and_within_the_pair_scores():
    table = _matrix()
    first = windows.random_baseline(table, table.index, size=5, n_groups=50, seed=7)
    again = windows.random_baseline(table, table.index, size=5, n_groups=50, seed=7)
    np.testing.assert_array_equal(first, again)
    off_diagonal = table.to_numpy()[~np.eye(12, dtype=bool)]
    assert off_diagonal.min() <= first.min() and first.max() <= off_diagonal.max()


def test_random_baseline_of_a_two_state_group_is_the_pair_score():
    table = _matrix(3)
    draws = windows.random_baseline(table, ["S00", "S01"], size=2, n_groups=5, seed=1)
    assert np.allclose(draws, table.at["S00", "S01"])


def test_random_baseline_needs_a_large_enough_pool():
    with pytest.raises(ValueError, match="needs more"):
        windows.random_baseline(_matrix(), ["S00", "S01"], size=3)


def test_percentile_counts_values_strictly_below():
    assert windows.percentile(0.5, np.array([0.1, 0.5, 0.9, np.nan])) == pytest.approx(100 / 3)
    assert windows.percentile(1.0, np.array([0.1, 0.2])) == 100.0
    assert np.isnan(windows.percentile(float("nan"), np.array([0.1])))


def test_yearly_cohesion_and_pair_agreement_by_hand():
    two_years = pd.concat(
        [
            long_votes({"AAA": ["yes"] * 10, "BBB": ["yes"] * 10}, 2000),
            long_votes({"AAA": ["yes"] * 10, "BBB": ["no"] * 10}, 2001).assign(
                rcid=lambda f: f.rcid + 10
            ),
        ]
    )
    cohesion = windows.cohesion_by_year(two_years, ["AAA", "BBB"], "agreement")
    assert cohesion.to_dict("list") == {
        "year": [2000, 2001],
        "cohesion": [1.0, 0.0],
        "n_rollcalls": [10, 10],
    }
    pairs = windows.pair_agreement_by_year(two_years, ["BBB", "AAA"], "agreement")
    assert pairs.to_dict("list") == {
        "a": ["AAA", "AAA"],
        "b": ["BBB", "BBB"],
        "year": [2000, 2001],
        "value": [1.0, 0.0],
    }
