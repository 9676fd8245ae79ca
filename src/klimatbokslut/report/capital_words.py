"""The words of the capital section's subsections (sovereign debt, EU benchmark tests, borrowing), by key.

Like :mod:`klimatbokslut.report.strings`: each key names an English message of the catalogs;
the Swedish one comes from the Swedish catalog.

Examples
--------
>>> cw("borrowing", "sv"), cw("borrowing", "en")
('Upplåning', 'Borrowing')
"""

from __future__ import annotations

from ..text import N_, tr

__all__ = ["CAPITAL_MESSAGES", "cw"]

#: Key → the English message (the catalog's message id).
CAPITAL_MESSAGES: dict[str, str] = {
    "sovereign": N_("Government bonds (PCAF sovereign debt)"),
    "sovereign_intro": N_("Government bonds are attributed by the exposure over the country's GDP adjusted for "
                          "purchasing power (PCAF Part A, 2nd ed. 2022, §5.7), at {rate} SEK/USD. Production "
                          "emissions without land use (LULUCF) are the headline; with land use beside. They are "
                          "reported apart from the companies' financed emissions."),
    "country": N_("Country"),
    "value_msek": N_("Value (MSEK)"),
    "data_year": N_("Data year"),
    "attribution_factor": N_("Attribution factor"),
    "financed_excl": N_("Financed, excl. LULUCF (t CO2e)"),
    "financed_incl": N_("Financed, incl. LULUCF (t CO2e)"),
    "per_gdp": N_("t CO2e per M int-$ GDP (PPP)"),
    "per_capita": N_("t CO2e per inhabitant"),
    "pcaf_score": N_("PCAF score"),
    "secondary_source": N_("compilation (secondary)"),
    "sovereign_total": N_("In {year}, {n} government bond holdings are attributed {excl} t CO2e ({incl} t CO2e "
                          "with land use); {cover} of the value of public debt is attributed."),
    "not_attributed": N_("{n} holdings ({value} MSEK) are not attributed: {what}."),
    "reason_no_method": N_("the standard gives no method for {cls}"),
    "reason_no_country_data": N_("no country figures for {cls}"),
    "data_gap_note": N_("{n} holdings use country figures more than {gap} years older than the holdings "
                        "(latest year in the country table); flagged."),
    "scope23_missing": N_("Emissions of imported energy and goods (the sovereign's scope 2 and 3) are not "
                          "attributed: the country table gives none."),
    "sources": N_("Sources"),
    "class_sovereign_bond": N_("government bonds"),
    "class_sub_sovereign_bond": N_("municipal and regional bonds"),
    "class_supranational_bond": N_("supranational bonds"),
    "class_covered_bond": N_("covered bonds"),
    "benchmark_tests": N_("EU climate benchmarks (Delegated Regulation (EU) 2020/1818)"),
    "benchmark_intro": N_("Which tests the portfolio passes: intensity at least 30 % (Climate Transition "
                          "Benchmark) or 50 % (Paris-aligned Benchmark) below the index, at least 7 % a year of "
                          "self-decarbonisation after adjusting for the inflation of enterprise value, and the "
                          "exclusions."),
    "test": N_("Test"),
    "label": N_("Benchmark"),
    "result": N_("Result"),
    "figure": N_("Figure"),
    "needed": N_("Needed"),
    "test_intensity": N_("Intensity below the index"),
    "test_self_decarbonisation": N_("Self-decarbonisation per year"),
    "test_exclusions": N_("Holdings failing the exclusions"),
    "test_scope3_phase_in": N_("Holdings whose scope 3 must be included"),
    "label_ctb": N_("Climate Transition (CTB)"),
    "label_pab": N_("Paris-aligned (PAB)"),
    "passes": N_("passes"),
    "fails": N_("fails"),
    "no_value": N_("no value"),
    "missing_no_sek_per_usd": N_("no exchange rate between SEK and USD in the portfolio section"),
    "failing_holdings": N_("Failing: {names}."),
    "borrowing": N_("Borrowing"),
    "borrowing_sentence": N_("At the end of {year}, {green} MSEK of {total} MSEK of the region's debt was in "
                             "green loans: {share}."),
    "lender": N_("Lender"),
    "green": N_("Green"),
    "framework": N_("Framework"),
    "loans": N_("Loans"),
    "yes": N_("yes"),
    "no": N_("no"),
    "data_years_note": N_("{flagged} holdings have EVIC, revenue or emissions of a year more than {gap} years "
                          "from the holdings' year; {unknown} company holdings do not state the year of their "
                          "figures."),
}


def cw(key: str, lang: str = "sv", **kw) -> str:
    """The capital section's text for ``key`` in ``lang``, with ``{placeholders}`` filled.

    Examples
    --------
    >>> cw("failing_holdings", "en", names="Kol AB (d)")
    'Failing: Kol AB (d).'
    """
    return tr(lang, CAPITAL_MESSAGES[key], **kw)
