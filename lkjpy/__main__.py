"""Command line: ``python -m lkjpy {list,validate,build,new-agency,extract,fill,schema}``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import DataError
from .navigation import GROUP_ABOVE
from .project import SUPPORTED, Project


def _cmd_list(args, project: Project) -> int:
    for entry in project.registry():
        try:
            state = "curated" if project.agency(entry["id"]).curated else "pending"
        except DataError as exc:
            state = f"INVALID ({len(exc.problems)} problems)"
        print(f"{entry['id']:<24} {entry['year']}  {entry['level']:<10} {state:<10} {entry['name']}")
    return 0


def _cmd_validate(args, project: Project) -> int:
    ids = args.agency or project.agency_ids()
    failed = 0
    for agency_id in ids:
        try:
            agency = project.agency(agency_id)
        except DataError as exc:
            failed += 1
            print(f"{agency_id}: {len(exc.problems)} problem(s)")
            for problem in exc.problems:
                print(f"  {problem}")
            continue
        rows = sum(len(t) for t in agency.tables.values())
        print(f"{agency_id}: ok ({len(agency.tables)} tables, {rows} rows)")
    return 1 if failed else 0


def _cmd_build(args, project: Project) -> int:
    from .build import BuildLocked, build

    try:
        outcomes = build(project, only=args.only, workers=args.jobs, force=args.force, timeout=args.timeout,
                         site=not args.no_site, nav_group_above=args.nav_group_above)
    except BuildLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return 1 if any(not o.ok for o in outcomes) else 0


def _cmd_new_agency(args, project: Project) -> int:
    from .scaffold import new_agency

    written = new_agency(args.id, Path(args.source), args.name, args.name_en, args.level, args.region,
                         args.province, args.year, url=args.url, root=project.data)
    print(f"Registered {args.id!r}. Wrote:")
    for path in written:
        print(f"  {path}")
    print(f"Next: python -m lkjpy extract {args.id}   (proposes the minimal profile for you to confirm)")
    return 0


def _cmd_extract(args, project: Project) -> int:
    from .extract import extract

    proposals = extract(args.id, project.data)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in proposals.rows.items())
    print(f"Proposed for {args.id!r} (review: proposed): {counts}. Confirmed rows were left as they were.")
    print("Found:")
    for item in proposals.found:
        print(f"  {item}")
    print("Looked for but not found:" if proposals.missing else "Looked for but not found: nothing")
    for item in proposals.missing:
        print(f"  {item}")
    try:
        project.agency(args.id)
    except DataError as exc:
        print(f"The proposals need attention before they validate ({len(exc.problems)} problem(s)):")
        for problem in exc.problems:
            print(f"  {problem}")
        return 1
    print("Check each proposed row against the source, set review to confirmed, then: python -m lkjpy build")
    return 0


def _cmd_fill(args, project: Project) -> int:
    from .fill import fill

    changed = fill(args.id, project.data)
    print(f"Filled {len(changed)} file(s):" if changed else "Nothing to fill: every parsed value and line is in place.")
    for path in changed:
        print(f"  {path}")
    return 0


def _cmd_schema(args, project: Project) -> int:
    from .schema import markdown_reference

    print(markdown_reference())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lkjpy", description="Curated LKj data, its audit, and the book.")
    p.add_argument("--root", help="the book project folder (default: the one holding lkjpy)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the registry's agencies and whether their data is curated")
    v = sub.add_parser("validate", help="validate all data, or the given agencies; exit 1 on any problem")
    v.add_argument("agency", nargs="*", help="agency ids (default: all)")
    b = sub.add_parser("build", help="execute what changed and publish the site to _build/html")
    b.add_argument("--only", action="append", metavar="AGENCY", help="execute only this agency's chapter (repeatable)")
    b.add_argument("-j", "--jobs", type=int, default=1, help="parallel workers (default 1)")
    b.add_argument("--force", action="store_true", help="execute everything, changed or not")
    b.add_argument("--timeout", type=int, default=600, help="seconds a notebook cell may run (default 600)")
    b.add_argument("--no-site", action="store_true", help="execute notebooks only; do not build the site")
    b.add_argument("--nav-group-above", type=int, default=GROUP_ABOVE, metavar="N",
                   help=f"group the menu's chapters by province above N agencies (default {GROUP_ABOVE})")
    n = sub.add_parser("new-agency", help="register a report and write empty CSV templates for it")
    n.add_argument("id")
    n.add_argument("--source", required=True, help="the report as published: a PDF, or its text (UTF-8)")
    n.add_argument("--url", help="where the report was published (recorded in the registry)")
    n.add_argument("--name", required=True, help="official name, as printed")
    n.add_argument("--name-en", required=True)
    n.add_argument("--level", required=True, help="provinsi, kabupaten or kota")
    n.add_argument("--region", required=True)
    n.add_argument("--province", required=True)
    n.add_argument("--year", required=True, type=int)
    e = sub.add_parser("extract", help="propose meta, PK indicators and results, budget total and programs "
                       "from the vendored text (rows marked review: proposed)")
    e.add_argument("id")
    f = sub.add_parser("fill", help="compute every parsed value from its printed text and find missing lines")
    f.add_argument("id")
    sub.add_parser("schema", help="print the table reference of data/README.md")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    locale = os.environ.get("LKJPY_LOCALE", "en")  # the only environment variable lkjpy reads
    if locale not in SUPPORTED:
        print(f"error: LKJPY_LOCALE={locale!r} is not supported; use one of {', '.join(SUPPORTED)} "
              "(nothing was done)", file=sys.stderr)
        return 2
    project = Project(args.root, locale)
    if getattr(args, "jobs", 1) < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    commands = {"list": _cmd_list, "validate": _cmd_validate, "build": _cmd_build,
                "new-agency": _cmd_new_agency, "extract": _cmd_extract, "fill": _cmd_fill, "schema": _cmd_schema}
    try:
        return commands[args.command](args, project)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
