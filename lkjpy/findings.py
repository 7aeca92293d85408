"""The comparison's findings in words, built from the per-agency summaries and audit findings."""

from __future__ import annotations

import pandas as pd

from . import fmt


def error_rates(findings: pd.DataFrame) -> pd.Series:
    """Per agency, errors as a percentage of the figures the audit recomputed for its report
    (reports differ in length, so the rate compares them, not the count)."""
    if findings.empty:
        return pd.Series(dtype=float)
    is_error = findings["severity"].astype(str) == "error"
    return is_error.groupby(findings["agency_id"]).mean() * 100


def leader(frame: pd.DataFrame, column: str) -> pd.Series | None:
    """The row with the highest known value of ``column`` (the first in order on a tie), or None."""
    known = frame.dropna(subset=[column])
    return None if known.empty else known.loc[known[column].idxmax()]


def headline(summary: pd.DataFrame, findings: pd.DataFrame) -> str:
    """Three sentences: who met most of its targets, who used its budget best (efficiency index
    on the median capaian, which one far-out indicator cannot sway), whose report has the highest
    error rate."""
    parts = []
    best = leader(summary, "share_met")
    if best is not None:
        parts.append(f"{best['region']} met the largest share of its performance targets: "
                     f"{fmt.number(best['indicators_met'])} of {fmt.number(best['indicators_assessed'])} "
                     f"({fmt.percent(best['share_met'], 0)}).")
    thrifty = leader(summary, "efficiency_index_median")
    if thrifty is not None:
        parts.append(f"{thrifty['region']} used its budget best: its median capaian over its serapan gives "
                     f"an efficiency index of {fmt.number(thrifty['efficiency_index_median'], 1)}.")
    rates = error_rates(findings).rename("error_rate").reset_index()
    rates = rates.merge(summary[["agency_id", "region"]], on="agency_id", how="left")
    worst = leader(rates, "error_rate")
    if worst is not None:
        parts.append(f"The report of {worst['region']} has the most errors relative to what it prints: "
                     f"{fmt.percent(worst['error_rate'], 1)} of the figures the audit recomputed.")
    return " ".join(parts)
