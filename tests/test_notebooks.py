"""Notebook templates: one parameters cell, no outputs, %matplotlib inline first, no labels."""

import re

import nbformat
import pytest
from conftest import ROOT

TEMPLATES = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_templates():
    assert {p.name for p in TEMPLATES} >= {"agency.ipynb", "agency_pending.ipynb", "comparison.ipynb",
                                           "quality.ipynb", "methodology.ipynb", "data.ipynb"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_structure(path):
    nb = nbformat.read(path, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    if path.name.startswith("agency"):
        assert re.search(r"^agency_id\s*=\s*\"[a-z0-9-]+\"$", params[0].source, re.M)
    else:  # cross-agency pages: where the agencies' outputs are
        assert re.search(r"^chapters_dir\s*=\s*\"[./a-z]+\"$", params[0].source, re.M)
    assert all(line.strip() == "" or re.match(r"^\w+\s*=", line) for line in params[0].source.splitlines()), \
        "the parameters cell holds assignments only"
    assert nb.cells[0].source.strip() == "%matplotlib inline"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "templates carry no outputs"
        assert not re.search(r"^\(\w[\w-]*\)=|:name:", cell.source, re.M), "no labels in templates"
