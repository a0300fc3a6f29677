"""The paper's empirical claims (data/paper_claims.yml) and the claims added to cover them.

Rule tests use hand-made evidence (no data access); the analysis functions are tested on
small hand-made tables.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from caorder import claims, ledger, paths, quotes, summits
from caorder.verdicts import ch1, ch3
from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS

# --- C1.19: the CAU -> CAEC -> CACO sequence ----------------------------------------------

SUCCESSION = {"tolerance_years": 1}


def test_cau_succession_rule():
    found = {"sequence_found": 1.0, "links_found": 3.0, "chain_end_year": 2006.0}
    assert ch1.cau_succession_rule(found | {"max_year_gap": 1.0}, SUCCESSION) == SUPPORTS
    assert ch1.cau_succession_rule(found | {"max_year_gap": 2.0}, SUCCESSION) == MIXED
    broken = found | {"sequence_found": 0.0, "max_year_gap": 0.0}
    assert ch1.cau_succession_rule(broken, SUCCESSION) == CONTRADICTS


def _organisations(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["organisation", "founded", "ended", "outside_founders"])
    frame = frame.assign(name=frame["organisation"], kind="organisation")
    frame["ended"] = frame["ended"].replace("", None)
    return frame.assign(start=pd.to_datetime(frame["founded"]), stop=pd.to_datetime(frame["ended"]))


def test_succession_chain_follows_refoundings_only():
    table = _organisations(
        [
            ("A", "1994-01-01", "1998-07-17", "none"),
            ("B", "1998-07-17", "2002-02-28", "none"),
            ("X", "1998-07-17", "", "RUS"),  # founded the same day but with an outside founder
            ("C", "2002-02-28", "2006-01-25", "none"),
            ("D", "2007-01-01", "", "none"),  # not founded when C ended
        ]
    )
    chain = summits.succession_chain(table, "A")
    assert list(chain["organisation"]) == ["A", "B", "C"]
    assert list(chain["year"]) == [1994, 1998, 2002]


# --- C3.24: the consultative meetings delimit Central Asia to the five --------------------

FIVE_ONLY = {"supports_max_share": 0.0, "contradicts_min_share": 0.5}


def test_five_only_rule():
    def verdict(share: float) -> str:
        return ch3.five_only_rule({"share_with_outside_state": share}, FIVE_ONLY)

    assert verdict(0.0) == SUPPORTS
    assert verdict(0.25) == MIXED
    assert verdict(0.5) == CONTRADICTS


def test_outside_states_reads_iso3_codes_of_states_only():
    events = pd.DataFrame(
        {
            "event_id": ["M1", "M2", "M3", "M4"],
            "series": ["consultative_meeting"] * 3 + ["c5plus_summit"],
            "year": [2018, 2023, 2024, 2024],
            "guests": [
                "none reported",
                "AZE President (guest); WHO Regional Director",
                None,
                "RUS President",
            ],
        }
    )
    table = summits.outside_states(events)
    assert list(table["event_id"]) == ["M1", "M2", "M3"]
    assert list(table["outside_states"]) == ["", "AZE", ""]
    assert list(table["with_outside"]) == [False, True, False]


# --- the inventory: data/paper_claims.yml ------------------------------------------------

INVENTORY = paths.data_dir() / "paper_claims.yml"


def _edited_copy(tmp_path: Path, edit) -> Path:
    """A temporary copy of the inventory with ``edit`` applied to its parsed document."""
    document = yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))
    edit(document)
    copy = tmp_path / "paper_claims.yml"
    copy.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return copy


def test_every_quote_is_verbatim_in_its_section(paper):
    entries = claims.inventory().claims
    failing = [
        f"{e['id']}: {e['quote']!r} not in {e['section']}"
        for e in entries
        if not paper.contains(e["quote"], quotes.sections_named(e["section"]))
    ]
    assert not failing, "; ".join(failing)


def test_an_altered_quote_is_caught(paper):
    entry = claims.inventory().claims[0]
    sections = quotes.sections_named(entry["section"])
    assert paper.contains(entry["quote"], sections)
    assert not paper.contains(entry["quote"] + " and more besides", sections)


def test_every_claim_is_covered_by_registered_claims():
    inventory = claims.inventory()
    known = {entry["id"] for entry in claims.register()}
    assert inventory.claims
    for entry in inventory.claims:
        assert entry["covered_by"], entry["id"]
        assert set(entry["covered_by"]) <= known, entry["id"]


def test_every_register_entry_is_accounted_for():
    """Each register entry covers an inventory claim or is listed as not an empirical claim."""
    inventory = claims.inventory()
    covering = {c for entry in inventory.claims for c in entry["covered_by"]}
    stray = sorted({e["id"] for e in claims.register()} - covering - set(inventory.not_empirical))
    assert not stray, f"register entries neither covering a paper claim nor listed: {stray}"


def test_an_uncovered_claim_fails(tmp_path):
    def uncover(document: dict) -> None:
        document["claims"][3]["covered_by"] = []

    with pytest.raises(ValueError, match=r"lacks .*covered_by"):
        claims.inventory(_edited_copy(tmp_path, uncover))


def test_an_unknown_register_id_fails(tmp_path):
    def misname(document: dict) -> None:
        document["claims"][0]["covered_by"] = ["C9.99"]

    with pytest.raises(ValueError, match=r"C9\.99"):
        claims.inventory(_edited_copy(tmp_path, misname))


def test_a_duplicated_id_fails(tmp_path):
    def duplicate(document: dict) -> None:
        document["claims"].append(dict(document["claims"][0]))

    with pytest.raises(ValueError, match="used twice"):
        claims.inventory(_edited_copy(tmp_path, duplicate))


def test_testable_claims_need_a_tested_register_entry(tmp_path):
    def overclaim(document: dict) -> None:
        entry = next(e for e in document["claims"] if e["covered_by"] == ["C1.10"])
        entry["testable_with_book_data"] = "yes"

    with pytest.raises(ValueError, match="every claim covering it is untestable"):
        claims.inventory(_edited_copy(tmp_path, overclaim))


def test_inventory_counts_add_up():
    counts = ledger.inventory_counts()
    rows = claims.inventory().claims
    assert counts["total"] == len(rows) == counts["paper"] + counts["literature"]
    assert counts["covered"] == counts["total"]
    levels = counts["testable_yes"] + counts["testable_partly"] + counts["testable_no"]
    assert levels == counts["total"]
    assert counts["testable_any"] == counts["testable_yes"] + counts["testable_partly"]
    assert counts["paper"] == sum(e["id"].startswith("P") for e in rows)
