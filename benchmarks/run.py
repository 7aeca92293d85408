"""Build benchmarks: wall time, peak memory and time per agency, written to benchmarks/results/.

Measured in a temporary copy of the project (the real book is never touched):

- the real book: clean build, no-op rebuild, rebuild after one agency's data changes;
- synthetic books of N agencies (default 50, 200, 550: every regional Cooperative & SME agency
  in Indonesia) with 1 and 2 workers, clean builds;
- for each synthetic size, with the first worker count: one agency changed in the N-agency book,
  republished (its chapter and the cross-agency pages re-executed, then an incremental site build:
  how long, and how many of the site's pages Sphinx re-read), then a no-op rebuild;
- the naive way, in the same run, for the real book and for the sizes in ``--naive-sizes``
  (default 50): every notebook executed by papermill one after the other, each in a new kernel,
  then one plain full ``jupyter-book build --all`` with the flat ``_toc.yml``; the results give
  the ratio of its wall time to the build's (clean build, 2 workers).

Synthetic agencies are shaped like the real ones: each is a copy of a curated real agency's
tables and source text under a new id and registry entry, so the notebooks, audit and pages do
the same work per agency as for the real reports; they are spread over Indonesia's 38 provinces,
so the menu is grouped as the national book's is.

Usage: python benchmarks/run.py [--sizes 50,200,550] [--workers 2,1] [--naive-sizes 50]
                                [--template kalimantan-barat] [--no-real]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
import yaml

from lkjpy.build import copy_project

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

#: Indonesia's 38 provinces (since the four Papuan provinces of 2022).
PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan",
    "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta", "Jawa Barat", "Banten", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Selatan", "Papua Tengah", "Papua Pegunungan",
)


def synthesise(project: Path, n: int, template: str) -> None:
    """Replace the registry by ``n`` copies of the ``template`` agency (ids synth-0001, ...), the
    i-th in province i modulo 38."""
    data = project / "data"
    registry = yaml.safe_load((data / "agencies.yml").read_text(encoding="utf-8"))
    base = next(e for e in registry["agencies"] if e["id"] == template)
    entries = []
    for i in range(1, n + 1):
        new_id = f"synth-{i:04d}"
        shutil.copytree(data / template, data / new_id)
        shutil.copy(data / base["source"], data / "sources" / f"{new_id}.txt")
        entries.append({**base, "id": new_id, "name": f"{base['name']} (synthetic {i})",
                        "province": PROVINCES[(i - 1) % len(PROVINCES)], "source": f"sources/{new_id}.txt"})
    (data / "agencies.yml").write_text(yaml.safe_dump({"agencies": entries}, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")


def measure(project: Path, *args: str) -> dict:
    """Run ``python -m lkjpy --root project build ...``; wall time and peak memory of the process tree."""
    cmd = [sys.executable, "-m", "lkjpy", "--root", str(project), "build", *args]
    wall, peak, returncode, output = run_measured(cmd, project)
    done = [text for text in output.splitlines() if text.startswith("Done in")]
    manifest = json.loads((project / "_build" / "manifest.json").read_text(encoding="utf-8"))
    chapter_seconds = [float(m.group(1)) for m in re.finditer(r"^\[\d+/\d+\] (?!page:|site)[\w-]+: ok \(([\d.]+) s\)",
                                                               output, re.M)]
    return {"command": " ".join(["build", *args]), "exit": returncode, "wall_s": round(wall, 1),
            "peak_rss_mb": round(peak / 2**20), "summary": done[-1] if done else output[-500:],
            "site_s": manifest.get("site", {}).get("seconds") if "site: ok" in output else None,
            **site_build(manifest.get("site", {}) if "site: ok" in output else {}),
            "mean_chapter_s": round(sum(chapter_seconds) / len(chapter_seconds), 2) if chapter_seconds else None,
            **site_size(project)}


def site_build(site: dict) -> dict:
    """What the site build did (from the manifest): full or incremental, pages read, copy time."""
    return {"site_full": site.get("full"), "site_pages_read": site.get("pages_read"),
            "site_pages": site.get("pages"), "site_copy_s": site.get("copy_seconds")}


def site_size(project: Path) -> dict:
    """Size of the published site (``_build/html``) and its number of HTML pages."""
    site = (project / "_build" / "html").resolve()
    files = [p for p in site.rglob("*") if p.is_file()] if site.is_dir() else []
    return {"site_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
            "html_pages": sum(p.suffix == ".html" for p in files)}


def measure_naive(project: Path) -> dict:
    """The naive way (see :func:`naive`) in its own process; wall time and peak memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--naive", str(project)]
    wall, peak, returncode, output = run_measured(cmd, project)
    times = json.loads(next((text for text in output.splitlines()[::-1] if text.startswith("{")), "{}"))
    notebooks = times.get("notebook_s", [])
    return {"command": "naive: papermill per notebook, new kernel each, then jupyter-book build --all",
            "exit": returncode, "wall_s": round(wall, 1), "peak_rss_mb": round(peak / 2**20),
            "summary": output[-500:] if returncode else f"{len(notebooks)} notebooks, then the site",
            "site_s": times.get("site_s"),
            "mean_chapter_s": round(sum(notebooks[:-4]) / len(notebooks[:-4]), 2) if notebooks[:-4] else None,
            **site_size(project)}


def naive(project: Path) -> int:
    """Build ``project`` the naive way: each chapter (with the files its chapter job writes beside
    it) and each cross-agency page executed by papermill in turn, each in a new kernel, then one
    plain, full ``jupyter-book build`` with the project's own ``_toc.yml``. Prints the times."""
    import papermill

    from lkjpy.build import CROSS_PAGES, read_template, stage_downloads, template_path
    from lkjpy.pages import write_outputs, write_source_page, write_status
    from lkjpy.project import Project

    paths = Project(project)
    notebook_s = []

    def execute(template: Path, output: Path, parameters: dict) -> None:
        t0 = time.monotonic()
        output.parent.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(read_template(template), str(output), parameters=parameters, kernel_name="python3",
                                   cwd=str(output.parent), progress_bar=False)
        notebook_s.append(round(time.monotonic() - t0, 2))

    for agency_id in paths.agency_ids():
        chapter = paths.chapter(agency_id)
        write_source_page(agency_id, paths.book / "sources", paths.data)
        template = "agency" if paths.agency(agency_id).curated else "agency_pending"
        execute(template_path(paths, template), chapter / "agency.ipynb",
                {"agency_id": agency_id, **paths.parameters()})
        write_outputs(paths.agency(agency_id), chapter / "outputs")
        write_status(chapter / "outputs", ok=True)
    stage_downloads(paths)  # the archive and the charts' data need every chapter's outputs
    for name in CROSS_PAGES:
        execute(template_path(paths, name), paths.book / "pages" / f"{name}.ipynb", paths.parameters())
    t0 = time.monotonic()
    jb = Path(sys.executable).with_name("jupyter-book")
    site = subprocess.run([str(jb), "build", str(project), "--all"], capture_output=True, text=True, cwd=project,
                          check=False)
    print(json.dumps({"notebook_s": notebook_s, "site_s": round(time.monotonic() - t0, 2)}), flush=True)
    if site.returncode:
        print(site.stdout[-2000:], site.stderr[-2000:], file=sys.stderr)
    return site.returncode


def _pss(process: psutil.Process) -> int:
    """A process's proportional set size in bytes (its resident size where the system gives no PSS)."""
    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


def run_measured(cmd: list[str], project: Path) -> tuple[float, int, int, str]:
    """Run ``cmd`` in ``project``: wall seconds, peak memory (bytes) of its process tree, exit code, output.
    Memory is each process's proportional set size (PSS: a page shared by n processes counts 1/n in
    each), so processes forked from one another (the site build's parallel readers and writers, which
    share their parent's pages) are not counted twice; resident size where PSS cannot be read."""
    # Python's bytecode cache on, as on a reader's machine (some sandboxes set PYTHONDONTWRITEBYTECODE,
    # which would make every run compile lkjpy and its imports again, about 0.6 s)
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONDONTWRITEBYTECODE")}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=project)
    peak = [0]

    def sample():
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                used = sum(_pss(p) for p in [parent, *parent.children(recursive=True)])
                peak[0] = max(peak[0], used)
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    wall = time.monotonic() - start
    sampler.join()
    return wall, peak[0], proc.returncode, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,200,550")
    parser.add_argument("--workers", default="2,1", help="worker counts, in the order they run")
    parser.add_argument("--naive-sizes", default="50", help="synthetic sizes also built the naive way")
    parser.add_argument("--template", default="kalimantan-barat", help="the real agency synthetic ones copy")
    parser.add_argument("--no-real", action="store_true", help="skip the real book's runs (synthetic sizes only)")
    parser.add_argument("--naive", metavar="PROJECT", help=argparse.SUPPRESS)  # the naive way's own process
    args = parser.parse_args()
    if args.naive:
        return naive(Path(args.naive))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    naive_sizes = {int(s) for s in args.naive_sizes.split(",") if s}
    results = {"started": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                           "python": platform.python_version()}, "runs": [], "naive": []}

    def record(label: str, agencies: int, result: dict) -> dict:
        result.update(label=label, agencies=agencies,
                      wall_per_agency_s=round(result["wall_s"] / agencies, 2) if agencies else None)
        results["runs"].append(result)
        print(json.dumps(result), flush=True)
        write_results(results)  # after every run, so a long benchmark cut short keeps what it measured
        return result

    def compare(what: str, agencies: int, build: dict, project: Path) -> None:
        slow = record(f"{what}, the naive way (sequential papermill, new kernel each, full site)", agencies,
                      measure_naive(project))
        results["naive"].append({"what": what, "agencies": agencies, "naive_s": slow["wall_s"],
                                 "build_s": build["wall_s"], "build": build["label"], "ratio": round(slow["wall_s"] / build["wall_s"], 2)})
        write_results(results)

    with tempfile.TemporaryDirectory(prefix="lkjpy-bench-") as tmp:
        if not args.no_real:
            real = copy_project(Path(tmp) / "real", ROOT)
            n_real = len(yaml.safe_load((real / "data" / "agencies.yml").read_text(encoding="utf-8"))["agencies"])
            clean = record("real book, clean build (2 workers)", n_real, measure(real, "-j", "2"))
            compare("real book", n_real, clean, copy_project(Path(tmp) / "real-naive", ROOT))
            record("real book, no-op rebuild", n_real, measure(real, "-j", "2"))
            change_one_agency(real, args.template)
            record(f"real book, rebuild after {args.template} changed", n_real, measure(real, "-j", "2"))
        for w in workers:  # every size with the first worker count, then the next
            for n in sizes:
                project = copy_project(Path(tmp) / f"synth-{n}-{w}", ROOT)
                synthesise(project, n, args.template)
                built = record(f"{n} synthetic agencies, clean build, {w} worker(s)", n,
                               measure(project, "-j", str(w)))
                if w == workers[0]:
                    change_one_agency(project, "synth-0001")
                    record(f"{n} synthetic agencies, one agency changed: republish, {w} worker(s)", n,
                           measure(project, "-j", str(w)))
                    record(f"{n} synthetic agencies, no-op rebuild", n, measure(project, "-j", str(w)))
                shutil.rmtree(project)
                if n in naive_sizes and w == workers[0]:
                    project = copy_project(Path(tmp) / f"synth-{n}-naive", ROOT)
                    synthesise(project, n, args.template)
                    compare(f"{n} synthetic agencies", n, built, project)
                    shutil.rmtree(project)
    print((RESULTS / "latest.md").read_text(encoding="utf-8"))
    print(f"written to {RESULTS / 'latest.json'}")
    return 0 if all(r["exit"] == 0 for r in results["runs"]) else 1


def change_one_agency(project: Path, agency_id: str) -> None:
    """Change the bytes of one agency's data (not its figures): its chapter and the cross-agency
    pages are re-executed and the site rebuilt, as for a corrected figure (a correction with its
    report and the registry's checksum is in tests/test_incremental.py)."""
    csv = project / "data" / agency_id / "indicators.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def write_results(results: dict) -> None:
    """``latest.json`` (every figure) and ``latest.md`` (the table the README quotes)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    header = ("| run | agencies | wall (s) | per agency (s) | mean chapter (s) | site build (s) | site pages read "
              "| peak memory (MB) | site (MB, pages) |")
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['label']} | {r['agencies']} | {r['wall_s']} | {r['wall_per_agency_s']} | {r['mean_chapter_s']} | "
              f"{r['site_s']} | {pages_read(r)} | {r['peak_rss_mb']} | {r.get('site_mb')}, {r.get('html_pages')} |"
              for r in results["runs"]]
    if results.get("naive"):
        lines += ["", "| naive way, same run | agencies | naive (s) | compared with | build (s) | ratio |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {c['what']} | {c['agencies']} | {c['naive_s']} | {c['build']} | {c['build_s']} | {c['ratio']} |"
                  for c in results["naive"]]
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def pages_read(run: dict) -> str:
    """``"12 of 1150"`` (an incremental site build), ``"all 1150"`` (a full one), or ``"–"``."""
    if run.get("site_pages_read") is None:
        return "–"
    if run.get("site_full"):
        return f"all {run['site_pages']}"
    return f"{run['site_pages_read']} of {run['site_pages']}"


if __name__ == "__main__":
    sys.exit(main())
