"""Small HTML fixes for the book's theme stack.

Some Jupyter Book extensions register the same body script twice, which the browser
reports as a console error (``Identifier ... has already been declared``). This drops
repeated script files from each page's context.
"""


def _dedupe_scripts(app, pagename, templatename, context, doctree):
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


def setup(app):
    app.connect("html-page-context", _dedupe_scripts, priority=940)  # after the extensions adding them
    return {"parallel_read_safe": True, "parallel_write_safe": True}
