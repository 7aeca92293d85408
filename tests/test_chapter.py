"""The chapter's sentences, tables and charts (lkjpy.chapter, lkjpy.chapter_charts): expected texts
and figures written by hand."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest
from synthetic import make_agency

from lkjpy import chapter, chapter_charts, measures
from lkjpy.chapter import (
    NOT_CURATED,
    Chapter,
    audit_groups,
    audit_sentence,
    budget_sentence,
    efficiency_figures,
    efficiency_sentence,
    history_sentence,
    pk_sentence,
    profile_sentence,
)

# --- sentences ---------------------------------------------------------------------------------------


def test_profile_sentence_with_everything_the_report_states():
    assert profile_sentence("kota", "Sumatera Utara", 2024, "Budi Santoso, S.E.", 2_000_000, 1_500_000,
                            "printed total, Tabel 3.1", 12) == (
        "The agency is a city (kota) agency of Sumatera Utara; this is its report for 2024. It is signed by "
        "Budi Santoso, S.E. The year's budget was Rp 2,000,000, of which Rp 1,500,000 was spent (serapan 75.00%; "
        "printed total, Tabel 3.1). It reports 12 staff.")


def test_profile_sentence_says_only_what_is_known():
    assert profile_sentence("provinsi", "Kalimantan Barat", 2023) == (
        "The agency is a provincial agency of Kalimantan Barat; this is its report for 2023.")
    assert profile_sentence("kabupaten", "Sumatera Barat", 2024, "Ani", 5_000, math.nan, "sum of programs") == (
        "The agency is a regency (kabupaten) agency of Sumatera Barat; this is its report for 2024. It is signed "
        "by Ani. The year's budget was Rp 5,000 (sum of programs); the report prints no realisation for it.")


def test_pk_sentence():
    assert pk_sentence(3, 2, 3, 1) == (
        "The report's Perjanjian Kinerja has 3 indicators. Recomputed with the standard formula for each "
        "indicator's polarity, 2 of the 3 that can be assessed reached their target; for 1 the printed capaian "
        "differs from the recomputed one by more than half a point. Categories are shown as printed, as the "
        "report's own scale gives them for the recomputed capaian, and on the common reference scale "
        "(Permendagri 86/2017).")


def test_history_sentence():
    assert history_sentence(False, [2023, 2024], 2) == "Not curated for this report (see its coverage above)."
    assert history_sentence(True, [2022, 2023, 2024], 4).startswith(
        "The report prints realisations for 3 year(s) (2022, 2023, 2024); 4 indicator(s) have at least two years "
        "to compare. Progress towards the Renstra's end-of-period target")
    assert history_sentence(True, [], 0).startswith("The report prints realisations for 0 year(s) (none); 0 ")


def test_budget_sentence():
    assert budget_sentence(False, 0, 0, math.nan, math.nan, "not printed", math.nan) == (
        "The budget by program is not curated for this report (see its coverage above).")
    assert budget_sentence(True, 0, 0, 1e6, math.nan, "printed total, T", math.nan) == (
        "The curated data has no program budget for this report yet.")
    assert budget_sentence(True, 3, 2, 1e9, 9e8, "sum of programs", 25.0) == (
        "The year's budget was Rp 1,000,000,000, of which Rp 900,000,000 was spent (serapan 90.00%; sum of "
        "programs). The report lists 3 programs, 2 of them with their spending. The general support program "
        "(penunjang urusan) took 25.00% of the programs' allocation. Serapan is recomputed as realisasi / pagu × "
        "100 and sisa as pagu − realisasi.")


def test_efficiency_sentence():
    assert efficiency_sentence(False, {"ratio": 1}) == NOT_CURATED
    assert efficiency_sentence(True, {}) == "The curated data has no efficiency table for this report yet."
    assert efficiency_sentence(True, {"difference": 2, "ratio": 1}) == (
        "The report's efficiency figures follow these methods: capaian − serapan (points) (2 rows); "
        "capaian / serapan × 100 (1 row). Each printed figure is recomputed with its method from the figures "
        "printed beside it, and set beside the book's common efficiency index = capaian / serapan × 100.")


def test_audit_sentence_counts_missing_severities_as_zero():
    assert audit_sentence({"error": 2, "info": 5}, 7) == (
        "The audit recomputed 7 printed figures and comparisons: 2 errors, 0 warnings, 0 figures that cannot be "
        "recomputed and 5 that agree. Errors and warnings are listed by check (checks with errors open), one row "
        "per problem with every line that prints it; the unverifiable and the agreeing ones are counted by check "
        "and listed, collapsed, below them.")


# --- tables --------------------------------------------------------------------------------------------

BUDGET = [
    {"item_id": "p1", "name": "Program Penunjang Urusan Pemerintahan Daerah", "pagu_printed": "300.000",
     "realisasi_printed": "240.000"},
    {"item_id": "p2", "name": "Program <Pemberdayaan> UMKM", "pagu_printed": "100.000", "realisasi_printed": "100.000"},
]


@pytest.fixture
def budget_chapter():
    agency = make_agency({"budget": BUDGET})
    agency.meta.update(level="kota", province="P", region="R")
    return Chapter(agency, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), measures.programs(agency),
                   measures.belanja(agency), measures.budget_total(agency), pd.DataFrame())


def test_program_table_recomputes_serapan_sisa_and_shares(budget_chapter):
    html = chapter.program_table(budget_chapter)
    # 240,000 / 300,000 = 80 %, sisa 60,000, share 300,000 / 400,000 = 75 %; the other 100 %, 0, 25 %
    for cell in ("<td>80.00%</td>", "<td>Rp 60,000</td>", "<td>75.0%</td>", "<td>100.00%</td>", "<td>Rp 0</td>",
                 "<td>25.0%</td>"):
        assert cell in html, cell
    assert "&lt;Pemberdayaan&gt;" in html and "<Pemberdayaan>" not in html  # texts from data escaped
    assert "<caption>Budget by program</caption>" in html
    assert 'href="../../sources/synthetic.html#L101"' in html  # the row's source line, linked


def test_budget_text_from_the_computation(budget_chapter):
    # printed total absent: the sum of programs, 400,000, of which 340,000 spent (85 %); overhead 75 %
    assert budget_chapter.budget_text().startswith(
        "The year's budget was Rp 400,000, of which Rp 340,000 was spent (serapan 85.00%; sum of programs). The "
        "report lists 2 programs, 2 of them with their spending. The general support program (penunjang urusan) "
        "took 75.00% of the programs' allocation.")


def test_empty_sections_show_nothing(budget_chapter):
    assert chapter.belanja_table(budget_chapter) == ""
    assert chapter.history_table(budget_chapter) == ""
    assert chapter.efficiency_table(budget_chapter) == ""


def test_efficiency_figures_by_stated_method_and_common_index():
    eff = pd.DataFrame({"method_variant": ["difference", "ratio", "comparison"], "capaian_kinerja": [95.0, 90.0, 80.0],
                        "serapan": [90.0, 75.0, 70.0], "pagu": math.nan, "realisasi": math.nan,
                        "target_kinerja": math.nan, "realisasi_kinerja": math.nan})
    out = efficiency_figures(eff)
    # 95 - 90 = 5 points; 90 / 75 x 100 = 120; a verdict has no figure. Common: 95/90 = 105.56, 120, 80/70 = 114.29
    assert out["recomputed"].iloc[0] == pytest.approx(5) and out["recomputed"].iloc[1] == pytest.approx(120)
    assert math.isnan(out["recomputed"].iloc[2])
    assert list(out["common"].round(2)) == [105.56, 120.0, 114.29]


FINDINGS = pd.DataFrame({
    "check": ["sisa", "capaian", "capaian", "<b>x</b>", "serapan", "serapan"],
    "severity": ["warning", "error", "info", "unverifiable", "info", "info"],
    "subject": ["a", "b", "c", "d", "e", "f"], "reported": "1", "recomputed": "2", "message": "m",
    "source_lines": ["12", "14-15", "", "3", "4", "5"], "formula": "f",
})


def test_audit_groups_open_the_checks_with_errors_and_collapse_the_rest():
    serious, unverifiable, agreeing = audit_groups(FINDINGS, "a1")
    # errors and warnings by check, sorted: capaian (open, it has an error), then sisa (closed)
    assert serious.index("<summary>capaian: 1 error</summary>") < serious.index("<summary>sisa: 1 warning</summary>")
    assert '<details class="lkj-group" open><summary>capaian' in serious
    assert '<details class="lkj-group"><summary>sisa' in serious
    assert "Errors and warnings: check capaian" in serious and 'href="../../sources/a1.html#L14-L15"' in serious
    assert "<summary>&lt;b&gt;x&lt;/b&gt;: 1 unverifiable</summary>" in unverifiable and " open" not in unverifiable
    assert agreeing.startswith('<details class="lkj-group"><summary>3 figures that agree, by check</summary>')
    assert "<summary>serapan: 2 info</summary>" in agreeing and "<summary>capaian: 1 info</summary>" in agreeing


def test_audit_counts_table():
    findings = FINDINGS.assign(severity=pd.Categorical(FINDINGS["severity"],
                                                       ["error", "warning", "unverifiable", "info"]))
    html = chapter.audit_counts_table(findings)
    # check "serapan": 0 error, 0 warning, 0 unverifiable, 2 info
    assert "<tr><td>serapan</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>" in html


# --- charts ----------------------------------------------------------------------------------------------

INDICATORS = pd.DataFrame({
    "indicator_id": ["i1", "i2", "i3"], "indicator_en": ["Cooperatives", "SMEs", "Training"],
    "capaian_standard": [80.0, 120.0, 450.0], "capaian_reported": [80.0, 125.0, 450.0],
    "target_met": pd.array([False, True, True], dtype="boolean"),
})


@pytest.fixture
def draws(monkeypatch):
    """How many times figures are drawn."""
    count = [0]
    draw = matplotlib.figure.Figure.draw

    def counted(self, renderer):
        count[0] += 1
        return draw(self, renderer)

    monkeypatch.setattr(matplotlib.figure.Figure, "draw", counted)
    return count


def test_capaian_chart_describes_itself_and_is_drawn_once(draws):
    with matplotlib.rc_context({"savefig.bbox": "tight"}):  # as the inline backend sets it
        figure = chapter_charts.capaian_chart(INDICATORS, "Dinas X")
    assert figure.svg.startswith("<?xml") and figure.width > 300
    assert figure.alt == (
        "Horizontal bar chart of the recomputed capaian of the 3 PK indicators of Dinas X, with the printed capaian "
        "as diamonds and a dashed line at 100 %. 2 of 3 assessed indicators reach their target; recomputed capaian "
        "runs from 80.0 % (Cooperatives) to 450.0 % (Training); 1 bar(s) above 300 % end at the edge with their "
        "value written.")
    assert draws[0] == 1


def test_history_chart_only_for_numeric_history():
    empty = pd.DataFrame({"indicator_id": pd.Series(dtype=str), "year": pd.Series(dtype=int),
                          "realisasi_value": pd.Series(dtype=float), "target": pd.Series(dtype=float)})
    assert chapter_charts.history_chart(INDICATORS, empty) is None
    hist = pd.DataFrame({"indicator_id": ["i1", "i1", "i2"], "year": [2023, 2024, 2024],
                         "realisasi_value": [1.0, 2.0, math.nan], "target": [1.0, 1.5, 3.0]})
    figure = chapter_charts.history_chart(INDICATORS, hist)
    assert figure.alt == ("Small line charts, one per indicator (1 indicators), of the realisation printed for each "
                          "year 2023, 2024, with the year's target as a horizontal tick.")


def test_budget_chart_only_when_curated(budget_chapter):
    assert chapter_charts.budget_chart(budget_chapter.programs.iloc[0:0], budget_chapter.belanja) is None
    figure = chapter_charts.budget_chart(budget_chapter.programs, budget_chapter.belanja)
    assert figure.alt == (
        "Horizontal bar chart of the allocation (pagu, light hatched bars) and spending (realisasi, dark inner "
        "bars) of 2 programs, in billion rupiah; program allocations run from 0.0 billion (Program <Pemberdayaan> "
        "UMKM) to 0.0 billion (Program Penunjang Urusan Pemerintahan Daerah).")
