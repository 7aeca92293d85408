"""Assemble the book's executed pages: one chapter per registry agency, then the cross-agency pages.

For each agency the runner executes the chapter template with papermill into
``book/agencies/<id>/agency.ipynb``, writes the agency's outputs (summary, measures, audit)
beside it for the cross-agency pages, and writes its source viewer page. The cross-agency
templates then run into ``book/pages/``. ``jupyter-book build`` only assembles (it never
executes).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill

from .errors import DataError
from .load import load_agency
from .pages import write_outputs, write_source_page
from .registry import agencies, data_dir

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "notebooks"
BOOK = ROOT / "book"
CROSS_PAGES = ("comparison", "quality", "methodology", "data")


@dataclass
class Job:
    """One notebook to execute: template, output path, parameters."""

    name: str
    template: Path
    output: Path
    parameters: dict = field(default_factory=dict)


def chapter_job(agency_id: str, book: Path = BOOK) -> Job:
    """The chapter of one agency: the full template when its data is curated, else the short one."""
    curated = load_agency(agency_id).curated
    template = TEMPLATES / ("agency.ipynb" if curated else "agency_pending.ipynb")
    return Job(agency_id, template, book / "agencies" / agency_id / "agency.ipynb", {"agency_id": agency_id})


def page_jobs(book: Path = BOOK) -> list[Job]:
    """The cross-agency pages; they read the agencies' outputs from ``../agencies``."""
    return [Job(name, TEMPLATES / f"{name}.ipynb", book / "pages" / f"{name}.ipynb",
                {"chapters_dir": "../agencies"}) for name in CROSS_PAGES]


def execute(job: Job) -> None:
    """Run one job with papermill (in the output's folder) and hide the injected parameters."""
    job.output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(str(job.template), str(job.output), parameters=job.parameters,
                               kernel_name="python3", cwd=str(job.output.parent), progress_bar=False)
    _hide_injected_parameters(job.output)


def _hide_injected_parameters(path: Path) -> None:
    """Tag papermill's injected parameters cell ``remove-cell``: plumbing, not content."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(nb, path)


def build_agency(agency_id: str, book: Path = BOOK) -> None:
    """Chapter, outputs and source page of one agency."""
    job = chapter_job(agency_id, book)
    execute(job)
    write_outputs(agency_id, job.output.parent / "outputs")
    write_source_page(agency_id, book / "sources")


def stage_downloads(book: Path = BOOK) -> None:
    """Copy the curated data where the site serves it (``_static/data/``)."""
    target = book / "_data" / "data"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("README.md"))


def _remove_stale(book: Path, ids: list[str]) -> None:
    """Drop chapters and source pages of agencies no longer in the registry."""
    for child in (book / "agencies").iterdir() if (book / "agencies").is_dir() else []:
        if child.is_dir() and child.name not in ids:
            shutil.rmtree(child)
    for page in (book / "sources").glob("*.md") if (book / "sources").is_dir() else []:
        if page.stem not in ids:
            page.unlink()


def build_all(book: Path = BOOK) -> list[str]:
    """Execute every chapter and page; return what failed (after trying everything)."""
    os.environ.pop("MPLBACKEND", None)  # an Agg backend would drop glued figures silently
    ids = agencies()
    _remove_stale(book, ids)
    stage_downloads(book)
    failed = []
    start = time.monotonic()
    steps = [(a, lambda a=a: build_agency(a, book)) for a in ids]
    steps += [(f"page {j.name}", lambda j=j: execute(j)) for j in page_jobs(book)]
    for n, (name, run) in enumerate(steps, start=1):
        print(f"[{n}/{len(steps)}] {name} ...", end=" ", flush=True)
        t0 = time.monotonic()
        try:
            run()
            print(f"ok ({time.monotonic() - t0:.1f} s)", flush=True)
        except (DataError, papermill.PapermillExecutionError) as exc:
            failed.append(name)
            print(f"FAILED\n{exc}", flush=True)
    print(f"{len(steps) - len(failed)} of {len(steps)} executed in {time.monotonic() - start:.1f} s", flush=True)
    return failed


def main() -> int:
    failed = build_all()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
