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
import itertools
import json
import os
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import __version__
from .audit.finding import SEVERITIES
from .registry import REGISTRY_FILE, data_dir, read_registry
from .schema import TABLES, Col
from .tables import FALSE_WORDS, TRUE_WORDS

#: Folder of the staged downloads, under the book's static folder and under ``_static/`` of the site.
SITE_FOLDER = "downloads"
#: Folder of the archive and the combined tables (written by the build after the chapters ran,
#: :func:`stage_archive`), beside :data:`SITE_FOLDER`.
ARCHIVE_FOLDER = "archive"
#: Folder of the cross-agency pages' chart data (:mod:`lkjpy.crosspages`), beside :data:`SITE_FOLDER`.
CHARTS_FOLDER = "charts"
ARCHIVE_NAME = "lkjpy-data.zip"

_NEGATIVE_NUMBER = re.compile(r"^-\s*\d[\d.,]*(?:[eE][-+]?\d+)?\s*%?$")
#: A cell that starts (after spaces) with a character a formula starts with, the only cells
#: :func:`formula_like` can accept, found in the parsed cells of a CSV text each written after a NUL.
_SUSPECT_CELL = re.compile(r"\0( *[-=+@\t\r][^\0]*)")


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
    return text[:1] in ("-", "=", "+", "@", "\t", "\r") and text != "-" and not _NEGATIVE_NUMBER.match(text)


def neutralise_cell(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a leading apostrophe before a formula-like cell."""
    return "'" + cell if formula_like(cell) else cell


def spreadsheet_safe_csv(text: str) -> str:
    """CSV text with every formula-like cell neutralised; unchanged text when there is none."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = itertools.chain.from_iterable(rows)
    if "\0" not in text:  # a quick look at the cells that could be formula-like (no cell holds a NUL)
        cells = (m.group(1) for m in _SUSPECT_CELL.finditer("\0" + "\0".join(cells)))
    if not any(formula_like(cell) for cell in cells):
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
        elif os.path.lexists(root / item.path):
            print(f"warning: {root / item.path} is or lies behind a symbolic link, or is not a regular file; "
                  "not published", file=sys.stderr)
    return out


def stage(target: Path, root: Path | None = None) -> list[Download]:
    """Make ``target`` hold the published files and nothing else: CSV made spreadsheet-safe,
    everything else byte for byte. A file already staged with the same bytes is left as it is
    (removing and writing again thousands of unchanged files costs seconds in a national book);
    anything else in ``target``, a file no longer published or a symbolic link, is removed first.
    Returns what was staged."""
    from .build import write_if_changed

    root = root or data_dir()
    if target.is_symlink():
        target.unlink()
    files = published_files(root)
    _remove_all_but(target, {item.path for item in files})
    for item in files:
        source, copy = root / item.path, target / item.path
        content = source.read_bytes()
        if copy.suffix == ".csv":
            content = spreadsheet_safe_csv(content.decode("utf-8")).encode("utf-8")
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(copy, content)
    return files


def _remove_all_but(folder: Path, kept: set[str]) -> None:
    """Remove from ``folder`` every symbolic link, every file whose path (posix, relative to it) is
    not in ``kept``, and the folders left empty."""
    for where, folders, files in os.walk(folder, topdown=False):
        here = Path(where)
        for name in folders:
            if (here / name).is_symlink():
                (here / name).unlink()
        for name in files:
            path = here / name
            if path.is_symlink() or path.relative_to(folder).as_posix() not in kept:
                path.unlink()
        if here != folder and not any(here.iterdir()):
            here.rmdir()


def stage_for_site(book: Path, root: Path | None = None) -> list[Download]:
    """Stage the downloads under ``<book>/_data/downloads/``, removing any earlier staging there."""
    static = book / "_data"
    if static.is_dir() and not static.is_symlink():
        for old in static.iterdir():
            if old.name in (SITE_FOLDER, ARCHIVE_FOLDER, CHARTS_FOLDER):
                continue
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old)
            else:
                old.unlink()
    return stage(static / SITE_FOLDER, root)


def href(item: Download | str, to_root: str = "../..") -> str:
    """The link to a published file from a page ``to_root`` below the site's root."""
    path = item.path if isinstance(item, Download) else item
    return f"{to_root}/_static/{SITE_FOLDER}/{path}"


def archive_href(name: str = ARCHIVE_NAME, to_root: str = "../..") -> str:
    """The link to the archive (or a combined table, ``combined/<name>.csv``) from a page."""
    return f"{to_root}/_static/{ARCHIVE_FOLDER}/{name}"


# --- the archive: all curated data with a Frictionless data package ---------------------------------

#: Frictionless Table Schema field types of lkjpy's column types.
FIELD_TYPES = {"text": "string", "int": "integer", "float": "number", "bool": "boolean", "line": "integer",
               "lines": "string"}
#: The combined tables: name -> what they hold.
COMBINED = {
    "indicators": "Every PK indicator of every agency with its canonical annual result for the report year "
                  "(lkjpy.Agency.indicators).",
    "budget_programs": "The canonical budget rows of level 'program' of every agency (budget.csv).",
    "audit_findings": "Every audit finding of every agency: the printed figure, the recomputed one, the verdict "
                      "(lkjpy.audit).",
}
_EXTRA_COLUMNS = {
    "agency_id": Col("text", True, doc="the agency, as in agencies.yml"),
    "year": Col("int", True, doc="the year the figures refer to"),
    "csv_row": Col("int", doc="row of the agency's own CSV file (data/<id>/<table>.csv) the row comes from"),
    "check": Col("text", True, doc="the family of checks that found it"),
    "subject": Col("text", True, doc="what was checked"),
    "reported": Col("text", doc="the figure as printed"),
    "recomputed": Col("text", doc="the figure as recomputed"),
    "reported_value": Col("float", doc="the printed figure as a number, where it reads as one"),
    "recomputed_value": Col("float", doc="the recomputed figure as a number"),
    "abs_diff": Col("float", doc="size of an error: |printed - recomputed|, in the figure's unit"),
    "rel_diff": Col("float", doc="size of an error relative to the recomputed figure"),
    "printings": Col("int", doc="how many printings of the figure the finding covers"),
    "severity": Col("text", True, SEVERITIES, doc=f"{', '.join(SEVERITIES)} (data/README.md)"),
    "source_lines": Col("text", doc="';'-separated lines of the source the finding rests on"),
    "formula": Col("text", doc="how the figure was recomputed"),
    "message": Col("text", doc="the verdict in words"),
}


def field_descriptor(name: str, col: Col, strict: bool = True) -> dict:
    """A Table Schema field for one lkjpy column (type, description, constraints). ``strict=False``
    drops "required" (for joined tables, where a column of one side may be empty)."""
    field: dict = {"name": name, "type": FIELD_TYPES[col.kind]}
    if col.doc:
        field["description"] = col.doc
    constraints: dict = {}
    if col.required and strict:
        constraints["required"] = True
    if col.choices:
        constraints["enum"] = list(col.choices)
    if col.kind == "line":
        constraints["minimum"] = 1
    if col.kind == "lines":
        constraints["pattern"] = "[0-9]+(-[0-9]+)?"
    if col.kind == "bool":
        field["trueValues"] = sorted({v for w in TRUE_WORDS for v in (w, w.title(), w.upper())})
        field["falseValues"] = sorted({v for w in FALSE_WORDS for v in (w, w.title(), w.upper())})
    if constraints:
        field["constraints"] = constraints
    return field


def _known_columns() -> dict[str, Col]:
    known: dict[str, Col] = {}
    for spec in TABLES.values():
        for name, col in spec.all_columns().items():
            known.setdefault(name, col)
    return {**known, **_EXTRA_COLUMNS}


def _header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline="")), [])


def table_resource(path: str, text: str, table: str) -> dict:
    """The data package resource of one agency's curated table, its schema generated from
    :data:`lkjpy.schema.TABLES` for the columns the file has, in its order."""
    spec = TABLES[table]
    columns = spec.all_columns()
    header = _header(text)
    schema: dict = {"fields": [field_descriptor(h, columns[h]) for h in header], "missingValues": [""]}
    if all(k in header and columns[k].required for k in spec.key):
        schema["primaryKey"] = list(spec.key)
    agency_id = path.split("/", 1)[0]
    return {"name": f"{agency_id}-{table}".replace("_", "-"), "path": path, "profile": "tabular-data-resource",
            "title": f"{table}.csv of {agency_id}", "description": spec.doc, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def combined_resource(name: str, text: str) -> dict:
    """The data package resource of one combined table (columns typed as in the agency tables)."""
    known = _known_columns()
    fields = [field_descriptor(h, known.get(h, Col("text")), strict=h == "agency_id") for h in _header(text)]
    return {"name": f"combined-{name}".replace("_", "-"), "path": f"combined/{name}.csv",
            "profile": "tabular-data-resource", "title": f"{name} of all agencies", "description": COMBINED[name],
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""]}}


def combined_parts(agency) -> dict[str, pd.DataFrame]:
    """One agency's rows of the combined tables ``indicators`` (its PK indicators with their
    canonical annual result, when curated) and ``budget_programs`` (its canonical program rows)."""
    indicators = agency.indicators if agency.curated else pd.DataFrame(columns=["agency_id"])
    budget = agency.table("budget")
    programs = budget[(budget["level"] == "program") & (budget["canonical"] == True)]  # noqa: E712
    programs = programs.assign(agency_id=agency.id)
    programs = programs[["agency_id", *[c for c in programs.columns if c != "agency_id"]]]
    return {"indicators": indicators, "budget_programs": programs}


#: The file of a chapter's outputs holding its part of a combined table.
PART_FILE = "combined_{}.csv"


def write_combined_parts(agency, out_dir: Path) -> None:
    """Write the agency's parts of the combined tables into its chapter's outputs (the archive is
    then made from the chapters' outputs, without loading any agency again)."""
    for name, frame in combined_parts(agency).items():
        frame.to_csv(out_dir / PART_FILE.format(name), index=False)


def read_combined_parts(chapters: Path, ids: list[str]) -> list[dict[str, pd.DataFrame]]:
    """The parts the chapters of ``ids`` wrote (:func:`write_combined_parts`), as text."""
    return [{name: pd.read_csv(chapters / a / "outputs" / PART_FILE.format(name), dtype=str, keep_default_na=False)
             for name in ("indicators", "budget_programs")} for a in ids]


def combined_tables(parts: list[dict[str, pd.DataFrame]], findings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The combined tables across agencies: indicators with their results and budget programs, from
    each agency's parts (:func:`combined_parts`), and the audit findings (``findings``: the
    per-agency audit outputs, read as text)."""
    def together(name: str, empty_columns: list[str]) -> pd.DataFrame:
        frames = [p[name] for p in parts if not p[name].empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=empty_columns)

    return {
        "indicators": together("indicators", ["agency_id"]),
        "budget_programs": together("budget_programs", ["agency_id", *TABLES["budget"].all_columns(), "csv_row"]),
        "audit_findings": findings if not findings.empty else pd.DataFrame(columns=["agency_id"]),
    }


def frame_csv(frame: pd.DataFrame) -> str:
    """A DataFrame as spreadsheet-safe CSV text (empty cells for missing values, ``\\n`` line ends)."""
    return spreadsheet_safe_csv(frame.to_csv(index=False, lineterminator="\n"))


def data_package(resources: list[dict]) -> dict:
    """The Frictionless data package descriptor of the archive."""
    return {
        "profile": "tabular-data-package",
        "name": "lkjpy-curated-data",
        "title": "LKj performance reports of regional Cooperative & SME agencies, curated",
        "description": "The curated tables of each agency's annual performance report (LKj), every printed figure "
                       "kept as printed with its parsed value and the line of the source text it stands on; the "
                       "registry agencies.yml and each source text (sources/<id>.txt) are in the archive beside "
                       "them. Column meanings: data/README.md of the lkjpy book. Text cells that a spreadsheet "
                       "would run as a formula start with an apostrophe.",
        "version": __version__,
        "resources": resources,
    }


def write_archive(parts: list[dict[str, pd.DataFrame]], findings: pd.DataFrame, target: Path,
                  root: Path | None = None) -> Path:
    """From the agencies' parts of the combined tables (:func:`combined_parts`) and their audit
    findings, write the combined tables (``<target>/combined/<name>.csv``) and the archive of all curated
    data (``<target>/lkjpy-data.zip``: registry, sources, every agency's tables, the combined tables
    and ``datapackage.json``). The archive is the same for the same data (fixed timestamps, sorted).
    Returns the archive's path."""
    root = root or data_dir()
    target.mkdir(parents=True, exist_ok=True)
    members: dict[str, bytes] = {}
    resources = []
    for item in published_files(root):
        raw = (root / item.path).read_bytes()
        if item.kind in TABLES:
            text = spreadsheet_safe_csv(raw.decode("utf-8"))
            members[item.path] = text.encode("utf-8")
            resources.append(table_resource(item.path, text, item.kind))
        else:
            members[item.path] = raw
    (target / "combined").mkdir(exist_ok=True)
    for name, frame in combined_tables(list(parts), findings).items():
        text = frame_csv(frame)
        members[f"combined/{name}.csv"] = text.encode("utf-8")
        (target / "combined" / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
        resources.append(combined_resource(name, text))
    members["datapackage.json"] = json.dumps(data_package(resources), indent=1, ensure_ascii=False).encode("utf-8")
    archive = target / ARCHIVE_NAME
    tmp = archive.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, members[name])
    os.replace(tmp, archive)
    return archive


def stage_archive(chapters: Path, ids: list[str], target: Path, root: Path | None = None) -> Path:
    """Write the archive and the combined tables into ``target`` from the chapters' outputs under
    ``chapters`` (``book/agencies``): every agency's audit findings and its parts of the combined
    tables as its chapter wrote them (nothing is loaded or audited again), and the data files as
    published. An agency whose chapter failed is left out of the combined tables. Returns the
    archive's path."""
    from .pages import failed_agencies, read_outputs

    failed = {f["id"] for f in failed_agencies(ids, chapters)}
    kept = [a for a in ids if a not in failed]
    return write_archive(read_combined_parts(chapters, kept), read_outputs("audit", kept, chapters), target, root)
