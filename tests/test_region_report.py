"""The region report: small hand-computed cases, then the real data for two regions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toyvotes import long_votes

from caorder import agreement, cohesion, countries, region_report, windows
from caorder.region_report import Window

# Four roll calls; DDD is absent on three of them.
VOTES = long_votes(
    {
        "AAA": ["yes", "no", "yes", "yes"],
        "BBB": ["yes", "no", "yes", "no"],
        "CCC": ["no", "yes", "no", "yes"],
        "DDD": ["yes", "absent", "absent", "absent"],
    },
    year=2000,
)


def test_group_pool_is_the_books_default_pool_matched_on_the_group():
    # Participation: AAA, BBB, CCC 4/4; DDD 1/4. A group of full voters draws from full voters.
    assert region_report.group_pool(VOTES, ["AAA", "BBB"]) == ["AAA", "BBB", "CCC"]
    assert region_report.group_pool(VOTES, ["AAA", "DDD"]) == ["AAA", "BBB", "CCC", "DDD"]


def test_select_votes_keeps_years_and_contested_roll_calls():
    two_years = pd.concat([VOTES, long_votes({"AAA": ["yes"]}, 2005).assign(rcid=9)])
    window = Window(years=(1999, 2001))
    assert set(windows.select_window(two_years, window)["rcid"]) == {1, 2, 3, 4}
    # Dissent share: rc1 1/4, rc2 1/3, rc3 1/3, rc4 1/3 of cast votes differ from the plurality.
    contested = Window(years=(1999, 2001), contested=0.30)
    assert set(windows.select_window(VOTES, contested)["rcid"]) == {2, 3, 4}


def test_cohesion_against_random_on_a_hand_computed_case():
    scores = agreement.pairwise(
        agreement.vote_matrix(VOTES, ["AAA", "BBB", "CCC"]), "agreement", min_common=1
    )
    # agreement: AB 3/4, AC 1/4, BC 0. Every random pair is one of these three.
    summary, baseline = region_report.cohesion_against_random(
        scores, ["AAA", "BBB"], ["AAA", "BBB", "CCC"], n_groups=300, seed=1
    )
    assert summary["cohesion"] == pytest.approx(0.75)
    assert set(np.round(baseline, 4)) == {0.75, 0.25, 0.0}
    assert summary["percentile"] == pytest.approx(100 * np.mean(baseline < 0.75))


def test_great_power_agreement_adds_the_group_mean():
    scores = pd.DataFrame(
        [[1.0, 0.5, 0.2], [0.5, 1.0, 0.8], [0.2, 0.8, 1.0]],
        index=["AAA", "USA", "RUS"],
        columns=["AAA", "USA", "RUS"],
    )
    table = region_report.great_power_agreement(scores, ["AAA", "RUS"], ("USA",))
    assert list(table.index) == ["AAA", "RUS", "group mean"]
    assert table.at["group mean", "USA"] == pytest.approx((0.5 + 0.8) / 2)


# --- real data --------------------------------------------------------------------------

SHORT = Window(years=(2010, 2014))


@pytest.mark.parametrize("region", ["SOUTH_CAUCASUS", "ASEAN"])
def test_the_report_runs_for_other_regions(region):
    report = region_report.region_report(region, SHORT, n_groups=200, n_groups_per_year=50)
    assert set(report.groups["group"]) == {region, "C5"}
    assert report.members and set(report.members) <= set(report.great_powers.index)
    assert list(report.great_powers.columns) == list(countries.GREAT_POWERS)
    assert {"group mean", "C5 mean"} <= set(report.great_powers.index)
    assert sorted(report.yearly["year"].unique()) == list(range(2010, 2015))
    assert report.groups["percentile"].between(0, 100).all()
    assert len(report.baseline) == 200


def test_drop_removes_a_state_from_the_c5():
    table = region_report.compare_groups(["C5"], SHORT, drop=["TKM"], n_groups=100)
    assert table.loc[0, "n_members"] == 4


def test_the_c5_percentile_uses_the_chapter_1_baseline():
    """One random baseline: region_report and chapter 1 give the C5 the same percentile."""
    table = region_report.compare_groups(["C5"], Window(years=(1992, 2019)))
    chapter_1 = cohesion.c5_against_random(1992, 2019)
    assert table.loc[0, "percentile"] == pytest.approx(chapter_1["C5 percentile"])
    assert table.loc[0, "cohesion"] == pytest.approx(chapter_1["C5"])


def test_the_c5_members_are_the_five():
    assert region_report.members(countries.group("C5"), (1992, 2019)) == [
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    ]


# --- the command line -------------------------------------------------------------------


def test_the_command_writes_a_report_for_one_region(tmp_path, capsys):
    target = tmp_path / "report.md"
    arguments = ["SOUTH_CAUCASUS", "--years", "2010", "2014", "--groups", "200"]
    assert region_report.main([*arguments, "--groups-per-year", "50", "--out", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# South Caucasus (SOUTH_CAUCASUS) beside the Central Asian five")
    assert "Members (3): ARM, AZE, GEO." in text and "roll calls 2010–2014" in text
    assert "## Agreement with the great powers" in text and "C5 mean" in text


def test_the_command_refuses_an_unknown_region_and_reversed_years(capsys):
    assert region_report.main(["NOWHERE"]) == 1
    assert region_report.main(["C5", "--years", "2015", "1992"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and "No country group 'NOWHERE'" in lines[0]
    assert "reversed; write --years 1992 2015" in lines[1]
