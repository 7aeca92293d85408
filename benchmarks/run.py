"""Build benchmarks: wall time, peak memory and time per agency, written to benchmarks/results/.

Measured in a temporary copy of the project (the real book is never touched):

- the real book: clean build, no-op rebuild, rebuild after one agency's data changes;
- synthetic books of N agencies (default 50, 200, 550: every regional Cooperative & SME agency
  in Indonesia) with 1 and 2 workers, clean builds.

Synthetic agencies are shaped like the real ones: each is a copy of a curated real agency's
tables and source text under a new id and registry entry, so the notebooks, audit and pages do
the same work per agency as for the real reports.

Usage: python benchmarks/run.py [--sizes 50,200,550] [--workers 2,1] [--template kalimantan-barat]
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
from datetime import datetime, timezone
from pathlib import Path

import psutil
import yaml

from lkjpy.build import copy_project

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def synthesise(project: Path, n: int, template: str) -> None:
    """Replace the registry by ``n`` copies of the ``template`` agency (ids synth-0001, ...)."""
    data = project / "data"
    registry = yaml.safe_load((data / "agencies.yml").read_text(encoding="utf-8"))
    base = next(e for e in registry["agencies"] if e["id"] == template)
    entries = []
    for i in range(1, n + 1):
        new_id = f"synth-{i:04d}"
        shutil.copytree(data / template, data / new_id)
        shutil.copy(data / base["source"], data / "sources" / f"{new_id}.txt")
        entries.append({**base, "id": new_id, "name": f"{base['name']} (synthetic {i})",
                        "source": f"sources/{new_id}.txt"})
    (data / "agencies.yml").write_text(yaml.safe_dump({"agencies": entries}, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")


def measure(project: Path, *args: str) -> dict:
    """Run ``python -m lkjpy --root project build ...``; wall time and peak memory of the process tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("LKJPY_DATA_DIR", "MPLBACKEND")}
    cmd = [sys.executable, "-m", "lkjpy", "--root", str(project), "build", *args]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=project)
    peak = [0]

    def sample():
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                rss = sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])
                peak[0] = max(peak[0], rss)
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    wall = time.monotonic() - start
    sampler.join()
    done = [l for l in output.splitlines() if l.startswith("Done in")]
    manifest = json.loads((project / "_build" / "manifest.json").read_text(encoding="utf-8"))
    chapter_seconds = [float(m.group(1)) for m in re.finditer(r"^\[\d+/\d+\] (?!page:|site)[\w-]+: ok \(([\d.]+) s\)",
                                                               output, re.M)]
    return {"command": " ".join(["build", *args]), "exit": proc.returncode, "wall_s": round(wall, 1),
            "peak_rss_mb": round(peak[0] / 2**20), "summary": done[-1] if done else output[-500:],
            "site_s": manifest.get("site", {}).get("seconds") if "site: ok" in output else None,
            "mean_chapter_s": round(sum(chapter_seconds) / len(chapter_seconds), 2) if chapter_seconds else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,200,550")
    parser.add_argument("--workers", default="2,1", help="worker counts, in the order they run")
    parser.add_argument("--template", default="kalimantan-barat", help="the real agency synthetic ones copy")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    results = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                           "python": platform.python_version()}, "runs": []}

    def record(label: str, agencies: int, result: dict) -> None:
        result.update(label=label, agencies=agencies,
                      wall_per_agency_s=round(result["wall_s"] / agencies, 2) if agencies else None)
        results["runs"].append(result)
        print(json.dumps(result), flush=True)
        write_results(results)  # after every run, so a long benchmark cut short keeps what it measured

    with tempfile.TemporaryDirectory(prefix="lkjpy-bench-") as tmp:
        real = copy_project(Path(tmp) / "real", ROOT)
        n_real = len(yaml.safe_load((real / "data" / "agencies.yml").read_text(encoding="utf-8"))["agencies"])
        record("real book, clean build (2 workers)", n_real, measure(real, "-j", "2"))
        record("real book, no-op rebuild", n_real, measure(real, "-j", "2"))
        csv = real / "data" / args.template / "indicators.csv"
        csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        record(f"real book, rebuild after {args.template} changed", n_real, measure(real, "-j", "2"))
        for w in workers:  # every size with the first worker count, then the next
            for n in sizes:
                project = copy_project(Path(tmp) / f"synth-{n}-{w}", ROOT)
                synthesise(project, n, args.template)
                record(f"{n} synthetic agencies, clean build, {w} worker(s)", n, measure(project, "-j", str(w)))
                shutil.rmtree(project)
    print((RESULTS / "latest.md").read_text(encoding="utf-8"))
    print(f"written to {RESULTS / 'latest.json'}")
    return 0 if all(r["exit"] == 0 for r in results["runs"]) else 1


def write_results(results: dict) -> None:
    """``latest.json`` (every figure) and ``latest.md`` (the table the README quotes)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    lines = ["| run | agencies | wall (s) | per agency (s) | mean chapter (s) | site build (s) | peak memory (MB) |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['label']} | {r['agencies']} | {r['wall_s']} | {r['wall_per_agency_s']} | {r['mean_chapter_s']} | "
              f"{r['site_s']} | {r['peak_rss_mb']} |" for r in results["runs"]]
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
