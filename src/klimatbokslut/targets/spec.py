"""Targets from plain data (a TOML ``[[targets]]`` table) and many targets evaluated at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd

from ..validation import fail
from .base import KINDS, Target

__all__ = ["from_dict", "evaluate_all"]


def from_dict(spec: Mapping[str, Any]) -> Target:
    """Build a target from plain values, as a TOML configuration declares it.

    ``type`` names the target type (``reduction``, ``annual_reduction``, ``cap``, ``share``,
    ``intensity``, ``below_benchmark``, ``carbon_budget``, ``eu_climate_benchmark``, ``green_borrowing``, ``floor``:
    the kinds registered in
    :data:`~klimatbokslut.targets.base.KINDS`); the other keys are the type's parameters.
    Quantities may be strings (``"2 000 kg"``) and per-year mappings may have string keys.

    Raises
    ------
    InputError
        For an unknown type or parameter, naming the valid ones.

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> t = targets.from_dict({"type": "annual_reduction", "name": "Scope 1 och 2", "base_year": 2021,
    ...                        "target_year": 2028, "rate": 0.042, "select": {"scope": [1, 2]}})
    >>> type(t).__name__, t.path
    ('AnnualReduction', 'linear')
    >>> targets.from_dict({"type": "reduce", "name": "x"})
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in target 'x':
      column 'type', value 'reduce': unknown target type; types: reduction, annual_reduction, cap, share,
      intensity, below_benchmark, carbon_budget, eu_climate_benchmark, green_borrowing, floor
    """
    spec = dict(spec)
    kind = spec.pop("type", None)
    what = f"target {spec.get('name', '?')!r}"
    if kind not in KINDS:
        raise fail("type", kind, f"unknown target type; types: {', '.join(KINDS)}", what=what)
    cls = KINDS[kind]
    allowed = {f.name for f in fields(cls) if f.init}
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise fail("parameters", ", ".join(unknown),
                   f"not a parameter of {kind}; parameters: {', '.join(sorted(allowed))}", what=what)
    return cls(**spec)


def evaluate_all(targets: Iterable[Target], ledger, years: int | Iterable[int]) -> pd.DataFrame:
    """Evaluate several targets in one or more years: one table row per target and year.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"] * 2, "amount": [100, 80], "unit": ["kg"] * 2,
    ...                                  "year": [2022, 2024]}))
    >>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o")
    >>> evaluate_all([t], led, [2023, 2024])[["name", "year", "status", "status_sv", "actual"]]
          name  year   status     status_sv  actual
    0  Lustgas  2023  no_data  värde saknas     NaN
    1  Lustgas  2024  on_track         i fas    80.0
    """
    ys = [years] if isinstance(years, (int, np.integer)) else list(years)
    rows = [t.evaluate(ledger, int(y)).to_dict() for t in targets for y in ys]
    return pd.DataFrame(rows)
