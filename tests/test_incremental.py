"""The site build is incremental and leaves no stale figure: in a two-agency project, one printed
figure of one report is corrected; the rebuild re-reads only the pages that change, and the
published chapter, comparison, report-quality and home pages all show the new figure and none the
old one; publishing removes the site it replaced and no other. A failed site build changes nothing
published, and the next build recovers.

The builds run one after the other (module fixtures, each taking the state the previous one left);
each fixture keeps what the tests look at, so the tests do not depend on their order.

The figure: Kalimantan Barat's indicator K2 ("Prosentase Usaha Kecil Naik Kelas"), its 2024
realisation as printed in the results table of Bab III.A (source line 458), from ``0,08 %`` to
``0,06 %`` (the report, its curated row and the registry's checksum of the report all changed, as
a corrected report would be). Worked by hand:

- capaian K2 = realisasi / target x 100 = 0.06 / 0.08 x 100 = 75 (printed: 100, kept);
  K1 = 5.87 / 4.57 x 100 = 128.446...; K3 is a grade (A against A: met, no capaian figure);
- targets met: K1 (128.4 >= 100) and K3, not K2: 2 of 3 (was 3 of 3);
- median (and mean) capaian of K1 and K2: (128.446 + 75) / 2 = 101.723 -> 101.7 % (was
  (128.446 + 100) / 2 = 114.223 -> 114.2 %);
- serapan = 19,882,262,551 / 20,674,821,126 x 100 = 96.1666 (printed total, line 659), so the
  efficiency index = 101.723 / 96.1666 x 100 = 105.778 -> 105.8 (was 114.223 / 96.1666 x 100
  = 118.776 -> 118.8);
- Sibolga met 4 of its 5 assessed targets, 4 / 5 = 80 % (its own data, unchanged), now above
  Kalimantan Barat's 2 / 3 = 66.7 %: the home page's headline names Sibolga instead;
- the report now prints K2's realisation twice differently: 0,06 % (line 458) against 0,08 %
  (line 480), off by |0.08 - 0.06| = 0.02, which is 0.02 / 0.06 = 33.33 % of the canonical figure.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path

import pytest
from projects import copy_project, executed, lkjpy_cli
from sphinx.search import js_index

pytestmark = pytest.mark.slow(55)  # seconds on two cores: started first

BOOK = Path("_build") / "html" / "book"
PAGES = {"chapter": "agencies/kalimantan-barat/agency.html", "comparison": "pages/comparison.html",
         "quality": "pages/quality.html", "home": "index.html", "glossary": "reference/glossary.html"}
OLD = {"chapter": ["0,08 % 0,08 % 100 100.00%"],
       "comparison": ["Provinsi Kalimantan Barat provinsi 2024 3 3 / 3 114.2% 114.2%",
                      "Provinsi Kalimantan Barat met the largest share of its performance targets: 3 of 3 (100%)",
                      "efficiency index of 118.8"],
       "home": ["Provinsi Kalimantan Barat met the largest share of its performance targets: 3 of 3 (100%)",
                "efficiency index of 118.8"]}
NEW = {"chapter": ["0,08 % 0,06 % 100 75.00%"],
       "comparison": ["Provinsi Kalimantan Barat provinsi 2024 3 2 / 3 101.7% 101.7%",
                      "Kota Sibolga met the largest share of its performance targets: 4 of 5 (80%)",
                      "efficiency index of 105.8", "0,08 % 0,06 % 75.0% no"],
       "quality": ["printed 0,06 % (canonical, line 458) and 0,08 % (line 480) for the same quantity "
                   "(off by 0.02, 33.33 % of the recomputed figure)"],
       "home": ["Kota Sibolga met the largest share of its performance targets: 4 of 5 (80%)",
                "efficiency index of 105.8"]}
GLOSSARY = Path("book") / "reference" / "glossary.md"


def page_text(path: Path) -> str:
    """A page's visible text: tags, scripts and styles removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def published(root: Path) -> dict[str, str]:
    return {name: page_text(root / BOOK / page) for name, page in PAGES.items()}


def site_files(root: Path) -> dict[str, str]:
    """Every file of the published site with its hash."""
    site = (root / "_build" / "html").resolve()
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    """The inode of each published page (a page hard-linked from the previous site keeps its own)."""
    pages = {**PAGES, "other chapter": "agencies/sibolga/agency.html"}
    return {name: (root / BOOK / page).stat().st_ino for name, page in pages.items()}


def search_docnames(root: Path) -> set[str]:
    index = js_index.loads((root / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8"))
    return set(index["docnames"])


def pages_read(root: Path) -> set[str]:
    """The documents the last site build read (whose doctree it wrote again), as the build recorded them."""
    return set(json.loads((root / "_build" / "manifest.json").read_text(encoding="utf-8"))["site"]["read"])


def build(root: Path):
    return lkjpy_cli(root, "build", "-j", "2")


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """A two-agency project, built from nothing."""
    root = copy_project(tmp_path_factory.mktemp("incremental"), only=["sibolga", "kalimantan-barat"])
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "output": result.stdout, "pages": published(root), "search": search_docnames(root),
            "read": pages_read(root), "inodes": inodes(root)}


def correct_the_report(root: Path) -> None:
    """K2's 2024 realisation on source line 458 becomes 0,06 %, in the report, its curated row and
    the registry's checksum of the report."""
    source = root / "data" / "sources" / "kalimantan-barat.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines[457].endswith("Prosentase Usaha Kecil Naik Kelas\t0,08 %\t0,08 %\t100"), lines[457]
    old_sha = hashlib.sha256(source.read_bytes()).hexdigest()
    lines[457] = lines[457].replace("0,08 %\t0,08 %\t100", "0,08 %\t0,06 %\t100")
    source.write_text("\n".join(lines), encoding="utf-8")
    registry = root / "data" / "agencies.yml"
    text = registry.read_text(encoding="utf-8")
    assert text.count(old_sha) == 1
    registry.write_text(text.replace(old_sha, hashlib.sha256(source.read_bytes()).hexdigest()), encoding="utf-8")
    results = root / "data" / "kalimantan-barat" / "indicator_results.csv"
    rows = results.read_text(encoding="utf-8")
    row = ',"0,08 %",0.08,,"0,08 %",0.08,,100,100,,,,,,,,,,true,'
    assert rows.count(row) == 1
    results.write_text(rows.replace(row, row.replace(',"0,08 %",0.08,,100', ',"0,06 %",0.06,,100')), encoding="utf-8")


@pytest.fixture(scope="module")
def changed(first):
    """The report corrected and rebuilt, with the site of another build lying in the project's sites."""
    root = first["root"]
    correct_the_report(root)
    other = root / "_build" / "sites" / "site-of-another-build"
    other.mkdir()
    (other / "index.html").write_text("another build's site", encoding="utf-8")
    replaced = os.readlink(root / "_build" / "html")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "output": result.stdout, "pages": published(root), "search": search_docnames(root),
            "read": pages_read(root), "inodes": inodes(root), "replaced": replaced,
            "published": os.readlink(root / "_build" / "html"), "replaced_kept": (root / "_build" / replaced).exists(),
            "other_kept": (other / "index.html").is_file()}


@pytest.fixture(scope="module")
def noop(changed):
    return build(changed["root"])


@pytest.fixture(scope="module")
def failed(noop, changed):
    """A page that breaks the strict site build: the build fails; then it is mended and rebuilt."""
    root = changed["root"]
    page = root / GLOSSARY
    good = page.read_text(encoding="utf-8")
    before = site_files(root)
    page.write_text(good + "\nA changed line.\n\n```{not-a-directive}\n```\n", encoding="utf-8")
    try:
        broken = build(root)
        after = site_files(root)
    finally:
        page.write_text(good + "\nA changed line.\n", encoding="utf-8")
    mended = build(root)
    return {"broken": broken, "before": before, "after": after, "mended": mended, "pages": published(root)}


def test_the_first_build_is_full_and_shows_the_old_figures(first):
    assert "site: ok" in first["output"] and "full build" in first["output"]
    for page, texts in OLD.items():
        for text in texts:
            assert text in first["pages"][page], (page, text)
    for page, texts in NEW.items():
        for text in texts:
            assert text not in first["pages"][page], (page, text)


@pytest.mark.parametrize("page", sorted(NEW))
def test_the_new_figure_is_on_every_page_that_shows_it(changed, page):
    for text in NEW[page]:
        assert text in changed["pages"][page], text
    for text in OLD.get(page, []):
        assert text not in changed["pages"][page], text


def test_the_rebuild_reads_only_the_pages_that_change(first, changed):
    output = changed["output"]
    assert "site: ok" in output and "incremental" in output, output
    read = changed["read"]
    assert {"book/agencies/kalimantan-barat/agency", "book/pages/comparison", "book/pages/quality"} <= read
    assert "book/index" in read  # its source is unchanged: re-read because it glues from the comparison
    assert "book/agencies/sibolga/agency" not in read and "book/reference/glossary" not in read
    assert len(read) < len(first["read"]), read
    assert changed["search"] == first["search"]  # the search index still covers every page


def test_the_new_site_copies_what_changed_and_links_the_rest_from_the_last_one(first, changed):
    assert changed["inodes"]["other chapter"] == first["inodes"]["other chapter"]  # unchanged: linked
    for page in ("chapter", "comparison", "quality", "home"):
        assert changed["inodes"][page] != first["inodes"][page], page  # rewritten: a new copy


def test_publishing_removes_only_the_site_it_replaced(changed):
    assert changed["published"] != changed["replaced"]
    assert not changed["replaced_kept"]
    assert changed["other_kept"]  # another build's site is not this build's to remove


def test_a_noop_build_skips_the_site(noop):
    assert noop.returncode == 0, noop.stdout + noop.stderr
    assert executed(noop.stdout) == 0
    assert "site: unchanged, skipped" in noop.stdout


def test_a_failed_site_build_changes_nothing_published_and_the_next_build_recovers(failed, changed):
    assert failed["broken"].returncode == 1
    assert "jupyter-book build failed; the published site is unchanged" in failed["broken"].stderr
    assert failed["after"] == failed["before"]  # not one file of the published site changed
    mended = failed["mended"]
    assert mended.returncode == 0, mended.stdout + mended.stderr
    assert "full build" in mended.stdout  # the persistent output of a failed build is not trusted
    assert "A changed line." in failed["pages"]["glossary"]
    for page, texts in NEW.items():
        for text in texts:
            assert text in failed["pages"][page], (page, text)


def test_glue_dependents_follow_chains_of_glue():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book" / "_ext"))
    from lkjpy_incremental import glue_dependents

    glue_from = {"index": {"pages/comparison"}, "summary": {"index"}, "glossary": set()}
    assert glue_dependents(glue_from, {"pages/comparison"}) == {"index", "summary"}
    assert glue_dependents(glue_from, {"glossary"}) == set()


def test_a_site_output_without_its_completion_mark_or_of_another_structure_needs_a_full_build(tmp_path):
    from lkjpy.build import SITE_WORK_MARK, needs_full_site_build, site_work
    from lkjpy.project import Project

    project = Project(tmp_path)
    assert needs_full_site_build(project, "a")  # no output at all
    work = site_work(project)
    for path in (work / "_build" / "html" / "index.html", work / "_build" / "html" / "searchindex.js",
                 work / "_build" / ".doctrees" / "environment.pickle"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    assert needs_full_site_build(project, "a")  # a failed or killed build leaves no mark
    (work / SITE_WORK_MARK).write_text('{"structure": "a"}', encoding="utf-8")
    assert not needs_full_site_build(project, "a")
    assert needs_full_site_build(project, "b")  # configuration, table of contents, extensions... changed
    (work / "_build" / ".doctrees" / "environment.pickle").unlink()
    assert needs_full_site_build(project, "a")


def test_publishing_copies_a_file_rewritten_in_place_and_links_an_unchanged_one(tmp_path):
    from lkjpy.build import copies_record, copy_site

    html, first, second = tmp_path / "html", tmp_path / "site-1", tmp_path / "site-2"
    (html / "sub").mkdir(parents=True)
    (html / "same.html").write_text("unchanged", encoding="utf-8")
    (html / "sub" / "page.html").write_text("old figure", encoding="utf-8")
    first.mkdir()
    copy_site(html, first, None, {})
    record = copies_record(html, first)
    with (html / "sub" / "page.html").open("w", encoding="utf-8") as handle:  # as Sphinx writes: in place
        handle.write("new figure")
    second.mkdir()
    copy_site(html, second, first, record)
    assert (first / "sub" / "page.html").read_text(encoding="utf-8") == "old figure"  # the published one untouched
    assert (second / "sub" / "page.html").read_text(encoding="utf-8") == "new figure"
    assert (second / "same.html").stat().st_ino == (first / "same.html").stat().st_ino  # linked, not copied
    assert (second / "same.html").stat().st_ino != (html / "same.html").stat().st_ino  # never the output's own file
    (first / "same.html").write_text("changed behind the build's back", encoding="utf-8")
    third = tmp_path / "site-3"
    third.mkdir()
    copy_site(html, third, first, record)  # the first site's copy changed since its record: copied again
    assert (third / "same.html").read_text(encoding="utf-8") == "unchanged"
