"""The environment repairs itself: ``tools/ensure_venv.py`` (run by ``make env``).

An unsupported interpreter or a missing lock is one line naming the fix; a venv whose
stamp records another interpreter, lock or pyproject, or whose packages changed after the
stamp and no longer pass the checks, is reported as not current (and so rebuilt).
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "ensure_venv.py"
sys.path.insert(0, str(TOOL.parent))
import ensure_venv  # noqa: E402


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_an_unsupported_python_is_one_line_naming_the_supported_ones(tmp_path):
    result = run_tool(
        "--venv", str(tmp_path / "v"), "--lock", "requirements.txt", "--supported", "3.98", "3.99"
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "supports Python 3.98, 3.99" in lines[0] and "make PYTHON=" in lines[0]
    assert not (tmp_path / "v").exists(), "nothing is created for an unsupported interpreter"


def test_a_missing_lock_is_one_line_naming_make_lock(tmp_path):
    version = ".".join(map(str, sys.version_info[:2]))
    result = run_tool(
        "--venv", str(tmp_path / "v"), "--lock", str(tmp_path / "none.txt"), "--supported", version
    )
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "no lock" in result.stderr and "lock to create it" in result.stderr


@pytest.fixture
def bare_venv(tmp_path) -> tuple[Path, Path, Path]:
    """A venv without pip (quick to make), a one-pin lock and a pyproject, stamped current."""
    where = tmp_path / "v"
    venv.create(where, with_pip=False)
    lock = tmp_path / "lock.txt"
    lock.write_text("demo==1.0 \\\n    --hash=sha256:00\n")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'demo'\n")
    ensure_venv.write_stamp(where, lock, pyproject)
    return where, lock, pyproject


def test_a_stamped_untouched_venv_is_current(bare_venv):
    assert ensure_venv.problem(*bare_venv) is None


@pytest.mark.parametrize("changed", ["lock", "pyproject", "python"])
def test_a_changed_lock_pyproject_or_interpreter_is_not_current(bare_venv, changed):
    where, lock, pyproject = bare_venv
    if changed == "lock":
        lock.write_text(lock.read_text().replace("1.0", "1.1"))
    elif changed == "pyproject":
        pyproject.write_text(pyproject.read_text() + "version = '2'\n")
    else:
        stamp = json.loads((where / ensure_venv.STAMP).read_text())
        (where / ensure_venv.STAMP).write_text(json.dumps({**stamp, "python": "3.9.0"}))
    assert "changed" in ensure_venv.problem(where, lock, pyproject)  # rebuilt or reinstalled


def test_packages_changed_after_the_stamp_are_checked_again(bare_venv):
    where, lock, pyproject = bare_venv
    (site,) = (where / "lib").glob("python*/site-packages")
    (site / "pooch").mkdir()  # a package installed by hand (or one deleted)
    assert "pip check fails" in ensure_venv.problem(where, lock, pyproject)


def test_byte_code_caches_do_not_count_as_a_changed_venv(bare_venv):
    where, lock, pyproject = bare_venv
    (site,) = (where / "lib").glob("python*/site-packages")
    (site / "__pycache__").mkdir(exist_ok=True)  # what the first run of Python writes
    assert ensure_venv.problem(where, lock, pyproject) is None


def test_a_venv_without_a_stamp_of_another_python_is_not_current(bare_venv, monkeypatch):
    where, lock, pyproject = bare_venv
    (where / ensure_venv.STAMP).unlink()
    monkeypatch.setattr(ensure_venv, "_venv_python", lambda _: "3.9.0")
    assert "runs Python 3.9.0" in ensure_venv.problem(where, lock, pyproject)


def test_locked_versions_reads_every_pin_with_markers_and_extras(tmp_path):
    lock = tmp_path / "lock.txt"
    lock.write_text(
        "numpy==2.4.6 \\\n    --hash=sha256:aa\n"
        'setuptools==80.9.0 ; python_version >= "3.12" \\\n    --hash=sha256:bb\n'
        "jsonschema[format]==4.26.0 \\\n    # via -r requirements.in\n"
    )
    assert ensure_venv.locked_versions(lock) == {
        "numpy": "2.4.6",
        "setuptools": "80.9.0",
        "jsonschema": "4.26.0",
    }


def test_every_lock_of_the_repository_pins_the_same_direct_dependencies():
    locks = [ROOT / "requirements.txt", *sorted(ROOT.glob("requirements-py3.*.txt"))]
    assert len(locks) == 3, "one lock per supported Python: 3.11, 3.12, 3.13"
    direct = [
        line.split("==")[0].split()[0].lower()
        for line in (ROOT / "requirements.in").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    ]
    for lock in locks:
        pins = ensure_venv.locked_versions(lock)
        assert all(name in pins for name in direct), lock.name
