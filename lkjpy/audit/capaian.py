"""Capaian: every printed capaian against its target and realisation (the standard formula, the
formula the report states, the known variants), and every rating label against the printed
scale it comes from."""

from __future__ import annotations

import math

from ..capaian import FORMULA_TEXT, STANDARD, VARIANTS, grade_met
from ..rows import figure_lines, has, is_canonical, num, number_format, numeric_realisations, row_unit_mismatch, text
from ..scales import label_for, same_label
from .context import Context
from .finding import Collector, agrees, shown


def _subject(row: dict) -> str:
    return f"{row['indicator_id']} {row['year']} capaian"


def _other_readings(ctx: Context, row: dict) -> dict[str, tuple[float, list[int]]]:
    """Figures a printed capaian might reproduce besides the formulas: the capaian of the same
    indicator and year on another basis (e.g. progress towards the Renstra end target)."""
    out = {}
    for other in ctx.rows("indicator_results"):
        if (other["indicator_id"], other["year"]) != (row["indicator_id"], row["year"]) or other["basis"] == row["basis"]:
            continue
        t, r = num(other["target"]), num(other["realisasi"])
        if has(t) and has(r) and t:
            out[f"the {other['basis'].replace('_', ' ')} progress R / T × 100 = {shown(r)} / {shown(t)} × 100 "
                f"({other['source_table']})"] = (r / t * 100, figure_lines(other, "target", "realisasi"))
    cumulative = _cumulative_progress(ctx, row)
    if cumulative:
        out[cumulative[0]] = cumulative[1:]
    return out


def _cumulative_progress(ctx: Context, row: dict) -> tuple[str, float, list[int]] | None:
    """Progress towards the Renstra read cumulatively: the realisations printed up to the year over
    the sum of the plan's yearly targets (a reading some reports print as the year's capaian)."""
    plan = sorted((r for r in ctx.rows("renstra_targets") if r["indicator_id"] == row["indicator_id"]
                   and is_canonical(r) and has(r["target"])), key=lambda r: r["year"])
    done = sorted((y, r) for (i, y), r in numeric_realisations(ctx.rows("indicator_results")).items()
                  if i == row["indicator_id"] and y <= row["year"])
    if len(plan) < 2 or len(done) < 2 or not sum(num(r["target"]) for r in plan):
        return None
    realised, planned = sum(num(r["realisasi"]) for _, r in done), sum(num(r["target"]) for r in plan)
    text_ = (f"the cumulative progress: realisations {done[0][0]}-{done[-1][0]} over the Renstra's targets "
             f"{plan[0]['year']}-{plan[-1]['year']}, {shown(realised)} / {shown(planned)} × 100")
    return text_, realised / planned * 100, [figure_lines(r, "realisasi")[0] for _, r in done] + [
        figure_lines(r, "target")[0] for r in plan]


def _inputs(ctx: Context, row: dict) -> dict:
    """The row whose target and realisation a printed capaian is set against: its own, or, when
    it prints neither (a capaian quoted in the text), the canonical version of the same result."""
    if text(row["target_printed"]) or text(row["realisasi_printed"]):
        return row
    key = (row["indicator_id"], row["year"], row["basis"])
    return next((r for r in ctx.rows("indicator_results") if (r["indicator_id"], r["year"], r["basis"]) == key
                 and is_canonical(r)), row)


def check_capaian(ctx: Context, out: Collector) -> None:
    """Every printed capaian against target and realisation: the standard formula (Permenpan RB
    53/2014; KemenPAN guidance for lower-is-better), the formula the report states, the variants."""
    for row in ctx.rows("indicator_results"):
        printed, reported = text(row["capaian_reported_printed"]), num(row["capaian_reported"])
        d = ctx.defs.get(row["indicator_id"])
        if not printed or math.isnan(reported) or d is None:
            continue
        subject, table, fmt = _subject(row), row["source_table"], number_format(row)
        source = _inputs(ctx, row)
        lines = figure_lines(row, "capaian_reported") + [n for n in figure_lines(source, "target", "realisasi")
                                                        if n != figure_lines(row, "capaian_reported")[0]]
        cell = (figure_lines(row, "capaian_reported")[0], printed)
        common = dict(check="capaian", subject=subject, reported=printed, reported_value=reported, table=table,
                      unit="points")
        t, r = num(source["target"]), num(source["realisasi"])
        tg, rg = text(source.get("target_grade")), text(source.get("realisasi_grade"))
        if row_unit_mismatch(source):
            out.add(**common, severity="unverifiable", lines=lines,
                    message="cannot be recomputed: the realisation beside it is printed in another unit",
                    key=(row["indicator_id"], row["year"], "unit"))
            continue
        if tg and rg and (math.isnan(t) or math.isnan(r)):
            _grade_capaian(out, common, reported, tg, rg, lines)
            continue
        if math.isnan(t) or math.isnan(r):
            out.add(**common, severity="unverifiable", lines=lines,
                    message="cannot be recomputed: the target or the realisation is not printed as a number",
                    key=(row["indicator_id"], row["year"], reported))
            continue
        polarity, standard = d["polarity"], STANDARD[d["polarity"]]
        value = VARIANTS[standard](t, r)
        formula = f"{FORMULA_TEXT[standard]} with T = {shown(t)}, R = {shown(r)}"
        if math.isnan(value):
            out.add(**common, severity="unverifiable", lines=lines, formula=formula,
                    message="cannot be recomputed: the formula divides by zero",
                    key=(row["indicator_id"], row["year"], reported))
            continue
        stated = d["formula_variant"]
        how = agrees(printed, reported, value, fmt)
        if how:
            if text(d.get("formula_reported")) and stated in VARIANTS and stated != standard and not agrees(
                    printed, reported, VARIANTS[stated](t, r), fmt):
                out.add(**common, recomputed=value, severity="warning", lines=lines, formula=formula,
                        message=f"follows the standard {FORMULA_TEXT[standard]} but not the formula the report "
                                f"states, {FORMULA_TEXT[stated]} (= {shown(VARIANTS[stated](t, r))})",
                        key=(row["indicator_id"], "stated", stated))
                continue
            out.add(**common, recomputed=value, severity="info", lines=lines, formula=formula,
                    message=f"agrees with the standard formula ({how} to the printed precision)")
            continue
        for name in [stated] + [v for v in VARIANTS if v != stated]:
            if name == standard or name not in VARIANTS:
                continue
            alt = VARIANTS[name](t, r)
            if agrees(printed, reported, alt, fmt):
                out.add(**common, recomputed=value, severity="warning", lines=lines, formula=formula,
                        message=f"the report computes it as {FORMULA_TEXT[name]} (= {shown(alt)}), not the standard "
                                f"{FORMULA_TEXT[standard]} for a {polarity}-is-better indicator (= {shown(value)})",
                        key=(row["indicator_id"], row["year"], reported))
                break
        else:
            found = [(k, v, ln) for k, (v, ln) in _other_readings(ctx, row).items() if agrees(printed, reported, v, fmt)]
            message = (f"printed {printed}, but {FORMULA_TEXT[standard]} gives {shown(value)} from the target and "
                       "realisation beside it and no known formula gives the printed figure")
            if found:
                k, _, ln = found[0]
                message = (f"printed {printed} as the year's capaian, but {FORMULA_TEXT[standard]} gives {shown(value)}; "
                           f"the printed figure is {k}")
                lines = [*lines, *ln]
            out.add(**common, recomputed=value, severity="error", lines=lines, formula=formula, message=message,
                    key=(row["indicator_id"], row["year"], reported), cell=cell)


def _grade_capaian(out: Collector, common: dict, reported: float, tg: str, rg: str, lines: list[int]) -> None:
    met = grade_met(tg, rg)
    ok = (met and reported >= 100) or (not met and reported < 100)
    out.add(**common, recomputed="met" if met else "not met", severity="info" if ok else "error", lines=lines,
            formula=f"grade reached {rg} vs grade agreed {tg}",
            message="the grade comparison agrees with the printed capaian (no scores printed to recompute a "
                    "percentage)" if ok else
                    f"the grade {rg} {'meets' if met else 'misses'} the agreed {tg}, but the printed capaian says "
                    "the opposite")


# --- labels --------------------------------------------------------------------------------------

def _scale_of(ctx: Context, label: str, applies_to: str) -> tuple[str, dict] | None:
    """The printed scale a label comes from: a scale of the expected kind holding the word, else
    any printed scale holding it, else the first scale of the expected kind."""
    scales = list(ctx.scales.items())
    for wanted in (lambda s: s["applies_to"] == applies_to, lambda s: True):
        for sid, s in scales:
            if wanted(s) and any(same_label(label, w) for w in s["ranks"]):
                return sid, s
    return next(((sid, s) for sid, s in scales if s["applies_to"] == applies_to), None)


def _rank(scale: dict, label: str) -> int | None:
    return next((r for w, r in scale["ranks"].items() if same_label(w, label)), None)


def check_labels(ctx: Context, out: Collector) -> None:
    """Each printed rating label against the label its figure gets on the printed scale the word
    comes from. A label higher on that scale than the figure allows is an error, a lower one a
    warning, a word of no printed scale a warning."""
    items = [(r, "category_reported", "capaian_reported", f"{r['indicator_id']} {r['year']} category",
              (r["indicator_id"], r["year"])) for r in ctx.rows("indicator_results")]
    items += [(r, "label_reported", "value", f"{r['aggregate_id']} label", (r["aggregate_id"],))
              for r in ctx.rows("aggregates") if r["measure"] == "capaian_mean"]
    for row, label_col, value_col, subject, ident in items:
        label, value = text(row[label_col]), num(row[value_col])
        if not label or math.isnan(value):
            continue
        found = _scale_of(ctx, label, "capaian")
        if found is None:
            continue
        sid, scale = found
        expected = label_for(value, scale["bands"])
        lines = figure_lines(row, label_col, value_col) + scale["lines"]
        common = dict(check="category", subject=subject, reported=label, table=row["source_table"],
                      formula=f"scale '{sid}' applied to {shown(value)}", key=(*ident, label, value))
        printed_rank, expected_rank = _rank(scale, label), _rank(scale, expected) if expected else None
        if expected is None:
            out.add(**common, recomputed="(gap)", severity="warning", lines=lines,
                    message=f"{shown(value)} falls in a gap of the printed scale '{sid}'")
        elif same_label(expected, label):
            out.add(**common, recomputed=expected, severity="info", lines=lines,
                    message=f"the label agrees with the printed scale '{sid}'")
        elif printed_rank is None:
            out.add(**common, recomputed=expected, severity="warning", lines=lines,
                    message=f"'{label}' is not a word of the printed scale '{sid}', which gives '{expected}' for "
                            f"{shown(value)}")
        else:
            higher = printed_rank < expected_rank
            out.add(**common, recomputed=expected, severity="error" if higher else "warning", lines=lines,
                    message=f"the printed scale '{sid}' gives '{expected}' for {shown(value)}; the printed "
                            f"'{label}' puts the result {'higher' if higher else 'lower'} than its figure allows")
