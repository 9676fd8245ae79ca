"""Numbers, percentages, quantities and dates in the reader's language, with Babel's locale rules.

Swedish (``sv``, Babel locale ``sv_SE``): ``1 234,5``, minus sign U+2212, ``12,5 %``;
English (``en``, and any other language code): ``1,234.5``, ASCII hyphen-minus, ``12.5%``.

Babel (CLDR) supplies the digit grouping, the group and decimal symbols and the rounding of the
decimals. Three things are decided here instead, so that every figure keeps the characters the
report, the CSV files and the terminal have always printed:

* **Group separator.** CLDR's Swedish group symbol is NO-BREAK SPACE (U+00A0); klimatbokslut
  prints an ordinary space (U+0020), so the Swedish result has its U+00A0 replaced by U+0020.
  Only digits and the two symbols are in Babel's part of the text, so nothing else is touched.
* **Sign.** Babel's patterns put ASCII ``-`` before a negative number unless the pattern has a
  negative part, and write ``-0,0`` for a small negative number rounded to zero. The magnitude is
  formatted by Babel and the sign is added here: U+2212 in Swedish, ``-`` in English, none on a
  value that rounds to zero, ``+`` on request (changes).
* **Rounding.** Python's float formatting rounds the exact binary value half to even; Babel
  converts a float with ``Decimal(str(x))`` (the shortest repr), which rounds 2.675 up to 2.68
  where the exact value 2.67499999… rounds down. The exact ``Decimal(x)`` is passed instead, in
  a decimal context wide enough to hold any float's expansion, so Babel's ``ROUND_HALF_EVEN``
  quantize gives the same digits as ``f"{x:.2f}"``.

A percentage is ``fraction * 100`` in floating point, then formatted (``0.015`` → ``2 %`` with no
decimals, as before); Babel's percent scaling would multiply the exact decimal and give ``1 %``.

Examples
--------
>>> number(77173.8, 1), number(77173.8, 1, "en"), number(-0.5, 1)
('77 173,8', '77,173.8', '−0,5')
>>> percent(-0.0421), percent(0.25, 0, "en", sign=True), percent(None)
('−4,2 %', '+25%', '–')
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import parse_pattern

__all__ = ["MISSING", "auto_decimals", "date", "group_digits", "is_missing", "locale_of", "number", "percent",
           "quantity"]

#: What a missing value (None, NaN) prints as: EN DASH.
MISSING = "\u2013"

_MINUS = {"sv": "\u2212", "en": "-"}
_PERCENT_SUFFIX = {"sv": " %", "en": "%"}
# Wide enough for the exact decimal expansion of any double (at most 767 significant digits), so
# Babel's normalize() and quantize() work on the exact value.
_EXACT = decimal.Context(prec=1100, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX,
                         Emin=decimal.MIN_EMIN)


def locale_of(lang: str) -> str:
    """The Babel locale of a language code: ``sv`` → ``sv_SE``, anything else → ``en``.

    Examples
    --------
    >>> locale_of("sv"), locale_of("en"), locale_of("de")
    ('sv_SE', 'en', 'en')
    """
    return "sv_SE" if lang == "sv" else "en"


def _numbers_lang(lang: str) -> str:
    return "sv" if lang == "sv" else "en"


def is_missing(value: Any) -> bool:
    """True for None and NaN.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(0.0)
    (True, True, False)
    """
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def auto_decimals(value: float) -> int:
    """Decimals that show a value sensibly: 0 from 100, 1 from 10, 2 from 0.1, else 3.

    Examples
    --------
    >>> [auto_decimals(v) for v in (63132.9, 59.0, 0.9, 0.0123)]
    [0, 1, 2, 3]
    """
    a = abs(float(value))
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 0.1 or a == 0:
        return 2
    return 3


@lru_cache(maxsize=32)
def _pattern(decimals: int):
    """A Babel number pattern with exactly ``decimals`` decimals and groups of three."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def _magnitude(value: float, decimals: int, lang: str) -> str:
    """``abs(value)`` rounded to ``decimals`` with the language's group and decimal symbols."""
    if math.isinf(value):
        return "inf"   # as Python prints it (Babel would write "∞")
    with decimal.localcontext(_EXACT):
        text = _pattern(decimals).apply(decimal.Decimal(abs(value)), locale_of(lang))
    return text.replace("\u00a0", " ")   # CLDR's Swedish U+00A0 → the space klimatbokslut prints


def number(value: Any, decimals: int | None = 1, lang: str = "sv", *, sign: bool = False) -> str:
    """A number with the language's separators; ``–`` for a missing value.

    Parameters
    ----------
    value : float, int, None
        The number (a pint Quantity's magnitude is taken).
    decimals : int or None
        Decimals shown; None chooses with :func:`auto_decimals`.
    lang : {"sv", "en"}
        ``sv``: space (U+0020) as thousands separator, decimal comma, minus sign U+2212;
        ``en`` (and any other code): comma and point, ``-``.
    sign : bool
        Show ``+`` before a positive value (changes).

    Examples
    --------
    >>> number(75822.9412, 1), number(75822.9412, 0, "en"), number(None)
    ('75 822,9', '75,823', '–')
    >>> number(-0.04, 1), number(2.675, 2, "en"), number(12.5, 1, sign=True)
    ('0,0', '2.67', '+12,5')
    """
    if hasattr(value, "magnitude"):
        value = value.magnitude
    if is_missing(value):
        return MISSING
    value = float(value)
    if decimals is None:
        decimals = auto_decimals(value)
    lang = _numbers_lang(lang)
    text = _magnitude(value, decimals, lang)
    zero = text.strip("0,. ") == ""   # rounds to zero: no "−0,0" and no "+0,0"
    if value < 0 and not zero:
        return _MINUS[lang] + text
    return ("+" if sign and value > 0 and not zero else "") + text


def percent(fraction: Any, decimals: int = 1, lang: str = "sv", *, sign: bool = False) -> str:
    """A fraction as a percentage (``-0.0421`` → ``−4,2 %`` in Swedish, ``-4.2%`` in English).

    Parameters
    ----------
    fraction : float or None
        The share [1] (0.25 is 25 %).
    decimals : int
        Decimals of the percentage.
    lang : {"sv", "en"}
        ``sv``: a space before ``%``; ``en``: none.
    sign : bool
        Show ``+`` before a positive value.

    Examples
    --------
    >>> percent(0.015, 0), percent(-0.0004, 1, "en"), percent(1234.5, 0)
    ('2 %', '0.0%', '123 450 %')
    """
    if is_missing(fraction):
        return MISSING
    text = number(float(fraction) * 100.0, decimals, lang, sign=sign)
    return text + _PERCENT_SUFFIX[_numbers_lang(lang)]


def quantity(value: Any, unit: str | None = None, decimals: int | None = 1, lang: str = "sv", *,
             sign: bool = False) -> str:
    """A number and its unit: ``1 234,5 t CO2e``.

    Parameters
    ----------
    value : float, pint.Quantity or None
        The amount; a Quantity's magnitude is taken, and its unit when ``unit`` is not given.
    unit : str, optional
        The unit as the reader should see it (``"t CO2e"``, ``"kr"``); written after a space.
    decimals : int or None
        As in :func:`number`.
    lang : {"sv", "en"}
        As in :func:`number`.
    sign : bool
        As in :func:`number`.

    Examples
    --------
    >>> quantity(1234.56, "t CO2e"), quantity(1234.56, "t CO2e", 0, "en"), quantity(None, "t")
    ('1 234,6 t CO2e', '1,235 t CO2e', '–')
    """
    if unit is None and hasattr(value, "units"):
        unit = f"{value.units:~}"
    text = number(value, decimals, lang, sign=sign)
    return text if text == MISSING or not unit else f"{text} {unit}"


def group_digits(digits: str | int, lang: str = "sv") -> str:
    """A whole number written with the language's thousands separator (any number of digits).

    Examples
    --------
    >>> group_digits("1234567"), group_digits(1234567, "en"), group_digits("12345678901234567890123")
    ('1 234 567', '1,234,567', '12 345 678 901 234 567 890 123')
    """
    with decimal.localcontext(_EXACT):
        text = _pattern(0).apply(decimal.Decimal(int(digits)), locale_of(_numbers_lang(lang)))
    return text.replace("\u00a0", " ")


def date(value: _dt.date, lang: str = "sv", format: str = "long") -> str:
    """A date in the language's words (Babel's CLDR formats ``short``, ``medium``, ``long``, ``full``).

    Examples
    --------
    >>> import datetime
    >>> date(datetime.date(2024, 3, 5)), date(datetime.date(2024, 3, 5), "en"), date(datetime.date(2024, 3, 5),
    ...                                                                                "sv", "short")
    ('5 mars 2024', 'March 5, 2024', '2024-03-05')
    """
    return format_date(value, format=format, locale=locale_of(lang))
