"""The register cannot change silently: fingerprints, the lock and its refusal, the changed
entries, fidelity grades and the confirmatory evidence checked against the git history."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

from caorder import claims, paths

CLAIM = """\
- id: C1.1
  attribution: paper
  fidelity: direct
  evaluator: ch1.cohesion_vs_random
  declared: 2026-11-28
  rule:
    thresholds: {supports_below: 25, contradicts_above: 75}
  specifications:
    measure: [kappa, agreement]
  chapter: 1
  section: "§1 Regionalism and Central Asia"
  quote: "a failed region"
  claim: The five vote apart.
  element: diagnosis
  indicator: kappa
  data: UNGA votes
  test: random groups
  notebook: notebooks/ch1_cohesion.ipynb
  blind_spot: consensus adoptions
"""
CHANGE = """\
  changed:
    - date: 2026-12-04
      old: {thresholds: {supports_below: 25, contradicts_above: 75}}
      new: {thresholds: {supports_below: 25, contradicts_above: 80}}
      reason: a planted change
      verdict_before: mixed
      verdict_after: mixed
"""


def _register(tmp_path, text: str):
    folder = tmp_path / "claims"
    folder.mkdir(exist_ok=True)
    (folder / "c1.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    claims._register_cached.cache_clear()
    return folder


def test_the_project_register_agrees_with_its_lock():
    problems = claims.lock_problems()
    assert problems == [], "\n".join(problems)


def test_the_fingerprint_sees_thresholds_specifications_and_test_not_prose():
    entry = {
        "evaluator": "ch1.x",
        "rule": {"thresholds": {"a": 1}, "bands": {"a": 0.1}},
        "specifications": {"m": [1, 2]},
        "test": "supports if a",
        "claim": "prose",
    }
    same = {**entry, "claim": "other prose", "test": "supports   if\n a"}
    assert claims.fingerprint(entry) == claims.fingerprint(same)
    for changed in (
        {**entry, "rule": {"thresholds": {"a": 2}}},
        {**entry, "specifications": {"m": [1]}},
        {**entry, "test": "supports if b"},
        {**entry, "evaluator": "ch1.y"},
    ):
        assert claims.fingerprint(changed) != claims.fingerprint(entry)
    assert len(claims.fingerprint(entry)) == 16


def test_a_silent_change_of_a_threshold_is_refused_and_fails_the_check(tmp_path):
    folder = _register(tmp_path, CLAIM)
    lock = tmp_path / "register.lock.yml"
    claims.write_lock(folder, lock)
    assert claims.lock_problems(folder, lock) == []
    _register(tmp_path, CLAIM.replace("contradicts_above: 75", "contradicts_above: 80"))
    (problem,) = claims.lock_problems(folder, lock)
    assert "C1.1" in problem and "without a new changed entry" in problem
    before = lock.read_text()
    with pytest.raises(ValueError, match=r"Refusing to relock \['C1.1'\]"):
        claims.write_lock(folder, lock)
    assert lock.read_text() == before  # nothing written


def test_a_change_recorded_in_full_is_accepted(tmp_path):
    folder = _register(tmp_path, CLAIM)
    lock = tmp_path / "register.lock.yml"
    claims.write_lock(folder, lock)
    changed = CLAIM.replace("contradicts_above: 75", "contradicts_above: 80").replace(
        "  chapter: 1\n", CHANGE + "  chapter: 1\n"
    )
    _register(tmp_path, changed.replace("      verdict_after: mixed\n", ""))
    with pytest.raises(ValueError, match="verdict_after"):
        claims.write_lock(folder, lock)
    _register(tmp_path, changed)
    written = claims.write_lock(folder, lock)
    assert written["C1.1"]["changes"] == 1
    assert claims.lock_problems(folder, lock) == []


def test_new_claims_are_added_freely_and_named_until_locked(tmp_path):
    folder = _register(tmp_path, CLAIM)
    lock = tmp_path / "register.lock.yml"
    claims.write_lock(folder, lock)
    _register(tmp_path, CLAIM + CLAIM.replace("id: C1.1", "id: C1.2"))
    assert claims.lock_problems(folder, lock) == [
        "C1.2 is not in the lock: run python -m caorder.claims lock"
    ]
    assert set(claims.write_lock(folder, lock)) == {"C1.1", "C1.2"}


def test_the_lock_command_refuses_with_one_line_and_a_nonzero_code(tmp_path, monkeypatch, capsys):
    folder = _register(tmp_path, CLAIM)
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    assert claims.main(["lock"]) == 0
    assert folder.parent.joinpath(claims.LOCK_NAME).exists()
    _register(tmp_path, CLAIM.replace("contradicts_above: 75", "contradicts_above: 80"))
    assert claims.main(["check"]) == 1
    assert claims.main(["lock"]) == 1
    assert "Refusing to relock" in capsys.readouterr().err
    claims._register_cached.cache_clear()


# --- fidelity -----------------------------------------------------------------------------


def test_every_claim_has_a_fidelity_and_no_paper_claim_is_a_neighbour():
    for entry in claims.register():
        assert entry["fidelity"] in claims.FIDELITY, entry["id"]
        if entry["fidelity"] == "neighbour":
            assert entry["attribution"] == "extension", entry["id"]
            assert claims.claim(entry["neighbours"])["attribution"] != "extension"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "has no fidelity"),
        ("  fidelity: close\n", "fidelity 'close'"),
        ("  fidelity: proxy\n", "proxy_for"),
        ("  fidelity: neighbour\n", "attribution: extension"),
    ],
)
def test_a_missing_or_unexplained_fidelity_is_refused(tmp_path, line, message):
    _register(tmp_path, CLAIM.replace("  fidelity: direct\n", line))
    with pytest.raises(ValueError, match=message):
        claims.register(tmp_path / "claims")
    claims._register_cached.cache_clear()


def test_a_neighbour_must_name_a_registered_claim(tmp_path):
    text = CLAIM.replace(
        "attribution: paper\n  fidelity: direct",
        "attribution: extension\n  fidelity: neighbour\n  neighbours: C9.9",
    )
    _register(tmp_path, text)
    with pytest.raises(ValueError, match="C9.9"):
        claims.register(tmp_path / "claims")
    claims._register_cached.cache_clear()


# --- the reconstructed changes -----------------------------------------------------------

RECONSTRUCTED = {"C1.1", "C1.5", "C2.3", "C3.4"}


def test_the_reconstructed_changes_are_in_the_register_with_their_verdicts():
    for claim_id in RECONSTRUCTED:
        changes = claims.claim(claim_id)["changed"]
        first = changes[0]
        assert first["reconstructed"] is True and first["after_results"] is True, claim_id
        for field in claims.CHANGE_FIELDS:
            assert first.get(field) not in (None, ""), (claim_id, field)
    assert claims.claim("C1.5")["changed"][0]["verdict_before"] == "supports"
    assert claims.claim("C2.3")["changed"][0]["verdict_after"] == (
        "cannot be tested with these data"
    )
    assert claims.claim("C3.4")["changed"][0]["verdict_before"] == "supports"


def test_every_change_recorded_since_the_lock_gives_all_its_fields():
    for entry in claims.register():
        for change in entry.get("changed") or []:
            if change.get("date") and str(change["date"]) >= "2026-12-01":
                missing = [f for f in claims.CHANGE_FIELDS if f not in change]
                assert missing == [], (entry["id"], missing)


# --- confirmatory or exploratory ---------------------------------------------------------


def test_confirmatory_reads_the_commits_and_the_history_of_the_rule():
    base = {"evaluator": "ch1.x", "declared": "2026-11-29"}
    assert claims.confirmatory({"evaluator": "untestable"}) is None
    assert claims.confirmatory({**base, "rule_commit": "aaaa111", "result_commit": "bbbb222"})
    assert not claims.confirmatory({**base, "rule_commit": "aaaa111", "result_commit": "aaaa111"})
    assert not claims.confirmatory(base)
    assert not claims.confirmatory(
        {**base, "declared": "reconstructed", "rule_commit": "a1", "result_commit": "b2"}
    )
    late = {"rule_commit": "a1", "result_commit": "b2", "changed": [{"after_results": True}]}
    assert not claims.confirmatory({**base, **late})
    split = {**late, "changed": [{"after_results": True, "split": True}]}
    assert claims.confirmatory({**base, **split})


def _git(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *arguments], cwd=paths.repo_root(), capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(
    shutil.which("git") is None or not (paths.repo_root() / ".git").exists(),
    reason="no git history in this copy (e.g. an unpacked release)",
)
def test_the_rule_and_result_commits_are_in_the_history_in_the_order_claimed():
    """A confirmatory claim's rule commit is a strict ancestor of its result commit; an
    exploratory one's is not (or the rule changed after the results)."""
    if _git("cat-file", "-e", "0c4b0649^{commit}").returncode != 0:
        pytest.skip("a shallow clone: the history of the register is not here")
    for entry in claims.register():
        rule, result = entry.get("rule_commit"), entry.get("result_commit")
        if not rule:
            continue
        for commit in (rule, result):
            assert _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0, (
                entry["id"],
                commit,
            )
        before = (
            rule != result and _git("merge-base", "--is-ancestor", rule, result).returncode == 0
        )
        if claims.confirmatory(entry):
            assert before, f"{entry['id']} is called confirmatory but {rule} is not before {result}"
        elif str(entry["declared"]) == "reconstructed":
            assert not before, f"{entry['id']}: {rule} precedes {result}; the date is backed"


def test_weak_evidence_needs_a_reason_in_the_register(tmp_path):
    _register(
        tmp_path, CLAIM.replace("  fidelity: direct\n", "  fidelity: direct\n  strength: weak\n")
    )
    with pytest.raises(ValueError, match="strength_reason"):
        claims.register(tmp_path / "claims")
    _register(
        tmp_path,
        CLAIM.replace(
            "  fidelity: direct\n",
            "  fidelity: direct\n  strength: weak\n  strength_reason: titles only\n",
        ),
    )
    (entry,) = claims.register(tmp_path / "claims")
    assert entry["strength_reason"] == "titles only"
    claims._register_cached.cache_clear()
