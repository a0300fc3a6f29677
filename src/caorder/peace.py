"""Violence, borders and ties among states: the peacesciencer files, read as dyad-years.

The R package *peacesciencer* (Miller 2022) redistributes the standard datasets of quantitative
peace research; the book pins its ``data/`` folder at one commit (:mod:`caorder.fetch`) and reads
these files, each through one pandera schema (:mod:`caorder.schemas`):

- UCDP/PRIO Armed Conflict Dataset v25.1, conflict-years 1946-2024 (:func:`ucdp_conflicts`);
- Correlates of War MIDs v5 (1816-2014) and Gibler-Miller-Little MIDs v2.2.1 (1816-2010),
  disputes and dispute-dyad-years with hostility, fatalities and, for GML, the revision type
  (:func:`mid_disputes`, :func:`mid_dyad_years`);
- ATOP v5 alliance obligations, COW IGO v3 shared memberships, Thompson-Dreyer strategic
  rivalries, latent territorial threat, COW direct contiguity and state-system membership,
  and Archigos 4.1 leaders.

The files are small and convert in well under a second each, so they are held in memory per
process (``functools.lru_cache``) rather than in the parquet cache of :mod:`caorder.tables`.

**Dyad-years.** A group's dyad-years (:func:`dyad_years`) are its pairs of members, each pair
once (lower COW code first), in every year both states are in the COW state system (states the
2016 list still holds are kept to 2024, the last year of the UCDP data), and, with
``pairs="contiguous"``, only pairs with a direct land border (COW contiguity type 1; the 2016
borders are kept after 2016). :func:`dyad_panel` attaches to each dyad-year whether a MID was
ongoing, fatal (at least one battle death), at war level (hostility 5) or over territory (GML
revision type 1), whether UCDP records an interstate armed conflict between the two (25+
battle deaths in the year), whether they had an ATOP obligation or a strategic rivalry, and how
many IGOs both belonged to as full members. Measures outside a source's years are missing, not
zero.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import numpy as np
import pandas as pd

from caorder import countries, statecodes
from caorder.schemas import (
    ARCHIGOS,
    ATOP_DYAD_YEARS,
    CONTIGUITY,
    COW_MID_DISPUTES,
    COW_STATES,
    IGO_DYAD_YEARS,
    IGO_STATE_YEARS,
    MID_DYAD_YEARS,
    RIVALRIES,
    TERRITORIAL_THREAT,
    UCDP_ACD,
    validate,
)
from caorder.tables import read_rda

SOURCE = "peacesciencer-fe150a2"
#: Years each source covers (first, last); a measure outside them is missing.
COVERAGE = {
    "cow": (1816, 2014),
    "gml": (1816, 2010),
    "ucdp": (1946, 2024),
    "atop": (1815, 2018),
    "igo": (1816, 2014),
    "rivalry": (1400, 2010),
}
#: The last year of the COW state list and contiguity data; later years repeat it.
STATE_LIST_LAST = 2016
LAST_YEAR = 2024
MID_SOURCES = ("cow", "gml")
PAIRS = ("all", "contiguous")
#: Comparison regions for the five, as dyad sets (keys of data/country_groups.yml).
BASELINE_GROUPS = (
    "POST_SOVIET_OTHER",
    "SOUTH_ASIA",
    "GULF",
    "WEST_AFRICA",
    "SOUTHEAST_ASIA",
    "SOUTH_AMERICA",
)
#: States that became neighbours at the same time as the five (the paper's scenarios).
NEW_NEIGHBOURS = ("SOUTH_CAUCASUS", "FORMER_YUGOSLAVIA", "POST_SOVIET_OTHER")
HOSTILITY = {
    1: "no militarised action",
    2: "threat of force",
    3: "display of force",
    4: "use of force",
    5: "war",
}
FATALITY = {
    -9: "unknown",
    0: "none",
    1: "1–25",
    2: "26–100",
    3: "101–250",
    4: "251–500",
    5: "501–999",
    6: "1,000 or more",
}


def _rda(name: str) -> pd.DataFrame:
    return read_rda(f"{SOURCE}/{name}.rda")


def _ints(frame: pd.DataFrame, columns: list[str], nullable: bool = False) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].astype("Int64" if nullable else int)
    return frame


# --- loaders -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def ucdp_conflicts() -> pd.DataFrame:
    """UCDP/PRIO conflict-years (GW codes): sides, incompatibility, intensity, type, dates."""
    raw = _rda("ucdp_acd")
    frame = raw[list(UCDP_ACD.columns)].copy()
    frame = _ints(frame, ["conflict_id", "year", "gwno_a", "intensity_level"])
    frame = _ints(frame, ["gwno_b", "gwno_a_2nd", "gwno_b_2nd"], nullable=True)
    for column in ("start_date", "start_date2", "ep_end_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("incompatibility", "type_of_conflict"):
        frame[column] = frame[column].astype(str)
    return validate(frame, UCDP_ACD, "ucdp_acd (peacesciencer)")


@lru_cache(maxsize=1)
def mid_disputes() -> pd.DataFrame:
    """COW MID v5 disputes: start, outcome, settlement, fatality level, duration, hostility."""
    raw = _rda("cow_mid_disps")
    frame = _ints(raw[list(COW_MID_DISPUTES.columns)].copy(), list(COW_MID_DISPUTES.columns))
    return validate(frame, COW_MID_DISPUTES, "cow_mid_disps (peacesciencer)")


def _territorial(raw: pd.DataFrame) -> pd.Series:
    """GML: 1 if either state's first or second revision type is territory (code 1)."""
    types = raw[["revtype11", "revtype12", "revtype21", "revtype22"]]
    return types.eq(1).any(axis=1).astype(int)


@lru_cache(maxsize=2)
def mid_dyad_years(source: str = "cow") -> pd.DataFrame:
    """Dispute-dyad-years of COW MID v5 or GML v2.2.1, each pair once (lower code first)."""
    if source not in MID_SOURCES:
        raise ValueError(f"Unknown MID source {source!r}; use one of {MID_SOURCES}.")
    if source == "cow":
        raw = _rda("cow_mid_ddydisps")
        onset, territorial = raw["cowmidonset"], pd.Series(pd.NA, index=raw.index)
    else:
        raw = _rda("gml_dirdisp")
        onset, territorial = raw["midonset"], _territorial(raw)
    frame = pd.DataFrame(
        {
            "dispnum": raw["dispnum"],
            "ccode1": np.minimum(raw["ccode1"], raw["ccode2"]),
            "ccode2": np.maximum(raw["ccode1"], raw["ccode2"]),
            "year": raw["year"],
            "onset": onset,
            "fatality": raw["fatality"].fillna(-9),
            "hostlev": raw["hostlev"],
            "territorial": territorial,
        }
    )
    frame = _ints(frame, ["dispnum", "ccode1", "ccode2", "year", "onset", "fatality", "hostlev"])
    frame["territorial"] = frame["territorial"].astype("Int64")
    keys = ["dispnum", "ccode1", "ccode2", "year"]
    frame = frame.groupby(keys, as_index=False).max().sort_values(keys, ignore_index=True)
    return validate(frame, MID_DYAD_YEARS, f"mid_dyad_years ({source}, peacesciencer)")


def _pairs_once(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw.copy()
    low = np.minimum(frame["ccode1"], frame["ccode2"])
    frame["ccode2"] = np.maximum(frame["ccode1"], frame["ccode2"])
    frame["ccode1"] = low
    return frame


@lru_cache(maxsize=1)
def alliances() -> pd.DataFrame:
    """ATOP v5 obligations per pair and year (defence, offence, neutrality, non-aggression,
    consultation), each pair once."""
    raw = _pairs_once(_rda("atop_alliance"))
    columns = list(ATOP_DYAD_YEARS.columns)
    frame = _ints(raw[columns].copy(), columns)
    frame = frame.groupby(["ccode1", "ccode2", "year"], as_index=False).max()
    return validate(frame, ATOP_DYAD_YEARS, "atop_alliance (peacesciencer)")


@lru_cache(maxsize=1)
def igo_dyad_years() -> pd.DataFrame:
    """COW IGO v3: the number of IGOs both states of a pair belong to as full members."""
    raw = _rda("cow_igo_ndy")
    columns = list(IGO_DYAD_YEARS.columns)
    frame = _ints(raw[columns].copy(), columns)
    return validate(frame, IGO_DYAD_YEARS, "cow_igo_ndy (peacesciencer)")


@lru_cache(maxsize=1)
def igo_state_years() -> pd.DataFrame:
    """COW IGO v3: each state's IGO memberships per year (full, associate, observer, any)."""
    raw = _rda("cow_igo_sy")
    columns = list(IGO_STATE_YEARS.columns)
    frame = _ints(raw[columns].copy(), columns)
    return validate(frame, IGO_STATE_YEARS, "cow_igo_sy (peacesciencer)")


@lru_cache(maxsize=1)
def rivalries() -> pd.DataFrame:
    """Thompson-Dreyer strategic rivalries: pair, first and last year, primary type."""
    raw = _pairs_once(_rda("td_rivalries"))
    columns = list(RIVALRIES.columns)
    frame = raw[columns].copy()
    frame = _ints(frame, ["rivalryno", "ccode1", "ccode2", "styear", "endyear"])
    frame[["rivalryname", "type1"]] = frame[["rivalryname", "type1"]].astype(str)
    return validate(frame, RIVALRIES, "td_rivalries (peacesciencer)")


@lru_cache(maxsize=1)
def territorial_threat() -> pd.DataFrame:
    """Latent external territorial threat per state-year, with its 90% interval (to 2010)."""
    raw = _rda("terrthreat")
    frame = raw[list(TERRITORIAL_THREAT.columns)].copy()
    frame = _ints(frame, ["ccode", "year"])
    return validate(frame, TERRITORIAL_THREAT, "terrthreat (peacesciencer)")


@lru_cache(maxsize=1)
def contiguity() -> pd.DataFrame:
    """COW direct contiguity v3.2: pair (both orders), type (1 land ... 5 water; 0 a spell
    with no contiguity) and years."""
    raw = _rda("cow_contdir")
    frame = pd.DataFrame(
        {
            "ccode1": raw["ccode1"],
            "ccode2": raw["ccode2"],
            "conttype": raw["conttype"],
            "first_year": pd.to_datetime(raw["stdate"]).dt.year,
            "last_year": pd.to_datetime(raw["enddate"]).dt.year,
        }
    )
    frame = _ints(frame, list(frame.columns))
    return validate(frame, CONTIGUITY, "cow_contdir (peacesciencer)")


@lru_cache(maxsize=1)
def state_system() -> pd.DataFrame:
    """COW state-system membership spells (v2016)."""
    raw = _rda("cow_states")
    frame = raw[list(COW_STATES.columns)].copy()
    frame = _ints(frame, ["ccode", "styear", "endyear"])
    frame["stateabb"] = frame["stateabb"].astype(str)
    return validate(frame, COW_STATES, "cow_states (peacesciencer)")


@lru_cache(maxsize=1)
def leaders() -> pd.DataFrame:
    """Archigos 4.1 leaders (GW codes): name, start and end of tenure, entry and exit type."""
    raw = _rda("archigos")
    frame = raw[list(ARCHIGOS.columns)].copy()
    frame["gwcode"] = frame["gwcode"].astype(int)
    for column in ("startdate", "enddate"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("obsid", "leader", "entry", "exit", "exitcode"):
        frame[column] = frame[column].astype(str)
    return validate(frame, ARCHIGOS, "archigos (peacesciencer)")


# --- state codes -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _gw_to_cow() -> dict[int, int]:
    """GW code -> COW code, through the book's state-code table (GW 340 Serbia is COW 345)."""
    table = statecodes.state_codes().dropna(subset=["cow_code", "gw_code"])
    return {int(gw): int(cow) for gw, cow in zip(table["gw_code"], table["cow_code"])}


def cow_codes(key: str) -> list[int]:
    """The COW codes of a group's members (ever), sorted."""
    return sorted({statecodes.code_of(iso3) for iso3 in countries.group(key).ever})


@lru_cache(maxsize=1)
def _names() -> dict[int, str]:
    table = statecodes.state_codes().dropna(subset=["cow_code"])
    names = {int(c): n for c, n in zip(table["cow_code"], table["name"])}
    names.update(
        {
            int(c): countries.C5_NAMES[i]
            for c, i in zip(table["cow_code"], table["iso3"])
            if i in countries.C5_NAMES
        }
    )
    return names


def pair_name(ccode1: int, ccode2: int) -> str:
    """A pair's readable name, e.g. "Kyrgyzstan–Tajikistan" (alphabetical)."""
    names = _names()
    return "–".join(
        sorted((names.get(int(ccode1), str(ccode1)), names.get(int(ccode2), str(ccode2))))
    )


# --- dyad-years --------------------------------------------------------------------------------


def _in_system(years: range) -> pd.DataFrame:
    """(ccode, year) pairs of states in the COW system; 2016 members continue to 2024."""
    table = _system_years()
    return table[table["year"].between(years.start, years.stop - 1)].reset_index(drop=True)


@lru_cache(maxsize=1)
def _system_years() -> pd.DataFrame:
    spells = state_system().copy()
    spells.loc[spells["endyear"] >= STATE_LIST_LAST, "endyear"] = LAST_YEAR
    spells = spells[spells["endyear"] >= 1900]
    years = [
        range(max(first, 1900), last + 1)
        for first, last in zip(spells["styear"], spells["endyear"])
    ]
    table = pd.DataFrame({"ccode": spells["ccode"].to_numpy(), "year": years}).explode("year")
    return table.astype(int).drop_duplicates().sort_values(["ccode", "year"], ignore_index=True)


@lru_cache(maxsize=1)
def _land_borders() -> pd.DataFrame:
    spells = contiguity()
    spells = spells[spells["conttype"] == 1].copy()
    spells.loc[spells["last_year"] >= STATE_LIST_LAST, "last_year"] = LAST_YEAR
    return _pairs_once(spells).drop_duplicates(["ccode1", "ccode2", "first_year"])


def dyad_years(key: str, first: int, last: int, pairs: str = "all") -> pd.DataFrame:
    """A group's dyad-years: ccode1 < ccode2, year (see the module docstring)."""
    return _dyad_years(key, first, last, pairs).copy()


@lru_cache(maxsize=256)
def _dyad_years(key: str, first: int, last: int, pairs: str) -> pd.DataFrame:
    if pairs not in PAIRS:
        raise ValueError(f"Unknown pair set {pairs!r}; use one of {PAIRS}.")
    codes = cow_codes(key)
    present = _in_system(range(first, last + 1))
    present = present[present["ccode"].isin(codes)]
    by_year = present.groupby("year")["ccode"].apply(sorted)
    rows = [(a, b, year) for year, members in by_year.items() for a, b in combinations(members, 2)]
    frame = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"])
    if pairs == "contiguous":
        borders = _land_borders()
        frame = frame.merge(
            borders[["ccode1", "ccode2", "first_year", "last_year"]], on=["ccode1", "ccode2"]
        )
        inside = frame["year"].between(frame["first_year"], frame["last_year"])
        frame = frame[inside].drop(columns=["first_year", "last_year"]).drop_duplicates()
    return frame.sort_values(["ccode1", "ccode2", "year"], ignore_index=True)


@lru_cache(maxsize=1)
def _interstate_years() -> pd.DataFrame:
    """UCDP interstate conflict-years as COW pairs (lower code first)."""
    ucdp = ucdp_conflicts()
    ucdp = ucdp[(ucdp["type_of_conflict"] == "interstate") & ucdp["gwno_b"].notna()]
    mapping = _gw_to_cow()
    a = ucdp["gwno_a"].map(mapping)
    b = ucdp["gwno_b"].astype(int).map(mapping)
    frame = pd.DataFrame(
        {
            "ccode1": np.minimum(a, b),
            "ccode2": np.maximum(a, b),
            "year": ucdp["year"],
            "ucdp_territory": ucdp["incompatibility"].isin(["territory", "both"]).astype(int),
            "conflict_id": ucdp["conflict_id"],
        }
    )
    frame = frame.dropna(subset=["ccode1", "ccode2"])
    frame = _ints(frame, ["ccode1", "ccode2"])
    return frame.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(
        ucdp_interstate=("conflict_id", "size"), ucdp_territory=("ucdp_territory", "max")
    )


def _within(frame: pd.DataFrame, column: str, source: str) -> None:
    first, last = COVERAGE[source]
    frame.loc[~frame["year"].between(first, last), column] = np.nan


def dyad_panel(key: str, first: int, last: int, pairs: str = "all") -> pd.DataFrame:
    """A group's dyad-years with every measure of the module docstring (0/1 or counts)."""
    return _dyad_panel(key, first, last, pairs).copy()


@lru_cache(maxsize=128)
def _dyad_panel(key: str, first: int, last: int, pairs: str) -> pd.DataFrame:
    frame = dyad_years(key, first, last, pairs)
    on = ["ccode1", "ccode2", "year"]
    for source in MID_SOURCES:
        per_year = _mid_years(source)
        frame = frame.merge(per_year, on=on, how="left")
        for column in [c for c in per_year.columns if c.startswith(source)]:
            if column != f"{source}_territorial":
                frame[column] = frame[column].fillna(0)
            _within(frame, column, source)
    if "cow_territorial" in frame:
        frame = frame.drop(columns=["cow_territorial"])
    frame["gml_territorial"] = frame["gml_territorial"].where(
        frame["gml_mid"].ne(1) | frame["gml_territorial"].notna(), 0
    )
    frame.loc[frame["gml_mid"].eq(0), "gml_territorial"] = 0
    frame = frame.merge(_interstate_years(), on=on, how="left")
    frame[["ucdp_interstate", "ucdp_territory"]] = frame[
        ["ucdp_interstate", "ucdp_territory"]
    ].fillna(0)
    frame["ucdp_interstate"] = frame["ucdp_interstate"].gt(0).astype(int)
    _within(frame, "ucdp_interstate", "ucdp")
    _within(frame, "ucdp_territory", "ucdp")
    atop = alliances()
    atop = atop.assign(alliance=atop.filter(like="atop_").max(axis=1))[[*on, "alliance"]]
    frame = frame.merge(atop, on=on, how="left").fillna({"alliance": 0})
    _within(frame, "alliance", "atop")
    frame = frame.merge(igo_dyad_years(), on=on, how="left").rename(
        columns={"dyadigos": "shared_igos"}
    )
    _within(frame, "shared_igos", "igo")
    frame["rivalry"] = _rivalry_flags(frame)
    _within(frame, "rivalry", "rivalry")
    return frame.sort_values(on, ignore_index=True)


@lru_cache(maxsize=2)
def _mid_years(source: str) -> pd.DataFrame:
    """Per pair and year: any MID, any fatal, any at war, any onset, any over territory."""
    mids = mid_dyad_years(source)
    flags = pd.DataFrame(
        {
            "ccode1": mids["ccode1"],
            "ccode2": mids["ccode2"],
            "year": mids["year"],
            "mid": 1,
            "fatal": (mids["fatality"] > 0).astype(int),
            "war": (mids["hostlev"] >= 5).astype(int),
            "onset": mids["onset"],
            "territorial": mids["territorial"].astype(float),
        }
    )
    per_year = flags.groupby(["ccode1", "ccode2", "year"]).max()
    return per_year.add_prefix(f"{source}_").reset_index()


def _rivalry_flags(frame: pd.DataFrame) -> pd.Series:
    """1 where the pair was in a strategic rivalry that year, else 0."""
    spells = rivalries()[["ccode1", "ccode2", "styear", "endyear"]]
    hits = frame.reset_index().merge(spells, on=["ccode1", "ccode2"])
    hits = hits.loc[hits["year"].between(hits["styear"], hits["endyear"]), "index"]
    flags = pd.Series(0.0, index=frame.index)
    flags[flags.index.isin(hits)] = 1.0
    return flags


# --- group summaries -----------------------------------------------------------------------------


def group_rates(
    keys: tuple[str, ...], measure: str, first: int, last: int, pairs: str = "all"
) -> pd.Series:
    """The mean of a dyad-year measure for each group (share of dyad-years, or mean count)."""
    values = {}
    for key in keys:
        panel = dyad_panel(key, first, last, pairs)
        values[key] = float(panel[measure].mean()) if panel[measure].notna().any() else np.nan
    return pd.Series(values, name=measure)


def pair_years(key: str, measure: str, first: int, last: int, pairs: str = "all") -> pd.Series:
    """Per pair of a group, the number of dyad-years with the measure (>0)."""
    panel = dyad_panel(key, first, last, pairs)
    counts = panel.assign(hit=panel[measure].gt(0)).groupby(["ccode1", "ccode2"])["hit"].sum()
    counts.index = [pair_name(a, b) for a, b in counts.index]
    return counts.astype(int)


def disputes_among(key: str = "C5", source: str = "cow") -> pd.DataFrame:
    """The MIDs among a group's members, one row per dispute and pair: years, hostility,
    fatalities (and for GML whether over territory), for the tables of the disputes."""
    codes = set(cow_codes(key))
    mids = mid_dyad_years(source)
    mids = mids[mids["ccode1"].isin(codes) & mids["ccode2"].isin(codes)]
    table = mids.groupby(["dispnum", "ccode1", "ccode2"], as_index=False).agg(
        first_year=("year", "min"),
        last_year=("year", "max"),
        hostlev=("hostlev", "max"),
        fatality=("fatality", "max"),
        territorial=("territorial", "max"),
    )
    table.insert(1, "pair", [pair_name(a, b) for a, b in zip(table["ccode1"], table["ccode2"])])
    table["hostility"] = table["hostlev"].map(HOSTILITY)
    table["fatalities"] = table["fatality"].map(FATALITY)
    return table.sort_values(["first_year", "dispnum", "pair"], ignore_index=True)


def conflicts_among(key: str = "C5") -> pd.DataFrame:
    """UCDP interstate conflict-years between members of a group (GW codes mapped to COW)."""
    codes = set(cow_codes(key))
    ucdp = ucdp_conflicts()
    mapping = _gw_to_cow()
    a = ucdp["gwno_a"].map(mapping)
    b = ucdp["gwno_b"].map(lambda g: mapping.get(int(g)) if pd.notna(g) else None)
    among = ucdp[a.isin(codes) & b.isin(codes) & (ucdp["type_of_conflict"] == "interstate")]
    table = among[
        [
            "conflict_id",
            "year",
            "incompatibility",
            "intensity_level",
            "start_date",
            "start_date2",
            "ep_end_date",
        ]
    ].copy()
    table.insert(
        1,
        "pair",
        [pair_name(mapping[x], mapping[int(y)]) for x, y in zip(among["gwno_a"], among["gwno_b"])],
    )
    table["intensity"] = table["intensity_level"].map(
        {1: "minor (25–999 battle deaths)", 2: "war (1,000 or more)"}
    )
    return table.sort_values(["conflict_id", "year"], ignore_index=True)


def state_years(key: str, first: int, last: int) -> pd.DataFrame:
    """(ccode, year) of a group's members in the state system."""
    present = _in_system(range(first, last + 1))
    return present[present["ccode"].isin(cow_codes(key))].reset_index(drop=True)


def leader_turnover(key: str, first: int, last: int) -> pd.DataFrame:
    """Per state-year of a group: leader exits (any, irregular) in that year (Archigos)."""
    years = state_years(key, first, last)
    cow_of = _gw_to_cow()
    exits = leaders().assign(
        ccode=lambda f: f["gwcode"].map(cow_of), year=lambda f: f["enddate"].dt.year
    )
    exits = exits[exits["exit"] != "Still in Office"]
    exits = exits.assign(irregular=(exits["exit"] == "Irregular").astype(int))
    counts = exits.groupby(["ccode", "year"]).agg(
        exits=("obsid", "size"), irregular=("irregular", "sum")
    )
    frame = years.merge(counts.reset_index(), on=["ccode", "year"], how="left").fillna(0)
    return frame.astype({"exits": int, "irregular": int})


def mean_territorial_threat(key: str, first: int, last: int) -> float:
    """The mean latent territorial threat of a group's members over state-years."""
    threat = territorial_threat()
    years = state_years(key, first, last).merge(threat, on=["ccode", "year"])
    return float(years["lterrthreat"].mean()) if len(years) else np.nan


# --- rules of the order: revision types, incompatibilities, challenges from within ----------------

#: GML revision types that seek to change another state's policy (2) or regime (3).
POLICY_OR_REGIME = (2, 3)
#: UCDP types of conflict fought inside a state against its government ("II" is UCDP's
#: internationalised intrastate conflict, in which other states send troops).
INTRASTATE = ("intrastate", "II")


@lru_cache(maxsize=1)
def _policy_regime_years() -> pd.DataFrame:
    """GML: per pair and year, 1 if either state sought to revise the other's policy or regime."""
    raw = _rda("gml_dirdisp")
    types = raw[["revtype11", "revtype12", "revtype21", "revtype22"]]
    frame = pd.DataFrame(
        {
            "ccode1": np.minimum(raw["ccode1"], raw["ccode2"]).astype(int),
            "ccode2": np.maximum(raw["ccode1"], raw["ccode2"]).astype(int),
            "year": raw["year"].astype(int),
            "gml_policy_regime": types.isin(POLICY_OR_REGIME).any(axis=1).astype(int),
        }
    )
    return frame.groupby(["ccode1", "ccode2", "year"], as_index=False).max()


@lru_cache(maxsize=1)
def _government_years() -> pd.DataFrame:
    """UCDP: per COW pair and year, 1 if an interstate conflict between them was over government."""
    ucdp = ucdp_conflicts()
    ucdp = ucdp[(ucdp["type_of_conflict"] == "interstate") & ucdp["gwno_b"].notna()]
    ucdp = ucdp[ucdp["incompatibility"].isin(["government", "both"])]
    mapping = _gw_to_cow()
    a = ucdp["gwno_a"].map(mapping)
    b = ucdp["gwno_b"].astype(int).map(mapping)
    frame = pd.DataFrame(
        {"ccode1": np.minimum(a, b), "ccode2": np.maximum(a, b), "year": ucdp["year"]}
    ).dropna()
    frame = _ints(frame, ["ccode1", "ccode2", "year"]).drop_duplicates()
    return frame.assign(ucdp_government=1)


#: GML revision types in words (0: no state of the dispute sought to revise anything).
REVISION = {1: "territory", 2: "policy", 3: "regime", 4: "other"}


def revision_types_among(key: str = "C5") -> pd.DataFrame:
    """The GML disputes among a group's members with what their states sought to revise
    (``none`` when GML codes no revisionist state), one row per dispute and pair."""
    raw = _rda("gml_dirdisp")
    codes = set(cow_codes(key))
    raw = raw[raw["ccode1"].isin(codes) & raw["ccode2"].isin(codes)]
    low, high = np.minimum(raw["ccode1"], raw["ccode2"]), np.maximum(raw["ccode1"], raw["ccode2"])
    types = raw[["revtype11", "revtype12", "revtype21", "revtype22"]]
    frame = pd.DataFrame(
        {
            "dispnum": raw["dispnum"].astype(int),
            "pair": [pair_name(a, b) for a, b in zip(low, high)],
            "year": raw["year"].astype(int),
            "aims": [
                {REVISION[int(v)] for v in row if pd.notna(v) and int(v) in REVISION}
                for row in types.to_numpy()
            ],
        }
    )
    table = frame.groupby(["dispnum", "pair"], as_index=False).agg(
        first_year=("year", "min"),
        last_year=("year", "max"),
        aims=("aims", lambda s: ", ".join(sorted(set().union(*s))) or "none"),
    )
    return table.sort_values(["first_year", "dispnum", "pair"], ignore_index=True)


def revision_panel(key: str, first: int, last: int, pairs: str = "all") -> pd.DataFrame:
    """:func:`dyad_panel` with two more measures: a MID in which either state sought to change
    the other's policy or regime (GML, ``gml_policy_regime``) and a UCDP interstate conflict
    over government (``ucdp_government``); missing outside each source's years."""
    frame = dyad_panel(key, first, last, pairs)
    on = ["ccode1", "ccode2", "year"]
    for extra, source in ((_policy_regime_years(), "gml"), (_government_years(), "ucdp")):
        column = next(c for c in extra.columns if c not in on)
        frame = frame.merge(extra, on=on, how="left").fillna({column: 0})
        _within(frame, column, source)
    return frame


def rival_pairs(first: int = 1992, last: int = 2010) -> set[tuple[int, int]]:
    """Pairs (lower COW code first) in a Thompson-Dreyer strategic rivalry at some time in
    ``first``-``last``."""
    spells = rivalries()
    spells = spells[(spells["styear"] <= last) & (spells["endyear"] >= first)]
    return set(zip(spells["ccode1"].astype(int), spells["ccode2"].astype(int)))


@lru_cache(maxsize=1)
def _intrastate_years() -> pd.DataFrame:
    """UCDP: per state (COW code) and year, 1 if an armed conflict was fought against its
    government on its territory (``intrastate``), and 1 if one was over territory."""
    ucdp = ucdp_conflicts()
    ucdp = ucdp[ucdp["type_of_conflict"].isin(INTRASTATE)]
    frame = pd.DataFrame(
        {
            "ccode": ucdp["gwno_a"].map(_gw_to_cow()),
            "year": ucdp["year"],
            "intrastate": 1,
            "intrastate_territory": ucdp["incompatibility"].isin(["territory", "both"]),
        }
    ).dropna(subset=["ccode"])
    frame = _ints(frame, ["ccode", "year", "intrastate", "intrastate_territory"])
    return frame.groupby(["ccode", "year"], as_index=False).max()


def intrastate_conflicts(key: str, first: int, last: int) -> pd.DataFrame:
    """The UCDP intrastate conflicts fought in a group's members: conflict, state, years and
    incompatibility, one row per conflict and state (for the tables of the conflicts)."""
    ucdp = ucdp_conflicts()
    ucdp = ucdp[ucdp["type_of_conflict"].isin(INTRASTATE) & ucdp["year"].between(first, last)]
    ucdp = ucdp.assign(ccode=ucdp["gwno_a"].map(_gw_to_cow()))
    ucdp = ucdp[ucdp["ccode"].isin(cow_codes(key))]
    table = ucdp.groupby(["conflict_id", "ccode"], as_index=False).agg(
        years=("year", lambda y: ", ".join(str(v) for v in sorted(set(y)))),
        incompatibility=("incompatibility", lambda v: ", ".join(sorted(set(v)))),
        first_year=("year", "min"),
    )
    table.insert(1, "state", table["ccode"].map(_names()))
    return table.sort_values(["first_year", "conflict_id"], ignore_index=True)


def intrastate_panel(key: str, first: int, last: int) -> pd.DataFrame:
    """A group's state-years with UCDP intrastate conflict (any, over territory) as 0/1."""
    years = state_years(key, first, min(last, COVERAGE["ucdp"][1]))
    frame = years.merge(_intrastate_years(), on=["ccode", "year"], how="left")
    return frame.fillna({"intrastate": 0, "intrastate_territory": 0}).astype(int)


# --- tables and figures for the pages ------------------------------------------------------------


def _label(key: str) -> str:
    return "Central Asia (the five)" if key == "C5" else countries.group(key).name


def region_table(
    measure: str,
    first: int,
    last: int,
    pairs: str = "all",
    groups: tuple[str, ...] = BASELINE_GROUPS,
) -> pd.DataFrame:
    """Per group (the five first): dyad-years, dyad-years with the measure, and their share."""
    rows = []
    for key in ("C5", *groups):
        panel = dyad_panel(key, first, last, pairs).dropna(subset=[measure])
        hits = int(panel[measure].gt(0).sum())
        rows.append(
            {
                "group": _label(key),
                "pairs": len(panel[["ccode1", "ccode2"]].drop_duplicates()),
                "dyad-years": len(panel),
                "with": hits,
                "share": hits / len(panel) if len(panel) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def readable_disputes(source: str = "cow") -> pd.DataFrame:
    """The disputes among the five as a reader's table: pair, years, hostility, deaths."""
    table = disputes_among("C5", source)
    table = table[table["first_year"] >= 1992]
    years = [
        str(a) if a == b else f"{a}–{b}" for a, b in zip(table["first_year"], table["last_year"])
    ]
    frame = pd.DataFrame(
        {
            "dispute (MID number)": table["dispnum"].to_numpy(),
            "pair": table["pair"].to_numpy(),
            "years": years,
            "highest hostility": table["hostility"].to_numpy(),
            "battle deaths": table["fatalities"].to_numpy(),
        }
    )
    if source == "gml":
        frame["over territory"] = np.where(table["territorial"].eq(1), "yes", "no")
    return frame


def plot_rates(table: pd.DataFrame, ax, xlabel: str, column: str = "share"):
    """Horizontal bars of a region table, the five highlighted, labelled with the values."""
    from caorder import plots

    frame = table.iloc[::-1]
    colours = [
        plots.PALETTE[0] if g.startswith("Central Asia") else plots.GREY for g in frame["group"]
    ]
    ax.barh(frame["group"], frame[column], color=colours)
    for y, value in enumerate(frame[column]):
        ax.annotate(
            f"{value:.1%}" if column == "share" else f"{value:.1f}",
            (value, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
        )
    ax.margins(x=0.2)
    return plots.label(ax, xlabel, "")


def plot_disputes(ax, source: str = "cow"):
    """One row per pair of the five, one mark per dispute-year: filled if fatal."""
    from caorder import plots

    table = disputes_among("C5", source)
    table = table[table["first_year"] >= 1992]
    pairs_shown = sorted(table["pair"].unique())
    for fatal, marker, name in ((False, "o", "no battle deaths"), (True, "X", "battle deaths")):
        chunk = table[(table["fatality"] > 0) == fatal]
        ax.scatter(
            chunk["first_year"],
            [pairs_shown.index(p) for p in chunk["pair"]],
            marker=marker,
            s=90,
            color=plots.PALETTE[3] if fatal else plots.PALETTE[0],
            label=name,
            zorder=3,
        )
    ax.set_yticks(range(len(pairs_shown)))
    ax.set_yticklabels(pairs_shown)
    ax.set_xlim(1991, 2015)
    ax.set_ylim(-0.5, len(pairs_shown) - 0.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize="small")
    return plots.label(ax, "year the dispute began", "")


def igo_growth(pairs: str = "all") -> pd.DataFrame:
    """Mean shared IGOs per dyad-year by year, 1992-2014: the five and the regions' median."""
    c5 = dyad_panel("C5", 1992, 2014, pairs).groupby("year")["shared_igos"].mean()
    regions = pd.DataFrame(
        {
            key: dyad_panel(key, 1992, 2014, pairs).groupby("year")["shared_igos"].mean()
            for key in BASELINE_GROUPS
        }
    )
    return pd.DataFrame({"the five": c5, "regions' median": regions.median(axis=1)})


def uzbekistan_by_year(first: int = 1992, last: int = 2014) -> pd.DataFrame:
    """Uzbekistan by year: MIDs with the other four (COW), full IGO memberships (COW IGO) and
    the memberships that ended that year (the book's memberships table)."""
    panel = dyad_panel("C5", first, last, "all")
    with_uzb = panel[(panel["ccode1"] == 704) | (panel["ccode2"] == 704)]
    mids = with_uzb.groupby("year")["cow_mid"].sum()
    igos = igo_state_years()
    full = igos[igos["ccode"].isin(cow_codes("C5"))].pivot(
        index="ccode", columns="year", values="sum_igo_full"
    )
    years = list(range(first, last + 1))
    return pd.DataFrame(
        {
            "MIDs with the other four": mids.reindex(years, fill_value=0).astype(int),
            "Uzbekistan's full IGO memberships": full.loc[704].reindex(years).astype(int),
            "the other four's median": full.drop(index=704).median().reindex(years),
            "memberships ended (memberships.csv)": _uzbek_exits().reindex(years, fill_value="–"),
        }
    ).rename_axis("year")


def _uzbek_exits() -> pd.Series:
    """By year, Uzbekistan's memberships that ended (``data/memberships.csv``): its exits and
    suspensions, and bodies that ended or merged."""
    from caorder import summits

    spells = summits.load_memberships()
    left = spells[(spells["iso3"] == "UZB") & spells["status"].isin(["member", "party"])]
    left = left.dropna(subset=["stop"]).assign(year=lambda f: f["stop"].dt.year)
    return left.sort_values(["year", "organisation"]).groupby("year")["organisation"].agg(", ".join)
