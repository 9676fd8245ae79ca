"""The calculation engine: validated activities + factors -> ledger.

Factor selection and unit conversion are resolved once per distinct combination
of the key columns (activity, unit, year, region, contract, ownership, factor_id
...), with pint; the result is a small table of multipliers (kg of each output per
unit of input) that is applied to whole columns with numpy. There is no per-row
Python.

For every row the engine computes, per part of the factor:

* direct part (TTW, ``direct`` and ``lifecycle`` rows, and whole ``WTW`` rows that
  cannot be split): in the row's scope and category;
* upstream part (``WTT`` rows): scope 3, *fuel- and energy-related activities*
  (or purchased services for contracted operators);
* biogenic CO2 as a memo, outside the scopes;

and for electricity both the location-based and the market-based figure.
Single gases are weighted with the chosen GWP set; CO2e rows keep the basis they
were published with, recorded in ``factor_gwp``.

Modules: :mod:`~klimatbokslut.engine.keys` (the key of a row, codes per row),
:mod:`~klimatbokslut.engine.convert` (amounts across units and fuel properties),
:mod:`~klimatbokslut.engine.kinds` (a handler per kind of activity: factor
selection, distance, price adjustment), :mod:`~klimatbokslut.engine.weigh`
(factor rows per input unit), :mod:`~klimatbokslut.engine.resolve` (one key ->
multipliers and texts), :mod:`~klimatbokslut.engine.run` (:func:`calculate`) and
:mod:`~klimatbokslut.engine.backends` (other kinds of table, e.g. Dask).

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard, ch. 4 (scopes).
.. [2] WRI (2015): GHG Protocol Scope 2 Guidance (location- and market-based methods).
.. [3] WRI/WBCSD (2011): Corporate Value Chain (Scope 3) Standard, category 3.
"""

from __future__ import annotations

from .backends import Backend, backend_for, register_backend
from .convert import amount_multiplier
from .keys import KEY_COLUMNS, NUMERIC, Key, key_codes
from .kinds import KindHandler, handler_for, register_kind
from .resolve import Failed, Resolved, resolve
from .run import calculate

__all__ = ["KEY_COLUMNS", "NUMERIC", "Backend", "Failed", "Key", "KindHandler", "Resolved", "amount_multiplier",
           "backend_for", "calculate", "handler_for", "key_codes", "register_backend", "register_kind", "resolve"]
