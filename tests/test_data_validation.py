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
    path.write_bytes(raw.replace("Prosentase".encode(), "Prosentas\xe9".encode("latin-1"), 1))
    assert "not UTF-8 text: byte 0xe9 on line 2" in _problems(data_copy)
