"""State codes of the conflict, alliance, regime and economic datasets, mapped to ISO3.

The book names states by ISO3 code (``data/members.csv``). The Correlates of War (COW) and
Gleditsch–Ward (GW) datasets number them instead (Kazakhstan is 705 in both; unified Germany
is 255 in COW and 260 in GW). ``data/state_codes.csv`` holds one row per row of the members
table: its COW code, abbreviation and name, and its GW code and name (empty for the
microstates GW lists apart), each row with its source. It is checked against the members
table on load, and :func:`iso3_from` turns a column of COW or GW codes into ISO3 codes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd

from caorder import countries, paths
from caorder.errors import CuratedDataError
from caorder.schemas import STATE_CODES, validate

System = Literal["cow", "gw"]


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"cow_code": "Int64", "gw_code": "Int64"})
    frame = validate(frame, STATE_CODES, Path(path).name)
    members = countries.load_members()
    unknown = sorted(
        set(zip(frame["iso3"], frame["name"])) - set(zip(members["iso3"], members["name"]))
    )
    missing = sorted(
        set(zip(members["iso3"], members["name"])) - set(zip(frame["iso3"], frame["name"]))
    )
    if unknown or missing:
        raise CuratedDataError(
            f"{Path(path).name}: rows must match data/members.csv one to one (iso3, name); "
            f"not in members: {unknown[:5]}, members without codes: {missing[:5]}."
        )
    return frame


def state_codes(path: Path | None = None) -> pd.DataFrame:
    """The state-code table, validated against its schema and the members table."""
    return _load(str(path or paths.data_dir() / "state_codes.csv")).copy()


def lookup(system: System = "cow") -> dict[int, str]:
    """COW or GW code -> ISO3 (several codes may name one ISO3, e.g. 255 and 260 Germany).

    A code that two UN seats share names the current one: COW 345 is Yugoslavia to 2006 and
    Serbia after, and maps to Serbia (the book's analyses of these data start in 1992, after
    the seat of the Socialist Federal Republic lapsed).
    """
    frame = state_codes().dropna(subset=[f"{system}_code"])
    members = countries.load_members()
    current = set(
        members.loc[members["status"] == "current", ["iso3", "name"]].itertuples(index=False)
    )
    frame["current"] = [(i, n) in current for i, n in zip(frame["iso3"], frame["name"])]
    pairs = frame.sort_values("current", kind="stable")[[f"{system}_code", "iso3"]]
    return {int(code): iso3 for code, iso3 in pairs.itertuples(index=False)}


def iso3_from(codes: pd.Series, system: System = "cow") -> pd.Series:
    """ISO3 codes for a column of COW or GW numbers (NaN where a code names no UN member)."""
    return pd.to_numeric(codes, errors="coerce").map(lookup(system)).astype("string")


def code_of(iso3: str, system: System = "cow") -> int:
    """The current COW or GW code of an ISO3 code (the members table's latest spell)."""
    rows = state_codes()
    rows = rows[rows["iso3"] == iso3].dropna(subset=[f"{system}_code"])
    if rows.empty:
        raise KeyError(f"No {system.upper()} code for {iso3!r} in data/state_codes.csv.")
    return int(rows[f"{system}_code"].iloc[-1])
