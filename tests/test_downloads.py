"""What the site offers for download: only the registry and each registered agency's own files,
never through a symbolic link, and CSV copies that a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lkjpy.downloads import formula_like, neutralise_cell, published_files, spreadsheet_safe_csv, stage


@pytest.fixture
def data(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path / "data"


@pytest.mark.parametrize("cell", ["=1+1", "=HYPERLINK(\"http://x\")", "+5", "+ 5 %", "@SUM(A1:A2)", "-cmd",
                                  "-2+3+cmd|' /C calc'!A0", "- Meningkatnya", "-Rp 5", "\t=1", "\r=1", " =1+1"])
def test_cells_a_spreadsheet_would_run_are_formula_like(cell):
    assert formula_like(cell)
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-", "-5", "- 4,57 %", "-1.350,5", "-12%", "", "5 - 3", "Rp. 1.000,-", "#DIV/0!",
                                  "[blank]", "A (85)", "O'Brien"])
def test_dashes_numbers_and_text_stay_as_they_are(cell):
    assert not formula_like(cell)
    assert neutralise_cell(cell) == cell


def test_a_csv_without_formula_cells_is_copied_unchanged():
    text = 'a,b\r\n"x, y",-\r\n'
    assert spreadsheet_safe_csv(text) is text


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


#: Cells built from the characters that matter: formula starts, quotes, separators, spaces, digits,
#: and NUL (the quick look joins the cells with it).
CELLS = st.text(alphabet="-=+@\t\r\n \",'a5%\0", max_size=6)


@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=5))
@example([["5\r="]])  # written unquoted, read back as two rows: "=" starts a line after a carriage return
def test_the_quick_look_for_formula_cells_misses_none(rows):
    """Whatever the text, the result is the one of judging every cell: unchanged text when no cell
    is formula-like, otherwise every formula-like cell neutralised."""
    text = _csv_text(rows)
    cells = list(csv.reader(io.StringIO(text, newline="")))
    if any(formula_like(cell) for row in cells for cell in row):
        assert spreadsheet_safe_csv(text) == _csv_text([[neutralise_cell(c) for c in row] for row in cells])
    else:
        assert spreadsheet_safe_csv(text) is text


def test_formula_cells_are_neutralised_and_the_rest_kept():
    text = 'name,value_printed\n"=1+1",-\n"O\'Brien, ""x""",- 5\n'
    rows = list(csv.reader(io.StringIO(spreadsheet_safe_csv(text))))
    assert rows == [["name", "value_printed"], ["'=1+1", "-"], ["O'Brien, \"x\"", "- 5"]]


def test_only_the_registry_and_registered_files_are_staged(data, tmp_path):
    (data / "notes.txt").write_text("private", encoding="utf-8")
    (data / "unregistered").mkdir()
    (data / "unregistered" / "indicators.csv").write_text("x\n", encoding="utf-8")
    (data / "kalimantan-barat" / "scratch.csv").write_text("x\n", encoding="utf-8")
    (data / "sources" / "draft.txt").write_text("x\n", encoding="utf-8")
    target = tmp_path / "site" / "downloads"
    stage(target, data)
    staged = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert "agencies.yml" in staged and "sources/kalimantan-barat.txt" in staged
    assert "kalimantan-barat/indicators.csv" in staged
    for unwanted in ("notes.txt", "README.md", "unregistered/indicators.csv", "kalimantan-barat/scratch.csv",
                     "sources/draft.txt"):
        assert unwanted not in staged
    assert (target / "kalimantan-barat" / "indicators.csv").read_bytes() == \
        (data / "kalimantan-barat" / "indicators.csv").read_bytes()


def test_staging_again_rewrites_only_what_changed_and_removes_what_is_not_published(data, tmp_path):
    target = tmp_path / "site" / "downloads"
    stage(target, data)
    unchanged, changed = target / "kalimantan-barat" / "indicators.csv", target / "sibolga" / "indicators.csv"
    before = unchanged.stat()
    source = data / "sibolga" / "indicators.csv"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (target / "gone-agency").mkdir()
    (target / "gone-agency" / "budget.csv").write_text("x\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept.txt").write_text("not ours\n", encoding="utf-8")
    os.symlink(outside, target / "planted")
    staff = target / "kalimantan-barat" / "staff.csv"
    staff.unlink()
    os.symlink(outside / "kept.txt", staff)
    stage(target, data)
    after = unchanged.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert changed.read_bytes() == source.read_bytes()
    assert not staff.is_symlink() and staff.read_bytes() == (data / "kalimantan-barat" / "staff.csv").read_bytes()
    assert (outside / "kept.txt").read_text(encoding="utf-8") == "not ours\n"
    staged = {p.relative_to(target).as_posix() for p in target.rglob("*")}
    expected = {d.path for d in published_files(data)}
    assert staged == expected | {str(Path(p).parent) for p in expected if "/" in p}


def test_symbolic_links_are_never_followed(data, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    (data / "kalimantan-barat" / "staff.csv").unlink()
    os.symlink(secret, data / "kalimantan-barat" / "staff.csv")
    outside = tmp_path / "outside"
    shutil.move(data / "sibolga", outside)
    os.symlink(outside, data / "sibolga")
    target = tmp_path / "site" / "downloads"
    stage(target, data)
    assert not (target / "kalimantan-barat" / "staff.csv").exists()
    assert not (target / "sibolga").exists()
    assert all("root:x" not in p.read_text(encoding="utf-8", errors="replace")
               for p in target.rglob("*") if p.is_file())
    warnings = capsys.readouterr().err
    assert "staff.csv is or lies behind a symbolic link, or is not a regular file; not published" in warnings
    assert "sibolga/indicators.csv is or lies behind a symbolic link" in warnings
    assert {d.path for d in published_files(data)}.isdisjoint({"kalimantan-barat/staff.csv", "sibolga/indicators.csv"})


def test_a_formula_cell_is_neutralised_in_the_download_only(data, tmp_path):
    path = data / "kalimantan-barat" / "indicators.csv"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(",Prosentase Koperasi Berkualitas,", ',"=HYPERLINK(""http://x"")",', 1), encoding="utf-8")
    edited = path.read_bytes()
    target = tmp_path / "site" / "downloads"
    stage(target, data)
    assert path.read_bytes() == edited
    copy = (target / "kalimantan-barat" / "indicators.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(copy)) for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and not any(c.startswith("=") for c in cells)
