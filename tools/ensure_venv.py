"""Make the project's virtual environment match its lock, or say in one line how to.

Run by ``make env`` (and so by every make target) with the base interpreter, before any
project package exists, so it uses the standard library only::

    python3.11 tools/ensure_venv.py --venv .venv --lock requirements.txt --supported 3.11 3.12

It refuses an unsupported interpreter, naming the supported ones. A venv is current when its
stamp (``<venv>/.installed``, JSON) records the same interpreter, lock hash, pyproject hash
and listing of site-packages; when the listing changed (a package deleted or installed by
hand), it is also probed: ``pip check``, an import of the book's main modules,
and every installed distribution exactly as locked, nothing missing and nothing extra. A venv
that fails any check is deleted and rebuilt from the lock (``pip install --require-hashes``,
then the package in editable mode), which is what pip-sync would do, without the tool.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

STAMP = ".installed"
LOG = "install.log"
#: Imported by the probe: the package, the book build, the notebook tests and the data stack.
PROBE = (
    "import caorder.tables, caorder.verdicts, caorder.ledger, jupyter_book, myst_nb, nbval, "
    "pytest, xdist, pandas, numpy, scipy, matplotlib, pyarrow, pandera, pooch"
)
#: Installed distributions the lock does not list: the project itself and the installer.
UNLOCKED = {"caorder", "pip"}
#: The only change that needs just the project reinstalled, not the whole venv rebuilt.
PYPROJECT_CHANGED = "its pyproject.toml changed"


def _fail(message: str) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return 1


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock: Path) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` pin in a pip-compile lock."""
    pins = re.findall(
        r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", lock.read_text(), re.M
    )
    return {_normalise(name): version for name, version in pins}


def site_entries(venv: Path) -> list[str]:
    """Top-level entries of the venv's site-packages (packages, modules, dist-info folders).

    Deleting, installing or changing the version of a package changes this list; Python's own
    byte-code caches do not (``__pycache__`` is left out), so a quick run can rely on it.
    """
    found = []
    for site in sorted((venv / "lib").glob("python*/site-packages")):
        found += [entry.name for entry in site.iterdir() if entry.name != "__pycache__"]
    return sorted(found)


def wanted_stamp(lock: Path, pyproject: Path) -> dict[str, str]:
    """What the stamp of a current venv records (its package listing is added on write)."""
    return {
        "python": ".".join(map(str, sys.version_info[:3])),
        "executable": str(Path(sys.executable).resolve()),
        "lock": lock.name,
        "lock_sha256": _sha256(lock),
        "pyproject_sha256": _sha256(pyproject),
    }


def _run(venv: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(venv / "bin" / "python"), *args], capture_output=True, text=True, check=False
    )


def _installed(venv: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json; "
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    result = _run(venv, "-c", code)
    if result.returncode:
        return {}
    return {_normalise(name): version for name, version in json.loads(result.stdout).items()}


def deep_problem(venv: Path, lock: Path) -> str | None:
    """Why the venv's packages do not match the lock (None when they do)."""
    check = _run(venv, "-m", "pip", "check")
    if check.returncode:
        first = (check.stdout or check.stderr).strip().splitlines()[:1]
        return f"pip check fails ({first[0] if first else 'no output'})"
    probe = _run(venv, "-c", PROBE)
    if probe.returncode:
        last = probe.stderr.strip().splitlines()[-1:] or ["no output"]
        return f"the import probe fails ({last[0]})"
    installed = _installed(venv)
    locked = locked_versions(lock)
    differ = sorted(name for name, version in locked.items() if installed.get(name) != version)
    extra = sorted(set(installed) - set(locked) - UNLOCKED)
    if differ:
        return f"{len(differ)} package(s) not as locked in {lock.name}, e.g. {differ[0]}"
    if extra:
        return f"{len(extra)} package(s) installed that {lock.name} does not list, e.g. {extra[0]}"
    return None


def _venv_python(venv: Path) -> str:
    result = _run(venv, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])")
    return result.stdout.strip() if result.returncode == 0 else "none"


def problem(venv: Path, lock: Path, pyproject: Path) -> str | None:
    """Why the venv is not current (None when it is): stamp first, then a deep check.

    A venv without a valid stamp (made by an older Makefile) is kept when its interpreter is
    this one and the deep check passes; a venv that passes a deep check gets its stamp
    refreshed, so the next run is quick.
    """
    stamp = venv / STAMP
    if not (venv / "bin" / "python").exists():
        return "it does not exist yet" if not venv.exists() else "it has no interpreter"
    wanted = wanted_stamp(lock, pyproject)
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        recorded = None
    if recorded is None:
        if _venv_python(venv) != wanted["python"]:
            return f"it runs Python {_venv_python(venv)}, not {wanted['python']}"
        why = deep_problem(venv, lock)
        if why is None:
            write_stamp(venv, lock, pyproject)
        return why
    for key, label in (
        ("python", "Python"),
        ("executable", "interpreter"),
        ("lock_sha256", f"lock {lock.name}"),
    ):
        if recorded.get(key) != wanted[key]:
            return f"its {label} changed ({recorded.get(key, 'none')!s:.16} -> {wanted[key]:.16})"
    if recorded.get("pyproject_sha256") != wanted["pyproject_sha256"]:
        return PYPROJECT_CHANGED
    if recorded.get("site_entries") == site_entries(venv):
        return None
    why = deep_problem(venv, lock)
    if why is None:
        write_stamp(venv, lock, pyproject)
    return why


def write_stamp(venv: Path, lock: Path, pyproject: Path) -> None:
    """Record interpreter, lock, pyproject and the package listing of a venv that is current."""
    stamp = {**wanted_stamp(lock, pyproject), "site_entries": site_entries(venv)}
    (venv / STAMP).write_text(json.dumps(stamp, indent=1) + "\n")


def reinstall_project(venv: Path, lock: Path, pyproject: Path) -> int:
    """Reinstall only the project in editable mode (its metadata changed), then restamp."""
    step = [
        str(venv / "bin/python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        str(pyproject.parent),
    ]
    done = subprocess.run(step, capture_output=True, text=True, check=False)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return _fail(f"reinstalling the project into {venv} failed ({last}); run make env again.")
    write_stamp(venv, lock, pyproject)
    return 0


def build(venv: Path, lock: Path, pyproject: Path) -> int:
    """Delete and rebuild the venv from the lock; one line on failure (log kept)."""
    log_path = venv.parent / f"{venv.name}-{LOG}"
    shutil.rmtree(venv, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(venv / "bin/python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--require-hashes",
            "-r",
            str(lock),
        ],
        [
            str(venv / "bin/python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-e",
            str(pyproject.parent),
        ],
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        for step in steps:
            log.write("$ " + " ".join(step) + "\n")
            log.flush()
            if subprocess.run(step, stdout=log, stderr=subprocess.STDOUT, check=False).returncode:
                shutil.rmtree(venv, ignore_errors=True)
                return _fail(
                    f"installing {venv} from {lock.name} failed at `{' '.join(step[2:5])}`; "
                    f"the venv was removed. See {log_path} (no network? set PIP_INDEX_URL or "
                    "PIP_FIND_LINKS), then run make env again."
                )
    write_stamp(venv, lock, pyproject)
    log_path.unlink(missing_ok=True)
    print(
        f"{venv}: installed from {lock.name} with Python {wanted_stamp(lock, pyproject)['python']}"
    )
    return 0


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, required=True)
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"))
    parser.add_argument("--supported", nargs="+", required=True)
    options = parser.parse_args(arguments)
    version = ".".join(map(str, sys.version_info[:2]))
    if version not in options.supported:
        return _fail(
            f"{sys.executable} is Python {version}; the book supports Python "
            f"{', '.join(options.supported)}. Install one and run make PYTHON=python3.X "
            "(a full path works too)."
        )
    if not options.lock.is_file():
        return _fail(
            f"there is no lock {options.lock} for Python {version}. Run make "
            f"PYTHON={sys.executable} lock to create it, or use a supported Python that has one."
        )
    why = problem(options.venv, options.lock, options.pyproject)
    if why is None:
        return 0
    if why == PYPROJECT_CHANGED:
        print(f"{options.venv}: {why}; reinstalling the project package")
        return reinstall_project(options.venv, options.lock, options.pyproject)
    print(f"{options.venv}: {why}; rebuilding it from {options.lock.name}")
    return build(options.venv, options.lock, options.pyproject)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
