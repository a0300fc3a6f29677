"""The book as its readers meet it, at 1366 px and 390 px: verdicts at a glance, verdict
tables never clipped, figures that read on a phone, one version in every citation, table
numbers that match the PDF edition, and the small things (search, next page, dark mode)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup

from caorder.book_ext import download_names

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("_static", "_sources", "_images")
    )


with open(ROOT / "pyproject.toml", "rb") as _handle:
    VERSION = tomllib.load(_handle)["project"]["version"]
LEDGER = "notebooks/claims_ledger.html"
VERDICT_PAGES = [
    LEDGER,
    "book/ch1_verdicts.html",
    "book/ch3_verdicts.html",
    "book/ch4_verdicts.html",
]
#: Smallest text in a figure, in CSS px, when it is shown at a phone's page width.
MIN_FIGURE_TEXT = 8.5
_SCALE = re.compile(r"scale\(([0-9.]+) -\1\)")


def _soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def _pdf_text() -> str:
    """The PDF edition's text, or a skip saying how to make it."""
    pdf = ROOT / "_build" / "html" / download_names(VERSION)["pdf_edition"]
    if not pdf.exists() or shutil.which("pdftotext") is None:
        pytest.skip("no PDF edition or no pdftotext: run `make pdf` (and .ci/install-browser)")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_no_page_shows_a_figure_placeholder_or_a_nan_verdict(site: Path) -> None:
    bad = []
    for name in pages(site):
        text = " ".join(_soup(site, name).get_text(" ").split())
        for phrase in ("<Figure size", "would be nan"):
            if phrase in text:
                bad.append(f"{name}: {phrase!r}")
    assert not bad, bad


def test_the_pdf_shows_no_figure_placeholder_and_numbers_what_the_site_numbers(site: Path) -> None:
    text = _pdf_text()
    flat = re.sub(r"\s+", " ", text)
    assert "<Figure size" not in flat, "a figure placeholder in the PDF"
    assert f"Version {VERSION}" in flat.split("Contents")[0], "title page without the version"
    numbers = set()
    for name in pages(site):
        for span in _soup(site, name).select(".caption-number"):
            found = re.match(r"(Table|Figure) ([0-9A-Z]+\.[0-9]+(?:\.[0-9]+)?)", span.get_text())
            if found:
                numbers.add(found.group(0))
    assert numbers, "no numbered figures or tables on the site"
    missing = sorted(n for n in numbers if n not in flat)
    assert not missing, f"numbers on the site that the PDF lacks: {missing[:20]}"
    assert "would be nan" not in flat, "a verdict 'would be nan' in the PDF"


def test_the_pdf_has_an_outline_tags_and_a_contents_list_with_pages(site: Path) -> None:
    _pdf_text()
    raw = (ROOT / "_build" / "html" / download_names(VERSION)["pdf_edition"]).read_bytes()
    assert b"/Outlines" in raw, "no bookmarks (document outline)"
    assert b"/StructTreeRoot" in raw, "not a tagged PDF"
    contents = json.loads((ROOT / "_build" / "singlehtml" / "contents.json").read_text())
    assert len(contents) > 12 and all(entry["page"] > 0 for entry in contents), [
        e for e in contents if not e["page"]
    ]


def test_every_cite_box_and_footer_carry_the_version(site: Path) -> None:
    bad = []
    for name in pages(site):
        soup = _soup(site, name)
        for box in soup.select(".cite-this"):
            if f"version {VERSION}" not in box.get_text(" "):
                bad.append(f"{name}: cite box")
        foot = soup.select_one(".caorder-edition")
        if foot is not None and f"version {VERSION}" not in foot.get_text(" "):
            bad.append(f"{name}: footer")
    how = _soup(site, "book/how_to_cite.html").get_text(" ")
    assert how.count(VERSION) >= 5 and "0.1.0" not in how
    cff = (site / "CITATION.cff").read_text(encoding="utf-8")
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert f"\nversion: {VERSION}\n" in cff and claims["book_version"] == VERSION
    assert f"date-released: {claims['book_date']}" in cff
    assert not bad, bad


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "390px"])
def test_no_verdict_is_clipped(base_url: str, browser, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    clipped = {}
    for name in VERDICT_PAGES:
        page.goto(f"{base_url}/{name}", wait_until="load")
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('.caorder-badge')].filter((b) => {
                 if (b.closest('details:not([open])')) return false;
                 const r = b.getBoundingClientRect();
                 let box = b.parentElement;
                 while (box && getComputedStyle(box).overflowX === 'visible') {
                   box = box.parentElement;
                 }
                 const edge = box ? box.getBoundingClientRect().right : 1e9;
                 const right = Math.min(window.innerWidth, edge);
                 return r.width > 0 && r.right > right + 1;
               }).map((b) => b.textContent.trim())"""
        )
        if hidden:
            clipped[name] = hidden[:5]
    context.close()
    assert not clipped, f"badges cut off at {viewport['width']} px: {clipped}"


def test_the_ledger_glance_is_within_two_desktop_screens(base_url: str, browser) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base_url}/{LEDGER}", wait_until="load")
    bottom = page.evaluate(
        "() => document.querySelector('table.caorder-matrix').getBoundingClientRect().bottom"
        " + window.scrollY"
    )
    context.close()
    assert bottom <= 2 * DESKTOP["height"], f"the verdict matrix ends at {bottom:.0f} px"


def test_every_verdict_map_links_to_ledger_entries(site: Path) -> None:
    ids = {t.get("id") for t in _soup(site, LEDGER).find_all(id=True)}
    for name in VERDICT_PAGES:
        matrix = _soup(site, name).select_one("table.caorder-matrix")
        assert matrix is not None, f"{name}: no verdict map"
        links = [urldefrag(a["href"])[1] for a in matrix.select("a[href]")]
        assert links and all(f in ids for f in links), name


def test_claims_json_gives_a_section_url_and_figures_per_claim(site: Path) -> None:
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    for claim in claims:
        path, fragment = urldefrag(claim["section_url"])
        target = _soup(site, path)
        assert not fragment or target.find(id=fragment) is not None, claim["section_url"]
        assert isinstance(claim["figures"], list)
    with_figures = [c for c in claims if c["figures"]]
    assert with_figures, "no claim names its figure"


def test_every_figure_reads_on_a_phone(site: Path, base_url: str, browser) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    small = []
    for name in pages(site):
        if not _soup(site, name).select("img[src$='.svg'], img[src$='.png']"):
            continue
        page.goto(f"{base_url}/{name}", wait_until="load")
        shown = page.evaluate(
            """() => [...document.querySelectorAll('main img')].map((i) => ({
                 src: i.getAttribute('src'), width: i.getBoundingClientRect().width,
                 natural: i.naturalWidth, enlarge: !!i.closest('a[href]')}))"""
        )
        for image in shown:
            if not image["src"].endswith(".svg") or image["enlarge"]:
                continue
            svg = (site / name).parent.joinpath(image["src"]).resolve().read_text(encoding="utf-8")
            width = float(re.search(r'width="([0-9.]+)pt"', svg).group(1))
            scales = [float(s) for s in _SCALE.findall(svg)]
            if scales and 100 * min(scales) * image["width"] / width < MIN_FIGURE_TEXT:
                small.append(f"{name}: {image['src']}")
    context.close()
    assert not small, f"figures whose text is below {MIN_FIGURE_TEXT} px at 390 px: {small}"


def test_chapter_pages_list_their_claims_with_labels(site: Path) -> None:
    for chapter in ("ch1_regionalism", "ch3_central_asia_order", "ch4_further_research"):
        items = _soup(site, f"book/{chapter}.html").select("ul.caorder-claims li")
        assert items
        for item in items:
            words = item.get_text(" ").split()
            assert len(words) > 4, f"{chapter}: {item.get_text(' ')!r} has no label"


def test_bibliography_labels_are_decoded_and_sorted(site: Path) -> None:
    labels = [
        s.get_text().strip("[] ")
        for s in _soup(site, "book/bibliography.html").select("dl.citation > dt, .citation .label")
    ]
    assert labels, "no bibliography labels found"
    assert not [label for label in labels if "{" in label or "\\" in label], labels
    keys = [label.casefold() for label in labels]
    assert keys == sorted(keys, key=lambda k: re.sub(r"[^a-z0-9 ]", "", k)) or keys[0] < keys[-1]


def test_chapter_4_leads_to_chapter_5(site: Path) -> None:
    nxt = _soup(site, "book/ch4_verdicts.html").select_one("a.right-next")
    assert nxt is not None and "data_and_methods" in nxt["href"], nxt


def test_search_lists_the_glossary_first_for_its_terms(base_url: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/search.html?q=kappa", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=30_000)
    first = page.locator("#search-results ul.search li a").first.get_attribute("href")
    page.close()
    assert "glossary" in first, first


def _luminance(rgb: str) -> float:
    """Relative luminance of a CSS rgb()/rgba() colour (WCAG)."""
    r, g, b = (int(v) / 255 for v in re.findall(r"[0-9.]+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_dark_mode_tables_keep_contrast(base_url: str, browser) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{base_url}/{LEDGER}", wait_until="load")
    page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
    colours = page.evaluate(
        """() => [...document.querySelectorAll(
               'table.caorder-table caption, table.caorder-table td')].slice(0, 40).map((e) => {
               let bg = 'rgba(0, 0, 0, 0)', n = e;
               while (n && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
                 bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
               return [getComputedStyle(e).color, bg]; })"""
    )
    context.close()
    worst = min(
        (max(_luminance(a), _luminance(b)) + 0.05) / (min(_luminance(a), _luminance(b)) + 0.05)
        for a, b in colours
        if not re.search(r"rgba\(0, 0, 0, 0\)", b)
    )
    assert worst >= 4.5, f"dark-mode contrast {worst:.1f}:1"
