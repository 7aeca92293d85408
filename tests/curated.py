"""Row lookups for the tests that pin curated values by hand."""


def rows(frame, table, **match):
    """Rows of ``frame`` from one source table, filtered by column values."""
    out = frame[frame["source_table"] == table]
    for col, value in match.items():
        out = out[out[col] == value]
    return out


def one(frame, table, **match):
    """The single row that matches; fails when there is none or more than one."""
    out = rows(frame, table, **match)
    assert len(out) == 1, out
    return out.iloc[0]


def assert_printed_result(row, table, line, target, realisasi, capaian, kategori=None):
    """A PK result row as printed: its table, line, and the target, realisation, capaian (and
    category) cells as the report prints them."""
    assert (row["source_table"], row["source_line"]) == (table, line)
    assert (row["target_printed"], row["realisasi_printed"], row["capaian_reported_printed"]) == (
        target, realisasi, capaian)
    if kategori is not None:
        assert row["category_reported"] == kategori
