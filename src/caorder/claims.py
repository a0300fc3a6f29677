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

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from caorder import paths, quotes
from caorder.errors import DataError, cli
from caorder.yamlio import load_yaml

#: The five verdicts, defined once (glossary, data and methods and claims.json use them):
#: *supports* and *contradicts* — the evidence points one way under the declared rule;
#: *mixed* — the evidence points both ways; *inconclusive* — the test cannot tell (an
#: interval spans the rule's threshold, or too few units for the declared power rule);
#: *cannot be tested with these data* — the book's data do not see the claim (the register
#: says which data would).
VERDICTS = ("supports", "mixed", "contradicts", "inconclusive", "cannot be tested with these data")
#: How closely a test follows the claim's own words (``fidelity`` in the register).
FIDELITY = {
    "direct": "tests the paper's own words, on the actors and practice they name",
    "proxy": "an observable stand-in for one part of the claim (proxy_for says which part)",
    "neighbour": "a related proposition the book constructs (an extension, not the paper's)",
}
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


@lru_cache(maxsize=1)
def _register_cached(folder: str) -> tuple[dict, ...]:
    entries: list[dict] = []
    for path in sorted(Path(folder).glob("*.yml")):
        document = load_yaml(path) or []
        for entry in document:
            missing = [f for f in REQUIRED_FIELDS if not str(entry.get(f, "")).strip()]
            if missing:
                raise ValueError(f"{path.name}: claim {entry.get('id')} lacks {missing}.")
            if entry["attribution"] not in ATTRIBUTIONS:
                raise ValueError(
                    f"{path.name}: claim {entry['id']} has attribution "
                    f"{entry['attribution']!r}; use one of {list(ATTRIBUTIONS)}."
                )
            if (
                entry["evaluator"] == "untestable"
                and not str((entry.get("untestable") or {}).get("reason", "")).strip()
            ):
                raise ValueError(
                    f"{path.name}: claim {entry['id']} is untestable but gives no "
                    "untestable.reason (say why, and which data would test it)."
                )
            if entry["element"] not in ELEMENTS:
                raise ValueError(
                    f"{path.name}: claim {entry['id']} has element {entry['element']!r}; "
                    f"use one of {ELEMENTS}."
                )
            _check_fidelity(entry, path.name)
            entries.append(dict(entry))
    ids = [e["id"] for e in entries]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"Claim ids used twice in data/claims/: {duplicated}")
    return tuple(sorted(entries, key=lambda e: _claim_sort_key(e["id"])))


def _check_fidelity(entry: dict, where: str) -> None:
    """Raise a one-line error if a claim's fidelity grade is unknown or unexplained."""
    fidelity = entry.get("fidelity")
    if fidelity is None:
        return
    name = f"{where}: claim {entry['id']}"
    if fidelity not in FIDELITY:
        raise ValueError(f"{name} has fidelity {fidelity!r}; use one of {list(FIDELITY)}.")
    if fidelity == "proxy" and not str(entry.get("proxy_for", "")).strip():
        raise ValueError(
            f"{name} is a proxy test but gives no proxy_for (say which part of the claim the "
            "stand-in observes, and why it is fair)."
        )
    if fidelity == "neighbour" and entry["attribution"] != "extension":
        raise ValueError(
            f"{name} is a neighbour test, so it is the book's extension: set attribution: "
            "extension and name the paper claim it neighbours in neighbours:."
        )


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
        raise ValueError(f"{name} lacks {missing} (every claim must be covered: covered_by)")
    if entry["attribution"] not in INVENTORY_ATTRIBUTIONS:
        raise ValueError(
            f"{name}: attribution {entry['attribution']!r} not in {INVENTORY_ATTRIBUTIONS}"
        )
    if entry["testable_with_book_data"] not in TESTABLE:
        raise ValueError(
            f"{name}: testable_with_book_data must be one of {TESTABLE} "
            "(quote 'yes' and 'no' in YAML)"
        )
    quotes.sections_named(entry["section"])
    unknown = [c for c in entry["covered_by"] if c not in known]
    if unknown:
        raise ValueError(f"{name}: covered_by names {unknown}, not in data/claims/*.yml")
    testable = [c for c in entry["covered_by"] if known[c]["evaluator"] != "untestable"]
    if entry["testable_with_book_data"] != "no" and not testable:
        raise ValueError(
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
        raise ValueError(f"{path.name}: claim ids used twice: {duplicated}")
    not_empirical = dict(document.get("not_empirical_claims") or {})
    unknown = sorted(set(not_empirical) - set(known))
    if unknown:
        raise ValueError(
            f"{path.name}: not_empirical_claims names {unknown}, not in data/claims/*.yml"
        )
    return Inventory(str(document.get("counting_rule", "")), not_empirical, entries)


# --- the next free id -------------------------------------------------------------------

_CLAIM_ID = re.compile(r"\bC(\d+)\.(\d+)\b")


def used_ids(folder: Path | None = None, inventory_path: Path | None = None) -> set[str]:
    """Every claim id the register or the inventory mentions (read as text, so that a
    half-written entry or a covered_by list naming a claim still to come count too)."""
    folder = folder or paths.data_dir() / "claims"
    inventory_path = inventory_path or paths.data_dir() / "paper_claims.yml"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))]
    if inventory_path.is_file():
        texts.append(inventory_path.read_text(encoding="utf-8"))
    return {f"C{a}.{b}" for text in texts for a, b in _CLAIM_ID.findall(text)}


def next_id(chapter: str, folder: Path | None = None, inventory_path: Path | None = None) -> str:
    """The next free claim id of a chapter (``"C3"`` or ``"3"``): one above the highest used."""
    number = chapter.upper().removeprefix("C")
    if not number.isdigit():
        raise DataError(f"{chapter!r} is not a chapter; write it as C3 (or 3).")
    taken = [
        int(i.split(".")[1])
        for i in used_ids(folder, inventory_path)
        if i.startswith(f"C{number}.")
    ]
    return f"C{number}.{max(taken, default=0) + 1}"


@cli
def main(arguments: list[str]) -> int:
    """``python -m caorder.claims next-id C3``: print the chapter's next free claim id."""
    if len(arguments) != 2 or arguments[0] != "next-id":
        raise DataError("usage: python -m caorder.claims next-id C3")
    print(next_id(arguments[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
