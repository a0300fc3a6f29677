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

``curated`` (:func:`curated`)
    This project's tables ``data/unga_resolutions.csv`` and ``data/unga_recorded_votes.csv``
    (codebook: ``data/README.md``): the 2022-2024 votes on Ukraine and Russia (ES-11/1 to
    ES-11/6 and five regular-session texts) and six post-Soviet territorial roll calls of
    2012-2019 that are missing from the pinned files, each row with its public source and a
    confidence. Full roll calls for eight of them; the votes of up to fifteen states for the
    rest. Ids are :data:`CURATED_RCID_BASE` + a number derived from the symbol.

:func:`combined` takes one source per calendar year and then adds the curated roll calls of
2020 on (:data:`EXTENSION_FROM`):
a curated roll call that another source already holds (same symbol, or same date and same
yes / no / abstain totals) is counted once, from the other source, which gains the symbol and
title and the mark ``also_in = "curated"``; :func:`disagreements` lists every state whose
vote differs between the two, so that disagreements are reported, not hidden.

Roll-call ids: the wide file keeps the Voeten rcid (identical to the canonical ids for the
roll calls both hold); the two UN Digital Library sources use the Library's record number
(``token`` / ``undl_id``), which is in the millions and so cannot collide with Voeten ids,
and is the same number in both files for the same vote.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from caorder import classify, countries, paths, tables
from caorder.errors import DataError
from caorder.fetch import fetch
from caorder.schemas import (
    ISO3_PATTERN,
    UNGA_RECORDED_VOTES,
    UNGA_RESOLUTIONS,
    VOTE_CHOICES,
    VOTES,
    SchemaError,
    extension_rollcalls,
    validate,
)

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
CURATED = "curated"
SOURCES = ["unvotes", "voeten-wide", "undl-2025", "undl-official", CURATED]
EXT_ROLLCALLS = extension_rollcalls(SOURCES)
RESOLUTIONS_FILE = "unga_resolutions.csv"
RECORDED_VOTES_FILE = "unga_recorded_votes.csv"
#: Curated roll-call ids: base + 10,000 x session (emergency session n: 900 + n) + number.
CURATED_RCID_BASE = 900_000_000
#: Members of the United Nations since July 2011 (a full roll call has one row for each).
UN_MEMBERS = 193
WIDE_META = ["rcid", "date", "me", "nu", "di", "hr", "co", "ec"]
UNDL_2025_META = ["token", "Title", "Council", "Resolution", "Date"]
UNDL_OFFICIAL_COLUMNS = [
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "committee_report",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "vote_note",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
]


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
        also_in=rollcalls["also_in"].astype(object) if "also_in" in rollcalls else None,
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
        raise SchemaError(
            f"{what}: votes on roll calls not in the roll-call table: {sorted(orphans)[:5]}"
        )
    return Extension(
        validate(rollcalls.reset_index(drop=True), EXT_ROLLCALLS, f"{what} roll calls"),
        validate(votes, VOTES, f"{what} votes"),
    )


def _bad_codes(values: pd.Series, allowed: set, what: str) -> None:
    bad = sorted(set(values.dropna().unique()) - allowed, key=str)
    if bad:
        raise SchemaError(
            f"{what}: unknown vote code(s) {bad[:8]}; allowed: {sorted(allowed, key=str)}."
        )


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
    calls = pd.DataFrame(
        {
            "rcid": raw["rcid"],
            "date": raw["date"],
            "session": pd.NA,
            "symbol": None,
            "title": None,
            "source": "voeten-wide",
        }
    )
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
    calls = pd.DataFrame(
        {
            "rcid": raw["token"],
            "date": pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
            "session": _session_from_symbol(raw["Resolution"]),
            "symbol": raw["Resolution"],
            "title": _clean_title(raw["Title"]),
            "source": "undl-2025",
        }
    )
    long = raw.melt(id_vars=["token"], value_vars=states, var_name="iso3", value_name="code")
    codes = long["code"].astype("string").str.strip().str.upper().replace("", pd.NA)
    _bad_codes(codes, set(UNDL_2025_CODES), name)
    long = long.assign(rcid=long["token"], vote=codes.map(UNDL_2025_CODES).fillna("absent"))
    return _finish(calls, long, name)


# --- the official UN Digital Library file ---------------------------------------------


class UndlFileError(SchemaError):
    """The file named by ``CAORDER_UNDL_CSV`` is missing or unusable (one line, with the fix)."""


class UndlPathError(DataError, FileNotFoundError):
    """``CAORDER_UNDL_CSV`` is unset or names something that is not a readable file."""


def official_path() -> Path:
    """The official UNDL voting CSV named by ``CAORDER_UNDL_CSV`` (clear error if unset/missing)."""
    configured = os.environ.get(UNDL_ENV)
    if not configured:
        raise UndlPathError(
            f"{UNDL_ENV} is not set. Download the UN Digital Library GA voting file (record "
            f"4060887) by hand and set {UNDL_ENV} to its path; see the page 'Rebuilding the "
            "book on the official UN Digital Library file'."
        )
    path = Path(configured).expanduser()
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not there"
        raise UndlPathError(
            f"{UNDL_ENV} points to {path}, which is not a file ({what}). Set it to the "
            "downloaded voting CSV of UN Digital Library record 4060887, or unset it to use "
            "the pinned files."
        )
    return path


def _official_text(path: Path) -> str:
    """The official file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Any other encoding (e.g. Latin-1 from a spreadsheet export) is rejected with the byte
    that fails, rather than guessed, because a wrong guess silently garbles names.
    """
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise UndlFileError(
            f"{UNDL_ENV}: {path} cannot be read ({paths.describe_oserror(err)}); make it "
            f"readable or point {UNDL_ENV} at a readable copy."
        ) from None
    if not data.strip():
        raise SchemaError(
            f"{UNDL_ENV}: {name} is empty ({len(data)} bytes); download the "
            "voting CSV of UN Digital Library record 4060887 again."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SchemaError(
            f"{UNDL_ENV}: {name} is not UTF-8 (byte 0x{data[err.start]:02x} at position "
            f"{err.start}); re-save it as UTF-8 (the Library publishes it so) and retry."
        ) from None


def _whole_numbers(values: pd.Series, name: str) -> pd.Series:
    """The ``undl_id`` column as integers; a value that is not one is a one-line error."""
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = values.index[numbers.isna() | (numbers % 1 != 0)]
    if len(bad):
        raise UndlFileError(
            f"{UNDL_ENV}: {name}, column undl_id: {values[bad[0]]!r} (line {bad[0] + 2}) is not "
            "a record number; rule: undl_id is the Library's whole-number record id. Download "
            "the file again or correct the row."
        )
    return numbers.astype(int)


def _check_members(raw: pd.DataFrame, name: str) -> None:
    """Every ``ms_code`` must be a UN member on the vote's date (``data/members.csv``).

    An unknown or misspelt code would add a phantom state and drop a real one's vote.
    """
    members = countries.load_members()
    codes = raw["ms_code"].str.strip()
    seats = (
        raw[["date"]]
        .assign(iso3=codes, row=raw.index)
        .merge(members[["iso3", "member_from", "member_to"]], on="iso3", how="left")
    )
    inside = (seats["date"] >= seats["member_from"]) & (
        seats["member_to"].isna() | (seats["date"] <= seats["member_to"])
    )
    bad = raw.index[~raw.index.isin(seats.loc[inside, "row"])]
    if len(bad):
        first = bad[0]
        raise UndlFileError(
            f"{UNDL_ENV}: {name}, column ms_code: {codes[first]!r} (line {first + 2}, vote of "
            f"{raw.at[first, 'date']:%Y-%m-%d}"
            f"{f'; {len(bad) - 1} more rows' if len(bad) > 1 else ''}) is not a UN member on "
            "that date in data/members.csv; rule: every ms_code is the ISO3 code of a member "
            "on the vote's date. Correct the code, or the membership spell in members.csv."
        )


def read_undl_official(path: Path, years: tuple[int, int] | None = None) -> Extension:
    """Convert the official UNDL GA voting CSV (long: one row per roll call and member).

    Rejects with one line: an empty file, a file in another encoding than UTF-8/UTF-16
    (:func:`_official_text`), a header without rows, missing columns and unknown codes.
    """
    name = Path(path).name
    try:
        raw = pd.read_csv(io.StringIO(_official_text(path)), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise UndlFileError(
            f"{UNDL_ENV}: {name} is not a readable CSV ({' '.join(str(err).split())}); "
            "download the voting CSV of UN Digital Library record 4060887 again."
        ) from None
    if raw.empty:
        raise SchemaError(
            f"{UNDL_ENV}: {name} has a header but no vote rows; download the "
            "complete voting CSV of UN Digital Library record 4060887."
        )
    _require_columns(raw, UNDL_OFFICIAL_COLUMNS, f"{name} (official UNDL voting file)")
    text_dates = raw["date"]
    raw["date"] = pd.to_datetime(raw["date"], errors="coerce", format="mixed")
    if raw["date"].isna().any():
        bad = raw.index[raw["date"].isna()]
        raise UndlFileError(
            f"{UNDL_ENV}: {name}, column date: {text_dates[bad[0]]!r} (line {bad[0] + 2}"
            f"{f' and {len(bad) - 1} more' if len(bad) > 1 else ''}) is not a date; rule: "
            "every vote row has a real date. Download the file again or correct the row."
        )
    if years is not None:
        raw = raw[raw["date"].dt.year.between(*years)]
    codes = raw["ms_vote"].str.strip().str.upper().replace("", pd.NA)
    _bad_codes(codes, set(UNDL_OFFICIAL_CODES), name)
    raw["rcid"] = _whole_numbers(raw["undl_id"], name)
    _check_members(raw, name)
    twice = raw.duplicated(["rcid", "ms_code"])
    if twice.any():
        raise SchemaError(
            f"{name}: {int(twice.sum())} repeated (undl_id, ms_code) rows, e.g. "
            f"{raw.loc[twice, ['undl_id', 'ms_code']].head(3).values.tolist()}."
        )
    calls = raw.drop_duplicates("rcid")
    calls = pd.DataFrame(
        {
            "rcid": calls["rcid"],
            "date": calls["date"],
            "session": pd.to_numeric(calls["session"].str.extract(r"^(\d+)")[0], errors="coerce"),
            "symbol": calls["resolution"].replace("", None),
            "title": calls["title"].replace("", None),
            "source": "undl-official",
        }
    )
    votes = pd.DataFrame(
        {
            "rcid": raw["rcid"],
            "iso3": raw["ms_code"].str.strip(),
            "vote": codes.map(UNDL_OFFICIAL_CODES).fillna("absent"),
        }
    )
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
    frame = pd.DataFrame(
        {
            "rcid": calls["rcid"],
            "date": calls["date"],
            "session": calls["session"],
            "symbol": calls["unres"],
            "title": (
                calls["short"].fillna("")
                + " | "
                + calls["descr"]
                .fillna("")
                .mask(calls["descr"].fillna("").str.match(r"The (Acting )?President"), "")
            ).str.strip(" |"),
            "source": "unvotes",
        }
    )
    return _finish(frame, tables.votes(), "unvotes")


def _concat(parts: list[Extension], what: str) -> Extension:
    calls = pd.concat([p.rollcalls for p in parts], ignore_index=True)
    votes = pd.concat(
        [p.votes.assign(vote=p.votes["vote"].astype(str)) for p in parts], ignore_index=True
    )
    return _finish(calls, votes, what)


def by_year(use_official: bool | None = None) -> Extension:
    """The pinned sources, one per calendar year (no curated roll calls).

    Years up to 2019 come from the canonical tables; 2020-2023 from the wide matrix and 2025
    from the UNDL 2025 file. If ``CAORDER_UNDL_CSV`` is set (or ``use_official`` is True),
    every year from 2020 on comes from the official UN Digital Library file instead.
    """
    if use_official is None:
        use_official = bool(os.environ.get(UNDL_ENV))
    base = canonical()
    keep = base.rollcalls["year"] <= 2019
    parts = [
        Extension(
            base.rollcalls[keep],
            base.votes[base.votes["rcid"].isin(base.rollcalls.loc[keep, "rcid"])],
        )
    ]
    if use_official:
        parts.append(undl_official(years=(2020, 2100)))
    else:
        parts += [wide(), undl_2025()]
    return _concat(parts, "combined sources")


#: First year of the extension: curated roll calls of earlier years (the territorial texts of
#: 2012-2019) are left out of :func:`combined`, because adding a handful of roll calls on one
#: topic to a year of the canonical data would tilt that year's agenda; chapter 3 uses them
#: through :func:`curated_territorial_table`.
EXTENSION_FROM = 2020


def combined(use_official: bool | None = None, curated_from: int = EXTENSION_FROM) -> Extension:
    """All roll calls the book can use: :func:`by_year` plus the curated roll calls from
    ``curated_from`` on (the 2022-2024 votes on Ukraine).

    A curated roll call that :func:`by_year` already holds (:func:`match_curated`) is
    counted once: the other source's votes are kept, it gains the curated symbol and title
    and ``also_in = "curated"``; see :func:`disagreements` for the votes that differ.
    """
    extra = curated()
    keep = extra.rollcalls["year"] >= curated_from
    extra = Extension(
        extra.rollcalls[keep],
        extra.votes[extra.votes["rcid"].isin(extra.rollcalls.loc[keep, "rcid"])],
    )
    return add_curated(by_year(use_official), extra)


def add_curated(base: Extension, extra: Extension) -> Extension:
    """``base`` plus the curated roll calls ``extra`` it lacks (see :func:`combined`)."""
    matches = match_curated(base, extra)
    calls = base.rollcalls.copy()
    if not matches.empty:
        info = extra.rollcalls.set_index("rcid").loc[matches["curated_rcid"], ["symbol", "title"]]
        info.index = matches["rcid"].to_numpy()
        where = calls["rcid"].isin(info.index)
        found = info.loc[calls.loc[where, "rcid"]]
        calls.loc[where, "symbol"] = calls.loc[where, "symbol"].fillna(
            pd.Series(found["symbol"].to_numpy(), index=calls.index[where])
        )
        calls.loc[where, "title"] = calls.loc[where, "title"].fillna(
            pd.Series(found["title"].to_numpy(), index=calls.index[where])
        )
        calls.loc[where, "also_in"] = CURATED
    new = ~extra.rollcalls["rcid"].isin(matches["curated_rcid"])
    added = Extension(
        extra.rollcalls[new],
        extra.votes[extra.votes["rcid"].isin(extra.rollcalls.loc[new, "rcid"])],
    )
    return _concat([Extension(calls, base.votes), added], "combined and curated sources")


# --- curated tables -----------------------------------------------------------------------


def _read_curated(path: Path, schema, dates: list[str]) -> pd.DataFrame:
    """Read one curated CSV and validate it, naming the file in every error."""
    try:
        frame = pd.read_csv(
            path,
            dtype={
                "symbol": str,
                "iso3": str,
                **{c: "Int64" for c in ("yes", "no", "abstain", "non_voting", "undl_record")},
            },
        )
        for column in dates:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    except (OSError, ValueError, pd.errors.ParserError) as err:
        raise SchemaError(f"{path}: cannot be read ({err}); fix the file.") from None
    return validate(frame, schema, str(Path(path).name))


def load_resolutions(path: Path | None = None) -> pd.DataFrame:
    """``data/unga_resolutions.csv``: one row per resolution, validated, sorted by date."""
    path = path or paths.data_dir() / RESOLUTIONS_FILE
    frame = _read_curated(path, UNGA_RESOLUTIONS, ["date"])
    return frame.sort_values(["date", "symbol"], ignore_index=True)


def load_recorded_votes(
    path: Path | None = None, resolutions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``data/unga_recorded_votes.csv``, validated and checked against the resolutions.

    Checks: every symbol is a resolution adopted by recorded vote, with the same date;
    every ISO3 is in ``data/members.csv``; a full roll call has one row per member and its
    counts equal the official totals; a partial one never exceeds them.
    """
    path = path or paths.data_dir() / RECORDED_VOTES_FILE
    name = Path(path).name
    votes = _read_curated(path, UNGA_RECORDED_VOTES, ["date"])
    res = (load_resolutions() if resolutions is None else resolutions).set_index("symbol")
    unknown = sorted(set(votes["symbol"]) - set(res.index[res["recorded_vote"]]))
    if unknown:
        raise SchemaError(
            f"{name}: votes on {unknown[:3]}, which {RESOLUTIONS_FILE} does not "
            "list as adopted by recorded vote; add the resolution or fix the symbol."
        )
    wrong_date = votes["date"].ne(votes["symbol"].map(res["date"]))
    if wrong_date.any():
        row = votes[wrong_date].iloc[0]
        expected = res.at[row["symbol"], "date"]
        raise SchemaError(
            f"{name}: {row['symbol']} {row['iso3']} is dated "
            f"{row['date']:%Y-%m-%d}, not {expected:%Y-%m-%d} as in "
            f"{RESOLUTIONS_FILE}."
        )
    strangers = sorted(set(votes["iso3"]) - set(countries.load_members()["iso3"]))
    if strangers:
        raise SchemaError(f"{name}: ISO3 code(s) {strangers[:5]} are not in data/members.csv.")
    counts = pd.crosstab(votes["symbol"], votes["vote"]).reindex(columns=VOTE_CHOICES, fill_value=0)
    totals = res.loc[counts.index, ["yes", "no", "abstain", "non_voting"]].set_axis(
        VOTE_CHOICES, axis=1
    )
    for symbol in counts.index:
        have, official = counts.loc[symbol], totals.loc[symbol]
        if res.at[symbol, "full_roll_call"]:
            if have.tolist() != official.tolist():
                raise SchemaError(
                    f"{name}: the full roll call of {symbol} counts "
                    f"{have.to_dict()}, the official totals are "
                    f"{official.astype(object).to_dict()}."
                )
        elif (have > official.fillna(UN_MEMBERS)).any():
            raise SchemaError(
                f"{name}: {symbol} has more rows for a choice than the official "
                f"totals allow ({have.to_dict()})."
            )
    return votes.sort_values(["date", "symbol", "iso3"], ignore_index=True)


def curated_rcid(symbol: str) -> int:
    """Stable id of a curated roll call: ``A/RES/77/229`` -> 900_770_229, ES-11/3 -> 909_110_003."""
    match = re.fullmatch(r"A/RES/(ES-)?(\d+)/(\d+)", symbol)
    if match is None:
        raise SchemaError(f"{RESOLUTIONS_FILE}: cannot make an id from the symbol {symbol!r}.")
    session = int(match[2]) + (900 if match[1] else 0)
    return CURATED_RCID_BASE + 10_000 * session + int(match[3])


def curated(
    resolutions: pd.DataFrame | None = None, votes: pd.DataFrame | None = None
) -> Extension:
    """The curated roll calls with at least one sourced vote, in the extension format."""
    res = load_resolutions() if resolutions is None else resolutions
    votes = load_recorded_votes(resolutions=res) if votes is None else votes
    res = res[res["symbol"].isin(votes["symbol"])]
    calls = pd.DataFrame(
        {
            "rcid": res["symbol"].map(curated_rcid),
            "date": res["date"],
            "session": _session_from_symbol(res["symbol"]),
            "symbol": res["symbol"],
            "title": res["title"],
            "source": CURATED,
        }
    )
    long = pd.DataFrame(
        {"rcid": votes["symbol"].map(curated_rcid), "iso3": votes["iso3"], "vote": votes["vote"]}
    )
    return _finish(calls, long, "curated UNGA votes")


def normalise_symbol(symbol: pd.Series) -> pd.Series:
    """Upper case, no spaces, the canonical ``R/68/262`` written ``A/RES/68/262``."""
    text = symbol.astype("string").str.upper().str.replace(" ", "", regex=False)
    return text.str.replace(r"^R/", "A/RES/", regex=True)


def _totals(votes: pd.DataFrame) -> pd.DataFrame:
    """yes / no / abstain counts per roll call."""
    return pd.crosstab(votes["rcid"], votes["vote"].astype(str)).reindex(
        columns=["yes", "no", "abstain"], fill_value=0
    )


def match_curated(
    base: Extension, extra: Extension, resolutions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Curated roll calls that ``base`` already holds: curated_rcid, rcid, source, how.

    Matched on the symbol, else on the same date with the same yes / no / abstain totals
    (the official totals of :data:`RESOLUTIONS_FILE`; a roll call of the wide matrix has no
    symbol). A date-and-totals match must be unique. A symbol match whose totals differ from
    the official ones is no match: the pinned file labels Russia's no-action motion of
    2009-09-09 with the symbol of the resolution voted after it, A/RES/63/307.
    """
    res = load_resolutions() if resolutions is None else resolutions
    official = res.assign(curated_rcid=res["symbol"].map(curated_rcid)).set_index("curated_rcid")
    calls = base.rollcalls.assign(key=normalise_symbol(base.rollcalls["symbol"]))
    counts = _totals(base.votes)
    rows = []
    for call in extra.rollcalls.itertuples(index=False):
        same = calls[calls["key"] == call.symbol.upper()]
        if len(same) and call.rcid in official.index:
            want = official.loc[call.rcid, ["yes", "no", "abstain"]]
            if want.notna().all():
                agree = counts.reindex(same["rcid"]).eq(want.astype(int).to_numpy()).all(axis=1)
                same = same[agree.to_numpy()]
        how = "symbol"
        if same.empty and call.rcid in official.index:
            want = official.loc[call.rcid, ["yes", "no", "abstain"]]
            if want.notna().all():
                day = calls[calls["date"] == call.date]
                hit = counts.reindex(day["rcid"]).eq(want.astype(int).to_numpy()).all(axis=1)
                same = day[hit.to_numpy()] if hit.sum() == 1 else same
                how = "date and totals"
        if len(same):
            rows.append(
                {
                    "curated_rcid": call.rcid,
                    "symbol": call.symbol,
                    "rcid": int(same["rcid"].iloc[0]),
                    "source": same["source"].iloc[0],
                    "how": how,
                }
            )
    return pd.DataFrame(rows, columns=["curated_rcid", "symbol", "rcid", "source", "how"])


def disagreements(base: Extension | None = None, extra: Extension | None = None) -> pd.DataFrame:
    """Every state whose vote on a roll call held twice differs between the two sources.

    Columns: symbol, date, iso3, curated (vote), confidence, other (vote), other source.
    A state missing from the other source is listed with ``other = "not in file"``.
    """
    base = by_year() if base is None else base
    extra = curated() if extra is None else extra
    matches = match_curated(base, extra)
    columns = ["symbol", "date", "iso3", "curated", "confidence", "other", "other source"]
    if matches.empty:
        return pd.DataFrame(columns=columns)
    sourced = load_recorded_votes().assign(curated_rcid=lambda v: v["symbol"].map(curated_rcid))
    pairs = sourced.merge(matches[["curated_rcid", "rcid", "source"]], on="curated_rcid")
    other = base.votes.assign(vote=base.votes["vote"].astype(str))
    pairs = pairs.merge(other.rename(columns={"vote": "other"}), on=["rcid", "iso3"], how="left")
    pairs["other"] = pairs["other"].fillna("not in file")
    differ = pairs[pairs["vote"] != pairs["other"]].rename(
        columns={"vote": "curated", "source_y": "other source", "source": "other source"}
    )
    differ["date"] = differ["date"].dt.strftime("%Y-%m-%d")
    return differ.reindex(columns=columns).sort_values(
        ["date", "symbol", "iso3"], ignore_index=True
    )


def coverage(rollcalls: pd.DataFrame, first: int = 1992, last: int = 2025) -> pd.DataFrame:
    """Roll calls per calendar year and source, with zero rows for years no source covers."""
    counts = rollcalls.groupby(["year", "source"]).size().unstack(fill_value=0)
    counts = counts.reindex(range(first, last + 1), fill_value=0)
    counts = counts.reindex(columns=[s for s in SOURCES if s in counts.columns])
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "year"
    return counts.astype(int)


def missing_years(rollcalls: pd.DataFrame, first: int = 2020, last: int = 2025) -> list[int]:
    """Calendar years in ``[first, last]`` without a single roll call (e.g. an official file
    that covers fewer years than the book needs, or 2024 in the pinned sources)."""
    held = set(rollcalls["year"].astype(int))
    return [year for year in range(first, last + 1) if year not in held]


def monthly_coverage(rollcalls: pd.DataFrame, first: int = 2019, last: int = 2025) -> pd.DataFrame:
    """Roll calls per month (rows: year, columns: month 1-12) — shows the 2022 gap."""
    frame = rollcalls[rollcalls["year"].between(first, last)]
    table = pd.crosstab(frame["year"], frame["date"].dt.month)
    table = table.reindex(index=range(first, last + 1), columns=range(1, 13), fill_value=0)
    return table.astype(int)


def find_rollcalls(rollcalls: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Roll calls whose symbol or title matches the regular expression (case-insensitive)."""
    text = (
        rollcalls["title"].fillna("").astype(str) + " " + rollcalls["symbol"].fillna("").astype(str)
    )
    return rollcalls[text.str.contains(pattern, case=False, regex=True)].sort_values("date")


def state_votes(votes: pd.DataFrame, rcids: np.ndarray | list, states: list[str]) -> pd.DataFrame:
    """Votes of ``states`` on roll calls ``rcids``: rows rcid, columns states.

    A state with no vote recorded on a roll call shows 'not in file'.
    """
    frame = votes[votes["rcid"].isin(rcids) & votes["iso3"].isin(states)]
    table = frame.assign(vote=frame["vote"].astype(str)).pivot(
        index="rcid", columns="iso3", values="vote"
    )
    table = table.reindex(index=list(rcids), columns=states).astype(object)
    return table.where(table.notna(), "not in file")


# --- territorial roll calls for chapter 3 (C3.2) ---------------------------------------------

TERRITORIAL_COLLECTION = "territorial-2006-2019"


def curated_territorial_table(states: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """The curated territorial roll calls in the columns of ``order_votes.territorial_table``.

    One row per roll call: rcid, date, symbol, target, kind, pro_vote, title, the votes of
    ``states`` ('not in file' if none) and the Assembly's counts as ``world yes`` ... Every
    curated territorial text is a resolution supporting the integrity of ``target``, so
    ``pro_vote`` is "yes". Concatenate it with the canonical table to test C3.2 on both.
    """
    res = load_resolutions()
    votes = load_recorded_votes(resolutions=res)
    res = res[(res["collection"] == TERRITORIAL_COLLECTION) & res["recorded_vote"]]
    data = curated(resolutions=res, votes=votes[votes["symbol"].isin(res["symbol"])])
    rcids = data.rollcalls["rcid"].tolist()
    table = res.assign(rcid=res["symbol"].map(curated_rcid), kind="resolution", pro_vote="yes")
    table = table.set_index("rcid")[["date", "symbol", "target", "kind", "pro_vote", "title"]]
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    counts = pd.crosstab(data.votes["rcid"], data.votes["vote"].astype(str)).reindex(
        index=rcids, columns=VOTE_CHOICES, fill_value=0
    )
    table = table.join(state_votes(data.votes, rcids, list(states))).join(
        counts.add_prefix("world ")
    )
    return table.reset_index().assign(source=CURATED)


def territorial_coverage(held: set[str] | None = None) -> pd.DataFrame:
    """Every post-Soviet territorial resolution of :data:`classify.TERRITORIAL_DOCUMENTS`
    and where its vote is in the book: symbol, state, status.

    ``status`` is "canonical data", "curated roll call" (added from the UN Digital Library
    record; it wins over a pinned roll call with the same symbol, because the pinned file
    gives A/RES/63/307's symbol to the no-action motion voted before it), "adopted without a
    vote" (no roll call exists, so nothing is missing) or
    "recorded vote not in the data". ``held``: normalised symbols of the canonical roll
    calls (default: every roll call of :func:`caorder.tables.rollcalls`).
    """
    if held is None:
        held = set(normalise_symbol(tables.rollcalls()["unres"]).dropna())
    res = load_resolutions().set_index("symbol")
    rows = []
    for symbol, state in classify.TERRITORIAL_DOCUMENTS.items():
        if not symbol.startswith("A/RES/"):
            continue
        if symbol in res.index and not res.at[symbol, "recorded_vote"]:
            status = "adopted without a vote"
        elif symbol in res.index and res.at[symbol, "full_roll_call"]:
            status = "curated roll call"
        elif symbol in held:
            status = "canonical data"
        else:
            status = "recorded vote not in the data"
        rows.append({"symbol": symbol, "state": state, "status": status})
    return pd.DataFrame(rows)
