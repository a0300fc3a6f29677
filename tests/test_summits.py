"""Summit and membership tables: validation of malformed rows, and analyses on hand-made cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from caorder import summits
from caorder.schemas import SchemaError

HEADER = (
    "event_id,series,partner,ordinal,start_date,end_date,date_precision,city,host,"
    "KAZ,KGZ,TJK,TKM,UZB,guests,outcome_documents,source_urls,confidence,disputed_alternative,notes"
)
HOS = "head_of_state"
ROWS = [
    f"CM1,consultative_meeting,,1,2018-03-15,2018-03-15,day,Astana,KAZ,{HOS},{HOS},{HOS},speaker,"
    f"{HOS},,,https://a.example/1 https://b.example/2,high,,",
    f"CM2,consultative_meeting,,2,2019-11-29,,day,Tashkent,UZB,former_head_of_state,{HOS},{HOS},{HOS},{HOS},,,https://a.example/3,high,,",
    "FM1,c5_fm_meeting,,,2018-07,,month,Cholpon-Ata,KGZ,foreign_minister,foreign_minister,foreign_minister,"
    "deputy_foreign_minister,foreign_minister,,,http://c.example/4,medium,,",
    f"RO1,regional_org_summit,,,1994,,year,,KAZ,{HOS},{HOS},absent,absent,{HOS},,,https://d.example/5,low,,",
    f"CX1,c5plus_summit,CHN,1,2023-05-18,2023-05-19,day,Xi'an,CHN,{HOS},{HOS},{HOS},{HOS},unknown,,,https://e.example/6,high,,",
]
MEMBERSHIP_HEADER = (
    "iso3,organisation,status,joined,left,source_urls,confidence,disputed_alternative,notes"
)
MEMBERSHIP_ROWS = [
    "KAZ,CSTO,member,1992-05-15,,https://a.example/1,high,,",
    "UZB,CST,party,1992-05-15,1999-04-02,https://a.example/2,high,,",
    "UZB,CSTO,member,2006-06-23,2012-12-19,https://a.example/3,medium,,",
    "TKM,CIS,member,1991-12-21,2005-08-26,https://a.example/4,high,,",
    "TKM,CIS,associate,2005-08-26,,https://a.example/5,high,,",
    "KAZ,CIS,member,1991-12-21,,https://a.example/6,high,,",
    "UZB,CIS,member,1991-12-21,,https://a.example/7,high,,",
    "UZB,OTS,member,2019,,https://a.example/8,high,,",
    "TKM,OTS,observer,2021-11-12,,https://a.example/9,high,,",
]


def write(tmp_path, name: str, header: str, rows: list[str]):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def events(tmp_path) -> pd.DataFrame:
    return summits.load_summits(write(tmp_path, "summits.csv", HEADER, ROWS))


@pytest.fixture()
def memberships(tmp_path) -> pd.DataFrame:
    return summits.load_memberships(
        write(tmp_path, "memberships.csv", MEMBERSHIP_HEADER, MEMBERSHIP_ROWS)
    )


# --- loading and validation -----------------------------------------------------------


def test_valid_fixture_loads_with_parsed_dates(events):
    assert list(events["event_id"]) == ["RO1", "CM1", "FM1", "CM2", "CX1"]  # date order
    dates = events.set_index("event_id")["start"]
    assert dates["RO1"] == pd.Timestamp("1994-07-01")  # year precision: 1 July
    assert dates["FM1"] == pd.Timestamp("2018-07-15")  # month precision: the 15th
    assert events.set_index("event_id").at["CX1", "ordinal"] == 1


def replace_field(row: str, column: str, value: str) -> str:
    fields = row.split(",")
    fields[HEADER.split(",").index(column)] = value
    return ",".join(fields)


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("start_date", "2018-13-15", "valid date"),
        ("start_date", "15/03/2018", "valid date"),
        ("series", "c5_summit", "series one of"),
        ("KGZ", "president", "level one of"),
        ("source_urls", "", "not_nullable"),
        ("source_urls", "www.example.org/no-scheme", "source URL"),
        ("host", "KZ", "ISO3"),
        ("date_precision", "month", "form its date_precision says"),
        ("end_date", "2018-03-14", "end_date not before start_date"),
    ],
)
def test_malformed_row_is_rejected_naming_file_line_and_rule(tmp_path, column, value, rule):
    rows = [ROWS[0], replace_field(ROWS[1], column, value), *ROWS[2:]]
    if column == "end_date":  # make the end precede the start of the same row
        rows[1] = replace_field(replace_field(ROWS[1], "start_date", "2018-03-15"), column, value)
    path = write(tmp_path, "summits.csv", HEADER, rows)
    with pytest.raises(SchemaError) as caught:
        summits.load_summits(path)
    message = str(caught.value)
    assert "summits.csv" in message
    assert rule in message
    assert "line 3" in message and "\n" not in message  # header is line 1, bad row line 3


def test_c5plus_row_without_partner_is_rejected(tmp_path):
    path = write(
        tmp_path, "summits.csv", HEADER, [*ROWS[:4], replace_field(ROWS[4], "partner", "")]
    )
    with pytest.raises(SchemaError, match="C5\\+X rows name their partner"):
        summits.load_summits(path)


def test_missing_column_is_rejected(tmp_path):
    header = HEADER.replace(",confidence", "")
    rows = [",".join([*r.split(",")[:-2], ""]) for r in ROWS]
    with pytest.raises(SchemaError, match=r"summits\.csv"):
        summits.load_summits(write(tmp_path, "summits.csv", header, rows))


def test_not_held_levels_may_be_blank(tmp_path):
    row = "NH1,consultative_meeting,,3,2020-08,,month,Bishkek,KGZ,,,,,,,,https://a.example/1,high,,postponed"
    table = summits.load_summits_not_held(write(tmp_path, "summits_not_held.csv", HEADER, [row]))
    assert table.at[0, "year"] == 2020


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        (0, "KZ", "three-letter ISO3"),
        (0, "kaz", "three-letter ISO3"),
        (1, "NATO", "organisation one of"),
        (2, "partner", "status one of"),
        (3, "1992-02-30", "valid date"),
        (4, "1990", "left not before joined"),
        (5, "", "not_nullable"),
    ],
)
def test_malformed_membership_row_is_rejected(tmp_path, field, value, rule):
    fields = MEMBERSHIP_ROWS[0].split(",")
    fields[field] = value
    path = write(
        tmp_path, "memberships.csv", MEMBERSHIP_HEADER, [",".join(fields), *MEMBERSHIP_ROWS[1:]]
    )
    with pytest.raises(SchemaError) as caught:
        summits.load_memberships(path)
    message = str(caught.value)
    assert "memberships.csv" in message and rule in message
    assert "line 2" in message and "\n" not in message  # one line naming the file's line


# --- C1.6 / C1.7 ----------------------------------------------------------------------


def test_meetings_per_year_counts_and_zero_fills(events):
    counts = summits.meetings_per_year(events, years=range(2017, 2020))
    assert counts.loc[2018].to_dict() == {
        "consultative_meeting": 1,
        "c5_fm_meeting": 1,
        "regional_org_summit": 0,
        "other_c5_leaders_meeting": 0,
    }
    assert counts.loc[2017].sum() == 0
    assert "c5plus_summit" not in counts.columns


def test_poisson_rate_ratio_is_ratio_of_means():
    counts = pd.Series([0, 1, 0, 1, 2, 3, 1, 2], index=range(2013, 2021))
    fit = summits.rate_ratio(counts, break_year=2017)
    # Poisson MLE with one indicator reproduces the two group means exactly.
    assert fit.rate_before == pytest.approx(0.5) and fit.rate_after == pytest.approx(2.0)
    assert fit.irr == pytest.approx(4.0, rel=1e-6)
    assert fit.ci_low < 4.0 < fit.ci_high


def test_negative_binomial_rate_ratio_is_ratio_of_means_with_dispersion():
    counts = pd.Series([0, 3, 0, 1, 0, 2, 6, 1, 0, 5, 2, 7], index=range(2009, 2021))
    fit = summits.rate_ratio(counts, break_year=2015, model="negbin")
    # One indicator saturates the mean model, so NB2 also reproduces the group means ...
    assert fit.irr == pytest.approx((21 / 6) / 1.0, rel=1e-3)
    # ... but, with variance above the mean, it estimates a positive dispersion and a wider CI.
    poisson = summits.rate_ratio(counts, break_year=2015)
    assert fit.alpha > 0.1
    assert fit.ci_high - fit.ci_low > poisson.ci_high - poisson.ci_low
    with pytest.raises(ValueError):
        summits.rate_ratio(counts, model="ols")


def test_regularity_helpers():
    counts = pd.Series([1, 0, 0, 0, 1, 1, 0, 1], index=range(2010, 2018))
    assert summits.longest_gap_years(counts, 2010, 2017) == 3
    assert summits.share_of_years_with_meeting(counts, 2014, 2017) == pytest.approx(0.75)


def test_cadence_intervals_in_months(events):
    table = summits.cadence(events)
    assert list(table["event_id"]) == ["CM1", "CM2"]
    assert math.isnan(table.at[0, "months_since_previous"])
    days = (pd.Timestamp("2019-11-29") - pd.Timestamp("2018-03-15")).days
    assert table.at[1, "months_since_previous"] == pytest.approx(round(days / (365.25 / 12), 1))


def test_annual_slots_separate_held_and_planned(events, tmp_path):
    row = "NH1,consultative_meeting,,3,2020-08,,month,Bishkek,KGZ,,,,,,,,https://a.example/1,high,,"
    not_held = summits.load_summits_not_held(write(tmp_path, "nh.csv", HEADER, [row]))
    slots = summits.annual_slots(events, not_held, 2018, 2021)
    assert slots["held"].tolist() == [1, 1, 0, 0]
    assert slots["planned_not_held"].tolist() == [0, 0, 1, 0]


# --- C3.8 -----------------------------------------------------------------------------


def test_attendance_rates_skip_unknown_and_use_expected_level(events):
    long = summits.attendance(events)
    rates = summits.attendance_rates(long).set_index(["series", "iso3"])
    # TKM: speaker at CM1, head of state at CM2 -> present 2/2, at head-of-state level 1/2.
    assert rates.loc[("consultative_meeting", "TKM"), "present"] == pytest.approx(1.0)
    assert rates.loc[("consultative_meeting", "TKM"), "at_expected_level"] == pytest.approx(0.5)
    # KAZ's former head of state at CM2 is present but not at the expected level.
    assert rates.loc[("consultative_meeting", "KAZ"), "at_expected_level"] == pytest.approx(0.5)
    # TKM's deputy FM at the FM meeting: present, below the expected level.
    assert rates.loc[("c5_fm_meeting", "TKM"), "at_expected_level"] == 0.0
    # UZB unknown at CX1: left out, so no row for that series.
    assert ("c5plus_summit", "UZB") not in rates.index
    assert rates.loc[("regional_org_summit", "TJK"), "present"] == 0.0


def test_level_matrix_codes_levels_in_date_order(events):
    matrix = summits.level_matrix(events)
    assert list(matrix.index) == ["RO1", "CM1", "FM1", "CM2", "CX1"]
    assert matrix.at["CM1", "TKM"] == summits.LEVELS.index("speaker")
    assert matrix.at["RO1", "TJK"] == summits.LEVELS.index("absent")


def test_unga_absence_by_session():
    votes = pd.DataFrame(
        {
            "rcid": [1, 1, 2, 2, 3, 3],
            "iso3": ["TKM", "KAZ"] * 3,
            "vote": ["absent", "yes", "absent", "no", "yes", "absent"],
            "session": [50, 50, 50, 50, 51, 51],
        }
    )
    table = summits.unga_absence_by_session(votes, states=("KAZ", "TKM"))
    assert table.loc[50].to_dict() == {"KAZ": 0.0, "TKM": 1.0}
    assert table.loc[51].to_dict() == {"KAZ": 1.0, "TKM": 0.0}


# --- C3.9 -----------------------------------------------------------------------------


def test_membership_panel_mid_year_rule_and_overlaps(memberships):
    panel = summits.membership_panel(memberships, years=range(1998, 2014))
    status = panel.set_index(["iso3", "organisation", "year"])["status"]
    assert status[("UZB", "CST", 1998)] == "party"
    assert ("UZB", "CST", 1999) not in status.index  # left 2 April 1999, before 1 July
    assert status[("UZB", "CSTO", 2006)] == "member"  # rejoined 23 June 2006, before 1 July
    assert status[("UZB", "CSTO", 2012)] == "member"
    assert ("UZB", "CSTO", 2013) not in status.index
    assert status[("TKM", "CIS", 2005)] == "member" and status[("TKM", "CIS", 2006)] == "associate"
    assert (
        panel.set_index(["iso3", "organisation", "year"])["family"][("UZB", "CST", 1998)]
        == "CST/CSTO"
    )


def test_shared_memberships_counts_families_at_the_table(memberships):
    panel = summits.membership_panel(memberships, years=range(1998, 2023))
    shared = summits.shared_memberships(panel, years=range(1998, 2023)).set_index(
        ["a", "b", "year"]
    )
    # KAZ-UZB: CIS + CST in 1998; CIS only 1999-2006; CIS + CSTO 2007-2012; CIS again from 2013.
    assert shared.loc[("KAZ", "UZB", 1998), "n_shared"] == 2
    assert shared.loc[("KAZ", "UZB", 1998), "shared"] == "CIS, CST/CSTO"
    assert shared.loc[("KAZ", "UZB", 2000), "n_shared"] == 1
    assert shared.loc[("KAZ", "UZB", 2010), "n_shared"] == 2
    # TKM as CIS associate still shares the CIS table; as OTS observer it does not sit at OTS.
    assert shared.loc[("TKM", "UZB", 2022), "shared"] == "CIS"
    assert shared.loc[("KGZ", "TJK", 2000), "n_shared"] == 0  # no rows for them in the fixture
    members_only = summits.shared_memberships(
        panel, statuses=("member", "party"), years=range(2022, 2023)
    )
    assert members_only.set_index(["a", "b"]).loc[("TKM", "UZB"), "n_shared"] == 0


def test_shared_tables_test_recovers_a_planted_slope():
    rng = np.random.default_rng(7)
    pairs = [("A", "B"), ("A", "C"), ("B", "C"), ("A", "D"), ("B", "D")]
    rows = []
    for k, (a, b) in enumerate(pairs):
        for year in range(2000, 2020):
            n_shared = k % 3 + (year >= 2010) * (k % 2)
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "year": year,
                    "n_shared": n_shared,
                    "kappa": 0.2 + 0.1 * n_shared + 0.02 * k + rng.normal(0, 0.01),
                }
            )
    result = summits.shared_tables_test(pd.DataFrame(rows), states=("A", "B", "C", "D"))
    assert result.within_slope == pytest.approx(0.1, abs=0.01)
    assert result.within_ci_low > 0
    assert result.n_pairs_changing == 2
    assert result.n_obs == 100
    assert result.n_permutations == 24  # 4! relabellings of the four states


def test_meeting_format_groups_series_and_periods():
    series = pd.Series(
        [
            "regional_org_summit",
            "c5_fm_meeting",
            "consultative_meeting",
            "other_c5_leaders_meeting",
            "c5plus_summit",
        ]
    )
    year = pd.Series([1998, 2018, 2019, 2009, 2023])
    assert summits.meeting_format(series, year).tolist() == [
        "Regional bodies",
        "Five-state, 2017-2025",
        "Five-state, 2017-2025",
        "Five-state, before 2017",
        "C5+X summits",
    ]


# --- QAP ------------------------------------------------------------------------------


def test_qap_is_exact_over_all_relabellings():
    states = ("A", "B", "C", "D", "E")
    rank = {s: k for k, s in enumerate(states)}
    pairs = pd.DataFrame(
        [(a, b) for k, a in enumerate(states) for b in states[k + 1 :]], columns=["a", "b"]
    )
    # y depends on the pair only through the states' own values: a structure QAP must preserve.
    pairs["x"] = [rank[a] + rank[b] for a, b in zip(pairs["a"], pairs["b"], strict=True)]
    pairs["y"] = 2 * pairs["x"] + 1
    result = summits.qap_test(
        summits.pair_matrix(pairs, "x", states), summits.pair_matrix(pairs, "y", states)
    )
    assert result.correlation == pytest.approx(1.0)
    assert result.n_permutations == 120 and result.n_pairs == 10
    # Only relabellings that map the additive structure onto itself reach |r| = 1: the
    # identity and the reversal of the ranks, 2 of 120.
    assert result.p_value == pytest.approx(2 / 120)


def test_qap_null_for_unrelated_matrices_is_not_small():
    states = ("A", "B", "C", "D", "E")
    pairs = pd.DataFrame(
        [(a, b) for k, a in enumerate(states) for b in states[k + 1 :]], columns=["a", "b"]
    )
    pairs["x"] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    pairs["y"] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    result = summits.qap_test(
        summits.pair_matrix(pairs, "x", states), summits.pair_matrix(pairs, "y", states)
    )
    assert result.correlation < 0
    assert result.p_value > 0.5


# --- variants, date precision, disputed rows -------------------------------------------


def test_variants_drop_low_confidence_and_flip_disputed(tmp_path):
    rows = [*ROWS]
    rows[2] = rows[2][:-1] + "drop,"  # FM1 (medium): dropped when disputed rows are flipped
    rows[1] = rows[1][:-1] + "KAZ=head_of_state;TKM=absent,"
    path = write(tmp_path, "summits.csv", HEADER, rows)
    as_coded = summits.load_summits(path)
    assert set(as_coded["event_id"]) == {"RO1", "CM1", "FM1", "CM2", "CX1"}
    assert "RO1" not in set(summits.load_summits(path, "drop_low_confidence")["event_id"])
    flipped = summits.load_summits(path, "disputed_flipped").set_index("event_id")
    assert "FM1" not in flipped.index
    assert flipped.at["CM2", "KAZ"] == "head_of_state" and flipped.at["CM2", "TKM"] == "absent"
    with pytest.raises(ValueError, match="variant must be one of"):
        summits.load_summits(path, "optimistic")


def test_alternative_naming_an_unknown_column_is_a_clear_error(tmp_path):
    rows = [*ROWS]
    rows[1] = rows[1][:-1] + "president=absent,"
    path = write(tmp_path, "summits.csv", HEADER, rows)
    with pytest.raises(ValueError, match="line 3: disputed_alternative names unknown column"):
        summits.load_summits(path, "disputed_flipped")


def test_flipped_date_is_revalidated(tmp_path):
    rows = [MEMBERSHIP_ROWS[0][:-1] + "joined=2030-01-01;left=2020-01-01,", *MEMBERSHIP_ROWS[1:]]
    path = write(tmp_path, "memberships.csv", MEMBERSHIP_HEADER, rows)
    with pytest.raises(SchemaError, match="recoded the other way"):
        summits.load_memberships(path, "disputed_flipped")


def test_year_precision_is_kept_and_bounded(events, memberships):
    row = events.set_index("event_id").loc["RO1"]
    assert row["start_date"] == "1994" and row["date_precision"] == "year"  # never padded
    assert row["start_first"] == pd.Timestamp("1994-01-01")
    assert row["start_last"] == pd.Timestamp("1994-12-31")
    ots = memberships[(memberships["iso3"] == "UZB") & (memberships["organisation"] == "OTS")].iloc[
        0
    ]
    assert ots["joined"] == "2019" and ots["joined_precision"] == "year"
    assert ots["start"] == pd.Timestamp("2019-07-01")


def test_fm_gaps_use_date_precision(tmp_path):
    fm = "foreign_minister"
    rows = [
        f"FMa,c5_fm_meeting,,,2006,,year,,KAZ,{fm},{fm},{fm},{fm},{fm},,,https://a.example/1,high,,",
        f"FMb,c5_fm_meeting,,,2017-04-07,,day,,UZB,{fm},{fm},{fm},{fm},{fm},,,https://a.example/2,high,,",
        f"FMc,c5_fm_meeting,,,2018-07,,month,,KGZ,{fm},{fm},{fm},{fm},{fm},,,https://a.example/3,high,,",
        f"FMd,c5_fm_meeting,,,2019-11-15,,day,,UZB,{fm},{fm},{fm},{fm},{fm},,,https://a.example/4,high,,",
    ]
    events = summits.load_summits(write(tmp_path, "summits.csv", HEADER, rows))
    table = summits.fm_meetings(events).set_index("event_id")
    assert (
        table.at["FMb", "gap_min_years"]
        < table.at["FMb", "gap_years"]
        < table.at["FMb", "gap_max_years"]
    )
    days = (pd.Timestamp("2017-04-07") - pd.Timestamp("2006-12-31")).days
    assert table.at["FMb", "gap_min_years"] == pytest.approx(days / 365.25)
    result = summits.ministerial_regularity(events, before=(2007, 2016), after=(2017, 2019))
    assert result.first_after == "FMb"
    assert result.share_years_before == 0.0
    assert result.share_years_after == pytest.approx(1.0)
    assert result.longest_gap_after_years == pytest.approx(table.at["FMd", "gap_years"])


# --- home-grown organisations ----------------------------------------------------------


def test_home_grown_standing(tmp_path):
    orgs = "\n".join(
        [
            "organisation,name,kind,founded,ended,outside_founders,source_urls,notes",
            "IFAS,Aral fund,organisation,1993-01-04,,none,https://a.example/1,",
            "CACO,Cooperation,organisation,2002-02-28,2006-01-25,none,https://a.example/2,",
            "CANWFZ,Zone,treaty,2006-09-08,,none,https://a.example/3,",
            "SCO,Shanghai,organisation,2001-06-15,,CHN;RUS,https://a.example/4,",
        ]
    )
    (tmp_path / "organisations.csv").write_text(orgs + "\n", encoding="utf-8")
    organisations = summits.load_organisations(tmp_path / "organisations.csv")
    spells = write(
        tmp_path,
        "memberships.csv",
        MEMBERSHIP_HEADER,
        [
            "KAZ,IFAS,member,1993-01-04,,https://a.example/1,high,,",
            "KAZ,CACO,member,2002-02-28,2006-01-25,https://a.example/2,high,,",
            "KAZ,SCO,member,2001-06-15,,https://a.example/3,high,,",
        ],
    )
    table = summits.home_grown_standing(
        organisations, summits.load_memberships(spells), "2021-03-05"
    )
    assert table.set_index("organisation")["standing"].to_dict() == {"IFAS": True, "CACO": False}


# --- the curated tables agree with each other -------------------------------------------

#: Groups in country_groups.yml that are organisations in memberships.csv (CST and CSTO are
#: one spell in the YAML file).
GROUP_ORGANISATIONS = {"CIS": ("CIS",), "CSTO": ("CST", "CSTO"), "SCO": ("SCO",), "EAEU": ("EAEU",)}


def _spells(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    """(iso3, joined, left) spells with seats at the table, contiguous spells merged."""
    merged: list[list[str]] = []
    for row in frame.sort_values(["iso3", "joined"]).itertuples():
        left = "" if pd.isna(row.left) else row.left
        if merged and merged[-1][0] == row.iso3 and merged[-1][2] == row.joined:
            merged[-1][2] = left
        else:
            merged.append([row.iso3, row.joined, left])
    return {tuple(spell) for spell in merged}


@pytest.mark.parametrize("key", sorted(GROUP_ORGANISATIONS))
def test_country_groups_agree_with_memberships(key):
    from caorder import countries

    spells = summits.load_memberships()
    chosen = spells[
        spells["organisation"].isin(GROUP_ORGANISATIONS[key])
        & spells["status"].isin(("member", "party"))
    ]
    group = countries.load_groups()[key]
    in_yaml = {
        (m.iso3, m.joined.isoformat() if m.joined else "", m.left.isoformat() if m.left else "")
        for m in group.members
        if m.iso3 in countries.C5
    }
    assert _spells(chosen) == in_yaml, f"country_groups.yml {key} and memberships.csv disagree"


#: Mirrors of encyclopaedia pages, replaced by the sources they copy (see data/README.md).
WEAK_HOSTS = ("wikimili.com", "piglix.com", "wikisum.wiki", "perceptiofr.com")


@pytest.mark.parametrize(
    "name", ["summits.csv", "summits_not_held.csv", "memberships.csv", "organisations.csv"]
)
def test_sources_use_tidy_hosts(name):
    from urllib.parse import urlparse

    from caorder import paths

    frame = pd.read_csv(paths.data_dir() / name, dtype=str, keep_default_na=False)
    hosts = {urlparse(url).hostname or "" for urls in frame["source_urls"] for url in urls.split()}
    bad = sorted(
        h
        for h in hosts
        if h.endswith(".")
        or h.startswith(("test.", "imgtest.", "mirror."))
        or h.endswith(WEAK_HOSTS)
    )
    assert not bad, f"{name}: odd or weak source hosts {bad}"


def test_every_dataset_variant_loads():
    for variant in summits.VARIANTS:
        assert len(summits.load_summits(variant=variant)) > 0
        assert len(summits.load_memberships(variant=variant)) > 0


# --- C1.9: coded outcome documents ------------------------------------------------------

DOC_HEADER = (
    "event_id,document,kind,integration_instrument,creates_body,integration_aim,"
    "text_read,phrase,source_urls,confidence,notes"
)


def test_agenda_counts_by_period(tmp_path, events):
    docs = write(
        tmp_path,
        "consultative_documents.csv",
        DOC_HEADER,
        [
            "CM1,Protocol,protocol,no,none,not_found,none,,https://a.example/1,low,",
            "CM2,Joint Statement,joint_statement,no,none,yes,opening,economic integration,https://a.example/2,medium,",
            "CM2,Council,regulation,no,intergovernmental,not_found,title,,https://a.example/3,high,",
        ],
    )
    summits_csv = write(tmp_path, "summits.csv", HEADER, ROWS)
    table = summits.load_consultative_documents(docs, summits_csv)
    assert summits.agenda_counts(table, 2018, 2018) == {
        "meetings": 1,
        "documents": 1,
        "integration_instruments": 0,
        "supranational_bodies": 0,
        "intergovernmental_bodies": 0,
        "integration_aims": 0,
        "read_beyond_title": 0,
    }
    both = summits.agenda_counts(table, 2018, 2019)
    assert both["integration_aims"] == 1 and both["intergovernmental_bodies"] == 1
    assert both["read_beyond_title"] == 1


def test_documents_of_unknown_meetings_are_refused(tmp_path):
    docs = write(
        tmp_path,
        "consultative_documents.csv",
        DOC_HEADER,
        [
            "CM9,Statement,joint_statement,no,none,not_found,title,,https://a.example/1,high,",
        ],
    )
    with pytest.raises(ValueError, match=r"CM9.*not a consultative meeting"):
        summits.load_consultative_documents(docs, write(tmp_path, "summits.csv", HEADER, ROWS))
