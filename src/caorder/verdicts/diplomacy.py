"""Verdicts of the summit- and membership-based claims (C1.6, C1.7, C1.9, C3.8, C3.9, C3.11).

Evidence functions read the curated tables through :mod:`caorder.summits` under the data
variant a specification names (``data``: as coded, low-confidence rows dropped, disputed rows
counted the other way); rules are pure functions of that evidence and the register's
thresholds. The chapter modules register them: :data:`CH1` in :mod:`caorder.verdicts.ch1` and
:data:`CH3` in :mod:`caorder.verdicts.ch3`.
"""

from __future__ import annotations

import warnings
from functools import cache

import pandas as pd

from caorder import countries, summits
from caorder.verdicts.checks import Dates, Years
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

PRIMARY_DATA = summits.VARIANTS[0]
#: Years the curated summit and outcome-document tables cover (period dimensions).
MEETING_YEARS = Years(1991, 2025)
#: Dates at which organisations may be counted (``date`` dimension): independence to 2025.
DATES = Dates("1991-12-26", "2025-12-31")


@cache
def _events(variant: str) -> pd.DataFrame:
    return summits.load_summits(variant=variant)


@cache
def _memberships(variant: str) -> pd.DataFrame:
    return summits.load_memberships(variant=variant)


# --- C1.6: the foreign ministers meet regularly after a decade of intermittent dialogue ---


def ministers_evidence(spec: Spec) -> Evidence:
    """Regularity of the five foreign ministers' meetings before 2017 and in the window
    ``after`` (first and last year; 2017-2025 unless the specification says otherwise).

    Also the incidence-rate ratio of all C5-only meetings per year (the first rule's measure),
    so that the verdict under the rule first declared can be shown.
    """
    events = _events(spec.get("data", PRIMARY_DATA))
    after = tuple(spec.get("after", (2017, 2025)))
    result = summits.ministerial_regularity(events, after=(int(after[0]), int(after[1])))
    total = summits.meetings_per_year(events).sum(axis=1)
    fit = summits.rate_ratio(total, 2017, "negbin")
    return {
        "after_last_year": float(after[1]),
        "share_years_after": result.share_years_after,
        "share_years_before": result.share_years_before,
        "longest_gap_after_years": result.longest_gap_after_years,
        "gap_into_2017_years": result.gap_into_break_years,
        "gap_into_2017_min_years": result.gap_into_break_min_years,
        "n_meetings": float(result.n_meetings),
        "irr_all_c5_meetings": fit.irr,
        "irr_ci_low": fit.ci_low,
        "irr_ci_high": fit.ci_high,
    }


def ministers_rule(ev: Evidence, t: Thresholds) -> str:
    """Regular after 2017 and intermittent before; the rule first declared is kept as well."""
    if "irr_ci_above" in t:  # the rule as first declared (all C5-only meetings)
        if (
            ev["irr_ci_low"] > t["irr_ci_above"]
            and ev["share_years_after"] >= t["fm_share_supports"]
        ):
            return SUPPORTS
        if (
            ev["irr_ci_high"] < t["irr_ci_above"]
            or ev["share_years_after"] < t["fm_share_contradicts"]
        ):
            return CONTRADICTS
        return MIXED
    irregular = (
        ev["share_years_after"] < t["irregular_share_after"]
        or ev["longest_gap_after_years"] > t["max_gap_irregular_years"]
        or ev["share_years_before"] >= t["regular_share_after"]
    )
    if irregular:
        return CONTRADICTS
    regular = (
        ev["share_years_after"] >= t["regular_share_after"]
        and ev["longest_gap_after_years"] <= t["max_gap_after_years"]
    )
    if regular and ev["share_years_before"] <= t["intermittent_share_before"]:
        return SUPPORTS
    return MIXED


def _ministers_summary(ev: Evidence) -> str:
    return (
        f"The five foreign ministers met in {ev['share_years_after']:.0%} of the years "
        f"2017-{ev['after_last_year']:.0f} "
        f"(longest gap {ev['longest_gap_after_years']:.1f} years) against "
        f"{ev['share_years_before']:.0%} of the years 2007-2016; {ev['gap_into_2017_years']:.1f} "
        "years passed between the last five-state ministers' meeting before 2017 and the first "
        f"of 2017. All C5-only meetings: IRR {ev['irr_all_c5_meetings']:.2f} (95% CI "
        f"{ev['irr_ci_low']:.2f}-{ev['irr_ci_high']:.2f}), shown, not judged."
    )


# --- C1.7: the consultative format carried on after the 2019 delay -----------------------


def cadence_evidence(spec: Spec) -> Evidence:
    """Intervals between consultative meetings from the delayed 2019 meeting on."""
    table = summits.cadence(_events(spec.get("data", PRIMARY_DATA)))
    after = table[table["start"].dt.year >= 2019]["months_since_previous"].iloc[1:]
    if after.empty:
        return {}
    return {
        "median_months_after_2019": float(after.median()),
        "first_interval_after_2019": float(after.iloc[0]),
        "longest_months_after_2019": float(after.max()),
        "n_meetings": float(len(table)),
    }


def cadence_rule(ev: Evidence, t: Thresholds) -> str:
    """Stalled if the next meeting took over two years; regular if the median is near annual."""
    if ev["first_interval_after_2019"] > t["stalled_after_months"]:
        return CONTRADICTS
    if ev["median_months_after_2019"] <= t["regular_median_months"]:
        return SUPPORTS
    return MIXED


def _cadence_summary(ev: Evidence) -> str:
    return (
        f"{ev['n_meetings']:.0f} consultative meetings were held; after the delayed 2019 meeting "
        f"the next came {ev['first_interval_after_2019']:.1f} months later and the median interval "
        f"was {ev['median_months_after_2019']:.1f} months (longest "
        f"{ev['longest_months_after_2019']:.1f}, against a planned 12)."
    )


# --- C1.9: integration has not been on the agenda of the consultative meetings -----------


def integration_evidence(spec: Spec) -> Evidence:
    """Counts of coded outcome documents of the consultative meetings in the period."""
    first, last = spec.get("period", (2018, 2025))
    counts = summits.agenda_counts(summits.load_consultative_documents(), first, last)
    return {key: float(value) for key, value in counts.items()}


def integration_rule(ev: Evidence, t: Thresholds) -> str:
    """No integration instrument or supranational body; integration not even an aim."""
    if (
        ev["integration_instruments"] > t["max_integration_instruments"]
        or ev["supranational_bodies"] > t["max_supranational_bodies"]
    ):
        return CONTRADICTS
    if ev["integration_aims"] > t["max_integration_aims"]:
        return MIXED
    return SUPPORTS


def _integration_summary(ev: Evidence) -> str:
    return (
        f"Outcome documents of {ev['meetings']:.0f} consultative meetings: "
        f"{ev['documents']:.0f}; instruments of economic integration among them: "
        f"{ev['integration_instruments']:.0f}; creating a supranational body or regional "
        f"organisation: {ev['supranational_bodies']:.0f}; stating economic integration as an aim "
        f"in the part read: {ev['integration_aims']:.0f} ({ev['read_beyond_title']:.0f} read "
        "beyond the title)."
    )


# --- C3.8: Turkmenistan takes part in the five-state diplomacy ---------------------------


def attendance_evidence(spec: Spec) -> Evidence:
    """Turkmenistan's and the others' attendance at the five-state meetings of 2017-2025."""
    long = summits.attendance(_events(spec.get("data", PRIMARY_DATA)))
    long["format"] = summits.meeting_format(long["series"], long["year"])
    recent = long[long["format"] == summits.FIVE_STATE_RECENT]
    rates = summits.attendance_rates(recent, by="format").set_index("iso3")
    others = rates.drop("TKM")
    return {
        "tkm_present": float(rates.at["TKM", "present"]),
        "others_present": float(others["present"].mean()),
        "tkm_at_expected_level": float(rates.at["TKM", "at_expected_level"]),
        "others_at_expected_level": float(others["at_expected_level"].mean()),
        "n_meetings_tkm": float(rates.at["TKM", "n"]),
    }


def attendance_rule(ev: Evidence, t: Thresholds) -> str:
    """Share of meetings (known level) at which Turkmenistan was represented at the level the
    format calls for (``level: expected``) or, under the first rule, at any level."""
    share = ev["tkm_at_expected_level" if t.get("level", "any") == "expected" else "tkm_present"]
    if share >= t["supports_at_least"]:
        return SUPPORTS
    if share < t["contradicts_below"]:
        return CONTRADICTS
    return MIXED


def _attendance_summary(ev: Evidence) -> str:
    return (
        f"Turkmenistan was represented at {ev['tkm_present']:.0%} of the "
        f"{ev['n_meetings_tkm']:.0f} five-state meetings of 2017-2025 with a known delegation "
        f"(other four: {ev['others_present']:.0%}), but at the expected level (head of state or "
        f"foreign minister) only at {ev['tkm_at_expected_level']:.0%} (others: "
        f"{ev['others_at_expected_level']:.0%})."
    )


# --- C3.9: shared macro-regional tables and UNGA voting ----------------------------------


def shared_tables_evidence(spec: Spec) -> Evidence:
    """Within-pair slope (fixed effects) and between-pair QAP correlation, 1992-2019."""
    states = countries.C5
    if spec.get("turkmenistan", "with") == "without":
        states = tuple(s for s in countries.C5 if s != "TKM")
    result = summits.shared_tables_test(summits.pair_years(spec.get("data", PRIMARY_DATA)), states)
    return {
        "within_slope": result.within_slope,
        "within_ci_low": result.within_ci_low,
        "within_ci_high": result.within_ci_high,
        "between_r": result.between_r,
        "qap_p": result.between_p,
        "n_pairs": float(result.n_pairs),
        "n_pairs_changing": float(result.n_pairs_changing),
    }


def shared_tables_rule(ev: Evidence, t: Thresholds) -> str:
    """Within-pair slope above zero and a positive between-pair association supports; a slope
    below zero contradicts; a slope above zero with no positive association is mixed. A slope
    CI spanning zero cannot tell (inconclusive, when the rule declares
    ``ci_spanning: inconclusive``; mixed under the rule first declared)."""
    if ev["within_ci_low"] > t["slope_ci_above"] and ev["between_r"] > t["between_above"]:
        return SUPPORTS
    if ev["within_ci_high"] < t["slope_ci_above"]:
        return CONTRADICTS
    if ev["within_ci_low"] > t["slope_ci_above"]:
        return MIXED
    return INCONCLUSIVE if t.get("ci_spanning") == INCONCLUSIVE else MIXED


def _shared_tables_summary(ev: Evidence) -> str:
    return (
        f"Per extra shared table, pair kappa changes by {ev['within_slope']:+.3f} (95% CI "
        f"{ev['within_ci_low']:+.3f} to {ev['within_ci_high']:+.3f}; {ev['n_pairs_changing']:.0f} "
        f"of {ev['n_pairs']:.0f} pairs change their count); across pairs r = "
        f"{ev['between_r']:+.2f} (exact QAP p = {ev['qap_p']:.3f})."
    )


# --- C3.11: IFAS, the only home-grown organisation still standing ------------------------


def home_grown_evidence(spec: Spec) -> Evidence:
    """Home-grown organisations founded and standing on the specification's date."""
    table = summits.home_grown_standing(
        summits.load_organisations(),
        _memberships(spec.get("data", PRIMARY_DATA)),
        spec.get("date", "2021-03-05"),
    )
    standing = table.set_index("organisation")["standing"]
    return {
        "ifas_standing": float(bool(standing.get("IFAS", False))),
        "other_standing": float(standing.drop("IFAS", errors="ignore").sum()),
        "home_grown_founded": float(len(table)),
    }


def home_grown_rule(ev: Evidence, t: Thresholds) -> str:
    """IFAS stands and no other home-grown organisation does."""
    if ev["ifas_standing"] == 1 and ev["other_standing"] <= t["max_other_standing"]:
        return SUPPORTS
    return CONTRADICTS


def _home_grown_summary(ev: Evidence) -> str:
    return (
        f"Of {ev['home_grown_founded']:.0f} organisations founded by Central Asian states alone, "
        f"{ev['ifas_standing'] + ev['other_standing']:.0f} stood on the date "
        f"(IFAS: {'yes' if ev['ifas_standing'] == 1 else 'no'}); the others were the Central Asian "
        "Union and its successors, 1994-2006."
    )


# --- C1.26: no regional organisation of its own (the literature's diagnosis) -------------


def own_organisation_evidence(spec: Spec) -> Evidence:
    """Home-grown organisations standing on the date, any or general-purpose only."""
    table = summits.home_grown_standing(
        summits.load_organisations(),
        _memberships(spec.get("data", PRIMARY_DATA)),
        spec.get("date", summits.PAPER_DATE),
    )
    if spec.get("scope", "any") == "general_purpose":
        table = table[~table["organisation"].isin(summits.SECTORAL_BODIES)]
    return {
        "standing": float(table["standing"].sum()),
        "founded": float(len(table)),
    }


def own_organisation_rule(ev: Evidence, t: Thresholds) -> str:
    """The diagnosis holds if no home-grown organisation stands; it fails if one does."""
    return SUPPORTS if ev["standing"] <= t["max_standing"] else CONTRADICTS


def _own_organisation_summary(ev: Evidence) -> str:
    return (
        f"{ev['standing']:.0f} of the {ev['founded']:.0f} organisations founded by Central "
        "Asian states alone stood on the date."
    )


# --- C1.28: the thaw after 2016 -------------------------------------------------------------


def thaw_evidence(spec: Spec) -> Evidence:
    """Five-state meetings per year, 2017-2020 against the before period: rate ratio and CI."""
    first, last = spec.get("before", (2008, 2016))
    counts = summits.meetings_per_year(
        _events(spec.get("data", PRIMARY_DATA)), years=range(int(first), 2021)
    ).sum(axis=1)
    with warnings.catch_warnings():
        # A negative binomial on a short window may not converge: its CI is then NaN and the
        # specification untestable, which the panel says; the fitter's warning adds nothing.
        warnings.simplefilter("ignore")
        fit = summits.rate_ratio(counts, int(last) + 1, model=spec.get("model", "poisson"))
    return {
        "rate_ratio": fit.irr,
        "ci_low": fit.ci_low,
        "ci_high": fit.ci_high,
        "rate_before": fit.rate_before,
        "rate_after": fit.rate_after,
    }


def thaw_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if the rate ratio's CI lies above the null, contradicts if below, else the
    test cannot tell."""
    null = t["rate_ratio_null"]
    if ev["ci_low"] > null:
        return SUPPORTS
    return CONTRADICTS if ev["ci_high"] < null else INCONCLUSIVE


def _thaw_summary(ev: Evidence) -> str:
    return (
        f"The five met among themselves {ev['rate_after']:.1f} times a year in 2017-2020 "
        f"against {ev['rate_before']:.1f} before: rate ratio {ev['rate_ratio']:.1f} (95% CI "
        f"{ev['ci_low']:.1f}-{ev['ci_high']:.1f})."
    )


# --- C3.25: Uzbekistan's regional multilateralism before and after 2016 ------------------

#: Mirziyoyev took office as acting president on 8 September 2016; the after window runs to
#: the paper's date.
UZB_AFTER = ("2016-09-08", summits.PAPER_DATE)
UZB_AFTER_YEARS = (2017, 2020)


def uzbek_evidence(spec: Spec) -> Evidence:
    """Uzbekistan's accessions and exits before and after 2016, and meetings it hosted per
    year in each period beside the other four's mean."""
    first, last = (int(y) for y in spec.get("before", (2008, 2016)))
    variant = spec.get("data", PRIMARY_DATA)
    memberships = _memberships(variant)
    before = summits.spells_changed(memberships, "UZB", f"{first}-01-01", UZB_AFTER[0])
    after = summits.spells_changed(memberships, "UZB", *UZB_AFTER)
    hosted_before = summits.hosted_per_year(_events(variant), first, last)
    hosted_after = summits.hosted_per_year(_events(variant), *UZB_AFTER_YEARS)
    gain = hosted_after - hosted_before
    return {
        "joins_before": before["joins"],
        "exits_before": before["exits"],
        "joins_after": after["joins"],
        "exits_after": after["exits"],
        "uzb_hosted_before": float(hosted_before["UZB"]),
        "uzb_hosted_after": float(hosted_after["UZB"]),
        "uzb_hosting_gain": float(gain["UZB"]),
        "others_hosting_gain": float(gain.drop("UZB").mean()),
        "hosting_gain_over_others": float(gain["UZB"] - gain.drop("UZB").mean()),
    }


def uzbek_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if Uzbekistan left nothing after 2016, joined something and raised its hosting
    beyond the other four's rise; contradicts if it left or hosted less; mixed otherwise."""
    if ev["exits_after"] > t["max_exits_after"] or ev["uzb_hosting_gain"] < 0:
        return CONTRADICTS
    if (
        ev["joins_after"] >= t["min_joins_after"]
        and ev["hosting_gain_over_others"] > t["min_hosting_gain"]
    ):
        return SUPPORTS
    return MIXED


def _uzbek_summary(ev: Evidence) -> str:
    return (
        f"From September 2016 to the paper's date Uzbekistan joined {ev['joins_after']:.0f} "
        f"organisations and left {ev['exits_after']:.0f} (before: joined "
        f"{ev['joins_before']:.0f}, left {ev['exits_before']:.0f}); it hosted "
        f"{ev['uzb_hosted_after']:.2f} meetings a year in 2017-2020 against "
        f"{ev['uzb_hosted_before']:.2f} before, a rise of {ev['uzb_hosting_gain']:+.2f} "
        f"(other four: {ev['others_hosting_gain']:+.2f})."
    )


# --- C3.26 / C3.34 and C3.27 / C3.35: the kinds of the consultative meetings' documents --

#: The consultative meetings before the paper (Astana 2018, Tashkent 2019) and after it.
BEFORE_PAPER = (2018, 2020)
AFTER_PAPER = (2021, 2025)


def _kinds_evidence(years: tuple[int, int], kinds: tuple[str, ...]) -> Evidence:
    counts = summits.document_kinds(summits.load_consultative_documents(), *years, kinds)
    if not counts["documents"]:
        return {}
    return counts | {
        "document_share": counts["documents_of_kind"] / counts["documents"],
        "meeting_share": counts["meetings_with_kind"] / counts["meetings"],
    }


def _conventions_evidence(years: tuple[int, int]):
    def evidence(spec: Spec) -> Evidence:
        """Share of the meetings' documents that are agreements (treaty, agreement, ...)."""
        kinds = summits.AGREEMENT_KINDS[spec.get("binding", "treaty_agreement")]
        return _kinds_evidence(years, kinds)

    return evidence


def conventions_rule(ev: Evidence, t: Thresholds) -> str:
    """Agreements (almost) avoided if at most a small share of documents are agreements;
    contradicted if at least half are."""
    if ev["document_share"] <= t["supports_at_most"]:
        return SUPPORTS
    return CONTRADICTS if ev["document_share"] >= t["contradicts_at_least"] else MIXED


def _conventions_summary(ev: Evidence) -> str:
    return (
        f"{ev['documents_of_kind']:.0f} of the {ev['documents']:.0f} outcome documents of "
        f"{ev['meetings']:.0f} consultative meetings are multilateral agreements "
        f"({ev['document_share']:.0%})."
    )


def _talk_evidence(years: tuple[int, int]):
    def evidence(spec: Spec) -> Evidence:
        """Share of the meetings that adopted an instrument beyond statements."""
        kinds = summits.INSTRUMENT_KINDS[spec.get("instruments", "with_regulations")]
        return _kinds_evidence(years, kinds)

    return evidence


def only_talk_rule(ev: Evidence, t: Thresholds) -> str:
    """'Only talk' holds if no meeting adopted an instrument; fails if at least half did."""
    if ev["meeting_share"] <= t["supports_at_most"]:
        return SUPPORTS
    return CONTRADICTS if ev["meeting_share"] >= t["contradicts_at_least"] else MIXED


def _talk_summary(ev: Evidence) -> str:
    return (
        f"{ev['meetings_with_kind']:.0f} of {ev['meetings']:.0f} consultative meetings adopted "
        f"an instrument beyond statements ({ev['documents_of_kind']:.0f} of "
        f"{ev['documents']:.0f} documents)."
    )


def _kinds_evaluators(suffix: str, years: tuple[int, int]) -> dict[str, Evaluator]:
    return {
        f"conventions_avoided{suffix}": Evaluator(
            evidence=_conventions_evidence(years),
            rule=conventions_rule,
            dimensions={"binding": tuple(summits.AGREEMENT_KINDS)},
            key="document_share",
            statistic=(
                f"share of the consultative meetings' documents ({years[0]}-{years[1]}) that "
                "are multilateral agreements"
            ),
            summary=_conventions_summary,
        ),
        f"only_talk{suffix}": Evaluator(
            evidence=_talk_evidence(years),
            rule=only_talk_rule,
            dimensions={"instruments": tuple(summits.INSTRUMENT_KINDS)},
            key="meeting_share",
            statistic=(
                f"share of the consultative meetings ({years[0]}-{years[1]}) adopting an "
                "instrument beyond statements"
            ),
            summary=_talk_summary,
        ),
    }


CH1 = {
    "ministers_meet_regularly": Evaluator(
        evidence=ministers_evidence,
        rule=ministers_rule,
        dimensions={"after": Years(2017, 2025), "data": summits.VARIANTS},
        key="share_years_after",
        statistic="share of the years from 2017 to the window's end with a five-minister meeting",
        compared={
            "regular_share_after": ("share_years_after", "share_years_before"),
            "max_gap_after_years": ("longest_gap_after_years",),
            "intermittent_share_before": ("share_years_before",),
            "irregular_share_after": ("share_years_after",),
            "max_gap_irregular_years": ("longest_gap_after_years",),
        },
        summary=_ministers_summary,
    ),
    "consultative_cadence": Evaluator(
        evidence=cadence_evidence,
        rule=cadence_rule,
        dimensions={"data": summits.VARIANTS},
        key="median_months_after_2019",
        statistic="median months between consultative meetings after the 2019 meeting",
        compared={
            "stalled_after_months": ("first_interval_after_2019",),
            "regular_median_months": ("median_months_after_2019",),
        },
        summary=_cadence_summary,
    ),
    "no_organisation_of_its_own": Evaluator(
        evidence=own_organisation_evidence,
        rule=own_organisation_rule,
        dimensions={
            "scope": ("any", "general_purpose"),
            "date": Dates(summits.PAPER_DATE, "2025-12-31"),
            "data": summits.VARIANTS,
        },
        key="standing",
        statistic="organisations founded by Central Asian states alone standing on the date",
        summary=_own_organisation_summary,
    ),
    "thaw_after_2016": Evaluator(
        evidence=thaw_evidence,
        rule=thaw_rule,
        dimensions={
            "before": Years(1992, 2016),
            "model": ("poisson", "negbin"),
            "data": summits.VARIANTS,
        },
        key="rate_ratio",
        statistic="rate ratio of five-state meetings per year, 2017-2020 against before",
        summary=_thaw_summary,
    ),
    "integration_off_agenda": Evaluator(
        evidence=integration_evidence,
        rule=integration_rule,
        dimensions={"period": MEETING_YEARS},
        key="integration_instruments",
        statistic="outcome documents of the consultative meetings that are integration instruments",
        summary=_integration_summary,
    ),
}
CH3 = {
    "turkmenistan_attendance": Evaluator(
        evidence=attendance_evidence,
        rule=attendance_rule,
        dimensions={"data": summits.VARIANTS},
        key="tkm_at_expected_level",
        statistic=(
            "share of 2017-2025 five-state meetings at which Turkmenistan was represented at "
            "the expected level"
        ),
        summary=_attendance_summary,
    ),
    "shared_tables": Evaluator(
        evidence=shared_tables_evidence,
        rule=shared_tables_rule,
        dimensions={"data": summits.VARIANTS, "turkmenistan": ("with", "without")},
        key="within_slope",
        statistic="within-pair change in UNGA kappa per additional shared organisation",
        summary=_shared_tables_summary,
        p_values=("qap_p",),
        units="n_pairs",
        compared={
            "slope_ci_above": ("within_ci_low", "within_ci_high"),
            "between_above": ("between_r",),
        },
    ),
    "home_grown_organisations": Evaluator(
        evidence=home_grown_evidence,
        rule=home_grown_rule,
        dimensions={"data": summits.VARIANTS, "date": DATES},
        key="other_standing",
        statistic="home-grown organisations other than IFAS standing on the date",
        compared={"max_other_standing": ("other_standing",)},
        summary=_home_grown_summary,
    ),
}
CH3.update(
    {
        "uzbek_multilateralism": Evaluator(
            evidence=uzbek_evidence,
            rule=uzbek_rule,
            dimensions={"before": Years(1992, 2016), "data": summits.VARIANTS},
            key="hosting_gain_over_others",
            statistic=(
                "Uzbekistan's rise in meetings hosted per year after 2016, beyond the other "
                "four's mean rise"
            ),
            summary=_uzbek_summary,
        ),
        **_kinds_evaluators("", BEFORE_PAPER),
        **_kinds_evaluators("_after_paper", AFTER_PAPER),
    }
)
