"""Fault injection through ``make``: each fault a careful user met, planted as they met it.

Every test copies the checkout's code and data into a temporary folder (with a cache seeded
from verified downloads and tables), plants one fault there, runs the make target (or the
entry point make calls) and checks the outcome: the last line before make's own is one line
naming the file or variable, the rule and the fix, and no traceback is printed anywhere; or,
for faults that are repaired, the target succeeds with a one-line warning.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caorder import paths, tables

ROOT = Path(tables.__file__).resolve().parents[2]
VENV = Path(sys.prefix)  # the venv running the tests: make uses it instead of building one
COPIED = ("src", "data", "tools", ".ci", "Makefile", "pyproject.toml", "_toc.yml")

OFFICIAL_HEADER = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,"
    "title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,"
    "total_non_voting,total_ms,undl_link"
)


def official(rows: list[tuple[str, str, str, str]]) -> str:
    """An official UNDL voting file: (undl_id, ms_code, ms_vote, date) per row."""
    lines = [OFFICIAL_HEADER]
    for undl_id, code, vote, date in rows:
        lines.append(
            f"{undl_id},{code},NAME {code},{vote},{date},79,A/RES/79/1,A/79/L.1,,79/1,"
            "Title,Agenda,Subjects,,1,1,0,0,193,https://digitallibrary.un.org/record/1"
        )
    return "\n".join(lines) + "\n"


GOOD_ROWS = [
    ("4076672", "KAZ", "A", "2025-02-24"),
    ("4076672", "RUS", "N", "2025-02-24"),
    ("4076672", "UKR", "Y", "2025-02-24"),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory, real_files) -> Path:
    """The checkout's code and data, and a cache of verified downloads and current tables."""
    root = tmp_path_factory.mktemp("template")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    for lock in ROOT.glob("requirements*.txt"):
        shutil.copy(lock, root / lock.name)
    tables.rollcalls(), tables.votes(), tables.ideal_points(), tables.duplicate_rollcalls()
    cache = root / ".cache"
    for key, local in real_files.items():
        (cache / "downloads" / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(local, cache / "downloads" / key)
    shutil.copytree(
        paths.cache_dir() / "tables", cache / "tables", ignore=shutil.ignore_patterns("*.lock")
    )
    return root


@pytest.fixture
def checkout(template, tmp_path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(template, root, symlinks=True)
    return root


def run(checkout: Path, *command: str, env: dict[str, str] | None = None):
    """Run a command in the copied checkout with its own code, cache and no mirror."""
    full = {
        **os.environ,
        "PYTHONPATH": str(checkout / "src"),
        paths.CACHE_ENV: str(checkout / ".cache"),
        **(env or {}),
    }
    full.pop(paths.MIRROR_ENV, None)
    if env and paths.MIRROR_ENV in env:
        full[paths.MIRROR_ENV] = env[paths.MIRROR_ENV]
    return subprocess.run(
        list(command),
        cwd=checkout,
        env=full,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def make(checkout: Path, target: str, env: dict[str, str] | None = None):
    base = getattr(sys, "_base_executable", sys.executable)  # the venv's own interpreter
    command = ["make", "--no-print-directory", f"PYTHON={base}", f"VENV={VENV}", target]
    return run(checkout, *command, env=env)


def inputs(checkout: Path, env: dict[str, str] | None = None):
    """The input check ``make data`` runs last (quicker than the whole target)."""
    return run(checkout, str(VENV / "bin" / "python"), "-m", "caorder.inputs", env=env)


def last_line(result: subprocess.CompletedProcess) -> str:
    """The last line the command printed before make's own "make: *** ..." line."""
    lines = [
        line
        for line in (result.stdout + "\n" + result.stderr).splitlines()
        if line.strip() and not line.startswith(("make: ", "make[")) and "Error 1" not in line
    ]
    return lines[-1] if lines else ""


def assert_one_line(result, *fragments: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    line = last_line(result)
    assert line.startswith("error: "), output[-3000:]
    for fragment in fragments:
        assert fragment in line, line
    errors = [x for x in output.splitlines() if x.startswith("error: ")]
    assert errors == [line], "exactly one error line"
    return line


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- the official UN Digital Library file (CAORDER_UNDL_CSV), through make data -------------

UNDL_FAULTS = {
    "missing-file": (None, ["CAORDER_UNDL_CSV", "not a file"]),
    "a-folder": ("folder", ["CAORDER_UNDL_CSV", "a folder"]),
    "empty": (b"", ["CAORDER_UNDL_CSV", "is empty"]),
    "latin-1": (
        official(GOOD_ROWS).replace("NAME KAZ", "CÔTE D'IVOIRE").encode("latin-1"),
        ["CAORDER_UNDL_CSV", "not UTF-8"],
    ),
    "header-only": ((OFFICIAL_HEADER + "\n").encode(), ["header but no vote rows"]),
    "missing-column": (
        official(GOOD_ROWS).replace("ms_vote", "vote").encode(),
        ["lacks the column(s) ['ms_vote']"],
    ),
    "unknown-vote-code": (
        official([*GOOD_ROWS[:2], ("4076672", "UKR", "Q", "2025-02-24")]).encode(),
        ["unknown vote code(s) ['Q']"],
    ),
    "non-numeric-undl-id": (
        official([("abc", "KAZ", "Y", "2025-02-24"), *GOOD_ROWS[1:]]).encode(),
        ["CAORDER_UNDL_CSV", "column undl_id: 'abc'", "line 2", "rule:"],
    ),
    "repeated-rows": (
        official([*GOOD_ROWS, GOOD_ROWS[0]]).encode(),
        ["repeated (undl_id, ms_code) rows"],
    ),
    "unknown-ms-code": (
        official([("4076672", "XYZ", "A", "2025-02-24"), *GOOD_ROWS[1:]]).encode(),
        ["CAORDER_UNDL_CSV", "column ms_code: 'XYZ'", "not a UN member", "rule:"],
    ),
    "impossible-date": (
        official([("4076672", "KAZ", "A", "2019-13-40"), *GOOD_ROWS[1:]]).encode(),
        ["CAORDER_UNDL_CSV", "column date: '2019-13-40'", "rule:"],
    ),
    "malformed-csv": (
        (official(GOOD_ROWS) + '4076672,"KAZ,unterminated\n').encode(),
        ["CAORDER_UNDL_CSV", "not a readable CSV"],
    ),
}


@pytest.mark.parametrize("fault", sorted(UNDL_FAULTS))
def test_undl_file_fault_is_one_line_from_the_input_check(tmp_path, monkeypatch, capsys, fault):
    """In process (the input check's ``main``, as make data runs it), one fault per case."""
    from caorder import inputs as input_check

    content, fragments = UNDL_FAULTS[fault]
    path = tmp_path / "undl.csv"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    monkeypatch.setenv("CAORDER_UNDL_CSV", str(path))
    code = input_check.main([])
    out, err = capsys.readouterr()
    result = subprocess.CompletedProcess([], code, out, err)
    assert_one_line(result, *fragments)


def test_undl_file_fault_is_one_line_from_make_data(checkout, tmp_path):
    path = tmp_path / "undl.csv"
    path.write_bytes(UNDL_FAULTS["unknown-ms-code"][0])
    result = make(checkout, "data", env={"CAORDER_UNDL_CSV": str(path)})
    assert_one_line(result, *UNDL_FAULTS["unknown-ms-code"][1])


def test_undl_fault_is_one_line_from_the_ledger_step_of_make_book(checkout, tmp_path):
    path = tmp_path / "undl.csv"
    path.write_bytes(official([("abc", "KAZ", "Y", "2025-02-24"), *GOOD_ROWS[1:]]).encode())
    result = run(
        checkout,
        str(VENV / "bin" / "python"),
        "-m",
        "caorder.ledger",
        "out/claims.json",
        env={"CAORDER_UNDL_CSV": str(path)},
    )
    assert_one_line(result, "CAORDER_UNDL_CSV", "undl_id")


def test_a_valid_undl_file_passes_make_data(checkout, tmp_path):
    path = tmp_path / "undl.csv"
    path.write_text(official(GOOD_ROWS), encoding="utf-8")
    result = inputs(checkout, env={"CAORDER_UNDL_CSV": str(path)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ok  CAORDER_UNDL_CSV: 1 roll calls" in result.stdout


# --- the claims register ----------------------------------------------------------------


def register_file(checkout: Path) -> Path:
    return sorted((checkout / "data" / "claims").glob("*.yml"))[0]


def test_duplicate_yaml_key_in_the_register_is_one_line(checkout):
    path = register_file(checkout)
    text = path.read_text(encoding="utf-8")
    first_entry_key = "  attribution:"
    position = text.index(first_entry_key)
    path.write_text(text[:position] + "  attribution: paper\n" + text[position:], encoding="utf-8")
    line = assert_one_line(make(checkout, "data"), path.name, "duplicate key 'attribution'")
    assert "line" in line and "rule:" in line


def test_unknown_evaluator_is_one_line_naming_the_file(checkout):
    path = register_file(checkout)
    text = path.read_text(encoding="utf-8")
    start = text.index("  evaluator: ") + len("  evaluator: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "ch1.no_such_test" + text[end:], encoding="utf-8")
    assert_one_line(inputs(checkout), path.name, "'ch1.no_such_test'", "rule:")


def test_an_empty_claims_file_is_one_line_naming_it(checkout):
    (checkout / "data" / "claims" / "zz_new_topic.yml").write_text("# to do\n", encoding="utf-8")
    assert_one_line(inputs(checkout), "zz_new_topic.yml", "holds no list of claims")


# --- curated data -------------------------------------------------------------------------


def test_impossible_summit_date_names_its_column(checkout):
    edit(checkout / "data" / "summits.csv", "2019-11-29,2019-11-29", "2019-13-40,2019-11-29")
    line = assert_one_line(make(checkout, "data"), "summits.csv", "line 3", "column start_date")
    assert "'2019-13-40'" in line and "valid date" in line and "end_date" not in line


@pytest.mark.parametrize("column", ["host", "partner"])
def test_unknown_iso3_as_summit_host_or_partner_is_one_line(checkout, column):
    path = checkout / "data" / "summits.csv"
    if column == "host":
        edit(path, ",Tashkent,UZB,", ",Tashkent,XYZ,")
    else:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if ",CHN," in line)
        lines[index] = lines[index].replace(",CHN,", ",XYZ,", 1)
        path.write_text("".join(lines), encoding="utf-8")
    assert_one_line(inputs(checkout), "summits.csv", f"{column} 'XYZ'", "rule:")


def test_unknown_iso3_in_memberships_is_one_line(checkout):
    path = checkout / "data" / "memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("KAZ,CIS,"))
    lines[index] = "XYZ" + lines[index][3:]
    path.write_text("".join(lines), encoding="utf-8")
    assert_one_line(inputs(checkout), "memberships.csv", f"line {index + 1}", "'XYZ'")


def test_overlapping_organisation_spells_are_one_line(checkout):
    path = checkout / "data" / "memberships.csv"
    edit(path, "UZB,CSTO,member,2006-06-23,2012-12-19", "UZB,CSTO,member,2006-06-23,2015-01-01")
    assert_one_line(inputs(checkout), "memberships.csv", "CSTO spells of UZB overlap")


# --- the cache ------------------------------------------------------------------------------


def test_a_folder_where_a_cached_table_should_be_is_replaced_by_make_data(checkout):
    copies = sorted((checkout / ".cache" / "tables").glob("rollcalls-*.parquet"))
    newest = max(copies, key=lambda path: path.stat().st_mtime)
    newest.unlink()
    newest.mkdir()
    (newest / "stray").write_text("x")
    result = make(checkout, "data")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    warnings = [x for x in result.stderr.splitlines() if newest.name in x]
    assert len(warnings) == 1 and "is a folder" in warnings[0]
    assert newest.is_file()


def test_a_read_only_cache_with_verified_files_still_serves_and_gets_no_kernel_files(checkout):
    cache = checkout / ".cache"
    files = [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    mode = {}
    for folder in [cache, *[p for p in cache.rglob("*") if p.is_dir()]]:
        mode[folder] = folder.stat().st_mode
        folder.chmod(0o555)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("this user (root?) can write to a read-only folder; chmod cannot plant it")
        result = make(checkout, "data")
        assert result.returncode == 0, result.stderr[-3000:]
    finally:
        for folder, bits in mode.items():
            folder.chmod(bits)
    assert sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock")) == (
        sorted(files)
    )


def test_the_notebook_runner_writes_no_kernel_files_into_the_data_cache(checkout):
    from caorder import notebooks

    env = notebooks.isolated_env(checkout)
    assert not str(env["MPLCONFIGDIR"]).startswith(str(paths.cache_dir()))
    assert "kernel-env" not in {p.name for p in (checkout / ".cache").iterdir()}


# --- entry points -------------------------------------------------------------------------


def test_the_notebook_runner_names_a_missing_notebook_in_one_line(checkout):
    result = run(checkout, str(VENV / "bin" / "python"), "-m", "caorder.notebooks", "no.ipynb")
    assert_one_line(result, "no.ipynb", "no such notebook")


def test_an_html_file_in_the_mirror_is_named_as_the_mirror_s(checkout, tmp_path):
    key = "undl-2025/unga_2025_resolutions.csv"
    mirror = tmp_path / "mirror"
    shutil.copytree(checkout / ".cache" / "downloads", mirror)
    (mirror / key).write_text("<!DOCTYPE html><html><body>Sign in</body></html>")
    (checkout / ".cache" / "downloads" / key).unlink()
    line = assert_one_line(make(checkout, "data", env={paths.MIRROR_ENV: str(mirror)}))
    assert f"the mirror copy {mirror / key} is an HTML page" in line
    assert "reachable" not in line


def test_ci_run_on_the_wrong_python_is_one_line(checkout, tmp_path):
    """python3.11 on PATH is another Python, and there is no pyenv: one line, no traceback."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("bash", "dirname", "ls", "sort"):
        found = shutil.which(tool)
        if found:
            (fake_bin / tool).symlink_to(found)
    fake = fake_bin / "python3.11"
    fake.write_text('#!/bin/sh\necho "Python 3.10.13"\nexit 1\n')
    fake.chmod(0o755)
    result = subprocess.run(
        ["bash", ".ci/run"],
        cwd=checkout,
        env={"PATH": str(fake_bin), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert_one_line(result, "Python 3.11", "pyenv install 3.11")
