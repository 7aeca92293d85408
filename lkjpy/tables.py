"""Read and validate one curated CSV table against its spec; every problem names file, row, column."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem
from .parse import BLANK, FigureError, parse_figure, parse_number
from .registry import YEAR_RANGE
from .schema import META_GRADES, META_NUMBERS, Table
from .text import MAX_FIELD_CHARS, forbidden_character

MAX_FILE_BYTES = 20_000_000
#: Largest whole number a cell may hold (line numbers, years, bands): beyond it a typo, not data.
MAX_WHOLE_NUMBER = 999_999_999
_LINE_RE = re.compile(r"[0-9]+")
_LINES_RE = re.compile(r"([0-9]+)(?:-([0-9]+))?")
# A cell longer than the csv module's default limit must reach the located length check below.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
_MARKUP_RE = re.compile(r"</?(?:u|i|b|em|strong|sup|sub)>|\*\*|\*|\\")
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1"), ("false", "no", "0")


def normalise_text(text: str) -> str:
    """Text as compared for provenance: markup (``<u>``, ``**``, ``*``) dropped, spaces folded."""
    return " ".join(_MARKUP_RE.sub("", text).split())


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and numbered rows of a UTF-8 CSV file, or a DataError naming what is wrong.

    Row N is the N-th row under the header (line N+1 of a spreadsheet); blank rows are skipped.
    """
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(Problem(path, f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(Problem(path, "file starts with a byte-order mark (BOM); save it as plain UTF-8 "
                                "without BOM", row=None))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(Problem(path, f"not UTF-8 text: byte {raw[exc.start]:#04x} on line {line}; "
                                "save the file as UTF-8")) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataError(Problem(path, f"malformed CSV near line {reader.line_num}: {exc}")) from None
    if not rows:
        raise DataError(Problem(path, "file is empty; it needs at least a header row"))
    header = [h.strip() for h in rows[0]]
    problems = [Problem(path, f"column name appears twice in the header (positions {header.index(h) + 1} and {i})",
                        column=h) for i, h in enumerate(header, start=1) if header.index(h) + 1 != i]
    if problems:
        raise DataError(problems)
    out = []
    for n, cells in enumerate(rows[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(path, cell_count_message(cells, header), row=n))
            continue
        out.append((n, dict(zip(header, cells))))
    if problems:
        raise DataError(problems)
    return header, out


def cell_count_message(cells: list[str], header: list[str]) -> str:
    """What is wrong with a row of the wrong length: its extra cells, or the columns it lacks."""
    head = f"has {len(cells)} cells, the header has {len(header)}"
    if len(cells) > len(header):
        extra = ", ".join(repr(c) for c in cells[len(header):])
        return f"{head}: extra cell(s) {extra} after column '{header[-1]}' (a comma inside a cell needs quotes)"
    return f"{head}: no cell for column(s) {', '.join(header[len(cells):])}"


def _convert(value: str, kind: str) -> object:
    """Convert one non-empty cell to its column type; ValueError with the expectation otherwise."""
    if kind == "int" or kind == "line":
        if not _LINE_RE.fullmatch(value):
            raise ValueError(f"expected a whole number, got {value!r}")
        if len(value.lstrip("0")) > len(str(MAX_WHOLE_NUMBER)) or int(value) > MAX_WHOLE_NUMBER:
            raise ValueError(f"a number of {len(value)} digits is too large here (at most {MAX_WHOLE_NUMBER})")
        number = int(value)
        if kind == "line" and number < 1:
            raise ValueError("line numbers start at 1")
        return number
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"expected a plain number with '.' as decimal point, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number, got {value!r}")
        return number
    if kind == "bool":
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ValueError(f"expected true or false, got {value!r}")
    if kind == "lines":
        m = _LINES_RE.fullmatch(value)
        if not m:
            raise ValueError(f"expected a line N or a range N-M, got {value!r}")
        first, last = (_convert(g, "line") for g in (m.group(1), m.group(2) or m.group(1)))
        if last < first:
            raise ValueError(f"expected a line N or a range N-M, got {value!r}")
        return value
    return value


def line_span(value: object) -> tuple[int, int]:
    """First and last line of a ``N`` or ``N-M`` citation."""
    first, _, last = str(value).partition("-")
    return int(first), int(last or first)


#: What a printed figure may carry besides its number, by the kind of column.
_ALLOWED_UNITS = {"amount": ("", "Rp"), "percent": ("", "%")}
#: Units that make a figure a share or a sum of money, never a count (compared in lower case).
_FORBIDDEN_IN_COUNTS = ("%", "‰", "persen", "prosen", "percent", "per cent", "rp", "rupiah", "idr")


def _check_figure(spec_fig: str, row: dict, fmt: str, kind: str = "") -> list[tuple[str, str]]:
    """Problems (column, message) with one figure's printed text vs its parsed columns."""
    printed = row.get(f"{spec_fig}_printed", "")
    try:
        fig = parse_figure(printed, fmt)
    except FigureError as exc:
        return [(f"{spec_fig}_printed", str(exc))]
    out = []
    allowed = _ALLOWED_UNITS.get(kind)
    stray = (fig.unit not in allowed) if allowed else (kind == "count" and _share_or_money(fig.unit))
    if stray:
        expected = " or ".join(repr(u) for u in allowed if u) if allowed else "a plain count"
        out.append((f"{spec_fig}_printed", f"{printed!r} carries the unit {fig.unit!r} in {'an' if kind[:1] in 'aeiou' else 'a'} {kind} column "
                    f"(expected {expected}); check the column, or explain the cell in 'note'"))
    parsed = row.get(spec_fig)
    if fig.value is None and parsed is not None:
        out.append((spec_fig, f"is {parsed} but the printed text {printed!r} carries no number; leave it empty"))
    if fig.value is not None:
        if parsed is None:
            out.append((spec_fig, f"is empty; the printed text {printed!r} reads {fig.value:g}"))
        elif not math.isclose(parsed, fig.value, rel_tol=1e-12, abs_tol=1e-12):
            out.append((spec_fig, f"is {parsed:g} but the printed text {printed!r} reads {fig.value:g} "
                        "(keep the printed figure; explain any doubt in 'note')"))
    grade_col = f"{spec_fig}_grade"
    if (grade_col in row or fig.grade) and (row.get(grade_col) or None) != fig.grade:
        out.append((grade_col, f"is {row.get(grade_col) or 'empty'!r} but the printed text {printed!r} "
                    f"reads grade {fig.grade or 'none'!r}"))
    return out


def _share_or_money(unit: str) -> bool:
    """Whether a unit printed in a count column says share or money (``%``, ``persen``, ``Rp``)."""
    words = unit.lower().replace("%", " % ").replace("‰", " ‰ ").replace(".", " ").split()
    text = " ".join(words)
    return any(u in words or (" " in u and u in text) for u in _FORBIDDEN_IN_COUNTS)


def malformed_figures(row: dict | pd.Series) -> list[str]:
    """The figures a row declares malformed: printed text kept although it reads as no number."""
    return [f.strip() for f in str(row.get("malformed") or "").split(";") if f.strip()]


def _check_malformed(fig: str, row: dict, fmt: str) -> list[tuple[str, str]]:
    """A figure declared malformed must be printed, must not read as a figure, and stays unparsed."""
    printed = row.get(f"{fig}_printed") or ""
    if not printed:
        return [(f"{fig}_printed", f"is empty but 'malformed' names {fig!r}; keep the printed text here")]
    try:
        parse_figure(printed, fmt)
    except FigureError:
        pass
    else:
        return [("malformed", f"names {fig!r} but its printed text {printed!r} reads as a figure; "
                 "remove it from 'malformed' and fill the parsed column")]
    return [(col, f"must stay empty: the printed text {printed!r} is declared malformed")
            for col in (fig, f"{fig}_grade") if row.get(col) is not None]


def read_table(path: Path, spec: Table, source_lines: list[str] | None = None) -> pd.DataFrame:
    """Read ``path`` as a table of kind ``spec``; raise one DataError listing every problem.

    With ``source_lines`` (the source report's lines), also check that every cited text
    stands on the line it cites.
    """
    header, rows = read_csv_rows(path)
    columns = spec.all_columns()
    problems: list[Problem] = []
    for col in header:
        if col not in columns:
            problems.append(Problem(path, f"unknown column for a {spec.name} table; allowed: "
                                    f"{', '.join(columns)}", column=col))
    for col, c in columns.items():
        if c.required and col not in header:
            problems.append(Problem(path, "required column is missing", column=col))
    if problems:
        raise DataError(problems)

    typed_rows = []
    for n, raw in rows:
        row: dict[str, object] = {"__row__": n}
        for col in header:
            value = raw[col].strip()
            c = columns[col]
            if len(value) > MAX_FIELD_CHARS:
                problems.append(Problem(path, f"cell has {len(value)} characters; the limit is {MAX_FIELD_CHARS}", n, col))
                value = ""
            bad = forbidden_character(raw[col])
            if bad:
                problems.append(Problem(path, f"cell holds {bad}; remove it (only visible text and tabs)", n, col))
                value = ""
            if value == "":
                if c.required:
                    problems.append(Problem(path, "a value is required here", n, col))
                row[col] = None
                continue
            try:
                row[col] = _convert(value, c.kind)
            except ValueError as exc:
                problems.append(Problem(path, str(exc), n, col))
                row[col] = None
                continue
            if c.choices and value not in c.choices:
                problems.append(Problem(path, f"{value!r} is not one of {', '.join(c.choices)}", n, col))
            if col == "year" and not YEAR_RANGE[0] <= row[col] <= YEAR_RANGE[1]:
                problems.append(Problem(path, f"year {value} is outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}", n, col))
        fmt = row.get("number_format") or "id"
        malformed = malformed_figures(row)
        problems += [Problem(path, f"{name!r} is not a figure of a {spec.name} table; allowed: "
                             f"{', '.join(spec.figures)}", n, "malformed") for name in malformed if name not in spec.figures]
        for fig in spec.figures:
            if fig in malformed:
                problems += [Problem(path, msg, n, col) for col, msg in _check_malformed(fig, row, fmt)]
            elif f"{fig}_printed" in header:
                problems += [Problem(path, msg, n, col)
                             for col, msg in _check_figure(fig, row, fmt, spec.figure_kinds.get(fig, ""))]
            elif row.get(fig) is not None:
                problems.append(Problem(path, f"has a value but no {fig}_printed column to show the printed text", n, fig))
        if spec.name == "meta":
            problems += [Problem(path, msg, n, col) for col, msg in _check_meta_fact(row, fmt)]
        if source_lines is not None:
            problems += _check_citations(path, spec, n, row, source_lines)
        typed_rows.append(row)
    problems += _check_keys(path, spec, typed_rows)
    if problems:
        raise DataError(problems)
    return to_frame(typed_rows, columns, header)


_NUMBER_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_GRADE_TOKEN = re.compile(r"(?<![A-Za-z])(AA|A|BB|B|CC|C|D)(?![A-Za-z])")


def _check_meta_fact(row: dict, fmt: str) -> list[tuple[str, str]]:
    """A meta fact with a number or a grade (:data:`~lkjpy.schema.META_NUMBERS`,
    :data:`~lkjpy.schema.META_GRADES`) must say what its printed text states."""
    key, printed, value = row.get("key"), str(row.get("printed") or ""), row.get("value")
    if value is None or printed == "":
        return []
    if key in META_NUMBERS:
        try:
            number = float(value)
        except ValueError:
            return [("value", f"{value!r} is not a plain number with '.' as decimal point (meta key {key!r})")]
        stated = []
        for token in _NUMBER_TOKEN.findall(printed):
            try:
                stated.append(parse_number(token, fmt))
            except FigureError:
                continue
        if not any(math.isclose(number, s, rel_tol=1e-12, abs_tol=1e-12) for s in stated):
            return [("value", f"is {value} but the printed text {printed!r} states "
                     f"{', '.join(f'{s:g}' for s in stated) or 'no number'}")]
    if key in META_GRADES:
        grades = _GRADE_TOKEN.findall(printed)
        if value not in grades:
            return [("value", f"is {value!r} but the printed text {printed!r} states "
                     f"{' or '.join(repr(g) for g in grades) or 'no SAKIP grade'}")]
    return []


def _continues(edge: str, neighbour: str, beyond: str) -> bool:
    """Whether a figure whose text ends (or starts) with ``edge`` goes on into ``neighbour``
    (``beyond`` is the character past it): a digit into a digit or a separator and a digit, a
    letter into a letter or a digit."""
    if edge.isdigit():
        return neighbour.isdigit() or (neighbour in (".", ",") and beyond.isdigit())
    return edge.isalpha() and neighbour.isalnum()


def _drops_sign(text: str, before: str) -> bool:
    """Whether a figure starting with a digit leaves out the sign printed right before it (``5``
    where the line prints ``-5``; not the ``-`` of a range such as ``2020-2024``)."""
    return text[:1].isdigit() and before[-1:] in ("-", "+", "\u2212") and not before[-2:-1].isalnum()


def stands_whole(text: str, span: str, figure: bool) -> bool:
    """Whether ``text`` occurs in ``span`` (both normalised); a figure must occur whole, not as a
    fragment of a longer one: ``57 %`` is not on a line printing ``4,57 %``, nor ``12`` on one
    printing ``128`` or ``12,5``, nor ``5`` on one printing ``-5``, nor grade ``A`` on one printing
    ``AA``."""
    if not figure:
        return text in span
    start = span.find(text)
    while start != -1:
        end = start + len(text)
        before, after = span[:start], span[end:]
        cut_before = _continues(text[:1], before[-1:], before[-2:-1]) or _drops_sign(text, before)
        cut_after = _continues(text[-1:], after[:1], after[1:2])
        if not (cut_before or cut_after):
            return True
        start = span.find(text, start + 1)
    return False


def _check_citations(path: Path, spec: Table, n: int, row: dict, source_lines: list[str]) -> list[Problem]:
    out = []
    figures = {f"{f}_printed" for f in spec.figures}
    for col in spec.cited_columns():
        text = row.get(col)
        if text is None or text == BLANK:
            continue
        base = col.removesuffix("_printed")
        cite = row.get(f"{base}_line") or row.get("source_line")
        if cite is None:
            continue
        first, last = line_span(cite)
        if last > len(source_lines):
            out.append(Problem(path, f"cites line {cite} but the source has {len(source_lines)} lines", n, col))
            continue
        span = normalise_text(" ".join(source_lines[first - 1:last]))
        if not stands_whole(normalise_text(str(text)), span, col in figures):
            out.append(Problem(path, f"{text!r} does not stand on source line {cite} "
                               f"({span[:120]!r}{'...' if len(span) > 120 else ''})"
                               + (" as a whole figure" if col in figures and normalise_text(str(text)) in span else ""),
                               n, col))
    return out


def _check_keys(path: Path, spec: Table, rows: list[dict]) -> list[Problem]:
    out = []
    seen: dict[tuple, int] = {}
    for row in rows:
        n = row["__row__"]
        key = tuple(row.get(k) for k in spec.key)
        if key in seen:
            out.append(Problem(path, f"duplicates row {seen[key]} on the key ({', '.join(spec.key)}) = {key}",
                               n, spec.key[0]))
        seen.setdefault(key, n)
    if spec.versioned_by:
        groups: dict[tuple, list[dict]] = {}
        for row in rows:
            groups.setdefault(tuple(row.get(k) for k in spec.versioned_by), []).append(row)
        for key, members in groups.items():
            numbers = [r["__row__"] for r in members]
            canon = [r for r in members if r.get("canonical")]
            if len(canon) != 1:
                out.append(Problem(path, f"{len(canon)} rows are marked canonical for "
                                   f"({', '.join(spec.versioned_by)}) = {key}; mark exactly one "
                                   f"(rows {', '.join(map(str, numbers))})", numbers[0], "canonical"))
            elif len(members) > 1 and not canon[0].get("canonical_reason"):
                out.append(Problem(path, "several versions are printed; say why this one is canonical",
                                   canon[0]["__row__"], "canonical_reason"))
    return out


def to_frame(rows: list[dict], columns: dict, header: list[str]) -> pd.DataFrame:
    """Typed DataFrame of checked rows: every documented column, empty where absent."""
    data = {}
    for col, c in columns.items():
        values = [r.get(col) for r in rows] if col in header else [None] * len(rows)
        if c.kind in ("int", "line"):
            data[col] = pd.array(values, dtype="Int64")
        elif c.kind == "float":
            data[col] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif c.kind == "bool":
            data[col] = pd.array(values, dtype="boolean")
        else:
            data[col] = pd.array(["" if v is None else str(v) for v in values], dtype="str")
    data["csv_row"] = pd.array([r["__row__"] for r in rows], dtype="Int64")
    return pd.DataFrame(data)
