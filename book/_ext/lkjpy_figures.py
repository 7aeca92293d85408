"""Alt text for glued charts.

myst-nb takes an image's alt text only from the cell's static metadata or the ``glue:figure``
directive, so a chart's own description, written from the data, cannot reach the page that way.
``lkjpy.charts.GluedFigure`` therefore stores it in the PNG itself (the standard ``Description``
text chunk); this extension copies it into the image's ``alt`` when the page has none (myst-nb
leaves the file path there otherwise).
"""

import struct
import zlib
from pathlib import Path

from docutils import nodes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_description(path: Path) -> str:
    """The ``Description`` text chunk (tEXt, zTXt or iTXt) of a PNG file, or ``""``."""
    data = path.read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        return ""
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IDAT":
            break
        if kind not in (b"tEXt", b"zTXt", b"iTXt"):
            continue
        key, _, rest = body.partition(b"\0")
        if key != b"Description":
            continue
        if kind == b"tEXt":
            return rest.decode("latin-1")
        if kind == b"zTXt":
            return zlib.decompress(rest[1:]).decode("latin-1")
        compressed, _method, rest = rest[0], rest[1], rest[2:]
        _lang, _, rest = rest.partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        return (zlib.decompress(text) if compressed else text).decode("utf-8")
    return ""


def _alt_from_png(app, doctree, docname):
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri.endswith(".png") or (image.get("alt") and image["alt"] != uri):
            continue
        path = Path(app.srcdir, uri)
        if path.is_file():
            description = png_description(path)
            if description:
                image["alt"] = description


def setup(app):
    app.connect("doctree-resolved", _alt_from_png)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
