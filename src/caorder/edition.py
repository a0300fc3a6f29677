"""The edition of the book: its version and its date, each set in one place.

The version is ``pyproject.toml``'s; the date is the day of the commit being built, so one
commit gives the same date on every machine. The cite boxes, How to cite, the page footer,
the PDF title page, ``claims.json`` and the published ``CITATION.cff`` all read them here.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import tomllib
from pathlib import Path


def project_version(root: Path) -> str:
    """The package version from ``pyproject.toml`` (the one place it is set)."""
    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def build_date(root: Path) -> str:
    """The book's date, ``YYYY-MM-DD``: the day of the commit being built.

    Outside a git checkout it comes from ``SOURCE_DATE_EPOCH`` when set, else it is today.
    """
    result = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%cs", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch
        else datetime.datetime.now(datetime.UTC)
    )
    return moment.date().isoformat()
