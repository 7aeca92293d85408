"""The curated tables: one spec per kind of table, documented in ``data/README.md``.

Conventions shared by every table:

- a *figure* ``X`` is two columns: ``X_printed`` (the cell's text exactly as printed) and
  ``X`` (its parsed value, which must equal what :func:`lkjpy.parse.parse_figure` reads
  from the text); a graded figure adds ``X_grade`` (``AA`` ... ``D``);
- every row cites ``source_table`` and ``source_line`` (1-based, in
  ``data/sources/<agency id>.txt``); a value printed on another line says so in an
  optional ``X_line`` column (a line ``N`` or a range ``N-M`` for text broken over lines);
- ``note`` holds the curator's reasoned annotation; ``number_format`` (``id`` default,
  ``en``) says which separators the row's table prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Meta keys whose value is a number the printed text states (checked against it).
META_NUMBERS = ("staff_total", "akip_score")
#: Meta keys whose value is a SAKIP grade letter the printed text states (checked against it).
META_GRADES = ("akip_grade",)
CAPAIAN_VARIANTS = ("higher_ratio", "lower_standard", "lower_inverse", "lower_over_realisasi", "grade")
THEMES = ("cooperatives", "msme", "labour", "governance", "innovation")


@dataclass(frozen=True)
class Col:
    """One plain column: its type, whether it must be filled, allowed values."""

    kind: str = "text"  # text | int | float | bool | line | lines
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """A kind of curated table (``data/<agency id>/<name>.csv``)."""

    name: str
    doc: str
    key: tuple[str, ...]
    columns: dict[str, Col]
    figures: dict[str, str] = field(default_factory=dict)
    graded: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()
    versioned_by: tuple[str, ...] = ()
    #: figure -> "amount" (Rp allowed, no %), "percent" (% allowed, no Rp) or "count" (neither)
    figure_kinds: dict[str, str] = field(default_factory=dict)
    #: rows carry a ``review`` state: proposed by ``extract`` or confirmed by a person
    reviewed: bool = False

    def all_columns(self) -> dict[str, Col]:
        """Every column the table may have, in documented order."""
        cols = dict(self.columns)
        for fig, doc in self.figures.items():
            cols[f"{fig}_printed"] = Col("text", doc=f"{doc}, as printed")
            cols[fig] = Col("float", doc=f"{doc}, parsed")
            if fig in self.graded:
                cols[f"{fig}_grade"] = Col("text", choices=("AA", "A", "BB", "B", "CC", "C", "D"),
                                           doc=f"{doc}: SAKIP grade letter, parsed")
        if self.versioned_by:
            cols["canonical"] = Col("bool", required=True, doc="this row is the canonical version")
            cols["canonical_reason"] = Col("text", doc="why this version is (or is not) canonical")
        cols.update(COMMON)
        if self.figures:
            cols["malformed"] = Col("text", doc="';'-separated figures whose printed text does not read as a "
                                    "number (e.g. '96,06.%'): kept as printed, parsed column left empty, "
                                    "reported by the audit")
        for name in [*self.figures, *self.cited]:
            cols[f"{name}_line"] = Col("lines", doc=f"line(s) of {name} when not on source_line")
        if self.reviewed:
            cols["review"] = REVIEW
        return cols

    def cited_columns(self) -> list[str]:
        """Columns whose text must stand on the cited line."""
        return [*(f"{f}_printed" for f in self.figures), *self.cited]


COMMON = {
    "source_table": Col("text", required=True, doc="the table (or section) as the report names it"),
    "source_line": Col("line", required=True, doc="1-based line in data/sources/<id>.txt"),
    "number_format": Col("text", choices=("id", "en"), doc="separators of the printed numbers (default id)"),
    "note": Col("text", doc="curator's annotation: interpretation, doubt, reason"),
}

REVIEW = Col("text", choices=("proposed", "confirmed"),
              doc="proposed by `python -m lkjpy extract` and not yet checked by a person, or confirmed; empty means confirmed")

TABLES: dict[str, Table] = {t.name: t for t in [
    Table(
        "meta", "Facts about the report: head, dates, plan periods.",
        key=("key",),
        columns={
            "key": Col("text", True, doc="what the fact is (see data/README.md for the keys in use)"),
            "printed": Col("text", True, doc="the text as printed"),
            "value": Col("text", True, doc="the fact in a normal form (ISO date, 2021-2026, ...)"),
        },
        cited=("printed",),
        reviewed=True,
    ),
    Table(
        "indicators", "The Perjanjian Kinerja indicators of the report year: what each measures.",
        key=("indicator_id",),
        columns={
            "indicator_id": Col("text", True, doc="short id, unique in the agency (e.g. K1)"),
            "misi": Col("text", doc="the misi the indicator serves, as printed"),
            "tujuan": Col("text", doc="the tujuan, as printed"),
            "sasaran": Col("text", True, doc="the sasaran strategis, as printed"),
            "indicator": Col("text", True, doc="the indicator's name, as printed"),
            "indicator_en": Col("text", True, doc="English gloss"),
            "unit": Col("text", True, doc="satuan: %, grade, index, people, ..."),
            "polarity": Col("text", True, ("higher", "lower"), doc="higher or lower is better"),
            "theme": Col("text", True, THEMES, doc="shared theme for the cross-agency comparison"),
            "formula_reported": Col("text", doc="the capaian formula the report states, as printed"),
            "formula_variant": Col("text", True, CAPAIAN_VARIANTS, doc="the named variant the report used"),
            "definition_reported": Col("text", doc="how the report defines the indicator, as printed"),
        },
        cited=("sasaran", "indicator", "formula_reported", "definition_reported"),
        reviewed=True,
    ),
    Table(
        "indicator_results", "Every printed version of an indicator's target, realisation and capaian.",
        key=("indicator_id", "year", "basis", "source_table", "source_line"),
        columns={
            "indicator_id": Col("text", True),
            "year": Col("int", True, doc="the year the figures refer to"),
            "basis": Col("text", True, ("annual", "renstra_end"),
                         doc="annual target, or the end-of-Renstra target"),
            "category_reported": Col("text", doc="the rating word printed for the capaian"),
            "unit_mismatch": Col("bool", doc="the realisation is printed in another unit than the indicator's"),
            "formula_printed": Col("text", doc="the formula this table prints with the figures, as printed"),
        },
        figures={"target": "target", "realisasi": "realisation", "capaian_reported": "capaian (%)",
                 "numerator": "numerator of the realisation", "denominator": "denominator of the realisation",
                 "progress_reported": "tingkat kemajuan as printed",
                 "change_reported": "change from an earlier year as printed",
                 "growth_current": "year-n value plugged into a printed growth formula",
                 "growth_previous": "year n-1 value plugged into a printed growth formula"},
        graded=("target", "realisasi"),
        cited=("category_reported", "formula_printed"),
        figure_kinds={"capaian_reported": "percent"},
        versioned_by=("indicator_id", "year", "basis"),
        reviewed=True,
    ),
    Table(
        "renstra_targets", "The Renstra's targets by year, and its end-of-period target.",
        key=("indicator_id", "year", "source_table", "source_line"),
        columns={
            "indicator_id": Col("text", True),
            "year": Col("int", True),
            "end_of_period": Col("bool", doc="the plan's final-year target"),
        },
        figures={"target": "target"},
        graded=("target",),
        versioned_by=("indicator_id", "year"),
    ),
    Table(
        "benchmarks", "Comparison standards: the same indicator at other bodies (province, nation).",
        key=("indicator_id", "year", "body", "source_line"),
        columns={
            "indicator_id": Col("text", True),
            "year": Col("int", True),
            "body": Col("text", True, doc="whose figure it is, as printed"),
            "scope": Col("text", True, ("provincial", "national", "other")),
            "kind": Col("text", True, ("realisasi", "target", "capaian"),
                        doc="the body's realisation, its target, or its capaian (%)"),
            "gap_words": Col("text", doc="the words that compare the body's figure with the agency's, as printed "
                             "(e.g. 'lebih tinggi')"),
            "gap_subject": Col("text", choices=("agency", "body"),
                               doc="whose figure gap_words call higher or lower"),
        },
        figures={"value": "the body's figure",
                 "gap": "the difference the report prints between the agency's figure and the body's (same kind "
                        "and year)"},
        graded=("value",),
        cited=("gap_words",),
    ),
    Table(
        "rating_scales", "Each rating scale the report prints, band by band.",
        key=("scale_id", "band"),
        columns={
            "scale_id": Col("text", True, doc="id of the scale within the agency"),
            "applies_to": Col("text", True, ("capaian", "akip", "efficiency", "program", "other")),
            "band": Col("int", True, doc="1 = best band"),
            "label": Col("text", True, doc="the word the band gives, as printed"),
            "grade": Col("text", doc="grade letter if the band prints one"),
            "range_printed": Col("text", True, doc="the band's range as printed"),
            "lower": Col("float", doc="lower edge; empty = unbounded"),
            "lower_inclusive": Col("bool"),
            "upper": Col("float", doc="upper edge; empty = unbounded"),
            "upper_inclusive": Col("bool"),
        },
        cited=("label", "range_printed"),
    ),
    Table(
        "aggregates", "Printed averages and totals of indicator results (per misi, sasaran, overall).",
        key=("aggregate_id", "source_table", "source_line"),
        columns={
            "aggregate_id": Col("text", True),
            "scope": Col("text", True, ("overall", "misi", "sasaran", "other")),
            "scope_name": Col("text", doc="which misi or sasaran, as printed"),
            "measure": Col("text", True, ("capaian_mean", "target_mean", "realisasi_mean", "serapan_mean",
                                          "pagu_mean", "spent_mean", "efficiency_mean", "count", "count_met",
                                          "count_not_met", "other"),
                           doc="count: how many items the components list; count_met / count_not_met: how "
                               "many of the component indicators reach / miss 100 % printed capaian"),
            "components": Col("text", True, doc="';'-separated indicator or budget item ids it covers"),
            "year": Col("int", True),
            "label_reported": Col("text", doc="the rating word printed with it"),
        },
        figures={"value": "the printed figure"},
        cited=("label_reported",),
        versioned_by=("aggregate_id",),
    ),
    Table(
        "budget", "Budget rows: total, programs, kegiatan, sub-kegiatan, belanja types, sasaran.",
        key=("item_id", "stage", "source_table", "source_line"),
        columns={
            "item_id": Col("text", True, doc="id shared by every printed version of the item"),
            "parent_id": Col("text", doc="item_id of the row this one adds up into"),
            "level": Col("text", True, ("total", "program", "kegiatan", "sub_kegiatan", "belanja",
                                         "sasaran", "funding")),
            "code": Col("text", doc="budget code as printed"),
            "name": Col("text", True, doc="as printed"),
            "funding": Col("text", doc="APBD, APBN, DAU, DAK, ..."),
            "stage": Col("text", True, ("final", "original", "revised"),
                         doc="final (default), or before/after the budget revision"),
            "year": Col("int", True),
            "output_target": Col("text", doc="the physical output target printed with the row"),
        },
        figures={"pagu": "allocation (Rp)", "realisasi": "spent (Rp)", "pct_reported": "serapan (%)",
                 "sisa_reported": "remaining (Rp)", "physical_pct_reported": "realisasi fisik (%)"},
        cited=("name", "output_target"),
        figure_kinds={"pagu": "amount", "realisasi": "amount", "sisa_reported": "amount",
                      "pct_reported": "percent", "physical_pct_reported": "percent"},
        versioned_by=("item_id", "stage", "year"),
        reviewed=True,
    ),
    Table(
        "efficiency", "Efficiency tables: capaian kinerja against serapan anggaran, as printed.",
        key=("item_id", "source_table", "source_line"),
        columns={
            "item_id": Col("text", True, doc="sasaran, indicator or budget item it concerns"),
            "name": Col("text", True, doc="as printed"),
            "method_variant": Col("text", True, ("difference", "ratio", "one_minus_ratio", "comparison",
                                                  "other"), doc="the report's method, named"),
            "method_reported": Col("text", doc="the method as the report states it"),
            "label_reported": Col("text", doc="the verdict word printed"),
        },
        figures={"target_kinerja": "performance target", "realisasi_kinerja": "performance realised",
                 "capaian_kinerja": "capaian kinerja (%)", "pagu": "allocation (Rp)",
                 "realisasi": "spent (Rp)", "serapan": "serapan anggaran (%)",
                 "efficiency": "efficiency as printed"},
        graded=("target_kinerja", "realisasi_kinerja"),
        figure_kinds={"pagu": "amount", "realisasi": "amount", "serapan": "percent", "capaian_kinerja": "percent"},
        cited=("name", "method_reported", "label_reported"),
    ),
    Table(
        "staff", "Staff counts by golongan, education, position, employment status.",
        key=("dimension", "category", "subcategory", "source_line"),
        columns={
            "dimension": Col("text", True, ("golongan", "education", "position", "employment", "other")),
            "category": Col("text", True, doc="as printed"),
            "subcategory": Col("text", doc="second dimension of a cross-table, as printed"),
            "is_total": Col("bool", doc="a printed total row"),
        },
        figures={"count": "people"},
        cited=("category",),
        figure_kinds={"count": "count"},
    ),
    Table(
        "context", "Quantitative context series (koperasi, UMKM, labour, training, assets...).",
        key=("series_id", "year", "category", "subcategory", "source_line"),
        columns={
            "series_id": Col("text", True),
            "series_label": Col("text", True, doc="English label of the series"),
            "year": Col("int"),
            "category": Col("text", doc="row label as printed"),
            "subcategory": Col("text", doc="column label as printed"),
            "unit": Col("text", True),
            "is_total": Col("bool"),
        },
        figures={"value": "value"},
        cited=("category",),
    ),
]}


def markdown_reference() -> str:
    """The column reference of every table kind, as Markdown (embedded in data/README.md)."""
    out = []
    for spec in TABLES.values():
        out += [f"### `{spec.name}.csv`", "", spec.doc, "",
                f"Key: `{', '.join(spec.key)}`." + (f" Versions of one quantity share "
                f"`{', '.join(spec.versioned_by)}`; exactly one is `canonical`." if spec.versioned_by else ""),
                "", "| column | type | required | allowed / meaning |", "|---|---|---|---|"]
        for name, col in spec.all_columns().items():
            allowed = "; ".join(p for p in (", ".join(col.choices), col.doc) if p)
            out.append(f"| `{name}` | {col.kind} | {'yes' if col.required else ''} | {allowed} |")
        out.append("")
    return "\n".join(out)
