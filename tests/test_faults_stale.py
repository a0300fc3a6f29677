"""Fault injection: stale results must never be served from a cache.

Each test changes something a cached result depends on, the way a user would (an edited
conversion module in a second checkout, a flipped byte in a cached evidence file), and checks
that the stale copy is not served.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caorder import paths, tables
from caorder.fetch import PINNED_FILES
from caorder.verdicts import cache as evidence_cache

SRC = Path(tables.__file__).resolve().parents[1]
ROOT = SRC.parent
COUNT_IMPORTANT = "from caorder import tables; print(int(tables.rollcalls()['important'].sum()))"


def _checkout(where: Path, edit: bool) -> Path:
    """A second checkout of the package (optionally with edited conversion code)."""
    (where / "src").mkdir(parents=True)
    shutil.copytree(SRC / "caorder", where / "src" / "caorder")
    shutil.copy(ROOT / "_toc.yml", where / "_toc.yml")
    shutil.copytree(ROOT / "data", where / "data")
    if edit:
        module = where / "src" / "caorder" / "tables.py"
        text = module.read_text(encoding="utf-8")
        anchor = "    frame[ISSUE_CODES] = frame[ISSUE_CODES].astype(bool)\n"
        assert anchor in text
        module.write_text(text.replace(anchor, anchor + '    frame["important"] = False\n'))
    return where


def _count(checkout: Path, cache: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), paths.CACHE_ENV: str(cache)}
    env.pop(paths.MIRROR_ENV, None)  # the shared cache holds the verified downloads
    result = subprocess.run(
        [sys.executable, "-c", COUNT_IMPORTANT],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=checkout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return int(result.stdout.split()[-1])


def test_two_checkouts_sharing_a_cache_never_serve_each_others_tables(real_files, tmp_path):
    cache = tmp_path / "shared-cache"
    for key, local in real_files.items():
        if key.startswith("unvotes"):
            (cache / "downloads" / key).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(local, cache / "downloads" / key)
    original = _checkout(tmp_path / "original", edit=False)
    edited = _checkout(tmp_path / "edited", edit=True)
    assert _count(original, cache) > 300  # the US State Department's important votes
    assert _count(edited, cache) == 0  # the edited conversion code, not the cached table
    assert _count(original, cache) > 300  # and the first checkout still gets its own


def test_conversion_code_is_in_every_table_key(monkeypatch):
    before = tables._fingerprint([next(iter(PINNED_FILES))], [])
    monkeypatch.setattr(tables, "conversion_code_digest", lambda: b"edited code")
    assert tables._fingerprint([next(iter(PINNED_FILES))], []) != before


def test_a_folder_where_a_cached_table_should_be_is_replaced(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    (tmp_path / "tables" / "demo-f9.parquet").mkdir(parents=True)
    import pandas as pd

    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        frame = tables._cached("demo", "f9", lambda: pd.DataFrame({"x": [1]}))
    assert frame["x"].tolist() == [1]
    assert "demo-f9.parquet" in caplog.text and "is a folder" in caplog.text
    assert (tmp_path / "tables" / "demo-f9.parquet").is_file()


# --- the evidence cache -------------------------------------------------------------------

EVIDENCE = {"primary": {"share": 0.7142857142857143, "n": 17.0}, "other": {"share": 0.5}}


@pytest.fixture
def evidence_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(evidence_cache, "_fingerprint", lambda: "f" * 16)
    return tmp_path / "evidence" / ("f" * 16)


def test_stored_evidence_reads_back_identically(evidence_dir):
    evidence_cache.store("C9.1", EVIDENCE)
    assert evidence_cache.load("C9.1") == EVIDENCE


@pytest.mark.parametrize("where", ["value", "checksum", "structure"])
def test_a_flipped_bit_in_cached_evidence_is_not_served(evidence_dir, caplog, where):
    evidence_cache.store("C9.1", EVIDENCE)
    path = evidence_dir / "C9.1.json"
    data = bytearray(path.read_bytes())
    at = {
        "value": data.index(b"0.714") + 2,  # 0.714... -> 0.?14...: a plausible wrong share
        "checksum": data.index(b'"sha256": "') + 15,
        "structure": data.index(b"{"),
    }[where]
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="caorder.verdicts.cache"):
        assert evidence_cache.load("C9.1") == {}
    assert "C9.1.json" in caplog.text and len(caplog.records) == 1
    assert not path.exists(), "the bad copy is deleted, so it is recomputed and rewritten"


def test_an_edited_evidence_value_with_valid_json_is_rejected(evidence_dir, caplog):
    evidence_cache.store("C9.1", EVIDENCE)
    path = evidence_dir / "C9.1.json"
    record = json.loads(path.read_text())
    record["evidence"]["primary"]["share"] = 0.31
    path.write_text(json.dumps(record))
    with caplog.at_level(logging.WARNING, logger="caorder.verdicts.cache"):
        assert evidence_cache.load("C9.1") == {}
    assert "do not match the recorded sha256" in caplog.text


def test_old_evidence_folders_are_swept(evidence_dir):
    root = evidence_dir.parent
    old, young = root / "old", root / "young"
    for other in (old, young):
        other.mkdir(parents=True)
        (other / "C1.1.json").write_text("{}")
    stale = evidence_cache.time.time() - evidence_cache.STALE_AFTER_SECONDS - 60
    os.utime(old, (stale, stale))
    evidence_cache.store("C9.1", EVIDENCE)
    assert sorted(p.name for p in root.iterdir()) == sorted([evidence_dir.name, "young"])
