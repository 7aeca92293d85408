"""The layout layer: a converted report's lines cut into cells, whatever converter made them.

Converters print a table row as cells apart by runs of two or more spaces, by tabs, between
``|`` pipes (Markdown), or one cell per line between blank lines; some collapse the gap between
figures to one space (``42% 42% 100% Baik``). Pages leave headers, footers and page numbers
inside tables. This module knows nothing of SAKIP words: it finds cells and figures.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..tables import normalise_text

NUMBER = r"[+-]?\d[\d.,]*\d|\d"
#: One printed figure: an amount with ``Rp``, a number with an optional ``%`` / ``persen`` or a
#: short unit word, a SAKIP grade with an optional score, a dash, a spreadsheet error.
FIGURE = (rf"(?:Rp\.?\s?(?:{NUMBER})(?:,-|\.-)?"
          rf"|(?:{NUMBER})(?:\s?(?:%|[Pp]ersen\b))?"
          rf"|(?:AA|BB|CC|A|B|C|D)(?:\s?\(\s?(?:{NUMBER})\s?%?\s?\))?(?![\w(])"
          r"|#DIV/0!|#VALUE!|#N/A|#REF!)")
_FIGURE_RE = re.compile(FIGURE)
_STRICT_FIGURE_RE = re.compile(rf"^(?:{FIGURE})$|^[-–—]$")
#: A cell holding one figure, possibly a count with its unit word (``5 UMKM``, ``20 Produk``).
_FIGURE_CELL_RE = re.compile(rf"^(?:{FIGURE})$|^[-–—]$|^(?:{NUMBER}) [A-Za-z]{{2,12}}\.?$")
_ROW_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?|[a-z]\.)$")
_LEADING_NUMBER_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?)\s+(\S.*\s\S.*)$")
_PAGE_LABEL_RE = re.compile(r"^(?:-\s*\d{1,3}\s*-|(?:Halaman|Hal\.?|Page)\s*\d{1,3}(?:\s*(?:dari|of)\s*\d+)?)$",
                            re.IGNORECASE)
_LONE_INT_RE = re.compile(r"^\d{1,3}$")
_REPORT_TITLE_RE = re.compile(r"laporan kinerja|\blkj", re.IGNORECASE)
_RULE_RE = re.compile(r"^[-=_:|+\s]+$")


@dataclass(frozen=True)
class Cell:
    """One cell: its text (markup dropped, spaces folded), its line (1-based) and column."""

    text: str
    line: int
    col: int = 0

    @property
    def figure(self) -> bool:
        return is_figure(self.text)

    @property
    def number(self) -> bool:
        """A row or item number (``1``, ``1.``, ``2.1``, ``IV.``)."""
        return bool(_ROW_NUMBER_RE.match(self.text))


def is_figure(text: str) -> bool:
    """Whether a cell's text is one printed figure."""
    return bool(_FIGURE_CELL_RE.match(text.strip()))


def figure_run(text: str) -> list[str] | None:
    """The figures of a cell printing several apart by single spaces (``42% 42% 100%``), or
    None when the text is not a run of two or more figures."""
    out, pos, s = [], 0, text.strip()
    while pos < len(s):
        m = _FIGURE_RE.match(s, pos)
        if not m or (m.end() < len(s) and s[m.end()] != " "):
            return None
        out.append(m.group(0))
        pos = m.end()
        while pos < len(s) and s[pos] == " ":
            pos += 1
    return out if len(out) >= 2 else None


def _raw_cells(text: str) -> list[tuple[str, int]]:
    """(text, column) of each cell of a line: Markdown pipes, tabs, or runs of 2+ spaces."""
    stripped = text.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        parts, out, col = stripped.strip("|").split("|"), [], text.index("|") + 1
        if all(_RULE_RE.match(p) or not p.strip() for p in parts):
            return []  # the |---|---| rule under a Markdown header
        for part in parts:
            out.append((part, col))
            col += len(part) + 1
        return out
    out = []
    for m in re.finditer(r"[^\t]+", text):
        start = m.start()
        for piece in re.finditer(r"\S+(?: \S+)*", m.group(0)):
            out.append((piece.group(0), start + piece.start()))
    return out


def _refine(text: str) -> list[str]:
    """A cell cut further where a converter collapsed the gaps: a run of figures followed by an
    optional word (``100% Baik``), and a row number before text (``1 Jumlah UMKM Naik Kelas``)."""
    run = figure_run(text)
    if run:
        return run
    words = text.split(" ")
    for k in range(len(words) - 1, 0, -1):  # figures then a word or two: '85% Baik'
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if (_STRICT_FIGURE_RE.match(head) or figure_run(head)) and not any(ch.isdigit() for ch in tail) and len(words) - k <= 3 \
                and not _unit_like(head, tail):
            return (figure_run(head) or [head]) + [tail]
    for k in range(1, len(words) - 1):  # text, then figures: 'PROGRAM X 238.540.600 188.827.300 79,16'
        run = figure_run(" ".join(words[k:]))
        if run and not any(ch.isdigit() for ch in words[k - 1]):
            return _refine(" ".join(words[:k])) + run
    lead = _LEADING_NUMBER_RE.match(text)
    if lead and not is_figure(text):
        return [lead.group(1), lead.group(2)]
    return [text]


def _unit_like(head: str, tail: str) -> bool:
    """``5 UMKM``, ``20 Produk``: a bare count followed by one word is a figure with its unit."""
    return bool(re.fullmatch(r"\d[\d.,]*", head)) and len(tail.split()) == 1


def split_cells(text: str, line: int) -> list[Cell]:
    """The cells of one line, markup dropped; empty cells left out."""
    cells = []
    for raw, col in _raw_cells(text):
        clean = normalise_text(raw)
        if not clean:
            continue
        parts = _refine(clean)
        for part in parts:
            cells.append(Cell(part, line, col))
    return _merge_currency(cells)


def _merge_currency(cells: list[Cell]) -> list[Cell]:
    """``Rp.`` printed in its own cell before the amount: one cell ``Rp. 1.234``."""
    out: list[Cell] = []
    for cell in cells:
        if out and out[-1].text in ("Rp", "Rp.") and cell.figure:
            out[-1] = Cell(f"{out[-1].text} {cell.text}", cell.line, out[-1].col)
        else:
            out.append(cell)
    return out


def furniture(lines: list[str]) -> set[int]:
    """Line numbers (1-based) of page furniture: page labels (``Halaman 12``, ``- 12 -``), page
    numbers (a lone number whose neighbour page's number stands 15 to 250 lines away), and
    running headers and footers (a one-cell line printed three or more times that names the
    report or stands next to a page number)."""
    normal = [normalise_text(line) for line in lines]
    pages = {i + 1 for i, t in enumerate(normal) if _PAGE_LABEL_RE.match(t)}
    lone = [(i + 1, int(t)) for i, t in enumerate(normal) if _LONE_INT_RE.match(t)]
    by_value: dict[int, list[int]] = {}
    for n, v in lone:
        by_value.setdefault(v, []).append(n)
    for n, v in lone:
        if any(15 <= abs(m - n) <= 250 and (m > n) == (w > v) for w in (v - 1, v + 1) for m in by_value.get(w, ())):
            pages.add(n)
    counts = Counter(t for t, line in zip(normal, lines) if len(t) >= 15 and len(_raw_cells(line)) == 1)
    near_page = {n + d for n in pages for d in (-3, -2, -1, 1, 2, 3)}
    running = {i + 1 for i, t in enumerate(normal) if counts.get(t, 0) >= 3
               and (i + 1 in near_page or _REPORT_TITLE_RE.search(t))}
    return pages | running


def is_rule(text: str) -> bool:
    """A line drawn with dashes or underscores (a table border)."""
    return bool(text.strip()) and bool(_RULE_RE.match(text))
