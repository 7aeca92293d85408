"""The cross-agency pages' pieces (lkjpy.crosspages, the charts of lkjpy.charts): tables, chart data,
alt texts and conditional sentences from toy chapter outputs; expected strings written by hand."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from lkjpy import charts, crosspages
from lkjpy.crosspages import Outputs
from lkjpy.measures import SUMMARY_NUMBERS

NAN = math.nan


def _summary():
    return pd.DataFrame({
        "agency_id": ["a", "b"], "region": ["Kota A", "Provinsi B"], "name": ["Dinas A", "Dinas B"],
        "curated": [True, False], "pagu": [2.5e9, NAN], "serapan": [90.0, NAN], "overhead_share": [40.0, NAN],
        "share_met": [75.0, NAN], "efficiency_index_median": [111.1, NAN], "staff": [20.0, NAN],
        "pagu_per_staff": [1.25e8, NAN], "indicators_met": [3, NAN], "indicators_assessed": [4, NAN],
    })


def _indicators():
    return pd.DataFrame({
        "agency_id": ["a", "a", "a"], "indicator_id": ["I1", "I2", "I3"], "theme": ["msme", "cooperatives", "msme"],
        "capaian_standard": [100.0, 80.0, NAN]})


def _findings():
    rows = [("a", "capaian", "I1 2024 capaian", "error", "12;10"), ("a", "capaian", "I1 2024 capaian", "info", "40"),
            ("a", "capaian", "I2 2024 capaian", "info", "15-16"), ("a", "serapan", "total serapan", "info", "50"),
            ("b", "sisa", "x sisa", "error", "7"), ("b", "sisa", "y sisa", "unverifiable", "8")]
    return pd.DataFrame(rows, columns=["agency_id", "check", "subject", "severity", "source_lines"])


def _outputs(failed=()):
    return Outputs(["a", "b"], _summary(), _indicators(), _findings(), list(failed))


def test_nothing_is_left_out_when_every_chapter_was_built():
    assert crosspages.left_out(_outputs()) is None


def test_the_left_out_note_names_and_links_each_failed_agency():
    note = crosspages.left_out(_outputs([{"id": "kota-x", "name": "Dinas <X>", "reason": "bad row 3\nmore"}]))
    assert note._repr_html_() == (
        '<div class="admonition warning"><p class="admonition-title">Left out of this page</p>'
        "<p>1 registered report could not be built from the current data and is not counted below:</p>"
        '<ul><li><a href="../agencies/kota-x/agency.html">Dinas &lt;X&gt;</a>: bad row 3</li></ul></div>')


def test_chapters_without_a_successful_status_are_read_as_failed(tmp_path):
    ok = tmp_path / "a" / "outputs"
    ok.mkdir(parents=True)
    (ok / "status.json").write_text(json.dumps({"ok": True}), encoding="utf-8")
    summary = {"agency_id": "a", "region": "Kota A", **dict.fromkeys(SUMMARY_NUMBERS)}
    (ok / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    bad = tmp_path / "b" / "outputs"
    bad.mkdir(parents=True)
    (bad / "status.json").write_text(json.dumps({"ok": False, "reason": "no", "name": "Dinas B"}), encoding="utf-8")
    outputs = crosspages.read_chapters(["a", "b"], tmp_path)
    assert outputs.failed == [{"id": "b", "name": "Dinas B", "reason": "no"}]
    assert outputs.names == {"a": "Kota A"}


def test_numbers_of_the_quality_page():
    assert crosspages.quality_numbers(_outputs()) == {
        "n_findings": "6", "n_errors": "2", "n_warnings": "0",
        # a: 1 error in 4 figures = 25 %; b: 1 in 2 = 50 %
        "worst_rate": "The error rate runs from 25.0% of the figures the audit recomputed (Kota A) to 50.0% (Provinsi B)."}


def test_error_rate_sentence_for_one_agency_and_for_none():
    one = _findings()[lambda f: f["agency_id"] == "b"]
    assert crosspages.error_rate_sentence(one, {"b": "Provinsi B"}) == (
        "The report of Provinsi B has an error rate of 50.0% of the figures the audit recomputed.")
    assert crosspages.error_rate_sentence(pd.DataFrame(), {}) == ""


def test_comparison_numbers_count_reports_and_curated_ones():
    numbers = crosspages.comparison_numbers(_outputs())
    assert (numbers["n_agencies"], numbers["n_curated"]) == ("2", "1")
    assert numbers["headline"].startswith("Kota A met the largest share of its performance targets: 3 of 4 (75%). "
                                          "Kota A used its budget best")


def test_theme_data_is_one_bar_per_indicator_with_a_capaian_by_theme():
    data = crosspages.theme_data(_outputs())
    assert data.to_dict("list") == {"theme": ["cooperatives", "msme"], "agency_id": ["a", "a"],
                                    "agency": ["Kota A", "Kota A"], "indicator_id": ["I2", "I1"],
                                    "capaian_standard": [80.0, 100.0]}


def test_budget_and_staff_data_are_in_the_units_the_charts_name():
    budget = crosspages.budget_data(_outputs())
    assert budget.loc[0, ["pagu_billion_rupiah", "serapan_percent", "overhead_share_percent"]].tolist() == [2.5, 90, 40]
    assert math.isnan(budget.loc[1, "pagu_billion_rupiah"])
    staff = crosspages.staff_data(_outputs())
    assert staff.loc[0, ["staff", "pagu_per_staff_million_rupiah"]].tolist() == [20, 125]


def test_severity_data_is_each_severity_as_a_share_of_the_audited_figures():
    data = crosspages.severity_data(_outputs())
    assert data["agency"].tolist() == ["Kota A", "Provinsi B"]
    assert data["figures_audited"].tolist() == [4, 2]
    assert data[["error", "warning", "unverifiable", "info"]].values.tolist() == [[25, 0, 0, 75], [50, 0, 50, 0]]


def test_chart_data_is_written_as_plotted_and_stale_files_removed(tmp_path):
    (tmp_path / "old-chart.csv").write_text("x\n", encoding="utf-8")
    written = crosspages.write_chart_data(_outputs(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in crosspages.CHART_DATA)
    assert len(written) == 5
    text = (tmp_path / "comparison-capaian-by-theme.csv").read_text(encoding="utf-8")
    assert text == ("theme,agency_id,agency,indicator_id,capaian_standard\n"
                    "cooperatives,a,Kota A,I2,80.0\nmsme,a,Kota A,I1,100.0\n")


def test_chart_links_list_every_chart_data_file():
    links = crosspages.chart_links()
    assert links.count("<li>") == len(crosspages.CHART_DATA)
    assert ('<li><a href="../../_static/charts/quality-severity.csv" download>quality-severity.csv</a>: '
            "quality page, audited figures by severity</li>") in links


def test_file_rows_count_data_rows_and_source_lines(tmp_path):
    from lkjpy.downloads import Download

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "staff.csv").write_text("x,y\n1,2\n3,4\n", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("one\ntwo\nthree\n", encoding="utf-8")
    published = [Download("agencies.yml", "", "registry"), Download("a/staff.csv", "a", "staff"),
                 Download("sources/a.txt", "a", "source"), Download("b/meta.csv", "b", "meta")]
    rows = crosspages.file_rows(_outputs([{"id": "b", "name": "B", "reason": "x"}]), published, tmp_path)
    assert rows[["Agency", "Table", "Rows"]].values.tolist() == [
        ["(all)", "registry", "2 agencies"], ["a", "staff", "2"], ["a", "source text", "3 lines"],
        ["b", "meta", "not valid (see the chapter)"]]


def test_alt_texts_say_what_the_charts_show():
    assert charts.theme_alt(["msme", "labour"], 0) == (
        "Bar charts, one per theme (msme, labour), of the recomputed capaian of every PK indicator, coloured and "
        "hatched by agency, with a dashed line at 100 %.")
    assert charts.theme_alt(["msme"], 2).endswith(
        "with a dashed line at 100 %; 2 indicator(s) above 300 % are drawn to the edge with their value written.")
    assert charts.budget_alt(crosspages.budget_data(_outputs())) == (
        "Three horizontal bar charts, one bar per agency: budget (pagu) Kota A 2.5 billion rupiah; serapan "
        "Kota A 90.0 %; overhead share Kota A 40.0 %.")
    assert charts.severity_alt(crosspages.severity_data(_outputs()), ["error", "info"]) == (
        "Stacked horizontal bars, one per agency, splitting the figures the audit recomputed into error, info; "
        "error rates run from 25.0 % (Kota A) to 50.0 % (Provinsi B).")


@pytest.mark.parametrize("name", ["budget", "performance", "staff", "severity"])
def test_each_chart_carries_its_alt_text(name):
    data = getattr(crosspages, f"{name}_data")(_outputs())
    figure = getattr(charts, f"{name}_chart")(data)
    alt = getattr(charts, f"{name}_alt")(data, *([["error", "warning", "unverifiable", "info"]] if name == "severity"
                                                  else []))
    assert figure.alt == alt and figure.svg.startswith("<?xml")


def test_the_derivation_table_links_each_pk_row_of_the_combined_indicators(tmp_path):
    combined = tmp_path / "indicators.csv"
    combined.write_text("agency_id,indicator_id,source_line,target_line,realisasi_line\na,I1,457,,\n", encoding="utf-8")
    outputs = crosspages.read_chapters(["a"], tmp_path / "no-chapters", combined)
    assert outputs.pk_rows.to_dict("list") == {"agency_id": ["a"], "indicator_id": ["I1"], "source_line": ["457"],
                                               "target_line": [""], "realisasi_line": [""]}
    full = Outputs(["a", "b"], _summary().assign(capaian_median=90.0, capaian_mean=90.0, capaian_far_out=0,
                                                 realisasi=90.0, budget_source=""),
                   _indicators(), _findings(), [], outputs.pk_rows)
    table = crosspages.derivation_table(full)
    assert table.startswith('<details class="lkj-group"><summary>How each computed figure is derived')
    assert ('PK indicators</a>; I1: <a class="src-ref" href="../sources/a.html#L457">457</a></td>') in table
