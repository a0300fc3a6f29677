"""The claims register: what each claim says, whose it is, and how it is judged.

Every claim the book examines has an entry in ``data/claims/*.yml`` (files named by topic):
a stable id such as ``C3.2`` (typed only there), the paper's words and section, whose claim
it is (:data:`ATTRIBUTIONS`), the element of order it concerns, how the book operationalises
and tests it, the notebook that shows the work, and, for the verdict, the name of its
evaluator in :mod:`caorder.verdicts`, the thresholds of its rule, the date the rule was
declared, any later change of the rule (old rule, new rule, reason) and the specifications
under which the claim is tested. :mod:`caorder.verdicts` computes the verdicts.

Every claim carries a ``fidelity`` grade (:data:`FIDELITY`) and, once tested, the commits
that first held its rule and first showed its result (``rule_commit``, ``result_commit``):
:func:`confirmatory` reads them. The register cannot change silently: :func:`fingerprint`
digests each claim's evaluator, thresholds, specifications and test, and the lock file
(``data/register.lock.yml``, written by ``python -m caorder.claims lock``) stores the
fingerprints; :func:`write_lock` refuses a changed fingerprint unless the claim gained a
``changed`` entry (:data:`CHANGE_FIELDS`).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from caorder import paths, quotes
from caorder.errors import CuratedDataError, DataError, cli
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
    "literature": (
        "a diagnosis the paper reports; it disputes the lens, not necessarily the facts"
    ),
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
            _check_fidelity(entry, path.name)
            entries.append(dict(entry))
    ids = [e["id"] for e in entries]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise CuratedDataError(f"Claim ids used twice in data/claims/: {duplicated}")
    unknown = sorted(
        f"{e['id']} -> {e['neighbours']}"
        for e in entries
        if e.get("neighbours") and e["neighbours"] not in ids
    )
    if unknown:
        raise CuratedDataError(f"neighbours: names claims not in data/claims/: {unknown}")
    return tuple(sorted(entries, key=lambda e: _claim_sort_key(e["id"])))


def _check_fidelity(entry: dict, where: str) -> None:
    """Raise a one-line error if a claim's fidelity grade is missing, unknown or unexplained."""
    fidelity = entry.get("fidelity")
    name = f"{where}: claim {entry['id']}"
    if fidelity is None:
        raise ValueError(
            f"{name} has no fidelity; add fidelity: direct, proxy (with proxy_for:) or "
            "neighbour (attribution: extension, with neighbours: the paper claim's id)."
        )
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
    if fidelity == "neighbour" and not str(entry.get("neighbours", "")).strip():
        raise ValueError(f"{name} is a neighbour test: name the paper claim in neighbours:.")
    strength = entry.get("strength")
    if strength is not None and strength != "weak":
        raise ValueError(f"{name} has strength {strength!r}; only strength: weak is declared.")
    if strength == "weak" and not str(entry.get("strength_reason", "")).strip():
        raise ValueError(f"{name} is marked strength: weak; say why in strength_reason:.")


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


# --- the register's lock: fingerprints of every rule ------------------------------------

#: The fields a ``changed`` entry must give before the lock accepts a new fingerprint.
CHANGE_FIELDS = ("date", "old", "new", "reason", "verdict_before", "verdict_after")
#: Written by ``write_lock``; the test suite fails when the register differs from it.
LOCK_NAME = "register.lock.yml"


def fingerprint(entry: dict) -> str:
    """The fingerprint of a claim's rule: 16 hex digits of SHA-256 over its evaluator,
    ``rule.thresholds``, ``specifications`` and ``test`` text (whitespace normalised).

    Anything that can change a verdict is in it; the prose (quote, reading, limits) and the
    bands of the sensitivity check are not. Public so that a branch adding claims can lock
    them: ``python -m caorder.claims lock``.
    """
    rule = entry.get("rule") or {}
    content = {
        "evaluator": entry.get("evaluator"),
        "thresholds": rule.get("thresholds") or {},
        "specifications": entry.get("specifications") or {},
        "test": " ".join(str(entry.get("test", "")).split()),
    }
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def lock_path(folder: Path | None = None) -> Path:
    """Where the lock of the register in ``folder`` lives (beside the folder)."""
    folder = Path(folder or paths.data_dir() / "claims")
    return folder.parent / LOCK_NAME


def read_lock(path: Path | None = None) -> dict[str, dict]:
    """The lock file: claim id -> ``{"fingerprint": str, "changes": int}`` ({} if absent)."""
    path = path or lock_path()
    if not path.exists():
        return {}
    return {str(k): dict(v) for k, v in (load_yaml(path) or {}).items()}


def _changes(entry: dict) -> list:
    changes = entry.get("changed")
    return changes if isinstance(changes, list) else []


def lock_problems(folder: Path | None = None, path: Path | None = None) -> list[str]:
    """Every way the register differs from its lock (empty when they agree), one line each."""
    locked = read_lock(path or lock_path(folder))
    problems = []
    for entry in register(folder):
        held = locked.get(entry["id"])
        if held is None:
            problems.append(f"{entry['id']} is not in the lock: run python -m caorder.claims lock")
        elif held["fingerprint"] != fingerprint(entry) and len(_changes(entry)) > held["changes"]:
            problems.append(
                f"{entry['id']}: its rule changed with a new changed entry; relock with "
                "python -m caorder.claims lock"
            )
        elif held["fingerprint"] != fingerprint(entry):
            problems.append(
                f"{entry['id']}: its rule, thresholds, specifications or test changed without "
                "a new changed entry (date, old, new, reason, verdict_before, verdict_after)"
            )
        elif held["changes"] != len(_changes(entry)):
            problems.append(f"{entry['id']}: changed entries differ from the lock; relock")
    return problems


def write_lock(folder: Path | None = None, path: Path | None = None) -> dict[str, dict]:
    """Write the lock of the register; refuse a silent change.

    A claim new to the lock is added; a claim whose fingerprint differs from the lock is
    accepted only if it has more ``changed`` entries than the lock records and every new
    entry gives :data:`CHANGE_FIELDS`. Otherwise nothing is written and a one-line
    ``ValueError`` names the claims.
    """
    path = path or lock_path(folder)
    locked = read_lock(path)
    refused, written = [], {}
    for entry in register(folder):
        claim_id, now = entry["id"], fingerprint(entry)
        changes = _changes(entry)
        held = locked.get(claim_id)
        if held is not None and held["fingerprint"] != now:
            new = changes[held["changes"] :]
            incomplete = [f for c in new for f in CHANGE_FIELDS if f not in c]
            if not new or incomplete:
                refused.append(claim_id)
                continue
        written[claim_id] = {"fingerprint": now, "changes": len(changes)}
    if refused:
        raise ValueError(
            f"Refusing to relock {refused}: a claim's rule changed without a new changed entry "
            f"giving {list(CHANGE_FIELDS)}; record the change in data/claims/*.yml first."
        )
    lines = [
        "# The register's lock: claim id -> fingerprint of its rule (evaluator, thresholds,",
        "# specifications, test) and its number of changed entries. Written by",
        "# `python -m caorder.claims lock`; never edit by hand.",
    ]
    lines += [
        f"{i}: {{fingerprint: '{v['fingerprint']}', changes: {v['changes']}}}"
        for i, v in written.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


# --- confirmatory or exploratory -------------------------------------------------------


def confirmatory(entry: dict) -> bool | None:
    """True when a commit held the claim's rule before the commit that first showed its result.

    ``None`` for a claim these data cannot test. False when the register gives no such
    commits (``rule_commit`` equal to ``result_commit`` or missing), when the declared date
    is ``reconstructed``, or when the rule changed after the results had been seen (a
    ``changed`` entry with ``after_results``, or a ``replaced`` earlier rule). A change that
    only moved specifications out to claims of their own (``split: true``) leaves the rule of
    the rest as it was. The commits themselves are checked against the git history by the
    test suite.
    """
    if entry.get("evaluator") == "untestable":
        return None
    if str(entry.get("declared")) == "reconstructed":
        return False
    if entry.get("replaced") or any(
        c.get("after_results") and not c.get("split") for c in _changes(entry)
    ):
        return False
    rule, result = entry.get("rule_commit"), entry.get("result_commit")
    return bool(rule and result and str(rule) != str(result))


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
    """``python -m caorder.claims lock`` writes the register's lock, ``check`` lists how the
    register differs from it, ``next-id C3`` prints the chapter's next free claim id."""
    command = arguments[0] if arguments else "check"
    if command == "lock" and len(arguments) == 1:
        try:
            written = write_lock()
        except ValueError as error:
            raise DataError(str(error)) from None
        print(f"locked {len(written)} claims in {LOCK_NAME}")
        return 0
    if command == "check" and len(arguments) <= 1:
        problems = lock_problems()
        print("\n".join(problems) or "the register agrees with its lock")
        return 1 if problems else 0
    if command == "next-id" and len(arguments) == 2:
        print(next_id(arguments[1]))
        return 0
    raise DataError("usage: python -m caorder.claims [lock | check | next-id C3]")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
