"""The custom step: any function ``frame -> frame`` of the activity table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..factors import FactorSet
from ..units import as_sek
from ..validation import fail
from .step import WHAT, StepOutput

__all__ = ["Custom"]


@dataclass(frozen=True)
class Custom:
    """Any transformation ``frame -> frame`` of the validated activity table.

    Parameters
    ----------
    func : callable
        Takes and returns an activity DataFrame (the columns of
        :func:`klimatbokslut.read_activities`).
    description : str
    extra_cost : str or Quantity, optional
        The step's extra cost [SEK], when known.

    Examples
    --------
    >>> halve = Custom(lambda df: df.assign(amount=df["amount"] / 2), "halve everything")
    >>> halve.description
    'halve everything'
    """

    func: Callable[[pd.DataFrame], pd.DataFrame]
    description: str = "custom step"
    extra_cost: Any = None

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        out = self.func(frame.copy())
        if not isinstance(out, pd.DataFrame):
            raise fail("func", type(out).__name__, "a custom step must return a DataFrame", what=WHAT)
        cost = as_sek(self.extra_cost, column="extra_cost", what=WHAT) if self.extra_cost is not None else None
        return StepOutput(out, cost, [], len(out))
