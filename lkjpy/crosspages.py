"""The cross-agency pages (comparison, quality, methodology, data): their tables, the data of their
charts and the sentences that depend on the data, built from the chapters' outputs
(``book/agencies/<id>/outputs/``), never by auditing again. A page's cells only call these and
display or glue the result; the build stages each chart's data as a CSV file
(:func:`write_chart_data`) from the same functions the page plots, so a download is exactly what
a chart shows."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import fmt
from .downloads import ARCHIVE_FOLDER, CHARTS_FOLDER, frame_csv
from .findings import derivations, error_rates, headline
from .measures import far_out
from .pages import chapter_link, failed_agencies, failure_notice, html_table, line_links, read_outputs
from .text import split_lines

#: Severities in the order the quality page stacks them; ``unverifiable`` only where found.
SEVERITY_ORDER = ("error", "warning", "unverifiable", "info")


class Html(str):
    """HTML text that a notebook displays as HTML (the last expression of a cell)."""

    def _repr_html_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Outputs:
    """Every chapter's outputs, read once: summaries, PK indicators, audit findings, and the
    agencies whose chapter failed (left out)."""

    ids: list[str]
    summary: pd.DataFrame
    indicators: pd.DataFrame
    findings: pd.DataFrame
    failed: list[dict]
    pk_rows: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def curated(self) -> pd.DataFrame:
        return self.summary[self.summary["curated"].astype(bool)] if not self.summary.empty else self.summary

    @property
    def names(self) -> dict[str, str]:
        """Agency id -> its region, as the pages name agencies."""
        if self.summary.empty:
            return {}
        return dict(zip(self.summary["agency_id"], self.summary["region"]))


def read_chapters(ids: list[str], chapters: Path, pk_rows: Path | None = None) -> Outputs:
    """The outputs of the chapters under ``chapters`` (``book/agencies``) of the agencies ``ids``,
    with the PK rows the build combined (``pk_rows``: the archive's ``combined/indicators.csv``,
    read as text; none when it is missing)."""
    rows = (pd.read_csv(pk_rows, dtype=str, keep_default_na=False) if pk_rows is not None and pk_rows.is_file()
            else pd.DataFrame())
    return Outputs(list(ids), read_outputs("summary", ids, chapters), read_outputs("indicators", ids, chapters),
                   read_outputs("audit", ids, chapters), failed_agencies(ids, chapters), rows)


def read_project(project) -> Outputs:
    """The outputs of every registered agency's chapter of ``project`` (a :class:`lkjpy.Project`),
    with the PK rows of the archive the build staged."""
    combined = project.book / "_data" / ARCHIVE_FOLDER / "combined" / "indicators.csv"
    return read_chapters(project.agency_ids(), project.book / "agencies", combined)


def left_out(outputs: Outputs, base: str = "../agencies") -> Html | None:
    """The note naming and linking the agencies a cross-agency page leaves out because their
    chapter failed; None (nothing shown) when none is left out."""
    notice = failure_notice(outputs.failed, base=base)
    return Html(notice) if notice else None


# --- numbers in prose ------------------------------------------------------------------------

def comparison_numbers(outputs: Outputs) -> dict[str, str]:
    """The comparison page's glued texts: how many reports, how many curated, and the findings."""
    return {"n_agencies": fmt.number(len(outputs.summary)), "n_curated": fmt.number(len(outputs.curated)),
            "headline": headline(outputs.curated, outputs.findings)}


def severity_counts(findings: pd.DataFrame) -> dict[str, str]:
    """The quality page's glued texts: findings in all, errors, warnings."""
    counts = findings["severity"].astype(str).value_counts() if not findings.empty else pd.Series(dtype=int)
    return {"n_findings": fmt.number(len(findings)), "n_errors": fmt.number(int(counts.get("error", 0))),
            "n_warnings": fmt.number(int(counts.get("warning", 0)))}


# --- comparison page -----------------------------------------------------------------------------

def glance_table(outputs: Outputs) -> Html:
    """The agencies at a glance: one row per agency with its comparison figures."""
    s = outputs.summary
    if s.empty:
        return Html("")

    def pct(x):
        return fmt.percent(x, 1)

    view = pd.DataFrame({
        "Agency": [chapter_link(i, r, n) for i, r, n in zip(s["agency_id"], s["region"], s["name"])],
        "Level": s["level"], "Year": s["year"].astype(str),
        "PK indicators": [fmt.number(x) for x in s["indicators"]],
        "Met / assessed": [f"{fmt.number(m)} / {fmt.number(a)}" for m, a in zip(s["indicators_met"],
                                                                              s["indicators_assessed"])],
        "Median capaian": [pct(x) for x in s["capaian_median"]],
        "Mean capaian": [pct(x) for x in s["capaian_mean"]],
        "Far-out capaian": [fmt.number(x) for x in s["capaian_far_out"]],
        "Budget (pagu)": [fmt.rupiah(x) for x in s["pagu"]],
        "Serapan": [pct(x) for x in s["serapan"]],
        "Overhead share": [pct(x) for x in s["overhead_share"]],
        "Efficiency index (median)": [fmt.number(x, 1) for x in s["efficiency_index_median"]],
        "Efficiency index (mean)": [fmt.number(x, 1) for x in s["efficiency_index"]],
        "Staff": [fmt.number(x) for x in s["staff"]],
        "Pagu per staff": [fmt.rupiah(x) for x in s["pagu_per_staff"]],
        "AKIP grade": s["akip_grade"].fillna(""),
    })
    return Html(html_table(view, raw=("Agency",), caption="The agencies at a glance"))


def derivation_table(outputs: Outputs) -> Html:
    """Each computed comparison figure with its formula in numbers and links to the rows it comes
    from, in a collapsed block."""
    table = derivations(outputs.curated, outputs.pk_rows)
    return Html('<details class="lkj-group"><summary>How each computed figure is derived, with the rows it '
                "comes from</summary>" + html_table(table, raw=("Rows",), caption="Derivation of the comparison "
                                                                                 "figures") + "</details>")


def theme_table(outputs: Outputs) -> Html:
    """Every PK indicator by theme with its recomputed capaian, far-out ones marked."""
    ind = outputs.indicators
    if ind.empty:
        return Html("")
    view = ind.assign(agency=ind["agency_id"].map(outputs.names)).sort_values(["theme", "agency_id"], kind="stable")
    table = pd.DataFrame({
        "Theme": view["theme"], "Agency": view["agency"], "Indicator (as printed)": view["indicator"],
        "English": view["indicator_en"], "Target (as printed)": view["target_printed"],
        "Realisasi (as printed)": view["realisasi_printed"],
        "Capaian (recomputed)": [fmt.percent(x, 1) for x in view["capaian_standard"]],
        "Far out": view.groupby("agency_id")["capaian_standard"].transform(far_out).map({True: "far out",
                                                                                       False: ""}),
        "Met": view["target_met"].map({True: "yes", False: "no"}).fillna("–"),
    })
    return Html(html_table(table, indonesian=("Indicator (as printed)",),
                           caption="Every PK indicator by theme, with its recomputed capaian"))


def theme_data(outputs: Outputs) -> pd.DataFrame:
    """What the theme chart plots: one bar per PK indicator with a recomputed capaian, by theme
    (sorted) and agency (registry order)."""
    columns = ["theme", "agency_id", "agency", "indicator_id", "capaian_standard"]
    ind = outputs.indicators
    if ind.empty:
        return pd.DataFrame(columns=columns)
    order = {a: n for n, a in enumerate(outputs.ids)}
    rows = ind.dropna(subset=["capaian_standard"]).assign(agency=lambda f: f["agency_id"].map(outputs.names),
                                                           _order=lambda f: f["agency_id"].map(order))
    rows = rows.sort_values(["theme", "_order"], kind="stable")
    return rows[columns].reset_index(drop=True)


def _per_agency(outputs: Outputs, columns: dict[str, tuple[str, float]]) -> pd.DataFrame:
    """One row per agency (registry order): ``agency_id``, ``agency`` and each summary column
    ``source`` divided by ``scale`` under its new name."""
    s = outputs.summary
    if s.empty:
        return pd.DataFrame(columns=["agency_id", "agency", *columns])
    out = pd.DataFrame({"agency_id": s["agency_id"], "agency": s["region"]})
    for name, (source, scale) in columns.items():
        out[name] = s[source] / scale
    return out.reset_index(drop=True)


def budget_data(outputs: Outputs) -> pd.DataFrame:
    """What the budget chart plots: pagu (billion rupiah), serapan and overhead share (%) per agency."""
    return _per_agency(outputs, {"pagu_billion_rupiah": ("pagu", 1e9), "serapan_percent": ("serapan", 1),
                                 "overhead_share_percent": ("overhead_share", 1)})


def performance_data(outputs: Outputs) -> pd.DataFrame:
    """What the performance chart plots: share of PK indicators meeting target (%) and the
    efficiency index on the median capaian, per agency."""
    return _per_agency(outputs, {"share_met_percent": ("share_met", 1),
                                 "efficiency_index_median": ("efficiency_index_median", 1)})


def staff_data(outputs: Outputs) -> pd.DataFrame:
    """What the staff chart plots: staff as stated and pagu per staff (million rupiah), per agency."""
    return _per_agency(outputs, {"staff": ("staff", 1), "pagu_per_staff_million_rupiah": ("pagu_per_staff", 1e6)})


# --- quality page -------------------------------------------------------------------------------

def _severity_pivot(outputs: Outputs) -> pd.DataFrame:
    """Findings per agency (rows, registry order) and severity (columns: error, warning, info, and
    unverifiable where any was found)."""
    f = outputs.findings
    table = f.pivot_table(index="agency_id", columns="severity", values="subject", aggfunc="count", fill_value=0)
    severities = [s for s in SEVERITY_ORDER if s in table.columns or s != "unverifiable"]
    table = table.reindex(columns=severities, fill_value=0)
    return table.reindex([i for i in outputs.ids if i in table.index])


def severity_data(outputs: Outputs) -> pd.DataFrame:
    """What the severity chart plots: per agency, each severity as a percentage of the figures the
    audit recomputed for its report."""
    if outputs.findings.empty:
        return pd.DataFrame(columns=["agency_id", "agency", "figures_audited", *SEVERITY_ORDER])
    table = _severity_pivot(outputs)
    audited = table.sum(axis=1)
    shares = table.div(audited, axis=0) * 100
    out = shares.reset_index()
    out.columns.name = None
    out.insert(1, "agency", out["agency_id"].map(lambda a: outputs.names.get(a, a)))
    out.insert(2, "figures_audited", audited.values)
    return out


def severity_table(outputs: Outputs) -> Html:
    """Audit findings per agency by severity, the figures audited and the error rate."""
    if outputs.findings.empty:
        return Html("")
    table = _severity_pivot(outputs)
    audited = table.sum(axis=1)
    view = table.reset_index().rename(columns={"agency_id": "Agency"})
    view.columns.name = None
    view["Agency"] = view["Agency"].map(lambda a: outputs.names.get(a, a))
    view["Figures audited"] = audited.values
    view["Error rate"] = [fmt.percent(x, 1) for x in (table["error"] / audited * 100)]
    return Html(html_table(view, caption="Audit findings per agency, by severity, and the share of audited "
                                         "figures found in error"))


def check_table(outputs: Outputs) -> Html:
    """Errors and warnings per family of checks and agency."""
    f = outputs.findings
    if f.empty:
        return Html("")
    serious = f[f["severity"].isin(["error", "warning"])]
    by_check = serious.pivot_table(index="check", columns="agency_id", values="subject", aggfunc="count",
                                   fill_value=0)
    by_check = by_check.reindex(columns=[i for i in outputs.ids if i in by_check.columns]).reset_index()
    by_check.columns.name = None
    return Html(html_table(by_check, caption="Errors and warnings per check and agency"))


def error_tables(outputs: Outputs, sources: str = "../sources") -> Html:
    """The errors of each report, one table per agency under its name, with links to the source lines."""
    f = outputs.findings
    parts = []
    for agency_id in outputs.ids if not f.empty else []:
        rows = f[(f["agency_id"] == agency_id) & (f["severity"] == "error")]
        if rows.empty:
            continue
        name = outputs.names.get(agency_id, agency_id)
        view = pd.DataFrame({
            "Check": rows["check"], "Subject": rows["subject"], "As printed": rows["reported"],
            "Recomputed": rows["recomputed"], "Verdict": rows["message"],
            "Lines": [line_links(s, agency_id, base=sources) for s in rows["source_lines"]],
        })
        parts.append(f"<h3>{html.escape(name)}</h3>"
                     + html_table(view, raw=("Lines",), caption=f"Errors in the report of {name}"))
    return Html("".join(parts))


# --- methodology page -----------------------------------------------------------------------------

def variant_table(outputs: Outputs) -> Html:
    """Indicators per capaian formula variant, by agency."""
    ind = outputs.indicators
    if ind.empty:
        return Html("")
    table = ind.pivot_table(index="agency_id", columns="formula_variant", values="indicator_id", aggfunc="count",
                            fill_value=0)
    table = table.reindex([i for i in outputs.ids if i in table.index]).reset_index()
    table.columns.name = None
    return Html(html_table(table, caption="Indicators per capaian formula variant, by agency"))


# --- data page --------------------------------------------------------------------------------------

def file_rows(outputs: Outputs, published: list, data: Path) -> pd.DataFrame:
    """One row per published file (:func:`lkjpy.downloads.published_files`): agency, table, its
    size (data rows, or lines of a source text), and the file's name; a failed agency's tables
    are said to be invalid."""
    failed = {f["id"] for f in outputs.failed}
    rows = []
    for item in published:
        name = item.path.rsplit("/", 1)[-1]
        if item.kind == "registry":
            rows.append(("(all)", "registry", f"{fmt.number(len(outputs.ids))} agencies", item.path, name))
            continue
        if item.agency_id in failed:
            size = "not valid (see the chapter)"
        elif item.kind == "source":
            size = f"{fmt.number(len(split_lines((data / item.path).read_text(encoding='utf-8'))))} lines"
        else:
            size = fmt.number(len(pd.read_csv(data / item.path, dtype=str, keep_default_na=False)))
        rows.append((item.agency_id, "source text" if item.kind == "source" else item.kind, size, item.path, name))
    return pd.DataFrame(rows, columns=["Agency", "Table", "Rows", "path", "name"])


def file_table(outputs: Outputs, published: list, data: Path, href) -> Html:
    """The table of published files with a download link each (``href``: path -> link)."""
    rows = file_rows(outputs, published, data)
    view = rows[["Agency", "Table", "Rows"]].assign(Download=[
        f'<a href="{html.escape(href(p))}" download>{html.escape(n)}</a>' for p, n in zip(rows["path"], rows["name"])])
    return Html(html_table(view, raw=("Download",), caption="Curated tables and source texts to download"))


def archive_links(archive: Path, combined: dict[str, str], href) -> Html:
    """The list of archive downloads: the archive with its size, then each combined table
    (``combined``: name -> what it holds; ``href``: name in the archive folder -> link)."""
    size = f"{archive.stat().st_size / 1e6:.1f} MB" if archive.is_file() else "not built"
    links = [("All curated data with datapackage.json", href(archive.name), size)]
    links += [(what, href(f"combined/{name}.csv"), f"{name}.csv") for name, what in combined.items()]
    return Html("<ul>" + "".join(f'<li><a href="{html.escape(url)}" download>{html.escape(label)}</a> '
                                 f"({html.escape(note)})</li>" for label, url, note in links) + "</ul>")


# --- the charts' data as downloads ------------------------------------------------------------------

#: Each chart of the cross-agency pages: its data file name -> the function giving what it plots.
CHART_DATA = {"comparison-capaian-by-theme": theme_data, "comparison-budget": budget_data,
              "comparison-performance": performance_data, "comparison-staff": staff_data,
              "quality-severity": severity_data}


def chart_href(name: str, to_root: str = "../..") -> str:
    """The link to a chart's data file from a page ``to_root`` below the site's root."""
    return f"{to_root}/_static/{CHARTS_FOLDER}/{name}.csv"


def write_chart_data(outputs: Outputs, target: Path) -> list[Path]:
    """Write every chart's data (:data:`CHART_DATA`) as ``<target>/<name>.csv``; files no chart
    names any more are removed. Returns the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in CHART_DATA.items():
        path = target / f"{name}.csv"
        text = frame_csv(data(outputs))  # as the other downloads: spreadsheet-safe, full precision
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    for old in target.glob("*.csv"):
        if old not in written:
            old.unlink()
    return written


def chart_links() -> Html:
    """The list of every chart's data file (:data:`CHART_DATA`), linked from the Data page."""
    items = "".join(f'<li><a href="{html.escape(chart_href(name))}" download>{html.escape(name)}.csv</a>: '
                    f"{html.escape(CHART_PAGES[name])}</li>" for name in CHART_DATA)
    return Html(f"<ul>{items}</ul>")


#: Where each chart is shown, in words.
CHART_PAGES = {"comparison-capaian-by-theme": "comparison page, recomputed capaian by theme",
               "comparison-budget": "comparison page, budget, serapan and overhead share",
               "comparison-performance": "comparison page, targets met and efficiency index",
               "comparison-staff": "comparison page, staff and pagu per staff",
               "quality-severity": "quality page, audited figures by severity"}


def error_rate_sentence(findings: pd.DataFrame, names: dict[str, str]) -> str:
    """Which report has the highest error rate (errors per figure the audit recomputed) and which
    the lowest; one agency: its rate; no findings: empty."""
    rates = error_rates(findings)
    if rates.empty:
        return ""
    if len(rates) == 1:
        return (f"The report of {names.get(rates.index[0], rates.index[0])} has an error rate of "
                f"{fmt.percent(rates.iloc[0], 1)} of the figures the audit recomputed.")
    high, low = rates.idxmax(), rates.idxmin()
    return (f"The error rate runs from {fmt.percent(rates[low], 1)} of the figures the audit recomputed "
            f"({names.get(low, low)}) to {fmt.percent(rates[high], 1)} ({names.get(high, high)}).")


def quality_numbers(outputs: Outputs) -> dict[str, str]:
    """The quality page's glued texts: counts of findings, errors and warnings, and the range of
    error rates."""
    return {**severity_counts(outputs.findings), "worst_rate": error_rate_sentence(outputs.findings, outputs.names)}
