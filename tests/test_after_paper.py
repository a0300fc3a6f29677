"""Hand-checked cases for the after-the-paper summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import after_paper


def test_territorial_shares_count_cast_votes_and_absences_separately():
    table = pd.DataFrame({
        "period": ["after the 2022 invasion"] * 2,
        "KAZ": ["abstain", "no"], "KGZ": ["abstain", "abstain"], "TJK": ["yes", "absent"],
        "TKM": ["absent", "absent"], "UZB": ["abstain", "not in file"],
    })
    shares = after_paper.territorial_shares(table).loc["after the 2022 invasion"]
    # cast: abstain x4, yes x1, no x1 ; all recorded: 9 (one 'not in file' excluded), absent 3
    assert shares["abstain"] == pytest.approx(4 / 6)
    assert shares["no"] == pytest.approx(1 / 6)
    assert shares["absent (of all)"] == pytest.approx(3 / 9)
    assert shares["roll calls"] == 2


def test_territorial_pattern_finds_the_conflicts_and_not_guam():
    titles = pd.Series(["Question of Guam", "Territorial integrity of Ukraine",
                        "Status of internally displaced persons and refugees from Abkhazia, Georgia",
                        "The path to peace A/RES/ES-11/8"])
    found = titles.str.contains(after_paper.TERRITORIAL_PATTERN, case=False, regex=True)
    assert found.tolist() == [False, True, True, True]
