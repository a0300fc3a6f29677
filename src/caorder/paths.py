"""Where the curated data and the cache live: in a checkout, or wherever caorder is installed.

In the repository checkout (``pip install -e .``, what ``make env`` does) the curated tables
are ``<repo>/data`` and the cache ``<repo>/.cache``. Installed from the repository URL or the
source archive (``pip install caorder-<version>.tar.gz``), the package carries a copy of the
curated tables (``caorder/curated``, built from ``data/``) and caches under the user's cache
folder (platformdirs: ``~/.cache/caorder`` on Linux). Three environment variables change the
defaults:

``CAORDER_DATA_DIR``
    Folder of curated tables laid out as ``data/`` (e.g. an edited copy of a checkout's).
``CAORDER_CACHE_DIR``
    Folder for downloaded files and converted tables.
``CAORDER_DATA_MIRROR``
    A local folder that mirrors the pinned files (``<mirror>/<dataset>/<file>``); when set,
    files are copied from there instead of downloaded. See :mod:`caorder.fetch`.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs

from caorder.errors import DataError

DATA_ENV = "CAORDER_DATA_DIR"
CACHE_ENV = "CAORDER_CACHE_DIR"
MIRROR_ENV = "CAORDER_DATA_MIRROR"
#: The curated tables inside an installed package (``data/`` of the source, see pyproject).
INSTALLED_DATA = Path(__file__).resolve().with_name("curated")


def checkout_root() -> Path | None:
    """The repository root when caorder runs from its checkout (else ``None``)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "_toc.yml").exists() else None


def repo_root() -> Path:
    """Return the repository root (the folder holding ``_toc.yml``): the book needs it."""
    root = checkout_root()
    if root is None:
        raise DataError(
            "caorder is installed outside its repository: the book (notebooks, _build) needs "
            "a checkout. The analyses run anywhere; see CAORDER_DATA_DIR in caorder.paths."
        )
    return root


def data_dir() -> Path:
    """Return the folder of curated tables: ``CAORDER_DATA_DIR``, the checkout's or the package's.

    Raises :class:`DataError` naming ``CAORDER_DATA_DIR`` when it is not a folder.
    """
    configured = os.environ.get(DATA_ENV)
    if configured:
        path = Path(configured).expanduser()
        if not path.is_dir():
            raise DataError(
                f"{DATA_ENV}={configured} is not a folder. Point it at a folder laid out as the "
                "repository's data/ (members.csv, claims/, ...), or unset it."
            )
        return path
    root = checkout_root()
    return root / "data" if root is not None else INSTALLED_DATA


def cache_dir() -> Path:
    """Return the cache folder for downloads and converted tables, creating it if needed.

    Raises :class:`DataError` naming ``CAORDER_CACHE_DIR`` when the folder cannot be created.
    """
    configured = os.environ.get(CACHE_ENV)
    root = checkout_root()
    if configured:
        path = Path(configured).expanduser()
    else:
        path = root / ".cache" if root else Path(platformdirs.user_cache_dir("caorder"))
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
