"""Budget tables: totals against their rows, serapan and sisa against pagu and realisasi
(Permendagri 77/2020)."""

from __future__ import annotations

import math

from .. import budget as budget_measures
from ..rows import figure_lines, has, is_canonical, mean, num, number_format, text
from .changes import DOWN, UP
from .context import Context
from .finding import Collector, agrees, shown


def _groups(rows: list[dict], keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for row in rows:
        out.setdefault(tuple(row[k] for k in keys), []).append(row)
    return out


def check_totals(ctx: Context, out: Collector) -> None:
    """Each printed total (a row other rows name as ``parent_id`` in the same table, stage and
    year) against the sum of those rows."""
    for (table, stage, year), rows in _groups(ctx.rows("budget"), ("source_table", "stage", "year")).items():
        children: dict[str, list[dict]] = {}
        for row in rows:
            if text(row["parent_id"]):
                children.setdefault(row["parent_id"], []).append(row)
        for parent in rows:
            kids = children.get(parent["item_id"])
            if not kids:
                continue
            for col in ("pagu", "realisasi"):
                if not has(parent[col]) or not all(has(c[col]) for c in kids):
                    continue
                total = sum(num(c[col]) for c in kids)
                printed, reported = parent[f"{col}_printed"], num(parent[col])
                lines = figure_lines(parent, col) + [figure_lines(c, col)[0] for c in kids]
                ok = agrees(printed, reported, total, number_format(parent))
                twin = None if ok else _version_printing(ctx, parent, col, total)
                cell = (figure_lines(twin, col)[0], twin[f"{col}_printed"]) if twin else ()
                out.add(check="budget_total", cell=cell, subject=f"{parent['item_id']} {col} ({stage} {year})", reported=printed,
                        reported_value=reported, recomputed=total, severity="info" if ok else "error", lines=lines,
                        table=table, unit="Rp", formula=f"sum of {col} of the {len(kids)} rows under {parent['item_id']}",
                        message="the total adds up" if ok else
                        f"printed {printed}, but its {len(kids)} rows add up to {shown(total)}",
                        key=(parent["item_id"], col, stage, year, table))


def _version_printing(ctx: Context, row: dict, col: str, value: float) -> dict | None:
    """Another printed version of the same item (stage, year) whose figure is ``value``: a total
    that does not add up, printed elsewhere as the sum of its rows, is one problem with it."""
    return next((r for r in ctx.rows("budget") if (r["item_id"], r["stage"], r["year"]) ==
                 (row["item_id"], row["stage"], row["year"]) and r is not row and num(r[col]) == value), None)


def _canonical_twin(ctx: Context, row: dict) -> dict | None:
    """The canonical version of a non-canonical budget row (same item, stage and year)."""
    if "stage" in row and is_canonical(row):
        return None
    stage, year = row.get("stage", "final"), row.get("year", ctx.year)
    return next((r for r in ctx.rows("budget") if (r["item_id"], r["stage"], r["year"]) == (row["item_id"], stage, year)
                 and is_canonical(r)), None)


def check_serapan_row(ctx: Context, out: Collector, row: dict, pct: str, label: str) -> None:
    """One printed serapan (column ``pct``) against realisasi / pagu × 100 of its row."""
    printed, reported = text(row[f"{pct}_printed"]), num(row[pct])
    pagu, real = num(row["pagu"]), num(row["realisasi"])
    if not printed or math.isnan(reported) or math.isnan(pagu) or math.isnan(real):
        return
    lines = figure_lines(row, pct, "pagu", "realisasi")
    common = dict(check="serapan", subject=f"{row['item_id']} serapan{label}", reported=printed,
                  reported_value=reported, table=row["source_table"], unit="points",
                  formula=f"realisasi / pagu × 100 = {shown(real)} / {shown(pagu)} × 100",
                  cell=(figure_lines(row, pct)[0], printed))
    if pagu == 0:
        out.add(**common, severity="unverifiable", lines=lines,
                message="cannot be recomputed: the pagu is 0" + (" and nothing was spent (0 / 0)" if real == 0 else ""))
        return
    value = budget_measures.serapan(pagu, real)
    fmt = number_format(row)
    how = agrees(printed, reported, value, fmt)
    if how:
        out.add(**common, recomputed=value, severity="info", lines=lines, message=f"agrees ({how})")
        return
    twin = _canonical_twin(ctx, row)
    if twin is not None and (num(twin["pagu"]), num(twin["realisasi"])) != (pagu, real) and agrees(printed, reported, budget_measures.serapan(num(twin["pagu"]), num(twin["realisasi"])), fmt):
        slip = "realisasi" if num(twin["realisasi"]) != real else "pagu"
        common["cell"] = ((figure_lines(row, slip)[0], text(row[f"{slip}_printed"])), common["cell"])
        out.add(**common, recomputed=value, severity="error", lines=lines,
                message=f"follows from the canonical {slip} {twin[f'{slip}_printed']}, not from the {slip} printed "
                        f"beside it")
        return
    kids = [r for r in ctx.rows("budget") if r["parent_id"] == row.get("item_id") and r["source_table"] == row["source_table"]
            and has(r.get("pct_reported"))]
    if kids and agrees(printed, reported, mean(num(r["pct_reported"]) for r in kids), fmt):
        out.add(**common, recomputed=value, severity="error", lines=lines + [figure_lines(r, "pct_reported")[0] for r in kids],
                message=f"printed {printed} as the serapan of the total, but realisasi / pagu gives {shown(value)}; "
                        f"{printed} is the unweighted mean of its {len(kids)} rows' percentages")
        return
    out.add(**common, recomputed=value, severity="error", lines=lines,
            message=f"printed {printed}, but realisasi / pagu × 100 gives {shown(value)}")


def check_serapan(ctx: Context, out: Collector) -> None:
    """Serapan % of every budget row against realisasi / pagu × 100."""
    for row in ctx.rows("budget"):
        check_serapan_row(ctx, out, row, "pct_reported", "")


def check_sisa(ctx: Context, out: Collector) -> None:
    """Sisa (remaining) of every budget row against pagu − realisasi."""
    for row in ctx.rows("budget"):
        check_sisa_row(out, row, "sisa_reported", ctx)


def _repeated_from(ctx: Context | None, row: dict, col: str, value: float) -> dict | None:
    """A row under this one, in the same table, whose printed figure ``col`` this row repeats."""
    if ctx is None:
        return None
    return next((r for r in ctx.rows("budget") if r["parent_id"] == row.get("item_id")
                 and r["source_table"] == row["source_table"] and num(r.get(col)) == value), None)


def check_sisa_row(out: Collector, row: dict, col: str, ctx: Context | None = None) -> None:
    printed, reported = text(row.get(f"{col}_printed")), num(row.get(col))
    pagu, real = num(row["pagu"]), num(row["realisasi"])
    if not printed or math.isnan(reported) or math.isnan(pagu) or math.isnan(real):
        return
    value = budget_measures.sisa(pagu, real)
    how = agrees(printed, reported, value, number_format(row))
    message = f"agrees ({how})" if how else f"printed {printed}, but pagu − realisasi gives {shown(value)}"
    child = None if how else _repeated_from(ctx, row, col, reported)
    if child is not None:
        message += f"; {printed} is the sisa printed for the row under it, {child['item_id']} (line {child['source_line']})"
    out.add(check="sisa", subject=f"{row['item_id']} sisa", reported=printed, reported_value=reported, recomputed=value,
            severity="info" if how else "error", lines=figure_lines(row, col, "pagu", "realisasi"),
            table=row["source_table"], unit="Rp", formula=f"pagu − realisasi = {shown(pagu)} − {shown(real)}",
            message=message, cell=(figure_lines(row, col)[0], printed))


def _revision_totals(ctx: Context) -> dict[object, tuple[dict, dict]]:
    """Per year, the agency's whole budget (item ``total``) before and after the revision, each
    its canonical version."""
    by_stage: dict[tuple, dict] = {}
    for row in ctx.rows("budget"):
        if row["item_id"] == "total" and row["stage"] in ("original", "revised") and is_canonical(row) and has(row["pagu"]):
            by_stage[(row["year"], row["stage"])] = row
    return {year: (by_stage[(year, "original")], by_stage[(year, "revised")])
            for year, stage in by_stage if stage == "original" and (year, "revised") in by_stage}


def check_revision(ctx: Context, out: Collector) -> None:
    """A change of the budget stated in words (a context figure in Rp whose label is a direction
    word: ``berkurang``, ``bertambah``, ...) against the whole budget printed before and after
    the revision; its percentage (printed beside it, same series and line) against the change over
    the budget before the revision, the base a change is measured from."""
    totals = _revision_totals(ctx)
    if not totals:
        return
    amounts = [r for r in ctx.rows("context") if text(r.get("unit")) == "Rp" and has(r["value"]) and
               (DOWN.search(text(r.get("category"))) or UP.search(text(r.get("category")))) and r.get("year") in totals]
    for row in amounts:
        before, after = totals[row["year"]]
        b, a = num(before["pagu"]), num(after["pagu"])
        change, printed = abs(b - a), text(row["value_printed"])
        if not agrees(printed, num(row["value"]), change, number_format(row)):
            continue  # not the revision's change (e.g. a change from the year before)
        lines = [figure_lines(row, "value")[0], figure_lines(before, "pagu")[0], figure_lines(after, "pagu")[0]]
        down = bool(DOWN.search(text(row.get("category"))))
        ok = down == (a < b)
        out.add(check="budget_change", subject=f"budget revision {row['year']} (amount)", reported=printed,
                reported_value=num(row["value"]), recomputed=change, severity="info" if ok else "error", lines=lines,
                table=f"{row['source_table']}; {before['source_table']}", unit="Rp",
                formula=f"|{shown(a)} − {shown(b)}| (after and before the revision)",
                message=f"agrees with the budget before ({before['pagu_printed']}) and after ({after['pagu_printed']}) "
                        "the revision" if ok else
                f"printed as '{text(row.get('category'))}' but the budget went from {before['pagu_printed']} to "
                f"{after['pagu_printed']}", cell=(lines[0], printed), key=("amount", row["year"], num(row["value"])))
        for pct in ctx.rows("context"):
            if (pct["series_id"], pct.get("year"), int(pct["source_line"])) != (
                    row["series_id"], row.get("year"), int(row["source_line"])) or text(pct.get("unit")) != "%":
                continue
            _revision_percent(out, pct, row, change, before, after)


def _revision_percent(out: Collector, pct: dict, amount: dict, change: float, before: dict, after: dict) -> None:
    printed, reported, fmt = text(pct["value_printed"]), num(pct["value"]), number_format(pct)
    if math.isnan(reported):
        return
    b, a = num(before["pagu"]), num(after["pagu"])
    value = change / b * 100
    how = agrees(printed, reported, value, fmt)
    over_after = agrees(printed, reported, change / a * 100, fmt) if a else None
    line = figure_lines(pct, "value")[0]
    message = (f"agrees ({how})" if how else
               f"printed {printed} for the cut of {amount['value_printed']} from the budget of {before['pagu_printed']}, "
               f"which is {shown(value)} % of it" + (f"; {printed} is the cut over the budget after the revision "
                                                      f"({after['pagu_printed']})" if over_after else ""))
    out.add(check="budget_change", subject=f"budget revision {pct['year']} (percentage)", reported=printed,
            reported_value=reported, recomputed=value, severity="info" if how else "error",
            lines=[line, figure_lines(amount, "value")[0], figure_lines(before, "pagu")[0]],
            table=f"{pct['source_table']}; {before['source_table']}", unit="points",
            formula=f"change / budget before the revision × 100 = {shown(change)} / {shown(b)} × 100",
            message=message, cell=(line, printed), key=("percentage", pct["year"], reported))
