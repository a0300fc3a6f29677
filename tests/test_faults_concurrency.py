"""Fault injection: concurrent runs on an empty cache, and runs killed half-way.

Eight processes start together on an empty cache and each loads the canonical tables; none
may crash, all must read the same tables, and no temporary file may remain. Orphans that a
killed run left (a half-written table, a pooch download) are swept when the lock is taken.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from caorder import fetch as fetch_module
from caorder import tables

SRC = Path(tables.__file__).resolve().parents[1]
WORKER = (
    "from caorder import tables\n"
    "v = tables.votes(); r = tables.rollcalls(); i = tables.ideal_points()\n"
    "print(len(v), len(r), len(i), int(v['rcid'].sum()))\n"
)


def test_eight_processes_on_an_empty_cache_all_succeed(real_files, tmp_path):
    mirror = tmp_path / "mirror"
    for key, path in real_files.items():
        (mirror / key).parent.mkdir(parents=True, exist_ok=True)
        (mirror / key).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"  # empty: every process races to download and convert
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "CAORDER_CACHE_DIR": str(cache),
        "CAORDER_DATA_MIRROR": str(mirror),
        "PYTHONFAULTHANDLER": "1",  # a native crash prints where it happened
    }
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outcomes = []
    try:
        for run in runs:
            out, err = run.communicate(timeout=540)
            outcomes.append((run.returncode, out.strip(), err))
    finally:
        for run in runs:
            run.kill()
    failures = [f"exit {code}: {out} {err[-2000:]}" for code, out, err in outcomes if code != 0]
    assert not failures, failures[0]
    assert len({out for _, out, _ in outcomes}) == 1, "every process must read the same tables"
    leftovers = [p.name for p in cache.rglob("*") if p.name.startswith("tmp") or ".tmp" in p.name]
    assert leftovers == []


def test_orphaned_temporary_table_files_are_swept_when_the_lock_is_taken(tmp_path, monkeypatch):
    monkeypatch.setenv("CAORDER_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "tables"
    folder.mkdir()
    orphans = [folder / "demo-old.x1y2.tmp", folder / "demo-old.parquet", folder / "demo-aaa.z.tmp"]
    for orphan in orphans:
        orphan.write_bytes(b"left by a killed run")
    week_old = time.time() - tables.STALE_AFTER_SECONDS - 60
    os.utime(folder / "demo-old.parquet", (week_old, week_old))
    (folder / "demo-other.parquet").write_bytes(b"another checkout's fresh version")
    tables._cached("demo", "aaa", lambda: pd.DataFrame({"x": [1]}))
    assert sorted(p.name for p in folder.iterdir()) == [
        "demo-aaa.parquet",
        "demo-aaa.parquet.sha256",
        "demo-other.parquet",
        "demo.lock",
    ]


def test_orphaned_download_files_are_swept(tmp_path):
    folder = tmp_path / "downloads" / "some-dataset"
    folder.mkdir(parents=True)
    (folder / "tmpab12cd").write_bytes(b"half a download")
    (folder / "kept.csv").write_bytes(b"a verified file")
    fetch_module._sweep_orphans(folder)
    assert [p.name for p in folder.iterdir()] == ["kept.csv"]
