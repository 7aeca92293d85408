"""One agency's chapter: what it shows, computed once.

:class:`Chapter` loads nothing itself: built from an already loaded and validated
:class:`~lkjpy.load.Agency`, it computes the indicator measures, the history, the budget tables and
the audit findings once, and the chapter's tables, sentences and charts, as well as the agency's
outputs for the cross-agency pages (:meth:`Chapter.write_outputs`), are all read from it. The
sentences whose wording depends on the data are small pure functions of plain values; the chapter
template (``notebooks/agency.md``) only glues and displays what they return.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import budget as budget_measures
from . import coverage, efficiency, fmt, measures
from .audit import audit
from .load import Agency
from .pages import cited_lines, html_table, line_links, write_outputs
from .scales import REFERENCE_NAME

#: What a section says when the registry's coverage leaves its tables out.
NOT_CURATED = "Not curated for this report (see its coverage above)."
#: How the profile sentence names each level of government.
LEVEL_TEXT = {"provinsi": "a provincial", "kabupaten": "a regency (kabupaten)", "kota": "a city (kota)"}
#: The severities shown open (errors and warnings) and those listed collapsed.
SERIOUS = ("error", "warning")


# --- the one computation -----------------------------------------------------------------------

@dataclass(frozen=True)
class Chapter:
    """Everything an agency's chapter shows, computed once from the loaded agency. Sections the
    registry's coverage leaves out hold empty frames (not curated is not "not printed")."""

    agency: Agency
    indicators: pd.DataFrame  #: :func:`lkjpy.measures.indicator_measures`
    history: pd.DataFrame  #: :func:`lkjpy.measures.history`, empty when history and Renstra are not curated
    progress: pd.DataFrame  #: :func:`lkjpy.measures.renstra_progress_table`, idem
    programs: pd.DataFrame  #: :func:`lkjpy.measures.programs`, empty when not curated
    belanja: pd.DataFrame  #: :func:`lkjpy.measures.belanja`, empty when the budget detail is not curated
    budget_total: tuple[float, float, str]  #: :func:`lkjpy.measures.budget_total`
    findings: pd.DataFrame  #: :func:`lkjpy.audit.audit`

    @classmethod
    def of(cls, agency: Agency) -> Chapter:
        """The chapter of a loaded agency: measures, budget tables and audit, each computed once."""
        hist, progress = measures.history(agency), measures.renstra_progress_table(agency)
        if not (coverage.covers(agency, "history") or coverage.covers(agency, "renstra")):
            hist, progress = hist.iloc[0:0], progress.iloc[0:0]
        programs = measures.programs(agency)
        if not coverage.covers(agency, "budget_programs"):
            programs = programs.iloc[0:0]
        belanja = measures.belanja(agency)
        if not coverage.covers(agency, "budget_detail"):
            belanja = belanja.iloc[0:0]
        return cls(agency, measures.indicator_measures(agency), hist, progress, programs, belanja,
                   measures.budget_total(agency), audit(agency))

    @property
    def id(self) -> str:
        return self.agency.id

    @property
    def meta(self) -> dict:
        return self.agency.meta

    def links(self, lines: str) -> str:
        """Links from this chapter to the cited lines of its source report."""
        return line_links(lines, self.id)

    def write_outputs(self, out_dir: Path) -> dict:
        """The agency's outputs for the cross-agency pages, from this computation (no second audit)."""
        return write_outputs(self.agency, Path(out_dir), findings=self.findings, indicators=self.indicators)

    # --- sentences, from the computation ---
    def profile_text(self) -> str:
        pagu, spent, how = self.budget_total
        return profile_sentence(self.meta["level"], self.meta["province"], self.meta["year"], self.meta.get("head"),
                                pagu, spent, how, measures.staff_total(self.agency))

    def pk_text(self) -> str:
        ind = self.indicators
        assessed = ind["target_met"].dropna()
        differs = (ind["capaian_reported"] - ind["capaian_standard"]).abs() > 0.5
        return pk_sentence(len(ind), int(assessed.sum()), len(assessed), int(differs.sum()))

    def history_text(self) -> str:
        curated = coverage.covers(self.agency, "history") or coverage.covers(self.agency, "renstra")
        hist = self.history
        years = sorted(int(y) for y in hist["year"].unique()) if not hist.empty else []
        counts = hist.groupby("indicator_id")["realisasi_value"].count() if not hist.empty else pd.Series(dtype=int)
        return history_sentence(curated, years, int((counts >= 2).sum()))

    def budget_text(self) -> str:
        prog = self.programs
        overhead = budget_measures.overhead_share(prog) if not prog.empty else math.nan
        return budget_sentence(coverage.covers(self.agency, "budget_programs"), len(prog),
                               int(prog["realisasi"].notna().sum()) if not prog.empty else 0, *self.budget_total,
                               overhead)

    def efficiency_text(self) -> str:
        eff = self.agency.table("efficiency")
        return efficiency_sentence(coverage.covers(self.agency, "efficiency"),
                                   dict(eff["method_variant"].value_counts()) if not eff.empty else {})

    def audit_text(self) -> str:
        return audit_sentence(self.findings["severity"].astype(str).value_counts().to_dict(), len(self.findings))


# --- sentences: pure functions of plain values --------------------------------------------------

def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def profile_sentence(level: str, province: str, year: int, head: str | None = None, pagu: float = math.nan,
                     spent: float = math.nan, budget_how: str = "", staff: float = math.nan) -> str:
    """Who the agency is, who signed its report, its budget and staff, as far as the report states them."""
    parts = [f"The agency is {LEVEL_TEXT[level]} agency of {province}; this is its report for {year}."]
    if head:
        parts.append(f"It is signed by {head}" + ("" if head.endswith(".") else "."))
    if _known(pagu):
        parts.append(fmt.budget_sentence(pagu, spent, budget_how))
    if _known(staff):
        parts.append(f"It reports {fmt.number(staff)} staff.")
    return " ".join(parts)


def pk_sentence(indicators: int, met: int, assessed: int, differs: int) -> str:
    """The PK indicators in one paragraph: how many, how many met their target, how many printed
    capaian differ from the recomputed one by more than half a point."""
    return (f"The report's Perjanjian Kinerja has {indicators} indicators. Recomputed with the standard formula "
            f"for each indicator's polarity, {met} of the {assessed} that can be assessed reached their target; "
            f"for {differs} the printed capaian differs from the recomputed one by more than half a point. "
            "Categories are shown as printed, as the report's own scale gives them for the recomputed capaian, "
            f"and on the common reference scale ({REFERENCE_NAME}).")


def history_sentence(curated: bool, years: list[int], comparable: int) -> str:
    """The years the report prints and how many indicators can be followed over two or more."""
    if not curated:
        return NOT_CURATED
    return (f"The report prints realisations for {len(years)} year(s) ({', '.join(map(str, years)) or 'none'}); "
            f"{comparable} indicator(s) have at least two years to compare. Progress towards the Renstra's "
            "end-of-period target is the capaian of the report year's realisation against that target, by the "
            "indicator's polarity.")


def budget_sentence(covered: bool, programs: int, with_spending: int, pagu: float, spent: float, how: str,
                    overhead: float) -> str:
    """The budget section's paragraph: the year's budget, the programs and the support program's share."""
    if not covered:
        return "The budget by program is not curated for this report (see its coverage above)."
    if not programs:
        return "The curated data has no program budget for this report yet."
    return (f"{fmt.budget_sentence(pagu, spent, how)} The report lists {programs} programs, {with_spending} of "
            f"them with their spending. The general support program (penunjang urusan) took "
            f"{fmt.percent(overhead)} of the programs' allocation. Serapan is recomputed as realisasi / pagu × 100 "
            "and sisa as pagu − realisasi.")


def efficiency_sentence(covered: bool, methods: Mapping[str, int]) -> str:
    """The methods the report's efficiency figures follow (each with its number of rows)."""
    if not covered:
        return NOT_CURATED
    if not methods:
        return "The curated data has no efficiency table for this report yet."
    used = "; ".join(f"{efficiency.METHOD_TEXT[m]} ({n} row{'s' if n > 1 else ''})" for m, n in methods.items())
    return (f"The report's efficiency figures follow these methods: {used}. Each printed figure is recomputed with "
            f"its method from the figures printed beside it, and set beside the book's common "
            f"{efficiency.COMMON_NAME}.")


def audit_sentence(counts: Mapping[str, int], total: int) -> str:
    """The audit's counts by severity, and how the findings are listed below."""
    return (f"The audit recomputed {total} printed figures and comparisons: {counts.get('error', 0)} errors, "
            f"{counts.get('warning', 0)} warnings, {counts.get('unverifiable', 0)} figures that cannot be recomputed "
            f"and {counts.get('info', 0)} that agree. Errors and warnings are listed by check (checks with errors "
            "open), one row per problem with every line that prints it; the unverifiable and the agreeing ones are "
            "counted by check and listed, collapsed, below them.")


# --- tables (HTML, texts escaped) -----------------------------------------------------------------

def _yes_no(flags: pd.Series) -> pd.Series:
    return flags.map({True: "yes", False: "no"}).fillna("–")


def facts_table(ch: Chapter) -> str:
    """The facts the report states about the agency; empty when none is curated."""
    facts = ch.agency.table("meta")
    if facts.empty:
        return ""
    view = pd.DataFrame({
        "Fact": facts["key"], "As printed": facts["printed"], "Value": facts["value"],
        "Line": [ch.links(cited_lines(r)) for _, r in facts.iterrows()],
        "Review": [coverage.review_label(v) for v in facts["review"]], "Curator's note": facts["note"],
    })
    return html_table(view, raw=("Line",), indonesian=("As printed",),
                      caption="Facts the report states about the agency")


def pk_table(ch: Chapter) -> str:
    """The PK indicators: target, realisation and capaian as printed and recomputed, categories."""
    ind = ch.indicators
    notes = ind["indicator_id"].map(ch.agency.table("indicators").set_index("indicator_id")["note"])
    view = pd.DataFrame({
        "Id": ind["indicator_id"], "Indicator (as printed)": ind["indicator"], "English": ind["indicator_en"],
        "Target (as printed)": ind["target_printed"], "Realisasi (as printed)": ind["realisasi_printed"],
        "Capaian (as printed)": ind["capaian_reported_printed"],
        "Capaian (recomputed)": [fmt.percent(x) for x in ind["capaian_standard"]],
        "Formula": ind["standard_formula"], "Met": _yes_no(ind["target_met"]),
        "Category (as printed)": ind["category_reported"],
        "Own scale": ind["category_own_scale"].fillna("–"), "Reference scale": ind["category_reference"].fillna("–"),
        "Line": [ch.links(cited_lines(r)) for _, r in ind.iterrows()],
        "Review": coverage.indicator_review(ch.agency, ind["indicator_id"]), "Curator's note": notes,
    })
    return html_table(view, raw=("Line",), indonesian=("Indicator (as printed)", "Category (as printed)"),
                      caption="PK indicators: target, realisation and capaian as printed and recomputed")


def history_table(ch: Chapter) -> str:
    """Each indicator's realisation by year, as printed; empty when there is no history."""
    if ch.history.empty:
        return ""
    wide = ch.history.pivot_table(index="indicator_id", columns="year", values="realisasi_printed", aggfunc="first")
    wide.columns = [f"Realisasi {c} (as printed)" for c in wide.columns]
    return html_table(wide.reset_index().rename(columns={"indicator_id": "Id"}),
                      caption="Realisation of each indicator by year, as printed")


def progress_table(ch: Chapter) -> str:
    """Progress towards the Renstra's end-of-period targets; empty when no end target is printed."""
    p = ch.progress
    if p.empty or not p["end_target_printed"].ne("").any():
        return ""
    view = pd.DataFrame({
        "Id": p["indicator_id"], "Renstra end year": p["end_year"].astype("string").fillna("–"),
        "End target (as printed)": p["end_target_printed"], "Realisasi (as printed)": p["realisasi_printed"],
        "Progress (recomputed)": [fmt.percent(x) for x in p["progress"]],
        "Progress (as printed)": p["progress_reported_printed"],
    })
    return html_table(view, caption="Progress towards the Renstra's end-of-period target")


def program_table(ch: Chapter) -> str:
    """The budget by program: printed figures, serapan and sisa recomputed, each program's share."""
    prog = ch.programs
    if prog.empty:
        return ""
    view = pd.DataFrame({
        "Program (as printed)": prog["name"], "Pagu (as printed)": prog["pagu_printed"],
        "Realisasi (as printed)": prog["realisasi_printed"], "% (as printed)": prog["pct_reported_printed"],
        "Serapan (recomputed)": [fmt.percent(x) for x in prog["serapan"]],
        "Sisa (recomputed)": [fmt.rupiah(budget_measures.sisa(p, r)) for p, r in zip(prog["pagu"], prog["realisasi"])],
        "Share of programs' pagu": [fmt.percent(x, 1) for x in budget_measures.shares(prog["pagu"])],
        "Line": [ch.links(cited_lines(r)) for _, r in prog.iterrows()],
        "Review": [coverage.review_label(v) for v in prog["review"]], "Curator's note": prog["note"],
    })
    return html_table(view, raw=("Line",), caption="Budget by program")


def belanja_table(ch: Chapter) -> str:
    """The budget by type of spending, with serapan and each type's share of the total pagu."""
    bel = ch.belanja
    if bel.empty:
        return ""
    total = ch.budget_total[0]
    view = pd.DataFrame({
        "Belanja (as printed)": bel["name"], "Pagu (as printed)": bel["pagu_printed"],
        "Realisasi (as printed)": bel["realisasi_printed"], "% (as printed)": bel["pct_reported_printed"],
        "Serapan (recomputed)": [fmt.percent(x) for x in bel["serapan"]],
        "Share of total pagu": [fmt.percent(x / total * 100, 1) for x in bel["pagu"]],
        "Line": [ch.links(cited_lines(r)) for _, r in bel.iterrows()],
    })
    return html_table(view, raw=("Line",), caption="Budget by type of spending (belanja)")


def efficiency_figures(eff: pd.DataFrame) -> pd.DataFrame:
    """The report's efficiency rows with ``recomputed`` (by the row's stated method) and ``common``
    (the book's :data:`lkjpy.efficiency.COMMON` index) added."""
    return eff.assign(
        recomputed=[efficiency.by_method(r.method_variant, r.capaian_kinerja, r.serapan, r.pagu, r.realisasi,
                                         r.target_kinerja, r.realisasi_kinerja) for r in eff.itertuples()],
        common=[efficiency.COMMON(r.capaian_kinerja, r.serapan) for r in eff.itertuples()])


def efficiency_table(ch: Chapter) -> str:
    """Efficiency as printed, recomputed by its stated method, and the common index; empty when
    not curated or not printed."""
    eff = ch.agency.table("efficiency")
    if eff.empty or not coverage.covers(ch.agency, "efficiency"):
        return ""
    eff = efficiency_figures(eff)
    view = pd.DataFrame({
        "Item (as printed)": eff["name"], "Method": eff["method_variant"],
        "Capaian kinerja (as printed)": eff["capaian_kinerja_printed"], "Serapan (as printed)": eff["serapan_printed"],
        "Efficiency (as printed)": eff["efficiency_printed"], "Label (as printed)": eff["label_reported"],
        "Efficiency (recomputed, stated method)": [fmt.number(x, 2) for x in eff["recomputed"]],
        "Efficiency index (common)": [fmt.number(x, 1) for x in eff["common"]],
        "Line": [ch.links(cited_lines(r)) for _, r in eff.iterrows()],
    })
    return html_table(view, raw=("Line",), caption="Efficiency as printed, recomputed by its method, and the common index")


def audit_counts_table(findings: pd.DataFrame) -> str:
    """Findings counted by check (rows) and severity (columns)."""
    counts = findings.pivot_table(index="check", columns="severity", values="subject", aggfunc="count",
                                  observed=False).fillna(0).astype(int)
    return html_table(counts.reset_index(), caption="Audit findings by check and severity")


def finding_table(rows: pd.DataFrame, caption: str, agency_id: str) -> str:
    """Findings, one row each: severity, subject, printed and recomputed values, verdict, the
    source lines (linked) and the formula."""
    view = pd.DataFrame({
        "Severity": rows["severity"].astype(str), "Subject": rows["subject"],
        "As printed": rows["reported"], "Recomputed": rows["recomputed"], "Verdict": rows["message"],
        "Lines": [line_links(s, agency_id) for s in rows["source_lines"]], "How": rows["formula"],
    })
    return html_table(view, raw=("Lines",), caption=caption, classes="lkj-table lkj-audit")


def by_check(rows: pd.DataFrame, label: str, agency_id: str, open_when: tuple[str, ...] = ()) -> str:
    """One collapsible group per check, headed by its counts by severity; open when it holds a
    severity in ``open_when``."""
    parts = []
    for check, group in rows.groupby("check", sort=True):
        counts = group["severity"].astype(str).value_counts()
        tally = ", ".join(f"{n} {s}" for s, n in counts.items())
        is_open = " open" if counts.index.isin(open_when).any() else ""
        parts.append(f'<details class="lkj-group"{is_open}><summary>{html.escape(str(check))}: {tally}</summary>'
                     f"{finding_table(group, f'{label}: check {check}', agency_id)}</details>")
    return "".join(parts)


def audit_groups(findings: pd.DataFrame, agency_id: str) -> list[str]:
    """The findings as HTML blocks: errors and warnings by check (checks with errors open), then
    the unverifiable figures by check, then the agreeing ones by check inside one collapsed group."""
    blocks = []
    serious = findings[findings["severity"].isin(SERIOUS)]
    if not serious.empty:
        blocks.append(by_check(serious, "Errors and warnings", agency_id, open_when=("error",)))
    unverifiable = findings[findings["severity"] == "unverifiable"]
    if not unverifiable.empty:
        blocks.append(by_check(unverifiable, "Figures that cannot be recomputed", agency_id))
    agreeing = findings[findings["severity"] == "info"]
    blocks.append(f'<details class="lkj-group"><summary>{len(agreeing)} figures that agree, by check</summary>'
                  f"{by_check(agreeing, 'Figures that agree', agency_id)}</details>")
    return blocks


def show(*blocks: str) -> None:
    """Display each non-empty HTML block as a cell output (an empty one shows nothing)."""
    from IPython.display import HTML, display

    for block in blocks:
        if block:
            display(HTML(block))
