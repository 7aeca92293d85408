"""Execute the notebook templates with papermill, once per registry agency."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import nbformat
import papermill

from .errors import DataError
from .load import load_agency
from .registry import agencies

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "notebooks"
AGENCY_PAGES = ROOT / "book" / "agencies"


def template_for(agency_id: str) -> Path:
    """The full chapter template when the agency's data is curated, else the short one."""
    curated = load_agency(agency_id).curated
    return TEMPLATES / ("agency.ipynb" if curated else "agency_pending.ipynb")


def execute_agency(agency_id: str, out_dir: Path = AGENCY_PAGES) -> Path:
    """Run the agency's template with papermill into ``<out_dir>/<agency_id>/agency.ipynb``."""
    target_dir = out_dir / agency_id
    target_dir.mkdir(parents=True, exist_ok=True)
    out = target_dir / "agency.ipynb"
    papermill.execute_notebook(
        str(template_for(agency_id)), str(out), parameters={"agency_id": agency_id},
        kernel_name="python3", cwd=str(target_dir), progress_bar=False,
    )
    _hide_injected_parameters(out)
    return out


def _hide_injected_parameters(path: Path) -> None:
    """Tag papermill's injected parameters cell ``remove-cell``: plumbing, not content."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(nb, path)


def build_all(out_dir: Path = AGENCY_PAGES) -> list[str]:
    """Execute every registry agency's chapter; return the ids that failed (after trying all)."""
    os.environ.pop("MPLBACKEND", None)  # an Agg backend would drop glued figures silently
    ids = agencies()
    _remove_stale(out_dir, ids)
    failed = []
    start = time.monotonic()
    for n, agency_id in enumerate(ids, start=1):
        print(f"[{n}/{len(ids)}] {agency_id} ...", end=" ", flush=True)
        t0 = time.monotonic()
        try:
            execute_agency(agency_id, out_dir)
            print(f"ok ({time.monotonic() - t0:.1f} s)", flush=True)
        except (DataError, papermill.PapermillExecutionError) as exc:
            failed.append(agency_id)
            print(f"FAILED\n{exc}", flush=True)
    print(f"{len(ids) - len(failed)} of {len(ids)} chapters executed in {time.monotonic() - start:.1f} s")
    return failed


def _remove_stale(out_dir: Path, ids: list[str]) -> None:
    """Drop executed chapters of agencies no longer in the registry."""
    if not out_dir.is_dir():
        return
    for child in out_dir.iterdir():
        if child.is_dir() and child.name not in ids and (child / "agency.ipynb").exists():
            shutil.rmtree(child)


def main() -> int:
    failed = build_all()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
