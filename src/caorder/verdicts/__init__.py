"""The verdicts layer: every claim of the register tested in one place.

Layers, from the bottom: data access (:mod:`caorder.fetch`, :mod:`caorder.tables`), curated
data (:mod:`caorder.countries`, :mod:`caorder.summits`), measures and windows
(:mod:`caorder.agreement`, :mod:`caorder.windows`), chapter analyses (:mod:`caorder.cohesion`,
:mod:`caorder.order_votes`, ...), and on top this package, which turns analyses into
verdicts. Chapter modules never decide a verdict; the modules listed in :data:`MODULES`
(one per chapter, and one per family of data beyond the votes) define, for each claim, an
:class:`~caorder.verdicts.core.Evaluator` named in the claim's register entry as
``evaluator: ch1.cohesion_vs_random``.

:func:`evaluate` returns a claim's :class:`~caorder.verdicts.core.Result`: the headline
verdict over all declared specifications, the share of specifications that agree, the
primary evidence (what notebooks and verdict pages glue) and, when the rule changed after
it was declared, the verdict under the original rule.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Mapping

from caorder import claims, paths
from caorder.claims import ATTRIBUTIONS, VERDICTS
from caorder.errors import CuratedDataError
from caorder.verdicts import cache, ch1, ch2, ch3, ch4, checks, economies, events
from caorder.verdicts.core import (
    AGREEMENT_SHARE,
    UNTESTABLE,
    Evaluator,
    Result,
    Spec,
    SpecResult,
    combine,
    judge,
    specifications,
    untestable,
)

#: The evaluator modules, listed explicitly (no package scan): prefix -> module. One per
#: chapter, and one per family of data read beyond the votes (``economies``: GDP, V-Dem and
#: OxCGRT; ``events``: conflict, disputes, alliances, IGOs and leaders).
MODULES = {
    "ch1": ch1,
    "ch2": ch2,
    "ch3": ch3,
    "ch4": ch4,
    "economies": economies,
    "events": events,
}
#: The evaluator name of claims that these data cannot test (the register gives the reason).
UNTESTABLE_EVALUATOR = checks.UNTESTABLE_EVALUATOR

__all__ = [
    "AGREEMENT_SHARE",
    "ATTRIBUTIONS",
    "MODULES",
    "UNTESTABLE",
    "VERDICTS",
    "Evaluator",
    "Result",
    "Spec",
    "SpecResult",
    "check_register",
    "evaluate",
    "evaluate_all",
    "evaluators",
    "thresholds",
]


def evaluators() -> dict[str, Evaluator]:
    """Every evaluator of the chapter modules, keyed ``"<module>.<name>"``."""
    found: dict[str, Evaluator] = {}
    for prefix, module in MODULES.items():
        for name, evaluator in module.EVALUATORS.items():
            found[f"{prefix}.{name}"] = evaluator
    return found


def thresholds(entry: Mapping) -> dict:
    """The thresholds of a claim's current rule (``rule.thresholds`` in the register).

    ``entry`` may be a row of a table of register entries, where a claim without a rule
    holds NaN: anything but a mapping counts as no rule.
    """
    rule = entry.get("rule")
    return dict(rule.get("thresholds") or {}) if isinstance(rule, Mapping) else {}


def bands(entry: Mapping) -> dict:
    """How far each threshold is moved to test the verdict's sensitivity (``rule.bands``)."""
    rule = entry.get("rule")
    return dict(rule.get("bands") or {}) if isinstance(rule, Mapping) else {}


def original_thresholds(entry: Mapping) -> dict | None:
    """The thresholds first declared, when the rule has changed since (else ``None``).

    A first rule that named no thresholds of its own (a change of specifications or of the
    rule's words only) had the current ones.
    """
    first = _first_rule(entry)
    if first is None:
        return None
    return dict(first.get("thresholds") or thresholds(entry))


def _first_rule(entry: Mapping) -> dict | None:
    """The ``old`` rule of the first ``changed`` entry, or ``None`` if the rule never changed.

    A change that only moved specifications out to claims of their own (``split: true``)
    left the rule as it was, so it is skipped: the verdict of the specifications that left
    is that of the new claims, not of a first rule.
    """
    changes = entry.get("changed")
    changes = [c for c in changes if not c.get("split")] if isinstance(changes, list) else []
    if not changes:
        return None
    return dict(changes[0].get("old") or {})


def _evidence(
    claim_id: str, evaluator: Evaluator, specs: list[Spec], use_cache: bool
) -> list[dict]:
    """Evidence per specification, from the cache where the fingerprint allows.

    Entries are sorted by name, so that evidence read from the cache and evidence just
    computed are the same dictionary, in the same order, wherever a page shows it.
    """
    stored = cache.load(claim_id) if use_cache else {}
    computed = {
        s.label: dict(sorted((stored.get(s.label) or evaluator.evidence(s)).items())) for s in specs
    }
    if use_cache and any(s.label not in stored for s in specs):
        cache.store(claim_id, computed)
    return [computed[s.label] for s in specs]


def _check_evaluator(claim_id: str, name: str, registry: Mapping) -> None:
    if name != UNTESTABLE_EVALUATOR and name not in registry:
        raise UnknownEvaluatorError(
            f"{claims.FILES.get(claim_id, 'data/claims/*.yml')}: claim {claim_id} names "
            f"evaluator {name!r}, which no module in caorder.verdicts defines; rule: the "
            f"evaluator is 'untestable' or one of {sorted(registry)}. Correct the name."
        )


def check_register() -> None:
    """Refuse, in one line, any register entry the verdicts would misread: an evaluator no
    chapter module defines, then everything :mod:`caorder.verdicts.checks` looks at."""
    registry = evaluators()
    for entry in claims.register():
        _check_evaluator(entry["id"], entry["evaluator"], registry)
    checks.check_register(registry)


def evaluate(claim_id: str, use_cache: bool = True) -> Result:
    """Test one registered claim under all its declared specifications.

    The evidence cache is keyed on the checkout's ``data/``; with ``CAORDER_DATA_DIR`` set the
    curated tables come from elsewhere, so the cache is neither read nor written.
    """
    use_cache = use_cache and not os.environ.get(paths.DATA_ENV)
    entry = claims.claim(claim_id)
    name = entry["evaluator"]
    if name == UNTESTABLE_EVALUATOR:
        return untestable(claim_id, str(entry["untestable"]["reason"]).strip())
    registry = evaluators()
    _check_evaluator(claim_id, name, registry)
    evaluator = registry[name]
    checks.check_claim(entry, name, evaluator)
    specs = specifications(entry.get("specifications"))
    rule = checks.RuleThresholds(claim_id, thresholds(entry))
    original = None if _function_changed(entry) else original_thresholds(entry)
    if original is not None:
        original = checks.RuleThresholds(claim_id, original, "changed[0].old.thresholds")
    results = [
        judge(evaluator, spec, evidence, rule)
        for spec, evidence in zip(specs, _evidence(claim_id, evaluator, specs, use_cache))
    ]
    for result in results:
        checks.check_glue_keys(claim_id, result.evidence)
    first = _first_rule(entry) or {}
    result = combine(
        claim_id,
        evaluator,
        results,
        rule,
        original,
        bands=bands(entry),
        original_specs=first.get("specifications"),
        original_share=first.get("share_required"),
        weak_reason=str(entry.get("strength_reason") or "").strip()
        if entry.get("strength") == "weak"
        else "",
    )
    return _recorded_first_verdict(entry, result)


def _function_changed(entry: Mapping) -> bool:
    """True when the first change replaced the rule's function (see _recorded_first_verdict)."""
    changes = [c for c in entry.get("changed") or [] if not c.get("split")]
    return bool(changes and changes[0].get("rule_function_changed"))


def _recorded_first_verdict(entry: Mapping, result: Result) -> Result:
    """The first rule's verdict as recorded, where the rule's function itself changed.

    The first-rule verdict is recomputed from the old thresholds with today's rule function;
    when the change replaced the function (``rule_function_changed: true``, e.g. a rule that
    now says *inconclusive* where it said *mixed*), no recomputation can reproduce the old
    verdict, so the ``verdict_before`` the change recorded is shown instead.
    """
    changes = [c for c in entry.get("changed") or [] if not c.get("split")]
    if _function_changed(entry) and changes[0].get("verdict_before"):
        return dataclasses.replace(result, original_verdict=str(changes[0]["verdict_before"]))
    return result


class UnknownEvaluatorError(CuratedDataError, KeyError):
    """A register entry names an evaluator that no chapter module defines."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


@functools.cache
def _evaluate_cached(claim_id: str) -> Result:
    return evaluate(claim_id)


def evaluate_all() -> list[Result]:
    """Every claim of the register, in register order (cached within a process)."""
    check_register()
    return [_evaluate_cached(entry["id"]) for entry in claims.register()]
