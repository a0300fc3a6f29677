"""The canonical tables every chapter reads: ``rollcalls``, ``votes`` and ``ideal_points``.

The first call converts the pinned source files (see :mod:`caorder.fetch`), validates the
result with the pandera schemas in :mod:`caorder.schemas` and writes it to
``.cache/tables/<name>-<fingerprint>.parquet``. Later calls read the parquet file. The
fingerprint covers the source checksums, the curated membership file and
:data:`TABLES_VERSION`, so a change to any of them rebuilds the table instead of serving a
stale copy.

``votes`` is long: one row per roll call and UN member on that day, with ``vote`` one of
yes / no / abstain / absent. The source omits absent states; they are added here from the
membership spells in ``data/members.csv`` (a member on the vote date with no recorded vote).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd
import pyreadr

from caorder import countries, paths
from caorder.fetch import PINNED_FILES, fetch
from caorder.schemas import IDEAL_POINTS, ISSUE_CODES, ROLLCALLS, VOTE_CHOICES, VOTES, validate

#: Bump when the conversion code changes, so cached parquet tables are rebuilt.
TABLES_VERSION = "1"

_UNVOTES = "unvotes-7eb7034"
_IDEAL_POINTS_FILE = "bsv-idealpoints-2025-07/IdealpointsJuly2025.dta"
_FAR_FUTURE = pd.Timestamp("2262-01-01")


def _read_rda(key: str) -> pd.DataFrame:
    """Read the single data frame stored in a pinned ``.rda`` file."""
    path = fetch(key)
    try:
        frames = pyreadr.read_r(str(path))
    except Exception as err:  # pyreadr raises its own error types for bad files
        raise ValueError(f"{key}: could not be read as an R data file ({err}).") from err
    (frame,) = frames.values()
    return frame


def _fingerprint(keys: list[str], extra_files: list[Path]) -> str:
    """A short hash of the sources a table is built from (pinned checksums + local files)."""
    digest = hashlib.sha256(TABLES_VERSION.encode())
    for key in keys:
        digest.update(PINNED_FILES[key].sha256.encode())
    for extra in extra_files:
        digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]


def _cached(name: str, fingerprint: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Read table ``name`` from its parquet cache, or build, validate and cache it."""
    folder = paths.cache_dir() / "tables"
    target = folder / f"{name}-{fingerprint}.parquet"
    if target.exists():
        return pd.read_parquet(target)
    frame = build()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{name}-*.parquet"):
        stale.unlink()
    handle, tmp_name = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(handle)
    try:
        frame.to_parquet(tmp_name, index=False)
        os.replace(tmp_name, target)  # atomic: readers never see a half-written table
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return frame


# --- roll calls ------------------------------------------------------------------------


def _build_rollcalls() -> pd.DataFrame:
    calls = _read_rda(f"{_UNVOTES}/un_roll_calls.rda")
    issues = _read_rda(f"{_UNVOTES}/un_roll_call_issues.rda")
    flags = (
        pd.crosstab(issues["rcid"].astype(int), issues["short_name"].astype(str))
        .reindex(columns=ISSUE_CODES, fill_value=0)
        .gt(0)
    )
    frame = pd.DataFrame(
        {
            "rcid": calls["rcid"].astype(int),
            "session": calls["session"].astype(int),
            "date": pd.to_datetime(calls["date"]).astype("datetime64[ns]"),
            "unres": calls["unres"].astype(str).where(calls["unres"].notna()),
            "short": calls["short"].astype(str).where(calls["short"].notna()),
            "descr": calls["descr"].astype(str).where(calls["descr"].notna()),
        }
    )
    frame = frame.join(flags, on="rcid").fillna({code: False for code in ISSUE_CODES})
    for column, source in (("amend", "amend"), ("para", "para"), ("important", "importantvote")):
        frame[column] = pd.to_numeric(calls[source]).fillna(0).astype(int).gt(0).to_numpy()
    frame[ISSUE_CODES] = frame[ISSUE_CODES].astype(bool)
    frame = frame.sort_values("rcid", ignore_index=True)
    return validate(frame, ROLLCALLS, "rollcalls (from un_roll_calls.rda)")


def rollcalls() -> pd.DataFrame:
    """One row per recorded UNGA roll call, 1946 to January 2020 (sessions 1-74).

    Columns: rcid, session, date, unres (resolution symbol), short (short title), descr
    (description), the six issue flags me/nu/di/hr/co/ec (Middle East, nuclear, disarmament,
    human rights, colonialism, economic development), amend, para, important (US State
    Department "important vote").
    """
    keys = [f"{_UNVOTES}/un_roll_calls.rda", f"{_UNVOTES}/un_roll_call_issues.rda"]
    return _cached("rollcalls", _fingerprint(keys, []), _build_rollcalls)


# --- votes -----------------------------------------------------------------------------


def _assign_iso3(recorded: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Attach the ISO3 code of the seat each recorded vote belongs to, by name and date."""
    recorded = recorded.assign(row=range(len(recorded)))
    spells = members[["iso3", "unvotes_name", "member_from", "member_to"]]
    matched = recorded.merge(spells, left_on="country", right_on="unvotes_name", how="inner")
    inside = (matched["date"] >= matched["member_from"]) & (
        matched["date"] <= matched["member_to"].fillna(_FAR_FUTURE)
    )
    matched = matched[inside]
    unmatched = recorded[~recorded["row"].isin(matched["row"])]
    if len(unmatched):
        examples = (
            unmatched.groupby("country")["date"].agg(["min", "max", "size"]).head(8).to_string()
        )
        raise ValueError(
            f"{len(unmatched)} recorded votes fall outside every membership spell in "
            f"data/members.csv (by unvotes_name and date):\n{examples}\n"
            "Add or correct the spell for these names in data/members.csv."
        )
    if matched["row"].duplicated().any():
        twice = matched.loc[matched["row"].duplicated(), "country"].unique()[:5]
        raise ValueError(
            f"Overlapping spells in data/members.csv match some votes twice: {list(twice)}. "
            "Make the spells of each unvotes_name non-overlapping."
        )
    return matched[["rcid", "iso3", "vote"]]


def _add_absences(recorded: pd.DataFrame, calls: pd.DataFrame, members: pd.DataFrame):
    """Return one row per (roll call, member on that date); missing votes become 'absent'."""
    seats = calls[["rcid", "date"]].merge(
        members[["iso3", "member_from", "member_to"]], how="cross"
    )
    seated = seats[
        (seats["date"] >= seats["member_from"])
        & (seats["date"] <= seats["member_to"].fillna(_FAR_FUTURE))
    ][["rcid", "iso3"]].drop_duplicates()
    full = seated.merge(recorded, on=["rcid", "iso3"], how="outer")
    full["vote"] = full["vote"].astype(str).where(full["vote"].notna(), "absent")
    full["vote"] = pd.Categorical(full["vote"], categories=VOTE_CHOICES)
    return full.sort_values(["rcid", "iso3"], ignore_index=True)


def _build_votes() -> pd.DataFrame:
    raw = _read_rda(f"{_UNVOTES}/un_votes.rda")
    calls = rollcalls()
    recorded = raw[["rcid", "country", "vote"]].assign(
        rcid=raw["rcid"].astype(int), country=raw["country"].astype(str)
    )
    recorded = recorded.merge(calls[["rcid", "date"]], on="rcid", how="left")
    if recorded["date"].isna().any():
        raise ValueError("un_votes.rda has votes on roll calls missing from un_roll_calls.rda.")
    members = countries.load_members()
    frame = _add_absences(_assign_iso3(recorded, members), calls, members)
    frame["iso3"] = frame["iso3"].astype(str)
    return validate(frame, VOTES, "votes (from un_votes.rda + data/members.csv)")


def votes() -> pd.DataFrame:
    """One row per roll call and UN member that day: rcid, iso3, vote (yes/no/abstain/absent)."""
    keys = [f"{_UNVOTES}/{name}.rda" for name in ("un_votes", "un_roll_calls")]
    fingerprint = _fingerprint(keys, [paths.data_dir() / "members.csv"])
    frame = _cached("votes", fingerprint, _build_votes)
    frame["vote"] = frame["vote"].astype(pd.CategoricalDtype(VOTE_CHOICES))
    return frame


def votes_with_rollcalls(columns: list[str] | None = None) -> pd.DataFrame:
    """``votes`` joined to roll-call metadata (default: session, date and issue flags)."""
    columns = columns or ["session", "date", *ISSUE_CODES, "important"]
    return votes().merge(rollcalls()[["rcid", *columns]], on="rcid", how="left")


# --- ideal points ----------------------------------------------------------------------

#: Correlates of War code 680 (South Yemen) is mislabelled YAR in the July 2025 file.
_CCODE_FIXES = {680: "YMD"}


def _build_ideal_points() -> pd.DataFrame:
    raw = pd.read_stata(fetch(_IDEAL_POINTS_FILE))
    iso3 = raw["iso3c"].astype(str).str.strip()
    for ccode, code in _CCODE_FIXES.items():
        iso3 = iso3.mask(raw["ccode"] == ccode, code)
    frame = pd.DataFrame(
        {
            "iso3": iso3,
            "year": raw["year"].astype(int),
            "ideal_point": raw["idealpointfp"].astype(float),
            "ideal_point_q05": raw["q5fp"].astype(float),
            "ideal_point_q95": raw["q95fp"].astype(float),
            "ideal_point_all": raw["idealpointall"].astype(float),
            "ideal_point_legacy": raw["idealpointlegacy"].astype(float),
            "n_votes": raw["nvotesfp"].astype(float),
            "ccode": raw["ccode"].astype(int),
        }
    )
    # 17 single-year rows of states with no ISO3 code in the source (e.g. ccode 260, 1990)
    # cannot be linked to anything else in the book and are dropped.
    frame = frame[frame["iso3"].str.len() == 3].sort_values(["iso3", "year"], ignore_index=True)
    return validate(frame, IDEAL_POINTS, f"ideal_points (from {_IDEAL_POINTS_FILE})")


def ideal_points() -> pd.DataFrame:
    """Bailey-Strezhnev-Voeten ideal points by state and calendar year (1946-2024).

    ``ideal_point`` is the July 2025 release's ``idealpointfp`` (with its 5% and 95%
    posterior quantiles); ``ideal_point_all`` and ``ideal_point_legacy`` stop at 2023.
    """
    return _cached("ideal_points", _fingerprint([_IDEAL_POINTS_FILE], []), _build_ideal_points)
