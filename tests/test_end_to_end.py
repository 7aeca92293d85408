"""From a published PDF to a built chapter, as a researcher does it, in a temporary copy of a
small built book (one agency): new-agency (the PDF), extract (proposals), confirm (a person sets
review to confirmed and writes a gloss), build; the chapter shows the figures as printed and the
comparison lists it."""

from __future__ import annotations

import csv

from pdfs import write_pdf
from projects import lkjpy_cli

NAME = "Dinas Koperasi dan UKM Kota Contoh"
PAGES = [
    [["LAPORAN KINERJA DINAS KOPERASI DAN UKM KOTA CONTOH TAHUN 2024"], [""],
     ["Tabel 3.1 Capaian Kinerja Tahun 2024"], [""],
     ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
     ["1", "Meningkatnya koperasi", "Persentase Koperasi Sehat", "35%", "32,57%", "93,06"],
     ["2", "Meningkatnya UMKM", "Jumlah UMKM Naik Kelas", "500", "526", "105,20"], [""],
     ["Capaian kinerja di atas diuraikan pada bagian berikut ini."]],
    [["Tabel 3.5 Realisasi Anggaran per Program Tahun 2024"], [""],
     ["No", "Program", "Pagu (Rp)", "Realisasi (Rp)", "%"],
     ["1", "Program Koperasi", "1.200.000.000", "1.100.000.000", "91,67"],
     ["2", "Program UMKM", "300.000.000", "240.000.000", "80,00"],
     ["", "JUMLAH", "1.500.000.000", "1.340.000.000", "89,33"]],
]


def _confirm(path, glosses=None):
    """What the person does after checking each proposed row against the source."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["review"] = "confirmed"
        if glosses and row.get("indicator") in glosses:
            row["indicator_en"] = glosses[row["indicator"]]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_pdf_to_chapter(tmp_path, built_copy):
    root = built_copy
    pdf = write_pdf(tmp_path / "lkj-kota-contoh-2024.pdf", PAGES)
    result = lkjpy_cli(root, "new-agency", "kota-contoh", "--source", str(pdf), "--url",
                       "https://example.org/lkj-kota-contoh-2024.pdf", "--name", NAME, "--name-en",
                       "Cooperatives and SMEs Agency of Contoh City", "--level", "kota", "--region", "Kota Contoh",
                       "--province", "Sumatera Contoh", "--year", "2024")
    assert result.returncode == 0, result.stdout + result.stderr

    result = lkjpy_cli(root, "extract", "kota-contoh")
    assert result.returncode == 0, result.stdout + result.stderr  # the proposals validate as they are
    assert "2 indicators" in result.stdout and "2 programs, total 1.500.000.000" in result.stdout
    folder = root / "data" / "kota-contoh"
    results = list(csv.DictReader((folder / "indicator_results.csv").open(encoding="utf-8")))
    assert [(r["target_printed"], r["realisasi_printed"], r["capaian_reported_printed"], r["review"])
            for r in results] == [("35%", "32,57%", "93,06", "proposed"), ("500", "526", "105,20", "proposed")]
    source = (root / "data" / "sources" / "kota-contoh.txt").read_text(encoding="utf-8").split("\n")
    assert "Persentase Koperasi Sehat" in source[int(results[0]["source_line"]) - 1]

    _confirm(folder / "indicators.csv", {"Persentase Koperasi Sehat": "Share of healthy cooperatives",
                                          "Jumlah UMKM Naik Kelas": "MSMEs moving up a class"})
    for name in ("indicator_results", "budget", "meta"):
        _confirm(folder / f"{name}.csv")
    assert lkjpy_cli(root, "validate", "kota-contoh").returncode == 0

    result = lkjpy_cli(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "_build" / "html" / "book"
    chapter = (site / "agencies" / "kota-contoh" / "agency.html").read_text(encoding="utf-8")
    for text in (NAME, "Persentase Koperasi Sehat", "Share of healthy cooperatives", "32,57%", "93,06",
                 "Program Koperasi", "1.100.000.000"):
        assert text in chapter, text
    assert "unconfirmed" not in chapter
    # coverage: the minimal profile; what is not curated is left out (no history chart), and said
    assert "This report is curated for the profile" in chapter
    assert chapter.count(">Not curated for this report") == 2  # history and efficiency, as rendered text
    assert chapter.count("<figure") == 2  # capaian and budget; no empty history chart
    comparison = (site / "pages" / "comparison.html").read_text(encoding="utf-8")
    assert NAME in comparison
