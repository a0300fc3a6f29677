"""The book's measurement framework (chapter 2), generated from the claims register.

The paper defines order by goals, rules and institutions. Every claim in
``data/claims/*.yml`` names the element and concept it concerns, the indicator and data
that test it, the notebook that shows the work and what the UNGA record cannot see. This
module turns the register into the chapter-2 map, so the map is never typed twice and
grows as chapters add claims:

* :func:`measurement_map`: one row per claim with its concept, indicator and data families;
* :func:`concept_matrix`: concepts (grouped by element) x indicator families, counting claims
  (drawn by :func:`plot_concept_matrix`);
* :func:`blind_spots`: what the votes cannot see, per concept.

Indicator and data families are read from the free-text fields with the regular
expressions in :data:`INDICATOR_FAMILIES` and :data:`DATA_FAMILIES` (first match of each
family; a claim may belong to several). A claim whose indicator starts with "None" is
counted as "not observable in these data".

The module also holds the evaluators of chapter 2's conceptual claims, most of which cannot
be tested with roll-call data (chapter 4's research trajectories are registered as
untestable in the register itself).
"""

from __future__ import annotations

import re
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from caorder import agreement, claims, countries, tables
from caorder.claims import Verdict, evaluator

ELEMENT_ORDER = ["goal", "rule", "institution", "periodisation", "diagnosis"]
NOT_OBSERVABLE = "not observable in these data"
INDICATOR_FAMILIES: dict[str, str] = {
    "voting cohesion": r"kappa|cohesion|agreement index|pairwise agreement|lijphart",
    "alignment with great powers": r"Russia|China|United States|\bRUS\b|\bCHN\b|\bUSA\b|great power",
    "ideal points": r"ideal[ -]point",
    "specific resolutions": r"resolution|territorial|Crimea|Ukrain|A/RES",
    "participation and absence": r"absen|participation|non-voting|did not vote",
    "meetings and summits": r"meeting|summit",
    "organisation memberships": r"membership|organi[sz]ation",
    "breaks over time": r"Chow|break|before and after|trend",
}
DATA_FAMILIES: dict[str, str] = {
    "UNGA votes to 2019": r"unvotes|tables\.votes|roll[- ]calls?|UNGA votes",
    "ideal points to 2024": r"ideal[ -]point|Bailey|BSV",
    "wide matrix 2020-2023": r"wide|ungaVoting|voeten-wide",
    "UN Digital Library 2025": r"UNDL|Digital Library|undl",
    "curated summits": r"summits",
    "curated memberships": r"memberships",
}


def concept_name(concept: str) -> str:
    """The short concept name: 'rule: territorial integrity / uti possidetis' -> 'territorial integrity'."""
    text = re.sub(r"^\s*(goal|rule|institution|institutions|periodisation|diagnosis)s?\s*:\s*", "",
                  str(concept), flags=re.I)
    return re.split(r"[(;/]", text)[0].strip().rstrip(",") or str(concept)


def _families(text: str, families: dict[str, str]) -> list[str]:
    return [name for name, pattern in families.items() if re.search(pattern, text, flags=re.I)]


def _indicator_families(entry: dict) -> list[str]:
    if str(entry["indicator"]).strip().lower().startswith("none"):
        return [NOT_OBSERVABLE]
    text = f"{entry['indicator']} {entry['test']}"
    return _families(text, INDICATOR_FAMILIES) or ["other"]


def measurement_map(register: list[dict] | None = None) -> pd.DataFrame:
    """One row per claim: id, element, concept, indicator/data families, notebook, blind spot."""
    register = claims.register() if register is None else register
    rows = [{
        "id": e["id"], "element": e["element"], "concept": concept_name(e.get("concept", e["element"])),
        "indicators": "; ".join(_indicator_families(e)),
        "data": "; ".join(_families(str(e["data"]), DATA_FAMILIES)) or "none",
        "notebook": str(e["notebook"]).split("/")[-1], "blind_spot": " ".join(str(e["blind_spot"]).split()),
    } for e in register]
    frame = pd.DataFrame(rows, columns=["id", "element", "concept", "indicators", "data",
                                        "notebook", "blind_spot"])
    frame["element"] = pd.Categorical(frame["element"], categories=ELEMENT_ORDER, ordered=True)
    return frame.sort_values(["element", "concept", "id"], key=_sort_key, ignore_index=True)


def _sort_key(column: pd.Series) -> pd.Series:
    if column.name == "id":
        return column.map(lambda i: tuple(int(p) for p in str(i).lstrip("C").split(".")))
    return column


def concept_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Rows '<element>: <concept>', columns indicator families, values = number of claims."""
    long = table.assign(family=table["indicators"].str.split("; ")).explode("family")
    long["row"] = long["element"].astype(str) + ": " + long["concept"]
    order = long.drop_duplicates("row")["row"].tolist()
    columns = [f for f in [*INDICATOR_FAMILIES, "other", NOT_OBSERVABLE] if f in set(long["family"])]
    matrix = pd.crosstab(long["row"], long["family"]).reindex(index=order, columns=columns)
    matrix.index.name, matrix.columns.name = "element: concept", "indicator family"
    return matrix.fillna(0).astype(int)


def coverage_by_element(table: pd.DataFrame) -> pd.DataFrame:
    """Per element: claims, claims with an observable indicator, and the notebooks involved."""
    observable = ~table["indicators"].str.contains(NOT_OBSERVABLE, regex=False)
    grouped = table.assign(observable=observable).groupby("element", observed=True)
    return pd.DataFrame({
        "claims": grouped.size(), "observable in these data": grouped["observable"].sum(),
        "notebooks": grouped["notebook"].agg(lambda s: ", ".join(sorted(set(s)))),
    })


def blind_spots(table: pd.DataFrame) -> pd.DataFrame:
    """Per concept: the claims and what the UNGA record cannot see (one line per claim)."""
    return table[["element", "concept", "id", "blind_spot"]].reset_index(drop=True)


def plot_concept_matrix(matrix: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Heatmap of :func:`concept_matrix` with claim counts written in the cells."""
    height = max(3.0, 0.42 * len(matrix) + 1.8)
    ax = ax or plt.subplots(figsize=(9.5, height))[1]
    sns.heatmap(matrix, annot=True, fmt="d", cmap="Blues", cbar_kws={"label": "number of claims"},
                linewidths=0.5, linecolor="white", ax=ax, mask=matrix.eq(0))
    ax.set_xlabel("indicator family (what the book observes)")
    ax.set_ylabel("element of order: concept")
    ax.set_xticklabels(ax.get_xticklabels(), rotation=35, ha="right")
    return ax


# --- chapter 2: conceptual claims -------------------------------------------------------

#: Groups with a formal regional organisation of their own (regionalism, in the paper's sense).
REGIONALIST_GROUPS = ("EU", "ASEAN", "MERCOSUR", "GCC")
REFERENCE_DATE = "2010-07-01"
PRESUPPOSITION_YEARS = (1992, 2019)


@lru_cache(maxsize=1)
def _kappa_1992_2019() -> pd.DataFrame:
    calls = tables.rollcalls()
    rcids = calls.loc[calls["date"].dt.year.between(*PRESUPPOSITION_YEARS), "rcid"]
    votes = tables.votes()
    return agreement.pairwise(agreement.vote_matrix(votes[votes["rcid"].isin(rcids)]), "kappa")


def group_percentiles(keys: tuple[str, ...] = ("C5", *REGIONALIST_GROUPS),
                      n_groups: int = 10_000) -> pd.DataFrame:
    """Pooled 1992-2019 kappa cohesion of each group and its percentile among random groups.

    Members are those on :data:`REFERENCE_DATE`; random groups of the same size come from
    every state with scores (fixed seed). Groups missing from ``country_groups.yml`` are
    skipped.
    """
    scores = _kappa_1992_2019()
    pool = scores.index[scores.notna().sum(axis=1) > 1]
    try:
        known = countries.load_groups()
    except FileNotFoundError:  # data/country_groups.yml not written yet: no groups to test
        known = {}
    rows = []
    for key in keys:
        if key not in known:
            continue
        members = [m for m in known[key].members_on(REFERENCE_DATE) if m in scores.index]
        cohesion = agreement.group_cohesion(scores, members)
        baseline = agreement.random_group_cohesion(scores, pool, len(members), n_groups)
        rows.append({"group": key, "members": len(members), "kappa": cohesion,
                     "random median": float(np.nanmedian(baseline)),
                     "percentile": float(100 * np.mean(baseline < cohesion))})
    return pd.DataFrame(rows)


def _untestable(claim_id: str, why: str) -> Verdict:
    return Verdict(claim_id, "cannot be tested with these data", "none", None, why)


@evaluator("C2.1")
def claim_c2_1() -> Verdict:
    """Bull's elementary goals (life, control of violence, keeping promises) are achieved.

    Rule: not testable with roll calls (no verdict is computed from the votes).
    """
    return _untestable("C2.1", "Roll calls record positions on resolutions, not violence, war "
                       "deaths or compliance with agreements; these goals need event data.")


@evaluator("C2.2")
def claim_c2_2() -> Verdict:
    """Constitutional rule: only sovereign states are members of the order.

    Rule: not testable here, because the General Assembly admits only states: the rule is
    built into the data, so the data cannot show it being kept or broken.
    """
    return _untestable("C2.2", "The General Assembly seats only states, so every roll call "
                       "agrees with the rule by construction.")


@evaluator("C2.3")
def claim_c2_3() -> Verdict:
    """Regionalism presupposes an order; an order need not become regionalism.

    Observable implication: every group with its own regional organisation (EU, ASEAN,
    MERCOSUR, GCC) should vote more cohesively than the median random group of its size
    (order present where regionalism is), and the five, without an organisation of their
    own, may do so too. Rule: contradicts if any regionalist group is at or below the 50th
    percentile; supports if all are above it and the C5 is above it as well; mixed if all
    regionalist groups are above it but the C5 is not.
    """
    table = group_percentiles()
    table = table.set_index("group") if len(table) else pd.DataFrame(columns=["percentile"])
    regional = table.drop(index="C5", errors="ignore")
    if regional.empty or "C5" not in table.index:
        return _untestable("C2.3", "The country groups needed for the test are not defined yet.")
    c5 = float(table.at["C5", "percentile"])
    if (regional["percentile"] <= 50).any():
        verdict = "contradicts"
    else:
        verdict = "supports" if c5 > 50 else "mixed"
    lowest = regional["percentile"].idxmin()
    return Verdict(
        "C2.3", verdict, "percentile of C5 kappa (1992-2019) among random five-state groups", round(c5, 1),
        f"Lowest regionalist group: {lowest} at the {regional.at[lowest, 'percentile']:.0f}th "
        f"percentile of random groups; the C5, with no organisation of its own, at the {c5:.0f}th.",
    )


@evaluator("C2.4")
def claim_c2_4() -> Verdict:
    """Institutions are habits and practices, not (only) organisations.

    Rule: not testable here: the claim is definitional, and votes observe one practice only.
    """
    return _untestable("C2.4", "A definition, not a hypothesis: the book adopts it by observing "
                       "practices (votes, meetings) rather than organisations' charters.")
