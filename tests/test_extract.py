"""extract on small hand-written reports, one per layout a PDF converter produces; the expected
cells are written by hand from the texts."""

from __future__ import annotations

import pytest

from lkjpy.extract import propose
from lkjpy.extract.layout import figure_run, furniture, split_cells


def cells(text):
    return [c.text for c in split_cells(text, 1)]


@pytest.mark.parametrize("line, expected", [
    ("1   Meningkatnya koperasi   Persentase Koperasi Sehat   35%   32,57 %   93,06%",
     ["1", "Meningkatnya koperasi", "Persentase Koperasi Sehat", "35%", "32,57 %", "93,06%"]),
    ("1.\tMeningkatnya koperasi\tPersentase Koperasi Sehat\t35 persen\t32,57\t93,06",
     ["1.", "Meningkatnya koperasi", "Persentase Koperasi Sehat", "35 persen", "32,57", "93,06"]),
    ("| 2 | Jumlah UMKM Naik Kelas | UKM | 500 | 526 | 105,2 | Sangat Baik |",
     ["2", "Jumlah UMKM Naik Kelas", "UKM", "500", "526", "105,2", "Sangat Baik"]),
    ("|---|----|-----|", []),
    ("42% 42% 100% Baik", ["42%", "42%", "100%", "Baik"]),
    ("A (85) AA (90,78)", ["A (85)", "AA (90,78)"]),
    ("5 UMKM", ["5 UMKM"]),
    ("PROGRAM PENGEMBANGAN UMKM 238.540.600 188.827.300 79,16",
     ["PROGRAM PENGEMBANGAN UMKM", "238.540.600", "188.827.300", "79,16"]),
    ("Program Pembinaan    Rp.    1.234.567.000    Rp.   1.000.000.000   81,00 %",
     ["Program Pembinaan", "Rp. 1.234.567.000", "Rp. 1.000.000.000", "81,00 %"]),
    ("<b>TOTAL</b>\t\t<b>6.791.000.515</b>", ["TOTAL", "6.791.000.515"]),
])
def test_cells_of_a_line(line, expected):
    assert cells(line) == expected


def test_a_figure_run_needs_two_figures():
    assert figure_run("4,57 % 5,87 %") == ["4,57 %", "5,87 %"]
    assert figure_run("Tahun 2024") is None
    assert figure_run("128") is None


def test_page_numbers_and_labels_are_furniture():
    lines = ["text"] * 100
    lines[19], lines[69] = "12", "13"  # page numbers 50 lines apart
    lines[40] = "Halaman 3"
    lines[45] = "5"  # a lone figure with no neighbouring page number
    assert furniture(lines) == {20, 70, 41}


def _pk(text, year=2024):
    out = propose(text, year)
    results = out.rows["indicator_results"]
    indicators = {r["indicator_id"]: r for r in out.rows["indicators"]}
    return [(indicators[r["indicator_id"]]["sasaran"], indicators[r["indicator_id"]]["indicator"],
             r["target_printed"], r["realisasi_printed"], r["capaian_reported_printed"], r["category_reported"],
             r["source_line"]) for r in results], out


ALIGNED = """LAPORAN KINERJA DINAS KOPERASI KABUPATEN CONTOH TAHUN 2024

Tabel 3.1 Capaian Kinerja Tahun 2024

No   Sasaran Strategis          Indikator Kinerja Utama        Satuan   Target   Realisasi   Capaian (%)   Kategori
1    Meningkatnya koperasi      Persentase Koperasi Sehat      %        35       32,57       93,06         Baik
     sehat
2    Menurunnya pengangguran    Tingkat Pengangguran Terbuka   %        4,6      5,06        90,00         Baik

Capaian kinerja di atas dijelaskan sebagai berikut.
"""


def test_aligned_columns_with_a_name_wrapped_under_the_figures():
    rows, out = _pk(ALIGNED)
    assert rows == [
        ("Meningkatnya koperasi sehat", "Persentase Koperasi Sehat", "35", "32,57", "93,06", "Baik", "6"),
        ("Menurunnya pengangguran", "Tingkat Pengangguran Terbuka", "4,6", "5,06", "90,00", "Baik", "8"),
    ]
    ind = out.rows["indicators"]
    assert ind[0]["sasaran_line"] == "6-7" and ind[0]["unit"] == "%"
    assert [i["polarity"] for i in ind] == ["higher", "lower"]
    assert out.rows["indicator_results"][0]["source_table"] == "Tabel 3.1"


TABS = ("Tabel 2\tPengukuran Kinerja\n"
        "NO\tSASARAN\tINDIKATOR KINERJA\tTARGET\tREALISASI\t%\n"
        "1.\tMeningkatnya UMKM naik kelas\tJumlah UMKM Naik Kelas\t500 UMKM\t526 UMKM\t105,2\n"
        "2.\tMeningkatnya akuntabilitas\tNilai SAKIP\tA (85)\tBB (78,5)\t92,35 persen\n")


def test_tab_separated_cells_with_units_and_grades():
    rows, out = _pk(TABS)
    assert rows == [
        ("Meningkatnya UMKM naik kelas", "Jumlah UMKM Naik Kelas", "500 UMKM", "526 UMKM", "105,2", "", "3"),
        ("Meningkatnya akuntabilitas", "Nilai SAKIP", "A (85)", "BB (78,5)", "92,35 persen", "", "4"),
    ]
    res = out.rows["indicator_results"]
    assert (res[0]["target"], res[0]["realisasi"], res[0]["capaian_reported"]) == ("500", "526", "105.2")
    assert (res[1]["target"], res[1]["target_grade"], res[1]["realisasi_grade"]) == ("85", "A", "BB")
    assert out.rows["indicators"][1]["formula_variant"] == "grade"


ONE_CELL_PER_LINE = """Tabel 3.1.1
Perbandingan Target dan Realisasi Kinerja Tahun 2024

No Sasaran Strategis Indikator Kinerja Target Realisasi

Capaian

%

Kategori

1 Meningkatnya Daya Saing

usaha mikro

Jumlah Usaha Mikro

Binaan yang Tumbuh

12

UMKM

10

UMKM

83,33% Baik

2 Meningkatnya koperasi aktif

Persentase Koperasi Aktif

40% 44% 110% Sangat Baik

"""


def test_one_cell_per_line_with_wrapped_names_and_units_on_their_own_line():
    rows, out = _pk(ONE_CELL_PER_LINE)
    assert rows == [
        ("Meningkatnya Daya Saing usaha mikro", "Jumlah Usaha Mikro Binaan yang Tumbuh", "12 UMKM", "10 UMKM",
         "83,33%", "Baik", "28"),
        ("Meningkatnya koperasi aktif", "Persentase Koperasi Aktif", "40%", "44%", "110%", "Sangat Baik", "34"),
    ]
    res, ind = out.rows["indicator_results"][0], out.rows["indicators"][0]
    assert (res["target_line"], res["realisasi_line"]) == ("20-22", "24-26")
    assert (ind["sasaran_line"], ind["indicator_line"]) == ("12-14", "16-18")


PAGE_BREAK = """Tabel 3.2 Capaian Indikator Kinerja Utama

No  Sasaran                      Indikator                      Target    Realisasi    Capaian
1   Meningkatnya koperasi        Persentase Koperasi Sehat      35%       32,57%       93,06%
2   Meningkatnya UMKM            Jumlah UMKM Naik Kelas         500       526          105,20%

                                         14
LAPORAN KINERJA DINAS KOPERASI KABUPATEN CONTOH 2024

No  Sasaran                      Indikator                      Target    Realisasi    Capaian
3   Menurunnya pengangguran      Tingkat Pengangguran Terbuka   4,6%      5,06%        90,00%

Penjelasan setiap sasaran diuraikan sebagai berikut.
""" + "\n" * 40 + """                                         15
LAPORAN KINERJA DINAS KOPERASI KABUPATEN CONTOH 2024
""" + "\nLAPORAN KINERJA DINAS KOPERASI KABUPATEN CONTOH 2024\n"


def test_page_break_inside_a_table_and_a_repeated_header():
    rows, _ = _pk(PAGE_BREAK)
    assert [(r[1], r[2], r[3], r[4], r[6]) for r in rows] == [
        ("Persentase Koperasi Sehat", "35%", "32,57%", "93,06%", "4"),
        ("Jumlah UMKM Naik Kelas", "500", "526", "105,20%", "5"),
        ("Tingkat Pengangguran Terbuka", "4,6%", "5,06%", "90,00%", "11"),
    ]


BUDGET = """Tabel 3.5 Realisasi Anggaran per Program Tahun 2024

No   Program / Kegiatan                                   Pagu (Rp)          Realisasi (Rp)     %
1    PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH         Rp.  1.200.000.000   Rp. 1.100.000.000   91,67
     Administrasi Keuangan Perangkat Daerah               Rp.  1.000.000.000   Rp.   950.000.000   95,00
2    PROGRAM PEMBERDAYAAN USAHA MIKRO                     Rp.    300.000.000   Rp.   240.000.000   80,00
     Pemberdayaan Usaha Mikro melalui Pendataan           Rp.    300.000.000   Rp.   240.000.000   80,00
     JUMLAH                                               Rp.  1.500.000.000   Rp. 1.340.000.000   89,33
"""


def test_budget_programs_and_total_with_rp_in_its_own_cell():
    out = propose(BUDGET, 2024)
    rows = [(r["level"], r["name"], r["pagu_printed"], r["realisasi_printed"], r["pct_reported_printed"],
             r["source_line"], r["canonical"]) for r in out.rows["budget"]]
    assert rows == [
        ("program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Rp. 1.200.000.000", "Rp. 1.100.000.000", "91,67",
         "4", "true"),
        ("program", "PROGRAM PEMBERDAYAAN USAHA MIKRO", "Rp. 300.000.000", "Rp. 240.000.000", "80,00", "6", "true"),
        ("total", "JUMLAH", "Rp. 1.500.000.000", "Rp. 1.340.000.000", "89,33", "8", "true"),
    ]
    assert out.rows["budget"][0]["pagu"] == "1200000000" and out.rows["budget"][2]["pct_reported"] == "89.33"
    assert out.rows["budget"][0]["parent_id"] == "total"


def test_what_is_not_found_is_said():
    out = propose("Laporan tanpa tabel.\n", 2024)
    assert out.rows["indicator_results"] == [] and out.rows["budget"] == []
    assert any("PK capaian table" in m for m in out.missing) and any("budget table" in m for m in out.missing)
    assert any("head" in m for m in out.missing)


SIGNATURE = """KATA PENGANTAR
Laporan ini disusun berdasarkan Rencana Strategis (Renstra) Tahun 2021 - 2026.

Kota Contoh, 15 Februari 2025
Kepala Dinas Koperasi dan UKM Kota Contoh

Drs. BUDI SANTOSO, M.Si
Pembina Utama Muda
NIP. 19700101 199003 1 001
"""


def test_meta_from_the_signature_block():
    out = propose(SIGNATURE, 2024)
    meta = {r["key"]: (r["printed"], r["value"], r["source_line"]) for r in out.rows["meta"]}
    assert meta == {
        "head": ("Drs. BUDI SANTOSO, M.Si", "Drs. BUDI SANTOSO, M.Si", "7"),
        "head_title": ("Kepala Dinas Koperasi dan UKM Kota Contoh", "Kepala Dinas Koperasi dan UKM Kota Contoh", "5"),
        "report_place": ("Kota Contoh", "Kota Contoh", "4"),
        "report_date": ("15 Februari 2025", "2025-02-15", "4"),
        "renstra_period": ("Tahun 2021 - 2026", "2021-2026", "2"),
    }


def test_extract_keeps_confirmed_rows_and_replaces_its_own_proposals(tmp_path, root):
    import shutil

    import lkjpy
    from lkjpy.extract import extract
    from lkjpy.scaffold import new_agency

    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    report = tmp_path / "report.txt"
    report.write_text(TABS, encoding="utf-8")
    new_agency("kota-tab", report, "Dinas Koperasi Kota Tab", "Cooperatives Agency of Tab City", "kota", "Kota Tab",
               "Provinsi Contoh", 2024, root=data)
    confirmed = ("indicator_id,sasaran,indicator,indicator_en,unit,polarity,theme,formula_variant,source_table,"
                 "source_line,review\nK1,Meningkatnya akuntabilitas,Nilai SAKIP,SAKIP score,grade,higher,governance,"
                 "grade,Tabel 2,4,confirmed\n")
    (data / "kota-tab" / "indicators.csv").write_text(confirmed, encoding="utf-8")
    (data / "kota-tab" / "indicator_results.csv").write_text(
        "indicator_id,year,basis,target_printed,target,target_grade,canonical,source_table,source_line,review\n"
        "K1,2024,annual,A (85),85,A,true,Tabel 2,4,\n", encoding="utf-8")
    for _ in range(2):  # a second run replaces the first run's proposals
        extract("kota-tab", root=data)
    lines = (data / "kota-tab" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("K1,") and lines[1].endswith(",confirmed")
    assert [line.split(",")[0] for line in lines[1:]] == ["K1", "P1"]  # Nilai SAKIP is not proposed again
    agency = lkjpy.load_agency("kota-tab", root=data)
    assert list(agency.table("indicators")["review"]) == ["confirmed", "proposed"]
    assert list(agency.table("indicator_results")["review"]) == ["", "proposed"]


STAGED = """Tabel 2.5 Anggaran Sebelum dan Setelah Perubahan

No
Program / Kegiatan
Sebelum Perubahan   Setelah Perubahan
K   Rp   K   Rp
URUSAN PEMERINTAHAN BIDANG KOPERASI   500.000.000   450.000.000
I
PROGRAM PENGAWASAN
KOPERASI
80%   200.000.000   80%   150.000.000
1 Pemeriksaan Koperasi Simpan Pinjam 100% 200.000.000 100% 150.000.000
II PROGRAM PENGEMBANGAN UMKM 75% 300.000.000 70% 300.000.000
"""


def test_budget_before_and_after_the_revision_with_roman_numbered_programs():
    out = propose(STAGED, 2024)
    rows = [(r["name"], r["stage"], r["output_target"], r["pagu_printed"], r["source_line"], r.get("name_line", ""))
            for r in out.rows["budget"]]
    assert rows == [
        ("PROGRAM PENGAWASAN KOPERASI", "original", "80%", "200.000.000", "11", "9-10"),
        ("PROGRAM PENGAWASAN KOPERASI", "revised", "80%", "150.000.000", "11", "9-10"),
        ("PROGRAM PENGEMBANGAN UMKM", "original", "75%", "300.000.000", "13", ""),
        ("PROGRAM PENGEMBANGAN UMKM", "revised", "70%", "300.000.000", "13", ""),
    ]
    assert {r["canonical"] for r in out.rows["budget"]} == {"true"}  # one version per item and stage


RESULTS_WITHOUT_SASARAN = """Tabel 2.4 Perjanjian Kinerja 2024

| No. | Sasaran | Indikator | Target |
|-----|---|---|---------|
| 1 | Meningkatnya ekonomi kerakyatan | 1. Prosentase Pertumbuhan Modal Koperasi | 2% |
| | | 2. Jumlah Koperasi Aktif | 20 Unit |

Tabel 3.1 Realisasi Kinerja Tahun 2024

| Indikator Kinerja | Satuan | Target | Realisasi | Capaian | Kategori |
|---|---|---|---|---|---|
| 1 Persentase Pertumbuhan Modal Koperasi | % | 2 | 25,3 | 1265 | Sangat Baik |
| 2 Jumlah Koperasi Binaan | Koperasi | 20 | 20 | 100 | Sangat Baik |
"""


def test_sasaran_from_the_agreement_table_when_the_results_table_has_none():
    out = propose(RESULTS_WITHOUT_SASARAN, 2024)
    ind = out.rows["indicators"]
    assert [(i["indicator"], i["sasaran"], i.get("sasaran_line"), i["unit"]) for i in ind] == [
        ("Persentase Pertumbuhan Modal Koperasi", "Meningkatnya ekonomi kerakyatan", "5", "%"),
        ("Jumlah Koperasi Binaan", "[blank]", None, "Koperasi"),  # not in the agreement table: said so
    ]
    assert "write it from the Perjanjian Kinerja table" in ind[1]["note"]
    res = out.rows["indicator_results"]
    assert [(r["target_printed"], r["capaian_reported_printed"], r["category_reported"], r["source_line"])
            for r in res] == [("2", "1265", "Sangat Baik", "12"), ("20", "100", "Sangat Baik", "13")]
