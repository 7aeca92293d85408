"""One project object: paths and settings passed explicitly, the environment read only by the CLI."""

import ast
import json

import pytest
import yaml
from conftest import ROOT

from lkjpy.build import build, copy_project
from lkjpy.project import Project


def test_a_project_knows_where_its_pieces_are(tmp_path):
    project = Project(tmp_path, "id")
    assert project.root == tmp_path.resolve() and project.locale == "id"
    assert project.data == tmp_path.resolve() / "data"
    assert project.chapter("x") == tmp_path.resolve() / "book" / "agencies" / "x"
    assert project.parameters() == {"project_root": str(tmp_path.resolve()), "locale": "id"}
    assert Project().root == ROOT.resolve(), "the default is the project holding the package"


def test_an_unknown_locale_is_refused(tmp_path):
    with pytest.raises(ValueError, match="locale 'fr' is not supported"):
        Project(tmp_path, "fr")


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines reading the environment: os.environ.get(...), os.getenv(...), os.environ[...]."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = ast.unparse(node.func)
            if target in ("os.environ.get", "os.getenv", "environ.get"):
                lines.append(node.lineno)
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and ast.unparse(node.value) == "os.environ":
            lines.append(node.lineno)
    return lines


def test_only_the_command_line_reads_the_environment():
    readers = {str(p.relative_to(ROOT)): _environment_reads(ast.parse(p.read_text(encoding="utf-8")))
               for p in (ROOT / "lkjpy").rglob("*.py")}
    assert readers["lkjpy/__main__.py"], "the command line reads LKJPY_LOCALE"
    assert {p: lines for p, lines in readers.items() if lines and p != "lkjpy/__main__.py"} == {}


def test_an_in_process_build_reads_the_data_of_its_own_project(tmp_path, monkeypatch):
    """build(Project(X)) without the command line: the chapter shows X's data, not the package's.
    With one worker, the chapter and the four cross-agency pages run in one kernel of this process."""
    from lkjpy import build as build_module

    started = []
    kernel_manager = build_module._kernel_manager
    monkeypatch.setattr(build_module, "_kernel_manager", lambda log: started.append(log) or kernel_manager(log))
    root = copy_project(tmp_path / "project", only=["sibolga"])
    registry = yaml.safe_load((root / "data" / "agencies.yml").read_text(encoding="utf-8"))
    registry["agencies"][0]["region"] = "Kota Sibolga, renamed in this copy"
    (root / "data" / "agencies.yml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    outcomes = build(Project(root), only=["sibolga"], site=False)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    assert [o.name for o in outcomes] == ["sibolga", "page:comparison", "page:quality", "page:methodology", "page:data"]
    assert len(started) == 1, "one kernel for the chapter and the pages"
    chapter = (root / "book" / "agencies" / "sibolga" / "agency.ipynb").read_text(encoding="utf-8")
    assert "Kota Sibolga, renamed in this copy" in chapter
    summary = json.loads((root / "book" / "agencies" / "sibolga" / "outputs" / "summary.json").read_text())
    assert summary["region"] == "Kota Sibolga, renamed in this copy"


def test_executed_notebooks_name_no_folder_of_this_machine():
    """The site publishes the executed notebooks: the project's absolute path must not be in them."""
    executed = sorted((ROOT / "book").glob("agencies/*/agency.ipynb")) + sorted((ROOT / "book" / "pages").glob("*.ipynb"))
    assert len(executed) >= 8, "run `python -m lkjpy build` first"
    leaking = [str(p.relative_to(ROOT)) for p in executed if str(ROOT.resolve()) in p.read_text(encoding="utf-8")]
    assert leaking == []
