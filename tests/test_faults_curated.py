"""Fault injection: curated data that used to be accepted silently.

Each bad input must raise :class:`CuratedDataError` whose message names the file, the group
or row, and the rule broken.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caorder import countries
from caorder.errors import CuratedDataError, DataError
from caorder.yamlio import load_yaml

MEMBERS = (
    "iso3,name,unvotes_name,member_from,member_to,status,source,notes\n"
    "KAZ,Kazakhstan,Kazakhstan,1992-03-02,,current,https://www.un.org,\n"
    "UZB,Uzbekistan,Uzbekistan,1992-03-02,,current,https://www.un.org,\n"
    "KGZ,Kyrgyzstan,Kyrgyzstan,1992-03-02,,current,https://www.un.org,\n"
)

GROUP = """groups:
  C2:
    name: "Two"
    kind: {kind}
    source: "https://example.org/source"
    members:
{members}
"""


def write(folder: Path, members: str, kind: str = "region", members_csv: str = MEMBERS):
    (folder / "members.csv").write_text(members_csv, encoding="utf-8")
    path = folder / "country_groups.yml"
    path.write_text(GROUP.format(kind=kind, members=members), encoding="utf-8")
    return path, folder / "members.csv"


def load(path: Path, members: Path):
    countries.load_groups.cache_clear()
    return countries.load_groups(path, members)


def test_a_valid_group_loads(tmp_path):
    groups = load(*write(tmp_path, "      - {iso3: KAZ, joined: 1995-01-01}\n      - {iso3: UZB}"))
    assert groups["C2"].members_in_year(2000) == ["KAZ", "UZB"]


@pytest.mark.parametrize(
    ("members", "kind", "pattern"),
    [
        ("      - {iso3: XYZ}", "region", r"group C2: XYZ is not an ISO3 code in members\.csv"),
        ("      - {iso3: KAZ}", "alliance", r"group C2: unknown kind 'alliance'; rule: kind is"),
        ("      - {iso3: KAZ, joined: 2099-01-01}", "region", r"KAZ joined: 2099-01-01 is after"),
        ("      - {iso3: KAZ, left: 2021-02-30}", "region", r"C2 KAZ left: '2021-02-30' is not a"),
        (
            "      - {iso3: KAZ, joined: 2010-01-01, left: 2005-01-01}",
            "region",
            r"C2 KAZ: joined 2010-01-01 is after left 2005-01-01; rule",
        ),
        (
            "      - {iso3: KAZ, joined: 2000-01-01, left: 2010-01-01}\n"
            "      - {iso3: KAZ, joined: 2005-01-01}",
            "region",
            r"C2 KAZ: spells overlap or are out of order.*rule",
        ),
        (
            "      - {iso3: KAZ, joined: 2012-01-01}\n"
            "      - {iso3: KAZ, joined: 2000-01-01, left: 2010-01-01}",
            "region",
            r"C2 KAZ: spells overlap or are out of order",
        ),
    ],
    ids=[
        "unknown-iso3",
        "unknown-kind",
        "future-date",
        "impossible-date",
        "reversed-spell",
        "overlapping-spells",
        "spells-out-of-order",
    ],
)
def test_bad_group_is_rejected_naming_file_group_and_rule(tmp_path, members, kind, pattern):
    with pytest.raises(CuratedDataError, match=r"country_groups\.yml: group C2") as caught:
        load(*write(tmp_path, members, kind))
    assert caught.match(pattern)


def test_duplicate_yaml_keys_are_rejected_with_the_line(tmp_path):
    path, members = write(tmp_path, "      - {iso3: KAZ}")
    text = path.read_text(encoding="utf-8")
    group_block = text.split("groups:\n", 1)[1]
    path.write_text(text + group_block, encoding="utf-8")  # the group twice: last would win
    with pytest.raises(
        DataError,
        match=r"country_groups\.yml, line 8: duplicate key 'C2' "
        r"\(first at line 2\); rule",
    ):
        load(path, members)


def test_duplicate_keys_inside_an_entry_are_rejected(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text("- id: C1.1\n  verdict: supports\n  verdict: contradicts\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"claims\.yml, line 3: duplicate key 'verdict'"):
        load_yaml(path)


def test_members_file_with_a_future_date_is_rejected(tmp_path):
    bad = MEMBERS.replace("Uzbekistan,1992-03-02", "Uzbekistan,2099-03-02")
    (tmp_path / "members.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(
        CuratedDataError,
        match=r"members\.csv, line 3 \(UZB\): member_from "
        r"2099-03-02 is after the data's as-of date",
    ):
        countries.load_members(tmp_path / "members.csv")


def test_members_file_with_overlapping_spells_of_one_state_is_rejected(tmp_path):
    bad = MEMBERS + "KAZ,Kazakhstan,Kazakh SSR,1991-01-01,1993-01-01,former,https://www.un.org,\n"
    (tmp_path / "members.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(
        CuratedDataError,
        match=r"members\.csv: the membership spells of KAZ "
        r"overlap; rule",
    ):
        countries.load_members(tmp_path / "members.csv")


def test_the_committed_curated_files_pass_every_rule():
    countries.load_groups.cache_clear()
    groups = countries.load_groups()
    assert {"C5"} <= set(groups)
    known = set(countries.load_members()["iso3"])
    assert all(set(group.ever) <= known for group in groups.values())
