"""Resolve every internal link of a built static site: each ``href`` and ``src`` of every HTML page
must name a file inside the site (a page, an image, a script, a download), and a link to an anchor
of a page must find that anchor on it."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _Links(HTMLParser):
    """Collects link targets and element ids of one page, and the ids given to more than one element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.repeated_ids: list[str] = []
        self._element_ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                if name == "id":
                    if value in self._element_ids:
                        self.repeated_ids.append(value)
                    self._element_ids.add(value)
                self.ids.add(value)


@functools.cache
def parse_page(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def internal_target(page: Path, link: str, site: Path) -> tuple[Path, str] | None:
    """The file and the anchor an internal link points to; None for an outside or in-page-script link."""
    if _SCHEME.match(link) or link.startswith("//"):
        return None  # http:, mailto:, data:, javascript: ... (outside requests are a browser test's job)
    parts = urlsplit(link)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    target = Path(page.parent, unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


_LINE_RANGE = re.compile(r"\A(L\d+)-(L\d+)\Z")


def anchor_found(fragment: str, ids: set[str]) -> bool:
    """Whether a page has the anchor; a source-line range ``L5-L9`` (highlighted by the site's
    script) needs the anchors of its first and last line."""
    if fragment in ids:
        return True
    match = _LINE_RANGE.match(fragment)
    return bool(match) and match.group(1) in ids and match.group(2) in ids


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (the theme's own files aside)."""
    site = site.resolve()
    return [p for p in sorted(site.rglob("*.html")) if "_static" not in p.relative_to(site).parts]


def repeated_ids(site: Path) -> list[str]:
    """Each id that an element of a page shares with an earlier element of that page, as ``page#id``."""
    site = site.resolve()
    return [f"{page.relative_to(site)}#{name}" for page in site_pages(site) for name in parse_page(page).repeated_ids]


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links the site's pages hold, and every one that does not resolve."""
    site = site.resolve()
    checked, broken = 0, []
    for page in site_pages(site):
        for link in parse_page(page).links:
            resolved = internal_target(page, link, site)
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            where = f"{page.relative_to(site)} -> {link}"
            if site not in target.parents:
                broken.append(f"{where}: outside the site")
            elif not target.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and not anchor_found(fragment, parse_page(target).ids):
                broken.append(f"{where}: no anchor {fragment!r} on the page")
    return checked, broken
