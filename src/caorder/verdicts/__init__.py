"""The verdicts layer: every claim of the register tested in one place.

Layers, from the bottom: data access (:mod:`caorder.fetch`, :mod:`caorder.tables`), curated
data (:mod:`caorder.countries`, :mod:`caorder.summits`), measures and windows
(:mod:`caorder.agreement`, :mod:`caorder.windows`), chapter analyses (:mod:`caorder.cohesion`,
:mod:`caorder.order_votes`, ...), and on top this package, which turns analyses into
verdicts. Chapter modules never decide a verdict; the modules listed in :data:`MODULES`
(one per chapter) define, for each claim, an :class:`~caorder.verdicts.core.Evaluator`
named in the claim's register entry as ``evaluator: ch1.cohesion_vs_random``.

:func:`evaluate` returns a claim's :class:`~caorder.verdicts.core.Result`: the headline
verdict over all declared specifications, the share of specifications that agree, the
primary evidence (what notebooks and verdict pages glue) and, when the rule changed after
it was declared, the verdict under the original rule.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from caorder import claims
from caorder.claims import ATTRIBUTIONS, VERDICTS
from caorder.verdicts import cache, ch1, ch2, ch3, ch4, events
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

#: The chapter modules and the modules named for their data (``events``: conflict, disputes,
#: alliances, IGOs and leaders), listed explicitly (no package scan): prefix -> module.
MODULES = {"ch1": ch1, "ch2": ch2, "ch3": ch3, "ch4": ch4, "events": events}
#: The evaluator name of claims that these data cannot test (the register gives the reason).
UNTESTABLE_EVALUATOR = "untestable"

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


def original_thresholds(entry: Mapping) -> dict | None:
    """The thresholds first declared, when the rule has changed since (else ``None``)."""
    changes = entry.get("changed")
    if not isinstance(changes, list) or not changes:
        return None
    return dict((changes[0].get("old") or {}).get("thresholds") or {})


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


def evaluate(claim_id: str, use_cache: bool = True) -> Result:
    """Test one registered claim under all its declared specifications."""
    entry = claims.claim(claim_id)
    name = entry["evaluator"]
    if name == UNTESTABLE_EVALUATOR:
        return untestable(claim_id, str(entry["untestable"]["reason"]).strip())
    registry = evaluators()
    if name not in registry:
        raise KeyError(
            f"Claim {claim_id} names evaluator {name!r}, which no module in "
            f"caorder.verdicts defines (known: {sorted(registry)})."
        )
    evaluator = registry[name]
    specs = specifications(entry.get("specifications"))
    rule = thresholds(entry)
    results = [
        judge(evaluator, spec, evidence, rule)
        for spec, evidence in zip(specs, _evidence(claim_id, evaluator, specs, use_cache))
    ]
    return combine(claim_id, evaluator, results, rule, original_thresholds(entry))


@functools.cache
def _evaluate_cached(claim_id: str) -> Result:
    return evaluate(claim_id)


def evaluate_all() -> list[Result]:
    """Every claim of the register, in register order (cached within a process)."""
    return [_evaluate_cached(entry["id"]) for entry in claims.register()]
