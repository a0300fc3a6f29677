"""Interrupted time series and placebo breaks on synthetic series with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from caorder import timeseries


def synthetic(
    n: int = 30,
    break_at: int = 20,
    jump: float = 1.0,
    slope: float = 0.02,
    noise: float = 0.1,
    seed: int = 1,
    start: int = 47,
) -> pd.Series:
    """A trend plus a level jump at index label ``start + break_at``, with Gaussian noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 0.5 + slope * t + jump * (t >= break_at) + rng.normal(0, noise, n)
    return pd.Series(y, index=np.arange(start, start + n))


def test_newey_west_rule_of_thumb():
    assert timeseries.newey_west_lags(100) == 4
    assert timeseries.newey_west_lags(28) == 3
    assert timeseries.newey_west_lags(2) == 1


def test_design_columns_by_hand():
    index = pd.Index([1, 2, 3, 4])
    exog = timeseries.design(index, 3, trend=True, slope_change=True)
    assert exog["post"].tolist() == [0, 0, 1, 1]
    assert exog["trend"].tolist() == [0, 1, 2, 3]
    assert exog["post_trend"].tolist() == [0, 0, 0, 1]


def test_its_recovers_a_known_break():
    series = synthetic(jump=1.0)
    fit = timeseries.its_fit(series, 67, hac_lags=2)
    assert fit.level_change == pytest.approx(1.0, abs=0.15)
    assert fit.level_p < 0.001
    assert (fit.n_pre, fit.n_post, fit.hac_lags) == (20, 10, 2)
    assert fit.params.loc["trend", "coef"] == pytest.approx(0.02, abs=0.01)
    assert fit.level_ci[0] < 1.0 < fit.level_ci[1]
    assert tuple(fit.as_row()) == timeseries.ROW_COLUMNS


def test_its_finds_no_break_where_there_is_none():
    fit = timeseries.its_fit(synthetic(jump=0.0, seed=3), 67)
    assert abs(fit.level_change) < 0.2
    assert fit.level_p > 0.05


def test_level_only_model_is_a_difference_in_means():
    series = pd.Series([1.0, 2.0, 3.0, 7.0, 9.0], index=[1, 2, 3, 4, 5])
    fit = timeseries.its_fit(series, 4, hac_lags=1, trend=False)
    assert fit.level_change == pytest.approx(8.0 - 2.0)
    assert (fit.pre_mean, fit.post_mean) == (2.0, 8.0)


def test_slope_change_is_estimated_when_asked():
    t = np.arange(20)
    series = pd.Series(1.0 + 0.1 * t + 0.5 * np.clip(t - 10, 0, None), index=t)
    fit = timeseries.its_fit(series, 10, slope_change=True)
    assert fit.slope_change == pytest.approx(0.5)
    assert fit.level_change == pytest.approx(0.0, abs=1e-9)


def test_its_refuses_a_break_with_one_point_after_it():
    with pytest.raises(ValueError, match="need at least two"):
        timeseries.its_fit(synthetic(), 76)


def test_placebo_breaks_shape_and_windows():
    series = synthetic(n=28, break_at=25)  # labels 47..74, real break at 72: 3 points after
    placebos = timeseries.placebo_breaks(series, 72, min_pre=5)
    # Pre-break points: 47..71 (25). Placebo positions 5..22, each window ends 3 points later.
    assert len(placebos) == 25 - 3 - 5 + 1
    assert placebos["break_at"].tolist() == list(range(52, 70))
    assert (placebos["n_post"] == 3).all()
    assert placebos["n_pre"].tolist() == list(range(5, 23))
    assert list(placebos.columns) == list(timeseries.ROW_COLUMNS)


def test_real_break_outranks_placebos_on_synthetic_jump():
    series = synthetic(n=28, break_at=25, jump=1.0)
    real = timeseries.its_fit(series, 72)
    placebos = timeseries.placebo_breaks(series, 72)
    assert timeseries.placebo_rank(real.level_change, placebos["level_change"]) == 100.0


def test_placebo_rank_by_hand():
    assert timeseries.placebo_rank(0.5, np.array([0.1, -0.2, 0.6, -0.9])) == 50.0
    assert timeseries.placebo_rank(-0.5, [0.1, 0.2]) == 100.0
    assert np.isnan(timeseries.placebo_rank(0.5, []))
