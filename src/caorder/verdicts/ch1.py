"""Verdicts of the claims tested in chapter 1 (see the register, data/claims/).

Each claim has an evidence function (numbers under one specification, computed by the
chapter-1 analyses of :mod:`caorder.cohesion`) and a pure rule that reads the thresholds
declared in the register. Specification dimensions used here: ``measure``, ``rollcalls``,
``pool``, ``turkmenistan`` (``with`` / ``without``) and ``break_session`` (C1.4).

The chapter's summit-based claims are evaluated in :mod:`caorder.verdicts.diplomacy`, the
module named for their data (the curated summits and outcome documents, shared with chapter
3): ``ministers_meet_regularly`` (C1.6), ``consultative_cadence`` (C1.7) and
``integration_off_agenda`` (C1.9), ``no_organisation_of_its_own`` (C1.26) and
``thaw_after_2016`` (C1.28). :data:`EVALUATORS` takes them from there by name.

The chapter's economic, regime and pandemic diagnoses (C1.11, C1.12, C1.18) are judged in
:mod:`caorder.verdicts.economies` (evaluators ``economies.*``).

Claims of chapter 1 tested on dispute, alliance and IGO data (C1.16, C1.17) are judged in
:mod:`caorder.verdicts.events`.
"""

from __future__ import annotations

import math

from caorder import agreement, cohesion, summits, windows
from caorder.countries import C5
from caorder.verdicts import diplomacy
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

#: Specification dimensions of this chapter's vote-based claims, with their allowed values.
VOTE_DIMENSIONS = {"measure": agreement.MEASURES, "rollcalls": windows.ROLLCALL_SETS}
TURKMENISTAN = ("with", "without")
PERIODS = Years(*cohesion.YEARS)
BREAK_SESSIONS = tuple(range(cohesion.SESSIONS[0] + 1, cohesion.SESSIONS[1] + 1))


def _members(spec: Spec) -> tuple[str, ...]:
    """The five, or the four without Turkmenistan when the specification says so."""
    if spec.get("turkmenistan", "with") == "with":
        return C5
    return tuple(s for s in C5 if s != "TKM")


def _measure(spec: Spec) -> cohesion.MeasureSpec:
    return cohesion.measure_spec(spec.get("measure", "kappa"), spec.get("rollcalls", "all"))


# --- C1.1: cohesion against random groups -------------------------------------------------


def cohesion_vs_random_evidence(spec: Spec) -> Evidence:
    """C5 cohesion, random median and the C5 percentile among random groups, 1992-2019."""
    first, last = spec.get("period", cohesion.YEARS)
    row = cohesion.c5_against_random(
        first, last, _measure(spec), spec.get("pool", windows.DEFAULT_POOL), _members(spec)
    )
    return {
        "c5": row["C5"],
        "random_median": row["random median"],
        "percentile": row["C5 percentile"],
    }


def cohesion_vs_random_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports (non-cooperation) if the five are below ``supports_below`` percent of random
    groups; contradicts if above ``contradicts_above``; mixed in between."""
    if ev["percentile"] > t["contradicts_above"]:
        return CONTRADICTS
    if ev["percentile"] < t["supports_below"]:
        return SUPPORTS
    return MIXED


# --- C1.2: the region that isn't ----------------------------------------------------------


def region_that_isnt_evidence(spec: Spec) -> Evidence:
    """Periods (of four) in which the five form their own cluster; C5 nearest neighbours."""
    try:
        table = cohesion.clustering_by_period(_measure(spec))
    except ValueError:  # a pair without a score in some period: no clustering possible
        return {"own_cluster_periods": math.nan}
    return {
        "own_cluster_periods": float(table["c5_only_clade"].sum()),
        "c5_nn_min": float(table["c5_nn"].min()),
        "c5_nn_max": float(table["c5_nn"].max()),
        "clade_size_min": float(table["clade_size"].min()),
        "clade_size_max": float(table["clade_size"].max()),
    }


def region_that_isnt_rule(ev: Evidence, t: Thresholds) -> str:
    """Contradicts if the five form their own cluster in at least ``own_cluster_contradicts``
    periods; supports if they never do and at most ``nn_supports_max`` of them have a Central
    Asian nearest neighbour in every period; mixed otherwise."""
    if ev["own_cluster_periods"] >= t["own_cluster_contradicts"]:
        return CONTRADICTS
    if ev["own_cluster_periods"] == 0 and ev["c5_nn_max"] <= t["nn_supports_max"]:
        return SUPPORTS
    return MIXED


# --- C1.8: voting alignment with the great powers (extension) -----------------------------


def voting_pull_evidence(spec: Spec) -> Evidence:
    """Share (%) of state-periods closer to the other members than to Russia or China."""
    pull = cohesion.great_power_pull(_measure(spec), _members(spec))
    if pull["margin"].isna().any():
        return {"share_closer_c5": math.nan}
    return {
        "share_closer_c5": float(100.0 * (pull["margin"] > 0).mean()),
        "median_margin": float(pull["margin"].median()),
        "state_periods": float(len(pull)),
    }


def voting_pull_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports (a pull towards Russia/China) if at most ``supports_at_most`` percent of
    state-periods are closer to the neighbours; contradicts if at least
    ``contradicts_at_least`` percent are; mixed in between."""
    if ev["share_closer_c5"] >= t["contradicts_at_least"]:
        return CONTRADICTS
    if ev["share_closer_c5"] <= t["supports_at_most"]:
        return SUPPORTS
    return MIXED


# --- C1.4: a new wind after 2016 ----------------------------------------------------------


def new_wind_evidence(spec: Spec) -> Evidence:
    """ITS level change (trend model) of both session series at the break, with placebo ranks."""
    at = int(spec.get("break_session", cohesion.BREAK_SESSION))
    sessions = cohesion.session_series(_measure(spec)).index
    evidence: Evidence = {"post_sessions": float((sessions >= at).sum())}
    for prefix, column in (("c5", "C5 cohesion"), ("uzb", "UZB with other four")):
        fit, rank = cohesion.its_with_placebos(_measure(spec), column, at)
        evidence.update(
            {
                f"{prefix}_level_change": fit.level_change,
                f"{prefix}_p": fit.level_p,
                f"{prefix}_ci_high": fit.level_ci[1],
                f"{prefix}_placebo_rank": rank,
            }
        )
    return evidence


def new_wind_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if both series rise with p < ``p_below`` and above ``placebo_supports_above``
    percent of placebo breaks; contradicts if neither rise beats more than
    ``placebo_contradicts_at_most`` percent of placebos (or is negative) and, when the rule
    declares ``meaningful_rise``, the 95% CI of the C5 change excludes a rise that large;
    mixed otherwise."""
    series = ("c5", "uzb")
    rises = {s: ev[f"{s}_level_change"] > 0 for s in series}
    if all(
        rises[s]
        and ev[f"{s}_p"] < t["p_below"]
        and ev[f"{s}_placebo_rank"] > t["placebo_supports_above"]
        for s in series
    ):
        return SUPPORTS
    weak = all(
        not rises[s] or ev[f"{s}_placebo_rank"] <= t["placebo_contradicts_at_most"] for s in series
    )
    precise = "meaningful_rise" not in t or ev["c5_ci_high"] < t["meaningful_rise"]
    return CONTRADICTS if weak and precise else MIXED


# --- C1.5: the Eurocentric benchmark ------------------------------------------------------


def eu_benchmark_evidence(spec: Spec) -> Evidence:
    """Pooled 1992-2019 cohesion of the C5, the EU, the other groups' median and random median."""
    first, last = spec.get("period", cohesion.YEARS)
    row = cohesion.eu_benchmark(first, last, _measure(spec), spec.get("pool", windows.DEFAULT_POOL))
    return {
        "c5": row["C5"],
        "eu": row["EU"],
        "others_median": row["others median"],
        "random_median": row["random median"],
        "c5_minus_eu": row["C5"] - row["EU"],
        "c5_minus_others": row["C5"] - row["others median"],
        "c5_minus_random": row["C5"] - row["random median"],
    }


def eu_benchmark_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the five are below the EU but above both the random median and the other
    groups' median (plus ``margin``); contradicts if at or above the EU or below the random
    median; mixed otherwise."""
    margin = t.get("margin", 0.0)
    if ev["c5"] >= ev["eu"] or ev["c5"] < ev["random_median"]:
        return CONTRADICTS
    if ev["c5"] > ev["random_median"] + margin and ev["c5"] > ev["others_median"] + margin:
        return SUPPORTS
    return MIXED


#: Evaluators of this chapter, by the name the register uses after ``ch1.``.
EVALUATORS: dict[str, Evaluator] = {
    "cohesion_vs_random": Evaluator(
        evidence=cohesion_vs_random_evidence,
        rule=cohesion_vs_random_rule,
        dimensions={
            **VOTE_DIMENSIONS,
            "pool": windows.POOLS,
            "turkmenistan": TURKMENISTAN,
            "period": PERIODS,
        },
        key="percentile",
        statistic="percentile of C5 cohesion among random five-state groups",
        compared={"supports_below": ("percentile",), "contradicts_above": ("percentile",)},
        summary=lambda ev: (
            f"C5 cohesion 1992-2019 is {ev['c5']:.2f} against a random-group "
            f"median of {ev['random_median']:.2f}: the five are more cohesive "
            f"than {ev['percentile']:.1f}% of random groups."
        ),
    ),
    "region_that_isnt": Evaluator(
        evidence=region_that_isnt_evidence,
        rule=region_that_isnt_rule,
        dimensions=VOTE_DIMENSIONS,
        key="own_cluster_periods",
        statistic="periods (of 4) in which the five form their own cluster",
        compared={
            "own_cluster_contradicts": ("own_cluster_periods",),
            "nn_supports_max": ("c5_nn_max",),
        },
        summary=lambda ev: (
            f"The five form a cluster of their own in "
            f"{ev['own_cluster_periods']:.0f} of 4 periods; "
            f"{ev['c5_nn_min']:.0f} to {ev['c5_nn_max']:.0f} of them have "
            "another Central Asian state as nearest neighbour."
        ),
    ),
    "voting_pull": Evaluator(
        evidence=voting_pull_evidence,
        rule=voting_pull_rule,
        dimensions={**VOTE_DIMENSIONS, "turkmenistan": TURKMENISTAN},
        key="share_closer_c5",
        statistic="% of state-periods closer to the neighbours than to Russia or China",
        compared={
            "supports_at_most": ("share_closer_c5",),
            "contradicts_at_least": ("share_closer_c5",),
        },
        summary=lambda ev: (
            f"In {ev['share_closer_c5']:.0f}% of state-periods a Central "
            "Asian state votes more like its neighbours than like Russia or "
            f"China (median margin {ev['median_margin']:+.2f})."
        ),
    ),
    "new_wind": Evaluator(
        evidence=new_wind_evidence,
        rule=new_wind_rule,
        dimensions={**VOTE_DIMENSIONS, "break_session": BREAK_SESSIONS},
        key="c5_level_change",
        statistic="ITS level change of C5 cohesion at the break session",
        summary=lambda ev: (
            f"After the break, C5 cohesion shifts by "
            f"{ev['c5_level_change']:+.3f} (HAC p = {ev['c5_p']:.2f}, 95% CI "
            f"up to {ev['c5_ci_high']:+.2f}, placebo rank "
            f"{ev['c5_placebo_rank']:.0f}%); Uzbekistan's alignment with the "
            f"other four by {ev['uzb_level_change']:+.3f}."
        ),
        p_values=("c5_p", "uzb_p"),
        units="post_sessions",
        compared={
            "p_below": ("c5_p", "uzb_p"),
            "placebo_supports_above": ("c5_placebo_rank", "uzb_placebo_rank"),
            "placebo_contradicts_at_most": ("c5_placebo_rank", "uzb_placebo_rank"),
            "meaningful_rise": ("c5_ci_high",),
            "min_units": ("post_sessions",),
        },
    ),
    "eu_benchmark": Evaluator(
        evidence=eu_benchmark_evidence,
        rule=eu_benchmark_rule,
        dimensions={**VOTE_DIMENSIONS, "pool": windows.POOLS, "period": PERIODS},
        key="c5_minus_eu",
        statistic="C5 minus EU cohesion, 1992-2019",
        compared={"margin": ("c5_minus_others", "c5_minus_random")},
        summary=lambda ev: (
            f"C5 cohesion {ev['c5']:.2f} against the EU's {ev['eu']:.2f}, a "
            f"median of {ev['others_median']:.2f} for the other regional "
            f"groups and {ev['random_median']:.2f} for random groups."
        ),
    ),
}

#: The chapter's claims whose evaluators live in :mod:`caorder.verdicts.diplomacy`.
FROM_DIPLOMACY = (
    "ministers_meet_regularly",
    "consultative_cadence",
    "integration_off_agenda",
    "no_organisation_of_its_own",
    "thaw_after_2016",
)
EVALUATORS.update({name: diplomacy.CH1[name] for name in FROM_DIPLOMACY})


# --- C1.19, from the inventory of the paper's claims (data/paper_claims.yml) --------------

#: The paper's founding years (first, last) of the 1990s home-grown bodies, in order:
#: CAU 1994, "Central Asian Economic Cooperation in 1997", CACO "in the early 2000s".
PAPER_FOUNDING = {"CAU": (1994, 1994), "CAEC": (1997, 1997), "CACO": (2000, 2003)}


def cau_succession_evidence(spec: Spec) -> Evidence:
    """The chain of bodies re-founding the CAU, against the paper's sequence and years."""
    chain = summits.succession_chain(summits.load_organisations())
    years = dict(zip(chain["organisation"], chain["year"], strict=True))
    expected = list(PAPER_FOUNDING)
    found = [name for name in expected if name in years]
    gaps = [max(PAPER_FOUNDING[n][0] - years[n], years[n] - PAPER_FOUNDING[n][1], 0) for n in found]
    return {
        "sequence_found": float(list(chain["organisation"][: len(expected)]) == expected),
        "links_found": float(len(found)),
        "max_year_gap": float(max(gaps)),
        "chain_end_year": float(chain["stop"].iloc[-1].year),
    }


def cau_succession_rule(ev: Evidence, t: Thresholds) -> str:
    """The CAU -> CAEC -> CACO chain, each founding year within the tolerance of the paper's."""
    if ev["sequence_found"] != 1:
        return CONTRADICTS
    return SUPPORTS if ev["max_year_gap"] <= t["tolerance_years"] else MIXED


EVALUATORS["cau_succession"] = Evaluator(
    evidence=cau_succession_evidence,
    rule=cau_succession_rule,
    dimensions={},
    key="max_year_gap",
    statistic="largest gap (years) between a founding year in the data and the paper's",
    compared={"tolerance_years": ("max_year_gap",)},
    summary=lambda ev: (
        f"The line of home-grown bodies from the Central Asian Union holds "
        f"{ev['links_found']:.0f} of the paper's three (CAU, CAEC, CACO), "
        f"{'in' if ev['sequence_found'] == 1 else 'not in'} its order; founding "
        f"years differ from the paper's by at most {ev['max_year_gap']:.0f} "
        f"year(s); the line ended in {ev['chain_end_year']:.0f}."
    ),
)
