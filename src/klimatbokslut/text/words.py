"""The words for codes: a target's status and a reporting area, in the reader's language.

A code is never translated (it is what the data, the configuration and the CSV files carry);
the word for it comes from the catalogs, with a context (``"target status"``, ``"area"``) because
one English word can need different Swedish words in different places. An unknown code is its
own word.

A target's status is one of five codes (``klimatbokslut.targets.STATUSES``): ``met`` (the target
value is reached), ``on_track`` (before the target year, at or better than the path),
``off_track`` (behind the path), ``not_met`` (the target value is not reached when it had to be)
and ``no_data`` (no value). Each has one word per language, the same everywhere in the report:
*uppnått*, *i fas*, *inte i fas*, *ej uppnått*, *värde saknas*. The older follow-up codes
``helt`` / ``delvis`` / ``inte alls`` (progress from the base year) keep their words too.

Examples
--------
>>> status_word("on_track", "sv"), status_word("off_track", "sv"), status_word("off_track", "en")
('i fas', 'inte i fas', 'off track')
>>> status_word("delvis", "en"), status_word("delvis", "sv")
('partly', 'delvis')
>>> area_word("medical_gases", "sv"), area_word("capital", "en"), area_word("elsewhere", "sv")
('Medicinska gaser', 'Capital management', 'elsewhere')
"""

from __future__ import annotations

from .catalog import NP_, ptr

__all__ = ["AREA_WORDS", "PROGRESS_WORDS", "STATUS_CLASS", "STATUS_WORDS", "area_word", "status_word"]

#: Target status (``TargetResult.status``) → (context, English word); the order is the legend's.
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "met": NP_("target status", "met"),
    "on_track": NP_("target status", "on track"),
    "off_track": NP_("target status", "off track"),
    "not_met": NP_("target status", "not met"),
    "no_data": NP_("target status", "no value"),
}

#: The follow-up code of progress from the base year (``TargetResult.progress_code``) → (context, English word).
PROGRESS_WORDS: dict[str, tuple[str, str]] = {
    "helt": NP_("progress", "fully"),
    "delvis": NP_("progress", "partly"),
    "inte alls": NP_("progress", "not at all"),
    "värde saknas": NP_("target status", "no value"),
}

#: CSS class per status (green / blue-green / yellow / red / grey).
STATUS_CLASS: dict[str, str] = {"met": "st-met", "on_track": "st-on", "off_track": "st-partly", "not_met": "st-not",
                                "no_data": "st-none", "helt": "st-met", "delvis": "st-partly", "inte alls": "st-not",
                                "värde saknas": "st-none"}

#: Reporting-area code (``klimatbokslut.catalogue.AREAS``) → (context, English word).
AREA_WORDS: dict[str, tuple[str, str]] = {
    "energy_buildings": NP_("area", "Energy in buildings"),
    "vehicles": NP_("area", "Own and leased vehicles"),
    "contracted_transport": NP_("area", "Contracted transport"),
    "medical_gases": NP_("area", "Medical gases"),
    "refrigerants": NP_("area", "Refrigerants"),
    "business_travel": NP_("area", "Business travel"),
    "commuting": NP_("area", "Commuting"),
    "food": NP_("area", "Food"),
    "purchases": NP_("area", "Purchases"),
    "waste": NP_("area", "Waste"),
    "capital": NP_("area", "Capital management"),
}


def status_word(code: str, lang: str = "sv") -> str:
    """The word for a target status (or a follow-up progress code) in ``lang`` (the code itself when unknown).

    Examples
    --------
    >>> status_word("met", "sv"), status_word("not_met", "sv"), status_word("no_data", "en"), status_word("?", "en")
    ('uppnått', 'ej uppnått', 'no value', '?')
    >>> status_word("värde saknas", "sv"), status_word("helt", "en")
    ('värde saknas', 'fully')
    """
    found = STATUS_WORDS.get(code) or PROGRESS_WORDS.get(code)
    return code if found is None else ptr(lang, *found)


def area_word(code: str, lang: str = "sv") -> str:
    """The name of a reporting area in ``lang`` (the code itself when unknown).

    Examples
    --------
    >>> area_word("food", "sv"), area_word("food", "en")
    ('Livsmedel', 'Food')
    """
    found = AREA_WORDS.get(code)
    return code if found is None else ptr(lang, *found)
