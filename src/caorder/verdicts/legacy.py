"""Transitional: claims whose register entry still says ``evaluator: legacy``.

Their verdict comes from the old ``@claims.evaluator`` functions in the chapter modules,
wrapped as a single primary specification. Each is being moved to a chapter module of
this package with evidence, rule and specifications; this module goes when none is left.
"""

from __future__ import annotations

from caorder import claims
from caorder.verdicts.core import Result, Spec, SpecResult, headline, split


def result(claim_id: str) -> Result:
    """The legacy evaluator's verdict as a one-specification :class:`Result`."""
    verdict = claims.evaluate(claim_id)
    spec = SpecResult(Spec(), {"value": verdict.value}, verdict.verdict, verdict.value)
    share = headline([verdict.verdict])[1]
    return Result(claim_id, verdict.verdict, verdict.statistic, verdict.value, verdict.summary,
                  (spec,), share, split([spec]))
