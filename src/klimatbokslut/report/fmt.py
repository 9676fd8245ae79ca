"""Number formatting for the report: Swedish (``1 234,5``) and English (``1,234.5``).

Examples
--------
>>> number(1234567.891, 1), number(1234567.891, 1, "en"), number(-0.5, 1)
('1 234 567,9', '1,234,567.9', '−0,5')
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["number", "percent", "is_missing", "auto_decimals"]

_MINUS = {"sv": "\u2212", "en": "-"}
_MISSING = "–"


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


def number(value: Any, decimals: int | None = 1, lang: str = "sv", *, sign: bool = False) -> str:
    """A number with the language's separators; ``–`` for a missing value.

    Parameters
    ----------
    value : float, int, None
        The number (a pint Quantity's magnitude is taken).
    decimals : int or None
        Decimals shown; None chooses with :func:`auto_decimals`.
    lang : {"sv", "en"}
        ``sv``: space as thousands separator, decimal comma, minus sign U+2212;
        ``en``: comma and point.
    sign : bool
        Show ``+`` before a positive value (changes).

    Examples
    --------
    >>> number(75822.9412, 1), number(75822.9412, 0, "en"), number(None)
    ('75 822,9', '75,823', '–')
    """
    if hasattr(value, "magnitude"):
        value = value.magnitude
    if is_missing(value):
        return _MISSING
    value = float(value)
    if decimals is None:
        decimals = auto_decimals(value)
    text = f"{abs(value):,.{decimals}f}"
    if text.strip("0.,") == "":
        negative = False       # no "−0,0"
    else:
        negative = value < 0
    if lang == "sv":
        text = text.replace(",", " ").replace(".", ",")
    if negative:
        return _MINUS.get(lang, "-") + text
    return ("+" if sign and value > 0 and text.strip("0,. ") else "") + text


def percent(fraction: Any, decimals: int = 1, lang: str = "sv", *, sign: bool = False) -> str:
    """A fraction as a percentage (``-0.0421`` → ``−4,2 %`` in Swedish, ``-4.2%`` in English).

    Examples
    --------
    >>> percent(-0.0421), percent(0.25, 0, "en", sign=True), percent(None)
    ('−4,2 %', '+25%', '–')
    """
    if is_missing(fraction):
        return _MISSING
    text = number(float(fraction) * 100.0, decimals, lang)
    if sign and not text.startswith(("\u2212", "-")) and text.strip("0,. ") != "":
        text = "+" + text
    return text + (" %" if lang == "sv" else "%")
