"""Formatting of computed numbers for the book, in one book-wide locale.

The locale is the project's (``en`` by default, ``id`` for Indonesian; see
:class:`lkjpy.project.Project`): a notebook sets it with :func:`set_locale` from its ``locale``
parameter, so ``make book LOCALE=id`` rebuilds every page with Indonesian separators. Columns "as
printed" are never reformatted: they keep the report's own text.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal, parse_pattern

from .budget import serapan
from .project import SUPPORTED

MISSING = "–"


_BOOK_LOCALE = ["en"]  # the book-wide locale of this process (set_locale)


def set_locale(loc: str) -> None:
    """Format every computed number of this process in ``loc`` (one of :data:`SUPPORTED`)."""
    if loc not in SUPPORTED:
        raise ValueError(f"locale {loc!r} is not supported; use one of {', '.join(SUPPORTED)}")
    _BOOK_LOCALE[0] = loc


def book_locale() -> str:
    """The book-wide locale of this process (``en`` until :func:`set_locale` says otherwise)."""
    return _BOOK_LOCALE[0]


def _missing(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def number(x: float | None, decimals: int = 0) -> str:
    """A number with the locale's separators and a fixed number of decimals."""
    if _missing(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(x), format=pattern, locale=book_locale())


def percent(x: float | None, decimals: int = 2) -> str:
    """A percentage given in points (``93.06`` -> ``93.06%``)."""
    return MISSING if _missing(x) else number(x, decimals) + "%"


def rupiah(x: float | None) -> str:
    """An amount in rupiah, without decimals (``Rp 20,674,821,126``)."""
    return MISSING if _missing(x) else "Rp " + number(x, 0)


def budget_sentence(pagu: float, spent: float, how: str) -> str:
    """The year's budget in one sentence; says so when the report prints no realisation."""
    if _missing(spent):
        return f"The year's budget was {rupiah(pagu)} ({how}); the report prints no realisation for it."
    return (f"The year's budget was {rupiah(pagu)}, of which {rupiah(spent)} was spent "
            f"(serapan {percent(serapan(pagu, spent))}; {how}).")


def figure(x: float | None, max_decimals: int = 4) -> str:
    """A computed figure in the book's locale, with up to ``max_decimals`` decimals and no
    trailing zeros (``1234.5`` -> ``1,234.5``; ``1.234,5`` in the ``id`` locale)."""
    if _missing(x):
        return MISSING
    return _figure(float(x), max_decimals, book_locale())


@lru_cache(maxsize=4096)
def _figure(x: float, max_decimals: int, locale: str) -> str:
    return _pattern(max_decimals).apply(x, _locale(locale))


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


@cache
def _pattern(max_decimals: int):
    """The babel pattern of :func:`figure`, parsed once."""
    return parse_pattern("#,##0" + ("." + "#" * max_decimals if max_decimals else ""))
