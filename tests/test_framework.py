"""The chapter-2 measurement map is derived from the register, not typed twice."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")


from caorder import claims, framework

REGISTER = [
    {
        "id": "C9.2",
        "element": "rule",
        "concept": "rule: territorial integrity / uti possidetis",
        "indicator": "The five's votes on Crimea resolutions",
        "test": "share of no votes",
        "data": "UNGA votes (unvotes); undl-2025",
        "notebook": "notebooks/x.ipynb",
        "blind_spot": "Borders  at home\n are not voted on.",
    },
    {
        "id": "C9.1",
        "element": "goal",
        "concept": "goal: control of violence",
        "indicator": "None in these data: conflict events",
        "test": "No test",
        "data": "none",
        "notebook": "notebooks/y.ipynb",
        "blind_spot": "Everything.",
    },
    {
        "id": "C9.10",
        "element": "rule",
        "concept": "rule: balancing the great powers (multivectorism)",
        "indicator": "agreement with Russia and ideal points",
        "test": "Chow test of a break",
        "data": "ideal points (Bailey-Strezhnev-Voeten)",
        "notebook": "notebooks/x.ipynb",
        "blind_spot": "Pipelines.",
    },
]


def test_concept_name_strips_the_element_and_details():
    assert (
        framework.concept_name("rule: territorial integrity / uti possidetis")
        == "territorial integrity"
    )
    assert framework.concept_name("institution: diplomacy (meetings)") == "diplomacy"
    assert framework.concept_name("sovereignty") == "sovereignty"


def test_map_classifies_indicators_and_data_and_sorts_by_element():
    table = framework.measurement_map(REGISTER)
    assert table["id"].tolist() == ["C9.1", "C9.10", "C9.2"]  # goal before rule; concepts sorted
    row = table.set_index("id").loc["C9.2"]
    assert row["indicators"] == "specific resolutions"
    assert row["data"] == "UNGA votes to 2019; UN Digital Library 2025"
    assert row["blind_spot"] == "Borders at home are not voted on."
    assert table.set_index("id").loc["C9.1", "indicators"] == framework.NOT_OBSERVABLE
    assert set(table.set_index("id").loc["C9.10", "indicators"].split("; ")) == {
        "alignment with great powers",
        "ideal points",
        "breaks over time",
    }


def test_concept_matrix_counts_claims():
    matrix = framework.concept_matrix(framework.measurement_map(REGISTER))
    assert matrix.loc["rule: territorial integrity", "specific resolutions"] == 1
    assert matrix.loc["goal: control of violence", framework.NOT_OBSERVABLE] == 1
    assert int(matrix.to_numpy().sum()) == 5
    coverage = framework.coverage_by_element(framework.measurement_map(REGISTER))
    assert coverage.loc["goal", "observable in these data"] == 0
    assert coverage.loc["rule", "claims"] == 2


def test_plot_has_one_row_per_concept():
    matrix = framework.concept_matrix(framework.measurement_map(REGISTER))
    ax = framework.plot_concept_matrix(matrix)
    assert len(ax.get_yticklabels()) == len(matrix) == 3


def test_the_real_register_is_mapped_one_row_per_claim():
    ids = {e["id"] for e in claims.register()}
    table = framework.measurement_map()
    assert set(table["id"]) == ids
    assert len(table) == len(ids)


def test_untestable_chapter_2_claims_are_counted_as_not_observable():
    table = framework.measurement_map().set_index("id")
    for claim_id in ("C2.3", "C2.4"):
        assert table.loc[claim_id, "indicators"] == framework.NOT_OBSERVABLE
    # The elementary goals, and one part of the constitutional rule, are observed on the
    # dispute and conflict data (chapter 3's events tests).
    assert "disputes and armed conflict" in table.loc["C2.1", "indicators"]
    assert table.loc["C2.2", "indicators"] != framework.NOT_OBSERVABLE
    assert "conflict, alliance and leader data" in table.loc["C2.1", "data"]


def test_group_percentiles_illustration_uses_the_books_baseline():
    table = framework.group_percentiles(("C5", "EU")).set_index("group")
    assert table.loc["C5", "members"] == 5
    assert table["percentile"].between(0, 100).all()
    assert table.loc["EU", "kappa"] > table.loc["EU", "random median"]
