"""Backends of :func:`klimatbokslut.calculate` for tables that are not pandas DataFrames.

A backend is a test (does it take this table?) and a function with the signature of
``calculate``. :mod:`klimatbokslut.scale` registers one for Dask DataFrames when Dask
is installed; the engine asks the registry and never imports Dask or ``scale``.

Examples
--------
>>> import pandas as pd
>>> backend_for(pd.DataFrame()) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ..ledger import Ledger


class Backend(NamedTuple):
    """A kind of table ``calculate`` hands on: the test for it and the function that calculates it."""

    accepts: Callable[[Any], bool]
    calculate: Callable[..., Ledger]


_BACKENDS: list[Backend] = []


def register_backend(accepts: Callable[[Any], bool], calculate: Callable[..., Ledger]) -> None:
    """Hand tables for which ``accepts(table)`` is true to ``calculate`` (once per pair, however often called).

    ``calculate(table, *, factors, gwp, on_error, scope2_method, radiative_forcing, price_index)``
    receives the arguments already checked, and returns a :class:`~klimatbokslut.Ledger`.
    ``accepts`` is asked for every table, so it must be cheap and must not import anything.
    """
    backend = Backend(accepts, calculate)
    if backend not in _BACKENDS:
        _BACKENDS.append(backend)


def backend_for(table: Any) -> Backend | None:
    """The first registered backend that accepts ``table``, or ``None`` (pandas: the engine itself)."""
    for backend in _BACKENDS:
        if backend.accepts(table):
            return backend
    return None
