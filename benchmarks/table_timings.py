"""Time the canonical tables: the first conversion from the pinned files, and a cached load.

The first conversion (reading the pinned R and Stata files, deriving absences, validating
and writing parquet with checksums) should take at most 30 s on the reference machine, and
loading ``rollcalls`` and ``votes`` from the cache at most 1 s, so that every notebook can
start from the canonical tables. Writes ``benchmarks/results/table_timings.txt`` and exits
non-zero if a target is missed. Run with ``make bench``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from caorder.fetch import PINNED_FILES, fetch

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "table_timings.txt"
TARGETS = {"first conversion (3 tables)": 30.0, "cached load (rollcalls + votes)": 1.0}

CHILD = "from caorder import tables; tables.rollcalls(); tables.votes(); tables.ideal_points()"


def _seconds(env: dict[str, str], code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    downloads = {key: fetch(key) for key in PINNED_FILES}
    with tempfile.TemporaryDirectory() as scratch:
        for key, path in downloads.items():
            target = Path(scratch) / "downloads" / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        env = dict(os.environ, CAORDER_CACHE_DIR=scratch)
        first = _seconds(env, CHILD)
        load = _seconds(env, "import caorder.tables")  # interpreter and import cost alone
        cached = _seconds(env, "from caorder import tables; tables.rollcalls(); tables.votes()")
    times = {"first conversion (3 tables)": first, "cached load (rollcalls + votes)": cached - load}
    lines = ["Canonical tables on the reference machine (2 cores), fresh processes"]
    failed = False
    for name, seconds in times.items():
        ok = seconds <= TARGETS[name]
        failed |= not ok
        lines.append(
            f"{name:34s} {seconds:6.2f} s   target <= {TARGETS[name]:.0f} s   "
            f"{'ok' if ok else 'MISSED'}"
        )
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.write_text(report, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
