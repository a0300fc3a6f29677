"""Chapter 1: how unequal the five economies are, against other groups (claim C1.18).

Two sources, pinned in :mod:`caorder.fetch`:

* the World Bank's GDP (current US$) and population (World Development Indicators, via the
  datahub copies), 1992-2023: GDP per capita is their ratio, a point estimate per state-year;
* Fariss, Anders, Markowitz and Barnum (2022), via the ``isard`` package: GDP per capita in
  2011 international dollars (PPP) with a standard deviation per state-year, to 2019. Draws
  from those estimates give the uncertainty band of every dispersion measure.

The dispersion of GDP per capita among a group's members in a year is measured by the
coefficient of variation (standard deviation over mean) or the ratio of the highest to the
lowest value; a group's dispersion over a period is the mean of its yearly values. The
baselines are the book's comparison groups (membership by year) and random groups of the
same size drawn with :func:`caorder.windows.random_members`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from caorder import countries, ordering, plots, statecodes, windows
from caorder.countries import C5, COMPARISON_GROUPS
from caorder.fetch import fetch
from caorder.schemas import FARISS_GDPPOP, WB_SERIES, validate
from caorder.tables import read_rda

Source = Literal["wb", "fariss"]
SOURCES: tuple[Source, ...] = ("wb", "fariss")
Measure = Literal["cv", "max_min"]
MEASURES: tuple[Measure, ...] = ("cv", "max_min")
MEASURE_LABELS = {"cv": "coefficient of variation", "max_min": "highest / lowest"}
#: Years each source covers for the five (the World Bank to 2023, Fariss et al. to 2019).
PERIODS = {"wb": (1992, 2023), "fariss": (1992, 2019)}
SOURCE_LABELS = {
    "wb": "World Bank, current US$",
    "fariss": "Fariss et al. (2022), 2011 PPP dollars",
}
GDP_FILE = "wb-gdp-822019c/gdp.csv"
POPULATION_FILE = "wb-population-425fc44/population.csv"
FARISS_FILE = "isard-46944ad/cw_gdppop.rda"
#: Draws from the Fariss et al. estimates (normal, mean and sd per state-year, floored at
#: 1 dollar) and their seed.
N_DRAWS = 500
DRAW_SEED = windows.SEED


def read_wb(key: str) -> pd.DataFrame:
    """A datahub World Bank series as ``code, country, year, value`` (validated)."""
    frame = pd.read_csv(fetch(key))
    frame = frame.rename(
        columns={
            "Country Code": "code",
            "Country Name": "country",
            "Year": "year",
            "Value": "value",
        }
    )
    frame = frame.dropna(subset=["value"]).astype({"year": int, "value": float})
    return validate(frame[["code", "country", "year", "value"]], WB_SERIES, key)


def read_fariss() -> pd.DataFrame:
    """The Fariss et al. (2022) estimates per COW state-year (validated)."""
    frame = read_rda(FARISS_FILE)
    frame = frame.astype({"ccode": int, "year": int})
    return validate(frame, FARISS_GDPPOP, FARISS_FILE)


@cache
def gdp_per_capita(source: Source = "wb") -> pd.DataFrame:
    """GDP per capita per UN member and year: ``iso3, year, gdppc, sd`` (sd 0 for the WB).

    World Bank: GDP over population, members of ``data/members.csv`` only (the aggregates
    drop out). Fariss et al.: COW codes mapped to ISO3 through :mod:`caorder.statecodes`.
    """
    if source == "wb":
        gdp = read_wb(GDP_FILE).set_index(["code", "year"])["value"]
        pop = read_wb(POPULATION_FILE).set_index(["code", "year"])["value"]
        frame = (gdp / pop).dropna().rename("gdppc").reset_index()
        frame = frame[frame["code"].isin(set(countries.load_members()["iso3"]))]
        frame = frame.rename(columns={"code": "iso3"}).assign(sd=0.0)
    elif source == "fariss":
        frame = read_fariss()
        frame = frame.assign(iso3=statecodes.iso3_from(frame["ccode"], "cow"))
        frame = frame.dropna(subset=["iso3", "mrgdppc"])
        frame = frame.rename(columns={"mrgdppc": "gdppc", "sd_mrgdppc": "sd"})
        frame = frame.groupby(["iso3", "year"], as_index=False)[["gdppc", "sd"]].first()
    else:
        raise ValueError(f"Unknown source {source!r}; choose one of {SOURCES}.")
    frame = frame[frame["gdppc"] > 0]
    return (
        frame[["iso3", "year", "gdppc", "sd"]].sort_values(["iso3", "year"]).reset_index(drop=True)
    )


@cache
def gdp_total(source: Source = "wb") -> pd.DataFrame:
    """Total GDP per state-year, ``iso3, year, gdp`` (WB current US$; Fariss PWT real GDP)."""
    if source == "wb":
        frame = read_wb(GDP_FILE).rename(columns={"code": "iso3", "value": "gdp"})
    else:
        frame = read_fariss()
        frame = frame.assign(iso3=statecodes.iso3_from(frame["ccode"], "cow"))
        frame = frame.rename(columns={"pwtrgdp": "gdp"}).dropna(subset=["iso3", "gdp"])
    return frame[["iso3", "year", "gdp"]].reset_index(drop=True)


def wide(source: Source, first: int, last: int) -> pd.DataFrame:
    """Years (rows) x states (columns) of GDP per capita over ``first``-``last``."""
    frame = gdp_per_capita(source)
    frame = frame[frame["year"].between(first, last)]
    return frame.pivot(index="year", columns="iso3", values="gdppc").sort_index(axis=1)


def dispersion(values: np.ndarray, measure: Measure = "cv") -> np.ndarray:
    """Dispersion along the last axis: coefficient of variation or highest / lowest value.

    The coefficient of variation uses the population standard deviation (ddof 0): the
    members are the whole group, not a sample of it.
    """
    if measure == "cv":
        return np.std(values, axis=-1) / np.mean(values, axis=-1)
    if measure == "max_min":
        return np.max(values, axis=-1) / np.min(values, axis=-1)
    raise ValueError(f"Unknown measure {measure!r}; choose one of {MEASURES}.")


def group_dispersion(
    table: pd.DataFrame, members_by_year: dict[int, list[str]], measure: Measure = "cv"
) -> float:
    """Mean over years of the dispersion among each year's members with data (NaN if fewer
    than two members have data in every year)."""
    values = []
    for year, members in members_by_year.items():
        row = table.loc[year, [m for m in members if m in table.columns]].dropna()
        if len(row) < 2:
            return float("nan")
        values.append(float(dispersion(row.to_numpy(), measure)))
    return float(np.mean(values))


def _years(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


def yearly_dispersion(
    source: Source, members: Iterable[str] = C5, measure: Measure = "cv"
) -> pd.Series:
    """Dispersion among ``members`` per year of the source's period (point estimates)."""
    first, last = PERIODS[source]
    table = wide(source, first, last)[list(members)]
    return pd.Series(dispersion(table.to_numpy(), measure), index=table.index, name=measure)


def _draws(source: Source, members: Iterable[str]) -> tuple[pd.Index, np.ndarray]:
    """Years and ``N_DRAWS`` x years x members draws of GDP per capita from the estimates.

    Normal with each state-year's mean and standard deviation, floored at 1 dollar; the
    World Bank's point values have a standard deviation of 0, so every draw equals them.
    """
    first, last = PERIODS[source]
    members = list(members)
    frame = gdp_per_capita(source)
    frame = frame[frame["year"].between(first, last) & frame["iso3"].isin(members)]
    mean = frame.pivot(index="year", columns="iso3", values="gdppc")[members]
    sd = frame.pivot(index="year", columns="iso3", values="sd")[members]
    noise = np.random.default_rng(DRAW_SEED).standard_normal((N_DRAWS, *mean.shape))
    return mean.index, np.maximum(mean.to_numpy() + noise * sd.to_numpy(), 1.0)


def draws_band(
    source: Source, members: Iterable[str] = C5, measure: Measure = "cv"
) -> pd.DataFrame:
    """Per year: the 5th, 50th and 95th percentile of the dispersion among ``members`` over
    draws from the estimates' uncertainty (zero width for the World Bank's point values)."""
    years, draws = _draws(source, members)
    values = dispersion(draws, measure)  # draws x years
    bands = np.percentile(values, [5, 50, 95], axis=0).T
    return pd.DataFrame(bands, index=years, columns=["p5", "p50", "p95"])


def _period_band(source: Source, members: Iterable[str], measure: Measure) -> tuple[float, float]:
    """5th and 95th percentile over draws of the period mean of the yearly dispersion."""
    _, draws = _draws(source, members)
    period = dispersion(draws, measure).mean(axis=1)
    return float(np.percentile(period, 5)), float(np.percentile(period, 95))


Pool = Literal["all_states", "income_matched"]
POOLS: tuple[Pool, ...] = ("all_states", "income_matched")


def pool(source: Source, kind: Pool = "all_states", reference: Iterable[str] = C5) -> list[str]:
    """States with GDP per capita in every year of the period: all of them (``"all_states"``),
    or ``"income_matched"``, those whose period mean lies within the range of the reference
    states' period means."""
    first, last = PERIODS[source]
    table = wide(source, first, last).dropna(axis=1)
    states = sorted(table.columns)
    if kind == "all_states":
        return states
    if kind == "income_matched":
        means = table.mean()
        low, high = means[list(reference)].min(), means[list(reference)].max()
        return sorted(means.index[means.between(low, high)])
    raise ValueError(f"Unknown pool {kind!r}; choose one of {POOLS}.")


def random_yearly(
    source: Source, kind: Pool = "all_states", measure: Measure = "cv", size: int = len(C5)
) -> np.ndarray:
    """Years x groups: yearly dispersion of the book's random groups of ``size`` states."""
    first, last = PERIODS[source]
    states = pool(source, kind)
    values = wide(source, first, last)[states].to_numpy()  # years x states
    groups = windows.random_members(len(states), size)
    return dispersion(values[:, groups], measure)  # years x groups


def random_dispersion(
    source: Source, kind: Pool = "all_states", measure: Measure = "cv", size: int = len(C5)
) -> np.ndarray:
    """Period-mean dispersion of the book's random groups of ``size`` states from the pool."""
    return random_yearly(source, kind, measure, size).mean(axis=0)


def _members_by_year(group: countries.Group, first: int, last: int) -> dict[int, list[str]]:
    return {year: group.members_in_year(year) for year in _years(first, last)}


def group_table(source: Source, measure: Measure = "cv") -> pd.DataFrame:
    """The five and the comparison groups: period-mean dispersion (members by year)."""
    first, last = PERIODS[source]
    table = wide(source, first, last)
    rows = [
        {
            "group": key,
            "dispersion": group_dispersion(
                table, _members_by_year(countries.group(key), first, last), measure
            ),
        }
        for key in ("C5", *COMPARISON_GROUPS)
    ]
    return pd.DataFrame(rows).set_index("group")


def group_table_both(measure: Measure = "cv") -> pd.DataFrame:
    """Groups (rows) x sources (columns, labelled with their years): period-mean dispersion."""
    columns = {
        f"{SOURCE_LABELS[source]}, {PERIODS[source][0]}–{PERIODS[source][1]}": group_table(
            source, measure
        )["dispersion"]
        for source in SOURCES
    }
    return pd.DataFrame(columns)


def size_order_share(source: Source = "wb") -> float:
    """Share of the period's years in which Kazakhstan and Uzbekistan each have a larger GDP
    than both Kyrgyzstan and Tajikistan (the paper's "differ in quantitative terms")."""
    first, last = PERIODS[source]
    frame = gdp_total(source)
    frame = frame[frame["year"].between(first, last)]
    table = frame.pivot(index="year", columns="iso3", values="gdp")[list(C5)].dropna()
    larger = table[["KAZ", "UZB"]].min(axis=1) > table[["KGZ", "TJK"]].max(axis=1)
    return float(larger.mean())


def dispersion_evidence(source: Source, measure: Measure, kind: Pool) -> dict[str, float]:
    """The numbers the rule of C1.18 reads (see :mod:`caorder.verdicts.economies`)."""
    c5 = float(yearly_dispersion(source, C5, measure).mean())
    low, high = _period_band(source, C5, measure)
    baseline = random_dispersion(source, kind, measure)
    groups = group_table(source, measure)["dispersion"].drop("C5").dropna()
    return {
        "c5": c5,
        "c5_low": low,
        "c5_high": high,
        "random_median": float(np.median(baseline)),
        "percentile": windows.percentile(c5, baseline),
        "groups_below_low": float((groups < low).mean()),
        "groups_above_high": float((groups > high).mean()),
        "n_groups": float(len(groups)),
        "size_order_share": size_order_share(source),
    }


def plot_yearly(ax: plt.Axes, measure: Measure = "cv") -> plt.Axes:
    """The five's yearly dispersion (Fariss band and World Bank line) beside the medians of
    random groups of five from all states and from the matched pool (Fariss)."""
    band = draws_band("fariss", C5, measure)
    blue, orange, green = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[2]
    ax.fill_between(band.index, band["p5"], band["p95"], color=blue, alpha=0.25, lw=0)
    ax.plot(band.index, band["p50"], color=blue, lw=2, label="the five, Fariss et al. (90% band)")
    wb = yearly_dispersion("wb", C5, measure)
    ax.plot(wb.index, wb.to_numpy(), color=blue, ls=":", lw=2, label="the five, World Bank")
    years = band.index
    for kind, colour, style, name in (
        ("all_states", orange, "--", "random groups, all states (median)"),
        ("income_matched", green, "-.", "random groups, states in the five's range (median)"),
    ):
        median = np.median(random_yearly("fariss", kind, measure), axis=1)
        ax.plot(years, median, color=colour, ls=style, lw=1.6, label=name)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=10)
    return plots.label(ax, "year", f"GDP per capita dispersion\n({MEASURE_LABELS[measure]})")


def plot_groups(ax: plt.Axes, source: Source = "fariss", measure: Measure = "cv") -> plt.Axes:
    """Horizontal bars: each group's period-mean dispersion, the five highlighted, with the
    random groups' median (all states) as a line."""
    table = ordering.sort_by(group_table(source, measure).reset_index(), "dispersion", "group")
    colours = [plots.PALETTE[0] if k == "C5" else plots.GREY for k in table["group"]]
    names = [plots.group_label(k) for k in table["group"]]
    ax.barh(names, table["dispersion"].to_numpy(), color=colours)
    median = float(np.median(random_dispersion(source, "all_states", measure)))
    ax.axvline(median, color=plots.PALETTE[1], ls="--", label="random groups of five (median)")
    ax.legend(loc="lower right", fontsize=9)
    first, last = PERIODS[source]
    return plots.label(ax, f"{MEASURE_LABELS[measure]}, mean {first}–{last}", "")
