"""The verdict machinery on hand-made evidence: specifications, missing evidence, headline."""

from __future__ import annotations

import math

import pytest

from caorder.verdicts import core
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS, UNTESTABLE


def _rule(evidence, thresholds):
    if evidence["x"] >= thresholds["high"]:
        return CONTRADICTS
    return SUPPORTS if evidence["x"] <= thresholds["low"] else MIXED


TOY = core.Evaluator(
    evidence=lambda spec: {"x": float(spec.get("x", 0.0))},
    rule=_rule,
    key="x",
    statistic="x",
    summary=lambda ev: f"x is {ev['x']}",
)


def test_specifications_are_the_product_with_the_primary_first():
    specs = core.specifications(
        {"measure": ["kappa", "ac1"], "period": [[1992, 2019], [1992, 2016]]}
    )
    assert [s.label for s in specs] == [
        "measure=kappa, period=1992–2019",
        "measure=kappa, period=1992–2016",
        "measure=ac1, period=1992–2019",
        "measure=ac1, period=1992–2016",
    ]
    assert specs[0]["period"] == (1992, 2019)
    assert core.specifications(None) == [core.Spec()]
    with pytest.raises(KeyError, match="no dimension 'pool'"):
        specs[0]["pool"]


@pytest.mark.parametrize("evidence", [{}, {"x": math.nan}, {"x": None}])
def test_missing_evidence_is_never_judged(evidence):
    result = core.judge(TOY, core.Spec(), evidence, {"low": 1, "high": 2})
    assert result.verdict == UNTESTABLE
    assert result.value is None
    assert result.reason


@pytest.mark.parametrize(
    ("verdicts", "expected", "share"),
    [
        ([SUPPORTS] * 8 + [MIXED] * 2, SUPPORTS, 0.8),
        ([SUPPORTS] * 7 + [MIXED] * 3, MIXED, 0.3),
        ([CONTRADICTS] * 4 + [UNTESTABLE] * 6, CONTRADICTS, 1.0),
        ([SUPPORTS] * 5 + [CONTRADICTS] * 5, MIXED, 0.0),
        ([UNTESTABLE] * 3, UNTESTABLE, None),
    ],
)
def test_headline_follows_the_declared_share_rule(verdicts, expected, share):
    verdict, agreeing = core.headline(verdicts)
    assert verdict == expected
    assert agreeing == (None if share is None else pytest.approx(share))


def test_combine_reports_the_verdict_under_the_original_rule():
    specs = core.specifications({"x": [0.5, 1.5, 0.2]})
    now = {"low": 1.0, "high": 2.0}
    results = [core.judge(TOY, s, TOY.evidence(s), now) for s in specs]
    result = core.combine("C9.9", TOY, results, now, original={"low": 0.1, "high": 0.15})
    assert result.verdict == MIXED  # 2 of 3 supports: below the 80 % share
    assert result.split[SUPPORTS] == 2 and result.split[MIXED] == 1
    assert result.original_verdict == CONTRADICTS
    assert result.value == 0.5 and result.summary == "x is 0.5"
    assert list(result.panel()["verdict"]) == [SUPPORTS, MIXED, SUPPORTS]


def test_a_rule_returning_an_unknown_verdict_is_an_error():
    bad = core.Evaluator(
        evidence=TOY.evidence,
        rule=lambda ev, t: "probably",
        key="x",
        statistic="x",
        summary=TOY.summary,
    )
    with pytest.raises(ValueError, match="probably"):
        core.judge(bad, core.Spec(), {"x": 1.0}, {})


def test_evidence_reads_the_same_from_the_cache_as_fresh(monkeypatch, tmp_path):
    from caorder import verdicts
    from caorder.verdicts import cache

    monkeypatch.setattr(cache, "folder", lambda: tmp_path)
    unsorted = core.Evaluator(
        evidence=lambda spec: {"z": 1.0, "a": 2.0},
        rule=_rule,
        key="a",
        statistic="a",
        summary=lambda ev: "",
    )
    fresh = verdicts._evidence("C9.9", unsorted, [core.Spec()], use_cache=True)
    cached = verdicts._evidence("C9.9", unsorted, [core.Spec()], use_cache=True)
    assert list(fresh[0]) == list(cached[0]) == ["a", "z"]
