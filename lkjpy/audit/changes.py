"""Printed changes between years and tingkat kemajuan, against the printed realisations, and the
direction words printed with them."""

from __future__ import annotations

import math
import re

from ..progress import change_percent, change_points
from ..rows import figure_lines, has, num, number_format, numeric_realisations, row_unit_mismatch, text
from .context import Context
from .finding import Collector, agrees, shown

#: Indonesian words that state a direction of change (SAKIP narratives).
DOWN = re.compile(r"\b(penurunan|menurun|turun|berkurang|pengurangan)\b", re.IGNORECASE)
UP = re.compile(r"\b(kenaikan|meningkat|naik|peningkatan|bertambah|pertambahan)\b", re.IGNORECASE)


def _window(line: str, printed: str, year: int) -> str | None:
    """The text before the printing of a change on its line: from the previous printing of the same
    figure (or the line's start) to this one. When the figure is printed more than once, the
    printing whose text names the row's year; None when the figure is not on the line."""
    figure = printed.strip()
    starts, at = [], line.find(figure) if figure else -1
    while at >= 0:
        starts.append(at)
        at = line.find(figure, at + 1)
    windows = [line[(starts[i - 1] + len(figure)) if i else 0:s] for i, s in enumerate(starts)]
    if len(windows) == 1:
        return windows[0]
    return next((w for w in windows if str(year) in w), None)


def direction_word(line: str, printed: str, year: int) -> str | None:
    """``up`` or ``down``: the last direction word printed before the change on its line, else None."""
    window = _window(line, printed, year)
    if window is None:
        return None
    down, up = list(DOWN.finditer(window)), list(UP.finditer(window))
    if not down and not up:
        return None
    last_down = down[-1].start() if down else -1
    last_up = up[-1].start() if up else -1
    return "down" if last_down > last_up else "up"


def check_changes(ctx: Context, out: Collector) -> None:
    """Printed year-over-year changes and 'tingkat kemajuan' against the printed realisations."""
    real = numeric_realisations(ctx.rows("indicator_results"))
    kinds: dict[str, list[tuple[str, dict]]] = {}
    for row in ctx.rows("indicator_results"):
        for fig, label in (("change_reported", "change"), ("progress_reported", "tingkat kemajuan")):
            printed, reported = text(row[f"{fig}_printed"]), num(row[fig])
            if not printed or math.isnan(reported):
                continue
            kind = _check_one(ctx, out, real, row, fig, label, printed, reported)
            if kind and fig == "change_reported":
                kinds.setdefault(row["source_table"], []).append((kind, row))
    for table, seen in kinds.items():
        _check_mixed(out, table, seen)


def _check_one(ctx, out, real, row, fig, label, printed, reported) -> str | None:
    """Check one printed change; return the reading it follows (``points`` or ``percent``) when
    exactly one kind of reading reproduces it."""
    ind, year = row["indicator_id"], int(row["year"])
    here = real.get((ind, year))
    r_now = num(row["realisasi"]) if has(row["realisasi"]) and not row_unit_mismatch(row) else (
        num(here["realisasi"]) if here is not None else math.nan)
    readings = {}
    for (i, y), before in sorted(real.items()):
        if i == ind and y < year:
            r0 = num(before["realisasi"])
            readings[f"points since {y}"] = (change_points(r0, r_now), figure_lines(before, "realisasi"), r0)
            readings[f"percent since {y}"] = (change_percent(r0, r_now), figure_lines(before, "realisasi"), r0)
    if fig == "progress_reported" and has(row["target"]) and num(row["target"]):
        readings["capaian against the target"] = (num(row["realisasi"]) / num(row["target"]) * 100, [], math.nan)
    signed = (lambda x: x) if fig == "progress_reported" else abs
    fmt = number_format(row)
    match = [(k, v, ln, r0) for k, (v, ln, r0) in readings.items()
             if not math.isnan(v) and agrees(printed, signed(reported), signed(v), fmt)]
    subject = f"{ind} {year} {label}"
    lines = figure_lines(row, fig, "realisasi")
    common = dict(check="change", subject=subject, reported=printed, reported_value=reported,
                  table=row["source_table"], unit="points", cell=(figure_lines(row, fig)[0], printed))
    if match:
        k, v, ln, r0 = match[0]
        out.add(**common, recomputed=v, severity="info", lines=lines + ln, formula=k, message=f"agrees read as the {k}")
        _check_direction(ctx, out, row, fig, printed, r0, r_now, lines + ln, subject)
        kinds = {k.split()[0] for k, *_ in match}
        if fig == "change_reported" and kinds == {"points"} and "%" in printed:
            relative = readings.get(k.replace("points", "percent"), (math.nan,))[0]
            if not math.isnan(relative):
                out.add(**{**common, "key": (row["source_table"], "points as percent"),
                           "subject": f"{ind} {year} change"}, recomputed=v, severity="warning",
                        lines=lines + ln, formula=k,
                        message=f"{printed} is a change of {shown(abs(v))} points printed with a % sign (as a "
                                f"relative change it is {shown(relative)} %); the table prints its changes so")
        return kinds.pop() if len(kinds) == 1 else None
    elif readings and not math.isnan(r_now):
        out.add(**common, severity="error", lines=lines,
                formula="; ".join(f"{k} = {shown(v)}" for k, (v, *_) in readings.items()),
                message=f"printed {printed}, which is none of the readings of the printed realisations "
                        f"({'; '.join(f'{k} {shown(v)}' for k, (v, *_) in readings.items())})")
    elif not readings or math.isnan(r_now):
        out.add(**common, severity="unverifiable", lines=lines,
                message="cannot be recomputed: no earlier realisation in the indicator's unit is printed")


def _check_direction(ctx, out, row, fig, printed, r0, r_now, lines, subject) -> None:
    """A direction word printed with a change ('penurunan' for a fall) against the figures."""
    if math.isnan(r0) or math.isnan(r_now) or r0 == r_now or not ctx.agency.source_lines:
        return
    line_no = figure_lines(row, fig)[0]
    if line_no > len(ctx.agency.source_lines):
        return
    word = direction_word(ctx.agency.line(line_no), printed, int(row["year"]))
    if word is None:
        return
    actual = "up" if r_now > r0 else "down"
    out.add(check="direction", subject=subject, reported=printed, recomputed=r_now - r0,
            cell=(figure_lines(row, fig)[0], printed), severity="info" if word == actual else "error", lines=lines,
            table=row["source_table"], formula=f"{shown(r0)} → {shown(r_now)}",
            message=f"the text calls it a {'rise' if word == 'up' else 'fall'} and the figures agree" if word == actual
            else f"the text calls the change a {'rise' if word == 'up' else 'fall'}, but the realisation went "
                 f"{'up' if actual == 'up' else 'down'} from {shown(r0)} to {shown(r_now)}",
            key=(row["indicator_id"], row["year"], "direction"))


def _check_mixed(out: Collector, table: str, seen: list[tuple[str, dict]]) -> None:
    """One table's printed changes that follow different readings: points in one row, a relative
    change (percent) in another."""
    points = [r for k, r in seen if k == "points"]
    percent = [r for k, r in seen if k == "percent"]
    if not points or not percent:
        return
    p, q = points[0], percent[0]
    out.add(check="change", subject=f"{table} changes", reported=text(q["change_reported_printed"]), severity="warning",
            lines=[figure_lines(r, "change_reported")[0] for _, r in seen], table=table,
            message=f"the table mixes methods: {p['indicator_id']} {p['year']} is printed as a change in points, "
                    f"{q['indicator_id']} {q['year']} as a relative change (percent)", key=(table, "mixed"))
