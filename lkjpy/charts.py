"""Small chart helpers shared by the book's pages (no titles drawn inside plots).

Colours are the Okabe-Ito palette (Okabe & Ito, *Color Universal Design*, 2008), safe for the
common colour-vision deficiencies; series that must also part in grey-scale carry a hatch or a
marker besides their colour. Figures are glued as PNG at :data:`DPI` with alt text.
"""

from __future__ import annotations

import io
import math

import matplotlib
import pandas as pd

#: Okabe-Ito colours by name.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
#: Colours and hatches for categorical series (e.g. one per agency), in order; hatches keep
#: them apart in grey-scale print.
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
SERIES_HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--"]
#: Colour and hatch of each audit severity.
SEVERITY_STYLE = {"error": ("#D55E00", "//"), "warning": ("#E69F00", ".."), "unverifiable": ("#CC79A7", "xx"),
                  "info": ("#009E73", "")}
#: Resolution of glued figures: about twice a screen's 96 dpi, so labels stay sharp on a phone.
DPI = 192

#: Above this many agencies, per-agency bars become a histogram (a national-scale book).
MAX_BARS = 40


def agency_bars(ax, labels: pd.Series, values: pd.Series, xlabel: str, color: str = OKABE_ITO["blue"],
                show_labels: bool = True, outliers: pd.Series | None = None) -> None:
    """Horizontal bars, one per agency in the given order ('n/a' where the value is missing); bars
    flagged in ``outliers`` are hatched and marked "outlier". For more than :data:`MAX_BARS`
    agencies, a histogram of the values instead."""
    if len(values) > MAX_BARS:
        known = values.dropna()
        ax.hist(known, bins=20, color=color)
        ax.set_xlabel(f"{xlabel} ({len(known)} agencies, {len(values) - len(known)} n/a)")
        ax.set_ylabel("agencies" if show_labels else "")
        return
    y = list(range(len(values)))
    flags = list(outliers) if outliers is not None else [False] * len(values)
    bars = ax.barh(y, values.fillna(0), color=color, edgecolor="black", linewidth=0.5)
    for bar, yi, v, flag in zip(bars, y, values, flags):
        if pd.isna(v):
            ax.text(0, yi, " n/a", va="center", fontsize=8, color="#333333")
        elif flag:
            bar.set_hatch("//")
            ax.text(v, yi, " outlier", va="center", fontsize=8, color="#333333")
    ax.set_yticks(y, list(labels) if show_labels else [""] * len(y))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)


def mark_beyond(ax, positions, values, limit: float, horizontal: bool = True, unit: str = " %") -> list:
    """Keep the value axis at ``limit`` when some values exceed it, and write each such value at
    the axis edge (an outlier is shown, with its figure, not silently cut). Returns the positions
    marked."""
    beyond = [(p, v) for p, v in zip(positions, values) if not pd.isna(v) and v > limit]
    if not beyond:
        return []
    (ax.set_xlim if horizontal else ax.set_ylim)(0, limit * 1.12)
    for p, v in beyond:
        if horizontal:
            ax.text(limit * 1.11, p, f"{v:,.0f}{unit} ▶", va="center", ha="right", fontsize=8,
                    color="black", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        else:
            ax.text(p, limit * 1.11, f"▲ {v:,.0f}{unit}", va="top", ha="center", fontsize=7, rotation=90,
                    color="black", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    return [p for p, _ in beyond]


def safe_label(text: object, width: int = 0) -> str:
    """Text from data as a literal chart label: shortened to ``width`` and with ``$`` escaped,
    which matplotlib would otherwise read as mathematics."""
    s = " ".join(str(text).split())
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return s.replace("$", r"\$")


def describe_range(labels, values, unit: str = "", digits: int = 1) -> str:
    """Words for alt text: the lowest and highest of the known values, with their labels."""
    known = [(v, str(lbl)) for lbl, v in zip(labels, values) if v is not None and not pd.isna(v)]
    if not known:
        return "no values"
    low, high = min(known), max(known)
    if len(known) == 1:
        return f"{high[1]} {high[0]:.{digits}f}{unit}"
    return f"from {low[0]:.{digits}f}{unit} ({low[1]}) to {high[0]:.{digits}f}{unit} ({high[1]})"


class GluedFigure:
    """A matplotlib figure as a PNG at :data:`DPI` carrying its alt text, for ``myst_nb.glue``. The
    text goes into the PNG's ``Description`` chunk, which the book's ``lkjpy_figures`` extension
    turns into the image's ``alt``; the display ``width`` (CSS pixels) goes into the output's
    metadata, which myst-nb reads. ``tight=False`` saves a figure already laid out as it is (one
    draw instead of two)."""

    def __init__(self, fig, alt: str, dpi: int = DPI, tight: bool = True):
        self.alt = " ".join(alt.split())
        buffer = io.BytesIO()
        # tight=False: the figure is already laid out (``fig.tight_layout()``), so it is drawn once,
        # not a second time to measure its bounding box ("standard" overrides the inline backend's
        # default savefig.bbox, "tight")
        with matplotlib.rc_context({"savefig.bbox": "tight" if tight else "standard"}):
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None, "Description": self.alt})
        self.png = buffer.getvalue()
        pixels = int.from_bytes(self.png[16:20], "big")  # the PNG header's width field
        self.width = math.ceil(pixels * 96 / dpi)  # CSS pixels: the figure's size at a screen's 96 dpi

    def __repr__(self) -> str:
        return f"<figure: {self.alt}>"

    def _repr_png_(self):
        return self.png, {"width": str(self.width)}
