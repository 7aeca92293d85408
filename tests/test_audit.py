"""The audit on small synthetic agencies: each planted discrepancy found with its severity."""


from synthetic import make_agency

from lkjpy.audit import COLUMNS, audit

IND = [{"indicator_id": "I1", "indicator": "Persentase A", "unit": "%"},
       {"indicator_id": "I2", "indicator": "Tingkat Pengangguran", "unit": "%", "polarity": "lower",
        "formula_variant": "lower_standard", "theme": "labour"}]
SCALE = [
    {"scale_id": "s", "applies_to": "capaian", "band": 1, "label": "Sangat Baik", "range_printed": ">= 100",
     "lower": 100.0, "lower_inclusive": True},
    {"scale_id": "s", "applies_to": "capaian", "band": 2, "label": "Baik", "range_printed": "80 - < 100",
     "lower": 80.0, "lower_inclusive": True, "upper": 100.0, "upper_inclusive": False},
    {"scale_id": "s", "applies_to": "capaian", "band": 3, "label": "Kurang", "range_printed": "< 80",
     "upper": 80.0, "upper_inclusive": False},
]


def clean_tables():
    """A small report whose arithmetic is right everywhere (figures computed by hand)."""
    return {
        "indicators": [dict(r) for r in IND],
        "indicator_results": [
            # 45 / 50 x 100 = 90 ; 90 / 100 x 100 = 90
            {"indicator_id": "I1", "target_printed": "50", "realisasi_printed": "45", "capaian_reported_printed": "90",
             "category_reported": "Baik", "numerator_printed": "90", "denominator_printed": "200"},
            {"indicator_id": "I1", "target_printed": "50 %", "realisasi_printed": "45,0 %", "capaian_reported_printed": "90,00",
             "canonical": False, "source_table": "Tabel U"},
            # (2 x 5 - 4) / 5 x 100 = 120
            {"indicator_id": "I2", "target_printed": "5", "realisasi_printed": "4", "capaian_reported_printed": "120",
             "category_reported": "Sangat Baik"},
            {"indicator_id": "I1", "year": 2023, "realisasi_printed": "40"},
            # 45 - 40 = 5 points
            {"indicator_id": "I1", "year": 2024, "realisasi_printed": "45", "change_reported_printed": "5",
             "canonical": False, "source_table": "Narasi"},
        ],
        "rating_scales": [dict(r) for r in SCALE],
        # (90 + 120) / 2 = 105
        "aggregates": [{"aggregate_id": "avg", "components": "I1;I2", "value_printed": "105",
                        "label_reported": "Sangat Baik"}],
        "budget": [
            {"item_id": "total", "level": "total", "name": "Total", "pagu_printed": "1.000", "realisasi_printed": "900",
             "pct_reported_printed": "90", "sisa_reported_printed": "100"},
            {"item_id": "p1", "parent_id": "total", "name": "Program Penunjang Urusan", "pagu_printed": "600",
             "realisasi_printed": "550", "pct_reported_printed": "91,67"},
            {"item_id": "p2", "parent_id": "total", "name": "Program UMKM", "pagu_printed": "400",
             "realisasi_printed": "350", "pct_reported_printed": "87,5"},
        ],
        # 105 - 90 = 15 points
        "efficiency": [{"item_id": "total", "name": "Total", "capaian_kinerja_printed": "105", "serapan_printed": "90",
                        "efficiency_printed": "15", "pagu_printed": "1.000", "realisasi_printed": "900"}],
    }


def problems(tables):
    findings = audit(make_agency(tables))
    return findings[findings["severity"] != "info"]


def test_columns():
    assert list(audit(make_agency(clean_tables())).columns) == COLUMNS


def test_clean_agency_has_no_warning_or_error():
    findings = audit(make_agency(clean_tables()))
    bad = findings[findings["severity"] != "info"]
    assert bad.empty, bad.to_string()
    assert {"capaian", "category", "aggregate", "budget_total", "serapan", "sisa", "versions", "efficiency",
            "formula", "change"} <= set(findings["check"])


def _one(found, check, severity):
    rows = found[(found["check"] == check) & (found["severity"] == severity)]
    assert len(rows) == 1, found.to_string()
    return rows.iloc[0]


def test_wrong_capaian_is_an_error_with_its_lines():
    t = clean_tables()
    t["indicator_results"][0]["capaian_reported_printed"] = "93,06"
    f = _one(problems(t), "capaian", "error")
    assert f["reported"] == "93,06" and f["recomputed"] == "90" and f["source_lines"] == "101"


def test_lower_is_better_variant_is_a_warning():
    t = clean_tables()
    # (2 x 5 - 4) / 4 x 100 = 150: the (2T - R) / R variant
    t["indicator_results"][2]["capaian_reported_printed"] = "150"
    t["indicator_results"][2]["category_reported"] = "Sangat Baik"
    t["aggregates"][0]["value_printed"] = "120"  # (90 + 150) / 2
    f = _one(problems(t), "capaian", "warning")
    assert "(2T − R) / R" in f["message"]


def test_label_above_what_the_figure_allows_is_an_error():
    t = clean_tables()
    # 90 is 'Baik' (80 - < 100) on the printed scale; 'Sangat Baik' (>= 100) puts it higher
    t["indicator_results"][0]["category_reported"] = "Sangat Baik"
    f = _one(problems(t), "category", "error")
    assert f["recomputed"] == "Baik"


def test_label_below_what_the_figure_allows_is_a_warning():
    t = clean_tables()
    # 90 is 'Baik'; 'Kurang' (< 80) puts it lower
    t["indicator_results"][0]["category_reported"] = "Kurang"
    assert _one(problems(t), "category", "warning")["recomputed"] == "Baik"


def test_label_is_judged_on_the_scale_its_word_comes_from():
    t = clean_tables()
    t["rating_scales"] += [
        {"scale_id": "eff", "applies_to": "efficiency", "band": 1, "label": "Sangat Efektif", "range_printed": "> 100",
         "lower": 100.0, "lower_inclusive": False},
        {"scale_id": "eff", "applies_to": "efficiency", "band": 2, "label": "Efektif", "range_printed": "90 - 100",
         "lower": 90.0, "lower_inclusive": True, "upper": 100.0, "upper_inclusive": True}]
    # the mean 105 is labelled with a word of the effectiveness criteria: > 100 is 'Sangat Efektif'
    t["aggregates"][0]["label_reported"] = "Sangat Efektif"
    assert problems(t).empty
    t["aggregates"][0].update(value_printed="100", label_reported="Sangat Efektif")
    t["aggregates"][0]["components"] = "I1;I1"  # mean (90 + 90) / 2 = 90 would differ: keep the mean out of it
    found = problems(t)
    f = found[found["check"] == "category"].iloc[0]
    assert (f["severity"], f["recomputed"]) == ("error", "Efektif")


def test_scale_boundary_is_inclusive_as_printed():
    t = clean_tables()
    # 40 / 50 x 100 = 80: the printed band "80 - < 100" includes 80
    t["indicator_results"][0].update(realisasi_printed="40", capaian_reported_printed="80",
                                     numerator_printed="80", category_reported="Baik")
    t["indicator_results"][1].update(realisasi_printed="40 %", capaian_reported_printed="80,00")
    t["indicator_results"][4].update(realisasi_printed="40", change_reported_printed="0")
    t["aggregates"][0]["value_printed"] = "100"
    assert problems(t).empty


def test_wrong_average_is_an_error():
    t = clean_tables()
    t["aggregates"][0]["value_printed"] = "109"
    assert _one(problems(t), "aggregate", "error")["recomputed"] == "105"


def test_total_that_does_not_add_up_is_an_error():
    t = clean_tables()
    t["budget"][2].update(pagu_printed="450", pct_reported_printed="77,78")  # 350 / 450 = 77,78
    f = _one(problems(t), "budget_total", "error")
    assert f["recomputed"] == "1,050" and f["source_lines"] == "101;102;103"


def test_wrong_serapan_and_sisa_are_errors():
    t = clean_tables()
    t["budget"][0].update(pct_reported_printed="92", sisa_reported_printed="110")
    found = problems(t)
    assert _one(found, "serapan", "error")["recomputed"] == "90"
    assert _one(found, "sisa", "error")["recomputed"] == "100"


def test_disagreeing_versions_are_an_error():
    t = clean_tables()
    t["indicator_results"][1]["realisasi_printed"] = "46 %"
    t["indicator_results"][1]["capaian_reported_printed"] = "92,00"  # consistent with its own 46
    found = problems(t)
    rows = found[(found["check"] == "versions") & (found["severity"] == "error")]
    assert set(rows["subject"]) == {"I1 2024 annual realisasi", "I1 2024 annual capaian_reported"}


def test_efficiency_not_following_the_stated_method_is_an_error():
    t = clean_tables()
    t["efficiency"][0]["efficiency_printed"] = "12"
    assert _one(problems(t), "efficiency", "error")["recomputed"] == "15"


def test_efficiency_following_another_method_is_a_warning():
    t = clean_tables()
    t["efficiency"][0]["efficiency_printed"] = "116,67"  # 105 / 90 x 100: the ratio method
    assert "follows capaian / serapan × 100" in _one(problems(t), "efficiency", "warning")["message"]


def test_numerator_denominator_mismatch_is_an_error():
    t = clean_tables()
    t["indicator_results"][0]["denominator_printed"] = "180"  # 90 / 180 x 100 = 50, not 45
    assert _one(problems(t), "formula", "error")["recomputed"] == "50"


def test_spreadsheet_error_and_missing_value_are_errors():
    t = clean_tables()
    t["indicator_results"][2].update(realisasi_printed="#DIV/0!", capaian_reported_printed="[blank]")
    t["aggregates"][0]["value_printed"] = "90"
    found = problems(t)
    assert _one(found, "spreadsheet_error", "error")["reported"] == "#DIV/0!"
    missing = found[found["check"] == "missing"]
    assert set(missing["subject"]) == {"I2 2024 PK result"} and "no capaian (blank)" in missing["message"].iloc[0]


def test_unit_mismatch_is_an_error():
    t = clean_tables()
    t["indicator_results"][2]["unit_mismatch"] = True
    assert _one(problems(t), "unit", "error")["subject"] == "I2 2024 realisasi"


def test_wrong_change_is_an_error():
    t = clean_tables()
    t["indicator_results"][4]["change_reported_printed"] = "7"
    assert _one(problems(t), "change", "error")["reported"] == "7"


def test_target_zero_does_not_crash_and_is_reported():
    t = clean_tables()
    t["indicator_results"][0].update(target_printed="0")
    t["indicator_results"][1].update(target_printed="0")
    found = problems(t)
    rows = found[(found["check"] == "capaian") & (found["severity"] == "unverifiable")]
    # both printings of I1 2024's capaian (90 and 90,00) cannot be recomputed: one finding, two printings
    assert len(rows) == 1 and "divides by zero" in rows["message"].iloc[0] and rows["printings"].iloc[0] == 2
    assert found[found["severity"] == "error"].empty


def test_printed_count_against_the_items_listed():
    t = clean_tables()
    t["aggregates"].append({"aggregate_id": "programs", "measure": "count", "components": "p1;p2",
                            "value_printed": "3 Program"})
    f = _one(problems(t), "aggregate", "error")
    assert (f["reported"], f["recomputed"]) == ("3 Program", "2")
    t["aggregates"][-1]["value_printed"] = "2 Program"
    assert problems(t).empty


def test_printed_count_of_indicators_meeting_their_target():
    # printed capaian: I1 90 (misses), I2 120 (meets)
    t = clean_tables()
    t["aggregates"] += [
        {"aggregate_id": "met", "measure": "count_met", "components": "I1;I2", "value_printed": "2"},
        {"aggregate_id": "missed", "measure": "count_not_met", "components": "I1;I2", "value_printed": "1"},
    ]
    f = _one(problems(t), "aggregate", "error")
    assert (f["subject"], f["reported"], f["recomputed"]) == ("met (count_met)", "2", "1")
    t["aggregates"][-2]["value_printed"] = "1"
    assert problems(t).empty


def test_malformed_printed_figure_is_an_error():
    t = clean_tables()
    t["budget"][2].update(pct_reported_printed="87,5.%", malformed="pct_reported")
    f = _one(problems(t), "malformed", "error")
    assert (f["subject"], f["reported"], f["source_lines"]) == ("p2 pct_reported", "87,5.%", "103")


def test_the_severity_vocabulary_is_written_once_and_lists_every_severity():
    from lkjpy.audit import SEVERITIES, SEVERITY_MEANING, severity_glossary

    assert tuple(SEVERITY_MEANING) == SEVERITIES == ("error", "warning", "unverifiable", "info")
    items = severity_glossary().split("\n")
    assert [item.split("*")[1] for item in items] == ["error", "warning", "unverifiable", "info"]
    assert "not an accusation" in items[2] and items[-1].endswith(".")
