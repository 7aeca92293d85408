"""Parse figures as the reports print them.

Numbers are Indonesian by default (``1.234.567,89``: dot groups thousands, comma marks
decimals). A row may declare ``number_format: en`` for tables printed with English
separators (``20,674,821,126``). Grades (``A (85)``, ``AA (90,78)``) are SAKIP evaluation
letters with an optional score. Spreadsheet errors, dashes and blank cells are kept as
such and parse to no value, never to zero.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Literal token a curator writes for a cell that is printed empty in the report.
BLANK = "[blank]"
#: Spreadsheet error codes the reports print instead of a value.
SPREADSHEET_ERRORS = ("#DIV/0!", "#VALUE!", "#N/A", "#NI", "#REF!", "#NAME?", "#NUM!", "#NULL!")
#: SAKIP/AKIP evaluation grades, best first.
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
DASHES = ("-", "–", "—")

_GRADE_RE = re.compile(r"^(AA|A|BB|B|CC|C|D)\s*(?:\(\s*([0-9.,]+)\s*%?\s*\))?$")
_SCORE_GRADE_RE = re.compile(r"^([0-9.,]+)\s*%?\s*\(\s*(AA|A|BB|B|CC|C|D)\s*\)$")
_NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")
_PREFIX_RE = re.compile(r"^(?:Rp\.?\s*)", re.IGNORECASE)
_SUFFIX_RE = re.compile(r"(?:,-|\.-)$")


@dataclass(frozen=True)
class Figure:
    """A printed figure: its numeric value, grade, unit and status.

    ``status`` is ``ok``, ``blank`` (printed empty), ``dash`` (printed as a dash),
    ``spreadsheet_error`` (``#DIV/0!`` and the like) or ``absent`` (not printed at all).
    """

    value: float | None = None
    grade: str | None = None
    unit: str = ""
    status: str = "ok"

    @property
    def missing(self) -> bool:
        return self.status != "ok"


class FigureError(ValueError):
    """The text is not a figure this parser understands."""


def parse_number(text: str, number_format: str = "id") -> float:
    """Parse a bare number printed with Indonesian (default) or English separators."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _NUMBER_RE.match(s):
        raise FigureError(f"{text!r} is not a number")
    if number_format not in ("id", "en"):
        raise FigureError(f"unknown number_format {number_format!r} (expected 'id' or 'en')")
    thousands, decimal = (".", ",") if number_format == "id" else (",", ".")
    if s.count(decimal) > 1:
        raise FigureError(f"{text!r} has more than one decimal separator {decimal!r}")
    if decimal in s and thousands in s and s.rindex(thousands) > s.index(decimal):
        raise FigureError(f"{text!r} mixes separators: {thousands!r} after the decimal {decimal!r}")
    whole, _, frac = s.partition(decimal)
    groups = whole.lstrip("+-").split(thousands)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise FigureError(f"{text!r}: digits are not grouped in threes by {thousands!r}")
    value = float(whole.replace(thousands, "") + ("." + frac if frac else ""))
    if not math.isfinite(value):
        raise FigureError(f"{text!r} is not finite")
    return value


def parse_figure(text: str | None, number_format: str = "id") -> Figure:
    """Parse one printed cell into a :class:`Figure`.

    Accepts ``128``, ``5,87 %`` (also ``5,87 persen``: the unit is ``%``), ``Rp. 12.151.893.026,-``, ``A``, ``AA (90,78)``, ``A (81,1%)``,
    the score-first form ``84,31(A)``,
    ``-``, ``#DIV/0!`` and the blank token ``[blank]``. An empty string means the
    quantity is not printed at all (status ``absent``).
    """
    if text is None:
        return Figure(status="absent")
    s = " ".join(str(text).split())
    if s == "":
        return Figure(status="absent")
    if s == BLANK:
        return Figure(status="blank")
    if s in DASHES:
        return Figure(status="dash")
    if s.upper() in SPREADSHEET_ERRORS:
        return Figure(status="spreadsheet_error")
    grade = _GRADE_RE.match(s)
    if grade:
        score = parse_number(grade.group(2), number_format) if grade.group(2) else None
        return Figure(value=score, grade=grade.group(1))
    score_first = _SCORE_GRADE_RE.match(s)
    if score_first:
        return Figure(value=parse_number(score_first.group(1), number_format), grade=score_first.group(2))
    unit = ""
    body = s
    prefix = _PREFIX_RE.match(body)
    if prefix:
        unit, body = "Rp", body[prefix.end():]
    body = _SUFFIX_RE.sub("", body).strip()
    m = re.match(r"^([+-]?\s?\d[\d.,\s]*?)\s*([%‰]|[A-Za-z][A-Za-z .]*)?$", body)
    if not m:
        raise FigureError(f"{text!r} is not a number, a grade, a dash, a blank or a spreadsheet error")
    if m.group(2):
        word = m.group(2).strip()
        unit = (unit + " " + ("%" if word.lower() == "persen" else word)).strip()
    return Figure(value=parse_number(m.group(1), number_format), unit=unit)


def grade_rank(grade: str) -> int:
    """Rank of a SAKIP grade: 0 for AA (best) to 6 for D."""
    try:
        return GRADES.index(grade)
    except ValueError:
        raise FigureError(f"{grade!r} is not a SAKIP grade ({', '.join(GRADES)})") from None


def printed_decimals(text: str, number_format: str = "id") -> int:
    """How many decimals a printed number shows (``93,06 %`` -> 2, ``128`` -> 0)."""
    decimal = "," if number_format == "id" else "."
    m = re.search(r"\d[\d.,]*", str(text))
    if not m or decimal not in m.group(0):
        return 0
    return len(m.group(0).rsplit(decimal, 1)[1])
