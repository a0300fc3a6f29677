"""Break tests recover known breaks on synthetic series and agree with hand computations."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from caorder import periods


def series(values, first: int = 1992) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float), index=range(first, first + len(values)))


def step_series(breaks=(2005, 2017), levels=(0.0, 1.0, 2.0), noise=0.2, seed=1) -> pd.Series:
    years = np.arange(1992, 2024)
    level = np.select([years < breaks[0], years < breaks[1]], levels[:2], levels[2])
    rng = np.random.default_rng(seed)
    return pd.Series(level + noise * rng.standard_normal(len(years)), index=years)


def test_chow_f_matches_a_hand_computation():
    # y = 0,1,0,1 | 5,6 ; one break at the fifth year.
    y = series([0, 1, 0, 1, 5, 6])
    ssr0 = float(((y - y.mean()) ** 2).sum())
    ssr1 = 4 * 0.25 + 2 * 0.25
    expected = (ssr0 - ssr1) / (ssr1 / (6 - 2))
    result = periods.chow_test(y, (1996,))
    assert result.f_stat == pytest.approx(expected)
    assert result.df_num == 1 and result.df_denom == 4
    assert result.segment_means == pytest.approx((0.5, 5.5))


def test_chow_rejects_at_true_breaks_and_not_on_pure_noise():
    assert periods.chow_test(step_series(), (2005, 2017)).p_value < 0.001
    noise = step_series(levels=(0.0, 0.0, 0.0), noise=1.0, seed=3)
    assert periods.chow_test(noise, (2005, 2017)).p_value > 0.05


def test_common_trend_absorbs_a_steady_drift():
    drift = series(np.linspace(0, 3, 32) + 0.05 * np.random.default_rng(2).standard_normal(32))
    assert periods.chow_test(drift, (2005, 2017)).p_value < 0.001  # a drift looks like breaks
    assert periods.chow_test(drift, (2005, 2017), trend="common").p_value > 0.05


def test_best_breaks_recovers_known_breaks():
    best = periods.best_breaks(step_series(), 2).iloc[0]["breaks"]
    assert best == (2005, 2017)
    one = periods.best_breaks(step_series(breaks=(2010, 2030), levels=(0, 1, 1)), 1)
    assert one.iloc[0]["breaks"] == (2010,)


def test_best_breaks_respects_the_minimum_segment():
    table = periods.best_breaks(step_series(), 2, min_size=5)
    for breaks in table["breaks"]:
        edges = (1992, *breaks, 2024)
        assert min(b - a for a, b in pairwise(edges)) >= 5
    with pytest.raises(ValueError, match="cannot hold"):
        periods.best_breaks(series([1, 2, 3, 4, 5]), 2, min_size=3)


def test_sup_f_detects_a_break_and_not_noise():
    _, p_break = periods.sup_f(step_series(), 1, reps=500)
    _, p_noise = periods.sup_f(step_series(levels=(0, 0, 0), noise=1.0, seed=5), 1, reps=500)
    assert p_break < 0.01
    assert p_noise > 0.05


def test_power_grows_with_the_shift():
    small = periods.chow_power(32, 13, 0.25, reps=2000)
    large = periods.chow_power(32, 13, 1.5, reps=2000)
    assert small < 0.3
    assert large > 0.9
    assert periods.chow_power(32, 13, 0.0, reps=4000) == pytest.approx(0.05, abs=0.015)


def test_segment_summary_and_match_rule():
    table = periods.segment_summary(step_series())
    assert table["n"].tolist() == [13, 12, 7]
    assert table["mean"].round(0).tolist() == [0, 1, 2]
    assert periods.matches_proposed((2006, 2015)) and not periods.matches_proposed((1997, 2012))
    assert not periods.matches_proposed((2006, 2015), tolerance=1)


def test_break_evidence_finds_the_planted_breaks():
    evidence = periods.break_evidence(step_series(), reps=300)
    assert evidence["chow_p"] < 0.001 and evidence["chow_p_hac"] < 0.001
    assert (evidence["best_two_first"], evidence["best_two_second"]) == (2005, 2017)
    assert evidence["supf2_p"] < 0.01
    assert evidence["n_years"] == 32
    assert all(isinstance(value, float) for value in evidence.values())


def test_choices_that_do_not_apply_give_no_series():
    assert periods.annual_series(periods.IDEAL_POINT_SD, (1992, 2019), "final_only") is None
    assert periods.annual_series("kappa", (1992, 2023), "final_only") is None
    with pytest.raises(ValueError, match="Final-only roll calls are known to 2019"):
        periods.c5_cohesion_series((1992, 2023), "kappa", "final_only")


def test_dispersion_by_year():
    ideal = pd.DataFrame(
        {"iso3": ["AAA", "BBB", "AAA"], "year": [2000, 2000, 2001], "ideal_point": [0.0, 2.0, 1.0]}
    )
    table = periods.dispersion_by_year(ideal, ("AAA", "BBB"))
    assert table["dispersion"].iloc[0] == pytest.approx(np.sqrt(2))
    assert table["n_states"].tolist() == [2, 1]
