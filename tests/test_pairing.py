"""Every notebook has its reviewable text twin (jupytext MyST), in step with the notebook."""

from __future__ import annotations

import shutil

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from caorder import pairing, paths


def test_every_notebook_has_a_text_twin_in_step():
    problems = pairing.out_of_step()
    assert problems == [], f"run `make pair` and commit notebooks/text/: {problems}"


def test_the_twin_is_the_jupytext_conversion_without_outputs():
    notebook = paths.repo_root() / "notebooks" / "ch1_new_wind.ipynb"
    twin = pairing.text_path(notebook).read_text(encoding="utf-8")
    assert twin == pairing.text_form(notebook)
    assert "```{code-cell} ipython3" in twin and ":tags: [remove-cell]" in twin
    assert "image/png" not in twin and "fig-c1-4-panel" in twin  # caption options kept


def test_an_edited_notebook_makes_its_twin_stale_until_paired(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    page = folder / "ch9_x.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Title")]), page)
    assert pairing.out_of_step(tmp_path) == ["ch9_x.md: missing"]
    assert pairing.pair([page]) == [folder / "text" / "ch9_x.md"]
    assert pairing.out_of_step(tmp_path) == []
    notebook = nbformat.read(page, as_version=4)
    notebook.cells.append(new_code_cell("x = 1", metadata={"tags": ["remove-cell"]}))
    nbformat.write(notebook, page)
    assert pairing.out_of_step(tmp_path) == ["ch9_x.md: stale"]
    assert pairing.pair([page]) and pairing.pair([page]) == []
    shutil.copy(folder / "text" / "ch9_x.md", folder / "text" / "gone.md")
    assert pairing.out_of_step(tmp_path) == ["gone.md: no notebook gone.ipynb"]
