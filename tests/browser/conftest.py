"""Fixtures for the real-browser tests of the built website (``make test-browser``).

The site in ``_build/html`` is served on 127.0.0.1 by a thread running ``http.server`` and
opened in Debian's Chromium through Playwright (``executable_path``: Playwright never
downloads a browser here). Without a built site, Chromium or Playwright the tests skip and
say what to run.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from caorder.pdf import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser``; run them only when asked (``-m browser``).

    ``make test`` stays fast; ``make test-browser`` selects them after ``make book``.
    """
    asked = "browser" in (config.getoption("markexpr") or "")
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            if not asked:
                item.add_marker(
                    pytest.mark.skip(
                        reason="browser test: run `make test-browser` (pytest -m browser)"
                    )
                )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``browser`` marker."""
    config.addinivalue_line("markers", "browser: drives a real browser over the built site")


@pytest.fixture(scope="session")
def site() -> Path:
    """The built website, or a skip saying how to build it."""
    if not (SITE / "index.html").exists():
        pytest.skip(f"{SITE.relative_to(ROOT)}/index.html not found: run `make book` first")
    return SITE


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 (a free port) for the whole session."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright, or a skip saying how to install it."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found: install it with `bash .ci/install-browser` "
            "(apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: .venv/bin/pip install -r requirements.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
