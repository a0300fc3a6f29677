"""After the paper (2020-2025): did cohesion, balancing and the territorial stance hold?

The paper was written with data to 2020. Chapter 4 extends three of the book's series past
it with the sources of :mod:`caorder.extension` (canonical votes to 2019, the wide Voeten
matrix 2020-2023 with January-October 2022 missing, the UN Digital Library file for 2025;
or the official UNDL file for every year from 2020 when ``CAORDER_UNDL_CSV`` is set) and the
ideal points to 2024:

* C5 cohesion: the five's mean pairwise agreement per year, and where it stands among
  random five-state groups of that year, drawn with the book's one random baseline
  (:func:`percentiles_by_year`);
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

from caorder import agreement, extension, tables, windows
from caorder.countries import C5, GREAT_POWERS

#: Titles or symbols of roll calls on territorial conflicts in the former Soviet space.
TERRITORIAL_PATTERN = (
    r"Ukrain|Crimea|Sevastopol|ES-11/|Abkhaz|Tskhinvali|South Ossetia|"
    r"occupied territories of Azerbaijan|withdrawal of foreign military forces"
)
INVASION = pd.Timestamp("2022-02-24")
CRIMEA = pd.Timestamp("2014-03-01")
PRE_YEARS = (2010, 2019)  #: the decade before the paper, the benchmark for "held"
POST_YEARS = (2020, 2025)


@lru_cache(maxsize=1)
def combined() -> extension.Extension:
    """Every usable roll call 1946-2025, one source per year (cached)."""
    return extension.combined()


def great_power_agreement(first: int = 1992, last: int = 2025) -> pd.DataFrame:
    """Long table: year, state (each of the five), power, agreement (share of identical votes)."""
    data = combined()
    states = [*C5, *GREAT_POWERS]
    years = data.rollcalls.loc[data.rollcalls["year"].between(first, last), ["rcid", "year"]]
    frame = data.votes[data.votes["iso3"].isin(states)].merge(years, on="rcid")
    rows = []
    for year, chunk in frame.groupby("year", sort=True):
        scores = agreement.pairwise(agreement.vote_matrix(chunk, states), "agreement")
        rows += [
            {"year": int(year), "state": s, "power": p, "agreement": float(scores.at[s, p])}
            for s in C5
            for p in GREAT_POWERS
        ]
    return pd.DataFrame(rows)


def ideal_point_distances(first: int = 1992, last: int = 2024) -> pd.DataFrame:
    """Long table: year, state, power, distance = |ideal point of state - ideal point of power|."""
    points = tables.ideal_points().pivot(index="year", columns="iso3", values="ideal_point")
    points = points.loc[first:last]
    rows = [
        {
            "year": int(y),
            "state": s,
            "power": p,
            "distance": float(abs(points.at[y, s] - points.at[y, p])),
        }
        for y in points.index
        for s in C5
        for p in GREAT_POWERS
    ]
    return pd.DataFrame(rows).dropna()


def own_shift(
    pre: tuple[int, int] = (2015, 2021), post: tuple[int, int] = (2022, 2024), power: str = "RUS"
) -> pd.DataFrame:
    """Per state (and ``power``): mean ideal point before and after, and the shift towards it.

    ``towards`` is the state's own shift in the direction of ``power``'s post-invasion mean
    position, in units of the state's pre-invasion year-to-year SD: above 2 means the state
    itself moved towards Russia's new position beyond its ordinary variation. Distances alone
    cannot tell this, because they shrink when the power moves too.
    """
    points = tables.ideal_points().pivot(index="year", columns="iso3", values="ideal_point")
    target = points.loc[post[0] : post[1], power].mean()
    rows = []
    for state in [*C5, power]:
        before = points.loc[pre[0] : pre[1], state]
        after = points.loc[post[0] : post[1], state]
        towards = np.sign(target - before.mean()) * (after.mean() - before.mean()) / before.std()
        rows.append(
            {
                "state": state,
                "before": float(before.mean()),
                "after": float(after.mean()),
                "shift": float(after.mean() - before.mean()),
                "towards": float(towards) if state != power else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def territorial_rollcalls() -> pd.DataFrame:
    """Roll calls since 1992 whose title or symbol names a post-Soviet territorial conflict."""
    calls = combined().rollcalls
    calls = calls[calls["year"] >= 1992]
    found = extension.find_rollcalls(calls, TERRITORIAL_PATTERN)
    period = np.select(
        [found["date"] >= INVASION, found["date"] >= CRIMEA],
        ["after the 2022 invasion", "2014 – Feb 2022"],
        "1992 – Feb 2014",
    )
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
    """Share of the five's votes per period: yes / abstain / no (of votes cast), absent (of all)."""
    long = table.melt(id_vars=["period"], value_vars=list(C5), value_name="vote")
    long = long[long["vote"] != "not in file"]
    counts = pd.crosstab(long["period"], long["vote"]).reindex(
        columns=["yes", "abstain", "no", "absent"], fill_value=0
    )
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
    table = grid.merge(
        votes.rename(columns={"iso3": "state", "source": "vote_source"}).drop(columns="date"),
        on=["symbol", "state"],
        how="left",
    )
    held = _pinned_votes(res["symbol"], states)
    table = table.merge(held, on=["symbol", "state"], how="left")
    from_pinned = table["vote"].isna() & table["pinned_vote"].notna()
    table.loc[from_pinned, "confidence"] = "pinned file"
    table.loc[from_pinned, "vote_source"] = table.loc[from_pinned, "pinned_source"]
    table["vote"] = table["vote"].fillna(table["pinned_vote"]).fillna(NOT_SOURCED)
    table["confidence"] = table["confidence"].fillna("")
    first = table["vote_source"].fillna(table["source"]).str.split(" ; ").str[0]
    table = table.assign(source=first, date=table["date"].dt.strftime("%Y-%m-%d"))
    columns = [
        "date",
        "symbol",
        "title",
        "state",
        "vote",
        "confidence",
        "source",
        "symbol_confirmed",
    ]
    return table[columns].sort_values(["date", "symbol", "state"], ignore_index=True)


def _pinned_votes(symbols: pd.Series, states: tuple[str, ...]) -> pd.DataFrame:
    """Votes of ``states`` on the roll calls of :func:`combined` that a pinned file holds and
    the curated table names (``also_in``): symbol, state, pinned_vote, pinned_source."""
    calls = combined().rollcalls
    calls = calls[calls["also_in"].eq(extension.CURATED) & calls["symbol"].isin(symbols)]
    votes = combined().votes
    votes = votes[votes["rcid"].isin(calls["rcid"]) & votes["iso3"].isin(states)]
    frame = votes.merge(calls[["rcid", "symbol", "source"]], on="rcid")
    return pd.DataFrame(
        {
            "symbol": frame["symbol"],
            "state": frame["iso3"],
            "pinned_vote": frame["vote"].astype(str),
            "pinned_source": "pinned file: " + frame["source"],
        }
    )


def ukraine_vote_grid(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`ukraine_votes` as a grid: rows ``date symbol``, columns states, cells votes."""
    label = table["date"] + "  " + table["symbol"]
    grid = table.assign(label=label).pivot(index="label", columns="state", values="vote")
    return grid.reindex(columns=list(dict.fromkeys(table["state"])))


# --- the evidence of claims C4.2, C4.3 and C4.7 (rules in caorder.verdicts.ch4) ---------

#: Title openings of the resolutions in claim C4.3's "territorial_integrity" scope, declared
#: before the five's votes on the 2022-2023 resolutions were loaded: resolutions that
#: reaffirm a post-Soviet state's territorial integrity within its recognised borders or
#: treat part of its territory as occupied (Ukraine since 2022; Georgia's Abkhazia and South
#: Ossetia; Azerbaijan; Moldova). Case-sensitive, anchored at the start of the title, so
#: that, e.g., "Humanitarian consequences of the aggression against Ukraine" is not in it.
TERRITORIAL_INTEGRITY_TITLES = (
    r"^(?:Aggression against Ukraine|Territorial integrity of|"
    r"Principles of the Charter of the United Nations underlying a comprehensive|"
    r"Advancing a comprehensive, just and lasting peace|"
    r"Situation of human rights in the temporarily occupied|"
    r"Status of internally displaced persons and refugees from Abkhazia|"
    r"The situation in the occupied territories of Azerbaijan|"
    r"Complete and unconditional withdrawal of foreign military forces)"
)
#: Scopes of claim C4.3: which post-invasion roll calls count.
SCOPES = ("territorial_integrity", "all_post_soviet")
POST_INVASION = "after the 2022 invasion"
VOTE_CHOICES = ("yes", "abstain", "no", "absent")


def in_scope(calls: pd.DataFrame, scope: str) -> pd.Series:
    """Which of :func:`territorial_rollcalls`' roll calls after the invasion are in ``scope``."""
    if scope not in SCOPES:
        raise ValueError(f"Unknown scope {scope!r}; choose one of {SCOPES}.")
    after = calls["period"] == POST_INVASION
    if scope == "all_post_soviet":
        return after
    titles = calls["title"].fillna("").astype(str)
    return after & titles.str.contains(TERRITORIAL_INTEGRITY_TITLES, regex=True)


def scope_votes(scope: str) -> pd.DataFrame:
    """The five's votes on the post-invasion roll calls in ``scope``: date, symbol, title and
    one column per state ('not in file' where no source records the vote), sorted by date."""
    calls = territorial_rollcalls()
    calls = calls[in_scope(calls, scope)].sort_values(["date", "rcid"])
    table = extension.state_votes(combined().votes, calls["rcid"].tolist(), list(C5))
    meta = calls.set_index("rcid")[["date", "symbol", "title"]]
    meta = meta.assign(date=meta["date"].dt.strftime("%Y-%m-%d"))
    return meta.join(table).reset_index(drop=True)


def five_vote_counts(table: pd.DataFrame) -> dict[str, float]:
    """How the five voted on the roll calls of ``table`` (one row per roll call, one column
    per state): counts per choice, votes not recorded, roll calls with at least one recorded
    vote, roll calls with any 'no', and the share of 'no' among cast votes."""
    five = table[list(C5)]
    counts = {f"n_{choice}": float((five == choice).to_numpy().sum()) for choice in VOTE_CHOICES}
    recorded = five.isin(VOTE_CHOICES)
    cast = counts["n_yes"] + counts["n_abstain"] + counts["n_no"]
    return counts | {
        "n_not_recorded": float((~recorded).to_numpy().sum()),
        "n_rollcalls": float(recorded.any(axis=1).sum()),
        "rollcalls_with_no": float((five == "no").any(axis=1).sum()),
        "no_share": counts["n_no"] / cast if cast else float("nan"),
    }


#: How :func:`describe_votes` words each vote.
VOTE_WORDS = {
    "yes": "voted yes",
    "abstain": "abstained",
    "no": "voted no",
    "absent": "did not vote",
    "not in file": "vote not recorded",
}


def describe_votes(table: pd.DataFrame) -> str:
    """What the five did on each roll call of :func:`scope_votes`, in words, e.g.
    "A/RES/ES-11/1 (2022-03-02): KAZ, KGZ, TJK abstained; TKM, UZB did not vote"."""
    lines = []
    for row in table.itertuples(index=False):
        votes = pd.Series({s: getattr(row, s) for s in C5})
        parts = [
            f"{', '.join(states.index)} {VOTE_WORDS.get(vote, vote)}"
            for vote, states in votes.groupby(votes, sort=False)
        ]
        lines.append(f"{row.symbol} ({row.date}): {'; '.join(parts)}")
    return ". ".join(lines) + "."


def hand_picked(calls: pd.DataFrame) -> pd.Series:
    """Which roll calls of :func:`combined` were added from the curated tables (not held by a
    pinned file). Most carry the votes of only the five and up to ten comparison states; the
    full ones are a few texts on one topic picked by hand, which would tilt a year's agenda
    (as :data:`caorder.extension.EXTENSION_FROM` says of the 2012-2019 ones). Either way they
    feed the claims that read those votes (C4.3), never a pairwise or random-group series."""
    return calls["source"].eq(extension.CURATED)


def year_votes(first: int, last: int) -> pd.DataFrame:
    """Long votes (rcid, iso3, vote, year) of the combined sources in ``first``-``last``: the
    pinned files' roll calls, every member's vote, with :func:`hand_picked` ones left out."""
    data = combined()
    calls = data.rollcalls[~hand_picked(data.rollcalls)]
    calls = calls.loc[calls["year"].between(first, last), ["rcid", "year"]]
    return data.votes.merge(calls, on="rcid")


def percentiles_by_year(
    first: int,
    last: int,
    measure: agreement.Measure = "kappa",
    pool: windows.Pool = windows.DEFAULT_POOL,
    members: tuple[str, ...] = C5,
) -> pd.DataFrame:
    """Per year: the group's cohesion, the random-group median and the group's percentile.

    The baseline is the book's one random baseline (:func:`caorder.windows.random_baseline`
    over :func:`caorder.windows.pool`). Years with no roll calls, or too few for a group of
    five to be drawn, are rows with NaN, so the gaps stay visible.
    """
    votes = year_votes(first, last)
    rows = []
    for year in range(first, last + 1):
        chunk = votes[votes["year"] == year]
        row = {
            "year": year,
            "n_rollcalls": int(chunk["rcid"].nunique()),
            "cohesion": np.nan,
            "random_median": np.nan,
            "percentile": np.nan,
        }
        if row["n_rollcalls"]:
            table = agreement.pairwise(agreement.vote_matrix(chunk), measure)
            try:
                base = windows.random_baseline(table, windows.pool(chunk, pool), len(members))
            except ValueError:  # too few states with scores this year
                base = np.array([])
            cohesion = agreement.group_cohesion(table, members)
            if base.size and np.isfinite(cohesion):
                row |= {
                    "cohesion": cohesion,
                    "random_median": float(np.nanmedian(base)),
                    "percentile": windows.percentile(cohesion, base),
                }
        rows.append(row)
    return pd.DataFrame(rows)


def _annual_side_with(votes: pd.DataFrame, power: str) -> pd.DataFrame:
    """Per year and state: share of the state's cast votes that were 'no' on the roll calls
    where ``power`` voted 'no' (siding with it when it opposes a resolution)."""
    power_no = votes.loc[(votes["iso3"] == power) & (votes["vote"] == "no"), "rcid"]
    frame = votes[votes["rcid"].isin(power_no) & votes["vote"].isin(["yes", "abstain", "no"])]
    frame = frame.assign(sided=(frame["vote"] == "no").astype(float))
    return frame.groupby(["year", "iso3"])["sided"].mean().unstack()


def _standardised_moves(pre: pd.DataFrame, post: pd.Series, sign: float = 1.0) -> pd.Series:
    """(post - mean of pre) / SD of pre, per state (NaN where the pre SD is 0 or missing)."""
    sd = pre.std().replace(0.0, np.nan)
    return sign * (post - pre.mean()) / sd


def moves_towards(
    power: str = "RUS",
    basis: str = "ideal_point",
    pre: tuple[int, int] = (2015, 2021),
    post: tuple[int, int] = (2022, 2024),
) -> pd.DataFrame:
    """Per state of the five: how far it moved towards ``power``, in its own pre-period SDs.

    ``basis="ideal_point"``: ``towards`` is the state's own move in the direction of the
    power's post-period position (:func:`own_shift`), ``closer`` the fall of its distance to
    the power (which also shrinks when the power moves). ``basis="votes"``: ``towards`` is
    the rise of the share of its cast votes that were 'no' on roll calls where the power
    voted 'no' (post period pooled, against the annual pre values), ``closer`` the rise of its
    identical-vote agreement with the power.
    """
    if basis == "ideal_point":
        points = tables.ideal_points().pivot(index="year", columns="iso3", values="ideal_point")
        shift = own_shift(pre, post, power).set_index("state").loc[list(C5), "towards"]
        distance = (points[list(C5)].sub(points[power], axis=0)).abs()
        closer = _standardised_moves(
            distance.loc[pre[0] : pre[1]], distance.loc[post[0] : post[1]].mean(), sign=-1.0
        )
        return pd.DataFrame({"towards": shift, "closer": closer})
    if basis != "votes":
        raise ValueError(f"Unknown basis {basis!r}; choose 'ideal_point' or 'votes'.")
    votes = year_votes(pre[0], post[1])
    annual = _annual_side_with(votes, power)
    late = votes[votes["year"].between(*post)].assign(year=post[0])
    pooled = _annual_side_with(late, power).iloc[0]
    towards = _standardised_moves(annual.loc[pre[0] : pre[1]], pooled)
    agree = great_power_agreement(pre[0], post[1])
    agree = agree[agree["power"] == power].pivot(index="year", columns="state", values="agreement")
    closer = _standardised_moves(agree.loc[pre[0] : pre[1]], agree.loc[post[0] : post[1]].mean())
    return pd.DataFrame({"towards": towards.reindex(list(C5)), "closer": closer.reindex(list(C5))})
