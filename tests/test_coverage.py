"""Coverage and participation summaries on a small hand-made record."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import coverage

ROLLCALLS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4],
        "session": [47, 47, 48, 48],
        "date": pd.to_datetime(["1992-10-01", "1993-03-01", "1993-11-01", "1994-05-01"]),
        "unres": ["R/47/1", "R/47/2", "R/48/1", "R/48/2"],
        "me": [True, False, True, True],
        "nu": [False, False, False, False],
        "di": [False, True, False, False],
        "hr": [True, False, False, True],
        "co": [False] * 4,
        "ec": [False] * 4,
    }
)
VOTES = pd.DataFrame(
    {
        "rcid": [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4],
        "iso3": ["KAZ", "TKM", "USA"] * 4,
        "vote": [
            "yes",
            "absent",
            "no",
            "abstain",
            "absent",
            "yes",
            "yes",
            "absent",
            "yes",
            "yes",
            "absent",
            "absent",
        ],
    }
)


def test_coverage_by_year_counts_all_and_each_issue():
    table = coverage.coverage_by_year(ROLLCALLS).set_index(["issue", "year"])["roll_calls"]
    assert table[("all roll calls", 1993)] == 2
    assert table[("me", 1993)] == 1 and table[("hr", 1994)] == 1


def test_issue_ranking_orders_codes_by_frequency():
    ranking = coverage.issue_ranking(ROLLCALLS, 1992, 1994)
    assert ranking.index[0] == "me" and ranking.iloc[0] == 3


def test_session_summary_shares_add_up_to_one():
    summary = coverage.session_summary(VOTES, ROLLCALLS)
    shares = summary.filter(like="share_").sum(axis=1)
    assert shares.tolist() == pytest.approx([1.0, 1.0])
    assert summary.loc[0, "share_absent"] == pytest.approx(2 / 6)


def test_absence_by_period_includes_the_median_member():
    table = coverage.absence_by_period(VOTES, ROLLCALLS, ["TKM"])
    whole = table[table["period"] == "1992–2019"].set_index("state")["absent"]
    assert whole["TKM"] == pytest.approx(1.0)
    # Rates: KAZ 0, TKM 1, USA 0.25 -> median 0.25.
    assert whole["median member"] == pytest.approx(0.25)


def test_silent_members_lists_states_with_no_vote_in_a_session():
    assert coverage.silent_members(VOTES, ROLLCALLS, 47) == ["TKM"]
    assert coverage.silent_members(VOTES, ROLLCALLS, 48) == ["TKM"]


def test_resolution_votes_counts_and_rejects_unknown_symbols():
    counts = coverage.resolution_votes(VOTES, ROLLCALLS, "R/48/2").set_index("vote")["n"]
    assert counts.to_dict() == {"yes": 1, "no": 0, "abstain": 0, "absent": 2}
    with pytest.raises(KeyError, match="R/99/1"):
        coverage.resolution_votes(VOTES, ROLLCALLS, "R/99/1")


SESSIONS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4, 5],
        "session": [70, 70, 71, 71, 71],
        "date": pd.to_datetime(
            ["2015-10-01", "2015-12-01", "2016-10-01", "2017-03-01", "2017-06-01"]
        ),
        "amend": [False, False, True, False, False],
        "para": [False, False, False, True, False],
    }
)


def test_final_only_drops_paragraph_and_amendment_votes():
    assert coverage.final_only(SESSIONS)["rcid"].tolist() == [1, 2, 5]
    with pytest.raises(KeyError, match="amend"):
        coverage.final_only(SESSIONS.drop(columns="amend"))


def test_vote_type_by_session_counts_and_flags_missing_spring():
    table = coverage.vote_type_by_session(SESSIONS, 70, 72).set_index("session")
    assert table.loc[71, "paragraph_or_amendment"] == 2 and table.loc[71, "final"] == 1
    assert bool(table.loc[70, "missing_jan_sep"]) and not bool(table.loc[71, "missing_jan_sep"])
    assert pd.isna(table.loc[72, "roll_calls"])  # a session without roll calls stays visible
    assert coverage.incomplete_years(SESSIONS, 2016, 2017) == [2016]


def test_monthly_by_session_orders_months_from_september():
    table = coverage.monthly_by_session(SESSIONS, 70, 71)
    assert table.columns[0] == 9 and table.loc[71, 3] == 1 and table.loc[70, 12] == 1


def test_provenance_table_lists_every_pinned_file_and_curated_table():
    from caorder.fetch import PINNED_FILES

    table = coverage.provenance_table()
    assert len(table) == len(PINNED_FILES) + len(coverage.CURATED_TABLES)
    pinned = table[table["dataset"] != "data/ (this project)"]
    assert pinned["sha256 (first 12)"].tolist() == [p.sha256[:12] for p in PINNED_FILES.values()]
    assert (table["licence"].str.len() > 0).all()


def test_cohesion_by_vote_type_differs_only_where_paragraph_votes_exist():
    calls = pd.DataFrame(
        {
            "rcid": list(range(1, 25)),
            "session": [70] * 12 + [71] * 12,
            "date": pd.to_datetime(["2015-12-01"] * 12 + ["2016-12-01"] * 12),
            "amend": [False] * 12 + [False] * 10 + [True] * 2,
            "para": [False] * 24,
        }
    )
    rng = ["yes", "no", "abstain"]
    votes = pd.DataFrame(
        [
            {"rcid": r, "iso3": s, "vote": rng[(r + k * (r > 22)) % 3]}
            for r in range(1, 25)
            for k, s in enumerate(["KAZ", "UZB"])
        ]
    )
    table = coverage.cohesion_by_vote_type(votes, calls, ["KAZ", "UZB"], 70, 71).set_index(
        "session"
    )
    assert table.loc[70, "difference"] == pytest.approx(0.0)
    assert table.loc[71, "all roll calls"] < 1.0 and table.loc[
        71, "final votes only"
    ] == pytest.approx(1.0)


def test_number_ranges_joins_consecutive_numbers() -> None:
    from caorder.coverage import number_ranges

    assert number_ranges([67, 52, 53, 54, 71, 72, 53]) == "52–54, 67, 71–72"
    assert number_ranges([]) == ""
