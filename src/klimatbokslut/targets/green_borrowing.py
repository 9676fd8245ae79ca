"""GreenBorrowing: the green share of the region's debt outstanding at year end, of at least a minimum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from ..validation import check_fraction, check_year, fail
from .base import Target
from .measure import quantity
from .result import TargetResult

__all__ = ["GreenBorrowing"]


@dataclass(frozen=True, kw_only=True)
class GreenBorrowing(Target):
    """The green share of borrowing (by amount outstanding at year end) shall be at least ``minimum``.

    ``evaluate(source, year)`` takes a debt table (:class:`klimatbokslut.portfolio.Debt`, or
    anything with a ``green_share(year)`` method) or a mapping year -> share.

    Parameters
    ----------
    name : str
    minimum : float
        Share to reach [-], 0–1.

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> t = targets.GreenBorrowing("Gröna lån", minimum=0.9)
    >>> r = t.evaluate({2024: 0.92}, 2024)
    >>> r.status, r.actual
    ('met', <Quantity(0.92, 'dimensionless')>)
    >>> t.evaluate({2023: 0.5}, 2024).status
    'no_data'
    """

    minimum: float
    metric: str = "green_share"
    kind: ClassVar[str] = "green_borrowing"
    lower_is_better: ClassVar[bool] = False
    change_as: ClassVar[str] = "points"
    ledger_base_year: ClassVar[bool] = False
    #: What :meth:`evaluate` reads: the region's debt table (the report passes it).
    reads: ClassVar[str] = "debt"

    def __post_init__(self) -> None:
        super().__post_init__()
        self._set(minimum=check_fraction(self.minimum, "minimum", what=self._what()))

    def _check_metric(self, what: str) -> None:
        if self.metric != "green_share":
            raise fail("metric", self.metric, "a green-borrowing target measures green_share", what=what)
        self._set(unit="")

    @property
    def reads_ledger(self) -> bool:
        """False: the source is the debt table."""
        return False

    def _actual(self, source, year: int) -> float:
        if isinstance(source, (Mapping, pd.Series)):
            v = {int(str(k)): x for k, x in source.items()}.get(int(year))
            return float("nan") if v is None else float(v)
        method = getattr(source, "green_share", None)
        if not callable(method):
            raise fail("source", type(source).__name__, "expected a debt table (read_debt) or a mapping year -> "
                                                        "share", what=self._what())
        return float(method(year))

    def _evaluate(self, source, year: int) -> TargetResult:
        """``met`` when the year-end green share is at least the minimum."""
        year = check_year(year, "year", what=self._what())
        share = self._actual(source, year)
        if math.isnan(share):
            return TargetResult(self.name, year, "no_data", note=f"no debt outstanding at the end of {year}",
                                unit="", target_value=quantity(self.minimum, ""))
        details: dict[str, Any] = {}
        summary = getattr(source, "summary", None)
        if callable(summary):
            details.update({k: v for k, v in summary(year).items() if k != "year"})
        status = "met" if share >= self.minimum - 1e-12 else "not_met"
        return TargetResult(self.name, year, status, actual=quantity(share, ""),
                            target_value=quantity(self.minimum, ""), gap=quantity(self.minimum - share, ""),
                            details=details, unit="")
