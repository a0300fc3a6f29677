"""Descriptive summaries of the vote data: coverage by year and issue, and participation.

These feed the book's data chapter. Each function takes the canonical tables from
:mod:`caorder.tables` and returns a tidy, sorted DataFrame ready to print or plot.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from caorder.fetch import PINNED_FILES
from caorder.schemas import ISSUE_CODES, VOTE_CHOICES

#: Periods used to summarise participation since the five states joined in 1992.
PERIODS = {
    "1992–1999": (1992, 1999),
    "2000–2007": (2000, 2007),
    "2008–2015": (2008, 2015),
    "2016–2019": (2016, 2019),
    "1992–2019": (1992, 2019),
}
MEDIAN_MEMBER = "median member"


def pinned_file_table() -> pd.DataFrame:
    """One row per pinned file: dataset, file, size, the start of its sha256, producer."""
    rows = [
        {
            "dataset": key.split("/")[0],
            "file": key.split("/")[1],
            "size (bytes)": f"{pinned.size:,}",
            "sha256 (first 12)": pinned.sha256[:12],
            "producer": pinned.producer,
        }
        for key, pinned in PINNED_FILES.items()
    ]
    return pd.DataFrame(rows).sort_values(["dataset", "file"], ignore_index=True)


def coverage_by_year(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Roll calls per calendar year, in total and per issue code (long format).

    The partial year 2020 (one roll call in January) is left out.
    """
    frame = rollcalls.assign(year=rollcalls["date"].dt.year)
    frame = frame[frame["year"] <= 2019]
    totals = frame.groupby("year").size().rename("all roll calls")
    issues = frame.groupby("year")[ISSUE_CODES].sum()
    wide = pd.concat([totals, issues], axis=1).fillna(0).astype(int)
    return (
        wide.reset_index()
        .melt(id_vars="year", var_name="issue", value_name="roll_calls")
        .sort_values(["issue", "year"], ignore_index=True)
    )


def issue_ranking(rollcalls: pd.DataFrame, start_year: int, end_year: int) -> pd.Series:
    """Number of roll calls carrying each issue code in ``[start_year, end_year]``, largest first."""
    years = rollcalls["date"].dt.year
    window = rollcalls[years.between(start_year, end_year)]
    return window[ISSUE_CODES].sum().sort_values(ascending=False, kind="stable")


ISSUE_NAMES = {
    "me": "the Middle East",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}


def session_summary(votes: pd.DataFrame, rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Per session: first and last vote date, roll calls, and the share of each vote choice."""
    merged = votes.merge(rollcalls[["rcid", "session"]], on="rcid")
    shares = (
        pd.crosstab(merged["session"], merged["vote"].astype(str), normalize="index")
        .reindex(columns=VOTE_CHOICES, fill_value=0.0)
        .add_prefix("share_")
    )
    calls = rollcalls.groupby("session").agg(
        roll_calls=("rcid", "size"), first=("date", "min"), last=("date", "max")
    )
    calls["first"] = calls["first"].dt.strftime("%Y-%m-%d")
    calls["last"] = calls["last"].dt.strftime("%Y-%m-%d")
    return calls.join(shares).reset_index().sort_values("session", ignore_index=True)


def _rates(votes: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Share of absent and abstain votes per group of ``by`` columns."""
    flags = votes.assign(
        absent=votes["vote"].astype(str).eq("absent"),
        abstain=votes["vote"].astype(str).eq("abstain"),
    )
    return flags.groupby(by, observed=True)[["absent", "abstain"]].mean().reset_index()


def absence_by_period(
    votes: pd.DataFrame, rollcalls: pd.DataFrame, states: Iterable[str]
) -> pd.DataFrame:
    """Absence and abstention rates of ``states`` and of the median member, per period.

    The median member is the median of all members' rates in the same period, a baseline
    that is not pulled up by a few states that rarely attend.
    """
    years = votes.merge(rollcalls[["rcid", "date"]], on="rcid")
    years["year"] = years["date"].dt.year
    states = list(states)
    parts = []
    for period, (start, end) in PERIODS.items():
        window = years[years["year"].between(start, end)]
        rates = _rates(window, ["iso3"])
        chosen = rates[rates["iso3"].isin(states)].rename(columns={"iso3": "state"})
        median = pd.DataFrame(
            {"state": [MEDIAN_MEMBER], "absent": [rates["absent"].median()],
             "abstain": [rates["abstain"].median()]}
        )
        parts.append(pd.concat([chosen, median]).assign(period=period))
    table = pd.concat(parts, ignore_index=True)
    table["period"] = pd.Categorical(table["period"], categories=list(PERIODS), ordered=True)
    return table[["period", "state", "absent", "abstain"]].sort_values(
        ["period", "state"], ignore_index=True
    )


def absence_by_session(
    votes: pd.DataFrame, rollcalls: pd.DataFrame, states: Iterable[str], first_session: int = 47
) -> pd.DataFrame:
    """Absence and abstention rates per session for ``states`` and the median member."""
    merged = votes.merge(rollcalls[["rcid", "session"]], on="rcid")
    merged = merged[merged["session"] >= first_session]
    rates = _rates(merged, ["session", "iso3"])
    chosen = rates[rates["iso3"].isin(list(states))].rename(columns={"iso3": "state"})
    median = (
        rates.groupby("session")[["absent", "abstain"]].median().reset_index()
        .assign(state=MEDIAN_MEMBER)
    )
    table = pd.concat([chosen, median], ignore_index=True)
    return table[["session", "state", "absent", "abstain"]].sort_values(
        ["state", "session"], ignore_index=True
    )


def resolution_votes(votes: pd.DataFrame, rollcalls: pd.DataFrame, symbol: str) -> pd.DataFrame:
    """Count of members by vote choice on the roll call(s) with resolution symbol ``symbol``."""
    rcids = rollcalls.loc[rollcalls["unres"] == symbol, "rcid"]
    if rcids.empty:
        raise KeyError(f"No roll call with resolution symbol {symbol!r} in the data.")
    chosen = votes[votes["rcid"].isin(rcids)]
    counts = chosen["vote"].astype(str).value_counts().reindex(VOTE_CHOICES, fill_value=0)
    return counts.rename_axis("vote").reset_index(name="n")


def silent_members(votes: pd.DataFrame, rollcalls: pd.DataFrame, session: int) -> list[str]:
    """Members with no recorded vote at all in ``session`` (every roll call absent), sorted.

    A whole session of silence is more likely a loss of vote for arrears (UN Charter,
    Article 19), a boycott or a gap in the source than day-to-day absence.
    """
    chosen = votes.merge(rollcalls.loc[rollcalls["session"] == session, ["rcid"]], on="rcid")
    cast = chosen["vote"].astype(str).ne("absent").groupby(chosen["iso3"]).sum()
    return sorted(cast.index[cast == 0])
