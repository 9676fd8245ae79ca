"""The words of the workbook and the CSV files: sheet names, yes/no, and the codes of label columns.

A table keeps codes (``invoiced``, ``lifecycle``, ``True``); a file a person opens shows words in
its language. :func:`sheet_name` names a report table's sheet, :func:`value_words` turns the codes
of the columns listed in :data:`VALUE_WORDS` and every yes/no column into words, and
:func:`english_header` gives an English column name a reader can read (the Swedish ones are
:data:`klimatbokslut.csvout.COLUMN_LABELS_SV`; :func:`klimatbokslut.csvout.column_header` chooses).
Every word goes through the catalogs (:mod:`klimatbokslut.text`), context ``sheet``.

Examples
--------
>>> import pandas as pd
>>> value_words(pd.DataFrame({"amount_quality": ["invoiced"], "derived": [True]}), "sv").to_dict("records")
[{'amount_quality': 'fakturerad', 'derived': 'ja'}]
>>> sheet_name("by_scope", "sv"), sheet_name("by_scope", "en")
('Per scope', 'By scope')
>>> english_header("co2e_t"), english_header("change_vs_previous_t")
('Emissions (t CO2e)', 'Change vs previous year (t CO2e)')
"""

from __future__ import annotations

import pandas as pd

from .text import NP_, ptr

__all__ = ["SHEETS", "VALUE_WORDS", "english_header", "sheet_name", "value_words", "yes_no"]

#: The report's tables: name -> the sheet's name (English message id; at most 31 characters).
SHEETS: dict[str, tuple[str, str]] = {
    "contents": NP_("sheet", "Contents"),
    "ledger": NP_("sheet", "Ledger"),
    "totals": NP_("sheet", "Totals"),
    "by_scope": NP_("sheet", "By scope"),
    "by_area": NP_("sheet", "By area"),
    "by_category": NP_("sheet", "By category"),
    "by_activity": NP_("sheet", "By activity"),
    "by_area_category": NP_("sheet", "By area and category"),
    "by_site": NP_("sheet", "By site"),
    "scope2_methods": NP_("sheet", "Scope 2 methods"),
    "biogenic_memo": NP_("sheet", "Biogenic CO2 (memo)"),
    "targets": NP_("sheet", "Targets"),
    "target_series": NP_("sheet", "Targets per year"),
    "portfolio": NP_("sheet", "Portfolio"),
    "portfolio_trend": NP_("sheet", "Portfolio trend"),
    "portfolio_vs_index": NP_("sheet", "Portfolio vs index"),
    "sovereign": NP_("sheet", "Government bonds"),
    "sovereign_holdings": NP_("sheet", "Government bond holdings"),
    "benchmark_tests": NP_("sheet", "EU benchmark tests"),
    "borrowing": NP_("sheet", "Borrowing"),
    "borrowing_loans": NP_("sheet", "Loans by lender"),
    "data_year_flags": NP_("sheet", "Figures of another year"),
    "plan": NP_("sheet", "Plan follow-up"),
    "book_years": NP_("sheet", "Years in the book"),
    "whatif": NP_("sheet", "What if"),
    "restatement": NP_("sheet", "Recalculation"),
    "restated_history": NP_("sheet", "Recalculated history"),
    "restatement_adjustments": NP_("sheet", "Recalculation adjustments"),
    "method_changes": NP_("sheet", "Method changes"),
    "method_history": NP_("sheet", "Method history"),
    "area_change": NP_("sheet", "Change per area"),
    "activity_change": NP_("sheet", "Change per activity"),
    "factors_used": NP_("sheet", "Factors used"),
    "rejects": NP_("sheet", "Rejected rows"),
    "fallback_factors": NP_("sheet", "Factors of another year"),
    "defaults_and_unknowns": NP_("sheet", "Defaults and unknowns"),
    "derived_factors": NP_("sheet", "Derived and own factors"),
    "data_quality": NP_("sheet", "Data quality"),
    "spend_share": NP_("sheet", "Spend-based share"),
    "coverage": NP_("sheet", "Coverage"),
    "activity_data": NP_("sheet", "Activity data"),
    "reconcile": NP_("sheet", "Row reconciliation"),
    "uncertainty_totals": NP_("sheet", "Uncertainty, totals"),
    "uncertainty_by_scope": NP_("sheet", "Uncertainty by scope"),
    "uncertainty_by_area": NP_("sheet", "Uncertainty by area"),
    "uncertainty_changes": NP_("sheet", "Uncertainty, changes"),
    "uncertainty_targets": NP_("sheet", "Uncertainty, targets"),
    "uncertainty_contributions": NP_("sheet", "Uncertainty contributions"),
    "uncertainty_area_contributions": NP_("sheet", "Contributions by area"),
    "uncertainty_factors": NP_("sheet", "Uncertainty of factors"),
    "uncertainty_activity_data": NP_("sheet", "Uncertainty of amounts"),
    "uncertainty_defaults": NP_("sheet", "Uncertainty defaults"),
    "uncertainty_settings": NP_("sheet", "Uncertainty settings"),
    "about": NP_("sheet", "About"),
    "summary_scope": NP_("sheet", "By scope"),
    "summary_category": NP_("sheet", "By category"),
    "summary_area": NP_("sheet", "By area"),
}

_YES, _NO = NP_("sheet", "yes"), NP_("sheet", "no")
_TIERS = {"invoiced": NP_("sheet", "invoiced"), "metered": NP_("sheet", "metered"),
          "estimated": NP_("sheet", "estimated"), "extrapolated": NP_("sheet", "extrapolated"),
          "default": NP_("sheet", "default")}
_BASIS = {"pedigree": NP_("sheet", "pedigree scores"), "class": NP_("sheet", "uncertainty class"),
          "default": NP_("sheet", "default"), "not drawn": NP_("sheet", "not drawn")}
_KIND = {"divestment": NP_("sheet", "divestment"), "acquisition": NP_("sheet", "acquisition"),
         "outsourcing": NP_("sheet", "outsourcing"), "correction": NP_("sheet", "correction"),
         "factor": NP_("sheet", "emission factor"), "activity_data": NP_("sheet", "amount")}
_METRIC = {"financed_emissions": NP_("sheet", "financed emissions"),
           "carbon_footprint": NP_("sheet", "carbon footprint"), "waci": NP_("sheet", "weighted carbon intensity"),
           "carbon_intensity": NP_("sheet", "carbon intensity")}
_SCOPE2 = {"location": NP_("sheet", "location-based"), "market": NP_("sheet", "market-based")}

#: Column -> code -> words (English message id, context ``sheet``).
VALUE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "amount_quality": _TIERS, "tier": _TIERS, "basis": _BASIS, "uncertainty_basis": _BASIS, "kind": _KIND,
    "metric": _METRIC, "method": _SCOPE2, "boundary": {"lifecycle": NP_("sheet", "life cycle"),
                                                       "direct": NP_("sheet", "direct")},
    "trigger": {"structural": NP_("sheet", "structural change"), "method": NP_("sheet", "method change"),
                "factor_edition": NP_("sheet", "new factor edition"), "error": NP_("sheet", "error")},
    "against_kind": {"base_year": NP_("sheet", "base year"), "previous_year": NP_("sheet", "previous year")},
    "compared_with": {"path": NP_("sheet", "the path"), "target": NP_("sheet", "the target value")},
    "source": {"ledger": NP_("sheet", "ledger"), "portfolio": NP_("sheet", "portfolio")},
    "trend": {"improving": NP_("sheet", "improving"), "worsening": NP_("sheet", "worsening"),
              "unknown": NP_("sheet", "unknown")},
    "status_rule": {"standard": NP_("sheet", "standard"), "trend": NP_("sheet", "trend")},
    "flag": {"unvalued": NP_("sheet", "no factor"), "national_default": NP_("sheet", "national default"),
             "biogenic_unknown": NP_("sheet", "biogenic share unknown")},
    "key": {"organisation": NP_("sheet", "organisation"), "report_year": NP_("sheet", "report year"),
            "base_year": NP_("sheet", "base year"), "gwp": NP_("sheet", "GWP set"),
            "scope2_method": NP_("sheet", "scope 2 method"), "radiative_forcing": NP_("sheet", "radiative forcing"),
            "factor_version": NP_("sheet", "factor version"), "language": NP_("sheet", "language"),
            "klimatbokslut": NP_("sheet", "klimatbokslut version"), "configuration": NP_("sheet", "configuration"),
            "balanced": NP_("sheet", "every row accounted for"), "input_rows": NP_("sheet", "rows read"),
            "ledger_rows": NP_("sheet", "rows in the ledger"), "rejected_rows": NP_("sheet", "rows rejected"),
            "replaced_rows": NP_("sheet", "rows replaced"), "blank_rows": NP_("sheet", "blank rows")},
}


def _word(lang: str, msg: tuple[str, str]) -> str:
    return ptr(lang, msg[0], msg[1])


def yes_no(value: object, lang: str) -> object:
    """``True``/``False`` as "yes"/"no" (or "ja"/"nej"); anything else unchanged."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return _word(lang, _YES if value else _NO)
    return value


def sheet_name(table: str, lang: str) -> str:
    """The name of a table's sheet in ``lang`` (a table not listed keeps its name)."""
    msg = SHEETS.get(table)
    return (_word(lang, msg) if msg else table)[:31]


def value_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with yes/no columns and the codes of :data:`VALUE_WORDS`'s columns as words in ``lang``."""
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        words = VALUE_WORDS.get(str(c))
        if pd.api.types.is_bool_dtype(s) or (s.dtype == object and s.map(lambda v: isinstance(v, bool)).any()):
            out[c] = s.astype(object).map(lambda v: yes_no(v, lang))
        elif words is not None:
            out[c] = s.astype(object).map(lambda v, w=words: _word(lang, w[v]) if isinstance(v, str) and v in w
                                          else yes_no(v, lang))
    return out


_SUFFIX = {"_t": "(t CO2e)", "_kg": "(kg)", "_sek": "(SEK)", "_mj": "(MJ)", "_pct": "(relative)"}
_WORDS = {"co2e": "emissions", "vs": "vs", "sek": "SEK", "co2": "CO2", "ch4": "CH4", "n2o": "N2O", "mwh": "MWh",
          "gwp": "GWP", "pct": "", "waci": "WACI", "km": "km", "id": "id", "ids": "ids", "url": "URL",
          "previous": "previous year", "base": "base year"}


def english_header(column: object) -> str:
    """A readable English column name for an API column name (``co2e_t`` -> "Emissions (t CO2e)")."""
    name = str(column)
    unit = ""
    for end, text in _SUFFIX.items():
        if name.endswith(end) and len(name) > len(end):
            name, unit = name[: -len(end)], text
            break
    words = [_WORDS.get(w, w) for w in name.split("_") if w]
    if name.startswith("co2e") and unit == "(kg)":
        unit = "(kg CO2e)"
    if words and words[0] == "emissions" and len(words) > 1:
        words = [*words[1:], "emissions"]
    text = " ".join(w for w in words if w).replace("  ", " ")
    text = text[:1].upper() + text[1:] if text else name
    return f"{text} {unit}".strip()

