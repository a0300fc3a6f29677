"""Proof that the notebook tests would catch a change in the data.

The data notebook is re-executed by nbval twice against a private cache: once with the real
tables (it must pass) and once with a votes table in which some recorded votes were turned
into absences (it must fail on a checked cell). Without this, a passing nbval run could mean
only that nothing was compared.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from caorder import paths, tables

NOTEBOOK = paths.repo_root() / "notebooks" / "00_the_data.ipynb"


def _private_cache(tmp_path: Path) -> Path:
    """A copy of the real cache (downloads and converted tables) that a test may alter."""
    tables.rollcalls(), tables.votes(), tables.ideal_points()  # make sure all are built
    target = tmp_path / "cache"
    shutil.copytree(paths.cache_dir(), target)
    return target


def _run_nbval(cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CAORDER_CACHE_DIR=str(cache))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval-lax",
        "--nbval-current-env",
        "-p",
        "no:cacheprovider",
        "-q",
        str(NOTEBOOK),
    ]
    return subprocess.run(
        command, cwd=paths.repo_root(), env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.timeout(900)
def test_nbval_passes_on_the_real_data_and_fails_when_votes_change(tmp_path):
    cache = _private_cache(tmp_path)
    untouched = _run_nbval(cache)
    assert untouched.returncode == 0, untouched.stdout[-3000:]

    copies = (cache / "tables").glob("votes-*.parquet")  # older code's copies are kept a while
    votes_file = max(copies, key=lambda path: path.stat().st_mtime)
    votes = pd.read_parquet(votes_file)
    kazakh_yes = votes.index[(votes["iso3"] == "KAZ") & (votes["vote"] == "yes")][:25]
    votes.loc[kazakh_yes, "vote"] = "absent"
    votes.to_parquet(votes_file, index=False)
    # Record the new checksum, as a genuine rebuild would; otherwise the cache rejects the
    # altered file as corrupt and rebuilds the real table.
    digest = hashlib.sha256(votes_file.read_bytes()).hexdigest()
    tables._sidecar(votes_file).write_text(digest + "\n", encoding="ascii")

    changed = _run_nbval(cache)
    assert changed.returncode != 0, "nbval did not notice that the votes changed"
    assert "mismatch" in changed.stdout.lower() or "differ" in changed.stdout.lower(), (
        changed.stdout[-3000:]
    )
