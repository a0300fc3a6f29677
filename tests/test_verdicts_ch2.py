"""Chapter 2: the conceptual claims are registered as untestable, each with reason and data;
the elementary goals (C2.1) are tested on the dispute data (tests/test_verdicts_events.py) and
one part of the constitutional rule (C2.2) on the conflict data
(tests/test_verdicts_rules_in_events.py)."""

from __future__ import annotations

import pytest

from caorder import claims
from caorder.verdicts import UNTESTABLE, evaluate


@pytest.mark.parametrize("claim_id", ["C2.3", "C2.4"])
def test_chapter_2_claims_are_untestable_with_reason_and_data_needed(claim_id):
    entry = claims.claim(claim_id)
    assert entry["evaluator"] == "untestable"
    assert len(entry["untestable"]["data_needed"].split()) > 5
    result = evaluate(claim_id)
    assert result.verdict == UNTESTABLE
    assert result.reason == " ".join(entry["untestable"]["reason"].split())


def test_c2_3_is_untestable_because_it_is_definitional():
    assert "definitional" in claims.claim("C2.3")["untestable"]["reason"]
