"""Number formatting for the report: Swedish (``1 234,5``) and English (``1,234.5``).

The formatters live in :mod:`klimatbokslut.text.numbers` (Babel's locale rules, at the bottom
floor so every module can use them); the report keeps importing them from here.

Examples
--------
>>> number(1234567.891, 1), number(1234567.891, 1, "en"), number(-0.5, 1)
('1 234 567,9', '1,234,567.9', '−0,5')
>>> percent(-0.0421), auto_decimals(59.0), is_missing(None)
('−4,2 %', 1, True)
"""

from __future__ import annotations

from ..text.numbers import auto_decimals, is_missing, number, percent

__all__ = ["number", "percent", "is_missing", "auto_decimals"]
