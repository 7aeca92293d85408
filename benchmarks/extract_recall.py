"""Recall and precision of ``extract`` against the curated reports, and its speed.

For every registered report with curated tables, the proposals ``extract`` makes from the
vendored text (computed in memory: nothing under data/ is written) are compared with the curated
rows:

- PK rows: a curated indicator counts as found when a proposed result row prints the same target,
  realisasi and capaian (spaces folded) on the same source line as one of the indicator's curated
  annual versions for the report year; a proposal is right when it matches a curated version.
  Of the found rows, how many also carry the curated indicator name is reported apart.
- Budget programs: a curated program (item of level ``program``) counts as found when a proposed
  program row prints the same name and pagu on the same line as one of its curated versions; a
  proposed program is right when it matches a curated program version.
- Budget total: the proposed total matches a curated version of ``total`` (pagu and line).
- Speed: seconds to extract each report (best of three runs); the project allows 5 s for a
  3,500-line report (Sibolga has 3,542 lines).

Writes benchmarks/results/extract.json and extract.md. Usage: python benchmarks/extract_recall.py
"""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lkjpy  # noqa: E402
from lkjpy.extract import propose  # noqa: E402
from lkjpy.tables import normalise_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def _t(value) -> str:
    return normalise_text(str(value or ""))


def _results_match(p: dict, c) -> bool:
    return (str(p["source_line"]) == str(c["source_line"]) and _t(p["target_printed"]) == _t(c["target_printed"])
            and _t(p["realisasi_printed"]) == _t(c["realisasi_printed"])
            and _t(p["capaian_reported_printed"]) == _t(c["capaian_reported_printed"]))


def _budget_match(p: dict, c) -> bool:
    return (str(p["source_line"]) == str(c["source_line"]) and _t(p["name"]) == _t(c["name"])
            and _t(p["pagu_printed"]) == _t(c["pagu_printed"]))


def measure(agency_id: str) -> dict:
    agency = lkjpy.load_agency(agency_id)
    text = "\n".join(agency.source_lines)
    year = int(agency.meta["year"])
    seconds = []
    for _ in range(3):  # best of three: the machine is shared
        start = time.perf_counter()
        out = propose(text, year)
        seconds.append(time.perf_counter() - start)
    seconds = min(seconds)

    curated = agency.table("indicator_results")
    curated = curated[(curated["year"] == year) & (curated["basis"] == "annual")]
    names = dict(zip(agency.table("indicators")["indicator_id"], agency.table("indicators")["indicator"]))
    proposed_names = {r["indicator_id"]: r["indicator"] for r in out.rows["indicators"]}
    found, named, right = set(), 0, 0
    for p in out.rows["indicator_results"]:
        hits = [c for _, c in curated.iterrows() if _results_match(p, c)]
        right += bool(hits)
        for c in hits:
            if c["indicator_id"] not in found:
                found.add(c["indicator_id"])
                named += _t(proposed_names.get(p["indicator_id"])) == _t(names.get(c["indicator_id"]))
    pk_total = curated["indicator_id"].nunique()

    budget = agency.table("budget")
    programs = budget[budget["level"] == "program"]
    totals = budget[budget["level"] == "total"]
    proposed_programs = [p for p in out.rows["budget"] if p["level"] == "program"]
    proposed_totals = [p for p in out.rows["budget"] if p["level"] == "total"]
    found_programs, right_programs = set(), 0
    for p in proposed_programs:
        hits = [c for _, c in programs.iterrows() if _budget_match(p, c)]
        right_programs += bool(hits)
        found_programs |= {c["item_id"] for c in hits}
    total_right = any(str(p["source_line"]) == str(c["source_line"]) and _t(p["pagu_printed"]) == _t(c["pagu_printed"])
                      for p in proposed_totals for _, c in totals.iterrows())
    return {
        "agency": agency_id, "lines": len(agency.source_lines), "seconds": round(seconds, 3),
        "pk_curated": int(pk_total), "pk_found": len(found), "pk_found_with_name": named,
        "pk_proposed": len(out.rows["indicator_results"]), "pk_right": right,
        "programs_curated": int(programs["item_id"].nunique()), "programs_found": len(found_programs),
        "programs_proposed": len(proposed_programs), "programs_right": right_programs,
        "total_curated": bool(len(totals)), "total_proposed": bool(proposed_totals), "total_right": total_right,
    }


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "–"


def main() -> None:
    rows = [measure(a) for a in lkjpy.agencies() if not lkjpy.load_agency(a).table("indicator_results").empty]
    sums = {k: sum(r[k] for r in rows) for k in ("pk_curated", "pk_found", "pk_found_with_name", "pk_proposed",
                                                "pk_right", "programs_curated", "programs_found",
                                                "programs_proposed", "programs_right")}
    summary = {
        "pk_recall": round(sums["pk_found"] / sums["pk_curated"], 3),
        "pk_precision": round(sums["pk_right"] / sums["pk_proposed"], 3) if sums["pk_proposed"] else None,
        "pk_name_agreement": round(sums["pk_found_with_name"] / sums["pk_found"], 3) if sums["pk_found"] else None,
        "program_recall": round(sums["programs_found"] / sums["programs_curated"], 3),
        "program_precision": round(sums["programs_right"] / sums["programs_proposed"], 3)
        if sums["programs_proposed"] else None,
        "totals_right": sum(r["total_right"] for r in rows), "reports": len(rows),
        "max_seconds": max(r["seconds"] for r in rows),
    }
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "python": platform.python_version(),
            "machine": platform.machine()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps({"meta": meta, "summary": summary, "reports": rows}, indent=2)
                                          + "\n", encoding="utf-8")
    lines = ["| report | lines | PK rows found | PK proposals right | names as curated | programs found | "
             "program proposals right | total | seconds |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['agency']} | {r['lines']} | {r['pk_found']}/{r['pk_curated']} | "
                     f"{r['pk_right']}/{r['pk_proposed']} | {r['pk_found_with_name']}/{r['pk_found']} | "
                     f"{r['programs_found']}/{r['programs_curated']} | {r['programs_right']}/{r['programs_proposed']} | "
                     f"{'right' if r['total_right'] else 'proposed, differs' if r['total_proposed'] else 'not found'} "
                     f"| {r['seconds']} |")
    lines.append(f"| **all** | | **{_pct(sums['pk_found'], sums['pk_curated'])}** | "
                 f"**{_pct(sums['pk_right'], sums['pk_proposed'])}** | "
                 f"{_pct(sums['pk_found_with_name'], sums['pk_found'])} | "
                 f"**{_pct(sums['programs_found'], sums['programs_curated'])}** | "
                 f"**{_pct(sums['programs_right'], sums['programs_proposed'])}** | "
                 f"{summary['totals_right']}/{len(rows)} | max {summary['max_seconds']} |")
    (RESULTS / "extract.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
