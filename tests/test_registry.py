"""The registry: ids, fields, vendored sources and their sha256."""

import hashlib
from pathlib import Path

import pytest

import lkjpy
from lkjpy.registry import agency_entry, read_registry, source_path

#: Data pins: the four curated reports, in registry order, with their report year and level.
CURATED = {"pesisir-selatan": (2024, "kabupaten"), "sumatera-selatan": (2023, "provinsi"),
           "sibolga": (2024, "kota"), "kalimantan-barat": (2024, "provinsi")}


def test_agencies_follow_the_registry_in_order(root):
    import yaml

    listed = [e["id"] for e in yaml.safe_load((root / "data" / "agencies.yml").read_text(encoding="utf-8"))["agencies"]]
    assert lkjpy.agencies() == listed
    assert [i for i in listed if i in CURATED] == list(CURATED)  # the curated reports, in their order


def test_each_source_matches_its_sha256(root):
    for entry in read_registry():
        path = root / "data" / entry["source"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["id"]


def test_report_years_and_levels():
    years = {e["id"]: (e["year"], e["level"]) for e in read_registry()}
    assert {i: years.get(i) for i in CURATED} == CURATED


def test_unknown_and_unsafe_ids_are_clear_errors():
    with pytest.raises(lkjpy.DataError, match="no agency with id 'atlantis'"):
        agency_entry("atlantis")
    for bad in ("../x", "/etc", "has space", "UPPER"):
        with pytest.raises(lkjpy.DataError, match="not a valid agency id"):
            agency_entry(bad)


def _write_registry(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.yml").write_text(body, encoding="utf-8")
    return folder


def test_changed_source_is_detected(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "x.txt").write_text("hello\n", encoding="utf-8")
    root = _write_registry(tmp_path, """agencies:
  - {id: x, name: X, name_en: X, level: kota, region: Kota X, province: P, year: 2024,
     source: sources/x.txt, sha256: "0000000000000000000000000000000000000000000000000000000000000000"}
""")
    with pytest.raises(lkjpy.DataError, match="sha256 of 'sources/x.txt' is"):
        source_path(agency_entry("x", root), root)


def test_registry_problems_name_entry_and_field(tmp_path):
    root = _write_registry(tmp_path, """agencies:
  - {id: ok-one, name: X, name_en: X, level: kota, region: R, province: P, year: 2024,
     source: sources/s.txt, sha256: 0000000000000000000000000000000000000000000000000000000000000000}
  - {id: ok-one, name: Y, level: village, region: R, province: P, year: 1850, source: ../s.txt, sha256: ab}
""")
    with pytest.raises(lkjpy.DataError) as err:
        read_registry(root)
    text = str(err.value)
    assert "agencies.yml, row 2, column 'id': id 'ok-one' is listed twice" in text
    assert "row 2, column 'name_en': required field is missing" in text
    assert "row 2, column 'level'" in text
    assert "row 2, column 'year'" in text
    assert "row 2, column 'source': source '../s.txt' must be a file sources/<name>.txt" in text
    assert "row 2, column 'sha256': sha256 must be 64 lower-case hex digits" in text


@pytest.mark.parametrize("yaml_text, message", [
    ("agencies: &a []\nother: *a\n", "anchors and aliases are not allowed"),
    ("agencies: !!python/object/apply:os.system ['true']\n", "is not allowed"),
    ("agencies:\n  - !custom {id: x}\n", "tag '!custom' is not allowed"),
])
def test_yaml_tags_and_anchors_are_refused(tmp_path, yaml_text, message):
    root = _write_registry(tmp_path, yaml_text)
    with pytest.raises(lkjpy.DataError, match=message):
        read_registry(root)


def test_registry_is_parsed_again_only_when_its_bytes_change(tmp_path, root, monkeypatch):
    import lkjpy.registry as registry

    data = tmp_path / "data"
    data.mkdir()
    text = (root / "data" / "agencies.yml").read_text(encoding="utf-8")
    (data / "agencies.yml").write_text(text, encoding="utf-8")
    calls = []
    real = registry.plain_yaml
    monkeypatch.setattr(registry, "plain_yaml", lambda t: calls.append(1) or real(t))
    first = read_registry(data)
    first[0]["name"] = "changed by a caller"  # callers get copies: the remembered registry is unchanged
    assert read_registry(data)[0]["name"] != "changed by a caller"
    assert len(calls) == 1
    (data / "agencies.yml").write_text(text.replace("year: 2023", "year: 2022"), encoding="utf-8")
    assert {e["year"] for e in read_registry(data)} == {2022, 2024}
    assert len(calls) == 2
