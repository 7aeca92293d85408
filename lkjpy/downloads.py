"""The files the site offers for download, and how they are staged for it.

Published: the registry ``agencies.yml``, and for each registered agency its own files only: its
curated tables ``<id>/<table>.csv`` (the kinds of :data:`lkjpy.schema.TABLES`) and its vendored
source text. Nothing else under ``data/`` is published, and a symbolic link is never followed
(a link to ``/etc/passwd`` placed under ``data/`` is skipped with a warning, not copied).

The staged copies go to ``book/_data/downloads/``, which the site serves as
``_static/downloads/`` (``book/_data`` is in ``html_static_path``; the folder must not be called
``data``, which ``exclude_patterns`` drops from static paths too).

A CSV copy is safe to open in a spreadsheet: a text cell that a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``@``, a tab or a carriage return, or with ``-`` followed by
something that is not a number) is written with a leading apostrophe, which spreadsheets read as
"text follows" (OWASP, *CSV Injection*). A printed dash ``-`` meaning "none" and negative numbers
stay as they are; files without such cells are copied byte for byte.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .registry import REGISTRY_FILE, data_dir, read_registry
from .schema import TABLES

#: Folder of the staged downloads, under the book's static folder and under ``_static/`` of the site.
SITE_FOLDER = "downloads"
#: The static folder of the book (listed in ``html_static_path`` of ``_config.yml``).
STATIC_SOURCE = Path("book") / "_data"

_FORMULA_START = re.compile(r"^[-=+@\t\r]")
_NEGATIVE_NUMBER = re.compile(r"^-\s*\d[\d.,]*\s*%?$")


@dataclass(frozen=True)
class Download:
    """One published file: where it is under ``data/`` (posix path), and what it is."""

    path: str
    agency_id: str  # "" for the registry
    kind: str  # "registry", "source" or a table kind


def formula_like(cell: str) -> bool:
    """Whether a spreadsheet would read this text cell as a formula (``=1+1``, ``@SUM(A1)``,
    ``+x``, ``-2+cmd``), judged on the cell without its surrounding spaces. A lone dash and a
    negative number standing alone (``-5``, ``- 4,5 %``) are not."""
    text = cell.strip(" ")
    if text == "-" or _NEGATIVE_NUMBER.match(text):
        return False
    return bool(_FORMULA_START.match(text))


def neutralise_cell(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a leading apostrophe before a formula-like cell."""
    return "'" + cell if formula_like(cell) else cell


def spreadsheet_safe_csv(text: str) -> str:
    """CSV text with every formula-like cell neutralised; unchanged text when there is none."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(formula_like(cell) for row in rows for cell in row):
        return text
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[neutralise_cell(cell) for cell in row] for row in rows])
    return out.getvalue()


def _is_plain_file(root: Path, relative: str) -> bool:
    """A regular file reached from ``root`` through no symbolic link at any step."""
    path = root
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()


def published_files(root: Path | None = None) -> list[Download]:
    """What the site publishes, in registry order: the registry, then per agency its tables (in
    schema order) and its source text. Files behind a symbolic link are left out, with a warning."""
    root = root or data_dir()
    wanted = [Download(REGISTRY_FILE, "", "registry")]
    for entry in read_registry(root):
        agency_id = entry["id"]
        wanted += [Download(f"{agency_id}/{name}.csv", agency_id, name) for name in TABLES]
        wanted.append(Download(entry["source"], agency_id, "source"))
    out = []
    for item in wanted:
        if _is_plain_file(root, item.path):
            out.append(item)
        elif os.path.lexists(root / item.path) or _behind_link(root, item.path):
            print(f"warning: {root / item.path} is or lies behind a symbolic link; not published", file=sys.stderr)
    return out


def _behind_link(root: Path, relative: str) -> bool:
    path = root
    for part in Path(relative).parts[:-1]:
        path = path / part
        if path.is_symlink():
            return True
    return False


def stage(target: Path, root: Path | None = None) -> list[Download]:
    """Copy the published files into ``target`` (emptied first): CSV made spreadsheet-safe,
    everything else byte for byte. Returns what was staged."""
    root = root or data_dir()
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    files = published_files(root)
    for item in files:
        source, copy = root / item.path, target / item.path
        copy.parent.mkdir(parents=True, exist_ok=True)
        if copy.suffix == ".csv":
            text = source.read_bytes().decode("utf-8")
            copy.write_bytes(spreadsheet_safe_csv(text).encode("utf-8"))
        else:
            shutil.copyfile(source, copy)
    return files


def stage_for_site(book: Path, root: Path | None = None) -> list[Download]:
    """Stage the downloads under ``<book>/_data/downloads/``, removing any earlier staging there."""
    static = book / "_data"
    if static.is_dir() and not static.is_symlink():
        for old in static.iterdir():
            if old.name != SITE_FOLDER:
                shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    return stage(static / SITE_FOLDER, root)


def href(item: Download | str, to_root: str = "../..") -> str:
    """The link to a published file from a page ``to_root`` below the site's root."""
    path = item.path if isinstance(item, Download) else item
    return f"{to_root}/_static/{SITE_FOLDER}/{path}"
