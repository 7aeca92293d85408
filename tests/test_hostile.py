"""Safe rendering, deterministic builds and faults, in a temporary project holding one hostile
agency whose texts try to inject HTML, MyST markup and chart mathematics. The project is built
once; the tests that build again do so in their own copy of it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import nbformat
import pytest
from browsing import served as serve_folder
from projects import copy_built, copy_project, lkjpy_cli
from sitelinks import broken_links

from lkjpy.build import SITE_WORK, SITE_WORK_MARK
from lkjpy.registry import sha256_of

pytestmark = pytest.mark.slow(80)  # seconds on two cores: started first

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> {glue:text}`agency_name` *x* $5$"
QUOTED = "O'Brien \"x\" 'y'"  # shown exactly, never as typographic quotes
SOURCE = f"""LAPORAN KINERJA 2024
Tabel 1 {HOSTILE}
1\tSasaran {HOSTILE}\tIndikator {HOSTILE}\t50 %\t45 %\t90
"""


def _csv_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The built hostile project; read only (see ``own_copy``)."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project", only=[])
    data = root / "data"
    (data / "sources" / "hostile.txt").write_text(SOURCE, encoding="utf-8")
    name = f"Dinas {QUOTED} {HOSTILE}".replace("'", "''")
    (data / "agencies.yml").write_text(f"""agencies:
  - id: hostile
    name: '{name}'
    name_en: '{name}'
    level: kota
    region: Kota X
    province: Provinsi X
    year: 2024
    source: sources/hostile.txt
    sha256: {sha256_of(data / "sources" / "hostile.txt")}
""", encoding="utf-8")
    (data / "hostile").mkdir()
    (data / "hostile" / "indicators.csv").write_text(
        "indicator_id,sasaran,indicator,indicator_en,unit,polarity,theme,formula_variant,source_table,source_line\n"
        f"I1,{_csv_text('Sasaran ' + HOSTILE)},{_csv_text('Indikator ' + HOSTILE)},{_csv_text(HOSTILE)},%,higher,"
        "msme,higher_ratio,Tabel 1,3\n", encoding="utf-8")
    (data / "hostile" / "indicator_results.csv").write_text(
        "indicator_id,year,basis,target_printed,target,realisasi_printed,realisasi,capaian_reported_printed,"
        "capaian_reported,canonical,source_table,source_line,note\n"
        f"I1,2024,annual,50 %,50,45 %,45,90,90,true,Tabel 1,3,{_csv_text(HOSTILE)}\n", encoding="utf-8")
    result = lkjpy_cli(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def own_copy(project, tmp_path):
    """This test's own copy of the built hostile project, to build again."""
    return copy_built(project, tmp_path / "project")


def test_data_texts_render_as_text_in_html(project):
    site = project / "_build" / "html"
    for page in ("book/agencies/hostile/agency.html", "book/pages/comparison.html", "book/sources/hostile.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
        assert "{glue:text}`agency_name`" in html.replace("&#96;", "`"), page


def test_no_script_runs_in_the_browser(project, browser):
    site = project / "_build" / "html"
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for rel in ("book/agencies/hostile/agency.html", "book/pages/comparison.html", "book/sources/hostile.html"):
        page.goto((site / rel).resolve().as_uri(), wait_until="load")
        assert "<script>alert(1)</script>" in page.inner_text("main")
    page.close()
    assert dialogs == []


@pytest.fixture(scope="module")
def served(project):
    """The hostile project's site over HTTP (the search page fetches pages, as on a real host)."""
    with serve_folder((project / "_build" / "html").resolve()) as base:
        yield base


#: Sphinx's search has listed all its results (it writes its status line, empty until then, when the
#: last is listed) and each result has its summary, fetched from the result's page after the list.
SEARCH_DONE = """() => {
  const items = [...document.querySelectorAll('#search-results li')];
  return Search.status && Search.status.innerText.trim() !== '' && items.length > 0
    && items.every(li => li.querySelector(':scope > p.context, :scope > span'));
}"""


def test_no_script_runs_from_the_search_page(project, served, browser):
    """Sphinx's search page shows matching titles from searchindex.js as HTML: searching for the
    agency's name must show the name as text and run nothing."""
    name = f"Dinas {QUOTED} {HOSTILE}"
    dialogs, injected = [], []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for query in (name, HOSTILE, "onerror"):
        page.goto(f"{served}/search.html?q={quote(query)}", wait_until="load")
        page.wait_for_function(SEARCH_DONE, timeout=20_000)
        injected += page.eval_on_selector_all("#search-results img, #search-results script",
                                              "els => els.map(e => e.outerHTML)")
        assert "<img src=x onerror=alert(2)>" in page.inner_text("#search-results"), query
    page.close()
    assert dialogs == [] and injected == []


def test_names_keep_their_quotes(project):
    """No smart-quote rewriting: O'Brien and "x" stand in the chapter's headings, in the page title
    and in the menu exactly as in the registry."""
    import html
    import re

    page = (project / "_build" / "html" / "book" / "agencies" / "hostile" / "agency.html").read_text(encoding="utf-8")
    shown = [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<h1>(.*?)</h1>", page, flags=re.S)]
    shown += [html.unescape(m) for m in re.findall(r"<title>(.*?)</title>", page, flags=re.S)]
    shown += [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in
              re.findall(r'<a class="reference internal" href="[^"]*hostile/agency.html">(.*?)</a>', page, flags=re.S)]
    assert len(shown) >= 3
    for text in shown:
        assert QUOTED in text, text


def test_every_internal_link_of_the_hostile_site_resolves(project):
    checked, broken = broken_links(project / "_build" / "html")
    assert checked > 100 and broken == [], broken[:20]


VOLATILE_METADATA = ("papermill", "execution")  # timestamps and durations, documented in README


def _stable(path):
    nb = nbformat.read(path, as_version=4)
    for key in VOLATILE_METADATA:
        nb.metadata.pop(key, None)
        for cell in nb.cells:
            cell.metadata.pop(key, None)
    return nbformat.writes(nb)


def test_two_builds_give_identical_outputs(own_copy):
    project = own_copy
    chapter = project / "book" / "agencies" / "hostile"
    files = [chapter / "agency.ipynb", *sorted((chapter / "outputs").iterdir()),
             *sorted((project / "book" / "pages").glob("*.ipynb"))]
    first = {f: _stable(f) if f.suffix == ".ipynb" else f.read_bytes() for f in files}
    result = lkjpy_cli(project, "build", "--force", "--no-site")
    assert result.returncode == 0, result.stderr
    for f in files:
        again = _stable(f) if f.suffix == ".ipynb" else f.read_bytes()
        assert again == first[f], f"{f.name} differs between two builds of the same inputs"


def test_a_killed_build_leaves_the_site_and_a_rerun_completes(own_copy):
    """Killed while jupyter-book writes the new site (a hand-written page changed, so the site is
    built again): the published site stays as it was, and the next build completes."""
    project = own_copy
    site = project / "_build" / "html"
    before = os.readlink(site)
    page = project / "book" / "reference" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    mark = project / "_build" / SITE_WORK / SITE_WORK_MARK  # removed when the site build starts
    assert mark.is_file()
    proc = subprocess.Popen([sys.executable, "-m", "lkjpy", "--root", str(project), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=project,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while mark.is_file() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # jupyter-book under way
    assert proc.poll() is None, "the build ended before it was killed"
    assert not mark.is_file(), "the site build did not start within 120 s"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert os.readlink(site) == before and (site / "index.html").exists()
    result = lkjpy_cli(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "_build" / "html" / "book" / "agencies" / "hostile" / "agency.html").exists()


def _chapter_template_running(project, source):
    """The chapter template replaced by one (its front matter kept) that takes the chapter's parameters
    and runs ``source``."""
    template = project / "notebooks" / "agency.md"
    original = template.read_text(encoding="utf-8")
    front_matter = original[:original.index("\n---\n", 4) + 5]
    template.write_text(f"{front_matter}\n```{{code-cell}} ipython3\n:tags: [parameters]\n\nagency_id = ''\n"
                        f"project_root = ''\nlocale = 'en'\n```\n\n```{{code-cell}} ipython3\n{source}\n```\n",
                        encoding="utf-8")
    return template, original


@pytest.mark.parametrize("cell, reason", [
    ("import os\nos._exit(1)", "kernel died"),
    ("import time\ntime.sleep(60)", "longer than the time limit"),
])
def test_kernel_death_and_timeout_are_reported_per_agency(own_copy, cell, reason):
    project = own_copy
    template, original = _chapter_template_running(project, cell)
    try:
        result = lkjpy_cli(project, "build", "--timeout", "5", "--no-site", timeout=300)
        assert result.returncode == 1
        assert "FAILED hostile" in result.stderr and reason in result.stderr
        manifest = json.loads((project / "_build" / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["jobs"]["hostile"]["outcome"] == "failed"
    finally:
        template.write_text(original, encoding="utf-8")
