"""Every page renders in headless Chromium at a phone's width (390 px) and a laptop's (1280 px):
no console errors, nothing fetched from outside localhost, no sideways scrolling of the page, no
serious or critical axe-core violation; the menu and contents buttons open their panels on a
phone; figures are SVG images with alt text that fit a phone; each chapter's audit links land on a
source line, and a cited range of lines is highlighted whole, clear of the sticky header, readable
in dark mode too."""

from __future__ import annotations

import asyncio
import functools
import http.server
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import lkjpy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = (390, 1280)
#: axe-core impacts that fail the test (moderate and minor are advice).
BLOCKING = ("serious", "critical")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", built_site
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


#: Any request that does not go to this machine's test server (nor is a data: URL): recorded and
#: refused. Only such requests are handed to the test (requests to the server are not intercepted).
OUTSIDE = re.compile(r"^(?!data:|https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/)", re.IGNORECASE)


def _viewport(width: int) -> dict:
    return {"width": width, "height": 844 if width < 500 else 900}


def _visit(browser, url, width=1280):
    """Load a page at a viewport width; return (page, console errors, outside requests)."""
    page = browser.new_page(viewport=_viewport(width))
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(OUTSIDE, lambda r: (outside.append(r.request.url), r.abort()))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return page, errors, outside


@functools.cache
def _axe_script() -> str:
    """axe-core as shipped inside the pinned PyPI package (no download at test time)."""
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


#: The source viewer repeats one structure per report line, thousands of times; axe-core checks its
#: first 300 lines and any cited ones (the rest are taken out of the page before the check), which
#: keeps a page's check at seconds instead of over a minute.
TRIM_SOURCE = ("document.querySelectorAll('pre.src-view > .src-line:nth-child(n+301):not(.src-cited):not(:target)')"
               ".forEach(e => e.remove())")


AXE_RUN = "axe.run(document, {resultTypes: ['violations'], preload: false})"


def _blocking(result: dict) -> list[str]:
    """Serious and critical violations of an axe-core result, one line each."""
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"] if v["impact"] in BLOCKING]


def _axe_blocking(page) -> list[str]:
    """Serious and critical axe-core violations of the page as loaded, one line each. ``preload``
    is off: it re-fetches stylesheets by a wrong relative path (a 404 the console would report)."""
    page.evaluate(TRIM_SOURCE)
    page.evaluate(_axe_script())
    return _blocking(page.evaluate(AXE_RUN))


def _pages(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts)


#: Pages checked at once in the survey of every page. Each page has a renderer process of its own, so
#: pages checked side by side keep both cores busy while others wait for the network to fall idle.
#: Most of the work is axe-core's colour-contrast rule on the chapters' long tables (about 10,000
#: elements a chapter; the source pages are trimmed, see TRIM_SOURCE); the longest go first.
PARALLEL_PAGES = 4


async def _check_page(context, url: str, width: int) -> list[str]:
    """Load one page in the context of its width and check it as a reader gets it: after the
    network falls idle, no console error, no request leaving this machine, no sideways scrolling,
    no serious or critical axe-core violation (axe-core is in every page of the context, put there
    before the page's own scripts run). The problems found, one line each."""
    page = await context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    async def refuse(route):
        outside.append(route.request.url)
        await route.abort()

    await page.route(OUTSIDE, refuse)
    response = await page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        await page.close()
        return [f"not served ({response.status if response else 'no response'})"]
    overflow = await page.evaluate("document.documentElement.scrollWidth") - width
    await page.evaluate(TRIM_SOURCE)
    violations = _blocking(await page.evaluate(AXE_RUN))
    await page.close()
    problems = []
    if errors:
        problems.append(f"console errors {errors}")
    if outside:
        problems.append(f"requests leaving localhost {outside}")
    if overflow > 0:
        problems.append(f"the page scrolls sideways by {overflow} px")
    if violations:
        problems.append(f"axe-core {violations}")
    return problems


async def _survey(base: str, pages: list[str]) -> dict[int, list[str]]:
    """Every page at every width, in one browser with one context per width, several pages at once."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        contexts = {}
        for width in WIDTHS:
            contexts[width] = await browser.new_context(viewport=_viewport(width))
            await contexts[width].add_init_script(script=_axe_script())
        slots = asyncio.Semaphore(PARALLEL_PAGES)

        async def check(width, rel):
            async with slots:
                return width, rel, await _check_page(contexts[width], f"{base}/{rel}", width)

        found = await asyncio.gather(*(check(width, rel) for rel in pages for width in WIDTHS))
        await browser.close()
    return {width: [f"{rel}: {problem}" for w, rel, problems in found if w == width for problem in problems]
            for width in WIDTHS}


@pytest.fixture(scope="module")
def survey(site):
    """The problems of every page of the site at each width (a width's list is empty when all is well)."""
    base, root = site
    pages = _pages(root)
    assert len(pages) >= 10
    # the longest checks first: axe-core's time goes with a page's table cells
    pages.sort(key=lambda rel: (root / rel).read_text(encoding="utf-8").count("<td"), reverse=True)
    # Playwright's asynchronous API in a thread of its own: this thread runs the synchronous one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _survey(base, pages)).result()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_renders_cleanly_and_accessibly(survey, width):
    problems = survey[width]
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


def test_menu_and_contents_open_on_a_phone(site, browser):
    base, _ = site
    page, errors, _ = _visit(browser, f"{base}/book/agencies/{lkjpy.agencies()[0]}/agency.html", 390)
    for toggle, dialog in ((".primary-toggle", "#pst-primary-sidebar-modal"),
                           (".secondary-toggle", "#pst-secondary-sidebar-modal")):
        assert page.locator(f"{dialog}[open]").count() == 0
        page.locator(f"{toggle}:visible").click()
        page.wait_for_selector(f"{dialog}[open]", timeout=3000)
        assert page.locator(f"{dialog} a").first.is_visible(), dialog
        page.keyboard.press("Escape")
        page.wait_for_selector(f"{dialog}[open]", state="detached", timeout=3000)
    page.close()
    assert not errors


def test_source_viewer_highlights_a_cited_range_below_the_sticky_header(site, browser):
    base, _ = site
    agency_id = lkjpy.agencies()[0]
    page, errors, _ = _visit(browser, f"{base}/book/sources/{agency_id}.html#L20-L23", 390)
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
    assert not _axe_blocking(page)
    page.close()


@pytest.mark.parametrize("rel", ["book/pages/comparison.html", "book/pages/quality.html",
                                 f"book/agencies/{lkjpy.agencies()[0]}/agency.html"])
def test_figures_are_svg_images_with_alt_text_that_fit_a_phone(site, browser, rel):
    base, _ = site
    page, _, _ = _visit(browser, f"{base}/{rel}", 390)
    figures = page.eval_on_selector_all(
        "figure img", "els => els.map(e => ({src: e.getAttribute('src'), alt: e.alt, loaded: e.naturalWidth,"
                      " right: e.getBoundingClientRect().right}))")
    page.close()
    assert figures, rel
    for f in figures:
        assert f["src"].endswith(".svg") and f["loaded"] > 100, f  # the chart's file was found and drawn
        assert f["alt"].strip() and not f["alt"].endswith(f["src"].rsplit("/", 1)[-1]), f  # words, not a file name
        assert f["right"] <= 390, f  # scaled down to the phone's width


@pytest.mark.parametrize("agency_id", lkjpy.agencies())
def test_chapter_shows_name_indicators_and_resolving_audit_links(site, browser, agency_id):
    base, _ = site
    agency = lkjpy.load_agency(agency_id)
    page, _, _ = _visit(browser, f"{base}/book/agencies/{agency_id}/agency.html")
    text = page.inner_text("main")
    assert agency.meta["name"] in text
    if not agency.curated:
        assert "not curated yet" in text
        page.close()
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
    page.close()
