"""The menu grouped by province (lkjpy.navigation), on hand-made registries."""

import pytest

from lkjpy.navigation import grouped_toc, province_page, provinces, slug

TOC = {"format": "jb-book", "root": "book/index", "parts": [
    {"caption": "Agencies", "chapters": [{"file": "book/agencies/index",
                                          "sections": [{"glob": "book/agencies/*/agency"}]}]},
    {"caption": "Reference", "chapters": [{"file": "book/sources", "sections": [{"glob": "book/sources/*"}]},
                                          {"file": "book/pages/data"}]}]}
ENTRIES = [{"id": "a", "name": "Dinas A", "province": "Sumatera Barat", "year": 2024},
           {"id": "b", "name": "Dinas B", "province": "Jawa Timur", "year": 2023},
           {"id": "c", "name": "Dinas C", "province": "Sumatera Barat", "year": 2024}]


def test_slug():
    assert slug("Sumatera Barat") == "sumatera-barat"
    assert slug("D.I. Yogyakarta") == "d-i-yogyakarta"
    assert slug("Nusa Tenggara  Timur ") == "nusa-tenggara-timur"
    assert slug("Papua Barat Daya (2022)") == "papua-barat-daya-2022"


def test_provinces_keep_order_of_first_appearance():
    groups = provinces(ENTRIES)
    assert list(groups) == ["sumatera-barat", "jawa-timur"]
    assert [e["id"] for e in groups["sumatera-barat"]] == ["a", "c"]


def test_two_province_names_with_one_slug_stay_apart():
    groups = provinces([{"id": "x", "province": "Bali"}, {"id": "y", "province": "BALI"}])
    assert list(groups) == ["bali", "bali-x"]


def test_grouped_toc_nests_agencies_and_their_sources_under_provinces():
    toc = grouped_toc(TOC, ENTRIES)
    agencies = toc["parts"][0]["chapters"][0]["sections"]
    assert [s["file"] for s in agencies] == ["book/provinces/sumatera-barat", "book/provinces/jawa-timur"]
    assert agencies[0]["sections"] == [
        {"file": "book/agencies/a/agency", "sections": [{"file": "book/sources/a"}]},
        {"file": "book/agencies/c/agency", "sections": [{"file": "book/sources/c"}]}]
    assert "sections" not in toc["parts"][1]["chapters"][0]  # the flat list of sources is gone
    assert TOC["parts"][0]["chapters"][0]["sections"] == [{"glob": "book/agencies/*/agency"}]  # input untouched


def test_grouped_toc_needs_the_agency_glob():
    with pytest.raises(ValueError, match="no 'book/agencies/\\*/agency' glob"):
        grouped_toc({"parts": [{"chapters": [{"file": "book/index"}]}]}, ENTRIES)


def test_province_page_links_each_agency_with_texts_escaped():
    page = province_page([{"id": "a", "name": "Dinas <b>A</b>", "province": "Sumatera Barat", "year": 2024}])
    assert page.startswith("# Sumatera Barat\n")
    assert "The reports of 1 agency in Sumatera Barat:" in page
    assert "[Dinas \\<b\\>A\\</b\\>](../agencies/a/agency.ipynb) (2024)" in page
