"""Check every curated file and data setting before any long computation.

A bad curated row, a register entry naming an unknown evaluator or a broken file named by
``CAORDER_UNDL_CSV`` would otherwise surface minutes into a build, from whichever claim or
notebook reads it first. :func:`check_inputs` reads them all up front, in the order a reader
would fix them, and raises the first fault as a one-line :class:`caorder.errors.DataError`.
``python -m caorder.inputs`` (run by ``make data``) and ``python -m caorder.ledger`` call it.
"""

from __future__ import annotations

import os
import sys

from caorder import claims, countries, extension, summits, verdicts
from caorder.errors import cli


def check_inputs() -> list[str]:
    """Load and validate every curated file and the UNDL setting; one ``ok`` line each."""
    lines = []
    countries.load_members()
    countries.load_groups()
    lines.append("ok  members.csv and country_groups.yml")
    summits.load_summits()
    summits.load_summits_not_held()
    summits.load_memberships()
    summits.load_organisations()
    lines.append("ok  summits, planned summits, memberships and organisations")
    extension.curated()
    lines.append("ok  curated UNGA resolutions and recorded votes")
    claims.inventory()
    verdicts.check_register()
    lines.append(f"ok  claims register ({len(claims.register())} claims) and paper inventory")
    if os.environ.get(extension.UNDL_ENV):
        official = extension.undl_official()
        lines.append(
            f"ok  {extension.UNDL_ENV}: {len(official.rollcalls):,} roll calls of the official file"
        )
    return lines


@cli
def main(arguments: list[str] | None = None) -> int:
    """``python -m caorder.inputs``: check the curated inputs, one line per group of files."""
    for line in check_inputs():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
