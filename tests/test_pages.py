"""HTML and Markdown pieces written by lkjpy.pages: links and escaping (expected strings by hand)."""

import pandas as pd

from lkjpy.pages import chapter_link, cited_lines, html_table, line_links
from lkjpy.text import md_escape


def test_chapter_link_escapes_its_texts():
    assert chapter_link("kota-x", "Kota <X>", 'Dinas "X"') == (
        '<a href="../agencies/kota-x/agency.html" title="Dinas &quot;X&quot;">Kota &lt;X&gt;</a>')


def test_line_links_point_at_the_source_viewer_anchors():
    assert line_links("457;469", "kalimantan-barat") == (
        '<a class="src-ref" href="../../sources/kalimantan-barat.html#L457">457</a>, '
        '<a class="src-ref" href="../../sources/kalimantan-barat.html#L469">469</a>')
    assert line_links("", "x") == ""


def test_line_links_cite_a_range_of_lines_as_one_link():
    assert line_links("1209-1211;1354", "sibolga") == (
        '<a class="src-ref" href="../../sources/sibolga.html#L1209-L1211">1209–1211</a>, '
        '<a class="src-ref" href="../../sources/sibolga.html#L1354">1354</a>')


def test_cited_lines_cover_the_figures_of_a_row_broken_over_lines():
    # The row stands on line 1217; its target was printed on 1209-1211, its capaian far away on 1354.
    row = {"source_line": 1217, "target_line": "1209-1211", "realisasi_line": "", "capaian_reported_line": "1354"}
    assert cited_lines(row) == "1209-1211;1217;1354"
    assert cited_lines(row, figures=("realisasi",)) == "1217"
    # Neighbouring lines (at most three apart) join into one range.
    assert cited_lines({"source_line": 10, "target_line": "12", "realisasi_line": "8-9"}) == "8-12"
    assert cited_lines({"source_line": 10, "target_line": "14"}) == "10;14"


def test_html_table_escapes_cells_except_raw_columns():
    frame = pd.DataFrame({"Name": ["<b>x</b>"], "Link": ['<a href="#L1">1</a>'], "Empty": [float("nan")]})
    assert html_table(frame, raw=("Link",)) == (
        '<div class="lkj-scroll" tabindex="0" role="region"><table class="lkj-table"><thead><tr>'
        '<th scope="col">Name</th><th scope="col">Link</th><th scope="col">Empty</th>'
        '</tr></thead><tbody><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td><a href="#L1">1</a></td><td></td></tr>'
        '</tbody></table></div>')


def test_html_table_has_a_caption_and_marks_printed_indonesian_text():
    frame = pd.DataFrame({"Indicator (as printed)": ["Jumlah <UMKM>"], "English": ["Number"]})
    assert html_table(frame, caption="PK & results") == (
        '<div class="lkj-scroll" tabindex="0" role="region" aria-label="PK &amp; results">'
        '<table class="lkj-table"><caption>PK &amp; results</caption><thead><tr>'
        '<th scope="col">Indicator (as printed)</th><th scope="col">English</th></tr></thead>'
        '<tbody><tr><td lang="id">Jumlah &lt;UMKM&gt;</td><td>Number</td></tr></tbody></table></div>')
    assert '<td lang="id">Number</td>' in html_table(frame, indonesian=("English",))


def test_md_escape_makes_markup_literal():
    assert md_escape("{glue:text}`x`") == r"\{glue\:text\}\`x\`"
    assert md_escape("a\n  b") == "a b"


def test_origin_of_a_report_is_shown_when_the_registry_records_it():
    from lkjpy.pages import origin_html

    assert origin_html({"id": "x"}) == ""
    entry = {"url": "https://example.org/lkj-2024.pdf?a=1&b=<2>", "retrieved": "2026-11-29",
             "converter": "pdfplumber", "converter_version": "0.11.10", "pdf_sha256": "ab" * 32}
    assert origin_html(entry) == (
        '<p class="src-origin">Published at <a href="https://example.org/lkj-2024.pdf?a=1&amp;b=&lt;2&gt;">'
        "https://example.org/lkj-2024.pdf?a=1&amp;b=&lt;2&gt;</a>; retrieved 2026-11-29; text made by pdfplumber "
        f'0.11.10 from the PDF with sha256 <code class="src-hash">{"ab" * 32}</code>.</p>\n\n')


def test_outputs_of_several_agencies_are_read_one_after_the_other(tmp_path):
    """Agencies in the order given; one without the output (its chapter failed) is skipped; a column
    one agency's file lacks is missing in its rows; a file of no rows adds none."""
    from lkjpy.pages import read_outputs

    files = {"a": "agency_id,indicator_id,capaian_standard,target_met\na,K1,75.5,False\na,K2,,\n",
             "b": "agency_id,indicator_id,capaian_standard\nb,K1,120\n",
             "c": "agency_id,indicator_id,capaian_standard,target_met\nc,K9,99,True\n",
             "d": "agency_id,indicator_id,capaian_standard,target_met\n"}
    for agency_id, text in files.items():
        (tmp_path / agency_id / "outputs").mkdir(parents=True)
        (tmp_path / agency_id / "outputs" / "indicators.csv").write_text(text, encoding="utf-8")
    frame = read_outputs("indicators", ["a", "missing", "b", "d", "c"], tmp_path)
    assert list(frame["agency_id"]) == ["a", "a", "b", "c"] and list(frame["indicator_id"]) == ["K1", "K2", "K1", "K9"]
    assert list(frame["capaian_standard"].iloc[[0, 2, 3]]) == [75.5, 120.0, 99.0]
    assert frame["capaian_standard"].isna().iloc[1]
    assert list(frame["target_met"].iloc[[0, 3]]) == [False, True]
    assert frame["target_met"].isna().iloc[1] and frame["target_met"].isna().iloc[2]
