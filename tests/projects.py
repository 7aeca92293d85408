"""Temporary copies of the project for tests that build (the real book is never touched)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lkjpy.build import copy_project


def lkjpy_cli(root: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    """``python -m lkjpy --root <root> ...`` as a user would run it."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.run([sys.executable, "-m", "lkjpy", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=root, timeout=timeout)


def executed(output: str) -> int:
    """How many notebooks a build executed, from its last line."""
    line = [text for text in output.splitlines() if text.startswith("Done in")][-1]
    return int(line.split(": ", 1)[1].split(" executed")[0])


def copy_built(source: Path, target: Path) -> Path:
    """A copy of a built project, build products included (executed chapters, their outputs, the
    manifest, the published site), so that a build in the copy executes only what a test changes
    there. The site link ``_build/html`` is relative, so it points into the copy."""
    shutil.copytree(source, target, symlinks=True)
    return target


def built_once(folder: Path, only: list[str], *build_args: str) -> Path:
    """``folder/project``: a copy of the project holding the agencies ``only``, built with
    ``build_args``; built by the first test process that asks for it (parallel test processes
    share ``folder``, so they wait for that one build instead of making their own). It is never
    built again: tests build in copies of it (:func:`copy_built`)."""
    folder.mkdir(parents=True, exist_ok=True)
    root, done = folder / "project", folder / "built"
    with (folder / "lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            shutil.rmtree(root, ignore_errors=True)
            copy_project(root, only=only)
            result = lkjpy_cli(root, "build", *build_args)
            if result.returncode != 0:
                raise RuntimeError(f"the build of the shared test project failed:\n{result.stdout}\n{result.stderr}")
            done.write_text("ok\n", encoding="utf-8")
    return root
