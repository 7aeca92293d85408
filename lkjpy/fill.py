"""``python -m lkjpy fill ID``: type each figure once.

Every parsed column is computed from its printed text (:func:`lkjpy.parse.parse_figure`), and a
printed figure left without a line gets one: the unique line of the source that holds it as a
whole figure, or the unique one among the lines of the table the row names. Several candidates
are an error that lists them.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import DataError, Problem
from .parse import BLANK, FigureError, parse_figure
from .registry import agency_entry, data_dir, source_path
from .schema import TABLES, Table
from .tables import normalise_text, read_csv_rows
from .text import split_lines


def number_text(value: float | None) -> str:
    """A parsed value as the CSV writes it: ``128``, ``4.57``; empty for no value."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def derive_row(spec: Table, row: dict[str, str]) -> dict[str, str]:
    """The row with every figure's parsed value (and grade) computed from its printed text; a
    printed text that reads as no figure is named in ``malformed`` and its parsed columns emptied."""
    out = dict(row)
    fmt = out.get("number_format") or "id"
    malformed = [f for f in (out.get("malformed") or "").split(";") if f.strip()]
    for fig in spec.figures:
        printed = (out.get(f"{fig}_printed") or "").strip()
        value, grade = "", ""
        if printed:
            try:
                figure = parse_figure(printed, fmt)
            except FigureError:
                if fig not in malformed:
                    malformed.append(fig)
            else:
                malformed = [m for m in malformed if m != fig]
                value, grade = number_text(figure.value), figure.grade or ""
        if printed or fig in out:
            out[fig] = value
        if fig in spec.graded and (grade or f"{fig}_grade" in out):
            out[f"{fig}_grade"] = grade
    if malformed or "malformed" in out:
        out["malformed"] = ";".join(malformed)
    return out


def _whole_figure(text: str, line: str) -> bool:
    """Whether ``text`` stands on ``line`` as a whole figure (not inside a longer number)."""
    needle, hay = normalise_text(text), normalise_text(line)
    pattern = r"(?<!\d)(?<!\d[.,])" + re.escape(needle) + r"(?!\d|[.,]\d)"
    return bool(re.search(pattern, hay))


def table_lines(rows: list[dict], table: str, lines: list[str]) -> tuple[int, int] | None:
    """The lines of the table named ``table``: the block of non-blank source lines around the
    lines its other rows cite."""
    cited = [int(r["source_line"]) for r in rows if r.get("source_table") == table
             and (r.get("source_line") or "").isdigit() and 1 <= int(r["source_line"]) <= len(lines)]
    if not cited:
        return None
    first, last = min(cited), max(cited)
    while first > 1 and lines[first - 2].strip():
        first -= 1
    while last < len(lines) and lines[last].strip():
        last += 1
    return first, last


def find_line(text: str, lines: list[str], span: tuple[int, int] | None = None) -> int:
    """The unique line holding ``text`` as a whole figure (within ``span`` when the whole
    source holds it on several lines). Raises ValueError listing the candidates otherwise."""
    everywhere = [n for n, line in enumerate(lines, start=1) if _whole_figure(text, line)]
    if len(everywhere) == 1:
        return everywhere[0]
    within = [n for n in everywhere if span and span[0] <= n <= span[1]]
    if len(within) == 1:
        return within[0]
    if not everywhere:
        raise ValueError(f"{text!r} stands on no line of the source as a whole figure")
    shown = within or everywhere
    raise ValueError(f"{text!r} stands on {len(shown)} lines ({', '.join(map(str, shown[:20]))}"
                     f"{' ...' if len(shown) > 20 else ''}); cite one in source_line or the figure's _line column")


def fill_rows(spec: Table, rows: list[dict], lines: list[str], path: Path) -> tuple[list[dict], list[Problem]]:
    """Derived rows, each printed figure given a line when it has none (``source_line`` for the
    row's first figure when the row cites no line, else ``X_line`` for a figure not on the row's
    line), and the problems met (a figure whose line cannot be told)."""
    problems, out = [], []
    for n, row in enumerate(rows, start=1):
        row = derive_row(spec, row)
        for fig in spec.figures:
            printed = (row.get(f"{fig}_printed") or "").strip()
            if not printed or printed == BLANK or (row.get(f"{fig}_line") or "").strip():
                continue
            cited = (row.get("source_line") or "").strip()
            if cited.isdigit() and 1 <= int(cited) <= len(lines) and _whole_figure(printed, lines[int(cited) - 1]):
                continue
            try:
                found = find_line(printed, lines, table_lines(rows, row.get("source_table", ""), lines))
            except ValueError as exc:
                problems.append(Problem(path, str(exc), n, f"{fig}_printed"))
                continue
            row["source_line" if not cited else f"{fig}_line"] = str(found)
        out.append(row)
    return out, problems


def fill(agency_id: str, root: Path | None = None) -> list[Path]:
    """Fill every table of an agency in place; return the files changed. Nothing is written
    when a line cannot be told (the error lists the candidates)."""
    root = root or data_dir()
    entry = agency_entry(agency_id, root)
    lines = split_lines(source_path(entry, root).read_text(encoding="utf-8"))
    folder = root / agency_id
    changes, problems = [], []
    for name, spec in TABLES.items():
        path = folder / f"{name}.csv"
        if not path.exists() or not spec.figures:
            continue
        header, numbered = read_csv_rows(path)
        rows = [row for _, row in numbered]
        filled, found = fill_rows(spec, rows, lines, path)
        problems += found
        columns = header + [c for c in spec.all_columns() if c not in header and any(r.get(c) for r in filled)]
        if filled != rows or columns != header:
            changes.append((path, columns, filled))
    if problems:
        raise DataError(problems)
    for path, columns, rows in changes:
        write_csv(path, columns, rows)
    return [path for path, _, _ in changes]


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows under ``columns`` (UTF-8, ``\\n`` line ends), replacing the file atomically."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows([{c: r.get(c, "") for c in columns} for r in rows])
    tmp.replace(path)
