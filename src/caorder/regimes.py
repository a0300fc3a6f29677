"""Chapter 1: neopatrimonial rule and integration, across groups of states (claim C1.12).

The literature diagnosis the paper reports (Collins) holds that the five's neopatrimonial
regimes prevent regional integration. Two observable implications are computed here:

* the five are more neopatrimonial than other groups: V-Dem's neopatrimonialism index
  ``v2x_neopat`` (0-1, higher is more neopatrimonial), averaged over the group's members of
  each year and over 1992-2021, against the book's comparison groups and random groups
  (:func:`caorder.windows.random_members`);
* across groups, more neopatrimonial groups are less integrated. The only integration
  measure the book holds for every group is cohesion in the UN General Assembly
  (:func:`caorder.cohesion.group_cohesions`, 1992-2019): a weak stand-in, and nine regional
  groups are few, so the association is a weak cross-regional test. Random groups give a
  second, larger but artificial set of groups.

The V-Dem values come from a derived file of V-Dem's own ``demspaces`` project (version 12,
``lag0_v2x_neopat`` is the value of the same year), not the canonical V-Dem release.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

from caorder import agreement, cohesion, countries, ordering, plots, statecodes, windows
from caorder.countries import C5, COMPARISON_GROUPS
from caorder.schemas import VDEM_STATES, validate
from caorder.tables import read_rda

VDEM_FILE = "vdem-demspaces-1012a66/states-v12-mod.rds"
#: Years of the regime comparison (the file ends in 2021) and of the vote-based association.
YEARS = (1992, 2021)
VOTE_YEARS = cohesion.YEARS
GROUP_KEYS = ("C5", *COMPARISON_GROUPS)
Baseline = Literal["regions", "random"]
BASELINES: tuple[Baseline, ...] = ("regions", "random")


def read_vdem() -> pd.DataFrame:
    """The V-Dem indices the book reads, per GW state-year (validated)."""
    raw = read_rda(VDEM_FILE)
    frame = raw[["gwcode", "year", "lag0_v2x_neopat", "lag0_v2x_polyarchy"]].rename(
        columns={"lag0_v2x_neopat": "v2x_neopat", "lag0_v2x_polyarchy": "v2x_polyarchy"}
    )
    frame = frame.astype({"gwcode": int, "year": int})
    return validate(frame.reset_index(drop=True), VDEM_STATES, VDEM_FILE)


@cache
def neopat() -> pd.DataFrame:
    """Years (rows) x ISO3 (columns) of ``v2x_neopat`` (GW codes mapped by statecodes)."""
    frame = read_vdem()
    frame = frame.assign(iso3=statecodes.iso3_from(frame["gwcode"], "gw")).dropna(subset=["iso3"])
    table = frame.pivot_table(index="year", columns="iso3", values="v2x_neopat", aggfunc="first")
    return table.sort_index(axis=1)


def group_mean(table: pd.DataFrame, group: countries.Group, first: int, last: int) -> float:
    """Mean over years of the mean ``v2x_neopat`` of each year's members with data."""
    values = []
    for year in range(first, last + 1):
        members = [m for m in group.members_in_year(year) if m in table.columns]
        row = table.loc[year, members].dropna()
        if not row.empty:
            values.append(float(row.mean()))
    return float(np.mean(values)) if values else float("nan")


def group_table(first: int = YEARS[0], last: int = YEARS[1]) -> pd.DataFrame:
    """Each group's mean neopatrimonialism over ``first``-``last``, sorted as shown."""
    table = neopat()
    rows = [
        {"group": key, "v2x_neopat": group_mean(table, countries.group(key), first, last)}
        for key in GROUP_KEYS
    ]
    frame = ordering.sort_by(pd.DataFrame(rows), "v2x_neopat", "group", ascending=False)
    return frame.set_index("group")


def random_means(first: int = YEARS[0], last: int = YEARS[1]) -> np.ndarray:
    """Period-mean neopatrimonialism of the book's random groups of five (states with data
    in every year)."""
    table = neopat().loc[first:last].dropna(axis=1)
    values = table.mean().to_numpy()
    groups = windows.random_members(len(values), len(C5))
    return values[groups].mean(axis=1)


def c5_position(first: int = YEARS[0], last: int = YEARS[1]) -> dict[str, float]:
    """The five's mean, its percentile among random groups and the share of groups below."""
    table = group_table(first, last)["v2x_neopat"]
    c5 = float(table["C5"])
    baseline = random_means(first, last)
    others = table.drop("C5").dropna()
    return {
        "c5_neopat": c5,
        "random_median": float(np.median(baseline)),
        "c5_percentile": windows.percentile(c5, baseline),
        "groups_below_share": float((others.round(3) < round(c5, 3)).mean()),
    }


def association_regions(spec: cohesion.MeasureSpec = cohesion.KAPPA) -> pd.DataFrame:
    """Per group: mean neopatrimonialism and UN voting cohesion over the vote years."""
    first, last = VOTE_YEARS
    votes = cohesion.group_cohesions(first, last, spec, GROUP_KEYS).rename("cohesion")
    regime = group_table(first, last)["v2x_neopat"]
    return pd.concat([regime, votes], axis=1).dropna()


def association_random(spec: cohesion.MeasureSpec = cohesion.KAPPA) -> pd.DataFrame:
    """Random groups of five (states with both data): mean neopatrimonialism and cohesion.

    The groups are drawn with :func:`caorder.windows.random_members` from one sorted pool,
    so row ``i`` of both columns is the same group.
    """
    first, last = VOTE_YEARS
    scores = cohesion.scores(first, last, spec)
    regime = neopat().loc[first:last].dropna(axis=1).mean()
    states = sorted(set(regime.index) & set(scores.index))
    cohesions = windows.random_baseline(scores, states, len(C5))
    groups = windows.random_members(len(states), len(C5))
    means = regime.loc[states].to_numpy()[groups].mean(axis=1)
    return pd.DataFrame({"v2x_neopat": means, "cohesion": cohesions}).dropna()


def association(baseline: Baseline, spec: cohesion.MeasureSpec) -> dict[str, float]:
    """Spearman's rho between neopatrimonialism and cohesion across groups, its p-value and
    the number of groups."""
    frame = association_regions(spec) if baseline == "regions" else association_random(spec)
    rho, p = stats.spearmanr(frame["v2x_neopat"], frame["cohesion"])
    return {"rho": float(rho), "p_value": float(p), "n_groups": float(len(frame))}


def plot_groups(ax: plt.Axes) -> plt.Axes:
    """Horizontal bars: each group's mean neopatrimonialism, the five highlighted."""
    table = group_table()["v2x_neopat"].iloc[::-1]
    colours = [plots.PALETTE[0] if k == "C5" else plots.GREY for k in table.index]
    ax.barh([plots.group_label(k) for k in table.index], table.to_numpy(), color=colours)
    median = float(np.median(random_means()))
    ax.axvline(median, color=plots.PALETTE[1], ls="--", label="random groups of five (median)")
    ax.legend(loc="lower right")
    return plots.label(ax, "neopatrimonialism, V-Dem v2x_neopat (0–1), mean 1992–2021", "")


def plot_association(ax: plt.Axes, spec: cohesion.MeasureSpec = cohesion.KAPPA) -> plt.Axes:
    """Scatter of the groups: neopatrimonialism against UN voting cohesion, labelled."""
    frame = association_regions(spec)
    for key, row in frame.iterrows():
        c5 = key == "C5"
        ax.scatter(
            row["v2x_neopat"],
            row["cohesion"],
            color=plots.PALETTE[0] if c5 else plots.GREY,
            marker="o" if c5 else "s",
            s=60,
        )
        ax.annotate(
            plots.group_label(str(key)),
            (row["v2x_neopat"], row["cohesion"]),
            textcoords="offset points",
            xytext=(5, 4),
            fontsize=10,
        )
    ax.margins(x=0.15, y=0.1)
    label = agreement.MEASURE_LABELS[spec.measure]
    return plots.label(
        ax, "neopatrimonialism (0–1), mean 1992–2019", f"UN voting cohesion ({label})"
    )
