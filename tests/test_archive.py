"""The archive of all curated data: a Frictionless data package generated from lkjpy's schema that
validates with the standard tool, and combined tables across agencies."""

from __future__ import annotations

import csv
import json
import zipfile

import pandas as pd
import pytest

import lkjpy
from lkjpy.downloads import combined_parts, write_archive, write_combined_parts


@pytest.fixture(scope="module")
def frictionless():
    """Imported by the tests that validate (not when the module is collected: every test process collects it)."""
    return pytest.importorskip("frictionless")


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def archive(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("archive")
    agencies = [lkjpy.load_agency(a) for a in lkjpy.agencies()]
    findings = pd.concat([lkjpy.audit(a) for a in agencies], ignore_index=True)
    path = write_archive([combined_parts(a) for a in agencies], findings, out)
    extracted = out / "unzipped"
    zipfile.ZipFile(path).extractall(extracted)
    return path, extracted, findings


def test_the_data_package_validates(archive, frictionless):
    _, extracted, _ = archive
    report = frictionless.validate(str(extracted / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:20]
    assert len(report.tasks) >= 3 + 4 * 8  # three combined tables and the agencies' own tables


def test_the_package_describes_every_csv_with_typed_fields(archive, root):
    path, _, _ = archive
    names = zipfile.ZipFile(path).namelist()
    package = json.loads(zipfile.ZipFile(path).read("datapackage.json"))
    described = {r["path"] for r in package["resources"]}
    assert described == {n for n in names if n.endswith(".csv")}
    assert "agencies.yml" in names and "sources/sibolga.txt" in names
    results = next(r for r in package["resources"] if r["path"] == "kalimantan-barat/indicator_results.csv")
    fields = {f["name"]: f for f in results["schema"]["fields"]}
    assert fields["target"]["type"] == "number" and fields["target_printed"]["type"] == "string"
    assert fields["source_line"]["type"] == "integer" and fields["source_line"]["constraints"]["minimum"] == 1
    assert fields["basis"]["constraints"]["enum"] == ["annual", "renstra_end"]
    assert fields["canonical"]["type"] == "boolean"
    with open(root / "data" / "kalimantan-barat" / "indicator_results.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert [f["name"] for f in results["schema"]["fields"]] == header


def test_a_wrong_value_makes_the_package_invalid(archive, tmp_path, frictionless):
    import shutil

    _, extracted, _ = archive
    copy = tmp_path / "pkg"
    shutil.copytree(extracted, copy)
    path = copy / "kalimantan-barat" / "indicator_results.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"5,87 %",5.87,', '"5,87 %",five,', 1), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any(e[3] == "type-error" and e[2] == "realisasi"
               for e in report.flatten(["taskNumber", "rowNumber", "fieldName", "type"]))


def test_combined_tables_hold_every_agency(archive, root):
    _, extracted, findings = archive
    indicators = _rows(extracted / "combined" / "indicators.csv")
    expected = sum(len(_rows(root / "data" / a / "indicators.csv")) for a in lkjpy.agencies())
    assert len(indicators) == expected
    assert {r["agency_id"] for r in indicators} == set(lkjpy.agencies())
    k1 = next(r for r in indicators if r["agency_id"] == "kalimantan-barat" and r["indicator_id"] == "K1")
    assert (k1["target_printed"], k1["realisasi_printed"], k1["source_line"]) == ("4,57 %", "5,87 %", "457")
    programs = _rows(extracted / "combined" / "budget_programs.csv")
    expected = sum(1 for a in lkjpy.agencies() if (root / "data" / a / "budget.csv").exists()
                   for r in _rows(root / "data" / a / "budget.csv")
                   if r["level"] == "program" and r["canonical"] == "true")
    assert len(programs) == expected > 0 and all(r["level"] == "program" for r in programs)
    audit = _rows(extracted / "combined" / "audit_findings.csv")
    assert len(audit) == len(findings) > 0


def test_the_archive_is_the_same_for_the_same_data(archive, tmp_path):
    path, _, findings = archive
    again = write_archive([combined_parts(lkjpy.load_agency(a)) for a in lkjpy.agencies()], findings, tmp_path)
    assert again.read_bytes() == path.read_bytes()


def _chapter(chapters, agency_id, ok, audit_rows=""):
    out = chapters / agency_id / "outputs"
    out.mkdir(parents=True)
    (out / "status.json").write_text(json.dumps({"ok": ok, "reason": "" if ok else "broken", "name": agency_id}),
                                     encoding="utf-8")
    if ok:
        (out / "summary.json").write_text("{}", encoding="utf-8")
        write_combined_parts(lkjpy.load_agency(agency_id), out)
    (out / "audit.csv").write_text("agency_id,check,subject,severity\n" + audit_rows, encoding="utf-8")


def test_the_build_stages_the_archive_from_the_chapters_outputs(tmp_path, root, monkeypatch):
    import lkjpy.load
    from lkjpy.downloads import stage_archive

    chapters = tmp_path / "agencies"
    _chapter(chapters, "sibolga", True, "sibolga,sisa,x sisa,error\n")
    _chapter(chapters, "kalimantan-barat", False, "kalimantan-barat,sisa,y sisa,error\n")  # failed: left out
    ids = ["sibolga", "kalimantan-barat"]

    def no_load(*args, **kwargs):
        raise AssertionError("the archive is made from the chapters' outputs, without loading an agency")

    monkeypatch.setattr(lkjpy.load, "load_agency", no_load)
    path = stage_archive(chapters, ids, tmp_path / "archive", root / "data")
    archive = zipfile.ZipFile(path)
    # the findings as the chapter wrote them, not audited again
    assert archive.read("combined/audit_findings.csv").decode() == "agency_id,check,subject,severity\nsibolga,sisa,x sisa,error\n"
    indicators = archive.read("combined/indicators.csv").decode()
    assert "\nsibolga," in indicators and "kalimantan-barat," not in indicators
    again = stage_archive(chapters, ids, tmp_path / "again", root / "data")
    assert again.read_bytes() == path.read_bytes()


def test_the_site_digest_sees_a_new_archive_and_new_chart_data(tmp_path):
    from lkjpy.build import ARCHIVE_STAMP, site_digest
    from lkjpy.project import Project

    for name in ("_config.yml", "_toc.yml"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    project = Project(tmp_path)
    before = site_digest(project, ["jobs"])
    project.build.mkdir()
    staged = {"charts": "_data/charts"}
    (project.build / ARCHIVE_STAMP).write_text(json.dumps({"key": "1", "staged": staged}), encoding="utf-8")
    with_archive = site_digest(project, ["jobs"])
    (project.build / ARCHIVE_STAMP).write_text(json.dumps({"key": "2", "staged": staged}), encoding="utf-8")
    new_archive = site_digest(project, ["jobs"])
    charts = project.book / "_data" / "charts"
    charts.mkdir(parents=True)
    (charts / "comparison-budget.csv").write_text("agency,pagu\nA,1\n", encoding="utf-8")
    with_chart = site_digest(project, ["jobs"])
    assert len({before, with_archive, new_archive, with_chart}) == 4
    assert site_digest(project, ["jobs"]) == with_chart
