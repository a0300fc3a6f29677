"""Verdicts of the claims tested in chapter 3 (see the register, data/claims/)."""

from __future__ import annotations

from caorder import summits
from caorder.verdicts import diplomacy
from caorder.verdicts.core import (
    CONTRADICTS,
    MIXED,
    SUPPORTS,
    Evaluator,
    Evidence,
    Spec,
    Thresholds,
)

#: Evaluators of this chapter, by the name the register uses after ``ch3.``.
EVALUATORS: dict[str, Evaluator] = {}

# The summit- and membership-based claims (see caorder.verdicts.diplomacy).
EVALUATORS.update(diplomacy.CH3)


# --- inventory of the paper's claims (issue 11 item 17): C3.24 ----------------------------


def five_only_evidence(spec: Spec) -> Evidence:
    """Consultative meetings in the period with a state other than the five at the table."""
    first, last = spec.get("period", (2018, 2019))
    events = summits.load_summits(variant=spec.get("data", summits.VARIANTS[0]))
    table = summits.outside_states(events)
    table = table[table["year"].between(first, last)]
    if table.empty:
        return {}
    return {
        "n_meetings": float(len(table)),
        "n_with_outside_state": float(table["with_outside"].sum()),
        "share_with_outside_state": float(table["with_outside"].mean()),
    }


def five_only_rule(ev: Evidence, t: Thresholds) -> str:
    """No outside state supports; outside states at half the meetings or more contradicts."""
    if ev["share_with_outside_state"] <= t["supports_max_share"]:
        return SUPPORTS
    if ev["share_with_outside_state"] >= t["contradicts_min_share"]:
        return CONTRADICTS
    return MIXED


EVALUATORS["five_only_meetings"] = Evaluator(
    evidence=five_only_evidence, rule=five_only_rule, key="share_with_outside_state",
    statistic="share of consultative meetings with a state other than the five at the table",
    summary=lambda ev: (f"{ev['n_with_outside_state']:.0f} of {ev['n_meetings']:.0f} "
                        "consultative meetings had a state other than the five as participant "
                        "or guest."))
