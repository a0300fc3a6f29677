"""One fingerprint of everything a computed result depends on besides its own code cell.

A cached result (a claim's evidence, an executed notebook) may be served only while nothing
it was computed from has changed: the package's code, the curated data in ``data/``, the
locked package versions (``requirements.txt``), the pinned third-party files (by their
checksums), the canonical tables' conversion version and the environment variables that
change results. :func:`project_fingerprint` hashes all of them, so any change gives a new
fingerprint and the stale result is never found. The evidence cache
(:mod:`caorder.verdicts.cache`) and the book's execution cache
(:func:`caorder.notebooks.check_cache`) both key on it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from caorder import paths

#: Environment variables whose values change what the analyses compute. A variable that
#: names a file also contributes the file's bytes. The data mirror is not here: it holds the
#: same checksummed bytes as the download.
RESULT_ENV_VARS = ("CAORDER_UNDL_CSV",)


def input_files(root: Path | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Every file :func:`project_fingerprint` reads, in the order it reads them."""
    root = root or paths.repo_root()
    environ = os.environ if environ is None else environ
    files = []
    for folder, pattern in ((root / "src" / "caorder", "*.py"), (root / "data", "*")):
        files += [
            path
            for path in sorted(folder.rglob(pattern))
            if path.is_file() and "__pycache__" not in path.parts
        ]
    lock = root / "requirements.txt"
    files += [lock] if lock.is_file() else []
    for name in RESULT_ENV_VARS:
        value = environ.get(name, "")
        if value and Path(value).expanduser().is_file():
            files.append(Path(value).expanduser())
    return files


def project_fingerprint(root: Path | None = None, environ: Mapping[str, str] | None = None) -> str:
    """A sha256 (hex) of code, curated data, locked versions, pinned checksums and settings."""
    from caorder.fetch import PINNED_FILES  # imported here: command lines must start quickly
    from caorder.tables import TABLES_VERSION

    root = root or paths.repo_root()
    environ = os.environ if environ is None else environ
    digest = hashlib.sha256(f"tables {TABLES_VERSION}\0".encode())
    for key in sorted(PINNED_FILES):
        digest.update(f"{key} {PINNED_FILES[key].sha256}\0".encode())
    tree = [path for path in input_files(root, {}) if path.name != "requirements.txt"]
    for path in tree:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    lock = root / "requirements.txt"
    digest.update(lock.read_bytes() if lock.is_file() else b"no lock")
    for name in RESULT_ENV_VARS:
        value = environ.get(name, "")
        digest.update(f"\0{name}={value}\0".encode())
        if value and Path(value).expanduser().is_file():
            digest.update(Path(value).expanduser().read_bytes())
    return digest.hexdigest()


def newest_input(
    root: Path | None = None, environ: Mapping[str, str] | None = None
) -> tuple[float, Path | None]:
    """The latest modification time among :func:`input_files`, and that file."""
    newest, which = 0.0, None
    for path in input_files(root, environ):
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if mtime > newest:
            newest, which = mtime, path
    return newest, which
