"""Temporary copies of the project for tests that build (the real book is never touched)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lkjpy.build import copy_project  # noqa: F401 (re-exported for the tests)


def lkjpy_cli(root: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    """``python -m lkjpy --root <root> ...`` as a user would run it."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.run([sys.executable, "-m", "lkjpy", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=root, timeout=timeout)


def executed(output: str) -> int:
    """How many notebooks a build executed, from its last line."""
    line = [text for text in output.splitlines() if text.startswith("Done in")][-1]
    return int(line.split(": ", 1)[1].split(" executed")[0])
