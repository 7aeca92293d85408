"""The Perjanjian Kinerja indicators and the report year's results, from the main capaian table.

The main table is the one whose header names the indicator, target, realisation and capaian
columns and that holds the most rows; each of its rows gives an indicator (with its sasaran and
unit when printed) and one annual result: target, realisasi, capaian and category as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..tables import normalise_text
from .records import Frag, Record, assemble
from .regions import Document, Region, find_regions
from .vocab import GROUP_LABEL, INDICATOR_START, PK_ROLES, SPELLINGS, is_category

FIGURE_ROLES = ("target", "realisasi", "capaian")
#: Headers of tables that compare over several years or against the plan's end.
NOT_THE_YEAR = re.compile(r"renstra|akhir periode|sebelumnya|s/d|sampai dengan|\d{4}\s*-\s*\d{4}", re.IGNORECASE)
#: Row names that are not indicators: budget lines and averages printed in the same table.
NOT_AN_INDICATOR = re.compile(r"^(?:program|kegiatan|sub kegiatan|anggaran|jumlah anggaran|total|rata-rata|"
                              r"capaian sasaran|nilai rata-rata|jumlah$)", re.IGNORECASE)


@dataclass
class PKRow:
    """One proposed indicator with its result, every cell with its lines."""

    indicator: Frag
    sasaran: Frag | None
    satuan: Frag | None
    target: Frag
    realisasi: Frag
    capaian: Frag
    kategori: Frag | None
    line: int  # the row's line: where its capaian stands
    table: str
    notes: list[str] = field(default_factory=list)


def is_pk_header(roles: set[str]) -> bool:
    return {"indicator", "target", "realisasi", "capaian"} <= roles


def pk_tables(doc: Document) -> list[Region]:
    return find_regions(doc, PK_ROLES, is_pk_header)


def is_agreement_header(roles: set[str]) -> bool:
    """The Perjanjian Kinerja's own table: sasaran, indicator and target, no realisation."""
    return {"sasaran", "indicator", "target"} <= roles and "realisasi" not in roles


def agreement_sasaran(doc: Document) -> list[tuple[Frag, Frag]]:
    """(indicator, sasaran) pairs of the Perjanjian Kinerja tables; a sasaran printed once for
    several indicators (a merged cell) is carried down to each."""
    pairs: list[tuple[Frag, Frag]] = []
    for region in find_regions(doc, PK_ROLES, is_agreement_header):
        sasaran = None
        for record in assemble(region.rows, 1, skip_text=lambda t: bool(GROUP_LABEL.match(t))):
            texts = [t for t in record.texts if not INDICATOR_START.match(t.text)] if len(record.texts) > 1 else []
            names = [t for t in record.texts if t not in texts]
            if texts:
                sasaran = texts[0]
            if sasaran is not None and names:
                pairs.append((names[-1], sasaran))
    return pairs


def _words(text: str) -> set[str]:
    return {SPELLINGS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def sasaran_for(indicator: str, pairs: list[tuple[Frag, Frag]]) -> Frag | None:
    """The sasaran of the agreement row whose indicator shares most words with ``indicator``
    (at least two thirds of them); None when no row is that close or two are equally close."""
    mine = _words(indicator)
    scored = sorted(((len(mine & _words(i.text)) / max(len(mine | _words(i.text)), 1), s.text, s)
                     for i, s in pairs), key=lambda x: -x[0])
    if not scored or scored[0][0] < 2 / 3:
        return None
    best = [x for x in scored if x[0] == scored[0][0]]
    return best[0][2] if len({x[1] for x in best}) == 1 else None


def main_table(doc: Document) -> tuple[Region | None, list[PKRow]]:
    """The capaian table of the year: not a Renstra or multi-year comparison when another
    exists, then the one with the most complete rows, the earliest on a tie. Rows without a
    sasaran take it from the Perjanjian Kinerja table when their indicator is found there."""
    region, rows = _main_table(doc)
    if any(r.sasaran is None for r in rows):
        pairs = agreement_sasaran(doc)
        for row in rows:
            if row.sasaran is None:
                row.sasaran = sasaran_for(row.indicator.text, pairs)
                if row.sasaran is not None:
                    row.notes = [n for n in row.notes if n != "no sasaran printed on this row"]
                    row.notes.append(f"sasaran from the Perjanjian Kinerja table, line {row.sasaran.lines}")
    return region, rows


def _main_table(doc: Document) -> tuple[Region | None, list[PKRow]]:
    best, best_key = (None, []), None
    for region in pk_tables(doc):
        rows = pk_rows(doc, region)
        header = " ".join(doc.text(n) for n in region.header_lines) + " " + region.caption
        key = (not NOT_THE_YEAR.search(header), len(rows), -region.first_line)
        if rows and (best_key is None or key > best_key):
            best, best_key = (region, rows), key
    return best


def pk_rows(doc: Document, region: Region) -> list[PKRow]:
    """The rows of one capaian table."""
    wanted = len(FIGURE_ROLES)
    records = assemble(region.rows, wanted, skip_text=lambda t: bool(GROUP_LABEL.match(t)))
    out: list[PKRow] = []
    for record in records:
        if len(record.figures) < wanted or not record.texts:
            continue
        row = _row(doc, region, record, out[-1] if out else None)
        if row and not NOT_AN_INDICATOR.match(row.indicator.text):
            out.append(row)
    return out


def _row(doc: Document, region: Region, record: Record, previous: PKRow | None) -> PKRow | None:
    target, realisasi, capaian = record.figures[-3:]
    kategori = next((f for f in record.after if is_category(f.text)), None)
    texts = list(record.texts)
    satuan = None
    if "satuan" in region.roles and len(texts) >= 2 and len(texts[-1].text.split()) <= 3:
        satuan = texts.pop()
    notes: list[str] = []
    if "sasaran" in region.roles and len(texts) >= 2:
        sasaran_parts, indicator_parts, guessed = _split_names(texts)
        if guessed:
            notes.append("where the sasaran ends and the indicator begins is a guess")
        sasaran = _joined(doc, sasaran_parts, notes, "sasaran")
        indicator = _joined(doc, indicator_parts, notes, "indicator")
    else:
        indicator = _joined(doc, texts, notes, "indicator")
        sasaran = previous.sasaran if previous and "sasaran" in region.roles else None
    if sasaran is None and "sasaran" in region.roles:
        notes.append("no sasaran printed on this row")
    return PKRow(indicator, sasaran, satuan, target, realisasi, capaian, kategori, capaian.first, region.caption,
                 notes)


def _split_names(texts: list[Frag]) -> tuple[list[Frag], list[Frag], bool]:
    """Sasaran and indicator pieces of a row's names: by column when the row is aligned, else
    where an indicator's first word (``Persentase``, ``Jumlah``, ``Nilai`` ...) begins a piece."""
    cols = sorted({f.col for f in texts})
    if len(cols) >= 2:
        return [f for f in texts if f.col == cols[0]], [f for f in texts if f.col != cols[0]], False
    if len(texts) == 2:
        return texts[:1], texts[1:], False
    for k in range(1, len(texts)):
        if INDICATOR_START.match(texts[k].text):
            return texts[:k], texts[k:], False
    half = (len(texts) + 1) // 2
    return texts[:half], texts[half:], True


def _joined(doc: Document, parts: list[Frag], notes: list[str], what: str) -> Frag:
    """Pieces of one name joined, citing the lines they span; when the joined text does not
    stand on those lines as one string (columns interleaved), the first piece alone."""
    first, last = min(p.first for p in parts), max(p.last for p in parts)
    joined = Frag(" ".join(p.text for p in parts), first, last, parts[0].col)
    span = normalise_text(" ".join(doc.lines[first - 1:last]))
    if normalise_text(joined.text) in span:
        return joined
    notes.append(f"the {what} continues on lines {joined.lines}: only its first piece is cited")
    return parts[0]
