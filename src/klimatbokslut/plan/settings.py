"""The ``[plan]`` section of a report configuration: the plan's table, the given values and the measures.

::

    [plan]
    table = "plan.csv"                 # the plan's indicator table (CSV or Excel; sheet = "…")
    given = "givna_varden.csv"         # values measured elsewhere (optional)
    disjoint = [["El per m²", "Värme per m²"]]   # measures meant to count different rows (optional)

    [plan.measures.solel]              # the table's "Underlag" names this key
    metric = "energy"
    select = { activity = "solar_power" }

Each ``[plan.measures.KEY]`` is what a ``[[targets]]`` table would say about *what* is
measured (``select``, ``metric``, ``unit``, ``numerator``, ``type``, ``denominator``,
``base_year`` …); the levels come from the table (:mod:`klimatbokslut.plan.table`).
Problems are keyed ``plan.table``, ``plan.measures.solel.select`` … as the rest of the
configuration's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError, KlimatbokslutError
from .given import GivenValues, read_given
from .table import Plan, read_plan

__all__ = ["PLAN_KEYS", "check_plan", "plan_file_problems", "load_plan"]

#: The keys of ``[plan]``.
PLAN_KEYS = ("table", "sheet", "given", "given_sheet", "measures", "disjoint")


def check_plan(raw: Any, base: Path) -> list[tuple[str, str]]:
    """Check the section's shape and resolve its file names against ``base`` (in place); the problems by key."""
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [("plan", "a table with table, given, measures, disjoint")]
    problems = [(f"plan.{k}", f"unknown key; keys: {', '.join(PLAN_KEYS)}") for k in raw if k not in PLAN_KEYS]
    if not isinstance(raw.get("table"), str):
        problems.append(("plan.table", "the plan's table (a CSV or Excel file)"))
    for key in ("table", "given"):
        if isinstance(raw.get(key), str):
            raw[key] = str((base / raw[key]).resolve()) if not Path(raw[key]).is_absolute() else raw[key]
    measures = raw.get("measures", {})
    if not isinstance(measures, Mapping) or not all(isinstance(v, Mapping) for v in measures.values()):
        problems.append(("plan.measures", "a table of measures: [plan.measures.KEY] with select, metric …"))
    disjoint = raw.get("disjoint", [])
    if not isinstance(disjoint, list) or not all(isinstance(p, list) and len(p) == 2 for p in disjoint):
        problems.append(("plan.disjoint", "a list of pairs of measures: [[\"A\", \"B\"], …]"))
    return problems


def load_plan(raw: Mapping[str, Any]) -> tuple[Plan, GivenValues | None]:
    """The plan and its given values, read from the files the section names.

    Raises
    ------
    InputError
        Naming row, column, value and reason of every problem of a file.
    """
    given = read_given(raw["given"], sheet=raw.get("given_sheet")) if raw.get("given") else None
    plan = read_plan(raw["table"], raw.get("measures") or {}, given=given, sheet=raw.get("sheet"))
    return plan, given


def plan_file_problems(raw: Any) -> list[dict[str, Any]]:
    """:func:`klimatbokslut.config.validate`'s problems with the plan's files: one line per problem."""
    if not isinstance(raw, Mapping) or not raw.get("table"):
        return []
    try:
        load_plan(raw)
    except InputError as exc:
        key = "plan.given" if raw.get("given") and str(raw["given"]) in str(exc) else "plan.table"
        return [{"key": key, "row": r.get("row"), "column": r.get("column"), "value": r.get("value"),
                 "reason": r.get("reason")} for r in exc.failures.to_dict("records")]
    except (KlimatbokslutError, OSError, ValueError) as exc:
        return [{"key": "plan", "row": None, "column": None, "value": None, "reason": str(exc).splitlines()[0]}]
    return []
