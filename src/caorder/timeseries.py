"""Interrupted time series (ITS) with Newey-West errors, and placebo breaks.

An interrupted time series asks whether a series shifts when something happens at a known
point (here: a General Assembly session). The segmented regression is

``y_t = b0 + b1 * t + b2 * post_t [+ b3 * (t - t_break) * post_t] + e_t``

where ``t`` is the position in the series, ``post_t`` is 1 from the break on, ``b2`` is the
change in level at the break and the optional ``b3`` the change in slope. Annual or
per-session voting series are autocorrelated, so the standard errors are Newey-West (HAC)
errors (Newey and West 1987) with t reference distributions, fitted with statsmodels OLS.

With few observations after the break, HAC p-values are fragile. :func:`placebo_breaks`
therefore refits the same model at other break points, each on a window that ends the same
number of observations after its placebo break as the real series ends after the real one,
and using only data from before the real break. :func:`placebo_rank` then says where the real
effect falls among the placebo effects: a permutation-style check that does not lean on
asymptotics.

The API takes any ``pd.Series`` indexed by an ordered integer (session, year); the break is
given as the index label of the first post-break observation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

#: Columns of :meth:`ITSResult.as_row` and of :func:`placebo_breaks`.
ROW_COLUMNS = (
    "break_at",
    "level_change",
    "level_se",
    "level_p",
    "ci_low",
    "ci_high",
    "slope_change",
    "pre_mean",
    "post_mean",
    "n_pre",
    "n_post",
    "hac_lags",
)


@dataclass(frozen=True)
class ITSResult:
    """The fitted interrupted time series: the effects that matter, and the full table."""

    break_at: int  #: index label of the first post-break observation
    level_change: float  #: b2, the jump at the break
    level_se: float  #: its HAC standard error
    level_p: float  #: its two-sided HAC p-value (t distribution)
    level_ci: tuple[float, float]  #: its 95% confidence interval (HAC, t distribution)
    slope_change: float | None  #: b3 when fitted, else None
    pre_mean: float  #: mean of the series before the break
    post_mean: float  #: mean from the break on
    n_pre: int
    n_post: int
    hac_lags: int
    params: pd.DataFrame  #: coef, se, p for every term

    def as_row(self) -> dict:
        """The scalar fields as a flat dictionary (for tables)."""
        return {
            "break_at": self.break_at,
            "level_change": self.level_change,
            "level_se": self.level_se,
            "level_p": self.level_p,
            "ci_low": self.level_ci[0],
            "ci_high": self.level_ci[1],
            "slope_change": self.slope_change,
            "pre_mean": self.pre_mean,
            "post_mean": self.post_mean,
            "n_pre": self.n_pre,
            "n_post": self.n_post,
            "hac_lags": self.hac_lags,
        }


def newey_west_lags(n: int) -> int:
    """Newey-West rule-of-thumb lag length ``floor(4 (n / 100) ** (2/9))``, at least 1."""
    return max(1, int(np.floor(4 * (n / 100) ** (2 / 9))))


def design(
    index: pd.Index, break_at: int, trend: bool = True, slope_change: bool = False
) -> pd.DataFrame:
    """Regressors of the segmented regression for an ordered index and a break label."""
    position = np.arange(len(index), dtype=float)
    post = (np.asarray(index) >= break_at).astype(float)
    columns = {"const": np.ones(len(index)), "post": post}
    if trend:
        columns["trend"] = position
    if slope_change:
        first_post = position[post.astype(bool)][0] if post.any() else 0.0
        columns["post_trend"] = (position - first_post) * post
    return pd.DataFrame(columns, index=index)


def its_fit(
    series: pd.Series,
    break_at: int,
    hac_lags: int | None = None,
    trend: bool = True,
    slope_change: bool = False,
) -> ITSResult:
    """Fit the interrupted time series of ``series`` with a break at label ``break_at``.

    ``hac_lags`` defaults to :func:`newey_west_lags` of the series length. With
    ``trend=False`` the model is a pure level shift (a difference in means with HAC errors).
    Missing values are dropped first. Raises ``ValueError`` if either side of the break has
    fewer than two observations.
    """
    series = series.dropna().sort_index()
    post = series.index >= break_at
    n_post, n_pre = int(post.sum()), int((~post).sum())
    if min(n_pre, n_post) < 2:
        raise ValueError(
            f"Break at {break_at}: {n_pre} points before and {n_post} after; "
            "need at least two on each side."
        )
    lags = newey_west_lags(len(series)) if hac_lags is None else int(hac_lags)
    exog = design(series.index, break_at, trend, slope_change)
    fit = sm.OLS(series.to_numpy(dtype=float), exog).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True
    )
    params = pd.DataFrame({"coef": fit.params, "se": fit.bse, "p": fit.pvalues})
    low, high = fit.conf_int(alpha=0.05).loc["post"]
    return ITSResult(
        break_at=int(break_at),
        level_change=float(fit.params["post"]),
        level_se=float(fit.bse["post"]),
        level_p=float(fit.pvalues["post"]),
        level_ci=(float(low), float(high)),
        slope_change=float(fit.params["post_trend"]) if slope_change else None,
        pre_mean=float(series[~post].mean()),
        post_mean=float(series[post].mean()),
        n_pre=n_pre,
        n_post=n_post,
        hac_lags=lags,
        params=params,
    )


def placebo_breaks(
    series: pd.Series,
    real_break: int,
    post_length: int | None = None,
    min_pre: int = 5,
    hac_lags: int | None = None,
    trend: bool = True,
) -> pd.DataFrame:
    """Refit the ITS at every feasible placebo break before ``real_break``.

    Each placebo fit uses the observations from the start up to ``post_length`` points after
    the placebo break (default: as many as the series has from the real break on), all of
    them before ``real_break``, so that placebo and real designs are alike and the real
    post-break data never enter a placebo. Placebo breaks need ``min_pre`` earlier points.
    Returns one row per placebo break with the columns of :meth:`ITSResult.as_row`.
    """
    series = series.dropna().sort_index()
    if post_length is None:
        post_length = int((series.index >= real_break).sum())
    before = series[series.index < real_break]
    labels = list(before.index)
    rows = []
    for position in range(min_pre, len(labels) - post_length + 1):
        window = before.iloc[: position + post_length]
        fit = its_fit(window, labels[position], hac_lags=hac_lags, trend=trend)
        rows.append(fit.as_row())
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def placebo_rank(real_effect: float, placebo_effects: pd.Series | np.ndarray) -> float:
    """Share (in %) of placebo effects whose absolute size is below the real one's.

    100 means the real break moved the series more than every placebo break did; around 50
    means a typical placebo moves it as much.
    """
    effects = np.abs(np.asarray(placebo_effects, dtype=float))
    effects = effects[np.isfinite(effects)]
    if effects.size == 0:
        return float("nan")
    return float(100.0 * np.mean(effects < abs(real_effect)))
