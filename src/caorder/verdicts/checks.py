"""Checks that refuse a register entry the verdicts layer would otherwise misread.

A misspelled specification dimension would fall back to the evaluator's default, a reversed
period would leave no roll calls and read as "cannot be tested", a removed ``rule:`` block
would fail deep inside a rule with a bare ``KeyError``, a claim no notebook shows would pass
every test unseen, and an evidence entry named ``verdict`` would overwrite the headline's
glue key. Each check here turns such a mistake into one line naming the register file, the
claim and the field, and saying what to do:

:func:`check_claim`
    the claim's specifications against the dimensions its evaluator declares
    (:attr:`caorder.verdicts.core.Evaluator.dimensions`), and its rule's thresholds;
:class:`RuleThresholds`
    the thresholds as the rule reads them: a name the register does not declare is refused;
:func:`check_glue_keys`
    the glue keys of a result (:func:`caorder.verdicts.show.glue_values`) are all distinct;
:func:`check_shown`
    the claim's notebook shows it (evaluates it or glues its keys);
:func:`check_register`
    all of the above for every claim, and unique ids (``python -m caorder.verdicts``).

:func:`caorder.verdicts.evaluate` runs the per-claim checks on every evaluation and
:func:`caorder.verdicts.evaluate_all` the whole register once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from caorder import claims, paths
from caorder.errors import CuratedDataError

#: The notebook that shows every claim of the register (the claims ledger).
LEDGER_NOTEBOOK = "notebooks/claims_ledger.ipynb"
#: Glue keys :mod:`caorder.verdicts.show` sets besides the evidence entries (glue_values,
#: then glue_details).
HEADLINE_KEYS = ("verdict", "value", "share", "n-specs")
DETAIL_KEYS = (
    *(f"n-{verdict.split()[0]}" for verdict in claims.VERDICTS),
    "original-verdict",
    "summary",
)
#: The evaluator name of claims these data cannot test.
UNTESTABLE_EVALUATOR = "untestable"


class RegisterError(CuratedDataError):
    """A register entry the verdicts layer cannot read as written (one line: file, claim, field)."""


@dataclass(frozen=True)
class Years:
    """Allowed values of a period dimension: ``[first, last]`` with first <= last, in range."""

    first: int
    last: int

    def problem(self, value: Any) -> str:
        """Why ``value`` is not a period within the data ("" when it is one)."""
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            return f"{value!r} is not a period [first, last]"
        first, last = value
        if not all(isinstance(v, int) for v in value):
            return f"{list(value)} is not a pair of years"
        if first > last:
            return f"{list(value)} is reversed (write [{last}, {first}])"
        if first < self.first or last > self.last:
            return f"{list(value)} lies outside the data's years {self.first}-{self.last}"
        return ""

    def __str__(self) -> str:
        return f"a period [first, last] within {self.first}-{self.last}"


@dataclass(frozen=True)
class Dates:
    """Allowed values of a date dimension: an ISO date (``"2021-03-05"``) within a range."""

    first: str
    last: str

    def problem(self, value: Any) -> str:
        """Why ``value`` is not a date within the range ("" when it is one)."""
        text = str(value)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f"{value!r} is not an ISO date (YYYY-MM-DD, quoted)"
        if not self.first <= text <= self.last:
            return f"{text} lies outside {self.first} to {self.last}"
        return ""

    def __str__(self) -> str:
        return f"a date within {self.first} to {self.last}"


@cache
def _files_by_id(folder: str) -> dict[str, str]:
    """Register file name of every claim id (to name the file in a message)."""
    found: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yml")):
        for match in re.finditer(r"^- id: *(C\d+\.\d+)", path.read_text(encoding="utf-8"), re.M):
            found.setdefault(match.group(1), path.name)
    return found


def where(claim_id: str) -> str:
    """``"data/claims/order_in_votes.yml: claim C3.1"``: the start of every message."""
    name = _files_by_id(str(paths.data_dir() / "claims")).get(claim_id, "*.yml")
    return f"data/claims/{name}: claim {claim_id}"


def _value_problem(allowed: Any, value: Any) -> str:
    """Why ``value`` is not an allowed value of a dimension ("" when it is)."""
    if hasattr(allowed, "problem"):  # a check of one value (Years, Dates)
        return allowed.problem(value)
    choices = tuple(allowed)
    frozen = tuple(value) if isinstance(value, list) else value
    if frozen in choices:
        return ""
    return f"{value!r} is not one of {list(choices)}"


def check_specifications(claim_id: str, evaluator_name: str, evaluator: Any, specs: Any) -> None:
    """Refuse dimensions or values the claim's evaluator does not declare."""
    specs = specs or {}
    if not isinstance(specs, Mapping):
        raise RegisterError(
            f"{where(claim_id)}: specifications must map each dimension to a list of values."
        )
    declared = evaluator.dimensions
    if specs and declared is None:
        raise RegisterError(
            f"{where(claim_id)}: specifications given, but evaluator {evaluator_name} declares "
            "no dimensions; add dimensions= to its Evaluator."
        )
    declared = dict(declared or {})
    for name, values in specs.items():
        field = f"specifications.{name}"
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise RegisterError(
                f"{where(claim_id)}: {field} is not a dimension of {evaluator_name} "
                f"(it reads: {known}); fix the spelling or add the dimension to the evaluator."
            )
        if not isinstance(values, list) or not values:
            raise RegisterError(f"{where(claim_id)}: {field} must be a non-empty list of values.")
        for value in values:
            problem = _value_problem(declared[name], value)
            if problem:
                raise RegisterError(f"{where(claim_id)}: {field}: {problem}.")
        frozen = [tuple(v) if isinstance(v, list) else v for v in values]
        if len(set(frozen)) != len(frozen):
            raise RegisterError(f"{where(claim_id)}: {field} lists a value twice: {values}.")


def check_rule(entry: Mapping) -> None:
    """Refuse a tested claim without declared thresholds (and malformed rule changes)."""
    claim_id = entry["id"]
    rule = entry.get("rule")
    if not isinstance(rule, Mapping) or not isinstance(rule.get("thresholds"), Mapping):
        raise RegisterError(
            f"{where(claim_id)}: rule.thresholds is missing; a tested claim declares its "
            "rule's thresholds before the result (rule: {thresholds: {name: value}})."
        )
    if not rule["thresholds"]:
        raise RegisterError(f"{where(claim_id)}: rule.thresholds is empty; declare the rule.")
    for k, change in enumerate(entry.get("changed") or []):
        old = (change or {}).get("old") if isinstance(change, Mapping) else None
        moved_only = isinstance(change, Mapping) and change.get("split")
        if not isinstance(old, Mapping) or not (moved_only or str(old.get("text", "")).strip()):
            raise RegisterError(
                f"{where(claim_id)}: changed[{k}].old is missing or has no text; a changed rule "
                "records the rule it replaced, so the verdict under both can be shown."
            )
        if not isinstance(old.get("thresholds", {}), Mapping):
            raise RegisterError(
                f"{where(claim_id)}: changed[{k}].old.thresholds must be a mapping of names to "
                "values (leave it out when the change kept the thresholds)."
            )


def check_claim(entry: Mapping, evaluator_name: str, evaluator: Any) -> None:
    """Every per-claim check: the rule's thresholds and the declared specifications."""
    check_rule(entry)
    check_specifications(entry["id"], evaluator_name, evaluator, entry.get("specifications"))


class RuleThresholds(Mapping):
    """A rule's thresholds that refuse, in one line, a name the register does not declare.

    Rules read ``t["name"]``; a threshold removed or misspelled in the register would give a
    bare ``KeyError`` from inside the rule. ``in`` and ``get`` behave as for a dict (rules
    use them for optional thresholds).
    """

    def __init__(self, claim_id: str, values: Mapping, field: str = "rule.thresholds") -> None:
        self._claim_id, self._values, self._field = claim_id, dict(values), field

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            declared = ", ".join(self._values) or "none"
            raise RegisterError(
                f"{where(self._claim_id)}: {self._field} lacks {name!r}, which its rule reads "
                f"(declared: {declared}); add it (a rule changed after the results goes in "
                "changed:)."
            )
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)


def glue_key(claim_id: str, name: str) -> str:
    """The glue key of one number of a claim (the one rule :mod:`.show` uses too)."""
    return f"{claim_id.lower().replace('.', '-')}-{name.replace('_', '-')}"


def check_glue_keys(claim_id: str, evidence_names: Iterable[str]) -> None:
    """Refuse evidence names whose glue key is a headline key or another entry's key."""
    taken = {
        glue_key(claim_id, name): f"the headline's {name!r}"
        for name in (*HEADLINE_KEYS, *DETAIL_KEYS)
    }
    for name in sorted(evidence_names):
        key = glue_key(claim_id, name)
        if key in taken:
            raise RegisterError(
                f"{where(claim_id)}: evidence entry {name!r} would be glued as {key!r}, which is "
                f"{taken[key]} key; rename the entry in the evaluator."
            )
        taken[key] = f"evidence entry {name!r}'s"


def notebook_code(path: Path) -> tuple[str, str]:
    """(code of the notebook's code cells, all its text) for the shown-claim check."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join(
        "".join(cell.get("source", ""))
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    )
    return code, path.read_text(encoding="utf-8")


def shows(claim_id: str, code: str, text: str, tested: bool) -> bool:
    """True when a notebook evaluates a tested claim or glues its keys (any claim: names it)."""
    if not tested:
        return re.search(rf"\b{re.escape(claim_id)}\b", text) is not None
    quoted = rf"[\"']{re.escape(claim_id)}[\"']"
    prefix = re.escape(glue_key(claim_id, ""))
    # evaluate("C3.2"), a loop over quoted ids that calls evaluate, or its glue keys
    loop = "evaluate(" in code and re.search(quoted, code)
    return bool(
        re.search(rf"evaluate\(\s*{quoted}", code)
        or loop
        or re.search(rf"[\"']{prefix}[a-z0-9-]+", code)
    )


def check_shown(entry: Mapping, root: Path | None = None) -> None:
    """Refuse a claim whose notebook does not exist or does not show the claim.

    The claims ledger shows every claim. Skipped outside a checkout (no notebooks folder).
    """
    root = root or paths.checkout_root()
    if root is None or not (root / "notebooks").is_dir():
        return
    claim_id, notebook = entry["id"], str(entry["notebook"])
    path = root / notebook
    if not path.is_file():
        raise RegisterError(f"{where(claim_id)}: notebook {notebook} does not exist.")
    if notebook == LEDGER_NOTEBOOK:
        return
    code, text = notebook_code(path)
    tested = entry["evaluator"] != "untestable"
    if not shows(claim_id, code, text, tested):
        what = (
            f'call verdicts.evaluate("{claim_id}") and show.glue_claim on it'
            if tested
            else f"name {claim_id} where the notebook explains why it cannot be tested"
        )
        raise RegisterError(
            f"{where(claim_id)}: notebook {notebook} does not show the claim; {what} there "
            f"(or set notebook: {LEDGER_NOTEBOOK})."
        )


def check_register(
    registry: Mapping[str, Any],
    entries: Iterable[Mapping] | None = None,
    root: Path | None = None,
) -> None:
    """Every check on every claim of the register (raises the first refusal).

    ``registry`` maps evaluator names to evaluators (:func:`caorder.verdicts.evaluators`).
    """
    entries = claims.register() if entries is None else list(entries)
    ids = [entry["id"] for entry in entries]
    for claim_id in ids:
        if ids.count(claim_id) > 1:
            raise RegisterError(
                f"{where(claim_id)}: id {claim_id} is used twice; give the next free id "
                "(python -m caorder.claims next-id)."
            )
    for entry in entries:
        name = entry["evaluator"]
        if name != UNTESTABLE_EVALUATOR:
            if name not in registry:
                raise RegisterError(
                    f"{where(entry['id'])}: evaluator {name!r} is defined by no module of "
                    "caorder.verdicts (a name in a chapter module's EVALUATORS)."
                )
            check_claim(entry, name, registry[name])
        check_shown(entry, root)
