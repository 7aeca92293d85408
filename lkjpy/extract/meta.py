"""Facts about the report: the head who signs it, the report's date and place, the Renstra period.

The signature block of an LKj reads "<place>, <day> <month> <year>", the head's title
("Kepala Dinas ..."), the name, the rank (pangkat, e.g. "Pembina Utama Madya") and the NIP
(the civil servant number): the name is the line above the rank, or above the NIP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tables import normalise_text
from .regions import Document

MONTHS = {"januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "agustus": 8,
          "september": 9, "oktober": 10, "november": 11, "desember": 12}
_NIP_RE = re.compile(r"^\W*NIP\s*\.?\s*[:.]?\s*\d", re.IGNORECASE)
_RANK_RE = re.compile(r"^\W*(?:pembina|penata|pengatur|juru)\b", re.IGNORECASE)
_DATE_RE = re.compile(r"^\W*([A-Z][A-Za-z .]{2,30}),\s*(?:(\d{1,2})\s+)?(" + "|".join(MONTHS) + r")\s+(20\d\d)\W*$",
                      re.IGNORECASE)
_RENSTRA_RE = re.compile(r"(?:renstra|rencana strategis)\b.{0,120}?((?:tahun\s+)?(20\d\d)\s*[-–—]\s*(20\d\d))",
                         re.IGNORECASE)
_HEADING_RE = re.compile(r"^(?:#+\s*|BAB\s+[IVX]+\b|KATA PENGANTAR|IKHTISAR EKSEKUTIF|RINGKASAN EKSEKUTIF)",
                         re.IGNORECASE)


@dataclass
class Fact:
    key: str
    printed: str
    value: str
    line: int
    section: str


def section_of(doc: Document, line: int) -> str:
    """The heading a line stands under (``Kata Pengantar``, ``BAB III ...``), for ``source_table``."""
    for n in range(line, 0, -1):
        text = doc.text(n)
        if _HEADING_RE.match(text):
            return text.strip("#* ")[:60]
    return "front matter"


def find_facts(doc: Document) -> list[Fact]:
    """The first signature block (head, title, place, date) and the first Renstra period."""
    facts: list[Fact] = []
    blocks = [_signature(doc, n) for n in range(1, len(doc.lines) + 1) if _NIP_RE.match(doc.text(n))]
    blocks = [b for b in blocks if b]
    heads = [b for b in blocks if any(f.key == "head_title" for f in b)]  # signed as Kepala (head)
    if heads or blocks:
        facts += (heads or blocks)[0]
    for n in range(1, len(doc.lines) + 1):
        m = _RENSTRA_RE.search(doc.text(n))
        if m and int(m.group(2)) < int(m.group(3)):
            facts.append(Fact("renstra_period", m.group(1), f"{m.group(2)}-{m.group(3)}", n, section_of(doc, n)))
            break
    return facts


def _signature(doc: Document, nip_line: int) -> list[Fact]:
    above = [n for n in range(nip_line - 1, max(0, nip_line - 12), -1) if doc.text(n)]
    if above and _RANK_RE.match(doc.text(above[0])):
        above = above[1:]
    if not above:
        return []
    name_line = above[0]
    section = section_of(doc, name_line)
    facts = [Fact("head", doc.text(name_line).strip("*_ "), doc.text(name_line).strip("*_ "), name_line, section)]
    for n in above[1:6]:
        text = doc.text(n).strip("*_ ")
        if re.match(r"^kepala\b", text, re.IGNORECASE) and "head_title" not in [f.key for f in facts]:
            facts.append(Fact("head_title", text, text, n, section))
        m = _DATE_RE.match(text)
        if m:
            month = MONTHS[m.group(3).lower()]
            value = f"{m.group(4)}-{month:02d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
            printed = normalise_text(text).strip("*_ ")
            facts.append(Fact("report_place", m.group(1).strip(), m.group(1).strip(), n, section))
            facts.append(Fact("report_date", printed.split(",", 1)[1].strip(), value, n, section))
            break
    return facts
