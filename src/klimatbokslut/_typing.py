"""Type aliases shared across klimatbokslut (for annotations only; nothing here runs).

``QuantityLike`` is what a caller may give where an amount is meant: a pint
Quantity, a number in a documented default unit, or a text such as ``"2 000 kg"``
(read by :func:`klimatbokslut.units.as_quantity`). ``Selection`` is a filter on
ledger or activity columns: column -> one value or several.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # pint is loaded when the unit registry is first built, not at import
    import pint

__all__ = ["QuantityLike", "PriceLike", "Selection", "Failure"]

#: A pint Quantity, a plain number (in the parameter's documented unit) or a text "2 000 kg".
QuantityLike: TypeAlias = "pint.Quantity | float | int | str"

#: A price per unit of amount: "2 SEK/l", or a Quantity in currency per amount.
PriceLike: TypeAlias = "pint.Quantity | str"

#: Ledger- or activity-column filters: column -> value or list of values.
Selection: TypeAlias = Mapping[str, Any]

#: One line of a failures table: row, column, value, reason.
Failure: TypeAlias = Mapping[str, Any]
