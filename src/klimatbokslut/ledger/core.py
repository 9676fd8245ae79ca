"""The :class:`Ledger`: one row per input row, with its rejects and the settings that produced it.

The ledger keeps accounts; what is done with them lives beside it, each in its own module:
summaries (:mod:`~klimatbokslut.ledger.summaries`), row accounting
(:mod:`~klimatbokslut.ledger.accounting`), provenance (:mod:`~klimatbokslut.ledger.provenance`)
and exports (:mod:`~klimatbokslut.ledger.exports`). Its methods of the same names call them.
A ledger is built complete: every setting is an argument of its constructor, and
:meth:`Ledger.replace` makes a variant.

Examples
--------
>>> led = Ledger.from_records([{"activity": "x", "amount": 1, "unit": "kg", "year": 2024, "scope": 1,
...     "category": "fugitive", "area": "refrigerants", "co2e_direct_kg": 1000.0}], gwp="AR5")
>>> led
<Ledger 1 rows, 0 rejected, gwp=AR5, scope 2 market-based>
"""

from __future__ import annotations

from abc import ABCMeta
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import ACTIVITY_BASED
from ..errors import FAILURE_COLUMNS
from . import accounting, exports, provenance, summaries
from .accounting import LeftOut

#: Columns of a ledger frame, in order (extra input columns follow ``ownership``).
LEDGER_COLUMNS = [
    "row", "id", "activity", "amount", "unit", "year", "org_unit", "site", "region", "contract", "ownership",
    "factor_id", "correction", "origin", "destination", "cabin", "round_trip", "band", "purpose", "goods",
    "scope", "category", "area", "upstream_category", "energy_mj", "distance_km", "renewable_share",
    "fossil_free_share", "recovered_share", "co2_kg", "ch4_kg", "n2o_kg", "other_gas", "other_gas_kg",
    "co2e_direct_kg", "co2e_upstream_kg", "co2e_kg",
    "co2e_location_kg", "co2e_market_kg", "co2_biogenic_kg", "gwp", "scope2_method", "factor_ids", "source_ids",
    "factor_gwp", "factor_year", "data_quality", "flags", "unvalued_reason",
]
_DEFAULTS: dict[str, Any] = {"id": "", "org_unit": "", "site": "", "region": "", "contract": "", "ownership": "owned",
             "factor_id": "", "correction": False, "origin": "", "destination": "", "cabin": "", "round_trip": False,
             "band": "", "purpose": "", "goods": "", "upstream_category": "fuel_and_energy_related",
             "energy_mj": float("nan"), "distance_km": float("nan"), "data_quality": ACTIVITY_BASED,
             "renewable_share": float("nan"), "fossil_free_share": float("nan"),
             "recovered_share": float("nan"), "co2_kg": 0.0, "ch4_kg": 0.0,
             "n2o_kg": 0.0, "other_gas": "", "other_gas_kg": 0.0, "co2e_upstream_kg": 0.0, "co2_biogenic_kg": 0.0,
             "scope2_method": "", "factor_ids": "", "source_ids": "", "factor_gwp": "", "flags": "",
             "unvalued_reason": ""}


# ABCMeta lets a lazy ledger (klimatbokslut.scale.DaskLedger) register as a Ledger without inheriting
# the in-memory implementation: it serves the same methods, or says to compute it first.
class Ledger(metaclass=ABCMeta):  # noqa: B024 (no abstract methods: registration only)
    """Emissions per input row, with rejects and the settings that produced them.

    Built complete by :func:`klimatbokslut.calculate` (or :meth:`from_records`,
    :meth:`concat`, :meth:`from_parquet`); nothing is set on it afterwards:
    :meth:`replace` gives a variant with some of it changed.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per used input row (the columns of :data:`LEDGER_COLUMNS`; their units: docs, *Ledger columns*).
    rejects : pandas.DataFrame, optional
        Rows that could not be used: ``row, column, value, reason`` and the raw
        ``input_*`` cells (default: none).
    gwp : str
        GWP set used for single gases (``"AR6"``, ``"AR5"``).
    scope2_method : {"market", "location"}
        Scope-2 method behind ``co2e_kg``.
    factors : FactorSet, optional
        The factor set used (its ``version`` is recorded in exports).
    input_rows : int, optional
        Rows read from the input [-] (default: ledger rows + rejected rows).
    blank_rows : int
        Blank input rows skipped [-].
    inputs : Mapping of str to str, optional
        Input files behind the ledger and their sha256, ``{path: sha256}``.
    radiative_forcing : bool
        Flights with (True) or without (False) the radiative-forcing uplift.
    unvalued_failures : pandas.DataFrame, optional
        The rows kept without CO2e, as failures (``row, column, value, reason``):
        what a strict run would raise (default: none).
    factor_version : str
        Version of the factor set, when ``factors`` is not given (a ledger read back from a file).

    Attributes
    ----------
    frame, rejects, gwp, scope2_method, factors, input_rows, blank_rows, inputs, radiative_forcing, unvalued_failures
        As given (``inputs`` as a dict, the tables as empty tables when not given).
    """

    def __init__(self, frame: pd.DataFrame, *, rejects: pd.DataFrame | None = None, gwp: str = "AR6",
                 scope2_method: str = "market", factors=None, input_rows: int | None = None, blank_rows: int = 0,
                 inputs: Mapping[str, str] | None = None, radiative_forcing: bool = True,
                 unvalued_failures: pd.DataFrame | None = None, factor_version: str = "",
                 normal_year: Any = None):
        self.frame = frame
        self.rejects = rejects if rejects is not None else pd.DataFrame(columns=FAILURE_COLUMNS)
        self.gwp = gwp
        self.scope2_method = scope2_method
        self.factors = factors
        self.input_rows = len(frame) + self.rejected_rows() if input_rows is None else input_rows
        self.blank_rows = blank_rows
        #: Input files behind the ledger and their sha256, ``{path: sha256}``.
        self.inputs: dict[str, str] = dict(inputs or {})
        #: Flights with (True) or without (False) the radiative-forcing uplift.
        self.radiative_forcing: bool = bool(radiative_forcing)
        #: The rows kept without CO2e, as failures (row, column, value, reason): what a strict run would raise.
        self.unvalued_failures: pd.DataFrame = (unvalued_failures if unvalued_failures is not None
                                                else pd.DataFrame(columns=FAILURE_COLUMNS))
        self._factor_version = factor_version
        #: The normal-year correction applied to ``energy_normal_mj`` (:class:`klimatbokslut.normal_year.NormalYear`),
        #: or None when the ledger's energy is as measured.
        self.normal_year = normal_year

    def __repr__(self) -> str:
        unvalued = self.unvalued_rows()
        return (f"<Ledger {len(self.frame)} rows{f' ({unvalued} unvalued)' if unvalued else ''}, "
                f"{self.rejected_rows()} rejected, gwp={self.gwp}, scope 2 {self.scope2_method}-based>")

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def factor_version(self) -> str:
        """Version of the factor set used: that of ``factors``, else the one given (read back from a file)."""
        return getattr(self.factors, "version", "") or self._factor_version

    def replace(self, **changes: Any) -> Ledger:
        """A new ledger with some of its rows, rejects or settings changed; this one is left as it is.

        Parameters
        ----------
        **changes
            Arguments of the constructor (``frame``, ``rejects``, ``factors``, ...). ``input_rows``
            is kept unless given, so a variant of the same rows still reconciles.

        Returns
        -------
        Ledger

        Examples
        --------
        >>> a = Ledger.from_records([{"activity": "x", "amount": 1, "unit": "kg", "year": 2024, "scope": 1,
        ...     "category": "fugitive", "area": "refrigerants", "co2e_direct_kg": 1000.0}])
        >>> b = a.replace(radiative_forcing=False)
        >>> a.radiative_forcing, b.radiative_forcing, b.total()
        (True, False, <Quantity(1.0, 'metric_ton * CO2e')>)
        """
        settings: dict[str, Any] = {
            "frame": self.frame, "rejects": self.rejects, "gwp": self.gwp, "scope2_method": self.scope2_method,
            "factors": self.factors, "input_rows": self.input_rows, "blank_rows": self.blank_rows,
            "inputs": self.inputs, "radiative_forcing": self.radiative_forcing,
            "unvalued_failures": self.unvalued_failures, "factor_version": self._factor_version,
            "normal_year": self.normal_year}
        unknown = sorted(set(changes) - set(settings))
        if unknown:
            raise TypeError(f"Ledger.replace() got unknown settings {unknown}; known: {', '.join(settings)}")
        frame = changes.pop("frame", self.frame)
        return type(self)(frame, **{**{k: v for k, v in settings.items() if k != "frame"}, **changes})

    @classmethod
    def from_records(cls, records: pd.DataFrame | list[dict], *, gwp: str = "AR6", factors=None) -> Ledger:
        """A ledger from rows whose CO2e was computed outside the activity engine.

        Used for results that are emissions already (financed emissions of a
        portfolio). Required columns: ``activity, amount, unit, year, scope,
        category, area, co2e_direct_kg``; the others take neutral defaults
        (no upstream part, no gas split). ``co2e_kg``, ``co2e_location_kg`` and
        ``co2e_market_kg`` are set to direct + upstream.

        Examples
        --------
        >>> led = Ledger.from_records([{"activity": "financed_emissions", "amount": 12.5, "unit": "MSEK",
        ...     "year": 2024, "scope": 3, "category": "investments", "area": "capital", "co2e_direct_kg": 4000.0}])
        >>> led.total(category="investments")
        <Quantity(4.0, 'metric_ton * CO2e')>
        """
        df = pd.DataFrame(records).copy()
        required = ["activity", "amount", "unit", "year", "scope", "category", "area", "co2e_direct_kg"]
        missing = [c for c in required if c not in df.columns]
        if missing:
            raise ValueError(f"records need the columns {missing}")
        if "row" not in df.columns:
            df["row"] = np.arange(1, len(df) + 1)
        for col, value in _DEFAULTS.items():
            if col not in df.columns:
                df[col] = value
        df["co2e_kg"] = df["co2e_direct_kg"] + df["co2e_upstream_kg"]
        df["co2e_location_kg"] = df["co2e_kg"]
        df["co2e_market_kg"] = df["co2e_kg"]
        df["gwp"] = gwp
        if "factor_year" not in df.columns:
            df["factor_year"] = df["year"]
        df["scope"] = df["scope"].astype(np.int8)
        extras = [c for c in df.columns if c not in LEDGER_COLUMNS]
        return cls(df[LEDGER_COLUMNS + extras], gwp=gwp, factors=factors)

    @classmethod
    def concat(cls, ledgers: Iterable[Ledger]) -> Ledger:
        """One ledger from several (e.g. activities and a portfolio); rejects are kept.

        All ledgers must use the same GWP set and scope-2 method; the settings are the
        first ledger's, the input files those of all of them. A lazy (Dask) ledger is
        refused with an :class:`~klimatbokslut.InputError`: compute it first.

        Examples
        --------
        >>> a = Ledger.from_records([{"activity": "x", "amount": 1, "unit": "kg", "year": 2024, "scope": 1,
        ...     "category": "fugitive", "area": "refrigerants", "co2e_direct_kg": 1000.0}])
        >>> Ledger.concat([a, a]).total()
        <Quantity(2.0, 'metric_ton * CO2e')>
        """
        return exports.concat(cls, ledgers)

    # ------------------------------------------------------------------ accounting
    def rejected_rows(self) -> int:
        """Number of distinct input rows in the rejects table.

        Returns
        -------
        int

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
        ...                                   "year": [2024, 2024]}), on_error="collect")
        >>> led.rejected_rows()
        1
        """
        return accounting.rejected_rows(self.rejects)

    def problems(self) -> pd.DataFrame:
        """Every problem of the run in one table: the rejects and the rows kept without an emission factor.

        Columns ``row, column, value, reason`` (and the rejects' input columns); what a
        strict run (``on_error="raise"``) would have raised, sorted by row.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
        ...                                   "year": [2024, 2024]}), on_error="collect")
        >>> led.problems()[["row", "column", "value"]].to_dict("records")
        [{'row': 1, 'column': 'activity', 'value': 'kol'}]
        """
        return accounting.problems(self.rejects, self.unvalued_failures)

    def unvalued_rows(self) -> int:
        """Number of ledger rows without CO2e (no emission factor fits them); their quantities are kept.

        Returns
        -------
        int

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["fjärrvärme"], "amount": [1], "unit": ["MWh"],
        ...                                   "year": [2024], "region": ["Okänt nät"]}), on_error="collect")
        >>> led.unvalued_rows()
        1
        """
        return accounting.unvalued_rows(self.frame)

    def left_out(self, **filters) -> LeftOut:
        """What the CO2e figures of a selection leave out: rows without an emission factor.

        Such rows stay in the ledger with their amount and energy (energy, amount and
        share indicators count them) and with NaN in every CO2e column, so
        :meth:`total` and :meth:`summary` cannot include them. This says how many, how
        much energy and which share of the selection's energy that is.

        Parameters
        ----------
        **filters
            Ledger column = value or list of values (``year=2024``, ``area=...``).

        Returns
        -------
        LeftOut
            The rows left out, their energy [MWh] and share of the selection's energy [-];
            ``.text(lang)`` says it in a sentence.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["fjärrvärme", "el"], "amount": [300, 700],
        ...                                  "unit": ["MWh", "MWh"], "year": [2024, 2024], "region": ["Atlantis", ""]}),
        ...                    on_error="collect")
        >>> lo = led.left_out(year=2024)
        >>> lo.rows, round(lo.energy_mwh, 1), round(lo.energy_share, 2)
        (1, 300.0, 0.3)
        >>> lo.text("sv")
        'exklusive 1 rad utan emissionsfaktor (300 MWh, 30 % av energin)'
        """
        return accounting.left_out(self, **filters)

    def reconcile(self) -> dict[str, int]:
        """Counts that show no row was lost: ``input_rows == ledger_rows + rejected_rows``.

        ``unvalued_rows`` are ledger rows without CO2e (kept for their quantities).

        Returns
        -------
        dict
            ``input_rows``, ``ledger_rows``, ``rejected_rows`` (and ``unvalued_rows`` when there
            are any), and ``balanced``: True when the counts add up.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
        ...                                   "year": [2024, 2024]}), on_error="collect")
        >>> led.reconcile()
        {'input_rows': 2, 'ledger_rows': 1, 'rejected_rows': 1, 'balanced': True}
        """
        return accounting.reconcile(self)

    # ------------------------------------------------------------------ parts & summaries
    def _columns_for(self, method: str | None) -> tuple[np.ndarray, np.ndarray]:
        return summaries.columns_for(self, method)

    def parts(self, method: str | None = None, dims: Iterable[str] = summaries.PART_DIMS) -> pd.DataFrame:
        """Long table of emission parts: one line per row and part (direct/upstream).

        Parameters
        ----------
        method : {"market", "location"}, optional
            Scope-2 method (default: the ledger's). The upstream part is taken from
            the ledger's method for both.
        dims : iterable of str
            Ledger columns to carry.

        Returns
        -------
        pandas.DataFrame
            ``dims`` + ``scope, category, boundary, co2e_kg``.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]}))
        >>> sorted(led.parts()["scope"].tolist())       # the direct part in scope 1, the upstream part in scope 3
        [1, 3]
        """
        return summaries.parts(self, method, dims)

    def total(self, *, method: str | None = None, **filters):
        """Total emissions in t CO2e, optionally filtered.

        Rows without an emission factor (unvalued) have no CO2e and are not in the
        total; :meth:`left_out` says how many and how much energy they carry.

        Parameters
        ----------
        method : {"market", "location"}, optional
            Scope-2 method (default: the ledger's).
        **filters
            Column = value or list of values: ``year=2024``, ``scope=[1, 2]``,
            ``category="mobile_combustion"``, ``area=...``, ``org_unit=...``,
            ``boundary="direct"``.

        Returns
        -------
        pint.Quantity
            t CO2e.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [2], "unit": ["ton"], "year": [2024]}))
        >>> led.total(scope=1)
        <Quantity(546.0, 'metric_ton * CO2e')>
        """
        return summaries.total(self, method=method, **filters)

    def summary(self, by: str | Iterable[str] = ("year", "scope"), *, method: str | None = None,
                **filters) -> pd.DataFrame:
        """Emissions grouped by columns, in t CO2e (column ``co2e_t``).

        ``by`` may name any ledger column carried in the parts (``year``,
        ``activity``, ``org_unit``, ``site``, ``area``, ``ownership``) and
        ``scope``, ``category``, ``boundary``. The sum of a summary equals the
        ledger total.

        Parameters
        ----------
        by : str or iterable of str, default ("year", "scope")
            The columns to group by.
        method : {"market", "location"}, optional
            The scope-2 method (default: the ledger's).
        **filters
            Row selections, as in :meth:`total` (``year=2024``, ``scope=[1, 2]``, ``area="vehicles"``).

        Returns
        -------
        pandas.DataFrame
            One row per group: the ``by`` columns and ``co2e_t`` [t CO2e].

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o", "n2o"], "amount": [1, 2], "unit": ["kg", "kg"],
        ...                                   "year": [2023, 2024]}), gwp="AR5")
        >>> led.summary(by="year")
           year  co2e_t
        0  2023   0.265
        1  2024   0.530
        """
        return summaries.summary(self, by, method=method, **filters)

    def memo(self, by: str | Iterable[str] = ("year",)) -> pd.DataFrame:
        """Biogenic CO2 (memo item, outside the scopes) in t, grouped.

        Parameters
        ----------
        by : str or iterable of str, default ("year",)
            The columns to group by.

        Returns
        -------
        pandas.DataFrame
            The ``by`` columns and ``co2_biogenic_t`` [t CO2].

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["hvo100"], "amount": [1000], "unit": ["l"],
        ...                                   "year": [2023]}))
        >>> round(float(led.memo()["co2_biogenic_t"].iloc[0]), 3)
        2.407
        """
        return summaries.memo(self, by)

    # ------------------------------------------------------------------ provenance
    def factors_used(self) -> pd.DataFrame:
        """Every factor row the ledger used, with its source: the method appendix.

        ``edition`` is the year the figure describes; ``used_for_years`` the activity
        years it was used for, and ``used_for_other_years`` those of them it does not
        describe (the nearest edition, flagged ``fallback_year`` in the ledger).

        Returns
        -------
        pandas.DataFrame
            One row per factor used: the factor's columns (``factor_id``, ``value``, ``unit``,
            ``edition`` …), its source's (``publisher``, ``title``, ``url`` …), ``used_for_years``
            and ``used_for_other_years``.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
        >>> led.factors_used()[["factor_id", "publisher"]].to_dict("records")[0]["factor_id"]
        'n2o-release'
        """
        return provenance.factors_used(self.frame, self.factors)

    def about(self) -> pd.DataFrame:
        """Settings, factor-set version and the sha256 of every input file, as a key/value table.

        Returns
        -------
        pandas.DataFrame
            Columns ``key`` and ``value``.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["MWh"], "year": [2024]}))
        >>> "gwp" in set(led.about()["key"])
        True
        """
        return provenance.about(self)

    # ------------------------------------------------------------------ export
    def to_excel(self, path: str | Path) -> Path:
        """Write the ledger, rejects, summaries and factors used to an Excel workbook.

        Text cells that could start a formula are neutralised.

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write (its folder is created).

        Returns
        -------
        pathlib.Path
            The file written.

        Examples
        --------
        >>> import os, tempfile, pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["MWh"], "year": [2024]}))
        >>> led.to_excel(os.path.join(tempfile.mkdtemp(), "ledger.xlsx")).suffix
        '.xlsx'
        """
        return exports.to_excel(self, path)

    def to_csv(self, path: str | Path, *, style: str = "international") -> Path:
        """Write the ledger frame as CSV (formula-safe).

        Parameters
        ----------
        path : str or Path
        style : {"international", "sv"}
            ``"international"`` (default): comma, decimal point, UTF-8, the API's column names.
            ``"sv"``: for Swedish Excel: semicolon, decimal comma, UTF-8 with BOM, Swedish column
            names and labels (:func:`klimatbokslut.csvout.write_csv`).

        Returns
        -------
        pathlib.Path
            The file written.

        Examples
        --------
        >>> import os, tempfile, pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["MWh"], "year": [2024]}))
        >>> p = led.to_csv(os.path.join(tempfile.mkdtemp(), "ledger.csv"), style="sv")
        >>> p.read_text(encoding="utf-8-sig").split(";")[:3]
        ['Rad', 'Id', 'Aktivitet']
        """
        return exports.to_csv(self, path, style=style)

    def to_parquet(self, path: str | Path) -> Path:
        """Write the ledger (frame, rejects and settings) to one Parquet file.

        Parameters
        ----------
        path : str or Path
            The file to write; :meth:`from_parquet` reads it back.

        Returns
        -------
        pathlib.Path
            The file written.

        Examples
        --------
        >>> import os, tempfile, pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["MWh"], "year": [2024]}))
        >>> p = led.to_parquet(os.path.join(tempfile.mkdtemp(), "ledger.parquet"))
        >>> kb.Ledger.from_parquet(p).total() == led.total()
        True
        """
        return exports.to_parquet(self, path)

    @classmethod
    def from_parquet(cls, path: str | Path, factors=None) -> Ledger:
        """Read a ledger written by :meth:`to_parquet`."""
        return exports.from_parquet(cls, path, factors)
