"""What every change kind shares: the ledger it is measured against, its effect, and its checks.

A change kind (:mod:`.structural`, :mod:`.correction`) turns itself into an :class:`Effect`
on a :class:`Context` (the reported ledger and its base year): the emissions it adds or takes
away per year and scope, its effect on the base-year total and its size as a share of it.
The policy (:mod:`.policy`) judges the effect; the change then applies it to the rows of the
restated ledger (:mod:`.rows`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..catalogue import AREAS, CATEGORIES
from ..units import as_quantity
from ..validation import as_list, check_year, fail, isin_mask

if TYPE_CHECKING:
    from ..ledger import Ledger
    from .rows import RestatedRows

__all__ = ["WHAT", "Change", "Context", "Effect", "Problem", "tonnes", "per_year", "placement"]

#: The ``what`` of every error about a recalculation as a whole.
WHAT = "base-year recalculation"


@dataclass(frozen=True, eq=False)
class Context:
    """The history a change is measured against.

    Attributes
    ----------
    ledger : Ledger
        The history as reported.
    base_year : int
    base_total : float
        The base year's reported total [t CO2e].
    """

    ledger: Ledger
    base_year: int
    base_total: float

    def year_total(self, year: int) -> float:
        """A year's reported total [t CO2e]."""
        return float(self.ledger.total(year=year).magnitude)

    def rows_before(self, select: Mapping[str, Any], before: int, what: str) -> np.ndarray:
        """The ledger rows before the year ``before`` that match ``select`` (a boolean mask)."""
        f = self.ledger.frame
        mask = f["year"].astype(int).to_numpy() < before
        for col, val in select.items():
            if col not in f.columns:
                raise fail("select", col, f"not a ledger column; columns: {', '.join(map(str, f.columns))}",
                           what=what)
            mask &= isin_mask(f[col], as_list(val), len(f))
        return mask


@dataclass(frozen=True, eq=False)
class Effect:
    """What one change does to the history, before the policy has judged it.

    Attributes
    ----------
    change : Change
    by_year : mapping (year, scope) -> float
        Emissions added (negative: taken away) per year and scope [t CO2e].
    base_effect : float
        The effect on the base-year total [t CO2e].
    share : float
        The change's size as a share of the total it is measured against (0–1).
    year : int
        The year the assessment names.
    moved_to_scope3_t : float
        An outsourcing's base-year scope 1 and 2 emissions moved to scope 3 [t CO2e].
    mask : numpy.ndarray of bool, optional
        The reported ledger's rows the change selects.
    extra : Ledger, optional
        An acquired unit's calculated rows.
    """

    change: Change
    by_year: Mapping[tuple[int, int], float]
    base_effect: float
    share: float
    year: int
    moved_to_scope3_t: float = 0.0
    mask: np.ndarray | None = None
    extra: Ledger | None = None


@dataclass(frozen=True)
class Problem:
    """Why a change cannot be assessed: one row of the :class:`~klimatbokslut.errors.InputError`."""

    column: str
    value: Any
    reason: str

    def failure(self) -> dict[str, Any]:
        """The problem as a failures-table row."""
        return {"row": None, "column": self.column, "value": self.value, "reason": self.reason}


class Change(Protocol):
    """A change kind: what it does to the base year and how it applies to the ledger rows."""

    @property
    def name(self) -> str:
        """As the report names it."""

    @property
    def trigger(self) -> str:
        """``structural`` or ``error``: what the policy's triggers are matched against."""

    @property
    def kind(self) -> str:
        """``divestment``, ``acquisition``, ``outsourcing`` or ``correction``."""

    def effect(self, ctx: Context) -> Effect | Problem:
        """The change's effect on the history (or why it has none)."""

    def apply(self, effect: Effect, rows: RestatedRows) -> None:
        """Apply the (judged) effect to the rows of the restated ledger."""


def tonnes(value: Any, column: str, what: str) -> float:
    """t CO2e from a number (read as t CO2e), a Quantity or a text like ``"1 200 t CO2e"``.

    Examples
    --------
    >>> tonnes("1 200 kg CO2e", "emissions", "correction 'x'")
    1.2
    """
    q = as_quantity(value, "t CO2e", column=column, what=what)
    try:
        return float(q.to("t CO2e").magnitude)
    except Exception:
        raise fail(column, value, "emissions are given in t CO2e (or kg CO2e)", what=what) from None


def per_year(value: Any, column: str, what: str, before: int | None = None) -> dict[int, float]:
    """Emissions per year [t CO2e] from a mapping year -> emissions, all before ``before`` when given.

    Examples
    --------
    >>> per_year({"2012": 350, 2013: "340 t CO2e"}, "emissions", "correction 'x'")
    {2012: 350.0, 2013: 340.0}
    """
    if not isinstance(value, Mapping) or not value:
        raise fail(column, value, "give the emissions per year, e.g. {2012 = 350, 2013 = 340} (t CO2e)", what=what)
    out = {}
    for y, v in value.items():
        year = check_year(int(y) if isinstance(y, str) and y.strip().isdigit() else y, column, what=what)
        if before is not None and year >= before:
            raise fail(column, y, f"emissions are needed for the years before the change ({before}), not {year}",
                       what=what)
        out[year] = tonnes(v, column, what)
    return out


def placement(scope: Any, category: Any, area: Any, what: str) -> None:
    """Check where emissions given as numbers belong: scope 1–3, a category and an area of the catalogue."""
    if scope not in (1, 2, 3):
        raise fail("scope", scope, "emissions given as numbers need their scope: 1, 2 or 3", what=what)
    if category not in CATEGORIES:
        raise fail("category", category, f"category is one of {', '.join(CATEGORIES)}", what=what)
    if area not in AREAS:
        raise fail("area", area, f"area is one of {', '.join(AREAS)}", what=what)
