"""``python -m lkjpy new-agency``: register a report as one transaction.

The report (a PDF, converted by :mod:`lkjpy.ingest`, or its UTF-8 text) is vendored as
``data/sources/<id>.txt``, a registry entry recording its origin is appended to
``data/agencies.yml``, and header-only CSV templates are written under ``data/<id>/``.
The whole entry is validated before anything is written; the registry is written with a YAML
library to a temporary file, read back, validated and only then moved into place; an existing
file is never overwritten. On any refusal or failure the data folder is left as it was.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import yaml

from .coverage import MINIMAL
from .errors import DataError, Problem
from .ingest import SourceText, origin_fields, read_source, regular_file
from .registry import ID_PATTERN, REGISTRY_FILE, _check_entry, _checked_registry, data_dir, plain_yaml, read_registry
from .schema import TABLES


def new_agency(agency_id: str, source: Path, name: str, name_en: str, level: str, region: str, province: str,
               year: int, root: Path | None = None, url: str | None = None,
               coverage: tuple[str, ...] | None = MINIMAL, today: datetime.date | None = None) -> list[Path]:
    """Vendor the report, append its registry entry, write header-only CSV templates; return
    the files written. Raises :class:`DataError` (and writes nothing) on any problem."""
    root = Path(root or data_dir())
    registry = root / REGISTRY_FILE
    entries = read_registry(root)
    source = Path(source)
    target = root / "sources" / f"{agency_id}.txt"
    id_problems = _id_problems(registry, agency_id, entries)
    _refuse(id_problems + (regular_file(source) if id_problems else _source_problems(source, target, entries, root)))
    text = read_source(source)
    entry = _entry(agency_id, text, name, name_en, level, region, province, year, url, coverage, today)
    _refuse(_check_entry(registry, len(entries) + 1, entry, set()))
    registry_text = _registry_with(registry, entry)
    return _write_all(root, registry, registry_text, target, text, agency_id)


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


def _id_problems(registry: Path, agency_id: str, entries: list[dict]) -> list[Problem]:
    if not isinstance(agency_id, str) or not ID_PATTERN.fullmatch(agency_id):
        return [Problem(registry, f"id {agency_id!r} must be lower-case letters, digits and single hyphens",
                        column="id")]
    if agency_id in [e["id"] for e in entries]:
        return [Problem(registry, f"id {agency_id!r} is already in the registry", column="id")]
    return []


def _source_problems(source: Path, target: Path, entries: list[dict], root: Path) -> list[Problem]:
    """The source must be a readable regular file, not the file it would become, and the file it
    would become must not exist yet nor belong to another entry."""
    problems = regular_file(source)
    vendored = {(root / e["source"]).resolve() for e in entries}
    if not problems and source.resolve() in vendored | {target.resolve()}:
        problems.append(Problem(source, "the source is a file the data folder already vendors; give the "
                                "report's own PDF or text file"))
    if target.exists() or target.is_symlink():
        problems.append(Problem(target, "this source file exists already; it is never overwritten "
                                "(choose another id, or remove the file if it is stale)", column="source"))
    owners = [e["id"] for e in entries if e["source"] == f"sources/{target.name}"]
    if owners:
        problems.append(Problem(target, f"entry {owners[0]!r} already points to this source file", column="source"))
    return problems


def _entry(agency_id, text: SourceText, name, name_en, level, region, province, year, url, coverage, today) -> dict:
    entry = {"id": agency_id, "name": name, "name_en": name_en, "level": level, "region": region,
             "province": province, "year": year, "source": f"sources/{agency_id}.txt",
             "sha256": hashlib.sha256(text.text.encode("utf-8")).hexdigest()}
    entry.update(origin_fields(text, url, today))
    if coverage is not None:
        entry["coverage"] = list(coverage)
    return entry


def _registry_with(registry: Path, entry: dict) -> str:
    """The registry's text with ``entry`` appended (comments kept), checked to read back as the
    old list plus the entry; written in full by the YAML library when appending cannot."""
    old_text = registry.read_text(encoding="utf-8")
    doc = plain_yaml(old_text)
    expected = {**doc, "agencies": [*doc["agencies"], entry]}
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=10_000)
    appended = old_text.rstrip("\n") + "\n" + "".join(f"  {line}" for line in block.splitlines(True))
    for candidate in (appended, yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=10_000)):
        try:
            if plain_yaml(candidate) == expected:
                return candidate
        except yaml.YAMLError:
            continue
    raise DataError(Problem(registry, "the new entry does not read back as written; add it by hand"))


def _write_all(root: Path, registry: Path, registry_text: str, target: Path, text: SourceText,
               agency_id: str) -> list[Path]:
    """Write the source, the templates and (last) the registry; undo everything on failure."""
    created: list[Path] = []
    folder = root / agency_id
    temps: list[Path] = []
    try:
        if not target.parent.exists():
            target.parent.mkdir()
            created.append(target.parent)
        source_tmp = _temp_file(target.parent, text.text, temps)
        os.link(source_tmp, target)  # fails rather than overwrite a file that appeared meanwhile
        created.append(target)
        registry_tmp = _temp_file(registry.parent, registry_text, temps)
        _checked_registry(registry_tmp, registry_tmp.read_bytes())  # read back and validate
        if not folder.exists():
            folder.mkdir()
            created.append(folder)
        templates = _write_templates(folder, created)
        os.replace(registry_tmp, registry)
    except BaseException:
        for path in reversed(created):
            path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)
        raise
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
    return [target, registry, *templates]


def _temp_file(folder: Path, text: str, temps: list[Path]) -> Path:
    fd, name = tempfile.mkstemp(dir=folder, prefix=".new-agency-", suffix=".tmp")
    temps.append(Path(name))
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return Path(name)


def _write_templates(folder: Path, created: list[Path]) -> list[Path]:
    """Header-only CSV files for every table kind not present yet."""
    written = []
    for name, spec in TABLES.items():
        path = folder / f"{name}.csv"
        try:
            with path.open("x", newline="", encoding="utf-8") as f:
                created.append(path)
                csv.writer(f, lineterminator="\n").writerow(spec.all_columns())
        except FileExistsError:
            continue
        written.append(path)
    return written
