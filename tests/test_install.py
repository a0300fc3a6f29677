"""The package installs into a fresh virtual environment outside the checkout and runs there.

The test copies what the source archive holds for the package (``pyproject.toml``,
``README.md``, ``src/``, ``data/``) into a temporary folder, installs it with pip into a new
venv (no index, no build isolation; the locked dependencies are lent from the project's
environment by a ``.pth`` line, so nothing is downloaded), and runs the region report there,
from a folder that is not the checkout. The installed package must find its curated tables
inside itself (``caorder/curated``) and not import the checkout's code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from caorder import paths


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.timeout(900)
def test_the_package_installs_outside_the_checkout_and_runs_the_region_report(tmp_path):
    root = paths.repo_root()
    source = tmp_path / "caorder-source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(root / "src", source / "src", ignore=ignore)
    shutil.copytree(root / "data", source / "data", ignore=ignore)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "zz_locked_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env |= {paths.CACHE_ENV: str(paths.cache_dir()), "PIP_NO_INDEX": "1"}
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            str(source),
        ],
        tmp_path,
        env,
    )

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run([str(python), "-c", "import caorder.paths as p; print(p.data_dir())"], work, env)
    assert Path(where.strip()).is_relative_to(Path(purelib)), where
    _run(
        [
            str(python),
            "-m",
            "caorder.region_report",
            "SOUTH_CAUCASUS",
            "--years",
            "2010",
            "2014",
            "--groups",
            "200",
            "--groups-per-year",
            "50",
        ],
        work,
        env,
    )
    report = (work / "region-report-SOUTH_CAUCASUS.md").read_text(encoding="utf-8")
    assert "Members (3): ARM, AZE, GEO." in report


def test_the_data_folder_comes_from_the_variable_the_checkout_or_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    assert paths.data_dir() == paths.repo_root() / "data"
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    assert paths.data_dir() == tmp_path
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "missing"))
    with pytest.raises(paths.DataError, match="CAORDER_DATA_DIR=.*is not a folder"):
        paths.data_dir()
    monkeypatch.delenv(paths.DATA_ENV)
    monkeypatch.setattr(paths, "checkout_root", lambda: None)
    assert paths.data_dir() == paths.INSTALLED_DATA


def test_an_installed_package_caches_in_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.CACHE_ENV, raising=False)
    monkeypatch.setattr(paths, "checkout_root", lambda: None)
    monkeypatch.setattr(paths.platformdirs, "user_cache_dir", lambda name: str(tmp_path / name))
    assert paths.cache_dir() == tmp_path / "caorder"
    with pytest.raises(paths.DataError, match="installed outside its repository"):
        paths.repo_root()
