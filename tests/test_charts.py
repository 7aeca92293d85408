"""Chart helpers: words for alt text, outliers marked at the axis edge, alt text carried by the
PNG into the page (expected values by hand)."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # tests draw off-screen; the notebooks use the inline backend
import matplotlib.pyplot as plt
import pandas as pd

from lkjpy.charts import OKABE_ITO, SEVERITY_STYLE, GluedFigure, describe_range, mark_beyond

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
from lkjpy_figures import png_description


def test_describe_range_names_the_lowest_and_highest_known_values():
    assert describe_range(["Sibolga", "Kalbar", "Sumsel"], [94.04, float("nan"), 284.9], " %") == (
        "from 94.0 % (Sibolga) to 284.9 % (Sumsel)")
    assert describe_range(["a"], [float("nan")]) == "no values"
    assert describe_range(["only"], [12.0], digits=0) == "only 12"


def test_mark_beyond_keeps_the_axis_and_writes_the_outlier_value():
    fig, ax = plt.subplots()
    ax.barh([0, 1, 2], [80, 1265, 120])
    assert mark_beyond(ax, [0, 1, 2], pd.Series([80, 1265, 120]), limit=300) == [1]
    assert ax.get_xlim() == (0, 300 * 1.12)
    assert [t.get_text() for t in ax.texts] == ["1,265 % ▶"]
    assert mark_beyond(ax, [0], [99], limit=300) == []
    plt.close(fig)


def test_glued_figure_is_a_2x_png_whose_description_becomes_the_alt_text(tmp_path):
    fig, ax = plt.subplots(figsize=(5, 2))
    ax.bar([0, 1], [1, 2], color=OKABE_ITO["blue"])
    glued = GluedFigure(fig, "Two bars:\n  1 and 2 – “both”", dpi=192)
    plt.close(fig)
    png, meta = glued._repr_png_()
    assert png.startswith(b"\x89PNG")
    pixels = int.from_bytes(png[16:20], "big")
    assert meta == {"width": str(-(-pixels * 96 // 192))}  # shown at half its pixels: sharp at 2x
    path = tmp_path / "chart.png"
    path.write_bytes(png)
    assert png_description(path) == "Two bars: 1 and 2 – “both”"


def test_severities_differ_by_hatch_as_well_as_colour():
    hatches = [h for _, h in SEVERITY_STYLE.values()]
    assert len(set(hatches)) == len(hatches)
