"""Where the project lives on disk, and where downloaded data are cached.

The package is installed in editable mode from the repository, so the repository root is
found relative to this file. Two environment variables change the defaults:

``CAORDER_CACHE_DIR``
    Folder for downloaded files and converted tables (default: ``<repo>/.cache``, git-ignored).
``CAORDER_DATA_MIRROR``
    A local folder that mirrors the pinned files (``<mirror>/<dataset>/<file>``); when set,
    files are copied from there instead of downloaded. See :mod:`caorder.fetch`.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CAORDER_CACHE_DIR"
MIRROR_ENV = "CAORDER_DATA_MIRROR"


def repo_root() -> Path:
    """Return the repository root (the folder holding ``_toc.yml``)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "_toc.yml").exists():
        raise RuntimeError(
            f"caorder is not running from its repository checkout (no _toc.yml in {root}). "
            "Install it with `pip install -e .` from the repository root."
        )
    return root


def data_dir() -> Path:
    """Return the folder of curated, committed data tables (``<repo>/data``)."""
    return repo_root() / "data"


def cache_dir() -> Path:
    """Return the cache folder for downloads and converted tables, creating it if needed."""
    configured = os.environ.get(CACHE_ENV)
    path = Path(configured).expanduser() if configured else repo_root() / ".cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def mirror_dir() -> Path | None:
    """Return the local mirror folder named by ``CAORDER_DATA_MIRROR``, or ``None``."""
    configured = os.environ.get(MIRROR_ENV)
    return Path(configured).expanduser() if configured else None
