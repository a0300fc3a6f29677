"""``python -m caorder.ledger diff``: what a change moved, claim by claim.

Hand-made ledgers check each kind of move; the demonstration changes a shared setting, how
absences count in pairwise agreement (:data:`caorder.agreement.ABSENCE`), in two fresh
processes and diffs the two ledgers of C1.4 and C3.9: the key numbers of both move (C3.9's,
which nobody would guess from the setting's name).
"""

from __future__ import annotations

import copy
import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from caorder import ledger, ledger_diff, paths

OLD = {
    "claims": [
        {
            "id": "C1.1",
            "verdict": "contradicts",
            "original_verdict": None,
            "value": 99.312,
            "share_agreeing": 1.0,
            "specifications": {
                "each": [
                    {"specification": "measure=kappa", "verdict": "contradicts", "statistic": 99.3},
                    {"specification": "measure=ac1", "verdict": "contradicts", "statistic": 97.0},
                ]
            },
        },
        {"id": "C1.2", "verdict": "mixed", "value": 0.0, "specifications": {"each": []}},
    ]
}


def _write(tmp_path: Path, name: str, document: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_nothing_moved_is_said_so():
    assert ledger_diff.diff(OLD, copy.deepcopy(OLD)) == []
    assert ledger_diff.report([]).startswith("Nothing moved")


def test_noise_below_the_shown_digits_is_not_a_move():
    new = copy.deepcopy(OLD)
    new["claims"][0]["value"] = 99.312000001
    assert ledger_diff.diff(OLD, new) == []


def test_headline_key_number_specification_and_membership_moves_are_listed():
    new = copy.deepcopy(OLD)
    first = new["claims"][0]
    first["verdict"], first["share_agreeing"], first["value"] = "mixed", 0.5, 60.0
    first["specifications"]["each"][1].update(verdict="mixed", statistic=60.0)
    new["claims"][1] = {"id": "C1.3", "verdict": "supports", "specifications": {"each": []}}
    changes = ledger_diff.diff(OLD, new)
    assert [(c.claim_id, c.status) for c in changes] == [
        ("C1.1", "changed"),
        ("C1.3", "added"),
        ("C1.2", "removed"),
    ]
    text = ledger_diff.report(changes)
    assert "  verdict: contradicts -> mixed" in text
    assert "  key number: 99.312 -> 60.0" in text
    assert "    measure=ac1: verdict: contradicts -> mixed" in text
    assert "measure=kappa" not in text  # that specification did not move
    assert "headline verdict changed: C1.1." in text
    assert "needs a `changed` entry in the register: C1.1." in text


def test_the_command_reads_two_files_and_refuses_a_bad_one(tmp_path, capsys):
    new = copy.deepcopy(OLD)
    new["claims"][1]["verdict"] = "supports"
    old_path, new_path = _write(tmp_path, "old.json", OLD), _write(tmp_path, "new.json", new)
    assert ledger.main(["diff", str(old_path), str(new_path)]) == 0
    assert "C1.2:\n  verdict: mixed -> supports" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert ledger.main(["diff", str(bad), str(new_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "bad.json" in error and error.count("\n") == 1


def test_every_shared_setting_is_a_real_constant_named_in_contributing():
    contributing = (paths.repo_root() / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in ledger_diff.SHARED_SETTINGS:
        module, constant = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), constant), name
        assert f"`{name}`" in contributing, f"CONTRIBUTING.md does not list {name}"


SCRIPT = textwrap.dedent(
    """
    import sys
    from caorder import agreement, claims, ledger, verdicts

    agreement.ABSENCE = sys.argv[1]
    entries = [claims.claim(c) for c in ("C1.4", "C3.9")]
    frame = ledger.evaluate_all(entries, lambda c: verdicts.evaluate(c, use_cache=False))
    ledger.write_json(frame, sys.argv[2])
    """
)


@pytest.mark.timeout(900)
def test_changing_how_absences_count_is_reported(tmp_path):
    """The issue's example: absences counted as abstentions flip C1.4 and move C3.9."""
    runs = {
        absence: subprocess.Popen(
            [sys.executable, "-c", SCRIPT, absence, str(tmp_path / f"{absence}.json")],
            stderr=subprocess.PIPE,
            text=True,
        )
        for absence in ("excluded", "abstain")
    }
    for run in runs.values():
        assert run.wait(timeout=900) == 0, run.stderr.read()[-2000:]
    old = ledger_diff.load(tmp_path / "excluded.json")
    new = ledger_diff.load(tmp_path / "abstain.json")
    changes = {c.claim_id: c for c in ledger_diff.diff(old, new)}
    assert set(changes) == {"C1.4", "C3.9"}
    # C1.4 stays inconclusive (three sessions after the break, under any count of absences),
    # but its key number moves; so does C3.9's, which nobody would guess.
    assert "key number" in {m.what for m in changes["C1.4"].headline}
    assert "key number" in {m.what for m in changes["C3.9"].headline}
    text = ledger_diff.report(list(changes.values()))
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    # CONTRIBUTING.md's example is this output (its "..." lines stand for the rest).
    contributing = (paths.repo_root() / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = contributing.split("on C1.4 and C3.9 gives\n\n```\n", 1)[1].split("```", 1)[0]
    shown = [line for line in example.splitlines() if line.strip() != "..."]
    assert [line for line in shown if line not in text.splitlines()] == []
