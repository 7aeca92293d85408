"""Every page renders in headless Chromium: no console errors, nothing fetched from outside
localhost, figures present as images, and each chapter's audit links land on a source line."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlparse

import pytest

import lkjpy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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


def _visit(browser, url):
    """Load a page; return (page, console errors, outside requests)."""
    page = browser.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith("data:") or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return page, errors, outside


def test_every_page_renders_cleanly(site, browser):
    base, root = site
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                   if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts)
    assert len(pages) >= 10
    for rel in pages:
        page, errors, outside = _visit(browser, f"{base}/{rel}")
        page.close()
        assert not errors, f"{rel}: console errors {errors}"
        assert not outside, f"{rel}: requests leaving localhost {outside}"


def test_figures_are_images(site, browser):
    base, _ = site
    for rel in ("book/pages/comparison.html", "book/pages/quality.html"):
        page, _, _ = _visit(browser, f"{base}/{rel}")
        sizes = page.eval_on_selector_all("figure img", "els => els.map(e => e.naturalWidth)")
        page.close()
        assert sizes and all(w > 100 for w in sizes), rel


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
    line = href.rsplit("#L", 1)[1]
    page.goto(f"{base}/book/agencies/{agency_id}/{href}", wait_until="load")
    assert page.locator(f"#L{line}").count() == 1
    assert line in page.locator(f"#L{line}").inner_text()
    page.close()
