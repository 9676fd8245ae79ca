"""The factor data format: the columns of a factor folder and the models of one factor row and one source.

:class:`EmissionFactor` validates one row (unit, gas, boundary, GWP basis, years, uncertainty);
:class:`Source` one record of ``sources.csv``. :mod:`klimatbokslut.factors` reads folders of
them into a :class:`~klimatbokslut.factors.FactorSet` and re-exports both names.

Examples
--------
>>> Source(source_id="veab2024", publisher="Växjö Energi", title="Miljövärden 2024").source_id
'veab2024'
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .pedigree import UNCERTAINTY_COLUMNS, uncertainty_problems
from .units import get_registry

__all__ = ["BOUNDARIES", "REQUIRED_FACTOR_COLUMNS", "FACTOR_COLUMNS", "PROPERTY_COLUMNS", "SOURCE_COLUMNS",
           "SHARE_COLUMNS", "NUMERIC_PROPERTIES", "NUMERIC_SHARES", "DATA_FILES_NOT_FACTORS", "UNSOURCED",
           "EmissionFactor", "Source"]

Boundary = Literal["TTW", "WTT", "WTW", "direct", "lifecycle"]
BOUNDARIES = ("TTW", "WTT", "WTW", "direct", "lifecycle")
#: Columns every factor file has.
REQUIRED_FACTOR_COLUMNS = ["factor_id", "activity", "region", "valid_from", "valid_to", "edition", "value", "unit",
                           "gas", "boundary", "gwp", "method", "instrument", "source_id", "derived", "note"]
#: Columns of a factor row: the required ones, then its uncertainty (optional in a file; see
#: :mod:`klimatbokslut.pedigree`).
FACTOR_COLUMNS = REQUIRED_FACTOR_COLUMNS + UNCERTAINTY_COLUMNS
PROPERTY_COLUMNS = ["activity", "lhv_mj_per_l", "density_kg_per_l", "lhv_mj_per_kg", "lhv_mj_per_nm3",
                    "density_kg_per_nm3", "kwh_per_km", "renewable_share", "source_id", "derived", "note"]
NUMERIC_PROPERTIES = PROPERTY_COLUMNS[1:8]
SOURCE_COLUMNS = ["source_id", "publisher", "title", "edition", "year", "url", "licence", "seen_in", "note"]
#: Shares of an activity's energy in a year (a pump blend's bio part, a network's supply mix), each in 0..1.
SHARE_COLUMNS = ["activity", "region", "year", "renewable_share", "fossil_free_share", "recovered_share",
                 "fossil_share", "basis", "source_id", "derived", "note"]
NUMERIC_SHARES = SHARE_COLUMNS[3:7]
DATA_FILES_NOT_FACTORS = {"fuel_properties.csv", "sources.csv", "energy_shares.csv"}
UNSOURCED = "unsourced"


class EmissionFactor(BaseModel):
    """One emission-factor row.

    ``value`` is in ``unit``, a pint expression of ``<mass> <gas> / <amount unit>``,
    e.g. ``g CO2e/MJ``, ``kg CH4/TJ``, ``kg N2O/kg``. CO2e rows record the GWP basis
    they were published with in ``gwp``; rows of a single gas are weighted with the
    GWP set the user chooses.

    Examples
    --------
    >>> f = EmissionFactor(factor_id="x", activity="district_heating", region="Växjö", valid_from=2024,
    ...                    valid_to=2024, value=12.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle",
    ...                    source_id="veab")
    >>> f.boundary
    'lifecycle'
    >>> EmissionFactor(factor_id="x", activity="el", valid_from=2025, valid_to=2024, value=1, unit="g CO2/kWh",
    ...                gas="CO2", boundary="direct", source_id="s")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for EmissionFactor
    ...
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    factor_id: str = Field(min_length=1)
    activity: str = Field(min_length=1)
    region: str = "SE"
    valid_from: int = Field(ge=1900, le=2200)
    valid_to: int = Field(ge=1900, le=2200)
    edition: int | None = Field(default=None, ge=1900, le=2200)
    value: float
    unit: str
    gas: str
    boundary: Boundary = "direct"
    gwp: str = ""
    method: Literal["", "location", "market"] = ""
    instrument: str = ""
    source_id: str = UNSOURCED
    derived: bool = False
    note: str = ""
    uncertainty_distribution: str = ""
    uncertainty_parameter: str = ""
    uncertainty_basis: str = ""
    uncertainty_pedigree: str = ""
    uncertainty_source_id: str = ""
    uncertainty_note: str = ""

    @field_validator("uncertainty_parameter", "uncertainty_pedigree", mode="before")
    @classmethod
    def _text(cls, v: Any) -> str:
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v) or v < 0:
            raise ValueError("value must be a finite number >= 0")
        return v

    @model_validator(mode="after")
    def _check(self) -> EmissionFactor:
        if self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        if self.edition is None and self.valid_from == self.valid_to:
            self.edition = self.valid_from
        ureg = get_registry()
        try:
            unit = ureg.parse_units(self.unit)
        except Exception:
            raise ValueError(f"unknown unit {self.unit!r}") from None
        try:
            gas_dim = ureg.parse_units(self.gas).dimensionality
        except Exception:
            raise ValueError(f"unknown gas {self.gas!r}") from None
        if not any(dim in unit.dimensionality for dim in gas_dim):
            raise ValueError(f"unit {self.unit!r} is not an amount of {self.gas}")
        problems = uncertainty_problems(self.__dict__)
        if problems:
            raise ValueError("; ".join(f"{col} {val!r}: {why}" for col, val, why in problems))
        return self


class Source(BaseModel):
    """Where a factor comes from."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    source_id: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    edition: str = ""
    year: str = ""
    url: str = ""
    licence: str = ""
    seen_in: str = ""
    note: str = ""
