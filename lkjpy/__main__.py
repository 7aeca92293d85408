"""Command line: ``python -m lkjpy build``."""

import sys

from .build import main as build_main


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["build"]:
        return build_main()
    print("usage: python -m lkjpy build", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
