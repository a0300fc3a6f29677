"""Rerun the book's core voting analysis for another region: a worked example for teaching.

Chapter 1 asks whether the five Central Asian states (C5) vote together in the UN General
Assembly more than chance would predict, and how close each stands to the great powers. This
module asks the same questions of any group in ``data/country_groups.yml`` (for example
``SOUTH_CAUCASUS`` or ``ASEAN``) with the same measures, so that a reader can put the C5
result beside another region's:

* :func:`compare_groups`: each group's cohesion (mean pairwise score among its members)
  against random groups of the same size drawn from all UN members voting in the window;
* :func:`great_power_agreement`: each member's score with the United States, Russia and
  China;
* :func:`cohesion_by_year`: cohesion per calendar year beside a random-group band;
* :func:`region_report`: all three for one region and the C5, in one object, with plotting
  helpers for the teaching notebook.

Membership follows the mid-year rule of :meth:`caorder.countries.Group.members_in_year`: a
state counts for a window if it was a member on 1 July of at least one of its years, and for
a year if it was a member on 1 July of that year. Absences are left out of every score (see
:mod:`caorder.agreement`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from caorder import agreement, countries, plots, tables

#: The C5 joined the UN in March 1992; the canonical vote data end with session 74 (2019).
DEFAULT_YEARS = (1992, 2019)
#: The regional groups the book compares the C5 with (keys of data/country_groups.yml).
COMPARISON_GROUPS = ("C5", "ASEAN", "EU", "GCC", "MERCOSUR", "NORDIC", "SOUTH_CAUCASUS", "VISEGRAD")
GREAT_POWERS = ("USA", "RUS", "CHN")
POWER_NAMES = {"USA": "United States", "RUS": "Russia", "CHN": "China"}
#: A state joins the random-group pool only if it cast votes on this share of the roll calls.
MIN_PARTICIPATION = 0.25
N_GROUPS = 2_000
N_GROUPS_PER_YEAR = 500
SEED = 20210301


@dataclass(frozen=True)
class Window:
    """The votes analysed: calendar years, measure, and an optional contested-vote filter."""

    years: tuple[int, int] = DEFAULT_YEARS
    measure: agreement.Measure = "kappa"
    contested: float | None = None  #: keep roll calls with at least this dissent share


# --- data -------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _votes_with_years() -> pd.DataFrame:
    """Canonical votes with the calendar year of each roll call (cached: read once)."""
    calls = tables.rollcalls()
    years = pd.Series(calls["date"].dt.year.to_numpy(), index=calls["rcid"].to_numpy())
    frame = tables.votes()[["rcid", "iso3", "vote"]]
    return frame.assign(year=frame["rcid"].map(years).astype(int))


def select_votes(votes: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The votes (with a ``year`` column) on roll calls inside ``window``."""
    first, last = window.years
    chosen = votes[votes["year"].between(first, last)]
    if window.contested is not None:
        chosen = chosen[chosen["rcid"].isin(agreement.contested_rcids(chosen, window.contested))]
    return chosen


def active_pool(votes: pd.DataFrame, min_participation: float = MIN_PARTICIPATION) -> list[str]:
    """States that cast a vote on at least ``min_participation`` of the roll calls, sorted.

    Random groups are drawn from these states, so that a baseline group is not made of
    states that were hardly ever present (whose scores rest on a few votes).
    """
    cast = votes[votes["vote"].astype(str) != "absent"]
    share = cast.groupby("iso3")["rcid"].nunique() / votes["rcid"].nunique()
    return sorted(share.index[share >= min_participation])


def members(key: str, years: tuple[int, int], drop: Iterable[str] = ()) -> list[str]:
    """States that belonged to group ``key`` on 1 July of at least one year in ``years``."""
    group = countries.group(key)
    found = {iso3 for year in range(years[0], years[1] + 1) for iso3 in group.members_in_year(year)}
    return sorted(found - set(drop))


# --- cohesion against random groups -----------------------------------------------------


def complete_pool(scores: pd.DataFrame, pool: list[str]) -> list[str]:
    """The pool without the states that lack a score with some other pool state.

    A pair has no score when the two states voted together on too few roll calls (or, for
    kappa, when one of them always cast the same vote). Random groups are drawn from a pool
    in which every pair has a score; the state with the most gaps is removed first.
    """
    pool = list(pool)
    while pool:
        gaps = scores.loc[pool, pool].isna().sum()
        if gaps.max() == 0:
            break
        pool.remove(gaps.idxmax())
    return pool


def percentile(observed: float, baseline: np.ndarray) -> float:
    """Share (in %) of baseline values strictly below ``observed``."""
    baseline = baseline[np.isfinite(baseline)]
    return float(100.0 * np.mean(baseline < observed))


def cohesion_against_random(
    scores: pd.DataFrame, group: list[str], pool: list[str],
    n_groups: int = N_GROUPS, seed: int = SEED,
) -> tuple[dict[str, float], np.ndarray]:
    """Cohesion of ``group`` and its percentile among random groups of the same size.

    Returns the summary (cohesion, random median, 5th and 95th percentiles, percentile of
    the group) and the random cohesions themselves (for a histogram).
    """
    present = [s for s in group if s in scores.index]
    cohesion = agreement.group_cohesion(scores, present)
    baseline = agreement.random_group_cohesion(
        scores, complete_pool(scores, pool), len(present), n_groups, seed
    )
    summary = {
        "n_members": len(present),
        "cohesion": cohesion,
        "random_median": float(np.median(baseline)),
        "random_p05": float(np.quantile(baseline, 0.05)),
        "random_p95": float(np.quantile(baseline, 0.95)),
        "percentile": percentile(cohesion, baseline),
    }
    return summary, baseline


def _groups_table(
    scores: pd.DataFrame, pool: list[str], keys: Iterable[str], years: tuple[int, int],
    drop: Iterable[str], n_groups: int, seed: int,
) -> pd.DataFrame:
    """One row per group: cohesion against random groups, sorted, with ``rank``."""
    rows = []
    for key in keys:
        group = [s for s in members(key, years, drop) if s in pool]
        summary, _ = cohesion_against_random(scores, group, pool, n_groups, seed)
        rows.append({"group": key, **summary})
    table = pd.DataFrame(rows).sort_values(["cohesion", "group"], ascending=[False, True])
    table["rank"] = np.arange(1, len(table) + 1)
    return table.reset_index(drop=True)


def window_scores(votes: pd.DataFrame, window: Window) -> tuple[pd.DataFrame, list[str]]:
    """Pairwise scores among the active states of ``window``, and that pool of states."""
    chosen = select_votes(votes, window)
    pool = active_pool(chosen)
    return agreement.pairwise(agreement.vote_matrix(chosen, pool), window.measure), pool


def compare_groups(
    keys: Iterable[str], window: Window = Window(), drop: Iterable[str] = (),
    n_groups: int = N_GROUPS, seed: int = SEED, votes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cohesion of several groups in one window, each against its own random baseline.

    One row per group, sorted from most to least cohesive, with its ``rank`` (1 = most
    cohesive). ``drop`` removes states from every group (e.g. ``["TKM"]``). ``votes``
    (with a ``year`` column) defaults to the canonical votes.
    """
    scores, pool = window_scores(_votes_with_years() if votes is None else votes, window)
    return _groups_table(scores, pool, keys, window.years, drop, n_groups, seed)


def great_power_agreement(
    scores: pd.DataFrame, group: list[str], powers: tuple[str, ...] = GREAT_POWERS,
) -> pd.DataFrame:
    """Each member's score with each great power (rows: members, then the group mean)."""
    present = [s for s in group if s in scores.index]
    table = scores.loc[present, list(powers)].copy()
    table.loc["group mean"] = table.mean(axis=0)
    table.index.name = "state"
    return table


def cohesion_by_year(
    votes: pd.DataFrame, key: str, window: Window = Window(), drop: Iterable[str] = (),
    n_groups: int = N_GROUPS_PER_YEAR, seed: int = SEED,
) -> pd.DataFrame:
    """Per calendar year: the group's cohesion and the 5th/50th/95th percentiles of random
    groups of the same size (members as on 1 July of that year; votes with a ``year``)."""
    rows = []
    chosen = select_votes(votes, window)
    for year, chunk in chosen.groupby("year", sort=True):
        pool = active_pool(chunk)
        group = [s for s in countries.group(key).members_in_year(int(year))
                 if s in pool and s not in set(drop)]
        if len(group) < 2:
            continue
        scores = agreement.pairwise(agreement.vote_matrix(chunk, pool), window.measure)
        summary, _ = cohesion_against_random(scores, group, pool, n_groups, seed)
        rows.append({"year": int(year), "group": key, "n_rollcalls": int(chunk["rcid"].nunique()),
                     **summary})
    return pd.DataFrame(rows)


# --- the report -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionReport:
    """Everything the teaching notebook shows for one region, beside the C5."""

    region: str
    name: str
    window: Window
    members: list[str]
    groups: pd.DataFrame  #: :func:`compare_groups` for the region and the C5
    baseline: np.ndarray  #: random-group cohesions for a group of the region's size
    great_powers: pd.DataFrame  #: region members x great powers, plus the C5 mean
    yearly: pd.DataFrame  #: :func:`cohesion_by_year` for the region and the C5


def region_report(
    region: str, window: Window = Window(), drop: Iterable[str] = (),
    n_groups: int = N_GROUPS, n_groups_per_year: int = N_GROUPS_PER_YEAR,
    votes: pd.DataFrame | None = None,
) -> RegionReport:
    """Run the C5 analysis of chapter 1 for ``region`` and put the C5 beside it."""
    all_votes = _votes_with_years() if votes is None else votes
    scores, pool = window_scores(all_votes, window)
    region_members = [s for s in members(region, window.years, drop) if s in pool]
    _, baseline = cohesion_against_random(scores, region_members, pool, n_groups, SEED)
    powers = great_power_agreement(scores, region_members)
    c5 = great_power_agreement(scores, [s for s in members("C5", window.years, drop) if s in pool])
    powers.loc["C5 mean"] = c5.loc["group mean"]
    keys = [region] if region == "C5" else [region, "C5"]
    yearly = pd.concat(
        [cohesion_by_year(all_votes, k, window, drop, n_groups_per_year) for k in keys],
        ignore_index=True,
    )
    return RegionReport(
        region=region,
        name=countries.group(region).name,
        window=window,
        members=region_members,
        groups=_groups_table(scores, pool, keys, window.years, drop, n_groups, SEED),
        baseline=baseline,
        great_powers=powers,
        yearly=yearly,
    )


# --- figures ----------------------------------------------------------------------------

_MEASURE_LABELS = {"kappa": "Cohen's kappa", "agreement": "raw agreement", "lijphart": "Lijphart index"}


def measure_label(window: Window) -> str:
    """Axis label for the window's measure, e.g. "mean pairwise Cohen's kappa"."""
    return f"mean pairwise {_MEASURE_LABELS[window.measure]}"


def plot_baseline(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Histogram of random-group cohesion with the region (and the C5) marked."""
    ax = ax or plt.gca()
    sns.histplot(report.baseline, bins=40, color=plots.GREY, ax=ax, label="random groups")
    row = report.groups.set_index("group")
    ax.axvline(row.at[report.region, "cohesion"], color=plots.PALETTE[0], lw=2.5,
               label=f"{report.region} ({len(report.members)} states)")
    if report.region != "C5":
        ax.axvline(row.at["C5", "cohesion"], color=plots.PALETTE[1], lw=2, ls="--",
                   label="C5 (5 states; own baseline differs in size)")
    ax.legend(loc="upper left")
    return plots.label(ax, f"{measure_label(report.window)} within the group",
                       "number of random groups",
                       f"{report.region} vs {len(report.baseline):,} random groups of "
                       f"{len(report.members)} UN members, {report.window.years[0]}–"
                       f"{report.window.years[1]}")


def plot_great_powers(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Dot plot: each member's (and the C5 mean's) score with each great power."""
    ax = ax or plt.gca()
    long = report.great_powers.reset_index().melt(id_vars="state", var_name="power",
                                                  value_name="score")
    long["power"] = long["power"].map(POWER_NAMES)
    sns.pointplot(data=long, x="score", y="state", hue="power", linestyle="none",
                  palette=[plots.PALETTE[i] for i in (0, 3, 2)], ax=ax,
                  markers=["o", "s", "D"])
    ax.legend(title="great power", loc="best")
    return plots.label(ax, f"pairwise {_MEASURE_LABELS[report.window.measure]} with the power",
                       "state", f"{report.region} members and the great powers")


def plot_yearly(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Cohesion per year of the region and the C5, each with its random 5-95% band."""
    ax = ax or plt.gca()
    for colour, (key, chunk) in zip((plots.PALETTE[0], plots.PALETTE[1]),
                                    report.yearly.groupby("group", sort=False)):
        ax.fill_between(chunk["year"], chunk["random_p05"], chunk["random_p95"],
                        color=colour, alpha=0.15, lw=0)
        ax.plot(chunk["year"], chunk["cohesion"], color=colour, lw=2, marker="o", ms=3,
                label=f"{key} (band: random groups of the same size, 5–95%)")
    ax.legend(loc="lower left")
    return plots.label(ax, "calendar year", measure_label(report.window),
                       f"Cohesion per year: {report.region} and the C5")
