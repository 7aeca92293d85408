"""Load one agency's curated data, validated, as DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem
from .registry import agency_entry, data_dir, source_path
from .schema import TABLES
from .tables import read_table
from .text import split_lines

#: Columns of :attr:`Agency.indicators`, in order.
INDICATOR_COLUMNS = [
    "agency_id", "year", "indicator_id", "misi", "sasaran", "indicator", "indicator_en", "unit",
    "polarity", "theme", "target", "target_printed", "target_grade", "realisasi", "realisasi_printed",
    "realisasi_grade", "numerator", "denominator", "capaian_reported", "capaian_reported_printed",
    "category_reported", "formula_reported", "formula_variant", "unit_mismatch", "source_table",
    "source_line", "target_line", "realisasi_line", "capaian_reported_line", "category_reported_line",
]


@dataclass
class Agency:
    """One agency's report: registry facts and curated tables."""

    id: str
    meta: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    source_lines: list[str] = field(default_factory=list)

    @property
    def curated(self) -> bool:
        """Whether any indicator data is curated yet."""
        return not self.table("indicators").empty

    def table(self, name: str) -> pd.DataFrame:
        """A curated table by kind; an empty frame with the documented columns when absent."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TABLES[name].all_columns()})

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per PK indicator of the report year, with its canonical printed results."""
        return indicator_frame(self)

    @property
    def budget(self) -> pd.DataFrame:
        return self.table("budget")

    def line(self, number: int) -> str:
        """The source report's line (1-based)."""
        return self.source_lines[number - 1]


def indicator_frame(agency: Agency) -> pd.DataFrame:
    """Indicators joined with their canonical annual result for the report year."""
    defs = agency.table("indicators")
    results = agency.table("indicator_results")
    year = agency.meta["year"]
    canon = results[(results["canonical"] == True) & (results["year"] == year)  # noqa: E712
                    & (results["basis"] == "annual")]
    defs = defs.drop(columns=["source_table", "source_line", "note", "csv_row"], errors="ignore")
    frame = defs.merge(canon, on="indicator_id", how="left", validate="one_to_one")
    frame["agency_id"] = agency.id
    frame["year"] = year
    return frame[INDICATOR_COLUMNS].reset_index(drop=True)


def agency_dir(agency_id: str, root: Path | None = None) -> Path:
    """Folder of an agency's curated tables."""
    return (root or data_dir()) / agency_id


def load_agency(agency_id: str, root: Path | None = None) -> Agency:
    """Load and validate an agency's curated tables (all that exist under ``data/<id>/``).

    Raises :class:`lkjpy.DataError` listing every problem, each naming file, row and column.
    """
    root = root or data_dir()
    entry = agency_entry(agency_id, root)
    lines = split_lines(source_path(entry, root).read_text(encoding="utf-8"))
    folder = agency_dir(agency_id, root)
    tables, problems = {}, []
    for name, spec in TABLES.items():
        path = folder / f"{name}.csv"
        if path.exists():
            try:
                tables[name] = read_table(path, spec, lines)
            except DataError as exc:
                problems += exc.problems
    if not problems:
        problems = cross_check(tables, entry, folder)
    if problems:
        raise DataError(problems)
    meta = dict(entry)
    if "meta" in tables:
        meta.update(dict(zip(tables["meta"]["key"], tables["meta"]["value"])))
    return Agency(id=agency_id, meta=meta, tables=tables, source_lines=lines)


def _rows(frame: pd.DataFrame, column: str) -> list[tuple[int, str]]:
    return [(int(r), v) for r, v in zip(frame["csv_row"], frame[column]) if v != ""]


def cross_check(tables: dict[str, pd.DataFrame], entry: dict, folder: Path) -> list[Problem]:
    """Problems between tables: unknown ids, missing canonical results, clashing meta keys."""
    out: list[Problem] = []
    ids = set(tables["indicators"]["indicator_id"]) if "indicators" in tables else set()
    for name in ("indicator_results", "renstra_targets", "benchmarks"):
        if name in tables:
            out += [Problem(folder / f"{name}.csv", f"indicator {v!r} is not in indicators.csv", r, "indicator_id")
                    for r, v in _rows(tables[name], "indicator_id") if v not in ids]
    if ids:
        results = tables.get("indicator_results", pd.DataFrame(columns=["indicator_id", "year", "basis", "canonical"]))
        have = set(results[(results["year"] == entry["year"]) & (results["basis"] == "annual")
                           & (results["canonical"] == True)]["indicator_id"])  # noqa: E712
        out += [Problem(folder / "indicators.csv", f"indicator {i!r} has no canonical annual result for "
                        f"{entry['year']} in indicator_results.csv", r, "indicator_id")
                for r, i in _rows(tables["indicators"], "indicator_id") if i not in have]
    if "budget" in tables:
        items = set(tables["budget"]["item_id"])
        out += [Problem(folder / "budget.csv", f"parent {v!r} is not an item_id of budget.csv", r, "parent_id")
                for r, v in _rows(tables["budget"], "parent_id") if v not in items]
    if "aggregates" in tables:
        known = ids | (set(tables["budget"]["item_id"]) if "budget" in tables else set())
        for r, v in _rows(tables["aggregates"], "components"):
            unknown = [c for c in (x.strip() for x in v.split(";")) if c and c not in known]
            if unknown:
                out.append(Problem(folder / "aggregates.csv", f"components {unknown} are neither indicator "
                                   "ids nor budget item ids", r, "components"))
    if "meta" in tables:
        out += [Problem(folder / "meta.csv", f"key {v!r} is a registry field; set it in agencies.yml", r, "key")
                for r, v in _rows(tables["meta"], "key") if v in entry]
    return out
