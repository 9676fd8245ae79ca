"""klimatbokslut: unit-aware greenhouse-gas accounting for Swedish regions and municipalities.

Activity data (fuel, electricity, heat, medical gases, refrigerants ...) becomes a
traceable GHG-Protocol ledger (scope 1/2/3, t CO2e) with sourced emission factors.

Examples
--------
>>> import klimatbokslut as kb
>>> kb.emissions("lustgas", "10 kg", year=2024)
<Quantity(2730.0, 'kilogram * CO2e')>
"""

from __future__ import annotations

from . import restatement, scale, targets, uncertainty, whatif
from ._version import __version__
from .api import emissions
from .audit import compare_ledgers
from .catalogue import define_activity, register_activity, unregister_activity, user_activities
from .config import load_config
from .engine import calculate
from .errors import DatasetIntegrityError, FactorNotFoundError, InputError, KlimatbokslutError, UnitError
from .example_files import copy_example_data, example_data_dir
from .factors import EmissionFactor, FactorSet, default_factors
from .intake import food, purchases, travel
from .intake.read import read_activities
from .intake.table import ActivityTable
from .intake.userfactors import apply_factor_files, read_factor_file
from .ledger import Ledger
from .portfolio import Portfolio, read_holdings, relative_difference, trend
from .report import build_report
from .uncertainty import simulate
from .units import Q_, get_registry, parse_quantity

__all__ = [
    "__version__", "ActivityTable", "Book", "DatasetIntegrityError", "EmissionFactor", "FactorNotFoundError",
    "FactorSet",
    "InputError", "KlimatbokslutError", "Ledger", "Portfolio", "Q_", "UnitError", "apply_factor_files", "build_report",
    "calculate", "compare_ledgers", "default_factors", "define_activity", "emissions", "food", "get_registry",
    "load_config", "parse_quantity", "purchases", "read_activities", "read_factor_file", "register_activity",
    "scale", "read_holdings", "relative_difference", "restatement", "simulate", "targets", "travel", "trend",
    "uncertainty", "unregister_activity", "user_activities", "ureg", "whatif",
    "copy_example_data", "example_data_dir",
]


def __getattr__(name: str):
    # The unit registry is built on first use, not at import.
    if name == "ureg":
        return get_registry()
    if name == "Book":          # the book needs SQLAlchemy: loaded when first used
        from .book import Book

        return Book
    raise AttributeError(f"module 'klimatbokslut' has no attribute {name!r}")
