"""Sumatera Selatan LKjIP 2023: values pinned by hand from data/sources/sumatera-selatan.txt
(line numbers in comments). The report prints most indicators in several contradictory versions;
these tests pin each version as printed."""

import math

import pytest
from curated import assert_printed_result

AGENCY_ID = "sumatera-selatan"


def _version(results, iid, year, table, line, basis="annual"):
    rows = results[(results["indicator_id"] == iid) & (results["year"] == year) & (results["basis"] == basis)
                   & (results["source_table"] == table) & (results["source_line"] == line)]
    assert len(rows) == 1, (iid, year, table, line)
    return rows.iloc[0]


# --- indicators (Tabel II.4, lines 543-550) -----------------------------------------------------

def test_eight_pk_indicators_in_tabel_ii_4_order(ind):
    assert list(ind.index) == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"]
    assert ind.loc["K1", "indicator"] == "Prosentase Pertumbuhan Modal Koperasi"  # line 543
    assert ind.loc["K2", "indicator"] == "Jumlah Kenaikan Wirausaha baru"  # line 544
    assert ind.loc["K3", "indicator"] == "Persentase Meningkatnya Usaha Kecil yang menjadi Wirausaha"  # line 545
    assert ind.loc["K4", "indicator"] == "Persentase meningkatnya Koperasi yang berkualitas"  # line 546
    assert ind.loc["K5", "indicator"] == "Jumlah Koperasi Aktif"  # line 547
    assert ind.loc["K6", "indicator"] == "Jumlah UMKM Naik Kelas"  # line 548
    assert ind.loc["K7", "indicator"] == "Jumlah Koperasi Sehat"  # line 549
    assert ind.loc["K8", "indicator"] == "Persentase Kenaikan Omzet UMKM"  # line 550
    assert set(ind["sasaran"]) == {"Maju ekonomi kerakyatan (meningkatkan ekonomi kerakyatan)"}  # line 543
    assert set(ind["polarity"]) == {"higher"}


def test_pk_targets_tabel_ii_4(results):
    pk = results[results["source_table"] == "Tabel II.4"].set_index("indicator_id")
    # lines 543-550: 2% | 350 UKM | 1% | 1% | 20 Unit | 500 UMK | 20 Unit | 10%
    assert pk.loc[["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"], "target_printed"].tolist() == [
        "2%", "350 UKM", "1%", "1%", "20 Unit", "500 UMK", "20 Unit", "10%"]
    assert pk.loc[["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"], "target"].tolist() == [
        2.0, 350.0, 1.0, 1.0, 20.0, 500.0, 20.0, 10.0]


# --- Tabel III.1 (canonical), lines 596-603 ------------------------------------------------------

@pytest.mark.parametrize("iid, line, target, realisasi, capaian, kategori", [
    ("K6", 596, "500", "526", "105,2", "Sangat Baik"),        # "| 1 Jumlah UMKM Naik Kelas | UKM | 500 | 526 | 105,2 | Sangat Baik |"
    ("K5", 597, "20", "20", "100", "Sangat Baik"),            # "| 2 Jumlah Koperasi Aktif | Koperasi | 20 | 20 | 100 | Sangat Baik |"
    ("K1", 598, "2", "25,3", "1265", "Sangat Baik"),          # "| 3 Persentase Pertumbuhan Modal Koperasi | % | 2 | 25,3 | 1265 | ..."
    ("K8", 599, "10", "34.019.900", "3,65", "Sangat Baik"),   # "| 4 Persentase Kenaikan Omset UMKM | % | 10 | 34.019.900 | 3,65 | ..."
    ("K7", 600, "20", "20", "100", "Sangat baik"),            # "| 5 Jumlah Koperasi Sehat | Koperasi | 20 | 20 | 100 | Sangat baik |"
    ("K2", 601, "350", "138", "39,42", "Baik"),               # "| 6 Jumlah Kenaikan Wirausaha Baru | UKM | 350 | 138 | 39,42 | Baik |"
    ("K3", 602, "1", "270", "1,2", "Sangat Baik"),            # "| 7 Meningkatnya Usaha Kecil yang menjadi Wirausaha | % | 1 | 270 | 1,2 | ..."
    ("K4", 603, "1", "1", "100", "Sangat Baik"),              # "| 8 Meningkatnya Koperasi yang berkualitas | % | 1 | 1 | 100 | Sangat Baik |"
])
def test_tabel_iii_1_rows_as_printed_and_canonical(ind, iid, line, target, realisasi, capaian, kategori):
    assert_printed_result(ind.loc[iid], "Tabel III.1", line, target, realisasi, capaian, kategori)


def test_tabel_iii_1_parsed_values(ind):
    ids = ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"]
    # lines 596-603, in PK order K1..K8
    assert ind.loc[ids, "target"].tolist() == [2.0, 350.0, 1.0, 1.0, 20.0, 500.0, 20.0, 10.0]
    assert ind.loc[ids, "realisasi"].tolist() == [25.3, 138.0, 270.0, 1.0, 20.0, 526.0, 20.0, 34_019_900.0]
    assert ind.loc[ids, "capaian_reported"].tolist() == [1265.0, 39.42, 1.2, 100.0, 100.0, 105.2, 100.0, 3.65]


def test_unit_mismatches_flagged(results):
    flagged = results[results["unit_mismatch"] == True]  # noqa: E712
    # 270 (a count, lines 602, 619, 893) and 34.019.900 (an amount, lines 599, 616, 890) under % indicators
    assert sorted(zip(flagged["indicator_id"], flagged["source_line"])) == [
        ("K3", 602), ("K3", 619), ("K3", 893), ("K8", 599), ("K8", 616), ("K8", 890)]


# --- other printed versions of 2023 --------------------------------------------------------------

def test_tabel_iii_4_formula_results(results):
    k3 = _version(results, "K3", 2023, "Tabel III.4", 850)
    assert (k3["numerator"], k3["denominator"], k3["realisasi_printed"]) == (626.0, 22371.0, "2,8%")  # 626 / 22.371
    k4 = _version(results, "K4", 2023, "Tabel III.4", 860)
    assert (k4["numerator"], k4["denominator"], k4["realisasi"]) == (588.0, 6866.0, 8.56)  # 588 / 6866
    k1 = _version(results, "K1", 2023, "Tabel III.4", 853)
    assert (k1["growth_current"], k1["growth_previous"], k1["realisasi"]) == (66_707_861_047.0, 63_412_509_011.0, 5.2)
    k8 = _version(results, "K8", 2023, "Tabel III.4", 854)
    assert (k8["growth_current"], k8["growth_previous"], k8["realisasi"]) == (32_819_923.0, 31_961_492.0, 2.6)
    # lines 851, 852, 855, 856: 575 UMKM, 22 koperasi, 11 koperasi, 328 UKM
    assert _version(results, "K6", 2023, "Tabel III.4", 851)["realisasi_printed"] == "575 UMKM"
    assert _version(results, "K5", 2023, "Tabel III.4", 852)["realisasi_printed"] == "22 koperasi"
    assert _version(results, "K7", 2023, "Tabel III.4", 855)["realisasi_printed"] == "11 koperasi"
    assert _version(results, "K2", 2023, "Tabel III.4", 856)["realisasi_printed"] == "328 UKM"


def test_tabel_iii_6_indicator_rows(results):
    t = results[results["source_table"] == "Tabel III.6"].set_index("indicator_id")
    # lines 887-894: capaian 1% | 100% | 1265% | 3,65% | 100% | 39,42% | 1,2% | 100%
    assert t.loc[["K6", "K5", "K1", "K8", "K7", "K2", "K3", "K4"], "capaian_reported_printed"].tolist() == [
        "1%", "100%", "1265%", "3,65%", "100%", "39,42%", "1,2%", "100%"]
    assert not t["canonical"].any()


def test_narrative_versions_of_2023(results):
    # line 586: "Jumlah Koperasi Sehat (55%)"
    assert _version(results, "K7", 2023, "Narasi 3.1.1 Realisasi Kinerja Tahun 2023", 586)["capaian_reported"] == 55.0
    n = "Narasi 3.1.4 Analisis Capaian Kinerja"
    # line 714: "196% atau senilai Rp68.884.196.007 ... tahun 2022 senilai Rp43.286.531.072 ... 196% dari target 2%"
    k1 = _version(results, "K1", 2023, n, 714)
    assert (k1["realisasi_printed"], k1["capaian_reported_printed"], k1["target_printed"]) == ("196%", "196%", "2%")
    assert (k1["growth_current"], k1["growth_previous"]) == (68_884_196_007.0, 43_286_531_072.0)
    # line 765: "328 orang dari target 350 orang atau tingkat capaiannya 94%"
    k2 = _version(results, "K2", 2023, n, 765)
    assert (k2["realisasi"], k2["target"], k2["capaian_reported"]) == (328.0, 350.0, 94.0)
    assert _version(results, "K7", 2023, n, 657)["realisasi_printed"] == "11 koperasi"  # line 657
    assert _version(results, "K6", 2023, n, 689)["realisasi_printed"] == "575 UMK"  # line 689
    assert _version(results, "K4", 2023, n, 738)["realisasi_printed"] == "8,56%"  # line 738
    assert _version(results, "K3", 2023, n, 777)["realisasi_printed"] == "2,8%"  # line 777
    assert _version(results, "K5", 2023, n, 837)["realisasi_printed"] == "22 koperasi"  # line 837


def test_renstra_end_tabel_iii_2(results):
    r = results[(results["basis"] == "renstra_end") & (results["source_table"] == "Tabel III.2")].set_index("indicator_id")
    assert len(r) == 8 and r["canonical"].all()
    # line 616: "| 4 Persentase Kenaikan Omset UMKM | % | 10 | 34.019.900 | 3,65 | Baik |" (Tabel III.1 says Sangat Baik)
    assert (r.loc["K8", "target"], r.loc["K8", "capaian_reported"], r.loc["K8", "category_reported"]) == (10.0, 3.65, "Baik")
    # line 613: "| 1 Jumlah UMKM Naik Kelas | UKM | 500 | 526 | 105,2 | Sangat Baik |"
    assert (r.loc["K6", "target"], r.loc["K6", "realisasi"]) == (500.0, 526.0)
    # line 607: "1 indikator yang tingkat capaiannya 55% yaitu Jumlah Koperasi Sehat"
    k7 = _version(results, "K7", 2023, "Narasi 3.1.2 Realisasi terhadap Target Akhir RENSTRA", 607, basis="renstra_end")
    assert k7["capaian_reported_printed"] == "55%" and not k7["canonical"]


def test_tabel_iii_3_history_as_printed(results):
    h = results[results["source_table"] == "Tabel III.3"].set_index(["indicator_id", "year"])
    assert len(h) == 24 and h["canonical"].all()
    assert h.loc[("K6", 2020), "realisasi"] == 676.0 and h.loc[("K6", 2022), "realisasi"] == 575.0  # line 631
    assert h.loc[("K5", 2020), "realisasi"] == 130.0  # line 632 "130 | 101 | 22"
    assert h.loc[("K1", 2021), "realisasi"] == 196.0  # line 633 "5 | 196 | 5,2"
    assert h.loc[("K2", 2021), "realisasi"] == 210.0  # line 636 "150 | 210 | 328"
    assert h.loc[("K4", 2022), "realisasi"] == 8.56  # line 638 "- | 1,1 | 8,56"
    assert h.loc[("K3", 2020), "realisasi_printed"] == "-"  # line 637
    assert math.isnan(h.loc[("K3", 2020), "realisasi"])


def test_narrative_history(results):
    n = "Narasi 3.1.4 Analisis Capaian Kinerja"
    # line 689: "tahun 2022 adalah 142,6% dengan realisasi 713 UMK dari 500 UMK"
    k6 = _version(results, "K6", 2022, n, 689)
    assert (k6["capaian_reported"], k6["realisasi"], k6["target"]) == (142.6, 713.0, 500.0)
    # line 763: "tahun 2021 adalah 91% dengan realisasi 320 orang dari target 350 orang"
    k2 = _version(results, "K2", 2021, n, 763)
    assert (k2["capaian_reported"], k2["realisasi"], k2["target"]) == (91.0, 320.0, 350.0)
    # line 797: "260% dari target peningkatan 10%"
    k8 = _version(results, "K8", 2022, n, 797)
    assert (k8["capaian_reported_printed"], k8["target_printed"]) == ("260%", "10%")


def test_row_counts(agency, results):
    assert len(agency.table("indicators")) == 8
    assert len(results) == 93
    by_table = results["source_table"].value_counts()
    assert by_table["Tabel II.4"] == 8 and by_table["Tabel II.3"] == 8 and by_table["Tabel III.1"] == 8
    assert by_table["Tabel III.2"] == 8 and by_table["Tabel III.4"] == 8 and by_table["Tabel III.6"] == 8
    assert by_table["Tabel III.3"] == 24


def test_meta(agency):
    assert agency.meta["head"] == "Ir. H. AMIRUDDIN, M.Si"  # line 29
    assert agency.meta["report_date"] == "2024-01-30"  # line 23 "Palembang, 30 Januari 2024"
    assert agency.meta["report_date_2"] == "2024-02"  # line 1053 "Palembang, Februari 2024"
    assert agency.meta["report_year_evidence"] == "2023"  # line 13 "TAHUN 2023"
    assert agency.meta["renstra_period"] == "2019-2023"  # line 21
    assert agency.meta["rpjmd_period"] == "2019-2023"  # line 132
    assert agency.meta["staff_total"] == "81"  # line 197 "sebanyak 81 pegawai"
    assert "akip_grade" not in agency.meta  # no AKIP grade is printed


# --- Renstra targets (Tabel II.1, lines 479-486) -------------------------------------------------

def test_renstra_targets_tabel_ii_1(agency):
    plan = agency.table("renstra_targets")
    assert len(plan) == 40 and plan["canonical"].all()

    def series(iid):
        return plan[plan["indicator_id"] == iid].sort_values("year")

    # line 480 "2. Jumlah Kenaikan Wirausaha baru | UKM | 240 | 350 | 700 | 350 | 350"
    assert series("K2")["target"].tolist() == [240.0, 350.0, 700.0, 350.0, 350.0]
    # line 483 "5. Jumlah Koperasi Aktif | Koperasi | 100 | 100 | 20 | 20 | 20"
    assert series("K5")["target"].tolist() == [100.0, 100.0, 20.0, 20.0, 20.0]
    # line 485 "7. Persentase Kenaikan omset UMKM | % | 1 | 10 | 10 | 10 | 10" (PK indicator 8)
    assert series("K8")["target_printed"].tolist() == ["1", "10", "10", "10", "10"]
    assert set(series("K8")["source_line"]) == {485}
    # line 486 "8. Koperasi Sehat | Koperasi | 20 | 20 | 20 | 20 | 20" (PK indicator 7)
    assert set(series("K7")["source_line"]) == {486}
    # line 481 "3. Meningkatnya Usaha Kecil yang menjadi Wirausaha | % | - | - | 1 | 1 | 1"
    k3 = series("K3")
    assert k3["target_printed"].tolist() == ["-", "-", "1", "1", "1"]
    assert k3["target"].isna().tolist() == [True, True, False, False, False]
    ends = plan[plan["end_of_period"] == True]  # noqa: E712
    assert sorted(ends["indicator_id"]) == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"]
    assert set(ends["year"]) == {2023}


# --- rating scales ---------------------------------------------------------------------------------

def test_capaian_scale_as_printed(agency):
    s = agency.table("rating_scales")
    own = s[s["scale_id"] == "skala-ordinal"].sort_values("band")
    assert set(own["applies_to"]) == {"capaian"}
    # lines 579-582
    assert own["range_printed"].tolist() == ["≥ 100 %", "> 80 - < 100 %", "> 55 - < 80 %", "< 55 %"]
    assert own["label"].tolist() == ["Sangat Baik", "Baik", "Cukup", "Kurang"]
    assert own["lower"].tolist()[:3] == [100.0, 80.0, 55.0] and math.isnan(own["lower"].tolist()[3])
    assert own["upper"].tolist()[1:] == [100.0, 80.0, 55.0] and math.isnan(own["upper"].tolist()[0])
    # "> 80" and "< 80": exactly 80 (and 55) falls in no band, as printed
    assert own["lower_inclusive"].tolist()[:3] == [True, False, False]
    assert not own["upper_inclusive"].tolist()[3]


def test_effectiveness_and_efficiency_criteria(agency):
    s = agency.table("rating_scales")
    eff = s[s["scale_id"] == "kepmendagri-690-efektivitas"].sort_values("band")
    # lines 915-919: ">100%" Sangat Efektif, "90% - 100%" Efektif, ... "<60%" Tidak Efektif
    assert eff["label"].tolist() == ["Sangat Efektif", "Efektif", "Cukup Efektif", "Kurang Efektif", "Tidak Efektif"]
    assert eff["range_printed"].tolist() == [">100%", "90% - 100%", "80% - 90%", "60% - 80%", "<60%"]
    assert eff["source_line"].tolist() == [915, 916, 917, 918, 919]
    fis = s[s["scale_id"] == "kepmendagri-690-efisiensi"].sort_values("band")
    # lines 916-919, third column (no efficiency word in the ">100%" row)
    assert fis["label"].tolist() == ["Efisien", "Cukup Efisien", "Kurang Efisien", "Tidak Efisien"]
    assert set(s[s["scale_id"].str.startswith("kepmendagri")]["applies_to"]) == {"efficiency"}


# --- printed averages and counts ------------------------------------------------------------------

def test_printed_averages(agency):
    agg = agency.table("aggregates")
    cap = agg[agg["aggregate_id"] == "capaian-mean-2023"].set_index("source_line")
    # line 903 "| | Rata-rata capaian kinerja fisik | 113 | 119 | 224% |"
    assert cap.loc[903, "value_printed"] == "224%" and cap.loc[903, "canonical"]
    assert cap.loc[908, "value"] == 224.0  # line 908 "capaian kinerja fisik (224%)"
    assert cap.loc[923, "value"] == 100.0 and cap.loc[923, "label_reported"] == "sangat efektif"  # line 923
    assert cap.loc[925, "value"] == 100.0  # line 925 "capaian kinerja fisik (100%)"
    by_id = agg.set_index("aggregate_id")
    assert by_id.loc["target-mean-2023", "value"] == 113.0  # line 903
    assert by_id.loc["realisasi-mean-2023", "value"] == 119.0  # line 903
    assert by_id.loc["indicators-met-2023", "value"] == 7.0  # line 586 "7 diantaranya telah memenuhi"
    assert by_id.loc["indicators-not-met-2023", "value"] == 1.0  # line 586 "ada 1 Indikator yang belum"
