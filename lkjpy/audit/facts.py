"""The same fact printed twice: meta facts and their repeats (``key``, ``key_2``, ...), the staff
count stated in the text against the staff tables, the AKIP grade against its score, and a
benchmark printed more than once."""

from __future__ import annotations

import math
import re

from ..capaian import capaian as capaian_of
from ..parse import FigureError, parse_figure
from ..rows import figure_lines, flag, has, is_canonical, num, number_format, text
from .context import Context
from .finding import Collector, agrees, shown

REPEAT = re.compile(r"^(.*)_(\d+)$")
#: SAKIP evaluation grades by the lowest score that earns them (PermenPAN RB 88/2021)
GRADE_FLOORS = (("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30), ("D", 0))


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def _compatible(a: str, b: str) -> bool:
    """Two normal forms of one fact agree; a date known only to the month agrees with a day in it."""
    a, b = a.strip(), b.strip()
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", a) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", b):
        return a.startswith(b) or b.startswith(a)
    return _norm(a) == _norm(b)


def check_meta(ctx: Context, out: Collector) -> None:
    """Every repeat of a meta fact (``key_2``, ``key_3``) against the first printing."""
    meta = {r["key"]: r for r in ctx.rows("meta")}
    for key, row in meta.items():
        m = REPEAT.match(key)
        if not m or m.group(1) not in meta:
            continue
        first = meta[m.group(1)]
        lines = [int(first["source_line"]), int(row["source_line"])]
        common = dict(check="fact", subject=f"{m.group(1)} (printed again)", reported=row["printed"],
                      recomputed=first["printed"], lines=lines, table=f"{first['source_table']}; {row['source_table']}",
                      formula=f"value {first['value']!r} vs {row['value']!r}", key=(m.group(1), row["printed"]))
        if not _compatible(text(first["value"]), text(row["value"])):
            out.add(**common, severity="error",
                    message=f"the report gives its {m.group(1).replace('_', ' ')} as '{first['printed']}' (line "
                            f"{lines[0]}) and as '{row['printed']}' (line {lines[1]})")
        elif _norm(first["printed"]) == _norm(first["value"]) and _norm(row["printed"]) != _norm(row["value"]):
            out.add(**common, severity="warning",
                    message=f"'{row['printed']}' (line {lines[1]}) misprints '{first['printed']}' (line {lines[0]})")
        else:
            out.add(**common, severity="info", message="the repeat agrees")
    _akip(ctx, meta, out)
    _staff_total(ctx, meta, out)
    _durations(meta, out)


def _durations(meta: dict, out: Collector) -> None:
    """A plan period (``X_period``: ``YYYY-YYYY``) against the length the report states for it
    (``X_duration_stated``: ``N years``); a period written 2021-2026 may count 5 or 6 years."""
    for key, row in meta.items():
        m = re.fullmatch(r"(.*)_duration_stated", key)
        period = meta.get(f"{m.group(1)}_period") if m else None
        years = re.match(r"\s*(\d+)", text(row["value"]))
        span = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", text(period["value"])) if period else None
        if not (years and span):
            continue
        n, start, end = int(years.group(1)), int(span.group(1)), int(span.group(2))
        ok = n in (end - start, end - start + 1)
        out.add(check="fact", subject=f"{m.group(1)} period", reported=row["printed"], reported_value=float(n),
                recomputed=float(end - start + 1), severity="info" if ok else "error", unit="years",
                lines=[int(period["source_line"]), int(row["source_line"])],
                table=f"{period['source_table']}; {row['source_table']}",
                formula=f"{start}-{end}: {end - start + 1} calendar years",
                message="the stated length fits the period" if ok else
                f"the report states {n} years for the {m.group(1).replace('_', ' ')} but prints the period "
                f"{period['printed']}, {end - start + 1} calendar years")


def _akip(ctx: Context, meta: dict, out: Collector) -> None:
    """The printed AKIP grade against its printed score (grade bands of PermenPAN RB 88/2021)."""
    if "akip_grade" not in meta or "akip_score" not in meta:
        return
    g, s = meta["akip_grade"], meta["akip_score"]
    try:
        grade = parse_figure(g["printed"], number_format(g))
        score = parse_figure(s["printed"], number_format(s))
    except FigureError:
        return
    if not grade.grade or score.value is None:
        return
    expected = next(letter for letter, floor in GRADE_FLOORS if score.value > floor or floor == 0)
    lines = [int(g["source_line"]), int(s["source_line"])]
    same_score = grade.value is None or abs(grade.value - score.value) < 1e-9
    ok = expected == grade.grade and same_score
    out.add(check="fact", subject="akip grade and score", reported=g["printed"], recomputed=expected,
            severity="info" if ok else "error", lines=lines, table=f"{g['source_table']}; {s['source_table']}",
            formula=f"grade band of the score {shown(score.value)} (AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30)",
            message="the grade fits its score" if ok else
            f"the report prints grade {grade.grade} with score {s['printed']}, which earns {expected}")


def _staff_total(ctx: Context, meta: dict, out: Collector) -> None:
    """The staff count the text states against the printed totals of the staff tables."""
    if "staff_total" not in meta or not ctx.curated("staff"):
        return
    m = meta["staff_total"]
    stated = num(m["value"])
    if math.isnan(stated):
        return
    totals = [r for r in ctx.rows("staff") if flag(r.get("is_total")) and math.isclose(num(r["count"]), stated)]
    if totals:
        out.add(check="fact", subject="staff_total", reported=m["printed"], reported_value=stated, recomputed=stated,
                severity="info", lines=[int(m["source_line"]), figure_lines(totals[0], "count")[0]],
                table=f"{m['source_table']}; {totals[0]['source_table']}",
                formula="stated staff count vs the staff tables' printed totals",
                message="a staff table prints the same total")


def check_staff_repeats(ctx: Context, out: Collector) -> None:
    """The grand totals of the staff tables of one dimension (the last total row of each printed
    table, per column) against each other: one staff, one count."""
    grand: dict[tuple, list[dict]] = {}
    size: dict[tuple, int] = {}
    for row in ctx.rows("staff"):
        size[(row["source_table"], row["dimension"])] = size.get((row["source_table"], row["dimension"]), 0) + 1
        if flag(row.get("is_total")) and re.search(r"\btotal\b|^jumlah$|^$", text(row.get("subcategory")), re.I):
            grand.setdefault((row["source_table"], row["dimension"]), []).append(row)
    picks = {}
    for table, rows in grand.items():
        last = max(rows, key=lambda r: int(r["source_line"]))
        if re.search(r"jumlah|total|dari", text(last["category"]), re.I) and not math.isnan(num(last["count"])):
            picks[table] = last
    by_column: dict[str, list[dict]] = {}
    for row in picks.values():
        by_column.setdefault((row["dimension"], _norm(text(row.get("subcategory")))), []).append(row)
    for column, rows in by_column.items():
        if len(rows) < 2:
            continue
        # the reference is the total of the fullest table (the one that prints its parts)
        rows.sort(key=lambda r: (-size[(r["source_table"], r["dimension"])], int(r["source_line"])))
        first = rows[0]
        for other in rows[1:]:
            same = num(other["count"]) == num(first["count"])
            out.add(check="fact", subject=f"staff total ({text(first.get('subcategory')) or 'all'})",
                    reported=other["count_printed"], reported_value=num(other["count"]), recomputed=num(first["count"]),
                    severity="info" if same else "error",
                    lines=[figure_lines(first, "count")[0], figure_lines(other, "count")[0]],
                    table=f"{first['source_table']}; {other['source_table']}", unit="people",
                    formula="the staff tables' totals", key=("staff", column, num(other["count"])),
                    cell=(figure_lines(other, "count")[0], other["count_printed"]),
                    message="the staff tables give the same total" if same else
                    f"{first['source_table']} counts {first['count_printed']} staff, {other['source_table']} "
                    f"{other['count_printed']}")


def _same_body(a: str, b: str) -> bool:
    """Two printed names of one body: at least half their words shared."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


def check_benchmarks(ctx: Context, out: Collector) -> None:
    """A benchmark (one body's figure for one indicator and year) printed more than once: every
    printing against the first."""
    groups: dict[tuple, list[dict]] = {}
    for row in ctx.rows("benchmarks"):
        if text(row["value_printed"]):
            groups.setdefault((row["indicator_id"], row["year"], row["kind"], row["scope"]), []).append(row)
    for (ind, year, kind, scope), rows in groups.items():
        rows.sort(key=lambda r: int(r["source_line"]))
        first = rows[0]
        for other in rows[1:]:
            if not _same_body(text(first["body"]), text(other["body"])) or other["source_line"] == first["source_line"]:
                continue
            pa, pb = first["value_printed"], other["value_printed"]
            va, vb = num(first["value"]), num(other["value"])
            if math.isnan(va) or math.isnan(vb):
                continue
            ok = abs(va - vb) < 1e-9 or agrees(pa, va, vb, number_format(first)) or agrees(pb, vb, va, number_format(other))
            out.add(check="benchmark", subject=f"{ind} {year} {scope} {kind} ({first['body']})", reported=pb,
                    reported_value=vb, recomputed=va, severity="info" if ok else "error",
                    lines=[int(first["source_line"]), int(other["source_line"])],
                    table=f"{first['source_table']}; {other['source_table']}", formula="the same benchmark printed twice",
                    message="printed the same both times" if ok else
                    f"the {scope} {kind} is printed {pa} (line {first['source_line']}) and {pb} (line "
                    f"{other['source_line']})", key=(ind, year, kind, scope, vb))


TOTAL_CATEGORY = re.compile(r"^(jumlah|total)\b", re.IGNORECASE)


def check_staff_counts_twice(ctx: Context, out: Collector) -> None:
    """One staff count (same dimension, category and column) printed in two tables, e.g. a
    golongan counted in the text and in the golongan table: every other printing against the one
    in the fullest table. Grand totals are left to :func:`check_staff_repeats`."""
    size: dict[str, int] = {}
    groups: dict[tuple, list[dict]] = {}
    for row in ctx.rows("staff"):
        size[row["source_table"]] = size.get(row["source_table"], 0) + 1
        if TOTAL_CATEGORY.match(text(row["category"]).strip()) or math.isnan(num(row["count"])):
            continue
        key = (row["dimension"], _norm(text(row["category"])), _norm(text(row.get("subcategory"))))
        groups.setdefault(key, []).append(row)
    for (dimension, _, _subcategory), rows in groups.items():
        tables = {r["source_table"] for r in rows}
        if len(tables) < 2 or len(rows) != len(tables):
            continue
        rows.sort(key=lambda r: (-size[r["source_table"]], int(r["source_line"])))
        first = rows[0]
        for other in rows[1:]:
            same = num(other["count"]) == num(first["count"])
            l1, l2 = figure_lines(first, "count")[0], figure_lines(other, "count")[0]
            out.add(check="staff", subject=f"{dimension} {text(other['category'])}", reported=other["count_printed"],
                    reported_value=num(other["count"]), recomputed=num(first["count"]),
                    severity="info" if same else "error", lines=[l2, l1],
                    table=f"{other['source_table']}; {first['source_table']}", unit="people",
                    formula="the same count in two tables", cell=(l2, other["count_printed"]),
                    message="printed alike in both tables" if same else
                    f"{other['source_table']} counts {other['count_printed']} for {text(other['category'])} (line {l2}), "
                    f"{first['source_table']} {first['count_printed']} (line {l1})")


HIGHER = re.compile(r"\blebih\s+(tinggi|besar)\b|\bdi\s?atas\b|\bmelebihi\b", re.IGNORECASE)
LOWER = re.compile(r"\blebih\s+(rendah|kecil)\b|\bdi\s?bawah\b", re.IGNORECASE)
#: the agency's own figure for each kind of benchmark (indicator_results column)
AGENCY_FIGURE = {"realisasi": "realisasi", "target": "target", "capaian": "capaian_reported"}


def check_benchmark_arithmetic(ctx: Context, out: Collector) -> None:
    """A benchmark's own arithmetic: a body's printed capaian against its printed realisation and
    target (the standard formula for the indicator's polarity, KemenPAN), and a printed comparison
    with the agency (``gap`` with its words, 'lebih tinggi 8,76%') against the two figures: its size
    and its direction."""
    rows = ctx.rows("benchmarks")
    for row in rows:
        if row["kind"] == "capaian" and has(row["value"]):
            _body_capaian(ctx, out, row, rows)
        if has(row.get("gap")):
            _gap(ctx, out, row)


def _body_capaian(ctx: Context, out: Collector, row: dict, rows: list[dict]) -> None:
    def figure(kind: str) -> dict | None:
        return next((r for r in rows if r["kind"] == kind and has(r["value"]) and (r["indicator_id"], r["year"]) ==
                     (row["indicator_id"], row["year"]) and _same_body(text(r["body"]), text(row["body"]))), None)
    target, real = figure("target"), figure("realisasi")
    if target is None or real is None or not num(target["value"]):
        return
    polarity = text(ctx.defs.get(row["indicator_id"], {}).get("polarity")) or "higher"
    value = capaian_of(num(target["value"]), num(real["value"]), polarity)
    printed, reported = row["value_printed"], num(row["value"])
    how = agrees(printed, reported, value, number_format(row))
    line = figure_lines(row, "value")[0]
    out.add(check="benchmark", subject=f"{row['indicator_id']} {row['year']} {row['scope']} capaian ({row['body']})",
            reported=printed, reported_value=reported, recomputed=value, severity="info" if how else "error",
            lines=[line, figure_lines(real, "value")[0], figure_lines(target, "value")[0]], unit="points",
            table=row["source_table"], cell=(line, printed),
            formula=f"the body's realisation over its target: {real['value_printed']} / {target['value_printed']}",
            message=f"agrees ({how})" if how else
            f"printed {printed} as the body's capaian, but its realisation {real['value_printed']} over its target "
            f"{target['value_printed']} gives {shown(value)}")


def _gap(ctx: Context, out: Collector, row: dict) -> None:
    mine = next((r for r in ctx.rows("indicator_results") if is_canonical(r) and r["basis"] == "annual"
                 and (r["indicator_id"], r["year"]) == (row["indicator_id"], row["year"])), None)
    column = AGENCY_FIGURE.get(row["kind"])
    if mine is None or not has(mine.get(column)) or not has(row["value"]):
        return
    agency, body = num(mine[column]), num(row["value"])
    printed, reported = row["gap_printed"], num(row["gap"])
    size = abs(agency - body)
    words, subject = text(row.get("gap_words")), text(row.get("gap_subject"))
    said = "higher" if HIGHER.search(words) else "lower" if LOWER.search(words) else None
    described, other = (body, agency) if subject == "body" else (agency, body)
    wrong_way = said is not None and subject and described != other and (said == "higher") != (described > other)
    how = agrees(printed, reported, size, number_format(row))
    line = figure_lines(row, "gap")[0]
    who = row["body"] if subject == "body" else "the agency"
    lines = [line, figure_lines(row, "value")[0], figure_lines(mine, column)[0]]
    if how and not wrong_way:
        message, severity = f"agrees ({how})", "info"
    elif how:
        message, severity = (f"the report says {who}'s {row['kind']} is '{words}' by {printed}, but "
                             f"{shown(described)} is {'lower' if said == 'higher' else 'higher'} than "
                             f"{shown(other)} by {shown(size)}: the direction is reversed"), "error"
    else:
        message, severity = (f"printed {printed} as the difference between the agency's {row['kind']} "
                             f"{mine[f'{column}_printed']} and {row['body']}'s {row['value_printed']}, which is "
                             f"{shown(size)}"), "error"
    out.add(check="benchmark", subject=f"{row['indicator_id']} {row['year']} {row['kind']} against {row['body']}",
            reported=f"{words} {printed}".strip(), reported_value=reported, recomputed=size, severity=severity,
            lines=lines, unit="points", table=row["source_table"], cell=(line, printed),
            formula=f"|{shown(agency)} − {shown(body)}| (the agency's and the body's {row['kind']})", message=message)
