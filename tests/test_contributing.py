"""CONTRIBUTING.md's recipe "add a claim", followed word for word with a toy claim.

In a sandbox copy of ``data/`` and ``notebooks/``: the next free id from
``python -m caorder.claims next-id C3``, the register entry, the inventory line, the rule
test (below, on hand-made evidence), the evaluator (with its declared dimensions), the
notebook cells from ``python -m caorder.claim_cells``, then every check the suite runs on the
real files: the register checks (including "the notebook shows it"), the inventory of the
paper's claims, the glue keys, the ledger entry and the notebook's text form.
"""

from __future__ import annotations

import shutil
import textwrap

import pytest
from toyvotes import toy_share_rule  # step 3's pure rule, what verdicts/ch3.py would hold

from caorder import claim_cells, claims, ledger, pairing, paths, verdicts
from caorder.verdicts import ch3, checks, show
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS, Evaluator

NOTEBOOK = "notebooks/ch3_sovereignty.ipynb"
TOY_ENTRY = """\
- id: {id}
  attribution: extension
  fidelity: neighbour
  neighbours: C3.1
  evaluator: ch3.toy_share
  declared: 2026-12-04
  rule:
    thresholds: {{supports_above: 0.6, contradicts_below: 0.4}}
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
  notebook: {notebook}
  blind_spot: everything; it is a toy
"""


TOY = Evaluator(
    evidence=lambda spec: {"fraction": float(spec["share"])},
    rule=toy_share_rule,
    key="fraction",
    statistic="toy share",
    summary=lambda ev: f"fraction {ev['fraction']}",
    dimensions={"share": (0.7, 0.65, 0.9, 0.3)},
)


def test_step_2_the_rule_on_hand_made_evidence():
    thresholds = {"supports_above": 0.6, "contradicts_below": 0.4}
    assert toy_share_rule({"fraction": 0.61}, thresholds) == SUPPORTS
    assert toy_share_rule({"fraction": 0.5}, thresholds) == MIXED
    assert toy_share_rule({"fraction": 0.39}, thresholds) == CONTRADICTS


@pytest.fixture()
def sandbox(tmp_path, monkeypatch):
    """A copy of the checkout's data/ and notebooks/, read by the package instead of the real."""
    root = paths.repo_root()
    shutil.copytree(root / "data", tmp_path / "data")
    shutil.copytree(root / "notebooks", tmp_path / "notebooks")
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    claims._register_cached.cache_clear()
    yield tmp_path
    claims._register_cached.cache_clear()


def test_the_recipe_for_a_claim_works_end_to_end(sandbox, monkeypatch, capsys):
    # Step 1: the next free id, from the register and the inventory.
    assert claims.main(["next-id", "C3"]) == 0
    claim_id = capsys.readouterr().out.strip()
    assert claim_id not in claims.used_ids() and claim_id.startswith("C3.")
    register = sandbox / "data" / "claims" / "order_in_votes.yml"
    with open(register, "a", encoding="utf-8") as handle:
        handle.write(TOY_ENTRY.format(id=claim_id, notebook=NOTEBOOK))
    inventory = sandbox / "data" / "paper_claims.yml"
    text = inventory.read_text(encoding="utf-8")
    line = f"  {claim_id}: the book's extension (attribution extension), a toy\n"
    inventory.write_text(text.replace("not_empirical_claims:\n", "not_empirical_claims:\n" + line))
    claims._register_cached.cache_clear()
    assert claims.next_id("C3") != claim_id

    # Step 3: the evaluator, named in the chapter's EVALUATORS.
    monkeypatch.setitem(ch3.EVALUATORS, "toy_share", TOY)
    assert "ch3.toy_share" in verdicts.evaluators()

    # Step 4: the notebook cells, then the text form (make pair).
    assert claim_cells.main([claim_id, str(sandbox / NOTEBOOK)]) == 0
    assert pairing.pair([sandbox / NOTEBOOK]) == [pairing.text_path(sandbox / NOTEBOOK)]
    twin = pairing.text_path(sandbox / NOTEBOOK).read_text(encoding="utf-8")
    assert f'verdicts.evaluate("{claim_id}")' in twin and "nbval-check-output" in twin

    # Step 5: what make test checks on the real files.
    checks.check_register(verdicts.evaluators(), root=sandbox)
    found = claims.inventory()
    covering = {c for entry in found.claims for c in entry["covered_by"]}
    stray = {e["id"] for e in claims.register()} - covering - set(found.not_empirical)
    assert stray == set()
    result = verdicts.evaluate(claim_id, use_cache=False)
    assert [s.verdict for s in result.specs] == [SUPPORTS, SUPPORTS, SUPPORTS, CONTRADICTS]
    assert result.verdict == MIXED  # 3 of 4 agree: below the 80 % share
    key = claim_cells.slug(claim_id)
    glued = show.glue_values(result)
    assert glued[f"{key}-verdict"] == MIXED and glued[f"{key}-share"] == 0
    assert glued[f"{key}-fraction"] == 0.7 and glued[f"{key}-n-specs"] == 4
    row = ledger.evaluate_all(
        [claims.claim(claim_id)], lambda cid: verdicts.evaluate(cid, use_cache=False)
    ).iloc[0]
    assert f"({ledger.anchor(claim_id)})=" in ledger.ledger_markdown(row)


def test_skipping_a_step_is_refused(sandbox, monkeypatch):
    """Without the inventory line or the notebook cells, the suite says what is missing."""
    claim_id = claims.next_id("C3")
    register = sandbox / "data" / "claims" / "order_in_votes.yml"
    with open(register, "a", encoding="utf-8") as handle:
        handle.write(textwrap.dedent(TOY_ENTRY.format(id=claim_id, notebook=NOTEBOOK)))
    claims._register_cached.cache_clear()
    monkeypatch.setitem(ch3.EVALUATORS, "toy_share", TOY)
    with pytest.raises(checks.RegisterError, match=f"claim {claim_id}: notebook .* does not show"):
        checks.check_register(verdicts.evaluators(), root=sandbox)
    found = claims.inventory()
    covering = {c for entry in found.claims for c in entry["covered_by"]}
    stray = {e["id"] for e in claims.register()} - covering - set(found.not_empirical)
    assert stray == {claim_id}


def test_the_claim_cells_follow_the_house_conventions():
    cells = claim_cells.claim_cells(claims.claim("C1.4"))
    code = [c for c in cells if c.cell_type == "code"]
    for cell in code:
        compile(cell.source, "cell", "exec")
    assert [c.metadata["tags"] for c in code] == [
        ["remove-cell"],
        ["hide-input", "nbval-check-output"],
        ["hide-input"],
    ]
    assert "show.glue_claim(c1_4)\nshow.glue_details(c1_4)" in code[0].source
    figure = code[2].metadata["mystnb"]
    assert figure["figure"]["name"] == "fig-c1-4-panel" and figure["figure"]["caption"]
    assert figure["image"]["alt"]
    prose = cells[-1].source
    assert "{glue:text}`c1-4-verdict`" in prose and "{numref}`fig-c1-4-panel`" in prose
