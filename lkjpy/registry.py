"""The agency registry ``data/agencies.yml``: the one list of agencies and their reports."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import yaml

from .errors import DataError, Problem
from .text import MAX_FIELD_CHARS, forbidden_character

REGISTRY_FILE = "agencies.yml"
LEVELS = ("provinsi", "kabupaten", "kota")
REQUIRED_FIELDS = ("id", "name", "name_en", "level", "region", "province", "year", "source", "sha256")
# Anchored with \A and \Z (not ^ and $, which accept a final line end: "kalimantan-barat\n"), so
# that match() and fullmatch() both test the whole string.
ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SOURCE_PATTERN = re.compile(r"\Asources/[A-Za-z0-9][A-Za-z0-9._-]*\.txt\Z")
SHA256_PATTERN = re.compile(r"\A[0-9a-f]{64}\Z")
YEAR_RANGE = (2000, 2100)
#: Optional fields recording a source's origin (``new-agency`` writes them) and its coverage.
URL_PATTERN = re.compile(r"^https?://[^\s<>\"]+$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$")


def data_dir() -> Path:
    """The data folder of the project holding the package (the default of every function that takes
    a data folder; a build passes its :class:`lkjpy.project.Project`'s)."""
    from .project import PACKAGE_PROJECT

    return PACKAGE_PROJECT / "data"


#: The safe loader, in C (libyaml) where PyYAML has it: a national registry parses in milliseconds.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def plain_yaml(text: str) -> object:
    """Parse YAML with the safe loader, refusing tags (``!!python/...``) and anchors/aliases
    (``&a`` / ``*a``, which can expand a small file into a huge one)."""
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError(f"anchors and aliases are not allowed (line {event.start_mark.line + 1})")
        implicit = getattr(event, "implicit", True)
        if getattr(event, "tag", None) and implicit in (False, (False, False)):
            raise yaml.YAMLError(f"tag {event.tag!r} is not allowed (line {event.start_mark.line + 1})")
    return yaml.load(text, Loader=SAFE_LOADER)


def duplicate_keys(text: str) -> list[tuple[list, str, int, int]]:
    """Keys given twice in one YAML mapping (which a YAML loader would silently resolve to the
    last): each as (path of the mapping, key, first line, repeated line), lines 1-based."""
    found: list[tuple[list, str, int, int]] = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                line = key.start_mark.line + 1
                if name in seen:
                    found.append((path, name, seen[name], line))
                seen.setdefault(name, line)
                walk(value, [*path, name])
        elif isinstance(node, yaml.SequenceNode):
            for n, item in enumerate(node.value, start=1):
                walk(item, [*path, n])

    walk(yaml.compose(text, Loader=SAFE_LOADER), [])
    return found


def _registry_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / REGISTRY_FILE


def read_registry(root: Path | None = None) -> list[dict]:
    """All registry entries, in registry order, checked field by field. A registry already
    checked is not parsed again while its bytes stay the same (every chapter reads it)."""
    path = _registry_path(root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(Problem(path, "the registry file is missing")) from None
    return [dict(entry) for entry in _checked_registry(path, raw)]


@functools.lru_cache(maxsize=8)
def _checked_registry(path: Path, raw: bytes) -> tuple[dict, ...]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(Problem(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    try:
        doc = plain_yaml(text)
        repeated = duplicate_keys(text)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # ValueError: e.g. an integer too long to read
        raise DataError(Problem(path, f"not valid plain YAML: {exc}")) from None
    if repeated:
        raise DataError([Problem(path, f"key {key!r} is given twice (lines {first} and {line}); a YAML reader would "
                                 "silently keep only the last", row=where[1] if where[:1] == ["agencies"]
                                 and len(where) > 1 else None, column=key)
                         for where, key, first, line in repeated])
    if not isinstance(doc, dict) or not isinstance(doc.get("agencies"), list):
        raise DataError(Problem(path, "expected a mapping with a list under 'agencies'"))
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, entry in enumerate(doc["agencies"], start=1):
        problems += _check_entry(path, n, entry, seen)
    if problems:
        raise DataError(problems)
    return tuple(doc["agencies"])


def _check_entry(path: Path, n: int, entry: object, seen: set[str]) -> list[Problem]:
    if not isinstance(entry, dict):
        return [Problem(path, "each agency entry must be a mapping", row=n)]
    out = [Problem(path, "required field is missing or empty", row=n, column=f)
           for f in REQUIRED_FIELDS if entry.get(f) in (None, "")]
    out += _check_texts(path, n, entry)
    aid = entry.get("id")
    if isinstance(aid, str):
        if not ID_PATTERN.fullmatch(aid):
            out.append(Problem(path, f"id {aid!r} must be lower-case letters, digits and single hyphens", row=n, column="id"))
        elif aid in seen:
            out.append(Problem(path, f"id {aid!r} is listed twice", row=n, column="id"))
        seen.add(aid)
    if entry.get("level") not in (None, "") and entry["level"] not in LEVELS:
        out.append(Problem(path, f"level {entry['level']!r} is not one of {', '.join(LEVELS)}", row=n, column="level"))
    source = entry.get("source")
    if source not in (None, "") and not (isinstance(source, str) and SOURCE_PATTERN.fullmatch(source)):
        out.append(Problem(path, f"source {source!r} must be a file sources/<name>.txt inside the data folder",
                           row=n, column="source"))
    sha = entry.get("sha256")
    if sha not in (None, "") and not (isinstance(sha, str) and SHA256_PATTERN.fullmatch(sha)):
        out.append(Problem(path, "sha256 must be 64 lower-case hex digits (sha256sum of the source)", row=n,
                           column="sha256"))
    year = entry.get("year")
    if year not in (None, "") and (not isinstance(year, int) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        out.append(Problem(path, f"year {year!r} must be a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}", row=n, column="year"))
    out += _check_optional(path, n, entry)
    return out


def _check_texts(path: Path, n: int, entry: dict) -> list[Problem]:
    """Every text of an entry: no control or invisible characters, no longer than a field may be."""
    out = []
    for key, text in _texts(entry):
        if len(text) > MAX_FIELD_CHARS:
            out.append(Problem(path, f"has {len(text)} characters; the limit is {MAX_FIELD_CHARS}", row=n, column=key))
        elif bad := forbidden_character(text):
            out.append(Problem(path, f"holds {bad}; remove it (only visible text and tabs)", row=n, column=key))
    return out


def _texts(value: object, key: str = "") -> list[tuple[str, str]]:
    """Every string in a YAML value, with the dotted key it is under (``origin.url``)."""
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, f"{key}.{k}" if key else str(k))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, key)]
    return []


def _check_optional(path: Path, n: int, entry: dict) -> list[Problem]:
    """Problems with the optional origin fields (url, retrieved, pdf_sha256, converter,
    converter_version) and the coverage list, where present."""
    import datetime

    from .coverage import SECTIONS

    checks = {
        "url": (lambda v: isinstance(v, str) and URL_PATTERN.fullmatch(v), "must be an http(s) address without spaces"),
        "retrieved": (lambda v: isinstance(v, datetime.date) and not isinstance(v, datetime.datetime)
                      or isinstance(v, str) and DATE_PATTERN.fullmatch(v) and _is_date(v),
                      "must be a date YYYY-MM-DD"),
        "pdf_sha256": (lambda v: isinstance(v, str) and SHA256_PATTERN.fullmatch(v),
                       "must be 64 lower-case hex digits (sha256sum of the PDF)"),
        "converter": (lambda v: isinstance(v, str) and VERSION_PATTERN.fullmatch(v), "must be the converter's name"),
        "converter_version": (lambda v: isinstance(v, str) and VERSION_PATTERN.fullmatch(v),
                              "must be a version such as 0.11.10 (quoted)"),
        "coverage": (lambda v: isinstance(v, list) and len(set(map(str, v))) == len(v)
                     and all(isinstance(s, str) and s in SECTIONS for s in v),
                     f"must be a list without repeats of: {', '.join(SECTIONS)}"),
    }
    return [Problem(path, f"{field} {entry[field]!r} {message}", row=n, column=field)
            for field, (ok, message) in checks.items() if field in entry and not ok(entry[field])]


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def agencies(root: Path | None = None) -> list[str]:
    """Agency ids from ``data/agencies.yml``, in registry order."""
    return [entry["id"] for entry in read_registry(root)]


def agency_entry(agency_id: str, root: Path | None = None) -> dict:
    """The registry entry of one agency; a clear error for an unknown or unsafe id."""
    if not isinstance(agency_id, str) or not ID_PATTERN.fullmatch(agency_id):
        raise DataError(Problem(_registry_path(root), f"{agency_id!r} is not a valid agency id "
                                "(lower-case letters, digits and single hyphens)", column="id"))
    for entry in read_registry(root):
        if entry["id"] == agency_id:
            return dict(entry)
    raise DataError(Problem(_registry_path(root), f"no agency with id {agency_id!r}; known: "
                            f"{', '.join(agencies(root))}", column="id"))


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_path(entry: dict, root: Path | None = None) -> Path:
    """The vendored source report of a registry entry, checked against its sha256."""
    root = root or data_dir()
    path = (root / entry["source"]).resolve()
    registry = _registry_path(root)
    if root.resolve() not in path.parents:
        raise DataError(Problem(registry, f"source {entry['source']!r} lies outside the data folder", column="source"))
    if not path.is_file():
        raise DataError(Problem(registry, f"source file {entry['source']!r} of {entry['id']!r} is missing", column="source"))
    actual = sha256_of(path)
    if actual != entry["sha256"]:
        raise DataError(Problem(registry, f"sha256 of {entry['source']!r} is {actual}, the registry says "
                                f"{entry['sha256']}: the source changed or the entry is wrong", column="sha256"))
    return path
