"""Every page of the site is surveyed at a phone's and a laptop's width in test_site_survey_*.py
(the two widths run side by side in parallel test processes). Here: the menu and contents buttons
open their panels on a phone; figures are SVG images with alt text that fit a phone; each chapter's
audit links land on a source line, and a cited range of lines is highlighted whole, clear of the
sticky header, readable in dark mode too; the trimming of long tables before axe-core's check keeps
every low-contrast row."""

from __future__ import annotations

import pytest
from browsing import OUTSIDE, TRIM_REPEATS, axe_blocking, axe_script, needs_chromium, served, viewport

import lkjpy

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(built_site):
    with served(built_site) as base:
        yield base, built_site


class Tabs:
    """One tab per viewport width, kept from test to test (opening a tab costs Chromium a renderer
    process, about a second of processor time). Each visit starts from a blank page, so it loads
    the whole page and nothing of an earlier test is left in it."""

    def __init__(self, browser):
        self.browser, self.open = browser, {}

    def visit(self, url: str, width: int = 1280):
        """Load a page at a viewport width; return (page, console errors, outside requests) of this visit."""
        if width not in self.open:
            page = self.browser.new_page(viewport=viewport(width))
            errors, outside = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route(OUTSIDE, lambda r: (outside.append(r.request.url), r.abort()))
            self.open[width] = page, errors, outside
        page, errors, outside = self.open[width]
        page.goto("about:blank")  # the last page unloaded: nothing it still reports is counted here
        errors.clear()
        outside.clear()
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        return page, errors, outside


@pytest.fixture(scope="module")
def tabs(browser):
    return Tabs(browser)


def test_menu_and_contents_open_on_a_phone(site, tabs):
    base, _ = site
    page, errors, _ = tabs.visit(f"{base}/book/agencies/{lkjpy.agencies()[0]}/agency.html", 390)
    for toggle, dialog in ((".primary-toggle", "#pst-primary-sidebar-modal"),
                           (".secondary-toggle", "#pst-secondary-sidebar-modal")):
        assert page.locator(f"{dialog}[open]").count() == 0
        page.locator(f"{toggle}:visible").click()
        page.wait_for_selector(f"{dialog}[open]", timeout=3000)
        assert page.locator(f"{dialog} a").first.is_visible(), dialog
        page.keyboard.press("Escape")
        page.wait_for_selector(f"{dialog}[open]", state="detached", timeout=3000)
    assert not errors


def test_source_viewer_highlights_a_cited_range_below_the_sticky_header(site, tabs):
    base, _ = site
    agency_id = lkjpy.agencies()[0]
    page, errors, _ = tabs.visit(f"{base}/book/sources/{agency_id}.html#L20-L23", 390)
    page.wait_for_function("document.querySelectorAll('.src-line.src-cited').length > 0", timeout=10000)
    assert not errors
    cited = page.eval_on_selector_all(".src-line.src-cited", "els => els.map(e => e.id)")
    assert cited == ["L20", "L21", "L22", "L23"]
    header = page.evaluate("document.querySelector('.bd-header-article').getBoundingClientRect().bottom")
    first = page.evaluate("document.getElementById('L20').getBoundingClientRect().top")
    assert header <= first < 844, (header, first)
    # One line of text per report line: no blank gap between two line blocks.
    gap = page.evaluate("document.getElementById('L21').getBoundingClientRect().top"
                        " - document.getElementById('L20').getBoundingClientRect().bottom")
    assert abs(gap) < 1
    assert page.locator("pre.src-view[lang=id]").count() == 1
    back = page.get_by_role("link", name="Back to the chapter")
    assert back.get_attribute("href").endswith(f"agencies/{agency_id}/agency.html")
    # Dark mode: the highlighted lines keep readable contrast (axe checks every text colour).
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    assert not axe_blocking(page)


@pytest.mark.parametrize("rel", ["book/pages/comparison.html", "book/pages/quality.html",
                                 f"book/agencies/{lkjpy.agencies()[0]}/agency.html"])
def test_figures_are_svg_images_with_alt_text_that_fit_a_phone(site, tabs, rel):
    base, _ = site
    page, _, _ = tabs.visit(f"{base}/{rel}", 390)
    figures = page.eval_on_selector_all(
        "figure img", "els => els.map(e => ({src: e.getAttribute('src'), alt: e.alt, loaded: e.naturalWidth,"
                      " right: e.getBoundingClientRect().right}))")
    assert figures, rel
    for f in figures:
        assert f["src"].endswith(".svg") and f["loaded"] > 100, f  # the chart's file was found and drawn
        assert f["alt"].strip() and not f["alt"].endswith(f["src"].rsplit("/", 1)[-1]), f  # words, not a file name
        assert f["right"] <= 390, f  # scaled down to the phone's width


@pytest.mark.parametrize("agency_id", lkjpy.agencies())
def test_chapter_shows_name_indicators_and_resolving_audit_links(site, tabs, agency_id):
    base, _ = site
    agency = lkjpy.load_agency(agency_id)
    page, _, _ = tabs.visit(f"{base}/book/agencies/{agency_id}/agency.html")
    text = page.inner_text("main")
    assert agency.meta["name"] in text
    if not agency.curated:
        assert "not curated yet" in text
        return
    for name in agency.indicators["indicator"]:
        assert name in text
    assert page.eval_on_selector_all("figure img", "els => els.length") >= 1
    link = page.locator("a.src-ref").first
    href = link.get_attribute("href")
    assert f"sources/{agency_id}.html#L" in href
    line = href.rsplit("#L", 1)[1].split("-")[0]  # a range "#L<first>-L<last>" starts at <first>
    page.goto(f"{base}/book/agencies/{agency_id}/{href}", wait_until="load")
    assert page.locator(f"#L{line}").count() == 1
    assert line in page.locator(f"#L{line}").inner_text()



def _table(table_id: str, rows: list[str]) -> str:
    """A table whose every row has an id <table><row>, and every cell <table><row>c<column> (so axe-core
    names the cells)."""
    body = "".join(f"<tr id='{table_id}{n}'>{cells.format(r=f'{table_id}{n}')}</tr>" for n, cells in enumerate(rows, 1))
    return f"<table id='{table_id}'><thead><tr><th id='{table_id}h1'>Name</th><th id='{table_id}h2'>Value</th></tr></thead><tbody>{body}</tbody></table>"


def _line(n: int) -> str:
    """Line n of a source viewer, as the book's source pages write it (line 4 faint, line 7's label empty)."""
    faint, label = (" faint", f"line {n}") if n == 4 else ("", "" if n == 7 else f"line {n}")
    return f"<span class='src-line{faint}' id='L{n}'><a class='src-ln' id='N{n}' href='#L{n}' aria-label='{label}'>{n}</a> text</span>"


PLAIN = "<td id='{r}c1'>plain</td><td id='{r}c2'>12.5 %</td>"
LINKED = "<td id='{r}c1'>linked</td><td id='{r}c2'><a class='ref' href='#{r}c1'>37.5 %</a></td>"
FAINT = "<td id='{r}c1' class='faint'>linked</td><td id='{r}c2'><a class='ref' href='#{r}c1'>37.5 %</a></td>"
FAINT_VALUE = "<td id='{r}c1'>plain</td><td id='{r}c2' class='faint'>12.5 %</td>"
#: Low-contrast text on rows that repeat earlier rows. Table a: rows of two designs alternate; the
#: 5th row of the second design has a faint cell (a class), the 6th row of the first design is made
#: faint by its position alone (an :nth-child rule). Table b: eight rows of the first design, the
#: 6th faint by position. Table c, in a closed <details> (not checked for contrast): four rows of a
#: design with a faint value; table d, in an open one: two such rows. Table e: a row of the first
#: design on a dark background.
#: A source viewer of seven lines, each line's number a link with a label of its own: line 4 is faint
#: (a class; its number, a link, keeps the link colour), line 7's label is empty.
TRIM_PAGE = ("<html lang='en'><head><title>t</title><style>"
             "body { font: 16px sans-serif; color: #111; background: #fff; }"
             ".faint { color: #bbb; }"  # 1.9:1 on white
             "#a tbody tr:nth-child(11) td:first-child, #b tbody tr:nth-child(6) td:first-child { color: #aaa; }"
             ".dark { background: #333; }"  # 1.5:1 under #111
             "</style></head><body><main>"
             + _table("a", [PLAIN, LINKED, PLAIN, LINKED, PLAIN, LINKED, PLAIN, LINKED, PLAIN, FAINT,
                            PLAIN, LINKED, PLAIN, LINKED])
             + _table("b", [PLAIN] * 8)
             + "<details><summary>closed</summary>" + _table("c", [FAINT_VALUE] * 4) + "</details>"
             + "<details open><summary>open</summary>" + _table("d", [FAINT_VALUE] * 2) + "</details>"
             + "<div class='dark'>" + _table("e", [PLAIN]) + "</div>"
             + "<pre class='src-view'>" + "".join(_line(n) for n in range(1, 8)) + "</pre></main></body></html>")


def _contrast_faults(page) -> set[str]:
    result = page.evaluate("axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})")
    return {target for v in result["violations"] for node in v["nodes"] for target in node["target"]}


def test_trimmed_tables_keep_every_low_contrast_row(browser):
    """The rows TRIM_REPEATS hides repeat the design of rows it keeps, so axe-core finds the same
    low-contrast cells with and without it: a faint class on a later row of a repeated design, a
    faint colour given by position to a row whose markup repeats earlier rows, a design first seen
    in a closed <details>, a repeated design on another background, a faint line of the source viewer.
    The rows hidden are emptied; the rows of a closed <details> are trimmed apart from those seen."""
    page = browser.new_page()
    page.set_content(TRIM_PAGE)
    page.evaluate(axe_script())
    untrimmed = _contrast_faults(page)
    count = page.evaluate(TRIM_REPEATS)
    hidden = page.eval_on_selector_all("tbody tr, .src-line", "rows => rows.filter(r => r.style.display === 'none')"
                                                              ".map(r => r.id + (r.children.length ? ' not emptied' : ''))")
    trimmed = _contrast_faults(page)
    page.close()
    assert untrimmed == {"#a10c1", "#a11c1", "#b6c1", "#d1c2", "#d2c2", "#eh1", "#eh2", "#e1c1", "#e1c2", "#L4"}
    assert trimmed == untrimmed
    # The first design: rows 1 3 5 7 9 13 of a and 1-5 7 8 of b; a's rows 1 and 3 are kept, and b's
    # row 1 (the first of its table). The second: rows 2 4 6 8 12 14 of a; 2 and 4 kept. a10 (faint),
    # a11 and b6 (faint by position) and e1 (dark background) have designs of their own. c's four rows
    # share one design, not yet seen by a reader: c1 and c2 kept. d1 and d2 share that design seen,
    # which counts apart. Lines 1-3, 5 and 6 of the viewer share a design: 1 and 2 kept; line 4
    # (faint) and line 7 (an empty label) have their own.
    assert hidden == ["a5", "a6", "a7", "a8", "a9", "a12", "a13", "a14", "b2", "b3", "b4", "b5", "b7", "b8",
                      "c3", "c4", "L3", "L5", "L6"]
    assert count == 19
