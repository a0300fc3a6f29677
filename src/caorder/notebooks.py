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
``jupyter-book build``) computes the project fingerprint
(:func:`caorder.fingerprint.project_fingerprint`) of everything the notebooks read besides
their code -- the package source, ``data/``, the pinned-file checksums, the canonical
table version, the locked package versions and the environment variables that change
results -- and clears the execution cache when it differs from the fingerprint stored by
the last build marked current, or when a cached executed notebook differs from the copy
recorded then. ``--confirm-cache _build`` (run by ``make book`` after the build) takes the
fingerprint again and marks the build current only if no input changed while it ran, so no
page is served from a stale or edited execution.

Glued numbers are rounded to the precision the book shows (:func:`glue_number`), so that
re-executing on another machine does not change the notebook in the 16th digit.

``python -m caorder.notebooks --tag notebooks/*.ipynb`` only sets the cells' layout tags
(:func:`tag_cells`), so that the book shows prose and figures first; it executes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from caorder import paths
from caorder.errors import DataError, cli
from caorder.fingerprint import newest_input, project_fingerprint

#: Variables removed from the kernel's environment: they would load a user's own settings.
#: (MPLBACKEND would replace the kernel's inline backend, and figures would vanish.)
_USER_SETTINGS_ENV = ("PYTHONSTARTUP", "MATPLOTLIBRC", "MPLBACKEND", "JUPYTER_CONFIG_DIR")

_STAMP_NAME = ".jupyter_cache.fingerprint"


_BUILDING_NAME = ".jupyter_cache.building"
_MANIFEST_NAME = ".jupyter_cache.manifest"


def _cache_manifest(cache: Path) -> dict[str, str]:
    """sha256 of every executed notebook jupyter-cache holds, by path below ``cache``."""
    return {
        path.relative_to(cache).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(cache.glob("executed/**/*"))
        if path.is_file()
    }


def _unverified_entry(build_dir: Path) -> str | None:
    """The first cached execution that differs from the manifest of the last good build."""
    cache = build_dir / ".jupyter_cache"
    try:
        recorded = json.loads((build_dir / _MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "the manifest of cached executions is missing" if cache.exists() else None
    actual = _cache_manifest(cache) if cache.exists() else {}
    for name in sorted(set(recorded) | set(actual)):
        if recorded.get(name) != actual.get(name):
            return f"{cache / name} does not match the copy recorded when it was built"
    return None


def _clear(build_dir: Path) -> None:
    cache = build_dir / ".jupyter_cache"
    try:
        for stale in (cache, build_dir / ".doctrees"):
            if stale.exists():
                shutil.rmtree(stale)
        for name in (_STAMP_NAME, _MANIFEST_NAME):
            (build_dir / name).unlink(missing_ok=True)
    except OSError as err:
        raise DataError(
            f"cannot reset the execution cache {cache} ({paths.describe_oserror(err)}). "
            f"Delete {build_dir} by hand (make clean) and build again."
        ) from None


def check_cache(build_dir: Path, root: Path | None = None) -> bool:
    """Clear the execution cache and Sphinx's saved environment unless both are current.

    Current means: the fingerprint of the inputs equals the one stored by the last build that
    :func:`confirm_cache` marked current, and every executed notebook in jupyter-cache is
    byte for byte the one recorded then (an edited entry is never served). Both folders must
    go otherwise: jupyter-cache (``build_dir/.jupyter_cache``) would serve old outputs, and
    Sphinx (``build_dir/.doctrees``) re-reads, and so re-executes, only the pages whose own
    source changed. Returns True when they were cleared (or did not exist), False when current.
    Records the fingerprint and the start time for :func:`confirm_cache`.
    """
    fingerprint = project_fingerprint(root)
    stamp = build_dir / _STAMP_NAME
    current = stamp.is_file() and stamp.read_text(encoding="ascii").strip() == fingerprint
    problem = _unverified_entry(build_dir) if current else None
    if problem:
        print(f"warning: {problem}; clearing the execution cache", file=sys.stderr)
    if not current or problem:
        _clear(build_dir)
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        record = {"fingerprint": fingerprint, "started": time.time()}
        (build_dir / _BUILDING_NAME).write_text(json.dumps(record), encoding="ascii")
    except OSError as err:
        raise DataError(
            f"cannot write to the build folder {build_dir} ({paths.describe_oserror(err)}). "
            "Make it writable or delete it (make clean)."
        ) from None
    return not current or bool(problem)


def confirm_cache(build_dir: Path, root: Path | None = None) -> None:
    """Mark the build just finished current, if its inputs did not change while it ran.

    Run after ``jupyter-book build``: the fingerprint is taken again and every input file's
    modification time is compared with the start of the build. If anything changed (even an
    edit made and reverted), the build is not marked current, so the next one re-executes
    every page, and a :class:`DataError` says so. Otherwise the stamp and the manifest of the
    executed notebooks (checked by :func:`check_cache` before reuse) are written.
    """
    building = build_dir / _BUILDING_NAME
    try:
        record = json.loads(building.read_text(encoding="ascii"))
    except (OSError, ValueError):
        raise DataError(
            f"{building} is missing: run caorder.notebooks --check-cache {build_dir} before "
            "the build (make book does)."
        ) from None
    newest, which = newest_input(root)
    changed = project_fingerprint(root) != record["fingerprint"] or newest > record["started"]
    if changed:
        _clear(build_dir)
        building.unlink(missing_ok=True)
        name = which.name if which is not None else "an input"
        raise DataError(
            f"inputs changed while the book was built (latest: {name}); this build is not "
            "marked current and the next make book re-executes every page. Run make book again."
        )
    cache = build_dir / ".jupyter_cache"
    manifest = _cache_manifest(cache) if cache.exists() else {}
    (build_dir / _MANIFEST_NAME).write_text(json.dumps(manifest, indent=0), encoding="utf-8")
    (build_dir / _STAMP_NAME).write_text(record["fingerprint"] + "\n", encoding="ascii")
    building.unlink(missing_ok=True)


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


def _scratch_dir() -> Path:
    """The kernels' settings folder: ``_build/kernel-env`` (never the data cache, which may be
    read-only or shared), or a temporary folder when the checkout cannot be written."""
    folder = paths.repo_root() / "_build" / "kernel-env"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".writable"
        probe.touch()
        return folder
    except OSError:
        return Path(tempfile.gettempdir()) / f"caorder-kernel-env-{os.getuid()}"


def isolated_env(ipython_dir: Path, base: dict | None = None) -> dict[str, str]:
    """The environment for a notebook kernel: the caller's, minus a user's own settings.

    IPython reads its profile from ``ipython_dir`` (pass an empty folder); matplotlib reads
    the project's own settings folder (no ``matplotlibrc``; it only caches fonts) and keeps
    the kernel's default inline backend; string hashing is fixed.
    """
    env = dict(os.environ if base is None else base)
    for name in _USER_SETTINGS_ENV:
        env.pop(name, None)
    matplotlib_dir = _scratch_dir() / "matplotlib"
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m caorder.notebooks",
        description="Re-execute notebooks in place, tag their cells, or check the execution cache.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute")
    parser.add_argument(
        "--tag",
        action="store_true",
        help="only set the cells' layout tags (no execution; teaching notebooks untouched)",
    )
    parser.add_argument(
        "--check-cache",
        metavar="BUILD_DIR",
        type=Path,
        help="clear BUILD_DIR/.jupyter_cache if code, data or settings changed, then exit",
    )
    parser.add_argument(
        "--confirm-cache",
        metavar="BUILD_DIR",
        type=Path,
        help="after a build: mark it current unless its inputs changed while it ran",
    )
    return parser


@cli
def main(arguments: list[str]) -> int:
    """Execute every notebook named on the command line; stop at the first failure.

    With ``--tag``, set the layout tags of the named notebooks instead (no execution).
    """
    options = _parser().parse_args(arguments)
    if options.tag:
        for name in options.notebooks:
            print(f"{'tagged' if tag(name) else 'unchanged'} {name}")
        return 0
    if options.check_cache:
        cleared = check_cache(options.check_cache)
        state = "cleared (inputs changed)" if cleared else "current"
        print(f"execution cache {options.check_cache / '.jupyter_cache'}: {state}")
        return 0
    if options.confirm_cache:
        confirm_cache(options.confirm_cache)
        print(f"execution cache {options.confirm_cache / '.jupyter_cache'}: marked current")
        return 0
    for name in options.notebooks:
        if not name.is_file():
            raise DataError(f"{name}: no such notebook. Name an .ipynb file (notebooks/*.ipynb).")
        print(f"executing {name}")
        try:
            execute(name)
        except CellExecutionError as err:
            raise DataError(
                f"{name}: a cell raised {err.ename}: {err.evalue}; the notebook was not "
                "rewritten. Fix the cause (run it in Jupyter to see the cell) and rerun."
            ) from None
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
