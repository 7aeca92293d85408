"""An agency's chapter is computed once: its notebook loads, validates and audits the agency and
writes its outputs for the cross-agency pages; the build worker never loads the agency."""

from __future__ import annotations

import csv
import importlib
import json

import pytest
from projects import copy_project

import lkjpy
from lkjpy import build
from lkjpy.pages import write_outputs
from lkjpy.project import Project

AGENCY = "kalimantan-barat"


def _refuse(*args, **kwargs):
    raise AssertionError("the build worker loaded or audited the agency")


@pytest.fixture
def project(tmp_path):
    yield Project(copy_project(tmp_path / "project", only=[AGENCY]))
    build.stop_kernel()


def _run_without_loading(job, monkeypatch):
    """Run a job with loading and auditing an agency refused in this process (the worker); the
    notebook's kernel is another process and loads as usual."""
    with monkeypatch.context() as m:
        m.setattr(lkjpy.load, "load_agency", _refuse)
        m.setattr(Project, "agency", _refuse)
        for module in ("lkjpy", "lkjpy.audit", "lkjpy.pages", "lkjpy.chapter"):
            m.setattr(importlib.import_module(module), "audit", _refuse)
        return build.run_job(job)


def test_worker_does_not_load_the_agency_and_the_notebook_writes_its_outputs(project, monkeypatch, tmp_path):
    outputs = project.chapter(AGENCY) / "outputs"
    outputs.mkdir(parents=True)
    (outputs / "stale.csv").write_text("old", encoding="utf-8")
    registry = project.data / "agencies.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        f"id: {AGENCY}\n", f"id: {AGENCY}\n  url: https://example.org/lkj-2024.pdf\n  retrieved: '2025-02-03'\n", 1),
        encoding="utf-8")
    outcome = _run_without_loading(build.agency_job(AGENCY, project), monkeypatch)
    assert outcome.ok, outcome.error
    # the chapter says where the report was published (the registry's origin fields)
    chapter = (project.chapter(AGENCY) / "agency.ipynb").read_text(encoding="utf-8")
    assert 'Published at <a href=\\"https://example.org/lkj-2024.pdf\\">' in chapter and "retrieved 2025-02-03" in chapter
    assert json.loads((outputs / "status.json").read_text(encoding="utf-8"))["ok"] is True
    assert not (outputs / "stale.csv").exists()
    assert (project.book / "sources" / f"{AGENCY}.md").is_file()
    # the outputs are those a direct computation writes
    write_outputs(project.agency(AGENCY), tmp_path / "expected")
    for name in ("summary.json", "indicators.csv", "audit.csv"):
        assert (outputs / name).read_bytes() == (tmp_path / "expected" / name).read_bytes(), name


def test_invalid_data_fails_the_job_with_file_row_and_column_and_no_outputs(project, monkeypatch):
    path = project.data / AGENCY / "indicator_results.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("realisasi")] = "not-a-number"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    outputs = project.chapter(AGENCY) / "outputs"
    outputs.mkdir(parents=True)
    (outputs / "summary.json").write_text("{}", encoding="utf-8")  # a stale output of an earlier build
    outcome = _run_without_loading(build.agency_job(AGENCY, project), monkeypatch)
    assert not outcome.ok
    assert outcome.error.startswith(f"data/{AGENCY}/indicator_results.csv, row 1, column 'realisasi'"), outcome.error
    assert sorted(p.name for p in outputs.iterdir()) == ["status.json"]
    assert json.loads((outputs / "status.json").read_text(encoding="utf-8"))["ok"] is False
    assert "not-a-number" in (project.chapter(AGENCY) / "agency.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, curated", [
    ("indicator_id,indicator\n", False), ("indicator_id,indicator\n,\n  ,  \n\n", False),
    ("indicator_id,indicator\ni1,Jumlah koperasi\n", True), (None, False), (b"\xff\xfe", False),
])
def test_template_choice_reads_only_whether_indicators_have_a_row(tmp_path, text, curated):
    (tmp_path / "a").mkdir()
    if isinstance(text, str):
        (tmp_path / "a" / "indicators.csv").write_text(text, encoding="utf-8")
    elif text is not None:
        (tmp_path / "a" / "indicators.csv").write_bytes(text)
    assert build.has_curated_indicators("a", tmp_path) is curated
