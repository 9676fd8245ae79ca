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

import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

__all__ = ["SCENARIOS", "register", "scenario_function", "parameter_problems"]

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


#: Parameters the caller's settings give (the configuration's top-level keys, the command line's
#: options), never one scenario's own.
SHARED_PARAMETERS = ("factors", "gwp", "scope2_method")


def parameter_problems(name: str, given: Iterable[str], *,
                       shared_by: str = "the configuration's top-level keys") -> list[tuple[str, str]]:
    """What is wrong with the parameter names given to the scenario function ``name``: (parameter, reason).

    A name the function does not take, a shared setting given per scenario (``shared_by`` says
    where it is set instead), and a required parameter that is missing are each one problem; an
    empty list means the names fit.

    Examples
    --------
    >>> import klimatbokslut.whatif
    >>> parameter_problems("flights_to_train", ["max_km"])
    []
    >>> for name, reason in parameter_problems("flights_to_train", ["km", "gwp"]):
    ...     print(name, "-", reason[:44])
    km - not a parameter of flights_to_train; paramet
    gwp - set by the configuration's top-level keys, n
    max_km - flights_to_train needs max_km
    """
    sig = inspect.signature(SCENARIOS[name])
    names = [p for p in sig.parameters if p != "activities"]
    given = list(given)
    problems = [(b, f"not a parameter of {name}; parameters: {', '.join(names)}")
                for b in sorted(set(given) - set(names) - {"factors", "gwp"})]
    problems += [(p, f"set by {shared_by}, not per scenario")
                 for p in SHARED_PARAMETERS if p in given]
    required = [n for n, p in sig.parameters.items() if n != "activities" and p.default is inspect.Parameter.empty
                and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    problems += [(r, f"{name} needs {r}") for r in required if r not in given]
    return problems
