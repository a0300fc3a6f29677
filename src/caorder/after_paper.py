"""After the paper (2020-2025): did cohesion, balancing and the territorial stance hold?

The paper was written with data to 2020. Chapter 4 extends three of the book's series past
it with the sources of :mod:`caorder.extension` (canonical votes to 2019, the wide Voeten
matrix 2020-2023 with January-October 2022 missing, the UN Digital Library file for 2025;
or the official UNDL file for every year from 2020 when ``CAORDER_UNDL_CSV`` is set) and the
ideal points to 2024:

* C5 cohesion: mean pairwise Cohen's kappa among the five per year, and where it stands
  among random five-state groups of that year (:func:`cohesion_percentiles`);
* balancing: each state's raw agreement with Russia, China and the United States per year
  (:func:`great_power_agreement`) and its ideal-point distance to them
  (:func:`ideal_point_distances`);
* the territorial-integrity stance: the five's votes on every roll call, identifiable by its
  title, on the territorial conflicts of the former Soviet space (Ukraine and Crimea,
  Georgia's Abkhazia and South Ossetia, Azerbaijan's occupied territories, Moldova), via
  :func:`territorial_votes`. The wide matrix has no titles, so its 2020-2023 roll calls
  are identified only where a curated roll call matches one (same date and totals); the
  2022-2024 votes on Ukraine missing from the pinned files come from the curated tables
  (:func:`caorder.extension.curated`), for the five and up to ten comparison states.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from caorder import agreement, extension, tables
from caorder.claims import Verdict, evaluator
from caorder.countries import C5

GREAT_POWERS = ("RUS", "CHN", "USA")
#: Titles or symbols of roll calls on territorial conflicts in the former Soviet space.
TERRITORIAL_PATTERN = (
    r"Ukrain|Crimea|Sevastopol|ES-11/|Abkhaz|Tskhinvali|South Ossetia|"
    r"occupied territories of Azerbaijan|withdrawal of foreign military forces"
)
INVASION = pd.Timestamp("2022-02-24")
CRIMEA = pd.Timestamp("2014-03-01")
PRE_YEARS = (2010, 2019)  #: the decade before the paper, the benchmark for "held"
POST_YEARS = (2020, 2025)
BASELINE_GROUPS = 2000
SEED = 20210301


@lru_cache(maxsize=1)
def combined() -> extension.Extension:
    """Every usable roll call 1946-2025, one source per year (cached)."""
    return extension.combined()


def _votes_in_year(data: extension.Extension, year: int) -> pd.DataFrame:
    rcids = data.rollcalls.loc[data.rollcalls["year"] == year, "rcid"]
    return data.votes[data.votes["rcid"].isin(rcids)]


def cohesion_percentiles(first: int = 1992, last: int = 2025,
                         n_groups: int = BASELINE_GROUPS) -> pd.DataFrame:
    """Per year: C5 kappa cohesion, the random-group median, and the C5 percentile.

    The baseline draws ``n_groups`` random five-state groups from every state with kappa
    scores that year (fixed seed). Years with no roll calls, or too few for any pair to
    reach :func:`caorder.agreement.pairwise`'s minimum of common votes (e.g. a year held
    only by a few curated roll calls, or an official file that covers it thinly), are kept
    as rows with NaN, so the gaps stay visible. ``source`` says where the year's roll calls
    come from.
    """
    data = combined()
    sources = data.rollcalls.groupby("year")["source"].agg(lambda s: "+".join(sorted(set(s))))
    rows = []
    for year in range(first, last + 1):
        chunk = _votes_in_year(data, year)
        row = {"year": year, "source": sources.get(year, "none"),
               "n_rollcalls": int(chunk["rcid"].nunique())}
        scores = agreement.pairwise(agreement.vote_matrix(chunk), "kappa")
        pool = scores.index[scores.notna().sum(axis=1) > 1]
        if len(pool) >= len(C5):  # too few roll calls leave every pair without a score
            c5 = agreement.group_cohesion(scores, C5)
            baseline = agreement.random_group_cohesion(scores, pool, 5, n_groups, SEED + year)
            row |= {"c5_kappa": c5, "random_median": float(np.nanmedian(baseline)),
                    "percentile": float(100 * np.mean(baseline < c5))}
        rows.append(row)
    columns = ["year", "source", "n_rollcalls", "c5_kappa", "random_median", "percentile"]
    return pd.DataFrame(rows).reindex(columns=columns)


def great_power_agreement(first: int = 1992, last: int = 2025) -> pd.DataFrame:
    """Long table: year, state (each of the five), power, agreement (share of identical votes)."""
    data = combined()
    states = [*C5, *GREAT_POWERS]
    years = data.rollcalls.loc[data.rollcalls["year"].between(first, last), ["rcid", "year"]]
    frame = data.votes[data.votes["iso3"].isin(states)].merge(years, on="rcid")
    rows = []
    for year, chunk in frame.groupby("year", sort=True):
        scores = agreement.pairwise(agreement.vote_matrix(chunk, states), "agreement")
        rows += [{"year": int(year), "state": s, "power": p, "agreement": float(scores.at[s, p])}
                 for s in C5 for p in GREAT_POWERS]
    return pd.DataFrame(rows)


def ideal_point_distances(first: int = 1992, last: int = 2024) -> pd.DataFrame:
    """Long table: year, state, power, distance = |ideal point of state - ideal point of power|."""
    points = tables.ideal_points().pivot(index="year", columns="iso3", values="ideal_point")
    points = points.loc[first:last]
    rows = [{"year": int(y), "state": s, "power": p,
             "distance": float(abs(points.at[y, s] - points.at[y, p]))}
            for y in points.index for s in C5 for p in GREAT_POWERS]
    return pd.DataFrame(rows).dropna()


def own_shift(pre: tuple[int, int] = (2015, 2021), post: tuple[int, int] = (2022, 2024),
              power: str = "RUS") -> pd.DataFrame:
    """Per state (and ``power``): mean ideal point before and after, and the shift towards ``power``.

    ``towards`` is the state's own shift in the direction of ``power``'s post-invasion mean
    position, in units of the state's pre-invasion year-to-year SD: above 2 means the state
    itself moved towards Russia's new position beyond its ordinary variation. Distances alone
    cannot tell this, because they shrink when the power moves too.
    """
    points = tables.ideal_points().pivot(index="year", columns="iso3", values="ideal_point")
    target = points.loc[post[0]:post[1], power].mean()
    rows = []
    for state in [*C5, power]:
        before = points.loc[pre[0]:pre[1], state]
        after = points.loc[post[0]:post[1], state]
        towards = np.sign(target - before.mean()) * (after.mean() - before.mean()) / before.std()
        rows.append({"state": state, "before": float(before.mean()), "after": float(after.mean()),
                     "shift": float(after.mean() - before.mean()),
                     "towards": float(towards) if state != power else float("nan")})
    return pd.DataFrame(rows)


def territorial_rollcalls() -> pd.DataFrame:
    """Roll calls since 1992 whose title or symbol names a post-Soviet territorial conflict."""
    calls = combined().rollcalls
    calls = calls[calls["year"] >= 1992]
    found = extension.find_rollcalls(calls, TERRITORIAL_PATTERN)
    period = np.select([found["date"] >= INVASION, found["date"] >= CRIMEA],
                       ["after the 2022 invasion", "2014 – Feb 2022"], "1992 – Feb 2014")
    return found.assign(period=period)


def territorial_votes() -> pd.DataFrame:
    """The five's (and Russia's and Ukraine's) votes on :func:`territorial_rollcalls`."""
    calls = territorial_rollcalls()
    states = [*C5, "RUS", "UKR"]
    table = extension.state_votes(combined().votes, calls["rcid"].tolist(), states)
    meta = calls.set_index("rcid")[["date", "symbol", "title", "period", "source"]]
    meta["title"] = meta["title"].fillna("").str.split(" : ").str[0].str.slice(0, 70)
    meta["date"] = meta["date"].dt.date.astype(str)
    return meta.join(table).reset_index(drop=True)


def territorial_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Share of the five's votes per period: yes / abstain / no (of votes cast) and absent (of all)."""
    long = table.melt(id_vars=["period"], value_vars=list(C5), value_name="vote")
    long = long[long["vote"] != "not in file"]
    counts = pd.crosstab(long["period"], long["vote"]).reindex(
        columns=["yes", "abstain", "no", "absent"], fill_value=0)
    cast = counts[["yes", "abstain", "no"]].sum(axis=1)
    shares = counts[["yes", "abstain", "no"]].div(cast, axis=0)
    shares["absent (of all)"] = counts["absent"] / counts.sum(axis=1)
    shares["roll calls"] = table.groupby("period").size()
    order = ["1992 – Feb 2014", "2014 – Feb 2022", "after the 2022 invasion"]
    return shares.reindex([p for p in order if p in shares.index])


#: How the curated table writes a vote no source states.
NOT_SOURCED = "not sourced"
VOTE_ORDER = ("yes", "abstain", "no", "absent")


def ukraine_votes(states: tuple[str, ...] = C5) -> pd.DataFrame:
    """The 2022-2024 votes on Ukraine and Russia (curated tables), one row per text and state.

    Columns: date, symbol, title, state, vote (:data:`NOT_SOURCED` where no source states
    it), confidence, source (the first URL given for that vote, else the resolution's first
    URL), symbol_confirmed. Sorted by date and state. Where a pinned file holds the same roll
    call (:func:`caorder.extension.match_curated`), a vote the curated table lacks is taken
    from it, with confidence "pinned file" and the file's source name.
    """
    res = extension.load_resolutions()
    votes = extension.load_recorded_votes(resolutions=res)
    res = res[(res["collection"] == "ukraine-2022") & res["recorded_vote"]]
    grid = res.merge(pd.DataFrame({"state": list(states)}), how="cross")
    table = grid.merge(votes.rename(columns={"iso3": "state", "source": "vote_source"})
                       .drop(columns="date"), on=["symbol", "state"], how="left")
    held = _pinned_votes(res["symbol"], states)
    table = table.merge(held, on=["symbol", "state"], how="left")
    from_pinned = table["vote"].isna() & table["pinned_vote"].notna()
    table.loc[from_pinned, "confidence"] = "pinned file"
    table.loc[from_pinned, "vote_source"] = table.loc[from_pinned, "pinned_source"]
    table["vote"] = table["vote"].fillna(table["pinned_vote"]).fillna(NOT_SOURCED)
    table["confidence"] = table["confidence"].fillna("")
    first = table["vote_source"].fillna(table["source"]).str.split(" ; ").str[0]
    table = table.assign(source=first, date=table["date"].dt.strftime("%Y-%m-%d"))
    columns = ["date", "symbol", "title", "state", "vote", "confidence", "source",
               "symbol_confirmed"]
    return table[columns].sort_values(["date", "symbol", "state"], ignore_index=True)


def _pinned_votes(symbols: pd.Series, states: tuple[str, ...]) -> pd.DataFrame:
    """Votes of ``states`` on the roll calls of :func:`combined` that a pinned file holds and
    the curated table names (``also_in``): symbol, state, pinned_vote, pinned_source."""
    calls = combined().rollcalls
    calls = calls[calls["also_in"].eq(extension.CURATED) & calls["symbol"].isin(symbols)]
    votes = combined().votes
    votes = votes[votes["rcid"].isin(calls["rcid"]) & votes["iso3"].isin(states)]
    frame = votes.merge(calls[["rcid", "symbol", "source"]], on="rcid")
    return pd.DataFrame({"symbol": frame["symbol"], "state": frame["iso3"],
                         "pinned_vote": frame["vote"].astype(str),
                         "pinned_source": "pinned file: " + frame["source"]})


def ukraine_vote_grid(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`ukraine_votes` as a grid: rows ``date symbol``, columns states, cells votes."""
    label = table["date"] + "  " + table["symbol"]
    grid = table.assign(label=label).pivot(index="label", columns="state", values="vote")
    return grid.reindex(columns=list(dict.fromkeys(table["state"])))


@evaluator("C4.2")
def claim_c4_2() -> Verdict:
    """The five's voting cohesion held after the paper (2020-2025).

    Rule: supports if the median percentile of C5 kappa among random five-state groups over
    the post-paper years with data is at least 75; contradicts if it is below 50; mixed in
    between. (2010-2019 is shown as the benchmark.)
    """
    table = cohesion_percentiles(PRE_YEARS[0], POST_YEARS[1]).dropna(subset=["percentile"])
    post = table[table["year"].between(*POST_YEARS)]
    pre = table[table["year"].between(*PRE_YEARS)]
    value = float(post["percentile"].median())
    verdict = "supports" if value >= 75 else "contradicts" if value < 50 else "mixed"
    return Verdict(
        "C4.2", verdict, "median percentile of C5 kappa among random groups, 2020-2025", round(value, 1),
        f"In the {len(post)} post-paper years with roll calls ({', '.join(map(str, post['year']))}) "
        f"the five were more cohesive than a median {value:.0f}% of random five-state groups "
        f"(2010-2019: {pre['percentile'].median():.0f}%); mean C5 kappa {post['c5_kappa'].mean():.2f} "
        f"against {pre['c5_kappa'].mean():.2f}.",
    )


@evaluator("C4.3")
def claim_c4_3() -> Verdict:
    """The territorial-integrity stance held after Russia's 2022 invasion of Ukraine.

    Rule (the paper's "wariness": not endorsing annexation): supports if none of the five's
    votes cast on the identifiable post-invasion territorial roll calls is 'no' (siding with
    Russia against the resolution); contradicts if 'no' is more than half of them; mixed
    otherwise.
    """
    shares = territorial_shares(territorial_votes())
    after = shares.loc["after the 2022 invasion"]
    value = float(after["no"])
    verdict = "supports" if value == 0 else "contradicts" if value > 0.5 else "mixed"
    return Verdict(
        "C4.3", verdict, "share of C5 cast votes that are 'no', post-invasion territorial roll calls",
        round(value, 3),
        f"On {int(after['roll calls'])} identifiable post-invasion roll calls on post-Soviet "
        f"territorial conflicts the five's cast votes were {after['yes']:.0%} yes, "
        f"{after['abstain']:.0%} abstain and {after['no']:.0%} no; {after['absent (of all)']:.0%} "
        "of their seats did not vote. Votes of 2022-2024 missing from the pinned files come "
        "from the curated tables.",
    )


@evaluator("C4.7")
def claim_c4_7() -> Verdict:
    """Balancing held: the five did not move towards Russia after the 2022 invasion.

    Rule, on each state's own ideal point: a state "drifted" if its 2022-2024 mean moved
    towards Russia's 2022-2024 position by more than two of its own 2015-2021 year-to-year
    standard deviations (:func:`own_shift`). Supports if no state drifted; contradicts if
    three or more did; mixed otherwise. (A first version of this rule used the distance to
    Russia; it was replaced because that distance also shrinks when Russia moves, as it did.)
    """
    shifts = own_shift()
    five = shifts[shifts["state"].isin(C5)]
    drifted = five.loc[five["towards"] > 2, "state"].tolist()
    count = len(drifted)
    verdict = "supports" if count == 0 else "contradicts" if count >= 3 else "mixed"
    russia = shifts.set_index("state").loc["RUS"]
    return Verdict(
        "C4.7", verdict, "number of the five that moved towards Russia (own shift > 2 SD)", float(count),
        f"{count} of the five moved their own ideal point towards Russia's post-invasion position "
        f"by more than two pre-invasion SDs{' (' + ', '.join(drifted) + ')' if drifted else ''}; "
        f"Russia itself moved from {russia['before']:.2f} (2015-2021) to {russia['after']:.2f} "
        f"(2022-2024), the five on average from {five['before'].mean():.2f} to {five['after'].mean():.2f}.",
    )
