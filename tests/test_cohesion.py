"""Chapter 1 analyses: hand-computed cases, clustering of synthetic blocs, the book's random
baseline as chapter 1 uses it, and the real-data tables (verdict rules: test_verdicts_ch1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from caorder import agreement, cohesion, countries, windows
from caorder.countries import C5


def long_votes(table: dict[str, list[str]], dates: list[str] | None = None) -> pd.DataFrame:
    """{state: [vote per roll call]} -> long votes with rcid (1, 2, ...) and optional dates."""
    rows = [
        {"rcid": rcid, "iso3": state, "vote": vote}
        for state, column in table.items()
        for rcid, vote in enumerate(column, start=1)
    ]
    frame = pd.DataFrame(rows)
    if dates is not None:
        frame["date"] = pd.to_datetime(frame["rcid"].map(dict(enumerate(dates, start=1))))
    return frame


# --- membership by date -------------------------------------------------------------------


def test_membership_mask_follows_join_dates():
    mask = cohesion.membership_mask(countries.group("EU"), pd.Series(["2013-06-30", "2013-07-01"]))
    assert mask["HRV"].tolist() == [False, True]
    assert mask["FRA"].tolist() == [True, True]


def test_dated_cohesion_scores_pairs_only_while_both_are_members():
    # Visegrad: Czechia and Slovakia join on 1 January 1993; Hungary and Poland earlier.
    dates = ["1992-06-01", "1992-07-01", "1994-01-01", "1994-02-01"]
    votes = long_votes(
        {
            "CZE": ["no", "no", "yes", "yes"],
            "SVK": ["no", "no", "yes", "no"],
            "HUN": ["yes", "yes", "yes", "yes"],
            "POL": ["yes", "no", "yes", "yes"],
        },
        dates,
    )
    matrix = cohesion.dated_group_matrix(votes, countries.group("VISEGRAD"))
    assert matrix.cast[:, matrix.states.index("CZE")].tolist() == [0, 0, 1, 1]
    table = agreement.pairwise(matrix, "agreement", min_common=1)
    # HUN-POL: 3 of 4 roll calls alike; CZE-SVK: 1 of 2 (1994 only); CZE-HUN 2/2; CZE-POL 2/2;
    # SVK-HUN 1/2; SVK-POL 1/2.
    assert table.at["HUN", "POL"] == pytest.approx(0.75)
    assert table.at["CZE", "SVK"] == pytest.approx(0.5)
    expected = np.mean([0.75, 0.5, 1.0, 1.0, 0.5, 0.5])
    assert agreement.group_cohesion(table, matrix.states) == pytest.approx(expected)


# --- the book's random baseline, as chapter 1 uses it -----------------------------------------


def test_random_baseline_reads_each_group_mean_from_the_score_matrix():
    """Four states, groups of three: every draw is one of the four triples' mean scores."""
    table = pd.DataFrame(
        [[1.0, 0.2, 0.4, 0.1], [0.2, 1.0, 0.6, 0.3], [0.4, 0.6, 1.0, 0.5], [0.1, 0.3, 0.5, 1.0]],
        index=list("ABCD"),
        columns=list("ABCD"),
    )
    triples = {
        round(agreement.group_cohesion(table, group), 6)
        for group in (["A", "B", "C"], ["A", "B", "D"], ["A", "C", "D"], ["B", "C", "D"])
    }
    values = windows.random_baseline(table, list("ABCD"), 3, n_groups=2_000, seed=3)
    assert set(np.round(values, 6)) == triples


def test_c5_against_random_is_the_percentile_of_the_c5_among_the_baseline():
    row = cohesion.c5_against_random(1992, 2019)
    baseline = cohesion.random_groups(cohesion.KAPPA)
    assert row["C5 percentile"] == pytest.approx(100 * np.mean(baseline < row["C5"]))
    assert row["random p5"] < row["random median"] < row["random p95"]


# --- clustering and scaling ---------------------------------------------------------------


def two_blocs() -> pd.DataFrame:
    """Synthetic votes: A1-A3 vote alike, B1-B3 vote the opposite way, each with one slip."""
    rng = np.random.default_rng(5)
    base = rng.choice(["yes", "no"], size=60)
    flip = np.where(base == "yes", "no", "yes")
    table = {}
    for k, state in enumerate(["AA1", "AA2", "AA3"]):
        column = base.copy()
        column[k] = "abstain"
        table[state] = list(column)
    for k, state in enumerate(["BB1", "BB2", "BB3"]):
        column = flip.copy()
        column[10 + k] = "abstain"
        table[state] = list(column)
    return long_votes(table)


def test_clustering_puts_two_synthetic_blocs_together():
    votes = two_blocs()
    states = ["AA1", "BB1", "AA2", "BB2", "AA3", "BB3"]
    distance = cohesion.distance_matrix(
        agreement.pairwise(agreement.vote_matrix(votes), "kappa"), states
    )
    tree = cohesion.linkage(distance)
    assert cohesion.smallest_clade(tree, states, ("AA1", "AA2", "AA3")) == ["AA1", "AA2", "AA3"]
    assert len(cohesion.smallest_clade(tree, states, ("AA1", "BB1"))) == 6
    assert cohesion.smallest_clade(tree, states, ("BB3",)) == ["BB3"]
    assert cohesion.largest_pure_cluster(tree, states, ("BB1", "BB2", "BB3")) == [
        "BB1",
        "BB2",
        "BB3",
    ]
    assert cohesion.nearest_neighbours(distance)["AA1"].startswith("AA")
    coords = cohesion.classical_mds(distance)
    blocs = np.sign(coords["dim1"])
    assert blocs["AA1"] == blocs["AA2"] == blocs["AA3"] != blocs["BB1"] == blocs["BB2"]


def test_classical_mds_recovers_points_on_a_line():
    points = np.array([0.0, 1.0, 3.0, 6.0])
    distance = pd.DataFrame(
        np.abs(points[:, None] - points[None, :]), index=list("abcd"), columns=list("abcd")
    )
    coords = cohesion.classical_mds(distance, 1)["dim1"].to_numpy()
    assert np.allclose(np.abs(coords[:, None] - coords[None, :]), distance.to_numpy())
    assert coords[0] >= 0  # the deterministic orientation


def test_distance_matrix_refuses_missing_pairs():
    table = pd.DataFrame([[1.0, np.nan], [np.nan, 1.0]], index=["A", "B"], columns=["A", "B"])
    with pytest.raises(ValueError, match="no score"):
        cohesion.distance_matrix(table, ["A", "B"])


# --- real-data tables ---------------------------------------------------------------------


def test_great_power_pull_margin_is_within_minus_closer_power():
    table = cohesion.great_power_pull()
    assert len(table) == len(cohesion.PERIODS) * len(C5)
    closer = table[["RUS", "CHN"]].max(axis=1)
    assert np.allclose(table["margin"], table["other C5"] - closer)


def test_great_power_pull_without_turkmenistan_compares_with_the_other_three():
    four = tuple(s for s in C5 if s != "TKM")
    table = cohesion.great_power_pull(members=four)
    assert set(table["state"]) == set(four)
    scores = cohesion.scores(*cohesion.PERIODS["1992–1999"], cohesion.KAPPA)
    kaz = table.query("state == 'KAZ' and period == '1992–1999'")["other C5"].iloc[0]
    assert kaz == pytest.approx(scores.loc["KAZ", ["KGZ", "TJK", "UZB"]].mean())


def test_session_series_covers_sessions_47_to_74():
    series = cohesion.session_series()
    assert series.index.min() == 47 and series.index.max() == 74
    assert series["C5 cohesion"].notna().all()


def test_session_series_by_rollcalls_shows_the_difference_to_all_roll_calls():
    table = cohesion.session_series_by_rollcalls()
    assert list(table.columns) == ["all", "final_only", "final_only - all"]
    assert np.allclose(table["final_only - all"], table["final_only"] - table["all"])


def test_baseline_table_has_every_measure_and_ordered_quantiles():
    table = cohesion.baseline_table()
    assert list(table.index) == [spec.label for spec in cohesion.MEASURE_SPECS]
    assert table["C5 percentile"].between(0, 100).all()
    assert (table["random p5"] <= table["random median"]).all()


def test_eu_benchmark_reads_the_group_table():
    row = cohesion.eu_benchmark()
    groups = cohesion.cohesion_table()["kappa"]
    assert row["C5"] == pytest.approx(groups["C5"])
    assert row["EU"] == pytest.approx(groups["EU"])
    assert row["others median"] == pytest.approx(groups.drop(["C5", "EU"]).median())
