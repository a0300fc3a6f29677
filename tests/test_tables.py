"""Canonical tables: absence derivation, schemas, caching, and facts known from the record."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import countries, tables
from caorder.schemas import ROLLCALLS, SchemaError, validate

SPELLS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "DEU", "DEU"],
        "unvotes_name": ["Aland", "Bland", "Federal Republic of Germany", "Germany"],
        "member_from": pd.to_datetime(["1950-01-01", "1960-01-01", "1973-09-18", "1990-12-07"]),
        "member_to": pd.to_datetime([None, "1970-12-31", "1990-12-06", None]),
    }
)
CALLS = pd.DataFrame(
    {"rcid": [1, 2, 3], "date": pd.to_datetime(["1965-05-01", "1980-05-01", "1995-05-01"])}
)


def recorded(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    return frame.merge(CALLS, on="rcid")


def test_votes_are_mapped_to_the_seat_held_on_the_vote_date():
    votes = tables._assign_iso3(
        recorded([(2, "Federal Republic of Germany", "yes"), (3, "Germany", "no")]), SPELLS
    )
    assert votes.sort_values("rcid")["iso3"].tolist() == ["DEU", "DEU"]


def test_a_vote_outside_every_spell_is_an_error_naming_members_csv():
    with pytest.raises(ValueError, match=r"outside every membership spell.*members\.csv"):
        tables._assign_iso3(recorded([(3, "Bland", "yes")]), SPELLS)  # Bland left in 1970


def test_overlapping_spells_are_an_error():
    overlapping = pd.concat([SPELLS, SPELLS.iloc[[0]].assign(iso3="ZZZ")])
    with pytest.raises(ValueError, match="Overlapping spells"):
        tables._assign_iso3(recorded([(1, "Aland", "yes")]), overlapping)


def test_members_without_a_recorded_vote_become_absent():
    votes = tables._assign_iso3(recorded([(1, "Aland", "yes"), (2, "Aland", "no")]), SPELLS)
    full = tables._add_absences(votes, CALLS, SPELLS)
    got = {(r.rcid, r.iso3): r.vote for r in full.itertuples()}
    assert got == {
        (1, "AAA"): "yes",
        (1, "BBB"): "absent",  # Bland was a member in 1965 but did not vote
        (2, "AAA"): "no",
        (2, "DEU"): "absent",
        (3, "AAA"): "absent",
        (3, "DEU"): "absent",
    }


def test_malformed_members_file_is_rejected_with_the_file_name(tmp_path):
    bad = tmp_path / "members.csv"
    bad.write_text(
        "iso3,name,unvotes_name,member_from,member_to,status,source,notes\n"
        "kaz,Kazakhstan,Kazakhstan,1992-03-02,,current,https://www.un.org,\n"
        "UZB,Uzbekistan,Uzbekistan,1992-13-02,,current,https://www.un.org,\n",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match=r"members\.csv does not match its schema"):
        countries.load_members(bad)


def test_wrong_rollcall_schema_names_the_table():
    with pytest.raises(SchemaError, match="rollcalls"):
        validate(pd.DataFrame({"rcid": [1, 1]}), ROLLCALLS, "rollcalls (test)")


def test_cache_is_rebuilt_when_its_fingerprint_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("CAORDER_CACHE_DIR", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return pd.DataFrame({"x": [len(builds)]})

    assert tables._cached("demo", "aaa", build)["x"].tolist() == [1]
    assert tables._cached("demo", "aaa", build)["x"].tolist() == [1]
    assert tables._cached("demo", "bbb", build)["x"].tolist() == [2]
    assert tables._cached("demo", "aaa", build)["x"].tolist() == [1]  # each key its own copy
    assert len(builds) == 2


# --- the real data ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return tables.rollcalls(), tables.votes()


def test_rollcalls_cover_sessions_1_to_74(real):
    rollcalls, _ = real
    assert rollcalls["session"].min() == 1 and rollcalls["session"].max() == 74
    assert rollcalls["date"].min() == pd.Timestamp("1946-01-01")
    assert len(rollcalls) == 6203 - 5  # five roll calls recorded twice are kept once
    assert {"amend", "para"} <= set(rollcalls.columns)


def test_duplicate_rollcalls_are_found_by_rule_and_dropped(real):
    rollcalls, votes = real
    pairs = tables.duplicate_rollcalls()
    got = list(zip(pairs["kept_rcid"], pairs["dropped_rcid"]))
    assert got == [(4587, 5740), (4735, 5798), (5179, 5919), (5248, 5938), (5569, 6006)]
    assert not rollcalls["rcid"].isin(pairs["dropped_rcid"]).any()
    assert not votes["rcid"].isin(pairs["dropped_rcid"]).any()
    assert pairs["kept_rcid"].isin(rollcalls["rcid"]).all()


def test_duplicate_rule_keeps_distinct_paragraph_votes_with_equal_tallies():
    calls = pd.DataFrame(
        {
            "rcid": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "unres": ["A/RES/9/1", "R/9/1", "R/9/2", "R/9/2", "R/9/3", "R/9/3"],
            "date": ["2000-01-01"] * 6,
            "amend": [None, None, None, None, None, None],
            "para": [None, None, 1, 1, None, None],
        }
    )
    same = [("AAA", "yes"), ("BBB", "no")]
    raw = pd.DataFrame(
        [(rcid, c, v) for rcid in (1, 2, 3, 4, 5) for c, v in same]
        + [(6, "AAA", "yes"), (6, "BBB", "abstain")],
        columns=["rcid", "country", "vote"],
    )
    pairs = tables._find_duplicates(calls, raw)
    # 1/2 are one vote written with two symbol styles; 3/4 are paragraph votes; 5/6 differ.
    assert list(zip(pairs["kept_rcid"], pairs["dropped_rcid"])) == [(1, 2)]


def test_ukraine_territorial_integrity_vote_matches_the_official_record(real):
    # A/RES/68/262 (27 March 2014): 100 in favour, 11 against, 58 abstentions, and 24 of
    # the 193 members not voting (UN press release GA/11493).
    rollcalls, votes = real
    rcid = rollcalls.loc[rollcalls["unres"] == "R/68/262", "rcid"].item()
    counts = votes[votes["rcid"] == rcid]["vote"].value_counts()
    assert counts.to_dict() == {"yes": 100, "abstain": 58, "absent": 24, "no": 11}


def test_each_member_appears_once_per_roll_call(real):
    _, votes = real
    assert not votes.duplicated(["rcid", "iso3"]).any()


def test_central_asian_states_have_no_rows_before_they_joined(real):
    rollcalls, votes = real
    c5 = votes[votes["iso3"].isin(countries.C5)].merge(rollcalls[["rcid", "date"]], on="rcid")
    assert c5["date"].min() >= pd.Timestamp("1992-03-02")


def test_ideal_points_cover_1946_to_2024_with_the_five():
    ideal = tables.ideal_points()
    assert ideal["year"].min() == 1946 and ideal["year"].max() == 2024
    latest = ideal[ideal["year"] == 2024]
    assert set(countries.C5) <= set(latest["iso3"])
    assert not ideal.duplicated(["iso3", "year"]).any()


def test_a_first_run_converts_and_caches_every_table(real_files, tmp_path, monkeypatch):
    # Start from verified downloads but no converted tables, as on a first run (its time is
    # measured by benchmarks/table_timings.py, not here).
    for key, path in real_files.items():
        target = tmp_path / "downloads" / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    monkeypatch.setenv("CAORDER_CACHE_DIR", str(tmp_path))
    tables.rollcalls()
    tables.votes()
    tables.ideal_points()
    assert len(list((tmp_path / "tables").glob("*.parquet"))) == 4  # with duplicate_rollcalls
