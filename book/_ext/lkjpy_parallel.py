"""Lets the site build read pages in parallel (``python -m lkjpy.sitebuild --jobs N``).

Sphinx reads in several processes only when every extension declares that it may, and otherwise
warns (an error in the book's strict build). Jupyter Book 1 always loads two extensions that declare
nothing, although neither keeps state that parallel reading would lose (checked in these versions):

- sphinx-multitoc-numbering 0.1.3 only replaces how Sphinx's toctree collector numbers sections,
  which runs in the main process on the merged environment after every page is read;
- sphinx-jupyterbook-latex 1.0.0 adds transforms that change each page's own doctree, and keeps
  state in the environment only for a LaTeX build (its ``builder-inited`` handler returns at once
  for HTML).

This extension declares them safe for those versions only; another version stays undeclared (and the
strict build fails on Sphinx's warning) until it is checked again.
"""

import importlib

#: Extension -> the version whose code was read and found safe for parallel reading.
CHECKED = {"sphinx_multitoc_numbering": "0.1.3", "sphinx_jupyterbook_latex": "1.0.0"}


def _declare_checked(app, config):
    for name, version in CHECKED.items():
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None \
                and getattr(importlib.import_module(name), "__version__", None) == version:
            extension.parallel_read_safe = True


def setup(app):
    app.connect("config-inited", _declare_checked)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
