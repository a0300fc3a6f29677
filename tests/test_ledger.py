"""The claims ledger, built from a small stand-in register and stand-in evaluators."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from caorder import ledger
from caorder.verdicts import core


def entry(claim_id: str, notebook: str = "notebooks/ch1_cohesion.ipynb") -> dict:
    return {
        "id": claim_id,
        "attribution": "literature" if claim_id.startswith("C1") else "paper",
        "fidelity": "direct",
        "evaluator": "toy",
        "declared": "2026-11-28",
        "rule": {"thresholds": {"high": 75}},
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


def result(claim_id: str, verdict: str, statistic: str, value, summary: str) -> core.Result:
    """A stand-in result with one primary specification (none when untestable)."""
    if verdict == core.UNTESTABLE:
        return core.untestable(claim_id, summary)
    spec = core.SpecResult(core.Spec(), {"x": value, "p": 0.04}, verdict, value)
    return core.Result(
        claim_id, verdict, statistic, value, summary, (spec,), 1.0, core.split([spec])
    )


VERDICTS = {
    "C1.1": result("C1.1", "contradicts", "percentile among random groups", 97.25, "High."),
    "C1.2": result("C1.2", "cannot be tested with these data", "none", None, "No data."),
    "C3.10": result("C3.10", "supports", "share of votes", 0.81234, "Mostly."),
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
    [
        (None, "n/a"),
        (float("nan"), "n/a"),
        (97.25, "97.2"),
        (0.81234, "0.812"),
        (1234.6, "1,235"),
        (12.0, "12"),
        (-0.5, "-0.500"),
    ],
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
    assert (
        ledger.notebook_doc("notebooks/ch1_cohesion.ipynb", "book") == "../notebooks/ch1_cohesion"
    )


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
    assert list(table.columns) == [
        "claim",
        "whose claim",
        "verdict",
        "key statistic",
        "value",
        "specifications agreeing",
        "counted as",
        "confirmatory",
        "flags",
    ]
    assert list(table["value"]) == ["97.2", "n/a", "0.812"]
    assert list(table["specifications agreeing"]) == ["100%", "n/a", "100%"]
    assert ledger.verdict_counts(frame) == {
        "supports": 1,
        "mixed": 0,
        "contradicts": 1,
        "inconclusive": 0,
        "untestable": 1,
    }


def test_write_json_is_plain_and_deterministic(frame, tmp_path):
    first = ledger.write_json(frame, tmp_path / "extra" / "claims.json")
    text = first.read_text(encoding="utf-8")
    document = json.loads(text)
    assert [c["id"] for c in document["claims"]] == ["C1.1", "C1.2", "C3.10"]
    assert document["claims"][1]["value"] is None
    assert math.isclose(document["claims"][0]["value"], 97.25)
    assert document["counts"]["contradicts"] == 1
    assert document["counts_by_attribution"]["literature"]["contradicts"] == 1
    assert document["counts_by_attribution"]["paper"]["supports"] == 1
    assert document["schema_version"] == ledger.SCHEMA_VERSION
    assert "every claim of" not in document["description"].lower()
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


def test_the_entry_says_whose_claim_and_the_rule(frame):
    text = ledger.ledger_markdown(frame.iloc[0])
    assert "**Whose claim.** A diagnosis the paper reports; it disputes the lens" in text
    assert "`high` = 75; declared 2026-11-28" in text
    assert "**Robustness.** 100% of 1 specifications agree" in text


def test_a_changed_rule_is_shown_with_the_original_verdict(frame):
    row = frame.iloc[0].copy()
    row["changed"] = [
        {
            "date": "2026-11-29",
            "old": {"text": "old rule"},
            "new": {"text": "new rule"},
            "reason": "looked first",
            "after_results": True,
        }
    ]
    row["original_verdict"] = "mixed"
    text = ledger.ledger_markdown(row)
    assert "after the results had been seen" in text
    assert "Under the rule as first declared the verdict would be **mixed**." in text


def test_counts_by_attribution_keep_every_row_and_column(frame):
    table = ledger.counts_by_attribution(frame)
    assert table.shape == (4, 5)
    assert int(table.to_numpy().sum()) == len(frame)


def _validate(path) -> None:
    import jsonschema

    schema = json.loads(ledger.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_the_stand_in_ledger_matches_the_published_schema(frame, tmp_path):
    path = ledger.write_json(frame, tmp_path / "claims.json")
    _validate(path)
    assert (tmp_path / "claims.schema.json").is_file()


def test_a_file_that_breaks_the_schema_is_caught(frame, tmp_path):
    import jsonschema

    path = ledger.write_json(frame, tmp_path / "claims.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"][0]["verdict"] = "probably"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError, match="probably"):
        _validate(path)


@pytest.mark.timeout(600)
def test_the_real_ledger_matches_the_published_schema(tmp_path):
    path = ledger.write_json(ledger.evaluate_all(), tmp_path / "claims.json")
    _validate(path)


# --- fidelity, confirmatory counts, margins and the first-rule sentence -------------------


def _graded(claim_id, attribution, fidelity, **extra) -> dict:
    return {**entry(claim_id), "attribution": attribution, "fidelity": fidelity, **extra}


GRADED = {
    "C3.1": result("C3.1", "supports", "s", 0.2, "One way."),
    "C3.2": result("C3.2", "mixed", "s", 0.5, "Both ways."),
    "C3.3": result("C3.3", "supports", "s", 0.1, "Proxy."),
    "C3.4": result("C3.4", "contradicts", "s", 0.9, "Neighbour."),
    "C3.5": result("C3.5", "cannot be tested with these data", "none", None, "No data."),
}


@pytest.fixture()
def graded() -> pd.DataFrame:
    entries = [
        _graded("C3.1", "paper", "direct", rule_commit="aaaa111", result_commit="bbbb222"),
        _graded("C3.2", "paper", "direct", rule_commit="aaaa111", result_commit="aaaa111"),
        _graded("C3.3", "paper", "proxy", proxy_for="one part"),
        _graded("C3.4", "extension", "neighbour", neighbours="C3.1"),
        _graded("C3.5", "paper", "direct", evaluator="untestable"),
    ]
    return ledger.evaluate_all(entries, evaluate=GRADED.__getitem__)


def test_headline_counts_only_the_papers_claims_tested_directly(graded):
    counts = ledger.headline_counts(graded)
    assert counts["n-claims"] == 3 and counts["n-tested"] == 2
    assert (counts["n-supports"], counts["n-mixed"], counts["n-contradicts"]) == (1, 1, 0)
    assert counts["n-untestable"] == 1
    assert counts["n-confirmatory"] == 1 and counts["confirmatory-supports"] == 1
    assert counts["n-proxy"] == 1 and counts["n-extension"] == 1
    # the neighbour's contradicts and the proxy's supports are not the paper's direct verdicts
    keys = ledger.glue_keys(graded)
    assert keys["ledger-direct-n-supports"] == 1 and keys["ledger-ch3-direct-n-tested"] == 2


def test_counts_by_standing_keep_every_row(graded):
    table = ledger.counts_by_standing(graded)
    assert table.shape == (len(ledger.STANDINGS), 5)
    assert int(table.to_numpy().sum()) == len(graded)
    assert table.loc[ledger.STANDINGS["extension"], "contradicts"] == 1


def test_the_entry_grades_fidelity_and_confirmatory(graded):
    direct, same_commit, proxy, neighbour, _ = (graded.iloc[i] for i in range(5))
    assert "**Fidelity.** Direct" in ledger.ledger_markdown(direct)
    assert "**Confirmatory.** Commit `aaaa111` holds the rule before commit `bbbb222`" in (
        ledger.ledger_markdown(direct)
    )
    assert "**Exploratory.**" in ledger.ledger_markdown(same_commit)
    assert "Proxy: one part" in ledger.ledger_markdown(proxy)
    assert "{ref}`C3.1 <claim-c3-1>`" in ledger.ledger_markdown(neighbour)


def test_the_first_rule_sentence_appears_only_with_a_first_rule_verdict(frame):
    without = frame.iloc[0].copy()
    without["original_verdict"] = float("nan")  # what a table row holds for no first rule
    assert "as first declared" not in ledger.ledger_markdown(without)
    assert "nan" not in ledger.ledger_markdown(without)
    with_first = frame.iloc[0].copy()
    with_first["original_verdict"] = "contradicts"
    assert "would be **contradicts**" in ledger.ledger_markdown(with_first)


def test_the_real_ledger_never_prints_a_missing_first_rule_verdict():
    rows = ledger.evaluate_all()
    texts = [ledger.ledger_markdown(row) for _, row in rows.iterrows()]
    assert not [t for t in texts if "would be **nan**" in t or "would be **None**" in t]
    assert sum("as first declared the verdict would be" in t for t in texts) == int(
        rows["original_verdict"].notna().sum()
    )


def test_margins_and_a_sensitive_verdict_are_shown_and_flagged():
    evaluator = core.Evaluator(
        evidence=lambda spec: {"x": 0.78},
        rule=lambda ev, t: core.SUPPORTS if ev["x"] <= t["cut"] else core.MIXED,
        key="x",
        statistic="x",
        summary=lambda ev: "x",
        compared={"cut": ("x",)},
    )
    spec = core.judge(evaluator, core.Spec(), {"x": 0.78}, {"cut": 0.8})
    edge = core.combine("C3.1", evaluator, [spec], {"cut": 0.8}, bands={"cut": 0.05})
    frame = ledger.evaluate_all(
        [_graded("C3.1", "paper", "direct", rule={"thresholds": {"cut": 0.8}})],
        evaluate=lambda claim_id: edge,
    )
    text = ledger.ledger_markdown(frame.iloc[0])
    assert "`cut` = 0.8: x = 0.780, margin -0.02" in text
    assert "sensitive to its threshold" in text
    assert ledger.overview(frame).loc[0, "flags"] == "sensitive to its threshold"


def test_the_changed_entry_shows_the_verdicts_before_and_after(frame):
    row = frame.iloc[0].copy()
    row["changed"] = [
        {
            "date": "2026-11-29",
            "old": {"text": "old rule"},
            "new": {"text": "new rule"},
            "reason": "found in the history",
            "reconstructed": True,
            "verdict_before": "supports",
            "verdict_after": "mixed",
            "after_results": True,
        }
    ]
    row["declared"] = "reconstructed"
    text = ledger.ledger_markdown(row)
    assert "(reconstructed from the git history)" in text
    assert "Verdict before: *supports*; after: *mixed*." in text
    assert "declared date reconstructed" in text


def test_claims_json_carries_fidelity_confirmatory_and_margins(graded, tmp_path):
    document = json.loads(ledger.write_json(graded, tmp_path / "claims.json").read_text())
    first = document["claims"][0]
    assert first["fidelity"] == "direct" and first["counted_as"] == "direct"
    assert first["confirmatory"] is True and document["claims"][1]["confirmatory"] is False
    assert document["claims"][4]["confirmatory"] is None
    assert len(first["fingerprint"]) == 16 and "threshold_checks" in first
    assert document["counts_direct"]["n-tested"] == 2
    assert document["counts_by_counted_as"]["extension"]["contradicts"] == 1
    _validate(tmp_path / "claims.json")


def test_a_weak_verdict_is_flagged_in_the_entry_and_the_overview():
    evaluator = core.Evaluator(
        evidence=lambda spec: {"x": 1.0},
        rule=lambda ev, t: core.SUPPORTS,
        key="x",
        statistic="x",
        summary=lambda ev: "x",
    )
    spec = core.judge(evaluator, core.Spec(), {"x": 1.0}, {})
    weak = core.combine("C3.1", evaluator, [spec], {}, weak_reason="documents read by title only")
    frame = ledger.evaluate_all(
        [_graded("C3.1", "paper", "direct")], evaluate=lambda claim_id: weak
    )
    text = ledger.ledger_markdown(frame.iloc[0])
    assert "**Verdict: supports.** (weak evidence: documents read by title only)" in text
    assert ledger.overview(frame).loc[0, "flags"] == "weak evidence"
    assert ledger.headline_counts(frame)["n-weak"] == 1


def test_figures_come_from_the_register_entry_or_the_books_map():
    assert ledger.figures({"id": "C3.1"}) == list(ledger.EVIDENCE_FIGURES["C3.1"])
    assert ledger.figures({"id": "C3.1", "figures": ["fig-own"]}) == ["fig-own"]
    assert ledger.figures({"id": "C9.9", "figures": math.nan}) == []


def test_section_url_points_at_the_verdict_box_only_where_the_page_has_one(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "ch1_cohesion.ipynb").write_text(
        json.dumps({"outputs": '<aside id="verdict-c1-1">'}), encoding="utf-8"
    )
    row = {"id": "C1.1", "notebook": "notebooks/ch1_cohesion.ipynb"}
    assert ledger.section_url(row, tmp_path) == "notebooks/ch1_cohesion.html#verdict-c1-1"
    other = {"id": "C1.5", "notebook": "notebooks/ch1_cohesion.ipynb"}
    assert ledger.section_url(other, tmp_path) == "notebooks/ch1_cohesion.html"
    shown_here = {"id": "C1.11", "notebook": "notebooks/claims_ledger.ipynb"}
    assert ledger.section_url(shown_here, tmp_path) == "notebooks/claims_ledger.html#claim-c1-11"


def test_claims_json_carries_the_date_section_urls_and_figures(frame, tmp_path):
    document = json.loads(ledger.write_json(frame, tmp_path / "claims.json").read_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["book_date"])
    first = document["claims"][0]
    assert first["figures"] == list(ledger.EVIDENCE_FIGURES["C1.1"])
    assert first["section_url"].startswith("notebooks/")
