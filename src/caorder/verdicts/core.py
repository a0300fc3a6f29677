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

Three checks sit beside the headline. The *power rule*: when the register declares
``min_units`` and the evaluator names the evidence entry that counts its units
(``Evaluator.units``), a specification with fewer units is *inconclusive*. The *strength*:
a *supports* or *contradicts* headline resting on fewer than ``strong_min_units`` units (or
marked ``strength: weak`` in the register) is flagged weak. The *threshold band*: every
numeric threshold is moved down and up by the band the register declares
(``rule.bands``); the margin between each threshold and the evidence it is compared with
(``Evaluator.compared``) and the headline at both ends of the band are recorded, and a
headline that changes inside the band is *sensitive to its threshold*.
"""

from __future__ import annotations

import fnmatch
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
    entries that are p-values (adjusted for multiplicity across the ledger). ``units`` names
    the evidence entry counting the units the test rests on (sessions, pairs, documents),
    read by the power rule (``min_units``) and the strength flag (``strong_min_units``).
    ``compared`` maps each threshold to the evidence entries the rule compares it with
    (shell patterns such as ``"top_share_*"`` allowed; the nearest is the margin).
    ``dimensions`` declares the specification dimensions and values the evidence understands.
    """

    evidence: Callable[[Spec], Evidence]
    rule: Callable[[Evidence, Thresholds], str]
    key: str
    statistic: str
    summary: Callable[[Evidence], str]
    p_values: tuple[str, ...] = ()
    units: str = ""
    compared: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
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
    strength: str = "normal"  #: "weak" when a supports/contradicts rests on thin evidence
    strength_reason: str = ""
    threshold_checks: tuple[Mapping[str, Any], ...] = ()  #: margins and verdicts across bands
    units: float | None = None  #: units the primary specification rests on, if counted

    @property
    def sensitive(self) -> bool:
        """True when the headline changes as some threshold moves inside its declared band."""
        return any(check["sensitive"] for check in self.threshold_checks)

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
        data["threshold_checks"] = [dict(check) for check in self.threshold_checks]
        data["sensitive"] = self.sensitive
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
    too_few = _too_few_units(evaluator, evidence, thresholds)
    if too_few:
        return SpecResult(spec, evidence, INCONCLUSIVE, float(evidence[evaluator.key]), too_few)
    verdict = evaluator.rule(evidence, thresholds)
    if verdict not in VERDICTS:
        raise ValueError(f"A rule returned {verdict!r}, not one of {VERDICTS}.")
    return SpecResult(spec, evidence, verdict, float(evidence[evaluator.key]))


def _too_few_units(evaluator: Evaluator, evidence: Evidence, thresholds: Thresholds) -> str:
    """The power rule: why a specification has too few units to tell ("" when it has enough)."""
    if not evaluator.units or "min_units" not in thresholds:
        return ""
    units = float(evidence[evaluator.units])
    if units >= float(thresholds["min_units"]):
        return ""
    return (
        f"too few units to tell: {evaluator.units} = {units:g}, below the declared "
        f"power rule min_units = {thresholds['min_units']}"
    )


def strength(
    evaluator: Evaluator,
    verdict: str,
    evidence: Evidence,
    thresholds: Thresholds,
    declared: str = "",
) -> tuple[str, str]:
    """Whether a headline rests on thin evidence: ``("weak", why)`` or ``("normal", "")``.

    Only a *supports* or *contradicts* can be weak: either the register says so (``declared``
    is its ``strength_reason``) or the primary specification counts fewer units than the
    rule's ``strong_min_units``.
    """
    if verdict not in (SUPPORTS, CONTRADICTS):
        return "normal", ""
    if declared:
        return "weak", declared
    if evaluator.units and "strong_min_units" in thresholds and evaluator.units in evidence:
        units = evidence[evaluator.units]
        if not is_missing(units) and float(units) < float(thresholds["strong_min_units"]):
            return "weak", (
                f"rests on {float(units):g} units ({evaluator.units}); a strong verdict needs "
                f"{thresholds['strong_min_units']} (strong_min_units)"
            )
    return "normal", ""


def _compared_values(evaluator: Evaluator, name: str, evidence: Evidence) -> dict[str, float]:
    """The evidence entries the rule compares threshold ``name`` with (patterns expanded)."""
    patterns = evaluator.compared.get(name, ())
    if isinstance(patterns, str):
        patterns = (patterns,)
    return {
        entry: float(value)
        for entry, value in sorted(evidence.items())
        if any(fnmatch.fnmatchcase(entry, pattern) for pattern in patterns)
        and not is_missing(value)
    }


def _nearest_across(
    evaluator: Evaluator, name: str, value: float, results: list[SpecResult]
) -> dict[str, Any]:
    """The smallest margin to threshold ``name`` over every testable specification: which
    specification, which evidence entry and the signed margin (all None if none compares)."""
    found = [
        (abs(number - value), r.spec.label, entry, number - value)
        for r in results
        if r.verdict != UNTESTABLE
        for entry, number in _compared_values(evaluator, name, r.evidence).items()
    ]
    if not found:
        return {
            "nearest_specification": None,
            "nearest_compared_with": None,
            "nearest_margin": None,
        }
    _, label, entry, margin = min(found, key=lambda f: (round(f[0], 12), f[1], f[2]))
    return {
        "nearest_specification": label,
        "nearest_compared_with": entry,
        "nearest_margin": margin,
    }


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def threshold_checks(
    evaluator: Evaluator,
    results: list[SpecResult],
    thresholds: Thresholds,
    bands: Mapping[str, float] | None,
) -> tuple[dict[str, Any], ...]:
    """Margins to every numeric threshold and the headline when it moves across its band.

    For each numeric threshold: the evidence entry (primary specification) the rule compares
    it with and the signed margin (evidence minus threshold; the nearest entry when several
    are compared), the smallest margin over every testable specification (``nearest_*``),
    the declared band, the headline verdict with the threshold at
    ``value - band`` and at ``value + band`` (every specification judged again), and
    ``sensitive``: whether any of those differs from the headline. A threshold without a
    declared band is listed with its margin and ``band`` None.
    """
    bands = dict(bands or {})
    current = headline([r.verdict for r in results])[0]
    primary = results[0].evidence if results else {}
    checks = []
    for name, value in thresholds.items():
        if not _numeric(value):
            continue
        compared = _compared_values(evaluator, name, primary)
        nearest = min(compared, key=lambda k: (abs(compared[k] - value), k)) if compared else None
        check: dict[str, Any] = {
            "threshold": name,
            "value": value,
            "compared_with": nearest,
            "number": None if nearest is None else compared[nearest],
            "margin": None if nearest is None else compared[nearest] - value,
            **_nearest_across(evaluator, name, value, results),
            "band": bands.get(name),
            "verdict_low": None,
            "verdict_high": None,
            "sensitive": False,
        }
        if name in bands:
            for end, sign in (("verdict_low", -1), ("verdict_high", 1)):
                again = {**thresholds, name: value + sign * bands[name]}
                check[end] = headline(
                    [judge(evaluator, r.spec, r.evidence, again).verdict for r in results]
                )[0]
            check["sensitive"] = any(
                check[end] != current for end in ("verdict_low", "verdict_high")
            )
        checks.append(check)
    return tuple(checks)


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


def _matches(spec: Spec, dimensions: Mapping[str, list]) -> bool:
    """True when every choice of ``spec`` on a dimension named in ``dimensions`` is listed."""
    return all(
        spec.get(name) in [_frozen(v) for v in values] for name, values in dimensions.items()
    )


def first_rule_verdict(
    evaluator: Evaluator,
    results: list[SpecResult],
    original: Thresholds,
    specs: Mapping[str, list] | None = None,
    share: float | None = None,
) -> str | None:
    """The headline under the rule first declared: its thresholds, over the specifications it
    declared (``specs``: the current ones whose choices it listed) with the share it required.
    ``None`` when none of the current specifications was among the first rule's."""
    kept = [r for r in results if _matches(r.spec, specs or {})]
    if not kept:
        return None
    again = [judge(evaluator, r.spec, r.evidence, original).verdict for r in kept]
    return headline(again, AGREEMENT_SHARE if share is None else share)[0]


def combine(
    claim_id: str,
    evaluator: Evaluator,
    results: list[SpecResult],
    thresholds: Thresholds,
    original: Thresholds | None = None,
    bands: Mapping[str, float] | None = None,
    original_specs: Mapping[str, list] | None = None,
    original_share: float | None = None,
    weak_reason: str = "",
) -> Result:
    """Turn the per-specification results into the claim's :class:`Result`.

    ``original`` (with ``original_specs`` and ``original_share``) is the rule first declared,
    when it has changed; ``bands`` the register's threshold bands; ``weak_reason`` the
    register's reason for calling the evidence thin.
    """
    verdict, agreeing = headline([r.verdict for r in results])
    first = results[0]
    original_verdict = None
    if original is not None:
        original_verdict = first_rule_verdict(
            evaluator, results, original, original_specs, original_share
        )
    weak, weak_why = strength(evaluator, verdict, first.evidence, thresholds, weak_reason)
    units = first.evidence.get(evaluator.units) if evaluator.units else None
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
        weak,
        weak_why,
        threshold_checks(evaluator, results, thresholds, bands),
        None if units is None or is_missing(units) else float(units),
    )


def untestable(claim_id: str, reason: str) -> Result:
    """The result of a claim that these data cannot test, with the reason."""
    return Result(claim_id, UNTESTABLE, "none", None, reason, reason=reason)
