"""One version and one date for the whole book: every place that cites the book agrees."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

import caorder
from caorder import edition

ROOT = Path(__file__).resolve().parents[1]
VERSION = edition.project_version(ROOT)
#: Pages that hand out a citation: they must use the tokens, never a typed version.
CITING_PAGES = [
    "book/ch1_regionalism.md",
    "book/ch2_order.md",
    "book/ch3_central_asia_order.md",
    "book/ch4_further_research.md",
    "book/how_to_cite.md",
]


def test_the_package_and_citation_cff_carry_pyprojects_version() -> None:
    assert caorder.__version__ == VERSION
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == VERSION
    assert cff["preferred-citation"]["version"] == VERSION


def test_citing_pages_use_the_version_token_not_a_typed_version() -> None:
    for page in CITING_PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        typed = re.findall(r"[Vv]ersion\s*=?\s*\{?\d+\.\d+\.\d+", text)
        assert not typed, f"{page}: typed version {typed}; write {{{{ book_version }}}}"
        assert "{{ book_version }}" in text, f"{page}: no version in its citation"


def test_the_footer_shows_version_and_date() -> None:
    footer = (ROOT / "_templates" / "caorder-downloads.html").read_text(encoding="utf-8")
    assert "{{ caorder_version }}" in footer and "{{ caorder_date }}" in footer


def test_the_date_is_the_commits_in_a_checkout(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "f").write_text("x")
    env = {
        "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
        "GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    for args in (["add", "f"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, env=env)
    assert edition.build_date(tmp_path) == "2026-01-02"


def test_outside_a_checkout_the_date_follows_source_date_epoch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert edition.build_date(tmp_path) == "2026-01-01"
