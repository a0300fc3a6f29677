"""The data-access layer: real HTTP downloads on 127.0.0.1, mirrors, and every bad input.

Each failure must raise :class:`DataFetchError` with a message naming the file and what to
do, and must leave nothing (no partial or temporary file) in the cache.
"""

from __future__ import annotations

import hashlib
import http.server
import socket
import threading
from pathlib import Path

import pytest

from caorder import fetch as fetch_module
from caorder.fetch import PINNED_FILES, DataFetchError, PinnedFile, fetch

KEY = "test-set/sample.csv"
GOOD = b"rcid,iso3,vote\n1,KAZ,yes\n1,UZB,abstain\n" * 20


class _Server:
    """A static file server on 127.0.0.1 that counts requests."""

    def __init__(self, root: Path):
        requests = self.requests = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self):
                requests.append(self.path)
                super().do_GET()

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    server = _Server(root)
    yield root, server
    server.close()


@pytest.fixture
def pinned(monkeypatch):
    """Register a small pinned file whose true content is GOOD."""
    entry = PinnedFile(
        key=KEY,
        url="http://127.0.0.1:9/never-used",
        sha256=hashlib.sha256(GOOD).hexdigest(),
        size=len(GOOD),
        producer="test",
    )
    monkeypatch.setitem(PINNED_FILES, KEY, entry)
    return entry


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.delenv("CAORDER_DATA_MIRROR", raising=False)
    monkeypatch.setenv("CAORDER_CACHE_DIR", str(folder))
    return folder


def cached_files(cache: Path) -> list[Path]:
    """Data files in the cache (lock files are not data and may stay)."""
    if not cache.exists():
        return []
    return [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".lock"]


def test_download_over_http_verifies_and_caches_once(served, pinned, cache):
    root, server = served
    (root / "sample.csv").write_bytes(GOOD)
    path = fetch(KEY, url=server.url("sample.csv"))
    assert path.read_bytes() == GOOD
    assert path == cache / "downloads" / KEY
    fetch(KEY, url=server.url("sample.csv"))
    assert len(server.requests) == 1, "a verified cached file must not be downloaded again"


def test_checksum_mismatch_is_rejected_and_nothing_is_cached(served, pinned, cache):
    root, server = served
    tampered = GOOD.replace(b"yes", b"no!")  # same size, different bytes
    (root / "sample.csv").write_bytes(tampered)
    with pytest.raises(DataFetchError, match=r"test-set/sample\.csv.*sha256"):
        fetch(KEY, url=server.url("sample.csv"))
    assert cached_files(cache) == []


def test_truncated_download_is_reported_and_nothing_is_cached(served, pinned, cache):
    root, server = served
    (root / "sample.csv").write_bytes(GOOD[:50])
    with pytest.raises(DataFetchError, match=r"sample\.csv.*truncated"):
        fetch(KEY, url=server.url("sample.csv"))
    assert cached_files(cache) == []


def test_html_error_page_instead_of_data_is_reported(served, pinned, cache):
    root, server = served
    (root / "sample.csv").write_bytes(b"<!DOCTYPE html><html><body>Rate limited</body></html>")
    with pytest.raises(DataFetchError, match="HTML page instead of the data file"):
        fetch(KEY, url=server.url("sample.csv"))
    assert cached_files(cache) == []


def test_http_404_is_reported_with_the_fix(served, pinned, cache):
    _, server = served
    with pytest.raises(DataFetchError, match="CAORDER_DATA_MIRROR"):
        fetch(KEY, url=server.url("missing.csv"))
    assert cached_files(cache) == []


def test_offline_machine_gets_told_about_the_mirror(pinned, cache):
    with socket.socket() as probe:  # find a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DataFetchError, match=r"sample\.csv.*offline.*CAORDER_DATA_MIRROR"):
        fetch(KEY, url=f"http://127.0.0.1:{port}/sample.csv")
    assert cached_files(cache) == []


def test_corrupt_cached_file_is_fetched_again(served, pinned, cache):
    root, server = served
    (root / "sample.csv").write_bytes(GOOD)
    path = fetch(KEY, url=server.url("sample.csv"))
    path.write_bytes(b"garbage")
    assert fetch(KEY, url=server.url("sample.csv")).read_bytes() == GOOD
    assert len(server.requests) == 2


def test_mirror_copy_is_verified(tmp_path, pinned, cache, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "test-set").mkdir(parents=True)
    (mirror / KEY).write_bytes(GOOD)
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(mirror))
    assert fetch(KEY).read_bytes() == GOOD


def test_corrupt_mirror_copy_is_rejected(tmp_path, pinned, cache, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "test-set").mkdir(parents=True)
    (mirror / KEY).write_bytes(GOOD.replace(b"KAZ", b"KGZ"))
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(mirror))
    with pytest.raises(DataFetchError, match=r"mirror copy .*does not match its pinned sha256"):
        fetch(KEY)
    assert cached_files(cache) == []


def test_missing_mirror_folder_is_reported(tmp_path, pinned, cache, monkeypatch):
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(tmp_path / "nowhere"))
    with pytest.raises(DataFetchError, match=r"mirror folder .*nowhere.* does not exist"):
        fetch(KEY)
    assert cached_files(cache) == []


def test_file_missing_from_mirror_is_reported(tmp_path, pinned, cache, monkeypatch):
    (tmp_path / "mirror").mkdir()
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(tmp_path / "mirror"))
    with pytest.raises(DataFetchError, match=r"test-set/sample\.csv: not found in the mirror"):
        fetch(KEY)


def test_unknown_file_is_rejected(cache):
    with pytest.raises(DataFetchError, match="Unknown data file"):
        fetch("no-such/file.csv")


def test_real_pinned_files_download_over_http(real_files, served, cache):
    """The real pinned files, served from 127.0.0.1, pass their real checksums."""
    root, server = served
    for key in PINNED_FILES:
        target = root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(real_files[key].read_bytes())
    for key in PINNED_FILES:
        path = fetch(key, url=server.url(key), mirror=False)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == PINNED_FILES[key].sha256


def test_command_line_entry_point_reports_errors(tmp_path, cache, monkeypatch, capsys):
    monkeypatch.setenv("CAORDER_DATA_MIRROR", str(tmp_path / "nowhere"))
    assert fetch_module.main() == 1
    assert "does not exist" in capsys.readouterr().err
