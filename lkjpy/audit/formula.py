"""Realisations printed with the numbers plugged into them (numerator / denominator, growth)."""

from __future__ import annotations

import math

from ..progress import change_percent
from ..rows import figure_lines, num, number_format, row_unit_mismatch, text
from .context import Context
from .finding import Collector, agrees, shown


def check_formula_inputs(ctx: Context, out: Collector) -> None:
    """A realisation against the numerator and denominator, or the growth inputs, printed with it."""
    for row in ctx.rows("indicator_results"):
        printed, reported = text(row["realisasi_printed"]), num(row["realisasi"])
        if not printed or math.isnan(reported) or row_unit_mismatch(row):
            continue
        subject = f"{row['indicator_id']} {row['year']} realisasi"
        unit = str(ctx.defs.get(row["indicator_id"], {}).get("unit", ""))
        scale = 100 if "%" in unit or "persen" in unit.lower() else 1
        fmt = number_format(row)
        common = dict(check="formula", subject=subject, reported=printed, reported_value=reported,
                      table=row["source_table"], cell=(figure_lines(row, "realisasi")[0], printed))
        n, d = num(row["numerator"]), num(row["denominator"])
        if not math.isnan(n) and not math.isnan(d):
            formula = f"numerator / denominator{' × 100' if scale == 100 else ''} = {shown(n)} / {shown(d)}"
            lines = figure_lines(row, "realisasi", "numerator", "denominator")
            if not d:
                out.add(**common, severity="unverifiable", lines=lines, formula=formula,
                        message="cannot be recomputed: the denominator is 0")
            else:
                value = n / d * scale
                how = agrees(printed, reported, value, fmt)
                out.add(**common, recomputed=value, severity="info" if how else "error", lines=lines, formula=formula,
                        message=f"agrees ({how})" if how else
                        f"printed {printed}, but the numbers plugged in give {shown(value)}")
        cur, prev = num(row["growth_current"]), num(row["growth_previous"])
        if not math.isnan(cur) and not math.isnan(prev):
            lines = figure_lines(row, "realisasi", "growth_current", "growth_previous")
            formula = f"(n − (n−1)) / (n−1) × 100 = ({shown(cur)} − {shown(prev)}) / {shown(prev)} × 100"
            if not prev:
                out.add(**common, severity="unverifiable", lines=lines, formula=formula,
                        message="cannot be recomputed: the year n−1 value is 0")
                continue
            value = change_percent(prev, cur)
            alt = (cur - prev) / cur * 100 if cur else math.nan
            if agrees(printed, reported, value, fmt):
                out.add(**common, recomputed=value, severity="info", lines=lines, formula=formula,
                        message="the growth agrees with the numbers plugged in")
            elif agrees(printed, reported, alt, fmt):
                out.add(**common, recomputed=value, severity="warning", lines=lines, formula=formula,
                        message=f"the growth divides by year n (= {shown(alt)}), not by year n−1 (= {shown(value)})")
            else:
                out.add(**common, recomputed=value, severity="error", lines=lines, formula=formula,
                        message=f"printed {printed}, but the growth from the numbers plugged in is {shown(value)}")
