"""Row selection shared by the measures and the audit: which printed version counts, where a
figure is printed, what a row's components are, and one notion of "missing".

Every function takes rows as the loader gives them (DataFrames, or records from
``frame.to_dict("records")``) and never changes them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from .parse import FigureError, parse_figure
from .tables import line_span

Row = Mapping[str, object]

#: Budget stages in order of preference: the final figures, else those after the revision.
STAGE_ORDER = {"final": 0, "revised": 1}

#: The one notion of "missing": the report prints no value (an empty cell, a dash, nothing at
#: all). A spreadsheet error or an unreadable figure is printed, but unreadable.
NOT_PRINTED = ("blank", "dash", "absent")


def num(value: object) -> float:
    """A cell as float; NaN for empty, NA or text."""
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def has(value: object) -> bool:
    """Whether a cell holds a number."""
    return not math.isnan(num(value))


def text(value: object) -> str:
    """A cell as text; empty for None and NA."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)


def flag(value: object) -> bool:
    """A boolean cell; empty counts as false."""
    return False if value is None or value is pd.NA else bool(value)


def number_format(row: Row) -> str:
    """The separators a row's table prints (``id`` unless the row says ``en``)."""
    return text(row.get("number_format")) or "id"


def records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as plain dicts (fast to read, one conversion per table)."""
    if frame.empty:
        return []
    keys = list(frame.columns)
    return [dict(zip(keys, values)) for values in zip(*(frame[k].tolist() for k in keys))]


# --- versions ---------------------------------------------------------------------------------

def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical version of each quantity (tables without versions: every row)."""
    return frame[frame["canonical"].fillna(False).astype(bool)] if "canonical" in frame else frame


def is_canonical(row: Row) -> bool:
    return flag(row.get("canonical", True))


def latest_stage(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per item: the final figures, else those after the budget revision."""
    rows = rows[rows["stage"].isin(STAGE_ORDER)]
    rows = rows.assign(_order=rows["stage"].map(STAGE_ORDER)).sort_values("_order", kind="stable")
    return rows.drop_duplicates("item_id").drop(columns="_order")


def unit_mismatch(frame: pd.DataFrame) -> pd.Series:
    """Per row, whether the curators flagged the realisation as printed in another unit than the
    indicator's (missing counts as not flagged)."""
    return frame["unit_mismatch"].fillna(False).astype(bool)


def row_unit_mismatch(row: Row) -> bool:
    return flag(row.get("unit_mismatch"))


def numeric_realisations(results: pd.DataFrame | list[dict]) -> dict[tuple[str, int], dict]:
    """Per (indicator, year), the annual version whose realisation is a number in the indicator's
    unit: the canonical one when it is, else the first printed version that gives one (e.g. a
    grade's score, or a percentage where the canonical version prints a count)."""
    rows = records(results) if isinstance(results, pd.DataFrame) else results
    out: dict[tuple[str, int], tuple[bool, dict]] = {}
    for row in rows:
        if row["basis"] != "annual" or not has(row["realisasi"]) or row_unit_mismatch(row):
            continue
        key, rank = (row["indicator_id"], int(row["year"])), not is_canonical(row)
        if key not in out or rank < out[key][0]:
            out[key] = (rank, row)
    return {k: v[1] for k, v in out.items()}


# --- lines and components ------------------------------------------------------------------------

def figure_line(row: Row, figure: str = "") -> int:
    """The (first) line a figure of a row is printed on: its ``X_line``, else the row's line."""
    cite = text(row.get(f"{figure}_line")) if figure else ""
    return line_span(cite)[0] if cite else int(row["source_line"])


def figure_lines(row: Row, *figures: str) -> list[int]:
    """Sorted lines of the given figures of a row (the row's line when none is named)."""
    if not figures:
        return [int(row["source_line"])]
    return sorted({figure_line(row, f) for f in figures})


def components(value: object) -> list[str]:
    """The ids a ``;``-separated components cell lists, in printed order."""
    return [c.strip() for c in text(value).split(";") if c.strip()]


# --- missing ---------------------------------------------------------------------------------------

def missing_status(printed: object, fmt: str = "id") -> str | None:
    """Why a printed figure carries no value: not printed (one of :data:`NOT_PRINTED`), or
    ``spreadsheet_error`` / ``unreadable``; None when it reads as a figure with a value."""
    try:
        fig = parse_figure(text(printed), fmt)
    except FigureError:
        return "unreadable"
    if fig.status != "ok":
        return fig.status
    return None if fig.value is not None or fig.grade else "no number"


def mean(values) -> float:
    """Arithmetic mean as a float sum (statistics.mean is exact but slow)."""
    values = list(values)
    return math.fsum(values) / len(values)
