"""Periodisation tests: does the voting record break where the configurations of order change?

Costa Buranelli has since described three configurations of Central Asian order:
aspirational integrationism (1991-2004), basic coexistence (2004-2016) and pragmatic
cooperation (2016-). If they left a trace in the General Assembly, an annual series such as
the five's voting cohesion should shift level at those dates. This module provides

* annual series: C5 cohesion per calendar year under any pairwise measure (identical-vote
  agreement, Cohen's kappa, Gwet's AC1, PABAK; :func:`c5_cohesion_series`, computed with
  :func:`caorder.windows.cohesion_by_year`) and the dispersion (standard deviation) of the
  five's ideal points (:func:`c5_dispersion_series`);
* :func:`chow_test`: a Chow (1960) F test of a level shift at given break years, fitted with
  statsmodels OLS (segment intercepts; optionally segment trends), also with Newey-West
  (HAC) standard errors because annual series are autocorrelated;
* :func:`best_breaks`: exhaustive least-squares search for the best one or two breaks with a
  minimum segment length (the Bai-Perron (2003) estimator for a mean-shift model), and
  :func:`sup_f`: the sup-F test of Andrews (1993) with a Monte Carlo p-value;
* :func:`chow_power`: the power of the Chow test on a series this short, by simulation;
* :func:`break_evidence`: the numbers the verdict of claim C4.1 reads, per series (the rule
  itself is in :mod:`caorder.verdicts.ch4`).

Break convention: a break *year* is the first year of the new configuration. The
configurations named "1991-2004" and "2004-2016" share their boundary years; the book
places each boundary year in the earlier configuration, so the proposed breaks are 2005
and 2017 (:data:`PROPOSED_BREAKS`), and reports the neighbouring years too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm

from caorder import agreement, extension, ordering, tables, windows
from caorder.countries import C5

#: First years of "basic coexistence" and "pragmatic cooperation".
PROPOSED_BREAKS = (2005, 2017)
CONFIGURATIONS = {
    "aspirational integrationism": (1992, 2004),
    "basic coexistence": (2005, 2016),
    "pragmatic cooperation": (2017, 2025),
}
#: Years of the annual series used in the tests (2024 has no usable roll calls; see ch. 4).
COHESION_YEARS = (1992, 2023)
IDEAL_POINT_YEARS = (1992, 2024)
MIN_SEGMENT = 4
ALPHA = 0.05
TOLERANCE = 2  #: years within which a data-driven break "matches" a proposed one


# --- annual series ----------------------------------------------------------------------

#: Series the periodisation claim is tested on: a pairwise measure of
#: :mod:`caorder.agreement` among the five per year, or the dispersion of their ideal points.
IDEAL_POINT_SD = "ideal_point_sd"
#: Last year whose roll calls record separate paragraph and amendment votes (canonical data).
FINAL_ONLY_LAST_YEAR = 2019


def dispersion_by_year(ideal_points: pd.DataFrame, states: tuple[str, ...] = C5) -> pd.DataFrame:
    """Standard deviation (ddof=1) of the states' ideal points per year, and how many states."""
    frame = ideal_points[ideal_points["iso3"].isin(states)].dropna(subset=["ideal_point"])
    out = frame.groupby("year")["ideal_point"].agg(dispersion="std", n_states="size")
    return out.reset_index()


@lru_cache(maxsize=1)
def _combined_votes() -> pd.DataFrame:
    """Long votes of the pinned files' roll calls (:func:`caorder.extension.combined`) with
    ``year``. The curated roll calls are left out: most carry the votes of some fifteen
    states only, and the full ones are a few hand-picked texts that would tilt a year's
    agenda; they feed the claims that read those votes, not the pairwise series."""
    data = extension.combined()
    calls = data.rollcalls[data.rollcalls["source"] != extension.CURATED]
    return data.votes.merge(calls[["rcid", "year"]], on="rcid")


def c5_cohesion_series(
    years: tuple[int, int] = COHESION_YEARS,
    measure: agreement.Measure = "kappa",
    rollcalls: windows.RollcallSet = "all",
) -> pd.Series:
    """Mean pairwise ``measure`` among the five by year, from the combined sources, by year.

    ``rollcalls="final_only"`` needs the canonical tables' paragraph and amendment flags,
    which end in :data:`FINAL_ONLY_LAST_YEAR`; a later window raises ``ValueError``.
    """
    if rollcalls == "final_only" and years[1] > FINAL_ONLY_LAST_YEAR:
        raise ValueError(
            f"Final-only roll calls are known to {FINAL_ONLY_LAST_YEAR} only; "
            f"end the window there (asked for {years[0]}-{years[1]})."
        )
    votes = _combined_votes()
    votes = windows.select_rollcalls(votes[votes["year"].between(*years)], rollcalls)
    series = windows.cohesion_by_year(votes, C5, measure).set_index("year")["cohesion"]
    return series.dropna()


def c5_dispersion_series(years: tuple[int, int] = IDEAL_POINT_YEARS) -> pd.Series:
    """SD of the five's ideal points by year, indexed by year."""
    series = dispersion_by_year(tables.ideal_points()).set_index("year")["dispersion"]
    return series.loc[years[0] : years[1]].dropna()


def annual_series(
    measure: str, years: tuple[int, int], rollcalls: windows.RollcallSet = "all"
) -> pd.Series | None:
    """The series a periodisation specification tests, or ``None`` when the choice does not
    apply (ideal points do not depend on the roll-call set; final-only flags end in 2019)."""
    if measure == IDEAL_POINT_SD:
        return c5_dispersion_series(years) if rollcalls == "all" else None
    if rollcalls == "final_only" and years[1] > FINAL_ONLY_LAST_YEAR:
        return None
    return c5_cohesion_series(years, measure, rollcalls)


# --- tests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChowResult:
    """A Chow F test of segment-specific parameters at the given break years."""

    breaks: tuple[int, ...]
    f_stat: float
    p_value: float
    df_num: int
    df_denom: int
    p_value_hac: float  #: same hypothesis, Wald test with Newey-West standard errors
    segment_means: tuple[float, ...]


Trend = Literal["none", "common", "segment"]


def _design(years: np.ndarray, breaks: tuple[int, ...], trend: Trend) -> np.ndarray:
    """Columns: constant, break dummies, then a trend ("common") or segment trends ("segment")."""
    dummies = [(years >= b).astype(float) for b in breaks]
    columns = [np.ones(len(years)), *dummies]
    t = years - years.min()
    if trend in ("common", "segment"):
        columns.append(t)
    if trend == "segment":
        columns += [t * d for d in dummies]
    return np.column_stack(columns)


def _segments(years: np.ndarray, breaks: tuple[int, ...]) -> np.ndarray:
    return np.searchsorted(np.asarray(breaks), years, side="right")


def chow_test(
    series: pd.Series, breaks: tuple[int, ...], trend: Trend = "none", hac_lags: int = 2
) -> ChowResult:
    """Chow test: do the segment parameters differ at ``breaks`` (first years of new segments)?

    ``series`` is indexed by year. ``trend="none"``: only the level may shift (the most
    powerful test for a short series). ``"common"``: level shifts on top of one linear trend
    for the whole period, so a steady drift is not mistaken for breaks. ``"segment"``: level
    and slope may both shift.
    """
    years = series.index.to_numpy(dtype=float)
    y = series.to_numpy(dtype=float)
    breaks = tuple(sorted(breaks))
    segment = _segments(years, breaks)
    if np.bincount(segment, minlength=len(breaks) + 1).min() < 2:
        raise ValueError(f"Breaks {breaks} leave a segment with fewer than two years.")
    x = _design(years, breaks, trend)
    k = len(breaks)
    tested = list(range(1, 1 + k)) + (list(range(2 + k, 2 + 2 * k)) if trend == "segment" else [])
    restriction = np.zeros((len(tested), x.shape[1]))
    restriction[np.arange(len(tested)), tested] = 1.0
    fit = sm.OLS(y, x).fit()
    f = fit.f_test(restriction)
    hac = sm.OLS(y, x).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags}).f_test(restriction)
    means = tuple(float(y[segment == s].mean()) for s in range(k + 1))
    return ChowResult(
        breaks,
        float(np.squeeze(f.fvalue)),
        float(f.pvalue),
        int(f.df_num),
        int(f.df_denom),
        float(hac.pvalue),
        means,
    )


def _ssr_mean_model(y: np.ndarray, cuts: tuple[int, ...]) -> np.ndarray | float:
    """Sum of squared residuals of segment means; ``y`` may be (n,) or (n, reps)."""
    bounds = (0, *cuts, y.shape[0])
    total = 0.0
    for start, stop in pairwise(bounds):
        part = y[start:stop]
        total = total + ((part - part.mean(axis=0)) ** 2).sum(axis=0)
    return total


def _candidate_cuts(n: int, n_breaks: int, min_size: int) -> list[tuple[int, ...]]:
    cuts = range(min_size, n - min_size + 1)
    return [
        c
        for c in combinations(cuts, n_breaks)
        if all(b - a >= min_size for a, b in zip((0, *c), (*c, n), strict=True))
    ]


def best_breaks(series: pd.Series, n_breaks: int, min_size: int = MIN_SEGMENT) -> pd.DataFrame:
    """All admissible break sets ranked by SSR of the mean-shift model (best first).

    Columns: breaks (tuple of first years of new segments), ssr. Exhaustive search, which
    for one or two breaks is the Bai-Perron least-squares estimator.
    """
    y = series.to_numpy(dtype=float)
    years = series.index.to_numpy()
    rows = [
        {"breaks": tuple(int(years[c]) for c in cut), "ssr": float(_ssr_mean_model(y, cut))}
        for cut in _candidate_cuts(len(y), n_breaks, min_size)
    ]
    if not rows:
        raise ValueError(
            f"A series of {len(y)} years cannot hold {n_breaks} breaks of {min_size}+ years."
        )
    # SSRs equal in exact arithmetic must not be ordered by float noise: compare them rounded.
    return ordering.sort_by(pd.DataFrame(rows), "ssr", "breaks", ordering.DECIDE).reset_index(
        drop=True
    )


def _sup_f_values(y: np.ndarray, n_breaks: int, min_size: int) -> np.ndarray:
    """sup over admissible break sets of the F statistic for 'no break'; y (n,) or (n, reps)."""
    n = y.shape[0]
    ssr0 = _ssr_mean_model(y, ())
    ssr1 = np.min(
        [_ssr_mean_model(y, cut) for cut in _candidate_cuts(n, n_breaks, min_size)], axis=0
    )
    return ((ssr0 - ssr1) / n_breaks) / (ssr1 / (n - n_breaks - 1))


def sup_f(
    series: pd.Series,
    n_breaks: int = 1,
    min_size: int = MIN_SEGMENT,
    reps: int = 2000,
    seed: int = 20210301,
) -> tuple[float, float]:
    """Andrews' sup-F statistic and its Monte Carlo p-value under i.i.d. normal errors.

    The null distribution is simulated for this very sample size and trimming (vectorised
    over replications), so no asymptotic table is needed. Autocorrelated errors make the
    test over-reject; the book reports the HAC Chow test beside it.
    """
    y = series.to_numpy(dtype=float)
    observed = float(_sup_f_values(y, n_breaks, min_size))
    noise = np.random.default_rng(seed).standard_normal((len(y), reps))
    null = _sup_f_values(noise, n_breaks, min_size)
    return observed, float((1 + np.sum(null >= observed)) / (reps + 1))


def chow_power(
    n_years: int,
    break_index: int,
    shift_sd: float,
    reps: int = 4000,
    alpha: float = ALPHA,
    seed: int = 20210301,
) -> float:
    """Share of simulated series (i.i.d. N(0,1) + a level shift of ``shift_sd``) rejected by Chow.

    Vectorised: the F statistic of a single known break is computed for all replications.
    """
    from scipy import stats

    rng = np.random.default_rng(seed)
    y = rng.standard_normal((n_years, reps))
    y[break_index:] += shift_sd
    ssr0 = _ssr_mean_model(y, ())
    ssr1 = _ssr_mean_model(y, (break_index,))
    f = (ssr0 - ssr1) / (ssr1 / (n_years - 2))
    return float(np.mean(f > stats.f.ppf(1 - alpha, 1, n_years - 2)))


# --- tables for the chapter ---------------------------------------------------------------


#: Candidate single break years around the proposed ones, for :func:`chow_table`.
CANDIDATE_BREAKS = (2004, 2005, 2006, 2016, 2017, 2018)


def chow_table(series: pd.Series, candidates: tuple[int, ...] = CANDIDATE_BREAKS) -> pd.DataFrame:
    """Single-break Chow tests at each candidate year plus the joint test at the proposed pair."""
    rows = []
    for breaks in [(b,) for b in candidates] + [PROPOSED_BREAKS]:
        result = chow_test(series, breaks)
        rows.append(
            {
                "breaks": "+".join(map(str, breaks)),
                "F": result.f_stat,
                "p": result.p_value,
                "p (HAC)": result.p_value_hac,
            }
        )
    return pd.DataFrame(rows)


def segment_summary(series: pd.Series) -> pd.DataFrame:
    """Mean, SD and number of years of the series within each proposed configuration."""
    rows = []
    for name, (first, last) in CONFIGURATIONS.items():
        part = series.loc[first:last]
        rows.append(
            {
                "configuration": name,
                "years": f"{first}–{int(part.index.max())}",
                "n": int(part.size),
                "mean": float(part.mean()),
                "sd": float(part.std()),
            }
        )
    return pd.DataFrame(rows)


def matches_proposed(
    found: tuple[int, ...], proposed: tuple[int, ...] = PROPOSED_BREAKS, tolerance: int = TOLERANCE
) -> bool:
    """True if each of the found breaks lies within ``tolerance`` years of its proposed one."""
    return len(found) == len(proposed) and all(
        abs(f - p) <= tolerance for f, p in zip(sorted(found), sorted(proposed), strict=True)
    )


def break_evidence(series: pd.Series, reps: int = 2000) -> dict[str, float]:
    """Every number the periodisation rule reads, for one annual series.

    Joint Chow test of level shifts at :data:`PROPOSED_BREAKS` (OLS, Newey-West, and with a
    common linear trend); the best single break and the best two breaks by least squares,
    each with its sup-F Monte Carlo p-value; the number of years.
    """
    chow = chow_test(series, PROPOSED_BREAKS)
    detrended = chow_test(series, PROPOSED_BREAKS, trend="common")
    one = best_breaks(series, 1).iloc[0]["breaks"]
    first, second = best_breaks(series, 2).iloc[0]["breaks"]
    return {
        "chow_p": chow.p_value,
        "chow_p_hac": chow.p_value_hac,
        "chow_p_trend": detrended.p_value,
        "best_one": float(one[0]),
        "supf1_p": sup_f(series, 1, reps=reps)[1],
        "best_two_first": float(first),
        "best_two_second": float(second),
        "supf2_p": sup_f(series, 2, reps=reps)[1],
        "n_years": float(series.size),
    }


def plot_breaks(series: pd.Series, ax, ylabel: str, best: tuple[int, ...] | None = None):
    """Annual series with the proposed configurations' means (steps) and the best breaks."""
    import matplotlib.pyplot as plt  # local: keep the module importable without a display

    ax = ax or plt.gca()
    ax.plot(series.index, series.to_numpy(), marker="o", color="0.25", lw=1.2, label="annual value")
    colours = ("C0", "C1", "C2")
    for (name, (first, last)), colour in zip(CONFIGURATIONS.items(), colours, strict=True):
        part = series.loc[first:last]
        if len(part):
            ax.hlines(
                part.mean(),
                part.index.min() - 0.5,
                part.index.max() + 0.5,
                colors=colour,
                lw=3,
                label=f"{name} (mean)",
            )
    for year in best or ():
        ax.axvline(year - 0.5, color="0.4", ls="--", lw=1)
    if best:
        ax.plot([], [], color="0.4", ls="--", label="best two breaks (least squares)")
    ax.set_xlabel("year")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, loc="best")
    return ax
