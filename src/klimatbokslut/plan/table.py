"""The plan's indicator table as the plan writes it: Mått, Basår, Enhet, Mål per år, and how each is measured.

A sustainability plan states its measures as a table (Region Kalmar län's *Verksamhetsplan
hållbarhet 2024–2026*: *Mått | Basår | Enhet | Mål 2024 | Mål 2025 | Mål 2026*).
:func:`read_plan` reads such a table (CSV or Excel) with these columns:

==================== ============================================= ===============================================
column               headers accepted                              what
==================== ============================================= ===============================================
goal (optional)      Mål, Målområde, Område, Goal                  the plan's goal the measure belongs to (grouping)
measure              Mått, Measure, Indikator                      the measure as the plan names it
base (optional)      Basår, Base                                   ``"3 011 kg (2020)"``, ``"67 % (2020)"`` or a
                                                                   year, with the value in *Basvärde*
base value (opt.)    Basvärde, Base value                          the base-year value when *Basår* is a year
unit                 Enhet, Unit                                   ``%``, ``kg``, ``st``, ``MWh``, ``m²``, ``kWh/m²``
targets              Mål 2024, Mål 2025 … (Target 2024 …)          the value to reach each year (``"42,5 %"``,
                                                                   ``"2 050"``); blank: no target that year
direction            Riktning, Direction                           ``minst`` (at least) or ``högst`` (at most)
measured by          Underlag, Mäts med, Measured by               a key of the configuration's measures (a ledger
                                                                   selection), or ``givet`` (``given``): the value
                                                                   is in the given-values table under the measure's
                                                                   name (``givet: Other name`` for another name)
==================== ============================================= ===============================================

Each row becomes a target of a bundled kind, with the table's targets per year as its levels:

* a share (unit ``%``): :class:`~klimatbokslut.targets.Share` with ``minimum`` (*minst*) or
  ``maximum`` (*högst*) per year; the measure's ``numerator``, ``select`` and ``metric`` say
  what is counted;
* another unit: :class:`~klimatbokslut.targets.Floor` (*minst*) or
  :class:`~klimatbokslut.targets.Cap` (*högst*) per year, in the table's unit;
* a measure whose configuration says ``type = "intensity"`` (with its ``denominator``):
  :class:`~klimatbokslut.targets.Intensity` with a limit per year;
* ``type = "reduction"`` (with its ``base_year``): the targets are reductions from the
  base-year value (*CO2 shall fall 73 / 75 / 77 % vs 2012*):
  :class:`~klimatbokslut.targets.Reduction` with them as milestones; the outcome shown is the
  reduction reached.

The base-year value is shown as the plan states it (it may predate the ledger). Every
problem of the table is reported at once, by row and column.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"Mått": ["Egen solel"], "Basår": ["(2021)"], "Enhet": ["MWh"], "Mål 2024": ["500"],
...                       "Mål 2025": ["800"], "Riktning": ["minst"], "Underlag": ["solel"]})
>>> plan = read_plan(table, {"solel": {"metric": "energy", "select": {"activity": "solar_power"}}})
>>> m = plan.measures[0]
>>> type(m.target).__name__, m.levels, m.base_year, m.direction
('Floor', {2024: 500.0, 2025: 800.0}, 2021, 'at_least')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, KlimatbokslutError
from ..intake.files import read_source
from ..targets import KINDS, Cap, Floor, Share, Target, kind_class
from ..units import parse_numbers, parse_unit
from ..validation import Failures

__all__ = ["PLAN_COLUMNS", "DIRECTIONS", "PlanMeasure", "Plan", "read_plan", "GIVEN_WORDS"]

#: The plan table's columns and their accepted headers (compared without case, spaces and hyphens).
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "goal": ("mål", "målområde", "område", "goal", "mal", "malomrade"),
    "measure": ("mått", "matt", "measure", "indikator", "indicator"),
    "base": ("basår", "basar", "base", "base year"),
    "base_value": ("basvärde", "basvarde", "base value"),
    "unit": ("enhet", "unit"),
    "direction": ("riktning", "direction"),
    "measured_by": ("underlag", "mäts med", "mats med", "measured by", "source of value"),
}
_TARGET_YEAR = re.compile(r"^(?:mål|mal|target)\s*(\d{4})$", re.IGNORECASE)

#: Direction spellings: at least (the value shall reach or exceed the target) and at most.
DIRECTIONS = {"minst": "at_least", "at least": "at_least", "at_least": "at_least", "≥": "at_least", ">=": "at_least",
              "öka": "at_least", "högst": "at_most", "at most": "at_most", "at_most": "at_most", "≤": "at_most",
              "<=": "at_most", "minska": "at_most", "max": "at_most", "min": "at_least"}

#: The words of *measured by* that mean a value measured elsewhere.
GIVEN_WORDS = ("givet", "given", "givna", "givet värde", "given value")

_BASE = re.compile(r"^\s*(?P<value>[^()]*?)\s*\(\s*(?P<year>\d{4})\s*\)\s*$")


def _key(text: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(text).strip().lower())


@dataclass(frozen=True)
class PlanMeasure:
    """One row of the plan's table and the target it became.

    Attributes
    ----------
    goal : str
        The plan's goal it belongs to ("" when the table has no goal column).
    name : str
        The measure (*Mått*) as written.
    unit : str
        The unit as written (``"%"`` for a share).
    base_text : str
        The base as written (``"3 011 kg (2020)"``).
    base_value : float or None
        The base-year value in plan values (a fraction for ``%``).
    base_year : int or None
    levels : dict of int to float
        The target per year in plan values (fractions for ``%``; reductions for a reduction).
    direction : {"at_least", "at_most"}
    measured_by : str
        The configuration's measure key, or ``"given"``.
    given : str or None
        The name in the given-values table, for a value measured elsewhere.
    target : Target
        The target the row became (levels as its thresholds).
    row : int
        The row in the table (header = line 1 of a CSV).
    """

    goal: str
    name: str
    unit: str
    base_text: str
    base_value: float | None
    base_year: int | None
    levels: dict[int, float]
    direction: str
    measured_by: str
    given: str | None
    target: Target
    row: Any = None

    @property
    def is_share(self) -> bool:
        """Whether the measure is a share (unit ``%``): plan values are fractions."""
        return self.unit.strip() == "%"

    @property
    def is_reduction(self) -> bool:
        """Whether the levels are reductions from a base-year value (a :class:`Reduction`)."""
        return type(self.target).levels_are_reductions


@dataclass(frozen=True)
class Plan:
    """The plan's measures in the order of the table, and the file read."""

    measures: list[PlanMeasure]
    source: str | None = None
    goals: list[str] = field(default_factory=list)


def _number(text: str, percent: bool) -> float | None:
    """A number of the table (``"42,5 %"``, ``"2 050 kg"``): None when it is not one."""
    cleaned = re.sub(r"[^\d\s\u00a0,.\-−+]", "", text).strip()
    values, problems = parse_numbers(pd.Series([cleaned], dtype=object))
    if problems[0] is not None:
        return None
    v = float(values[0])
    return v / 100.0 if percent else v


def _headers(raw: pd.DataFrame) -> tuple[dict[str, str], dict[int, str]]:
    lookup = {_key(a): canon for canon, aliases in PLAN_COLUMNS.items() for a in aliases}
    columns: dict[str, str] = {}
    years: dict[int, str] = {}
    for c in raw.columns:
        m = _TARGET_YEAR.match(str(c).strip())
        if m:
            years[int(m.group(1))] = c
        elif _key(c) in lookup:
            columns[lookup[_key(c)]] = c
    return columns, years


def read_plan(source: str | Path | pd.DataFrame, measures: Mapping[str, Mapping[str, Any]] | None = None, *,
              given: Any = None, sheet: str | int | None = None) -> Plan:
    """Read the plan's indicator table and build a target per measure; every problem at once.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        The table (CSV or Excel).
    measures : mapping, optional
        Key (*Underlag*) -> how the measure is measured on the ledger: ``select``, ``metric``,
        ``unit`` (of the metric, for a share), ``numerator``, ``method``, ``unknown``, and
        ``type`` (``"intensity"`` with ``denominator``; ``"reduction"`` with ``base_year``;
        or ``"cap"``, ``"floor"``, ``"share"``), as a ``[[targets]]`` table would.
    given : GivenValues, optional
        The given-values table, checked to hold every measure measured elsewhere.
    sheet : str or int, optional
        Excel sheet.

    Returns
    -------
    Plan

    Raises
    ------
    InputError
        Naming row, column, value and reason for each problem (unknown direction, a target
        that is not a number, an unknown measure key, a given value not in the given table …).
    """
    raw = read_source(source, sheet=sheet)
    what = raw.source or "the plan's table"
    columns, years = _headers(raw.frame)
    failures = Failures(what)
    for need in ("measure", "unit"):
        if need not in columns:
            failures.add("(header)", ", ".join(map(str, raw.frame.columns)),
                         f"no {need} column; accepted headers: {', '.join(PLAN_COLUMNS[need])}")
    if not years:
        failures.add("(header)", ", ".join(map(str, raw.frame.columns)), "no target columns (Mål 2024, Mål 2025 …)")
    failures.raise_if_any()
    specs = {str(k): dict(v) for k, v in (measures or {}).items()}
    out: list[PlanMeasure] = []
    for row, rec in raw.frame.iterrows():
        cells = {c: "" if v is None or (isinstance(v, float) and v != v) else str(v).strip() for c, v in rec.items()}
        if not cells.get(columns["measure"], ""):
            continue          # a blank line or a heading row of the table
        built = _measure(failures, row, _Row(cells, columns), years, specs, given)
        if built is not None:
            out.append(built)
    failures.raise_if_any()
    goals = list(dict.fromkeys(m.goal for m in out))
    return Plan(out, raw.source, goals)


@dataclass(frozen=True)
class _Row:
    """One row of the table as text, read by canonical column (``""`` when the table lacks the column)."""

    cells: dict[Any, str]
    columns: dict[str, Any]

    def __call__(self, canon: str) -> str:
        col = self.columns.get(canon)
        return self.cells.get(col, "") if col is not None else ""


def _base(failures: Failures, row: Any, cell: _Row, percent: bool,
          columns: dict[str, str]) -> tuple[str, float | None, int | None]:
    """The base as written, its value (plan values) and its year: ``"3 011 kg (2020)"``, ``"(2021)"``, or a year
    with the value in its own column."""
    base_text, base_value, base_year = cell("base"), None, None
    m = _BASE.match(base_text) if base_text else None
    if m:
        base_year = int(m.group("year"))
        if m.group("value"):
            base_value = _number(m.group("value"), percent)
            if base_value is None:
                failures.add(columns.get("base", "base"), base_text, "the base is a value and a year: '3 011 kg "
                                                                     "(2020)', '67 % (2020)' or '(2021)'", row=row)
    elif re.fullmatch(r"\d{4}", base_text):
        base_year = int(base_text)
        if cell("base_value"):
            base_value = _number(cell("base_value"), percent)
            base_text = f"{cell('base_value')} ({base_year})"
    elif base_text:
        failures.add(columns.get("base", "base"), base_text, "the base is a value and a year: '3 011 kg (2020)', "
                                                             "'67 % (2020)' or '(2021)'", row=row)
    return base_text, base_value, base_year


def _measure(failures: Failures, row: Any, cell: _Row, years: dict[int, str], measures: dict[str, dict],
             given: Any) -> PlanMeasure | None:
    """One row of the table as a :class:`PlanMeasure`; its problems go to ``failures`` (None then)."""
    n0 = len(failures)
    columns = {k: str(v) for k, v in cell.columns.items()}
    name = cell("measure")
    unit = cell("unit")
    percent = unit == "%"
    if unit and not percent:
        try:
            parse_unit(unit)
        except Exception:
            failures.add(columns.get("unit", "unit"), unit, "unknown unit (e.g. %, kg, st, MWh, m², kWh/m²)", row=row)
    base_text, base_value, base_year = _base(failures, row, cell, percent, columns)
    levels: dict[int, float] = {}
    for y, col in sorted(years.items()):
        text = cell.cells.get(col, "")
        if not text:
            continue
        v = _number(text, percent)
        if v is None:
            failures.add(col, text, "a target value is a number (42,5 %, 2 050)", row=row)
        else:
            levels[y] = v
    if not levels:
        failures.add(", ".join(years.values()), "", "the measure has no target in any year", row=row)
    by = cell("measured_by")
    spec: dict[str, Any]
    given_name = None
    if by.lower().split(":")[0].strip() in GIVEN_WORDS:
        given_name = by.split(":", 1)[1].strip() if ":" in by else name
        spec = {}
        if given is not None and given_name not in given.names:
            failures.add(columns.get("measured_by", "measured_by"), by,
                         f"no given values named {given_name!r}; indicators: {', '.join(given.names) or '(none)'}",
                         row=row)
        elif given is None:
            failures.add(columns.get("measured_by", "measured_by"), by, "a value measured elsewhere needs the "
                         "given-values table (plan.given in the configuration)", row=row)
        by = "given"
    elif by in measures:
        spec = dict(measures[by])
    else:
        failures.add(columns.get("measured_by", "measured_by"), by or "(blank)",
                     f"say how the measure is measured: a measure of the configuration "
                     f"({', '.join(measures) or 'none given'}) or 'givet' for a value measured elsewhere", row=row)
        spec = {}
    kind = spec.pop("type", None)
    direction_text = cell("direction").lower()
    direction = DIRECTIONS.get(direction_text)
    cls = kind_class(kind)
    if cls is not None and cls.levels_are_reductions:
        direction = "at_least"                      # the levels are reductions to reach at least
    elif direction is None:
        failures.add(columns.get("direction", "direction"), direction_text or "(blank)",
                     "write minst (at least) or högst (at most)", row=row)
    if len(failures) > n0 or direction is None:
        return None
    try:
        target = _target(name, kind, unit, percent, direction, levels, spec)
    except (InputError, KlimatbokslutError, TypeError) as exc:
        failures.add(columns.get("measured_by", "measured_by"), by, str(exc).replace("\n", " "), row=row)
        return None
    return PlanMeasure(cell("goal"), name, unit, base_text, base_value, base_year, levels, direction, by,
                       given_name, target, row)


def _target(name: str, kind: Any, unit: str, percent: bool, direction: str, levels: dict[int, float],
            spec: dict[str, Any]) -> Target:
    """The target of a row: the kind its measure names (``type``), else a share for ``%``, a floor for *minst*
    and a cap for *högst*; the kind itself takes the levels (:meth:`Target.from_levels`)."""
    cls: type[Target] | None
    if kind is not None:
        cls = kind_class(kind)
        if cls is None:
            raise TypeError(f"type {kind!r}: unknown target type; types: {', '.join(KINDS)}")
    else:
        cls = Share if percent else (Floor if direction == "at_least" else Cap)
    if cls.levels_are_reductions and not percent:
        raise TypeError("a reduction's targets are percentages of the base-year value (unit %)")
    params = dict(spec)
    if not percent and not issubclass(cls, Share):
        if cls.levels_are_reductions:
            pass
        elif "intensity_unit" in {f.name for f in fields(cls)}:
            params["intensity_unit"] = unit
        else:
            params.setdefault("metric", "amount")
            params["unit"] = unit
    return cls.from_levels(name, levels, at_least=direction == "at_least", **params)
