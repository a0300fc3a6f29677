"""The honest vocabulary on hand-made evidence: the power rule, weak evidence, margins to the
thresholds and the verdict across each threshold's band, and the verdict under the first rule."""

from __future__ import annotations

import pytest

from caorder.verdicts import ch3, core, diplomacy
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS


def _rule(evidence, thresholds):
    if evidence["x"] >= thresholds["high"]:
        return CONTRADICTS
    return SUPPORTS if evidence["x"] <= thresholds["low"] else MIXED


TOY = core.Evaluator(
    evidence=lambda spec: {"x": float(spec.get("x", 0.0)), "n": float(spec.get("n", 10))},
    rule=_rule,
    key="x",
    statistic="x",
    summary=lambda ev: f"x is {ev['x']}",
    units="n",
    compared={"low": ("x",), "high": ("x",), "min_units": ("n",)},
)


def _results(dimensions, thresholds):
    return [
        core.judge(TOY, s, TOY.evidence(s), thresholds) for s in core.specifications(dimensions)
    ]


def test_the_power_rule_makes_a_thin_specification_inconclusive():
    thresholds = {"low": 1.0, "high": 2.0, "min_units": 5}
    thin = core.judge(TOY, core.Spec(), {"x": 0.5, "n": 3.0}, thresholds)
    enough = core.judge(TOY, core.Spec(), {"x": 0.5, "n": 5.0}, thresholds)
    assert thin.verdict == INCONCLUSIVE and "min_units" in thin.reason
    assert enough.verdict == SUPPORTS
    # without a declared power rule the same evidence is judged
    assert core.judge(TOY, core.Spec(), {"x": 0.5, "n": 3.0}, {"low": 1, "high": 2}).verdict == (
        SUPPORTS
    )


def test_a_headline_on_few_units_is_flagged_weak():
    thresholds = {"low": 1.0, "high": 2.0, "strong_min_units": 20}
    results = _results({"x": [0.5], "n": [10]}, thresholds)
    result = core.combine("C9.9", TOY, results, thresholds)
    assert result.verdict == SUPPORTS and result.strength == "weak"
    assert "strong_min_units" in result.strength_reason
    many = core.combine("C9.9", TOY, _results({"x": [0.5], "n": [30]}, thresholds), thresholds)
    assert many.strength == "normal"


def test_a_register_can_flag_thin_evidence_and_only_a_one_way_verdict_is_weak():
    thresholds = {"low": 1.0, "high": 2.0}
    supports = core.combine(
        "C9.9", TOY, _results({"x": [0.5]}, thresholds), thresholds, weak_reason="titles only"
    )
    assert (supports.strength, supports.strength_reason) == ("weak", "titles only")
    mixed = core.combine(
        "C9.9", TOY, _results({"x": [1.5]}, thresholds), thresholds, weak_reason="titles only"
    )
    assert mixed.strength == "normal"


def test_margins_and_the_verdict_across_a_band():
    thresholds = {"low": 0.8, "high": 2.0}
    results = _results({"x": [0.78]}, thresholds)
    result = core.combine("C9.9", TOY, results, thresholds, bands={"low": 0.05, "high": 0.25})
    low, high = result.threshold_checks
    assert low["threshold"] == "low" and low["compared_with"] == "x"
    assert low["margin"] == pytest.approx(-0.02)
    assert (low["verdict_low"], low["verdict_high"]) == (MIXED, SUPPORTS)
    assert low["sensitive"] and result.sensitive
    assert high["margin"] == pytest.approx(-1.22) and not high["sensitive"]


def test_a_verdict_far_from_its_thresholds_is_not_sensitive():
    thresholds = {"low": 1.0, "high": 2.0}
    result = core.combine(
        "C9.9", TOY, _results({"x": [0.1]}, thresholds), thresholds, bands={"low": 0.1}
    )
    assert not result.sensitive
    checks = {c["threshold"]: c for c in result.threshold_checks}
    assert checks["high"]["band"] is None and checks["high"]["verdict_low"] is None
    assert result.as_dict()["sensitive"] is False


def test_the_nearest_of_several_compared_entries_is_the_margin():
    evaluator = core.Evaluator(
        evidence=lambda spec: {"a_kgz": 0.77, "a_kaz": 0.5, "n": 5.0},
        rule=lambda ev, t: SUPPORTS if max(ev["a_kgz"], ev["a_kaz"]) <= t["cut"] else MIXED,
        key="n",
        statistic="n",
        summary=str,
        compared={"cut": ("a_*",)},
    )
    results = [core.judge(evaluator, core.Spec(), evaluator.evidence(core.Spec()), {"cut": 0.8})]
    (check,) = core.threshold_checks(evaluator, results, {"cut": 0.8}, {"cut": 0.05})
    assert check["compared_with"] == "a_kgz" and check["margin"] == pytest.approx(-0.03)
    assert check["verdict_low"] == MIXED and check["sensitive"]


def test_non_numeric_thresholds_are_not_moved():
    thresholds = {"low": 1.0, "high": 2.0, "flag": True, "basis": "own_shift"}
    checks = core.threshold_checks(TOY, _results({"x": [0.5]}, thresholds), thresholds, {})
    assert [c["threshold"] for c in checks] == ["low", "high"]


def test_the_first_rule_verdict_reads_only_the_specifications_it_named():
    now = {"low": 1.0, "high": 2.0}
    results = _results({"x": [0.5, 1.5, 0.2]}, now)
    first = core.first_rule_verdict(TOY, results, now, specs={"x": [0.5]})
    assert first == SUPPORTS
    assert core.first_rule_verdict(TOY, results, now, specs={"x": [9.0]}) is None
    # a first rule that needed every specification to agree
    assert core.first_rule_verdict(TOY, results, now, share=1.0) == MIXED


# --- the register's rules: an interval spanning the null cannot tell ---------------------


def test_c3_9_slope_spanning_zero_is_inconclusive_under_the_new_rule_mixed_under_the_first():
    evidence = {"within_ci_low": -0.03, "within_ci_high": 0.14, "between_r": 0.4}
    new = {"slope_ci_above": 0.0, "between_above": 0.0, "ci_spanning": "inconclusive"}
    first = {"slope_ci_above": 0.0, "between_above": 0.0}
    assert diplomacy.shared_tables_rule(evidence, new) == INCONCLUSIVE
    assert diplomacy.shared_tables_rule(evidence, first) == MIXED
    both_ways = {**evidence, "within_ci_low": 0.01, "between_r": -0.2}
    assert diplomacy.shared_tables_rule(both_ways, new) == MIXED


def test_c3_5_one_ci_spanning_is_inconclusive_and_opposite_cis_are_mixed():
    t = {"odds_ratio_null": 1.0, "ci_spanning": "inconclusive"}
    above = {"absent_ci_low": 2.0, "absent_ci_high": 3.0}
    assert (
        ch3.neutrality_rule({**above, "abstain_ci_low": 0.8, "abstain_ci_high": 1.3}, t)
        == INCONCLUSIVE
    )
    assert ch3.neutrality_rule({**above, "abstain_ci_low": 0.5, "abstain_ci_high": 0.9}, t) == MIXED
    first = {"odds_ratio_null": 1.0}
    assert (
        ch3.neutrality_rule({**above, "abstain_ci_low": 0.8, "abstain_ci_high": 1.3}, first)
        == MIXED
    )


def test_c3_1_peers_spanning_is_inconclusive_peers_opposite_is_mixed():
    t = {"odds_ratio_null": 1.0, "compare_with_peers": True, "ci_spanning": "inconclusive"}
    rest_below = {"ci_low": 0.3, "ci_high": 0.6}
    assert ch3.noninterference_rule(
        {**rest_below, "peers_ci_low": 0.7, "peers_ci_high": 1.2}, t
    ) == (INCONCLUSIVE)
    assert ch3.noninterference_rule(
        {**rest_below, "peers_ci_low": 1.1, "peers_ci_high": 1.5}, t
    ) == (MIXED)
    assert ch3.noninterference_rule(
        {**rest_below, "peers_ci_low": 0.5, "peers_ci_high": 0.9}, t
    ) == (SUPPORTS)


def test_c3_3_balancing_counts_states_against_the_declared_cut_offs():
    shares = {"kaz": 0.5, "kgz": 0.769, "tjk": 0.778, "tkm": 0.6, "uzb": 0.9}
    evidence = {f"top_share_{s}": v for s, v in shares.items()}
    evidence |= {f"between_share_{s}": 0.6 for s in shares}
    t = {"supports_min_states": 4, "between_min_states": 3, "contradicts_max_states": 1}
    assert ch3.balancing_rule(evidence, {**t, "one_side_max": 0.8, "between_min": 0.5}) == SUPPORTS
    # at 0.75 only two of the five balance: mixed (the knife-edge the margins table shows)
    assert ch3.balancing_rule(evidence, {**t, "one_side_max": 0.75, "between_min": 0.5}) == MIXED


def test_the_nearest_margin_is_found_in_any_specification():
    thresholds = {"low": 1.0, "high": 2.0}
    results = _results({"x": [0.2, 0.97, 0.5]}, thresholds)
    result = core.combine("C9.9", TOY, results, thresholds)
    low = next(c for c in result.threshold_checks if c["threshold"] == "low")
    assert low["margin"] == pytest.approx(-0.8)  # the primary specification, x = 0.2
    assert low["nearest_margin"] == pytest.approx(-0.03)
    assert low["nearest_specification"] == "x=0.97" and low["nearest_compared_with"] == "x"
