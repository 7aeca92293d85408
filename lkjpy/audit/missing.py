"""What the report prints instead of a figure: spreadsheet errors, unreadable figures, required
PK figures left out, realisations in another unit."""

from __future__ import annotations

from ..parse import SPREADSHEET_ERRORS
from ..rows import NOT_PRINTED, figure_lines, is_canonical, missing_status, number_format, row_unit_mismatch, text
from ..schema import TABLES
from ..tables import malformed_figures
from .context import Context
from .finding import Collector


def _row_subject(table: str, row: dict) -> str:
    """How a finding names a row: by its ids where the table has them, else by table and row."""
    for keys in (("indicator_id", "year"), ("item_id",), ("aggregate_id",), ("series_id", "category"),
                 ("dimension", "category"), ("key",)):
        if all(text(row.get(k)) for k in keys):
            return " ".join(text(row[k]) for k in keys)
    return f"{table} row {row.get('csv_row')}"


def check_printed_errors(ctx: Context, out: Collector) -> None:
    """Spreadsheet errors and unreadable figures, in every curated table."""
    for name, spec in TABLES.items():
        for row in ctx.rows(name):
            malformed = malformed_figures(row)
            for fig in spec.figures:
                printed = text(row.get(f"{fig}_printed"))
                if fig in malformed:
                    out.add(check="malformed", subject=f"{_row_subject(name, row)} {fig}", reported=printed,
                            severity="error", lines=figure_lines(row, fig), table=row["source_table"],
                            message=f"the report prints '{printed}' where a number belongs, which reads as no number",
                            key=(figure_lines(row, fig)[0], printed), cell=(figure_lines(row, fig)[0], printed))
                elif printed.startswith("#") and " ".join(printed.split()).upper() in SPREADSHEET_ERRORS:
                    out.add(check="spreadsheet_error", subject=f"{_row_subject(name, row)} {fig}", reported=printed,
                            severity="error", lines=figure_lines(row, fig), table=row["source_table"],
                            message=f"the report prints the spreadsheet error {printed} instead of a figure",
                            key=(row["source_table"], fig, printed), cell=(figure_lines(row, fig)[0], printed))


def check_missing(ctx: Context, out: Collector) -> None:
    """The report year's PK results (canonical versions) without a target, realisation or capaian.
    Only rows that are curated are judged: a table not curated is not missing from the report."""
    for row in ctx.rows("indicator_results"):
        if row["year"] != ctx.year or row["basis"] != "annual" or not is_canonical(row):
            continue
        malformed = malformed_figures(row)
        gaps = {}
        for fig in ("target", "realisasi", "capaian_reported"):
            status = missing_status(row[f"{fig}_printed"], number_format(row))
            if fig not in malformed and status in NOT_PRINTED:
                gaps[fig.replace("_reported", "")] = (status, figure_lines(row, fig)[0])
        if gaps:
            words = " and ".join(f"no {fig} ({status})" for fig, (status, _) in gaps.items())
            out.add(check="missing", subject=f"{row['indicator_id']} {ctx.year} PK result",
                    reported="; ".join(text(row[f"{f}_printed" if f != "capaian" else "capaian_reported_printed"])
                                       or "(not printed)" for f in gaps),
                    severity="error", lines=[ln for _, ln in gaps.values()], table=row["source_table"],
                    message=f"the report's PK result for {row['indicator_id']} has {words}")


def check_units(ctx: Context, out: Collector) -> None:
    """Realisations the curators flagged as printed in another unit than the indicator's; one
    finding per printed figure, listing every line that prints it."""
    for row in ctx.rows("indicator_results"):
        if row_unit_mismatch(row):
            unit = ctx.defs.get(row["indicator_id"], {}).get("unit", "?")
            printed = text(row["realisasi_printed"])
            out.add(check="unit", subject=f"{row['indicator_id']} {row['year']} realisasi", reported=printed,
                    severity="error", lines=figure_lines(row, "realisasi"), table=row["source_table"],
                    message=f"the realisation {printed} is not in the indicator's unit ({unit}), so no capaian, mean "
                            "or change is computed from it",
                    key=(row["indicator_id"], row["year"], printed))
