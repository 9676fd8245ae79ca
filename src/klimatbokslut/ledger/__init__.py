"""The ledger: one row per input row, and the summaries built from it.

Every summary is a pure group-by of the ledger's parts, so totals always equal the
ledger sum. A row contributes up to two parts:

* the *direct* part (``co2e_direct_kg``) in the row's ``scope`` and ``category``;
* the *upstream* part (``co2e_upstream_kg``) in scope 3 and ``upstream_category``
  (fuel- and energy-related activities).

Biogenic CO2 (``co2_biogenic_kg``) is a memo item outside the scopes.

The package keeps the :class:`Ledger` (:mod:`~klimatbokslut.ledger.core`) apart from what is
done with it: summaries (:mod:`~klimatbokslut.ledger.summaries`), row accounting
(:mod:`~klimatbokslut.ledger.accounting`), provenance (:mod:`~klimatbokslut.ledger.provenance`)
and exports (:mod:`~klimatbokslut.ledger.exports`), each a function of the small protocols in
:mod:`~klimatbokslut.ledger.protocol`.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["diesel_fossil"], "amount": [1000], "unit": ["l"],
...                                   "year": [2024]}))
>>> led.summary(by=["scope", "category"])  # doctest: +NORMALIZE_WHITESPACE
   scope                 category    co2e_t
0      1        mobile_combustion  2.708070
1      3  fuel_and_energy_related  0.703486
"""

from ..csvout import neutralise_cells
from .accounting import REPLACED_BY_ACTIVITY, LeftOut
from .core import LEDGER_COLUMNS, Ledger
from .exports import write_workbook
from .protocol import Accounts, RowSource, Settings, SummarySource, needs_memory
from .summaries import PART_DIMS

__all__ = ["LEDGER_COLUMNS", "PART_DIMS", "REPLACED_BY_ACTIVITY", "Accounts", "Ledger", "LeftOut", "RowSource",
           "Settings", "SummarySource", "needs_memory", "neutralise_cells", "write_workbook"]
