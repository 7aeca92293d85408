"""Build small in-memory agencies for tests: printed text in, parsed values filled by the parser."""

from __future__ import annotations

from lkjpy.load import Agency
from lkjpy.parse import parse_figure
from lkjpy.schema import TABLES
from lkjpy.tables import to_frame

DEFAULTS = {
    "indicators": {"sasaran": "S", "indicator_en": "x", "unit": "%", "polarity": "higher", "theme": "msme",
                   "formula_variant": "higher_ratio"},
    "indicator_results": {"year": 2024, "basis": "annual", "canonical": True},
    "budget": {"stage": "final", "year": 2024, "canonical": True, "level": "program"},
    "aggregates": {"scope": "overall", "measure": "capaian_mean", "year": 2024, "canonical": True},
    "efficiency": {"method_variant": "difference"},
}


def make_agency(tables: dict[str, list[dict]], year: int = 2024, agency_id: str = "synthetic") -> Agency:
    """An Agency from records; each ``X_printed`` is parsed into ``X`` (and ``X_grade``)."""
    frames = {}
    for name, records in tables.items():
        spec = TABLES[name]
        columns = spec.all_columns()
        rows = []
        for n, record in enumerate(records, start=1):
            row = {"__row__": n, "source_table": "Tabel T", "source_line": 100 + n,
                   **DEFAULTS.get(name, {}), **record}
            for fig in spec.figures:
                text = row.get(f"{fig}_printed")
                if text and fig not in str(row.get("malformed", "")).split(";"):
                    parsed = parse_figure(text, row.get("number_format") or "id")
                    row.setdefault(fig, parsed.value)
                    if fig in spec.graded:
                        row.setdefault(f"{fig}_grade", parsed.grade)
            rows.append(row)
        frames[name] = to_frame(rows, columns, list(columns))
    meta = {"id": agency_id, "name": "Dinas Sintetis", "year": year}
    return Agency(id=agency_id, meta=meta, tables=frames)
