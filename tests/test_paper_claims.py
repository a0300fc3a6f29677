"""The paper's empirical claims (data/paper_claims.yml) and the claims added to cover them.

Rule tests use hand-made evidence (no data access); the analysis functions are tested on
small hand-made tables.
"""

from __future__ import annotations

import pandas as pd

from caorder import summits
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
    table = _organisations([
        ("A", "1994-01-01", "1998-07-17", "none"),
        ("B", "1998-07-17", "2002-02-28", "none"),
        ("X", "1998-07-17", "", "RUS"),  # founded the same day but with an outside founder
        ("C", "2002-02-28", "2006-01-25", "none"),
        ("D", "2007-01-01", "", "none"),  # not founded when C ended
    ])
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
    events = pd.DataFrame({
        "event_id": ["M1", "M2", "M3", "M4"],
        "series": ["consultative_meeting"] * 3 + ["c5plus_summit"],
        "year": [2018, 2023, 2024, 2024],
        "guests": ["none reported", "AZE President (guest); WHO Regional Director", None,
                   "RUS President"],
    })
    table = summits.outside_states(events)
    assert list(table["event_id"]) == ["M1", "M2", "M3"]
    assert list(table["outside_states"]) == ["", "AZE", ""]
    assert list(table["with_outside"]) == [False, True, False]
