"""The register refuses mistakes: each test plants one and expects one line naming claim and field.

Mistakes planted: a misspelled specification dimension, a value the evaluator does not know,
a reversed or out-of-data period, a removed rule block, a threshold the rule reads but the
register lacks, a duplicated id, a claim its notebook does not show, and evidence names that
would overwrite glue keys. The real register passes every check, and every evaluator declares
exactly the dimensions its evidence reads.
"""

from __future__ import annotations

import ast
import copy
import inspect
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from toyvotes import toy_share_rule

from caorder import claims, paths, verdicts
from caorder.verdicts import ch3, checks, show
from caorder.verdicts.checks import RegisterError, RuleThresholds, Years
from caorder.verdicts.core import (
    CONTRADICTS,
    MIXED,
    SUPPORTS,
    Evaluator,
    Result,
    Spec,
    SpecResult,
)

TOY_ENTRY = """\
- id: C3.99
  attribution: extension
  fidelity: neighbour
  neighbours: C3.1
  evaluator: ch3.toy_share
  declared: 2026-12-04
  rule:
    thresholds: {supports_above: 0.6, contradicts_below: 0.4}
  specifications:
    share: [0.7, 0.3]
    period: [[1992, 2019]]
  chapter: 3
  section: "§3 Central Asia as an Order"
  quote: "First and foremost are the rules regulating non-intervention and non-interference."
  claim: A toy claim for planting mistakes.
  element: rule
  indicator: a share
  data: none (a toy)
  test: supports above 0.6, contradicts below 0.4, mixed otherwise
  notebook: notebooks/ch3_sovereignty.ipynb
  blind_spot: everything; it is a toy
"""


TOY = Evaluator(
    evidence=lambda spec: {"fraction": float(spec["share"])},
    rule=toy_share_rule,
    key="fraction",
    statistic="toy share",
    summary=lambda ev: f"fraction {ev['fraction']}",
    dimensions={"share": (0.7, 0.65, 0.9, 0.3), "period": Years(1992, 2019)},
)


@pytest.fixture()
def sandbox(tmp_path, monkeypatch):
    """A copy of data/ whose register ends with the toy claim; returns a function that edits it."""
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    target = data / "claims" / "order_in_votes.yml"
    original = target.read_text(encoding="utf-8")
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setitem(ch3.EVALUATORS, "toy_share", TOY)

    def plant(old: str = "", new: str = "", times: int = 1) -> None:
        entry = textwrap.dedent(TOY_ENTRY)
        assert old in entry
        target.write_text(original + times * entry.replace(old, new), encoding="utf-8")
        claims._register_cached.cache_clear()

    plant()
    yield plant
    claims._register_cached.cache_clear()


def _refusal(claim_id: str = "C3.99") -> str:
    with pytest.raises(RegisterError) as caught:
        verdicts.evaluate(claim_id, use_cache=False)
    message = str(caught.value)
    assert "\n" not in message and f"claim {claim_id}" in message
    assert "order_in_votes.yml" in message
    return message


def test_the_toy_claim_evaluates_when_nothing_is_wrong(sandbox):
    result = verdicts.evaluate("C3.99", use_cache=False)
    assert [s.verdict for s in result.specs] == [SUPPORTS, CONTRADICTS]


def test_a_misspelled_dimension_is_refused(sandbox):
    sandbox("    period:", "    perod:")
    message = _refusal()
    assert "specifications.perod" in message and "share, period" in message


def test_an_unknown_value_is_refused(sandbox):
    sandbox("share: [0.7, 0.3]", "share: [0.7, 0.33]")
    assert "specifications.share: 0.33 is not one of" in _refusal()


def test_a_reversed_period_is_refused(sandbox):
    sandbox("[[1992, 2019]]", "[[2015, 1992]]")
    assert "specifications.period: [2015, 1992] is reversed" in _refusal()


def test_a_period_outside_the_data_is_refused(sandbox):
    sandbox("[[1992, 2019]]", "[[1992, 2030]]")
    assert "outside the data's years 1992-2019" in _refusal()


def test_a_removed_rule_block_is_refused(sandbox):
    sandbox("  rule:\n    thresholds: {supports_above: 0.6, contradicts_below: 0.4}\n", "")
    assert "rule.thresholds is missing" in _refusal()


def test_a_threshold_the_rule_reads_but_the_register_lacks_is_refused(sandbox):
    sandbox("supports_above: 0.6", "supports_abov: 0.6")
    message = _refusal()
    assert "rule.thresholds lacks 'supports_above'" in message


def test_a_duplicated_id_is_refused(sandbox):
    sandbox(times=2)
    with pytest.raises(ValueError, match=r"used twice.*C3\.99"):
        claims.register()
    sandbox()
    entries = [claims.claim("C3.1"), claims.claim("C3.1")]
    with pytest.raises(RegisterError, match=r"claim C3\.1: id C3\.1 is used twice"):
        checks.check_register(verdicts.evaluators(), entries)


def test_a_real_claim_with_a_misspelled_dimension_is_refused_before_any_evidence():
    """The issue's example: C1.1 with ``measur`` would have fallen back to kappa silently."""
    entry = copy.deepcopy(claims.claim("C1.1"))
    entry["specifications"]["measur"] = entry["specifications"].pop("measure")
    evaluator = verdicts.evaluators()[entry["evaluator"]]
    with pytest.raises(RegisterError, match=r"regionalism_votes\.yml: claim C1\.1: spec"):
        checks.check_claim(entry, entry["evaluator"], evaluator)


def test_a_real_claim_without_its_rule_is_refused():
    entry = {k: v for k, v in claims.claim("C1.5").items() if k != "rule"}
    evaluator = verdicts.evaluators()[entry["evaluator"]]
    with pytest.raises(RegisterError, match=r"claim C1\.5: rule\.thresholds is missing"):
        checks.check_claim(entry, entry["evaluator"], evaluator)


def test_thresholds_behave_as_a_dict_for_optional_names():
    t = RuleThresholds("C1.5", {"margin": 0.1})
    assert t["margin"] == 0.1 and t.get("other", 2) == 2 and "other" not in t and len(t) == 1
    with pytest.raises(RegisterError, match="lacks 'other'"):
        t["other"]


def _notebook(path: Path, code: str) -> None:
    cell = {"cell_type": "code", "source": code, "metadata": {}, "outputs": []}
    path.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")


def test_a_claim_its_notebook_does_not_show_is_refused(tmp_path):
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "ch3_x.ipynb"
    entry = {"id": "C3.1", "evaluator": "ch3.noninterference", "notebook": "notebooks/ch3_x.ipynb"}
    _notebook(page, 'c = verdicts.evaluate("C3.2")\nshow.glue_claim(c)')
    with pytest.raises(RegisterError, match=r"claim C3\.1: notebook notebooks/ch3_x"):
        checks.check_shown(entry, tmp_path)
    _notebook(page, 'c = verdicts.evaluate("C3.1")\nshow.glue_claim(c)')
    checks.check_shown(entry, tmp_path)
    _notebook(page, 'glue("c3-1-odds-ratio", 1.0, display=False)')
    checks.check_shown(entry, tmp_path)
    with pytest.raises(RegisterError, match="does not exist"):
        checks.check_shown({**entry, "notebook": "notebooks/gone.ipynb"}, tmp_path)


def test_evidence_names_that_overwrite_glue_keys_are_refused():
    with pytest.raises(RegisterError, match=r"claim C1\.1: evidence entry 'verdict'.*headline"):
        checks.check_glue_keys("C1.1", ["percentile", "verdict"])
    with pytest.raises(RegisterError, match="'n_specs'"):
        checks.check_glue_keys("C1.1", ["n_specs"])
    with pytest.raises(RegisterError, match="evidence entry 'a-b'"):
        checks.check_glue_keys("C1.1", ["a-b", "a_b"])
    primary = SpecResult(Spec(), {"verdict": 1.0}, MIXED, 1.0)
    with pytest.raises(RegisterError, match="evidence entry 'verdict'"):
        show.glue_values(Result("C1.1", MIXED, "x", 1.0, "", (primary,)))


def test_the_register_passes_every_check():
    verdicts.check_register()


# --- every evaluator declares exactly the dimensions its evidence reads -------------------


def _reads(function) -> set[str]:
    """Dimension names an evidence function reads from ``spec``, through the module's helpers."""
    module = inspect.getmodule(function)
    tree = ast.parse(inspect.getsource(module))
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    # The function itself may be a closure made by a factory: read its own source.
    defs[function.__name__] = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    seen, todo, names = set(), [function.__name__], set()
    while todo:
        name = todo.pop()
        if name in seen or name not in defs:
            continue
        seen.add(name)
        for node in ast.walk(defs[name]):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                todo.append(node.func.id)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "spec"
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "spec"
                and isinstance(node.slice, ast.Constant)
            ):
                names.add(node.slice.value)
    return names


def test_every_evaluator_declares_the_dimensions_its_evidence_reads():
    wrong = {
        name: (sorted(evaluator.dimensions or {}), sorted(_reads(evaluator.evidence)))
        for name, evaluator in verdicts.evaluators().items()
        if evaluator.dimensions is None or set(evaluator.dimensions) != _reads(evaluator.evidence)
    }
    assert wrong == {}, f"evaluator: (declared, read) differ: {wrong}"


def test_glue_details_come_from_the_result():
    primary = SpecResult(Spec(), {"x": 1.0}, MIXED, 1.0)
    result = Result(
        "C3.3",
        MIXED,
        "x",
        1.0,
        "in words",
        (primary,),
        1.0,
        {"supports": 2, "mixed": 1},
        "supports",
    )
    assert show.detail_values(result) == {
        "c3-3-n-supports": 2,
        "c3-3-n-mixed": 1,
        "c3-3-original-verdict": "supports",
        "c3-3-summary": "in words",
    }
    with pytest.raises(RegisterError, match="'summary'"):
        checks.check_glue_keys("C3.3", ["summary"])
