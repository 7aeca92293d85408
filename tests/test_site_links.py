"""Every internal link of the built book resolves, downloads included, and the site publishes only
the registry and each registered agency's own files."""

from __future__ import annotations

import re

from sitelinks import broken_links, parse_page, repeated_ids

import lkjpy
from lkjpy.schema import TABLES


def test_every_internal_link_resolves(built_site):
    checked, broken = broken_links(built_site)
    assert checked > 1000  # the four chapters alone link hundreds of source lines
    assert broken == [], f"{len(broken)} broken links, e.g.\n" + "\n".join(broken[:30])


def test_no_page_gives_one_id_to_two_elements(built_site):
    """Ids name link targets and label elements; axe-core checks them only on the rows the browser
    survey keeps (see tests/browsing.py, TRIM_REPEATS), so every page is checked here whole."""
    assert repeated_ids(built_site) == []


def test_a_repeated_id_is_found(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html").write_text("<p id='a'>x</p><a name='b'></a><span id='b'></span><b id='a'></b>",
                                             encoding="utf-8")
    (tmp_path / "q.html").write_text("<p id='a'>x</p><p id='c'></p>", encoding="utf-8")
    assert repeated_ids(tmp_path) == ["sub/p.html#a"]


def test_the_data_page_links_every_published_file(built_site):
    page = built_site / "book" / "pages" / "data.html"
    downloads = {link for link in parse_page(page).links if "_static/downloads/" in link}
    expected = {"agencies.yml"}
    for agency_id in lkjpy.agencies():
        agency = lkjpy.load_agency(agency_id)
        expected |= {f"{agency_id}/{name}.csv" for name in agency.tables}
        expected.add(agency.meta["source"])
    linked = {re.sub(r"^.*?_static/downloads/", "", link) for link in downloads}
    assert expected <= linked
    for link in downloads:
        assert (page.parent / link).resolve().is_file(), link


def test_only_registry_tables_and_sources_are_published(built_site):
    published = {p.relative_to(built_site / "_static" / "downloads").as_posix()
                 for p in (built_site / "_static" / "downloads").rglob("*") if p.is_file()}
    allowed = {"agencies.yml"}
    for agency_id in lkjpy.agencies():
        allowed |= {f"{agency_id}/{name}.csv" for name in TABLES}
        allowed.add(lkjpy.load_agency(agency_id).meta["source"])
    assert published and published <= allowed, published - allowed
    assert "README.md" not in published


def test_a_line_range_needs_both_of_its_lines():
    from sitelinks import anchor_found

    ids = {"L5", "L9", "top"}
    assert anchor_found("top", ids) and anchor_found("L5-L9", ids)
    assert not anchor_found("L5-L10", ids) and not anchor_found("L4-L9", ids) and not anchor_found("L5-", ids)


def test_every_chart_of_the_cross_pages_links_the_data_it_plots(built_site):
    from lkjpy.crosspages import CHART_DATA

    for page_name in ("comparison", "quality"):
        page = built_site / "book" / "pages" / f"{page_name}.html"
        text = page.read_text(encoding="utf-8")
        charts = {re.sub(r"^.*?_static/charts/", "", link) for link in parse_page(page).links
                  if "_static/charts/" in link}
        assert charts == {f"{name}.csv" for name in CHART_DATA if name.startswith(page_name)}, page_name
        assert text.count("<figure") == len(charts), page_name  # one data file per chart
        for name in charts:
            assert (built_site / "_static" / "charts" / name).is_file(), name
