"""Evidence computed once per key, kept under ``.cache/evidence/``, checked before use.

Computing a claim's evidence under all its specifications can take seconds (random
baselines, break searches). The ledger, the chapter notebooks and the tests all need it, so
it is stored as JSON in ``<cache>/evidence/<fingerprint>/<claim>.json`` and read back while
the fingerprint (:func:`caorder.fingerprint.project_fingerprint`) is unchanged.

Each file proves itself: it holds the evidence and the sha256 of the evidence's canonical
JSON. A file that cannot be read, is not such a record or fails its checksum (a flipped bit,
a hand edit) logs one warning naming the file, is deleted and recomputed. Files are written
atomically, so a reader never sees half a file. Evidence folders of other fingerprints not
used for :data:`STALE_AFTER_SECONDS` are swept when a new folder is made.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from caorder import paths
from caorder.fingerprint import project_fingerprint

log = logging.getLogger(__name__)

#: Evidence folders of other fingerprints untouched this long are deleted (another checkout
#: sharing the cache may still use a younger one).
STALE_AFTER_SECONDS = 24 * 3600


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    return project_fingerprint()[:16]


def folder() -> Path:
    """The evidence folder of the current fingerprint."""
    return paths.cache_dir() / "evidence" / _fingerprint()


def _path(claim_id: str) -> Path:
    return folder() / f"{claim_id}.json"


def _checksum(evidence: object) -> str:
    canonical = json.dumps(evidence, sort_keys=True, separators=(",", ":"), allow_nan=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _reject(path: Path, why: str) -> dict:
    log.warning("cached evidence %s is unusable (%s); deleting and recomputing it", path, why)
    path.unlink(missing_ok=True)
    return {}


def load(claim_id: str) -> dict[str, dict[str, float]]:
    """Cached evidence of one claim, keyed by specification label ({} when absent or bad)."""
    path = _path(claim_id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        return _reject(path, f"cannot be read: {err.__class__.__name__}")
    try:
        record = json.loads(text)
    except ValueError:
        return _reject(path, "not valid JSON")
    if not isinstance(record, dict) or not isinstance(record.get("evidence"), dict):
        return _reject(path, "not an evidence record")
    if record.get("sha256") != _checksum(record["evidence"]):
        return _reject(path, "its contents do not match the recorded sha256")
    return record["evidence"]


def _sweep(evidence_root: Path, keep: Path) -> None:
    """Delete evidence folders of other fingerprints not used for a while."""
    now = time.time()
    for other in evidence_root.iterdir():
        try:
            old = now - other.stat().st_mtime > STALE_AFTER_SECONDS
        except OSError:
            continue
        if other != keep and other.is_dir() and old:
            shutil.rmtree(other, ignore_errors=True)


def store(claim_id: str, evidence: dict[str, dict[str, float]]) -> None:
    """Write one claim's evidence atomically (a failure to write only costs a recomputation)."""
    target = _path(claim_id)
    tmp = None
    try:
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            _sweep(target.parent.parent, keep=target.parent)
        handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"evidence": evidence, "sha256": _checksum(evidence)}, out, sort_keys=True)
        os.replace(tmp, target)
        os.utime(target.parent)  # the folder is in use: the sweep keeps it
    except OSError:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
