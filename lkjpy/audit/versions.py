"""Every quantity printed more than once: each version against the canonical one, with the same
agreement rule as every other check (a version rounded or truncated to its printed precision
agrees)."""

from __future__ import annotations

import math

from ..rows import figure_lines, is_canonical, num, number_format, row_unit_mismatch, text
from .context import Context
from .finding import Collector, agrees, tolerance

#: figure names of the efficiency table -> the same quantity in the budget / PK tables
SAME_QUANTITY = {"serapan": "pct_reported", "capaian_kinerja": "capaian_reported", "target_kinerja": "target",
                 "realisasi_kinerja": "realisasi"}
UNITS = {"pagu": "Rp", "realisasi": "Rp", "sisa_reported": "Rp"}


def _agree(pc: str, vc: float, fc: str, pr: str, vr: float, fr: str) -> str | None:
    """Whether two printed versions agree: equal within the coarser printing's precision, or the
    coarser one is the finer one truncated."""
    if abs(vc - vr) <= max(tolerance(pc, fc), tolerance(pr, fr)):
        return "rounded"
    return agrees(pr, vr, vc, fr) or agrees(pc, vc, vr, fc)


#: the printed average a version of each quantity may repeat
MEAN_OF = {"capaian_reported": "capaian_mean", "pct_reported": "serapan_mean", "target": "target_mean",
           "realisasi": "realisasi_mean", "pagu": "pagu_mean"}


def _printed_aggregate(ctx: Context | None, quantity: str, value: float, year: object) -> dict | None:
    """The printed average of the same quantity and year that a disagreeing version repeats (a
    table that prints the overall mean in each row), so the verdict can say what it is."""
    if ctx is None or math.isnan(value) or quantity not in MEAN_OF:
        return None
    return next((a for a in ctx.rows("aggregates") if is_canonical(a) and a["year"] == year
                 and a["measure"] == MEAN_OF[quantity] and num(a["value"]) == value), None)


def compare(out: Collector, subject: str, fig: str, canon: dict, cfig: str, row: dict, ident: tuple,
            unit: str = "", ctx: Context | None = None) -> None:
    """Agreeing versions are info, disagreeing ones an error; the same misprint printed in several
    tables (a budget row and an efficiency row on the same line) is one finding."""
    """One version (``row``'s figure ``fig``) against the canonical one (``canon``'s ``cfig``)."""
    pc, pr = text(canon.get(f"{cfig}_printed")), text(row.get(f"{fig}_printed"))
    if not pc or not pr:
        return
    if "realisasi" in (fig, cfig) and (row_unit_mismatch(canon) or row_unit_mismatch(row)):
        return
    gc, gr = text(canon.get(f"{cfig}_grade")), text(row.get(f"{fig}_grade"))
    vc, vr = num(canon.get(cfig)), num(row.get(fig))
    if math.isnan(vc) or math.isnan(vr):
        if not (gc and gr):
            return
        how = "same grade" if gc == gr else None
    else:
        how = _agree(pc, vc, number_format(canon), pr, vr, number_format(row)) if (gc == gr or not (gc and gr)) else None
    c_line, r_line = figure_lines(canon, cfig)[0], figure_lines(row, fig)[0]
    quantity = SAME_QUANTITY.get(fig, fig)
    key = (*ident, quantity, pr if math.isnan(vr) else vr)
    message = f"printed {pc} (canonical, line {c_line}) and {pr} (line {r_line}) for the same quantity"
    agg = None if how else _printed_aggregate(ctx, quantity, vr, canon.get("year"))
    if agg is not None:
        a_line = figure_lines(agg, "value")[0]
        message += (f"; {pr} is the printed {agg['measure'].replace('_', ' ')} of {agg['components'].replace(';', ', ')} "
                    f"(line {a_line}), repeated in this row")
        key = ("aggregate", agg["aggregate_id"], quantity)
    out.add(check="versions", subject=f"{subject} {quantity}", reported=pr, reported_value=vr, recomputed=vc,
            severity="info" if how else "error", lines=[c_line, r_line],
            table=f"{canon['source_table']}; {row['source_table']}",
            unit=UNITS.get(quantity, "points") if "item_id" in canon else unit,
            formula=f"canonical version (line {c_line}) vs version at line {r_line}",
            message=f"agrees with the canonical version ({how})" if how else message, key=key, cell=(r_line, pr))


def _by_key(rows: list[dict], keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for row in rows:
        out.setdefault(tuple(row[k] for k in keys), []).append(row)
    return out


def _versions(ctx: Context, out: Collector, table: str, keys: tuple[str, ...], figures: tuple[str, ...], name) -> None:
    for key, group in _by_key(ctx.rows(table), keys).items():
        canon = next((r for r in group if is_canonical(r)), None)
        if canon is None or len(group) < 2:
            continue
        for row in group:
            if row is canon:
                continue
            for fig in figures:
                compare(out, name(canon), fig, canon, fig, row, (table, *key), ctx=ctx)


def check_versions(ctx: Context, out: Collector) -> None:
    """Every quantity printed more than once: each version against the canonical one."""
    _versions(ctx, out, "indicator_results", ("indicator_id", "year", "basis"),
              ("target", "realisasi", "capaian_reported", "numerator", "denominator"),
              lambda c: f"{c['indicator_id']} {c['year']} {c['basis']}")
    _versions(ctx, out, "budget", ("item_id", "stage", "year"), ("pagu", "realisasi", "pct_reported", "sisa_reported"),
              lambda c: f"{c['item_id']} ({c['stage']} {c['year']})")
    _versions(ctx, out, "renstra_targets", ("indicator_id", "year"), ("target",),
              lambda c: f"{c['indicator_id']} Renstra {c['year']}")
    _versions(ctx, out, "aggregates", ("aggregate_id",), ("value",), lambda c: c["aggregate_id"])
    _cross_versions(ctx, out)


def _cross_versions(ctx: Context, out: Collector) -> None:
    """Figures the efficiency tables and the Renstra repeat from the PK and budget tables."""
    items: dict[str, dict] = {}
    for r in ctx.rows("budget"):
        if is_canonical(r) and r["stage"] in ("final", "revised") and (r["item_id"] not in items or r["stage"] == "final"):
            items[r["item_id"]] = r
    pk = {r["indicator_id"]: r for r in ctx.rows("indicator_results")
          if is_canonical(r) and r["year"] == ctx.year and r["basis"] == "annual"}
    for row in ctx.rows("efficiency"):
        c = items.get(row["item_id"])
        if c is not None:
            for fig, other in (("pagu", "pagu"), ("realisasi", "realisasi"), ("serapan", "pct_reported")):
                compare(out, f"{row['item_id']} ({c['stage']} {c['year']})", fig, c, other, row,
                        ("budget", c["item_id"], c["stage"], c["year"]))
        c = pk.get(row["item_id"])
        if c is not None:
            for fig, other in (("target_kinerja", "target"), ("realisasi_kinerja", "realisasi"),
                               ("capaian_kinerja", "capaian_reported")):
                compare(out, f"{row['item_id']} {c['year']} annual", fig, c, other, row,
                        ("indicator_results", c["indicator_id"], c["year"], "annual"), ctx=ctx)
    for row in ctx.rows("renstra_targets"):
        c = pk.get(row["indicator_id"])
        if row["year"] != ctx.year or not is_canonical(row) or c is None:
            continue
        if not text(c["target_printed"]) or not text(row["target_printed"]):
            continue
        gc, gr = text(c["target_grade"]), text(row["target_grade"])
        tc, tr = num(c["target"]), num(row["target"])
        same = gc == gr and ((math.isnan(tc) and math.isnan(tr)) or abs(tc - tr) <= 1e-9)
        out.add(check="versions", subject=f"{row['indicator_id']} {ctx.year} target (Renstra vs PK)",
                reported=row["target_printed"], reported_value=tr, recomputed=tc if not math.isnan(tc) else c["target_printed"],
                severity="info" if same else "warning",
                lines=figure_lines(c, "target") + figure_lines(row, "target"),
                table=f"{c['source_table']}; {row['source_table']}", formula="PK target vs the Renstra's target for the year",
                message="the PK keeps the Renstra's target for the year" if same else
                f"the PK agrees {c['target_printed']} where the Renstra plans {row['target_printed']} for {ctx.year} "
                "(a revision of the plan, not an arithmetic error)")
