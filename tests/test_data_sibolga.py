"""Sibolga LKjIP 2024: values pinned by hand from data/sources/sibolga.txt (line numbers in comments)."""

import math

import pytest
from curated import assert_printed_result

AGENCY_ID = "sibolga"


def test_seven_pk_indicators_in_tabel_2_3_1_order(ind):
    assert list(ind.index) == ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]
    assert ind.loc["I1", "indicator"] == "Jumlah Ekonomi Kreatif Binaan yang Tumbuh"  # lines 1213-1215
    assert ind.loc["I2", "indicator"] == "Fasilitasi Izin Produk PIRT dan Sertifikat Halal"  # lines 1225-1227
    assert ind.loc["I3", "indicator"] == "Persentase Pelaksanaan RAT Koperasi"  # line 1231
    assert ind.loc["I6", "indicator"] == "Nilai SAKIP OPD"  # line 1247
    assert ind.loc["I7", "indicator"] == "Nilai IKM OPD"  # line 1249


@pytest.mark.parametrize("iid, line, target, realisasi, capaian, kategori", [
    ("I1", 2375, "5 UMKM", "5 UMKM", "100%", "Baik"),        # lines 2367-2369 | 2371-2373 | 2375 "100% Baik"
    ("I2", 2397, "20 Produk", "17 Produk", "85%", "Baik"),   # lines 2389-2391 | 2393-2395 | 2397 "85% Baik"
    ("I3", 2407, "42%", "42%", "100%", "Baik"),              # line 2407 "42% 42% 100% Baik"
    ("I4", 2417, "30%", "30%", "100%", "Baik"),              # line 2417 "30% 30% 100% Baik"
    ("I5", 2429, "70%", "70%", "100%", "Baik"),              # line 2429 "70% 70% 100% Baik"
])
def test_tabel_3_1_1_rows_as_printed(ind, iid, line, target, realisasi, capaian, kategori):
    assert_printed_result(ind.loc[iid], "Tabel 3.1.1", line, target, realisasi, capaian, kategori)


def test_tabel_3_1_1_parsed_values(ind):
    # lines 2367-2429: targets 5, 20, 42, 30, 70; realisations 5, 17, 42, 30, 70; capaian 100, 85, 100, 100, 100
    assert ind.loc[["I1", "I2", "I3", "I4", "I5"], "target"].tolist() == [5.0, 20.0, 42.0, 30.0, 70.0]
    assert ind.loc[["I1", "I2", "I3", "I4", "I5"], "realisasi"].tolist() == [5.0, 17.0, 42.0, 30.0, 70.0]
    assert ind.loc[["I1", "I2", "I3", "I4", "I5"], "capaian_reported"].tolist() == [100.0, 85.0, 100.0, 100.0, 100.0]


def test_unmeasured_pk_indicators_kept_with_missing_realisation(ind):
    # lines 1247 and 1249: target A; no realisation anywhere in Bab III (Tabel 3.1.1 stops at indicator 5)
    for iid in ("I6", "I7"):
        assert ind.loc[iid, "target_grade"] == "A"
        assert ind.loc[iid, "realisasi_printed"] == "[blank]"
        assert math.isnan(ind.loc[iid, "realisasi"])


def test_printed_average(agency):
    agg = agency.table("aggregates")
    canon = agg[agg["canonical"] == True].iloc[0]  # noqa: E712
    # line 2431 "Nilai rata-rata Indikator :   97% Sangat", line 2433 "Tinggi"
    assert canon["value_printed"] == "97%" and canon["value"] == 97.0
    assert canon["label_reported"] == "Sangat Tinggi"
    assert canon["source_line"] == 2431
    # line 3246 "Rerata pencapaian target Indikator Kinerja sebesar 97,0%"
    assert "97,0%" in set(agg["value_printed"])


def test_tabel_3_1_2_history(results):
    r = results[results["source_table"] == "Tabel 3.1.2"].set_index(["indicator_id", "year"])
    assert r.loc[("I2", 2023), "realisasi_printed"] == "15 Produk"  # lines 2532-2534
    assert r.loc[("I3", 2022), "realisasi"] == 48.0  # line 2558 "42% 48% 42% 42% 42% 77,7%"
    assert r.loc[("I4", 2022), "realisasi"] == 27.0  # line 2574 "30% 27% 30% 30% 30% 46,8%"
    assert r.loc[("I5", 2022), "realisasi"] == 100.0  # line 2594 "70% 100% 70% 70% 70% 83,8%"
    assert r.loc[("I1", 2024), "capaian_reported_printed"] == "80,0%"  # line 2500


def test_tabel_3_1_3_renstra_end(results):
    r = results[results["basis"] == "renstra_end"]
    i3 = r[r["indicator_id"] == "I3"].iloc[0]  # line 2686 "43,5% 44,8% 97,1%"
    assert (i3["realisasi"], i3["target"], i3["capaian_reported"]) == (43.5, 44.8, 97.1)
    i5 = r[r["indicator_id"] == "I5"]  # line 2718 "77.5% 74% 104,7%" (mixed separators)
    assert set(i5["realisasi_printed"].dropna()) >= {"77.5%"}
    assert set(i5["capaian_reported_printed"]) >= {"104,7%"}


def test_tabel_3_1_4_spreadsheet_errors(results):
    r = results[results["source_table"] == "Tabel 3.1.4"].set_index("indicator_id")
    # lines 2795, 2797, 2799, 2801, 2803
    assert r["capaian_reported_printed"].tolist() == ["#NI", "#VALUE!", "#DIV/0!", "#DIV/0!", "#DIV/0!"]
    assert r["capaian_reported"].isna().all()


def test_renstra_targets_tabel_2_1_1(agency):
    plan = agency.table("renstra_targets")
    canon = plan[(plan["canonical"] == True) & (plan["source_table"] == "Tabel 2.1.1")]  # noqa: E712
    i4 = canon[canon["indicator_id"] == "I4"].sort_values("year")
    assert i4["target"].tolist() == [30.0, 40.0, 50.0, 60.0, 70.0]  # line 569 "30% 40% 50% 60% 70%"
    i3 = canon[canon["indicator_id"] == "I3"].sort_values("year")
    assert i3["target"].tolist() == [40.0, 42.0, 45.0, 47.0, 50.0]  # line 537


def test_rating_scale_tabel_3_1(agency):
    s = agency.table("rating_scales").sort_values("band")
    # lines 1391-1399
    assert s["range_printed"].tolist() == ["91% ≤ 100%", "76% ≤ 90%", "66% ≤ 75%", "51% ≤ 65%", "≤ 50%"]
    assert s["label"].tolist() == ["Sangat tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def test_meta(agency):
    assert agency.meta["renstra_period"] == "2021-2026"  # line 376 "(2021-2026)"
    assert agency.meta["report_year_evidence"] == "2024"  # line 2334
