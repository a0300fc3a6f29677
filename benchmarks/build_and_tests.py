"""Time the README's two commands the way a newcomer meets them.

In a fresh clone of the committed repository (with ``CAORDER_DATA_MIRROR`` pointing at the
local mirror, as in CI) this measures:

0. creating ``.venv`` from the pinned requirements (``make env``; pip's download cache may be
   warm), a one-time step reported separately and not held to a target;
1. the cold build, ``make book``: fetching and verifying the data into an empty cache,
   converting the tables, executing every notebook and building the site;
2. a rebuild with nothing changed (``make book`` again);
3. after a one-row edit of ``data/summits.csv`` (a note of one meeting), the claims ledger
   re-evaluated (``python -m caorder.ledger``) and the book rebuilt (``make book``);
4. the PDF edition, ``make pdf`` (reported, no target; the browser tests check it exists);
5. the whole test suite, ``make test``, with the site built as in CI.

It prints the results against the targets (cold build <= 120 s, rebuild <= 10 s, ledger after
a one-row edit <= 10 s, rebuild after it <= 40 s, tests <= 150 s), with the machine's load
average (other engineers may be using the shared machine), writes them to
``benchmarks/results/build_and_tests.txt`` and exits non-zero if a target is missed. Run it
with ``make bench`` or ``python benchmarks/build_and_tests.py``.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "build_and_tests.txt"
TARGETS = {
    "environment (make env)": float("inf"),
    "PDF edition (make pdf)": float("inf"),
    "cold build (make book)": 120.0,
    "rebuild, nothing changed": 10.0,
    "ledger after a one-row edit": 10.0,
    "rebuild after a one-row edit": 40.0,
    "whole test suite (make test)": 150.0,
}
EDITED = "data/summits.csv"


def edit_one_row(clone: Path) -> None:
    """Change the note of the first meeting in ``data/summits.csv`` (a valid one-row edit)."""
    path = clone / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n").rstrip('"') + ' (edited)"\n'
    path.write_text("".join(lines), encoding="utf-8")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run ``command`` and return its wall-clock time; stop on failure."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"{' '.join(command)} failed after {elapsed:.0f} s")
    return elapsed


def main() -> int:
    mirror = os.environ.get("CAORDER_DATA_MIRROR", str(ROOT.parent / "shared" / "data"))
    paper = os.environ.get("CAORDER_PAPER_DIR", str(ROOT.parent / "shared" / "seed"))
    env = dict(os.environ, CAORDER_DATA_MIRROR=mirror, CAORDER_PAPER_DIR=paper)
    env.pop("CAORDER_CACHE_DIR", None)
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        ledger = [".venv/bin/python", "-m", "caorder.ledger", "_build/extra/claims.json"]
        steps = {
            "environment (make env)": ["make", "env"],
            "cold build (make book)": ["make", "book"],
            "rebuild, nothing changed": ["make", "book"],
            "ledger after a one-row edit": ledger,
            "rebuild after a one-row edit": ["make", "book"],
            "PDF edition (make pdf)": ["make", "pdf"],
            "whole test suite (make test)": ["make", "test"],
        }
        times, loads = {}, []
        for name, command in steps.items():
            if name == "ledger after a one-row edit":
                edit_one_row(clone)
            times[name] = timed(command, clone, env)
            loads.append(os.getloadavg()[0])
            print(f"{name}: {times[name]:.1f} s", flush=True)
    lines = [
        f"Timings of the README commands in a fresh clone ({os.cpu_count()} cores, "
        f"Python {platform.python_version()}, data from the local mirror)",
        f"1-minute load average after each step: {', '.join(f'{x:.1f}' for x in loads)} "
        f"(above {os.cpu_count()} means other work shared the machine)",
    ]
    failed = False
    for name, seconds in times.items():
        ok = seconds <= TARGETS[name]
        failed |= not ok
        lines.append(
            f"{name:32s} {seconds:7.1f} s   "
            + (
                f"target <= {TARGETS[name]:.0f} s   {'ok' if ok else 'MISSED'}"
                if TARGETS[name] != float("inf")
                else "(no target)"
            )
        )
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
