"""Targets of a sustainability programme and their evaluation against a ledger.

A target has a ``name``, a ``select`` dict of ledger-column filters (``{"scope": [1, 2]}``,
``{"category": "business_travel"}``, ``{"activity": "n2o"}``, ``{"org_unit": ...}``) and a
*metric*, the quantity it is about:

========== ========================================================== =============
metric     what is summed over the selected ledger rows               default unit
========== ========================================================== =============
``co2e``   emissions (direct and upstream parts, as ``Ledger.total``) t CO2e
``energy`` ``energy_mj`` of energy activities (fuels, electricity,    MWh
           heat); non-energy activities in the selection are left out
``amount`` the activity amount, converted to ``unit`` with pint (and  (required)
           the factor set's fuel properties for l ↔ kg ↔ MJ ↔ Nm3)
``co2``,   kg of the gas itself in the direct part (``co2_kg``,       kg
``ch4``,   ``ch4_kg``, ``n2o_kg``), e.g. a cap on nitrous oxide
``n2o``
========== ========================================================== =============

For ``co2e`` the filters apply to the ledger's *parts* (so ``scope=[1, 2]`` takes the direct
part of scope-1 and scope-2 rows and leaves their upstream part, which is scope 3, out, as the
GHG Protocol requires, and ``boundary="direct"`` is available). For the other metrics they
apply to the ledger rows, whose ``scope`` is the scope of the direct part.

``target.evaluate(ledger, year)`` returns a :class:`TargetResult` with ``status`` one of

* ``met`` — the target level is reached in that year (before the target year too);
* ``on_track`` — before the target year, not yet at the target level, but at or better than
  the trajectory (the path from the base-year value to the target value) for that year;
* ``off_track`` — before the target year and behind the trajectory;
* ``not_met`` — the target level is not reached in or after the target year, or in any year
  for a target without a target year (caps, limits, benchmarks);
* ``no_data`` — the year has no selected rows, or some rows lack the data the metric needs
  (an unknown renewable share, an unknown heating value), which is never counted as zero.

Each status has one word per language (``result.status_word(lang)``; Swedish ``result.status_sv``):
*uppnått*, *i fas*, *inte i fas*, *ej uppnått*, *värde saknas*; ``result.deciding()`` gives the
figure that decides it. The progress code of programme follow-ups (``result.progress_code``) is *helt* for
``met``, *värde saknas* for ``no_data``, and otherwise *delvis* when the value has moved
from the base-year value towards the target (``progress > 0``) and *inte alls* when it has
not or when the target has no base year. With ``status_rule="trend"`` a result that is not
met is also *delvis* when the value improved since the previous year with data
(``details["trend"]``); ``status`` is the same under both rules.

``result.change`` and ``result.change_pct`` give the change from the base-year value
(absolute, and as a fraction of the base-year value: −0.247 for −24.7 %).

Milestones: ``Reduction(milestones={2020: 0.67, 2022: 0.73, ...})`` bends the path at each
milestone; ``Intensity(limit={...})``, ``Share(minimum={...})`` / ``Share(maximum={...})`` and
``Floor(minimum={...})`` take a limit, minimum or maximum per year that stays until the next one.
``Floor`` is the counterpart of ``Cap``: a quantity that shall reach at least a value.

Errors: a base year without data, a selection that matches no ledger rows, fractions outside
0–1 and unknown metrics or columns raise :class:`~klimatbokslut.errors.InputError` (a
``ValueError``) naming what is wrong and the valid choices.

References
----------
.. [1] SBTi (2021): SBTi Criteria and Recommendations, version 5 — absolute contraction:
   a 1.5 °C-aligned target reduces emissions by at least 4.2 % of base-year emissions per
   year, linearly.
.. [2] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard, ch. 11 (setting a
   GHG target: base year, target year, absolute and intensity targets).
.. [3] WRI (2015): GHG Protocol Scope 2 Guidance (location- and market-based methods).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> from klimatbokslut import targets
>>> acts = pd.DataFrame({"activity": ["n2o"] * 3, "amount": [1000, 900, 700], "unit": ["kg"] * 3,
...                      "year": [2022, 2023, 2024]})
>>> led = kb.calculate(acts)
>>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25,
...                       select={"activity": "lustgas"})
>>> r = t.evaluate(led, 2024)
>>> r.status, r.status_sv, r.progress_code
('met', 'uppnått', 'helt')
"""

from __future__ import annotations

from .base import CHARTS, KINDS, ChartLine, Target, kind_class
from .measure import METRICS
from .result import PROGRESS_CODES, STATUS_SV, STATUSES, TargetResult

# isort: off
# One line per target kind: importing the module registers the kind, and from_dict lists
# the kinds in this order. A new kind is a new module and a line here.
from .reduction import Reduction
from .annual import AnnualReduction
from .cap import Cap
from .share import Share
from .intensity import Intensity
from .benchmark import BelowBenchmark
from .budget import CarbonBudget
from .eu_benchmark import EUClimateBenchmark
from .green_borrowing import GreenBorrowing
from .floor import Floor
# isort: on

from .spec import evaluate_all, from_dict

__all__ = [
    "STATUSES", "STATUS_SV", "PROGRESS_CODES",
    "METRICS", "TargetResult", "Target", "Reduction", "AnnualReduction", "Cap", "CarbonBudget",
    "Share", "Intensity", "BelowBenchmark", "EUClimateBenchmark", "GreenBorrowing", "from_dict", "evaluate_all",
    "KINDS", "CHARTS", "ChartLine", "kind_class", "Floor",
]
