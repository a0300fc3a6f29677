"""Fault injection: stale results must never be served from a cache.

Each test changes something a cached result depends on, the way a user would (an edited
conversion module in a second checkout, a flipped byte in a cached evidence file), and checks
that the stale copy is not served.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caorder import paths, tables
from caorder.fetch import PINNED_FILES
from caorder.verdicts import cache as evidence_cache

SRC = Path(tables.__file__).resolve().parents[1]
ROOT = SRC.parent
COUNT_IMPORTANT = "from caorder import tables; print(int(tables.rollcalls()['important'].sum()))"


def _checkout(where: Path, edit: bool) -> Path:
    """A second checkout of the package (optionally with edited conversion code)."""
    (where / "src").mkdir(parents=True)
    shutil.copytree(SRC / "caorder", where / "src" / "caorder")
    shutil.copy(ROOT / "_toc.yml", where / "_toc.yml")
    shutil.copytree(ROOT / "data", where / "data")
    if edit:
        module = where / "src" / "caorder" / "tables.py"
        text = module.read_text(encoding="utf-8")
        anchor = "    frame[ISSUE_CODES] = frame[ISSUE_CODES].astype(bool)\n"
        assert anchor in text
        module.write_text(text.replace(anchor, anchor + '    frame["important"] = False\n'))
    return where


def _count(checkout: Path, cache: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), paths.CACHE_ENV: str(cache)}
    env.pop(paths.MIRROR_ENV, None)  # the shared cache holds the verified downloads
    result = subprocess.run(
        [sys.executable, "-c", COUNT_IMPORTANT],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=checkout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return int(result.stdout.split()[-1])


def test_two_checkouts_sharing_a_cache_never_serve_each_others_tables(real_files, tmp_path):
    cache = tmp_path / "shared-cache"
    for key, local in real_files.items():
        if key.startswith("unvotes"):
            (cache / "downloads" / key).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(local, cache / "downloads" / key)
    original = _checkout(tmp_path / "original", edit=False)
    edited = _checkout(tmp_path / "edited", edit=True)
    assert _count(original, cache) > 300  # the US State Department's important votes
    assert _count(edited, cache) == 0  # the edited conversion code, not the cached table
    assert _count(original, cache) > 300  # and the first checkout still gets its own


def test_conversion_code_is_in_every_table_key(monkeypatch):
    before = tables._fingerprint([next(iter(PINNED_FILES))], [])
    monkeypatch.setattr(tables, "conversion_code_digest", lambda: b"edited code")
    assert tables._fingerprint([next(iter(PINNED_FILES))], []) != before


def test_a_folder_where_a_cached_table_should_be_is_replaced(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    (tmp_path / "tables" / "demo-f9.parquet").mkdir(parents=True)
    import pandas as pd

    with caplog.at_level(logging.WARNING, logger="caorder.tables"):
        frame = tables._cached("demo", "f9", lambda: pd.DataFrame({"x": [1]}))
    assert frame["x"].tolist() == [1]
    assert "demo-f9.parquet" in caplog.text and "is a folder" in caplog.text
    assert (tmp_path / "tables" / "demo-f9.parquet").is_file()


# --- the evidence cache -------------------------------------------------------------------

EVIDENCE = {"primary": {"share": 0.7142857142857143, "n": 17.0}, "other": {"share": 0.5}}


@pytest.fixture
def evidence_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(evidence_cache, "_fingerprint", lambda: "f" * 16)
    return tmp_path / "evidence" / ("f" * 16)


def test_stored_evidence_reads_back_identically(evidence_dir):
    evidence_cache.store("C9.1", EVIDENCE)
    assert evidence_cache.load("C9.1") == EVIDENCE


@pytest.mark.parametrize("where", ["value", "checksum", "structure"])
def test_a_flipped_bit_in_cached_evidence_is_not_served(evidence_dir, caplog, where):
    evidence_cache.store("C9.1", EVIDENCE)
    path = evidence_dir / "C9.1.json"
    data = bytearray(path.read_bytes())
    at = {
        "value": data.index(b"0.714") + 2,  # 0.714... -> 0.?14...: a plausible wrong share
        "checksum": data.index(b'"sha256": "') + 15,
        "structure": data.index(b"{"),
    }[where]
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="caorder.verdicts.cache"):
        assert evidence_cache.load("C9.1") == {}
    assert "C9.1.json" in caplog.text and len(caplog.records) == 1
    assert not path.exists(), "the bad copy is deleted, so it is recomputed and rewritten"


def test_an_edited_evidence_value_with_valid_json_is_rejected(evidence_dir, caplog):
    evidence_cache.store("C9.1", EVIDENCE)
    path = evidence_dir / "C9.1.json"
    record = json.loads(path.read_text())
    record["evidence"]["primary"]["share"] = 0.31
    path.write_text(json.dumps(record))
    with caplog.at_level(logging.WARNING, logger="caorder.verdicts.cache"):
        assert evidence_cache.load("C9.1") == {}
    assert "do not match the recorded sha256" in caplog.text


def test_old_evidence_folders_are_swept(evidence_dir):
    root = evidence_dir.parent
    old, young = root / "old", root / "young"
    for other in (old, young):
        other.mkdir(parents=True)
        (other / "C1.1.json").write_text("{}")
    stale = evidence_cache.time.time() - evidence_cache.STALE_AFTER_SECONDS - 60
    os.utime(old, (stale, stale))
    evidence_cache.store("C9.1", EVIDENCE)
    assert sorted(p.name for p in root.iterdir()) == sorted([evidence_dir.name, "young"])


# --- the site's downloads -------------------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.3"\n')
    (root / "data" / "summits.csv").write_text("event_id\nCM1\n")
    (root / ".gitignore").write_text(".cache/\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "init")
    return root


def _archived(path: Path) -> dict[str, bytes]:
    import tarfile

    with tarfile.open(path) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def test_the_source_archive_is_the_tree_built_and_a_dirty_tree_is_labelled(tmp_path, capsys):
    from caorder import book_ext, site

    root = _repo(tmp_path)
    (root / "data" / "summits.csv").write_text("event_id\nCM1\nCM2\n")  # the edit built
    (root / "data" / "new.csv").write_text("x\n")  # a new, untracked file
    (root / ".cache").mkdir()
    (root / ".cache" / "big.parquet").write_bytes(b"ignored")
    written = site.write_source_archive(root, root / "_build" / "extra")
    files = _archived(written)
    prefix = "central-asian-order-1.2.3/"
    assert files[prefix + "data/summits.csv"] == b"event_id\nCM1\nCM2\n"
    assert prefix + "data/new.csv" in files and prefix + ".cache/big.parquet" not in files
    label = files[prefix + "SOURCE_STATE.txt"].decode()
    assert "uncommitted changes" in label and "data/summits.csv" in label
    assert "uncommitted change" in capsys.readouterr().out
    assert book_ext.source_is_dirty(root) is True


def test_a_clean_tree_gives_an_unlabelled_reproducible_archive(tmp_path):
    from caorder import book_ext, site

    root = _repo(tmp_path)
    first = site.write_source_archive(root, tmp_path / "one").read_bytes()
    second = site.write_source_archive(root, tmp_path / "two").read_bytes()
    assert first == second
    assert not any(
        name.endswith("SOURCE_STATE.txt")
        for name in _archived(tmp_path / "one" / ("central-asian-order-1.2.3-src.tar.gz"))
    )
    (root / "_build" / "extra").mkdir(parents=True)
    shutil.copy(tmp_path / "one" / site.STATE_FILE, root / "_build" / "extra" / site.STATE_FILE)
    assert book_ext.source_is_dirty(root) is False


def test_the_notebook_download_is_the_executed_notebook(tmp_path):
    from types import SimpleNamespace

    from caorder import book_ext

    outdir = tmp_path / "_build" / "html"
    (outdir / "_sources" / "notebooks").mkdir(parents=True)
    (outdir / "_sources" / "notebooks" / "ch1.ipynb").write_text('{"committed": 1}')
    (outdir / "_sources" / "book").mkdir(parents=True)
    (outdir / "_sources" / "book" / "intro.md").write_text("# prose")
    executed = tmp_path / "_build" / "jupyter_execute" / "notebooks" / "ch1.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text('{"executed with the data built": 1}')
    app = SimpleNamespace(
        outdir=str(outdir),
        builder=SimpleNamespace(format="html"),
        env=SimpleNamespace(
            found_docs={"notebooks/ch1", "book/intro"},
            doc2path=lambda doc: tmp_path / (doc + (".ipynb" if "notebooks" in doc else ".md")),
        ),
    )
    book_ext.publish_executed_notebooks(app, None)
    download = outdir / "_sources" / "notebooks" / "ch1.ipynb"
    assert download.read_text() == executed.read_text()
    assert (outdir / "_sources" / "book" / "intro.md").read_text() == "# prose"
