"""The budget total and programs: pagu, realisasi and serapan (%) as printed.

Budget tables are found by their header (program or uraian, pagu or anggaran, and usually
realisasi and %). Within a table, programs are told from kegiatan and sub-kegiatan by what the
table itself shows: names in capitals where the other rows are not, else numbered rows when no
row is a kegiatan, else names that begin with "Program". Every printed version of a program
(the same program in several tables) is proposed; the version in the table that prints both pagu
and realisasi, with the most programs, is canonical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Frag, Record, assemble
from .regions import Document, Region, find_regions
from .vocab import ABOVE_PROGRAM, BUDGET_ROLES, INDICATOR_START, LOWER_LEVEL_NAME, PROGRAM_NAME, TOTAL_NAME

AMOUNT_ROLES = ("pagu", "realisasi", "pct")


@dataclass
class BudgetRow:
    level: str  # total | program
    name: Frag
    code: str
    pagu: Frag | None
    realisasi: Frag | None
    pct: Frag | None
    line: int
    table: str
    stage: str = "final"
    output: Frag | None = None
    item_key: str = ""
    canonical: bool = False
    notes: list[str] = field(default_factory=list)


def is_budget_header(roles: set[str]) -> bool:
    return "program" in roles and bool(roles & {"pagu", "stages"})


def budget_tables(doc: Document) -> list[Region]:
    return [r for r in find_regions(doc, BUDGET_ROLES, is_budget_header)]


def table_rows(doc: Document, region: Region) -> list[BudgetRow]:
    """The total and program rows of one budget table; a table printed before and after the
    budget revision (APBD perubahan) gives each row twice, stage ``original`` and ``revised``."""
    staged = "stages" in region.roles
    roles = [r for r in AMOUNT_ROLES if r in region.roles]
    wanted = 4 if staged else len(roles)
    records = [r for r in assemble(region.rows, wanted) if r.texts and r.figures
               and any(_amount(f.text) for f in r.figures)]
    named = [(r, _name(r)) for r in records]
    programs = _program_rows(named)
    out = []
    for record, name in named:
        level = "total" if TOTAL_NAME.match(name.text) else "program" if record in programs else None
        if level is None:
            continue
        line = record.main_line or record.figures[-1].first
        if staged:
            out += _staged(record, name, level, line, region.caption)
            continue
        figures = dict(zip(roles, record.figures[-len(roles):]))  # fewer figures: the first columns
        out.append(BudgetRow(level, name, "", figures.get("pagu"), figures.get("realisasi"), figures.get("pct"),
                             line, region.caption))
    return out


def _staged(record: Record, name: Frag, level: str, line: int, table: str) -> list[BudgetRow]:
    """Rows of a before/after-revision table: the figures fall into two groups, each closed by an
    amount (the pagu) with an optional output target before it; the first group is before the
    revision, the second after. A row whose figures do not fall so is left out."""
    groups, current = [], []
    for frag in record.figures:
        current.append(frag)
        if _amount(frag.text):
            groups.append(current)
            current = []
    if len(groups) != 2 or current or any(len(g) > 2 for g in groups):
        return []
    return [BudgetRow(level, name, "", group[-1], None, None, line, table, stage=stage,
                      output=group[0] if len(group) == 2 else None)
            for stage, group in (("original", groups[0]), ("revised", groups[1]))]


def _amount(text: str) -> bool:
    """A budget amount: ``Rp`` or at least a million (two groups of thousands)."""
    return text.lower().startswith("rp") or bool(re.search(r"\d[.,]\d{3}[.,]\d{3}|\d{7,}", text))


def _name(record: Record) -> Frag:
    """The row's name: the text naming a program when there is one, else its first text; with
    the lines it wraps onto before the figures."""
    texts = record.texts
    k = next((i for i, f in enumerate(texts) if PROGRAM_NAME.match(f.text) or TOTAL_NAME.match(f.text)), None)
    if k is None:
        k = len(texts) - 1 if len(texts) > 1 and _capitals(texts[-1].text) else 0
    name = Frag(texts[k].text, texts[k].first, texts[k].last, texts[k].col)
    for frag in texts[k + 1:]:
        if (frag.first == name.last + 1 or (frag.first > name.last and frag.col == name.col)
                or (_capitals(name.text) and _capitals(frag.text))):
            name = Frag(f"{name.text} {frag.text}", name.first, frag.last, name.col)
        else:
            break
    return name


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _program_rows(named: list[tuple[Record, Frag]]) -> list[Record]:
    rows = [(r, n) for r, n in named if not (TOTAL_NAME.match(n.text) or LOWER_LEVEL_NAME.match(n.text)
                                             or INDICATOR_START.match(n.text) or ABOVE_PROGRAM.match(n.text))]
    capitals = [r for r, n in rows if _capitals(n.text)]
    if capitals and len(capitals) < len(rows):
        return capitals
    lower = [r for r, n in rows if LOWER_LEVEL_NAME.match(n.text)]
    numbered = [r for r, n in rows if r.numbers and re.fullmatch(r"\d{1,2}\.?", r.numbers[0].text)]
    if not lower and numbered:
        return numbered
    return [r for r, n in rows if PROGRAM_NAME.match(n.text)]


def program_key(name: str) -> str:
    """A program's name reduced for matching its versions across tables."""
    words = re.sub(r"[^a-z0-9 ]", " ", name.lower()).split()
    if words[:1] == ["program"]:
        words = words[1:]
    return " ".join(w for w in words if w not in ("dan", "dan/atau"))


def budget_rows(doc: Document) -> tuple[Region | None, list[BudgetRow]]:
    """Every version of the total and the programs, the canonical table first."""
    tables = [(region, table_rows(doc, region)) for region in budget_tables(doc)]
    tables = [(region, rows) for region, rows in tables if any(r.level == "program" for r in rows)]
    if not tables:
        return None, []

    def rank(item):
        region, rows = item
        return ("realisasi" in region.roles, any(r.level == "total" for r in rows),
                sum(r.level == "program" for r in rows), -region.first_line)

    tables.sort(key=rank, reverse=True)
    main = tables[0][0]
    out: list[BudgetRow] = []
    seen: dict[tuple[str, str], BudgetRow] = {}
    for region, rows in tables:
        for row in rows:
            if row.level == "total" and region is not main:
                continue
            row.item_key = "total" if row.level == "total" else program_key(row.name.text)
            if (row.item_key, row.stage) not in seen:
                row.canonical = True
                seen[(row.item_key, row.stage)] = row
            out.append(row)
    return main, out
