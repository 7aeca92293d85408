"""Command line: ``python -m lkjpy {list,validate,build,schema}``."""

from __future__ import annotations

import argparse
import sys

from .errors import DataError
from .registry import agencies, read_registry


def _cmd_list(args) -> int:
    from .load import load_agency

    for entry in read_registry():
        try:
            state = "curated" if load_agency(entry["id"]).curated else "pending"
        except DataError as exc:
            state = f"INVALID ({len(exc.problems)} problems)"
        print(f"{entry['id']:<24} {entry['year']}  {entry['level']:<10} {state:<10} {entry['name']}")
    return 0


def _cmd_validate(args) -> int:
    from .load import load_agency

    ids = args.agency or agencies()
    failed = 0
    for agency_id in ids:
        try:
            agency = load_agency(agency_id)
        except DataError as exc:
            failed += 1
            print(f"{agency_id}: {len(exc.problems)} problem(s)")
            for problem in exc.problems:
                print(f"  {problem}")
            continue
        rows = sum(len(t) for t in agency.tables.values())
        print(f"{agency_id}: ok ({len(agency.tables)} tables, {rows} rows)")
    return 1 if failed else 0


def _cmd_build(args) -> int:
    from .build import main as build_main

    return build_main()


def _cmd_schema(args) -> int:
    from .schema import markdown_reference

    print(markdown_reference())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkjpy", description="lkjpy: curated LKj data and the book.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the registry's agencies and whether their data is curated")
    p = sub.add_parser("validate", help="validate all data, or the given agencies; exit 1 on any problem")
    p.add_argument("agency", nargs="*", help="agency ids (default: all)")
    sub.add_parser("build", help="execute every agency chapter with papermill")
    sub.add_parser("schema", help="print the table reference of data/README.md")
    args = parser.parse_args(argv)
    try:
        return {"list": _cmd_list, "validate": _cmd_validate, "build": _cmd_build,
                "schema": _cmd_schema}[args.command](args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
