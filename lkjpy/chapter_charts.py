"""The charts of an agency's chapter, drawn from its one computation (:class:`lkjpy.chapter.Chapter`).

Each function returns a :class:`lkjpy.charts.GluedFigure` (an SVG with its alt text, written from the
data) or ``None`` when the section has nothing curated to draw; the figure is closed. Okabe-Ito
colours, with hatches or markers so the series also part in grey-scale. Each figure is laid out once
(``tight_layout``) and saved without a second tight-bbox pass.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from .charts import OKABE_ITO, GluedFigure, describe_range, mark_beyond, safe_label

#: Caption of the history chart (its data line after the blank line).
HISTORY_CAPTION = ("Realisation of each indicator by year as printed (line) and the year's target (horizontal "
                   "tick), one panel per indicator. Where the canonical figure is a grade without a score, or is "
                   "printed in another unit than the indicator's, the line takes the year's first other printed "
                   "version that gives a number in the indicator's unit.\n\nData: every printed year of the "
                   "report's results (`indicator_results.csv`) and targets.")
#: Caption of the budget chart.
BUDGET_CAPTION = ("Allocation (pagu, light) and spending (realisasi, dark) of each program and, where the report "
                  "prints them, of each type of spending (belanja), in billion rupiah.\n\nData: the report's budget "
                  "tables (`budget.csv`, final figures or else those after the revision).")
#: Capaian beyond this (%) is drawn to the chart's edge with its value written there.
CAPAIAN_LIMIT = 300


def _glued(fig, alt: str) -> GluedFigure:
    fig.tight_layout()
    fig.set_layout_engine(None)  # laid out once: saving it draws it once, without a layout pass
    try:
        return GluedFigure(fig, alt, tight=False)
    finally:
        plt.close(fig)


def capaian_chart(indicators: pd.DataFrame, agency_name: str) -> GluedFigure:
    """Recomputed capaian of each PK indicator (bars) with the printed one (diamonds) and the 100 % line."""
    ind = indicators
    assessed = ind["target_met"].dropna()
    fig, ax = plt.subplots(figsize=(7.5, 0.8 + 0.5 * len(ind)))
    y = list(range(len(ind)))
    ax.barh(y, ind["capaian_standard"].fillna(0), color=OKABE_ITO["sky_blue"], edgecolor="black", linewidth=0.5,
            label="recomputed")
    ax.scatter(ind["capaian_reported"], y, color=OKABE_ITO["vermillion"], marker="D", edgecolor="black", zorder=3,
               label="as printed")
    ax.axvline(100, color="black", linewidth=1, linestyle="--")
    beyond = mark_beyond(ax, y, ind["capaian_standard"], limit=CAPAIAN_LIMIT)
    ax.set_yticks(y, [safe_label(n, 42) for n in ind["indicator_en"]])
    ax.invert_yaxis()
    ax.set_xlabel("capaian (%)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    alt = (f"Horizontal bar chart of the recomputed capaian of the {len(ind)} PK indicators of {agency_name}, "
           f"with the printed capaian as diamonds and a dashed line at 100 %. {int(assessed.sum())} of "
           f"{len(assessed)} assessed indicators reach their target; recomputed capaian runs "
           f"{describe_range(ind['indicator_en'], ind['capaian_standard'], ' %')}"
           + (f"; {len(beyond)} bar(s) above {CAPAIAN_LIMIT} % end at the edge with their value written."
              if beyond else "."))
    return _glued(fig, alt)


def history_chart(indicators: pd.DataFrame, history: pd.DataFrame, ncols: int = 2) -> GluedFigure | None:
    """Small multiples: each indicator's printed realisation by year (line) and the year's target
    (tick); ``None`` when no indicator has a numeric realisation."""
    series = history.dropna(subset=["realisasi_value"]) if not history.empty else history
    known = set(series["indicator_id"]) if not series.empty else set()
    ids = [i for i in indicators["indicator_id"] if i in known]
    if not ids:
        return None
    names = dict(zip(indicators["indicator_id"], indicators["indicator_en"]))
    years = sorted(history["year"].unique())
    nrows = math.ceil(len(ids) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(8, 2.4 * nrows), squeeze=False)
    for ax, (iid, s) in zip(axes.flat, ((i, series[series["indicator_id"] == i]) for i in ids)):
        ax.plot(s["year"], s["realisasi_value"], marker="o", color=OKABE_ITO["blue"], label="realisasi")
        t = s.dropna(subset=["target"])
        ax.scatter(t["year"], t["target"], marker="_", s=200, linewidths=2, color=OKABE_ITO["vermillion"],
                   label="target")
        ax.set_title(safe_label(names.get(iid, iid), 48), loc="left", fontsize=9)
        ax.set_xticks(sorted(s["year"].unique()))
    for ax in list(axes.flat)[len(ids):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=8, frameon=False)
    alt = (f"Small line charts, one per indicator ({len(ids)} indicators), of the realisation printed for each "
           f"year {', '.join(map(str, years))}, with the year's target as a horizontal tick.")
    return _glued(fig, alt)


def budget_chart(programs: pd.DataFrame, belanja: pd.DataFrame) -> GluedFigure | None:
    """Pagu (light, hatched) and realisasi (dark, inner) of each program and, when curated, of each
    type of spending, in billion rupiah; ``None`` when neither is curated."""
    if programs.empty and belanja.empty:
        return None
    rows = max(len(programs), 1) + len(belanja)
    panels = [(programs, "program")] + ([(belanja, "belanja")] if not belanja.empty else [])
    fig, axes = plt.subplots(len(panels), 1, figsize=(8, 1.2 + 0.45 * rows), squeeze=False,
                             gridspec_kw={"height_ratios": [max(len(f), 1) for f, _ in panels]})
    for ax, (frame, label) in zip(axes[:, 0], panels):
        if frame.empty:
            ax.axis("off")
            ax.text(0.5, 0.5, f"no {label} budget curated", ha="center", va="center")
            continue
        y = list(range(len(frame)))
        ax.barh(y, frame["pagu"].fillna(0) / 1e9, color=OKABE_ITO["sky_blue"], hatch="//", edgecolor="black",
                linewidth=0.5, label="pagu")
        ax.barh(y, frame["realisasi"].fillna(0) / 1e9, height=0.45, color=OKABE_ITO["blue"], edgecolor="black",
                linewidth=0.5, label="realisasi")
        ax.set_yticks(y, [safe_label(n, 45) for n in frame["name"]])
        ax.invert_yaxis()
        ax.set_xlabel(f"billion rupiah, by {label}")
    if not programs.empty:
        axes[0, 0].legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    allocations = (describe_range(programs["name"], programs["pagu"] / 1e9, " billion") if not programs.empty
                   else "not curated")
    alt = (f"Horizontal bar chart of the allocation (pagu, light hatched bars) and spending (realisasi, dark inner "
           f"bars) of {len(programs)} programs" + (f" and {len(belanja)} types of spending" if not belanja.empty else "")
           + f", in billion rupiah; program allocations run {allocations}.")
    return _glued(fig, alt)


def glue_figure(name: str, figure: GluedFigure | None, caption: str) -> None:
    """Glue ``<name>_chart`` (the figure, when there is one) and ``<name>_figure``: the MyST block
    that shows it with its caption, or nothing when the section has nothing to draw (the page
    shows it with ``{glue:md}`` and ``:format: myst``)."""
    from IPython.display import Markdown
    from myst_nb import glue

    from .coverage import figure_markdown

    if figure is not None:
        glue(f"{name}_chart", figure, display=False)
    glue(f"{name}_figure", Markdown(figure_markdown(f"{name}_chart", caption, figure is not None)), display=False)
