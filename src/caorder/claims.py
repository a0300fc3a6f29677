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

from functools import lru_cache
from pathlib import Path

import yaml

from caorder import paths

VERDICTS = ("supports", "mixed", "contradicts", "cannot be tested with these data")
REQUIRED_FIELDS = (
    "id", "attribution", "evaluator", "declared", "chapter", "section", "quote", "claim",
    "element", "indicator", "data", "test", "notebook", "blind_spot",
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
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or []
        for entry in document:
            missing = [f for f in REQUIRED_FIELDS if not str(entry.get(f, "")).strip()]
            if missing:
                raise ValueError(f"{path.name}: claim {entry.get('id')} lacks {missing}.")
            if entry["attribution"] not in ATTRIBUTIONS:
                raise ValueError(
                    f"{path.name}: claim {entry['id']} has attribution "
                    f"{entry['attribution']!r}; use one of {list(ATTRIBUTIONS)}."
                )
            if entry["evaluator"] == "untestable" and not str(
                (entry.get("untestable") or {}).get("reason", "")
            ).strip():
                raise ValueError(
                    f"{path.name}: claim {entry['id']} is untestable but gives no "
                    "untestable.reason (say why, and which data would test it)."
                )
            if entry["element"] not in ELEMENTS:
                raise ValueError(
                    f"{path.name}: claim {entry['id']} has element {entry['element']!r}; "
                    f"use one of {ELEMENTS}."
                )
            entries.append(dict(entry))
    ids = [e["id"] for e in entries]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"Claim ids used twice in data/claims/: {duplicated}")
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
