"""Rules of the summit- and membership-based verdicts, on hand-made evidence (no data)."""

from __future__ import annotations

import pytest

from caorder import claims
from caorder.verdicts import diplomacy, evaluators
from caorder.verdicts.core import CONTRADICTS, INCONCLUSIVE, MIXED, SUPPORTS

C16 = claims.claim("C1.6")


def thresholds(claim_id: str) -> dict:
    return dict(claims.claim(claim_id)["rule"]["thresholds"])


def ministers(**changes: float) -> dict:
    base = {
        "share_years_after": 0.9,
        "share_years_before": 0.0,
        "longest_gap_after_years": 1.5,
        "irr_ci_low": 0.8,
        "irr_ci_high": 2.5,
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, SUPPORTS),
        ({"share_years_before": 0.6}, MIXED),  # more than intermittent before, less than regular
        ({"share_years_before": 0.8}, CONTRADICTS),  # as regular before as after
        ({"longest_gap_after_years": 2.5}, MIXED),
        ({"longest_gap_after_years": 3.5}, CONTRADICTS),
        ({"share_years_after": 0.6}, MIXED),
        ({"share_years_after": 0.4}, CONTRADICTS),
    ],
)
def test_c1_6_rule(changes, expected):
    assert diplomacy.ministers_rule(ministers(**changes), thresholds("C1.6")) == expected


def test_c1_6_rule_as_first_declared_is_kept():
    old = C16["changed"][0]["old"]["thresholds"]
    assert diplomacy.ministers_rule(ministers(), old) == MIXED  # IRR CI spans 1
    assert diplomacy.ministers_rule(ministers(irr_ci_low=1.2), old) == SUPPORTS
    assert diplomacy.ministers_rule(ministers(share_years_after=0.4), old) == CONTRADICTS


@pytest.mark.parametrize(
    ("first", "median", "expected"),
    [(30.0, 12.0, CONTRADICTS), (20.0, 12.0, SUPPORTS), (20.0, 16.0, MIXED)],
)
def test_c1_7_rule(first, median, expected):
    evidence = {"first_interval_after_2019": first, "median_months_after_2019": median}
    assert diplomacy.cadence_rule(evidence, thresholds("C1.7")) == expected


@pytest.mark.parametrize(
    ("instruments", "bodies", "aims", "expected"),
    [(0, 0, 0, SUPPORTS), (0, 0, 2, MIXED), (1, 0, 0, CONTRADICTS), (0, 1, 0, CONTRADICTS)],
)
def test_c1_9_rule(instruments, bodies, aims, expected):
    evidence = {
        "integration_instruments": instruments,
        "supranational_bodies": bodies,
        "integration_aims": aims,
    }
    assert diplomacy.integration_rule(evidence, thresholds("C1.9")) == expected


@pytest.mark.parametrize(("share", "expected"), [(0.9, SUPPORTS), (0.6, MIXED), (0.4, CONTRADICTS)])
def test_c3_8_rule(share, expected):
    evidence = {"tkm_present": 1.0, "tkm_at_expected_level": share}
    assert diplomacy.attendance_rule(evidence, thresholds("C3.8")) == expected


def test_c3_8_rule_as_first_declared_reads_attendance_at_any_level():
    first = claims.claim("C3.8")["changed"][0]["old"]["thresholds"]
    evidence = {"tkm_present": 0.9, "tkm_at_expected_level": 0.7}
    assert diplomacy.attendance_rule(evidence, first) == SUPPORTS
    assert diplomacy.attendance_rule(evidence, thresholds("C3.8")) == MIXED


@pytest.mark.parametrize(
    ("low", "high", "between", "expected"),
    [
        (0.01, 0.05, 0.3, SUPPORTS),
        (0.01, 0.05, -0.3, MIXED),
        (-0.05, 0.05, 0.3, INCONCLUSIVE),  # the slope CI spans 0: the test cannot tell
        (-0.05, -0.01, 0.3, CONTRADICTS),
    ],
)
def test_c3_9_rule(low, high, between, expected):
    evidence = {"within_ci_low": low, "within_ci_high": high, "between_r": between}
    assert diplomacy.shared_tables_rule(evidence, thresholds("C3.9")) == expected


@pytest.mark.parametrize(
    ("ifas", "others", "expected"),
    [(1.0, 0.0, SUPPORTS), (1.0, 1.0, CONTRADICTS), (0.0, 0.0, CONTRADICTS)],
)
def test_c3_11_rule(ifas, others, expected):
    evidence = {"ifas_standing": ifas, "other_standing": others}
    assert diplomacy.home_grown_rule(evidence, thresholds("C3.11")) == expected


def test_register_names_these_evaluators_and_the_data_variants():
    names = evaluators()
    for claim_id in ("C1.6", "C1.7", "C1.9", "C3.8", "C3.9", "C3.11"):
        entry = claims.claim(claim_id)
        assert entry["evaluator"] in names, claim_id
    for claim_id in ("C1.6", "C1.7", "C3.8", "C3.9", "C3.11"):
        variants = claims.claim(claim_id)["specifications"]["data"]
        assert tuple(variants) == diplomacy.summits.VARIANTS, claim_id
    assert claims.claim("C1.10")["evaluator"] == "untestable"


def test_specification_panel_labels_follow_their_points():
    """Each verdict is drawn by its own call; labels must still sit at their own points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from caorder.verdicts import show
    from caorder.verdicts.core import Result, Spec, SpecResult

    specs = tuple(
        SpecResult(Spec((("data", name),)), {"v": value}, verdict, value)
        for name, value, verdict in [("a", 3.0, SUPPORTS), ("b", 1.0, MIXED), ("c", 2.0, SUPPORTS)]
    )
    result = Result("C9.9", SUPPORTS, "v", 3.0, "", specs)
    fig, ax = plt.subplots()
    show.plot_panel(result, ax)
    labels = {tick.get_position()[1]: tick.get_text() for tick in ax.get_yticklabels()}
    points = {tuple(offset) for collection in ax.collections for offset in collection.get_offsets()}
    placed = {labels[y]: x for x, y in points}
    assert placed == {"a": 3.0, "b": 1.0, "c": 2.0}  # rows are labelled in words
    plt.close(fig)
