"""Per-agency measures the book shows and compares, computed from the canonical printed figures."""

from __future__ import annotations

import math

import pandas as pd

from . import budget as budget_measures
from . import efficiency
from .capaian import FORMULA_TEXT, VARIANTS, capaian, grade_met, standard_variant
from .load import Agency
from .rows import canonical, figure_line, latest_stage, numeric_realisations, unit_mismatch
from .scales import label_for, reference_label, scale_from_table


def _capaian_scale(agency: Agency):
    scales = agency.table("rating_scales")
    scales = scales[scales["applies_to"] == "capaian"]
    if scales.empty:
        return None
    return scale_from_table(scales[scales["scale_id"] == scales["scale_id"].iloc[0]])


UNIT_MISMATCH_TEXT = "not computed: realisation printed in another unit"




def indicator_measures(agency: Agency) -> pd.DataFrame:
    """The PK indicators with capaian recomputed (standard and report's variant), target met,
    and the category on the report's own scale and on the reference scale."""
    ind = agency.indicators.copy()
    graded = ind["target_grade"].ne("") & ind["realisasi_grade"].ne("")
    ind["graded"] = graded
    # A realisation printed in another unit than the indicator's (a count or an amount under a %
    # indicator) cannot be set against the target: no capaian is recomputed, the audit reports it.
    comparable = ~unit_mismatch(ind)
    ind["standard_formula"] = [FORMULA_TEXT[standard_variant(p, g)] if ok else UNIT_MISMATCH_TEXT
                               for p, g, ok in zip(ind["polarity"], graded, comparable)]
    ind["capaian_standard"] = [capaian(t, r, p) if ok else math.nan
                               for t, r, p, ok in zip(ind["target"], ind["realisasi"], ind["polarity"], comparable)]
    ind["capaian_variant"] = [VARIANTS[v](t, r) if v in VARIANTS and ok else math.nan
                              for v, t, r, ok in zip(ind["formula_variant"], ind["target"], ind["realisasi"],
                                                     comparable)]
    ind["target_met"] = pd.array([
        grade_met(tg, rg) if g else (None if math.isnan(c) else bool(c >= 100))
        for tg, rg, g, c in zip(ind["target_grade"], ind["realisasi_grade"], graded, ind["capaian_standard"])
    ], dtype="boolean")
    bands = _capaian_scale(agency)
    ind["category_own_scale"] = [label_for(c, bands) if bands else None for c in ind["capaian_standard"]]
    ind["category_reference"] = [reference_label(c) for c in ind["capaian_standard"]]
    return ind




def programs(agency: Agency) -> pd.DataFrame:
    """Canonical program rows of the report year (final figures, else after the revision), one per
    program, with serapan recomputed."""
    b = agency.budget
    if b.empty:
        return b.assign(serapan=pd.Series(dtype=float), overhead=pd.Series(dtype=bool))
    b = canonical(b)
    rows = latest_stage(b[(b["level"] == "program") & (b["year"] == agency.meta["year"])]).copy()
    rows["serapan"] = [budget_measures.serapan(p, r) for p, r in zip(rows["pagu"], rows["realisasi"])]
    rows["overhead"] = rows["name"].map(budget_measures.is_overhead)
    return rows.sort_values("csv_row").reset_index(drop=True)


def belanja(agency: Agency) -> pd.DataFrame:
    """Canonical rows by belanja (spending) type, with serapan recomputed."""
    b = agency.budget
    if b.empty:
        return b.assign(serapan=pd.Series(dtype=float))
    b = canonical(b)
    rows = b[b["level"] == "belanja"].copy()
    rows["serapan"] = [budget_measures.serapan(p, r) for p, r in zip(rows["pagu"], rows["realisasi"])]
    return rows.reset_index(drop=True)


def budget_total(agency: Agency) -> tuple[float, float, str]:
    """(pagu, realisasi, how) of the agency for the report year: the canonical printed row
    ``total`` (final figures, else after the revision; realisasi NaN when not printed), else the
    sum of the programs. Totals of parts of the budget (e.g. per sasaran) use other ids."""
    b = agency.budget
    if not b.empty:
        b = canonical(b)
        tot = latest_stage(b[(b["item_id"] == "total") & (b["year"] == agency.meta["year"])])
        if not tot.empty and not math.isnan(tot["pagu"].iloc[0]):
            row = tot.iloc[0]
            return float(row["pagu"]), float(row["realisasi"]), f"printed total, {row['source_table']}"
    prog = programs(agency)
    if prog.empty:
        return math.nan, math.nan, "not printed"
    return float(prog["pagu"].sum()), float(prog["realisasi"].sum(min_count=len(prog))), "sum of programs"


def staff_total(agency: Agency) -> float:
    """Staff count as the report states it (meta key ``staff_total``, with its source line)."""
    value = agency.meta.get("staff_total")
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


#: Numeric fields of :func:`summary` (read back as floats, missing as NaN).
SUMMARY_NUMBERS = ("indicators", "indicators_assessed", "indicators_met", "share_met", "capaian_mean",
                   "capaian_median", "capaian_far_out", "pagu", "realisasi", "serapan", "overhead_share",
                   "efficiency_index", "efficiency_index_median", "staff", "pagu_per_staff")

#: Tukey's multiple of the interquartile range beyond the quartiles for a "far out" value
#: (J. W. Tukey, *Exploratory Data Analysis*, 1977).
FAR_OUT = 3.0


def far_out(values: pd.Series, k: float = FAR_OUT) -> pd.Series:
    """Per value, whether it lies beyond Tukey's outer fences ``Q1 - k*IQR`` or ``Q3 + k*IQR`` of the
    known values (quartiles by linear interpolation); missing values are not far out."""
    values = pd.Series(values, dtype=float)
    known = values.dropna()
    if len(known) < 4:
        return pd.Series(False, index=values.index)
    q1, q3 = known.quantile(0.25), known.quantile(0.75)
    spread = k * (q3 - q1)
    return (values < q1 - spread) | (values > q3 + spread)


def summary(agency: Agency, indicators: pd.DataFrame | None = None) -> dict:
    """One row of the cross-agency comparison; ``indicators``: the agency's
    :func:`indicator_measures` when already computed."""
    if indicators is None and agency.curated:
        indicators = indicator_measures(agency)
    ind = indicators if agency.curated else pd.DataFrame()
    pagu, spent, how = budget_total(agency)
    prog = programs(agency)
    serapan = budget_measures.serapan(pagu, spent)
    numeric = ind["capaian_standard"].dropna() if not ind.empty else pd.Series(dtype=float)
    mean_capaian = float(numeric.mean()) if not numeric.empty else math.nan
    median_capaian = float(numeric.median()) if not numeric.empty else math.nan
    staff = staff_total(agency)
    met = ind["target_met"].dropna() if not ind.empty else pd.Series(dtype=bool)
    return {
        "agency_id": agency.id, "name": agency.meta["name"], "region": agency.meta["region"],
        "level": agency.meta["level"],
        "province": agency.meta["province"], "year": agency.meta["year"], "curated": agency.curated,
        "indicators": len(ind), "indicators_assessed": len(met), "indicators_met": int(met.sum()),
        "share_met": float(met.mean() * 100) if len(met) else math.nan,
        "capaian_mean": mean_capaian, "capaian_median": median_capaian,
        "capaian_far_out": int(far_out(numeric).sum()),
        "pagu": pagu, "realisasi": spent, "budget_source": how, "serapan": serapan,
        "overhead_share": budget_measures.overhead_share(prog) if not prog.empty else math.nan,
        "efficiency_index": efficiency.COMMON(mean_capaian, serapan),
        "efficiency_index_median": efficiency.COMMON(median_capaian, serapan),
        "staff": staff, "pagu_per_staff": pagu / staff if staff else math.nan,
        "akip_grade": agency.meta.get("akip_grade", ""),
    }




def history(agency: Agency) -> pd.DataFrame:
    """Canonical annual results of every printed year, oldest first, with ``realisasi_value``:
    the realisation as a number (from another printed version when the canonical one is a
    grade without score) and ``realisasi_value_line``, where that number is printed."""
    r = agency.table("indicator_results")
    if r.empty:
        return r.assign(realisasi_value=pd.Series(dtype=float), realisasi_value_line=pd.Series(dtype="Int64"))
    rows = canonical(r)
    rows = rows[rows["basis"] == "annual"].copy()
    numeric = numeric_realisations(r)
    found = [numeric.get((i, int(y))) for i, y in zip(rows["indicator_id"], rows["year"])]
    rows["realisasi_value"] = [math.nan if f is None else float(f["realisasi"]) for f in found]
    rows["realisasi_value_line"] = pd.array([None if f is None else figure_line(f, "realisasi")
                                             for f in found], dtype="Int64")
    return rows.sort_values(["indicator_id", "year"]).reset_index(drop=True)


def renstra_progress_table(agency: Agency) -> pd.DataFrame:
    """Per indicator: the Renstra end-of-period target, the report year's realisation and the
    progress towards the target (capaian by polarity), with the report's printed progress."""
    ind = agency.indicators
    plan = agency.table("renstra_targets")
    results = agency.table("indicator_results")
    rows = []
    for (_, i), mismatch in zip(ind.iterrows(), unit_mismatch(ind)):
        ends = plan[(plan["indicator_id"] == i["indicator_id"]) & (plan["end_of_period"] == True)  # noqa: E712
                    & (plan["canonical"] == True)] if not plan.empty else plan  # noqa: E712
        printed = results[(results["indicator_id"] == i["indicator_id"]) & (results["basis"] == "renstra_end")
                          & (results["canonical"] == True)] if not results.empty else results  # noqa: E712
        end = ends.sort_values("year").iloc[-1] if not ends.empty else None
        end_target = float(end["target"]) if end is not None else (
            float(printed["target"].iloc[0]) if not printed.empty else math.nan)
        rows.append({
            "indicator_id": i["indicator_id"], "indicator": i["indicator"],
            "end_year": int(end["year"]) if end is not None else None,
            "end_target_printed": end["target_printed"] if end is not None else (
                printed["target_printed"].iloc[0] if not printed.empty else ""),
            "end_target": end_target, "realisasi_printed": i["realisasi_printed"], "realisasi": i["realisasi"],
            "progress": math.nan if mismatch else capaian(end_target, i["realisasi"], i["polarity"]),
            "progress_reported_printed": printed["capaian_reported_printed"].iloc[0] if not printed.empty else "",
        })
    out = pd.DataFrame(rows)
    if not out.empty:
        out["end_year"] = pd.array(out["end_year"].tolist(), dtype="Int64")
    return out
