"""Descriptive summaries of the vote data: coverage by year and issue, and participation.

These feed the book's data chapter. Each function takes the canonical tables from
:mod:`caorder.tables` and returns a tidy, sorted DataFrame ready to print or plot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from caorder import agreement, paths
from caorder.fetch import PINNED_FILES, PinnedFile
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


#: Coverage, known gaps and terms of each pinned dataset (keyed by the dataset folder).
DATASET_NOTES: dict[str, dict[str, str]] = {
    "wb-gdp-822019c": {
        "coverage": "GDP, current US$, 1960-2023 (the five from 1987 or 1990)",
        "known gaps": "aggregates (regions, income groups) mixed in as pseudo-countries",
        "licence": "ODC-PDDL-1.0 (data package); cite the World Bank WDI",
    },
    "wb-population-425fc44": {
        "coverage": "population 1960-2024",
        "known gaps": "aggregates mixed in as pseudo-countries",
        "licence": "ODC-PDDL-1.0 (data package); cite the World Bank WDI",
    },
    "isard-46944ad": {
        "coverage": "GDP per capita (2011 PPP dollars) with standard deviations, 1816-2019",
        "known gaps": "ends in 2019; COW codes (Germany, Yemen, Serbia need care)",
        "licence": "GPL-2 (R package isard); cite Fariss et al. (2022)",
    },
    "vdem-demspaces-1012a66": {
        "coverage": "V-Dem v12 indices incl. v2x_neopat, 174 states, 1970-2021",
        "known gaps": "a derived file of V-Dem's demspaces project, not the canonical release",
        "licence": "CC BY-SA 4.0 (V-Dem data); GPL-3 (demspaces code)",
    },
    "oxcgrt-e7f66ee": {
        "coverage": "daily policy indices (0-100), January 2020 - February 2023",
        "known gaps": "many states stop being scored at the end of 2022; no per-policy file",
        "licence": "CC BY 4.0",
    },
    "unvotes-7eb7034": {
        "coverage": "UNGA roll calls 1946 - January 2020",
        "known gaps": "paragraph and amendment votes for some sessions only; some sessions "
        "lack their January-September votes (see 'Coverage by vote type')",
        "licence": "CC0 (data); MIT (R package)",
    },
    "bsv-idealpoints-2025-07": {
        "coverage": "state ideal points 1946-2024",
        "known gaps": "none known for 1992-2024",
        "licence": "CC0",
    },
    "voeten-wide-2024-06": {
        "coverage": "roll calls 1946 - June 2024 (book uses 2020-2023)",
        "known gaps": "January-October 2022 missing; no symbols or titles",
        "licence": "CC0 (derived from the Voeten data)",
    },
    "undl-2025": {
        "coverage": "2025 UN Digital Library votes (GA and Security Council)",
        "known gaps": "Afghanistan and Venezuela columns absent",
        "licence": "(c) United Nations, non-commercial use with attribution",
    },
}
CURATED_TABLES = {
    "unga_resolutions.csv": "UNGA resolutions on Ukraine 2022-2024 and post-Soviet territorial "
    "texts 2006-2019: date, title, official totals, sources",
    "unga_recorded_votes.csv": "votes on those resolutions (full roll calls for eight), "
    "each with its sources and a confidence",
}


def provenance_table(
    pinned: dict[str, PinnedFile] | None = None, data_dir: Path | None = None
) -> pd.DataFrame:
    """Every dataset the book reads: the pinned files (from :data:`caorder.fetch.PINNED_FILES`)
    and the curated vote tables, with version, checksum, coverage, known gaps and licence.

    Pinned files: version = the dataset folder (named after its commit or release), checksum
    = the pinned sha256. Curated tables: version = the git-tracked file itself, checksum =
    the sha256 of the file as read now (so the table cannot drift from the data).
    """
    pinned = PINNED_FILES if pinned is None else pinned
    data_dir = paths.data_dir() if data_dir is None else data_dir
    rows = []
    for key, item in pinned.items():
        dataset, name = key.split("/", 1)
        notes = DATASET_NOTES.get(dataset, {})
        rows.append(
            {
                "dataset": dataset,
                "file": name,
                "version": dataset,
                "sha256 (first 12)": item.sha256[:12],
                "size (bytes)": f"{item.size:,}",
                "coverage": notes.get("coverage", "not documented"),
                "known gaps": notes.get("known gaps", "not documented"),
                "licence": notes.get("licence", "see producer"),
                "producer": item.producer,
            }
        )
    for name, coverage in CURATED_TABLES.items():
        path = data_dir / name
        rows.append(
            {
                "dataset": "data/ (this project)",
                "file": name,
                "version": "this repository",
                "sha256 (first 12)": hashlib.sha256(path.read_bytes()).hexdigest()[:12],
                "size (bytes)": f"{path.stat().st_size:,}",
                "coverage": coverage,
                "known gaps": "see data/README.md (unresolved votes left out)",
                "licence": "CC BY 4.0 (facts from UN and news sources, each cited)",
                "producer": "this project",
            }
        )
    return pd.DataFrame(rows)


def final_only(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """The roll calls that are not paragraph or amendment votes (``amend`` and ``para`` False).

    A specification for measures that must not depend on whether a session's source
    recorded separate votes on paragraphs and amendments (it did only for some sessions,
    see :func:`vote_type_by_session`).
    """
    missing = [c for c in ("amend", "para") if c not in rollcalls.columns]
    if missing:
        raise KeyError(
            f"final_only needs the roll-call columns {missing}; pass "
            "caorder.tables.rollcalls() (or a subset of it)."
        )
    return rollcalls[~(rollcalls["amend"].astype(bool) | rollcalls["para"].astype(bool))]


def vote_type_by_session(rollcalls: pd.DataFrame, first: int = 46, last: int = 74) -> pd.DataFrame:
    """Per session: roll calls, paragraph and amendment votes, and months with no roll call.

    Columns: session, roll_calls, final, paragraph_or_amendment, share_para_amend,
    months_with_votes (calendar months Jan-Dec in which the session held a roll call),
    missing_jan_sep (True when no roll call falls in January-September of the session's
    second calendar year, when the Assembly usually still votes).
    """
    frame = rollcalls[rollcalls["session"].between(first, last)]
    frame = frame.assign(extra=frame["amend"].astype(bool) | frame["para"].astype(bool))
    table = frame.groupby("session").agg(
        roll_calls=("rcid", "size"),
        paragraph_or_amendment=("extra", "sum"),
        months_with_votes=("date", lambda d: int(d.dt.month.nunique())),
    )
    late = frame[(frame["date"].dt.year == frame["session"] + 1946) & (frame["date"].dt.month <= 9)]
    table["missing_jan_sep"] = ~table.index.isin(late["session"])
    table = table.reindex(range(first, last + 1))
    table["final"] = table["roll_calls"] - table["paragraph_or_amendment"]
    table["share_para_amend"] = table["paragraph_or_amendment"] / table["roll_calls"]
    columns = [
        "roll_calls",
        "final",
        "paragraph_or_amendment",
        "share_para_amend",
        "months_with_votes",
        "missing_jan_sep",
    ]
    return table[columns].rename_axis("session").reset_index()


def monthly_by_session(rollcalls: pd.DataFrame, first: int = 46, last: int = 74) -> pd.DataFrame:
    """Roll calls per session (rows) and month of the session (columns Sep ... Aug)."""
    frame = rollcalls[rollcalls["session"].between(first, last)]
    order = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]
    table = pd.crosstab(frame["session"], frame["date"].dt.month)
    return table.reindex(index=range(first, last + 1), columns=order, fill_value=0).astype(int)


def incomplete_years(rollcalls: pd.DataFrame, first: int = 1992, last: int = 2019) -> list[int]:
    """Calendar years in which some session's January-September votes are missing."""
    sessions = vote_type_by_session(rollcalls, first - 1946, last - 1945)
    gap = sessions.loc[sessions["missing_jan_sep"].fillna(True).astype(bool), "session"]
    return sorted(int(s) + 1946 for s in gap if first <= int(s) + 1946 <= last)


def cohesion_by_vote_type(
    votes: pd.DataFrame,
    rollcalls: pd.DataFrame,
    states: Iterable[str],
    first: int = 46,
    last: int = 74,
) -> pd.DataFrame:
    """Per session: the group's mean pairwise kappa on all roll calls and on :func:`final_only`.

    Shows how much a session series moves when the sessions that carry paragraph and
    amendment votes lose them (``difference`` = all - final only).
    """
    states = list(states)
    chosen = votes[votes["iso3"].isin(states)]
    rows = []
    for label, calls in (
        ("all roll calls", rollcalls),
        ("final votes only", final_only(rollcalls)),
    ):
        calls = calls[calls["session"].between(first, last)]
        merged = chosen.merge(calls[["rcid", "session"]], on="rcid")
        for session, chunk in merged.groupby("session"):
            scores = agreement.pairwise(agreement.vote_matrix(chunk, states), "kappa")
            rows.append(
                {
                    "session": int(session),
                    "roll calls": label,
                    "kappa": agreement.group_cohesion(scores, states),
                }
            )
    table = pd.DataFrame(rows).pivot(index="session", columns="roll calls", values="kappa")
    table["difference"] = table["all roll calls"] - table["final votes only"]
    return table.reset_index().rename_axis(columns=None)


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
    """Roll calls carrying each issue code in ``[start_year, end_year]``, largest first."""
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
            {
                "state": [MEDIAN_MEMBER],
                "absent": [rates["absent"].median()],
                "abstain": [rates["abstain"].median()],
            }
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
        rates.groupby("session")[["absent", "abstain"]]
        .median()
        .reset_index()
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


def number_ranges(numbers: Iterable[int]) -> str:
    """Consecutive integers written as ranges, for prose: [52, 53, 54, 67] -> "52–54, 67"."""
    ordered = sorted(set(numbers))
    runs: list[str] = []
    for i, n in enumerate(ordered):
        if i == 0 or ordered[i - 1] != n - 1:
            start = n
        if i + 1 == len(ordered) or ordered[i + 1] != n + 1:
            runs.append(f"{start}–{n}" if n > start else f"{n}")
    return ", ".join(runs)
