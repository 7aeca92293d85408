"""Formatting of computed numbers in the book-wide locale (values written by hand)."""

import math

import pytest

from lkjpy import fmt


def test_english_is_the_default():
    assert fmt.book_locale() == "en"
    assert fmt.number(1234567.891, 2) == "1,234,567.89"
    assert fmt.percent(93.056) == "93.06%"
    assert fmt.rupiah(20674821126) == "Rp 20,674,821,126"


def test_indonesian_separators(monkeypatch):
    monkeypatch.setattr(fmt, "_BOOK_LOCALE", ["en"])
    fmt.set_locale("id")
    assert fmt.number(1234567.891, 2) == "1.234.567,89"
    assert fmt.percent(4.5, 1) == "4,5%"


def test_an_unknown_locale_is_refused(monkeypatch):
    monkeypatch.setattr(fmt, "_BOOK_LOCALE", ["en"])
    with pytest.raises(ValueError, match="locale 'fr' is not supported"):
        fmt.set_locale("fr")
    assert fmt.book_locale() == "en", "nothing changed on refusal"


def test_missing_values_show_a_dash():
    assert fmt.number(math.nan) == fmt.percent(None) == fmt.rupiah(math.nan) == "–"


def test_budget_sentence_with_realisation(monkeypatch):
    monkeypatch.setattr(fmt, "_BOOK_LOCALE", ["en"])
    # 750 of 1,000 spent: serapan 75.00%
    assert fmt.budget_sentence(1000, 750, "printed total, Tabel 3.5") == (
        "The year's budget was Rp 1,000, of which Rp 750 was spent (serapan 75.00%; printed total, Tabel 3.5).")


def test_budget_sentence_without_realisation_says_so(monkeypatch):
    monkeypatch.setattr(fmt, "_BOOK_LOCALE", ["en"])
    assert fmt.budget_sentence(4424198783, math.nan, "printed total, Tabel 1.1") == (
        "The year's budget was Rp 4,424,198,783 (printed total, Tabel 1.1); "
        "the report prints no realisation for it.")
