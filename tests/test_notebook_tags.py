"""The layout tagger: plumbing removed, analysis inputs hidden, teaching code kept."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from caorder import notebooks


def _glue_record() -> nbformat.NotebookNode:
    """What ``glue(name, value, display=False)`` leaves in a cell."""
    return new_output("display_data", data={"application/papermill.record/text/plain": "1"})


def _hand_made() -> nbformat.NotebookNode:
    """A notebook with one cell of each kind the tagger must tell apart."""
    cells = [
        new_markdown_cell("# Title"),
        new_code_cell("import pandas as pd"),
        new_code_cell("glue('x', 1, display=False)", outputs=[_glue_record()]),
        new_code_cell(
            "print(v.verdict, v.value)",
            outputs=[new_output("stream", name="stdout", text="contradicts 86.2\n")],
            metadata={"tags": ["nbval-check-output"]},
        ),
        new_code_cell(
            "print(df.to_string())",
            outputs=[new_output("stream", name="stdout", text="a b\n1 2\n3 4\n5 6\n")],
        ),
        new_code_cell(
            "ax.plot(x); glue('y', 2, display=False)",
            outputs=[_glue_record(), new_output("display_data", data={"image/png": "AA=="})],
        ),
        new_code_cell("df", outputs=[new_output("execute_result", data={"text/html": "<table>"})]),
        new_code_cell("1/0", outputs=[new_output("error", ename="E", evalue="", traceback=[])]),
        new_code_cell("df.plot()", metadata={"tags": ["remove-input"]}),
    ]
    return new_notebook(cells=cells)


def test_tags_follow_what_the_cell_shows() -> None:
    notebook = _hand_made()
    assert notebooks.tag_cells(notebook)
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells[1:]]
    assert tags == [
        ["remove-cell"],
        ["remove-cell"],
        ["nbval-check-output", "remove-cell"],
        ["hide-cell"],
        ["hide-input"],
        ["hide-input"],
        [],
        ["remove-input"],
    ]
    assert "tags" not in notebook.cells[0].metadata


def test_tagging_is_idempotent_and_recomputes_its_own_tags() -> None:
    notebook = _hand_made()
    notebooks.tag_cells(notebook)
    snapshot = nbformat.writes(notebook)
    assert not notebooks.tag_cells(notebook)
    assert nbformat.writes(notebook) == snapshot
    notebook.cells[1].outputs = [new_output("display_data", data={"image/png": "AA=="})]
    assert notebooks.tag_cells(notebook)
    assert notebook.cells[1].metadata["tags"] == ["hide-input"]


def test_cli_tags_files_but_not_teaching_notebooks(tmp_path: Path, capsys) -> None:
    plain, teaching = tmp_path / "ch9_x.ipynb", tmp_path / "teaching_x.ipynb"
    for path in (plain, teaching):
        nbformat.write(_hand_made(), path)
    before = teaching.read_text()
    assert notebooks.main(["--tag", str(plain), str(teaching)]) == 0
    assert "remove-cell" in plain.read_text()
    assert teaching.read_text() == before
    assert notebooks.main(["--tag", str(plain)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"unchanged {plain}"
