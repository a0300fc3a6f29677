"""Hand-checked cases for the after-the-paper summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import after_paper


def test_territorial_shares_count_cast_votes_and_absences_separately():
    table = pd.DataFrame(
        {
            "period": ["after the 2022 invasion"] * 2,
            "KAZ": ["abstain", "no"],
            "KGZ": ["abstain", "abstain"],
            "TJK": ["yes", "absent"],
            "TKM": ["absent", "absent"],
            "UZB": ["abstain", "not in file"],
        }
    )
    shares = after_paper.territorial_shares(table).loc["after the 2022 invasion"]
    # cast: abstain x4, yes x1, no x1 ; all recorded: 9 (one 'not in file' excluded), absent 3
    assert shares["abstain"] == pytest.approx(4 / 6)
    assert shares["no"] == pytest.approx(1 / 6)
    assert shares["absent (of all)"] == pytest.approx(3 / 9)
    assert shares["roll calls"] == 2


def test_territorial_pattern_finds_the_conflicts_and_not_guam():
    titles = pd.Series(
        [
            "Question of Guam",
            "Territorial integrity of Ukraine",
            "Status of internally displaced persons and refugees from Abkhazia, Georgia",
            "The path to peace A/RES/ES-11/8",
        ]
    )
    found = titles.str.contains(after_paper.TERRITORIAL_PATTERN, case=False, regex=True)
    assert found.tolist() == [False, True, True, True]


def test_chapter_4_series_run_on_a_thin_official_file(tmp_path, monkeypatch):
    """With CAORDER_UNDL_CSV set to a file with two 2025 roll calls, chapter 4's series must
    not fail ("The pool has 0 states"): thin years are kept as rows without a score."""
    from test_extension import OFFICIAL, write  # the tiny official file of the loader tests

    from caorder import extension

    monkeypatch.setenv(extension.UNDL_ENV, str(write(tmp_path, "o.csv", OFFICIAL)))
    after_paper.combined.cache_clear()
    try:
        table = after_paper.percentiles_by_year(2019, 2025)
        assert table.set_index("year").loc[2025, "n_rollcalls"] >= 2
        assert pd.isna(table.set_index("year").loc[2025, "percentile"])
        assert table.set_index("year").loc[2019, "percentile"] >= 0
        sources = after_paper.combined().rollcalls.groupby("year")["source"].first()
        assert sources[2025] == "undl-official"
    finally:
        after_paper.combined.cache_clear()


def test_ukraine_votes_show_every_curated_text_for_the_five():
    table = after_paper.ukraine_votes()
    grid = after_paper.ukraine_vote_grid(table)
    assert grid.shape[1] == 5 and grid.index.is_unique
    es11_3 = table[table["symbol"] == "A/RES/ES-11/3"].set_index("state")["vote"]
    assert es11_3.tolist() == ["no", "no", "no", "absent", "no"]
    assert (table.loc[table["vote"] == after_paper.NOT_SOURCED, "confidence"] == "").all()
    assert table["source"].str.startswith(("http", "pinned file")).all()
