"""The audit: every figure a report derives, recomputed from its printed inputs, with a verdict.

Severity (one vocabulary for the whole book):

- ``info``: the printed figure agrees with the recomputation within its printed precision
  (rounded, or truncated, to the decimals it shows);
- ``warning``: a recognised formula variant reproduces it, a rating label does not match the
  report's own printed scale, or two plan documents differ;
- ``error``: the arithmetic is wrong, a total does not add up, two printed versions of one
  quantity disagree, a realisation is in the wrong unit, a value is missing or a spreadsheet
  error is printed.

Each finding names the source lines of every number it uses, so the book links to them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import mean

import pandas as pd

from . import budget as budget_measures
from . import efficiency as eff
from .capaian import FORMULA_TEXT, STANDARD, VARIANTS, grade_met
from .load import Agency, load_agency
from .measures import latest_stage, numeric_realisations, unit_mismatch
from .parse import parse_figure, printed_decimals
from .progress import change_percent, change_points
from .registry import agencies
from .scales import label_for, same_label, scale_from_table
from .schema import TABLES
from .tables import malformed_figures

SEVERITIES = ("error", "warning", "info")
COLUMNS = ["agency_id", "check", "subject", "reported", "recomputed", "difference", "severity",
           "source_lines", "source_table", "formula", "message"]


@dataclass
class Finding:
    """One audit finding: a printed figure, its recomputation and the verdict."""

    agency_id: str
    check: str
    subject: str
    reported: str
    recomputed: str
    difference: float
    severity: str
    source_lines: str
    source_table: str
    formula: str
    message: str


# --- small helpers ------------------------------------------------------------------------

def _num(value: object) -> float:
    """A cell as float, NaN for empty/NA."""
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _has(value: object) -> bool:
    return not math.isnan(_num(value))


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA else str(value)


def _fmt(x: float) -> str:
    if isinstance(x, str):
        return x
    if math.isnan(x):
        return ""
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def tolerance(printed: str, number_format: str = "id") -> float:
    """Half a unit of the last printed decimal: the rounding a printed figure may carry."""
    return 0.5 * 10 ** -printed_decimals(printed, number_format) + 1e-9


def agrees(printed: str, reported: float, recomputed: float, number_format: str = "id") -> str | None:
    """``rounded`` or ``truncated`` when ``reported`` is ``recomputed`` shown at the printed
    precision, else None."""
    if math.isnan(reported) or math.isnan(recomputed):
        return None
    if abs(reported - recomputed) <= tolerance(printed, number_format):
        return "rounded"
    step = 10 ** -printed_decimals(printed, number_format)
    if abs(math.trunc(recomputed / step) * step - reported) <= step * 1e-6:
        return "truncated"
    return None


def _lines(row: pd.Series, *figures: str) -> list[int]:
    """Source lines of the given figures of a row (their ``X_line`` or the row's line)."""
    out = set()
    for fig in figures or ("",):
        cite = _text(row.get(f"{fig}_line", "")) if fig else ""
        out.add(int(cite.split("-")[0]) if cite else int(row["source_line"]))
    return sorted(out)


def _join(lines) -> str:
    return ";".join(str(n) for n in sorted(set(lines)))


def _fmt_code(row: pd.Series) -> str:
    return _text(row.get("number_format")) or "id"


class _Collector:
    """Collects findings for one agency."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.findings: list[Finding] = []

    def add(self, check: str, subject: str, reported: str, recomputed: float | str, severity: str,
            lines, table: str, formula: str, message: str, reported_value: float = math.nan) -> None:
        diff = (_num(recomputed) - reported_value) if not isinstance(recomputed, str) else math.nan
        self.findings.append(Finding(self.agency.id, check, subject, reported, _fmt(recomputed), diff,
                                     severity, _join(lines), table, formula, message))


# --- check 1: capaian vs target and realisation -----------------------------------------------

def _definitions(agency: Agency) -> dict[str, dict]:
    defs = agency.table("indicators")
    return {r["indicator_id"]: r for _, r in defs.iterrows()}


def check_capaian(agency: Agency, out: _Collector) -> None:
    """Every printed capaian against target and realisation (standard formula, then variants)."""
    defs = _definitions(agency)
    for _, row in agency.table("indicator_results").iterrows():
        printed = _text(row["capaian_reported_printed"])
        reported = _num(row["capaian_reported"])
        if not printed or math.isnan(reported) or row["indicator_id"] not in defs:
            continue
        d = defs[row["indicator_id"]]
        subject = f"{row['indicator_id']} {row['year']} capaian"
        table = row["source_table"]
        lines = _lines(row, "target", "realisasi", "capaian_reported")
        t, r = _num(row["target"]), _num(row["realisasi"])
        tg, rg = _text(row.get("target_grade")), _text(row.get("realisasi_grade"))
        if tg and rg and (math.isnan(t) or math.isnan(r)):
            _grade_capaian(out, subject, printed, reported, tg, rg, lines, table)
            continue
        if math.isnan(t) or math.isnan(r):
            continue
        polarity = d["polarity"]
        standard = STANDARD[polarity]
        value = VARIANTS[standard](t, r)
        how = agrees(printed, reported, value, _fmt_code(row))
        formula = f"{FORMULA_TEXT[standard]} with T = {_fmt(t)}, R = {_fmt(r)}"
        if math.isnan(value):
            out.add("capaian", subject, printed, value, "error", lines, table, formula,
                    "cannot recompute: the formula divides by zero (target or realisation is 0)", reported)
            continue
        if how:
            out.add("capaian", subject, printed, value, "info", lines, table, formula,
                    f"agrees with the standard formula ({how} to the printed precision)", reported)
            continue
        stated = d["formula_variant"]
        variants = [stated] + [v for v in VARIANTS if v != stated]
        for name in variants:
            if name == standard or name not in VARIANTS:
                continue
            alt = VARIANTS[name](t, r)
            if agrees(printed, reported, alt, _fmt_code(row)):
                out.add("capaian", subject, printed, value, "warning", lines, table, formula,
                        f"the report's figure follows the variant {FORMULA_TEXT[name]} (= {_fmt(alt)}), "
                        f"not the standard {FORMULA_TEXT[standard]} for a {polarity}-is-better indicator", reported)
                break
        else:
            out.add("capaian", subject, printed, value, "error", lines, table, formula,
                    "the printed capaian does not follow from the printed target and realisation by any "
                    "known formula", reported)


def _grade_capaian(out, subject, printed, reported, tg, rg, lines, table) -> None:
    met = grade_met(tg, rg)
    formula = f"grade reached {rg} vs grade agreed {tg}"
    if met and reported >= 100 or (not met and reported < 100):
        out.add("capaian", subject, printed, "met" if met else "not met", "info", lines, table, formula,
                "grade comparison agrees with the printed capaian (no scores printed to recompute a percentage)")
    else:
        out.add("capaian", subject, printed, "met" if met else "not met", "error", lines, table, formula,
                f"the grade was {'met' if met else 'not met'} but the printed capaian says the opposite")


# --- check 2: category labels vs the report's printed scale -------------------------------------

def _capaian_scale(agency: Agency):
    scales = agency.table("rating_scales")
    scales = scales[scales["applies_to"] == "capaian"]
    if scales.empty:
        return None, ""
    first = scales["scale_id"].iloc[0]
    rows = scales[scales["scale_id"] == first]
    return scale_from_table(rows), _join(rows["source_line"].astype(int))


def check_category(agency: Agency, out: _Collector) -> None:
    """Each printed rating label against the label the report's own scale gives its value."""
    bands, scale_lines = _capaian_scale(agency)
    if bands is None:
        return
    items = [(r, "category_reported", "capaian_reported", f"{r['indicator_id']} {r['year']} category")
             for _, r in agency.table("indicator_results").iterrows()]
    items += [(r, "label_reported", "value", f"{r['aggregate_id']} label")
              for _, r in agency.table("aggregates").iterrows() if r["measure"] == "capaian_mean"]
    for row, label_col, value_col, subject in items:
        label, value = _text(row[label_col]), _num(row[value_col])
        if not label or math.isnan(value):
            continue
        expected = label_for(value, bands)
        lines = _lines(row, label_col, value_col) + [int(n) for n in scale_lines.split(";")]
        formula = f"printed scale applied to {_fmt(value)}"
        if expected is None:
            out.add("category", subject, label, "(gap)", "warning", lines, row["source_table"], formula,
                    f"{_fmt(value)} falls in a gap of the report's printed scale")
        elif same_label(expected, label):
            out.add("category", subject, label, expected, "info", lines, row["source_table"], formula,
                    "label agrees with the report's printed scale")
        else:
            out.add("category", subject, label, expected, "warning", lines, row["source_table"], formula,
                    f"the report's own scale gives '{expected}' for {_fmt(value)}")


# --- check 3: averages and totals ------------------------------------------------------------

_MEAN_SOURCE = {"capaian_mean": ("indicator", "capaian_reported"), "target_mean": ("indicator", "target"),
                "realisasi_mean": ("indicator", "realisasi"), "serapan_mean": ("budget", "pct_reported"),
                "pagu_mean": ("budget", "pagu"), "spent_mean": ("budget", "realisasi")}


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["canonical"] == True] if "canonical" in frame else frame  # noqa: E712


def _check_count(row: pd.Series, results: pd.DataFrame, out: _Collector) -> None:
    """A printed count against its components: ``count`` is how many items the report's tables
    list (``8 Program``); ``count_met`` / ``count_not_met`` how many of the component indicators
    reach / miss 100 % by their canonical printed capaian of the year ("7 of 8 met the target")."""
    ids = [c.strip() for c in row["components"].split(";") if c.strip()]
    lines = _lines(row, "value")
    if row["measure"] == "count":
        counted, formula = ids, f"number of items listed: {', '.join(ids)}"
    else:
        comp = results[results["indicator_id"].isin(ids) & (results["year"] == row["year"])]
        met = row["measure"] == "count_met"
        counted = [i for i, c in zip(comp["indicator_id"], comp["capaian_reported"])
                   if _has(c) and (_num(c) >= 100) == met]
        lines += [int(n) for n in comp["source_line"]]
        formula = (f"indicators of {', '.join(ids)} whose printed capaian is {'at least' if met else 'below'} "
                   f"100: {', '.join(counted) or 'none'}")
    same = _num(row["value"]) == len(counted)
    out.add("aggregate", f"{row['aggregate_id']} ({row['measure']})", row["value_printed"], float(len(counted)),
            "info" if same else "error", lines, row["source_table"], formula,
            "agrees" if same else "the printed count differs from the count of its components",
            _num(row["value"]))


def check_aggregates(agency: Agency, out: _Collector) -> None:
    """Printed averages against the mean of their components' canonical printed figures."""
    results = _canonical(agency.table("indicator_results"))
    results = results[results["basis"] == "annual"]
    budget = _canonical(agency.table("budget"))
    for _, row in agency.table("aggregates").iterrows():
        if row["measure"] in ("count", "count_met", "count_not_met") and _has(row["value"]):
            _check_count(row, results, out)
            continue
        if row["measure"] not in _MEAN_SOURCE or not _has(row["value"]):
            continue
        kind, column = _MEAN_SOURCE[row["measure"]]
        ids = [c.strip() for c in row["components"].split(";") if c.strip()]
        if kind == "indicator":
            comp = results[(results["indicator_id"].isin(ids)) & (results["year"] == row["year"])]
            key = "indicator_id"
        else:
            comp = latest_stage(budget[budget["item_id"].isin(ids) & (budget["year"] == row["year"])])
            key = "item_id"
        values = [_num(v) for v in comp[column]]
        subject = f"{row['aggregate_id']} ({row['measure']})"
        lines = _lines(row, "value") + [int(n) for n in comp["source_line"]]
        if len(comp) != len(ids) or any(math.isnan(v) for v in values):
            out.add("aggregate", subject, row["value_printed"], math.nan, "error", lines, row["source_table"],
                    f"mean of {column} of {', '.join(ids)}",
                    "cannot recompute: a component's printed figure is missing", _num(row["value"]))
            continue
        value = mean(values)
        formula = f"mean of {column} of {', '.join(comp[key])} = ({' + '.join(_fmt(v) for v in values)}) / {len(values)}"
        how = agrees(row["value_printed"], _num(row["value"]), value, _fmt_code(row))
        out.add("aggregate", subject, row["value_printed"], value, "info" if how else "error", lines,
                row["source_table"], formula,
                f"agrees ({how})" if how else "the printed average does not follow from its components",
                _num(row["value"]))


def check_budget(agency: Agency, out: _Collector) -> None:
    """Budget totals vs the sum of their rows, serapan % vs realisasi / pagu, sisa vs pagu - realisasi."""
    frame = agency.table("budget")
    for (table, stage, year), rows in frame.groupby(["source_table", "stage", "year"], sort=False):
        by_id = {r["item_id"]: r for _, r in rows.iterrows()}
        for item_id, parent in by_id.items():
            children = rows[rows["parent_id"] == item_id]
            if children.empty:
                continue
            for col in ("pagu", "realisasi"):
                if not _has(parent[col]) or children[col].isna().any():
                    continue
                total = float(children[col].sum())
                reported = _num(parent[col])
                lines = _lines(parent, col) + [n for _, c in children.iterrows() for n in _lines(c, col)]
                formula = f"sum of {col} of {len(children)} rows under {item_id}"
                ok = agrees(parent[f"{col}_printed"], reported, total, _fmt_code(parent))
                out.add("budget_total", f"{item_id} {col} ({stage} {year})", parent[f"{col}_printed"], total,
                        "info" if ok else "error", lines, table, formula,
                        "the total adds up" if ok else f"the rows add up to {_fmt(total)}, not the printed total",
                        reported)
    for _, row in frame.iterrows():
        pagu, real = _num(row["pagu"]), _num(row["realisasi"])
        if math.isnan(pagu) or math.isnan(real):
            continue
        if _text(row["pct_reported_printed"]) and _has(row["pct_reported"]):
            value = budget_measures.serapan(pagu, real)
            how = agrees(row["pct_reported_printed"], _num(row["pct_reported"]), value, _fmt_code(row))
            out.add("serapan", f"{row['item_id']} serapan", row["pct_reported_printed"], value,
                    "info" if how else "error", _lines(row, "pagu", "realisasi", "pct_reported"),
                    row["source_table"], f"realisasi / pagu × 100 = {_fmt(real)} / {_fmt(pagu)} × 100",
                    f"agrees ({how})" if how else "the printed % does not follow from pagu and realisasi",
                    _num(row["pct_reported"]))
        if _text(row["sisa_reported_printed"]) and _has(row["sisa_reported"]):
            value = budget_measures.sisa(pagu, real)
            how = agrees(row["sisa_reported_printed"], _num(row["sisa_reported"]), value, _fmt_code(row))
            out.add("sisa", f"{row['item_id']} sisa", row["sisa_reported_printed"], value,
                    "info" if how else "error", _lines(row, "pagu", "realisasi", "sisa_reported"),
                    row["source_table"], f"pagu − realisasi = {_fmt(pagu)} − {_fmt(real)}",
                    f"agrees ({how})" if how else "the printed sisa is not pagu minus realisasi",
                    _num(row["sisa_reported"]))


# --- check 4: every printed version agrees ---------------------------------------------------

def _compare_versions(out: _Collector, check: str, frame: pd.DataFrame, keys: list[str], figures: list[str],
                      label) -> None:
    if frame.empty:
        return
    for key, group in frame.groupby(keys, sort=False, dropna=False):
        canon = group[group["canonical"] == True]  # noqa: E712
        if len(group) < 2 or canon.empty:
            continue
        c = canon.iloc[0]
        for _, row in group[group["canonical"] != True].iterrows():  # noqa: E712
            for fig in figures:
                _compare_pair(out, check, label(c), fig, c, row)


def _compare_pair(out, check, subject, fig, c, row) -> None:
    pc, pr = _text(c.get(f"{fig}_printed")), _text(row.get(f"{fig}_printed"))
    if not pc or not pr:
        return
    lines = _lines(c, fig) + _lines(row, fig)
    table = f"{c['source_table']} vs {row['source_table']}"
    gc, gr = _text(c.get(f"{fig}_grade")), _text(row.get(f"{fig}_grade"))
    vc, vr = _num(c.get(fig)), _num(row.get(fig))
    same_grade = gc == gr if (gc and gr) else True
    if math.isnan(vc) or math.isnan(vr):
        if gc and gr:
            ok = same_grade
        else:
            return
    else:
        tol = max(tolerance(pc, _fmt_code(c)), tolerance(pr, _fmt_code(row)))
        ok = same_grade and abs(vc - vr) <= tol
    out.add(check, f"{subject} {fig}", pr, pc, "info" if ok else "error", lines, table,
            f"version at line {_join(_lines(row, fig))} vs canonical at line {_join(_lines(c, fig))}",
            "agrees with the canonical version" if ok else
            f"two printed versions disagree: {pr!r} here, {pc!r} in the canonical version")


def check_versions(agency: Agency, out: _Collector) -> None:
    """Every quantity printed more than once: each version against the canonical one."""
    _compare_versions(out, "versions", agency.table("indicator_results"), ["indicator_id", "year", "basis"],
                      ["target", "realisasi", "capaian_reported", "numerator", "denominator"],
                      lambda c: f"{c['indicator_id']} {c['year']} {c['basis']}")
    _compare_versions(out, "versions", agency.table("budget"), ["item_id", "stage", "year"],
                      ["pagu", "realisasi", "pct_reported", "sisa_reported"],
                      lambda c: f"{c['item_id']} ({c['stage']} {c['year']})")
    _compare_versions(out, "versions", agency.table("renstra_targets"), ["indicator_id", "year"], ["target"],
                      lambda c: f"{c['indicator_id']} Renstra {c['year']}")
    _compare_versions(out, "versions", agency.table("aggregates"), ["aggregate_id"], ["value"],
                      lambda c: c["aggregate_id"])
    _cross_versions(agency, out)


def _cross_versions(agency: Agency, out: _Collector) -> None:
    """Figures the efficiency tables and the Renstra repeat from the PK and budget tables."""
    budget = _canonical(agency.table("budget"))
    budget = budget[budget["stage"].isin(["final", "revised"])]
    items = {r["item_id"]: r for _, r in budget.iterrows()}
    results = _canonical(agency.table("indicator_results"))
    year = agency.meta["year"]
    pk = {r["indicator_id"]: r for _, r in results[(results["year"] == year) & (results["basis"] == "annual")].iterrows()}
    for _, row in agency.table("efficiency").iterrows():
        if row["item_id"] in items:
            c = items[row["item_id"]]
            for fig, other in (("pagu", "pagu"), ("realisasi", "realisasi"), ("serapan", "pct_reported")):
                _compare_pair(out, "versions", f"{row['item_id']} (efficiency table vs budget)", fig,
                              _renamed(c, other, fig), row)
        if row["item_id"] in pk:
            c = pk[row["item_id"]]
            for fig, other in (("target_kinerja", "target"), ("realisasi_kinerja", "realisasi"),
                               ("capaian_kinerja", "capaian_reported")):
                _compare_pair(out, "versions", f"{row['item_id']} (efficiency table vs PK)", fig,
                              _renamed(c, other, fig), row)
    plan = agency.table("renstra_targets")
    plan = _canonical(plan)
    for _, row in plan[plan["year"] == year].iterrows() if not plan.empty else []:
        c = pk.get(row["indicator_id"])
        if c is None or not _text(c["target_printed"]) or not _text(row["target_printed"]):
            continue
        gc, gr = _text(c["target_grade"]), _text(row["target_grade"])
        same = (gc == gr) and (abs(_num(c["target"]) - _num(row["target"])) <= 1e-9
                               or (math.isnan(_num(c["target"])) and math.isnan(_num(row["target"]))))
        out.add("versions", f"{row['indicator_id']} {year} target (Renstra vs PK)", row["target_printed"],
                c["target_printed"], "info" if same else "warning", _lines(row, "target") + _lines(c, "target"),
                f"{row['source_table']} vs {c['source_table']}", "Renstra target for the year vs PK target",
                "the PK keeps the Renstra's target for the year" if same else
                "the PK target differs from the Renstra's target for the year (a revision; any reason the report "
                "gives is in the rows' notes)")


def _renamed(row: pd.Series, source: str, target: str) -> pd.Series:
    """A copy of ``row`` whose figure ``source`` is presented as ``target`` (for comparisons)."""
    out = row.copy()
    for suffix in ("", "_printed", "_grade", "_line"):
        out[f"{target}{suffix}"] = row.get(f"{source}{suffix}", "")
    return out


# --- check 5: efficiency vs the report's stated method ----------------------------------------

def check_efficiency(agency: Agency, out: _Collector) -> None:
    """Each printed efficiency figure recomputed with the report's stated method."""
    for _, row in agency.table("efficiency").iterrows():
        subject = f"{row['item_id']} efficiency"
        cap, ser = _num(row["capaian_kinerja"]), _num(row["serapan"])
        pagu, real = _num(row["pagu"]), _num(row["realisasi"])
        tk, rk = _num(row["target_kinerja"]), _num(row["realisasi_kinerja"])
        if _text(row["serapan_printed"]) and not math.isnan(ser) and not math.isnan(pagu) and not math.isnan(real):
            value = budget_measures.serapan(pagu, real)
            how = agrees(row["serapan_printed"], ser, value, _fmt_code(row))
            out.add("serapan", f"{row['item_id']} serapan (efficiency table)", row["serapan_printed"], value,
                    "info" if how else "error", _lines(row, "pagu", "realisasi", "serapan"), row["source_table"],
                    f"realisasi / pagu × 100 = {_fmt(real)} / {_fmt(pagu)} × 100",
                    f"agrees ({how})" if how else "the printed serapan does not follow from pagu and realisasi", ser)
        method = row["method_variant"]
        printed = _text(row["efficiency_printed"])
        reported = _num(row["efficiency"])
        candidates = {
            "difference": f"capaian − serapan = {_fmt(cap)} − {_fmt(ser)}",
            "ratio": f"capaian / serapan × 100 = {_fmt(cap)} / {_fmt(ser)} × 100",
            "one_minus_ratio": f"(1 − (RA/RK)/(A/TK)) × 100 with A = {_fmt(pagu)}, RA = {_fmt(real)}, "
                               f"TK = {_fmt(tk)}, RK = {_fmt(rk)}",
        }
        candidates = {m: (eff.by_method(m, cap, ser, pagu, real, tk, rk), text) for m, text in candidates.items()}
        lines = _lines(row, "capaian_kinerja", "serapan", "efficiency", "pagu", "realisasi")
        if method == "comparison":
            verdict = eff.comparison_verdict(cap, ser)
            label = _text(row["label_reported"])
            if verdict and label:
                ok = same_label(verdict, label) or (verdict == "efisien" and "efisien" in label.lower()
                                                   and "tidak" not in label.lower())
                out.add("efficiency", subject, label, verdict, "info" if ok else "error", lines, row["source_table"],
                        f"efisien when capaian ({_fmt(cap)}) > serapan ({_fmt(ser)})",
                        "the verdict follows from the printed figures" if ok else
                        "the verdict does not follow from the printed figures")
            continue
        if not printed or math.isnan(reported) or method not in candidates:
            continue
        value, formula = candidates[method]
        if math.isnan(value):
            out.add("efficiency", subject, printed, value, "error", lines, row["source_table"], formula,
                    "cannot recompute by the stated method: an input it needs is not printed in this row", reported)
            continue
        how = agrees(printed, reported, value, _fmt_code(row))
        if how:
            out.add("efficiency", subject, printed, value, "info", lines, row["source_table"], formula,
                    f"agrees with the stated method ({how})", reported)
            continue
        other = [name for name, (v, _) in candidates.items() if name != method and agrees(printed, reported, v, _fmt_code(row))]
        if other:
            out.add("efficiency", subject, printed, value, "warning", lines, row["source_table"], formula,
                    f"does not follow the stated method but the {other[0]} method reproduces it", reported)
        else:
            out.add("efficiency", subject, printed, value, "error", lines, row["source_table"], formula,
                    "the printed efficiency does not follow from its printed inputs by the stated method", reported)


# --- check 6: stated formula vs the numbers plugged in ----------------------------------------

def check_formula_inputs(agency: Agency, out: _Collector) -> None:
    """Realisations printed with their numerator and denominator, or with growth inputs."""
    defs = _definitions(agency)
    for _, row in agency.table("indicator_results").iterrows():
        printed = _text(row["realisasi_printed"])
        reported = _num(row["realisasi"])
        if not printed or math.isnan(reported):
            continue
        subject = f"{row['indicator_id']} {row['year']} realisasi"
        unit = defs.get(row["indicator_id"], {}).get("unit", "")
        scale = 100 if "%" in str(unit) or "persen" in str(unit).lower() else 1
        num, den = _num(row["numerator"]), _num(row["denominator"])
        if not math.isnan(num) and not math.isnan(den):
            value = num / den * scale if den else math.nan
            how = agrees(printed, reported, value, _fmt_code(row))
            out.add("formula", subject, printed, value, "info" if how else "error",
                    _lines(row, "realisasi", "numerator", "denominator"), row["source_table"],
                    f"numerator / denominator{' × 100' if scale == 100 else ''} = {_fmt(num)} / {_fmt(den)}",
                    f"agrees ({how})" if how else "the printed result does not follow from the numbers plugged in",
                    reported)
        cur, prev = _num(row["growth_current"]), _num(row["growth_previous"])
        if not math.isnan(cur) and not math.isnan(prev):
            value = change_percent(prev, cur)
            alt = (cur - prev) / cur * 100 if cur else math.nan
            lines = _lines(row, "realisasi", "growth_current", "growth_previous")
            formula = f"(n − (n−1)) / (n−1) × 100 = ({_fmt(cur)} − {_fmt(prev)}) / {_fmt(prev)} × 100"
            if agrees(printed, reported, value, _fmt_code(row)):
                out.add("formula", subject, printed, value, "info", lines, row["source_table"], formula,
                        "growth agrees with the numbers plugged in", reported)
            elif agrees(printed, reported, alt, _fmt_code(row)):
                out.add("formula", subject, printed, value, "warning", lines, row["source_table"], formula,
                        "growth follows the variant dividing by year n", reported)
            else:
                out.add("formula", subject, printed, value, "error", lines, row["source_table"], formula,
                        "the printed growth does not follow from the numbers plugged in", reported)


# --- check 7: spreadsheet errors, missing values, wrong units ----------------------------------

def _row_subject(table: str, row: pd.Series) -> str:
    """How a finding names a row: by its ids where the table has them, else by table and row."""
    for keys in (("indicator_id", "year"), ("item_id",), ("aggregate_id",), ("series_id", "category"),
                 ("dimension", "category")):
        if all(_text(row.get(k)) for k in keys):
            return " ".join(_text(row[k]) for k in keys)
    return f"{table} row {row['csv_row']}"


def check_missing(agency: Agency, out: _Collector) -> None:
    """Spreadsheet errors anywhere; missing target, realisation or capaian of the report year's PK."""
    for name, frame in agency.tables.items():
        spec = TABLES[name]
        for _, row in frame.iterrows():
            malformed = malformed_figures(row)
            for fig in malformed:
                text = _text(row.get(f"{fig}_printed"))
                out.add("malformed", f"{_row_subject(name, row)} {fig}", text, "", "error", _lines(row, fig),
                        row["source_table"], "", f"the report prints a figure that does not read as a number ({text})")
            for fig in [f for f in spec.figures if f not in malformed]:
                text = _text(row.get(f"{fig}_printed"))
                if text and parse_figure(text, _fmt_code(row)).status == "spreadsheet_error":
                    out.add("spreadsheet_error", f"{_row_subject(name, row)} {fig}", text, "", "error",
                            _lines(row, fig), row["source_table"], "", f"the report prints a spreadsheet error ({text})")
    results = _canonical(agency.table("indicator_results"))
    year = agency.meta["year"]
    for _, row in results[(results["year"] == year) & (results["basis"] == "annual")].iterrows():
        malformed = malformed_figures(row)
        for fig in [f for f in ("target", "realisasi", "capaian_reported") if f not in malformed]:
            text = _text(row[f"{fig}_printed"])
            status = parse_figure(text, _fmt_code(row)).status
            if status in ("blank", "dash", "absent"):
                out.add("missing", f"{row['indicator_id']} {year} {fig}", text or "(not printed)", "", "error",
                        _lines(row, fig), row["source_table"], "",
                        f"the report's PK result has no {fig.replace('_reported', '')} ({status})")


def check_units(agency: Agency, out: _Collector) -> None:
    """Realisations the curators flagged as printed in another unit than the indicator's."""
    defs = _definitions(agency)
    results = agency.table("indicator_results")
    for (_, row), mismatch in zip(results.iterrows(), unit_mismatch(results)):
        if mismatch:
            unit = defs.get(row["indicator_id"], {}).get("unit", "?")
            out.add("unit", f"{row['indicator_id']} {row['year']} realisasi", _text(row["realisasi_printed"]),
                    "", "error", _lines(row, "realisasi"), row["source_table"], "",
                    f"the realisation is not in the indicator's unit ({unit}): {_text(row['note'])}")


# --- changes between years and tingkat kemajuan -----------------------------------------------

def check_changes(agency: Agency, out: _Collector) -> None:
    """Printed year-over-year changes and 'tingkat kemajuan' against the printed realisations."""
    results = agency.table("indicator_results")
    real = numeric_realisations(results)
    for _, row in results.iterrows():
        for fig, label in (("change_reported", "change"), ("progress_reported", "tingkat kemajuan")):
            printed, reported = _text(row[f"{fig}_printed"]), _num(row[fig])
            if not printed or math.isnan(reported):
                continue
            here = real.get((row["indicator_id"], int(row["year"])))
            r_now = _num(row["realisasi"]) if _has(row["realisasi"]) else _num(here["realisasi"]) if here is not None else math.nan
            years = sorted(y for (i, y) in real if i == row["indicator_id"] and y < int(row["year"]))
            readings = {}
            for y in years:
                before = real[(row["indicator_id"], y)]
                r0 = _num(before["realisasi"])
                readings[f"points since {y}"] = (change_points(r0, r_now), _lines(before, "realisasi"))
                readings[f"percent since {y}"] = (change_percent(r0, r_now), _lines(before, "realisasi"))
            if fig == "progress_reported" and _has(row["target"]):
                readings["capaian against the target"] = (_num(row["realisasi"]) / _num(row["target"]) * 100
                                                          if _num(row["target"]) else math.nan, [])
            # a change's direction is printed in words (naik / menurun); tingkat kemajuan carries its sign
            signed = (lambda x: x) if fig == "progress_reported" else abs
            match = [(k, v, ln) for k, (v, ln) in readings.items()
                     if agrees(printed, signed(reported), signed(v), _fmt_code(row))]
            subject = f"{row['indicator_id']} {row['year']} {label}"
            lines = _lines(row, fig, "realisasi") + ([] if _has(row["realisasi"]) or here is None else _lines(here, "realisasi"))
            if match:
                k, v, ln = match[0]
                out.add("change", subject, printed, v, "info", lines + ln, row["source_table"], k,
                        f"agrees read as the {k}", reported)
            elif readings:
                out.add("change", subject, printed, math.nan, "error", lines, row["source_table"],
                        "; ".join(f"{k} = {_fmt(v)}" for k, (v, _) in readings.items()),
                        "matches no reading (points or percent against an earlier year, or capaian)", reported)


CHECKS = {
    "capaian": check_capaian,
    "category": check_category,
    "aggregate": check_aggregates,
    "budget": check_budget,
    "versions": check_versions,
    "efficiency": check_efficiency,
    "formula": check_formula_inputs,
    "missing": check_missing,
    "unit": check_units,
    "change": check_changes,
}


def audit(agency: Agency | str) -> pd.DataFrame:
    """All findings for one agency (an :class:`Agency` or its id), errors first."""
    if isinstance(agency, str):
        agency = load_agency(agency)
    out = _Collector(agency)
    for check in CHECKS.values():
        check(agency, out)
    frame = pd.DataFrame([asdict(f) for f in out.findings], columns=COLUMNS)
    frame["severity"] = pd.Categorical(frame["severity"], categories=SEVERITIES, ordered=True)
    return frame.sort_values(["severity", "check"], kind="stable").reset_index(drop=True)


def audit_summary(agency_ids: list[str] | None = None) -> pd.DataFrame:
    """Findings counted by agency, check and severity, across agencies (registry order)."""
    frames = [audit(a) for a in (agency_ids or agencies())]
    allf = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    table = allf.groupby(["agency_id", "check", "severity"], observed=True).size().rename("findings").reset_index()
    return table
