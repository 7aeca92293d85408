"""Totals of the curated count tables (staff, context series) against their parts.

The structure comes from the tables themselves: the rows of one printed table (same source
table, series or dimension, year and unit) in printed order; ``is_total`` marks total cells. A
*total row* is a row whose every cell is a total: it adds up the part rows printed under it up
to the next total row (a heading subtotal), or, when printed after its parts, every part row of
the table (the table's total). Across a row, a cell whose column label ends in a total word
(``Total``, ``Jumlah``, ``Jml``) adds up the part cells whose label starts like it (``ASN Total``
= ``ASN L`` + ``ASN P``), or the other labelled totals of the row (``Total`` = ``Dalam Negeri
Jml`` + ``Luar Negeri Jml``). A dash counts as none; a blank part leaves the total unchecked.
"""

from __future__ import annotations

import bisect
import math
import re

from ..rows import figure_lines, flag, missing_status, num, number_format, text
from .context import Context
from .finding import Collector, agrees, shown, tolerance

TOTAL_WORD = re.compile(r"(?:^|\s)(total|jumlah|jml\.?)$", re.IGNORECASE)
#: (table, figure column, grouping column) of the curated count tables
COUNT_TABLES = (("staff", "count", "dimension"), ("context", "value", "series_id"))


def _value(row: dict, fig: str) -> float:
    """A part's value: its number, 0 for a printed dash, NaN when blank or unreadable."""
    value = num(row[fig])
    if math.isnan(value) and missing_status(row[f"{fig}_printed"], number_format(row)) == "dash":
        return 0.0
    return value


def _printed_table(rows: list[dict], group: str) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["source_table"], row[group], row.get("year"), text(row.get("unit")))
        out.setdefault(key, []).append(row)
    return out


def _row_key(row: dict) -> tuple:
    return (text(row["category"]), int(row["source_line"]))


def check_totals(ctx: Context, out: Collector) -> None:
    """Printed totals of the staff and context tables against the sum of their printed parts."""
    for table, fig, group in COUNT_TABLES:
        for key, cells in _printed_table(ctx.rows(table), group).items():
            _down(out, table, fig, key, cells)
            _across(out, table, fig, key, cells)


#: Rows of one printed table lie at most this many lines apart (a page break included).
MAX_GAP = 8


def _blocks(cells: list[dict]) -> list[list[dict]]:
    """The cells of a group split into printed tables: runs of rows on nearby lines (a narrative
    that states counts in several paragraphs is not one table)."""
    out: list[list[dict]] = []
    last = None
    for c in sorted(cells, key=lambda c: int(c["source_line"])):
        line = int(c["source_line"])
        if last is None or line - last > MAX_GAP:
            out.append([])
        out[-1].append(c)
        last = line
    return out


def _down(out: Collector, table: str, fig: str, key: tuple, cells: list[dict]) -> None:
    for block in _blocks(cells):
        rows: dict[tuple, list[dict]] = {}
        for c in block:
            rows.setdefault(_row_key(c), []).append(c)
        order = list(rows)
        is_total = {k: all(flag(c.get("is_total")) for c in rows[k]) for k in order}
        if not any(is_total.values()) or all(is_total.values()):
            continue
        headings = len(order) > 1 and is_total[order[0]] and not is_total[order[1]]
        if not headings:
            _restated(out, table, fig, key, order, rows, is_total)
        for i, k in enumerate(order):
            if not is_total[k]:
                continue
            readings = _readings(order, is_total, i, headings)
            beside_parts = any(0 <= j < len(order) and not is_total[order[j]] for j in (i - 1, i + 1))
            for cell in rows[k]:
                col = text(cell.get("subcategory"))
                options = [(what, [c for p in parts for c in rows[p] if text(c.get("subcategory")) == col])
                           for what, parts in readings]
                _compare_readings(out, table, fig, key, cell, options, percent=text(cell.get("unit")) == "%",
                                  judge=beside_parts)


def _restated(out: Collector, table: str, fig: str, key: tuple, order: list, rows: dict, is_total: dict) -> None:
    """One whole listed twice in one printed block: two totals of the same column, each printed
    after its own parts and adding them up, whose parts name different categories (two breakdowns
    of one whole, e.g. a team listed by position and then counted by status), no later total
    adding the two up. They must agree; the first list is the reference."""
    columns = {text(c.get("subcategory")) for k in order for c in rows[k]}
    for col in columns:
        listed = []
        parts: list = []
        for k in order:
            cell = next((c for c in rows[k] if text(c.get("subcategory")) == col), None)
            if cell is None:
                continue
            if not is_total[k]:
                parts.append(cell)
                continue
            if parts and _adds_up(cell, fig, parts, False):
                listed.append((cell, parts))
            parts = []
        if len(listed) != 2:
            continue
        (first, p1), (second, p2) = listed
        names1, names2 = ({_norm(text(c.get("category"))) for c in p} for p in (p1, p2))
        v1, v2 = num(first[fig]), num(second[fig])
        if names1 & names2 or v1 == v2:
            continue
        l1, l2 = figure_lines(first, fig)[0], figure_lines(second, fig)[0]
        whole = col or text(first.get("category"))
        out.add(check="table_total", subject=f"{key[1]} {whole} (stated twice)".strip(),
                reported=text(second[f"{fig}_printed"]), reported_value=v2, recomputed=v1, severity="error",
                lines=[l2, l1] + [figure_lines(c, fig)[0] for c in p1], table=key[0],
                unit=text(first.get("unit")) or "people", formula="the same whole in two breakdowns",
                message=f"{whole} is counted as {second[f'{fig}_printed']} (line {l2}: "
                        f"{' + '.join(shown(_value(c, fig)) for c in p2)}) but listed as {first[f'{fig}_printed']} "
                        f"(line {l1}: {' + '.join(shown(_value(c, fig)) for c in p1)})",
                key=(table, "restated", l2, v2), cell=(l2, text(second[f"{fig}_printed"])))


def _readings(order: list, is_total: dict, i: int, headings: bool) -> list[tuple[str, list]]:
    """The part rows a total row may add up, most plausible first: for the last row, every part
    row of the table, then the other total rows (its subtotals); in a table whose subtotals head
    their parts (its first row is a total followed by parts), the rows up to the next total; else
    the part rows printed since the previous total."""
    after, before = [], []
    for k in order[i + 1:]:
        if is_total[k]:
            break
        after.append(k)
    for k in reversed(order[:i]):
        if is_total[k]:
            break
        before.insert(0, k)
    leaves = [k for k in order if not is_total[k]]
    subtotals = [k for k in order if is_total[k] and k != order[i]]
    heading = bool(after) and (headings or i == 0 or is_total[order[i - 1]])
    out = []
    if i == len(order) - 1:
        out += [("the table's rows", leaves), ("the table's subtotals", subtotals)]
    if heading:
        out.append((f"the rows under '{order[i][0]}'", after))
    if before:
        out.append(("the rows above it", before))
    if after and not heading:
        out.append((f"the rows under '{order[i][0]}'", after))
    return [(what, parts) for what, parts in out if parts]


def _across(out: Collector, table: str, fig: str, key: tuple, cells: list[dict]) -> None:
    rows: dict[tuple, list[dict]] = {}
    for c in cells:
        rows.setdefault(_row_key(c), []).append(c)
    for k, row in rows.items():
        labelled = [c for c in row if TOTAL_WORD.search(text(c.get("subcategory")))]
        for total in labelled:
            prefix = TOTAL_WORD.sub("", text(total["subcategory"])).strip()
            if prefix:
                members = [c for c in row if c is not total and not TOTAL_WORD.search(text(c.get("subcategory")))
                           and text(c.get("subcategory")).startswith(prefix + " ")]
            else:
                members = [c for c in labelled if c is not total] or [
                    c for c in row if c is not total and not TOTAL_WORD.search(text(c.get("subcategory")))]
            if len(members) >= 2:
                _compare(out, table, fig, key, total, members, f"the columns of '{k[0]}'",
                         percent=text(total.get("unit")) == "%")


def _compare_readings(out: Collector, table: str, fig: str, key: tuple, total: dict,
                      options: list[tuple[str, list[dict]]], percent: bool, judge: bool = True) -> None:
    """A total against the first reading of its parts that adds up, else (when the total is
    printed beside parts, so that its parts are known) against the first reading."""
    options = [(what, parts) for what, parts in options if parts]
    if not options:
        return
    for what, parts in options:
        if _adds_up(total, fig, parts, percent):
            _compare(out, table, fig, key, total, parts, what, percent)
            return
    if judge:
        _compare(out, table, fig, key, total, options[0][1], options[0][0], percent)


def _adds_up(total: dict, fig: str, parts: list[dict], percent: bool) -> bool:
    values = [_value(p, fig) for p in parts]
    if any(math.isnan(v) for v in values) or math.isnan(num(total[fig])):
        return False
    value, reported = sum(values), num(total[fig])
    return bool(agrees(total[f"{fig}_printed"], reported, value, number_format(total))) or (
        percent and abs(reported - value) <= 0.5 * len(parts))


def _compare(out: Collector, table: str, fig: str, key: tuple, total: dict, parts: list[dict], what: str,
             percent: bool) -> None:
    printed, reported = text(total[f"{fig}_printed"]), num(total[fig])
    values = [_value(p, fig) for p in parts]
    if not parts or math.isnan(reported) or any(math.isnan(v) for v in values):
        return
    value = sum(values)
    ok = _adds_up(total, fig, parts, percent)
    name = " ".join(x for x in (text(total.get("category")), text(total.get("subcategory"))) if x)
    line = figure_lines(total, fig)[0]
    lines = [line] + [figure_lines(p, fig)[0] for p in parts]
    wrong = None if ok or not percent else _wrong_count_beside(out, line, reported, value, len(parts))
    if wrong is not None:
        merged = out.add(check="table_total", subject=wrong.subject, reported=printed, severity="error", lines=lines,
                         table=key[0], message="", cell=(line, wrong.reported))
        merged.message += (f"; the share printed beside it ({printed}, line {line}) is this count over the whole, "
                           f"and its parts add up to {shown(value)} for the same reason")
        return
    out.add(check="table_total", subject=f"{key[1]} {name}".strip(), reported=printed, reported_value=reported,
            recomputed=value, severity="info" if ok else "error", lines=lines, table=key[0],
            unit="points" if percent else text(total.get("unit")) or "people",
            formula=f"sum of {what}: {' + '.join(shown(v) for v in values)}",
            message="the total adds up" if ok else f"printed {printed} as the total of {what}, but they add up to "
                                                   f"{shown(value)}",
            key=(table, line, printed), cell=(line, printed))


def _wrong_count_beside(out: Collector, line: int, share: float, share_parts: float, n_parts: int):
    """The count total printed on the same line that a share total follows, when that count was
    already found not to add up: the share is printed count / whole, and its parts are the parts'
    counts over the same whole, so share / count = share parts / count parts (within the rounding of
    the printed parts). None when no such count is accused."""
    for found in out.on_line(line):
        if found.check != "table_total" or found.unit == "points" or not found.recomputed_value:
            continue
        expected = found.reported_value * share_parts / found.recomputed_value
        if abs(expected - share) <= 0.5 * (n_parts + 1):
            return found
    return None


# --- percentages: the ratio a column follows ------------------------------------------------------

def _label(table: str, row: dict) -> str:
    return " / ".join(x for x in (text(row.get("series_id") or row.get("dimension")), text(row.get("subcategory"))) if x)


def check_shares(ctx: Context, out: Collector) -> None:
    """Each printed percentage column (a context series in %) against the ratio its rows follow:
    a count printed on the same line over another count on that line, or over a total the table
    prints. The ratio is read from the column itself (the pair of figures that reproduces most of
    its rows, at least two); a row it does not reproduce is an error. In a sentence that lists
    several counts with their shares ('18 pegawai (37%)'), a share's count is the one printed for
    its own category, and the whole the sentence states on its line reproduces it too. The same
    share printed in two places, rounded in one and truncated in the other, is a warning."""
    counts: dict[tuple[str, int], list[tuple[str, float, dict]]] = {}
    totals: dict[str, list[tuple[float, dict]]] = {}
    for table, fig, _ in COUNT_TABLES:
        for row in ctx.rows(table):
            if text(row.get("unit")) == "%" or math.isnan(_value(row, fig)):
                continue
            counts.setdefault((row["source_table"], int(row["source_line"])), []).append((_label(table, row), _value(row, fig), row))
            if flag(row.get("is_total")):
                totals.setdefault(row["source_table"], []).append((_value(row, fig), row))
    columns: dict[tuple, list[dict]] = {}
    for row in ctx.rows("context"):
        if text(row.get("unit")) == "%" and not math.isnan(num(row["value"])):
            columns.setdefault((row["source_table"], row["series_id"], text(row.get("subcategory"))), []).append(row)
    agreed: dict[tuple, list[tuple[dict, float, str]]] = {}
    peers = [c for cells in columns.values() for c in cells]
    for (source_table, _, _), cells in columns.items():
        _check_column(out, cells, counts, totals.get(source_table, []), agreed, peers)
    _printed_twice(out, agreed)


OWN = "own count"


def _candidates(cell: dict, counts: dict, totals: list) -> dict[tuple, tuple[float, dict, dict]]:
    """Every ratio ``a / b × 100`` a cell could be: a and b counts printed on its line, or a over a
    printed total of its table (keyed by its value); keyed by the columns (or total) they come
    from. Where several counts on the line share a column (a sentence listing counts), the count
    of the cell's own category is the numerator ``OWN``, and a total on the line the denominator."""
    here = counts.get((cell["source_table"], int(cell["source_line"])), [])
    labels = [la for la, _, _ in here]
    own = _norm(text(cell.get("category")))
    ordered = sorted(here, key=lambda h: flag(h[2].get("is_total")))
    out = {}

    def name(label: str, row: dict) -> str | None:
        if labels.count(label) < 2:
            return label
        return OWN if _norm(text(row.get("category"))) == own else None

    for la, a, ra in here:
        na = name(la, ra)
        if na is None:
            continue
        for lb, b, rb in ordered:
            if rb is ra or not b or (na != OWN and la == lb):
                continue
            nb = lb if labels.count(lb) < 2 or flag(rb.get("is_total")) else None
            if nb is not None:
                out[(na, nb)] = (a / b * 100, ra, rb)
        for t, rt in totals:
            if t and rt is not ra:
                out.setdefault((na, ("total", t)), (a / t * 100, ra, rt))
    return out


def _ratio_words(key: tuple, cell: dict, counts: dict) -> str:
    """``a over b`` in words: the columns (or the count printed with the share) and the total."""
    a, b = key
    if a == OWN:
        own = next((r for _, _, r in counts.get((cell["source_table"], int(cell["source_line"])), [])
                    if _norm(text(r.get("category"))) == _norm(text(cell.get("category")))), None)
        a = f"the count printed with it ({own.get('count_printed') or own.get('value_printed')})" if own else a
    return f"{a} over {b[1]:g}" if isinstance(b, tuple) else f"{a} over {b}"


def _count_line(row: dict) -> int:
    return figure_lines(row, "value" if "value" in row else "count")[0]


def _own_whole(key: tuple) -> bool:
    """A share's own count over a total printed on its line (the whole a sentence states)."""
    return key[0] == OWN and not isinstance(key[1], tuple)


def _check_column(out: Collector, cells: list[dict], counts: dict, totals: list, agreed: dict,
                  peers: list[dict]) -> None:
    options = [(c, _candidates(c, counts, totals)) for c in cells]
    score: dict[tuple, int] = {}
    for cell, cands in options:
        for k, (v, _, _) in cands.items():
            if agrees(cell["value_printed"], num(cell["value"]), v, number_format(cell)):
                score[k] = score.get(k, 0) + 1
    if not score:
        return
    best, hits = max(score.items(), key=lambda kv: kv[1])
    judged = [(c, cands, cands[best]) for c, cands in options if best in cands]
    if hits < 2 or hits < 0.6 * len(judged):
        return
    for cell, cands, (value, ra, rb) in judged:
        printed, fmt = cell["value_printed"], number_format(cell)
        lines = [_count_line(ra), _count_line(rb)]
        what = _ratio_words(best, cell, counts)
        ok = agrees(printed, num(cell["value"]), value, fmt)
        how = what
        if not ok:  # the whole its own sentence states
            whole = next(((k, v) for k, v in cands.items() if _own_whole(k) and agrees(printed, num(cell["value"]), v[0], fmt)), None)
            if whole:
                (value, ra, rb) = whole[1]
                lines = [_count_line(ra), _count_line(rb)]
                how, ok = _ratio_words(whole[0], cell, counts), agrees(printed, num(cell["value"]), value, fmt)
        line = figure_lines(cell, "value")[0]
        if not ok and _follows_a_wrong_count(out, cell, counts, value, lines):
            continue
        if ok:
            agreed.setdefault((cell["series_id"], cell.get("year"), _norm(text(cell.get("category"))), round(value, 6)),
                              []).append((cell, value, ok))
        found = out.add(check="share", subject=f"{cell['series_id']} {text(cell.get('year'))} {text(cell.get('category'))} "
                        f"{text(cell.get('subcategory'))}".replace("  ", " ").strip(), reported=printed,
                        reported_value=num(cell["value"]), recomputed=value, severity="info" if ok else "error",
                        lines=[line] + lines, table=cell["source_table"], unit="points",
                        formula=f"{how} × 100, the ratio the column's other rows follow",
                        message=f"agrees ({ok})" if ok else
                        f"printed {printed}, but the ratio the column follows ({what} × 100) gives {shown(value)}",
                        cell=(line, printed))
        if not ok:
            _say_what_it_repeats(found, cell, peers)


def _follows_a_wrong_count(out: Collector, cell: dict, counts: dict, value: float, lines: list[int]) -> bool:
    """A share printed with its own count (a sentence's 'N pegawai (P%)') whose count was already
    found wrong, and which is the count it should have been over the same whole: one problem, folded
    into the count's finding."""
    own = next((r for _, _, r in counts.get((cell["source_table"], int(cell["source_line"])), [])
                if _norm(text(r.get("category"))) == _norm(text(cell.get("category")))), None)
    if own is None or not value:
        return False
    printed_count = text(own.get("count_printed") or own.get("value_printed"))
    whole = _value(own, "count" if "count" in own else "value") / value * 100
    for found in out.on_line(_count_line(own)):
        if found.reported != printed_count or math.isnan(found.recomputed_value) or not whole:
            continue
        should = found.recomputed_value / whole * 100
        if agrees(cell["value_printed"], num(cell["value"]), should, number_format(cell)):
            line = figure_lines(cell, "value")[0]
            merged = out.add(check=found.check, subject=found.subject, reported=cell["value_printed"], severity="error",
                             lines=[line, *lines], table=cell["source_table"], message="",
                             cell=(_count_line(own), printed_count))
            merged.message += (f"; the share printed with it, {cell['value_printed']}, is the other count over the "
                               f"same whole ({shown(found.recomputed_value)} / {shown(whole)} × 100 = {shown(should)})")
            return True
    return False


def _say_what_it_repeats(found, cell: dict, peers: list[dict]) -> None:
    """A wrong share that another table prints, for the same series, year and category, with the
    same value: the verdict says so (a share copied from a table whose count differs)."""
    same = next((p for p in peers if p is not cell and p["source_table"] != cell["source_table"]
                 and p["series_id"] == cell["series_id"] and p.get("year") == cell.get("year")
                 and num(p["value"]) == num(cell["value"]) and _same_category(p, cell)), None)
    if same is not None and found.check == "share" and "is the share" not in found.message:
        line = figure_lines(same, "value")[0]
        found.message += (f"; {cell['value_printed']} is the share {same['source_table']} prints for "
                          f"{text(same.get('category'))} (line {line})")


def _same_category(a: dict, b: dict) -> bool:
    return _norm(text(a.get("category"))) == _norm(text(b.get("category")))


def _printed_twice(out: Collector, agreed: dict) -> None:
    """One share (same series, year, category and ratio) printed differently in two places, each
    the ratio at its printed precision (one rounded, the other truncated): a warning."""
    for (series, year, _, value), cells in agreed.items():
        if len({num(c["value"]) for c, _, _ in cells}) < 2:
            continue
        cells.sort(key=lambda c: int(c[0]["source_line"]))
        (first, _, how1), *rest = cells
        for other, _, how2 in rest:
            if num(other["value"]) == num(first["value"]):
                continue
            l1, l2 = figure_lines(first, "value")[0], figure_lines(other, "value")[0]
            out.add(check="share", subject=f"{series} {text(year)} {text(first.get('category'))} (printed twice)",
                    reported=other["value_printed"], reported_value=num(other["value"]), recomputed=value,
                    severity="warning", lines=[l1, l2], table=f"{first['source_table']}; {other['source_table']}",
                    unit="points", formula="the same share in two places",
                    message=f"the report prints one share, {shown(value)} %, two ways: {first['value_printed']} (line "
                            f"{l1}, {how1}) and {other['value_printed']} (line {l2}, {how2}), each the ratio of the "
                            "same counts at its printed precision",
                    key=("twice", series, year, value))


# --- the same figure printed in two tables ---------------------------------------------------------

def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def check_repeats(ctx: Context, out: Collector) -> None:
    """A context figure (one series, year and label) printed in two tables: each printing after
    the first against it (equal, or the same figure rounded or truncated)."""
    groups: dict[tuple, list[dict]] = {}
    for row in ctx.rows("context"):
        label = _norm(f"{text(row.get('category'))} {text(row.get('subcategory'))}")
        groups.setdefault((row["series_id"], row.get("year"), label), []).append(row)
    for (series, year, _), rows in groups.items():
        tables = {r["source_table"] for r in rows}
        if len(tables) < 2 or len(rows) != len(tables):
            continue
        rows.sort(key=lambda r: int(r["source_line"]))
        first = rows[0]
        for other in rows[1:]:
            pa, pb, va, vb = first["value_printed"], other["value_printed"], num(first["value"]), num(other["value"])
            if math.isnan(va) or math.isnan(vb):
                continue
            ok = va == vb or agrees(pa, va, vb, number_format(first)) or agrees(pb, vb, va, number_format(other))
            out.add(check="versions", subject=f"{series} {text(year)}".strip(), reported=pb, reported_value=vb,
                    recomputed=va, severity="info" if ok else "error",
                    lines=[figure_lines(first, "value")[0], figure_lines(other, "value")[0]],
                    table=f"{first['source_table']}; {other['source_table']}", unit="points" if text(first.get("unit")) == "%" else text(first.get("unit")),
                    formula="the same figure in two tables",
                    message="printed alike in both tables" if ok else
                    f"printed {pa} in {first['source_table']} and {pb} in {other['source_table']}",
                    key=("context", series, year, vb), cell=(figure_lines(other, "value")[0], pb))


# --- a share out of its series' range ----------------------------------------------------------------------

def check_share_range(ctx: Context, out: Collector) -> None:
    """A percentage series printed year by year whose one year exceeds 100 while every other year
    is a share (at most 100): an error. When two counts printed for that year give the figure as
    ``a / b × 100``, the verdict says so and recomputes the share the other years print,
    ``a / (a + b) × 100`` (a part within the whole of the two)."""
    series: dict[tuple, list[dict]] = {}
    for row in ctx.rows("context"):
        if text(row.get("unit")) == "%" and not math.isnan(num(row["value"])) and not math.isnan(num(row.get("year"))):
            key = (row["source_table"], row["series_id"], text(row.get("category")), text(row.get("subcategory")))
            series.setdefault(key, []).append(row)
    for rows in series.values():
        above = [r for r in rows if num(r["value"]) > 100]
        if len(above) != 1 or len(rows) - 1 < 2:
            continue
        cell = above[0]
        others = sorted(num(r["value"]) for r in rows if r is not cell)
        printed, reported, line = cell["value_printed"], num(cell["value"]), figure_lines(cell, "value")[0]
        pair = _ratio_of_counts(ctx, cell)
        common = dict(check="share", subject=f"{cell['series_id']} {cell['year']}", reported=printed,
                      reported_value=reported, severity="error", table=cell["source_table"], unit="points",
                      cell=(line, printed))
        span = f"{shown(others[0])}-{shown(others[-1])}"
        if pair is None:
            out.add(**common, lines=[line], formula="a share is at most 100",
                    message=f"printed {printed} % where the series' other years are shares of {span} %")
            continue
        (a, ra), (b, rb) = pair
        out.add(**common, recomputed=a / (a + b) * 100, lines=[line, _count_line(ra), _count_line(rb)],
                formula=f"{shown(a)} / ({shown(a)} + {shown(b)}) × 100",
                message=f"printed {printed} % where the series' other years are shares of {span} %; {printed} is "
                        f"{ra['value_printed']} / {rb['value_printed']} × 100 ({_name(ra)} over {_name(rb)}, "
                        f"{_lines_words(ra, rb)}), a ratio, and as a share of the two it is "
                        f"{shown(a / (a + b) * 100)} %")


def _lines_words(*rows: dict) -> str:
    lines = list(dict.fromkeys(_count_line(r) for r in rows))
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"


def _name(row: dict) -> str:
    return " ".join(x for x in (text(row.get("category")), text(row.get("subcategory"))) if x) or row["series_id"]


def _ratio_of_counts(ctx: Context, cell: dict):
    """Two counts printed for the cell's year whose ratio × 100 is its printed figure (printed
    totals first). Each numerator looks up its denominators by value (bisection), not pair by pair."""
    year = num(cell.get("year"))
    counts = [(num(r["value"]), r) for r in ctx.rows("context") if num(r.get("year")) == year
              and text(r.get("unit")) != "%" and not math.isnan(num(r["value"])) and num(r["value"]) > 0]
    counts.sort(key=lambda c: not flag(c[1].get("is_total")))
    by_value = sorted(counts, key=lambda c: c[0])
    values = [v for v, _ in by_value]
    printed, reported, fmt = cell["value_printed"], num(cell["value"]), number_format(cell)
    tol = 2 * tolerance(printed, fmt)
    if reported <= tol:
        return None
    for a, ra in counts:
        lo, hi = a * 100 / (reported + tol), a * 100 / (reported - tol)
        matches = by_value[bisect.bisect_left(values, lo):bisect.bisect_right(values, hi)]
        matches.sort(key=lambda c: not flag(c[1].get("is_total")))
        for b, rb in matches:
            if b != a and agrees(printed, reported, a / b * 100, fmt):
                return (a, ra), (b, rb)
    return None
