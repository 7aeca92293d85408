"""Capaian kinerja (achievement, %) of an indicator, by polarity and by named formula variant.

Sources: Permenpan RB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja) for
``realisasi / target x 100``; the KemenPAN measurement guidance for lower-is-better
indicators, ``(2 x target - realisasi) / target x 100``. The other variants are those the
reports print; the book names which one each report used and recomputes with the standard.
"""

from __future__ import annotations

import math

from .parse import grade_rank


def _defined(*values: float | None) -> bool:
    return all(v is not None and not (isinstance(v, float) and math.isnan(v)) for v in values)


def higher_ratio(target: float, realisasi: float) -> float:
    """Higher is better: ``R / T x 100`` (Permenpan RB 53/2014). NaN when T is 0 or missing."""
    if not _defined(target, realisasi) or target == 0:
        return math.nan
    return realisasi / target * 100


def lower_standard(target: float, realisasi: float) -> float:
    """Lower is better, standard: ``(2T - R) / T x 100`` (KemenPAN measurement guidance)."""
    if not _defined(target, realisasi) or target == 0:
        return math.nan
    return (2 * target - realisasi) / target * 100


def lower_inverse(target: float, realisasi: float) -> float:
    """Lower is better, inverse ratio variant: ``T / R x 100``."""
    if not _defined(target, realisasi) or realisasi == 0:
        return math.nan
    return target / realisasi * 100


def lower_over_realisasi(target: float, realisasi: float) -> float:
    """Lower is better, variant dividing by the realisation: ``(2T - R) / R x 100``."""
    if not _defined(target, realisasi) or realisasi == 0:
        return math.nan
    return (2 * target - realisasi) / realisasi * 100


VARIANTS = {
    "higher_ratio": higher_ratio,
    "lower_standard": lower_standard,
    "lower_inverse": lower_inverse,
    "lower_over_realisasi": lower_over_realisasi,
}

#: The formula recomputed for comparison, by polarity.
STANDARD = {"higher": "higher_ratio", "lower": "lower_standard"}

FORMULA_TEXT = {
    "higher_ratio": "R / T × 100",
    "lower_standard": "(2T − R) / T × 100",
    "lower_inverse": "T / R × 100",
    "lower_over_realisasi": "(2T − R) / R × 100",
    "grade": "grade reached vs grade agreed; score R / T × 100 when both scores are printed",
}


def capaian(target: float, realisasi: float, polarity: str = "higher", variant: str | None = None) -> float:
    """Capaian (%) with the named ``variant``, or the standard formula for ``polarity``."""
    if polarity not in STANDARD:
        raise ValueError(f"polarity must be 'higher' or 'lower', not {polarity!r}")
    name = variant or STANDARD[polarity]
    if name not in VARIANTS:
        raise ValueError(f"unknown capaian variant {name!r}; known: {', '.join(VARIANTS)}")
    return VARIANTS[name](target, realisasi)


def grade_met(target_grade: str, realisasi_grade: str) -> bool:
    """Whether the grade reached is at least the grade agreed (AA > A > BB > B > CC > C > D)."""
    return grade_rank(realisasi_grade) <= grade_rank(target_grade)


def standard_variant(polarity: str, graded: bool = False) -> str:
    """The variant the book recomputes with: by grade for grade targets, else by polarity."""
    return "grade" if graded else STANDARD[polarity]
