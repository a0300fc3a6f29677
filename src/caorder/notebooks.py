"""Re-execute the book's notebooks reproducibly, and keep the book's execution cache honest.

``python -m caorder.notebooks notebooks/*.ipynb`` (or ``make notebooks``) runs each notebook
top to bottom in its own folder with the current Python environment and writes it back
without execution timestamps, so that a rerun on unchanged code and data gives an
identical file and ``git diff`` shows only real changes. The kernel runs in an isolated
environment (:func:`isolated_env`): an empty IPython directory and matplotlib configuration,
so a user's startup files (say, a pandas ``display.precision``) cannot change outputs. nbval
then re-executes the committed notebooks in the test suite and compares the checked outputs.

Jupyter Book's execution cache (jupyter-cache in ``_build/.jupyter_cache``) is keyed on code
cells only. ``python -m caorder.notebooks --check-cache _build`` (run by ``make book`` before
``jupyter-book build``) computes :func:`build_fingerprint` of everything the notebooks read
besides their code -- the package source, ``data/``, the pinned-file checksums, the canonical
table version, the locked package versions and the environment variables that change
results -- and clears the execution cache when it differs from the fingerprint stored beside
it, so no page is served from a stale execution.

Glued numbers are rounded to the precision the book shows (:func:`glue_number`), so that
re-executing on another machine does not change the notebook in the 16th digit.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import nbformat
from nbclient import NotebookClient

from caorder import paths
from caorder.errors import DataError, cli

#: Environment variables whose values change what the notebooks compute. A variable that
#: names a file also contributes the file's bytes. The data mirror is not here: it holds the
#: same checksummed bytes as the download.
RESULT_ENV_VARS = ("CAORDER_UNDL_CSV",)

#: Variables removed from the kernel's environment: they would load a user's own settings.
#: (MPLBACKEND would replace the kernel's inline backend, and figures would vanish.)
_USER_SETTINGS_ENV = ("PYTHONSTARTUP", "MATPLOTLIBRC", "MPLBACKEND", "JUPYTER_CONFIG_DIR")

_STAMP_NAME = ".jupyter_cache.fingerprint"


def _hash_tree(digest: Any, root: Path, folder: Path, pattern: str) -> None:
    """Feed every file under ``folder`` matching ``pattern`` (path and bytes) into ``digest``."""
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


def build_fingerprint(root: Path | None = None, environ: dict | None = None) -> str:
    """A sha256 of everything executed notebooks depend on besides their code cells.

    Covers ``src/caorder/**/*.py``, every file under ``data/``, ``requirements.txt``, the
    pinned-file checksums, :data:`caorder.tables.TABLES_VERSION` and the values of
    :data:`RESULT_ENV_VARS` (with the bytes of the file each names, if any).
    """
    from caorder.fetch import PINNED_FILES  # imported here: the CLI must start quickly
    from caorder.tables import TABLES_VERSION

    root = root or paths.repo_root()
    environ = os.environ if environ is None else environ
    digest = hashlib.sha256(f"tables {TABLES_VERSION}\0".encode())
    for key in sorted(PINNED_FILES):
        digest.update(f"{key} {PINNED_FILES[key].sha256}\0".encode())
    _hash_tree(digest, root, root / "src" / "caorder", "*.py")
    _hash_tree(digest, root, root / "data", "*")
    lock = root / "requirements.txt"
    digest.update(lock.read_bytes() if lock.is_file() else b"no lock")
    for name in RESULT_ENV_VARS:
        value = environ.get(name, "")
        digest.update(f"\0{name}={value}\0".encode())
        if value and Path(value).expanduser().is_file():
            digest.update(Path(value).expanduser().read_bytes())
    return digest.hexdigest()


def check_cache(build_dir: Path, root: Path | None = None) -> bool:
    """Clear ``build_dir/.jupyter_cache`` if the inputs changed since it was filled.

    Returns True when the cache was cleared (or did not match), False when it is current.
    The new fingerprint is stored in ``build_dir/.jupyter_cache.fingerprint``.
    """
    fingerprint = build_fingerprint(root)
    stamp = build_dir / _STAMP_NAME
    cache = build_dir / ".jupyter_cache"
    if stamp.is_file() and stamp.read_text(encoding="ascii").strip() == fingerprint:
        return False
    try:
        if cache.exists():
            shutil.rmtree(cache)
        build_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint + "\n", encoding="ascii")
    except OSError as err:
        raise DataError(
            f"cannot reset the execution cache {cache} ({paths.describe_oserror(err)}). "
            f"Delete {build_dir} by hand (make clean) and build again."
        ) from None
    return True


def glue_number(key: str, value: float, digits: int) -> float | int:
    """Glue ``value`` under ``key`` rounded to ``digits`` decimals (ints for ``digits=0``).

    Rounding before glue keeps the stored value identical across machines (no 1e-16 noise)
    and equal to what the page shows. Returns the rounded value.
    """
    from myst_nb import glue  # imported here: only notebooks need it

    rounded = round(float(value), digits)
    number: float | int = int(rounded) if digits <= 0 else rounded + 0.0  # no "-0.0"
    glue(key, number, display=False)
    return number


def isolated_env(ipython_dir: Path, base: dict | None = None) -> dict[str, str]:
    """The environment for a notebook kernel: the caller's, minus a user's own settings.

    IPython reads its profile from ``ipython_dir`` (pass an empty folder); matplotlib reads
    the project's own settings folder (no ``matplotlibrc``; it only caches fonts) and keeps
    the kernel's default inline backend; string hashing is fixed.
    """
    env = dict(os.environ if base is None else base)
    for name in _USER_SETTINGS_ENV:
        env.pop(name, None)
    matplotlib_dir = paths.cache_dir() / "kernel-env" / "matplotlib"
    matplotlib_dir.mkdir(parents=True, exist_ok=True)
    (matplotlib_dir / "matplotlibrc").unlink(missing_ok=True)
    env.update(
        IPYTHONDIR=str(ipython_dir),
        MPLCONFIGDIR=str(matplotlib_dir),
        PYTHONHASHSEED="0",
    )
    return env


@contextmanager
def _empty_ipython_dir() -> Iterator[Path]:
    """A fresh, empty IPython directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="caorder-ipython-") as folder:
        yield Path(folder)


def execute(path: Path, timeout: int = 600) -> None:
    """Execute the notebook at ``path`` in place, deterministically, in an isolated kernel."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with _empty_ipython_dir() as ipython_dir:
        client.execute(env=isolated_env(ipython_dir))
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m caorder.notebooks",
        description="Re-execute notebooks in place, or check the book's execution cache.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute")
    parser.add_argument(
        "--check-cache",
        metavar="BUILD_DIR",
        type=Path,
        help="clear BUILD_DIR/.jupyter_cache if code, data or settings changed, then exit",
    )
    return parser


@cli
def main(arguments: list[str]) -> int:
    """Execute every notebook named on the command line; stop at the first failure."""
    options = _parser().parse_args(arguments)
    if options.check_cache:
        cleared = check_cache(options.check_cache)
        state = "cleared (inputs changed)" if cleared else "current"
        print(f"execution cache {options.check_cache / '.jupyter_cache'}: {state}")
        return 0
    for name in options.notebooks:
        print(f"executing {name}")
        execute(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
