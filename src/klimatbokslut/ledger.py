"""The ledger: one row per input row, and the summaries built from it.

Every summary is a pure group-by of the ledger's parts, so totals always equal the
ledger sum. A row contributes up to two parts:

* the *direct* part (``co2e_direct_kg``) in the row's ``scope`` and ``category``;
* the *upstream* part (``co2e_upstream_kg``) in scope 3 and ``upstream_category``
  (fuel- and energy-related activities).

Biogenic CO2 (``co2_biogenic_kg``) is a memo item outside the scopes.

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

from __future__ import annotations

import datetime
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .catalogue import ACTIVITY_BASED
from .csvout import neutralise_cells, write_csv
from .errors import FAILURE_COLUMNS
from .units import Q_, get_registry, kind_of, normalise_unit_text, parse_numbers, parse_unit
from .validation import as_list, isin_mask

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
_DEFAULTS = {"id": "", "org_unit": "", "site": "", "region": "", "contract": "", "ownership": "owned",
             "factor_id": "", "correction": False, "origin": "", "destination": "", "cabin": "", "round_trip": False,
             "band": "", "purpose": "", "goods": "", "upstream_category": "fuel_and_energy_related",
             "energy_mj": float("nan"), "distance_km": float("nan"), "data_quality": ACTIVITY_BASED,
             "renewable_share": float("nan"), "fossil_free_share": float("nan"),
             "recovered_share": float("nan"), "co2_kg": 0.0, "ch4_kg": 0.0,
             "n2o_kg": 0.0, "other_gas": "", "other_gas_kg": 0.0, "co2e_upstream_kg": 0.0, "co2_biogenic_kg": 0.0,
             "scope2_method": "", "factor_ids": "", "source_ids": "", "factor_gwp": "", "flags": "",
             "unvalued_reason": ""}

_PART_DIMS = ("row", "id", "activity", "year", "org_unit", "site", "region", "ownership", "area", "unit", "purpose",
              "data_quality")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_workbook(sheets: dict, path: str | Path) -> Path:
    """Write DataFrames to an .xlsx workbook, formula-safe and byte-for-byte reproducible.

    Text cells that a spreadsheet would run as formulas are neutralised
    (:func:`neutralise_cells`); the workbook's creation time and the zip entries'
    timestamps are fixed, so the same tables give the same bytes.

    Examples
    --------
    >>> import tempfile, os, hashlib
    >>> d = tempfile.mkdtemp()
    >>> a = write_workbook({"t": pd.DataFrame({"x": ["=1+1", "ok"]})}, os.path.join(d, "a.xlsx"))
    >>> b = write_workbook({"t": pd.DataFrame({"x": ["=1+1", "ok"]})}, os.path.join(d, "b.xlsx"))
    >>> a.read_bytes() == b.read_bytes()
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, df in sheets.items():
            out = neutralise_cells(df)
            for c in out.columns:
                if isinstance(out[c].dtype, pd.CategoricalDtype) or str(out[c].dtype) == "str":
                    out[c] = out[c].astype(object)
            out.to_excel(xl, sheet_name=str(name)[:31], index=False)
        fixed = datetime.datetime(*_FIXED_TIME)
        xl.book.properties.created = fixed
        xl.book.properties.modified = fixed
    # Rewrite the zip with fixed entry timestamps (openpyxl stamps the current time).
    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":   # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>1980-01-01T00:00:00Z\2", data)
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    tmp.replace(path)
    return path


def _stack(d, keep_d: np.ndarray, u, keep_u: np.ndarray):
    """The direct rows of ``d`` then the upstream rows of ``u``, as one column (categorical for text)."""
    nd, nu = int(keep_d.sum()), int(keep_u.sum())

    def part(col, keep, k):
        if np.isscalar(col):
            if isinstance(col, str):
                return pd.Categorical.from_codes(np.zeros(k, dtype=np.int8), categories=[col])
            return np.full(k, col)
        s = col if isinstance(col, pd.Series) else pd.Series(col)
        if isinstance(s.dtype, pd.CategoricalDtype):
            return s.array[keep]
        return s.to_numpy()[keep]

    a, b = part(d, keep_d, nd), part(u, keep_u, nu)
    if isinstance(a, pd.Categorical) and isinstance(b, pd.Categorical):
        try:
            return pd.api.types.union_categoricals([a, b], sort_categories=True)
        except TypeError:   # categories of different types, or unorderable: group the values
            pass
    a = np.asarray(a, dtype=object) if isinstance(a, pd.Categorical) else a
    b = np.asarray(b, dtype=object) if isinstance(b, pd.Categorical) else b
    if a.dtype != b.dtype:
        a, b = a.astype(object), b.astype(object)
    return np.concatenate([a, b])


#: The reason of a spend row replaced by activity-based rows of the same goods and year (engine.run).
REPLACED_BY_ACTIVITY = "replaced by activity-based rows for the same goods and year (not counted twice)"


def _replaced(rejects: pd.DataFrame) -> np.ndarray:
    """Rows of the rejects that were replaced, not refused (their emissions are counted by other rows)."""
    return rejects["reason"].astype(object).eq(REPLACED_BY_ACTIVITY).to_numpy()


def _plain_number(v: float) -> str:
    """An amount as Swedish text: ``39700.0`` -> ``"39 700"``, ``2.5`` -> ``"2,5"``."""
    text = f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


@dataclass(frozen=True)
class LeftOut:
    """What a CO2e figure leaves out: ledger rows without an emission factor (see :meth:`Ledger.left_out`).

    Attributes
    ----------
    rows : int
    energy_mwh : float
        Their energy [MWh] (0 when they are not energy).
    energy_share : float
        Their share of the selection's energy [-]; NaN when the selection has no energy.
    activities, reasons : tuple of str
    """

    rows: int
    energy_mwh: float
    energy_share: float
    activities: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    #: Input rows that were rejected (``on_error="collect"``): not in the ledger at all.
    rejected: int = 0
    #: What the rejected rows held, as written: ``("Fjärrvärme 39 700 MWh", ...)`` per activity and unit.
    rejected_amounts: tuple[str, ...] = ()
    #: Their energy where their unit is one of energy [MWh].
    rejected_mwh: float = 0.0

    def __bool__(self) -> bool:
        return self.rows > 0 or self.rejected > 0

    def text(self, lang: str = "en") -> str:
        """One clause for a headline: ``"excluding 2 rows without an emission factor (39 700 MWh, 12 % of the
        energy)"``; empty when nothing is left out."""
        if not self:
            return ""
        sv = lang == "sv"

        def num(v: float) -> str:
            text = f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"
            return text.replace(",", " ").replace(".", ",") if sv else text

        clauses = []
        if self.rows:
            parts = []
            if self.energy_mwh:
                parts.append(f"{num(self.energy_mwh)} MWh")
                if self.energy_share == self.energy_share:
                    pct = num(100 * self.energy_share)
                    parts.append(f"{pct} % av energin" if sv else f"{pct} % of the energy")
            extra = f" ({', '.join(parts)})" if parts else ""
            clauses.append(f"{self.rows} {'rad' if self.rows == 1 else 'rader'} utan emissionsfaktor{extra}" if sv
                           else f"{self.rows} row{'s' if self.rows != 1 else ''} without an emission factor{extra}")
        if self.rejected:
            shown = list(self.rejected_amounts[:4])
            if len(self.rejected_amounts) > 4:
                more = len(self.rejected_amounts) - 4
                shown.append(f"{more} till" if sv else f"{more} more")
            extra = f" ({'; '.join(shown)})" if shown else ""
            clauses.append(f"{self.rejected} {'avvisad rad' if self.rejected == 1 else 'avvisade rader'}{extra}" if sv
                           else f"{self.rejected} rejected row{'s' if self.rejected != 1 else ''}{extra}")
        return ("exklusive " + " och ".join(clauses)) if sv else ("excluding " + " and ".join(clauses))


class Ledger:
    """Emissions per input row, with rejects and the settings that produced them.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per used input row; see the column list in the docs.
    rejects : pandas.DataFrame
        Rows that could not be used: ``row, column, value, reason`` and the raw
        ``input_*`` cells.
    gwp : str
        GWP set used for single gases.
    scope2_method : str
        Scope-2 method behind ``co2e_kg``.
    factors : FactorSet
        The factor set used (its ``version`` is recorded in exports).
    """

    def __init__(self, frame: pd.DataFrame, *, rejects: pd.DataFrame | None = None, gwp: str = "AR6",
                 scope2_method: str = "market", factors=None, input_rows: int | None = None, blank_rows: int = 0):
        self.frame = frame
        self.rejects = rejects if rejects is not None else pd.DataFrame(columns=FAILURE_COLUMNS)
        self.gwp = gwp
        self.scope2_method = scope2_method
        self.factors = factors
        self.input_rows = len(frame) + self.rejected_rows() if input_rows is None else input_rows
        self.blank_rows = blank_rows
        #: Input files behind the ledger and their sha256, ``{path: sha256}``.
        self.inputs: dict[str, str] = {}
        #: Flights with (True) or without (False) the radiative-forcing uplift.
        self.radiative_forcing: bool = True
        #: The rows kept without CO2e, as failures (row, column, value, reason): what a strict run would raise.
        self.unvalued_failures: pd.DataFrame = pd.DataFrame(columns=FAILURE_COLUMNS)

    def __repr__(self) -> str:
        unvalued = self.unvalued_rows()
        return (f"<Ledger {len(self.frame)} rows{f' ({unvalued} unvalued)' if unvalued else ''}, "
                f"{self.rejected_rows()} rejected, gwp={self.gwp}, scope 2 {self.scope2_method}-based>")

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def factor_version(self) -> str:
        return getattr(self.factors, "version", "") or self.frame.attrs.get("factor_version", "")

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

        All ledgers must use the same GWP set and scope-2 method.

        Examples
        --------
        >>> a = Ledger.from_records([{"activity": "x", "amount": 1, "unit": "kg", "year": 2024, "scope": 1,
        ...     "category": "fugitive", "area": "refrigerants", "co2e_direct_kg": 1000.0}])
        >>> Ledger.concat([a, a]).total()
        <Quantity(2.0, 'metric_ton * CO2e')>
        """
        ledgers = list(ledgers)
        if not ledgers:
            raise ValueError("nothing to concatenate")
        gwps = {l.gwp for l in ledgers}
        methods = {l.scope2_method for l in ledgers}
        if len(gwps) > 1 or len(methods) > 1:
            raise ValueError(f"ledgers differ in GWP set {sorted(gwps)} or scope-2 method {sorted(methods)}")
        frames = []
        for l in ledgers:
            f = l.frame.copy()
            f.attrs = {}
            for c in f.columns:
                if isinstance(f[c].dtype, pd.CategoricalDtype):
                    f[c] = f[c].astype(object)
            frames.append(f)
        frame = pd.concat(frames, ignore_index=True)
        for c in ("activity", "unit", "category", "area", "upstream_category", "gwp", "scope2_method", "flags"):
            if c in frame.columns:
                frame[c] = frame[c].astype("category")
        rej = [l.rejects for l in ledgers if len(l.rejects)]
        rejects = pd.concat(rej, ignore_index=True) if rej else None
        unv = [l.unvalued_failures for l in ledgers if len(getattr(l, "unvalued_failures", ()))]
        first = ledgers[0]
        out = cls(frame, rejects=rejects, gwp=first.gwp, scope2_method=first.scope2_method, factors=first.factors,
                  input_rows=sum(l.input_rows for l in ledgers), blank_rows=sum(l.blank_rows for l in ledgers))
        for l in ledgers:
            out.inputs.update(getattr(l, "inputs", {}))
        out.radiative_forcing = first.radiative_forcing
        if unv:
            out.unvalued_failures = pd.concat(unv, ignore_index=True)
        return out

    # ------------------------------------------------------------------ accounting
    def rejected_rows(self) -> int:
        """Number of distinct input rows in the rejects table."""
        return int(self.rejects["row"].nunique()) if len(self.rejects) else 0

    def _unvalued_mask(self) -> np.ndarray:
        f = self.frame
        if "unvalued_reason" not in f.columns:
            return np.zeros(len(f), dtype=bool)
        return f["unvalued_reason"].astype(object).fillna("").astype(str).ne("").to_numpy()

    def problems(self) -> pd.DataFrame:
        """Every problem of the run in one table: the rejects and the rows kept without an emission factor.

        Columns ``row, column, value, reason`` (and the rejects' input columns); what a
        strict run (``on_error="raise"``) would have raised, sorted by row.
        """
        unvalued = getattr(self, "unvalued_failures", None)
        rejects = self.rejects
        if len(rejects) and "reason" in rejects.columns:   # spend rows whose goods are counted in litres: no problem
            rejects = rejects[~_replaced(rejects)]
        parts = [t for t in (rejects, unvalued) if t is not None and len(t)]
        if not parts:
            return pd.DataFrame(columns=FAILURE_COLUMNS)
        return pd.concat(parts, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)

    def unvalued_rows(self) -> int:
        """Number of ledger rows without CO2e (no emission factor fits them); their quantities are kept."""
        return int(self._unvalued_mask().sum())

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
        f = self.frame
        keep = np.ones(len(f), dtype=bool)
        for key, value in filters.items():
            if value is None:
                continue
            if key not in f.columns:
                raise KeyError(f"cannot filter on {key!r}; columns: {', '.join(map(str, f.columns))}")
            keep &= isin_mask(f[key], as_list(value), len(f))
        un = self._unvalued_mask() & keep
        energy = f["energy_mj"].to_numpy(dtype=float) if "energy_mj" in f.columns else np.full(len(f), np.nan)
        left = float(np.nansum(energy[un])) / 3600.0
        whole = float(np.nansum(energy[keep])) / 3600.0
        acts = f.loc[un, "activity"].astype(object).astype(str) if un.any() else pd.Series(dtype=object)
        reasons = f.loc[un, "unvalued_reason"].astype(object).astype(str) if un.any() else pd.Series(dtype=object)
        rejected, amounts, mwh = self._rejected_amounts(filters)
        return LeftOut(rows=int(un.sum()), energy_mwh=left, energy_share=left / whole if whole else float("nan"),
                       activities=tuple(sorted(set(acts))), reasons=tuple(sorted(set(reasons))),
                       rejected=rejected, rejected_amounts=amounts, rejected_mwh=mwh)

    def _rejected_amounts(self, filters: dict[str, Any]) -> tuple[int, tuple[str, ...], float]:
        """The rejected input rows of a selection, what they held and their energy [MWh].

        Rejected rows are not in the ledger: only a year can select them (from the year
        cell as written); a selection on any other column cannot say which rejected rows
        it would have held, so it counts none of them.
        """
        r = self.rejects
        if not len(r) or "row" not in r.columns:
            return 0, (), 0.0
        if any(v is not None and k != "year" for k, v in filters.items()):
            return 0, (), 0.0
        if "reason" in r.columns:   # counted by the activity-based rows that replaced them: not left out
            r = r[~_replaced(r)]
        first = r.drop_duplicates("row", keep="first")
        years = filters.get("year")
        if years is not None and "input_year" in first.columns:
            wanted = {str(int(y)) for y in as_list(years)}
            written = first["input_year"].astype(object).map(lambda v: str(v).strip().split(".")[0]
                                                             if v is not None and v == v else "")
            first = first[written.isin(wanted).to_numpy()]
        if not len(first):
            return 0, (), 0.0
        if not {"input_activity", "input_amount", "input_unit"} <= set(first.columns):
            return len(first), (), 0.0
        amount, problems = parse_numbers(first["input_amount"].astype(object))
        texts: list[str] = []
        mwh = 0.0
        groups: dict[tuple[str, str], list[float]] = {}
        for act, unit, raw, value, bad in zip(first["input_activity"], first["input_unit"], first["input_amount"],
                                              amount, problems):
            act, unit = (str(x if x == x and x is not None else "").strip() for x in (act, unit))
            if bad is not None and bad == bad:   # not a number: shown as written
                texts.append(f"{act or '?'} {raw} {unit}".strip())
                continue
            groups.setdefault((act or "?", unit), []).append(float(value))
        for (act, unit), known in groups.items():
            total = sum(known)
            texts.append(f"{act} {_plain_number(total)} {unit}".strip())
            try:
                if known and kind_of(parse_unit(normalise_unit_text(unit))) == "energy":
                    mwh += float(Q_(total, normalise_unit_text(unit)).to("MWh").magnitude)
            except Exception:  # an unreadable unit is why the row was rejected: no energy to count
                pass
        return len(first), tuple(texts), mwh

    def reconcile(self) -> dict[str, int]:
        """Counts that show no row was lost: ``input_rows == ledger_rows + rejected_rows``.

        ``unvalued_rows`` are ledger rows without CO2e (kept for their quantities).

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
        ...                                   "year": [2024, 2024]}), on_error="collect")
        >>> led.reconcile()
        {'input_rows': 2, 'ledger_rows': 1, 'rejected_rows': 1, 'balanced': True}
        """
        ledger_rows = len(self.frame)
        rejected = self.rejected_rows()
        out = {"input_rows": int(self.input_rows), "ledger_rows": ledger_rows, "rejected_rows": rejected,
               "balanced": bool(self.input_rows == ledger_rows + rejected)}
        unvalued = self.unvalued_rows()
        if unvalued:
            out["unvalued_rows"] = unvalued
        return out

    # ------------------------------------------------------------------ parts & summaries
    def _columns_for(self, method: str | None) -> tuple[np.ndarray, np.ndarray]:
        f = self.frame
        up = f["co2e_upstream_kg"].to_numpy()
        if method in (None, self.scope2_method):
            return f["co2e_direct_kg"].to_numpy(), up
        if method not in ("location", "market"):
            raise ValueError(f"method must be 'location' or 'market', not {method!r}")
        total = f[f"co2e_{method}_kg"].to_numpy()
        return total - up, up

    def parts(self, method: str | None = None, dims: Iterable[str] = _PART_DIMS) -> pd.DataFrame:
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
        """
        f = self.frame
        dims = [d for d in dims if d in f.columns]
        direct, up = self._columns_for(method)
        d = f[dims].copy()
        d["scope"] = f["scope"].to_numpy()
        d["category"] = f["category"].astype(object).to_numpy()
        d["boundary"] = "direct"
        d["co2e_kg"] = direct
        has_up = up != 0
        u = f.loc[has_up, dims].copy()
        u["scope"] = np.int8(3)
        u["category"] = f.loc[has_up, "upstream_category"].astype(object).to_numpy()
        u["boundary"] = "upstream"
        u["co2e_kg"] = up[has_up]
        out = pd.concat([d, u], ignore_index=True)
        out["scope"] = out["scope"].astype(np.int8)
        return out

    # The summaries below compute on the ledger's columns (category codes, masks) without building
    # the long parts table: on 10M rows that table costs more than calculate itself. The rows are
    # taken in the order of :meth:`parts` (direct parts, then upstream parts), so the sums are the same.
    def _available(self, filters) -> list[str]:
        dims = set(_PART_DIMS) | {k for k in filters if k in self.frame.columns}
        return [c for c in self.frame.columns if c in dims] + ["scope", "category", "boundary", "co2e_kg"]

    def _part_columns(self, key: str, direct: np.ndarray, up: np.ndarray):
        """A column of the parts table as (direct rows, upstream rows); a scalar is the same on every row."""
        f = self.frame
        if key == "scope":
            return f["scope"], np.int8(3)
        if key == "category":
            return f["category"], f["upstream_category"]
        if key == "boundary":
            return "direct", "upstream"
        if key == "co2e_kg":
            return direct, up
        return f[key], f[key]

    def _part_masks(self, method, filters: dict):
        direct, up = self._columns_for(method)
        keep_d = np.ones(len(direct), dtype=bool)
        keep_u = up != 0
        available = self._available(filters)
        for key, value in filters.items():
            if value is None:
                continue
            if key not in available:
                raise KeyError(f"cannot filter on {key!r}; columns: {', '.join(available)}")
            values = as_list(value)
            d, u = self._part_columns(key, direct, up)
            keep_d &= isin_mask(d, values, len(keep_d))
            keep_u &= isin_mask(u, values, len(keep_u))
        return direct, up, keep_d, keep_u, available

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
        direct, up, keep_d, keep_u, _ = self._part_masks(method, filters)
        values = pd.Series(np.concatenate([direct[keep_d], up[keep_u]]))
        return get_registry().Quantity(float(values.sum()) / 1000.0, "t CO2e")

    def summary(self, by: str | Iterable[str] = ("year", "scope"), *, method: str | None = None,
                **filters) -> pd.DataFrame:
        """Emissions grouped by columns, in t CO2e (column ``co2e_t``).

        ``by`` may name any ledger column carried in the parts (``year``,
        ``activity``, ``org_unit``, ``site``, ``area``, ``ownership``) and
        ``scope``, ``category``, ``boundary``. The sum of a summary equals the
        ledger total.

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
        by = [by] if isinstance(by, str) else list(by)
        direct, up, keep_d, keep_u, available = self._part_masks(method, filters)
        missing = [b for b in by if b not in available]
        if missing:
            raise KeyError(f"cannot group by {missing}; available: {', '.join(available)}")
        keys = {}
        for b in by:
            d, u = self._part_columns(b, direct, up)
            keys[b] = _stack(d, keep_d, u, keep_u)
        table = pd.DataFrame(keys)
        table["co2e_kg"] = np.concatenate([direct[keep_d], up[keep_u]])
        out = (table.groupby(by, sort=True, dropna=False, observed=True)["co2e_kg"].sum().div(1000.0)
               .rename("co2e_t").reset_index())
        for b in by:   # the key columns as the parts table gives them: values, not categories
            if isinstance(out[b].dtype, pd.CategoricalDtype):
                out[b] = out[b].astype(object).to_numpy()
                if not len(out) and b in ("category", "boundary"):
                    out[b] = out[b].astype("str")
        return out

    def memo(self, by: str | Iterable[str] = ("year",)) -> pd.DataFrame:
        """Biogenic CO2 (memo item, outside the scopes) in t, grouped.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["hvo100"], "amount": [1000], "unit": ["l"],
        ...                                   "year": [2023]}))
        >>> round(float(led.memo()["co2_biogenic_t"].iloc[0]), 3)
        2.407
        """
        by = [by] if isinstance(by, str) else list(by)
        f = self.frame
        if all(isinstance(f[b].dtype, pd.CategoricalDtype) or f[b].dtype.kind in "iub" for b in by):
            # group on the codes; the keys become values afterwards (as the object group-by gives them)
            out = (f.groupby([f[b] for b in by], sort=True, observed=True)["co2_biogenic_kg"].sum().div(1000.0)
                   .rename("co2_biogenic_t").reset_index())
            for b in by:
                if isinstance(out[b].dtype, pd.CategoricalDtype):
                    out[b] = out[b].astype(object).to_numpy()
                elif out[b].dtype.kind in "iu":
                    out[b] = out[b].astype(np.int64)
            return out
        return (f.groupby([f[b].astype(object) for b in by], sort=True)["co2_biogenic_kg"].sum().div(1000.0)
                .rename("co2_biogenic_t").reset_index())

    def factors_used(self) -> pd.DataFrame:
        """Every factor row the ledger used, with its source: the method appendix.

        ``edition`` is the year the figure describes; ``used_for_years`` the activity
        years it was used for, and ``used_for_other_years`` those of them it does not
        describe (the nearest edition, flagged ``fallback_year`` in the ledger).

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
        >>> led.factors_used()[["factor_id", "publisher"]].to_dict("records")[0]["factor_id"]
        'n2o-release'
        """
        used: dict[str, set[int]] = {}
        other: dict[str, set[int]] = {}
        combos = self.frame[["factor_ids", "year", "flags"]].astype({"factor_ids": object, "flags": object})
        for ids_text, year, flags in combos.drop_duplicates().itertuples(index=False):
            nearest = "fallback_year" in str(flags).split(";")
            for fid in str(ids_text).split(";"):
                if fid:
                    used.setdefault(fid, set()).add(int(year))
                    if nearest:
                        other.setdefault(fid, set()).add(int(year))
        years = {k: _years_text(v) for k, v in used.items()}
        others = {k: _years_text(v) for k, v in other.items()}
        if self.factors is None:
            return pd.DataFrame({"factor_id": sorted(used), "used_for_years": [years[k] for k in sorted(used)],
                                 "used_for_other_years": [others.get(k, "") for k in sorted(used)]})
        t = self.factors.table()
        out = t[t["factor_id"].isin(set(used))].reset_index(drop=True)
        out["used_for_years"] = out["factor_id"].map(years)
        out["used_for_other_years"] = [others.get(k, "") for k in out["factor_id"]]
        return out

    # ------------------------------------------------------------------ export
    def _meta(self) -> dict:
        return {"gwp": self.gwp, "scope2_method": self.scope2_method, "factor_version": self.factor_version,
                "radiative_forcing": bool(self.radiative_forcing), "input_rows": int(self.input_rows),
                "blank_rows": int(self.blank_rows), "inputs": dict(sorted(self.inputs.items()))}

    def about(self) -> pd.DataFrame:
        """Settings, factor-set version and the sha256 of every input file, as a key/value table."""
        meta = self._meta()
        inputs = meta.pop("inputs")
        rows = sorted((k, str(v)) for k, v in meta.items())
        if self.factors is not None:
            rows += [(f"factor file {name}", digest) for name, digest in sorted(self.factors.checksums.items())]
        rows += [(f"input {path}", digest) for path, digest in inputs.items()]
        return pd.DataFrame(rows, columns=["key", "value"])

    def to_excel(self, path: str | Path) -> Path:
        """Write the ledger, rejects, summaries and factors used to an Excel workbook.

        Text cells that could start a formula are neutralised.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        sheets = {
            "ledger": self.frame,
            "summary_scope": self.summary(by=["year", "scope"]),
            "summary_category": self.summary(by=["year", "scope", "category"]),
            "summary_area": self.summary(by=["year", "area"]),
            "rejects": self.rejects,
            "factors_used": self.factors_used(),
            "about": self.about(),
        }
        return write_workbook(sheets, path)

    def to_csv(self, path: str | Path, *, style: str = "international") -> Path:
        """Write the ledger frame as CSV (formula-safe).

        Parameters
        ----------
        path : str or Path
        style : {"international", "sv"}
            ``"international"`` (default): comma, decimal point, UTF-8, the API's column names.
            ``"sv"``: for Swedish Excel: semicolon, decimal comma, UTF-8 with BOM, Swedish column
            names and labels (:func:`klimatbokslut.csvout.write_csv`).
        """
        return write_csv(self.frame, path, style="sv" if style == "sv" else "international")

    def to_parquet(self, path: str | Path) -> Path:
        """Write the ledger (frame, rejects and settings) to one Parquet file."""
        import pyarrow as pa  # on first use: pandas 2 does not load pyarrow itself
        import pyarrow.parquet as pq

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(self.frame, preserve_index=False)
        rejects = self.rejects.astype(object).where(self.rejects.notna(), None)
        meta = dict(table.schema.metadata or {})
        meta[b"klimatbokslut"] = json.dumps({**self._meta(),
                                             "rejects": rejects.astype(str).where(rejects.notna(), None)
                                             .to_dict("records")}, ensure_ascii=False).encode("utf-8")
        pq.write_table(table.replace_schema_metadata(meta), path)
        return path

    @classmethod
    def from_parquet(cls, path: str | Path, factors=None) -> Ledger:
        """Read a ledger written by :meth:`to_parquet`."""
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {}).get(b"klimatbokslut", b"{}"))
        frame = table.to_pandas()
        rejects = pd.DataFrame(meta.get("rejects", []), columns=None)
        if rejects.empty:
            rejects = pd.DataFrame(columns=FAILURE_COLUMNS)
        led = cls(frame, rejects=rejects, gwp=meta.get("gwp", ""), scope2_method=meta.get("scope2_method", "market"),
                  factors=factors, input_rows=meta.get("input_rows"), blank_rows=meta.get("blank_rows", 0))
        led.frame.attrs["factor_version"] = meta.get("factor_version", "")
        led.inputs = dict(meta.get("inputs", {}))
        led.radiative_forcing = bool(meta.get("radiative_forcing", True))
        return led


def _years_text(years: set[int]) -> str:
    """Years as a short text: ``2012, 2015–2017``."""
    out: list[str] = []
    for y in sorted(years):
        if out and out[-1].split("–")[-1] == str(y - 1):
            out[-1] = out[-1].split("–")[0] + f"–{y}"
        else:
            out.append(str(y))
    return ", ".join(out)
