"""UNGA votes after the paper: three post-2019 sources in the book's long format.

The canonical tables (:mod:`caorder.tables`) stop in January 2020. Chapter 4 extends the key
series with three further sources, each converted here to the same two tables:

``rollcalls``
    rcid, date, year, session (if known), symbol, title, source.
``votes``
    rcid, iso3, vote in yes / no / abstain / absent, exactly as :func:`caorder.tables.votes`
    (validated with :data:`caorder.schemas.VOTES`).

The sources, and how each is read:

``voeten-wide`` (:func:`wide`)
    The Voeten-derived wide matrix ``voeten-wide-2024-06/ungaVoting_003.csv``: one row per
    roll call, one column per state, codes 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member
    (dropped). Usable for 2020-2023; **January-October 2022 is missing from the file** (so
    the ES-11 emergency-session votes on Ukraine of spring 2022 are absent) and 2024 holds
    only six roll calls. The file carries no symbols or titles. Four rcid values (411, 427,
    449, 495) are used twice, by a 1950s and a 2023 roll call; the later row of each pair is
    re-keyed to ``DUPLICATE_RCID_OFFSET + rcid`` so that ids stay unique and never collide
    with the canonical ids (:func:`duplicated_rcids` lists them).
``undl-2025`` (:func:`undl_2025`)
    ``undl-2025/un_votes_2025_processed.csv``, derived from the UN Digital Library: 236 rows,
    of which the 192 General Assembly rows are kept (the 44 Security Council rows are not GA
    votes); ISO3 columns hold YES / NO / ABSTAIN, blank = did not vote (-> absent). It has
    191 state columns: Afghanistan and Venezuela are not in the file and so not in the votes.
``undl-official`` (:func:`undl_official`)
    The official UN Digital Library GA voting file (record 4060887), which a reader downloads
    by hand and names in the environment variable :data:`UNDL_ENV` (``CAORDER_UNDL_CSV``);
    long format, ``ms_vote`` Y / N / A / X (X = non-voting -> absent; blank -> absent).

Roll-call ids: the wide file keeps the Voeten rcid (identical to the canonical ids for the
roll calls both hold); the two UN Digital Library sources use the Library's record number
(``token`` / ``undl_id``), which is in the millions and so cannot collide with Voeten ids,
and is the same number in both files for the same vote.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pandera.pandas as pa

from caorder import tables
from caorder.fetch import fetch
from caorder.schemas import ISO3_PATTERN, VOTE_CHOICES, VOTES, SchemaError, validate

UNDL_ENV = "CAORDER_UNDL_CSV"
WIDE_KEY = "voeten-wide-2024-06/ungaVoting_003.csv"
UNDL_2025_KEY = "undl-2025/un_votes_2025_processed.csv"
#: Years of the wide file the book uses (2024 holds only six roll calls).
WIDE_YEARS = (2020, 2023)
#: Added to the rcid of the later row of a duplicated pair in the wide file.
DUPLICATE_RCID_OFFSET = 100_000
WIDE_CODES = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}  # 9 = not a member: dropped
WIDE_NOT_MEMBER = 9
UNDL_2025_CODES = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}  # blank = absent
UNDL_OFFICIAL_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}  # blank = absent
SOURCES = ["unvotes", "voeten-wide", "undl-2025", "undl-official"]
WIDE_META = ["rcid", "date", "me", "nu", "di", "hr", "co", "ec"]
UNDL_2025_META = ["token", "Title", "Council", "Resolution", "Date"]
UNDL_OFFICIAL_COLUMNS = [
    "undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
    "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note",
    "total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link",
]

EXT_ROLLCALLS = pa.DataFrameSchema(
    name="extension_rollcalls",
    columns={
        "rcid": pa.Column(int, unique=True),
        "date": pa.Column("datetime64[ns]"),
        "year": pa.Column(int, pa.Check.in_range(1946, 2100)),
        "session": pa.Column("Int64", pa.Check.in_range(1, 200), nullable=True),
        "symbol": pa.Column(object, nullable=True),
        "title": pa.Column(object, nullable=True),
        "source": pa.Column(str, pa.Check.isin(SOURCES)),
    },
    strict=True,
)


class Extension(NamedTuple):
    """One source converted to the book's format: a roll-call table and long votes."""

    rollcalls: pd.DataFrame
    votes: pd.DataFrame


def _require_columns(frame: pd.DataFrame, needed: list[str], what: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"{what} lacks the column(s) {missing}; is this the right file? "
            f"Expected at least: {needed}."
        )


def _finish(rollcalls: pd.DataFrame, votes: pd.DataFrame, what: str) -> Extension:
    """Sort, type and validate both tables; votes must refer to known roll calls."""
    rollcalls = rollcalls.assign(
        rcid=rollcalls["rcid"].astype(int),
        date=pd.to_datetime(rollcalls["date"]).astype("datetime64[ns]"),
        session=rollcalls["session"].astype("Int64"),
        symbol=rollcalls["symbol"].astype(object),
        title=rollcalls["title"].astype(object),
    )
    rollcalls["year"] = rollcalls["date"].dt.year.astype(int)
    rollcalls = rollcalls[list(EXT_ROLLCALLS.columns)].sort_values(["date", "rcid"])
    votes = votes.assign(
        rcid=votes["rcid"].astype(int),
        iso3=votes["iso3"].astype(str),
        vote=pd.Categorical(votes["vote"], categories=VOTE_CHOICES),
    ).sort_values(["rcid", "iso3"], ignore_index=True)[["rcid", "iso3", "vote"]]
    orphans = set(votes["rcid"]) - set(rollcalls["rcid"])
    if orphans:
        raise SchemaError(f"{what}: votes on roll calls not in the roll-call table: "
                          f"{sorted(orphans)[:5]}")
    return Extension(
        validate(rollcalls.reset_index(drop=True), EXT_ROLLCALLS, f"{what} roll calls"),
        validate(votes, VOTES, f"{what} votes"),
    )


def _bad_codes(values: pd.Series, allowed: set, what: str) -> None:
    bad = sorted(set(values.dropna().unique()) - allowed, key=str)
    if bad:
        raise SchemaError(f"{what}: unknown vote code(s) {bad[:8]}; allowed: {sorted(allowed, key=str)}.")


# --- the Voeten-derived wide matrix ---------------------------------------------------


def duplicated_rcids(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a wide file whose rcid occurs more than once (rcid, date), in file order."""
    return frame.loc[frame["rcid"].duplicated(keep=False), ["rcid", "date"]]


def read_wide(path: Path, years: tuple[int, int] = WIDE_YEARS) -> Extension:
    """Convert a wide vote matrix (codes 1/2/3/8/9) to the book's tables for ``years``.

    Duplicated rcids are re-keyed (later row: ``DUPLICATE_RCID_OFFSET + rcid``) before the
    year filter, so the ids are the same whatever window is read.
    """
    raw = pd.read_csv(path)
    _require_columns(raw, WIDE_META, f"{Path(path).name} (wide vote matrix)")
    states = [c for c in raw.columns if c not in WIDE_META]
    bad_names = [s for s in states if not re.fullmatch(ISO3_PATTERN, s)]
    if bad_names:
        raise SchemaError(f"{Path(path).name}: state columns are not ISO3 codes: {bad_names[:5]}")
    raw["rcid"] = raw["rcid"].astype(int)
    later = raw["rcid"].duplicated(keep="first")
    raw.loc[later, "rcid"] = raw.loc[later, "rcid"] + DUPLICATE_RCID_OFFSET
    raw["date"] = pd.to_datetime(raw["date"], format="%Y-%m-%d")
    raw = raw[raw["date"].dt.year.between(*years)]
    long = raw.melt(id_vars=["rcid"], value_vars=states, var_name="iso3", value_name="code")
    _bad_codes(long["code"], set(WIDE_CODES) | {WIDE_NOT_MEMBER}, Path(path).name)
    long = long[long["code"].notna() & (long["code"] != WIDE_NOT_MEMBER)]
    long = long.assign(vote=long["code"].astype(int).map(WIDE_CODES))
    calls = pd.DataFrame({"rcid": raw["rcid"], "date": raw["date"], "session": pd.NA,
                          "symbol": None, "title": None, "source": "voeten-wide"})
    return _finish(calls, long, Path(path).name)


# --- the 2025 UN Digital Library derivative ------------------------------------------


def _session_from_symbol(symbol: pd.Series) -> pd.Series:
    """GA session number from a symbol such as ``A/RES/79/292`` (NA for ES-11 etc.)."""
    return pd.to_numeric(symbol.astype(str).str.extract(r"^A/RES/(\d+)/")[0], errors="coerce")


def _clean_title(title: pd.Series) -> pd.Series:
    return title.astype(str).str.replace(r"\s*:\s*resolution\s*/.*$", "", regex=True).str.strip()


def read_undl_2025(path: Path) -> Extension:
    """Convert the processed 2025 UN Digital Library file; keep General Assembly rows only."""
    raw = pd.read_csv(path, dtype={"token": "Int64"})
    name = Path(path).name
    _require_columns(raw, UNDL_2025_META, name)
    states = [c for c in raw.columns if re.fullmatch(ISO3_PATTERN, c)]
    if not states:
        raise SchemaError(f"{name}: no ISO3 state columns found.")
    raw = raw[raw["Council"] == "General Assembly"]
    calls = pd.DataFrame({
        "rcid": raw["token"], "date": pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
        "session": _session_from_symbol(raw["Resolution"]), "symbol": raw["Resolution"],
        "title": _clean_title(raw["Title"]), "source": "undl-2025",
    })
    long = raw.melt(id_vars=["token"], value_vars=states, var_name="iso3", value_name="code")
    codes = long["code"].astype("string").str.strip().str.upper().replace("", pd.NA)
    _bad_codes(codes, set(UNDL_2025_CODES), name)
    long = long.assign(rcid=long["token"], vote=codes.map(UNDL_2025_CODES).fillna("absent"))
    return _finish(calls, long, name)


# --- the official UN Digital Library file ---------------------------------------------


def official_path() -> Path:
    """The official UNDL voting CSV named by ``CAORDER_UNDL_CSV`` (clear error if unset/missing)."""
    configured = os.environ.get(UNDL_ENV)
    if not configured:
        raise FileNotFoundError(
            f"{UNDL_ENV} is not set. Download the UN Digital Library GA voting file (record "
            f"4060887) by hand and set {UNDL_ENV} to its path; see the page 'Rebuilding the "
            "book on the official UN Digital Library file'."
        )
    path = Path(configured).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{UNDL_ENV} points to {path}, which is not a file.")
    return path


def read_undl_official(path: Path, years: tuple[int, int] | None = None) -> Extension:
    """Convert the official UNDL GA voting CSV (long: one row per roll call and member)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    name = Path(path).name
    _require_columns(raw, UNDL_OFFICIAL_COLUMNS, f"{name} (official UNDL voting file)")
    raw["date"] = pd.to_datetime(raw["date"], errors="coerce", format="mixed")
    if raw["date"].isna().any():
        raise SchemaError(f"{name}: unreadable dates in rows {list(raw.index[raw['date'].isna()][:5])}.")
    if years is not None:
        raw = raw[raw["date"].dt.year.between(*years)]
    codes = raw["ms_vote"].str.strip().str.upper().replace("", pd.NA)
    _bad_codes(codes, set(UNDL_OFFICIAL_CODES), name)
    raw["rcid"] = pd.to_numeric(raw["undl_id"], errors="raise").astype(int)
    twice = raw.duplicated(["rcid", "ms_code"])
    if twice.any():
        raise SchemaError(f"{name}: {int(twice.sum())} repeated (undl_id, ms_code) rows, e.g. "
                          f"{raw.loc[twice, ['undl_id', 'ms_code']].head(3).values.tolist()}.")
    calls = raw.drop_duplicates("rcid")
    calls = pd.DataFrame({
        "rcid": calls["rcid"], "date": calls["date"],
        "session": pd.to_numeric(calls["session"].str.extract(r"^(\d+)")[0], errors="coerce"),
        "symbol": calls["resolution"].replace("", None), "title": calls["title"].replace("", None),
        "source": "undl-official",
    })
    votes = pd.DataFrame({"rcid": raw["rcid"], "iso3": raw["ms_code"].str.strip(),
                          "vote": codes.map(UNDL_OFFICIAL_CODES).fillna("absent")})
    return _finish(calls, votes, name)


# --- public entry points ----------------------------------------------------------------


def wide(years: tuple[int, int] = WIDE_YEARS) -> Extension:
    """The pinned wide matrix, 2020-2023 by default (Jan-Oct 2022 missing in the source)."""
    return read_wide(fetch(WIDE_KEY), years)


def undl_2025() -> Extension:
    """The pinned 2025 UN Digital Library derivative, General Assembly votes only."""
    return read_undl_2025(fetch(UNDL_2025_KEY))


def undl_official(years: tuple[int, int] | None = None) -> Extension:
    """The official UNDL voting file named by ``CAORDER_UNDL_CSV``."""
    return read_undl_official(official_path(), years)


def canonical() -> Extension:
    """The canonical 1946-2020 tables (:mod:`caorder.tables`) in the extension format.

    ``title`` joins the short title and the description (``short | descr``), because the
    source puts a resolution's title in one or the other; descriptions that are excerpts of
    the verbatim record ("The President: ...") are left out, as they are not titles.
    """
    calls = tables.rollcalls()
    frame = pd.DataFrame({
        "rcid": calls["rcid"], "date": calls["date"], "session": calls["session"],
        "symbol": calls["unres"],
        "title": (calls["short"].fillna("") + " | " + calls["descr"].fillna("").mask(
            calls["descr"].fillna("").str.match(r"The (Acting )?President"), "")).str.strip(" |"),
        "source": "unvotes",
    })
    return _finish(frame, tables.votes(), "unvotes")


def combined(use_official: bool | None = None) -> Extension:
    """All roll calls the book can use, one source per calendar year.

    Years up to 2019 come from the canonical tables; 2020-2023 from the wide matrix and 2025
    from the UNDL 2025 file. If ``CAORDER_UNDL_CSV`` is set (or ``use_official`` is True),
    every year from 2020 on comes from the official UN Digital Library file instead, which
    fills the 2022 and 2024 gaps.
    """
    if use_official is None:
        use_official = bool(os.environ.get(UNDL_ENV))
    base = canonical()
    keep = base.rollcalls["year"] <= 2019
    parts = [Extension(base.rollcalls[keep], base.votes[base.votes["rcid"].isin(
        base.rollcalls.loc[keep, "rcid"])])]
    if use_official:
        parts.append(undl_official(years=(2020, 2100)))
    else:
        parts += [wide(), undl_2025()]
    calls = pd.concat([p.rollcalls for p in parts], ignore_index=True)
    votes = pd.concat([p.votes.assign(vote=p.votes["vote"].astype(str)) for p in parts],
                      ignore_index=True)
    return _finish(calls, votes, "combined sources")


def coverage(rollcalls: pd.DataFrame, first: int = 1992, last: int = 2025) -> pd.DataFrame:
    """Roll calls per calendar year and source, with zero rows for years no source covers."""
    counts = rollcalls.groupby(["year", "source"]).size().unstack(fill_value=0)
    counts = counts.reindex(range(first, last + 1), fill_value=0)
    counts = counts.reindex(columns=[s for s in SOURCES if s in counts.columns])
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "year"
    return counts.astype(int)


def monthly_coverage(rollcalls: pd.DataFrame, first: int = 2019, last: int = 2025) -> pd.DataFrame:
    """Roll calls per month (rows: year, columns: month 1-12) — shows the 2022 gap."""
    frame = rollcalls[rollcalls["year"].between(first, last)]
    table = pd.crosstab(frame["year"], frame["date"].dt.month)
    table = table.reindex(index=range(first, last + 1), columns=range(1, 13), fill_value=0)
    return table.astype(int)


def find_rollcalls(rollcalls: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Roll calls whose symbol or title matches the regular expression (case-insensitive)."""
    text = rollcalls["title"].fillna("").astype(str) + " " + rollcalls["symbol"].fillna("").astype(str)
    return rollcalls[text.str.contains(pattern, case=False, regex=True)].sort_values("date")


def state_votes(votes: pd.DataFrame, rcids: np.ndarray | list, states: list[str]) -> pd.DataFrame:
    """Votes of ``states`` on roll calls ``rcids``: rows rcid, columns states ('not in file' if none)."""
    frame = votes[votes["rcid"].isin(rcids) & votes["iso3"].isin(states)]
    table = frame.assign(vote=frame["vote"].astype(str)).pivot(
        index="rcid", columns="iso3", values="vote")
    table = table.reindex(index=list(rcids), columns=states).astype(object)
    return table.where(table.notna(), "not in file")
