"""UN membership spells and country groups, read from the curated files in ``data/``.

``data/members.csv`` says who held a General Assembly seat when (and under which name the
vote data spell the state); it is what turns "no recorded vote" into "absent".
``data/country_groups.yml`` defines the C5 and the comparison groups, with join and leave
dates where membership changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from caorder import paths
from caorder.schemas import MEMBERS, validate

#: The five Central Asian states (the group ``C5`` of ``data/country_groups.yml``).
C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: The great powers whose pull and management the paper discusses, in the book's order.
GREAT_POWERS = ("RUS", "CHN", "USA")
GREAT_POWER_NAMES = {"RUS": "Russia", "CHN": "China", "USA": "United States"}
#: The regional groups the five are compared with (keys of ``data/country_groups.yml``).
COMPARISON_GROUPS = ("ASEAN", "EU", "VISEGRAD", "NORDIC", "GCC", "MERCOSUR", "SOUTH_CAUCASUS",
                     "CIS")
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
    return validate(frame, MEMBERS, f"{path.name}")


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
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _parse_group(key: str, spec: dict, path: Path) -> Group:
    where = f"{path.name}: group {key}"
    missing = [field for field in ("name", "kind", "source", "members") if field not in spec]
    if missing:
        raise ValueError(f"{where} lacks {', '.join(missing)}; every group needs them.")
    members = []
    for entry in spec["members"]:
        iso3 = str(entry.get("iso3", ""))
        if len(iso3) != 3 or not iso3.isupper():
            raise ValueError(f"{where}: member {entry!r} needs a three-letter ISO3 code.")
        members.append(
            GroupMember(
                iso3=iso3,
                joined=_as_date(entry.get("joined"), f"{where} {iso3} joined"),
                left=_as_date(entry.get("left"), f"{where} {iso3} left"),
            )
        )
    return Group(key, spec["name"], spec["kind"], spec["source"], tuple(members))


@lru_cache(maxsize=4)
def load_groups(path: Path | None = None) -> dict[str, Group]:
    """Return the country groups of ``data/country_groups.yml`` keyed by their short name."""
    path = path or paths.data_dir() / "country_groups.yml"
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict) or "groups" not in document:
        raise ValueError(f"{path.name}: expected a top-level 'groups:' mapping.")
    return {key: _parse_group(key, spec, path) for key, spec in document["groups"].items()}


def group(key: str) -> Group:
    """Return one country group by key (e.g. ``"C5"``, ``"EU"``)."""
    groups = load_groups()
    if key not in groups:
        raise KeyError(f"No country group {key!r}; known groups: {', '.join(sorted(groups))}")
    return groups[key]
