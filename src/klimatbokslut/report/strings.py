"""The report's words in Swedish and English.

Examples
--------
>>> t("summary", "sv"), t("summary", "en")
('Sammanfattning', 'Summary')
>>> status_word("delvis", "en")
'partly'
"""

from __future__ import annotations

__all__ = ["STRINGS", "t", "status_word", "STATUS_CLASS"]

STRINGS: dict[str, dict[str, str]] = {
    "title": {"sv": "Klimatbokslut", "en": "Climate report"},
    "summary": {"sv": "Sammanfattning", "en": "Summary"},
    "goals_boundaries": {"sv": "Mål och avgränsningar", "en": "Goals and boundaries"},
    "total_result": {"sv": "Totalt resultat", "en": "Total result"},
    "areas": {"sv": "Resultat per område", "en": "Results by area"},
    "targets": {"sv": "Måluppföljning", "en": "Targets"},
    "portfolio": {"sv": "Kapitalförvaltning", "en": "Capital management"},
    "whatif": {"sv": "Tänk om – scenarier", "en": "What if – scenarios"},
    "method": {"sv": "Metod och källor", "en": "Method and sources"},
    "quality": {"sv": "Datakvalitet och osäkerhet", "en": "Data quality and uncertainty"},
    "appendix": {"sv": "Bilaga: aktivitetsdata", "en": "Appendix: activity data"},
    "contents": {"sv": "Innehåll", "en": "Contents"},
    "total": {"sv": "Totalt", "en": "Total"},
    "year": {"sv": "År", "en": "Year"},
    "area": {"sv": "Område", "en": "Area"},
    "scope": {"sv": "Scope", "en": "Scope"},
    "category": {"sv": "Kategori", "en": "Category"},
    "activity": {"sv": "Aktivitet", "en": "Activity"},
    "amount": {"sv": "Mängd", "en": "Amount"},
    "unit": {"sv": "Enhet", "en": "Unit"},
    "source": {"sv": "Källa", "en": "Source"},
    "parameter": {"sv": "Parameter", "en": "Parameter"},
    "value": {"sv": "Värde", "en": "Value"},
    "t_co2e": {"sv": "ton CO2e", "en": "t CO2e"},
    "emissions_year": {"sv": "Utsläpp {year}", "en": "Emissions {year}"},
    "vs_previous": {"sv": "jämfört med {year}", "en": "compared with {year}"},
    "vs_base": {"sv": "jämfört med basåret {year}", "en": "compared with the base year {year}"},
    "change_vs_base": {"sv": "Förändring mot basår {year}", "en": "Change vs base year {year}"},
    "target_status": {"sv": "Målstatus {year}", "en": "Target status {year}"},
    "drivers": {"sv": "Största förändringar mot {year}", "en": "Largest changes vs {year}"},
    "organisation": {"sv": "Organisation", "en": "Organisation"},
    "report_year": {"sv": "Redovisningsår", "en": "Report year"},
    "base_year": {"sv": "Basår", "en": "Base year"},
    "target_year": {"sv": "Målår", "en": "Target year"},
    "target_value": {"sv": "Målvärde", "en": "Target value"},
    "outcome": {"sv": "Utfall", "en": "Outcome"},
    "trajectory": {"sv": "Bana", "en": "Path"},
    "change_vs_base_short": {"sv": "Förändring mot basår", "en": "Change vs base year"},
    "status": {"sv": "Status", "en": "Status"},
    "comment": {"sv": "Kommentar", "en": "Comment"},
    "goal": {"sv": "Mål", "en": "Target"},
    "inside_target": {"sv": "Inom klimatmålet", "en": "Inside the climate target"},
    "outside_target": {"sv": "Redovisas men utanför klimatmålen", "en": "Reported, outside the climate targets"},
    "by_area_chart": {"sv": "Utsläpp per år och område (ton CO2e)", "en": "Emissions per year by area (t CO2e)"},
    "by_scope_chart": {"sv": "Utsläpp per år och scope (ton CO2e)", "en": "Emissions per year by scope (t CO2e)"},
    "by_scope_table": {"sv": "Utsläpp per scope (ton CO2e)", "en": "Emissions by scope (t CO2e)"},
    "by_area_table": {"sv": "Utsläpp per område (ton CO2e)", "en": "Emissions by area (t CO2e)"},
    "by_category": {"sv": "Per kategori (ton CO2e)", "en": "By category (t CO2e)"},
    "by_activity": {"sv": "Per aktivitet (ton CO2e)", "en": "By activity (t CO2e)"},
    "actual": {"sv": "Utfall", "en": "Actual"},
    "path": {"sv": "Rak linje till målet", "en": "Straight line to the target"},
    "limit": {"sv": "Gräns", "en": "Limit"},
    "benchmark": {"sv": "Jämförelseindex", "en": "Benchmark index"},
    "no_targets": {"sv": "Inga mål har angetts.", "en": "No targets are declared."},
    "scenario": {"sv": "Scenario", "en": "Scenario"},
    "baseline": {"sv": "Utfall (ton CO2e)", "en": "Baseline (t CO2e)"},
    "scenario_t": {"sv": "Scenario (ton CO2e)", "en": "Scenario (t CO2e)"},
    "avoided": {"sv": "Undvikna utsläpp (ton CO2e)", "en": "Avoided (t CO2e)"},
    "avoided_location": {"sv": "Undvikna, platsbaserat (ton CO2e)", "en": "Avoided, location-based (t CO2e)"},
    "extra_cost": {"sv": "Merkostnad (kr)", "en": "Extra cost (SEK)"},
    "cost_per_tonne": {"sv": "Kostnad per ton (kr/ton)", "en": "Cost per tonne (SEK/t)"},
    "whatif_chart": {"sv": "Undvikna utsläpp per scenario (ton CO2e)", "en": "Avoided emissions per scenario (t CO2e)"},
    "no_scenarios": {"sv": "Inga scenarier har angetts.", "en": "No scenarios are declared."},
    "no_portfolio": {"sv": "Ingen portfölj har angetts.", "en": "No portfolio is declared."},
    "metric": {"sv": "Mått", "en": "Metric"},
    "coverage": {"sv": "Täckning", "en": "Coverage"},
    "data_quality_score": {"sv": "Datakvalitet (PCAF 1–5)", "en": "Data quality (PCAF 1–5)"},
    "vs_index": {"sv": "Jämfört med index", "en": "Compared with the index"},
    "portfolio_chart": {"sv": "Portfölj och index", "en": "Portfolio and index"},
    "location_based": {"sv": "Platsbaserad", "en": "Location-based"},
    "market_based": {"sv": "Marknadsbaserad", "en": "Market-based"},
    "scope2_side": {"sv": "Scope 2 med båda metoderna (ton CO2e)", "en": "Scope 2 by both methods (t CO2e)"},
    "total_both": {"sv": "Totalt med båda metoderna (ton CO2e)", "en": "Total by both methods (t CO2e)"},
    "factors_used": {"sv": "Emissionsfaktorer som använts", "en": "Emission factors used"},
    "gwp_basis": {"sv": "GWP-underlag", "en": "GWP basis"},
    "instruments": {"sv": "Avtalsinstrument", "en": "Contractual instruments"},
    "factor_version": {"sv": "Faktordatamängd", "en": "Factor dataset"},
    "rows_read": {"sv": "Rader", "en": "Rows"},
    "rejected": {"sv": "Rader som inte kunnat användas", "en": "Rows that could not be used"},
    "fallback": {"sv": "Faktorer från ett annat år (närmaste utgåva)",
                 "en": "Factors from another year (nearest edition)"},
    "fallback_note": {"sv": "Inget publicerat värde finns för dessa år; värdet från närmaste år med en publicerad "
                            "faktor (faktoråret) har använts.",
                      "en": "No figure is published for these years; the figure of the nearest year with a "
                            "published factor (the factor year) was used."},
    "flagged": {"sv": "Schablonvärden och okända delar", "en": "Defaults and unknown parts"},
    "flag_unvalued": {"sv": "Utan emissionsfaktor: ingår i energi och mängd, inte i utsläppen",
                      "en": "No emission factor: counted in energy and amounts, not in emissions"},
    "flag_national_default": {"sv": "Fjärrvärme/fjärrkyla utan angivet nät: nationellt genomsnitt",
                              "en": "District heating/cooling without a network: national average"},
    "flag_biogenic_unknown": {"sv": "Biogen CO2 okänd (bränsle med biodel utan memopost)",
                              "en": "Biogenic CO2 unknown (fuel with a bio part and no memo figure)"},
    "mwh": {"sv": "MWh", "en": "MWh"},
    "budget": {"sv": "Budget", "en": "Budget"},
    "restatement": {"sv": "Omräkning av basår", "en": "Base-year recalculation"},
    "restatement_intro": {"sv": "Basåret räknas om när organisationen, metoden eller ett fel ändrar det med minst "
                                "{threshold} % (GHG-protokollet, kapitel 5), så att alla år avser samma organisation "
                                "och metod.",
                          "en": "The base year is recalculated when the organisation, the method or an error changes "
                                "it by at least {threshold} % (GHG Protocol, chapter 5), so every year covers the same "
                                "organisation and method."},
    "restatement_against_restated": {"sv": "Målen följs upp mot det omräknade basåret.",
                                     "en": "Targets are evaluated against the recalculated base year."},
    "restatement_against_reported": {"sv": "Målen följs upp mot basåret som det först redovisades.",
                                     "en": "Targets are evaluated against the base year as first reported."},
    "as_reported": {"sv": "Före omräkning", "en": "Before recalculation"},
    "first_reported_method": {"sv": "Med metoden då", "en": "With the method of the time"},
    "todays_method": {"sv": "Med dagens metod", "en": "With today's method"},
    "adjustment": {"sv": "Justering", "en": "Adjustment"},
    "restated": {"sv": "Omräknat", "en": "Restated"},
    "budget_used": {"sv": "Använt av budgeten (summa)", "en": "Budget used (cumulative)"},
    "budget_path": {"sv": "Budgetens bana (summa)", "en": "The budget's path (cumulative)"},
    "left_out_intro": {"sv": "Utsläppen ovan omfattar inte rader som saknar emissionsfaktor (deras energi och "
                             "mängd ingår i energi- och mängdindikatorerna) eller rader som avvisats vid "
                             "inläsningen (de ingår inte i något tal; se avsnittet om datakvalitet):",
                       "en": "The emissions above leave out rows without an emission factor (their energy and "
                             "amounts count in the energy and amount indicators) and rows rejected when read "
                             "(they count in no figure; see the data-quality section):"},
    "derived": {"sv": "Härledda och egna faktorer", "en": "Derived and own factors"},
    "spend_share": {"sv": "Andel kostnadsbaserade beräkningar", "en": "Share of spend-based estimates"},
    "coverage_table": {"sv": "Täckning: områden med data per år", "en": "Coverage: areas with data per year"},
    "biogenic": {"sv": "Biogen CO2 (redovisas utanför scope, ton)", "en": "Biogenic CO2 (memo, outside the scopes, t)"},
    "row": {"sv": "Rad", "en": "Row"},
    "column": {"sv": "Kolumn", "en": "Column"},
    "reason": {"sv": "Orsak", "en": "Reason"},
    "factor_year": {"sv": "Faktorår", "en": "Factor year"},
    "region": {"sv": "Nät/region", "en": "Network/region"},
    "rows": {"sv": "Rader", "en": "Rows"},
    "none": {"sv": "Inga.", "en": "None."},
    "yes": {"sv": "ja", "en": "yes"},
    "generated": {"sv": "Skapad med klimatbokslut {version}", "en": "Made with klimatbokslut {version}"},
    "spend_based": {"sv": "Kostnadsbaserat", "en": "Spend-based"},
    "activity_based": {"sv": "Aktivitetsbaserat", "en": "Activity-based"},
    "ledger_rows": {"sv": "Rader i huvudboken", "en": "Rows in the ledger"},
    "input_rows": {"sv": "Inlästa rader", "en": "Rows read"},
    "balanced": {"sv": "Alla rader är redovisade (inlästa = använda + avvisade)",
                 "en": "Every row is accounted for (read = used + rejected)"},
    "not_balanced": {"sv": "Raderna stämmer inte!", "en": "Rows do not reconcile!"},
    "uncertainty": {"sv": "Osäkerhet", "en": "Uncertainty"},
    "interval": {"sv": "{pct} %-intervall", "en": "{pct}% interval"},
    "p_decrease": {"sv": "sannolikhet för minskning {p}", "en": "probability of a decrease {p}"},
    "unc_intro": {
        "sv": "Osäkerheten är beräknad med Monte Carlo ({draws} dragningar, frövärde {seed}): varje "
              "emissionsfaktor dras en gång per dragning och samma dragning används i alla år och områden där "
              "faktorn används, så dess osäkerhet tar till stor del ut sig i förändringen mellan år. "
              "Mängderna dras per aktivitet, år och datakvalitet. Intervallen är centrala {pct} %-intervall.",
        "en": "The uncertainty is computed by Monte Carlo ({draws} draws, seed {seed}): each emission factor is "
              "drawn once per draw and the same draw is used in every year and area that uses the factor, so its "
              "uncertainty largely cancels in the change between years. Amounts are drawn per activity, year and "
              "data quality. Intervals are central {pct}% intervals."},
    "unc_total": {"sv": "Utsläpp med osäkerhetsintervall", "en": "Emissions with uncertainty intervals"},
    "unc_changes": {"sv": "Förändring med osäkerhetsintervall", "en": "Change with uncertainty intervals"},
    "unc_targets": {"sv": "Sannolikhet att målet nås ({year})", "en": "Probability that the target is met ({year})"},
    "unc_contrib": {"sv": "Största bidragen till osäkerheten ({year})",
                    "en": "Largest contributions to the uncertainty ({year})"},
    "unc_contrib_note": {"sv": "Andel av variansen i årets totala utsläpp (första ordningens uppskattning). Bättre "
                               "data för de översta raderna minskar osäkerheten mest.",
                         "en": "Share of the variance of the year's total (first-order estimate). Better data for "
                               "the top rows reduces the uncertainty most."},
    "unc_areas": {"sv": "Osäkerhet per område ({year})", "en": "Uncertainty by area ({year})"},
    "unc_defaults": {"sv": "Där schabloner används för osäkerheten", "en": "Where defaults stand in for the "
                                                                            "uncertainty"},
    "unc_check": {"sv": "Kontroll: analytisk standardavvikelse (första ordningen) {an} t mot Monte Carlo {mc} t "
                        "({year}).",
                  "en": "Check: analytic standard deviation (first order) {an} t against Monte Carlo {mc} t ({year})."},
    "unc_left_out": {"sv": "Intervallen omfattar inte rader utan emissionsfaktor eller avvisade rader (se ovan).",
                     "en": "The intervals leave out rows without an emission factor and rejected rows (see above)."},
    "probability": {"sv": "Sannolikhet", "en": "Probability"},
    "target": {"sv": "Mål", "en": "Target"},
    "whatif_interval": {"sv": "Inom parentes: {pct} %-intervall (Monte Carlo, samma dragningar för utgångsläge och "
                              "scenario; kostnaden per ton räknad på hela perioden).",
                        "en": "In brackets: {pct}% interval (Monte Carlo, the same draws for baseline and scenario; "
                              "the cost per tonne over the whole period)."},
    "note": {"sv": "Anmärkning", "en": "Note"},
    "compared_with": {"sv": "Jämfört med", "en": "Compared with"},
    "share_of_variance": {"sv": "Andel av variansen", "en": "Share of variance"},
    "source_of_uncertainty": {"sv": "Källa till osäkerhet", "en": "Source of uncertainty"},
    "basis": {"sv": "Grund", "en": "Basis"},
    "kind_factor": {"sv": "Emissionsfaktor", "en": "Emission factor"},
    "kind_activity_data": {"sv": "Mängd", "en": "Amount"},
    "kind_not_split": {"sv": "Utsläpp vars faktorer inte kunde delas upp (faktorerna dras inte)",
                       "en": "Emissions whose factors could not be split (their factors are not drawn)"},
    "basis_class": {"sv": "publicerad för faktortypen", "en": "published for the class"},
    "basis_pedigree": {"sv": "schablon (pedigree)", "en": "default (pedigree)"},
    "basis_default": {"sv": "schablon (ej angiven)", "en": "default (not stated)"},
    "basis_stated": {"sv": "angiven", "en": "stated"},
    "basis_not drawn": {"sv": "inte dragen", "en": "not drawn"},
    "cmp_path": {"sv": "banan", "en": "the path"},
    "cmp_target": {"sv": "målvärdet", "en": "the target value"},
    "cmp_budget": {"sv": "budgeten", "en": "the budget"},
    "defaults_line": {"sv": "{kind}: {items} st, {t} t CO2e ({basis})",
                      "en": "{kind}: {items}, {t} t CO2e ({basis})"},
}

_STATUS_EN = {"helt": "met", "delvis": "partly", "inte alls": "not at all", "värde saknas": "no value"}

#: CSS class per Swedish status word (green / yellow / red / grey).
STATUS_CLASS = {"helt": "st-met", "delvis": "st-partly", "inte alls": "st-not", "värde saknas": "st-none"}


def t(key: str, lang: str = "sv", **kw) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled.

    Examples
    --------
    >>> t("vs_base", "en", year=2021)
    'compared with the base year 2021'
    """
    text = STRINGS[key].get(lang) or STRINGS[key]["sv"]
    return text.format(**kw) if kw else text


def status_word(status_sv: str, lang: str = "sv") -> str:
    """The status word of a programme follow-up in ``lang`` (``helt`` → ``met``).

    Examples
    --------
    >>> status_word("värde saknas", "sv"), status_word("helt", "en")
    ('värde saknas', 'met')
    """
    return status_sv if lang == "sv" else _STATUS_EN.get(status_sv, status_sv)
