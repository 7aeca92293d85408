"""A failing agency, missing outputs, a killed or doubled build, a corrupt manifest, an unknown
locale: none of them takes the site down or leaves the project in a state later builds trip on.
Each test works in its own small temporary copy of the project (one or two agencies); those that
change a built project get a copy of one built once per test run (``built_copy``)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from projects import copy_project, lkjpy_cli

from lkjpy.build import CHAPTER_OUTPUTS, BuildLocked, job_is_current, jobs, project_lock, read_manifest
from lkjpy.project import Project

pytestmark = pytest.mark.slow(120)  # seconds on two cores: started first

SITE_BOOK = Path("_build") / "html" / "book"


def _cli_env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Two agencies of two provinces on a clean copy, one of them with a realisation that is not a
    number; built with the menu grouped by province (as a national book is)."""
    root = copy_project(tmp_path_factory.mktemp("broken"), only=["sibolga", "kalimantan-barat"])
    results = root / "data" / "kalimantan-barat" / "indicator_results.csv"
    with results.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("realisasi")] = "not-a-number"
    with results.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    result = lkjpy_cli(root, "build", "-j", "2", "--nav-group-above", "1")
    return root, result


def test_failing_agency_exits_non_zero_and_names_it(broken):
    _, result = broken
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED kalimantan-barat" in result.stderr
    assert "data/kalimantan-barat/indicator_results.csv, row 1, column 'realisasi'" in result.stderr


def test_failing_agency_leaves_the_others_and_every_page_built(broken):
    root, result = broken
    for name in ("sibolga", "page:comparison", "page:quality", "page:methodology", "page:data", "site"):
        assert f"{name}: ok" in result.stdout, name
    assert (root / SITE_BOOK / "agencies" / "sibolga" / "agency.html").is_file()
    chapter = (root / SITE_BOOK / "agencies" / "kalimantan-barat" / "agency.html").read_text(encoding="utf-8")
    assert "could not be built" in chapter and "not-a-number" in chapter


def test_cross_agency_pages_name_the_failed_agency(broken):
    root, _ = broken
    for page in ("comparison", "quality", "methodology", "data"):
        html = (root / SITE_BOOK / "pages" / f"{page}.html").read_text(encoding="utf-8")
        assert "Left out of this page" in html, page
        assert "Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat" in html, page
        assert str(root) not in html, page  # project paths, not this machine's folders
        assert "../agencies/kalimantan-barat/agency.html" in html, page


def test_failed_agency_is_left_out_of_the_archive(broken):
    import zipfile

    root, _ = broken
    archive = zipfile.ZipFile(root / "_build" / "html" / "_static" / "archive" / "lkjpy-data.zip")
    for name in ("combined/indicators.csv", "combined/audit_findings.csv"):
        agencies = {row.split(",", 1)[0] for row in archive.read(name).decode().splitlines()[1:]}
        assert agencies == {"sibolga"}, name


def test_failed_agency_keeps_its_source_page(broken):
    root, _ = broken
    assert (root / SITE_BOOK / "sources" / "kalimantan-barat.html").is_file()


@pytest.fixture
def built(built_copy):
    """This test's own copy of a project of one agency (sibolga), built once per test run."""
    return built_copy


#: What a chapter's run leaves: the executed chapter, its outputs for the cross-agency pages and its source page.
CHAPTER_FILES = ["book/agencies/sibolga/agency.ipynb", *(f"book/agencies/sibolga/outputs/{name}" for name in CHAPTER_OUTPUTS),
                 "book/sources/sibolga.md"]


@pytest.mark.parametrize("lost", CHAPTER_FILES)
def test_a_lost_file_of_a_chapter_puts_the_chapter_and_only_it_up_for_the_next_build(built, lost):
    project = Project(built)
    manifest = read_manifest(project)
    chapters, pages = jobs(project)
    assert [job_is_current(j, manifest) for j in chapters + pages] == [True] * 5
    (built / lost).unlink()
    assert [job_is_current(j, manifest) for j in chapters + pages] == [False] + [True] * 4


def test_a_chapter_with_lost_outputs_is_rebuilt(built):
    lost = [built / name for name in CHAPTER_FILES[1:3]]
    for path in lost:
        path.unlink()
    result = lkjpy_cli(built, "build", "--no-site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sibolga: ok" in result.stdout and "page:comparison: unchanged, skipped" in result.stdout
    assert all((built / name).is_file() for name in CHAPTER_FILES)
    comparison = (built / "book" / "pages" / "comparison.ipynb").read_text(encoding="utf-8")
    assert "Left out of this page" not in comparison


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[1, 2]", b'{"jobs": []}', b'{"jobs": {"sibolga": 3}}',
                                     b'{"jobs": {}, "site": "x"}', b"{"])
def test_corrupt_manifest_is_treated_as_empty_with_a_warning(tmp_path, content):
    paths = Project(tmp_path)
    paths.build.mkdir()
    paths.manifest.write_bytes(content)
    with pytest.warns(UserWarning, match="treating it as empty"):
        assert read_manifest(paths) == {"jobs": {}}


def test_build_after_a_corrupt_manifest_runs_everything(built):
    (built / "_build" / "manifest.json").write_bytes(b'{"jobs": {"sibolga": "ok"}}')
    result = lkjpy_cli(built, "build", "--no-site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "treating it as empty" in result.stderr
    assert "sibolga: ok" in result.stdout
    assert json.loads((built / "_build" / "manifest.json").read_text(encoding="utf-8"))["jobs"]["sibolga"]["outcome"] == "ok"


def test_second_build_stops_with_a_clear_message_and_changes_nothing(built):
    manifest = (built / "_build" / "manifest.json").read_bytes()
    with project_lock(Project(built)):
        result = lkjpy_cli(built, "build", "--force")
        with pytest.raises(BuildLocked), project_lock(Project(built)):
            pass
    assert result.returncode == 3
    assert "another build of" in result.stderr and "is running" in result.stderr
    assert (built / "_build" / "manifest.json").read_bytes() == manifest


def test_unknown_locale_is_refused_before_anything_is_touched(built):
    snapshot = {p: p.stat().st_mtime_ns for p in (built / "book").rglob("*") if p.is_file()}
    result = subprocess.run([sys.executable, "-m", "lkjpy", "--root", str(built), "build", "--force"],
                            capture_output=True, text=True, env={**_cli_env(), "LKJPY_LOCALE": "fr"}, cwd=built)
    assert result.returncode == 2
    assert "LKJPY_LOCALE='fr' is not supported" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in (built / "book").rglob("*") if p.is_file()} == snapshot


def test_killed_build_ends_its_workers_and_leaves_nothing_in_book(tmp_path):
    root = copy_project(tmp_path / "killed", only=["sibolga", "kalimantan-barat"])
    proc = subprocess.Popen([sys.executable, "-m", "lkjpy", "--root", str(root), "build", "-j", "2", "--force"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_cli_env(), cwd=root)
    scratch = root / "_build" / "running"
    deadline = time.monotonic() + 120
    while not (scratch.is_dir() and any(scratch.glob("*.ipynb"))) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert any(scratch.glob("*.ipynb")), "no notebook started running within 120 s"
    time.sleep(1.0)  # let the kernels start
    family = psutil.Process(proc.pid).children(recursive=True)
    assert family, "the build had no worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=20)
    assert not alive, [p.cmdline() for p in alive]
    assert not [p for p in (root / "book").rglob("*") if p.name.startswith(".running")]
    result = lkjpy_cli(root, "build", "--only", "sibolga", "--no-site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any(scratch.glob("*.ipynb"))


def _menu(html: str) -> str:
    start = html.index('<nav class="bd-links bd-docs-nav"')
    return html[start:html.index("</nav>", start)]


def test_menu_groups_chapters_by_province_and_shows_one_province(broken):
    root, _ = broken
    for province in ("sumatera-utara", "kalimantan-barat"):
        assert (root / SITE_BOOK / "provinces" / f"{province}.html").is_file(), province
    menu = _menu((root / SITE_BOOK / "agencies" / "sibolga" / "agency.html").read_text(encoding="utf-8"))
    assert "provinces/sumatera-utara.html" in menu and "provinces/kalimantan-barat.html" in menu
    assert "sources/sibolga.html" in menu  # the reader's own branch, down to the source page
    assert "kalimantan-barat/agency.html" not in menu  # another province's branch stays collapsed
    assert "sources/kalimantan-barat.html" not in menu
