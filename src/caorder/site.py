"""Files the website offers for download, made before the book is built.

``python -m caorder.site _build/extra`` writes the source archive of the commit being built
(``git archive HEAD``, named with the package version, e.g.
``central-asian-order-0.2.0-src.tar.gz``) into the folder that Sphinx copies into the site
(``html_extra_path``), and the published ``CITATION.cff``: the repository's, with the version
and the date of the edition (:mod:`caorder.edition`). Outside a git checkout it says so and
skips the archive.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from caorder.book_ext import download_names
from caorder.edition import build_date, project_version

_VERSION_LINE = re.compile(r"^(\s*)version: .*$", re.MULTILINE)
_DATE_LINE = re.compile(r"^date-released: .*\n", re.MULTILINE)


def is_git_checkout(root: Path) -> bool:
    """True when ``root`` is inside a git work tree with at least one commit."""
    result = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "-q", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0


def write_source_archive(root: Path, outdir: Path) -> Path | None:
    """``git archive`` of HEAD as ``<outdir>/central-asian-order-<version>-src.tar.gz``.

    The archive unpacks into ``central-asian-order-<version>/``. Returns the path written,
    or None (with a message) when ``root`` is not a git checkout.
    """
    if not is_git_checkout(root):
        print(
            f"{root.name}: not a git checkout; skipping the source archive "
            "(build from a clone to publish it)"
        )
        return None
    name = download_names(project_version(root))["source_archive"]
    prefix = name.removesuffix("-src.tar.gz") + "/"
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / name
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "archive",
            "--format=tar.gz",
            f"--prefix={prefix}",
            "-o",
            str(target.resolve()),
            "HEAD",
        ],
        check=True,
    )
    return target


def citation_cff(text: str, version: str, date: str) -> str:
    """``CITATION.cff`` text with the book's version and release date set.

    Only the book's own ``version:`` lines (top level and preferred citation) change; the
    versions of the references (software the book cites) are theirs.
    """
    head, marker, references = text.partition("\nreferences:")
    head = _VERSION_LINE.sub(lambda m: f"{m.group(1)}version: {version}", head)
    head = _DATE_LINE.sub("", head)
    head = head.replace("\nlicense:", f"\ndate-released: {date}\nlicense:", 1)
    return head + marker + references


def write_citation(root: Path, outdir: Path) -> Path:
    """The published ``CITATION.cff``: the repository's with this edition's version and date."""
    text = (root / "CITATION.cff").read_text(encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / "CITATION.cff"
    target.write_text(citation_cff(text, project_version(root), build_date(root)), encoding="utf-8")
    return target


def main(arguments: list[str]) -> int:
    """Write the source archive into the folder given (default ``_build/extra``)."""
    root = Path.cwd()
    outdir = Path(arguments[0]) if arguments else root / "_build" / "extra"
    written = write_source_archive(root, outdir)
    if written:
        print(f"wrote {written}")
    print(f"wrote {write_citation(root, outdir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
