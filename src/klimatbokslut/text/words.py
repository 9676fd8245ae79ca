"""The words for codes: a target's status and a reporting area, in the reader's language.

A code is never translated (it is what the data, the configuration and the CSV files carry);
the word for it comes from the catalogs, with a context (``"target status"``, ``"area"``) because
one English word can need different Swedish words in different places. An unknown code is its
own word.

The status codes are the ones a target result carries today (``helt``, ``delvis``,
``inte alls``, ``värde saknas``).

Examples
--------
>>> status_word("delvis", "en"), status_word("delvis", "sv")
('partly', 'delvis')
>>> area_word("medical_gases", "sv"), area_word("capital", "en"), area_word("elsewhere", "sv")
('Medicinska gaser', 'Capital management', 'elsewhere')
"""

from __future__ import annotations

from .catalog import NP_, ptr

__all__ = ["AREA_WORDS", "STATUS_CLASS", "STATUS_WORDS", "area_word", "status_word"]

#: Target status code → (context, English word).
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "helt": NP_("target status", "met"),
    "delvis": NP_("target status", "partly"),
    "inte alls": NP_("target status", "not at all"),
    "värde saknas": NP_("target status", "no value"),
}

#: CSS class per status code (green / yellow / red / grey).
STATUS_CLASS: dict[str, str] = {"helt": "st-met", "delvis": "st-partly", "inte alls": "st-not",
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
    """The word for a target status code in ``lang`` (the code itself when unknown).

    Examples
    --------
    >>> status_word("värde saknas", "sv"), status_word("helt", "en"), status_word("?", "en")
    ('värde saknas', 'met', '?')
    """
    found = STATUS_WORDS.get(code)
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
