"""The report as published: a PDF (or its text) read into the text the project vendors.

A PDF is converted with pdfplumber, keeping the layout (``extract_text(layout=True)``: words
placed at their horizontal position, so table columns stay apart as runs of spaces). Pages are
joined by a newline only: the project counts lines by ``\\n`` alone, and a form feed at a page
break would make other tools (``str.splitlines``) count one line more per page.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem

CONVERTER = "pdfplumber"
PDF_MAGIC = b"%PDF-"
#: Characters ``str.splitlines`` treats as line ends besides ``\n`` (and ``\r``): replaced by a
#: space in converted text, so every tool counts the same lines.
_LINE_BREAKERS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class SourceText:
    """The text to vendor and where it came from."""

    text: str
    origin: dict  # registry fields: pdf_sha256, converter, converter_version (PDF only)


def regular_file(path: Path) -> list[Problem]:
    """Problems that stop ``path`` from being read as a report: missing, a folder, a device..."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return [Problem(path, "the source report does not exist")]
    except OSError as exc:
        return [Problem(path, f"the source report cannot be read: {exc.strerror}")]
    if stat.S_ISDIR(mode):
        return [Problem(path, "the source is a folder; give the report's PDF or text file")]
    if not stat.S_ISREG(mode):
        return [Problem(path, "the source is not a regular file (a device, pipe or socket); "
                        "give the report's PDF or text file")]
    return []


def pdf_to_text(path: Path) -> str:
    """The PDF's text, page by page, layout kept; pages joined by a newline."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = page.extract_text(layout=True) or ""
            lines = [line.rstrip() for line in _LINE_BREAKERS.sub(" ", text).split("\n")]
            while lines and not lines[-1]:
                lines.pop()
            while lines and not lines[0]:
                lines.pop(0)
            pages.append("\n".join(lines))
    return "\n\n".join(pages).rstrip("\n") + "\n"


def converter_version() -> str:
    import pdfplumber

    return pdfplumber.__version__


def read_source(path: Path) -> SourceText:
    """The report's text: converted when ``path`` is a PDF, read verbatim when it is UTF-8 text.

    Raises a DataError naming the file when it is neither.
    """
    path = Path(path)
    problems = regular_file(path)
    if problems:
        raise DataError(problems)
    raw = path.read_bytes()
    if raw.startswith(PDF_MAGIC):
        try:
            text = pdf_to_text(path)
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            raise DataError(Problem(path, f"the PDF cannot be read ({type(exc).__name__}: {exc})")) from None
        if not text.strip():
            raise DataError(Problem(path, "the PDF has no text layer (a scan?); run OCR first and give the text"))
        origin = {"pdf_sha256": hashlib.sha256(raw).hexdigest(), "converter": CONVERTER,
                  "converter_version": converter_version()}
        return SourceText(text, origin)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(Problem(path, f"the source is neither a PDF nor UTF-8 text (byte {raw[exc.start]:#04x} "
                                f"on line {line}); convert it first")) from None
    if not text.strip():
        raise DataError(Problem(path, "the source report is empty"))
    return SourceText(text, {})


def origin_fields(source: SourceText, url: str | None, today: datetime.date | None = None) -> dict:
    """Registry fields recording where the vendored text came from."""
    fields: dict = {}
    if url:
        fields["url"] = url
    fields["retrieved"] = (today or datetime.date.today()).isoformat()
    fields.update(source.origin)
    return fields
