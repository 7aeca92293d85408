"""Text as the data holds it: source lines counted as editors count them, and characters that a
text field must not carry."""

from __future__ import annotations

import re
import unicodedata

#: Longest text a field may hold (a CSV cell, a registry field).
MAX_FIELD_CHARS = 10_000

#: Characters that change how text is shown or read without being seen, named: bidirectional
#: embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069), which can make a name or
#: a figure display in another order than it is stored (Unicode TR #9; CVE-2021-42574, "Trojan
#: Source"); zero-width characters (U+200B-U+200D, U+2060, U+FEFF), which make two equal-looking
#: texts differ; the line and paragraph separators U+2028/U+2029. Every other invisible format
#: character (Unicode category Cf: bidirectional marks, soft hyphen, tag characters ...) is refused
#: too.
INVISIBLE = {
    **{chr(c): "a bidirectional control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    **{chr(c): "a zero-width character" for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)},
    "\u2028": "a line separator", "\u2029": "a paragraph separator",
}
_ASCII_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_REFUSED_CATEGORIES = {"Cc": "a control character", "Cf": "an invisible format character",
                       "Zl": "a line separator", "Zp": "a paragraph separator"}


def split_lines(text: str) -> list[str]:
    """The lines of a text as editors and ``sed -n`` number them: only ``\\n`` ends a line (a form
    feed from a PDF converter's page break, or U+2028, stays inside its line, unlike
    :meth:`str.splitlines`); a ``\\r`` before the ``\\n`` is dropped; a final line end opens no
    empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def forbidden_character(text: str) -> str | None:
    """A description of the first character a text field must not carry, or None.

    Refused: control characters other than tab (NUL, BEL, ESC, DEL, line ends, the C1 controls),
    the invisible characters of :data:`INVISIBLE` and every other
    invisible format character (category Cf).
    """
    if text.isascii():
        found = ((m.start(), m.group(0)) for m in _ASCII_CONTROLS.finditer(text))
    else:
        found = ((i, c) for i, c in enumerate(text) if unicodedata.category(c) in _REFUSED_CATEGORIES and c != "\t")
    for position, char in found:
        what = INVISIBLE.get(char) or _REFUSED_CATEGORIES[unicodedata.category(char)]
        name = unicodedata.name(char, "")
        return f"{what} U+{ord(char):04X}{f' ({name})' if name else ''} at character {position + 1}"
    return None


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~:$&=^\"'])")


def md_escape(text: str) -> str:
    """Text from data made literal in MyST Markdown: every punctuation mark backslash-escaped,
    so ``<script>``, ``{glue:text}`` or ``*`` render as themselves."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
