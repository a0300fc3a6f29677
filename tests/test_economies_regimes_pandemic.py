"""Loaders and analyses of the World Bank, Fariss et al., V-Dem and OxCGRT files.

Each loader is checked on a small hand-made fixture (the file's real layout, a few rows) and
on the real pinned file against its schema; the analyses on tiny tables whose answer is known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyreadr
import pytest

from caorder import economies, pandemic, regimes, tables, windows
from caorder.countries import C5
from caorder.schemas import SchemaError

# --- World Bank and Fariss et al. ---------------------------------------------------------

WB_FIXTURE = """Country Name,Country Code,Year,Value
Kazakhstan,KAZ,1992,100.0
Kazakhstan,KAZ,1993,
Central Asia (aggregate),CSS,1992,5.0
"""


def test_a_world_bank_series_is_read_long_and_validated(tmp_path, monkeypatch):
    path = tmp_path / "gdp.csv"
    path.write_text(WB_FIXTURE)
    monkeypatch.setattr(economies, "fetch", lambda key: path)
    frame = economies.read_wb(economies.GDP_FILE)
    assert list(frame.columns) == ["code", "country", "year", "value"]
    assert frame["code"].tolist() == ["KAZ", "CSS"]  # the missing value is dropped


def test_a_negative_world_bank_value_breaks_the_schema(tmp_path, monkeypatch):
    path = tmp_path / "gdp.csv"
    path.write_text(WB_FIXTURE.replace("100.0", "-1"))
    monkeypatch.setattr(economies, "fetch", lambda key: path)
    with pytest.raises(SchemaError, match="wb_series"):
        economies.read_wb(economies.GDP_FILE)


def test_a_fariss_fixture_is_read_through_its_schema(tmp_path, monkeypatch):
    frame = pd.DataFrame(
        {
            "ccode": [705.0, 705.0],
            "year": [1992.0, 1993.0],
            **{
                c: [1.0, 2.0]
                for c in ("mrgdppc", "sd_mrgdppc", "pwtrgdp", "sd_pwtrgdp", "pwtpop", "sd_pwtpop")
            },
        }
    )
    path = tmp_path / "cw_gdppop.rda"
    pyreadr.write_rdata(str(path), frame, df_name="cw_gdppop")
    monkeypatch.setattr(tables, "fetch", lambda key: path)
    read = economies.read_fariss()
    assert read["ccode"].tolist() == [705, 705] and read["year"].dtype == int


def test_the_real_economic_files_match_their_schemas():
    gdp = economies.read_wb(economies.GDP_FILE)
    pop = economies.read_wb(economies.POPULATION_FILE)
    fariss = economies.read_fariss()
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(gdp["code"]) & set(pop["code"])
    per_capita = economies.gdp_per_capita("wb")
    five = per_capita[per_capita["iso3"].isin(C5) & per_capita["year"].between(1992, 2023)]
    assert len(five) == 5 * 32, "every one of the five has a value in every year 1992-2023"
    assert fariss["year"].max() == 2019
    band = economies.gdp_per_capita("fariss")
    assert (band.loc[band["iso3"].isin(C5) & band["year"].between(1992, 2019), "sd"] > 0).all()


def test_dispersion_measures_on_known_numbers():
    values = np.array([[1.0, 3.0], [2.0, 2.0]])
    assert economies.dispersion(values, "cv").tolist() == [0.5, 0.0]
    assert economies.dispersion(values, "max_min").tolist() == [3.0, 1.0]


def test_group_dispersion_uses_each_years_members():
    table = pd.DataFrame({"A": [1.0, 1.0], "B": [3.0, 1.0], "C": [9.0, 9.0]}, index=[2000, 2001])
    value = economies.group_dispersion(table, {2000: ["A", "B"], 2001: ["A", "B"]}, "max_min")
    assert value == pytest.approx(2.0)  # (3 + 1) / 2
    assert np.isnan(economies.group_dispersion(table, {2000: ["A"]}, "cv"))


# --- V-Dem ----------------------------------------------------------------------------------


def test_a_vdem_fixture_keeps_the_same_year_values(tmp_path, monkeypatch):
    frame = pd.DataFrame(
        {
            "gwcode": [705.0, 705.0],
            "year": [2000.0, 2001.0],
            "lag0_v2x_neopat": [0.8, 0.9],
            "lag0_v2x_polyarchy": [0.2, 0.2],
            "lag1_v2x_neopat": [0.1, 0.1],
        }
    )
    path = tmp_path / "states.rds"
    pyreadr.write_rds(str(path), frame)
    monkeypatch.setattr(tables, "fetch", lambda key: path)
    read = regimes.read_vdem()
    assert list(read.columns) == ["gwcode", "year", "v2x_neopat", "v2x_polyarchy"]
    assert read["v2x_neopat"].tolist() == [0.8, 0.9]


def test_the_real_vdem_file_matches_its_schema_and_covers_the_five():
    table = regimes.neopat()
    assert table.loc[1992:2021, list(C5)].notna().all().all()
    assert table.index.max() == 2021


# --- OxCGRT -----------------------------------------------------------------------------------

OX_FIXTURE = (
    "CountryCode,CountryName,RegionCode,RegionName,CityCode,CityName,Jurisdiction,"
    "01Jan2020,02Jan2020,03Jan2020\n"
    "KGZ,Kyrgyz Republic,,,,,NAT_TOTAL,0,11.1,\n"
    "USA,United States,US_AK,Alaska,,,STATE_TOTAL,5,5,5\n"
)


def test_an_oxcgrt_fixture_keeps_national_rows_long(tmp_path, monkeypatch):
    path = tmp_path / "index.csv"
    path.write_text(OX_FIXTURE)
    monkeypatch.setattr(pandemic, "fetch", lambda key: path)
    frame = pandemic.read_index("stringency")
    assert frame["code"].unique().tolist() == ["KGZ"]
    assert frame["value"].tolist()[:2] == [0.0, 11.1] and np.isnan(frame["value"].iloc[2])
    assert frame["date"].iloc[1] == pd.Timestamp("2020-01-02")


def test_an_index_above_100_breaks_the_schema(tmp_path, monkeypatch):
    path = tmp_path / "index.csv"
    path.write_text(OX_FIXTURE.replace("11.1", "111"))
    monkeypatch.setattr(pandemic, "fetch", lambda key: path)
    with pytest.raises(SchemaError, match="oxcgrt_index"):
        pandemic.read_index("stringency")


@pytest.mark.parametrize("index", pandemic.INDICES)
def test_the_real_oxcgrt_files_match_their_schema_and_hold_the_five(index):
    table = pandemic.daily(index)
    assert set(C5) <= set(table.columns)
    assert table.loc["2020-03-01":"2022-12-31", list(C5)].notna().all().all()


def test_timing_spread_and_synchrony_on_known_numbers():
    dates = pd.Series(pd.to_datetime(["2020-03-01", "2020-03-11", None]), index=["A", "B", "C"])
    assert pandemic.timing_spread(dates, ["A", "B", "C"]) == 10.0
    corr = pd.DataFrame(
        [[1, 0.5, 0.1], [0.5, 1, 0.3], [0.1, 0.3, 1]],
        index=list("ABC"),
        columns=list("ABC"),
        dtype=float,
    )
    assert pandemic.synchrony(corr, ["A", "B", "C"]) == pytest.approx(0.3)


def test_first_measure_dates_follow_the_threshold(monkeypatch):
    days = pd.date_range("2020-01-01", periods=3)
    table = pd.DataFrame({"A": [0.0, 5.0, 25.0], "B": [0.0, 0.0, 0.0]}, index=days)
    pandemic.daily.cache_clear()
    monkeypatch.setattr(pandemic, "daily", lambda index="stringency": table)
    any_ = pandemic.first_measure_dates("stringency", "any")
    substantial = pandemic.first_measure_dates("stringency", "substantial")
    assert any_["A"] == days[1] and substantial["A"] == days[2]
    assert pd.isna(any_["B"]), "a state that never took a measure has no date"


# --- the one random draw ------------------------------------------------------------------


def test_random_members_is_the_draw_of_the_random_baseline():
    groups = windows.random_members(20, 5, n_groups=50)
    assert groups.shape == (50, 5)
    assert all(len(set(row)) == 5 for row in groups), "no state twice in a group"
    table = pd.DataFrame(np.eye(20), index=range(20), columns=range(20))
    for i in range(20):
        table.iloc[i] = np.arange(20) + i  # score of (i, j) = i + j
    baseline = windows.random_baseline(table, list(range(20)), 5, n_groups=50)
    first, second = np.triu_indices(5, k=1)
    expected = (groups[:, first] + groups[:, second]).mean(axis=1)
    assert np.allclose(baseline, expected)
