"""The comparison's findings in words, built from the per-agency summaries and audit findings."""

from __future__ import annotations

import html

import pandas as pd

from . import fmt
from .pages import cited_lines, line_links


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
    error rate. Nothing when no report could be compared (every chapter failed; the page names them)."""
    if summary.empty:
        return ""
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


#: Where, in an agency's chapter, the rows behind each comparison figure are (section anchors). The
#: chapter's table rows carry no anchors of their own, so a derivation links the section and, for
#: each PK indicator, the source lines its row cites (:func:`indicator_lines`).
CHAPTER_SECTIONS = {"pk": "performance-agreement-pk-indicators", "budget": "budget"}
#: The figures of a PK row that the comparison uses.
PK_FIGURES = ("target", "realisasi")


def _section_link(agency_id: str, section: str, text: str, base: str) -> str:
    return (f'<a href="{base}/{html.escape(str(agency_id))}/agency.html#{CHAPTER_SECTIONS[section]}">'
            f"{html.escape(text)}</a>")


def indicator_lines(pk_rows: pd.DataFrame, agency_id: str) -> dict[str, str]:
    """Per PK indicator of the agency, the lines its row of the report year stands on (its
    ``source_line`` with the lines of its target and realisation, as the chapter cites them:
    :func:`lkjpy.pages.cited_lines`). ``pk_rows``: the PK indicators with their results, one row
    per indicator (as ``lkjpy.Agency.indicators``, or the archive's combined ``indicators.csv``)."""
    if pk_rows.empty:
        return {}
    rows = pk_rows[pk_rows["agency_id"] == agency_id]
    return {str(r["indicator_id"]): cited_lines(r, PK_FIGURES) for _, r in rows.iterrows()
            if str(r.get("source_line", "")).strip().isdigit()}


def _pk_rows(agency_id: str, pk_rows: pd.DataFrame, base: str, sources: str) -> str:
    """The PK section link and, per indicator, links to the lines its row stands on."""
    parts = [_section_link(agency_id, "pk", "PK indicators", base)]
    for indicator, lines in indicator_lines(pk_rows, agency_id).items():
        parts.append(f"{html.escape(indicator)}: {line_links(lines, agency_id, base=sources)}")
    return "; ".join(parts)


def derivations(summary: pd.DataFrame, pk_rows: pd.DataFrame | None = None, base: str = "../agencies",
                sources: str = "../sources") -> pd.DataFrame:
    """Per agency, each computed comparison figure with its formula in numbers and HTML links
    (column ``Rows``, escaped) to where its rows are: the chapter section, and for the PK figures
    the source lines of each indicator's row (``pk_rows``, see :func:`indicator_lines`); for the
    budget figures the chapter section and the table the total was taken from."""
    pk_rows = pk_rows if pk_rows is not None else pd.DataFrame()
    rows = []
    for _, s in summary.iterrows():
        pk = _pk_rows(s["agency_id"], pk_rows, base, sources)
        budget = _section_link(s["agency_id"], "budget", "budget", base)
        where = str(s.get("budget_source") or "")
        if where:
            budget += f" ({html.escape(where)})"
        share = (f"{fmt.number(s['indicators_met'])} met / {fmt.number(s['indicators_assessed'])} assessed × 100 = "
                 f"{fmt.percent(s['share_met'], 1)}")
        median = (f"median of the recomputed capaian = {fmt.percent(s['capaian_median'], 1)} "
                  f"(mean {fmt.percent(s['capaian_mean'], 1)}; far out: {fmt.number(s['capaian_far_out'])})")
        serapan = (f"realisasi {fmt.rupiah(s['realisasi'])} / pagu {fmt.rupiah(s['pagu'])} × 100 = "
                   f"{fmt.percent(s['serapan'], 1)}")
        index = (f"{fmt.percent(s['capaian_median'], 1)} / {fmt.percent(s['serapan'], 1)} × 100 = "
                 f"{fmt.number(s['efficiency_index_median'], 1)}")
        figures = [("Share of targets met", share, pk), ("Median capaian", median, pk), ("Serapan", serapan, budget),
                   ("Efficiency index (median)", index, f"{_section_link(s['agency_id'], 'pk', 'PK indicators', base)}"
                                                        f", {budget}")]
        rows += [{"Agency": str(s["region"]), "Figure": f, "Formula": how, "Rows": where} for f, how, where in figures]
    return pd.DataFrame(rows, columns=["Agency", "Figure", "Formula", "Rows"])
