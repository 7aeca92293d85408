"""An incremental site build without stale pages.

The build keeps Sphinx's output and environment between builds (``lkjpy.build.publish``), so
Sphinx re-reads only the documents whose source changed. Three things it would miss are mended
here:

- A page that shows content of another document, a ``{glue}`` role or directive naming
  ``path.ipynb::key`` (the home page shows the comparison's headline), takes that content when it
  is written, from the other notebook as last read. Such a page is re-read whenever a document it
  glues from is re-read, added or removed; the references are found in each page's parsed text
  (myst-nb's pending glue references), not listed by hand.
- Sphinx re-reads a source only when its modification time is *newer* than its last reading; a
  source replaced by an older copy (a restored backup, ``cp -p``) would be missed. A source is
  re-read whenever its size or modification time differs from the ones it was read with.
- Every page's menu, and its previous/next links, show other documents' titles. When a re-read
  document's title changed, or documents were added or removed, every page is written again.
"""

import os

from myst_nb.ext.glue.utils import PendingGlueReference


def _state(env):
    """The extension's records in the (pickled) environment: per document, the documents it glues
    from, and the size and modification time of its source when it was read."""
    if not hasattr(env, "lkjpy_glue_from"):
        env.lkjpy_glue_from = {}
        env.lkjpy_source_stamp = {}
    return env.lkjpy_glue_from, env.lkjpy_source_stamp


def source_stamp(path) -> tuple[int, int] | None:
    """Modification time (ns) and size of a file, or None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def glue_dependents(glue_from: dict, changed: set) -> set:
    """The documents that glue, directly or through other documents, from one in ``changed``."""
    found, frontier = set(), set(changed)
    while frontier:
        new = {doc for doc, sources in glue_from.items() if sources & frontier and doc not in found}
        found |= new
        frontier = new
    return found


def _record(app, doctree):
    env = app.env
    glue_from, stamps = _state(env)
    glue_from[env.docname] = {node["refdoc"] for node in doctree.findall(PendingGlueReference)}
    stamps[env.docname] = source_stamp(env.doc2path(env.docname))


def _purge(app, env, docname):
    glue_from, stamps = _state(env)
    glue_from.pop(docname, None)
    stamps.pop(docname, None)


def _merge(app, env, docnames, other):
    glue_from, stamps = _state(env)
    other_glue, other_stamps = _state(other)
    for doc in docnames:
        glue_from[doc] = other_glue.get(doc, set())
        stamps[doc] = other_stamps.get(doc)


def _outdated(app, env, added, changed, removed):
    glue_from, stamps = _state(env)
    moved = {doc for doc in env.found_docs - added - changed
             if doc in stamps and source_stamp(env.doc2path(doc)) != stamps[doc]}
    app.lkjpy_structure_changed = bool(env.all_docs) and bool(added or removed)
    return moved | glue_dependents(glue_from, added | changed | removed | moved)


def _titles_before(app, env, docnames):
    app.lkjpy_titles = {doc: env.titles[doc].astext() for doc in docnames if doc in env.titles}


def _rewrite_all_when_titles_changed(app, env):
    before = getattr(app, "lkjpy_titles", {})
    renamed = any(doc in env.titles and env.titles[doc].astext() != title for doc, title in before.items())
    if renamed or getattr(app, "lkjpy_structure_changed", False):
        return sorted(env.found_docs)
    return []


def setup(app):
    app.connect("doctree-read", _record)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _titles_before)
    app.connect("env-get-updated", _rewrite_all_when_titles_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
