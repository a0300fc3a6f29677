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
from typing import Any

from caorder import paths

#: Environment variables whose values change what the analyses compute. A variable that
#: names a file also contributes the file's bytes. The data mirror is not here: it holds the
#: same checksummed bytes as the download.
RESULT_ENV_VARS = ("CAORDER_UNDL_CSV",)


def _hash_tree(digest: Any, root: Path, folder: Path, pattern: str) -> None:
    """Feed every file under ``folder`` matching ``pattern`` (path and bytes) into ``digest``."""
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


def project_fingerprint(root: Path | None = None, environ: Mapping[str, str] | None = None) -> str:
    """A sha256 (hex) of code, curated data, locked versions, pinned checksums and settings."""
    from caorder.fetch import PINNED_FILES  # imported here: command lines must start quickly
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
