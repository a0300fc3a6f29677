"""UN membership spells and country groups, read from the curated files in ``data/``.

``data/members.csv`` says who held a General Assembly seat when (and under which name the
vote data spell the state); it is what turns "no recorded vote" into "absent".
``data/country_groups.yml`` defines the C5 and the comparison groups, with join and leave
dates where membership changed.

Both files are checked on load, and every violation raises
:class:`caorder.errors.CuratedDataError` naming the file, the row or group and the rule:

- members.csv: the pandera schema, no date after :data:`AS_OF`, and the spells of one ISO3
  code ordered and not overlapping;
- country_groups.yml: no duplicate keys (:mod:`caorder.yamlio`), a known ``kind``
  (:data:`GROUP_KINDS`), ISO3 codes that exist in members.csv, real ISO dates not after
  :data:`AS_OF`, ``joined`` not after ``left``, and each state's spells listed in order
  without overlap (an open end is only allowed on the last spell).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import pandas as pd

from caorder import paths
from caorder.errors import CuratedDataError
from caorder.schemas import MEMBERS, validate
from caorder.yamlio import load_yaml

#: The curated files describe the world up to this day (the vote data end in 2025); a later
#: date is a typo or a forecast, not data.
AS_OF = date(2025, 12, 31)

#: The kinds of country group the book knows how to use as a baseline.
GROUP_KINDS = ("region", "organisation", "reference")

#: The five Central Asian states (the group ``C5`` of ``data/country_groups.yml``).
C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: The great powers whose pull and management the paper discusses, in the book's order.
GREAT_POWERS = ("RUS", "CHN", "USA")
GREAT_POWER_NAMES = {"RUS": "Russia", "CHN": "China", "USA": "United States"}
#: The regional groups the five are compared with (keys of ``data/country_groups.yml``).
COMPARISON_GROUPS = (
    "ASEAN",
    "EU",
    "VISEGRAD",
    "NORDIC",
    "GCC",
    "MERCOSUR",
    "SOUTH_CAUCASUS",
    "CIS",
)
C5_NAMES = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}


def load_members(path: Path | None = None) -> pd.DataFrame:
    """Return the UN membership spells of ``data/members.csv``, validated."""
    path = path or paths.data_dir() / "members.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in ("member_from", "member_to"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    frame = validate(frame, MEMBERS, f"{path.name}")
    _check_member_dates(frame, path)
    return frame


def _check_member_dates(frame: pd.DataFrame, path: Path) -> None:
    """Reject dates after :data:`AS_OF` and overlapping spells of one ISO3 code."""
    limit = pd.Timestamp(AS_OF)
    for column in ("member_from", "member_to"):
        late = frame[frame[column] > limit]
        if len(late):
            row = late.index[0] + 2  # header is line 1
            raise CuratedDataError(
                f"{path.name}, line {row} ({late['iso3'].iloc[0]}): {column} "
                f"{late[column].iloc[0]:%Y-%m-%d} is after the data's as-of date {AS_OF}; "
                "rule: no future dates. Correct the date."
            )
    ordered = frame.sort_values(["iso3", "member_from"])
    previous_end = ordered.groupby("iso3")["member_to"].shift()
    starts_again = ordered.groupby("iso3").cumcount() > 0
    clash = starts_again & (previous_end.isna() | (ordered["member_from"] <= previous_end))
    if clash.any():
        iso3 = ordered.loc[clash, "iso3"].iloc[0]
        raise CuratedDataError(
            f"{path.name}: the membership spells of {iso3} overlap; rule: one seat at a time "
            "(each spell ends before the next begins). Correct member_from/member_to."
        )


@dataclass(frozen=True)
class GroupMember:
    """One state's spell in a group; open ends mean 'throughout'."""

    iso3: str
    joined: date | None = None
    left: date | None = None

    def active_on(self, when: date) -> bool:
        """True if the state belonged to the group on ``when``."""
        after_join = self.joined is None or when >= self.joined
        before_leave = self.left is None or when <= self.left
        return after_join and before_leave


@dataclass(frozen=True)
class Group:
    """A named group of states (a region, an organisation, or a reference set)."""

    key: str
    name: str
    kind: str
    source: str
    members: tuple[GroupMember, ...]

    def members_on(self, when: date | str | pd.Timestamp) -> list[str]:
        """ISO3 codes of the members on a given date, sorted."""
        day = pd.Timestamp(when).date()
        return sorted({m.iso3 for m in self.members if m.active_on(day)})

    def members_in_year(self, year: int) -> list[str]:
        """ISO3 codes of states that were members on 1 July of ``year`` (mid-year rule)."""
        return self.members_on(date(year, 7, 1))

    @property
    def ever(self) -> list[str]:
        """Every state that was ever a member, sorted."""
        return sorted({m.iso3 for m in self.members})


def _as_date(value: object, where: str) -> date | None:
    """Parse an optional ISO date; reject impossible and future dates naming ``where``."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise CuratedDataError(
                f"{where}: {value!r} is not a real ISO date; rule: dates are YYYY-MM-DD and "
                "exist in the calendar. Correct the date."
            ) from None
    if day > AS_OF:
        raise CuratedDataError(
            f"{where}: {day} is after the data's as-of date {AS_OF}; rule: no future dates. "
            "Correct the date."
        )
    return day


def _check_spells(members: list[GroupMember], where: str) -> None:
    """Each state's spells: joined not after left, listed in order, not overlapping."""
    by_state: dict[str, list[GroupMember]] = {}
    for member in members:
        if member.joined and member.left and member.joined > member.left:
            raise CuratedDataError(
                f"{where} {member.iso3}: joined {member.joined} is after left {member.left}; "
                "rule: a spell cannot end before it starts. Swap or correct the dates."
            )
        by_state.setdefault(member.iso3, []).append(member)
    for iso3, spells in by_state.items():
        for before, after in pairwise(spells):
            if before.left is None or after.joined is None or after.joined <= before.left:
                raise CuratedDataError(
                    f"{where} {iso3}: spells overlap or are out of order ({before.joined} to "
                    f"{before.left or 'open'}, then {after.joined or 'open'} to "
                    f"{after.left or 'open'}); rule: list each state's spells in date order, "
                    "each ending before the next begins. Correct the dates."
                )


def _parse_group(key: str, spec: object, path: Path, known: frozenset[str]) -> Group:
    """Build one group from its YAML mapping, checking every rule of the module docstring."""
    where = f"{path.name}: group {key}"
    if not isinstance(spec, dict):
        raise CuratedDataError(f"{where} must be a mapping with name, kind, source, members.")
    missing = [field for field in ("name", "kind", "source", "members") if field not in spec]
    if missing:
        raise CuratedDataError(f"{where} lacks {', '.join(missing)}; every group needs them.")
    if spec["kind"] not in GROUP_KINDS:
        raise CuratedDataError(
            f"{where}: unknown kind {spec['kind']!r}; rule: kind is one of "
            f"{', '.join(GROUP_KINDS)}. Use one of them."
        )
    members = []
    for entry in spec["members"] or []:
        iso3 = str(entry.get("iso3", "")) if isinstance(entry, dict) else ""
        if len(iso3) != 3 or not iso3.isupper():
            raise CuratedDataError(f"{where}: member {entry!r} needs a three-letter ISO3 code.")
        if iso3 not in known:
            raise CuratedDataError(
                f"{where}: {iso3} is not an ISO3 code in members.csv; rule: every group member "
                "is a UN member state listed there. Correct the code or add the state."
            )
        members.append(
            GroupMember(
                iso3=iso3,
                joined=_as_date(entry.get("joined"), f"{where} {iso3} joined"),
                left=_as_date(entry.get("left"), f"{where} {iso3} left"),
            )
        )
    _check_spells(members, where)
    return Group(key, spec["name"], spec["kind"], spec["source"], tuple(members))


@lru_cache(maxsize=4)
def load_groups(path: Path | None = None, members: Path | None = None) -> dict[str, Group]:
    """Return the country groups of ``data/country_groups.yml`` keyed by their short name.

    ``members`` is the membership file the ISO3 codes are checked against (default
    ``data/members.csv``).
    """
    path = path or paths.data_dir() / "country_groups.yml"
    document = load_yaml(path, dates_as_text=True)
    if not isinstance(document, dict) or not isinstance(document.get("groups"), dict):
        raise CuratedDataError(f"{path.name}: expected a top-level 'groups:' mapping.")
    known = frozenset(load_members(members)["iso3"])
    return {key: _parse_group(key, spec, path, known) for key, spec in document["groups"].items()}


def group(key: str) -> Group:
    """Return one country group by key (e.g. ``"C5"``, ``"EU"``)."""
    groups = load_groups()
    if key not in groups:
        raise KeyError(f"No country group {key!r}; known groups: {', '.join(sorted(groups))}")
    return groups[key]
