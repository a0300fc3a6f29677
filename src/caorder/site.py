"""Files the website offers for download, made before the book is built.

``python -m caorder.site _build/extra`` writes the source archive of the tree being built
(named with the package version, e.g. ``central-asian-order-0.2.0-src.tar.gz``) into the
folder that Sphinx copies into the site (``html_extra_path``). The archive holds the files
of the working tree that git tracks or would track (not the ignored caches), so it is the
tree that was built, uncommitted edits included. A tree with uncommitted changes is labelled:
the archive gets a ``SOURCE_STATE.txt`` naming the commit and every changed file, and the
state is written to ``source-state.json`` beside it, which the page footer shows ("with
uncommitted changes"). Outside a git checkout it says so and skips the archive.

The archive is reproducible: members sorted, owner and times fixed, gzip without a timestamp.

The published ``CITATION.cff`` is the repository's, with the version and the date of the
edition (:mod:`caorder.edition`).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

from caorder.book_ext import download_names
from caorder.edition import build_date, project_version

_VERSION_LINE = re.compile(r"^(\s*)version: .*$", re.MULTILINE)
_DATE_LINE = re.compile(r"^date-released: .*\n", re.MULTILINE)

STATE_FILE = "source-state.json"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def is_git_checkout(root: Path) -> bool:
    """True when ``root`` is inside a git work tree with at least one commit."""
    return _git(root, "rev-parse", "--verify", "-q", "HEAD").returncode == 0


def source_state(root: Path) -> dict:
    """The commit built and the files that differ from it (``git status --porcelain``)."""
    commit = _git(root, "rev-parse", "HEAD").stdout.strip()
    changes = [
        line[3:]
        for line in _git(root, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
        if line.strip()
    ]
    return {"commit": commit, "dirty": bool(changes), "changed": sorted(changes)}


def tree_files(root: Path) -> list[str]:
    """Files of the working tree that git tracks or would track (ignored files left out)."""
    listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    names = sorted({name for name in listed.split("\0") if name})
    return [name for name in names if (root / name).is_file()]


def _label(state: dict) -> str:
    lines = [
        f"Source of the book as built from commit {state['commit']}",
        "plus these uncommitted changes (the archive holds the files as built):",
        *(f"  {name}" for name in state["changed"]),
    ]
    return "\n".join(lines) + "\n"


def _add(archive: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    archive.addfile(info, io.BytesIO(data))


def write_source_archive(root: Path, outdir: Path) -> Path | None:
    """The working tree as ``<outdir>/central-asian-order-<version>-src.tar.gz``.

    The archive unpacks into ``central-asian-order-<version>/``. Returns the path written,
    or None (with a message) when ``root`` is not a git checkout. A dirty tree is labelled
    (``SOURCE_STATE.txt`` inside, ``source-state.json`` beside) and said so on stdout.
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
    state = source_state(root)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for member in tree_files(root):
            path = root / member
            executable = path.stat().st_mode & 0o111
            _add(archive, prefix + member, path.read_bytes(), 0o755 if executable else 0o644)
        if state["dirty"]:
            _add(archive, prefix + "SOURCE_STATE.txt", _label(state).encode())
    target = outdir / name
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(buffer.getvalue())
    (outdir / STATE_FILE).write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    if state["dirty"]:
        print(
            f"note: the tree has {len(state['changed'])} uncommitted change(s); the source "
            "archive holds them and is labelled so (SOURCE_STATE.txt, and on every page)"
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
