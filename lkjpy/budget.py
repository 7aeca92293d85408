"""Budget measures: serapan (absorption), sisa (remaining), shares and overhead.

Serapan anggaran = realisasi / pagu x 100 and sisa = pagu - realisasi, as in the budget
realisation reports of Permendagri 77/2020 (Pedoman Teknis Pengelolaan Keuangan Daerah).
"""

from __future__ import annotations

import math
import re

import pandas as pd

#: Name of the general support program every agency runs (Permendagri 90/2019 nomenclature:
#: "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota/Provinsi"), i.e. overhead.
OVERHEAD_PATTERN = re.compile(r"penunjang\s+urusan", re.IGNORECASE)


def serapan(pagu: float, realisasi: float) -> float:
    """Absorption (%): ``realisasi / pagu x 100``; NaN when pagu is 0 or missing."""
    if pagu is None or realisasi is None or math.isnan(pagu) or math.isnan(realisasi) or pagu == 0:
        return math.nan
    return realisasi / pagu * 100


def sisa(pagu: float, realisasi: float) -> float:
    """Remaining allocation: ``pagu - realisasi``."""
    return pagu - realisasi


def shares(amounts: pd.Series) -> pd.Series:
    """Each amount's share of their sum (%)."""
    total = amounts.sum()
    return amounts / total * 100 if total else amounts * math.nan


def is_overhead(name: str) -> bool:
    """Whether a program is the general support ("penunjang urusan") program."""
    return bool(OVERHEAD_PATTERN.search(str(name)))


def overhead_share(programs: pd.DataFrame, amount: str = "pagu") -> float:
    """Share (%) of the support program in the programs' total ``amount``."""
    total = programs[amount].sum()
    if not total:
        return math.nan
    return programs.loc[programs["name"].map(is_overhead), amount].sum() / total * 100
