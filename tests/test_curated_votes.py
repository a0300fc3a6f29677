"""The curated UNGA tables: schema, cross-checks between the two files, merge and provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from caorder import extension, paths
from caorder.countries import C5
from caorder.schemas import SchemaError

RES_HEADER = (
    "symbol,date,title,collection,target,recorded_vote,yes,no,abstain,non_voting,"
    "undl_record,symbol_confirmed,full_roll_call,source"
)


def resolutions_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "res.csv"
    path.write_text("\n".join([RES_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def votes_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "votes.csv"
    path.write_text(
        "\n".join(["symbol,date,iso3,vote,confidence,source", *rows]) + "\n", encoding="utf-8"
    )
    return path


ROW = (
    "A/RES/77/229,2022-12-15,Crimea human rights,ukraine-2022,Ukraine,True,1,1,0,0,,False,"
    "False,https://example.org/a"
)


def test_real_tables_pass_schema_and_cross_checks():
    res = extension.load_resolutions()
    votes = extension.load_recorded_votes(resolutions=res)
    full = res[res["full_roll_call"]]
    assert len(full) == 10
    sizes = votes[votes["symbol"].isin(full["symbol"])].groupby("symbol").size()
    # 192 members on 9 September 2009 (South Sudan joined in 2011), 193 since.
    assert sizes.pop("A/RES/63/307") == extension.UN_MEMBERS - 1
    assert (sizes == extension.UN_MEMBERS).all()
    assert not res.loc[res["symbol"] == "A/RES/60/285", "recorded_vote"].item()


def test_es11_3_four_of_the_five_voted_no():
    votes = extension.load_recorded_votes().set_index(["symbol", "iso3"])["vote"]
    assert [votes["A/RES/ES-11/3", s] for s in C5] == ["no", "no", "no", "absent", "no"]


def test_schema_rejects_a_bad_vote_and_a_missing_source(tmp_path):
    res = resolutions_file(tmp_path, [ROW])
    table = extension.load_resolutions(res)
    bad = votes_file(tmp_path, ["A/RES/77/229,2022-12-15,KAZ,maybe,high,https://x.org/a"])
    with pytest.raises(SchemaError, match="unga_recorded_votes"):
        extension.load_recorded_votes(bad, table)
    unsourced = resolutions_file(tmp_path, [ROW.replace("https://example.org/a", "a newspaper")])
    with pytest.raises(SchemaError, match="source"):
        extension.load_resolutions(unsourced)


def test_cross_checks_name_the_file_and_the_problem(tmp_path):
    table = extension.load_resolutions(resolutions_file(tmp_path, [ROW]))
    cases = {
        "A/RES/77/230,2022-12-15,KAZ,no,high,https://x.org/a": "does not list",
        "A/RES/77/229,2022-12-16,KAZ,no,high,https://x.org/a": "dated 2022-12-16",
        "A/RES/77/229,2022-12-15,XXX,no,high,https://x.org/a": "not in data/members.csv",
    }
    for row, message in cases.items():
        with pytest.raises(SchemaError, match=message):
            extension.load_recorded_votes(votes_file(tmp_path, [row]), table)
    too_many = votes_file(
        tmp_path,
        [
            "A/RES/77/229,2022-12-15,KAZ,no,high,https://x.org/a",
            "A/RES/77/229,2022-12-15,RUS,no,high,https://x.org/a",
        ],
    )
    with pytest.raises(SchemaError, match="more rows"):
        extension.load_recorded_votes(too_many, table)


def test_full_roll_call_must_match_the_official_totals(tmp_path):
    row = ROW.replace("False,False,https", "False,True,https")
    table = extension.load_resolutions(resolutions_file(tmp_path, [row]))
    votes = votes_file(tmp_path, ["A/RES/77/229,2022-12-15,KAZ,no,high,https://x.org/a"])
    with pytest.raises(SchemaError, match="official totals"):
        extension.load_recorded_votes(votes, table)


def test_a_roll_call_in_two_sources_is_counted_once_and_disagreements_are_listed():
    base = extension.by_year()
    extra = extension.curated()
    matches = extension.match_curated(base, extra)
    assert set(matches["symbol"]) == {"A/RES/77/229", "A/RES/77/284"}
    merged = extension.add_curated(base, extra)
    assert len(merged.rollcalls) == len(base.rollcalls) + len(extra.rollcalls) - len(matches)
    held = merged.rollcalls.set_index("rcid").loc[matches["rcid"]]
    assert held["symbol"].tolist() == matches["symbol"].tolist()
    assert (held["also_in"] == extension.CURATED).all()
    differ = extension.disagreements(base, extra)
    assert set(differ["symbol"]) <= set(matches["symbol"])
    assert (differ["curated"] != differ["other"]).all()


def test_disagreements_are_found_when_a_source_changes_a_vote():
    base = extension.by_year()
    extra = extension.curated()
    rcid = extension.match_curated(base, extra).set_index("symbol").at["A/RES/77/229", "rcid"]
    votes = base.votes.assign(vote=base.votes["vote"].astype(str))
    on_call = votes["rcid"] == rcid
    assert votes.loc[on_call & (votes["iso3"] == "KAZ"), "vote"].item() == "no"
    other = votes.index[on_call & (votes["vote"] == "yes")][0]
    votes.loc[on_call & (votes["iso3"] == "KAZ"), "vote"] = "yes"  # swap, so totals still match
    votes.loc[other, "vote"] = "no"
    changed = extension.Extension(base.rollcalls, votes)
    differ = extension.disagreements(changed, extra)
    assert ((differ["symbol"] == "A/RES/77/229") & (differ["iso3"] == "KAZ")).any()


def test_curated_rcids_are_stable_and_do_not_collide():
    assert extension.curated_rcid("A/RES/77/229") == 900_770_229
    assert extension.curated_rcid("A/RES/ES-11/3") == 909_110_003
    ids = extension.load_resolutions()["symbol"].map(extension.curated_rcid)
    assert ids.is_unique and ids.min() > extension.CURATED_RCID_BASE


def test_territorial_table_and_coverage_for_c3_2():
    table = extension.curated_territorial_table(C5)
    assert len(table) == 7 and (table["pro_vote"] == "yes").all()
    members = table[[f"world {c}" for c in ("yes", "no", "abstain", "absent")]].sum(axis=1)
    assert members.tolist() == [extension.UN_MEMBERS - 1] + [extension.UN_MEMBERS] * 6
    status = extension.territorial_coverage().set_index("symbol")["status"]
    assert status["A/RES/60/285"] == "adopted without a vote"
    assert status["A/RES/72/282"] == "curated roll call"
    assert status["A/RES/68/262"] == "canonical data"
    assert status["A/RES/63/307"] == "curated roll call"
    assert (status != "recorded vote not in the data").all()


#: Official totals (yes, no, abstain, non-voting) and the five's votes, hand-copied from the
#: sources each row cites: UN Digital Library records 671314 and 3976352, Civil Georgia
#: (civil.ge/archives/121245 and /495222).
ADDED_TERRITORIAL = {
    "A/RES/63/307": (
        "2009-09-09",
        (48, 19, 78, 47),
        ["abstain", "abstain", "absent", "absent", "abstain"],
    ),
    "A/RES/76/267": (
        "2022-06-08",
        (95, 12, 56, 30),
        ["abstain", "abstain", "abstain", "absent", "abstain"],
    ),
}


@pytest.mark.parametrize("symbol", sorted(ADDED_TERRITORIAL))
def test_added_georgia_roll_calls_match_their_sources(symbol):
    date, totals, five = ADDED_TERRITORIAL[symbol]
    res = extension.load_resolutions().set_index("symbol")
    row = res.loc[symbol]
    assert row["date"].strftime("%Y-%m-%d") == date and row["full_roll_call"]
    assert tuple(row[["yes", "no", "abstain", "non_voting"]]) == totals
    votes = extension.load_recorded_votes().set_index(["symbol", "iso3"])
    assert [votes.at[(symbol, s), "vote"] for s in C5] == five
    assert votes.at[(symbol, "RUS"), "vote"] == "no" and votes.at[(symbol, "GEO"), "vote"] == "yes"
    sources = votes.loc[symbol, "source"]
    assert sources.str.contains("digitallibrary.un.org/record/").all()


def test_a_changed_vote_on_an_added_roll_call_fails_the_totals_check(tmp_path):
    source = paths.data_dir() / "unga_recorded_votes.csv"
    text = source.read_text(encoding="utf-8")
    row = next(
        line for line in text.splitlines() if line.startswith("A/RES/63/307,2009-09-09,KAZ,")
    )
    changed = votes_file(tmp_path, [row.replace(",abstain,", ",yes,")])
    full = tmp_path / "votes_full.csv"
    full.write_text(text.replace(row, changed.read_text().splitlines()[1]), encoding="utf-8")
    with pytest.raises(SchemaError, match="A/RES/63/307"):
        extension.load_recorded_votes(full)


def test_readme_vote_sections_cite_no_internal_paths():
    text = (paths.data_dir() / "README.md").read_text(encoding="utf-8")
    sections = {part.split("\n", 1)[0]: part for part in text.split("\n## ")}
    for name in ("members.csv", "unga_resolutions.csv", "unga_recorded_votes.csv"):
        for bad in ("shared/reference", "/work/", "/tmp/", "/root/"):
            assert bad not in sections[name], (name, bad)


def test_combined_adds_curated_roll_calls_from_2020_only():
    data = extension.combined()
    curated = data.rollcalls[data.rollcalls["source"] == extension.CURATED]
    assert curated["year"].min() >= extension.EXTENSION_FROM
    assert "A/RES/ES-11/3" in set(curated["symbol"])
    assert not set(curated["symbol"]) & {"A/RES/66/283", "A/RES/73/298"}
