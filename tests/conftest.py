"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from caorder import quotes
from caorder.fetch import PINNED_FILES, fetch


@pytest.fixture(scope="session")
def real_files() -> dict[str, Path]:
    """Local, verified copies of every pinned file (from the mirror, the cache or the web)."""
    return {key: fetch(key) for key in PINNED_FILES}


@pytest.fixture(scope="session")
def paper() -> quotes.Paper:
    """The paper's text (skips, saying where to put it, when ../shared/seed is absent)."""
    folder = quotes.paper_dir()
    if not (folder / quotes.PAPER_FILE).exists():
        pytest.skip(
            f"the paper's text {quotes.PAPER_FILE} is not in {folder}: quotes not checked "
            f"(put it there or set {quotes.PAPER_ENV})"
        )
    return quotes.Paper.load(folder)
