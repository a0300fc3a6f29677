"""Verdicts of the claims tested on conflict, dispute, alliance, IGO and leader data.

The register entries are in ``data/claims/order_in_events.yml``; the analyses in
:mod:`caorder.peace`. Every evidence function compares the five (``C5``) with other regions
taken as dyad sets (:data:`caorder.peace.BASELINE_GROUPS`, or for the years of independence
:data:`caorder.peace.NEW_NEIGHBOURS`). Comparisons are reported as the share of comparison
groups with a lower (or higher) value than the five, rounded to two decimals (so that "two of
three" is 0.67 and values equal at six decimals count as ties, never as lower or higher).

Specification dimensions: ``source`` (``cow`` MIDs to 2014, ``gml`` to 2010), ``pairs``
(``contiguous`` or ``all_pairs``), ``measure``, ``hostility``, ``events``, ``period``, ``window``.
"""

from __future__ import annotations

import pandas as pd

from caorder import peace, summits
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

FIRST_YEAR = 1992
#: The paper's period for conflict data: independence to the last full year before it appeared.
PAPER_PERIOD = (1992, 2020)
UZBEKISTAN = 704
KYRGYZSTAN, TAJIKISTAN = 703, 702


def _pairs(spec: Spec, default: str) -> str:
    """The pair set of a specification: ``contiguous`` or ``all_pairs`` (read as ``all``)."""
    value = spec.get("pairs", default)
    return "all" if value == "all_pairs" else value


def _last(source: str, last: int | None = None) -> int:
    end = peace.COVERAGE[source][1]
    return end if last is None else min(end, last)


def compare(c5: float, baseline: pd.Series) -> Evidence:
    """The five's value against the groups': median, and shares of groups lower and higher."""
    values = baseline.dropna().round(6)
    mine = round(float(c5), 6)
    n = len(values)
    return {
        "c5": float(c5),
        "baseline_median": float(values.median()) if n else float("nan"),
        "share_groups_lower": round(float((values < mine).mean()), 2) if n else float("nan"),
        "share_groups_higher": round(float((values > mine).mean()), 2) if n else float("nan"),
        "n_groups": float(n),
    }


def _rates(measure: str, first: int, last: int, pairs: str, groups=peace.BASELINE_GROUPS):
    c5 = peace.group_rates(("C5",), measure, first, last, pairs)["C5"]
    return c5, peace.group_rates(tuple(groups), measure, first, last, pairs)


def _rank_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if few groups are below the five, contradicts if most are, mixed between."""
    if ev["share_groups_lower"] <= t["supports_max_share_lower"]:
        return SUPPORTS
    if ev["share_groups_lower"] >= t["contradicts_min_share_lower"]:
        return CONTRADICTS
    return MIXED


# --- C2.1 control of violence ----------------------------------------------------------------


def violence_evidence(spec: Spec) -> Evidence:
    """Share of dyad-years with a (fatal) MID: the five against the regions; war years."""
    source = spec.get("source", "cow")
    pairs = _pairs(spec, "contiguous")
    measure = f"{source}_{spec.get('measure', 'fatal')}"
    last = _last(source)
    c5, baseline = _rates(measure, FIRST_YEAR, last, pairs)
    panel = peace.dyad_panel("C5", FIRST_YEAR, last, pairs)
    return {
        **compare(c5, baseline),
        "c5_war_years": float(panel[f"{source}_war"].sum()),
        "c5_dyad_years": float(len(panel)),
        "c5_years_with": float(panel[measure].sum()),
    }


def violence_rule(ev: Evidence, t: Thresholds) -> str:
    """Contradicts on any war-level dyad-year; otherwise the five's rank among the regions."""
    if ev["c5_war_years"] > t["max_war_years"]:
        return CONTRADICTS
    return _rank_rule(ev, t)


def _violence_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_years_with']:.0f} of the five's {ev['c5_dyad_years']:.0f} dyad-years "
        f"({ev['c5']:.1%}) had a fatal MID, against a median of {ev['baseline_median']:.1%} "
        f"in the six regions; {ev['share_groups_lower']:.0%} of the regions had a lower rate; "
        f"{ev['c5_war_years']:.0f} dyad-years at war."
    )


# --- C2.10 and C3.41 open inter-state conflict ------------------------------------------------


def open_conflict_evidence(spec: Spec) -> Evidence:
    """Dyad-years with open conflict (UCDP interstate, or a MID at war level) and the regions'."""
    data = spec.get("events", "ucdp")
    pairs = _pairs(spec, "contiguous")
    first, last = (int(y) for y in spec.get("period", PAPER_PERIOD))
    source, measure = ("ucdp", "ucdp_interstate") if data == "ucdp" else ("cow", "cow_war")
    last = _last(source, last)
    c5, baseline = _rates(measure, first, last, pairs)
    panel = peace.dyad_panel("C5", first, last, pairs)
    return {
        **compare(c5, baseline),
        "c5_years": float(panel[measure].sum()),
        "groups_with_conflict": float((baseline.dropna() > 0).sum()),
    }


def open_conflict_rule(ev: Evidence, t: Thresholds) -> str:
    """None among the five while a region has some: supports; some above the median:
    contradicts; some at or below it: mixed; none anywhere: inconclusive."""
    if ev["c5_years"] <= t["supports_max_years"]:
        enough = ev["groups_with_conflict"] >= t["min_groups_with_conflict"]
        return SUPPORTS if enough else INCONCLUSIVE
    return CONTRADICTS if ev["c5"] > ev["baseline_median"] else MIXED


def _open_conflict_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_years']:.0f} dyad-years of open inter-state conflict among the five "
        f"({ev['c5']:.1%} of their dyad-years; regions' median {ev['baseline_median']:.1%}); "
        f"{ev['groups_with_conflict']:.0f} of {ev['n_groups']:.0f} regions had some."
    )


# --- C3.18 border clashes contained ----------------------------------------------------------


def _fatal_share(key: str, source: str, pairs: str) -> tuple[float, pd.DataFrame]:
    """Share of a group's disputes (dispute x pair, 1992 on) with battle deaths, in its pairs."""
    table = peace.disputes_among(key, source)
    table = table[table["first_year"] >= FIRST_YEAR]
    kept = peace.dyad_years(key, FIRST_YEAR, _last(source), pairs)[["ccode1", "ccode2"]]
    table = table.merge(kept.drop_duplicates(), on=["ccode1", "ccode2"])
    share = float((table["fatality"] > 0).mean()) if len(table) else float("nan")
    return share, table


def _pair(table: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    return table[(table["ccode1"] == min(a, b)) & (table["ccode2"] == max(a, b))]


def clashes_evidence(spec: Spec) -> Evidence:
    """The disputes among the five: war, fatal share against the regions, the two pairs."""
    source = spec.get("source", "cow")
    pairs = _pairs(spec, "contiguous")
    share, table = _fatal_share("C5", source, pairs)
    baseline = pd.Series(
        {key: _fatal_share(key, source, pairs)[0] for key in peace.BASELINE_GROUPS}
    )
    panel = peace.dyad_panel("C5", *PAPER_PERIOD, pairs)
    kgz_uzb, kgz_tjk = _pair(table, KYRGYZSTAN, UZBEKISTAN), _pair(table, KYRGYZSTAN, TAJIKISTAN)
    return {
        **compare(share, baseline),
        "c5_disputes": float(len(table)),
        "c5_fatal_disputes": float((table["fatality"] > 0).sum()),
        "c5_max_hostility": float(table["hostlev"].max()),
        "c5_war_disputes": float((table["hostlev"] >= 5).sum()),
        "c5_ucdp_years": float(panel["ucdp_interstate"].sum()),
        "kgz_uzb_disputes": float(len(kgz_uzb)),
        "kgz_uzb_fatal": float((kgz_uzb["fatality"] > 0).sum()),
        "kgz_tjk_disputes": float(len(kgz_tjk)),
        "kgz_tjk_fatal": float((kgz_tjk["fatality"] > 0).sum()),
    }


def clashes_rule(ev: Evidence, t: Thresholds) -> str:
    """War or a UCDP conflict before 2021 contradicts; else the fatal share's rank decides."""
    if ev["c5_war_disputes"] > t["max_war"] or ev["c5_ucdp_years"] > 0:
        return CONTRADICTS
    return SUPPORTS if ev["share_groups_lower"] <= t["supports_max_share_lower"] else MIXED


def _clashes_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_disputes']:.0f} MIDs among the five, {ev['c5_fatal_disputes']:.0f} fatal "
        f"({ev['c5']:.0%}; regions' median {ev['baseline_median']:.0%}), none above hostility "
        f"{ev['c5_max_hostility']:.0f}; Kyrgyz-Uzbek {ev['kgz_uzb_disputes']:.0f} "
        f"({ev['kgz_uzb_fatal']:.0f} fatal), Kyrgyz-Tajik {ev['kgz_tjk_disputes']:.0f} "
        f"({ev['kgz_tjk_fatal']:.0f} fatal)."
    )


# --- C3.13 no territorial claims ---------------------------------------------------------------


def territorial_evidence(spec: Spec) -> Evidence:
    """Dyad-years with a territorial MID (GML) or territorial UCDP conflict, and the regions'."""
    data = spec.get("events", "gml_territorial")
    pairs = _pairs(spec, "contiguous")
    last = _last("gml") if data == "gml_territorial" else PAPER_PERIOD[1]
    c5, baseline = _rates(data, FIRST_YEAR, last, pairs)
    panel = peace.dyad_panel("C5", FIRST_YEAR, last, pairs)
    return {
        **compare(c5, baseline),
        "c5_years": float(panel[data].sum()),
        "groups_with_any": float((baseline.dropna() > 0).sum()),
    }


def territorial_rule(ev: Evidence, t: Thresholds) -> str:
    """As :func:`open_conflict_rule`, for territorial disputes and conflicts."""
    if ev["c5_years"] <= t["supports_max_years"]:
        return SUPPORTS if ev["groups_with_any"] >= t["min_groups_with_any"] else INCONCLUSIVE
    return CONTRADICTS if ev["c5"] > ev["baseline_median"] else MIXED


def _territorial_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_years']:.0f} dyad-years among the five with a militarised dispute over "
        f"territory; {ev['groups_with_any']:.0f} of {ev['n_groups']:.0f} regions had some "
        f"(median {ev['baseline_median']:.1%} of dyad-years)."
    )


# --- C3.12 taming territorial conflict at independence --------------------------------------


def independence_evidence(spec: Spec) -> Evidence:
    """The five against the other new neighbours of the early 1990s, on one measure."""
    measure = spec.get("measure", "ucdp_interstate")
    first, last = (int(y) for y in spec.get("period", (1992, 2001)))
    groups = peace.NEW_NEIGHBOURS
    if measure == "territorial_threat":
        last = min(last, 2010)
        c5 = peace.mean_territorial_threat("C5", first, last)
        baseline = pd.Series({g: peace.mean_territorial_threat(g, first, last) for g in groups})
    else:
        source = "ucdp" if measure.startswith("ucdp") else measure.split("_")[0]
        c5, baseline = _rates(measure, first, _last(source, last), "all", groups)
    return compare(c5, baseline)


def _independence_summary(ev: Evidence) -> str:
    return (
        f"The five's value {ev['c5']:.3f} against the new neighbours' median "
        f"{ev['baseline_median']:.3f}; {ev['share_groups_lower']:.0%} of the three groups lower."
    )


# --- C1.16 cooperation alongside hostility -----------------------------------------------------


def _both_share(key: str, source: str, hostility: str, pairs: str) -> float:
    """Share of a group's pairs with an alliance and hostility in the period (any years)."""
    panel = peace.dyad_panel(key, FIRST_YEAR, _last(source), pairs).fillna(0)
    hostile = panel[f"{source}_mid"] > 0
    if hostility == "mid_or_rivalry":
        hostile = hostile | (panel["rivalry"] > 0)
    per_pair = (
        panel.assign(hostile=hostile, allied=panel["alliance"] > 0)
        .groupby(["ccode1", "ccode2"])[["hostile", "allied"]]
        .any()
    )
    return float((per_pair["hostile"] & per_pair["allied"]).mean()) if len(per_pair) else 0.0


def cooperation_evidence(spec: Spec) -> Evidence:
    """Share of pairs combining an alliance obligation with MIDs (or rivalry), vs the regions."""
    source = spec.get("source", "cow")
    hostility = spec.get("hostility", "mid")
    pairs = _pairs(spec, "contiguous")
    c5 = _both_share("C5", source, hostility, pairs)
    baseline = pd.Series(
        {g: _both_share(g, source, hostility, pairs) for g in peace.BASELINE_GROUPS}
    )
    panel = peace.dyad_panel("C5", FIRST_YEAR, _last(source), pairs)
    return {
        **compare(c5, baseline),
        "c5_pairs": float(len(panel[["ccode1", "ccode2"]].drop_duplicates())),
        "c5_alliance_share": float(panel["alliance"].mean()),
    }


def cooperation_rule(ev: Evidence, t: Thresholds) -> str:
    """No pair with both contradicts; "often" and not below most regions supports."""
    if ev["c5"] <= t["contradicts_max_share"]:
        return CONTRADICTS
    often = ev["c5"] >= t["supports_min_share"]
    if often and ev["share_groups_higher"] <= t["supports_max_share_higher"]:
        return SUPPORTS
    return MIXED


def _cooperation_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5']:.0%} of the five's {ev['c5_pairs']:.0f} pairs combined an alliance "
        f"obligation with militarised hostility (regions' median {ev['baseline_median']:.0%}; "
        f"{ev['share_groups_higher']:.0%} of the regions higher)."
    )


# --- C3.20 a web of ties ----------------------------------------------------------------------


def ties_evidence(spec: Spec) -> Evidence:
    """Mean shared IGOs and alliance share per dyad-year: the five against the regions."""
    pairs = _pairs(spec, "all")
    first, last = (int(y) for y in spec.get("period", (1992, 2014)))
    igos_c5, igos = _rates("shared_igos", first, last, pairs)
    ally_c5, ally = _rates("alliance", first, last, pairs)
    panel = peace.dyad_panel("C5", first, last, pairs)
    by_year = panel.groupby("year")["shared_igos"].mean()
    igo, alliance = compare(igos_c5, igos), compare(ally_c5, ally)
    return {
        "c5_igos": igo["c5"],
        "baseline_igos_median": igo["baseline_median"],
        "share_groups_higher_igos": igo["share_groups_higher"],
        "c5_alliance": alliance["c5"],
        "baseline_alliance_median": alliance["baseline_median"],
        "share_groups_higher_alliance": alliance["share_groups_higher"],
        "c5_igos_first_year": float(by_year.iloc[0]),
        "c5_igos_last_year": float(by_year.iloc[-1]),
    }


def ties_rule(ev: Evidence, t: Thresholds) -> str:
    """Supports if on both measures at most half the regions are above; contradicts if on
    both more than half are; mixed otherwise."""
    limit = t["supports_max_share_higher"]
    dense = [ev["share_groups_higher_igos"] <= limit, ev["share_groups_higher_alliance"] <= limit]
    return SUPPORTS if all(dense) else CONTRADICTS if not any(dense) else MIXED


def _ties_summary(ev: Evidence) -> str:
    return (
        f"The five's pairs shared {ev['c5_igos']:.1f} IGOs per dyad-year (regions' median "
        f"{ev['baseline_igos_median']:.1f}; from {ev['c5_igos_first_year']:.1f} to "
        f"{ev['c5_igos_last_year']:.1f}) and had an alliance obligation in "
        f"{ev['c5_alliance']:.0%} of dyad-years (median {ev['baseline_alliance_median']:.0%})."
    )


# --- C1.17 Uzbekistan's non-coordination --------------------------------------------------------


def uzbek_evidence(spec: Spec) -> Evidence:
    """Uzbekistan's MIDs with the other four and its IGO memberships in the late 2000s."""
    source = spec.get("source", "cow")
    first, last = (int(y) for y in spec.get("window", (2005, 2010)))
    last = _last(source, last)
    panel = peace.dyad_panel("C5", first, last, "all")
    with_uzb = (panel["ccode1"] == UZBEKISTAN) | (panel["ccode2"] == UZBEKISTAN)
    igos = peace.igo_state_years().set_index(["ccode", "year"])["sum_igo_full"]
    change = {
        code: float(igos.get((code, min(last, 2014)), float("nan")) - igos.get((code, first)))
        for code in peace.cow_codes("C5")
    }
    others = pd.Series({c: v for c, v in change.items() if c != UZBEKISTAN})
    spells = summits.load_memberships()
    exits = spells[
        (spells["iso3"] == "UZB")
        & (spells["status"] == "member")
        & spells["stop"].dt.year.between(first, last)
    ]
    return {
        "uzb_mid_share": float(panel.loc[with_uzb, f"{source}_mid"].mean()),
        "others_mid_share": float(panel.loc[~with_uzb, f"{source}_mid"].mean()),
        "uzb_igo_change": change[UZBEKISTAN],
        "others_igo_change_median": float(others.median()),
        "uzb_exits": float(len(exits)),
    }


def uzbek_rule(ev: Evidence, t: Thresholds) -> str:
    """Both signs of non-coordination supports, neither contradicts, one is mixed.

    A sign holds when Uzbekistan's MID share exceeds the other four's by more than
    ``mid_share_margin`` and its IGO change falls short of theirs by more than
    ``igo_change_margin`` (both 0 in the register: a plain comparison).
    """
    signs = [
        ev["uzb_mid_share"] - ev["others_mid_share"] > t["mid_share_margin"],
        ev["others_igo_change_median"] - ev["uzb_igo_change"] > t["igo_change_margin"],
    ]
    return SUPPORTS if all(signs) else CONTRADICTS if not any(signs) else MIXED


def _uzbek_summary(ev: Evidence) -> str:
    return (
        f"Uzbekistan's dyad-years with the other four had a MID in {ev['uzb_mid_share']:.0%} "
        f"(the other four among themselves: {ev['others_mid_share']:.0%}); its full IGO "
        f"memberships changed by {ev['uzb_igo_change']:+.0f} (the others' median "
        f"{ev['others_igo_change_median']:+.0f}); {ev['uzb_exits']:.0f} of its memberships "
        "of bodies with its neighbours ended in the window."
    )


# --- C3.40 avtoritet and stabil'nost' -------------------------------------------------------------


def _exit_rate(key: str, measure: str, first: int, last: int) -> float:
    turnover = peace.leader_turnover(key, first, last)
    column = "irregular" if measure == "irregular" else "exits"
    return float(turnover[column].sum() / len(turnover)) if len(turnover) else float("nan")


def leadership_evidence(spec: Spec) -> Evidence:
    """Leader exits (irregular or any) per state-year: the five against the regions."""
    measure = spec.get("measure", "irregular")
    first, last = (int(y) for y in spec.get("period", (1992, 2015)))
    c5 = _exit_rate("C5", measure, first, last)
    baseline = pd.Series({g: _exit_rate(g, measure, first, last) for g in peace.BASELINE_GROUPS})
    turnover = peace.leader_turnover("C5", first, last)
    return {
        **compare(c5, baseline),
        "c5_exits": float(turnover["exits"].sum()),
        "c5_irregular": float(turnover["irregular"].sum()),
        "c5_state_years": float(len(turnover)),
    }


def _leadership_summary(ev: Evidence) -> str:
    return (
        f"The five had {ev['c5_exits']:.0f} leader exits ({ev['c5_irregular']:.0f} irregular) "
        f"in {ev['c5_state_years']:.0f} state-years: {ev['c5']:.3f} per state-year against "
        f"a regions' median of {ev['baseline_median']:.3f}; {ev['share_groups_lower']:.0%} "
        "of the regions lower."
    )


# --- C3.16 a code of conduct in the Rogun controversy ----------------------------------------

#: The years the Rogun controversy between Tajikistan and Uzbekistan was most heated.
ROGUN_WINDOW = (2008, 2016)
ROGUN_PAIR = (TAJIKISTAN, UZBEKISTAN)
CODE_EVENTS = ("cow_fatal", "cow_mid", "gml_fatal", "gml_mid", "ucdp_interstate")


def _baseline_rate(key: str, measure: str, first: int, last: int, baseline: str) -> float:
    """A region's rate of the measure in its contiguous pairs, or in its pairs that were
    strategic rivals at some time in 1992-2010 (``rival``); NaN when it has none."""
    if baseline == "rival":
        panel = peace.dyad_panel(key, first, last, "all")
        rivals = peace.rival_pairs()
        keep = [(a, b) in rivals for a, b in zip(panel["ccode1"], panel["ccode2"])]
        panel = panel[keep]
    else:
        panel = peace.dyad_panel(key, first, last, "contiguous")
    values = panel[measure].dropna()
    return float(values.mean()) if len(values) else float("nan")


def code_of_conduct_evidence(spec: Spec) -> Evidence:
    """The Tajik-Uzbek pair in the Rogun years: its rate of (fatal) MIDs or UCDP conflict
    against its own other years and other regions' contiguous or rival pairs, and any open
    conflict (war-level MID or UCDP interstate conflict) between the two in the window."""
    measure = spec.get("events", "cow_fatal")
    baseline = spec.get("baseline", "contiguous")
    first, last = (int(y) for y in spec.get("window", ROGUN_WINDOW))
    source = measure.split("_")[0]
    end = _last(source)
    panel = peace.dyad_panel("C5", FIRST_YEAR, max(end, last), "all")
    pair = panel[(panel["ccode1"] == min(ROGUN_PAIR)) & (panel["ccode2"] == max(ROGUN_PAIR))]
    inside = pair["year"].between(first, last)
    window, other = pair[inside], pair[~inside & pair["year"].le(end)]
    rates = pd.Series(
        {
            g: _baseline_rate(g, measure, first, min(last, end), baseline)
            for g in peace.BASELINE_GROUPS
        }
    )
    open_years = window["cow_war"].fillna(0).gt(0) | window["ucdp_interstate"].fillna(0).gt(0)
    mids = peace.mid_dyad_years("gml" if source == "gml" else "cow")
    mids = mids[
        (mids["ccode1"] == min(ROGUN_PAIR))
        & (mids["ccode2"] == max(ROGUN_PAIR))
        & mids["year"].between(first, last)
    ]
    c5 = float(window[measure].dropna().mean())
    return {
        **compare(c5, rates),
        "pair_years_with": float(window[measure].dropna().sum()),
        "pair_years": float(window[measure].notna().sum()),
        "pair_other_rate": float(other[measure].dropna().mean()),
        "escalation": c5 - float(other[measure].dropna().mean()),
        "open_conflict_years": float(open_years.sum()),
        "max_hostility": float(mids["hostlev"].max()) if len(mids) else 0.0,
        "groups_with_any": float((rates.dropna() > 0).sum()),
    }


def code_of_conduct_rule(ev: Evidence, t: Thresholds) -> str:
    """Open conflict, or escalation above most regions, contradicts; no escalation and not
    above most regions supports; none anywhere is inconclusive; mixed otherwise."""
    escalated = ev["escalation"] > t["max_escalation"]
    if ev["open_conflict_years"] > t["max_open_conflict_years"]:
        return CONTRADICTS
    if escalated and ev["share_groups_lower"] >= t["contradicts_min_share_lower"]:
        return CONTRADICTS
    if ev["c5"] == 0 and ev["groups_with_any"] < t["min_groups_with_any"]:
        return INCONCLUSIVE
    if not escalated and ev["share_groups_lower"] <= t["supports_max_share_lower"]:
        return SUPPORTS
    return MIXED


def _code_of_conduct_summary(ev: Evidence) -> str:
    return (
        f"Tajikistan and Uzbekistan had the measure in {ev['pair_years_with']:.0f} of "
        f"{ev['pair_years']:.0f} dyad-years of the Rogun window ({ev['c5']:.0%}; their other "
        f"years {ev['pair_other_rate']:.0%}; regions' median {ev['baseline_median']:.0%}); "
        f"highest hostility {ev['max_hostility']:.0f}; {ev['open_conflict_years']:.0f} "
        "years of open conflict."
    )


# --- C3.15 sovereignty respected ------------------------------------------------------------------


def sovereignty_evidence(spec: Spec) -> Evidence:
    """Dyad-years with a MID over policy or regime (GML) or a UCDP interstate conflict over
    government, among the five and in the regions."""
    measure = spec.get("events", "gml_policy_regime")
    pairs = _pairs(spec, "contiguous")
    last = _last("gml") if measure.startswith("gml") else PAPER_PERIOD[1]
    rates = pd.Series(
        {
            g: float(peace.revision_panel(g, FIRST_YEAR, last, pairs)[measure].mean())
            for g in peace.BASELINE_GROUPS
        }
    )
    panel = peace.revision_panel("C5", FIRST_YEAR, last, pairs)
    return {
        **compare(float(panel[measure].mean()), rates),
        "c5_years": float(panel[measure].sum()),
        "c5_dyad_years": float(len(panel)),
        "groups_with_any": float((rates.dropna() > 0).sum()),
    }


def _sovereignty_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_years']:.0f} of the five's {ev['c5_dyad_years']:.0f} dyad-years had a "
        f"militarised challenge to another's policy or government ({ev['c5']:.1%}; regions' "
        f"median {ev['baseline_median']:.1%}); {ev['groups_with_any']:.0f} of "
        f"{ev['n_groups']:.0f} regions had some."
    )


# --- C2.2 only sovereign states -------------------------------------------------------------------


def only_states_evidence(spec: Spec) -> Evidence:
    """Share of state-years with a UCDP intrastate conflict (over territory, or any): the five
    against the members of the regions."""
    measure = spec.get("measure", "territory")
    column = "intrastate_territory" if measure == "territory" else "intrastate"
    first, last = (int(y) for y in spec.get("period", PAPER_PERIOD))

    def rate(key: str) -> float:
        values = peace.intrastate_panel(key, first, last)[column]
        return float(values.mean()) if len(values) else float("nan")

    rates = pd.Series({g: rate(g) for g in peace.BASELINE_GROUPS})
    panel = peace.intrastate_panel("C5", first, last)
    return {
        **compare(rate("C5"), rates),
        "c5_years": float(panel[column].sum()),
        "c5_state_years": float(len(panel)),
        "groups_with_any": float((rates.dropna() > 0).sum()),
    }


def only_states_rule(ev: Evidence, t: Thresholds) -> str:
    """None anywhere is inconclusive; otherwise the five's rank among the regions decides."""
    if ev["c5_years"] == 0 and ev["groups_with_any"] < t["min_groups_with_any"]:
        return INCONCLUSIVE
    return _rank_rule(ev, t)


def _only_states_summary(ev: Evidence) -> str:
    return (
        f"{ev['c5_years']:.0f} of the five's {ev['c5_state_years']:.0f} state-years had an "
        f"armed challenge to the state from within ({ev['c5']:.1%}; regions' median "
        f"{ev['baseline_median']:.1%}); {ev['share_groups_lower']:.0%} of the regions lower."
    )


#: Values of the specification dimensions shared by several evaluators.
SOURCES = ("cow", "gml")
PAIRS = ("contiguous", "all_pairs")

#: Evaluators of these data, by the name the register uses after ``events.``.
EVALUATORS: dict[str, Evaluator] = {
    "control_of_violence": Evaluator(
        violence_evidence,
        violence_rule,
        dimensions={"source": SOURCES, "pairs": PAIRS, "measure": ("fatal", "mid")},
        key="c5",
        statistic="share of the five's dyad-years with a (fatal) MID",
        summary=_violence_summary,
    ),
    "open_conflict": Evaluator(
        open_conflict_evidence,
        open_conflict_rule,
        dimensions={"events": ("ucdp", "mid_war"), "pairs": PAIRS, "period": Years(1992, 2024)},
        key="c5_years",
        statistic="dyad-years of open inter-state conflict among the five",
        summary=_open_conflict_summary,
    ),
    "clashes_contained": Evaluator(
        clashes_evidence,
        clashes_rule,
        dimensions={"source": SOURCES, "pairs": PAIRS},
        key="c5",
        statistic="share of the disputes among the five with battle deaths",
        summary=_clashes_summary,
    ),
    "no_territorial_claims": Evaluator(
        territorial_evidence,
        territorial_rule,
        dimensions={"events": ("gml_territorial", "ucdp_territory"), "pairs": PAIRS},
        key="c5_years",
        statistic="dyad-years among the five with a territorial dispute or conflict",
        summary=_territorial_summary,
    ),
    "tamed_at_independence": Evaluator(
        independence_evidence,
        _rank_rule,
        dimensions={
            "measure": ("ucdp_interstate", "cow_fatal", "gml_territorial", "territorial_threat"),
            "period": Years(1992, 2014),
        },
        key="share_groups_lower",
        statistic="share of the groups of new neighbours with a lower value than the five",
        summary=_independence_summary,
    ),
    "cooperation_with_hostility": Evaluator(
        cooperation_evidence,
        cooperation_rule,
        dimensions={"hostility": ("mid", "mid_or_rivalry"), "source": SOURCES, "pairs": PAIRS},
        key="c5",
        statistic="share of the five's pairs with an alliance and militarised hostility",
        summary=_cooperation_summary,
    ),
    "web_of_ties": Evaluator(
        ties_evidence,
        ties_rule,
        dimensions={"pairs": PAIRS, "period": Years(1992, 2014)},
        key="c5_igos",
        statistic="mean IGOs shared per dyad-year among the five",
        summary=_ties_summary,
    ),
    "uzbek_noncoordination": Evaluator(
        uzbek_evidence,
        uzbek_rule,
        dimensions={"source": SOURCES, "window": Years(1992, 2014)},
        key="uzb_mid_share",
        statistic="share of Uzbekistan's dyad-years with the other four with a MID",
        summary=_uzbek_summary,
    ),
    "stable_leadership": Evaluator(
        leadership_evidence,
        _rank_rule,
        dimensions={"measure": ("irregular", "any"), "period": Years(1992, 2015)},
        key="c5",
        statistic="leader exits per state-year among the five",
        summary=_leadership_summary,
    ),
    "code_of_conduct": Evaluator(
        code_of_conduct_evidence,
        code_of_conduct_rule,
        dimensions={
            "events": CODE_EVENTS,
            "baseline": ("contiguous", "rival"),
            "window": Years(1992, 2024),
        },
        key="c5",
        statistic="share of the Tajik-Uzbek dyad-years of the Rogun years with the measure",
        summary=_code_of_conduct_summary,
    ),
    "sovereignty_respected": Evaluator(
        sovereignty_evidence,
        territorial_rule,
        dimensions={"events": ("gml_policy_regime", "ucdp_government"), "pairs": PAIRS},
        key="c5_years",
        statistic="dyad-years among the five with a MID over policy or regime, or a UCDP "
        "conflict over government",
        summary=_sovereignty_summary,
    ),
    "only_states": Evaluator(
        only_states_evidence,
        only_states_rule,
        dimensions={"measure": ("territory", "any_incompatibility"), "period": Years(1992, 2024)},
        key="c5",
        statistic="share of the five's state-years with a UCDP intrastate conflict",
        summary=_only_states_summary,
    ),
}
