"""What the ledger's concerns need from a ledger, as small protocols.

The summaries, the row accounting and the provenance are functions of these protocols,
not of the :class:`~klimatbokslut.ledger.Ledger` class: the pandas ledger satisfies them,
and so does each partition of a Dask ledger, which is how :mod:`klimatbokslut.scale`
serves the summaries without being a pandas ledger itself.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
>>> isinstance(led, SummarySource), isinstance(led, Settings)
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from ..errors import InputError
from ..validation import fail


@runtime_checkable
class SummarySource(Protocol):
    """What the summaries (:mod:`klimatbokslut.ledger.summaries`) need: the rows in memory and the scope-2 method.

    Attributes
    ----------
    frame : pandas.DataFrame
        Ledger rows (the columns of :data:`~klimatbokslut.ledger.LEDGER_COLUMNS`), in memory.
    scope2_method : str
        ``"market"`` or ``"location"``: the method behind ``co2e_kg`` and ``co2e_direct_kg``.
    """

    @property
    def frame(self) -> pd.DataFrame: ...

    @property
    def scope2_method(self) -> str: ...


@runtime_checkable
class RowSource(SummarySource, Protocol):
    """What the row accounting (:mod:`klimatbokslut.ledger.accounting`) needs besides the rows.

    Attributes
    ----------
    rejects : pandas.DataFrame
        Input rows that could not be used (``row, column, value, reason`` and ``input_*`` cells).
    input_rows : int
        Rows read from the input [-].
    unvalued_failures : pandas.DataFrame
        The rows kept without CO2e, as failures.
    """

    @property
    def rejects(self) -> pd.DataFrame: ...

    @property
    def input_rows(self) -> int: ...

    @property
    def unvalued_failures(self) -> pd.DataFrame: ...


@runtime_checkable
class Settings(Protocol):
    """What the provenance (:mod:`klimatbokslut.ledger.provenance`) reports: the settings behind a ledger.

    Attributes
    ----------
    gwp, scope2_method, factor_version : str
    radiative_forcing : bool
    input_rows, blank_rows : int
        Rows read and blank rows skipped [-].
    inputs : Mapping of str to str
        ``{path: sha256}`` of the input files.
    factors : FactorSet or None
    """

    @property
    def gwp(self) -> str: ...

    @property
    def scope2_method(self) -> str: ...

    @property
    def factor_version(self) -> str: ...

    @property
    def radiative_forcing(self) -> bool: ...

    @property
    def input_rows(self) -> int: ...

    @property
    def blank_rows(self) -> int: ...

    @property
    def inputs(self) -> Mapping[str, str]: ...

    @property
    def factors(self) -> Any: ...


@runtime_checkable
class Accounts(RowSource, Settings, Protocol):
    """Everything the exports (:mod:`klimatbokslut.ledger.exports`) write: rows, rejects and settings in memory."""


def needs_memory(method: str, why: str = "") -> InputError:
    """The error for a method that needs every ledger row in memory, called on a lazy (Dask) ledger.

    Parameters
    ----------
    method : str
        The method's name, e.g. ``"parts"``.
    why : str
        What needs the rows, said after the advice.

    Examples
    --------
    >>> err = needs_memory("parts", "a line per row")
    >>> err.what, "call .compute() on the Dask ledger first" in str(err)
    ('Ledger.parts', True)
    """
    return fail("ledger", "lazy (Dask) ledger", f"Ledger.{method} needs a ledger in memory: call .compute() on the "
                f"Dask ledger first{f' ({why})' if why else ''}", what=f"Ledger.{method}")
