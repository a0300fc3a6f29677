"""CONTRIBUTING.md's recipe "add a claim", followed with a toy claim, end to end.

The recipe says a newcomer touches one register file, one ``verdicts/chN.py`` module, one
test file and one notebook. This test does the first two in a temporary copy of the
register and an added evaluator, then checks that the verdicts layer, the glue keys and the
ledger pick the claim up with nothing else changed.
"""

from __future__ import annotations

import shutil
import textwrap

import pytest

from caorder import claims, ledger, paths, verdicts
from caorder.verdicts import ch3, show
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS, Evaluator

TOY_ENTRY = """\
- id: C3.99
  attribution: extension
  evaluator: ch3.toy_share
  declared: 2026-11-29
  rule:
    thresholds: {supports_above: 0.6, contradicts_below: 0.4}
  specifications:
    share: [0.7, 0.65, 0.9, 0.3]
  chapter: 3
  section: "§3 Central Asia as an Order"
  quote: "First and foremost are the rules regulating non-intervention and non-interference."
  claim: A toy claim that follows the recipe.
  element: rule
  concept: "rule: toy"
  indicator: a share
  data: none (a toy)
  test: supports above 0.6, contradicts below 0.4, mixed otherwise
  notebook: notebooks/ch3_sovereignty.ipynb
  blind_spot: everything; it is a toy
"""


def _toy_rule(evidence, thresholds):
    if evidence["fraction"] > thresholds["supports_above"]:
        return SUPPORTS
    return CONTRADICTS if evidence["fraction"] < thresholds["contradicts_below"] else MIXED


TOY = Evaluator(
    evidence=lambda spec: {"fraction": float(spec["share"])},
    rule=_toy_rule,
    key="fraction",
    statistic="toy share",
    summary=lambda ev: f"fraction {ev['fraction']}",
    dimensions={"share": (0.7, 0.65, 0.9, 0.3)},
)


@pytest.fixture()
def toy_register(tmp_path, monkeypatch):
    """Step 1 and 3 of the recipe: a register entry and an evaluator (in a sandbox)."""
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    with open(data / "claims" / "order_in_votes.yml", "a", encoding="utf-8") as handle:
        handle.write(textwrap.dedent(TOY_ENTRY))
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setitem(ch3.EVALUATORS, "toy_share", TOY)
    claims._register_cached.cache_clear()
    yield
    claims._register_cached.cache_clear()


def test_the_recipe_for_a_claim_works_end_to_end(toy_register):
    assert "ch3.toy_share" in verdicts.evaluators()
    result = verdicts.evaluate("C3.99", use_cache=False)
    assert [s.verdict for s in result.specs] == [SUPPORTS, SUPPORTS, SUPPORTS, CONTRADICTS]
    assert result.verdict == MIXED  # 3 of 4 agree: below the 80 % share
    assert result.share_agreeing == 0
    glued = show.glue_values(result)
    assert glued["c3-99-verdict"] == MIXED and glued["c3-99-share"] == 0
    assert glued["c3-99-fraction"] == 0.7
    row = ledger.evaluate_all(
        [claims.claim("C3.99")], lambda cid: verdicts.evaluate(cid, use_cache=False)
    ).iloc[0]
    assert "(claim-c3-99)=" in ledger.ledger_markdown(row)
