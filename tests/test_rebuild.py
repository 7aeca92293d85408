"""Rerunning with new data, in a temporary copy of the project: a new agency needs only data and a
registry entry; builds are incremental (the site's incremental build, and a failed site build that
leaves the published site as it was: tests/test_incremental.py; a failing agency:
tests/test_build_faults.py). The project (one built agency, two new ones) is built once; each test
that builds again does so in its own copy of it."""

from __future__ import annotations

import pytest
from projects import copy_built, executed, lkjpy_cli

pytestmark = pytest.mark.slow(30)  # seconds on two cores: started first

SOURCE = """LAPORAN KINERJA DINAS KOPERASI DAN UKM KOTA CONTOH TAHUN 2024
Tabel 3.1 Capaian Kinerja
1\tMeningkatnya koperasi sehat\tPersentase Koperasi Sehat\t50 %\t45 %\t90
"""
INDICATORS = """indicator_id,sasaran,indicator,indicator_en,unit,polarity,theme,formula_variant,source_table,source_line
I1,Meningkatnya koperasi sehat,Persentase Koperasi Sehat,Share of healthy cooperatives,%,higher,cooperatives,higher_ratio,Tabel 3.1,3
"""
RESULTS = """indicator_id,year,basis,target_printed,target,realisasi_printed,realisasi,capaian_reported_printed,capaian_reported,canonical,source_table,source_line
I1,2024,annual,50 %,50,45 %,45,90,90,true,Tabel 3.1,3
"""


@pytest.fixture(scope="module")
def grown(tmp_path_factory, built_project):
    """A built project of one agency (sibolga) given two new agencies, one curated and one not yet,
    then built: the project folder and that build's result."""
    root = copy_built(built_project, tmp_path_factory.mktemp("grown") / "project")
    text = root / "contoh.txt"
    text.write_text(SOURCE, encoding="utf-8")
    result = lkjpy_cli(root, "new-agency", "kota-contoh", "--source", str(text), "--name", "Dinas Koperasi dan UKM Kota Contoh",
                       "--name-en", "Cooperatives and SMEs Agency of Contoh City", "--level", "kota", "--region", "Kota Contoh",
                       "--province", "Sumatera Contoh", "--year", "2024")
    assert result.returncode == 0, result.stderr
    result = lkjpy_cli(root, "new-agency", "kota-kosong", "--source", str(text), "--name", "Dinas Koperasi Kota Kosong",
                       "--name-en", "Cooperatives Agency of Kosong City", "--level", "kota", "--region", "Kota Kosong",
                       "--province", "Sumatera Contoh", "--year", "2024")
    assert result.returncode == 0, result.stderr
    (root / "data" / "kota-contoh" / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (root / "data" / "kota-contoh" / "indicator_results.csv").write_text(RESULTS, encoding="utf-8")
    return root, lkjpy_cli(root, "build")


@pytest.fixture
def project(grown, tmp_path):
    """This test's own copy of the grown project, built."""
    root, result = grown
    assert result.returncode == 0, result.stdout + result.stderr
    return copy_built(root, tmp_path / "project")


def test_new_agency_gets_a_chapter_and_a_comparison_row(grown):
    project, result = grown
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[1/" in result.stdout and "elapsed" in result.stdout  # progress output
    site = project / "_build" / "html"
    chapter = (site / "book" / "agencies" / "kota-contoh" / "agency.html").read_text(encoding="utf-8")
    assert "Dinas Koperasi dan UKM Kota Contoh" in chapter
    assert "Persentase Koperasi Sehat" in chapter
    comparison = (site / "book" / "pages" / "comparison.html").read_text(encoding="utf-8")
    assert "Dinas Koperasi dan UKM Kota Contoh" in comparison
    assert (site / "book" / "sources" / "kota-contoh.html").exists()
    pending = (site / "book" / "agencies" / "kota-kosong" / "agency.html").read_text(encoding="utf-8")
    assert "Dinas Koperasi Kota Kosong" in pending and "not curated yet" in pending
    manifest = (project / "_build" / "manifest.json").read_text(encoding="utf-8")
    assert '"kota-contoh"' in manifest and '"outcome": "ok"' in manifest


def _staged(project):
    """Identity and last change of every staged download (a file staged again gets new ones)."""
    return {str(p.relative_to(project)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted((project / "book" / "_data").rglob("*")) if p.is_file()}


def test_noop_rebuild_executes_nothing(project):
    staged = _staged(project)
    assert any("lkjpy-data.zip" in name for name in staged) and any("/charts/" in name for name in staged)
    result = lkjpy_cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert executed(result.stdout) == 0
    assert "site: unchanged, skipped" in result.stdout
    assert _staged(project) == staged, "nothing is staged again"


def test_changed_agency_reexecutes_only_itself_and_the_pages(project):
    path = project / "data" / "kota-contoh" / "indicator_results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("90,true", "90,true"), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a change of bytes only
    before = _staged(project)
    result = lkjpy_cli(project, "build", "--no-site")  # the site's own incremental build: test_incremental.py
    assert result.returncode == 0, result.stderr
    assert "kota-contoh: ok" in result.stdout
    assert "sibolga: unchanged, skipped" in result.stdout
    assert executed(result.stdout) == 1 + 4  # the agency and the four cross-agency pages
    # its data file changed, so the downloads were staged again
    name = "book/_data/downloads/kota-contoh/indicator_results.csv"
    assert _staged(project)[name] != before[name]


def test_only_with_an_unknown_agency_is_a_clear_error(project):
    result = lkjpy_cli(project, "build", "--only", "atlantis")
    assert result.returncode == 1
    assert "--only 'atlantis' is not in the registry" in result.stderr
