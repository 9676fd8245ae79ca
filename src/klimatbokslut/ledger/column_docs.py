"""What each column of ``Ledger.frame`` holds, with its unit: the source of the docs' column table.

``tests/test_docs_site.py`` checks that every column of :data:`~klimatbokslut.ledger.LEDGER_COLUMNS`
is described here, and nothing else, so the table on the site cannot drift from the code.
"""

from __future__ import annotations

#: column -> (unit, meaning). ``-`` for a text, flag or count column; ``[-]`` for a fraction 0–1.
LEDGER_COLUMN_DOCS: dict[str, tuple[str, str]] = {
    "row": ("-", "the input row: the line of the CSV file or the row of the Excel sheet"),
    "id": ("-", "the input's own id (verifikation, transaction), empty when not given"),
    "activity": ("-", "the activity key the row was read as (`diesel`, `district_heating` …)"),
    "amount": ("the row's `unit`", "the amount as given (after Swedish number reading)"),
    "unit": ("-", "the unit of `amount`, as pint writes it"),
    "year": ("-", "the year of the activity"),
    "org_unit": ("-", "administration or department (förvaltning)"),
    "site": ("-", "site or building (anläggning)"),
    "region": ("-", "district-heating or cooling network, or region of the factor"),
    "contract": ("-", "electricity contract (`residual_mix`, `go_hydro` …)"),
    "ownership": ("-", "`owned`, `leased` or `contracted` (decides the scope of vehicles)"),
    "factor_id": ("-", "a factor or factor group chosen on the input row"),
    "correction": ("-", "True when a negative amount is an intended correction"),
    "origin": ("-", "flights: IATA code of the departure airport"),
    "destination": ("-", "flights: IATA code of the arrival airport"),
    "cabin": ("-", "flights: cabin class (empty: average passenger)"),
    "round_trip": ("-", "flights: True when the distance counts twice"),
    "band": ("-", "flights given in pkm: `domestic`, `short_haul`, `long_haul`"),
    "purpose": ("-", "travel: `business` or `commuting`"),
    "goods": ("-", "goods key of the rule that activity rows replace spend rows"),
    "scope": ("-", "GHG-Protocol scope 1, 2 or 3"),
    "category": ("-", "scope-3 category key (empty for scopes 1 and 2)"),
    "area": ("-", "the report's area (vehicles, buildings, medical gases …)"),
    "upstream_category": ("-", "scope-3 category of the row's upstream part (`fuel_and_energy_related`)"),
    "energy_mj": ("MJ", "the row's energy, when the activity has one (NaN when not)"),
    "distance_km": ("km", "travel: the distance (pkm for passengers), NaN when not travel"),
    "renewable_share": ("[-]", "renewable share of the row's energy, NaN when unknown"),
    "fossil_free_share": ("[-]", "fossil-free share of the row's energy, NaN when unknown"),
    "recovered_share": ("[-]", "recovered (återvunnen) share of the row's energy, NaN when unknown"),
    "co2_kg": ("kg", "fossil CO2 emitted directly"),
    "ch4_kg": ("kg", "CH4 emitted directly"),
    "n2o_kg": ("kg", "N2O emitted directly"),
    "other_gas": ("-", "the other gas emitted (a refrigerant, an anaesthetic gas), empty when none"),
    "other_gas_kg": ("kg", "mass of `other_gas`"),
    "co2e_direct_kg": ("kg CO2e", "direct emissions: the row's own scope"),
    "co2e_upstream_kg": ("kg CO2e", "upstream emissions (well-to-tank, transmission losses): scope 3"),
    "co2e_kg": ("kg CO2e", "direct + upstream, with the ledger's scope-2 method"),
    "co2e_location_kg": ("kg CO2e", "`co2e_kg` with the location-based scope-2 method"),
    "co2e_market_kg": ("kg CO2e", "`co2e_kg` with the market-based scope-2 method"),
    "co2_biogenic_kg": ("kg", "biogenic CO2, reported outside the scopes (memo)"),
    "gwp": ("-", "the GWP100 set the CO2e columns use (`AR4`, `AR5`, `AR6`)"),
    "scope2_method": ("-", "`market` or `location`: the method of `co2e_kg` for scope-2 rows"),
    "factor_ids": ("-", "the emission factors used, `;`-separated (see `factors_used()`)"),
    "source_ids": ("-", "the sources of those factors, `;`-separated"),
    "factor_gwp": ("-", "the GWP set a factor given in CO2e was published with"),
    "factor_year": ("-", "the year of the factor used (another year than `year` is flagged)"),
    "data_quality": ("-", "how the amount was obtained (`activity_based`, `spend_based` …)"),
    "flags": ("-", "`;`-separated notes on the row (`fallback_year`, `unsourced`, `unvalued` …)"),
    "unvalued_reason": ("-", "why the row has no CO2e (NaN in every CO2e column), empty when it has"),
}

