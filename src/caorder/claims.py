"""The claims register: what each claim says, whose it is, and how it is judged.

Every claim the book examines has an entry in ``data/claims/*.yml`` (files named by topic):
a stable id such as ``C3.2`` (typed only there), the paper's words and section, whose claim
it is (:data:`ATTRIBUTIONS`), the element of order it concerns, how the book operationalises
and tests it, the notebook that shows the work, and, for the verdict, the name of its
evaluator in :mod:`caorder.verdicts`, the thresholds of its rule, the date the rule was
declared, any later change of the rule (old rule, new rule, reason) and the specifications
under which the claim is tested. :mod:`caorder.verdicts` computes the verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from caorder import paths, quotes
from caorder.errors import CuratedDataError
from caorder.yamlio import load_yaml

VERDICTS = ("supports", "mixed", "contradicts", "cannot be tested with these data")
REQUIRED_FIELDS = (
    "id",
    "attribution",
    "evaluator",
    "declared",
    "chapter",
    "section",
    "quote",
    "claim",
    "element",
    "indicator",
    "data",
    "test",
    "notebook",
    "blind_spot",
)
#: Whose claim a register entry is (the ledger counts and words verdicts by this).
ATTRIBUTIONS = {
    "paper": "the paper's own claim",
    "literature": "a diagnosis the paper reports from the literature, and disputes",
    "later_work": "the author's later work",
    "extension": "the book's extension beyond the paper",
}
ELEMENTS = (
    "diagnosis",  # the regionalism literature's verdicts (chapter 1)
    "goal",  # Bull's elementary goals
    "rule",  # rules of coexistence / cooperation
    "institution",  # sovereignty, diplomacy, international law, authoritarianism, GPM
    "periodisation",  # configurations of order over time (chapter 4)
)


def _claim_sort_key(claim_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in claim_id.lstrip("C").split("."))


#: The register file each claim id was read from (for messages that name the file).
FILES: dict[str, str] = {}


@lru_cache(maxsize=1)
def _register_cached(folder: str) -> tuple[dict, ...]:
    entries: list[dict] = []
    for path in sorted(Path(folder).glob("*.yml")):
        document = load_yaml(path)
        if not isinstance(document, list) or not document:
            raise CuratedDataError(
                f"{path.name}: holds no list of claims; rule: every register file in "
                "data/claims/ lists at least one claim (- id: ...). Add its claims or delete it."
            )
        for entry in document:
            FILES[str(entry.get("id"))] = path.name
            missing = [f for f in REQUIRED_FIELDS if not str(entry.get(f, "")).strip()]
            if missing:
                raise CuratedDataError(f"{path.name}: claim {entry.get('id')} lacks {missing}.")
            if entry["attribution"] not in ATTRIBUTIONS:
                raise CuratedDataError(
                    f"{path.name}: claim {entry['id']} has attribution "
                    f"{entry['attribution']!r}; use one of {list(ATTRIBUTIONS)}."
                )
            if (
                entry["evaluator"] == "untestable"
                and not str((entry.get("untestable") or {}).get("reason", "")).strip()
            ):
                raise CuratedDataError(
                    f"{path.name}: claim {entry['id']} is untestable but gives no "
                    "untestable.reason (say why, and which data would test it)."
                )
            if entry["element"] not in ELEMENTS:
                raise CuratedDataError(
                    f"{path.name}: claim {entry['id']} has element {entry['element']!r}; "
                    f"use one of {ELEMENTS}."
                )
            entries.append(dict(entry))
    ids = [e["id"] for e in entries]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise CuratedDataError(f"Claim ids used twice in data/claims/: {duplicated}")
    return tuple(sorted(entries, key=lambda e: _claim_sort_key(e["id"])))


def register(folder: Path | None = None) -> list[dict]:
    """Every claim in ``data/claims/*.yml``, sorted by id (validated: fields, ids, element)."""
    return list(_register_cached(str(folder or paths.data_dir() / "claims")))


def claim(claim_id: str) -> dict:
    """One register entry by id."""
    for entry in register():
        if entry["id"] == claim_id:
            return entry
    raise KeyError(f"No claim {claim_id!r} in data/claims/*.yml.")


INVENTORY_ATTRIBUTIONS = ("paper", "literature")
TESTABLE = ("yes", "partly", "no")
INVENTORY_FIELDS = (
    "id",
    "attribution",
    "section",
    "quote",
    "paraphrase",
    "testable_with_book_data",
    "covered_by",
    "coverage",
    "data_to_test",
)


@dataclass(frozen=True)
class Inventory:
    """The paper's empirical claims, the rule that counts them, and the register's coverage."""

    counting_rule: str
    not_empirical: dict[str, str]  #: register ids that are not empirical claims, with why
    claims: list[dict]  #: one entry per empirical claim (P.. paper, L.. literature)


def _check_inventory_entry(entry: dict, where: str, known: dict[str, dict]) -> None:
    """Raise a one-line error if an inventory entry is incomplete or names unknown claims."""
    name = f"{where}: claim {entry.get('id')}"
    missing = [f for f in INVENTORY_FIELDS if f not in entry or entry[f] in (None, "", [])]
    if missing:
        raise CuratedDataError(f"{name} lacks {missing} (every claim must be covered: covered_by)")
    if entry["attribution"] not in INVENTORY_ATTRIBUTIONS:
        raise CuratedDataError(
            f"{name}: attribution {entry['attribution']!r} not in {INVENTORY_ATTRIBUTIONS}"
        )
    if entry["testable_with_book_data"] not in TESTABLE:
        raise CuratedDataError(
            f"{name}: testable_with_book_data must be one of {TESTABLE} "
            "(quote 'yes' and 'no' in YAML)"
        )
    quotes.sections_named(entry["section"])
    unknown = [c for c in entry["covered_by"] if c not in known]
    if unknown:
        raise CuratedDataError(f"{name}: covered_by names {unknown}, not in data/claims/*.yml")
    testable = [c for c in entry["covered_by"] if known[c]["evaluator"] != "untestable"]
    if entry["testable_with_book_data"] != "no" and not testable:
        raise CuratedDataError(
            f"{name} is testable ({entry['testable_with_book_data']}) but every "
            "claim covering it is untestable: add a tested claim or say 'no'"
        )


def inventory(path: Path | None = None, folder: Path | None = None) -> Inventory:
    """The inventory of the paper's empirical claims (``data/paper_claims.yml``), validated.

    Checks that ids are unique, that every claim is covered by at least one register entry
    (``folder``, default ``data/claims``) and that the ids it names exist in the register.
    """
    path = path or paths.data_dir() / "paper_claims.yml"
    document = load_yaml(path) or {}
    known = {entry["id"]: entry for entry in register(folder)}
    entries = document.get("claims") or []
    for entry in entries:
        _check_inventory_entry(entry, path.name, known)
    ids = [entry["id"] for entry in entries]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise CuratedDataError(f"{path.name}: claim ids used twice: {duplicated}")
    not_empirical = dict(document.get("not_empirical_claims") or {})
    unknown = sorted(set(not_empirical) - set(known))
    if unknown:
        raise CuratedDataError(
            f"{path.name}: not_empirical_claims names {unknown}, not in data/claims/*.yml"
        )
    return Inventory(str(document.get("counting_rule", "")), not_empirical, entries)
