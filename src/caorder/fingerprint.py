"""One fingerprint of everything a computed result depends on.

A cached result (a claim's evidence, an executed notebook) may be served only while nothing
it was computed from has changed: the package's code, the curated data in ``data/``, the
pinned third-party files (by their checksums), the canonical tables' conversion version and
the environment variables that select data. :func:`project_fingerprint` hashes all of them,
so any change gives a new fingerprint and the stale result is never found.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from caorder import paths

#: Environment variables that change what the analyses read.
DATA_ENV_VARS = ("CAORDER_UNDL_CSV",)


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def project_fingerprint() -> str:
    """A 16-hex-digit hash of code, curated data, pinned checksums and data variables."""
    from caorder.fetch import PINNED_FILES  # late import: fetch imports paths only
    from caorder.tables import TABLES_VERSION

    root = paths.repo_root()
    digest = hashlib.sha256(TABLES_VERSION.encode())
    for path in _files(root / "src" / "caorder", "*.py") + _files(paths.data_dir(), "*"):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for key in sorted(PINNED_FILES):
        digest.update(f"{key}={PINNED_FILES[key].sha256}".encode())
    for name in DATA_ENV_VARS:
        value = os.environ.get(name, "")
        digest.update(f"{name}={value}".encode())
        if value and Path(value).is_file():
            stat = Path(value).stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
