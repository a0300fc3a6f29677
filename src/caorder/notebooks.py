"""Re-execute the book's notebooks in place so their committed outputs are fresh.

``python -m caorder.notebooks notebooks/*.ipynb`` (or ``make notebooks``) runs each notebook
top to bottom in its own folder with the current Python environment and writes it back
without execution timestamps, so that a rerun on unchanged code and data gives an
identical file and ``git diff`` shows only real changes. nbval then re-executes the
committed notebooks in the test suite and compares the checked outputs.

``python -m caorder.notebooks --tag notebooks/*.ipynb`` only sets the cells' layout tags
(:func:`tag_cells`), so that the book shows prose and figures first; it executes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 600) -> None:
    """Execute the notebook at ``path`` in place, deterministically."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


#: Layout tags that :func:`tag_cells` owns and recomputes on every run.
MANAGED_TAGS = ("remove-cell", "hide-input", "hide-cell")
#: Layout tags set by hand; a cell that has one is left as it is.
MANUAL_TAGS = ("remove-input", "remove-output", "hide-output", "show-input")
#: Text outputs up to this many lines are debug prints (removed); longer ones are text tables.
SHORT_PRINT_LINES = 2


def _visible_outputs(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The outputs a reader would see: everything except ``glue(..., display=False)`` records."""
    visible = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if data and all(key.startswith("application/papermill.record") for key in data):
            continue
        visible.append(output)
    return visible


def layout_tag(cell: nbformat.NotebookNode) -> str | None:
    """The managed layout tag a code cell should carry, from what its outputs show.

    No visible output (imports, options, ``glue`` plumbing) -> ``remove-cell``; only a short
    printed text (a debug or nbval check print) -> ``remove-cell``; only a longer printed text
    (a text table kept for nbval) -> ``hide-cell``; a figure, table or other rich output ->
    ``hide-input``; an error -> no tag, so that it stays visible.
    """
    outputs = _visible_outputs(cell)
    if any(output.get("output_type") == "error" for output in outputs):
        return None
    if not outputs:
        return "remove-cell"
    if all(output.get("output_type") == "stream" for output in outputs):
        text = "".join(str(output.get("text", "")) for output in outputs)
        return "remove-cell" if len(text.strip().splitlines()) <= SHORT_PRINT_LINES else "hide-cell"
    return "hide-input"


def tag_cells(notebook: nbformat.NotebookNode) -> bool:
    """Set the layout tags of every code cell of ``notebook`` in place; True if any changed.

    Deterministic and idempotent: managed tags (:data:`MANAGED_TAGS`) are recomputed from
    the outputs each time, other tags (``nbval-check-output``...) are kept in their order,
    and a cell with a hand-set layout tag (:data:`MANUAL_TAGS`) is left alone.
    """
    changed = False
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        old = list(cell.metadata.get("tags", []))
        if any(tag in old for tag in MANUAL_TAGS):
            continue
        new = [tag for tag in old if tag not in MANAGED_TAGS]
        tag = layout_tag(cell)
        if tag:
            new.append(tag)
        if new != old:
            changed = True
            if new:
                cell.metadata["tags"] = new
            else:
                cell.metadata.pop("tags", None)
    return changed


def is_teaching(path: Path) -> bool:
    """Teaching notebooks (``teaching_*.ipynb``) keep all their code visible."""
    return path.name.startswith("teaching_")


def tag(path: Path) -> bool:
    """Tag the notebook at ``path`` in place (never a teaching notebook); True if it changed."""
    if is_teaching(path):
        return False
    notebook = nbformat.read(path, as_version=4)
    if not tag_cells(notebook):
        return False
    nbformat.write(notebook, path)
    return True


def main(arguments: list[str]) -> int:
    """Execute every notebook named on the command line; stop at the first failure.

    With ``--tag`` first, set the layout tags of the named notebooks instead (no execution).
    """
    if arguments[:1] == ["--tag"]:
        for name in arguments[1:]:
            print(f"{'tagged' if tag(Path(name)) else 'unchanged'} {name}")
        return 0
    for name in arguments:
        print(f"executing {name}")
        execute(Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
