"""Chapter 4's verdict rules on hand-made evidence, and their register entries.

No data are read for the rules: each test builds the evidence a specification would give
and checks the verdict the declared thresholds imply, on both sides of every threshold.
"""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import after_paper, claims, verdicts
from caorder.verdicts import ch4
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS

PERIODISATION = {"alpha": 0.05, "tolerance_years": 2, "require_trend": False}


def breaks(chow=0.01, hac=0.01, trend=0.5, best=(2005, 2017), sup1=0.01, sup2=0.01) -> dict:
    return {
        "chow_p": chow,
        "chow_p_hac": hac,
        "chow_p_trend": trend,
        "best_one": best[0],
        "supf1_p": sup1,
        "best_two_first": best[0],
        "best_two_second": best[1],
        "supf2_p": sup2,
        "n_years": 32.0,
    }


@pytest.mark.parametrize(
    "evidence, verdict",
    [
        (breaks(), SUPPORTS),
        (breaks(best=(2003, 2019)), SUPPORTS),  # both within two years
        (breaks(best=(2002, 2017)), MIXED),  # rejects, but one break three years off
        (breaks(hac=0.2), MIXED),  # Newey-West does not reject; best breaks near the proposed
        (breaks(chow=0.3, hac=0.3, best=(1997, 2011)), CONTRADICTS),  # breaks elsewhere
        (breaks(chow=0.3, hac=0.3, best=(1997, 2011), sup1=0.2, sup2=0.2), MIXED),  # no break
        (breaks(chow=0.3, hac=0.3, best=(1997, 2016)), MIXED),  # one break near 2017
    ],
)
def test_periodisation_rule(evidence, verdict):
    assert ch4.periodisation_rule(evidence, PERIODISATION) == verdict


def test_periodisation_rule_with_the_trend_condition_added_after_looking():
    strict = PERIODISATION | {"require_trend": True}
    assert ch4.periodisation_rule(breaks(trend=0.5), strict) == MIXED
    assert ch4.periodisation_rule(breaks(trend=0.01), strict) == SUPPORTS


COHESION = {"supports_at_least": 75, "contradicts_below": 50}


@pytest.mark.parametrize(
    "value, verdict",
    [
        (75.0, SUPPORTS),
        (74.9, MIXED),
        (50.0, MIXED),
        (49.9, CONTRADICTS),
    ],
)
def test_cohesion_held_rule(value, verdict):
    evidence = {
        "post_median_percentile": value,
        "pre_median_percentile": 90.0,
        "post_cohesion": 0.5,
        "pre_cohesion": 0.5,
        "n_post_years": 5.0,
    }
    assert ch4.cohesion_held_rule(evidence, COHESION) == verdict


TERRITORIAL = {"supports_at_most": 0.0, "contradicts_above": 0.5}


@pytest.mark.parametrize(
    "share, verdict",
    [
        (0.0, SUPPORTS),
        (0.05, MIXED),
        (0.5, MIXED),
        (0.51, CONTRADICTS),
    ],
)
def test_territorial_rule(share, verdict):
    assert ch4.territorial_rule({"no_share": share}, TERRITORIAL) == verdict


BALANCING = {"basis": "own_shift", "drift_sd": 2, "contradicts_at_least": 3}


def moves(towards, closer=(0, 0, 0, 0, 0)) -> dict:
    states = ("kaz", "kgz", "tjk", "tkm", "uzb")
    evidence = {f"towards_{s}": float(v) for s, v in zip(states, towards, strict=True)}
    evidence |= {f"closer_{s}": float(v) for s, v in zip(states, closer, strict=True)}
    return evidence | {"max_towards": float(max(towards))}


@pytest.mark.parametrize(
    "towards, verdict",
    [
        ((0, 1, 2, -1, 0.5), SUPPORTS),  # exactly two SDs is not a drift
        ((0, 2.1, 0, 0, 0), MIXED),
        ((3, 3, 0, 0, 0), MIXED),
        ((3, 3, 3, 0, 0), CONTRADICTS),
    ],
)
def test_balancing_rule(towards, verdict):
    assert ch4.balancing_rule(moves(towards), BALANCING) == verdict


def test_balancing_rule_under_the_first_distance_rule_reads_the_distances():
    evidence = moves((0, 0, 0, 0, 0), closer=(3, 3, 3, 0, 0))
    assert ch4.balancing_rule(evidence, BALANCING) == SUPPORTS
    assert ch4.balancing_rule(evidence, BALANCING | {"basis": "distance"}) == CONTRADICTS


def test_five_vote_counts_count_votes_roll_calls_and_unrecorded_votes():
    table = pd.DataFrame(
        {
            "KAZ": ["abstain", "no", "not in file"],
            "KGZ": ["abstain", "abstain", "not in file"],
            "TJK": ["absent", "no", "not in file"],
            "TKM": ["absent", "absent", "not in file"],
            "UZB": ["yes", "abstain", "not in file"],
        }
    )
    counts = after_paper.five_vote_counts(table)
    assert counts == {
        "n_yes": 1.0,
        "n_abstain": 4.0,
        "n_no": 2.0,
        "n_absent": 3.0,
        "n_not_recorded": 5.0,
        "n_rollcalls": 2.0,
        "rollcalls_with_no": 1.0,
        "no_share": 2 / 7,
    }


def test_describe_votes_words_each_roll_call():
    table = pd.DataFrame(
        {
            "symbol": ["A/RES/ES-11/1"],
            "date": ["2022-03-02"],
            "KAZ": ["abstain"],
            "KGZ": ["abstain"],
            "TJK": ["no"],
            "TKM": ["absent"],
            "UZB": ["not in file"],
        }
    )
    assert after_paper.describe_votes(table) == (
        "A/RES/ES-11/1 (2022-03-02): KAZ, KGZ abstained; TJK voted no; TKM did not vote; "
        "UZB vote not recorded."
    )


def test_the_territorial_integrity_scope_is_narrower_than_all_post_soviet_votes():
    calls = pd.DataFrame(
        {
            "period": [after_paper.POST_INVASION] * 4 + ["2014 – Feb 2022"],
            "title": [
                "Aggression against Ukraine",
                "Humanitarian consequences of the aggression against Ukraine",
                "Territorial integrity of Ukraine: defending the principles of the Charter",
                "Suspension of the rights of membership of the Russian Federation",
                "Territorial integrity of Ukraine",
            ],
        }
    )
    assert after_paper.in_scope(calls, "territorial_integrity").tolist() == [
        True,
        False,
        True,
        False,
        False,
    ]
    assert after_paper.in_scope(calls, "all_post_soviet").tolist() == [
        True,
        True,
        True,
        True,
        False,
    ]
    with pytest.raises(ValueError, match="Unknown scope"):
        after_paper.in_scope(calls, "everything")


@pytest.mark.parametrize("claim_id", ["C4.1", "C4.2", "C4.3", "C4.7"])
def test_register_names_a_chapter_4_evaluator_and_its_thresholds(claim_id):
    entry = claims.claim(claim_id)
    assert entry["evaluator"].removeprefix("ch4.") in ch4.EVALUATORS
    assert verdicts.thresholds(entry)
    assert entry["specifications"]


@pytest.mark.parametrize("claim_id", ["C4.4", "C4.5", "C4.6"])
def test_research_trajectories_are_untestable_and_name_the_data_needed(claim_id):
    entry = claims.claim(claim_id)
    assert entry["evaluator"] == "untestable"
    assert entry["untestable"]["data_needed"].strip()
    result = verdicts.evaluate(claim_id)
    assert result.verdict == claims.VERDICTS[-1] and result.value is None


@pytest.mark.parametrize("claim_id", ["C4.1", "C4.7"])
def test_rules_changed_after_results_are_recorded_with_the_original(claim_id):
    changes = claims.claim(claim_id)["changed"]
    assert all(change["after_results"] for change in changes)
    assert verdicts.original_thresholds(claims.claim(claim_id)) == changes[0]["old"]["thresholds"]
