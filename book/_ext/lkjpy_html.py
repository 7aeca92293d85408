"""Small HTML fixes for the book's theme stack, applied to every page's template context.

- Some Jupyter Book extensions register the same body script twice, which the browser reports
  as a console error (``Identifier ... has already been declared``): repeated scripts are dropped.
- sphinx-book-theme writes the page title into its print-only header as plain text, unescaped
  (``context["pagetitle"] = title.astext()``): a title holding ``<script>`` from the data would
  run. The title is escaped here.
"""

import html


def _dedupe_scripts(context):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        name = getattr(script, "filename", script) or ""  # body-only scripts: None or ""
        key = (str(name), tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _fix_page(app, pagename, templatename, context, doctree):
    _dedupe_scripts(context)
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html.escape(context["pagetitle"])


def setup(app):
    app.connect("html-page-context", _fix_page, priority=940)  # after the extensions it mends
    return {"parallel_read_safe": True, "parallel_write_safe": True}
