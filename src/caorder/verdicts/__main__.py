"""``python -m caorder.verdicts``: check the whole register, as every evaluation does.

Prints one line: that every claim passes, or the first refusal (file, claim, field, what to
do) with exit code 1 (see :mod:`caorder.verdicts.checks`).
"""

from __future__ import annotations

import sys

from caorder import claims, verdicts
from caorder.errors import cli


@cli
def main() -> int:
    """Run every register check; print the outcome in one line."""
    verdicts.check_register()
    print(f"The register's {len(claims.register())} claims pass every check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
