"""The holdings table's vocabulary: columns and their spellings, asset classes, scopes.

Examples
--------
>>> canonical_header("Marknadsvärde"), canonical_asset_class("Aktiefond")
('value', 'fund')
>>> scope_key([2, 1]), parse_scope_text("1, 2 och 3")
('1+2', '1+2+3')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..validation import fail

__all__ = ["ASSET_CLASSES", "COLUMN_ALIASES", "MISSING_MARKERS", "COMPANY_DATA", "FUND_DATA", "WEIGHT_TOLERANCE",
           "EXCLUSION_SHARES", "EXCLUSION_FLAGS", "DATA_YEARS",
           "canonical_header", "canonical_asset_class", "scope_key", "parse_scope_text"]

#: Asset classes and how their emissions are attributed.
ASSET_CLASSES = {
    "listed_equity": "company", "corporate_bond": "company", "unlisted_equity": "company",
    "business_loan": "company", "fund": "fund", "cash": "none", "sovereign_bond": "none", "sub_sovereign_bond": "none",
    "supranational_bond": "none", "covered_bond": "none", "other": "none",
}
_ASSET_ALIASES = {
    "listed_equity": ("equity", "equities", "share", "shares", "aktie", "aktier", "noterad_aktie",
                      "noterade_aktier", "listed_shares"),
    "corporate_bond": ("bond", "bonds", "företagsobligation", "företagsobligationer", "foretagsobligation",
                       "obligation", "credit"),
    "unlisted_equity": ("private_equity", "onoterad_aktie", "onoterade_aktier"),
    "business_loan": ("loan", "företagslån", "foretagslan"),
    "fund": ("fond", "fonder", "aktiefond", "räntefond", "rantefond", "blandfond", "indexfond", "equity_fund",
             "bond_fund", "index_fund", "mutual_fund"),
    "cash": ("kassa", "likvida_medel", "bankmedel", "bank", "deposit"),
    "sovereign_bond": ("statsobligation", "statsobligationer", "government_bond", "sovereign", "statsskuldväxel"),
    "sub_sovereign_bond": ("kommunobligation", "kommunobligationer", "municipal_bond", "sub_sovereign",
                           "regionobligation"),
    "supranational_bond": ("supranationell_obligation", "supranational", "supranationella_obligationer"),
    "covered_bond": ("säkerställd_obligation", "säkerställda_obligationer", "sakerstalld_obligation",
                     "bostadsobligation", "bostadsobligationer", "pfandbrief"),
    "other": ("övrigt", "ovrigt", "annat"),
}
_ASSET_LOOKUP = {a: canon for canon, al in _ASSET_ALIASES.items() for a in (canon, *al)}

#: Header spellings accepted for each canonical column.
COLUMN_ALIASES = {
    "holding": ("holding", "innehav", "name", "namn", "bolag", "company", "värdepapper", "instrument", "security"),
    "value": ("value", "market_value", "marknadsvärde", "marknadsvarde", "värde", "varde", "outstanding",
              "outstanding_amount", "belopp"),
    "weight": ("weight", "vikt", "andel", "portfolio_weight", "portföljvikt"),
    "currency": ("currency", "valuta"),
    "company_currency": ("company_currency", "bolagsvaluta", "reporting_currency"),
    "asset_class": ("asset_class", "tillgångsslag", "tillgangsslag", "asset_type"),
    "evic": ("evic", "enterprise_value"),
    "revenue": ("revenue", "omsättning", "omsattning", "nettoomsättning", "intäkter", "intakter", "sales"),
    "scope1": ("scope1", "scope_1"),
    "scope2": ("scope2", "scope_2"),
    "scope3": ("scope3", "scope_3"),
    "footprint": ("footprint", "carbon_footprint", "koldioxidavtryck", "relativ_klimatbelastning",
                  "relativt_koldioxidutsläpp"),
    "waci": ("waci", "portföljviktad_koldioxidintensitet"),
    "intensity": ("intensity", "carbon_intensity", "koldioxidintensitet"),
    "scopes": ("scopes", "fund_scopes", "omfattning"),
    "data_quality": ("data_quality", "pcaf_score", "pcaf", "datakvalitet"),
    "year": ("year", "år", "ar"),
    "country": ("country", "land", "landkod", "country_code", "emittentland"),
    "sector": ("sector", "sektor", "bransch_grupp"),
    "controversial_weapons": ("controversial_weapons", "kontroversiella_vapen"),
    "tobacco": ("tobacco", "tobak"),
    "ungc_violation": ("ungc_violation", "global_compact_brott", "normbrott"),
    "coal_revenue_share": ("coal_revenue_share", "kol_andel", "andel_intäkter_kol"),
    "oil_revenue_share": ("oil_revenue_share", "olja_andel", "andel_intäkter_olja"),
    "gas_revenue_share": ("gas_revenue_share", "gas_andel", "andel_intäkter_gas"),
    "power_revenue_share": ("power_revenue_share", "el_hög_intensitet_andel", "andel_intäkter_el_över_100g"),
    "evic_year": ("evic_year", "evic_år"),
    "revenue_year": ("revenue_year", "omsättning_år", "intäkter_år"),
    "emissions_year": ("emissions_year", "utsläpp_år"),
}


def _norm_header(name: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(name).strip().lower())


_HEADER_LOOKUP = {_norm_header(a): canon for canon, al in COLUMN_ALIASES.items() for a in al}

#: Cells that say "no data" explicitly (e.g. a fund whose manager reports no footprint).
MISSING_MARKERS = ("n/a", "na", "-", "saknas", "uppgift saknas", "missing", "no data", "nd")

#: Company data (attributed by EVIC) and manager-reported fund figures.
COMPANY_DATA = ("evic", "revenue", "scope1", "scope2", "scope3")
FUND_DATA = ("footprint", "waci", "intensity")

#: Optional columns for the EU Paris-aligned exclusions (Delegated Regulation (EU) 2020/1818, Art. 12(1)):
#: revenue shares [0–1] and yes/no flags.
EXCLUSION_SHARES = ("coal_revenue_share", "oil_revenue_share", "gas_revenue_share", "power_revenue_share")
EXCLUSION_FLAGS = ("controversial_weapons", "tobacco", "ungc_violation")
#: Optional fiscal years of a holding's EVIC, revenue and emissions (checked against the holdings' year).
DATA_YEARS = ("evic_year", "revenue_year", "emissions_year")

#: How far weights may be from adding up to 1, or from the values' shares.
WEIGHT_TOLERANCE = 0.005


def canonical_header(name: object) -> str | None:
    """The canonical column a header names (any spelling in ``COLUMN_ALIASES``), else None."""
    return _HEADER_LOOKUP.get(_norm_header(name))


def canonical_asset_class(text: str) -> str | None:
    """The asset class a cell names (``"Aktiefond"`` -> ``"fund"``), else None."""
    return _ASSET_LOOKUP.get(re.sub(r"[\s\-]+", "_", text.lower()))


def scope_key(scopes: Iterable[int], *, column: str = "scopes", what: str = "portfolio") -> str:
    """Investee scopes as a key (``"1+2"``); an :class:`~klimatbokslut.errors.InputError` if not 1, 2, 3."""
    try:
        s = sorted({int(x) for x in scopes})
    except (TypeError, ValueError):
        s = []
    if not s or any(x not in (1, 2, 3) for x in s):
        raise fail(column, scopes, f"scopes must be a non-empty selection of 1, 2, 3, not {scopes!r}", what=what)
    return "+".join(map(str, s))


def parse_scope_text(text: str) -> str | None:
    """A ``scopes`` cell (``"1+2"``, ``"1, 2 och 3"``) as a key, else None."""
    t = str(text).strip()
    if not re.fullmatch(r"[123](?:\s*(?:\+|,|&|och|and|\s)\s*[123])*", t):
        return None
    return "+".join(sorted(set(re.findall(r"[123]", t))))
