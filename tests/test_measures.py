"""Scales, budget, efficiency and progress measures against hand computations, plus invariants."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjpy import budget, efficiency, progress
from lkjpy.audit import agrees
from lkjpy.capaian import higher_ratio, lower_standard
from lkjpy.parse import parse_number
from lkjpy.scales import REFERENCE_SCALE, Band, label_for, reference_label, same_label


@pytest.mark.parametrize("value, label", [
    (128, "Sangat Tinggi"), (100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.5, "Sangat Tinggi"),
    (90, "Tinggi"), (76, "Tinggi"), (75.5, "Tinggi"), (75, "Sedang"), (66, "Sedang"), (65, "Rendah"),
    (51, "Rendah"), (50.01, "Rendah"), (50, "Sangat Rendah"), (0, "Sangat Rendah"), (-5, "Sangat Rendah"),
])
def test_reference_scale_bands_and_edges(value, label):
    assert reference_label(value) == label


def test_printed_scale_with_a_gap():
    # a scale printed as "> 80 - < 100" and ">= 100" leaves exactly 80 and below unlabelled
    bands = (Band("Sangat Baik", 100, True, None, False), Band("Baik", 80, False, 100, False))
    assert label_for(100, bands) == "Sangat Baik"
    assert label_for(80.01, bands) == "Baik"
    assert label_for(80, bands) is None
    assert label_for(float("nan"), bands) is None


def test_labels_compare_as_words():
    assert same_label("Sangat baik", "Sangat Baik")
    assert same_label("Cukup (Memadai)", "cukup memadai")
    assert not same_label("Baik", "Sangat Baik")


def test_serapan_and_sisa_kalimantan_barat_penunjang_program():
    # lines 500 and 651: 11.477.324.309 / 12.151.893.026 x 100 = 94,4488... (printed 94,45)
    assert budget.serapan(12151893026, 11477324309) == pytest.approx(94.44886, abs=1e-5)
    assert budget.sisa(12151893026, 11477324309) == 674568717
    assert math.isnan(budget.serapan(0, 5))


def test_overhead_share():
    programs = pd.DataFrame({"name": ["Program Penunjang Urusan Pemerintahan Daerah", "Program UMKM"],
                             "pagu": [600.0, 400.0]})
    assert budget.overhead_share(programs) == pytest.approx(60.0)
    assert budget.shares(programs["pagu"]).tolist() == [60.0, 40.0]


def test_efficiency_methods():
    assert efficiency.difference(109, 97) == 12                       # Kalimantan Barat, line 508
    assert efficiency.ratio(105, 90) == pytest.approx(116.6667, abs=1e-4)
    # Pesisir Selatan Tabel 3.9: 1 - (4.301.841.855 / 90,78) / (4.745.917.615 / 85) = 15,128 % (printed 15,00)
    assert efficiency.one_minus_ratio(4745917615, 4301841855, 85, 90.78) == pytest.approx(15.1283, abs=1e-4)
    assert efficiency.comparison_verdict(224, 90) == "efisien"
    assert efficiency.comparison_verdict(80, 90) == "tidak efisien"
    assert math.isnan(efficiency.ratio(100, 0))


def test_progress_and_changes():
    # Kalimantan Barat K1: 29,79 % (2022) -> 5,87 % (2024)
    assert progress.change_points(29.79, 5.87) == pytest.approx(-23.92)
    assert progress.change_percent(29.79, 5.87) == pytest.approx(-80.2954, abs=1e-4)  # printed -80,29 %
    assert math.isnan(progress.change_percent(0, 5))
    assert progress.renstra_progress(91.0, 90.78) == pytest.approx(99.7582, abs=1e-4)  # printed 99,76
    assert progress.renstra_progress(4.0, 5.0, "lower") == pytest.approx(75.0)


positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(positive, values, values)
def test_higher_is_better_is_monotone_in_realisation(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert higher_ratio(t, lo) <= higher_ratio(t, hi)


@given(positive, values, values)
def test_lower_is_better_is_decreasing_in_realisation(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert lower_standard(t, lo) >= lower_standard(t, hi)


@given(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False))
def test_reference_scale_has_no_gaps(x):
    assert reference_label(x) in {b.label for b in REFERENCE_SCALE}


@given(st.integers(min_value=0, max_value=10**15))
def test_indonesian_thousands_round_trip(n):
    text = f"{n:,}".replace(",", ".")
    assert parse_number(text) == n


@given(st.floats(min_value=-1e5, max_value=1e5, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_a_figure_printed_at_any_precision_agrees_with_its_value(x, d):
    printed = f"{round(x, d):.{d}f}".replace(".", ",")
    assert agrees(printed, parse_number(printed), x)


def test_no_capaian_is_recomputed_for_a_realisation_in_another_unit():
    from synthetic import make_agency

    from lkjpy.measures import indicator_measures

    agency = make_agency({
        "indicators": [{"indicator_id": "K1", "indicator": "Persentase A"},
                       {"indicator_id": "K2", "indicator": "Persentase B"}],
        "indicator_results": [
            {"indicator_id": "K1", "target_printed": "10%", "realisasi_printed": "34.019.900", "unit_mismatch": True},
            {"indicator_id": "K2", "target_printed": "10%", "realisasi_printed": "12%"},
        ],
    })
    ind = indicator_measures(agency).set_index("indicator_id")
    assert math.isnan(ind.loc["K1", "capaian_standard"]) and pd.isna(ind.loc["K1", "target_met"])
    assert ind.loc["K1", "standard_formula"].startswith("not computed")
    assert ind.loc["K2", "capaian_standard"] == pytest.approx(120.0)  # 12 / 10 x 100


def test_history_and_progress_skip_realisations_in_another_unit():
    from synthetic import make_agency

    from lkjpy.measures import history, renstra_progress_table

    agency = make_agency({
        "indicators": [{"indicator_id": "K8", "indicator": "Persentase Kenaikan Omzet"}],
        "indicator_results": [
            {"indicator_id": "K8", "target_printed": "10", "realisasi_printed": "34.019.900", "unit_mismatch": True},
            {"indicator_id": "K8", "realisasi_printed": "2,6", "canonical": False, "source_line": 854},
        ],
        "renstra_targets": [{"indicator_id": "K8", "year": 2024, "end_of_period": True, "target_printed": "10",
                             "canonical": True}],
    })
    row = history(agency).iloc[0]
    assert (row["realisasi_value"], row["realisasi_value_line"]) == (2.6, 854)  # the version in %
    assert math.isnan(renstra_progress_table(agency)["progress"].iloc[0])


def test_efficiency_by_named_method():
    # Kalimantan Barat line 508: 109 - 97 = 12 points; 105 / 90 x 100 = 116,67
    assert efficiency.by_method("difference", 109, 97, math.nan, math.nan, math.nan, math.nan) == 12
    assert efficiency.by_method("ratio", 105, 90, math.nan, math.nan, math.nan, math.nan) == pytest.approx(116.6667, abs=1e-4)
    # Pesisir Selatan Tabel 3.9: 1 - (4.301.841.855 / 90,78) / (4.745.917.615 / 85) = 15,128 %
    assert efficiency.by_method("one_minus_ratio", math.nan, math.nan, 4745917615, 4301841855, 85, 90.78) == \
        pytest.approx(15.1283, abs=1e-4)
    assert math.isnan(efficiency.by_method("comparison", 224, 90, 1, 1, 1, 1))
    from lkjpy.schema import TABLES

    assert set(efficiency.METHOD_TEXT) == set(TABLES["efficiency"].columns["method_variant"].choices)


def test_far_out_flags_values_beyond_tukeys_outer_fences():
    from lkjpy.measures import far_out

    # Sorted 90, 100, 100, 100, 105, 1265: Q1 = 100, Q3 = 100 + 0.75 * 5 = 103.75, IQR 3.75,
    # outer fences 100 - 11.25 = 88.75 and 103.75 + 11.25 = 115.
    values = pd.Series([100, 1265, 90, 100, 105, 100, float("nan")])
    assert far_out(values).tolist() == [False, True, False, False, False, False, False]
    assert far_out(values, k=1.5).tolist() == [False, True, True, False, False, False, False]  # fence 94.375
    assert far_out(pd.Series([1.0, 500.0, 2.0])).tolist() == [False, False, False]  # too few to judge
