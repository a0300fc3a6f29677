"""The claims ledger: every registered claim, its test and its computed verdict, in one place.

The ledger page of the book (``notebooks/claims_ledger.ipynb``) and the machine-readable
``claims.json`` published with the site are both built from :func:`evaluate_all`, which
calls the same evaluators the chapters call (:func:`caorder.claims.evaluate`). A verdict can
therefore never differ between a chapter and the ledger.

Each claim gets a stable anchor, ``claim-c3-2`` for claim ``C3.2``, so that a teacher can
link to ``claims_ledger.html#claim-c3-2`` and a page of the book can write
``{ref}`claim-c3-2```.

``python -m caorder.ledger _build/extra/claims.json`` writes ``claims.json`` without
building the book (useful when the ledger notebook is served from the execution cache).
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

import pandas as pd

from caorder import claims, paths

#: Columns of :func:`evaluate_all` that come from the verdict (the rest come from the register).
VERDICT_FIELDS = ("verdict", "statistic", "value", "summary")
#: Short, key-safe names for the four verdicts (used in glue keys such as ``ledger-n-mixed``).
VERDICT_SLUGS = {
    "supports": "supports",
    "mixed": "mixed",
    "contradicts": "contradicts",
    "cannot be tested with these data": "untestable",
}
#: Where the ledger notebook lives, relative to the repository root (for {doc} links).
LEDGER_DIR = "notebooks"
_SHORT_TITLE_CHARS = 80


def anchor(claim_id: str) -> str:
    """HTML anchor and MyST label of a claim: ``"C3.2"`` -> ``"claim-c3-2"``."""
    return "claim-" + claim_id.lower().replace(".", "-")


def evaluate_all(
    entries: Iterable[dict] | None = None,
    evaluate: Callable[[str], claims.Verdict] | None = None,
) -> pd.DataFrame:
    """One row per registered claim: the register fields plus the computed verdict fields.

    ``entries`` and ``evaluate`` default to the project's register and
    :func:`caorder.claims.evaluate`; tests pass small stand-ins. A claim without an
    evaluator raises, because a ledger with silent gaps would misreport the book.
    """
    entries = claims.register() if entries is None else list(entries)
    evaluate = evaluate or claims.evaluate
    rows = []
    for entry in entries:
        verdict = evaluate(entry["id"])
        rows.append({**entry, **{field: getattr(verdict, field) for field in VERDICT_FIELDS}})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=[*claims.REQUIRED_FIELDS, *VERDICT_FIELDS])
    frame["anchor"] = frame["id"].map(anchor)
    return frame.reset_index(drop=True)


def format_value(value: float | None) -> str:
    """The key statistic as shown in the ledger: 3 significant-ish digits, 'n/a' if missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    value = float(value)
    if value.is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}"


def short_title(text: str, limit: int = _SHORT_TITLE_CHARS) -> str:
    """The claim paraphrase cut at a word boundary to fit a heading (with an ellipsis)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def notebook_doc(notebook: str, from_dir: str = LEDGER_DIR) -> str:
    """The {doc} target of a claim's notebook, relative to the ledger page.

    ``"notebooks/ch1_cohesion.ipynb"`` seen from ``notebooks/`` -> ``"ch1_cohesion"``;
    from ``book/`` -> ``"../notebooks/ch1_cohesion"``.
    """
    target = PurePosixPath(notebook).with_suffix("")
    return os.path.relpath(str(target), from_dir).replace(os.sep, "/")


def element_text(element: str, concept: object = None) -> str:
    """"rule: territorial integrity" from the element and the concept (not repeated)."""
    concept = str(concept or "").strip()
    if not concept:
        return str(element)
    return concept if concept.startswith(f"{element}:") else f"{element}: {concept}"


def ledger_markdown(row: pd.Series | dict, from_dir: str = LEDGER_DIR) -> str:
    """The MyST markdown of one ledger entry: anchor, heading, quote, test, verdict, limits."""
    element = element_text(row["element"], row.get("concept"))
    statistic = (
        "" if _plain(row["value"]) is None
        else f" {row['statistic']}: **{format_value(row['value'])}**."
    )
    lines = [
        f"({anchor(row['id'])})=",
        f"### {row['id']} · {short_title(row['claim'])}",
        "",
        f"> “{str(row['quote']).strip()}” ({row['section']}) {{cite:p}}`costaburanelli2021`",
        "",
        f"**Our reading.** {str(row['claim']).strip()}",
        "",
        f"**Element of order.** {element}",
        "",
        "**Operationalisation.**",
        "",
        f"- *Indicator:* {str(row['indicator']).strip()}",
        f"- *Data:* {str(row['data']).strip()}",
        f"- *Test:* {str(row['test']).strip()}",
        "",
        f"**Verdict: {row['verdict']}.**{statistic}",
        "",
        str(row["summary"]).strip(),
        "",
        f"**What the votes cannot see.** {str(row['blind_spot']).strip()}",
        "",
        f"Full analysis: {{doc}}`{notebook_doc(row['notebook'], from_dir)}`.",
        "",
    ]
    return "\n".join(lines)


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The compact verdict table: id, verdict, statistic and the formatted value."""
    table = frame[["id", "verdict", "statistic"]].copy()
    table["value"] = frame["value"].map(format_value)
    return table.reset_index(drop=True)


def verdict_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many claims received each of the four verdicts (zeros included), keyed by slug."""
    return {slug: int((frame["verdict"] == v).sum()) for v, slug in VERDICT_SLUGS.items()}


def _plain(value: object) -> object:
    """A JSON-ready version of a cell (numpy scalars -> Python, NaN -> None)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def default_json_path() -> Path:
    """Where the book publishes ``claims.json`` from: ``<repo>/_build/extra/claims.json``."""
    return paths.repo_root() / "_build" / "extra" / "claims.json"


def write_json(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write the ledger as ``claims.json``: deterministic, UTF-8, one record per claim.

    The file states the paper, the four verdict values and, per claim, every register
    field plus the verdict fields and the anchor. It has no timestamp, so an unchanged
    ledger gives a byte-identical file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [
        {key: _plain(value) for key, value in sorted(record.items())}
        for record in frame.to_dict(orient="records")
    ]
    document = {
        "description": (
            "Claims of Costa Buranelli (2021), 'Central Asian Regionalism or Central Asian "
            "Order? Some Reflections', Central Asian Affairs 8(1), as tested in the book "
            "Central Asian Order."
        ),
        "verdict_values": list(claims.VERDICTS),
        "counts": {v: int((frame["verdict"] == v).sum()) for v in claims.VERDICTS},
        "claims": records,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(arguments: list[str]) -> int:
    """Write ``claims.json`` to the path given (default: ``<repo>/_build/extra/claims.json``)."""
    target = Path(arguments[0]) if arguments else default_json_path()
    written = write_json(evaluate_all(), target)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
