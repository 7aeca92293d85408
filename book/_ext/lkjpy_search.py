"""Section titles in the search index as HTML-escaped text.

Sphinx's search page (``searchtools.js``) inserts result titles into the page as HTML
(``innerHTML``). Page titles in ``searchindex.js`` are rendered HTML, already escaped, but the
section titles (``alltitles``, which the search page shows when a query matches a title) are the
titles' plain text: a title holding ``<img src=x onerror=...>`` from the data would run as soon as
someone searches for it. After the build, every such title is rewritten as escaped HTML, so the
search page shows it as text.
"""

import html
from pathlib import Path

from sphinx.search import js_index


def escaped_title(text: str) -> str:
    """A title as HTML text; an already escaped one is not escaped twice."""
    return html.escape(html.unescape(text), quote=True)


def escape_index(index: dict) -> dict:
    """The search index with every section title (``alltitles``) and index entry escaped."""
    for key in ("alltitles", "indexentries"):
        if isinstance(index.get(key), dict):
            index[key] = {escaped_title(title): where for title, where in index[key].items()}
    return index


def _escape_search_index(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / getattr(app.builder, "searchindex_filename", "searchindex.js")
    if not path.is_file():
        return
    index = escape_index(js_index.loads(path.read_text(encoding="utf-8")))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(js_index.dumps(index), encoding="utf-8")
    tmp.replace(path)


def setup(app):
    app.connect("build-finished", _escape_search_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
