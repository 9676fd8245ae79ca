"""A correction: an error found in earlier years, as emissions per year to add or take away."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..validation import fail
from .base import WHAT, Context, Effect, Problem, per_year, placement
from .rows import RestatedRows

__all__ = ["Correction"]


@dataclass(frozen=True)
class Correction:
    """An error found in earlier years: emissions per year to add (negative: to take away).

    Its size is its largest share of a year it corrects (an error in 2013 only is measured
    against 2013, not against the base year).

    Parameters
    ----------
    name : str
    emissions : mapping year -> t CO2e
    scope, category, area
        Where the corrected emissions belong.

    Examples
    --------
    >>> c = Correction("Fel mängd 2013", emissions={2013: "-0,5 t CO2e"}, scope=1, category="mobile_combustion",
    ...                area="vehicles")
    >>> c.kind, c.trigger, c.emissions
    ('correction', 'error', {2013: -0.5})
    """

    name: str
    emissions: Mapping[Any, Any]
    scope: int
    category: str
    area: str
    trigger: str = field(default="error", init=False)

    #: The kind, as the assessment names it.
    kind: ClassVar[str] = "correction"

    def __post_init__(self) -> None:
        what = f"correction {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise fail("name", self.name, "a correction needs a name", what=WHAT)
        object.__setattr__(self, "emissions", per_year(self.emissions, "emissions", what))
        placement(self.scope, self.category, self.area, what)

    def effect(self, ctx: Context) -> Effect | Problem:
        """The emissions per year and scope, the effect on the base year, and the share of the year corrected
        that is largest."""
        by_year: dict[tuple[int, int], float] = {}
        for y, t in self.emissions.items():
            by_year[(y, int(self.scope or 0))] = 1.0 * t
        base_effect = sum(v for (y, s), v in by_year.items() if y == ctx.base_year)
        share = max(abs(v) / abs(ctx.year_total(y) or float("nan")) for (y, _), v in by_year.items())
        year = min((y for y, _ in by_year), default=ctx.base_year)
        return Effect(self, by_year, base_effect, share, year)

    def apply(self, effect: Effect, rows: RestatedRows) -> None:
        """Add the corrected emissions as rows of their own in the restated years."""
        rows.add_emissions(self.name, self.category, self.area, effect.by_year)
