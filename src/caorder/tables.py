"""The canonical tables every chapter reads: ``rollcalls``, ``votes`` and ``ideal_points``.

The first call converts the pinned source files (see :mod:`caorder.fetch`), validates the
result with the pandera schemas in :mod:`caorder.schemas` and writes it to
``.cache/tables/<name>-<fingerprint>.parquet``. Later calls read the parquet file. The
fingerprint covers the source checksums, the curated membership file, :data:`TABLES_VERSION`
and the source code of the modules the conversion runs (:data:`CONVERSION_MODULES`), so a
change to any of them rebuilds the table instead of serving a stale copy, and two checkouts
sharing one ``CAORDER_CACHE_DIR`` with different code never serve each other's tables.

The cache proves itself: after a complete, validated write each parquet file gets a sidecar
``<file>.sha256``; on read the bytes must match it, and a missing sidecar, a checksum mismatch
or an unreadable file logs a warning naming the file and the reason, deletes the copy and
rebuilds it. Conversion runs under a per-table file lock (``filelock``), temporary files are
unique per process, and orphans of killed runs are swept when the lock is taken, so several
processes can start on an empty cache at once. A cache that cannot be written (read-only, full
disk) raises :class:`caorder.errors.DataError` naming the folder and the fix.

``votes`` is long: one row per roll call and UN member on that day, with ``vote`` one of
yes / no / abstain / absent. The source omits absent states; they are added here from the
membership spells in ``data/members.csv`` (a member on the vote date with no recorded vote).

Duplicate roll calls. The ``unvotes`` source records five roll calls twice, under two rcids
with the same resolution symbol, the same date and identical votes of every state: rcids
4587/5740 (session 59), 4735/5798 (61), 5179/5919 (66), 5248/5938 (67) and 5569/6006 (72,
symbol written ``A/RES/72/164`` and ``R/72/164``). They are found by rule, not by list
(:func:`duplicate_rollcalls`): same ``unres`` (``A/RES/`` read as ``R/``) and ``date``,
identical recorded votes, and neither roll call a paragraph or amendment vote (separate
paragraph votes on one resolution can have identical tallies and are distinct decisions). The
lower rcid is kept; the higher one is dropped from ``rollcalls`` and ``votes``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyreadr
from filelock import FileLock

from caorder import countries, paths
from caorder.errors import DataError
from caorder.fetch import PINNED_FILES, fetch
from caorder.schemas import (
    DUPLICATE_ROLLCALLS,
    IDEAL_POINTS,
    ISSUE_CODES,
    ROLLCALLS,
    VOTE_CHOICES,
    VOTES,
    validate,
)

#: Bump when the conversion code changes, so cached parquet tables are rebuilt.
#: 2: duplicate roll calls dropped; checksum sidecars.
TABLES_VERSION = "2"

log = logging.getLogger(__name__)

_UNVOTES = "unvotes-7eb7034"
_IDEAL_POINTS_FILE = "bsv-idealpoints-2025-07/IdealpointsJuly2025.dta"
_FAR_FUTURE = pd.Timestamp("2262-01-01")


def read_rda(key: str) -> pd.DataFrame:
    """Read the single data frame stored in a pinned R data file (``.rda`` or ``.rds``)."""
    path = fetch(key)
    try:
        frames = pyreadr.read_r(str(path))
    except Exception as err:  # pyreadr raises its own error types for bad files
        raise ValueError(f"{key}: could not be read as an R data file ({err}).") from err
    (frame,) = frames.values()
    return frame


#: The modules whose code converts the pinned files into the tables (this one, the schemas
#: that validate them and the members loader that places absences): their source is in
#: every table's key.
CONVERSION_MODULES = ("tables.py", "schemas.py", "countries.py", "errors.py")


def conversion_code_digest() -> bytes:
    """sha256 of the source of :data:`CONVERSION_MODULES` (part of every table's key)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in CONVERSION_MODULES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    return digest.digest()


def _fingerprint(keys: list[str], extra_files: list[Path]) -> str:
    """A short hash of what a table is built from: code, pinned checksums and local files."""
    digest = hashlib.sha256(TABLES_VERSION.encode())
    digest.update(conversion_code_digest())
    for key in keys:
        digest.update(PINNED_FILES[key].sha256.encode())
    for extra in extra_files:
        digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sidecar(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _discard(target: Path, why: str) -> None:
    """Log why a cached table is unusable and delete it with its sidecar (under its lock).

    A folder found where the file should be is removed too; one that cannot be removed is a
    :class:`DataError` naming it.
    """
    log.warning("cached table %s is unusable (%s); deleting and rebuilding it", target, why)
    for path in (target, _sidecar(target)):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as err:
            raise DataError(
                f"the cached table {path} is unusable ({why}) and cannot be removed "
                f"({paths.describe_oserror(err)}). Delete it by hand, or set {paths.CACHE_ENV} "
                "to another folder."
            ) from None


def _read_verified(target: Path) -> tuple[pd.DataFrame | None, str]:
    """Return the cached table if its bytes match the sidecar checksum, and why not if not.

    Never deletes anything: the caller does that under the table's lock, because a copy seen
    without its sidecar may be one another process is finishing.
    """
    if target.is_dir():
        return None, "it is a folder, not a file"
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None, ""
    except OSError as err:
        return None, f"cannot be read: {paths.describe_oserror(err)}"
    try:
        expected = _sidecar(target).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None, "its checksum file is missing or unreadable"
    if _digest(data) != expected:
        return None, "its bytes do not match the recorded sha256"
    try:
        # A native buffer, not io.BytesIO: arrow's reader threads must never call back into
        # Python, or one still running at interpreter exit aborts the process (apache/arrow
        # issue 34314: "terminate called without an active exception").
        return pd.read_parquet(pa.BufferReader(data)), ""
    except Exception as err:  # pyarrow raises many types for a bad file
        return None, f"pyarrow cannot read it: {err.__class__.__name__}"


def _write_table(frame: pd.DataFrame, target: Path) -> None:
    """Write ``frame`` to ``target`` atomically, then its checksum sidecar."""
    tmp_name = str(target.parent / f"{target.stem}.unopened.tmp")
    try:
        handle, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f"{target.stem}.", suffix=".tmp"
        )
        os.close(handle)
        frame.to_parquet(tmp_name, index=False)
        checksum = _digest(Path(tmp_name).read_bytes())
        os.replace(tmp_name, target)  # atomic: readers never see a half-written table
        side_tmp = Path(tmp_name).with_suffix(".sha256tmp")
        side_tmp.write_text(checksum + "\n", encoding="ascii")
        os.replace(side_tmp, _sidecar(target))
    except OSError as err:
        for leftover in (target, _sidecar(target)):
            leftover.unlink(missing_ok=True)
        raise DataError(
            f"cannot write the cached table {target.name} to {target.parent} "
            f"({paths.describe_oserror(err)}). Free disk space or make the folder writable, "
            f"or set {paths.CACHE_ENV} to another folder."
        ) from None
    finally:
        for leftover in target.parent.glob(Path(tmp_name).stem + ".*tmp"):
            leftover.unlink(missing_ok=True)


#: Other versions of a table untouched this long are deleted when the table is rebuilt; a
#: younger one may belong to another checkout sharing the cache, and is kept.
STALE_AFTER_SECONDS = 7 * 24 * 3600


def _sweep(folder: Path, name: str, keep: Path) -> None:
    """Delete orphaned temporary files and old versions of table ``name``.

    Only the holder of the table's lock writes its files, so every temporary file of that table
    found while holding the lock belongs to a run that died. Other versions are kept for
    :data:`STALE_AFTER_SECONDS`: another checkout with other code may be using them.
    """
    now = time.time()
    for path in folder.glob(f"{name}-*"):
        if path in (keep, _sidecar(keep)) or path.suffix == ".lock" or path.is_dir():
            continue
        try:
            old = now - path.stat().st_mtime > STALE_AFTER_SECONDS
        except OSError:
            continue
        if path.name.endswith("tmp") or old:
            path.unlink(missing_ok=True)


def _tables_dir() -> Path:
    folder = paths.cache_dir() / "tables"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataError(
            f"cannot create the table cache {folder} ({paths.describe_oserror(err)}). "
            f"Set {paths.CACHE_ENV} to a writable folder."
        ) from None
    return folder


def _cached(name: str, fingerprint: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Read table ``name`` from its verified parquet cache, or build, validate and cache it."""
    folder = paths.cache_dir() / "tables"
    target = folder / f"{name}-{fingerprint}.parquet"
    frame, _ = _read_verified(target)
    if frame is not None:
        return frame
    folder = _tables_dir()
    try:
        lock = FileLock(str(folder / f"{name}.lock"), timeout=900)
        lock.acquire()
    except OSError as err:
        raise DataError(
            f"the table cache {folder} holds no valid copy of {name} and cannot be written "
            f"({paths.describe_oserror(err)}). Make it writable, or set {paths.CACHE_ENV} to a "
            "writable folder."
        ) from None
    try:
        frame, why = _read_verified(target)  # another process may have built it meanwhile
        if frame is None:
            if why:
                _discard(target, why)
            _sweep(folder, name, keep=target)
            frame = build()
            _write_table(frame, target)
    finally:
        lock.release()
    return frame


def verify_all() -> list[str]:
    """Build or verify every canonical table; return one ``ok`` line per table.

    Used by ``python -m caorder.tables`` (``make data``); a table that cannot be rebuilt
    raises, so the command fails.
    """
    lines = []
    for name, load in (
        ("rollcalls", rollcalls),
        ("votes", votes),
        ("ideal_points", ideal_points),
        ("duplicate_rollcalls", duplicate_rollcalls),
    ):
        lines.append(f"ok  table {name} ({len(load()):,} rows)")
    return lines


# --- roll calls ------------------------------------------------------------------------


def _vote_signatures(raw: pd.DataFrame) -> pd.Series:
    """A sha256 of each roll call's recorded votes (country and vote, sorted), by rcid."""
    pairs = raw["country"].astype(str) + ":" + raw["vote"].astype(str)
    ordered = pd.DataFrame({"rcid": raw["rcid"].astype(int), "pair": pairs}).sort_values(
        ["rcid", "pair"]
    )
    joined = ordered.groupby("rcid")["pair"].agg("|".join)
    return joined.map(lambda text: hashlib.sha256(text.encode()).hexdigest())


def _find_duplicates(calls: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """Pairs (kept rcid, dropped rcid) of roll calls recorded twice; see the module docstring.

    Rule: same resolution symbol (``A/RES/72/164`` and ``R/72/164`` are one symbol) and date,
    identical recorded votes, and neither roll call a paragraph or amendment vote. The lower
    rcid is kept.
    """
    symbol = calls["unres"].astype(str).str.replace(r"^A/RES/", "R/", regex=True)
    frame = pd.DataFrame(
        {
            "rcid": calls["rcid"].astype(int),
            "unres": symbol.where(calls["unres"].notna()),
            "date": pd.to_datetime(calls["date"]).astype("datetime64[ns]"),
            "partial": pd.to_numeric(calls["amend"]).fillna(0).gt(0)
            | pd.to_numeric(calls["para"]).fillna(0).gt(0),
        }
    )
    frame["votes"] = frame["rcid"].map(_vote_signatures(raw))
    frame = frame[frame["unres"].notna() & ~frame["partial"]].sort_values("rcid")
    keys = ["unres", "date", "votes"]
    first = frame.groupby(keys)["rcid"].transform("min")
    pairs = frame[frame["rcid"] != first].assign(kept_rcid=first)
    pairs = pairs.rename(columns={"rcid": "dropped_rcid"})
    pairs = pairs[["kept_rcid", "dropped_rcid", "unres", "date"]].sort_values("kept_rcid")
    return pairs.reset_index(drop=True)


def _build_duplicates() -> pd.DataFrame:
    calls = read_rda(f"{_UNVOTES}/un_roll_calls.rda")
    raw = read_rda(f"{_UNVOTES}/un_votes.rda")
    pairs = _find_duplicates(calls, raw)
    return validate(pairs, DUPLICATE_ROLLCALLS, "duplicate_rollcalls (from unvotes)")


def duplicate_rollcalls() -> pd.DataFrame:
    """The roll calls recorded twice in the source, dropped from the canonical tables.

    Columns: kept_rcid, dropped_rcid, unres, date (one row per dropped roll call). With the
    pinned files these are 4587/5740, 4735/5798, 5179/5919, 5248/5938 and 5569/6006.
    """
    keys = [f"{_UNVOTES}/{name}.rda" for name in ("un_votes", "un_roll_calls")]
    return _cached("duplicate_rollcalls", _fingerprint(keys, []), _build_duplicates)


def _build_rollcalls() -> pd.DataFrame:
    calls = read_rda(f"{_UNVOTES}/un_roll_calls.rda")
    calls = calls[~calls["rcid"].astype(int).isin(duplicate_rollcalls()["dropped_rcid"])]
    issues = read_rda(f"{_UNVOTES}/un_roll_call_issues.rda")
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
    human rights, colonialism, economic development), amend, para (amendment and paragraph
    votes), important (US State Department "important vote"). Roll calls recorded twice in
    the source are kept once (:func:`duplicate_rollcalls`).
    """
    keys = [f"{_UNVOTES}/{name}.rda" for name in ("un_roll_calls", "un_roll_call_issues")]
    keys.append(f"{_UNVOTES}/un_votes.rda")  # duplicates are found from the votes
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
    raw = read_rda(f"{_UNVOTES}/un_votes.rda")
    calls = rollcalls()
    recorded = raw[["rcid", "country", "vote"]].assign(
        rcid=raw["rcid"].astype(int), country=raw["country"].astype(str)
    )
    recorded = recorded[~recorded["rcid"].isin(duplicate_rollcalls()["dropped_rcid"])]
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


def main() -> int:
    """``python -m caorder.tables``: build or verify every canonical table (``make data``)."""
    for line in verify_all():
        print(line)
    return 0


if __name__ == "__main__":
    import sys

    from caorder.errors import cli

    sys.exit(cli(main)())
