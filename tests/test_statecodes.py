"""COW and Gleditsch-Ward state codes map to the book's ISO3 codes (data/state_codes.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import countries, statecodes
from caorder.errors import CuratedDataError


def test_the_five_and_the_powers_have_their_codes():
    assert {s: statecodes.code_of(s) for s in ("KAZ", "KGZ", "TJK", "TKM", "UZB")} == {
        "KAZ": 705,
        "KGZ": 703,
        "TJK": 702,
        "TKM": 701,
        "UZB": 704,
    }
    assert (statecodes.code_of("RUS"), statecodes.code_of("CHN"), statecodes.code_of("USA")) == (
        365,
        710,
        2,
    )
    assert statecodes.code_of("DEU") == 255 and statecodes.code_of("DEU", "gw") == 260


def test_every_member_of_every_group_has_a_cow_code_and_a_gw_code_unless_a_microstate():
    codes = statecodes.state_codes()
    cow = set(codes.dropna(subset=["cow_code"])["iso3"])
    gw = set(codes.dropna(subset=["gw_code"])["iso3"])
    members = {s for g in countries.load_groups().values() for s in g.ever}
    assert sorted(members - cow) == []
    microstates = {"AND", "ATG", "DMA", "FSM", "GRD", "KIR", "KNA", "LCA", "LIE", "MCO", "MHL"}
    microstates |= {"NRU", "PLW", "SMR", "STP", "SYC", "TON", "TUV", "VCT", "VUT", "WSM"}
    assert sorted(members - gw - microstates) == []


def test_codes_turn_into_iso3_and_unknown_codes_into_missing():
    mapped = statecodes.iso3_from(pd.Series([705, 255, 260, 999, None]))
    assert mapped.tolist()[:3] == ["KAZ", "DEU", "DEU"]
    assert mapped.isna().tolist() == [False, False, False, True, True]
    assert statecodes.iso3_from(pd.Series([340]), "gw").tolist() == ["SRB"]


def test_a_row_that_is_not_in_the_members_table_is_refused(tmp_path):
    frame = pd.read_csv(statecodes.paths.data_dir() / "state_codes.csv")
    frame.loc[0, "iso3"] = "XYZ"
    bad = tmp_path / "state_codes.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(CuratedDataError, match="state_codes.csv: rows must match"):
        statecodes.state_codes(bad)
