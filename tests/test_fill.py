"""fill: each figure typed once; its parsed value derived and its line found."""

from __future__ import annotations

import shutil

import pytest

import lkjpy
from lkjpy.fill import derive_row, fill, find_line
from lkjpy.schema import TABLES

LINES = ["Tabel 3.1", "1  Koperasi sehat  35%  32,57 %  93,06", "2  UMKM naik kelas  500  526  105,2",
         "Tabel 3.2", "1  Koperasi sehat  35%  32,57 %  93,06", "Total anggaran 4,57 % dan 128"]


def test_parsed_values_follow_the_printed_text():
    row = derive_row(TABLES["indicator_results"], {
        "target_printed": "A (85)", "realisasi_printed": "32,57 persen", "capaian_reported_printed": "96,06.%",
        "numerator_printed": "", "target": "", "realisasi": "1"})
    assert (row["target"], row["target_grade"], row["realisasi"]) == ("85", "A", "32.57")
    assert row["capaian_reported"] == "" and row["malformed"] == "capaian_reported"
    budget = derive_row(TABLES["budget"], {"pagu_printed": "Rp. 12.151.893.026,-", "pct_reported_printed": "94,45"})
    assert (budget["pagu"], budget["pct_reported"]) == ("12151893026", "94.45")


def test_the_unique_line_holding_a_whole_figure():
    assert find_line("526", LINES) == 3
    assert find_line("4,57 %", LINES) == 6
    with pytest.raises(ValueError, match="'57 %' stands on no line of the source as a whole figure"):
        find_line("57 %", LINES)  # printed only inside 4,57 % and 32,57 %
    with pytest.raises(ValueError, match="'12' stands on no line"):
        find_line("12", LINES)  # only inside 128


def test_several_candidates_are_an_error_listing_them_unless_the_table_tells():
    with pytest.raises(ValueError, match=r"'32,57 %' stands on 2 lines \(2, 5\)"):
        find_line("32,57 %", LINES)
    assert find_line("32,57 %", LINES, span=(4, 5)) == 5


def test_fill_writes_parsed_values_and_lines(tmp_path, root):
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    text = (data / "sources" / "kalimantan-barat.txt").read_text(encoding="utf-8").split("\n")
    assert "4,57 %" in text[456] and "5,87 %" in text[456]  # line 457, from the source
    path = data / "kalimantan-barat" / "indicator_results.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace('"4,57 %",4.57,', '"4,57 %",,').replace('"5,87 %",5.87,', '"5,87 %",,')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(lkjpy.DataError):
        lkjpy.load_agency("kalimantan-barat", root=data)
    assert path in fill("kalimantan-barat", root=data)
    assert path.read_text(encoding="utf-8").splitlines()[2] == (
        (root / "data" / "kalimantan-barat" / "indicator_results.csv").read_text(encoding="utf-8").splitlines()[2])
    lkjpy.load_agency("kalimantan-barat", root=data)


def test_fill_finds_a_missing_row_line_within_its_table(tmp_path, root):
    import csv

    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    path = data / "kalimantan-barat" / "budget.csv"
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns, rows = reader.fieldnames, list(reader)
    # The total 20.674.821.126 stands as a whole figure on lines 266, 645 and 659 of the source;
    # the row's table (ANGGARAN DAN REALISASI ...) covers lines 651-659: line 659.
    k = next(i for i, r in enumerate(rows) if r["pagu_printed"] == "20.674.821.126" and r["source_line"] == "659")
    rows[k]["source_line"] = ""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ValueError, match=r"stands on 3 lines \(266, 645, 659\)"):
        find_line("20.674.821.126", (data / "sources" / "kalimantan-barat.txt").read_text(encoding="utf-8").split("\n"))
    fill("kalimantan-barat", root=data)
    with path.open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f))[k]["source_line"] == "659"
    lkjpy.load_agency("kalimantan-barat", root=data)
