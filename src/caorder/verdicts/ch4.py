"""Verdicts of the claims tested in chapter 4 (see the register, data/claims/).

C4.1 (the author's later periodisation) and the book's three extensions of §3 claims past
the paper: C4.2 (cohesion held), C4.3 (the territorial-integrity stance held after 2022) and
C4.7 (balancing held). C4.4-C4.6, the paper's research trajectories, are untestable with
these data; the register says why and which data would test them. Evidence functions read
the data through :mod:`caorder.periods` and :mod:`caorder.after_paper`; the rules below are
pure functions of the evidence and the register's thresholds.
"""

from __future__ import annotations

import numpy as np

from caorder import after_paper, agreement, periods, summits, windows
from caorder.countries import C5
from caorder.verdicts import ch3
from caorder.verdicts.checks import Years
from caorder.verdicts.core import (
    CONTRADICTS,
    MIXED,
    SUPPORTS,
    Evaluator,
    Evidence,
    Spec,
    Thresholds,
)

#: Pre-invasion years a "before" window may span (C4.7), from the five's UN entry.
PRE_INVASION_YEARS = Years(1992, 2021)

# --- C4.1 periodisation -------------------------------------------------------------------


def periodisation_evidence(spec: Spec) -> Evidence:
    """Break tests on one annual series of the five ({} when the choice does not apply)."""
    series = periods.annual_series(
        spec.get("measure", "agreement"),
        tuple(spec.get("period", periods.COHESION_YEARS)),
        spec.get("rollcalls", "all"),
    )
    return {} if series is None else periods.break_evidence(series)


def periodisation_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the joint Chow test rejects at the proposed breaks (OLS and Newey-West;
    also with a common trend when ``require_trend``) and the best two breaks lie within
    ``tolerance_years`` of them; contradicts if it does not reject while a sup-F test (one or
    two breaks) rejects and no best break is near a proposed one; mixed otherwise."""
    alpha, tolerance = t["alpha"], t["tolerance_years"]
    rejects = ev["chow_p"] < alpha and ev["chow_p_hac"] < alpha
    if t.get("require_trend", False):
        rejects = rejects and ev["chow_p_trend"] < alpha
    best = (int(ev["best_two_first"]), int(ev["best_two_second"]))
    if rejects and periods.matches_proposed(best, tolerance=tolerance):
        return SUPPORTS
    near = any(abs(b - p) <= tolerance for b in best for p in periods.PROPOSED_BREAKS)
    breaks_elsewhere = min(ev["supf1_p"], ev["supf2_p"]) < alpha and not near
    return CONTRADICTS if not rejects and breaks_elsewhere else MIXED


def _periodisation_summary(ev: Evidence) -> str:
    return (
        f"Joint Chow test of level shifts at 2005 and 2017: p = {ev['chow_p']:.3f} "
        f"(Newey-West {ev['chow_p_hac']:.3f}); best single break {ev['best_one']:.0f} "
        f"(sup-F p = {ev['supf1_p']:.3f}); best two breaks {ev['best_two_first']:.0f} and "
        f"{ev['best_two_second']:.0f} (sup-F p = {ev['supf2_p']:.3f}), "
        f"over {ev['n_years']:.0f} years."
    )


# --- C4.2 cohesion after the paper --------------------------------------------------------


def cohesion_held_evidence(spec: Spec) -> Evidence:
    """Median yearly percentile of the five among random groups, after and before the paper."""
    first, last = after_paper.PRE_YEARS[0], after_paper.POST_YEARS[1]
    table = after_paper.percentiles_by_year(
        first, last, spec.get("measure", "kappa"), spec.get("pool", "matched")
    )
    table = table.dropna(subset=["percentile"])
    post = table[table["year"].between(*after_paper.POST_YEARS)]
    pre = table[table["year"].between(*after_paper.PRE_YEARS)]
    if post.empty or pre.empty:
        return {}
    return {
        "post_median_percentile": float(post["percentile"].median()),
        "pre_median_percentile": float(pre["percentile"].median()),
        "pre_min_percentile": float(pre["percentile"].min()),
        "pre_max_percentile": float(pre["percentile"].max()),
        "post_cohesion": float(post["cohesion"].mean()),
        "pre_cohesion": float(pre["cohesion"].mean()),
        "n_post_years": float(len(post)),
    }


def cohesion_held_rule(ev: Evidence, t: Thresholds) -> str:
    """As cohesive as in the decade before: supports if the post-paper median percentile is
    at least the lowest yearly percentile of 2010-2019 (less ``benchmark_slack`` points);
    contradicts if below ``contradicts_below`` (no more cohesive than a median random group);
    mixed in between. The first rule's fixed bar (``supports_at_least``) is read when the
    thresholds give it, so that the verdict under it can be shown."""
    value = ev["post_median_percentile"]
    if "supports_at_least" in t:
        bar = t["supports_at_least"]
    else:
        bar = ev["pre_min_percentile"] - t["benchmark_slack"]
    if value >= bar:
        return SUPPORTS
    return CONTRADICTS if value < t["contradicts_below"] else MIXED


def _cohesion_summary(ev: Evidence) -> str:
    return (
        f"In the {ev['n_post_years']:.0f} post-paper years with roll calls the five were "
        f"more cohesive than a median {ev['post_median_percentile']:.0f}% of random groups "
        f"of their size (2010-2019: {ev['pre_median_percentile']:.0f}%); mean cohesion "
        f"{ev['post_cohesion']:.2f} against {ev['pre_cohesion']:.2f}."
    )


# --- C4.3 territorial integrity after the invasion ------------------------------------


def territorial_evidence(spec: Spec) -> Evidence:
    """The five's votes on the post-invasion roll calls of one scope (counts of seats)."""
    table = after_paper.scope_votes(spec.get("scope", "territorial_integrity"))
    if table.empty:
        return {}
    counts = after_paper.five_vote_counts(table)
    sided = counts["n_yes"] + counts["n_no"]
    return counts | {"against_share": counts["n_no"] / sided if sided else 0.0}


def territorial_rule(ev: Evidence, t: Thresholds) -> str:
    """C3.2's rule (:func:`caorder.verdicts.ch3.territorial_stance_rule`): 'yes' is for
    territorial integrity, 'no' against it. The first rule (thresholds with
    ``supports_at_most``: the share of 'no' among all cast votes, abstentions included) is
    read when the thresholds give it, so that the verdict under it can be shown."""
    if "supports_at_most" in t:
        if ev["no_share"] <= t["supports_at_most"]:
            return SUPPORTS
        return CONTRADICTS if ev["no_share"] > t["contradicts_above"] else MIXED
    return ch3.territorial_stance_rule(ev["n_yes"], ev["n_no"], t)


def _territorial_summary(ev: Evidence) -> str:
    return (
        f"On the {ev['n_rollcalls']:.0f} post-invasion roll calls in scope with a recorded "
        f"vote of the five, they voted yes {ev['n_yes']:.0f} times, abstained "
        f"{ev['n_abstain']:.0f} times, voted no {ev['n_no']:.0f} times (on "
        f"{ev['rollcalls_with_no']:.0f} roll calls) and did not vote {ev['n_absent']:.0f} "
        f"times ({ev['n_not_recorded']:.0f} votes not recorded); 'no' is "
        f"{ev['no_share']:.0%} of their cast votes."
    )


# --- C4.7 balancing after the invasion ----------------------------------------------------


def balancing_evidence(spec: Spec) -> Evidence:
    """Each state's move towards Russia after the invasion, in its own pre-invasion SDs."""
    basis = spec.get("measure", "ideal_point")
    pre = tuple(spec.get("pre", (2015, 2021)))
    post = (2022, 2024) if basis == "ideal_point" else (2022, 2025)
    moves = after_paper.moves_towards("RUS", basis, pre, post)
    evidence = {f"towards_{s.lower()}": float(moves.at[s, "towards"]) for s in C5}
    evidence |= {f"closer_{s.lower()}": float(moves.at[s, "closer"]) for s in C5}
    return evidence | {"max_towards": float(np.max(moves["towards"].to_numpy()))}


def balancing_rule(ev: Evidence, t: Thresholds) -> str:
    """A state drifted if it moved towards Russia by more than ``drift_sd`` of its own
    pre-invasion SDs (``basis`` "own_shift": its own move; "distance": the fall of its
    distance to Russia, the first rule). Supports if no state drifted; contradicts if at
    least ``contradicts_at_least`` did; mixed otherwise."""
    prefix = "closer" if t.get("basis", "own_shift") == "distance" else "towards"
    drifted = sum(ev[f"{prefix}_{s.lower()}"] > t["drift_sd"] for s in C5)
    if drifted == 0:
        return SUPPORTS
    return CONTRADICTS if drifted >= t["contradicts_at_least"] else MIXED


def _balancing_summary(ev: Evidence) -> str:
    moves = ", ".join(f"{s} {ev[f'towards_{s.lower()}']:+.1f}" for s in C5)
    return (
        f"Moves towards Russia after the invasion, in each state's own pre-invasion SDs: "
        f"{moves} (largest {ev['max_towards']:+.1f})."
    )


# --- C4.15 from integrationist platforms to pragmatism (the paper's two stages) -----------

#: The paper's second stage: the years from the thaw to the paper.
PRAGMATIC_YEARS = (2017, 2020)


def platforms_evidence(spec: Spec) -> Evidence:
    """Share of the five leaders' meetings held as integration bodies' summits, before and
    after, and the integration instruments the consultative meetings adopted after."""
    first, last = (int(y) for y in spec.get("before", (1994, 2004)))
    events = summits.load_summits(variant=spec.get("data", summits.VARIANTS[0]))
    before = summits.leaders_meetings(events, first, last)
    after = summits.leaders_meetings(events, *PRAGMATIC_YEARS)
    agenda = summits.agenda_counts(summits.load_consultative_documents(), *PRAGMATIC_YEARS)
    return {
        "share_before": before["integration_share"],
        "share_after": after["integration_share"],
        "meetings_before": before["meetings"],
        "meetings_after": after["meetings"],
        "integration_instruments_after": float(agenda["integration_instruments"]),
    }


def platforms_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if integration bodies' summits were at least ``before_at_least`` of the
    leaders' meetings before, at most ``after_at_most`` after and no integration instrument
    was adopted after; contradicts if the share did not fall; mixed otherwise."""
    if ev["share_after"] >= ev["share_before"]:
        return CONTRADICTS
    if (
        ev["share_before"] >= t["before_at_least"]
        and ev["share_after"] <= t["after_at_most"]
        and ev["integration_instruments_after"] == 0
    ):
        return SUPPORTS
    return MIXED


def _platforms_summary(ev: Evidence) -> str:
    return (
        f"{ev['share_before']:.0%} of the {ev['meetings_before']:.0f} five-state leaders' "
        f"meetings before were summits of a regional integration body; "
        f"{ev['share_after']:.0%} of the {ev['meetings_after']:.0f} in 2017-2020, which "
        f"adopted {ev['integration_instruments_after']:.0f} integration instruments."
    )


#: Evaluators of this chapter, by the name the register uses after ``ch4.``.
EVALUATORS: dict[str, Evaluator] = {
    "periodisation_breaks": Evaluator(
        evidence=periodisation_evidence,
        rule=periodisation_rule,
        dimensions={
            "measure": (*agreement.MEASURES, periods.IDEAL_POINT_SD),
            "period": Years(periods.COHESION_YEARS[0], periods.IDEAL_POINT_YEARS[1]),
            "rollcalls": windows.ROLLCALL_SETS,
        },
        key="chow_p",
        statistic="joint Chow p-value of level shifts at 2005 and 2017",
        summary=_periodisation_summary,
        p_values=("chow_p", "supf1_p", "supf2_p"),
    ),
    "cohesion_held": Evaluator(
        evidence=cohesion_held_evidence,
        rule=cohesion_held_rule,
        dimensions={"measure": agreement.MEASURES, "pool": windows.POOLS},
        key="post_median_percentile",
        statistic="median yearly percentile of C5 cohesion among random groups, 2020-2025",
        summary=_cohesion_summary,
    ),
    "territorial_stance_held": Evaluator(
        evidence=territorial_evidence,
        rule=territorial_rule,
        dimensions={"scope": after_paper.SCOPES},
        key="against_share",
        statistic=(
            "share of the five's votes taking a side (yes or no) that are 'no', "
            "post-invasion roll calls"
        ),
        summary=_territorial_summary,
    ),
    "balancing_held": Evaluator(
        evidence=balancing_evidence,
        rule=balancing_rule,
        dimensions={"measure": ("ideal_point", "votes"), "pre": PRE_INVASION_YEARS},
        key="max_towards",
        statistic="largest move of one of the five towards Russia (own pre-invasion SDs)",
        compared={"drift_sd": ("towards_*",)},
        summary=_balancing_summary,
    ),
    "platforms_to_pragmatism": Evaluator(
        evidence=platforms_evidence,
        rule=platforms_rule,
        dimensions={"before": Years(1991, 2016), "data": summits.VARIANTS},
        key="share_before",
        statistic=(
            "share of the five leaders' meetings held as integration bodies' summits, before"
        ),
        summary=_platforms_summary,
    ),
}
