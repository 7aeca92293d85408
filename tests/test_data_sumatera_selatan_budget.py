"""Sumatera Selatan LKjIP 2023: budget, efficiency, staff and context values pinned by hand from
data/sources/sumatera-selatan.txt (line numbers in comments)."""

import math

import pytest
from curated import one, rows

from lkjpy import measures

AGENCY_ID = "sumatera-selatan"


# --- Tabel III.5 Rekapitulasi Realisasi Anggaran (lines 866-878) -----------------------------

def test_tabel_iii_5_total_row(budget):
    # line 870 "| TOTAL BELANJA | 23.607.846.268 | 22.255.524.366 | 1.352.321.902 | 94,27 |"
    row = one(budget, "Tabel III.5", item_id="total")
    assert row["source_line"] == 870
    printed = ("pagu_printed", "realisasi_printed", "sisa_reported_printed", "pct_reported_printed")
    assert tuple(row[c] for c in printed) == ("23.607.846.268", "22.255.524.366", "1.352.321.902", "94,27")
    assert (row["pagu"], row["realisasi"], row["sisa_reported"], row["pct_reported"]) == (
        23607846268, 22255524366, 1352321902, 94.27)
    assert bool(row["canonical"]) and row["level"] == "total" and row["year"] == 2023


def test_the_headline_budget_is_the_tabel_iii_5_total(agency, budget):
    # exactly one canonical 'total' row, the one of line 870
    canon = budget[(budget["item_id"] == "total") & (budget["canonical"] == True)]  # noqa: E712
    assert list(canon["source_line"]) == [870]
    pagu, spent, how = measures.budget_total(agency)
    assert (pagu, spent) == (23607846268, 22255524366) and "Tabel III.5" in how


@pytest.mark.parametrize("item_id, line, pagu, real, sisa, pct", [
    ("bel-operasi", 871, 21334575268, 19448594164, 1885981104, 93.85),            # line 871
    ("bel-pegawai", 872, 8209291000, 7289099615, 920191385, 94.67),               # line 872
    ("bel-barang-jasa", 873, 13125284268, 12159494549, 965789719, 93.37),         # line 873
    ("bel-modal", 874, 2931296000, 2806930202, 124365798, 97.28),                 # line 874
    ("bel-modal-peralatan-mesin", 875, 1768300000, 1702505000, 604509000, 98.85),  # line 875: sisa as printed
    ("bel-modal-gedung-bangunan", 876, 1097996000, 1039656702, 58339298, 94.69),  # line 876
    ("bel-modal-aset-tetap-lainnya", 877, 0, 0, 0, 0),                            # line 877: all '0'
    ("bel-modal-aset-lainnya", 878, 65000000, 64768500, 231500, 99.64),           # line 878
])
def test_tabel_iii_5_belanja_rows(budget, item_id, line, pagu, real, sisa, pct):
    row = one(budget, "Tabel III.5", item_id=item_id)
    assert row["level"] == "belanja" and row["source_line"] == line
    assert (row["pagu"], row["realisasi"], row["sisa_reported"], row["pct_reported"]) == (pagu, real, sisa, pct)


def test_tabel_iii_5_operasi_plus_modal_is_not_the_printed_total(budget):
    # lines 871 + 874: 21.334.575.268 + 2.931.296.000 = 24.265.871.268 (the Tabel II.5 APBD, line 565)
    kids = rows(budget, "Tabel III.5", parent_id="total")
    assert sorted(kids["item_id"]) == ["bel-modal", "bel-operasi"]
    assert kids["pagu"].sum() == 24265871268
    assert kids["realisasi"].sum() == 22255524366   # realisasi adds up to line 870


# --- Tabel II.5 Dukungan Program Dan Anggaran (lines 552-567) and the texts of lines 336, 537 ---

@pytest.mark.parametrize("item_id, line, printed, funding", [
    ("prog-penunjang", 556, "14.809.553.800", "APBD"),
    ("prog-pemberdayaan-koperasi", 557, "600.000.000", "APBD"),
    ("prog-diklat-koperasi", 558, "3.907.643.000", "APBD"),
    ("prog-pengawasan-koperasi", 559, "200.000.000", "APBD"),
    ("prog-umkm", 560, "133.316.000", "APBD"),
    ("prog-pengembangan-umkm", 561, "4.415.358.468", "APBD"),
    ("prog-kewirausahaan", 562, "548.778.000", "APBN"),
    ("prog-penilaian-kesehatan", 563, "100.000.000", "APBD"),
    ("prog-izin-usp", 564, "100.000.000", "APBD"),
])
def test_tabel_ii_5_program_pagu(budget, item_id, line, printed, funding):
    row = one(budget, "Tabel II.5", item_id=item_id)
    assert (row["source_line"], row["pagu_printed"]) == (line, printed)
    assert (row["funding"], row["level"]) == (funding, "program")
    assert math.isnan(row["realisasi"])


def test_tabel_ii_5_totals(budget):
    t = rows(budget, "Tabel II.5")
    assert (t["level"] == "program").sum() == 9
    # line 565 "Jumlah APBD | 24.265.871.268,-", 566 "Jumlah APBN | 548.778.000,-",
    # line 567 "Total Anggaran | 24.814.649.268,-"
    assert one(budget, "Tabel II.5", item_id="total")["pagu"] == 24265871268
    assert one(budget, "Tabel II.5", item_id="fund-apbn")["pagu"] == 548778000
    assert one(budget, "Tabel II.5", item_id="total-apbd-apbn")["pagu"] == 24814649268
    apbd = t[(t["level"] == "program") & (t["funding"] == "APBD")]
    assert apbd["pagu"].sum() == 24265871268
    # the PK table's APBD total is a non-canonical version of the year's APBD total (23.607.846.268, line 870)
    assert not bool(one(budget, "Tabel II.5", item_id="total")["canonical"])


def test_narrative_totals(budget):
    # line 336 "dana APBD sebesar Rp23.607.846.268,- ... sebesar Rp548.778.000,-"
    assert one(budget, "Narasi 1.4.3 Dukungan Anggaran", item_id="total")["pagu_printed"] == "Rp23.607.846.268,-"
    assert one(budget, "Narasi 1.4.3 Dukungan Anggaran", item_id="fund-apbn")["pagu"] == 548778000
    # line 537 "(termasuk DAK Non Fisik) sebesar Rp24.265.871.268,- dan 1 program APBN ... sebesar Rp548.778.000,-"
    row = one(budget, "Narasi 2.4 Perjanjian Kinerja Tahun 2023", item_id="total")
    assert (row["source_line"], row["pagu"]) == (537, 24265871268)
    assert one(budget, "Narasi 2.4 Perjanjian Kinerja Tahun 2023", item_id="fund-apbn")["pagu"] == 548778000


# --- Tabel III.6 Efisiensi Anggaran (lines 882-909) ----------------------------------------------

@pytest.mark.parametrize("item_id, line, pagu, real, pct", [
    ("prog-pengawasan-koperasi", 896, 200000000, 197876750, 98),
    ("prog-diklat-koperasi", 897, 3907643000, 3657169059, 93),
    ("prog-pemberdayaan-koperasi", 898, 600000000, 576388000, 96),
    ("prog-umkm", 899, 133316000, 124059996, 93),
    ("prog-pengembangan-umkm", 900, 4415358468, 3908226154, 91),
    ("prog-penunjang", 901, 14253928800, 13630869410, 96),
    ("total", 902, 23607846268, 22255524366, 90),       # 'Jumlah anggaran ... 90%'
])
def test_tabel_iii_6_budget_rows(agency, budget, item_id, line, pagu, real, pct):
    row = one(budget, "Tabel III.6", item_id=item_id)
    assert (row["source_line"], row["pagu"], row["realisasi"], row["pct_reported"]) == (line, pagu, real, pct)
    assert not bool(row["canonical"])
    eff = one(agency.table("efficiency"), "Tabel III.6", item_id=item_id, source_line=line)
    assert (eff["pagu"], eff["realisasi"], eff["serapan"]) == (pagu, real, pct)


def test_tabel_iii_6_indicator_rows_and_verdicts(agency):
    eff = agency.table("efficiency")
    assert set(eff["method_variant"]) == {"comparison"}
    t = rows(eff, "Tabel III.6")
    # lines 887-894, read as PK indicators in Tabel II.4 order (lines 543-550)
    ind = t[t["item_id"].str.match(r"^K\d$")].set_index("source_line")
    assert list(ind.sort_index()["item_id"]) == ["K6", "K5", "K1", "K8", "K7", "K2", "K3", "K4"]
    assert ind.loc[887, "capaian_kinerja_printed"] == "1%"             # 'Jumlah UMKM Naik Kelas | 500 | 526 | 1%'
    assert ind.loc[890, "realisasi_kinerja"] == 34019900               # '| 10 | 34.019.900 | 3,65% |'
    # line 908 "capaian kinerja fisik (224%) > capaian realisasi anggaran (90%)", 909 "... Efisien."
    v = one(eff, "Tabel III.6", source_line=908)
    assert (v["capaian_kinerja"], v["serapan"], v["label_reported"]) == (224, 90, "Efisien")
    # line 925 "capaian kinerja fisik (100%) > capaian realisasi anggaran (94,27%) ... Efisien."
    v = one(eff, "Narasi 3.2 Kesimpulan (after Tabel III.6)", source_line=925)
    assert (v["capaian_kinerja"], v["serapan"], v["label_reported"]) == (100, 94.27, "Efisien")


# --- Tabel III.7 Realisasi Anggaran tiap Program dan Kegiatan (lines 933-1019) ------------------

def test_tabel_iii_7_counts(budget):
    t = rows(budget, "Tabel III.7")
    progs = t[t["level"] == "program"]
    assert sorted(progs["source_line"]) == [937, 990, 996, 1004, 1010, 1016]
    keg = t[t["level"] == "kegiatan"]
    assert sorted(keg["source_line"]) == [938, 941, 948, 955, 970, 975, 986, 994, 997, 1002, 1005, 1011, 1017]
    # Penunjang: 2 + 3 + 2 + 7 + 4 + 3 + 3 = 24 (lines 939-989); others 1 + 2 + 1 + 1 + 1 = 6
    assert (t["level"] == "sub_kegiatan").sum() == 30
    assert (t["level"] == "total").sum() == 1
    assert set(t[t["level"] != "total"]["canonical"]) == {True}


@pytest.mark.parametrize("item_id, line, pagu, real, pct, sisa", [
    ("prog-penunjang", 937, "Rp.14.253.928.800", "Rp13.630.869.410", "95,63%", "Rp1.335.962.569"),
    ("prog-pengawasan-koperasi", 990, "Rp200.000.000", "Rp197.876.750", "98,94%", "Rp2.123.250"),
    ("prog-diklat-koperasi", 996, "Rp2.575.124.000", "Rp2.210.069.955", "85,82%", "Rp365.054.045"),
    ("prog-umkm", 1010, "Rp133.316.000", "Rp124.059.996", "93,06%", "Rp9.256.004"),
    ("prog-pengembangan-umkm", 1016, "Rp4.312.958.468", "Rp3.908.226.154", "90,62%", "Rp404.732.314"),
    ("total", 1019, "Rp23.607.846.268", "Rp22.255.524.366", "94,27", "Rp1.352.321.902"),
    ("sub-gaji-tunjangan", 942, "Rp7.502.531.000", "Rp7.800.767.785", "94,57%", "Rp407.151.385"),
    ("sub-rapat-koordinasi", 969, "Rp700.000.000", "Rp669.549.540", "99,94%", "Rp450.460"),
    ("keg-pemeliharaan-bmd", 986, "Rp1.598.656.000", "Rp1.521.826.937", "97,94%", "Rp8.117.100"),
])
def test_tabel_iii_7_rows_as_printed(budget, item_id, line, pagu, real, pct, sisa):
    row = one(budget, "Tabel III.7", item_id=item_id)
    assert row["source_line"] == line
    printed = ("pagu_printed", "realisasi_printed", "pct_reported_printed", "sisa_reported_printed")
    assert tuple(row[c] for c in printed) == (pagu, real, pct, sisa)


def test_tabel_iii_7_odd_cells(budget):
    # line 1004 "... atau 96,06.% dengan ...": not a figure; kept as printed, declared malformed, no value
    row = one(budget, "Tabel III.7", item_id="prog-pemberdayaan-koperasi")
    assert (row["pct_reported_printed"], row["malformed"]) == ("96,06.%", "pct_reported")
    assert math.isnan(row["pct_reported"])
    assert row["realisasi"] == 576388263
    # lines 981 and 985: the Pelayanan Umum row breaks across a page
    row = one(budget, "Tabel III.7", item_id="sub-pelayanan-umum")
    assert (row["source_line"], row["pct_reported_line"]) == (981, "985")
    assert (row["pct_reported"], row["sisa_reported"]) == (99.74, 481150)
    # line 979 "Sebesar 20.000.000 atau 100%": realisasi printed without Rp
    assert one(budget, "Tabel III.7", item_id="sub-surat-menyurat")["realisasi_printed"] == "20.000.000"


def test_tabel_iii_7_programs_do_not_add_up_to_the_total(budget):
    t = rows(budget, "Tabel III.7")
    progs = t[t["level"] == "program"]
    # 14.253.928.800 + 200.000.000 + 2.575.124.000 + 600.000.000 + 133.316.000 + 4.312.958.468
    assert progs["pagu"].sum() == 22075327268
    # 13.630.869.410 + 197.876.750 + 2.210.069.955 + 576.388.263 + 124.059.996 + 3.908.226.154
    assert progs["realisasi"].sum() == 20647490528


# --- staff: Tabel I.1-I.4 (lines 199-278) and the text of 1.4.1 -------------------------------

@pytest.fixture(scope="module")
def staff(agency):
    return agency.table("staff")


def test_staff_totals(staff):
    # line 214 "| Jumlah | | 25 | 23 | 48 | 100,00 | 59% | 13 | 20 | 33 | 100 | 41% |"
    t1 = rows(staff, "Tabel I.1", category="Jumlah").set_index("subcategory")["count"]
    assert (t1["ASN L"], t1["ASN P"], t1["ASN Total"]) == (25, 23, 48)
    assert (t1["Non ASN L"], t1["Non ASN P"], t1["Non ASN Total"]) == (13, 20, 33)
    # line 215 "| Jumlah Seluruh Pegawai | | 81 Pegawai |"
    assert one(staff, "Tabel I.1", category="Jumlah Seluruh Pegawai")["count"] == 81
    # lines 251, 265 "| JUMLAH | | 25 | 23 | 48 | 100 |", 278 "| Jumlah Seluruh Pegawai | | 25 | 23 | 48 | 100 |"
    for table, cat in [("Tabel I.2", "JUMLAH"), ("Tabel I.3", "JUMLAH"), ("Tabel I.4", "Jumlah Seluruh Pegawai")]:
        assert one(staff, table, category=cat, subcategory="Total")["count"] == 48
    # line 277 "| Jumlah Pegawai Mengikuti Diklat | | 11 | 13 | 24 | 50 |"
    assert one(staff, "Tabel I.4", category="Jumlah Pegawai Mengikuti Diklat", subcategory="Total")["count"] == 24


def test_staff_narrative(staff):
    n = rows(staff, "Narasi 1.4.1 Sumber Daya Manusia")
    # line 197: 48 ASN, 33 Non ASN, 81 in all
    assert one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="Aparatur Sipil Negara (ASN)")["count"] == 48
    assert one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="pegawai Non ASN")["count"] == 33
    assert one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="jumlah total ASN dan Non ASN")["count"] == 81
    # line 217 "dari 58 pegawai ... golongan IV sebanyak 1 pegawai (29%), golongan III sebanyak 35 pegawai"
    row = one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="dari 58 pegawai")
    assert row["count"] == 58 and "48" in row["note"]
    assert one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="golongan IV")["count"] == 1
    assert one(n, "Narasi 1.4.1 Sumber Daya Manusia", category="golongan III")["count"] == 35


def test_staff_counts_by_table(staff):
    # Tabel I.1 lines 205-214 (10 rows x 6 counts) + line 215; I.2 lines 224-251 (21 rows x 3);
    # I.3 lines 260-265 (6 x 3); I.4 lines 274-278 (5 x 3)
    assert [len(rows(staff, t)) for t in ("Tabel I.1", "Tabel I.2", "Tabel I.3", "Tabel I.4")] == [61, 63, 18, 15]
    # line 234 "| 3 | Golongan II | 3 | - | 3 | 6 |" but its ranks (lines 235-241) hold 1
    gol2 = one(staff, "Tabel I.2", category="Golongan II", subcategory="Total")
    ranks = staff[(staff["source_table"] == "Tabel I.2") & staff["category"].isin(["II/d", "II/c", "II/b", "II/a"])
                  & (staff["subcategory"] == "Total")]
    assert gol2["count"] == 3 and ranks["count"].sum() == 1
    assert one(staff, "Tabel I.2", category="II/c", subcategory="L")["count_printed"] == "-"


# --- context: Tabel I.5 assets (lines 286-332), office land (line 282) ------------------------

def test_assets(agency):
    ctx = agency.table("context")
    assets = ctx[ctx["series_id"] == "assets"]
    assert len(assets) == 43                                     # items 1-43, lines 290-332
    by_line = assets.set_index("source_line")
    assert (by_line.loc[329, "category"], by_line.loc[329, "value"]) == ("Kursi Biasa", 138)   # line 329
    assert (by_line.loc[305, "value"], by_line.loc[321, "value"]) == (8, 12)  # Mini Bus 8, Sepeda Motor 12
    # 15 x 1 + 8 + 4 x 2 + 3 x 3 + 4 + 5 + 3 x 8 + 3 x 10 + 12 + 13 + 14 + 17 + 21 + 27 + 78 + 90 + 138 + 3 x 1
    assert assets["value"].sum() == 516
    land = ctx[ctx["series_id"] == "office_land"].iloc[0]
    assert (land["value_printed"], land["value"], land["source_line"]) == ("2.375", 2375, 282)
