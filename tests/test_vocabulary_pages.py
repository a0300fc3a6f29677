"""The five verdicts, the fidelity grades and the literature attribution are defined in the
glossary, in "Data and methods" and in the claims.json schema, with the register's words."""

from __future__ import annotations

import json
import re

from caorder import claims, ledger, paths


def _glossary_terms() -> set[str]:
    text = (paths.repo_root() / "book" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip() for line in block.splitlines() if re.match(r"^\S", line)}


def test_the_glossary_defines_every_verdict_and_flag():
    terms = _glossary_terms()
    assert set(claims.VERDICTS) <= terms
    assert {"fidelity", "attribution", "confirmatory", "weak evidence"} <= terms
    assert "sensitive to its threshold" in terms


def test_data_and_methods_names_every_verdict_and_the_lock():
    text = (paths.repo_root() / "book" / "data_and_methods.md").read_text(encoding="utf-8")
    text = " ".join(text.split())
    for verdict in claims.VERDICTS:
        assert f"*{verdict}*" in text, verdict
    assert "python -m caorder.claims lock" in text and "min_units" in text


def test_the_schema_describes_every_verdict_and_fidelity():
    schema = json.loads(ledger.SCHEMA_FILE.read_text(encoding="utf-8"))
    described = schema["$defs"]["verdict"]["description"]
    assert schema["$defs"]["verdict"]["enum"] == list(claims.VERDICTS)
    for verdict in claims.VERDICTS:
        assert verdict in described
    fidelity = schema["$defs"]["claim"]["properties"]["fidelity"]
    assert fidelity["enum"] == list(claims.FIDELITY)


def test_the_literature_attribution_says_the_paper_disputes_the_lens():
    wording = "a diagnosis the paper reports; it disputes the lens, not necessarily the facts"
    assert claims.ATTRIBUTIONS["literature"] == wording
    pages = (paths.repo_root() / "book").glob("*.md")
    stale = [p.name for p in pages if "reports from the literature, and disputes" in p.read_text()]
    assert stale == []
