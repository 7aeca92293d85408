"""Chart helpers: words for alt text, outliers marked at the axis edge, alt text carried by the
SVG into the page (expected values by hand)."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # tests draw off-screen; the notebooks use the inline backend
import matplotlib.pyplot as plt
import pandas as pd

from lkjpy.charts import OKABE_ITO, SEVERITY_STYLE, GluedFigure, css_width, describe_range, mark_beyond

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
from lkjpy_figures import svg_description


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


def test_glued_figure_is_an_svg_whose_description_becomes_the_alt_text(tmp_path):
    fig, ax = plt.subplots(figsize=(5, 2))
    ax.bar([0, 1], [1, 2], color=OKABE_ITO["blue"])
    ax.set_xlabel("both bars")
    glued = GluedFigure(fig, "Two bars:\n  1 and 2 – “both” <&>", tight=False)
    again = GluedFigure(fig, "Two bars:\n  1 and 2 – “both” <&>", tight=False)
    plt.close(fig)
    svg, meta = glued._repr_svg_()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert meta == {"width": "480"}  # 5 inches at a screen's 96 CSS px per inch
    assert ">both bars</text>" in svg  # text kept as text, not drawn as paths
    assert svg == again.svg  # the same figure gives the same bytes (no date, fixed clip-path ids)
    path = tmp_path / "chart.svg"
    path.write_text(svg, encoding="utf-8")
    assert svg_description(path) == "Two bars: 1 and 2 – “both” <&>"


def test_css_width_rounds_the_points_of_the_svg_root_up_to_whole_pixels():
    root = '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="10pt"/>'
    assert css_width(root.format("360pt")) == 480  # 5 in
    assert css_width(root.format("100.5pt")) == 134  # 100.5 * 4/3 = 134 exactly
    assert css_width(root.format("100.6pt")) == 135  # 134.13... rounded up


def test_svg_description_is_empty_for_other_files_and_svgs_without_one(tmp_path):
    png = tmp_path / "chart.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    bare = tmp_path / "bare.svg"
    bare.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"/>')
    html = tmp_path / "page.svg"
    html.write_text('<html><metadata><description xmlns="http://purl.org/dc/elements/1.1/">x</description>'
                    "</metadata></html>")
    assert svg_description(png) == svg_description(bare) == svg_description(html) == ""


def test_severities_differ_by_hatch_as_well_as_colour():
    hatches = [h for _, h in SEVERITY_STYLE.values()]
    assert len(set(hatches)) == len(hatches)
