"""What every check reads: the agency's tables as records (converted once), its definitions and
printed rating scales."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..coverage import covered_tables
from ..load import Agency
from ..rows import records, text
from ..scales import scale_from_table


class Context:
    """One agency's curated tables, read once for all checks."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.year = agency.meta.get("year")
        self._records: dict[str, list[dict]] = {}
        self.coverage = covered_tables(agency.meta)  # None: every table present counts

    def frame(self, name: str) -> pd.DataFrame:
        return self.agency.table(name)

    def rows(self, name: str) -> list[dict]:
        """A table's rows as dicts; empty when the table is not curated (absent, empty, or left out
        of the report's declared coverage)."""
        if name not in self._records:
            covered = self.coverage is None or name in self.coverage
            self._records[name] = records(self.agency.tables[name]) if covered and name in self.agency.tables else []
        return self._records[name]

    def curated(self, name: str) -> bool:
        """Whether the table is curated at all (a file with rows)."""
        return bool(self.rows(name))

    @cached_property
    def defs(self) -> dict[str, dict]:
        return {r["indicator_id"]: r for r in self.rows("indicators")}

    @cached_property
    def scales(self) -> dict[str, dict]:
        """Each printed scale: its bands, what it applies to, its lines and labels."""
        frame = self.frame("rating_scales") if self.curated("rating_scales") else self.frame("rating_scales").iloc[0:0]
        out = {}
        for scale_id, rows in frame.groupby("scale_id", sort=False) if not frame.empty else []:
            out[scale_id] = {"bands": scale_from_table(rows), "applies_to": rows["applies_to"].iloc[0],
                             "lines": [int(n) for n in rows["source_line"]],
                             "ranks": {text(lbl): int(b) for lbl, b in zip(rows["label"], rows["band"])}}
        return out
