"""Verdicts of the claims tested in chapter 3 (see the register, data/claims/).

Each claim has an ``*_evidence(spec)`` that reads the analyses of :mod:`caorder.order_votes`
under one specification and returns numbers only, and a pure ``*_rule(evidence,
thresholds)``; the thresholds live in the register (``data/claims/order_in_votes.yml``).
Specification dimensions used here: ``period`` (first and last year), ``rollcalls``
(:data:`caorder.windows.ROLLCALL_SETS`), ``measure`` (:data:`caorder.agreement.MEASURES`),
``turkmenistan`` (``with`` / ``without``), ``cluster`` (``rcid`` / ``iso3``, the logit's
clustered errors) and, for the territorial votes, ``kinds``, ``crimea_human_rights`` and
``rollcall_source`` (``with_curated`` or ``pinned_only``).

The chapter's summit- and membership-based claims are evaluated in
:mod:`caorder.verdicts.diplomacy`, the module named for their data (the curated summits,
memberships and organisations, shared with chapter 1): ``turkmenistan_attendance`` (C3.8),
``shared_tables`` (C3.9), ``home_grown_organisations`` (C3.11), ``uzbek_multilateralism``
(C3.25), ``conventions_avoided`` (C3.26), ``only_talk`` (C3.27),
``conventions_avoided_after_paper`` (C3.34) and ``only_talk_after_paper`` (C3.35).
:data:`EVALUATORS` takes them from there by name.

The pandemic contacts among the five (C3.19), seen in the OxCGRT indices, are judged in
:mod:`caorder.verdicts.economies` (evaluator ``economies.pandemic_contacts``).

The claims of chapter 3 tested on conflict, dispute, alliance, IGO and leader data (C3.12,
C3.13, C3.18, C3.20, C3.40, C3.41) are judged in :mod:`caorder.verdicts.events`.
"""

from __future__ import annotations

import pandas as pd

from caorder import agreement, order_votes, summits, windows
from caorder.countries import C5, GREAT_POWERS
from caorder.verdicts import diplomacy
from caorder.verdicts.checks import Years
from caorder.verdicts.core import (
    CONTRADICTS,
    INCONCLUSIVE,
    MIXED,
    SUPPORTS,
    Evaluator,
    Evidence,
    Spec,
    Thresholds,
)

PERIOD = order_votes.YEARS
#: Specification dimensions of this chapter's vote-based claims, with their allowed values.
VOTE_DIMENSIONS = {"measure": agreement.MEASURES, "rollcalls": windows.ROLLCALL_SETS}
TURKMENISTAN = ("with", "without")
PERIODS = Years(*PERIOD)


def _period(spec: Spec) -> tuple[int, int]:
    first, last = spec.get("period", PERIOD)
    return int(first), int(last)


def _ci_side(low: float, high: float, null: float) -> int:
    """+1 if a CI lies above ``null``, -1 if below, 0 if it covers it."""
    return 1 if low > null else -1 if high < null else 0


def _undecided(t: Thresholds) -> str:
    """The verdict when an interval spans the null: *inconclusive* (the test cannot tell) when
    the rule declares ``ci_spanning: inconclusive``; *mixed* under the rules first declared."""
    return INCONCLUSIVE if t.get("ci_spanning") == INCONCLUSIVE else MIXED


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
    the same alignment; mixed when the two comparisons point opposite ways; when an interval
    spans the null, :func:`_undecided`."""
    null = t["odds_ratio_null"]
    rest = _ci_side(ev["ci_low"], ev["ci_high"], null)
    if rest > 0:
        return CONTRADICTS
    peers = _ci_side(ev["peers_ci_low"], ev["peers_ci_high"], null)
    if rest < 0 and (peers < 0 or not t["compare_with_peers"]):
        return SUPPORTS
    if rest < 0 and peers > 0:
        return MIXED
    return _undecided(t)


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
        (*C5, "RUS"), curated=spec.get("rollcall_source", "with_curated") == "with_curated"
    )
    if spec.get("russia", "all") == "russia_opposed":
        table = table[order_votes.russia_opposed(table)]
    if spec.get("kinds", "all") == "resolutions":
        table = table[table["kind"] == "resolution"]
    if spec.get("crimea_human_rights", "with") == "without":
        table = table[~table["hr_country"]]
    if table.empty:
        return {}
    tally = order_votes.territorial_tally(table, group).sum()
    cast = int(tally["for"] + tally["against"] + tally["abstain"])
    sided = int(tally["for"] + tally["against"])
    return {
        "rollcalls": float(len(table)),
        "for": float(tally["for"]),
        "against": float(tally["against"]),
        "abstain": float(tally["abstain"]),
        "absent": float(tally["absent"]),
        "against_share": float(tally["against"]) / cast if cast else float("nan"),
        "against_of_sided": float(tally["against"]) / sided if sided else 0.0,
    }


def territorial_stance_rule(votes_for: float, against: float, t: Thresholds) -> str:
    """The one rule of the territorial-integrity claims (C3.2 before the paper, C4.3 after):
    supports if at most ``supports_max_against`` votes go against territorial integrity;
    contradicts if more than ``contradicts_above`` of the votes taking a side (for or against)
    do; mixed otherwise. Abstentions and absences take no side. (The first C3.2 rule had no
    ``contradicts_above``: "against outnumber for", the same as one half.)"""
    if against <= t["supports_max_against"]:
        return SUPPORTS
    sided = votes_for + against
    if sided and against / sided > t.get("contradicts_above", 0.5):
        return CONTRADICTS
    return MIXED


def territorial_rule(ev: Evidence, t: Thresholds) -> str:
    """:func:`territorial_stance_rule` on the five's votes for and against."""
    return territorial_stance_rule(ev["for"], ev["against"], t)


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
    the ideal points; contradicts if at most a few balance; mixed otherwise.

    A state balances when no power is its closest in more than ``one_side_max`` of its years
    and lies between when it is between Russia and China in at least ``between_min`` of them
    (both default to the analysis' cut-offs, so the counts match ``states_balancing``)."""
    one_side = t.get("one_side_max", order_votes.ONE_SIDE_MAX)
    between_min = t.get("between_min", order_votes.BETWEEN_MIN)
    balancing = sum(ev[f"top_share_{s.lower()}"] <= one_side for s in C5)
    between = sum(ev[f"between_share_{s.lower()}"] >= between_min for s in C5)
    if balancing <= t["contradicts_max_states"]:
        return CONTRADICTS
    if balancing >= t["supports_min_states"] and between >= t["between_min_states"]:
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
    """Supports if both CIs lie above the null, contradicts if both below, mixed if one lies
    above and the other below; when a CI spans the null, :func:`_undecided`."""
    null = t["odds_ratio_null"]
    sides = {_ci_side(ev[f"{o}_ci_low"], ev[f"{o}_ci_high"], null) for o in ("absent", "abstain")}
    if sides == {1}:
        return SUPPORTS
    if sides == {-1}:
        return CONTRADICTS
    if sides == {1, -1}:
        return MIXED
    return _undecided(t)


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
    """Supports if the difference's CI lies above the null, contradicts if below; a CI that
    covers the null cannot tell (inconclusive)."""
    side = _ci_side(ev["ci_low"], ev["ci_high"], t["difference_null"])
    return SUPPORTS if side > 0 else CONTRADICTS if side < 0 else INCONCLUSIVE


# --- C3.6 international law adopted: the CANWFZ treaty -------------------------------------


def canwfz_evidence(spec: Spec) -> Evidence:
    """Signatures and parties of the CANWFZ treaty on the date, and the baseline: the most of
    the five seated at any other organisation or treaty of the membership table."""
    on = spec.get("date", summits.PAPER_DATE)
    memberships = summits.load_memberships(variant=spec.get("data", summits.VARIANTS[0]))
    status = summits.treaty_status(memberships, "CANWFZ", on)
    seats = summits.seats_by_organisation(memberships, on).drop("CANWFZ", errors="ignore")
    signed = status["signed"].dropna()
    return {
        "parties": float(status["party_on_date"].sum()),
        "signatories": float(len(signed)),
        "signed_same_day": float(signed.eq(signed.min()).sum()) if len(signed) else 0.0,
        "days_to_entry_into_force": float(
            (pd.Timestamp(CANWFZ_IN_FORCE) - signed.min()).days if len(signed) else float("nan")
        ),
        "organisations_with_all_five": float((seats == len(C5)).sum()),
        "other_organisations": float(len(seats)),
    }


#: Entry into force of the CANWFZ treaty (memberships.csv: party spells from this day).
CANWFZ_IN_FORCE = "2009-03-21"


def canwfz_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if enough of the five are parties; contradicts if at most a few are."""
    if ev["parties"] >= t["supports_min_parties"]:
        return SUPPORTS
    return CONTRADICTS if ev["parties"] <= t["contradicts_max_parties"] else MIXED


def _canwfz_summary(ev: Evidence) -> str:
    return (
        f"{ev['signatories']:.0f} of the five signed the CANWFZ treaty "
        f"({ev['signed_same_day']:.0f} on the same day) and {ev['parties']:.0f} are parties on "
        f"the date, {ev['days_to_entry_into_force']:.0f} days from signature to entry into "
        f"force; all five sit at {ev['organisations_with_all_five']:.0f} of the "
        f"{ev['other_organisations']:.0f} other organisations and treaties of the table."
    )


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
        dimensions={"period": PERIODS, "turkmenistan": TURKMENISTAN, "cluster": ("rcid", "iso3")},
        key="odds_ratio",
        statistic="odds ratio of a yes, C5 x country-specific (vs rest of the Assembly)",
        summary=_noninterference_summary,
        p_values=("p", "peers_p"),
        compared={"odds_ratio_null": ("ci_low", "ci_high", "peers_ci_low", "peers_ci_high")},
    ),
    "territorial_integrity": Evaluator(
        evidence=territorial_evidence,
        rule=territorial_rule,
        dimensions={
            "turkmenistan": TURKMENISTAN,
            "rollcall_source": ("with_curated", "pinned_only"),
            "kinds": ("all", "resolutions"),
            "crimea_human_rights": ("with", "without"),
            "russia": ("all", "russia_opposed"),
        },
        key="against_of_sided",
        statistic=(
            "share of the five's votes taking a side (for or against) that go against "
            "territorial integrity"
        ),
        summary=_territorial_summary,
    ),
    "balancing": Evaluator(
        evidence=balancing_evidence,
        rule=balancing_rule,
        dimensions={**VOTE_DIMENSIONS, "period": PERIODS},
        key="states_balancing",
        statistic=(
            "number of the five with no great power closest in over "
            f"{order_votes.ONE_SIDE_MAX:.0%} of years"
        ),
        summary=_balancing_summary,
        compared={
            "supports_min_states": ("states_balancing",),
            "between_min_states": ("states_between",),
            "contradicts_max_states": ("states_balancing",),
            "one_side_max": ("top_share_*",),
            "between_min": ("between_share_*",),
        },
    ),
    "negotiated_influence": Evaluator(
        evidence=negotiated_evidence,
        rule=negotiated_rule,
        dimensions={
            "period": PERIODS,
            "turkmenistan": TURKMENISTAN,
            "rollcalls": windows.ROLLCALL_SETS,
        },
        key="c5_follows",
        statistic="mean share of the five's cast votes matching a minority Russia",
        summary=_negotiated_summary,
        compared={"supports_below": ("c5_follows",), "contradicts_at": ("c5_follows",)},
    ),
    "positive_neutrality": Evaluator(
        evidence=neutrality_evidence,
        rule=neutrality_rule,
        dimensions={"period": PERIODS, "rollcalls": windows.ROLLCALL_SETS},
        key="absent_odds_ratio",
        statistic="odds ratio of absence, Turkmenistan vs the other four",
        summary=_neutrality_summary,
        p_values=("absent_p", "abstain_p"),
        compared={"odds_ratio_null": ("*_ci_low", "*_ci_high")},
    ),
    "nuclear_law": Evaluator(
        evidence=nuclear_evidence,
        rule=nuclear_rule,
        dimensions={
            "period": PERIODS,
            "turkmenistan": TURKMENISTAN,
            "rollcalls": windows.ROLLCALL_SETS,
        },
        key="difference",
        statistic="difference in C5 agreement index, nuclear/disarmament minus other",
        summary=_nuclear_summary,
        p_values=("p",),
    ),
    "canwfz_adopted": Evaluator(
        evidence=canwfz_evidence,
        rule=canwfz_rule,
        dimensions={"date": ("2021-03-05", "2025-12-31"), "data": summits.VARIANTS},
        key="parties",
        statistic="number of the five that are parties to the CANWFZ treaty on the date",
        summary=_canwfz_summary,
    ),
    "not_harmony": Evaluator(
        evidence=harmony_evidence,
        rule=harmony_rule,
        dimensions={**VOTE_DIMENSIONS, "period": PERIODS, "turkmenistan": TURKMENISTAN},
        key="above_share",
        statistic="share of years the least-aligned C5 pair is above the all-pairs median",
        summary=_harmony_summary,
        compared={
            "supports_at_least": ("above_share",),
            "contradicts_at_most": ("above_share",),
            "spread_min": ("mean_spread",),
        },
    ),
}

# --- summitry (C3.8, C3.9, C3.11): evaluated in caorder.verdicts.diplomacy ---------------

#: The chapter's claims whose evaluators live in :mod:`caorder.verdicts.diplomacy`.
FROM_DIPLOMACY = (
    "turkmenistan_attendance",
    "shared_tables",
    "home_grown_organisations",
    "uzbek_multilateralism",
    "conventions_avoided",
    "only_talk",
    "conventions_avoided_after_paper",
    "only_talk_after_paper",
)
EVALUATORS.update({name: diplomacy.CH3[name] for name in FROM_DIPLOMACY})


# --- C3.24, from the inventory of the paper's claims (data/paper_claims.yml) --------------


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
    dimensions={"period": diplomacy.MEETING_YEARS, "data": summits.VARIANTS},
    key="share_with_outside_state",
    statistic="share of consultative meetings with a state other than the five at the table",
    compared={
        "supports_max_share": ("share_with_outside_state",),
        "contradicts_min_share": ("share_with_outside_state",),
    },
    summary=lambda ev: (
        f"{ev['n_with_outside_state']:.0f} of {ev['n_meetings']:.0f} "
        "consultative meetings had a state other than the five as participant "
        "or guest."
    ),
)
