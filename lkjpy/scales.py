"""Rating scales: each report's printed scale as printed, and one common reference scale.

Reference scale: Permendagri 86/2017 (the five bands the Sibolga report prints in its
Tabel 3.1: 91-100 sangat tinggi, 76-90 tinggi, 66-75 sedang, 51-65 rendah, <=50 sangat
rendah). The regulation prints whole-number bands; the book reads them as adjoining
intervals so that every value gets exactly one band: each band runs from just above the
printed upper edge of the band below it, so a value between two printed bands (90.5, between
76-90 and 91-100) belongs to the higher one (``(75, 90]`` is *tinggi*, ``(90, +inf)``
*sangat tinggi*); values above 100 are *sangat tinggi*; negative values *sangat rendah*.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Band:
    """One band of a scale: a label for values between ``lower`` and ``upper``."""

    label: str
    lower: float | None
    lower_inclusive: bool
    upper: float | None
    upper_inclusive: bool

    def contains(self, value: float) -> bool:
        below = self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive))
        above = self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive))
        return not (below or above)


REFERENCE_NAME = "Permendagri 86/2017"
REFERENCE_SCALE: tuple[Band, ...] = (
    Band("Sangat Tinggi", 90, False, None, False),
    Band("Tinggi", 75, False, 90, True),
    Band("Sedang", 65, False, 75, True),
    Band("Rendah", 50, False, 65, True),
    Band("Sangat Rendah", None, False, 50, True),
)


def _edge(value: object) -> float | None:
    return None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else float(value)


def _flag(value: object) -> bool:
    return False if value is None or value is pd.NA else bool(value)


def scale_from_table(rows: pd.DataFrame) -> tuple[Band, ...]:
    """Bands of one printed scale (rows of ``rating_scales.csv`` with one ``scale_id``)."""
    rows = rows.sort_values("band")
    return tuple(Band(r.label, _edge(r.lower), _flag(r.lower_inclusive), _edge(r.upper),
                      _flag(r.upper_inclusive)) for r in rows.itertuples())


def label_for(value: float, bands: tuple[Band, ...]) -> str | None:
    """The label a value gets on a scale; None when the value falls in a gap of the scale."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    for band in bands:
        if band.contains(value):
            return band.label
    return None


def reference_label(value: float) -> str | None:
    """Label of a capaian on the common reference scale (Permendagri 86/2017)."""
    return label_for(value, REFERENCE_SCALE)


def same_label(a: str, b: str) -> bool:
    """Labels compared as words: case, spacing and punctuation ignored (``Sangat baik`` = ``Sangat Baik``)."""
    norm = lambda s: re.sub(r"[^a-z0-9]+", " ", str(s).lower()).strip()  # noqa: E731
    return norm(a) == norm(b)
