"""Efficiency: capaian kinerja (performance, %) against serapan anggaran (budget used, %).

Each report states its own method; each is a named function here, so the audit recomputes
what the report printed. For the cross-agency comparison the book uses one common method,
the *efficiency index* ``capaian / serapan x 100`` (output share per budget share: above 100
means more of the target was reached than of the budget was spent). It is chosen because it
needs only the two figures every report prints and, unlike a difference, does not depend on
the scale of either figure.
"""

from __future__ import annotations

import math


def _nan(*values: float) -> bool:
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


def difference(capaian: float, serapan: float) -> float:
    """``capaian - serapan`` in points (Kalimantan Barat's method)."""
    return math.nan if _nan(capaian, serapan) else capaian - serapan


def ratio(capaian: float, serapan: float) -> float:
    """``capaian / serapan x 100``: the book's common efficiency index."""
    return math.nan if _nan(capaian, serapan) or serapan == 0 else capaian / serapan * 100


def one_minus_ratio(pagu: float, realisasi: float, target_kinerja: float, realisasi_kinerja: float) -> float:
    """``(1 - (RA / RK) / (A / TK)) x 100``: budget spent per unit of performance realised,
    against budget planned per unit of performance targeted (Pesisir Selatan's method)."""
    if _nan(pagu, realisasi, target_kinerja, realisasi_kinerja) or 0 in (pagu, realisasi_kinerja, target_kinerja):
        return math.nan
    return (1 - (realisasi / realisasi_kinerja) / (pagu / target_kinerja)) * 100


def comparison_verdict(capaian: float, serapan: float) -> str | None:
    """``efisien`` when capaian exceeds serapan, else ``tidak efisien`` (Sumatera Selatan's method)."""
    if _nan(capaian, serapan):
        return None
    return "efisien" if capaian > serapan else "tidak efisien"


COMMON = ratio
COMMON_NAME = "efficiency index = capaian / serapan × 100"

#: How each named method reads, for the book's prose and tables.
METHOD_TEXT = {
    "difference": "capaian − serapan (points)",
    "ratio": "capaian / serapan × 100",
    "one_minus_ratio": "(1 − (RA / RK) / (A / TK)) × 100",
    "comparison": "a verdict: efisien when capaian exceeds serapan",
    "other": "a figure or verdict printed without a method",
}


def by_method(method: str, capaian: float, serapan: float, pagu: float, realisasi: float,
              target_kinerja: float, realisasi_kinerja: float) -> float:
    """The efficiency figure a named method gives from one row's printed inputs; NaN for a
    verdict-only (``comparison``) or unnamed (``other``) method."""
    if method == "difference":
        return difference(capaian, serapan)
    if method == "ratio":
        return ratio(capaian, serapan)
    if method == "one_minus_ratio":
        return one_minus_ratio(pagu, realisasi, target_kinerja, realisasi_kinerja)
    return math.nan
