"""The PDF edition: the whole book on one HTML page, printed by headless Chromium.

``python -m caorder.pdf`` (``make pdf``) builds the single-page HTML edition with Jupyter
Book (it reuses the executed notebooks of ``make book``), prints it with Debian's Chromium
through Playwright (A4, page numbers in the footer, the print styles of ``caorder.css``) and
writes ``central-asian-order-<version>.pdf`` into ``_build/extra`` and, if the website is
built, into ``_build/html`` too, where every page links it.

The PDF opens with a title page (version and date, :mod:`caorder.edition`) and a contents
list with page numbers; it has bookmarks (the document outline) and is a tagged PDF. The
page numbers of the contents come from a first printing: the pages on which each heading
appears are read back with ``pdftotext`` (poppler-utils) and written into the contents
before the final printing, which paginates the same way. Folded tables are printed open and
interactive tables with all their rows.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from caorder.book_ext import download_names
from caorder.edition import build_date, project_version

CHROMIUM = Path("/usr/bin/chromium")
PDFTOTEXT = "pdftotext"
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
    'Central Asian Order, version {version}, page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></div>'
)
TITLE = "Central Asian Order"
SUBTITLE = "A Reproducible Companion to Costa Buranelli (2021)"
#: Printed at the end of the contents, so that headings are looked for only after it.
END_OF_CONTENTS = "End of contents"

#: Runs in the page before printing: title page, contents (chapters and their sections),
#: folded tables opened, interactive tables showing every row. Returns the contents entries.
PREPARE = r"""
([title, subtitle, version, date, endMarker]) => {
  const article = document.querySelector("article.bd-article") || document.body;
  // The theme's print header (page title and its contents) is replaced by ours.
  document.querySelectorAll("#jb-print-docs-body").forEach((e) => e.remove());
  document.querySelectorAll("details").forEach((d) => {
    if (!d.classList.contains("hide")) d.open = true;
  });
  document.querySelectorAll(".dt-length select").forEach((s) => {
    s.value = "-1"; s.dispatchEvent(new Event("change", { bubbles: true }));
  });
  // Every page of the book starts with a marker span (the single-page builder's
  // start_of_file); its first section's heading is the page title. Chapters are the
  // shallowest pages, their sections one level below; deeper pages are left out.
  const starts = [...article.querySelectorAll('span[id^="document-"]')];
  const found = starts.map((span) => {
    let section = span.nextElementSibling;
    while (section && section.tagName !== "SECTION") section = section.nextElementSibling;
    const heading = section && section.querySelector(":scope > h1, :scope > h2, :scope > h3");
    if (!heading || !section.id) return null;
    let depth = 0;
    for (let n = section.parentElement; n; n = n.parentElement) {
      if (n.tagName === "SECTION") depth++;
    }
    const clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return { id: section.id, text: clone.textContent.replace(/\s+/g, " ").trim(), depth };
  }).filter((e) => e && e.text);
  const top = Math.min(...found.map((e) => e.depth));
  const entries = found.filter((e) => e.depth <= top + 1).map((e, k) =>
    ({ id: e.id, text: e.text, level: e.depth - top + 1, key: "toc-" + k }));
  const esc = (s) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
  const items = entries.map((e) =>
    `<li class="level-${e.level}"><a class="title" href="#${e.id}">${esc(e.text)}</a>` +
    `<span class="dots"></span><span class="page" id="${e.key}"></span></li>`).join("");
  const front = document.createElement("div");
  front.className = "caorder-print-only caorder-front";
  front.innerHTML =
    `<section class="caorder-title-page"><p class="caorder-title">${esc(title)}</p>` +
    `<p>${esc(subtitle)}</p>` +
    `<p>Version ${esc(version)}, ${esc(date)}</p>` +
    `<p>Central Asian Order contributors</p></section>` +
    `<nav class="caorder-print-toc" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol>` +
    `<p style="font-size:7pt;color:#666">${esc(endMarker)}</p></nav>`;
  article.prepend(front);
  return entries;
}
"""


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


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (``pdftotext``; pages are split at form feeds)."""
    if shutil.which(PDFTOTEXT) is None:
        raise FileNotFoundError(
            f"{PDFTOTEXT}: not found; install poppler-utils (`bash .ci/install-browser`)"
        )
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").split("\f")


def _squash(text: str) -> str:
    """Text compared without spacing, case or hyphenation differences."""
    return re.sub(r"[\s\u00ad\-‐]+", "", text).casefold()


def heading_pages(pages: list[str], headings: list[str], after: str = END_OF_CONTENTS) -> list[int]:
    """The 1-based page on which each heading appears, searched in order after ``after``.

    A heading not found (0) does not move the search on.
    """
    squashed = [_squash(page) for page in pages]
    start = next((k for k, page in enumerate(squashed) if _squash(after) in page), 0) + 1
    found = []
    for heading in headings:
        needle = _squash(heading)[:60]
        page = next((k for k in range(start, len(squashed)) if needle in squashed[k]), None)
        if page is None:
            found.append(0)
        else:
            found.append(page + 1)
            start = page
    return found


def print_to_pdf(index: Path, target: Path, root: Path, chromium: Path = CHROMIUM) -> Path:
    """Print ``index`` to ``target`` with title page, numbered contents and bookmarks."""
    if not chromium.exists():
        raise FileNotFoundError(
            f"{chromium}: Chromium not found; install it with "
            "`bash .ci/install-browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    version, date = project_version(root), build_date(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    options = {
        "format": "A4",
        "print_background": True,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": FOOTER.format(version=version),
        "margin": {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        "outline": True,
        "tagged": True,
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(index.resolve().as_uri(), wait_until="load")
        page.wait_for_function(
            "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise.then(() => true)",
            timeout=60_000,
        )
        page.emulate_media(media="print")
        entries = page.evaluate(PREPARE, [TITLE, SUBTITLE, version, date, END_OF_CONTENTS])
        page.wait_for_timeout(500)
        with tempfile.TemporaryDirectory() as scratch:
            draft = Path(scratch) / "draft.pdf"
            page.pdf(path=str(draft), **options)
            numbers = heading_pages(pdf_pages(draft), [e["text"] for e in entries])
        page.evaluate(
            "(pairs) => pairs.forEach(([key, n]) => {"
            " document.getElementById(key).textContent = n ? String(n) : ''; })",
            [[e["key"], n] for e, n in zip(entries, numbers)],
        )
        page.pdf(path=str(target), **options)
        browser.close()
    # The contents with their pages, for the tests (kept beside the single-page edition).
    (index.parent / "contents.json").write_text(
        json.dumps(
            [{"heading": e["text"], "page": n} for e, n in zip(entries, numbers)],
            indent=1,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return target


def main(arguments: list[str]) -> int:
    """Build the PDF edition into _build/extra (and _build/html when the site exists)."""
    root = Path(arguments[0]) if arguments else Path.cwd()
    name = download_names(project_version(root))["pdf_edition"]
    written = print_to_pdf(build_single_page(root), root / "_build" / "extra" / name, root)
    site = root / "_build" / "html"
    if site.is_dir():
        shutil.copy2(written, site / name)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
