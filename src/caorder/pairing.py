"""The reviewable text form of every notebook: ``notebooks/text/NAME.md`` (jupytext, MyST).

A committed notebook holds its outputs (nbval compares them), so a diff of five new cells is
thousands of lines of JSON. Each notebook therefore has a text twin written by jupytext in
the MyST Markdown format: prose as Markdown, code in ``{code-cell}`` blocks with their tags,
captions and alt text as options, and no outputs. Reviewers read the twin; the ``.ipynb``
stays the source of truth. ``tests/test_pairing.py`` and the pre-commit hook keep the two in
step; after merging branches that edited notebooks, ``make pair`` regenerates every twin.

``python -m caorder.pairing [NOTEBOOK ...]`` writes the twins (default: every notebook);
``--check`` writes nothing and lists the twins that are missing, stale or orphaned.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import jupytext

from caorder import paths
from caorder.errors import DataError, cli

#: Where the text forms live, relative to the notebooks folder, and their jupytext format.
TEXT_DIR = "text"
FORMAT = "md:myst"


def notebooks_dir(root: Path | None = None) -> Path:
    """The folder of the book's notebooks (``<repo>/notebooks``)."""
    return (root or paths.repo_root()) / "notebooks"


def text_path(notebook: Path) -> Path:
    """The text twin of a notebook: ``notebooks/ch1_x.ipynb`` -> ``notebooks/text/ch1_x.md``."""
    return notebook.parent / TEXT_DIR / notebook.with_suffix(".md").name


def text_form(notebook: Path) -> str:
    """The jupytext MyST conversion of a notebook's cells (sources and metadata, no outputs)."""
    try:
        return jupytext.writes(jupytext.read(notebook), fmt=FORMAT)
    except (OSError, ValueError) as err:
        raise DataError(f"{notebook.name}: cannot be read as a notebook ({err}).") from None


def out_of_step(root: Path | None = None) -> list[str]:
    """Twins that are missing or stale, and twins without a notebook (names, sorted)."""
    folder = notebooks_dir(root)
    notebooks = sorted(folder.glob("*.ipynb"))
    problems = [
        f"{text_path(nb).name}: {'stale' if text_path(nb).exists() else 'missing'}"
        for nb in notebooks
        if not text_path(nb).exists() or text_path(nb).read_text(encoding="utf-8") != text_form(nb)
    ]
    names = {text_path(nb).name for nb in notebooks}
    problems += [
        f"{twin.name}: no notebook {twin.with_suffix('.ipynb').name}"
        for twin in sorted((folder / TEXT_DIR).glob("*.md"))
        if twin.name not in names
    ]
    return problems


def pair(notebooks: Iterable[Path]) -> list[Path]:
    """Write the text twin of each notebook where it differs; return the twins written."""
    written = []
    for notebook in notebooks:
        target, text = text_path(notebook), text_form(notebook)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


@cli
def main(arguments: list[str] | None = None) -> int:
    """Write (or with ``--check`` only list) the notebooks' text twins."""
    parser = argparse.ArgumentParser(prog="python -m caorder.pairing", description=__doc__)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook")
    parser.add_argument("--check", action="store_true", help="list twins out of step; write none")
    args = parser.parse_args(arguments)
    if args.check:
        problems = out_of_step()
        for line in problems:
            print(line)
        if problems:
            print("run `make pair` to regenerate the text forms", file=sys.stderr)
        return 1 if problems else 0
    notebooks = [n for n in args.notebooks if n.suffix == ".ipynb"] or sorted(
        notebooks_dir().glob("*.ipynb")
    )
    for twin in pair(notebooks):
        print(f"wrote {twin.relative_to(paths.repo_root()).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
