"""``python -m lkjpy new-agency``: a registry entry and empty, documented CSV templates."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from .errors import DataError, Problem
from .registry import ID_PATTERN, LEVELS, data_dir, read_registry, sha256_of
from .schema import TABLES


def _yaml_text(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def new_agency(agency_id: str, source: Path, name: str, name_en: str, level: str, region: str, province: str,
               year: int, root: Path | None = None) -> list[Path]:
    """Vendor the source text, append a registry entry, write header-only CSV templates."""
    root = root or data_dir()
    registry = root / "agencies.yml"
    problems = []
    if not ID_PATTERN.match(agency_id):
        problems.append(Problem(registry, f"id {agency_id!r} must be lower-case letters, digits and single hyphens", column="id"))
    elif agency_id in [e["id"] for e in read_registry(root)]:
        problems.append(Problem(registry, f"id {agency_id!r} is already in the registry", column="id"))
    if level not in LEVELS:
        problems.append(Problem(registry, f"level {level!r} is not one of {', '.join(LEVELS)}", column="level"))
    if not Path(source).is_file():
        problems.append(Problem(source, "the source report's text file does not exist"))
    if problems:
        raise DataError(problems)
    target = root / "sources" / f"{agency_id}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    try:
        target.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        target.unlink()
        raise DataError(Problem(source, "the source report is not UTF-8 text; convert it first")) from None
    entry = {"id": agency_id, "name": name, "name_en": name_en, "level": level, "region": region,
             "province": province, "year": int(year), "source": f"sources/{agency_id}.txt", "sha256": sha256_of(target)}
    lines = [f"  - id: {agency_id}"] + [f"    {k}: {v if k in ('year',) else _yaml_text(v)}"
                                         for k, v in entry.items() if k != "id"]
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    read_registry(root)  # the appended entry must read back cleanly
    folder = root / agency_id
    folder.mkdir(exist_ok=True)
    written = [target, registry]
    for name_, spec in TABLES.items():
        path = folder / f"{name_}.csv"
        if not path.exists():
            with path.open("w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerow(spec.all_columns())
            written.append(path)
    return written
