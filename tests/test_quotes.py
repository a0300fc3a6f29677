"""Every passage the book presents as the paper's words is in the paper, verbatim.

The paper's text is read from ``../shared/seed/`` beside the repository root (or the folder
``CAORDER_PAPER_DIR`` names); the tests that need it skip, saying so, only when it is absent.
The convention for what counts as a quotation is in :mod:`caorder.quotes` and in the chapter
*Data and methods*.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from caorder import paths, quotes

#: Quotes failing in files this branch does not own, reported to the lead with the fix.
#: The test fails if one of them is fixed (remove it here) or a new failure appears.
KNOWN_ELSEWHERE = {
    ("book/intro.md", "C5+X"),
    ("book/undl_official_file.md", "General Assembly voting data"),
    (
        "notebooks/ch3_sovereignty.ipynb",
        "Situation of human rights in the Islamic Republic of Iran",
    ),
}

PAPER = (
    " Abstract\n\nThis article reflects on regionalism.\n This paper offers reflections on "
    "discourses of regional-\nism, a “new wind”1 in the region.\n\n1 Regionalism and Central "
    "Asia\n\nCentral Asia is “the region that isn’t,”9 thus negating it.\n\n9 Krapohl, "
    "“The Region that Isn’t.”\n the text goes on—after a page break.\n\n2 The Concept of "
    "Order\n\nAfter all, “to bring order” is a normative statement.\n\n3 Central Asia as an "
    "Order\n\nFirst is sovereignty. Much later, second is diplomacy.\n\n4 Final Reflections and "
    "Further Research\n\nThe end.\n"
)


@pytest.fixture(scope="module")
def toy() -> quotes.Paper:
    return quotes.Paper(PAPER)


def failing(paper: quotes.Paper, root: Path | None = None) -> set[tuple[str, str]]:
    return {(q.source.split(" ")[0], q.text) for q in paper.failures(quotes.book_quotes(root))}


def test_normalising_quotes_dashes_hyphens_markers_and_space():
    assert quotes.normalise("regional-\n  ism “the region that isn’t,”9 thus") == (
        "regionalism 'the region that isn't' thus"
    )
    dashed = quotes.normalise("transformation—if not")
    assert dashed == quotes.normalise("transformation -- if not") == "transformation if not"
    assert quotes.normalise("neo-\npatrimonial") == quotes.normalise("neo-patrimonial")
    assert quotes.normalise("A/RES/72/283 and COVID-19") == "A/RES/72/283 and COVID19"


def test_the_toy_paper_splits_into_its_sections(toy):
    assert set(toy.sections) == set(quotes.SECTIONS)
    assert toy.contains("to bring order", ("§2",))
    assert not toy.contains("to bring order", ("§1", "§3"))
    assert toy.contains('a "new wind" in the region', ("Introduction",))
    assert toy.contains("Central Asian Regionalism or Central Asian Order?", ("Title",))


def test_quotes_match_across_markers_nesting_case_and_ellipsis(toy):
    assert toy.contains("the region that isn't", ("§1",))
    assert toy.contains("Central Asia is 'the region that isn't'")
    assert toy.contains('After all, "to bring order" is a normative statement.')
    assert toy.contains("after all")
    assert toy.contains("First is sovereignty. ... second is diplomacy", ("§3",))
    assert not toy.contains("second is diplomacy. ... First is sovereignty", ("§3",))
    assert not toy.contains("bringing order")


def test_a_sentence_broken_by_footnotes_rejoins(toy):
    assert toy.contains("thus negating it. the text goes on", ("§1",))


def test_section_labels():
    assert quotes.sections_named("§3 Central Asia as an Order") == ("§3",)
    assert quotes.sections_named("Introduction and §1 Regionalism") == ("Introduction", "§1")
    with pytest.raises(ValueError, match="names no section"):
        quotes.sections_named("Conclusion")


def test_which_passages_count_as_quotations_of_the_paper():
    page = (
        'Titles: Contributors (2026). "A chapter". Chapter 1.\n\n'
        'Bohr called it "impossible" {cite:p}`bohr2003`; the paper calls the region\n'
        "\"failed\" {cite:p}`costaburanelli2021` (§1), and 'software' is a term.\n\n"
        'In code `"x"` no quote; "to bring order" {cite:p}`costaburanelli2021{§2}`.\n\n'
        '```python\nprint("code")\n```\n\n'
        '```{note}\nA note that "sync their watches".\n```\n'
    )
    found = quotes.quotes_in_markdown(page, "page.md")
    assert [(q.text, q.sections, q.line) for q in found] == [
        ("failed", ("§1",), 4),
        ("to bring order", ("§2",), 6),
        ("sync their watches", None, 13),
    ]


def test_every_quote_of_the_paper_is_verbatim(paper):
    failures = failing(paper)
    new = sorted(failures - KNOWN_ELSEWHERE)
    assert not new, "quotes not found verbatim in the paper (file, quote):\n" + "\n".join(
        f'  {source}: "{text}"' for source, text in new
    )


def test_the_known_failures_elsewhere_still_fail(paper):
    fixed = sorted(KNOWN_ELSEWHERE - failing(paper))
    assert not fixed, f"fixed, remove from KNOWN_ELSEWHERE: {fixed}"


def test_the_register_quotes_are_checked_in_their_sections():
    register = [q for q in quotes.book_quotes() if q.source.startswith("data/claims/")]
    assert register and all(q.sections for q in register)


def copy_of_the_book(tmp_path: Path) -> Path:
    """A copy of the pages, notebooks and register that a test may alter."""
    root = paths.repo_root()
    for folder in ("book", "notebooks", "data/claims"):
        shutil.copytree(
            root / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"),
        )
    return tmp_path


def test_an_altered_page_quote_fails_and_is_named(paper, tmp_path):
    root = copy_of_the_book(tmp_path)
    page = root / "book" / "ch2_order.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\nThe article says "bringing order" {cite:p}`costaburanelli2021` (§2).\n',
        encoding="utf-8",
    )
    assert ("book/ch2_order.md", "bringing order") in failing(paper, root) - KNOWN_ELSEWHERE


def test_an_altered_register_quote_or_section_fails(paper, tmp_path):
    root = copy_of_the_book(tmp_path)
    register = root / "data" / "claims" / "concept_of_order.yml"
    text = register.read_text(encoding="utf-8")
    quote = "regionalism presupposes an order, but an order does not necessarily have to morph"
    assert quote in text
    register.write_text(
        text.replace(quote, quote.replace("presupposes", "requires")), encoding="utf-8"
    )
    altered = {
        text for source, text in failing(paper, root) if source.endswith("concept_of_order.yml")
    }
    assert len(altered) == 1 and "requires an order" in altered.pop()
    # The right words in the wrong section fail too.
    register.write_text(
        text.replace('"§2 The Concept of Order"', '"§4 Final"', 1), encoding="utf-8"
    )
    assert any(source.endswith("concept_of_order.yml") for source, _ in failing(paper, root))


def test_an_altered_notebook_quote_fails(paper, tmp_path):
    root = copy_of_the_book(tmp_path)
    notebook = root / "notebooks" / "ch2_framework.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"].append(
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ['The five "never act together", the paper says.'],
        }
    )
    notebook.write_text(json.dumps(data), encoding="utf-8")
    assert ("notebooks/ch2_framework.ipynb", "never act together") in failing(paper, root)
