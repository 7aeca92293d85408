"""The code cells of the MyST Markdown templates pass the project's linter (ruff, configured in
pyproject.toml), as the .ipynb templates and the package do: each template is written as a
py:percent script (jupytext) and checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest
from conftest import ROOT

TEMPLATES = sorted((ROOT / "notebooks").glob("*.md"))
RUFF = Path(sys.executable).with_name("ruff")


def _lint(folder: Path, scripts: list[Path]) -> subprocess.CompletedProcess:
    # lkjpy is this project's own package wherever the script is; E402: the imports stand in the visible "Imports and data" cell, after the parameters cell
    return subprocess.run([str(RUFF), "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"),
                           "--config", "lint.isort.known-first-party = ['lkjpy']", "--extend-ignore", "E402",
                           *map(str, scripts)], capture_output=True, text=True, cwd=folder)


@pytest.mark.skipif(not RUFF.is_file(), reason="ruff is not installed beside this Python")
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_code_passes_ruff(template, tmp_path):
    script = tmp_path / f"{template.stem}.py"
    jupytext.write(jupytext.read(template, fmt="md:myst"), script, fmt="py:percent")
    result = _lint(tmp_path, [script])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not RUFF.is_file(), reason="ruff is not installed beside this Python")
def test_the_lint_finds_a_fault_in_a_template(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# T\n\n```{code-cell} ipython3\nimport os\nx = undefined_name\n```\n", encoding="utf-8")
    script = tmp_path / "bad.py"
    jupytext.write(jupytext.read(bad, fmt="md:myst"), script, fmt="py:percent")
    result = _lint(tmp_path, [script])
    assert result.returncode == 1 and "F401" in result.stdout and "F821" in result.stdout
