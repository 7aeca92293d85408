"""Efficiency tables: each printed figure recomputed by the report's stated method."""

from __future__ import annotations

import math

from .. import efficiency as eff
from ..rows import figure_lines, num, number_format, text
from ..scales import same_label
from .budget import check_serapan_row
from .context import Context
from .finding import Collector, agrees, shown


def check_efficiency(ctx: Context, out: Collector) -> None:
    """Each printed efficiency figure recomputed with the report's stated method; the serapan the
    table prints against its pagu and realisasi."""
    for row in ctx.rows("efficiency"):
        check_serapan_row(ctx, out, row, "serapan", "")
        _check_figure(out, row)


def _check_figure(out: Collector, row: dict) -> None:
    subject = f"{row['item_id']} efficiency"
    cap, ser = num(row["capaian_kinerja"]), num(row["serapan"])
    pagu, real = num(row["pagu"]), num(row["realisasi"])
    tk, rk = num(row["target_kinerja"]), num(row["realisasi_kinerja"])
    method, fmt = row["method_variant"], number_format(row)
    printed, reported = text(row["efficiency_printed"]), num(row["efficiency"])
    lines = figure_lines(row, "efficiency", "capaian_kinerja", "serapan", "pagu", "realisasi")
    if method == "comparison":
        verdict, label = eff.comparison_verdict(cap, ser), text(row["label_reported"])
        if verdict and label:
            ok = same_label(verdict, label) or (verdict == "efisien" and "efisien" in label.lower()
                                               and "tidak" not in label.lower())
            out.add(check="efficiency", subject=subject, reported=label, recomputed=verdict,
                    severity="info" if ok else "error", lines=lines, table=row["source_table"],
                    formula=f"efisien when capaian ({shown(cap)}) > serapan ({shown(ser)})",
                    message="the verdict follows from the printed figures" if ok else
                    f"printed '{label}', but capaian {shown(cap)} against serapan {shown(ser)} makes it '{verdict}'")
        return
    candidates = {
        "difference": f"capaian − serapan = {shown(cap)} − {shown(ser)}",
        "ratio": f"capaian / serapan × 100 = {shown(cap)} / {shown(ser)} × 100",
        "one_minus_ratio": f"(1 − (RA/RK)/(A/TK)) × 100 with A = {shown(pagu)}, RA = {shown(real)}, "
                           f"TK = {shown(tk)}, RK = {shown(rk)}",
    }
    if not printed or math.isnan(reported) or method not in candidates:
        return
    values = {m: eff.by_method(m, cap, ser, pagu, real, tk, rk) for m in candidates}
    value, formula = values[method], candidates[method]
    common = dict(check="efficiency", subject=subject, reported=printed, reported_value=reported, table=row["source_table"],
                  formula=formula, unit="points", cell=(figure_lines(row, "efficiency")[0], printed),
                  key=(row["item_id"], reported))
    if math.isnan(value):
        out.add(**common, severity="unverifiable", lines=lines,
                message=f"cannot be recomputed by the stated method ({eff.METHOD_TEXT[method]}): an input it needs "
                        "is not printed in this row")
        return
    how = agrees(printed, reported, value, fmt)
    if how:
        out.add(**common, recomputed=value, severity="info", lines=lines, message=f"agrees with the stated method ({how})")
        return
    other = [m for m, v in values.items() if m != method and agrees(printed, reported, v, fmt)]
    if other:
        out.add(**common, recomputed=value, severity="warning", lines=lines,
                message=f"the stated method {eff.METHOD_TEXT[method]} gives {shown(value)}; the printed {printed} "
                        f"follows {eff.METHOD_TEXT[other[0]]} (= {shown(values[other[0]])})")
    else:
        out.add(**common, recomputed=value, severity="error", lines=lines,
                message=f"printed {printed}, but the stated method {eff.METHOD_TEXT[method]} gives {shown(value)}")
