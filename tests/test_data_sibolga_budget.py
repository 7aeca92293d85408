"""Sibolga LKjIP 2024: budget, efficiency and context values pinned by hand from
data/sources/sibolga.txt (line numbers in comments)."""

import pytest
from curated import one, rows

AGENCY_ID = "sibolga"


# --- Tabel 1.1: Ringkasan Anggaran APBD TA 2024 (lines 174-206) -------------------------------

@pytest.mark.parametrize("code, printed, value, line", [
    ("5", "4.424.198.783,00", 4424198783, 189),        # line 189 " 5 BELANJA DAERAH 4.424.198.783,00"
    ("5.1", "4.413.031.883,00", 4413031883, 191),      # line 191 " 5.1 BELANJA OPERASI  4.413.031.883,00"
    ("5.1.01", "2.996.819.467,00", 2996819467, 193),   # line 193 Belanja Pegawai
    ("5.1.02", "1.416.212.415,00", 1416212415, 195),   # line 195 Belanja Barang dan Jasa
    ("5.2", "11.166.900,00", 11166900, 199),            # line 199 BELANJA MODAL
    ("5.2.02", "11.166.900,00", 11166900, 201),         # line 201 Belanja Modal Peralatan dan Mesin
])
def test_tabel_1_1_as_printed(budget, code, printed, value, line):
    row = one(budget, "Tabel 1.1", code=code)
    assert row["source_line"] == line
    assert row["pagu_printed"] == printed and row["pagu"] == value
    assert row["stage"] == "final" and row["year"] == 2024


def test_tabel_1_1_total_and_blank_account(budget):
    assert one(budget, "Tabel 1.1", code="5")["item_id"] == "total"
    # line 203 "5.2.05 Belanja Modal Aset Tetap Lainnya" with no amount
    row = one(budget, "Tabel 1.1", code="5.2.05")
    assert row["pagu_printed"] == "[blank]"
    assert row["pagu"] != row["pagu"]  # NaN: missing is never 0


def test_tabel_1_1_operasi_is_one_rupiah_off(budget):
    # lines 191-195: 2.996.819.467 + 1.416.212.415 = 4.413.031.882, printed 4.413.031.883
    op = one(budget, "Tabel 1.1", code="5.1")
    kids = rows(budget, "Tabel 1.1", parent_id="bel-operasi")
    assert kids["pagu"].sum() == 4413031882 and op["pagu"] == 4413031883


# --- Tabel 2.5.1: APBD sebelum dan sesudah perubahan (lines 1440-2325) ---------------------

def test_tabel_2_5_1_totals_as_printed(budget):
    # line 2323 "  Total :   5.083.646.238   4.424.198.783 "
    orig = one(budget, "Tabel 2.5.1", item_id="total", stage="original")
    rev = one(budget, "Tabel 2.5.1", item_id="total", stage="revised")
    assert orig["source_line"] == rev["source_line"] == 2323
    assert (orig["pagu_printed"], orig["pagu"]) == ("5.083.646.238", 5083646238)
    assert (rev["pagu_printed"], rev["pagu"]) == ("4.424.198.783", 4424198783)
    assert bool(orig["canonical"]) and bool(rev["canonical"])


@pytest.mark.parametrize("stage", ["original", "revised"])
def test_tabel_2_5_1_counts(budget, stage):
    t = rows(budget, "Tabel 2.5.1", stage=stage)
    # programs I-VIII at lines 1473, 1503, 1519, 1634, 2036, 2105, 2179, 2223
    assert (t["level"] == "program").sum() == 8
    # kegiatan numbered 1-14 (lines 1479, 1505, 1528, 1578, 1640, 1663, 1699, 1851, 1892, 1975, 2044, 2115,
    # 2185, 2229)
    assert (t["level"] == "kegiatan").sum() == 14
    # sub-kegiatan: 1 + 1 + 2 + (1 + 2 + 7 + 1 + 3 + 3) + 1 + 1 + 1 + 3 = 27
    assert (t["level"] == "sub_kegiatan").sum() == 27


@pytest.mark.parametrize("item_id, line, orig, rev", [
    ("urusan-tenaga-kerja", 1471, "466.160.151", "316.251.181"),     # line 1471
    ("urusan-kukm", 1632, "4.617.486.087", "4.107.947.602"),         # line 1632
    ("prog-pelatihan", 1477, "207.946.641", "79.503.231"),           # line 1477 "75% 207.946.641 75% 79.503.231"
    ("prog-penempatan", 1503, "139.502.530", "139.502.530"),         # line 1503
    ("prog-hubungan-industrial", 1526, "118.710.980", "97.534.320"),  # line 1526
    ("prog-penunjang", 1638, "4.217.489.797", "3.770.322.382"),      # line 1638 "83 4.217.489.797 83 3.770.322.382"
    ("prog-penilaian-kesehatan", 2183, "21.658.500", "21.658.500"),  # line 2183
    ("prog-umkm", 2227, "235.457.700", "238.540.600"),               # line 2227 "73,45% 235.457.700 73,45% 238.540.600"
    ("keg-adm-umum", 1699, "515.553.340", "345.576.290"),            # line 1699
])
def test_tabel_2_5_1_rows_on_one_line(budget, item_id, line, orig, rev):
    o = one(budget, "Tabel 2.5.1", item_id=item_id, stage="original")
    r = one(budget, "Tabel 2.5.1", item_id=item_id, stage="revised")
    assert o["source_line"] == r["source_line"] == line
    assert (o["pagu_printed"], r["pagu_printed"]) == (orig, rev)


def test_tabel_2_5_1_revised_amounts_on_their_own_lines(budget):
    # lines 2106-2113: "74% 58.556.470 74%" then "40.416.120" alone
    o = one(budget, "Tabel 2.5.1", item_id="prog-pengawasan", stage="original")
    r = one(budget, "Tabel 2.5.1", item_id="prog-pengawasan", stage="revised")
    assert (o["source_line"], o["pagu"]) == (2109, 58556470)
    assert (r["source_line"], r["pagu"]) == (2113, 40416120)
    # lines 1653-1661: gaji ASN "30 Orang/ bulan 3.181.058.332" then "21 Orang/ bulan 2.996.819.467"
    o = one(budget, "Tabel 2.5.1", item_id="sub-gaji-tunjangan", stage="original")
    r = one(budget, "Tabel 2.5.1", item_id="sub-gaji-tunjangan", stage="revised")
    assert (o["pagu"], o["output_target"]) == (3181058332, "30 Orang/ bulan")
    assert (r["pagu"], r["output_target"]) == (2996819467, "21 Orang/ bulan")


def test_tabel_2_5_1_odd_cells(budget):
    # line 1737 "12 Paket 106. 985.800 12 Paket": stray space kept
    row = one(budget, "Tabel 2.5.1", item_id="sub-peralatan-kantor", stage="original")
    assert row["pagu_printed"] == "106. 985.800" and row["pagu"] == 106985800
    # line 1517 "30 Orang 139.502.530 30 Orang 139502.530": the revised figure cannot be parsed
    row = one(budget, "Tabel 2.5.1", item_id="sub-pelayanan-antar-kerja", stage="revised")
    assert row["pagu_printed"] == "" and "139502.530" in row["note"]
    # line 2013 "1 Unit 10.000.000": Pemeliharaan Mebel has no revised amount
    row = one(budget, "Tabel 2.5.1", item_id="sub-mebel", stage="revised")
    assert row["pagu_printed"] == "[blank]"
    # lines 2040, 2054, 2101: program V prints one amount per row, read as the original column
    assert one(budget, "Tabel 2.5.1", item_id="prog-izin-usp", stage="original")["pagu"] == 21365400
    assert one(budget, "Tabel 2.5.1", item_id="sub-fasilitasi-izin-usp", stage="original")["pagu"] == 40415520
    assert one(budget, "Tabel 2.5.1", item_id="prog-izin-usp", stage="revised")["pagu_printed"] == "[blank]"


def test_narrative_totals(budget):
    # line 1430 "... adalah Rp. 5.083.646.238,-"
    row = one(budget, "Narasi 2.5 Perencanaan Anggaran", item_id="total", stage="original")
    assert row["pagu_printed"] == "Rp. 5.083.646.238,-" and not bool(row["canonical"])
    # line 1432 "Rp.4.424.1981.783,-": malformed, not recorded as a figure
    row = one(budget, "Narasi 2.5 Perencanaan Anggaran", item_id="total", stage="revised")
    assert row["pagu_printed"] == "" and "4.424.1981.783" in row["note"]
    # lines 3534-3536 "Rp.5.083.646.238,00 menjadi Rp. 4.424.198.783,00"
    row = one(budget, "Narasi 3.2 Realisasi Anggaran", item_id="total", stage="revised")
    assert row["pagu"] == 4424198783 and row["pagu_line"] == "3536"


# --- Tabel 3.2.1: Realisasi Anggaran (lines 3445-3524) ------------------------------------

@pytest.mark.parametrize("item_id, line, pagu, real, pct", [
    ("prog-umkm", 3474, 238540600, 188827300, 79.16),                  # line 3474
    ("prog-pengawasan", 3488, 40416120, 35939600, 88.92),              # line 3488 (named Penilaian Kesehatan)
    ("prog-hubungan-industrial", 3502, 71464320, 54436500, 76.17),     # line 3502
    ("prog-pelatihan", 3517, 79503231, 73236400, 92.12),               # line 3517
])
def test_tabel_3_2_1_programs(budget, item_id, line, pagu, real, pct):
    row = one(budget, "Tabel 3.2.1", item_id=item_id)
    assert (row["source_line"], row["pagu"], row["realisasi"], row["pct_reported"]) == (line, pagu, real, pct)
    assert row["stage"] == "final"


def test_tabel_3_2_1_has_no_total_and_four_programs(budget):
    t = rows(budget, "Tabel 3.2.1")
    assert (t["level"] == "program").sum() == 4
    assert (t["level"] == "total").sum() == 0
    # the four programs as printed add up to 429.924.271 / 352.439.800 (lines 3474, 3488, 3502, 3517)
    progs = t[t["level"] == "program"]
    assert progs["pagu"].sum() == 429924271 and progs["realisasi"].sum() == 352439800
    # line 3484-3486 name as printed, although the amounts are the Pengawasan program's
    assert one(budget, "Tabel 3.2.1", item_id="prog-pengawasan")["name"] == "PROGRAM PENILAIAN KESEHATAN KSP/ USP KOPERASI"


# --- Tabel 3.1.6 and the narrative below it -------------------------------------------------

def test_tabel_3_1_6_total(budget):
    # line 3232 "JUMLAH TOTAL : 344.000.141,00 267.416.700,00", 3236 "81,31", 3240 "76.563.441,00"
    row = one(budget, "Tabel 3.1.6", item_id="total-sasaran")
    assert (row["pagu"], row["realisasi"], row["pct_reported"], row["sisa_reported"]) == (
        344000141, 267416700, 81.31, 76563441)
    # lines 3244-3252: the narrative's efficiency is Rp.76.583.441
    narr = one(budget, "Narasi 3.1 (after Tabel 3.1.6)", item_id="total-sasaran")
    assert narr["sisa_reported"] == 76583441 and not bool(narr["canonical"])


def test_efficiency_tables(agency):
    eff = agency.table("efficiency")
    t316 = eff[eff["source_table"] == "Tabel 3.1.6"].set_index("item_id")
    # line 3203 "42% 42% 100% 40.416.120,00 35.939.600,00", 3207 "88,92", 3208 "4.476.520,00"
    assert (t316.loc["I3", "pagu"], t316.loc["I3", "serapan"], t316.loc["I3", "efficiency"]) == (
        40416120, 88.92, 4476520)
    # line 3218 "30% 30% 100% 71.464.320,00 54.436.500 ,00 76,17 17.027.820,00"
    assert t316.loc["I4", "realisasi_printed"] == "54.436.500 ,00" and t316.loc["I4", "efficiency"] == 17027820
    # rows 1 and 2 print no budget (lines 3161-3191)
    assert t316.loc["I1", "pagu_printed"] == "[blank]" and t316.loc["I2", "pagu_printed"] == "[blank]"
    assert set(t316["method_variant"]) == {"other"}
    t317 = eff[eff["source_table"] == "Tabel 3.1.7"].set_index("item_id")
    # lines 3317, 3358, 3382, 3404, 3432
    assert list(t317["serapan_printed"]) == ["68,02", "100,00", "88,92", "76,17", "92,12"]
    assert set(t317["label_reported"]) == {"Menunjang"}


def test_budget_change_context(agency):
    ctx = agency.table("context")
    ch = ctx[ctx["series_id"] == "budget_change"]
    # line 1434 "Rp.659.447.455,- (14,91 %)"; line 3536 "Rp. 659.447.455  ( 14,91%)"
    assert sorted(ch["value_printed"]) == sorted(["Rp.659.447.455,-", "14,91 %", "Rp. 659.447.455", "14,91%"])
    assert set(ch.loc[ch["unit"] == "Rp", "value"]) == {659447455}
    assert set(ch.loc[ch["unit"] == "%", "value"]) == {14.91}
