"""The rules of the economic, regime and pandemic claims, on hand-made evidence, and their
register entries."""

from __future__ import annotations

import pytest

from caorder import claims, verdicts
from caorder.verdicts import economies
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS

C1_18 = {"size_order_supports": 0.9, "size_order_contradicts": 0.5, "groups_share": 0.5}
C1_12 = {"high_percentile": 75, "low_percentile": 50, "rho_supports": -0.5, "rho_contradicts": 0.0}
C1_11 = {"coordinated_above": 90, "uncoordinated_below": 50}
C3_19 = {"in_step_above": 75, "apart_below": 25}


def _dispersion(low, high, median, below, above, size=1.0):
    return {
        "c5": (low + high) / 2,
        "c5_low": low,
        "c5_high": high,
        "random_median": median,
        "percentile": 50.0,
        "groups_below_low": below,
        "groups_above_high": above,
        "n_groups": 8.0,
        "size_order_share": size,
    }


@pytest.mark.parametrize(
    ("evidence", "verdict"),
    [
        (_dispersion(0.8, 0.9, 0.5, 0.75, 0.0), SUPPORTS),
        (_dispersion(0.8, 0.9, 0.5, 0.75, 0.0, size=0.8), INCONCLUSIVE),
        (_dispersion(0.8, 0.9, 0.5, 0.75, 0.0, size=0.4), CONTRADICTS),
        (_dispersion(0.2, 0.3, 0.5, 0.0, 0.75), CONTRADICTS),
        (_dispersion(0.2, 0.3, 0.5, 0.75, 0.0), MIXED),  # below random, above the regions
        (_dispersion(0.4, 0.6, 0.5, 0.75, 0.0), INCONCLUSIVE),  # band spans the median
        (_dispersion(0.4, 0.6, 0.5, 0.25, 0.25), INCONCLUSIVE),
    ],
)
def test_gdp_dispersion_rule(evidence, verdict):
    assert economies.gdp_dispersion_rule(evidence, C1_18) == verdict


@pytest.mark.parametrize(
    ("percentile", "rho", "verdict"),
    [
        (90.0, -0.6, SUPPORTS),
        (75.0, -0.5, SUPPORTS),
        (90.0, 0.2, MIXED),
        (30.0, -0.7, MIXED),
        (30.0, 0.1, CONTRADICTS),
        (60.0, 0.1, CONTRADICTS),
        (30.0, -0.2, CONTRADICTS),
        (60.0, -0.2, INCONCLUSIVE),
        (90.0, -0.3, INCONCLUSIVE),
    ],
)
def test_neopatrimonial_rule(percentile, rho, verdict):
    evidence = {"c5_percentile": percentile, "rho": rho}
    assert economies.neopatrimonial_rule(evidence, C1_12) == verdict


@pytest.mark.parametrize(
    ("timing", "sync", "verdict"),
    [
        (95.0, 92.0, CONTRADICTS),
        (90.0, 90.0, CONTRADICTS),
        (40.0, 50.0, SUPPORTS),
        (95.0, 30.0, MIXED),
        (70.0, 95.0, INCONCLUSIVE),
        (70.0, 60.0, INCONCLUSIVE),
    ],
)
def test_pandemic_in_step_rule(timing, sync, verdict):
    evidence = {"timing_percentile": timing, "sync_percentile": sync}
    assert economies.in_step_rule(evidence, C1_11) == verdict


@pytest.mark.parametrize(
    ("sync", "verdict"),
    [
        (75.0, SUPPORTS),
        (99.0, SUPPORTS),
        (74.9, INCONCLUSIVE),
        (25.0, INCONCLUSIVE),
        (24.9, CONTRADICTS),
    ],
)
def test_pandemic_contacts_rule(sync, verdict):
    assert economies.contacts_rule({"sync_percentile": sync}, C3_19) == verdict


@pytest.mark.parametrize(
    ("claim_id", "thresholds"),
    [("C1.18", C1_18), ("C1.12", C1_12), ("C1.11", C1_11), ("C3.19", C3_19)],
)
def test_the_register_declares_these_rules_with_fidelity_and_a_baseline(claim_id, thresholds):
    entry = claims.claim(claim_id)
    assert verdicts.thresholds(entry) == thresholds
    assert entry["evaluator"].startswith("economies.")
    assert entry["evaluator"] in verdicts.evaluators()
    assert entry["fidelity"] == "proxy" and entry["proxy_for"].strip()
    dimensions = entry["specifications"]
    assert "baseline" in dimensions or "pool" in dimensions


def test_the_pandemic_aid_stays_untestable_and_names_the_data():
    entry = claims.claim("C3.55")
    assert entry["evaluator"] == "untestable"
    assert "OCHA" in entry["untestable"]["data_needed"]
