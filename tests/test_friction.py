"""What a curator meets: percent written as %, persen or Persen; every bad row listed; a wrong
cell count says which cells are extra or missing."""

from __future__ import annotations

import pytest

import lkjpy
from lkjpy.parse import parse_figure
from lkjpy.schema import TABLES
from lkjpy.tables import read_csv_rows, read_table


@pytest.mark.parametrize("text", ["93,06 %", "93,06%", "93,06 persen", "93,06 Persen", "93,06 PERSEN"])
def test_percent_in_any_spelling(text):
    assert parse_figure(text).value == 93.06 and parse_figure(text).unit == "%"


def test_persen_is_accepted_in_a_percent_column_and_kept_as_printed(tmp_path):
    path = tmp_path / "indicator_results.csv"
    path.write_text("indicator_id,year,basis,capaian_reported_printed,capaian_reported,canonical,source_table,"
                    "source_line\nK1,2024,annual,\"93,06 persen\",93.06,true,Tabel 3.1,1\n", encoding="utf-8")
    frame = read_table(path, TABLES["indicator_results"])
    assert frame.loc[0, "capaian_reported_printed"] == "93,06 persen" and frame.loc[0, "capaian_reported"] == 93.06


def test_every_row_with_a_wrong_cell_count_is_listed_with_what_is_extra_or_missing(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("key,printed,value,source_table,source_line\n"
                    "head,Drs. A, M.Si,Drs. A M.Si,Kata Pengantar,3\n"
                    "report_place,Kota,Kota,Kata Pengantar,2\n"
                    "report_date,Januari 2025,2025-01\n", encoding="utf-8")
    with pytest.raises(lkjpy.DataError) as err:
        read_csv_rows(path)
    problems = [str(p) for p in err.value.problems]
    assert problems == [
        f"{path}, row 1: has 6 cells, the header has 5: extra cell(s) '3' after column 'source_line' "
        "(a comma inside a cell needs quotes)",
        f"{path}, row 3: has 3 cells, the header has 5: no cell for column(s) source_table, source_line",
    ]
