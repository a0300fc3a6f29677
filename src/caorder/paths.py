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

import errno
import os
from pathlib import Path

from caorder.errors import DataError

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
    """Return the cache folder for downloads and converted tables, creating it if needed.

    Raises :class:`DataError` naming ``CAORDER_CACHE_DIR`` when the folder cannot be created.
    """
    configured = os.environ.get(CACHE_ENV)
    path = Path(configured).expanduser() if configured else repo_root() / ".cache"
    where = f"{CACHE_ENV}={configured}" if configured else f"the default cache folder {path}"
    if path.exists() and not path.is_dir():
        raise DataError(
            f"{where} is a file, not a folder. Remove the file or set {CACHE_ENV} to a folder."
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataError(
            f"{where}: the cache folder cannot be created ({describe_oserror(err)}). "
            f"Set {CACHE_ENV} to a writable folder."
        ) from None
    return path


def mirror_dir() -> Path | None:
    """Return the local mirror folder named by ``CAORDER_DATA_MIRROR``, or ``None``.

    Raises :class:`DataError` when the variable names something that is not a folder.
    """
    configured = os.environ.get(MIRROR_ENV)
    if not configured:
        return None
    path = Path(configured).expanduser()
    if path.exists() and not path.is_dir():
        raise DataError(
            f"{MIRROR_ENV}={configured} is a file, not a folder. Point it at a folder laid out "
            "as <dataset>/<file>, or unset it to download from the internet."
        )
    return path


def describe_oserror(err: OSError) -> str:
    """A short reason for an OS error, e.g. 'Permission denied' or 'No space left on device'."""
    return err.strerror or errno.errorcode.get(err.errno or 0, "") or str(err)
