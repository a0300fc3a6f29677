"""The book's Sphinx extension and the site's download files."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import pytest
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin

from caorder import book_ext, site


def _entry(key: str, authors: list[str], year: str) -> Entry:
    """A pybtex article entry."""
    return Entry(
        "article",
        fields={"year": year, "title": key},
        persons={"author": [Person(name) for name in authors]},
    )


def test_author_year_labels() -> None:
    entries = [
        _entry("a", ["Costa Buranelli, Filippo"], "2021"),
        _entry("b", ["Cornell, Svante", "Starr, S. Frederick"], "2018"),
        _entry("c", ["Krapohl, Sebastian", "Vasileva-Dienes, Alexandra", "Other, A."], "2020"),
        _entry("d", ["Bohr, Annette"], "2004"),
        _entry("e", ["Bohr, Annette"], "2004"),
    ]
    labels = list(book_ext.AuthorYearLabelStyle().format_labels(entries))
    assert labels == [
        "Costa Buranelli 2021",
        "Cornell and Starr 2018",
        "Krapohl et al. 2020",
        "Bohr 2004a",
        "Bohr 2004b",
    ]


def test_caorder_style_is_registered_for_sphinxcontrib_bibtex() -> None:
    book_ext.register_bibliography_style()
    style = find_plugin("pybtex.style.formatting", "caorder")
    assert style is book_ext.AuthorYearStyle


def test_download_names_carry_the_version() -> None:
    names = book_ext.download_names("0.2.0")
    assert names["source_archive"] == "central-asian-order-0.2.0-src.tar.gz"
    assert names["pdf_edition"] == "central-asian-order-0.2.0.pdf"


def _git(root: Path, *args: str) -> None:
    """Run git quietly in ``root`` with a fixed identity."""
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def test_source_archive_from_a_checkout(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "9.8.7"\n')
    (root / "README.md").write_text("two commands\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "init")
    written = site.write_source_archive(root, tmp_path / "extra")
    assert written is not None and written.name == "central-asian-order-9.8.7-src.tar.gz"
    with tarfile.open(written) as archive:
        assert "central-asian-order-9.8.7/README.md" in archive.getnames()


def test_no_archive_outside_a_checkout(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.0"\n')
    assert site.write_source_archive(tmp_path, tmp_path / "extra") is None
    assert "not a git checkout" in capsys.readouterr().out
    assert not (tmp_path / "extra").exists()


def _toc(doc: str, anchors: list[str], numbers: list[list[int]], toctree: bool):
    """A page's toc as Sphinx stores it: title item, nested section items, maybe a toctree."""
    from docutils import nodes
    from sphinx import addnodes

    def item(anchor: str, number: list[int]) -> nodes.list_item:
        reference = nodes.reference(
            "", anchor or doc, internal=True, refuri=doc, anchorname=anchor, secnumber=number
        )
        return nodes.list_item("", addnodes.compact_paragraph("", "", reference))

    top = item("", numbers[0])
    inner = nodes.bullet_list("", *[item(a, n) for a, n in zip(anchors, numbers[1:])])
    if toctree:
        inner += addnodes.toctree()
    top += inner
    return nodes.bullet_list("", top)


def test_chapter_sub_pages_are_numbered_from_one() -> None:
    from types import SimpleNamespace

    env = SimpleNamespace(
        tocs={
            "ch1": _toc("ch1", ["#argument", "#tests"], [[1], [1, 1], [1, 2]], True),
            "nb1": _toc("nb1", ["#part"], [[1, 3], [1, 3, 1]], False),
            "ch2": _toc("ch2", [], [[2]], True),
        },
        toc_secnumbers={
            "ch1": {"": (1,), "#argument": (1, 1), "#tests": (1, 2)},
            "nb1": {"": (1, 3), "#part": (1, 3, 1)},
            "ch2": {"": (2,)},
        },
        titles={"nb1": {"secnumber": [1, 3]}},
    )
    changed = book_ext.renumber_chapter_pages(None, env)
    assert sorted(changed) == ["ch1", "nb1"]
    assert env.toc_secnumbers["ch1"] == {"": (1,), "#argument": (), "#tests": ()}
    assert env.toc_secnumbers["nb1"] == {"": (1, 1), "#part": (1, 1, 1)}
    assert env.titles["nb1"]["secnumber"] == [1, 1]
    numbers = [r.get("secnumber") for r in env.tocs["nb1"].findall(lambda n: "refuri" in n)]
    assert numbers == [[1, 1], [1, 1, 1]]
    assert [r.get("secnumber") for r in env.tocs["ch1"].findall(lambda n: "refuri" in n)] == [
        [1],
        None,
        None,
    ]


def test_bibliography_labels_are_plain_text() -> None:
    entries = [
        Entry(
            "misc",
            fields={"year": "2020", "title": "b"},
            persons={"author": [Person("{Akipress}")]},
        ),
        Entry(
            "misc",
            fields={"year": "2026", "title": "a"},
            persons={"author": [Person('{United Nations Dag Hammarskj{\\"o}ld Library}')]},
        ),
    ]
    labels = list(book_ext.AuthorYearLabelStyle().format_labels(entries))
    assert labels == ["Akipress 2020", "United Nations Dag Hammarskjöld Library 2026"]


def test_bibliography_is_sorted_on_the_names_as_read() -> None:
    entries = [
        _entry("w", ["Waskom, Michael"], "2021"),
        Entry(
            "misc",
            fields={"year": "2020", "title": "t"},
            persons={"author": [Person("{Akipress}")]},
        ),
    ]
    ordered = book_ext.PlainSortingStyle().sort(entries)
    assert [e.fields["year"] for e in ordered] == ["2020", "2021"]


def test_version_and_date_tokens_are_replaced_everywhere() -> None:
    text = "Version {{ book_version }} ({{ build_date }}).\n  version = {{{ book_version }}},"
    assert book_ext.substitute_facts(text, "0.2.0", "2026-12-04") == (
        "Version 0.2.0 (2026-12-04).\n  version = {0.2.0},"
    )


def test_the_table_number_placeholder_is_the_one_present_writes() -> None:
    from caorder import present

    assert book_ext.TABLE_NUMBER == present.TABLE_NUMBER_PLACEHOLDER
    html = present.html_table(
        __import__("pandas").DataFrame({"a": [1]}), "One", "tab-one"
    )._repr_html_()
    assert book_ext._tables_in(html + html) == ["tab-one", "tab-one"]


def test_references_written_by_present_are_recognised() -> None:
    from caorder import present

    assert book_ext.REFERENCE.fullmatch(present.reference("fig-c3-2-panel"))[1] == "fig-c3-2-panel"
    match = book_ext.REFERENCE.fullmatch(present.reference("tab-x", text="the table"))
    assert match[1] == "tab-x" and match[2] == "the table"


def test_citation_cff_gets_the_books_version_and_date_only() -> None:
    text = (
        "title: x\nversion: 0.1.0\nlicense: MIT\npreferred-citation:\n  version: 0.1.0\n"
        "references:\n  - type: software\n    version: 0.3.0\n"
    )
    out = site.citation_cff(text, "0.2.0", "2026-12-04")
    assert "\nversion: 0.2.0\n" in out and "\n  version: 0.2.0\n" in out
    assert "date-released: 2026-12-04\nlicense: MIT" in out
    assert out.endswith("    version: 0.3.0\n")
    assert site.citation_cff(out, "0.2.0", "2026-12-04") == out


def test_a_node_knows_its_page_in_the_single_page_edition() -> None:
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from sphinx import addnodes

    class Env:
        def path2doc(self, source: str) -> str:
            return source.removesuffix(".ipynb")

    page = new_document("notebooks/ch1_cohesion.ipynb", get_default_settings(Parser))
    raw = nodes.raw("", "<p/>", format="html")
    page += raw
    # The single-page builder sets start_of_file.children without the page's parent.
    wrapper = addnodes.start_of_file(docname="notebooks/ch1_cohesion")
    wrapper.children = [page]
    assert book_ext._page_of(raw, "book/intro", Env()) == "notebooks/ch1_cohesion"
    assert book_ext._page_of(nodes.raw("", "x"), "book/intro", Env()) == "book/intro"
