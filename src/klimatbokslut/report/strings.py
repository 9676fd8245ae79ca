"""The report's words, by key: each key names an English message of the catalogs (:mod:`klimatbokslut.text`).

The templates and the report's code ask for a word by key (``t("summary", lang)``); the key's English
sentence is the catalog's message id, and the Swedish one comes from the Swedish catalog. A new word
is a new key here with its English sentence (``N_(...)`` marks it for the extractor) and its
Swedish translation in ``text/locale/sv/LC_MESSAGES/klimatbokslut.po`` (``python tools/catalogs.py``).

Examples
--------
>>> t("summary", "sv"), t("summary", "en")
('Sammanfattning', 'Summary')
>>> status_word("off_track", "en"), status_word("off_track", "sv")
('off track', 'inte i fas')
"""

from __future__ import annotations

from ..text import N_, STATUS_CLASS, status_word, tr

__all__ = ["MESSAGES", "STATUS_CLASS", "status_word", "t"]

#: Key → the English message (the catalog's message id).
MESSAGES: dict[str, str] = {
    "title": N_("Climate report"),
    "summary": N_("Summary"),
    "goals_boundaries": N_("Goals and boundaries"),
    "total_result": N_("Total result"),
    "areas": N_("Results by area"),
    "targets": N_("Targets"),
    "portfolio": N_("Capital management"),
    "whatif": N_("What if – scenarios"),
    "method": N_("Method and sources"),
    "quality": N_("Data quality and uncertainty"),
    "appendix": N_("Appendix: activity data"),
    "contents": N_("Contents"),
    "total": N_("Total"),
    "year": N_("Year"),
    "area": N_("Area"),
    "scope": N_("Scope"),
    "category": N_("Category"),
    "activity": N_("Activity"),
    "amount": N_("Amount"),
    "unit": N_("Unit"),
    "source": N_("Source"),
    "parameter": N_("Parameter"),
    "value": N_("Value"),
    "t_co2e": N_("t CO2e"),
    "emissions_year": N_("Emissions {year}"),
    "vs_previous": N_("compared with {year}"),
    "vs_base": N_("compared with the base year {year}"),
    "change_vs_base": N_("Change vs base year {year}"),
    "target_status": N_("Target status {year}"),
    "drivers": N_("Largest changes vs {year}"),
    "organisation": N_("Organisation"),
    "report_year": N_("Report year"),
    "base_year": N_("Base year"),
    "target_year": N_("Target year"),
    "target_value": N_("Target value"),
    "outcome": N_("Outcome"),
    "trajectory": N_("Path"),
    "change_vs_base_short": N_("Change vs base year"),
    "status": N_("Status"),
    "comment": N_("Comment"),
    "goal": N_("Target"),
    "inside_target": N_("Inside the climate target"),
    "outside_target": N_("Reported, outside the climate targets"),
    "by_area_chart": N_("Emissions per year by area (t CO2e)"),
    "by_scope_chart": N_("Emissions per year by scope (t CO2e)"),
    "by_scope_table": N_("Emissions by scope (t CO2e)"),
    "by_area_table": N_("Emissions by area (t CO2e)"),
    "by_category": N_("By category (t CO2e)"),
    "by_activity": N_("By activity (t CO2e)"),
    "actual": N_("Actual"),
    "path": N_("Straight line to the target"),
    "limit": N_("Limit"),
    "benchmark": N_("Benchmark index"),
    "no_targets": N_("No targets are declared."),
    "scenario": N_("Scenario"),
    "baseline": N_("Baseline (t CO2e)"),
    "scenario_t": N_("Scenario (t CO2e)"),
    "avoided": N_("Avoided (t CO2e)"),
    "avoided_location": N_("Avoided, location-based (t CO2e)"),
    "extra_cost": N_("Extra cost (SEK)"),
    "cost_per_tonne": N_("Cost per tonne (SEK/t)"),
    "whatif_chart": N_("Avoided emissions per scenario (t CO2e)"),
    "no_scenarios": N_("No scenarios are declared."),
    "no_portfolio": N_("No portfolio is declared."),
    "metric": N_("Metric"),
    "coverage": N_("Coverage"),
    "data_quality_score": N_("Data quality (PCAF 1–5)"),
    "vs_index": N_("Compared with the index"),
    "portfolio_chart": N_("Portfolio and index"),
    "outside_target_text": N_(
        "Every area below is in the total: {areas}. What no target above selects is reported but outside "
        "the climate targets.\nBiogenic CO2 is a memo item beside scopes 1–3. Capital management (pension "
        "funds) has its own section and is not in the total."),
    "largest_change": N_("Largest change vs {year}: {activity}, {change} t CO2e."),
    "carbon_footprint_word": N_("Carbon footprint"),
    "carbon_intensity_word": N_("Carbon intensity"),
    "over_time": N_("Over time"),
    "exchange_rates": N_("Exchange rates"),
    "own_factors_marked": N_("Own factors (local district-heating network, supplier electricity) are marked below."),
    "also_used_for": N_("also used for"),
    "factor_own": N_("own"),
    "factor_derived": N_("derived"),
    "against_year": N_("Against"),
    "probability_decrease_note": N_("Probability: that emissions decreased."),
    "distribution": N_("Distribution"),
    "by_administration_site": N_("By administration and site"),
    "administration": N_("Administration"),
    "site": N_("Site"),
    "method_fuels_market": N_(
        "Fuels are reported well-to-wheel: direct (tank-to-wheel) emissions in scope 1 and production "
        "and distribution (well-to-tank) in scope 3, category 3. Gases are converted to CO2 equivalents "
        "with IPCC {gwp} GWP100. Electricity is reported location-based and market-based; the headline "
        "figure is market-based."),
    "method_fuels_location": N_(
        "Fuels are reported well-to-wheel: direct (tank-to-wheel) emissions in scope 1 and production "
        "and distribution (well-to-tank) in scope 3, category 3. Gases are converted to CO2 equivalents "
        "with IPCC {gwp} GWP100. Electricity is reported location-based and market-based; the headline "
        "figure is location-based."),
    "method_flights_rf": N_("Flights include the radiative-forcing uplift. Factor dataset: {version}."),
    "method_flights_no_rf": N_("Flights exclude the radiative-forcing uplift. Factor dataset: {version}."),
    "method_nearest_edition": N_(
        "Each factor applies to the years it describes; where no figure is published for a year, the "
        "nearest edition is used, as listed below."),
    "scope2_side": N_("Scope 2 by both methods (t CO2e)"),
    "total_both": N_("Total by both methods (t CO2e)"),
    "factors_used": N_("Emission factors used"),
    "gwp_basis": N_("GWP basis"),
    "instruments": N_("Contractual instruments"),
    "factor_version": N_("Factor dataset"),
    "rows_read": N_("Rows"),
    "rejected": N_("Rows that could not be used"),
    "fallback": N_("Factors from another year (nearest edition)"),
    "fallback_note": N_("No figure is published for these years; the figure of the nearest year with "
                        "a published factor (the factor year) was used."),
    "flagged": N_("Defaults and unknown parts"),
    "flag_unvalued": N_("No emission factor: counted in energy and amounts, not in emissions"),
    "flag_national_default": N_("District heating/cooling without a network: national average"),
    "flag_biogenic_unknown": N_("Biogenic CO2 unknown (fuel with a bio part and no memo figure)"),
    "mwh": N_("MWh"),
    "budget": N_("Budget"),
    "restatement": N_("Base-year recalculation"),
    "restatement_intro": N_("The base year is recalculated when the organisation, the method or an "
                            "error changes it by at least {threshold} % (GHG Protocol, chapter 5), so "
                            "every year covers the same organisation and method."),
    "restatement_against_restated": N_("Targets are evaluated against the recalculated base year."),
    "restatement_against_reported": N_("Targets are evaluated against the base year as first reported."),
    "as_reported": N_("Before recalculation"),
    "first_reported_method": N_("With the method of the time"),
    "todays_method": N_("With today's method"),
    "adjustment": N_("Adjustment"),
    "restated": N_("Restated"),
    "budget_used": N_("Budget used (cumulative)"),
    "budget_path": N_("The budget's path (cumulative)"),
    "left_out_intro": N_("The emissions above leave out rows without an emission factor (their energy "
                         "and amounts count in the energy and amount indicators) and rows rejected "
                         "when read (they count in no figure; see the data-quality section):"),
    "derived": N_("Derived and own factors"),
    "spend_share": N_("Share of spend-based estimates"),
    "coverage_table": N_("Coverage: areas with data per year"),
    "biogenic": N_("Biogenic CO2 (memo, outside the scopes, t)"),
    "row": N_("Row"),
    "column": N_("Column"),
    "reason": N_("Reason"),
    "factor_year": N_("Factor year"),
    "region": N_("Network/region"),
    "rows": N_("Rows"),
    "none": N_("None."),
    "yes": N_("yes"),
    "generated": N_("Made with klimatbokslut {version}"),
    "spend_based": N_("Spend-based"),
    "activity_based": N_("Activity-based"),
    "ledger_rows": N_("Rows in the ledger"),
    "input_rows": N_("Rows read"),
    "balanced": N_("Every row is accounted for (read = used + rejected)"),
    "not_balanced": N_("Rows do not reconcile!"),
    "uncertainty": N_("Uncertainty"),
    "interval": N_("{pct}% interval"),
    "p_decrease": N_("probability of a decrease {p}"),
    "unc_intro": N_("The uncertainty is computed by Monte Carlo ({draws} draws, seed {seed}): each "
                    "emission factor is drawn once per draw and the same draw is used in every year "
                    "and area that uses the factor, so its uncertainty largely cancels in the change "
                    "between years. Amounts are drawn per activity, year and data quality. Intervals "
                    "are central {pct}% intervals."),
    "unc_total": N_("Emissions with uncertainty intervals"),
    "unc_changes": N_("Change with uncertainty intervals"),
    "unc_targets": N_("Targets: probabilities ({year})"),
    "unc_contrib": N_("Largest contributions to the uncertainty ({year})"),
    "unc_contrib_note": N_("Share of the variance of the year's total (first-order estimate). Better "
                           "data for the top rows reduces the uncertainty most."),
    "unc_areas": N_("Uncertainty by area ({year})"),
    "unc_defaults": N_("Where defaults stand in for the uncertainty"),
    "unc_check": N_("Check: analytic standard deviation (first order) {an} t against Monte Carlo {mc} t ({year})."),
    "unc_left_out": N_("The intervals leave out rows without an emission factor and rejected rows (see above)."),
    "probability": N_("Probability"),
    "target": N_("Target"),
    "whatif_interval": N_("In brackets: {pct}% interval (Monte Carlo, the same draws for baseline and "
                          "scenario; the cost per tonne over the whole period)."),
    "note": N_("Note"),
    "compared_with": N_("Compared with"),
    "share_of_variance": N_("Share of variance"),
    "source_of_uncertainty": N_("Source of uncertainty"),
    "basis": N_("Basis"),
    "kind_factor": N_("Emission factor"),
    "kind_activity_data": N_("Amount"),
    "kind_not_split": N_("Emissions whose factors could not be split (their factors are not drawn)"),
    "basis_class": N_("published for the class"),
    "basis_pedigree": N_("default (pedigree)"),
    "basis_default": N_("default (not stated)"),
    "basis_stated": N_("stated"),
    "basis_not drawn": N_("not drawn"),
    "cmp_path": N_("the path"),
    "cmp_target": N_("the target value"),
    "cmp_budget": N_("the budget"),
    "defaults_line": N_("{kind}: {items}, {t} t CO2e ({basis})"),
    "market_based": N_("Market-based"),
    "location_based": N_("Location-based"),
    "status_legend": N_("What the status words mean"),
    "status_legend_figure": N_("Beside each word stands the figure that decides it: the distance to the target "
                               "value or to this year's point on the path, in the target's unit (a share in "
                               "percentage points)."),
    "p_on_path": N_("Probability of being on the path in {year}"),
    "p_reach": N_("Probability that the value of {year} reaches the target value"),
    "p_note": N_("A probability says how likely the statement in its column is, given the uncertainty of the "
                 "emission factors and amounts (Monte Carlo). Before the target year both are given: being on "
                 "the path this year, and the year's value already reaching the target value (a carbon budget: "
                 "the whole budget not being used up). Below 0.1 % and above 99.9 % they are printed as such."),
    "financed_emissions": N_("Financed emissions"),
    "waci": N_("Weighted average carbon intensity"),
    "portfolio_word": N_("Portfolio"),
    "index_word": N_("Index"),
    "see_legend": N_("The status words are explained in the summary."),
    "other": N_("Other ({n} activities)"),
    "selection": N_("What it counts"),
    "vs_base_restated": N_("compared with the base year {year}, restated"),
    "vs_base_reported": N_("Restated base year {restated} t CO2e, as the targets use it; against the base year as "
                           "first reported ({base} t CO2e): {change}."),
    "change_vs_base_restated": N_("Change vs base year {year} (restated)"),
    "area_change_restated": N_("The changes are against the base year {year} restated ({restated} t CO2e), as the "
                               "targets use it; against the base year as first reported ({reported} t CO2e) the "
                               "total changed by {change}. The columns show every year as first reported."),
    "unc_against_reported": N_("The interval and probability are against the base year as first reported."),
}


def t(key: str, lang: str = "sv", **kw) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled (Swedish for a language without a catalog).

    Examples
    --------
    >>> t("vs_base", "en", year=2021)
    'compared with the base year 2021'
    """
    return tr(lang, MESSAGES[key], **kw)
