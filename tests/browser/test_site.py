"""The built website in a real browser: pages, phones, images, links, search, downloads."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from caorder.book_ext import download_names

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SKIP_DIRS = ("_static", "_sources", "_images")


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in SKIP_DIRS
    )


@dataclass
class PageReport:
    """What one page did in the browser."""

    errors: list[str] = field(default_factory=list)
    overflow: int = 0


@pytest.fixture(scope="session")
def reports(site: Path, base_url: str, browser) -> dict[str, PageReport]:
    """Open every page at desktop size (console errors) and at 390 px (horizontal overflow)."""
    found: dict[str, PageReport] = {}
    desktop = browser.new_context(viewport=DESKTOP)
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    for name in pages(site):
        report = found[name] = PageReport()
        page = desktop.new_page()
        page.on(
            "console", lambda m, r=report: r.errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e, r=report: r.errors.append(str(e)))
        page.goto(f"{base_url}/{name}", wait_until="load")
        page.wait_for_timeout(150)
        page.close()
        if 'http-equiv="Refresh"' in (site / name).read_text(encoding="utf-8"):
            continue  # a redirect (index.html): its target page is checked on its own
        small = phone.new_page()
        small.goto(f"{base_url}/{name}", wait_until="load")
        report.overflow = small.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        small.close()
    desktop.close()
    phone.close()
    return found


def test_every_page_loads_without_console_errors(reports: dict[str, PageReport]) -> None:
    failing = {name: r.errors for name, r in reports.items() if r.errors}
    assert not failing, f"console errors: {failing}"


def test_no_page_scrolls_sideways_on_a_phone(reports: dict[str, PageReport]) -> None:
    wide = {name: r.overflow for name, r in reports.items() if r.overflow > 1}
    assert not wide, f"pages wider than a 390 px screen (extra px): {wide}"


def _soup(site: Path, name: str) -> BeautifulSoup:
    """The parsed HTML of one page."""
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_every_image_has_alt_text(site: Path) -> None:
    missing = [
        f"{name}: {img.get('src')}"
        for name in pages(site)
        for img in _soup(site, name).find_all("img")
        if not img.get("alt", "").strip()
    ]
    assert not missing, f"images without alt text: {missing}"


def _ids(site: Path, target: Path, cache: dict[Path, set[str]]) -> set[str]:
    """The ids and names a page defines (cached)."""
    if target not in cache:
        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        cache[target] = {t.get("id") for t in soup.find_all(id=True)} | {
            t.get("name") for t in soup.find_all("a", attrs={"name": True})
        }
    return cache[target]


def broken_links(site: Path) -> list[str]:
    """Internal links whose file or anchor does not exist."""
    broken, cache = [], {}
    for name in pages(site):
        page = site / name
        for link in _soup(site, name).find_all("a", href=True):
            href = link["href"]
            if urlparse(href).scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            path, fragment = urldefrag(href)
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{name} -> {href}")
            elif (
                fragment
                and target.suffix == ".html"
                and unquote(fragment) not in _ids(site, target, cache)
            ):
                broken.append(f"{name} -> {href} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = broken_links(site)
    assert not broken, f"{len(broken)} broken links: {broken[:30]}"


def test_search_finds_kazakhstan(base_url: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/search.html?q=Kazakhstan", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=30_000)
    assert page.locator("#search-results ul.search li").count() > 0
    page.close()


def test_every_claim_has_its_anchor_on_the_ledger(site: Path) -> None:
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    ids = _ids(site, site / "notebooks" / "claims_ledger.html", {})
    missing = [c["id"] for c in claims if c["anchor"] not in ids]
    assert not missing, f"claims without their anchor on the ledger page: {missing}"


def test_ledger_table_links_resolve(site: Path, base_url: str, browser) -> None:
    ledger = _soup(site, "notebooks/claims_ledger.html")
    links = [a["href"] for a in ledger.select("table.caorder-ledger a[href]")]
    if not links:
        pytest.skip("the ledger page has no claim lines yet (caorder.present.claim_lines)")
    page = browser.new_page()
    for href in links:
        page.goto(urljoin(f"{base_url}/notebooks/claims_ledger.html", href), wait_until="load")
        fragment = urldefrag(href)[1]
        assert page.locator(f"[id='{fragment}']").count() == 1, href
    page.close()


def test_downloads_exist(site: Path) -> None:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        names = download_names(tomllib.load(handle)["project"]["version"])
    missing = [name for name in names.values() if not (site / name).is_file()]
    notebooks = [p for p in pages(site) if p.startswith("notebooks/")]
    missing += [
        f"_sources/{p[:-5]}.ipynb"
        for p in notebooks
        if not (site / "_sources" / f"{p[:-5]}.ipynb").is_file()
    ]
    assert not missing, (
        f"downloads missing from the site: {missing} (run `make book`; "
        "the PDF needs `make pdf`, the archive a git checkout)"
    )


def test_appendix_table_is_interactive_offline(base_url: str, browser) -> None:
    context = browser.new_context(offline=False)
    context.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    page = context.new_page()
    page.goto(f"{base_url}/notebooks/ch3_appendix_classified.html", wait_until="load")
    page.wait_for_selector("table.dataTable", timeout=30_000)
    search = page.locator(".dt-search input").first
    search.fill("A/RES/68/262")
    page.wait_for_timeout(300)
    rows = page.locator("table.dataTable tbody tr")
    assert rows.count() >= 1 and "A/RES/68/262" in rows.first.inner_text()
    context.close()
