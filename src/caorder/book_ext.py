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
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx import addnodes
from sphinx.application import Sphinx

SLUG = "central-asian-order"


def project_version(root: Path) -> str:
    """The package version from ``pyproject.toml`` (the one place it is set)."""
    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def download_names(version: str) -> dict[str, str]:
    """File names of the site's downloads for ``version``."""
    return {
        "source_archive": f"{SLUG}-{version}-src.tar.gz",
        "pdf_edition": f"{SLUG}-{version}.pdf",
        "claims_json": "claims.json",
    }


def _author_part(persons: list[Any]) -> str:
    """ "Smith", "Smith and Jones" or "Smith et al." from pybtex persons."""
    names = [" ".join(p.prelast_names + p.last_names) for p in persons]
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


class AuthorYearStyle(PlainStyle):
    """pybtex's ``plain`` formatting with author-year labels."""

    default_label_style = AuthorYearLabelStyle


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
    """Put the download names into the page templates and the MyST substitutions."""
    names = download_names(project_version(Path(app.srcdir)))
    config.html_context.update({f"caorder_{key}": value for key, value in names.items()})
    config.html_context["caorder_source_dirty"] = source_is_dirty(Path(app.srcdir))
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


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers; parallel-safe."""
    register_bibliography_style()
    app.connect("config-inited", add_download_context)
    app.connect("builder-inited", share_html_visitors)
    app.connect("env-get-updated", renumber_chapter_pages, priority=900)
    app.connect("html-page-context", dedupe_scripts, priority=900)
    app.connect("build-finished", publish_executed_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
