"""The registry of scenario functions: the one-line what-if questions, by name.

A scenario function takes the activity table first and returns a
:class:`~klimatbokslut.whatif.WhatIfResult` (:func:`~klimatbokslut.whatif.switch_fuel`,
:func:`~klimatbokslut.whatif.flights_to_train` ...). Decorated with :func:`register` where it
is defined, it can be named in a report configuration's ``[[scenarios]]`` (``type =
"switch_fuel"``) and is found by the command line. The order of :data:`SCENARIOS` is the
order in which :mod:`klimatbokslut.whatif` imports the step modules.

Examples
--------
>>> import klimatbokslut.whatif
>>> list(SCENARIOS)[:2]
['switch_fuel', 'switch_contract']
>>> scenario_function("switch_food").__name__
'switch_food'
>>> scenario_function("teleport") is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["SCENARIOS", "register", "scenario_function"]

#: Scenario functions by name, in registration order.
SCENARIOS: dict[str, Callable[..., Any]] = {}

F = TypeVar("F", bound=Callable[..., Any])


def register(fn: F) -> F:
    """Register a scenario function under its own name (a decorator; returns the function unchanged).

    Raises
    ------
    TypeError
        Another function is already registered under that name.
    """
    name = fn.__name__
    known = SCENARIOS.get(name)
    if known is not None and (known.__module__, known.__qualname__) != (fn.__module__, fn.__qualname__):
        raise TypeError(f"scenario function {name!r} is already defined by {known.__module__}.{known.__qualname__}")
    SCENARIOS[name] = fn
    return fn


def scenario_function(name: str) -> Callable[..., Any] | None:
    """The scenario function registered as ``name``, or None when there is none."""
    return SCENARIOS.get(name)
