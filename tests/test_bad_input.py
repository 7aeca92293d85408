"""Bad input of every class listed in data/README.md ("What validation refuses"): each is refused
with a message naming file, row and column, never a traceback, and nothing is read halfway."""

from __future__ import annotations

import shutil

import pytest

import lkjpy
from lkjpy.pages import read_outputs
from lkjpy.registry import read_registry, sha256_of
from lkjpy.text import split_lines

AGENCY = "kalimantan-barat"


@pytest.fixture
def data(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path / "data"


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(data, agency_id=AGENCY):
    with pytest.raises(lkjpy.DataError) as err:
        lkjpy.load_agency(agency_id, root=data)
    return str(err.value)


def _registry_problems(data):
    with pytest.raises(lkjpy.DataError) as err:
        read_registry(data)
    return str(err.value)


# --- characters a text field must not carry ------------------------------------------------

BAD_CHARACTERS = {
    "NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "DEL": "\x7f", "line feed": "\n", "NEL": "\x85",
    "right-to-left override": "\u202e", "left-to-right embedding": "\u202a", "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069", "zero-width space": "\u200b", "zero-width joiner": "\u200d",
    "word joiner": "\u2060", "byte-order mark inside": "\ufeff", "line separator": "\u2028",
    "right-to-left mark": "\u200f", "soft hyphen": "\u00ad", "tag letter A": "\U000e0041", "carriage return": "\r",
}


@pytest.mark.parametrize("char", BAD_CHARACTERS.values(), ids=BAD_CHARACTERS.keys())
def test_a_control_or_invisible_character_in_a_cell_is_refused(data, char):
    _edit(data / AGENCY / "indicators.csv", ",Prosentase Koperasi Berkualitas,", f',"Prosentase {char}Koperasi Berkualitas",')
    text = _problems(data)
    assert "indicators.csv, row 1, column 'indicator': cell holds " in text
    assert f"U+{ord(char):04X} " in text and "at character 12" in text


def test_a_tab_inside_a_cell_is_kept(data):
    _edit(data / AGENCY / "indicators.csv", "Prosentase Koperasi Berkualitas", "Prosentase Koperasi\tBerkualitas")
    lkjpy.load_agency(AGENCY, root=data)


@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\u200b"], ids=["ESC", "RLO", "ZWSP"])
def test_a_control_or_invisible_character_in_the_registry_is_refused(data, char):
    _edit(data / "agencies.yml", "name: Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat",
          f'name: "Dinas Koperasi, Usaha Kecil dan Menengah Provinsi \\u{ord(char):04x}Kalimantan Barat"')
    text = _registry_problems(data)
    assert "agencies.yml, row 4, column 'name': holds " in text and f"U+{ord(char):04X}" in text


# --- duplicate names ------------------------------------------------------------------------

def test_a_duplicate_csv_header_is_refused(data):
    path = data / AGENCY / "staff.csv"
    _edit(path, "dimension,category,subcategory,is_total,", "dimension,category,category,is_total,")
    assert "staff.csv, column 'category': column name appears twice in the header (positions 2 and 3)" \
        in _problems(data)


def test_a_key_twice_in_a_registry_entry_is_refused(data):
    _edit(data / "agencies.yml", "    year: 2024\n", "    year: 2024\n    year: 2023\n")
    text = _registry_problems(data)
    assert "agencies.yml, row 1, column 'year': key 'year' is given twice" in text


def test_agencies_twice_in_the_registry_is_refused(data):
    path = data / "agencies.yml"
    path.write_text(path.read_text(encoding="utf-8") + "agencies: []\n", encoding="utf-8")
    assert "column 'agencies': key 'agencies' is given twice" in _registry_problems(data)


# --- whole strings --------------------------------------------------------------------------

@pytest.mark.parametrize("field, old, new", [
    ("id", "id: kalimantan-barat", 'id: "kalimantan-barat\\n"'),
    ("source", "source: sources/kalimantan-barat.txt", 'source: "sources/kalimantan-barat.txt\\n"'),
])
def test_a_final_line_end_in_an_id_or_source_is_refused(data, field, old, new):
    _edit(data / "agencies.yml", old, new)
    assert f"agencies.yml, row 4, column '{field}'" in _registry_problems(data)


def test_a_final_line_end_in_a_sha256_is_refused(data):
    sha = sha256_of(data / "sources" / f"{AGENCY}.txt")
    _edit(data / "agencies.yml", f"sha256: {sha}", f'sha256: "{sha}\\n"')
    assert "agencies.yml, row 4, column 'sha256': sha256 must be 64 lower-case hex digits" in _registry_problems(data)


def test_an_id_with_a_final_line_end_is_not_a_valid_id(data):
    with pytest.raises(lkjpy.DataError, match="not a valid agency id"):
        lkjpy.load_agency("kalimantan-barat\n", root=data)


# --- a printed figure stands whole on its line -----------------------------------------------

@pytest.mark.parametrize("old, new, column, printed", [
    ('annual,"4,57 %",4.57,,"5,87 %"', 'annual,"57 %",57,,"5,87 %"', "target_printed", "'57 %'"),  # line 457 prints 4,57 %
    (",128,128,", ",12,12,", "capaian_reported_printed", "'12'"),  # line 457 prints 128
])
def test_a_fragment_of_a_printed_figure_is_refused(data, old, new, column, printed):
    _edit(data / AGENCY / "indicator_results.csv", old, new)
    text = _problems(data)
    assert f"indicator_results.csv, row 2, column '{column}': {printed} does not stand on source line 457" in text
    assert "as a whole figure" in text


# --- meta facts with a number or a grade -------------------------------------------------------

@pytest.mark.parametrize("old, new, message", [
    ("staff_total,sebanyak 50 orang,50,", "staff_total,sebanyak 50 orang,51,",
     "is 51 but the printed text 'sebanyak 50 orang' states 50"),
    ("staff_total,sebanyak 50 orang,50,", "staff_total,sebanyak 50 orang,fifty,", "'fifty' is not a plain number"),
    ('akip_score,"81,1%",81.1,', 'akip_score,"81,1%",81.5,', "is 81.5 but the printed text '81,1%' states 81.1"),
    ('akip_grade,"A (81,1%)",A,', 'akip_grade,"A (81,1%)",AA,', "is 'AA' but the printed text 'A (81,1%)' states 'A'"),
])
def test_a_meta_fact_must_say_what_its_printed_text_states(data, old, new, message):
    _edit(data / AGENCY / "meta.csv", old, new)
    assert "meta.csv, row " in _problems(data) and f"column 'value': {message}" in _problems(data)


# --- line numbers ------------------------------------------------------------------------------

def test_lines_end_only_at_a_line_feed():
    text = "Tabel 1\x0cHalaman 2\nb\u2028c\x1cd\x85e\r\nlast\n"
    assert split_lines(text) == ["Tabel 1\x0cHalaman 2", "b\u2028c\x1cd\x85e", "last"]
    assert split_lines("a\n\nb") == ["a", "", "b"]
    assert split_lines("") == []


def test_a_form_feed_inside_a_line_shifts_no_citation(data):
    source = data / "sources" / f"{AGENCY}.txt"
    old_sha = sha256_of(source)
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[9] = lines[9] + "\x0c"  # a converter's page break at the end of line 10
    lines[19] = lines[19] + " \u2028 "  # a Unicode line separator inside line 20
    source.write_text("\n".join(lines), encoding="utf-8")
    _edit(data / "agencies.yml", old_sha, sha256_of(source))
    agency = lkjpy.load_agency(AGENCY, root=data)
    assert agency.line(457).startswith("1.\tMeningkatnya Kualitas Koperasi")


# --- sizes --------------------------------------------------------------------------------------

def test_a_huge_line_number_is_a_located_error(data):
    _edit(data / AGENCY / "indicator_results.csv", ",Realisasi capaian kinerja tahun 2024,457,",
          f",Realisasi capaian kinerja tahun 2024,{10**30},")
    assert "indicator_results.csv, row 2, column 'source_line': a number of 31 digits is too large here" \
        in _problems(data)


def test_a_huge_whole_number_is_a_located_error(data):
    _edit(data / AGENCY / "rating_scales.csv", "program-serapan,program,1,", f"program-serapan,program,{10**30},")
    assert "rating_scales.csv, row 1, column 'band': a number of 31 digits is too large here" in _problems(data)


def test_a_huge_year_in_the_registry_is_a_located_error(data):
    _edit(data / "agencies.yml", "year: 2024", "year: 1" + "0" * 5000)
    assert "agencies.yml" in _registry_problems(data)


def test_an_over_long_cell_is_a_located_error(data):
    _edit(data / AGENCY / "indicators.csv", "Prosentase Koperasi Berkualitas", "x" * 200_000)
    assert "indicators.csv, row 1, column 'indicator': cell has 200000 characters; the limit is 10000" \
        in _problems(data)


def test_an_over_long_registry_field_is_a_located_error(data):
    _edit(data / "agencies.yml", "region: Provinsi Kalimantan Barat", "region: " + "x" * 20_000)
    assert "agencies.yml, row 4, column 'region': has 20000 characters; the limit is 10000" in _registry_problems(data)


# --- units ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["persen", "‰", "Persen", "rupiah"])
def test_a_share_or_money_unit_in_a_count_column_is_refused(data, unit):
    _edit(data / AGENCY / "staff.csv", "education,S.2,Jumlah Personil,false,9,9,", f"education,S.2,Jumlah Personil,false,9 {unit},9,")
    assert f"staff.csv, row 1, column 'count_printed': '9 {unit}' carries the unit" in _problems(data)


# --- cross-agency pages read printed figures as text ------------------------------------------------

def test_outputs_keep_printed_figures_as_text(tmp_path):
    folder = tmp_path / "x" / "outputs"
    folder.mkdir(parents=True)
    (folder / "indicators.csv").write_text(
        "agency_id,indicator_id,target_printed,realisasi_printed,capaian_reported,capaian_standard,target_met\n"
        "x,K1,1.350,2,148.15,148.148,True\n"
        "x,K2,\"0,50\",-,,,\n", encoding="utf-8")
    (folder / "audit.csv").write_text("agency_id,check,reported,recomputed,severity\nx,total,1.350,1350,error\n",
                                      encoding="utf-8")
    frame = read_outputs("indicators", ["x"], tmp_path)
    assert list(frame["target_printed"]) == ["1.350", "0,50"]
    assert list(frame["realisasi_printed"]) == ["2", "-"]
    assert frame["capaian_standard"].iloc[0] == 148.148 and frame["capaian_standard"].isna().iloc[1]
    assert frame["target_met"].iloc[0] == True and frame["target_met"].isna().iloc[1]  # noqa: E712
    audit = read_outputs("audit", ["x"], tmp_path)
    assert audit["reported"].iloc[0] == "1.350"


def test_a_control_character_in_a_nested_registry_field_is_refused(data):
    _edit(data / "agencies.yml", "    year: 2024\n", '    year: 2024\n    origin:\n      url: "https://x/\\e"\n')
    assert "agencies.yml, row 1, column 'origin.url': holds a control character U+001B" in _registry_problems(data)


@pytest.mark.parametrize("text, line, whole", [
    ("57 %", "Prosentase 4,57 % 5,87 %", False),
    ("12", "5,87 % 128", False),
    ("12", "target 12,5 %", False),
    ("350", "sebanyak 1.350 unit", False),
    ("5", "pertumbuhan -5 %", False),
    ("A (85)", "AA (85)", False),
    ("4,57 %", "Prosentase 4,57 % 5,87 %", True),
    ("128", "5,87 % 128", True),
    ("2024", "Renstra 2020-2024", True),
    ("12", "ada 12. Lalu", True),
    ("50", "sebanyak 50orang", True),
    ("12", "128 dan 12", True),  # the second occurrence stands whole
])
def test_a_figure_stands_whole_or_not(text, line, whole):
    from lkjpy.tables import stands_whole

    assert stands_whole(text, line, figure=True) is whole
    assert stands_whole(text, line, figure=False) is True  # names and labels: text anywhere on the line
