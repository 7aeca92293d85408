"""The comparison's findings in words, built from the per-agency summaries and audit findings."""

from __future__ import annotations

import html

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
    if not findings.empty:
        errors = int((findings["severity"].astype(str) == "error").sum())
        parts.append(f"Across the {fmt.number(len(rates))} reports the audit recomputed {fmt.number(len(findings))} "
                     f"printed figures and found {fmt.number(errors)} errors.")
    return " ".join(parts)


#: Where, in an agency's chapter, the rows behind each comparison figure are (section anchors).
CHAPTER_SECTIONS = {"pk": "performance-agreement-pk-indicators", "budget": "budget"}


def _section_link(agency_id: str, section: str, text: str, base: str) -> str:
    return (f'<a href="{base}/{html.escape(str(agency_id))}/agency.html#{CHAPTER_SECTIONS[section]}">'
            f"{html.escape(text)}</a>")


def derivations(summary: pd.DataFrame, base: str = "../agencies") -> pd.DataFrame:
    """Per agency, each computed comparison figure with its formula in numbers and an HTML link
    (column ``Rows``, escaped) to the chapter section holding the rows it comes from."""
    rows = []
    for _, s in summary.iterrows():
        pk = _section_link(s["agency_id"], "pk", "PK indicators", base)
        budget = _section_link(s["agency_id"], "budget", "budget", base)
        share = (f"{fmt.number(s['indicators_met'])} met / {fmt.number(s['indicators_assessed'])} assessed × 100 = "
                 f"{fmt.percent(s['share_met'], 1)}")
        median = (f"median of the recomputed capaian = {fmt.percent(s['capaian_median'], 1)} "
                  f"(mean {fmt.percent(s['capaian_mean'], 1)}; far out: {fmt.number(s['capaian_far_out'])})")
        serapan = (f"realisasi {fmt.rupiah(s['realisasi'])} / pagu {fmt.rupiah(s['pagu'])} × 100 = "
                   f"{fmt.percent(s['serapan'], 1)}")
        index = (f"{fmt.percent(s['capaian_median'], 1)} / {fmt.percent(s['serapan'], 1)} × 100 = "
                 f"{fmt.number(s['efficiency_index_median'], 1)}")
        figures = [("Share of targets met", share, pk), ("Median capaian", median, pk), ("Serapan", serapan, budget),
                   ("Efficiency index (median)", index, f"{pk}, {budget}")]
        rows += [{"Agency": str(s["region"]), "Figure": f, "Formula": how, "Rows": where} for f, how, where in figures]
    return pd.DataFrame(rows, columns=["Agency", "Figure", "Formula", "Rows"])
