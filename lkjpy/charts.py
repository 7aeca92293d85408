"""Small chart helpers shared by the book's pages (no titles drawn inside plots)."""

from __future__ import annotations

import pandas as pd


#: Above this many agencies, per-agency bars become a histogram (a national-scale book).
MAX_BARS = 40


def agency_bars(ax, labels: pd.Series, values: pd.Series, xlabel: str, color: str, show_labels: bool = True) -> None:
    """Horizontal bars, one per agency in the given order ('n/a' where the value is missing); for
    more than :data:`MAX_BARS` agencies, a histogram of the values instead."""
    if len(values) > MAX_BARS:
        known = values.dropna()
        ax.hist(known, bins=20, color=color)
        ax.set_xlabel(f"{xlabel} ({len(known)} agencies, {len(values) - len(known)} n/a)")
        ax.set_ylabel("agencies" if show_labels else "")
        return
    y = list(range(len(values)))
    ax.barh(y, values.fillna(0), color=color)
    for yi, v in zip(y, values):
        if pd.isna(v):
            ax.text(0, yi, " n/a", va="center", fontsize=8, color="grey")
    ax.set_yticks(y, list(labels) if show_labels else [""] * len(y))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)


def safe_label(text: object, width: int = 0) -> str:
    """Text from data as a literal chart label: shortened to ``width`` and with ``$`` escaped,
    which matplotlib would otherwise read as mathematics."""
    s = " ".join(str(text).split())
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return s.replace("$", r"\$")
