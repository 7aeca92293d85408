"""Alt text for glued charts.

myst-nb takes an image's alt text only from the cell's static metadata or the ``glue:figure``
directive, so a chart's own description, written from the data, cannot reach the page that way.
``lkjpy.charts.GluedFigure`` therefore stores it in the SVG itself (matplotlib's Dublin Core
metadata, ``dc:description``); this extension copies it into the image's ``alt`` when the page has
none (myst-nb leaves the file path there otherwise).
"""

from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes

#: The Dublin Core elements' namespace, in which matplotlib writes an SVG's description.
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
SVG = "http://www.w3.org/2000/svg"


def svg_description(path: Path) -> str:
    """The Dublin Core ``description`` in the metadata of an SVG file, or ``""`` (none, or not an
    SVG)."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError:
        return ""
    if root.tag != f"{{{SVG}}}svg":
        return ""
    return root.findtext(f"{{{SVG}}}metadata//{{{DUBLIN_CORE}}}description", default="")


def _alt_from_svg(app, doctree, docname):
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri.endswith(".svg") or (image.get("alt") and image["alt"] != uri):
            continue
        path = Path(app.srcdir, uri)
        if path.is_file():
            description = svg_description(path)
            if description:
                image["alt"] = description


def setup(app):
    app.connect("doctree-resolved", _alt_from_svg)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
