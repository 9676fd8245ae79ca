"""The restated ledger, built row by row as each applied change says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..ledger import Ledger

__all__ = ["RestatedRows"]


class RestatedRows:
    """The reported ledger's rows, the rows added, and the adjustments, while changes are applied.

    Parameters
    ----------
    ledger : Ledger
        The history as reported (not changed).
    restates : callable year -> bool
        Whether an applied change restates a year (the policy's ``restate``).
    """

    def __init__(self, ledger: Ledger, restates: Callable[[int], bool]) -> None:
        self.reported = ledger
        self.restates = restates
        self.frame = ledger.frame.copy()
        self.drop = np.zeros(len(self.frame), dtype=bool)
        self.extras: list[Ledger] = []
        self.records: list[dict[str, Any]] = []
        self.adjustments: list[dict[str, Any]] = []

    def in_restated_years(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` limited to the reported rows of the years restated."""
        return mask & self.frame["year"].astype(int).map(self.restates).to_numpy(dtype=bool)

    def remove(self, mask: np.ndarray) -> None:
        """Take the rows out of the restated ledger (a divestment)."""
        self.drop |= mask

    def move_to_scope3(self, mask: np.ndarray) -> None:
        """Move the rows' direct part to scope 3 as a purchased service (an outsourcing)."""
        frame = self.frame
        idx = np.flatnonzero(mask & (frame["scope"].to_numpy() != 3))
        frame["category"] = frame["category"].astype(object)
        frame["flags"] = frame["flags"].astype(object)
        frame.loc[idx, "scope"] = np.int8(3)
        frame.loc[idx, "category"] = "purchased_goods_and_services"
        frame.loc[idx, "flags"] = frame.loc[idx, "flags"].astype(object).map(
            lambda s: ";".join(x for x in (str(s), "restated_outsourced") if x))

    def add_ledger(self, ledger: Ledger) -> None:
        """Add calculated rows (an acquired unit's)."""
        self.extras.append(ledger)

    def add_emissions(self, name: str, category: str | None, area: str | None,
                      by_year: Mapping[tuple[int, int], float]) -> None:
        """Add emissions given as numbers, one row per restated year and scope, in ``category`` and ``area``."""
        for (y, s), t in by_year.items():
            if self.restates(y):
                self.records.append({"activity": "restatement", "amount": t, "unit": "t CO2e", "year": y, "scope": s,
                                     "category": category, "area": area, "co2e_direct_kg": t * 1000.0,
                                     "org_unit": name, "flags": "restatement"})

    def adjust(self, name: str, by_year: Mapping[tuple[int, int], float]) -> None:
        """Record an applied change's adjustment per restated year and scope."""
        for (y, s), t in sorted(by_year.items()):
            if self.restates(y):
                self.adjustments.append({"change": name, "year": y, "scope": s, "adjustment_t": t})

    def ledger(self) -> Ledger:
        """The restated ledger: the rows kept, the rows added, and the adjustments as rows of their own."""
        ledger, frame = self.reported, self.frame
        for col in ("category", "flags"):
            frame[col] = frame[col].astype("category")
        kept = Ledger(frame[~self.drop].reset_index(drop=True), rejects=ledger.rejects, gwp=ledger.gwp,
                      scope2_method=ledger.scope2_method, factors=ledger.factors,
                      radiative_forcing=ledger.radiative_forcing)
        parts = [kept, *self.extras]
        if self.records:
            parts.append(Ledger.from_records(self.records, gwp=ledger.gwp, factors=ledger.factors)
                         .replace(scope2_method=ledger.scope2_method))
        # concat keeps the first ledger's settings (the kept rows', so the reported ledger's)
        return Ledger.concat(parts) if len(parts) > 1 else kept
