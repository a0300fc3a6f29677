"""The events rules on hand-made evidence, with the thresholds the register declares."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import claims, verdicts
from caorder.verdicts import events
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS

CLAIMS = {
    "C2.1": "control_of_violence",
    "C2.10": "open_conflict",
    "C3.41": "open_conflict",
    "C3.18": "clashes_contained",
    "C3.13": "no_territorial_claims",
    "C3.12": "tamed_at_independence",
    "C1.16": "cooperation_with_hostility",
    "C3.20": "web_of_ties",
    "C1.17": "uzbek_noncoordination",
    "C3.40": "stable_leadership",
}


def t(claim_id: str) -> dict:
    return verdicts.thresholds(claims.claim(claim_id))


@pytest.mark.parametrize(("claim_id", "name"), CLAIMS.items())
def test_the_register_names_the_evaluator_with_fidelity(claim_id, name):
    entry = claims.claim(claim_id)
    assert entry["evaluator"] == f"events.{name}" and entry["fidelity"] in claims.FIDELITY
    assert entry["notebook"].startswith("notebooks/ch3_")


def test_compare_rounds_shares_and_counts_ties_as_neither():
    ev = events.compare(0.1, pd.Series({"a": 0.1 + 1e-12, "b": 0.0, "c": 0.3}))
    assert ev["share_groups_lower"] == 0.33 and ev["share_groups_higher"] == 0.33
    assert ev["baseline_median"] == 0.1


@pytest.mark.parametrize(
    ("lower", "war", "expected"),
    [
        (0.33, 0, SUPPORTS),
        (0.5, 0, SUPPORTS),
        (0.67, 0, MIXED),
        (0.83, 0, CONTRADICTS),
        (0.0, 1, CONTRADICTS),
    ],
)
def test_control_of_violence_rule(lower, war, expected):
    ev = {"share_groups_lower": lower, "c5_war_years": war}
    assert events.violence_rule(ev, t("C2.1")) == expected


@pytest.mark.parametrize(
    ("years", "c5", "median", "groups", "expected"),
    [
        (0, 0.0, 0.01, 3, SUPPORTS),
        (0, 0.0, 0.0, 0, INCONCLUSIVE),
        (2, 0.07, 0.0, 2, CONTRADICTS),
        (2, 0.01, 0.02, 4, MIXED),
    ],
)
def test_open_conflict_rule(years, c5, median, groups, expected):
    ev = {"c5_years": years, "c5": c5, "baseline_median": median, "groups_with_conflict": groups}
    for claim_id in ("C2.10", "C3.41"):
        assert events.open_conflict_rule(ev, t(claim_id)) == expected


@pytest.mark.parametrize(
    ("war", "ucdp", "lower", "expected"),
    [
        (0, 0, 0.5, SUPPORTS),
        (0, 0, 0.67, MIXED),
        (1, 0, 0.0, CONTRADICTS),
        (0, 1, 0.0, CONTRADICTS),
    ],
)
def test_clashes_rule(war, ucdp, lower, expected):
    ev = {"c5_war_disputes": war, "c5_ucdp_years": ucdp, "share_groups_lower": lower}
    assert events.clashes_rule(ev, t("C3.18")) == expected


@pytest.mark.parametrize(
    ("years", "c5", "median", "groups", "expected"),
    [
        (0, 0.0, 0.04, 6, SUPPORTS),
        (0, 0.0, 0.0, 0, INCONCLUSIVE),
        (3, 0.05, 0.04, 6, CONTRADICTS),
        (1, 0.01, 0.04, 6, MIXED),
    ],
)
def test_territorial_rule(years, c5, median, groups, expected):
    ev = {"c5_years": years, "c5": c5, "baseline_median": median, "groups_with_any": groups}
    assert events.territorial_rule(ev, t("C3.13")) == expected


@pytest.mark.parametrize(
    ("lower", "expected"), [(0.0, SUPPORTS), (0.33, MIXED), (0.67, CONTRADICTS), (1.0, CONTRADICTS)]
)
def test_independence_rule_two_of_three_contradicts(lower, expected):
    assert events._rank_rule({"share_groups_lower": lower}, t("C3.12")) == expected


@pytest.mark.parametrize(
    ("share", "higher", "expected"),
    [(0.3, 0.5, SUPPORTS), (0.29, 0.0, MIXED), (0.6, 0.67, MIXED), (0.0, 0.0, CONTRADICTS)],
)
def test_cooperation_rule(share, higher, expected):
    ev = {"c5": share, "share_groups_higher": higher}
    assert events.cooperation_rule(ev, t("C1.16")) == expected


@pytest.mark.parametrize(
    ("igos", "alliance", "expected"),
    [(0.5, 0.17, SUPPORTS), (0.67, 0.17, MIXED), (0.67, 0.83, CONTRADICTS)],
)
def test_ties_rule(igos, alliance, expected):
    ev = {"share_groups_higher_igos": igos, "share_groups_higher_alliance": alliance}
    assert events.ties_rule(ev, t("C3.20")) == expected


@pytest.mark.parametrize(
    ("uzb", "others", "change", "median", "expected"),
    [(0.2, 0.03, -1, 2, SUPPORTS), (0.2, 0.03, 3, 2, MIXED), (0.0, 0.03, 3, 2, CONTRADICTS)],
)
def test_uzbek_rule(uzb, others, change, median, expected):
    ev = {
        "uzb_mid_share": uzb,
        "others_mid_share": others,
        "uzb_igo_change": change,
        "others_igo_change_median": median,
    }
    assert events.uzbek_rule(ev, t("C1.17")) == expected


@pytest.mark.parametrize(
    ("lower", "expected"), [(0.5, SUPPORTS), (0.67, MIXED), (0.83, CONTRADICTS)]
)
def test_leadership_rule(lower, expected):
    assert events._rank_rule({"share_groups_lower": lower}, t("C3.40")) == expected
