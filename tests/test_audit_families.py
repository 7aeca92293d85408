"""Each family of audit checks on small hand-made tables: a planted fault is found once, with its
severity and size; the clean counterpart gives no warning or error. Expected values are worked
out by hand in the comments."""

import math

import pytest
from synthetic import make_agency

from lkjpy import fmt
from lkjpy.audit import Finding, audit

IND = [{"indicator_id": "I1", "indicator": "Persentase A", "unit": "%"}]


def bad(agency):
    found = audit(agency)
    return found[found["severity"].isin(["error", "warning"])]


def only(found, check=None, severity=None):
    rows = found
    if check:
        rows = rows[rows["check"] == check]
    if severity:
        rows = rows[rows["severity"] == severity]
    assert len(rows) == 1, found[["check", "severity", "subject", "reported", "message"]].to_string()
    return rows.iloc[0]


def test_finding_is_built_with_keywords_only():
    with pytest.raises(TypeError):
        Finding("a", "capaian", "s", "1", "1", "info", "1", "m")  # the positional form is refused
    f = Finding(agency_id="a", check="capaian", subject="s", reported="1", recomputed="1", severity="info",
                source_lines="1", message="m")
    assert math.isnan(f.abs_diff) and f.printings == 1


# --- capaian: the report's stated formula, other readings, inputs that cannot be used -------------

def lower_is_better(capaian_printed, formula_reported="(2T - R) / R x 100"):
    return make_agency({
        "indicators": [{"indicator_id": "T1", "indicator": "Tingkat Pengangguran", "unit": "%", "polarity": "lower",
                        "formula_variant": "lower_over_realisasi", "theme": "labour",
                        "formula_reported": formula_reported}],
        "indicator_results": [{"indicator_id": "T1", "target_printed": "6", "realisasi_printed": "4",
                               "capaian_reported_printed": capaian_printed}],
    })


def test_figure_following_the_standard_but_not_the_stated_formula_is_a_warning():
    # standard (2 x 6 - 4) / 6 x 100 = 133,33; stated (2 x 6 - 4) / 4 x 100 = 200
    f = only(bad(lower_is_better("133,33")), "capaian", "warning")
    assert "not the formula the report states" in f["message"] and f["recomputed"] == "133.3333"


def test_figure_following_the_stated_formula_is_a_variant_warning_and_neither_is_an_error():
    assert "(2T − R) / R" in only(bad(lower_is_better("200")), "capaian", "warning")["message"]
    # T / R x 100 = 6 / 4 x 100 = 150 is a known variant too; 140 follows none
    assert "T / R" in only(bad(lower_is_better("150")), "capaian", "warning")["message"]
    f = only(bad(lower_is_better("140")), "capaian", "error")
    # 140 against the standard 133,33: 6,67 points, 5 % of 133,33
    assert f["abs_diff"] == pytest.approx(6.6667, abs=1e-4) and f["rel_diff"] == pytest.approx(5)


def test_a_capaian_that_is_the_renstra_progress_says_so():
    agency = make_agency({"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "target_printed": "5", "realisasi_printed": "5", "capaian_reported_printed": "100%"},
        # a second table prints 80,0% beside the same 5 / 5: 20 / 25 x 100 = 80, the Renstra progress
        {"indicator_id": "I1", "target_printed": "5", "realisasi_printed": "5", "capaian_reported_printed": "80,0%",
         "canonical": False, "source_table": "Tabel U"},
        {"indicator_id": "I1", "basis": "renstra_end", "target_printed": "25", "realisasi_printed": "20",
         "capaian_reported_printed": "80%"}]})
    f = only(bad(agency))  # the version and the capaian check accuse the same printed cell: one finding
    assert f["severity"] == "error" and "renstra end progress" in f["message"] and f["source_lines"].startswith("101;102")


def test_a_realisation_in_another_unit_feeds_no_other_check():
    agency = make_agency({"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "target_printed": "10", "realisasi_printed": "34.019.900", "unit_mismatch": True,
         "capaian_reported_printed": "3,65"},
        {"indicator_id": "I1", "target_printed": "10", "realisasi_printed": "34.019.900", "unit_mismatch": True,
         "capaian_reported_printed": "3,65", "canonical": False, "source_table": "Tabel U"}],
        "aggregates": [{"aggregate_id": "r", "measure": "realisasi_mean", "components": "I1", "value_printed": "119"}]})
    found = audit(agency)
    unit = only(found, "unit")
    assert unit["severity"] == "error" and unit["printings"] == 2 and unit["source_lines"] == "101;102"
    assert set(found.loc[found["check"].isin(["capaian", "aggregate"]), "severity"]) == {"unverifiable"}
    assert "340" not in " ".join(found["recomputed"])  # no capaian of 34.019.900 / 10 x 100


def test_capaian_quoted_in_the_text_is_set_against_the_canonical_figures():
    agency = make_agency({"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90"},
        {"indicator_id": "I1", "capaian_reported_printed": "95%", "canonical": False, "source_table": "Narasi"}]})
    # 45 / 50 x 100 = 90, not 95: the version check and the capaian check accuse the same cell, one finding
    f = only(bad(agency))
    assert f["reported"] == "95%" and f["recomputed"] == "90" and "capaian check" in f["message"]


# --- aggregates ---------------------------------------------------------------------------------------

def programs(pct2="87,5"):
    return [
        {"item_id": "total", "level": "total", "name": "Total", "pagu_printed": "1.000", "realisasi_printed": "900",
         "pct_reported_printed": "90"},
        {"item_id": "p1", "parent_id": "total", "name": "A", "pagu_printed": "600", "realisasi_printed": "550",
         "pct_reported_printed": "91,67"},
        {"item_id": "p2", "parent_id": "total", "name": "B", "pagu_printed": "400", "realisasi_printed": "350",
         "pct_reported_printed": pct2},
    ]


def test_unweighted_mean_standing_for_the_whole_is_a_warning_with_the_weighted_figure():
    # (91,67 + 87,5) / 2 = 89,585 -> printed 89,59; weighted 900 / 1.000 = 90
    agency = make_agency({"budget": programs(), "aggregates": [
        {"aggregate_id": "s", "measure": "serapan_mean", "components": "p1;p2", "value_printed": "89,59"}]})
    f = only(bad(agency), "aggregate", "warning")
    assert f["recomputed"] == "90" and "unweighted mean" in f["message"]
    # printed as the weighted 90 it is no mean of the two printed percentages: an error
    agency = make_agency({"budget": programs(), "aggregates": [
        {"aggregate_id": "s", "measure": "serapan_mean", "components": "p1;p2", "value_printed": "95"}]})
    assert only(bad(agency), "aggregate", "error")["recomputed"] == "89.585"


def test_a_mean_reproduced_from_another_table_is_said_so():
    # the components' canonical percentages give 89,585; a second table prints 80 and 90 for them: mean 85
    budget = programs() + [{"item_id": "p1", "name": "A", "pagu_printed": "600", "realisasi_printed": "480",
                            "pct_reported_printed": "80", "canonical": False, "source_table": "Tabel U"},
                           {"item_id": "p2", "name": "B", "pagu_printed": "400", "realisasi_printed": "360",
                            "pct_reported_printed": "90", "canonical": False, "source_table": "Tabel U"}]
    agency = make_agency({"budget": budget, "aggregates": [
        {"aggregate_id": "s", "measure": "serapan_mean", "components": "p1;p2", "value_printed": "85"}]})
    f = only(bad(agency), "aggregate")
    assert f["severity"] == "warning" and "(80 + 90) / 2" in f["message"] and "Tabel U" in f["message"]


def test_mean_over_an_unreadable_component_is_unverifiable_not_an_error():
    budget = programs()
    budget[2].update(pct_reported_printed="87,5.%", malformed="pct_reported")
    agency = make_agency({"budget": budget, "aggregates": [
        {"aggregate_id": "s", "measure": "serapan_mean", "components": "p1;p2", "value_printed": "94,27%"}]})
    found = audit(agency)
    assert only(found, "aggregate")["severity"] == "unverifiable"
    assert only(bad(agency))["check"] == "malformed"


# --- budget ---------------------------------------------------------------------------------------------

def test_zero_over_zero_is_unverifiable():
    agency = make_agency({"budget": [{"item_id": "b", "name": "Aset", "level": "belanja", "pagu_printed": "0",
                                      "realisasi_printed": "0", "pct_reported_printed": "0"}]})
    f = only(audit(agency), "serapan")
    assert f["severity"] == "unverifiable" and "0 / 0" in f["message"]


def test_serapan_of_a_total_printed_as_the_mean_of_its_rows_is_an_error_that_says_so():
    # (91,67 + 87,5) / 2 = 89,585 -> 89,59, printed as the total's serapan; 900 / 1.000 = 90
    budget = programs()
    budget[0]["pct_reported_printed"] = "89,59"
    f = only(bad(make_agency({"budget": budget})), "serapan", "error")
    assert f["recomputed"] == "90" and "unweighted mean of its 2 rows" in f["message"]
    assert f["abs_diff"] == pytest.approx(0.41)


def test_a_misprint_and_the_serapan_computed_from_it_are_one_finding():
    budget = programs() + [{"item_id": "p2", "name": "B", "pagu_printed": "400", "realisasi_printed": "530",
                            "pct_reported_printed": "87,5", "canonical": False, "source_table": "Tabel U"}]
    # 530 misprints 350: 350 / 400 = 87,5 % as printed beside it; 530 / 400 would be 132,5
    f = only(bad(make_agency({"budget": budget})))
    assert f["check"] == "versions" and f["source_lines"] == "103;104" and "serapan check" in f["message"]
    assert (f["unit"], f["abs_diff"]) == ("Rp", 180)


def test_a_sisa_that_repeats_a_row_under_it_says_so():
    budget = programs()
    budget[0]["sisa_reported_printed"] = "50"      # 1.000 - 900 = 100; 50 is p2's sisa (400 - 350)
    budget[2]["sisa_reported_printed"] = "50"
    f = only(bad(make_agency({"budget": budget})), "sisa")
    assert f["message"] == ("printed 50, but pagu − realisasi gives 100 (off by Rp 50, 50 % of the recomputed figure); "
                            "50 is the sisa printed for the row under it, p2 (line 103)")


def test_a_total_printed_elsewhere_as_the_sum_of_its_rows_is_one_problem():
    budget = programs()
    budget[0].update(pagu_printed="950", pct_reported_printed="94,74")  # 900 / 950; its rows add up to 1.000
    budget.append({"item_id": "total", "level": "total", "name": "Total", "pagu_printed": "1.000",
                   "canonical": False, "source_table": "Tabel U"})
    f = only(bad(make_agency({"budget": budget})))
    # the version printing 1.000 (line 104) against the canonical 950 (line 101), and the table whose rows
    # add up to 1.000 under a printed 950: one finding
    assert f["check"] == "versions" and "budget_total check" in f["message"] and f["source_lines"] == "101;104;102;103"


# --- versions ---------------------------------------------------------------------------------------------

def test_a_version_truncated_to_its_printed_precision_agrees():
    budget = programs() + [{"item_id": "p1", "name": "A", "pagu_printed": "600", "realisasi_printed": "550",
                            "pct_reported_printed": "91%", "canonical": False, "source_table": "Tabel U"}]
    # 91,67 truncated to whole numbers is 91
    assert bad(make_agency({"budget": budget})).empty


def test_one_misprint_in_two_tables_is_one_finding_canonical_first():
    budget = programs()
    budget.append({"item_id": "p1", "name": "A", "pagu_printed": "660", "realisasi_printed": "550",
                   "pct_reported_printed": "83,33", "canonical": False, "source_table": "Tabel U", "source_line": 120})
    efficiency = [{"item_id": "p1", "name": "A", "method_variant": "other", "pagu_printed": "660",
                   "realisasi_printed": "550", "serapan_printed": "83,33", "source_table": "Tabel U", "source_line": 120}]
    found = bad(make_agency({"budget": budget, "efficiency": efficiency}))
    pagu = found[found["subject"].str.endswith("pagu")]
    assert len(pagu) == 1
    # canonical (line 102, Tabel T) first, then the misprint (line 120, Tabel U): tables in the same order
    assert pagu.iloc[0]["source_lines"] == "102;120" and pagu.iloc[0]["source_table"] == "Tabel T; Tabel U"


# --- missing values and spreadsheet errors ---------------------------------------------------------------

def test_one_finding_per_pk_row_missing_figures_and_per_copied_spreadsheet_error():
    agency = make_agency({"indicators": IND + [{"indicator_id": "I2", "indicator": "B"}], "indicator_results": [
        {"indicator_id": "I1", "target_printed": "5", "realisasi_printed": "[blank]", "capaian_reported_printed": "[blank]"},
        {"indicator_id": "I2", "target_printed": "5", "realisasi_printed": "5", "capaian_reported_printed": "100"},
        {"indicator_id": "I1", "capaian_reported_printed": "#DIV/0!", "canonical": False, "source_table": "Tabel U"},
        {"indicator_id": "I2", "capaian_reported_printed": "#DIV/0!", "canonical": False, "source_table": "Tabel U"}]})
    found = bad(agency)
    assert only(found, "missing")["message"] == "the report's PK result for I1 has no realisasi (blank) and no capaian (blank)"
    assert only(found, "spreadsheet_error")["source_lines"] == "103;104"


def test_tables_not_curated_yield_nothing():
    agency = make_agency({"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90"}]})
    found = audit(agency)
    assert set(found["check"]) == {"capaian"} and set(found["severity"]) == {"info"}
    assert audit(make_agency({})).empty


def test_a_table_left_out_of_the_declared_coverage_is_not_audited():
    budget = programs()
    budget[0]["pct_reported_printed"] = "95"  # 900 / 1.000 = 90: an error when budget is audited
    tables = {"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90"}],
        "budget": budget}
    agency = make_agency(tables)
    assert only(bad(agency), "serapan")["reported"] == "95"
    agency.meta["coverage"] = ["profile", "pk"]  # sections (lkjpy.coverage): meta, indicators, results
    assert bad(agency).empty and set(audit(agency)["check"]) == {"capaian"}


# --- changes and their direction words ----------------------------------------------------------------------

def test_a_direction_word_contradicting_the_figures_is_an_error():
    tables = {"indicators": IND, "indicator_results": [
        {"indicator_id": "I1", "year": 2023, "realisasi_printed": "4,61"},
        # 4,75 / 5 x 100 = 95
        {"indicator_id": "I1", "year": 2024, "target_printed": "5", "realisasi_printed": "4,75",
         "capaian_reported_printed": "95", "change_reported_printed": "0,14", "canonical": True}]}
    agency = make_agency(tables)
    # line 102 holds the change; 4,61 -> 4,75 is a rise of 0,14 points
    agency.source_lines = ["x"] * 101 + ["pada tahun 2024 mengalami penurunan sebesar 0,14 poin."]
    f = only(bad(agency), "direction", "error")
    assert "calls the change a fall" in f["message"]
    agency.source_lines[-1] = "pada tahun 2024 mengalami kenaikan sebesar 0,14 poin."
    assert bad(agency).empty


def test_direction_word_is_read_at_the_printing_of_the_row_year():
    from lkjpy.audit.changes import direction_word
    line = "realisasi tahun 2023 adalah 0,33%, meningkat 0,25%, realisasi tahun 2024 adalah 0,08%, menurun 0,25%."
    assert direction_word(line, "0,25%", 2023) == "up" and direction_word(line, "0,25%", 2024) == "down"


# --- curated count tables ----------------------------------------------------------------------------------

def staff_table(golongan_total="3", jumlah="5"):
    rows = [("Golongan IV", True, "2", 201), ("IV/a", False, "1", 202), ("IV/b", False, "1", 203),
            ("Golongan III", True, golongan_total, 204), ("III/a", False, "2", 205), ("III/b", False, "-", 206),
            ("JUMLAH", True, jumlah, 207)]
    return [{"dimension": "golongan", "category": c, "subcategory": "Total", "is_total": t, "count_printed": v,
             "source_line": line, "source_table": "Tabel I.2"} for c, t, v, line in rows]


def test_staff_subtotals_and_total_add_up():
    # Golongan IV = 1 + 1 = 2; Golongan III = 2 + 0 ('-') = 2... printed 3: the planted fault
    found = bad(make_agency({"staff": staff_table()}))
    f = only(found, "table_total", "error")
    assert (f["subject"], f["reported"], f["recomputed"]) == ("golongan Golongan III Total", "3", "2")
    assert f["source_lines"] == "204;205;206"
    # JUMLAH = 1 + 1 + 2 + 0 = 4 parts... printed 5 is also wrong; the clean table: III = 2, JUMLAH = 4
    assert bad(make_agency({"staff": staff_table("2", "4")})).empty


def test_a_total_across_columns_and_a_total_of_subtotals():
    rows = [("Dalam Negeri L", False, "1.032"), ("Dalam Negeri P", False, "1.247"), ("Dalam Negeri Jml", True, "2.280"),
            ("Luar Negeri L", False, "100"), ("Luar Negeri P", False, "186"), ("Luar Negeri Jml", True, "286"),
            ("Total", True, "2.566")]
    context = [{"series_id": "placements", "series_label": "x", "unit": "people", "year": 2019, "category": "",
                "subcategory": s, "is_total": t, "value_printed": v, "source_line": 180} for s, t, v in rows]
    # 1.032 + 1.247 = 2.279, not 2.280; the Total 2.566 = 2.280 + 286 (the printed subtotals) agrees
    f = only(bad(make_agency({"context": context})))
    assert (f["reported"], f["recomputed"]) == ("2.280", "2,279") and f["abs_diff"] == 1


def test_narrative_counts_far_apart_are_not_one_table():
    staff = [{"dimension": "employment", "category": "ASN", "subcategory": "Total", "is_total": True,
              "count_printed": "48", "source_line": 197, "source_table": "Narasi"},
             {"dimension": "employment", "category": "laki-laki", "subcategory": "Total", "is_total": False,
              "count_printed": "25", "source_line": 240, "source_table": "Narasi"}]
    assert bad(make_agency({"staff": staff})).empty


def test_a_percentage_column_is_checked_against_the_ratio_its_rows_follow():
    def row(series, year, value, unit="units"):
        return {"series_id": series, "series_label": "x", "unit": unit, "year": year, "value_printed": value,
                "source_line": 100 + year - 2020, "source_table": "Tabel 3.21"}
    # active / total: 50 / 100 = 50 %, 60 / 120 = 50 %, 145 / 319 = 45,45 % printed 25,08
    context = [row("kop-total", 2021, "100"), row("kop-active", 2021, "50"), row("kop-pct", 2021, "50", "%"),
               row("kop-total", 2022, "120"), row("kop-active", 2022, "60"), row("kop-pct", 2022, "50", "%"),
               row("kop-total", 2023, "319"), row("kop-active", 2023, "145"), row("kop-pct", 2023, "25,08", "%")]
    f = only(bad(make_agency({"context": context})), "share", "error")
    assert f["reported"] == "25,08" and f["recomputed_value"] == pytest.approx(45.4545, abs=1e-4)
    context[-1]["value_printed"] = "45,45"
    assert bad(make_agency({"context": context})).empty


def test_a_context_figure_printed_in_two_tables():
    context = [{"series_id": "kop-pct", "series_label": "x", "unit": "%", "year": 2021, "category": "Persentase aktif",
                "value_printed": v, "source_line": line, "source_table": t}
               for v, line, t in (("46", 101, "Tabel 3.18"), ("45,46", 140, "Tabel 3.21"))]
    # 45,46 rounds to 45, not 46
    f = only(bad(make_agency({"context": context})), "versions", "error")
    assert f["source_lines"] == "101;140" and f["unit"] == "points"
    context[0]["value_printed"] = "45"
    assert bad(make_agency({"context": context})).empty


# --- facts printed twice ------------------------------------------------------------------------------------

def meta(rows):
    return [{"key": k, "printed": p, "value": v, "source_table": "T", "source_line": n} for k, p, v, n in rows]


def test_meta_facts_printed_twice():
    agency = make_agency({"meta": meta([("report_date", "30 Januari 2024", "2024-01-30", 23),
                                        ("report_date_2", "Februari 2024", "2024-02", 1053),
                                        ("head", "Drs. JUNAIDI, MM", "Drs. JUNAIDI, MM", 33),
                                        ("head_2", "Drs. JUNAI, MM", "Drs. JUNAIDI, MM", 682)])})
    found = bad(agency)
    assert only(found, severity="error")["subject"] == "report_date (printed again)"
    assert only(found, severity="warning")["subject"] == "head (printed again)"
    # a month agrees with a day in it
    clean = make_agency({"meta": meta([("report_date", "30 Januari 2024", "2024-01-30", 23),
                                       ("report_date_2", "Januari 2024", "2024-01", 1053)])})
    assert bad(clean).empty


def test_a_plan_period_against_its_stated_length():
    rows = [("renstra_period", "Tahun 2024 – 2026", "2024-2026", 16),
            ("renstra_duration_stated", "selama kurun waktu 5 (lima) tahun", "5 years", 16)]
    # 2024-2026 is 3 calendar years (2 counted as 2026 - 2024), not 5
    f = only(bad(make_agency({"meta": meta(rows)})))
    assert (f["severity"], f["recomputed"]) == ("error", "3")
    rows[0] = ("renstra_period", "2021-2026", "2021-2026", 16)  # 2026 - 2021 = 5: as stated
    assert bad(make_agency({"meta": meta(rows)})).empty


def test_akip_grade_against_its_score():
    # 81,1 is above 80: grade A; printed BB
    agency = make_agency({"meta": meta([("akip_grade", "BB (81,1%)", "BB", 599), ("akip_score", "81,1%", "81.1", 599)])})
    assert only(bad(agency))["recomputed"] == "A"
    agency = make_agency({"meta": meta([("akip_grade", "A (81,1%)", "A", 599), ("akip_score", "81,1%", "81.1", 599)])})
    assert bad(agency).empty


def test_staff_totals_of_one_dimension_in_two_tables():
    staff = staff_table("2", "4") + [{"dimension": "golongan", "category": "dari 5 pegawai", "subcategory": "Total",
                                      "is_total": True, "count_printed": "5 pegawai", "source_line": 300,
                                      "source_table": "Narasi"}]
    f = only(bad(make_agency({"staff": staff})), "fact")
    assert (f["reported"], f["recomputed"]) == ("5 pegawai", "4")


def test_a_benchmark_printed_twice():
    bench = [{"indicator_id": "I1", "year": 2024, "body": b, "scope": "national", "kind": "realisasi",
              "value_printed": v, "source_line": n, "source_table": "T"}
             for b, v, n in (("Kemenkop dan UKM RI", "8,43", 101), ("Kementerian Koperasi dan UKM RI", "8,34%", 150))]
    agency = make_agency({"indicators": IND, "indicator_results": [{"indicator_id": "I1", "target_printed": "10"}],
                          "benchmarks": bench})
    assert only(bad(agency), "benchmark")["reported"] == "8,34%"


# --- the book's locale ------------------------------------------------------------------------------------

def test_recomputed_values_follow_the_book_locale(monkeypatch):
    budget = programs()
    budget[2].update(pagu_printed="450", pct_reported_printed="77,78")  # the rows add up to 600 + 450 = 1.050
    monkeypatch.setattr(fmt, "_BOOK_LOCALE", ["id"])
    f = only(bad(make_agency({"budget": budget})), "budget_total")
    assert f["recomputed"] == "1.050" and f["recomputed_value"] == 1050 and "Rp 50" in f["message"]


def test_changes_that_mix_points_and_percent_in_one_table():
    ind = IND + [{"indicator_id": "I2", "indicator": "Jumlah B", "unit": "unit"}]
    results = [
        {"indicator_id": "I1", "year": 2023, "realisasi_printed": "40"},
        {"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90"},
        # 45 - 40 = 5 points
        {"indicator_id": "I1", "realisasi_printed": "45", "change_reported_printed": "5", "canonical": False,
         "source_table": "Narasi"},
        {"indicator_id": "I2", "year": 2023, "realisasi_printed": "200"},
        {"indicator_id": "I2", "target_printed": "250", "realisasi_printed": "250", "capaian_reported_printed": "100"},
        # (250 - 200) / 200 x 100 = 25 %, a relative change; in points it would be 50
        {"indicator_id": "I2", "realisasi_printed": "250", "change_reported_printed": "25", "canonical": False,
         "source_table": "Narasi"}]
    f = only(bad(make_agency({"indicators": ind, "indicator_results": results})))
    assert f["severity"] == "warning" and "mixes methods" in f["message"] and f["source_lines"] == "103;106"
    results[-1]["change_reported_printed"] = "50"  # both in points
    assert bad(make_agency({"indicators": ind, "indicator_results": results})).empty


def test_a_row_that_repeats_the_printed_mean_says_so_once():
    # K1 90 and K2 120 (capaian), mean 105; an efficiency table prints 105 as each one's capaian
    ind = IND + [{"indicator_id": "I2", "indicator": "B"}]
    results = [{"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90"},
               {"indicator_id": "I2", "target_printed": "50", "realisasi_printed": "60", "capaian_reported_printed": "120"}]
    eff = [{"item_id": i, "name": i, "method_variant": "other", "capaian_kinerja_printed": "105", "source_line": n}
           for i, n in (("I1", 120), ("I2", 121))]
    agency = make_agency({"indicators": ind, "indicator_results": results, "efficiency": eff,
                          "aggregates": [{"aggregate_id": "m", "components": "I1;I2", "value_printed": "105"}]})
    f = only(bad(agency))
    assert f["printings"] == 2 and "105 is the printed capaian mean of I1, I2" in f["message"]
    assert f["source_lines"] == "101;120;102;121"


def test_a_change_in_points_printed_as_percent_is_a_warning():
    results = [{"indicator_id": "I1", "year": 2023, "realisasi_printed": "0,33"},
               {"indicator_id": "I1", "target_printed": "0,08", "realisasi_printed": "0,08", "capaian_reported_printed": "100"},
               # 0,33 -> 0,08: 0,25 points, a relative fall of (0,08 - 0,33) / 0,33 = -75,76 %
               {"indicator_id": "I1", "realisasi_printed": "0,08", "change_reported_printed": "0,25%",
                "canonical": False, "source_table": "Narasi"}]
    f = only(bad(make_agency({"indicators": IND, "indicator_results": results})))
    assert f["severity"] == "warning" and "-75.7576 %" in f["message"]
    results[-1]["change_reported_printed"] = "0,25"
    assert bad(make_agency({"indicators": IND, "indicator_results": results})).empty


def test_a_capaian_that_is_the_cumulative_renstra_progress_says_so():
    results = [{"indicator_id": "I1", "year": y, "target_printed": "42%", "realisasi_printed": r}
               for y, r in ((2021, "42%"), (2022, "48%"), (2023, "42%"))]
    results += [{"indicator_id": "I1", "target_printed": "42%", "realisasi_printed": "42%", "capaian_reported_printed": "100%"},
                # (42 + 48 + 42 + 42) / (40 + 42 + 45 + 47 + 50) = 174 / 224 = 77,68 %
                {"indicator_id": "I1", "target_printed": "42%", "realisasi_printed": "42%",
                 "capaian_reported_printed": "77,7%", "canonical": False, "source_table": "Tabel U"}]
    plan = [{"indicator_id": "I1", "year": y, "target_printed": t, "canonical": True, "source_line": 90}
            for y, t in ((2021, "40%"), (2022, "42%"), (2023, "45%"), (2024, "47%"), (2025, "50%"))]
    found = bad(make_agency({"indicators": IND, "indicator_results": results, "renstra_targets": plan}))
    f = only(found, severity="error")  # besides: the PK's 42 % against the Renstra's 47 % for 2024, a warning
    assert "cumulative progress: realisations 2021-2024 over the Renstra's targets 2021-2025, 174 / 224" in f["message"]


# --- a budget revision stated in words ------------------------------------------------------------------

def revision(percent_printed):
    budget = [{"item_id": "total", "level": "total", "name": "Total", "stage": stage, "pagu_printed": pagu,
               "source_line": 300} for stage, pagu in (("original", "1.000.000"), ("revised", "800.000"))]
    context = [{"series_id": "budget_change", "series_label": "x", "year": 2024, "category": "berkurang sebanyak",
                "unit": unit, "value_printed": v, "source_line": 40, "source_table": "Narasi"}
               for unit, v in (("Rp", "Rp. 200.000"), ("%", percent_printed))]
    return make_agency({"budget": budget, "context": context})


def test_a_budget_cut_over_the_budget_after_the_revision_is_an_error_that_says_so():
    # 1.000.000 -> 800.000: a cut of 200.000, 200.000 / 1.000.000 x 100 = 20 %; 25 % = 200.000 / 800.000 x 100
    f = only(bad(revision("25 %")), "budget_change", "error")
    assert f["recomputed_value"] == pytest.approx(20) and f["abs_diff"] == pytest.approx(5)
    assert "over the budget after the revision" in f["message"] and f["source_lines"] == "40;300"
    found = audit(revision("20 %"))
    assert bad(revision("20 %")).empty and set(found.loc[found["check"] == "budget_change", "severity"]) == {"info"}


def test_a_budget_change_in_the_wrong_direction_is_an_error():
    agency = revision("20 %")
    agency.tables["context"].loc[0, "category"] = "bertambah sebanyak"  # the budget went down by 200.000
    f = only(bad(agency), "budget_change", "error")
    assert f["reported"] == "Rp. 200.000" and "bertambah" in f["message"]


# --- shares printed in sentences, a whole counted twice, a share out of its series' range -----------------

def sentence(eselon_iv_share="37%", golongan_iv_share="2%"):
    """'dari 48 ASN terdapat 1 pegawai (2%) eselon II, 18 pegawai (37%) eselon IV, 29 pegawai (60%) ...'"""
    staff = [{"dimension": "employment", "category": "dari 48 ASN", "subcategory": "Total", "is_total": True,
              "count_printed": "48 ASN", "source_line": 253, "source_table": "Narasi"}]
    context = []
    for category, count, share in (("eselon II", "1", golongan_iv_share), ("eselon IV", "18", eselon_iv_share),
                                   ("fungsional umum", "29", "60%")):
        staff.append({"dimension": "position", "category": category, "subcategory": "Total", "is_total": False,
                      "count_printed": f"{count} pegawai", "source_line": 253, "source_table": "Narasi"})
        context.append({"series_id": "staff_share", "series_label": "x", "unit": "%", "year": 2023,
                        "category": category, "subcategory": "share of ASN", "value_printed": share,
                        "source_line": 253, "source_table": "Narasi"})
    return staff, context


def test_shares_in_a_sentence_follow_the_count_of_their_own_category():
    # 1 / 48 = 2,08 -> 2 %; 18 / 48 = 37,5 -> 37 % (truncated) or 38 %; 29 / 48 = 60,4 -> 60 %
    staff, context = sentence()
    assert bad(make_agency({"staff": staff, "context": context})).empty
    staff, context = sentence(golongan_iv_share="29%")  # 29 % printed beside '1 pegawai'
    f = only(bad(make_agency({"staff": staff, "context": context})), "share", "error")
    assert f["recomputed_value"] == pytest.approx(100 / 48) and "(1 pegawai)" in f["message"]


def test_one_share_printed_two_ways_is_a_warning():
    staff, context = sentence()
    # a table prints the same share, 18 / 48 = 37,5, rounded to 38 (its column: Eselon IV over the JUMLAH 48)
    staff += [{"dimension": "position", "category": c, "subcategory": "Total", "is_total": t, "count_printed": v,
               "source_line": n, "source_table": "Tabel I.3"}
              for c, t, v, n in (("Eselon II", False, "1", 260), ("Eselon IV", False, "18", 262),
                                 ("Fungsional Umum", False, "29", 264), ("JUMLAH", True, "48", 265))]
    context += [{"series_id": "staff_share", "series_label": "x", "unit": "%", "year": 2023, "category": c,
                 "subcategory": "Persentase", "value_printed": v, "source_line": n, "source_table": "Tabel I.3"}
                for c, v, n in (("Eselon II", "2", 260), ("Eselon IV", "38", 262), ("Fungsional Umum", "60", 264))]
    f = only(bad(make_agency({"staff": staff, "context": context})), "share", "warning")
    assert f["source_lines"] == "253;262" and f["recomputed_value"] == pytest.approx(37.5)
    context[-2]["value_printed"] = "37"  # printed alike: no warning
    assert bad(make_agency({"staff": staff, "context": context})).empty


def test_a_share_total_that_follows_a_wrong_count_is_one_finding_with_it():
    staff = staff_table("3", "5")  # Golongan III printed 3 over parts 2 + '-' (see above), JUMLAH 5 over 4
    # shares over the 5 printed: Golongan III 3 / 5 = 60, its ranks 2 / 5 = 40 and '-': 60 misses its parts too
    context = [{"series_id": "share", "series_label": "x", "unit": "%", "year": 2023, "category": c,
                "subcategory": "Persentase", "is_total": t, "value_printed": v, "source_line": n,
                "source_table": "Tabel I.2"}
               for c, t, v, n in (("Golongan IV", True, "40", 201), ("IV/a", False, "20", 202), ("IV/b", False, "20", 203),
                                  ("Golongan III", True, "60", 204), ("III/a", False, "40", 205),
                                  ("III/b", False, "-", 206), ("JUMLAH", True, "100", 207))]
    found = bad(make_agency({"staff": staff, "context": context}))
    f = only(found[found["source_lines"].str.startswith("204")])
    assert f["reported"] == "3" and f["printings"] == 2 and "share printed beside it (60, line 204)" in f["message"]


def team(stated="9 orang"):
    rows = [("Pejabat fungsional", False, "2 orang", 1553), ("Staf", False, "2 orang", 1554),
            ("PPKL (Non ASN)", False, "3 orang", 1555), ("Pendamping (Non ASN)", False, "1 orang", 1556),
            ("Jumlah", True, "8 orang", 1557), ("orang ASN", False, "4", 1559), ("orang Non ASN", False, "4", 1559),
            ("personil", True, stated, 1559)]
    return [{"dimension": "other", "category": c, "subcategory": "Sasaran 3 team", "is_total": t, "count_printed": v,
             "source_line": n, "source_table": "Narasi 3.7"} for c, t, v, n in rows]


def test_one_team_counted_twice_must_agree():
    # listed 2 + 2 + 3 + 1 = 8, then counted 4 + 4 = 8: agrees; counted 5 + 4 = 9: the planted fault
    assert bad(make_agency({"staff": team("8 orang")})).empty
    staff = team()
    staff[5]["count_printed"] = "5"
    f = only(bad(make_agency({"staff": staff})), "table_total", "error")
    assert (f["reported"], f["recomputed_value"], f["abs_diff"]) == ("9 orang", 8, 1)
    assert f["source_lines"].startswith("1559;1557")


def series(last="99,53"):
    years = {2022: "97,68", 2023: "99,51", 2024: last}
    context = [{"series_id": "um-share", "series_label": "x", "unit": "%", "year": y, "category": "Persentase UM",
                "value_printed": v, "source_line": 1065, "source_table": "Tabel 3.18"} for y, v in years.items()]
    context += [{"series_id": "umkm", "series_label": "x", "unit": "units", "year": 2024, "category": "TOTAL",
                 "subcategory": s, "is_total": True, "value_printed": v, "source_line": 1609, "source_table": "Tabel 3.32"}
                for s, v in (("USAHA MIKRO", "12.450"), ("USAHA KECIL", "59"))]
    return make_agency({"context": context})


def test_a_share_series_year_above_100_says_which_ratio_it_prints():
    assert bad(series()).empty
    # 12.450 / 59 x 100 = 21.101,69; as a share of the two: 12.450 / 12.509 x 100 = 99,528...
    f = only(bad(series("21.101,69")), "share", "error")
    assert f["recomputed_value"] == pytest.approx(99.5283, abs=1e-4) and "12.450 / 59" in f["message"]


def test_a_staff_count_printed_in_two_tables_and_the_share_that_follows_the_other():
    # the text: 'dari 48 ASN ... golongan IV sebanyak 1 pegawai (29%), golongan III 21 pegawai (44%), golongan II
    # 13 pegawai (27%)'; the table: Golongan IV 14, III 21, II 13, I 0, JUMLAH 48
    text = [{"dimension": "employment", "category": "dari 48 ASN", "subcategory": "Total", "is_total": True,
             "count_printed": "48 ASN", "source_line": 217, "source_table": "Narasi"}]
    text += [{"dimension": "golongan", "category": c, "subcategory": "Total", "is_total": False,
              "count_printed": v, "source_line": 217, "source_table": "Narasi"}
             for c, v in (("golongan IV", "1 pegawai"), ("golongan III", "21 pegawai"), ("golongan II", "13 pegawai"))]
    table = [{"dimension": "golongan", "category": c, "subcategory": "Total", "is_total": t, "count_printed": v,
              "source_line": n, "source_table": "Tabel I.2"}
             for c, t, v, n in (("Golongan IV", False, "14", 224), ("Golongan III", False, "21", 226),
                                ("Golongan II", False, "13", 228), ("Golongan I", False, "0", 230),
                                ("JUMLAH", True, "48", 232))]
    shares = [{"series_id": "share", "series_label": "x", "unit": "%", "year": 2023, "category": c,
               "subcategory": "share of ASN", "value_printed": v, "source_line": 217, "source_table": "Narasi"}
              for c, v in (("golongan IV", "29%"), ("golongan III", "44%"), ("golongan II", "27%"))]
    # 21 / 48 = 43,75 -> 44 %, 13 / 48 = 27,08 -> 27 %: the column's ratio is the own count over 48;
    # 1 differs from 14, and 29 % = 14 / 48 x 100 = 29,17 (the table's count), not 1 / 48 = 2,08: one finding
    f = only(bad(make_agency({"staff": text + table, "context": shares})))
    assert (f["check"], f["reported"], f["recomputed_value"], f["abs_diff"]) == ("staff", "1 pegawai", 14, 13)
    assert "the share printed with it, 29%" in f["message"] and f["source_lines"].startswith("217;224")
    text[1]["count_printed"] = "14 pegawai"  # the clean counterpart: 14 of 48 = 29,17 -> 29 %
    assert bad(make_agency({"staff": text + table, "context": shares})).empty


# --- a benchmark's own arithmetic -----------------------------------------------------------------------

def national(capaian="84,3%", gap="8,76%", words="lebih tinggi", subject="body"):
    body = "Kemenkop dan UKM RI"
    return make_agency({
        "indicators": IND,
        "indicator_results": [{"indicator_id": "I1", "target_printed": "35", "realisasi_printed": "32,57",
                               "capaian_reported_printed": "93,06"}],
        "benchmarks": [
            {"indicator_id": "I1", "year": 2024, "body": body, "scope": "national", "kind": k, "value_printed": v,
             "source_table": "Narasi", "source_line": n} for k, v, n in (("target", "10%", 1455), ("realisasi", "8,43%", 1459))
        ] + [{"indicator_id": "I1", "year": 2024, "body": body, "scope": "national", "kind": "capaian",
              "value_printed": capaian, "gap_printed": gap, "gap_words": words, "gap_subject": subject,
              "source_table": "Narasi", "source_line": 1460}]})


def test_a_benchmark_capaian_and_its_comparison_with_the_agency():
    # 8,43 / 10 x 100 = 84,3; 93,06 - 84,3 = 8,76: the agency is higher, so the national capaian is lower
    found = audit(national(words="lebih rendah"))
    assert bad(national(words="lebih rendah")).empty
    assert set(found.loc[found["check"] == "benchmark", "severity"]) == {"info"} and (found["check"] == "benchmark").sum() == 2
    f = only(bad(national()), "benchmark", "error")  # 'lebih tinggi': the direction is reversed
    assert f["recomputed_value"] == pytest.approx(8.76) and "reversed" in f["message"]
    f = only(bad(national(gap="8,41%", words="lebih rendah")), "benchmark", "error")  # the size is wrong
    assert f["abs_diff"] == pytest.approx(0.35)
    # 113,3 printed (the 2022 figure): 8,43 / 10 x 100 = 84,3; its comparison 113,3 - 93,06 = 20,24 higher agrees
    f = only(bad(national(capaian="113,3%", gap="20,24%")), "benchmark", "error")
    assert f["recomputed_value"] == pytest.approx(84.3) and "8,43% over its target 10%" in f["message"]
