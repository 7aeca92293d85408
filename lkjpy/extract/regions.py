"""Where a table is: its caption, its header (one or more lines) and its body's rows.

A header is found by the words of its columns (see :mod:`.vocab`); its body runs until the next
caption or heading, a paragraph of prose, or a long stretch without figures. Page furniture,
rule lines, repeated header rows (after a page break) and the column-numbering row
(``1 2 3 4 5``) are left out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..tables import normalise_text
from ..text import split_lines
from .layout import Cell, furniture, is_rule, split_cells
from .vocab import CAPTION, roles_in

MAX_HEADER_LINES = 10
MAX_LINES_WITHOUT_FIGURES = 25
MAX_TABLE_LINES = 400
_HEADING_RE = re.compile(r"^(?:#+\s|BAB\s+[IVX]+\b|\d+\.\d+(?:\.\d+)*\.?\s+[A-Z])")


@dataclass
class Region:
    """One table: caption (and its line), header lines and roles, and body rows of cells."""

    caption: str
    caption_line: int | None
    header_lines: list[int]
    roles: set[str]
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.header_lines[0]


class Document:
    """A source's lines, with each line's cells and the page furniture worked out once."""

    def __init__(self, text: str):
        self.lines = split_lines(text)
        self.furniture = furniture(self.lines)
        self._cells: dict[int, list[Cell]] = {}

    def cells(self, n: int) -> list[Cell]:
        """Cells of line ``n`` (1-based); none for page furniture and rule lines."""
        if n not in self._cells:
            text = self.lines[n - 1]
            skip = n in self.furniture or is_rule(text)
            self._cells[n] = [] if skip else split_cells(text, n)
        return self._cells[n]

    def text(self, n: int) -> str:
        return normalise_text(self.lines[n - 1])


def _column_numbers(cells: list[Cell]) -> bool:
    """The row numbering the columns: 1 2 3 4 5 (or (1) (2) (3))."""
    texts = [c.text.strip("()") for c in cells]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


def _prose(doc: Document, n: int, cells: list[Cell]) -> bool:
    text = doc.text(n)
    words = text.split()
    if re.match(r"^\W*NIP\b", text):
        return True  # a signature under the table
    sentence = len(words) >= 6 and text.rstrip("*_ ").endswith((":", "."))
    return (len(cells) == 1 and (len(words) >= 14 or sentence) and not any(c.figure for c in cells)) or bool(
        CAPTION.match(text)) or bool(_HEADING_RE.match(text) and not any(c.figure for c in cells))


def find_regions(doc: Document, vocabulary: dict[str, str], is_header) -> list[Region]:
    """Every table whose header names columns of ``vocabulary``; ``is_header(roles)`` says
    which sets of roles make a header of the wanted kind."""
    regions, n, total = [], 1, len(doc.lines)
    while n <= total:
        start_roles = roles_in(doc.text(n), vocabulary) if doc.cells(n) else set()
        naming = [c for c in doc.cells(n) if roles_in(c.text, vocabulary)]
        short = len(doc.text(n).split()) <= 8 and len(doc.cells(n)) == 1
        if not start_roles or len(doc.text(n).split()) > 20 or (len(naming) < 2 and len(start_roles) < 3 and not short):
            n += 1
            continue
        header, roles, m = [n], set(start_roles), n + 1
        while m <= total and len(header) < MAX_HEADER_LINES:
            cells = doc.cells(m)
            if not cells:
                if doc.lines[m - 1].strip() and m not in doc.furniture and not is_rule(doc.lines[m - 1]):
                    break
                m += 1
                continue
            if any(c.figure for c in cells) or any(c.number for c in cells[:1]) or \
                    sum(len(c.text.split()) for c in cells) > 10:
                break
            header.append(m)
            roles |= roles_in(doc.text(m), vocabulary)
            m += 1
        if not is_header(roles):
            n += 1
            continue
        while len(header) > 1 and is_header(set().union(*(roles_in(doc.text(h), vocabulary) for h in header[1:]))):
            header.pop(0)  # a title line above the header is not part of it
        region = Region(*_caption(doc, header[0]), header, roles)
        n = _body(doc, region, m, vocabulary)
        regions.append(region)
    return regions


def _caption(doc: Document, header_line: int) -> tuple[str, int | None]:
    """The nearest caption above a header (``Tabel 3.2``), within 8 lines, or the nearest
    short title line."""
    title = None
    for n in range(header_line - 1, max(0, header_line - 9), -1):
        text = doc.text(n)
        m = CAPTION.match(text)
        if m:
            return f"Tabel {m.group(1)}", n
        if title is None and text and len(text.split()) <= 14 and not doc.cells(n)[1:]:
            title = (text.strip("*: "), n)
    return title or (f"table at line {header_line}", None)


def _body(doc: Document, region: Region, n: int, vocabulary: dict[str, str]) -> int:
    """Collect the body rows from line ``n``; return the line after the table."""
    header_texts = {doc.text(h) for h in region.header_lines}
    quiet, total = 0, len(doc.lines)
    while n <= total and n - region.first_line < MAX_TABLE_LINES and quiet < MAX_LINES_WITHOUT_FIGURES:
        cells = doc.cells(n)
        if not cells:
            n += 1
            continue
        if doc.text(n) in header_texts or _column_numbers(cells):
            n += 1  # a header repeated after a page break, or the column numbers
            continue
        if _prose(doc, n, cells):
            break
        quiet = 0 if any(c.figure for c in cells) else quiet + 1
        region.rows.append(cells)
        n += 1
    while region.rows and not any(c.figure for c in region.rows[-1]):
        region.rows.pop()  # text after the last figure row belongs to what follows the table
    return n
