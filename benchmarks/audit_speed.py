"""Audit speed: how long ``lkjpy.audit`` takes for each agency, and where the time goes.

Each agency is loaded once (validation is not part of the audit), then audited ``--repeat``
times; the figures (wall and CPU seconds: best, median; findings by severity) and the slowest
functions of one profiled run (cProfile, by own time) are written to
``benchmarks/results/audit.json``. Never part of the test suite.

Usage: python benchmarks/audit_speed.py [--repeat 7] [ID ...]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lkjpy  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def time_audit(agency, repeat: int) -> dict:
    """Wall and CPU seconds of ``repeat`` audits of one loaded agency (after one warm-up run)."""
    findings = lkjpy.audit(agency)
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        lkjpy.audit(agency)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return {"wall_best_s": round(min(wall), 4), "wall_median_s": round(statistics.median(wall), 4),
            "cpu_best_s": round(min(cpu), 4), "cpu_median_s": round(statistics.median(cpu), 4),
            "findings": {str(k): int(v) for k, v in findings["severity"].value_counts(sort=False).items()}}


def hot_spots(agency, top: int = 10) -> list[dict]:
    """The functions with the most own time in one profiled audit."""
    profile = cProfile.Profile()
    profile.runcall(lkjpy.audit, agency)
    stats = pstats.Stats(profile).sort_stats("tottime")
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in list(stats.stats.items()):
        rows.append({"function": f"{Path(path).name}:{line}({name})", "calls": calls, "own_s": round(own, 4),
                     "cumulative_s": round(cumulative, 4)})
    return sorted(rows, key=lambda r: -r["own_s"])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="agency ids (default: every agency in the registry)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    results = {}
    for agency_id in args.ids or lkjpy.agencies():
        agency = lkjpy.load_agency(agency_id)
        results[agency_id] = {**time_audit(agency, args.repeat), "hot_spots": hot_spots(agency)}
        r = results[agency_id]
        print(f"{agency_id}: wall {r['wall_best_s']} s best, {r['wall_median_s']} s median; "
              f"cpu {r['cpu_best_s']} s best; findings {r['findings']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "python": platform.python_version(),
           "machine": platform.machine(), "repeat": args.repeat, "agencies": results}
    (RESULTS / "audit.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS / 'audit.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
