"""Every curated value cites a source line that really contains it as printed."""

import pytest

import lkjpy
from lkjpy.parse import BLANK
from lkjpy.schema import TABLES
from lkjpy.tables import line_span, normalise_text


def _citations(agency):
    for name, frame in agency.tables.items():
        spec = TABLES[name]
        for _, row in frame.iterrows():
            for col in spec.cited_columns():
                text = row[col]
                if text in ("", BLANK):
                    continue
                cite = row.get(f"{col.removesuffix('_printed')}_line") or row["source_line"]
                yield name, int(row["csv_row"]), col, text, cite


@pytest.mark.parametrize("agency_id", lkjpy.agencies())
def test_every_cited_text_stands_on_its_line(agency_id):
    agency = lkjpy.load_agency(agency_id)
    checked = 0
    for name, row, col, text, cite in _citations(agency):
        first, last = line_span(cite)
        span = " ".join(agency.source_lines[first - 1:last])
        assert normalise_text(text) in normalise_text(span), f"{name}.csv row {row} {col}: {text!r} not on line {cite}"
        checked += 1
    if agency.curated:
        assert checked > 0


def test_a_wrong_line_is_reported(tmp_path, root):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    path = data / "kalimantan-barat" / "indicator_results.csv"
    text = path.read_text(encoding="utf-8").replace(",Realisasi capaian kinerja tahun 2024,457,", ",Realisasi capaian kinerja tahun 2024,458,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lkjpy.DataError) as err:
        lkjpy.load_agency("kalimantan-barat", root=data)
    assert "indicator_results.csv, row 2, column 'realisasi_printed': '5,87 %' does not stand on source line 458" in str(err.value)
