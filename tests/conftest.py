"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from caorder.fetch import PINNED_FILES, fetch


@pytest.fixture(scope="session")
def real_files() -> dict[str, Path]:
    """Local, verified copies of every pinned file (from the mirror, the cache or the web)."""
    return {key: fetch(key) for key in PINNED_FILES}
