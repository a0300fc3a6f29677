"""Check that every passage the book presents as the paper's words is in the paper, verbatim.

The paper (Costa Buranelli 2021) is not part of the repository: a plain-text extraction lives
in ``../shared/seed/`` beside the repository root (``CAORDER_PAPER_DIR`` names another
folder). Its footnotes are interleaved with the body and its line ends are hyphenated, so both
the paper and each quote are *normalised* the same way before comparison: every quotation
mark and apostrophe becomes ``'`` (so nested quotes match either way round), dashes become
spaces, hyphens (including line-break hyphenation) and ``*`` emphasis are dropped, footnote
markers glued to a word are dropped, punctuation just inside a closing quotation mark is
dropped, and whitespace is collapsed. The quote's first letter may change case. A quote with
an ellipsis (``...``, ``…``, ``[...]``) must match in pieces, in order, in the same section.

What counts as a quotation of the paper (the convention documented in *Data and methods*):

- in the claims register (``data/claims/*.yml``): the ``quote`` field, inside the sections
  its ``section`` field names ("§1 ...", "Introduction and §1 ...");
- in book pages (``book/*.md``) and notebook markdown cells: every passage in double
  quotation marks (straight or typographic). Double quotation marks are reserved for the
  paper's words, including words the paper itself quotes. Exempt are a quotation followed at
  once by a citation of another work (``"..." {cite:p}`bohr2003```), a title in a reference
  (``(2026). "Title"``) and code. Terms, labels and the book's own phrases go in italics or
  single quotation marks. A citation of the paper naming sections, as a postnote
  (``{cite:p}`costaburanelli2021{§3}```) or a parenthesis right after it
  (``{cite:p}`costaburanelli2021` (§3)``), confines its paragraph's quotes to those sections;
  otherwise the whole paper (title included) counts.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from caorder import paths

PAPER_ENV = "CAORDER_PAPER_DIR"
PAPER_FILE = "costa-buranelli-2021-central-asian-regionalism-or-order.txt"
PAPER_KEY = "costaburanelli2021"
TITLE = "Central Asian Regionalism or Central Asian Order? Some Reflections"

#: The paper's section headings, each alone on its line, and the short names used here.
HEADINGS = {
    "1 Regionalism and Central Asia": "§1",
    "2 The Concept of Order": "§2",
    "3 Central Asia as an Order": "§3",
    "4 Final Reflections and Further Research": "§4",
}
SECTIONS = ("Title", "Abstract", "Introduction", "§1", "§2", "§3", "§4")

#: Every quotation mark and apostrophe becomes ', so nested quotes match either way round.
_QUOTES = str.maketrans({mark: "'" for mark in '"“”„‟″‘’‚‛′'} | {"*": None})
_DASHES = re.compile(r"\s*(?:[\u2012\u2013\u2014\u2015\u2212]|-{2,})\s*")
_LINEBREAK_HYPHEN = re.compile(r"[-\u2010\u2011]\s*\n\s*")
_HYPHEN = re.compile(r"[-\u2010\u2011\u00ad]")
#: A footnote marker: digits glued to the end of a word or to closing punctuation.
_MARKER_DIGITS = re.compile(r"(?<=[A-Za-z.,;:!?\"')\]])\d{1,3}(?=[\s.,;:!?)\]]|$)")
#: Punctuation just inside a closing quotation mark (American style), dropped on both sides.
_PUNCT_IN_QUOTES = re.compile(r"[.,;:](?=')")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…)\s*")


def normalise(text: str) -> str:
    """Return ``text`` with quotes, dashes, hyphens, footnote markers and spaces made uniform.

    Markdown emphasis (``*``) is dropped too, so a quote may italicise a term.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _LINEBREAK_HYPHEN.sub("", text)
    text = _DASHES.sub(" ", text)
    text = _MARKER_DIGITS.sub("", text)
    text = _HYPHEN.sub("", text)
    text = _PUNCT_IN_QUOTES.sub("", text)
    return " ".join(text.split())


def paper_dir() -> Path:
    """The folder holding the paper's text: ``CAORDER_PAPER_DIR`` or ``<repo>/../shared/seed``."""
    configured = os.environ.get(PAPER_ENV)
    if configured:
        return Path(configured).expanduser()
    return paths.repo_root().parent / "shared" / "seed"


def split_sections(text: str) -> dict[str, str]:
    """Split the paper's raw text into Abstract, Introduction and §1-§4 (footnotes included)."""
    lines = text.splitlines()
    starts = {"Abstract": 0}
    for number, line in enumerate(lines):
        stripped = line.strip()
        if "Introduction" not in starts and stripped.startswith("This paper offers"):
            starts["Introduction"] = number
        elif stripped in HEADINGS:
            starts[HEADINGS[stripped]] = number
    missing = [name for name in SECTIONS[1:] if name not in starts]
    if missing:
        raise ValueError(
            f"the paper's text has no section(s) {missing}: is {PAPER_FILE} the right file? "
            f"Expected the headings {list(HEADINGS)} each on its own line."
        )
    order = sorted(starts.items(), key=lambda item: item[1])
    bounds = [start for _, start in order[1:]] + [len(lines)]
    return {name: "\n".join(lines[start:end]) for (name, start), end in zip(order, bounds)}


def body_only(text: str) -> str:
    """Drop the footnote block at the foot of each page, so a sentence broken by it rejoins.

    A footnote block starts after a blank line with a line ``<number> <text>`` and runs to the
    next page, whose first line the extraction begins with a single space.
    """
    kept, in_notes, previous_blank = [], False, True
    for line in text.splitlines():
        if in_notes and re.match(r"^ \S", line):
            in_notes = False
        elif previous_blank and re.match(r"^\d{1,3}\s+\S", line) and line.strip() not in HEADINGS:
            in_notes = True
        if not in_notes:
            kept.append(line)
        previous_blank = not line.strip()
    return "\n".join(kept)


def sections_named(label: str) -> tuple[str, ...]:
    """The sections a label names: "§3 ...", "Introduction and §1 ...", "Abstract"."""
    named = [f"§{number}" for number in re.findall(r"§\s*(\d)", label)]
    named += [name for name in SECTIONS[:3] if name.lower() in label.lower()]
    unknown = [name for name in named if name not in SECTIONS]
    if not named or unknown:
        raise ValueError(
            f"section {label!r} names no section of the paper: write one or more of "
            f"{', '.join(SECTIONS)} (e.g. '§3 Central Asia as an Order')"
        )
    return tuple(sorted(set(named), key=SECTIONS.index))


@dataclass(frozen=True)
class Quote:
    """A passage the book presents as the paper's words, where it is, and where it must be."""

    source: str
    line: int
    text: str
    sections: tuple[str, ...] | None = None  # None: anywhere in the paper

    def __str__(self) -> str:
        where = ", ".join(self.sections) if self.sections else "the whole paper"
        return f'{self.source}:{self.line}: "{self.text}" not found verbatim in {where}'


class Paper:
    """The paper's normalised text, by section, with and without the footnote blocks."""

    def __init__(self, text: str):
        raw = split_sections(text)
        self.sections = {
            name: (normalise(part), normalise(body_only(part))) for name, part in raw.items()
        }
        self.sections["Title"] = (normalise(TITLE),)

    @classmethod
    def load(cls, folder: Path | None = None) -> Paper:
        """Read the paper from ``folder`` (default :func:`paper_dir`)."""
        path = (folder or paper_dir()) / PAPER_FILE
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: put the paper's text there or set {PAPER_ENV} to its folder"
            )
        return cls(path.read_text(encoding="utf-8"))

    def contains(self, quote: str, sections: tuple[str, ...] | None = None) -> bool:
        """Whether ``quote`` occurs verbatim (after normalising) in one of ``sections``."""
        pattern = quote_pattern(quote)
        for name in sections or SECTIONS:
            if any(pattern.search(text) for text in self.sections[name]):
                return True
        return False

    def failures(self, quotes: list[Quote]) -> list[Quote]:
        """The quotes not found where the book says they are."""
        return [quote for quote in quotes if not self.contains(quote.text, quote.sections)]


def quote_pattern(quote: str) -> re.Pattern[str]:
    """A regex for the normalised quote: pieces around each ellipsis, in order.

    Trailing ``.,;:`` is dropped (punctuation moved inside quotation marks) and the first
    letter may change case (a quote opening a sentence).
    """
    pieces = [normalise(piece).strip(" .,;:") for piece in _ELLIPSIS.split(quote)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        raise ValueError(f"empty quote {quote!r}")
    first = pieces[0]
    head = f"[{re.escape(first[0].lower())}{re.escape(first[0].upper())}]"
    pieces[0] = head + re.escape(first[1:])
    body = ".*?".join([pieces[0]] + [re.escape(piece) for piece in pieces[1:]])
    return re.compile(body, re.DOTALL)


# --- where the book quotes the paper --------------------------------------------------------

_DOUBLE_QUOTED = re.compile(r"\"([^\"]+?)\"|“([^”]+?)”")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
#: A fenced block: its fence, its info string (language or {directive}) and its body.
_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.DOTALL | re.MULTILINE)
#: Directives whose body is code or mathematics, not prose.
_CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math"}
#: Inline code (not the content of a role such as {cite:p}`key`), comments, tags.
_CODE = re.compile(r"(?<!\})`[^`\n]*`|<!--.*?-->|<[^>\n]*>", re.DOTALL)
#: A quotation attributed to another work: followed at once by a citation not of the paper.
_OTHER_SOURCE = re.compile(r"^[\s.,;:)]*\{cite(?::[a-z]+)?\}`(?![^`]*" + PAPER_KEY + ")")
_SECTION_AFTER_CITE = re.compile(
    r"\{cite(?::[a-z]+)?\}`[^`]*" + PAPER_KEY + r"[^`]*`\s*\((§[^)]*)\)"
)
#: A title in a reference: ``Authors (2026). "Title".``
_REFERENCE_TITLE = re.compile(r"\(\d{4}[a-z]?\)\.\s*$")


def _blank(match: re.Match[str]) -> str:
    """Replace a code span, comment or tag by spaces, keeping its line breaks."""
    return re.sub(r"[^\n]", " ", match.group())


def _blank_fence(match: re.Match[str]) -> str:
    """Blank a code block whole; of a prose directive (note, glossary...) keep the body."""
    info = match.group(2).strip()
    directive = re.match(r"\{([\w:-]+)\}", info)
    if directive is None or directive.group(1) in _CODE_DIRECTIVES:
        return _blank(match)
    opening, body = match.group().split("\n", 1)
    body, closing = body.rsplit("\n", 1) if "\n" in body else ("", body)
    return " " * len(opening) + "\n" + body + "\n" + " " * len(closing)


def _paper_sections(paragraph: str) -> tuple[str, ...] | None:
    """The sections a paragraph's citations of the paper name, if any.

    Either a postnote (``{cite:p}`costaburanelli2021{§3}```) or a parenthesis right after
    the citation (``{cite:p}`costaburanelli2021` (§3)``).
    """
    named = _SECTION_AFTER_CITE.findall(paragraph)
    for body in _CITE.findall(paragraph):
        for key in body.split(","):
            if PAPER_KEY in key:
                named += re.findall(r"\{([^{}]*§[^{}]*)\}", key)
    return tuple(s for label in named for s in sections_named(label)) or None


def quotes_in_markdown(text: str, source: str) -> list[Quote]:
    """The double-quoted passages of a MyST page that are presented as the paper's words.

    Every passage in double quotation marks counts, except one followed at once by a
    citation of another work, a title in a reference (``(2026). "Title"``) and anything in
    code, comments or HTML tags. The bodies of prose directives (``{note}``, ``{glossary}``,
    ``{exercise}``...) count; code blocks and code cells do not. A paper citation with a
    section postnote in the same paragraph confines the paragraph's quotes to those sections.
    """
    prose = _CODE.sub(_blank, _FENCE.sub(_blank_fence, text))
    found = []
    offset = 0
    for paragraph in re.split(r"(\n\s*\n)", prose):
        sections = _paper_sections(text[offset : offset + len(paragraph)])
        for match in _DOUBLE_QUOTED.finditer(paragraph):
            before, after = paragraph[: match.start()], paragraph[match.end() :]
            if _OTHER_SOURCE.match(after) or _REFERENCE_TITLE.search(before):
                continue
            passage = " ".join((match.group(1) or match.group(2)).split())
            if not re.search(r"\w", passage):
                continue
            line = text.count("\n", 0, offset + match.start()) + 1
            found.append(Quote(source, line, passage, sections))
        offset += len(paragraph)
    return found


def quotes_in_notebook(path: Path, source: str) -> list[Quote]:
    """Quotes of the paper in a notebook's markdown cells (line = cell number)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            found += [
                Quote(source, number, q.text, q.sections) for q in quotes_in_markdown(text, source)
            ]
    return found


def quotes_in_register(path: Path, source: str) -> list[Quote]:
    """The ``quote`` field of every claim in a register file, confined to its ``section``."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = []
    for entry in entries:
        if entry.get("quote"):
            label = entry.get("section", "")
            try:
                sections = sections_named(label)
            except ValueError as error:
                raise ValueError(f"{source}: claim {entry.get('id')}: {error}") from None
            found.append(Quote(f"{source} ({entry.get('id')})", 0, entry["quote"], sections))
    return found


def book_quotes(root: Path | None = None) -> list[Quote]:
    """Every quote of the paper in book pages, notebook markdown and the claims register."""
    root = root or paths.repo_root()
    found: list[Quote] = []
    for page in sorted((root / "book").glob("*.md")):
        found += quotes_in_markdown(page.read_text(encoding="utf-8"), f"book/{page.name}")
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        found += quotes_in_notebook(notebook, f"notebooks/{notebook.name}")
    for register in sorted((root / "data" / "claims").glob("*.yml")):
        found += quotes_in_register(register, f"data/claims/{register.name}")
    return found
