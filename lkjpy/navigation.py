"""The book's menu at national scale: chapters grouped by province.

The theme renders the table of contents into every page, so with every chapter and source page
listed flat the site build grows with the square of the number of reports. Above a number of
agencies the build groups the chapters by province (one generated page per province, each
agency's source page under its chapter) and the theme collapses every branch but the reader's
own, so each page carries about one province's entries.
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy

#: Above this many agencies the menu groups chapters by province.
GROUP_ABOVE = 40
#: Where the generated province pages live (the theme extension collapses the menu when it finds them).
PROVINCES_DIR = "book/provinces"
AGENCY_GLOB = "book/agencies/*/agency"
SOURCES_GLOB = "book/sources/*"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``"Sumatera Barat"`` -> ``"sumatera-barat"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "province"


def provinces(entries: list[dict]) -> dict[str, list[dict]]:
    """Registry entries by province slug, provinces in order of first appearance."""
    groups: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for entry in entries:
        key = slug(str(entry["province"]))
        while key in names and names[key] != entry["province"]:  # two names, one slug
            key += "-x"
        names[key] = entry["province"]
        groups.setdefault(key, []).append(entry)
    return groups


def grouped_toc(toc: dict, entries: list[dict]) -> dict:
    """``toc`` (the parsed ``_toc.yml``) with the agency chapters' glob replaced by one section per
    province holding its agencies, each with its source page, and the source pages' glob removed."""
    out = deepcopy(toc)
    groups = provinces(entries)
    sections = [{"file": f"{PROVINCES_DIR}/{key}",
                 "sections": [{"file": f"book/agencies/{e['id']}/agency", "sections": [{"file": f"book/sources/{e['id']}"}]}
                              for e in members]}
                for key, members in groups.items()]
    found = False
    for chapter in _chapters(out):
        kept = [s for s in chapter.get("sections", []) if s.get("glob") not in (AGENCY_GLOB, SOURCES_GLOB)]
        if any(s.get("glob") == AGENCY_GLOB for s in chapter.get("sections", [])):
            kept, found = kept + sections, True
        if "sections" in chapter:
            if kept:
                chapter["sections"] = kept
            else:
                del chapter["sections"]
    if not found:
        raise ValueError(f"the table of contents has no '{AGENCY_GLOB}' glob to group")
    return out


def _chapters(toc: dict) -> list[dict]:
    return [c for part in toc.get("parts", []) for c in part.get("chapters", [])] + list(toc.get("chapters", []))


def province_page(entries: list[dict]) -> str:
    """A generated province page: its name and the agencies' chapters, texts escaped."""
    from .text import md_escape

    province = entries[0]["province"]
    lines = [f"# {md_escape(province)}", "",
             f"The reports of {len(entries)} agenc{'y' if len(entries) == 1 else 'ies'} in {md_escape(province)}:", ""]
    lines += [f"- [{md_escape(e['name'])}](../agencies/{e['id']}/agency.ipynb) ({e['year']})" for e in entries]
    return "\n".join(lines) + "\n"
