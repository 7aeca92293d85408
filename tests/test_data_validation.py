"""Validation of the curated data: all agencies valid; bad input named by file, row, column."""

import shutil

import pytest

import lkjpy
from lkjpy.schema import markdown_reference


@pytest.mark.parametrize("agency_id", lkjpy.agencies())
def test_agency_data_is_valid(agency_id):
    lkjpy.load_agency(agency_id)


def test_data_readme_reference_is_current(root):
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- schema:start -->\n", 1)[1].split("<!-- schema:end -->", 1)[0]
    assert block.strip() == markdown_reference().strip(), "run: python -m lkjpy schema"


@pytest.fixture
def data_copy(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path / "data"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data_copy, agency_id="kalimantan-barat"):
    with pytest.raises(lkjpy.DataError) as err:
        lkjpy.load_agency(agency_id, root=data_copy)
    return str(err.value)


def test_parsed_value_must_follow_the_printed_text(data_copy):
    _edit(data_copy / "kalimantan-barat" / "indicator_results.csv", '"5,87 %",5.87,,128,128', '"5,87 %",5.78,,128,128')
    assert "indicator_results.csv, row 2, column 'realisasi': is 5.78 but the printed text '5,87 %' reads 5.87" \
        in _problems(data_copy)


def test_unknown_polarity_is_named(data_copy):
    _edit(data_copy / "kalimantan-barat" / "indicators.csv", ",%,higher,cooperatives,", ",%,upward,cooperatives,")
    assert "indicators.csv, row 1, column 'polarity': 'upward' is not one of higher, lower" in _problems(data_copy)


def test_duplicate_indicator_id_is_named(data_copy):
    _edit(data_copy / "kalimantan-barat" / "indicators.csv", "\nK2,", "\nK1,")
    text = _problems(data_copy)
    assert "indicators.csv, row 2, column 'indicator_id': duplicates row 1" in text


def test_results_and_definitions_must_match(data_copy):
    _edit(data_copy / "kalimantan-barat" / "indicators.csv", "\nK3,", "\nK4,")
    text = _problems(data_copy)
    assert "indicator_results.csv, row 25, column 'indicator_id': indicator 'K3' is not in indicators.csv" in text
    assert "indicators.csv, row 3, column 'indicator_id': indicator 'K4' has no canonical annual result for 2024" in text


def test_two_canonical_versions_are_refused(data_copy):
    path = data_copy / "kalimantan-barat" / "indicator_results.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert ",469," in lines[3]
    lines[3] = lines[3].replace(",false,,", ",true,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "2 rows are marked canonical for (indicator_id, year, basis) = ('K1', 2024, 'annual')" in _problems(data_copy)


def test_bom_and_non_utf8_are_clear_errors(data_copy):
    path = data_copy / "kalimantan-barat" / "indicators.csv"
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    assert "byte-order mark" in _problems(data_copy)
    path.write_bytes(raw.replace(b"Prosentase", "Prosentas\xe9".encode("latin-1"), 1))
    assert "not UTF-8 text: byte 0xe9 on line 2" in _problems(data_copy)


def _write_table(data_copy, name, header, row):
    path = data_copy / "kalimantan-barat" / f"{name}.csv"
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    return path


STAFF = "dimension,category,count_printed,count,is_total,source_table,source_line"


@pytest.mark.parametrize("row, message", [
    # a percent sign in a count column (line 203 prints "9" for S.2)
    ('education,S.2,9 %,9,false,Tabel SDA,203', "carries the unit '%' in a count column"),
    # mixed separators
    ('education,S.2,"1.234,5.6",,false,Tabel SDA,203', "mixes separators"),
    # a spreadsheet error written into the parsed column
    ('education,S.2,9,#DIV/0!,false,Tabel SDA,203', "expected a plain number"),
    # a required value left empty
    (',S.2,9,9,false,Tabel SDA,203', "column 'dimension': a value is required here"),
    # a boolean that is not one
    ('education,S.2,9,9,maybe,Tabel SDA,203', "expected true or false"),
    # a line number that is not one
    ('education,S.2,9,9,false,Tabel SDA,L203', "expected a whole number"),
    # a field far too long
    ('education,' + "x" * 10_001 + ',9,9,false,Tabel SDA,203', "the limit is 10000"),
])
def test_bad_cells_are_named(data_copy, row, message):
    _write_table(data_copy, "staff", STAFF, row)
    text = _problems(data_copy)
    assert "staff.csv, row 1" in text and message in text


def test_stray_unit_in_an_amount_column(data_copy):
    _write_table(data_copy, "budget", "item_id,level,name,stage,year,pagu_printed,pagu,canonical,source_table,source_line",
                 'total,total,TOTAL,final,2024,"12.151.893.026 kg",12151893026,true,Tabel X,659')
    assert "carries the unit 'kg' in an amount column (expected 'Rp')" in _problems(data_copy)


def test_implausible_year(data_copy):
    _edit(data_copy / "kalimantan-barat" / "indicator_results.csv", "\nK1,2022,", "\nK1,1024,")
    assert "year 1024 is outside 2000-2100" in _problems(data_copy)


def test_unknown_column_and_ragged_row(data_copy):
    _write_table(data_copy, "staff", STAFF + ",colour", "education,S.2,9,9,false,Tabel SDA,203,red")
    assert "column 'colour': unknown column for a staff table" in _problems(data_copy)
    _write_table(data_copy, "staff", STAFF, "education,S.2,9,9,false,Tabel SDA")
    assert "row 1: has 6 cells, the header has 7" in _problems(data_copy)


@pytest.mark.parametrize("bad", ["../x", "/etc", "a b", "x/../../y"])
def test_agency_ids_with_path_characters_are_refused(bad):
    with pytest.raises(lkjpy.DataError, match="not a valid agency id"):
        lkjpy.load_agency(bad)


def test_a_malformed_printed_figure_is_kept_and_must_be_declared(data_copy):
    # Sumatera Selatan line 1004 prints "96,06.%" (a stray dot): kept verbatim, declared malformed
    path = data_copy / "sumatera-selatan" / "budget.csv"
    _edit(path, '"96,06.%",,', '"96,06.%",96.06,')
    assert "budget.csv, row 50, column 'pct_reported': must stay empty: the printed text '96,06.%' is declared malformed" \
        in _problems(data_copy, "sumatera-selatan")


def test_malformed_cannot_hide_a_figure_that_reads(data_copy):
    path = data_copy / "sumatera-selatan" / "budget.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if '"96,06.%"' in line)
    path.write_text(text.replace(row, row.replace('"96,06.%",,', '"96,06%",,')), encoding="utf-8")
    problems = _problems(data_copy, "sumatera-selatan")
    assert "column 'malformed': names 'pct_reported' but its printed text '96,06%' reads as a figure" in problems
