"""A target kind and a what-if step defined outside the package, as a contributor's new module would be.

``register()`` defines them (defining the classes registers them, as a module of
``klimatbokslut.targets`` or ``klimatbokslut.whatif`` does on import) and returns their names;
``unregister()`` removes them again so the rest of the test session sees the bundled kinds only.
Used by ``tests/test_extension_map.py``, which proves the "files to touch" of
``docs/contributing.md``: nothing else of the package is edited for these to reach the
configuration, the Monte Carlo and the report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from klimatbokslut.factors import FactorSet
from klimatbokslut.targets import base as target_base
from klimatbokslut.targets.base import Target, magnitude_in
from klimatbokslut.targets.path import no_data, path_result
from klimatbokslut.targets.result import TargetResult
from klimatbokslut.units import as_quantity
from klimatbokslut.whatif import registry
from klimatbokslut.whatif.scenario import Scenario, WhatIfResult
from klimatbokslut.whatif.step import StepOutput, check_share

KIND = "between_example"
SCENARIO = "reduce_activity_example"


def register() -> tuple[type, Any]:
    """Define the kind and the step (registering them) and return the target class and the scenario function."""

    @dataclass(frozen=True, kw_only=True)
    class Between(Target):
        """Between ``minimum`` and ``maximum`` of the metric in every year (a range to stay in).

        The package has a floor (``Floor``) and a cap (``Cap``), not a range: this kind is new.
        """

        minimum: Any
        maximum: Any
        kind: ClassVar[str] = KIND
        lower_is_better: ClassVar[bool] = False

        def _bound(self, value: Any, column: str) -> float:
            return magnitude_in(as_quantity(value, self.unit, column=column, what=self._what()),
                                self.unit, self._what(), column)

        def _evaluate(self, ledger, year: int) -> TargetResult:
            low, high = self._bound(self.minimum, "minimum"), self._bound(self.maximum, "maximum")
            m = self.measure(ledger, year)
            if math.isnan(m.value):
                return no_data(self, year, m, target_value=low, trajectory=low)
            if m.value > high:      # above the range: judged as a cap on the maximum
                return path_result(self, year, m.value, m, target_value=high, trajectory=high)
            return path_result(self, year, m.value, m, target_value=low, trajectory=low, lower_is_better=False)

    @dataclass(frozen=True)
    class ReduceActivity:
        """Use a share less of one activity (the rows' amounts scaled down)."""

        activity: str
        share: float = 0.5

        @property
        def description(self) -> str:
            return f"{self.share:.0%} less {self.activity}"

        def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
            rows = frame["activity"].astype(str) == self.activity
            out = frame.copy()
            out.loc[rows, "amount"] = out.loc[rows, "amount"].astype(float) * (1 - check_share(self.share))
            return StepOutput(out, None, [], int(rows.sum()))

    def reduce_activity_example(activities: Any, activity: str, share: float = 0.5, *,
                                factors: FactorSet | None = None, gwp: str = "AR6") -> WhatIfResult:
        step = ReduceActivity(activity, share)
        return Scenario(step.description, [step]).run(activities, factors, gwp)

    registry.register(reduce_activity_example)
    return Between, reduce_activity_example


def unregister() -> None:
    target_base.KINDS.pop(KIND, None)
    registry.SCENARIOS.pop(SCENARIO, None)
