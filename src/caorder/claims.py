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

import importlib
import pkgutil
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

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


@dataclass(frozen=True)
class Verdict:
    """The outcome of testing one claim."""

    claim_id: str
    verdict: str  #: one of :data:`VERDICTS`
    statistic: str  #: what the key number is, e.g. "percentile of C5 kappa among random groups"
    value: float | None  #: the key number (None when the claim cannot be tested)
    summary: str  #: one or two sentences stating the result in words, with the numbers

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"{self.claim_id}: verdict {self.verdict!r} not in {VERDICTS}")

    def as_dict(self) -> dict:
        """Plain dictionary (for tables and claims.json)."""
        return asdict(self)


_EVALUATORS: dict[str, Callable[[], Verdict]] = {}


def evaluator(claim_id: str) -> Callable[[Callable[[], Verdict]], Callable[[], Verdict]]:
    """Decorator: register the function that computes the verdict for ``claim_id``."""

    def register(function: Callable[[], Verdict]) -> Callable[[], Verdict]:
        if claim_id in _EVALUATORS:
            raise ValueError(f"Two evaluators registered for claim {claim_id}.")
        _EVALUATORS[claim_id] = function
        return function

    return register


def _import_analysis_modules() -> None:
    """Import every caorder module so that all evaluators are registered."""
    import caorder

    for module in pkgutil.iter_modules(caorder.__path__):
        importlib.import_module(f"caorder.{module.name}")


def registered_evaluators() -> dict[str, Callable[[], Verdict]]:
    """Every registered evaluator, keyed by claim id."""
    _import_analysis_modules()
    return dict(_EVALUATORS)


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


def evaluate(claim_id: str) -> Verdict:
    """Compute the verdict for one registered claim."""
    claim(claim_id)  # fail early, with a clear message, on an unregistered id
    evaluators = registered_evaluators()
    if claim_id not in evaluators:
        raise KeyError(f"Claim {claim_id} is registered but no evaluator computes it.")
    result = evaluators[claim_id]()
    if result.claim_id != claim_id:
        raise ValueError(f"The evaluator for {claim_id} returned a verdict for {result.claim_id}.")
    return result
