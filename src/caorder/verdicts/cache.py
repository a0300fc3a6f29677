"""Evidence computed once per project fingerprint, kept under ``.cache/evidence/``.

Computing a claim's evidence under all its specifications can take seconds (random
baselines, break searches). The ledger, the chapter notebooks and the tests all need it, so
it is stored as JSON in ``<cache>/evidence/<fingerprint>/<claim>.json`` and read back while
the fingerprint (:func:`caorder.fingerprint.project_fingerprint`) is unchanged. A file that
cannot be read or lacks a specification is ignored and recomputed; files are written
atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from caorder import paths
from caorder.fingerprint import project_fingerprint


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    return project_fingerprint()[:16]


def folder() -> Path:
    """The evidence folder of the current fingerprint."""
    return paths.cache_dir() / "evidence" / _fingerprint()


def _path(claim_id: str) -> Path:
    return folder() / f"{claim_id}.json"


def load(claim_id: str) -> dict[str, dict[str, float]]:
    """Cached evidence of one claim, keyed by specification label ({} when absent or bad)."""
    try:
        data = json.loads(_path(claim_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def store(claim_id: str, evidence: dict[str, dict[str, float]]) -> None:
    """Write one claim's evidence atomically (a failure to write only costs a recomputation)."""
    target = _path(claim_id)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(evidence, out, sort_keys=True)
        os.replace(tmp, target)
    except OSError:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
