"""The comparison's findings in words (expected sentences written by hand from the toy figures)."""

import pandas as pd

from lkjpy.findings import derivations, error_rates, headline


def _summary():
    return pd.DataFrame({
        "agency_id": ["a", "b", "c"], "region": ["Kota A", "Provinsi B", "Kabupaten C"],
        "indicators_met": [3, 4, float("nan")], "indicators_assessed": [4, 4, float("nan")],
        "share_met": [75.0, 100.0, float("nan")],
        # b's mean index would be higher, but the median-based one decides
        "efficiency_index": [110.0, 302.3, float("nan")], "efficiency_index_median": [110.0, 105.2, float("nan")],
    })


def _findings():
    rows = [("a", "error"), ("a", "info"), ("a", "info"), ("a", "info"),  # 1 of 4: 25 %
            ("b", "error"), ("b", "error"), ("b", "warning")] + [("b", "info")] * 7  # 2 of 10: 20 %
    return pd.DataFrame(rows, columns=["agency_id", "severity"])


def test_error_rates_are_errors_per_audited_figure():
    assert error_rates(_findings()).to_dict() == {"a": 25.0, "b": 20.0}


def test_headline_names_who_met_most_used_budget_best_and_erred_most():
    assert headline(_summary(), _findings()) == (
        "Provinsi B met the largest share of its performance targets: 4 of 4 (100%). "
        "Kota A used its budget best: its median capaian over its serapan gives an efficiency index of 110.0. "
        "The report of Kota A has the most errors relative to what it prints: 25.0% of the figures the "
        "audit recomputed. Across the 2 reports the audit recomputed 14 printed figures and found 3 errors.")


def test_no_headline_when_no_report_could_be_compared():
    assert headline(pd.DataFrame(), pd.DataFrame()) == ""


def test_derivations_show_each_figure_with_its_numbers_and_a_link_to_the_chapter_rows():
    summary = pd.DataFrame([{
        "agency_id": "kota-x", "region": "Kota <X>", "indicators_met": 3, "indicators_assessed": 4, "share_met": 75.0,
        "capaian_median": 100.0, "capaian_mean": 284.9, "capaian_far_out": 1, "realisasi": 90.0, "pagu": 100.0,
        "serapan": 90.0, "efficiency_index_median": 100 / 90 * 100}])
    table = derivations(summary)
    assert table["Figure"].tolist() == ["Share of targets met", "Median capaian", "Serapan", "Efficiency index (median)"]
    assert table["Agency"].tolist() == ["Kota <X>"] * 4  # escaped where shown, by html_table
    assert table["Formula"].tolist() == [
        "3 met / 4 assessed × 100 = 75.0%",
        "median of the recomputed capaian = 100.0% (mean 284.9%; far out: 1)",
        "realisasi Rp 90 / pagu Rp 100 × 100 = 90.0%",
        "100.0% / 90.0% × 100 = 111.1",
    ]
    assert table["Rows"].iloc[0] == '<a href="../agencies/kota-x/agency.html#performance-agreement-pk-indicators">PK indicators</a>'
    assert table["Rows"].iloc[2] == '<a href="../agencies/kota-x/agency.html#budget">budget</a>'


def test_derivations_link_the_source_lines_of_each_indicator_row():
    summary = pd.DataFrame([{
        "agency_id": "kota-x", "region": "Kota X", "indicators_met": 1, "indicators_assessed": 2, "share_met": 50.0,
        "capaian_median": 90.0, "capaian_mean": 90.0, "capaian_far_out": 0, "realisasi": 90.0, "pagu": 100.0,
        "serapan": 90.0, "efficiency_index_median": 100.0, "budget_source": "printed total, Tabel 1.1"}])
    # as read from the archive's combined indicators.csv: text; K2's target printed two lines above its row
    pk_rows = pd.DataFrame([("kota-x", "K1", "457", "", ""), ("kota-x", "K2", "460", "458", "460"),
                            ("other", "K9", "1", "", "")],
                           columns=["agency_id", "indicator_id", "source_line", "target_line", "realisasi_line"])
    table = derivations(summary, pk_rows)
    pk = ('<a href="../agencies/kota-x/agency.html#performance-agreement-pk-indicators">PK indicators</a>; '
          'K1: <a class="src-ref" href="../sources/kota-x.html#L457">457</a>; '
          'K2: <a class="src-ref" href="../sources/kota-x.html#L458-L460">458–460</a>')
    budget = '<a href="../agencies/kota-x/agency.html#budget">budget</a> (printed total, Tabel 1.1)'
    assert table["Rows"].tolist() == [
        pk, pk, budget,
        '<a href="../agencies/kota-x/agency.html#performance-agreement-pk-indicators">PK indicators</a>, ' + budget]
