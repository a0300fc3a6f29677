"""The claims ledger: every registered claim, whose it is, its rule and its computed verdict.

The ledger page of the book (``notebooks/claims_ledger.ipynb``) and the machine-readable
``claims.json`` published with the site are both built from :func:`evaluate_all`, which calls
:func:`caorder.verdicts.evaluate`, the same computation the chapter notebooks glue from. A
verdict can therefore never differ between a chapter and the ledger.

Each claim gets a stable anchor, ``claim-c3-2`` for claim ``C3.2``, so that a teacher can
link to ``claims_ledger.html#claim-c3-2`` and a page of the book can write
``{ref}`claim-c3-2```. Verdicts are counted and worded by *attribution* and *fidelity*
(:func:`standing`): a "contradicts" on a diagnosis the paper reports (it disputes the lens,
not necessarily the facts) is not a verdict against the paper, a proxy test is counted apart
from a direct one, and a neighbour (the book's own proposition beside a paper claim) is an
extension, never a verdict on the paper. Each entry also says whether its test is
confirmatory (:func:`caorder.claims.confirmatory`), how far its key numbers lie from the
rule's thresholds and whether the verdict changes when a threshold moves inside its band.

``python -m caorder.ledger [PATH]`` writes ``claims.json`` and its JSON Schema beside it
without building the book (``make book`` calls it); ``python -m caorder.ledger diff OLD.json
[NEW.json]`` says what a change moved (``make diff``).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

import pandas as pd
from statsmodels.stats.multitest import multipletests

import caorder
from caorder import claims, edition, ledger_diff, paths, verdicts
from caorder.errors import cli
from caorder.verdicts.core import Result, judge

#: Version of the layout of ``claims.json`` (bump on any incompatible change).
SCHEMA_VERSION = "3.0"
SCHEMA_FILE = Path(__file__).with_name("claims.schema.json")
#: Columns of :func:`evaluate_all` that come from the verdict (the rest from the register).
RESULT_FIELDS = (
    "verdict",
    "statistic",
    "value",
    "summary",
    "share_agreeing",
    "original_verdict",
    "reason",
    "strength",
    "strength_reason",
    "sensitive",
)
#: How a claim is counted (attribution, then fidelity): the verdict pages' headline counts
#: only the first, the paper's claims tested directly.
STANDINGS = {
    "direct": "the paper's claims, tested directly",
    "proxy": "the paper's claims, tested through a proxy",
    "literature": "diagnoses the paper reports (it disputes the lens, not necessarily the facts)",
    "later_work": "the author's later work",
    "extension": "the book's extensions, neighbour tests included",
}
#: Short, key-safe names for the five verdicts (used in glue keys such as ``ledger-n-mixed``).
VERDICT_SLUGS = {
    "supports": "supports",
    "mixed": "mixed",
    "contradicts": "contradicts",
    "inconclusive": "inconclusive",
    "cannot be tested with these data": "untestable",
}
#: Where the ledger notebook lives, relative to the repository root (for {doc} links).
LEDGER_DIR = "notebooks"
_SHORT_TITLE_CHARS = 80


def anchor(claim_id: str) -> str:
    """HTML anchor and MyST label of a claim: ``"C3.2"`` -> ``"claim-c3-2"``."""
    return "claim-" + claim_id.lower().replace(".", "-")


def standing(entry: dict | pd.Series) -> str:
    """How a claim is counted: ``direct`` or ``proxy`` for the paper's own claims (by their
    fidelity), else its attribution (``literature``, ``later_work``, ``extension``)."""
    if entry["attribution"] != "paper":
        return str(entry["attribution"])
    return "direct" if entry.get("fidelity") == "direct" else "proxy"


def evaluate_all(
    entries: Iterable[dict] | None = None,
    evaluate: Callable[[str], Result] | None = None,
) -> pd.DataFrame:
    """One row per registered claim: the register fields plus the verdict's fields.

    Besides :data:`RESULT_FIELDS` a row holds ``result`` (the :class:`Result` itself),
    ``n_specs`` and ``split``. ``entries`` and ``evaluate`` default to the project's register
    and :func:`caorder.verdicts.evaluate`; tests pass small stand-ins. A claim without an
    evaluator raises, because a ledger with silent gaps would misreport the book.
    """
    if entries is None:
        verdicts.check_register()  # refuse, in one line, what the ledger would misreport
    entries = claims.register() if entries is None else list(entries)
    evaluate = evaluate or verdicts.evaluate
    rows = []
    for entry in entries:
        result = evaluate(entry["id"])
        rows.append(
            {
                **entry,
                **{f: getattr(result, f) for f in RESULT_FIELDS},
                "n_specs": len(result.specs),
                "split": dict(result.split),
                "result": result,
                "standing": standing(entry),
                "confirmatory": claims.confirmatory(entry),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=[*claims.REQUIRED_FIELDS, *RESULT_FIELDS])
    frame["anchor"] = frame["id"].map(anchor)
    return frame.reset_index(drop=True)


def format_value(value: float | None) -> str:
    """The key statistic as shown in the ledger: 3 significant-ish digits, 'n/a' if missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    value = float(value)
    if value.is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}"


def format_share(share: float | None) -> str:
    """Share of specifications agreeing with the headline, as a whole percentage."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "n/a"
    return f"{100 * share:.0f}%"


def short_title(text: str, limit: int = _SHORT_TITLE_CHARS) -> str:
    """The claim paraphrase cut at a word boundary to fit a heading (with an ellipsis)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def notebook_doc(notebook: str, from_dir: str = LEDGER_DIR) -> str:
    """The {doc} target of a claim's notebook, relative to the page that links it.

    ``"notebooks/ch1_cohesion.ipynb"`` seen from ``notebooks/`` -> ``"ch1_cohesion"``;
    from ``book/`` -> ``"../notebooks/ch1_cohesion"``.
    """
    target = PurePosixPath(notebook).with_suffix("")
    return os.path.relpath(str(target), from_dir).replace(os.sep, "/")


def element_text(element: str, concept: object = None) -> str:
    """ "rule: territorial integrity" from the element and the concept (not repeated)."""
    concept = str(concept or "").strip()
    if not concept:
        return str(element)
    return concept if concept.startswith(f"{element}:") else f"{element}: {concept}"


def rule_text(row: pd.Series | dict) -> str:
    """The rule as declared: thresholds and date, then every later change with its reason."""
    thresholds = verdicts.thresholds(row)
    shown = ", ".join(f"`{k}` = {v}" for k, v in thresholds.items()) or "none (no test)"
    declared = (
        "declared date reconstructed: no commit holds this rule before its result"
        if str(row["declared"]) == "reconstructed"
        else f"declared {row['declared']}"
    )
    lines = [f"Thresholds: {shown}; {declared}."]
    replaced = row.get("replaced")
    if isinstance(replaced, str) and replaced.strip():
        lines.append(f"This rule replaced an earlier one: {replaced.strip()}")
    for change in _listed(row.get("changed")):
        old = (change.get("old") or {}).get("text", "")
        new = (change.get("new") or {}).get("text", "")
        seen = " after the results had been seen" if change.get("after_results") else ""
        found = " (reconstructed from the git history)" if change.get("reconstructed") else ""
        verdicts_moved = (
            f" Verdict before: *{change['verdict_before']}*; after: *{change['verdict_after']}*."
            if change.get("verdict_before") and change.get("verdict_after")
            else ""
        )
        lines.append(
            f"Changed on {change.get('date')}{seen}{found}: from “{' '.join(str(old).split())}”"
            f" to “{' '.join(str(new).split())}”. "
            f"Reason: {' '.join(str(change.get('reason', '')).split())}{verdicts_moved}"
        )
    return " ".join(lines)


def fidelity_text(row: pd.Series | dict) -> str:
    """How closely the test follows the claim: direct, proxy (for what) or neighbour (of what)."""
    fidelity = row.get("fidelity")
    if fidelity == "proxy":
        return f"Proxy: {' '.join(str(row.get('proxy_for', '')).split())}"
    if fidelity == "neighbour":
        target = row.get("neighbours")
        return (
            f"Neighbour: the book's own proposition beside the paper's claim "
            f"{{ref}}`{target} <{anchor(target)}>`; an extension, not a verdict on the paper."
        )
    return "Direct: the test reads the claim's own words, on the actors and practice they name."


def exploratory_reason(row: pd.Series | dict) -> str:
    """Why a tested claim is exploratory ("" when it is confirmatory or untestable)."""
    if row.get("confirmatory") is not False:
        return ""
    if str(row.get("declared")) == "reconstructed":
        return "no commit holds its rule before the commit that first shows its result"
    if row.get("replaced") or any(
        c.get("after_results") and not c.get("split") for c in _listed(row.get("changed"))
    ):
        return "its rule changed after the results had been seen"
    return "no commit holds its rule before the commit that first shows its result"


def confirmatory_text(row: pd.Series | dict) -> str:
    """Confirmatory (with the two commits) or exploratory (with the reason)."""
    if row.get("confirmatory") is None:
        return ""
    if row["confirmatory"]:
        return (
            f"**Confirmatory.** Commit `{row['rule_commit']}` holds the rule before commit "
            f"`{row['result_commit']}` first shows its result."
        )
    return f"**Exploratory.** Left out of the confirmatory counts: {exploratory_reason(row)}."


def margins_text(result: Result) -> str:
    """Each threshold's margin to the number it is compared with and the verdict across its
    band, as a markdown list ("" when the claim has no numeric threshold)."""
    lines = []
    for check in result.threshold_checks:
        margin = (
            ""
            if check["margin"] is None
            else f": {check['compared_with']} = {format_value(check['number'])}, margin "
            f"{check['margin']:+.3g}"
        )
        band = (
            " (no band declared)"
            if check["band"] is None
            else f"; at {check['value']} ± {check['band']}: *{check['verdict_low']}* / "
            f"*{check['verdict_high']}*"
            + (" — **sensitive to its threshold**" if check["sensitive"] else "")
        )
        nearest = (
            f"; nearest in any specification: {check['nearest_compared_with']}, margin "
            f"{check['nearest_margin']:+.3g} ({check['nearest_specification']})"
            if check.get("nearest_margin") is not None
            and check.get("nearest_specification") != result.primary.spec.label
            and abs(check["nearest_margin"]) < abs(check["margin"] or 0)
            else ""
        )
        lines.append(f"- `{check['threshold']}` = {check['value']}{margin}{nearest}{band}")
    if not lines:
        return ""
    return "**Margins to the thresholds.**\n\n" + "\n".join(lines)


def robustness_text(row: pd.Series | dict) -> str:
    """How many specifications agree with the headline, and the split of the rest."""
    if row["verdict"] == verdicts.UNTESTABLE and not row.get("n_specs"):
        return ""
    split = ", ".join(f"{verdict} {n}" for verdict, n in row["split"].items() if n)
    return (
        f"**Robustness.** {format_share(row['share_agreeing'])} of "
        f"{row['n_specs']} specifications agree with the headline ({split}); a "
        f"*supports* or *contradicts* headline needs {verdicts.AGREEMENT_SHARE:.0%}."
    )


def ledger_markdown(row: pd.Series | dict, from_dir: str = LEDGER_DIR) -> str:
    """The MyST markdown of one ledger entry: anchor, heading, quote, test, verdict, limits."""
    element = element_text(row["element"], row.get("concept"))
    statistic = (
        ""
        if _plain(row["value"]) is None
        else f" {row['statistic']}: **{format_value(row['value'])}**."
    )
    first = _plain(row.get("original_verdict"))
    original = (
        f"\n\nUnder the rule as first declared the verdict would be **{first}**."
        if isinstance(first, str) and first
        else ""
    )
    flags = []
    if row.get("strength") == "weak":
        flags.append(f"weak evidence: {row['strength_reason']}")
    if bool(_plain(row.get("sensitive"))):
        flags.append("sensitive to its threshold")
    flagged = f" ({'; '.join(flags)})" if flags else ""
    lines = [
        f"({anchor(row['id'])})=",
        f"### {row['id']} · {short_title(row['claim'])}",
        "",
        f"> “{str(row['quote']).strip()}” ({row['section']}) {{cite:p}}`costaburanelli2021`",
        "",
        f"**Whose claim.** {claims.ATTRIBUTIONS[row['attribution']].capitalize()}.",
        "",
        f"**Fidelity.** {fidelity_text(row)}",
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
        f"- *Rule:* {rule_text(row)}",
        "",
        f"**Verdict: {row['verdict']}.**{flagged}{statistic}{original}",
        "",
        str(row["summary"]).strip(),
        "",
        robustness_text(row),
        "",
        margins_text(row["result"]) if isinstance(row.get("result"), Result) else "",
        "",
        confirmatory_text(row),
        "",
        f"**What the data cannot see.** {str(row['blind_spot']).strip()}",
        "",
        f"Full analysis: {{doc}}`{notebook_doc(row['notebook'], from_dir)}`.",
        "",
    ]
    return "\n".join(lines)


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The compact verdict table: id, attribution, verdict, key number, specifications."""
    return pd.DataFrame(
        {
            "claim": frame["id"],
            "whose claim": frame["attribution"],
            "verdict": frame["verdict"],
            "key statistic": frame["statistic"],
            "value": frame["value"].map(format_value),
            "specifications agreeing": frame["share_agreeing"].map(format_share),
            "counted as": frame["standing"].map(STANDINGS),
            "confirmatory": frame["confirmatory"].map(
                {True: "confirmatory", False: "exploratory", None: ""}
            ),
            "flags": frame.apply(flags_text, axis=1),
        }
    ).reset_index(drop=True)


def flags_text(row: pd.Series | dict) -> str:
    """The ledger's warnings on a verdict: weak evidence, sensitive to its threshold."""
    flags = []
    if row.get("strength") == "weak":
        flags.append("weak evidence")
    if bool(_plain(row.get("sensitive"))):
        flags.append("sensitive to its threshold")
    return "; ".join(flags)


def counts_by_standing(frame: pd.DataFrame) -> pd.DataFrame:
    """How each claim is counted (rows, :data:`STANDINGS`) x verdict (columns)."""
    table = pd.crosstab(frame["standing"], frame["verdict"])
    table = table.reindex(index=list(STANDINGS), columns=list(claims.VERDICTS), fill_value=0)
    table.index = [STANDINGS[s] for s in table.index]
    table.index.name = "counted as"
    table.columns.name = None
    return table


def headline_counts(frame: pd.DataFrame, chapter: int | None = None) -> dict[str, int]:
    """The counts a verdict page headlines: the paper's claims tested directly.

    ``n-claims`` (the paper's claims graded direct), ``n-tested`` (of those, the testable
    ones), one count per verdict slug, ``n-confirmatory`` and the confirmatory claims per
    verdict (``confirmatory-<slug>``); then, for contrast, ``n-proxy``, ``n-literature``,
    ``n-extension`` and ``n-later-work``. ``chapter`` restricts to one chapter.
    """
    if chapter is not None:
        frame = frame[frame["chapter"] == chapter]
    direct = frame[frame["standing"] == "direct"]
    counts = {"n-claims": len(direct)}
    counts["n-tested"] = int((direct["verdict"] != verdicts.UNTESTABLE).sum())
    counts |= {
        f"n-{slug}": int((direct["verdict"] == v).sum()) for v, slug in VERDICT_SLUGS.items()
    }
    confirmed = direct[direct["confirmatory"].map(lambda c: c is True)]
    counts["n-confirmatory"] = len(confirmed)
    counts |= {
        f"confirmatory-{slug}": int((confirmed["verdict"] == v).sum())
        for v, slug in VERDICT_SLUGS.items()
    }
    for name in ("proxy", "literature", "extension", "later_work"):
        counts[f"n-{name.replace('_', '-')}"] = int((frame["standing"] == name).sum())
    counts["n-sensitive"] = int(frame["sensitive"].map(lambda v: bool(_plain(v))).sum())
    counts["n-weak"] = int((frame["strength"] == "weak").sum())
    return counts


def glue_keys(frame: pd.DataFrame) -> dict[str, int]:
    """Every headline count as a glue key: ``ledger-direct-<name>`` for the whole register and
    ``ledger-ch<N>-direct-<name>`` per chapter (names of :func:`headline_counts`)."""
    keys = {f"ledger-direct-{k}": v for k, v in headline_counts(frame).items()}
    for chapter in sorted(frame["chapter"].unique()):
        counts = headline_counts(frame, int(chapter))
        keys |= {f"ledger-ch{int(chapter)}-direct-{k}": v for k, v in counts.items()}
    return keys


def verdict_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many claims received each of the five verdicts (zeros included), keyed by slug."""
    return {slug: int((frame["verdict"] == v).sum()) for v, slug in VERDICT_SLUGS.items()}


def counts_by_attribution(frame: pd.DataFrame) -> pd.DataFrame:
    """Attribution (rows, register order) x verdict (columns): how many claims of each."""
    table = pd.crosstab(frame["attribution"], frame["verdict"])
    table = table.reindex(
        index=list(claims.ATTRIBUTIONS), columns=list(claims.VERDICTS), fill_value=0
    )
    table.index = [claims.ATTRIBUTIONS[a] for a in table.index]
    table.index.name = "whose claim"
    table.columns.name = None
    return table


def p_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Every p-value a verdict's rule reads (primary specification), with Holm and
    Benjamini-Hochberg adjustments across the whole ledger, and whether the claim's primary
    verdict would change if its rule read the adjusted p-values instead."""
    registry = verdicts.evaluators()
    rows = []
    for _, row in frame.iterrows():
        evaluator = registry.get(row["evaluator"])
        result: Result = row["result"]
        if evaluator is None or result.primary is None:
            continue
        for name in evaluator.p_values:
            value = result.primary.evidence.get(name)
            if value is not None and not math.isnan(value):
                rows.append({"claim": row["id"], "p-value": name, "p": float(value)})
    table = pd.DataFrame(rows, columns=["claim", "p-value", "p"])
    if table.empty:
        return table.assign(holm=[], bh=[], **{"verdict": [], "under Holm": [], "under BH": []})
    table["holm"] = multipletests(table["p"], method="holm")[1]
    table["bh"] = multipletests(table["p"], method="fdr_bh")[1]
    by_id = frame.set_index("id")
    for method, column in (("holm", "under Holm"), ("bh", "under BH")):
        table[column] = [
            _verdict_with(by_id.loc[claim], registry, table[table["claim"] == claim], method)
            for claim in table["claim"]
        ]
    table["verdict"] = [by_id.loc[c, "result"].primary.verdict for c in table["claim"]]
    return table


def _verdict_with(row: pd.Series, registry: dict, adjusted: pd.DataFrame, method: str) -> str:
    """The primary verdict with the claim's p-values replaced by their adjusted values."""
    evidence = dict(row["result"].primary.evidence)
    evidence.update(dict(zip(adjusted["p-value"], adjusted[method])))
    return judge(
        registry[row["evaluator"]], row["result"].primary.spec, evidence, verdicts.thresholds(row)
    ).verdict


def _listed(value: object) -> list:
    """A register list field from a table row: NaN (the claim has no such field) is empty."""
    return value if isinstance(value, list) else []


def _plain(value: object) -> object:
    """A JSON-ready version of a cell (numpy scalars -> Python, NaN -> None, dates -> str)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def default_json_path() -> Path:
    """Where the book publishes ``claims.json`` from: ``<repo>/_build/extra/claims.json``."""
    return paths.repo_root() / "_build" / "extra" / "claims.json"


def _record(row: pd.Series, adjusted: pd.DataFrame) -> dict:
    """One claim of ``claims.json``: register fields, verdict, rule, specifications, p-values."""
    result: Result = row["result"]
    register_fields = {
        k: _plain(v)
        for k, v in row.items()
        if k not in ("result", "split", "standing", *RESULT_FIELDS)
    }
    mine = adjusted[adjusted["claim"] == row["id"]]
    return {
        **register_fields,
        **{f: _plain(row[f]) for f in RESULT_FIELDS},
        "rule": {
            "thresholds": _plain(verdicts.thresholds(row)),
            "share_required": verdicts.AGREEMENT_SHARE,
        },
        "declared": _plain(row["declared"]),
        "changed": _plain(_listed(row.get("changed"))),
        "fidelity": row.get("fidelity"),
        "counted_as": row["standing"],
        "confirmatory": _plain(row["confirmatory"]),
        "exploratory_reason": exploratory_reason(row),
        "fingerprint": claims.fingerprint(_register_part(row)),
        "threshold_checks": _plain([dict(c) for c in result.threshold_checks]),
        "section_url": section_url(row),
        "figures": figures(row),
        "specifications": {
            "count": len(result.specs),
            "share_agreeing": _plain(result.share_agreeing),
            "split": _plain(dict(result.split)),
            "each": [
                {"specification": s.spec.label, "verdict": s.verdict, "statistic": _plain(s.value)}
                for s in result.specs
            ],
        },
        "p_adjusted": [
            {"name": r["p-value"], "p": r["p"], "holm": r["holm"], "bh": r["bh"]}
            for _, r in mine.iterrows()
        ],
    }


def _register_part(row: pd.Series) -> dict:
    """The register fields of a ledger row (NaN cells, fields the claim lacks, dropped)."""
    return {
        k: v
        for k, v in row.items()
        if k not in ("result", "split", *RESULT_FIELDS) and _plain(v) is not None
    }


def write_json(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write the ledger as ``claims.json`` (and ``claims.schema.json`` beside it).

    Deterministic, UTF-8, one record per claim, no timestamp: an unchanged ledger gives a
    byte-identical file. Counts are given by verdict and by attribution.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    adjusted = p_values(frame)
    records = [dict(sorted(_record(row, adjusted).items())) for _, row in frame.iterrows()]
    by_attribution = {
        a: {
            v: int(((frame["attribution"] == a) & (frame["verdict"] == v)).sum())
            for v in claims.VERDICTS
        }
        for a in claims.ATTRIBUTIONS
    }
    document = {
        "schema_version": SCHEMA_VERSION,
        "book_version": caorder.__version__,
        "book_date": edition.build_date(paths.repo_root()),
        "description": (
            "The claims examined in the book Central Asian Order, a companion to Costa "
            "Buranelli (2021), 'Central Asian Regionalism or Central Asian Order? Some "
            "Reflections', Central Asian Affairs 8(1): the paper's own claims, diagnoses the "
            "paper reports (it disputes the lens, not necessarily the facts), the author's later "
            "work and the book's extensions, each with its attribution, fidelity (direct, proxy "
            "or neighbour), rule, specifications, threshold margins, whether it is confirmatory, "
            "and its verdict in the five-word vocabulary."
        ),
        "attribution_values": dict(claims.ATTRIBUTIONS),
        "verdict_values": list(claims.VERDICTS),
        "counts": {v: int((frame["verdict"] == v).sum()) for v in claims.VERDICTS},
        "counts_by_attribution": by_attribution,
        "counted_as_values": dict(STANDINGS),
        "counts_by_counted_as": {
            name: {
                v: int(((frame["standing"] == name) & (frame["verdict"] == v)).sum())
                for v in claims.VERDICTS
            }
            for name in STANDINGS
        },
        "counts_direct": headline_counts(frame),
        "fidelity_values": dict(claims.FIDELITY),
        "claims": records,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copyfile(SCHEMA_FILE, path.with_name(SCHEMA_FILE.name))
    return path


@cli
def main(arguments: list[str]) -> int:
    """Write ``claims.json`` to the path given (default: ``<repo>/_build/extra/claims.json``).

    ``diff OLD.json [NEW.json]`` instead prints what moved between two ledgers, NEW being a
    fresh evaluation by default (:mod:`caorder.ledger_diff`).
    """
    if arguments[:1] == ["diff"]:
        return cli(ledger_diff.main)(arguments[1:], lambda path: write_json(evaluate_all(), path))
    from caorder.inputs import check_inputs  # every input checked before the long part

    check_inputs()
    target = Path(arguments[0]) if arguments else default_json_path()
    written = write_json(evaluate_all(), target)
    print(f"wrote {written} and {SCHEMA_FILE.name}")
    return 0


def inventory_counts() -> dict[str, int]:
    """How many empirical claims the paper makes, how many the register covers and can test.

    From :func:`caorder.claims.inventory` (``data/paper_claims.yml``): the total, by
    attribution (``paper``, ``literature``), ``covered`` (claims with a register entry),
    ``testable_yes`` / ``testable_partly`` / ``testable_no`` (can the book's data test it),
    ``testable_any`` (yes or partly) and ``not_empirical`` (register entries that are not
    empirical claims of the paper).
    """
    inventory = claims.inventory()
    rows = pd.DataFrame(inventory.claims)
    testable = rows["testable_with_book_data"].value_counts()
    counts = {"total": len(rows)}
    counts |= {
        name: int((rows["attribution"] == name).sum()) for name in claims.INVENTORY_ATTRIBUTIONS
    }
    counts["covered"] = int(rows["covered_by"].map(bool).sum())
    counts |= {f"testable_{level}": int(testable.get(level, 0)) for level in claims.TESTABLE}
    counts["testable_any"] = counts["testable_yes"] + counts["testable_partly"]
    counts["not_empirical"] = len(inventory.not_empirical)
    return counts


#: The figures (and tables) that show each claim's evidence, by label, the one to cite first:
#: the observations, then the specification panel. A register entry may name its own with
#: ``figures:``. Untested claims and claims shown only in tables have none.
EVIDENCE_FIGURES = {
    "C1.1": ("fig-c1-baseline", "fig-c1-1-panel"),
    "C1.2": ("fig-c1-dendrograms", "fig-c1-2-panel"),
    "C1.4": ("fig-c1-new-wind", "fig-c1-4-panel"),
    "C1.5": ("fig-c1-eu-benchmark", "fig-c1-5-panel"),
    "C1.6": ("fig-sm-fm-gaps", "fig-sm-c16-panel"),
    "C1.7": ("fig-sm-cadence",),
    "C1.8": ("fig-c1-great-power-pull", "fig-c1-8-panel"),
    "C3.1": ("fig-c3-hr-shares", "fig-c3-1-panel"),
    "C3.2": ("fig-c3-2-votes", "fig-c3-2-panel"),
    "C3.3": ("fig-c3-gp-agreement", "fig-c3-3-panel"),
    "C3.4": ("fig-c3-russia-minority", "fig-c3-4-panel"),
    "C3.5": ("fig-c3-absence", "fig-c3-5-panel"),
    "C3.33": ("fig-c3-33-panel",),
    "C3.7": ("fig-c3-pair-kappa", "fig-c3-7-panel"),
    "C3.8": ("fig-sm-levels",),
    "C3.9": ("fig-sm-memberships", "fig-sm-c39-panel"),
    "C3.11": ("fig-sm-home-grown",),
    "C4.1": ("fig-c4-periodisation-series", "fig-c4-1-panel"),
    "C4.2": ("fig-c4-cohesion-after", "fig-c4-2-panel"),
    "C4.3": ("fig-c4-ukraine-votes", "fig-c4-3-panel"),
    "C4.7": ("fig-c4-great-powers", "fig-c4-7-panel"),
}


def figures(row: pd.Series | dict) -> list[str]:
    """Labels of the figures showing a claim's evidence, the one to cite first."""
    own = row.get("figures")
    if isinstance(own, list) and own:
        return [str(label) for label in own]
    return list(EVIDENCE_FIGURES.get(str(row["id"]), ()))


def verdict_anchor(claim_id: str) -> str:
    """HTML id of a claim's verdict box in its chapter: ``"C3.2"`` -> ``"verdict-c3-2"``."""
    return "verdict-" + claim_id.lower().replace(".", "-")


def section_url(row: pd.Series | dict, root: Path | None = None) -> str:
    """The page (site-relative) of a claim's analysis, at its verdict box when it has one.

    The box is found in the committed outputs of the claim's notebook
    (:func:`caorder.present.verdict_box` writes its id); a page without one is linked at its
    top, and claims the ledger itself shows link to their ledger entry.
    """
    notebook = PurePosixPath(str(row["notebook"]))
    if notebook.stem == "claims_ledger":
        return f"{LEDGER_DIR}/claims_ledger.html#{anchor(str(row['id']))}"
    page = str(notebook.with_suffix(".html"))
    path = (root or paths.repo_root()) / notebook
    box = verdict_anchor(str(row["id"]))
    if path.exists() and f'id=\\"{box}\\"' in path.read_text(encoding="utf-8"):
        return f"{page}#{box}"
    return page


def claim_row(claim_id: str) -> pd.Series:
    """One claim's ledger row (register fields, verdict, ``figures``), for its verdict box."""
    entries = [e for e in claims.register() if e["id"] == claim_id]
    if not entries:
        raise KeyError(f"claim_row({claim_id!r}): no such claim in data/claims/*.yml")
    row = evaluate_all(entries).iloc[0].copy()
    row["figures"] = figures(row)
    return row


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
