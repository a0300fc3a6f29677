"""Rerun the book's core voting analysis for another region: a worked example for teaching.

Chapter 1 asks whether the five Central Asian states (C5) vote together in the UN General
Assembly more than chance would predict, and how close each stands to the great powers. This
module asks the same questions of any group in ``data/country_groups.yml`` (for example
``SOUTH_CAUCASUS`` or ``ASEAN``) with the same measures, over the same vote windows
(:class:`caorder.windows.Window`: years, measure, roll-call set), so that a reader can put
the C5 result beside another region's:

* :func:`compare_groups`: each group's cohesion (mean pairwise score among its members)
  against random groups of the same size, drawn by the book's one random baseline
  (:func:`caorder.windows.random_baseline`) from its default pool (states whose
  participation lies within the range of the group's own members);
* :func:`great_power_agreement`: each member's score with the United States, Russia and
  China;
* :func:`yearly_against_random`: cohesion per calendar year beside a random-group band;
* :func:`region_report`: all three for one region and the C5, in one object, with plotting
  helpers for the teaching notebook;
* ``python -m caorder.region_report REGION [--years 1992 2019] [--out report.md]``: the same
  for any group, written as a short Markdown report (:func:`report_markdown`).

Membership follows the mid-year rule of :meth:`caorder.countries.Group.members_in_year`: a
state counts for a window if it was a member on 1 July of at least one of its years, and for
a year if it was a member on 1 July of that year. Absences are left out of every score (see
:mod:`caorder.agreement`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from caorder import agreement, countries, ordering, plots, windows
from caorder.countries import GREAT_POWER_NAMES, GREAT_POWERS, Group
from caorder.errors import DataError, cli
from caorder.windows import Window

#: Random groups per year in :func:`yearly_against_random` (a band, not a verdict).
N_GROUPS_PER_YEAR = 500
#: The window of chapter 1: 1992-2019, kappa, all roll calls.
DEFAULT_WINDOW = Window()


def _votes(votes: pd.DataFrame | None, window: Window) -> pd.DataFrame:
    """The canonical votes of ``window``, or ``votes`` (with a ``year`` column) narrowed to it."""
    return windows.votes_in(window) if votes is None else windows.select_window(votes, window)


def members(group: Group, years: tuple[int, int], drop: Iterable[str] = ()) -> list[str]:
    """States that belonged to ``group`` on 1 July of at least one year in ``years``."""
    found = {iso3 for year in range(years[0], years[1] + 1) for iso3 in group.members_in_year(year)}
    return sorted(found - set(drop))


# --- cohesion against random groups -----------------------------------------------------


def cohesion_against_random(
    scores: pd.DataFrame,
    group: list[str],
    pool: list[str],
    n_groups: int = windows.N_GROUPS,
    seed: int = windows.SEED,
) -> tuple[dict[str, float], np.ndarray]:
    """Cohesion of ``group`` and its percentile among random groups of the same size.

    Random groups come from :func:`caorder.windows.random_baseline` over ``pool``. Returns
    the summary (cohesion, random median, 5th and 95th percentiles, percentile of the
    group) and the random cohesions themselves (for a histogram).
    """
    present = [s for s in group if s in scores.index]
    cohesion = agreement.group_cohesion(scores, present)
    baseline = windows.random_baseline(scores, pool, len(present), n_groups, seed)
    summary = {
        "n_members": len(present),
        "cohesion": cohesion,
        "random_median": float(np.nanmedian(baseline)),
        "random_p05": float(np.nanquantile(baseline, 0.05)),
        "random_p95": float(np.nanquantile(baseline, 0.95)),
        "percentile": windows.percentile(cohesion, baseline),
    }
    return summary, baseline


def group_pool(votes: pd.DataFrame, group: list[str]) -> list[str]:
    """The book's default random-group pool (:data:`caorder.windows.DEFAULT_POOL`) for a group."""
    return windows.pool(votes, windows.DEFAULT_POOL, group)


def window_scores(votes: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Pairwise ``window.measure`` among every state voting in ``window``."""
    chosen = windows.select_window(votes, window)
    return agreement.pairwise(agreement.vote_matrix(chosen), window.measure)


def _groups_table(
    votes: pd.DataFrame,
    scores: pd.DataFrame,
    groups: Iterable[Group],
    years: tuple[int, int],
    drop: Iterable[str],
    n_groups: int,
    seed: int,
) -> pd.DataFrame:
    """One row per group: cohesion against its random baseline, sorted, with ``rank``."""
    rows = []
    for group in groups:
        states = [s for s in members(group, years, drop) if s in scores.index]
        summary, _ = cohesion_against_random(
            scores, states, group_pool(votes, states), n_groups, seed
        )
        rows.append({"group": group.key, **summary})
    table = ordering.sort_by(pd.DataFrame(rows), "cohesion", "group", ascending=False)
    table["rank"] = ordering.rank(table["cohesion"]).astype(int).to_numpy()
    return table.reset_index(drop=True)


def compare_groups(
    keys: Iterable[str],
    window: Window = DEFAULT_WINDOW,
    drop: Iterable[str] = (),
    n_groups: int = windows.N_GROUPS,
    seed: int = windows.SEED,
    votes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cohesion of several groups in one window, each against its own random baseline.

    One row per group, sorted from most to least cohesive, with its ``rank`` (1 = most
    cohesive). ``drop`` removes states from every group (e.g. ``["TKM"]`` for a
    leave-one-out check). ``votes`` (with a ``year`` column) defaults to the canonical votes.
    """
    groups = [countries.group(key) for key in keys]
    votes = _votes(votes, window)
    scores = window_scores(votes, window)
    return _groups_table(votes, scores, groups, window.years, drop, n_groups, seed)


def great_power_agreement(
    scores: pd.DataFrame,
    group: list[str],
    powers: tuple[str, ...] = GREAT_POWERS,
) -> pd.DataFrame:
    """Each member's score with each great power (rows: members, then the group mean)."""
    present = [s for s in group if s in scores.index]
    table = scores.loc[present, list(powers)].copy()
    table.loc["group mean"] = table.mean(axis=0)
    table.index.name = "state"
    return table


def yearly_against_random(
    votes: pd.DataFrame,
    group: Group,
    window: Window = DEFAULT_WINDOW,
    drop: Iterable[str] = (),
    n_groups: int = N_GROUPS_PER_YEAR,
    seed: int = windows.SEED,
) -> pd.DataFrame:
    """Per calendar year: the group's cohesion and the 5th/50th/95th percentiles of random
    groups of the same size (members as on 1 July of that year; votes with a ``year``)."""
    rows = []
    for year, chunk in windows.select_window(votes, window).groupby("year", sort=True):
        scores = agreement.pairwise(agreement.vote_matrix(chunk), window.measure)
        states = [
            s for s in group.members_in_year(int(year)) if s in scores.index and s not in set(drop)
        ]
        if len(states) < 2:
            continue
        summary, _ = cohesion_against_random(
            scores, states, group_pool(chunk, states), n_groups, seed
        )
        rows.append(
            {
                "year": int(year),
                "group": group.key,
                "n_rollcalls": int(chunk["rcid"].nunique()),
                **summary,
            }
        )
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
    yearly: pd.DataFrame  #: :func:`yearly_against_random` for the region and the C5


def region_report(
    region: str,
    window: Window = DEFAULT_WINDOW,
    drop: Iterable[str] = (),
    n_groups: int = windows.N_GROUPS,
    n_groups_per_year: int = N_GROUPS_PER_YEAR,
    votes: pd.DataFrame | None = None,
) -> RegionReport:
    """Run the C5 analysis of chapter 1 for ``region`` and put the C5 beside it."""
    group, c5_group = countries.group(region), countries.group("C5")
    chosen = _votes(votes, window)
    scores = window_scores(chosen, window)
    region_members = [s for s in members(group, window.years, drop) if s in scores.index]
    _, baseline = cohesion_against_random(
        scores, region_members, group_pool(chosen, region_members), n_groups
    )
    powers = great_power_agreement(scores, region_members)
    c5 = [s for s in members(c5_group, window.years, drop) if s in scores.index]
    powers.loc["C5 mean"] = great_power_agreement(scores, c5).loc["group mean"]
    groups = [group] if region == "C5" else [group, c5_group]
    yearly = pd.concat(
        [yearly_against_random(chosen, g, window, drop, n_groups_per_year) for g in groups],
        ignore_index=True,
    )
    return RegionReport(
        region=region,
        name=group.name,
        window=window,
        members=region_members,
        groups=_groups_table(chosen, scores, groups, window.years, drop, n_groups, windows.SEED),
        baseline=baseline,
        great_powers=powers,
        yearly=yearly,
    )


# --- figures ----------------------------------------------------------------------------


def measure_label(window: Window) -> str:
    """Axis label for the window's measure, e.g. "mean pairwise Cohen's kappa"."""
    return f"mean pairwise {agreement.MEASURE_LABELS[window.measure]}"


def plot_baseline(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Histogram of random-group cohesion with the region (and the C5) marked."""
    ax = ax or plt.gca()
    sns.histplot(report.baseline, bins=40, color=plots.GREY, ax=ax, label="random groups")
    row = report.groups.set_index("group")
    ax.axvline(
        row.at[report.region, "cohesion"],
        color=plots.PALETTE[0],
        lw=2.5,
        label=f"{report.region} ({len(report.members)} states)",
    )
    if report.region != "C5":
        ax.axvline(
            row.at["C5", "cohesion"],
            color=plots.PALETTE[1],
            lw=2,
            ls="--",
            label="C5 (5 states; own baseline differs in size)",
        )
    ax.legend(loc="upper left")
    return plots.label(
        ax,
        f"{measure_label(report.window)} within the group",
        "number of random groups",
        f"{report.region} vs {len(report.baseline):,} random groups of "
        f"{len(report.members)} UN members, {report.window.years[0]}–"
        f"{report.window.years[1]}",
    )


def plot_great_powers(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Dot plot: each member's (and the C5 mean's) score with each great power."""
    ax = ax or plt.gca()
    long = report.great_powers.reset_index().melt(
        id_vars="state", var_name="power", value_name="score"
    )
    long["power"] = long["power"].map(GREAT_POWER_NAMES)
    sns.pointplot(
        data=long,
        x="score",
        y="state",
        hue="power",
        linestyle="none",
        palette=[plots.PALETTE[i] for i in (0, 3, 2)],
        ax=ax,
        markers=["o", "s", "D"],
    )
    ax.legend(title="great power", loc="best")
    measure = agreement.MEASURE_LABELS[report.window.measure]
    return plots.label(
        ax,
        f"pairwise {measure} with the power",
        "state",
        f"{report.region} members and the great powers",
    )


def plot_yearly(report: RegionReport, ax: plt.Axes | None = None) -> plt.Axes:
    """Cohesion per year of the region and the C5, each with its random 5-95% band."""
    ax = ax or plt.gca()
    for colour, (key, chunk) in zip(
        (plots.PALETTE[0], plots.PALETTE[1]), report.yearly.groupby("group", sort=False)
    ):
        ax.fill_between(
            chunk["year"], chunk["random_p05"], chunk["random_p95"], color=colour, alpha=0.15, lw=0
        )
        ax.plot(
            chunk["year"],
            chunk["cohesion"],
            color=colour,
            lw=2,
            marker="o",
            ms=3,
            label=f"{key} (band: random groups of the same size, 5–95%)",
        )
    ax.legend(loc="lower left")
    return plots.label(
        ax,
        "calendar year",
        measure_label(report.window),
        f"Cohesion per year: {report.region} and the C5",
    )


# --- the command line -------------------------------------------------------------------


def _table(frame: pd.DataFrame, digits: int = 3) -> str:
    """A small table as aligned text in a Markdown code block (no extra dependency)."""
    return "```\n" + frame.round(digits).to_string() + "\n```"


def report_markdown(report: RegionReport) -> str:
    """The report as a short Markdown page: window, members, cohesion, great powers, years."""
    first, last = report.window.years
    groups = report.groups.set_index("group")
    row = groups.loc[report.region]
    yearly = report.yearly.pivot(index="year", columns="group", values="cohesion")
    return "\n\n".join(
        [
            f"# {report.name} ({report.region}) beside the Central Asian five",
            f"UN General Assembly roll calls {first}–{last}, {measure_label(report.window)}, "
            f"roll calls: {report.window.rollcalls}; random groups drawn by "
            "caorder.windows.random_baseline from the participation-matched pool.",
            f"Members ({len(report.members)}): {', '.join(report.members)}.",
            f"Cohesion {row['cohesion']:.3f}: more cohesive than {row['percentile']:.1f}% of "
            f"{len(report.baseline):,} random groups of the same size (random median "
            f"{row['random_median']:.3f}).",
            "## Cohesion against random groups\n\n" + _table(groups),
            "## Agreement with the great powers\n\n" + _table(report.great_powers),
            "## Cohesion per calendar year\n\n" + _table(yearly),
        ]
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m caorder.region_report",
        description="Rerun the book's cohesion analysis for a group of data/country_groups.yml "
        "and write a short Markdown report beside the C5.",
    )
    parser.add_argument("region", help="a group key, e.g. SOUTH_CAUCASUS or ASEAN")
    parser.add_argument("--years", nargs=2, type=int, default=list(windows.YEARS))
    parser.add_argument("--measure", choices=agreement.MEASURES, default="kappa")
    parser.add_argument("--rollcalls", choices=windows.ROLLCALL_SETS, default="all")
    parser.add_argument("--groups", type=int, default=windows.N_GROUPS, help="random groups")
    parser.add_argument("--groups-per-year", type=int, default=N_GROUPS_PER_YEAR)
    parser.add_argument("--out", type=Path, help="default: region-report-REGION.md here")
    return parser


@cli
def main(arguments: list[str] | None = None) -> int:
    """Write the report of one region (see :func:`_parser` for the options)."""
    args = _parser().parse_args(arguments)
    first, last = args.years
    if first > last:
        raise DataError(f"--years {first} {last} is reversed; write --years {last} {first}.")
    try:
        countries.group(args.region)
    except KeyError as err:
        raise DataError(f"{err.args[0]} (data/country_groups.yml).") from None
    window = Window(years=(first, last), measure=args.measure, rollcalls=args.rollcalls)
    report = region_report(
        args.region, window, n_groups=args.groups, n_groups_per_year=args.groups_per_year
    )
    target = args.out or Path(f"region-report-{args.region}.md")
    target.write_text(report_markdown(report) + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
