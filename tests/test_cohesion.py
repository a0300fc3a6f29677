"""Chapter 1 measures: hand-computed cases, clustering of synthetic blocs, the baseline's
correctness against a pandas loop and its speed on the real data, and the verdict rules."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from caorder import agreement, claims, cohesion
from caorder.countries import C5


def long_votes(table: dict[str, list[str]], dates: list[str] | None = None) -> pd.DataFrame:
    """{state: [vote per roll call]} -> long votes with rcid (1, 2, ...) and optional dates."""
    rows = [{"rcid": rcid, "iso3": state, "vote": vote}
            for state, column in table.items() for rcid, vote in enumerate(column, start=1)]
    frame = pd.DataFrame(rows)
    if dates is not None:
        frame["date"] = pd.to_datetime(frame["rcid"].map(dict(enumerate(dates, start=1))))
    return frame


# --- participation and pools --------------------------------------------------------------


def test_participation_and_matched_pool_by_hand():
    votes = long_votes({
        "AAA": ["yes", "yes", "yes", "yes"],      # 4/4
        "BBB": ["yes", "absent", "yes", "no"],    # 3/4
        "CCC": ["absent", "absent", "yes", "no"], # 2/4
        "DDD": ["absent", "absent", "absent", "yes"],  # 1/4
    })
    rates = cohesion.participation(votes)
    assert rates.to_dict() == {"AAA": 1.0, "BBB": 0.75, "CCC": 0.5, "DDD": 0.25}
    assert cohesion.matched_pool(votes, ("BBB", "CCC")) == ["BBB", "CCC"]
    assert cohesion.matched_pool(votes, ("AAA", "DDD")) == ["AAA", "BBB", "CCC", "DDD"]


# --- membership by date -------------------------------------------------------------------


def test_membership_mask_follows_join_dates():
    mask = cohesion.membership_mask("EU", pd.Series(["2013-06-30", "2013-07-01"]))
    assert mask["HRV"].tolist() == [False, True]
    assert mask["FRA"].tolist() == [True, True]


def test_dated_cohesion_scores_pairs_only_while_both_are_members():
    # Visegrad: Czechia and Slovakia join on 1 January 1993; Hungary and Poland earlier.
    dates = ["1992-06-01", "1992-07-01", "1994-01-01", "1994-02-01"]
    votes = long_votes({
        "CZE": ["no", "no", "yes", "yes"],
        "SVK": ["no", "no", "yes", "no"],
        "HUN": ["yes", "yes", "yes", "yes"],
        "POL": ["yes", "no", "yes", "yes"],
    }, dates)
    matrix = cohesion.dated_group_matrix(votes, "VISEGRAD")
    assert matrix.cast[:, matrix.states.index("CZE")].tolist() == [0, 0, 1, 1]
    table = agreement.pairwise(matrix, "agreement", min_common=1)
    # HUN-POL: 3 of 4 roll calls alike; CZE-SVK: 1 of 2 (1994 only); CZE-HUN 2/2; CZE-POL 2/2;
    # SVK-HUN 1/2; SVK-POL 1/2.
    assert table.at["HUN", "POL"] == pytest.approx(0.75)
    assert table.at["CZE", "SVK"] == pytest.approx(0.5)
    expected = np.mean([0.75, 0.5, 1.0, 1.0, 0.5, 0.5])
    assert agreement.group_cohesion(table, matrix.states) == pytest.approx(expected)


# --- random baseline ----------------------------------------------------------------------


def test_groups_cohesion_by_hand():
    values = np.array([[1.0, 0.2, 0.4], [0.2, 1.0, 0.6], [0.4, 0.6, 1.0]])
    groups = np.array([[0, 1], [1, 2], [0, 1]])
    assert cohesion.groups_cohesion(values, groups).tolist() == pytest.approx([0.2, 0.6, 0.2])
    assert cohesion.groups_cohesion(values, np.array([[0, 1, 2]]))[0] == pytest.approx(0.4)


def test_draw_groups_has_distinct_members_and_matches_the_package_baseline():
    groups = cohesion.draw_groups(30, 5, 200, seed=7)
    assert groups.shape == (200, 5)
    assert all(len(set(row)) == 5 for row in groups)
    rng = np.random.default_rng(0)
    raw = rng.random((30, 30))
    table = pd.DataFrame((raw + raw.T) / 2, index=[f"S{i:02d}" for i in range(30)],
                         columns=[f"S{i:02d}" for i in range(30)])
    ours = cohesion.random_baseline(table, list(table.index), 5, 200, seed=7)
    package = agreement.random_group_cohesion(table, list(table.index), 5, 200, seed=7)
    assert np.allclose(ours, package)


def test_percentile_counts_strictly_lower_values():
    assert cohesion.percentile(0.5, np.array([0.1, 0.5, 0.9, np.nan])) == pytest.approx(100 / 3)


def test_loop_group_agreement_by_hand():
    votes = long_votes({"AAA": ["yes", "no", "yes"], "BBB": ["yes", "yes", "absent"],
                        "CCC": ["yes", "no", "abstain"]})
    # AB: 1/2, AC: 2/3, BC: 1/2
    assert cohesion.loop_group_agreement(votes, ["AAA", "BBB", "CCC"]) == pytest.approx(
        np.mean([0.5, 2 / 3, 0.5]))


def test_vectorised_baseline_equals_the_pandas_loop_on_real_groups():
    votes = cohesion.window_votes()
    pool = cohesion.matched_pool(votes)
    table = cohesion.scores(*cohesion.YEARS, cohesion.MEASURE_SPECS[0])  # raw agreement
    groups = cohesion.draw_groups(len(pool), 5, 4, seed=11)
    fast = cohesion.groups_cohesion(table.loc[pool, pool].to_numpy(), groups)
    slow = [cohesion.loop_group_agreement(votes, [pool[i] for i in row]) for row in groups]
    assert np.allclose(fast, slow)


def test_ten_thousand_groups_take_under_five_seconds():
    cohesion.window_votes()  # reading the parquet cache is not part of the baseline
    start = time.perf_counter()
    votes = cohesion.window_votes()
    table = agreement.pairwise(agreement.vote_matrix(votes), "kappa")
    baseline = cohesion.random_baseline(table, cohesion.matched_pool(votes), 5, 10_000)
    elapsed = time.perf_counter() - start
    assert baseline.shape == (10_000,)
    assert np.isfinite(baseline).all()
    assert elapsed < 5.0


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
        agreement.pairwise(agreement.vote_matrix(votes), "kappa"), states)
    tree = cohesion.linkage(distance)
    assert cohesion.smallest_clade(tree, states, ("AA1", "AA2", "AA3")) == ["AA1", "AA2", "AA3"]
    assert len(cohesion.smallest_clade(tree, states, ("AA1", "BB1"))) == 6
    assert cohesion.smallest_clade(tree, states, ("BB3",)) == ["BB3"]
    assert cohesion.largest_pure_cluster(tree, states, ("BB1", "BB2", "BB3")) == [
        "BB1", "BB2", "BB3"]
    assert cohesion.nearest_neighbours(distance)["AA1"].startswith("AA")
    coords = cohesion.classical_mds(distance)
    blocs = np.sign(coords["dim1"])
    assert blocs["AA1"] == blocs["AA2"] == blocs["AA3"] != blocs["BB1"] == blocs["BB2"]


def test_classical_mds_recovers_points_on_a_line():
    points = np.array([0.0, 1.0, 3.0, 6.0])
    distance = pd.DataFrame(np.abs(points[:, None] - points[None, :]),
                            index=list("abcd"), columns=list("abcd"))
    coords = cohesion.classical_mds(distance, 1)["dim1"].to_numpy()
    assert np.allclose(np.abs(coords[:, None] - coords[None, :]), distance.to_numpy())
    assert coords[0] >= 0  # the deterministic orientation


def test_distance_matrix_refuses_missing_pairs():
    table = pd.DataFrame([[1.0, np.nan], [np.nan, 1.0]], index=["A", "B"], columns=["A", "B"])
    with pytest.raises(ValueError, match="no score"):
        cohesion.distance_matrix(table, ["A", "B"])


# --- real-data tables and verdicts ---------------------------------------------------------


def test_great_power_pull_margin_is_within_minus_closer_power():
    table = cohesion.great_power_pull()
    assert len(table) == len(cohesion.PERIODS) * len(C5)
    closer = table[["RUS", "CHN"]].max(axis=1)
    assert np.allclose(table["margin"], table["other C5"] - closer)


def test_session_series_covers_sessions_47_to_74():
    series = cohesion.session_series()
    assert series.index.min() == 47 and series.index.max() == 74
    assert series["C5 cohesion"].notna().all()


def test_baseline_table_has_every_measure_and_sensible_percentiles():
    table = cohesion.baseline_table()
    assert list(table.index) == [spec.label for spec in cohesion.MEASURE_SPECS]
    assert table["C5 percentile"].between(0, 100).all()
    assert (table["random p5"] <= table["random median"]).all()


def test_c1_1_verdict_follows_its_rule():
    table = cohesion.baseline_table()
    verdict = claims.evaluate("C1.1")
    assert verdict.value == pytest.approx(table["C5 percentile"].min(), abs=0.05)
    if (table["C5 percentile"] > 75).all():
        assert verdict.verdict == "contradicts"


def test_every_chapter_1_vote_claim_has_a_verdict():
    for claim_id in ("C1.1", "C1.2", "C1.3", "C1.4", "C1.5"):
        result = claims.evaluate(claim_id)
        assert result.verdict in claims.VERDICTS
        assert result.value is not None
