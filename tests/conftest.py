"""Shared fixtures: the repository root, the registry, a strict book build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import lkjpy

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def agency_ids() -> list[str]:
    return lkjpy.agencies()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book strictly (as `make book` does) once per session; return _build/html."""
    shutil.rmtree(ROOT / "_build" / "html", ignore_errors=True)  # no stale pages from earlier builds
    cmd = [str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going", "--all"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"strict book build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return ROOT / "_build" / "html"
