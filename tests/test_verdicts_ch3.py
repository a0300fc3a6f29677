"""Chapter 3 verdict rules on hand-made evidence, and the register's thresholds for them.

The rules are pure functions of the evidence and the register's thresholds, so they are
tested without any data; one test per claim checks that the register names the evaluator
and gives every threshold the rule reads.
"""

from __future__ import annotations

import pytest

from caorder import claims, verdicts
from caorder.verdicts import ch3
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS


def register_thresholds(claim_id: str) -> dict:
    return verdicts.thresholds(claims.claim(claim_id))


# --- C3.1 -------------------------------------------------------------------------------


def _hr(rest: tuple[float, float], peers: tuple[float, float]) -> dict:
    return {
        "odds_ratio": sum(rest) / 2,
        "ci_low": rest[0],
        "ci_high": rest[1],
        "p": 0.01,
        "peers_odds_ratio": sum(peers) / 2,
        "peers_ci_low": peers[0],
        "peers_ci_high": peers[1],
        "peers_p": 0.01,
    }


@pytest.mark.parametrize(
    ("rest", "peers", "expected"),
    [
        ((0.2, 0.5), (0.3, 0.8), SUPPORTS),  # below the rest and below aligned states
        ((0.2, 0.5), (0.7, 1.4), INCONCLUSIVE),  # below the rest; peers' CI spans 1
        ((0.2, 0.5), (1.2, 2.0), MIXED),  # below the rest, above aligned states
        ((0.8, 1.3), (0.3, 0.8), INCONCLUSIVE),  # the CI against the rest spans 1
        ((1.1, 1.6), (0.3, 0.8), CONTRADICTS),  # more open to scrutiny than the rest
    ],
)
def test_noninterference_rule(rest, peers, expected):
    assert ch3.noninterference_rule(_hr(rest, peers), register_thresholds("C3.1")) == expected


def test_noninterference_rule_as_first_declared_ignores_the_peers():
    first = verdicts.original_thresholds(claims.claim("C3.1"))
    assert first == {"odds_ratio_null": 1.0, "compare_with_peers": False}
    assert ch3.noninterference_rule(_hr((0.2, 0.5), (0.7, 1.4)), first) == SUPPORTS


# --- C3.2 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("for_", "against", "expected"),
    [(3, 0, SUPPORTS), (3, 1, MIXED), (2, 2, MIXED), (1, 3, CONTRADICTS)],
)
def test_territorial_rule(for_, against, expected):
    evidence = {
        "for": for_,
        "against": against,
        "abstain": 1,
        "absent": 0,
        "rollcalls": 5,
        "against_share": against / (for_ + against + 1),
    }
    assert ch3.territorial_rule(evidence, register_thresholds("C3.2")) == expected


# --- C3.3 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("balancing", "between", "expected"),
    [
        (5, 5, SUPPORTS),
        (4, 3, SUPPORTS),
        (4, 2, MIXED),
        (3, 5, MIXED),
        (2, 0, MIXED),
        (1, 5, CONTRADICTS),
        (0, 0, CONTRADICTS),
    ],
)
def test_balancing_rule(balancing, between, expected):
    states = ("kaz", "kgz", "tjk", "tkm", "uzb")
    evidence = {f"top_share_{s}": 0.5 if k < balancing else 0.9 for k, s in enumerate(states)}
    evidence |= {f"between_share_{s}": 0.6 if k < between else 0.4 for k, s in enumerate(states)}
    assert ch3.balancing_rule(evidence, register_thresholds("C3.3")) == expected


# --- C3.4 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("c5", "blr", "arm", "expected"),
    [
        (0.2, 0.4, 0.3, SUPPORTS),
        (0.35, 0.4, 0.3, MIXED),
        (0.45, 0.4, 0.5, CONTRADICTS),
        (0.6, 0.9, 0.9, MIXED),
        (0.8, 0.9, 0.9, CONTRADICTS),
    ],
)
def test_negotiated_influence_rule(c5, blr, arm, expected):
    evidence = {
        "c5_follows": c5,
        "blr_follows": blr,
        "arm_follows": arm,
        "c5_absent": 0.1,
        "rollcalls": 50,
    }
    assert ch3.negotiated_rule(evidence, register_thresholds("C3.4")) == expected


# --- C3.5 -------------------------------------------------------------------------------


def _neutral(absent: tuple[float, float], abstain: tuple[float, float]) -> dict:
    return {
        "absent_odds_ratio": 2.0,
        "absent_ci_low": absent[0],
        "absent_ci_high": absent[1],
        "absent_p": 0.01,
        "abstain_odds_ratio": 1.0,
        "abstain_ci_low": abstain[0],
        "abstain_ci_high": abstain[1],
        "abstain_p": 0.5,
    }


@pytest.mark.parametrize(
    ("absent", "abstain", "expected"),
    [
        ((2, 4), (1.2, 1.9), SUPPORTS),
        ((2, 4), (0.3, 0.7), MIXED),
        ((2, 4), (0.8, 1.2), INCONCLUSIVE),  # one CI spans 1
        ((0.2, 0.5), (0.3, 0.7), CONTRADICTS),
    ],
)
def test_neutrality_rule_needs_both_outcomes(absent, abstain, expected):
    assert ch3.neutrality_rule(_neutral(absent, abstain), register_thresholds("C3.5")) == expected


# --- C3.33 (the UN-voting neighbour of C3.6) ---------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0.01, 0.05, SUPPORTS), (-0.02, 0.01, INCONCLUSIVE), (-0.05, -0.01, CONTRADICTS)],
)
def test_nuclear_rule(low, high, expected):
    evidence = {"difference": (low + high) / 2, "ci_low": low, "ci_high": high, "p": 0.05}
    assert ch3.nuclear_rule(evidence, register_thresholds("C3.33")) == expected


# --- C3.7 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("above", "spread", "expected"),
    [
        (0.95, 0.3, SUPPORTS),
        (0.95, 0.05, MIXED),
        (0.7, 0.3, MIXED),
        (0.5, 0.3, CONTRADICTS),
        (0.2, 0.3, CONTRADICTS),
    ],
)
def test_not_harmony_rule(above, spread, expected):
    evidence = {"above_share": above, "mean_spread": spread, "years": 28}
    assert ch3.harmony_rule(evidence, register_thresholds("C3.7")) == expected


def test_every_chapter_3_evaluator_is_named_by_a_claim():
    named = {e["evaluator"] for e in claims.register() if str(e["evaluator"]).startswith("ch3.")}
    assert named == {f"ch3.{name}" for name in ch3.EVALUATORS}


def test_c3_10_is_untestable_with_the_data_that_would_test_it():
    entry = claims.claim("C3.10")
    assert entry["evaluator"] == verdicts.UNTESTABLE_EVALUATOR
    assert entry["untestable"]["data_needed"].strip()
    assert verdicts.evaluate("C3.10").verdict == verdicts.UNTESTABLE
