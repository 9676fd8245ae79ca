"""What-if scenarios: transformations of the activity table, run through the same engine.

A scenario never computes emissions itself. It changes activity rows (diesel becomes
HVO100, electricity gets guarantees of origin, desflurane becomes sevoflurane) and runs
the baseline and the changed table through :func:`klimatbokslut.calculate` with the
same factor set, GWP set and scope-2 method. The difference of the two ledgers is the
answer: ``avoided_co2e`` (t CO2e, positive when emissions fall), ``extra_cost`` (SEK,
from a price difference the caller states) and ``cost_per_tonne`` (SEK per t CO2e
avoided).

Steps
-----
Every step is a :class:`~klimatbokslut.whatif.step.Step`: a ``description`` and an
``apply(frame, factors)`` that changes activity rows (:mod:`~klimatbokslut.whatif.step`).

* :class:`FuelSwitch` — a share of one fuel replaced by another, on an energy basis
  (equal MJ, through the factor set's heating values) or a volume basis (litre for litre).
* :class:`ContractSwitch` — electricity moved from one contract to another (residual mix
  → guarantees of origin). Only the market-based figure changes; the location-based one
  cannot (GHG Protocol Scope 2 Guidance).
* :class:`Substitution` — one activity replaced by another with a stated ratio, e.g.
  desflurane by sevoflurane with a clinical equivalence ratio that the caller must give:
  the library holds no such ratio and does not guess one.
* :class:`N2ODestruction` — nitrous oxide led through destruction units: the caller
  states the share of use that passes a unit and the unit's destruction efficiency (the
  library holds no such figure and does not assume one).
* :class:`FlightsToTrain` — flights up to a distance replaced by train.
* :class:`Custom` — any function ``frame -> frame``.

A :class:`Scenario` chains steps; :func:`compare` sets several side by side on one
baseline; :func:`sweep` runs a step over shares from 0 to 100 % and returns a table.

The one-line questions (:func:`switch_fuel`, :func:`switch_contract`,
:func:`switch_anaesthetic`, :func:`destroy_n2o`, :func:`flights_to_train`,
:func:`cars_to_ev` for private petrol/diesel car km driven electric, and
:func:`switch_food` for e.g. beef replaced by pulses with a ratio the caller states) are
registered in :data:`SCENARIOS`, the names a report configuration's ``[[scenarios]]`` and
the command line use.

Modules: :mod:`.step` (the protocol and shared machinery), :mod:`.registry`,
:mod:`.scenario` (Scenario, WhatIfResult, compare, sweep), :mod:`.custom`, and one module
per family of steps: :mod:`.fuel`, :mod:`.medical`, :mod:`.travel_food`. A new family is
a new module whose one-line functions are decorated with :func:`register`, and an import
line below.

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard (scopes 1–3).
.. [2] WRI (2015): GHG Protocol Scope 2 Guidance — market-based method, contractual
   instruments such as guarantees of origin; both methods are reported.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut import whatif
>>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
>>> r = whatif.switch_fuel(acts, "diesel", "hvo100", price_difference="2 SEK/l")
>>> round(r.avoided_co2e.magnitude, 3), round(r.extra_cost.magnitude, 2)
(2.563, 2088.24)
"""

from __future__ import annotations

from .custom import Custom
from .registry import SCENARIOS, register, scenario_function
from .scenario import Scenario, WhatIfResult, compare, sweep
from .step import ShareStep, Step, StepOutput

# isort: off
# One line per family of steps: importing the module registers its scenario functions, in
# this order. A new family of steps is a new module and a line here.
from .fuel import ContractSwitch, FuelSwitch, switch_contract, switch_fuel
from .medical import N2ODestruction, Substitution, destroy_n2o, switch_anaesthetic
from .travel_food import FlightsToTrain, cars_to_ev, flights_to_train, switch_food
# isort: on

__all__ = ["WhatIfResult", "FuelSwitch", "ContractSwitch", "Substitution", "N2ODestruction", "Custom", "Scenario",
           "switch_fuel", "switch_contract", "switch_anaesthetic", "destroy_n2o", "compare", "sweep",
           "FlightsToTrain", "flights_to_train", "cars_to_ev", "switch_food",
           "Step", "ShareStep", "StepOutput", "SCENARIOS", "register", "scenario_function"]
