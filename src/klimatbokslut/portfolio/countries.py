"""Country figures for PCAF sovereign debt: emissions, PPP-adjusted GDP and population per country and year.

One row per country and year, each row naming its source (``publisher``, ``document``,
``edition``, ``url``) and whether it comes from a public compilation rather than the
country's own inventory (``secondary``). The bundled table (:func:`default_countries`) covers
Sweden, Denmark, Finland, Norway, Iceland, Germany, France, the Netherlands, the United
Kingdom and the United States for the years its stored source gives; a table of one's own
(the UNFCCC inventory submission and the World Bank's PPP GDP, say) is one CSV or Excel file
read by :func:`read_countries`, which replaces the bundled rows of the country-years it gives.

Columns
-------
``country``
    ISO 3166-1 alpha-2 code (``SE``, ``DE``); Swedish headers ``land``, ``landkod``.
``year``
    The year the figures describe.
``ghg_excl_lulucf_mt``, ``ghg_incl_lulucf_mt``
    Production emissions (territorial, PCAF scope 1) excluding and including land use,
    land-use change and forestry [Mt CO2e].
``gdp_ppp_bn_intl_usd``
    GDP adjusted for purchasing power parity [billion international $].
``population``
    Inhabitants [persons].
``scope2_mt``, ``scope3_mt``
    Optional: emissions of imported energy (PCAF sovereign scope 2) and of other imports
    (scope 3) [Mt CO2e]; empty where the source gives none (never zero).
``data_quality``
    PCAF data-quality score 1–5 for the emission figures.
``secondary``
    ``yes`` for a public compilation, ``no`` for the publisher's own figures.
``publisher``, ``document``, ``edition``, ``url``, ``note``

Examples
--------
>>> t = default_countries()
>>> row = t.row("SE", 2016)
>>> row["ghg_excl_lulucf_mt"], row["gdp_ppp_bn_intl_usd"], row["secondary"]
(50.24, 443.163622, True)
>>> t.years("SE")
[2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from babel import Locale

from ..intake.files import read_csv_text
from ..units import parse_numbers
from ..validation import CellFailures, Failures, fail

__all__ = ["COUNTRY_COLUMNS", "NUMBER_COLUMNS", "CountryTable", "default_countries", "read_countries",
           "country_codes", "canonical_country"]

#: Number columns of a country table, with their units.
NUMBER_COLUMNS = {"ghg_excl_lulucf_mt": "Mt CO2e", "ghg_incl_lulucf_mt": "Mt CO2e",
                  "gdp_ppp_bn_intl_usd": "billion international $", "population": "persons",
                  "scope2_mt": "Mt CO2e", "scope3_mt": "Mt CO2e", "data_quality": "PCAF score 1-5"}
#: Every column of a country table (the source columns are text).
COUNTRY_COLUMNS = ("country", "year", *NUMBER_COLUMNS, "secondary", "publisher", "document", "edition", "url", "note")
_REQUIRED = ("country", "year", "ghg_excl_lulucf_mt", "gdp_ppp_bn_intl_usd", "publisher", "document", "url")
_ALIASES = {"land": "country", "landkod": "country", "country_code": "country", "år": "year", "ar": "year",
            "befolkning": "population", "invånare": "population", "datakvalitet": "data_quality",
            "utgivare": "publisher", "dokument": "document", "utgåva": "edition", "upplaga": "edition",
            "länk": "url", "sekundär": "secondary", "anmärkning": "note"}
_YES = ("yes", "ja", "true", "1", "y", "j")
_NO = ("no", "nej", "false", "0", "n", "")
#: Territory codes Babel knows that are not countries issuing debt.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (as Babel's locale data lists territories).

    Examples
    --------
    >>> "SE" in country_codes(), "XX" in country_codes()
    (True, False)
    """
    codes = (str(k) for k in Locale("en").territories)
    return frozenset(k for k in codes if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES)


def canonical_country(text: Any) -> str | None:
    """An ISO alpha-2 code from a cell (``"se"``, ``" SE "``), else None.

    Examples
    --------
    >>> canonical_country(" se "), canonical_country("Sverige"), canonical_country("XX")
    ('SE', None, None)
    """
    code = str(text).strip().upper()
    return code if code in country_codes() else None


class CountryTable:
    """Validated country figures, one row per country and year (columns :data:`COUNTRY_COLUMNS`).

    Build with :func:`default_countries` or :func:`read_countries`; combine with
    :meth:`updated`.
    """

    def __init__(self, frame: pd.DataFrame, *, what: str = "countries"):
        self.frame = frame.sort_values(["country", "year"]).reset_index(drop=True)
        self.what = what

    def __repr__(self) -> str:
        return f"<CountryTable {self.frame['country'].nunique()} countries, {len(self.frame)} rows>"

    def __len__(self) -> int:
        return len(self.frame)

    def years(self, country: str) -> list[int]:
        """The years with figures for a country."""
        return [int(y) for y in self.frame.loc[self.frame["country"] == country, "year"]]

    def row(self, country: str, year: int) -> dict[str, Any]:
        """The figures of one country-year; a :class:`LookupError`-based InputError if absent."""
        m = (self.frame["country"] == country) & (self.frame["year"] == int(year))
        if not m.any():
            raise fail("country", f"{country} {year}", f"no figures for {country} in {year} (years: "
                       f"{self.years(country) or 'none'})", what=self.what)
        rec = self.frame[m].iloc[0].to_dict()
        return {str(k): (None if isinstance(v, float) and np.isnan(v) else v) for k, v in rec.items()}

    def latest(self, country: str, year: int) -> int | None:
        """The latest year not after ``year`` with figures for the country; None if there is none."""
        ys = [y for y in self.years(country) if y <= int(year)]
        return max(ys) if ys else None

    def updated(self, other: CountryTable) -> CountryTable:
        """This table with ``other``'s rows added, replacing the country-years both give.

        Examples
        --------
        >>> import pandas as pd
        >>> own = read_countries(pd.DataFrame({"land": ["SE"], "år": [2023], "ghg_excl_lulucf_mt": [44.2],
        ...     "gdp_ppp_bn_intl_usd": [700], "utgivare": ["Naturvårdsverket"], "dokument": ["x"], "url": ["u"]}))
        >>> default_countries().updated(own).years("SE")
        [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
        """
        key = ["country", "year"]
        keep = ~self.frame.set_index(key).index.isin(other.frame.set_index(key).index)
        return CountryTable(pd.concat([self.frame[keep], other.frame], ignore_index=True), what=other.what)


def _flag(value: Any) -> bool | None:
    t = str(value).strip().lower() if value is not None and value == value else ""
    return True if t in _YES else (False if t in _NO else None)


def read_countries(source: str | Path | pd.DataFrame, *, sep: str | None = None) -> CountryTable:
    """Read a country table of one's own (CSV, Excel or DataFrame), every problem in one round.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        Columns as in the module docstring; Swedish headers (``land``, ``år``, ``utgivare``,
        ``dokument``, ``länk``) are accepted.
    sep : str, optional
        CSV separator (detected when not given).

    Returns
    -------
    CountryTable

    Raises
    ------
    InputError
        Naming row, column, value and reason: a missing required column, an unknown country
        code, a year that is not a whole number, a negative or unreadable figure, GDP or
        population not above zero, a data-quality score outside 1–5, a row without its
        source, the same country-year twice.

    Examples
    --------
    >>> import pandas as pd
    >>> read_countries(pd.DataFrame({"land": ["XX"], "år": [2023], "ghg_excl_lulucf_mt": [-1],
    ...     "gdp_ppp_bn_intl_usd": [700], "utgivare": ["p"], "dokument": ["d"], "url": ["u"]}))
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 2 problems in countries:
      row 0, column 'country', value 'XX': unknown country code; give the ISO 3166-1 alpha-2 code (SE, DE, NO ...)
      row 0, column 'ghg_excl_lulucf_mt', value '-1': negative emissions total; give production emissions [Mt CO2e]
    """
    what = "countries"
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
    else:
        path = Path(source)
        what = str(path)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            raw = pd.read_excel(path, dtype=object)
            raw.index = pd.RangeIndex(2, len(raw) + 2)
        else:
            raw = read_csv_text(path, sep=sep).frame
    return _validate(raw, what)


def _norm(col: Any) -> str:
    c = re.sub(r"\s+", "_", str(col).strip().lower())
    return _ALIASES.get(c, c)


def _validate(raw: pd.DataFrame, what: str) -> CountryTable:
    """Canonical columns, every problem of the table in one round."""
    df = raw.rename(columns={c: _norm(c) for c in raw.columns})
    rows = df["row"].to_numpy() if "row" in df.columns else df.index.to_numpy()
    df = df.reset_index(drop=True)
    failures = Failures(what)
    missing = [c for c in _REQUIRED if c not in df.columns]
    for c in missing:
        failures.add(c, None, "required column missing (found: " + ", ".join(map(str, raw.columns)) + ")")
    failures.raise_if_any()
    cells = CellFailures(rows)
    text = {c: (df[c].astype("string").fillna("").str.strip().to_numpy(dtype=object) if c in df.columns
                else np.full(len(df), "", dtype=object)) for c in COUNTRY_COLUMNS}
    codes = np.array([canonical_country(x) for x in text["country"]], dtype=object)
    cells.add(np.array([c is None for c in codes]), "country", text["country"],
              "unknown country code; give the ISO 3166-1 alpha-2 code (SE, DE, NO ...)")
    out = pd.DataFrame({"country": codes})
    for col in ("year", *NUMBER_COLUMNS):
        if col not in df.columns:
            out[col] = np.nan
            continue
        vals, problems = parse_numbers(df[col].reset_index(drop=True))
        blank = text[col] == ""
        bad = pd.notna(problems) & ~blank
        cells.add(bad, col, text[col], problems)
        vals = np.where(blank | bad, np.nan, vals).astype(float)
        out[col] = vals
    y = out["year"].to_numpy()
    cells.add(~(np.isfinite(y) & (np.floor(y) == y)), "year", text["year"], "year must be a whole number, e.g. 2023")
    e = out["ghg_excl_lulucf_mt"].to_numpy()
    cells.add(~np.isfinite(e) & (text["ghg_excl_lulucf_mt"] == ""), "ghg_excl_lulucf_mt", "",
              "production emissions excluding LULUCF are required [Mt CO2e]")
    for col in ("ghg_excl_lulucf_mt", "scope2_mt", "scope3_mt"):
        cells.add(out[col].to_numpy() < 0, col, text[col], "negative emissions total; give production emissions "
                                                           "[Mt CO2e]" if col == "ghg_excl_lulucf_mt" else
                  f"negative {col}")
    for col in ("gdp_ppp_bn_intl_usd", "population"):
        v = out[col].to_numpy()
        cells.add((v <= 0) | (~np.isfinite(v) & (text[col] == "") & (col == "gdp_ppp_bn_intl_usd")), col, text[col],
                  f"{col} must be a number above zero")
    dq = out["data_quality"].to_numpy()
    cells.add((dq < 1) | (dq > 5) | (np.isfinite(dq) & (np.floor(dq) != dq)), "data_quality", text["data_quality"],
              "PCAF data quality is a whole score from 1 to 5")
    for col in ("publisher", "document", "url"):
        cells.add(text[col] == "", col, "", "every row names its source (publisher, document, url)")
    sec = np.array([_flag(x) for x in text["secondary"]], dtype=object)
    cells.add(np.array([s is None for s in sec]), "secondary", text["secondary"], "write yes or no (ja/nej)")
    dup = out.duplicated(["country", "year"], keep="first").to_numpy() & np.isfinite(y)
    cells.add(dup, "year", text["year"], "the same country and year twice")
    failures.extend(cells.by_row())
    failures.raise_if_any()
    out["year"] = out["year"].astype(int)
    out["secondary"] = [bool(s) for s in sec]
    for col in ("publisher", "document", "edition", "url", "note"):
        out[col] = text[col]
    return CountryTable(out[list(COUNTRY_COLUMNS)], what=what)


@functools.cache
def _bundled() -> CountryTable:
    path = resources.files("klimatbokslut.portfolio").joinpath("data", "countries.csv")
    with resources.as_file(path) as p:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False)
    return _validate(raw, "bundled countries.csv")


def default_countries() -> CountryTable:
    """The bundled country table (see the module docstring and ``portfolio/data/countries.csv``).

    Examples
    --------
    >>> sorted(default_countries().frame["country"].unique())
    ['DE', 'DK', 'FI', 'FR', 'GB', 'IS', 'NL', 'NO', 'SE', 'US']
    """
    t = _bundled()
    return CountryTable(t.frame.copy(), what=t.what)
