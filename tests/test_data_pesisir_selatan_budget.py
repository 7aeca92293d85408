"""Pesisir Selatan LKj 2024: budget, efficiency, staff and context values pinned by hand from
data/sources/pesisir-selatan.txt (line numbers in comments)."""

import math

import pytest

AGENCY_ID = "pesisir-selatan"


@pytest.fixture(scope="module")
def t353(budget):
    return budget[budget["source_table"] == "Tabel 3.53"]


def test_tabel_3_53_total_as_printed(t353):
    # line 2310 "TOTAL  <b>6.791.000.515</b>  <b>6.119.986.725</b>  <b>90,12</b>"
    tot = t353[t353["item_id"] == "total"]
    assert len(tot) == 1
    row = tot.iloc[0]
    assert row["source_line"] == 2310
    assert (row["pagu_printed"], row["realisasi_printed"], row["pct_reported_printed"]) == (
        "6.791.000.515", "6.119.986.725", "90,12")
    assert row["pagu"] == 6791000515 and row["realisasi"] == 6119986725 and row["pct_reported"] == 90.12
    assert bool(row["canonical"]) is True


def test_tabel_3_53_year_is_the_figures_year(t353):
    # title "Sasaran Strategis Tahun 2023" (line 2283), but line 2316 calls the same total APBD Tahun 2024
    assert set(t353["year"]) == {2024}
    assert t353["note"].str.contains("Tahun 2023").all()


def test_tabel_3_53_counts_programs_and_kegiatan(t353):
    # programs at lines 2286, 2293, 2295, 2297, 2299, 2301, 2303, 2306, 2308
    progs = t353[t353["level"] == "program"]
    assert sorted(progs["source_line"]) == [2286, 2293, 2295, 2297, 2299, 2301, 2303, 2306, 2308]
    # kegiatan at lines 2287-2292, 2294, 2296, 2298, 2300, 2302, 2304, 2305, 2307, 2309
    keg = t353[t353["level"] == "kegiatan"]
    assert len(keg) == 15
    assert sorted(keg["source_line"]) == [2287, 2288, 2289, 2290, 2291, 2292, 2294, 2296, 2298, 2300,
                                          2302, 2304, 2305, 2307, 2309]


@pytest.mark.parametrize("item_id, line, pagu, realisasi, pct", [
    ("prog-penunjang", 2286, "4.745.917.615", "4.301.841.855", "90,64"),          # line 2286
    ("keg-adm-keuangan", 2288, "3.985.091.039", "3.557.770.196", "89,28"),        # line 2288
    ("keg-informasi-pasar-kerja", 2307, "47.000.000", "46.141.960", "98,17"),     # line 2307 (shifted row)
    ("prog-hubungan-industrial", 2308, "516.967.900", "319.868.460", "61,87"),    # line 2308
])
def test_tabel_3_53_rows(t353, item_id, line, pagu, realisasi, pct):
    row = t353[t353["item_id"] == item_id].iloc[0]
    assert row["source_line"] == line
    assert (row["pagu_printed"], row["realisasi_printed"], row["pct_reported_printed"]) == (pagu, realisasi, pct)


def test_sasaran_budget_totals(budget):
    canon = budget[(budget["level"] == "sasaran") & (budget["canonical"] == True)].set_index("item_id")  # noqa: E712
    assert canon.loc["sas-3", "pagu_printed"] == "796.615.000"   # line 1533 Jumlah of Tabel 3.28
    assert canon.loc["sas-4", "pagu_printed"] == "422.000.160"   # line 1765 Jumlah of Tabel 3.38
    assert canon.loc["sas-5", "realisasi_printed"] == "624.094.430"  # line 2246 Jumlah of Tabel 3.51


def test_tabel_3_52_realisasi_kept_as_printed(budget):
    # line 2262 prints 627.094.430,- (Tabel 3.51 line 2246 and line 2250 print 624.094.430)
    row = budget[(budget["source_table"] == "Tabel 3.52")].iloc[0]
    assert row["item_id"] == "sas-5"
    assert row["realisasi_printed"] == "627.094.430,-" and row["realisasi"] == 627094430
    assert row["pagu_printed"] == "826.467.740 ,-"


@pytest.mark.parametrize("table, line, iid, printed, value", [
    ("Tabel 3.9", 831, "I1", "15,00", 15.0),    # line 831 "... 90,64%  15,00"
    ("Tabel 3.16", 1019, "I2", "15,00", 15.0),  # line 1019 "... 90,64%  15,00"
    ("Tabel 3.29", 1545, "I3", "0,04", 0.04),   # line 1545 "... 97,05%  0,04"
    ("Tabel 3.39", 1779, "I4", "1,7", 1.7),     # line 1779 "... 99,74%  1,7"
    ("Tabel 3.52", 2262, "I5", "6,31", 6.31),   # line 2262 "... 75,51%  6,31"
])
def test_efficiency_tables_as_printed(agency, table, line, iid, printed, value):
    eff = agency.table("efficiency")
    row = eff[eff["source_table"] == table].iloc[0]
    assert row["item_id"] == iid and row["source_line"] == line
    assert row["efficiency_printed"] == printed and row["efficiency"] == value
    assert row["method_variant"] == "one_minus_ratio"
    assert row["method_reported_line"] == "837"  # the formula printed below Tabel 3.9


def test_efficiency_narrative_9_36(agency):
    eff = agency.table("efficiency")
    row = eff[(eff["source_line"] == 820)].iloc[0]  # line 820 "... berarti terdapat efisien sebesar 9,36%"
    assert row["efficiency_printed"] == "9,36%" and row["method_variant"] == "difference"


def test_tabel_3_9_realisasi_grade(agency):
    eff = agency.table("efficiency")
    row = eff[eff["source_table"] == "Tabel 3.9"].iloc[0]
    # line 831 "A (85)  AA (90,78)*"
    assert row["target_kinerja_grade"] == "A" and row["target_kinerja"] == 85
    assert row["realisasi_kinerja_grade"] == "AA" and row["realisasi_kinerja"] == 90.78


def test_staff_totals(agency):
    s = agency.table("staff")
    tot = s[s["is_total"] == True]  # noqa: E712
    by = {(r["source_table"], r["category"]): r["count"] for _, r in tot.iterrows()}
    assert by[("Tabel 1.1", "Jumlah")] == 29                      # line 322 "3 24 2 - 29"
    assert by[("Tabel 1.2", "ASN")] == 29                         # line 332 "ASN 4 23 0 2 29"
    assert by[("Tabel 1.2", "Non ASN (Database BKN)")] == 17      # line 333
    assert by[("Tabel 1.2", "Non ASN (Non Database BKN)")] == 6   # line 334
    assert by[("Tabel 1.3", "Jumlah")] == 14                      # line 349 "1 3 10 14"
    gol1 = s[(s["source_table"] == "Tabel 1.1") & (s["category"] == "Golongan I")].iloc[0]
    assert gol1["count_printed"] == "-" and math.isnan(gol1["count"])  # line 322: dash, not zero


def test_context_pins(agency):
    c = agency.table("context")
    tpt = c[(c["series_id"] == "tpt") & (c["year"] == 2024)].iloc[0]
    assert tpt["value_printed"] == "5,06" and tpt["source_line"] == 1885  # line 1885 "2024 13.399 264.779 5,06"
    js = c[(c["series_id"] == "jobseekers-ak1") & (c["category"] == "Total") & (c["subcategory"] == "Jumlah JML")]
    assert js.iloc[0]["value"] == 971  # line 2168 "Total ... 478 493 971"
    akip = c[(c["source_table"] == "Tabel 3.4") & (c["category"] == "Nilai Hasil Evaluasi") & (c["year"] == 2024)]
    assert akip.iloc[0]["value_printed"] == "90,78"  # line 678
