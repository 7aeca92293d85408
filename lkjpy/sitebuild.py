"""The site build, in a process of its own: ``jupyter-book build`` (Jupyter Book 1), strict, with
Sphinx reading and writing pages in several processes.

``python -m lkjpy.sitebuild ROOT OUTPUT [--toc TOC] [--all] [--jobs N]`` builds the book of the
project ``ROOT`` into ``OUTPUT/_build/html`` as ``jupyter-book build ROOT --path-output OUTPUT -W -n
--keep-going [--all] [--toc TOC]`` does, with ``N`` processes: Jupyter Book's ``build_sphinx``
takes the number, its command line does not. Without ``--all`` Sphinx re-reads only the pages whose
sources changed (see ``book/_ext/lkjpy_incremental.py``). Exit status 0 when the build succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_site(root: Path, output: Path, toc: Path | None = None, everything: bool = False, jobs: int = 1) -> int:
    """Build the site strictly (warnings are errors, every reference checked, all problems reported
    before stopping); 0 on success."""
    from jupyter_book.sphinx import build_sphinx

    root = root.resolve()
    overrides = {"external_toc_path": (toc or root / "_toc.yml").resolve().as_posix(),
                 "latex_individualpages": False, "nitpicky": True}
    result = build_sphinx(root, output.resolve() / "_build" / "html", use_external_toc=True, noconfig=True,
                          path_config=root / "_config.yml", confoverrides=overrides, builder="html",
                          warningiserror=True, keep_going=True, freshenv=everything, jobs=jobs)
    return result if isinstance(result, int) else 1  # an exception: Sphinx has reported it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkjpy.sitebuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="the project (holds _config.yml and _toc.yml)")
    parser.add_argument("output", type=Path, help="the output folder (the site goes to OUTPUT/_build/html)")
    parser.add_argument("--toc", type=Path, help="a table of contents to use instead of ROOT/_toc.yml")
    parser.add_argument("--all", action="store_true", help="read every page again (a full build)")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading and writing pages")
    args = parser.parse_args(argv)
    return build_site(args.root, args.output, args.toc, args.all, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
