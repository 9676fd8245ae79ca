"""The recalculation policy: the threshold, the triggers that count, the years restated, the cumulative rule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..validation import as_list, fail
from .base import WHAT, Effect

__all__ = ["TRIGGERS", "RESTATE", "RecalculationPolicy", "Assessed"]

#: What can make a base year be recalculated (GHG Protocol ch. 5).
TRIGGERS = ("structural", "method", "factor_edition", "error")
#: Which years a significant change restates: every year before the change, the base year only,
#: or only later years (the history before the change stays as first reported: no back-casting).
RESTATE = ("all", "base_year", "later")


@dataclass(frozen=True, eq=False)
class Assessed:
    """A change's effect as the policy judges it.

    Attributes
    ----------
    effect : Effect
    significant : bool
        Its share is at least the threshold.
    cumulative : bool
        Below the threshold alone, restated together with the other changes below it.
    applied : bool
        Restated: significant (alone or together), a trigger of the policy, and a policy that
        restates earlier years.
    """

    effect: Effect
    significant: bool
    cumulative: bool
    applied: bool


@dataclass(frozen=True)
class RecalculationPolicy:
    """When and how the base year is recalculated.

    Parameters
    ----------
    threshold : float
        Significance threshold as a share of the base-year total (0.05 for 5 %), 0–1. A change
        whose effect on the base year is at least this large is restated.
    triggers : iterable of str
        The kinds of change the policy restates for: ``structural``, ``method``,
        ``factor_edition``, ``error`` (default all).
    restate : {"all", "base_year", "later"}
        ``all`` (default): the base year and every other year before the change, so every year
        covers the same organisation; ``base_year``: only the base year; ``later``: only the
        years from the change on (which already have the new organisation or method): the
        history stays as first reported and each change is assessed and reported, not applied.
    cumulative : bool
        Changes each below the threshold are restated together when their effects on the base
        year add up to the threshold (default True; the GHG Protocol asks to consider the
        cumulative effect).

    Examples
    --------
    >>> RecalculationPolicy(threshold=1.5)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in base-year recalculation:
      column 'threshold', value '1.5': the threshold is a share of the base-year total from 0 to 1 (0.05 for 5 %)
    """

    threshold: float = 0.05
    triggers: tuple[str, ...] = TRIGGERS
    restate: str = "all"
    cumulative: bool = True

    def __post_init__(self) -> None:
        try:
            t = float(self.threshold)
        except (TypeError, ValueError):
            raise fail("threshold", self.threshold, "the threshold is a number (0.05 for 5 %)", what=WHAT) from None
        if not (0.0 <= t <= 1.0) or math.isnan(t):
            raise fail("threshold", self.threshold, "the threshold is a share of the base-year total from 0 to 1 "
                                                    "(0.05 for 5 %)", what=WHAT)
        triggers = tuple(as_list(self.triggers))
        bad = [x for x in triggers if x not in TRIGGERS]
        if bad:
            raise fail("triggers", ", ".join(map(str, bad)), f"triggers are {', '.join(TRIGGERS)}", what=WHAT)
        if self.restate not in RESTATE:
            raise fail("restate", self.restate, f"restate is one of {', '.join(RESTATE)}", what=WHAT)
        object.__setattr__(self, "threshold", t)
        object.__setattr__(self, "triggers", triggers)

    def restates_year(self, year: int, base_year: int) -> bool:
        """Whether an applied change restates ``year``: every year, or the base year only.

        Examples
        --------
        >>> RecalculationPolicy(restate="base_year").restates_year(2013, base_year=2012)
        False
        """
        return self.restate == "all" or year == base_year

    def assess(self, effects: Sequence[Effect]) -> list[Assessed]:
        """Judge each effect: significant alone, significant together with the others below the
        threshold (when the policy is cumulative), and applied.

        Examples
        --------
        >>> from types import SimpleNamespace as NS
        >>> small = [NS(share=0.03, change=NS(trigger="structural"))] * 2
        >>> [(a.significant, a.cumulative, a.applied) for a in RecalculationPolicy().assess(small)]
        [(False, True, True), (False, True, True)]
        """
        significant = [bool(e.share >= self.threshold) for e in effects]
        small = [e for e, s in zip(effects, significant) if not s]
        together = self.cumulative and len(small) > 1 and sum(e.share for e in small) >= self.threshold
        out = []
        for e, s in zip(effects, significant):
            cumulative = bool(together and not s)
            applied = (s or cumulative) and e.change.trigger in self.triggers and self.restate != "later"
            out.append(Assessed(e, s, cumulative, applied))
        return out
