"""Errors raised by klimatbokslut.

One base class, :class:`KlimatbokslutError`; each concrete error also subclasses
the built-in exception a caller would expect (``ValueError``, ``LookupError``,
``TypeError``), so ``except ValueError`` keeps working. Errors keep their data in
structured fields and build the message in ``__str__``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

FAILURE_COLUMNS = ["row", "column", "value", "reason"]

_MAX_LINES = 25


def _fmt_value(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "<empty>"
    text = str(value)
    if text == "":
        return "<empty>"
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text)


class KlimatbokslutError(Exception):
    """Base class of every error raised by klimatbokslut."""


class InputError(KlimatbokslutError, ValueError):
    """Input that cannot be used, with every failure listed at once.

    Parameters
    ----------
    failures : pandas.DataFrame or iterable of mappings
        One line per failure with at least the columns ``row``, ``column``,
        ``value`` and ``reason``. ``row`` is the row number the user sees (the
        line number in a CSV file or Excel sheet, the index label of a DataFrame).
    what : str
        What was being read, e.g. a file name.

    Examples
    --------
    >>> err = InputError([{"row": 3, "column": "unit", "value": "l", "reason": "litres are not energy"}])
    >>> print(err)
    1 problem in input:
      row 3, column 'unit', value 'l': litres are not energy
    """

    #: True when the input is readable but no emission factor fits it (the engine keeps such rows, unvalued).
    no_factor: bool = False

    def __init__(self, failures: pd.DataFrame | Iterable[Mapping[str, Any]], what: str = "input"):
        frame = failures if isinstance(failures, pd.DataFrame) else pd.DataFrame(list(failures))
        for col in FAILURE_COLUMNS:
            if col not in frame.columns:
                frame[col] = None
        self.failures = frame.reset_index(drop=True)
        self.what = what
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.failures)
        lines = [f"{n} problem{'s' if n != 1 else ''} in {self.what}:"]
        for rec in self.failures.head(_MAX_LINES).to_dict("records"):
            where = []
            if rec.get("row") is not None and not (isinstance(rec["row"], float) and pd.isna(rec["row"])):
                where.append(f"row {rec['row']}")
            if rec.get("column"):
                where.append(f"column {rec['column']!r}")
            where.append(f"value {_fmt_value(rec.get('value'))}")
            lines.append(f"  {', '.join(where)}: {rec['reason']}")
        if n > _MAX_LINES:
            lines.append(f"  ... and {n - _MAX_LINES} more (see the .failures table)")
        return "\n".join(lines)

    def __reduce__(self):  # keep the error picklable for multiprocessing/Dask workers
        return (type(self), (self.failures, self.what))


class FactorNotFoundError(KlimatbokslutError, LookupError):
    """No emission factor matches an activity, year, region or contract.

    ``column`` names the part of the request that had no match (``activity``,
    ``factor_id``, ``region``, ``contract``, ``year``), so a caller can blame the
    right cell of an activity table without reading the message.

    Examples
    --------
    >>> print(FactorNotFoundError("lbg", year=2024, reason="no factor in the dataset"))
    no emission factor for activity 'lbg' in 2024: no factor in the dataset
    """

    def __init__(self, activity: str, *, year: int | None = None, reason: str = "",
                 choices: Sequence[str] = (), column: str | None = None):
        self.activity = activity
        self.year = year
        self.reason = reason
        self.choices = list(choices)
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"no emission factor for activity {self.activity!r}"
        if self.year is not None:
            text += f" in {self.year}"
        if self.reason:
            text += f": {self.reason}"
        if self.choices:
            text += f" (available: {', '.join(map(str, self.choices))})"
        return text

    def __reduce__(self):
        return (_rebuild_factor_error, (self.activity, self.year, self.reason, self.choices, self.column))


def _rebuild_factor_error(activity, year, reason, choices, column=None):
    return FactorNotFoundError(activity, year=year, reason=reason, choices=choices, column=column)


class UnitError(KlimatbokslutError, TypeError):
    """A unit that is unknown or has the wrong dimension for its use.

    Examples
    --------
    >>> print(UnitError("l", "electricity", expected=["energy (kWh, MWh, MJ)"]))
    unit 'l' cannot be used for 'electricity'; expected energy (kWh, MWh, MJ)
    """

    def __init__(self, unit: str, what: str, *, expected: Sequence[str] = (), reason: str = ""):
        self.unit = unit
        self.what = what
        self.expected = list(expected)
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"unit {self.unit!r} cannot be used for {self.what!r}"
        if self.reason:
            text += f": {self.reason}"
        if self.expected:
            text += f"; expected {' or '.join(self.expected)}"
        return text

    def __reduce__(self):
        return (_rebuild_unit_error, (self.unit, self.what, self.expected, self.reason))


def _rebuild_unit_error(unit, what, expected, reason):
    return UnitError(unit, what, expected=expected, reason=reason)


class DatasetIntegrityError(KlimatbokslutError, RuntimeError):
    """A bundled or user factor file does not match its recorded sha256, or is malformed."""


class NumberFormatError(KlimatbokslutError, ValueError):
    """A text that is not a number, or whose decimal mark is ambiguous."""


class ConversionError(UnitError):
    """An amount cannot be converted to what a factor needs (no heating value or density)."""


class GWPError(KlimatbokslutError, LookupError):
    """A gas has no GWP100 value in the chosen set, or the set is unknown."""


class UnknownAirportError(InputError):
    """An IATA code that is not in the airport database."""


class ConfigError(KlimatbokslutError, ValueError):
    """A configuration that cannot be used; ``problems`` lists ``(key, message)`` pairs.

    Examples
    --------
    >>> print(ConfigError([("targets[2].base_year", "no data in 2019")], source="k.toml"))
    1 problem in k.toml:
      targets[2].base_year: no data in 2019
    """

    def __init__(self, problems: list[tuple[str, str]], source: str = "the configuration"):
        self.problems = list(problems)
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in {self.source}:"]
        lines += [f"  {key}: {msg}" if key else f"  {msg}" for key, msg in self.problems]
        return "\n".join(lines)

    def __reduce__(self):
        return (type(self), (self.problems, self.source))


class BookError(KlimatbokslutError, RuntimeError):
    """A book (``klimatbokslut.book``) refuses what was asked: a closed year, a file that is not a book,
    a schema newer than this library, a year closed by another process at the same time."""


def input_problems(exc: InputError, prefix: str) -> list[tuple[str, str]]:
    """An :class:`InputError`'s problems as ``(key, reason)`` pairs under a configuration key.

    Each problem's column joins ``prefix`` (``recalculation.changes[0].year``) and its value is
    shown after the reason, so a configuration error names the full key and what was given.

    Examples
    --------
    >>> e = InputError([{"row": None, "column": "year", "value": "x", "reason": "a year is a number"}])
    >>> input_problems(e, "recalculation.changes[0]")
    [('recalculation.changes[0].year', "a year is a number ('x')")]
    """
    out = []
    for rec in exc.failures.to_dict("records"):
        col = rec.get("column")
        key = prefix if col in (None, "", "parameters") or pd.isna(col) else f"{prefix}.{col}"
        value = rec.get("value")
        shown = "" if value is None or (isinstance(value, float) and pd.isna(value)) else f" ({value!r})"
        out.append((key, f"{rec.get('reason')}{shown}"))
    return out
