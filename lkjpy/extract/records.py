"""Rows of a table body assembled into records, whatever the layout.

A record is the text cells of one table row (names, possibly wrapped over lines), its row
numbers, its figures and the text printed after them. Records begin at a row number or after
the previous record's figures, and end when their figures are in: at the end of a line that
carries figures beside other cells (aligned columns, tabs, pipes), or, one cell per line, once
``wanted`` figures are in. A bare count followed on the next line by one word (``5`` / ``UMKM``)
is one figure with its unit. A text line right under a record and aligned with its names
continues them (a name wrapped after the figures' line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Cell

_BARE_COUNT = re.compile(r"^\d[\d.,]*$")
_UNIT_WORD = re.compile(r"^[A-Za-z][A-Za-z./]{0,14}$")


@dataclass
class Frag:
    """A piece of text or a figure and the lines it spans."""

    text: str
    first: int
    last: int
    col: int = 0

    @property
    def lines(self) -> str:
        """``N`` or ``N-M``, as the data's line columns cite."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def extend(self, cell: Cell) -> None:
        self.text = f"{self.text} {cell.text}"
        self.last = max(self.last, cell.line)


@dataclass
class Record:
    numbers: list[Frag] = field(default_factory=list)
    texts: list[Frag] = field(default_factory=list)
    figures: list[Frag] = field(default_factory=list)
    after: list[Frag] = field(default_factory=list)
    main_line: int | None = None  # the line whose figures closed the record
    main_cells: int = 0

    @property
    def empty(self) -> bool:
        return not (self.texts or self.figures)

    @property
    def last_line(self) -> int:
        return max(f.last for f in [*self.numbers, *self.texts, *self.figures, *self.after])


def assemble(rows: list[list[Cell]], wanted: int, skip_text=lambda text: False) -> list[Record]:
    """Records of a table body; ``wanted`` is how many figures a full row prints."""
    records: list[Record] = []
    current = Record()
    done: Record | None = None  # the last closed record, which a wrapped name may continue

    def close(record: Record, line: int, n_cells: int) -> None:
        nonlocal current, done
        record.main_line, record.main_cells = line, n_cells
        records.append(record)
        done, current = record, Record()

    for k, cells in enumerate(rows):
        if len(cells) == 1 and _lone_row_number(cells[0], rows[k + 1] if k + 1 < len(rows) else None):
            cells = [Cell(cells[0].text + ("" if cells[0].text.endswith(".") else ""), cells[0].line, -1)]
        line = cells[0].line
        cells = [c for c in cells if not skip_text(c.text)]
        if not cells:
            continue
        has_figures = any(c.figure and not row_number(cells, i) for i, c in enumerate(cells))
        if not has_figures and done is not None and current.empty and not current.numbers and _continues(done, cells):
            continue
        numbered = row_number(cells, 0)
        if numbered and current.texts and not current.figures:
            current = Record()  # stray text before a numbered row is not part of it
        elif numbered and current.figures:
            close(current, current.figures[-1].last, 1)
        if not has_figures and current.figures and len(cells) == 1 and _is_unit(current, cells[0]):
            current.figures[-1].extend(cells[0])
            continue
        if not has_figures and current.figures and len(current.figures) >= wanted:
            current.after.extend(Frag(c.text, c.line, c.line, c.col) for c in cells)
            continue
        _add(current, cells)
        if has_figures and (len(cells) > 1 or len(current.figures) >= wanted):
            close(current, line, len(cells))
    if current.figures:
        close(current, current.figures[-1].last, 1)
    return records


def _lone_row_number(cell: Cell, following: list[Cell] | None) -> bool:
    """A small number alone on its line, followed by a name of two or more words: a row number
    (one cell per line), not a figure (a figure's unit would follow as one word)."""
    return bool(re.fullmatch(r"\d{1,2}\.?|[IVX]{1,4}\.?", cell.text)) and following is not None and not following[0].figure \
        and len(following[0].text.split()) >= 2


def row_number(cells: list[Cell], i: int) -> bool:
    """Whether cell ``i`` numbers a row (``1.``, ``2.1`` before a name) rather than being a figure."""
    c = cells[i]
    if c.col == -1:
        return True  # marked by the caller: a lone row number
    following = cells[i + 1] if i + 1 < len(cells) else None
    return c.number and (not c.figure or (following is not None and not following.figure))


def _add(record: Record, cells: list[Cell]) -> None:
    seen_figure = bool(record.figures)
    for i, c in enumerate(cells):
        frag = Frag(c.text, c.line, c.line, c.col)
        if row_number(cells, i) and not seen_figure:
            record.numbers.append(frag)
        elif c.figure:
            record.figures.append(frag)
            seen_figure = True
        elif seen_figure:
            record.after.append(frag)
        else:
            record.texts.append(frag)


def _is_unit(record: Record, cell: Cell) -> bool:
    """A word on its own line right after a bare count: the count's unit (``5`` / ``UMKM``)."""
    last = record.figures[-1]
    return bool(_BARE_COUNT.match(last.text) and _UNIT_WORD.match(cell.text) and cell.line - last.last <= 2)


def _continues(record: Record, cells: list[Cell]) -> bool:
    """A text line right under an aligned row, each cell under one of its names: the names
    wrapped below the figures' line."""
    if record.main_cells < 2 or cells[0].line != record.last_line + 1 or row_number(cells, 0):
        return False
    targets = [f for f in record.texts if f.first <= record.main_line <= f.last or f.last == record.main_line]
    matched = []
    for c in cells:
        near = [f for f in targets if abs(f.col - c.col) <= 3]
        if not near:
            return False
        matched.append((near[0], c))
    for frag, c in matched:
        frag.extend(c)
    return True
