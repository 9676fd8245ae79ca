"""Base-year recalculation: a base year that stays comparable when the organisation or the method changes.

The GHG Protocol Corporate Standard (ch. 5) asks a company to recalculate its base-year
emissions when a structural change (an acquisition, a divestment, an operation outsourced or
taken in), a change of method or of emission factors, or a discovered error changes the
base year by more than a significance threshold it has set, and to report the recalculated
base year and history. Without it, a follow-up that compares this year's organisation and
method with the base year's states a reduction that is partly an artefact: a laundry moved
into a company leaves scope 1 but is still bought as a service.

This package keeps that apart, a module per concern:

* :class:`RecalculationPolicy` (:mod:`.policy`): the threshold (a share of the base-year
  total), the triggers that count, whether every year before a change is restated or only
  the base year, and the cumulative rule.
* :class:`StructuralChange` (:mod:`.structural`), a class per kind: a :class:`Divestment`
  (the unit's rows before the change leave every year), an :class:`Acquisition` (the unit's
  activity rows or emissions for the years before are added), an :class:`Outsourcing` (the
  operation's scope 1 and 2 rows before the change move to scope 3 as a purchased service:
  moved, not reduced).
* :class:`Correction` (:mod:`.correction`): an error found, as emissions per year to add (or
  take away); its size is its largest share of a year it corrects (an error in 2013 only is
  measured against 2013).
* :class:`MethodChange` (:mod:`.method`): a change of method or factor edition from a year on
  (radiative forcing on flights, a GWP set, a factor set): :func:`method_history` recomputes
  every year from the stored activity rows with the method then in force (as first reported)
  and with today's, side by side, and the effect of each change on the base year.
* :func:`restate` (:mod:`.run`): the assessment of each change against the threshold, the
  restated ledger (targets evaluate against it by default), and the history as reported and
  as restated with the reason and size of each adjustment.

Each change kind says for itself what it does to the base year (:meth:`StructuralChange.effect`:
the emissions per year and scope it adds or takes away, and its size) and how it applies to the
ledger rows (:meth:`StructuralChange.apply`); the policy judges the size against the threshold,
alone and together (:meth:`RecalculationPolicy.assess`); :func:`restate` puts them in order. The
sentences that tell the reader what was done are in :mod:`.sentences`.

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, A Corporate Accounting and Reporting
   Standard, revised edition, chapter 5 "Tracking emissions over time" (base-year
   recalculation policy, significance threshold, structural changes, outsourcing, changes in
   methods and errors).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = pd.DataFrame({"activity": ["diesel"] * 4, "amount": [920, 80, 920, 900], "unit": ["l"] * 4,
...                      "year": [2012, 2012, 2019, 2024], "org_unit": ["Vård", "Tvätteri", "Vård", "Vård"]})
>>> led = kb.calculate(acts)
>>> r = restate(led, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
...                                     select={"org_unit": "Tvätteri"})], base_year=2012)
>>> a = r.assessment.iloc[0]
>>> round(float(a["share_of_base"]), 3), bool(a["applied"])
(0.08, True)
"""

from __future__ import annotations

from .correction import Correction
from .method import MethodChange, method_history
from .policy import RESTATE, TRIGGERS, RecalculationPolicy
from .result import Restatement
from .run import restate
from .structural import CHANGE_KINDS, Acquisition, Divestment, Outsourcing, StructuralChange

__all__ = ["TRIGGERS", "RESTATE", "CHANGE_KINDS", "RecalculationPolicy", "StructuralChange", "Divestment",
           "Acquisition", "Outsourcing", "Correction", "MethodChange", "Restatement", "restate", "method_history"]
