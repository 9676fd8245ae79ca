"""Values measured elsewhere: a table of given indicator values, evaluated against the same target kinds.

Some measures of a programme are not computed from the region's activities: the public
transport's share of motorised travel in the county (from the transport authority's travel
survey), chemical products on a phase-out list (from the chemicals system), staff trained.
A *given values* table brings them in, one row per indicator and year:

=============== ===================================================== ==========================
column          Swedish headers accepted                              what
=============== ===================================================== ==========================
``name``        mått, indikator, namn                                 the indicator as the plan names it
``year``        år                                                    the year the value is for
``value``       värde, utfall                                         the number (``"15,2"``)
``unit``        enhet                                                 its unit (``%``, ``st``, ``MWh``)
``source``      källa                                                 where it was measured (required)
``org_unit``    förvaltning, organisatorisk enhet, verksamhet         optional
=============== ===================================================== ==========================

:meth:`GivenValues.series` gives one indicator as a source a target evaluates like a ledger
(``target.evaluate(given.series("Kollektivtrafikens andel"), 2024)``). Its value is used as
it is, converted to the target's unit, and every result says "given, not computed" with the
source in its note. A share's value is given as a share (``"15 %"`` or ``0,15`` with an
empty unit).

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut import targets
>>> given = read_given(pd.DataFrame({"mått": ["Kollektivtrafikens andel"] * 2, "år": [2023, 2024],
...                                  "värde": ["13,9", "15,2"], "enhet": ["%", "%"],
...                                  "källa": ["Resvaneundersökning (påhittad)"] * 2}))
>>> r = targets.Share("Kollektivtrafik", minimum=0.15).evaluate(given.series("Kollektivtrafikens andel"), 2024)
>>> r.status, round(r.actual.magnitude, 3), r.note
('met', 0.152, 'given, not computed: Resvaneundersökning (påhittad)')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import UnitError
from ..intake.files import read_source
from ..targets.measure import Measure
from ..units import get_registry, parse_numbers, parse_unit
from ..validation import Failures, fail

__all__ = ["GIVEN_COLUMNS", "GivenValues", "GivenSeries", "read_given", "GIVEN_NOTE"]

#: The columns of a given-values table and their accepted headers (compared without case and spaces).
GIVEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "mått", "matt", "indikator", "namn", "indicator"),
    "year": ("year", "år", "ar"),
    "value": ("value", "värde", "varde", "utfall"),
    "unit": ("unit", "enhet"),
    "source": ("source", "källa", "kalla"),
    "org_unit": ("org_unit", "förvaltning", "organisatorisk enhet", "organisatoriskenhet", "verksamhet",
                 "organisational unit"),
}
REQUIRED = ("name", "year", "value", "unit", "source")

#: The start of the note of a result from a given value (English, as the targets' notes are data).
GIVEN_NOTE = "given, not computed"


def _key(text: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(text).strip().lower())


@dataclass(frozen=True)
class GivenSeries:
    """One indicator's given values by year: a source a target evaluates like a ledger.

    Attributes
    ----------
    name : str
    frame : pandas.DataFrame
        ``year``, ``value``, ``unit``, ``source``, ``org_unit``, one row per year.
    """

    name: str
    frame: pd.DataFrame

    def row(self, year: int) -> pd.Series | None:
        """The row of ``year``; None when the indicator has no value that year."""
        rows = self.frame[self.frame["year"] == int(year)]
        return None if rows.empty else rows.iloc[0]

    def sources(self) -> list[str]:
        """The distinct sources of the values, in the order of the years."""
        return list(dict.fromkeys(self.frame.sort_values("year")["source"].astype(str)))

    def given_measure(self, year: int, unit: str | None, what: str) -> Measure:
        """The value of ``year`` in ``unit`` (None or ``""``: a dimensionless share) as a one-row measure.

        A year without a value is a measure without rows (the target's ``no_data``).
        """
        r = self.row(year)
        if r is None:
            return Measure(float("nan"), 0, 0.0, 0.0, 0)
        q = get_registry().Quantity(float(r["value"]), parse_unit(str(r["unit"])) if r["unit"] else "dimensionless")
        try:
            value = float(q.to(parse_unit(unit) if unit else "dimensionless").magnitude)
        except Exception:
            raise UnitError(str(r["unit"]), f"{what}: given value {self.name!r} {int(year)}",
                            expected=[unit or "a share (%, or an empty unit)"]) from None
        return Measure(value, 1, 1.0, 0.0, 0, f"{GIVEN_NOTE}: {r['source']}")


@dataclass(frozen=True)
class GivenValues:
    """A validated table of given indicator values (see the module documentation).

    Attributes
    ----------
    frame : pandas.DataFrame
        ``name``, ``year`` (int), ``value`` (float), ``unit``, ``source``, ``org_unit``, ``row``.
    source : str or None
        The file read.
    """

    frame: pd.DataFrame
    source: str | None = None

    @property
    def names(self) -> list[str]:
        """The indicators, in the order of the table."""
        return list(dict.fromkeys(self.frame["name"]))

    def series(self, name: str, org_unit: str | None = None) -> GivenSeries:
        """The values of one indicator (of one organisational unit, when the table has several).

        Raises
        ------
        InputError
            An unknown name (listing the names), or two values for one year.
        """
        rows = self.frame[self.frame["name"] == name]
        if rows.empty:
            raise fail("name", name, f"no given values for this indicator; indicators: {', '.join(self.names)}",
                       what=self.source or "given values")
        if org_unit is not None:
            rows = rows[rows["org_unit"] == org_unit]
        twice = rows[rows["year"].duplicated(keep=False)]
        if len(twice):
            f = Failures(self.source or "given values")
            for _, r in twice.iterrows():
                f.add("year", int(r["year"]), f"two values of {name!r} for one year (organisational units: "
                                              f"{', '.join(sorted(set(twice['org_unit'].astype(str))))}); name the "
                                              "organisational unit", row=r["row"])
            f.raise_if_any()
        return GivenSeries(name, rows.reset_index(drop=True))


def read_given(source: str | Path | pd.DataFrame, *, sheet: str | int | None = None) -> GivenValues:
    """Read and check a table of given indicator values (CSV, Excel or a DataFrame); every problem at once.

    Raises
    ------
    InputError
        A missing column, or cells that cannot be read: each named by row, column, value and reason.
    """
    raw = read_source(source, sheet=sheet)
    what = raw.source or "given values"
    lookup = {_key(a): canon for canon, aliases in GIVEN_COLUMNS.items() for a in aliases}
    df = raw.frame.rename(columns=lambda c: lookup.get(_key(c), c))
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        headers = "; ".join(f"{c}: {', '.join(GIVEN_COLUMNS[c])}" for c in missing)
        raise fail("(header)", ", ".join(map(str, raw.frame.columns)),
                   f"missing column(s); accepted headers: {headers}", what=what)
    if "org_unit" not in df.columns:
        df["org_unit"] = ""
    failures = Failures(what)
    text = {c: df[c].astype(object).where(df[c].notna(), "").astype(str).str.strip() for c in GIVEN_COLUMNS}
    values, problems = parse_numbers(text["value"])
    years, year_problems = parse_numbers(text["year"])
    for i, row in enumerate(df.index):
        if not text["name"].iloc[i]:
            failures.add("name", "", "every value needs the indicator's name", row=row)
        y = years[i]
        if year_problems[i] is not None or math.isnan(y) or y != int(y) or not 1990 <= y <= 2100:
            failures.add("year", text["year"].iloc[i], "a year between 1990 and 2100", row=row)
        if problems[i] is not None:
            failures.add("value", text["value"].iloc[i], f"not a number ({problems[i]})", row=row)
        unit = text["unit"].iloc[i]
        if unit:
            try:
                parse_unit(unit)
            except UnitError:
                failures.add("unit", unit, "unknown unit (e.g. %, st, MWh, m2, kg)", row=row)
        if not text["source"].iloc[i]:
            failures.add("source", "", "a value measured elsewhere needs its source (publisher, document, year)",
                         row=row)
    frame = pd.DataFrame({"name": text["name"].to_numpy(), "year": np.nan_to_num(years).astype(int),
                          "value": values, "unit": text["unit"].to_numpy(), "source": text["source"].to_numpy(),
                          "org_unit": text["org_unit"].to_numpy(), "row": df.index.to_numpy()})
    key = frame[["name", "year", "org_unit"]]
    for _, r in frame[key.duplicated(keep="first")].iterrows():
        failures.add("year", int(r["year"]), f"a second value of {r['name']!r} for this year", row=r["row"])
    failures.raise_if_any()
    return GivenValues(frame, raw.source)
