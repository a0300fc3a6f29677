"""The PDF edition: the whole book on one HTML page, printed by headless Chromium.

``python -m caorder.pdf`` (``make pdf``) builds the single-page HTML edition with Jupyter
Book (it reuses the executed notebooks of ``make book``), prints it with Debian's Chromium
through Playwright (A4, page numbers in the footer, the print styles of ``caorder.css``) and
writes ``central-asian-order-<version>.pdf`` into ``_build/extra`` and, if the website is
built, into ``_build/html`` too, where every page links it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from caorder.book_ext import download_names, project_version

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
    'Central Asian Order, page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></div>'
)


def build_single_page(root: Path) -> Path:
    """Build the single-page HTML edition; return its index.html."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(root),
            "--builder",
            "custom",
            "--custom-builder",
            "singlehtml",
            "-n",
            "--keep-going",
        ],
        check=True,
    )
    outdir = root / "_build" / "singlehtml"
    index = outdir / "index.html"
    if not index.exists():
        raise FileNotFoundError(f"{index}: the single-page build produced no index.html")
    # index.html redirects to the page (book/intro.html), whose asset links are relative
    # to the output folder: print a copy placed there.
    match = re.search(r'url=([^"]+)"', index.read_text(encoding="utf-8"))
    page = outdir / match.group(1) if match else index
    edition = outdir / "edition.html"
    shutil.copy2(page, edition)
    return edition


def print_to_pdf(index: Path, target: Path, chromium: Path = CHROMIUM) -> Path:
    """Print ``index`` to ``target`` with headless Chromium (waits for the math to render)."""
    if not chromium.exists():
        raise FileNotFoundError(
            f"{chromium}: Chromium not found; install it with "
            "`bash .ci/install-browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(index.resolve().as_uri(), wait_until="load")
        page.wait_for_function(
            "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise.then(() => true)",
            timeout=60_000,
        )
        page.emulate_media(media="print")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
        browser.close()
    return target


def main(arguments: list[str]) -> int:
    """Build the PDF edition into _build/extra (and _build/html when the site exists)."""
    root = Path(arguments[0]) if arguments else Path.cwd()
    name = download_names(project_version(root))["pdf_edition"]
    written = print_to_pdf(build_single_page(root), root / "_build" / "extra" / name)
    site = root / "_build" / "html"
    if site.is_dir():
        shutil.copy2(written, site / name)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
