"""What a change moved: two ledgers (``claims.json``) compared claim by claim.

``python -m caorder.ledger diff OLD.json [NEW.json]`` lists, for every claim whose result
moved, the headline verdict (and the verdict under the rule first declared), the key number,
the share of specifications agreeing, and each specification whose verdict or key number
changed; then claims added or removed. ``NEW`` defaults to a fresh evaluation of the register
(what ``make book`` would publish); ``make diff`` compares the last build's
``_build/extra/claims.json`` with it.

Numbers are compared as shown (:data:`DIGITS` significant digits), so floating-point noise is
not a change. A change of a *shared setting* (:data:`SHARED_SETTINGS`) moves many claims at
once; CONTRIBUTING.md ("Recipe: change a shared measure") says how to record it.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from caorder.errors import DataError

#: Significant digits at which two key numbers count as the same.
DIGITS = 4
#: Settings shared by many claims: changing one is a rule change of every claim it moves.
SHARED_SETTINGS = {
    "caorder.verdicts.core.AGREEMENT_SHARE": (
        "share of testable specifications that must agree for a supports/contradicts headline"
    ),
    "caorder.windows.CONTESTED_THRESHOLD": (
        "dissent share that makes a roll call contested (the rollcalls=contested specification)"
    ),
    "caorder.windows.SEED": "seed of every random-group baseline",
    "caorder.windows.N_GROUPS": "number of random groups in every baseline",
    "caorder.windows.DEFAULT_POOL": "pool random groups are drawn from, unless a spec says",
    "caorder.agreement.ABSENCE": "how an absence counts in every pairwise measure",
}


@dataclass(frozen=True)
class Move:
    """One field of one claim (or of one of its specifications) that changed."""

    what: str
    old: object
    new: object


@dataclass(frozen=True)
class ClaimChange:
    """Everything that moved for one claim."""

    claim_id: str
    headline: tuple[Move, ...] = ()
    specifications: tuple[Move, ...] = field(default_factory=tuple)
    status: str = "changed"  #: "changed", "added" or "removed"

    @property
    def verdict_moved(self) -> bool:
        """True if the headline or any specification's verdict changed (a rule-change record
        is then due when the cause is a shared setting)."""
        verdicts = ("verdict", "original_verdict")
        return any(m.what in verdicts for m in self.headline) or any(
            m.what.endswith(": verdict") for m in self.specifications
        )


def load(path: Path | str) -> dict:
    """A ``claims.json`` document, refused in one line if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise DataError(
            f"{path} does not exist: build once with make book before the change, or name a "
            "saved claims.json (make diff OLD=path)."
        )
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(f"{path}: cannot be read as claims.json ({err}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise DataError(f"{path}: not a claims.json (no list of claims); write one with make book.")
    return document


def fresh(write: Callable[[Path], Path]) -> dict:
    """The ledger as it stands now: ``write(path)`` writes a fresh ``claims.json`` there."""
    with tempfile.TemporaryDirectory() as folder:
        return load(write(Path(folder) / "claims.json"))


def shown(value: object, digits: int = DIGITS) -> object:
    """A number as compared: rounded to ``digits`` significant digits (others unchanged)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if math.isnan(value) or value == 0:
        return None if math.isnan(value) else 0.0
    return float(f"{value:.{digits}g}")


def _moves(pairs: Mapping[str, tuple[object, object]], digits: int) -> list[Move]:
    return [
        Move(what, old, new)
        for what, (old, new) in pairs.items()
        if shown(old, digits) != shown(new, digits)
    ]


def _spec_moves(old: dict, new: dict, digits: int) -> list[Move]:
    """Per specification (matched by label): verdict and key number that changed."""
    before = {s["specification"]: s for s in old.get("specifications", {}).get("each", [])}
    after = {s["specification"]: s for s in new.get("specifications", {}).get("each", [])}
    moves = []
    for label in [*before, *(k for k in after if k not in before)]:
        if label not in after or label not in before:
            state = "removed" if label not in after else "added"
            moves.append(Move(f"{label}: specification", "present", state))
            continue
        a, b = before[label], after[label]
        pairs = {
            f"{label}: verdict": (a.get("verdict"), b.get("verdict")),
            f"{label}: key number": (a.get("statistic"), b.get("statistic")),
        }
        moves += _moves(pairs, digits)
    return moves


def diff(old: dict, new: dict, digits: int = DIGITS) -> list[ClaimChange]:
    """Every claim whose headline, key number or specifications moved, in the new order."""
    before = {c["id"]: c for c in old["claims"]}
    after = {c["id"]: c for c in new["claims"]}
    changes = []
    for claim_id in [*after, *(k for k in before if k not in after)]:
        if claim_id not in before or claim_id not in after:
            status = "added" if claim_id not in before else "removed"
            changes.append(ClaimChange(claim_id, status=status))
            continue
        a, b = before[claim_id], after[claim_id]
        headline = _moves(
            {
                "verdict": (a.get("verdict"), b.get("verdict")),
                "original_verdict": (a.get("original_verdict"), b.get("original_verdict")),
                "key number": (a.get("value"), b.get("value")),
                "share agreeing": (a.get("share_agreeing"), b.get("share_agreeing")),
            },
            digits,
        )
        specs = _spec_moves(a, b, digits)
        if headline or specs:
            changes.append(ClaimChange(claim_id, tuple(headline), tuple(specs)))
    return changes


def _text(value: object) -> str:
    return "none" if value is None else str(shown(value, 6))


def report(changes: list[ClaimChange]) -> str:
    """The changes as plain text, one block per claim, and a closing count."""
    if not changes:
        return "Nothing moved: every headline, key number and specification is as before."
    lines = []
    for change in changes:
        if change.status != "changed":
            lines.append(f"{change.claim_id}: {change.status}")
            continue
        lines.append(f"{change.claim_id}:")
        lines += [f"  {m.what}: {_text(m.old)} -> {_text(m.new)}" for m in change.headline]
        if change.specifications:
            lines.append(f"  specifications ({len(change.specifications)} moves):")
            lines += [
                f"    {m.what}: {_text(m.old)} -> {_text(m.new)}" for m in change.specifications
            ]
    flipped = [c.claim_id for c in changes if any(m.what == "verdict" for m in c.headline)]
    verdicts = [c.claim_id for c in changes if c.verdict_moved]
    lines += [
        "",
        f"{len(changes)} claims moved; headline verdict changed: {', '.join(flipped) or 'none'}.",
        "If a shared setting caused this, each claim whose verdicts moved needs a `changed` "
        f"entry in the register: {', '.join(verdicts) or 'none'}.",
    ]
    return "\n".join(lines)


def main(arguments: list[str], write: Callable[[Path], Path]) -> int:
    """``diff OLD.json [NEW.json]``: print what moved (NEW defaults to ``fresh(write)``)."""
    if not arguments or len(arguments) > 2:
        raise DataError("usage: python -m caorder.ledger diff OLD.json [NEW.json]")
    old = load(arguments[0])
    new = load(arguments[1]) if len(arguments) == 2 else fresh(write)
    print(report(diff(old, new)))
    return 0
