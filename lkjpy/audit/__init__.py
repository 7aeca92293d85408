"""The audit: every figure a report derives, recomputed from its printed inputs, with a verdict.

One module per family of checks; each check reads the agency's curated tables (a table that is
not curated yields nothing) and records :class:`Finding` objects in a :class:`Collector`, which
keeps one finding per problem. Severities: see :mod:`lkjpy.audit.finding`.
"""

from __future__ import annotations

import pandas as pd

from ..load import Agency, load_agency
from ..registry import agencies
from . import aggregates, budget, capaian, changes, efficiency, facts, formula, missing, totals, versions
from .context import Context
from .finding import COLUMNS, SEVERITIES, SEVERITY_MEANING, Collector, Finding, agrees, severity_glossary, tolerance

#: The checks in the order they run: versions first, so that a figure computed from a misprinted
#: version is folded into the version's finding (one problem, one finding).
CHECKS = {
    "versions": versions.check_versions,
    "capaian": capaian.check_capaian,
    "category": capaian.check_labels,
    "budget_total": budget.check_totals,
    "serapan": budget.check_serapan,
    "sisa": budget.check_sisa,
    "budget_change": budget.check_revision,
    "efficiency": efficiency.check_efficiency,
    "aggregate": aggregates.check_aggregates,
    "formula": formula.check_formula_inputs,
    "printed_errors": missing.check_printed_errors,
    "missing": missing.check_missing,
    "unit": missing.check_units,
    "change": changes.check_changes,
    "table_total": totals.check_totals,
    "context_versions": totals.check_repeats,
    "staff_counts": facts.check_staff_counts_twice,
    "share": totals.check_shares,
    "share_range": totals.check_share_range,
    "fact": facts.check_meta,
    "staff": facts.check_staff_repeats,
    "benchmark": facts.check_benchmarks,
    "benchmark_arithmetic": facts.check_benchmark_arithmetic,
}


def audit(agency: Agency | str) -> pd.DataFrame:
    """All findings for one agency (an :class:`Agency` or its id): errors first, then warnings,
    unverifiable figures, and the agreeing checks."""
    if isinstance(agency, str):
        agency = load_agency(agency)
    ctx = Context(agency)
    out = Collector(agency.id)
    for check in CHECKS.values():
        check(ctx, out)
    return out.frame()


def audit_summary(agency_ids: list[str] | None = None) -> pd.DataFrame:
    """Findings counted by agency, check and severity, across agencies (registry order)."""
    frames = [audit(a) for a in (agency_ids or agencies())]
    allf = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return allf.groupby(["agency_id", "check", "severity"], observed=True).size().rename("findings").reset_index()


__all__ = ["CHECKS", "COLUMNS", "SEVERITIES", "SEVERITY_MEANING", "severity_glossary", "Collector", "Context", "Finding", "agrees", "audit", "audit_summary",
           "tolerance"]
