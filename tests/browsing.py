"""Headless Chromium for the site tests: the site served over HTTP, axe-core put in a page, and the
survey of every page at one viewport width (console errors, requests leaving this machine, sideways
scrolling, serious or critical axe-core violations)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sitelinks

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: A phone's width and a laptop's.
WIDTHS = (390, 1280)
#: axe-core impacts that fail the test (moderate and minor are advice).
BLOCKING = ("serious", "critical")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

def has_chromium() -> bool:
    return shutil.which("chromium") is not None


needs_chromium = pytest.mark.skipif(not has_chromium(), reason="Debian's chromium is not installed")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path):
    """The folder over HTTP on a free port of 127.0.0.1: yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


#: Any request that does not go to this machine's test server (nor is a data: URL): recorded and
#: refused. Only such requests are handed to the test (requests to the server are not intercepted).
OUTSIDE = re.compile(r"^(?!data:|https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/)", re.IGNORECASE)


def viewport(width: int) -> dict:
    return {"width": width, "height": 844 if width < 500 else 900}


@functools.cache
def axe_script() -> str:
    """axe-core as shipped inside the pinned PyPI package (no download at test time)."""
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


#: The source viewer repeats one structure per report line, thousands of times; axe-core checks its
#: first 300 lines and any cited ones (the rest are taken out of the page before the check), which
#: keeps a page's check at seconds instead of over a minute.
TRIM_SOURCE = ("document.querySelectorAll('pre.src-view > .src-line:nth-child(n+301):not(.src-cited):not(:target)')"
               ".forEach(e => e.remove())")

#: The chapters' and pages' tables repeat a few designs of row hundreds of times, the source viewer
#: one design of line hundreds of times (see TRIM_SOURCE), and axe-core's colour-contrast rule
#: costs milliseconds for every element holding text (it works out the colours of the element and
#: of every box under it). Before the check, a row of a table body or a line of the source viewer
#: that axe-core would check is hidden when two earlier such rows of the page have its design
#: (header rows, and the first row of each table body and viewer, are all kept: a container left
#: empty could fail a rule of its own):
#: - the same structure: the tag, classes and every other attribute of the row and of each element
#:   in it, and which of them hold text; of the attributes that link, name or label (link targets,
#:   ids, titles, labels, image sources and alternative texts) only whether each is empty;
#: - the same look: the computed colours, font and opacity of the row and of each element in it,
#:   and of each element around its table body (or viewer) up to the root (so a row that CSS styles
#:   by position, a zebra stripe, :nth-child or :last-child, or a table on another background, has
#:   a design of its own).
#: These are what the colour-contrast rule judges, so every text style a reader sees in a table or
#: in the viewer is still judged on some row. A row hidden is emptied too: axe-core's time also goes
#: with the number of elements of the page, even hidden ones. The row itself stays, so :nth-child
#: and :last-child still count it and the rows kept keep their styles. Rows a reader does not see
#: yet (in a closed <details>) are trimmed the same way, their designs counted apart from the
#: designs seen: axe-core checks hidden elements only for rules that do not depend on colours (ids,
#: roles). Returns the number of rows hidden.
TRIM_REPEATS = """() => {
  const KEEP = 2;
  const CONTENT = new Set(['href', 'id', 'title', 'headers', 'src', 'alt', 'aria-label', 'aria-labelledby']);
  const LOOK = ['color', 'background-color', 'background-image', 'opacity', 'font-size', 'font-weight',
                'text-shadow', 'visibility', 'display', 'position', 'z-index', 'mix-blend-mode', 'filter',
                '-webkit-text-fill-color', '-webkit-text-stroke-color', 'text-decoration-color'];
  const look = el => { const style = getComputedStyle(el); return LOOK.map(p => style.getPropertyValue(p)).join(';'); };
  const attribute = a => CONTENT.has(a.name) ? (a.value.trim() ? a.name : `${a.name}=`) : `${a.name}=${a.value}`;
  const design = el => {
    const attrs = [...el.attributes].map(attribute).sort();
    const text = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    return `<${el.tagName} ${attrs.join(' ')}${text ? ' #text' : ''} ${look(el)}>` + [...el.children].map(design).join('') + '</>';
  };
  const around = el => { const chain = []; for (let e = el; e; e = e.parentElement) chain.push(`${e.tagName} ${look(e)}`); return chain.join(' < '); };
  const seen = new Map(), hide = [];
  for (const group of document.querySelectorAll('tbody, pre.src-view')) {
    const seenByReader = group.checkVisibility();
    const setting = `${seenByReader ? 'seen' : 'not seen yet'} ${around(group)}`;
    const rows = [...group.children].filter(row => row.tagName === (group.tagName === 'TBODY' ? 'TR' : 'SPAN')
                                                   && (!seenByReader || row.checkVisibility()));
    for (const row of rows) {
      const key = `${setting} | ${design(row)}`;
      const count = seen.get(key) || 0;
      seen.set(key, count + 1);
      if (count >= KEEP && row !== rows[0]) hide.push(row);
    }
  }
  hide.forEach(row => { row.style.setProperty('display', 'none', 'important'); row.replaceChildren(); });
  return hide.length;
}"""

AXE_RUN = "axe.run(document, {resultTypes: ['violations'], preload: false})"


def blocking(result: dict) -> list[str]:
    """Serious and critical violations of an axe-core result, one line each."""
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"] if v["impact"] in BLOCKING]


def axe_blocking(page) -> list[str]:
    """Serious and critical axe-core violations of the page as loaded (trimmed, see TRIM_SOURCE and
    TRIM_REPEATS), one line each. ``preload`` is off: it re-fetches stylesheets by a wrong relative
    path (a 404 the console would report)."""
    page.evaluate(TRIM_SOURCE)
    page.evaluate(TRIM_REPEATS)
    page.evaluate(axe_script())
    return blocking(page.evaluate(AXE_RUN))


def site_pages(root: Path) -> list[str]:
    """The site's pages (search and index pages aside), the longest checks first: axe-core's time
    goes with a page's table cells."""
    pages = sorted(p.relative_to(root.resolve()).as_posix() for p in sitelinks.site_pages(root)
                   if not p.name.startswith(("genindex", "search")))
    return sorted(pages, key=lambda rel: (root / rel).read_text(encoding="utf-8").count("<td"), reverse=True)


#: Tabs checking pages at once in the survey of one width. Each tab visits its pages one after
#: another, as a reader follows links: opening a tab costs Chromium a renderer process of its own
#: (about 1.7 s of processor time a page when every page had a new tab, against 0.7 s in a tab
#: reused). Two tabs keep a core busy while the other waits for the network to fall idle; the two
#: widths are surveyed by two test processes at once (`make test` runs four on two cores). Most of
#: the work is axe-core's colour-contrast rule on the chapters' tables (trimmed, see TRIM_REPEATS); the
#: longest pages go first.
PARALLEL_PAGES = 2


class _Tab:
    """One tab of the survey, and what the page it shows wrote to the console and asked from outside
    this machine since :meth:`check` loaded it (each check starts from a blank page, so nothing the
    page before reports late is counted against the next)."""

    def __init__(self, page):
        self.page, self.errors, self.outside = page, [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    @classmethod
    async def open(cls, context):
        tab = cls(await context.new_page())

        async def refuse(route):
            tab.outside.append(route.request.url)
            await route.abort()

        await tab.page.route(OUTSIDE, refuse)
        return tab

    async def check(self, url: str, width: int) -> list[str]:
        """Load one page and check it as a reader gets it: after the network falls idle, no console
        error, no request leaving this machine, no sideways scrolling, no serious or critical
        axe-core violation (axe-core is in every page of the context, put there before the page's
        own scripts run). The problems found, one line each."""
        await self.page.goto("about:blank")  # the last page unloaded: nothing it still reports is counted here
        self.errors.clear()
        self.outside.clear()
        response = await self.page.goto(url, wait_until="networkidle")
        if response is None or not response.ok:
            return [f"not served ({response.status if response else 'no response'})"]
        overflow = await self.page.evaluate("document.documentElement.scrollWidth") - width
        await self.page.evaluate(TRIM_SOURCE)
        await self.page.evaluate(TRIM_REPEATS)
        violations = blocking(await self.page.evaluate(AXE_RUN))
        problems = []
        if self.errors:
            problems.append(f"console errors {self.errors}")
        if self.outside:
            problems.append(f"requests leaving localhost {self.outside}")
        if overflow > 0:
            problems.append(f"the page scrolls sideways by {overflow} px")
        if violations:
            problems.append(f"axe-core {violations}")
        return problems


async def _survey(base: str, pages: list[str], width: int) -> list[str]:
    """Every page at one width, in one browser context, in PARALLEL_PAGES tabs that each take the
    next page still to check."""
    from playwright.async_api import async_playwright

    waiting = list(reversed(pages))
    found = {}

    async def work(tab):
        while waiting:
            rel = waiting.pop()
            found[rel] = await tab.check(f"{base}/{rel}", width)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = await browser.new_context(viewport=viewport(width))
        await context.add_init_script(script=axe_script())
        tabs = [await _Tab.open(context) for _ in range(PARALLEL_PAGES)]
        await asyncio.gather(*(work(tab) for tab in tabs))
        await browser.close()
    return [f"{rel}: {problem}" for rel in pages for problem in found[rel]]


def assert_every_page_clean(site: Path, width: int) -> None:
    """Fail with every problem :func:`survey` finds at ``width``, one line each."""
    problems = survey(site, width)
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


def survey(site: Path, width: int) -> list[str]:
    """The problems of every page of the site at one width (empty when all is well)."""
    pages = site_pages(site)
    assert len(pages) >= 10
    with served(site) as base, ThreadPoolExecutor(1) as thread:
        # Playwright's asynchronous API in a thread of its own (a test may run the synchronous one).
        return thread.submit(asyncio.run, _survey(base, pages, width)).result()
