"""Printed averages and counts against their components."""

from __future__ import annotations

import math
from itertools import combinations

from ..rows import STAGE_ORDER, components, figure_lines, has, is_canonical, mean, num, number_format, row_unit_mismatch
from .context import Context
from .finding import Collector, agrees, shown

#: measure -> (table of the components, their figure)
MEAN_SOURCE = {"capaian_mean": ("indicator_results", "capaian_reported"), "target_mean": ("indicator_results", "target"),
               "realisasi_mean": ("indicator_results", "realisasi"), "serapan_mean": ("budget", "pct_reported"),
               "pagu_mean": ("budget", "pagu"), "spent_mean": ("budget", "realisasi"),
               "efficiency_mean": ("efficiency", "efficiency")}
COUNTS = ("count", "count_met", "count_not_met")


def _component_rows(ctx: Context, agg: dict, table: str) -> dict[str, dict]:
    """Per component id, the version a printed mean is taken over: the canonical one (budget: the
    final figures, else those after the revision)."""
    ids, year = components(agg["components"]), agg["year"]
    key = "indicator_id" if table == "indicator_results" else "item_id"
    out: dict[str, tuple] = {}
    for row in ctx.rows(table):
        if row[key] not in ids or row.get("year", year) != year:
            continue
        if table == "indicator_results" and row["basis"] != "annual":
            continue
        if table == "budget" and row["stage"] not in STAGE_ORDER:
            continue
        rank = (not is_canonical(row), STAGE_ORDER.get(row.get("stage"), 0), row["source_table"] != agg["source_table"])
        if row[key] not in out or rank < out[row[key]][0]:
            out[row[key]] = (rank, row)
    return {i: out[i][1] for i in ids if i in out}


def _reproductions(ctx: Context, printed: str, reported: float, k: int, figure_names: tuple[str, ...],
                   fmt: str) -> str | None:
    """A known method that gives a printed mean: the unweighted mean of ``k`` figures printed in
    one table (e.g. a table of program percentages)."""
    for table in ("budget", "efficiency", "indicator_results"):
        by_table: dict[str, list[tuple[float, int]]] = {}
        for row in ctx.rows(table):
            for fig in figure_names:
                if fig in row and has(row[fig]):
                    by_table.setdefault(row["source_table"], []).append((num(row[fig]), figure_lines(row, fig)[0]))
        for name, values in by_table.items():
            if len(values) > 12 or len(values) < k:
                continue
            for subset in combinations(values, k):
                if agrees(printed, reported, mean(v for v, _ in subset), fmt):
                    return (f"the unweighted mean of {k} figures printed in {name}: "
                            f"({' + '.join(shown(v) for v, _ in subset)}) / {k} (lines "
                            f"{', '.join(str(n) for _, n in subset)})")
    return None


def check_aggregates(ctx: Context, out: Collector) -> None:
    """Printed averages against the mean of their components' printed figures; printed counts
    against their components."""
    for agg in ctx.rows("aggregates"):
        if not has(agg["value"]):
            continue
        if agg["measure"] in COUNTS:
            _check_count(ctx, agg, out)
        elif agg["measure"] in MEAN_SOURCE:
            _check_mean(ctx, agg, out)


def _check_mean(ctx: Context, agg: dict, out: Collector) -> None:
    table, column = MEAN_SOURCE[agg["measure"]]
    if not ctx.curated(table):
        return
    ids = components(agg["components"])
    comp = _component_rows(ctx, agg, table)
    printed, reported, fmt = agg["value_printed"], num(agg["value"]), number_format(agg)
    subject = f"{agg['aggregate_id']} ({agg['measure']})"
    lines = figure_lines(agg, "value") + [figure_lines(r, column)[0] for r in comp.values()]
    common = dict(check="aggregate", subject=subject, reported=printed, reported_value=reported,
                  table=agg["source_table"], key=(agg["aggregate_id"], reported), cell=(lines[0], printed))
    values = [num(comp[i][column]) if i in comp else math.nan for i in ids]
    if column == "realisasi" and any(row_unit_mismatch(r) for r in comp.values()):
        out.add(**common, severity="unverifiable", lines=lines, formula=f"mean of {column} of {', '.join(ids)}",
                message="cannot be recomputed: a component's realisation is printed in another unit")
        return
    if any(math.isnan(v) for v in values):
        lacking = [i for i, v in zip(ids, values) if math.isnan(v)]
        out.add(**{**common, "key": (agg["aggregate_id"], "unverifiable")}, severity="unverifiable", lines=lines,
                formula=f"mean of {column} of {', '.join(ids)}",
                message=f"cannot be recomputed: no readable printed {column} for {', '.join(lacking)}")
        return
    value = mean(values)
    formula = f"mean of {column} of {', '.join(ids)} = ({' + '.join(shown(v) for v in values)}) / {len(values)}"
    how = agrees(printed, reported, value, fmt)
    if how:
        out.add(**common, recomputed=value, severity="info", lines=lines, formula=formula, message=f"agrees ({how})")
        if agg["measure"] == "serapan_mean" and agg["scope"] == "overall":
            _unweighted_as_total(agg, comp, out)
        return
    other = _reproductions(ctx, printed, reported, len(ids), (column, "serapan") if table == "budget" else (column,),
                           fmt)
    if other:
        out.add(**common, recomputed=value, severity="warning", lines=lines, formula=formula,
                message=f"{printed} is {other}, not the mean of the components' canonical figures "
                        f"({shown(value)})")
        return
    out.add(**common, recomputed=value, severity="error", lines=lines, formula=formula,
            message=f"printed {printed}, but the mean of its components is {shown(value)}")


def _check_count(ctx: Context, agg: dict, out: Collector) -> None:
    """``count``: how many items the components list; ``count_met`` / ``count_not_met``: how many
    of the component indicators reach / miss 100 % by their canonical printed capaian."""
    ids = components(agg["components"])
    lines = figure_lines(agg, "value")
    if agg["measure"] == "count":
        counted, formula = ids, f"number of items listed: {', '.join(ids)}"
    else:
        if not ctx.curated("indicator_results"):
            return
        met = agg["measure"] == "count_met"
        comp = [r for r in ctx.rows("indicator_results") if r["indicator_id"] in ids and r["year"] == agg["year"]
                and r["basis"] == "annual" and is_canonical(r)]
        counted = [r["indicator_id"] for r in comp if has(r["capaian_reported"]) and (num(r["capaian_reported"]) >= 100) == met]
        lines += [figure_lines(r, "capaian_reported")[0] for r in comp]
        formula = (f"indicators of {', '.join(ids)} whose printed capaian is {'at least' if met else 'below'} "
                   f"100: {', '.join(counted) or 'none'}")
    same = num(agg["value"]) == len(counted)
    out.add(check="aggregate", subject=f"{agg['aggregate_id']} ({agg['measure']})", reported=agg["value_printed"],
            reported_value=num(agg["value"]), recomputed=float(len(counted)), severity="info" if same else "error",
            lines=lines, table=agg["source_table"], formula=formula, unit="items",
            message="agrees" if same else f"printed {agg['value_printed']}, but the components give {len(counted)}",
            key=(agg["aggregate_id"], num(agg["value"])))


def _unweighted_as_total(agg: dict, comp: dict[str, dict], out: Collector) -> None:
    """An overall serapan printed as the unweighted mean of program percentages stands for the
    agency's absorption, which is weighted by allocation: sum of realisasi / sum of pagu
    (Permendagri 77/2020). Reported when the two differ beyond the printed precision."""
    pagu = [num(r["pagu"]) for r in comp.values()]
    spent = [num(r["realisasi"]) for r in comp.values()]
    if not comp or any(math.isnan(v) for v in pagu + spent) or not sum(pagu):
        return
    weighted = sum(spent) / sum(pagu) * 100
    printed, reported = agg["value_printed"], num(agg["value"])
    if agrees(printed, reported, weighted, number_format(agg)):
        return
    out.add(check="aggregate", subject=f"{agg['aggregate_id']} (serapan of the whole)", reported=printed,
            reported_value=reported, recomputed=weighted, severity="warning", unit="points",
            lines=figure_lines(agg, "value") + [figure_lines(r, "pagu")[0] for r in comp.values()],
            table=agg["source_table"],
            formula=f"sum of realisasi / sum of pagu × 100 = {shown(sum(spent))} / {shown(sum(pagu))} × 100",
            message=f"{printed} is the unweighted mean of the programs' percentages; weighted by their allocations "
                    f"the same programs absorbed {shown(weighted)} %",
            key=(agg["aggregate_id"], "weighted"))
