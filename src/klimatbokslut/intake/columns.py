"""The columns of an activity table: the canonical names and the headers accepted for them.

Swedish and English headers are accepted (``aktivitet``, ``mängd``, ``enhet``, ``år``,
``förvaltning`` ...), compared without case, spaces, hyphens and underscores; the optional
columns of a row's cost, attributes and shares are in :mod:`klimatbokslut.intake.attributes`.

Examples
--------
>>> HEADER_LOOKUP[norm_header("Mängd")], HEADER_LOOKUP[norm_header("Förnybar andel")]
('amount', 'renewable_share')
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..errors import InputError
from .attributes import header_lookup as attribute_headers

REQUIRED = ("activity", "amount", "unit", "year")
OPTIONAL = ("id", "org_unit", "site", "region", "contract", "ownership", "factor_id", "correction", "origin",
            "destination", "cabin", "round_trip", "band", "purpose", "goods")
YEAR_RANGE = (1990, 2100)

#: Header spellings accepted for each canonical column.
COLUMN_ALIASES = {
    "activity": ("activity", "aktivitet", "typ", "bränsle", "bransle", "fuel", "product"),
    "amount": ("amount", "mängd", "mangd", "kvantitet", "antal", "quantity", "volym", "förbrukning", "value"),
    "unit": ("unit", "enhet"),
    "year": ("year", "år", "ar", "period", "räkenskapsår"),
    "id": ("id", "rad_id", "row_id", "verifikation", "transaktion", "bokningsnr", "bokningsnummer"),
    "org_unit": ("org_unit", "förvaltning", "forvaltning", "verksamhet", "organisation", "department"),
    "site": ("site", "anläggning", "anlaggning", "fastighet", "byggnad", "plats"),
    "region": ("region", "nät", "nat", "network", "fjärrvärmenät", "elområde"),
    "contract": ("contract", "method", "avtal", "elavtal", "instrument"),
    "ownership": ("ownership", "ägande", "agande", "ägarform"),
    "factor_id": ("factor_id", "faktor", "emissionsfaktor_id"),
    "correction": ("correction", "korrigering", "rättelse"),
    "origin": ("origin", "från", "fran", "avreseort", "from"),
    "destination": ("destination", "till", "ankomstort", "to"),
    "cabin": ("cabin", "klass", "kabinklass", "class"),
    "round_trip": ("round_trip", "tur_och_retur", "t/r", "turochretur", "return"),
    "band": ("band", "distansband", "distance_band"),
    "purpose": ("purpose", "syfte", "ändamål"),
    "goods": ("goods", "varugrupp", "vara"),
}
#: Header (as :func:`norm_header` writes it) -> canonical column, with the optional columns beyond the
#: quantity (cost, attributes, shares of energy: :mod:`klimatbokslut.intake.attributes`).
HEADER_LOOKUP = {**attribute_headers(),
                 **{re.sub(r"[\s\-_]+", "", a.lower()): canon for canon, al in COLUMN_ALIASES.items() for a in al}}


def norm_header(name: object) -> str:
    """A header as :data:`HEADER_LOOKUP` knows it: stripped, lower case, without spaces, hyphens, underscores."""
    return re.sub(r"[\s\-_]+", "", str(name).strip().lower())


def canonical_frame(raw: pd.DataFrame, what: str) -> pd.DataFrame:
    """Headers renamed to the canonical columns, required ones checked, and ``row`` first.

    A shallow copy: the columns are shared with ``raw`` (copy-on-write keeps ``raw`` unchanged)."""
    df = raw.copy(deep=False)
    rename: dict[Any, str] = {}
    same: dict[str, list[Any]] = {}
    for col in df.columns:
        canon = HEADER_LOOKUP.get(norm_header(col))
        if canon:
            same.setdefault(canon, []).append(col)
            if canon not in rename.values():
                rename[col] = canon
    twice = {canon: cols for canon, cols in same.items() if len(cols) > 1}
    if twice:
        raise InputError([{"row": 1, "column": " and ".join(repr(str(c)) for c in cols), "value": canon,
                           "reason": f"{len(cols)} columns mean {canon}; keep one, or rename the others to a "
                                     "name that is not a column of activity tables"}
                          for canon, cols in twice.items()], what=what)
    df = df.rename(columns=rename)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError([{"row": None, "column": c, "value": None,
                           "reason": f"required column missing (found: {', '.join(map(str, raw.columns))}); "
                                     f"headers accepted for {c}: {', '.join(COLUMN_ALIASES[c])} (all columns: "
                                     "docs, Activity tables, section Columns)"}
                          for c in missing], what=what)
    if "row" in df.columns:
        row = df["row"].to_numpy()
        df = df.drop(columns=["row"])
    else:
        row = df.index.to_numpy()
    df = df.reset_index(drop=True)
    df.insert(0, "row", row)
    return df


