"""The claims ledger, built from a small stand-in register and stand-in evaluators."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from caorder import ledger
from caorder.claims import Verdict


def entry(claim_id: str, notebook: str = "notebooks/ch1_cohesion.ipynb") -> dict:
    return {
        "id": claim_id,
        "chapter": int(claim_id[1]),
        "section": "§1 Regionalism and Central Asia",
        "quote": "failed regionalism",
        "claim": "The five states vote together less than comparable groups do.",
        "element": "diagnosis",
        "concept": "regional cohesion",
        "indicator": "mean pairwise kappa",
        "data": "UNGA roll calls 1992-2019",
        "test": "percentile among random five-state groups",
        "notebook": notebook,
        "blind_spot": "consensus adoptions leave no roll call",
    }


VERDICTS = {
    "C1.1": Verdict("C1.1", "contradicts", "percentile among random groups", 97.25, "High."),
    "C1.2": Verdict("C1.2", "cannot be tested with these data", "none", None, "No data."),
    "C3.10": Verdict("C3.10", "supports", "share of votes", 0.81234, "Mostly."),
}


@pytest.fixture()
def frame() -> pd.DataFrame:
    entries = [entry("C1.1"), entry("C1.2"), entry("C3.10", "notebooks/ch3_rules.ipynb")]
    return ledger.evaluate_all(entries, evaluate=VERDICTS.__getitem__)


def test_anchor_is_lowercase_with_dashes():
    assert ledger.anchor("C3.2") == "claim-c3-2"


def test_evaluate_all_joins_register_and_verdict_fields(frame):
    assert list(frame["id"]) == ["C1.1", "C1.2", "C3.10"]
    assert list(frame["verdict"]) == ["contradicts", "cannot be tested with these data", "supports"]
    assert frame.loc[0, "indicator"] == "mean pairwise kappa"
    assert frame.loc[2, "anchor"] == "claim-c3-10"


def test_evaluate_all_fails_loudly_on_a_missing_evaluator():
    with pytest.raises(KeyError):
        ledger.evaluate_all([entry("C9.9")], evaluate=VERDICTS.__getitem__)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "n/a"), (float("nan"), "n/a"), (97.25, "97.2"), (0.81234, "0.812"), (1234.6, "1,235"),
     (12.0, "12"), (-0.5, "-0.500")],
)
def test_format_value(value, shown):
    assert ledger.format_value(value) == shown


def test_short_title_cuts_at_a_word_boundary():
    text = "word " * 30
    title = ledger.short_title(text, limit=22)
    assert title == "word word word word…"
    assert ledger.short_title("Short claim.") == "Short claim"


def test_notebook_doc_is_relative_to_the_ledger_page():
    assert ledger.notebook_doc("notebooks/ch1_cohesion.ipynb") == "ch1_cohesion"
    assert ledger.notebook_doc("notebooks/ch1_cohesion.ipynb", "book") == "../notebooks/ch1_cohesion"


def test_ledger_markdown_has_target_heading_and_links(frame):
    text = ledger.ledger_markdown(frame.iloc[0])
    lines = text.splitlines()
    assert lines[0] == "(claim-c1-1)="
    assert lines[1].startswith("### C1.1 · The five states vote together")
    assert "{cite:p}`costaburanelli2021`" in text
    assert "**Verdict: contradicts.** percentile among random groups: **97.2**." in text
    assert "{doc}`ch1_cohesion`" in text
    assert "consensus adoptions leave no roll call" in text
    assert "**Element of order.** diagnosis: regional cohesion" in text


def test_an_untestable_claim_shows_no_statistic(frame):
    text = ledger.ledger_markdown(frame.iloc[1])
    assert "**Verdict: cannot be tested with these data.**\n" in text
    assert "n/a" not in text


def test_element_text_does_not_repeat_the_element():
    assert ledger.element_text("rule", "rule: non-interference") == "rule: non-interference"
    assert ledger.element_text("rule", "non-interference") == "rule: non-interference"
    assert ledger.element_text("goal", None) == "goal"


def test_overview_and_counts(frame):
    table = ledger.overview(frame)
    assert list(table.columns) == ["id", "verdict", "statistic", "value"]
    assert list(table["value"]) == ["97.2", "n/a", "0.812"]
    assert ledger.verdict_counts(frame) == {
        "supports": 1, "mixed": 0, "contradicts": 1, "untestable": 1,
    }


def test_write_json_is_plain_and_deterministic(frame, tmp_path):
    first = ledger.write_json(frame, tmp_path / "extra" / "claims.json")
    text = first.read_text(encoding="utf-8")
    document = json.loads(text)
    assert [c["id"] for c in document["claims"]] == ["C1.1", "C1.2", "C3.10"]
    assert document["claims"][1]["value"] is None
    assert math.isclose(document["claims"][0]["value"], 97.25)
    assert document["counts"]["contradicts"] == 1
    assert "§1" in text  # UTF-8, not \u escapes
    second = ledger.write_json(frame, tmp_path / "again.json")
    assert second.read_text(encoding="utf-8") == text


def test_main_writes_the_json_to_the_given_path(tmp_path, monkeypatch, capsys):
    frame = ledger.evaluate_all([entry("C1.1")], evaluate=VERDICTS.__getitem__)
    monkeypatch.setattr(ledger, "evaluate_all", lambda: frame)
    assert ledger.main([str(tmp_path / "claims.json")]) == 0
    assert json.loads((tmp_path / "claims.json").read_text())["claims"][0]["id"] == "C1.1"
    assert "claims.json" in capsys.readouterr().out


def test_the_default_path_is_the_site_extra_folder():
    path = ledger.default_json_path()
    assert path.parts[-3:] == ("_build", "extra", "claims.json")
