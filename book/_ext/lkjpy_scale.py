"""The menu at national scale: when the build has grouped the chapters by province (it writes
``book/provinces/``, see ``lkjpy.navigation``), the theme collapses every branch of the menu but
the reader's own, so each page carries one province's entries instead of every page of the book."""

from pathlib import Path


def _collapse_when_grouped(app, config):
    if any(Path(app.srcdir, "book", "provinces").glob("*.md")):
        config.html_theme_options["collapse_navbar"] = True


def setup(app):
    app.connect("config-inited", _collapse_when_grouped)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
