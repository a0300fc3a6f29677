"""Verdicts of the claims tested on economic, regime and pandemic data (C1.11, C1.12, C1.18,
C3.19).

Evidence functions read the analyses of :mod:`caorder.economies` (World Bank and Fariss et
al. GDP), :mod:`caorder.regimes` (V-Dem neopatrimonialism, UN voting cohesion) and
:mod:`caorder.pandemic` (OxCGRT indices); rules are pure functions of that evidence and the
register's thresholds (``data/claims/economies_regimes.yml``). Every test compares the five
with random groups of the same size (:func:`caorder.windows.random_members`) or with the
book's comparison groups, never alone. Evaluator names carry the prefix ``economies.``.
"""

from __future__ import annotations

from caorder import cohesion, economies, pandemic, regimes
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

# --- C1.18: unequal economies -------------------------------------------------------------


def gdp_dispersion_evidence(spec: Spec) -> Evidence:
    """Dispersion of GDP per capita among the five, its band, and both baselines."""
    return economies.dispersion_evidence(
        spec.get("source", "fariss"), spec.get("measure", "cv"), spec.get("pool", "all_states")
    )


def gdp_dispersion_rule(ev: Evidence, t: Thresholds) -> str:
    """Unequal if the five's band lies above the random median and most comparison groups,
    and Kazakhstan and Uzbekistan outrank Kyrgyzstan and Tajikistan in total GDP."""
    if ev["size_order_share"] < t["size_order_contradicts"]:
        return CONTRADICTS
    above_random = ev["c5_low"] > ev["random_median"]
    below_random = ev["c5_high"] < ev["random_median"]
    above_groups = ev["groups_below_low"] >= t["groups_share"]
    below_groups = ev["groups_above_high"] >= t["groups_share"]
    if above_random and above_groups and ev["size_order_share"] >= t["size_order_supports"]:
        return SUPPORTS
    if below_random and below_groups:
        return CONTRADICTS
    if (above_random or above_groups) and (below_random or below_groups):
        return MIXED
    return INCONCLUSIVE


def _dispersion_summary(ev: Evidence) -> str:
    return (
        f"Mean dispersion of GDP per capita among the five {ev['c5']:.2f} (90% band "
        f"{ev['c5_low']:.2f}–{ev['c5_high']:.2f}) against a median of {ev['random_median']:.2f} "
        f"for random groups of five (the five above {ev['percentile']:.0f}% of them); "
        f"{100 * ev['groups_below_low']:.0f}% of the comparison groups lie below the band, "
        f"{100 * ev['groups_above_high']:.0f}% above it. Kazakhstan and Uzbekistan each had a "
        f"larger GDP than Kyrgyzstan and Tajikistan in {100 * ev['size_order_share']:.0f}% of "
        "the years."
    )


# --- C1.12: neopatrimonialism prevents integration ----------------------------------------


def neopatrimonial_evidence(spec: Spec) -> Evidence:
    """The five's neopatrimonialism among random groups, and the association across groups."""
    measure = cohesion.measure_spec(spec.get("measure", "kappa"))
    position = regimes.c5_position()
    link = regimes.association(spec.get("baseline", "regions"), measure)
    return {
        "c5_neopat": position["c5_neopat"],
        "random_median": position["random_median"],
        "c5_percentile": position["c5_percentile"],
        "groups_below_share": position["groups_below_share"],
        "rho": link["rho"],
        "p_value": link["p_value"],
        "n_groups": link["n_groups"],
    }


def neopatrimonial_rule(ev: Evidence, t: Thresholds) -> str:
    """Both implications (the five markedly neopatrimonial; more neopatrimonial groups less
    cohesive) must hold to support; one failing outright contradicts unless the other holds."""
    a_holds = ev["c5_percentile"] >= t["high_percentile"]
    a_fails = ev["c5_percentile"] < t["low_percentile"]
    b_holds = ev["rho"] <= t["rho_supports"]
    b_fails = ev["rho"] >= t["rho_contradicts"]
    if a_holds and b_holds:
        return SUPPORTS
    if (a_holds and b_fails) or (b_holds and a_fails):
        return MIXED
    if a_fails or b_fails:
        return CONTRADICTS
    return INCONCLUSIVE


# --- C1.11 and C3.19: the pandemic ---------------------------------------------------------


def _pandemic_evidence(spec: Spec, turkmenistan_default: str) -> Evidence:
    return pandemic.coordination_evidence(
        spec.get("index", "stringency"),
        str(spec.get("period", "2020")),
        spec.get("first_measure", "any"),
        spec.get("baseline", "random"),
        spec.get("turkmenistan", turkmenistan_default),
    )


def in_step_evidence(spec: Spec) -> Evidence:
    """Timing spread and synchrony of the five's measures, placed in the baseline."""
    return _pandemic_evidence(spec, "with")


def in_step_rule(ev: Evidence, t: Thresholds) -> str:
    """The literature's diagnosis (no coordination): supported if the five do no better than
    half of the baseline groups on both traces, contradicted if better than ``coordinated_above``
    per cent on both."""
    high = [ev[k] >= t["coordinated_above"] for k in ("timing_percentile", "sync_percentile")]
    low = [ev[k] <= t["uncoordinated_below"] for k in ("timing_percentile", "sync_percentile")]
    if all(high):
        return CONTRADICTS
    if all(low):
        return SUPPORTS
    if any(high) and any(low):
        return MIXED
    return INCONCLUSIVE


def contacts_evidence(spec: Spec) -> Evidence:
    """Synchrony of the five's (or four's) daily measures, placed in the baseline."""
    return _pandemic_evidence(spec, "with")


def contacts_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the five moved more in step than ``in_step_above`` per cent of the baseline
    groups; contradicts below ``apart_below``; inconclusive in between."""
    if ev["sync_percentile"] >= t["in_step_above"]:
        return SUPPORTS
    if ev["sync_percentile"] < t["apart_below"]:
        return CONTRADICTS
    return INCONCLUSIVE


def _pandemic_summary(ev: Evidence) -> str:
    return (
        f"The five took a first measure within {ev['spread_days']:.0f} days of each other "
        f"(baseline median {ev['baseline_median_spread']:.0f}; a wider spread in "
        f"{ev['timing_percentile']:.0f}% of the baseline groups); the mean correlation of their "
        f"daily index was {ev['sync']:.2f} (baseline median {ev['baseline_median_sync']:.2f}; "
        f"above {ev['sync_percentile']:.0f}% of the baseline groups)."
    )


#: The specification dimensions both pandemic evaluators read.
PANDEMIC_DIMENSIONS = {
    "baseline": ("random", "regions"),
    "index": ("stringency", "containment"),
    "period": ("2020", "2020-2022"),
    "first_measure": ("any", "substantial"),
    "turkmenistan": ("with", "without"),
}

EVALUATORS: dict[str, Evaluator] = {
    "gdp_dispersion": Evaluator(
        evidence=gdp_dispersion_evidence,
        rule=gdp_dispersion_rule,
        dimensions={
            "source": ("fariss", "wb"),
            "measure": ("cv", "max_min"),
            "pool": ("all_states", "income_matched"),
        },
        key="percentile",
        statistic="percentile of the five's GDP-per-capita dispersion among random groups of five",
        summary=_dispersion_summary,
    ),
    "neopatrimonial_integration": Evaluator(
        evidence=neopatrimonial_evidence,
        rule=neopatrimonial_rule,
        dimensions={"baseline": ("regions", "random"), "measure": ("kappa", "ac1")},
        key="rho",
        statistic="Spearman's rho between neopatrimonialism and UN voting cohesion across groups",
        summary=lambda ev: (
            f"The five's mean V-Dem neopatrimonialism is {ev['c5_neopat']:.2f}, above "
            f"{ev['c5_percentile']:.0f}% of random groups of five (median "
            f"{ev['random_median']:.2f}) and above {100 * ev['groups_below_share']:.0f}% of the "
            f"comparison groups; across {ev['n_groups']:.0f} groups, Spearman's rho between "
            f"neopatrimonialism and UN voting cohesion is {ev['rho']:.2f} (p = "
            f"{ev['p_value']:.2f})."
        ),
    ),
    "pandemic_in_step": Evaluator(
        evidence=in_step_evidence,
        rule=in_step_rule,
        dimensions=PANDEMIC_DIMENSIONS,
        key="sync_percentile",
        statistic="percentile of the five's synchrony of daily measures among baseline groups",
        summary=_pandemic_summary,
    ),
    "pandemic_contacts": Evaluator(
        evidence=contacts_evidence,
        rule=contacts_rule,
        dimensions=PANDEMIC_DIMENSIONS,
        key="sync_percentile",
        statistic="percentile of the five's synchrony of daily measures among baseline groups",
        summary=_pandemic_summary,
    ),
}
