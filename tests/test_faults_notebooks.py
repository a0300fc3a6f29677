"""Fault injection: stale execution cache, a user's IPython profile, unstable glued floats.

- Jupyter Book's execution cache is keyed on code cells only; the project fingerprint
  (:func:`caorder.fingerprint.project_fingerprint`) must change when a curated value, the
  package source or a result-changing environment variable changes, and
  :func:`check_cache` must then clear the cache.
- A notebook executed twice gives byte-identical files, and a user's IPython startup file
  (a pandas ``display.precision``) does not change its outputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from caorder import fingerprint, notebooks
from caorder.errors import DataError

# --- the execution cache ----------------------------------------------------------------


@pytest.fixture
def fake_repo(tmp_path) -> Path:
    """A minimal copy of what notebooks depend on: package source, data, lock."""
    root = tmp_path / "repo"
    (root / "src" / "caorder").mkdir(parents=True)
    (root / "src" / "caorder" / "measure.py").write_text("SCALE = 1\n", encoding="utf-8")
    (root / "data" / "claims").mkdir(parents=True)
    (root / "data" / "members.csv").write_text("iso3,member_from\nKAZ,1992-03-02\n", "utf-8")
    (root / "data" / "claims" / "c1.yml").write_text("- id: C1.1\n", encoding="utf-8")
    (root / "requirements.txt").write_text("pandas==3.1.1\n", encoding="utf-8")
    return root


def test_fingerprint_is_stable_when_nothing_changes(fake_repo):
    env = {"CAORDER_UNDL_CSV": ""}
    assert fingerprint.project_fingerprint(fake_repo, env) == fingerprint.project_fingerprint(
        fake_repo, env
    )


@pytest.mark.parametrize(
    "change",
    ["curated-row", "claims-file", "package-source", "new-data-file", "lock"],
)
def test_fingerprint_changes_with_every_input(fake_repo, change):
    before = fingerprint.project_fingerprint(fake_repo, {})
    edits = {
        "curated-row": ("data/members.csv", "iso3,member_from\nKAZ,1992-03-03\n"),
        "claims-file": ("data/claims/c1.yml", "- id: C1.2\n"),
        "package-source": ("src/caorder/measure.py", "SCALE = 2\n"),
        "new-data-file": ("data/extra.csv", "x\n1\n"),
        "lock": ("requirements.txt", "pandas==3.1.2\n"),
    }
    name, text = edits[change]
    (fake_repo / name).write_text(text, encoding="utf-8")
    assert fingerprint.project_fingerprint(fake_repo, {}) != before


def test_fingerprint_follows_the_undl_variable_and_the_file_it_names(fake_repo, tmp_path):
    undl = tmp_path / "undl.csv"
    undl.write_text("a\n1\n", encoding="utf-8")
    unset = fingerprint.project_fingerprint(fake_repo, {})
    set_once = fingerprint.project_fingerprint(fake_repo, {"CAORDER_UNDL_CSV": str(undl)})
    undl.write_text("a\n2\n", encoding="utf-8")
    edited = fingerprint.project_fingerprint(fake_repo, {"CAORDER_UNDL_CSV": str(undl)})
    assert len({unset, set_once, edited}) == 3


def test_changed_curated_value_clears_the_execution_cache(fake_repo, tmp_path):
    build = tmp_path / "_build"
    executed = build / ".jupyter_cache" / "executed" / "page.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text("{}", encoding="utf-8")
    assert notebooks.check_cache(build, fake_repo) is True  # first build: no stamp yet
    executed.parent.mkdir(parents=True)
    executed.write_text("{}", encoding="utf-8")
    environment = build / ".doctrees" / "environment.pickle"
    environment.parent.mkdir(parents=True)
    environment.write_bytes(b"sphinx")
    notebooks.confirm_cache(build, fake_repo)  # the build finished with unchanged inputs
    assert notebooks.check_cache(build, fake_repo) is False  # nothing changed: kept
    assert executed.exists() and environment.exists()
    (fake_repo / "data" / "members.csv").write_text("iso3,member_from\nKAZ,1992-03-03\n", "utf-8")
    assert notebooks.check_cache(build, fake_repo) is True
    # Both go: Sphinx re-reads only changed sources, so its environment must be cleared too.
    assert not (build / ".jupyter_cache").exists()
    assert not (build / ".doctrees").exists()


def _built(build: Path, repo: Path) -> Path:
    """A build that finished and was marked current, with one cached execution."""
    notebooks.check_cache(build, repo)
    executed = build / ".jupyter_cache" / "executed" / "ab12" / "base.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text('{"outputs": "represented at 100 % of the 17"}', encoding="utf-8")
    notebooks.confirm_cache(build, repo)
    return executed


def test_an_edited_cached_execution_is_never_served(fake_repo, tmp_path, capsys):
    build = tmp_path / "_build"
    executed = _built(build, fake_repo)
    executed.write_text('{"outputs": "represented at 40 % of the 17"}', encoding="utf-8")
    assert notebooks.check_cache(build, fake_repo) is True
    assert not executed.exists(), "the edited entry is cleared, so the page is re-executed"
    err = capsys.readouterr().err
    assert "base.ipynb does not match" in err and len(err.strip().splitlines()) == 1


def test_an_added_cached_execution_is_not_served_either(fake_repo, tmp_path):
    build = tmp_path / "_build"
    executed = _built(build, fake_repo)
    (executed.parent.parent / "cd34").mkdir()
    (executed.parent.parent / "cd34" / "base.ipynb").write_text("{}", encoding="utf-8")
    assert notebooks.check_cache(build, fake_repo) is True


def test_a_data_edit_during_the_build_then_reverted_is_not_marked_current(fake_repo, tmp_path):
    build = tmp_path / "_build"
    _built(build, fake_repo)
    members = fake_repo / "data" / "members.csv"
    original = members.read_text(encoding="utf-8")
    assert notebooks.check_cache(build, fake_repo) is False  # the next build starts current
    members.write_text(original.replace("1992-03-02", "1992-03-03"), encoding="utf-8")
    # ... pages are executed from the edited data while the build runs ...
    with pytest.raises(DataError, match=r"inputs changed while the book was built.*members\.csv"):
        notebooks.confirm_cache(build, fake_repo)
    members.write_text(original, encoding="utf-8")  # reverted after the build
    assert notebooks.check_cache(build, fake_repo) is True, "pages from the edit are not reused"


def test_an_edit_made_and_reverted_during_the_build_is_caught_by_its_time(fake_repo, tmp_path):
    build = tmp_path / "_build"
    _built(build, fake_repo)
    notebooks.check_cache(build, fake_repo)
    members = fake_repo / "data" / "members.csv"
    members.write_text(members.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes
    with pytest.raises(DataError, match="not marked current"):
        notebooks.confirm_cache(build, fake_repo)


def test_check_cache_command_line(tmp_path):
    assert notebooks.main(["--check-cache", str(tmp_path / "_build")]) == 0
    assert notebooks.main(["--confirm-cache", str(tmp_path / "_build")]) == 0
    assert (tmp_path / "_build" / ".jupyter_cache.fingerprint").is_file()


# --- reproducible execution -------------------------------------------------------------


def small_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import pandas as pd\n"
            "from caorder.notebooks import glue_number\n"
            "share = glue_number('demo-share', 0.1 + 0.2, 3)\n"
            "print(share)"
        ),
        nbformat.v4.new_code_cell("pd.DataFrame({'third': [1 / 3], 'key': ['a']})"),
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.show()"
        ),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, path)
    return path


def test_a_notebook_executed_twice_is_byte_identical_despite_a_user_profile(tmp_path, monkeypatch):
    hostile = tmp_path / "user-ipython"
    startup = hostile / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-precision.py").write_text(
        "import pandas as pd\npd.set_option('display.precision', 2)\n", encoding="utf-8"
    )
    monkeypatch.setenv("IPYTHONDIR", str(hostile))
    monkeypatch.setenv("PYTHONSTARTUP", str(startup / "00-precision.py"))
    monkeypatch.setenv("MPLBACKEND", "Agg")  # a user's backend would hide inline figures
    first = small_notebook(tmp_path / "first.ipynb")
    notebooks.execute(first)
    once = first.read_bytes()
    notebooks.execute(first)
    assert first.read_bytes() == once
    cells = nbformat.read(first, as_version=4).cells
    printed = [out["text"] for out in cells[0].outputs if out["output_type"] == "stream"]
    assert printed == ["0.3\n"]  # 0.30000000000000004, rounded before glue
    assert "0.333333" in cells[1].outputs[0]["data"]["text/plain"]  # not the user's 0.33
    assert any("image/png" in out.get("data", {}) for out in cells[2].outputs), "figure lost"
    copy = tmp_path / "copy.ipynb"
    shutil.copyfile(first, copy)
    notebooks.execute(copy)
    assert copy.read_bytes() == once


def test_glue_number_rounds_to_the_digits_shown(monkeypatch):
    glued = {}
    monkeypatch.setattr("myst_nb.glue", lambda key, value, display: glued.update({key: value}))
    assert notebooks.glue_number("a", 0.1 + 0.2, 3) == 0.3
    assert notebooks.glue_number("b", 41.6, 0) == 42 and isinstance(glued["b"], int)
    assert str(notebooks.glue_number("c", -0.0001, 2)) == "0.0"
    assert glued == {"a": 0.3, "b": 42, "c": 0.0}
