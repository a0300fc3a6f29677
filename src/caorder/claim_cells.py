"""The cells that show one claim in a notebook, written the way every chapter notebook is.

A new claim's section follows the house conventions: a heading and the claim's words; one
hidden cell (tag ``remove-cell``) that evaluates the claim and glues every number of it
(:func:`caorder.verdicts.show.glue_claim`: ``cX-Y-verdict``, ``-value``, ``-share``,
``-n-specs`` and one key per evidence entry; :func:`~caorder.verdicts.show.glue_details`:
``-n-supports`` ... ``-n-cannot``, ``-original-verdict``, ``-summary``); the specification
panel as a captioned HTML table (tags ``hide-input`` and ``nbval-check-output``, so nbval
compares it exactly); the panel as a numbered figure with a caption and alt text (cell
metadata ``mystnb.figure`` and ``mystnb.image.alt``; tag ``hide-input``); then result,
verdict and limits in prose quoting the glued numbers with ``{glue:text}``.

``python -m caorder.claim_cells C3.28 notebooks/ch3_x.ipynb`` appends these cells to a
notebook (``--print`` shows them instead); edit the prose and the alt text once the result
is known, then execute the notebook (``python -m caorder.notebooks``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

from caorder import claims
from caorder.errors import DataError, cli


def slug(claim_id: str) -> str:
    """``"C3.28"`` -> ``"c3-28"`` (the prefix of the claim's glue keys and labels)."""
    return claim_id.lower().replace(".", "-")


def variable(claim_id: str) -> str:
    """``"C3.28"`` -> ``"c3_28"`` (the notebook variable holding the claim's result)."""
    return claim_id.lower().replace(".", "_")


def claim_cells(entry: dict) -> list[nbformat.NotebookNode]:
    """The cells of one claim's section, from its register entry."""
    claim_id, key, name = entry["id"], slug(entry["id"]), variable(entry["id"])
    heading = new_markdown_cell(
        f"## {claims_title(entry)} ({claim_id})\n\n"
        f"**Claim.** {str(entry['claim']).strip()}\n\n"
        f"**Operationalisation.** {str(entry['indicator']).strip()}\n\n"
        f"**Test.** {str(entry['test']).strip()}"
    )
    evaluate = new_code_cell(
        "from caorder import verdicts\n"
        "from caorder.verdicts import show\n\n"
        f'{name} = verdicts.evaluate("{claim_id}")\n'
        f"show.glue_claim({name})\n"
        f"show.glue_details({name})",
        metadata={"tags": ["remove-cell"]},
    )
    table = new_code_cell(
        f"show.panel_html({name})", metadata={"tags": ["hide-input", "nbval-check-output"]}
    )
    figure = new_code_cell(
        f"import matplotlib.pyplot as plt\n\nshow.plot_panel({name})\nplt.show()",
        metadata={
            "tags": ["hide-input"],
            "mystnb": {
                "figure": {
                    "caption": f"Specification panel of {claim_id}: the key number under every "
                    "declared specification, marked by the verdict the rule gives.",
                    "name": f"fig-{key}-panel",
                },
                "image": {
                    "alt": f"Dot plot with one row per declared specification of claim "
                    f"{claim_id}; the key number is on the horizontal axis and each point's "
                    "marker and colour give its verdict."
                },
            },
        },
    )
    verdict = new_markdown_cell(
        f"**Result.** The key number is {{glue:text}}`{key}-value` "
        f"({{numref}}`fig-{key}-panel`).\n\n"
        f"**Verdict ({claim_id}): {{glue:text}}`{key}-verdict`** "
        f"({{glue:text}}`{key}-share`% of the {{glue:text}}`{key}-n-specs` specifications "
        f"agree: {{glue:text}}`{key}-n-supports` support, {{glue:text}}`{key}-n-mixed` mixed, "
        f"{{glue:text}}`{key}-n-contradicts` contradict). {{glue:text}}`{key}-summary`\n\n"
        f"**Limits.** {str(entry['blind_spot']).strip()}"
    )
    return [heading, evaluate, table, figure, verdict]


def claims_title(entry: dict) -> str:
    """A short heading for the claim: its concept, else its element."""
    concept = str(entry.get("concept") or entry["element"]).strip()
    return concept[0].upper() + concept[1:]


def add_to(notebook_path: Path, entry: dict) -> None:
    """Append the claim's cells to a notebook (refusing a notebook that already shows it)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    if any(f'evaluate("{entry["id"]}")' in cell.source for cell in notebook.cells):
        raise DataError(f"{notebook_path.name} already evaluates {entry['id']}.")
    notebook.cells.extend(claim_cells(entry))
    nbformat.write(notebook, notebook_path)


@cli
def main(arguments: list[str] | None = None) -> int:
    """Append (or ``--print``) the cells of a registered claim."""
    parser = argparse.ArgumentParser(prog="python -m caorder.claim_cells", description=__doc__)
    parser.add_argument("claim", help="a registered claim id, e.g. C3.28")
    parser.add_argument("notebook", nargs="?", type=Path, help="the notebook to append to")
    parser.add_argument("--print", action="store_true", help="print the cells instead")
    args = parser.parse_args(arguments)
    try:
        entry = claims.claim(args.claim)
    except KeyError as err:
        raise DataError(f"{err.args[0]} Register it first (CONTRIBUTING.md).") from None
    if args.print or args.notebook is None:
        for cell in claim_cells(entry):
            print(f"--- {cell.cell_type} {cell.metadata.get('tags', '')}\n{cell.source}\n")
        return 0
    add_to(args.notebook, entry)
    print(f"appended the cells of {args.claim} to {args.notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
