"""Pesisir Selatan LKj 2024: PK indicators, results, history, Renstra, standards, scale and averages,
pinned by hand from data/sources/pesisir-selatan.txt (line numbers in comments)."""

import math

import pytest
from curated import assert_printed_result, one

AGENCY_ID = "pesisir-selatan"


def test_five_pk_indicators_in_tabel_2_2_order(ind):
    # line 95 "5 (lima) Sasaran Strategis dan 5 (lima) Indikator Kinerja Utama"; Tabel 2.2 lines 544-551
    assert list(ind.index) == ["I1", "I2", "I3", "I4", "I5"]
    assert ind.loc["I1", "indicator"] == "Nilai AKIP Dinas Koperasi, UKM dan Tenaga Kerja"  # line 544
    assert ind.loc["I2", "indicator"] == "Nilai Kematangan Inovasi"  # line 545
    assert ind.loc["I3", "indicator"] == "Persentase Koperasi Berkualitas"  # line 549
    assert ind.loc["I4", "indicator"] == "Persentase Usaha Mikro menjadi Wirausaha"  # line 550
    assert ind.loc["I5", "indicator"] == "Tingkat Pengangguran Terbuka"  # line 551
    assert ind.loc["I5", "sasaran"] == "Menurunnya Pengangguran"  # line 551


def test_polarity_and_formula_variants(ind):
    # line 592: lower-is-better capaian = ((2 x target) - Realisasi) / Realisasi x 100%
    assert ind.loc["I5", "polarity"] == "lower"
    assert ind.loc["I5", "formula_variant"] == "lower_over_realisasi"
    assert ind.loc["I1", "formula_variant"] == "grade"  # A (85) vs AA (90,78), line 626
    assert set(ind.loc[["I2", "I3", "I4"], "formula_variant"]) == {"higher_ratio"}
    assert set(ind.loc[["I1", "I2", "I3", "I4"], "polarity"]) == {"higher"}


@pytest.mark.parametrize("iid, line, target, realisasi, capaian", [
    ("I1", 626, "A (85)", "AA (90,78)", "106,80%"),  # line 626 "A (85) AA (90,78)  106,80%" (one cell)
    ("I2", 630, "100", "43", "43%"),                 # line 630 "100  43  43%"
    ("I3", 637, "35%", "32,57", "93,06%"),           # line 637 "35%  32,57  93,06%"
    ("I4", 638, "78%", "79,00", "101,28%"),          # line 638 "78%  79,00  101,28%"
    ("I5", 639, "4,6%", "5,06%", "81,82%"),          # line 639 "4,6%  5,06%  81,82%"
])
def test_tabel_3_2_rows_as_printed(results, iid, line, target, realisasi, capaian):
    row = one(results, "Tabel 3.2", indicator_id=iid)
    assert row["year"] == 2024 and row["basis"] == "annual"
    assert_printed_result(row, "Tabel 3.2", line, target, realisasi, capaian)


def test_tabel_3_2_parsed_values(results):
    t32 = results[results["source_table"] == "Tabel 3.2"].set_index("indicator_id")
    # lines 626-639
    assert t32["target"].tolist() == [85.0, 100.0, 35.0, 78.0, 4.6]
    assert t32["realisasi"].tolist() == [90.78, 43.0, 32.57, 79.0, 5.06]
    assert t32["capaian_reported"].tolist() == [106.8, 43.0, 93.06, 101.28, 81.82]
    assert (t32.loc["I1", "target_grade"], t32.loc["I1", "realisasi_grade"]) == ("A", "AA")


def test_canonical_2024_results(ind):
    # Tabel 3.2 for I1, I2, I3, I5; for I4 Tabel 3.30 (line 1575 "78  79,12  101,44"), the figure of every
    # other printing (lines 117, 1587, 1645, 1671, 1683, 1696, 1779) rather than Tabel 3.2's 79,00
    assert ind.loc[["I1", "I2", "I3", "I5"], "source_table"].tolist() == ["Tabel 3.2"] * 4
    assert (ind.loc["I4", "source_table"], ind.loc["I4", "source_line"]) == ("Tabel 3.30", 1575)
    assert ind.loc["I4", "realisasi_printed"] == "79,12" and ind.loc["I4", "capaian_reported"] == 101.44


def test_no_category_is_printed_per_indicator(results):
    # Tabel 3.2 (lines 623-639) and the sasaran tables print no rating word per indicator
    assert (results["category_reported"] == "").all()


def test_history(results):
    canon = results[(results["canonical"] == True) & (results["basis"] == "annual")]  # noqa: E712
    c = canon.set_index(["indicator_id", "year"])
    # Tabel 3.5 line 717: A (84,31) / A (84,63), capaian 99,18 / 99,56
    assert c.loc[("I1", 2022), "realisasi_printed"] == "A (84,31)" and c.loc[("I1", 2022), "capaian_reported"] == 99.18
    assert c.loc[("I1", 2023), "realisasi"] == 84.63
    # Tabel 3.12 line 934: 2022 printed as dashes, 2023 target 100, realisation 45
    assert c.loc[("I2", 2022), "realisasi_printed"] == "-" and math.isnan(c.loc[("I2", 2022), "realisasi"])
    assert c.loc[("I2", 2023), "realisasi"] == 45.0
    # Tabel 3.22 line 1387: 18 20 | 15,64 32,12 | 86,89 160,60; Tabel 3.23 lines 1398-1400
    assert c.loc[("I3", 2022), "target"] == 18.0 and c.loc[("I3", 2022), "realisasi"] == 15.64
    assert (c.loc[("I3", 2022), "numerator"], c.loc[("I3", 2022), "denominator"]) == (51.0, 326.0)
    assert c.loc[("I3", 2023), "capaian_reported_printed"] == "160,60"
    # Tabel 3.34 line 1671: 72 75 | 72 75,32 | 100 100,43; Tabel 3.31 line 1584: 2021 3.922 / 5.599 = 70,05%
    assert c.loc[("I4", 2023), "capaian_reported"] == 100.43
    assert (c.loc[("I4", 2021), "numerator"], c.loc[("I4", 2021), "denominator"]) == (3922.0, 5599.0)
    # Tabel 3.42 line 1925: 6,85 4,50 | 4,61 4,75 | 132,70 89,47; Tabel 3.41 line 1882: 2021 5,97
    assert c.loc[("I5", 2022), "capaian_reported_printed"] == "132,70"
    assert c.loc[("I5", 2023), "target"] == 4.5 and c.loc[("I5", 2023), "capaian_reported"] == 89.47
    assert c.loc[("I5", 2021), "realisasi"] == 5.97


def test_renstra_end_comparisons(results):
    r = results[(results["basis"] == "renstra_end") & (results["canonical"] == True)].set_index("indicator_id")  # noqa: E712
    assert r.loc["I1", "target_printed"] == "AA (91,00)" and r.loc["I1", "capaian_reported"] == 99.76  # line 731
    assert r.loc["I2", "progress_reported"] == 43.0  # line 958 "tingkat kemajuan 43"
    assert (r.loc["I3", "target"], r.loc["I3", "capaian_reported"]) == (37.0, 88.03)  # line 1412
    assert (r.loc["I4", "target"], r.loc["I4", "capaian_reported"]) == (82.0, 96.48)  # line 1683
    assert (r.loc["I5", "target"], r.loc["I5", "capaian_reported"]) == (4.95, 95.65)  # line 1945


def test_renstra_targets(agency):
    plan = agency.table("renstra_targets")
    ends = plan[(plan["end_of_period"] == True) & (plan["canonical"] == True)].set_index("indicator_id")  # noqa: E712
    assert set(ends["year"]) == {2026}
    # lines 731, 956, 1412, 1683, 1945
    assert ends["target_printed"].tolist() == ["AA (91,00)", "100", "37", "82,00", "4,95"]
    revised = plan[(plan["indicator_id"] == "I1") & (plan["year"] == 2024)].iloc[0]
    assert (revised["target_grade"], revised["target"], revised["source_line"]) == ("AA", 91.0, 553)  # line 553


def test_benchmarks(agency):
    b = agency.table("benchmarks")
    t37 = b[b["source_table"] == "Tabel 3.7"]  # line 749 "B (60,14)  BB (78,49)  B (68,78)  B"
    assert t37["value_printed"].tolist() == ["B (60,14)", "BB (78,49)", "B (68,78)", "B"]
    tpt = b[b["source_table"] == "Tabel 3.44"].set_index("scope")  # line 1955 "5,06  5,75  4,91"
    assert (tpt.loc["provincial", "value"], tpt.loc["national", "value"]) == (5.75, 4.91)
    kop = b[b["source_table"] == "Tabel 3.25"].set_index("scope")  # line 1425 "32,57  34,26  8,43"
    assert (kop.loc["provincial", "value"], kop.loc["national", "value"]) == (34.26, 8.43)


def test_rating_scale_tabel_3_1(agency):
    s = agency.table("rating_scales").sort_values("band")
    # lines 605-611
    assert s["range_printed"].tolist() == [">90 – 100", ">80 – 90", ">70 – 80", ">60 – 70", ">50 – 60",
                                           ">30 – 50", ">0 – 30"]
    assert s["grade"].tolist() == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert s["label"].tolist() == ["Sangat Memuaskan", "Memuaskan", "Sangat Baik", "Baik", "Cukup (Memadai)",
                                   "Kurang", "Sangat Kurang"]
    assert s["lower"].tolist() == [90.0, 80.0, 70.0, 60.0, 50.0, 30.0, 0.0]
    assert s["upper"].tolist() == [100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 30.0]
    assert not s["lower_inclusive"].any() and s["upper_inclusive"].all()


def test_printed_averages(agency):
    agg = agency.table("aggregates")
    canon = agg[(agg["canonical"] == True) & (agg["measure"] == "capaian_mean")].set_index("aggregate_id")  # noqa: E712
    # line 109 "Rata-rata Capaian Kinerja Misi 1  74,90", label 'Baik' on line 101
    assert canon.loc["misi1-capaian-mean-2024", "value"] == 74.9
    assert canon.loc["misi1-capaian-mean-2024", "label_reported"] == "Baik"
    assert canon.loc["misi1-capaian-mean-2024", "components"] == "I1;I2"
    # line 119 "Rata-rata Capaian Kinerja Misi 3  92,11", label 'Sangat Baik' on line 113
    assert canon.loc["misi3-capaian-mean-2024", "value_printed"] == "92,11"
    assert canon.loc["misi3-capaian-mean-2024", "label_reported"] == "Sangat Baik"
    assert set(agg.loc[agg["canonical"] == False, "value_printed"]) >= {"74,90%", "92,11%"}  # noqa: E712 lines 101, 113


def test_meta(agency):
    m = agency.meta
    assert m["head"] == "YANDES AMRIANAL, M.Pd. M.Si."  # line 88
    assert m["report_date"] == "2025-01-31"  # line 83 "Painan, 31 Januari 2025"
    assert m["renstra_period"] == "2021-2026" and m["rpjmd_period"] == "2021-2026"  # lines 488, 73
    assert m["pk_signed"] == "2024-01-22"  # line 553
    assert m["staff_total"] == "29"  # line 313 "29 (dua puluh sembilan) Aparatur Sipil Negara (ASN)"
    assert (m["akip_grade"], m["akip_score"]) == ("AA", "90.78")  # lines 666, 678


def test_audit_catches_the_reports_inconsistencies(findings):
    errors = findings[findings["severity"] == "error"]
    subjects = set(errors["subject"])
    # line 638 prints 79,00 / 101,28% against 79,12 / 101,44 elsewhere
    assert {"I4 2024 annual realisasi", "I4 2024 annual capaian_reported"} <= subjects
    # line 717 prints AA (90,80) and line 847 90,77 against 90,78
    assert set(errors.loc[errors["subject"] == "I1 2024 annual realisasi", "reported"]) >= {"AA (90,80)", "90,77"}
    # line 639: 81,82 follows (2T - R) / R, not the standard (2T - R) / T = 90
    tpt = findings[(findings["check"] == "capaian") & (findings["subject"] == "I5 2024 capaian")]
    assert set(tpt["severity"]) == {"warning"}
    # lines 101, 113: labels off the report's own scale (74,90 is BB 'Sangat Baik', 92,11 AA 'Sangat Memuaskan')
    labels = findings[(findings["check"] == "category") & (findings["severity"] == "warning")]
    assert set(labels["recomputed"]) == {"Sangat Baik", "Sangat Memuaskan"}
