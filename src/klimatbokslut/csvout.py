"""CSV files a Swedish Excel opens cleanly, and the international form beside them.

Swedish Excel reads a CSV with the list separator and decimal sign of the Windows region:
semicolon and decimal comma. It reads the file as UTF-8 only when the file starts with a
byte-order mark; without one, "Växjö" becomes "VÃ¤xjÃ¶". So the Swedish form (``style="sv"``)
is: semicolons, decimal commas, UTF-8 with BOM, CRLF line ends (what Excel on Windows writes
itself), Swedish column names (:data:`COLUMN_LABELS_SV`) and the codes of the label columns
(area, category, activity, ownership, purpose, scope-2 method), yes/no and quality tiers as
Swedish words (:mod:`klimatbokslut.sheet_words`). Numbers have no thousands separator (a space
would make Excel read text).

In both forms each number is rounded to the decimals of its kind of quantity, documented in
:mod:`klimatbokslut.precision` (tonnes to 3 decimals, kilograms to 6, shares to 6, ...): no
float noise such as 3673,896000000001.

The international form (``style="international"``) is what the library wrote before: commas,
decimal points, UTF-8 without BOM, ``\\n`` line ends, the column names and codes of the API.

Every text cell that a spreadsheet would run as a formula is neutralised in both forms
(:func:`neutralise_cells`).

Examples
--------
>>> import os, tempfile, pandas as pd
>>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
>>> _ = write_csv(pd.DataFrame({"year": [2024], "area": ["business_travel"], "co2e_t": [1234.5]}), p)
>>> open(p, "rb").read()
b'\\xef\\xbb\\xbf\\xc3\\x85r;Omr\\xc3\\xa5de;Utsl\\xc3\\xa4pp (ton CO2e)\\r\\n2024;Tj\\xc3\\xa4nsteresor;1234,5\\r\\n'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pandas as pd

from .precision import numeric_cells, rounded
from .sheet_words import english_header, value_words

__all__ = ["COLUMN_LABELS_SV", "COLUMN_PATTERNS_SV", "column_header", "write_csv", "swedish_table", "neutralise_cells"]

Style = Literal["sv", "international"]

#: Swedish column names for the columns of the ledger, its summaries, the rejects, the factors used
#: and the report's tables. A column not listed keeps its name.
COLUMN_LABELS_SV: dict[str, str] = {
    # the row as read
    "row": "Rad", "id": "Id", "activity": "Aktivitet", "amount": "Mängd", "unit": "Enhet", "year": "År",
    "org_unit": "Förvaltning", "site": "Anläggning", "region": "Nät/region", "contract": "Avtal",
    "ownership": "Ägande", "factor_id": "Faktor-id", "correction": "Korrigering", "origin": "Från",
    "destination": "Till", "cabin": "Klass", "round_trip": "Tur och retur", "band": "Distansband",
    "purpose": "Syfte", "goods": "Varugrupp", "unit_as_given": "Enhet som angiven", "file": "Fil",
    "cost_sek": "Kostnad (kr)", "organic": "Ekologisk", "vegetarian": "Vegetarisk",
    "renewable_share": "Förnybar andel", "fossil_free_share": "Fossilfri andel",
    "recovered_share": "Återvunnen andel",
    # placement and results
    "scope": "Scope", "category": "Kategori", "category_name": "Kategori (namn)", "area": "Område",
    "area_name": "Område (namn)", "upstream_category": "Kategori uppströms", "data_quality": "Datakvalitet",
    "co2e_kg": "Utsläpp (kg CO2e)", "co2e_t": "Utsläpp (ton CO2e)", "co2e_direct_kg": "Direkta utsläpp (kg CO2e)",
    "co2e_upstream_kg": "Uppströms utsläpp (kg CO2e)", "co2e_location_kg": "Platsbaserat (kg CO2e)",
    "co2e_market_kg": "Marknadsbaserat (kg CO2e)", "co2e_location_t": "Platsbaserat (ton CO2e)",
    "co2e_market_t": "Marknadsbaserat (ton CO2e)", "co2_kg": "CO2 (kg)", "ch4_kg": "CH4 (kg)", "n2o_kg": "N2O (kg)",
    "other_gas": "Annan gas", "other_gas_kg": "Annan gas (kg)", "co2_biogenic_kg": "Biogen CO2 (kg)",
    "co2_biogenic_t": "Biogen CO2 (ton)", "energy_mj": "Energi (MJ)",
    "energy_normal_mj": "Normalårskorrigerad energi (MJ)",
    "mwh": "MWh", "distance_km": "Sträcka (km)", "flags": "Flaggor", "flag": "Flagga",
    "unvalued_reason": "Orsak utan emissionsfaktor", "factor_year": "Faktorns år", "factor_gwp": "Faktorns GWP",
    "factor_ids": "Faktor-id:n", "source_ids": "Käll-id:n", "total_co2e_t": "Totalt (ton CO2e)",
    "scope2_co2e_t": "Scope 2 (ton CO2e)", "spend_based_co2e_t": "Kostnadsbaserat (ton CO2e)",
    "scope2_method": "Metod scope 2", "gwp": "GWP",
    # rejects
    "column": "Kolumn", "value": "Värde", "reason": "Orsak", "input_activity": "Aktivitet (indata)",
    "input_amount": "Mängd (indata)", "input_unit": "Enhet (indata)", "input_year": "År (indata)",
    # factors
    "valid_from": "Giltig från", "valid_to": "Giltig till", "edition": "Utgåva", "gas": "Gas",
    "boundary": "Systemgräns", "method": "Metod", "instrument": "Instrument", "source_id": "Käll-id",
    "derived": "Härledd", "note": "Anmärkning", "notes": "Anmärkningar", "user": "Egen faktor",
    "publisher": "Utgivare", "title": "Titel", "source_edition": "Källans utgåva", "source_year": "Källans år",
    "url": "Webbadress", "licence": "Licens", "seen_in": "Sedd i", "source_note": "Källanmärkning",
    "used_for_years": "Använd för år", "used_for_other_years": "Använd för andra år", "source": "Källa",
    # targets, what-if, portfolio
    "target": "Mål", "name": "Namn", "type": "Typ", "metric": "Mått", "status": "Status",
    "status_sv": "Status (svenska)", "status_rule": "Statusregel", "actual": "Utfall", "base_year": "Basår",
    "base_value": "Basårsvärde", "target_year": "Målår", "target_value": "Målvärde", "milestone": "Delmål",
    "trajectory_value": "Värde på banan", "progress": "Måluppfyllelse", "gap": "Gap", "trend": "Trend",
    "trend_from_year": "Trend från år", "required_annual_rate": "Nödvändig årlig takt", "share": "Andel",
    "change": "Förändring", "change_pct": "Förändring (%)", "change_vs_base": "Förändring mot basår",
    "change_vs_previous": "Förändring mot föregående år", "change_vs_previous_t": "Förändring mot föregående år (ton)",
    "previous_year": "Föregående år", "falling_vs_base": "Minskar mot basår", "scenario": "Scenario",
    "baseline_co2e_t": "Utgångsläge (ton CO2e)", "scenario_co2e_t": "Scenario (ton CO2e)",
    "avoided_co2e_t": "Undviket (ton CO2e)", "avoided_market_t": "Undviket marknadsbaserat (ton CO2e)",
    "avoided_location_t": "Undviket platsbaserat (ton CO2e)", "avoided_all_years_t": "Undviket alla år (ton CO2e)",
    "extra_cost_sek": "Merkostnad (kr)", "cost_per_tonne_sek": "Kostnad per ton (kr/ton CO2e)",
    "portfolio": "Portfölj", "index": "Index", "benchmark_value": "Jämförelsevärde",
    "relative_to_benchmark": "Relativt jämförelsevärde", "relative_to_index": "Relativt index",
    "coverage": "Täckning", "coverage_eligible": "Täckning (berättigade)", "scopes": "Scopes", "key": "Nyckel",
    "rows": "Rader", "uncertainty": "Osäkerhet",
    # capital: government bonds (PCAF sovereign debt), EU benchmark tests, borrowing, data years
    "holding": "Innehav", "asset_class": "Tillgångsslag", "value_msek": "Värde (mnkr)", "country": "Land",
    "exposure_musd": "Exponering (milj. USD)", "data_year": "Dataår", "data_gap": "År efter innehavet",
    "data_year_mismatch": "Dataår avviker", "data_year_mismatches": "Innehav med avvikande dataår",
    "gdp_ppp_bn_intl_usd": "BNP, köpkraftsjusterad (mdr int-$)", "population": "Befolkning",
    "attribution_factor": "Ägarandel", "financed_excl_lulucf_t": "Finansierat utan LULUCF (ton CO2e)",
    "financed_incl_lulucf_t": "Finansierat med LULUCF (ton CO2e)",
    "financed_scope2_t": "Finansierat scope 2 (ton CO2e)", "financed_scope3_t": "Finansierat scope 3 (ton CO2e)",
    "intensity_per_gdp": "Ton CO2e per milj. int-$ BNP", "intensity_per_capita": "Ton CO2e per invånare",
    "secondary": "Sekundärkälla", "sek_per_usd": "Kurs (SEK/USD)", "attributed_holdings": "Fördelade innehav",
    "not_attributed_holdings": "Ej fördelade innehav", "benchmark_label": "Referensvärde", "label": "Referensvärde",
    "test": "Prov", "passes": "Klarar", "figure": "Värde", "threshold": "Krav", "failing": "Klarar inte",
    "excluded_holdings": "Uteslutna innehav",
    "intensity_passes": "Intensitet: klarar", "intensity_figure": "Intensitet under index",
    "intensity_reason": "Intensitet: orsak", "self_decarbonisation_passes": "Egen minskning: klarar",
    "self_decarbonisation_figure": "Egen minskning per år", "self_decarbonisation_reason": "Egen minskning: orsak",
    "scope3_phase_in_passes": "Scope 3 infasning: klarar", "scope3_phase_in_figure": "Innehav som kräver scope 3",
    "scope3_phase_in_reason": "Scope 3 infasning: orsak", "exclusions_passes": "Uteslutningar: klarar",
    "exclusions_figure": "Innehav som inte klarar uteslutningarna", "exclusions_reason": "Uteslutningar: orsak",
    "reason_code": "Orsakskod", "intensity_reason_code": "Intensitet: orsakskod",
    "self_decarbonisation_reason_code": "Egen minskning: orsakskod",
    "scope3_phase_in_reason_code": "Scope 3 infasning: orsakskod", "exclusions_reason_code": "Uteslutningar: orsakskod",
    "intensity_threshold": "Intensitet: krav", "self_decarbonisation_threshold": "Egen minskning: krav",
    "scope3_phase_in_threshold": "Scope 3 infasning: krav", "exclusions_threshold": "Uteslutningar: krav",
    "self_decarbonisation_base_year": "Egen minskning: basår",
    "self_decarbonisation_year": "Egen minskning: år utan värde",
    "scope3_phase_in_holdings": "Innehav vars scope 3 måste ingå", "scope3_phase_in_n": "Innehav med okänd sektor",
    "exclusions_columns": "Uteslutningar: kolumner som saknar uppgifter",
    "lender": "Långivare", "green": "Grönt", "framework": "Ramverk", "loans": "Lån", "amount_msek": "Belopp (mnkr)",
    "total_msek": "Skuld (mnkr)", "green_msek": "Gröna lån (mnkr)", "green_share": "Andel gröna lån",
    # carbon budgets
    "budget_t": "Budget (ton CO2e)", "used_t": "Använt (ton CO2e)", "remaining_t": "Kvar (ton CO2e)",
    "share_used": "Andel använd", "runs_out_year": "Tar slut år", "years_left": "År kvar",
    "trend_t_per_year": "Trend (ton CO2e per år)", "start_year": "Startår", "end_year": "Slutår",
    # base-year recalculation
    "kind": "Slag", "kind_sv": "Slag (svenska)", "trigger": "Utlösare",
    "base_year_effect_t": "Påverkan på basåret (ton CO2e)", "moved_to_scope3_t": "Flyttat till scope 3 (ton CO2e)",
    "share_of_base": "Andel av basåret", "significant": "Över tröskeln", "cumulative": "Sammantaget",
    "applied": "Omräknat", "adjustment_t": "Justering (ton CO2e)", "reported_t": "Som redovisat (ton CO2e)",
    "restated_t": "Omräknat (ton CO2e)", "reasons": "Orsaker",
    # uncertainty
    "uncertainty_distribution": "Osäkerhet: fördelning", "uncertainty_parameter": "Osäkerhet: parameter",
    "uncertainty_basis": "Osäkerhet: grund", "uncertainty_pedigree": "Osäkerhet: pedigree-poäng",
    "uncertainty_source_id": "Osäkerhet: käll-id", "uncertainty_note": "Osäkerhet: anmärkning",
    "amount_quality": "Mängdens kvalitet", "amount_uncertainty": "Mängdens osäkerhet",
    "distribution": "Fördelning", "parameter": "Parameter", "basis": "Grund", "pedigree": "Pedigree-poäng",
    "tier": "Kvalitetsnivå", "group": "Grupp", "relative_variance": "Relativ varians",
    "mean_t": "Medelvärde (ton CO2e)", "sd_t": "Standardavvikelse (ton CO2e)", "low_t": "Nedre gräns (ton CO2e)",
    "high_t": "Övre gräns (ton CO2e)", "low_pct": "Nedre gräns (relativt)", "high_pct": "Övre gräns (relativt)",
    "interval": "Intervall", "probability": "Sannolikhet", "probability_path": "Sannolikhet (banan)",
    "probability_decrease": "Sannolikhet för minskning", "compared_with": "Jämfört med", "against": "Mot år",
    "change_t": "Förändring (ton CO2e)", "variance_share": "Andel av variansen", "draws": "Dragningar",
    "seed": "Frövärde", "items": "Antal", "analytic_sd_t": "Analytisk standardavvikelse (ton CO2e)",
    "avoided_low_t": "Undviket nedre gräns (ton CO2e)", "avoided_high_t": "Undviket övre gräns (ton CO2e)",
    "cost_per_tonne_low_sek": "Kostnad per ton nedre gräns (kr)",
    "cost_per_tonne_high_sek": "Kostnad per ton övre gräns (kr)",
    "activity_data": "Mängder dragna", "against_kind": "Jämfört med (slag)",
    "probability_avoided": "Sannolikhet att något undviks",
    "probability_total": "Sannolikhet (hela budgeten)",
    # the plan's table followed up
    "goal": "Målområde", "measure": "Mått", "base": "Bas", "direction": "Riktning", "measured_by": "Underlag",
    "reachable": "Nås till sista målåret", "projected": "Prognos vid nuvarande trend",
    "given_source": "Källa (givet värde, inte beräknat)",
    "probability_target": "Sannolikhet att målvärdet nås",
    "progress_code": "Framsteg (helt/delvis/inte alls)",
}

#: Swedish names of columns with a year in them (the plan's ``target_2024``, ``outcome_2024``).
COLUMN_PATTERNS_SV: dict[str, str] = {r"^target_(\d{4})$": r"Mål \1", r"^outcome_(\d{4})$": r"Utfall \1"}


def column_header(column: object, lang: str) -> str:
    """A column's name in ``lang``: the Swedish CSV's name, or the readable English one.

    Examples
    --------
    >>> column_header("valid_from", "sv"), column_header("valid_from", "en")
    ('Giltig från', 'Valid from')
    """
    return COLUMN_LABELS_SV.get(str(column), str(column)) if lang == "sv" else english_header(column)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Make text cells that a spreadsheet would run as a formula inert.

    A leading ``'`` is added to text beginning with ``=``, ``+``, ``-``, ``@``, tab
    or carriage return (OWASP CSV injection). Numbers are left as they are.

    Examples
    --------
    >>> neutralise_cells(pd.DataFrame({"site": ["=HYPERLINK(1)", "Växjö"], "x": [-1, 2]}))["site"].tolist()
    ["'=HYPERLINK(1)", 'Växjö']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, (pd.CategoricalDtype, pd.StringDtype)) or str(s.dtype) == "str":
            text = s.astype(object)
            mask = text.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
            if mask.any():
                out[col] = text.where(~mask, "'" + text.astype(str))
    return out


def _code_labels() -> dict[str, dict[str, str]]:
    """Code -> Swedish label for the columns that hold codes."""
    from .catalogue import AREAS, CATEGORIES, activities
    from .text import area_word

    categories = {k: v["sv"] for k, v in CATEGORIES.items()}
    return {
        "area": {k: area_word(k, "sv") for k in AREAS},
        "category": categories,
        "upstream_category": categories,
        "activity": {a.key: a.sv for a in activities()},
        "ownership": {"owned": "ägd", "leased": "leasad", "contracted": "upphandlad"},
        "purpose": {"business": "tjänsteresa", "commuting": "pendling"},
        "scope2_method": {"market": "marknadsbaserad", "location": "platsbaserad"},
        "data_quality": {"supplier_specific": "leverantörsspecifik", "activity_based": "aktivitetsbaserad",
                         "spend_based": "kostnadsbaserad"},
    }


def swedish_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with Swedish column names and the codes of its label columns as Swedish names.

    Examples
    --------
    >>> swedish_table(pd.DataFrame({"area": ["energy_buildings"], "ownership": ["owned"]})).to_dict("records")
    [{'Område': 'Energi i byggnader', 'Ägande': 'ägd'}]
    """
    out = frame.copy()
    for col, labels in _code_labels().items():
        if col in out.columns:
            text = out[col].astype(object)
            out[col] = text.map(lambda v, labels=labels: labels.get(v, v) if isinstance(v, str) else v)
    return out.rename(columns={c: COLUMN_LABELS_SV.get(str(c), _by_pattern(str(c))) for c in out.columns})


def _by_pattern(name: str) -> str:
    """The Swedish name of a column with a year in it (:data:`COLUMN_PATTERNS_SV`); the name itself otherwise."""
    for pattern, repl in COLUMN_PATTERNS_SV.items():
        if re.match(pattern, name):
            return re.sub(pattern, repl, name)
    return name


def plain_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with categorical columns as plain objects (what files hold)."""
    out = df.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object)
    return out


def write_csv(frame: pd.DataFrame, path: str | Path, *, style: Style = "sv", labels: bool = True) -> Path:
    """Write a table as CSV for Swedish Excel (``"sv"``) or in the international form.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or Path
    style : {"sv", "international"}
        ``"sv"``: ``;``, decimal comma, UTF-8 with BOM, CRLF, Swedish column names and labels.
        ``"international"``: ``,``, decimal point, UTF-8, ``\\n``, the API's names and codes.
    labels : bool
        With ``style="sv"``: Swedish column names and labels (False keeps names and codes).

    Returns
    -------
    Path
    """
    if style not in ("sv", "international"):
        raise ValueError(f"style must be 'sv' or 'international', not {style!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = rounded(neutralise_cells(numeric_cells(plain_table(frame))))
    if style == "international":
        table.to_csv(path, index=False, lineterminator="\n")
        return path
    if labels:
        table = swedish_table(value_words(table, "sv"))
    table.to_csv(path, index=False, sep=";", decimal=",", encoding="utf-8-sig", lineterminator="\r\n")
    return path
