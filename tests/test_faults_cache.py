"""Fault injection: the table cache, the cache folder, the mirror and the command lines.

Each test injects one fault a careful user met and checks the outcome: the bad copy
is rebuilt with a warning naming the file and the reason, or the run stops with one line
naming the file or variable, what is wrong and what to do (exit code 1, no traceback).
The table "Faults tried" in CONTRIBUTING.md lists these tests.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from caorder import fetch as fetch_module
from caorder import tables
from caorder.errors import DataError
from caorder.fetch import PINNED_FILES, DataFetchError, PinnedFile

SRC = Path(tables.__file__).resolve().parents[1]
GOOD = pd.DataFrame(
    {"rcid": [1, 1, 2], "iso3": ["KAZ", "UZB", "KAZ"], "vote": ["yes", "no", "yes"]}
)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAORDER_CACHE_DIR", str(folder))
    monkeypatch.delenv("CAORDER_DATA_MIRROR", raising=False)
    return folder


def builder(counter: list[int]):
    def build() -> pd.DataFrame:
        counter.append(1)
        return GOOD.copy()

    return build


def cached_demo(cache: Path) -> Path:
    (target,) = (cache / "tables").glob("demo-*.parquet")
    return target


def run_cli(module: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``python -m module`` with the given environment changes; bounded in time."""
    full = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


# --- corrupt cached tables -------------------------------------------------------------


@pytest.mark.parametrize("offset", [0.1, 0.5, 0.9])
def test_flipped_bytes_in_a_cached_table_are_detected_and_rebuilt(cache, caplog, offset):
    builds: list[int] = []
    tables._cached("demo", "f1", builder(builds))
    target = cached_demo(cache)
    data = bytearray(target.read_bytes())
    data[int(len(data) * offset)] ^= 0xFF
    target.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        again = tables._cached("demo", "f1", builder(builds))
    pd.testing.assert_frame_equal(again, GOOD)
    assert len(builds) == 2
    assert target.name in caplog.text and "do not match the recorded sha256" in caplog.text
    assert tables._read_verified(target)[0] is not None  # the rebuilt copy verifies


def test_readable_table_that_breaks_the_schema_is_not_served(cache, caplog):
    builds: list[int] = []
    tables._cached("demo", "f2", builder(builds))
    target = cached_demo(cache)
    GOOD.assign(vote=["maybe", "no", "yes"], iso3=["kaz!", "UZB", "KAZ"]).to_parquet(target)
    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        again = tables._cached("demo", "f2", builder(builds))
    assert again["vote"].tolist() == ["yes", "no", "yes"] and len(builds) == 2
    assert target.name in caplog.text


def test_table_without_its_checksum_file_is_rebuilt(cache, caplog):
    builds: list[int] = []
    tables._cached("demo", "f3", builder(builds))
    tables._sidecar(cached_demo(cache)).unlink()
    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        tables._cached("demo", "f3", builder(builds))
    assert len(builds) == 2 and "checksum file is missing" in caplog.text


def test_real_votes_table_with_flipped_bytes_is_rebuilt_identically(real_files, caplog):
    """The real table, not a demo: a flip in the cached votes parquet never reaches analysis."""
    before = tables.votes()
    copies = (tables.paths.cache_dir() / "tables").glob("votes-*.parquet")
    target = max(copies, key=lambda path: path.stat().st_mtime)  # older code's copies stay
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        after = tables.votes()
    pd.testing.assert_frame_equal(before, after)
    assert "votes-" in caplog.text


# --- writing the cache fails ------------------------------------------------------------


def test_disk_full_during_the_parquet_write_is_one_clear_error(cache, monkeypatch):
    def full(self, path, **kwargs):
        Path(path).write_bytes(b"PAR1 half")  # a partial write, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    with pytest.raises(DataError, match=r"demo-f4\.parquet.*No space left.*CAORDER_CACHE_DIR"):
        tables._cached("demo", "f4", builder([]))
    left = sorted(p.name for p in (cache / "tables").iterdir())
    assert left == ["demo.lock"], "no partial table, temporary file or sidecar may remain"


def test_read_only_cache_without_tables_is_one_clear_error(cache, monkeypatch):
    (cache / "tables").mkdir(parents=True)

    class ReadOnlyLock:  # what filelock meets on a read-only file system
        def __init__(self, *args, **kwargs):
            pass

        def acquire(self):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tables, "FileLock", ReadOnlyLock)
    with pytest.raises(DataError, match=r"holds no valid copy of demo.*Read-only.*writable"):
        tables._cached("demo", "f5", builder([]))


def test_read_only_cache_with_valid_tables_still_serves_them(cache, monkeypatch):
    tables._cached("demo", "f6", builder([]))

    class NoLock:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a verified table must be read without taking the lock")

    monkeypatch.setattr(tables, "FileLock", NoLock)
    pd.testing.assert_frame_equal(tables._cached("demo", "f6", builder([])), GOOD)


def test_cache_folder_that_cannot_be_created_names_the_variable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("caorder.fetch", env={"CAORDER_CACHE_DIR": str(blocker / "cache")})
    assert_one_line_error(result, "CAORDER_CACHE_DIR", "cannot be created", "writable folder")


def test_cache_folder_that_is_a_file_is_reported_as_such(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("caorder.tables", env={"CAORDER_CACHE_DIR": str(blocker)})
    assert_one_line_error(result, "CAORDER_CACHE_DIR", "is a file, not a folder")


# --- the mirror -----------------------------------------------------------------------

KEY = "test-set/sample.csv"
SAMPLE = b"rcid,iso3,vote\n1,KAZ,yes\n" * 10


@pytest.fixture
def pinned(monkeypatch):
    checksum = hashlib.sha256(SAMPLE).hexdigest()
    entry = PinnedFile(KEY, "http://127.0.0.1:9/x", checksum, len(SAMPLE), "test")
    monkeypatch.setitem(PINNED_FILES, KEY, entry)
    return entry


def test_mirror_path_that_is_a_file_says_so(tmp_path, cache):
    mirror = tmp_path / "mirror.tar"
    mirror.write_bytes(b"not a folder")
    result = run_cli(
        "caorder.fetch", env={"CAORDER_DATA_MIRROR": str(mirror), "CAORDER_CACHE_DIR": str(cache)}
    )
    assert_one_line_error(result, "CAORDER_DATA_MIRROR", "is a file, not a folder")


def test_unreadable_mirror_copy_is_one_clear_error(tmp_path, cache, pinned, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "test-set").mkdir(parents=True)
    (mirror / KEY).write_bytes(SAMPLE)
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(mirror))
    real_copy = fetch_module.shutil.copyfile

    def denied(source, target, *args, **kwargs):
        if Path(source).is_relative_to(mirror):  # root ignores chmod, so deny here
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source))
        return real_copy(source, target, *args, **kwargs)

    monkeypatch.setattr(fetch_module.shutil, "copyfile", denied)
    with pytest.raises(
        DataFetchError,
        match=r"sample\.csv: the mirror copy .* cannot be read "
        r"\(Permission denied\)",
    ):
        fetch_module.fetch(KEY)


def test_make_data_fails_when_a_table_cannot_be_rebuilt(tmp_path, real_files):
    """`make data` runs `python -m caorder.tables`: a corrupt source means exit 1, one line."""
    mirror = tmp_path / "mirror"
    for key, path in real_files.items():
        (mirror / key).parent.mkdir(parents=True, exist_ok=True)
        (mirror / key).write_bytes(path.read_bytes())
    votes = mirror / "unvotes-7eb7034/un_votes.rda"
    votes.write_bytes(votes.read_bytes()[:-10] + b"0123456789")
    result = run_cli(
        "caorder.tables",
        env={"CAORDER_DATA_MIRROR": str(mirror), "CAORDER_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert_one_line_error(result, "un_votes.rda", "does not match its pinned sha256")


# --- command-line help ----------------------------------------------------------------


def test_fetch_help_and_list_print_usage_and_every_pinned_checksum():
    usage = run_cli("caorder.fetch", "--help", env={})
    assert usage.returncode == 0 and "usage: python -m caorder.fetch" in usage.stdout
    listing = run_cli("caorder.fetch", "--list", env={})
    assert listing.returncode == 0
    for pinned_file in PINNED_FILES.values():
        assert f"{pinned_file.key}  sha256:{pinned_file.sha256}" in listing.stdout
        assert pinned_file.url in listing.stdout


# --- messages that name the real cause ---------------------------------------------------


def test_a_full_disk_during_a_mirror_copy_blames_the_cache(tmp_path, cache, pinned, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "test-set").mkdir(parents=True)
    (mirror / KEY).write_bytes(SAMPLE)
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(mirror))

    def full(source, target, *args, **kwargs):
        Path(target).write_bytes(SAMPLE[:5])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # copyfile names no file here

    monkeypatch.setattr(fetch_module.shutil, "copyfile", full)
    with pytest.raises(DataFetchError) as caught:
        fetch_module.fetch(KEY)
    message = str(caught.value)
    assert "cannot write to the cache folder" in message and "No space left" in message
    assert "mirror copy" not in message, "the mirror is readable: it must not be blamed"


def test_a_corrupt_cached_copy_offline_is_named_and_removed(cache, pinned):
    local = cache / "downloads" / KEY
    local.parent.mkdir(parents=True)
    local.write_bytes(SAMPLE[:-3] + b"XYZ")  # same size, wrong bytes
    with pytest.raises(DataFetchError) as caught:
        fetch_module.fetch(KEY, mirror=None)  # the pinned URL points at a closed port
    message = str(caught.value)
    assert f"the cached copy {local} was corrupt" in message and "was removed" in message
    assert "offline" in message and not local.exists()
