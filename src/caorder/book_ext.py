"""A small Sphinx extension for the book's page furniture (listed in ``_config.yml``).

- Chapter pages: their own headings ("The argument of §1") are left unnumbered and the
  sub-pages renumbered, so the sidebar reads 1.1, 1.2... instead of starting at 1.3.
- Author-year labels in the bibliography list ("Costa Buranelli 2021"), matching the
  author-year citations in the text, via a pybtex formatting style ``caorder``.
- Inline scripts are included once per page (Sphinx 7.4 adds body-only scripts registered
  after the builder started twice, which made every page fail with "Identifier
  'THEBE_JS_URL' has already been declared").
- The names of the downloads (source archive, PDF, ``claims.json``) are put into the page
  templates and into MyST substitutions, so that pages link them without typed versions; a
  source archive of a tree with uncommitted changes is labelled so on every page.
- A notebook page's "this notebook (.ipynb)" download is the notebook as executed for this
  build (myst-nb's ``jupyter_execute`` copy), not the committed file Sphinx copies.
- One version (``pyproject.toml``) and one date (the commit's) replace the tokens
  ``{{ book_version }}`` and ``{{ build_date }}`` in every page, code blocks included.
- Tables are numbered by chapter ("Table 3.9"; the teaching and reference parts apart, "T.1",
  "R.1") in the website and the single-page PDF edition alike, and links written by
  :mod:`caorder.present` to a figure or table label get its number ("Figure 3.2").
- Bibliography labels and their order use the names as read ("ö", not ``{\\"o}``); glossary
  terms come first in the search for their words.
"""

from __future__ import annotations

import codecs
import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from caorder.edition import build_date, project_version

logger = logging.getLogger(__name__)
SLUG = "central-asian-order"

__all__ = ["build_date", "download_names", "project_version", "setup"]


def download_names(version: str) -> dict[str, str]:
    """File names of the site's downloads for ``version``."""
    return {
        "source_archive": f"{SLUG}-{version}-src.tar.gz",
        "pdf_edition": f"{SLUG}-{version}.pdf",
        "claims_json": "claims.json",
    }


def _author_part(persons: list[Any]) -> str:
    """ "Smith", "Smith and Jones" or "Smith et al." from pybtex persons."""
    names = [plain(" ".join(p.prelast_names + p.last_names)) for p in persons]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels "Author Year", with a/b suffixes when two entries would get the same label."""

    def format_labels(self, sorted_entries):
        """Yield one label per entry, in the given order."""
        entries = list(sorted_entries)
        bases = [self._base(entry) for entry in entries]
        repeated = {base for base, n in Counter(bases).items() if n > 1}
        seen: Counter[str] = Counter()
        for base in bases:
            if base in repeated:
                seen[base] += 1
                yield f"{base}{chr(ord('a') + seen[base] - 1)}"
            else:
                yield base

    @staticmethod
    def _base(entry) -> str:
        """ "Author Year" from the entry's authors (or editors, or key) and year."""
        persons = entry.persons.get("author") or entry.persons.get("editor")
        who = _author_part(persons) if persons else entry.key
        return f"{who} {entry.fields.get('year', 'n.d.')}"


def plain(text: str) -> str:
    """BibTeX text as a reader sees it: accents decoded, braces dropped ("{\\"o}" -> "ö")."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)

    decoded = codecs.decode(str(text), "ulatex")
    return decoded.replace("{", "").replace("}", "")


class PlainSortingStyle(AuthorYearTitleSorting):
    """Sort entries by author, year and title as read, not as typed in BibTeX."""

    def sorting_key(self, entry):
        """(author, year, title) in plain lower-case text."""
        author, year, title = super().sorting_key(entry)
        return (plain(author).lower(), year, plain(title).lower())


class AuthorYearStyle(PlainStyle):
    """pybtex's ``plain`` formatting with author-year labels, sorted on plain text."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = PlainSortingStyle


def register_bibliography_style() -> None:
    """Make ``bibtex_default_style: caorder`` available to sphinxcontrib-bibtex."""
    register_plugin("pybtex.style.formatting", "caorder", AuthorYearStyle, force=True)


def _shift(number: tuple[int, ...], depth: int, above: int, offset: int) -> tuple[int, ...]:
    """``number`` with its entry at ``depth`` lowered by ``offset`` when it exceeds ``above``."""
    if len(number) > depth and number[depth] > above:
        return (*number[:depth], number[depth] - offset, *number[depth + 1 :])
    return number


def _renumber_doc(env: Any, doc: str, depth: int, above: int, offset: int) -> None:
    """Apply :func:`_shift` to every section number of ``doc`` (pages, sidebar, rel links)."""
    numbers = env.toc_secnumbers[doc]
    for anchor, number in numbers.items():
        if number:
            numbers[anchor] = _shift(tuple(number), depth, above, offset)
    for reference in env.tocs[doc].findall(nodes.reference):
        if reference.get("secnumber"):
            reference["secnumber"] = list(
                _shift(tuple(reference["secnumber"]), depth, above, offset)
            )
    title = env.titles.get(doc)
    if title is not None and title.get("secnumber"):
        title["secnumber"] = list(_shift(tuple(title["secnumber"]), depth, above, offset))


def renumber_chapter_pages(app: Sphinx, env: Any) -> list[str]:
    """Unnumber a chapter page's own headings and close the gap before its sub-pages.

    Sphinx numbers a page's own sections before its sub-pages, so chapter 1's first
    sub-page became "1.3". The chapter page's headings lose their numbers and every
    sub-page (and its sections) moves up, so the sidebar reads 1.1, 1.2...
    """
    changed = []
    for doc, toc in env.tocs.items():
        numbers = env.toc_secnumbers.get(doc) or {}
        prefix = numbers.get("")
        if not prefix or not list(toc.findall(addnodes.toctree)):
            continue
        depth = len(prefix)
        own = sorted({n[depth] for a, n in numbers.items() if a and n and len(n) > depth})
        if not own:
            continue
        # An empty number (not a missing one, which falls back to the page's) prints none.
        env.toc_secnumbers[doc] = {a: (n if not a else ()) for a, n in numbers.items()}
        for reference in toc.findall(nodes.reference):
            if reference.get("anchorname") and "secnumber" in reference:
                del reference["secnumber"]
        for other, other_numbers in env.toc_secnumbers.items():
            top = other_numbers.get("")
            if other != doc and top and tuple(top[:depth]) == tuple(prefix):
                _renumber_doc(env, other, depth, own[-1], len(own))
                changed.append(other)
        changed.append(doc)
    return changed


def dedupe_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Drop repeated scripts (same file or same inline body) from the page context."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in context.get("script_files", []):
        key = (str(script.filename or ""), str(getattr(script, "attributes", {}).get("body")))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def source_is_dirty(srcdir: Path) -> bool:
    """True when ``caorder.site`` recorded uncommitted changes in the tree being built."""
    state = srcdir / "_build" / "extra" / "source-state.json"
    try:
        return bool(json.loads(state.read_text(encoding="utf-8")).get("dirty"))
    except (OSError, ValueError):
        return False


def add_download_context(app: Sphinx, config: Any) -> None:
    """Put the version, the date and the download names into the templates and substitutions."""
    root = Path(app.srcdir)
    version = project_version(root)
    names = download_names(version)
    config.html_context.update({f"caorder_{key}": value for key, value in names.items()})
    config.html_context["caorder_source_dirty"] = source_is_dirty(Path(app.srcdir))
    config.html_context.update({"caorder_version": version, "caorder_date": build_date(root)})
    subs = config.myst_substitutions
    labels = {
        "source_archive": "source archive",
        "pdf_edition": "PDF edition",
        "claims_json": "claims.json",
    }
    for key, value in names.items():
        subs.setdefault(key, value)
        # Pages in book/ sit one level below the site root, where the downloads are.
        subs.setdefault(f"{key}_link", f'<a href="../{value}">{labels[key]}</a>')


def share_html_visitors(app: Sphinx) -> None:
    """Give the single-page builder (the PDF edition) the HTML visitors it lacks.

    Sphinx looks up node visitors by builder name first and falls back to the "html" format
    only when none are registered for that name; once another extension registers one for
    "singlehtml", myst-nb's hidden-cell node has no visitor there and the build fails.
    """
    handlers = app.registry.translation_handlers
    if app.builder.format == "html" and app.builder.name in handlers:
        for node, visitors in handlers.get("html", {}).items():
            handlers[app.builder.name].setdefault(node, visitors)


def publish_executed_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Replace each notebook's ``_sources`` download by the notebook executed for this build."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    executed_root = outdir.parent / "jupyter_execute"
    for docname in sorted(app.env.found_docs):
        if not str(app.env.doc2path(docname)).endswith(".ipynb"):
            continue
        executed = executed_root / f"{docname}.ipynb"
        target = outdir / "_sources" / f"{docname}.ipynb"
        if executed.is_file() and target.parent.is_dir():
            shutil.copyfile(executed, target)


# --- One version and one date, substituted into every page -----------------------------

#: Tokens that pages write instead of a typed version or date; replaced before parsing, so
#: they work in prose, admonitions and code blocks alike (the BibTeX example of How to cite).
VERSION_TOKEN = "{{ book_version }}"
DATE_TOKEN = "{{ build_date }}"


def substitute_facts(text: str, version: str, date: str) -> str:
    """``text`` with the version and date tokens replaced."""
    return text.replace(VERSION_TOKEN, version).replace(DATE_TOKEN, date)


def replace_tokens(app: Sphinx, docname: str, source: list[str]) -> None:
    """Put the version and the build date into a page's source before it is parsed."""
    source[0] = substitute_facts(
        source[0],
        app.config.html_context["caorder_version"],
        app.config.html_context["caorder_date"],
    )


# --- Tables numbered by chapter, figure and table references by label --------------------

#: The empty caption number that :func:`caorder.present.html_table` writes; filled here.
TABLE_NUMBER = '<span class="caption-number caorder-table-number"></span>'
_LABELLED = re.compile(r'\bid="([a-z0-9-]+)"')
#: A reference to a figure or table by label, written by :mod:`caorder.present`.
REFERENCE = re.compile(
    r'<a class="caorder-ref" data-label="([a-z0-9-]+)"(?: data-text="([^"]*)")?></a>'
)


def _tables_in(html: str) -> list[str]:
    """The label of each numbered table in ``html``, in order ("" when it has none)."""
    labels, start = [], 0
    for position in _positions(html):
        found = _LABELLED.findall(html, start, position)
        labels.append(found[-1] if found else "")
        start = position
    return labels


def _positions(html: str) -> list[int]:
    """Where each table-number placeholder starts."""
    positions, at = [], html.find(TABLE_NUMBER)
    while at >= 0:
        positions.append(at)
        at = html.find(TABLE_NUMBER, at + 1)
    return positions


def _raw_html(doctree: nodes.Node, env: Any) -> Iterator[str]:
    """The raw HTML of a doctree, including outputs glued from other pages (still pending)."""
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.raw) and "html" in node.get("format", ""):
            yield node.astext()
        elif type(node).__name__ == "PendingGlueReference":
            from myst_nb.ext.glue.crossref import read_glue_cache

            data = read_glue_cache(env.mystnb_config.output_folder, node.refdoc)
            yield data.get(node.key, {}).get("data", {}).get("text/html", "")


def _doc_order(env: Any, root: str) -> list[tuple[str, str]]:
    """Every page in reading order with the prefix of its numbers ("3"; "T", "R" apart).

    Numbered pages take their chapter number; a page of an unnumbered part takes the part's
    initial ("Teaching and reuse" -> "T", "Reference" -> "R").
    """
    order: list[tuple[str, str]] = [(root, "I")]

    def visit(doc: str, part: str) -> None:
        number = (env.toc_secnumbers.get(doc) or {}).get("")
        order.append((doc, str(number[0]) if number else part))
        for child in env.toctree_includes.get(doc, []):
            visit(child, part)

    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        part = (toctree.get("caption") or "X")[0].upper()
        for _, doc in toctree["entries"]:
            visit(doc, part)
    return order


def number_tables(app: Sphinx, env: Any) -> list[str]:
    """Number every table by chapter ("Table 3.9") and record each labelled table's number.

    Counted after reading, in reading order, so a page and the PDF give a table the same
    number. Pages whose numbers changed are rewritten.
    """
    numbers: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    counters: Counter[str] = Counter()
    for doc, prefix in _doc_order(env, app.config.root_doc):
        if doc not in env.all_docs:
            continue
        shown = []
        for label in (t for raw in _raw_html(env.get_doctree(doc), env) for t in _tables_in(raw)):
            counters[prefix] += 1
            shown.append(f"{prefix}.{counters[prefix]}")
            if label:
                labels.setdefault(label, (doc, shown[-1]))
        numbers[doc] = shown
    old = getattr(env, "caorder_tables", {})
    env.caorder_tables = numbers
    env.caorder_table_labels = labels
    return [doc for doc in numbers if old.get(doc) != numbers[doc]]


def _figure_number(env: Any, label: str) -> tuple[str, str] | None:
    """(page, "Figure 3.2") of a figure label, or None."""
    found = env.get_domain("std").labels.get(label)
    if not found:
        return None
    doc, node_id, _ = found
    number = env.toc_fignumbers.get(doc, {}).get("figure", {}).get(node_id)
    return (doc, "Figure " + ".".join(map(str, number))) if number else None


def _reference(app: Sphinx, fromdoc: str, label: str, text: str | None) -> str:
    """An HTML link to a figure or table by label, with its number (warns if unknown)."""
    env = app.env
    found = _figure_number(env, label)
    if found is None and label in getattr(env, "caorder_table_labels", {}):
        doc, number = env.caorder_table_labels[label]
        found = (doc, f"Table {number}")
    if found is None:
        logger.warning(
            f"caorder reference: no figure or table labelled {label!r}", location=fromdoc
        )
        return html.escape(text or label)
    doc, number = found
    uri = app.builder.get_relative_uri(fromdoc, doc) if doc != fromdoc else ""
    if uri.startswith("#"):  # the single-page edition: every label is on the one page
        uri = ""
    return (
        f'<a class="reference internal caorder-ref" href="{uri}#{label}">'
        f"{html.escape(text or number)}</a>"
    )


def _page_of(node: nodes.Node, default: str, env: Any) -> str:
    """The page a node came from.

    The single-page build inlines each page's doctree under a ``start_of_file`` node without
    linking the doctree back to it, so the walk up ends at that page's own document, whose
    source names the page.
    """
    while node is not None:
        if isinstance(node, addnodes.start_of_file):
            return node["docname"]
        if isinstance(node, nodes.document) and node.get("source"):
            return env.path2doc(node["source"]) or default
        node = node.parent
    return default


def fill_numbers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the table numbers and the figure and table references into a page's HTML."""
    if app.builder.format != "html":
        return
    used: Counter[str] = Counter()
    tables = getattr(app.env, "caorder_tables", {})
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", ""):
            continue
        page = _page_of(node, docname, app.env)
        text = node.astext()
        if TABLE_NUMBER not in text and "caorder-ref" not in text:
            continue
        pieces = text.split(TABLE_NUMBER)
        for k in range(1, len(pieces)):
            mine = tables.get(page, [])
            number = mine[used[page]] if used[page] < len(mine) else "?"
            used[page] += 1
            pieces[k] = (
                f'<span class="caption-number caorder-table-number">Table {number}. </span>'
                + pieces[k]
            )
        text = REFERENCE.sub(
            lambda m, page=page: _reference(app, page, m[1], m[2]), "".join(pieces)
        )
        node.replace_self(nodes.raw("", text, format="html", classes=node.get("classes", [])))


def searchable_glossary(app: Sphinx) -> None:
    """Let the search list glossary terms first among the results for their words."""
    from sphinx.domains.std import StandardDomain

    term = StandardDomain.object_types["term"]
    term.attrs["searchprio"] = 0


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers; parallel-safe."""
    register_bibliography_style()
    app.connect("config-inited", add_download_context)
    app.connect("builder-inited", searchable_glossary)
    app.connect("source-read", replace_tokens)
    app.connect("env-get-updated", number_tables, priority=950)
    app.connect("doctree-resolved", fill_numbers)
    app.connect("builder-inited", share_html_visitors)
    app.connect("env-get-updated", renumber_chapter_pages, priority=900)
    app.connect("html-page-context", dedupe_scripts, priority=900)
    app.connect("build-finished", publish_executed_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
