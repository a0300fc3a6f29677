"""The rules of C3.16, C3.15 and C2.2 (rules of the order seen in events) on hand-made
evidence, with the thresholds the register declares, and their panels on the real files."""

from __future__ import annotations

import pytest

from caorder import claims, peace, verdicts
from caorder.verdicts import events
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS

CLAIMS = {"C3.16": "code_of_conduct", "C3.15": "sovereignty_respected", "C2.2": "only_states"}


def t(claim_id: str) -> dict:
    return verdicts.thresholds(claims.claim(claim_id))


@pytest.mark.parametrize(("claim_id", "name"), CLAIMS.items())
def test_the_register_names_the_evaluator_as_a_proxy(claim_id, name):
    entry = claims.claim(claim_id)
    assert entry["evaluator"] == f"events.{name}" and entry["fidelity"] == "proxy"
    assert entry["proxy_for"] and entry["notebook"] == "notebooks/ch3_rules_in_events.ipynb"
    change = entry["changed"][-1]
    assert change["verdict_before"] == "cannot be tested with these data"
    assert change["after_results"] is False and change["old"]["thresholds"] == {}


def _code(c5=0.0, other=0.0, lower=0.0, open_years=0, groups=3):
    return {
        "c5": c5,
        "escalation": c5 - other,
        "share_groups_lower": lower,
        "open_conflict_years": open_years,
        "groups_with_any": groups,
    }


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (_code(), SUPPORTS),
        (_code(c5=0.2, other=0.3, lower=0.5), SUPPORTS),
        (_code(c5=0.2, other=0.2, lower=0.67), MIXED),
        (_code(c5=0.3, other=0.2, lower=0.33), MIXED),
        (_code(c5=0.3, other=0.2, lower=0.83), CONTRADICTS),
        (_code(c5=0.2, other=0.3, lower=0.83), MIXED),
        (_code(open_years=1), CONTRADICTS),
        (_code(groups=0), INCONCLUSIVE),
    ],
)
def test_code_of_conduct_rule(ev, expected):
    assert events.code_of_conduct_rule(ev, t("C3.16")) == expected


@pytest.mark.parametrize(
    ("years", "c5", "median", "groups", "expected"),
    [
        (0, 0.0, 0.01, 2, SUPPORTS),
        (0, 0.0, 0.0, 0, INCONCLUSIVE),
        (2, 0.02, 0.01, 4, CONTRADICTS),
        (2, 0.01, 0.01, 4, MIXED),
    ],
)
def test_sovereignty_rule_is_the_territorial_rule(years, c5, median, groups, expected):
    ev = {"c5_years": years, "c5": c5, "baseline_median": median, "groups_with_any": groups}
    rule = events.EVALUATORS["sovereignty_respected"].rule
    assert rule(ev, t("C3.15")) == expected


@pytest.mark.parametrize(
    ("years", "lower", "groups", "expected"),
    [
        (0, 0.0, 3, SUPPORTS),
        (0, 0.0, 0, INCONCLUSIVE),
        (5, 0.5, 6, SUPPORTS),
        (5, 0.67, 6, MIXED),
        (5, 0.83, 6, CONTRADICTS),
    ],
)
def test_only_states_rule(years, lower, groups, expected):
    ev = {"c5_years": years, "share_groups_lower": lower, "groups_with_any": groups}
    assert events.only_states_rule(ev, t("C2.2")) == expected


def test_revision_panel_adds_two_measures_within_their_sources():
    panel = peace.revision_panel("C5", 2005, 2024, "all")
    assert panel["gml_policy_regime"].isna().equals(panel["year"].gt(2010))
    assert panel.loc[panel["year"].le(2010), "gml_policy_regime"].isin([0, 1]).all()
    assert panel.loc[panel["gml_policy_regime"].eq(1), "gml_mid"].eq(1).all()
    assert len(panel) == len(peace.dyad_panel("C5", 2005, 2024, "all"))


def test_intrastate_panel_is_one_row_per_state_year():
    panel = peace.intrastate_panel("C5", 1992, 2020)
    assert len(panel) == 5 * 29 and not panel.duplicated(["ccode", "year"]).any()
    assert (panel["intrastate_territory"] <= panel["intrastate"]).all()


def test_intrastate_conflicts_list_each_conflict_of_the_panel():
    conflicts = peace.intrastate_conflicts("C5", 1992, 2020)
    panel = peace.intrastate_panel("C5", 1992, 2020)
    years = sum(len(y.split(", ")) for y in conflicts["years"])
    assert years >= panel["intrastate"].sum() and conflicts["conflict_id"].is_unique


def test_revision_types_among_the_five_match_the_panel():
    aims = peace.revision_types_among("C5")
    assert aims["aims"].str.split(", ").explode().isin([*peace.REVISION.values(), "none"]).all()
    panel = peace.revision_panel("C5", 1992, 2010, "all")
    seeking = aims["aims"].str.contains("policy|regime")
    assert bool(seeking.any()) == bool(panel["gml_policy_regime"].sum() > 0)
