"""Code, tests and data say why, not which ticket: no references to the project's issue numbers.

A reader of the repository cannot look up "issue 11 item 5"; the comment or register text
should give the reason instead. A reference to another project's tracker, qualified by its
repository (``apache/arrow issue 34314``), is a citation and is allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

from caorder import paths

FOLDERS = ("src", "tests", "data")
SUFFIXES = {".py", ".yml", ".yaml", ".md", ".csv", ".json", ".toml", ".txt"}
REFERENCE = re.compile(r"\b[Ii]ssues?\s+#?\d+")
QUALIFIED = re.compile(r"[\w.-]+/[\w.-]+[\s#]*$")  # "owner/repo issue N" (another project's)


def issue_references(text: str) -> list[str]:
    """The project-issue references in ``text`` (another repository's are left out)."""
    return [
        m.group(0)
        for m in REFERENCE.finditer(text)
        if not QUALIFIED.search(text[max(0, m.start() - 60) : m.start()])
    ]


def test_the_pattern_finds_project_references_only():
    assert issue_references("a referee's point (issue 11 item 5)") == ["issue 11"]
    assert issue_references("Issues 10 and 11: no condition") == ["Issues 10"]
    assert issue_references("(apache/arrow\n  # issue 34314: terminate called") == []
    assert issue_references("the issue's report") == []


def test_no_file_cites_an_issue_number():
    root = paths.repo_root()
    this = Path(__file__).resolve()
    found = [
        f"{path.relative_to(root)}: {ref}"
        for folder in FOLDERS
        for path in sorted((root / folder).rglob("*"))
        if path.suffix in SUFFIXES and path.is_file() and path.resolve() != this
        for ref in issue_references(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == [], "say the reason instead of the issue number: " + "; ".join(found)
