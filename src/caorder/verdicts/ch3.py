"""Verdicts of the claims tested in chapter 3 (see the register, data/claims/).

Each claim has an ``*_evidence(spec)`` that reads the analyses of :mod:`caorder.order_votes`
under one specification and returns numbers only, and a pure ``*_rule(evidence,
thresholds)``; the thresholds live in the register (``data/claims/order_in_votes.yml``).
Specification dimensions used here: ``period`` (first and last year), ``rollcalls``
(:data:`caorder.windows.ROLLCALL_SETS`), ``measure`` (:data:`caorder.agreement.MEASURES`),
``turkmenistan`` (``with`` / ``without``), ``cluster`` (``rcid`` / ``iso3``, the logit's
clustered errors) and, for the territorial votes, ``kinds``, ``crimea_human_rights`` and
``rollcall_source`` (``with_curated`` or ``pinned_only``).


The claims of chapter 3 tested on conflict, dispute, alliance, IGO and leader data (C3.12,
C3.13, C3.18, C3.20, C3.40, C3.41) are judged in :mod:`caorder.verdicts.events`.
"""

from __future__ import annotations

from caorder import order_votes, summits
from caorder.countries import C5, GREAT_POWERS
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

PERIOD = order_votes.YEARS


def _period(spec: Spec) -> tuple[int, int]:
    first, last = spec.get("period", PERIOD)
    return int(first), int(last)


def _ci_side(low: float, high: float, null: float) -> int:
    """+1 if a CI lies above ``null``, -1 if below, 0 if it covers it."""
    return 1 if low > null else -1 if high < null else 0


# --- C3.1 non-interference ---------------------------------------------------------------


def noninterference_evidence(spec: Spec) -> Evidence:
    """Group x country-specific odds ratio against the rest and against alignment peers."""
    first, last = _period(spec)
    group = order_votes.members(spec.get("turkmenistan", "with"))
    cluster = spec.get("cluster", "rcid")
    evidence: Evidence = {}
    for prefix, comparison in (("", "rest"), ("peers_", "peers")):
        model = order_votes.hr_logit(cluster, group, first, last, comparison).loc["c5:country"]
        evidence.update(
            {
                f"{prefix}odds_ratio": float(model["odds ratio"]),
                f"{prefix}ci_low": float(model["ci low"]),
                f"{prefix}ci_high": float(model["ci high"]),
                f"{prefix}p": float(model["p"]),
            }
        )
    return evidence


def noninterference_rule(ev: Evidence, t: Thresholds) -> str:
    """Contradicts if the five are *more* open to country scrutiny than the rest (CI above 1);
    supports if less (CI below 1) and, when ``compare_with_peers``, also less than states of
    the same alignment; mixed otherwise."""
    null = t["odds_ratio_null"]
    rest = _ci_side(ev["ci_low"], ev["ci_high"], null)
    if rest > 0:
        return CONTRADICTS
    peers = _ci_side(ev["peers_ci_low"], ev["peers_ci_high"], null)
    if rest < 0 and (peers < 0 or not t["compare_with_peers"]):
        return SUPPORTS
    return MIXED


def _noninterference_summary(ev: Evidence) -> str:
    return (
        f"Naming a country multiplies the five's odds of a yes, relative to the rest of "
        f"the Assembly, by {ev['odds_ratio']:.2f} (95% CI {ev['ci_low']:.2f}–"
        f"{ev['ci_high']:.2f}); relative to the states nearest them on the ideal points, by "
        f"{ev['peers_odds_ratio']:.2f} ({ev['peers_ci_low']:.2f}–{ev['peers_ci_high']:.2f})."
    )


# --- C3.2 territorial integrity ----------------------------------------------------------


def territorial_evidence(spec: Spec) -> Evidence:
    """The five's votes for and against territorial integrity on the post-Soviet roll calls."""
    group = order_votes.members(spec.get("turkmenistan", "with"))
    table = order_votes.territorial_rollcalls(
        C5, curated=spec.get("rollcall_source", "with_curated") == "with_curated"
    )
    if spec.get("kinds", "all") == "resolutions":
        table = table[table["kind"] == "resolution"]
    if spec.get("crimea_human_rights", "with") == "without":
        table = table[~table["hr_country"]]
    if table.empty:
        return {}
    tally = order_votes.territorial_tally(table, group).sum()
    cast = int(tally["for"] + tally["against"] + tally["abstain"])
    return {
        "rollcalls": float(len(table)),
        "for": float(tally["for"]),
        "against": float(tally["against"]),
        "abstain": float(tally["abstain"]),
        "absent": float(tally["absent"]),
        "against_share": float(tally["against"]) / cast if cast else float("nan"),
    }


def territorial_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if no cast vote goes against territorial integrity; contradicts if votes
    against outnumber votes for; mixed otherwise."""
    if ev["against"] <= t["supports_max_against"]:
        return SUPPORTS
    if ev["against"] > ev["for"]:
        return CONTRADICTS
    return MIXED


def _territorial_summary(ev: Evidence) -> str:
    return (
        f"On {ev['rollcalls']:.0f} post-Soviet territorial roll calls the five cast "
        f"{ev['for']:.0f} votes for territorial integrity, {ev['against']:.0f} against and "
        f"{ev['abstain']:.0f} abstentions, and were absent {ev['absent']:.0f} times."
    )


# --- C3.3 balancing the great powers -----------------------------------------------------


def balancing_evidence(spec: Spec) -> Evidence:
    """Per state: the largest share of years one power is its closest in agreement, and the
    share of years it lies between Russia and China on the ideal points; and the counts of
    states that balance (no power closest in more than ``ONE_SIDE_MAX`` of years) and that
    lie between (in at least ``BETWEEN_MIN`` of years)."""
    first, last = _period(spec)
    table = order_votes.balancing_by_state(
        spec.get("measure", "agreement"), first, last, spec.get("rollcalls", "all")
    )
    evidence: Evidence = {
        "states_balancing": float(table["balances"].sum()),
        "states_between": float(table["between"].sum()),
    }
    for state, row in table.iterrows():
        evidence[f"top_share_{state.lower()}"] = float(row["top share"])
        evidence[f"between_share_{state.lower()}"] = float(row["between share"])
        for power in GREAT_POWERS:
            evidence[f"closest_{power.lower()}_{state.lower()}"] = float(row[f"closest {power}"])
    return evidence


def balancing_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if enough of the five balance in agreement and lie between Russia and China on
    the ideal points; contradicts if at most a few balance; mixed otherwise."""
    if ev["states_balancing"] <= t["contradicts_max_states"]:
        return CONTRADICTS
    if (
        ev["states_balancing"] >= t["supports_min_states"]
        and ev["states_between"] >= t["between_min_states"]
    ):
        return SUPPORTS
    return MIXED


def _balancing_summary(ev: Evidence) -> str:
    return (
        f"{ev['states_balancing']:.0f} of the five have no great power as their closest "
        f"in agreement in more than {order_votes.ONE_SIDE_MAX:.0%} of years; "
        f"{ev['states_between']:.0f} lie between Russia and China on the ideal points in at "
        f"least {order_votes.BETWEEN_MIN:.0%} of years."
    )


# --- C3.4 negotiated Russian influence ----------------------------------------------------


def negotiated_evidence(spec: Spec) -> Evidence:
    """How often the five (mean of states), Belarus and Armenia vote as a minority Russia."""
    first, last = _period(spec)
    group = order_votes.members(spec.get("turkmenistan", "with"))
    table = order_votes.russia_minority_following(first, last, spec.get("rollcalls", "all"))
    votes = order_votes.russia_minority_votes(first, last, spec.get("rollcalls", "all"))
    return {
        "c5_follows": float(table.loc[list(group), "follows Russia"].mean()),
        "blr_follows": float(table.loc["BLR", "follows Russia"]),
        "arm_follows": float(table.loc["ARM", "follows Russia"]),
        "c5_absent": float(table.loc[list(group), "absent"].mean()),
        "rollcalls": float(votes["rcid"].nunique()),
    }


def negotiated_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the five follow a minority Russia less than both allies and less than
    ``supports_below``; contradicts if at least as much as Belarus or at least
    ``contradicts_at``; mixed otherwise."""
    c5 = ev["c5_follows"]
    if c5 >= ev["blr_follows"] or c5 >= t["contradicts_at"]:
        return CONTRADICTS
    if c5 < min(ev["blr_follows"], ev["arm_follows"]) and c5 < t["supports_below"]:
        return SUPPORTS
    return MIXED


def _negotiated_summary(ev: Evidence) -> str:
    return (
        f"On {ev['rollcalls']:.0f} roll calls with Russia in a small minority the five "
        f"vote as Russia does {ev['c5_follows']:.0%} of the time on average (Belarus "
        f"{ev['blr_follows']:.0%}, Armenia {ev['arm_follows']:.0%})."
    )


# --- C3.5 positive neutrality -------------------------------------------------------------


def neutrality_evidence(spec: Spec) -> Evidence:
    """Odds ratios (and 95% CIs, p) of Turkmenistan's absence and abstention against the four."""
    first, last = _period(spec)
    models = order_votes.neutrality_logits(first, last, spec.get("rollcalls", "all"))
    evidence: Evidence = {}
    for outcome, row in models.iterrows():
        evidence.update(
            {
                f"{outcome}_odds_ratio": float(row["odds ratio"]),
                f"{outcome}_ci_low": float(row["ci low"]),
                f"{outcome}_ci_high": float(row["ci high"]),
                f"{outcome}_p": float(row["p"]),
            }
        )
    return evidence


def neutrality_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if both CIs lie above the null, contradicts if both below, mixed otherwise."""
    null = t["odds_ratio_null"]
    sides = {_ci_side(ev[f"{o}_ci_low"], ev[f"{o}_ci_high"], null) for o in ("absent", "abstain")}
    if sides == {1}:
        return SUPPORTS
    if sides == {-1}:
        return CONTRADICTS
    return MIXED


def _neutrality_summary(ev: Evidence) -> str:
    return (
        f"After session and issue effects, Turkmenistan's odds of absence are "
        f"{ev['absent_odds_ratio']:.1f} times the other four's (95% CI "
        f"{ev['absent_ci_low']:.1f}–{ev['absent_ci_high']:.1f}); its odds of abstaining "
        f"when present are {ev['abstain_odds_ratio']:.2f} times theirs "
        f"({ev['abstain_ci_low']:.2f}–{ev['abstain_ci_high']:.2f})."
    )


# --- C3.6 international law ----------------------------------------------------------------


def nuclear_evidence(spec: Spec) -> Evidence:
    """Difference in the five's agreement index, nuclear/disarmament minus other roll calls."""
    first, last = _period(spec)
    group = order_votes.members(spec.get("turkmenistan", "with"))
    table = order_votes.nuclear_cohesion(group, first, last, spec.get("rollcalls", "all"))
    row = table.loc["mean agreement index"]
    return {
        "difference": float(row["difference"]),
        "ci_low": float(row["ci low"]),
        "ci_high": float(row["ci high"]),
        "p": float(row["p"]),
        "nuclear_mean": float(row["nuclear/disarmament"]),
        "other_mean": float(row["other"]),
        "nuclear_rollcalls": float(table.at["roll calls", "nuclear/disarmament"]),
    }


def nuclear_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the difference's CI lies above the null, contradicts if below, else mixed."""
    side = _ci_side(ev["ci_low"], ev["ci_high"], t["difference_null"])
    return SUPPORTS if side > 0 else CONTRADICTS if side < 0 else MIXED


def _nuclear_summary(ev: Evidence) -> str:
    return (
        f"The five's agreement index is {ev['difference']:+.3f} higher on nuclear and "
        f"disarmament roll calls than on others (95% CI {ev['ci_low']:+.3f} to "
        f"{ev['ci_high']:+.3f})."
    )


# --- C3.7 order is not harmony --------------------------------------------------------------


def harmony_evidence(spec: Spec) -> Evidence:
    """Share of years the least-aligned pair is above the median of all UN pairs, mean spread."""
    first, last = _period(spec)
    group = order_votes.members(spec.get("turkmenistan", "with"))
    table = order_votes.least_aligned_by_year(
        spec.get("measure", "kappa"), group, first, last, spec.get("rollcalls", "all")
    )
    if table.empty:
        return {}
    above = table["lowest score"] > table["all pairs median"]
    return {
        "above_share": float(above.mean()),
        "mean_spread": float(table["spread"].mean()),
        "years": float(len(table)),
        "years_below": float((~above).sum()),
        "lowest_mean": float(table["lowest score"].mean()),
        "all_pairs_median_mean": float(table["all pairs median"].mean()),
    }


def harmony_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the least-aligned pair is above the all-pairs median in enough years while
    the spread shows real disagreement; contradicts if it is above in too few years."""
    if ev["above_share"] <= t["contradicts_at_most"]:
        return CONTRADICTS
    if ev["above_share"] >= t["supports_at_least"] and ev["mean_spread"] >= t["spread_min"]:
        return SUPPORTS
    return MIXED


def _harmony_summary(ev: Evidence) -> str:
    return (
        f"The least-aligned pair of the five is above the median of all UN pairs in "
        f"{ev['above_share']:.0%} of {ev['years']:.0f} years; the mean spread between the "
        f"closest and the least-aligned pair is {ev['mean_spread']:.2f}."
    )


#: Evaluators of this chapter, by the name the register uses after ``ch3.``.
EVALUATORS: dict[str, Evaluator] = {
    "noninterference": Evaluator(
        evidence=noninterference_evidence,
        rule=noninterference_rule,
        key="odds_ratio",
        statistic="odds ratio of a yes, C5 x country-specific (vs rest of the Assembly)",
        summary=_noninterference_summary,
        p_values=("p", "peers_p"),
    ),
    "territorial_integrity": Evaluator(
        evidence=territorial_evidence,
        rule=territorial_rule,
        key="against_share",
        statistic="share of the five's cast votes against territorial integrity",
        summary=_territorial_summary,
    ),
    "balancing": Evaluator(
        evidence=balancing_evidence,
        rule=balancing_rule,
        key="states_balancing",
        statistic=(
            "number of the five with no great power closest in over "
            f"{order_votes.ONE_SIDE_MAX:.0%} of years"
        ),
        summary=_balancing_summary,
    ),
    "negotiated_influence": Evaluator(
        evidence=negotiated_evidence,
        rule=negotiated_rule,
        key="c5_follows",
        statistic="mean share of the five's cast votes matching a minority Russia",
        summary=_negotiated_summary,
    ),
    "positive_neutrality": Evaluator(
        evidence=neutrality_evidence,
        rule=neutrality_rule,
        key="absent_odds_ratio",
        statistic="odds ratio of absence, Turkmenistan vs the other four",
        summary=_neutrality_summary,
        p_values=("absent_p", "abstain_p"),
    ),
    "nuclear_law": Evaluator(
        evidence=nuclear_evidence,
        rule=nuclear_rule,
        key="difference",
        statistic="difference in C5 agreement index, nuclear/disarmament minus other",
        summary=_nuclear_summary,
        p_values=("p",),
    ),
    "not_harmony": Evaluator(
        evidence=harmony_evidence,
        rule=harmony_rule,
        key="above_share",
        statistic="share of years the least-aligned C5 pair is above the all-pairs median",
        summary=_harmony_summary,
    ),
}

# --- summitry (C3.8, C3.9) ---

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
    evidence=five_only_evidence,
    rule=five_only_rule,
    key="share_with_outside_state",
    statistic="share of consultative meetings with a state other than the five at the table",
    summary=lambda ev: (
        f"{ev['n_with_outside_state']:.0f} of {ev['n_meetings']:.0f} "
        "consultative meetings had a state other than the five as participant "
        "or guest."
    ),
)
