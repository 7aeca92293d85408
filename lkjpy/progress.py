"""Renstra progress and change over time.

Renstra progress is the capaian of the latest realisation against the plan's end-of-period
target, with the same polarity rules as yearly capaian (Permenpan RB 53/2014, comparison with
the medium-term target). Changes between years are given both in points (``R_t - R_s``) and
in percent of the earlier value (``(R_t - R_s) / R_s x 100``); reports print either, often
without saying which, so both are named.
"""

from __future__ import annotations

import math

from .capaian import capaian


def renstra_progress(end_target: float, realisasi: float, polarity: str = "higher") -> float:
    """Capaian (%) of a realisation against the end-of-Renstra target."""
    return capaian(end_target, realisasi, polarity)


def change_points(earlier: float, later: float) -> float:
    """Change in points: ``later - earlier``."""
    if earlier is None or later is None or math.isnan(earlier) or math.isnan(later):
        return math.nan
    return later - earlier


def change_percent(earlier: float, later: float) -> float:
    """Change in percent of the earlier value: ``(later - earlier) / earlier x 100``."""
    if earlier is None or later is None or math.isnan(earlier) or math.isnan(later) or earlier == 0:
        return math.nan
    return (later - earlier) / earlier * 100
