"""``python -m lkjpy extract ID``: propose a report's minimal profile from its vendored text.

Proposals go into the agency's normal CSV files (meta, indicators, indicator_results, budget),
each cell exactly as printed with its line, each row ``review: proposed``. Rows a person has
confirmed (``review`` empty or ``confirmed``) are never touched; earlier proposals are replaced.
Built for the genre, not for one file: :mod:`.layout` cuts lines into cells, :mod:`.vocab` knows
the SAKIP words, :mod:`.pk`, :mod:`.budget` and :mod:`.meta` find the tables and facts.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..fill import derive_row, write_csv
from ..parse import FigureError, parse_figure
from ..registry import agency_entry, data_dir, source_path
from ..schema import TABLES
from .budget import BudgetRow, budget_rows
from .meta import Fact, find_facts
from .pk import PKRow, main_table
from .regions import Document
from .vocab import LOWER_IS_BETTER, theme_of

PROPOSED = "proposed"
GUESSED = "proposed by extract: polarity, theme and English gloss are guesses"


@dataclass
class Proposals:
    """What extract found, as rows per table, and what it looked for in vain."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def propose(text: str, year: int) -> Proposals:
    """Proposals for a report's text (pure: reads nothing, writes nothing)."""
    doc = Document(text)
    out = Proposals({name: [] for name in ("meta", "indicators", "indicator_results", "budget")})
    _propose_meta(find_facts(doc), out)
    region, pk = main_table(doc)
    if pk:
        out.found.append(f"PK capaian table '{region.caption}' (line {region.first_line}): {len(pk)} indicators")
        _propose_pk(pk, year, out)
    else:
        out.missing.append("a PK capaian table (a header naming Indikator, Target, Realisasi and Capaian)")
    main, budget = budget_rows(doc)
    if budget:
        programs = [r for r in budget if r.level == "program" and r.canonical]
        total = [r for r in budget if r.level == "total"]
        out.found.append(f"budget table '{main.caption}' (line {main.first_line}): {len(programs)} programs"
                         + (f", total {total[0].pagu.text if total[0].pagu else ''}" if total else ""))
        if not total:
            out.missing.append("the budget total (a row Jumlah / Total in the budget table)")
        _propose_budget(budget, year, out)
    else:
        out.missing.append("a budget table (a header naming Program, Pagu or Anggaran, Realisasi)")
    return out


def _propose_meta(facts: list[Fact], out: Proposals) -> None:
    keys = [f.key for f in facts]
    for fact in facts:
        out.rows["meta"].append({"key": fact.key, "printed": fact.printed, "value": fact.value,
                                 "source_table": fact.section, "source_line": str(fact.line), "review": PROPOSED})
        out.found.append(f"{fact.key}: {fact.printed!r} (line {fact.line})")
    for key, what in (("head", "the head's name (a signature block with NIP)"),
                      ("report_date", "the report's date (<place>, <day> <month> <year>)"),
                      ("renstra_period", "the Renstra period (Renstra ... 20XX-20YY)")):
        if key not in keys:
            out.missing.append(what)


def _unit(row: PKRow) -> str:
    if row.satuan:
        return row.satuan.text
    try:
        figure = parse_figure(row.target.text)
    except FigureError:
        return "(not printed)"
    if figure.grade:
        return "grade"
    if "%" in figure.unit or re.search(r"%|persen", row.realisasi.text, re.IGNORECASE):
        return "%"
    return figure.unit or "(not printed)"


def _polarity(row: PKRow) -> str:
    if LOWER_IS_BETTER.search(row.indicator.text):
        return "lower"
    try:
        target, realised, capaian = (parse_figure(f.text).value for f in (row.target, row.realisasi, row.capaian))
    except FigureError:
        return "higher"
    if None not in (target, realised, capaian) and realised > target and capaian < 100:
        return "lower"
    return "higher"


def _variant(row: PKRow, polarity: str) -> str:
    try:
        if parse_figure(row.target.text).grade:
            return "grade"
    except FigureError:
        pass
    return "lower_standard" if polarity == "lower" else "higher_ratio"


def _propose_pk(rows: list[PKRow], year: int, out: Proposals) -> None:
    for n, row in enumerate(rows, start=1):
        iid = f"P{n}"
        polarity = _polarity(row)
        sasaran = row.sasaran.text if row.sasaran else "[blank]"
        notes = [GUESSED, *row.notes] + ([] if row.sasaran else ["this table prints no sasaran: write it from the "
                                                                  "Perjanjian Kinerja table"])
        indicator = {"indicator_id": iid, "sasaran": sasaran, "indicator": row.indicator.text,
                     "indicator_en": "(gloss to write)", "unit": _unit(row), "polarity": polarity,
                     "theme": theme_of(f"{row.indicator.text} {sasaran}"), "formula_variant": _variant(row, polarity),
                     "source_table": row.table, "source_line": str(row.indicator.first), "note": "; ".join(notes),
                     "review": PROPOSED}
        if row.indicator.lines != str(row.indicator.first):
            indicator["indicator_line"] = row.indicator.lines
        if row.sasaran and row.sasaran.lines != indicator["source_line"]:
            indicator["sasaran_line"] = row.sasaran.lines
        out.rows["indicators"].append(indicator)
        result = {"indicator_id": iid, "year": str(year), "basis": "annual", "canonical": "true",
                  "target_printed": row.target.text, "realisasi_printed": row.realisasi.text,
                  "capaian_reported_printed": row.capaian.text,
                  "category_reported": row.kategori.text if row.kategori else "",
                  "source_table": row.table, "source_line": str(row.line), "review": PROPOSED}
        for col, frag in (("target", row.target), ("realisasi", row.realisasi), ("capaian_reported", row.capaian),
                          ("category_reported", row.kategori)):
            if frag and frag.lines != str(row.line):
                result[f"{col}_line"] = frag.lines
        out.rows["indicator_results"].append(derive_row(TABLES["indicator_results"], result))


def _item_id(row: BudgetRow, used: dict[str, str]) -> str:
    if row.level == "total":
        return "total"
    if row.item_key not in used:
        slug = "-".join(row.item_key.split()[:6]) or "program"
        base, k = f"prog-{slug}", 2
        while f"prog-{slug}" in used.values():
            slug = f"{base.removeprefix('prog-')}-{k}"
            k += 1
        used[row.item_key] = f"prog-{slug}"
    return used[row.item_key]


def _propose_budget(rows: list[BudgetRow], year: int, out: Proposals) -> None:
    used: dict[str, str] = {}
    has_total = any(r.level == "total" for r in rows)
    for row in rows:
        item = {"item_id": _item_id(row, used), "parent_id": "total" if row.level == "program" and has_total else "",
                "level": row.level, "code": row.code.rstrip(".") if row.level == "program" else "",
                "name": row.name.text, "stage": row.stage, "year": str(year),
                "output_target": row.output.text if row.output else "",
                "pagu_printed": row.pagu.text if row.pagu else "",
                "realisasi_printed": row.realisasi.text if row.realisasi else "",
                "pct_reported_printed": row.pct.text if row.pct else "",
                "canonical": "true" if row.canonical else "false",
                "canonical_reason": "" if row.canonical else "the table printing pagu and realisasi is canonical",
                "source_table": row.table, "source_line": str(row.line), "review": PROPOSED}
        if row.name.lines != str(row.line):
            item["name_line"] = row.name.lines
        for col, frag in (("pagu", row.pagu), ("realisasi", row.realisasi), ("pct_reported", row.pct),
                          ("output_target", row.output)):
            if frag and frag.lines != str(row.line):
                item[f"{col}_line"] = frag.lines
        out.rows["budget"].append(derive_row(TABLES["budget"], item))
    for r in out.rows["budget"]:
        versions = [x for x in out.rows["budget"] if (x["item_id"], x["stage"]) == (r["item_id"], r["stage"])]
        if r["canonical"] == "true" and len(versions) > 1:
            r["canonical_reason"] = "the table printing pagu and realisasi, with the most programs"


def is_confirmed(row: dict) -> bool:
    """A row a person has confirmed: ``review`` empty or ``confirmed``."""
    return (row.get("review") or "").strip() != PROPOSED


def _read(path: Path) -> tuple[list[str], list[dict]]:
    if not path.exists():
        return [], []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _merge(name: str, confirmed: list[dict], proposed: list[dict]) -> list[dict]:
    """Confirmed rows as they are, then the proposals that do not repeat what is confirmed (for
    indicators this is done beforehand, by name, in :func:`extract`)."""
    if name == "meta":
        keys = {r.get("key") for r in confirmed}
        return confirmed + [r for r in proposed if r["key"] not in keys]
    if name == "budget":
        canon = {(r.get("item_id"), r.get("stage"), r.get("year")) for r in confirmed
                 if (r.get("canonical") or "").lower() == "true"}
        seen = {(r.get("item_id"), r.get("source_table"), r.get("source_line")) for r in confirmed}
        out = list(confirmed)
        for r in proposed:
            if (r["item_id"], r["source_table"], r["source_line"]) in seen:
                continue
            if (r["item_id"], r["stage"], r["year"]) in canon and r["canonical"] == "true":
                r = {**r, "canonical": "false", "canonical_reason": "a confirmed version is canonical"}
            out.append(r)
        return out
    return confirmed + proposed


def _renumber(confirmed_ids: set[str], indicators: list[dict], results: list[dict]) -> None:
    mapping, k = {}, 1
    for row in indicators:
        while f"P{k}" in confirmed_ids:
            k += 1
        mapping[row["indicator_id"]] = f"P{k}"
        k += 1
    for row in [*indicators, *results]:
        row["indicator_id"] = mapping.get(row["indicator_id"], row["indicator_id"])


def extract(agency_id: str, root: Path | None = None) -> Proposals:
    """Propose the minimal profile of a registered report into its CSV files."""
    root = root or data_dir()
    entry = agency_entry(agency_id, root)
    text = source_path(entry, root).read_text(encoding="utf-8")
    proposals = propose(text, int(entry["year"]))
    folder = root / agency_id
    folder.mkdir(exist_ok=True)
    existing = {name: _read(folder / f"{name}.csv") for name in proposals.rows}
    confirmed = {name: [r for r in rows if is_confirmed(r)] for name, (_, rows) in existing.items()}
    names = {" ".join(r.get("indicator", "").lower().split()) for r in confirmed["indicators"]}
    kept = [r for r in proposals.rows["indicators"] if " ".join(r["indicator"].lower().split()) not in names]
    kept_ids = {r["indicator_id"] for r in kept}
    results = [r for r in proposals.rows["indicator_results"] if r["indicator_id"] in kept_ids]
    _renumber({r.get("indicator_id") for r in confirmed["indicators"]}, kept, results)
    proposals.rows["indicators"], proposals.rows["indicator_results"] = kept, results
    for name, rows in proposals.rows.items():
        header = existing[name][0]
        merged = _merge(name, confirmed[name], rows)
        columns = [c for c in TABLES[name].all_columns()
                   if c in header or c == "review" or any(r.get(c) for r in merged)]
        columns += [c for c in header if c not in columns]
        write_csv(folder / f"{name}.csv", columns, merged)
    return proposals
