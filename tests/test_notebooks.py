"""Notebook templates: one parameters cell, no outputs, %matplotlib inline first, no labels."""

import re

import pytest
from conftest import ROOT

from lkjpy.build import read_template, template_path
from lkjpy.project import Project

NAMES = ("agency", "agency_pending", "comparison", "quality", "methodology", "data")
TEMPLATES = [template_path(Project(ROOT), name) for name in NAMES]


def test_there_are_templates():
    assert all(p.is_file() for p in TEMPLATES)
    assert not [p.name for p in (ROOT / "notebooks").iterdir() if p.stem not in NAMES], "no unused template"


def test_a_markdown_template_is_preferred_and_read_as_a_notebook(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "data.ipynb").write_text("{}", encoding="utf-8")
    assert template_path(Project(tmp_path), "data").name == "data.ipynb"
    text = ("# Title\n\nSome prose.\n\n```{code-cell} ipython3\n:tags: [parameters]\n\nx = 1\n```\n")
    (tmp_path / "notebooks" / "data.md").write_text(text, encoding="utf-8")
    path = template_path(Project(tmp_path), "data")
    assert path.name == "data.md"
    nb = read_template(path)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
    assert nb.cells[1].source == "x = 1" and nb.cells[1].metadata["tags"] == ["parameters"]
    assert [c.id for c in read_template(path).cells] == [c.id for c in nb.cells], "cell ids are reproducible"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_structure(path):
    nb = read_template(path)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    names = re.findall(r"^(\w+)\s*=", params[0].source, re.M)
    # the project and its locale, as every build passes them (lkjpy.project.Project.parameters)
    assert names == (["agency_id"] if path.name.startswith("agency") else []) + ["project_root", "locale"]
    assert all(line.strip() == "" or re.match(r"^\w+\s*=", line) for line in params[0].source.splitlines()), \
        "the parameters cell holds assignments only"
    assert nb.cells[0].source.strip() == "%matplotlib inline"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "templates carry no outputs"
        assert not re.search(r"^\(\w[\w-]*\)=|:name:", cell.source, re.M), "no labels in templates"


MARKDOWN_TEMPLATES = sorted((ROOT / "notebooks").glob("*.md"))


def ruff_on_code_cells(path, root=ROOT):
    """``ruff check`` (the project's configuration) on the code cells of a MyST Markdown template,
    as jupytext writes them into a Python script (``py:percent``) named ``notebooks/<name>.py``, for
    which pyproject.toml allows E402 (imports come after the parameters cell)."""
    import subprocess
    import sys

    import jupytext

    script = jupytext.writes(read_template(path), fmt="py:percent")
    name = f"notebooks/{path.stem}.py"
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename", name, "-"],
                          input=script, capture_output=True, text=True, cwd=root)


@pytest.mark.parametrize("path", MARKDOWN_TEMPLATES, ids=lambda p: p.name)
def test_markdown_template_code_passes_ruff(path):
    result = ruff_on_code_cells(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_on_template_code_finds_a_fault(tmp_path):
    (tmp_path / "t.md").write_text("```{code-cell} ipython3\n:tags: [parameters]\n\nx = 1\n```\n\n"
                                   "```{code-cell} ipython3\nimport os\n```\n", encoding="utf-8")
    result = ruff_on_code_cells(tmp_path / "t.md")
    assert result.returncode == 1 and "F401" in result.stdout


def test_a_markdown_template_reads_the_same_every_time():
    path = template_path(Project(ROOT), "comparison")
    assert path.suffix == ".md"
    assert read_template(path) == read_template(path)  # cell ids included
