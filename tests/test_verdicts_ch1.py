"""Chapter 1 verdict rules on hand-made evidence, and the register entries they serve."""

from __future__ import annotations

import pytest

from caorder import claims
from caorder.verdicts import ch1, core, evaluators
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS, UNTESTABLE

C1_1 = {"supports_below": 25, "contradicts_above": 75}
C1_2 = {"own_cluster_contradicts": 3, "nn_supports_max": 2}
C1_8 = {"supports_at_most": 25, "contradicts_at_least": 75}
C1_4 = {
    "p_below": 0.05,
    "placebo_supports_above": 90,
    "placebo_contradicts_at_most": 50,
    "meaningful_rise": 0.10,
    "min_units": 5,
}


@pytest.mark.parametrize(
    ("percentile", "verdict"),
    [
        (10.0, SUPPORTS),
        (24.9, SUPPORTS),
        (25.0, MIXED),
        (75.0, MIXED),
        (75.1, CONTRADICTS),
        (99.0, CONTRADICTS),
    ],
)
def test_cohesion_vs_random_rule(percentile, verdict):
    evidence = {"c5": 0.5, "random_median": 0.3, "percentile": percentile}
    assert ch1.cohesion_vs_random_rule(evidence, C1_1) == verdict


@pytest.mark.parametrize(
    ("own", "nn_max", "verdict"),
    [
        (0, 2, SUPPORTS),
        (0, 3, MIXED),
        (1, 0, MIXED),
        (2, 5, MIXED),
        (3, 0, CONTRADICTS),
        (4, 5, CONTRADICTS),
    ],
)
def test_region_that_isnt_rule(own, nn_max, verdict):
    evidence = {"own_cluster_periods": own, "c5_nn_min": 0, "c5_nn_max": nn_max}
    assert ch1.region_that_isnt_rule(evidence, C1_2) == verdict


@pytest.mark.parametrize(
    ("share", "verdict"),
    [
        (0.0, SUPPORTS),
        (25.0, SUPPORTS),
        (25.1, MIXED),
        (74.9, MIXED),
        (75.0, CONTRADICTS),
        (100.0, CONTRADICTS),
    ],
)
def test_voting_pull_rule(share, verdict):
    evidence = {"share_closer_c5": share, "median_margin": 0.1, "state_periods": 20}
    assert ch1.voting_pull_rule(evidence, C1_8) == verdict


def _wind(c5=0.0, uzb=0.0, p=0.5, rank=40.0, ci_high=0.05, uzb_rank=None):
    return {
        "c5_level_change": c5,
        "c5_p": p,
        "c5_ci_high": ci_high,
        "c5_placebo_rank": rank,
        "uzb_level_change": uzb,
        "uzb_p": p,
        "uzb_placebo_rank": rank if uzb_rank is None else uzb_rank,
    }


def test_new_wind_rule_supports_only_when_both_rise_strongly():
    assert ch1.new_wind_rule(_wind(0.1, 0.1, 0.01, 95, 0.2), C1_4) == SUPPORTS
    assert ch1.new_wind_rule(_wind(0.1, -0.1, 0.01, 95, 0.2), C1_4) == MIXED
    assert ch1.new_wind_rule(_wind(0.1, 0.1, 0.06, 95, 0.2), C1_4) == MIXED


def test_new_wind_rule_contradicts_only_on_a_precise_null():
    assert ch1.new_wind_rule(_wind(0.01, 0.01, 0.6, 40, 0.05), C1_4) == CONTRADICTS
    assert ch1.new_wind_rule(_wind(-0.02, -0.02, 0.6, 90, 0.05), C1_4) == CONTRADICTS
    assert ch1.new_wind_rule(_wind(0.01, 0.01, 0.6, 40, 0.15), C1_4) == MIXED
    assert ch1.new_wind_rule(_wind(0.01, 0.01, 0.6, 40, 0.05, uzb_rank=60), C1_4) == MIXED


def test_new_wind_original_rule_has_no_precision_condition():
    original = {k: v for k, v in C1_4.items() if k != "meaningful_rise"}
    assert ch1.new_wind_rule(_wind(0.01, 0.01, 0.6, 40, 0.15), original) == CONTRADICTS


@pytest.mark.parametrize(
    ("c5", "eu", "others", "random", "verdict"),
    [
        (0.55, 0.80, 0.50, 0.30, SUPPORTS),
        (0.55, 0.80, 0.60, 0.30, MIXED),  # below the other groups' median
        (0.85, 0.80, 0.50, 0.30, CONTRADICTS),  # at or above the EU
        (0.25, 0.80, 0.20, 0.30, CONTRADICTS),  # below the random median
    ],
)
def test_eu_benchmark_rule(c5, eu, others, random, verdict):
    evidence = {
        "c5": c5,
        "eu": eu,
        "others_median": others,
        "random_median": random,
        "c5_minus_eu": c5 - eu,
    }
    assert ch1.eu_benchmark_rule(evidence, {"margin": 0.0}) == verdict


def test_register_thresholds_are_the_ones_tested_here():
    assert claims.claim("C1.1")["rule"]["thresholds"] == C1_1
    assert claims.claim("C1.2")["rule"]["thresholds"] == C1_2
    assert claims.claim("C1.8")["rule"]["thresholds"] == C1_8
    assert claims.claim("C1.4")["rule"]["thresholds"] == C1_4


def test_every_chapter_1_evaluator_is_named_by_a_claim():
    named = {e["evaluator"] for e in claims.register()}
    assert {f"ch1.{name}" for name in ch1.EVALUATORS} <= named
    assert {f"ch1.{name}" for name in ch1.EVALUATORS} <= set(evaluators())


def test_c1_4_records_the_rule_changed_after_results():
    change = claims.claim("C1.4")["changed"][0]
    assert change["after_results"] is True
    assert "meaningful_rise" not in change["old"]["thresholds"]
    assert change["new"]["thresholds"] == {k: v for k, v in C1_4.items() if k != "min_units"}
    power = claims.claim("C1.4")["changed"][-1]
    assert power["new"]["thresholds"] == C1_4 and "min_units" not in power["old"]["thresholds"]
    assert (power["verdict_before"], power["verdict_after"]) == ("mixed", "inconclusive")


def test_the_economic_pull_is_untestable_and_its_voting_counterpart_an_extension():
    assert claims.claim("C1.3")["evaluator"] == "untestable"
    assert "trade" in claims.claim("C1.3")["untestable"]["data_needed"].lower()
    assert claims.claim("C1.8")["attribution"] == "extension"
    assert str(claims.claim("C1.8")["declared"]) == "2026-11-29"


def test_missing_clustering_evidence_is_untestable():
    evaluator = ch1.EVALUATORS["region_that_isnt"]
    result = core.judge(evaluator, core.Spec(), {"own_cluster_periods": float("nan")}, C1_2)
    assert result.verdict == UNTESTABLE


def test_c1_4_with_three_sessions_after_the_break_is_inconclusive_by_the_power_rule():
    """Hand-made evidence: a rise that would support, but only three post-break sessions."""
    evidence = {
        "post_sessions": 3.0,
        "c5_level_change": 0.2,
        "c5_p": 0.01,
        "c5_ci_high": 0.3,
        "c5_placebo_rank": 95.0,
        "uzb_level_change": 0.2,
        "uzb_p": 0.01,
        "uzb_ci_high": 0.3,
        "uzb_placebo_rank": 95.0,
    }
    evaluator = ch1.EVALUATORS["new_wind"]
    thin = core.judge(evaluator, core.Spec(), evidence, C1_4)
    assert thin.verdict == core.INCONCLUSIVE and "min_units" in thin.reason
    enough = core.judge(evaluator, core.Spec(), {**evidence, "post_sessions": 6.0}, C1_4)
    assert enough.verdict == SUPPORTS
