"""HTML and Markdown pieces written by lkjpy.pages: links and escaping (expected strings by hand)."""

import pandas as pd

from lkjpy.pages import chapter_link, html_table, line_links, md_escape


def test_chapter_link_escapes_its_texts():
    assert chapter_link("kota-x", "Kota <X>", 'Dinas "X"') == (
        '<a href="../agencies/kota-x/agency.html" title="Dinas &quot;X&quot;">Kota &lt;X&gt;</a>')


def test_line_links_point_at_the_source_viewer_anchors():
    assert line_links("457;469", "kalimantan-barat") == (
        '<a class="src-ref" href="../../sources/kalimantan-barat.html#L457">457</a>, '
        '<a class="src-ref" href="../../sources/kalimantan-barat.html#L469">469</a>')
    assert line_links("", "x") == ""


def test_html_table_escapes_cells_except_raw_columns():
    frame = pd.DataFrame({"Name": ["<b>x</b>"], "Link": ['<a href="#L1">1</a>'], "Empty": [float("nan")]})
    assert html_table(frame, raw=("Link",)) == (
        '<div class="lkj-scroll"><table class="lkj-table"><thead><tr><th>Name</th><th>Link</th><th>Empty</th>'
        '</tr></thead><tbody><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td><a href="#L1">1</a></td><td></td></tr>'
        '</tbody></table></div>')


def test_md_escape_makes_markup_literal():
    assert md_escape("{glue:text}`x`") == r"\{glue\:text\}\`x\`"
    assert md_escape("a\n  b") == "a b"
