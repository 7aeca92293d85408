"""Parsing printed figures: Indonesian numbers, grades, dashes, blanks, spreadsheet errors."""


import pytest

from lkjpy.parse import Figure, FigureError, grade_rank, parse_figure, parse_number


@pytest.mark.parametrize("text, expected", [
    ("128", 128.0),
    ("5,87", 5.87),
    ("3.645", 3645.0),
    ("28.822", 28822.0),
    ("12.151.893.026", 12151893026.0),
    ("1.234.567,89", 1234567.89),
    ("-80,29", -80.29),
    ("0", 0.0),
])
def test_indonesian_numbers(text, expected):
    assert parse_number(text) == expected


def test_english_numbers():
    assert parse_number("20,674,821,126", "en") == 20674821126.0
    assert parse_number("94.45", "en") == 94.45


@pytest.mark.parametrize("text", ["1.234,5.6", "1,2,3", "12.34.5", "abc", "1.23", ""])
def test_malformed_numbers_are_refused(text):
    with pytest.raises(FigureError):
        parse_number(text)


@pytest.mark.parametrize("text, figure", [
    ("5,87 %", Figure(value=5.87, unit="%")),
    ("4,57%", Figure(value=4.57, unit="%")),
    ("Rp. 12.151.893.026,-", Figure(value=12151893026.0, unit="Rp")),
    ("Rp 20,674,821,126", None),  # English separators without number_format=en are refused
    ("A", Figure(grade="A")),
    ("A (85)", Figure(value=85.0, grade="A")),
    ("AA (90,78)", Figure(value=90.78, grade="AA")),
    ("A (81,1%)", Figure(value=81.1, grade="A")),
    ("84,31(A)", Figure(value=84.31, grade="A")),  # score first, Pesisir Selatan line 666
    ("90,78 (AA)", Figure(value=90.78, grade="AA")),
    ("-", Figure(status="dash")),
    ("[blank]", Figure(status="blank")),
    ("#DIV/0!", Figure(status="spreadsheet_error")),
    ("#VALUE!", Figure(status="spreadsheet_error")),
    ("", Figure(status="absent")),
    ("214 unit", Figure(value=214.0, unit="unit")),
])
def test_parse_figure(text, figure):
    if figure is None:
        with pytest.raises(FigureError):
            parse_figure(text)
    else:
        assert parse_figure(text) == figure


def test_english_rupiah_with_format():
    assert parse_figure("Rp 20,674,821,126", "en").value == 20674821126.0


def test_missing_figures_have_no_value_never_zero():
    for text in ("-", "[blank]", "#DIV/0!", ""):
        fig = parse_figure(text)
        assert fig.value is None and fig.missing


def test_grade_rank_orders_best_first():
    assert [grade_rank(g) for g in ("AA", "A", "BB", "B", "CC", "C", "D")] == list(range(7))
    with pytest.raises(FigureError):
        grade_rank("E")
