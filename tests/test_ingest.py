"""``new-agency`` is a transaction: a PDF or text in, one validated registry entry and the vendored
text out; on any refusal the data folder is byte-for-byte as before."""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from pdfs import write_pdf

import lkjpy
from lkjpy.registry import plain_yaml, read_registry
from lkjpy.scaffold import new_agency

pytestmark = pytest.mark.slow(30)  # seconds on two cores: started first

TEXT = "LAPORAN KINERJA DINAS KOPERASI KOTA CONTOH TAHUN 2024\nTabel 3.1 Capaian Kinerja\n"
ARGS = dict(name="Dinas Koperasi dan UKM Kota Contoh", name_en="Cooperatives and SMEs Agency of Contoh City",
            level="kota", region="Kota Contoh", province="Sumatera Contoh", year=2024)


@pytest.fixture
def data(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (hidden ones too), with the sha256 of each file."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), folder)] = "folder"
        for f in filenames:
            path = os.path.join(dirpath, f)
            out[os.path.relpath(path, folder)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return out


def test_text_source_is_vendored_verbatim_with_its_entry(data, report):
    before = (data / "agencies.yml").read_text(encoding="utf-8")
    new_agency("kota-contoh", report, root=data, url="https://example.org/lkj-2024.pdf",
               today=datetime.date(2026, 11, 29), **ARGS)
    assert (data / "sources" / "kota-contoh.txt").read_bytes() == report.read_bytes()
    after = (data / "agencies.yml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and earlier entries kept as they were
    entry = read_registry(data)[-1]
    assert entry == {"id": "kota-contoh", **ARGS, "source": "sources/kota-contoh.txt",
                     "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
                     "url": "https://example.org/lkj-2024.pdf", "retrieved": "2026-11-29",
                     "coverage": ["profile", "pk", "budget_total", "budget_programs"]}
    header = (data / "kota-contoh" / "indicators.csv").read_text(encoding="utf-8")
    assert header.startswith("indicator_id,misi,tujuan,sasaran,indicator,")
    for agency_id in lkjpy.agencies(data):
        lkjpy.load_agency(agency_id, root=data)


def test_pdf_source_is_converted_keeping_the_columns(data, tmp_path):
    pdf = write_pdf(tmp_path / "report.pdf", [
        [["LAPORAN KINERJA 2024"], ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian"],
         ["1", "Meningkatnya koperasi", "Persentase Koperasi Sehat", "35%", "32,57 %", "93,06%"]],
        [["Halaman 2"]]])
    new_agency("kota-pdf", pdf, root=data, **ARGS)
    text = (data / "sources" / "kota-pdf.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    row = [line for line in lines if "Persentase Koperasi Sehat" in line][0]
    # each cell drawn apart stays apart: at least two spaces between cells
    assert [c.strip() for c in row.split("  ") if c.strip()] == [
        "1", "Meningkatnya koperasi", "Persentase Koperasi Sehat", "35%", "32,57 %", "93,06%"]
    assert "\f" not in text and text.splitlines() == lines[:-1]  # pages joined by newlines only
    assert [line.strip() for line in lines].index("Halaman 2") > lines.index(row)
    entry = read_registry(data)[-1]
    assert entry["pdf_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert entry["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert (entry["converter"], entry["converter_version"]) == ("pdfplumber", "0.11.10")
    lkjpy.load_agency("kota-pdf", root=data)


def _refusals(data: Path, report: Path, tmp_path: Path) -> dict:
    """name -> (call arguments, expected message)."""
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Laporan Kinerja caf\xe9\n".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    fake_pdf = tmp_path / "broken.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    return {
        "bad id": (dict(agency_id="Kota Contoh"), "must be lower-case letters"),
        "id with a newline": (dict(agency_id="kota-contoh\n"), "must be lower-case letters"),
        "existing id": (dict(agency_id="sibolga"), "'sibolga' is already in the registry"),
        "bad level": (dict(level="desa"), "level 'desa' is not one of"),
        "bad year": (dict(year=1850), "year 1850 must be a whole number"),
        "empty name": (dict(name=""), "column 'name': required field is missing"),
        "bad url": (dict(url="javascript:alert(1)"), "url 'javascript:alert(1)' must be an http(s) address"),
        "missing source": (dict(source=tmp_path / "nope.pdf"), "does not exist"),
        "folder source": (dict(source=tmp_path), "the source is a folder"),
        "device source": (dict(source=Path("/dev/null")), "not a regular file"),
        "vendored source": (dict(source=data / "sources" / "sibolga.txt"), "already vendors"),
        "not UTF-8": (dict(source=latin1), "neither a PDF nor UTF-8 text (byte 0xe9 on line 1)"),
        "empty text": (dict(source=empty), "the source report is empty"),
        "damaged PDF": (dict(source=fake_pdf), "the PDF cannot be read"),
    }


REFUSALS = ["bad id", "id with a newline", "existing id", "bad level", "bad year", "empty name", "bad url",
            "missing source", "folder source", "device source", "vendored source", "not UTF-8", "empty text",
            "damaged PDF"]


@pytest.mark.parametrize("case", REFUSALS)
def test_refusal_changes_nothing(data, report, tmp_path, case):
    call, message = _refusals(data, report, tmp_path)[case]
    kwargs = {"agency_id": "kota-contoh", "source": report, **ARGS, **call}
    before = tree_digest(data)
    with pytest.raises(lkjpy.DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        new_agency(root=data, **kwargs)
    assert tree_digest(data) == before
    for agency_id in lkjpy.agencies(data):
        lkjpy.load_agency(agency_id, root=data)


def test_existing_source_file_is_never_overwritten(data, report):
    stale = data / "sources" / "kota-contoh.txt"
    stale.write_text("an older text\n", encoding="utf-8")
    before = tree_digest(data)
    with pytest.raises(lkjpy.DataError, match="this source file exists already; it is never overwritten"):
        new_agency("kota-contoh", report, root=data, **ARGS)
    assert tree_digest(data) == before


def test_source_another_entry_points_to_is_refused(data, report):
    registry = data / "agencies.yml"
    text = registry.read_text(encoding="utf-8").replace("source: sources/sibolga.txt", "source: sources/kota-contoh.txt")
    registry.write_text(text, encoding="utf-8")
    before = tree_digest(data)
    with pytest.raises(lkjpy.DataError, match="entry 'sibolga' already points to this source file"):
        new_agency("kota-contoh", report, root=data, **ARGS)
    assert tree_digest(data) == before


def test_a_failure_while_writing_undoes_everything(data, report, monkeypatch):
    before = tree_digest(data)

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr("lkjpy.scaffold.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        new_agency("kota-contoh", report, root=data, **ARGS)
    assert tree_digest(data) == before


def test_registry_without_trailing_list_is_rewritten_by_the_yaml_library(data, report):
    registry = data / "agencies.yml"
    doc = plain_yaml(registry.read_text(encoding="utf-8"))
    flow = [f"{{id: {e['id']}, name: '{e['name']}', name_en: x, level: {e['level']}, region: r, province: p, "
            f"year: {e['year']}, source: {e['source']}, sha256: {e['sha256']}}}" for e in doc["agencies"]]
    registry.write_text("agencies: [" + ", ".join(flow) + "]\n", encoding="utf-8")
    new_agency("kota-contoh", report, root=data, **ARGS)
    assert [e["id"] for e in read_registry(data)] == [*(e["id"] for e in doc["agencies"]), "kota-contoh"]


def test_cli_reports_a_refusal_without_a_traceback(tmp_path, root, report):
    from projects import lkjpy_cli

    shutil.copytree(root / "data", tmp_path / "data")
    result = lkjpy_cli(tmp_path, "new-agency", "kota-contoh", "--source", str(tmp_path), "--name", "X",
                       "--name-en", "X", "--level", "kota", "--region", "R", "--province", "P", "--year", "2024")
    assert result.returncode == 1
    assert "the source is a folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("field, value, message", [
    ("retrieved", '"2026-13-40"', "retrieved '2026-13-40' must be a date YYYY-MM-DD"),
    ("pdf_sha256", "ABC", "pdf_sha256 'ABC' must be 64 lower-case hex digits"),
    ("converter_version", "0.11 10", "converter_version '0.11 10' must be a version"),
    ("coverage", "[pk, everything]", "coverage ['pk', 'everything'] must be a list without repeats of"),
    ("coverage", "[pk, pk]", "coverage ['pk', 'pk'] must be a list without repeats"),
    ("url", "http://x y", "url 'http://x y' must be an http(s) address"),
])
def test_optional_registry_fields_are_checked(tmp_path, field, value, message):
    (tmp_path / "agencies.yml").write_text(f"""agencies:
  - {{id: x, name: X, name_en: X, level: kota, region: R, province: P, year: 2024, source: sources/x.txt,
     sha256: "{"0" * 64}", {field}: {value}}}
""", encoding="utf-8")
    with pytest.raises(lkjpy.DataError, match=f"row 1, column '{field}': " + message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        read_registry(tmp_path)


def test_optional_registry_fields_accept_good_values(tmp_path):
    (tmp_path / "agencies.yml").write_text(f"""agencies:
  - {{id: x, name: X, name_en: X, level: kota, region: R, province: P, year: 2024, source: sources/x.txt,
     sha256: "{"0" * 64}", url: "https://example.org/a.pdf", retrieved: 2026-11-29, pdf_sha256: {"a" * 64},
     converter: pdfplumber, converter_version: "0.11.10", coverage: [profile, pk]}}
""", encoding="utf-8")
    assert read_registry(tmp_path)[0]["coverage"] == ["profile", "pk"]


def test_the_target_file_itself_as_source_is_refused(data):
    target = data / "sources" / "kota-contoh.txt"
    target.write_text("LAPORAN\n", encoding="utf-8")
    before = tree_digest(data)
    with pytest.raises(lkjpy.DataError) as err:
        new_agency("kota-contoh", target, root=data, **ARGS)
    assert "the source is a file the data folder already vendors" in str(err.value)
    assert "this source file exists already; it is never overwritten" in str(err.value)
    assert tree_digest(data) == before
