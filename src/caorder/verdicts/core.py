"""The machinery of a verdict: specifications, evidence, rules and the headline.

A claim of the register (``data/claims/*.yml``) names an :class:`Evaluator` and the
thresholds of its rule. The evaluator has two halves that never mix:

``evidence(spec) -> dict[str, float]``
    computes the numbers under one *specification* (a choice of measure, roll-call set,
    random-group pool, period, with or without Turkmenistan, data variant ...);
``rule(evidence, thresholds) -> verdict``
    a pure function of those numbers and the register's thresholds.

The claim is evaluated under every specification the register declares (the product of
its dimensions; the first value of each dimension is the *primary* specification). The
headline verdict is *supports* or *contradicts* only when at least :data:`AGREEMENT_SHARE`
of the testable specifications give it; otherwise it is *mixed* when the specifications
point both ways (some support and some contradict, or any is mixed) and *inconclusive*
when they do not (the rest could not tell), and the split is shown
(a specification-curve check: Simonsohn, Simmons and Nelson 2020; Steegen et al. 2016).
Evidence that is missing or NaN never yields a verdict: that specification is "cannot be
tested with these data", with the reason.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from caorder.claims import VERDICTS

SUPPORTS, MIXED, CONTRADICTS, INCONCLUSIVE, UNTESTABLE = VERDICTS
#: Share of testable specifications that must agree for a *supports*/*contradicts* headline.
AGREEMENT_SHARE = 0.80

Evidence = dict[str, float]
Thresholds = Mapping[str, Any]


@dataclass(frozen=True)
class Spec:
    """One specification: an ordered set of (dimension, value) choices, e.g. measure=kappa."""

    choices: tuple[tuple[str, Any], ...] = ()

    def __getitem__(self, name: str) -> Any:
        for key, value in self.choices:
            if key == name:
                return value
        raise KeyError(f"This specification has no dimension {name!r}: {self.label}")

    def get(self, name: str, default: Any = None) -> Any:
        """The value of dimension ``name``, or ``default`` when the claim does not vary it."""
        try:
            return self[name]
        except KeyError:
            return default

    @property
    def label(self) -> str:
        """Readable label, e.g. ``"measure=kappa, rollcalls=all"`` (``"primary"`` if empty)."""
        return ", ".join(f"{k}={_text(v)}" for k, v in self.choices) or "primary"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "–".join(str(v) for v in value)
    return str(value)


def specifications(dimensions: Mapping[str, list] | None) -> list[Spec]:
    """Every combination of the declared dimensions, the primary specification first."""
    dimensions = dict(dimensions or {})
    if not dimensions:
        return [Spec()]
    names = list(dimensions)
    values = [[_frozen(v) for v in dimensions[n]] for n in names]
    return [Spec(tuple(zip(names, combo))) for combo in itertools.product(*values)]


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Evaluator:
    """How a claim is tested: evidence per specification and a pure rule.

    ``key`` names the evidence entry shown as the claim's key number, described by
    ``statistic``; ``summary`` words the primary evidence; ``p_values`` names evidence
    entries that are p-values (adjusted for multiplicity across the ledger); ``dimensions``
    declares the specification dimensions and values the evidence understands.
    """

    evidence: Callable[[Spec], Evidence]
    rule: Callable[[Evidence, Thresholds], str]
    key: str
    statistic: str
    summary: Callable[[Evidence], str]
    p_values: tuple[str, ...] = ()
    #: The specification dimensions ``evidence`` reads, each with its allowed values (a
    #: tuple) or a check of one value (:class:`caorder.verdicts.checks.Years`); the register
    #: may vary only these (:mod:`caorder.verdicts.checks` refuses anything else).
    dimensions: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class SpecResult:
    """The evidence and verdict of one specification."""

    spec: Spec
    evidence: Evidence
    verdict: str
    value: float | None
    reason: str = ""


@dataclass(frozen=True)
class Result:
    """The tested claim: headline verdict, its robustness and the primary evidence."""

    claim_id: str
    verdict: str
    statistic: str
    value: float | None
    summary: str
    specs: tuple[SpecResult, ...] = ()
    share_agreeing: float | None = None
    split: Mapping[str, int] = field(default_factory=dict)
    original_verdict: str | None = None  #: headline under the rule first declared, if changed
    reason: str = ""

    @property
    def primary(self) -> SpecResult | None:
        """The primary specification's result (the first declared)."""
        return self.specs[0] if self.specs else None

    @property
    def evidence(self) -> Evidence:
        """The primary specification's evidence (what the chapter's prose reports)."""
        return dict(self.primary.evidence) if self.primary else {}

    def panel(self) -> pd.DataFrame:
        """The specification panel: one row per specification, its key number and verdict."""
        rows = [
            {
                **{name: _text(value) for name, value in r.spec.choices},
                "specification": r.spec.label,
                "value": r.value,
                "verdict": r.verdict,
            }
            for r in self.specs
        ]
        return pd.DataFrame(rows)

    def as_dict(self) -> dict:
        """Plain dictionary (for tables and claims.json)."""
        data = asdict(self)
        data["specs"] = [
            {
                "specification": r.spec.label,
                "choices": {k: _text(v) for k, v in r.spec.choices},
                "verdict": r.verdict,
                "value": r.value,
                "reason": r.reason,
            }
            for r in self.specs
        ]
        return data


def is_missing(value: Any) -> bool:
    """True for None and NaN: evidence from which no verdict may be drawn."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def judge(
    evaluator: Evaluator, spec: Spec, evidence: Evidence, thresholds: Thresholds
) -> SpecResult:
    """Apply the rule to one specification's evidence; missing evidence is untestable."""
    missing = sorted(k for k, v in evidence.items() if is_missing(v))
    if not evidence or missing:
        why = "no evidence" if not evidence else f"missing or NaN evidence: {', '.join(missing)}"
        return SpecResult(spec, evidence, UNTESTABLE, None, why)
    verdict = evaluator.rule(evidence, thresholds)
    if verdict not in VERDICTS:
        raise ValueError(f"A rule returned {verdict!r}, not one of {VERDICTS}.")
    return SpecResult(spec, evidence, verdict, float(evidence[evaluator.key]))


def headline(verdicts: list[str], share: float = AGREEMENT_SHARE) -> tuple[str, float | None]:
    """The headline verdict over specifications and the share that agree with it.

    *supports* / *contradicts* need at least ``share`` of the testable specifications.
    Short of that the headline is *mixed* when the evidence points both ways (specifications
    that support and others that contradict, or any that is mixed) and *inconclusive*
    otherwise (one way only, with the rest unable to tell); the share returned is that of
    the specifications giving the headline. No testable specification at all is untestable.
    """
    testable = [v for v in verdicts if v != UNTESTABLE]
    if not testable:
        return UNTESTABLE, None
    for verdict in (SUPPORTS, CONTRADICTS):
        agreeing = testable.count(verdict) / len(testable)
        if agreeing >= share:
            return verdict, agreeing
    both_ways = MIXED in testable or (SUPPORTS in testable and CONTRADICTS in testable)
    verdict = MIXED if both_ways else INCONCLUSIVE
    return verdict, testable.count(verdict) / len(testable)


def split(results: list[SpecResult]) -> dict[str, int]:
    """How many specifications gave each verdict (all five, zeros included)."""
    return {v: sum(r.verdict == v for r in results) for v in VERDICTS}


def combine(
    claim_id: str,
    evaluator: Evaluator,
    results: list[SpecResult],
    thresholds: Thresholds,
    original: Thresholds | None = None,
) -> Result:
    """Turn the per-specification results into the claim's :class:`Result`."""
    verdict, agreeing = headline([r.verdict for r in results])
    first = results[0]
    original_verdict = None
    if original is not None:
        again = [judge(evaluator, r.spec, r.evidence, original).verdict for r in results]
        original_verdict = headline(again)[0]
    summary = (
        evaluator.summary(first.evidence)
        if first.verdict != UNTESTABLE
        else (f"The primary specification cannot be tested: {first.reason}.")
    )
    return Result(
        claim_id,
        verdict,
        evaluator.statistic,
        first.value,
        summary,
        tuple(results),
        agreeing,
        split(results),
        original_verdict,
        "" if verdict != UNTESTABLE else first.reason,
    )


def untestable(claim_id: str, reason: str) -> Result:
    """The result of a claim that these data cannot test, with the reason."""
    return Result(claim_id, UNTESTABLE, "none", None, reason, reason=reason)
