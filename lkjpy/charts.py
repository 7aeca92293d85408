"""Small chart helpers shared by the book's pages (no titles drawn inside plots).

Colours are the Okabe-Ito palette (Okabe & Ito, *Color Universal Design*, 2008), safe for the
common colour-vision deficiencies; series that must also part in grey-scale carry a hatch or a
marker besides their colour. Figures are glued as SVG, text kept as text, with alt text.
"""

from __future__ import annotations

import io
import math
from xml.etree import ElementTree

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
#: Salt of the ids matplotlib gives an SVG's clip paths (random when unset): fixed, so the same
#: figure gives the same file in every run and kernel.
SVG_SALT = "lkjpy"

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
            _bar_note(ax, 0, yi, "n/a")
        elif flag:
            bar.set_hatch("//")
            _bar_note(ax, v, yi, "outlier")
    ax.set_yticks(y, list(labels) if show_labels else [""] * len(y))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)


def _bar_note(ax, x: float, y: float, text: str) -> None:
    """A small note just right of a bar's end (an offset in points: an SVG drops leading spaces)."""
    ax.annotate(text, (x, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8, color="#333333")


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


def css_width(svg: str) -> int:
    """An SVG's width in CSS pixels (96 per inch), rounded up, from the root's ``width`` in points
    (72 per inch), as matplotlib writes it."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    points = float(root.get("width", "").removesuffix("pt"))
    return math.ceil(points * 96 / 72)


class GluedFigure:
    """A matplotlib figure as an SVG carrying its alt text, for ``myst_nb.glue``. Text stays text
    (``svg.fonttype: none``), so labels are sharp at any zoom and the file is small. The alt text
    goes into the SVG's Dublin Core ``dc:description``, which the book's ``lkjpy_figures``
    extension turns into the image's ``alt``; the display ``width`` (CSS pixels) goes into the
    output's metadata, which myst-nb reads. The same figure gives the same bytes in every run
    (fixed :data:`SVG_SALT` for clip-path ids, no date). ``tight=False`` saves a figure already
    laid out as it is (one draw instead of two)."""

    def __init__(self, fig, alt: str, tight: bool = True):
        self.alt = " ".join(alt.split())
        buffer = io.StringIO()
        # tight=False: the figure is already laid out (``fig.tight_layout()``), so it is drawn once,
        # not a second time to measure its bounding box ("standard" overrides the inline backend's
        # default savefig.bbox, "tight")
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": SVG_SALT,
                                    "savefig.bbox": "tight" if tight else "standard"}):
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Description": self.alt})
        self.svg = buffer.getvalue()
        self.width = css_width(self.svg)

    def __repr__(self) -> str:
        return f"<figure: {self.alt}>"

    def _repr_svg_(self):
        return self.svg, {"width": str(self.width)}


# --- the cross-agency pages' charts: each draws one data frame of lkjpy.crosspages --------------------

#: The comparison's theme chart stops its axis here; a bar beyond it reaches the edge with its value.
THEME_LIMIT = 300


def theme_alt(themes: list[str], beyond: int, limit: float = THEME_LIMIT) -> str:
    """Alt text of the capaian-by-theme chart."""
    text = (f"Bar charts, one per theme ({', '.join(themes) or 'none'}), of the recomputed capaian of every PK "
            "indicator, coloured and hatched by agency, with a dashed line at 100 %")
    if beyond:
        return text + f"; {beyond} indicator(s) above {limit:g} % are drawn to the edge with their value written."
    return text + "."


def theme_chart(data: pd.DataFrame, ids: list[str], names: dict[str, str]) -> GluedFigure:
    """Recomputed capaian of every PK indicator, one panel per theme (``data``: crosspages.theme_data),
    one colour and hatch per agency with a legend (one colour above :data:`SERIES_COLOURS` agencies)."""
    import matplotlib.pyplot as plt

    themes = list(dict.fromkeys(data["theme"]))
    fig, axes = plt.subplots(1, max(len(themes), 1), figsize=(10, 3.8), sharey=True, squeeze=False)
    few = len(ids) <= len(SERIES_COLOURS)
    style = {a: (SERIES_COLOURS[n], SERIES_HATCHES[n]) if few else (OKABE_ITO["blue"], "") for n, a in enumerate(ids)}
    beyond = 0
    for ax, theme in zip(axes.flat, themes):
        rows = data[data["theme"] == theme]
        x = list(range(len(rows)))
        bars = ax.bar(x, rows["capaian_standard"], edgecolor="black", linewidth=0.5,
                      color=[style.get(a, ("grey", ""))[0] for a in rows["agency_id"]])
        for bar, a in zip(bars, rows["agency_id"]):
            bar.set_hatch(style.get(a, ("grey", ""))[1])
        ax.axhline(100, color="black", linestyle="--", linewidth=1)
        beyond += len(mark_beyond(ax, x, rows["capaian_standard"], limit=THEME_LIMIT, horizontal=False))
        ax.set_title(safe_label(theme), fontsize=9)
        ax.set_xticks([])
        ax.set_xlabel(f"{len(rows)} indicators", fontsize=8)
    axes.flat[0].set_ylabel("capaian (%)")
    if few:
        handles = [plt.Rectangle((0, 0), 1, 1, facecolor=style[a][0], hatch=style[a][1], edgecolor="black")
                   for a in ids]
        fig.legend(handles, [safe_label(names.get(a, a)) for a in ids], loc="lower center", ncol=min(len(ids), 4),
                   frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.1 if few else 0, 1, 1))
    glued = GluedFigure(fig, theme_alt(themes, beyond))
    plt.close(fig)
    return glued


def _agency_panels(data: pd.DataFrame, panels: list[tuple[str, str, str, float | None, float | None]],
                   alt: str) -> GluedFigure:
    """Side-by-side horizontal bar charts of per-agency columns: each panel ``(column, axis label,
    colour, x limit or None, dashed reference line or None)``; agency names on the first only."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(panels), figsize=(10, 3.2), squeeze=False)
    labels = data["agency"].map(safe_label)
    for n, (ax, (column, label, colour, xmax, line)) in enumerate(zip(axes.flat, panels)):
        agency_bars(ax, labels, data[column], label, colour, show_labels=n == 0)
        if xmax is not None:
            ax.set_xlim(0, xmax)
        if line is not None:
            ax.axvline(line, color="black", linestyle="--", linewidth=1)
    fig.tight_layout()
    glued = GluedFigure(fig, alt)
    plt.close(fig)
    return glued


def budget_alt(data: pd.DataFrame) -> str:
    """Alt text of the budget chart (``data``: crosspages.budget_data)."""
    a = data["agency"]
    return ("Three horizontal bar charts, one bar per agency: budget (pagu) "
            f"{describe_range(a, data['pagu_billion_rupiah'], ' billion rupiah')}; serapan "
            f"{describe_range(a, data['serapan_percent'], ' %')}; overhead share "
            f"{describe_range(a, data['overhead_share_percent'], ' %')}.")


def budget_chart(data: pd.DataFrame) -> GluedFigure:
    """Pagu, serapan and overhead share per agency (``data``: crosspages.budget_data)."""
    return _agency_panels(data, [
        ("pagu_billion_rupiah", "pagu, billion rupiah", OKABE_ITO["blue"], None, None),
        ("serapan_percent", "serapan (%)", OKABE_ITO["bluish_green"], 100, None),
        ("overhead_share_percent", "overhead share (%)", OKABE_ITO["orange"], 100, None)], budget_alt(data))


def performance_alt(data: pd.DataFrame) -> str:
    """Alt text of the performance chart (``data``: crosspages.performance_data)."""
    a = data["agency"]
    return ("Two horizontal bar charts, one bar per agency: share of PK indicators meeting their target "
            f"{describe_range(a, data['share_met_percent'], ' %')}; efficiency index "
            f"{describe_range(a, data['efficiency_index_median'])} on the median capaian, with a dashed line at 100.")


def performance_chart(data: pd.DataFrame) -> GluedFigure:
    """Share of targets met and the efficiency index on the median capaian, per agency."""
    return _agency_panels(data, [
        ("share_met_percent", "PK indicators meeting target (%)", OKABE_ITO["reddish_purple"], 100, None),
        ("efficiency_index_median", "efficiency index (median capaian / serapan × 100)", OKABE_ITO["sky_blue"],
         None, 100)], performance_alt(data))


def staff_alt(data: pd.DataFrame) -> str:
    """Alt text of the staff chart (``data``: crosspages.staff_data)."""
    a = data["agency"]
    return (f"Two horizontal bar charts, one bar per agency: staff {describe_range(a, data['staff'], digits=0)}; "
            f"budget per staff member {describe_range(a, data['pagu_per_staff_million_rupiah'], ' million rupiah')}.")


def staff_chart(data: pd.DataFrame) -> GluedFigure:
    """Staff as stated and pagu per staff member, per agency."""
    return _agency_panels(data, [
        ("staff", "staff (as the report states)", OKABE_ITO["blue"], None, None),
        ("pagu_per_staff_million_rupiah", "pagu per staff, million rupiah", OKABE_ITO["orange"], None, None)],
        staff_alt(data))


def severity_alt(data: pd.DataFrame, severities: list[str]) -> str:
    """Alt text of the severity chart (``data``: crosspages.severity_data)."""
    return ("Stacked horizontal bars, one per agency, splitting the figures the audit recomputed into "
            f"{', '.join(severities)}; error rates run {describe_range(data['agency'], data['error'], ' %')}.")


def severity_chart(data: pd.DataFrame) -> GluedFigure:
    """Each agency's audited figures split by severity, as shares (``data``: crosspages.severity_data);
    above :data:`MAX_BARS` agencies, one bar for all of them together."""
    import matplotlib.pyplot as plt

    severities = [s for s in SEVERITY_STYLE if s in data.columns]
    shares = data.set_index("agency")[severities]
    if len(shares) > MAX_BARS:  # a national-scale book: all agencies together
        counts = shares.mul(data["figures_audited"].values, axis=0)
        shares = (counts.sum() / counts.sum().sum() * 100).to_frame("all agencies").T
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.45 * len(shares)))
    labels = [safe_label(a) for a in shares.index]
    left = pd.Series(0.0, index=shares.index)
    for severity in severities:
        colour, hatch = SEVERITY_STYLE[severity]
        ax.barh(labels, shares[severity], left=left, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5,
                label=severity)
        left += shares[severity]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the report's audited figures (%)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    glued = GluedFigure(fig, severity_alt(data, severities))
    plt.close(fig)
    return glued
