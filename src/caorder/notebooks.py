"""Re-execute the book's notebooks in place so their committed outputs are fresh.

``python -m caorder.notebooks notebooks/*.ipynb`` (or ``make notebooks``) runs each notebook
top to bottom in its own folder with the current Python environment and writes it back
without execution timestamps, so that a rerun on unchanged code and data gives an
identical file and ``git diff`` shows only real changes. nbval then re-executes the
committed notebooks in the test suite and compares the checked outputs.
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


def main(arguments: list[str]) -> int:
    """Execute every notebook named on the command line; stop at the first failure."""
    for name in arguments:
        print(f"executing {name}")
        execute(Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
