"""Capaian formulas against hand computations (figures from the four reports)."""

import math

import pytest

from lkjpy.capaian import capaian, grade_met, higher_ratio, lower_inverse, lower_over_realisasi, lower_standard


def test_higher_ratio_kalimantan_barat_k1():
    # 5,87 / 4,57 x 100 = 128,446... (printed 128)
    assert higher_ratio(4.57, 5.87) == pytest.approx(128.4464, abs=1e-4)


def test_lower_standard_pesisir_selatan_unemployment():
    # (2 x 4,6 - 5,06) / 4,6 x 100 = 4,14 / 4,6 x 100 = 90,0
    assert lower_standard(4.6, 5.06) == pytest.approx(90.0)


def test_lower_over_realisasi_reproduces_pesisir_selatan_printed_81_82():
    # (2 x 4,6 - 5,06) / 5,06 x 100 = 4,14 / 5,06 x 100 = 81,818...
    assert lower_over_realisasi(4.6, 5.06) == pytest.approx(81.8182, abs=1e-4)


def test_lower_inverse():
    # 4,6 / 5,06 x 100 = 90,909...
    assert lower_inverse(4.6, 5.06) == pytest.approx(90.9091, abs=1e-4)


def test_zero_and_missing_give_nan_not_an_error():
    assert math.isnan(higher_ratio(0, 5))
    assert math.isnan(lower_standard(0, 5))
    assert math.isnan(lower_inverse(5, 0))
    assert math.isnan(higher_ratio(float("nan"), 5))
    assert math.isnan(higher_ratio(None, 5))


def test_capaian_dispatch_by_polarity_and_variant():
    assert capaian(50, 40, "higher") == pytest.approx(80.0)
    assert capaian(10, 12, "lower") == pytest.approx(80.0)  # (20 - 12) / 10
    assert capaian(10, 12, "lower", "lower_inverse") == pytest.approx(83.3333, abs=1e-4)
    with pytest.raises(ValueError):
        capaian(1, 1, "sideways")
    with pytest.raises(ValueError):
        capaian(1, 1, "higher", "made_up")


def test_grade_met():
    assert grade_met("A", "A")
    assert grade_met("A", "AA")
    assert not grade_met("A", "BB")
