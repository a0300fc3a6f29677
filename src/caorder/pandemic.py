"""Chapter 3: did the five respond to COVID-19 in step? (claims C1.11 and C3.19).

The Oxford COVID-19 Government Response Tracker (Hale et al. 2021) scores every state's
measures per day, 0-100. Two indices are read (pinned in :mod:`caorder.fetch`): the
*stringency* index (closures, movement and travel restrictions, public information) and the
*containment and health* index (the same plus testing, tracing, masks and vaccination
policy). Only national rows are used.

Two observable traces of coordination are computed for a group of states:

* **timing**: the spread, in days, between the first and the last member to reach a first
  measure (the index above 0, or at least 20 for a first substantial one);
* **synchrony**: the mean pairwise Pearson correlation of the members' daily index over a
  period (2020, or 2020-2022).

The five are compared with the book's comparison groups (members on 1 July 2020) and with
random groups of the same size (:func:`caorder.windows.random_members`,
:func:`caorder.windows.random_baseline`) from every state with a national series.
Turkmenistan reported no COVID-19 case at all, yet OxCGRT records its measures (border
closures, restrictions on gatherings and movement); it stays in the data as recorded, and
every test is also run without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import combinations
from typing import Literal

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from caorder import countries, ordering, plots, windows
from caorder.countries import C5, C5_NAMES, COMPARISON_GROUPS
from caorder.fetch import fetch
from caorder.schemas import OXCGRT_INDEX, validate

Index = Literal["stringency", "containment"]
INDICES: tuple[Index, ...] = ("stringency", "containment")
INDEX_FILES = {
    "stringency": "oxcgrt-e7f66ee/OxCGRT_timeseries_StringencyIndex_v1.csv",
    "containment": "oxcgrt-e7f66ee/OxCGRT_timeseries_ContainmentHealthIndex_v1.csv",
}
INDEX_LABELS = {"stringency": "stringency index", "containment": "containment and health index"}
#: Periods of the synchrony measure: the first pandemic year, and the three years the
#: tracker scores every state.
PERIODS = {"2020": ("2020-01-01", "2020-12-31"), "2020-2022": ("2020-01-01", "2022-12-31")}
#: A first measure: the index above 0 ("any"), or at least 20 ("substantial").
FIRST_MEASURE = {"any": 0.0, "substantial": 20.0}
#: Groups are compared on their members of mid-2020.
MEMBERS_ON = "2020-07-01"
GROUP_KEYS = ("C5", *COMPARISON_GROUPS)
_ID_COLUMNS = ["CountryCode", "CountryName", "RegionCode", "RegionName", "CityCode", "CityName"]


def read_index(index: Index = "stringency") -> pd.DataFrame:
    """One OxCGRT index, national rows, long: ``code, country, date, value`` (validated)."""
    key = INDEX_FILES[index]
    raw = pd.read_csv(fetch(key), dtype={c: "string" for c in _ID_COLUMNS})
    national = raw[raw["Jurisdiction"] == "NAT_TOTAL"]
    long = national.drop(columns=[*_ID_COLUMNS[2:], "Jurisdiction"]).melt(
        id_vars=["CountryCode", "CountryName"], var_name="day", value_name="value"
    )
    frame = pd.DataFrame(
        {
            "code": long["CountryCode"].astype(str),
            "country": long["CountryName"].astype(str),
            "date": pd.to_datetime(long["day"], format="%d%b%Y").astype("datetime64[ns]"),
            "value": pd.to_numeric(long["value"], errors="coerce").astype(float),
        }
    )
    return validate(frame, OXCGRT_INDEX, key)


@cache
def daily(index: Index = "stringency") -> pd.DataFrame:
    """Days (rows) x UN members (ISO3 columns) of one index."""
    frame = read_index(index)
    frame = frame[frame["code"].isin(set(countries.load_members()["iso3"]))]
    return frame.pivot(index="date", columns="code", values="value").sort_index(axis=1)


def first_measure_dates(index: Index = "stringency", level: str = "any") -> pd.Series:
    """Per state: the first day its index rose above 0 (``any``) or reached 20."""
    table = daily(index)
    threshold = FIRST_MEASURE[level]
    reached = table > threshold if level == "any" else table >= threshold
    first = reached.idxmax().where(reached.any())
    return first.rename("first measure")


def _day_numbers(dates: pd.Series) -> pd.Series:
    return (dates - pd.Timestamp("2020-01-01")).dt.days


def timing_spread(dates: pd.Series, members: Iterable[str]) -> float:
    """Days between the first and the last of ``members`` to take a first measure."""
    days = _day_numbers(dates.reindex(list(members))).dropna()
    return float(days.max() - days.min()) if len(days) >= 2 else float("nan")


@cache
def correlations(index: Index = "stringency", period: str = "2020") -> pd.DataFrame:
    """Pairwise Pearson correlations of the daily index over a period (states x states)."""
    first, last = PERIODS[period]
    table = daily(index).loc[first:last]
    table = table.loc[:, table.notna().sum() >= 30]
    return table.corr(min_periods=30)


def synchrony(table: pd.DataFrame, members: Iterable[str]) -> float:
    """Mean pairwise correlation among ``members`` (pairs with a value)."""
    members = [m for m in members if m in table.index]
    values = [table.at[a, b] for a, b in combinations(members, 2)]
    values = [v for v in values if np.isfinite(v)]
    return float(np.mean(values)) if values else float("nan")


def pool(index: Index, period: str, level: str) -> list[str]:
    """States with a correlation row and a first-measure date: the random groups' pool."""
    table = correlations(index, period)
    dates = first_measure_dates(index, level).dropna()
    return sorted(set(table.index) & set(dates.index))


def random_timing(index: Index, period: str, level: str, size: int) -> np.ndarray:
    """Timing spread (days) of the book's random groups of ``size`` from the pool."""
    states = pool(index, period, level)
    days = _day_numbers(first_measure_dates(index, level).loc[states]).to_numpy(float)
    groups = windows.random_members(len(states), size)
    picked = days[groups]
    return picked.max(axis=1) - picked.min(axis=1)


def random_synchrony(index: Index, period: str, level: str, size: int) -> np.ndarray:
    """Synchrony of the book's random groups of ``size`` from the same pool."""
    return windows.random_baseline(correlations(index, period), pool(index, period, level), size)


def group_table(
    index: Index = "stringency", period: str = "2020", level: str = "any"
) -> pd.DataFrame:
    """The five and the comparison groups: timing spread (days) and synchrony, as shown."""
    table = correlations(index, period)
    dates = first_measure_dates(index, level)
    rows = []
    for key in GROUP_KEYS:
        members = countries.group(key).members_on(MEMBERS_ON)
        rows.append(
            {
                "group": key,
                "members": len(members),
                "spread (days)": timing_spread(dates, members),
                "synchrony": synchrony(table, members),
            }
        )
    frame = ordering.sort_by(pd.DataFrame(rows), "synchrony", "group", ascending=False)
    return frame.set_index("group")


def members(turkmenistan: str = "with") -> tuple[str, ...]:
    """The five, or the four without Turkmenistan."""
    return C5 if turkmenistan == "with" else tuple(s for s in C5 if s != "TKM")


def coordination_evidence(
    index: Index, period: str, level: str, baseline: str, turkmenistan: str
) -> dict[str, float]:
    """Timing spread and synchrony of the five (or four) and their place in the baseline.

    ``timing_percentile`` is the share (%) of baseline groups whose spread is wider than the
    five's (high = the five took their first measures closer together); ``sync_percentile``
    the share whose synchrony is lower (high = the five moved more in step).
    """
    group = members(turkmenistan)
    table = correlations(index, period)
    dates = first_measure_dates(index, level)
    spread = timing_spread(dates, group)
    sync = synchrony(table, group)
    if baseline == "random":
        spreads = random_timing(index, period, level, len(group))
        syncs = random_synchrony(index, period, level, len(group))
    elif baseline == "regions":
        others = group_table(index, period, level).drop("C5")
        spreads = others["spread (days)"].to_numpy(float)
        syncs = others["synchrony"].to_numpy(float)
    else:
        raise ValueError(f"Unknown baseline {baseline!r}; choose random or regions.")
    spreads = spreads[np.isfinite(spreads)]
    return {
        "spread_days": spread,
        "sync": sync,
        "timing_percentile": float(100.0 * np.mean(spreads > spread)),
        "sync_percentile": windows.percentile(round(sync, 6), np.round(syncs, 6)),
        "baseline_median_spread": float(np.median(spreads)),
        "baseline_median_sync": float(np.nanmedian(syncs)),
    }


def pair_table(index: Index = "stringency", period: str = "2020") -> pd.DataFrame:
    """The five's pairwise correlations of the daily index (names as rows and columns)."""
    table = correlations(index, period).loc[list(C5), list(C5)]
    names = [C5_NAMES[s] for s in C5]
    return pd.DataFrame(table.to_numpy(), index=names, columns=names).rename_axis("state")


def mean_with_others(state: str, index: Index = "stringency", period: str = "2020") -> float:
    """A member's mean correlation with the other four of the five."""
    table = correlations(index, period)
    return float(table.loc[state, [s for s in C5 if s != state]].mean())


def first_measures_table(index: Index = "stringency") -> pd.DataFrame:
    """The five's first days with any measure and with a substantial one (index >= 20)."""
    rows = {
        level: first_measure_dates(index, level).reindex(list(C5)).dt.strftime("%Y-%m-%d")
        for level in FIRST_MEASURE
    }
    frame = pd.DataFrame(rows).rename(columns={"any": "first measure", "substantial": "index ≥ 20"})
    frame.index = [C5_NAMES[s] for s in frame.index]
    return frame.rename_axis("state")


def plot_daily(fig: plt.Figure, index: Index = "stringency") -> plt.Figure:
    """One small panel per state: its daily index in 2020-2022 over the median of all states
    the tracker scores (grey), so each line is read against the world's."""
    table = daily(index).loc["2020-01-01":"2022-12-31"]
    world = table.median(axis=1)
    axes = fig.subplots(len(C5), 1, sharex=True, sharey=True)
    for ax, state in zip(axes, C5):
        ax.plot(world.index, world.to_numpy(), color=plots.GREY, lw=1.2, label="median state")
        ax.plot(table.index, table[state], color=plots.STATE_COLOURS[state], lw=1.6)
        ax.set_ylim(0, 100)
        ax.set_yticks([0, 50, 100])
        ax.text(0.01, 0.9, C5_NAMES[state], transform=ax.transAxes, va="top", fontsize=11)
    axes[0].legend(loc="upper right", fontsize=9)
    axes[-1].xaxis.set_major_locator(mdates.YearLocator())
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    fig.supylabel(f"OxCGRT {INDEX_LABELS[index]} (0–100)")
    return fig


def plot_synchrony(
    ax: plt.Axes, index: Index = "stringency", period: str = "2020", level: str = "any"
) -> plt.Axes:
    """Histogram of random groups' synchrony with the five's (and the four's) marked."""
    baseline = random_synchrony(index, period, level, len(C5))
    ax.hist(baseline[np.isfinite(baseline)], bins=40, color=plots.GREY)
    table = correlations(index, period)
    for turkmenistan, style in (("with", "-"), ("without", "--")):
        value = synchrony(table, members(turkmenistan))
        name = "the five" if turkmenistan == "with" else "the four without Turkmenistan"
        ax.axvline(value, color=plots.PALETTE[0], ls=style, lw=2, label=name)
    ax.legend(loc="upper left")
    return plots.label(
        ax,
        f"synchrony: mean pairwise correlation of the daily {INDEX_LABELS[index]}, {period}",
        "random groups of five (count)",
    )
