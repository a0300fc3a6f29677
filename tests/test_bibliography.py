"""The bibliography is complete for each entry type and every citation in the book resolves.

``book/references.bib`` is parsed with pybtex (the parser sphinxcontrib-bibtex uses). Each
entry must carry the fields its type needs for a usable reference; each DOI must be a bare
DOI (``10.xxxx/...``, not a URL); and every key cited with a ``{cite}`` role anywhere in
``book/*.md`` or in the notebooks (markdown cells and markdown outputs) must exist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_file

from caorder import paths

#: Per entry type, a list of requirements; each requirement is satisfied by any one of its
#: alternatives (a person role such as author/editor, or a field).
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journal",), ("year",)],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year",)],
    "incollection": [("author",), ("title",), ("booktitle",), ("year",)],
    "inproceedings": [("author",), ("title",), ("booktitle",), ("year",)],
    "misc": [("author", "organization", "howpublished"), ("title",), ("year",)],
    "online": [("author", "organization", "howpublished"), ("title",), ("year",)],
    "techreport": [("author", "organization", "institution"), ("title",), ("year",)],
    "phdthesis": [("author",), ("title",), ("school",), ("year",)],
}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
#: ``{cite}`k`, {cite:p}`a,b`, {cite:t}`k`, {cite:ps}`k` ... and pre/post notes ``{see}k{p. 3}``.
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
NOTE = re.compile(r"\{[^{}]*\}")


def bib_path() -> Path:
    return paths.repo_root() / "book" / "references.bib"


@pytest.fixture(scope="module")
def bibliography() -> BibliographyData:
    return parse_file(str(bib_path()), bib_format="bibtex")


def missing_fields(entry) -> list[str]:
    """The requirements of the entry's type that none of its alternatives satisfies."""
    present = {name.lower() for name, value in entry.fields.items() if str(value).strip()}
    present |= {role.lower() for role, people in entry.persons.items() if people}
    return [
        " or ".join(options)
        for options in REQUIRED[entry.type.lower()]
        if not present.intersection(options)
    ]


def cited_keys(text: str) -> set[str]:
    """Every key named in a cite role of ``text`` (comma-separated keys, notes removed)."""
    keys = set()
    for body in CITE_ROLE.findall(text):
        for key in body.split(","):
            key = NOTE.sub("", key).strip()
            if key:
                keys.add(key)
    return keys


def notebook_text(path: Path) -> str:
    """Markdown cells and markdown outputs of a notebook, joined."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in notebook.get("cells", []):
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown", "")
            parts.append("".join(markdown) if isinstance(markdown, list) else markdown)
    return "\n".join(parts)


def citations() -> dict[str, set[str]]:
    """Cited keys per source file (book pages and notebooks)."""
    root = paths.repo_root()
    found = {}
    for page in sorted((root / "book").glob("*.md")):
        found[page.name] = cited_keys(page.read_text(encoding="utf-8"))
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        found[notebook.name] = cited_keys(notebook_text(notebook))
    return found


def test_the_cite_pattern_reads_roles_keys_and_notes():
    text = (
        "as {cite:p}`costaburanelli2021` and {cite:t}`voeten2009data, bailey2017` argue;"
        " {cite}`cohen1960` {cite:ps}`{see}hix2005{p. 3}` but not `costaburanelli` alone"
    )
    assert cited_keys(text) == {
        "costaburanelli2021",
        "voeten2009data",
        "bailey2017",
        "cohen1960",
        "hix2005",
    }


def test_a_missing_field_is_reported():
    data = BibliographyData.from_string(
        "@article{x, author = {A, B}, title = {T}, year = {2020}}", "bibtex"
    )
    assert missing_fields(data.entries["x"]) == ["journal"]
    book = BibliographyData.from_string(
        "@book{y, editor = {E, F}, title = {T}, publisher = {P}, year = {2020}}", "bibtex"
    )
    assert missing_fields(book.entries["y"]) == []


def test_every_entry_type_is_known(bibliography):
    unknown = {k: e.type for k, e in bibliography.entries.items() if e.type.lower() not in REQUIRED}
    assert unknown == {}


def test_every_entry_has_the_fields_of_its_type(bibliography):
    incomplete = {
        key: missing
        for key, entry in bibliography.entries.items()
        if entry.type.lower() in REQUIRED and (missing := missing_fields(entry))
    }
    assert incomplete == {}


def unlocatable_article(entry) -> list[str]:
    """What an article lacks to be found: journal, volume, year, and pages or a DOI."""
    present = {name.lower() for name, value in entry.fields.items() if str(value).strip()}
    missing = [field for field in ("journal", "volume", "year") if field not in present]
    if not present & {"pages", "doi"}:
        missing.append("pages or doi")
    return missing


def test_an_article_without_volume_or_locator_is_reported():
    data = BibliographyData.from_string(
        "@article{x, author = {A, B}, title = {T}, journal = {J}, year = {2020}}"
        "@article{y, author = {A, B}, title = {T}, journal = {J}, volume = {8}, year = {2021},"
        " doi = {10.1/x}}",
        "bibtex",
    )
    assert unlocatable_article(data.entries["x"]) == ["volume", "pages or doi"]
    assert unlocatable_article(data.entries["y"]) == []


def test_every_article_has_journal_volume_year_and_pages_or_doi(bibliography):
    incomplete = {
        key: missing
        for key, entry in bibliography.entries.items()
        if entry.type.lower() == "article" and (missing := unlocatable_article(entry))
    }
    assert incomplete == {}, f"articles that cannot be located (add the fields): {incomplete}"


def test_every_doi_is_a_bare_doi(bibliography):
    bad = {
        key: entry.fields["doi"]
        for key, entry in bibliography.entries.items()
        if "doi" in entry.fields and not DOI.match(str(entry.fields["doi"]))
    }
    assert bad == {}


def test_every_cited_key_is_in_the_bibliography(bibliography):
    known = {key.lower() for key in bibliography.entries}
    unresolved = {
        source: sorted(k for k in keys if k.lower() not in known)
        for source, keys in citations().items()
    }
    assert {source: keys for source, keys in unresolved.items() if keys} == {}


def test_the_paper_itself_is_in_the_bibliography(bibliography):
    assert "costaburanelli2021" in bibliography.entries
