"""Kalimantan Barat 2024: values pinned by hand from the source report (lines 457-459)."""

AGENCY_ID = "kalimantan-barat"


def test_three_pk_indicators(ind):
    assert list(ind.index) == ["K1", "K2", "K3"]
    assert ind.loc["K1", "indicator"] == "Prosentase Koperasi Berkualitas"
    assert ind.loc["K3", "indicator"] == "Nilai Sakip Perangkat Daerah"


def test_targets_realisations_and_printed_capaian(ind):
    # line 457: 4,57 % | 5,87 % | 128 ; line 458: 0,08 % | 0,08 % | 100 ; line 459: A | A | 100
    assert ind.loc["K1", ["target", "realisasi", "capaian_reported"]].tolist() == [4.57, 5.87, 128.0]
    assert ind.loc["K2", ["target", "realisasi", "capaian_reported"]].tolist() == [0.08, 0.08, 100.0]
    assert ind.loc["K3", ["target_grade", "realisasi_grade"]].tolist() == ["A", "A"]
    assert ind.loc["K3", "capaian_reported"] == 100.0
    assert ind.loc["K1", "source_line"] == 457


def test_provenance_columns_are_present(ind):
    for col in ("target_printed", "realisasi_printed", "capaian_reported_printed", "source_table", "source_line"):
        assert col in ind.columns
    assert ind.loc["K1", "realisasi_printed"] == "5,87 %"
